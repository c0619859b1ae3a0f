"""Read and check site/site.toml, the one settings file a publisher edits."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Key:
    """One allowed setting: its dotted name, Python type, whether it is required, and a check."""

    name: str
    kind: type
    required: bool = True
    check: Any = None  # callable(value) -> error text or None
    allowed: str = ""


def _max_len(limit: int):
    return lambda v: f"is {len(v)} characters long; at most {limit} fit" if len(v) > limit else None


def _not_empty(v: str) -> str | None:
    return "is empty" if not v.strip() else None


def _colour(v: str) -> str | None:
    return None if HEX_COLOUR.match(v) else "is not a colour like \"#005eb8\""


def _pain(v: int) -> str | None:
    return None if 0 < v < 10 else "must be a whole number from 1 to 9"


def _no_111(v: str) -> str | None:
    # 111 is New Zealand's emergency number and England's non-emergency line: never offer it as "the" emergency number.
    return "mentions 111, which is not an emergency number in most countries" if re.search(r"\b111\b", v) else None


def _lang(v: str) -> str | None:
    return None if re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", v) else "is not a language tag like \"en\" or \"en-GB\""


SCHEMA: tuple[Key, ...] = (
    Key("name", str, check=_not_empty, allowed="text"),
    Key("short_name", str, check=lambda v: _not_empty(v) or _max_len(12)(v), allowed="text, 12 characters at most"),
    Key("description", str, check=_not_empty, allowed="one sentence"),
    Key("lang", str, check=_lang, allowed="a language tag such as en or en-GB"),
    Key("content_reviewed", dt.date, allowed="a date such as 2026-11-27 (no quotes)"),
    Key("clinic.name", str, required=False, allowed="text, may be empty"),
    Key("clinic.phone", str, required=False, allowed="text, may be empty"),
    Key("clinic.url", str, required=False, allowed="an https:// address, may be empty"),
    Key("safety.emergency", str, check=lambda v: _not_empty(v) or _no_111(v), allowed="text"),
    Key("safety.urgent_care", str, check=_not_empty, allowed="text"),
    Key("pain.acceptable", int, check=_pain, allowed="a whole number from 1 to 9"),
    Key("colours.theme", str, check=_colour, allowed="a hex colour such as \"#005eb8\""),
    Key("colours.background", str, check=_colour, allowed="a hex colour such as \"#ffffff\""),
)


def _flatten(data: dict, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _line_of(text: str, dotted: str) -> int | None:
    leaf = dotted.rsplit(".", 1)[-1]
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(leaf)}\s*=", line):
            return number
    return None


def _type_name(kind: type) -> str:
    return {str: "text in quotes", int: "a whole number", dt.date: "a date"}.get(kind, kind.__name__)


def load_settings(path: Path) -> dict[str, Any]:
    """Return the settings as a flat dict of dotted keys, or raise ContentError."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ContentError.single(path, "the settings file is missing", "copy site/site.toml from the PT Guide repository") from None
    except UnicodeDecodeError as err:
        raise ContentError.single(path, f"is not UTF-8 text ({err.reason} at byte {err.start})", "save the file as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        raise ContentError.single(
            path, f"is not valid TOML: {err}", "check quotes, = signs and [section] names on that line",
            int(line.group(1)) if line else None,
        ) from None

    flat = _flatten(data)
    known = {key.name: key for key in SCHEMA}
    problems = []
    for name in flat.keys() - known.keys():
        problems.append(Problem(path, f"unknown setting '{name}'", "check its spelling against site/README.md", _line_of(text, name)))
    settings: dict[str, Any] = {}
    for key in SCHEMA:
        if key.name not in flat:
            if key.required:
                problems.append(Problem(path, f"the setting '{key.name}' is missing", f"add it: {key.allowed}"))
            settings[key.name] = "" if key.kind is str else None
            continue
        value = flat[key.name]
        if not isinstance(value, key.kind) or (key.kind is int and isinstance(value, bool)) or (
            key.kind is dt.date and isinstance(value, dt.datetime)
        ):
            problems.append(Problem(
                path, f"'{key.name}' should be {_type_name(key.kind)}", f"allowed: {key.allowed}", _line_of(text, key.name),
            ))
            continue
        error = key.check(value) if key.check else None
        if error:
            problems.append(Problem(path, f"'{key.name}' {error}", f"allowed: {key.allowed}", _line_of(text, key.name)))
        settings[key.name] = value
    if problems:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0))
    return settings
