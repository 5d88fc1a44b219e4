"""Reading the audit log: a family's record of access, and the administrators' search."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from righthelp.accounts.models import User
from righthelp.accounts.requests import user_of
from righthelp.audit.access import may_read_family_log, may_search_log
from righthelp.audit.forms import AuditSearchForm
from righthelp.audit.models import Action
from righthelp.audit.selectors import (
    AuditFilter,
    audit_filter_params,
    events_for_family,
    events_matching,
    name_accounts,
)
from righthelp.downloads.models import PreparedKind
from righthelp.downloads.services import prepared_file_request
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
    """The events matching the search, as CSV. The whole log can run to millions of events,
    so the worker prepares it: a POST asks (with the search in the address), and goes to
    the file's page; a GET goes back to the search."""
    form, wanted = _search(request)
    if form.is_bound and not form.is_valid():
        return search(request)
    if request.method != "POST":
        query = request.GET.urlencode()
        return redirect(reverse("audit:search") + (f"?{query}" if query else ""))
    prepared = prepared_file_request(
        by=user_of(request),
        kind=PreparedKind.AUDIT_LOG,
        params=audit_filter_params(wanted),
        return_to=reverse("audit:search"),
    )
    return redirect("downloads:status", prepared.pk)
