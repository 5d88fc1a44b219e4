"""Fixtures shared by every app's tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from righthelp.accounts.models import Role, User
from righthelp.families.models import Family, MemberKind, Person
from righthelp.testing.factories import add_person, make_family, make_user, team

pytest_plugins = ["righthelp.testing.browser", "righthelp.audit.testing"]


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
