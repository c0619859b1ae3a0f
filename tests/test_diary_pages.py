"""The diary page's HTML: labelled controls, the clinic's settings, the no-JavaScript log, and the privacy text."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from conftest import FIXED_DATE
from ptguide import create_app


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_every_diary_control_has_a_visible_label(client):
    soup = soup_of(client, "/diary/")
    controls = soup.select("#diary-form input, #diary-form select, #diary-form textarea, select, input[type=file]")
    assert len(controls) >= 15
    for control in controls:
        labelled = control.find_parent("label") or soup.select_one(f'label[for="{control.get("id")}"]')
        assert labelled, control


def test_each_pain_number_is_a_select_from_0_to_10_that_may_be_left_empty(client):
    soup = soup_of(client, "/diary/")
    for name, label in (("painBefore", "Before exercise"), ("painDuring", "During exercise"),
                        ("painAfter", "After exercise"), ("painNextMorning", "Next morning")):
        select = soup.select_one(f"select#diary-{name}")
        assert soup.select_one(f'label[for="diary-{name}"]').get_text() == label
        assert [o.get("value", o.get_text()) for o in select.select("option")] == ["", *map(str, range(11))]


def test_the_acceptable_pain_line_comes_from_the_settings(site_copy):
    toml = site_copy / "site.toml"
    toml.write_text(toml.read_text("utf-8").replace("acceptable = 5", "acceptable = 3"), "utf-8")
    client = create_app({"SITE_DIR": site_copy, "BUILD_DATE": FIXED_DATE}).test_client()
    soup = soup_of(client, "/diary/")
    data = json.loads(soup.select_one("script#diary-data").string)
    assert data["acceptablePain"] == 3
    assert data["limitFromClinic"] is True
    assert "The limit your clinic set (3)" in soup.select_one(".app-diary-chart__legend").get_text()


def test_the_default_limit_is_called_the_guides_general_one_not_the_programmes(client):
    # CONTENT.md A7: 5 is the site's default, not what the patient's programme allows.
    soup = soup_of(client, "/diary/")
    legend = soup.select_one(".app-diary-chart__legend").get_text()
    assert "The general limit this guide uses (5)" in legend and "programme" not in legend
    assert json.loads(soup.select_one("script#diary-data").string)["limitFromClinic"] is False


def test_the_hint_explains_why_the_week_to_week_pattern_waits_for_two_rises(client):
    # CONTENT.md M13.
    hint = soup_of(client, "/diary/").select_one("#diary-observations").find_next("p").get_text()
    assert "two weeks in a row" in hint and "one unusual week" in hint


def test_the_page_script_knows_every_pain_check_heading(client):
    data = json.loads(soup_of(client, "/diary/").select_one("script#diary-data").string)
    assert set(data["checks"]) == {"keep-going", "tell-therapist", "see-doctor", "urgent", "emergency"}


def test_the_page_has_no_inline_script_or_style_and_loads_its_own_bundle(client):
    soup = soup_of(client, "/diary/")
    assert not soup.select("[style]")
    inline = [s for s in soup.select("script:not([src])") if s.get("type") != "application/json"]
    assert len(inline) == 1, "only the js-enabled switch, allowed by its hash"
    assert any(re.search(r"gen/diary\.[0-9a-f]{8}\.js$", s["src"]) for s in soup.select("script[src]"))


def test_the_share_code_is_named_in_the_page_but_not_loaded_with_it(client):
    soup = soup_of(client, "/diary/")
    url = soup.select_one('[data-module="diary"]')["data-share-script"]
    assert re.fullmatch(r"\.\./static/gen/diary-share\.[0-9a-f]{8}\.js", url), "relative and hashed, from bundle_url()"
    assert not soup.select('script[src*="diary-share"]'), "the page script fetches it when the patient first shares"


def test_without_javascript_the_page_says_why_and_offers_a_blank_log(client):
    soup = soup_of(client, "/diary/")
    fallback = soup.select_one(".app-diary-nojs")
    assert "needs JavaScript" in fallback.get_text() and "print" in fallback.get_text()
    assert len(fallback.select("tbody tr")) >= 8
    assert "Nothing is sent anywhere" in soup.select_one("main").get_text()
    assert "app-js-only" in soup.select_one(".app-diary")["class"], "the tool is hidden by CSS until the js-enabled switch runs"


def test_the_diary_is_in_the_menu_and_among_the_tools_on_the_home_page(client):
    soup = soup_of(client, "/")
    assert soup.select_one('.app-nav a[href="diary/"]')
    assert soup.select_one('.app-tool-list a[href="diary/"]')


def test_the_privacy_section_says_what_is_kept_where_and_how_to_export_and_delete_it(client):
    soup = soup_of(client, "/about/")
    heading = soup.select_one("h2#privacy")
    text = " ".join(tag.get_text(" ") for tag in heading.find_next_siblings() if tag.find_previous_sibling("h2") is heading)
    for words in ("pain diary", "pain check", "next-session", "local storage", "this device", "Safari",
                  "home-screen app", "Export a full copy", "Delete all my data"):
        assert words in text, words


def test_the_warning_line_after_a_saved_pain_check_uses_the_pain_checks_heading_and_the_sites_wording(site_copy):
    # B2: what the diary's first observation says after a saved Emergency or Urgent result; one copy of the advice.
    import textstat

    toml = site_copy / "site.toml"
    toml.write_text(toml.read_text("utf-8").replace('emergency_number = ""', 'emergency_number = "999"'), "utf-8")
    client = create_app({"SITE_DIR": site_copy, "BUILD_DATE": FIXED_DATE}).test_client()
    data = json.loads(soup_of(client, "/diary/").select_one("script#diary-data").string)
    emergency = "call your local emergency number (for example 911 in the US and Canada, 999 in the UK, 112 in the EU)"
    assert data["warnings"]["emergency"] == (
        f"It said: {data['checks']['emergency']}. If you have not had help yet, do not wait: {emergency}. Call 999. "
        "Tell your therapist too.")
    assert data["warnings"]["urgent"] == (
        f"It said: {data['checks']['urgent']}. If you have not had help yet, contact a doctor today for an urgent "
        f"appointment. If you get any emergency sign, do not wait: {emergency}. Call 999. Tell your therapist too.")
    for text in data["warnings"].values():
        line = f"Your diary has a pain check from 3 Nov 2026. {text}"
        assert textstat.flesch_kincaid_grade(line) <= 8, line
