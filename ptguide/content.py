"""Load the FAQ: one Markdown file per question in site/faq/, with YAML front matter."""

from __future__ import annotations

import datetime as dt
import difflib
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
from .safe_markdown import CallLink, SafeMarkdown, clean, removed_by_cleaning
from .site_files import read_text, toml_fix

# libyaml's safe loader when PyYAML has it: ten times faster on a big site, same errors and line numbers.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
# [words]({{clinic}}) or [id]: {{clinic}}: a setting's text used as a link's address.
PLACEHOLDER_ADDRESS = re.compile(r"\]\(\s*<?\s*\{\{|^ {0,3}\[[^\]]+\]:\s*<?\s*\{\{", re.MULTILINE)
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
    first_line: int = 1  # the line of the file where the answer (after the front matter) starts

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


def parse_toml(path: Path, text: str, fix: str) -> dict:
    """Parse a content TOML file; a syntax mistake stops the build with the file, its line and `fix`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"line (\d+)", str(err))
        line = int(found.group(1)) if found else None
        raise ContentError.single(path, f"is not valid TOML: {err}", toml_fix(text, line, fix), line) from None


def _source_url_problem(url: str) -> str | None:
    # A source is a page to read: a javascript: or data: "address" would run or show something else.
    if url and not re.match(r"^https?://[^\s/]+", url):
        return f"has url = \"{url[:60]}\", which is not a web address starting with https://"
    odd = sorted(set(re.findall(r"[\s\"'<>`\\]", url)))
    if odd:
        shown = " ".join("a space" if c.isspace() else c for c in odd)
        return f"has url = \"{url[:60]}\", which holds {shown}, and a web address cannot"
    return None


def load_sources(path: Path) -> list[Source]:
    """Read site/sources.toml."""
    text = read_text(path, "copy site/sources.toml from the PT Guide repository, then list your sources in it")
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
        url_problem = _source_url_problem(str(entry.get("url", "")))
        if url_problem:
            problems.append(Problem(path, f"the source '{entry['id']}' {url_problem}",
                                    "write the page's full address, such as url = \"https://www.nice.org.uk/guidance/ng59\", "
                                    "or leave the url line out",
                                    _line_in(text, re.split(r"[\"\\]", str(entry.get("url")))[0])))
        sources.append(Source(entry["id"], str(entry["title"]), str(entry["publisher"]), str(entry.get("url", "")), kind))
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
            fix = {str: f"put the words in quotes, such as {key}: \"{str(value)[:40]}\"",
                   int: f"write a whole number without quotes, such as {key}: 10",
                   list: f"write the source ids in square brackets, such as {key}: [nice-ng59, nhs-back-pain]"}[kind]
            problems.append(Problem(path, f"'{key}' should be {what}", fix, _line_in(text, f"{key}:")))
    for key in meta.keys() - REQUIRED.keys() - OPTIONAL.keys():
        problems.append(Problem(path, f"unknown front-matter key '{key}'", f"use only {', '.join([*REQUIRED, *OPTIONAL])}",
                                _line_in(text, f"{key}:")))
    for source_id in meta.get("sources") or [] if isinstance(meta.get("sources"), list) else []:
        if str(source_id) not in sources:
            problems.append(Problem(path, f"the source '{source_id}' is not in site/sources.toml",
                                    "use an id listed there, or add the source there", _line_in(text, "sources:")))
    return problems


def _check_placeholders(path: Path, body: str, first_line: int, names: set[str]) -> list[Problem]:
    """Unknown {{names}}, with their line; known ones are filled in as text when the answer is rendered."""
    problems = []
    for match in PLACEHOLDER.finditer(body):
        if match.group(1) not in names:
            line = first_line + body.count("\n", 0, match.start())
            problems.append(Problem(path, f"unknown placeholder '{match.group(0)}'",
                                    f"use one of {', '.join('{{' + k + '}}' for k in sorted(names))}", line))
    for match in PLACEHOLDER_ADDRESS.finditer(body):
        line = first_line + body.count("\n", 0, match.start())
        problems.append(Problem(path, "uses a {{placeholder}} as a link's address, but a placeholder is text, not an address",
                                "write the address itself, such as (https://www.your-clinic.example/) or (tel:01632960000), "
                                "or write {{emergency_call}} or {{urgent_call}} on its own for a call button", line))
    return problems


def placeholder_values(settings: dict[str, Any]) -> dict[str, str | CallLink]:
    """What each {{placeholder}} in an answer becomes: a setting's text, or a large tap-to-call link."""
    return {
        "emergency_call": CallLink(settings["safety.emergency_number"]),
        "urgent_call": CallLink(settings["safety.urgent_number"]),
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
    problems: list[Problem] = [*_stray_answers(site_dir), *_misnamed_answers(faq_dir)]
    if not files:
        raise ContentError([*problems, Problem(faq_dir, "holds no questions", "add at least one .md file")])
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
        found.extend(_check_placeholders(path, body, first_line, set(placeholder_values(settings))))
        problems.extend(found)
        if not found:
            questions.append(Question(
                slug=str(slug), title=meta["title"].strip(), order=meta["order"], summary=meta["summary"].strip(),
                sources=[by_id[str(s)] for s in meta["sources"]], path=path, body=body,
                group=str(meta.get("group") or "").strip(), first_line=first_line,
            ))
    problems.extend(_check_unique(questions))
    if problems:
        raise ContentError(problems)
    questions.sort(key=lambda q: q.order)
    problems.extend(_render_all(questions, placeholder_values(settings)))
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


def _stray_answers(site_dir: Path) -> list[Problem]:
    """A Markdown file with front matter anywhere but directly in faq/ would be left out without a word."""
    problems = []
    faq_dir = site_dir / "faq"
    for path in sorted(site_dir.rglob("*.md")):
        # site/exercises/ holds the exercise library (ptguide/exercise_library.py), which checks its own files.
        if path.parent in (faq_dir, site_dir / "exercises") or not path.is_file():
            continue
        try:
            first = path.read_bytes()[:16].decode("utf-8", "replace").removeprefix("\ufeff")
        except OSError:
            continue
        if first.split("\n", 1)[0].strip() == "---":
            problems.append(Problem(path, "looks like an answer, but only the files directly in faq/ are published",
                                    f"move it into {faq_dir}/ if it is an answer, or delete it"))
    return problems


def _misnamed_answers(faq_dir: Path) -> list[Problem]:
    """warning-signs.md.txt (Notepad's hidden extension), WARNING-SIGNS.MD or .markdown: an answer left out silently."""
    problems = []
    for path in sorted(faq_dir.iterdir()) if faq_dir.is_dir() else []:
        if path.suffix == ".md" or path.name.startswith(".") or not path.is_file():
            continue
        lowered = path.name.lower()
        stem = re.split(r"\.(?:md|markdown|txt)\b", path.name, maxsplit=1, flags=re.IGNORECASE)[0]
        try:
            front_matter = path.read_bytes()[:16].decode("utf-8", "replace").removeprefix("\ufeff").startswith("---")
        except OSError:
            front_matter = False
        if ".md" in lowered or lowered.endswith(".markdown") or front_matter:
            problems.append(Problem(path, "is not published: only files whose names end in .md (small letters) are answers",
                                    f"rename it to {stem.lower()}.md (if your computer hides file endings, turn on "
                                    "'File name extensions' to see the whole name), or move it out of faq/"))
    return problems


def _line_of_finding(q: Question, needle: str) -> int | None:
    index = q.body.find(needle)
    if index < 0:
        index = q.body.lower().find(needle.lower())
    if index < 0 and needle.startswith("<"):
        index = q.body.lower().find(needle.lower().split()[0].rstrip(">"))
    return None if index < 0 else q.first_line + q.body.count("\n", 0, index)


def _render_all(questions: list[Question], values: dict[str, str | CallLink]) -> list[Problem]:
    slugs = {q.slug for q in questions}
    problems: list[Problem] = []
    links = QuestionLinks(slugs)
    safe = SafeMarkdown(values)
    # One converter for all answers: building a Markdown instance costs more than converting a short answer.
    md = markdown.Markdown(extensions=["admonition", "sane_lists", links, safe], output_format="html")
    for q in questions:
        links.missing.clear()
        safe.reset()
        rendered = md.reset().convert(q.body)
        for target in links.missing:
            problems.append(Problem(q.path, f"links to '{target}', which is not a question in site/faq/",
                                    "link to the file name of an existing answer, e.g. (how-much-pain-is-ok.md)",
                                    _line_of_finding(q, target)))
        findings = [*safe.raw_html_findings(), *safe.findings]
        # nh3 cuts the page to the allow-list whatever the checks found; anything it had to take out stops the build.
        cleaned = clean(rendered)
        if not findings:
            for tag in removed_by_cleaning(rendered, cleaned)[:1]:
                problems.append(Problem(q.path, f"would become HTML outside what an answer may hold ({tag[:60]})",
                                        "write the answer in plain Markdown (see site/README.md, 'What an answer may "
                                        "contain'); if it is plain Markdown, this is a bug in PT Guide: please report it"))
        for finding in findings:
            problems.append(Problem(q.path, finding.message, finding.fix, _line_of_finding(q, finding.needle)))
        q.html = Markup(cleaned)
    return problems


def build_date(environ: dict[str, str]) -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
