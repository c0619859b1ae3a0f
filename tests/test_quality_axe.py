"""axe-core finds no WCAG 2.2 A/AA or best-practice violation on any page, light or dark, with or without JavaScript."""

from __future__ import annotations

import pytest

from quality import built_pages, node_tool, page_address

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 360, "height": 740}

RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(r => ({
  passes: r.passes.length,
  violations: r.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.map(n => n.target.join(' '))})),
}))"""

UNDO_JS_ENABLED = "const h = document.documentElement; h.classList.remove('js-enabled'); h.classList.length || h.removeAttribute('class')"


def without_scripts(route) -> None:
    """Let everything through but scripts, to show a page as a browser without JavaScript would."""
    if route.request.resource_type == "script":
        route.abort()
    else:
        route.continue_()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_an_axe_violation(browser, built_site, served_under_subpath, scheme, javascript):
    # The pages allow only their own scripts; axe is injected as an inline script, so this context ignores the CSP.
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, bypass_csp=True)
    if not javascript:
        # Axe itself needs JavaScript, so instead of turning it off, no page script is loaded and the
        # class the inline switch sets is taken off again: the page is as a browser without JavaScript shows it.
        context.route("**/*", without_scripts)
    page = context.new_page()
    axe = node_tool("axe-core/axe.min.js")
    found, checked = [], 0
    for name in built_pages(built_site):
        page.goto(served_under_subpath + page_address(name), wait_until="load")
        if not javascript:
            page.evaluate(UNDO_JS_ENABLED)
        page.add_script_tag(path=str(axe))
        result = page.evaluate(RUN_AXE, TAGS)
        assert result["passes"] > 0, f"axe checked nothing on {name}"
        checked += 1
        for v in result["violations"]:
            found += [f"{name} [{scheme}, {'js' if javascript else 'no-js'}] {v['rule']} ({v['impact']}): {target}  ({v['help']})"
                      for target in v["targets"]]
    context.close()
    assert checked >= 5, "the build has fewer pages than the site should"
    assert not found, f"{len(found)} axe violation(s) (page [scheme, state] rule (impact): element):\n" + "\n".join(found)
