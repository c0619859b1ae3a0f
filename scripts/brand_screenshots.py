"""Pictures of a site's brand: its icons as a home screen shows them, and its home page: python scripts/brand_screenshots.py.

Builds the site (default examples/clinic/), reads the icons the manifest names, and writes to
docs/screenshots/: <name>-icon-<label>.png (each icon, the maskable one cut to a circle as Android
does) and <name>-home-<label>.png (the home page at 360x740). Used for before/after pictures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PIL import Image, ImageDraw  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402


def icon_sheet(build: Path) -> Image.Image:
    """Every icon side by side at its own size on a grey 'home screen', the maskable one cut to a circle."""
    manifest = json.loads((build / "manifest.webmanifest").read_text("utf-8"))
    icons = [(i["purpose"], build / i["src"]) for i in manifest["icons"]]
    icons.append(("apple-touch", build / "static/icons/apple-touch-icon.png"))
    icons.append(("favicon", build / "static/icons/favicon-32.png"))
    images = [(purpose, Image.open(path).convert("RGBA")) for purpose, path in icons]
    gap = 24
    width = gap + sum(im.width + gap for _, im in images)
    height = gap * 2 + max(im.height for _, im in images)
    sheet = Image.new("RGBA", (width, height), "#5f6b73")
    x = gap
    for purpose, im in images:
        if purpose == "maskable":
            mask = Image.new("L", im.size, 0)
            ImageDraw.Draw(mask).ellipse((0, 0, im.width - 1, im.height - 1), fill=255)
            im.putalpha(mask)
        sheet.alpha_composite(im, (x, gap))
        x += im.width + gap
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "examples" / "clinic")
    parser.add_argument("--name", default="clinic")
    parser.add_argument("--label", default="after", help="before or after")
    args = parser.parse_args()
    out = ROOT / "docs" / "screenshots"
    import os

    os.environ["PTGUIDE_SITE"] = str(args.site)
    from ptguide import create_app
    from ptguide.freezing import freeze_site

    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "build"
        freeze_site(create_app(), build)
        icon_sheet(build).save(out / f"{args.name}-icon-{args.label}.png", optimize=True)
        server, base = serve_in_thread(build, "/pt-guide/")
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_options())
            page = browser.new_page(viewport={"width": 360, "height": 740}, color_scheme="light", service_workers="block")
            page.goto(base)
            page.screenshot(path=str(out / f"{args.name}-home-{args.label}.png"))
            browser.close()
        server.shutdown()
    print(out / f"{args.name}-icon-{args.label}.png", out / f"{args.name}-home-{args.label}.png")


if __name__ == "__main__":
    main()
