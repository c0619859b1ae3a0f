"""Build the same FAQ with PT Guide and MkDocs Material, side by side, and compare: python bench/peer.py [--runs N].

Both tools build the same answers on this machine in one run, taking turns, at two sizes: the real content of
site/, and 1,000 questions (site/ plus generated answers). For each it reports build time (median, min, max over
the runs), output files and bytes, the home page's first load in Chromium (cache disabled), Lighthouse's scores
for the home page, and whether the site works offline after one visit and is installable. The table goes to
stdout and to reports/peer.md. MkDocs Material runs from its own virtual environment, bench/.venv-mkdocs,
made from bench/requirements-mkdocs.txt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(BENCH)]

from lighthouse import CATEGORIES, run_lighthouse  # noqa: E402

from browser import chromium_path, launch_options  # noqa: E402
from ptguide.static_server import serve_in_thread  # noqa: E402

MKDOCS_VENV = BENCH / ".venv-mkdocs"
MKDOCS_REQUIREMENTS = BENCH / "requirements-mkdocs.txt"
GENERATED_TOTAL = 1000
PHONE = {"width": 360, "height": 740}
TOOLS = ("PT Guide", "MkDocs Material")


# --- the two content folders --------------------------------------------------------------------------------


def generate_site(target: Path, total: int) -> Path:
    """Copy site/ to `target` and add answers until it holds `total` questions, each valid for PT Guide."""
    import yaml

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "site", target)
    real = sorted((target / "faq").glob("*.md"))
    for number in range(1, total - len(real) + 1):
        _, front, body = real[number % len(real)].read_text("utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        # The same kind of answer under its own title and order; its links to the real answers still resolve.
        fields = {"title": f"{meta['title'].rstrip('?')}, case {number}?", "order": 10000 + number,
                  "summary": meta["summary"], "sources": meta["sources"], **({"group": meta["group"]} if "group" in meta else {})}
        front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items())  # JSON is YAML
        (target / "faq" / f"generated-{number:04d}.md").write_text(f"---\n{front}---\n{body}", "utf-8")
    return target


def mkdocs_project(site: Path, target: Path) -> Path:
    """Turn a PT Guide content folder into a MkDocs project: same Markdown, MkDocs' own front matter and nav."""
    from ptguide import create_app

    app = create_app({"SITE_DIR": site})
    content = app.extensions["ptguide"]["content"]
    settings = app.extensions["ptguide"]["settings"]
    shutil.rmtree(target, ignore_errors=True)
    docs = target / "docs"
    docs.mkdir(parents=True)
    nav = []
    for q in content.questions:  # placeholders are already filled in q.body
        sources = "\n".join(f"- {f'[{s.title}]({s.url})' if s.url else s.title}. {s.publisher}." for s in q.sources)
        (docs / q.path.name).write_text(
            f"---\ntitle: {json.dumps(q.title)}\ndescription: {json.dumps(q.summary)}\n---\n\n# {q.title}\n\n"
            f"{q.body.strip()}\n\n## Where this comes from\n\n{sources}\n", "utf-8")
        nav.append({q.title: q.path.name})
    links = "\n".join(f"- [{q.title}]({q.path.name})" for q in content.questions)
    (docs / "index.md").write_text(f"# {settings['name']}\n\n{settings['description']}\n\n## Questions and answers\n\n{links}\n", "utf-8")
    config = {
        "site_name": settings["short_name"],
        "site_description": settings["description"],
        "use_directory_urls": True,
        # font: false keeps the theme from loading Roboto from Google Fonts (another origin, and no network here).
        "theme": {"name": "material", "language": settings["lang"], "font": False},
        "markdown_extensions": ["admonition", "sane_lists", "smarty"],
        "nav": [{"Home": "index.md"}, {"Questions": nav}],
    }
    (target / "mkdocs.yml").write_text(json.dumps(config, indent=1), "utf-8")  # JSON is YAML
    return target


# --- building ------------------------------------------------------------------------------------------------


def ensure_mkdocs() -> Path:
    """Make bench/.venv-mkdocs from the pinned requirements, once per change of that file."""
    stamp = MKDOCS_VENV / ".requirements-sha256"
    wanted = hashlib.sha256(MKDOCS_REQUIREMENTS.read_bytes()).hexdigest()
    mkdocs = MKDOCS_VENV / "bin" / "mkdocs"
    if mkdocs.exists() and stamp.exists() and stamp.read_text() == wanted:
        return mkdocs
    print("Installing MkDocs Material into bench/.venv-mkdocs …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(MKDOCS_VENV)], check=True)
    subprocess.run([str(MKDOCS_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(MKDOCS_REQUIREMENTS)], check=True)
    stamp.write_text(wanted)
    return mkdocs


def build_commands(mkdocs: Path, site: Path, project: Path, out: Path) -> dict[str, list[str]]:
    return {
        "PT Guide": [sys.executable, str(ROOT / "freeze.py"), "--site", str(site), "--out", str(out)],
        "MkDocs Material": [str(mkdocs), "build", "--quiet", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
    }


def timed(command: list[str], out: Path) -> float:
    """Wall time of one build into an empty folder (clearing the folder is not timed)."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


def folder_size(folder: Path) -> tuple[int, int, int, int]:
    """Files, HTML pages, bytes, and bytes gzipped file by file."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return (len(files), sum(p.suffix == ".html" for p in files), sum(p.stat().st_size for p in files),
            sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) for p in files))


# --- in the browser ------------------------------------------------------------------------------------------


@dataclass
class Visit:
    requests: int = 0
    bytes: int = 0
    gzip_bytes: int = 0
    background_requests: int = 0  # the service worker's own fetches (precaching), after the page has loaded
    background_bytes: int = 0
    background_gzip_bytes: int = 0
    offline_home: bool = False
    offline_other: bool = False
    installable_errors: list[str] = field(default_factory=list)


# Resolves once the page's service worker is active, so its install (the precaching) is over; a site that
# registers none within 5 s has none.
SETTLED = """async () => {
  if (!('serviceWorker' in navigator)) return;
  for (const until = Date.now() + 5000; Date.now() < until; await new Promise(d => setTimeout(d, 100))) {
    if (await navigator.serviceWorker.getRegistration()) {
      await Promise.race([navigator.serviceWorker.ready, new Promise(d => setTimeout(d, 60000))]);
      return;
    }
  }
}"""


def served_bytes(request, base: str, folder: Path) -> bytes:
    """The body of a response, read from the built file it came from (a service worker's fetches keep no body)."""
    if request.url.startswith(base):
        path = request.url[len(base):].split("?")[0].split("#")[0]
        file = folder / (path + "index.html" if path == "" or path.endswith("/") else path)
        if file.is_file():
            return file.read_bytes()
    try:
        response = request.response()
        return response.body() if response else b""
    except Exception:  # a response whose body the browser did not keep (a redirect): headers only
        return b""


def first_load(browser, url: str, folder: Path) -> Visit:
    """The home page's first load with the cache disabled: requests and bytes, until the network is idle."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    responses = []
    context.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    page.evaluate(SETTLED)  # a service worker, if any, has finished precaching
    page.wait_for_load_state("networkidle")
    visit = Visit()
    for request in responses:
        body = served_bytes(request, url, folder)
        if request.service_worker:
            visit.background_requests += 1
            visit.background_bytes += len(body)
            visit.background_gzip_bytes += len(gzip.compress(body, 9, mtime=0))
        else:
            visit.requests += 1
            visit.bytes += len(body)
            visit.gzip_bytes += len(gzip.compress(body, 9, mtime=0))
    context.close()
    return visit


def offline_and_install(playwright, url: str, other: str, visit: Visit) -> None:
    """In a persistent profile: visit once, ask Chromium whether it would install the app, then go offline and reload."""
    with tempfile.TemporaryDirectory(prefix="peer-profile-") as profile:
        options = launch_options()
        context = playwright.chromium.launch_persistent_context(profile, viewport=PHONE, **options)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.evaluate(SETTLED)
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        visit.installable_errors = [e["errorId"] for e in errors]
        context.set_offline(True)
        visit.offline_home = _opens(page, url, reload=True)
        visit.offline_other = _opens(page, other)
        context.close()


def _opens(page, url: str, reload: bool = False) -> bool:
    try:
        response = page.reload(wait_until="load") if reload else page.goto(url, wait_until="load")
        return bool(response and response.ok and page.locator("h1").count())
    except Exception:  # net::ERR_INTERNET_DISCONNECTED
        return False


# --- the run -------------------------------------------------------------------------------------------------


@dataclass
class Result:
    times: list[float] = field(default_factory=list)
    size: tuple[int, int, int, int] = (0, 0, 0, 0)
    visit: Visit | None = None
    scores: dict[str, int] = field(default_factory=dict)


def measure(size_name: str, site: Path, work: Path, runs: int, mkdocs: Path, playwright, browser) -> dict[str, Result]:
    project = mkdocs_project(site, work / "mkdocs")
    outs = {tool: work / "out" / tool.split()[0].lower() for tool in TOOLS}
    results = {tool: Result() for tool in TOOLS}
    for run in range(runs):
        order = TOOLS if run % 2 == 0 else TOOLS[::-1]  # take turns going first
        for tool in order:
            seconds = timed(build_commands(mkdocs, site, project, outs[tool])[tool], outs[tool])
            results[tool].times.append(seconds)
            print(f"  {size_name}: {tool} run {run + 1}: {seconds:.2f} s", file=sys.stderr, flush=True)
    for tool in TOOLS:
        result, out = results[tool], outs[tool]
        result.size = folder_size(out)
        server, base = serve_in_thread(out, "/pt-guide/")
        try:
            result.visit = first_load(browser, base, out)
            other = base + ("faq/warning-signs/" if tool == "PT Guide" else "warning-signs/")
            offline_and_install(playwright, base, other, result.visit)
            report = ROOT / "reports" / "peer" / f"{work.name}-{tool.split()[0].lower()}-home.json"  # real-pt-home.json, …
            data = run_lighthouse(base, report)
            result.scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
        finally:
            server.shutdown()
            server.server_close()
        shutil.rmtree(out)  # MkDocs Material writes about 300 MiB for 1,000 questions
    return results


def kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MiB"


def ratio(mine: float, theirs: float) -> str:
    return "–" if not mine else f"{theirs / mine:,.1f}×"


def table(size_name: str, results: dict[str, Result]) -> str:
    pt, mk = results["PT Guide"], results["MkDocs Material"]

    def times(r: Result) -> str:
        return f"{statistics.median(r.times):.2f} s ({min(r.times):.2f}–{max(r.times):.2f})"

    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    def background(r: Result) -> str:
        v = r.visit
        return f"{v.background_requests} requests, {kib(v.background_bytes)} ({kib(v.background_gzip_bytes)} gzipped)"

    def installable(r: Result) -> str:
        return "yes" if not r.visit.installable_errors else "no: " + ", ".join(r.visit.installable_errors)

    rows = [
        ("Build time, median (min–max)", times(pt), times(mk), ratio(statistics.median(pt.times), statistics.median(mk.times))),
        ("HTML pages", f"{pt.size[1]:,}", f"{mk.size[1]:,}", ""),
        ("Output files", f"{pt.size[0]:,}", f"{mk.size[0]:,}", ratio(pt.size[0], mk.size[0])),
        ("Output bytes", kib(pt.size[2]), kib(mk.size[2]), ratio(pt.size[2], mk.size[2])),
        ("Output bytes, gzipped", kib(pt.size[3]), kib(mk.size[3]), ratio(pt.size[3], mk.size[3])),
        ("Home page first load: requests", str(pt.visit.requests), str(mk.visit.requests), ratio(pt.visit.requests, mk.visit.requests)),
        ("Home page first load: bytes", kib(pt.visit.bytes), kib(mk.visit.bytes), ratio(pt.visit.bytes, mk.visit.bytes)),
        ("Home page first load: bytes gzipped", kib(pt.visit.gzip_bytes), kib(mk.visit.gzip_bytes),
         ratio(pt.visit.gzip_bytes, mk.visit.gzip_bytes)),
        ("Then, in the background (offline copy)", background(pt), background(mk), ""),
        *[(f"Lighthouse {c} (home)", str(pt.scores[c]), str(mk.scores[c]), "") for c in CATEGORIES],
        ("Works offline after one visit (home reloaded)", yes(pt.visit.offline_home), yes(mk.visit.offline_home), ""),
        ("… and another page never opened", yes(pt.visit.offline_other), yes(mk.visit.offline_other), ""),
        ("Installable (Chromium's check)", installable(pt), installable(mk), ""),
    ]
    lines = [f"### {size_name}", "", "| | PT Guide | MkDocs Material | MkDocs ÷ PT Guide |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()[1].split()[1]
    chromium = subprocess.run([chromium_path() or "chromium", "--version"], capture_output=True, text=True).stdout.strip()
    mkdocs_version = subprocess.run([str(MKDOCS_VENV / "bin" / "python"), "-c",
                                     "import importlib.metadata as m; print(m.version('mkdocs-material'), m.version('mkdocs'))"],
                                    capture_output=True, text=True).stdout.split()
    from ptguide import __version__

    return (f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores ({cpu}), {memory} memory; "
            f"Python {platform.python_version()}; PT Guide {__version__}; MkDocs Material {mkdocs_version[0]} "
            f"(MkDocs {mkdocs_version[1]}); {chromium}; Lighthouse 12.2.3 (mobile)")


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per tool and size (default 5)")
    parser.add_argument("--sizes", default="real,1000", help="real, 1000 or both (default)")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "peer.md")
    args = parser.parse_args(argv)
    mkdocs = ensure_mkdocs()
    sections = []
    work = BENCH / "out"  # ignored by git; what was built stays there to look at
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        for size in args.sizes.split(","):
            if size == "real":
                site, name = ROOT / "site", "Real content (site/)"
            else:
                site = generate_site(work / "site-1000", GENERATED_TOTAL)
                name = f"{GENERATED_TOTAL:,} questions (site/ plus generated answers)"
            sections.append(table(name, measure(name, site, work / size, args.runs, mkdocs, playwright, browser)))
        browser.close()
    report = (f"## PT Guide and MkDocs Material, side by side\n\n{machine()}. {args.runs} builds of each, taking turns; "
              "build time is the wall time of the whole command (`freeze.py`, `mkdocs build`). First load: Chromium, "
              "cache disabled, 360×740, until the network is idle; bytes as served (no compression), and gzipped as "
              "GitHub Pages would send them. MkDocs Material with its defaults except `font: false` (no Google Fonts).\n\n"
              + "\n\n".join(sections) + "\n\nRerun: `make bench`.\n")
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
