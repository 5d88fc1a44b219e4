"""The audit log and the chronology are ready to partition by month on PostgreSQL (ADR
0022): what makes that possible is pinned here, and the switch itself
(``audit.partitioning``) is rehearsed on the test database, rolled back at the end."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from righthelp.audit.models import Action, AuditEvent
from righthelp.audit.partitioning import (
    AUDIT,
    CHRONOLOGY,
    Partitioned,
    month_after,
    next_month_sql,
    partition_name,
    switch_sql,
)
from righthelp.audit.selectors import events_for_family
from righthelp.audit.services import audit
from righthelp.audit.testing import _override
from righthelp.chronology.models import ChronologyEntry, Significance
from righthelp.chronology.services import chronology_add
from righthelp.conftest import Cast

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitioning is PostgreSQL's"
)

TABLES = [AUDIT, CHRONOLOGY]


def _rows(sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@pytest.mark.django_db
@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.table)
def test_nothing_refers_to_the_table_by_foreign_key(spec: Partitioned) -> None:
    """A partitioned table's key includes the partition key: a foreign key to ``id`` alone
    would stop the switch."""
    table = spec.table
    assert (
        _rows(
            "SELECT conname FROM pg_constraint WHERE contype = 'f' AND confrelid = %s::regclass",
            table,
        )
        == []
    )


@pytest.mark.django_db
@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.table)
def test_the_primary_key_is_the_only_unique_index_and_the_key_is_never_empty(
    spec: Partitioned,
) -> None:
    table, key = spec.table, spec.key
    unique = _rows(
        "SELECT indexrelid::regclass::text FROM pg_index "
        "WHERE indrelid = %s::regclass AND indisunique",
        table,
    )
    assert unique == [(f"{table}_pkey",)]
    assert _rows(
        "SELECT is_nullable FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        table,
        key,
    ) == [("NO",)]


def test_the_switch_keeps_every_row_the_chain_the_triggers_and_the_reads(cast: Cast) -> None:
    _override(False)
    first = audit(
        actor=cast.alice,
        action=Action.VIEWED,
        record_type="family_overview",
        record_id=cast.family.pk,
        family_id=cast.family.pk,
    )
    chronology_add(
        family=cast.family,
        by=cast.alice,
        occurred_on=timezone.localdate(),
        what_happened="Visited the family at home.",
        significance=Significance.LOW,
    )
    events, entries = AuditEvent.objects.count(), ChronologyEntry.objects.count()
    next_month = month_after(timezone.localdate())
    with connection.cursor() as cursor:
        for spec in TABLES:
            for statement in switch_sql(spec, next_month):
                cursor.execute(statement)
            # The monthly job, run twice, makes the month after once.
            cursor.execute(next_month_sql(spec, month_after(next_month)))
            cursor.execute(next_month_sql(spec, month_after(next_month)))

    for spec in TABLES:
        assert _rows("SELECT relkind FROM pg_class WHERE relname = %s", spec.table) == [("p",)]
        partitions = _rows(
            "SELECT inhrelid::regclass::text FROM pg_inherits "
            "WHERE inhparent = %s::regclass ORDER BY 1",
            spec.table,
        )
        assert [p for (p,) in partitions] == sorted(
            [
                partition_name(spec.table, month_after(next_month)),
                partition_name(spec.table, next_month),
                f"{spec.table}_before",
            ]
        )
    assert AuditEvent.objects.count() == events
    assert ChronologyEntry.objects.count() == entries

    # New events carry on the ids and the chain, in this month's (historical) partition and
    # in a month made ahead of time.
    second = audit(
        actor=cast.alice,
        action=Action.VIEWED,
        record_type="family_overview",
        record_id=cast.family.pk,
        family_id=cast.family.pk,
    )
    assert second.pk > first.pk
    later = dt.datetime.combine(next_month, dt.time(9), tzinfo=dt.UTC)
    AuditEvent.objects.create(
        at=later, actor=cast.alice, action=Action.VIEWED, record_type="family_overview"
    )
    assert _rows(
        f"SELECT count(*) FROM {partition_name(AUDIT.table, next_month)}"  # noqa: S608
    ) == [(1,)]
    assert next(iter(events_for_family(cast.family.pk))).pk == second.pk

    # Append-only still, on every partition.
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'changed'")

    # A family's record of access reads only the partitions its dates can be in.
    plan = _rows(
        "EXPLAIN SELECT id FROM audit_auditevent WHERE family_id = %s AND at >= %s "
        "ORDER BY at DESC",
        cast.family.pk,
        later,
    )
    text = "\n".join(row[0] for row in plan)
    assert f"{AUDIT.table}_before" not in text
