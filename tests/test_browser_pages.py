"""Every page opens in a real Chromium at a domain root, a repo subpath and a nested path, with and without JavaScript."""

from __future__ import annotations

import pytest

from browser import PageWatch
from test_freeze import EXPECTED_PAGES
from test_shell_browser import probe_addresses

pytestmark = pytest.mark.browser

PAGE_PATHS = sorted(p.removesuffix("index.html") for p in EXPECTED_PAGES if p != "404.html")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_page_opens_fits_320px_and_has_no_failed_request_or_console_error(browser, served_site, javascript):
    # 320 CSS pixels: the narrowest phone, and a 640px window at 200% zoom.
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 320, "height": 740})
    page = context.new_page()
    watch = PageWatch().attach(page)
    for path in PAGE_PATHS:
        response = page.goto(served_site + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        # The stylesheet really applied: the header takes the theme colour, not the browser default.
        assert page.locator(".app-header").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{path} scrolls sideways at 320px"
    context.close()
    assert not watch.problems


def test_an_unknown_address_at_any_depth_shows_the_not_found_page_intact(browser, served_site):
    page = browser.new_page()
    watch = PageWatch().attach(page)
    for missing in ("nope/", "faq/nope/deeper/"):
        url = served_site + missing
        # With no service worker yet, the page looks for the app's home in the folders above it.
        for address in [url, *probe_addresses(url)]:
            watch.expected_statuses[address] = 404
        response = page.goto(url)
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert page.locator("main").evaluate("e => getComputedStyle(e).maxWidth") != "none", "its own styles applied"
    page.close()
    assert not watch.problems


def test_the_question_filter_narrows_the_list_and_says_how_many_match(phone, served_under_subpath):
    page = phone.new_page()
    page.goto(served_under_subpath + "faq/")
    box = page.get_by_label("Find a question")
    visible = page.locator("#faq-list > li:visible")
    every = visible.count()
    box.fill("doctor")
    assert 0 < visible.count() < every
    assert page.locator("#faq-filter-count").inner_text() == f"{visible.count()} of {every} questions match “doctor”"
    box.fill("")
    assert visible.count() == every


def test_without_javascript_the_filter_stays_hidden_and_every_question_is_listed(browser, served_under_subpath):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_under_subpath + "faq/")
    assert page.get_by_label("Find a question").is_hidden()
    assert page.locator("#faq-list > li:visible").count() == page.locator("#faq-list > li").count()
    context.close()


def test_the_whole_guide_can_be_walked_by_keyboard_from_the_skip_link(phone, served_under_subpath):
    page = phone.new_page()
    page.goto(served_under_subpath)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "after the skip link, focus moves into the main content"
