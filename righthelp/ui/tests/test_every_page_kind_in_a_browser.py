"""Every kind of signed-in page, for both demo partnerships, at 1280 and 320 CSS pixels:
no WCAG 2.2 A or AA violation (axe) and, on a phone, nothing wider than the screen.

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
            if width == 320:
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > 320:
                    found.append(f"page is {wide}px wide")
                    screenshot(page, f"{username}-{width}-{path}")
            if found:
                problems[f"{width}px {path}"] = found
    assert not problems, problems
