"""The information-sharing log."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from righthelp.accounts.requests import user_of
from righthelp.core.packs.schema import SharingWithoutConsentRule
from righthelp.families.access import family_for
from righthelp.partnerships.selectors import pack_set_for
from righthelp.sharing.forms import ShareForm
from righthelp.sharing.models import InformationShare
from righthelp.sharing.services import share_record


def listing(request: HttpRequest, family_id: UUID) -> HttpResponse:
    family = family_for(user_of(request), family_id, looking_at="information_sharing")
    shares = InformationShare.objects.filter(family=family).select_related("person", "recorded_by")
    return render(request, "sharing/list.html", {"family": family, "shares": list(shares)})


def new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="information_sharing")
    form = ShareForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            share_record(family=family, by=user, **form.share_details())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, "Recorded in the information-sharing log.")
            return redirect("sharing:list", family.pk)
    rules = [
        r
        for r in pack_set_for(family.partnership).rules()
        if isinstance(r, SharingWithoutConsentRule)
    ]
    return render(request, "sharing/new.html", {"family": family, "form": form, "rules": rules})
