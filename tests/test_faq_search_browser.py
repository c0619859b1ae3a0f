"""The question filter finds what a frightened patient types, in a real Chromium, online and offline."""

from __future__ import annotations

import pytest

from conftest import FIXED_DATE
from ptguide import create_app
from ptguide.freezing import freeze_site
from ptguide.static_server import serve_in_thread

pytestmark = pytest.mark.browser


def faq_page(phone, base):
    page = phone.new_page()
    page.goto(base + "faq/")
    # The answers' words arrive in a small file; wait for it so the test checks the whole filter.
    page.wait_for_load_state("networkidle")
    return page


def matched_words(page, slug: str) -> str:
    """What the item says matched, as the patient sees it once scrolled to (off-screen items are not rendered)."""
    item = page.locator(f'#faq-list > li[data-slug="{slug}"]')
    item.scroll_into_view_if_needed()
    return item.locator(".app-question-list__matched").inner_text()


def listed_slugs(page) -> list[str]:
    return page.locator("#faq-list > li:visible").evaluate_all("items => items.map((li) => li.dataset.slug)")


@pytest.mark.parametrize("typed", ["numb", "bladder", "pins and needles", "fever", "Numbness in my legs"])
def test_a_warning_sign_in_the_patients_words_lists_the_warning_signs_answer(phone, served_under_subpath, typed):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill(typed)
    assert "warning-signs" in listed_slugs(page)
    assert matched_words(page, "warning-signs").startswith("Matches: ")
    assert page.locator("#faq-no-match").is_hidden()


def test_the_filter_shows_which_words_matched(phone, served_under_subpath):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill("pins and needles")
    assert "tingling" in matched_words(page, "warning-signs")


def test_a_nonsense_word_offers_the_warning_signs_and_the_pain_check(phone, served_under_subpath):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill("xqzzv")
    assert listed_slugs(page) == []
    help_box = page.locator("#faq-no-match")
    assert help_box.is_visible()
    assert "0 of" in page.locator("#faq-filter-count").inner_text()
    help_box.get_by_role("link", name="Check the warning signs").click()
    assert page.url.endswith("/faq/warning-signs/")
    page.go_back()
    page.get_by_label("Find a question").fill("xqzzv")
    page.locator("#faq-no-match").get_by_role("link", name="Do the pain check").click()
    assert page.url.endswith("/pain-check/")


def test_the_filter_finds_answer_text_with_the_network_off(browser, served_under_subpath):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_under_subpath)
    page.get_by_text("Ready to work offline").wait_for()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    page.goto(served_under_subpath + "faq/")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Find a question").fill("pins and needles")
    assert "warning-signs" in listed_slugs(page)
    context.close()


def test_a_long_list_shows_its_first_50_matches_until_asked_for_all(phone, site_copy, tmp_path):
    for number in range(60):
        (site_copy / "faq" / f"extra-{number:02d}.md").write_text(
            f"---\ntitle: Numbness question {number}\norder: {1000 + number}\ngroup: Everyday life\n"
            "summary: A made-up question.\nsources: [nhs-back-pain]\n---\nSee the [warning signs](warning-signs.md).\n")
    build = freeze_site(create_app({"SITE_DIR": site_copy, "BUILD_DATE": FIXED_DATE}), tmp_path / "build").destination
    server, base = serve_in_thread(build, "/")
    try:
        page = faq_page(phone, base)
        page.get_by_label("Find a question").fill("numbness")
        matching = int(page.locator("#faq-filter-count").inner_text().split()[0])
        assert matching > 60 and len(listed_slugs(page)) == 50
        page.get_by_role("button", name=f"Show all {matching} questions that match").click()
        assert len(listed_slugs(page)) == matching
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("typed", ["numbness in my legs", "numbess", "nubmness", "cant pee properly", "pins n needles",
                                   "my legs feel weird", "jelly legs", "I had a fall", "fever",
                                   # the physiotherapist's second review: red-flag words that came after reassurance
                                   "my legs feel heavy", "feels different when I wipe", "cant get an erection",
                                   "pain worse at night"])
def test_a_warning_sign_puts_the_warning_signs_answer_first_whatever_else_matches(phone, served_under_subpath, typed):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill(typed)
    assert listed_slugs(page)[0] == "warning-signs"


@pytest.mark.parametrize("typed", ["emergency", "999", "A&E", "hospital"])
def test_an_emergency_word_puts_the_warning_signs_then_the_emergency_room_answer_first(phone, served_under_subpath, typed):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill(typed)
    assert listed_slugs(page)[:2] == ["warning-signs", "going-to-the-emergency-room"]


@pytest.mark.parametrize(("typed", "slug"), [
    ("can I work", "work-and-sleep"), ("flare up", "what-to-do-in-a-flare-up"), ("flareup", "what-to-do-in-a-flare-up"),
    ("ibuprofen", "painkillers"), ("pain killer", "painkillers"), ("how long will this last", "how-long-recovery-takes"),
    ("out of hours", "no-doctor-today"),
])
def test_an_everyday_question_lists_its_answer_first(phone, served_under_subpath, typed, slug):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill(typed)
    assert listed_slugs(page)[0] == slug


def test_an_unknown_word_beside_a_known_one_does_not_wipe_the_search(phone, served_under_subpath):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill("sore xqzzv")
    assert "soreness-after-exercise" in listed_slugs(page)
    assert page.locator("#faq-no-match").is_hidden()


def test_the_no_match_help_speaks_to_any_symptom_not_only_pain(phone, served_under_subpath):
    page = faq_page(phone, served_under_subpath)
    page.get_by_label("Find a question").fill("xqzzv")
    assert "worried about any symptom" in page.locator("#faq-no-match").inner_text()
