"""The service worker's precache list, made from the files actually in the build, and sw.js itself."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import rjsmin
from flask import Flask, render_template

SERVICE_WORKER = "sw.js"
# Files the app never needs offline: the worker itself, a marker for GitHub Pages, and the
# screenshots that only the browser's install dialog shows (it is online by definition).
NOT_PRECACHED = {SERVICE_WORKER, ".nojekyll"}
NOT_PRECACHED_FOLDERS = ("static/screenshots/",)


def _url_for_file(relative: str) -> str:
    """The URL form the site's own links use: folders end in "/" (faq/x/index.html -> faq/x/; index.html -> ./)."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def precache_entries(folder: Path) -> list[dict[str, str]]:
    """Every file the app needs offline, with a content revision, sorted for a stable sw.js."""
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative in NOT_PRECACHED or relative.startswith(NOT_PRECACHED_FOLDERS):
            continue
        # 40 bits tell one version of a file from the next; every visitor stores this list (0.2 KiB less than 64 bits).
        revision = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        entries.append({"url": _url_for_file(relative), "revision": revision})
    return entries


def build_version(entries: list[dict[str, str]]) -> str:
    """One hash over every entry: any change to any file gives a new version, and so a new sw.js."""
    return hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()[:16]


def write_service_worker(app: Flask, folder: Path) -> list[dict[str, str]]:
    """Write sw.js into a finished build; return its precache list."""
    entries = precache_entries(folder)
    with app.test_request_context("/sw.js"):
        script = render_template("sw.js", version=build_version(entries), entries=entries)
    # Minified like the bundles: it is part of the app shell every visitor stores (about 0.5 KiB gzipped less).
    (folder / SERVICE_WORKER).write_text(rjsmin.jsmin(script), "utf-8")
    return entries
