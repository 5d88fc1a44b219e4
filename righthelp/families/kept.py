"""Querysets built once per key and read afresh at every request.

Building a queryset over the families a user may see (a dozen ``filter`` calls, each
resolving subqueries) costs Django more than PostgreSQL takes to run it: about 1.6 ms of
Python for each of the waiting lists on *Your families* against 0.4 ms of SQL. A ``Kept``
builds the queryset the first time a key is asked for, keeps it, and hands out
``queryset.all()``: a clone, evaluated afresh (as Django's generic views reuse the
``queryset`` they are given). Only what the key holds may decide what the queryset is: see
``user_key``. The SQL of the families a user may see uses the database's clock (emergency
access unexpired by ``Now()``), so a kept queryset never carries a time from Python.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet

from righthelp.accounts.models import User

Q = TypeVar("Q", bound=QuerySet[Any])


def user_key(user: User) -> tuple[Hashable, ...]:
    """Everything of a user that decides which families they may see and what waits for
    them: who, their role and their team (``access.families_visible_to``)."""
    return (user.pk, user.is_authenticated, user.role, user.team_id)


class Kept(Generic[Q]):
    """``build(*key)``'s queryset, kept per key (at most ``most`` keys, then all forgotten)."""

    def __init__(self, build: Callable[..., Q], most: int = 2_000) -> None:
        self._build = build
        self._most = most
        self._kept: dict[tuple[Hashable, ...], Q] = {}

    def __call__(self, key: tuple[Hashable, ...], *arguments: Any) -> Q:
        """A fresh clone of the queryset kept for ``key``; ``arguments`` are what ``build``
        needs to build it, and must be decided by ``key``."""
        kept = self._kept.get(key)
        if kept is None:
            if len(self._kept) >= self._most:
                self._kept.clear()
            kept = self._kept[key] = self._build(*arguments)
        return kept.all()

    def forget(self) -> None:
        self._kept.clear()
