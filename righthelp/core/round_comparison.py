"""Did the partnership's answers improve between two self-assessment rounds?

Per question, the two rounds are compared first by the share of agencies that rated it no
or minimal evidence (the gaps the action plan answers: a lower share is better), and,
where that share is the same, by the mean rating (good evidence 3, some 2, minimal 1,
none 0 on the shipped scale: higher is better). A question that no agency answered in
either round cannot be compared. Shares and means are exact fractions, so "the same"
means the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from righthelp.core.packs.schema import Instrument, Question, Section
from righthelp.core.self_assessment import Aggregation, RatingCounts


class Change(StrEnum):
    IMPROVED = "improved"
    FELL_BACK = "fell_back"
    UNCHANGED = "unchanged"
    NOT_COMPARABLE = "not_comparable"

    @property
    def label(self) -> str:
        return {
            Change.IMPROVED: "Improved",
            Change.FELL_BACK: "Fell back",
            Change.UNCHANGED: "Unchanged",
            Change.NOT_COMPARABLE: "Not answered in both rounds",
        }[self]


def option_scores(instrument: Instrument) -> dict[str, int]:
    """The scale's options scored from the best (highest) down to 0."""
    last = len(instrument.scale) - 1
    return {option.id: last - index for index, option in enumerate(instrument.scale)}


def mean_rating(instrument: Instrument, ratings: RatingCounts) -> Fraction | None:
    if not ratings.answered:
        return None
    scores = option_scores(instrument)
    total = sum(scores[option] * count for option, count in ratings.counts.items())
    return Fraction(total, ratings.answered)


def change_between(
    before_share: Fraction | None,
    before_mean: Fraction | None,
    after_share: Fraction | None,
    after_mean: Fraction | None,
) -> Change:
    if before_share is None or after_share is None or before_mean is None or after_mean is None:
        return Change.NOT_COMPARABLE
    if after_share != before_share:
        return Change.IMPROVED if after_share < before_share else Change.FELL_BACK
    if after_mean != before_mean:
        return Change.IMPROVED if after_mean > before_mean else Change.FELL_BACK
    return Change.UNCHANGED


@dataclass(frozen=True)
class QuestionChange:
    question: Question
    section: Section
    before: RatingCounts | None
    """None when the earlier round's instrument did not have this question."""
    after: RatingCounts
    before_mean: Fraction | None
    after_mean: Fraction | None
    change: Change

    @property
    def before_share(self) -> Fraction | None:
        return self.before.share_no_or_minimal if self.before else None

    @property
    def after_share(self) -> Fraction | None:
        return self.after.share_no_or_minimal


@dataclass(frozen=True)
class Comparison:
    questions: tuple[QuestionChange, ...]

    def with_change(self, change: Change) -> tuple[QuestionChange, ...]:
        return tuple(q for q in self.questions if q.change is change)

    def counts(self) -> dict[Change, int]:
        return {change: len(self.with_change(change)) for change in Change}


def compare_rounds(
    earlier_instrument: Instrument,
    earlier: Aggregation,
    later_instrument: Instrument,
    later: Aggregation,
) -> Comparison:
    """The later round's questions, in its order, each compared with the earlier round.

    Questions are matched by id, so a reworded question still compares with itself; one
    the earlier instrument did not have is not comparable.
    """
    before_by_id = {q.question.id: q.ratings for q in earlier.questions}
    changes = []
    for summary in later.questions:
        before = before_by_id.get(summary.question.id)
        before_mean = mean_rating(earlier_instrument, before) if before else None
        after_mean = mean_rating(later_instrument, summary.ratings)
        changes.append(
            QuestionChange(
                question=summary.question,
                section=summary.section,
                before=before,
                after=summary.ratings,
                before_mean=before_mean,
                after_mean=after_mean,
                change=change_between(
                    before.share_no_or_minimal if before else None,
                    before_mean,
                    summary.ratings.share_no_or_minimal,
                    after_mean,
                ),
            )
        )
    return Comparison(questions=tuple(changes))
