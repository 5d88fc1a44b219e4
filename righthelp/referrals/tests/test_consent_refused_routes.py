"""After a parent refuses: approval from "a manager or the Designated Senior Person or
Named Professional", recorded by role and name with the outcome of the consultation, or,
where seeking it "would cause undue delay", sent without it and the approver told
afterwards. Where consent was not sought, only the referrer's manager may approve.

Source (seed 004, Consent and confidentiality): "Where the parent is consulted and refuses
to give permission for the referral, further advice and approval must be sought from a
manager or the Designated Senior Person or Named Professional, unless to do so would cause
undue delay. The outcome of the consultation and any further advice should be fully
recorded."
"""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.conftest import Cast
from righthelp.core.packs.schema import Approver, ConsentRoute, ReferralRoute
from righthelp.referrals import services
from righthelp.referrals.models import Referral, ReferralStatus


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def _post(client: Client, cast: Cast, referral: Referral, data: dict[str, object]) -> str:
    response = client.post(reverse("referrals:detail", args=[cast.family.pk, referral.pk]), data)
    if response.status_code == 302:
        response = client.get(response["Location"])
    return unescape(response.content.decode())


def _refused(cast: Cast, **extra: str) -> Referral:
    referral = services.referral_start(
        family=cast.family,
        by=cast.alice,
        route=ReferralRoute.CHILDRENS_SOCIAL_CARE,
        what_is_needed="Tom disclosed harm at home.",
        person=cast.child,
    )
    return services.referral_record_consent(
        referral=referral,
        by=cast.alice,
        expected_version=referral.version,
        consent_route=ConsentRoute.REFUSED,
        reason_for_proceeding="Tom's safety cannot wait.",
        social_care_told_on=timezone.localdate(),
        **extra,  # type: ignore[arg-type]
    )


def test_the_designated_senior_person_may_approve_recorded_by_role_and_name(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    referral = _refused(cast)
    html = _post(client, cast, referral, {"form": "send"})
    assert "The request cannot be sent yet" in html
    assert "Record an approval given by a manager, the Designated Senior Person or the" in html

    html = _post(
        client,
        cast,
        referral,
        {
            "form": "approval",
            "version": referral.version,
            "approver_role": "designated_senior_person",
            "approver_name": "Priya Shah",
            "consultation_outcome": "Agreed: refer today, tell the parent after.",
        },
    )
    assert "Approval recorded." in html
    assert "Priya Shah (Designated Senior Person)" in html
    assert "(recorded by Alice Ash)" in html

    html = _post(client, cast, referral, {"form": "send"})
    assert "Request for service sent." in html
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert referral.approver_role == "designated_senior_person"
    assert referral.approved_by is None and referral.approval_recorded_by == cast.alice
    entry = ChronologyEntry.objects.get(kind=EntryKind.REFERRAL)
    assert "Approved by Priya Shah (Designated Senior Person)." in entry.what_happened


def test_an_approval_needs_a_name_and_the_consultation_outcome(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    referral = _refused(cast)
    html = _post(
        client,
        cast,
        referral,
        {"form": "approval", "version": referral.version, "approver_role": "named_professional"},
    )
    assert "Enter the name of the person who approved it" in html
    assert "Enter the outcome of the consultation and any further advice" in html
    referral.refresh_from_db()
    assert referral.approved_at is None


def test_undue_delay_sends_without_approval_then_the_approver_is_told(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    referral = _refused(cast, undue_delay_reason="Tom goes home at 3pm; no approver reachable.")
    html = _post(client, cast, referral, {"form": "send"})
    assert "Request for service sent." in html
    assert "Record who was told afterwards that it was sent without approval" in html
    assert "Record the outcome of the consultation and any further advice" in html
    # The source says only that approval may be skipped; what is asked afterwards is the
    # partnership's reading, and the page says so.
    assert "The partnership's reading, not the source's words: the source says only" in html
    entry = ChronologyEntry.objects.get(kind=EntryKind.REFERRAL)
    assert "Sent without approval first, because seeking it would have caused undue delay" in (
        entry.what_happened
    )
    referral.refresh_from_db()
    assert services.consent_check(referral).undue_delay

    html = _post(
        client,
        cast,
        referral,
        {
            "form": "approver_told",
            "approver_role": "manager",
            "approver_name": "Bob Birch",
            **_date("approver_told_on", timezone.localdate()),
            "consultation_outcome": "Bob agreed it was right to refer.",
        },
    )
    assert "Recorded who was told afterwards." in html
    referral.refresh_from_db()
    check = services.consent_check(referral)
    assert "approver_told_afterwards" not in check.missing_after_sending
    assert "consultation_outcome" not in check.missing_after_sending
    assert ChronologyEntry.objects.filter(
        what_happened__startswith="Bob Birch (Manager) told that the request"
    ).exists()


def test_without_undue_delay_the_approver_told_step_is_refused(cast: Cast) -> None:
    referral = _refused(cast, consultation_outcome="Refer.")
    services.referral_record_approval(
        referral=referral,
        by=cast.alice,
        expected_version=referral.version,
        approver_role=Approver.NAMED_PROFESSIONAL,
        approver_name="Dr Lee",
        consultation_outcome="Refer.",
    )
    services.referral_send(referral=referral, by=cast.alice)
    with pytest.raises(ValidationError):
        services.referral_record_approver_told(
            referral=referral,
            by=cast.alice,
            on=timezone.localdate(),
            approver_role=Approver.MANAGER,
            approver_name="Bob",
            consultation_outcome="x",
        )


def test_where_consent_was_not_sought_only_the_manager_may_approve(cast: Cast) -> None:
    """ "A decision by any professional not to seek parental permission ... must be
    approved by their manager": no one else's approval may be recorded."""
    referral = services.referral_start(
        family=cast.family,
        by=cast.alice,
        route=ReferralRoute.CHILDRENS_SOCIAL_CARE,
        what_is_needed="Concern.",
    )
    referral = services.referral_record_consent(
        referral=referral,
        by=cast.alice,
        expected_version=referral.version,
        consent_route=ConsentRoute.NOT_SOUGHT,
        reason_not_sought="Asking would put Tom at risk.",
        undue_delay_reason="ignored on this route",
    )
    with pytest.raises(ValidationError):
        services.referral_record_approval(
            referral=referral,
            by=cast.alice,
            expected_version=referral.version,
            approver_role=Approver.DESIGNATED_SENIOR_PERSON,
            approver_name="Priya Shah",
            consultation_outcome="Refer.",
        )
    with pytest.raises(services.ReferralNotSent) as refused:
        services.referral_send(referral=referral, by=cast.alice)
    assert refused.value.missing == ["Get a manager's approval"]
    services.referral_approve(referral=referral, by=cast.bob)
    services.referral_send(referral=referral, by=cast.alice)
    referral.refresh_from_db()
    assert referral.approver_name == cast.bob.display_name
    assert referral.approver_role == "manager"


def test_a_manager_of_another_team_cannot_approve_after_refusal(cast: Cast) -> None:
    referral = _refused(cast)
    assert not services.may_approve(referral, cast.charlie)


def test_the_approver_sees_what_is_recorded_of_the_consultation_before_approving(
    client: Client, cast: Cast
) -> None:
    # "The outcome of the consultation and any further advice should be fully recorded":
    # Bob, approving, is shown it, or told it is not recorded yet.
    bare = _refused(cast)
    client.force_login(cast.bob)
    url = reverse("referrals:approve", args=[cast.family.pk, bare.pk])
    page = unescape(client.get(url).content.decode())
    assert "Outcome of the consultation and further advice" in page
    assert "Not recorded yet" in page
    assert "It must be fully recorded before the request is sent." in page

    advised = _refused(
        cast, consultation_outcome="Discussed with the DSP: refer today, tell mum after."
    )
    page = unescape(
        client.get(reverse("referrals:approve", args=[cast.family.pk, advised.pk])).content.decode()
    )
    assert "Discussed with the DSP: refer today, tell mum after." in page
    assert "Not recorded yet" not in page
    assert "Social care told permission was withheld" in page


def test_no_consultation_row_where_the_route_does_not_ask_for_one(
    client: Client, cast: Cast
) -> None:
    referral = services.referral_start(
        family=cast.family,
        by=cast.alice,
        route=ReferralRoute.CHILDRENS_SOCIAL_CARE,
        what_is_needed="Tom disclosed harm at home.",
        person=cast.child,
    )
    services.referral_record_consent(
        referral=referral,
        by=cast.alice,
        expected_version=referral.version,
        consent_route=ConsentRoute.NOT_SOUGHT,
        reason_not_sought="Asking would put Tom at risk.",
    )
    client.force_login(cast.bob)
    page = unescape(
        client.get(
            reverse("referrals:approve", args=[cast.family.pk, referral.pk])
        ).content.decode()
    )
    assert "Why consent was not sought" in page
    assert "Outcome of the consultation" not in page


def test_the_chronology_names_the_service_a_request_was_sent_to(cast: Cast) -> None:
    referral = services.referral_start(
        family=cast.family,
        by=cast.alice,
        route=ReferralRoute.DIRECTORY_SERVICE,
        service="stoke-on-trent/family-hubs",
        what_is_needed="Parenting group.",
        person=cast.child,
    )
    services.referral_send(referral=referral, by=cast.alice)
    entry = ChronologyEntry.objects.get(family=cast.family, kind=EntryKind.REFERRAL)
    assert entry.what_happened == "Request for service sent: Family Hubs."
