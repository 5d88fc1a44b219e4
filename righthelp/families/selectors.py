"""Reads for family pages, each a fixed number of queries however big the family."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, QuerySet, Window
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.assessments.models import Assessment, Status
from righthelp.families.access import families_visible_to
from righthelp.families.models import Family, FamilyWorker, Person, Relationship
from righthelp.json_rows import json_rows
from righthelp.kept_queries import CompiledQuerySets, person_key
from righthelp.partnerships.models import Agency

HOME_SORTS = {
    "name": ("Name, A to Z", ("name",)),
    "level": ("Level of need, highest first", (F("current_level").desc(nulls_last=True), "name")),
    "changed": ("Most recently changed", ("-updated_at", "name")),
}


def families_for_home(
    user: User, *, sort: str = "name", level: int | None = None, mine: bool = False
) -> QuerySet[Family]:
    """The families ``user`` may see, sorted (``HOME_SORTS``), optionally only those at a
    level of need or led by ``user``; each carries its kept ``current_level`` and
    ``pending_level`` (see ``assessments.family_level``). The id breaks ties, so that pages of
    the list neither repeat nor skip a family among many of the same name."""
    families = families_visible_to(user)
    if level is not None:
        families = families.filter(current_level=level)
    if mine:
        families = families.filter(lead_practitioner=user)
    return families.order_by(*HOME_SORTS.get(sort, HOME_SORTS["name"])[1], "pk")


@dataclass(frozen=True)
class HomeRow:
    """A family as *Your families* lists it: what its row shows and links to, read as
    values (no model is built for a row)."""

    id: UUID
    name: str
    postcode: str
    current_level: int | None
    pending_level: int | None
    pending_since: dt.datetime | None


_HOME_ROW = tuple(field.name for field in fields(HomeRow))


def _home_rows(user: User, sort: str, level: int | None, mine: bool) -> QuerySet[Any]:
    rows: QuerySet[Any] = families_for_home(user, sort=sort, level=level, mine=mine).values_list(
        *_HOME_ROW
    )
    return rows


def _home_first_page(
    user: User, sort: str, level: int | None, mine: bool, per_page: int
) -> QuerySet[Any]:
    rows: QuerySet[Any] = _home_rows(user, sort, level, mine).annotate(
        families_in_all=Window(Count("pk"))
    )
    return rows[:per_page]


_kept_rows: CompiledQuerySets[QuerySet[Any]] = CompiledQuerySets(_home_rows)
_kept_first_pages: CompiledQuerySets[QuerySet[Any]] = CompiledQuerySets(_home_first_page)


def families_home_page(
    user: User,
    number: str | int | None,
    per_page: int,
    *,
    sort: str = "name",
    level: int | None = None,
    mine: bool = False,
) -> Page[HomeRow]:
    """Page ``number`` of ``families_for_home(user, ...)``, as ``Paginator.get_page`` gives
    it, in ``HomeRow``s. The first page, the one opened most, comes with how many families
    there are counted in the same query (a window count over the families the user may see,
    read by their ids: at most a team's caseload, never the partnership's): one round trip.
    Any other page is counted, then read (two), so a page past the end can fall back to the
    last, as ``get_page`` does, at the same cost as a page that exists. Each query is built
    once per person and choice of list, the first page's compiled once too
    (``kept_queries``)."""
    sort = sort if sort in HOME_SORTS else "name"
    key = person_key(user, sort, level, mine)
    if str(number) == "1":
        first = _kept_first_pages((*key, per_page), user, sort, level, mine, per_page)
        rows = list(first)
        paginator = Paginator(rows, per_page)
        paginator.count = rows[0][-1] if rows else 0
        return Page([HomeRow(*row[:-1]) for row in rows], 1, paginator)
    paginator = Paginator(_kept_rows(key, user, sort, level, mine), per_page)
    page = paginator.get_page(number)
    return Page([HomeRow(*row) for row in page.object_list], page.number, paginator)


@dataclass(frozen=True)
class LevelPoint:
    on: dt.date
    level: int
    assessment_id: object


@dataclass(frozen=True)
class FamilyOverview:
    family: Family
    members: tuple[Person, ...]
    relationships: tuple[Relationship, ...]
    workers: tuple[FamilyWorker, ...]
    agencies: tuple[Agency, ...]
    level_history: tuple[LevelPoint, ...]
    open_assessments: tuple[Assessment, ...]
    today: dt.date

    @property
    def current_level(self) -> int | None:
        return self.level_history[-1].level if self.level_history else None

    @property
    def children(self) -> tuple[Person, ...]:
        return tuple(m for m in self.members if m.kind == "child")


def overview_columns() -> dict[str, Any]:
    """What ``family_overview`` can take from the family's own query rather than one query
    each: its relationships and its agencies, as JSON columns (``family_for(...,
    annotate=...)``)."""
    return {
        "relationship_rows": json_rows(
            Relationship.objects.filter(family=OuterRef("pk")),
            "pk",
            "person_id",
            "relative_id",
            "kind",
        ),
        "agency_rows": json_rows(
            Family.agencies.through.objects.filter(family=OuterRef("pk")),
            "agency_id",
            "agency__name",
        ),
    }


def _relationships(family: Family) -> list[Relationship]:
    rows = getattr(family, "relationship_rows", None)
    if rows is None:
        return list(Relationship.objects.filter(family=family).order_by("pk"))
    return [
        Relationship(
            pk=pk,
            family=family,
            person_id=UUID(str(person)),
            relative_id=UUID(str(relative)),
            kind=kind,
        )
        for pk, person, relative, kind in sorted(rows, key=lambda row: row[0])
    ]


def _agencies(family: Family) -> tuple[Agency, ...]:
    rows = getattr(family, "agency_rows", None)
    if rows is None:
        return tuple(family.agencies.all())
    agencies = (Agency(pk=pk, partnership_id=family.partnership_id, name=name) for pk, name in rows)
    return tuple(sorted(agencies, key=lambda agency: (agency.name, agency.pk)))


def _assessments_of(family_id: UUID) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(family_id=family_id)
        .select_related("started_by")
        .order_by("completed_at", "pk")
    )


def _members_of(family_id: UUID) -> QuerySet[Person]:
    return Person.objects.filter(family_id=family_id)  # in Person's own order


def _workers_of(family_id: UUID) -> QuerySet[FamilyWorker]:
    return (
        FamilyWorker.objects.filter(family_id=family_id)
        .select_related("user__team__agency")
        .order_by("since")
    )


# The overview's queries of one family, compiled once (``kept_queries``): one shape each.
_ASSESSMENTS = CompiledQuerySets(_assessments_of, placeholders=1)
_MEMBERS = CompiledQuerySets(_members_of, placeholders=1)
_WORKERS = CompiledQuerySets(_workers_of, placeholders=1)


def family_overview(family: Family) -> FamilyOverview:
    """What the family's page shows, a fixed number of queries however big the family; a
    family read with ``overview_columns`` saves two of them."""
    # The family's assessments in one query: the completed ones give the level history, the
    # others are the open ones.
    assessments = list(_ASSESSMENTS((), values=(family.pk,)))
    members = tuple(_MEMBERS((), values=(family.pk,)))
    for member in members:
        member.family = family  # as ``family.members.all()`` would: no query for it
    # Both ends of a relationship are members of the family, already read: no join.
    by_id = {person.pk: person for person in members}
    relationships = tuple(_relationships(family))
    for relationship in relationships:
        if relationship.person_id in by_id:
            relationship.person = by_id[relationship.person_id]
        if relationship.relative_id in by_id:
            relationship.relative = by_id[relationship.relative_id]
    return FamilyOverview(
        family=family,
        members=members,
        relationships=relationships,
        workers=tuple(_WORKERS((), values=(family.pk,))),
        agencies=_agencies(family),
        level_history=tuple(
            LevelPoint(timezone.localdate(a.completed_at), a.final_level, a.pk)
            for a in assessments
            if a.status == Status.COMPLETED
            and a.completed_at is not None
            and a.final_level is not None
        ),
        open_assessments=tuple(
            sorted(
                (a for a in assessments if a.status != Status.COMPLETED),
                key=lambda a: a.started_at,
                reverse=True,
            )
        ),
        today=timezone.localdate(),
    )


@dataclass(frozen=True)
class PossibleMatch:
    """Someone already held in the partnership who may be the person being added."""

    person: Person
    may_open: bool
    """The user may open that family's record (else only that a match exists is said)."""
    by: str
    """What matched, in words: "NHS number" or "name and date of birth"."""


def possibly_known(
    *,
    user: User,
    family: Family,
    nhs_number: str,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None,
) -> tuple[PossibleMatch, ...]:
    """People in the same partnership with this NHS number, or this name and date of birth."""
    held = Person.objects.filter(family__partnership_id=family.partnership_id).select_related(
        "family"
    )
    matches: dict[object, PossibleMatch] = {}
    visible = set(families_visible_to(user).values_list("pk", flat=True))
    if nhs_number:
        for person in held.filter(nhs_number=nhs_number):
            matches[person.pk] = PossibleMatch(person, person.family_id in visible, "NHS number")
    if date_of_birth is not None and given_name.strip() and family_name.strip():
        named = held.filter(
            date_of_birth=date_of_birth,
            given_name__iexact=given_name.strip(),
            family_name__iexact=family_name.strip(),
        )
        for person in named:
            matches.setdefault(
                person.pk,
                PossibleMatch(person, person.family_id in visible, "name and date of birth"),
            )
    return tuple(matches.values())
