"""Screenshots of the guided session ("Today's exercises") with a three-exercise programme, and a tap count.

    .venv/bin/python scripts/session_screenshots.py [--build DIR] [--out docs/screenshots]

Writes, at 360x740, light and dark: a hold timer running, the pain question, the tell-therapist advice, the
summary, the next morning's question, and the diary's exercise sessions. Then counts the taps of a
three-exercise session (2 sets of 5 reps each, no hold, no rest) from the home page to the saved entry.
The site is built into a temporary folder unless --build names an existing build.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

NOW = dt.datetime(2026, 12, 1, 9, 0)
PROGRAMME_KEY = "ptguide:/pt-guide/:programme"


def dose(**fields):
    return {"sets": None, "reps": None, "holdSeconds": None, "restSeconds": None, "timesPerDay": None, "daysPerWeek": None, **fields}


def programme(doses):
    items = [{"key": f"i-{exercise}", "exerciseId": exercise, "name": name, "dose": dose(**fields), "days": [], "times": [],
              "note": note} for exercise, name, fields, note in doses]
    return {"schema": 1, "savedAt": "2026-12-01T08:00:00.000Z",
            "data": {"id": "p-sample", "from": "Riverside Physio", "startDate": "2026-11-16", "reviewDate": None, "note": "",
                     "items": items, "rev": 1, "history": []}}


SAMPLE = programme([("bridge", "Bridge", {"sets": 2, "reps": 8, "holdSeconds": 5, "restSeconds": 30}, "Keep your hips level."),
                    ("knee-rolls", "Knee rolls", {"sets": 1, "reps": 10}, ""),
                    ("bird-dog", "Bird dog", {"sets": 2, "reps": 5, "holdSeconds": 3}, "")])
TAPS = programme([(exercise, name, {"sets": 2, "reps": 5}, "") for exercise, name in
                  (("bridge", "Bridge"), ("knee-rolls", "Knee rolls"), ("pelvic-tilts", "Pelvic tilts"))])


def seeded(context, base, value, when=NOW):
    page = context.new_page()
    page.clock.install(time=when)
    page.goto(base + "about/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PROGRAMME_KEY, json.dumps(value)])
    return page


def shoot(page, path: Path, selector: str | None = None) -> None:
    if selector:
        page.evaluate("s => document.querySelector(s).scrollIntoView({block: 'start'})", selector)
    page.screenshot(path=str(path))
    print(path)


def rate(page, pain, built_up):
    page.locator(f"#ss-score-{pain}").check()
    page.locator("#ss-built-yes" if built_up else "#ss-built-no").check()


def screenshots(browser, base, out: Path) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, service_workers="block")
        page = seeded(context, base, SAMPLE)
        page.goto(base + "session/")
        page.get_by_role("button", name="Add a rep").click()
        page.get_by_role("button", name="Start").click()
        page.clock.run_for(2200)
        shoot(page, out / f"session-timer-{scheme}.png", "#ss-counter")
        page.get_by_role("button", name="Pause").click()
        page.get_by_role("button", name="It hurts: answer the pain question now").click()
        rate(page, 7, False)
        shoot(page, out / f"session-pain-{scheme}.png", "#ss-rate")
        page.get_by_role("button", name="Save my answer").click()
        shoot(page, out / f"session-advice-{scheme}.png", "#ss-name")
        page.get_by_role("button", name="Skip the rest of this exercise").click()
        for _ in range(10):
            page.get_by_role("button", name="Add a rep").click()
        rate(page, 3, False)
        page.get_by_role("button", name="Save my answer").click()
        page.get_by_role("button", name="Next: Bird dog").click()
        page.get_by_role("button", name="Finish").click()
        page.get_by_label("A note for your diary (optional)").fill("Bridge hurt on the second rep.")
        shoot(page, out / f"session-summary-{scheme}.png", "#ss-summary")
        page.get_by_role("button", name="Save to my diary").click()
        page.get_by_text("Saved in your diary.").wait_for()
        page.goto(base + "diary/")
        page.wait_for_selector(".app-diary[data-ready]")
        shoot(page, out / f"session-diary-{scheme}.png", "#diary-sessions")
        page.clock.set_system_time(NOW + dt.timedelta(days=1))
        page.goto(base)
        page.get_by_role("heading", name="How is your back this morning?").wait_for()
        shoot(page, out / f"session-morning-{scheme}.png", "[data-module=session-morning]")
        context.close()


def count_taps(browser, base) -> int:
    """Taps from the home page to the saved entry, for 3 exercises of 2 sets of 5 reps (no hold, no rest)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    page = seeded(context, base, TAPS)
    page.goto(base)
    taps = 0

    def tap(locator):
        nonlocal taps
        locator.click()
        taps += 1

    # The home page's "Today's exercises" (My programme's block) when it exists; else the session's address.
    start = page.locator("#home-today-start")
    if start.count():
        tap(start)
    else:
        page.goto(base + "session/")
        taps += 1
        print("(the home page has no link to the session yet: counted as one tap)")
    for name in ("Bridge", "Knee rolls", "Pelvic tilts"):
        page.get_by_role("heading", name=name).wait_for()
        for _ in range(10):
            tap(page.get_by_role("button", name="Add a rep"))
        tap(page.locator("#ss-score-2"))
        tap(page.locator("#ss-built-no"))
        tap(page.get_by_role("button", name="Save my answer"))
        tap(page.locator("#ss-next"))
    tap(page.get_by_role("button", name="Save to my diary"))
    page.get_by_text("Saved in your diary.").wait_for()
    context.close()
    return taps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path, help="an existing build (default: build into a temporary folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or Path(tmp) / "build"
        if not args.build:
            print(freeze_site(create_app(), build).summary())
        server, base = serve_in_thread(build, "/pt-guide/")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(**launch_options())
                screenshots(browser, base, args.out)
                taps = count_taps(browser, base)
                print(f"Taps for a three-exercise session (2 sets of 5 reps, no hold), home page to saved entry: {taps}")
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
