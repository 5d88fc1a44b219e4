import datetime as dt

import pytest

from righthelp.core.time_of_day import (
    TimeOfDayError,
    entry_time,
    future_time,
    parse_time_of_day,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7:32pm", dt.time(19, 32)),
        ("7.32 PM", dt.time(19, 32)),
        ("7pm", dt.time(19, 0)),
        ("12am", dt.time(0, 0)),
        ("12:15pm", dt.time(12, 15)),
        ("9 a.m.", dt.time(9, 0)),
        ("19:32", dt.time(19, 32)),
        ("00:05", dt.time(0, 5)),
        ("midday", dt.time(12, 0)),
        ("Midnight", dt.time(0, 0)),
    ],
)
def test_times_people_type(typed: str, expected: dt.time) -> None:
    assert parse_time_of_day(typed) == expected


@pytest.mark.parametrize("typed", ["13pm", "7:60pm", "24:00", "7", "seven", "", "7:3pm"])
def test_what_is_not_a_time_says_how_to_type_one(typed: str) -> None:
    with pytest.raises(TimeOfDayError, match="like 7:32pm"):
        parse_time_of_day(typed)


NOW = dt.datetime(2026, 11, 29, 19, 32, 45, tzinfo=dt.UTC)  # local time


def test_a_typed_time_is_kept() -> None:
    assert entry_time(occurred_on=NOW.date(), typed=dt.time(9, 5), now=NOW) == dt.time(9, 5)


def test_today_without_a_time_takes_now_to_the_minute() -> None:
    assert entry_time(occurred_on=NOW.date(), typed=None, now=NOW) == dt.time(19, 32)


def test_an_earlier_day_without_a_time_has_none() -> None:
    earlier = NOW.date() - dt.timedelta(days=1)
    assert entry_time(occurred_on=earlier, typed=None, now=NOW) is None


def test_a_time_later_today_is_in_the_future() -> None:
    assert future_time(occurred_on=NOW.date(), at=dt.time(20, 0), now=NOW)
    assert not future_time(occurred_on=NOW.date(), at=dt.time(19, 0), now=NOW)
    assert not future_time(
        occurred_on=NOW.date() - dt.timedelta(days=1), at=dt.time(23, 0), now=NOW
    )
    assert not future_time(occurred_on=NOW.date(), at=None, now=NOW)
