"""Screenshots of My programme (empty and with three exercises) and of the home page's "Today's exercises".

    .venv/bin/python scripts/programme_screenshots.py [--build DIR] [--out docs/screenshots]

Writes docs/screenshots/programme-*.png at 360x740, light and dark. The three exercises are added through the
page itself (two from the library, one typed in), and one dose is changed, as a patient would.
The site is built into a temporary folder unless --build names an existing build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide import create_app  # noqa: E402
from ptguide.freezing import freeze_site  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

# A Tuesday: the bridge (Monday, Wednesday, Friday) is not due, the other two are.
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def make_programme(page, base: str) -> None:
    page.goto(base + "programme/")
    page.wait_for_selector(".app-programme[data-ready]")
    for name in ("Bridge", "Knee to chest"):
        page.get_by_label("Search the exercises in this guide").fill(name)
        page.get_by_role("button", name=f"Add {name} to my programme").click()
        expect(page.locator("#programme-list h3", has_text=name)).to_be_visible()
    page.get_by_label("Or type the name of an exercise").fill("Walk to the shop and back")
    page.get_by_role("button", name="Add it").click()
    expect(page.locator("#programme-list h3", has_text="Walk to the shop")).to_be_visible()
    page.get_by_role("button", name="Change: Bridge").click()
    page.get_by_label("Sets").fill("2")
    page.get_by_label("Repetitions").fill("10")
    for day in ("Monday", "Wednesday", "Friday"):
        page.get_by_label(day).check()
    page.get_by_label("Your therapist's note for this exercise").fill("Keep your back flat on the floor.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="Change who it is from, dates or note").click()
    page.get_by_label("Who it is from").fill("Riverside Physio")
    page.get_by_label("Start date").fill("2026-11-30")
    page.get_by_label("Review date").fill("2026-12-28")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_label("Search the exercises in this guide").fill("")
    page.evaluate("document.activeElement.blur()")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or Path(tmp) / "build"
        if not args.build:
            freeze_site(create_app(), build)
        server, base = serve_in_thread(build, "/pt-guide/")
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(**launch_options())
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                                  color_scheme=scheme, is_mobile=True, has_touch=True)
                    page = context.new_page()
                    page.clock.set_fixed_time(NOW)
                    page.goto(base + "programme/")
                    page.wait_for_selector(".app-programme[data-ready]")
                    page.screenshot(path=args.out / f"programme-empty-{scheme}.png", full_page=True)
                    make_programme(page, base)
                    page.evaluate("window.scrollTo(0, 0)")
                    page.screenshot(path=args.out / f"programme-three-{scheme}.png", full_page=True)
                    page.goto(base)
                    page.wait_for_selector("#home-today:not([hidden]) li")
                    page.screenshot(path=args.out / f"programme-home-{scheme}.png")
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(f"Screenshots in {args.out}")


if __name__ == "__main__":
    main()
