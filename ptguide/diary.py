"""The pain diary: one page whose script keeps the entries on the patient's phone."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, render_template

from .urls import relative_url_for

bp = Blueprint("diary", __name__)

# Columns of the printable blank log shown when JavaScript is unavailable.
BLANK_LOG_COLUMNS = ("Date and time", "Pain before", "Pain during", "Pain after", "Pain next morning",
                     "Where it reaches", "Exercises and notes")
BLANK_LOG_ROWS = 10
# The general limit this guide uses (CONTENT.md C1); any other value in site.toml is the clinic's own (A7).
GUIDE_ACCEPTABLE_PAIN = 5


def script_data(shared: dict[str, Any]) -> dict[str, Any]:
    """What the page script needs: the pain limit and whose it is, the pain check's outcome headings, and
    the warning signs' address for the observation that points there (S5)."""
    pain_check = shared.get("checklists", {}).get("pain_check", {})
    return {
        "acceptablePain": shared["settings"]["pain.acceptable"],
        "limitFromClinic": shared["settings"]["pain.acceptable"] != GUIDE_ACCEPTABLE_PAIN,
        "warningSigns": relative_url_for("faq.show_question", slug="warning-signs"),
        "checks": {outcome["level"]: outcome["heading"] for outcome in pain_check.get("outcomes", [])},
        "warnings": warning_words(pain_check, shared["settings"]),
    }


def warning_words(pain_check: dict[str, Any], settings: dict[str, Any]) -> dict[str, str]:
    """What the diary's first observation says after a saved Emergency or Urgent pain check (B2): that outcome's
    own heading, then what to do in the site's emergency and urgent-care wording (and its numbers, when set),
    in the pain check's own sentences, so no second copy of the advice can drift."""
    headings = {outcome["level"]: outcome["heading"] for outcome in pain_check.get("outcomes", [])}
    numbers = {level: settings[f"safety.{level}_number"] for level in ("emergency", "urgent")}
    emergency = f"do not wait: {settings['safety.emergency']}." + (f" Call {numbers['emergency']}." if numbers["emergency"] else "")
    urgent = f"{settings['safety.urgent_care']}." + (f" Call {numbers['urgent']}." if numbers["urgent"] else "")
    actions = {"emergency": emergency, "urgent": f"{urgent} If you get any emergency sign, {emergency}"}
    return {level: f"It said: {headings[level]}. If you have not had help yet, {actions[level]} Tell your therapist too."
            for level in actions if level in headings}


@bp.route("/diary/")
def show_diary() -> str:
    """Show the diary: the script adds the form, chart and history; without it, a blank log to print."""
    return render_template("diary.html", data=script_data(current_app.extensions["ptguide"]),
                           columns=BLANK_LOG_COLUMNS, rows=BLANK_LOG_ROWS)


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("diary.show_diary", {})]
