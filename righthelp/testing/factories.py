"""Test data: factories for the records, and a small cast of named people.

The cast, used in permission tests (after healthchecks' Alice, Bob and Charlie):
- alice: a practitioner in Early Help North, lead practitioner for the families she makes;
- bob: the manager of Early Help North;
- charlie: a practitioner in Early Help South, who should have no access to alice's families;
- dana: a partnership analyst; erin: an administrator; neither works with families.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from righthelp.accounts.models import Role, User
from righthelp.families import services as family_services
from righthelp.families.models import Family, Gender, MemberKind, Person
from righthelp.partnerships.models import Partnership, Team
from righthelp.partnerships.services import partnership_create, team_create

DEMO_PACKS = ["stoke-on-trent", "coventry", "partnership-self-assessment"]
PASSWORD = "a-long-test-password"  # noqa: S105 -- test accounts only


def partnership(slug: str = "testshire") -> Partnership:
    existing = Partnership.objects.filter(slug=slug).first()
    return existing or partnership_create(name=slug.title(), slug=slug, pack_ids=DEMO_PACKS)


def team(name: str, agency: str = "Children's Services", slug: str = "testshire") -> Team:
    return team_create(partnership=partnership(slug), agency_name=agency, team_name=name)


def make_user(
    username: str,
    *,
    role: Role = Role.PRACTITIONER,
    team_: Team | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    user = User(
        username=username,
        role=role,
        team=team_ or team("Early Help North"),
        first_name=first_name or username.title(),
        last_name=last_name or "Tester",
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def make_family(lead: User, name: str = "Test household", **extra: Any) -> Family:
    return family_services.family_create(
        partnership=lead.partnership,  # type: ignore[arg-type]
        created_by=lead,
        name=name,
        postcode=extra.pop("postcode", "ST4 1HH"),
        **extra,
    )


def add_person(
    family: Family,
    by: User,
    given: str,
    surname: str = "Test",
    *,
    kind: MemberKind = MemberKind.CHILD,
    born: dt.date | None = None,
    nhs_number: str = "",
) -> Person:
    return family_services.person_add(
        family=family,
        by=by,
        kind=kind,
        given_name=given,
        family_name=surname,
        date_of_birth=born or dt.date(2015, 3, 27),
        gender=Gender.NOT_KNOWN,
        nhs_number=nhs_number,
    )
