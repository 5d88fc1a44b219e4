"""A manager's worklist over a team with 5,000 families, against the families list of the
same manager, on a real database (DATABASE_URL, or SQLite in memory), with the worklist's
query count pinned: it must not grow with the families.

The families are made with bulk_create (a few seconds), each with a family plan and an
action (a third overdue), one in a hundred with a level 5 decision awaiting sign-off.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

FAMILIES = 5_000
WORKLIST_QUERIES = 14
"""The manager's worklist and its counts: one query per kind of item (13 kinds for a manager
who also does casework: ADR 0050 reads each kind on its own, so each shows its own most
urgent few and pages on its own), one query for all the counts, whatever the number of
families."""


_READY = False


def _django() -> None:
    """Django set up on a fresh test database, once per run (other cases share it)."""
    global _READY
    if _READY:
        return
    _READY = True
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "righthelp.config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    # Test settings point at a database of their own; make its tables once.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("migrate", verbosity=0)


def _make_team() -> object:
    from django.utils import timezone

    from righthelp.accounts.models import Role
    from righthelp.assessments.models import Assessment, Status
    from righthelp.families.models import Family, FamilyWorker
    from righthelp.plans.models import FamilyPlan, PlanAction
    from righthelp.testing.factories import make_user, team

    north = team("Bench North", slug="bench")
    practitioner = make_user("bench-practitioner", team_=north)
    manager = make_user("bench-manager", role=Role.MANAGER, team_=north)
    partnership = practitioner.partnership
    now = timezone.now()
    today = timezone.localdate()
    families = [
        Family(
            id=uuid.uuid4(),
            partnership=partnership,
            name=f"Bench household {n:05d}",
            postcode="ST4 1HH",
            lead_practitioner=practitioner,
            created_by=practitioner,
            pending_level=5 if n % 100 == 0 else None,
            pending_since=now - dt.timedelta(days=n % 9) if n % 100 == 0 else None,
        )
        for n in range(FAMILIES)
    ]
    Family.objects.bulk_create(families, batch_size=1000)
    FamilyWorker.objects.bulk_create(
        [FamilyWorker(family=f, user=practitioner, added_by=practitioner) for f in families],
        batch_size=1000,
    )
    plans = [FamilyPlan(family=f, created_by=practitioner) for f in families]
    FamilyPlan.objects.bulk_create(plans, batch_size=1000)
    PlanAction.objects.bulk_create(
        [
            PlanAction(
                plan=plan,
                what="Bench action",
                owner_name="Bench",
                due_on=today + dt.timedelta(days=(n % 3 - 1) * 10),
            )
            for n, plan in enumerate(plans)
        ],
        batch_size=1000,
    )
    Assessment.objects.bulk_create(
        [
            Assessment(
                family=f,
                pack_id="stoke-on-trent",
                pack_version="bench",
                pack_hash="bench",
                status=Status.AWAITING_SIGNOFF,
                started_by=practitioner,
                submitted_by=practitioner,
                submitted_at=f.pending_since,
                indicator_level=5,
                final_level=5,
            )
            for f in families
            if f.pending_level
        ]
    )
    return manager


def worklist_pair() -> tuple[object, object]:
    """(the manager's worklist, the manager's families list), both fully evaluated."""
    _django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from righthelp.families.selectors import families_for_home
    from righthelp.worklist.selectors import counts_for, worklist_for

    manager = _make_team()

    def worklist() -> object:
        return worklist_for(manager), counts_for(manager)  # type: ignore[arg-type]

    def families() -> object:
        return list(families_for_home(manager))  # type: ignore[arg-type]

    with CaptureQueriesContext(connection) as captured:
        items = worklist_for(manager)  # type: ignore[arg-type]
        counts = counts_for(manager)  # type: ignore[arg-type]
    queries = len(captured)
    print(
        f"    manager's worklist over {FAMILIES} families: {len(items)} items, "
        f"{sum(counts.values())} counted, {queries} queries (pinned at {WORKLIST_QUERIES})"
    )
    if queries > WORKLIST_QUERIES:
        raise SystemExit(f"the worklist made {queries} queries: it must not grow with families")
    return worklist, families
