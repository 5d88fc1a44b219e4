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


class SignInThrottleMiddleware:
    """Answers a sign-in try refused by the throttle (``accounts.backends``): 429 with when
    to try again, or 503 when too many password checks run at once. Remembers the browser
    after a successful sign-in (see ``accounts.throttle``)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase = self.get_response(request)
        refused = getattr(request, "sign_in_refused", None)
        if refused is not None:
            return _refused_response(request, *refused)
        remember = getattr(request, "sign_in_remember_device", None)
        if remember and response.status_code in (301, 302, 303):
            from righthelp.accounts.throttle import known_device_remember

            known_device_remember(response, remember)
        return response


def _refused_response(request: HttpRequest, reason: str, until: float) -> HttpResponseBase:
    import math

    from django.shortcuts import render

    from righthelp.accounts.throttle import now

    if reason == "busy":
        response = render(request, "accounts/sign_in_busy.html", status=503)
        response["Retry-After"] = "5"
        return response
    seconds = max(1, math.ceil(until - now()))
    minutes = math.ceil(seconds / 60)
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "sign_in_url": request.path},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


class SessionTimeoutMiddleware:
    """Signs a person out after ``RIGHTHELP_IDLE_MINUTES`` without a request, and after
    ``SESSION_COOKIE_AGE`` from sign-in however busy they were (the absolute timeout).

    Pages open to everyone are left alone: they never touch the session."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)  # type: ignore[no-any-return]

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        import time

        from django.contrib.auth import logout

        from righthelp.accounts.signals import SIGNED_IN_AT

        if not getattr(view_func, "login_required", True) and not request.path.startswith(
            "/admin/"
        ):
            return None
        user: Any = request.user
        if not user.is_authenticated:
            return None
        now = int(time.time())
        session = request.session
        last_seen = int(session.get(LAST_SEEN, now))
        signed_in_at = int(session.get(SIGNED_IN_AT, now))
        idle = now - last_seen > settings.RIGHTHELP_IDLE_MINUTES * 60
        too_long = now - signed_in_at > settings.SESSION_COOKIE_AGE
        if idle or too_long:
            from righthelp.accounts.services import record_sign_out

            record_sign_out(user=user, reason="idle" if idle else "session_ended")
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        if now - last_seen >= 60 or LAST_SEEN not in session:
            session[LAST_SEEN] = now  # at most one session write a minute
        return None


LAST_SEEN = "righthelp_last_seen"

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "interest-cohort=()"
)


class PrivatePagesMiddleware:
    """Every response says which browser features it may use (none of the sensitive ones);
    every page behind the sign-in, and every API answer, is never stored by a browser or a
    proxy (``Cache-Control: no-store``): a shared computer's history keeps no case record."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        private = getattr(request, "_private_page", False) or "HTTP_AUTHORIZATION" in request.META
        if private and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "private, no-store"
        return response

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> None:
        request._private_page = getattr(view_func, "login_required", True)  # type: ignore[attr-defined]
