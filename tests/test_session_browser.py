"""The guided session ("Today's exercises") in a real Chromium, built under a subpath, with Playwright's clock
driving the hold and rest timers: a programme stored on the phone, one exercise at a time, the pain question,
the tell-therapist advice at once, one diary entry at the end, and the next morning's question."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from browser import PageWatch
from quality import node_tool
from test_offline_browser import offline_after_one_visit
from test_quality_axe import RUN_AXE, TAGS

pytestmark = pytest.mark.browser

NS = "/pt-guide/"
DIARY = f"ptguide:{NS}:diary"
PROGRAMME = f"ptguide:{NS}:programme"
DRAFT = f"ptguide:{NS}:session-draft"
# A Tuesday morning on the phone's clock.
MORNING = dt.datetime(2026, 12, 1, 9, 0)


def dose(**fields):
    return {"sets": None, "reps": None, "holdSeconds": None, "restSeconds": None, "timesPerDay": None,
            "daysPerWeek": None, **fields}


def item(key, exercise_id, name, **fields):
    return {"key": key, "exerciseId": exercise_id, "name": name, "dose": dose(**fields), "days": [], "times": [], "note": ""}


def programme(*items):
    return {"id": "p-test1", "from": "Riverside Physio", "startDate": None, "reviewDate": None, "note": "",
            "items": list(items), "rev": 1, "history": []}


# Three exercises: a hold (bridge, 2 reps of 5 s), sets with a rest (knee rolls, 2 sets of 2, 30 s rest), plain reps.
THREE = programme(
    item("i-bridge", "bridge", "Bridge", sets=1, reps=2, holdSeconds=5),
    item("i-rolls", "knee-rolls", "Knee rolls", sets=2, reps=2, holdSeconds=None, restSeconds=30),
    item("i-tilts", "pelvic-tilts", "Pelvic tilts", sets=1, reps=3),
)


def envelope(data, schema=1):
    return json.dumps({"schema": schema, "savedAt": "2026-12-01T08:00:00.000Z", "data": data})


def session_page(phone, served_under_subpath, stored: dict[str, str], when=MORNING):
    page = phone.new_page()
    page.clock.install(time=when)
    page.goto(served_under_subpath + "about/")
    page.evaluate("values => { for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); }", stored)
    watch = PageWatch().attach(page)
    page.goto(served_under_subpath + "session/")
    return page, watch


def stored_diary(page):
    raw = page.evaluate(f"localStorage.getItem({json.dumps(DIARY)})")
    return json.loads(raw) if raw else None


def rate(page, pain: int, built_up: bool):
    page.locator(f"#ss-score-{pain}").check()
    page.locator("#ss-built-yes" if built_up else "#ss-built-no").check()
    page.get_by_role("button", name="Save my answer").click()


@pytest.fixture
def three(phone, served_under_subpath):
    page, watch = session_page(phone, served_under_subpath, {PROGRAMME: envelope(THREE)})
    expect(page.get_by_role("heading", name="Bridge")).to_be_visible()
    return page, watch


def test_a_three_exercise_session_with_timers_advice_and_one_diary_entry(three):
    page, watch = three
    warning = page.get_by_role("link", name="Warning signs", exact=True)
    expect(warning).to_be_visible()
    expect(page.get_by_text("Exercise 1 of 3")).to_be_visible()
    # The library's steps and start position, and the dose as a starting point.
    expect(page.get_by_text("Start position: Lie on your back")).to_be_visible()
    expect(page.locator("#ss-steps li").first).to_be_visible()
    expect(page.get_by_text("Your therapist may change this.")).to_be_visible()

    # Hold 1: started, paused half-way (time stands still), carried on, runs out: the rep counts.
    expect(page.locator("#ss-digits")).to_have_text("0:05")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(2000)
    # Playwright's installed clock also runs on its own between steps, so a busy machine may show a second less.
    expect(page.locator("#ss-digits")).to_have_text(re.compile(r"^0:0[23]$"))
    page.get_by_role("button", name="Pause").click()
    paused = page.locator("#ss-digits").text_content()
    page.clock.run_for(60000)
    expect(page.locator("#ss-digits")).to_have_text(paused)
    page.get_by_role("button", name="Carry on").click()
    page.clock.run_for(3500)
    expect(page.locator("#ss-reps")).to_have_text("1 / 2")
    expect(page.locator("#ss-announce")).to_have_text("Hold done. Rep 1 of 2")
    # Hold 2 skipped: the rep still counts, and the pain question follows the last rep.
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_role("group", name="How much did it hurt during this exercise? 0–10")).to_be_visible()
    rate(page, 3, False)
    expect(page.get_by_text("Noted: 3 of 10.")).to_be_visible()
    body = page.locator("main").inner_text()
    assert "Keep going" not in body and "fine" not in body.lower(), "no reassurance: the warning signs were not asked"
    page.get_by_role("button", name="Next: Knee rolls").click()

    # Knee rolls: a set of 2, then the rest starts by itself and is skipped; above the limit mid-exercise.
    expect(page.get_by_text("Set 1 of 2")).to_be_visible()
    page.get_by_role("button", name="Add a rep").click()
    expect(page.locator("#ss-announce")).to_have_text("Rep 1 of 2")
    page.get_by_role("button", name="Add a rep").click()
    expect(page.locator("#ss-timer-label")).to_have_text("Rest")
    page.clock.run_for(10000)
    expect(page.locator("#ss-digits")).to_have_text(re.compile(r"^0:(1\d|20)$"))
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_text("Set 2 of 2")).to_be_visible()
    page.get_by_role("button", name="It hurts: answer the pain question now").click()
    rate(page, 8, False)
    advice = page.locator("#ss-advice")
    expect(advice).to_be_visible()
    expect(advice).to_contain_text("Change or stop this exercise and tell your therapist")
    expect(advice).to_contain_text("Do less of this exercise")
    expect(advice).to_contain_text("For Knee rolls: Your pain is above 5 out of 10.")
    # P5: the card links to the warning signs (the header's link) and never says "check them again".
    expect(advice.get_by_role("link", name="warning signs")).to_have_attribute("href", warning.get_attribute("href"))
    expect(advice).not_to_contain_text("check them again")
    expect(warning).to_be_visible()
    page.get_by_role("button", name="Skip the rest of this exercise").click()

    # Pelvic tilts: within the limit but building up is advice too.
    expect(page.get_by_role("heading", name="Pelvic tilts")).to_be_visible()
    for _ in range(3):
        page.get_by_role("button", name="Add a rep").click()
    rate(page, 2, True)
    expect(advice).to_contain_text("For Pelvic tilts: It builds up with each repeat.")
    page.get_by_role("button", name="Finish").click()

    summary = page.locator("#ss-summary")
    expect(summary).to_contain_text("Bridge: 1 set of 2; pain 3 of 10; it did not build up.")
    expect(summary).to_contain_text("Knee rolls: 1 set of 2; pain 8 of 10")
    expect(summary).to_contain_text("rest of it skipped")
    expect(summary).to_contain_text("Highest pain: 8 of 10.")
    page.get_by_label("A note for your diary (optional)").fill("Knee rolls hurt today")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    assert page.evaluate(f"localStorage.getItem({json.dumps(DRAFT)})") is None, "the finished session's draft is gone"

    diary = stored_diary(page)
    assert diary["schema"] == 3
    [entry] = diary["data"]["entries"]
    assert entry["exercises"] == ["Bridge", "Knee rolls", "Pelvic tilts"]
    assert [entry["painDuring"], entry["note"]] == [8, "Knee rolls hurt today"]
    items = entry["session"]["items"]
    assert [(i["name"], i["pain"], i["builtUp"], i["level"], i["skipped"]) for i in items] == [
        ("Bridge", 3, False, "keep-going", False), ("Knee rolls", 8, False, "tell-therapist", True),
        ("Pelvic tilts", 2, True, "tell-therapist", False)]
    assert entry["session"]["programmeId"] == "p-test1" and entry["session"]["nextMorning"] is None

    # The diary shows it: one entry, with each exercise.
    page.get_by_role("link", name="Open my diary").click()
    expect(page.locator(".app-diary-entry")).to_have_count(1)
    expect(page.locator(".app-diary-entry")).to_contain_text(
        "Session: Bridge done: 1 set of 2, pain 3; Knee rolls done: 1 set of 2, pain 8, the rest skipped, "
        "advice: Change or stop this exercise and tell your therapist")
    # P13: the entry's "during" is the highest in one exercise, and says which.
    expect(page.locator(".app-diary-entry")).to_contain_text("highest in one exercise 8 (Knee rolls)")
    # Adherence and pain per exercise, in words and week by week, on screen and in the one-page print.
    sessions = page.locator("#diary-sessions")
    expect(sessions).to_contain_text("Days with an exercise session done: 1 of the")
    expect(sessions).to_contain_text("Knee rolls: above the limit of 5 in 1 session (highest 8 of 10). Tell your therapist.")
    expect(sessions).to_contain_text("Bridge: highest pain 3 of 10.")
    expect(sessions.get_by_role("row", name="Knee rolls")).to_contain_text("8")
    assert "fine" not in sessions.inner_text().lower()
    page.emulate_media(media="print")
    expect(sessions).to_be_visible()
    page.emulate_media(media="screen")
    assert not watch.problems, watch.problems


def test_leaving_mid_session_keeps_it_to_carry_on_or_start_again(three, served_under_subpath):
    page, _ = three
    page.get_by_role("button", name="Skip").click()
    expect(page.locator("#ss-reps")).to_have_text("1 / 2")
    page.goto(served_under_subpath + "about/")
    page.goto(served_under_subpath + "session/")
    expect(page.get_by_role("heading", name="You have a session in progress")).to_be_visible()
    page.get_by_role("button", name="Carry on with it").click()
    expect(page.locator("#ss-reps")).to_have_text("1 / 2")
    page.reload()
    page.get_by_role("button", name="Start again").click()
    expect(page.locator("#ss-reps")).to_have_text("0 / 2")


JUNK_DRAFTS = [
    "not json", "null", '{"schema":1,"data":{"items":"x"}}', '{"schema":9,"data":{}}',
    '{"schema":1,"data":{"id":"a b","at":"x","items":[1,null,{}]}}',
    '{"schema":1,"savedAt":"x","data":{"id":"abc","at":"2026-12-01T08:00","index":99,"items":[{"name":"X",'
    '"timer":{"kind":"hold","durationMs":-5,"state":"running"},"stage":"rest","reps":"many"}]}}',
]


@pytest.mark.parametrize("junk", JUNK_DRAFTS)
def test_junk_under_the_session_draft_key_never_stops_the_session(phone, served_under_subpath, junk):
    page, watch = session_page(phone, served_under_subpath, {PROGRAMME: envelope(THREE), DRAFT: junk})
    page.wait_for_selector("#ss-exercise:not([hidden]), #ss-resume:not([hidden])")
    if page.locator("#ss-resume-title").is_visible():
        page.get_by_role("button", name="Carry on with it").click()
        expect(page.locator("#ss-name")).to_have_text("X")
        page.get_by_role("button", name="Add a rep").click()
    assert not watch.problems, watch.problems


def test_the_whole_session_by_keyboard_only(three):
    page, _ = three
    page.get_by_role("button", name="Skip").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the second hold: skipped too, so the pain question opens and takes the focus
    expect(page.locator("#ss-rate-title")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # 0 -> 1 on the pain scale
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")   # "Yes" -> "No"
    page.keyboard.press("Space")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ss-rate-save":
            break
    page.keyboard.press("Enter")
    expect(page.locator("#ss-noted-text")).to_be_focused()
    expect(page.locator("#ss-noted-text")).to_have_text("Noted: 1 of 10.")


def test_the_next_morning_asks_once_and_worse_gives_the_tell_therapist_advice(phone, served_under_subpath):
    page, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(THREE)})
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Skip").click()
    rate(page, 4, False)
    page.get_by_role("button", name="Next: Knee rolls").click()
    page.get_by_role("button", name="Next: Pelvic tilts").click()
    page.get_by_role("button", name="Finish").click()
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()

    page.goto(served_under_subpath)
    expect(page.get_by_role("heading", name="How is your back this morning?")).to_be_hidden()
    # The next day, 8 in the morning on the phone's calendar.
    page.clock.set_system_time(dt.datetime(2026, 12, 2, 8, 0))
    page.reload()
    question = page.locator("[data-module=session-morning]")
    expect(question).to_contain_text("How is your back this morning, compared with before yesterday's exercises?")
    expect(question).to_contain_text("Yesterday's exercises: Bridge")
    question.get_by_label("Your pain now, 0 to 10 (optional)").fill("6")
    question.get_by_role("button", name="Worse").click()
    # The card's words are in the page before the answer is written: wait for the answer's own status.
    expect(question.locator("#sm-status")).to_have_text("Noted in your diary.")
    expect(question).to_contain_text("Change or stop yesterday's exercises and tell your therapist")
    expect(question).to_contain_text("Pain is still worse the next morning than before you exercised")
    # P10: the card names yesterday's exercises; P5: it links to the warning signs.
    expect(question).to_contain_text("Ease yesterday's exercises today (Bridge):")
    expect(question.get_by_role("link", name="warning signs")).to_be_visible()
    expect(question).not_to_contain_text("check them again")
    [entry] = stored_diary(page)["data"]["entries"]
    assert [entry["session"]["nextMorning"], entry["painNextMorning"], entry["rev"]] == ["worse", 6, 2]
    # Asked once: neither the home page nor the diary asks again.
    page.reload()
    expect(question).to_be_hidden()
    page.goto(served_under_subpath + "diary/")
    expect(page.locator("[data-module=session-morning]")).to_be_hidden()


def test_dismissing_the_next_morning_question_is_never_asked_again(phone, served_under_subpath):
    entry = {"id": "s1", "at": "2026-12-01T18:00", "exercises": ["Bridge"], "painDuring": 3, "rev": 1,
             "session": {"programmeId": "p-test1", "items": [{"key": "i-bridge", "exerciseId": "bridge", "name": "Bridge",
                                                              "pain": 3, "builtUp": False, "level": "keep-going"}],
                         "nextMorning": None}}
    page, _ = session_page(phone, served_under_subpath, {DIARY: envelope({"entries": [entry]}, schema=3)},
                           when=dt.datetime(2026, 12, 2, 7, 30))
    page.goto(served_under_subpath + "diary/")
    question = page.locator("[data-module=session-morning]")
    question.get_by_role("button", name="Not now").click()
    expect(question).to_be_hidden()
    assert stored_diary(page)["data"]["entries"][0]["session"]["nextMorning"] == "dismissed"
    page.reload()
    expect(page.locator(".app-diary-entry")).to_have_count(1)
    expect(question).to_be_hidden()


def test_the_session_works_offline_after_one_visit(browser, served_under_subpath):
    context, page = offline_after_one_visit(browser, served_under_subpath + "session/", viewport={"width": 360, "height": 740})
    page.evaluate("values => { for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); }", {PROGRAMME: envelope(THREE)})
    page.reload()
    expect(page.get_by_role("heading", name="Bridge")).to_be_visible()
    expect(page.get_by_text("Start position: Lie on your back")).to_be_visible()
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Skip").click()
    rate(page, 2, False)
    for name in ("Next: Knee rolls", "Next: Pelvic tilts", "Finish", "Save to my diary"):
        page.get_by_role("button", name=name).click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    context.close()


def test_without_a_programme_the_page_says_what_to_do(phone, served_under_subpath):
    page, watch = session_page(phone, served_under_subpath, {})
    expect(page.get_by_role("heading", name="No exercises for today")).to_be_visible()
    expect(page.get_by_text("Add the exercises your therapist gave you to My programme first.")).to_be_visible()
    assert not watch.problems, watch.problems


def axe_violations(page, state: str) -> list[str]:
    page.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    result = page.evaluate(RUN_AXE, TAGS)
    assert result["passes"] > 0, f"axe checked nothing in {state}"
    return [f"{state}: {v['rule']} ({v['impact']}): {target}  ({v['help']})" for v in result["violations"] for target in v["targets"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_session_state_has_an_axe_violation(browser, served_under_subpath, scheme):
    # axe is injected as an inline script, so this context ignores the CSP (as tests/test_quality_axe.py does).
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.clock.install(time=MORNING)
    page.goto(served_under_subpath + "about/")
    page.evaluate("values => { for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v); }", {PROGRAMME: envelope(THREE)})
    page.goto(served_under_subpath + "session/")
    found = []
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(1500)
    found += axe_violations(page, "hold timer running")
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="It hurts: answer the pain question now").click()
    found += axe_violations(page, "the pain question")
    page.get_by_role("button", name="Save my answer").click()
    found += axe_violations(page, "the pain question with a problem")
    rate(page, 9, True)
    found += axe_violations(page, "the advice")
    page.get_by_role("button", name="Skip the rest of this exercise").click()
    page.get_by_role("button", name="Add a rep").click()
    page.get_by_role("button", name="Add a rep").click()
    found += axe_violations(page, "the rest timer")
    page.get_by_role("button", name="Next: Pelvic tilts").click()
    page.get_by_role("button", name="Finish").click()
    found += axe_violations(page, "the summary")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    found += axe_violations(page, "saved")
    page.clock.set_system_time(dt.datetime(2026, 12, 2, 8, 0))
    for address in ("", "diary/"):
        page.goto(served_under_subpath + address)
        expect(page.get_by_role("heading", name="How is your back this morning?")).to_be_visible()
        found += axe_violations(page, f"next morning on /{address}")
    page.get_by_role("button", name="Worse").click()
    expect(page.locator("#sm-advice")).to_be_visible()
    found += axe_violations(page, "next morning's advice")
    page.goto(served_under_subpath + "session/")
    page.get_by_role("button", name="Add a rep").click()
    page.reload()
    found += axe_violations(page, "a session in progress")
    context.close()
    assert not found, f"{len(found)} axe violation(s) [{scheme}]:\n" + "\n".join(found)


def test_u5_by_keyboard_the_focus_goes_to_the_next_thing_to_press_when_a_hold_or_rest_ends(phone, served_under_subpath):
    holds_then_sets = programme(
        item("i-bridge", "bridge", "Bridge", sets=1, reps=2, holdSeconds=5),
        item("i-squats", None, "Squats", sets=2, reps=1, restSeconds=10),  # typed in: no hold, so the rep button
    )
    page, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(holds_then_sets)})
    start = page.locator("#ss-timer-start")
    start.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#ss-timer-pause")).to_be_focused()
    page.clock.run_for(5500)
    expect(page.locator("#ss-reps")).to_have_text("1 / 2")
    expect(start).to_be_focused()
    page.keyboard.press("Enter")  # the second hold, started from where the focus already is
    page.clock.run_for(5500)
    expect(page.locator("#ss-rate-title")).to_be_focused()
    rate(page, 1, False)
    page.get_by_role("button", name="Next: Squats").click()
    page.locator("#ss-plus").focus()
    page.keyboard.press("Enter")  # set 1 done: the rest starts by itself
    expect(page.locator("#ss-timer-label")).to_have_text("Rest")
    page.clock.run_for(10500)
    expect(page.get_by_text("Set 2 of 2")).to_be_visible()
    expect(page.locator("#ss-plus")).to_be_focused()


def test_u7_at_200_percent_text_on_a_phone_the_timer_digits_stay_on_one_line(three):
    page, _ = three
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    for digits in ("0:05", "10:00"):
        page.evaluate(f"document.getElementById('ss-digits').textContent = {digits!r}")
        box = page.evaluate("""() => {
          const el = document.getElementById('ss-digits');
          const range = document.createRange();
          range.selectNodeContents(el);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return { lines: lines.size, overflow: el.scrollWidth - el.clientWidth,
                   page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
        }""")
        assert box == {"lines": 1, "overflow": 0, "page": 0}, (digits, box)


def test_u1_the_session_names_a_dose_the_therapist_did_not_give_as_the_usual_starting_dose(phone, served_under_subpath):
    only_reps = programme(item("i-bridge", "bridge", "Bridge", reps=3))
    page, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(only_reps)})
    expect(page.locator("#ss-dose")).to_have_text(
        "1 set of 3. Usual starting dose in this guide, where your therapist gave none: hold 5 seconds")


def test_signs_a_rating_with_nothing_done_last_times_note_and_a_worse_morning(phone, served_under_subpath):
    """Review P1 (the pain check's exercise signs), P11 (rated but not done), P2 (last time's note), P4 (Worse)."""
    page, _ = session_page(phone, served_under_subpath, {PROGRAMME: envelope(THREE)})
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Skip").click()
    rate_form = page.locator("#ss-rate")
    # P1: the signs are the pain check's own items, and the warning signs are one tap away.
    expect(rate_form.get_by_label("Sharp or shooting pain")).to_be_visible()
    expect(rate_form.get_by_label("Pain spreads further down your leg than before")).to_be_visible()
    expect(rate_form.get_by_role("link", name="Check the warning signs now")).to_have_attribute("href", "../pain-check/")
    rate_form.get_by_label("Sharp or shooting pain").check()
    rate(page, 2, False)
    advice = page.locator("#ss-advice")
    expect(advice).to_contain_text("Change or stop this exercise and tell your therapist")
    expect(advice).to_contain_text("For Bridge: Sharp or shooting pain.")
    page.get_by_role("button", name="Next: Knee rolls").click()
    # P11: rated, nothing counted: not done.
    page.get_by_role("button", name="It hurts: answer the pain question now").click()
    rate(page, 7, False)
    page.get_by_role("button", name="Next: Pelvic tilts").click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#ss-summary-list")).to_contain_text(
        "Bridge: 1 set of 2; pain 2 of 10; it did not build up; sharp or shooting pain")
    page.get_by_role("button", name="Save to my diary").click()
    expect(page.get_by_text("Saved in your diary.")).to_be_visible()
    [entry] = stored_diary(page)["data"]["entries"]
    assert entry["exercises"] == ["Bridge"], "only what was done"
    assert [(i["name"], i["signs"], i["skipped"]) for i in entry["session"]["items"]] == [
        ("Bridge", ["sharp-or-shooting"], False), ("Knee rolls", [], True), ("Pelvic tilts", [], True)]
    page.goto(served_under_subpath + "diary/")
    expect(page.locator(".app-diary-entry")).to_contain_text("Bridge done: 1 set of 2, pain 2, sharp or shooting")
    expect(page.locator(".app-diary-entry")).to_contain_text("Knee rolls not done, pain 7")

    # The next morning: Worse with no number (P4), then the session (P2).
    page.clock.set_system_time(dt.datetime(2026, 12, 2, 8, 0))
    page.goto(served_under_subpath)
    question = page.locator("[data-module=session-morning]")
    question.get_by_role("button", name="Worse").click()
    expect(question).to_contain_text("Ease yesterday's exercises today (Bridge, Knee rolls):")
    page.goto(served_under_subpath + "diary/")
    worse = "On your latest entry, your pain the next morning was still worse than before you exercised."
    expect(page.locator("main")).to_contain_text(worse)
    page.goto(served_under_subpath + "next-session/")
    expect(page.locator("main")).to_contain_text(worse)
    page.goto(served_under_subpath + "session/")
    expect(page.get_by_role("heading", name="Bridge")).to_be_visible()
    expect(page.locator("#ss-last")).to_have_text(
        "Last time (1 Dec 2026) this exercise went above your limit / built up. If your therapist has not changed it, "
        "do less of it: fewer repeats, a smaller movement or slower, and tell your therapist.")
    expect(page.locator("#ss-dose")).to_have_text("1 set of 2, hold 5 seconds")
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Skip").click()
    rate(page, 1, False)
    page.get_by_role("button", name="Next: Knee rolls").click()
    expect(page.locator("#ss-last")).to_be_visible()
    page.get_by_role("button", name="Next: Pelvic tilts").click()
    expect(page.locator("#ss-last")).to_be_hidden()
