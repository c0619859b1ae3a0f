"""The question filter's index, made at build time: each answer's words, and the publisher's synonym list.

The list page carries titles and summaries; this small file adds what the answers say and what
patients call it ("numb", "pee"), so the filter can find "pins and needles" in the warning signs.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from .content import Question, read_text
from .errors import ContentError, Problem

SYNONYMS_FILE = "search-synonyms.toml"
# Words too common to narrow a search; the filter ignores them in what is typed too (static/js/lib/faq-filter.js).
STOP_WORDS = frozenset("""a an and are as at be but by can do does for from has have how i if in into is it its
of on or so that the their them then there these they this to was we what when where which who will with you your
my me am im i'm myself not no can't cant don't dont""".split())
WORD = re.compile(r"[a-z0-9&]+(?:['-][a-z0-9]+)*")


def fold(text: str) -> str:
    """Lowercase without accents: the same folding the filter applies to what is typed."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


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


def load_synonyms(path: Path) -> list[list[str]]:
    """site/search-synonyms.toml as lists of folded terms; a missing file means no synonyms."""
    if not path.is_file():
        return []
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        raise ContentError.single(path, f"is not valid TOML: {err}", "check the quotes, commas and brackets on that line",
                                  int(line.group(1)) if line else None) from None
    groups = data.get("groups")
    fix = 'write groups = [ ["numb", "tingling"], ["pee", "bladder"] ]: lists of two or more words in double quotes'
    if set(data) - {"groups"} or not isinstance(groups, list):
        raise ContentError.single(path, "should hold one key, 'groups'", fix, 1)
    problems = []
    for number, group in enumerate(groups, 1):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(t, str) and t.strip() for t in group):
            needle = f"[{json.dumps(group[0])}" if isinstance(group, list) and group and isinstance(group[0], str) else "["
            line = next((n for n, row in enumerate(text.splitlines(), 1) if needle in row and n > 1), None)
            problems.append(Problem(path, f"synonym group number {number} is not a list of two or more words", fix, line))
    if problems:
        raise ContentError(problems)
    return [[fold(t).strip() for t in group] for group in groups]


def build_index(questions: list[Question], synonyms: list[list[str]]) -> dict:
    """Per question (in list order) its slug and the words of its title, summary and answer; plus the synonyms."""
    rows = []
    for q in questions:
        answer = html_text(q.html)
        rows.append([q.slug, " ".join(words_of(f"{q.title} {q.summary} {answer}"))])
    return {"version": 1, "questions": rows, "synonyms": synonyms}


def index_json(questions: list[Question], synonyms: list[list[str]]) -> str:
    return json.dumps(build_index(questions, synonyms), ensure_ascii=False, separators=(",", ":"))
