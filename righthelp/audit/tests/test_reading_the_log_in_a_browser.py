"""In Chromium, checked with axe: the administrator filters the audit log; a manager reads
a family's record of access."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

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


def _fill_date(page: Any, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_refusals_and_emergency_access_stand_out_and_dates_filter(demo: str, page: Any) -> None:
    # Owen, in another team, is refused the Price family, then opens it in an emergency.
    sign_in(page, demo, "manager")
    page.get_by_role("link", name="Price household").first.click()
    family_url = page.url
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, demo, "outsider", start="/families/")
    page.goto(family_url)
    assert "You do not have access to this page" in page.locator("h1").inner_text()
    page.console_errors.clear()  # the refusal is a 403, as it should be
    page.get_by_label("Why do you need to see this family's records now?").fill(
        "Kayleigh arrived at the youth centre injured; her worker cannot be reached."
    )
    page.get_by_role("button", name="Open the record for 4 hours").click()
    page.get_by_role("heading", name="Price household").first.wait_for()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, demo, "manager", start="/families/")
    page.goto(family_url)
    page.get_by_role("link", name="Record of access").click()
    look(page, "audit-04-refusal-and-emergency")
    emergency = page.get_by_role("region", name="Emergency access")
    assert "Owen Stone" in emergency.inner_text()
    assert "her worker cannot be reached" in emergency.inner_text()
    events = page.get_by_role("region", name="Events")
    refused = events.locator("tr", has=page.locator(".govuk-tag--red", has_text="Refused"))
    assert refused.count() >= 1 and "Owen Stone" in refused.first.inner_text()
    broke = events.locator("tr", has=page.locator(".govuk-tag--orange", has_text="Emergency"))
    assert broke.count() == 1 and "Owen Stone" in broke.first.inner_text()
    # What is shown is in words: no raw codes, ids or lists.
    text = events.inner_text()
    assert "broke_glass" not in text and "['" not in text and "family_id" not in text
    assert "Expires at: " in text and not re.search(r"\d{4}-\d\d-\d\dT\d\d:", text)

    # By date: today shows Owen's refusal; a window that ended yesterday shows none of it.
    today = timezone.localdate()
    _fill_date(page, "From", today)
    _fill_date(page, "To", today)
    page.get_by_role("button", name="Show events").click()
    look(page, "audit-05-record-of-access-today")
    assert "Owen Stone" in page.get_by_role("region", name="Events").inner_text()
    _fill_date(page, "From", today - dt.timedelta(days=30))
    _fill_date(page, "To", today - dt.timedelta(days=1))
    page.get_by_role("button", name="Show events").click()
    look(page, "audit-06-record-of-access-last-month")
    assert "Owen Stone" not in page.get_by_role("region", name="Events").inner_text()
