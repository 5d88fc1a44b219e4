"""Template filters for the public pages: presentation only, no rules and no queries."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from righthelp.core.contacts import contact_href as _contact_href
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import Contact
from righthelp.public.markdown import render_markdown

register = template.Library()


@register.filter
def pack_markdown(text: str | None) -> SafeString:
    """Render pack Markdown (raw HTML off) with GOV.UK classes."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 -- HTML is disabled in the parser


@register.filter
def contact_href(contact: Contact) -> str | None:
    return _contact_href(contact)


@register.filter
def topic_words(topic: str) -> str:
    """A topic id as words: ``sharing-information`` -> ``sharing information``."""
    return topic.replace("-", " ")


_TAG_COLOURS = (
    "govuk-tag--green",
    "govuk-tag--turquoise",
    "govuk-tag--blue",
    "govuk-tag--orange",
    "govuk-tag--red",
)


@register.filter
def level_tag(pack: Pack, number: int) -> str:
    """A tag colour for a level, from green (the lowest) to red (the highest)."""
    numbers = sorted(pack.levels_by_number)
    if len(numbers) < 2 or number not in numbers:
        return "govuk-tag--grey"
    position = numbers.index(number) / (len(numbers) - 1)
    return _TAG_COLOURS[round(position * (len(_TAG_COLOURS) - 1))]


@register.filter
def level_name(pack: Pack, number: int) -> str:
    level = pack.levels_by_number.get(number)
    return level.name if level else str(number)


@register.filter
def outcome_title(pack: Pack, number: int) -> str:
    return next((o.title for o in pack.outcomes if o.number == number), str(number))
