"""In Chromium, checked with axe: a practitioner pastes what she saw into the assessment and
reads the suggestions beside the outcome page, where she ticks what fits herself."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SEEN = (
    "Julia's attendance is 84% and she is late most mornings. "
    "Mum cannot afford the gas or food this week, the meter is empty."
)


def test_a_practitioner_pastes_what_she_saw_and_decides_on_the_outcome_page(
    demo: str, page: Any
) -> None:
    from playwright.sync_api import expect

    sign_in(page, demo, "practitioner", start="/families/")
    page.get_by_label("Search for a family").fill("Kowalczyk")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Kowalczyk household").click()
    page.get_by_role("link", name="Continue the assessment").click()

    page.get_by_role("link", name="Write or paste what you have seen").click()
    page.get_by_label("What have you seen or heard?").fill(SEEN)
    look(page, "seen-1-what-was-seen")
    page.get_by_role("button", name="Save and suggest indicators").click()
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Suggestions are not findings")
    expect(suggestions).to_contain_text(
        "Poor punctuality, frequent absence from school, attendance below 90%."
    )
    look(page, "seen-2-suggestions")

    suggestions.get_by_role(
        "link", name="Decide what you are seeing for Getting a good education"
    ).click()
    aside = page.locator(".rh-suggestions-aside")
    expect(aside).to_contain_text("Poor punctuality, frequent absence from school")
    expect(aside).to_contain_text("Julia's attendance is 84%")
    label = "Poor punctuality, frequent absence from school, attendance below 90%."
    checkbox = page.get_by_label(label)
    expect(checkbox).not_to_be_checked()  # nothing ticked for her
    look(page, "seen-3-outcome-with-suggestions")
    checkbox.check()
    look(page, "seen-4-she-ticks")
