"""Alice types the conversation with the family; the page saves it as she goes. A save
that would overwrite someone else's is refused, never made."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.assessments.models import Assessment
from righthelp.assessments.services import assessment_record_conversation, assessment_start
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.testing.browser import look, sign_in

AUTOSAVE = {"X-Autosave": "1"}


def _url(assessment: Assessment) -> str:
    return reverse("assessments:conversation", args=[assessment.family_id, assessment.pk])


def test_a_background_save_keeps_the_draft_and_gives_the_next_version(
    client: Client, cast: Cast
) -> None:
    assessment = assessment_start(family=cast.family, by=cast.alice)
    client.force_login(cast.alice)
    response = client.post(
        _url(assessment), {"worried_about": "Tom is often late", "version": 1}, headers=AUTOSAVE
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2 and response.json()["detail"].startswith("Draft saved")
    assessment.refresh_from_db()
    assert assessment.worried_about == "Tom is often late"
    assert AuditEvent.objects.filter(
        actor=cast.alice, action=Action.CHANGED, record_type="assessment"
    ).exists()
    # The next save, with the version the page was given, is accepted too.
    again = client.post(
        _url(assessment),
        {"worried_about": "Tom is often late to school", "version": 2},
        headers=AUTOSAVE,
    )
    assert again.json()["version"] == 3


def test_a_background_save_never_overwrites_a_newer_save(client: Client, cast: Cast) -> None:
    assessment = assessment_start(family=cast.family, by=cast.alice)
    assessment_record_conversation(
        assessment=assessment, by=cast.bob, expected_version=1, texts={"worried_about": "Bob's"}
    )
    client.force_login(cast.alice)
    response = client.post(
        _url(assessment), {"worried_about": "Alice's", "version": 1}, headers=AUTOSAVE
    )
    assert response.status_code == 409 and "both versions" in response.json()["detail"]
    assessment.refresh_from_db()
    assert assessment.worried_about == "Bob's"


def test_someone_else_cannot_save_in_the_background(client: Client, cast: Cast) -> None:
    assessment = assessment_start(family=cast.family, by=cast.alice)
    client.force_login(cast.charlie)
    response = client.post(_url(assessment), {"worried_about": "x", "version": 1}, headers=AUTOSAVE)
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.worried_about == ""


@pytest.mark.django_db(transaction=True)
def test_what_alice_types_is_there_after_a_reload(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner")
    page.get_by_role("link", name="Kowalczyk household").click()
    page.get_by_role("link", name="Continue the assessment").click()
    page.get_by_role("link", name="Working well, worries, what needs to happen").click()
    page.get_by_label("What is working well?").fill("Julia loves her art club.")
    page.get_by_text("Draft saved at").wait_for(timeout=15000)
    look(page, "autosave-saved")
    page.reload()
    assert page.get_by_label("What is working well?").input_value() == "Julia loves her art club."
    # The button still saves, with the version the background save moved on to.
    page.get_by_label("What needs to happen?").fill("A review in six weeks.")
    page.get_by_role("button", name="Save and go back to the list").click()
    assert "Someone else saved" not in page.content()
