"""Writing the audit log. Every read and write of a case record calls ``audit``.

Events form a hash chain (``righthelp.core.audit_chain``). Writing one takes the chain's
lock for the rest of the transaction, reads the last event's hash, and stores the new event
with its own: on PostgreSQL a transaction-scoped advisory lock, so two application servers
never chain two events to the same predecessor, taken and followed by the read in one round
trip (``audit_chain_tail``, ADR 0042); on SQLite the write lock that every transaction
takes at its start (``transaction_mode`` IMMEDIATE).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.chain_key import chain_key
from righthelp.audit.models import Action, AuditEvent
from righthelp.audit.selectors import as_chain_event
from righthelp.core.audit_chain import GENESIS, link_hash

# pg_advisory_xact_lock key for the chain: any fixed 64-bit number unused elsewhere.
CHAIN_LOCK = 0x52484155444954  # "RHAUDIT"


def _lock_chain_and_read_tail() -> tuple[str | None, dt.datetime | None, dt.datetime]:
    """Take the chain's lock for the rest of the transaction, then read the last event:
    (its hash, its time, the time the lock was granted); the first two None for an empty
    log. On PostgreSQL one round trip: ``audit_chain_tail`` (migration audit 0005, ADR 0042)
    takes the advisory lock and then reads the tail with a snapshot taken after the lock,
    so no event committed before the lock is missed. On SQLite the transaction already
    holds the write lock (``transaction_mode`` IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_hash, last_at, locked_at FROM audit_chain_tail(%s)", [CHAIN_LOCK]
            )
            last_hash, last_at, locked_at = cursor.fetchone()
        return last_hash, last_at, locked_at
    last = AuditEvent.objects.order_by("-id").values_list("hash", "at").first()
    now = timezone.now()
    return (last[0], last[1], now) if last is not None else (None, None, now)


def chain_tail() -> tuple[str, dt.datetime]:
    """Take the chain's lock for the rest of the transaction (call inside one), and give
    the last event's hash and the earliest time the next event may have: for a writer of
    many events at once (``righthelp synth``), which links them itself with ``link_hash``."""
    last_hash, last_at, at = _lock_chain_and_read_tail()
    if last_hash is None or last_at is None:
        return GENESIS, at
    return last_hash, max(at, last_at)


def audit(
    *,
    actor: User | None,
    action: Action,
    record_type: str,
    record_id: object = "",
    family_id: UUID | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """One event. ``detail`` holds ids, field names and reasons, never personal data."""
    with transaction.atomic():
        previous, _, at = _lock_chain_and_read_tail()
        event = AuditEvent(
            at=at,
            actor=actor if actor is not None and actor.is_authenticated else None,
            action=action,
            record_type=record_type,
            record_id=str(record_id),
            family_id=family_id,
            detail=detail or {},
        )
        event.hash = link_hash(previous or GENESIS, as_chain_event(event), chain_key())
        event.save()
    return event
