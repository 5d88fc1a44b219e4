"""Dashboard figures as JSON, for a partnership's analysts and managers: the same tables,
the same scope (``dashboards.scope``) and the same small-number suppression as the CSV and
XLSX downloads, and audited as they are."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from righthelp.api.auth import caller
from righthelp.api.form_input import as_form_data, checked
from righthelp.api.schemas import FieldProblems, Input, Problem
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.dashboards.forms import PeriodForm
from righthelp.dashboards.scope import dashboard_scope_for, figures_for
from righthelp.dashboards.sections import SECTIONS, SECTIONS_BY_KEY
from righthelp.dashboards.selectors import Period
from righthelp.exports.disclosure import Audience, for_audience

router = Router(tags=["Dashboards"])


class FigureSummary(Schema):
    key: str
    title: str
    summary: str
    uses_period: bool


class RowOut(Schema):
    label: str
    cells: list[int | str] = Field(description="Counts; a suppressed count is the text '<5'")


class FigureOut(FigureSummary):
    audience: str
    families: str
    period_start: str | None
    period_end: str | None
    row_heading: str
    columns: list[str]
    rows: list[RowOut]


class FigureFilters(Input):
    audience: Literal["partnership", "outside"] = Field(
        "partnership",
        description="'outside': counts below the partnership's minimum are suppressed",
    )
    start: dt.date | None = Field(None, description="First day of the period (last year's if none)")
    end: dt.date | None = Field(None, description="Last day of the period")


@router.get(
    "/dashboards",
    response={200: list[FigureSummary], 403: Problem},
    summary="The dashboard figures you may see",
)
def figure_list(request: HttpRequest) -> list[Any]:
    dashboard_scope_for(caller(request))
    return [
        {"key": s.key, "title": s.title, "summary": s.summary, "uses_period": s.uses_period}
        for s in SECTIONS
    ]


def _period(filters: FigureFilters) -> Period:
    """The chosen period, checked by the dashboard page's own form; last year if none."""
    if filters.start is None and filters.end is None:
        return Period.last_year()
    form = PeriodForm(
        as_form_data({"start": filters.start, "end": filters.end}, date_fields=("start", "end"))
    )
    data = checked(form)
    return Period(data["start"], data["end"])


@router.get(
    "/dashboards/{key}",
    response={200: FigureOut, 403: Problem, 404: Problem, 422: FieldProblems},
    summary="One figure's table, for your families or your partnership",
)
def figure_detail(request: HttpRequest, key: str, filters: Query[FigureFilters]) -> dict[str, Any]:
    user = caller(request)
    scope = dashboard_scope_for(user)
    section = SECTIONS_BY_KEY.get(key)
    if section is None:
        raise HttpError(404, f"There is no figure {key!r}.")
    period = _period(filters)
    figures = figures_for(scope, period)
    audience = Audience(filters.audience)
    table = for_audience(section.table(figures), audience, scope.partnership.small_number_threshold)
    audit(
        actor=user,
        action=Action.EXPORTED,
        record_type="dashboard_api",
        record_id=key,
        detail={
            "table": key,
            "audience": audience.value,
            "partnership_wide": scope.partnership_wide,
            **(
                {"period": [period.start.isoformat(), period.end.isoformat()]}
                if section.uses_period
                else {}
            ),
        },
    )
    return {
        "key": section.key,
        "title": section.title,
        "summary": section.summary,
        "uses_period": section.uses_period,
        "audience": audience.value,
        "families": scope.description,
        "period_start": period.start.isoformat() if section.uses_period else None,
        "period_end": period.end.isoformat() if section.uses_period else None,
        "row_heading": table.row_heading,
        "columns": list(table.columns),
        "rows": [{"label": row.label, "cells": list(row.cells)} for row in table.rows],
    }
