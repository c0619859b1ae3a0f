"""Installable, offline after one visit, updates on request, and separate from other apps on the origin."""

from __future__ import annotations

import shutil

import pytest

from browser import PageWatch, launch_options
from conftest import FIXED_DATE
from ptguide import create_app
from ptguide.freezing import freeze_site
from ptguide.static_server import serve_in_thread
from test_freeze import EXPECTED_PAGES

pytestmark = pytest.mark.browser

PAGE_PATHS = sorted(p.removesuffix("index.html") for p in EXPECTED_PAGES if p != "404.html")


def wait_until_offline_ready(page) -> None:
    page.get_by_text("Ready to work offline").wait_for()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def offline_after_one_visit(browser, url: str, **context_options):
    """A new browser context that visited `url` once, waited until the app was ready offline, then lost the network."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(url)
    wait_until_offline_ready(page)
    context.set_offline(True)
    return context, page


def installability(playwright, profile, url: str) -> tuple[dict, list]:
    """The manifest Chromium read at `url` and its installability errors, once the app is ready offline.
    Chromium only judges installability in a persistent profile, as a real user's browser is."""
    context = playwright.chromium.launch_persistent_context(str(profile), **launch_options())
    page = context.new_page()
    page.goto(url)
    wait_until_offline_ready(page)
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    context.close()
    return manifest, errors


def build(site_dir, out):
    return freeze_site(create_app({"SITE_DIR": site_dir, "BUILD_DATE": FIXED_DATE}), out).destination


def publish_new_version(site_dir, out) -> None:
    """Change one answer's title and rebuild into the served folder: what a publisher's next release looks like."""
    answer = site_dir / "faq" / "does-pt-work.md"
    answer.write_text(answer.read_text().replace("title: Does physical therapy work for back pain?",
                                                 "title: Does physical therapy help back pain?"))
    build(site_dir, out)


def test_chromium_finds_the_app_installable_with_a_valid_manifest(playwright, built_site, tmp_path):
    server, base = serve_in_thread(built_site, "/pt-guide/")
    manifest, errors = installability(playwright, tmp_path / "profile", base)
    server.shutdown()
    server.server_close()
    assert manifest["errors"] == []
    assert manifest["url"].endswith("/pt-guide/manifest.webmanifest")
    assert errors == []


def test_after_one_visit_every_page_opens_with_the_network_off(browser, served_site):
    context, page = offline_after_one_visit(browser, served_site)
    watch = PageWatch().attach(page)
    for path in PAGE_PATHS:
        response = page.goto(served_site + path)
        assert response.status == 200 and response.from_service_worker, path
        assert page.locator("h1").count() == 1
        assert page.locator(".app-header").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    missing = served_site + "faq/no-such-question/"
    watch.expected_statuses[missing] = 404
    response = page.goto(missing)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    home = page.get_by_role("link", name="Go to the PT Guide home page")
    home.wait_for()
    assert home.get_attribute("href") == served_site, "the not-found page finds the app's home from the worker's scope"
    context.close()
    assert not watch.problems


def test_a_new_version_waits_for_reload_then_replaces_the_old_cache_and_still_works_offline(browser, site_copy, tmp_path):
    out = build(site_copy, tmp_path / "served")
    server, base = serve_in_thread(out, "/pt-guide/")
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "faq/")
    wait_until_offline_ready(page)
    assert page.get_by_text("Does physical therapy work for back pain?").count() == 1

    publish_new_version(site_copy, out)
    page.reload()
    assert page.get_by_text("Does physical therapy work for back pain?").count() == 1, "no swap under the patient's fingers"
    page.get_by_text("A new version is ready.").wait_for()
    with page.expect_navigation():
        page.get_by_role("button", name="Reload").click()
    page.get_by_text("Does physical therapy help back pain?").wait_for()

    caches = page.evaluate("caches.keys()")
    assert len([c for c in caches if c.startswith("ptguide-precache:")]) == 1
    context.set_offline(True)
    assert page.goto(base + "faq/does-pt-work/").status == 200
    assert page.locator("h1").inner_text() == "Does physical therapy help back pain?"
    context.close()
    server.shutdown()
    server.server_close()


def test_two_copies_on_one_origin_keep_separate_caches(browser, site_copy, tmp_path):
    one = build(site_copy, tmp_path / "one")
    two = tmp_path / "two"
    shutil.copytree(one, two)
    server, origin = serve_in_thread(mounts={"/one/": one, "/two/": two})
    context = browser.new_context()
    page = context.new_page()
    for prefix in ("one/", "two/"):
        page.goto(origin + prefix)
        wait_until_offline_ready(page)

    answer = site_copy / "faq" / "does-pt-work.md"
    answer.write_text(answer.read_text() + "\nA changed answer.\n")
    build(site_copy, two)
    page.goto(origin + "two/")
    page.get_by_text("A new version is ready.").wait_for()
    with page.expect_navigation():
        page.get_by_role("button", name="Reload").click()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    caches = page.evaluate("caches.keys()")
    assert len([c for c in caches if "/one/" in c]) == 1, caches
    assert len([c for c in caches if "/two/" in c]) == 1, caches
    context.set_offline(True)
    for prefix in ("one/", "two/"):
        assert page.goto(origin + prefix + "about/").status == 200
    context.close()
    server.shutdown()
    server.server_close()
