"""The analyst's whole-partnership figures read kept tallies (ADR 0054) and must say what
counting every family's row and history says: after completions, backdated completions,
decisions waiting for and given sign-off, decisions returned, new families, plan actions
added and done, reviews held, plans closed and requests sent, all made through the
services; and after the tallies are counted again from scratch."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from righthelp.assessments import services as assessments
from righthelp.conftest import Cast
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.dashboards import tallies
from righthelp.dashboards.models import (
    DueKind,
    FamilyTally,
    MovementTally,
    PlanDueTally,
    ReferralTally,
)
from righthelp.dashboards.scope import dashboard_scope_for, figures_for
from righthelp.dashboards.selectors import (
    Figures,
    Period,
    families_by_level,
    families_by_outcome,
    level_movement,
    overdue_work,
    referrals_by_route,
)
from righthelp.dashboards.tallies import tallies_rebuild
from righthelp.dashboards.tests.known import complete, known_families
from righthelp.dashboards.tests.test_casework_figures import casework  # noqa: F401
from righthelp.exports.tables import Table
from righthelp.plans import services as plans
from righthelp.plans.models import OPEN_ACTION, ActionStatus
from righthelp.referrals import services as referrals
from righthelp.synth.generator import synthesise
from righthelp.testing.factories import add_person, make_family
from righthelp.testing.pending import decided_at_risk_support

KEPT = (families_by_level, families_by_outcome, level_movement, referrals_by_route, overdue_work)


def _periods() -> list[Period]:
    today = timezone.localdate()
    starts = [dt.date(2024, 12, 31), dt.date(2025, 1, 10), dt.date(2025, 3, 2)]
    return [Period(start, today) for start in starts] + [
        Period.last_year(),
        Period(today, today),
    ]


def _both_ways(figures: Figures) -> list[tuple[Table, Table]]:
    assert figures.whole_partnership is not None
    counted = dataclasses.replace(figures, whole_partnership=None)
    return [(figure(figures), figure(counted)) for figure in KEPT]


def _assert_tallies_agree(cast: Cast) -> None:
    scope = dashboard_scope_for(cast.dana)
    for period in _periods():
        for kept, counted in _both_ways(figures_for(scope, period)):
            assert kept.as_dict() == counted.as_dict(), (kept.key, period)


def _tallies() -> tuple[set[tuple[object, ...]], ...]:
    return (
        set(FamilyTally.objects.exclude(families=0).values_list()),
        set(MovementTally.objects.exclude(changes=0).values_list()),
        set(PlanDueTally.objects.exclude(due=0).values_list()),
        set(ReferralTally.objects.exclude(sent=0).values_list()),
    )


def _without_ids(rows: set[tuple[object, ...]]) -> set[tuple[object, ...]]:
    return {row[1:] for row in rows}


@pytest.fixture
def busy(cast: Cast) -> Cast:
    """The known families, then more of what practitioners and managers do."""
    known = known_families(cast)
    # Amber is assessed again today at the level she has: no movement, a new outcome.
    complete(known.amber, cast.alice, {"fin-03": 10}, 3, timezone.now())
    # Birch goes back down, and then up, within the spring.
    complete(known.birch, cast.alice, {"eyd-10": 2}, 2, dt.datetime(2025, 4, 1, 9, tzinfo=dt.UTC))
    complete(known.birch, cast.alice, {"crime-06": 7}, 4, dt.datetime(2025, 5, 1, 9, tzinfo=dt.UTC))
    # A decision waits for Bob's sign-off, another is signed off at a different level, and
    # a third is returned to the practitioner.
    decided_at_risk_support(known.dale, cast.alice, add_person(known.dale, cast.alice, "Kit"))
    elm = make_family(cast.alice, "Elm household")
    signed = decided_at_risk_support(elm, cast.alice, add_person(elm, cast.alice, "Lee"))
    assessments.assessment_sign_off(assessment=signed, by=cast.bob, comment="Agreed at 4.", level=4)
    fir = make_family(cast.alice, "Fir household")
    returned = decided_at_risk_support(fir, cast.alice, add_person(fir, cast.alice, "Max"))
    assessments.assessment_return(assessment=returned, by=cast.bob, comment="Not yet.")
    make_family(cast.alice, "Gorse household")
    # Plans: actions overdue, not yet due and done; a review held long ago that agreed a
    # next review long past; a plan closed with an overdue action.
    plan = plans.plan_start(family=known.amber, by=cast.alice)
    long_ago = dt.date(2020, 1, 1)
    plans.plan_action_add(plan=plan, by=cast.alice, what="Late", due_on=long_ago, owner_name="A")
    soon = timezone.localdate() + dt.timedelta(days=10)
    plans.plan_action_add(plan=plan, by=cast.alice, what="Soon", due_on=soon, owner_name="A")
    done = plans.plan_action_add(
        plan=plan, by=cast.alice, what="Done", due_on=long_ago, owner_name="A"
    )
    plans.plan_action_set_status(
        action=done, by=cast.alice, status=ActionStatus.DONE, expected_version=done.version
    )
    plan.refresh_from_db()
    plans.review_record(
        plan=plan,
        by=cast.alice,
        held_on=long_ago,
        attendees="Sam",
        next_review_on=dt.date(2020, 2, 1),
        expected_version=plan.version,
    )
    closed = plans.plan_start(family=known.birch, by=cast.alice)
    plans.plan_action_add(plan=closed, by=cast.alice, what="Late", due_on=long_ago, owner_name="B")
    plans.plan_close(plan=closed, by=cast.alice)
    sent = referrals.referral_start(
        family=known.amber, by=cast.alice, what_is_needed="x", route=ReferralRoute.EARLY_HELP
    )
    referrals.referral_record_consent(
        referral=sent,
        by=cast.alice,
        expected_version=1,
        consent_route=ConsentRoute.GIVEN,
        consent_confirmed_on=timezone.localdate(),
    )
    referrals.referral_send(referral=sent, by=cast.alice)
    referrals.referral_start(
        family=known.birch, by=cast.alice, what_is_needed="x", route=ReferralRoute.PREVENT
    )  # a draft, never sent
    return cast


def test_the_kept_figures_say_what_counting_every_family_says(busy: Cast) -> None:
    _assert_tallies_agree(busy)
    overdue = overdue_work(figures_for(dashboard_scope_for(busy.dana), Period.last_year()))
    assert overdue.as_dict() == {
        "Plan actions past their due date": {"Number": 1},
        "Plans past their agreed review date": {"Number": 1},
    }


def test_casework_dated_behind_the_services_back_is_counted_again(
    casework: tuple[Cast, object],  # noqa: F811
) -> None:
    """The casework figures' fixture backdates requests and review dates directly, as a
    bulk load would: counting the tallies again makes them agree."""
    cast, _ = casework
    tallies_rebuild([cast.dana.partnership.pk])  # type: ignore[union-attr]
    _assert_tallies_agree(cast)


def test_counting_again_from_scratch_finds_the_same_tallies(busy: Cast) -> None:
    kept = _tallies()
    tallies_rebuild([busy.dana.partnership.pk])  # type: ignore[union-attr]
    again = _tallies()
    for kept_rows, again_rows in zip(kept, again, strict=True):
        assert _without_ids(kept_rows) == _without_ids(again_rows)
    assert all(kept), "the busy caseload left a tally empty"
    _assert_tallies_agree(busy)


def test_counting_again_counts_the_open_actions_that_open_action_names(
    busy: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild takes the statuses from their one definition (``plans.models.OPEN_ACTION``),
    not from a copy in its SQL: were a done action open, counting again counts it."""
    partnership = busy.dana.partnership.pk  # type: ignore[union-attr]
    tallies_rebuild([partnership])
    before = _due_actions(partnership)
    monkeypatch.setattr(tallies, "OPEN_ACTION", (*OPEN_ACTION, ActionStatus.DONE))
    tallies_rebuild([partnership])
    assert _due_actions(partnership) == before + 1  # busy's one done action, of an open plan


def _due_actions(partnership_id: int) -> int:
    rows = PlanDueTally.objects.filter(partnership_id=partnership_id, kind=DueKind.ACTION)
    return sum(rows.values_list("due", flat=True))


def test_the_manager_counts_their_families_not_the_partnerships_tallies(busy: Cast) -> None:
    figures = figures_for(dashboard_scope_for(busy.bob), Period.last_year())
    assert figures.whole_partnership is None
    assert families_by_level(figures).as_dict()["2. Getting Advice"] == {"Families": 0}


def test_a_families_new_level_moves_them_in_the_kept_figures(cast: Cast) -> None:
    scope = dashboard_scope_for(cast.dana)
    period = Period(timezone.localdate() - dt.timedelta(days=30), timezone.localdate())
    family = make_family(cast.alice, "Hazel household")
    add_person(family, cast.alice, "Ned")
    complete(family, cast.alice, {"eyd-10": 2}, 2, timezone.now() - dt.timedelta(days=60))
    before = level_movement(figures_for(scope, period)).as_dict()
    assert before["2. Getting Advice"]["To 2. Getting Advice"] == 1
    complete(family, cast.alice, {"fin-03": 10}, 4, timezone.now())
    after = level_movement(figures_for(scope, period)).as_dict()
    assert after["2. Getting Advice"]["To 2. Getting Advice"] == 0
    assert after["2. Getting Advice"]["To 4. Getting More Help"] == 1
    by_level = families_by_level(figures_for(scope, period)).as_dict()
    assert by_level["4. Getting More Help"] == {"Families": 1}
    _assert_tallies_agree(cast)


def test_a_synthetic_caseload_is_counted_into_the_tallies(cast: Cast) -> None:
    synthesise(partnership=cast.alice.partnership, families=40, seed=3)  # type: ignore[arg-type]
    _assert_tallies_agree(cast)
