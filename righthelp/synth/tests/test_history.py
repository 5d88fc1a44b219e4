"""A synthetic caseload's history is dated by its story: every timestamp synth writes,
audit events included, falls inside its own family's years, in the order things happened,
the same for the same seed; and the audit log still verifies (ADR 0057)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from uuid import UUID

import pytest
from django.db import transaction

from righthelp.assessments.models import Assessment
from righthelp.audit.models import Action, AuditEvent
from righthelp.audit.selectors import chain_report
from righthelp.audit.services import audit
from righthelp.chronology.models import ChronologyEntry
from righthelp.cli import main
from righthelp.conftest import Cast
from righthelp.core.audit_chain import HISTORY_RECORD_TYPE
from righthelp.families.models import Family, FamilyWorker
from righthelp.plans.models import FamilyPlan, PlanAction, PlanCriterion
from righthelp.referrals.models import Referral
from righthelp.screening.models import Screening
from righthelp.synth.generator import synthesise

DAY = dt.date(2026, 11, 1)
END = dt.datetime.combine(DAY, dt.time.max, tzinfo=dt.UTC)


def _synthetic(cast: Cast) -> list[Family]:
    return list(Family.objects.exclude(pk=cast.family.pk).order_by("pk"))


def _everything(cast: Cast) -> list[object]:
    """Every timestamp of the run's rows, and its audit events as the log keeps them."""
    ours = Family.objects.exclude(pk=cast.family.pk)
    return [
        sorted(ours.values_list("pk", "created_at", "updated_at", "current_level_at")),
        sorted(
            Assessment.objects.filter(family__in=ours).values_list(
                "pk", "started_at", "submitted_at", "completed_at"
            )
        ),
        sorted(
            ChronologyEntry.objects.filter(family__in=ours).values_list(
                "pk", "occurred_on", "recorded_at"
            )
        ),
        sorted(
            FamilyPlan.objects.filter(family__in=ours).values_list("pk", "created_at", "closed_at")
        ),
        sorted(Referral.objects.filter(family__in=ours).values_list("pk", "sent_at")),
        sorted(Screening.objects.filter(family__in=ours).values_list("pk", "recorded_at")),
        list(
            AuditEvent.objects.filter(family_id__in=ours.values("pk"))
            .order_by("id")
            .values_list("at", "action", "record_type", "record_id", "family_id")
        ),
    ]


def test_the_same_seed_gives_the_same_dates_and_the_same_audit_history(cast: Cast) -> None:
    partnership = cast.alice.partnership
    assert partnership is not None
    made = []
    for _ in range(2):
        with transaction.atomic():
            synthesise(partnership=partnership, families=25, seed=9, today=DAY)
            made.append(_everything(cast))
            transaction.set_rollback(True)
    assert made[0] == made[1]
    events = made[0][-1]
    assert isinstance(events, list) and len(events) > 25 * 5


def test_every_date_falls_in_its_familys_own_history_in_the_order_things_happened(
    cast: Cast,
) -> None:
    partnership = cast.alice.partnership
    assert partnership is not None
    synthesise(partnership=partnership, families=60, seed=2, today=DAY)
    families = {f.pk: f for f in _synthetic(cast)}
    assert len(families) == 60

    def within(family_id: UUID, at: dt.datetime | None, after: dt.datetime | None = None) -> None:
        if at is None:
            return
        assert families[family_id].created_at <= at <= END
        if after is not None:
            assert after <= at

    for family in families.values():
        assert family.updated_at == family.created_at
        within(family.pk, family.current_level_at)
    for worker in FamilyWorker.objects.filter(family__in=families):
        assert worker.since == families[worker.family_id].created_at
    assessments = {a.pk: a for a in Assessment.objects.filter(family__in=families)}
    for a in assessments.values():
        within(a.family_id, a.started_at)
        within(a.family_id, a.submitted_at, after=a.started_at)
        within(a.family_id, a.completed_at, after=a.started_at)
    for entry in ChronologyEntry.objects.filter(family__in=families):
        within(entry.family_id, entry.recorded_at)
        assert entry.occurred_on == entry.recorded_at.date()
    for plan in FamilyPlan.objects.filter(family__in=families):
        within(plan.family_id, plan.created_at)
        within(plan.family_id, plan.closed_at, after=plan.created_at)
    for criterion in PlanCriterion.objects.filter(plan__family__in=families):
        assert criterion.achieved_on is None or criterion.identified_on <= criterion.achieved_on
        assert criterion.achieved_on is None or criterion.achieved_on <= DAY
    for action in PlanAction.objects.filter(plan__family__in=families).select_related("plan"):
        assert action.created_at == action.plan.created_at
    for referral in Referral.objects.filter(family__in=families):
        within(referral.family_id, referral.sent_at)
    screenings = {s.pk: s for s in Screening.objects.filter(family__in=families)}
    for screening in screenings.values():
        within(screening.family_id, screening.recorded_at)

    # Each audit event is dated when its record says the thing happened.
    events = AuditEvent.objects.filter(family_id__in=families.keys()).order_by("id")
    seen: dict[tuple[str, str], list[tuple[str, dt.datetime]]] = defaultdict(list)
    for event in events:
        assert event.family_id is not None
        within(event.family_id, event.at)
        seen[event.record_type, event.record_id].append((event.action, event.at))
    for a in assessments.values():
        assert seen["assessment", str(a.pk)] == [
            (Action.CREATED, a.started_at),
            *([(Action.CHANGED, a.completed_at)] if a.completed_at else []),
        ]
    for family in families.values():
        created = [at for action, at in seen["family", str(family.pk)] if action != Action.VIEWED]
        assert created == [family.created_at]
    for entry in ChronologyEntry.objects.filter(family__in=families, assessment=None):
        assert seen["chronology_entry", str(entry.pk)] == [(Action.CREATED, entry.recorded_at)]
    for screening in screenings.values():
        assert seen["screening", str(screening.pk)] == [(Action.CREATED, screening.recorded_at)]
    for referral in Referral.objects.filter(family__in=families):
        assert seen["referral", str(referral.pk)] == [(Action.CREATED, referral.sent_at)]
    for plan in FamilyPlan.objects.filter(family__in=families):
        assert seen["family_plan", str(plan.pk)] == [(Action.CREATED, plan.created_at)]

    # Spread over the years, not clustered at the moment synth ran.
    dates = sorted(events.values_list("at", flat=True))
    assert dates[-1] - dates[0] > dt.timedelta(days=3 * 365)
    assert len({at.date() for at in dates}) > 200


def test_the_log_still_verifies_and_names_the_synthetic_history(cast: Cast) -> None:
    partnership = cast.alice.partnership
    assert partnership is not None
    before = chain_report()
    assert before.broken is None
    synthesise(partnership=partnership, families=15, seed=3, today=DAY)
    synthesise(partnership=partnership, families=10, seed=3, today=DAY)  # a second run
    audit(actor=cast.alice, action=Action.VIEWED, record_type="family", family_id=cast.family.pk)
    report = chain_report()
    assert report.broken is None
    markers = AuditEvent.objects.filter(record_type=HISTORY_RECORD_TYPE).order_by("id")
    assert [h.marker_id for h in report.histories] == [m.pk for m in markers]
    synthetic = AuditEvent.objects.exclude(record_type=HISTORY_RECORD_TYPE).filter(
        family_id__in=Family.objects.exclude(pk=cast.family.pk).values("pk")
    )
    assert sum(h.events for h in report.histories) == synthetic.count()
    assert report.events == before.events + synthetic.count() + 2 + 1
    first, second = report.histories
    assert first.last_at is not None and second.first_at is not None
    assert second.first_at < first.last_at  # the second run's history goes back years again
    # Written in date order: by id, the run's events never go back in time.
    ats = list(
        synthetic.filter(id__gt=first.marker_id, id__lt=second.marker_id)
        .order_by("id")
        .values_list("at", flat=True)
    )
    assert ats == sorted(ats) and len(ats) == first.events


def test_audit_verify_says_the_log_holds_a_synthetic_history(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    partnership = cast.alice.partnership
    assert partnership is not None
    synthesise(partnership=partnership, families=5, seed=1, today=DAY)
    marker = AuditEvent.objects.get(record_type=HISTORY_RECORD_TYPE)
    assert main(["audit", "verify"]) == 0
    said = capsys.readouterr().out
    assert "Audit log intact" in said
    assert f"synthetic history (righthelp synth) of {marker.detail['events']} events" in said
    assert main(["audit", "verify", "--format", "json"]) == 0
    [history] = json.loads(capsys.readouterr().out)["synthetic_histories"]
    assert history["marker_id"] == marker.pk
    assert history["events"] == marker.detail["events"] > 5 * 5
