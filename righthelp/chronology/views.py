"""The chronology: list with filters, printable, and adding an entry."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from righthelp.accounts.requests import user_of
from righthelp.chronology.forms import EntryForm, FilterForm
from righthelp.chronology.selectors import chronology_for
from righthelp.chronology.services import chronology_add
from righthelp.families.access import family_for


def entries(request: HttpRequest, family_id: UUID, printable: bool = False) -> HttpResponse:
    looking_at = "chronology_print" if printable else "chronology"
    family = family_for(user_of(request), family_id, looking_at=looking_at)
    form = FilterForm(request.GET or None, family=family)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    listed = chronology_for(
        family,
        significance=filters.get("significance", ()),
        kinds=filters.get("kind", ()),
        person=filters.get("person"),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    return render(
        request,
        "chronology/print.html" if printable else "chronology/list.html",
        {"family": family, "entries": list(listed), "form": form, "query": request.GET.urlencode()},
    )


def print_view(request: HttpRequest, family_id: UUID) -> HttpResponse:
    return entries(request, family_id, printable=True)


def entry_new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="chronology")
    form = EntryForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            chronology_add(family=family, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Entry added to the chronology.")
            return redirect("chronology:list", family_id=family.pk)
    return render(request, "chronology/entry_form.html", {"family": family, "form": form})
