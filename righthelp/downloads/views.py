"""A prepared file's page (being prepared, ready, or gone) and its download. Only the person
who asked sees either (``access.prepared_file_for``). While the file is prepared the page
says so and offers a button to check again (no JavaScript). Not a meta refresh: a page that
reloads itself on a timer fails WCAG 2.2.1 (axe's ``meta-refresh`` rule, which the browser
tests run)."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from righthelp.accounts.requests import user_of
from righthelp.downloads.access import prepared_file_for
from righthelp.downloads.models import PreparedKind
from righthelp.downloads.services import prepared_file_open


def status(request: HttpRequest, file_id: UUID) -> HttpResponse:
    prepared = prepared_file_for(user_of(request), file_id, looking_at="status")
    return render(
        request,
        "downloads/status.html",
        {
            "prepared": prepared,
            "kind_label": PreparedKind(prepared.kind).label,
        },
    )


def download(request: HttpRequest, file_id: UUID) -> HttpResponse:
    user = user_of(request)
    prepared = prepared_file_for(user, file_id, looking_at="file")
    content = prepared_file_open(prepared=prepared, by=user)
    if content is None:
        raise Http404("This file is not ready, or its time is up")
    response = HttpResponse(content, content_type=prepared.content_type)
    response["Content-Disposition"] = f'attachment; filename="{prepared.file_name}"'
    response["Cache-Control"] = "no-store"
    return response
