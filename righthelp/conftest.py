"""Fixtures shared by every app's tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, settings

from righthelp.accounts.models import Role, User
from righthelp.families.models import Family, MemberKind, Person
from righthelp.partnerships.models import Agency, Partnership, Team
from righthelp.testing.factories import add_person, make_family, make_user, team

pytest_plugins = ["righthelp.testing.browser", "righthelp.audit.testing"]

# Property tests check what is true, not how fast: on a shared two-core CI machine an example
# can take seconds, which Hypothesis's deadline and too-slow check would count as a failure.
settings.register_profile("righthelp", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("righthelp")


@pytest.fixture(autouse=True)
def _audit_log_may_be_flushed_after_transactional_tests(request: pytest.FixtureRequest) -> None:
    """The audit log refuses deletes; the flush that follows a transactional test may."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("audit_purge_allowed_at_teardown")


@dataclass
class Cast:
    alice: User
    bob: User
    charlie: User
    dana: User
    erin: User
    family: Family
    child: Person
    parent: Person


@pytest.fixture
def cast(db: None) -> Cast:
    north = team("Early Help North")
    alice = make_user("alice", first_name="Alice", last_name="Ash", team_=north)
    bob = make_user(
        username="bob", first_name="Bob", last_name="Birch", role=Role.MANAGER, team_=north
    )
    charlie = make_user(
        username="charlie", first_name="Charlie", last_name="Cole", team_=team("Early Help South")
    )
    dana = make_user(
        username="dana", role=Role.ANALYST, team_=team("Business unit", "Safeguarding Partnership")
    )
    erin = make_user(
        username="erin", role=Role.ADMINISTRATOR, team_=team("Admin", "Safeguarding Partnership")
    )
    family = make_family(alice, "Ash household")
    parent = add_person(family, alice, "Gwen", "Ash", kind=MemberKind.ADULT)
    child = add_person(family, alice, "Tom", "Ash")
    return Cast(alice, bob, charlie, dana, erin, family, child, parent)


@dataclass
class OtherPartnership:
    """A second partnership, with its own administrator, practitioner, manager and family:
    the cast of the tests that try one partnership's people against the other's records."""

    admin: User
    practitioner: User
    manager: User
    family: Family
    team: Team
    agency: Agency
    partnership: Partnership


@pytest.fixture
def other(db: None) -> OtherPartnership:
    from righthelp.accounts.services import administrator_permissions_grant

    slug = "otherton"
    practitioner = make_user(
        "yara", first_name="Yara", last_name="Young", team_=team("Family Support", slug=slug)
    )
    manager = make_user(
        "xavi", role=Role.MANAGER, team_=team("Family Support", slug=slug), last_name="Xu"
    )
    admin = make_user(
        "zed",
        role=Role.ADMINISTRATOR,
        team_=team("Admin", "Otherton Partnership", slug=slug),
        last_name="Zane",
    )
    administrator_permissions_grant(user=admin)
    family = make_family(practitioner, "Young household")
    add_person(family, practitioner, "Yuri", "Young")
    own_team = team("Family Support", slug=slug)
    return OtherPartnership(
        admin, practitioner, manager, family, own_team, own_team.agency, own_team.agency.partnership
    )
