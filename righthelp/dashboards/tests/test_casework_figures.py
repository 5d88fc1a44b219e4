"""The casework figures pinned by known answers: plan criteria, referrals, overdue work and
screenings, for the analyst (the whole partnership) and a manager (their team's families)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.conftest import Cast
from righthelp.core.criterion_status import CriterionStatus
from righthelp.core.exploitation_bands import SeenCounts
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.dashboards.selectors import (
    Period,
    criteria_progress,
    overdue_work,
    referrals_by_route,
    screenings_by_band,
)
from righthelp.dashboards.tests.known import Known, at, known_families
from righthelp.dashboards.tests.test_figures import SPRING_2025, _figures
from righthelp.plans import services as plans
from righthelp.plans.models import FamilyPlan, PlanCriterion
from righthelp.referrals import services as referrals
from righthelp.referrals.models import Referral
from righthelp.screening.services import screening_record


def _move(criterion: PlanCriterion, by: User, to: CriterionStatus, on: dt.date) -> None:
    criterion.refresh_from_db()
    plans.plan_criterion_move(
        criterion=criterion, by=by, to=to, on=on, expected_version=criterion.version
    )


@pytest.fixture
def casework(cast: Cast) -> tuple[Cast, Known]:
    known = known_families(cast)
    sam = {f.name: f.members.get(given_name="Sam") for f in (known.amber, known.birch, known.cedar)}

    amber = plans.plan_start(family=known.amber, by=cast.alice)
    missing = plans.plan_criterion_add(
        plan=amber, by=cast.alice, criterion_id="6.2", person=sam["Amber household"]
    )
    plans.plan_criterion_add(plan=amber, by=cast.alice, criterion_id="8.1")
    _move(missing, cast.alice, CriterionStatus.IN_PROGRESS, dt.date(2025, 2, 1))
    plans.plan_action_add(
        plan=amber, by=cast.alice, what="Overdue", due_on=dt.date(2020, 1, 1), owner_name="A"
    )
    FamilyPlan.objects.filter(pk=amber.pk).update(next_review_on=dt.date(2020, 2, 1))

    birch = plans.plan_start(family=known.birch, by=cast.alice)
    achieved = plans.plan_criterion_add(
        plan=birch, by=cast.alice, criterion_id="6.2", person=sam["Birch household"]
    )
    _move(achieved, cast.alice, CriterionStatus.IN_PROGRESS, dt.date(2025, 1, 1))
    _move(achieved, cast.alice, CriterionStatus.ACHIEVED, dt.date(2025, 2, 1))
    future = timezone.localdate() + dt.timedelta(days=300)
    plans.plan_action_add(
        plan=birch, by=cast.alice, what="Not yet due", due_on=future, owner_name="B"
    )

    cedar = plans.plan_start(family=known.cedar, by=cast.charlie)
    sustained = plans.plan_criterion_add(
        plan=cedar, by=cast.charlie, criterion_id="6.3", person=sam["Cedar household"]
    )
    _move(sustained, cast.charlie, CriterionStatus.IN_PROGRESS, dt.date(2024, 12, 1))
    _move(sustained, cast.charlie, CriterionStatus.ACHIEVED, dt.date(2025, 1, 1))
    sustained.refresh_from_db()
    plans.review_record(
        plan=cedar,
        by=cast.charlie,
        held_on=dt.date(2025, 8, 1),
        attendees="Sam",
        moves={sustained.pk: CriterionStatus.SUSTAINED},
        next_review_on=future,
    )

    social_care = referrals.referral_start(
        family=known.amber,
        by=cast.alice,
        what_is_needed="x",
        route=ReferralRoute.CHILDRENS_SOCIAL_CARE,
    )
    referrals.referral_record_consent(
        referral=social_care,
        by=cast.alice,
        expected_version=1,
        consent_route=ConsentRoute.GIVEN,
        consent_confirmed_on=dt.date(2025, 3, 1),
    )
    referrals.referral_send(referral=social_care, by=cast.alice)
    prevent = referrals.referral_start(
        family=known.birch, by=cast.alice, what_is_needed="x", route=ReferralRoute.PREVENT
    )
    referrals.referral_send(referral=prevent, by=cast.alice)
    early = referrals.referral_start(
        family=known.cedar, by=cast.charlie, what_is_needed="x", route=ReferralRoute.EARLY_HELP
    )
    referrals.referral_send(referral=early, by=cast.charlie)
    Referral.objects.filter(pk=social_care.pk).update(sent_at=at(2025, 3, 3))
    Referral.objects.filter(pk=prevent.pk).update(sent_at=at(2025, 4, 4))
    Referral.objects.filter(pk=early.pk).update(sent_at=at(2025, 12, 1))  # after the spring

    screening_record(
        family=known.amber,
        by=cast.alice,
        person=sam["Amber household"],
        screened_on=dt.date(2025, 3, 10),
        score=7,
        counts=SeenCounts(3, 1, 0),
        decision="Plan",
    )
    screening_record(
        family=known.birch,
        by=cast.alice,
        person=sam["Birch household"],
        screened_on=dt.date(2025, 4, 10),
        score=2,
        counts=SeenCounts(3, 3, 0),
        decision="MASH",
    )
    screening_record(
        family=known.cedar,
        by=cast.charlie,
        person=sam["Cedar household"],
        screened_on=dt.date(2025, 9, 1),
        score=10,
        counts=SeenCounts(0, 0, 0),
        decision="None",
    )
    return cast, known


def test_criteria_by_where_they_have_got_to(casework: tuple[Cast, Known]) -> None:
    cast, _ = casework
    table = criteria_progress(_figures(cast.dana)).as_dict()
    assert table == {
        "6.2 Child going missing from home": {
            "Identified": 0,
            "In progress": 1,
            "Achieved": 1,
            "Sustained": 0,
            "Closed, not achieved": 0,
        },
        "6.3 Child identified as at risk of or experiencing sexual exploitation": {
            "Identified": 0,
            "In progress": 0,
            "Achieved": 0,
            "Sustained": 1,
            "Closed, not achieved": 0,
        },
        "8.1 Family affected by domestic abuse or interpersonal violence and abuse- historic, "
        "recent, current or at risk (victim)": {
            "Identified": 1,
            "In progress": 0,
            "Achieved": 0,
            "Sustained": 0,
            "Closed, not achieved": 0,
        },
    }
    managers = criteria_progress(_figures(cast.bob)).as_dict()
    assert not any(label.startswith("6.3") for label in managers)  # Cedar is another team's


def test_referrals_sent_in_the_period_by_route_and_consent(casework: tuple[Cast, Known]) -> None:
    cast, _ = casework
    table = referrals_by_route(_figures(cast.dana, SPRING_2025)).as_dict()
    social_care = "Children's Social Care (Integrated Front Door or MASH)"
    assert table[social_care]["The parent or carer agreed to the referral"] == 1
    assert table["Prevent"]["No consent route recorded"] == 1
    assert set(table["Early help"].values()) == {0}  # sent in December, after the spring
    whole_year = referrals_by_route(
        _figures(cast.dana, Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    )
    assert whole_year.as_dict()["Early help"]["No consent route recorded"] == 1


def test_overdue_actions_and_reviews(casework: tuple[Cast, Known]) -> None:
    cast, _ = casework
    assert overdue_work(_figures(cast.dana)).as_dict() == {
        "Plan actions past their due date": {"Number": 1},
        "Plans past their agreed review date": {"Number": 1},
    }


def test_screenings_by_band_from_the_score_and_from_what_was_seen(
    casework: tuple[Cast, Known],
) -> None:
    cast, _ = casework
    table = screenings_by_band(_figures(cast.dana, SPRING_2025)).as_dict()
    assert table == {
        "Universal risk": {"From the score": 0, "From what was seen": 0},
        "Low (mild) risk": {"From the score": 1, "From what was seen": 1},
        "Medium (moderate) risk": {"From the score": 0, "From what was seen": 1},
        "High (significant) risk": {"From the score": 1, "From what was seen": 0},
        "Score and what was seen disagree": {"From the score": 1, "From what was seen": 1},
    }
