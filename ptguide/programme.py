"""My programme: the patient's exercises, kept on the phone by the page's script (static/js/programme.js)."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template

from .urls import relative_url_for

bp = Blueprint("programme", __name__)

# The guided session's page (issue 15's session blueprint), which "Start today's exercises" opens.
SESSION_ENDPOINT = "session.show_session"


@bp.app_context_processor
def session_link() -> dict[str, str | None]:
    """The session page's address for the Start links of My programme and the home page; None in a build without it,
    so no page links to an address that is not there."""
    if SESSION_ENDPOINT not in current_app.view_functions:
        return {"session_url": None}
    return {"session_url": relative_url_for(SESSION_ENDPOINT)}


@bp.route("/programme/")
def show_programme() -> str:
    """Show the programme page: the script draws the list and the forms; without it, what it needs."""
    return render_template("programme.html")


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("programme.show_programme", {})]
