"""Load and check the checklists in site/checklists/ (the pain check, the next session)."""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem
from .site_files import read_text, toml_fix

# Mildest first. The order is the ranking the page's rules use, so it lives in code:
# a publisher can reword an outcome but cannot invent a level.
LEVELS = ("keep-going", "tell-therapist", "see-doctor", "urgent", "emergency")
QUESTIONS = ("exercise", "warning")
GROUP_TYPES = ("scale", "choice", "tick")
# The saved answers are {pain, when, behaviour, ticked}, so the scale and choice
# groups must keep these ids or stored answers would no longer match them.
SCALE_GROUP = "pain"
CHOICE_GROUPS = ("when", "behaviour")
PAIN_RANGES = ("up-to-acceptable", "above-acceptable")
# How long a check stays current unless the file sets fresh_hours (then it is shown as history).
FRESH_HOURS_DEFAULT = 12

# The values the build uses when site.toml does not set its own.
PLACEHOLDER_DEFAULTS: dict[str, object] = {
    "emergency": (
        "call your local emergency number (for example 911 in the US and Canada, "
        "999 in the UK, 112 in the EU)"
    ),
    "urgent_care": "contact a doctor today for an urgent appointment",
    "acceptable_pain": 5,
}
PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
TABLE_RE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
TOML_LINE_RE = re.compile(r"at line (\d+)")
# Content rules from CONTENT.md part D that a wording change could break.
FINE_RE = re.compile(r"\bfine\b", re.IGNORECASE)
NZ_EMERGENCY_RE = re.compile(r"(?<!\d)111(?!\d)")

FIX_TOML = (
    "Check the TOML near that line: text goes in double quotes, one key = value per "
    'line, and each list entry starts with a line like [[items]]. See site/README.md.'
)


def render_placeholders(text: str, values: Mapping[str, object]) -> str:
    """Replace each {{name}} in text with str(values[name])."""
    return PLACEHOLDER_RE.sub(lambda m: str(values[m.group(1)]), text)


def render_checklist(data: Any, values: Mapping[str, object]) -> Any:
    """Return a copy of a loaded checklist with every text's placeholders filled in."""
    if isinstance(data, str):
        return render_placeholders(data, values)
    if isinstance(data, dict):
        return {key: render_checklist(value, values) for key, value in data.items()}
    if isinstance(data, list):
        return [render_checklist(value, values) for value in data]
    return copy.copy(data)


def load_pain_check(path: Path, faq_slugs: set[str]) -> dict:
    """Load site/checklists/pain-check.toml, or raise ContentError listing every problem."""
    doc = _Document.read(path)
    raw = doc.data
    doc.check_keys(raw, "the file", {"fresh_hours", "outcomes", "groups", "items"}, line=None)
    fresh_hours = raw.get("fresh_hours", FRESH_HOURS_DEFAULT)
    if isinstance(fresh_hours, bool) or not isinstance(fresh_hours, int) or not 1 <= fresh_hours <= 168:
        doc.problem("fresh_hours is not a whole number of hours from 1 to 168",
                    f"Write it like fresh_hours = {FRESH_HOURS_DEFAULT}, with no quotes.", doc._key_line("fresh_hours", None))
        fresh_hours = FRESH_HOURS_DEFAULT

    outcomes = []
    for index, entry in enumerate(doc.table_list("outcomes")):
        row = doc.check_entry(
            "outcomes", index, entry,
            required=("level", "heading", "body", "faq"), optional=(),
        )
        if row["level"] and row["level"] not in LEVELS:
            doc.problem(
                f'unknown level "{row["level"]}" in an outcome',
                f"Use one of: {', '.join(LEVELS)}.",
                doc.line("outcomes", index, "level"),
            )
        doc.check_faq(row["faq"], faq_slugs, doc.line("outcomes", index, "faq"))
        for key in ("heading", "body"):
            # CONTENT.md D: no outcome may call a pain "fine", warning sign or not.
            if FINE_RE.search(row[key]):
                doc.problem(
                    f'the {row["level"]} outcome\'s {key} says "fine"',
                    'Reword it: no outcome may call pain "fine".',
                    doc.line("outcomes", index, key),
                )
        outcomes.append(row)
    _check_outcome_levels(doc, outcomes)

    groups = []
    for index, entry in enumerate(doc.table_list("groups")):
        row = doc.check_entry(
            "groups", index, entry,
            required=("id", "question", "type", "title", "rule"), optional=("hint", "step"),
        )
        row["step"] = row["step"] or row["id"]
        _check_choice(doc, "groups", index, "question", row["question"], QUESTIONS)
        _check_choice(doc, "groups", index, "type", row["type"], GROUP_TYPES)
        if row["type"] == "scale" and row["id"] != SCALE_GROUP:
            doc.problem(
                f'the pain scale group has id "{row["id"]}"',
                f'Give it id = "{SCALE_GROUP}": saved answers use that name.',
                doc.line("groups", index, "id"),
            )
        if row["type"] == "choice" and row["id"] not in CHOICE_GROUPS:
            doc.problem(
                f'the choice group "{row["id"]}" is not one the page can save',
                f"Use one of these ids: {', '.join(CHOICE_GROUPS)}, or make it "
                'type = "tick".',
                doc.line("groups", index, "id"),
            )
        groups.append(row)
    doc.check_unique_ids("groups", groups)

    items = []
    for index, entry in enumerate(doc.table_list("items")):
        row = doc.check_entry(
            "items", index, entry,
            required=("id", "group", "level", "text"),
            optional=("hint", "faq", "applies"),
        )
        _check_choice(doc, "items", index, "level", row["level"], LEVELS)
        doc.check_faq(row["faq"], faq_slugs, doc.line("items", index, "faq"))
        items.append(row)
    doc.check_unique_ids("items", items, also=groups)
    doc.check_item_groups(items, groups)
    _check_pain_rules(doc, groups, items)

    _check_steps(doc, groups)

    doc.raise_if_problems()
    outcomes.sort(key=lambda row: LEVELS.index(row["level"]))
    return {"fresh_hours": fresh_hours, "outcomes": outcomes, "groups": groups, "items": items}


def _check_steps(doc: _Document, groups: list[dict]) -> None:
    """The page shows the warning signs first, one step at a time: a step's groups sit together."""
    questions = [group["question"] for group in groups]
    if "exercise" in questions and "warning" in questions[questions.index("exercise"):]:
        index = questions.index("warning", questions.index("exercise"))
        doc.problem(f'the warning group "{groups[index]["id"]}" comes after an exercise question',
                    "Move every group with question = \"warning\" above the exercise groups: "
                    "the check asks about warning signs first.", doc.line("groups", index))
    seen: list[str] = []
    for index, group in enumerate(groups):
        if seen and seen[-1] == group["step"]:
            continue
        if group["step"] in seen:
            doc.problem(f'step "{group["step"]}" of group "{group["id"]}" is split by another step',
                        "Put the groups of one step next to each other.", doc.line("groups", index, "step"))
        seen.append(group["step"])
    for index, group in enumerate(groups[1:], start=1):
        if group["step"] == groups[index - 1]["step"] and group["question"] != groups[index - 1]["question"]:
            doc.problem(f'step "{group["step"]}" mixes warning signs and exercise questions',
                        "Give the warning groups their own steps.", doc.line("groups", index, "step"))


def load_next_session(path: Path) -> dict:
    """Load site/checklists/next-session.toml, or raise ContentError listing every problem."""
    doc = _Document.read(path)
    raw = doc.data
    doc.check_keys(raw, "the file", {"note_label", "note_hint", "groups", "items"}, line=None)
    note = doc.check_entry(
        "", 0, {key: raw[key] for key in ("note_label", "note_hint") if key in raw},
        required=("note_label",), optional=("note_hint",),
    )

    groups = []
    for index, entry in enumerate(doc.table_list("groups")):
        row = doc.check_entry(
            "groups", index, entry, required=("id", "title"), optional=("hint",)
        )
        groups.append(row)
    doc.check_unique_ids("groups", groups)

    items = []
    for index, entry in enumerate(doc.table_list("items")):
        row = doc.check_entry(
            "items", index, entry, required=("id", "group", "text"), optional=("hint",)
        )
        items.append(row)
    doc.check_unique_ids("items", items, also=groups)
    doc.check_item_groups(items, groups)

    doc.raise_if_problems()
    return {**note, "groups": groups, "items": items}


class _Document:
    """One checklist file: its parsed data, its raw lines, and the problems found."""

    def __init__(self, path: Path, text: str, data: dict):
        self.path = path
        self.data = data
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        # Line of each [[table]] header, per table name, so an entry's problems can
        # point at the line a publisher has to edit (tomllib keeps no positions).
        self.headers: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, start=1):
            match = TABLE_RE.match(line)
            if match:
                self.headers.setdefault(match.group(1), []).append(number)

    @classmethod
    def read(cls, path: Path) -> _Document:
        """Read a file as strict UTF-8 (a byte-order mark ignored) and parse it, raising ContentError if either fails."""
        text = read_text(path, "copy this file from site/checklists/ in the PT Guide repository")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            match = TOML_LINE_RE.search(message)
            line = int(match.group(1)) if match else None
            raise ContentError.single(
                path, f"this is not valid TOML: {message}", toml_fix(text, line, FIX_TOML), line,
            ) from None
        return cls(path, text, data)

    def problem(self, message: str, fix: str, line: int | None) -> None:
        """Record one problem; all are raised together at the end."""
        self.problems.append(Problem(self.path, message, fix, line))

    def raise_if_problems(self) -> None:
        """Raise ContentError with every problem found, in file order."""
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise ContentError(self.problems)

    def line(self, table: str, index: int, key: str | None = None) -> int | None:
        """Line of entry `index` of [[table]], or of `key` inside it, if it can be found."""
        starts = self.headers.get(table, [])
        if index >= len(starts):
            return None
        start = starts[index]
        if key is None:
            return start
        key_re = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if TABLE_RE.match(text) or re.match(r"^\s*\[", text):
                break
            if key_re.match(text):
                return number
        return start

    def id_line(self, table: str, index: int, ident: str) -> int | None:
        """Line of an entry's id, falling back to a search of the raw text for it."""
        line = self.line(table, index, "id")
        if line is not None:
            return line
        needle = re.compile(rf"""\bid\s*=\s*["']{re.escape(ident)}["']""")
        for number, text in enumerate(self.lines, start=1):
            if needle.search(text):
                return number
        return None

    def table_list(self, table: str) -> list:
        """The list of [[table]] entries, reporting it if it is missing or not a list."""
        value = self.data.get(table)
        if isinstance(value, list) and value:
            return value
        self.problem(
            f"there are no [[{table}]] entries",
            f"Add at least one [[{table}]] entry. See site/README.md.",
            None,
        )
        return []

    def check_keys(self, entry: dict, where: str, allowed: set[str], line: int | None) -> None:
        """Report keys that are not allowed (usually typos, which would be ignored)."""
        for key in entry:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f'Did you mean "{close[0]}"? ' if close else ""
                self.problem(
                    f'unknown key "{key}" in {where}',
                    f"{hint}Keys allowed here: {', '.join(sorted(allowed))}.",
                    self._key_line(key, line),
                )

    def _key_line(self, key: str, after: int | None) -> int | None:
        """First line at or after `after` that sets `key` or opens a [key] / [[key]] table."""
        key_re = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[\[?\s*{re.escape(key)}\s*\])")
        for number in range(after or 1, len(self.lines) + 1):
            if key_re.match(self.lines[number - 1]):
                return number
        return after

    def check_entry(
        self, table: str, index: int, entry: object,
        required: tuple[str, ...], optional: tuple[str, ...],
    ) -> dict[str, str]:
        """Check one entry's keys and texts; return it with missing keys set to ""."""
        where = f"[[{table}]] entry {index + 1}" if table else "the file"
        start = self.line(table, index) if table else None
        if not isinstance(entry, dict):
            self.problem(f"{where} is not a table", FIX_TOML, start)
            # An empty row keeps later entries' positions, and so their line numbers, right.
            return dict.fromkeys(required + optional, "")
        name = entry.get("id") if isinstance(entry.get("id"), str) else None
        label = f'{table[:-1]} "{name}"' if name else where
        self.check_keys(entry, label, set(required) | set(optional), start)
        row: dict[str, str] = {}
        for key in required + optional:
            value = entry.get(key, "")
            line = self.line(table, index, key) if table else self._key_line(key, None)
            if not isinstance(value, str):
                self.problem(
                    f"{key} of {label} is not text",
                    f'Put the value in double quotes: {key} = "..."',
                    line,
                )
                value = ""
            elif key in required and not value.strip():
                self.problem(
                    f"{label} has no {key}" if key not in entry else f"{key} of {label} is empty",
                    f'Add a line {key} = "..." to it.',
                    line,
                )
            row[key] = value.strip()
            self.check_text(row[key], f"{key} of {label}", line)
        if "id" in required and row["id"] and not ID_RE.match(row["id"]):
            self.problem(
                f'id "{row["id"]}" is not a valid id',
                "Start with a letter; use lowercase letters, digits and single hyphens, e.g. chest-pain.",
                self.line(table, index, "id"),
            )
        return row

    def check_text(self, text: str, where: str, line: int | None) -> None:
        """Report unknown or broken {{placeholders}} and 111 shown as a phone number."""
        for match in PLACEHOLDER_RE.finditer(text):
            if match.group(1) not in PLACEHOLDER_DEFAULTS:
                self.problem(
                    f"unknown placeholder {match.group(0)} in {where}",
                    "Use one of: "
                    + ", ".join("{{" + name + "}}" for name in PLACEHOLDER_DEFAULTS)
                    + ".",
                    line,
                )
        rest = PLACEHOLDER_RE.sub("", text)
        if "{{" in rest or "}}" in rest:
            self.problem(
                f"a placeholder in {where} is not closed",
                "Write placeholders as {{name}}, with two braces on each side.",
                line,
            )
        # CONTENT.md D: 111 is an emergency number in one country and not in another.
        if NZ_EMERGENCY_RE.search(rest):
            self.problem(
                f"{where} shows 111",
                "Never show 111 as a number to call; the emergency wording comes "
                "from {{emergency}} in the site settings.",
                line,
            )

    def check_faq(self, slug: str, faq_slugs: set[str], line: int | None) -> None:
        """Report a link to an FAQ answer that does not exist."""
        if slug and slug not in faq_slugs:
            close = difflib.get_close_matches(slug, faq_slugs, n=1)
            hint = f'Did you mean "{close[0]}"? ' if close else ""
            self.problem(
                f'unknown faq "{slug}": there is no site/faq/{slug}.md',
                f"{hint}Use the file name of an answer in site/faq/ without .md.",
                line,
            )

    def check_unique_ids(
        self, table: str, rows: list[dict[str, str]], also: Sequence[dict[str, str]] = ()
    ) -> None:
        """Report an id used twice (ids of groups and items share one namespace)."""
        # Ids become saved-answer keys and HTML ids, so a group and an item may not share one.
        group_ids = {row["id"] for row in also if row["id"]}
        first_line: dict[str, int | None] = {}
        for index, row in enumerate(rows):
            ident = row["id"]
            if not ident:
                continue
            line = self.id_line(table, index, ident)
            if ident in group_ids or ident in first_line:
                if ident in first_line:
                    before = first_line[ident]
                    where = f" (first at line {before})" if before else ""
                else:
                    where = " (a group has it too)"
                self.problem(
                    f'id "{ident}" is used twice{where}',
                    "Give each entry its own id. Saved answers are stored by id, so "
                    "rename the new entry, not one already published.",
                    line,
                )
            first_line.setdefault(ident, line)

    def check_item_groups(self, items: list[dict[str, str]], groups: list[dict[str, str]]) -> None:
        """Report items in a group that does not exist, and groups with no items."""
        known = [group["id"] for group in groups]
        for index, item in enumerate(items):
            if item["group"] and item["group"] not in known:
                close = difflib.get_close_matches(item["group"], known, n=1)
                hint = f'Did you mean "{close[0]}"? ' if close else ""
                self.problem(
                    f'item "{item["id"]}" is in an unknown group "{item["group"]}"',
                    f"{hint}Use the id of a [[groups]] entry: {', '.join(known)}.",
                    self.line("items", index, "group"),
                )
        used = {item["group"] for item in items}
        for index, group in enumerate(groups):
            if group["id"] and group["id"] not in used:
                self.problem(
                    f'group "{group["id"]}" has no items',
                    f'Add [[items]] with group = "{group["id"]}", or remove the group.',
                    self.line("groups", index),
                )


def _check_choice(
    doc: _Document, table: str, index: int, key: str, value: str, allowed: tuple[str, ...]
) -> None:
    """Report a value that is not one of a fixed set."""
    if value and value not in allowed:
        doc.problem(
            f'unknown {key} "{value}"',
            f"Use one of: {', '.join(allowed)}.",
            doc.line(table, index, key),
        )


def _check_outcome_levels(doc: _Document, outcomes: list[dict[str, str]]) -> None:
    """Every level needs exactly one outcome card, or the page would have nothing to show."""
    seen: set[str] = set()
    for index, row in enumerate(outcomes):
        if row["level"] in seen:
            doc.problem(
                f'two outcomes have level "{row["level"]}"',
                "Keep one outcome per level.",
                doc.line("outcomes", index, "level"),
            )
        seen.add(row["level"])
    for level in LEVELS:
        if level not in seen:
            doc.problem(
                f'there is no outcome for level "{level}"',
                f'Add an [[outcomes]] entry with level = "{level}".',
                None,
            )


def _check_pain_rules(doc: _Document, groups: list[dict], items: list[dict]) -> None:
    """Enforce the safety rules of CONTENT.md part D that the data could otherwise break."""
    by_id = {group["id"]: group for group in groups}
    rank = {level: number for number, level in enumerate(LEVELS)}
    for index, item in enumerate(items):
        group = by_id.get(item["group"])
        if group is None or item["level"] not in rank:
            continue
        level = rank[item["level"]]
        line = doc.line("items", index, "level")
        if group["question"] == "warning" and level < rank["urgent"]:
            doc.problem(
                f'warning sign "{item["id"]}" has level "{item["level"]}"',
                'A warning sign must outrank every exercise answer: use level = "urgent" '
                'or "emergency".',
                line,
            )
        if group["question"] == "exercise" and level > rank["see-doctor"]:
            doc.problem(
                f'exercise answer "{item["id"]}" has level "{item["level"]}"',
                'Urgent and emergency items belong in a group with question = "warning".',
                line,
            )
        if group["type"] == "scale":
            if level > rank["tell-therapist"]:
                doc.problem(
                    f'pain score answer "{item["id"]}" has level "{item["level"]}"',
                    'A pain score alone is never above "tell-therapist": use that level.',
                    line,
                )
            if item["applies"] not in PAIN_RANGES:
                doc.problem(
                    f'pain score answer "{item["id"]}" needs applies = '
                    f"{' or '.join(repr(r) for r in PAIN_RANGES)}",
                    'Set applies = "up-to-acceptable" or "above-acceptable".',
                    doc.line("items", index, "applies"),
                )
        elif item["applies"]:
            doc.problem(
                f'item "{item["id"]}" has applies, which only pain score answers use',
                "Remove the applies line.",
                doc.line("items", index, "applies"),
            )
    for group in groups:
        members = [item for item in items if item["group"] == group["id"]]
        if group["type"] == "scale":
            ranges = sorted(item["applies"] for item in members)
            if ranges != sorted(PAIN_RANGES):
                doc.problem(
                    f'the pain scale group "{group["id"]}" needs exactly two items',
                    'One with applies = "up-to-acceptable", one with applies = '
                    '"above-acceptable".',
                    doc.line("groups", groups.index(group)),
                )
        if group["type"] == "choice" and len(members) == 1:
            doc.problem(
                f'the choice group "{group["id"]}" has only one answer',
                'Add more answers, or make it type = "tick".',
                doc.line("groups", groups.index(group)),
            )
    types = [group["type"] for group in groups]
    if types.count("scale") != 1:
        doc.problem(
            f"the pain check needs exactly one scale group, it has {types.count('scale')}",
            f'Keep one [[groups]] entry with id = "{SCALE_GROUP}" and type = "scale".',
            None,
        )
