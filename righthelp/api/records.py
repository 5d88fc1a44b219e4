"""More of a family's records, read-only: plans, exploitation screenings and the
information-sharing log. Access and audit as in ``families.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from righthelp.api.auth import caller
from righthelp.api.form_input import InvalidInput, as_form_data, checked
from righthelp.api.schemas import FieldProblems, Input, Problem
from righthelp.families.access import family_for
from righthelp.plans.models import FamilyPlan
from righthelp.plans.selectors import plan_view
from righthelp.screening.models import Screening
from righthelp.screening.selectors import screening_result
from righthelp.sharing.forms import ShareForm
from righthelp.sharing.models import InformationShare
from righthelp.sharing.services import share_record

router = Router(tags=["Family records"])

REFUSED = {403: Problem, 404: Problem}


class EvidenceOut(Schema):
    method: str
    recorded_on: dt.date
    note: str


class CriterionOut(Schema):
    id: UUID
    criterion: str
    need: str
    person: UUID | None
    status: str
    identified_on: dt.date
    achieved_on: dt.date | None
    sustained_on: dt.date | None
    closed_on: dt.date | None
    interventions: list[str]
    evidence: list[EvidenceOut]


class ActionOut(Schema):
    id: UUID
    what: str
    owner: str
    due_on: dt.date
    status: str
    overdue: bool


class ReviewOut(Schema):
    held_on: dt.date
    attendees: str
    summary: str
    internal_notes: str
    parent_scaling: int | None
    young_person_scaling: int | None
    next_review_on: dt.date | None


class PlanOut(Schema):
    id: UUID
    started_at: dt.datetime
    closed_at: dt.datetime | None
    next_review_on: dt.date | None
    internal_notes: str
    criteria: list[CriterionOut]
    actions: list[ActionOut]
    reviews: list[ReviewOut]


def _plan(plan: FamilyPlan) -> dict[str, Any]:
    view = plan_view(plan)
    return {
        "id": plan.pk,
        "started_at": plan.created_at,
        "closed_at": plan.closed_at,
        "next_review_on": plan.next_review_on,
        "internal_notes": plan.internal_notes,
        "criteria": [
            {
                "id": c.record.pk,
                "criterion": c.record.criterion_id,
                "need": c.criterion.criterion.need,
                "person": c.record.person_id,
                "status": c.record.status,
                "identified_on": c.record.identified_on,
                "achieved_on": c.record.achieved_on,
                "sustained_on": c.record.sustained_on,
                "closed_on": c.record.closed_on,
                "interventions": [choice.name for choice in c.interventions],
                "evidence": [
                    {
                        "method": e.method,
                        "recorded_on": e.evidence.recorded_on,
                        "note": e.evidence.note,
                    }
                    for e in c.evidence
                ],
            }
            for c in view.criteria
        ],
        "actions": [
            {
                "id": a.action.pk,
                "what": a.action.what,
                "owner": a.owner,
                "due_on": a.action.due_on,
                "status": a.action.status,
                "overdue": a.overdue,
            }
            for a in view.actions
        ],
        "reviews": view.reviews,
    }


@router.get(
    "/families/{family_id}/plans",
    response={200: list[PlanOut], **REFUSED},
    summary="A family's plans: criteria and their evidence, actions, reviews",
)
def plan_list(request: HttpRequest, family_id: UUID) -> list[dict[str, Any]]:
    family = family_for(caller(request), family_id, looking_at="family_plan")
    plans = FamilyPlan.objects.filter(family=family).select_related("family__partnership")
    return [_plan(plan) for plan in plans.order_by("-created_at")]


class BandRef(Schema):
    id: str
    name: str


class ScreeningOut(Schema):
    id: UUID
    person: UUID
    screened_on: dt.date
    score: int
    vulnerabilities: int
    risk_indicators: int
    significant_risk_indicators: int
    score_band: BandRef
    count_band: BandRef
    bands_disagree: bool
    decision: str
    safety_plan: str | None = None


@router.get(
    "/families/{family_id}/screenings",
    response={200: list[ScreeningOut], **REFUSED},
    summary="A family's exploitation screenings, newest first",
    description="Intelligence for the police is not here: its source is never shared.",
)
def screening_list(request: HttpRequest, family_id: UUID) -> list[dict[str, Any]]:
    family = family_for(caller(request), family_id, looking_at="screenings")
    screenings = Screening.objects.filter(family=family).select_related(
        "person", "family__partnership", "safety_plan"
    )
    found = []
    for screening in screenings.order_by("-screened_on"):
        result = screening_result(screening)
        plan = result.saved_plan
        found.append(
            {
                "id": screening.pk,
                "person": screening.person_id,
                "screened_on": screening.screened_on,
                "score": screening.score,
                "vulnerabilities": screening.vulnerabilities,
                "risk_indicators": screening.risk_indicators,
                "significant_risk_indicators": screening.significant_risk_indicators,
                "score_band": result.score_band.band,
                "count_band": result.count_band.band,
                "bands_disagree": screening.bands_disagree,
                "decision": screening.decision,
                "safety_plan": plan.status if plan is not None else None,
            }
        )
    return found


class ShareOut(Schema):
    id: UUID
    shared_on: dt.date
    what: str
    shared_with: str
    person: UUID | None
    lawful_basis: str
    with_consent: bool
    reason: str

    @staticmethod
    def resolve_person(share: InformationShare) -> UUID | None:
        return share.person_id


class ShareIn(Input):
    what: str = Field(min_length=1)
    shared_with: str = Field(min_length=1, max_length=300)
    shared_on: dt.date
    person: UUID | None = Field(None, description="A member of the family; none for all of it")
    with_consent: bool
    lawful_basis: str = Field(description="consent, legal_obligation, public_task, ...")
    reason: str = Field("", description="Required when shared without consent")


@router.post(
    "/families/{family_id}/information-sharing",
    response={201: ShareOut, **REFUSED, 422: FieldProblems},
    summary="Record information shared about a family, with or without consent",
    description="Shared without consent needs a reason, as the partnership's rule says.",
)
def sharing_record(
    request: HttpRequest, family_id: UUID, body: ShareIn
) -> Status[InformationShare]:
    user = caller(request)
    family = family_for(user, family_id, looking_at="information_sharing")
    payload = body.model_dump()
    payload["with_consent"] = "yes" if body.with_consent else "no"
    form = ShareForm(as_form_data(payload, date_fields=("shared_on",)), family=family)
    checked(form)
    try:
        share = share_record(family=family, by=user, **form.share_details())
    except ValidationError as refused:
        raise InvalidInput(
            refused.message_dict
            if hasattr(refused, "error_dict")
            else {"__all__": refused.messages}
        ) from None
    return Status(201, share)


@router.get(
    "/families/{family_id}/information-sharing",
    response={200: list[ShareOut], **REFUSED},
    summary="What was shared about a family, with whom, on what lawful basis and why",
)
def sharing_list(request: HttpRequest, family_id: UUID) -> list[InformationShare]:
    family = family_for(caller(request), family_id, looking_at="information_sharing")
    return list(InformationShare.objects.filter(family=family).order_by("-shared_on"))
