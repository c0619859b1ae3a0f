"""Content cannot inject: HTML and active links in an answer stop the build at their line, settings and checklist
text reach the pages as text, and no built page holds an element or attribute outside what the app allows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXED_DATE, ROOT
from ptguide import create_app
from ptguide.errors import ContentError
from ptguide.freezing import freeze_site
from ptguide.page_shell import JS_ENABLED
from ptguide.safe_markdown import ALLOWED_ATTRIBUTES, ALLOWED_CLASSES, ALLOWED_TAGS, URL_SCHEMES

HOSTILE_LINE = 9
FRONT_MATTER = """---
title: A hostile answer
order: 999
group: Your treatment
summary: Tries to put something into the page.
sources: [nice-ng59]
---
The first line is fine.
{hostile}
The last line is fine too.
"""

# case -> (what line 9 of the answer says, words the problem must contain)
HOSTILE_ANSWERS = {
    "script": ("<script>alert(1)</script>", "(<script>)"),
    "style": ("<style>body { display: none }</style>", "(<style>)"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
    "object": ('<object data="https://evil.example/x.swf"></object>', "<object"),
    "embed": ('<embed src="https://evil.example/x.swf">', "<embed"),
    "form": ('<form action="https://evil.example/"><input name="q"></form>', "<form"),
    "meta-refresh": ('<meta http-equiv="refresh" content="5;url=https://evil.example/">', "<meta"),
    "link": ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link"),
    "base": ('<base href="https://evil.example/">', "<base"),
    "event-attribute-on-a-block": ('<p onclick="alert(1)">Tap here</p>', "onclick"),
    "event-attribute-inline": ('Text with <span onmouseover="alert(1)">a span</span> in it.', "onmouseover"),
    "img-onerror": ("<img src=x onerror=alert(1)>", "<img"),
    "svg-onload": ("<svg onload=alert(1)>", "<svg"),
    "br": ("One line<br>and another.", "<br>"),
    "html-javascript-link": ('<a href="javascript:alert(1)">tap</a>', "<a href"),
    "markdown-javascript-link": ("[tap](javascript:alert(1))", "javascript: address"),
    "mixed-case-javascript-link": ("[tap](JaVaScRiPt:alert(1))", "javascript: address"),
    "data-link": ("[tap](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data: address"),
    "vbscript-link": ('[tap](vbscript:msgbox("x"))', "vbscript: address"),
    "angle-bracket-javascript": ("<javascript:alert(1)>", "<javascript:alert(1)>"),
    "picture-from-another-site": ("![a tracker](https://tracker.example/p.png)", "shows a picture"),
    "unknown-care-card": ('!!! danger "Danger: not a card type"', "'!!! danger' is not a care card type"),
    # Review 13, finding 5: written with character references, still javascript: to a browser.
    "javascript-with-an-encoded-tab": ("[tap](java&#x09;script:alert(1))", "javascript: address"),
    "javascript-with-an-encoded-letter": ("[tap](&#106;avascript:alert(1))", "javascript: address"),
    "javascript-with-an-encoded-colon": ("[tap](javascript&colon;alert(1))", "javascript: address"),
    # Finding 3: addresses with no scheme leave the site, or break at any address but the domain's top.
    "protocol-relative-link": ("[tap](//evil.example/pixel)", "has no https: in front"),
    "backslash-protocol-relative-link": (r"[tap](\\/evil.example/pixel)", "has no https: in front"),
    "absolute-path-link": ("[tap](/faq/warning-signs/)", 'starts with "/"'),
    "web-address-without-https": ("[tap](www.heronsgate-physio.example/back)", "has no https:// in front"),
    "https-without-a-host": ("[tap](https:evil.example)", "is not a whole web address"),
    "words-instead-of-an-address": ("[tap](the clinic)", "is not an address an answer can link to"),
    "a-placeholder-as-the-address": ("[tap]({{clinic}})", "uses a {{placeholder}} as a link's address"),
    "a-link-to-an-answer-page-that-does-not-exist": ("[tap](../no-such-answer/)", "not a question in site/faq/"),
    # Finding 6: a call link must dial what it says, and an emergency card never offers 111.
    "call-link-that-dials-another-number": ("[Call 999](tel:111)", "words say 999 but which dials 111"),
    "111-in-an-emergency-card-title": ('!!! emergency "Emergency: call 111 now if you have:"',
                                       "'!!! emergency' card that offers 111"),
}


def write_answer(site: Path, hostile: str) -> Path:
    path = site / "faq" / "hostile.md"
    path.write_text(FRONT_MATTER.format(hostile=hostile), "utf-8")
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE_ANSWERS))
def test_html_or_an_active_link_in_an_answer_stops_the_build_at_its_line_with_a_fix(site_copy, case):
    hostile, words = HOSTILE_ANSWERS[case]
    path = write_answer(site_copy, hostile)
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    problems = [p for p in caught.value.problems if p.path == path]
    assert problems, [str(p) for p in caught.value.problems]
    assert any(words in p.message for p in problems), [str(p) for p in problems]
    assert all(p.line == HOSTILE_LINE for p in problems), [str(p) for p in problems]
    assert all(p.fix for p in problems)


def test_a_reference_link_to_javascript_is_found_at_its_definition(site_copy):
    path = site_copy / "faq" / "hostile.md"
    path.write_text(FRONT_MATTER.format(hostile="See [this][x].\n\n[x]: javascript:alert(1)"), "utf-8")
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    (problem,) = [p for p in caught.value.problems if p.path == path]
    assert "javascript: address" in problem.message and problem.line == HOSTILE_LINE + 2


@pytest.mark.parametrize("card_line", ["- numbness: call 111 now", "[Call for help](tel:111)"])
def test_111_in_an_emergency_card_is_found_on_its_own_line_of_the_card(site_copy, card_line):
    path = write_answer(site_copy, f'!!! emergency "Emergency: get help now if you have:"\n    {card_line}')
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    (problem,) = [p for p in caught.value.problems if p.path == path]
    assert "'!!! emergency' card that offers 111" in problem.message and problem.line == HOSTILE_LINE + 1
    assert "{{emergency_call}}" in problem.fix and "'!!! urgent' card" in problem.fix


def test_the_configured_urgent_number_in_an_emergency_card_stops_the_build(site_copy):
    settings = site_copy / "site.toml"
    settings.write_text(settings.read_text("utf-8").replace('urgent_number = ""', 'urgent_number = "116 117"'), "utf-8")
    path = write_answer(site_copy, '!!! emergency "Emergency: call 116 117 now if you have:"')
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    (problem,) = [p for p in caught.value.problems if p.path == path]
    assert "the urgent-care line of site.toml" in problem.message and problem.line == HOSTILE_LINE


@pytest.mark.parametrize("allowed", [
    "[the warning signs](warning-signs.md)", "[the warning signs](../warning-signs/)",
    "[the warning signs](../warning-signs/#numbness)", "[further down](#sources)",
    "[Call 111 (open 24 hours)](tel:111)", "[Call 999](tel:999)", "[the NHS](https://www.nhs.uk/)",
    "[write to us](mailto:desk@clinic.example)", '!!! urgent "Urgent: call 111 today if you have:"',
    '!!! emergency "Emergency: {{emergency}}"',
])
def test_links_to_answers_pages_phones_and_111_outside_emergency_cards_still_build(site_copy, allowed):
    write_answer(site_copy, allowed)
    app = create_app({"SITE_DIR": site_copy})
    assert app.extensions["ptguide"]["content"].question("hostile").html


def test_comments_and_character_references_are_allowed_and_comments_leave_no_trace(site_copy):
    write_answer(site_copy, "Heat &amp; cold. <!-- a note for the next editor -->")
    app = create_app({"SITE_DIR": site_copy})
    html = app.extensions["ptguide"]["content"].question("hostile").html
    assert "Heat &amp; cold." in html and "note for the next editor" not in html


# Markup and Markdown a settings value might carry: it must reach every page as the same text. (clinic.phone and
# the addresses are checked instead: markup in them stops the build, see tests/test_settings.py.)
MARKUP = '<img src=x onerror=alert(1)>[tap](javascript:alert(1))**b**'
TEXT_SETTINGS = {
    "name": f'name = "Guide {MARKUP}"',
    "short_name": 'short_name = "<b>PT</b>"',
    "description": f'description = "Answers {MARKUP}"',
    "clinic.name": f'name = "Clinic {MARKUP}"',
    "safety.emergency": f'emergency = "call 999 {MARKUP}"',
    "safety.urgent_care": f'urgent_care = "see a GP today {MARKUP}"',
    "wording.therapy": f'therapy = "physio {MARKUP}"',
    "wording.therapist": f'therapist = "physio person {MARKUP}"',
    "review.reviewed_by": f'reviewed_by = "Sam {MARKUP}"\nreviewed_on = 2026-10-01',
}


def set_settings(site: Path, lines: dict[str, str]) -> None:
    text = (site / "site.toml").read_text("utf-8")
    for dotted, line in lines.items():
        section, _, key = dotted.rpartition(".")
        pattern = rf"(?m)^{re.escape(key)} = .*$"
        if section:
            start = text.index(f"[{section}]")
            end = text.find("\n[", start + 1)
            end = len(text) if end < 0 else end
            block = re.sub(pattern, lambda _m, line=line: line, text[start:end], count=1)
            assert block != text[start:end] or key == "reviewed_by", dotted
            text = text[:start] + block + text[end:]
        else:
            text, count = re.subn(pattern, lambda _m, line=line: line, text, count=1)
            assert count == 1, dotted
    (site / "site.toml").write_text(text, "utf-8")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    """The real site with markup in every text setting, a checklist text and a source's title."""
    import shutil

    site = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(ROOT / "site", site)
    set_settings(site, TEXT_SETTINGS)
    (site / "faq" / "clinic-words.md").write_text(FRONT_MATTER.replace("A hostile answer", "Clinic words").format(
        hostile="Ask {{clinic}}, or {{emergency}}. Urgent: {{urgent_care}}."), "utf-8")
    checklist = site / "checklists" / "pain-check.toml"
    text = checklist.read_text("utf-8")
    first_text = re.search(r'(?m)^text = "', text)
    checklist.write_text(text[:first_text.end()] + MARKUP + " " + text[first_text.end():], "utf-8")
    sources = site / "sources.toml"
    sources.write_text(sources.read_text("utf-8").replace('title = "', f'title = "{MARKUP} ', 1), "utf-8")
    out = tmp_path_factory.mktemp("hostile-build") / "build"
    freeze_site(create_app({"SITE_DIR": site, "BUILD_DATE": FIXED_DATE}), out)
    return out


def pages_of(build: Path) -> list[Path]:
    return sorted(build.rglob("*.html"))


def test_markup_in_every_text_setting_reaches_the_pages_as_text_never_as_an_element(hostile_build):
    seen = set()
    for page in pages_of(hostile_build):
        doc = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        assert not doc.select("img, [onerror], b"), page
        assert not [a for a in doc.select("a[href]") if a["href"].lower().startswith("javascript")], page
        text = doc.get_text(" ")
        seen.update(key for key, line in TEXT_SETTINGS.items() if line.split('"')[1].split("\n")[0] in text)
        if MARKUP in text:
            seen.add("shown as written")
    # Every value shows somewhere exactly as written; the full name only in the manifest, which is JSON, not HTML.
    manifest = json.loads((hostile_build / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == f"Guide {MARKUP}"
    assert seen >= set(TEXT_SETTINGS) - {"name"} | {"shown as written"}, set(TEXT_SETTINGS) - seen


def test_placeholders_in_an_answer_are_filled_in_as_text(hostile_build):
    doc = BeautifulSoup((hostile_build / "faq" / "clinic-words" / "index.html").read_text("utf-8"), "html.parser")
    prose = doc.select_one(".app-prose")
    assert f"Ask Clinic {MARKUP}, or call 999 {MARKUP}." in prose.get_text()
    assert [a["href"] for a in prose.select("a")] == []


def test_markup_in_checklist_text_and_source_titles_is_shown_as_text(hostile_build):
    check = BeautifulSoup((hostile_build / "pain-check" / "index.html").read_text("utf-8"), "html.parser")
    assert MARKUP in check.select_one("main").get_text()
    about = BeautifulSoup((hostile_build / "about" / "index.html").read_text("utf-8"), "html.parser")
    assert MARKUP in about.select_one(".app-source-list").get_text()


@pytest.mark.parametrize("url", ["javascript:alert(1)", 'https://x.example/\\"><script>alert(1)</script>'],
                         ids=["javascript", "html pasted after the address"])
def test_a_source_url_that_is_not_a_web_address_stops_the_build_at_its_line(site_copy, url):
    sources = site_copy / "sources.toml"
    text = sources.read_text("utf-8")
    match = re.search(r'(?m)^url = "[^"]*"', text)
    sources.write_text(text[:match.start()] + f'url = "{url}"' + text[match.end():], "utf-8")
    with pytest.raises(ContentError) as caught:
        create_app({"SITE_DIR": site_copy})
    (problem,) = caught.value.problems
    assert ("not a web address" in problem.message or "a web address cannot" in problem.message)
    assert problem.line == text.count("\n", 0, match.start()) + 1


# The app's own elements: every tag its templates write, and what an answer may become.
TEMPLATE_TAGS = {tag.lower() for path in (ROOT / "templates").glob("*.html")
                 for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", path.read_text("utf-8"))}
SAFE_SCHEMES = URL_SCHEMES


def problems_in_page(page: Path) -> list[str]:
    """Anything in a built page that neither the templates nor the answer allow-list puts there."""
    doc = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    found = []
    for element in doc.find_all(True):
        if element.name not in TEMPLATE_TAGS | ALLOWED_TAGS:
            found.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}>")
            if name in ("href", "src", "action", "formaction", "data"):
                scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", values[0]))
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES and values[0] != "data:,":
                    found.append(f"<{element.name} {name}={values[0][:40]}>")
    for meta in doc.select("meta[http-equiv]"):
        if meta["http-equiv"].lower() != "content-security-policy":
            found.append(f"<meta http-equiv={meta['http-equiv']}>")
    found += ["<base>" for _ in doc.select("base")]
    for script in doc.select("script"):
        if script.get("src"):
            if not re.fullmatch(r"(\.\./)*static/gen/[a-z-]+\.[0-9a-f]{8}\.js", script["src"]):
                found.append(f"<script src={script['src']}>")
        elif script.get("type") == "application/json":
            json.loads(script.string)  # data for the page's script, never run; tojson writes "<" as \u003c
            if "<" in script.string:
                found.append("<script type=application/json> holding '<'")
        elif script.string.strip() != JS_ENABLED and page.name != "404.html":
            found.append("<script> with unknown inline code")
    for prose in doc.select(".app-prose"):
        for element in prose.find_all(True):
            allowed = ALLOWED_ATTRIBUTES.get(element.name, set()) | ({"class"} if element.name in ALLOWED_CLASSES else set())
            if element.name not in ALLOWED_TAGS or set(element.attrs) - allowed:
                found.append(f"answer: <{element.name} {' '.join(element.attrs)}>")
            if set(element.get("class", [])) - ALLOWED_CLASSES.get(element.name, set()):
                found.append(f"answer: <{element.name} class={element['class']}>")
    return found


@pytest.mark.parametrize("which", ["site", "hostile settings", "examples/clinic"])
def test_no_built_page_holds_an_element_or_attribute_outside_what_the_app_allows(which, built_site, hostile_build,
                                                                                    tmp_path):
    if which == "examples/clinic":
        build = tmp_path / "build"
        freeze_site(create_app({"SITE_DIR": ROOT / "examples" / "clinic", "BUILD_DATE": FIXED_DATE}), build)
    else:
        build = built_site if which == "site" else hostile_build
    pages = pages_of(build)
    assert len(pages) > 20
    assert {p.name for p in pages} >= {"index.html", "404.html"}
    found = {str(p.relative_to(build)): problems_in_page(p) for p in pages}
    assert not {page: items for page, items in found.items() if items}
    answers = [p for p in pages if p.parent.parent.name == "faq"]
    assert answers and all(BeautifulSoup(p.read_text("utf-8"), "html.parser").select(".app-prose p") for p in answers)
