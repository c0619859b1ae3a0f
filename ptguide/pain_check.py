"""The pain check and the next-session checklist: both pages, built from site/checklists/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, current_app, render_template
from flask.blueprints import BlueprintSetupState

from .checklists import load_next_session, load_pain_check, render_checklist
from .urls import relative_url_for

bp = Blueprint("pain_check", __name__)

# What the page script needs from each part of the pain check. The rest is only in the HTML:
# the script reads an item's text from its label, so "Why:" repeats what the patient ticked.
SCRIPT_KEYS = {
    "outcomes": ("level", "heading", "body", "faq"),
    "groups": ("id", "question", "type", "step"),
    "items": ("id", "group", "level", "applies"),
}


@bp.record_once
def load_checklists(state: BlueprintSetupState) -> None:
    """Load and check both checklists when the app is created; a mistake raises ContentError."""
    shared = state.app.extensions["ptguide"]
    settings = shared["settings"]
    folder = Path(state.app.config["SITE_DIR"]) / "checklists"
    values = {
        "emergency": settings["safety.emergency"],
        "urgent_care": settings["safety.urgent_care"],
        "acceptable_pain": settings["pain.acceptable"],
    }
    slugs = {question.slug for question in shared["content"].questions}
    shared["checklists"] = {
        "pain_check": render_checklist(load_pain_check(folder / "pain-check.toml", slugs), values),
        "next_session": render_checklist(load_next_session(folder / "next-session.toml"), values),
    }


def _checklist(name: str) -> dict:
    return current_app.extensions["ptguide"]["checklists"][name]


def script_data(checklist: dict, acceptable_pain: int) -> dict[str, Any]:
    """The pain check as the page script reads it: rules data, threshold and FAQ links, no empty keys."""
    data: dict[str, Any] = {
        part: [{key: row[key] for key in keys if row.get(key)} for row in checklist[part]]
        for part, keys in SCRIPT_KEYS.items()
    }
    content = current_app.extensions["ptguide"]["content"]
    data["faq"] = {
        slug: {"url": relative_url_for("faq.show_question", slug=slug), "title": content.question(slug).title}
        for slug in sorted({outcome["faq"] for outcome in checklist["outcomes"]})
    }
    data["acceptablePain"] = acceptable_pain
    data["freshHours"] = checklist["fresh_hours"]
    return data


def steps(groups: list[dict]) -> list[list[dict]]:
    """The groups as the page's steps, in order: neighbours with the same `step` share one screen."""
    grouped: list[list[dict]] = []
    for group in groups:
        if grouped and grouped[-1][0]["step"] == group["step"]:
            grouped[-1].append(group)
        else:
            grouped.append([group])
    return grouped


def call_numbers(checklist: dict, settings: dict) -> dict[str, str]:
    """The number each warning group's no-JavaScript rule offers to call, by its highest level."""
    numbers = {"emergency": settings["safety.emergency_number"], "urgent": settings["safety.urgent_number"]}
    calls = {}
    for group in checklist["groups"]:
        levels = {item["level"] for item in checklist["items"] if item["group"] == group["id"]}
        level = "emergency" if "emergency" in levels else "urgent" if "urgent" in levels else ""
        if group["question"] == "warning" and numbers.get(level):
            calls[group["id"]] = numbers[level]
    return calls


@bp.route("/pain-check/")
def show_pain_check() -> str:
    """Show the pain check: every question and rule as a form, the outcome added by the script."""
    checklist = _checklist("pain_check")
    settings = current_app.extensions["ptguide"]["settings"]
    first_of_question: dict[str, str] = {}
    for group in checklist["groups"]:
        first_of_question.setdefault(group["question"], group["id"])
    return render_template(
        "pain_check.html",
        checklist=checklist,
        data=script_data(checklist, settings["pain.acceptable"]),
        items_by_group=_items_by_group(checklist),
        steps=steps(checklist["groups"]),
        first_of_question=first_of_question,
        calls=call_numbers(checklist, settings),
    )


@bp.route("/next-session/")
def show_next_session() -> str:
    """Show what to tell and ask the therapist, with a note field, to tick, keep and print."""
    checklist = _checklist("next_session")
    return render_template("next_session.html", checklist=checklist, items_by_group=_items_by_group(checklist))


def _items_by_group(checklist: dict) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {group["id"]: [] for group in checklist["groups"]}
    for item in checklist["items"]:
        grouped[item["group"]].append(item)
    return grouped


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("pain_check.show_pain_check", {}), ("pain_check.show_next_session", {})]
