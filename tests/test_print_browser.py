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
    cards = page.evaluate(CARD_INK, selector)
    page.emulate_media(media="screen")
    return cards


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
