"""Per-person built queries, built once per key and read afresh at every request.

Building a query over the families a person may see (a dozen ``filter`` calls, each
resolving subqueries) costs Django more than PostgreSQL takes to run it: about 1.6 ms of
Python for each of the waiting lists on *Your families* against 0.4 ms of SQL (ADR 0040),
and the navigation's count and *Your work*'s sources likewise (ADR 0033, 0051). A ``Kept``
builds what is asked for the first time a key is asked for and keeps it; querysets are
handed out as ``queryset.all()``, clones evaluated afresh (as Django's generic views reuse
the ``queryset`` they are given).

Only what the key holds may decide what is built: every key starts with ``person_key``, the
one place that says what of a person decides their queries, so a change of role or team (or
anything added here) gives everyone's kept queries a new key at once. The SQL uses the
database's clock ("now", e.g. emergency access unexpired by ``Now()``), so nothing kept
carries a time from Python; queries that depend on the day put the day in their key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db.models import QuerySet

if TYPE_CHECKING:
    from righthelp.accounts.models import User

V = TypeVar("V")
Q = TypeVar("Q", bound=QuerySet[Any])

Key = tuple[Hashable, ...]


def person_key(user: User, *more: Hashable) -> Key:
    """Everything of a person that decides their queries (which families they may see, what
    waits for them, whether they work at the front door): who, their role, their team, the
    team's front door and the partnership; then ``more``, what else the query depends on (a
    list's sort and filters, the day)."""
    team = user.team if user.team_id is not None else None
    return (
        user.pk,
        user.is_authenticated,
        user.role,
        user.team_id,
        team.front_door if team is not None else None,
        # The partnership's id from the agency (the signed-in user comes with it): reading
        # ``user.partnership`` would read the partnership's row for nothing.
        team.agency.partnership_id if team is not None else None,
        *more,
    )


class Kept(Generic[V]):
    """Values built once per key (at most ``most`` keys, then all forgotten)."""

    def __init__(self, most: int = 2_000) -> None:
        self._most = most
        self._kept: dict[Key, V] = {}

    def get(self, key: Key, build: Callable[[], V]) -> V:
        """The value kept for ``key``, built by ``build()`` the first time: what ``build``
        builds must be decided by ``key``. The value itself, not a copy: a caller that hands
        out querysets clones them (``KeptQuerySets``)."""
        kept = self._kept.get(key)
        if kept is None:
            if len(self._kept) >= self._most:
                self._kept.clear()
            kept = self._kept[key] = build()
        return kept

    def forget(self) -> None:
        self._kept.clear()


class KeptQuerySets(Generic[Q]):
    """``build(*arguments)``'s queryset kept per key, handed out as a fresh clone."""

    def __init__(self, build: Callable[..., Q], most: int = 2_000) -> None:
        self._build = build
        self._kept: Kept[Q] = Kept(most)

    def __call__(self, key: Key, *arguments: Any) -> Q:
        """A fresh clone of the queryset kept for ``key``; ``arguments`` are what ``build``
        needs to build it, and must be decided by ``key``."""
        return self._kept.get(key, lambda: self._build(*arguments)).all()

    def forget(self) -> None:
        self._kept.forget()
