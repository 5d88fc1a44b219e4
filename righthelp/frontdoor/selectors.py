"""Reads for the front door: its queue, one request with what it was sent with, and the
sender's view of a request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.assessments.models import Assessment, Status
from righthelp.core.front_door import Stage
from righthelp.core.worklist import days_waiting, is_overdue, pending_label
from righthelp.frontdoor.access import works_at_front_door
from righthelp.frontdoor.models import Receipt
from righthelp.partnerships.selectors import pack_set_for

OPEN_STAGES = (Stage.RECEIVED.value, Stage.ACKNOWLEDGED.value, Stage.INFORMATION_REQUESTED.value)
QUEUE_FILTERS = {
    "open": OPEN_STAGES,
    "to-do": (Stage.RECEIVED.value, Stage.ACKNOWLEDGED.value),
    "with-sender": (Stage.INFORMATION_REQUESTED.value,),
    "decided": (Stage.DECIDED.value,),
}
QUEUE_SORTS = {
    "oldest": ("received_at",),
    "newest": ("-received_at",),
    "due": ("decision_due_on", "received_at"),
}


def queue_for(user: User, *, show: str = "open", sort: str = "oldest") -> QuerySet[Receipt]:
    """The front door's requests (one query, whatever the size of the queue)."""
    if not works_at_front_door(user):
        return Receipt.objects.none()
    stages = QUEUE_FILTERS.get(show, OPEN_STAGES)
    return (
        Receipt.objects.filter(partnership=user.partnership, stage__in=stages)
        .select_related("referral__sent_by__team__agency", "referral__family")
        .order_by(*QUEUE_SORTS.get(sort, QUEUE_SORTS["oldest"]))
    )


def queue_count(user: User) -> int:
    """The front door's work to do, for the navigation (one count query)."""
    if not works_at_front_door(user):
        return 0
    return Receipt.objects.filter(
        partnership=user.partnership, stage__in=(Stage.RECEIVED.value, Stage.ACKNOWLEDGED.value)
    ).count()


@dataclass(frozen=True)
class ThresholdDecision:
    level: int
    level_name: str
    status: str
    decided_on: dt.date | None
    indicator_level: int | None
    override_reason: str
    indicators: tuple[str, ...]
    """The indicators found, as the pack words them."""
    pending: str | None = None
    """Waiting for a manager's sign-off: "5. Getting Risk Support, awaiting sign-off (N days)"."""


def latest_threshold_decision(receipt: Receipt) -> ThresholdDecision | None:
    """The family's latest threshold decision (completed, or waiting for sign-off) and why."""
    family = receipt.referral.family
    assessment = (
        Assessment.objects.filter(
            family=family, status__in=(Status.COMPLETED, Status.AWAITING_SIGNOFF)
        )
        .order_by("-submitted_at")
        .prefetch_related("findings")
        .first()
    )
    if assessment is None or assessment.final_level is None:
        return None
    packs = pack_set_for(family.partnership)
    thresholds = packs.thresholds
    levels = thresholds.levels_by_number if thresholds else {}
    indicators = thresholds.indicators_by_id if thresholds else {}
    found = sorted({f.indicator_id for f in assessment.findings.all()})
    level = levels.get(assessment.final_level)
    when = assessment.completed_at or assessment.submitted_at
    name = level.name if level else f"Level {assessment.final_level}"
    waiting = assessment.status == Status.AWAITING_SIGNOFF and assessment.submitted_at
    pending = (
        pending_label(
            assessment.final_level,
            name,
            days_waiting(timezone.localdate(assessment.submitted_at), timezone.localdate()),
        )
        if waiting and assessment.submitted_at
        else None
    )
    return ThresholdDecision(
        pending=pending,
        level=assessment.final_level,
        level_name=level.name if level else f"Level {assessment.final_level}",
        status=assessment.get_status_display(),
        decided_on=timezone.localdate(when) if when else None,
        indicator_level=assessment.indicator_level,
        override_reason=assessment.override_reason,
        indicators=tuple(indicators[i].indicator.text if i in indicators else i for i in found),
    )


def ageing(receipt: Receipt, today: dt.date | None = None) -> tuple[int, bool]:
    """Days since received, and whether the decision is overdue against the pack's setting."""
    day = today or timezone.localdate()
    overdue = receipt.stage != Stage.DECIDED.value and is_overdue(receipt.decision_due_on, day)
    return days_waiting(timezone.localdate(receipt.received_at), day), overdue
