"""Versions never fight: an old tab and a new build on one origin, both ways, with two real builds.

The "new" build is this build with the diary's schema raised to 4 (and a 3 -> 4 step), the way a
future release would raise it: the point is what each version does with the other's data.
"""

from __future__ import annotations

import json
import re
import shutil
import threading

import pytest

from browser import PageWatch
from ptguide.static_server import make_server
from test_diary_browser import KEY, add_entry, entries, stored

pytestmark = pytest.mark.browser

NEWER = "saved by a newer version of PT Guide: reload to update"


@pytest.fixture(scope="module")
def two_builds(built_site, tmp_path_factory):
    """The old and the new build, and a server at /pt-guide/ whose `switch(name)` swaps which is served."""
    root = tmp_path_factory.mktemp("versions")
    old, new = root / "old", root / "new"
    shutil.copytree(built_site, old)
    shutil.copytree(built_site, new)
    raised = 0
    for bundle in (new / "static" / "gen").glob("diary*.js"):
        text = bundle.read_text("utf-8")
        text, count = re.subn(r"(?<![A-Z_])DIARY_SCHEMA=3;", "DIARY_SCHEMA=4;", text)
        # The next morning's question (in the diary's bundle) reads the same schema.
        text = text.replace("SESSION_MORNING_DIARY_SCHEMA=3;", "SESSION_MORNING_DIARY_SCHEMA=4;")
        text = text.replace("DIARY_MIGRATIONS={1:diaryMigrate1to2,2:diaryMigrate2to3}",
                            "DIARY_MIGRATIONS={1:diaryMigrate1to2,2:diaryMigrate2to3,3:(d)=>d}")
        raised += count
        bundle.write_text(text, "utf-8")
    assert raised == 1, "the page bundle carries the schema (the share bundle uses the page's model)"
    link = root / "served"
    link.symlink_to(old, target_is_directory=True)

    def switch(name: str) -> None:
        link.unlink()
        link.symlink_to(root / name, target_is_directory=True)

    server = make_server(link, "/pt-guide/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/pt-guide/diary/", switch
    server.shutdown()
    server.server_close()


@pytest.fixture
def context(browser):
    # No service worker, so that each tab runs the build the server gives it now.
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    yield context
    context.close()


def open_diary(context, url):
    page = context.new_page()
    page.watch = PageWatch().attach(page)
    page.goto(url)
    page.wait_for_selector(".app-diary[data-ready]")
    page.get_by_label("Show", exact=True).select_option("0")
    return page


def set_aside_keys(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.includes(':set-aside:'))")


def test_an_old_tab_open_while_the_new_version_upgrades_keeps_its_hands_off(two_builds, context):
    url, switch = two_builds
    switch("old")
    old_tab = open_diary(context, url)
    add_entry(old_tab, at="2026-11-02T09:00", During_exercise=3, note="first")
    add_entry(old_tab, at="2026-11-03T09:00", During_exercise=4, note="second")

    switch("new")
    new_tab = open_diary(context, url)
    assert len(entries(new_tab)) == 2
    assert stored(new_tab)["schema"] == 4
    before = new_tab.evaluate(f"localStorage.getItem({KEY + ':before-update'!r})")
    assert json.loads(before)["schema"] == 3, "the copy from before the update is kept"

    # The old tab heard the upgrade: it leaves the data alone, says why, and saves nothing.
    old_tab.wait_for_function("() => document.getElementById('diary-problems').textContent.includes('newer version')")
    assert NEWER in old_tab.locator("#diary-problems").text_content()
    assert len(entries(old_tab)) == 2, "what it showed stays on screen"
    assert old_tab.get_by_role("button", name="Save entry").is_disabled()
    upgraded = stored(new_tab)
    old_tab.get_by_label("Note", exact=True).fill("typed in the old tab")
    assert stored(old_tab) == upgraded
    assert set_aside_keys(old_tab) == []

    add_entry(new_tab, at="2026-11-04T09:00", During_exercise=2, note="third")
    assert new_tab.evaluate(f"localStorage.getItem({KEY + ':before-update'!r})") is None, "dropped after the first save"
    old_tab.close()
    new_tab.reload()
    new_tab.wait_for_selector(".app-diary[data-ready]")
    new_tab.get_by_label("Show", exact=True).select_option("0")
    assert [e["note"] for e in stored(new_tab)["data"]["entries"]] == ["first", "second", "third"]
    assert len(entries(new_tab)) == 3
    assert set_aside_keys(new_tab) == []
    assert not new_tab.watch.problems


def test_an_old_version_opened_after_the_new_one_shows_why_and_changes_nothing(two_builds, context):
    url, switch = two_builds
    switch("new")
    new_tab = open_diary(context, url)
    add_entry(new_tab, at="2026-11-02T09:00", During_exercise=5, note="saved by the new version")
    upgraded = stored(new_tab)
    assert upgraded["schema"] == 4
    new_tab.close()

    switch("old")
    old_tab = open_diary(context, url)
    assert NEWER in old_tab.locator("#diary-problems").text_content()
    assert old_tab.get_by_role("button", name="Save entry").is_disabled()
    old_tab.get_by_label("Note", exact=True).fill("typed while the old version was open")
    old_tab.evaluate("document.getElementById('diary-form').requestSubmit()")
    assert stored(old_tab) == upgraded
    assert set_aside_keys(old_tab) == []

    # Reloading into the new version: the diary is all there, and the typing comes back as a draft.
    switch("new")
    old_tab.reload()
    old_tab.wait_for_selector(".app-diary[data-ready]")
    old_tab.get_by_label("Show", exact=True).select_option("0")
    assert old_tab.locator("#diary-problems").text_content() == ""
    assert "saved by the new version" in old_tab.locator("#diary-list").text_content()
    assert old_tab.get_by_label("Note", exact=True).input_value() == "typed while the old version was open"
    assert not old_tab.watch.problems
