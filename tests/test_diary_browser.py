"""The pain diary in a real Chromium, served under a subpath: entries, storage trouble, export and import."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from browser import PageWatch
from test_offline_browser import offline_after_one_visit

pytestmark = pytest.mark.browser

KEY = "ptguide:/pt-guide/:diary"
MARKUP = "<img src=x onerror=window.__pwned=1>"

# Makes every later localStorage write fail the way a full phone does, once a test sets window.__storageFull.
QUOTA_SCRIPT = """
const realSetItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (window.__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  return realSetItem.call(this, key, value);
};
"""


@pytest.fixture
def diary(phone, served_under_subpath):
    """The diary page, open and ready, with nothing stored yet."""
    page = phone.new_page()
    page.watch = PageWatch().attach(page)
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    yield page
    # A reload while the icon is still loading aborts that request: not a failure of the page.
    assert not [problem for problem in page.watch.problems if "ERR_ABORTED" not in problem]


def reload(page) -> None:
    page.reload()
    page.wait_for_selector(".app-diary[data-ready]")


def add_entry(page, at: str | None = None, note: str = "", **fields) -> None:
    """Fill the form the way a patient would (labels, not selectors) and save."""
    if at:
        page.get_by_label("Date and time").fill(at)
    for label, value in fields.items():
        control = page.get_by_label(label.replace("_", " "), exact=True)
        if isinstance(value, bool):
            control.set_checked(value)
        elif control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(str(value))
        else:
            control.fill(value)
    if note:
        page.get_by_label("Note", exact=True).fill(note)
    save = page.get_by_role("button", name="Save entry")
    save.click()
    # A save waits its turn with other tabs' saves (lib/storage-lock.js); the button is busy until it is done.
    expect(save).to_be_enabled()


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return json.loads(raw) if raw else None


def entries(page) -> list[str]:
    # textContent, not innerText: entries far below the screen are not laid out (content-visibility: auto).
    return page.locator("#diary-list > li h3").all_text_contents()


def test_an_entry_is_added_edited_deleted_and_brought_back_with_undo(diary):
    add_entry(diary, at="2026-11-03T18:30", Before_exercise=3, During_exercise=6, Reaches="thigh", Side="left",
              Aching=True, Exercises="Bridges\nCat-cow", note="Felt tight")
    diary.get_by_label("Show", exact=True).select_option("0")
    assert "Entry saved" in diary.locator("#diary-form-message").text_content()
    assert entries(diary) == ["Tue 3 Nov 2026, 18:30"]
    item = diary.locator("#diary-list > li").first
    assert "Pain before 3, during 6" in item.text_content()
    assert "Reaches thigh, left side" in item.text_content()

    item.get_by_role("button", name="Edit the entry of Tue 3 Nov 2026, 18:30").click()
    assert diary.get_by_label("During exercise").input_value() == "6"
    assert diary.get_by_label("Exercises").input_value() == "Bridges\nCat-cow"
    diary.get_by_label("During exercise").select_option("4")
    diary.get_by_label("Next morning").select_option("2")
    diary.get_by_role("button", name="Save changes").click()
    expect(diary.locator("#diary-list > li").first).to_contain_text("Pain before 3, during 4, next morning 2")
    assert len(stored(diary)["data"]["entries"]) == 1

    diary.get_by_role("button", name="Delete the entry of Tue 3 Nov 2026, 18:30").click()
    undo = diary.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    assert entries(diary) == []
    assert stored(diary)["data"]["entries"] == []
    undo.click()
    expect(diary.locator("#diary-list > li h3")).to_have_text(["Tue 3 Nov 2026, 18:30"])
    assert stored(diary)["data"]["entries"][0]["painNextMorning"] == 2


def test_an_entry_without_a_date_is_not_saved_and_the_form_says_why(diary):
    diary.get_by_label("Date and time").fill("")
    diary.get_by_label("During exercise").select_option("3")
    diary.get_by_role("button", name="Save entry").click()
    assert "enter the date and time" in diary.locator("#diary-form-message").text_content()
    assert diary.get_by_label("Date and time").get_attribute("aria-invalid") == "true"
    assert diary.get_by_label("During exercise").input_value() == "3", "nothing typed is lost"
    assert stored(diary) is None


def test_a_deleted_entry_stays_deleted_once_the_undo_has_gone(diary):
    diary.clock.install()
    add_entry(diary, During_exercise=2)
    diary.get_by_role("button", name="Delete").first.click()
    expect(diary.get_by_role("button", name="Undo")).to_be_visible()
    diary.clock.run_for(11_000)
    assert diary.locator("#diary-undo").text_content() == ""
    reload(diary)
    assert entries(diary) == []


def test_a_reload_keeps_every_field_of_every_entry(diary):
    add_entry(diary, at="2026-11-02T09:00", Before_exercise=2, After_exercise=5, Reaches="below-knee", Side="both",
              Sharp=True, Pins_and_needles=True, Exercises="Walk", note="Line one\nLine two, with a comma")
    add_entry(diary, at="2026-11-04T17:15", During_exercise=0)
    before = stored(diary)["data"]
    reload(diary)
    diary.get_by_label("Show", exact=True).select_option("0")
    assert stored(diary)["data"] == before
    assert entries(diary) == ["Wed 4 Nov 2026, 17:15", "Mon 2 Nov 2026, 09:00"]
    second = diary.locator("#diary-list > li").nth(1).text_content()
    for text in ("below the knee, both sides", "Feels sharp, pins and needles", "Exercises: Walk", "Line one\nLine two"):
        assert text in second
    assert before["entries"][0]["feelings"] == ["sharp", "pins-and-needles"]


def test_with_the_network_off_the_open_page_still_adds_and_saves(diary, phone):
    diary.wait_for_load_state("networkidle")
    phone.set_offline(True)
    add_entry(diary, During_exercise=3, note="No signal in the gym")
    assert stored(diary)["data"]["entries"][0]["note"] == "No signal in the gym"
    assert len(entries(diary)) == 1
    phone.set_offline(False)
    # Only what the browser tried to fetch on its own while offline may have failed, nothing the diary needed.
    diary.watch.problems = [p for p in diary.watch.problems if "ERR_INTERNET_DISCONNECTED" not in p]


def test_exercise_names_with_commas_survive_an_edit_and_recent_ones_are_offered(diary):
    # Issue 12 #10: names were a comma string, so "Bridges, slow" came back from an edit as two exercises.
    add_entry(diary, Exercises="Bridges, slow\nCat-cow; 10 times")
    diary.get_by_role("button", name="Edit").first.click()
    diary.get_by_role("button", name="Save changes").click()
    expect(diary.locator("#diary-form-message")).to_have_text("Your changes are saved.")
    assert stored(diary)["data"]["entries"][0]["exercises"] == ["Bridges, slow", "Cat-cow; 10 times"]
    diary.get_by_label("Exercises").fill("Bridges, slow\n")
    assert diary.locator("#diary-recent button").all_text_contents() == ["Cat-cow; 10 times"]
    diary.locator("#diary-recent button").click()
    assert diary.get_by_label("Exercises").input_value() == "Bridges, slow\nCat-cow; 10 times"


def test_export_then_delete_all_then_import_gives_the_same_diary(diary, tmp_path):
    add_entry(diary, at="2026-11-02T09:00", Before_exercise=2, Exercises="Walk", note="Ünïcode, \"quotes\", commas")
    add_entry(diary, at="2026-11-03T18:30", During_exercise=7, Reaches="foot", Shooting=True)
    add_entry(diary, at="2026-11-03T18:30", After_exercise=1)
    original = stored(diary)["data"]

    with diary.expect_download() as download:
        diary.get_by_role("button", name="Export a full copy (JSON)").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.suffix == ".json"
    assert json.loads(exported.read_text("utf-8"))["entries"] == original["entries"]

    with diary.expect_download() as download:
        diary.get_by_role("button", name="Export for a spreadsheet (CSV)").click()
    csv = download.value.path().read_bytes()
    assert csv.startswith(b"\xef\xbb\xbfDate and time,") and "Ünïcode".encode() in csv

    diary.once("dialog", lambda dialog: dialog.accept())
    diary.get_by_role("button", name="Delete all my data").click()
    expect(diary.locator("#diary-delete-message")).to_have_text("Everything this app kept on this phone is deleted.")
    assert stored(diary) is None
    assert entries(diary) == []

    diary.get_by_label("Choose a JSON copy exported from this app").set_input_files(exported)
    expect(diary.locator("#diary-import-message")).to_have_text("Imported: 3 new, 0 replaced, 0 already here.")
    assert stored(diary)["data"] == original
    reload(diary)
    assert stored(diary)["data"] == original


def test_a_wrong_file_is_refused_with_a_clear_message_and_nothing_changes(diary):
    add_entry(diary, During_exercise=4)
    before = stored(diary)
    box = diary.get_by_label("Choose a JSON copy exported from this app")
    box.set_input_files(files=[{"name": "photo.json", "mimeType": "application/json", "buffer": b"\x89PNG not json"}])
    expect(diary.locator("#diary-import-message")).to_contain_text("could not be read")
    bad = {"app": "pt-guide", "kind": "diary", "schema": 2, "entries": [{"id": "x1", "at": "2026-13-40T99:00", "painDuring": 11}]}
    box.set_input_files(files=[{"name": "bad.json", "mimeType": "application/json", "buffer": json.dumps(bad).encode()}])
    expect(diary.locator("#diary-import-message")).to_contain_text("nothing was imported")
    assert "0 to 10" in diary.locator("#diary-import-message").text_content()
    assert stored(diary) == before


def test_an_import_that_would_replace_entries_asks_first_and_a_no_changes_nothing(diary, tmp_path):
    add_entry(diary, During_exercise=4, note="mine")
    entry = stored(diary)["data"]["entries"][0]
    before = stored(diary)
    changed = {"app": "pt-guide", "kind": "diary", "schema": 2, "entries": [{**entry, "note": "theirs"}]}
    asked = []
    diary.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    diary.get_by_label("Choose a JSON copy exported from this app").set_input_files(
        files=[{"name": "d.json", "mimeType": "application/json", "buffer": json.dumps(changed).encode()}])
    expect(diary.locator("#diary-import-message")).to_contain_text("Nothing was imported")
    assert "1 entries that are different" in asked[0]
    assert stored(diary) == before


def test_a_corrupted_diary_is_moved_aside_reported_and_offered_as_a_download(diary):
    diary.evaluate(f"localStorage.setItem({KEY!r}, '{{\"schema\": 2, \"data\": oops')")
    reload(diary)
    problems = diary.locator("#diary-problems").text_content()
    assert "could not be read, so it was put aside" in problems
    aside = diary.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith({KEY!r} + ':set-aside:'))")
    assert len(aside) == 1
    assert diary.evaluate(f"localStorage.getItem({aside[0]!r})") == '{"schema": 2, "data": oops'
    assert "It could not be read" in diary.locator("#diary-asides").text_content()
    with diary.expect_download() as download:
        diary.get_by_role("button", name="Download the copy").click()
    assert download.value.path().read_text() == '{"schema": 2, "data": oops'
    add_entry(diary, During_exercise=1)
    assert len(stored(diary)["data"]["entries"]) == 1, "a new diary starts; the copy stays aside"
    assert "Set aside on" in diary.locator("#diary-asides").text_content()
    diary.get_by_role("button", name="Put back the copy").click()
    expect(diary.locator("#diary-asides")).to_contain_text("cannot be put back")
    diary.once("dialog", lambda dialog: dialog.accept())
    diary.get_by_role("button", name="Delete the copy").click()
    assert diary.evaluate(f"localStorage.getItem({aside[0]!r})") is None
    assert diary.locator("#diary-asides").text_content() == ""
    assert len(stored(diary)["data"]["entries"]) == 1


def test_a_browser_that_refuses_storage_gets_a_message_and_the_page_still_works(phone, served_under_subpath):
    phone.add_init_script("Object.defineProperty(window, 'localStorage', "
                          "{get() { throw new DOMException('Access is denied', 'SecurityError'); }});")
    page = phone.new_page()
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    assert "not letting the app keep anything" in page.locator("#diary-problems").text_content()
    add_entry(page, During_exercise=2)
    assert "not letting the app keep anything" in page.locator("#diary-form-message").text_content()


def test_a_diary_saved_by_an_older_version_is_updated_when_the_page_opens(diary):
    old = {"schema": 1, "data": {"entries": [{"date": "2026-11-03", "pain": 4, "note": "from version 1"}]}}
    diary.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(old)])
    reload(diary)
    diary.get_by_label("Show", exact=True).select_option("0")
    assert entries(diary) == ["Tue 3 Nov 2026, 12:00"]
    assert "Pain during 4" in diary.locator("#diary-list").text_content()
    now = stored(diary)
    assert now["schema"] == 3 and now["data"]["entries"][0]["note"] == "from version 1"
    assert diary.locator("#diary-problems").text_content() == ""


def test_a_full_storage_is_reported_and_nothing_is_lost(phone, served_under_subpath):
    phone.add_init_script(QUOTA_SCRIPT)
    page = phone.new_page()
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    add_entry(page, During_exercise=2, note="first")
    page.evaluate("window.__storageFull = true")
    add_entry(page, During_exercise=8, note="second, not saved")
    assert "storage is full" in page.locator("#diary-form-message").text_content()
    assert page.get_by_label("Note", exact=True).input_value() == "second, not saved", "what was typed stays"
    assert len(entries(page)) == 1
    page.get_by_role("button", name="Delete").first.click()
    expect(page.locator("#diary-undo")).to_contain_text("storage is full")
    assert len(entries(page)) == 1
    reload(page)
    assert [e["note"] for e in stored(page)["data"]["entries"]] == ["first"]


def test_a_note_holding_markup_is_shown_as_text_and_never_runs(diary):
    add_entry(diary, During_exercise=1, Exercises=MARKUP, note=MARKUP)
    reload(diary)
    item = diary.locator("#diary-list > li").first
    assert item.locator(".app-diary-entry__note").text_content() == MARKUP
    assert f"Exercises: {MARKUP}" in item.text_content()
    assert diary.locator("#diary-list img").count() == 0
    assert diary.evaluate("window.__pwned") is None


def test_delete_all_removes_this_apps_data_and_nothing_of_other_apps(diary):
    seed = {
        "ptguide:/pt-guide/:pain-check": '{"schema":1,"data":{}}',
        "ptguide:/pt-guide/:next-session": '{"schema":1,"data":{}}',
        "ptguide:/pt-guide/:diary:set-aside:2026-11-01T00:00:00.000Z": "old",
        "ptguide:/other-app/:diary": '{"schema":2,"data":{"entries":[]}}',
        "ptguide:/pt-guide/sub/:diary": '{"schema":2,"data":{"entries":[]}}',
        "someone-else": "keep me",
    }
    diary.evaluate("seed => Object.entries(seed).forEach(([k, v]) => localStorage.setItem(k, v))", seed)
    add_entry(diary, During_exercise=3)
    messages = []
    diary.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    diary.get_by_role("button", name="Delete all my data").click()
    expect(diary.locator("#diary-delete-message")).to_contain_text("is deleted")
    assert "cannot be undone" in messages[0]
    left = diary.evaluate("Object.fromEntries(Object.entries(localStorage))")
    assert left == {k: v for k, v in seed.items() if not k.startswith("ptguide:/pt-guide/:")}


def test_saying_no_to_delete_all_keeps_everything(diary):
    add_entry(diary, During_exercise=3)
    diary.once("dialog", lambda dialog: dialog.dismiss())
    diary.get_by_role("button", name="Delete all my data").click()
    assert len(stored(diary)["data"]["entries"]) == 1


def test_an_entry_added_in_another_tab_appears(diary, phone):
    other = phone.new_page()
    other.goto(diary.url)
    other.wait_for_selector(".app-diary[data-ready]")
    add_entry(other, During_exercise=5, note="from the other tab")
    diary.wait_for_function("() => document.querySelectorAll('#diary-list > li').length === 1")
    assert "from the other tab" in diary.locator("#diary-list").text_content()
    other.close()


def test_the_saved_pain_check_result_is_offered_and_kept_with_the_entry(diary):
    today = diary.evaluate("document.getElementById('diary-at').value.slice(0, 10)")
    saved = {"schema": 1, "data": {"answers": {}, "saved": {"at": f"{today}T08:00", "level": "tell-therapist", "heading": "Tell"}}}
    diary.evaluate("v => localStorage.setItem('ptguide:/pt-guide/:pain-check', v)", json.dumps(saved))
    reload(diary)
    offer = diary.get_by_label("Add your latest pain-check result", exact=False)
    assert offer.is_checked(), "a result saved the same day is ticked"
    assert "Change or stop this exercise" in diary.locator("#diary-check-label").text_content()
    add_entry(diary, During_exercise=6)
    assert stored(diary)["data"]["entries"][0]["check"] == "tell-therapist"
    assert "Pain check: Change or stop this exercise" in diary.locator("#diary-list").text_content()


def test_a_junk_pain_check_value_is_ignored_and_left_for_its_own_page(diary):
    junk = "not json at all"
    diary.evaluate("v => localStorage.setItem('ptguide:/pt-guide/:pain-check', v)", junk)
    reload(diary)
    assert diary.locator("#diary-check-field").is_hidden()
    assert diary.evaluate("localStorage.getItem('ptguide:/pt-guide/:pain-check')") == junk
    add_entry(diary, During_exercise=2)
    assert stored(diary)["data"]["entries"][0]["check"] is None


def test_the_chart_draws_every_series_with_the_acceptable_line_and_a_text_equivalent(diary):
    add_entry(diary, Before_exercise=2, During_exercise=4, After_exercise=3, Next_morning=1)
    add_entry(diary, Before_exercise=3, During_exercise=6, After_exercise=5, Next_morning=2)
    chart = diary.locator("#diary-chart svg").first
    assert chart.get_attribute("role") == "img"
    for key in ("painBefore", "painDuring", "painAfter", "painNextMorning"):
        assert chart.locator(f"path.app-diary-chart__{key}").get_attribute("d").startswith("M")
    assert chart.locator("path.app-diary-chart__acceptable").count() == 1
    weeks = diary.locator("#diary-weeks li").all_text_contents()
    assert any("2 entries" in week and "pain during exercise from 4 to 6" in week for week in weeks)


def test_without_javascript_a_blank_log_is_offered_and_the_diary_stays_hidden(browser, served_under_subpath):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_under_subpath + "diary/")
    assert page.get_by_text("The diary needs JavaScript").is_visible()
    assert page.locator(".app-diary-log tbody tr").count() >= 8
    assert page.locator(".app-diary").is_hidden()
    context.close()


def test_the_print_view_shows_the_period_chart_entries_and_observations_but_no_controls(diary):
    add_entry(diary, During_exercise=7)
    diary.emulate_media(media="print")
    for visible in ("#diary-period-text", ".app-diary-chart__print", "#diary-observations", "#diary-list"):
        assert diary.locator(visible).is_visible(), visible
    for hidden in ("#diary-form", "#diary-import", ".app-diary-entry__actions", "#diary-delete-all"):
        assert diary.locator(hidden).is_hidden(), hidden


SHARE_BUNDLE = re.compile(r"/static/gen/diary-share\.[0-9a-f]{8}\.js$")


def share_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if SHARE_BUNDLE.search(url)]


def test_the_share_code_is_fetched_only_when_the_patient_first_exports_and_only_once(phone, served_under_subpath):
    page = phone.new_page()
    watch = PageWatch().attach(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    add_entry(page, During_exercise=3, note="before sharing")
    page.get_by_role("button", name="Edit").first.click()
    page.get_by_role("button", name="Cancel editing").click()
    page.get_by_label("Show", exact=True).select_option("0")
    page.wait_for_load_state("networkidle")
    assert share_requests(requested) == [], "showing, adding and editing need no share code"
    assert page.evaluate("typeof window.ptguideDiaryShare") == "undefined"
    assert page.locator("script[src*='diary-share']").count() == 0

    with page.expect_download() as download:
        page.get_by_role("button", name="Export a full copy (JSON)").click()
    assert json.loads(download.value.path().read_text("utf-8"))["entries"][0]["note"] == "before sharing"
    assert "Your full copy is ready" in page.locator("#diary-share-message").text_content()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export for a spreadsheet (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    requests = share_requests(requested)
    assert len(requests) == 1, requests
    assert requests[0].startswith(served_under_subpath), "the page's relative URL, under the app's path"
    assert not watch.problems


def test_without_the_share_code_the_page_says_so_keeps_working_and_tries_again(browser, served_under_subpath):
    # Service workers blocked, so that the route below sees the request rather than the worker's cache.
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    watch = PageWatch().attach(page)
    page.route(SHARE_BUNDLE, lambda route: route.abort())
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    add_entry(page, During_exercise=4)
    before = stored(page)

    page.get_by_role("button", name="Export a full copy (JSON)").click()
    expect(page.locator("#diary-share-message")).to_contain_text("could not be loaded")
    good = {"app": "pt-guide", "kind": "diary", "schema": 2, "entries": [{"id": "new1", "at": "2026-11-02T10:00"}]}
    page.get_by_label("Choose a JSON copy exported from this app").set_input_files(
        files=[{"name": "d.json", "mimeType": "application/json", "buffer": json.dumps(good).encode()}])
    expect(page.locator("#diary-import-message")).to_contain_text("could not be loaded")
    assert stored(page) == before
    add_entry(page, During_exercise=2)
    assert len(stored(page)["data"]["entries"]) == 2, "the rest of the diary still works"

    page.unroute(SHARE_BUNDLE)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export a full copy (JSON)").click()
    assert len(json.loads(download.value.path().read_text("utf-8"))["entries"]) == 2
    context.close()
    assert [p for p in watch.problems if not SHARE_BUNDLE.search(p.split()[1])] == [], watch.problems


def test_after_one_visit_export_and_import_work_with_the_network_off(browser, served_under_subpath, tmp_path):
    context, page = offline_after_one_visit(browser, served_under_subpath + "diary/")
    watch = PageWatch().attach(page)
    from_worker: dict[str, bool] = {}
    page.on("response", lambda response: from_worker.__setitem__(response.url, response.from_service_worker))
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    add_entry(page, at="2026-11-03T18:30", During_exercise=4, note="Exported with no signal")

    with page.expect_download() as download:
        page.get_by_role("button", name="Export a full copy (JSON)").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert json.loads(exported.read_text("utf-8"))["entries"][0]["note"] == "Exported with no signal"
    with page.expect_download() as download:
        page.get_by_role("button", name="Export for a spreadsheet (CSV)").click()
    assert b"Exported with no signal" in download.value.path().read_bytes()
    page.get_by_label("Choose a JSON copy exported from this app").set_input_files(exported)
    expect(page.locator("#diary-import-message")).to_have_text("Imported: 0 new, 0 replaced, 1 already here.")

    shares = share_requests(list(from_worker))
    assert len(shares) == 1 and from_worker[shares[0]], from_worker
    context.close()
    assert not watch.problems


def test_a_link_to_one_entry_lands_on_that_entry_not_on_the_empty_form(diary, served_under_subpath):
    # The pain check's "Open your diary" links to diary/#entry-<id>; the patient must see the entry they saved.
    for n in range(4):
        add_entry(diary, note=f"entry {n}")
    target = stored(diary)["data"]["entries"][0]["id"]
    diary.goto(served_under_subpath)
    diary.goto(served_under_subpath + f"diary/#entry-{target}")
    diary.wait_for_selector(".app-diary[data-ready]")
    linked = diary.locator(f'#diary-list > li[data-id="{target}"]')
    expect(linked).to_have_class(re.compile(r"app-diary-entry--linked"))
    expect(linked.locator("h3")).to_be_focused()
    assert diary.evaluate("window.scrollY") > 0, "scrolled past the form to the entry"
    assert diary.locator("#diary-list .app-diary-entry--linked").count() == 1
    diary.goto(served_under_subpath)
    diary.goto(served_under_subpath + "diary/#entry-%E0%A4%A")  # a broken link is ignored, not a crash (PageWatch)
    diary.wait_for_selector(".app-diary[data-ready]")
    expect(diary.locator(".app-diary-entry--linked")).to_have_count(0)
