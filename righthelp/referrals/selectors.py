"""Reads for requests for service."""

from __future__ import annotations

from django.db.models import QuerySet

from righthelp.accounts.models import Role, User
from righthelp.families.access import of_visible_families
from righthelp.referrals.models import Referral, ReferralStatus


def awaiting_approval_for(manager: User) -> QuerySet[Referral]:
    """Referrals a manager of the referrer's team has been asked to approve."""
    if manager.role != Role.MANAGER or manager.team_id is None:
        return Referral.objects.none()
    asked = Referral.objects.filter(
        status=ReferralStatus.DRAFT,
        approval_requested_at__isnull=False,
        approved_at__isnull=True,
        created_by__team_id=manager.team_id,
    )
    return (
        of_visible_families(manager, asked)
        .exclude(created_by=manager)
        .select_related("family", "created_by")
        .order_by("approval_requested_at")
    )
