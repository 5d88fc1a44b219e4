"""Signing in with a username and password, slowed down after failures and bounded in
how many password checks run at once. Used by the sign-in page and /admin/login/ alike."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from righthelp.accounts import throttle


class SignInDelayed(PermissionDenied):
    """Tried while a delay runs: refused without looking at the password."""


class SignInBusy(PermissionDenied):
    """Too many password checks at once: try again in a moment."""


class ThrottledModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        """The signed-in user of every request, with their team, agency and partnership in
        the same query: ``user.partnership`` is read on most pages, and would otherwise
        cost three more round trips each time."""
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("team__agency__partnership").get(
                pk=user_id
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if request is None or username is None:
            return super().authenticate(request, username, password, **kwargs)
        found = throttle.buckets(request, username)
        until = throttle.delayed_until(found)
        if until > throttle.now():
            request.sign_in_refused = ("delayed", until)  # type: ignore[attr-defined]
            raise SignInDelayed
        request.sign_in_buckets = found  # type: ignore[attr-defined]
        with throttle.password_checks().slot() as acquired:
            if not acquired:
                request.sign_in_refused = ("busy", 0.0)  # type: ignore[attr-defined]
                raise SignInBusy
            return super().authenticate(request, username, password, **kwargs)
