"""Mistakes in site/site.toml are caught with the key, the line and what is allowed."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES

from ptguide.errors import ContentError
from ptguide.settings import load_settings


def edit(site_copy, old: str, new: str):
    path = site_copy / "site.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return path


def messages(path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_settings(path)
    return [str(p) for p in caught.value.problems]


def test_the_real_settings_load(site_copy):
    settings = load_settings(site_copy / "site.toml")
    assert settings["short_name"] and len(settings["short_name"]) <= 12


def test_broken_toml_names_the_line(site_copy):
    shutil.copy(FIXTURES / "settings" / "bad-toml.toml", site_copy / "site.toml")
    (message,) = messages(site_copy / "site.toml")
    assert "site.toml:2" in message and "not valid TOML" in message


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('short_name = "PT Guide"', 'short_name = "Physio Pocket Guide"', "'short_name' is 19 characters long"),
    ("acceptable = 5", "acceptable = 12", "'pain.acceptable' must be a whole number from 1 to 9"),
    ("acceptable = 5", 'acceptable = "5"', "'pain.acceptable' should be a whole number"),
    ('theme = "#005eb8"', 'theme = "blue"', "'colours.theme' is not a colour"),
    ("emergency = \"call", "emergency = \"call 111 or", "mentions 111"),
    ('lang = "en"', 'langauge = "en"', "unknown setting 'langauge'"),
])
def test_each_bad_setting_is_named_with_what_is_allowed(site_copy, old, new, expected):
    found = messages(edit(site_copy, old, new))
    assert any(expected in m for m in found), found
