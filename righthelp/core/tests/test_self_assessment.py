"""Is our partnership responding well? Aggregating agencies' self-assessments."""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.schema import Instrument
from righthelp.core.self_assessment import Rating, RatingError, aggregate


@cache
def instrument() -> Instrument:
    return (
        PackRegistry().get("partnership-self-assessment").instruments_by_id["cce-self-assessment"]
    )


def test_two_agencies_rate_the_first_questions() -> None:
    ratings = [
        Rating("Police", "q1-1", "good"),
        Rating("Police", "q1-2", "minimal"),
        Rating("Education", "q1-1", "some"),
        Rating("Education", "q1-2", "none"),
        Rating("Education", "q2-1", "good"),
    ]
    result = aggregate(instrument(), ratings)
    assert result.agencies == ("Police", "Education")

    q11, q12 = result.questions[0], result.questions[1]
    assert dict(q11.ratings.counts) == {"good": 1, "some": 1, "minimal": 0, "none": 0}
    assert q11.ratings.share_no_or_minimal == 0
    assert q12.ratings.no_or_minimal == 2
    assert q12.ratings.share_no_or_minimal == 1

    service_response, information_sharing = result.sections[0], result.sections[1]
    assert service_response.ratings.answered == 4
    assert service_response.ratings.share_no_or_minimal == Fraction(1, 2)
    assert information_sharing.ratings.answered == 1
    assert result.sections[2].ratings.share_no_or_minimal is None  # nobody answered

    assert [q.question.id for q in result.most_often_no_or_minimal()] == ["q1-2"]


def test_questions_printed_with_the_same_number_are_counted_apart() -> None:
    result = aggregate(
        instrument(), [Rating("Health", "q1-8a", "good"), Rating("Health", "q1-8b", "none")]
    )
    by_id = {q.question.id: q for q in result.questions}
    assert by_id["q1-8a"].ratings.counts["good"] == 1
    assert by_id["q1-8b"].ratings.counts["none"] == 1
    assert by_id["q1-8a"].question.number == by_id["q1-8b"].question.number == "1.8"


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (Rating("Police", "q9-9", "good"), "unknown question 'q9-9'"),
        (Rating("Police", "q1-1", "excellent"), "unknown rating 'excellent'"),
    ],
)
def test_bad_ratings_are_named(rating: Rating, message: str) -> None:
    with pytest.raises(RatingError, match=message):
        aggregate(instrument(), [rating])


def test_an_agency_rates_a_question_once() -> None:
    with pytest.raises(RatingError, match="Police rated q1-1 more than once"):
        aggregate(
            instrument(), [Rating("Police", "q1-1", "good"), Rating("Police", "q1-1", "some")]
        )


def all_question_ids() -> list[str]:
    return [q.id for s in instrument().sections for q in s.questions]


ratings_strategy = st.dictionaries(
    keys=st.tuples(
        st.sampled_from(["Police", "Health", "Education", "Youth"]),
        st.sampled_from(all_question_ids()),
    ),
    values=st.sampled_from(["good", "some", "minimal", "none"]),
    max_size=60,
)


@given(ratings_strategy)
def test_section_counts_are_the_sum_of_their_questions(answers: dict[tuple[str, str], str]) -> None:
    result = aggregate(instrument(), [Rating(a, q, o) for (a, q), o in answers.items()])
    for section in result.sections:
        questions = [q for q in result.questions if q.section.id == section.section.id]
        for option in ("good", "some", "minimal", "none"):
            assert section.ratings.counts[option] == sum(
                q.ratings.counts[option] for q in questions
            )
    assert sum(s.ratings.answered for s in result.sections) == len(answers)
    for ratings in [q.ratings for q in result.questions] + [s.ratings for s in result.sections]:
        share = ratings.share_no_or_minimal
        assert share is None or 0 <= share <= 1
