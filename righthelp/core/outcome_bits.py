"""A set of outcome areas as one integer, bit n for outcome n, so a family row can keep the
outcome areas of its latest completed assessment and the database can count families by
area with a bitwise test instead of reading findings."""

from __future__ import annotations

from collections.abc import Iterable

MAX_OUTCOME = 62
"""The highest outcome number a kept set can hold (a signed 64-bit integer)."""


def outcome_bits(outcomes: Iterable[int]) -> int:
    bits = 0
    for number in outcomes:
        if not 0 <= number <= MAX_OUTCOME:
            raise ValueError(f"outcome {number} cannot be kept (0 to {MAX_OUTCOME})")
        bits |= 1 << number
    return bits


def outcomes_of(bits: int) -> set[int]:
    return {number for number in range(MAX_OUTCOME + 1) if bits >> number & 1}
