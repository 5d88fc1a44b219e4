"""The partnership report as a PDF: every section's table, for sharing outside the
partnership (small numbers suppressed). Built by the worker as a prepared download, since
it counts every figure and renders them all (``downloads``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.dashboards.scope import dashboard_scope_for, figures_for
from righthelp.dashboards.sections import SECTIONS
from righthelp.dashboards.selectors import Period
from righthelp.documents.pdf import render_pdf
from righthelp.exports.disclosure import Audience, audience_note, for_audience
from righthelp.self_assessment.selectors import report_round_summary


def may_make_report(user: User) -> None:
    """The partnership report is made by the partnership's analysts."""
    dashboard_scope_for(user)
    if user.role != Role.ANALYST:
        raise PermissionDenied("The partnership report is made by the partnership's analysts.")


def report_params(period: Period) -> dict[str, Any]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def partnership_report_pdf(*, user: User, params: dict[str, Any]) -> bytes:
    """The report over the period in ``params``, as ``user`` (an analyst) may see it."""
    from righthelp.dashboards.views import Panel  # the page's own panel shape

    may_make_report(user)
    scope = dashboard_scope_for(user)
    period = Period(
        start=dt.date.fromisoformat(params["start"]), end=dt.date.fromisoformat(params["end"])
    )
    figures = figures_for(scope, period)
    threshold = scope.partnership.small_number_threshold
    panels = [
        Panel(section, for_audience(section.table(figures), Audience.OUTSIDE, threshold), None)
        for section in SECTIONS
    ]
    return render_pdf(
        "dashboards/report.html",
        {
            "title": f"{scope.partnership.name}: partnership report",
            "partnership": scope.partnership,
            "panels": panels,
            "period": figures.period,
            "made_on": timezone.localdate(),
            "suppression_note": audience_note(Audience.OUTSIDE, threshold),
            "self_assessment": report_round_summary(scope.partnership),
        },
    )


def report_audit_detail() -> dict[str, Any]:
    return {
        "format": "pdf",
        "audience": Audience.OUTSIDE.value,
        "tables": [section.key for section in SECTIONS],
    }
