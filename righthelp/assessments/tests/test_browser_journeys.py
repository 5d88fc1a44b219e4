"""The journeys a new user takes, in Chromium: every page screenshotted and checked with axe.

Screenshots land in test-artifacts/screenshots/ for anyone to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_practitioner_finds_a_family_and_completes_an_assessment(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner", start="/families/", shot="journey-01-sign-in")
    page.get_by_role("heading", name="Your families").wait_for()
    look(page, "journey-02-your-families")

    page.get_by_label("Search for a family").fill("Kowalcyk")  # a typo
    page.get_by_role("button", name="Search").click()
    look(page, "journey-03-search-results")
    page.get_by_role("link", name="Kowalczyk household").click()
    look(page, "journey-04-family-overview")

    page.get_by_role("link", name="Continue the assessment").click()
    look(page, "journey-05-task-list")
    page.get_by_role("link", name="1. Getting a good education").click()
    education = "Emerging attendance concerns, attendance has dropped below 95%."
    page.get_by_label(education).check()
    page.locator("#conditional-indicator-edu-07").get_by_label("Julia Kowalczyk").check()
    look(page, "journey-06-outcome-education")
    page.get_by_role("button", name="Save and go back to the list").click()
    page.get_by_role("link", name="6. Children are safe from abuse and exploitation").click()
    page.get_by_label(
        "Young person is vulnerable to unsafe relationships due to lack of awareness of "
        "'healthy' and 'unhealthy' friendships and relationships."
    ).check()
    page.locator("#conditional-indicator-safe-10").get_by_label("Julia Kowalczyk").check()
    page.get_by_role("button", name="Save and go back to the list").click()
    look(page, "journey-07-task-list-progress")

    page.get_by_role("link", name="Working well, worries, what needs to happen").click()
    page.get_by_label("What are we worried about?").fill("Weight loss and a new older friend.")
    page.get_by_label("The child's wishes and feelings").fill(
        "Julia says she is fine and wants to be left alone."
    )
    look(page, "journey-08-conversation")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Check your answers and the level of need").wait_for()
    look(page, "journey-09-check-answers")
    assert "3. Getting Help" in page.locator(".rh-level-panel").inner_text()
    assert "Complete an Early Help Assessment." in page.locator(".rh-level-panel").inner_text()
    page.get_by_role("button", name="Submit assessment").click()

    page.get_by_text("Assessment completed.").wait_for()
    look(page, "journey-10-assessment-completed")
    text = page.locator("main").inner_text()
    assert "What this level calls for" in text
    assert "Consider requests for agencies best placed to support the family." in text


def test_a_getting_risk_support_decision_is_signed_off_by_the_manager(demo: str, page: Any) -> None:
    sign_in(page, demo, "manager", start="/families/")
    page.get_by_role("heading", name="Waiting for you").wait_for()
    look(page, "signoff-01-manager-home")
    page.get_by_role("link", name="Begum household").first.click()
    look(page, "signoff-02-review")
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Select whether you agree with the decision").first.wait_for()
    look(page, "signoff-03-error")
    assert (
        "Local practice, not from Thresholds for Intervention" in page.locator("main").inner_text()
    )
    page.get_by_label("Yes, sign it off").check()
    page.get_by_label("Comment").fill("Agreed: strategy discussion booked for today.")
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Decision signed off.").wait_for()
    look(page, "signoff-04-signed-off")
    text = page.locator("main").inner_text()
    assert "Manager's comment" in text and "Agreed: strategy discussion booked for today." in text
    page.get_by_role("link", name="Back to Begum household").click()
    assert "5. Getting Risk Support" in page.locator("main").inner_text()
    look(page, "signoff-05-overview")


def test_the_chronology_and_the_outsider(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner", start="/families/")
    page.get_by_role("link", name="Price household").click()
    page.get_by_role("link", name="Chronology").click()
    look(page, "chronology-01-list")
    page.get_by_role("link", name="Add an entry").click()
    page.get_by_role("button", name="Add entry").click()
    look(page, "chronology-02-errors")
    family_url = page.url.split("/chronology")[0] + "/"
    page.get_by_role("button", name="Sign out").click()
    look(page, "chronology-03-signed-out")

    sign_in(page, demo, "outsider", start="/families/")
    page.goto(family_url)
    assert "You do not have access to this page" in page.locator("h1").inner_text()
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 403 (Forbidden)"
    ]
    page.console_errors.clear()
    look(page, "outsider-01-refused")
