"""In Chromium, checked with axe: the administrator filters the audit log; a manager reads
a family's record of access."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_administrator_filters_the_log(demo: str, page: Any) -> None:
    sign_in(page, demo, "admin")
    page.get_by_role("link", name="Audit log").click()
    page.get_by_label("What they did").select_option(label="Viewed")
    page.get_by_role("button", name="Show events").click()
    look(page, "audit-01-viewed")
    assert page.locator("tbody tr").count() > 0
    assert "action=viewed" in page.url and "Priya" not in page.url


def test_a_manager_reads_who_looked_at_a_family(demo: str, page: Any) -> None:
    sign_in(page, demo, "manager")
    page.get_by_role("link", name="Price household").first.click()
    page.get_by_role("link", name="Record of access").click()
    look(page, "audit-02-record-of-access")
    events = page.locator("tbody")
    assert events.get_by_text("Priya Shah").first.is_visible()  # she recorded the casework
    assert "[&#x27;" not in page.content() and "['" not in events.inner_text()
    # Filter to what she did, by person and action, in words.
    page.get_by_label("Who").select_option(label="Priya Shah (practitioner)")
    page.get_by_label("What they did").select_option(label="Changed")
    page.get_by_role("button", name="Show events").click()
    look(page, "audit-03-record-of-access-filtered")
    assert "Priya" not in page.url
    rows = page.locator("tbody tr")
    assert rows.count() > 0
    for text in rows.all_inner_texts():
        assert "Priya Shah" in text and "Changed" in text
