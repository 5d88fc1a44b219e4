"""Requests for service through the API, under the same consent rules as the pages: the
rules core says what each referral still needs, and a send that lacks it is refused with
the list (409), exactly as the page refuses it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from righthelp.accounts.models import User
from righthelp.api.auth import caller
from righthelp.api.form_input import InvalidInput, as_form_data, checked
from righthelp.api.schemas import FieldProblems, Input, Problem, ReferralOut
from righthelp.core.referral_rules import APPROVER_ROLE_NAMES
from righthelp.families.access import family_and_record, family_for
from righthelp.families.models import Family
from righthelp.partnerships.selectors import pack_set_for
from righthelp.referrals import services
from righthelp.referrals.forms import (
    ApprovalForm,
    ApproverToldForm,
    ConsentForm,
    ParentToldForm,
    ReferralForm,
)
from righthelp.referrals.models import Referral

router = Router(tags=["Requests for service"])

REFUSED = {403: Problem, 404: Problem}


class ReferralDetailOut(ReferralOut):
    what_is_needed: str
    version: int = Field(description="Send it back when recording consent")
    may_send: bool
    missing_before_sending: list[str] = Field(description="What must be recorded first")
    missing_after_sending: list[str] = Field(description="What must be recorded once sent")
    approval_needed: bool
    approvers: list[str] = Field(
        description="Who may approve on this consent route, by role (any one of them)"
    )
    undue_delay_allowed: bool = Field(
        description="The route may go without approval where seeking it would cause undue delay"
    )
    undue_delay: bool = Field(description="It is going (or went) on the undue-delay route")
    approved_by: str = Field(description="Who approved (or was told afterwards): name (role)")
    consultation_outcome: str


class NotSent(Schema):
    detail: str
    missing: list[str]


class ReferralIn(Input):
    route: Literal["early_help", "childrens_social_care", "prevent", "directory_service"]
    service: str = Field("", description="pack-id/service-id, for a directory service")
    person: UUID | None = None
    what_is_needed: str = Field(min_length=1)


class ConsentIn(Input):
    version: int
    consent_route: Literal["consent_given", "consent_not_sought", "consent_refused"]
    consent_confirmed_on: dt.date | None = None
    reason_not_sought: str = ""
    reason_for_proceeding: str = ""
    social_care_told_on: dt.date | None = None
    consultation_outcome: str = Field("", description="Refused route: the consultation's outcome")
    undue_delay_reason: str = Field(
        "", description="Refused route: why seeking approval first would cause undue delay"
    )


Role = Literal["manager", "designated_senior_person", "named_professional"]


class ApprovalIn(Input):
    version: int
    approver_role: Role
    approver_name: str = Field(min_length=1)
    consultation_outcome: str = Field(min_length=1)


class ApproverToldIn(Input):
    approver_role: Role
    approver_name: str = Field(min_length=1)
    approver_told_on: dt.date
    consultation_outcome: str = Field(min_length=1)


class ParentToldIn(Input):
    version: int = Field(description="The referral's version you read; 409 if it moved on")
    parent_told_on: dt.date


def _summary(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "route": referral.route,
        "service": referral.service,
        "status": referral.status,
        "consent_route": referral.consent_route,
        "person": referral.person_id,
        "created_at": referral.created_at,
        "sent_at": referral.sent_at,
        "never_disclosed": referral.never_disclosed,
    }


def _detail(referral: Referral) -> dict[str, Any]:
    check = services.consent_check(referral)
    return {
        **_summary(referral),
        "what_is_needed": referral.what_is_needed,
        "version": referral.version,
        "may_send": check.may_send,
        "missing_before_sending": check.labels_before_sending(),
        "missing_after_sending": check.labels_after_sending(),
        "approval_needed": check.needs_approval,
        "approvers": [APPROVER_ROLE_NAMES[a] for a in check.approvers],
        "undue_delay_allowed": check.undue_delay_allowed,
        "undue_delay": check.undue_delay,
        "approved_by": services.approval_credit(referral) if referral.approver_role else "",
        "consultation_outcome": referral.consultation_outcome,
    }


def _referral(user: User, family_id: UUID, referral_id: UUID) -> Referral:
    _, referral = family_and_record(
        user,
        family_id,
        Referral.objects.select_related("family__partnership", "created_by__team"),
        referral_id,
        looking_at="referral",
    )
    return referral


def _refused(error: ValidationError) -> InvalidInput:
    return InvalidInput({"__all__": error.messages})


@router.get(
    "/families/{family_id}/referrals",
    response={200: list[ReferralOut], **REFUSED},
    summary="A family's requests for service",
    description="A Prevent referral is marked `never_disclosed`: it must not reach anything "
    "produced for the family.",
)
def referral_list(request: HttpRequest, family_id: UUID) -> list[dict[str, Any]]:
    family = family_for(caller(request), family_id, looking_at="referrals")
    return [_summary(r) for r in Referral.objects.filter(family=family).order_by("-created_at")]


@router.post(
    "/families/{family_id}/referrals",
    response={201: ReferralDetailOut, **REFUSED, 422: FieldProblems},
    summary="Start a request for service; it says what it needs before it can be sent",
)
def referral_create(
    request: HttpRequest, family_id: UUID, body: ReferralIn
) -> Status[dict[str, Any]]:
    user = caller(request)
    family: Family = family_for(user, family_id, looking_at="referrals")
    form = ReferralForm(
        as_form_data(body.model_dump()), packs=pack_set_for(family.partnership), family=family
    )
    checked(form)
    try:
        referral = services.referral_start(family=family, by=user, **form.referral_details())
    except ValidationError as error:
        raise _refused(error) from None
    return Status(201, _detail(referral))


@router.get(
    "/families/{family_id}/referrals/{referral_id}",
    response={200: ReferralDetailOut, **REFUSED},
    summary="A request for service and what its route still needs",
)
def referral_detail(request: HttpRequest, family_id: UUID, referral_id: UUID) -> dict[str, Any]:
    return _detail(_referral(caller(request), family_id, referral_id))


@router.post(
    "/families/{family_id}/referrals/{referral_id}/consent",
    response={200: ReferralDetailOut, **REFUSED, 409: Problem, 422: FieldProblems},
    summary="Record whether the parent or carer agreed, and what that route needs",
)
def referral_consent(
    request: HttpRequest, family_id: UUID, referral_id: UUID, body: ConsentIn
) -> dict[str, Any]:
    user = caller(request)
    referral = _referral(user, family_id, referral_id)
    form = ConsentForm(
        as_form_data(body.model_dump(), date_fields=("consent_confirmed_on", "social_care_told_on"))
    )
    checked(form)
    try:
        services.referral_record_consent(referral=referral, by=user, **form.consent_details())
    except ValidationError as error:
        raise _refused(error) from None
    return _detail(referral)


@router.post(
    "/families/{family_id}/referrals/{referral_id}/request-approval",
    response={200: ReferralDetailOut, **REFUSED, 422: FieldProblems},
    summary="Ask a manager of your team to approve going ahead",
)
def referral_request_approval(
    request: HttpRequest, family_id: UUID, referral_id: UUID
) -> dict[str, Any]:
    user = caller(request)
    referral = _referral(user, family_id, referral_id)
    try:
        services.referral_request_approval(referral=referral, by=user)
    except ValidationError as error:
        raise _refused(error) from None
    return _detail(referral)


@router.post(
    "/families/{family_id}/referrals/{referral_id}/approve",
    response={200: ReferralDetailOut, **REFUSED, 422: FieldProblems},
    summary="As a manager of the referrer's team, approve going ahead",
)
def referral_approve(request: HttpRequest, family_id: UUID, referral_id: UUID) -> dict[str, Any]:
    user = caller(request)
    referral = _referral(user, family_id, referral_id)
    if not services.may_approve(referral, user):
        raise PermissionDenied("Only a manager of the referrer's team can approve this.")
    try:
        services.referral_approve(referral=referral, by=user)
    except ValidationError as error:
        raise _refused(error) from None
    referral.refresh_from_db()
    return _detail(referral)


@router.post(
    "/families/{family_id}/referrals/{referral_id}/approval",
    response={200: ReferralDetailOut, **REFUSED, 422: FieldProblems},
    summary="Record an approval given by one of the route's approvers, with the consultation",
    description='After a refusal the source lets approval come from "a manager or the '
    'Designated Senior Person or Named Professional"; it is recorded by role and name.',
)
def referral_record_approval(
    request: HttpRequest, family_id: UUID, referral_id: UUID, body: ApprovalIn
) -> dict[str, Any]:
    user = caller(request)
    referral = _referral(user, family_id, referral_id)
    form = ApprovalForm(
        as_form_data(body.model_dump()), approvers=services.consent_check(referral).approvers
    )
    checked(form)
    try:
        services.referral_record_approval(referral=referral, by=user, **form.approval_details())
    except ValidationError as error:
        raise _refused(error) from None
    return _detail(referral)


@router.post(
    "/families/{family_id}/referrals/{referral_id}/approver-told",
    response={200: ReferralDetailOut, **REFUSED, 422: FieldProblems},
    summary="Sent without approval for undue delay: record who was told afterwards, and when",
)
def referral_approver_told(
    request: HttpRequest, family_id: UUID, referral_id: UUID, body: ApproverToldIn
) -> dict[str, Any]:
    user = caller(request)
    referral = _referral(user, family_id, referral_id)
    form = ApproverToldForm(
        as_form_data(body.model_dump(), date_fields=("approver_told_on",)),
        approvers=services.consent_check(referral).approvers,
    )
    checked(form)
    try:
        services.referral_record_approver_told(referral=referral, by=user, **form.told_details())
    except ValidationError as error:
        raise _refused(error) from None
    return _detail(referral)


@router.post(
    "/families/{family_id}/referrals/{referral_id}/send",
    response={200: ReferralDetailOut, **REFUSED, 409: NotSent, 422: FieldProblems},
    summary="Send it, if its route has everything it needs; 409 lists what is missing",
)
def referral_send(
    request: HttpRequest, family_id: UUID, referral_id: UUID
) -> dict[str, Any] | Status[dict[str, Any]]:
    user = caller(request)
    referral = _referral(user, family_id, referral_id)
    try:
        services.referral_send(referral=referral, by=user)
    except services.ReferralNotSent as refused:
        return Status(409, {"detail": "Not sent: it needs more first.", "missing": refused.missing})
    except ValidationError as error:
        raise _refused(error) from None
    return _detail(referral)


@router.post(
    "/families/{family_id}/referrals/{referral_id}/parent-told",
    response={200: ReferralDetailOut, **REFUSED, 409: Problem, 422: FieldProblems},
    summary="Record the date the parent was told a referral was made",
)
def referral_parent_told(
    request: HttpRequest, family_id: UUID, referral_id: UUID, body: ParentToldIn
) -> dict[str, Any]:
    user = caller(request)
    referral = _referral(user, family_id, referral_id)
    form = ParentToldForm(as_form_data(body.model_dump(), date_fields=("parent_told_on",)))
    data = checked(form)
    try:
        services.referral_record_parent_told(
            referral=referral,
            by=user,
            on=data["parent_told_on"],
            expected_version=data["version"],
        )
    except ValidationError as error:
        raise _refused(error) from None
    return _detail(referral)
