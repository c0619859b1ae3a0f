"""Printouts as a patient makes them: Chromium's print with "Background graphics" off (its default), read on paper."""

from __future__ import annotations

import re
import subprocess

import pytest

from test_pain_check_browser import HEADINGS, contrast, mild_stretch, none_of_the_warning_signs, open_page

pytestmark = pytest.mark.browser

# Every element with its own words inside a care card, with its colour and the card's edge, as printed.
CARD_INK = """(selector) => [...document.querySelectorAll(selector)].filter((c) => c.getClientRects().length).map((card) => {
  const style = getComputedStyle(card);
  const words = [...card.querySelectorAll('*')].filter((e) => e.getClientRects().length
    && [...e.childNodes].some((n) => n.nodeType === 3 && n.data.trim()));
  return { card: card.className, edge: parseFloat(style.borderTopWidth), edgeColour: style.borderTopColor,
           background: style.backgroundColor,
           ink: words.map((e) => ({ text: e.textContent.trim().slice(0, 40), colour: getComputedStyle(e).color,
                                    background: getComputedStyle(e).backgroundColor })) };
})"""


def printed_cards(page, selector: str) -> list[dict]:
    page.emulate_media(media="print")
    return page.evaluate(CARD_INK, selector)


def assert_black_on_paper(cards: list[dict], emergency_edge: float = 5) -> None:
    """Words at 7:1 or more on white paper whatever the background does, and a heavy dark edge."""
    assert cards
    for card in cards:
        assert card["edge"] >= 3 and contrast(card["edgeColour"], "rgb(255, 255, 255)") >= 7, card
        if "emergency" in card["card"]:
            assert card["edge"] >= emergency_edge, card
        for ink in card["ink"]:
            assert contrast(ink["colour"], "rgb(255, 255, 255)") >= 7, (card["card"], ink)


def pain_check_result(page, level: str) -> None:
    if level == "emergency":
        page.locator("label[for^=pc-item-]").first.click()
        page.get_by_role("button", name="Next").click()
    elif level == "urgent":
        page.locator("label[for=pc-none-emergency-signs]").click()
        page.get_by_role("button", name="Next").click()
        page.locator("#pc-group-urgent-signs label[for^=pc-item-]").first.click()
        page.get_by_role("button", name="Next").click()
    elif level == "ok":
        mild_stretch(page)
    else:
        none_of_the_warning_signs(page)
        page.locator("#pc-score-7").click()
        page.locator("label[for=pc-item-behaviour-building]").click()
        page.locator("#pc-notice-go").click()
    page.locator("#pc-card").wait_for()


@pytest.mark.parametrize("level", ["emergency", "urgent", "ok", "change"])
def test_every_pain_check_card_prints_black_with_a_heavy_edge_without_background_graphics(phone, served_under_subpath, level):
    """B1: paper never gets the emergency advice in pale grey; the heading word is as dark as the rest."""
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    pain_check_result(page, level)
    cards = printed_cards(page, "#pc-card")
    assert_black_on_paper(cards)
    assert any(heading.startswith(ink["text"]) for ink in cards[0]["ink"] for heading in HEADINGS.values()), "the heading too"


@pytest.mark.parametrize("path", ["faq/warning-signs/", "about/", "faq/when-to-see-a-doctor/", "faq/other-serious-signs/"])
def test_the_answers_care_cards_print_black_with_a_heavy_edge_without_background_graphics(phone, served_under_subpath, path):
    page, _ = open_page(phone, served_under_subpath + path)
    cards = printed_cards(page, ".admonition, .app-care-card")
    assert_black_on_paper(cards)
    if path == "faq/warning-signs/":
        assert any("emergency" in card["card"] for card in cards)


def pdf_text(page) -> str:
    """What is on the paper: the PDF Chromium prints, as text (pdftotext, one line per line of print)."""
    pdf = page.pdf(format="A4", print_background=False)
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def pdf_pages(page) -> int:
    return int(re.search(rb"/Count (\d+)", page.pdf(format="A4")).group(1))


@pytest.mark.parametrize("path", ["next-session/", "pain-check/", "diary/", "faq/warning-signs/", "about/", ""])
def test_every_printout_keeps_the_emergency_line_and_the_disclaimer(phone, served_under_subpath, path):
    """S1: the sheet a patient takes to the therapist carries the safety text, with no navigation links."""
    page, _ = open_page(phone, served_under_subpath + path)
    if path == "next-session/":
        for label in page.locator(".app-choice__label").all():
            label.click()
    text = " ".join(pdf_text(page).split())
    assert "In an emergency, call your local emergency number" in text, text[-400:]
    assert "It is not a diagnosis" in text
    assert "Sources" not in text.split("It is not a diagnosis")[-1], "the footer's links are not printed"
    if path == "next-session/":
        assert "if your leg is not getting more numb or weaker" in text, "the leg-pain item keeps its hint on paper"
        assert pdf_pages(page) == 1


# Which parts of the pain check show on paper (print media): every warning sign, every rule, the exercise questions.
PRINTED_CHECK = """() => {
  const shown = (e) => e.getClientRects().length > 0;
  const warning = [...document.querySelectorAll('.app-fieldset--warning .app-choice__label')].filter((l) => !l.htmlFor.includes('none'));
  const card = document.querySelector('#pc-card');
  return {
    warning: warning.map((l) => [l.textContent.trim(), shown(l)]),
    rules: [...document.querySelectorAll('.app-rule')].map((r) => [r.textContent.trim().slice(0, 50), shown(r)]),
    exercise: [...document.querySelectorAll('.app-step')].filter((s) => !s.querySelector('.app-fieldset--warning')).map(shown),
    listAfterCard: !shown(card) || warning.every((l) => card.compareDocumentPosition(l) & Node.DOCUMENT_POSITION_FOLLOWING),
    stamp: document.querySelector('#pc-stamp').innerText,
    history: document.querySelector('#pc-history').innerText,
  };
}"""


def printed_check(page) -> dict:
    page.emulate_media(media="print")
    return page.evaluate(PRINTED_CHECK)


@pytest.mark.parametrize("state", ["start", "midway"])
def test_a_pain_check_printed_before_a_result_is_the_whole_check_on_two_pages_at_most(phone, served_under_subpath, state):
    """S2: not a blank page. A patient prints it for the exercise mat or a carer: every sign, every rule, every question."""
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    if state == "midway":
        page.locator("label[for=pc-none-emergency-signs]").click()
        page.get_by_role("button", name="Next").click()
    shown = printed_check(page)
    assert shown["warning"] and all(visible for _, visible in shown["warning"]), shown["warning"]
    assert shown["rules"] and all(visible for _, visible in shown["rules"]), shown["rules"]
    assert all(shown["exercise"]), "the exercise questions too"
    text = " ".join(pdf_text(page).split())
    assert "Warning signs always come first. Whatever your other answers, follow the advice for a warning sign." in text
    assert pdf_pages(page) <= 2


@pytest.mark.parametrize("level", ["emergency", "urgent", "ok", "change"])
def test_every_printed_result_ends_with_the_warning_signs_and_the_score_and_year(phone, served_under_subpath, level):
    """S2, N1: paper cannot follow a link, so the signs the check asks are listed under the card; the stamp says
    when (with the year) and the score the patient chose, not only "5 or less"."""
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    pain_check_result(page, level)
    shown = printed_check(page)
    assert shown["warning"] and all(visible for _, visible in shown["warning"]), shown["warning"]
    assert shown["listAfterCard"], "the list ends the printout, after the result"
    assert not any(shown["exercise"]), "the exercise questions are the card's Why:, not printed again"
    assert re.fullmatch(r"Pain check \| PT Guide\. Checked on (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w{3} \d{4} at \d\d:\d\d\.(.*)",
                        shown["stamp"]), shown["stamp"]
    if level in ("ok", "change"):
        chosen = "3" if level == "ok" else "7"
        assert shown["stamp"].endswith(f"Pain score chosen: {chosen} out of 10."), shown["stamp"]
    text = " ".join(pdf_text(page).split())
    assert "If you ticked any of these: stop exercising and" in text, "the urgent rule, with the settings' wording"
    assert pdf_pages(page) == 1, "the usual results fit one page"


def test_a_long_emergency_result_with_the_warning_signs_fits_two_pages(phone, served_under_subpath):
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    for label in page.locator("#pc-group-emergency-signs label[for^=pc-item-]").all():
        label.click()
    page.get_by_role("button", name="Next").click()
    assert printed_check(page)["listAfterCard"]
    assert pdf_pages(page) <= 2


def test_the_dated_history_line_prints_without_tick_them_again_below(phone, served_under_subpath):
    """N2: the date and the signs of the last check are useful on paper; "tick them again below" is not."""
    page, _ = open_page(phone, served_under_subpath + "pain-check/")
    page.get_by_label("Chest pain").check()
    page.wait_for_load_state("networkidle")
    page.reload()
    assert "tick them again below" in page.locator("#pc-history").inner_text()
    printed = printed_check(page)["history"]
    assert printed.startswith("Your last check, ") and "Last time you ticked: Chest pain." in printed
    assert "tick them again" not in printed


def test_without_javascript_a_printout_says_which_version_it_came_from(browser, served_under_subpath):
    """N4: the print date needs the script; without it the header names the build's date instead."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("pain-check/", "faq/warning-signs/"):
        page.goto(served_under_subpath + path)
        text = " ".join(pdf_text(page).split())
        assert "PT Guide – printed from the version of 1 November 2026" in text, text[:200]
    assert "Warning signs always come first." in text or path != "pain-check/"
    page.goto(served_under_subpath + "pain-check/")
    assert "Warning signs always come first. Whatever your other answers" in " ".join(pdf_text(page).split())
    assert pdf_pages(page) <= 2
    context.close()
