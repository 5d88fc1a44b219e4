"""Finding a family among those you may see: by name, date of birth, postcode or NHS number.

Names are typo-tolerant: on PostgreSQL by trigram similarity (pg_trgm, indexed); on
SQLite by substring, then by close matches among the names you may see. The query is
posted, never put in a URL, because it is personal data.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordDistance
from django.db import connection
from django.db.models import CharField, F, Func, Q, QuerySet
from stdnum.gb import nhs

from righthelp.accounts.models import User
from righthelp.families.access import families_visible_to
from righthelp.families.models import Family, Person

POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
MAX_RESULTS = 50


@dataclass(frozen=True)
class SearchHit:
    family: Family
    people: tuple[Person, ...]
    """The members who matched; empty when the family itself matched (postcode)."""


def normalise_postcode(text: str) -> str | None:
    match = POSTCODE.match(" ".join(text.upper().split()))
    return f"{match.group(1)} {match.group(2)}" if match else None


def parse_date(text: str) -> dt.date | None:
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %m %Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    return None


def search_families(user: User, query: str) -> list[SearchHit]:
    query = " ".join(query.split())
    if not query:
        return []
    # Always from the user's own families: a set of ids by indexed joins, never a scan.
    families = families_visible_to(user)
    people = Person.objects.filter(family__in=families).select_related("family")

    digits = re.sub(r"\D", "", query)
    if len(digits) == 10 and len(digits) == len(query.replace(" ", "")) and nhs.is_valid(digits):
        return _hits(people.filter(nhs_number=digits))
    if (postcode := normalise_postcode(query)) is not None:
        return [
            SearchHit(family, ()) for family in families.filter(postcode=postcode)[:MAX_RESULTS]
        ]
    if (born := parse_date(query)) is not None:
        return _hits(people.filter(date_of_birth=born))
    return _hits(_by_name(people, query))


class NormalisedName(Func):
    """``lower(given_name || ' ' || family_name)``: written exactly as the trigram index on
    people is (migration ``families.0005``), so PostgreSQL can serve ``%`` and ``%>`` from it."""

    template = "lower(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = CharField()

    def __init__(self) -> None:
        super().__init__(F("given_name"), F("family_name"))


def _by_name(people: QuerySet[Person], query: str) -> list[Person]:
    if connection.vendor == "postgresql":
        # Index-served operators only: ``name % query`` (similarity of the whole name) or
        # ``name %> query`` (the query is close to a word of the name), both at pg_trgm's
        # thresholds (0.3 and 0.6), ranked by word distance among the few that match.
        text = query.lower()
        return list(
            people.alias(name=NormalisedName())
            .filter(Q(name__trigram_similar=text) | Q(name__trigram_word_similar=text))
            .annotate(distance=TrigramWordDistance(text, "name"))
            .order_by("distance", "family_name", "given_name")[:MAX_RESULTS]
        )
    return _by_name_without_trigrams(people, query)


def _by_name_without_trigrams(people: QuerySet[Person], query: str) -> list[Person]:
    tokens = query.split()
    condition = Q()
    for token in tokens:
        condition &= Q(given_name__icontains=token) | Q(family_name__icontains=token)
    exact = list(people.filter(condition).order_by("family_name", "given_name")[:MAX_RESULTS])
    if exact:
        return exact
    # Close matches among the people this user may see: a small set, compared in Python.
    candidates = list(people)
    names = {f"{p.given_name} {p.family_name}".lower(): p for p in candidates}
    for person in candidates:
        names.setdefault(person.family_name.lower(), person)
        names.setdefault(person.given_name.lower(), person)
    close = difflib.get_close_matches(query.lower(), names, n=MAX_RESULTS, cutoff=0.75)
    seen: dict[object, Person] = {}
    for name in close:
        seen.setdefault(names[name].pk, names[name])
    return list(seen.values())


def _hits(people: list[Person] | QuerySet[Person]) -> list[SearchHit]:
    by_family: dict[object, tuple[Family, list[Person]]] = {}
    for person in list(people)[:MAX_RESULTS]:
        _, matched = by_family.setdefault(person.family_id, (person.family, []))
        matched.append(person)
    return [SearchHit(family, tuple(matched)) for family, matched in by_family.values()]
