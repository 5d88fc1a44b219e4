"""The self-assessment in Chromium: the analyst opens a round, two agencies complete it,
and the analyst checks the heatmap, adds an action and compares two rounds. Every page
is screenshotted and checked with axe (WCAG 2.2 A and AA)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from righthelp.core.packs.registry import PackRegistry
from righthelp.testing.browser import look, sign_in

ROUND = "CCE self-assessment spring review"
# The demo's open round is named for the year it is made in.
THIS_YEAR = timezone.localdate().year

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()


SCALE = ["good", "some", "minimal", "none"]


def complete_areas(page: Any, ratings: dict[str, str], default: str, shot: str) -> None:
    """Rate every question on every area page, giving evidence for good and some."""
    instrument = (
        PackRegistry().get("partnership-self-assessment").instruments_by_id["cce-self-assessment"]
    )
    for number, section in enumerate(instrument.sections, start=1):
        page.get_by_role("heading", name=section.title, exact=True).wait_for()
        for question in section.questions:
            rating = ratings.get(question.id, default)
            page.locator(f"#id_rating-{question.id}_{SCALE.index(rating)}").check()
            if rating in ("good", "some"):
                page.locator(f"#id_evidence-{question.id}").fill(
                    f"Case file audit for {question.number}, March."
                )
        if number == 1:
            look(page, f"{shot}-area-1")
        page.get_by_role("button", name="Save and continue").click()


def test_two_agencies_complete_a_round_and_the_analyst_reads_it(demo: str, page: Any) -> None:
    sign_in(page, demo, "analyst")
    page.get_by_role("heading", name="Dashboards").wait_for()
    page.get_by_role("link", name="Self-assessment").first.click()
    look(page, "sa-01-analyst-rounds")
    page.get_by_role("button", name="Open a round").click()
    page.get_by_role("button", name="Open the round").click()
    page.get_by_text("Enter a name for the round").first.wait_for()
    look(page, "sa-02-open-round-errors")
    page.get_by_label("Name of the round").fill(ROUND)
    closes = page.locator("#id_closes_on_0").locator("xpath=ancestor::fieldset")
    closes.get_by_label("Day").fill("28")
    closes.get_by_label("Month").fill("2")
    closes.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Open the round").click()
    page.get_by_text(f"{ROUND} is open for agencies to complete.").wait_for()
    look(page, "sa-03-round-opened")
    sign_out(page)

    # Children's Services: the demo practitioner.
    sign_in(page, demo, "practitioner")
    page.get_by_role("link", name="Self-assessment").click()
    page.get_by_role("link", name=ROUND).click()
    look(page, "sa-04-agency-task-list")
    page.get_by_role("link", name="Service response/collaboration").click()
    complete_areas(page, {"q1-4": "minimal", "q1-7": "none", "q2-2": "none"}, "good", "sa-05")
    page.get_by_role("heading", name="Check your answers before submitting").wait_for()
    look(page, "sa-06-check-answers")
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Children's Services's self-assessment is submitted.").wait_for()
    look(page, "sa-07-submitted")
    sign_out(page)

    # Northfield Academy: tries to submit before answering, then completes it.
    sign_in(page, demo, "schoolsafeguarding")
    page.get_by_role("link", name="Self-assessment").click()
    page.get_by_role("link", name=ROUND).click()
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("There is a problem").wait_for()
    look(page, "sa-08-submit-too-early")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Service response/collaboration").click()
    complete_areas(page, {"q1-4": "none", "q1-7": "minimal", "q3-1": "minimal"}, "some", "sa-09")
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Northfield Academy's self-assessment is submitted.").wait_for()
    sign_out(page)

    # The analyst reads the heatmap, adds an action and compares two rounds.
    sign_in(page, demo, "analyst")
    page.get_by_role("link", name="Self-assessment").first.click()
    page.get_by_role("link", name=ROUND).click()
    look(page, "sa-10-partnership-view")
    assert "2 of 5 agencies have submitted" in page.locator("main").inner_text()
    heatmap = page.locator("table.rh-heatmap")
    assert heatmap.locator("thead th").all_inner_texts() == [
        "Question",
        "Children's Services",
        "Northfield Academy",
    ]
    row = heatmap.locator("tr", has_text="Are there appropriate escalation procedures")
    assert row.locator("td").all_inner_texts() == ["Minimal evidence", "No evidence"]
    row = heatmap.locator("tr", has_text="shared understanding across the partnership")
    assert row.locator("td").all_inner_texts() == ["Good evidence", "Some evidence"]
    gaps = page.locator("table", has=page.get_by_text("Actions answering it"))
    assert (
        "1.4 Are there appropriate escalation procedures"
        in gaps.locator("tbody tr").first.inner_text()
    )

    page.get_by_role("link", name="Add an action for question 1.4").click()
    look(page, "sa-11-add-action")
    page.get_by_label("Action").fill(
        "Publish the escalation procedure and train each agency's leads."
    )
    page.get_by_label("Owner agency").select_option(label="Staffordshire Police")
    due = page.locator("#id_due_on_0").locator("xpath=ancestor::fieldset")
    due.get_by_label("Day").fill("30")
    due.get_by_label("Month").fill("9")
    due.get_by_label("Year").fill("2099")
    page.get_by_role("button", name="Save action").click()
    page.get_by_text("Action saved in the action plan.").wait_for()
    look(page, "sa-12-action-plan")
    plan = page.locator("table", has=page.get_by_text("Answers questions"))
    assert "Publish the escalation procedure" in plan.inner_text()
    assert "1.4" in plan.locator("tr", has_text="Publish the escalation").inner_text()

    page.get_by_label("Compare with").select_option(label=f"CCE self-assessment {THIS_YEAR}")
    page.get_by_role("button", name="Compare").click()
    page.get_by_role(
        "heading", name=f"{ROUND} compared with CCE self-assessment {THIS_YEAR}"
    ).wait_for()
    look(page, "sa-13-comparison")
    text = page.locator("main").inner_text()
    assert "Improved" in text and "Fell back" in text
    fell_back = page.locator("#fell-back + ul")
    assert "1.4 Are there appropriate escalation procedures" in fell_back.inner_text()


def test_a_comparison_says_when_the_agencies_differ_and_compares_like_with_like(
    demo: str, page: Any
) -> None:
    from django.utils import timezone

    this_year = f"CCE self-assessment {timezone.localdate().year}"
    last_year = f"CCE self-assessment {timezone.localdate().year - 1}"
    sign_in(page, demo, "analyst")
    page.get_by_role("link", name="Self-assessment").first.click()
    page.get_by_role("link", name=this_year).click()
    page.get_by_label("Compare with").select_option(label=last_year)
    page.get_by_role("button", name="Compare").click()
    page.get_by_role("heading", name=f"{this_year} compared with {last_year}").wait_for()
    look(page, "sa-14-agencies-differ-like-with-like")
    text = " ".join(page.locator("main").inner_text().split())
    # Last year four agencies submitted; this year two have so far.
    assert "The agencies that answered differ between the rounds." in text
    assert (
        f"Only in {last_year}: 0-19 Health Visiting and School Nursing, Northfield Academy." in text
    )
    assert (
        "Compared like with like: only the 2 agencies that answered in both rounds "
        "(Children's Services, Staffordshire Police)." in text
    )
    page.get_by_role("link", name="Compare every answer instead").click()
    page.get_by_role("link", name="Compare like with like").wait_for()
    look(page, "sa-15-every-answer")
    text = " ".join(page.locator("main").inner_text().split())
    assert "The agencies that answered differ between the rounds." in text
    assert "Every answer in each round is compared, so a change may be a change in who" in text
