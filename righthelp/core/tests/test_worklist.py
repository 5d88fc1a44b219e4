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


# --- screenings due again ------------------------------------------------------------------


def test_a_screening_is_due_again_the_settings_weeks_after_it_was_done() -> None:
    from righthelp.core.worklist import screen_again_by

    assert screen_again_by(MONDAY, 6) == dt.date(2027, 1, 4)
    assert screen_again_by(MONDAY, 1) == MONDAY + dt.timedelta(days=7)


def test_a_setting_of_no_weeks_is_refused() -> None:
    import pytest

    from righthelp.core.worklist import screen_again_by

    with pytest.raises(ValueError, match="at least a week"):
        screen_again_by(MONDAY, 0)


def test_screen_again_by_the_setting_needs_no_reason() -> None:
    from righthelp.core.worklist import screen_again_problems

    setting = dt.date(2027, 1, 4)
    assert (
        screen_again_problems(screened_on=MONDAY, chosen=setting, setting=setting, reason="") == {}
    )


def test_another_date_than_the_setting_needs_a_reason_SCREENAGAIN02() -> None:
    from righthelp.core.worklist import screen_again_problems

    setting = dt.date(2027, 1, 4)
    sooner = dt.date(2026, 12, 7)
    problems = screen_again_problems(screened_on=MONDAY, chosen=sooner, setting=setting, reason=" ")
    assert problems == {
        "screen_again_reason": "Enter why the date differs from the partnership's setting"
    }
    assert (
        screen_again_problems(
            screened_on=MONDAY, chosen=sooner, setting=setting, reason="Going missing again"
        )
        == {}
    )
    no_setting = screen_again_problems(screened_on=MONDAY, chosen=sooner, setting=None, reason="")
    assert "should be screened again" in no_setting["screen_again_reason"]


def test_screen_again_on_or_before_the_screening_is_refused_SCREENAGAIN01() -> None:
    from righthelp.core.worklist import screen_again_problems

    for chosen in (MONDAY, MONDAY - dt.timedelta(days=1)):
        problems = screen_again_problems(
            screened_on=MONDAY, chosen=chosen, setting=None, reason="Because"
        )
        assert problems == {
            "screen_again_by": "The date to screen again by must be after the date of the screening"
        }


@given(st.dates(), st.integers(min_value=1, max_value=52))
def test_the_setting_is_always_after_the_screening_and_needs_no_reason(
    screened: dt.date, weeks: int
) -> None:
    from righthelp.core.worklist import screen_again_by, screen_again_problems

    try:
        due = screen_again_by(screened, weeks)
    except OverflowError:
        return
    assert due > screened
    assert screen_again_problems(screened_on=screened, chosen=due, setting=due, reason="") == {}
