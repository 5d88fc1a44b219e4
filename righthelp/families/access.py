"""Who may see a family. Every page that shows a family's records gets it from here.

A family is visible to the practitioners working with it, to managers of their teams,
and to anyone holding unexpired emergency ("break glass") access. Analysts see counts,
never families; administrators manage accounts, not cases. Each look is audited; each
refusal is audited too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Exists, F, Lookup, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Now
from django.db.models.sql.compiler import SQLCompiler
from django.http import Http404
from django.shortcuts import get_object_or_404

from righthelp.accounts.models import Role, User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.families.models import EmergencyAccess, Family, FamilyWorker
from righthelp.kept_queries import CompiledQuerySets, person_key
from righthelp.partnerships.models import Agency, Partnership

CASEWORK_ROLES = (Role.PRACTITIONER, Role.MANAGER)

Record = TypeVar("Record", bound=Model)


class FamilyAccessRefused(PermissionDenied):
    def __init__(self, family: Family, user: User) -> None:
        super().__init__("You do not have access to this family's records.")
        self.family = family
        self.user = user


def does_casework(user: User) -> bool:
    """Practitioners and managers in a team work with families; no one else does."""
    return user.is_authenticated and user.role in CASEWORK_ROLES and user.team_id is not None


def does_casework_in(user: User, partnership: Partnership) -> bool:
    """May ``user`` lead, join or break glass into a family of ``partnership``."""
    return user.role in CASEWORK_ROLES and user.partnership == partnership


def casework_partnership(user: User) -> Partnership:
    """The partnership whose families ``user`` works with; refused for anyone else."""
    partnership = user.partnership
    if user.role not in CASEWORK_ROLES or partnership is None:
        raise PermissionDenied("Only practitioners and managers work with families.")
    return partnership


def caseworkers_in(partnership: Partnership) -> QuerySet[User]:
    """The active practitioners and managers of ``partnership``, by name: whom a family
    can be given as its lead or another worker."""
    return (
        User.objects.filter(
            team__agency__partnership=partnership, role__in=CASEWORK_ROLES, is_active=True
        )
        .select_related("team__agency")
        .order_by("first_name", "last_name")
    )


def visible_family_ids(user: User) -> QuerySet[Any]:
    """The ids of the families ``user`` may see, as one set built by indexed look-ups:
    the FamilyWorker rows of the user (or, for a manager, of anyone in their team), plus
    the user's unexpired emergency access. Never a scan of families."""
    if not does_casework(user) or user.team_id is None:
        return FamilyWorker.objects.none().values("family_id")
    if user.role == Role.MANAGER:
        # The team's people first, then their worker rows by the (user, family) index: never
        # every worker row of the partnership, joined to the team (ADR 0051).
        team = User.objects.filter(team_id=user.team_id).order_by().values("pk")
        mine = FamilyWorker.objects.filter(AmongIds(F("user_id"), team))
    else:
        mine = FamilyWorker.objects.filter(user=user)
    workers = mine.order_by().values("family_id")
    emergency = (
        # The database's clock, so the query is the same at every request (its SQL can be
        # kept: worklist.selectors.counts_for).
        EmergencyAccess.objects.filter(user=user, expires_at__gt=Now())
        .order_by()
        .values("family_id")
    )
    return workers.union(emergency)


class AmongIds(Lookup):  # type: ignore[type-arg]
    """``lhs`` is one of the ids the subquery ``rhs`` gives. On PostgreSQL the ids are gathered
    first, into an array (``= ANY(ARRAY(...))``), and each family is then read by its primary
    key. As ``IN (...)`` the planner guessed how many ids the set holds, and for a manager
    (219 guessed, 144 there) chose to read all 50,000 of the partnership's families by their
    partnership index and hash-join them to the set: 25-48 ms against 1-2 ms. Elsewhere it
    is ``IN``."""

    lookup_name = "among_ids"
    prepare_rhs = False

    def _sides(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return lhs, rhs, [*lhs_params, *rhs_params]

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, Any]:
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", params


def families_visible_to(user: User) -> QuerySet[Family]:
    """The families ``user`` may see (see ``visible_family_ids``), never across
    partnerships, whatever else holds."""
    if not does_casework(user) or user.team_id is None:  # the second test narrows the type
        return Family.objects.none()
    # The user's partnership, as a one-row subquery (no extra query, evaluated once).
    partnership_id = Subquery(
        Agency.objects.filter(teams=user.team_id).order_by().values("partnership_id")
    )
    return Family.objects.filter(
        AmongIds(F("pk"), visible_family_ids(user)), partnership_id=partnership_id
    )


def of_visible_families(
    user: User, rows: QuerySet[Record], family: str = "family"
) -> QuerySet[Record]:
    """``rows`` (plans, assessments, referrals...) of the families ``user`` may see, read from
    the family ids (``visible_family_ids``) by the rows' own ``family`` index: the ids are
    gathered first (``AmongIds``), then each family's rows are looked up, so the rows read
    are the team's, however many families the partnership has. The partnership is checked on
    the families of the rows found (``family``: the path to the row's family, e.g.
    ``"plan__family"``), by primary key. Never ``family__in=families_visible_to(...)``: the
    planner reads that as a join of every row of the kind (all assessments waiting for
    sign-off, all open plans) to the visible families (ADR 0051)."""
    if not does_casework(user) or user.team_id is None:
        return rows.none()
    partnership_id = Subquery(
        Agency.objects.filter(teams=user.team_id).order_by().values("partnership_id")
    )
    return rows.filter(
        AmongIds(F(f"{family}_id"), visible_family_ids(user)),
        **{f"{family}__partnership_id": partnership_id},
    )


def may_see_family(user: User, family: Family) -> bool:
    return families_visible_to(user).filter(pk=family.pk).exists()


def _family_with_access(
    user: User, annotate: Mapping[str, Any], family_id: UUID
) -> QuerySet[Family]:
    return (
        Family.objects.select_related("partnership", "lead_practitioner")
        .filter(pk=family_id)
        .annotate(visible_to_user=Exists(families_visible_to(user).filter(pk=OuterRef("pk"))))
        .annotate(**annotate)
    )


_kept_family: CompiledQuerySets[QuerySet[Family]] = CompiledQuerySets(
    _family_with_access, placeholders=1
)
"""``family_for``'s query, compiled once per person and set of columns: the visibility
subquery and a page's columns cost more to build than the database takes to answer. The
columns' names decide their expressions (each is made by one function, e.g.
``open_work_columns``)."""


def family_for(
    user: User,
    family_id: UUID,
    *,
    looking_at: str,
    annotate: Mapping[str, Any] | None = None,
) -> Family:
    """The family, if ``user`` may see it; the look is audited as ``looking_at``.
    ``annotate``: more columns a page wants of the family (correlated subqueries on its
    ``pk``), read in the same query.

    Raises Http404 for no such family, ``FamilyAccessRefused`` (a 403) otherwise.
    """
    # The family and whether the user may see it, in one round trip, its SQL kept per
    # person and set of columns.
    columns = annotate or {}
    family: Any = next(  # a Family with the columns ``visible_to_user`` and ``annotate``'s
        iter(_kept_family(person_key(user, *columns), user, columns, values=(family_id,))),
        None,
    )
    if family is None:
        raise Http404("No such family")
    if not family.visible_to_user:
        audit(
            actor=user,
            action=Action.REFUSED,
            record_type=looking_at,
            record_id=family.pk,
            family_id=family.pk,
        )
        raise FamilyAccessRefused(family, user)
    audit(
        actor=user,
        action=Action.VIEWED,
        record_type=looking_at,
        record_id=family.pk,
        family_id=family.pk,
    )
    return cast(Family, family)


def family_and_record(
    user: User,
    family_id: UUID,
    records: QuerySet[Record],
    record_id: object,
    *,
    looking_at: str,
    annotate: Mapping[str, Any] | None = None,
) -> tuple[Family, Record]:
    """The family, as ``family_for`` gives it (``annotate`` too), and one of its records
    from ``records``.

    A record of another family is a 404: its address never opens a family the user may
    not see.
    """
    family = family_for(user, family_id, looking_at=looking_at, annotate=annotate)
    return family, get_object_or_404(records, pk=record_id, family=family)
