"""The guided session ("Today's exercises"): one page whose script runs the patient's programme."""

from __future__ import annotations

import re

from flask import Blueprint, Flask, current_app, render_template

from .pain_check import script_data

bp = Blueprint("session", __name__)

# The behaviour group's "builds up with each repeat" item (PAIN_CHECK_BUILDING_ITEM in lib/pain-check-rules.js).
BUILDING_ITEM = "behaviour-building"
# The exercise signs asked after each exercise (PAIN_CHECK_SESSION_SIGNS in lib/pain-check-rules.js; review P1).
SESSION_SIGNS = ("sharp-or-shooting", "spreads-down-leg")
# The card's last sentence assumes the warning signs were checked; the session and the next morning's card
# give a link to them instead (review P5).
WARNING_SENTENCE = re.compile(r"\s*If you get any warning sign[^.]*\.")


def without_warning_sentence(body: str) -> str:
    return WARNING_SENTENCE.sub("", body).strip()


def about_yesterday(text: str) -> str:
    """The card for the morning after: the answer is about all of yesterday's exercises, not one (review P10)."""
    return text.replace("stop it if it still hurts", "stop any that still hurt").replace("this exercise", "yesterday's exercises")


@bp.route("/session/")
def show_session() -> str:
    """The session page: its script reads the programme and the library; the pain rules come from the pain
    check's own data (the scale, the building item and the outcome cards), so the wording is never copied."""
    shared = current_app.extensions["ptguide"]
    acceptable = shared["settings"]["pain.acceptable"]
    checklist = shared["checklists"]["pain_check"]
    data = script_data(checklist, acceptable)
    # Only what one exercise's pain can select (the pain scale and the building item) and what it can lead to: the
    # same rows as the pain check's data, fewer of them.
    pain_groups = {group["id"] for group in checklist["groups"] if group["type"] == "scale"}
    used = {item["id"] for item in checklist["items"] if item["group"] in pain_groups or item["id"] == BUILDING_ITEM
            or item["id"] in SESSION_SIGNS}
    groups = {item["group"] for item in checklist["items"] if item["id"] in used}
    data["items"] = [item for item in data["items"] if item["id"] in used]
    data["groups"] = [group for group in data["groups"] if group["id"] in groups]
    data["outcomes"] = [{**outcome, "body": without_warning_sentence(outcome["body"])}
                        for outcome in data["outcomes"] if outcome["level"] == "tell-therapist"]
    data.pop("faq", None)
    data.pop("freshHours", None)
    # The reasons the advice card gives, in the pain check's own words.
    data["reasons"] = {item["id"]: item["text"] for item in checklist["items"] if item["id"] in used}
    signs = [{"id": item["id"], "text": item["text"]} for item in checklist["items"] if item["id"] in SESSION_SIGNS]
    return render_template("session.html", data=data, signs=signs)


@bp.app_context_processor
def session_morning() -> dict:
    """The next morning's advice for templates/_session_morning.html, in the pain check's own words: its
    tell-therapist card, and its item for pain still worse the next morning as the reason."""
    checklist = current_app.extensions["ptguide"].get("checklists", {}).get("pain_check")
    if not checklist:
        return {}
    card = next(outcome for outcome in checklist["outcomes"] if outcome["level"] == "tell-therapist")
    why = next((item["text"] for item in checklist["items"] if item["id"] == "worse-next-morning"), "")
    return {"session_morning": {"heading": about_yesterday(card["heading"]),
                               "body": about_yesterday(without_warning_sentence(card["body"])), "why": why}}


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("session.show_session", {})]
