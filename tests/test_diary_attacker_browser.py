"""What the cold attacker review of the stored diary found (reviews/12-fixes.md), as a patient would meet it."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from test_diary_browser import KEY, reload, stored
from test_diary_safety_browser import entry, envelope, open_page, seed
from test_pain_check_browser import mild_stretch

pytestmark = pytest.mark.browser

NS = "ptguide:/pt-guide/:"
DRAFT_KEY = NS + "diary-draft"


@pytest.fixture
def diary(phone, served_under_subpath):
    page = open_page(phone, served_under_subpath + "diary/")
    yield page
    assert not [problem for problem in page.watch.problems if "ERR_ABORTED" not in problem]


def test_an_old_entry_without_its_lists_shows_with_the_rest_and_never_says_undefined(diary):
    """A (#7): one entry lacking feelings and exercises used to blank the whole diary."""
    at = "2026-11-30T10:00"
    seed(diary, KEY, envelope([entry(f"g{i}", at, painDuring=3) for i in range(3)] + [{"id": "old1", "at": at, "painDuring": 5}]))
    reload(diary)
    diary.get_by_label("Show", exact=True).select_option("0")
    expect(diary.locator("#diary-list > li")).to_have_count(4)
    assert "undefined" not in diary.locator("#diary-list").text_content()
    assert "during 5" in diary.locator("#diary-list").text_content()


@pytest.mark.parametrize("bad", ["bad id!", 123, {}])
def test_a_draft_with_a_bad_id_never_locks_the_form(diary, bad):
    """B (#8): every save used to say "its id is missing or not valid", for good."""
    draft = {"editingId": bad, "editingRev": 1, "draftId": bad, "values": {"note": "my words", "painDuring": "4"},
             "feelings": []}
    seed(diary, DRAFT_KEY, json.dumps({"schema": 1, "data": draft}))
    reload(diary)
    assert diary.get_by_label("Note", exact=True).input_value() == "my words"
    diary.get_by_role("button", name="Save entry").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("Entry saved")
    assert [e["note"] for e in stored(diary)["data"]["entries"]] == ["my words"]


def test_another_tab_removing_the_diary_never_blanks_what_is_typed_here(diary, phone):
    """D (#1): the live key removed elsewhere used to reset this tab's form and overwrite its draft."""
    seed(diary, KEY, envelope([entry("e1", "2026-11-30T10:00", painDuring=3)]))
    reload(diary)
    diary.get_by_label("Note", exact=True).fill("half typed")
    other = open_page(phone, diary.url)
    other.evaluate(f"localStorage.removeItem({KEY!r})")
    expect(diary.locator("#diary-list > li")).to_have_count(0)
    assert diary.get_by_label("Note", exact=True).input_value() == "half typed"
    diary.get_by_label("Note", exact=True).press("End")
    diary.keyboard.type("!")
    reload(diary)
    assert diary.get_by_label("Note", exact=True).input_value() == "half typed!"
    other.close()


def test_delete_all_in_one_diary_tab_clears_the_form_in_the_other(diary, phone):
    """D: only this app's explicit "Delete all my data" clears another tab's typing."""
    diary.get_by_label("Note", exact=True).fill("half typed")
    other = open_page(phone, diary.url)
    other.once("dialog", lambda dialog: dialog.accept())
    other.get_by_role("button", name="Delete all my data").click()
    expect(diary.get_by_label("Note", exact=True)).to_have_value("")
    reload(diary)
    assert diary.get_by_label("Note", exact=True).input_value() == ""
    assert diary.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({NS!r}))") == []
    other.close()


def test_the_pain_check_saved_to_a_diary_with_one_bad_entry_keeps_the_rest(diary, phone, served_under_subpath):
    """D (#1): the pain check's "Save to my diary" used to set the whole diary aside for one bad entry."""
    good = entry("e1", "2026-11-30T10:00", painDuring=3, note="my good entry")
    seed(diary, KEY, envelope([good, entry("bad", "2026-11-30T11:00", painDuring=11)]))
    check = phone.new_page()
    check.goto(served_under_subpath + "pain-check/")
    check.wait_for_selector("[data-module=pain-check][data-module-started]")
    mild_stretch(check)
    check.get_by_role("button", name="Save to my diary").click()
    expect(check.locator("#pc-saved")).to_contain_text("Added to your diary")
    expect(check.locator("#pc-saved")).to_contain_text("set aside")
    saved = stored(diary)["data"]["entries"]
    assert [e["id"] for e in saved][0] == "e1" and len(saved) == 2
    reload(diary)
    diary.get_by_label("Show", exact=True).select_option("0")
    expect(diary.locator("#diary-list > li")).to_have_count(2)
    expect(diary.locator("#diary-asides")).to_contain_text("1")
    check.close()
