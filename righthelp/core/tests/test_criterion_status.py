"""Every status move of a family plan criterion, allowed and refused."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from righthelp.core.criterion_status import (
    ALLOWED,
    CriterionStatus,
    add_months,
    transition_problem,
)

S = CriterionStatus
ALLOWED_MOVES = {
    (S.IDENTIFIED, S.IN_PROGRESS),
    (S.IDENTIFIED, S.CLOSED_NOT_ACHIEVED),
    (S.IN_PROGRESS, S.ACHIEVED),
    (S.IN_PROGRESS, S.CLOSED_NOT_ACHIEVED),
    (S.ACHIEVED, S.SUSTAINED),
    (S.ACHIEVED, S.IN_PROGRESS),
}
ACHIEVED_ON = dt.date(2026, 1, 31)
LATER = dt.date(2026, 8, 1)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_every_move(current: S, target: S) -> None:
    problem = transition_problem(current, target, on=LATER, achieved_on=ACHIEVED_ON, at_review=True)
    assert (problem is None) == ((current, target) in ALLOWED_MOVES), (current, target, problem)


def test_no_jumps() -> None:
    assert transition_problem(S.IDENTIFIED, S.ACHIEVED, on=LATER) == (
        "A criterion that is identified can move to 'in progress' or 'closed, not achieved', "
        "not straight to 'achieved'"
    )
    assert transition_problem(S.SUSTAINED, S.IN_PROGRESS, on=LATER) == (
        "A criterion that is sustained cannot change"
    )


def test_sustained_only_at_a_review_after_the_sustain_period() -> None:
    early = dt.date(2026, 7, 30)
    assert transition_problem(S.ACHIEVED, S.SUSTAINED, on=LATER, achieved_on=ACHIEVED_ON) == (
        "Record that an outcome is sustained at a review"
    )
    assert (
        transition_problem(
            S.ACHIEVED, S.SUSTAINED, on=early, achieved_on=ACHIEVED_ON, at_review=True
        )
        == "It can count as sustained at a review from 31 July 2026, 6 months after it was achieved"
    )
    assert (
        transition_problem(
            S.ACHIEVED,
            S.SUSTAINED,
            on=dt.date(2026, 7, 31),
            achieved_on=ACHIEVED_ON,
            at_review=True,
        )
        is None
    )
    assert (
        transition_problem(
            S.ACHIEVED,
            S.SUSTAINED,
            on=early,
            achieved_on=ACHIEVED_ON,
            at_review=True,
            sustain_months=3,
        )
        is None
    )


def test_the_allowed_table_has_no_jumps() -> None:
    order = [S.IDENTIFIED, S.IN_PROGRESS, S.ACHIEVED, S.SUSTAINED]
    for current, targets in ALLOWED.items():
        for target in targets:
            if current in order and target in order:
                assert abs(order.index(target) - order.index(current)) == 1


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 15), 12, dt.date(2027, 3, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected
