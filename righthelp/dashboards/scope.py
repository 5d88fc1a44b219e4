"""Whose figures a dashboard shows. Every dashboard page and export gets its scope here.

Analysts see the whole partnership, aggregated: counts only, never a family's name or id.
Managers see the families they may see (``families.access.families_visible_to``).
Practitioners and administrators have no dashboards.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from righthelp.accounts.models import Role, User
from righthelp.dashboards.selectors import Figures, Period
from righthelp.families.access import families_visible_to
from righthelp.families.models import Family
from righthelp.partnerships.models import Partnership
from righthelp.partnerships.selectors import pack_set_for

DASHBOARD_ROLES = (Role.ANALYST, Role.MANAGER)


@dataclass(frozen=True)
class DashboardScope:
    partnership: Partnership
    families: QuerySet[Family]
    """One row per family: safe to aggregate over."""
    description: str
    partnership_wide: bool


def may_see_dashboards(user: User) -> bool:
    return user.is_authenticated and user.role in DASHBOARD_ROLES and user.partnership is not None


def figures_for(scope: DashboardScope, period: Period) -> Figures:
    """What every figure of ``scope`` is computed from, over ``period``."""
    packs = pack_set_for(scope.partnership)
    return Figures(
        families=scope.families,
        period=period,
        thresholds=packs.thresholds,
        packs=packs,
        whole_partnership=scope.partnership.pk if scope.partnership_wide else None,
    )


def dashboard_scope_for(user: User) -> DashboardScope:
    partnership = user.partnership if user.is_authenticated else None
    if partnership is None or user.role not in DASHBOARD_ROLES:
        raise PermissionDenied("Dashboards are for managers and partnership analysts.")
    if user.role == Role.ANALYST:
        return DashboardScope(
            partnership=partnership,
            families=Family.objects.filter(partnership=partnership),
            description=f"Every family in {partnership.name}",
            partnership_wide=True,
        )
    return DashboardScope(
        partnership=partnership,
        families=Family.objects.filter(pk__in=families_visible_to(user).values("pk")),
        description="The families you may see: your team's families",
        partnership_wide=False,
    )
