"""What is due, overdue and how long something has waited."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.worklist import (
    Urgency,
    add_working_days,
    days_waiting,
    is_due_soon,
    is_overdue,
    needs_doing,
    pending_label,
    response_due,
    timing,
    window_end,
)

MONDAY = dt.date(2026, 11, 23)
FRIDAY = dt.date(2026, 11, 27)


def test_the_pending_label_reads_as_every_page_shows_it() -> None:
    assert (
        pending_label(5, "Getting Risk Support", 3)
        == "5. Getting Risk Support, awaiting sign-off (3 days)"
    )
    assert pending_label(5, "Getting Risk Support", 1).endswith("(1 day)")
    assert pending_label(5, "Getting Risk Support", 0).endswith("(0 days)")


def test_days_waiting_never_goes_negative() -> None:
    assert days_waiting(MONDAY, FRIDAY) == 4
    assert days_waiting(FRIDAY, MONDAY) == 0


def test_due_today_is_due_not_overdue() -> None:
    assert not is_overdue(MONDAY, MONDAY)
    assert is_due_soon(MONDAY, MONDAY)
    assert is_overdue(MONDAY - dt.timedelta(days=1), MONDAY)


def test_due_this_week_is_within_seven_days() -> None:
    assert is_due_soon(MONDAY + dt.timedelta(days=6), MONDAY)
    assert not is_due_soon(MONDAY + dt.timedelta(days=7), MONDAY)
    assert window_end(MONDAY) == MONDAY + dt.timedelta(days=7)


def test_a_working_day_after_friday_is_monday() -> None:
    assert add_working_days(FRIDAY, 1) == FRIDAY + dt.timedelta(days=3)
    assert add_working_days(MONDAY, 1) == MONDAY + dt.timedelta(days=1)
    assert response_due(FRIDAY, 1) == dt.date(2026, 11, 30)
    assert add_working_days(MONDAY, 0) == MONDAY


def test_timing_of_waiting_and_due_items() -> None:
    waiting = timing(due=None, since=MONDAY, today=FRIDAY)
    assert (waiting.overdue, waiting.waiting_days, waiting.urgency) == (False, 4, Urgency.WAITING)
    late = timing(due=MONDAY, since=None, today=FRIDAY)
    assert (late.overdue, late.urgency) == (True, Urgency.OVERDUE)
    soon = timing(due=FRIDAY, since=MONDAY, today=MONDAY)
    assert (soon.overdue, soon.urgency) == (False, Urgency.DUE)


@given(st.dates(), st.dates())
def test_needs_doing_is_overdue_or_due_soon(due: dt.date, today: dt.date) -> None:
    try:
        soon = is_due_soon(due, today)
        needed = needs_doing(due, today)
    except OverflowError:
        return
    assert needed == (is_overdue(due, today) or soon)


@given(st.dates(max_value=dt.date(9000, 1, 1)), st.integers(min_value=0, max_value=30))
def test_working_days_land_on_a_weekday_and_move_forward(start: dt.date, days: int) -> None:
    end = add_working_days(start, days)
    assert end >= start
    if days:
        assert end.weekday() < 5
        assert (end - start).days <= days + 2 * (days // 5 + 1)
