"""Screenshots of the page shell (header, status area, 404) at 360x740, 100% and 200% text, and the header's height.

python scripts/shell_screenshots.py --prefix shell-after   (build first: python freeze.py)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

PAGES = {"home": "", "pain-check": "pain-check/", "diary": "diary/", "404": "faq/no-such/page/"}


def header_heights(browser, base: str) -> None:
    """The header's height at the widths and text sizes the issue names."""
    for width, text in ((320, "100%"), (360, "100%"), (320, "200%"), (360, "200%")):
        page = browser.new_page(viewport={"width": width, "height": 740})
        page.goto(base)
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        height = page.locator(".app-header").evaluate("e => e.getBoundingClientRect().height")
        print(f"header at {width} px, {text} text: {height:.0f} px ({height / 740:.0%} of a 740 px screen)")
        page.close()


def extras(context, page, base: str, stem: Path) -> None:
    """The new parts: the opened menu, the offline line with an update waiting, the footer's offline note."""
    for text in ("100", "200"):
        page.goto(base + "diary/")
        page.evaluate(f"document.documentElement.style.fontSize = '{text}%'")
        page.get_by_role("button", name="Menu").click()
        page.screenshot(path=f"{stem}-menu-{text}.png")
        context.set_offline(True)
        page.goto(base + "diary/")
        page.evaluate(f"document.documentElement.style.fontSize = '{text}%'")
        page.evaluate("document.querySelector('.app-status').hidden = false")
        page.screenshot(path=f"{stem}-offline-update-{text}.png")
        context.set_offline(False)
        print(f"{stem}-menu-{text}.png", f"{stem}-offline-update-{text}.png")
    page.goto(base)
    page.locator(".app-tool-list").scroll_into_view_if_needed()
    page.screenshot(path=f"{stem}-home-tools.png")
    page.locator("footer").scroll_into_view_if_needed()
    page.screenshot(path=f"{stem}-footer.png")
    print(f"{stem}-home-tools.png", f"{stem}-footer.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prefix", default="shell-after")
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    server, base = serve_in_thread(args.build, "/pt-guide/")
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_options())
        context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
        page = context.new_page()
        page.goto(base)
        page.get_by_text("Ready to work offline").wait_for()
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        page.screenshot(path=str(args.out / f"{args.prefix}-home-first-visit.png"))
        for name, path in PAGES.items():
            for text in ("100", "200"):
                page.goto(base + path)
                page.evaluate(f"document.documentElement.style.fontSize = '{text}%'")
                page.wait_for_timeout(300)
                target = args.out / f"{args.prefix}-{name}-{text}.png"
                page.screenshot(path=str(target))
                print(target)
        if args.prefix != "shell-before":
            extras(context, page, base, args.out / args.prefix)
        context.close()
        header_heights(browser, base)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
