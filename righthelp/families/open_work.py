"""What is open for a family, for the top of its page: the latest level of need, the
latest exploitation screening's band, the family plan's state and what is overdue.

Reads only; each part comes from its own app's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
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


def _count_per_family(queryset: QuerySet[Any]) -> Subquery:
    """A correlated count of ``queryset`` (rows of one family) as a column of the family."""
    return Subquery(queryset.order_by().values("family").annotate(n=Count("pk")).values("n"))


OPEN_WORK_COLUMNS = ("open_plan_id", "latest_screening_id", "open_referrals")


def open_work_columns() -> dict[str, Any]:
    """What ``open_work`` needs first, as annotations of a family query: the open plan's id,
    the latest screening's id and the count of requests not yet sent. A page that reads the
    family anyway adds these to that query (``family_for(..., annotate=...)``) and saves a
    round trip."""
    from righthelp.plans.models import FamilyPlan
    from righthelp.referrals.models import Referral
    from righthelp.screening.models import Screening

    return {
        "open_plan_id": Subquery(
            FamilyPlan.objects.filter(family=OuterRef("pk"), closed_at__isnull=True)
            .order_by("-created_at")
            .values("pk")[:1]
        ),
        "latest_screening_id": Subquery(
            Screening.objects.filter(family=OuterRef("pk"))
            .order_by("-screened_on", "-recorded_at")
            .values("pk")[:1]
        ),
        "open_referrals": _count_per_family(
            Referral.objects.filter(family=OuterRef("pk"), sent_at__isnull=True)
        ),
    }


def open_work(family: Family) -> OpenWork:
    """One query for what the family has open (none when ``family`` was read with
    ``open_work_columns``), then one for its plan's figures and one for its latest
    screening, only where it has them: never a query per member or record."""
    from righthelp.core.criterion_status import CriterionStatus
    from righthelp.plans.models import OPEN_ACTION, FamilyPlan
    from righthelp.screening.models import Screening
    from righthelp.screening.services import instrument_of

    today = timezone.localdate()
    if all(hasattr(family, name) for name in OPEN_WORK_COLUMNS):
        ids = {name: getattr(family, name) for name in OPEN_WORK_COLUMNS}
    else:
        ids = (
            Family.objects.filter(pk=family.pk)
            .annotate(**open_work_columns())
            .values(*OPEN_WORK_COLUMNS)
            .get()
        )
    latest = None
    if ids["latest_screening_id"] is not None:
        screening = Screening.objects.select_related("person").get(pk=ids["latest_screening_id"])
        names = {band.id: band.name for band in instrument_of(screening).bands}
        latest = LatestScreening(
            person=screening.person.full_name,
            band=names.get(screening.score_band, screening.score_band),
            screened_on=screening.screened_on,
        )
    plan = None
    if ids["open_plan_id"] is not None:
        done = [CriterionStatus.ACHIEVED.value, CriterionStatus.SUSTAINED.value]
        plan = (
            FamilyPlan.objects.filter(pk=ids["open_plan_id"])
            .annotate(
                criteria_count=Count("criteria", distinct=True),
                criteria_done=Count("criteria", filter=Q(criteria__status__in=done), distinct=True),
                actions_overdue=Count(
                    "actions",
                    filter=Q(actions__due_on__lt=today, actions__status__in=OPEN_ACTION),
                    distinct=True,
                ),
            )
            .get()
        )
    next_review = plan.next_review_on if plan is not None else None
    return OpenWork(
        latest_screening=latest,
        plan_started_on=timezone.localdate(plan.created_at) if plan is not None else None,
        criteria=plan.criteria_count if plan is not None else 0,
        criteria_achieved=plan.criteria_done if plan is not None else 0,
        next_review_on=next_review,
        review_overdue=next_review is not None and next_review < today,
        overdue_actions=plan.actions_overdue if plan is not None else 0,
        open_referrals=ids["open_referrals"] or 0,
    )
