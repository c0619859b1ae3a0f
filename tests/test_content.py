"""The real FAQ loads, every question is linked from the list, and answers read at grade 8 or below."""

from __future__ import annotations

import re

import pytest
import textstat
from bs4 import BeautifulSoup

from ptguide import create_app

app = create_app()
QUESTIONS = app.extensions["ptguide"]["content"].questions


def plain_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ")


def test_the_faq_lists_its_questions_in_order():
    assert QUESTIONS
    orders = [q.order for q in QUESTIONS]
    assert orders == sorted(orders)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slug)
def test_each_answer_reads_at_grade_eight_or_below(question):
    grade = textstat.flesch_kincaid_grade(plain_text(question.html))
    assert grade <= 8, f"{question.path.name} reads at grade {grade}"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slug)
def test_each_answer_cites_at_least_one_source(question):
    assert question.sources


def test_no_answer_gives_111_as_an_emergency_number():
    for q in QUESTIONS:
        assert not re.search(r"\b111\b", plain_text(q.html)), q.path.name


def test_the_warning_signs_answer_shows_an_urgent_and_an_emergency_care_card(client):
    soup = BeautifulSoup(client.get("/faq/warning-signs/").text, "html.parser")
    titles = [t.get_text() for t in soup.select(".admonition .admonition-title")]
    assert any(t.startswith("Urgent:") for t in titles)
    assert any(t.startswith("Emergency:") for t in titles)
    emergency = soup.select_one(".admonition.emergency").get_text()
    assert app.extensions["ptguide"]["settings"]["safety.emergency"] in emergency
