"""What every page shares: settings in templates, relative links, and the Content-Security-Policy."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app

from .colours import readable_text_on
from .urls import relative_url_for, root_path

# Marks the page as scripted before first paint, so enhanced controls never flash (NHS.UK frontend's pattern).
JS_ENABLED = "document.documentElement.className+=' js-enabled'"

# Main menu: (endpoint, label, what it does); the pain check second, near the top of the opened menu.
# Entries with a description are the tools the home page offers.
NAV = (
    ("home.show_home", "Home", ""),
    ("pain_check.show_pain_check", "Pain check", "Is this pain OK? Answer a few questions and see what to do now."),
    ("diary.show_diary", "Pain diary", "Note your pain at each session, see how the weeks are going, and share it."),
    ("programme.show_programme", "My programme", "The exercises your therapist gave you, with how much and how often."),
    ("pain_check.show_next_session", "Next session", "A list of what to tell and ask your therapist, to tick and print."),
    ("exercises.list_exercises", "Exercises", ""),
    ("faq.list_questions", "Questions", ""),
    ("home.show_about", "About", ""),
)


# The templates' indentation, which a browser ignores: left out of every page (about 2% of a tool page gzipped).
# <pre> and <textarea> keep theirs, where spaces are content.
INDENT = re.compile(r"(<(pre|textarea)\b.*?</\2>)|\n[ \t]+", re.S)


def strip_indentation(html: str) -> str:
    """The page without the spaces that start its lines, except inside <pre> and <textarea>."""
    return INDENT.sub(lambda m: m.group(1) or "\n", html)


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def theme_style(settings: dict[str, Any]) -> str:
    """The clinic's colours as CSS custom properties (the only per-site CSS).

    The accent is for light mode only: it is checked against light backgrounds, and dark mode keeps its own
    light links (static/css/tokens.css). Buttons get darker shades of it for hover and their shadow.
    """
    theme = settings["colours.theme"]
    style = f":root{{--app-theme:{theme};--app-on-theme:{readable_text_on(theme)}}}"
    accent = settings.get("colours.accent")
    if accent:
        style += (f"@media not screen and (prefers-color-scheme:dark){{:root{{--app-link:{accent};"
                  f"--app-button:{accent};--app-on-button:{readable_text_on(accent)};"
                  f"--app-button-hover:{shade(accent, 0.8)};--app-button-shadow:{shade(accent, 0.5)}}}}}")
    return style


def shade(colour: str, factor: float) -> str:
    """The colour darkened: each channel times `factor`."""
    return "#" + "".join(f"{int(int(colour[i:i + 2], 16) * factor):02x}" for i in (1, 3, 5))


def content_security_policy(scripts: list[str], styles: list[str], data_images: bool = False) -> str:
    """A policy that allows only this origin, plus the named inline snippets by hash.

    No form may submit anywhere, not even to this origin: every form is handled by a script on the
    phone, and a form that submitted without it would put what the patient typed in a URL, the
    host's log and the browser history. `data_images` is for the one page that needs a data: image.
    """
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(csp_hash(s) for s in scripts),
        "style-src 'self' " + " ".join(csp_hash(s) for s in styles),
        "img-src 'self'" + (" data:" if data_images else ""),
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def nested(flat: dict[str, Any]) -> dict[str, Any]:
    """{"a.b": 1} -> {"a": {"b": 1}}, so templates can write site.safety.emergency."""
    tree: dict[str, Any] = {}
    for key, value in flat.items():
        *parents, leaf = key.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return tree


def init_page_shell(app: Flask) -> None:
    """Give every template the settings, the menu, relative url_for and the CSP."""
    settings = app.extensions["ptguide"]["settings"]
    style = theme_style(settings)
    templates = Path(app.template_folder)
    shell = {
        "site": nested(settings),
        "nav": NAV,
        "js_enabled_script": JS_ENABLED,
        "theme_style": style,
        "csp": content_security_policy([JS_ENABLED], [style]),
        "content_security_policy": content_security_policy,
        "not_found_style": (templates / "_not_found.css").read_text("utf-8").strip(),
        "not_found_script": (templates / "_not_found.js").read_text("utf-8").strip(),
    }
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.globals["url_for"] = relative_url_for

    @app.after_request
    def drop_indentation(response: Response) -> Response:
        if response.mimetype == "text/html" and not response.direct_passthrough:
            response.set_data(strip_indentation(response.get_data(as_text=True)))
        return response

    @app.context_processor
    def inject_shell() -> dict[str, Any]:
        return {**shell, "root": root_path(), "version": current_app.config["VERSION"],
                "build_date": current_app.config["BUILD_DATE"]}


# Dates on the pages, by the first part of the site's language tag; any other language gets English.
# Written out with the month's name, so 3/4 can never be read as either March or April.
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
}
DATE_PATTERNS = {"de": "{d}. {m} {y}", "es": "{d} de {m} de {y}", "pt": "{d} de {m} de {y}", "en-us": "{m} {d}, {y}"}


def long_date(day: dt.date, lang: str | None = None) -> str:
    """The date written out in the site's language: "27 November 2026", "27. November 2026"; English if unknown."""
    lang = (lang or current_app.extensions["ptguide"]["settings"]["lang"]).lower()
    primary = lang.split("-")[0]
    if primary not in MONTHS:
        primary = lang = "en"
    month = MONTHS[primary].split()[day.month - 1]
    pattern = DATE_PATTERNS.get(lang, DATE_PATTERNS.get(primary, "{d} {m} {y}"))
    return pattern.format(d=day.day, m=month, y=day.year)
