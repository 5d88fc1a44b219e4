"""Who produces the record for a subject access request."""

from __future__ import annotations

from righthelp.accounts.models import Role, User


def may_produce(user: User) -> bool:
    """Deciding what leaves the partnership about a person is a manager's decision."""
    return user.role == Role.MANAGER
