"""Audit every page of the build with Lighthouse 12 (mobile defaults): python bench/lighthouse.py [--build DIR] [PAGE ...].

Serves the build on 127.0.0.1 under /pt-guide/ (as GitHub Pages does), runs the pinned `lighthouse` from
node_modules once per page with the Chromium the browser tests use, prints a table, writes each JSON report to
reports/lighthouse/, and exits 1 when any category of any page scores below 100 (2 when Lighthouse fails to run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import QUIET_FLAGS, chromium_path  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # audit id -> (column, unit)
    "first-contentful-paint": ("FCP", "ms"),
    "largest-contentful-paint": ("LCP", "ms"),
    "total-blocking-time": ("TBT", "ms"),
    "cumulative-layout-shift": ("CLS", ""),
    "total-byte-weight": ("bytes", "B"),
}


def chrome_flags() -> str:
    """The browser tests' flags, headless; --no-sandbox because Chromium refuses its sandbox as root."""
    flags = ["--headless=new", *QUIET_FLAGS]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    return " ".join(flags)


def run_lighthouse(url: str, report: Path, categories: tuple[str, ...] = CATEGORIES) -> dict:
    """Run Lighthouse on one URL with mobile defaults; write its JSON report and return it parsed."""
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (make lighthouse does it)")
    report.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if chromium_path():
        env["CHROME_PATH"] = chromium_path()
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(categories)}", f"--chrome-flags={chrome_flags()}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    if done.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    data = json.loads(report.read_text("utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {data['runtimeError'].get('message')}")
    return data


def summary(data: dict) -> dict:
    """The four category scores (0-100) and the metrics of one report."""
    row = {c: round(data["categories"][c]["score"] * 100) for c in data["categories"]}
    for audit, (column, _) in METRICS.items():
        row[column] = data["audits"][audit]["numericValue"]
    return row


def shortfalls(data: dict, categories: tuple[str, ...] = CATEGORIES) -> list[str]:
    """The weighted audits that cost points, per category: what to fix."""
    found = []
    for category in (data["categories"][c] for c in categories if c in data["categories"]):
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{category['id']}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".rstrip())
    return found


def not_for_search_engines(page: Path) -> bool:
    """True for a page that asks not to be indexed (404.html): SEO does not apply to it."""
    from bs4 import BeautifulSoup

    robots = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one('meta[name="robots"]')
    return bool(robots and "noindex" in robots.get("content", ""))


def format_row(name: str, row: dict, seo_applies: bool = True) -> str:
    scores = [str(row.get(c, "–")) if c != "seo" or seo_applies else f"{row.get(c, '–')} (n/a)" for c in CATEGORIES]
    metrics = [f"{row['FCP']:.0f}", f"{row['LCP']:.0f}", f"{row['TBT']:.0f}", f"{row['CLS']:.3f}", f"{row['bytes'] / 1024:.1f} KiB"]
    return "| " + " | ".join([name, *scores, *metrics]) + " |"


HEADER = ("| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | total bytes |\n"
          "|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    from quality import built_pages, page_address

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="addresses inside the site, e.g. faq/ (default: every page of the build)")
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "lighthouse")
    args = parser.parse_args(argv)
    if not (args.build / "index.html").is_file():
        raise SystemExit(f"{args.build}/ holds no build: run `make build` first")
    files = {page_address(p): p for p in built_pages(args.build)}
    addresses = args.pages or list(files)
    server, base = serve_in_thread(args.build, "/pt-guide/")
    rows, below, problems = [], [], []
    try:
        for number, address in enumerate(addresses, 1):
            print(f"Lighthouse {number}/{len(addresses)}: {address or './'}", file=sys.stderr, flush=True)  # a run takes ~12 s
            name = address.strip("/").replace("/", "-").removesuffix(".html") or "home"
            try:
                data = run_lighthouse(base + address, args.out / f"{name}.json")
            except RuntimeError as err:
                problems.append(str(err))
                continue
            row = summary(data)
            seo_applies = not (address in files and not_for_search_engines(args.build / files[address]))
            rows.append(format_row(address or "./", row, seo_applies))
            scored = tuple(c for c in CATEGORIES if c != "seo" or seo_applies)
            if any(row[c] < 100 for c in scored):
                below.append(f"{address or './'}:\n    " + "\n    ".join(shortfalls(data, scored)))
    finally:
        server.shutdown()
        server.server_close()
    print(HEADER)
    print("\n".join(rows))
    print(f"\nLighthouse {json.loads((LIGHTHOUSE.parent.parent / 'package.json').read_text())['version']}, mobile defaults "
          f"(simulated slow 4G, 4x CPU slowdown); reports in {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}/."
          " SEO (n/a): the page asks not to be indexed.")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    if below:
        print("\nBelow 100:\n" + "\n".join(below), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
