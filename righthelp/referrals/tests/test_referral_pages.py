"""A request for service to Children's Social Care, refused until the consent rules are
met, then sent: each consent route through the pages, with the manager's approval."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.audit.models import AuditEvent
from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.conftest import Cast
from righthelp.referrals.models import Referral, ReferralStatus


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def _new(client: Client, cast: Cast, route: str) -> Referral:
    response = client.post(
        reverse("referrals:new", args=[cast.family.pk]),
        {"route": route, "person": cast.child.pk, "what_is_needed": "Tom disclosed harm at home."},
    )
    referral = Referral.objects.latest("created_at")
    assert response["Location"] == reverse("referrals:detail", args=[cast.family.pk, referral.pk])
    return referral


def _post(client: Client, cast: Cast, referral: Referral, data: dict[str, object]) -> str:
    response = client.post(reverse("referrals:detail", args=[cast.family.pk, referral.pk]), data)
    if response.status_code == 302:
        response = client.get(response["Location"])
    return unescape(response.content.decode())


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def test_refused_consent_is_refused_until_complete_then_sent(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    referral = _new(client, cast, "childrens_social_care")

    html = _post(client, cast, referral, {"form": "send"})
    assert "The request cannot be sent yet" in html
    assert "Record whether the parent or carer agreed to the referral" in html

    referral.refresh_from_db()
    html = _post(
        client,
        cast,
        referral,
        {
            "form": "consent",
            "version": referral.version,
            "consent_route": "consent_refused",
            "reason_for_proceeding": "Tom's safety cannot wait.",
        },
    )
    html = _post(client, cast, referral, {"form": "send"})
    assert (
        "Get approval from a manager, the Designated Senior Person or the Named Professional"
        in html
    )
    assert "Record the outcome of the consultation and any further advice" in html
    assert "Record that Children's Social Care is told the parent withheld permission" in html
    assert Referral.objects.get().status == ReferralStatus.DRAFT

    referral.refresh_from_db()
    _post(
        client,
        cast,
        referral,
        {
            "form": "consent",
            "version": referral.version,
            "consent_route": "consent_refused",
            "reason_for_proceeding": "Tom's safety cannot wait.",
            **_date("social_care_told_on", timezone.localdate()),
            "consultation_outcome": "Discussed with Bob: refer today.",
        },
    )
    _post(client, cast, referral, {"form": "request_approval"})

    client.force_login(cast.bob)
    assert (
        "Approve"
        in client.get(
            reverse("referrals:approve", args=[cast.family.pk, referral.pk])
        ).content.decode()
    )
    client.post(reverse("referrals:approve", args=[cast.family.pk, referral.pk]))

    client.force_login(cast.alice)
    html = _post(client, cast, referral, {"form": "send"})
    assert "Request for service sent." in html
    assert "Record that the parent was told a referral has been made" in html
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and referral.approved_by == cast.bob

    html = _post(
        client,
        cast,
        referral,
        {"form": "parent_told", **_date("parent_told_on", timezone.localdate())},
    )
    assert "The parent was told on" in html
    assert ChronologyEntry.objects.filter(kind=EntryKind.REFERRAL).exists()
    assert AuditEvent.objects.filter(record_type="referral", detail__sent=True).exists()


def test_consent_given_needs_the_date_agreed(alice: Client, cast: Cast) -> None:
    referral = _new(alice, cast, "childrens_social_care")
    _post(
        alice,
        cast,
        referral,
        {"form": "consent", "version": referral.version, "consent_route": "consent_given"},
    )
    assert "Record that the parent or carer agreed" in _post(
        alice, cast, referral, {"form": "send"}
    )
    referral.refresh_from_db()
    _post(
        alice,
        cast,
        referral,
        {
            "form": "consent",
            "version": referral.version,
            "consent_route": "consent_given",
            **_date("consent_confirmed_on", timezone.localdate()),
        },
    )
    assert "Request for service sent." in _post(alice, cast, referral, {"form": "send"})


def test_consent_not_sought_needs_a_reason_and_approval(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    referral = _new(client, cast, "childrens_social_care")
    _post(
        client,
        cast,
        referral,
        {
            "form": "consent",
            "version": referral.version,
            "consent_route": "consent_not_sought",
            "reason_not_sought": "Asking would put Tom at risk.",
        },
    )
    html = _post(client, cast, referral, {"form": "send"})
    assert "Get a manager's approval" in html and "Record why consent was not sought" not in html
    # Alice cannot approve her own referral; a manager of another team cannot either.
    assert (
        client.get(reverse("referrals:approve", args=[cast.family.pk, referral.pk])).status_code
        == 403
    )


def test_a_new_consent_story_needs_a_new_approval(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    referral = _new(client, cast, "childrens_social_care")
    _post(
        client,
        cast,
        referral,
        {
            "form": "consent",
            "version": referral.version,
            "consent_route": "consent_not_sought",
            "reason_not_sought": "Risk.",
        },
    )
    client.force_login(cast.bob)
    client.post(reverse("referrals:approve", args=[cast.family.pk, referral.pk]))
    referral.refresh_from_db()
    assert referral.approved_by == cast.bob
    client.force_login(cast.alice)
    _post(
        client,
        cast,
        referral,
        {
            "form": "consent",
            "version": referral.version,
            "consent_route": "consent_refused",
            "reason_for_proceeding": "Risk.",
        },
    )
    referral.refresh_from_db()
    assert referral.approved_by is None


def test_early_help_goes_without_consent_steps_and_prevent_is_marked(
    alice: Client, cast: Cast
) -> None:
    early = _new(alice, cast, "early_help")
    assert "Request for service sent." in _post(alice, cast, early, {"form": "send"})
    prevent = _new(alice, cast, "prevent")
    html = _post(alice, cast, prevent, {"form": "send"})
    assert "Not for disclosure" in html
    assert prevent.never_disclosed or Referral.objects.get(pk=prevent.pk).never_disclosed
    assert ChronologyEntry.objects.get(kind=EntryKind.REFERRAL, never_disclosed=True)


def test_a_directory_referral_names_its_service(alice: Client, cast: Cast) -> None:
    response = alice.post(
        reverse("referrals:new", args=[cast.family.pk]),
        {"route": "directory_service", "what_is_needed": "Mentoring"},
    )
    assert "Choose the service from the directory" in unescape(response.content.decode())
    response = alice.post(
        reverse("referrals:new", args=[cast.family.pk]),
        {
            "route": "directory_service",
            "service": "coventry/positive-choices",
            "what_is_needed": "Mentoring",
        },
    )
    assert response.status_code == 302


def test_finding_a_service_by_what_the_family_needs_keeps_what_was_typed(
    alice: Client, cast: Cast
) -> None:
    response = alice.post(
        reverse("referrals:new", args=[cast.family.pk]),
        {
            "route": "directory_service",
            "what_is_needed": "Mum disclosed violence at home.",
            "find": "DV",
            "action": "find",
        },
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200 and not Referral.objects.exists()
    assert "Mum disclosed violence at home." in html
    assert "There is a problem" not in html
    assert '<optgroup label="Found for “DV”' in html
    found = html.split('<optgroup label="Found for')[1].split("</optgroup>")[0]
    assert "Independent Domestic Violence Advisor (IDVA)" in found
    assert "Horizon Team" not in found
    assert '<optgroup label="All services, A to Z">' in html
