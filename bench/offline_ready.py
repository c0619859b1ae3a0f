"""Offline figures: precache size, and the time from a first visit to "Ready to work offline".

    .venv/bin/python bench/offline_ready.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide import create_app  # noqa: E402
from ptguide.freezing import freeze_site  # noqa: E402
from ptguide.service_worker import precache_entries  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402


def file_of(build: Path, url: str) -> Path:
    return build / ("index.html" if url == "./" else url + "index.html" if url.endswith("/") else url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build = freeze_site(create_app(), Path(tmp) / "build").destination
        entries = precache_entries(build)
        raw = sum(file_of(build, e["url"]).stat().st_size for e in entries)
        gz = sum(len(gzip.compress(file_of(build, e["url"]).read_bytes(), 9)) for e in entries)
        print(f"Precache: {len(entries)} entries, {raw / 1024:.1f} KiB raw, {gz / 1024:.1f} KiB gzipped")
        server, base = serve_in_thread(build, "/pt-guide/")
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_options())
            for _ in range(args.runs):
                context = browser.new_context(viewport={"width": 360, "height": 740})
                page = context.new_page()
                page.goto(base)
                page.get_by_text("Ready to work offline").wait_for()
                # Milliseconds since this navigation started, read as soon as the message is shown.
                times.append(page.evaluate("performance.now()"))
                context.close()
            browser.close()
        server.shutdown()
    print(f"First load to 'Ready to work offline' ({args.runs} fresh visits, 127.0.0.1): "
          f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")


if __name__ == "__main__":
    main()
