"""How long to wait before the next sign-in try, after failures (OWASP ASVS 5.0 V6.3).

Failures are counted twice over: per address (one machine trying many accounts) and per
account (many machines trying one). Each count gives a delay that doubles with every
failure past the free ones, up to a ceiling, and then stays there: never a lock that lasts
until an administrator lifts it, so no one can keep a person out for longer than the
ceiling after their last guess. A try made while a delay runs is refused without looking
at the password and without counting, so it never moves the end of the delay. The counts
lapse after ``forget_after`` of quiet.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThrottlePolicy:
    free: int
    """Failures allowed before any delay."""
    first_delay: int
    """Seconds of the first delay; each further failure doubles it."""
    ceiling: int
    """The longest delay, in seconds."""
    forget_after: int
    """Seconds of quiet after which the failures are forgotten."""


# A shared office or a council's network can put many people behind one address, so the
# address has more free failures than an account has.
ACCOUNT = ThrottlePolicy(free=5, first_delay=60, ceiling=15 * 60, forget_after=24 * 60 * 60)
ADDRESS = ThrottlePolicy(free=20, first_delay=30, ceiling=15 * 60, forget_after=24 * 60 * 60)


def delay_after(failures: int, policy: ThrottlePolicy) -> int:
    """Seconds to wait after ``failures`` failures in a row."""
    past_free = failures - policy.free
    if past_free < 0:
        return 0
    # Cap the exponent first: the delay is bounded however many failures there were.
    delay: int = policy.first_delay * 2 ** min(past_free, 30)
    return min(policy.ceiling, delay)


# Asking for a password reset link: every request counts (a right or wrong address alike, so
# the count says nothing about which addresses have accounts). Three links an hour for one
# address typed; an office's worth from one machine.
RESET_ACCOUNT = ThrottlePolicy(free=3, first_delay=15 * 60, ceiling=60 * 60, forget_after=60 * 60)
RESET_ADDRESS = ThrottlePolicy(free=10, first_delay=5 * 60, ceiling=60 * 60, forget_after=60 * 60)
