"""Time the diary page's first view, a save, and "Everything" with 1,000 (or 10,000) entries stored.

    .venv/bin/python bench/diary_render.py [--entries 1000] [--runs 5] [--build DIR]

For each run a fresh phone-sized Chromium page opens the diary with the entries already stored and reads the
page's own Performance API marks: "first view" is the page's start (read storage, validate, sort, draw the
default four weeks) up to `diary-rendered`; "everything" is the render of all entries (history list and chart)
after choosing "Everything", as the page's `diary-render` measure and until the next frame; "save" is one new
entry saved from the form (take the diary's lock, read again if another tab wrote, check, write, redraw) until
the page says "Entry saved" and the next frame (the same as before the lock, when the message came at once).
The site is built into a temporary folder unless --build names a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
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
from ptguide.static_server import serve_in_thread  # noqa: E402

KEY = "ptguide:/pt-guide/:diary"
# Entries end now (the fake clocks of Playwright would also replace the Performance API).
NOW = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
REACH = ["back", "buttock", "thigh", "below-knee", "foot", None]
FEELINGS = ["aching", "stiff", "sharp", "burning", "shooting", "pins-and-needles"]
# The diary's current schema, so the bench measures a diary this version saved (not a one-time migration).
DIARY_SCHEMA = int(re.search(r"DIARY_SCHEMA = (\d+)", (ROOT / "static/js/lib/diary-model.js").read_text()).group(1))
EXERCISES = ["Bridges", "Cat-cow", "Bird dog", "Side plank", "Walk 20 min", "Knee to chest", "Pelvic tilt"]


def generated_entries(count: int, seed: int = 1) -> list[dict]:
    """About one or two sessions a day going back from NOW, every field used (10,000 stay after 2000)."""
    rng = random.Random(seed)
    entries = []
    at = NOW.replace(tzinfo=None)
    for i in range(count):
        at -= dt.timedelta(hours=rng.choice([8, 12, 24, 24]))
        pain = lambda: rng.choice([None, *range(11)])  # noqa: E731
        entries.append({
            "id": f"bench-{i:05d}", "at": at.strftime("%Y-%m-%dT%H:%M"),
            "painBefore": pain(), "painDuring": pain(), "painAfter": pain(), "painNextMorning": pain(),
            "reach": rng.choice(REACH), "side": rng.choice(["left", "right", "both", None]),
            "feelings": sorted(rng.sample(FEELINGS, rng.randint(0, 3)), key=FEELINGS.index),
            "exercises": rng.sample(EXERCISES, rng.randint(0, 4)),
            "note": rng.choice(["", "Felt stiff in the morning.", "Long day, sitting a lot, then a walk."]),
            "check": rng.choice([None, None, "keep-going", "tell-therapist"]),
        })
    return entries


def measure(browser, base: str, payload: str) -> tuple[float, float, float, int, float]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    context.add_init_script(f"if (!localStorage.getItem({KEY!r})) localStorage.setItem({KEY!r}, {payload!r});")
    page = context.new_page()
    page.goto(base + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    first = page.evaluate("""() => {
        const start = performance.getEntriesByName('diary-start')[0].startTime;
        return performance.getEntriesByName('diary-rendered')[0].startTime - start; }""")
    # Choose "Everything", then wait for the next frame, so style, layout and paint count too.
    frame = page.evaluate("""async () => {
        const select = document.getElementById('diary-period');
        select.value = '0';
        const start = performance.now();
        select.dispatchEvent(new Event('change'));
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        return performance.now() - start; }""")
    everything = page.evaluate("performance.getEntriesByName('diary-render').at(-1).duration")
    shown = page.locator("#diary-list > li").count()
    saved = page.evaluate("""async () => {
        document.getElementById('diary-painDuring').value = '3';
        const before = JSON.parse(localStorage.getItem('ptguide:/pt-guide/:diary')).data.entries.length;
        const message = document.getElementById('diary-form-message');
        const start = performance.now();
        document.getElementById('diary-form').requestSubmit();
        // A save waits its turn with other tabs' (lib/storage-lock.js): until the page says it is saved.
        await new Promise((done) => {
            const said = () => message.textContent.includes('Entry saved');
            if (said()) return done();
            new MutationObserver((_, watch) => { if (said()) { watch.disconnect(); done(); } })
                .observe(message, { childList: true, subtree: true, characterData: true });
        });
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        const took = performance.now() - start;
        const after = JSON.parse(localStorage.getItem('ptguide:/pt-guide/:diary')).data.entries.length;
        return after === before + 1 ? took : -1; }""")
    assert saved >= 0, "the save did not store the entry"
    context.close()
    return first, everything, frame, shown, saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", type=Path)
    args = parser.parse_args()
    entries = generated_entries(args.entries)
    payload = json.dumps({"schema": DIARY_SCHEMA, "savedAt": NOW.isoformat(), "data": {"entries": entries}})
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or Path(tmp) / "build"
        if not args.build:
            freeze_site(create_app(), build)
        server, base = serve_in_thread(build, "/pt-guide/")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(**launch_options())
                measure(browser, base, payload)  # warm-up: first launch compiles and caches
                results = [measure(browser, base, payload) for _ in range(args.runs)]
                browser.close()
        finally:
            server.shutdown()
    print(f"{args.entries} entries ({len(payload) / 1024:.0f} KiB stored), {args.runs} runs, Chromium 360x740:")
    for label, values in (("first view: read, check, sort, draw 4 weeks (script)", [r[0] for r in results]),
                          (f"everything: {results[0][3]} entries listed and charted (script)", [r[1] for r in results]),
                          ("everything, until the next frame (script, style, layout, paint)", [r[2] for r in results]),
                          ("save: one entry, until \"Entry saved\" and the next frame", [r[4] for r in results])):
        print(f"  {label}: median {statistics.median(values):.1f} ms, min {min(values):.1f} ms, max {max(values):.1f} ms")


if __name__ == "__main__":
    main()
