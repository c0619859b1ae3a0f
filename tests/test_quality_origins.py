"""In a real browser with JavaScript on, no page asks anything of another origin: every request is intercepted and checked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from quality import built_pages, page_address

pytestmark = pytest.mark.browser


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_no_page_loads_anything_from_another_origin(browser, built_site, served_under_subpath):
    site = origin(served_under_subpath)
    foreign: list[str] = []
    seen = 0
    current = {"page": ""}

    def check(route):
        nonlocal seen
        seen += 1
        url = route.request.url
        if origin(url) != site:
            foreign.append(f"{current['page']}: {route.request.resource_type} {url}")
            route.abort()
        else:
            route.continue_()

    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route("**/*", check)
    # Requests that bypass routing (a service worker's own fetches, for one) are still reported here.
    context.on("request", lambda r: r.url.startswith("http") and origin(r.url) != site
               and foreign.append(f"{current['page']}: {r.resource_type} {r.url}"))
    page = context.new_page()
    missing = served_under_subpath + "faq/no-such-page/deeper/"  # the 404 page as GitHub Pages serves it
    for address in [served_under_subpath + page_address(p) for p in built_pages(built_site)] + [missing]:
        current["page"] = address.removeprefix(served_under_subpath) or "./"
        page.goto(address, wait_until="networkidle")
    context.close()
    assert seen > len(built_pages(built_site)), "the requests were not intercepted"
    assert not foreign, "requests to another origin:\n" + "\n".join(sorted(set(foreign)))
