"""What the quality checks share: the pages of a build, where each is served, and what each loads.

The page list comes from the build itself, so a page added to the site is checked without touching the checks.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"


def built_pages(build: Path) -> list[str]:
    """Every HTML page in a build, as a path inside it: index.html, faq/index.html, 404.html, …"""
    return sorted(p.relative_to(build).as_posix() for p in build.rglob("*.html"))


def page_address(page: str) -> str:
    """The address a page is served at, relative to the site's base: faq/index.html -> faq/; 404.html stays."""
    return page.removesuffix("index.html")


def loaded_files(build: Path, page: str) -> list[Path]:
    """The stylesheets and scripts a page loads, as files of the build (other origins are checked elsewhere)."""
    soup = BeautifulSoup((build / page).read_text("utf-8"), "html.parser")
    urls = [link["href"] for link in soup.select("link[href]") if "stylesheet" in link.get("rel", [])]
    urls += [script["src"] for script in soup.select("script[src]")]
    page_url = "http://site.test/" + page
    files = []
    for url in urls:
        target = urlsplit(urljoin(page_url, url))
        if target.netloc == "site.test":
            files.append(build / target.path.lstrip("/"))
    return files


def gzipped_size(data: bytes) -> int:
    """Bytes on the wire when a server gzips at the highest level."""
    return len(gzip.compress(data, 9, mtime=0))


def node_tool(relative: str) -> Path:
    """A file from an npm package of package-lock.json, with a clear message when `npm ci` has not run."""
    path = NODE_MODULES / relative
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make test` (or `npm ci`) to install the Node tools")
    return path
