"""Your work: each person sees what is waiting for them, linked to where it is done, sorted
and filtered, with counts in the navigation; the query count does not grow with families."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.conftest import Cast
from righthelp.core.worklist import Kind
from righthelp.families.models import Family
from righthelp.frontdoor import services as front_door
from righthelp.frontdoor.tests.helpers import front_door_worker, receipt_of, sent_request
from righthelp.plans import services as plans
from righthelp.subject_access.models import Requester
from righthelp.subject_access.services import subject_access_request_record
from righthelp.testing.factories import add_person, make_family
from righthelp.testing.pending import decided_at_risk_support
from righthelp.worklist import selectors
from righthelp.worklist.selectors import counts_for, items_of, worklist_for

TODAY = timezone.localdate()


def _plan_with_actions(cast: Cast, family: Family | None = None) -> None:
    plan = plans.plan_start(family=family or cast.family, by=cast.alice)
    plans.plan_action_add(
        plan=plan,
        by=cast.alice,
        what="Book the school meeting",
        due_on=TODAY - dt.timedelta(days=3),
        owner_name="Alice",
    )
    plans.plan_action_add(
        plan=plan,
        by=cast.alice,
        what="Visit at home",
        due_on=TODAY + dt.timedelta(days=2),
        owner_name="Alice",
    )
    plans.plan_action_add(
        plan=plan,
        by=cast.alice,
        what="Next month's check-in",
        due_on=TODAY + dt.timedelta(days=30),
        owner_name="Alice",
    )


def test_a_practitioner_sees_overdue_and_due_actions_first(cast: Cast) -> None:
    _plan_with_actions(cast)
    items = worklist_for(cast.alice)
    assert [(i.kind, i.overdue) for i in items] == [
        (Kind.ACTION_OVERDUE, True),
        (Kind.ACTION_DUE, False),
    ]
    assert items[0].waiting_days == 3
    assert items[0].url.endswith(f"/actions/{items[0].url.rstrip('/').split('/')[-1]}/")
    assert counts_for(cast.alice) == {Kind.ACTION_OVERDUE: 1, Kind.ACTION_DUE: 1}
    assert worklist_for(cast.charlie) == []  # another team's practitioner


def test_the_manager_sees_sign_offs_highest_level_and_oldest_first(cast: Cast) -> None:
    decided_at_risk_support(cast.family, cast.alice, cast.child, days_ago=4)
    other = make_family(cast.alice, "Birch household")
    child = add_person(other, cast.alice, "Ben", "Birch")
    decided_at_risk_support(other, cast.alice, child, days_ago=1)
    _plan_with_actions(cast)
    items = worklist_for(cast.bob)
    sign_offs = [i for i in items if i.kind == Kind.SIGN_OFF]
    assert [(i.family_name, i.waiting_days, i.level) for i in sign_offs] == [
        ("Ash household", 4, 5),
        ("Birch household", 1, 5),
    ]
    team = [i for i in items if i.kind == Kind.TEAM_ACTION_OVERDUE]
    assert [i.what for i in team] == ["Book the school meeting"]
    assert items[0].kind == Kind.TEAM_ACTION_OVERDUE  # overdue first


def test_a_subject_access_request_falling_due_is_on_the_managers_list(cast: Cast) -> None:
    subject_access_request_record(
        family=cast.family,
        by=cast.alice,
        person=cast.parent,
        received_on=TODAY - dt.timedelta(days=28),
        requester=Requester.THE_PERSON,
    )
    [item] = [i for i in worklist_for(cast.bob) if i.kind == Kind.SUBJECT_ACCESS_DUE]
    assert item.due is not None and item.due < TODAY + dt.timedelta(days=7)


def test_questions_and_decisions_from_the_front_door_come_back_to_the_sender(
    cast: Cast,
) -> None:
    fiona = front_door_worker()
    receipt = receipt_of(sent_request(cast))
    assert [i.kind for i in worklist_for(fiona)] == [Kind.FRONT_DOOR_REQUEST]
    front_door.request_ask(receipt=receipt, by=fiona, question="Who else lives there?")
    assert [i.kind for i in worklist_for(cast.alice)] == [Kind.FRONT_DOOR_QUESTION]
    assert worklist_for(fiona) == []  # with the sender now
    front_door.request_answer(receipt=receipt, by=cast.alice, answer="Only Gwen and Tom.")
    front_door.request_decide(
        receipt=receipt, by=fiona, decision="section-17-assessment", reason="A child in need."
    )
    [decision] = worklist_for(cast.alice)
    assert decision.kind == Kind.FRONT_DOOR_DECISION
    assert "section 17" in decision.what


def test_the_page_sorts_filters_and_counts_in_the_navigation(client: Client, cast: Cast) -> None:
    _plan_with_actions(cast)
    client.force_login(cast.alice)
    html = unescape(client.get(reverse("worklist:your-work")).content.decode())
    assert "Your work (2)" in html
    assert "Plan action overdue" in html and "Plan action due this week" in html
    overdue_only = unescape(
        client.get(reverse("worklist:your-work"), {"overdue": "1"}).content.decode()
    )
    assert "Book the school meeting" in overdue_only and "Visit at home" not in overdue_only
    by_kind = unescape(
        client.get(reverse("worklist:your-work"), {"kind": "action_due"}).content.decode()
    )
    assert "Visit at home" in by_kind and "Book the school meeting" not in by_kind


def test_analysts_and_administrators_have_no_worklist(client: Client, cast: Cast) -> None:
    for someone in (cast.dana, cast.erin):
        client.force_login(someone)
        assert client.get(reverse("worklist:your-work")).status_code == 403


def _queries(client: Client, user: User) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("worklist:your-work")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_query_count_does_not_grow_with_the_families(
    client: Client, cast: Cast, who: str
) -> None:
    _plan_with_actions(cast)
    decided_at_risk_support(cast.family, cast.alice, cast.child, days_ago=2)
    user = getattr(cast, who)
    few = _queries(client, user)
    for n in range(6):
        family = make_family(cast.alice, f"Extra household {n}")
        child = add_person(family, cast.alice, "Kit", "Extra")
        _plan_with_actions(cast, family)
        decided_at_risk_support(family, cast.alice, child, days_ago=n)
    assert _queries(client, user) == few
    # One query a kind of work (14 kinds at most, 13 for a manager), the counts once (the
    # navigation reuses them), the session and the user (ADR 0050).
    assert few <= 16


def _overdue_actions(cast: Cast, how_many: int) -> None:
    plan = plans.plan_start(family=cast.family, by=cast.alice)
    for n in range(how_many):
        plans.plan_action_add(
            plan=plan,
            by=cast.alice,
            what=f"Overdue action {n:02}",
            due_on=TODAY - dt.timedelta(days=how_many - n),
            owner_name="Alice",
        )
    plans.plan_action_add(
        plan=plan, by=cast.alice, what="Due soon", due_on=TODAY, owner_name="Alice"
    )


def test_everything_shows_the_most_urgent_few_of_each_kind_and_links_to_the_rest(
    client: Client, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "SHOWN_PER_KIND", 3)
    monkeypatch.setattr("righthelp.worklist.views.SHOWN_PER_KIND", 3)
    _overdue_actions(cast, 7)
    client.force_login(cast.alice)
    html = unescape(client.get(reverse("worklist:your-work")).content.decode())
    # The three most overdue, and the one due soon: each kind keeps its own few.
    for n in range(3):
        assert f"Overdue action {n:02}" in html
    assert "Overdue action 03" not in html and "Due soon" in html
    assert "Your work (8)" in html and "Everything (8)" in html
    assert "See all 7 plan actions overdue" in html
    assert 'href="?kind=action_overdue&sort=priority"' in html
    assert "See all 1 plan actions due" not in html  # all of that kind are shown


def test_one_kind_pages_through_all_of_that_kind(
    client: Client, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("righthelp.worklist.views.PAGE_SIZE", 3)
    _overdue_actions(cast, 7)
    client.force_login(cast.alice)
    url = reverse("worklist:your-work")
    first = unescape(client.get(url, {"kind": "action_overdue"}).content.decode())
    assert "7 items, page 1 of 3" in first
    assert "Overdue action 02" in first and "Overdue action 03" not in first
    assert "Due soon" not in first
    assert "kind=action_overdue&sort=priority&page=2" in first
    last = unescape(client.get(url, {"kind": "action_overdue", "page": "9"}).content.decode())
    assert "page 3 of 3" in last and "Overdue action 06" in last
    assert "Overdue action 05" not in last
    assert [i.what for i in items_of(cast.alice, Kind.ACTION_OVERDUE, offset=3, limit=3)] == [
        "Overdue action 03",
        "Overdue action 04",
        "Overdue action 05",
    ]


def test_the_navigation_reuses_the_pages_counts(client: Client, cast: Cast) -> None:
    _plan_with_actions(cast)
    client.force_login(cast.alice)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse("worklist:your-work")).content.decode()
    assert "Your work (2)" in unescape(html)
    counting = [q for q in captured if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1
