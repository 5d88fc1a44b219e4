"""The dashboard page's figures, cached per partnership (per manager for a manager's own
families) for a stated time, so a busy partnership counts its caseload once every few
minutes, not on every page view. The page says when its figures were counted.

Exports and the partnership report are counted afresh: they are rare and go outside.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.dashboards.scope import DashboardScope
from righthelp.dashboards.sections import SECTIONS
from righthelp.dashboards.selectors import Figures
from righthelp.exports.tables import Table


@dataclass(frozen=True)
class FiguredTables:
    tables: tuple[Table, ...]
    """One per ``SECTIONS`` entry, in order."""
    at: dt.datetime
    """When they were counted."""
    fresh_for: dt.timedelta
    """How long counted figures are shown before they are counted again (0: never cached)."""
    sections: str
    """The page's sections showing them, as HTML (``cached_tables``' ``render``)."""


def fresh_for() -> dt.timedelta:
    return dt.timedelta(seconds=settings.RIGHTHELP_DASHBOARD_CACHE_SECONDS)


def _key(scope: DashboardScope, figures: Figures, user: User) -> str:
    # Analysts share the partnership's figures; a manager's include their own emergency
    # access, so theirs are their own.
    whose = "partnership" if scope.partnership_wide else f"user-{user.pk}"
    # The sections in the key: a release that adds or reorders figures never reads old ones
    # (nor, with ":page", entries kept before the page's HTML was kept with them).
    sections = hashlib.sha256(",".join(s.key for s in SECTIONS).encode()).hexdigest()[:12]
    return (
        f"dashboards:{scope.partnership.pk}:{whose}:"
        f"{figures.period.start.isoformat()}:{figures.period.end.isoformat()}:{sections}:page"
    )


def cached_tables(
    scope: DashboardScope,
    figures: Figures,
    user: User,
    render: Callable[[tuple[Table, ...]], str],
) -> FiguredTables:
    """Every section's table for ``scope`` over ``figures.period``: from the cache if they
    were counted within ``fresh_for()``, else counted now and kept, with the page's HTML of
    them (``render``: the same for everyone the key serves)."""
    keep = fresh_for()
    key = _key(scope, figures, user)
    if keep.total_seconds() > 0:
        found = cache.get(key)
        if isinstance(found, FiguredTables):
            return found
    tables = tuple(section.table(figures) for section in SECTIONS)
    figured = FiguredTables(
        tables=tables,
        at=timezone.now(),
        fresh_for=keep,
        sections=render(tables),
    )
    if keep.total_seconds() > 0:
        cache.set(key, figured, timeout=keep.total_seconds())
    return figured
