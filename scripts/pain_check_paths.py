"""Taps and page height of three pain-check paths at 360x740: python scripts/pain_check_paths.py [--build DIR] [--flow steps|list].

--flow list drives the one-long-list page of earlier versions (build one from an old commit into a
temporary folder, then pass it with --build). Without --build the current site is frozen into a
temporary folder first. Page height is the document's height once the result shows; for the
step-by-step flow the tallest step is given too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "scripts")]

from outcome_screenshots import freeze_to_temp  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

NONE = ["label[for=pc-none-emergency-signs]", "#pc-next", "label[for=pc-none-urgent-signs]", "#pc-next"]
# Every tap each path takes, in order: answers and Next presses.
PATHS = {
    "steps": {
        "mild stretch at 3/10, no warning signs": NONE + [
            "#pc-score-3", "label[for=pc-item-when-during]", "label[for=pc-item-behaviour-steady]", "#pc-next",
            "label[for=pc-item-feels-like-stretch]", "#pc-next", "#pc-next"],
        "7/10, building with repeats": NONE + [
            "#pc-score-7", "label[for=pc-item-when-during]", "label[for=pc-item-behaviour-building]", "#pc-next",
            "#pc-next", "#pc-next"],
        "numbness in both legs": ["label[for=pc-item-both-legs]"],
    },
    "list": {
        "mild stretch at 3/10, no warning signs": ["#pc-score-3", "#pc-item-when-during", "#pc-item-behaviour-steady",
                                                   "#pc-item-feels-like-stretch"],
        "7/10, building with repeats": ["#pc-score-7", "#pc-item-when-during", "#pc-item-behaviour-building"],
        "numbness in both legs": ["#pc-item-both-legs"],
    },
}
HEIGHT = "document.documentElement.scrollHeight"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="a built site (default: build one in a temporary folder)")
    parser.add_argument("--flow", choices=PATHS, default="steps")
    args = parser.parse_args()
    build = args.build or freeze_to_temp()
    server, base = serve_in_thread(build, "/pt-guide/")
    print("| path | taps | page height with the result (px) | tallest step (px) | result |\n|---|---|---|---|---|")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
            for name, taps in PATHS[args.flow].items():
                page = context.new_page()
                page.goto(base + "pain-check/")
                tallest = page.evaluate(HEIGHT)
                for target in taps:
                    page.locator(target).click()
                    tallest = max(tallest, page.evaluate(HEIGHT))
                heading = page.locator("#pc-card-heading").inner_text()
                steps = f"{tallest}" if args.flow == "steps" else "(one page)"
                print(f"| {name} | {len(taps)} | {page.evaluate(HEIGHT)} | {steps} | {heading} |")
                page.evaluate("localStorage.clear()")
                page.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
