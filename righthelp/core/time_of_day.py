"""A time of day as people type it ("7:32pm", "7pm", "19:32", "midday"), and the time a
new chronology entry takes when none is typed."""

from __future__ import annotations

import datetime as dt
import re

_TWELVE_HOUR = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)$")
_TWENTY_FOUR_HOUR = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class TimeOfDayError(ValueError):
    """The message says what to type instead."""


def parse_time_of_day(text: str) -> dt.time:
    """``7:32pm``, ``7.32 pm``, ``7pm``, ``19:32``, ``midday``, ``midnight``."""
    typed = text.strip().lower().replace("a.m.", "am").replace("p.m.", "pm")
    if typed in ("midday", "noon", "12 noon"):
        return dt.time(12, 0)
    if typed == "midnight":
        return dt.time(0, 0)
    if match := _TWELVE_HOUR.match(typed):
        hour, minute = int(match[1]), int(match[2] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise TimeOfDayError("Enter a real time, like 7:32pm")
        return dt.time(hour % 12 + (12 if match[3] == "pm" else 0), minute)
    if match := _TWENTY_FOUR_HOUR.match(typed):
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            raise TimeOfDayError("Enter a real time, like 7:32pm or 19:32")
        return dt.time(hour, minute)
    raise TimeOfDayError("Enter the time like 7:32pm, 9am or 19:32")


def entry_time(*, occurred_on: dt.date, typed: dt.time | None, now: dt.datetime) -> dt.time | None:
    """The time a new entry records: the time typed; else, for something that happened
    today, the time now (to the minute); else none, since a time made up for an earlier day
    would be false. ``now`` is local time."""
    if typed is not None:
        return typed
    if occurred_on == now.date():
        return now.time().replace(second=0, microsecond=0)
    return None


def future_time(*, occurred_on: dt.date, at: dt.time | None, now: dt.datetime) -> bool:
    """A time later today than now: something that has not happened yet."""
    return at is not None and occurred_on == now.date() and at > now.time()
