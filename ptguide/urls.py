"""Relative URLs, so one build works at a domain root and under any subpath."""

from __future__ import annotations

import posixpath

from flask import request, url_for


def relative_to(target: str, current: str) -> str:
    """Turn the root-relative `target` into a URL relative to the page at `current`.

    Both are paths from the app's root ("/faq/x/"). Query and fragment are kept.
    """
    path, sep, rest = target.partition("#")
    path, qsep, query = path.partition("?")
    base_dir = current if current.endswith("/") else posixpath.dirname(current) + "/"
    relative = posixpath.relpath(path, base_dir)
    if path.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (qsep + query) + (sep + rest)


def relative_url_for(endpoint: str, **values) -> str:
    """url_for, but relative to the page being rendered (templates use this as url_for)."""
    return relative_to(url_for(endpoint, **values), request.path)


def relative(url: str) -> str:
    """Make an already built root-relative URL (such as a bundle's) relative to the current page."""
    return relative_to(url, request.path)


def root_path() -> str:
    """The relative path from the current page back to the app's root, e.g. "../../"."""
    return relative_to("/", request.path)
