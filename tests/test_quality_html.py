"""The Nu Html Checker (vnu.jar, from npm) finds no error on any page of the build; its warnings are shown, not failed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from quality import built_pages, node_tool

# The checker reads the pages as file: URLs, whose origin matches no 'self' in the pages' CSP, so it
# warns that every stylesheet and script is blocked. A relative URL is same-origin once the page is
# served (test_quality_origins.py checks that in the browser), so these warnings are left out.
FILE_URL_CSP = re.compile(r"^Resource violates Content Security Policy \(meta tag\): external \w+ “(?![a-z][a-z0-9+.-]*:|//)[^”]*” blocked")
# A <script type="application/json"> block is data: browsers never run it, so the CSP does not apply to it.
JSON_DATA_BLOCK = "Inline script violates Content Security Policy"


def is_false_alarm(message: dict) -> bool:
    """True for the checker's CSP warnings that do not hold for the served site (see above)."""
    text = message.get("message", "")
    if FILE_URL_CSP.match(text):
        return True
    return text.startswith(JSON_DATA_BLOCK) and '<script type="application/json"' in message.get("extract", "")


def test_every_page_is_valid_html(built_site, capsys):
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java 11 or later on the PATH"
    pages = built_pages(built_site)
    # One Java start for all pages: the checker takes a second or two to start.
    result = subprocess.run(
        [java, "-jar", str(node_tool("vnu-jar/build/dist/vnu.jar")), "--format", "json", "--skip-non-html", *pages],
        cwd=built_site, capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]  # the checker writes its report to stderr

    def where(m: dict) -> str:
        page = m.get("url", "").removeprefix("file:").removeprefix(str(built_site)).lstrip("/.")
        return f"{page}:{m.get('lastLine', '?')}"

    errors = [m for m in messages if m["type"] != "info"]  # "error" and "non-document-error"
    warnings = [m for m in messages if m["type"] == "info" and m.get("subType") == "warning" and not is_false_alarm(m)]
    if warnings:
        with capsys.disabled():
            print(f"\nNu Html Checker: {len(warnings)} warning(s), allowed:")
            print("\n".join(f"  {where(m)}: {m['message']}" for m in warnings))
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(f"  {where(m)}: {m['message']}" for m in errors)
    assert len(pages) >= 5
