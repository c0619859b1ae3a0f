"""Make the install dialog's screenshots from the real pages: python scripts/make_manifest_screenshots.py [--site DIR].

Builds the site into a temporary folder, photographs the home page (narrow) and the question
list (wide), and writes JPEGs to static/screenshots/ (committed), with brand.json: the settings they
show. A build whose settings differ (another clinic's name or colours) leaves them out of the
manifest rather than show another brand. Run it after a visible change, or for your own brand.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide import create_app  # noqa: E402
from ptguide.freezing import freeze_site  # noqa: E402
from ptguide.pwa import SCREENSHOTS, SCREENSHOTS_BRAND, screenshot_brand  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

PAGES = {"narrow": "", "wide": "faq/"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="content folder (default: site/)")
    args = parser.parse_args()
    if args.site:
        os.environ["PTGUIDE_SITE"] = str(args.site)
    out = ROOT / "static"
    for filename, *_ in SCREENSHOTS:
        (out / filename).parent.mkdir(parents=True, exist_ok=True)
        (out / filename).touch()  # the build lists them; real pictures replace these below
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app()
        (out / SCREENSHOTS_BRAND).write_text(json.dumps(screenshot_brand(app.extensions["ptguide"]["settings"])) + "\n", "utf-8")
        freeze_site(app, Path(tmp) / "build")
        server, base = serve_in_thread(Path(tmp) / "build", "/pt-guide/")
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_options())
            for filename, sizes, form_factor, _label in SCREENSHOTS:
                width, height = (int(n) for n in sizes.split("x"))
                page = browser.new_page(viewport={"width": width, "height": height}, color_scheme="light", service_workers="block")
                page.goto(base + PAGES[form_factor])
                page.screenshot(path=str(out / filename), type="jpeg", quality=70)
                page.close()
                print(f"{filename}: {(out / filename).stat().st_size} bytes")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
