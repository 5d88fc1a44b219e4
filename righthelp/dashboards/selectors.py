"""The dashboards' figures. Each is one function from a ``Figures`` context to a ``Table``,
counted in the database (one query each, however many families), never by a Python loop
over families.

A family's level at a moment is the final level of its latest assessment completed
before that moment; its current level is the level of its latest completed assessment,
kept on the family row on write (``assessments.family_level``), so current figures read
that column and never recompute it from history. No figure reads the audit log or the
chronology.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from righthelp.assessments.models import Assessment, Status
from righthelp.core.criterion_status import LABELS, CriterionStatus
from righthelp.core.outcome_bits import outcome_bits
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.pack import Pack
from righthelp.core.worklist import days_phrase, days_waiting
from righthelp.dashboards import tallies
from righthelp.dashboards.models import DueKind
from righthelp.exports.tables import Row, Table, one_column
from righthelp.families.models import Family
from righthelp.plans.models import OPEN_ACTION, FamilyPlan, PlanAction, PlanCriterion
from righthelp.referrals.models import CONSENT_CHOICES, ROUTE_CHOICES, Referral, ReferralStatus
from righthelp.screening.models import Screening

NOT_ASSESSED = "Not yet assessed"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    """Both days included."""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def start_at(self) -> dt.datetime:
        return _start_of(self.start)

    @property
    def end_before(self) -> dt.datetime:
        """The first moment after the period."""
        return _start_of(self.end + dt.timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @classmethod
    def last_year(cls, today: dt.date | None = None) -> Period:
        end = today or timezone.localdate()
        return cls(start=end - dt.timedelta(days=365), end=end)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class Figures:
    """What every figure is computed from: whose families, over what period, and the
    partnership's thresholds for the names of levels and outcomes."""

    families: QuerySet[Family]
    period: Period
    thresholds: Pack | None
    packs: PackSet | None = None
    """All the partnership's packs: names of criteria and of screening bands."""
    whole_partnership: int | None = None
    """The partnership's id when ``families`` are all its families: the figures of its
    families' kept columns are then read from the kept tallies (``dashboards.tallies``),
    not counted over every family row."""

    def level_names(self) -> list[tuple[int, str]]:
        if self.thresholds is None:
            return []
        return [(level.number, f"{level.number}. {level.name}") for level in self.thresholds.levels]

    def outcome_names(self) -> list[tuple[int, str]]:
        if self.thresholds is None:
            return [(number, f"Outcome {number}") for number in range(1, 11)]
        return [
            (outcome.number, f"{outcome.number}. {outcome.title}")
            for outcome in self.thresholds.outcomes
        ]


def _completed(before: dt.datetime) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        family=OuterRef("pk"), status=Status.COMPLETED, completed_at__lt=before
    ).order_by("-completed_at", "-pk")


def _level_before(before: dt.datetime) -> Case:
    """A family's level at ``before``: the level of its latest assessment completed before
    that moment.

    The family row keeps its current level and when it was set (``current_level_at``, the
    completion of its latest completed assessment), so a family whose level was last set
    before ``before`` had its current level then, and one never assessed had none: only a
    family whose level changed since is looked up in its history, by the covering index
    ``assessment_completed_level`` (an index-only scan of that family's few entries). The
    database evaluates the look-up only for the rows that reach it."""
    return Case(
        When(current_level_at__isnull=True, then=Value(None)),
        When(current_level_at__lt=before, then=F("current_level")),
        default=Subquery(_completed(before).values("final_level")[:1]),
        output_field=IntegerField(),
    )


def families_by_level(figures: Figures) -> Table:
    counted = (
        tallies.families_by_level(figures.whole_partnership)
        if figures.whole_partnership is not None
        else dict(
            figures.families.order_by()
            .values("current_level")
            .annotate(families=Count("pk"))
            .values_list("current_level", "families")
        )
    )
    rows = [(name, counted.get(number, 0)) for number, name in figures.level_names()]
    return one_column(
        key="families-by-level",
        title="Families by current level of need",
        row_heading="Level of need",
        column="Families",
        counts=[*rows, (NOT_ASSESSED, counted.get(None, 0))],
        note="A family's current level is the level of its latest completed assessment.",
    )


def decisions_awaiting_sign_off(figures: Figures) -> Table:
    """Families whose threshold decision waits for a manager's sign-off, by the level decided
    (kept on the family row, so one query), with the longest any has waited."""
    today = timezone.localdate()
    # By the partial index of waiting decisions (``family_pending_by_partnership``): as
    # many entries as decisions wait, never every family.
    rows = (
        figures.families.filter(pending_level__isnull=False)
        .order_by()
        .values("pending_level")
        .annotate(families=Count("pending_level"), oldest=Min("pending_since"))
        .values_list("pending_level", "families", "oldest")
    )
    counted = {level: (n, oldest) for level, n, oldest in rows}

    def longest(level: int) -> str:
        """Text, not a count of people, so an export's suppression leaves it alone."""
        oldest = counted.get(level, (0, None))[1]
        waited = days_waiting(timezone.localtime(oldest).date(), today) if oldest else None
        return days_phrase(waited) if waited is not None else "None waiting"

    return Table(
        key="decisions-awaiting-sign-off",
        title="Decisions awaiting sign-off, by level",
        row_heading="Level decided",
        columns=("Families awaiting sign-off", "Longest wait"),
        rows=tuple(
            Row(name, (counted.get(number, (0, None))[0], longest(number)))
            for number, name in figures.level_names()
        ),
        note=(
            "A family counts here at the level its practitioner decided while that decision "
            "waits for a manager's sign-off; until then it counts under its previous level "
            "(or not yet assessed) in the families by current level."
        ),
    )


def families_by_outcome(figures: Figures) -> Table:
    # The outcome areas of each family's latest completed assessment are kept on the
    # family row (``current_outcomes``, bit n for outcome n): one pass over the families'
    # rows, never a read of their findings.
    # The whole partnership's are read from the kept tally of families by outcome areas.
    numbers = [number for number, _ in figures.outcome_names()]
    if figures.whole_partnership is not None:
        by_number = tallies.families_by_outcome(figures.whole_partnership, numbers)
        counted = {str(n): by_number[n] for n in numbers}
    else:
        counted = (
            figures.families.order_by()
            .alias(**{f"bit_{n}": F("current_outcomes").bitand(outcome_bits([n])) for n in numbers})
            .aggregate(**{str(n): Count("pk", filter=~Q(**{f"bit_{n}": 0})) for n in numbers})
        )
    return one_column(
        key="families-by-outcome",
        title="Families by outcome area",
        row_heading="Outcome area",
        column="Families",
        counts=[(name, counted[str(number)]) for number, name in figures.outcome_names()],
        note=(
            "A family counts under every outcome area its latest completed assessment found "
            "an indicator in, so a family may count more than once."
        ),
    )


def level_movement(figures: Figures) -> Table:
    """From-level at the start of the period by to-level at its end."""
    period = figures.period
    # A period ending today ends at the kept current level; only the start is from history,
    # and for the whole partnership from the kept tally of level changes since the start.
    ends_today = period.end >= timezone.localdate()
    if ends_today and figures.whole_partnership is not None:
        counted = tallies.movement_since(figures.whole_partnership, period.start)
    else:
        counted = _movement_from_history(figures.families, period, ends_today)
    levels = figures.level_names()
    rows = [
        Row(name, tuple(counted.get((start, end), 0) for end, _ in levels))
        for start, name in [(None, NOT_ASSESSED), *levels]
    ]
    return Table(
        key="level-movement",
        title="Movement between levels of need",
        row_heading="Level at the start",
        columns=tuple(f"To {name}" for _, name in levels),
        rows=tuple(rows),
        note=(
            f"Families by their level on {period.start:%-d %B %Y} (rows) and on "
            f"{period.end:%-d %B %Y} (columns), from completed assessments. The diagonal is "
            "families whose level did not change."
        ),
    )


def _movement_from_history(
    families: QuerySet[Family], period: Period, ends_today: bool
) -> dict[tuple[int | None, int], int]:
    """(Level at the start, level at the end) of ``families``: one pass over their rows,
    reading the history of those whose level changed since each end of the period."""
    return {
        (start, end): n
        for start, end, n in families.annotate(
            level_at_start=_level_before(period.start_at),
            level_at_end=F("current_level") if ends_today else _level_before(period.end_before),
        )
        .filter(level_at_end__isnull=False)
        .order_by()
        .values("level_at_start", "level_at_end")
        .annotate(families=Count("pk"))
        .values_list("level_at_start", "level_at_end", "families")
    }


def criteria_progress(figures: Figures) -> Table:
    """Plan criteria by where they have got to, one row per headline criterion."""
    by_criterion: dict[str, dict[str, int]] = {}
    for criterion_id, status, n in (
        PlanCriterion.objects.filter(plan__family__in=figures.families.values("pk"))
        .order_by()
        .values("criterion_id", "status")
        .annotate(n=Count("pk"))
        .values_list("criterion_id", "status", "n")
    ):
        by_criterion.setdefault(criterion_id, {})[status] = n
    needs = (
        {entry.criterion.id: entry.criterion.criterion.need for entry in figures.packs.criteria}
        if figures.packs
        else {}
    )
    ordered = sorted(by_criterion, key=lambda c: tuple(int(p) for p in c.split(".") if p.isdigit()))
    statuses = list(CriterionStatus)
    return Table(
        key="criteria-progress",
        title="Family plan criteria identified, achieved and sustained",
        row_heading="Headline criterion",
        columns=tuple(LABELS[s] for s in statuses),
        rows=tuple(
            Row(
                f"{criterion} {needs.get(criterion, '')}".strip(),
                tuple(by_criterion[criterion].get(s.value, 0) for s in statuses),
            )
            for criterion in ordered
        ),
        note=(
            "Each criterion counts once per person it is in a plan for, under where it has "
            "got to now. Sustained means still achieved at a review the sustain period later."
        ),
    )


def _referrals_counted(figures: Figures) -> dict[tuple[str, str], int]:
    return {
        (route, consent): n
        for route, consent, n in Referral.objects.filter(
            family__in=figures.families.values("pk"),
            status=ReferralStatus.SENT,
            sent_at__gte=figures.period.start_at,
            sent_at__lt=figures.period.end_before,
        )
        .order_by()
        .values("route", "consent_route")
        .annotate(n=Count("pk"))
        .values_list("route", "consent_route", "n")
    }


def referrals_by_route(figures: Figures) -> Table:
    """Requests for service sent in the period, by where they went and the consent route."""
    counted = (
        tallies.referrals_sent(figures.whole_partnership, figures.period.start, figures.period.end)
        if figures.whole_partnership is not None
        else _referrals_counted(figures)
    )
    consents = [*CONSENT_CHOICES, ("", "No consent route recorded")]
    return Table(
        key="referrals-by-route",
        title="Requests for service by route and consent route",
        row_heading="Route",
        columns=tuple(label for _, label in consents),
        rows=tuple(
            Row(label, tuple(counted.get((route, consent), 0) for consent, _ in consents))
            for route, label in ROUTE_CHOICES
        ),
        note=(
            f"Requests sent from {figures.period.label}. Routes the partnership's rules do "
            "not ask consent for (such as Prevent) have no consent route."
        ),
    )


def overdue_work(figures: Figures) -> Table:
    """Plan actions past their due date, and plans past their agreed review date, today."""
    today = timezone.localdate()
    open_plans = FamilyPlan.objects.filter(
        family__in=figures.families.values("pk"), closed_at__isnull=True
    )
    actions = PlanAction.objects.filter(
        plan__in=open_plans,
        due_on__lt=today,
        status__in=OPEN_ACTION,
    )
    if figures.whole_partnership is not None:
        partnership = figures.whole_partnership
        late_actions = tallies.overdue(partnership, DueKind.ACTION, today)
        late_reviews = tallies.overdue(partnership, DueKind.REVIEW, today)
    else:
        late_actions = actions.count()
        late_reviews = open_plans.filter(next_review_on__lt=today).count()
    return one_column(
        key="overdue-work",
        title="Overdue actions and reviews",
        row_heading="What is overdue",
        column="Number",
        counts=[
            ("Plan actions past their due date", late_actions),
            ("Plans past their agreed review date", late_reviews),
        ],
        note=f"As of {today:%-d %B %Y}, in open family plans.",
    )


def screenings_by_band(figures: Figures) -> Table:
    """Exploitation screenings in the period by band, from the score and from what was seen."""
    screenings = Screening.objects.filter(
        family__in=figures.families.values("pk"),
        screened_on__gte=figures.period.start,
        screened_on__lte=figures.period.end,
    ).order_by()
    by_score = dict(
        screenings.values("score_band").annotate(n=Count("pk")).values_list("score_band", "n")
    )
    by_counts = dict(
        screenings.values("count_band").annotate(n=Count("pk")).values_list("count_band", "n")
    )
    disagree = screenings.filter(bands_disagree=True).count()
    instrument = figures.packs.screening if figures.packs else None
    bands = [(band.id, band.name) for band in instrument.bands] if instrument else []
    known = {band_id for band_id, _ in bands}
    bands += [(band_id, band_id) for band_id in sorted((set(by_score) | set(by_counts)) - known)]
    return Table(
        key="screenings-by-band",
        title="Exploitation screenings by band",
        row_heading="Band",
        columns=("From the score", "From what was seen"),
        rows=(
            *(
                Row(name, (by_score.get(band_id, 0), by_counts.get(band_id, 0)))
                for band_id, name in bands
            ),
            Row("Score and what was seen disagree", (disagree, disagree)),
        ),
        note=f"Screenings from {figures.period.label}.",
    )
