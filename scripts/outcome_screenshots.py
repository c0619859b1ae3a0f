"""Screenshot every pain-check step and outcome at 360x740, light and dark: python scripts/outcome_screenshots.py [--build DIR].

Without --build, the site is frozen into a temporary folder first (never into build/), with
safety.emergency_number "999" and safety.urgent_number "111" set so the call buttons show.
Writes docs/screenshots/pain-check-<step or outcome>-<scheme>.png.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

NONE = ["label[for=pc-none-emergency-signs]", "#pc-next", "label[for=pc-none-urgent-signs]", "#pc-next"]
NEXT = "#pc-next"


def item(name: str) -> str:
    return f"label[for=pc-item-{name}]"


# Each shot: the taps that lead to it. Steps are shown before anything on them is ticked.
SHOTS = {
    "step-1-emergency-signs": [],
    "step-1-no-answer": [NEXT],
    "step-2-urgent-signs": NONE[:2],
    "step-3-pain": NONE,
    "step-4-feel": [*NONE, "#pc-score-3", NEXT],
    "step-5-doctor": [*NONE, "#pc-score-3", NEXT, NEXT],
    "result-needs-a-pain-score": [*NONE, NEXT, NEXT, NEXT],
    "keep-going": [*NONE, "#pc-score-3", item("when-during"), item("behaviour-easing"), NEXT, item("feels-like-effort"), NEXT, NEXT],
    "tell-therapist": [*NONE, "#pc-score-7", item("when-during"), item("behaviour-building"), NEXT, NEXT, NEXT],
    "see-doctor": [*NONE, "#pc-score-3", item("when-right-after"), NEXT, NEXT, item("nearly-every-movement-hurts"), NEXT],
    "urgent": [NONE[0], NONE[1], item("no-ease-with-rest")],
    "emergency": [item("both-legs")],
    "emergency-result": [item("saddle-numbness"), NEXT],
    # The result so far, on screen at once while the patient is still answering.
    "tell-therapist-notice": [*NONE, "#pc-score-7", item("when-during"), item("behaviour-building")],
    "saved-to-diary": [*NONE, "#pc-score-3", item("when-during"), item("behaviour-easing"), NEXT, item("feels-like-effort"),
                       NEXT, NEXT, "#pc-save"],
}


def freeze_to_temp(numbers: bool = False) -> Path:
    from ptguide import create_app
    from ptguide.freezing import freeze_site

    folder = Path(tempfile.mkdtemp(prefix="ptguide-shots-"))
    config = {}
    if numbers:
        site = folder / "site"
        shutil.copytree(ROOT / "site", site)
        settings = site / "site.toml"
        text = settings.read_text("utf-8").replace('emergency_number = ""', 'emergency_number = "999"')
        settings.write_text(text.replace('urgent_number = ""', 'urgent_number = "111"'), "utf-8")
        config["SITE_DIR"] = site
    out = folder / "build"
    print(freeze_site(create_app(config), out).summary())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="a built site (default: build one in a temporary folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    build = args.build or freeze_to_temp(numbers=True)
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve_in_thread(build, "/pt-guide/")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            for scheme in ("light", "dark"):
                # No service worker: its "ready to work offline" bar would cover the bottom of the shot.
                context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme,
                                              service_workers="block")
                for name, taps in SHOTS.items():
                    page = context.new_page()
                    page.goto(base + "pain-check/")
                    for target in taps:
                        page.locator(target).click()
                    if name == "saved-to-diary":
                        page.locator("#pc-saved a").wait_for()
                    page.evaluate("document.activeElement.blur()")
                    path = args.out / f"pain-check-{name}-{scheme}.png"
                    page.screenshot(path=str(path))
                    print(path.relative_to(ROOT))
                    page.evaluate("localStorage.clear()")  # the next shot starts afresh
                    page.close()
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
