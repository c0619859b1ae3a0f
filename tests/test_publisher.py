"""A clinic makes the guide its own with data alone: examples/clinic builds through the same command as site/."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from ptguide import create_app
from ptguide.errors import ContentError
from ptguide.page_shell import long_date
from ptguide.settings import check_contrast, load_settings

EXAMPLE = ROOT / "examples" / "clinic"
EXAMPLE_BASE_URL = "https://guide.riverside-physio.example/"
REMOVED = "heat-cold-tens-ultrasound"
ADDED = "what-to-bring"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def freeze(out: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the build command a publisher runs; warnings (such as a wrong MIME type) fail it."""
    return subprocess.run([sys.executable, "-W", "error", "freeze.py", "--out", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clinic") / "build"
    result = freeze(out, "--site", "examples/clinic")
    assert result.returncode == 0, result.stderr
    return out


def html_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.html") if p.name != "404.html")


# The example site: its own name, colours, wording and language, with no code changed.

def test_the_example_site_shows_its_own_name_on_every_page(example_build):
    for page in html_pages(example_build):
        doc = soup(page)
        assert doc.select_one(".app-header__name").get_text(strip=True) == "Riverside", page
        assert doc.title.get_text().endswith("| Riverside"), page


def test_the_example_site_carries_its_theme_colour_in_the_inline_style(example_build):
    for page in html_pages(example_build):
        doc = soup(page)
        assert "--app-theme:#00703c" in doc.select_one("head style").get_text(), page
        assert doc.select_one('meta[name="theme-color"]')["content"] == "#00703c"


def test_the_example_site_gives_its_own_emergency_wording_and_language(example_build):
    for page in html_pages(example_build):
        doc = soup(page)
        assert doc.html["lang"] == "en-GB", page
        assert "In an emergency, call 999." in doc.select_one("footer").get_text(" ", strip=True), page
    warning = soup(example_build / "faq" / "warning-signs" / "index.html")
    assert warning.select_one(".admonition.emergency .admonition-title").get_text().startswith("Emergency: call 999 now")
    assert "ask your GP for an urgent appointment today" in warning.select_one(".admonition.urgent").get_text()
    assert soup(example_build / "404.html").html["lang"] == "en-GB"


def test_the_example_site_uses_its_own_pain_threshold_and_clinic(example_build):
    home = soup(example_build / "index.html").select_one("main").get_text(" ", strip=True)
    assert "4 out of 10" in home and "5 out of 10" not in home
    about = soup(example_build / "about" / "index.html").select_one("main").get_text(" ", strip=True)
    assert "Riverside Physiotherapy, phone 020 7946 0123" in about


def test_the_example_site_dates_follow_its_language(example_build):
    footer = soup(example_build / "index.html").select_one("footer").get_text(" ", strip=True)
    assert "Next review due 20 November 2027" in footer


def test_the_removed_question_is_gone_and_the_clinics_own_question_is_listed(example_build):
    assert not (example_build / "faq" / REMOVED).exists()
    assert (example_build / "faq" / ADDED / "index.html").is_file()
    links = [a["href"] for a in soup(example_build / "faq" / "index.html").select("main a[href]")]
    assert any(ADDED in href for href in links)
    assert not any(REMOVED in href for href in links)
    for page in html_pages(example_build):
        assert REMOVED not in page.read_text("utf-8"), page
    answer = soup(example_build / "faq" / ADDED / "index.html")
    assert "Riverside Physiotherapy is open" in answer.select_one(".app-prose").get_text()


def test_the_content_folder_can_also_be_chosen_with_ptguide_site(tmp_path, example_build):
    result = freeze(tmp_path / "build", env={"PTGUIDE_SITE": str(EXAMPLE)})
    assert result.returncode == 0, result.stderr
    assert soup(tmp_path / "build" / "index.html").select_one(".app-header__name").get_text(strip=True) == "Riverside"


def test_the_real_site_is_untouched_by_the_example(built_site):
    assert soup(built_site / "index.html").select_one(".app-header__name").get_text(strip=True) == "PT Guide"
    assert (built_site / "faq" / REMOVED / "index.html").is_file()
    assert not (built_site / "faq" / ADDED).exists()


# base_url: sitemap.xml, robots.txt and canonical links, or none of them.

def test_with_a_base_url_the_build_has_a_sitemap_of_every_page(example_build):
    urlset = ElementTree.parse(example_build / "sitemap.xml").getroot()
    assert urlset.tag == f"{{{SITEMAP_NS}}}urlset"
    locs = [loc.text for loc in urlset.iterfind(f"{{{SITEMAP_NS}}}url/{{{SITEMAP_NS}}}loc")]
    pages = {EXAMPLE_BASE_URL + p.relative_to(example_build).as_posix().removesuffix("index.html")
             for p in html_pages(example_build)}
    assert set(locs) == pages
    assert len(locs) == len(pages)


def test_with_a_base_url_robots_txt_points_at_the_sitemap(example_build):
    robots = (example_build / "robots.txt").read_text("utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {EXAMPLE_BASE_URL}sitemap.xml" in robots.splitlines()


def test_with_a_base_url_every_page_names_its_canonical_address(example_build):
    for page in html_pages(example_build):
        path = page.relative_to(example_build).as_posix().removesuffix("index.html")
        links = soup(page).select('head link[rel="canonical"]')
        assert [link["href"] for link in links] == [EXAMPLE_BASE_URL + path], page
    assert not soup(example_build / "404.html").select('link[rel="canonical"]')


def test_without_a_base_url_there_is_no_sitemap_robots_or_canonical(built_site):
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "robots.txt").exists()
    for page in built_site.rglob("*.html"):
        assert not soup(page).select('link[rel="canonical"]'), page


def test_without_a_base_url_the_dev_server_has_no_sitemap(client):
    assert client.get("/sitemap.xml").status_code == 404
    assert client.get("/robots.txt").status_code == 404


def test_a_base_url_under_a_project_path_keeps_that_path(site_copy):
    path = site_copy / "site.toml"
    path.write_text(path.read_text().replace('base_url = ""', 'base_url = "https://someone.github.io/pt-guide/"'))
    client = create_app({"SITE_DIR": site_copy}).test_client()
    page = BeautifulSoup(client.get("/faq/warning-signs/").text, "html.parser")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://someone.github.io/pt-guide/faq/warning-signs/"
    assert "<loc>https://someone.github.io/pt-guide/about/</loc>" in client.get("/sitemap.xml").text


# Colours: the build says which colour to change, and by how much it fails.

@pytest.mark.parametrize(("theme", "background", "key", "words"), [
    ("#2e8b57", "#ffffff", "colours.theme", ["'colours.theme' \"#2e8b57\"", "white menu text", "4.24:1", "needs at least 4.5:1"]),
    ("#e07000", "#ffffff", "colours.theme", ["dark menu text", "4.45:1"]),
    ("#005eb8", "#222222", "colours.background", ["'colours.background' \"#222222\"", "links", "4.5:1"]),
    ("#005eb8", "#6a8fb5", "colours.background", ["'colours.background' \"#6a8fb5\"", "is too dark"]),
])
def test_a_colour_that_fails_wcag_aa_is_named_with_its_ratio(site_copy, theme, background, key, words):
    path = site_copy / "site.toml"
    text = path.read_text().replace('theme = "#005eb8"', f'theme = "{theme}"').replace('background = "#ffffff"',
                                                                                       f'background = "{background}"')
    path.write_text(text)
    found = check_contrast({"colours.theme": theme, "colours.background": background})
    assert [k for k, *_ in found] == [key]
    with pytest.raises(ContentError) as caught:
        load_settings(path)
    (problem,) = caught.value.problems
    assert all(w in problem.message for w in words), problem.message
    assert ":1" in problem.message and problem.fix.startswith(f"change {key}")
    assert problem.line == next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(key.split(".")[1]))


def test_the_suggested_darker_theme_colour_really_passes(site_copy):
    (_, _, fix), = check_contrast({"colours.theme": "#2e8b57", "colours.background": "#ffffff"})
    suggestion = fix.split('"')[1]
    assert not check_contrast({"colours.theme": suggestion, "colours.background": "#ffffff"})


def test_the_checked_page_colours_match_the_stylesheet():
    from ptguide.settings import PAGE_COLOURS

    tokens = (ROOT / "static" / "css" / "tokens.css").read_text("utf-8")
    light = tokens.split("@media")[0]
    assert f"--app-text: {PAGE_COLOURS['the text']};" in light
    assert f"--app-link: {PAGE_COLOURS['links']};" in light
    assert f"--app-link-visited: {PAGE_COLOURS['visited links']};" in light


def test_the_example_colours_pass():
    assert not check_contrast(load_settings(EXAMPLE / "site.toml"))


# Dates in the site's language.

@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "4 March 2026"),
    ("en-GB", "4 March 2026"),
    ("en-US", "March 4, 2026"),
    ("de-AT", "4. März 2026"),
    ("fr", "4 mars 2026"),
    ("es", "4 de marzo de 2026"),
    ("pt-BR", "4 de março de 2026"),
    ("ja", "4 March 2026"),
])
def test_dates_are_written_for_the_sites_language_with_english_as_fallback(lang, expected):
    assert long_date(dt.date(2026, 3, 4), lang) == expected


# Preview on a phone.

def test_preview_on_the_local_network_prints_the_address_to_open_on_a_phone(built_site):
    command = [sys.executable, "-u", "-m", "ptguide.static_server", str(built_site), "--lan", "--port", "0"]
    lines = []
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as server:
        try:
            for line in server.stdout:
                lines.append(line)
                if "Ctrl+C" in line:
                    break
        finally:
            server.terminate()
            server.communicate(timeout=10)
    output = "".join(lines)
    assert "On a phone on the same Wi-Fi: http://" in output, output
    assert "/pt-guide/" in output and "HTTPS" in output
