from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.sign_in_throttle import ACCOUNT, ADDRESS, ThrottlePolicy, delay_after

policies = st.sampled_from([ACCOUNT, ADDRESS])


def test_five_wrong_passwords_then_a_minute_then_doubling() -> None:
    assert [delay_after(n, ACCOUNT) for n in range(4, 10)] == [0, 60, 120, 240, 480, 900]


def test_the_address_allows_more_before_it_slows_down() -> None:
    assert delay_after(19, ADDRESS) == 0
    assert delay_after(20, ADDRESS) == 30


@given(policies, st.integers(min_value=0, max_value=10**9))
def test_the_delay_never_passes_the_ceiling(policy: ThrottlePolicy, failures: int) -> None:
    assert 0 <= delay_after(failures, policy) <= policy.ceiling


@given(policies, st.integers(min_value=0, max_value=10**6))
def test_another_failure_never_shortens_the_delay(policy: ThrottlePolicy, failures: int) -> None:
    assert delay_after(failures + 1, policy) >= delay_after(failures, policy)
