"""sitemap.xml, robots.txt and canonical links: only when the site knows its public address (base_url).

Every other URL in the build is relative. These three must be absolute, and a wrong absolute URL is
worse than none, so without base_url the build writes none of them.
"""

from __future__ import annotations

import mimetypes
from typing import Any
from xml.sax.saxutils import escape

from flask import Blueprint, Flask, Response, current_app, request, url_for
from flask.blueprints import BlueprintSetupState

bp = Blueprint("seo", __name__)


def base_url() -> str:
    """The site's public address from the settings, ending in "/", or "" when it is not set."""
    return current_app.extensions["ptguide"]["settings"]["base_url"]


def absolute(path: str) -> str:
    """The public address of a root-relative path such as "/faq/x/"."""
    return base_url() + path.lstrip("/")


def _file_response(body: str, filename: str) -> Response:
    # Frozen-Flask warns when a response's type differs from what the file name suggests on this machine.
    return Response(body, mimetype=mimetypes.guess_type(filename)[0])


def show_sitemap() -> Response:
    """List the public address of every page for search engines."""
    from . import site_pages  # the page list is assembled from every blueprint, this one included

    # Readable pages are folders ("/faq/x/"); 404.html, the manifest and these files are not pages to list.
    paths = [url_for(endpoint, **values) for endpoint, values in site_pages(current_app)]
    urls = [absolute(path) for path in paths if path.endswith("/")]
    body = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return _file_response('<?xml version="1.0" encoding="UTF-8"?>\n'
                          f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n', "sitemap.xml")


def show_robots() -> Response:
    """Allow every crawler and point it at the sitemap."""
    return _file_response(f"User-agent: *\nAllow: /\n\nSitemap: {absolute('/sitemap.xml')}\n", "robots.txt")


@bp.record
def add_routes(state: BlueprintSetupState) -> None:
    """Give the app these two addresses only when base_url is set; otherwise they do not exist at all."""
    if state.app.extensions["ptguide"]["settings"]["base_url"]:
        state.add_url_rule("/sitemap.xml", view_func=show_sitemap)
        state.add_url_rule("/robots.txt", view_func=show_robots)


@bp.app_context_processor
def inject_canonical() -> dict[str, Any]:
    """Give every page its canonical address, or None without base_url."""
    return {"canonical_url": absolute(request.path) if base_url() and request else None}


def pages(app: Flask) -> list[tuple[str, dict]]:
    if not app.extensions["ptguide"]["settings"]["base_url"]:
        return []
    return [("seo.show_sitemap", {}), ("seo.show_robots", {})]
