"""Screenshots of the pain diary with three weeks of sample entries, and its sample exports.

    .venv/bin/python scripts/diary_screenshots.py [--build DIR] [--out docs/screenshots] [--samples docs]

Writes, at 360x740: the diary's form, chart and history (light and dark), the print view, and the
print view as an A4 PDF rendered to PNG with pdftoppm (Debian package poppler-utils). Also writes
docs/sample-diary.json and docs/sample-diary.csv through the page's own Export buttons.
The site is built into a temporary folder unless --build names an existing build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
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

# The page's clock: the Monday after the sample's third week, so "the last 4 weeks" holds all of it.
NOW = dt.datetime(2026, 11, 23, 19, 0, tzinfo=dt.UTC)
KEY = "ptguide:/pt-guide/:diary"
FIELDS = ("at", "painBefore", "painDuring", "painAfter", "painNextMorning", "reach", "side", "feelings", "exercises", "note",
          "check")
# Three weeks of a patient getting better: pain settling, and reaching less far down the left leg.
SAMPLE = [
    ("2026-11-02T18:00", 3, 6, 5, 4, "thigh", "left", ["aching", "shooting"], ["Bridges", "Cat-cow", "Walk 10 min"],
     "First week. Shooting pain in the thigh on the last bridges.", "tell-therapist"),
    ("2026-11-04T18:15", 4, 5, 5, 3, "thigh", "left", ["aching"], ["Bridges", "Cat-cow", "Walk 10 min"],
     "Did fewer bridges, as agreed.", None),
    ("2026-11-06T07:30", 3, 4, 4, 3, "thigh", "left", ["aching", "stiff"], ["Cat-cow", "Walk 15 min"], "", None),
    ("2026-11-07T17:00", 3, 5, 4, 2, "buttock", "left", ["aching"], ["Bridges", "Cat-cow", "Bird dog"],
     "Therapist changed the bridges.", None),
    ("2026-11-09T18:00", 2, 4, 3, 2, "buttock", "left", ["stiff"], ["Bridges", "Bird dog", "Walk 15 min"], "", None),
    ("2026-11-11T12:30", 3, 4, 3, 3, "buttock", "left", ["aching"], ["Bird dog", "Walk 20 min"],
     "Long day at work, sitting a lot.", None),
    ("2026-11-11T19:45", None, 3, 3, 2, "buttock", "left", ["stiff"], ["Cat-cow"], "Evening stretches only.", None),
    ("2026-11-13T18:00", 2, 3, 3, 2, "buttock", "left", ["aching"], ["Bridges", "Bird dog", "Walk 20 min"], "", None),
    ("2026-11-16T18:00", 2, 3, 2, 1, "back", None, ["stiff"], ["Bridges", "Bird dog", "Side plank"], "Pain stayed in my back today.",
     "keep-going"),
    ("2026-11-18T18:30", 2, 3, 2, 2, "back", None, ["aching"], ["Bridges", "Side plank", "Walk 25 min"], "", None),
    ("2026-11-20T08:00", 1, 3, 2, 1, "back", None, ["stiff"], ["Cat-cow", "Bird dog", "Walk 25 min"],
     "Stiff in the morning, eased after ten minutes.", None),
    ("2026-11-22T17:30", 1, 2, 2, None, "back", None, [], ["Bridges", "Side plank", "Walk 30 min"],
     "Felt good. Next morning still to fill in.", None),
]


def sample_entries() -> list[dict]:
    return [{"id": f"sample-{i:02d}", **dict(zip(FIELDS, row, strict=True))} for i, row in enumerate(SAMPLE, 1)]


def seeded_page(context, base: str):
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.goto(base + "diary/")
    envelope = {"schema": 2, "savedAt": NOW.isoformat(), "data": {"entries": sample_entries()}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(envelope)])
    page.reload()
    page.wait_for_selector(".app-diary[data-ready]")
    return page


def shoot(page, path: Path, selector: str | None = None) -> None:
    if selector:
        page.locator(selector).scroll_into_view_if_needed()
        page.evaluate("s => document.querySelector(s).scrollIntoView({block: 'start'})", selector)
    page.screenshot(path=str(path))
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path, help="an existing build (default: build into a temporary folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--samples", type=Path, default=ROOT / "docs")
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
                for scheme in ("light", "dark"):
                    # No service worker: the pictures show the diary as it is before the offline copy is ready.
                    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme,
                                                  service_workers="block")
                    page = seeded_page(context, base)
                    shoot(page, args.out / f"diary-form-{scheme}.png")
                    shoot(page, args.out / f"diary-chart-{scheme}.png", "#diary-trend-heading")
                    shoot(page, args.out / f"diary-history-{scheme}.png", "#diary-list-heading")
                    if scheme == "light":
                        write_samples(page, args.samples)
                        write_print_views(page, args.out, Path(tmp))
                    context.close()
                browser.close()
        finally:
            server.shutdown()


def write_samples(page, folder: Path) -> None:
    """Save the sample diary through the page's own Export buttons (the CSV keeps its byte-order mark)."""
    for button, name in (("#diary-json", "sample-diary.json"), ("#diary-csv", "sample-diary.csv")):
        with page.expect_download() as download:
            page.click(button)
        download.value.save_as(folder / name)
        print(folder / name)


def write_print_views(page, out: Path, tmp: Path) -> None:
    """The print view on a phone screen, and as the A4 PDF a therapist would get, page 1 as PNG."""
    page.emulate_media(media="print")
    page.screenshot(path=str(out / "diary-print.png"), full_page=True)
    print(out / "diary-print.png")
    pdf = tmp / "diary.pdf"
    margins = {side: "12mm" for side in ("top", "right", "bottom", "left")}  # about what a browser's print dialog uses
    page.pdf(path=str(pdf), format="A4", print_background=True, margin=margins)
    page.emulate_media(media="screen")
    pages = next(int(line.split()[-1]) for line in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                                  check=True).stdout.splitlines() if line.startswith("Pages:"))
    print(f"The print view is {pages} page{'s' * (pages != 1)} of A4.")
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is missing: apt-get install -y poppler-utils")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out / "diary-print-pdf")],
                   check=True)
    print(out / "diary-print-pdf.png")


if __name__ == "__main__":
    main()
