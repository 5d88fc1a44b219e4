"""Your work: what is waiting for the signed-in person, each item linking to where it is done.

Each kind of item is one query over the families the person may see (through
``families_visible_to``), however many families there are: never a loop over families.
What counts as due or overdue is ``core.worklist``. The same sources give the items, the
counts in the navigation, the API and the email digest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from django.db import connection
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.assessments.models import Assessment, Status
from righthelp.assessments.selectors import awaiting_signoff_for
from righthelp.core.front_door import Stage
from righthelp.core.worklist import (
    DECISIONS_RECENT_DAYS,
    SUBJECT_ACCESS_WARNING_DAYS,
    Kind,
    days_waiting,
    kind_label,
    sort_key,
    window_end,
)
from righthelp.families.access import AmongIds, does_casework, of_visible_families
from righthelp.families.models import FamilyWorker
from righthelp.frontdoor.access import works_at_front_door
from righthelp.frontdoor.models import Receipt
from righthelp.kept_queries import CompiledQuerySets, Kept, person_key, prepared_cursor
from righthelp.plans.models import OPEN_ACTION, FamilyPlan, PlanAction
from righthelp.referrals.models import Referral
from righthelp.referrals.selectors import awaiting_approval_for
from righthelp.screening.models import Screening
from righthelp.subject_access.models import SubjectAccessRequest
from righthelp.subject_access.selectors import awaiting_production_for

ITEMS_PER_KIND = 200
"""The API's worklist gives at most this many items of one kind (the count says how many
there are)."""

SHOWN_PER_KIND = 5
"""Your work, showing everything, lists the most urgent few of each kind, with the count of
all of that kind and a link to page through them (ADR 0050)."""

PAGE_SIZE = 50
"""Your work, showing one kind, lists this many of that kind a page."""

WORK_COUNTS = "righthelp_work_counts"
"""The request attribute where a page that has already counted the person's work
(``counts_for``) leaves the counts, so the navigation reuses them instead of counting again."""

Row = TypeVar("Row", bound=Model)


@dataclass(frozen=True)
class WorkItem:
    kind: Kind
    title: str
    what: str
    family_id: UUID | None
    family_name: str
    due: dt.date | None
    overdue: bool
    waiting_days: int
    url: str
    level: int | None = None

    @property
    def order(self) -> tuple[int, int, dt.date, int]:
        return sort_key(
            overdue=self.overdue, due=self.due, waiting_days=self.waiting_days, level=self.level
        )


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def _worked_by(user: User) -> QuerySet[FamilyWorker, Any]:
    return FamilyWorker.objects.filter(user=user).values("family_id")


def _of_worked(user: User, rows: QuerySet[Row], family: str = "family") -> QuerySet[Row]:
    """``rows`` of the families ``user`` works with, read from those family ids by the rows'
    own ``family`` index (``AmongIds``: the ids first, then each family's rows), never by
    joining every row of the kind to the user's worker rows (ADR 0051)."""
    return rows.filter(AmongIds(F(f"{family}_id"), _worked_by(user)))


# --- the sources: one queryset each, shared by items and counts ----------------------------


def _among_plans(plans: QuerySet[FamilyPlan]) -> AmongIds:
    """Actions of ``plans``, looked up by the ids of those plans (``action_open_by_plan``),
    never by reading every open action of the partnership due in the window and then
    finding their plans (ADR 0051)."""
    return AmongIds(F("plan_id"), plans.order_by().values("pk"))


def _own_actions(user: User, today: dt.date) -> QuerySet[PlanAction]:
    open_plans = _of_worked(user, FamilyPlan.objects.filter(closed_at__isnull=True))
    return PlanAction.objects.filter(
        _among_plans(open_plans), status__in=OPEN_ACTION, due_on__lt=window_end(today)
    )


def _own_reviews(user: User, today: dt.date) -> QuerySet[FamilyPlan]:
    return _of_worked(
        user,
        FamilyPlan.objects.filter(closed_at__isnull=True, next_review_on__lt=window_end(today)),
    )


def _own_screenings(user: User, today: dt.date) -> QuerySet[Screening]:
    """Each young person's latest screening whose "screen again by" date is overdue or this
    week, in the families the user works with. A later screening of the same young person
    replaces the earlier one's date."""
    later = Screening.objects.filter(person_id=OuterRef("person_id")).filter(
        Q(screened_on__gt=OuterRef("screened_on"))
        | Q(screened_on=OuterRef("screened_on"), recorded_at__gt=OuterRef("recorded_at"))
    )
    return _of_worked(
        user, Screening.objects.filter(screen_again_by__lt=window_end(today))
    ).exclude(Exists(later))


def _own_assessments(user: User) -> QuerySet[Assessment]:
    return Assessment.objects.filter(status=Status.DRAFT, started_by=user)


def _sent_by(user: User) -> QuerySet[Referral, Any]:
    return Referral.objects.filter(sent_by=user).order_by().values("pk")


def _questions(user: User) -> QuerySet[Receipt]:
    return Receipt.objects.filter(
        AmongIds(F("referral_id"), _sent_by(user)), stage=Stage.INFORMATION_REQUESTED.value
    )


def _decisions(user: User, today: dt.date) -> QuerySet[Receipt]:
    since = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=DECISIONS_RECENT_DAYS), dt.time.min)
    )
    return Receipt.objects.filter(
        AmongIds(F("referral_id"), _sent_by(user)),
        stage=Stage.DECIDED.value,
        decided_at__gte=since,
    )


# The team's sources read the rows of the families the team may see from their ids
# (``of_visible_families``: the team's worker rows, by index, then each family's rows by the
# rows' family index) and check the partnership on the few families they find.


def _team_actions(manager: User, today: dt.date) -> QuerySet[PlanAction]:
    team_plans = of_visible_families(
        manager, FamilyPlan.objects.filter(closed_at__isnull=True)
    ).exclude(family__in=_worked_by(manager))
    return PlanAction.objects.filter(
        _among_plans(team_plans), status__in=OPEN_ACTION, due_on__lt=today
    )


def _team_reviews(manager: User, today: dt.date) -> QuerySet[FamilyPlan]:
    overdue = FamilyPlan.objects.filter(closed_at__isnull=True, next_review_on__lt=today)
    return of_visible_families(manager, overdue).exclude(family__in=_worked_by(manager))


def _subject_access(manager: User, today: dt.date) -> QuerySet[SubjectAccessRequest]:
    return awaiting_production_for(manager).filter(
        due_on__lt=today + dt.timedelta(days=SUBJECT_ACCESS_WARNING_DAYS)
    )


def _incoming(user: User) -> QuerySet[Receipt]:
    return Receipt.objects.filter(
        partnership=user.partnership,
        stage__in=(Stage.RECEIVED.value, Stage.ACKNOWLEDGED.value),
    )


# --- items ---------------------------------------------------------------------------------


def _actions(rows: Iterable[PlanAction], today: dt.date, team: bool) -> list[WorkItem]:
    items = []
    for action in rows:
        overdue = action.due_on < today
        kind = (
            Kind.TEAM_ACTION_OVERDUE
            if team
            else (Kind.ACTION_OVERDUE if overdue else Kind.ACTION_DUE)
        )
        family = action.plan.family
        items.append(
            WorkItem(
                kind=kind,
                title=kind_label(kind),
                what=action.what,
                family_id=family.pk,
                family_name=family.name,
                due=action.due_on,
                overdue=overdue,
                waiting_days=days_waiting(action.due_on, today) if overdue else 0,
                url=reverse("plans:action-status", args=[family.pk, action.plan_id, action.pk]),
            )
        )
    return items


def _reviews(rows: Iterable[FamilyPlan], today: dt.date, team: bool) -> list[WorkItem]:
    items = []
    for plan in rows:
        assert plan.next_review_on is not None  # noqa: S101 - filtered on it
        overdue = plan.next_review_on < today
        kind = Kind.TEAM_REVIEW_OVERDUE if team else Kind.REVIEW_DUE
        items.append(
            WorkItem(
                kind=kind,
                title=kind_label(kind),
                what="Team Around the Family review of the family plan",
                family_id=plan.family_id,
                family_name=plan.family.name,
                due=plan.next_review_on,
                overdue=overdue,
                waiting_days=days_waiting(plan.next_review_on, today) if overdue else 0,
                url=reverse("plans:review-new", args=[plan.family_id, plan.pk]),
            )
        )
    return items


def _own_action_items(rows: Iterable[PlanAction], today: dt.date) -> list[WorkItem]:
    return _actions(rows, today, team=False)


def _team_action_items(rows: Iterable[PlanAction], today: dt.date) -> list[WorkItem]:
    return _actions(rows, today, team=True)


def _own_review_items(rows: Iterable[FamilyPlan], today: dt.date) -> list[WorkItem]:
    return _reviews(rows, today, team=False)


def _team_review_items(rows: Iterable[FamilyPlan], today: dt.date) -> list[WorkItem]:
    return _reviews(rows, today, team=True)


def _screening_items(rows: Iterable[Screening], today: dt.date) -> list[WorkItem]:
    items = []
    for screening in rows:
        again = screening.screen_again_by
        assert again is not None  # noqa: S101 - filtered on it
        overdue = again < today
        items.append(
            WorkItem(
                kind=Kind.SCREENING_DUE,
                title=kind_label(Kind.SCREENING_DUE),
                what=f"Screen {screening.person.given_name} again",
                family_id=screening.family_id,
                family_name=screening.family.name,
                due=again,
                overdue=overdue,
                waiting_days=days_waiting(again, today) if overdue else 0,
                url=reverse("screening:new", args=[screening.family_id])
                + f"?person={screening.person_id}",
            )
        )
    return items


def _assessment_items(rows: Iterable[Assessment], today: dt.date) -> list[WorkItem]:
    items = []
    for assessment in rows:
        returned = bool(assessment.returned_comment)
        kind = Kind.ASSESSMENT_RETURNED if returned else Kind.ASSESSMENT_IN_PROGRESS
        items.append(
            WorkItem(
                kind=kind,
                title=kind_label(kind),
                what=(
                    "Returned: see the manager's comment"
                    if returned
                    else "Threshold assessment not yet submitted"
                ),
                family_id=assessment.family_id,
                family_name=assessment.family.name,
                due=None,
                overdue=False,
                waiting_days=days_waiting(timezone.localdate(assessment.started_at), today),
                url=reverse("assessments:task-list", args=[assessment.family_id, assessment.pk]),
            )
        )
    return items


def _question_items(rows: Iterable[Receipt], today: dt.date) -> list[WorkItem]:
    items = []
    for receipt in rows:
        family = receipt.referral.family
        items.append(
            WorkItem(
                kind=Kind.FRONT_DOOR_QUESTION,
                title=kind_label(Kind.FRONT_DOOR_QUESTION),
                what=f"Request {receipt.reference}: the front door asks for more information",
                family_id=family.pk,
                family_name=family.name,
                due=None,
                overdue=False,
                waiting_days=days_waiting(timezone.localdate(receipt.stage_since), today),
                url=reverse("referrals:detail", args=[family.pk, receipt.referral_id])
                + "#front-door",
            )
        )
    return items


def _decision_items(rows: Iterable[Receipt], today: dt.date) -> list[WorkItem]:
    items = []
    for receipt in rows:
        family = receipt.referral.family
        items.append(
            WorkItem(
                kind=Kind.FRONT_DOOR_DECISION,
                title=kind_label(Kind.FRONT_DOOR_DECISION),
                what=f"Request {receipt.reference}: {receipt.decision_title}",
                family_id=family.pk,
                family_name=family.name,
                due=None,
                overdue=False,
                waiting_days=0,
                url=reverse("referrals:detail", args=[family.pk, receipt.referral_id])
                + "#front-door",
            )
        )
    return items


def _sign_off_items(rows: Iterable[Assessment], today: dt.date) -> list[WorkItem]:
    items = []
    for assessment in rows:
        since = _day(assessment.submitted_at) or today
        items.append(
            WorkItem(
                kind=Kind.SIGN_OFF,
                title=kind_label(Kind.SIGN_OFF),
                what=f"Level {assessment.final_level} decided by "
                f"{assessment.submitted_by.display_name if assessment.submitted_by else ''}",
                family_id=assessment.family_id,
                family_name=assessment.family.name,
                due=None,
                overdue=False,
                waiting_days=days_waiting(since, today),
                url=reverse("assessments:sign-off", args=[assessment.family_id, assessment.pk]),
                level=assessment.final_level,
            )
        )
    return items


def _approval_items(rows: Iterable[Referral], today: dt.date) -> list[WorkItem]:
    items = []
    for referral in rows:
        since = _day(referral.approval_requested_at) or today
        items.append(
            WorkItem(
                kind=Kind.REFERRAL_APPROVAL,
                title=kind_label(Kind.REFERRAL_APPROVAL),
                what=f"{referral.get_route_display()}, by {referral.created_by.display_name}",
                family_id=referral.family_id,
                family_name=referral.family.name,
                due=None,
                overdue=False,
                waiting_days=days_waiting(since, today),
                url=reverse("referrals:approve", args=[referral.family_id, referral.pk]),
            )
        )
    return items


def _subject_access_items(rows: Iterable[SubjectAccessRequest], today: dt.date) -> list[WorkItem]:
    items = []
    for request in rows:
        overdue = request.due_on < today
        items.append(
            WorkItem(
                kind=Kind.SUBJECT_ACCESS_DUE,
                title=kind_label(Kind.SUBJECT_ACCESS_DUE),
                what="Produce the record the person may have",
                family_id=request.family_id,
                family_name=request.family.name,
                due=request.due_on,
                overdue=overdue,
                waiting_days=days_waiting(request.due_on, today) if overdue else 0,
                url=reverse("subject_access:detail", args=[request.family_id, request.pk]),
            )
        )
    return items


def _incoming_items(rows: Iterable[Receipt], today: dt.date) -> list[WorkItem]:
    items = []
    for receipt in rows:
        overdue = receipt.decision_due_on < today
        items.append(
            WorkItem(
                kind=Kind.FRONT_DOOR_REQUEST,
                title=kind_label(Kind.FRONT_DOOR_REQUEST),
                what=f"Request {receipt.reference}, {receipt.get_stage_display().lower()}",
                family_id=receipt.referral.family_id,
                family_name=receipt.referral.family.name,
                due=receipt.decision_due_on,
                overdue=overdue,
                waiting_days=days_waiting(timezone.localdate(receipt.received_at), today),
                url=reverse("frontdoor:detail", args=[receipt.pk]),
            )
        )
    return items


Reader = Callable[[Iterable[Any], dt.date], list[WorkItem]]

_READ: dict[Kind, tuple[tuple[str, ...], tuple[str, ...], Reader]] = {
    # kind: (what to join, the kind's own order (most urgent first, then by id), the reader)
    Kind.FRONT_DOOR_REQUEST: (("referral__family",), ("received_at", "pk"), _incoming_items),
    Kind.ACTION_OVERDUE: (("plan__family",), ("due_on", "pk"), _own_action_items),
    Kind.ACTION_DUE: (("plan__family",), ("due_on", "pk"), _own_action_items),
    Kind.REVIEW_DUE: (("family",), ("next_review_on", "pk"), _own_review_items),
    Kind.SCREENING_DUE: (("family", "person"), ("screen_again_by", "pk"), _screening_items),
    Kind.ASSESSMENT_IN_PROGRESS: (("family",), ("started_at", "pk"), _assessment_items),
    Kind.ASSESSMENT_RETURNED: (("family",), ("started_at", "pk"), _assessment_items),
    Kind.FRONT_DOOR_QUESTION: (("referral__family",), ("stage_since", "pk"), _question_items),
    Kind.FRONT_DOOR_DECISION: (("referral__family",), ("-decided_at", "pk"), _decision_items),
    Kind.SIGN_OFF: (("family", "submitted_by"), ("submitted_at", "pk"), _sign_off_items),
    Kind.REFERRAL_APPROVAL: (
        ("family", "created_by"),
        ("approval_requested_at", "pk"),
        _approval_items,
    ),
    Kind.TEAM_ACTION_OVERDUE: (("plan__family",), ("due_on", "pk"), _team_action_items),
    Kind.TEAM_REVIEW_OVERDUE: (("family",), ("next_review_on", "pk"), _team_review_items),
    Kind.SUBJECT_ACCESS_DUE: (("family", "person"), ("due_on", "pk"), _subject_access_items),
}


def _read(user: User, kind: Kind, day: dt.date, start: int, stop: int) -> list[WorkItem]:
    """Items ``start`` to ``stop`` of one of ``user``'s kinds, in the kind's own order, with
    what its reader joins (one query, its SQL kept)."""
    key = person_key(user, day, kind, start, stop)
    return _READ[kind][2](_KEPT_SLICES(key, user, day, kind, start, stop), day)


def _slice(user: User, day: dt.date, kind: Kind, start: int, stop: int) -> QuerySet[Any]:
    joins, order, _ = _READ[kind]
    return _sources(user, day)[kind].select_related(*joins).order_by(*order)[start:stop]


_KEPT_SLICES: CompiledQuerySets[QuerySet[Any]] = CompiledQuerySets(_slice)
"""Each kind's page of items, compiled once per person, day and page: the sources' nested
subqueries cost more to compile at every request than the database takes to run them."""


def kinds_for(user: User) -> tuple[Kind, ...]:
    """The kinds of work ``user`` may have, in the order the page lists them."""
    return _kinds(user, timezone.localdate())


def items_of(
    user: User, kind: Kind, today: dt.date | None = None, *, offset: int = 0, limit: int
) -> list[WorkItem]:
    """One kind of ``user``'s work, most urgent first by the kind's own order, ``limit``
    items from ``offset`` (one query; the paging is the database's)."""
    day = today or timezone.localdate()
    if kind not in _kinds(user, day):
        return []
    return _read(user, kind, day, offset, offset + limit)


def worklist_for(
    user: User,
    today: dt.date | None = None,
    *,
    per_kind: int = ITEMS_PER_KIND,
    counts: Mapping[Kind, int] | None = None,
) -> list[WorkItem]:
    """Everything waiting for ``user``, at most ``per_kind`` of each kind (the most urgent
    by the kind's own order), in the default order (overdue first, highest level, soonest
    due, longest waiting). One query a kind; with ``counts`` (the same day's
    ``counts_for(user)``, which a page has already made for its navigation), one query a
    kind that has any: most people have a few kinds of a dozen, and building and sending
    a query for each empty kind cost a manager's page more than all its rows."""
    day = today or timezone.localdate()
    items: list[WorkItem] = []
    for kind in _kinds(user, day):
        if counts is None or counts.get(kind, 0) > 0:
            items += _read(user, kind, day, 0, per_kind)
    return sorted(items, key=lambda item: item.order)


_KEPT_SOURCES: Kept[dict[Kind, QuerySet[Any]]] = Kept()
"""The sources of each person and day, built once (a dozen querysets of nested subqueries
cost Django more to build than PostgreSQL takes to run them) and handed out as clones: what
decides them is all in the key (``kept_queries.person_key`` and the day)."""


def _sources(user: User, day: dt.date) -> dict[Kind, QuerySet[Any]]:
    return {kind: source.all() for kind, source in _kept_sources(user, day).items()}


def _kinds(user: User, day: dt.date) -> tuple[Kind, ...]:
    return tuple(_kept_sources(user, day))


def _kept_sources(user: User, day: dt.date) -> dict[Kind, QuerySet[Any]]:
    """Not to be changed: hand out clones (``_sources``)."""
    return _KEPT_SOURCES.get(person_key(user, day), lambda: _build_sources(user, day))


def _build_sources(user: User, day: dt.date) -> dict[Kind, QuerySet[Any]]:
    sources: dict[Kind, QuerySet[Any]] = {}
    if works_at_front_door(user):
        sources[Kind.FRONT_DOOR_REQUEST] = _incoming(user)
    if does_casework(user):
        sources |= {
            Kind.ACTION_OVERDUE: _own_actions(user, day).filter(due_on__lt=day),
            Kind.ACTION_DUE: _own_actions(user, day).filter(due_on__gte=day),
            Kind.REVIEW_DUE: _own_reviews(user, day),
            Kind.SCREENING_DUE: _own_screenings(user, day),
            Kind.ASSESSMENT_IN_PROGRESS: _own_assessments(user).filter(returned_comment=""),
            Kind.ASSESSMENT_RETURNED: _own_assessments(user).exclude(returned_comment=""),
            Kind.FRONT_DOOR_QUESTION: _questions(user),
            Kind.FRONT_DOOR_DECISION: _decisions(user, day),
        }
        if user.role == Role.MANAGER:
            sources |= {
                Kind.SIGN_OFF: awaiting_signoff_for(user),
                Kind.REFERRAL_APPROVAL: awaiting_approval_for(user),
                Kind.TEAM_ACTION_OVERDUE: _team_actions(user, day),
                Kind.TEAM_REVIEW_OVERDUE: _team_reviews(user, day),
                Kind.SUBJECT_ACCESS_DUE: _subject_access(user, day),
            }
    return sources


def _counted(queryset: QuerySet[Any]) -> Coalesce:
    """A count as a scalar subquery (COUNT without GROUP BY), so all kinds are counted in
    one query."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(n=Func(F("pk"), function="COUNT")),
            output_field=IntegerField(),
        ),
        0,
    )


_COMPILED_COUNTS: Kept[tuple[str, tuple[Any, ...], tuple[Kind, ...]]] = Kept()
"""The counting query of each person and day, as SQL: the navigation counts on every page,
and building the query (a dozen subqueries over the families a manager may see) cost more
than running it. The SQL depends only on what the key holds (``kept_queries.person_key``
and the day); "now" is the database's own."""


def counts_for(user: User, today: dt.date | None = None) -> dict[Kind, int]:
    """How many items of each kind, in one query (a count per kind, nothing per family)."""
    day = today or timezone.localdate()
    compiled = _COMPILED_COUNTS.get(person_key(user, day), lambda: _compiled_counts(user, day))
    sql, params, kinds = compiled
    if not kinds:
        return {}
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return {kind: n for kind, n in zip(kinds, row, strict=True) if n}


def _compiled_counts(user: User, day: dt.date) -> tuple[str, tuple[Any, ...], tuple[Kind, ...]]:
    sources = _sources(user, day)
    kinds = tuple(sources)
    if not kinds:
        return ("", (), ())
    query = (
        User.objects.filter(pk=user.pk)
        .annotate(**{kind.value: _counted(qs) for kind, qs in sources.items()})
        .values(*(kind.value for kind in kinds))
    )
    sql, params = query.query.sql_with_params()
    return (sql, tuple(params), kinds)


def to_do_count(user: User, counts: Mapping[Kind, int] | None = None) -> int:
    """For the navigation: everything waiting, excepting decisions received (news, not work).
    ``counts``: the page's own ``counts_for(user)``, when it has them, so the navigation
    does not count again."""
    counted = counts_for(user) if counts is None else counts
    return sum(n for kind, n in counted.items() if kind != Kind.FRONT_DOOR_DECISION)
