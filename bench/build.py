"""Build figures: time of the whole build command (median of N), pages, page weight, reading grades.

    .venv/bin/python bench/build.py [--runs 5] [--site DIR]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def page_weight(build: Path, page: Path) -> int:
    """Gzipped bytes of a page's HTML plus the stylesheets and scripts it loads."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    total = len(gzip.compress(page.read_bytes(), 9))
    base = "http://x/" + page.relative_to(build).as_posix()
    for tag in soup.select('link[rel="stylesheet"], script[src]'):
        target = urljoin(base, tag.get("href") or tag.get("src")).removeprefix("http://x/")
        total += len(gzip.compress((build / target).read_bytes(), 9))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "freeze.py", "--site", str(args.site), "--out", str(out)],
                           cwd=ROOT, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        pages = sorted(out.rglob("*.html"))
        weights = sorted(((page_weight(out, p), p.relative_to(out).as_posix()) for p in pages), reverse=True)
        print(f"Whole build command, {args.runs} runs: median {statistics.median(times):.3f} s, "
              f"min {min(times):.3f} s, max {max(times):.3f} s")
        print(f"Pages: {len(pages)} HTML files; files in build: {sum(1 for p in out.rglob('*') if p.is_file())}")
        print("Heaviest pages (HTML + its CSS + JS, gzipped):")
        for weight, name in weights[:5]:
            print(f"  {weight / 1024:6.2f} KiB  {name}")

    import textstat
    from bs4 import BeautifulSoup

    from ptguide import create_app

    app = create_app({"SITE_DIR": args.site})
    print("Reading grade (Flesch-Kincaid) per answer:")
    for q in app.extensions["ptguide"]["content"].questions:
        grade = textstat.flesch_kincaid_grade(BeautifulSoup(q.html, "html.parser").get_text(" "))
        print(f"  {grade:4.1f}  {q.slug}")


if __name__ == "__main__":
    main()
