"""Finding a service in the partnership's directory: by words, by what it helps with, by age.

What a service helps with comes from the packs alone: the outcomes and headline criteria
whose "who can help" lists name it, and the levels of need whose support services link
to it. A service whose pack gives no ages is kept in an age search (the pack does not say
it is the wrong age) and says so on its page.

Words are matched against a service's name, description, how to refer, area, contacts
and what it helps with (the words of the criteria and levels that name it), each typed
phrase also as its synonyms (``core/synonyms.py``: the partnership's groups from its
packs, then the product's). Every concept of the query must match; when no service
matches them all, services matching some are shown, marked as such. Services people can
reach (a phone, email or website) rank above those the packs give no contact for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from righthelp.core.pack_set import PackSet, ServiceEntry
from righthelp.core.packs.schema import ContactKind, Level, Service
from righthelp.core.synonyms import Concept, SynonymGroup, concepts, product_groups
from righthelp.core.text_search import Weighted, index_terms

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


def synonym_groups(pack_set: PackSet) -> tuple[SynonymGroup, ...]:
    """The partnership's own synonym groups (from its packs, in order), then the product's."""
    own = tuple(
        SynonymGroup(group.phrases, pack.id) for pack in pack_set for group in pack.synonyms
    )
    return own + product_groups()


def is_reachable(service: Service) -> bool:
    """Whether the packs give a way to reach the service: a phone, an email or a website."""
    return any(contact.kind is not ContactKind.PERSON for contact in service.contacts)


def _help_texts(pack_set: PackSet) -> dict[str, list[str]]:
    """What each service helps with, as words: the needs and titles of the criteria that
    name it, and the names of the levels of need whose support services link to it."""
    texts: dict[str, list[str]] = {}
    for entry in pack_set.criteria:
        for service in entry.who_can_help:
            named = texts.setdefault(service.key, [])
            for text in (entry.criterion.group.title, entry.criterion.criterion.need):
                if text not in named:
                    named.append(text)
    thresholds = pack_set.thresholds
    if thresholds is not None:
        for level in thresholds.levels:
            for support in level.support_services:
                if support.service:
                    key = f"{thresholds.id}/{support.service}"
                    texts.setdefault(key, []).append(level.name)
    return texts


def _fields(entry: ServiceEntry, helps: Sequence[str] = ()) -> Sequence[Weighted]:
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
        *((text, 1) for text in helps),
    )


def _phrase_points(
    phrase: tuple[str, ...], words: frozenset[str], weight: int, *, starts: bool = True
) -> int:
    """Twice the weight when every word of the phrase is in the field whole; the weight
    when some are only word starts (never for words under four letters: "da" is not
    "day"; never for a synonym, ``starts=False``: "prevent" is not "prevention");
    0 when a word is missing."""
    whole = True
    for term in phrase:
        if term in words:
            continue
        if not starts or len(term) < 4 or not any(word.startswith(term) for word in words):
            return 0
        whole = False
    return 2 * weight if whole else weight


NAME, OWN, HELPS = 2, 1, 0
"""Where a concept matched: the service's name, its other own words, what it helps with."""


def _concept_points(
    concept: Concept, fields: Sequence[tuple[frozenset[str], int, int]]
) -> tuple[int, int]:
    """The concept's best points over the fields, and the best place it matched
    (``NAME``, ``OWN`` or ``HELPS``)."""
    best, place = 0, HELPS
    for position, phrase in enumerate(concept.alternatives):
        for words, weight, where in fields:
            points = _phrase_points(phrase, words, weight, starts=position == 0) * 2
            if not points:
                continue
            if position > 0:
                points -= 1  # the words typed count a little more than their synonyms
            best = max(best, points)
            place = max(place, where)
    return best, place


@dataclass(frozen=True)
class DirectoryHit:
    entry: ServiceEntry
    score: int
    matched: int
    """How many of the query's concepts the service matches."""
    reachable: bool
    direct: int = 0
    """How many concepts its own words match (not only what it helps with)."""
    named: int = 0
    """How many concepts its name matches."""


@dataclass(frozen=True)
class DirectorySearch:
    hits: tuple[DirectoryHit, ...]
    concepts: tuple[Concept, ...]
    partial: bool = False
    """No service matched every concept: these match some of them."""

    @property
    def entries(self) -> list[ServiceEntry]:
        return [hit.entry for hit in self.hits]

    @property
    def expanded(self) -> tuple[Concept, ...]:
        """The concepts searched as their synonyms too, for the page to say so."""
        return tuple(concept for concept in self.concepts if concept.sources)


def search_directory(pack_set: PackSet, query: DirectoryQuery) -> DirectorySearch:
    """Services matching the query's filters and words, best first.

    Without words: every service that passes the filters, in pack order. With words:
    services matching every concept (else, marked partial, any); those whose name matches
    first, then those whose other own words match, then those matched only by what they
    help with; within each, those people can reach before those they cannot; then by how
    well they match, then in pack order.
    """
    helping = helps_with(pack_set)
    nothing = HelpsWith()
    entries = [
        entry
        for entry in pack_set.services
        if (query.outcome is None or query.outcome in helping.get(entry.key, nothing).outcomes)
        and (query.criterion is None or query.criterion in helping.get(entry.key, nothing).criteria)
        and (query.age is None or age_fits(entry.service, query.age) is not False)
    ]
    found = concepts(query.text, synonym_groups(pack_set))
    if not found:
        return DirectorySearch(
            tuple(DirectoryHit(e, 0, 0, is_reachable(e.service)) for e in entries), found
        )
    help_texts = _help_texts(pack_set)
    scored: list[tuple[int, DirectoryHit]] = []
    for position, entry in enumerate(entries):
        own_fields = len(_fields(entry))
        fields = [
            (
                index_terms(text),
                weight,
                NAME if index == 0 else OWN if index < own_fields else HELPS,
            )
            for index, (text, weight) in enumerate(_fields(entry, help_texts.get(entry.key, ())))
            if text
        ]
        results = [_concept_points(concept, fields) for concept in found]
        matched = sum(1 for points, _ in results if points)
        if matched:
            hit = DirectoryHit(
                entry,
                score=sum(points for points, _ in results),
                matched=matched,
                reachable=is_reachable(entry.service),
                direct=sum(1 for points, place in results if points and place >= OWN),
                named=sum(1 for points, place in results if points and place == NAME),
            )
            scored.append((position, hit))
    complete = [(pos, hit) for pos, hit in scored if hit.matched == len(found)]
    partial = not complete and bool(scored)
    chosen = complete or scored
    chosen.sort(
        key=lambda ph: (
            -ph[1].matched,
            -ph[1].named,
            -ph[1].direct,
            not ph[1].reachable,
            -ph[1].score,
            ph[0],
        )
    )
    return DirectorySearch(tuple(hit for _, hit in chosen), found, partial)


def find_services(pack_set: PackSet, query: DirectoryQuery) -> list[ServiceEntry]:
    """Services matching the query, best first (``search_directory``'s order)."""
    return search_directory(pack_set, query).entries


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
