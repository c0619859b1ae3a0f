"""A clinic's own brand from its settings: icons from its theme colour and logo (or initials), an accent colour for
links and buttons, install screenshots only of its own brand, and a word on shared github.io hosting."""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import FIXED_DATE, ROOT
from ptguide import create_app
from ptguide.brand import ICONS, SAFE_ZONE_RADIUS, initials
from ptguide.colours import contrast
from ptguide.errors import ContentError
from ptguide.freezing import freeze_site
from ptguide.hosting import shared_origin_notice
from ptguide.settings import check_contrast
from ptguide.static_server import serve_in_thread
from test_offline_browser import installability

EXAMPLE = ROOT / "examples" / "clinic"
THIRD_COLOUR = "#7a2e8e"


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def build(site: Path, out: Path) -> Path:
    return freeze_site(create_app({"SITE_DIR": site, "BUILD_DATE": FIXED_DATE}), out).destination


@pytest.fixture(scope="module")
def third_site(tmp_path_factory) -> Path:
    """The real site in a third colour, with no icon.png: its icons are the short name's initials."""
    site = tmp_path_factory.mktemp("third") / "site"
    shutil.copytree(ROOT / "site", site)
    (site / "icon.png").unlink()
    text = (site / "site.toml").read_text("utf-8")
    text = text.replace('short_name = "PT Guide"', 'short_name = "Back Care"').replace('theme = "#005eb8"',
                                                                                       f'theme = "{THIRD_COLOUR}"')
    (site / "site.toml").write_text(text, "utf-8")
    return site


@pytest.fixture(scope="module", params=["examples/clinic", "third colour"])
def branded(request, tmp_path_factory, third_site) -> tuple[Path, str]:
    """A build and its theme colour: the example clinic (its own logo) and a third colour (initials)."""
    site, theme = (EXAMPLE, "#00703c") if request.param == "examples/clinic" else (third_site, THIRD_COLOUR)
    return build(site, tmp_path_factory.mktemp("branded") / "build"), theme


def image(path: Path) -> Image.Image:
    with Image.open(path) as opened:
        assert opened.format == "PNG"
        return opened.convert("RGBA")


def test_every_icon_in_the_manifest_has_the_size_and_purpose_it_claims(branded):
    out, _theme = branded
    manifest = json.loads((out / "manifest.webmanifest").read_text("utf-8"))
    assert {(i["sizes"], i["purpose"]) for i in manifest["icons"]} == {("192x192", "any"), ("512x512", "any"),
                                                                         ("512x512", "maskable")}
    for icon in manifest["icons"]:
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert image(out / icon["src"]).size == (width, height), icon["src"]


def test_the_pages_link_the_apple_touch_icon_and_favicon_at_their_sizes(branded):
    out, _theme = branded
    head = BeautifulSoup((out / "faq" / "index.html").read_text("utf-8"), "html.parser").head
    apple = head.select_one('link[rel="apple-touch-icon"]')["href"]
    favicon = head.select_one('link[rel="icon"][sizes="32x32"]')["href"]
    assert image((out / "faq" / apple).resolve()).size == (180, 180)
    assert image((out / "faq" / favicon).resolve()).size == (32, 32)
    assert not head.select('link[href$=".svg"]')


def test_the_icons_are_drawn_on_the_theme_colour_and_opaque_where_the_phone_masks_them(branded):
    out, theme = branded
    for name in ("icon-maskable-512.png", "apple-touch-icon.png"):
        icon = image(out / "static" / "icons" / name)
        assert icon.getchannel("A").getextrema() == (255, 255), f"{name} has see-through pixels (iOS fills them black)"
        assert icon.getpixel((2, 2))[:3] == rgb(theme), name
    rounded = image(out / "static" / "icons" / "icon-512.png")
    assert rounded.getpixel((0, 0))[3] == 0 and rounded.getpixel((256, 40))[:3] == rgb(theme)


def test_the_maskable_icons_art_stays_inside_the_safe_zone(branded):
    out, theme = branded
    icon = image(out / "static" / "icons" / "icon-maskable-512.png").convert("RGB")
    background = rgb(theme)
    centre, limit = icon.width / 2, SAFE_ZONE_RADIUS * icon.width
    art = [(x, y) for y in range(icon.height) for x in range(icon.width)
           if max(abs(a - b) for a, b in zip(icon.getpixel((x, y)), background, strict=True)) > 24]
    assert len(art) > 0.03 * icon.width * icon.height, "the icon has art on it"
    farthest = max(math.hypot(x + 0.5 - centre, y + 0.5 - centre) for x, y in art)
    assert farthest <= limit, f"art reaches {farthest:.0f} px from the centre; the safe zone is {limit:.0f} px"


def test_the_initials_are_readable_on_the_theme_colour(third_site, tmp_path):
    assert initials("Back Care") == "BC" and initials("PT Guide") == "PT" and initials("Riverside") == "R"
    icon = image(build(third_site, tmp_path / "build") / "static" / "icons" / "icon-maskable-512.png").convert("RGB")
    colours = icon.getcolors(maxcolors=256)
    ink = max((c for c in colours if c[1] != rgb(THIRD_COLOUR)), key=lambda c: c[0])[1]
    assert contrast("#" + bytes(ink).hex(), THIRD_COLOUR) >= 4.5


def test_each_brand_gets_its_own_icons(branded, built_site):
    out, _theme = branded
    for name in ICONS:
        assert (out / "static" / "icons" / name).read_bytes() != (built_site / "static" / "icons" / name).read_bytes()


def test_chromium_finds_the_example_clinic_installable(playwright, tmp_path):
    out = build(EXAMPLE, tmp_path / "build")
    server, base = serve_in_thread(out, "/riverside/")
    manifest, errors = installability(playwright, tmp_path / "profile", base)
    server.shutdown()
    server.server_close()
    assert manifest["errors"] == []
    assert errors == []


# Install screenshots: only of this brand.

def test_the_default_site_offers_its_install_screenshots(built_site):
    manifest = json.loads((built_site / "manifest.webmanifest").read_text("utf-8"))
    assert {s["form_factor"] for s in manifest["screenshots"]} == {"narrow", "wide"}
    assert all((built_site / s["src"]).is_file() for s in manifest["screenshots"])


def test_a_site_with_another_brand_leaves_the_default_screenshots_out(branded):
    out, _theme = branded
    manifest = json.loads((out / "manifest.webmanifest").read_text("utf-8"))
    assert "screenshots" not in manifest
    assert not (out / "static" / "screenshots").exists()


# The accent colour.

def test_an_accent_too_light_for_links_stops_the_build_with_a_darker_suggestion(site_copy):
    text = (site_copy / "site.toml").read_text("utf-8")
    (site_copy / "site.toml").write_text(text.replace('background = "#ffffff"', 'background = "#ffffff"\naccent = "#7fb3e0"'),
                                         "utf-8")
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    (problem,) = caught.value.problems
    assert "'colours.accent' \"#7fb3e0\": links in it on" in problem.message and "4.5:1" in problem.message
    assert problem.line == text.count("\n", 0, text.index('background = "#ffffff"')) + 2
    suggested = problem.fix.split('"')[1]
    assert not check_contrast({"colours.accent": suggested, "colours.background": "#ffffff"})


def test_an_accent_that_is_not_a_colour_is_refused(site_copy):
    text = (site_copy / "site.toml").read_text("utf-8")
    (site_copy / "site.toml").write_text(text.replace('background = "#ffffff"', 'background = "#ffffff"\naccent = "teal"'),
                                         "utf-8")
    with pytest.raises(ContentError, match="'colours.accent' is not a colour"):
        create_app({"SITE_DIR": site_copy})


def test_the_accent_colours_links_and_buttons_in_light_mode_and_dark_mode_keeps_its_own(browser, tmp_path):
    out = build(EXAMPLE, tmp_path / "build")
    server, base = serve_in_thread(out, "/riverside/")
    seen = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, service_workers="block")
        page = context.new_page()
        page.goto(base)
        seen[scheme] = page.evaluate("""() => ({
            link: getComputedStyle(document.querySelector('main a:not(.app-button)')).color,
            button: getComputedStyle(document.querySelector('a.app-button')).backgroundColor,
            buttonText: getComputedStyle(document.querySelector('a.app-button')).color })""")
        context.close()
    server.shutdown()
    server.server_close()
    assert seen["light"] == {"link": "rgb(0, 95, 115)", "button": "rgb(0, 95, 115)", "buttonText": "rgb(255, 255, 255)"}
    assert seen["dark"]["link"] == "rgb(140, 200, 255)", "dark mode keeps its light links"
    assert seen["dark"]["button"] == "rgb(0, 127, 59)"


# Hosting on a shared github.io origin.

@pytest.mark.parametrize("base_url, notice", [
    ("https://clinic.github.io/pt-guide/", True),
    ("https://clinic.github.io/", True),
    ("https://guide.riverside-physio.example/", False),
])
def test_the_build_notices_a_github_io_address_in_one_line(base_url, notice):
    text = shared_origin_notice(base_url, {})
    assert bool(text) is notice
    if notice:
        assert "\n" not in text and "clinic.github.io" in text and "docs/deploying.md" in text
        assert "read, change or delete the patients' diaries and replace the guide's offline pages" in text


# Review 13, finding 1: base_url left empty is the default, and the usual way onto a shared github.io origin.
@pytest.mark.parametrize("environ, names", [
    ({}, "on a github.io address every GitHub Pages site of the same account"),
    ({"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY_OWNER": "Heronsgate"},
     "published on https://heronsgate.github.io/, which every GitHub Pages site of the account 'Heronsgate' shares"),
], ids=["on a computer", "in GitHub Actions"])
def test_the_build_notices_an_empty_base_url_in_one_line(environ, names):
    text = shared_origin_notice("", environ)
    assert text.startswith("Notice: base_url is empty") and "\n" not in text
    assert names in text and "can read, change or delete the patients' diaries" in text
    assert "docs/deploying.md, 'One account, one origin'" in text and "set base_url" in text


def test_freeze_with_an_empty_base_url_prints_one_notice(site_copy, tmp_path):
    result = subprocess.run([sys.executable, "freeze.py", "--site", str(site_copy), "--out", str(tmp_path / "build")],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY_OWNER": "heronsgate"})
    assert result.returncode == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if line.startswith("Notice:")]
    assert len(notices) == 1 and "https://heronsgate.github.io/" in notices[0]


def test_freeze_prints_the_notice_and_the_about_page_tells_patients(site_copy, tmp_path):
    text = (site_copy / "site.toml").read_text("utf-8")
    (site_copy / "site.toml").write_text(text.replace('base_url = ""', 'base_url = "https://clinic.github.io/pt-guide/"'),
                                         "utf-8")
    out = tmp_path / "build"
    result = subprocess.run([sys.executable, "freeze.py", "--site", str(site_copy), "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if line.startswith("Notice:")]
    assert len(notices) == 1 and "shares https://clinic.github.io/" in notices[0]
    about = BeautifulSoup((out / "about" / "index.html").read_text("utf-8"), "html.parser")
    assert ("Other pages put on clinic.github.io by the same GitHub account could read it, change it or delete it. "
            "They could also change what this guide shows, even its emergency advice.") in \
        about.select_one("#privacy-who").get_text()


def test_the_about_page_says_who_else_could_read_the_data_in_plain_words(built_site):
    import textstat

    about = BeautifulSoup((built_site / "about" / "index.html").read_text("utf-8"), "html.parser")
    text = about.select_one("#privacy-who").get_text(" ", strip=True)
    assert ("If that part ends in “github.io”, other pages put there by the same GitHub account could read it, "
            "change it or delete it. They could also change what this guide shows, even its emergency advice.") in text
    assert textstat.flesch_kincaid_grade(text) <= 8


def test_the_about_page_says_anyone_with_this_phone_can_read_the_diary_and_gives_an_address_example(built_site):
    """Physio review S6: the most likely other reader, in plain words; an example instead of "the first single /"."""
    import textstat

    about = BeautifulSoup((built_site / "about" / "index.html").read_text("utf-8"), "html.parser")
    phone = about.select_one("#privacy-phone").get_text(" ", strip=True)
    assert phone == "Anyone who can use this phone and this browser can open your diary. It has no password."
    who = " ".join(about.select_one("#privacy-who").get_text().split())
    assert "first single" not in who and "https://clinic.example.org/pt-guide/ that is https://clinic.example.org." in who
    assert textstat.flesch_kincaid_grade(phone) <= 8 and textstat.flesch_kincaid_grade(who) <= 8


@pytest.mark.parametrize("halves, padding", [
    (((200, 30, 30), (200, 30, 30)), (200, 30, 30)),  # one background colour at every corner: the padding takes it
    (((200, 30, 30), (30, 130, 30)), (0, 94, 184)),  # corners unlike each other: all of it is art, on the theme colour
], ids=["own background", "picture to the edges"])
def test_a_clinic_png_without_transparency_is_used_full_bleed_and_fitted_into_the_safe_zone(site_copy, tmp_path,
                                                                                             halves, padding):
    logo = Image.new("RGB", (800, 800), halves[0])
    logo.paste(halves[1], (400, 0, 800, 800))
    logo.paste((255, 255, 255), (100, 100, 700, 700))  # a white square reaching past the safe zone
    buffer = io.BytesIO()
    logo.save(buffer, "PNG")
    (site_copy / "icon.png").write_bytes(buffer.getvalue())
    out = build(site_copy, tmp_path / "build")
    assert image(out / "static" / "icons" / "icon-512.png").getpixel((128, 10))[:3] == halves[0], "full-bleed"
    masked = image(out / "static" / "icons" / "icon-maskable-512.png").convert("RGB")
    assert masked.getpixel((0, 0)) == padding
    art = [(x, y) for y in range(0, 512, 2) for x in range(0, 512, 2)
           if max(abs(a - b) for a, b in zip(masked.getpixel((x, y)), padding, strict=True)) > 24]
    assert art and max(math.hypot(x - 256, y - 256) for x, y in art) <= SAFE_ZONE_RADIUS * 512
