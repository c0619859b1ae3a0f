"""Read and check site/site.toml, the one settings file a publisher edits."""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .colours import contrast, readable_text_on
from .errors import ContentError, Problem
from .site_files import read_text, toml_fix

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Characters an address copied from a browser never holds, but a pasted snippet of HTML does.
URL_REFUSED = frozenset('"\'<>`\\{}|^')

# WCAG 2 level AA: the least contrast for normal-sized text.
AA_CONTRAST = 4.5
# The light-mode colours the pages draw on the background; keep in step with static/css/tokens.css.
PAGE_COLOURS = {"the text": "#212b32", "links": "#005eb8", "visited links": "#330072"}
# What links and buttons sit on in light mode: the page (--app-bg) and the cards (--app-surface).
PAGE_BACKGROUNDS = {"the page": "#f0f4f5", "the cards": "#ffffff"}


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


def _optional_colour(v: str) -> str | None:
    return _colour(v) if v else None


def _pain(v: int) -> str | None:
    return None if 0 < v < 10 else "must be a whole number from 1 to 9"


def _no_111(v: str) -> str | None:
    # 111 is New Zealand's emergency number and England's non-emergency line: never offer it as "the" emergency number.
    return "mentions 111, which is not an emergency number in most countries" if re.search(r"\b111\b", v) else None


def _phone_number(v: str) -> str | None:
    # Dialled as it is written: a tel: link keeps only the digits (and a leading +).
    if v and not re.fullmatch(r"\+?[0-9][0-9 -]{1,19}", v):
        return "is not a phone number like \"999\" or \"+44 20 7946 0000\" (digits, spaces, - and a leading +)"
    return None


def _emergency_number(v: str) -> str | None:
    return _phone_number(v) or ("is 111, which is not an emergency number in most countries"
                                if re.sub(r"\D", "", v) == "111" else None)


def _https_url(v: str, *, folder: bool = False) -> str | None:
    if not v:
        return None
    parts = urlsplit(v)
    if parts.scheme != "https" or not parts.netloc or " " in v:
        return "is not a full address starting with https://"
    odd = sorted({c for c in v if c in URL_REFUSED or c.isspace()})
    if odd:
        shown = " ".join("a space" if c == " " else repr(c) if c.isspace() else c for c in odd)
        return f"holds {shown}, which a web address cannot hold: copy the address from the browser's address bar"
    if folder and (parts.query or parts.fragment or not v.endswith("/")):
        return "must end with \"/\" (the folder the site is published in), with no ? or #"
    return None


def _lang(v: str) -> str | None:
    return None if re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", v) else "is not a language tag like \"en\" or \"en-GB\""


SCHEMA: tuple[Key, ...] = (
    Key("name", str, check=_not_empty, allowed="text"),
    Key("short_name", str, check=lambda v: _not_empty(v) or _max_len(12)(v), allowed="text, 12 characters at most"),
    Key("description", str, check=_not_empty, allowed="one sentence"),
    Key("lang", str, check=_lang, allowed="a language tag such as en or en-GB"),
    Key("review.reviewed_by", str, required=False, allowed="the name and role of the clinician who checked the answers, or \"\""),
    Key("review.reviewed_on", dt.date, required=False, allowed="the day they checked them, a date such as 2026-11-27 (no quotes)"),
    Key("review.next_review", dt.date, required=False, allowed="the day the answers are next due a check, a date such as 2027-05-27"),
    Key("clinic.name", str, required=False, allowed="text, may be empty"),
    Key("clinic.phone", str, required=False, check=_phone_number,
        allowed="the clinic's number as it is dialled, such as \"020 7946 0123\", or \"\""),
    Key("clinic.url", str, required=False, check=_https_url, allowed="an https:// address, or \"\""),
    Key("safety.emergency", str, check=lambda v: _not_empty(v) or _no_111(v), allowed="text"),
    Key("safety.urgent_care", str, check=_not_empty, allowed="text"),
    Key("safety.emergency_number", str, required=False, check=_emergency_number,
        allowed="the emergency number to call, such as \"999\" (never 111), or \"\""),
    Key("safety.urgent_number", str, required=False, check=_phone_number,
        allowed="a non-emergency line such as \"111\", or \"\""),
    Key("wording.therapy", str, required=False, allowed="\"physical therapy\" (the default) or \"physiotherapy\""),
    Key("wording.therapist", str, required=False,
        allowed="\"physical therapist\" (the default) or \"physiotherapist\""),
    Key("pain.acceptable", int, check=_pain, allowed="a whole number from 1 to 9"),
    Key("colours.theme", str, check=_colour, allowed="# and six digits or letters a to f, such as \"#005eb8\""),
    Key("colours.background", str, check=_colour,
        allowed="a light colour written as # and six digits or letters a to f, such as \"#ffffff\""),
    Key("colours.accent", str, required=False, check=_optional_colour,
        allowed="a colour for links and buttons written as # and six digits or letters a to f, such as \"#00703c\", "
        "dark enough for 4.5:1 on white, or leave it out"),
    Key("base_url", str, required=False, check=lambda v: _https_url(v, folder=True),
        allowed="the site's public https:// address ending in \"/\", such as \"https://you.github.io/pt-guide/\", or \"\""),
)


# Keys of earlier versions, and what replaced them: the build names the new keys rather than "unknown setting".
REPLACED = {
    "content_reviewed": (
        "'content_reviewed' has been replaced by the [review] section: review.reviewed_by, review.reviewed_on "
        "and review.next_review",
        "delete the content_reviewed line and add, at the end of the file, a [review] section with "
        "reviewed_by = \"name, role\", reviewed_on = <the day they checked the answers> and next_review = <a date>; "
        "a review date counts only with the clinician who did the review (see site/README.md)",
    ),
}


def _replaced_keys(path: Path, text: str, flat: dict[str, Any]) -> list[Problem]:
    return [Problem(path, message, fix, _line_of(text, name)) for name, (message, fix) in REPLACED.items() if name in flat]


def _check_review(path: Path, text: str, settings: dict[str, Any]) -> list[Problem]:
    # A review date means a named clinician checked the answers; a date with no one behind it would mislead readers.
    by, on, due = settings.get("review.reviewed_by") or "", settings.get("review.reviewed_on"), settings.get("review.next_review")
    problems = []
    if on and not by.strip():
        problems.append(Problem(path, "'review.reviewed_on' is set, but 'review.reviewed_by' is empty",
                                "name the clinician who checked the answers (reviewed_by = \"name, role\"), or delete "
                                "the reviewed_on line until someone has", _line_of(text, "review.reviewed_on")))
    if by.strip() and not on:
        problems.append(Problem(path, "'review.reviewed_by' is set, but there is no 'review.reviewed_on'",
                                "add reviewed_on = <the day they checked the answers> under [review]",
                                _line_of(text, "review.reviewed_by")))
    if due and not on:
        problems.append(Problem(path, "'review.next_review' is set, but there is no 'review.reviewed_on'",
                                "delete the next_review line until a clinician has checked the answers, then set "
                                "reviewed_by, reviewed_on and next_review together", _line_of(text, "review.next_review")))
    if on and due and due <= on:
        problems.append(Problem(path, "'review.next_review' is not after 'review.reviewed_on'",
                                "set next_review to a later day, for example a year after reviewed_on",
                                _line_of(text, "review.next_review")))
    return problems


def review_warnings(path: Path, settings: dict[str, Any], today: dt.date) -> list[Problem]:
    """Reasons to look at the review settings that should not stop a build: a review that is overdue."""
    due = settings.get("review.next_review")
    if due and due < today:
        text = read_text(path)
        return [Problem(path, f"the next review was due on {due.isoformat()}, which has passed: every page still says it is due",
                        "have a clinician check the answers, then set review.reviewed_by, review.reviewed_on and a new "
                        "review.next_review", _line_of(text, "review.next_review"))]
    return []


def _darker_until_readable(colour: str, text: str) -> str:
    """The nearest darker shade of `colour` on which `text` (white) reaches AA: a suggestion, not a rule."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    shade = colour
    while contrast(shade, text) < AA_CONTRAST and (r, g, b) != (0, 0, 0):
        r, g, b = (int(c * 0.95) for c in (r, g, b))
        shade = f"#{r:02x}{g:02x}{b:02x}"
    return shade


def _ratio(value: float) -> str:
    # Rounded down, so a ratio just under the bar never reads as meeting it.
    return f"{math.floor(value * 100) / 100:.2f}:1"


def check_contrast(settings: dict[str, Any]) -> list[tuple[str, str, str]]:
    """WCAG AA checks on the clinic's colours, as (key, problem, fix); empty when every text is readable."""
    found = []
    theme, background = settings.get("colours.theme"), settings.get("colours.background")
    if isinstance(theme, str) and HEX_COLOUR.match(theme):
        text = readable_text_on(theme)
        ratio = contrast(theme, text)
        if ratio < AA_CONTRAST:
            which = "white" if text == "#ffffff" else "dark"
            found.append(("colours.theme",
                          f"'colours.theme' \"{theme}\": the {which} menu text on it has a contrast "
                          f"of {_ratio(ratio)}, and WCAG AA needs at least {AA_CONTRAST}:1",
                          f"change colours.theme to a darker colour, for example \"{_darker_until_readable(theme, '#ffffff')}\""))
    accent = settings.get("colours.accent")
    if isinstance(accent, str) and HEX_COLOUR.match(accent):
        grounds = {**PAGE_BACKGROUNDS, "colours.background": background} if isinstance(background, str) \
            and HEX_COLOUR.match(background) else PAGE_BACKGROUNDS
        where, ground = min(grounds.items(), key=lambda item: contrast(accent, item[1]))
        on_accent = readable_text_on(accent)
        if contrast(accent, ground) < AA_CONTRAST:
            found.append(("colours.accent",
                          f"'colours.accent' \"{accent}\": links in it on {where} (\"{ground}\") have a contrast of "
                          f"{_ratio(contrast(accent, ground))}, and WCAG AA needs at least {AA_CONTRAST}:1",
                          f"change colours.accent to a darker colour, for example "
                          f"\"{_darker_until_readable(accent, ground)}\""))
        elif contrast(accent, on_accent) < AA_CONTRAST:
            found.append(("colours.accent",
                          f"'colours.accent' \"{accent}\": the button text on it has a contrast of "
                          f"{_ratio(contrast(accent, on_accent))}, and WCAG AA needs at least {AA_CONTRAST}:1",
                          f"change colours.accent to a darker colour, for example \"{_darker_until_readable(accent, '#ffffff')}\""))
    if isinstance(background, str) and HEX_COLOUR.match(background):
        worst = min(PAGE_COLOURS.items(), key=lambda item: contrast(item[1], background))
        ratio = contrast(worst[1], background)
        if ratio < AA_CONTRAST:
            found.append(("colours.background",
                          f"'colours.background' \"{background}\" is too dark: {worst[0]} (\"{worst[1]}\") would have a contrast "
                          f"of {_ratio(ratio)} on it, and WCAG AA needs at least {AA_CONTRAST}:1",
                          "change colours.background to a light colour, for example \"#ffffff\""))
    return found


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
    """The line that sets `dotted` ("clinic.url" is `url = …` under [clinic]), or None."""
    section, _, leaf = dotted.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
        elif current == section and re.match(rf"\s*{re.escape(leaf)}\s*=", line):
            return number
    return None


def _type_name(kind: type) -> str:
    return {str: "text in quotes", int: "a whole number", dt.date: "a date"}.get(kind, kind.__name__)


def load_settings(path: Path) -> dict[str, Any]:
    """Return the settings as a flat dict of dotted keys, or raise ContentError."""
    text = read_text(path, "copy site/site.toml from the PT Guide repository")
    if not text.strip():
        raise ContentError.single(path, "is empty", "copy site/site.toml from the PT Guide repository, then change its values")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"line (\d+)", str(err))
        line = int(found.group(1)) if found else None
        raise ContentError.single(
            path, f"is not valid TOML: {err}", toml_fix(text, line, "check quotes, = signs and [section] names on that line"),
            line,
        ) from None

    flat = _flatten(data)
    known = {key.name: key for key in SCHEMA}
    problems = _replaced_keys(path, text, flat)
    for name in flat.keys() - known.keys() - REPLACED.keys():
        leaf = name.rsplit(".", 1)[-1]
        fix = (f"move the line '{leaf} = …' above the first [section] line: in TOML a line belongs to the [section] above it"
               if leaf in known and leaf != name else "check its spelling against site/README.md")
        problems.append(Problem(path, f"unknown setting '{name}'", fix, _line_of(text, name)))
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
                path, f"'{key.name}' should be {_type_name(key.kind)}", f"use {key.allowed}", _line_of(text, key.name),
            ))
            continue
        error = key.check(value) if key.check else None
        if error:
            problems.append(Problem(path, f"'{key.name}' {error}", f"use {key.allowed}", _line_of(text, key.name)))
        settings[key.name] = value
    # The shared pages' words for the therapy, in the site's English: "physiotherapy" on a UK site.
    settings["wording.therapy"] = settings["wording.therapy"].strip() or "physical therapy"
    settings["wording.therapist"] = settings["wording.therapist"].strip() or "physical therapist"
    problems.extend(_check_review(path, text, settings))
    for name, message, fix in check_contrast(settings):
        problems.append(Problem(path, message, fix, _line_of(text, name)))
    if problems:
        raise ContentError(sorted(problems, key=lambda p: p.line or 0))
    return settings
