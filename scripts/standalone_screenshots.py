"""Screenshots of the app as installed (display-mode: standalone) at 360x740, online and offline.

    .venv/bin/python scripts/standalone_screenshots.py  ->  docs/screenshots/standalone-*.png
"""

from __future__ import annotations

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

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build = freeze_site(create_app(), Path(tmp) / "build").destination
        server, base = serve_in_thread(build, "/pt-guide/")
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_options())
            context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
            page = context.new_page()
            # An installed app has no browser bar; Chromium can emulate its display mode for CSS and scripts.
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setEmulatedMedia", {"features": [{"name": "display-mode", "value": "standalone"}]})
            page.goto(base)
            page.get_by_text("Ready to work offline").wait_for()
            page.screenshot(path=str(OUT / "standalone-home.png"))
            context.set_offline(True)
            page.goto(base + "faq/how-much-pain-is-ok/")
            page.screenshot(path=str(OUT / "standalone-offline.png"))
            for name in ("standalone-home.png", "standalone-offline.png"):
                print(OUT / name)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
