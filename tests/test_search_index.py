"""The filter's index: made at build time, small, precached, and in step with the filter's own rules."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from ptguide.errors import ContentError
from ptguide.search_index import STOP_WORDS, load_synonyms
from ptguide.service_worker import precache_entries
from quality import gzipped_size


def test_the_index_holds_every_answer_and_the_synonyms(built_site):
    index = json.loads((built_site / "faq" / "search-index.json").read_text("utf-8"))
    slugs = [row[0] for row in index["questions"]]
    assert slugs == sorted(slugs, key=slugs.index) and "warning-signs" in slugs
    words = dict(index["questions"])["warning-signs"].split()
    assert "tingling" in words and "bladder" in words and "fever" in words
    assert ["numb", "numbness", "tingling", "tingle", "tingly", "pins and needles", "loss of feeling"] in index["synonyms"]


def test_the_service_worker_precaches_the_index_and_it_stays_small(built_site):
    assert "faq/search-index.json" in {e["url"] for e in precache_entries(built_site)}
    assert gzipped_size((built_site / "faq" / "search-index.json").read_bytes()) < 10 * 1024


def test_the_filter_and_the_index_leave_out_the_same_stop_words():
    script = (ROOT / "static" / "js" / "lib" / "faq-filter.js").read_text("utf-8")
    listed = re.search(r"STOP_WORDS = new Set\(`([^`]*)`", script).group(1).split()
    assert set(listed) == STOP_WORDS


@pytest.mark.parametrize(("text", "words"), [
    ('groups = [["numb"]]', "not a list of two or more words"),
    ('groups = "numb"', "should hold one key, 'groups'"),
    ('groups = [["numb", "tingling"]', "not valid TOML"),
])
def test_a_broken_synonym_list_names_the_file_and_the_fix(tmp_path, text, words):
    path = tmp_path / "search-synonyms.toml"
    path.write_text(text + "\n")
    with pytest.raises(ContentError) as caught:
        load_synonyms(path)
    (problem,) = caught.value.problems
    assert words in problem.message and problem.fix and "search-synonyms.toml" in str(problem)
