"""When a subject access request must be answered."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.subject_access import response_due


def test_a_month_runs_to_the_same_date_of_the_next_month() -> None:
    assert response_due(dt.date(2026, 3, 5)) == dt.date(2026, 4, 5)
    assert response_due(dt.date(2026, 12, 15)) == dt.date(2027, 1, 15)


def test_without_that_date_it_runs_to_the_end_of_the_next_month() -> None:
    assert response_due(dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert response_due(dt.date(2028, 1, 30)) == dt.date(2028, 2, 29)
    assert response_due(dt.date(2026, 3, 31)) == dt.date(2026, 4, 30)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_due_within_28_to_31_days_and_never_earlier_for_a_later_request(
    received: dt.date,
) -> None:
    due = response_due(received)
    assert 28 <= (due - received).days <= 31
    assert response_due(received + dt.timedelta(days=1)) >= due
