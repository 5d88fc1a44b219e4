"""Dashboards for managers and analysts: every registered section with its chart, its
table and its exports; and the partnership report as a PDF. Thin: the figures come from
``selectors`` through ``sections``, whose families from ``scope``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from righthelp.accounts.requests import user_of
from righthelp.dashboards.cache import cached_tables
from righthelp.dashboards.forms import PeriodForm
from righthelp.dashboards.report import may_make_report, report_params
from righthelp.dashboards.scope import DashboardScope, dashboard_scope_for, figures_for
from righthelp.dashboards.sections import SECTIONS, SECTIONS_BY_KEY, Chart, Section
from righthelp.dashboards.selectors import Figures, Period
from righthelp.downloads.models import PreparedKind
from righthelp.downloads.services import prepared_file_request
from righthelp.exports.disclosure import Audience
from righthelp.exports.services import Format, export_table
from righthelp.exports.tables import Table
from righthelp.ui.charts import BarChart, bar_chart


@dataclass(frozen=True)
class Download:
    label: str
    url: str


@dataclass(frozen=True)
class Panel:
    section: Section
    table: Table
    chart: BarChart | None
    downloads: tuple[Download, ...] = ()


def _figures(request: HttpRequest, scope: DashboardScope) -> tuple[Figures, PeriodForm]:
    default = Period.last_year()
    form = PeriodForm(
        request.GET if "start_0" in request.GET else None,
        initial={"start": default.start, "end": default.end},
    )
    return figures_for(scope, form.period(default=default)), form


def _chart(section: Section, table: Table) -> BarChart | None:
    if section.chart is not Chart.BAR:
        return None
    return bar_chart([(row.label, row.count()) for row in table.rows])


def _period_query(period: Period) -> dict[str, int]:
    return {
        "start_0": period.start.day,
        "start_1": period.start.month,
        "start_2": period.start.year,
        "end_0": period.end.day,
        "end_1": period.end.month,
        "end_2": period.end.year,
    }


def _downloads(section: Section, period: Period) -> tuple[Download, ...]:
    query = _period_query(period) if section.uses_period else {}
    links = []
    for audience, suffix in (
        (Audience.PARTNERSHIP, ""),
        (Audience.OUTSIDE, " for sharing outside the partnership"),
    ):
        for file_format in Format:
            url = reverse("dashboards:export", args=[section.key, file_format.value])
            links.append(
                Download(
                    label=f"{file_format.value.upper()}{suffix}",
                    url=f"{url}?{urlencode({**query, 'audience': audience.value})}",
                )
            )
    return tuple(links)


def _sections(tables: tuple[Table, ...], period: Period) -> str:
    """Every section with its chart, table and downloads, as HTML: 45 KB of a thousand
    template nodes, rendered once with the figures they show (``cached_tables``)."""
    panels = [
        Panel(section, table, _chart(section, table), _downloads(section, period))
        for section, table in zip(SECTIONS, tables, strict=True)
    ]
    return render_to_string("dashboards/_sections.html", {"panels": panels, "period": period})


def index(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    scope = dashboard_scope_for(user)
    figures, form = _figures(request, scope)
    figured = cached_tables(scope, figures, user, lambda tables: _sections(tables, figures.period))
    return render(
        request,
        "dashboards/index.html",
        {
            "scope": scope,
            "contents": SECTIONS,
            # Our own template's output, escaped when it was rendered.
            "sections": mark_safe(figured.sections),  # noqa: S308
            "form": form,
            "period": figures.period,
            "period_query": urlencode(_period_query(figures.period)),
            "threshold": scope.partnership.small_number_threshold,
            "figured_at": figured.at,
            "fresh_minutes": max(1, round(figured.fresh_for.total_seconds() / 60))
            if figured.fresh_for
            else 0,
            "nav": "dashboards",
        },
    )


def export(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    user = user_of(request)
    scope = dashboard_scope_for(user)
    section = SECTIONS_BY_KEY.get(key)
    try:
        chosen_format = Format(file_format)
        audience = Audience(request.GET.get("audience", Audience.PARTNERSHIP.value))
    except ValueError:
        raise Http404("No such export") from None
    if section is None:
        raise Http404("No such table")
    figures, _ = _figures(request, scope)
    notes = [f"Families: {scope.description}."]
    detail: dict[str, object] = {"partnership_wide": scope.partnership_wide}
    if section.uses_period:
        notes.append(f"Period: {figures.period.label}.")
        detail["period"] = [figures.period.start.isoformat(), figures.period.end.isoformat()]
    exported = export_table(
        by=user,
        table=section.table(figures),
        file_format=chosen_format,
        audience=audience,
        threshold=scope.partnership.small_number_threshold,
        notes=notes,
        record_type="dashboard_export",
        detail=detail,
    )
    return exported.response()


def report(request: HttpRequest) -> HttpResponse:
    """The partnership report: for sharing outside the partnership, so counts of families
    below the partnership's threshold are suppressed. Analysts only. It counts every figure
    and renders them all, so the worker prepares it: a GET shows what will be made and a
    button; the POST asks for it and goes to its page, which refreshes until it is ready."""
    user = user_of(request)
    may_make_report(user)
    scope = dashboard_scope_for(user)
    figures, _ = _figures(request, scope)
    if request.method == "POST":
        prepared = prepared_file_request(
            by=user,
            kind=PreparedKind.PARTNERSHIP_REPORT,
            params=report_params(figures.period),
            return_to=reverse("dashboards:index"),
        )
        return redirect("downloads:status", prepared.pk)
    return render(
        request,
        "dashboards/report_ask.html",
        {"period": figures.period, "scope": scope, "nav": "dashboards"},
    )
