"""Who may act at the front door. One set of rules for the pages and the API.

Members of the partnership's front door team (practitioners and managers in a team marked
``front_door``) see the queue and acknowledge, ask and decide. The sender's side (reading the
front door's answer, answering a question) is for whoever may see the family, decided by
``families.access``. Every look and every refusal is audited.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.families.access import CASEWORK_ROLES, family_for
from righthelp.frontdoor.models import Receipt

RECORD = "front_door_request"


def works_at_front_door(user: User) -> bool:
    return (
        user.is_authenticated
        and user.role in CASEWORK_ROLES
        and user.team_id is not None
        and user.team is not None
        and user.team.front_door
    )


def require_front_door(user: User) -> None:
    if not works_at_front_door(user):
        audit(actor=user, action=Action.REFUSED, record_type=RECORD, detail={"queue": True})
        raise PermissionDenied("Only the partnership's front door team works on this queue.")


def receipt_at_front_door(user: User, receipt_id: int, *, looking_at: str) -> Receipt:
    """A request in ``user``'s front door queue, audited; refused (and audited) otherwise."""
    require_front_door(user)
    receipt = (
        Receipt.objects.select_related(
            "referral__family",
            "referral__person",
            "referral__sent_by__team__agency",
            "referral__approved_by",
            "lead_practitioner",
            "decided_by",
            "acknowledged_by",
        )
        .filter(pk=receipt_id, partnership=user.partnership)
        .first()
    )
    if receipt is None:
        audit(
            actor=user,
            action=Action.REFUSED,
            record_type=RECORD,
            record_id=receipt_id,
            detail={"looking_at": looking_at},
        )
        raise Http404("No such request in your front door's queue.")
    audit(
        actor=user,
        action=Action.VIEWED,
        record_type=RECORD,
        record_id=receipt.pk,
        family_id=receipt.referral.family_id,
        detail={"looking_at": looking_at},
    )
    return receipt


def receipt_for_sender(user: User, family_id: UUID, receipt_id: int) -> Receipt:
    """A request as its sender's side sees it: through the family's own access check."""
    family = family_for(user, family_id, looking_at="front_door_request")
    receipt = (
        Receipt.objects.select_related("referral__family", "lead_practitioner")
        .filter(pk=receipt_id, referral__family=family)
        .first()
    )
    if receipt is None:
        raise Http404("No such request for this family.")
    return receipt
