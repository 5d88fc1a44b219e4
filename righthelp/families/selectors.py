"""Reads for family pages, each a fixed number of queries however big the family."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.assessments.models import Assessment, Status
from righthelp.families.access import families_visible_to
from righthelp.families.models import Family, FamilyWorker, Person, Relationship
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


def family_overview(family: Family) -> FamilyOverview:
    completed = Assessment.objects.filter(family=family, status=Status.COMPLETED).order_by(
        "completed_at"
    )
    return FamilyOverview(
        family=family,
        members=tuple(family.members.all()),
        relationships=tuple(
            Relationship.objects.filter(family=family).select_related("person", "relative")
        ),
        workers=tuple(
            FamilyWorker.objects.filter(family=family)
            .select_related("user__team__agency")
            .order_by("since")
        ),
        agencies=tuple(family.agencies.all()),
        level_history=tuple(
            LevelPoint(timezone.localdate(a.completed_at), a.final_level, a.pk)
            for a in completed.only("completed_at", "final_level")
            if a.completed_at is not None and a.final_level is not None
        ),
        open_assessments=tuple(
            Assessment.objects.filter(family=family)
            .exclude(status=Status.COMPLETED)
            .select_related("started_by")
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
