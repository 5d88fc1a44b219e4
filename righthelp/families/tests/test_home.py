"""*Your families*: what waits for a manager, read in one query and afresh at every view, and
what the page costs."""

from __future__ import annotations

import datetime as dt
from html import unescape

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import Role
from righthelp.conftest import Cast
from righthelp.core.packs.schema import ReferralRoute
from righthelp.families.waiting import WaitingKind, waiting_for
from righthelp.plans.services import plan_action_add, plan_start
from righthelp.referrals.models import Referral
from righthelp.referrals.services import referral_start
from righthelp.subject_access.models import Requester
from righthelp.subject_access.services import subject_access_request_record
from righthelp.testing.pending import decided_at_risk_support
from righthelp.worklist.selectors import to_do_count

LAST_WEEK = timezone.localdate() - dt.timedelta(days=7)


def _asks_approval(cast: Cast) -> Referral:
    referral = referral_start(
        family=cast.family, by=cast.alice, route=ReferralRoute.EARLY_HELP, what_is_needed="Help"
    )
    Referral.objects.filter(pk=referral.pk).update(approval_requested_at=timezone.now())
    return referral


def _home(client: Client) -> str:
    return unescape(client.get(reverse("families:home")).content.decode())


def test_the_manager_sees_each_kind_of_waiting_work_in_order(cast: Cast, client: Client) -> None:
    request = subject_access_request_record(
        family=cast.family,
        by=cast.alice,
        person=cast.child,
        received_on=timezone.localdate() - dt.timedelta(days=40),
        requester=Requester.THE_PERSON,
    )
    referral = _asks_approval(cast)
    older = decided_at_risk_support(cast.family, cast.alice, cast.child, days_ago=3)
    client.force_login(cast.bob)

    waiting = waiting_for(cast.bob)
    assert [(item.kind, item.id) for item in waiting] == [
        (WaitingKind.SIGN_OFF, older.pk),
        (WaitingKind.APPROVAL, referral.pk),
        (WaitingKind.ACCESS_REQUEST, request.pk),
    ]
    home = _home(client)
    lines = home.split("Waiting for you", 1)[1].split("</ul>", 1)[0]
    submitted = timezone.localtime(older.submitted_at).date()
    assert lines.index("Getting Risk Support decision") < lines.index("needs your approval")
    assert lines.index("needs your approval") < lines.index("subject access request")
    assert f"Getting Risk Support decision by Alice Ash, submitted {submitted:%-d %B %Y}" in lines
    assert "Early help referral by Alice Ash needs your approval" in lines
    assert f"subject access request for Tom Ash's records, due by {request.due_on:%-d %B %Y}" in (
        lines
    )
    assert "Overdue" in lines  # received 40 days ago: due within a month
    for address in (
        reverse("assessments:sign-off", args=[cast.family.pk, older.pk]),
        reverse("referrals:approve", args=[cast.family.pk, referral.pk]),
        reverse("subject_access:detail", args=[cast.family.pk, request.pk]),
    ):
        assert f'href="{address}"' in lines


def test_waiting_work_is_read_afresh_at_every_view(cast: Cast, client: Client) -> None:
    """The query is kept per manager; what it finds is not."""
    client.force_login(cast.bob)
    assert "Waiting for you" not in _home(client)
    _asks_approval(cast)
    assert "needs your approval" in _home(client)
    Referral.objects.update(approved_at=timezone.now())
    assert "Waiting for you" not in _home(client)


def test_no_one_but_a_manager_is_asked_and_no_query_is_made(cast: Cast) -> None:
    _asks_approval(cast)
    for user in (cast.alice, cast.charlie):
        with CaptureQueriesContext(connection) as captured:
            assert waiting_for(user) == ()
        assert len(captured) == 0


def _seen_by(client: Client) -> tuple[str, str]:
    """The families home and *Your work*, as the signed-in user sees them now."""
    work = unescape(client.get(reverse("worklist:your-work")).content.decode())
    return _home(client), work


def test_a_change_of_team_or_role_gives_fresh_queries_everywhere(
    cast: Cast, client: Client
) -> None:
    """What a kept query finds depends on whom the user works with now and what they do
    (``kept_queries.person_key``): the families home, what waits there for a manager, the
    navigation's count and *Your work* all follow a change of role, then of team, then of
    role again, each seen after the queries of the one before were kept."""
    plan = plan_start(family=cast.family, by=cast.alice)
    plan_action_add(
        plan=plan, by=cast.alice, what="Book the school meeting", due_on=LAST_WEEK, owner_name="A"
    )
    decided_at_risk_support(cast.family, cast.alice, cast.child, days_ago=2)
    charlie = cast.charlie
    client.force_login(charlie)
    for role, team in (
        (charlie.role, charlie.team),  # a practitioner in another team
        (Role.MANAGER, charlie.team),  # that team's manager: still none of North's work
        (Role.MANAGER, cast.bob.team),  # North's manager
        (Role.PRACTITIONER, cast.bob.team),  # North's practitioner, working with no family
    ):
        charlie.role, charlie.team = role, team
        charlie.save()
        home, work = _seen_by(client)
        north_manager = role == Role.MANAGER and team == cast.bob.team
        assert ("Ash household" in home) is north_manager, (role, team)
        assert ("Waiting for you" in home) is north_manager
        assert ("Level 5 decided by Alice Ash" in work) is north_manager
        assert ("Book the school meeting" in work) is north_manager
        waiting = to_do_count(charlie)
        assert (waiting >= 2) is north_manager
        assert f"Your work ({waiting})" in home and f"Your work ({waiting})" in work


def test_the_home_costs_a_fixed_few_queries(cast: Cast, client: Client) -> None:
    """Session, user, the partnership's packs, the page of families with its count, the
    navigation's count; for a manager, one more for everything waiting (was three)."""
    decided_at_risk_support(cast.family, cast.alice, cast.child)
    _asks_approval(cast)
    for user, most in ((cast.alice, 5), (cast.bob, 6)):
        client.force_login(user)
        client.get(reverse("families:home"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("families:home")).status_code == 200
        assert len(captured) <= most, (user.username, [q["sql"][:80] for q in captured])
