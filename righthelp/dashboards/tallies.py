"""The kept summaries of ``dashboards.models`` (ADR 0054): written in the same transaction
as the family row they summarise, read by the analyst's whole-partnership figures.

- ``family_added`` when a family is made (not yet assessed, no outcome areas);
- ``family_level_kept`` whenever ``assessments.family_level.family_level_refresh`` keeps a
  family's level, with the family's level changes as its completed assessments now stand;
- ``plan_tallied`` around every write to a plan or its actions (``plans.services``), which
  moves the plan's review date and its open actions' due dates between ``PlanDueTally``'s
  rows as the write left them;
- ``referral_sent`` when a request for service is sent (a sent request never changes);
- ``tallies_rebuild`` counts them again from the family rows and completed assessments
  (the migration that made them, and ``righthelp synth`` after writing in bulk);
  ``tallies_recount`` does it for an operator (``righthelp dashboards recount``), in one
  transaction that writers wait for.

Rows are added to in key order, so two transactions adding to the same rows wait for each
other rather than deadlock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from righthelp.assessments.models import Assessment, Status
from righthelp.core.outcome_bits import outcome_bits
from righthelp.dashboards.models import (
    DueKind,
    FamilyTally,
    LevelChange,
    MovementTally,
    PlanDueTally,
    ReferralTally,
)
from righthelp.families.models import Family
from righthelp.plans.models import OPEN_ACTION, FamilyPlan, PlanAction
from righthelp.referrals.models import Referral, ReferralStatus

NONE = 0
"""The level stored for none: not assessed."""


@dataclass(frozen=True)
class Kept:
    """What a family row keeps that the tallies count."""

    level: int | None
    outcomes: int


@dataclass(frozen=True, order=True)
class Change:
    day: dt.date
    from_level: int
    to_level: int


def level_changes(completed: Iterable[tuple[dt.datetime | None, int | None]]) -> list[Change]:
    """A family's level changes from its completed assessments' completion times and final
    levels, oldest first (ties in the order given): the level at a moment is the level of
    the latest assessment completed before it, so each completion at a level other than
    the one before is a change on its local date."""
    changes = []
    level = NONE
    for completed_at, final_level in completed:
        if completed_at is None or final_level is None or final_level == level:
            continue
        changes.append(Change(timezone.localdate(completed_at), level, final_level))
        level = final_level
    return changes


def _add(table: str, keys: Sequence[str], value: str, counts: Counter[tuple[Any, ...]]) -> None:
    rows = sorted((key, n) for key, n in counts.items() if n)
    for start in range(0, len(rows), 500):
        _add_rows(table, keys, value, rows[start : start + 500])


def _add_rows(
    table: str, keys: Sequence[str], value: str, rows: list[tuple[tuple[Any, ...], int]]
) -> None:
    if not rows:
        return
    columns = ", ".join((*keys, value))
    marks = "(" + ", ".join(["%s"] * (len(keys) + 1)) + ")"
    # Table and column names are this module's own; the values are parameters.
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES {', '.join([marks] * len(rows))} "  # noqa: S608
        f"ON CONFLICT ({', '.join(keys)}) "
        f"DO UPDATE SET {value} = {table}.{value} + excluded.{value}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for key, n in rows for v in (*key, n)])


def _add_families(counts: Counter[tuple[Any, ...]]) -> None:
    _add(
        FamilyTally._meta.db_table,
        ("partnership_id", "current_level", "current_outcomes"),
        "families",
        counts,
    )


def _add_movement(counts: Counter[tuple[Any, ...]]) -> None:
    _add(
        MovementTally._meta.db_table,
        ("partnership_id", "day", "from_level", "to_level", "current_level"),
        "changes",
        counts,
    )


def family_added(partnership_id: int) -> None:
    """A new family: not yet assessed, in no outcome area."""
    _add_families(Counter({(partnership_id, NONE, 0): 1}))


def family_level_kept(
    *,
    family_id: UUID,
    partnership_id: int,
    before: Kept,
    after: Kept,
    changes: list[Change],
) -> None:
    """The family row went from ``before`` to ``after`` and its level changes are now
    ``changes``: move it between the tallies' rows. Its changes as last counted are read
    from ``LevelChange``, so an assessment completed, backdated or returned in between is
    taken out as it was counted."""
    families: Counter[tuple[Any, ...]] = Counter()
    if before != after:
        families[(partnership_id, before.level or NONE, before.outcomes)] -= 1
        families[(partnership_id, after.level or NONE, after.outcomes)] += 1
    counted = sorted(
        Change(day, from_level, to_level)
        for day, from_level, to_level in LevelChange.objects.filter(family_id=family_id)
        .order_by()
        .values_list("day", "from_level", "to_level")
    )
    movement: Counter[tuple[Any, ...]] = Counter()
    if counted != sorted(changes) or before.level != after.level:
        for change in counted:
            key = (change.day, change.from_level, change.to_level, before.level or NONE)
            movement[(partnership_id, *key)] -= 1
        for change in changes:
            key = (change.day, change.from_level, change.to_level, after.level or NONE)
            movement[(partnership_id, *key)] += 1
    if counted != sorted(changes):
        LevelChange.objects.filter(family_id=family_id).delete()
        LevelChange.objects.bulk_create(
            LevelChange(
                family_id=family_id, day=c.day, from_level=c.from_level, to_level=c.to_level
            )
            for c in changes
        )
    _add_families(families)
    _add_movement(movement)


def families_by_level(partnership_id: int) -> dict[int | None, int]:
    """The partnership's families by current level (None: not yet assessed)."""
    counted: dict[int | None, int] = {}
    for level, n in (
        FamilyTally.objects.filter(partnership_id=partnership_id)
        .order_by()
        .values("current_level")
        .annotate(n=Sum("families"))
        .values_list("current_level", "n")
    ):
        counted[level or None] = n or 0
    return counted


def families_by_outcome(partnership_id: int, numbers: Sequence[int]) -> dict[int, int]:
    """The partnership's families with an indicator in each outcome area."""
    counted = (
        FamilyTally.objects.filter(partnership_id=partnership_id)
        .order_by()
        .alias(**{f"bit_{n}": F("current_outcomes").bitand(outcome_bits([n])) for n in numbers})
        .aggregate(**{str(n): Sum("families", filter=~Q(**{f"bit_{n}": 0})) for n in numbers})
    )
    return {n: counted[str(n)] or 0 for n in numbers}


def movement_since(partnership_id: int, start: dt.date) -> dict[tuple[int | None, int], int]:
    """The partnership's assessed families by (level at the start of ``start``, current
    level): each at its current level on the diagonal, then every change since the start
    taken back (moved from its to-level to its from-level)."""
    counted: Counter[tuple[int | None, int]] = Counter()
    for level, n in families_by_level(partnership_id).items():
        if level is not None:
            counted[(level, level)] += n
    for from_level, to_level, current, n in (
        MovementTally.objects.filter(partnership_id=partnership_id, day__gte=start)
        .exclude(current_level=NONE)
        .order_by()
        .values("from_level", "to_level", "current_level")
        .annotate(n=Sum("changes"))
        .values_list("from_level", "to_level", "current_level", "n")
    ):
        counted[(from_level or None, current)] += n or 0
        counted[(to_level or None, current)] -= n or 0
    return {key: n for key, n in counted.items() if n}


# The rebuild's statuses and kinds are parameters from their enums (``Status``,
# ``OPEN_ACTION``, ``DueKind``, ``ReferralStatus``), never literals: one definition each.
REBUILD_CHANGES_POSTGRESQL = """
INSERT INTO dashboards_levelchange (family_id, day, from_level, to_level)
SELECT family_id, day, from_level, to_level FROM (
    SELECT a.family_id, (a.completed_at AT TIME ZONE %(zone)s)::date AS day,
        coalesce(lag(a.final_level) OVER w, 0) AS from_level, a.final_level AS to_level
    FROM assessments_assessment AS a
    JOIN families_family AS f ON f.id = a.family_id
    WHERE f.partnership_id = ANY(%(partnerships)s) AND a.status = %(completed)s
        AND a.final_level IS NOT NULL
    WINDOW w AS (PARTITION BY a.family_id ORDER BY a.completed_at, a.id)
) AS completions
WHERE from_level <> to_level
"""


REBUILD_FAMILIES = """
INSERT INTO dashboards_familytally (partnership_id, current_level, current_outcomes, families)
SELECT partnership_id, coalesce(current_level, 0), current_outcomes, count(*)
FROM families_family WHERE partnership_id IN ({partnerships})
GROUP BY 1, 2, 3
"""

REBUILD_MOVEMENT = """
INSERT INTO dashboards_movementtally
    (partnership_id, day, from_level, to_level, current_level, changes)
SELECT f.partnership_id, c.day, c.from_level, c.to_level, coalesce(f.current_level, 0), count(*)
FROM dashboards_levelchange AS c JOIN families_family AS f ON f.id = c.family_id
WHERE f.partnership_id IN ({partnerships})
GROUP BY 1, 2, 3, 4, 5
"""


def _listed(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``values`` as named parameters for ``IN (...)`` (SQLite has no arrays): the marks
    to put in the SQL, and the parameters they name."""
    names = [f"{name}_{i}" for i in range(len(values))]
    marks = ", ".join(f"%({n})s" for n in names)
    return marks, dict(zip(names, values, strict=True))


def tallies_rebuild(partnership_ids: Sequence[int]) -> None:
    """Count the partnerships' tallies again from their family rows and completed
    assessments (after a bulk write that went round ``family_level_kept``): three
    statements over the partnerships' families and completed assessments."""
    ids = list(partnership_ids)
    if not ids:
        return
    in_scope = Family.objects.filter(partnership_id__in=ids)
    LevelChange.objects.filter(family__in=in_scope.values("pk")).delete()
    FamilyTally.objects.filter(partnership_id__in=ids).delete()
    MovementTally.objects.filter(partnership_id__in=ids).delete()
    marks, in_partnerships = _listed("partnership", ids)
    with connection.cursor() as cursor:
        cursor.execute(REBUILD_FAMILIES.format(partnerships=marks), in_partnerships)
        if connection.vendor == "postgresql":
            cursor.execute(
                REBUILD_CHANGES_POSTGRESQL,
                {
                    "zone": settings.TIME_ZONE,
                    "partnerships": ids,
                    "completed": Status.COMPLETED.value,
                },
            )
        else:
            _rebuild_changes_row_by_row(in_scope)
        cursor.execute(REBUILD_MOVEMENT.format(partnerships=marks), in_partnerships)
    _rebuild_plans_and_referrals(ids)


def _rebuild_changes_row_by_row(in_scope: QuerySet[Family]) -> None:
    completed: dict[UUID, list[tuple[dt.datetime | None, int | None]]] = {}
    for family_id, completed_at, level in (
        Assessment.objects.filter(family__in=in_scope.values("pk"), status=Status.COMPLETED)
        .order_by("family_id", "completed_at", "pk")
        .values_list("family_id", "completed_at", "final_level")
    ):
        completed.setdefault(family_id, []).append((completed_at, level))
    LevelChange.objects.bulk_create(
        LevelChange(family_id=family_id, day=c.day, from_level=c.from_level, to_level=c.to_level)
        for family_id, rows in completed.items()
        for c in level_changes(rows)
    )


TALLY_TABLES = (FamilyTally, LevelChange, MovementTally, PlanDueTally, ReferralTally)


def tallies_recount(partnership_ids: Sequence[int]) -> None:
    """``tallies_rebuild`` for an operator, after rows were changed round the services (a
    restore, a fix in the shell): one transaction, so the dashboards never read half-counted
    tallies, holding the tally tables so that a write keeping them waits until the count is
    done and then adds its change to the new totals instead of to rows being replaced."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in TALLY_TABLES)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        tallies_rebuild(partnership_ids)


def _plan_due(plan_id: UUID) -> Counter[tuple[Any, ...]]:
    """What one plan counts for in ``PlanDueTally``: its review date and its open actions'
    due dates while it is open, nothing once closed."""
    counts: Counter[tuple[Any, ...]] = Counter()
    plan = (
        FamilyPlan.objects.select_for_update()
        .filter(pk=plan_id)
        .values("family__partnership_id", "closed_at", "next_review_on")
        .first()
    )
    if plan is None or plan["closed_at"] is not None:
        return counts
    partnership_id = plan["family__partnership_id"]
    if plan["next_review_on"] is not None:
        counts[(partnership_id, DueKind.REVIEW.value, plan["next_review_on"])] += 1
    for due_on in PlanAction.objects.filter(plan_id=plan_id, status__in=OPEN_ACTION).values_list(
        "due_on", flat=True
    ):
        counts[(partnership_id, DueKind.ACTION.value, due_on)] += 1
    return counts


def _add_due(counts: Counter[tuple[Any, ...]]) -> None:
    _add(PlanDueTally._meta.db_table, ("partnership_id", "kind", "day"), "due", counts)


@contextmanager
def plan_tallied(plan_id: UUID) -> Iterator[None]:
    """Around a write to plan ``plan_id`` or its actions, in the write's transaction: the
    plan's row is locked, and what it counted for before the write is replaced by what it
    counts for after. A new plan: call it with the new plan's id after creating it."""
    before = _plan_due(plan_id)
    yield
    after = _plan_due(plan_id)
    after.subtract(before)
    _add_due(after)


def overdue(partnership_id: int, kind: DueKind, today: dt.date) -> int:
    """The partnership's open plans past their review date, or open actions past their due
    date, today."""
    return (
        PlanDueTally.objects.filter(partnership_id=partnership_id, kind=kind, day__lt=today)
        .order_by()
        .aggregate(n=Sum("due"))["n"]
        or 0
    )


def _add_referrals(counts: Counter[tuple[Any, ...]]) -> None:
    _add(
        ReferralTally._meta.db_table,
        ("partnership_id", "day", "route", "consent_route"),
        "sent",
        counts,
    )


def referral_sent(*, partnership_id: int, sent_at: dt.datetime, route: str, consent: str) -> None:
    """A request for service was sent (a sent request's time and routes never change)."""
    key = (partnership_id, timezone.localdate(sent_at), route, consent)
    _add_referrals(Counter({key: 1}))


def referrals_sent(partnership_id: int, start: dt.date, end: dt.date) -> dict[tuple[str, str], int]:
    """The partnership's requests for service sent from ``start`` to ``end`` (both days
    included), by route and consent route."""
    return {
        (route, consent): n or 0
        for route, consent, n in ReferralTally.objects.filter(
            partnership_id=partnership_id, day__gte=start, day__lte=end
        )
        .order_by()
        .values("route", "consent_route")
        .annotate(n=Sum("sent"))
        .values_list("route", "consent_route", "n")
    }


REBUILD_DUE = """
INSERT INTO dashboards_planduetally (partnership_id, kind, day, due)
SELECT partnership_id, kind, day, count(*) FROM (
    SELECT f.partnership_id, %(review)s AS kind, p.next_review_on AS day
    FROM plans_familyplan AS p JOIN families_family AS f ON f.id = p.family_id
    WHERE f.partnership_id IN ({partnerships}) AND p.closed_at IS NULL
        AND p.next_review_on IS NOT NULL
    UNION ALL
    SELECT f.partnership_id, %(action)s, a.due_on
    FROM plans_planaction AS a
    JOIN plans_familyplan AS p ON p.id = a.plan_id
    JOIN families_family AS f ON f.id = p.family_id
    WHERE f.partnership_id IN ({partnerships}) AND p.closed_at IS NULL
        AND a.status IN ({open_action})
) AS due
GROUP BY 1, 2, 3
"""

REBUILD_REFERRALS_POSTGRESQL = """
INSERT INTO dashboards_referraltally (partnership_id, day, route, consent_route, sent)
SELECT f.partnership_id, (r.sent_at AT TIME ZONE %(zone)s)::date, r.route, r.consent_route,
    count(*)
FROM referrals_referral AS r JOIN families_family AS f ON f.id = r.family_id
WHERE f.partnership_id = ANY(%(partnerships)s) AND r.status = %(sent)s
    AND r.sent_at IS NOT NULL
GROUP BY 1, 2, 3, 4
"""


def _rebuild_plans_and_referrals(ids: list[int]) -> None:
    PlanDueTally.objects.filter(partnership_id__in=ids).delete()
    ReferralTally.objects.filter(partnership_id__in=ids).delete()
    partnerships, in_partnerships = _listed("partnership", ids)
    open_action, in_open_action = _listed("open_action", [s.value for s in OPEN_ACTION])
    due = REBUILD_DUE.format(partnerships=partnerships, open_action=open_action)
    kinds = {"review": DueKind.REVIEW.value, "action": DueKind.ACTION.value}
    with connection.cursor() as cursor:
        cursor.execute(due, in_partnerships | in_open_action | kinds)
        if connection.vendor == "postgresql":
            cursor.execute(
                REBUILD_REFERRALS_POSTGRESQL,
                {
                    "zone": settings.TIME_ZONE,
                    "partnerships": ids,
                    "sent": ReferralStatus.SENT.value,
                },
            )
            return
    sent: Counter[tuple[Any, ...]] = Counter()
    for partnership_id, at, route, consent in Referral.objects.filter(
        family__partnership_id__in=ids, status=ReferralStatus.SENT, sent_at__isnull=False
    ).values_list("family__partnership_id", "sent_at", "route", "consent_route"):
        sent[(partnership_id, timezone.localdate(at), route, consent)] += 1
    _add_referrals(sent)
