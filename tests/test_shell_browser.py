"""The shell around every page: a one-row header with a menu, status lines that never cover anything, pages that fit
at 180 px and 200% text, the not-found page's header, a slashless address offline, and printouts."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from browser import PageWatch
from ptguide.page_shell import NAV
from quality import node_tool
from test_freeze import EXPECTED_PAGES
from test_offline_browser import offline_after_one_visit, wait_until_offline_ready
from test_pain_check_browser import mild_stretch

pytestmark = pytest.mark.browser

PAGE_PATHS = sorted(p.removesuffix("index.html") for p in EXPECTED_PAGES if p != "404.html")
# One page of each kind, for the checks that look at what pages of a kind share.
PAGE_KINDS = ["", "faq/", "faq/warning-signs/", "pain-check/", "diary/", "next-session/", "about/"]
TEXT_200 = "document.documentElement.style.fontSize = '200%'"

# Where each control of the header's row is, and the header's height.
HEADER_ROW = """() => {
  const box = (e) => e.getBoundingClientRect();
  const items = [...document.querySelectorAll('header > div > :not(nav)')].filter((e) => box(e).height > 0);
  return { header: box(document.querySelector('header')).height,
           items: items.map((e) => ({ name: e.textContent.trim(), top: box(e).top, bottom: box(e).bottom })) };
}"""

# The focused element's centre is not under anything else (a fixed bar, a sticky header, an overlapping box).
FOCUS_COVERED = """() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const r = focused.getBoundingClientRect();
  if (!r.width || !r.height) return null;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const label = focused.labels && focused.labels[0];
  const fine = top && (focused.contains(top) || top.contains(focused) || (label && label.contains(top)));
  return fine ? null : `${focused.outerHTML.slice(0, 80)} under ${top ? top.outerHTML.slice(0, 80) : 'nothing (off screen)'}`;
}"""

# Words (runs of letters) that the layout split across two lines. Long tokens may break where the page says so
# (overflow-wrap: anywhere), and nowhere else.
SPLIT_WORDS = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent.getClientRects().length || getComputedStyle(parent).overflowWrap === 'anywhere') continue;
    for (const match of node.data.matchAll(/\\p{L}{2,}/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rects.some((r) => Math.abs(r.top - rects[0].top) > 2)) split.push(`${match[0]} in <${parent.tagName.toLowerCase()}>`);
    }
  }
  return split;
}"""


def one_row(page) -> dict:
    row = page.evaluate(HEADER_ROW)
    tops = [item["top"] for item in row["items"]]
    bottoms = [item["bottom"] for item in row["items"]]
    assert max(tops) < min(bottoms), f"the header's controls are on more than one row: {row['items']}"
    return row


@pytest.mark.parametrize(("width", "text"), [(320, "100%"), (360, "200%"), (1280, "200%")])
def test_the_header_is_one_row_with_the_pain_check_one_tap_away_or_second_in_the_menu(browser, served_under_subpath, width, text):
    page = browser.new_page(viewport={"width": width, "height": 740})
    for path in ("", "pain-check/", "faq/warning-signs/"):
        page.goto(served_under_subpath + path)
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        row = one_row(page)
        names = [item["name"] for item in row["items"]]
        assert names[0] == "PT Guide" and names[-1] == "Menu", names
        rem = 16 * int(text.rstrip("%")) / 100
        assert row["header"] <= 4.5 * rem, f"{path} header {row['header']} px at {width} px, {text} text"
        if "Pain check" not in names:
            # Too narrow for three controls: the pain check is then the first tool of the opened menu.
            page.get_by_role("button", name="Menu").click()
            links = page.locator("#app-nav a").all_inner_texts()
            assert links[:2] == ["Home", "Pain check"], links
            assert page.locator("#app-nav").get_by_role("link", name="Pain check").is_visible()
    # The row holds all three where the width allows: a patient in pain has the check one tap away.
    if (width, text) == (320, "100%"):
        page.goto(served_under_subpath + "diary/")
        assert page.locator(".app-header__quick").is_visible()
        assert page.locator(".app-header__quick").get_attribute("href") == "../pain-check/"
    page.close()


@pytest.mark.parametrize(("width", "text"), [(300, "100%"), (320, "100%"), (320, "130%"), (360, "130%"), (390, "130%"),
                                           (390, "150%"), (412, "150%")])
def test_the_pain_check_link_shows_wherever_it_fits_the_name_shortens_first(browser, served_under_subpath, width, text):
    """S3: phones with larger text are where the one tap matters most; the app's name gives way before the link."""
    page = browser.new_page(viewport={"width": width, "height": 740})
    for path in ("diary/", "faq/warning-signs/"):
        page.goto(served_under_subpath + path)
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        quick = page.locator(".app-header__quick")
        assert quick.is_visible(), f"{path} at {width} px, {text} text"
        box = quick.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert quick.evaluate("e => e.scrollWidth <= e.clientWidth"), "the link's words are whole"
        one_row(page)
        assert page.locator(".app-header__name").get_attribute("href"), "the name is still the link home"
    page.close()


def test_the_menu_opens_closes_with_escape_back_on_its_button_and_marks_the_current_page(browser, served_under_subpath):
    # axe is added as an inline script at the end, so this context ignores the page's CSP.
    context = browser.new_context(viewport={"width": 360, "height": 740}, bypass_csp=True)
    page = context.new_page()
    watch = PageWatch().attach(page)
    page.goto(served_under_subpath + "diary/")
    menu = page.get_by_role("button", name="Menu")
    nav = page.locator("#app-nav")
    assert menu.get_attribute("aria-controls") == "app-nav"
    assert menu.get_attribute("aria-expanded") == "false" and nav.is_hidden()
    # Keyboard order: skip link, the app's name, the pain check, Menu, then the opened menu's links.
    for name in ("Skip to main content", "PT Guide", "Pain check", "Menu"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == name
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true" and nav.is_visible()
    assert nav.locator("[aria-current=page]").inner_text() == "Pain diary"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#app-nav') !== null"), "the menu's links come next"
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false" and nav.is_hidden()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu", "Escape gives the focus back to Menu"
    menu.click()
    page.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    violations = page.evaluate("axe.run(document.querySelector('.app-header')).then(r => r.violations.map(v => v.id))")
    assert violations == [], "the opened menu has no axe violation"
    nav.get_by_role("link", name="Next session").click()
    page.wait_for_url("**/next-session/")
    assert page.locator("#app-nav").is_hidden(), "a new page opens with the menu closed"
    context.close()
    assert not watch.problems


def test_without_javascript_the_navigation_is_a_plain_list_of_links_and_there_is_no_menu_button(browser, served_under_subpath):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 740})
    page = context.new_page()
    page.goto(served_under_subpath + "next-session/")
    assert page.get_by_role("button", name="Menu").count() == 0 or page.get_by_role("button", name="Menu").is_hidden()
    links = page.locator("#app-nav a")
    assert links.count() == len(NAV) and all(link.is_visible() for link in links.all())
    assert page.locator("#app-nav a[aria-current=page]").inner_text() == "Next session"
    assert page.locator(".app-header__quick").is_visible()
    context.close()


def test_if_the_apps_script_fails_to_load_the_navigation_stays_in_plain_view(browser, served_under_subpath):
    """S4: a half-cached update, a dropped first visit or a blocker must not leave a dead Menu and no links."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.route("**/static/gen/app.*.js", lambda route: route.abort())
    for path in ("diary/", "faq/warning-signs/"):
        page.goto(served_under_subpath + path)
        page.evaluate(TEXT_200)
        assert page.evaluate("document.documentElement.classList.contains('js-enabled')"), "the inline switch ran"
        links = page.locator("#app-nav a")
        assert links.count() == len(NAV) and all(link.is_visible() for link in links.all()), path
        assert page.locator("#app-nav").get_by_role("link", name="Pain check").is_visible()
        assert page.get_by_role("button", name="Menu").is_hidden(), "no Menu button that does nothing"
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 360, "height": 740}], ids=["desktop", "phone"])
def test_the_status_lines_never_cover_the_focused_element_on_any_page(browser, served_under_subpath, viewport):
    context, page = offline_after_one_visit(browser, served_under_subpath, viewport=viewport)
    covered = []
    for path in PAGE_PATHS:
        page.goto(served_under_subpath + path)
        # Everything the status area can show at once: the offline line and the update prompt.
        page.evaluate("document.querySelector('.app-status').hidden = false")
        assert page.locator(".app-offline").is_visible() and page.locator(".app-status").is_visible()
        first = None
        for _ in range(150):
            page.keyboard.press("Tab")
            now = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
            if now == first:
                break  # round the whole page and back to the start
            first = first or now
            problem = page.evaluate(FOCUS_COVERED)
            if problem:
                covered.append(f"{path}: {problem}")
    context.close()
    assert not covered, "\n".join(covered)


def test_the_pain_checks_notice_of_the_result_so_far_never_covers_the_focused_element(phone, served_under_subpath):
    page = phone.new_page()
    page.goto(served_under_subpath + "pain-check/")
    page.locator("label[for^=pc-item-]").nth(2).click()
    assert page.locator("#pc-notice").is_visible(), "the notice of the result so far shows"
    page.evaluate("window.scrollTo(0, 0)")
    covered = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if problem := page.evaluate(FOCUS_COVERED):
            covered.append(problem)
    assert not covered, "\n".join(covered)


def test_the_status_area_comes_after_the_header_in_the_tab_order_with_its_buttons_on_one_row(phone, served_under_subpath):
    page = phone.new_page()
    page.goto(served_under_subpath + "diary/")
    page.evaluate("document.querySelector('.app-status').hidden = false")
    page.evaluate(TEXT_200)
    order = page.evaluate("[...document.querySelectorAll('a[href], button')].filter(e => e.offsetParent).map(e => e.textContent.trim())")
    assert order.index("Reload") > order.index("Menu") and order.index("Reload") < order.index("Save entry")
    reload, close = (page.locator(f".app-status__{name}").bounding_box() for name in ("reload", "close"))
    assert abs(reload["y"] - close["y"]) < 2, "Reload and Close side by side at 200% text"
    status, main = page.locator(".app-status").bounding_box(), page.locator("main").bounding_box()
    assert status["y"] + status["height"] <= main["y"], "in the page's flow, above the content, not over it"


def test_offline_a_line_says_so_and_it_goes_when_the_network_is_back(browser, served_under_subpath):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_under_subpath + "pain-check/")
    wait_until_offline_ready(page)
    line = page.locator(".app-offline")
    assert line.is_hidden()
    assert page.locator(".app-footer__offline").is_visible(), "ready to work offline, said in the footer"
    context.set_offline(True)
    line.wait_for()
    assert line.inner_text().startswith("You are offline.")
    page.goto(served_under_subpath + "diary/")
    assert page.locator(".app-offline").is_visible(), "a page opened offline says so at once"
    context.set_offline(False)
    page.locator(".app-offline").wait_for(state="hidden")
    context.close()


def test_the_offline_line_says_what_still_works_with_and_without_the_app_stored(browser, served_under_subpath):
    """S5: "saved pages still work" was false in a private window or before the app was stored, and too little after."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_under_subpath + "diary/")
    wait_until_offline_ready(page)
    page.reload()
    context.set_offline(True)
    line = page.locator(".app-offline")
    line.wait_for()
    assert line.inner_text() == "You are offline. This guide still works, with the pain check and your diary."
    context.close()
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(served_under_subpath + "diary/")
    context.set_offline(True)
    line = page.locator(".app-offline")
    line.wait_for()
    assert line.inner_text() == "You are offline. Pages not opened yet may not load. The diary is kept."
    context.close()


@pytest.mark.parametrize(("width", "text"), [(180, "100%"), (360, "200%")])
def test_no_page_scrolls_sideways_or_splits_a_word(browser, served_under_subpath, width, text):
    page = browser.new_page(viewport={"width": width, "height": 740})
    found = []
    for path in [*PAGE_PATHS, "faq/no/such/page"]:
        page.goto(served_under_subpath + path)
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            found.append(f"{path} scrolls sideways")
        found += [f"{path}: {word}" for word in page.evaluate(SPLIT_WORDS)]
    page.close()
    assert not found, f"at {width} px, {text} text:\n" + "\n".join(found)


def probe_addresses(url: str) -> list[str]:
    """The folders above a missing address where the not-found page looks for the app's manifest."""
    origin, _, path = url.partition("//")[2].partition("/")
    parts = ("/" + path).split("/")[:-1]
    return [f"http://{origin}{'/'.join(parts[:i])}/manifest.webmanifest" for i in range(1, len(parts) + 1)]


def test_the_not_found_page_has_the_apps_header_at_any_depth_under_a_subpath(browser, served_under_subpath):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    watch = PageWatch().attach(page)
    for missing in ("nope", "faq/nope/deeper/still/"):
        url = served_under_subpath + missing
        for address in [url, *probe_addresses(url)]:
            watch.expected_statuses[address] = 404
        assert page.goto(url).status == 404
        header = page.locator("header")
        header.get_by_role("link", name="Pain check").wait_for()
        assert header.get_by_role("link", name="PT Guide").get_attribute("href") == served_under_subpath
        assert header.get_by_role("link", name="Pain check").get_attribute("href") == served_under_subpath + "pain-check/"
        assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 94, 184)", "the clinic's colour"
        one_row(page)
    page.close()
    assert not watch.problems


def test_offline_an_address_without_its_slash_opens_its_page(browser, served_under_subpath):
    context, page = offline_after_one_visit(browser, served_under_subpath)
    for path in ("pain-check", "faq/warning-signs", "diary"):
        response = page.goto(served_under_subpath + path)
        assert response.status == 200, path
        assert page.url == served_under_subpath + path + "/", "its relative links resolve from the real address"
        assert page.locator(".app-header__name").get_attribute("href") in ("../", "../../")
        assert page.locator("h1").inner_text() != "Page not found"
    context.close()


def pdf_pages(page) -> int:
    return int(re.search(rb"/Count (\d+)", page.pdf()).group(1))


def printed_heading(page) -> str:
    return page.evaluate("(() => { const n = document.querySelector('.app-header__name');"
                         " return n.textContent + getComputedStyle(n, '::after').content; })()")


def test_every_printout_has_the_apps_name_and_the_date_and_no_navigation(browser, served_under_subpath):
    today = dt.date.today()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ["pain-check/", "diary/", "next-session/", "faq/", "faq/warning-signs/", "about/", ""]:
        page.goto(served_under_subpath + path)
        page.emulate_media(media="print")
        heading = printed_heading(page)
        assert heading.startswith("PT Guide") and f"{today:%B} {today.day}, {today.year}" in heading, (path, heading)
        shown = page.evaluate("[...document.querySelectorAll('header a, header button, nav a, footer a, .app-notices *')]"
                              ".filter(e => e.getClientRects().length && !e.matches('.app-header__name')).map(e => e.textContent)")
        assert shown == [], f"{path} prints navigation: {shown}"
        page.emulate_media(media="screen")
    context.close()


def test_the_pain_check_prints_on_two_pages_at_most_and_the_next_session_list_on_one(browser, served_under_subpath):
    # Before a result the whole check prints, every warning sign and rule (physio review S2): two pages at small
    # type; one is not possible with all of them readable. A usual result, with its list of the warning signs, is one.
    for case, most in (("start", 2), ("keep going", 1), ("emergency", 1)):
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(served_under_subpath + "pain-check/")
        if case == "keep going":
            mild_stretch(page)
        if case == "emergency":
            page.locator("label[for^=pc-item-]").first.click()
            page.get_by_role("button", name="Next").click()
            page.locator("#pc-card").wait_for()
        assert pdf_pages(page) <= most, case
        context.close()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served_under_subpath + "next-session/")
    for label in page.locator(".app-choice__label").all():
        label.click()
    page.locator("#ns-note").fill("The side plank hurt on the left side for two days after the session. " * 4)
    assert pdf_pages(page) == 1
    context.close()


def test_a_whole_tool_card_on_the_home_page_is_one_link(phone, served_under_subpath):
    page = phone.new_page()
    page.goto(served_under_subpath)
    cards = page.locator(".app-tool-list__item")
    assert cards.count() == len([entry for entry in NAV if entry[2]]) and all(card.locator("a").count() == 1 for card in cards.all())
    cards.nth(1).scroll_into_view_if_needed()
    box = cards.nth(1).bounding_box()
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)  # the card's corner, far from its title
    page.wait_for_url("**/diary/")


DIARY_LABELS = """() => {
  const svg = document.querySelector('#diary-chart svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const bottom = Math.max(...[...svg.querySelectorAll('text')].map((t) => +t.getAttribute('y')));
  return [...svg.querySelectorAll('text')].filter((t) => +t.getAttribute('y') === bottom).map((t) => {
    const r = t.getBoundingClientRect();
    return { label: t.textContent, left: r.left, right: r.right, px: parseFloat(getComputedStyle(t).fontSize) * scale };
  });
}"""


@pytest.mark.parametrize(("width", "text"), [(320, "100%"), (360, "200%"), (1280, "100%")])
def test_the_diary_charts_date_labels_are_14_px_or_more_and_never_meet(browser, served_under_subpath, width, text):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served_under_subpath + "diary/")
    page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
    page.wait_for_selector(".app-diary[data-ready]")
    start = dt.date(2026, 6, 1)
    entries = [{"id": f"e{i}", "at": f"{start + dt.timedelta(days=3 * i)}T10:00", "painDuring": i % 8} for i in range(60)]
    diary = {"app": "pt-guide", "kind": "diary", "schema": 2, "entries": entries}
    page.get_by_label("Choose a JSON copy exported from this app").set_input_files(
        files=[{"name": "d.json", "mimeType": "application/json", "buffer": json.dumps(diary).encode()}])
    page.locator("#diary-import-message").get_by_text("import", exact=False).wait_for()
    for period in page.locator("#diary-period option").all_inner_texts() or [None]:
        if period:
            page.locator("#diary-period").select_option(label=period)
        labels = page.evaluate(DIARY_LABELS)
        assert len(labels) >= 2, (period, labels)
        assert all(label["px"] >= 14 for label in labels), labels
        assert all(a["right"] <= b["left"] for a, b in zip(labels, labels[1:], strict=False)), f"{period}: {labels}"
        assert labels[-1]["right"] <= width, "inside the screen"
    context.close()
