"""Saving a draft as the practitioner types: the page's script posts the form in the
background with ``X-Autosave: 1`` and is answered in JSON, not with a page.

The save itself is the view's own service call, so the same rules and the same stale-edit
check apply as when the button is pressed; a stale edit is never overwritten (409), and
the practitioner's next press of the button shows both versions as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from righthelp.ui.times import govuk_time
from righthelp.versioned import StaleEdit

HEADER = "X-Autosave"


def is_autosave(request: HttpRequest) -> bool:
    return request.method == "POST" and request.headers.get(HEADER) == "1"


def autosave(
    form: forms.Form,
    save: Callable[[dict[str, Any]], int],
    refusals: tuple[type[Exception], ...] = (),
) -> JsonResponse:
    """Validate ``form`` and call ``save`` with its cleaned data; ``save`` returns the
    record's new version, which the script puts in the form for the next save.
    ``refusals`` are the service's own refusals (the record was submitted meanwhile): each
    is answered 409 with its message, and the script stops saving."""
    if not form.is_valid():
        return JsonResponse(
            {"detail": "Not saved: check the answers marked on the page."}, status=422
        )
    try:
        version = save(form.cleaned_data)
    except refusals as refused:
        return JsonResponse({"detail": f"Not saved: {refused}"}, status=409)
    except StaleEdit:
        return JsonResponse(
            {
                "detail": "Not saved: someone else saved this since you opened it. Press the "
                "button to see both versions."
            },
            status=409,
        )
    saved_at = govuk_time(timezone.localtime())
    return JsonResponse({"version": version, "detail": f"Draft saved at {saved_at}"})
