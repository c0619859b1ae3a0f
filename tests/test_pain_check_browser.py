"""The pain check and the next-session list in a real Chromium: answers kept, outcomes safe, junk survived."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from browser import PageWatch
from ptguide import create_app

pytestmark = pytest.mark.browser

NAMESPACE = "/pt-guide/"  # the app's scope under served_under_subpath
PAIN_KEY = f"ptguide:{NAMESPACE}:pain-check"
NEXT_KEY = f"ptguide:{NAMESPACE}:next-session"
CHECKLIST = create_app().extensions["ptguide"]["checklists"]["pain_check"]
GROUPS = {group["id"]: group for group in CHECKLIST["groups"]}
WARNING_ITEMS = [item for item in CHECKLIST["items"] if GROUPS[item["group"]]["question"] == "warning"]
HEADINGS = {outcome["level"]: outcome["heading"] for outcome in CHECKLIST["outcomes"]}


def open_page(context, url: str):
    page = context.new_page()
    watch = PageWatch().attach(page)
    page.goto(url)
    return page, watch


def reload(page) -> None:
    """Reload once the page is quiet, so a late request (the icon) is not aborted halfway."""
    page.wait_for_load_state("networkidle")
    page.reload()


def stored(page, key: str):
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return None if raw is None else json.loads(raw)


def heading(page) -> str:
    return page.locator("#pc-card-heading").inner_text()


def test_nothing_is_shown_as_an_outcome_until_something_is_answered(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    assert page.locator("#pc-result").is_visible()
    assert page.locator("#pc-card").is_hidden()
    assert page.locator("#pc-empty").is_visible()
    assert page.get_by_role("button", name="Save to my diary").is_hidden()
    assert page.locator("#pc-problem").is_hidden()
    assert not watch.problems


def test_answers_and_outcome_come_back_after_a_reload_and_the_open_page_works_offline(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("7", exact=True).check()
    page.get_by_label("During exercise").check()
    page.get_by_label("It builds up with each repeat").check()
    page.get_by_label("Sharp or shooting pain").check()
    assert heading(page) == HEADINGS["tell-therapist"]
    assert stored(page, PAIN_KEY)["data"]["answers"] == {
        "pain": 7, "when": "when-during", "behaviour": "behaviour-building", "ticked": ["sharp-or-shooting"],
    }

    reload(page)
    assert page.get_by_label("7", exact=True).is_checked()
    assert page.get_by_label("During exercise").is_checked()
    assert page.get_by_label("It builds up with each repeat").is_checked()
    assert page.get_by_label("Sharp or shooting pain").is_checked()
    assert heading(page) == HEADINGS["tell-therapist"]
    assert "Your pain is above 5 out of 10." in page.locator("#pc-card-why").inner_text()

    # With the network gone, the page already open still judges answers and saves them.
    phone.set_offline(True)
    page.get_by_label("Chest pain").check()
    assert heading(page) == HEADINGS["emergency"]
    page.get_by_role("button", name="Save to my diary").click()
    assert stored(page, PAIN_KEY)["data"]["saved"]["level"] == "emergency"
    phone.set_offline(False)

    reload(page)
    assert page.get_by_label("Chest pain").is_checked()
    assert heading(page) == HEADINGS["emergency"]
    assert "Last saved to your diary" in page.locator("#pc-saved").inner_text()
    assert not watch.problems


def test_save_to_my_diary_writes_the_result_with_a_local_date_and_time(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("3", exact=True).check()
    page.get_by_role("button", name="Save to my diary").click()
    record = stored(page, PAIN_KEY)
    assert record["schema"] == 1
    saved = record["data"]["saved"]
    assert saved["level"] == "keep-going" and saved["heading"] == HEADINGS["keep-going"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", saved["at"])
    local_now = page.evaluate("(() => { const d = new Date(); d.setSeconds(0, 0); return d.getTime(); })()")
    saved_time = page.evaluate("at => new Date(at).getTime()", saved["at"])  # no zone: parsed as local time
    assert abs(local_now - saved_time) <= 60_000
    assert "Saved to your diary" in page.get_by_role("status").filter(has_text="diary").inner_text()


def test_every_warning_sign_with_pain_0_is_urgent_or_emergency_and_never_keep_going(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("0", exact=True).check()
    page.get_by_label("It eases after a few repeats").check()
    assert heading(page) == HEADINGS["keep-going"]
    for item in WARNING_ITEMS:
        box = page.locator(f"#pc-item-{item['id']}")
        box.check()
        assert heading(page) == HEADINGS[item["level"]], item["id"]
        assert heading(page) != HEADINGS["keep-going"]
        assert item["text"] in page.locator("#pc-card-why").inner_text()
        card_class = page.locator("#pc-card").get_attribute("class")
        assert f"app-care-card--{item['level']}" in card_class, item["id"]
        box.uncheck()
    assert not watch.problems


def test_a_high_pain_score_alone_is_never_an_emergency(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("10", exact=True).check()
    assert heading(page) == HEADINGS["tell-therapist"]
    assert page.locator("#pc-announce-assertive").inner_text() == ""
    assert page.locator("#pc-announce-polite").inner_text() == f"Result: {HEADINGS['tell-therapist']}"


def test_an_emergency_is_announced_assertively_and_others_politely(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Chest pain").check()
    assert page.locator("#pc-announce-assertive").inner_text() == f"Result: {HEADINGS['emergency']}"
    assert page.locator("#pc-announce-polite").inner_text() == ""
    page.get_by_label("Chest pain").uncheck()
    page.get_by_label("You have a fever (a high temperature) as well as back pain").check()
    assert page.locator("#pc-announce-polite").inner_text() == f"Result: {HEADINGS['urgent']}"
    assert page.locator("#pc-announce-assertive").inner_text() == ""


def test_the_check_can_be_done_with_the_keyboard_alone(browser, served_under_subpath):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page, watch = open_page(context, served_under_subpath + "pain-check/")

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(e => {predicate})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_to("e.name === 'pain'")
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "7"
    tab_to("e.name === 'when'")
    page.keyboard.press("Space")
    tab_to("e.value === 'chest-pain'")
    page.keyboard.press("Space")
    assert heading(page) == HEADINGS["emergency"]
    assert page.locator("#pc-announce-assertive").inner_text() == f"Result: {HEADINGS['emergency']}"

    tab_to("e.id === 'pc-save'")
    page.keyboard.press("Enter")
    assert stored(page, PAIN_KEY)["data"]["saved"]["level"] == "emergency"
    tab_to("e.id === 'pc-reset'")
    page.keyboard.press("Enter")
    assert page.locator("#pc-confirm").is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Yes, clear my answers"
    page.keyboard.press("Enter")
    expect(page.locator("#pc-confirm")).to_be_hidden()
    expect(page.locator("#pc-card")).to_be_hidden()
    assert stored(page, PAIN_KEY)["data"]["answers"] == {"pain": None, "when": None, "behaviour": None, "ticked": []}
    assert stored(page, PAIN_KEY)["data"]["saved"]["level"] == "emergency", "the diary's copy stays"
    context.close()
    assert not watch.problems


def test_start_again_asks_first_and_keeps_the_answers_when_cancelled(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Every exercise hurts").check()
    page.get_by_role("button", name="Start again").click()
    page.get_by_role("button", name="No, keep them").click()
    expect(page.locator("#pc-confirm")).to_be_hidden()
    assert page.get_by_label("Every exercise hurts").is_checked()
    assert heading(page) == HEADINGS["tell-therapist"]
    page.get_by_role("button", name="Start again").click()
    page.get_by_role("button", name="Yes, clear my answers").click()
    expect(page.get_by_label("Every exercise hurts")).not_to_be_checked()
    expect(page.locator("#pc-empty")).to_be_visible()
    expect(page.locator("#pc-announce-polite")).to_have_text("Your answers were cleared.")


def test_without_javascript_every_item_and_every_rule_shows_and_no_outcome_does(browser, served_under_subpath):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page, watch = open_page(context, served_under_subpath + "pain-check/")
    for item in CHECKLIST["items"]:
        node = page.locator(f"#pc-item-{item['id']}")
        if GROUPS[item["group"]]["type"] == "scale":
            assert node.is_visible() and node.inner_text() == item["text"]
        else:
            assert page.get_by_label(item["text"], exact=True).is_visible(), item["id"]
    for n in range(11):
        assert page.get_by_label(str(n), exact=True).is_visible()
    rules = page.locator(".app-rule")
    assert rules.count() == len(CHECKLIST["groups"])
    for index, group in enumerate(CHECKLIST["groups"]):
        assert rules.nth(index).is_visible()
        assert group["rule"] in rules.nth(index).inner_text()
    assert page.locator("#pc-result").is_hidden()
    assert page.locator(".app-no-js").is_visible()
    page.goto(served_under_subpath + "next-session/")
    assert page.get_by_label("Your own notes").is_visible()
    assert page.locator("#ns-actions").is_hidden()
    context.close()
    assert not watch.problems


JUNK = {
    "not JSON": "{this is not json",
    "wrong shape": json.dumps({"schema": 1, "savedAt": "2026-11-01T10:00:00Z", "data": {"answers": "all of them"}}),
}
NEWER = json.dumps({"schema": 99, "savedAt": "2030-01-01T10:00:00Z", "data": {"answers": {}}})


def without_rev(data: dict) -> dict:
    """The next-session record without its save counter (docs/storage.md)."""
    return {k: v for k, v in data.items() if k != "rev"}


@pytest.mark.parametrize("junk", JUNK.values(), ids=JUNK.keys())
@pytest.mark.parametrize("path, key, label, box", [
    ("pain-check/", PAIN_KEY, "pain check answers", "#pc-problem"),
    ("next-session/", NEXT_KEY, "next-session list", "#ns-problem"),
], ids=["pain-check", "next-session"])
def test_junk_under_the_apps_key_is_reported_and_set_aside_and_the_page_still_works(
    phone, served_under_subpath, path, key, label, box, junk,
):
    page, watch = open_page(phone, served_under_subpath + path)
    other_app = "ptguide:/other-app/:pain-check"
    page.evaluate("([key, junk, other]) => { localStorage.setItem(key, junk); localStorage.setItem(other, junk); }", [key, junk, other_app])
    reload(page)

    problem = page.locator(box)
    assert problem.is_visible()
    assert f"Your saved {label}" in problem.inner_text() and "put aside" in problem.inner_text()
    keys = page.evaluate("Object.keys(localStorage)")
    aside = [k for k in keys if k.startswith(key + ":set-aside:")]
    assert len(aside) == 1, keys
    assert page.evaluate("k => localStorage.getItem(k)", aside[0]) == junk, "kept exactly as it was"
    assert page.evaluate("k => localStorage.getItem(k)", other_app) == junk, "another app's data is never touched"

    # The page keeps working and saves fresh answers under the live key.
    if path == "pain-check/":
        page.get_by_label("Chest pain").check()
        assert heading(page) == HEADINGS["emergency"]
        assert stored(page, key)["data"]["answers"]["ticked"] == ["chest-pain"]
    else:
        page.get_by_label("Which exercises caused it").check()
        assert without_rev(stored(page, key)["data"]) == {"ticked": ["which-exercises"], "note": ""}
    assert page.evaluate("k => localStorage.getItem(k)", aside[0]) == junk
    assert not watch.problems


@pytest.mark.parametrize("path, key, label, box", [
    ("pain-check/", PAIN_KEY, "pain check answers", "#pc-problem"),
    ("next-session/", NEXT_KEY, "next-session list", "#ns-problem"),
], ids=["pain-check", "next-session"])
def test_data_saved_by_a_newer_version_is_left_where_it_is_and_never_written_over(phone, served_under_subpath, path, key, label, box):
    # docs/storage.md: a version that finds a newer schema leaves it exactly where it is (issue 12).
    page, watch = open_page(phone, served_under_subpath + path)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, NEWER])
    reload(page)
    assert f"Your {label} was saved by a newer version of PT Guide: reload to update" in page.locator(box).inner_text()
    page.get_by_label("Chest pain" if path == "pain-check/" else "Which exercises caused it").check()
    assert page.evaluate("k => localStorage.getItem(k)", key) == NEWER
    assert [k for k in page.evaluate("Object.keys(localStorage)") if ":set-aside:" in k] == []
    assert not watch.problems


def test_a_change_in_another_tab_shows_up_in_this_one(phone, served_under_subpath):
    first, _ = open_page(phone, served_under_subpath + "pain-check/")
    second, _ = open_page(phone, served_under_subpath + "pain-check/")
    second.get_by_label("Chest pain").check()
    first.get_by_label("Chest pain").wait_for(state="attached")
    first.wait_for_function("document.getElementById('pc-item-chest-pain').checked")
    assert heading(first) == HEADINGS["emergency"]


def test_an_html_payload_in_the_note_stays_inert_text_after_a_reload(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "next-session/")
    payload = '<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script><b>bold?</b>'
    page.get_by_label("Which exercises caused it").check()
    page.get_by_label("Your own notes").fill(payload)
    assert without_rev(stored(page, NEXT_KEY)["data"]) == {"ticked": ["which-exercises"], "note": payload}

    reload(page)
    assert page.get_by_label("Your own notes").input_value() == payload
    assert page.get_by_label("Which exercises caused it").is_checked()
    assert page.locator("#ns-note-print").text_content() == payload
    assert page.locator("main img, main b, main script:not([type='application/json']):not([src])").count() == 0
    assert page.evaluate("window.pwned") is None

    # The printed list shows the note as text in place of a text box that would cut it off.
    page.emulate_media(media="print")
    assert page.locator("#ns-note-print").is_visible()
    assert page.get_by_label("Your own notes").is_hidden()
    assert page.get_by_role("button", name="Print this list").is_hidden()
    page.emulate_media(media="screen")
    assert not watch.problems


def test_the_next_session_list_clears_only_after_confirmation(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "next-session/")
    page.get_by_label("How long it lasted").check()
    page.get_by_label("Your own notes").fill("Ask about the bridge exercise")
    page.get_by_role("button", name="Clear the list").click()
    page.get_by_role("button", name="No, keep it").click()
    expect(page.locator("#ns-confirm")).to_be_hidden()
    assert page.get_by_label("How long it lasted").is_checked()
    page.get_by_role("button", name="Clear the list").click()
    page.get_by_role("button", name="Yes, clear the list").click()
    expect(page.get_by_label("How long it lasted")).not_to_be_checked()
    assert page.get_by_label("Your own notes").input_value() == ""
    assert without_rev(stored(page, NEXT_KEY)["data"]) == {"ticked": [], "note": ""}


def test_a_full_storage_is_reported_on_the_page_and_the_check_still_works(phone, served_under_subpath):
    phone.add_init_script("""Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };""")
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Chest pain").check()
    assert heading(page) == HEADINGS["emergency"]
    problem = page.locator("#pc-problem")
    assert problem.is_visible() and "storage is full" in problem.inner_text()
    page.get_by_role("button", name="Save to my diary").click()
    assert page.locator("#pc-saved").inner_text() == "", "nothing claims to be saved"
    assert not watch.problems
