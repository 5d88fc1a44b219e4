"""What waits for a manager on *Your families*: decisions to sign off, referrals to approve and
subject access requests to answer, read in one query.

Each kind is its own selector (``awaiting_signoff_for``, ``awaiting_approval_for``,
``awaiting_production_for``: who may see what stays decided there); here they are read
together, as plain values, in one ``UNION ALL`` (one round trip and one plan instead of
three, and no model built per item), a query built once per manager (``kept_queries``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.db.models import CharField, DateField, DateTimeField, F, QuerySet, Value
from django.db.models.functions import Cast

from righthelp.accounts.models import User
from righthelp.assessments.models import Assessment
from righthelp.assessments.selectors import awaiting_signoff_for
from righthelp.kept_queries import CompiledQuerySets, person_key
from righthelp.referrals.models import ROUTE_CHOICES
from righthelp.referrals.selectors import awaiting_approval_for
from righthelp.subject_access.selectors import awaiting_production_for


class WaitingKind(StrEnum):
    SIGN_OFF = "sign-off"
    APPROVAL = "approval"
    ACCESS_REQUEST = "access-request"


_ORDER = {WaitingKind.SIGN_OFF: 0, WaitingKind.APPROVAL: 1, WaitingKind.ACCESS_REQUEST: 2}
_ROUTES = dict(ROUTE_CHOICES)


@dataclass(frozen=True)
class Waiting:
    """One thing waiting for the manager, as its line on the page needs it."""

    kind: WaitingKind
    id: UUID
    """The assessment, referral or subject access request."""
    family_id: UUID
    family_name: str
    who: str
    """Who submitted the decision or asked for the approval; whose records were requested."""
    route: str
    """A referral's route, in words ("" for the other kinds)."""
    at: dt.datetime | None
    """When the decision was submitted, or the approval asked for."""
    due: dt.date | None
    """When a subject access request must be answered by."""


def _display_name(first: str, last: str, username: str) -> str:
    """``User.display_name`` from the row's values."""
    return f"{first} {last}".strip() or username


def _row(
    kind: WaitingKind, queryset: QuerySet[Any], *, who: tuple[str, str, str | None], at: str | None
) -> QuerySet[Any]:
    """One kind as the union's columns: the same names, in the same order, of the same types
    (a typed NULL where a kind has no such value: PostgreSQL types an untyped one as text)."""
    first, last, username = who
    return queryset.order_by().values(
        "id",
        "family_id",
        kind_=Value(kind.value, output_field=CharField()),
        family_name=F("family__name"),
        first=F(first),
        last=F(last),
        username=F(username) if username else Value("", output_field=CharField()),
        route_=F("route") if kind == WaitingKind.APPROVAL else Value("", output_field=CharField()),
        at=F(at) if at else Cast(Value(None), DateTimeField()),
        due=F("due_on") if kind == WaitingKind.ACCESS_REQUEST else Cast(Value(None), DateField()),
    )


def _waiting_rows(manager: User) -> QuerySet[Any]:
    parts = [
        _row(
            WaitingKind.SIGN_OFF,
            awaiting_signoff_for(manager),
            who=("submitted_by__first_name", "submitted_by__last_name", "submitted_by__username"),
            at="submitted_at",
        ),
        _row(
            WaitingKind.APPROVAL,
            awaiting_approval_for(manager),
            who=("created_by__first_name", "created_by__last_name", "created_by__username"),
            at="approval_requested_at",
        ),
        _row(
            WaitingKind.ACCESS_REQUEST,
            awaiting_production_for(manager),
            who=("person__given_name", "person__family_name", None),
            at=None,
        ),
    ]
    # Whoever waits for none of them (anyone but a manager in a team) gets no query at all.
    parts = [part for part in parts if not part.query.is_empty()]
    if not parts:
        return Assessment.objects.none().values()
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


_kept_rows: CompiledQuerySets[QuerySet[Any]] = CompiledQuerySets(_waiting_rows)


def waiting_for(manager: User) -> tuple[Waiting, ...]:
    """Decisions waiting for sign-off (oldest first), then referrals waiting for approval
    (longest asked first), then unanswered subject access requests (soonest due first): for
    anyone but a manager, nothing, and no query. The query is built once per manager
    (``kept_queries``)."""
    items = [
        Waiting(
            kind=WaitingKind(row["kind_"]),
            id=row["id"],
            family_id=row["family_id"],
            family_name=row["family_name"],
            who=_display_name(row["first"], row["last"], row["username"]),
            route=_ROUTES.get(row["route_"], row["route_"]),
            at=row["at"],
            due=row["due"],
        )
        for row in _kept_rows(person_key(manager), manager)
    ]
    return tuple(sorted(items, key=_in_order))


def _in_order(item: Waiting) -> tuple[int, float]:
    when = item.at.timestamp() if item.at is not None else 0.0
    if item.due is not None:
        when = float(item.due.toordinal())
    return (_ORDER[item.kind], when)
