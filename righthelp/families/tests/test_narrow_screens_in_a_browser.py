"""On a phone (320 CSS pixels wide) no family page scrolls sideways: wide tables scroll
inside their own box (WCAG 2.2, 1.4.10 Reflow)."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = (
    "",
    "chronology/",
    "plan/",
    "referrals/",
    "information-sharing/",
    "disagreements/",
    "screenings/",
    "intelligence/",
    "subject-access/",
    "record-of-access/",
)


def test_a_manager_s_family_pages_fit_a_phone(demo: str, page: Any) -> None:
    sign_in(page, demo, "manager")
    page.set_viewport_size({"width": 320, "height": 640})
    page.get_by_role("link", name="Price household").first.click()
    family = page.url
    too_wide = {}
    for suffix in PAGES:
        response = page.goto(family + suffix)
        assert response is not None and response.status == 200, suffix
        width = page.evaluate("document.documentElement.scrollWidth")
        screenshot(page, f"family-320-{suffix.strip('/') or 'overview'}")
        if width > 320:
            too_wide[suffix or "overview"] = width
    assert too_wide == {}
