"""Two people save the same record from pages they opened at the same version: one save
wins whole, the other is refused (StaleEdit, shown both versions on the page), never a
merge of the two and never a silent overwrite. Each saved record kind, one pair each:
in turn on any database, and at the same moment from two connections on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.assessments import services as assessments
from righthelp.assessments.models import Assessment
from righthelp.conftest import Cast
from righthelp.core.packs.schema import ReferralRoute
from righthelp.disagreements import services as disagreements
from righthelp.disagreements.models import Disagreement
from righthelp.families import services as families
from righthelp.families.models import Family, Person
from righthelp.partnerships.models import Agency
from righthelp.plans import services as plans
from righthelp.plans.models import ActionStatus, FamilyPlan, PlanAction, PlanCriterion, Review
from righthelp.referrals import services as referrals
from righthelp.referrals.models import Referral, ReferralStatus
from righthelp.screening import services as screening
from righthelp.screening.models import IntelligenceSubmission, SourceKnows
from righthelp.versioned import StaleEdit

Edit = Callable[[Any, User, int, int], object]  # record, by, version, which editor (0 or 1)


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[Cast], Any]
    edit: Edit
    state: Callable[[Any], object]
    alone: Callable[[int], object]  # the state editor n's save alone leaves


def _criterion(cast: Cast) -> PlanCriterion:
    plan = plans.plan_start(family=cast.family, by=cast.alice)
    return plans.plan_criterion_add(plan=plan, by=cast.alice, criterion_id="6.2", person=cast.child)


def _action(cast: Cast) -> PlanAction:
    plan = plans.plan_start(family=cast.family, by=cast.alice)
    return plans.plan_action_add(
        plan=plan,
        by=cast.alice,
        what="Meet weekly",
        due_on=timezone.localdate() + dt.timedelta(days=7),
        owner_name="Alice",
    )


INTERVENTIONS = (["return-home-interviews", "youth-clubs"], ["mapping"])
STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)
TODAY = timezone.localdate()


def _plan_with_action(cast: Cast) -> FamilyPlan:
    return _action(cast).plan


def _review(plan: FamilyPlan, by: User, version: int, n: int) -> object:
    action = plan.actions.get()
    return plans.review_record(
        plan=plan,
        by=by,
        held_on=TODAY,
        attendees=f"editor {n}",
        progress={action.pk: (STATUSES[n], "")},
        expected_version=version,
    )


def _reviews(plan: FamilyPlan) -> object:
    attendees = list(Review.objects.filter(plan_id=plan.pk).values_list("attendees", flat=True))
    return attendees, PlanAction.objects.get(plan_id=plan.pk).status


def _sent_referral(cast: Cast) -> Referral:
    referral = referrals.referral_start(
        family=cast.family,
        by=cast.alice,
        route=ReferralRoute.CHILDRENS_SOCIAL_CARE,
        what_is_needed="An assessment",
    )
    Referral.objects.filter(pk=referral.pk).update(
        status=ReferralStatus.SENT, sent_at=timezone.now() - dt.timedelta(days=5)
    )
    return referral


def _intelligence(cast: Cast) -> IntelligenceSubmission:
    submission = screening.intelligence_create(
        family=cast.family, by=cast.alice, texts={"what_happened": "Seen with older men"}
    )
    screening.intelligence_source_record(
        submission=submission,
        by=cast.alice,
        expected_version=0,
        who="A neighbour",
        how="In person",
        knows_shared=SourceKnows.YES,
    )
    return submission


def _disagreement(cast: Cast) -> Disagreement:
    return disagreements.disagreement_raise(
        family=cast.family,
        by=cast.alice,
        about="Whether to step down",
        raised_on=TODAY - dt.timedelta(days=3),
        agencies=[
            Agency.objects.get(name="Children's Services"),
            Agency.objects.create(partnership=cast.family.partnership, name="Police"),
        ],
    )


KINDS = [
    Kind(
        "plan criterion interventions",
        _criterion,
        lambda c, by, v, n: plans.plan_interventions_set(
            criterion=c,
            by=by,
            intervention_ids=INTERVENTIONS[n],
            other=f"editor {n}",
            expected_version=v,
        ),
        lambda c: (
            sorted(
                PlanCriterion.objects.get(pk=c.pk).interventions.values_list(
                    "intervention_id", flat=True
                )
            ),
            PlanCriterion.objects.get(pk=c.pk).custom_interventions,
        ),
        lambda n: (sorted(INTERVENTIONS[n]), f"editor {n}"),
    ),
    Kind(
        "family details",
        lambda cast: cast.family,
        lambda f, by, v, n: families.family_update(
            family=f, by=by, expected_version=v, changes={"town": f"Town {n}"}
        ),
        lambda f: Family.objects.get(pk=f.pk).town,
        lambda n: f"Town {n}",
    ),
    Kind(
        "person",
        lambda cast: cast.child,
        lambda p, by, v, n: families.person_update(
            person=p, by=by, expected_version=v, changes={"given_name": f"Name{n}"}
        ),
        lambda p: Person.objects.get(pk=p.pk).given_name,
        lambda n: f"Name{n}",
    ),
    Kind(
        "plan notes",
        lambda cast: plans.plan_start(family=cast.family, by=cast.alice),
        lambda p, by, v, n: plans.plan_update_notes(
            plan=p, by=by, internal_notes=f"note {n}", expected_version=v
        ),
        lambda p: FamilyPlan.objects.get(pk=p.pk).internal_notes,
        lambda n: f"note {n}",
    ),
    Kind(
        "plan action status",
        _action,
        lambda a, by, v, n: plans.plan_action_set_status(
            action=a,
            by=by,
            status=[ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED][n],
            expected_version=v,
        ),
        lambda a: PlanAction.objects.get(pk=a.pk).status,
        lambda n: [ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED][n],
    ),
    Kind(
        "plan review",
        _plan_with_action,
        _review,
        _reviews,
        lambda n: ([f"editor {n}"], STATUSES[n]),
    ),
    Kind(
        "referral: parent told",
        _sent_referral,
        lambda r, by, v, n: referrals.referral_record_parent_told(
            referral=r, by=by, on=TODAY - dt.timedelta(days=n), expected_version=v
        ),
        lambda r: Referral.objects.get(pk=r.pk).parent_told_on,
        lambda n: TODAY - dt.timedelta(days=n),
    ),
    Kind(
        "intelligence marked sent",
        _intelligence,
        lambda s, by, v, n: screening.intelligence_mark_sent(
            submission=s, by=by, sent_on=TODAY - dt.timedelta(days=n), expected_version=v
        ),
        lambda s: IntelligenceSubmission.objects.get(pk=s.pk).sent_on,
        lambda n: TODAY - dt.timedelta(days=n),
    ),
    Kind(
        "disagreement escalated",
        _disagreement,
        lambda d, by, v, n: disagreements.disagreement_escalate(
            disagreement=d, by=by, on=TODAY, escalated_to=f"editor {n}", expected_version=v
        ),
        lambda d: list(
            Disagreement.objects.get(pk=d.pk).steps.values_list("stage", "escalated_to")
        ),
        lambda n: [(1, f"editor {n}")],
    ),
    Kind(
        "assessment conversation",
        lambda cast: assessments.assessment_start(family=cast.family, by=cast.alice),
        lambda a, by, v, n: assessments.assessment_record_conversation(
            assessment=a, by=by, expected_version=v, texts={"working_well": f"editor {n}"}
        ),
        lambda a: Assessment.objects.get(pk=a.pk).working_well,
        lambda n: f"editor {n}",
    ),
]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_two_saves_from_the_same_version_one_wins_whole(kind: Kind, cast: Cast) -> None:
    record = kind.make(cast)
    record.refresh_from_db()
    opened_at = record.version
    kind.edit(record, cast.alice, opened_at, 0)
    with pytest.raises(StaleEdit) as stale:
        kind.edit(record, cast.bob, opened_at, 1)
    assert stale.value.current is not None and stale.value.current.version == opened_at + 1
    assert kind.state(record) == kind.alone(0)  # the second changed nothing, merged nothing


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_two_saves_at_the_same_moment_one_wins_whole(kind: Kind, cast: Cast) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("in-memory SQLite is one connection; the in-turn test covers SQLite")
    record = kind.make(cast)
    record.refresh_from_db()
    opened_at = record.version
    start = threading.Barrier(2)
    outcome: dict[int, str] = {}

    def editor(n: int, by: User) -> None:
        try:
            start.wait()
            kind.edit(type(record).objects.get(pk=record.pk), by, opened_at, n)
            outcome[n] = "saved"
        except StaleEdit:
            outcome[n] = "stale"
        except Exception as error:
            outcome[n] = repr(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=editor, args=(n, by)) for n, by in enumerate((cast.alice, cast.bob))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.values()) == ["saved", "stale"]
    [winner] = [n for n, result in outcome.items() if result == "saved"]
    assert kind.state(record) == kind.alone(winner)
    record.refresh_from_db()
    assert record.version == opened_at + 1


def test_the_page_keeps_the_ticks_and_shows_what_was_saved_meanwhile(
    cast: Cast, client: Client
) -> None:
    criterion = _criterion(cast)
    client.force_login(cast.alice)
    url = reverse("plans:criterion", args=[cast.family.pk, criterion.plan_id, criterion.pk])
    opened_at = criterion.version
    plans.plan_interventions_set(
        criterion=criterion, by=cast.bob, intervention_ids=["mapping"], expected_version=opened_at
    )
    response = client.post(
        url,
        {"form": "interventions", "interventions": ["youth-clubs"], "version": opened_at},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved the interventions" in page
    assert "Saved now: Mapping." in page
    assert re.search(r'value="youth-clubs"[^>]*checked', page)  # the ticks are kept
    assert not re.search(r'value="mapping"[^>]*checked', page)
    assert list(criterion.interventions.values_list("intervention_id", flat=True)) == ["mapping"]
    # Saving again, now knowingly, replaces Bob's choice with Alice's.
    client.post(
        url,
        {"form": "interventions", "interventions": ["youth-clubs"], "version": opened_at + 1},
    )
    assert list(criterion.interventions.values_list("intervention_id", flat=True)) == [
        "youth-clubs"
    ]
