"""My programme in a real Chromium, served under a subpath: made from the library and by typing, edited, kept across
reloads and tabs, junk and newer versions under its key, offline, in the diary's export and import, and on the home page."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from browser import PageWatch
from test_offline_browser import offline_after_one_visit

pytestmark = pytest.mark.browser

KEY = "ptguide:/pt-guide/:programme"
DIARY_KEY = "ptguide:/pt-guide/:diary"
MARKUP = "<img src=x onerror=window.__pwned=1>"


def open_programme(page, base: str) -> None:
    page.goto(base + "programme/")
    page.wait_for_selector(".app-programme[data-ready]")


@pytest.fixture
def programme(phone, served_under_subpath):
    """My programme, open and ready, with nothing stored yet."""
    page = phone.new_page()
    page.watch = PageWatch().attach(page)
    open_programme(page, served_under_subpath)
    yield page
    assert not [problem for problem in page.watch.problems if "ERR_ABORTED" not in problem]


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return json.loads(raw) if raw else None


def names(page) -> list[str]:
    return page.locator("#programme-list > li > h3").all_text_contents()


def add_from_library(page, title: str) -> None:
    page.get_by_label("Search the exercises in this guide").fill(title)
    page.get_by_role("button", name=f"Add {title} to my programme").click()
    expect(page.locator("#programme-list > li > h3", has_text=title)).to_be_visible()


def add_typed(page, name: str) -> None:
    page.get_by_label("Or type the name of an exercise").fill(name)
    page.get_by_role("button", name="Add it").click()
    expect(page.locator("#programme-list > li > h3", has_text=name[:20])).to_be_visible()


def item(page, name: str):
    # The list item whose own heading names it (an open form inside it has a heading too).
    return page.locator("#programme-list > li").filter(has=page.locator("xpath=./h3", has_text=name))


def change_dose(page, name: str, **fields) -> None:
    page.get_by_role("button", name=f"Change: {name}").click()
    for label, value in fields.items():
        page.get_by_label(label.replace("_seconds", " (seconds)").replace("_", " "), exact=True).fill(value)
    page.get_by_role("button", name="Save", exact=True).click()


def start_links(page, built_site, href: str) -> None:
    """The Start link goes to the session page, or, in a build without that page, is not there at all."""
    link = page.get_by_role("link", name="Start today's exercises")
    if (built_site / "session" / "index.html").is_file():
        expect(link).to_have_attribute("href", href)
    else:
        expect(link).to_have_count(0)


def test_a_programme_made_from_the_library_and_by_typing_is_there_after_a_reload_with_its_doses(programme, built_site):
    expect(programme.locator("#programme-empty")).to_be_visible()
    add_from_library(programme, "Bridge")
    bridge = item(programme, "Bridge")
    # The library's default shows until the therapist's dose is typed.
    expect(bridge).to_contain_text("5 times, hold 5 seconds")
    expect(bridge.get_by_role("link", name="Bridge")).to_have_attribute("href", "../exercises/bridge/")
    add_typed(programme, "Walk to the shop and back")
    expect(item(programme, "Walk to the shop")).to_contain_text("Typed in by you.")
    change_dose(programme, "Bridge", Sets="2", Repetitions="10", Rest_seconds="30", Times_a_day="1")
    expect(bridge).to_contain_text("2 sets of 10, rest 30 seconds, once a day.")
    expect(bridge).to_contain_text("Usual starting dose in this guide, not from your therapist: hold 5 seconds, every day.")
    programme.get_by_role("button", name="Change: Bridge").click()
    for day in ("Monday", "Wednesday", "Friday"):
        programme.get_by_label(day).check()
    programme.get_by_label("Times of day").fill("8:00, 18.30")
    programme.get_by_label("Your therapist's note for this exercise").fill(f"Slowly {MARKUP}")
    programme.get_by_role("button", name="Save", exact=True).click()
    expect(bridge).to_contain_text("Days: Monday, Wednesday and Friday at 08:00 and 18:30.")
    start_links(programme, built_site, "../session/")

    programme.reload()
    programme.wait_for_selector(".app-programme[data-ready]")
    assert names(programme) == ["Bridge", "Walk to the shop and back"]
    expect(item(programme, "Bridge")).to_contain_text(f"Your therapist's note: Slowly {MARKUP}")
    assert programme.evaluate("window.__pwned") is None
    data = stored(programme)["data"]
    assert stored(programme)["schema"] == 1
    assert data["items"][0]["dose"] == {"sets": 2, "reps": 10, "holdSeconds": None, "restSeconds": 30, "timesPerDay": 1,
                                        "daysPerWeek": None}
    assert data["items"][0]["days"] == ["mon", "wed", "fri"] and data["items"][0]["times"] == ["08:00", "18:30"]
    assert data["items"][1]["exerciseId"] is None


def test_a_wrong_dose_is_refused_in_plain_words_and_nothing_is_saved(programme):
    add_from_library(programme, "Bridge")
    before = stored(programme)
    change_dose(programme, "Bridge", Repetitions="0")
    expect(programme.locator("#programme-item-message")).to_contain_text("Repetitions: type a whole number from 1 to 100")
    assert stored(programme) == before


def test_remove_with_undo_and_reorder_keep_the_programme_in_order(programme):
    for title in ("Bridge", "Bird dog", "Walking"):
        add_from_library(programme, title)
    programme.get_by_role("button", name="Move up: Walking").click()
    expect(programme.locator("#programme-list > li > h3").nth(1)).to_have_text("Walking")
    assert programme.evaluate("document.activeElement.getAttribute('aria-label')") == "Move up: Walking"
    programme.get_by_role("button", name="Remove: Bridge").click()
    expect(programme.locator("#programme-undo")).to_contain_text("Removed Bridge from your programme.")
    assert names(programme) == ["Walking", "Bird dog"]
    programme.get_by_role("button", name="Undo").click()
    expect(programme.locator("#programme-undo")).to_contain_text("Bridge is back in your programme.")
    assert names(programme) == ["Bridge", "Walking", "Bird dog"]
    assert [i["name"] for i in stored(programme)["data"]["items"]] == ["Bridge", "Walking", "Bird dog"]


def test_the_programme_can_be_made_and_changed_with_the_keyboard_only(programme):
    programme.get_by_label("Search the exercises in this guide").focus()
    programme.keyboard.type("bird")
    programme.keyboard.press("Tab")
    assert programme.evaluate("document.activeElement.getAttribute('aria-label')") == "Add Bird dog to my programme"
    programme.keyboard.press("Enter")
    expect(programme.locator("#programme-list > li > h3")).to_have_text(["Bird dog"])
    programme.get_by_label("Or type the name of an exercise").focus()
    programme.keyboard.type("Stairs")
    programme.keyboard.press("Enter")
    expect(programme.locator("#programme-list > li > h3")).to_have_text(["Bird dog", "Stairs"])
    programme.get_by_role("button", name="Change: Stairs").focus()
    programme.keyboard.press("Enter")
    assert programme.evaluate("document.activeElement.id") == "programme-item-heading"
    programme.keyboard.press("Tab")
    assert programme.evaluate("document.activeElement.id") == "programme-sets"
    programme.keyboard.type("3")
    programme.keyboard.press("Enter")
    expect(item(programme, "Stairs")).to_contain_text("3 sets.")
    assert programme.evaluate("document.activeElement.getAttribute('aria-label')") == "Change: Stairs"
    programme.keyboard.press("Shift+Tab")
    programme.keyboard.press("Shift+Tab")
    assert programme.evaluate("document.activeElement.getAttribute('aria-label')") == "Move down: Bird dog"
    programme.keyboard.press("Enter")
    expect(programme.locator("#programme-list > li > h3")).to_have_text(["Stairs", "Bird dog"])


def test_a_change_being_typed_comes_back_after_a_reload(programme):
    add_from_library(programme, "Bridge")
    programme.get_by_role("button", name="Change: Bridge").click()
    programme.get_by_label("Sets", exact=True).fill("4")
    programme.get_by_label("Your therapist's note for this exercise").fill("Half-way typed")
    programme.reload()
    programme.wait_for_selector(".app-programme[data-ready]")
    expect(programme.get_by_label("Sets", exact=True)).to_have_value("4")
    expect(programme.get_by_label("Your therapist's note for this exercise")).to_have_value("Half-way typed")
    expect(programme.locator("#programme-item-message")).to_have_text("What you were typing is back. It is not saved yet.")
    programme.get_by_role("button", name="Save", exact=True).click()
    expect(item(programme, "Bridge")).to_contain_text("4 sets.")


def test_the_programme_details_and_a_past_review_date(programme):
    programme.get_by_role("button", name="Change who it is from, dates or note").click()
    programme.get_by_label("Who it is from").fill("Riverside Physio")
    programme.get_by_label("Start date").fill("2020-01-06")
    programme.get_by_label("Review date").fill("2020-02-03")
    programme.get_by_role("button", name="Save", exact=True).click()
    expect(programme.locator("#programme-details-view")).to_contain_text("From: Riverside Physio")
    expect(programme.locator("#programme-review")).to_have_text(
        "Your review date has passed: ask your therapist to check your programme.")


def test_junk_under_the_programme_key_is_set_aside_the_diary_untouched_and_the_page_works(phone, served_under_subpath):
    page = phone.new_page()
    page.goto(served_under_subpath + "programme/")
    diary = json.dumps({"schema": 2, "savedAt": "2026-11-01T10:00:00.000Z", "data": {"entries": []}})
    junk = json.dumps({"schema": 1, "data": {"id": "p-1", "items": [{"key": "a", "name": MARKUP, "dose": {"sets": "lots"}}]}})
    page.evaluate("([k, v, dk, d]) => { localStorage.setItem(k, v); localStorage.setItem(dk, d); }", [KEY, junk, DIARY_KEY, diary])
    open_programme(page, served_under_subpath)
    expect(page.locator("#programme-problems")).to_contain_text("Your saved exercise programme could not be read, so it was put aside.")
    aside = page.evaluate("Object.keys(localStorage).filter((k) => k.includes(':programme:set-aside:'))")
    assert len(aside) == 1 and aside[0].endswith(":invalid")
    assert page.evaluate("(k) => localStorage.getItem(k)", aside[0]) == junk
    assert page.evaluate("(k) => localStorage.getItem(k)", DIARY_KEY) == diary
    page.reload()
    page.wait_for_selector(".app-programme[data-ready]")
    expect(page.locator("#programme-problems")).to_contain_text("An earlier copy of your programme could not be read, so it was put aside.")
    add_typed(page, "Stairs")
    assert stored(page)["data"]["items"][0]["name"] == "Stairs"
    assert page.evaluate("window.__pwned") is None
    # The diary page lists the copy with the others, to download or delete (or put back once nothing is stored).
    page.goto(served_under_subpath + "diary/")
    copy = page.locator(".app-diary__aside", has_text="Your exercise programme")
    expect(copy).to_contain_text("because it had mistakes this version cannot read")
    expect(copy.get_by_role("button", name="Download")).to_be_visible()
    expect(copy.get_by_role("button", name="Put back")).to_be_visible()


def test_a_programme_saved_by_a_newer_version_is_read_only_and_left_as_it_is(phone, served_under_subpath):
    page = phone.new_page()
    page.goto(served_under_subpath + "programme/")
    newer = json.dumps({"schema": 2, "savedAt": "2026-12-01T10:00:00.000Z", "data": {"shape": "new", "items": []}})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, newer])
    open_programme(page, served_under_subpath)
    newer_text = "A newer version of PT Guide saved your exercise programme: reload to update."
    expect(page.locator("#programme-problems")).to_have_text(newer_text)
    expect(page.get_by_role("button", name="Change who it is from, dates or note")).to_be_disabled()
    page.get_by_label("Or type the name of an exercise").fill("Stairs")
    page.get_by_role("button", name="Add it").click()
    expect(page.locator("#programme-add-message")).to_have_text(newer_text)
    assert page.evaluate("(k) => localStorage.getItem(k)", KEY) == newer


def test_two_tabs_changing_the_same_exercise_are_told_and_nothing_is_lost(phone, served_under_subpath):
    one = phone.new_page()
    open_programme(one, served_under_subpath)
    add_from_library(one, "Bridge")
    two = phone.new_page()
    open_programme(two, served_under_subpath)
    one.get_by_role("button", name="Change: Bridge").click()
    one.get_by_label("Repetitions", exact=True).fill("12")
    # Meanwhile the other tab changes the same exercise and adds another one.
    change_dose(two, "Bridge", Repetitions="8")
    expect(item(two, "Bridge")).to_contain_text("8 times.")
    add_typed(two, "Stairs")
    expect(one.locator("#programme-list > li > h3")).to_have_text(["Bridge", "Stairs"])
    one.get_by_role("button", name="Save", exact=True).click()
    message = one.locator("#programme-item-message")
    expect(message).to_contain_text("This was changed in another tab or window while you were changing it here. "
                                    "Your changes are not saved yet.")
    assert stored(one)["data"]["items"][0]["dose"]["reps"] == 8
    one.get_by_role("button", name="Keep mine").click()
    expect(item(one, "Bridge")).to_contain_text("12 times.")
    data = stored(one)["data"]
    assert [i["name"] for i in data["items"]] == ["Bridge", "Stairs"] and data["items"][0]["dose"]["reps"] == 12
    expect(item(two, "Bridge")).to_contain_text("12 times.")


def test_keep_theirs_drops_only_this_tabs_change(phone, served_under_subpath):
    one = phone.new_page()
    open_programme(one, served_under_subpath)
    add_from_library(one, "Bridge")
    two = phone.new_page()
    open_programme(two, served_under_subpath)
    one.get_by_role("button", name="Change: Bridge").click()
    one.get_by_label("Sets", exact=True).fill("3")
    change_dose(two, "Bridge", Sets="2")
    expect(item(one, "Bridge")).to_contain_text("2 sets.")
    one.get_by_role("button", name="Save", exact=True).click()
    one.get_by_role("button", name="Keep theirs").click()
    expect(one.locator("#programme-undo")).to_contain_text("Kept the version saved in the other tab or window.")
    assert stored(one)["data"]["items"][0]["dose"]["sets"] == 2
    assert one.evaluate("Object.keys(localStorage).filter((k) => k.includes('programme-draft'))") == []


def test_my_programme_works_offline_after_one_visit(browser, served_under_subpath):
    context, page = offline_after_one_visit(browser, served_under_subpath + "programme/", viewport={"width": 360, "height": 740})
    page.reload()
    page.wait_for_selector(".app-programme[data-ready]")
    add_from_library(page, "Knee to chest")
    page.goto(served_under_subpath)
    expect(page.locator("#home-today")).to_contain_text("Knee to chest")
    context.close()


def test_export_then_import_on_a_clean_profile_carries_the_programme(browser, served_under_subpath, tmp_path):
    first = browser.new_context(viewport={"width": 360, "height": 740})
    page = first.new_page()
    open_programme(page, served_under_subpath)
    add_from_library(page, "Bridge")
    change_dose(page, "Bridge", Sets="2")
    add_typed(page, "Stairs")
    made = stored(page)["data"]
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export a full copy (JSON)").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    expect(page.locator("#diary-share-message")).to_contain_text("Your exercise programme is in it too.")
    first.close()

    clean = browser.new_context(viewport={"width": 360, "height": 740})
    page = clean.new_page()
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    page.get_by_label("Choose a JSON copy exported from this app").set_input_files(exported)
    expect(page.locator("#diary-import-message")).to_contain_text("Your exercise programme from the file is now on this phone.")
    open_programme(page, served_under_subpath)
    assert names(page) == ["Bridge", "Stairs"]
    expect(item(page, "Bridge")).to_contain_text("2 sets.")
    assert stored(page)["data"]["items"] == made["items"]

    # The same file again: nothing to ask. A different programme here: asked first, and the one here kept in history.
    change_dose(page, "Stairs", Sets="4")
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_label("Choose a JSON copy exported from this app").set_input_files(exported)
    expect(page.locator("#diary-import-message")).to_contain_text("Your exercise programme on this phone was kept as it was.")
    assert "different from the one on this phone" in asked[0]
    assert stored(page)["data"]["items"][1]["dose"]["sets"] == 4
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Choose a JSON copy exported from this app").set_input_files(exported)
    expect(page.locator("#diary-import-message")).to_contain_text("Your exercise programme from the file is now on this phone.")
    data = stored(page)["data"]
    assert data["items"][1]["dose"]["sets"] is None and data["history"][0]["items"][1]["dose"]["sets"] == 4
    clean.close()


def test_a_hostile_programme_in_a_file_is_refused_and_nothing_changes(phone, served_under_subpath):
    page = phone.new_page()
    open_programme(page, served_under_subpath)
    add_typed(page, "Stairs")
    before = page.evaluate("JSON.stringify(localStorage)")
    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    hostile = {"app": "pt-guide", "kind": "diary", "schema": 2, "entries": [],
               "programme": {"schema": 1, "data": {"id": "p-1", "items": [{"key": f"k{i}", "name": MARKUP} for i in range(10000)]}}}
    page.get_by_label("Choose a JSON copy exported from this app").set_input_files(
        files=[{"name": "hostile.json", "mimeType": "application/json", "buffer": json.dumps(hostile).encode()}])
    refused = "The exercise programme in this file has mistakes, so nothing was imported."
    expect(page.locator("#diary-import-message")).to_contain_text(refused)
    assert page.evaluate("JSON.stringify(localStorage)") == before
    assert page.evaluate("window.__pwned") is None


def test_u1_a_dose_not_typed_stays_the_guides_usual_one_never_the_therapists(programme, served_under_subpath):
    add_from_library(programme, "Bridge")
    change_dose(programme, "Bridge", Sets="2", Repetitions="10", Hold_seconds="5")
    programme.reload()
    programme.wait_for_selector(".app-programme[data-ready]")
    dose = stored(programme)["data"]["items"][0]["dose"]
    assert dose == {"sets": 2, "reps": 10, "holdSeconds": 5, "restSeconds": None, "timesPerDay": None, "daysPerWeek": None}
    bridge = item(programme, "Bridge")
    expect(bridge).to_contain_text("2 sets of 10, hold 5 seconds.")
    own = bridge.locator("p", has_text="2 sets of 10").inner_text()
    assert "a day" not in own, own
    expect(bridge).to_contain_text("Usual starting dose in this guide, not from your therapist: 3 times a day, every day.")
    programme.get_by_role("button", name="Change: Bridge").click()
    expect(programme.get_by_label("Times a day", exact=True)).to_have_value("")
    expect(programme.get_by_label("Times a day", exact=True)).to_have_attribute("placeholder", "3")
    programme.get_by_role("button", name="Cancel").click()

    programme.goto(served_under_subpath)
    today = programme.locator("#home-today")
    expect(today).to_contain_text("Left for today: 1 exercise.")
    expect(today.locator("li")).to_have_text(
        "Bridge (your therapist gave no times a day; this guide's usual starting dose is 3 times a day)")
    assert "(3 times)" not in today.inner_text()

    programme.goto(served_under_subpath + "session/")
    dose_line = programme.locator("#ss-dose")
    expect(dose_line).to_have_text("2 sets of 10, hold 5 seconds")
    change_dose_in_storage = dict(dose, timesPerDay=3)
    programme.evaluate(
        "([key, dose]) => { const e = JSON.parse(localStorage.getItem(key)); e.data.items[0].dose = dose;"
        " localStorage.setItem(key, JSON.stringify(e)); }", [KEY, change_dose_in_storage])
    programme.goto(served_under_subpath)
    expect(today.locator("li")).to_have_text("Bridge (3 times a day)")


def test_u6_a_focused_main_button_keeps_dark_text_on_the_focus_yellow(phone, served_under_subpath):
    page = phone.new_page()
    open_programme(page, served_under_subpath)
    add_typed(page, "Stairs")
    page.goto(served_under_subpath)
    start = page.locator("#home-today-start")
    expect(start).to_be_visible()
    start.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by keyboard, so :focus-visible applies
    expect(start).to_be_focused()
    colours = start.evaluate("el => { const s = getComputedStyle(el); return [s.color, s.backgroundColor]; }")
    assert colours == ["rgb(33, 43, 50)", "rgb(255, 235, 59)"], colours


def test_the_home_page_shows_todays_exercises_first_only_when_a_programme_exists(phone, served_under_subpath, built_site):
    page = phone.new_page()
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(served_under_subpath)
    expect(page.get_by_role("heading", name="Does your back hurt more during physical therapy?")).to_be_visible()
    assert page.locator("#home-today").is_hidden()
    assert not [url for url in loaded if "gen/programme." in url or "library.json" in url], "no programme, no programme code"
    open_programme(page, served_under_subpath)
    add_typed(page, "Stairs")
    page.goto(served_under_subpath)
    today = page.locator("#home-today")
    expect(today).to_contain_text("Left for today: 1 exercise.")
    start_links(today, built_site, "session/")
    headings = page.locator("main h2:visible").all_text_contents()  # the next morning's question, hidden, comes before it
    assert headings[0] == "Today's exercises", headings


def test_without_javascript_the_page_says_what_it_needs_and_has_no_form(browser, served_under_subpath):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served_under_subpath + "programme/")
    expect(page.get_by_text("My programme needs JavaScript to keep your exercises on this phone")).to_be_visible()
    assert [form.is_visible() for form in page.locator("form").all()] == [False] * page.locator("form").count()
    assert not page.locator("input, textarea, button:not(.app-header__menu)").evaluate_all("els => els.filter((e) => e.offsetParent)")
    context.close()


@pytest.mark.parametrize("width", [360, 320])
def test_no_sideways_scroll_at_narrow_widths_and_200_percent_text(phone, served_under_subpath, width):
    page = phone.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    open_programme(page, served_under_subpath)
    add_from_library(page, "Bottom to heels stretch")
    add_typed(page, "A very long exercise name that somebody typed in without any spaces at all: " + "x" * 60)
    page.get_by_role("button", name="Change: Bottom to heels stretch").click()
    for text in ("100%", "200%"):
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_state_of_my_programme_and_todays_exercises_has_no_axe_violation(browser, served_under_subpath, scheme):
    from quality import node_tool
    from test_pain_check_browser import AXE_TAGS, RUN_AXE

    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    open_programme(page, served_under_subpath)
    axe = str(node_tool("axe-core/axe.min.js"))
    found = []

    def check(where: str) -> None:
        page.add_script_tag(path=axe)
        found.extend(f"{where}: {v}" for v in page.evaluate(RUN_AXE, AXE_TAGS))

    page.get_by_role("button", name="Show all the exercises").click()
    check("the whole library listed")
    add_from_library(page, "Bridge")
    add_typed(page, "Stairs")
    page.get_by_role("button", name="Remove: Stairs").click()
    check("two exercises, then one removed with Undo")
    page.get_by_role("button", name="Change: Bridge").click()
    page.get_by_label("Sets", exact=True).fill("0")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#programme-item-message")).to_contain_text("Sets: type a whole number")
    check("a change with a problem")
    page.get_by_role("button", name="Cancel").click()
    page.get_by_role("button", name="Change who it is from, dates or note").click()
    page.get_by_label("Review date").fill("2020-01-01")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#programme-review")).to_be_visible()
    check("details with a past review date")
    page.goto(served_under_subpath)
    expect(page.locator("#home-today")).to_be_visible()
    check("the home page with Today's exercises")
    context.close()
    assert not found, "\n".join(found)


def test_a_full_phone_is_told_and_what_was_saved_stays(phone, served_under_subpath):
    from test_diary_browser import QUOTA_SCRIPT

    page = phone.new_page()
    page.add_init_script(QUOTA_SCRIPT)
    open_programme(page, served_under_subpath)
    add_typed(page, "Stairs")
    before = stored(page)
    page.evaluate("window.__storageFull = true")
    page.get_by_label("Or type the name of an exercise").fill("Walk")
    page.get_by_role("button", name="Add it").click()
    full = "This phone's storage is full, so your exercise programme was not saved."
    expect(page.locator("#programme-add-message")).to_contain_text(full)
    assert stored(page) == before
    assert names(page) == ["Stairs"]
    expect(page.get_by_label("Or type the name of an exercise")).to_have_value("Walk")
