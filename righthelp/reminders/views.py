"""A person's choice: reminder emails, or only the worklist."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from righthelp.accounts.requests import user_of
from righthelp.reminders.forms import ReminderChoiceForm
from righthelp.reminders.services import email_enabled, reminder_choice_set, wants_email
from righthelp.worklist.views import may_have_work


def choice(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not may_have_work(user):
        raise PermissionDenied("Reminders are about casework and the front door's requests.")
    form = ReminderChoiceForm(
        request.POST if request.method == "POST" else None,
        initial={"by_email": "yes" if wants_email(user) else "no"},
    )
    if request.method == "POST" and form.is_valid():
        reminder_choice_set(user=user, by_email=form.cleaned_data["by_email"])
        messages.success(request, "Your choice is saved.")
        return redirect("worklist:your-work")
    return render(
        request,
        "reminders/choice.html",
        {
            "form": form,
            "email_enabled": email_enabled(),
            "has_address": bool(user.email),
            "nav": "work",
        },
    )
