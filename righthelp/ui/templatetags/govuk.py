"""Template helpers for GOV.UK components."""

from __future__ import annotations

import datetime as dt
from itertools import chain
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from righthelp.core.web_addresses import split_addresses
from righthelp.core.worklist import days_waiting, pending_label
from righthelp.ui.times import govuk_datetime, govuk_time

register = template.Library()


@register.inclusion_tag("govuk/error_summary.html")
def error_summary(*forms: Any) -> dict[str, Any]:
    """The error summary for any number of forms, errors in page order."""
    return {"errors": list(chain.from_iterable(f.summary_errors() for f in forms if f is not None))}


@register.filter(name="govuk_time")
def govuk_time_filter(value: Any) -> str:
    """A time as GOV.UK writes it: 7:32pm."""
    return govuk_time(value) if value else ""


@register.filter(name="govuk_datetime")
def govuk_datetime_filter(value: Any) -> str:
    """A date and time as GOV.UK writes them: 29 November 2026, 7:32pm."""
    return govuk_datetime(value) if value else ""


@register.simple_tag
def govuk_now() -> str:
    return govuk_datetime(timezone.now())


@register.filter(is_safe=True)
def link_addresses(text: str | None) -> SafeString:
    """Pack text with its web addresses (www.coventry.gov.uk/mash) as links; all else
    escaped."""
    return mark_safe(  # noqa: S308 -- every piece is escaped
        "".join(
            f'<a class="govuk-link" href="{escape(href)}">{escape(words)}</a>'
            if href
            else str(escape(words))
            for words, href in split_addresses(text or "")
        )
    )


@register.filter
def tel(number: str) -> str:
    """A phone number as a tel: link target."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


LEVEL_TAG_COLOURS = {
    1: "govuk-tag--green",
    2: "govuk-tag--turquoise",
    3: "govuk-tag--yellow",
    4: "govuk-tag--orange",
    5: "govuk-tag--red",
}


def _level_name(levels: Any, number: int) -> str:
    level = levels.get(number) if levels else None
    return str(level.name) if level else f"Level {number}"


@register.simple_tag
def level_tag(
    number: int | None,
    levels: Any,
    pending: int | None = None,
    since: dt.datetime | dt.date | None = None,
) -> SafeString:
    """A tag showing a level of need by number and name, coloured by severity; a decision
    waiting for a manager's sign-off shows beside it as its level, "awaiting sign-off
    (N days)", never as "Not assessed". Written here rather than by a template of its own:
    lists show one a row, and a template rendered fifty times was most of a page's time."""
    tags = []
    if number:
        tags.append(
            format_html(
                '<strong class="govuk-tag {}">{}. {}</strong>',
                LEVEL_TAG_COLOURS.get(number, "govuk-tag--grey"),
                number,
                _level_name(levels, number),
            )
        )
    if pending is not None:
        day = timezone.localtime(since).date() if isinstance(since, dt.datetime) else since
        waited = days_waiting(day, timezone.localdate()) if day is not None else 0
        tags.append(
            format_html(
                '<strong class="govuk-tag {} rh-pending-level">{}</strong>',
                LEVEL_TAG_COLOURS.get(pending or 0, "govuk-tag--grey"),
                pending_label(pending, _level_name(levels, pending), waited),
            )
        )
    if not tags:
        return mark_safe('<strong class="govuk-tag govuk-tag--grey">Not assessed</strong>')
    return mark_safe(" ".join(tags))  # noqa: S308 -- each tag is built by format_html


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def age_on(person: Any, day: Any) -> Any:
    return person.age_on(day)


@register.filter
def get_attr(record: Any, name: str) -> Any:
    return getattr(record, name, "")


@register.filter
def get_field_label(form: Any, name: str) -> str:
    return str(form.fields[name].label)
