"""The family's level of need as its assessments stand, kept on the family row.

The current level is the decided level of the family's latest completed assessment; a
decision waiting for a manager's sign-off is kept beside it as the pending level, since
when it has waited. Every write that changes an assessment's status calls
``family_level_refresh`` in its own transaction, so the family row is never behind.
"""

from __future__ import annotations

from uuid import UUID

from righthelp.assessments.models import Assessment, Status
from righthelp.families.models import Family


def family_level_refresh(family_id: UUID) -> None:
    """Recompute the family's current and pending level from its own assessments (two
    indexed look-ups of one family's rows) and store them on the family."""
    latest = (
        Assessment.objects.filter(family_id=family_id, status=Status.COMPLETED)
        .order_by("-completed_at")
        .values("final_level", "pack_id", "completed_at")
        .first()
    )
    waiting = (
        Assessment.objects.filter(family_id=family_id, status=Status.AWAITING_SIGNOFF)
        .order_by("submitted_at")
        .values("final_level", "submitted_at")
        .first()
    )
    Family.objects.filter(pk=family_id).update(
        current_level=latest["final_level"] if latest else None,
        current_level_pack=latest["pack_id"] if latest else "",
        current_level_at=latest["completed_at"] if latest else None,
        pending_level=waiting["final_level"] if waiting else None,
        pending_since=waiting["submitted_at"] if waiting else None,
    )
