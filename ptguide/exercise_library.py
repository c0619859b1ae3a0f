"""Load the exercise library: one Markdown file per exercise in site/exercises/, checked like the answers.

Each file has front matter (id, title, order, summary, dose, image, alt, sources, source_note) and four sections:
Start position, Steps (a numbered list), What you should feel, When to stop. The pages show the HTML;
exercises/library.json carries the same text as plain text for the programme and the session.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .content import SLUG, Source, _check_placeholders, _line_in, _split_front_matter, placeholder_values
from .errors import ContentError, Problem
from .exercise_images import IMAGES_FOLDER, ExerciseImage, make_image
from .safe_markdown import SafeMarkdown, clean, removed_by_cleaning
from .site_files import read_text

FOLDER = "exercises"
REQUIRED = {"id": str, "title": str, "order": int, "summary": str, "sources": list}
OPTIONAL = {"dose": dict, "image": str, "alt": str, "source_note": str}
# The dose as a clinic writes it -> the library JSON's name, with the largest value that can be meant.
DOSE_FIELDS = {
    "sets": ("sets", 20),
    "reps": ("reps", 100),
    "hold_seconds": ("holdSeconds", 600),
    "rest_seconds": ("restSeconds", 600),
    "times_a_day": ("timesPerDay", 10),
    "days_a_week": ("daysPerWeek", 7),
}
# The sections, in the order a page shows them, and the key each has in library.json.
SECTIONS = {"Start position": "start", "Steps": "steps", "What you should feel": "feel", "When to stop": "stop"}
HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
ANSWER_LINK = re.compile(r"^\.\./faq/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
EXAMPLE = "site/exercises/bridge.md"


@dataclass
class Exercise:
    """One exercise: its front matter, and each section as HTML (for the page) and plain text (for the JSON)."""

    id: str
    title: str
    order: int
    summary: str
    dose: dict[str, int | None]
    sources: list[Source]
    path: Path
    image: ExerciseImage | None = None
    # What the sources do and do not cover, shown above them: an exercise the cited pages do not describe says so.
    source_note: str = ""
    html: dict[str, Markup] = field(default_factory=dict, repr=False)
    text: dict[str, str] = field(default_factory=dict, repr=False)
    steps: list[str] = field(default_factory=list, repr=False)
    step_html: list[Markup] = field(default_factory=list, repr=False)


def dose_in_words(dose: dict[str, int | None]) -> str:
    """ "5 times, hold 5 seconds, 3 times a day": the dose as a patient reads it; "" when nothing is set."""
    parts = []
    sets, reps = dose.get("sets"), dose.get("reps")
    if reps:
        times = "once" if reps == 1 else "twice" if reps == 2 else f"{reps} times"
        parts.append(f"{sets} sets of {times}" if sets and sets > 1 else times)
    elif sets and sets > 1:
        parts.append(f"{sets} sets")
    if dose.get("holdSeconds"):
        parts.append(f"hold {_duration(dose['holdSeconds'])}")
    if dose.get("restSeconds"):
        parts.append(f"rest {_duration(dose['restSeconds'])}" + (" between sets" if sets and sets > 1 else ""))
    per_day = dose.get("timesPerDay")
    if per_day:
        parts.append("once a day" if per_day == 1 else "twice a day" if per_day == 2 else f"{per_day} times a day")
    days = dose.get("daysPerWeek")
    if days:
        parts.append("every day" if days == 7 else "1 day a week" if days == 1 else f"{days} days a week")
    return ", ".join(parts)


def _duration(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    return "1 second" if seconds == 1 else f"{seconds} seconds"


def library_data(exercises: list[Exercise], acceptable_pain: int) -> dict[str, Any]:
    """exercises/library.json: plain text only, addresses relative to the app's root."""
    return {
        "version": 1,
        "acceptablePain": acceptable_pain,
        "exercises": [{
            "id": e.id, "title": e.title, "order": e.order, "summary": e.summary,
            "start": e.text["start"], "steps": e.steps, "feel": e.text["feel"], "stop": e.text["stop"],
            "dose": e.dose,
            "image": None if e.image is None else {"src": f"{FOLDER}/{IMAGES_FOLDER}/{e.image.name}", "alt": e.image.alt,
                                                   "width": e.image.width, "height": e.image.height},
            "url": f"{FOLDER}/{e.id}/",
        } for e in exercises],
    }


def load_exercises(site_dir: Path, settings: dict[str, Any], sources: list[Source], answers: set[str]) -> list[Exercise]:
    """Every exercise in reading order; a ContentError listing every mistake. No folder means no library."""
    folder = site_dir / FOLDER
    if not folder.is_dir():
        return []
    by_id = {s.id: s for s in sources}
    values = placeholder_values(settings)
    problems: list[Problem] = list(_stray_files(folder))
    exercises: list[Exercise] = []
    found_meta: list[tuple[Exercise, str]] = []
    for path in sorted(folder.glob("*.md")):
        try:
            text = read_text(path)
            meta, body, first_line = _split_front_matter(path, text)
        except ContentError as err:
            problems.extend(err.problems)
            continue
        found = _check_meta(path, text, meta, by_id)
        dose, dose_problems = _check_dose(path, text, meta.get("dose"))
        found.extend(dose_problems)
        sections, section_problems = _split_sections(path, body, first_line)
        found.extend(section_problems)
        found.extend(_check_placeholders(path, body, first_line, set(values)))
        image = None
        if not found and meta.get("image") is not None:
            try:
                image = make_image(folder, path, text, str(meta["image"]), meta.get("alt"), str(meta["id"]))
            except ContentError as err:
                found.extend(err.problems)
        elif meta.get("alt") is not None and meta.get("image") is None:
            found.append(Problem(path, "has 'alt' but no 'image'", "add 'image: file-name.jpg' (a file in "
                                 f"site/exercises/{IMAGES_FOLDER}/), or delete the 'alt' line", _line_in(text, "alt:")))
        problems.extend(found)
        if not found:
            exercise = Exercise(id=meta["id"], title=meta["title"].strip(), order=meta["order"], summary=meta["summary"].strip(),
                                dose=dose, sources=[by_id[str(s)] for s in meta["sources"]], path=path, image=image,
                                source_note=str(meta.get("source_note") or "").strip())
            exercises.append(exercise)
            found_meta.append((exercise, body))
            exercise.text = sections  # the Markdown of each section until it is rendered below
    problems.extend(_check_unique(exercises))
    if problems:
        raise ContentError(problems)
    ids = {e.id for e in exercises}
    for exercise, _body in found_meta:
        problems.extend(_render(exercise, ids, answers, values))
    if problems:
        raise ContentError(problems)
    exercises.sort(key=lambda e: e.order)
    return exercises


def _check_meta(path: Path, text: str, meta: dict[str, Any], sources: dict[str, Source]) -> list[Problem]:
    problems = []
    for key, kind in REQUIRED.items():
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(path, f"the front matter has no '{key}'", f"add a line '{key}: …' between the '---' lines, "
                                    f"as in {EXAMPLE}", 2))
        elif not isinstance(value, kind) or isinstance(value, bool):
            fix = {str: f"put the words in quotes, such as {key}: \"{str(value)[:40]}\"",
                   int: f"write a whole number without quotes, such as {key}: 10",
                   list: f"write the source ids in square brackets, such as {key}: [nhs-back-exercises, nhs-inform-back-exercises]"}
            what = {str: "text", int: "a whole number", list: "a list of source ids"}[kind]
            problems.append(Problem(path, f"'{key}' should be {what}", fix[kind], _line_in(text, f"{key}:")))
    for key in sorted(meta.keys() - REQUIRED.keys() - OPTIONAL.keys()):
        problems.append(Problem(path, f"unknown front-matter key '{key}'",
                                f"use only {', '.join([*REQUIRED, *OPTIONAL])} (the dose's parts go under 'dose:')",
                                _line_in(text, f"{key}:")))
    for key in ("image", "alt", "source_note"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            problems.append(Problem(path, f"'{key}' should be text", f"put it in quotes, such as {key}: \"…\"", _line_in(text, f"{key}:")))
    exercise_id = meta.get("id")
    if isinstance(exercise_id, str) and exercise_id.strip() and not SLUG.match(exercise_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", exercise_id.lower()).strip("-") or "bridge"
        problems.append(Problem(path, f"the id '{exercise_id}' is not lowercase words joined by hyphens",
                                f"write id: {suggestion} (small letters, digits and hyphens only; keep it once patients "
                                "use it, their programmes store it)", _line_in(text, "id:")))
    if isinstance(meta.get("sources"), list):
        for source_id in meta["sources"]:
            if str(source_id) not in sources:
                problems.append(Problem(path, f"the source '{source_id}' is not in site/sources.toml",
                                        "use an id listed there, or add the source there", _line_in(text, "sources:")))
    return problems


def _check_dose(path: Path, text: str, dose: Any) -> tuple[dict[str, int | None], list[Problem]]:
    """The dose with every field present (None = not set), and a problem per value that is not a sensible number."""
    result: dict[str, int | None] = {name: None for name, _ in DOSE_FIELDS.values()}
    if dose is None:
        return result, []
    start = _line_in(text, "dose:")
    if not isinstance(dose, dict):
        return result, [Problem(path, "'dose' should be a list of 'part: number' lines",
                                "write 'dose:' on its own line, then indented lines such as '  reps: 5' and '  times_a_day: 3'", start)]
    problems = []
    for key, value in dose.items():
        line = _line_after(text, f"{key}:", start)
        if key not in DOSE_FIELDS:
            problems.append(Problem(path, f"the dose has an unknown part '{key}'", f"use only {', '.join(DOSE_FIELDS)}", line))
            continue
        name, most = DOSE_FIELDS[key]
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= most:
            problems.append(Problem(path, f"the dose's '{key}' is {value!r}, which is not a whole number from 1 to {most}",
                                    f"write a number in digits, such as '{key}: 5', or delete the line if it does not apply", line))
            continue
        result[name] = value
    return result, problems


def _line_after(text: str, needle: str, start: int | None) -> int | None:
    lines = text.splitlines()
    for number in range(start or 1, len(lines) + 1):
        if lines[number - 1].strip().startswith(needle):
            return number
    return start


def _split_sections(path: Path, body: str, first_line: int) -> tuple[dict[str, str], list[Problem]]:
    """The Markdown under each '## ' heading; every section present once, no other heading, nothing before them."""
    sections: dict[str, str] = {}
    starts: dict[str, int] = {}
    problems = []
    current = None
    before: list[str] = []
    for offset, line in enumerate(body.splitlines()):
        heading = HEADING.match(line)
        if heading:
            name = heading.group(1)
            if name not in SECTIONS:
                problems.append(Problem(path, f"has a section '## {name}'",
                                        f"use only these headings, in this order: {', '.join('## ' + s for s in SECTIONS)}",
                                        first_line + offset))
                current = None
                continue
            if name in sections:
                problems.append(Problem(path, f"has the section '## {name}' twice", "join the two into one", first_line + offset))
            current = name
            sections[name] = ""
            starts[name] = first_line + offset
        elif current:
            sections[current] += line + "\n"
        elif line.strip():
            before.append(line)
            if len(before) == 1:
                problems.append(Problem(path, "has text before the first section",
                                        "put it under one of the headings '## Start position', '## Steps', "
                                        "'## What you should feel', '## When to stop'", first_line + offset))
    for name in SECTIONS:
        if name not in sections:
            problems.append(Problem(path, f"has no section '## {name}'",
                                    f"add a line '## {name}' and the text under it (see {EXAMPLE})", first_line))
        elif not sections[name].strip():
            problems.append(Problem(path, f"the section '## {name}' is empty", "write the text under its heading", starts[name]))
    # A step's own lines start with its number; an indented line carries on the step above it.
    stray = [offset for offset, line in enumerate(sections.get("Steps", "").splitlines(), 1)
             if line.strip() and not re.match(r"^(\d+[.)]\s|\s+\S)", line)]
    if stray:
        problems.append(Problem(path, "the section '## Steps' is not only a numbered list",
                                "write each step on its own line starting with its number, such as '1. Lie on your back.'",
                                starts["Steps"] + stray[0]))
    return {SECTIONS[name]: text for name, text in sections.items() if name in SECTIONS}, problems


class _ExerciseLinks(Treeprocessor):
    """other-exercise.md -> ../other-exercise/ and ../faq/answer.md -> ../../faq/answer/; unknown targets recorded."""

    def __init__(self, md: Markdown, ext: ExerciseLinks):
        super().__init__(md)
        self.ext = ext

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            target, _, fragment = href.partition("#")
            if "://" in target or not target.endswith(".md"):
                continue
            tail = f"#{fragment}" if fragment else ""
            answer = ANSWER_LINK.match(target)
            if answer:
                if answer.group(1) in self.ext.answers:
                    link.set("href", f"../../faq/{answer.group(1)}/{tail}")
                else:
                    self.ext.missing.append((href, "an answer in site/faq/", "(../faq/warning-signs.md)"))
                continue
            exercise = target.removeprefix("./").removesuffix(".md")
            if exercise in self.ext.ids:
                link.set("href", f"../{exercise}/{tail}")
            else:
                self.ext.missing.append((href, "an exercise in site/exercises/", "(bridge.md)"))


class ExerciseLinks(Extension):
    def __init__(self, ids: set[str], answers: set[str]):
        super().__init__()
        self.ids, self.answers = ids, answers
        self.missing: list[tuple[str, str, str]] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # After the safe-Markdown check (4), which accepts a link written as a file name (x.md) and not its rewritten form.
        md.treeprocessors.register(_ExerciseLinks(md, self), "exercise_links", 3)


def _render(exercise: Exercise, ids: set[str], answers: set[str], values: dict) -> list[Problem]:
    problems = []
    source = read_text(exercise.path)
    links = ExerciseLinks(ids, answers)
    safe = SafeMarkdown(values)
    md = markdown.Markdown(extensions=["sane_lists", links, safe], output_format="html")
    rendered: dict[str, Markup] = {}
    for key, text in exercise.text.items():
        links.missing.clear()
        safe.reset()
        raw = md.reset().convert(text)
        for href, what, example in links.missing:
            problems.append(Problem(exercise.path, f"links to '{href}', which is not {what}",
                                    f"link to the file name of an existing one, such as {example}", _line_in(source, href)))
        findings = [*safe.raw_html_findings(), *safe.findings]
        cleaned = clean(raw)
        if not findings:
            for tag in removed_by_cleaning(raw, cleaned)[:1]:
                problems.append(Problem(exercise.path, f"would become HTML outside what an exercise may hold ({tag[:60]})",
                                        "write it in plain Markdown (see site/README.md, 'What an answer may contain')"))
        for finding in findings:
            problems.append(Problem(exercise.path, finding.message, finding.fix, _line_in(source, finding.needle)))
        rendered[key] = Markup(cleaned)
    exercise.html = rendered
    exercise.text = {key: _plain(value) for key, value in rendered.items()}
    exercise.step_html = [Markup(item) for item in re.findall(r"<li>(.*?)</li>", rendered.get("steps", ""), re.S)]
    exercise.steps = [_plain(item) for item in exercise.step_html]
    return problems


def _plain(fragment: str) -> str:
    """The text a patient reads, for textContent: blocks apart by a space, inline tags joined with their words."""
    spaced = re.sub(r"</(?:p|li|h[1-6]|blockquote|pre|div)>|<br\s*/?>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", spaced))).strip()


def _check_unique(exercises: list[Exercise]) -> list[Problem]:
    problems = []
    for attr, fix in (("id", "give each exercise its own id"), ("order", "give each exercise its own order number")):
        seen: dict[Any, Exercise] = {}
        for e in exercises:
            key = getattr(e, attr)
            if key in seen:
                problems.append(Problem(e.path, f"the {attr} '{key}' is also used by {seen[key].path.name}", fix,
                                        _line_in(read_text(e.path), f"{attr}:")))
            seen[key] = e
    return problems


def _stray_files(folder: Path) -> list[Problem]:
    """bridge.md.txt, BRIDGE.MD or a photo outside images/: a file that would be left out without a word."""
    problems = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix == ".md" and path.is_file() or path.name == IMAGES_FOLDER and path.is_dir():
            continue
        if path.is_dir():
            problems.append(Problem(path, "is a folder, and only images/ is read here",
                                    f"move pictures into site/exercises/{IMAGES_FOLDER}/ and exercises into site/exercises/"))
            continue
        stem = re.split(r"\.(?:md|markdown|txt)\b", path.name, maxsplit=1, flags=re.IGNORECASE)[0]
        if ".md" in path.name.lower() or path.name.lower().endswith((".markdown", ".txt")):
            problems.append(Problem(path, "is not published: only files whose names end in .md (small letters) are exercises",
                                    f"rename it to {stem.lower()}.md"))
        else:
            problems.append(Problem(path, "is not read: pictures go in the images/ folder, exercises are .md files",
                                    f"move it to site/exercises/{IMAGES_FOLDER}/ if it is a picture, or delete it"))
    return problems
