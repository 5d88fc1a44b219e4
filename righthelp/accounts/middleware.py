"""Sign-in required everywhere, except pages marked ``@login_not_required``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's, but an open page is let through before the session is touched.

    Django's checks ``request.user`` first, which reads the session and makes every
    response vary by cookie; pages open to everyone must not, so a shared cache may
    keep them.
    """

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


def two_factor_exempt(view: Any) -> Any:
    """Pages a signed-in person reaches before their second factor: setting it up,
    entering a code, signing out."""
    view.two_factor_exempt = True
    return view


class TwoFactorRequiredMiddleware:
    """Where two-factor authentication is on, a session must have passed it to open any
    page that needs a sign-in."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)  # type: ignore[no-any-return]

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if not settings.RIGHTHELP_REQUIRE_2FA:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if getattr(view_func, "two_factor_exempt", False):
            return None
        user: Any = request.user  # django-otp adds is_verified() to the user
        if not user.is_authenticated or user.is_verified():
            return None
        target = "accounts:two-factor" if user_has_device(user) else "accounts:two-factor-setup"
        return redirect_to_login(request.get_full_path(), reverse(target))


def user_has_device(user: Any) -> bool:
    from django_otp import user_has_device as has

    return bool(has(user, confirmed=True))
