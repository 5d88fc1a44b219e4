"""On PostgreSQL, search and the dashboard's figures are served by indexes: with sequential
scans discouraged (``enable_seqscan = off``) no plan scans people, families, chronology or
audit events whole. At a small scale the planner would happily scan small tables, so the
test asks whether an index *can* serve each query, which is what holds at a million."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from righthelp.accounts.models import User
from righthelp.assessments.models import Assessment
from righthelp.conftest import Cast
from righthelp.dashboards.scope import dashboard_scope_for, figures_for
from righthelp.dashboards.sections import SECTIONS_BY_KEY
from righthelp.dashboards.selectors import Period
from righthelp.families.access import families_visible_to, visible_family_ids
from righthelp.families.models import FamilyWorker, Person
from righthelp.families.search import NormalisedName, search_families
from righthelp.families.waiting import waiting_for
from righthelp.frontdoor.models import Receipt
from righthelp.frontdoor.selectors import queue_for
from righthelp.frontdoor.tests.helpers import front_door_worker
from righthelp.plans.models import FamilyPlan, PlanAction
from righthelp.referrals.models import Referral
from righthelp.screening.models import Screening
from righthelp.subject_access.models import SubjectAccessRequest
from righthelp.synth.big_tables import BIG_TABLES
from righthelp.synth.generator import synthesise
from righthelp.worklist.selectors import counts_for, worklist_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)


WORK_TABLES = (
    *BIG_TABLES,
    "plans_familyplan",
    "plans_planaction",
    "screening_screening",
    "referrals_referral",
)
"""What a worklist reads: plans, their actions, screenings and requests grow with families."""


def _plan(queryset: QuerySet[Any]) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.explain()
    return plan


def _seq_scans(plan: str, tables: tuple[str, ...] = BIG_TABLES) -> list[str]:
    return [
        line.strip()
        for line in plan.splitlines()
        if "Seq Scan on" in line and any(f"Seq Scan on {table}" in line for table in tables)
    ]


@pytest.fixture
def caseload(cast: Cast) -> Cast:
    synthesise(partnership=cast.alice.partnership, families=60, seed=2)  # type: ignore[arg-type]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return cast


def test_search_by_name_uses_the_trigram_index_from_the_users_own_families(
    caseload: Cast,
) -> None:
    people = Person.objects.filter(family__in=families_visible_to(caseload.alice))
    by_name = people.alias(name=NormalisedName()).filter(name__trigram_similar="smiht")
    assert _seq_scans(_plan(by_name)) == []
    everyone = Person.objects.alias(name=NormalisedName()).filter(name__trigram_similar="smiht")
    assert "families_person_name_trgm" in _plan(everyone)


def test_exact_identifiers_are_found_by_btree(caseload: Cast) -> None:
    people = Person.objects.filter(family__in=families_visible_to(caseload.alice))
    assert _seq_scans(_plan(people.filter(nhs_number="9990001234"))) == []
    assert _seq_scans(_plan(people.filter(date_of_birth=dt.date(2015, 3, 1)))) == []
    assert _seq_scans(_plan(families_visible_to(caseload.alice).filter(postcode="ST4 1HH"))) == []


def test_the_families_home_lists_from_the_visible_ids(caseload: Cast) -> None:
    for user in (caseload.alice, caseload.bob):
        assert _seq_scans(_plan(families_visible_to(user).order_by("name")[:50])) == []


def _captured_seq_scans(
    run: Callable[[], object], tables: tuple[str, ...] = BIG_TABLES
) -> dict[str, list[str]]:
    """Run ``run``, then EXPLAIN every query it made with sequential scans off."""
    with CaptureQueriesContext(connection) as captured:
        run()
    scans = {}
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            if found := _seq_scans(plan, tables):
                scans[sql[:200]] = found
    return scans


@pytest.mark.parametrize("query", ["Smith", "Smiht", "ST4 1HH", "9990001234", "01/03/2015"])
def test_the_searches_a_practitioner_makes_use_indexes(caseload: Cast, query: str) -> None:
    assert _captured_seq_scans(lambda: search_families(caseload.alice, query)) == {}


@pytest.mark.parametrize("user", ["bob", "dana"])
@override_settings(RIGHTHELP_DASHBOARD_CACHE_SECONDS=0)
def test_every_dashboard_figure_uses_indexes(caseload: Cast, user: str) -> None:
    """The queries the dashboard page runs (counted afresh, not from the cache)."""
    client = Client()
    client.force_login(getattr(caseload, user))
    assert _captured_seq_scans(lambda: client.get("/dashboards/")) == {}


CASELOAD_TABLES = (
    *WORK_TABLES,
    "plans_plancriterion",
    "assessments_assessment",
)
KEPT_FIGURES = (
    "families-by-level",
    "families-by-outcome",
    "level-movement",
    "referrals-by-route",
    "overdue-work",
)


@pytest.mark.parametrize("key", KEPT_FIGURES)
def test_the_analysts_kept_figures_read_no_caseload_table(caseload: Cast, key: str) -> None:
    """Whatever the planner's choice at any size: the whole partnership's figures of
    families, movement, requests and overdue work read only the kept tallies (ADR 0054),
    so no plan can scan a caseload table for them."""
    figures = figures_for(dashboard_scope_for(caseload.dana), Period.last_year())
    with CaptureQueriesContext(connection) as captured:
        SECTIONS_BY_KEY[key].table(figures)
    assert captured.captured_queries
    for query in captured.captured_queries:
        assert not [table for table in CASELOAD_TABLES if f'"{table}"' in query["sql"]], query


@pytest.mark.parametrize("user", ["alice", "bob", "fiona"])
def test_every_worklist_query_uses_indexes(caseload: Cast, user: str) -> None:
    """Your work and its counts in the navigation: from the person's (or team's) family ids
    to their plans, actions, screenings and requests, by index."""
    person = front_door_worker() if user == "fiona" else getattr(caseload, user)
    assert (
        _captured_seq_scans(lambda: (worklist_for(person), counts_for(person)), WORK_TABLES) == {}
    )


def test_the_front_door_queue_uses_indexes(caseload: Cast) -> None:
    fiona = front_door_worker()
    assert (
        _captured_seq_scans(lambda: list(queue_for(fiona, show="open", sort="oldest")), WORK_TABLES)
        == {}
    )


def _touched(plan: dict[str, Any]) -> list[tuple[str, int]]:
    """Each scan node of an ``EXPLAIN (ANALYZE, FORMAT JSON)`` plan, with the rows it read:
    those it gave and those its filters removed, over all its loops."""
    found = []
    if table := plan.get("Relation Name"):
        per_loop = (
            plan["Actual Rows"]
            + plan.get("Rows Removed by Filter", 0)
            + plan.get("Rows Removed by Index Recheck", 0)
        )
        found.append((table, per_loop * plan["Actual Loops"]))
    for inner in plan.get("Plans", []):
        found += _touched(inner)
    return found


def _the_teams_rows(user: User) -> dict[str, int]:
    """How many rows of each table belong to the families ``user`` may see."""
    ids = set(visible_family_ids(user).values_list("family_id", flat=True))
    return {
        "families_family": len(ids),
        "families_familyworker": FamilyWorker.objects.filter(family_id__in=ids).count(),
        "plans_familyplan": FamilyPlan.objects.filter(family_id__in=ids).count(),
        "plans_planaction": PlanAction.objects.filter(plan__family_id__in=ids).count(),
        "assessments_assessment": Assessment.objects.filter(family_id__in=ids).count(),
        "referrals_referral": Referral.objects.filter(family_id__in=ids).count(),
        "frontdoor_receipt": Receipt.objects.filter(referral__family_id__in=ids).count(),
        "screening_screening": Screening.objects.filter(family_id__in=ids).count(),
        "subject_access_subjectaccessrequest": SubjectAccessRequest.objects.filter(
            family_id__in=ids
        ).count(),
    }


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_your_work_and_the_managers_waiting_lists_read_only_their_own_teams_rows(
    cast: Cast, user: str
) -> None:
    """The navigation's count (every page), *Your work* and the families home's waiting
    list read, from each table, no more rows than the families the person may see hold:
    never the other teams' plans, assessments or requests (issue 9: a manager's team does
    not grow with the partnership, so neither may their pages). Alice works with about half
    of the partnership's families, Charlie (another team) with the rest; as Bob, Alice's
    manager, sees them."""
    synthesise(partnership=cast.alice.partnership, families=120, seed=5)  # type: ignore[arg-type]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    person = getattr(cast, user)
    bound = _the_teams_rows(person)
    assert 0 < bound["plans_familyplan"] < FamilyPlan.objects.count()
    assert 0 < bound["assessments_assessment"] < Assessment.objects.count()
    with CaptureQueriesContext(connection) as captured:
        counts_for(person)
        worklist_for(person)
        waiting_for(person)
    over: dict[str, list[tuple[str, int, int]]] = {}
    with connection.cursor() as cursor:
        # As at scale, where a table is too big to read whole to hash or merge it with the
        # team's few rows: the planner may only look rows up by index.
        for method in ("seqscan", "mergejoin", "hashjoin"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.startswith(("SELECT", "(SELECT")):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0][0]["Plan"]
            for table, rows in _touched(plan):
                if table in bound and rows > bound[table]:
                    over.setdefault(sql[:120], []).append((table, rows, bound[table]))
    assert over == {}
