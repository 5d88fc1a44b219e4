"""Timing that resists noise: the best of several repeats of enough calls to last ~50 ms."""

from __future__ import annotations

import timeit
from collections.abc import Callable


def measure(function: Callable[[], object], repeats: int) -> float:
    """Seconds per call, the minimum over ``repeats`` rounds."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    number = max(1, number // 4)
    return min(timer.repeat(repeat=repeats, number=number)) / number
