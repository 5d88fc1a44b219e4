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
            "consultation_outcome": "Bob advised referring today",
        },
    )
    assert consent.status_code == 200, consent.content
    assert consent.json()["approval_needed"] is True
    assert consent.json()["approvers"] == [
        "Manager",
        "Designated Senior Person",
        "Named Professional",
    ]
    assert consent.json()["undue_delay_allowed"] is True
    refused = alice.post(f"{url}/send", {})
    assert refused.status_code == 409 and refused.json()["missing"]  # the manager's approval

    assert alice.post(f"{url}/request-approval", {}).status_code == 200
    assert alice.post(f"{url}/approve", {}).status_code == 403  # not her own
    assert bob.post(f"{url}/approve", {}).status_code == 200

    sent = alice.post(f"{url}/send", {})
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "sent"
    assert sent.json()["missing_after_sending"]  # the parent is to be told
    version = sent.json()["version"]
    stale = alice.post(
        f"{url}/parent-told", {"parent_told_on": TODAY.isoformat(), "version": version - 1}
    )
    assert stale.status_code == 409  # read before the send: it moved on since
    told = alice.post(
        f"{url}/parent-told", {"parent_told_on": TODAY.isoformat(), "version": version}
    )
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


def _refused(alice: Caller, cast: Cast, **extra: str) -> str:
    family = f"/families/{cast.family.pk}/referrals"
    referral = alice.post(
        family, {"route": "childrens_social_care", "what_is_needed": "Tom disclosed harm"}
    ).json()
    url = f"{family}/{referral['id']}"
    consent = alice.post(
        f"{url}/consent",
        {
            "version": referral["version"],
            "consent_route": "consent_refused",
            "reason_for_proceeding": "Cannot wait",
            "social_care_told_on": TODAY.isoformat(),
            **extra,
        },
    )
    assert consent.status_code == 200, consent.content
    return url


def test_a_named_professional_approves_by_role_and_name(client: Client, cast: Cast) -> None:
    alice = Caller(client, cast.alice)
    url = _refused(alice, cast)
    version = alice.get(url).json()["version"]
    bad = alice.post(
        f"{url}/approval",
        {
            "version": version,
            "approver_role": "social_worker",
            "approver_name": "X",
            "consultation_outcome": "y",
        },
    )
    assert bad.status_code == 422
    approved = alice.post(
        f"{url}/approval",
        {
            "version": version,
            "approver_role": "named_professional",
            "approver_name": "Dr Lee",
            "consultation_outcome": "Refer now; GP to follow up.",
        },
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["approved_by"] == "Dr Lee (Named Professional)"
    assert approved.json()["may_send"] is True
    assert alice.post(f"{url}/send", {}).status_code == 200


def test_undue_delay_goes_without_approval_and_the_approver_is_told_after(
    client: Client, cast: Cast
) -> None:
    alice = Caller(client, cast.alice)
    url = _refused(alice, cast, undue_delay_reason="No approver reachable before Tom goes home")
    sent = alice.post(f"{url}/send", {})
    assert sent.status_code == 200, sent.content
    assert sent.json()["undue_delay"] is True
    assert sent.json()["missing_after_sending"] == [
        "Record that the parent was told a referral has been made",
        "Record who was told afterwards that it was sent without approval",
        "Record the outcome of the consultation and any further advice",
    ]
    told = alice.post(
        f"{url}/approver-told",
        {
            "approver_role": "designated_senior_person",
            "approver_name": "Priya Shah",
            "approver_told_on": TODAY.isoformat(),
            "consultation_outcome": "Agreed it was right",
        },
    )
    assert told.status_code == 200, told.content
    assert told.json()["missing_after_sending"] == [
        "Record that the parent was told a referral has been made"
    ]
