"""Growth is flat: every list and dashboard page costs the same number of queries with one
family as with many. The many come from ``righthelp synth`` (assessments, findings, plans,
referrals, screenings, chronology, audit), so the pages see a realistic caseload."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from righthelp.accounts.models import User
from righthelp.api.tokens import token_issue
from righthelp.conftest import Cast
from righthelp.frontdoor.tests.helpers import front_door_worker
from righthelp.synth.generator import synthesise
from righthelp.worklist.selectors import counts_for

Request = Callable[[Client], int]


def _get(path: str) -> Request:
    return lambda client: client.get(path).status_code


def _post(path: str, data: dict[str, str]) -> Request:
    return lambda client: client.post(path, data).status_code


PAGES: dict[str, tuple[str, Request]] = {
    "families home, practitioner": ("alice", _get("/families/")),
    "families home, page 2": ("alice", _get("/families/?page=2")),
    "families home, manager": ("bob", _get("/families/")),
    "search by name": ("alice", _post("/families/search/", {"query": "Ash"})),
    "search with a typo": ("alice", _post("/families/search/", {"query": "Gwen Ahs"})),
    "search by postcode": ("alice", _post("/families/search/", {"query": "ST4 1HH"})),
    "dashboard, manager": ("bob", _get("/dashboards/")),
    "dashboard, analyst": ("dana", _get("/dashboards/")),
    "signed-in empty page": ("alice", _get("/signed-in/")),
    "your work, practitioner": ("alice", _get("/work/")),
    "your work, practitioner, overdue only": ("alice", _get("/work/?overdue=1&sort=due")),
    "your work, manager": ("bob", _get("/work/")),
    "your work, front door": ("fiona", _get("/work/")),
    "front door queue": ("fiona", _get("/front-door/")),
}


def _queries(user: User, request: Request) -> int:
    client = Client()
    client.force_login(user)
    request(client)  # the first look settles the session
    with CaptureQueriesContext(connection) as captured:
        assert request(client) == 200
    return len(captured)


def _api_queries(user: User, path: str = "/api/v1/families") -> int:
    secret = token_issue(user=user, name="growth test", by=None, days=1).secret
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_list_and_dashboard_pages_cost_the_same_queries_however_many_families(
    cast: Cast, page: str
) -> None:
    username, request = PAGES[page]
    user = front_door_worker() if username == "fiona" else User.objects.get(username=username)
    few = _queries(user, request) - _kinds_read(user, page)
    # Enough families for alice's home to run to a second page.
    synthesise(partnership=cast.alice.partnership, families=110, seed=3)  # type: ignore[arg-type]
    assert _queries(user, request) - _kinds_read(user, page) == few, page
    if page.startswith("your work"):
        assert counts_for(user), "the caseload gave this person no work to list"


def _kinds_read(user: User, page: str) -> int:
    """Your work reads each kind of work the person has any of (one query each, ADR 0050):
    at most one query a kind, however many families; the rest of the page is fixed."""
    return len(counts_for(user)) if page.startswith("your work") else 0


def test_the_api_family_list_costs_the_same_queries_however_many_families(cast: Cast) -> None:
    few = _api_queries(cast.alice)
    synthesise(partnership=cast.alice.partnership, families=30, seed=4)  # type: ignore[arg-type]
    assert _api_queries(cast.alice) == few


@pytest.mark.parametrize("username", ["alice", "bob", "fiona"])
def test_the_api_worklist_costs_a_fixed_count_plus_one_query_a_kind_with_work(
    cast: Cast, username: str
) -> None:
    """The API's worklist counts every kind in one query, then reads only the kinds the
    person has any of, as the page does: with more kinds of work it costs one query more a
    kind, and nothing more for more families."""
    user = front_door_worker() if username == "fiona" else User.objects.get(username=username)
    kinds_before = len(counts_for(user))
    fixed = _api_queries(user, "/api/v1/worklist") - kinds_before
    synthesise(partnership=cast.alice.partnership, families=110, seed=3)  # type: ignore[arg-type]
    kinds_after = len(counts_for(user))
    assert kinds_after > kinds_before, "the caseload gave this person no more kinds of work"
    assert _api_queries(user, "/api/v1/worklist") - kinds_after == fixed
