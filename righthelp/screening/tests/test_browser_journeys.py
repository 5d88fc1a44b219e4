"""In Chromium, as the demo practitioner: a low-risk screening that produces a safety plan,
a young person's trend, and intelligence exported for the police with its source kept out.
Every page is screenshotted and checked with axe (WCAG 2.2 A and AA)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from righthelp.screening.models import IntelligenceSource, SafetyPlan, Screening
from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def practitioner_signs_in(page: Any, base: str) -> None:
    sign_in(page, base, "cov-practitioner", start="/families/")
    page.get_by_role("heading", name="Your families").wait_for()


def test_a_low_risk_screening_produces_a_safety_plan(demo: str, page: Any) -> None:
    practitioner_signs_in(page, demo)
    page.get_by_role("link", name="Kaur household").click()
    look(page, "screening-01-family-overview")
    page.get_by_role("link", name="Exploitation screenings").click()
    page.get_by_role("heading", name="Exploitation screenings").wait_for()
    look(page, "screening-02-none-yet")
    page.get_by_role("link", name="New screening").click()
    look(page, "screening-03-new")

    page.get_by_label("Arjun Singh").check()
    page.get_by_label("Screening score").fill("eleven")
    page.get_by_label("Number of vulnerabilities seen").fill("-1")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    look(page, "screening-04-bad-input")
    assert page.get_by_label("Screening score").input_value() == "eleven"
    assert page.get_by_label("Arjun Singh").is_checked()

    page.get_by_label("Screening score").fill("7")
    page.get_by_label("Number of vulnerabilities seen").fill("3")
    page.get_by_label("Number of risk indicators seen").fill("1")
    page.get_by_label("Number of significant risk indicators seen").fill("0")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="The risk bands and your decision").wait_for()
    look(page, "screening-05-bands-and-decision")
    assert "Low (mild) risk" in page.locator(".rh-band-panel").inner_text()

    page.get_by_role("button", name="Record the screening").click()
    page.get_by_text("Enter your decision and the reasons for it").first.wait_for()
    look(page, "screening-06-decision-missing")
    page.get_by_label("Your decision and the reasons for it").fill(
        "Low risk. Single agency safety plan with school; review in six weeks."
    )
    page.get_by_role("button", name="Record the screening").click()
    page.get_by_text("Screening recorded.").wait_for()
    look(page, "screening-07-result-low")
    main = page.locator("main").inner_text()
    assert "Low (mild) risk" in main
    assert "A single agency safety plan should be developed" in main

    page.get_by_role("link", name="Write the safety plan").click()
    page.get_by_role("heading", name="Safety plan").wait_for()
    look(page, "screening-08-safety-plan-empty")
    page.get_by_label("Specific risk factors").fill(
        "Arjun has been seen at the skate park with older teenagers after dark. His mum will "
        "collect him at 8pm; the youth worker will visit the park on Fridays."
    )
    page.get_by_label("Safe adult the young person can talk to").fill("His nan, Pat.")
    page.get_by_role("button", name="Save as a draft").click()
    page.get_by_text("Draft saved.").wait_for()
    look(page, "screening-09-safety-plan-draft")
    assert (
        "His nan, Pat."
        in page.get_by_label("Safe adult the young person can talk to").input_value()
    )
    page.get_by_label("Awareness raising").fill(
        "Four sessions with the school nurse on healthy relationships, grooming and online safety."
    )
    page.get_by_label("Family support and other networks").fill("Family Hub parenting group.")
    page.get_by_role("button", name="Save the safety plan").click()
    page.get_by_text("Safety plan saved.").wait_for()
    look(page, "screening-10-safety-plan-saved")
    main = page.locator("main").inner_text()
    assert "His nan, Pat." in main and "Family Hub parenting group." in main

    plan = SafetyPlan.objects.get(screening__person__given_name="Arjun")
    assert plan.status == "complete" and plan.safe_adult == "His nan, Pat."


def test_a_young_persons_trend_and_a_high_risk_result(demo: str, page: Any) -> None:
    practitioner_signs_in(page, demo)
    page.get_by_role("link", name="Doherty household").click()
    page.get_by_role("link", name="Exploitation screenings").click()
    page.get_by_role("heading", name="Shannon Doherty").wait_for()
    look(page, "screening-trend-01-list")
    assert page.locator("svg.rh-score-chart").count() == 1
    assert "higher is safer" in page.locator("svg.rh-score-chart title").text_content()
    page.get_by_role("link", name="View the screening of").first.click()
    look(page, "screening-trend-02-high-result")
    assert page.locator('a[href="tel:02476788555"]').count() >= 1


def test_intelligence_is_exported_without_its_source(demo: str, page: Any, tmp_path: Path) -> None:
    practitioner_signs_in(page, demo)
    page.get_by_role("link", name="Doherty household").click()
    page.get_by_role("link", name="Intelligence for the police").click()
    look(page, "intelligence-01-list")
    page.get_by_role("link", name="Record intelligence").click()
    page.get_by_role("button", name="Save and record the source").click()
    page.get_by_text("There is a problem").wait_for()
    look(page, "intelligence-02-new-error")
    page.get_by_label("Perpetrators").fill("Two men in a white van, seen twice.")
    page.get_by_label("What was seen or what happened").fill(
        "Mason was given a parcel by one of the men on Saturday afternoon."
    )
    page.get_by_role("button", name="Save and record the source").click()
    page.get_by_role("heading", name="Where the information came from").wait_for()
    look(page, "intelligence-03-source")
    page.get_by_label("Who gave the information").fill("Mason's football coach, Mr Invented")
    page.get_by_label("How the information was given or found out").fill("Phoned me on Sunday.")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save the source").click()
    page.get_by_text("Source saved.").wait_for()
    look(page, "intelligence-04-body")
    assert "Mr Invented" not in page.locator("main").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the document (PDF)").click()
    saved = tmp_path / "intelligence.pdf"
    download_info.value.save_as(saved)
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(saved.read_bytes())).pages)
    text = " ".join(text.split())
    assert "Mason was given a parcel" in text and "coventryintel@westmidlands.police.uk" in text
    assert "Mr Invented" not in text and "football coach" not in text
    assert IntelligenceSource.objects.filter(who__contains="Mr Invented").exists()

    page.get_by_role("button", name="Mark as sent").click()
    page.get_by_text("Marked as sent to the police.").wait_for()
    look(page, "intelligence-05-sent")
    assert Screening.objects.count() == 3  # the demo's, untouched


def test_when_to_screen_again_is_the_partnerships_setting_until_changed_with_a_reason(
    demo: str, page: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    practitioner_signs_in(page, demo)
    page.get_by_role("link", name="Kaur household").click()
    page.get_by_role("link", name="Exploitation screenings").click()
    page.get_by_role("link", name="New screening").click()
    page.get_by_label("Arjun Singh").check()
    page.get_by_label("Screening score").fill("7")
    page.get_by_label("Number of vulnerabilities seen").fill("3")
    page.get_by_label("Number of risk indicators seen").fill("1")
    page.get_by_label("Number of significant risk indicators seen").fill("0")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your decision and the reasons for it").fill("Low risk: plan with school.")
    page.get_by_role("button", name="Record the screening").click()
    page.get_by_text("Screening recorded.").wait_for()
    row = page.locator("#screen-again")
    assert "The partnership's setting, not the Child Exploitation guide's words" in (
        row.inner_text()
    )
    look(page, "screening-again-01-the-setting")

    row.get_by_role("link", name="Change").click()
    look(page, "screening-again-02-change")
    sooner = timezone.localdate() + dt.timedelta(days=14)
    group = page.get_by_role("group", name="Screen again by")
    group.get_by_label("Day").fill(str(sooner.day))
    group.get_by_label("Month").fill(str(sooner.month))
    group.get_by_label("Year").fill(str(sooner.year))
    page.get_by_role("button", name="Save the date").click()
    page.get_by_text("There is a problem").wait_for()
    look(page, "screening-again-03-reason-missing")
    page.get_by_label("Why this date?").fill("Missing from home twice this month.")
    page.get_by_role("button", name="Save the date").click()
    page.get_by_text("Date to screen again saved.").wait_for()
    text = page.locator("#screen-again").inner_text()
    assert "Chosen by the practitioner: Missing from home twice this month." in text
    assert f"{sooner:%-d %B %Y}" in text
    look(page, "screening-again-04-changed")
    page.get_by_role("link", name="Back to exploitation screenings").click()
    look(page, "screening-again-05-young-persons-screenings")
    assert page.get_by_text("Screen Arjun again by").is_visible()
