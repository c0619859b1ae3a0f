"""Screenshots of the diary's safety net at 360x740: the put-back list, a conflict, the backup nudge.

    .venv/bin/python scripts/diary_safety_screenshots.py [--build DIR] [--out docs/screenshots]

Writes diary-put-back.png, diary-conflict.png and diary-backup-nudge.png (the nudge as Safari on an
iPhone shows it, with the 7-day note). The site is built into a temporary folder unless --build names one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide import create_app  # noqa: E402
from ptguide.freezing import freeze_site  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

KEY = "ptguide:/pt-guide/:diary"
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.0 Mobile/15E148 Safari/604.1")


def entry(id_: str, at: str, **fields) -> dict:
    return {"id": id_, "at": at, "painBefore": None, "painDuring": None, "painAfter": None, "painNextMorning": None,
            "reach": None, "side": None, "feelings": [], "exercises": [], "note": "", "check": None, **fields}


def envelope(entries: list[dict]) -> str:
    return json.dumps({"schema": 2, "savedAt": "2026-11-20T10:00:00.000Z", "data": {"entries": entries}})


def open_diary(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".app-diary[data-ready]")
    return page


def shoot(page, selector: str, path: Path) -> None:
    page.locator(selector).scroll_into_view_if_needed()
    page.evaluate("sel => document.querySelector(sel).scrollIntoView({ block: 'start' })", selector)
    page.evaluate("window.scrollBy(0, -16)")
    page.wait_for_timeout(200)
    page.screenshot(path=str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or Path(tmp) / "build"
        if not args.build:
            freeze_site(create_app(), build)
        server, base = serve_in_thread(build, "/pt-guide/")
        url = base + "diary/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(**launch_options())
                phone = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
                         "has_touch": True, "service_workers": "block"}

                context = browser.new_context(**phone)
                page = open_diary(context, url)
                live = [entry("g1", "2026-11-16T18:00", painDuring=3, note="Bridges went well")]
                bad = [entry("b1", "2026-11-18T18:00", painDuring=11, note="Typed 11 by mistake")]
                older = [entry("o1", "2026-11-02T18:00", painBefore=2, painDuring=4), entry("o2", "2026-11-04T18:00", painAfter=3)]
                aside = KEY + ":set-aside:"
                for key, value in ((KEY, live), (aside + "2026-11-20T10:00:00.000Z:bad-entries", bad),
                                   (aside + "2026-11-12T09:30:00.000Z:newer-schema", older)):
                    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, envelope(value)])
                page.reload()
                page.wait_for_selector("#diary-asides li")
                shoot(page, "#diary-asides", args.out / "diary-put-back.png")
                context.close()

                context = browser.new_context(**phone)
                page = open_diary(context, url)
                page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, envelope(live)])
                page.reload()
                page.wait_for_selector(".app-diary[data-ready]")
                other = open_diary(context, url)
                for tab in (page, other):
                    tab.get_by_label("Show", exact=True).select_option("0")
                    tab.get_by_role("button", name="Edit").first.click()
                other.get_by_label("Note", exact=True).fill("Changed on the laptop")
                other.get_by_role("button", name="Save changes").click()
                page.get_by_label("Note", exact=True).fill("Bridges went well, slight ache after")
                page.get_by_role("button", name="Save changes").click()
                page.get_by_role("button", name="Keep mine").wait_for()
                shoot(page, "#diary-note", args.out / "diary-conflict.png")
                context.close()

                context = browser.new_context(**{**phone, "user_agent": IPHONE})
                page = open_diary(context, url)
                five = [entry(f"n{i}", f"2026-11-{10 + i:02d}T18:00", painDuring=3 + i % 3) for i in range(5)]
                page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, envelope(five)])
                page.reload()
                page.wait_for_selector("#diary-nudge:not([hidden])")
                shoot(page, "#diary-nudge", args.out / "diary-backup-nudge.png")
                context.close()
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
