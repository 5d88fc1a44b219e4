"""What is open for a family, for the top of its page: the latest level of need, the
latest exploitation screening's band, the family plan's state and what is overdue.

Reads only; each part comes from its own app's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from righthelp.families.models import Family


@dataclass(frozen=True)
class LatestScreening:
    person: str
    band: str
    screened_on: date


@dataclass(frozen=True)
class OpenWork:
    latest_screening: LatestScreening | None
    plan_started_on: date | None
    """None when the family has no open plan."""
    criteria: int
    criteria_achieved: int
    next_review_on: date | None
    review_overdue: bool
    overdue_actions: int
    open_referrals: int

    @property
    def anything(self) -> bool:
        return bool(self.latest_screening or self.plan_started_on or self.open_referrals)


def open_work(family: Family) -> OpenWork:
    from righthelp.core.criterion_status import CriterionStatus
    from righthelp.plans.models import ActionStatus, PlanAction
    from righthelp.plans.selectors import current_plan
    from righthelp.referrals.models import Referral
    from righthelp.screening.models import Screening
    from righthelp.screening.services import instrument_of

    today = timezone.localdate()
    screening = (
        Screening.objects.filter(family=family)
        .select_related("person")
        .order_by("-screened_on", "-recorded_at")
        .first()
    )
    latest = None
    if screening is not None:
        names = {band.id: band.name for band in instrument_of(screening).bands}
        latest = LatestScreening(
            person=screening.person.full_name,
            band=names.get(screening.score_band, screening.score_band),
            screened_on=screening.screened_on,
        )
    plan = current_plan(family)
    criteria = achieved = overdue = 0
    if plan is not None:
        statuses = list(plan.criteria.values_list("status", flat=True))
        criteria = len(statuses)
        done = {CriterionStatus.ACHIEVED.value, CriterionStatus.SUSTAINED.value}
        achieved = sum(1 for status in statuses if status in done)
        overdue = PlanAction.objects.filter(
            plan=plan,
            due_on__lt=today,
            status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS],
        ).count()
    next_review = plan.next_review_on if plan is not None else None
    open_referrals = Referral.objects.filter(family=family, sent_at__isnull=True).count()
    return OpenWork(
        latest_screening=latest,
        plan_started_on=timezone.localdate(plan.created_at) if plan is not None else None,
        criteria=criteria,
        criteria_achieved=achieved,
        next_review_on=next_review,
        review_overdue=next_review is not None and next_review < today,
        overdue_actions=overdue,
        open_referrals=open_referrals,
    )
