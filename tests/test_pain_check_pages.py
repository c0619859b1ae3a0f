"""The pain check and next-session pages, as HTML: every item, label and rule is there without a script."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from ptguide import create_app
from ptguide.checklists import LEVELS
from ptguide.errors import ContentError


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def checklist(app, name: str) -> dict:
    return app.extensions["ptguide"]["checklists"][name]


def label_text(soup: BeautifulSoup, control) -> str:
    label = soup.select_one(f'label[for="{control["id"]}"]')
    assert label is not None, f"no label for #{control['id']}"
    return label.get_text(" ", strip=True)


@pytest.fixture
def pain_page(client) -> BeautifulSoup:
    return soup_of(client, "/pain-check/")


@pytest.fixture
def next_page(client) -> BeautifulSoup:
    return soup_of(client, "/next-session/")


def test_every_pain_check_item_is_a_labelled_control_or_a_scale_range(app, pain_page):
    data = checklist(app, "pain_check")
    types = {group["id"]: group["type"] for group in data["groups"]}
    for item in data["items"]:
        node = pain_page.select_one(f"#pc-item-{item['id']}")
        assert node is not None, item["id"]
        if types[item["group"]] == "scale":
            assert node.get_text(strip=True) == item["text"]
            assert node.find_parent(attrs={"role": "group"})["aria-labelledby"] == node["id"]
            continue
        assert node.name == "input" and node["value"] == item["id"]
        assert node["type"] == ("radio" if types[item["group"]] == "choice" else "checkbox")
        assert node["name"] == (item["group"] if types[item["group"]] == "choice" else "ticked")
        assert label_text(pain_page, node) == item["text"]
        if item["hint"]:
            hint = pain_page.select_one(f"#{node['aria-describedby']}")
            assert hint.get_text(strip=True) == item["hint"]


def test_the_pain_score_is_eleven_labelled_radios_split_at_the_acceptable_level(app, pain_page):
    radios = pain_page.select('input[type="radio"][name="pain"]')
    assert [r["value"] for r in radios] == [str(n) for n in range(11)]
    assert [label_text(pain_page, r) for r in radios] == [str(n) for n in range(11)]
    acceptable = app.extensions["ptguide"]["settings"]["pain.acceptable"]
    ranges = pain_page.select(".app-scale__range")
    assert [len(r.select("input")) for r in ranges] == [acceptable + 1, 10 - acceptable]
    fieldset = radios[0].find_parent("fieldset")
    assert fieldset.legend.get_text(strip=True) == "How bad is the pain right now?"


def test_every_group_is_a_fieldset_with_its_legend_and_its_rule_under_it(app, pain_page):
    for group in checklist(app, "pain_check")["groups"]:
        fieldset = pain_page.select_one(f"fieldset#pc-group-{group['id']}")
        assert fieldset is not None, group["id"]
        assert fieldset.legend.get_text(strip=True) == group["title"]
        rule = fieldset.select_one(".app-rule")
        assert rule.get_text(" ", strip=True) == f"What to do: {group['rule']}"
        is_warning = "app-fieldset--warning" in fieldset["class"]
        assert is_warning == (group["question"] == "warning"), group["id"]


def test_warning_signs_come_first_under_their_own_question_each_with_i_have_none_of_these(app, pain_page):
    form = pain_page.select_one("#pc-form")
    order = [tag.get("id") for tag in form.find_all(["h2", "fieldset"])]
    assert order[0] == "pc-question-warning"
    exercise_heading = order.index("pc-question-exercise")
    for group in checklist(app, "pain_check")["groups"]:
        position = order.index(f"pc-group-{group['id']}")
        assert (position < exercise_heading) == (group["question"] == "warning"), group["id"]
        none = pain_page.select_one(f"#pc-group-{group['id']} input[name=none]")
        assert (none is not None) == (group["question"] == "warning"), group["id"]
        if none:
            assert none["value"] == group["id"] and label_text(pain_page, none) == "I have none of these"


def test_the_form_is_cut_into_steps_each_with_the_groups_that_share_a_step(app, pain_page):
    steps = pain_page.select("#pc-form .app-step")
    groups = checklist(app, "pain_check")["groups"]
    expected = []
    for group in groups:
        if expected and expected[-1][-1]["step"] == group["step"]:
            expected[-1].append(group)
        else:
            expected.append([group])
    assert [[f["id"] for f in step.select("fieldset")] for step in steps] == [[f"pc-group-{g['id']}" for g in s] for s in expected]
    assert len(steps) >= 4


def test_the_emergency_wording_from_the_settings_is_on_the_page_and_in_the_script_data(app, pain_page):
    emergency = app.extensions["ptguide"]["settings"]["safety.emergency"]
    urgent_care = app.extensions["ptguide"]["settings"]["safety.urgent_care"]
    rules = " ".join(rule.get_text(" ", strip=True) for rule in pain_page.select(".app-rule"))
    assert emergency in rules and urgent_care in rules
    data = json.loads(pain_page.select_one("script#pain-check-data").string)
    bodies = {outcome["level"]: outcome["body"] for outcome in data["outcomes"]}
    assert emergency in bodies["emergency"] and emergency in bodies["urgent"]
    assert not re.search(r"(?<!\d)111(?!\d)", pain_page.get_text())
    assert "{{" not in pain_page.decode()


def test_the_script_data_holds_every_outcome_item_and_faq_link_it_needs(app, pain_page):
    data = json.loads(pain_page.select_one("script#pain-check-data").string)
    assert [outcome["level"] for outcome in data["outcomes"]] == list(LEVELS)
    assert {item["id"] for item in data["items"]} == {item["id"] for item in checklist(app, "pain_check")["items"]}
    assert data["acceptablePain"] == app.extensions["ptguide"]["settings"]["pain.acceptable"]
    for outcome in data["outcomes"]:
        link = data["faq"][outcome["faq"]]
        assert link["url"] == f"../faq/{outcome['faq']}/"


def test_the_outcome_area_is_a_hidden_care_card_with_a_hidden_important_prefix_and_live_regions(pain_page):
    result = pain_page.select_one("section#pc-result")
    assert result.has_attr("hidden"), "no outcome until the script has answers to judge"
    card = result.select_one("#pc-card")
    heading = card.select_one(".app-care-card__heading")
    assert heading.select_one(".app-visually-hidden#pc-card-level"), "the script names the level there"
    assert pain_page.select_one("#pc-announce-polite")["aria-live"] == "polite"
    assert pain_page.select_one("#pc-announce-assertive")["aria-live"] == "assertive"
    assert [b.get_text(strip=True) for b in result.select("#pc-actions button")] == ["Save to my diary", "Start again"]
    assert pain_page.select_one("dialog#pc-confirm form")["method"] == "dialog"
    safe = pain_page.select_one("dialog#pc-confirm button[autofocus]")
    assert safe.get_text(strip=True) == "No, keep them", "Enter twice must never wipe the answers"


def test_no_call_link_without_a_number_in_the_settings(pain_page):
    assert not pain_page.select('a[href^="tel:"]')


def test_the_call_links_dial_the_numbers_in_the_settings_and_111_only_as_the_urgent_line(site_copy):
    path = site_copy / "site.toml"
    text = path.read_text().replace('emergency_number = ""', 'emergency_number = "999"')
    path.write_text(text.replace('urgent_number = ""', 'urgent_number = "111"'))
    page = soup_of(create_app({"TESTING": True, "SITE_DIR": site_copy}).test_client(), "/pain-check/")
    card = page.select_one("#pc-card")
    assert [(a["href"], a.get_text()) for a in card.select("#pc-call-emergency a")] == [("tel:999", "Call 999")]
    assert [(a["href"], a.get_text()) for a in card.select("#pc-call-urgent a")] == [("tel:111", "Call 111")]
    # Without the script the warning groups offer the same calls, each under its own level's rule.
    assert [a["href"] for a in page.select("#pc-group-emergency-signs a[href^='tel:']")] == ["tel:999"]
    assert [a["href"] for a in page.select("#pc-group-urgent-signs a[href^='tel:']")] == ["tel:111"]
    assert "111" not in card.select_one("#pc-call-emergency").get_text()


def test_the_pages_load_their_own_bundle_and_have_no_inline_script_or_style(pain_page, next_page):
    for soup, bundle in ((pain_page, "pain-check"), (next_page, "next-session")):
        sources = [s["src"] for s in soup.select("script[src]")]
        assert any(re.fullmatch(rf"\.\./static/gen/{bundle}\.[0-9a-f]{{8}}\.js", s) for s in sources), sources
        inline = [s for s in soup.select("script:not([src])") if s.get("type") != "application/json"]
        assert len(inline) == 1, "only the page shell's one-line js-enabled switch"
        assert not soup.select("[style]")


def test_both_pages_are_tools_in_the_menu_and_on_the_home_page(client):
    home = soup_of(client, "/")
    tools = {a["href"]: a.get_text(strip=True) for a in home.select(".app-tool-list__link")}
    assert tools.get("pain-check/") == "Pain check"
    assert tools.get("next-session/") == "Next session"
    menu = soup_of(client, "/pain-check/").select_one('.app-nav a[aria-current="page"]')
    assert menu.get_text(strip=True) == "Pain check"


def test_every_next_session_item_is_a_labelled_checkbox_and_the_note_has_a_label(app, next_page):
    data = checklist(app, "next_session")
    for group in data["groups"]:
        fieldset = next_page.select_one(f"fieldset#ns-group-{group['id']}")
        assert fieldset.legend.get_text(strip=True) == group["title"]
    for item in data["items"]:
        box = next_page.select_one(f"#ns-item-{item['id']}")
        assert box["type"] == "checkbox" and box["name"] == "ticked" and box["value"] == item["id"]
        assert label_text(next_page, box) == item["text"]
        assert box.find_parent("fieldset")["id"] == f"ns-group-{item['group']}"
    note = next_page.select_one("textarea#ns-note")
    assert label_text(next_page, note) == data["note_label"]
    assert next_page.select_one(f"#{note['aria-describedby']}").get_text(strip=True) == data["note_hint"]
    assert "app-note__print" in next_page.select_one("#ns-note-print")["class"]


def test_the_acceptable_pain_setting_reaches_the_scale_the_rules_and_the_script(site_copy):
    settings = site_copy / "site.toml"
    settings.write_text(settings.read_text("utf-8").replace("acceptable = 5", "acceptable = 3"), "utf-8")
    app = create_app({"TESTING": True, "SITE_DIR": site_copy})
    page = soup_of(app.test_client(), "/pain-check/")
    assert [len(r.select("input")) for r in page.select(".app-scale__range")] == [4, 7]
    assert "Your pain is above 3 out of 10." in page.get_text()
    assert json.loads(page.select_one("script#pain-check-data").string)["acceptablePain"] == 3


def test_a_broken_checklist_stops_the_app_with_a_content_error_naming_the_file(site_copy):
    path = site_copy / "checklists" / "pain-check.toml"
    chest_pain = 'level = "emergency"\ntext = "Chest pain"'
    path.write_text(path.read_text("utf-8").replace(chest_pain, chest_pain.replace("emergency", "keep-going")), "utf-8")
    with pytest.raises(ContentError) as caught:
        create_app({"TESTING": True, "SITE_DIR": site_copy})
    assert any(p.path == path and "chest-pain" in p.message for p in caught.value.problems)


def test_the_tell_therapist_card_says_to_tell_them_at_the_next_visit_and_sooner_if_it_keeps_happening(client, pain_page):
    # The physiotherapist's review of issue 15 (P16): the card never reads as "do nothing unless it repeats".
    said = "Tell your therapist at your next visit. If it keeps happening, contact them sooner."
    pain_data = json.loads(pain_page.select_one("script#pain-check-data").string)
    session = soup_of(client, "/session/")
    session_data = json.loads(session.select_one("script#session-data").string)
    for data in (pain_data, session_data):
        card = next(outcome for outcome in data["outcomes"] if outcome["level"] == "tell-therapist")
        assert said in card["body"] and "before your next visit" not in card["body"]
    home = " ".join(soup_of(client, "/").get_text(" ").split())
    assert said in home
