"""A request for service walks from a practitioner to the front door and back, in Chromium,
with axe on every page: sent, acknowledged, a question asked and answered, a decision made,
seen by the practitioner on the request, in the chronology and in their work."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_a_request_goes_to_the_front_door_and_back(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner")
    page.get_by_role("link", name="Fletcher household").click()
    page.get_by_role("link", name="Requests for service").click()
    page.get_by_role("link", name="Make a request for service").click()
    page.get_by_label("Children's Social Care (Integrated Front Door or MASH)").check()
    page.get_by_label("What help is needed, and why?").fill(
        "Riley's weight keeps falling; home visits refused."
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("The parent or carer agreed to the referral").check()
    agreed = page.get_by_role("group", name="Date they agreed")
    today = timezone.localdate()
    agreed.get_by_label("Day").fill(str(today.day))
    agreed.get_by_label("Month").fill(str(today.month))
    agreed.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save consent").click()
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Request for service sent.").wait_for()
    main = page.locator("main").inner_text()
    assert "At the front door" in main and "RFS-" in main
    look(page, "front-door-01-sent")
    request_url = page.url
    _sign_out(page)

    sign_in(page, demo, "frontdoor")
    page.get_by_role("link", name="Front door (").click()
    page.get_by_role("heading", name="Requests for service").wait_for()
    assert "01782 235100" in page.locator("main").inner_text()
    look(page, "front-door-02-queue")
    page.get_by_label("Sort").select_option("newest")
    page.get_by_role("button", name="Show requests").click()
    page.locator("table a").first.click()
    assert "Riley's weight keeps falling" in page.locator("main").inner_text()
    look(page, "front-door-03-request")
    page.get_by_role("button", name="Acknowledge the request").click()
    page.get_by_text("acknowledged.").first.wait_for()
    page.get_by_label("What more do you need to know from the sender?").fill(
        "Has the GP seen Riley this month?"
    )
    page.get_by_role("button", name="Send the question").click()
    page.get_by_text("Your question has been sent to the sender.").wait_for()
    look(page, "front-door-04-asked")
    _sign_out(page)

    sign_in(page, demo, "practitioner")
    page.get_by_role("link", name="Your work (").click()
    fletcher = page.locator("tr", has_text="Fletcher household")
    fletcher.get_by_role("link", name="Question from the front door").click()
    assert "Has the GP seen Riley this month?" in page.locator("main").inner_text()
    look(page, "front-door-05-question-for-the-sender")
    page.get_by_label("Your answer to the front door").fill("Yes, on the 3rd: weight down again.")
    page.get_by_role("button", name="Send the answer").click()
    page.get_by_text("Your answer has been sent to the front door.").wait_for()
    _sign_out(page)

    sign_in(page, demo, "frontdoor")
    page.get_by_role("link", name="Front door (").click()
    page.get_by_label("Sort").select_option("newest")
    page.get_by_role("button", name="Show requests").click()
    page.locator("table a").first.click()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("There is a problem").wait_for()
    look(page, "front-door-06-decision-errors")
    page.get_by_label("The child is in need, and should be assessed under section 17").check()
    page.get_by_label("Why? (the sender sees this)").fill(
        "Faltering growth with refused visits: a child in need assessment."
    )
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Decision recorded.").wait_for()
    look(page, "front-door-07-decided")
    _sign_out(page)

    sign_in(page, demo, "practitioner")
    page.goto(request_url)
    main = page.locator("main").inner_text()
    assert "should be assessed under section 17" in main
    assert "Faltering growth with refused visits" in main
    look(page, "front-door-08-decision-seen")
    page.get_by_role("link", name="Back to requests for service").click()
    page.goto(request_url.split("/referrals/")[0] + "/chronology/")
    assert "The front door decided on request RFS-" in page.locator("main").inner_text()
    page.get_by_role("link", name="Your work (").click()
    assert "Front door decision received" in page.locator("main").inner_text()
    look(page, "front-door-09-your-work")
