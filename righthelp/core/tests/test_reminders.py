"""The digest carries kinds, counts and a link; nothing else."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.reminders import RETRY_DELAYS_MINUTES, digest_for, retry_delay
from righthelp.core.worklist import KIND_LABELS, Kind

LINK = "https://righthelp.example/work/"


def test_nothing_waiting_means_no_email() -> None:
    assert digest_for({}, LINK) is None
    assert digest_for({Kind.SIGN_OFF: 0}, LINK) is None


def test_a_digest_lists_each_kind_with_its_count_and_the_link() -> None:
    digest = digest_for({Kind.ACTION_OVERDUE: 2, Kind.SIGN_OFF: 1}, LINK)
    assert digest is not None
    assert digest.subject == "Right Help: 3 things waiting"
    assert "- Plan actions overdue: 2" in digest.body
    assert "- Decision waiting for your sign-off: 1" in digest.body
    assert LINK in digest.body


ALLOWED = {label for pair in KIND_LABELS.values() for label in pair}


@given(st.dictionaries(st.sampled_from(list(Kind)), st.integers(min_value=0, max_value=500)))
def test_every_line_of_the_list_is_a_known_label_and_a_count(counts: dict[Kind, int]) -> None:
    digest = digest_for(counts, LINK)
    if digest is None:
        assert not any(counts.values())
        return
    for line in digest.body.splitlines():
        if line.startswith("- "):
            label, count = re.fullmatch(r"- (.+): (\d+)", line).groups()  # type: ignore[union-attr]
            assert label in ALLOWED and int(count) > 0


def test_failed_sends_are_retried_then_given_up() -> None:
    assert [retry_delay(n) for n in range(1, len(RETRY_DELAYS_MINUTES) + 2)] == [
        *RETRY_DELAYS_MINUTES,
        None,
    ]
    with pytest.raises(ValueError):
        retry_delay(0)
