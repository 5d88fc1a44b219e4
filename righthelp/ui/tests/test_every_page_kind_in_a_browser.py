"""Every kind of signed-in page, for both demo partnerships, at 1280 and 320 CSS pixels:
no WCAG 2.2 A or AA violation (axe); on a desktop, the header's service name, sections,
account and "Sign out" on one line; and, on a phone, nothing wider than the screen, no
summary list's "Change" link hidden or without the words saying what it changes, and no
word in a table broken across lines.

The pages are found by following links from the families list, the self-assessment and
the dashboards, one page of each kind (its address with ids taken out)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from righthelp.testing.browser import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED_IN = ("/families/", "/self-assessment/", "/dashboards/", "/audit/")
SKIP = ("sign-out", ".csv", ".xlsx", ".pdf", "download", "export", "print")
_IDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")
LIMIT = 80

# Summary lists' action links ("Change"): each shown, and each saying what it changes in
# visually hidden text, as the GOV.UK summary list does.
HIDDEN_ACTIONS = """() => [...document.querySelectorAll('.govuk-summary-list__actions a')]
  .filter((a) => {
    const box = a.getBoundingClientRect()
    const hiddenText = a.querySelector('.govuk-visually-hidden')
    return box.width === 0 || box.height === 0 || getComputedStyle(a).visibility === 'hidden' ||
      !hiddenText || !hiddenText.textContent.trim()
  })
  .map((a) => a.textContent.trim().replace(/\\s+/g, ' ')).slice(0, 5)"""

# A word in a table cell whose letters sit on more than one line (broken mid-word). Breaks
# at a hyphen or a slash are where words may break, so the parts between them are the words.
BROKEN_WORDS = """() => {
  const broken = []
  for (const cell of document.querySelectorAll('td, th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
    let node
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('.govuk-visually-hidden')) continue
      const words = /[^\\s\\-\\/\u2013]{2,}/g
      let match
      while ((match = words.exec(node.data))) {
        const range = document.createRange()
        range.setStart(node, match.index)
        range.setEnd(node, match.index + match[0].length)
        const lines = new Set([...range.getClientRects()]
          .filter((r) => r.width > 0).map((r) => Math.round(r.top)))
        if (lines.size > 1) broken.push(match[0])
      }
    }
  }
  return broken.slice(0, 5)
}"""


# The header's rows at desktop width: the service name and every navigation item, by the
# line each sits on (a manager's sections once pushed "Sign out" onto a second line).
HEADER_LINES = """() => new Set([...document.querySelectorAll(
  '.govuk-service-navigation__service-name, .govuk-service-navigation__item')]
  .map((el) => Math.round(el.getBoundingClientRect().top))).size"""


def _page_kinds(page: Any, base: str, starts: tuple[str, ...]) -> list[str]:
    kinds: dict[str, str] = {}
    queue = list(starts)
    while queue and len(kinds) < LIMIT:
        path = queue.pop(0)
        kind = _IDS.sub("<id>", path.split("?")[0])
        if kind in kinds:
            continue
        response = page.goto(base + path)
        if response is None or response.status != 200:
            continue
        kinds[kind] = path
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.netloc and base.split("//")[1] != parts.netloc:
                continue
            if not parts.path.startswith(SIGNED_IN) or any(s in href for s in SKIP):
                continue
            if _IDS.sub("<id>", parts.path) not in kinds:
                queue.append(parts.path)
    return list(kinds.values())


@pytest.mark.parametrize("username", ["manager", "cov-manager", "cov-analyst"])
def test_every_page_kind_at_1280_and_320(demo: str, page: Any, username: str) -> None:
    sign_in(page, demo, username)
    paths = _page_kinds(page, demo, ("/families/", "/self-assessment/", "/dashboards/"))
    assert len(paths) > 3
    problems: dict[str, list[str]] = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            page.goto(demo + path)
            found = axe_violations(page)
            if width == 1280 and (lines := page.evaluate(HEADER_LINES)) > 1:
                found.append(f"the header takes {lines} lines")
            if width == 320:
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > 320:
                    found.append(f"page is {wide}px wide")
                if hidden := page.evaluate(HIDDEN_ACTIONS):
                    found.append(f"summary list actions hidden or unlabelled: {hidden}")
                if broken := page.evaluate(BROKEN_WORDS):
                    found.append(f"words broken mid-word in a table: {broken}")
                if found:
                    screenshot(page, f"{username}-{width}-{path}")
            if found:
                problems[f"{width}px {path}"] = found
    assert not problems, problems
