"""Home, about, and the page for addresses that are not in the app."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template

from .content import grouped_questions
from .hosting import shared_host

bp = Blueprint("home", __name__)


@bp.route("/")
def show_home() -> str:
    """Show the short answer and the way into every part of the guide."""
    return render_template("home.html", groups=grouped_questions(current_app.extensions["ptguide"]["content"].questions))


@bp.route("/about/")
def show_about() -> str:
    """Show sources, disclaimer, privacy and version."""
    shared = current_app.extensions["ptguide"]["settings"]["base_url"]
    return render_template("about.html", sources=current_app.extensions["ptguide"]["content"].sources,
                           shared_host=shared_host(shared))


@bp.route("/404.html")
def show_not_found() -> str:
    """Render the not-found page as a file; GitHub Pages serves it for any missing address."""
    return render_template("404.html")


@bp.app_errorhandler(404)
def handle_not_found(_error) -> tuple[str, int]:
    """Answer a missing address on the dev server the way GitHub Pages will."""
    return render_template("404.html"), 404


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("home.show_home", {}), ("home.show_about", {}), ("home.show_not_found", {})]
