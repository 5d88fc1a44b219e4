"""Writes for the chronology."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import ChronologyEntry, EntryKind, Significance
from righthelp.core.time_of_day import entry_time, future_time
from righthelp.families.models import Family, Person
from righthelp.partnerships.models import Agency

if TYPE_CHECKING:
    from righthelp.assessments.models import Assessment


def chronology_record(
    *,
    family: Family,
    by: User,
    kind: EntryKind,
    significance: Significance,
    what_happened: str,
    occurred_on: dt.date,
    assessment: Assessment | None = None,
    never_disclosed: bool = False,
    person: Person | None = None,
) -> ChronologyEntry:
    """An entry the product makes itself when something happens (called inside the
    transaction of the write that caused it). Something recorded today takes the time now."""
    return ChronologyEntry.objects.create(
        family=family,
        kind=kind,
        significance=significance,
        what_happened=what_happened,
        occurred_on=occurred_on,
        occurred_at=entry_time(occurred_on=occurred_on, typed=None, now=timezone.localtime()),
        assessment=assessment,
        person=person,
        recorded_by=by,
        never_disclosed=never_disclosed,
    )


@transaction.atomic
def chronology_add(
    *,
    family: Family,
    by: User,
    occurred_on: dt.date,
    what_happened: str,
    significance: Significance,
    occurred_at: dt.time | None = None,
    agency: Agency | None = None,
    person: Person | None = None,
) -> ChronologyEntry:
    """A person's entry. With no time typed, an entry for today takes the time now; one for
    an earlier day has no time."""
    if person is not None and person.family_id != family.pk:
        raise ValidationError("The person must be a member of this family.")
    if agency is not None and agency.partnership_id != family.partnership_id:
        raise ValidationError("Choose an agency in this partnership.")
    now = timezone.localtime()
    if future_time(occurred_on=occurred_on, at=occurred_at, now=now):
        raise ValidationError("The time must be now or earlier today")
    entry = ChronologyEntry.objects.create(
        family=family,
        occurred_on=occurred_on,
        occurred_at=entry_time(occurred_on=occurred_on, typed=occurred_at, now=now),
        what_happened=what_happened.strip(),
        significance=significance,
        agency=agency,
        person=person,
        recorded_by=by,
    )
    audit(
        actor=by,
        action=Action.CREATED,
        record_type="chronology_entry",
        record_id=entry.pk,
        family_id=family.pk,
    )
    return entry
