"""In Chromium: a manager records a parent's request for a child's records, reviews what
will be disclosed and what is left out, and downloads the record as a PDF."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def record_request(page: Any, family: str, person: str, *, shot: str | None = None) -> None:
    page.get_by_role("link", name="Your families").click()
    page.get_by_role("link", name=family).click()
    page.get_by_role("link", name="Subject access requests").click()
    if shot:
        page.get_by_role("button", name="Record the request").click()
        look(page, shot)
        assert page.get_by_role("link", name="Select whose records are asked for").is_visible()
    page.get_by_label(person).check()
    page.get_by_label("A parent or carer, for a child").check()
    received = timezone.localdate() - dt.timedelta(days=3)
    group = page.get_by_role("group", name="Date the request was received")
    group.get_by_label("Day").fill(str(received.day))
    group.get_by_label("Month").fill(str(received.month))
    group.get_by_label("Year").fill(str(received.year))
    page.get_by_role("button", name="Record the request").click()


def download_record(page: Any) -> str:
    """Ask for the record, see it being prepared, let the worker run, then download it."""
    from django.core.management import call_command

    page.get_by_role("button", name="Prepare the record (PDF)").click()
    assert page.get_by_text("Being prepared", exact=True).is_visible()
    look(page, "sar-02b-being-prepared")
    call_command("db_worker", "--batch", "--no-startup-delay")
    page.get_by_role("link", name="Check again").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download subject-access-record-")).click()
    with open(download.value.path(), "rb") as file:
        pdf = PdfReader(BytesIO(file.read()))
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def test_a_manager_answers_a_subject_access_request(demo: str, page: Any) -> None:
    sign_in(page, demo, "cov-manager")
    record_request(page, "Doherty household", "Shannon Doherty", shot="sar-01-nothing-chosen")
    look(page, "sar-02-review")
    assert page.get_by_role("heading", name="Records about Shannon Doherty").is_visible()
    assert page.get_by_text("1 intelligence submission for the police").is_visible()

    text = download_record(page)
    assert "Records about Shannon Doherty" in text
    assert "Exploitation screening: " in text  # her screenings are hers to see
    assert "silver hatchback" not in text and "Jay" not in text and "Chloe" not in text
    page.get_by_role("link", name="Back").click()
    look(page, "sar-03-produced")
    assert page.get_by_text(re.compile(r"\d{4} by Marcus Bell$")).is_visible()


def test_a_prevent_referral_is_never_disclosed(demo: str, page: Any) -> None:
    # Stoke-on-Trent's rules say Prevent referrals are not disclosed to the family.
    sign_in(page, demo, "manager")
    record_request(page, "Mensah household", "Ama Mensah")
    # The Prevent referral is shown to the manager, who decides, with a reason.
    heading = page.get_by_role("heading", name="Never disclosed to the family: your decision")
    assert heading.is_visible()
    assert page.get_by_role("button", name="Prepare the record (PDF)").count() == 0
    look(page, "sar-04-decide-prevent")
    while page.get_by_role("button", name="Record the decision").count():
        card = (
            page.locator(".govuk-summary-card")
            .filter(has=page.get_by_role("button", name="Record the decision"))
            .first
        )
        card.get_by_label("Withhold it: an exemption applies").check()
        card.get_by_label("Your reason").fill("Disclosure would prejudice the prevention of crime.")
        card.get_by_role("button", name="Record the decision").click()
    look(page, "sar-05-decided")
    assert page.get_by_text(
        "never disclosed to the family (Prevent), by your decision"
    ).is_visible()
    text = download_record(page)
    assert "Records about Ama Mensah" in text
    assert "extremist" not in text and "Prevent" not in text
