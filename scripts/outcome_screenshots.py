"""Screenshot each pain-check outcome at 360x740, light and dark: python scripts/outcome_screenshots.py [--build DIR].

Without --build, the site is frozen into a temporary folder first (never into build/).
Writes docs/screenshots/pain-check-<level>-<scheme>.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

# Answers that lead to each outcome: a pain score, then items to tick or choose (by id).
ANSWERS = {
    "keep-going": (3, ["when-during", "behaviour-easing", "feels-like-effort"]),
    "tell-therapist": (7, ["when-during", "behaviour-building"]),
    "see-doctor": (3, ["when-right-after", "nearly-every-movement-hurts"]),
    "urgent": (2, ["no-ease-with-rest"]),
    "emergency": (2, ["saddle-numbness"]),
}


def freeze_to_temp() -> Path:
    from ptguide import create_app
    from ptguide.freezing import freeze_site

    out = Path(tempfile.mkdtemp(prefix="ptguide-shots-")) / "build"
    print(freeze_site(create_app(), out).summary())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="a built site (default: build one in a temporary folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    build = args.build or freeze_to_temp()
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve_in_thread(build, "/pt-guide/")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            for scheme in ("light", "dark"):
                # No service worker: its "ready to work offline" bar would cover the bottom of the shot.
                context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme,
                                              service_workers="block")
                for level, (pain, items) in ANSWERS.items():
                    page = context.new_page()
                    page.goto(base + "pain-check/")
                    page.locator(f"#pc-score-{pain}").check()
                    for item in items:
                        page.locator(f"#pc-item-{item}").check()
                    assert page.locator("#pc-card").is_visible(), level
                    page.evaluate("document.activeElement.blur(); document.getElementById('pc-result').scrollIntoView()")
                    path = args.out / f"pain-check-{level}-{scheme}.png"
                    page.screenshot(path=str(path))
                    print(path.relative_to(ROOT))
                    page.evaluate("localStorage.removeItem('ptguide:/pt-guide/:pain-check')")  # the next shot starts afresh
                    page.close()
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
