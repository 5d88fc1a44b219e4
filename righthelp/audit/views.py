"""Reading the audit log: a family's record of access, and the administrators' search."""

from __future__ import annotations

import io
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.accounts.requests import user_of
from righthelp.audit.access import may_read_family_log, may_search_log
from righthelp.audit.forms import AuditSearchForm
from righthelp.audit.models import Action
from righthelp.audit.selectors import (
    AuditFilter,
    events_for_family,
    events_matching,
    name_accounts,
    write_csv,
)
from righthelp.audit.services import audit
from righthelp.families.access import family_for
from righthelp.families.models import EmergencyAccess

PER_PAGE = 50


def family_log(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="access_log")
    if not may_read_family_log(user):
        raise PermissionDenied("A family's record of access is for the managers of its team.")
    # Filter by who, what and when; the choice of people is those in this family's log.
    form = AuditSearchForm(request.GET or None, partnership=None)
    form.fields["actor"].queryset = User.objects.filter(  # type: ignore[attr-defined]
        pk__in=events_for_family(family.pk).values("actor_id")
    ).order_by("first_name", "last_name")
    wanted = AuditFilter(family_id=family.pk)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        wanted = AuditFilter(
            family_id=family.pk,
            actor_id=data["actor"].pk if data["actor"] else None,
            action=Action(data["action"]) if data["action"] else None,
            since=data["since"],
            until=data["until"],
        )
    page = Paginator(events_matching(wanted), PER_PAGE).get_page(request.GET.get("page"))
    emergencies = EmergencyAccess.objects.filter(family=family).select_related("user__team")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/family_log.html",
        {
            "family": family,
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "emergencies": list(emergencies.order_by("-granted_at")),
        },
    )


def _search(request: HttpRequest) -> tuple[AuditSearchForm, AuditFilter]:
    user = user_of(request)
    if not may_search_log(user):
        raise PermissionDenied("The audit log is for administrators.")
    # An administrator sees their own partnership's log; the installation's superusers all.
    partnership = None if user.is_superuser or user.partnership is None else user.partnership
    form = AuditSearchForm(request.GET or None, partnership=partnership)
    wanted = AuditFilter(partnership_id=partnership.pk if partnership else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        wanted = AuditFilter(
            actor_id=data["actor"].pk if data["actor"] else None,
            action=Action(data["action"]) if data["action"] else None,
            since=data["since"],
            until=data["until"],
            partnership_id=wanted.partnership_id,
        )
    return form, wanted


def search(request: HttpRequest) -> HttpResponse:
    form, wanted = _search(request)
    page = Paginator(events_matching(wanted), PER_PAGE).get_page(request.GET.get("page"))
    name_accounts(list(page))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/search.html",
        {"form": form, "page": page, "query": query.urlencode(), "nav": "audit"},
    )


def download(request: HttpRequest) -> HttpResponse:
    form, wanted = _search(request)
    if form.is_bound and not form.is_valid():
        return search(request)
    buffer = io.StringIO()
    write_csv(events_matching(wanted), buffer)
    audit(
        actor=user_of(request),
        action=Action.EXPORTED,
        record_type="audit_export",
        detail={
            "actor": wanted.actor_id,
            "action": wanted.action.value if wanted.action else None,
            "since": wanted.since.isoformat() if wanted.since else None,
            "until": wanted.until.isoformat() if wanted.until else None,
        },
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    made = timezone.localdate()
    response["Content-Disposition"] = f'attachment; filename="audit-log-{made:%Y-%m-%d}.csv"'
    response["Cache-Control"] = "no-store"
    return response
