from __future__ import annotations

from dataclasses import replace

from righthelp.core.account_rules import (
    AccountChange,
    NoSuperusersFromTheScreens,
    NotOwnRights,
    OwnPartnershipOnly,
    problems_with_change,
)

CHANGE = AccountChange(
    by_id=1,
    by_partnership_id=10,
    by_is_superuser=False,
    account_id=2,
    account_partnership_id=10,
    changed_fields=frozenset({"role"}),
    makes_superuser=False,
)


def test_an_administrator_changes_someone_elses_role() -> None:
    assert problems_with_change(CHANGE) == []


def test_no_one_changes_their_own_role_team_or_rights() -> None:
    for field in ("role", "team", "is_active", "is_staff"):
        own = replace(CHANGE, account_id=1, changed_fields=frozenset({field}))
        assert problems_with_change(own) == [NotOwnRights]


def test_changing_ones_own_name_is_fine() -> None:
    own = replace(CHANGE, account_id=1, changed_fields=frozenset({"first_name", "email"}))
    assert problems_with_change(own) == []


def test_an_account_moved_into_another_partnership_is_refused() -> None:
    assert problems_with_change(replace(CHANGE, account_partnership_id=11)) == [OwnPartnershipOnly]
    assert problems_with_change(replace(CHANGE, by_partnership_id=None)) == [OwnPartnershipOnly]


def test_the_installations_superuser_may_place_anyone() -> None:
    change = replace(CHANGE, by_is_superuser=True, account_partnership_id=11)
    assert problems_with_change(change) == []


def test_a_superuser_is_never_made_from_the_screens() -> None:
    change = replace(CHANGE, by_is_superuser=True, makes_superuser=True)
    assert problems_with_change(change) == [NoSuperusersFromTheScreens]
    assert "createsuperuser" in NoSuperusersFromTheScreens.message()
