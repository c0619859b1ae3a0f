"""site/README.md documents every setting, front-matter key, placeholder and checklist value a publisher can use."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from ptguide.checklists import GROUP_TYPES, LEVELS, PAIN_RANGES, PLACEHOLDER_DEFAULTS, QUESTIONS
from ptguide.content import OPTIONAL, REQUIRED, placeholder_values
from ptguide.settings import SCHEMA, load_settings

README = (ROOT / "site" / "README.md").read_text("utf-8")


def table_keys(text: str) -> set[str]:
    """The `key` in the first cell of every Markdown table row."""
    return set(re.findall(r"^\| `([^`]+)` \|", text, re.MULTILINE))


def section(title: str) -> str:
    """The text under a '## title' heading, up to the next '## ' heading."""
    match = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, f"site/README.md has no '## {title}' section"
    return match.group(1)


@pytest.mark.parametrize("key", [key.name for key in SCHEMA])
def test_every_setting_has_a_row_in_the_settings_table(key):
    assert key in table_keys(section("Settings")), f"site/README.md does not document the setting '{key}'"


def test_the_settings_table_has_no_key_the_build_would_reject():
    documented = table_keys(section("Settings"))
    assert documented <= {key.name for key in SCHEMA}, documented - {key.name for key in SCHEMA}


@pytest.mark.parametrize("key", [*REQUIRED, *OPTIONAL])
def test_every_front_matter_key_has_a_row_in_the_answers_table(key):
    assert key in table_keys(section("Answers")), f"site/README.md does not document the front-matter key '{key}'"


def test_the_answers_table_documents_only_real_front_matter_keys():
    keys = table_keys(section("Answers")) - {"emergency", "urgent", "non-urgent"}
    placeholders = {k for k in keys if k.startswith("{{")}
    assert keys - placeholders <= {*REQUIRED, *OPTIONAL}


def test_every_placeholder_is_documented():
    settings = load_settings(ROOT / "site" / "site.toml")
    for name in [*placeholder_values(settings), *PLACEHOLDER_DEFAULTS]:
        assert f"`{{{{{name}}}}}`" in README, name


def test_every_care_card_type_is_documented():
    assert {"emergency", "urgent", "non-urgent"} <= table_keys(section("Answers"))


@pytest.mark.parametrize("word", [*LEVELS, *QUESTIONS, *GROUP_TYPES, *PAIN_RANGES])
def test_every_checklist_value_is_documented(word):
    assert f"`{word}`" in section("Checklists")


def test_the_checklist_files_point_to_a_section_that_exists():
    for path in (ROOT / "site" / "checklists").glob("*.toml"):
        if 'site/README.md ("Checklists")' in path.read_text("utf-8"):
            assert section("Checklists")


PUBLISHER_DOCS = ["site/README.md", "docs/customising.md", "docs/writing-content.md", "docs/deploying.md", "docs/updating.md"]


@pytest.mark.parametrize("doc", PUBLISHER_DOCS)
def test_every_relative_link_and_image_in_the_publisher_docs_exists(doc):
    path = ROOT / doc
    # Examples in code blocks and `code` are not links.
    text = re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```", "", path.read_text("utf-8"), flags=re.MULTILINE | re.DOTALL))
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r'<img src="([^"]+)"', text)
    for target in targets:
        if "://" in target or target.startswith("#"):
            continue
        file, _, anchor = target.partition("#")
        assert (path.parent / file).exists(), f"{doc} links to {target}, which does not exist"
        if anchor and file.endswith(".md"):
            headings = re.findall(r"^#+ (.+)$", (path.parent / file).read_text("utf-8"), re.MULTILINE)
            slugs = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in headings}
            assert anchor in slugs, f"{doc} links to {target}, but {file} has no such heading"
