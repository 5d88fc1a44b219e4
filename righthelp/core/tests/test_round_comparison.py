"""Comparing two rounds of the self-assessment: improved, fell back, unchanged."""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.schema import Instrument
from righthelp.core.round_comparison import Change, change_between, compare_rounds, mean_rating
from righthelp.core.self_assessment import Rating, aggregate


@cache
def instrument() -> Instrument:
    return (
        PackRegistry().get("partnership-self-assessment").instruments_by_id["cce-self-assessment"]
    )


def _changes(
    earlier: list[tuple[str, str, str]], later: list[tuple[str, str, str]]
) -> dict[str, Change]:
    result = compare_rounds(
        instrument(),
        aggregate(instrument(), [Rating(*r) for r in earlier]),
        instrument(),
        aggregate(instrument(), [Rating(*r) for r in later]),
    )
    return {q.question.id: q.change for q in result.questions}


def test_fewer_agencies_with_no_or_minimal_evidence_is_an_improvement() -> None:
    changes = _changes(
        [("Police", "q1-1", "none"), ("Health", "q1-1", "good")],
        [("Police", "q1-1", "some"), ("Health", "q1-1", "good")],
    )
    assert changes["q1-1"] is Change.IMPROVED


def test_more_agencies_with_no_or_minimal_evidence_is_falling_back_whatever_the_mean() -> None:
    # Mean rises (1.5 -> 2) but one agency now has minimal evidence where none had before:
    # the share of gaps decides first.
    changes = _changes(
        [("Police", "q2-1", "some"), ("Health", "q2-1", "some"), ("School", "q2-1", "some")],
        [("Police", "q2-1", "good"), ("Health", "q2-1", "good"), ("School", "q2-1", "minimal")],
    )
    assert changes["q2-1"] is Change.FELL_BACK


def test_with_the_same_share_the_mean_rating_decides() -> None:
    changes = _changes(
        [("Police", "q3-1", "some"), ("Health", "q3-1", "minimal")],
        [("Police", "q3-1", "good"), ("Health", "q3-1", "minimal")],
    )
    assert changes["q3-1"] is Change.IMPROVED
    changes = _changes(
        [("Police", "q3-2", "minimal")],
        [("Police", "q3-2", "none")],
    )
    assert changes["q3-2"] is Change.FELL_BACK


def test_the_same_answers_are_unchanged_and_unanswered_questions_are_not_comparable() -> None:
    changes = _changes([("Police", "q4-1", "good")], [("Health", "q4-1", "good")])
    assert changes["q4-1"] is Change.UNCHANGED
    assert changes["q4-2"] is Change.NOT_COMPARABLE


def test_a_question_answered_only_in_one_round_is_not_comparable() -> None:
    changes = _changes([], [("Police", "q1-2", "good")])
    assert changes["q1-2"] is Change.NOT_COMPARABLE


def test_the_mean_rating_scores_good_three_down_to_none_zero() -> None:
    summary = aggregate(
        instrument(),
        [Rating("A", "q1-1", "good"), Rating("B", "q1-1", "none"), Rating("C", "q1-1", "some")],
    )
    assert mean_rating(instrument(), summary.questions[0].ratings) == Fraction(5, 3)
    assert mean_rating(instrument(), summary.questions[1].ratings) is None


def test_the_comparison_counts_each_kind() -> None:
    result = compare_rounds(
        instrument(),
        aggregate(instrument(), [Rating("A", "q1-1", "none"), Rating("A", "q1-2", "good")]),
        instrument(),
        aggregate(instrument(), [Rating("A", "q1-1", "good"), Rating("A", "q1-2", "none")]),
    )
    counts = result.counts()
    assert counts[Change.IMPROVED] == 1
    assert counts[Change.FELL_BACK] == 1
    assert counts[Change.NOT_COMPARABLE] == 21
    assert [q.question.id for q in result.with_change(Change.FELL_BACK)] == ["q1-2"]


fractions = st.fractions(min_value=0, max_value=3)


@given(fractions, fractions, fractions, fractions)
def test_swapping_the_rounds_swaps_improved_and_fell_back(
    s1: Fraction, m1: Fraction, s2: Fraction, m2: Fraction
) -> None:
    forward = change_between(s1, m1, s2, m2)
    backward = change_between(s2, m2, s1, m1)
    opposite = {
        Change.IMPROVED: Change.FELL_BACK,
        Change.FELL_BACK: Change.IMPROVED,
        Change.UNCHANGED: Change.UNCHANGED,
    }
    assert backward is opposite[forward]


@pytest.mark.parametrize("missing", [0, 1, 2, 3])
def test_any_missing_figure_is_not_comparable(missing: int) -> None:
    figures: list[Fraction | None] = [Fraction(0), Fraction(1), Fraction(0), Fraction(2)]
    figures[missing] = None
    assert change_between(*figures) is Change.NOT_COMPARABLE
