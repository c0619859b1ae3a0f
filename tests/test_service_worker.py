"""The precache list covers every file of the build, with revisions that follow the content."""

from __future__ import annotations

import hashlib
import json
import re

from conftest import FIXED_DATE
from ptguide import create_app
from ptguide.freezing import freeze_site
from ptguide.service_worker import NOT_PRECACHED, NOT_PRECACHED_FOLDERS


def precache_list(build) -> list[dict]:
    text = (build / "sw.js").read_text("utf-8")
    return json.loads(re.search(r"const PRECACHE ?= ?(\[.*?\]);", text).group(1))


def file_for(url: str) -> str:
    return "index.html" if url == "./" else url + "index.html" if url.endswith("/") else url


def test_every_file_of_the_build_is_precached_and_nothing_else(built_site):
    entries = precache_list(built_site)
    listed = {file_for(e["url"]) for e in entries}
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    expected = {f for f in files if f not in NOT_PRECACHED and not f.startswith(NOT_PRECACHED_FOLDERS)}
    assert listed == expected
    assert len(entries) == len(listed), "no file is listed twice"


def test_each_revision_is_the_hash_of_the_file_it_names(built_site):
    for entry in precache_list(built_site):
        content = (built_site / file_for(entry["url"])).read_bytes()
        assert entry["revision"] == hashlib.sha256(content).hexdigest()[:10], entry["url"]


def test_pages_are_listed_in_the_url_form_the_links_use(built_site):
    urls = {e["url"] for e in precache_list(built_site)}
    assert "./" in urls and "faq/" in urls and "about/" in urls
    assert not any(u.endswith("index.html") for u in urls)
    assert not any(u.startswith("/") for u in urls)


def test_changing_one_answer_changes_the_service_worker(site_copy, tmp_path):
    first = freeze_site(create_app({"SITE_DIR": site_copy, "BUILD_DATE": FIXED_DATE}), tmp_path / "one").destination
    answer = site_copy / "faq" / "does-pt-work.md"
    answer.write_text(answer.read_text() + "\nOne more sentence.\n")
    second = freeze_site(create_app({"SITE_DIR": site_copy, "BUILD_DATE": FIXED_DATE}), tmp_path / "two").destination
    assert (first / "sw.js").read_bytes() != (second / "sw.js").read_bytes()


def test_the_manifest_is_served_with_its_own_mime_type_and_relative_urls(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["start_url"] == "./" and manifest["scope"] == "./"
    assert len(manifest["short_name"]) <= 12
    assert {i["purpose"] for i in manifest["icons"]} == {"any", "maskable"}
    assert all(not i["src"].startswith("/") for i in manifest["icons"] + manifest["screenshots"])
    assert {s["form_factor"] for s in manifest["screenshots"]} == {"narrow", "wide"}


def test_the_dev_server_does_not_register_a_service_worker(client):
    assert b"ptguide-service-worker" not in client.get("/").data
