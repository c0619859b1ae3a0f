"""The question filter's index, made at build time: each answer's words, and the publisher's synonym list.

The list page carries titles and summaries; this small file adds what the answers say and what
patients call it ("numb", "pee"), so the filter can find "pins and needles" in the warning signs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from .content import Question, parse_toml
from .errors import ContentError, Problem
from .site_files import read_text

SYNONYMS_FILE = "search-synonyms.toml"
# Words too common to narrow a search; the filter ignores them in what is typed too (static/js/lib/faq-filter.js).
STOP_WORDS = frozenset("""a an and are as at be but by can do does for from has have how i if in into is it its
of on or so that the their them then there these they this to was we what when where which who will with you your
my me am im i'm myself not no can't cant don't dont""".split())
WORD = re.compile(r"[a-z0-9&]+(?:-[a-z0-9]+)*")


def fold(text: str) -> str:
    """Lowercase without accents or apostrophes ("can't" = "cant"): the folding the filter applies to what is typed."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
    return plain.replace("'", "").replace("\u2019", "")


def words_of(text: str) -> list[str]:
    """The distinct words of a text, in first-seen order, without stop words."""
    seen: dict[str, None] = {}
    for word in WORD.findall(fold(text)):
        if word not in STOP_WORDS:
            seen.setdefault(word, None)
    return list(seen)


class _Text(HTMLParser):
    """An answer's text without its tags (the standard library's parser: the build needs no other)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def load_synonyms(path: Path, slugs: set[str] | None = None) -> tuple[list[list[str]], list[list]]:
    """site/search-synonyms.toml as (synonym groups, put-first rules), folded; a missing file means neither.

    A put-first rule names an answer and the words that bring it to the top of the list: the warning signs
    first for "numb" or "bladder", whatever else the words match.
    """
    if not path.is_file():
        return [], []
    text = read_text(path)
    rows = text.splitlines()
    data = parse_toml(path, text, "check the quotes, commas and brackets on that line")
    groups = data.get("groups")
    fix = 'write groups = [ ["numb", "tingling"], ["pee", "bladder"] ]: lists of two or more words in double quotes'
    if set(data) - {"groups", "first"} or not isinstance(groups, list):
        raise ContentError.single(path, "should hold the key 'groups' and, after it, [[first]] tables", fix, 1)
    problems = []
    for number, group in enumerate(groups, 1):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(t, str) and t.strip() for t in group):
            needle = f"[{json.dumps(group[0])}" if isinstance(group, list) and group and isinstance(group[0], str) else "["
            line = next((n for n, row in enumerate(rows, 1) if needle in row and n > 1), None)
            problems.append(Problem(path, f"synonym group number {number} is not a list of two or more words", fix, line))
    first = data.get("first", [])
    first_fix = 'write [[first]] then answer = "warning-signs" and words = ["numb", "bladder"]: an answer\'s file name'
    if not isinstance(first, list):
        problems.append(Problem(path, "'first' should be [[first]] tables", first_fix, None))
        first = []
    starts = [n for n, row in enumerate(rows, 1) if row.strip() == "[[first]]"]
    for number, rule in enumerate(first, 1):
        line = starts[number - 1] if number <= len(starts) else None
        words = rule.get("words") if isinstance(rule, dict) else None
        answer = rule.get("answer") if isinstance(rule, dict) else None
        if not isinstance(rule, dict) or set(rule) != {"answer", "words"} or not isinstance(answer, str) \
                or not isinstance(words, list) or not words or not all(isinstance(t, str) and t.strip() for t in words):
            problems.append(Problem(path, f"[[first]] number {number} needs answer = \"...\" and a list of words", first_fix,
                                    line))
        elif slugs is not None and answer not in slugs:
            problems.append(Problem(path, f"[[first]] number {number} names the answer '{answer}', which does not exist",
                                    f"use the file name of an answer in faq/, without .md (such as {sorted(slugs)[0]})",
                                    line))
    if problems:
        raise ContentError(problems)
    return ([[fold(t).strip() for t in group] for group in groups],
            [[rule["answer"], [fold(t).strip() for t in rule["words"]]] for rule in first])


def build_index(questions: list[Question], synonyms: tuple[list[list[str]], list[list]]) -> dict:
    """Per question (in list order) its slug and the words of its title, summary and answer; the synonyms; and
    the put-first rules as [answer, words]."""
    rows = []
    for q in questions:
        answer = html_text(q.html)
        rows.append([q.slug, " ".join(words_of(f"{q.title} {q.summary} {answer}"))])
    groups, first = synonyms
    return {"version": 1, "questions": rows, "synonyms": groups, "first": first}


def index_json(questions: list[Question], synonyms: tuple[list[list[str]], list[list]]) -> str:
    return json.dumps(build_index(questions, synonyms), ensure_ascii=False, separators=(",", ":"))
