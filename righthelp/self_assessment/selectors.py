"""Reads for the self-assessment: an agency's answers, the partnership view of a round
(heatmap, areas, gaps, action plan), the comparison of two rounds, and the same figures
as tables for export. Aggregation is ``core.self_assessment.aggregate`` over the
submitted responses; the comparison is ``core.round_comparison.compare_rounds``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from righthelp.core.packs.schema import Instrument, Question, ScaleOption, Section
from righthelp.core.round_comparison import Comparison, compare_rounds
from righthelp.core.self_assessment import Aggregation, QuestionSummary, Rating, aggregate
from righthelp.core.self_assessment_rules import question_name
from righthelp.exports.tables import Row, Table
from righthelp.partnerships.models import Agency, Partnership
from righthelp.self_assessment.models import (
    ActionQuestion,
    AgencyResponse,
    PlanAction,
    QuestionRating,
    ResponseStatus,
    Round,
    RoundStatus,
)
from righthelp.self_assessment.services import instrument_of

NOT_RATED = "Not rated"


def cell_label(option: ScaleOption) -> str:
    """What a heatmap cell says: the scale's own words, so colour is never the only signal."""
    return option.label


@dataclass(frozen=True)
class HeatCell:
    rating: str
    label: str
    tone: int | None
    """0 for the best rating, rising to the worst; None when not rated."""


@dataclass(frozen=True)
class HeatRow:
    question: Question
    section: Section
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class Heatmap:
    agencies: tuple[Agency, ...]
    rows: tuple[HeatRow, ...]
    legend: tuple[HeatCell, ...]

    def cell(self, question_id: str, agency_name: str) -> HeatCell:
        row = next(r for r in self.rows if r.question.id == question_id)
        index = [a.name for a in self.agencies].index(agency_name)
        return row.cells[index]


@dataclass(frozen=True)
class LinkedAction:
    action: PlanAction
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class RoundView:
    round: Round
    instrument: Instrument
    aggregation: Aggregation
    heatmap: Heatmap
    responses: tuple[AgencyResponse, ...]
    actions: tuple[LinkedAction, ...]

    @property
    def submitted(self) -> tuple[AgencyResponse, ...]:
        return tuple(r for r in self.responses if r.status == ResponseStatus.SUBMITTED)

    @property
    def most_often_no_or_minimal(self) -> tuple[QuestionSummary, ...]:
        return self.aggregation.most_often_no_or_minimal()

    def actions_for(self, question_id: str) -> tuple[LinkedAction, ...]:
        return tuple(a for a in self.actions if any(q.id == question_id for q in a.questions))


def _submitted_ratings(round_: Round) -> list[tuple[int, str, str]]:
    """(agency id, question id, rating) of every submitted response: one query."""
    return list(
        QuestionRating.objects.filter(
            response__round=round_, response__status=ResponseStatus.SUBMITTED
        )
        .exclude(rating="")
        .order_by("response__agency__name", "pk")
        .values_list("response__agency_id", "question_id", "rating")
    )


def _aggregate(instrument: Instrument, ratings: list[tuple[int, str, str]]) -> Aggregation:
    return aggregate(instrument, [Rating(str(agency), q, r) for agency, q, r in ratings])


def round_aggregation(round_: Round) -> tuple[Instrument, Aggregation]:
    instrument = instrument_of(round_)
    return instrument, _aggregate(instrument, _submitted_ratings(round_))


def _heatmap(
    instrument: Instrument, agencies: tuple[Agency, ...], ratings: list[tuple[int, str, str]]
) -> Heatmap:
    options = {option.id: (index, option) for index, option in enumerate(instrument.scale)}
    given = {(agency, question): rating for agency, question, rating in ratings}

    def cell(agency: Agency, question: Question) -> HeatCell:
        rating = given.get((agency.pk, question.id), "")
        if rating not in options:
            return HeatCell("", NOT_RATED, None)
        index, option = options[rating]
        return HeatCell(rating, cell_label(option), index)

    return Heatmap(
        agencies=agencies,
        rows=tuple(
            HeatRow(question, section, tuple(cell(agency, question) for agency in agencies))
            for section in instrument.sections
            for question in section.questions
        ),
        legend=tuple(
            HeatCell(option.id, cell_label(option), index)
            for index, option in enumerate(instrument.scale)
        ),
    )


def round_view(round_: Round) -> RoundView:
    instrument = instrument_of(round_)
    responses = tuple(
        AgencyResponse.objects.filter(round=round_)
        .select_related("agency", "submitted_by")
        .order_by("agency__name")
    )
    ratings = _submitted_ratings(round_)
    submitted = tuple(r.agency for r in responses if r.status == ResponseStatus.SUBMITTED)
    questions = {q.id: q for section in instrument.sections for q in section.questions}
    links: dict[int, list[str]] = defaultdict(list)
    actions = list(PlanAction.objects.filter(round=round_).select_related("owner"))
    for action_id, question_id in (
        ActionQuestion.objects.filter(action__round=round_)
        .order_by("pk")
        .values_list("action_id", "question_id")
    ):
        links[action_id].append(question_id)
    order = list(questions)
    return RoundView(
        round=round_,
        instrument=instrument,
        aggregation=_aggregate(instrument, ratings),
        heatmap=_heatmap(instrument, submitted, ratings),
        responses=responses,
        actions=tuple(
            LinkedAction(
                action,
                tuple(
                    questions[q]
                    for q in sorted(links[action.pk], key=lambda q: order.index(q))
                    if q in questions
                ),
            )
            for action in actions
        ),
    )


@dataclass(frozen=True)
class RoundComparison:
    earlier: Round
    later: Round
    comparison: Comparison
    like_with_like: bool = True
    """Only the agencies that answered in both rounds are compared."""
    in_both: tuple[str, ...] = ()
    only_earlier: tuple[str, ...] = ()
    only_later: tuple[str, ...] = ()

    @property
    def agencies_differ(self) -> bool:
        return bool(self.only_earlier or self.only_later)


def _agency_names(ids: set[int]) -> tuple[str, ...]:
    return tuple(Agency.objects.filter(pk__in=ids).order_by("name").values_list("name", flat=True))


def compare(earlier: Round, later: Round, *, like_with_like: bool = True) -> RoundComparison:
    """The two rounds' answers compared; by default only the agencies that answered in both
    (like with like), and always saying which agencies answered in one round only."""
    earlier_instrument, later_instrument = instrument_of(earlier), instrument_of(later)
    before, after = _submitted_ratings(earlier), _submitted_ratings(later)
    before_ids, after_ids = {a for a, _, _ in before}, {a for a, _, _ in after}
    both = before_ids & after_ids
    if like_with_like:
        before = [r for r in before if r[0] in both]
        after = [r for r in after if r[0] in both]
    return RoundComparison(
        earlier=earlier,
        later=later,
        comparison=compare_rounds(
            earlier_instrument,
            _aggregate(earlier_instrument, before),
            later_instrument,
            _aggregate(later_instrument, after),
        ),
        like_with_like=like_with_like,
        in_both=_agency_names(both),
        only_earlier=_agency_names(before_ids - after_ids),
        only_later=_agency_names(after_ids - before_ids),
    )


def percent(share: Fraction | None) -> str:
    return "No answers" if share is None else f"{round(float(share) * 100)}%"


def mean_text(mean: Fraction | None) -> str:
    return "No answers" if mean is None else f"{float(mean):.1f}"


# --- the same figures as tables, for CSV and XLSX --------------------------------------


def heatmap_table(view: RoundView) -> Table:
    return Table(
        key="self-assessment-heatmap",
        title=f"{view.round.title}: ratings by question and agency",
        row_heading="Question",
        columns=tuple(agency.name for agency in view.heatmap.agencies),
        rows=tuple(
            Row(question_name(row.question, words=12), tuple(cell.label for cell in row.cells))
            for row in view.heatmap.rows
        ),
        counts_people=False,
        note="Submitted responses only.",
    )


def areas_table(view: RoundView) -> Table:
    scale = view.instrument.scale
    return Table(
        key="self-assessment-areas",
        title=f"{view.round.title}: ratings by area",
        row_heading="Area",
        columns=(*(option.label for option in scale), "Share rated no or minimal evidence"),
        rows=tuple(
            Row(
                summary.section.title,
                (
                    *(summary.ratings.counts[option.id] for option in scale),
                    percent(summary.ratings.share_no_or_minimal),
                ),
            )
            for summary in view.aggregation.sections
        ),
        counts_people=False,
        note="Counts of agencies' ratings across the questions of each area.",
    )


def actions_table(view: RoundView) -> Table:
    return Table(
        key="self-assessment-action-plan",
        title=f"{view.round.title}: action plan",
        row_heading="Action",
        columns=("Owner", "Due", "Status", "Questions it answers"),
        rows=tuple(
            Row(
                linked.action.text,
                (
                    linked.action.owner.name,
                    f"{linked.action.due_on:%d %B %Y}",
                    linked.action.get_status_display(),
                    ", ".join(q.number for q in linked.questions),
                ),
            )
            for linked in view.actions
        ),
        counts_people=False,
    )


SELF_ASSESSMENT_TABLES = {
    "self-assessment-heatmap": heatmap_table,
    "self-assessment-areas": areas_table,
    "self-assessment-action-plan": actions_table,
}


def report_round_summary(partnership: Partnership) -> RoundView | None:
    """For the partnership report: the latest closed round, else the latest round."""
    rounds = Round.objects.filter(partnership=partnership)
    chosen = rounds.filter(status=RoundStatus.CLOSED).first() or rounds.first()
    return round_view(chosen) if chosen else None
