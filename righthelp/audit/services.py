"""Writing the audit log. Every read and write of a case record calls ``audit``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from righthelp.accounts.models import User
from righthelp.audit.models import Action, AuditEvent


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
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        family_id=family_id,
        detail=detail or {},
    )
