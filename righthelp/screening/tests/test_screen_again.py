"""When a young person is to be screened again: the partnership's setting (labelled as the
partnership's, never as the guide's words), changeable with a reason, shown on the screening
and on the young person's screenings, and on the practitioner's worklist when it is due."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.audit.models import AuditEvent
from righthelp.conftest import Cast
from righthelp.core.worklist import Kind
from righthelp.screening.models import Screening
from righthelp.screening.services import screening_screen_again_set
from righthelp.screening.tests.helpers import make_screening
from righthelp.testing.factories import add_person
from righthelp.worklist.selectors import counts_for, worklist_for

TODAY = timezone.localdate()


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()).replace(" :", ":")


SETTING = "The partnership's setting, not the Child Exploitation guide's words"


def test_a_screening_is_due_again_six_weeks_on_by_the_partnerships_setting(cast: Cast) -> None:
    screening = make_screening(cast.family, cast.alice, cast.child, on=TODAY)
    assert screening.screen_again_by == TODAY + dt.timedelta(weeks=6)
    assert screening.screen_again_reason == ""


def test_the_screening_and_the_young_persons_screenings_show_the_date_as_the_setting(
    cast: Cast, client: Client
) -> None:
    screening = make_screening(cast.family, cast.alice, cast.child, on=TODAY)
    client.force_login(cast.alice)
    due = f"{screening.screen_again_by:%-d %B %Y}"
    view = unescape(
        client.get(reverse("screening:view", args=[cast.family.pk, screening.pk])).content.decode()
    )
    assert "Screen again by" in view and due in view and SETTING in view
    listing = unescape(
        client.get(reverse("screening:list", args=[cast.family.pk])).content.decode()
    )
    assert "Screen Tom again by" in listing and due in listing and SETTING in listing


def test_another_date_needs_a_reason_and_is_shown_as_the_practitioners(
    cast: Cast, client: Client
) -> None:
    screening = make_screening(cast.family, cast.alice, cast.child, on=TODAY)
    client.force_login(cast.alice)
    url = reverse("screening:screen-again", args=[cast.family.pk, screening.pk])
    sooner = TODAY + dt.timedelta(days=14)
    date = {
        "screen_again_by_0": str(sooner.day),
        "screen_again_by_1": str(sooner.month),
        "screen_again_by_2": str(sooner.year),
    }
    refused = unescape(client.post(url, {**date, "screen_again_reason": ""}).content.decode())
    assert "Enter why the date differs from the partnership's setting" in refused
    screening.refresh_from_db()
    assert screening.screen_again_by == TODAY + dt.timedelta(weeks=6)

    response = client.post(url, {**date, "screen_again_reason": "Missing from home twice"})
    assert response.status_code == 302
    screening.refresh_from_db()
    assert (screening.screen_again_by, screening.screen_again_reason) == (
        sooner,
        "Missing from home twice",
    )
    event = AuditEvent.objects.filter(record_type="screening", action="changed").get()
    assert event.detail["screen_again_by"] == sooner.isoformat()
    assert "Missing" not in str(event.detail)
    view = _text(client.get(response["Location"]).content.decode())
    assert "Chosen by the practitioner: Missing from home twice" in view
    assert SETTING not in view


def test_a_date_on_or_before_the_screening_is_refused(cast: Cast) -> None:
    screening = make_screening(cast.family, cast.alice, cast.child, on=TODAY)
    with pytest.raises(ValidationError) as refused:
        screening_screen_again_set(
            screening=screening, by=cast.alice, screen_again_on=TODAY, reason="Soon"
        )
    assert "must be after the date of the screening" in str(refused.value)


def test_due_and_overdue_screenings_are_on_the_practitioners_worklist(cast: Cast) -> None:
    overdue = make_screening(cast.family, cast.alice, cast.child, on=TODAY - dt.timedelta(weeks=7))
    sister = add_person(cast.family, cast.alice, "Amy", "Ash")
    make_screening(cast.family, cast.alice, sister, on=TODAY - dt.timedelta(weeks=5, days=3))
    brother = add_person(cast.family, cast.alice, "Ned", "Ash")
    make_screening(cast.family, cast.alice, brother, on=TODAY - dt.timedelta(weeks=2))
    items = [i for i in worklist_for(cast.alice) if i.kind == Kind.SCREENING_DUE]
    assert [(i.what, i.overdue, i.waiting_days) for i in items] == [
        ("Screen Tom again", True, 7),
        ("Screen Amy again", False, 0),
    ]
    assert items[0].due == overdue.screen_again_by
    assert items[0].url == (
        reverse("screening:new", args=[cast.family.pk]) + f"?person={cast.child.pk}"
    )
    assert counts_for(cast.alice)[Kind.SCREENING_DUE] == 2
    assert not [i for i in worklist_for(cast.charlie) if i.kind == Kind.SCREENING_DUE]


def test_a_later_screening_replaces_the_earlier_ones_date(cast: Cast) -> None:
    make_screening(cast.family, cast.alice, cast.child, on=TODAY - dt.timedelta(weeks=8))
    assert counts_for(cast.alice).get(Kind.SCREENING_DUE) == 1
    make_screening(cast.family, cast.alice, cast.child, on=TODAY - dt.timedelta(days=1))
    assert counts_for(cast.alice).get(Kind.SCREENING_DUE) is None
    assert Screening.objects.count() == 2


def test_the_api_worklist_gives_the_kind(cast: Cast, client: Client) -> None:
    from righthelp.api.tokens import token_issue

    make_screening(cast.family, cast.alice, cast.child, on=TODAY - dt.timedelta(weeks=7))
    token = token_issue(user=cast.alice, name="Case system", by=None).secret
    response = client.get("/api/v1/worklist", HTTP_AUTHORIZATION=f"Bearer {token}")
    kinds = [item["kind"] for item in response.json()]
    assert "screening_due" in kinds
    item = next(i for i in response.json() if i["kind"] == "screening_due")
    assert item["overdue"] is True and item["waiting_days"] == 7
    assert item["family_id"] == str(cast.family.pk)


def test_the_reminder_digest_counts_screenings_due_again_without_names(cast: Cast) -> None:
    from django.test import override_settings

    from righthelp.accounts.models import User
    from righthelp.reminders.services import reminders_prepare

    User.objects.filter(pk=cast.alice.pk).update(email="alice@example.org")
    make_screening(cast.family, cast.alice, cast.child, on=TODAY - dt.timedelta(weeks=7))
    with override_settings(RIGHTHELP_EMAIL_ENABLED=True):
        [email] = reminders_prepare()
    assert "Exploitation screening due again" in email.body
    assert "1" in email.body
    for personal in ("Tom", "Ash", f"{TODAY - dt.timedelta(weeks=1):%-d %B}"):
        assert personal not in email.body and personal not in email.subject
