"""Take screenshots of the built site at phone and desktop widths, light and dark: python scripts/screenshots.py [PAGE ...]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", nargs="*", default=[""], help="paths inside the site, e.g. faq/ (default: home)")
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--full", action="store_true", help="capture the whole page, not only the first screen")
    parser.add_argument("--schemes", default="light,dark")
    parser.add_argument("--sizes", default="phone,desktop")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve_in_thread(args.build, "/pt-guide/")
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_options())
        for size in args.sizes.split(","):
            for scheme in args.schemes.split(","):
                context = browser.new_context(viewport=SIZES[size], color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                for path in args.pages:
                    page.goto(base + path)
                    name = (path.strip("/").replace("/", "-") or "home") + f"-{size}-{scheme}.png"
                    page.screenshot(path=str(args.out / name), full_page=args.full)
                    print(args.out / name)
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
