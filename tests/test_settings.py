"""Mistakes in site/site.toml are caught with the key, the line and what is allowed."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import FIXTURES
from ptguide.errors import ContentError
from ptguide.settings import load_settings, review_warnings


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


def test_the_call_numbers_are_optional_and_111_is_allowed_only_as_the_urgent_line(site_copy):
    path = edit(site_copy, 'urgent_number = ""', 'urgent_number = "111"')
    settings = load_settings(edit(site_copy, 'emergency_number = ""', 'emergency_number = "999"'))
    assert (settings["safety.emergency_number"], settings["safety.urgent_number"]) == ("999", "111")
    text = path.read_text().replace('emergency_number = "999"\n', "").replace('urgent_number = "111"\n', "")
    path.write_text(text)
    settings = load_settings(path)
    assert (settings["safety.emergency_number"], settings["safety.urgent_number"]) == ("", "")


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
    ('emergency_number = ""', 'emergency_number = "111"', "'safety.emergency_number' is 111"),
    ('emergency_number = ""', 'emergency_number = "call 999"', "'safety.emergency_number' is not a phone number"),
    ('urgent_number = ""', 'urgent_number = "NHS 111"', "'safety.urgent_number' is not a phone number"),
    ('lang = "en"', 'langauge = "en"', "unknown setting 'langauge'"),
    ('lang = "en"', 'lang = "English"', "'lang' is not a language tag"),
    ('base_url = ""', 'base_url = "http://someone.github.io/pt-guide/"', "'base_url' is not a full address starting with https://"),
    ('base_url = ""', 'base_url = "https://someone.github.io/pt-guide"', "'base_url' must end with \"/\""),
    ('base_url = ""', 'base_url = "https://someone.github.io/pt-guide/?from=qr"', "'base_url' must end with \"/\""),
    ('base_url = ""', 'base_url = "pt-guide/"', "'base_url' is not a full address"),
    ('\nurl = ""', '\nurl = "http://clinic.example/"', "'clinic.url' is not a full address starting with https://"),
    ('\nurl = ""', '\nurl = "www.clinic.example"', "'clinic.url' is not a full address starting with https://"),
    # Review 13, finding 8: HTML pasted into an address, and words instead of a phone number.
    ('\nurl = ""', '\nurl = "https://x.example/\\"><script>alert(1)</script>"', "'clinic.url' holds \" < >"),
    ('base_url = ""', 'base_url = "https://x.example/<b>/"', "'base_url' holds < >"),
    ('phone = ""', 'phone = "call us any time"', "'clinic.phone' is not a phone number"),
    ('theme = "#005eb8"', 'theme = "#2e8b57"', "'colours.theme' \"#2e8b57\": the white menu text on it has a contrast of 4.24:1"),
    ('background = "#ffffff"', 'background = "#000000"', "'colours.background' \"#000000\" is too dark"),
    ('reviewed_by = ""', 'reviewed_by = ""\nreviewed_on = "27/11/2026"', "'review.reviewed_on' should be a date"),
])
def test_each_bad_setting_is_named_with_what_is_allowed(site_copy, old, new, expected):
    found = messages(edit(site_copy, old, new))
    assert any(expected in m for m in found), found


def test_a_top_level_setting_written_under_a_section_says_to_move_it(site_copy):
    path = site_copy / "site.toml"
    text = path.read_text().replace('base_url = ""\n', "")
    path.write_text(text + 'base_url = "https://someone.github.io/pt-guide/"\n')
    (problem,) = [p for p in _problems(path) if "base_url" in p.message]
    last_section = [line for line in text.splitlines() if line.startswith("[")][-1].strip("[]")
    assert f"unknown setting '{last_section}.base_url'" in problem.message
    assert "above the first [section] line" in problem.fix
    assert problem.line == len(path.read_text().splitlines())


def test_a_problem_in_a_section_points_at_that_sections_line(site_copy):
    path = edit(site_copy, '\nurl = ""', '\nurl = "ftp://clinic.example/"')
    (problem,) = _problems(path)
    assert path.read_text().splitlines()[problem.line - 1].startswith('url = "ftp:')


def _problems(path):
    with pytest.raises(ContentError) as caught:
        load_settings(path)
    return caught.value.problems


def test_the_default_site_names_no_reviewer_and_so_has_no_review_date(site_copy):
    settings = load_settings(site_copy / "site.toml")
    assert settings["review.reviewed_by"] == ""
    assert settings["review.reviewed_on"] is None


def test_the_old_content_reviewed_key_stops_the_build_naming_the_new_keys(site_copy):
    path = edit(site_copy, 'lang = "en"\n', 'lang = "en"\ncontent_reviewed = 2026-11-27\n')
    (problem,) = _problems(path)
    assert "'content_reviewed' has been replaced" in problem.message
    for key in ("review.reviewed_by", "review.reviewed_on", "review.next_review"):
        assert key in problem.message
    assert "[review]" in problem.fix and "reviewed_by" in problem.fix
    assert path.read_text().splitlines()[problem.line - 1].startswith("content_reviewed")


def test_a_review_date_without_a_reviewer_is_refused(site_copy):
    path = edit(site_copy, "# reviewed_on = 2026-12-01", "reviewed_on = 2026-12-01")
    (problem,) = _problems(path)
    assert "'review.reviewed_on' is set, but 'review.reviewed_by' is empty" in problem.message
    assert path.read_text().splitlines()[problem.line - 1].startswith("reviewed_on")


def test_a_reviewer_without_a_date_is_refused(site_copy):
    path = edit(site_copy, 'reviewed_by = ""', 'reviewed_by = "Sam Lee, physical therapist"')
    (problem,) = _problems(path)
    assert "there is no 'review.reviewed_on'" in problem.message


def test_a_next_review_without_a_review_is_refused(site_copy):
    path = edit(site_copy, "# next_review = 2027-06-01", "next_review = 2027-06-01")  # P17
    (problem,) = _problems(path)
    assert "'review.next_review' is set, but there is no 'review.reviewed_on'" in problem.message
    assert path.read_text().splitlines()[problem.line - 1].startswith("next_review")
    assert "delete the next_review line" in problem.fix


def reviewed(site_copy, next_review="2027-06-01"):
    edit(site_copy, 'reviewed_by = ""', 'reviewed_by = "Sam Lee, physical therapist"')
    edit(site_copy, "# reviewed_on = 2026-12-01", "reviewed_on = 2026-12-01")
    return edit(site_copy, "# next_review = 2027-06-01", f"next_review = {next_review}")


def test_a_next_review_before_the_review_is_refused(site_copy):
    (problem,) = _problems(reviewed(site_copy, "2026-01-01"))
    assert "'review.next_review' is not after 'review.reviewed_on'" in problem.message


def test_a_passed_next_review_warns_and_does_not_stop_the_build(site_copy):
    path = reviewed(site_copy)
    settings = load_settings(path)
    assert review_warnings(path, settings, dt.date(2027, 6, 1)) == []
    (warning,) = review_warnings(path, settings, dt.date(2027, 6, 2))
    assert "was due on 2027-06-01, which has passed" in warning.message
    assert path.read_text().splitlines()[warning.line - 1].startswith("next_review")


def test_every_page_footer_names_the_reviewer_and_the_next_review(site_copy, monkeypatch):
    from bs4 import BeautifulSoup

    from ptguide import create_app

    reviewed(site_copy)
    monkeypatch.setenv("PTGUIDE_SITE", str(site_copy))
    client = create_app({"TESTING": True, "BUILD_DATE": dt.date(2026, 12, 2)}).test_client()
    footer = BeautifulSoup(client.get("/faq/").text, "html.parser").select_one("footer").get_text(" ", strip=True)
    assert "Last reviewed 1 December 2026 by Sam Lee, physical therapist. Next review due 1 June 2027." in footer


def test_the_default_footer_says_not_yet_reviewed(client):
    from bs4 import BeautifulSoup

    footer = BeautifulSoup(client.get("/").text, "html.parser").select_one("footer").get_text(" ", strip=True)
    assert "Not yet reviewed by a clinician." in footer
    assert "Last reviewed" not in footer


# Review 13, finding 9: messages in words a publisher without a programmer can act on.
def test_curly_quotes_in_the_settings_say_to_use_straight_quotes(site_copy):
    (problem,) = _problems(edit(site_copy, 'short_name = "PT Guide"', "short_name = \u201cPT Guide\u201d"))
    assert "not valid TOML" in problem.message and problem.line
    assert problem.fix.startswith('use straight quotes "…" instead of curly ones “…”')


def test_a_colour_that_is_not_hex_says_how_to_write_one(site_copy):
    (problem,) = _problems(edit(site_copy, 'theme = "#005eb8"', 'theme = "purple"'))
    assert problem.fix == 'use # and six digits or letters a to f, such as "#005eb8"'


def test_a_file_in_latin_1_names_the_line_column_and_character_not_a_byte(site_copy):
    path = site_copy / "site.toml"
    text = path.read_text("utf-8").replace('\nname = ""', '\nname = "Clinique Genève"', 1)
    path.write_bytes(text.encode("latin-1", "replace"))
    (problem,) = _problems(path)
    line = text.splitlines()[problem.line - 1]
    assert line == 'name = "Clinique Genève"'
    assert f'the character "è" in column {line.index("è") + 1} cannot be read' in problem.message
    assert "byte" not in problem.message


def test_a_file_saved_as_utf_16_says_so(site_copy):
    path = site_copy / "site.toml"
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    (problem,) = _problems(path)
    assert 'saved as UTF-16 (Notepad calls it "Unicode")' in problem.message
    assert problem.fix.startswith("save the file with UTF-8") and 'not "Unicode"' in problem.fix
