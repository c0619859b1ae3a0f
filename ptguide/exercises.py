"""The exercise library: a list, a page per exercise, its pictures and exercises/library.json."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, render_template
from flask.blueprints import BlueprintSetupState

from .exercise_library import dose_in_words, library_data, load_exercises

bp = Blueprint("exercises", __name__, url_prefix="/exercises")


@bp.record_once
def load_library(state: BlueprintSetupState) -> None:
    """Load and check the library when the app is created; a mistake raises ContentError."""
    shared = state.app.extensions["ptguide"]
    content = shared["content"]
    exercises = load_exercises(Path(state.app.config["SITE_DIR"]), shared["settings"], content.sources,
                               {q.slug for q in content.questions})
    shared["exercises"] = {e.id: e for e in exercises}
    # An exercise's page and the pictures' address exist only when there are some: the freezer insists every
    # address is written.
    if exercises:
        state.add_url_rule("/<exercise_id>/", "show_exercise", show_exercise)
    if any(e.image for e in exercises):
        state.add_url_rule("/images/<name>", "show_image", show_image)


def _exercises() -> dict:
    return current_app.extensions["ptguide"]["exercises"]


@bp.app_template_filter("dose_in_words")
def _dose_in_words(dose: dict) -> str:
    return dose_in_words(dose)


@bp.route("/")
def list_exercises() -> str:
    """Every exercise with its summary and its default dose in words."""
    return render_template("exercise_index.html", exercises=list(_exercises().values()))


def show_exercise(exercise_id: str) -> str:
    """One exercise: start position, numbered steps, the dose, what to feel, when to stop, sources."""
    exercises = _exercises()
    if exercise_id not in exercises:
        abort(404)
    order = list(exercises)
    index = order.index(exercise_id)
    return render_template(
        "exercise.html", exercise=exercises[exercise_id],
        previous=exercises[order[index - 1]] if index > 0 else None,
        next=exercises[order[index + 1]] if index + 1 < len(order) else None,
    )


@bp.route("/library.json")
def library_json() -> Response:
    """The library as plain text for My programme and the guided session (its shape: docs/architecture.md)."""
    data = library_data(list(_exercises().values()), current_app.extensions["ptguide"]["settings"]["pain.acceptable"])
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), mimetype="application/json")


def show_image(name: str) -> Response:
    """A clinic's picture as the build resized and compressed it."""
    for exercise in _exercises().values():
        if exercise.image and exercise.image.name == name:
            return Response(exercise.image.data, mimetype="image/webp")
    abort(404)


def pages(app: Flask) -> list[tuple[str, dict]]:
    # The list and library.json exist even with no exercises, so the menu's link and the programme's fetch still work.
    exercises = app.extensions["ptguide"]["exercises"].values()
    return [("exercises.list_exercises", {}), ("exercises.library_json", {}),
            *(("exercises.show_exercise", {"exercise_id": e.id}) for e in exercises),
            *(("exercises.show_image", {"name": e.image.name}) for e in exercises if e.image)]
