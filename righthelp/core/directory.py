"""Finding a service in the partnership's directory: by words, by what it helps with, by age.

What a service helps with comes from the packs alone: the outcomes and headline criteria
whose "who can help" lists name it, and the levels of need whose support services link
to it. A service whose pack gives no ages is kept in an age search (the pack does not say
it is the wrong age) and says so on its page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from righthelp.core.pack_set import PackSet, ServiceEntry
from righthelp.core.packs.schema import ContactKind, Level, Service
from righthelp.core.text_search import Weighted, rank

MAX_AGE = 120


class InvalidAgeError(ValueError):
    def __init__(self) -> None:
        super().__init__(f"Enter an age in whole years, from 0 to {MAX_AGE}, like 14")


def parse_age(raw: str | None) -> int | None:
    """An age typed into a search form; blank means any age."""
    value = (raw or "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > MAX_AGE:
        raise InvalidAgeError
    return int(value)


@dataclass(frozen=True)
class HelpsWith:
    outcomes: tuple[int, ...] = ()
    criteria: tuple[str, ...] = ()
    """Headline criteria ids (``6.3``) whose "who can help" list names the service."""
    levels: tuple[Level, ...] = ()
    """Levels of need whose support services link to the service."""


def helps_with(pack_set: PackSet) -> dict[str, HelpsWith]:
    """What each service helps with, by service key; services named nowhere are absent."""
    outcomes: dict[str, set[int]] = {}
    criteria: dict[str, list[str]] = {}
    for entry in pack_set.criteria:
        for service in entry.who_can_help:
            outcomes.setdefault(service.key, set()).add(entry.criterion.outcome)
            named = criteria.setdefault(service.key, [])
            if entry.criterion.id not in named:
                named.append(entry.criterion.id)
    levels: dict[str, list[Level]] = {}
    thresholds = pack_set.thresholds
    if thresholds is not None:
        for level in thresholds.levels:
            for support in level.support_services:
                if support.service and pack_set.service(thresholds.id, support.service):
                    named_at = levels.setdefault(f"{thresholds.id}/{support.service}", [])
                    if level not in named_at:
                        named_at.append(level)
    return {
        key: HelpsWith(
            outcomes=tuple(sorted(outcomes.get(key, ()))),
            criteria=tuple(criteria.get(key, ())),
            levels=tuple(levels.get(key, ())),
        )
        for key in outcomes.keys() | levels.keys()
    }


def age_fits(service: Service, age: int) -> bool | None:
    """Whether the service's ages include this age; None when the pack gives no ages."""
    ages = service.ages
    if ages is None or (ages.min is None and ages.max is None):
        return None
    return (ages.min is None or ages.min <= age) and (ages.max is None or age <= ages.max)


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    outcome: int | None = None
    criterion: str | None = None
    age: int | None = None


def _fields(entry: ServiceEntry) -> Sequence[Weighted]:
    service = entry.service
    return (
        (service.name, 4),
        (service.description or "", 1),
        (service.referral_route or "", 1),
        (service.area or "", 1),
        (service.hours or "", 1),
        (service.ages.note if service.ages and service.ages.note else "", 1),
        (" ".join(c.label or "" for c in service.contacts), 1),
        (" ".join(c.value for c in service.contacts), 1),
    )


def find_services(pack_set: PackSet, query: DirectoryQuery) -> list[ServiceEntry]:
    """Services matching every part of the query, best text match first, else pack order."""
    helping = helps_with(pack_set)
    nothing = HelpsWith()
    entries = [
        entry
        for entry in pack_set.services
        if (query.outcome is None or query.outcome in helping.get(entry.key, nothing).outcomes)
        and (query.criterion is None or query.criterion in helping.get(entry.key, nothing).criteria)
        and (query.age is None or age_fits(entry.service, query.age) is not False)
    ]
    return rank(entries, query.text, _fields)


def _mentions(text: str, value: str) -> bool:
    pattern = r"(?<![\w@/.\-])" + re.escape(value.strip()) + r"(?![\w@\-]|\.\w)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def services_mentioned(pack_set: PackSet, pack_id: str, text: str) -> tuple[ServiceEntry, ...]:
    """The services of a pack whose phone number, email or web address the text gives,
    so a page that prints a number can offer it as a link with the service's name."""
    return tuple(
        entry
        for entry in pack_set.services
        if entry.source.pack_id == pack_id
        and any(
            _mentions(text, contact.value)
            for contact in entry.service.contacts
            if contact.kind is not ContactKind.PERSON
        )
    )
