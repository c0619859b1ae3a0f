"""What makes the site an installable app: the web app manifest (the service worker is written by the freezer)."""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, current_app, url_for

from .urls import relative_to

bp = Blueprint("pwa", __name__)

# Python's table does not know this type; Frozen-Flask checks the MIME type against the file name.
mimetypes.add_type("application/manifest+json", ".webmanifest")

# Made from the settings by ptguide/brand.py.
ICONS = (
    ("icon-192.png", "192x192", "any"),
    ("icon-512.png", "512x512", "any"),
    ("icon-maskable-512.png", "512x512", "maskable"),
)
# Shown by the richer install dialog only; made from the real pages by scripts/make_manifest_screenshots.py.
SCREENSHOTS = (
    ("screenshots/narrow.jpg", "360x740", "narrow", "The short answer on a phone"),
    ("screenshots/wide.jpg", "1280x800", "wide", "The questions and answers on a wide screen"),
)
# The settings the screenshots show, written beside them by the script that takes them.
SCREENSHOTS_BRAND = "screenshots/brand.json"
BRAND_KEYS = ("short_name", "colours.theme", "colours.accent", "clinic.name")


def screenshot_brand(settings: dict[str, Any]) -> dict[str, str]:
    """The settings a screenshot of the pages shows: the name in the bar, its colour, the links' colour, the clinic."""
    return {key: settings.get(key) or "" for key in BRAND_KEYS}


def screenshots_match(app: Flask) -> bool:
    """True when the committed screenshots show this site's brand; another clinic's pictures are left out."""
    recorded = Path(app.static_folder) / SCREENSHOTS_BRAND
    try:
        shown = json.loads(recorded.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return shown == screenshot_brand(app.extensions["ptguide"]["settings"])


def _static(filename: str) -> str:
    """A static file's URL relative to the manifest, which sits at the app's root."""
    return relative_to(url_for("static", filename=filename), url_for("pwa.show_manifest"))


def _icon(name: str) -> str:
    return relative_to(url_for("brand.show_icon", name=name), url_for("pwa.show_manifest"))


@bp.route("/manifest.webmanifest")
def show_manifest() -> Response:
    """Describe the app to the browser's install machinery; every URL is relative to this file."""
    settings = current_app.extensions["ptguide"]["settings"]
    manifest = {
        "id": "./",
        "name": settings["name"],
        "short_name": settings["short_name"],
        "description": settings["description"],
        "lang": settings["lang"],
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": settings["colours.theme"],
        "background_color": settings["colours.background"],
        "categories": ["health", "medical"],
        "icons": [{"src": _icon(f), "sizes": s, "type": "image/png", "purpose": p} for f, s, p in ICONS],
    }
    if screenshots_match(current_app):
        manifest["screenshots"] = [
            {"src": _static(f), "sizes": s, "type": "image/jpeg", "form_factor": ff, "label": label}
            for f, s, ff, label in SCREENSHOTS
        ]
    return Response(json.dumps(manifest, indent=1, ensure_ascii=False), mimetype="application/manifest+json")


def public_files(app: Flask) -> list[str]:
    """Static files the app needs published as they are: the install screenshots, when they show this brand."""
    return [f for f, *_ in SCREENSHOTS] if screenshots_match(app) else []


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("pwa.show_manifest", {})]
