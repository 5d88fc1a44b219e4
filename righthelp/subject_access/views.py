"""Subject access requests: record one, review the record a manager will hand over, and
produce it as a printable page or PDF."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from righthelp.accounts.requests import user_of
from righthelp.downloads.models import PreparedKind
from righthelp.downloads.services import prepared_file_request
from righthelp.families.access import family_and_record, family_for
from righthelp.families.models import Family
from righthelp.subject_access.access import may_produce
from righthelp.subject_access.forms import RequestForm, WithholdingForm
from righthelp.subject_access.models import Requester, SubjectAccessRequest, WithheldKind
from righthelp.subject_access.selectors import SubjectAccessRecord, subject_access_record
from righthelp.subject_access.services import (
    NotAManager,
    subject_access_record_produce,
    subject_access_request_record,
    subject_access_withholding_decide,
)

LOOKING_AT = "subject_access_request"


def listing(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at=LOOKING_AT)
    form = RequestForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = subject_access_request_record(
            family=family,
            by=user,
            person=data["person"],
            received_on=data["received_on"],
            requester=Requester(data["requester"]),
        )
        messages.success(
            request,
            f"Request recorded. The answer is due by {date_format(recorded.due_on, 'j F Y')}.",
        )
        return redirect("subject_access:detail", family.pk, recorded.pk)
    requests = SubjectAccessRequest.objects.filter(family=family).select_related("person")
    return render(
        request,
        "subject_access/list.html",
        {"family": family, "form": form, "requests": list(requests), "today": timezone.localdate()},
    )


def _record(
    request: HttpRequest, family_id: UUID, request_id: UUID
) -> tuple[Family, SubjectAccessRecord]:
    family, access_request = family_and_record(
        user_of(request),
        family_id,
        SubjectAccessRequest.objects.select_related("person", "family__partnership"),
        request_id,
        looking_at=LOOKING_AT,
    )
    return family, subject_access_record(access_request)


def detail(request: HttpRequest, family_id: UUID, request_id: UUID) -> HttpResponse:
    user = user_of(request)
    family, record = _record(request, family_id, request_id)
    posted = request.POST.get("item", "") if request.method == "POST" else ""
    decisions = []
    for item in record.to_decide:
        form = WithholdingForm(
            request.POST if posted == item.key else None,
            prefix=item.key,
            initial={
                "decision": ("withhold" if item.decision.withhold else "include")
                if item.decision
                else None,
                "reason": item.decision.reason if item.decision else "",
            },
        )
        decisions.append((item, form))
        if posted == item.key:
            if not may_produce(user):
                raise NotAManager
            if form.is_valid():
                subject_access_withholding_decide(
                    request=record.request,
                    by=user,
                    kind=WithheldKind(item.kind),
                    record_id=item.record_id,
                    withhold=form.cleaned_data["decision"] == "withhold",
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, "Decision recorded.")
                return redirect("subject_access:detail", family.pk, record.request.pk)
    return render(
        request,
        "subject_access/detail.html",
        {
            "family": family,
            "record": record,
            "decisions": decisions,
            "may_produce": may_produce(user),
            "today": timezone.localdate(),
        },
    )


def _produced(
    request: HttpRequest, family_id: UUID, request_id: UUID, as_format: str
) -> tuple[Family, SubjectAccessRecord]:
    user = user_of(request)
    family, record = _record(request, family_id, request_id)  # the family's own rule first
    if not may_produce(user):
        raise NotAManager
    subject_access_record_produce(record=record, by=user, as_format=as_format)
    return family, record


def _decide_first(request: HttpRequest, family_id: UUID, request_id: UUID) -> HttpResponse:
    messages.error(
        request,
        "Decide, for each item never disclosed to the family, whether it is withheld, before "
        "producing the record.",
    )
    return redirect("subject_access:detail", family_id, request_id)


def printable(request: HttpRequest, family_id: UUID, request_id: UUID) -> HttpResponse:
    try:
        family, record = _produced(request, family_id, request_id, "page")
    except ValidationError:
        return _decide_first(request, family_id, request_id)
    return render(request, "subject_access/print.html", {"family": family, "record": record})


def pdf(request: HttpRequest, family_id: UUID, request_id: UUID) -> HttpResponse:
    """The record as a PDF. A family's whole record can be long, so the worker prepares it
    (checking access again as this manager); this goes to its page, which refreshes until
    it is ready. POST only: asking for it is a change (a file is made)."""
    user = user_of(request)
    family, record = _record(request, family_id, request_id)  # the family's own rule first
    if not may_produce(user):
        raise NotAManager
    if record.undecided:
        return _decide_first(request, family_id, request_id)
    if request.method != "POST":
        return redirect("subject_access:detail", family.pk, record.request.pk)
    prepared = prepared_file_request(
        by=user,
        kind=PreparedKind.SUBJECT_ACCESS_RECORD,
        params={"family_id": str(family.pk), "record_id": str(record.request.pk)},
        family_id=family.pk,
        return_to=reverse("subject_access:detail", args=[family.pk, record.request.pk]),
    )
    return redirect("downloads:status", prepared.pk)
