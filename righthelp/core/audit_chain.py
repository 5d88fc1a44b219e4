"""The audit log's hash chain: each event's hash covers what it says and the hash of the
event before it, so changing, removing or slipping in an event breaks every link after it.

``link_hash`` makes the hash an event is stored with; ``first_broken_link`` walks the log in
the order it was written (by id) and names the first event whose stored hash is not the one
its content and its predecessor give, or whose time is earlier than its predecessor's (a
back-dated insert). Pure functions: the audit app reads and writes the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
# Events are timed under the chain's lock, so their times only move forward; a second's
# grace covers events written before the chain existed, whose times were taken earlier.
CLOCK_GRACE = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class ChainEvent:
    """An audit event as the chain sees it."""

    id: int
    at: dt.datetime
    actor_id: int | None
    action: str
    record_type: str
    record_id: str
    family_id: str | None
    detail: Any
    hash: str


def canonical(event: ChainEvent) -> bytes:
    """The event's content, the same bytes however it was stored and read back."""
    at = event.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    content = [
        at,
        event.actor_id,
        event.action,
        event.record_type,
        event.record_id,
        event.family_id,
        json.loads(json.dumps(event.detail)),
    ]
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def link_hash(previous: str, event: ChainEvent) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(event)).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    at: dt.datetime
    reason: str


@dataclass(frozen=True)
class ChainReport:
    events: int
    last_hash: str
    broken: BrokenLink | None


def first_broken_link(events: Iterable[ChainEvent]) -> ChainReport:
    """Walk ``events`` in id order; stop at the first link that does not hold."""
    previous_hash = GENESIS
    previous_at: dt.datetime | None = None
    count = 0
    for event in events:
        count += 1
        if event.hash != link_hash(previous_hash, event):
            return ChainReport(
                count,
                previous_hash,
                BrokenLink(
                    event.id,
                    event.at,
                    "its hash does not match its content and the event before it: this "
                    "event, or one before it, was changed, removed or inserted",
                ),
            )
        if previous_at is not None and event.at < previous_at - CLOCK_GRACE:
            return ChainReport(
                count,
                previous_hash,
                BrokenLink(
                    event.id,
                    event.at,
                    "it is dated before the event written ahead of it "
                    f"({previous_at.isoformat(timespec='seconds')}): a back-dated insert",
                ),
            )
        previous_hash, previous_at = event.hash, event.at
    return ChainReport(count, previous_hash, None)
