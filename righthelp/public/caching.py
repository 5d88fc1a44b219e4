"""Public pages are the same for everyone, so a shared proxy may cache them.

They never read ``request.user`` or the session and never set a cookie, so no response
varies by person; ``public_page`` marks successful responses cacheable.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# Pack content changes only with a deployment; partnership rows rarely. Five minutes.
PUBLIC_MAX_AGE = 300

View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    """Open to everyone (no sign-in) and cacheable when it succeeds."""

    @login_not_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        else:
            patch_cache_control(response, no_cache=True)
        return response

    return wrapped


def never_stored_when_posted(view: View) -> View:
    """A public page that also answers a POST: the GET is cacheable as ``public_page`` makes it;
    the answer to a POST holds what the person typed, so no cache may keep it."""

    cached = public_page(view)

    @login_not_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = cached(request, *args, **kwargs)
        if request.method == "POST":
            del response["Cache-Control"]
            patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapped
