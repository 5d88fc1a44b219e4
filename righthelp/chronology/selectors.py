from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from righthelp.chronology.models import ChronologyEntry
from righthelp.families.models import Family, Person


def chronology_for(
    family: Family,
    *,
    significance: Iterable[str] = (),
    kinds: Iterable[str] = (),
    person: Person | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[ChronologyEntry]:
    entries = ChronologyEntry.objects.filter(family=family).select_related(
        "agency", "person", "recorded_by"
    )
    if significance := list(significance):
        entries = entries.filter(significance__in=significance)
    if kinds := list(kinds):
        entries = entries.filter(kind__in=kinds)
    if person is not None:
        entries = entries.filter(person=person)
    if since is not None:
        entries = entries.filter(occurred_on__gte=since)
    if until is not None:
        entries = entries.filter(occurred_on__lte=until)
    return entries
