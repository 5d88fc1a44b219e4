"""The signed-in person behind a request."""

from __future__ import annotations

from django.http import HttpRequest

from righthelp.accounts.models import User


def user_of(request: HttpRequest) -> User:
    """The signed-in user. Only for views behind the sign-in (every view but those marked
    ``@login_not_required``), where LoginRequiredMiddleware has already made sure."""
    return request.user  # type: ignore[return-value]
