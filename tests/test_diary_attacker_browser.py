"""What the cold attacker review of the stored diary found (reviews/12-fixes.md), as a patient would meet it."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from test_diary_browser import KEY, QUOTA_SCRIPT, reload, stored
from test_diary_safety_browser import diary_with_an_update_waiting, entry, envelope, open_page, seed
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
    expect(other.locator("#diary-delete-message")).to_contain_text("is deleted")
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


def drafts(page) -> list[str]:
    return page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({DRAFT_KEY!r})).sort()")


def test_each_tab_keeps_its_own_draft_and_saving_in_one_never_removes_the_other(diary, phone):
    """E (#2): all tabs shared one draft key; a save in one tab deleted the other's, a reload swapped them."""
    diary.get_by_label("Note", exact=True).fill("typed in tab A")
    other = open_page(phone, diary.url)
    expect(other.get_by_role("button", name="Bring it back")).to_be_visible()
    other.get_by_label("Note", exact=True).fill("typed in tab B")
    assert len(drafts(diary)) == 2
    diary.get_by_role("button", name="Save entry").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("Entry saved")
    assert len(drafts(diary)) == 1, "tab B's draft stays"
    reload(other)
    assert other.get_by_label("Note", exact=True).input_value() == "typed in tab B", "a reload brings back its own tab's words"
    reload(diary)
    assert diary.get_by_label("Note", exact=True).input_value() == "", "never the other tab's words"
    expect(diary.locator("#diary-drafts")).to_contain_text("typed in tab B")
    other.close()


def test_another_draft_is_offered_but_never_put_over_what_is_typed(diary, phone):
    """E: a stale draft is offered, not applied over someone's typing."""
    other = open_page(phone, diary.url)
    other.get_by_label("Note", exact=True).fill("from the other tab")
    other.close()
    reload(diary)
    diary.get_by_label("Note", exact=True).fill("typing here")
    diary.get_by_role("button", name="Bring it back").click()
    expect(diary.locator("#diary-drafts")).to_contain_text("Save or clear what is in the form first")
    assert diary.get_by_label("Note", exact=True).input_value() == "typing here"
    diary.get_by_label("Note", exact=True).fill("")
    diary.get_by_role("button", name="Bring it back").click()
    assert diary.get_by_label("Note", exact=True).input_value() == "from the other tab"
    assert len(drafts(diary)) == 1, "moved into this tab's draft, not copied"


def test_at_most_five_drafts_of_closed_tabs_are_kept(diary):
    """E: cap how many are kept."""
    for i in range(7):
        draft = {"editingId": None, "editingRev": 0, "draftId": None, "values": {"note": f"draft {i}"}, "feelings": []}
        seed(diary, f"{DRAFT_KEY}-{i:016d}".replace("0", "a"),
             json.dumps({"schema": 1, "savedAt": f"2026-11-0{i + 1}T10:00:00.000Z", "data": draft}))
    reload(diary)
    assert len(drafts(diary)) == 5
    expect(diary.get_by_role("button", name="Bring it back")).to_have_count(5)
    assert "draft 6" in diary.locator("#diary-drafts").text_content() and "draft 0" not in diary.locator("#diary-drafts").text_content()


def test_with_storage_full_the_update_banner_says_the_typing_is_not_kept(browser, site_copy, tmp_path):
    """F (#3): the banner used to say "It is kept on this phone as a draft" when the draft could not be written."""
    context, page, server = diary_with_an_update_waiting(browser, site_copy, tmp_path, QUOTA_SCRIPT)
    page.evaluate("window.__storageFull = true")
    page.get_by_label("Note", exact=True).fill("typed with a full phone")
    page.get_by_role("button", name="Reload").click()
    expect(page.get_by_text("it is NOT kept")).to_be_visible()
    assert "kept on this phone as a draft" not in page.locator(".app-status").text_content()
    # Room again: the same press keeps it, and the banner says so.
    page.evaluate("window.__storageFull = false")
    page.get_by_label("Note", exact=True).press("End")
    page.keyboard.type("!")
    assert page.evaluate("Object.keys(localStorage).some(k => k.includes(':diary-draft-'))")
    context.close()
    server.shutdown()
    server.server_close()


def test_in_read_only_mode_the_full_copy_is_the_newer_diary_as_stored_and_no_backup_is_recorded(diary, tmp_path):
    """G (#4): read only, "Export a full copy" wrote 0 entries, said it was ready and recorded a backup."""
    newer = '{"savedAt":"2027-01-01T00:00:00.000Z","schema":4,"data":{"entries":[{"id":"n1","mood":"new"}]}}'
    seed(diary, KEY, newer)
    reload(diary)
    with diary.expect_download() as download:
        diary.get_by_role("button", name="Export a full copy (JSON)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.read_text("utf-8") == newer
    expect(diary.locator("#diary-share-message")).to_contain_text("exactly as that version saved it")
    assert diary.evaluate(f"localStorage.getItem({NS + 'diary-backup'!r})") is None
    assert diary.evaluate(f"localStorage.getItem({KEY!r})") == newer
    diary.get_by_role("button", name="Export for a spreadsheet (CSV)").click()
    expect(diary.locator("#diary-share-message")).to_contain_text("newer version")


def test_after_a_salvage_the_full_copy_says_the_set_aside_entries_are_not_in_it(diary):
    """G: after a salvage the copy says what it leaves out."""
    seed(diary, KEY, envelope([entry("e1", "2026-11-30T10:00", painDuring=3), entry("bad", "2026-11-30T11:00", painDuring=11)]))
    reload(diary)
    with diary.expect_download():
        diary.get_by_role("button", name="Export a full copy (JSON)").click()
    expect(diary.locator("#diary-share-message")).to_contain_text("Entries set aside below are not in it")


def test_import_refused_in_read_only_mode_never_claims_a_draft(diary, tmp_path):
    """L (#13): Import after a read-only refusal said "What you typed is kept on this phone as a draft"."""
    seed(diary, KEY, '{"schema":4,"data":{"entries":[]}}')
    reload(diary)
    export = tmp_path / "diary.json"
    export.write_text(json.dumps({"app": "pt-guide", "kind": "diary", "schema": 2,
                                  "entries": [entry("i1", "2026-11-30T10:00", painDuring=2)]}))
    diary.locator("#diary-import").set_input_files(str(export))
    expect(diary.locator("#diary-import-message")).to_contain_text("newer version")
    assert "draft" not in diary.locator("#diary-import-message").text_content()
    assert diary.evaluate(f"localStorage.getItem({KEY!r})") == '{"schema":4,"data":{"entries":[]}}'


@pytest.mark.parametrize("reason", ["constructor", "__proto__", "toString"])
def test_a_set_aside_copy_with_an_odd_reason_shows_no_code(diary, reason):
    """L: a reason named like an object property showed "[object Object]" or function source."""
    seed(diary, f"{KEY}:set-aside:2026-11-30T10:00:00.000Z:{reason}", envelope([entry("s1", "2026-11-30T10:00", painDuring=2)]))
    reload(diary)
    asides = diary.locator("#diary-asides")
    expect(asides).to_contain_text("because it could not be read")
    assert "function" not in asides.text_content() and "[object" not in asides.text_content()


def test_a_part_that_cannot_load_says_a_reload_fixes_it(diary):
    """L: an old tab after an update cannot fetch the share bundle; "Check your connection" alone misled."""
    # What an old tab meets: its page names a bundle file the updated site no longer has.
    assert diary.evaluate("window.ptguideDiaryShare === undefined")
    diary.evaluate("document.querySelector('[data-module=diary]').dataset.shareScript = '../static/gen/diary-share.00000000.js'")
    diary.get_by_role("button", name="Export for a spreadsheet (CSV)").click()
    expect(diary.locator("#diary-share-message")).to_contain_text("Reload the page")
    diary.watch.problems.clear()  # the refused request is what this test makes happen


def test_with_javascript_off_the_next_session_note_says_it_is_not_kept(browser, served_under_subpath):
    """L: with JavaScript off the note box gave no sign that nothing is kept."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_under_subpath + "next-session/")
    expect(page.get_by_text("With JavaScript off, this note is not kept")).to_be_visible()
    context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_under_subpath + "next-session/")
    page.wait_for_selector("[data-module=next-session][data-module-started]")
    expect(page.get_by_text("With JavaScript off, this note is not kept")).to_be_hidden()
    context.close()


def test_every_set_aside_copy_of_the_app_is_listed_and_the_next_session_note_can_be_put_back(diary, tmp_path):
    """I (#9): copies other than the diary's (next-session, pain check, draft, ...) were never shown."""
    note = json.dumps({"schema": 1, "savedAt": "2026-11-30T10:00:00.000Z", "data": {"ticked": [], "note": "ask about my leg", "rev": 1}})
    draft = '{"schema":1,"data":"half a draft'
    seed(diary, NS + "next-session:set-aside:2026-11-30T10:00:00.000Z:invalid", note)
    seed(diary, NS + "diary-draft-aaaaaaaaaaaaaaaa:set-aside:2026-11-29T10:00:00.000Z:not-json", draft)
    reload(diary)
    asides = diary.locator("#diary-asides")
    expect(asides).to_contain_text("Your next-session list and note, set aside on 30 Nov 2026")
    expect(asides).to_contain_text("An entry you were typing (a draft), set aside on 29 Nov 2026")
    draft_item = asides.locator("li", has_text="a draft")
    assert draft_item.get_by_role("button", name="Put back").is_hidden(), "a draft is downloaded, not put back"
    with diary.expect_download() as download:
        draft_item.get_by_role("button", name="Download").click()
    saved = tmp_path / "draft.txt"
    download.value.save_as(saved)
    assert saved.read_text("utf-8") == draft, "given back byte for byte"
    asides.locator("li", has_text="next-session").get_by_role("button", name="Put back").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("Put back: your next-session list and note")
    assert diary.evaluate(f"localStorage.getItem({NS + 'next-session'!r})") == note
    diary.once("dialog", lambda dialog: dialog.accept())
    asides.locator("li", has_text="a draft").get_by_role("button", name="Delete").click()
    expect(asides.locator("li")).to_have_count(0)


def test_two_tabs_saving_at_once_both_keep_their_entry(diary, phone):
    """M (#10): two tabs saving in the same millisecond lost one entry in 7 rounds of 10."""
    other = open_page(phone, diary.url)
    # The other tab is in the middle of its own save: it has read the diary and holds the diary's lock.
    other.evaluate("""key => { window.__release = null; navigator.locks.request(key, () => {
        window.__readBefore = localStorage.getItem(key);
        return new Promise((resolve) => { window.__release = resolve; });
    }); }""", KEY)
    other.wait_for_function("() => window.__release !== null")
    diary.get_by_label("Note", exact=True).fill("saved in this tab")
    diary.get_by_role("button", name="Save entry").click()
    # Now the other tab writes what it read plus its entry, and lets go, as the app's own save does
    # (lib/storage-lock.js): its write's time stays marked in the lock manager, since Chromium may tell this tab
    # of the write only after the lock.
    other.evaluate("""([key, entry]) => {
        const before = JSON.parse(window.__readBefore || '{"schema":3,"data":{"entries":[]}}');
        before.data.entries.push(entry);
        const savedAt = new Date().toISOString();
        localStorage.setItem(key, JSON.stringify({ schema: 3, savedAt, data: before.data }));
        navigator.locks.request(key + '|written|' + savedAt, () => new Promise((done) => setTimeout(done, 3000)));
        window.__release();
    }""", [KEY, entry("othertab", "2026-11-30T10:00", note="saved in the other tab", rev=1)])
    expect(diary.locator("#diary-form-message")).to_contain_text("Entry saved")
    assert sorted(e["note"] for e in stored(diary)["data"]["entries"]) == ["saved in the other tab", "saved in this tab"]
    other.close()


# ---------------------------------------------------------------- a tab that holds the diary's lock for ever

HOLD_FOR_EVER = "key => { navigator.locks.request(key, () => new Promise(() => {})); }"
# lib/storage-lock.js's STORAGE_WAIT_MS (8 s) and a little more, run on the page's fake clock, not waited for.
PAST_THE_TIME_LIMIT = 9000


def hung_tab(context, url: str):
    """Another tab of the app that took the diary's lock and never lets go (a long task, a paused debugger)."""
    holder = open_page(context, url)
    holder.evaluate(HOLD_FOR_EVER, KEY)
    holder.wait_for_function("key => navigator.locks.query().then(q => q.held.some(l => l.name === key))", arg=KEY)
    return holder


def with_a_fake_clock(context, url: str, ready: str):
    page = context.new_page()
    page.clock.install()
    page.goto(url)
    page.wait_for_selector(ready)
    return page


def test_a_save_behind_a_hung_tab_says_nothing_was_saved_keeps_the_typing_and_save_works_again(phone, served_under_subpath):
    """L1: the Save button went dead without a word for as long as the other tab lived."""
    holder = hung_tab(phone, served_under_subpath + "diary/")
    page = with_a_fake_clock(phone, served_under_subpath + "diary/", ".app-diary[data-ready]")
    page.get_by_label("Note", exact=True).fill("typed while another tab hangs")
    save = page.get_by_role("button", name="Save entry")
    save.click()
    expect(save).to_have_attribute("aria-disabled", "true")
    page.clock.fast_forward(PAST_THE_TIME_LIMIT)
    message = page.locator("#diary-form-message")
    expect(message).to_contain_text("Not saved yet: another PT Guide tab or window is still using your diary.")
    expect(message).to_contain_text("What you typed is kept on this phone as a draft.")
    expect(message).to_contain_text("Close your other PT Guide tabs and windows, then press Save again.")
    expect(save).not_to_have_attribute("aria-disabled", "true")
    # Nothing was written without the lock, and the typing is in the form and in this tab's draft.
    assert stored(page) is None
    assert page.get_by_label("Note", exact=True).input_value() == "typed while another tab hangs"
    assert "typed while another tab hangs" in "".join(page.evaluate(
        f"Object.keys(localStorage).filter(k => k.startsWith({DRAFT_KEY!r})).map(k => localStorage.getItem(k))"))
    # The patient closes the other tab and presses Save again: it is saved, once.
    holder.close()
    save.click()
    expect(message).to_contain_text("Entry saved")
    assert [e["note"] for e in stored(page)["data"]["entries"]] == ["typed while another tab hangs"]
    page.close()


def test_a_delete_behind_a_hung_tab_says_nothing_was_changed_and_keeps_the_entry(phone, served_under_subpath):
    """L1: Delete (like Undo, Import, Put back and Delete all) took the same dead path."""
    setup = open_page(phone, served_under_subpath + "diary/")
    seed(setup, KEY, envelope([entry("e1", "2026-11-30T10:00", painDuring=3, note="keep me")]))
    setup.close()
    holder = hung_tab(phone, served_under_subpath + "diary/")
    page = with_a_fake_clock(phone, served_under_subpath + "diary/", ".app-diary[data-ready]")
    page.locator("#diary-list > li").first.get_by_role("button", name="Delete").click()
    page.clock.fast_forward(PAST_THE_TIME_LIMIT)
    expect(page.locator("#diary-undo")).to_contain_text(
        "Nothing was changed yet: another PT Guide tab or window is still using your diary. "
        "Close your other PT Guide tabs and windows, then try again.")
    assert [e["note"] for e in stored(page)["data"]["entries"]] == ["keep me"]
    expect(page.locator("#diary-list > li")).to_have_count(1)
    holder.close()
    page.close()


def test_save_to_my_diary_behind_a_hung_tab_queues_one_save_says_so_and_works_again(phone, served_under_subpath):
    """L2: each tap queued one more save (4 taps, rev 2 -> 6) and nothing was said."""
    holder = hung_tab(phone, served_under_subpath + "diary/")
    check = with_a_fake_clock(phone, served_under_subpath + "pain-check/", "[data-module=pain-check][data-module-started]")
    mild_stretch(check)
    save = check.get_by_role("button", name="Save to my diary")
    save.click()
    expect(save).to_have_attribute("aria-disabled", "true")
    check.wait_for_function("key => navigator.locks.query().then(q => q.pending.some(l => l.name === key))", arg=KEY)
    for _ in range(3):
        save.click()
    pending = "key => navigator.locks.query().then(q => q.pending.filter(l => l.name === key).length)"
    assert check.evaluate(pending, KEY) == 1, "more taps queued more saves"
    check.clock.fast_forward(PAST_THE_TIME_LIMIT)
    saved = check.locator("#pc-saved")
    expect(saved).to_contain_text("Not added to your diary yet: another PT Guide tab or window is still using your diary.")
    expect(saved).to_contain_text("Close your other PT Guide tabs and windows, then press Save to my diary again.")
    expect(save).not_to_have_attribute("aria-disabled", "true")
    assert stored(check) is None
    holder.close()
    save.click()
    expect(saved).to_contain_text("Added to your diary")
    assert [e["rev"] for e in stored(check)["data"]["entries"]] == [1]
    check.close()


def test_delete_all_leaves_a_removal_mark_in_the_lock_manager(diary):
    """L6: a removal left no mark, so a tab still reading the old diary could write it back."""
    seed(diary, KEY, envelope([entry("e1", "2026-11-30T10:00", painDuring=3, note="private")]))
    reload(diary)
    diary.once("dialog", lambda dialog: dialog.accept())
    diary.get_by_role("button", name="Delete all my data").click()
    expect(diary.locator("#diary-delete-message")).to_contain_text("is deleted")
    marks = diary.evaluate(
        "key => navigator.locks.query().then(q => q.held.map(l => l.name).filter(n => n.startsWith(key + '|written|')))", KEY)
    assert len(marks) == 1 and marks[0].endswith("|removed"), marks
