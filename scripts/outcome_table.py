"""Print the pain check's outcomes and the answers that lead to each, as Markdown.

For a clinician to check site/checklists/pain-check.toml against CONTENT.md part D.
Usage: python scripts/outcome_table.py [--acceptable-pain N] [path/to/pain-check.toml]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a plain script, without installing the package

from ptguide.checklists import (  # noqa: E402
    LEVELS,
    PLACEHOLDER_DEFAULTS,
    load_pain_check,
    render_placeholders,
)
from ptguide.errors import ContentError  # noqa: E402


def faq_slugs(path: Path) -> set[str]:
    """Slugs of site/faq/*.md, or every slug the file names while there are no answers yet."""
    slugs = {page.stem for page in (ROOT / "site" / "faq").glob("*.md")}
    if slugs:
        return slugs
    print("note: site/faq/ has no answers yet; FAQ links are not checked.", file=sys.stderr)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {row.get("faq", "") for key in ("outcomes", "items") for row in data.get(key, [])}


def cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def outcome_table(data: dict, values: dict[str, object]) -> str:
    """The Markdown table: one row per outcome, mildest first, with the answers leading there."""

    def fill(text: str) -> str:
        return cell(render_placeholders(text, values))

    titles = {group["id"]: group for group in data["groups"]}
    lines = [
        "| Outcome | Card heading | Answers that raise this level | Question |",
        "|---|---|---|---|",
    ]
    for outcome in data["outcomes"]:
        level = outcome["level"]
        by_group: dict[str, list[str]] = {}
        for item in data["items"]:
            if item["level"] == level:
                by_group.setdefault(item["group"], []).append(fill(item["text"]))
        answers = "<br>".join(
            f"**{fill(titles[group]['title'])}** {'; '.join(texts)}"
            for group, texts in by_group.items()
        )
        questions = sorted({titles[group]["question"] for group in by_group})
        if level == "keep-going":
            # CONTENT.md part D: keep going only once every warning step is answered "none".
            answers += "<br>**and, on every warning step,** I have none of these"
        lines.append(
            f"| `{level}` | {fill(outcome['heading'])} | {answers or '(none)'} "
            f"| {', '.join(questions)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table, or the content errors if the file does not load."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path,
                        default=ROOT / "site" / "checklists" / "pain-check.toml")
    parser.add_argument("--acceptable-pain", type=int,
                        default=PLACEHOLDER_DEFAULTS["acceptable_pain"])
    args = parser.parse_args(argv)
    try:
        data = load_pain_check(args.path, faq_slugs(args.path))
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    values = {**PLACEHOLDER_DEFAULTS, "acceptable_pain": args.acceptable_pain}
    print(f"Pain check outcomes, from {args.path.relative_to(ROOT)} "
          f"(acceptable pain: {args.acceptable_pain} of 10).\n")
    print(outcome_table(data, values))
    print(
        f"\nLevels rank {' < '.join(LEVELS)}; the highest level among the answers wins. "
        "Warning signs (question: warning) are always urgent or emergency, so they "
        "outrank every exercise answer. A pain score alone never goes above "
        "tell-therapist. Keep going is only given once every warning step is answered "
        "'I have none of these', and needs a pain score or a 'what does it feel like' tick: "
        "'when' or 'how it changes' alone shows no outcome. The page asks the warning signs "
        "first, then the exercise questions, one step at a time. A see-a-doctor card with a "
        "change-or-stop answer also gives the change-or-stop card's first line. Each new visit "
        "asks the warning signs again and shows a result already seen only as dated history; "
        f"{data['fresh_hours']} hours after a check's first answer, its other answers are cleared too."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
