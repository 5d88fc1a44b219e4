"""In Chromium, checked with axe: a manager agrees a Getting Risk Support decision at a
different level, with a reason. The reason is shown with the decision and in the
chronology, and the chronology credits each step to who did it: Priya completed the
assessment, Morgan signed it off."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Strategy discussion held: the risk is managed at Getting More Help with the refuge."


def test_a_manager_agrees_at_a_different_level_and_the_chronology_credits_each_step(
    demo: str, page: Any
) -> None:
    sign_in(page, demo, "manager", start="/families/")
    page.get_by_role("link", name="Begum household").first.click()
    page.get_by_label("Yes, but at a different level").check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Give the reason for agreeing at a different level").first.wait_for()
    look(page, "different-level-01-errors")
    assert page.get_by_text("Choose the level you agree").first.is_visible()

    page.get_by_label("Yes, but at a different level").check()
    page.get_by_label("The level you agree (if different)").select_option(
        label="4. Getting More Help"
    )
    page.get_by_label("Comment").fill(REASON)
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Decision signed off.").wait_for()
    look(page, "different-level-02-decision")
    decision = page.locator("main").inner_text()
    assert "The manager agreed at level 4; it was submitted at level 5." in decision
    assert "Set by the manager's judgement at sign-off. The indicators gave level 5." in decision
    assert f"Manager's reason: {REASON}" in " ".join(decision.split())

    page.get_by_role("link", name="Back to Begum household").click()
    assert "4. Getting More Help" in page.locator("main").inner_text()
    page.get_by_role("link", name="Chronology").click()
    look(page, "different-level-03-chronology")
    rows = page.get_by_role("region", name="Chronology entries").locator("tbody tr")
    signed = rows.filter(has_text="signed off the decision")
    assert signed.count() == 1
    signed_text = " ".join(signed.inner_text().split())
    assert "Morgan Hale (manager) signed off the decision: level 4, not level 5" in signed_text
    assert REASON in signed_text and "Recorded by Morgan Hale." in signed_text
    completed = rows.filter(has_text="Threshold assessment completed by")
    completed_text = " ".join(completed.first.inner_text().split())
    assert "completed by Priya Shah: level 4, Getting More Help." in completed_text
    assert "Recorded by Priya Shah." in completed_text
