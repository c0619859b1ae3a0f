"""Search index figures: its size for the real content and for 1,000 questions, and the time per keystroke there.

    .venv/bin/python bench/search_index.py [--keystrokes 40]

The 1,000-question site is bench/peer.py's (site/ plus generated copies of its answers), so its words repeat
more than 1,000 distinct answers would: the size is a floor for that count, not a ceiling.
The time per keystroke is the filter's own work (matching, hiding, counting) measured in Chromium on the FAQ
list page, median over typed letters; a frame at 60 Hz is 16.7 ms.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

FRAME_MS = 16.7
WORDS = ["numbness in my legs", "pins and needles", "bladder", "fever at night", "sore after a session"]

TIMING = """async (text) => {
  const input = document.querySelector('#faq-filter-input');
  const times = [];
  for (const word of text) {
    input.value = '';
    for (const letter of word) {
      input.value += letter;
      const started = performance.now();
      input.dispatchEvent(new Event('input'));
      document.body.offsetHeight; // include the style and layout the change causes
      times.push(performance.now() - started);
    }
  }
  return times;
}"""


def build(site: Path, out: Path) -> Path:
    from conftest import FIXED_DATE
    from ptguide import create_app
    from ptguide.freezing import freeze_site

    freeze_site(create_app({"SITE_DIR": site, "BUILD_DATE": FIXED_DATE}), out)
    return out


def keystroke_ms(build_dir: Path) -> list[float]:
    from playwright.sync_api import sync_playwright

    from browser import launch_options
    from ptguide.static_server import serve_in_thread

    server, base = serve_in_thread(build_dir, "/")
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(**launch_options())
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.goto(base + "faq/")
            page.wait_for_load_state("networkidle")
            times = page.evaluate(TIMING, WORDS)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return times


def report(name: str, build_dir: Path) -> None:
    data = (build_dir / "faq" / "search-index.json").read_bytes()
    times = keystroke_ms(build_dir)
    over = sum(1 for ms in times if ms > FRAME_MS)
    print(f"{name}: index {len(data) / 1024:.1f} KiB, {len(gzip.compress(data, 9)) / 1024:.1f} KiB gzipped; "
          f"per keystroke median {statistics.median(times):.2f} ms, 90th percentile "
          f"{statistics.quantiles(times, n=10)[-1]:.2f} ms, max {max(times):.2f} ms; "
          f"{over} of {len(times)} keystrokes over one frame ({FRAME_MS} ms)")


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    from peer import GENERATED_TOTAL, generate_site

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report("Real content", build(ROOT / "site", work / "real"))
        report(f"{GENERATED_TOTAL:,} questions", build(generate_site(work / "site-1000", GENERATED_TOTAL), work / "big"))


if __name__ == "__main__":
    main()
