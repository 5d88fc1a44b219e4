"""Alice's case system asks Children's Social Care for help for Tom through the API. The
parent refused consent, so the referral is refused until the reason, the manager's approval
and the record that social care was told are all there; then it is sent, and it says the
parent must be told afterwards. The rules are the core's, as on the page."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from righthelp.api.tests.test_api import Caller
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast

TODAY = timezone.localdate()


def test_a_social_care_referral_without_consent_goes_only_when_the_rules_are_met(
    client: Client, cast: Cast
) -> None:
    alice, bob = Caller(client, cast.alice), Caller(client, cast.bob)
    family = f"/families/{cast.family.pk}/referrals"
    made = alice.post(
        family,
        {
            "route": "childrens_social_care",
            "person": str(cast.child.pk),
            "what_is_needed": "Tom is going missing overnight",
        },
    )
    assert made.status_code == 201, made.content
    referral = made.json()
    url = f"{family}/{referral['id']}"
    assert referral["may_send"] is False

    refused = alice.post(f"{url}/send", {})
    assert refused.status_code == 409
    assert refused.json()["missing"] == [
        "Record whether the parent or carer agreed to the referral"
    ]

    consent = alice.post(
        f"{url}/consent",
        {
            "version": referral["version"],
            "consent_route": "consent_refused",
            "reason_for_proceeding": "Risk of exploitation cannot wait",
            "social_care_told_on": (TODAY - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert consent.status_code == 200, consent.content
    assert consent.json()["approval_needed"] is True
    refused = alice.post(f"{url}/send", {})
    assert refused.status_code == 409 and refused.json()["missing"]  # the manager's approval

    assert alice.post(f"{url}/request-approval", {}).status_code == 200
    assert alice.post(f"{url}/approve", {}).status_code == 403  # not her own
    assert bob.post(f"{url}/approve", {}).status_code == 200

    sent = alice.post(f"{url}/send", {})
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "sent"
    assert sent.json()["missing_after_sending"]  # the parent is to be told
    told = alice.post(f"{url}/parent-told", {"parent_told_on": TODAY.isoformat()})
    assert told.status_code == 200 and told.json()["missing_after_sending"] == []
    assert AuditEvent.objects.filter(
        actor=cast.alice, action=Action.CHANGED, record_type="referral"
    ).exists()


def test_a_stale_consent_record_and_a_bad_route_are_refused(client: Client, cast: Cast) -> None:
    alice = Caller(client, cast.alice)
    family = f"/families/{cast.family.pk}/referrals"
    assert alice.post(family, {"route": "nowhere", "what_is_needed": "x"}).status_code == 422
    referral = alice.post(family, {"route": "early_help", "what_is_needed": "x"}).json()
    url = f"{family}/{referral['id']}/consent"
    first = {
        "version": referral["version"],
        "consent_route": "consent_given",
        "consent_confirmed_on": TODAY.isoformat(),
    }
    assert alice.post(url, first).status_code == 200
    again = alice.post(
        url, {**first, "consent_route": "consent_not_sought", "reason_not_sought": "y"}
    )
    assert again.status_code == 409  # the version sent is no longer the record's


def test_a_prevent_referral_is_marked_never_to_reach_the_family(client: Client, cast: Cast) -> None:
    alice = Caller(client, cast.alice)
    made = alice.post(
        f"/families/{cast.family.pk}/referrals",
        {"route": "prevent", "person": str(cast.child.pk), "what_is_needed": "Concern"},
    )
    assert made.json()["never_disclosed"] is True
