"""In Chromium, checked with axe: a review's "Notes for practitioners only" show on the plan
page where practitioners work, marked as theirs, and never in the family's copy."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Sharon minimises the missing episodes; check with Horizon before the next meeting."


def test_review_notes_for_practitioners_show_on_the_plan_and_not_the_familys_copy(
    demo: str, page: Any
) -> None:
    sign_in(page, demo, "cov-practitioner")
    page.get_by_role("link", name="Doherty household").first.click()
    page.get_by_role("link", name="Family plan").click()
    page.get_by_role("link", name="Record a review").click()
    today = timezone.localdate()
    held = page.get_by_role("group", name="Date of the meeting")
    held.get_by_label("Day").fill(str(today.day))
    held.get_by_label("Month").fill(str(today.month))
    held.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Who attended?").fill("Sharon, Shannon, Horizon")
    page.get_by_label("What was agreed").fill("Shannon to keep her phone charged.")
    page.get_by_label("Notes for practitioners only").fill(NOTE)
    look(page, "review-notes-01-form")
    page.get_by_role("button", name="Save the review").click()
    page.get_by_text("Review recorded.").wait_for()
    look(page, "review-notes-02-plan")
    reviews = page.locator("main tr", has_text="Shannon to keep her phone charged.")
    assert reviews.count() == 1
    row = " ".join(reviews.inner_text().split())
    assert f"Notes for practitioners only: {NOTE}" in row
    assert "Shannon to keep her phone charged." in row
    # The review that was due (the demo's, two days ago) has been held: nothing is overdue.
    assert "Overdue" not in page.locator("main").inner_text()

    href = page.get_by_role("link", name="Family's copy as PDF").get_attribute("href")
    copy = page.request.get(demo + href)  # with the practitioner's own session
    assert copy.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(copy.body())).pages)
    assert "Shannon to keep her phone charged." in " ".join(text.split())
    assert "minimises" not in text and "practitioners only" not in text.lower()
