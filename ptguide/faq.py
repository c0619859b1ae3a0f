"""The questions and answers: a list, and a page per question."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, current_app, render_template

from .search_index import index_json

bp = Blueprint("faq", __name__, url_prefix="/faq")


def _content():
    return current_app.extensions["ptguide"]["content"]


@bp.route("/")
def list_questions() -> str:
    """List every question with its one-line summary."""
    return render_template("faq_index.html", questions=_content().questions)


@bp.route("/search-index.json")
def search_index() -> Response:
    """The filter's index: every answer's words and the synonym list, one small file the service worker stores."""
    extension = current_app.extensions["ptguide"]
    return Response(index_json(extension["content"].questions, extension["synonyms"]), mimetype="application/json")


@bp.route("/<slug>/")
def show_question(slug: str) -> str:
    """Show one answer with its sources and the questions either side of it."""
    content = _content()
    questions = content.questions
    if slug not in content.positions:
        abort(404)
    index = content.positions[slug]
    question = questions[index]
    return render_template(
        "faq_question.html",
        question=question,
        previous=questions[index - 1] if index > 0 else None,
        next=questions[index + 1] if index + 1 < len(questions) else None,
    )


def pages(app: Flask) -> list[tuple[str, dict]]:
    questions = app.extensions["ptguide"]["content"].questions
    return [("faq.list_questions", {}), ("faq.search_index", {}), *(("faq.show_question", {"slug": q.slug}) for q in questions)]
