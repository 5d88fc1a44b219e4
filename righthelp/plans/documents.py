"""The family's copy of its plan: built from what may be shown, so nothing else can leak.

Left out, by construction rather than by template care: practitioners' notes (on the plan
and on reviews), and any referral the partnership's rules say is never disclosed to the
family (Prevent). Intelligence never reaches a plan at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from righthelp.plans.selectors import ActionView, CriterionView, PlanView


@dataclass(frozen=True)
class ReviewForFamily:
    held_on: dt.date
    attendees: str
    summary: str
    parent_scaling: int | None
    young_person_scaling: int | None


@dataclass(frozen=True)
class ReferralForFamily:
    route: str
    status: str
    sent_at: dt.datetime | None


@dataclass(frozen=True)
class FamilyCopy:
    criteria: tuple[CriterionView, ...]
    actions: tuple[ActionView, ...]
    reviews: tuple[ReviewForFamily, ...]
    referrals: tuple[ReferralForFamily, ...]


def family_copy(view: PlanView) -> FamilyCopy:
    return FamilyCopy(
        criteria=view.criteria,
        actions=view.actions,
        reviews=tuple(
            ReviewForFamily(
                r.held_on, r.attendees, r.summary, r.parent_scaling, r.young_person_scaling
            )
            for r in view.reviews
        ),
        referrals=tuple(
            ReferralForFamily(r.get_route_display(), r.get_status_display(), r.sent_at)
            for r in view.referrals
            if not r.never_disclosed
        ),
    )
