"""Every sign-in, and every failed one, through any door (the sign-in page, /admin/login/):
audited, counted for the throttle, and the person told what they must know."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from righthelp.accounts import services, throttle
from righthelp.accounts.models import User

SIGNED_IN_AT = "righthelp_signed_in_at"


def _via(request: HttpRequest | None) -> str:
    path = getattr(request, "path", "") or ""
    return "admin" if path.startswith("/admin/") else "sign_in"


@receiver(user_logged_in)
def signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None:
        return
    services.record_sign_in(user=user, via=_via(request))
    if hasattr(request, "session"):
        from righthelp.accounts.middleware import LAST_SEEN

        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now  # so the next page need not write the session
    if getattr(request, "sign_in_buckets", None) is not None:
        throttle.success_clear(request, user.get_username())
        request.sign_in_remember_device = user.get_username()  # type: ignore[attr-defined]
    for text in services.notices_take(user=user):
        if hasattr(request, "_messages"):
            messages.warning(request, text)


@receiver(user_login_failed)
def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")
    refused = getattr(request, "sign_in_refused", None)
    delay = 0
    if request is not None and refused is None and username:
        delay = throttle.failure_count(throttle.buckets(request, username))
    account = (
        User.objects.filter(username=username[:150]).select_related("team__agency").first()
        if username
        else None
    )
    reason = refused[0] if refused else ("wrong_password" if account else "unknown_account")
    services.record_sign_in_failed(
        account=account, via=_via(request), reason=reason, delay_seconds=delay
    )
