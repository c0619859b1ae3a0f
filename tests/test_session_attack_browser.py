"""The attacker review of issue 15 (reviews s11) replayed in a real Chromium: a saved session never
overwrites the patient's later diary edit (A1), "Delete all my data" in another tab stops an open session
from writing anything back (A4), and the next morning's answer says what really happened (A2)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from playwright.sync_api import expect

from test_session_browser import DIARY, DRAFT, MORNING, PROGRAMME, envelope, item, programme, session_page, stored_diary

pytestmark = pytest.mark.browser

ONE = programme(item("i-bridge", "bridge", "Bridge", sets=1, reps=1))


def do_the_session(page, note: str):
    page.get_by_role("button", name="Add a rep").click()
    page.locator("#ss-score-3").check()
    page.locator("#ss-built-no").check()
    page.get_by_role("button", name="Save my answer").click()
    page.get_by_role("button", name="Finish").click()
    page.get_by_label("A note for your diary (optional)").fill(note)


def edit_in_diary(page):
    """What the diary's Edit does to the entry: the patient's own note, exercise and pain, one rev up."""
    page.evaluate("""k => { const e = JSON.parse(localStorage.getItem(k)); const x = e.data.entries[0];
        x.note = 'EDITED IN DIARY'; x.exercises.push('Walk 20 min'); x.painDuring = 7; x.rev += 1;
        localStorage.setItem(k, JSON.stringify(e)); }""", DIARY)


def storage_keys(page):
    return page.evaluate("() => Object.keys(localStorage)")


def test_a1_after_save_the_summary_is_read_only_and_no_draft_comes_back(phone, served_under_subpath):
    page, watch = session_page(phone, served_under_subpath, {PROGRAMME: envelope(ONE)})
    do_the_session(page, "first note")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    note = page.get_by_label("A note for your diary (optional)")
    expect(note).not_to_be_editable()
    assert DRAFT not in storage_keys(page)
    edit_in_diary(page)
    page.goto(served_under_subpath + "session/")
    # Nothing to carry on: a new session starts, and the diary edit is as the patient left it.
    expect(page.get_by_role("heading", name="Bridge")).to_be_visible()
    [entry] = stored_diary(page)["data"]["entries"]
    assert [entry["note"], entry["painDuring"], entry["rev"]] == ["EDITED IN DIARY", 7, 2]
    assert not watch.problems, watch.problems


def test_a1_two_tabs_a_second_save_over_a_diary_edit_asks_and_never_overwrites(phone, served_under_subpath):
    first, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(ONE)})
    do_the_session(first, "my session note")
    second = phone.new_page()
    second.clock.install(time=MORNING)
    second.goto(served_under_subpath + "session/")
    second.get_by_role("button", name="Carry on with it").click()
    first.get_by_role("button", name="Save to my diary").click()
    expect(first.get_by_text("Saved in your diary.")).to_be_visible()
    edit_in_diary(first)

    second.get_by_role("button", name="Save to my diary").click()
    expect(second.locator("#ss-saved")).to_contain_text("changed since")
    [entry] = stored_diary(second)["data"]["entries"]
    assert [entry["note"], entry["painDuring"], entry["rev"]] == ["EDITED IN DIARY", 7, 2]
    second.get_by_role("button", name="Keep mine as a new entry").click()
    expect(second.get_by_text("Saved in your diary.")).to_be_visible()
    theirs, mine = stored_diary(second)["data"]["entries"]
    assert [theirs["note"], theirs["painDuring"], mine["note"], mine["painDuring"]] == ["EDITED IN DIARY", 7, "my session note", 3]
    assert mine["id"] != theirs["id"]


def test_a1_keeping_the_diarys_entry_leaves_it_and_drops_the_session(phone, served_under_subpath):
    first, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(ONE)})
    do_the_session(first, "my session note")
    second = phone.new_page()
    second.goto(served_under_subpath + "session/")
    second.get_by_role("button", name="Carry on with it").click()
    first.get_by_role("button", name="Save to my diary").click()
    expect(first.get_by_text("Saved in your diary.")).to_be_visible()
    edit_in_diary(first)
    second.get_by_role("button", name="Save to my diary").click()
    second.get_by_role("button", name="Keep the diary's").click()
    expect(second.get_by_text("Your diary's entry is kept as it is.")).to_be_visible()
    [entry] = stored_diary(second)["data"]["entries"]
    assert entry["note"] == "EDITED IN DIARY"
    assert DRAFT not in storage_keys(second)


def test_a1_a_draft_already_in_the_diary_is_carried_on_as_a_new_entry(phone, served_under_subpath):
    page, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(ONE)})
    do_the_session(page, "kept in the draft")
    draft = page.evaluate(f"localStorage.getItem({json.dumps(DRAFT)})")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    edit_in_diary(page)
    # A draft of the saved session (another tab's, or written by an older version after its Save).
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [DRAFT, draft])
    page.goto(served_under_subpath + "session/")
    expect(page.locator("#ss-resume-text")).to_contain_text("Save adds it as a new entry")
    page.get_by_role("button", name="Carry on with it").click()
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    notes = [e["note"] for e in stored_diary(page)["data"]["entries"]]
    assert notes == ["EDITED IN DIARY", "kept in the draft"]


def test_a4_delete_all_in_another_tab_stops_the_open_session_writing_anything_back(phone, served_under_subpath):
    page, watch = session_page(phone, served_under_subpath, {PROGRAMME: envelope(ONE)})
    page.get_by_role("button", name="Add a rep").click()
    assert DRAFT in storage_keys(page)
    diary = phone.new_page()
    diary.goto(served_under_subpath + "diary/")
    diary.once("dialog", lambda dialog: dialog.accept())
    diary.get_by_role("button", name="Delete all my data").click()
    expect(diary.get_by_text("Everything this app kept on this phone is deleted.")).to_be_visible()

    expect(page.get_by_text("Your data was deleted in another tab.")).to_be_visible()
    expect(page.locator("#ss-exercise")).to_be_hidden()
    # Whatever is still in the page (a late tap, Save) writes nothing.
    page.evaluate("() => { document.getElementById('ss-plus').click(); document.getElementById('ss-save').click(); }")
    page.get_by_label("A note for your diary (optional)").dispatch_event("input")
    assert storage_keys(page) == []
    assert not watch.problems, watch.problems


def yesterday_session(phone, served_under_subpath):
    page, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(ONE)})
    do_the_session(page, "")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    page.clock.set_system_time(dt.datetime(2026, 12, 2, 8, 0))
    page.goto(served_under_subpath)
    question = page.locator("[data-module=session-morning]")
    expect(question).to_contain_text("Yesterday's exercises: Bridge")
    return page, question


def test_a2_an_answer_on_an_entry_deleted_in_another_tab_is_not_claimed_as_noted(phone, served_under_subpath):
    page, question = yesterday_session(phone, served_under_subpath)
    page.evaluate("k => { const e = JSON.parse(localStorage.getItem(k)); e.data.entries = [];"
                  " localStorage.setItem(k, JSON.stringify(e)); }", DIARY)
    question.get_by_label("Your pain now, 0 to 10 (optional)").fill("6")
    question.get_by_role("button", name="Worse").click()
    expect(question).to_contain_text("no longer in your diary")
    expect(question).not_to_contain_text("Noted in your diary.")
    assert stored_diary(page)["data"]["entries"] == []


def test_a2_answered_in_another_tab_shows_the_stored_answer_and_offers_to_change_it(phone, served_under_subpath):
    page, question = yesterday_session(phone, served_under_subpath)
    other = phone.new_page()
    other.clock.install(time=dt.datetime(2026, 12, 2, 8, 0))
    other.goto(served_under_subpath)
    other.locator("[data-module=session-morning]").get_by_role("button", name="Better").click()
    expect(other.get_by_text("Noted in your diary.")).to_be_visible()

    question.get_by_label("Your pain now, 0 to 10 (optional)").fill("8")
    question.get_by_role("button", name="Worse").click()
    expect(question).to_contain_text('already answered in another tab: "Better" is in your diary')
    expect(question.locator("#sm-advice")).to_be_hidden()
    [entry] = stored_diary(page)["data"]["entries"]
    assert [entry["session"]["nextMorning"], entry["painNextMorning"]] == ["better", None]
    question.get_by_role("button", name='Change it to "Worse"').click()
    expect(question).to_contain_text("Noted in your diary.")
    expect(question.locator("#sm-advice")).to_be_visible()
    [entry] = stored_diary(page)["data"]["entries"]
    assert [entry["session"]["nextMorning"], entry["painNextMorning"]] == ["worse", 8]


@pytest.mark.parametrize("typed", ["11", "5.5", "\u0665", "seven"])
def test_a2_a_typed_pain_that_is_not_0_to_10_is_refused_with_a_message(phone, served_under_subpath, typed):
    page, question = yesterday_session(phone, served_under_subpath)
    question.get_by_label("Your pain now, 0 to 10 (optional)").fill(typed)
    question.get_by_role("button", name="About the same").click()
    expect(question).to_contain_text("Type your pain now as a whole number from 0 to 10")
    [entry] = stored_diary(page)["data"]["entries"]
    assert entry["session"]["nextMorning"] is None
