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


# --- The clinician's review (CONTENT.md part F) and the answers it asked for (part G) ---------------------------

BY_SLUG = {q.slug: q for q in QUESTIONS}
NEW_ANSWERS = ["does-it-mean-damage", "other-serious-signs", "what-to-do-in-a-flare-up",
               "pain-above-your-limit-before-you-start", "painkillers", "how-long-recovery-takes", "no-doctor-today",
               "going-to-the-emergency-room", "work-and-sleep"]
PAIN_MODEL = {"pain-monitoring-thomee", "pain-monitoring-silbernagel"}


def soup_of(slug: str) -> BeautifulSoup:
    return BeautifulSoup(BY_SLUG[slug].html, "html.parser")


def text_of(slug: str) -> str:
    return " ".join(soup_of(slug).get_text(" ").split())


@pytest.mark.parametrize("slug", NEW_ANSWERS)
def test_each_new_answer_exists_and_links_to_the_warning_signs(slug):
    assert slug in BY_SLUG
    assert soup_of(slug).select('a[href$="warning-signs/"]'), f"{slug} does not link to the warning signs"


@pytest.mark.parametrize("slug", NEW_ANSWERS)
def test_each_new_answer_is_linked_from_another_answer(slug):
    linking = [q.slug for q in QUESTIONS if q.slug != slug and f'href="../{slug}/"' in str(q.html)]
    assert linking, f"no answer links to {slug}"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slug)
def test_no_answer_calls_pain_fine_without_a_link_to_the_warning_signs(question):
    # S1: "it can be fine" only ever beside "if you have none of the warning signs", linked.
    for block in BeautifulSoup(question.html, "html.parser").select("p, li"):
        if re.search(r"\bfine\b", block.get_text()):
            assert block.select('a[href$="warning-signs/"]'), f"{question.slug}: {block.get_text()!r}"


def test_heavy_or_weak_legs_are_a_warning_sign_not_a_working_muscle():
    text = text_of("pain-strain-or-hard-work")  # S1
    assert "heavy" not in text.split("When heavy legs")[0].split("Muscle strain.")[1].split("Pain.")[0]
    assert "If your legs stay heavy or weak, or it becomes hard to walk" in text and "It is a warning sign" in text


def test_pain_moving_up_is_good_only_if_the_leg_is_not_getting_more_numb_or_weaker():
    assert "as long as your leg is not getting more numb or weaker" in text_of("pain-in-your-leg")  # S2
    from ptguide.checklists import load_next_session

    hint = next(i for i in load_next_session(app.config["SITE_DIR"] / "checklists" / "next-session.toml")["items"]
                if i["id"] == "leg-pain-moving")["hint"]
    assert "if your leg is not getting more numb or weaker" in hint and "warning signs" in hint


EMERGENCY_SIGNS = [  # part D, with the cauda equina card signs that S4 added
    "both legs", "genitals", "inner thighs", "wipe", "New trouble peeing", "bladder is full or empty",
    "pee or poo yourself without meaning to", "Loss of feeling when you pee or poo", "erection", "ejaculating",
    "getting worse", "Chest pain", "serious fall or accident", "Legs that feel heavy or weak", "new trouble walking",
]


@pytest.mark.parametrize("sign", EMERGENCY_SIGNS)
def test_the_emergency_card_lists_every_sign_of_parts_d_and_f(sign):
    card = soup_of("warning-signs").select_one(".admonition.emergency").get_text(" ")
    assert sign in " ".join(card.split())


def test_does_pt_work_does_not_overstate_the_evidence():
    text = text_of("does-pt-work")  # A1, M3
    assert "small to moderate amount" in text and "Serious harm from it is rare" in text
    assert "it is safe" not in text
    assert "heat on the skin first" in text and "spinal manipulation" in text
    assert "at least as well" in text


def test_no_guideline_is_said_to_support_tens_or_ultrasound():
    assert "Guidelines say different things" not in text_of("what-a-pt-plan-includes")  # A2
    assert "None of the guidelines we use supports TENS or ultrasound" in text_of("what-a-pt-plan-includes")
    heat = text_of("heat-cold-tens-ultrasound")
    assert "the US guideline lists it as one option" in heat  # A3
    assert "in the last 3 months" in heat and "cold packs" in heat and "recently" not in heat  # M4


def test_leg_pain_is_not_always_a_nerve():
    text = text_of("pain-in-your-leg")  # A4
    assert "Not all leg pain comes from a nerve" in text and "referred pain" in text
    assert "Sciatica is leg pain caused by an irritated nerve root" in text


def test_see_a_doctor_includes_severe_or_worsening_pain_and_not_coping():
    card = soup_of("when-to-see-a-doctor").select_one(".admonition.non-urgent").get_text(" ")  # A5
    assert "severe, or it is getting worse over time" in card and "struggling to cope" in card


def test_the_cancer_sign_cites_nice_and_high_pain_advice_is_for_high_pain_only():
    assert "nice-ng59" in {s.id for s in BY_SLUG["warning-signs"].sources}  # M1
    assert "If your pain is high but you have none of these signs" in text_of("warning-signs")  # M7


@pytest.mark.parametrize("slug", ["soreness-after-exercise", "pain-strain-or-hard-work"])
def test_answers_with_warning_sign_advice_cite_the_nhs(slug):
    assert "nhs-back-pain" in {s.id for s in BY_SLUG[slug].sources}  # M2


def test_sharp_pain_stops_the_exercise_and_leg_spread_is_further_than_before():
    assert "Your pain is sharp or shooting" in text_of("is-pain-during-pt-normal")  # M5
    assert "spreads further down your leg than before" in text_of("what-to-tell-your-therapist")


@pytest.mark.parametrize("question", [q for q in QUESTIONS if PAIN_MODEL & {s.id for s in q.sources}], ids=lambda q: q.slug)
def test_each_answer_resting_on_the_pain_model_says_once_it_came_from_knee_and_achilles_rehab(question):
    text = " ".join(plain_text(question.html).split())  # M6 and the "sources a reader can trust" rule
    assert text.count("knee and Achilles tendon rehabilitation") == 1, question.slug
    assert "not for back pain" in text


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.slug)
def test_plain_words_and_one_english(question):
    text = plain_text(question.html)  # M14, and US English on the default site
    for banned in ("wet or soil", "manageable", "programme", "centralisation", "A&E", "between your legs"):
        assert banned not in text, f"{question.slug} says {banned!r}"
    if re.search(r"\bPT\b", text):
        assert "physical therapy (PT)" in text.split("PT)")[0] + "PT)", f"{question.slug} uses PT before spelling it out"


def test_home_and_about_say_around_your_genitals_not_between_your_legs(client):
    for path in ("/", "/about/"):
        page = client.get(path).text
        assert "between your legs" not in page and "around your genitals, bottom or inner thighs" in page  # M14


def test_every_source_has_an_address_or_a_full_citation():
    for source in app.extensions["ptguide"]["content"].sources:  # M2
        assert source.url.startswith("https://") or re.search(r"\d{4};\d+", source.publisher), source.id


def test_the_home_page_groups_the_questions_under_plain_headings(client):
    soup = BeautifulSoup(client.get("/").text, "html.parser")
    headings = [h.get_text() for h in soup.select("main h3")]
    assert len(QUESTIONS) > 12 and headings == list(dict.fromkeys(q.group for q in QUESTIONS))
    assert len(soup.select("main .app-link-list a")) == len(QUESTIONS)


def test_the_example_clinic_is_written_in_uk_english():
    from conftest import ROOT

    clinic = create_app({"SITE_DIR": ROOT / "examples" / "clinic"}).extensions["ptguide"]["content"].questions
    for q in clinic:
        text = plain_text(q.html) + q.title + q.summary
        for us in ("physical therapist", "(PT)", "emergency room", " program ", "program.", "toward ", "centralization",
                   "bathroom", "acetaminophen", "defenses"):
            assert us not in text, f"examples/clinic/faq/{q.path.name} says {us!r}"
    assert any("A&E" in plain_text(q.html) for q in clinic)


def test_the_home_pages_usually_ok_holds_only_with_none_of_the_warning_signs(client):
    first = BeautifulSoup(client.get("/").text, "html.parser").select_one(".app-points li").get_text(" ")
    assert "usually OK" in first and "If you have none of the warning signs" in first  # S1, part D rules
