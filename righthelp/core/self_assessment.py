"""Is our partnership responding well? Agencies' self-assessment ratings, aggregated.

Each agency rates each question once on the instrument's scale. The partnership's
picture is, per question and per area, how many agencies gave each rating and the share
that rated it no or minimal evidence: the gaps the action plan must answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from righthelp.core.packs.schema import Instrument, InstrumentKind, Question, Section

NO_OR_MINIMAL_GROUP = "no-or-minimal"


@dataclass(frozen=True)
class Rating:
    agency: str
    question_id: str
    option_id: str


@dataclass(frozen=True)
class RatingCounts:
    counts: Mapping[str, int]
    """Every scale option, in scale order, zero where no agency chose it."""
    no_or_minimal: int

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def share_no_or_minimal(self) -> Fraction | None:
        """None when no agency has answered: no evidence is not the same as no answers."""
        return Fraction(self.no_or_minimal, self.answered) if self.answered else None


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    section: Section
    ratings: RatingCounts


@dataclass(frozen=True)
class SectionSummary:
    section: Section
    ratings: RatingCounts


@dataclass(frozen=True)
class Aggregation:
    agencies: tuple[str, ...]
    questions: tuple[QuestionSummary, ...]
    sections: tuple[SectionSummary, ...]

    def most_often_no_or_minimal(self, limit: int = 5) -> tuple[QuestionSummary, ...]:
        """The questions most often rated no or minimal evidence, most first; ties in order."""
        rated = [q for q in self.questions if q.ratings.no_or_minimal > 0]
        rated.sort(key=lambda q: -q.ratings.no_or_minimal)
        return tuple(rated[:limit])


class RatingError(ValueError):
    pass


def aggregate(instrument: Instrument, ratings: Iterable[Rating]) -> Aggregation:
    if instrument.kind is not InstrumentKind.RATED_QUESTIONS:
        raise ValueError(f"instrument {instrument.id} is not rated questions")
    options = [option.id for option in instrument.scale]
    known_options = set(options)
    concern = {o.id for o in instrument.scale if o.group == NO_OR_MINIMAL_GROUP}
    questions = {q.id for section in instrument.sections for q in section.questions}

    tally: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[str, str]] = set()
    agencies: dict[str, None] = {}  # first-seen order
    for rating in ratings:
        if rating.question_id not in questions:
            raise RatingError(f"unknown question {rating.question_id!r} in {instrument.id}")
        if rating.option_id not in known_options:
            raise RatingError(f"unknown rating {rating.option_id!r} in {instrument.id}")
        key = (rating.agency, rating.question_id)
        if key in seen:
            raise RatingError(f"{rating.agency} rated {rating.question_id} more than once")
        seen.add(key)
        agencies[rating.agency] = None
        tally[rating.question_id, rating.option_id] += 1

    def counts_of(question_ids: list[str]) -> RatingCounts:
        counts = {o: sum(tally[q, o] for q in question_ids) for o in options}
        return RatingCounts(counts=counts, no_or_minimal=sum(counts[option] for option in concern))

    question_summaries = tuple(
        QuestionSummary(question=q, section=section, ratings=counts_of([q.id]))
        for section in instrument.sections
        for q in section.questions
    )
    section_summaries = tuple(
        SectionSummary(section=section, ratings=counts_of([q.id for q in section.questions]))
        for section in instrument.sections
    )
    return Aggregation(
        agencies=tuple(agencies), questions=question_summaries, sections=section_summaries
    )
