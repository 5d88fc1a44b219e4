"""Your work and the front door through the API: a request sent, decided by the front door,
and seen by its sender in their worklist; the wrong people refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.api.tests.test_api import Caller
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.frontdoor.tests.helpers import front_door_worker
from righthelp.testing.pending import decided_at_risk_support


@pytest.fixture
def fiona(cast: Cast) -> User:
    return front_door_worker()


def test_a_request_through_the_api_from_sender_to_front_door_and_back(
    client: Client, cast: Cast, fiona: User
) -> None:
    alice = Caller(client, cast.alice)
    door = Caller(client, fiona)
    family = f"/families/{cast.family.pk}/referrals"
    made = alice.post(
        family,
        {
            "route": "childrens_social_care",
            "person": str(cast.child.pk),
            "what_is_needed": "Tom says he is frightened to go home.",
        },
    ).json()
    consent = alice.post(
        f"{family}/{made['id']}/consent",
        {
            "version": made["version"],
            "consent_route": "consent_given",
            "consent_confirmed_on": timezone.localdate().isoformat(),
        },
    )
    assert consent.status_code == 200, consent.json()
    assert alice.post(f"{family}/{made['id']}/send", {}).status_code == 200

    [waiting] = door.get("/front-door/requests").json()
    assert waiting["reference"].startswith("RFS-") and waiting["stage"] == "received"
    assert waiting["consent_route"] == "consent_given"
    assert door.get("/worklist").json()[0]["kind"] == "front_door_request"

    base = f"/front-door/requests/{waiting['id']}"
    assert door.post(f"{base}/acknowledge", {}).json()["stage"] == "acknowledged"
    assert door.post(f"{base}/acknowledge", {}).status_code == 422  # only once
    assert door.post(f"{base}/questions", {"question": " "}).status_code == 422
    asked = door.post(f"{base}/questions", {"question": "Has the school met the parents?"})
    assert asked.json()["stage"] == "information_requested"
    assert alice.get("/worklist").json()[0]["kind"] == "front_door_question"
    answer = f"/families/{cast.family.pk}/front-door/{waiting['id']}/answer"
    assert Caller(client, cast.charlie).post(answer, {"answer": "x"}).status_code == 403
    answered = alice.post(answer, {"answer": "Yes, on Monday."})
    assert answered.status_code == 200, answered.json()
    assert answered.json()["questions"][0]["answer"] == "Yes, on Monday."

    url = f"{base}/decision"
    refused = door.post(url, {"decision": "made-up", "reason": ""})
    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"decision", "reason"}
    decided = door.post(
        url,
        {
            "decision": "services-required",
            "reason": "Early help with the school.",
            "lead_practitioner": "alice",
        },
    )
    assert decided.status_code == 200, decided.json()
    assert decided.json()["lead_practitioner"] == "Alice Ash"
    again = door.post(url, {"decision": "services-required", "reason": "Twice."})
    assert again.status_code == 422  # already decided

    [item] = alice.get("/worklist").json()
    assert item["kind"] == "front_door_decision"
    assert item["family_id"] == str(cast.family.pk)
    assert {"due", "overdue", "waiting_days"} <= set(item)


def test_the_managers_worklist_through_the_api(client: Client, cast: Cast) -> None:
    decided_at_risk_support(cast.family, cast.alice, cast.child, days_ago=3)
    [item] = Caller(client, cast.bob).get("/worklist").json()
    assert (item["kind"], item["waiting_days"], item["level"], item["overdue"]) == (
        "sign_off",
        3,
        5,
        False,
    )
    assert item["due"] is None


def test_only_the_front_door_uses_its_queue(client: Client, cast: Cast, fiona: User) -> None:
    alice = Caller(client, cast.alice)
    assert alice.get("/front-door/requests").status_code == 403
    assert (
        alice.post("/front-door/requests/1/decision", {"decision": "x", "reason": "y"}).status_code
        == 403
    )
    assert (
        Caller(client, fiona)
        .post("/front-door/requests/999999/decision", {"decision": "x", "reason": "y"})
        .status_code
        == 404
    )
    assert AuditEvent.objects.filter(
        action=Action.REFUSED, record_type="front_door_request"
    ).exists()
    assert Caller(client, cast.dana).get("/worklist").status_code == 403


def test_due_dates_come_back_as_dates(client: Client, cast: Cast) -> None:
    from righthelp.plans import services as plans

    plan = plans.plan_start(family=cast.family, by=cast.alice)
    plans.plan_action_add(
        plan=plan,
        by=cast.alice,
        what="Visit",
        due_on=timezone.localdate() - dt.timedelta(days=1),
        owner_name="Alice",
    )
    [item] = Caller(client, cast.alice).get("/worklist").json()
    assert item["overdue"] is True and item["waiting_days"] == 1
    assert dt.date.fromisoformat(item["due"]) < timezone.localdate()
