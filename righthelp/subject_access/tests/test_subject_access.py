"""Gwen asks for the records held about her son Tom. Alice records the request; Bob, her
manager, reviews the record and produces it. What the family must never be told is not in
it; what is only about Gwen is not in it either."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from righthelp.audit.models import Action, AuditEvent
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_add, chronology_record
from righthelp.conftest import Cast
from righthelp.core.information_sharing import LawfulBasis
from righthelp.core.packs.schema import ReferralRoute
from righthelp.referrals.services import referral_start
from righthelp.screening.services import intelligence_create
from righthelp.sharing.services import share_record
from righthelp.subject_access.models import Requester, SubjectAccessRequest
from righthelp.subject_access.selectors import never_disclosed_items
from righthelp.subject_access.services import (
    subject_access_request_record,
    subject_access_withholding_decide,
)
from righthelp.testing.prepared import fetch_prepared

TODAY = timezone.localdate()


@pytest.fixture
def tom_request(cast: Cast) -> SubjectAccessRequest:
    """A family with something of every kind recorded, and Gwen's request for Tom's records."""
    family, tom, gwen, alice = cast.family, cast.child, cast.parent, cast.alice
    on = TODAY - dt.timedelta(days=10)
    chronology_add(
        family=family,
        by=alice,
        occurred_on=on,
        what_happened="Tom missed school all week",
        significance=Significance.MEDIUM,
        person=tom,
    )
    chronology_add(
        family=family,
        by=alice,
        occurred_on=on,
        what_happened="Home visit to the whole family",
        significance=Significance.LOW,
    )
    chronology_add(
        family=family,
        by=alice,
        occurred_on=on,
        what_happened="Gwen saw her GP about her back",
        significance=Significance.LOW,
        person=gwen,
    )
    referral_start(
        family=family,
        by=alice,
        route=ReferralRoute.PREVENT,
        person=tom,
        what_is_needed="Concern about extremist material",
    )
    chronology_record(
        family=family,
        by=alice,
        kind=EntryKind.REFERRAL,
        significance=Significance.HIGH,
        what_happened="Prevent referral started",
        occurred_on=on,
        never_disclosed=True,
    )
    referral_start(
        family=family,
        by=alice,
        route=ReferralRoute.EARLY_HELP,
        person=tom,
        what_is_needed="Support with school attendance",
    )
    intelligence_create(
        family=family, by=alice, texts={"what_happened": "A grey car waits outside the school"}
    )
    chronology_record(
        family=family,
        by=alice,
        kind=EntryKind.INTELLIGENCE,
        significance=Significance.HIGH,
        what_happened="Intelligence for the police recorded",
        occurred_on=on,
    )
    share_record(
        family=family,
        by=alice,
        what="Attendance record",
        shared_with="School nurse",
        shared_on=on,
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        with_consent=True,
        person=tom,
    )
    return subject_access_request_record(
        family=family,
        by=alice,
        person=tom,
        received_on=TODAY - dt.timedelta(days=2),
        requester=Requester.PARENT,
    )


def _url(name: str, request: SubjectAccessRequest) -> str:
    return reverse(f"subject_access:{name}", args=[request.family_id, request.pk])


def _decide_all(cast: Cast, request: SubjectAccessRequest, *, withhold: bool) -> None:
    for item in never_disclosed_items(request):
        subject_access_withholding_decide(
            request=request,
            by=cast.bob,
            kind=item.kind,
            record_id=item.record_id,
            withhold=withhold,
            reason="Prevent: disclosure would prejudice the prevention of crime.",
        )


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_alice_records_the_request_and_sees_when_it_is_due(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    url = reverse("subject_access:list", args=[cast.family.pk])
    received = dt.date(2026, 1, 31)
    response = client.post(
        url,
        {
            "person": cast.child.pk,
            "requester": "parent",
            "received_on_0": received.day,
            "received_on_1": received.month,
            "received_on_2": received.year,
        },
    )
    request = SubjectAccessRequest.objects.get()
    assert response.status_code == 302
    assert request.due_on == dt.date(2026, 2, 28)
    assert AuditEvent.objects.filter(
        actor=cast.alice, action=Action.CREATED, record_type="subject_access_request"
    ).exists()
    page = client.get(_url("detail", request)).content.decode()
    assert "28 February 2026" in page
    assert "A manager reviews this record" in page and "Download the record" not in page


def test_a_future_date_is_refused_and_what_was_chosen_stays(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    tomorrow = TODAY + dt.timedelta(days=1)
    response = client.post(
        reverse("subject_access:list", args=[cast.family.pk]),
        {
            "person": cast.child.pk,
            "requester": "the_person",
            "received_on_0": tomorrow.day,
            "received_on_1": tomorrow.month,
            "received_on_2": tomorrow.year,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert re.search(rf'value="{cast.child.pk}"[^>]*checked', page)
    assert re.search(r'value="the_person"[^>]*checked', page)
    assert not SubjectAccessRequest.objects.exists()


def test_the_record_holds_tom_s_and_the_family_s_records_and_nothing_withheld(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    client.force_login(cast.bob)
    _decide_all(cast, tom_request, withhold=True)
    response = fetch_prepared(client, _url("pdf", tom_request))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    text = " ".join(_pdf_text(response.content).split())
    assert "Records about Tom Ash" in text
    assert "Tom missed school all week" in text
    assert "Home visit to the whole family" in text
    assert "Support with school attendance" in text
    assert "School nurse" in text
    # Someone else's data, and what the family must never be told:
    assert "GP about her back" not in text
    for secret in ("Prevent", "extremist", "grey car", "Intelligence"):
        assert secret not in text, secret


def test_bob_is_told_what_was_left_out_and_it_is_audited_as_counts(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    client.force_login(cast.bob)
    page = client.get(_url("detail", tom_request)).content.decode()
    assert "1 intelligence submission for the police" in page
    assert "grey car" not in page
    _decide_all(cast, tom_request, withhold=True)
    page = client.get(_url("detail", tom_request)).content.decode()
    assert "1 request for service never disclosed to the family (Prevent), by your decision" in (
        page
    )

    client.get(_url("print", tom_request))
    exported = AuditEvent.objects.get(
        actor=cast.bob, action=Action.EXPORTED, record_type="subject_access_request"
    )
    assert exported.detail["format"] == "page"
    assert exported.detail["withheld"]["never_disclosed_referrals"] == 1
    # Tom's entry, the whole family's, and the product's own entry for the sharing.
    assert exported.detail["sections"]["Chronology"] == 3
    tom_request.refresh_from_db()
    assert tom_request.last_produced_by == cast.bob


def test_only_a_manager_produces_the_record(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    client.force_login(cast.alice)
    assert client.get(_url("print", tom_request)).status_code == 403
    assert client.post(_url("pdf", tom_request)).status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORTED).exists()


def test_charlie_is_refused_and_the_refusal_recorded(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    client.force_login(cast.charlie)
    for name in ("detail",):
        assert client.get(_url(name, tom_request)).status_code == 403
    assert client.get(reverse("subject_access:list", args=[cast.family.pk])).status_code == 403
    assert AuditEvent.objects.filter(actor=cast.charlie, action=Action.REFUSED).count() == 2


def test_a_person_of_another_family_cannot_be_named(cast: Cast) -> None:
    from django.core.exceptions import ValidationError

    from righthelp.testing.factories import add_person, make_family

    other = add_person(make_family(cast.alice, "Other household"), cast.alice, "Ann")
    with pytest.raises(ValidationError):
        subject_access_request_record(
            family=cast.family,
            by=cast.alice,
            person=other,
            received_on=TODAY,
            requester=Requester.THE_PERSON,
        )


def test_bob_sees_the_request_waiting_for_him_until_he_produces_it(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    client.force_login(cast.bob)
    home = client.get(reverse("families:home")).content.decode()
    assert "subject access request for Tom Ash's records" in home
    _decide_all(cast, tom_request, withhold=True)
    client.get(_url("print", tom_request))
    home = client.get(reverse("families:home")).content.decode()
    assert "subject access request for Tom Ash" not in home

    client.force_login(cast.alice)  # a practitioner does not produce it, so is not asked to
    tom_request.refresh_from_db()
    assert "subject access request" not in client.get(reverse("families:home")).content.decode()


# --- Prevent: shown to the manager, withheld or included by their decision --------------


def test_bob_is_shown_the_prevent_referral_and_must_decide_before_producing(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    """Seed 004: Prevent referrals "should not be disclosed to the child or young person or
    their family at the time of referral". A later request is the manager's decision."""
    client.force_login(cast.bob)
    page = unescape(client.get(_url("detail", tom_request)).content.decode())
    assert "Never disclosed to the family: your decision" in page
    assert "Concern about extremist material" in page  # shown to Bob, to decide on
    assert "Prevent referral started" in page  # and its chronology entry
    assert "2 still to decide." in page
    assert "Prepare the record (PDF)" not in page

    refused = client.post(_url("pdf", tom_request))
    assert refused.status_code == 302  # back to decide first
    assert not AuditEvent.objects.filter(action=Action.EXPORTED).exists()

    item = never_disclosed_items(tom_request)[0]
    no_reason = client.post(
        _url("detail", tom_request),
        {"item": item.key, f"{item.key}-decision": "withhold", f"{item.key}-reason": ""},
    )
    assert "Give the reason for your decision" in no_reason.content.decode()
    assert not tom_request.decisions.exists()

    client.post(
        _url("detail", tom_request),
        {
            "item": item.key,
            f"{item.key}-decision": "withhold",
            f"{item.key}-reason": "Schedule 2 crime exemption applies.",
        },
    )
    decision = tom_request.decisions.get()
    assert decision.withhold and decision.decided_by == cast.bob
    assert decision.reason == "Schedule 2 crime exemption applies."
    assert AuditEvent.objects.filter(
        actor=cast.bob, action=Action.CHANGED, detail__withhold=True
    ).exists()


def test_what_bob_decides_to_include_is_in_the_record(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    client.force_login(cast.bob)
    _decide_all(cast, tom_request, withhold=False)
    response = fetch_prepared(client, _url("pdf", tom_request))
    assert response.status_code == 200
    text = " ".join(_pdf_text(response.content).split())
    assert "Concern about extremist material" in text
    assert "grey car" not in text  # intelligence stays out, by construction
    exported = AuditEvent.objects.get(
        actor=cast.bob, action=Action.EXPORTED, record_type="subject_access_request"
    )
    assert exported.detail["included_after_decision"] == 2


def test_only_a_manager_decides_what_is_withheld(
    cast: Cast, tom_request: SubjectAccessRequest, client: Client
) -> None:
    from righthelp.subject_access.services import NotAManager

    item = never_disclosed_items(tom_request)[0]
    with pytest.raises(NotAManager):
        subject_access_withholding_decide(
            request=tom_request,
            by=cast.alice,
            kind=item.kind,
            record_id=item.record_id,
            withhold=False,
            reason="x",
        )
    client.force_login(cast.alice)
    response = client.post(
        _url("detail", tom_request),
        {"item": item.key, f"{item.key}-decision": "include", f"{item.key}-reason": "x"},
    )
    assert response.status_code == 403
    assert not tom_request.decisions.exists()
