"""Where a family plan criterion is on its way to being achieved, and the moves allowed.

identified -> in progress -> achieved -> sustained, or closed not achieved; no jumps.
Sustained means still achieved at a review held at least the sustain period after the
criterion was achieved. An achieved criterion that slips goes back to in progress.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class CriterionStatus(StrEnum):
    IDENTIFIED = "identified"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    SUSTAINED = "sustained"
    CLOSED_NOT_ACHIEVED = "closed_not_achieved"


LABELS = {
    CriterionStatus.IDENTIFIED: "Identified",
    CriterionStatus.IN_PROGRESS: "In progress",
    CriterionStatus.ACHIEVED: "Achieved",
    CriterionStatus.SUSTAINED: "Sustained",
    CriterionStatus.CLOSED_NOT_ACHIEVED: "Closed, not achieved",
}

ALLOWED: dict[CriterionStatus, frozenset[CriterionStatus]] = {
    CriterionStatus.IDENTIFIED: frozenset(
        {CriterionStatus.IN_PROGRESS, CriterionStatus.CLOSED_NOT_ACHIEVED}
    ),
    CriterionStatus.IN_PROGRESS: frozenset(
        {CriterionStatus.ACHIEVED, CriterionStatus.CLOSED_NOT_ACHIEVED}
    ),
    CriterionStatus.ACHIEVED: frozenset({CriterionStatus.SUSTAINED, CriterionStatus.IN_PROGRESS}),
    CriterionStatus.SUSTAINED: frozenset(),
    CriterionStatus.CLOSED_NOT_ACHIEVED: frozenset(),
}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(f"no day {day.day} in {year}-{month}")


def sustainable_from(achieved_on: dt.date, sustain_months: int) -> dt.date:
    return add_months(achieved_on, sustain_months)


def transition_problem(
    current: CriterionStatus,
    target: CriterionStatus,
    *,
    on: dt.date,
    achieved_on: dt.date | None = None,
    at_review: bool = False,
    sustain_months: int = 6,
) -> str | None:
    """Why this move is not allowed, or None when it is."""
    if target == current:
        return f"The criterion is already {LABELS[current].lower()}"
    if target not in ALLOWED[current]:
        allowed = " or ".join(
            f"'{LABELS[status].lower()}'"
            for status in CriterionStatus
            if status in ALLOWED[current]
        )
        if not allowed:
            return f"A criterion that is {LABELS[current].lower()} cannot change"
        return (
            f"A criterion that is {LABELS[current].lower()} can move to {allowed}, "
            f"not straight to '{LABELS[target].lower()}'"
        )
    if target == CriterionStatus.SUSTAINED:
        if not at_review:
            return "Record that an outcome is sustained at a review"
        if achieved_on is None:
            return "The criterion has no date it was achieved"
        ready = sustainable_from(achieved_on, sustain_months)
        if on < ready:
            return (
                f"It can count as sustained at a review from {ready:%-d %B %Y}, "
                f"{sustain_months} months after it was achieved"
            )
    return None
