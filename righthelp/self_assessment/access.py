"""Who may see and complete what. Every self-assessment page gets its records here.

- A partnership analyst opens and closes rounds, sees every response of their
  partnership's rounds and the partnership view, and keeps the action plan.
- People of an agency (practitioners and managers whose team belongs to it) complete
  their agency's response, and see only that.
- Administrators, and anyone from another partnership, see nothing: a round of another
  partnership is "not found", so its existence is not disclosed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from righthelp.accounts.models import Role, User
from righthelp.self_assessment.models import AgencyResponse, PlanAction, Round

AGENCY_ROLES = (Role.PRACTITIONER, Role.MANAGER)


def is_analyst(user: User) -> bool:
    return user.is_authenticated and user.role == Role.ANALYST and user.team_id is not None


def may_use_self_assessment(user: User) -> bool:
    return (
        user.is_authenticated
        and user.team_id is not None
        and user.role in (Role.ANALYST, *AGENCY_ROLES)
    )


def _agency_id(user: User) -> int | None:
    return user.team.agency_id if user.team is not None else None


def rounds_for(user: User) -> QuerySet[Round]:
    """Rounds of the user's partnership: every one for an analyst, none for anyone else."""
    if not is_analyst(user):
        return Round.objects.none()
    return Round.objects.filter(partnership=user.partnership)


def responses_for(user: User) -> QuerySet[AgencyResponse]:
    """The responses the user may complete: their own agency's."""
    agency_id = _agency_id(user)
    if not may_use_self_assessment(user) or user.role not in AGENCY_ROLES or agency_id is None:
        return AgencyResponse.objects.none()
    return AgencyResponse.objects.filter(agency_id=agency_id, round__partnership=user.partnership)


def round_for_analyst(user: User, round_id: int) -> Round:
    if not may_use_self_assessment(user):
        raise PermissionDenied("The self-assessment is for agencies and partnership analysts.")
    found = Round.objects.filter(pk=round_id, partnership=user.partnership).first()
    if found is None:
        raise Http404("No such round")
    if not is_analyst(user):
        raise PermissionDenied("Only the partnership's analysts see the partnership view.")
    return found


def response_for(user: User, round_id: int, response_id: int) -> AgencyResponse:
    """The response, if the user is of its agency or an analyst of its partnership."""
    if not may_use_self_assessment(user):
        raise PermissionDenied("The self-assessment is for agencies and partnership analysts.")
    response = (
        AgencyResponse.objects.select_related("round", "agency", "submitted_by")
        .filter(pk=response_id, round_id=round_id, round__partnership=user.partnership)
        .first()
    )
    if response is None:
        raise Http404("No such response")
    if not (is_analyst(user) or may_complete(user, response)):
        raise PermissionDenied("Only people of this agency complete its self-assessment.")
    return response


def may_complete(user: User, response: AgencyResponse) -> bool:
    return (
        user.is_authenticated
        and user.role in AGENCY_ROLES
        and _agency_id(user) == response.agency_id
        and user.partnership == response.round.partnership
    )


def action_for(user: User, round_: Round, action_id: int) -> PlanAction:
    action = PlanAction.objects.filter(pk=action_id, round=round_).first()
    if action is None:
        raise Http404("No such action")
    return action
