"""The audit log's hash chain: each event's hash covers what it says and the hash of the
event before it, so changing, removing or slipping in an event breaks every link after it.

``link_hash`` makes the hash an event is stored with; ``first_broken_link`` walks the log in
the order it was written (by id) and names the first event whose stored hash is not the one
its content and its predecessor give, or whose time is earlier than its predecessor's (a
back-dated insert). Pure functions: the audit app reads and writes the database.

With a key (``RIGHTHELP_AUDIT_KEY``) the link is an HMAC-SHA256 rather than a bare SHA-256,
so someone who can INSERT but does not hold the key cannot make a link that verifies. A log
begun before the key keeps its bare links: the walk accepts bare links until the first keyed
one (the point the key started, reported as ``keyed_from``) and only keyed links after it.
See docs/adr/0030-audit-chain-key.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
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


def link_hash(previous: str, event: ChainEvent, key: bytes | None = None) -> str:
    """The event's link: SHA-256 of the previous hash and its content, or with ``key`` their
    HMAC-SHA256 (which no one without the key can make)."""
    message = previous.encode() + b"\n" + canonical(event)
    if key:
        return hmac.new(key, message, hashlib.sha256).hexdigest()
    return hashlib.sha256(message).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    at: dt.datetime
    reason: str


@dataclass(frozen=True)
class KeyStart:
    """The first event whose link is keyed: every event from it on must be."""

    event_id: int
    at: dt.datetime


@dataclass(frozen=True)
class ChainReport:
    events: int
    last_hash: str
    broken: BrokenLink | None
    keyed_from: KeyStart | None = None


def _link_holds(previous: str, event: ChainEvent, key: bytes | None, keyed: bool) -> str:
    """'keyed' or 'bare' for the kind of link that holds, '' when none may."""
    if key and hmac.compare_digest(event.hash, link_hash(previous, event, key)):
        return "keyed"
    if not keyed and event.hash == link_hash(previous, event):
        return "bare"
    return ""


def first_broken_link(events: Iterable[ChainEvent], key: bytes | None = None) -> ChainReport:
    """Walk ``events`` in id order; stop at the first link that does not hold. With ``key``,
    bare links are accepted only before the first keyed one."""
    previous_hash = GENESIS
    previous_at: dt.datetime | None = None
    keyed_from: KeyStart | None = None
    count = 0
    for event in events:
        count += 1
        holds = _link_holds(previous_hash, event, key, keyed_from is not None)
        if not holds:
            reason = (
                "its hash is not the keyed hash of its content and the event before it: "
                "this event, or one before it, was changed, removed or inserted by someone "
                "without the audit key (or the key given is not the one the log was written "
                "with)"
                if keyed_from is not None
                else "its hash does not match its content and the event before it: this "
                "event, or one before it, was changed, removed or inserted"
                + (" (or the audit key given is not the one it was written with)" if key else "")
            )
            return ChainReport(
                count, previous_hash, BrokenLink(event.id, event.at, reason), keyed_from
            )
        if holds == "keyed" and keyed_from is None:
            keyed_from = KeyStart(event.id, event.at)
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
                keyed_from,
            )
        previous_hash, previous_at = event.hash, event.at
    return ChainReport(count, previous_hash, None, keyed_from)
