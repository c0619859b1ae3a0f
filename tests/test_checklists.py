"""The checklists in site/checklists/ load, and every publisher mistake fails loud."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptguide.checklists import (
    LEVELS,
    PLACEHOLDER_DEFAULTS,
    load_next_session,
    load_pain_check,
    render_checklist,
    render_placeholders,
)
from ptguide.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site" / "checklists"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "checklists"
FAQ_SLUGS = {
    "is-pain-during-pt-normal",
    "pain-strain-or-hard-work",
    "how-much-pain-is-ok",
    "soreness-after-exercise",
    "pain-in-your-leg",
    "what-to-tell-your-therapist",
    "what-a-pt-plan-includes",
    "heat-cold-tens-ultrasound",
    "does-pt-work",
    "when-to-see-a-doctor",
    "warning-signs",
    "if-your-therapist-does-not-listen",
}
MINIMAL_PAIN_CHECK = FIXTURES / "pain-check-minimal.toml"


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """Line number of the n-th line of a fixture containing needle."""
    lines = path.read_bytes().decode("latin-1").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if needle in line]
    return found[occurrence - 1]


def load_pain_check_fixture(path: Path) -> dict:
    return load_pain_check(path, FAQ_SLUGS)


def write_variant(tmp_path: Path, old: str, new: str) -> Path:
    """Copy the minimal pain check with one change, for rules not worth a fixture each."""
    text = MINIMAL_PAIN_CHECK.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "pain-check.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_site_pain_check_loads_with_one_outcome_per_level_mildest_first():
    data = load_pain_check(SITE / "pain-check.toml", FAQ_SLUGS)
    assert [outcome["level"] for outcome in data["outcomes"]] == list(LEVELS)
    assert {item["level"] for item in data["items"]} == set(LEVELS)


def test_the_site_pain_check_has_the_groups_the_saved_answers_use():
    data = load_pain_check(SITE / "pain-check.toml", FAQ_SLUGS)
    kinds = {group["id"]: group["type"] for group in data["groups"]}
    assert kinds["pain"] == "scale"
    assert kinds["when"] == kinds["behaviour"] == "choice"


def test_every_site_warning_sign_is_urgent_or_emergency():
    data = load_pain_check(SITE / "pain-check.toml", FAQ_SLUGS)
    warning_groups = {g["id"] for g in data["groups"] if g["question"] == "warning"}
    levels = {i["level"] for i in data["items"] if i["group"] in warning_groups}
    assert levels == {"urgent", "emergency"}


def test_the_site_next_session_checklist_loads_with_tell_and_ask_groups():
    data = load_next_session(SITE / "next-session.toml")
    assert [group["id"] for group in data["groups"]] == ["tell", "ask"]
    assert data["note_label"]
    assert all(item["text"] for item in data["items"])


def test_loaded_checklists_fill_in_optional_keys_so_the_page_can_rely_on_them():
    data = load_pain_check(MINIMAL_PAIN_CHECK, FAQ_SLUGS)
    item = next(item for item in data["items"] if item["group"] == "pain")
    assert item["hint"] == "" and item["faq"] == ""
    assert all(group["step"] == group["id"] for group in data["groups"]), "each group its own step by default"
    assert data["fresh_hours"] == 12
    assert load_next_session(FIXTURES / "next-session-minimal.toml")["note_hint"] == ""


def test_the_minimal_fixtures_load_so_each_bad_variant_fails_for_one_reason():
    assert load_pain_check(MINIMAL_PAIN_CHECK, FAQ_SLUGS)["items"]
    assert load_next_session(FIXTURES / "next-session-minimal.toml")["items"]


@pytest.mark.parametrize(
    ("fixture", "load", "needle", "occurrence", "message"),
    [
        ("bad-toml.toml", load_next_session, "title = ", 1, "not valid TOML"),
        ("duplicate-id.toml", load_next_session, 'id = "which-exercises"', 2,
         'id "which-exercises" is used twice'),
        ("missing-text.toml", load_next_session, "[[items]]", 2,
         'item "how-long-it-lasted" has no text'),
        ("unknown-group.toml", load_next_session, 'group = "tel"', 1,
         'unknown group "tel"'),
        ("not-utf8.toml", load_next_session, "caf", 1, "not UTF-8"),
        ("pain-check-unknown-level.toml", load_pain_check_fixture, "critical", 1,
         'unknown level "critical"'),
        ("pain-check-unknown-faq.toml", load_pain_check_fixture, "warning-sign\"", 1,
         'unknown faq "warning-sign"'),
        ("pain-check-unknown-placeholder.toml", load_pain_check_fixture,
         "emergency_number", 1, "unknown placeholder {{emergency_number}}"),
    ],
)
def test_a_bad_file_raises_content_error_naming_the_file_line_and_mistake(
    fixture, load, needle, occurrence, message
):
    path = FIXTURES / fixture
    with pytest.raises(ContentError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert problem.path == path
    assert problem.line == line_of(path, needle, occurrence)
    assert message in problem.message
    assert problem.fix
    assert f"{path}:{problem.line}: " in str(caught.value)


def test_bad_toml_keeps_the_parser_message_with_its_line():
    with pytest.raises(ContentError, match=r"at line \d+"):
        load_next_session(FIXTURES / "bad-toml.toml")


def test_an_unknown_faq_slug_suggests_the_nearest_real_one():
    with pytest.raises(ContentError, match='Did you mean "warning-signs"'):
        load_pain_check(FIXTURES / "pain-check-unknown-faq.toml", FAQ_SLUGS)


def test_a_missing_file_is_a_content_error_naming_it(tmp_path):
    path = tmp_path / "pain-check.toml"
    with pytest.raises(ContentError, match="is missing") as caught:
        load_pain_check(path, FAQ_SLUGS)
    assert caught.value.problems[0].path == path


def test_a_file_saved_with_a_byte_order_mark_still_loads(tmp_path):
    path = tmp_path / "next-session.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "next-session-minimal.toml").read_bytes())
    assert load_next_session(path)["note_label"] == "Your own notes"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    path = write_variant(
        tmp_path,
        'level = "emergency"\ntext = "Chest pain"\nfaq = "warning-signs"',
        'level = "critical"\ntxet = "Chest pain"\nfaq = "nowhere"',
    )
    with pytest.raises(ContentError) as caught:
        load_pain_check(path, FAQ_SLUGS)
    messages = [problem.message for problem in caught.value.problems]
    assert len(messages) == 4, messages
    assert any('unknown key "txet"' in m for m in messages)
    assert any('has no text' in m for m in messages)
    assert any('unknown level "critical"' in m for m in messages)
    assert any('unknown faq "nowhere"' in m for m in messages)
    assert 'Did you mean "text"?' in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('level = "emergency"\ntext = "Chest pain"', 'level = "see-doctor"\ntext = "Chest pain"',
         'warning sign "chest-pain" has level "see-doctor"'),
        ('applies = "above-acceptable"\nlevel = "tell-therapist"',
         'applies = "above-acceptable"\nlevel = "see-doctor"',
         'pain score answer "pain-above-acceptable" has level "see-doctor"'),
        ('question = "warning"', 'question = "exercise"',
         'exercise answer "chest-pain" has level "emergency"'),
        ('body = "You can keep going."', 'body = "That is fine, keep going."',
         'says "fine"'),
        ('body = "Stop exercising and {{emergency}}."', 'body = "Call 111 now."',
         "shows 111"),
        ('heading = "Keep going"', 'heading = "Keep going {{acceptable_pain}"',
         "not closed"),
        ('id = "pain"\n', 'id = "score"\n', 'the pain scale group has id "score"'),
        ('applies = "up-to-acceptable"\n', "", "needs applies"),
        ('level = "see-doctor"\nheading', 'level = "keep-going"\nheading',
         'two outcomes have level "keep-going"'),
        ('id = "chest-pain"', 'id = "emergency-signs"', 'id "emergency-signs" is used twice'),
        ('id = "chest-pain"', 'id = "Chest pain"', 'id "Chest pain" is not a valid id'),
    ],
)
def test_the_safety_rules_of_the_pain_check_are_enforced_at_build_time(
    tmp_path, old, new, message
):
    path = write_variant(tmp_path, old, new)
    with pytest.raises(ContentError) as caught:
        load_pain_check(path, FAQ_SLUGS)
    assert any(message in problem.message for problem in caught.value.problems), str(
        caught.value
    )
    assert str(path) in str(caught.value)


def test_render_placeholders_fills_in_the_clinic_settings():
    text = "Above {{acceptable_pain}}: {{ urgent_care }}. Or {{emergency}}."
    values = {**PLACEHOLDER_DEFAULTS, "acceptable_pain": 3, "urgent_care": "call the clinic"}
    assert render_placeholders(text, values) == (
        f"Above 3: call the clinic. Or {PLACEHOLDER_DEFAULTS['emergency']}."
    )


def test_the_rendered_site_pain_check_has_no_placeholders_left_and_never_shows_111():
    data = load_pain_check(SITE / "pain-check.toml", FAQ_SLUGS)
    rendered = str(render_checklist(data, PLACEHOLDER_DEFAULTS))
    assert "{{" not in rendered and "}}" not in rendered
    assert " 111" not in rendered
    assert "911" in rendered and "999" in rendered and "112" in rendered


def test_rendering_leaves_the_loaded_data_unchanged():
    data = load_pain_check(SITE / "pain-check.toml", FAQ_SLUGS)
    render_checklist(data, PLACEHOLDER_DEFAULTS)
    pain = next(group for group in data["groups"] if group["id"] == "pain")
    assert "{{acceptable_pain}}" in pain["rule"]


def test_the_site_pain_check_asks_the_warning_signs_first_in_steps_without_the_split_ids():
    data = load_pain_check(SITE / "pain-check.toml", FAQ_SLUGS)
    questions = [group["question"] for group in data["groups"]]
    assert questions == sorted(questions, key=lambda q: q != "warning")
    ids = {item["id"] for item in data["items"]}
    assert not ids & {"when-next-morning", "bladder-or-bowel"}, "split into new ids: phones restart those checks"
    assert {"when-next-morning-usual", "worse-next-morning"} <= ids, "A6"
    assert "when-next-morning-worse" not in ids, "asked once: merged into worse-next-morning (schema 3 migration)"
    assert data["fresh_hours"] == 12


def _minimal_with(tmp_path, old: str, new: str) -> Path:
    path = tmp_path / "pain-check.toml"
    text = MINIMAL_PAIN_CHECK.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ('[[outcomes]]', 'fresh_hours = "12"\n\n[[outcomes]]', "fresh_hours is not a whole number of hours"),
    ('[[outcomes]]', 'fresh_hours = 0\n\n[[outcomes]]', "fresh_hours is not a whole number of hours"),
])
def test_a_bad_fresh_hours_is_refused(tmp_path, old, new, message):
    with pytest.raises(ContentError) as caught:
        load_pain_check(_minimal_with(tmp_path, old, new), FAQ_SLUGS)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems


def test_a_warning_group_after_the_exercise_questions_is_refused(tmp_path):
    text = MINIMAL_PAIN_CHECK.read_text("utf-8")
    start = text.index('[[groups]]\nid = "emergency-signs"')
    end = text.index("[[groups]]", start + 10)
    path = tmp_path / "pain-check.toml"
    path.write_text(text[:start] + text[end:] + "\n" + text[start:end], "utf-8")
    with pytest.raises(ContentError) as caught:
        load_pain_check(path, FAQ_SLUGS)
    assert any("comes after an exercise question" in p.message for p in caught.value.problems)
