"""A Markdown extension that turns links to other answers (other-question.md) into page links."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

ANSWER_PAGE = re.compile(r"^\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/$")


class _LinkRewriter(Treeprocessor):
    def __init__(self, md: Markdown, ext: QuestionLinks):
        super().__init__(md)
        self.ext = ext

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            target, _, fragment = href.partition("#")
            written = ANSWER_PAGE.match(target)
            if written:  # ../slug/, the page address itself: kept as written when that answer exists
                if written.group(1) not in self.ext.slugs:
                    self.ext.missing.append(href)
                continue
            if "://" in target or not target.endswith(".md"):
                continue
            slug = target.removeprefix("./").removesuffix(".md")
            if slug not in self.ext.slugs:
                self.ext.missing.append(href)
                continue
            # Question pages live side by side at faq/<slug>/, so a sibling is one folder up.
            link.set("href", f"../{slug}/" + (f"#{fragment}" if fragment else ""))


class QuestionLinks(Extension):
    """Rewrite `slug.md` links to `../slug/`, recording links to questions that do not exist."""

    def __init__(self, slugs: set[str]):
        super().__init__()
        self.slugs = slugs
        self.missing: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_LinkRewriter(md, self), "question_links", 5)
