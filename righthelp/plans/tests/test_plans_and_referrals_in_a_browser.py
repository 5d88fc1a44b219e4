"""In Chromium: a plan from an assessment to an outcome achieved and later sustained; a
Social Care referral refused until its consent is recorded, then sent; the family's copy
of the plan, read back from the PDF, without Prevent, intelligence sources or notes."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from righthelp.plans.models import PlanCriterion
from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page: Any, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_plan_from_assessment_to_sustained(demo: str, page: Any) -> None:
    sign_in(page, demo, "cov-practitioner")
    page.get_by_role("link", name="Evans household").click()
    page.get_by_role("link", name="Family plan").click()
    look(page, "plan-01-start")
    page.get_by_role("button", name="Start the plan").click()
    page.get_by_label("6.5 Child experiencing harm outside of the family").check()
    page.get_by_label("Who does it apply to?").select_option(label="Tyler Evans")
    look(page, "plan-02-choose-criterion")
    page.get_by_role("button", name="Add to the plan").click()
    look(page, "plan-03-criterion")
    page.get_by_label("Wishes and Feelings").check()
    page.get_by_role("button", name="Save interventions").click()

    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("What will be done?").fill("One to one sessions on healthy relationships")
    page.get_by_label("A named person").check()
    page.get_by_label("Person's name").fill("Jas Sandhu")
    fill_date(page, "By when?", timezone.localdate() + dt.timedelta(days=28))
    look(page, "plan-04-action")
    page.get_by_role("button", name="Add action").click()

    page.get_by_role("link", name="6.5 Child experiencing harm").click()
    page.get_by_label("In progress").check()  # the date it moved is today by default
    page.get_by_role("button", name="Update status").click()
    page.get_by_label("Achieved", exact=True).check()
    page.get_by_role("button", name="Update status").click()
    page.get_by_label("Young person feedback- including scaling").check()
    fill_date(page, "Date of the evidence", timezone.localdate())
    page.get_by_role("button", name="Record evidence").click()
    page.get_by_text("Evidence recorded.").wait_for()
    look(page, "plan-05-achieved-with-evidence")

    # Seven months pass: the outcome, achieved back then, has held.
    PlanCriterion.objects.update(achieved_on=timezone.localdate() - dt.timedelta(days=215))
    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("link", name="Record a review").click()
    fill_date(page, "Date of the meeting", timezone.localdate())
    page.get_by_label("Who attended?").fill("Karen, Tyler, school nurse")
    page.get_by_label("Parent or carer's scaling score (0 to 10)").select_option("7")
    page.get_by_label("Young person's scaling score (0 to 10)").select_option("8")
    page.get_by_label("6.5 Child experiencing harm").select_option(label="Sustained")
    look(page, "plan-06-review")
    page.get_by_role("button", name="Save the review").click()
    page.get_by_text("Review recorded.").wait_for()
    look(page, "plan-07-sustained")
    assert "Sustained" in page.locator("main").inner_text()

    href = page.get_by_role("link", name="Family's copy as PDF").get_attribute("href")
    copy = page.request.get(demo + href)  # with the practitioner's own session
    assert copy.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(copy.body())).pages)
    assert "Our family plan" in text and "One to one sessions on healthy relationships" in text
    assert "Practitioners only" not in text


def test_a_social_care_referral_refused_until_consent_is_recorded(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner")
    page.get_by_role("link", name="Fletcher household").click()
    page.get_by_role("link", name="Requests for service").click()
    page.get_by_role("link", name="Make a request for service").click()
    page.get_by_label("Children's Social Care (Integrated Front Door or MASH)").check()
    page.get_by_label("What help is needed, and why?").fill(
        "Riley's weight keeps falling; home visits refused."
    )
    look(page, "referral-01-new")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("The request cannot be sent yet").wait_for()
    look(page, "referral-02-refused")

    page.get_by_label("The parent or carer agreed to the referral").check()
    agreed = page.get_by_role("group", name="Date they agreed")
    agreed.get_by_label("Day").fill(str(timezone.localdate().day))
    agreed.get_by_label("Month").fill(str(timezone.localdate().month))
    agreed.get_by_label("Year").fill(str(timezone.localdate().year))
    page.get_by_role("button", name="Save consent").click()
    look(page, "referral-03-consent-recorded")
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Request for service sent.").wait_for()
    look(page, "referral-04-sent")


def test_information_sharing_and_a_professional_disagreement(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner")
    page.get_by_role("link", name="Price household").click()
    page.get_by_role("link", name="Information sharing log").click()
    look(page, "sharing-01-log")
    page.get_by_role("link", name="Record information shared").click()
    page.get_by_label("What was shared?").fill("Kayleigh's school attendance this term")
    page.get_by_label("No, without consent").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Enter why the information was shared without consent").first.wait_for()
    look(page, "sharing-02-errors")

    page.goto(page.url.split("/information-sharing")[0] + "/disagreements/")
    look(page, "disagreements-01-list")
    page.get_by_role("link", name="Raised").first.click()
    look(page, "disagreements-02-detail")
    page.get_by_role("button", name="Record the outcome").click()
    page.get_by_text("Enter the outcome").first.wait_for()
    look(page, "disagreements-03-error")
