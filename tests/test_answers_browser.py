"""What a frightened patient sees on a phone: the emergency list first, readable boxes, a way to search from home."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_emergency_list_heading_is_on_the_first_screen_of_the_warning_signs(phone, served_under_subpath):
    # U3: at 360x740 the "Emergency: call ... now" heading shows before any scrolling, above the urgent list.
    page = phone.new_page()
    page.goto(served_under_subpath + "faq/warning-signs/")
    emergency = page.locator(".admonition.emergency .admonition-title")
    urgent = page.locator(".admonition.urgent .admonition-title")
    assert emergency.inner_text().startswith("Emergency:")
    box = emergency.bounding_box()
    assert box["y"] + box["height"] <= 740
    assert box["y"] < urgent.bounding_box()["y"]


def test_the_bullets_of_a_red_box_sit_inside_it(phone, served_under_subpath):
    # U12: the list markers (outside the text) need the list's left padding to stay clear of the box's border.
    page = phone.new_page()
    page.goto(served_under_subpath + "faq/warning-signs/")
    for box in ("emergency", "urgent"):
        padding = page.locator(f".admonition.{box} > ul").evaluate("ul => parseFloat(getComputedStyle(ul).paddingLeft)")
        assert padding >= 32, box


def test_the_home_page_offers_a_search_that_lands_ready_to_type(phone, served_under_subpath):
    # U12: a way to search from the home page; a link, so nothing is sent anywhere.
    page = phone.new_page()
    page.goto(served_under_subpath)
    page.get_by_role("link", name="Search the questions").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/faq/#faq-filter-input")
    page.keyboard.type("numbess")
    assert page.locator("#faq-list > li:visible").first.get_attribute("data-slug") == "warning-signs"


def test_the_whole_query_stays_readable_at_large_text(phone, served_under_subpath):
    # U10: at 200% text the box shows only part of a long query; the count below repeats it whole.
    page = phone.new_page()
    page.goto(served_under_subpath + "faq/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Find a question").fill("numbness in my legs")
    assert "“numbness in my legs”" in page.locator("#faq-filter-count").inner_text()
    field = page.get_by_label("Find a question")
    assert field.evaluate("el => parseFloat(getComputedStyle(el).paddingRight)") >= field.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize) * 2")


def test_every_answer_ends_with_the_pain_check_one_tap_away_even_when_the_header_has_no_room(browser, served_under_subpath):
    """Patient review: at 200% text the header's Pain check link is in the menu; a long answer then needed a scroll
    back to the top, Menu, then Pain check."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for slug in ("pain-in-your-leg", "how-much-pain-is-ok", "warning-signs"):
        page.goto(f"{served_under_subpath}faq/{slug}/")
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        link = page.locator(".app-answer__check").get_by_role("link", name="Check your pain")
        link.scroll_into_view_if_needed()
        expect(link).to_be_visible()
        link.click()
        expect(page).to_have_url(f"{served_under_subpath}pain-check/")
    page.close()
