"""The reminder digest: what kinds of work are waiting and how many, and a link. Built only
from kinds and counts, so no name, address, date of birth or case detail can reach an email.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from righthelp.core.worklist import Kind, kind_label

RETRY_DELAYS_MINUTES = (5, 30, 120, 480)
"""After a failed send, when to try again; after the last, the email is recorded as failed
(the product's setting)."""


@dataclass(frozen=True)
class Digest:
    subject: str
    body: str


def digest_for(counts: Mapping[Kind, int], link: str) -> Digest | None:
    """One person's digest; None when nothing is waiting (no email is sent)."""
    waiting = [(kind, n) for kind in Kind if (n := counts.get(kind, 0)) > 0]
    if not waiting:
        return None
    total = sum(n for _, n in waiting)
    lines = [f"- {kind_label(kind, n)}: {n}" for kind, n in waiting]
    body = "\n".join(
        [
            "Good morning,",
            "",
            f"You have {total} thing{'s' if total != 1 else ''} waiting in Right Help:",
            "",
            *lines,
            "",
            f"See your work: {link}",
            "",
            "This email says only what kind of work is waiting. Sign in to see the details.",
            "You can choose to have no reminder emails on the same page.",
        ]
    )
    return Digest(
        subject=f"Right Help: {total} thing{'s' if total != 1 else ''} waiting", body=body
    )


def retry_delay(attempts: int) -> int | None:
    """Minutes before the next try after ``attempts`` failed tries; None: give up."""
    if attempts < 1:
        raise ValueError("a retry follows at least one attempt")
    return RETRY_DELAYS_MINUTES[attempts - 1] if attempts <= len(RETRY_DELAYS_MINUTES) else None
