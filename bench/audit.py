"""What the audit log costs a write: a chronology entry added through its service (one
transaction: the entry and its audit event, under the chain's lock, with its HMAC link)
against the same entry written in a transaction of its own with no audit event, on the same
database in the same run (DATABASE_URL, or SQLite in memory).

The ratio is the audit's price per write: the chain's lock (an advisory lock on
PostgreSQL), reading the last event's hash, the HMAC and the second INSERT.
"""

from __future__ import annotations


def audited_write_pair() -> tuple[object, object]:
    """(an audited chronology entry, the same entry with no audit event)."""
    from bench.worklist import _django

    _django()
    from django.db import connection, transaction
    from django.utils import timezone

    from righthelp.chronology.models import ChronologyEntry, Significance
    from righthelp.chronology.services import chronology_add
    from righthelp.testing.factories import make_family, make_user, team

    practitioner = make_user("bench-audit", team_=team("Bench Audit", slug="bench-audit"))
    family = make_family(practitioner, "Bench audit household")
    today = timezone.localdate()

    def audited() -> object:
        return chronology_add(
            family=family,
            by=practitioner,
            occurred_on=today,
            what_happened="Home visit; all well.",
            significance=Significance.LOW,
        )

    def unaudited() -> object:
        with transaction.atomic():
            return ChronologyEntry.objects.create(
                family=family,
                occurred_on=today,
                what_happened="Home visit; all well.",
                significance=Significance.LOW,
                recorded_by=practitioner,
            )

    print(f"    audited write on {connection.vendor}: chronology entry + audit event (HMAC link)")
    return audited, unaudited
