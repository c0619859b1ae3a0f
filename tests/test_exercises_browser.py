"""The exercise pages as a patient uses them: under a subpath, without JavaScript, on paper and offline."""

from __future__ import annotations

import json

import pytest

from test_offline_browser import offline_after_one_visit
from test_print_browser import pdf_pages, pdf_text

pytestmark = pytest.mark.browser

BRIDGE_STEPS = ["Tighten your stomach muscles a little.",
                "Squeeze your bottom and slowly lift your hips off the floor. Only lift as high as feels comfortable.",
                "Hold for 5 seconds. Keep breathing.", "Lower your hips slowly back to the floor.",
                "Rest for a moment before the next one."]


@pytest.fixture
def no_script(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    yield context
    context.close()


def test_without_javascript_a_patient_finds_an_exercise_reads_its_numbered_steps_and_reaches_the_pain_check(
        no_script, served_under_subpath):
    page = no_script.new_page()
    page.goto(served_under_subpath + "exercises/")
    page.get_by_role("link", name="Bridge").click()
    assert page.url == served_under_subpath + "exercises/bridge/"
    steps = page.locator("ol.app-exercise__steps > li")
    assert [t.strip() for t in steps.all_inner_texts()] == BRIDGE_STEPS
    assert steps.first.is_visible()
    # The list's numbers are the browser's own: a screen reader says "list, 5 items" and each number.
    assert page.evaluate("getComputedStyle(document.querySelector('ol.app-exercise__steps')).listStyleType") == "decimal"
    assert page.get_by_text("5 times, hold 5 seconds, 3 times a day, every day.").is_visible()
    assert page.get_by_text("This is a general starting point: your physical therapist may change it.").is_visible()
    assert page.locator("body").evaluate("b => b.scrollWidth") <= 360, "no sideways scroll on a phone"
    page.get_by_role("link", name="Check your pain").click()
    assert page.url == served_under_subpath + "pain-check/"
    page.go_back()
    page.get_by_role("link", name="The warning signs").click()
    assert page.url == served_under_subpath + "faq/warning-signs/"


def test_an_exercise_prints_on_one_page_with_every_step_the_dose_and_the_safety_lines(no_script, served_under_subpath):
    page = no_script.new_page()
    page.goto(served_under_subpath + "exercises/bird-dog/")
    text = " ".join(pdf_text(page).split())
    assert "Bird dog" in text and "5 times, hold 5 seconds, 3 times a day, every day." in text
    assert "your physical therapist may change it" in text
    for step in page.locator("ol.app-exercise__steps > li").all_inner_texts():
        assert " ".join(step.split()) in text, step
    assert "When to stop" in text and "as a general guide 5 out of 10" in text
    assert "In an emergency, call your local emergency number" in text and "It is not a diagnosis" in text
    assert "Previous" not in text and "Check your pain" not in text, "no navigation on paper"
    assert pdf_pages(page) == 1


def test_the_library_and_its_exercises_open_offline_after_one_visit(browser, served_under_subpath):
    context, page = offline_after_one_visit(browser, served_under_subpath)
    try:
        page.goto(served_under_subpath + "exercises/")
        assert page.get_by_role("link", name="Cat and camel").is_visible()
        page.get_by_role("link", name="Cat and camel").click()
        assert page.get_by_role("heading", name="Cat and camel", level=1).is_visible()
        library = page.evaluate("fetch('../library.json').then((r) => r.text())")
        assert [e["id"] for e in json.loads(library)["exercises"]][:3] == ["knee-rolls", "pelvic-tilts", "bottom-to-heels"]
    finally:
        context.close()
