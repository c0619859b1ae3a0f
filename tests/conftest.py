"""Shared fixtures: the app, a frozen build, a GitHub-Pages-like server and a real Chromium."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ptguide import create_app
from ptguide.freezing import freeze_site
from ptguide.static_server import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
FIXED_DATE = dt.date(2026, 11, 1)


@pytest.fixture
def app():
    return create_app({"TESTING": True, "BUILD_DATE": FIXED_DATE})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A writable copy of the real site/ folder, for tests that break it on purpose."""
    target = tmp_path / "site"
    shutil.copytree(ROOT / "site", target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site frozen once for the whole session."""
    out = tmp_path_factory.mktemp("frozen") / "build"
    freeze_site(create_app({"BUILD_DATE": FIXED_DATE}), out)
    return out


@pytest.fixture(scope="session", params=["/", "/pt-guide/", "/a/b/"], ids=["root", "repo", "nested"])
def served_site(request, built_site):
    """The build served at a domain root, a GitHub Pages project path and a deeper path."""
    server, base_url = serve_in_thread(built_site, request.param)
    yield base_url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served_under_subpath(built_site):
    server, base_url = serve_in_thread(built_site, "/pt-guide/")
    yield base_url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    from browser import launch_options

    chromium = playwright.chromium.launch(**launch_options())
    yield chromium
    chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh browser context the size of a phone."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()
