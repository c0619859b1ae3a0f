"""The static build: the expected files, every link resolving, nothing absolute or from another origin."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import FIXED_DATE
from ptguide import create_app
from ptguide.brand import ICONS
from ptguide.freezing import freeze_site, page_urls

EXPECTED_PAGES = {
    "index.html",
    "404.html",
    "about/index.html",
    "faq/index.html",
    "pain-check/index.html",
    "next-session/index.html",
    "diary/index.html",
    "programme/index.html",
    "session/index.html",
    *(f"faq/{q.slug}/index.html" for q in create_app().extensions["ptguide"]["content"].questions),
    "exercises/index.html",
    *(f"exercises/{exercise_id}/index.html" for exercise_id in create_app().extensions["ptguide"]["exercises"]),
}


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def html_pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def references(page: Path) -> list[str]:
    """Every URL a page points at: links, scripts, styles, images, manifest."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    found = [tag.get(attr) for tag in soup.find_all(True) for attr in ("href", "src") if tag.get(attr)]
    return [url for url in found if not url.startswith(("mailto:", "tel:"))]


def test_the_build_holds_exactly_the_pages_bundles_and_nojekyll(built_site):
    files = files_in(built_site)
    assert {f for f in files if f.endswith(".html")} == EXPECTED_PAGES
    bundles = {f for f in files if f.startswith("static/gen/")}
    assert {Path(f).suffix for f in bundles} == {".css", ".js"}
    assert {f for f in files if f.startswith("static/icons/")} == {f"static/icons/{name}" for name in ICONS}
    assert all(re.fullmatch(r"static/gen/[a-z][a-z-]*\.[0-9a-f]{8}\.(css|js)", f) for f in bundles), bundles
    assert ".nojekyll" in files


def test_every_url_ends_in_a_slash_or_names_a_file_type_so_no_file_is_served_as_octet_stream(app):
    for url in page_urls(app):
        assert url.endswith("/") or re.search(r"\.(html|webmanifest|xml|txt|json|png|webp)$", url), url


def test_every_internal_link_and_asset_resolves_to_a_file_in_the_build(built_site):
    files = files_in(built_site)
    missing = []
    for page in html_pages(built_site):
        page_url = "http://site.test/" + page.relative_to(built_site).as_posix()
        for ref in references(page):
            target = urlsplit(urljoin(page_url, ref))
            if target.netloc != "site.test":
                continue
            path = target.path.lstrip("/")
            if path == "" or path.endswith("/"):
                path += "index.html"
            if path not in files:
                missing.append(f"{page.relative_to(built_site)} -> {ref}")
    assert not missing


def test_no_page_stylesheet_or_script_holds_a_root_absolute_url(built_site):
    offenders = []
    for page in html_pages(built_site):
        offenders += [f"{page.name}: {ref}" for ref in references(page) if ref.startswith("/")]
    for asset in [*built_site.rglob("*.css"), *built_site.rglob("*.js")]:
        text = asset.read_text("utf-8")
        offenders += [f"{asset.name}: {m}" for m in re.findall(r"url\(\s*['\"]?/[^)]*\)", text)]
        offenders += [f"{asset.name}: {m}" for m in re.findall(r"""(?:fetch|import|register)\(\s*['"]/[^'"]*""", text)]
    assert not offenders


def test_nothing_is_loaded_from_another_origin(built_site):
    offenders = []
    for page in html_pages(built_site):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], img[src], iframe, source[src], video, audio"):
            url = tag.get("src") or tag.get("href") or ""
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            if urlsplit(url).scheme not in ("", "data") or url.startswith("//"):  # data: is inline, no request
                offenders.append(f"{page.relative_to(built_site)}: {url}")
        csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for asset in [*built_site.rglob("*.css"), *built_site.rglob("*.js")]:
        offenders += re.findall(r"https?://[^\s'\")]+", asset.read_text("utf-8"))
    assert not offenders


def test_the_not_found_page_stands_alone_at_any_depth(built_site):
    refs = references(built_site / "404.html")
    assert all(not ref.startswith(("static/", "../")) for ref in refs), refs
    soup = BeautifulSoup((built_site / "404.html").read_text("utf-8"), "html.parser")
    assert not soup.select('link[rel="stylesheet"], script[src]')


def test_freezing_twice_gives_the_same_bytes(built_site, tmp_path):
    again = tmp_path / "again"
    freeze_site(create_app({"BUILD_DATE": FIXED_DATE}), again)
    assert files_in(again) == files_in(built_site)
    for name in files_in(built_site):
        assert (again / name).read_bytes() == (built_site / name).read_bytes(), name


def test_stale_bundles_and_source_files_never_reach_the_build(tmp_path):
    app = create_app({"BUILD_DATE": FIXED_DATE})
    stale = Path(app.static_folder) / "gen" / "app.deadbeef.css"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("body{}")
    freeze_site(app, tmp_path / "out")
    files = files_in(tmp_path / "out")
    assert "static/gen/app.deadbeef.css" not in files
    assert not stale.exists(), "old generated bundles are cleaned before a build"
    assert not any(f.startswith(("static/css/", "static/js/")) for f in files)


@pytest.mark.parametrize("page", sorted(EXPECTED_PAGES - {"404.html"}))
def test_every_page_carries_the_disclaimer_the_emergency_wording_and_who_reviewed_it(built_site, page):
    soup = BeautifulSoup((built_site / page).read_text("utf-8"), "html.parser")
    footer = soup.select_one("footer").get_text(" ", strip=True)
    assert "not a diagnosis" in footer
    emergency = create_app().extensions["ptguide"]["settings"]["safety.emergency"]
    assert f"In an emergency, {emergency}" in footer
    assert "Not yet reviewed by a clinician." in footer  # the default site names no reviewer (M8)
    assert soup.select_one('footer a[href$="#sources"]')


def test_the_build_reports_what_it_wrote(app, tmp_path):
    report = freeze_site(app, tmp_path / "out")
    assert report.pages == len(page_urls(app))
    assert report.files == len(files_in(tmp_path / "out"))
    assert "Built" in report.summary() and "KiB" in report.summary()
