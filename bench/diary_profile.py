"""Where the diary's first view and a save spend their time: Chromium CPU profiles, top functions by self time.

    .venv/bin/python bench/diary_profile.py [--entries 10000] [--runs 3] [--top 15] [--build DIR]

The same page, entries and save as bench/diary_render.py. Each run profiles one fresh page from navigation
until `diary-rendered` ("first view": the samples while the diary's start runs, from the first to the
last with `startDiary` on the stack), then, with "Everything" shown, one save until "Entry saved" and the next frame ("save"), sampling
every 100 microseconds. Self times are summed over the runs and divided by their number: the milliseconds a
function itself took per view or save, what decides where to cut when the machine is too busy for timings.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from diary_render import DIARY_SCHEMA, KEY, NOW, generated_entries  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from browser import launch_options  # noqa: E402
from ptguide import create_app  # noqa: E402
from ptguide.freezing import freeze_site  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

SAVE = """async () => {
    document.getElementById('diary-painDuring').value = '3';
    const message = document.getElementById('diary-form-message');
    document.getElementById('diary-form').requestSubmit();
    await new Promise((done) => {
        const said = () => message.textContent.includes('Entry saved');
        if (said()) return done();
        new MutationObserver((_, watch) => { if (said()) { watch.disconnect(); done(); } })
            .observe(message, { childList: true, subtree: true, characterData: true });
    });
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))); }"""


def self_times(profile: dict, within: str | None = None) -> collections.Counter:
    """Milliseconds of self time per function ("name file:line"), from a CDP Profiler profile.

    `within`: only the samples from the first to the last one with that function on the stack (the garbage
    collector's and the browser's own samples between them included)."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    parent = {child: node["id"] for node in profile["nodes"] for child in node.get("children", [])}
    samples = list(zip(profile["samples"], profile["timeDeltas"], strict=True))
    if within:
        def inside(node_id):
            while node_id is not None:
                if nodes[node_id]["callFrame"]["functionName"] == within:
                    return True
                node_id = parent.get(node_id)
            return False
        hits = [i for i, (sample, _) in enumerate(samples) if inside(sample)]
        samples = samples[hits[0]:hits[-1] + 1] if hits else []
    times = collections.Counter()
    for sample, delta in samples:
        frame = nodes[sample]["callFrame"]
        where = f"{frame['url'].rsplit('/', 1)[-1]}:{frame['lineNumber'] + 1}" if frame["url"] else ""
        times[f"{frame['functionName'] or '(anonymous)'} {where}".strip()] += delta / 1000
    return times


def profile_run(browser, base: str, payload: str) -> tuple[collections.Counter, collections.Counter]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    context.add_init_script(f"if (!localStorage.getItem({KEY!r})) localStorage.setItem({KEY!r}, {payload!r});")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 100})
    cdp.send("Profiler.start")
    page.goto(base + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    first = self_times(cdp.send("Profiler.stop")["profile"], within="startDiary")
    # As bench/diary_render.py does: "Everything" is shown when the save is made.
    page.evaluate("""() => { const select = document.getElementById('diary-period');
        select.value = '0'; select.dispatchEvent(new Event('change')); }""")
    page.wait_for_timeout(300)  # the work left for when the page is idle is not the save's
    cdp.send("Profiler.start")
    page.evaluate(SAVE)
    save = self_times(cdp.send("Profiler.stop")["profile"])
    context.close()
    return first, save


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--build", type=Path)
    args = parser.parse_args()
    payload = json.dumps({"schema": DIARY_SCHEMA, "savedAt": NOW.isoformat(), "data": {"entries": generated_entries(args.entries)}})
    with tempfile.TemporaryDirectory() as tmp:
        build = args.build or Path(tmp) / "build"
        if not args.build:
            freeze_site(create_app(), build)
        server, base = serve_in_thread(build, "/pt-guide/")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(**launch_options())
                profile_run(browser, base, payload)  # warm-up: first launch compiles and caches
                runs = [profile_run(browser, base, payload) for _ in range(args.runs)]
                browser.close()
        finally:
            server.shutdown()
    for label, index in (("first view", 0), ("save", 1)):
        total = collections.Counter()
        for run in runs:
            total.update(run[index])
        print(f"{label}: self time per run, ms ({args.entries} entries, {args.runs} runs)")
        for name, ms in total.most_common(args.top):
            print(f"  {ms / args.runs:7.1f}  {name}")


if __name__ == "__main__":
    main()
