"""The family's level of need as its assessments stand, kept on the family row.

The current level is the decided level of the family's latest completed assessment (and
its outcome areas, those it found an indicator in, are kept beside it); a
decision waiting for a manager's sign-off is kept beside it as the pending level, since
when it has waited. Every write that changes an assessment's status calls
``family_level_refresh`` in its own transaction, so the family row is never behind.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from righthelp.assessments.models import Assessment, IndicatorFinding, Status
from righthelp.core.outcome_bits import outcome_bits
from righthelp.dashboards.tallies import Kept, family_level_kept, level_changes
from righthelp.families.models import Family


@transaction.atomic
def family_level_refresh(family_id: UUID) -> None:
    """Recompute the family's current and pending level, and the outcome areas of its
    latest completed assessment, from its own assessments (indexed look-ups of one
    family's rows), store them on the family, and move the family between the
    dashboards' kept tallies (``dashboards.tallies``) in the same transaction."""
    before = (
        Family.objects.select_for_update()
        .filter(pk=family_id)
        .values("partnership_id", "current_level", "current_outcomes")
        .get()
    )
    completed = list(
        Assessment.objects.filter(family_id=family_id, status=Status.COMPLETED)
        .order_by("completed_at", "pk")  # as the dashboards' level at a moment
        .values("id", "final_level", "pack_id", "completed_at")
    )
    latest = completed[-1] if completed else None
    outcomes = (
        IndicatorFinding.objects.filter(assessment_id=latest["id"])
        .order_by()
        .values_list("outcome_number", flat=True)
        .distinct()
        if latest
        else []
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
        current_outcomes=outcome_bits(outcomes),
        pending_level=waiting["final_level"] if waiting else None,
        pending_since=waiting["submitted_at"] if waiting else None,
    )
    family_level_kept(
        family_id=family_id,
        partnership_id=before["partnership_id"],
        before=Kept(before["current_level"], before["current_outcomes"]),
        after=Kept(latest["final_level"] if latest else None, outcome_bits(outcomes)),
        changes=level_changes((row["completed_at"], row["final_level"]) for row in completed),
    )
