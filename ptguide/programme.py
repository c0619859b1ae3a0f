"""My programme: the patient's exercises, kept on the phone by the page's script (static/js/programme.js)."""

from __future__ import annotations

from flask import Blueprint, Flask, render_template

bp = Blueprint("programme", __name__)


@bp.route("/programme/")
def show_programme() -> str:
    """Show the programme page: the script draws the list and the forms; without it, what it needs."""
    return render_template("programme.html")


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("programme.show_programme", {})]
