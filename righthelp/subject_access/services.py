"""Writes for subject access requests: recording one, and producing its record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.core.subject_access import response_due
from righthelp.families.models import Family, Person
from righthelp.subject_access.access import may_produce
from righthelp.subject_access.models import (
    Requester,
    SubjectAccessRequest,
    WithheldKind,
    WithholdingDecision,
)
from righthelp.subject_access.selectors import SubjectAccessRecord, never_disclosed_items


class NotAManager(PermissionDenied):
    def __init__(self) -> None:
        super().__init__("Only a manager may produce the record for a subject access request.")


def _audit(by: User, request: SubjectAccessRequest, action: Action, **detail: Any) -> None:
    audit(
        actor=by,
        action=action,
        record_type="subject_access_request",
        record_id=request.pk,
        family_id=request.family_id,
        detail=detail,
    )


@transaction.atomic
def subject_access_request_record(
    *, family: Family, by: User, person: Person, received_on: dt.date, requester: Requester
) -> SubjectAccessRequest:
    if person.family_id != family.pk:
        raise ValidationError("The person must be a member of this family.")
    if received_on > timezone.localdate():
        raise ValidationError("The date the request was received must be today or in the past.")
    request = SubjectAccessRequest.objects.create(
        family=family,
        person=person,
        received_on=received_on,
        requester=requester,
        due_on=response_due(received_on),
        recorded_by=by,
    )
    _audit(by, request, Action.CREATED, person=str(person.pk))
    return request


@transaction.atomic
def subject_access_record_produce(*, record: SubjectAccessRecord, by: User, as_format: str) -> None:
    """Called as the record is handed over (page to print or PDF): audited with what it held
    and what was left out, as counts."""
    if not may_produce(by):
        raise NotAManager
    if record.undecided:
        raise ValidationError(
            "Decide, for each item never disclosed to the family, whether it is withheld, "
            "before producing the record."
        )
    request = record.request
    request.last_produced_by = by
    request.last_produced_at = timezone.now()
    request.save(update_fields=["last_produced_by", "last_produced_at"])
    _audit(
        by,
        request,
        Action.EXPORTED,
        format=as_format,
        person=str(record.person.pk),
        sections=record.counts,
        withheld={
            "never_disclosed_referrals": record.withheld.never_disclosed_referrals,
            "never_disclosed_entries": record.withheld.never_disclosed_entries,
            "intelligence_submissions": record.withheld.intelligence_submissions,
            "intelligence_entries": record.withheld.intelligence_entries,
        },
        included_after_decision=sum(
            i.decision is not None and not i.decision.withhold for i in record.to_decide
        ),
    )


@transaction.atomic
def subject_access_withholding_decide(
    *,
    request: SubjectAccessRequest,
    by: User,
    kind: WithheldKind,
    record_id: str,
    withhold: bool,
    reason: str,
) -> WithholdingDecision:
    """The manager's decision on one item the partnership's rules never disclose to the
    family: withheld from this record or included, with the reason. Changing it before the
    record is produced replaces it; each decision is audited."""
    if not may_produce(by):
        raise NotAManager
    if not reason.strip():
        raise ValidationError("Give the reason for your decision")
    items = {(i.kind, i.record_id) for i in never_disclosed_items(request)}
    if (kind, record_id) not in items:
        raise ValidationError("That item is not one to decide on for this request.")
    decision, _ = WithholdingDecision.objects.update_or_create(
        request=request,
        kind=kind,
        record_id=record_id,
        defaults={
            "withhold": withhold,
            "reason": reason.strip(),
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    _audit(
        by,
        request,
        Action.CHANGED,
        decided=kind.value,
        item=record_id,
        withhold=withhold,
    )
    return decision
