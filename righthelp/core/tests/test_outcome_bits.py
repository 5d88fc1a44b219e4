from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.outcome_bits import MAX_OUTCOME, outcome_bits, outcomes_of


@given(st.sets(st.integers(min_value=0, max_value=MAX_OUTCOME)))
def test_a_set_of_outcomes_round_trips(outcomes: set[int]) -> None:
    assert outcomes_of(outcome_bits(outcomes)) == outcomes


def test_each_outcome_is_its_own_bit() -> None:
    assert outcome_bits([1, 3, 10]) == 0b10000001010
    assert outcome_bits([]) == 0


@pytest.mark.parametrize("number", [-1, MAX_OUTCOME + 1])
def test_outcomes_a_kept_set_cannot_hold_are_refused(number: int) -> None:
    with pytest.raises(ValueError, match="cannot be kept"):
        outcome_bits([number])
