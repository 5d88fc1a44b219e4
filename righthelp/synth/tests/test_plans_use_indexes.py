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
from django.test.utils import CaptureQueriesContext

from righthelp.conftest import Cast
from righthelp.dashboards.scope import dashboard_scope_for, figures_for
from righthelp.dashboards.sections import SECTIONS
from righthelp.dashboards.selectors import Period
from righthelp.families.access import families_visible_to
from righthelp.families.models import Person
from righthelp.families.search import NormalisedName, search_families
from righthelp.frontdoor.selectors import queue_for
from righthelp.frontdoor.tests.helpers import front_door_worker
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
def test_every_dashboard_figure_uses_indexes(caseload: Cast, user: str) -> None:
    scope = dashboard_scope_for(getattr(caseload, user))
    figures = figures_for(scope, Period.last_year())
    assert _captured_seq_scans(lambda: [s.table(figures) for s in SECTIONS]) == {}


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
