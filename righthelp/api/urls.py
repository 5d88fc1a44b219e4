"""``/api/``: the reference page; ``/api/v1/``: the operations and their OpenAPI document."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.views.decorators.cache import never_cache

from righthelp.api import views
from righthelp.api.api import api


def _token_only(urls: tuple[list[Any], str, str]) -> tuple[list[Any], str, str]:
    """The API answers for itself: a bearer token on every operation, never the session,
    so the sign-in redirect and the two-factor check of the pages do not apply. Answers
    hold case records, so no cache may keep them."""
    patterns, _, _ = urls
    for pattern in patterns:
        pattern.callback = never_cache(pattern.callback)
        pattern.callback.login_required = False
    return urls


app_name = "api-docs"
urlpatterns = [path("", views.reference, name="reference")]
operations = _token_only(api.urls)
