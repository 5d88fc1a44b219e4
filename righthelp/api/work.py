"""Your work and the front door through the API: the same selectors, access rules, forms
and services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from righthelp.api.auth import caller
from righthelp.api.form_input import InvalidInput, as_form_data, checked
from righthelp.api.schemas import FieldProblems, Input, Problem
from righthelp.core.worklist import Kind
from righthelp.frontdoor import selectors as front_door
from righthelp.frontdoor import services
from righthelp.frontdoor.access import (
    receipt_at_front_door,
    receipt_for_sender,
    require_front_door,
)
from righthelp.frontdoor.forms import AnswerForm, DecisionForm, QuestionForm
from righthelp.frontdoor.models import Receipt
from righthelp.worklist.selectors import counts_for, worklist_for
from righthelp.worklist.views import may_have_work

router = Router(tags=["Your work and the front door"])

REFUSED = {403: Problem, 404: Problem}


class WorkItemOut(Schema):
    kind: str = Field(description="What kind of work: " + ", ".join(kind.value for kind in Kind))
    title: str
    what: str
    family_id: UUID | None
    family_name: str
    due: dt.date | None
    overdue: bool
    waiting_days: int
    level: int | None
    url: str = Field(description="The page where the work is done")


@router.get(
    "/worklist",
    response={200: list[WorkItemOut], 403: Problem},
    summary="What is waiting for you, overdue first",
)
def worklist(request: HttpRequest) -> list[dict[str, Any]]:
    user = caller(request)
    if not may_have_work(user):
        raise PermissionDenied("Your work lists casework and the front door's requests.")
    # Counting every kind in one query first lets the list read only the kinds with items
    # (most people have a few of a dozen), as the page does (ADR 0051).
    day = timezone.localdate()
    counts = counts_for(user, day)
    return [
        {
            "kind": item.kind.value,
            "title": item.title,
            "what": item.what,
            "family_id": item.family_id,
            "family_name": item.family_name,
            "due": item.due,
            "overdue": item.overdue,
            "waiting_days": item.waiting_days,
            "level": item.level,
            "url": item.url,
        }
        for item in worklist_for(user, day, counts=counts)
    ]


class QuestionOut(Schema):
    question: str
    asked_at: dt.datetime
    answer: str
    answered_at: dt.datetime | None


class FrontDoorRequestOut(Schema):
    id: int
    reference: str
    family_id: UUID
    received_at: dt.datetime
    decision_due_on: dt.date
    overdue: bool
    waiting_days: int
    stage: str
    route: str
    consent_route: str
    never_disclosed: bool
    decision: str
    decision_title: str
    decision_reason: str
    lead_practitioner: str | None
    questions: list[QuestionOut]


def _request(receipt: Receipt, questions: bool = False) -> dict[str, Any]:
    days, overdue = front_door.ageing(receipt)
    referral = receipt.referral
    return {
        "id": receipt.pk,
        "reference": receipt.reference,
        "family_id": referral.family_id,
        "received_at": receipt.received_at,
        "decision_due_on": receipt.decision_due_on,
        "overdue": overdue,
        "waiting_days": days,
        "stage": receipt.stage,
        "route": referral.route,
        "consent_route": referral.consent_route,
        "never_disclosed": referral.never_disclosed,
        "decision": receipt.decision,
        "decision_title": receipt.decision_title,
        "decision_reason": receipt.decision_reason,
        "lead_practitioner": (
            receipt.lead_practitioner.display_name if receipt.lead_practitioner else None
        ),
        "questions": [
            {
                "question": q.question,
                "asked_at": q.asked_at,
                "answer": q.answer,
                "answered_at": q.answered_at,
            }
            for q in receipt.questions.all()
        ]
        if questions
        else [],
    }


class QueueFilter(Schema):
    show: Literal["open", "to-do", "with-sender", "decided"] = "open"
    sort: Literal["oldest", "newest", "due"] = "oldest"


@router.get(
    "/front-door/requests",
    response={200: list[FrontDoorRequestOut], 403: Problem},
    summary="The front door's requests for service (front door team only)",
)
def front_door_requests(request: HttpRequest, filters: Query[QueueFilter]) -> list[dict[str, Any]]:
    user = caller(request)
    require_front_door(user)
    return [
        _request(receipt)
        for receipt in front_door.queue_for(
            user, show=filters.show, sort=filters.sort
        ).select_related("lead_practitioner")
    ]


@router.post(
    "/front-door/requests/{request_id}/acknowledge",
    response={200: FrontDoorRequestOut, **REFUSED, 422: FieldProblems},
    summary="Acknowledge a request to its sender",
)
def front_door_acknowledge(request: HttpRequest, request_id: int) -> dict[str, Any]:
    user = caller(request)
    receipt = receipt_at_front_door(user, request_id, looking_at="front_door_request")
    try:
        services.request_acknowledge(receipt=receipt, by=user)
    except DjangoValidationError as error:
        raise InvalidInput({"__all__": error.messages}) from None
    receipt.refresh_from_db()
    return _request(receipt, questions=True)


class QuestionIn(Input):
    question: str


@router.post(
    "/front-door/requests/{request_id}/questions",
    response={200: FrontDoorRequestOut, **REFUSED, 422: FieldProblems},
    summary="Ask the sender for more information; the request goes back to them",
)
def front_door_ask(request: HttpRequest, request_id: int, body: QuestionIn) -> dict[str, Any]:
    user = caller(request)
    receipt = receipt_at_front_door(user, request_id, looking_at="front_door_request")
    form = QuestionForm(as_form_data(body.model_dump()))
    checked(form)
    try:
        services.request_ask(receipt=receipt, by=user, question=form.cleaned_data["question"])
    except DjangoValidationError as error:
        raise InvalidInput({"__all__": error.messages}) from None
    receipt.refresh_from_db()
    return _request(receipt, questions=True)


class AnswerIn(Input):
    answer: str


@router.post(
    "/families/{family_id}/front-door/{request_id}/answer",
    response={200: FrontDoorRequestOut, **REFUSED, 422: FieldProblems},
    summary="The sender's answer to the front door's question",
)
def front_door_answer(
    request: HttpRequest, family_id: UUID, request_id: int, body: AnswerIn
) -> dict[str, Any]:
    user = caller(request)
    receipt = receipt_for_sender(user, family_id, request_id)
    form = AnswerForm(as_form_data(body.model_dump()))
    checked(form)
    try:
        services.request_answer(receipt=receipt, by=user, answer=form.cleaned_data["answer"])
    except DjangoValidationError as error:
        raise InvalidInput({"__all__": error.messages}) from None
    receipt.refresh_from_db()
    return _request(receipt, questions=True)


class DecisionIn(Input):
    decision: str = Field(description="One of the partnership's decision ids")
    reason: str
    lead_practitioner: str | None = Field(
        None, description="Username of the lead practitioner, for a decision for services"
    )


@router.post(
    "/front-door/requests/{request_id}/decision",
    response={200: FrontDoorRequestOut, **REFUSED, 409: Problem, 422: FieldProblems},
    summary="Record the front door's decision on a request, with its reason",
)
def front_door_decide(request: HttpRequest, request_id: int, body: DecisionIn) -> dict[str, Any]:
    user = caller(request)
    receipt = receipt_at_front_door(user, request_id, looking_at="front_door_request")
    rule = services.response_rule(receipt.partnership, receipt.referral.route)
    payload = body.model_dump()
    lead = payload.pop("lead_practitioner")
    form = DecisionForm(partnership=receipt.partnership, rule=rule, data={})
    lead_pk: Any = ""
    if lead:
        found = form.fields["lead_practitioner"].queryset.filter(username=lead).first()  # type: ignore[attr-defined]
        if found is None:
            raise InvalidInput(
                {"lead_practitioner": ["Choose a lead practitioner from this partnership"]}
            )
        lead_pk = found.pk
    form = DecisionForm(
        as_form_data(payload | {"lead_practitioner": lead_pk}),
        rule=rule,
        partnership=receipt.partnership,
    )
    checked(form)
    try:
        services.request_decide(receipt=receipt, by=user, **form.decision_details())
    except services.DecisionRefused as refused:
        raise InvalidInput(refused.problems) from None
    except DjangoValidationError as error:
        raise InvalidInput({"__all__": error.messages}) from None
    receipt.refresh_from_db()
    return _request(receipt, questions=True)
