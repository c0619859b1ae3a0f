"""Write the static site: freeze every page into a temporary folder, then swap it in whole."""

from __future__ import annotations

import gzip
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, url_for
from flask_frozen import Freezer

from . import site_pages
from .assets import bundle_files, clean_generated
from .pwa import public_files
from .service_worker import write_service_worker


@dataclass
class BuildReport:
    """What a build wrote, for the command's summary line."""

    destination: Path
    pages: int
    files: int
    bytes: int
    gzip_bytes: int
    seconds: float

    def summary(self) -> str:
        return (f"Built {self.pages} pages ({self.files} files, {self.bytes / 1024:.1f} KiB, "
                f"{self.gzip_bytes / 1024:.1f} KiB gzipped) into {self.destination} in {self.seconds:.2f} s")


def bundle_pages(app: Flask) -> list[tuple[str, dict]]:
    """The built bundles and public static files as endpoints, so the freezer writes exactly these."""
    prefix = app.static_url_path + "/"
    names = [url.removeprefix(prefix) for url in bundle_files(app)] + public_files(app)
    return [("static", {"filename": name}) for name in names]


def page_urls(app: Flask) -> list[str]:
    """Root-relative URL of every page, in the form the site's own links use (folders end in /)."""
    with app.test_request_context():
        return [url_for(endpoint, **values) for endpoint, values in site_pages(app)]


def make_freezer(app: Flask, destination: Path) -> Freezer:
    """A freezer that writes exactly our page list and bundles, nothing it guesses."""
    app.config.update(
        FREEZING=True,  # pages then register the service worker, which only exists in a build
        FREEZER_DESTINATION=str(destination),
        FREEZER_REMOVE_EXTRA_FILES=False,  # the destination is always a fresh temporary folder
        FREEZER_IGNORE_404_NOT_FOUND=False,
        FREEZER_REDIRECT_POLICY="error",
    )
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)

    @freezer.register_generator
    def every_page():
        yield from site_pages(app)
        yield from bundle_pages(app)

    return freezer


def _write_extras(destination: Path) -> None:
    # GitHub Pages would otherwise run Jekyll, which hides files and folders starting with "_".
    (destination / ".nojekyll").write_bytes(b"")


def freeze_site(app: Flask, destination: Path) -> BuildReport:
    """Build into a temporary folder beside `destination`, then replace it; on any error the old build stays."""
    started = time.perf_counter()
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    clean_generated(app)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.new-", dir=destination.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server needs to read it
    try:
        make_freezer(app, staging).freeze()
        _write_extras(staging)
        write_service_worker(app, staging)  # last: its precache list is made from the finished files
        report = _measure(staging, len(page_urls(app)))
        _swap_in(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.destination = destination
    report.seconds = time.perf_counter() - started
    return report


def _swap_in(staging: Path, destination: Path) -> None:
    # A rename is atomic; a folder cannot be renamed over a non-empty one, so the old one moves aside first.
    old = None
    if destination.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{destination.name}.old-", dir=destination.parent))
        destination.rename(old / "previous")
    staging.rename(destination)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _measure(folder: Path, pages: int) -> BuildReport:
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)  # what a web server typically sends
    return BuildReport(folder, pages, len(files), raw, gz, 0.0)
