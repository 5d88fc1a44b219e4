"""What is due, what is overdue, and how long something has waited: the rules every
worklist, reminder and page that shows waiting work uses, written once.

Dates only, no Django: the shell passes today's date in the partnership's time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

DUE_SOON_DAYS = 7
"""The product's reading of "due this week": due within the next seven days, today included."""

SUBJECT_ACCESS_WARNING_DAYS = 7
"""A subject access request shows on its manager's worklist from a week before its answer
is due (the product's setting; the due date itself comes from ``core.subject_access``)."""


def days_waiting(since: dt.date, today: dt.date) -> int:
    """Whole days from ``since`` to ``today``; never negative (a clock set wrong waits 0 days)."""
    return max((today - since).days, 0)


def days_phrase(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def pending_label(number: int, name: str, days: int) -> str:
    """How a decision waiting for a manager's sign-off reads on every page that shows a level:
    ``5. Getting Risk Support, awaiting sign-off (3 days)``."""
    return f"{number}. {name}, awaiting sign-off ({days_phrase(days)})"


def is_overdue(due: dt.date, today: dt.date) -> bool:
    """Overdue is past its due date: work due today is due, not yet overdue."""
    return due < today


def is_due_soon(due: dt.date, today: dt.date, within_days: int = DUE_SOON_DAYS) -> bool:
    """Due today or within the next ``within_days`` days (not yet overdue)."""
    return today <= due < today + dt.timedelta(days=within_days)


def needs_doing(due: dt.date, today: dt.date, within_days: int = DUE_SOON_DAYS) -> bool:
    """On a worklist: overdue, or due soon."""
    return due < today + dt.timedelta(days=within_days)


def window_end(today: dt.date, within_days: int = DUE_SOON_DAYS) -> dt.date:
    """The first day not on a worklist: anything due before it is listed. Selectors filter
    ``due__lt=window_end(today)`` so the database does the choosing."""
    return today + dt.timedelta(days=within_days)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days (Monday to Friday) after ``start``. Bank holidays are
    not counted out: the product's reading, labelled where a due date is shown."""
    if days < 0:
        raise ValueError("working days are counted forward")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    WAITING = "waiting"
    """No due date: waiting for someone (a sign-off, an answer)."""


@dataclass(frozen=True)
class Timing:
    due: dt.date | None
    overdue: bool
    waiting_days: int
    urgency: Urgency


def timing(*, due: dt.date | None, since: dt.date | None, today: dt.date) -> Timing:
    """An item's timing from its due date (if it has one) and when it started waiting."""
    waited = days_waiting(since, today) if since is not None else 0
    if due is None:
        return Timing(None, False, waited, Urgency.WAITING)
    overdue = is_overdue(due, today)
    return Timing(due, overdue, waited, Urgency.OVERDUE if overdue else Urgency.DUE)


def response_due(received: dt.date, working_days: int) -> dt.date:
    """When a front door's decision on a request is due: ``working_days`` working days after
    the day it was received (the pack's setting)."""
    return add_working_days(received, working_days)


def screen_again_by(screened_on: dt.date, after_weeks: int) -> dt.date:
    """When a screening is due again by the partnership's setting: ``after_weeks`` weeks
    after the day it was done."""
    if after_weeks < 1:
        raise ValueError("a screening is due again at least a week after it was done")
    return screened_on + dt.timedelta(weeks=after_weeks)


def screen_again_problems(
    *,
    screened_on: dt.date,
    chosen: dt.date,
    setting: dt.date | None,
    reason: str,
) -> dict[str, str]:
    """What is wrong with a practitioner's "screen again by" date (SCREENAGAIN01, 02): it
    must be after the screening, and a date other than the partnership's setting needs a
    reason. Field name to message; empty when it may be saved."""
    problems = {}
    if chosen <= screened_on:
        problems["screen_again_by"] = (
            "The date to screen again by must be after the date of the screening"
        )
    if chosen != setting and not reason.strip():
        problems["screen_again_reason"] = (
            "Enter why this young person should be screened again on this date"
            if setting is None
            else "Enter why the date differs from the partnership's setting"
        )
    return problems


DECISIONS_RECENT_DAYS = 14
"""A front door decision stays on its sender's worklist for two weeks after it is made
(the product's setting)."""


class Kind(StrEnum):
    """What kind of work an item is. The email digest says only these and their counts."""

    ACTION_OVERDUE = "action_overdue"
    ACTION_DUE = "action_due"
    REVIEW_DUE = "review_due"
    ASSESSMENT_IN_PROGRESS = "assessment_in_progress"
    ASSESSMENT_RETURNED = "assessment_returned"
    FRONT_DOOR_QUESTION = "front_door_question"
    FRONT_DOOR_DECISION = "front_door_decision"
    SIGN_OFF = "sign_off"
    REFERRAL_APPROVAL = "referral_approval"
    TEAM_ACTION_OVERDUE = "team_action_overdue"
    TEAM_REVIEW_OVERDUE = "team_review_overdue"
    SUBJECT_ACCESS_DUE = "subject_access_due"
    FRONT_DOOR_REQUEST = "front_door_request"
    SCREENING_DUE = "screening_due"


KIND_LABELS: dict[Kind, tuple[str, str]] = {
    Kind.ACTION_OVERDUE: ("Plan action overdue", "Plan actions overdue"),
    Kind.ACTION_DUE: ("Plan action due this week", "Plan actions due this week"),
    Kind.REVIEW_DUE: ("Plan review due", "Plan reviews due"),
    Kind.ASSESSMENT_IN_PROGRESS: ("Assessment in progress", "Assessments in progress"),
    Kind.ASSESSMENT_RETURNED: ("Assessment returned by a manager", "Assessments returned"),
    Kind.FRONT_DOOR_QUESTION: (
        "Question from the front door",
        "Questions from the front door",
    ),
    Kind.FRONT_DOOR_DECISION: ("Front door decision received", "Front door decisions received"),
    Kind.SIGN_OFF: ("Decision waiting for your sign-off", "Decisions waiting for your sign-off"),
    Kind.REFERRAL_APPROVAL: (
        "Request for service waiting for your approval",
        "Requests for service waiting for your approval",
    ),
    Kind.TEAM_ACTION_OVERDUE: ("Your team's plan action overdue", "Your team's overdue actions"),
    Kind.TEAM_REVIEW_OVERDUE: ("Your team's plan review overdue", "Your team's overdue reviews"),
    Kind.SUBJECT_ACCESS_DUE: (
        "Subject access request falling due",
        "Subject access requests falling due",
    ),
    Kind.FRONT_DOOR_REQUEST: ("Request for service to decide", "Requests for service to decide"),
    Kind.SCREENING_DUE: ("Exploitation screening due again", "Exploitation screenings due again"),
}


def kind_label(kind: Kind, count: int = 1) -> str:
    one, many = KIND_LABELS[kind]
    return one if count == 1 else many


def sort_key(
    *, overdue: bool, due: dt.date | None, waiting_days: int, level: int | None
) -> tuple[int, int, dt.date, int]:
    """The default order of a worklist: overdue first; then the highest level (a sign-off at
    Getting Risk Support before one at a lower level); then the soonest due; then the
    longest waiting."""
    return (
        0 if overdue else 1,
        -(level or 0),
        due or dt.date.max,
        -waiting_days,
    )
