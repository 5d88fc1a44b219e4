"""Professional disagreements and their escalation."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from righthelp.accounts.requests import user_of
from righthelp.core.escalation import escalation_policy, next_stage
from righthelp.disagreements import services
from righthelp.disagreements.forms import EscalateForm, RaiseForm, ResolveForm
from righthelp.disagreements.models import Disagreement
from righthelp.families.access import family_and_record, family_for
from righthelp.partnerships.selectors import pack_set_for
from righthelp.ui.forms import GovukForm
from righthelp.versioned import StaleEdit

STALE = (
    "Someone else recorded a step after you opened the page. The page now shows what is "
    "saved; check it, then record your step again if it is still needed."
)


def _errors_to(form: GovukForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
    else:
        form.add_error(None, error)


def listing(request: HttpRequest, family_id: UUID) -> HttpResponse:
    family = family_for(user_of(request), family_id, looking_at="disagreements")
    items = Disagreement.objects.filter(family=family).prefetch_related("agencies", "steps")
    policy = escalation_policy(pack_set_for(family.partnership).rules())
    return render(
        request,
        "disagreements/list.html",
        {"family": family, "items": list(items), "policy": policy},
    )


def new(request: HttpRequest, family_id: UUID) -> HttpResponse:
    user = user_of(request)
    family = family_for(user, family_id, looking_at="disagreements")
    form = RaiseForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.disagreement_raise(family=family, by=user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            return redirect("disagreements:detail", family.pk, item.pk)
    return render(request, "disagreements/new.html", {"family": family, "form": form})


def detail(request: HttpRequest, family_id: UUID, disagreement_id: UUID) -> HttpResponse:
    user = user_of(request)
    family, item = family_and_record(
        user, family_id, Disagreement.objects.all(), disagreement_id, looking_at="disagreements"
    )
    step = request.POST.get("form")
    escalate = EscalateForm(
        request.POST if step == "escalate" else None, initial={"version": item.version}
    )
    resolve = ResolveForm(request.POST if step == "resolve" else None)
    try:
        if step == "escalate" and escalate.is_valid():
            data = dict(escalate.cleaned_data)
            services.disagreement_escalate(
                disagreement=item, by=user, expected_version=data.pop("version"), **data
            )
            messages.success(request, "Escalation recorded.")
            return redirect("disagreements:detail", family.pk, item.pk)
        if step == "resolve" and resolve.is_valid():
            services.disagreement_resolve(disagreement=item, by=user, **resolve.cleaned_data)
            messages.success(request, "Outcome recorded.")
            return redirect("disagreements:detail", family.pk, item.pk)
    except StaleEdit as stale:
        escalate.add_error(None, STALE)
        escalate.set_posted_value("version", str(stale.current.version))
        item.refresh_from_db()
    except ValidationError as error:
        _errors_to(escalate if step == "escalate" else resolve, error)
    policy = escalation_policy(pack_set_for(family.partnership).rules())
    steps = list(item.steps.all())
    return render(
        request,
        "disagreements/detail.html",
        {
            "family": family,
            "item": item,
            "steps": steps,
            "escalate_form": escalate,
            "resolve_form": resolve,
            "policy": policy,
            "next": next_stage(policy, len(steps)),
        },
    )
