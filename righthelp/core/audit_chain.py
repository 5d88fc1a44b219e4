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

A synthetic caseload (``righthelp synth``) writes years of invented history whose events are
dated by that history, not by when they were written. It declares them first: a *history
marker* (``HISTORY_RECORD_TYPE``, dated when written, linked like any event) says how many
events follow. Those may be dated anywhere up to the marker's time, in date order among
themselves; the event after them is held to the marker's time again. Every link is still
checked, and the walk reports each declared history (``ChainReport.histories``), so
back-dating is never silent. See docs/adr/0057-synthetic-history-dated-by-its-story.md.
"""

from __future__ import annotations

import dataclasses
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
HISTORY_RECORD_TYPE = "synthetic_history"
"""The record type of a history marker: ``detail`` is ``{"events": N}``, the number of
events after it that are dated by the history they tell (see the module's text)."""


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
class History:
    """A declared synthetic history: the marker event, when it was written, how many
    events it declared, and the dates of the first and last of them."""

    marker_id: int
    written_at: dt.datetime
    events: int
    first_at: dt.datetime | None = None
    last_at: dt.datetime | None = None


@dataclass(frozen=True)
class ChainReport:
    events: int
    last_hash: str
    broken: BrokenLink | None
    keyed_from: KeyStart | None = None
    histories: tuple[History, ...] = ()


def _link_holds(previous: str, event: ChainEvent, key: bytes | None, keyed: bool) -> str:
    """'keyed' or 'bare' for the kind of link that holds, '' when none may."""
    if key and hmac.compare_digest(event.hash, link_hash(previous, event, key)):
        return "keyed"
    if not keyed and event.hash == link_hash(previous, event):
        return "bare"
    return ""


def declared_history(event: ChainEvent) -> int:
    """How many events ``event`` declares as a synthetic history (0 if it is no marker)."""
    if event.record_type != HISTORY_RECORD_TYPE or not isinstance(event.detail, dict):
        return 0
    declared = event.detail.get("events")
    return declared if type(declared) is int and declared > 0 else 0


def _history_date_fault(event: ChainEvent, history: History) -> str:
    """Why an event inside a declared history is wrongly dated, '' when it is not."""
    if event.at > history.written_at:
        return (
            "it is inside a declared synthetic history but dated after the history was "
            f"written ({history.written_at.isoformat(timespec='seconds')})"
        )
    if history.last_at is not None and event.at < history.last_at:
        return (
            "it is inside a declared synthetic history but dated before the event written "
            f"ahead of it ({history.last_at.isoformat(timespec='seconds')}): a history is "
            "written in date order"
        )
    return ""


def first_broken_link(events: Iterable[ChainEvent], key: bytes | None = None) -> ChainReport:
    """Walk ``events`` in id order; stop at the first link that does not hold. With ``key``,
    bare links are accepted only before the first keyed one. Events inside a declared
    synthetic history are held to its dates (``_history_date_fault``) rather than to the
    time of the event before."""
    previous_hash = GENESIS
    previous_at: dt.datetime | None = None
    keyed_from: KeyStart | None = None
    histories: list[History] = []
    remaining = 0  # events still to come of the history being walked
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
                count,
                previous_hash,
                BrokenLink(event.id, event.at, reason),
                keyed_from,
                tuple(histories),
            )
        if holds == "keyed" and keyed_from is None:
            keyed_from = KeyStart(event.id, event.at)
        if remaining:
            history = histories[-1]
            fault = _history_date_fault(event, history)
            if fault:
                broken = BrokenLink(event.id, event.at, fault)
                return ChainReport(count, previous_hash, broken, keyed_from, tuple(histories))
            histories[-1] = dataclasses.replace(
                history, first_at=history.first_at or event.at, last_at=event.at
            )
            remaining -= 1
            # The log's own clock is where the marker left it.
            previous_hash, previous_at = event.hash, history.written_at
            continue
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
                tuple(histories),
            )
        remaining = declared_history(event)
        if remaining:
            histories.append(History(event.id, event.at, remaining))
        previous_hash, previous_at = event.hash, event.at
    if remaining:
        # Written in one transaction, a history is whole or absent: its end was removed.
        history = histories[-1]
        at = history.last_at or history.written_at
        reason = (
            f"the log ends inside a declared synthetic history ({history.events - remaining} "
            f"of {history.events} events): events were removed from its end"
        )
        broken_at = BrokenLink(history.marker_id, at, reason)
        return ChainReport(count, previous_hash, broken_at, keyed_from, tuple(histories))
    return ChainReport(count, previous_hash, None, keyed_from, tuple(histories))
