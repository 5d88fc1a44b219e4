"""Who may read the audit log.

A family's record of access: the managers who may see the family (they answer for who
looks at it). The whole log: administrators, who look after accounts and security and see
no case records, only events.
"""

from __future__ import annotations

from righthelp.accounts.models import Role, User


def may_read_family_log(user: User) -> bool:
    return user.role == Role.MANAGER


def may_search_log(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.role == Role.ADMINISTRATOR or user.is_superuser)
    )
