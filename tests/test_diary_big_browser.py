"""A diary of 10,000 entries in a real Chromium, served under a subpath (issue 12, "Fast at any size").

The first view reads only the newest entries; the whole diary is read when the page is idle, and before any
change. These tests hold the patient's side of that: what the first view shows is what the whole read shows,
a bad old entry is still set aside, and a save never writes a diary that was only partly read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import PageWatch
from test_diary_browser import KEY, add_entry, stored

# A diary this version saved: the first view's short read is for the current schema (an older one is migrated whole).
DIARY_SCHEMA = int(re.search(r"DIARY_SCHEMA = (\d+)",
                             (Path(__file__).resolve().parent.parent / "static/js/lib/diary-model.js").read_text()).group(1))

pytestmark = pytest.mark.browser

VIEW = ("#diary-list", "#diary-period-text", "#diary-more", "#diary-observations", "#diary-weeks")
# Copies what the page shows the moment it says it is ready, before anything it left for when it is idle.
FIRST_VIEW_SCRIPT = """
new MutationObserver((_, watch) => {
  const root = document.querySelector('.app-diary[data-ready]');
  if (!root) return;
  watch.disconnect();
  window.__firstView = SELECTORS.map((s) => document.querySelector(s).textContent);
  window.__firstProblems = document.getElementById('diary-problems').textContent;
}).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
""".replace("SELECTORS", json.dumps(list(VIEW)))


def big_diary(today: dt.date) -> tuple[str, list[dict]]:
    """10,000 good entries, four a day back from today (stored oldest first), and one bad one from 2001."""
    good = []
    for i in range(10000):
        day = today - dt.timedelta(days=i // 4)
        good.append({"id": f"big-{i:05d}", "at": f"{day.isoformat()}T{18 - 4 * (i % 4):02d}:00",
                     "painBefore": 2, "painDuring": i % 5, "painAfter": 3, "painNextMorning": None, "reach": "back",
                     "side": None, "feelings": ["aching"], "exercises": ["Bridges", f"Walk {i % 3}"], "note": "", "check": None})
    # The newest: pain in both legs to the foot, and a next morning worse than before and above the limit.
    good[0].update(side="both", reach="foot", painNextMorning=7, note="the newest")
    bad = {**good[-1], "id": "bad-old", "at": "2001-03-04T10:00", "painBefore": 11}
    stored_entries = [*reversed(good[5000:]), bad, *reversed(good[:5000])]
    # Python's spacing, as an older tool might have stored it: the page must not depend on its own layout.
    return json.dumps({"schema": DIARY_SCHEMA, "savedAt": "2026-11-01T08:00:00.000Z", "data": {"entries": stored_entries}}), good


def open_big(phone, base: str, never_idle: bool = False):
    today = dt.date.today()
    raw, good = big_diary(today)
    phone.add_init_script(f"if (!localStorage.getItem({KEY!r})) localStorage.setItem({KEY!r}, {json.dumps(raw)});")
    phone.add_init_script(FIRST_VIEW_SCRIPT)
    if never_idle:
        # The page is never idle: whatever it left for later has not happened when the patient saves.
        phone.add_init_script("window.requestIdleCallback = () => 0;")
    page = phone.new_page()
    page.watch = PageWatch().attach(page)
    page.goto(base + "diary/")
    page.wait_for_selector(".app-diary[data-ready]")
    return page, today, good


def test_ten_thousand_entries_first_view_shows_the_latest_entries_counts_and_observations_of_the_whole_diary(phone, served_under_subpath):
    page, today, good = open_big(phone, served_under_subpath)
    first = dict(zip(VIEW, page.evaluate("window.__firstView"), strict=True))
    # The latest entries, newest first.
    newest = dt.date.fromisoformat(good[0]["at"][:10])
    assert first["#diary-list"].startswith(f"{newest:%a} {newest.day} {newest:%b} {newest.year}, 18:00")
    assert "the newest" in first["#diary-list"]
    # The default four weeks (Monday three weeks ago to today): four entries a day.
    start = today - dt.timedelta(days=today.weekday() + 21)
    count = 4 * ((today - start).days + 1)
    assert first["#diary-period-text"].endswith(f": {count} entries.")
    assert first["#diary-more"] == f"Show {min(50, count - 50)} more ({count - 50} not shown yet)"
    assert first["#diary-weeks"].count("Week of") == 4
    # The observations of the newest entries: both legs first, then the next morning.
    for words in ("both legs", "pain the next morning was higher", "above 5 out of 10"):
        assert words in first["#diary-observations"]
    assert not page.evaluate("window.__firstProblems")
    # Once idle, the whole diary is read: the bad old entry is set aside alone, and nothing shown changes.
    expect(page.locator("#diary-problems")).to_contain_text("Some entries of your diary could not be read")
    assert [page.locator(selector).text_content() for selector in VIEW] == list(first.values())
    kept = stored(page)["data"]["entries"]
    assert len(kept) == 10000 and "bad-old" not in {e["id"] for e in kept}
    aside = page.evaluate(f"Object.keys(localStorage).filter((k) => k.startsWith({KEY + ':set-aside:'!r}))")
    assert len(aside) == 1
    assert [e["id"] for e in json.loads(page.evaluate("k => localStorage.getItem(k)", aside[0]))["data"]["entries"]] == ["bad-old"]
    assert not page.watch.problems


def test_a_save_before_the_page_was_idle_keeps_all_ten_thousand_entries_and_the_new_one(phone, served_under_subpath):
    page, _, good = open_big(phone, served_under_subpath, never_idle=True)
    add_entry(page, During_exercise=1, note="entry 10,001")
    expect(page.locator("#diary-form-message")).to_contain_text("Entry saved")
    kept = stored(page)["data"]["entries"]
    assert len(kept) == 10001
    assert {e["id"] for e in kept} == {e["id"] for e in good} | {kept[-1]["id"]}
    assert kept[-1]["note"] == "entry 10,001"
    # Stored as the whole read normalises it: every entry complete, the bad old one set aside, not saved.
    assert all(e["rev"] == 1 for e in kept)
    expect(page.locator("#diary-problems")).to_contain_text("Some entries of your diary could not be read")
    first_item = page.locator("#diary-list > li").first
    assert "entry 10,001" in first_item.text_content() or "the newest" in first_item.text_content()
    assert not page.watch.problems
