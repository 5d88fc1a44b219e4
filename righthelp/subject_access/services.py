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
from righthelp.subject_access.models import Requester, SubjectAccessRequest
from righthelp.subject_access.selectors import SubjectAccessRecord


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
    )
