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


WARNING_GROUPS = [group["id"] for group in CHECKLIST["groups"] if group["question"] == "warning"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`))"""


def step_count(page) -> str:
    return page.locator("#pc-count").inner_text()


def none_of_the_warning_signs(page) -> int:
    """Answer each warning step "I have none of these" and go on; returns the taps it took."""
    taps = 0
    for group in WARNING_GROUPS:
        page.locator(f"label[for=pc-none-{group}]").click()
        page.get_by_role("button", name="Next").click()
        taps += 2
    return taps


def mild_stretch(page) -> int:
    """Pain 3 during exercise, steady, a stretch: the mildest path, to the result. Returns its taps."""
    taps = none_of_the_warning_signs(page)
    for target in ("#pc-score-3", "label[for=pc-item-when-during]", "label[for=pc-item-behaviour-steady]", "#pc-next",
                   "label[for=pc-item-feels-like-stretch]", "#pc-next", "#pc-next"):
        page.locator(target).click()
        taps += 1
    return taps


def test_the_check_opens_on_the_warning_signs_and_next_needs_an_answer(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    steps = len(page.locator(".app-step").all()) + 1
    assert step_count(page) == f"Step 1 of {steps}"
    assert page.get_by_label("Chest pain").is_visible()
    assert page.get_by_label("3", exact=True).is_hidden(), "the pain score waits until the warning signs are answered"
    assert page.locator("#pc-result").is_hidden() and page.locator(".app-rule").first.is_hidden()
    assert page.get_by_role("button", name="Back").is_hidden()
    page.get_by_role("button", name="Next").click()
    assert page.locator("#pc-step-error").is_visible()
    assert step_count(page) == f"Step 1 of {steps}", "no way past the warning signs without an answer"
    page.locator("label[for=pc-none-emergency-signs]").click()
    assert page.locator("#pc-step-error").is_hidden()
    page.get_by_role("button", name="Next").click()
    assert step_count(page) == f"Step 2 of {steps}"
    assert_step_heading_focused_at_the_top(page, GROUPS[WARNING_GROUPS[1]]["title"])
    assert not watch.problems


def assert_step_heading_focused_at_the_top(page, title: str) -> None:
    """After Next the step's heading has the focus, at the top of the screen, its question in view (fix 11)."""
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.textContent.trim()]")
    assert focused == ["LEGEND", title], focused
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= top <= 80, f"the heading is {top}px down the screen"
    first = page.locator(".app-step:not([hidden]) .app-choice__label, .app-step:not([hidden]) .app-scale__label").first
    assert first.bounding_box()["y"] + first.bounding_box()["height"] <= 740, "the first answer is on the screen"


def test_the_stepped_view_has_no_question_numbers_that_clash_with_the_step_count(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    none_of_the_warning_signs(page)
    assert step_count(page).startswith("Step 3 of")
    assert page.locator("#pc-question-exercise").inner_text() == "Is this exercise pain OK?"


def test_one_tap_on_a_low_score_never_shows_keep_going(phone, served_under_subpath):
    """Even a score ticked in the full list before the script ran (or saved earlier) waits for the warning signs."""
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    page.evaluate("""key => localStorage.setItem(key, JSON.stringify({schema: 2, savedAt: new Date().toISOString(), data: {
      answers: {pain: 3, when: null, behaviour: null, ticked: [], none: []},
      changedAt: new Date().toISOString(), startedAt: new Date().toISOString(), last: null, saved: null}}))""", PAIN_KEY)
    reload(page)
    assert step_count(page).startswith("Step 1 of")
    assert page.locator("#pc-card").is_hidden()
    for _ in range(len(page.locator(".app-step").all())):
        page.locator("#pc-next").click()
        if page.locator("#pc-step-error").is_visible():
            break
    assert page.locator("#pc-card").is_hidden(), "no Keep going card"
    assert HEADINGS["keep-going"] not in page.locator("main").inner_text()
    assert not watch.problems


def test_the_mild_path_ends_on_keep_going_that_says_it_needs_no_warning_signs(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    taps = mild_stretch(page)
    assert heading(page) == HEADINGS["keep-going"]
    assert "if you have none of the warning signs" in page.locator("#pc-card-body").inner_text().lower()
    assert "You have none of the warning signs" in page.locator("#pc-card-why").inner_text()
    assert page.locator("#pc-card-level").text_content() == "Exercise advice: "
    assert page.evaluate("document.activeElement.id") == "pc-result-title"
    answers, steps = 6, len(page.locator(".app-step").all())
    assert taps <= answers + steps
    why = page.locator("#pc-card-why").inner_text()
    assert "During exercise" not in why and "It stays about the same" not in why, "neutral answers are not reasons"
    assert "Stop if it builds up as you go on" in page.locator("#pc-card-body").inner_text()
    assert not watch.problems


def test_the_change_or_stop_card_has_its_own_look_and_names_its_level(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    none_of_the_warning_signs(page)
    page.locator("#pc-score-7").click()
    page.locator("label[for=pc-item-behaviour-building]").click()
    page.locator("#pc-next").click()
    page.locator("#pc-next").click()
    assert heading(page) == HEADINGS["tell-therapist"]
    assert "app-care-card--change" in page.locator("#pc-card").get_attribute("class")
    assert page.locator("#pc-card-level").text_content() == "Exercise advice: "
    assert "Keep up your daily activities." in page.locator("#pc-card-body").inner_text()
    assert page.locator("#pc-card-body").inner_text().startswith("Do less of this exercise")
    assert page.locator("#pc-card-note").is_hidden(), "the pain score is not the only reason"


def test_pain_above_the_limit_alone_asks_about_the_limit_and_a_doctors_card_keeps_the_exercise_advice(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    none_of_the_warning_signs(page)
    page.locator("#pc-score-9").click()
    page.locator("label[for=pc-item-behaviour-steady]").click()
    page.locator("#pc-notice-go").click()
    assert heading(page) == HEADINGS["tell-therapist"]
    assert page.locator("#pc-card-note").inner_text() == "Already above the limit before you started? Ask your therapist what limit to use."
    page.go_back()
    page.locator("#pc-next").click()
    page.locator("#pc-next").click()
    page.locator("label[for=pc-item-worried]").click()
    page.locator("#pc-next").click()
    assert heading(page) == HEADINGS["see-doctor"]
    assert page.locator("#pc-card-carry").inner_text() == "Do less of this exercise, and stop it if it still hurts."
    assert page.locator("#pc-card-carry").is_visible()


def test_a_change_or_stop_answer_shows_the_result_so_far_at_once_and_the_other_steps_stay_open(phone, served_under_subpath):
    """7/10 and building up: the advice is on screen straight away, not two steps later (fix 12)."""
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    none_of_the_warning_signs(page)
    page.locator("#pc-score-7").click()
    page.locator("label[for=pc-item-behaviour-building]").click()
    notice = page.locator("#pc-notice")
    assert notice.is_visible()
    assert notice.inner_text().startswith(HEADINGS["tell-therapist"])
    box = notice.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740, "on the screen where the patient is"
    page.locator("#pc-next").click()
    assert notice.is_visible(), "still on screen on the next step"
    page.get_by_role("button", name="See what to do").click()
    assert heading(page) == HEADINGS["tell-therapist"] and page.locator("#pc-card").is_visible()


@pytest.mark.parametrize("width", [320, 360])
def test_at_200_percent_text_the_result_so_far_never_hides_the_scores_still_to_choose(browser, served_under_subpath, width):
    """Patient review: at 200% text the notice covered 60-73% of the screen and hid 8, 9 and 10 after a tap on 7."""
    page = browser.new_page(viewport={"width": width, "height": 740})
    page.goto(served_under_subpath + "pain-check/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    none_of_the_warning_signs(page)
    page.locator("#pc-score-7").click()
    expect(page.locator("#pc-notice")).to_be_visible()
    for score in (8, 9, 10):
        target = page.locator(f"label[for=pc-score-{score}]")
        target.evaluate("e => e.scrollIntoView({block: 'end'})")
        assert target.evaluate("""e => { const r = e.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return Boolean(hit) && (e === hit || e.contains(hit) || e.control === hit); }"""), f"{score} is under the notice at {width} px"
    # The advice is still on the page, under the questions, and one tap away.
    page.get_by_role("button", name="See what to do").click()
    assert heading(page) == HEADINGS["tell-therapist"] or heading(page) in HEADINGS.values()
    page.close()


def test_a_ticked_emergency_sign_stays_under_the_finger_with_the_result_on_screen(phone, served_with_call_numbers):
    """The card appears above, but the ticked box does not move, and the emergency notice is in view (fix 13)."""
    page, _ = open_page(phone, served_with_call_numbers + "pain-check/")
    box = page.locator("label[for=pc-item-both-legs]")
    box.click()
    area = box.bounding_box()
    assert area["y"] >= 0 and area["y"] + area["height"] <= 740, "the ticked box is still on the screen"
    covered = """e => { const r = e.getBoundingClientRect(); const at = y => e.contains(document.elementFromPoint(r.left + 60, y));
      return !(at(r.top + 2) && at(r.bottom - 2)); }"""
    assert not box.evaluate(covered), "nothing covers the ticked box"
    notice = page.locator("#pc-notice")
    assert notice.inner_text().startswith(HEADINGS["emergency"])
    area = notice.bounding_box()
    assert area["y"] >= 0 and area["y"] + area["height"] <= 740
    assert notice.get_by_role("link", name="Call 999").is_visible()
    box.click()
    assert not page.get_by_label("Pain, tingling, weakness or numbness in both legs").is_checked(), "untick at once"
    assert page.locator("#pc-notice").is_hidden()


def test_after_an_emergency_next_gives_what_to_do_and_the_other_questions_are_optional(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Chest pain").check()
    page.locator("#pc-next").click()
    assert step_count(page).endswith("your result")
    assert page.evaluate("document.activeElement.id") == "pc-result-title"
    body = page.locator("#pc-card-body").inner_text()
    assert "If you cannot get there safely on your own, call for an ambulance." in body and "do not drive" not in body
    more = page.get_by_role("button", name="Answer the other questions (optional)")
    assert more.is_visible()
    more.click()
    assert step_count(page).startswith("Step 2 of")
    assert heading(page) == HEADINGS["emergency"], "the emergency card stays at the top"


def test_the_phones_back_and_forward_move_between_steps(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    url = page.url
    none_of_the_warning_signs(page)
    page.locator("#pc-score-3").click()
    page.locator("#pc-next").click()
    assert step_count(page).startswith("Step 4 of")
    page.go_back()
    assert step_count(page).startswith("Step 3 of") and page.url == url
    page.go_back()
    assert step_count(page).startswith("Step 2 of")
    page.go_forward()
    page.go_forward()
    assert step_count(page).startswith("Step 4 of")
    page.get_by_role("button", name="Back").click()
    expect(page.locator("#pc-count")).to_have_text(re.compile("^Step 3 of"))


def rgb(value: str) -> tuple[float, ...]:
    return tuple(float(n) for n in re.findall(r"[\d.]+", value)[:3])


def contrast(a: str, b: str) -> float:
    def luminance(colour):
        parts = [c / 255 for c in rgb(colour)]
        parts = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("device", ["touch", "mouse"])
def test_the_back_button_keeps_its_contrast_after_a_tap_or_under_the_mouse(browser, served_under_subpath, device):
    touch = device == "touch"
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=touch, has_touch=touch)
    page, _ = open_page(context, served_under_subpath + "pain-check/")
    none_of_the_warning_signs(page)
    back = page.locator("#pc-back")
    if touch:
        back.tap()  # to step 2, with the finger still on Back
        assert step_count(page).startswith("Step 2 of") and back.is_visible()
    else:
        back.hover()
    colours = back.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert contrast(*colours) >= 4.5, colours
    context.close()

@pytest.fixture(scope="module")
def served_with_call_numbers(tmp_path_factory):
    """The site built with safety.emergency_number = "999" and safety.urgent_number = "111", under /pt-guide/."""
    import shutil

    from conftest import FIXED_DATE
    from ptguide.freezing import freeze_site
    from ptguide.static_server import serve_in_thread

    root = tmp_path_factory.mktemp("numbers")
    site = root / "site"
    shutil.copytree(create_app().config["SITE_DIR"], site)
    settings = site / "site.toml"
    text = settings.read_text("utf-8").replace('emergency_number = ""', 'emergency_number = "999"')
    settings.write_text(text.replace('urgent_number = ""', 'urgent_number = "111"'), "utf-8")
    freeze_site(create_app({"BUILD_DATE": FIXED_DATE, "SITE_DIR": site}), root / "build")
    server, base_url = serve_in_thread(root / "build", "/pt-guide/")
    yield base_url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("numbers", [True, False], ids=["numbers-set", "no-numbers"])
def test_each_warning_sign_alone_at_pain_0_shows_its_card_first_with_a_call_link_when_a_number_is_set(
    phone, served_under_subpath, served_with_call_numbers, numbers,
):
    page, watch = open_page(phone, (served_with_call_numbers if numbers else served_under_subpath) + "pain-check/")
    for item in WARNING_ITEMS:
        page.evaluate("localStorage.clear()")
        reload(page)
        if GROUPS[item["group"]]["id"] != WARNING_GROUPS[0]:
            page.locator(f"label[for=pc-none-{WARNING_GROUPS[0]}]").click()
            page.locator("#pc-next").click()
        page.locator(f"label[for=pc-item-{item['id']}]").click()
        card = page.locator("#pc-card")
        assert heading(page) == HEADINGS[item["level"]], item["id"]
        assert f"app-care-card--{item['level']}" in card.get_attribute("class")
        assert item["text"] in page.locator("#pc-card-why").inner_text()
        # The card is above the step, before anything else in the check.
        assert page.evaluate("document.getElementById('pc-result').compareDocumentPosition(document.getElementById('pc-form')) & 4")
        calls = card.locator("a[href^='tel:']")
        if numbers:
            expected = "tel:999" if item["level"] == "emergency" else "tel:111"
            assert [calls.nth(i).get_attribute("href") for i in range(calls.count()) if calls.nth(i).is_visible()] == [expected]
            assert card.get_by_role("link", name=f"Call {expected[4:]}").is_visible()
        else:
            assert calls.count() == 0
        # Saving is a quiet link under everything else, not the first button.
        assert page.get_by_role("button", name="Save to my diary").is_hidden()
    assert not watch.problems


def test_an_emergency_is_announced_assertively_and_an_urgent_sign_politely(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Chest pain").check()
    assert page.locator("#pc-announce-assertive").inner_text() == f"Result: {HEADINGS['emergency']}"
    assert page.locator("#pc-announce-polite").inner_text() == ""
    assert page.locator("#pc-card-level").text_content() == "", "the heading already starts with Emergency:"
    page.get_by_label("Chest pain").uncheck()
    page.locator(f"label[for=pc-none-{WARNING_GROUPS[0]}]").click()
    page.locator("#pc-next").click()
    page.get_by_label("You have a fever (a high temperature) as well as back pain").check()
    assert page.locator("#pc-announce-polite").inner_text() == f"Result: {HEADINGS['urgent']}"
    assert page.locator("#pc-announce-assertive").inner_text() == ""


SET_VISIBILITY = """state => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}"""


def test_a_tab_left_open_and_come_back_to_after_an_hour_asks_the_warning_signs_again(phone, served_under_subpath):
    # Physiotherapist's second review: a phone tab resumed the next morning showed last night's Keep going.
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    mild_stretch(page)
    assert heading(page) == HEADINGS["keep-going"]
    page.evaluate(SET_VISIBILITY, "hidden")
    page.evaluate("() => { const real = Date.now.bind(Date); Date.now = () => real() + 61 * 60000; }")
    page.evaluate(SET_VISIBILITY, "visible")
    assert step_count(page).startswith("Step 1 of")
    assert page.locator("#pc-card").is_hidden()
    assert page.locator("#pc-history").inner_text().startswith("Your last check, ")
    assert not [box for box in page.locator("input[name=none]").all() if box.is_checked()], "'none' is asked again"
    assert not watch.problems


def test_a_short_look_at_another_app_keeps_the_check_where_it_was(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    mild_stretch(page)
    page.evaluate(SET_VISIBILITY, "hidden")
    page.evaluate("() => { const real = Date.now.bind(Date); Date.now = () => real() + 5 * 60000; }")
    page.evaluate(SET_VISIBILITY, "visible")
    assert heading(page) == HEADINGS["keep-going"]


def test_after_12_hours_the_check_starts_fresh_and_shows_the_last_result_with_its_date(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    mild_stretch(page)
    assert heading(page) == HEADINGS["keep-going"]
    # Thirteen hours on: the answers are dated as if given then (a shifted clock, as Date.now() would see it).
    when = page.evaluate("""key => {
      const record = JSON.parse(localStorage.getItem(key));
      const then = new Date(Date.now() - 13 * 3600000);
      record.data.changedAt = then.toISOString();
      record.data.startedAt = new Date(then.getTime() - 60000).toISOString();
      localStorage.setItem(key, JSON.stringify(record));
      const two = n => String(n).padStart(2, '0');
      return `${['Sun','Mon','Tue','Wed','Thu','Fri','Sat'][then.getDay()]} ${then.getDate()} `
        + `${['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][then.getMonth()]}, `
        + `${two(then.getHours())}:${two(then.getMinutes())}`;
    }""", PAIN_KEY)
    reload(page)
    assert page.locator("#pc-history").inner_text() == f"Your last check, {when}: {HEADINGS['keep-going']}."
    assert step_count(page).startswith("Step 1 of")
    assert page.locator("#pc-card").is_hidden()
    assert not page.get_by_label("Chest pain").is_checked()
    assert stored(page, PAIN_KEY)["data"]["answers"] == {"pain": None, "when": None, "behaviour": None, "ticked": [], "none": []}
    # Eleven hours on, the answers are the same check, but the page never reopens on its result:
    # it is dated history, and the warning signs are asked again (fix 1).
    mild_stretch(page)
    page.evaluate("""key => { const r = JSON.parse(localStorage.getItem(key));
      r.data.changedAt = new Date(Date.now() - 11 * 3600000).toISOString();
      r.data.startedAt = new Date(Date.now() - 11.1 * 3600000).toISOString(); localStorage.setItem(key, JSON.stringify(r)); }""", PAIN_KEY)
    reload(page)
    assert step_count(page).startswith("Step 1 of") and page.locator("#pc-card").is_hidden()
    assert page.locator("#pc-history").inner_text().startswith("Your last check, ")
    assert not page.locator(f"#pc-none-{WARNING_GROUPS[0]}").is_checked()
    # A result the patient saw is history: not even its pain score is offered as the pain now (second review).
    assert not page.locator("#pc-score-3").is_checked()
    mild_stretch(page)
    assert heading(page) == HEADINGS["keep-going"]
    assert not watch.problems


@pytest.mark.parametrize("way", ["reload", "another page and back"])
def test_leaving_halfway_and_coming_back_asks_the_warning_signs_again_and_skips_no_step(phone, served_under_subpath, way):
    """After 3/10 + "stays the same", a new visit does not jump to "Keep going" (fix 1b)."""
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    none_of_the_warning_signs(page)
    page.locator("#pc-score-3").click()
    page.locator("label[for=pc-item-behaviour-steady]").click()
    if way == "reload":
        reload(page)
    else:
        page.wait_for_load_state("networkidle")
        page.goto(served_under_subpath + "diary/")
        page.go_back()
    expect(page.locator("#pc-count")).to_have_text(re.compile("^Step 1 of"))
    assert page.locator("#pc-card").is_hidden() and page.locator("#pc-result").is_hidden()
    assert HEADINGS["keep-going"] not in page.locator("main").inner_text()
    page.locator("#pc-next").click()
    assert page.locator("#pc-step-error").is_visible(), "the warning signs must be answered again"
    none_of_the_warning_signs(page)
    assert page.locator("#pc-score-3").is_checked()
    page.locator("#pc-next").click()
    assert page.locator("#pc-card").is_hidden(), "the step not yet answered is asked, not skipped"
    assert not watch.problems


def test_a_warning_result_comes_back_as_dated_history_with_its_signs_to_tick_again(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Chest pain").check()
    reload(page)
    history = page.locator("#pc-history").inner_text()
    assert re.match(r"Your last check, \w{3} \d{1,2} \w{3}, \d\d:\d\d: " + re.escape(HEADINGS["emergency"]), history)
    assert "Last time you ticked: Chest pain." in history
    assert "If you still have those signs and have not had help, tick them again below." in history
    assert not page.get_by_label("Chest pain").is_checked() and page.locator("#pc-card").is_hidden()


def test_start_again_after_a_warning_result_keeps_the_signs_in_its_history(phone, served_under_subpath):
    # Second physiotherapist review: after "Start again" the history said "those signs" without naming them.
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Chest pain").check()
    page.locator("#pc-next").click()  # after an emergency sign, Next gives what to do
    page.get_by_role("button", name="Start again").click()
    page.get_by_role("button", name="Yes, clear my answers").click()
    history = page.locator("#pc-history")
    expect(history).to_contain_text("Last time you ticked: Chest pain.")
    assert "If you still have those signs and have not had help, tick them again below." in history.inner_text()
    assert not page.get_by_label("Chest pain").is_checked()


def test_answers_ticked_before_the_script_runs_are_kept(phone, served_under_subpath):
    held = []
    phone.route("**/static/gen/pain-check.*.js", lambda route: held.append(route))
    page = phone.new_page()
    page.goto(served_under_subpath + "pain-check/", wait_until="commit")
    page.get_by_label("Chest pain").wait_for()
    page.get_by_label("Chest pain").check()
    page.locator("#pc-score-4").check()
    expect(page.get_by_label("Chest pain")).to_be_checked()
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    expect(page.locator(".app-pain-check--stepped")).to_be_attached()
    assert page.get_by_label("Chest pain").is_checked()
    assert heading(page) == HEADINGS["emergency"]
    assert stored(page, PAIN_KEY)["data"]["answers"]["ticked"] == ["chest-pain"]
    assert stored(page, PAIN_KEY)["data"]["answers"]["pain"] == 4


def diary_entries(page) -> list:
    record = stored(page, f"ptguide:{NAMESPACE}:diary")
    return [] if record is None else record["data"]["entries"]


def test_save_to_my_diary_creates_exactly_one_entry_that_the_diary_lists(phone, served_under_subpath):
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    mild_stretch(page)
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.locator("#pc-saved")).to_contain_text("Added to your diary")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.locator("#pc-saved")).to_contain_text("Added to your diary")
    entries = diary_entries(page)
    assert len(entries) == 1, "saving the same check twice makes one entry"
    (entry,) = entries
    assert entry["painDuring"] == 3 and entry["check"] == "keep-going"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", entry["at"])
    local_now = page.evaluate("(() => { const d = new Date(); d.setSeconds(0, 0); return d.getTime(); })()")
    assert abs(local_now - page.evaluate("at => new Date(at).getTime()", entry["at"])) <= 60_000
    page.get_by_role("link", name="See it in your diary").click()
    page.wait_for_url(f"**/diary/#entry-{entry['id']}")
    listed = page.locator("#diary-list")
    expect(listed).to_contain_text(HEADINGS["keep-going"])
    expect(page.locator("main")).to_contain_text("1 entry")
    # The patient lands on the entry they saved, not on the diary's empty form (patient review).
    expect(listed.locator(f'li[data-id="{entry["id"]}"] h3')).to_be_focused()
    assert not watch.problems


def test_an_emergency_result_saves_through_the_quiet_link_below_everything(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Pain, tingling, weakness or numbness in both legs").check()
    page.locator("#pc-next").click()
    quiet = page.get_by_role("button", name="Save this result to my diary")
    assert quiet.is_visible()
    assert page.evaluate("""() => { const q = document.getElementById('pc-save-quiet-row').getBoundingClientRect();
      return [...document.querySelectorAll('main button, main a')].filter(e => e.offsetParent && !e.closest('#pc-save-quiet-row'))
        .every(e => e.getBoundingClientRect().bottom <= q.top + 1) }""")
    quiet.click()
    expect(page.locator("#pc-saved")).to_contain_text("Added to your diary")
    assert [e["check"] for e in diary_entries(page)] == ["emergency"]


def test_the_check_can_be_done_with_the_keyboard_alone_and_the_dialog_focuses_the_safe_choice(browser, served_under_subpath):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page, watch = open_page(context, served_under_subpath + "pain-check/")

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(e => {predicate})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    for group in WARNING_GROUPS:
        tab_to(f"e.id === 'pc-none-{group}'")
        page.keyboard.press("Space")
        tab_to("e.id === 'pc-next'")
        page.keyboard.press("Enter")
    tab_to("e.name === 'pain'")
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "7"
    tab_to("e.name === 'when'")
    page.keyboard.press("Space")
    for _ in range(2):
        tab_to("e.id === 'pc-next'")
        page.keyboard.press("Enter")
    tab_to("e.id === 'pc-next'")
    page.keyboard.press("Enter")
    assert heading(page) == HEADINGS["tell-therapist"]
    tab_to("e.id === 'pc-save'")
    page.keyboard.press("Enter")
    expect(page.locator("#pc-saved")).to_contain_text("Added to your diary")
    tab_to("e.id === 'pc-reset'")
    page.keyboard.press("Enter")
    assert page.locator("#pc-confirm").is_visible()
    assert page.evaluate("document.activeElement.textContent") == "No, keep them"
    page.keyboard.press("Enter")
    expect(page.locator("#pc-confirm")).to_be_hidden()
    assert heading(page) == HEADINGS["tell-therapist"], "Enter twice keeps the answers"
    page.get_by_role("button", name="Start again").click()
    page.get_by_role("button", name="Yes, clear my answers").click()
    expect(page.locator("#pc-announce-polite")).to_have_text("Your answers were cleared.")
    assert step_count(page).startswith("Step 1 of")
    assert page.locator("#pc-history").inner_text().endswith(HEADINGS["tell-therapist"] + ".")
    assert stored(page, PAIN_KEY)["data"]["answers"]["pain"] is None
    context.close()
    assert not watch.problems


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
    assert page.get_by_label("I have none of these").count() == len(WARNING_GROUPS)
    rules = page.locator(".app-rule")
    assert rules.count() == len(CHECKLIST["groups"])
    for index, group in enumerate(CHECKLIST["groups"]):
        assert rules.nth(index).is_visible()
        assert group["rule"] in rules.nth(index).inner_text()
        # "What to do" is read before the items, not screens below them (fix 16).
        first = page.locator(f"#pc-group-{group['id']} input").first
        assert rules.nth(index).bounding_box()["y"] < first.bounding_box()["y"], group["id"]
    assert page.locator("#pc-result").is_hidden() and page.locator("#pc-nav").is_hidden()
    assert page.locator(".app-no-js").first.is_visible()
    page.goto(served_under_subpath + "next-session/")
    assert page.get_by_label("Your own notes").is_visible()
    assert page.locator("#ns-actions").is_hidden()
    context.close()
    assert not watch.problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_step_and_result_has_no_axe_violation(browser, served_with_call_numbers, scheme):
    from quality import node_tool

    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, bypass_csp=True)
    page, _ = open_page(context, served_with_call_numbers + "pain-check/")
    axe = str(node_tool("axe-core/axe.min.js"))
    found = []

    def check(where: str) -> None:
        # At the end of the step, where the notice of the result so far rests in its place: higher up it
        # stays over the bottom of the list by design (what it covers moves with every layout change), and
        # keyboard focus scrolls clear of it (test_shell_browser).
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.add_script_tag(path=axe)
        found.extend(f"{where}: {v}" for v in page.evaluate(RUN_AXE, AXE_TAGS))

    page.get_by_role("button", name="Next").click()
    check("step 1, with the missing-answer message")
    page.get_by_label("Chest pain").check()
    check("step 1, emergency card")
    page.get_by_label("Chest pain").uncheck()
    page.locator(f"label[for=pc-none-{WARNING_GROUPS[0]}]").click()
    page.locator("#pc-next").click()
    page.get_by_label("You have a fever (a high temperature) as well as back pain").check()
    check("step 2, urgent card")
    page.get_by_label("You have a fever (a high temperature) as well as back pain").uncheck()
    page.locator(f"label[for=pc-none-{WARNING_GROUPS[1]}]").click()
    for number in range(3, len(page.locator(".app-step").all()) + 2):
        page.locator("#pc-next").click()
        check(f"step {number}")
    page.locator("#pc-back").click()
    page.locator("#pc-back").click()
    page.locator("label[for=pc-item-every-exercise-hurts]").click()
    page.locator("#pc-next").click()
    page.locator("#pc-next").click()
    check("result, change or stop")
    page.get_by_role("button", name="Start again").click()
    check("start again dialog")
    context.close()
    assert not found, "\n".join(found)


JUNK = {
    "not JSON": "{this is not json",
    # Schema 1, which both pages know: a newer schema is never set aside (docs/storage.md).
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
        mild = stored(page, key)
        assert mild["schema"] == 3
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
    assert f"A newer version of PT Guide saved your {label}: reload to update" in page.locator(box).inner_text()
    page.get_by_label("Chest pain" if path == "pain-check/" else "Which exercises caused it").check()
    # Reading and writing both meet it: said once (attacker review L).
    assert page.locator(box).inner_text().count("A newer version of PT Guide") == 1
    assert page.evaluate("k => localStorage.getItem(k)", key) == NEWER
    assert [k for k in page.evaluate("Object.keys(localStorage)") if ":set-aside:" in k] == []
    assert not watch.problems


def test_a_change_in_another_tab_shows_up_in_this_one(phone, served_under_subpath):
    first, _ = open_page(phone, served_under_subpath + "pain-check/")
    second, _ = open_page(phone, served_under_subpath + "pain-check/")
    second.get_by_label("Chest pain").check()
    first.get_by_label("Chest pain").wait_for(state="attached")
    first.wait_for_function("() => document.getElementById('pc-item-chest-pain').checked")
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
    page.locator("#pc-next").click()
    page.get_by_role("button", name="Save this result to my diary").click()
    expect(page.locator("#pc-saved")).not_to_be_empty()
    assert "Added" not in page.locator("#pc-saved").inner_text(), "nothing claims to be saved"
    assert "storage is full" in page.locator("#pc-saved").inner_text()
    assert not watch.problems


def test_the_result_prints_alone_with_the_date_time_and_app_name(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    mild_stretch(page)
    page.emulate_media(media="print")
    assert page.locator("#pc-card").is_visible()
    stamp = page.locator("#pc-stamp")
    assert stamp.is_visible()
    assert re.fullmatch(r"Pain check \| PT Guide\. Checked on (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w{3} \d{4} at \d\d:\d\d\."
                        r" Pain score chosen: 3 out of 10\.", stamp.inner_text())
    # The questions give way to the list of warning signs (test_print_browser), the controls to nothing.
    for hidden in ("#pc-group-pain", "#pc-card-faq", "#pc-actions", "#pc-count", "#pc-nav"):
        assert page.locator(hidden).is_hidden(), hidden
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    page.emulate_media(media="screen")
    assert page.locator("#pc-stamp").is_hidden()


def test_a_saved_emergency_result_leads_the_diary_and_the_next_session_list_with_what_to_do_and_no_good_sign(
        phone, served_under_subpath):
    """B2 (physio review): four entries with the pain moving up from the foot used to give only "often a good sign"
    after an Emergency result was saved, in the diary and on the next-session list."""
    page, watch = open_page(phone, served_under_subpath + "pain-check/")
    from datetime import datetime, timedelta

    earlier = [{"id": f"e{i}", "at": (datetime.now() - timedelta(days=5 - i)).strftime("%Y-%m-%dT09:00"),
                "painBefore": None, "painDuring": 3, "painAfter": None, "painNextMorning": None, "reach": reach,
                "side": "left", "feelings": [], "exercises": [], "note": "", "check": None}
               for i, reach in enumerate(["foot", "thigh", "buttock", "back"])]
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"ptguide:{NAMESPACE}:diary", json.dumps(
        {"schema": 2, "savedAt": "2026-11-01T08:00:00.000Z", "data": {"entries": earlier}})])
    page.get_by_label("Numbness or tingling around your genitals, bottom or inner thighs").check()
    page.locator("#pc-next").click()
    page.get_by_role("button", name="Save this result to my diary").click()
    expect(page.locator("#pc-saved")).to_contain_text("Added to your diary")

    page.goto(served_under_subpath + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    observations = page.locator("#diary-observations")
    first = observations.locator("li").first
    expect(first).to_contain_text("Your diary has a pain check from")
    expect(first).to_contain_text(f"It said: {HEADINGS['emergency']}. If you have not had help yet, do not wait: "
                                  "call your local emergency number")
    expect(first.get_by_role("link", name="See the warning signs")).to_be_visible()
    assert "good sign" not in observations.inner_text()
    page.emulate_media(media="print")
    expect(first).to_be_visible()
    page.emulate_media(media="screen")

    notes = phone.new_page()
    notes.goto(served_under_subpath + "next-session/")
    notes.wait_for_selector("[data-module=next-session][data-module-started]")
    group = notes.get_by_role("group", name="From your diary")
    line = group.locator("label").first
    expect(line).to_have_text(first.inner_text().removesuffix(" See the warning signs"))
    assert group.locator("input").first.is_checked(), "a warning-sign line is ticked for the patient"
    assert "good sign" not in group.inner_text()
    # The patient's choice to untick it is kept.
    group.locator("input").first.uncheck()
    notes.reload()
    assert not notes.get_by_role("group", name="From your diary").locator("input").first.is_checked()
    assert not watch.problems
