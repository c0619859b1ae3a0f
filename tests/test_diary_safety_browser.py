"""The diary never loses a patient's words (issue 12): no script, two tabs, bad luck and big diaries."""

from __future__ import annotations

import html
import json
import re
import threading

import pytest
from playwright.sync_api import expect

from browser import PageWatch
from ptguide.static_server import PagesHandler, make_server
from test_diary_browser import KEY, QUOTA_SCRIPT, add_entry, entries, reload, stored

pytestmark = pytest.mark.browser

NEXT_KEY = "ptguide:/pt-guide/:next-session"


def envelope(entries_: list[dict], schema: int = 2) -> str:
    return json.dumps({"schema": schema, "savedAt": "2026-11-01T08:00:00.000Z", "data": {"entries": entries_}})


def entry(id_: str, at: str, **fields) -> dict:
    base = {"id": id_, "at": at, "painBefore": None, "painDuring": None, "painAfter": None, "painNextMorning": None,
            "reach": None, "side": None, "feelings": [], "exercises": [], "note": "", "check": None}
    return {**base, **fields}


def seed(page, key: str, value: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])


def open_page(context, url: str):
    page = context.new_page()
    page.watch = PageWatch().attach(page)
    page.goto(url)
    page.wait_for_selector(".app-diary[data-ready]")
    return page


# ---------------------------------------------------------------- no script: nothing leaves the phone

@pytest.fixture
def logged_server(built_site, monkeypatch):
    """The build at /pt-guide/ on a server whose request log the test reads."""
    log: list[str] = []
    monkeypatch.setattr(PagesHandler, "log_message", lambda self, fmt, *args: log.append(fmt % args))
    server = make_server(built_site, "/pt-guide/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/pt-guide/", log
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("path", "script", "notice"), [
    ("diary/", r"/static/gen/diary\.[0-9a-f]{8}\.js$", "The diary could not start; nothing was saved"),
    ("next-session/", r"/static/gen/next-session\.[0-9a-f]{8}\.js$", "This page could not start; nothing was saved"),
    ("pain-check/", r"/static/gen/pain-check\.[0-9a-f]{8}\.js$", "This page could not start; nothing was saved"),
])
def test_with_the_script_blocked_no_form_sends_what_was_typed_and_the_page_says_so(browser, logged_server, path, script, notice):
    base, log = logged_server
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.route(re.compile(script), lambda route: route.abort())
    page.goto(base + path)
    form = page.locator("form").first
    typed = page.locator("form textarea").first
    if typed.count():
        typed.fill("secret words about my back")
        typed.press("Enter")
    else:
        page.locator("form input[type=checkbox]").first.check()
    for button in form.locator("button[type=submit], button:not([type])").all():
        button.click()
    page.evaluate("document.querySelector('form').requestSubmit()")
    page.locator("form input, form select, form textarea").first.focus()
    expect(page.get_by_text(notice)).to_be_visible()
    page.wait_for_timeout(300)  # a submission, had there been one, reaches the server's log by now
    context.close()
    sent = [line for line in log if "?" in line or "secret" in line or "POST" in line]
    assert sent == [], sent
    assert any(path in line for line in log), "the log does record this page's own requests"


def test_every_page_forbids_form_submission_and_data_images_except_the_404_page(built_site):
    for page in sorted(built_site.rglob("*.html")):
        csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.read_text("utf-8")).group(1))
        assert "form-action 'none'" in csp, page
        assert ("data:" in csp) == (page.name == "404.html"), page


# ---------------------------------------------------------------- per-entry safety and Put back

def test_one_bad_entry_is_set_aside_alone_and_the_rest_of_the_diary_shows(diary):
    good = [entry("a1", "2026-11-02T09:00", painDuring=3), entry("a2", "2026-11-03T09:00", note="kept"),
            entry("a3", "2026-11-04T09:00", painAfter=2)]
    bad = entry("b1", "2026-11-05T09:00", painDuring=11, note="pain eleven")
    seed(diary, KEY, envelope([good[0], bad, good[1], good[2]]))
    reload(diary)
    diary.get_by_label("Show", exact=True).select_option("0")
    assert len(entries(diary)) == 3
    assert "set aside below, each with the reason" in diary.locator("#diary-problems").text_content()
    asides = diary.locator("#diary-asides")
    assert "because these entries could not be read. It holds 1 entry." in asides.text_content()
    assert [e["id"] for e in stored(diary)["data"]["entries"]] == ["a1", "a2", "a3"]

    diary.get_by_role("button", name="Put back the copy").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("1 entry could not be put back")
    assert "0 to 10" in diary.locator("#diary-form-message").text_content()
    assert "It holds 1 entry" in asides.text_content(), "the copy stays until every entry can come back"

    with diary.expect_download() as download:
        diary.get_by_role("button", name="Download the copy").click()
    copy = json.loads(download.value.path().read_text("utf-8"))
    assert copy["app"] == "pt-guide" and copy["entries"][0]["note"] == "pain eleven"
    diary.get_by_label("Choose a JSON copy exported from this app").set_input_files(download.value.path())
    expect(diary.locator("#diary-import-message")).to_contain_text("0 to 10")
    assert "not a diary exported from PT Guide" not in diary.locator("#diary-import-message").text_content()


def test_a_whole_copy_set_aside_is_put_back_merged_by_entry_asking_before_it_replaces(diary):
    add_entry(diary, at="2026-11-02T09:00", During_exercise=3, note="live")
    live = stored(diary)["data"]["entries"][0]
    older = [{**live, "note": "the set-aside version"}, entry("c2", "2026-11-01T08:00", painBefore=1, note="only in the copy")]
    seed(diary, KEY + ":set-aside:2026-11-20T10:00:00.000Z:newer-schema", envelope(older))
    reload(diary)
    asides = diary.locator("#diary-asides")
    assert "Set aside on 20 Nov 2026" in asides.text_content() and "It holds 2 entries" in asides.text_content()
    asked: list[str] = []
    diary.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    diary.get_by_role("button", name="Put back the copy").click()
    expect(asides).to_contain_text("Nothing was put back")
    assert "1 entries that are different" in asked[0]
    assert [e["note"] for e in stored(diary)["data"]["entries"]] == ["live"]

    diary.once("dialog", lambda dialog: dialog.accept())
    diary.get_by_role("button", name="Put back the copy").click()
    expect(diary.locator("#diary-form-message")).to_have_text("Put back: 1 new, 1 replaced, 0 already here.")
    assert sorted(e["note"] for e in stored(diary)["data"]["entries"]) == ["only in the copy", "the set-aside version"]
    assert asides.text_content() == ""


# ---------------------------------------------------------------- valid data only

def test_far_dates_are_set_aside_refused_in_the_form_and_a_save_never_doubles(diary):
    seed(diary, KEY, envelope([entry("old", "1900-01-01T10:00", painDuring=2), entry("far", "2999-12-30T10:00", painDuring=2),
                               entry("ok", "2026-11-02T09:00", painDuring=4)]))
    reload(diary)
    diary.get_by_label("Show", exact=True).select_option("0")
    assert entries(diary) == ["Mon 2 Nov 2026, 09:00"]
    assert diary.locator("#diary-weeks li").count() < 60, "no 57,396-row chart in words"
    assert "It holds 2 entries" in diary.locator("#diary-asides").text_content()

    diary.get_by_label("Date and time").fill("2999-12-30T10:00")
    diary.get_by_label("During exercise").select_option("3")
    diary.get_by_role("button", name="Save entry").click()
    assert "between 1 January 2000 and tomorrow" in diary.locator("#diary-form-message").text_content()
    assert len(stored(diary)["data"]["entries"]) == 1

    diary.get_by_label("Date and time").fill("2026-11-03T09:00")
    diary.get_by_role("button", name="Save entry").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("Entry saved")
    diary.get_by_role("button", name="Save entry").click()
    assert "not saved" in diary.locator("#diary-form-message").text_content(), "a second tap saves no blank copy"
    assert len(stored(diary)["data"]["entries"]) == 2


def test_an_empty_form_saves_nothing_and_says_what_is_needed(diary):
    diary.get_by_role("button", name="Save entry").click()
    assert "note at least one pain number, a choice or a note" in diary.locator("#diary-form-message").text_content()
    assert stored(diary) is None
    assert entries(diary) == []


def test_a_stored_level_named_like_an_object_method_shows_no_code(diary):
    today = diary.evaluate("document.getElementById('diary-at').value.slice(0, 10)")
    saved = {"at": f"{today}T08:00", "level": "constructor"}
    seed(diary, "ptguide:/pt-guide/:pain-check", json.dumps({"schema": 1, "data": {"saved": saved}}))
    seed(diary, KEY, envelope([entry("k1", f"{today}T07:00", painDuring=2, check="constructor")]))
    reload(diary)
    assert diary.locator("#diary-check-field").is_hidden()
    text = diary.locator("#diary-list").text_content()
    assert "function" not in text and "native code" not in text
    assert "a result this version does not know" in text


# ---------------------------------------------------------------- two tabs

def test_an_entry_deleted_in_another_tab_while_edited_here_keeps_the_typing(diary, phone):
    add_entry(diary, at="2026-11-03T18:30", During_exercise=4, note="original")
    diary.get_by_label("Show", exact=True).select_option("0")
    diary.get_by_role("button", name="Edit").first.click()
    diary.get_by_label("Note", exact=True).fill("my careful changes")
    other = open_page(phone, diary.url)
    other.get_by_label("Show", exact=True).select_option("0")
    other.get_by_role("button", name="Delete the entry").first.click()
    diary.wait_for_function("() => document.querySelectorAll('#diary-list > li').length === 0")
    assert diary.get_by_label("Note", exact=True).input_value() == "my careful changes", "nothing wiped"

    diary.get_by_role("button", name="Save changes").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("deleted in another tab or window")
    assert stored(diary)["data"]["entries"] == []
    diary.get_by_role("button", name="Save mine as a new entry").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("Entry saved")
    assert [e["note"] for e in stored(diary)["data"]["entries"]] == ["my careful changes"]
    other.close()


def test_two_edits_of_one_entry_are_told_and_the_patient_chooses(diary, phone):
    # Saved before entries carried a rev: it counts as rev 1.
    seed(diary, KEY, envelope([entry("r1", "2026-11-03T18:30", painDuring=4, note="original")]))
    reload(diary)
    other = open_page(phone, diary.url)
    for page in (diary, other):
        page.get_by_label("Show", exact=True).select_option("0")
        page.get_by_role("button", name="Edit").first.click()
    other.get_by_label("Note", exact=True).fill("theirs")
    other.get_by_role("button", name="Save changes").click()
    expect(other.locator("#diary-form-message")).to_have_text("Your changes are saved.")
    diary.get_by_label("Note", exact=True).fill("mine")
    diary.get_by_role("button", name="Save changes").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("changed in another tab or window")
    assert stored(diary)["data"]["entries"][0]["note"] == "theirs", "nothing written over yet"
    diary.get_by_role("button", name="Keep mine").click()
    expect(diary.locator("#diary-form-message")).to_have_text("Your changes are saved.")
    saved = stored(diary)["data"]["entries"]
    assert [(e["note"], e["rev"]) for e in saved] == [("mine", 3)]
    other.close()


def test_the_next_session_note_typed_in_two_tabs_is_never_written_over_silently(phone, served_under_subpath):
    url = served_under_subpath + "next-session/"
    first, second = phone.new_page(), phone.new_page()
    for page in (first, second):
        page.goto(url)
        page.wait_for_selector("[data-module=next-session][data-module-started]")
    second.get_by_role("textbox").focus()
    second.keyboard.type("sec")
    first.get_by_role("textbox").fill("from the first tab")
    expect(second.get_by_role("textbox")).to_have_value("sec")
    second.keyboard.type("ond")
    assert second.get_by_role("textbox").input_value() == "second"
    assert json.loads(second.evaluate(f"localStorage.getItem({NEXT_KEY!r})"))["data"]["note"] == "from the first tab"
    expect(second.get_by_text("Your note was changed in another tab or window")).to_be_visible()
    second.get_by_role("button", name="Keep this note").click()
    assert json.loads(second.evaluate(f"localStorage.getItem({NEXT_KEY!r})"))["data"]["note"] == "second"
    first.keyboard.type("!")
    expect(first.get_by_text("Your note was changed in another tab or window")).to_be_visible()
    assert json.loads(first.evaluate(f"localStorage.getItem({NEXT_KEY!r})"))["data"]["note"] == "second"


def test_delete_all_in_the_diary_clears_an_open_next_session_note_for_good(diary, phone, served_under_subpath):
    notes = phone.new_page()
    notes.goto(served_under_subpath + "next-session/")
    notes.wait_for_selector("[data-module=next-session][data-module-started]")
    box = notes.get_by_role("textbox")
    box.fill("ask about my leg")
    box.focus()
    diary.once("dialog", lambda dialog: dialog.accept())
    diary.get_by_role("button", name="Delete all my data").click()
    expect(box).to_have_value("")
    notes.keyboard.type("x")
    assert json.loads(notes.evaluate(f"localStorage.getItem({NEXT_KEY!r})"))["data"]["note"] == "x"


# ---------------------------------------------------------------- drafts, undo

def test_what_was_typed_comes_back_after_a_reload(diary):
    diary.get_by_label("During exercise").select_option("6")
    diary.get_by_label("Note", exact=True).fill("half typed when the phone rang")
    assert diary.evaluate("document.documentElement.dataset.unsaved") == "true"
    reload(diary)
    assert diary.get_by_label("Note", exact=True).input_value() == "half typed when the phone rang"
    assert diary.get_by_label("During exercise").input_value() == "6"
    assert "not saved in your diary yet" in diary.locator("#diary-form-message").text_content()
    diary.get_by_role("button", name="Save entry").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("Entry saved")
    reload(diary)
    assert diary.get_by_label("Note", exact=True).input_value() == ""
    assert diary.evaluate("document.documentElement.dataset.unsaved") is None


def test_an_undo_that_storage_refuses_offers_retry_and_keeps_the_entry(phone, served_under_subpath):
    phone.add_init_script(QUOTA_SCRIPT)
    page = open_page(phone, served_under_subpath + "diary/")
    add_entry(page, During_exercise=2, note="keep me")
    page.get_by_role("button", name="Delete the entry").first.click()
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    page.evaluate("window.__storageFull = true")
    page.get_by_role("button", name="Undo").click()
    undo = page.locator("#diary-undo")
    expect(undo).to_contain_text("is not back yet")
    assert "storage is full" in undo.text_content()
    page.evaluate("window.__storageFull = false")
    page.get_by_role("button", name="Retry").click()
    expect(undo).to_contain_text("is back")
    assert [e["note"] for e in stored(page)["data"]["entries"]] == ["keep me"]


# ---------------------------------------------------------------- observations

def test_pain_in_both_legs_points_to_the_warning_signs(diary):
    add_entry(diary, Side="both", Reaches="foot", Pins_and_needles=True, During_exercise=3)
    observation = diary.locator("#diary-observations li").first
    assert "both legs" in observation.text_content()
    link = observation.get_by_role("link", name="See the warning signs")
    assert link.get_attribute("href").endswith("faq/warning-signs/")
    assert "general limit this guide uses" in diary.locator(".app-diary-chart__legend").text_content()


# ---------------------------------------------------------------- big diaries

def test_ten_thousand_entries_show_in_pages_and_another_tabs_note_does_not_redraw(diary, phone, served_under_subpath):
    diary.evaluate("""key => {
      const entries = [];
      for (let i = 0; i < 10000; i += 1) {
        const day = new Date(Date.UTC(2000, 0, 1) + i * 86400000 * 0.9).toISOString().slice(0, 10);
        entries.push({ id: 'e' + i, at: day + 'T10:00', painBefore: i % 11, painDuring: null, painAfter: null,
          painNextMorning: null, reach: null, side: null, feelings: [], exercises: ['Walk'], note: 'n' + i, check: null });
      }
      localStorage.setItem(key, JSON.stringify({ schema: 2, savedAt: '2026-11-01T08:00:00.000Z', data: { entries } }));
    }""", KEY)
    reload(diary)
    diary.get_by_label("Show", exact=True).select_option("0")
    assert diary.locator("#diary-list > li").count() == 50
    assert diary.locator("#diary-weeks li").count() <= 53
    diary.get_by_role("button", name=re.compile("^Show 50 more")).click()
    assert diary.locator("#diary-list > li").count() == 100
    renders = diary.evaluate("performance.getEntriesByName('diary-render').length")
    notes = phone.new_page()
    notes.goto(served_under_subpath + "next-session/")
    notes.wait_for_selector("[data-module=next-session][data-module-started]")
    notes.get_by_role("textbox").fill("typing in another tab")
    diary.wait_for_timeout(200)
    assert diary.evaluate("performance.getEntriesByName('diary-render').length") == renders
    add_entry(diary, During_exercise=1, note="entry 10,001")
    assert len(stored(diary)["data"]["entries"]) == 10001


# ---------------------------------------------------------------- backups

def test_after_five_entries_a_copy_is_suggested_once_and_one_tap_makes_it(diary):
    for n in range(5):
        assert diary.locator("#diary-nudge").is_hidden()
        add_entry(diary, During_exercise=n)
    nudge = diary.locator("#diary-nudge")
    expect(nudge).to_be_visible()
    assert "Last copy saved: never." in diary.locator("#diary-last-copy").text_content()
    with diary.expect_download() as download:
        nudge.get_by_role("button", name="Save a copy now").click()
    assert len(json.loads(download.value.path().read_text("utf-8"))["entries"]) == 5
    expect(nudge).to_be_hidden()
    assert "Last copy saved: never" not in diary.locator("#diary-last-copy").text_content()
    for n in range(5):
        add_entry(diary, During_exercise=n)
    expect(nudge).to_be_visible()
    nudge.get_by_role("button", name="Not now").click()
    reload(diary)
    assert nudge.is_hidden(), "dismissed until the next copy"


def test_safari_on_an_iphone_explains_the_seven_day_rule(browser, served_under_subpath):
    context = browser.new_context(viewport={"width": 360, "height": 740}, user_agent=(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.0 Mobile/15E148 Safari/604.1"))
    page = open_page(context, served_under_subpath + "diary/")
    for n in range(5):
        add_entry(page, During_exercise=n)
    nudge = page.locator("#diary-nudge")
    # The nudge comes with the share bundle, loaded on first use: wait for it rather than read at once.
    expect(nudge).to_contain_text("after 7 days without a visit")
    text = nudge.text_content()
    assert "Home Screen" in text and "its own storage" in text
    context.close()


@pytest.fixture
def diary(phone, served_under_subpath):
    page = open_page(phone, served_under_subpath + "diary/")
    yield page
    assert not [problem for problem in page.watch.problems if "ERR_ABORTED" not in problem]


def diary_with_an_update_waiting(browser, site_copy, tmp_path, init_script: str | None = None):
    """The diary open and offline-ready, then a new version published: its "A new version is ready" banner showing."""
    from ptguide.static_server import serve_in_thread
    from test_offline_browser import build, publish_new_version, wait_until_offline_ready

    out = build(site_copy, tmp_path / "served")
    server, base = serve_in_thread(out, "/pt-guide/")
    context = browser.new_context()
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(base + "diary/")
    wait_until_offline_ready(page)
    publish_new_version(site_copy, out)
    page.reload()
    page.wait_for_selector(".app-diary[data-ready]")
    page.get_by_text("A new version is ready.").wait_for()
    return context, page, server


def test_the_update_banner_says_when_an_entry_is_half_typed_and_the_typing_survives_the_update(browser, site_copy, tmp_path):
    context, page, server = diary_with_an_update_waiting(browser, site_copy, tmp_path)
    page.get_by_label("Note", exact=True).fill("typed just before the update")
    page.get_by_role("button", name="Reload").click()
    expect(page.get_by_text("Something you typed is not saved yet")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Reload").click()
    page.wait_for_selector(".app-diary[data-ready]")
    assert page.get_by_label("Note", exact=True).input_value() == "typed just before the update"
    context.close()
    server.shutdown()
    server.server_close()


def test_the_next_session_list_offers_the_diary_as_ticks_the_patient_chooses(diary, phone, served_under_subpath):
    add_entry(diary, at="2026-11-03T18:30", During_exercise=7, Reaches="foot", Side="both")
    notes = phone.new_page()
    notes.goto(served_under_subpath + "next-session/")
    notes.wait_for_selector("[data-module=next-session][data-module-started]")
    group = notes.get_by_role("group", name="From your diary")
    labels = group.locator("label").all_text_contents()
    # B2: the warning-sign line (S5: both legs) comes first, ticked for the patient; the rest waits for a tick.
    assert labels[0].startswith("One of your latest entries has pain or pins and needles in both legs")
    assert labels[1].startswith("Latest diary entry, Tue 3 Nov 2026, 18:30. Pain during 7")
    assert any("above 5 out of 10" in label for label in labels)
    assert [box.is_checked() for box in group.locator("input").all()] == [True] + [False] * (len(labels) - 1)
    expect(group).to_contain_text("A warning-sign line is ticked for you.")
    group.get_by_label(labels[1]).check()
    ticked = json.loads(notes.evaluate(f"localStorage.getItem({NEXT_KEY!r})"))["data"]["ticked"]
    assert ticked == [f"diary:{labels[0]}", f"diary:{labels[1]}"]
    notes.reload()
    assert notes.get_by_role("group", name="From your diary").get_by_label(labels[1]).is_checked()


def test_a_draft_brought_back_in_a_second_tab_and_saved_in_both_is_told_not_doubled(diary, phone):
    diary.get_by_label("During exercise").select_option("5")
    diary.get_by_label("Note", exact=True).fill("typed in the first tab")
    second = open_page(phone, diary.url)
    # Another tab's draft is offered, never put into this tab's form by itself (attacker review E).
    assert second.get_by_label("Note", exact=True).input_value() == ""
    second.get_by_role("button", name="Bring it back").click()
    assert second.get_by_label("Note", exact=True).input_value() == "typed in the first tab"
    second.get_by_role("button", name="Save entry").click()
    expect(second.locator("#diary-form-message")).to_contain_text("Entry saved")
    diary.get_by_role("button", name="Save entry").click()
    expect(diary.locator("#diary-form-message")).to_contain_text("changed in another tab or window")
    assert len(stored(diary)["data"]["entries"]) == 1, "no second copy"
    diary.get_by_role("button", name="Keep theirs").click()
    assert len(stored(diary)["data"]["entries"]) == 1
    second.close()
