"""Load the FAQ: one Markdown file per question in site/faq/, with YAML front matter."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml
from markupsafe import Markup

from .errors import ContentError, Problem
from .markdown_links import QuestionLinks

# libyaml's safe loader when PyYAML has it: ten times faster on a big site, same errors and line numbers.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
REQUIRED = {"title": str, "order": int, "summary": str, "sources": list}
OPTIONAL = {"slug": str, "group": str}
SOURCE_KINDS = {"clinical", "writing", "other"}
# Above this many questions, the home page lists them under their `group:` headings.
GROUP_FROM = 12


@dataclass(frozen=True)
class Source:
    """A published source that answers cite by id."""

    id: str
    title: str
    publisher: str
    url: str = ""
    kind: str = "clinical"  # or "writing" (how we wrote this) or "other" (a campaign, the clinic's pages), listed apart


@dataclass
class Question:
    """One FAQ entry: its metadata and its answer rendered to HTML."""

    slug: str
    title: str
    order: int
    summary: str
    sources: list[Source]
    path: Path
    body: str = field(repr=False)
    group: str = ""
    html: Markup = field(default=Markup(""), repr=False)

    def __html__(self) -> str:
        return self.html


@dataclass
class Content:
    """Everything loaded from site/: questions in reading order, and the sources."""

    questions: list[Question]
    sources: list[Source]
    positions: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.positions = {q.slug: i for i, q in enumerate(self.questions)}

    def question(self, slug: str) -> Question | None:
        index = self.positions.get(slug)
        return None if index is None else self.questions[index]


def read_text(path: Path) -> str:
    """Read a file as strict UTF-8, turning a wrong encoding into a ContentError."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise ContentError.single(
            path, f"is not UTF-8 text (byte {err.start} cannot be read)", "save the file with UTF-8 encoding", line
        ) from None


def parse_toml(path: Path, text: str, fix: str) -> dict:
    """Parse a content TOML file; a syntax mistake stops the build with the file, its line and `fix`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        raise ContentError.single(path, f"is not valid TOML: {err}", fix, int(line.group(1)) if line else None) from None


def load_sources(path: Path) -> list[Source]:
    """Read site/sources.toml."""
    text = read_text(path)
    data = parse_toml(path, text, "check the quotes and = signs on that line")
    problems, sources, seen = [], [], set()
    for number, entry in enumerate(data.get("source", []), 1):
        missing = [k for k in ("id", "title", "publisher") if not str(entry.get(k, "")).strip()]
        if missing:
            problems.append(Problem(path, f"source number {number} has no {', '.join(missing)}", "fill in id, title and publisher"))
            continue
        if entry["id"] in seen:
            problems.append(Problem(path, f"the source id '{entry['id']}' is used twice", "give each source its own id"))
        seen.add(entry["id"])
        kind = entry.get("kind", "clinical")
        if kind not in SOURCE_KINDS:
            problems.append(Problem(path, f"the source '{entry['id']}' has kind = \"{kind}\"",
                                    'use kind = "writing" for guidance on how the guide was written, kind = "other" for '
                                    "a campaign or the clinic's own pages, or leave kind out for a clinical source",
                                    _line_in(text, f'kind = "{kind}"')))
        sources.append(Source(entry["id"], entry["title"], entry["publisher"], entry.get("url", ""), kind))
    if problems:
        raise ContentError(problems)
    return sources


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str, int]:
    """Return (metadata, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError.single(path, "has no front matter", "start the file with a line '---', the title, order, summary "
                                  "and sources, then another '---' line", 1)
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if end is None:
        raise ContentError.single(path, "the front matter is never closed", "add a line '---' after the sources", 1)
    try:
        meta = yaml.load("".join(lines[1:end]), Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else None  # +1 for 1-based, +1 for the opening '---'
        problem = getattr(err, "problem", None) or str(err)
        raise ContentError.single(path, f"the front matter is not valid YAML: {problem}",
                                  "check for a missing ':' or an unquoted ':' inside a value (put such text in quotes)", line) from None
    if not isinstance(meta, dict):
        raise ContentError.single(path, "the front matter is not a list of 'key: value' lines", "write title: …, order: …", 2)
    return meta, "".join(lines[end + 1:]), end + 2


def _line_in(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def _check_meta(path: Path, text: str, meta: dict[str, Any], sources: dict[str, Source]) -> list[Problem]:
    problems = []
    for key, kind in REQUIRED.items():
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(path, f"the front matter has no '{key}'", f"add a line '{key}: …' between the '---' lines", 2))
        elif not isinstance(value, kind) or isinstance(value, bool):
            what = {str: "text", int: "a whole number", list: "a list such as [nice-ng59, nhs-back-pain]"}[kind]
            problems.append(Problem(path, f"'{key}' should be {what}", f"change the '{key}:' line", _line_in(text, f"{key}:")))
    for key in meta.keys() - REQUIRED.keys() - OPTIONAL.keys():
        problems.append(Problem(path, f"unknown front-matter key '{key}'", f"use only {', '.join([*REQUIRED, *OPTIONAL])}",
                                _line_in(text, f"{key}:")))
    for source_id in meta.get("sources") or [] if isinstance(meta.get("sources"), list) else []:
        if str(source_id) not in sources:
            problems.append(Problem(path, f"the source '{source_id}' is not in site/sources.toml",
                                    "use an id listed there, or add the source there", _line_in(text, "sources:")))
    return problems


def _fill_placeholders(path: Path, body: str, first_line: int, values: dict[str, str]) -> tuple[str, list[Problem]]:
    problems = []

    def replace(match: re.Match) -> str:
        if match.group(1) in values:
            return values[match.group(1)]
        line = first_line + body.count("\n", 0, match.start())
        problems.append(Problem(path, f"unknown placeholder '{match.group(0)}'",
                                f"use one of {', '.join('{{' + k + '}}' for k in sorted(values))}", line))
        return match.group(0)

    return PLACEHOLDER.sub(replace, body), problems


def placeholder_values(settings: dict[str, Any]) -> dict[str, str]:
    """The text each {{placeholder}} in content becomes, from the settings."""
    def call(number: str) -> str:
        # A large tap-to-call link, as on the pain check; nothing where the site sets no number.
        dial = re.sub(r"[\s-]", "", number)
        return f'<a class="app-call__link" href="tel:{html.escape(dial)}">Call {html.escape(number)}</a>' if dial else ""

    return {
        "emergency_call": call(settings["safety.emergency_number"]),
        "urgent_call": call(settings["safety.urgent_number"]),
        "emergency": settings["safety.emergency"],
        "urgent_care": settings["safety.urgent_care"],
        "acceptable_pain": str(settings["pain.acceptable"]),
        "clinic": settings["clinic.name"] or "your clinic",
    }


def load_content(site_dir: Path, settings: dict[str, Any]) -> Content:
    """Load, check and render every question; raise ContentError listing every problem."""
    sources = load_sources(site_dir / "sources.toml")
    by_id = {s.id: s for s in sources}
    faq_dir = site_dir / "faq"
    files = sorted(faq_dir.glob("*.md"))
    if not files:
        raise ContentError.single(faq_dir, "holds no questions", "add at least one .md file")
    problems: list[Problem] = []
    questions: list[Question] = []
    for path in files:
        try:
            text = read_text(path)
            meta, body, first_line = _split_front_matter(path, text)
        except ContentError as err:
            problems.extend(err.problems)
            continue
        found = _check_meta(path, text, meta, by_id)
        slug = meta.get("slug") or path.stem
        if not SLUG.match(str(slug)):
            found.append(Problem(path, f"'{slug}' cannot be used as the question's web address",
                                 "name the file with lowercase letters, digits and hyphens, e.g. how-much-pain-is-ok.md"))
        if not body.strip():
            found.append(Problem(path, "the answer is empty", "write the answer below the closing '---' line", first_line))
        body, placeholder_problems = _fill_placeholders(path, body, first_line, placeholder_values(settings))
        found.extend(placeholder_problems)
        problems.extend(found)
        if not found:
            questions.append(Question(
                slug=str(slug), title=meta["title"].strip(), order=meta["order"], summary=meta["summary"].strip(),
                sources=[by_id[str(s)] for s in meta["sources"]], path=path, body=body,
                group=str(meta.get("group") or "").strip(),
            ))
    problems.extend(_check_unique(questions))
    if problems:
        raise ContentError(problems)
    questions.sort(key=lambda q: q.order)
    problems.extend(_render_all(questions))
    problems.extend(_check_groups(questions))
    if problems:
        raise ContentError(problems)
    return Content(questions, sources)


def _check_unique(questions: list[Question]) -> list[Problem]:
    problems = []
    for attr, fix in (("slug", "rename one of the files"), ("order", "give each question its own order number")):
        seen: dict[Any, Question] = {}
        for q in questions:
            key = getattr(q, attr)
            key = key.lower() if isinstance(key, str) else key
            if key in seen:
                problems.append(Problem(q.path, f"the {attr} '{getattr(q, attr)}' is also used by {seen[key].path.name}", fix))
            seen[key] = q
    return problems


def _check_groups(questions: list[Question]) -> list[Problem]:
    """Groups are all or nothing, and a group used once that is nearly another's name is taken for a typo."""
    grouped = [q for q in questions if q.group]
    if not grouped:
        return []
    problems = []
    for q in questions:
        if not q.group:
            names = ", ".join(sorted({g.group for g in grouped}))
            problems.append(Problem(q.path, "has no 'group:' while other answers have one, so the home page could not list it",
                                    f"add a line 'group: …' under 'order:', using one of: {names}", 2))
    counts: dict[str, int] = {}
    for q in grouped:
        counts[q.group] = counts.get(q.group, 0) + 1
    for q in grouped:
        if counts[q.group] == 1:
            close = difflib.get_close_matches(q.group, [g for g in counts if g != q.group], n=1, cutoff=0.8)
            if close:
                problems.append(Problem(q.path, f"the group '{q.group}' is used by no other answer, and is nearly '{close[0]}'",
                                        f"write 'group: {close[0]}' if you meant that heading", _line_in(read_text(q.path), "group:")))
    return problems


def grouped_questions(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    """The questions under their group headings, groups in the order of their first question; one unnamed group if few."""
    if len(questions) <= GROUP_FROM or not all(q.group for q in questions):
        return [("", list(questions))]
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.group, []).append(q)
    return list(groups.items())


def _render_all(questions: list[Question]) -> list[Problem]:
    slugs = {q.slug for q in questions}
    problems: list[Problem] = []
    links = QuestionLinks(slugs)
    # One converter for all answers: building a Markdown instance costs more than converting a short answer.
    md = markdown.Markdown(extensions=["admonition", "sane_lists", links], output_format="html")
    for q in questions:
        links.missing.clear()
        q.html = Markup(md.reset().convert(q.body))
        for target in links.missing:
            problems.append(Problem(q.path, f"links to '{target}', which is not a question in site/faq/",
                                    "link to the file name of an existing answer, e.g. (how-much-pain-is-ok.md)",
                                    _line_in(read_text(q.path), target)))
    return problems


def build_date(environ: dict[str, str]) -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
