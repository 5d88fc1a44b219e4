"""Who may change an account: the rules an administrator's change is checked against.

Each rule is a small named class whose docstring is the message the administrator sees;
``problems_with_change`` returns the rules a change breaks. The admin screens ask this
before saving, so the same check holds for every way of changing an account.
"""

from __future__ import annotations

from dataclasses import dataclass

# What decides what a person may see or do. Changing any of these is changing their rights.
RIGHTS_FIELDS = frozenset(
    {"role", "team", "is_active", "is_staff", "is_superuser", "groups", "user_permissions"}
)


@dataclass(frozen=True)
class AccountChange:
    """An administrator's change to an account, whatever stores it."""

    by_id: int
    by_partnership_id: int | None
    by_is_superuser: bool
    account_id: int | None  # None while the account is being created
    account_partnership_id: int | None
    changed_fields: frozenset[str]
    makes_superuser: bool


class Rule:
    code: str = ""

    @classmethod
    def message(cls) -> str:
        return " ".join((cls.__doc__ or "").split())

    @classmethod
    def broken_by(cls, change: AccountChange) -> bool:
        raise NotImplementedError


class NotOwnRights(Rule):
    """You cannot change your own role, team or rights: another administrator must do it"""

    code = "ACCOUNT01"

    @classmethod
    def broken_by(cls, change: AccountChange) -> bool:
        return change.account_id == change.by_id and bool(change.changed_fields & RIGHTS_FIELDS)


class OwnPartnershipOnly(Rule):
    """You can only give accounts a team in your own partnership"""

    code = "ACCOUNT02"

    @classmethod
    def broken_by(cls, change: AccountChange) -> bool:
        if change.by_is_superuser:
            return False
        return (
            change.by_partnership_id is None
            or change.account_partnership_id != change.by_partnership_id
        )


class NoSuperusersFromTheScreens(Rule):
    """An administrator for the whole installation is made on the server only (righthelp
    manage createsuperuser)"""

    code = "ACCOUNT03"

    @classmethod
    def broken_by(cls, change: AccountChange) -> bool:
        return change.makes_superuser


CHANGE_RULES: tuple[type[Rule], ...] = (
    NotOwnRights,
    OwnPartnershipOnly,
    NoSuperusersFromTheScreens,
)


def problems_with_change(change: AccountChange) -> list[type[Rule]]:
    return [rule for rule in CHANGE_RULES if rule.broken_by(change)]
