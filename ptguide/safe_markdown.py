"""Answers are Markdown only: what HTML an answer may become, and the checks that stop anything else.

Python-Markdown tells us which parts of an answer were raw HTML (it keeps them in its html stash),
so the build can name the line and refuse them; links and pictures are checked on the parsed tree;
and nh3 (Ammonia) then cleans the finished HTML to the allow-list below, so whatever a check
missed can never reach a page. The allow-list is exactly what the Markdown we support produces.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import nh3
from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

# What the Markdown of an answer becomes (paragraphs, headings, lists, emphasis, links, code, quotes,
# rules, line breaks and care cards). Nothing else: no pictures, tables, forms or embedded pages.
ALLOWED_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code",
                          "pre", "blockquote", "hr", "br", "div"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Care cards (`!!! emergency "…"`) and the call link of {{emergency_call}}: the only classes the styles know
# (a class attribute is allowed on these elements, with these values only).
CARE_CARDS = ("emergency", "urgent", "non-urgent")
ALLOWED_CLASSES = {"div": {"admonition", *CARE_CARDS}, "p": {"admonition-title"}, "a": {"app-call__link"}}
# Links may open a web page, dial a phone or write an e-mail; relative links reach other answers.
URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
# The elements that run code, load or embed another page, send data or change the page itself.
ACTIVE_TAGS = frozenset({"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                         "button", "textarea", "select", "meta", "link", "base", "svg", "math", "template", "noscript",
                         "img", "picture", "video", "audio", "source", "portal"})

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
ENTITY = re.compile(r"^&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);$")
TAG_NAME = re.compile(r"^<\s*/?\s*([a-zA-Z][a-zA-Z0-9:-]*)")
# An event handler (onclick=…) or an address that runs code, inside a tag.
ACTIVE_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=|(javascript|vbscript|data)\s*:", re.IGNORECASE)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a browser ignores inside an address before reading its scheme ("java\tscript:" is "javascript:").
IGNORED_IN_URL = re.compile(r"[\x00-\x20]")
WEB_ADDRESS = re.compile(r"^https?://[^\s/?#\\]+", re.IGNORECASE)
# A link to another answer once markdown_links has rewritten it (or as a publisher may write it): ../<slug>/#part.
ANSWER_LINK = re.compile(r"^\.\./[a-z0-9]+(?:-[a-z0-9]+)*/(?:#.*)?$")
# www.clinic.example/back or clinic.example: a web address without its https://.
BARE_HOST = re.compile(r"^(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]|$))", re.IGNORECASE)
# A phone number as a patient reads it in a link's words: "999", "+44 20 7946 0000", "0800-123-456".
# How Python-Markdown holds a backslash-escaped character until its last step (util.STX, the code, util.ETX).
ESCAPED_CHARACTER = re.compile(r"\x02(\d+)\x03")
NUMBER_IN_WORDS = re.compile(r"\+?\d(?:[\d -]*\d)?")


@dataclass(frozen=True)
class CallLink:
    """A tap-to-call link for {{emergency_call}}: its number as written, or "" for none."""

    number: str


@dataclass
class Finding:
    """Something in an answer outside the allow-list: what it is, the text to find its line by, and the fix."""

    message: str
    needle: str
    fix: str


HTML_FIX = ("write it in Markdown instead: **bold**, *italic*, [a link](https://…), a list with '- ', a heading "
            "with '## ' (see site/README.md, 'What an answer may contain')")
ACTIVE_FIX = ("delete it: an answer cannot run code, show pictures, embed or load other pages, or change the page; "
              "write what it should say in Markdown (see site/README.md, 'What an answer may contain')")
FULL_ADDRESS_FIX = "write the whole address with https:// in front, such as (https://www.nhs.uk/conditions/back-pain/)"
CALL_FIX = ("make the words and the number after tel: the same, such as [Call 999](tel:999), "
            "or use {{emergency_call}} and {{urgent_call}}, which dial the numbers in site.toml")
LINK_FIX = ("link to a web page with https://, a phone number with tel:, an e-mail address with mailto:, "
            "or another answer by its file name, such as (how-much-pain-is-ok.md)")


class _Placeholders(InlineProcessor):
    """{{name}} becomes its setting as text (escaped like any text), or a call link: never markup."""

    def __init__(self, ext: SafeMarkdown, md: Markdown):
        super().__init__(PLACEHOLDER.pattern, md)
        self.ext = ext

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's API name)
        value = self.ext.values.get(m.group(1))
        if value is None:
            return None, None, None  # left as written; the loader reports unknown names with their line
        if isinstance(value, CallLink):
            dial = re.sub(r"[\s-]", "", value.number)
            if not dial:
                return "", m.start(0), m.end(0)
            link = Element("a", {"class": "app-call__link", "href": f"tel:{dial}"})
            link.text = f"Call {value.number}"
            return link, m.start(0), m.end(0)
        return str(value), m.start(0), m.end(0)


class _CheckTree(Treeprocessor):
    """Links with a scheme outside the list, pictures, and care cards of an unknown type."""

    def __init__(self, md: Markdown, ext: SafeMarkdown):
        super().__init__(md)
        self.ext = ext

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                self._check_link(element)
            elif element.tag == "img":
                self.ext.findings.append(Finding(
                    f"shows a picture ({element.get('src', '')[:60]}), and answers cannot show pictures",
                    element.get("src", "") or "![", "describe it in words, or link to a page that shows it: "
                    "[the picture](https://…)"))
            elif element.tag == "div" and "admonition" in element.get("class", "").split():
                kinds = [c for c in element.get("class", "").split() if c != "admonition"]
                if not kinds or any(k not in CARE_CARDS for k in kinds):
                    kind = " ".join(kinds)
                    self.ext.findings.append(Finding(
                        f"'!!! {kind}' is not a care card type", f"!!! {kind}",
                        f"use one of: {', '.join('!!! ' + k for k in CARE_CARDS)}"))
                elif "emergency" in kinds:
                    self._check_emergency_card(element)

    def _check_link(self, element: Element) -> None:
        href = ESCAPED_CHARACTER.sub(lambda m: chr(int(m.group(1))), element.get("href", ""))  # \\ escapes, as written
        shown = href[:60]
        # A browser reads &#106; as "j" and drops tabs and line breaks before it reads the scheme: check what it reads.
        address = IGNORED_IN_URL.sub("", html.unescape(href))
        scheme = SCHEME.match(address)
        if scheme:
            name = scheme.group(1).lower()
            if name not in URL_SCHEMES:
                self._link(f"links to \"{shown}\": a {name}: address, which an answer may not use", href, LINK_FIX)
            elif name in ("http", "https") and not WEB_ADDRESS.match(html.unescape(href).strip()):
                self._link(f"links to \"{shown}\", which is not a whole web address", href, FULL_ADDRESS_FIX)
            elif name == "tel":
                self._check_call_link(element, href, address)
        elif address.startswith("#") or ANSWER_LINK.match(address) or address.split("#")[0].endswith(".md"):
            return  # a part of this page, or another answer (one that does not exist is reported by markdown_links)
        elif address.startswith(("//", "\\\\", "/\\", "\\/")):
            self._link(f"links to \"{shown}\", which has no https: in front, so the browser would fetch it from "
                       "another site", href, FULL_ADDRESS_FIX)
        elif address.startswith(("/", "\\")):
            self._link(f"links to \"{shown}\", which starts with \"/\" and would break wherever the guide is published "
                       "below the top of its address", href,
                       "link to another answer by its file name, such as (how-much-pain-is-ok.md), or " + FULL_ADDRESS_FIX[6:])
        elif BARE_HOST.match(address):
            self._link(f"links to \"{shown}\", which has no https:// in front, so it would not open that site",
                       href, f"write https:// in front: (https://{address})")
        else:
            self._link(f"links to \"{shown}\", which is not an address an answer can link to", href, LINK_FIX)

    def _link(self, message: str, href: str, fix: str) -> None:
        self.ext.findings.append(Finding(message, href, fix))

    def _check_call_link(self, element: Element, href: str, address: str) -> None:
        """A tap-to-call link must dial the number its words show: "Call 999" that dials 111 is the worst kind of wrong."""
        dials = re.sub(r"\D", "", address[4:])
        for number in NUMBER_IN_WORDS.findall("".join(element.itertext())):
            digits = re.sub(r"\D", "", number)
            if len(digits) >= 3 and digits != dials:  # "Call 111 (24 hours)": the 24 is not a phone number
                self.ext.findings.append(Finding(
                    f"has a call link whose words say {number} but which dials {address[4:][:30]}", href, CALL_FIX))
                return

    def _check_emergency_card(self, card: Element) -> None:
        """CONTENT.md D: an emergency card never offers 111, nor the urgent-care line, as the number to call."""
        urgent = self.ext.values.get("urgent_call")
        urgent_digits = re.sub(r"\D", "", urgent.number) if isinstance(urgent, CallLink) else ""
        for text in (t for t in card.itertext() if t.strip()):
            for number in NUMBER_IN_WORDS.findall(text):
                if re.sub(r"\D", "", number) in {"111", urgent_digits} - {""}:
                    self._emergency_number_finding(number, urgent_digits, text)
                    return
        for link in card.iter("a"):
            href = link.get("href", "")
            address = IGNORED_IN_URL.sub("", html.unescape(href))
            if address.lower().startswith("tel:") and re.sub(r"\D", "", address) in {"111", urgent_digits} - {""}:
                self._emergency_number_finding(address[4:], urgent_digits, href)
                return

    def _emergency_number_finding(self, number: str, urgent_digits: str, needle: str) -> None:
        why = ("111, which is not an emergency number in most countries (in England it is the line for urgent care)"
               if re.sub(r"\D", "", number) == "111" else f"{number}, the urgent-care line of site.toml (safety.urgent_number)")
        self.ext.findings.append(Finding(
            f"has an '!!! emergency' card that offers {why}", needle.strip()[:60],
            "in an '!!! emergency' card, write {{emergency}} or {{emergency_call}}, which come from site.toml; "
            "put the urgent-care number in an '!!! urgent' card instead"))


class SafeMarkdown(Extension):
    """Fill placeholders as text, and collect everything in an answer that is outside the allow-list."""

    def __init__(self, values: dict[str, str | CallLink] | None = None):
        super().__init__()
        self.values = values or {}
        self.findings: list[Finding] = []
        self.md: Markdown | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        self.md = md
        # Below code spans (190), so `{{clinic}}` in backticks stays as written.
        md.inlinePatterns.register(_Placeholders(self, md), "ptguide_placeholders", 175)
        md.treeprocessors.register(_CheckTree(md, self), "ptguide_check_tree", 4)

    def reset(self) -> None:
        self.findings.clear()

    def raw_html_findings(self) -> list[Finding]:
        """Every piece of raw HTML the last conversion met, except character references and comments."""
        found = []
        for raw in self.md.htmlStash.rawHtmlBlocks if self.md else []:
            text = str(raw).strip()
            if ENTITY.match(text) or text.startswith("<!--") or text.startswith("</"):
                continue  # &amp; and the like are text; comments are dropped below; a closing tag does nothing alone
            first = re.match(r"<[^>]*>?", text)
            shown = (first.group(0) if first else text)[:60]
            name = TAG_NAME.match(text)
            tag = name.group(1).lower() if name else ""
            active = tag in ACTIVE_TAGS or ":" in tag or ACTIVE_ATTRIBUTE.search(text)
            found.append(Finding(f"holds HTML ({shown}), and an answer may hold only Markdown", shown,
                                 ACTIVE_FIX if active else HTML_FIX))
        return found


def clean(html: str) -> str:
    """The HTML cut to the allow-list by nh3: what an answer page publishes, whatever the checks above missed."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
                     allowed_classes={k: set(v) for k, v in ALLOWED_CLASSES.items()}, url_schemes=set(URL_SCHEMES),
                     link_rel=None, strip_comments=True, clean_content_tags={"script", "style"})


@dataclass
class _StartTags(HTMLParser):
    tags: list[tuple[str, tuple]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, tuple(sorted((k, v or "") for k, v in attrs))))

    handle_startendtag = handle_starttag


def start_tags(html: str) -> list[tuple[str, tuple]]:
    """Every element's name and attributes, in order: what a cleaner may not change."""
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser.tags


def removed_by_cleaning(html: str, cleaned: str) -> list[str]:
    """The elements or attributes nh3 took out, written as tags; empty when everything was inside the allow-list."""
    kept = start_tags(cleaned)
    removed = []
    for tag, attrs in start_tags(html):
        if kept and kept[0][0] == tag:
            still = kept.pop(0)[1]
            lost = [a for a in attrs if a not in still]
        else:
            lost = list(attrs) or [("", "")]
        if lost:
            removed.append("<" + " ".join([tag, *(f'{k}="{v}"' for k, v in lost if k)]) + ">")
    return removed
