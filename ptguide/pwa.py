"""What makes the site an installable app: the web app manifest (the service worker is written by the freezer)."""

from __future__ import annotations

import json
import mimetypes

from flask import Blueprint, Flask, Response, current_app, url_for

from .urls import relative_to

bp = Blueprint("pwa", __name__)

# Python's table does not know this type; Frozen-Flask checks the MIME type against the file name.
mimetypes.add_type("application/manifest+json", ".webmanifest")

ICONS = (
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-maskable-512.png", "512x512", "maskable"),
)
# Shown by the richer install dialog only; made from the real pages by scripts/make_manifest_screenshots.py.
SCREENSHOTS = (
    ("screenshots/narrow.jpg", "360x740", "narrow", "The short answer on a phone"),
    ("screenshots/wide.jpg", "1280x800", "wide", "The questions and answers on a wide screen"),
)


def _static(filename: str) -> str:
    """A static file's URL relative to the manifest, which sits at the app's root."""
    return relative_to(url_for("static", filename=filename), url_for("pwa.show_manifest"))


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
        "icons": [{"src": _static(f), "sizes": s, "type": "image/png", "purpose": p} for f, s, p in ICONS],
        "screenshots": [
            {"src": _static(f), "sizes": s, "type": "image/jpeg", "form_factor": ff, "label": label}
            for f, s, ff, label in SCREENSHOTS
        ],
    }
    return Response(json.dumps(manifest, indent=1, ensure_ascii=False), mimetype="application/manifest+json")


def public_files() -> list[str]:
    """Static files the app needs published as they are."""
    return [f for f, *_ in ICONS] + ["icons/apple-touch-icon.png", "icons/favicon-32.png"] + [f for f, *_ in SCREENSHOTS]


def pages(_app: Flask) -> list[tuple[str, dict]]:
    return [("pwa.show_manifest", {})]
