"""A request for service goes to the front door and comes back: received with a reference,
acknowledged, a question asked and answered, a decision with its reason, seen by the sender
on the request and in the chronology. Every step audited; the wrong people refused."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action, AuditEvent
from righthelp.chronology.models import ChronologyEntry
from righthelp.conftest import Cast
from righthelp.core.packs.schema import ReferralRoute
from righthelp.core.worklist import response_due
from righthelp.frontdoor import services
from righthelp.frontdoor.models import Receipt
from righthelp.frontdoor.tests.helpers import front_door_worker, receipt_of, sent_request


@pytest.fixture
def fiona(cast: Cast) -> User:
    return front_door_worker()


def _html(response: object) -> str:
    return unescape(response.content.decode())  # type: ignore[attr-defined]


def test_a_sent_request_lands_in_the_queue_with_a_reference_and_a_due_date(
    cast: Cast, fiona: User
) -> None:
    referral = sent_request(cast)
    receipt = receipt_of(referral)
    assert receipt.reference == f"RFS-{receipt.pk:06d}"
    assert receipt.stage == "received"
    assert receipt.rule_id == "front-door-response"
    assert receipt.decision_due_on == response_due(timezone.localdate(receipt.received_at), 1)
    assert AuditEvent.objects.filter(
        record_type="front_door_request", record_id=str(receipt.pk), action=Action.CREATED
    ).exists()


def test_a_directory_or_early_help_request_does_not_go_to_the_front_door(cast: Cast) -> None:
    referral = sent_request(cast, ReferralRoute.EARLY_HELP)
    assert not Receipt.objects.filter(referral=referral).exists()


def test_the_whole_journey_through_the_pages(client: Client, cast: Cast, fiona: User) -> None:
    referral = sent_request(cast)
    receipt = receipt_of(referral)

    client.force_login(fiona)
    queue = _html(client.get(reverse("frontdoor:queue")))
    assert receipt.reference in queue and "Front door (1)" in queue
    assert "01782 235100" in queue  # the front door's phone, from the pack
    page = _html(client.get(reverse("frontdoor:detail", args=[receipt.pk])))
    assert "The parent or carer agreed to the referral" in page
    assert "No threshold assessment has been completed" in page
    url = reverse("frontdoor:detail", args=[receipt.pk])
    client.post(url, {"step": "acknowledge"})
    missing = _html(client.post(url, {"step": "ask", "question": " "}))
    assert "Write the question for the sender" in missing
    client.post(url, {"step": "ask", "question": "Has the school spoken to the parents?"})
    receipt.refresh_from_db()
    assert receipt.stage == "information_requested"
    assert "Front door (0)" in _html(client.get(reverse("frontdoor:queue")))

    client.force_login(cast.alice)
    request_page = reverse("referrals:detail", args=[cast.family.pk, referral.pk])
    mine = _html(client.get(request_page))
    assert receipt.reference in mine and "Has the school spoken to the parents?" in mine
    answer = reverse("frontdoor:answer", args=[cast.family.pk, receipt.pk])
    empty = _html(client.post(answer, {"answer": ""}))
    assert "Write your answer to the front door's question" in empty
    client.post(answer, {"answer": "Not yet: the school asked us to refer first."})

    client.force_login(fiona)
    refused = _html(client.post(url, {"step": "decide", "decision": "", "reason": ""}))
    assert "Choose one of the partnership's decisions" in refused
    assert "Give the reason for the decision" in refused
    lead_for_section_47 = _html(
        client.post(
            url,
            {
                "step": "decide",
                "decision": "section-47-enquiries",
                "reason": "Disclosure of harm.",
                "lead_practitioner": cast.alice.pk,
            },
        )
    )
    assert "A lead practitioner is named only when services are to be provided" in (
        lead_for_section_47
    )
    client.post(
        url,
        {
            "step": "decide",
            "decision": "services-required",
            "reason": "Needs are met by early help with the school.",
            "lead_practitioner": cast.alice.pk,
        },
    )
    receipt.refresh_from_db()
    assert (receipt.stage, receipt.decision, receipt.lead_practitioner) == (
        "decided",
        "services-required",
        cast.alice,
    )

    client.force_login(cast.alice)
    mine = _html(client.get(request_page))
    assert "Services are required by the child and family" in mine
    assert "Needs are met by early help with the school." in mine
    chronology = _html(client.get(reverse("chronology:list", args=[cast.family.pk])))
    assert "acknowledged by the front door" in chronology
    assert f"The front door decided on request {receipt.reference}" in chronology
    steps = list(
        AuditEvent.objects.filter(record_type="front_door_request", action=Action.CHANGED)
        .order_by("at")
        .values_list("detail__step", flat=True)
    )
    assert steps == ["acknowledge", "ask", "answer", "decide"]


def test_only_the_front_door_sees_the_queue(client: Client, cast: Cast, fiona: User) -> None:
    receipt = receipt_of(sent_request(cast))
    for someone in (cast.alice, cast.bob, cast.dana):
        client.force_login(someone)
        assert client.get(reverse("frontdoor:queue")).status_code == 403
        assert client.get(reverse("frontdoor:detail", args=[receipt.pk])).status_code == 403
    assert (
        AuditEvent.objects.filter(action=Action.REFUSED, record_type="front_door_request").count()
        == 6
    )


def test_another_partnerships_front_door_cannot_open_the_request(
    client: Client, cast: Cast, fiona: User
) -> None:
    from righthelp.partnerships.models import Team
    from righthelp.testing.factories import make_user, team

    elsewhere = team("Front door", slug="elsewhere")
    Team.objects.filter(pk=elsewhere.pk).update(front_door=True)
    other = make_user("ola", team_=Team.objects.get(pk=elsewhere.pk))
    receipt = receipt_of(sent_request(cast))
    client.force_login(other)
    assert client.get(reverse("frontdoor:detail", args=[receipt.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.request_acknowledge(receipt=receipt, by=other)


def test_someone_without_the_family_cannot_answer(client: Client, cast: Cast, fiona: User) -> None:
    receipt = receipt_of(sent_request(cast))
    services.request_ask(receipt=receipt, by=fiona, question="Who else lives there?")
    client.force_login(cast.charlie)
    response = client.post(
        reverse("frontdoor:answer", args=[cast.family.pk, receipt.pk]), {"answer": "Me"}
    )
    assert response.status_code == 403
    receipt.refresh_from_db()
    assert receipt.stage == "information_requested"


def test_a_prevent_referral_keeps_its_non_disclosure_at_the_front_door(
    cast: Cast, fiona: User
) -> None:
    """Prevent does not go to this front door under Stoke-on-Trent's rule; a referral the
    rule covers carries its non-disclosure into every chronology entry the front door makes."""
    referral = sent_request(cast)
    type(referral).objects.filter(pk=referral.pk).update(never_disclosed=True)
    receipt = receipt_of(referral)
    receipt.referral.refresh_from_db()
    services.request_acknowledge(receipt=receipt, by=fiona)
    entry = ChronologyEntry.objects.filter(what_happened__contains="acknowledged").get()
    assert entry.never_disclosed
