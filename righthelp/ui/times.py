"""Times as GOV.UK writes them: "7:32pm", "5pm", "midday", "midnight"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.dateformat import format as date_format


def govuk_time(value: dt.datetime | dt.time) -> str:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    hour, minute = value.hour, value.minute
    if minute == 0 and hour == 12:
        return "midday"
    if minute == 0 and hour == 0:
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    twelve = hour % 12 or 12
    return f"{twelve}{suffix}" if minute == 0 else f"{twelve}:{minute:02d}{suffix}"


def govuk_datetime(value: dt.datetime) -> str:
    """ "29 November 2026, 7:32pm": the date and time in the local time zone."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date_format(local, 'j F Y')}, {govuk_time(local)}"
