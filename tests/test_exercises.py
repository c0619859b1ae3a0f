"""The default exercise library: what a patient reads on each page, and the library JSON the programme reads."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import textstat
from bs4 import BeautifulSoup

from ptguide import create_app
from ptguide.exercise_library import dose_in_words
from ptguide.service_worker import precache_entries

app = create_app()
EXERCISES = list(app.extensions["ptguide"]["exercises"].values())
ACCEPTABLE = app.extensions["ptguide"]["settings"]["pain.acceptable"]
# CONTENT.md part H: the exercises the default library must have.
EXPECTED = {"knee-rolls", "pelvic-tilts", "bottom-to-heels", "back-extensions", "knee-to-chest", "bridge", "bird-dog",
            "cat-and-camel", "walking"}
DOSE_KEYS = ["sets", "reps", "holdSeconds", "restSeconds", "timesPerDay", "daysPerWeek"]


def page(client, exercise_id: str) -> BeautifulSoup:
    response = client.get(f"/exercises/{exercise_id}/")
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def reading_text(soup: BeautifulSoup) -> str:
    """What a patient reads on the page: the exercise, without the list of sources' titles."""
    article = soup.select_one("article")
    for sources in article.select(".app-sources"):
        sources.decompose()
    return article.get_text(" ")


def test_the_default_library_has_the_common_low_back_pain_exercises_in_order():
    assert EXPECTED <= {e.id for e in EXERCISES} and 9 <= len(EXERCISES) <= 12
    assert [e.order for e in EXERCISES] == sorted(e.order for e in EXERCISES)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_each_exercise_page_reads_at_grade_eight_or_below(client, exercise):
    grade = textstat.flesch_kincaid_grade(reading_text(page(client, exercise.id)))
    assert grade <= 8, f"{exercise.path.name} reads at grade {grade}"


def test_the_library_page_reads_at_grade_eight_or_below(client):
    soup = BeautifulSoup(client.get("/exercises/").text, "html.parser")
    assert textstat.flesch_kincaid_grade(soup.select_one("main").get_text(" ")) <= 8


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_each_exercise_page_has_numbered_steps_a_starting_dose_and_the_way_to_the_pain_check_and_warning_signs(client, exercise):
    soup = page(client, exercise.id)
    text = " ".join(reading_text(page(client, exercise.id)).split())
    assert len(soup.select("article .app-exercise__steps li")) >= 2
    for heading in ("Start position", "Steps", "What you should feel", "When to stop", "Where this comes from"):
        assert soup.find("h2", string=heading), heading
    assert "This is a general starting point: your physical therapist may change it." in text
    assert "feels comfortable" in text
    assert f"{ACCEPTABLE} out of 10" in text
    links = {a.get_text(): a["href"] for a in soup.select("article a")}
    assert links["Check your pain"] == "../../pain-check/"
    assert links["The warning signs"] == "../../faq/warning-signs/"
    assert exercise.sources and soup.select(".app-sources li")


def when_to_stop(client, exercise_id: str) -> str:
    heading = page(client, exercise_id).find("h2", string="When to stop")
    return " ".join(heading.find_next_sibling("div").get_text(" ").split())


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_each_exercise_says_to_stop_on_every_rule_of_the_pain_check_and_sends_warning_signs_to_that_page(client, exercise):
    # CONTENT.md D and H, the physiotherapist's review of issue 15 (P6, P7, P15).
    soup = page(client, exercise.id)
    text = when_to_stop(client, exercise.id)
    assert f"as a general guide {ACCEPTABLE} out of 10" in text
    assert "spreads further down your leg than before" in text
    assert "still worse the next morning than before you" in text
    assert "Pain or stiffness builds up from week to week" in text
    assert "a new kind of pain" in text
    # Up to the limit is acceptable, so "any increase" cannot be a reason to stop.
    assert "makes your pain worse" not in text
    assert "urgent signs need a doctor today, emergency signs need help now" in text and "get help now" not in text
    stop = soup.find("h2", string="When to stop").find_next_sibling("div")
    assert stop.find("a", string="warning signs")["href"] == "../../faq/warning-signs/"


@pytest.mark.parametrize("exercise_id", ["walking", "standing-back-bends"])
def test_the_exercises_done_on_your_feet_name_heavy_weak_or_numb_legs_as_possible_warning_signs(client, exercise_id):
    text = when_to_stop(client, exercise_id)  # P3
    assert "Legs that feel heavy, weak or numb, or new trouble" in text and "can be warning signs" in text
    sources = [li.get_text() for li in page(client, exercise_id).select(".app-sources li")]
    assert any("Cauda equina syndrome warning cards" in s for s in sources)


def test_walking_builds_up_as_you_walk_not_each_time_you_do_it(client):
    text = when_to_stop(client, "walking")  # P3: a walk is not a set of repeats
    assert "The pain builds up as you walk." in text and "each time you do it" not in text
    assert "than before you walked" in text


@pytest.mark.parametrize("exercise_id", ["bridge", "bird-dog", "cat-and-camel"])
def test_the_physiotherapy_exercises_say_the_nhs_pages_do_not_describe_them_and_cite_only_what_supports_them(client,
                                                                                                           exercise_id):
    sources = page(client, exercise_id).select_one(".app-sources")  # P8
    note = " ".join(sources.select_one("p").get_text().split())
    assert "is a common physiotherapy exercise. It is not one of the exercises on the NHS pages." in note
    assert "NICE advises exercise for low back pain, but does not describe this exercise." in note
    cited = [li.get_text() for li in sources.select("li")]
    assert not any(s.startswith("Lower back pain exercises") for s in cited)
    assert any(s.startswith("Exercises for back pain. NHS inform") for s in cited)
    assert "your physical therapist may change it" in page(client, exercise_id).select_one(".app-exercise__dose").get_text()


def test_the_exercises_from_the_nhs_pages_carry_no_note_about_their_sources(client):
    assert page(client, "knee-rolls").select_one(".app-sources p") is None


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_no_exercise_page_promises_a_result_or_calls_pain_fine(client, exercise):
    text = reading_text(page(client, exercise.id)).lower()
    for promise in ("will help", "will ease", "will go", "cure", "heal", "fix your", "get rid of", "guarantee", "is fine",
                    "is normal", "keep going", "within 2 weeks"):
        assert promise not in text, f"{exercise.id} says {promise!r}"
    assert not re.search(r"\b111\b", text)


def test_the_library_page_lists_each_exercise_with_its_summary_and_dose_in_words(client):
    soup = BeautifulSoup(client.get("/exercises/").text, "html.parser")
    items = soup.select(".app-exercise-list > li")
    assert [li["data-exercise"] for li in items] == [e.id for e in EXERCISES]
    bridge = soup.select_one('[data-exercise="bridge"]')
    assert bridge.select_one("a")["href"] == "bridge/"
    assert bridge.select_one(".app-exercise-list__dose").get_text() == "Starting dose: 5 times, hold 5 seconds, 3 times a day, every day"
    assert "Your physical therapist may change it." in soup.select_one("main").get_text()


@pytest.mark.parametrize("dose, words", [
    ({"reps": 5, "holdSeconds": 5, "timesPerDay": 3}, "5 times, hold 5 seconds, 3 times a day"),
    ({"sets": 2, "reps": 10, "restSeconds": 60, "timesPerDay": 1, "daysPerWeek": 3},
     "2 sets of 10 times, rest 1 minute between sets, once a day, 3 days a week"),
    ({"reps": 1, "holdSeconds": 30, "timesPerDay": 2, "daysPerWeek": 7}, "once, hold 30 seconds, twice a day, every day"),
    ({"timesPerDay": 1, "daysPerWeek": 7}, "once a day, every day"),
    ({}, ""),
])
def test_a_dose_reads_as_words(dose, words):
    assert dose_in_words({k: dose.get(k) for k in DOSE_KEYS}) == words


def test_library_json_has_the_contract_shape_in_plain_text(client):
    response = client.get("/exercises/library.json")
    assert response.mimetype == "application/json"
    data = json.loads(response.data)
    assert list(data) == ["version", "acceptablePain", "exercises"]
    assert data["version"] == 1 and data["acceptablePain"] == ACCEPTABLE
    assert [e["id"] for e in data["exercises"]] == [e.id for e in EXERCISES]
    keys = ["id", "title", "order", "summary", "start", "steps", "feel", "stop", "dose", "image", "url"]
    for entry in data["exercises"]:
        assert list(entry) == keys
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["id"])
        assert entry["url"] == f"exercises/{entry['id']}/" and not entry["url"].startswith("/")
        assert isinstance(entry["order"], int) and entry["image"] is None
        assert list(entry["dose"]) == DOSE_KEYS
        assert all(v is None or (isinstance(v, int) and v > 0) for v in entry["dose"].values())
        texts = [entry[k] for k in ("title", "summary", "start", "feel", "stop")] + entry["steps"]
        assert entry["steps"] and all(isinstance(t, str) and t.strip() for t in texts)
        for text in texts:
            assert "<" not in text and "&" not in text and "{{" not in text and "  " not in text, text
    bridge = next(e for e in data["exercises"] if e["id"] == "bridge")
    assert bridge["dose"] == {"sets": None, "reps": 5, "holdSeconds": 5, "restSeconds": None, "timesPerDay": 3, "daysPerWeek": 7}
    assert bridge["steps"][0] == "Tighten your stomach muscles a little."
    assert f"as a general guide {ACCEPTABLE} out of 10" in bridge["stop"]
    assert "urgent signs need a doctor today, emergency signs need help now" in bridge["stop"]
    walking = next(e for e in data["exercises"] if e["id"] == "walking")
    assert walking["dose"]["reps"] is None


def test_library_json_follows_the_sites_pain_limit(site_copy):
    settings = site_copy / "site.toml"
    text = settings.read_text("utf-8")
    settings.write_text(re.sub(r"(?m)^acceptable = \d+", "acceptable = 3", text), "utf-8")
    client = create_app({"SITE_DIR": site_copy}).test_client()
    data = client.get("/exercises/library.json").get_json()
    assert data["acceptablePain"] == 3
    assert "as a general guide 3 out of 10" in data["exercises"][0]["stop"]


def test_the_build_writes_the_library_and_the_service_worker_stores_it_and_every_exercise_page(built_site):
    urls = {entry["url"] for entry in precache_entries(built_site)}
    assert "exercises/library.json" in urls and "exercises/" in urls
    assert {f"exercises/{e.id}/" for e in EXERCISES} <= urls
    data = json.loads((built_site / "exercises" / "library.json").read_text("utf-8"))
    assert len(data["exercises"]) == len(EXERCISES)


def test_a_site_without_an_exercises_folder_has_an_empty_library_that_says_so(site_copy):
    shutil.rmtree(site_copy / "exercises")
    client = create_app({"SITE_DIR": site_copy}).test_client()
    assert client.get("/exercises/library.json").get_json()["exercises"] == []
    assert "No exercises have been added yet." in client.get("/exercises/").text


def test_site_readme_documents_every_exercise_key_and_dose_part():
    from conftest import ROOT
    from ptguide.exercise_library import DOSE_FIELDS, OPTIONAL, REQUIRED

    readme = (ROOT / "site" / "README.md").read_text("utf-8")
    section = readme.split("## Exercises: `exercises/*.md`", 1)[1].split("\n## Sources", 1)[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", section, re.MULTILINE))
    assert {*REQUIRED, *OPTIONAL, *DOSE_FIELDS} == documented
