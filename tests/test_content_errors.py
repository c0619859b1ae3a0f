"""A publisher's content mistake stops the build with the file, the line and a fix, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from ptguide import create_app
from ptguide.errors import ContentError

# fixture file -> (line the message must name or None, words the message must contain)
CASES = {
    "bad-yaml.md": (4, "not valid YAML"),
    "missing-title.md": (2, "no 'title'"),
    "duplicate-order.md": (None, "order '10' is also used"),
    "duplicate-slug.md": (None, "slug 'warning-signs' is also used"),
    "empty-answer.md": (7, "answer is empty"),
    "broken-link.md": (9, "how-much-pain-is-okay.md"),
    "unknown-source.md": (5, "'a-blog-post' is not in site/sources.toml"),
    "unknown-placeholder.md": (9, "unknown placeholder '{{emergency_number}}'"),
    "no-front-matter.md": (1, "has no front matter"),
    "not-utf8.md": (7, "not UTF-8"),
    "missing-group.md": (2, "has no 'group:' while other answers have one"),
    "typo-group.md": (4, "is nearly 'Warning signs and getting help'"),
}


def break_site(site_copy, fixture: str):
    shutil.copy(FIXTURES / "faq" / fixture, site_copy / "faq" / fixture)
    return site_copy


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_each_content_mistake_names_the_file_the_line_and_the_fix(site_copy, fixture):
    line, words = CASES[fixture]
    break_site(site_copy, fixture)
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    problems = caught.value.problems
    matching = [p for p in problems if words in p.message]
    assert matching, f"no problem mentions {words!r}: {[str(p) for p in problems]}"
    problem = matching[0]
    assert problem.path.name == fixture or "also used" in words
    if line is not None:
        assert problem.line == line
    assert problem.fix, "every problem says how to fix it"


@pytest.mark.parametrize("line, fix", [
    ("title: 2026-01-01", 'put the words in quotes, such as title: "2026-01-01"'),
    ("title: 12", 'put the words in quotes, such as title: "12"'),
    ('order: "95"', "write a whole number without quotes, such as order: 10"),
], ids=["a date as the title", "a number as the title", "the order in quotes"])
def test_a_front_matter_value_of_the_wrong_kind_gets_an_example_fix(site_copy, line, fix):
    answer = site_copy / "faq" / "painkillers.md"
    key = line.split(":")[0]
    text = answer.read_text("utf-8")
    start = text.index(f"\n{key}:") + 1
    answer.write_text(text[:start] + line + text[text.index("\n", start):], "utf-8")
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    (problem,) = [p for p in caught.value.problems if p.path == answer]
    assert problem.fix == fix and problem.line == text[:start].count("\n") + 1


def test_a_build_with_a_broken_answer_exits_nonzero_without_a_traceback_and_keeps_the_old_build(site_copy, tmp_path):
    out = tmp_path / "build"
    good = subprocess.run([sys.executable, "freeze.py", "--site", str(site_copy), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    break_site(site_copy, "bad-yaml.md")
    bad = subprocess.run([sys.executable, "freeze.py", "--site", str(site_copy), "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True)

    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "bad-yaml.md:4" in bad.stderr and "Fix:" in bad.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "no half-written folder is left behind"


def test_every_problem_in_a_folder_is_reported_at_once(site_copy):
    for fixture in ("missing-title.md", "broken-link.md"):
        break_site(site_copy, fixture)
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    assert {p.path.name for p in caught.value.problems} >= {"missing-title.md"}
