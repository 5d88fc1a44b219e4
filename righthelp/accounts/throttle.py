"""Slowing down password guessing, and bounding the work anonymous sign-ins can cause.

The rules (how long, after how many failures) are ``core.sign_in_throttle``; this module
keeps the counts in the shared cache (the database, so every application server behind the
load balancer sees the same), decides the client's address, and remembers the browsers a
person has signed in from before.

A browser that has signed in to an account before carries a signed cookie naming that
account; its tries are counted apart from everyone else's, so a stranger guessing at an
account slows down the stranger, not the person at their usual desk (OWASP's "device
cookie"). The address count still applies to everyone.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase

from righthelp.core.sign_in_throttle import (
    ACCOUNT,
    ADDRESS,
    RESET_ACCOUNT,
    RESET_ADDRESS,
    ThrottlePolicy,
    delay_after,
)

KNOWN_DEVICE_COOKIE = "rh_known_device"
KNOWN_DEVICE_SALT = "righthelp.accounts.known-device"
KNOWN_DEVICE_DAYS = 90


def now() -> float:
    return time.time()


def client_address(request: HttpRequest) -> str:
    """The caller's address: from the configured proxy header only (the address the load
    balancer saw, the right-most entry), else the connection's own."""
    header = settings.RIGHTHELP_CLIENT_IP_HEADER
    if header:
        entries = [e.strip() for e in request.META.get(header, "").split(",") if e.strip()]
        if entries:
            return str(entries[-1])[:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _key(*parts: str) -> str:
    return "rh-sign-in:" + hashlib.sha256("\x00".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Bucket:
    key: str
    policy: ThrottlePolicy


def buckets(request: HttpRequest, username: str) -> list[Bucket]:
    """The counts a sign-in try falls in: its address, and its account (apart for a
    browser that signed in to this account before)."""
    account = username.strip().lower()[:255]
    device = known_device(request, account)
    account_key = _key("account", account, device) if device else _key("account", account)
    return [
        Bucket(_key("address", client_address(request)), ADDRESS),
        Bucket(account_key, ACCOUNT),
    ]


def reset_buckets(request: HttpRequest, email: str) -> list[Bucket]:
    """The counts a request for a password reset link falls in: its address, and the email
    address typed (whether or not an account has it)."""
    return [
        Bucket(_key("reset-address", client_address(request)), RESET_ADDRESS),
        Bucket(_key("reset-account", email.strip().lower()[:254]), RESET_ACCOUNT),
    ]


def delayed_until(found: list[Bucket]) -> float:
    """When the latest delay over these counts ends (a Unix time; 0 if none runs)."""
    ends = [float(cache.get(b.key, {}).get("until", 0)) for b in found]
    return max(ends, default=0.0)


def failure_count(found: list[Bucket]) -> int:
    """One more failure in each count; a delay starts where the policy says so. Returns the
    longest delay this failure started, in seconds (0: none)."""
    at = now()
    longest = 0
    for bucket in found:
        state = cache.get(bucket.key, {})
        failures = int(state.get("failures", 0)) + 1
        delay = delay_after(failures, bucket.policy)
        longest = max(longest, delay)
        cache.set(
            bucket.key,
            {"failures": failures, "until": at + delay if delay else 0},
            timeout=bucket.policy.forget_after,
        )
    return longest


def success_clear(request: HttpRequest, username: str) -> None:
    """A right password: the count it was made under starts again (its account's, or this
    known browser's for it); the address's does not."""
    for bucket in buckets(request, username)[1:]:
        cache.delete(bucket.key)


def known_device(request: HttpRequest, account: str) -> str:
    """The known-device id this browser holds for ``account``, or ''."""
    raw = request.COOKIES.get(KNOWN_DEVICE_COOKIE, "")
    if not raw:
        return ""
    try:
        value: Any = signing.loads(
            raw, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_DAYS * 24 * 60 * 60
        )
    except signing.BadSignature:
        return ""
    if not isinstance(value, dict) or value.get("a") != _key("who", account):
        return ""
    return str(value.get("d", ""))


def known_device_remember(response: HttpResponseBase, account: str) -> None:
    value = signing.dumps(
        {"a": _key("who", account.strip().lower()), "d": secrets.token_urlsafe(12)},
        salt=KNOWN_DEVICE_SALT,
    )
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        value,
        max_age=KNOWN_DEVICE_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class PasswordChecks:
    """At most ``limit`` password checks at once in this process, and as many more waiting
    their turn; any beyond that are told at once to try again. Hashing is deliberately slow;
    without a bound, a few anonymous callers could take every server thread, waiting or
    hashing, and slow the pages everyone reads."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit)
        self._admitted = threading.BoundedSemaphore(2 * limit)  # hashing or waiting

    @contextmanager
    def slot(self) -> Iterator[bool]:
        """Yields whether a slot came free in time; gives it back afterwards."""
        if not self._admitted.acquire(blocking=False):
            yield False
            return
        try:
            acquired = self._slots.acquire(timeout=settings.RIGHTHELP_SIGN_IN_WAIT_SECONDS)
            try:
                yield acquired
            finally:
                if acquired:
                    self._slots.release()
        finally:
            self._admitted.release()

    @contextmanager
    def _admitted_slot(self) -> Iterator[bool]:
        """A place in the waiting room only (for tests that fill it)."""
        acquired = self._admitted.acquire(blocking=False)
        try:
            yield acquired
        finally:
            if acquired:
                self._admitted.release()


_checks: PasswordChecks | None = None
_checks_lock = threading.Lock()


def password_checks() -> PasswordChecks:
    global _checks
    with _checks_lock:
        if _checks is None or _checks.limit != settings.RIGHTHELP_SIGN_IN_CONCURRENCY:
            _checks = PasswordChecks(settings.RIGHTHELP_SIGN_IN_CONCURRENCY)
        return _checks
