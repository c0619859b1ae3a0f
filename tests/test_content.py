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
    "getting worse", "Chest pain", "serious fall or accident", "Legs that stay heavy or weak", "new trouble walking",
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
def test_each_answer_resting_on_the_pain_model_says_once_it_came_from_knee_and_heel_tendon_rehab(question):
    text = " ".join(plain_text(question.html).split())  # M6, P18: once, in plain words; explained in full only once
    assert text.count("came from rehab (rehabilitation) for knee and heel tendon pain, not back pain") == 1, question.slug
    assert ("Achilles" in text) == (question.slug == "how-much-pain-is-ok"), question.slug


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
    for question in soup.select("[data-module=session-morning]"):  # the next morning's question has its own card
        question.decompose()
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


def _clinic_questions():
    from conftest import ROOT

    return create_app({"SITE_DIR": ROOT / "examples" / "clinic"}).extensions["ptguide"]["content"].questions


BOTH_SITES = [*QUESTIONS, *_clinic_questions()]
# A claim that pain is all right: "keep going", "normal", "OK", "safe" (not "not normal", "safe for you" of a medicine).
ALL_RIGHT = re.compile(r"\b[Kk]eep going\b|(?<!not )\bnormal\b|\bOK\b|(?<!are )(?<!is )\bsafe\b(?! for you| to )")


@pytest.mark.parametrize("question", BOTH_SITES, ids=lambda q: f"{q.path.parent.parent.name}-{q.slug}")
def test_every_keep_going_normal_ok_or_safe_claim_has_the_warning_signs_caveat_nearby(question):
    # S1, P2: a reassurance holds only "if you have none of the warning signs", linked, in the same or the
    # paragraph or item just before. Link texts ("how much pain is OK") are names, not claims.
    blocks = BeautifulSoup(question.html, "html.parser").select("p, li")
    for number, block in enumerate(blocks):
        words = " ".join(t for t in block.find_all(string=True) if not t.find_parent("a"))
        if block.select("li") or not ALL_RIGHT.search(words):
            continue
        near = [block] + ([blocks[number - 1]] if number else [])
        assert any(b.select('a[href$="warning-signs/"]') for b in near) and any(
            "none of the" in b.get_text() or "warning sign" in b.get_text() for b in near), \
            f"{question.path}: {block.get_text()!r}"


def test_an_answer_that_says_call_the_emergency_number_has_a_call_link_only_when_the_number_is_set(client):
    # U7: "Call 999" to tap where the number is set (the UK example), nothing where it is not (the default site).
    from conftest import ROOT

    clinic = create_app({"SITE_DIR": ROOT / "examples" / "clinic"}).test_client()
    for slug in ("warning-signs", "going-to-a-and-e", "no-doctor-today"):
        card = BeautifulSoup(clinic.get(f"/faq/{slug}/").text, "html.parser").select_one(".app-prose")
        link = card.select_one('a[href="tel:999"]')
        assert link and link.get_text() == "Call 999" and "app-call__link" in link["class"], slug
    for slug in ("warning-signs", "going-to-the-emergency-room", "no-doctor-today"):
        assert not BeautifulSoup(client.get(f"/faq/{slug}/").text, "html.parser").select('.app-prose a[href^="tel:"]')


def test_no_doctor_today_gives_a_route_at_night_and_111_is_never_the_emergency_number():
    # P3, U4: the UK answer names NHS 111 (not an emergency number) with a tap-to-call link in the urgent card only.
    from conftest import ROOT

    clinic = create_app({"SITE_DIR": ROOT / "examples" / "clinic"}).test_client()
    soup = BeautifulSoup(clinic.get("/faq/no-doctor-today/").text, "html.parser")
    urgent = soup.select_one(".admonition.urgent")
    assert "call NHS 111 or use 111 online. This is not an emergency number." in " ".join(urgent.get_text(" ").split())
    assert urgent.select_one('a[href="tel:111"]').get_text() == "Call 111"
    assert not soup.select_one(".admonition.emergency").select('a[href="tel:111"]')
    us = text_of("no-doctor-today")
    assert "for example at night" in us and app.extensions["ptguide"]["settings"]["safety.emergency"] in us


@pytest.mark.parametrize("question", BOTH_SITES, ids=lambda q: f"{q.path.parent.parent.name}-{q.slug}")
def test_the_emergency_list_comes_before_the_urgent_list(question):
    # U3: a frightened patient reads what needs 999 first.
    cards = [c["class"][1] for c in BeautifulSoup(question.html, "html.parser").select(".admonition")]
    if "emergency" in cards and "urgent" in cards and question.slug == "warning-signs":
        assert cards.index("emergency") < cards.index("urgent")


@pytest.mark.parametrize("slug", ["warning-signs", "pain-in-your-leg"])
def test_one_leg_getting_weaker_is_an_emergency_as_in_the_pain_check(slug):
    # U5: "check the warning signs" for one leg leads to a list that covers one leg.
    assert "one or both legs that is getting worse" in text_of("warning-signs")
    assert "Numbness in one leg is getting worse" in soup_of("warning-signs").select_one(".admonition.urgent").get_text()
    assert "one or both legs" in text_of(slug)


def test_the_accuracy_fixes_of_the_second_review_stay():
    assert "The limit was made for pain during exercise" in text_of("pain-above-your-limit-before-you-start")  # P4
    assert "how much exercise adds" not in text_of("pain-above-your-limit-before-you-start")
    for slug in ("going-to-the-emergency-room", "no-doctor-today"):
        assert "do not drive" not in text_of(slug).lower()  # P5: no source says it
    assert "pillow" not in text_of("work-and-sleep")  # P6: sleeping positions are not in our sources
    pills = text_of("painkillers")
    assert "not at all for long-term back pain (NICE)" in pills and "strong" not in pills  # P7
    assert "pharmacist" in pills.split("If the pain is bad tonight")[1] and "open late" in pills  # U9
    assert "mg" not in pills.split()
    damage = text_of("does-it-mean-damage")
    assert "Hurting is not the same as harm" not in damage  # P8
    assert damage.index("warning signs") < damage.index("When is pain a reason to stop")  # U6: first screen
    assert "flare-up plan" not in text_of("what-to-do-in-a-flare-up")  # P9: no source in sources.toml
    recovery = text_of("how-long-recovery-takes")
    assert "or that something is wrong" not in recovery and "warning signs" in recovery.split("failed.")[1][:200]  # P10
    assert "suggests starting with non-drug treatments, such as exercise" in text_of("does-pt-work")  # P11
    assert "nice-cks-back-pain" in {s.id for s in BY_SLUG["warning-signs"].sources}  # P12
    assert "when you sneeze, cough or poop (have a bowel movement)" in text_of("warning-signs")  # P19


def test_about_says_peeing_or_pooing_yourself_without_meaning_to(client):
    text = " ".join(BeautifulSoup(client.get("/about/").text, "html.parser").get_text(" ").split())
    assert "new trouble peeing, or peeing or pooing yourself without meaning to" in text  # P13


def test_each_source_sits_in_its_own_group_with_its_real_citation():
    # P14, P15: a campaign is not evidence, nor is the clinic's own page; citations as published.
    from conftest import ROOT
    from ptguide.content import load_sources

    default = {s.id: s for s in load_sources(ROOT / "site" / "sources.toml")}
    clinic = {s.id: s for s in load_sources(ROOT / "examples" / "clinic" / "sources.toml")}
    assert default["apta-choosept-2016"].kind == "other" and clinic["riverside-clinic"].kind == "other"
    assert "2016;17(6):559-567" in default["cauda-equina-cards"].publisher
    assert default["cauda-equina-pathway"].url.endswith(".pdf")
    assert default["nice-cks-back-pain"].title == "Back pain - low (without radiculopathy)"


def test_the_about_page_lists_other_sources_apart(client):
    soup = BeautifulSoup(client.get("/about/").text, "html.parser")
    headings = [h.get_text() for h in soup.select("h3")]
    assert "Other sources: campaigns and the clinic's own pages" in headings
    other = soup.find("h3", string="Other sources: campaigns and the clinic's own pages").find_next("ul").get_text()
    assert "#ChoosePT" in other


@pytest.mark.parametrize("question", _clinic_questions(), ids=lambda q: q.slug)
def test_each_uk_example_answer_reads_at_grade_eight_or_below(question):
    grade = textstat.flesch_kincaid_grade(plain_text(question.html))
    assert grade <= 8, f"examples/clinic/faq/{question.path.name} reads at grade {grade}"
