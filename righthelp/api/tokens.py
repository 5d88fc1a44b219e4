"""Issuing, revoking and checking API tokens. Each issue and revocation is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.middleware import user_has_device
from righthelp.accounts.models import User
from righthelp.api.models import ApiToken
from righthelp.audit.models import Action
from righthelp.audit.services import audit

DEFAULT_LIFETIME_DAYS = 90
MAX_LIFETIME_DAYS = 365
SCHEME = "rh"


@dataclass(frozen=True)
class IssuedToken:
    record: ApiToken
    secret: str
    """The whole token: shown once, when issued, and never stored."""


def _digest(token: str) -> str:
    # The tokens are 256 random bits, so a fast hash cannot be brute-forced; a slow one
    # would only slow every API call.
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_issue(
    *, user: User, name: str, by: User | None, days: int = DEFAULT_LIFETIME_DAYS
) -> IssuedToken:
    if not user.is_active:
        raise ValidationError("This account is switched off: it cannot hold an API token.")
    if not name.strip():
        raise ValidationError("Say what the token is for, such as the case system that uses it.")
    if settings.RIGHTHELP_REQUIRE_2FA and not user_has_device(user):
        # Whoever can see case records has a second factor; a token is issued to such a person.
        raise ValidationError(
            "This account has not set up two-factor authentication: it must before it can "
            "hold an API token."
        )
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise ValidationError(f"A token lasts from 1 to {MAX_LIFETIME_DAYS} days.")
    prefix = secrets.token_hex(4)
    secret = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    record = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=prefix,
        digest=_digest(secret),
        created_by=by,
        expires_at=timezone.now() + dt.timedelta(days=days),
        second_factor_at_issue=bool(settings.RIGHTHELP_REQUIRE_2FA),
    )
    audit(
        actor=by,
        action=Action.CREATED,
        record_type="api_token",
        record_id=record.pk,
        detail={"prefix": prefix, "for_user": user.pk, "days": days},
    )
    return IssuedToken(record, secret)


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User | None) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="api_token",
        record_id=token.pk,
        detail={"prefix": token.prefix, "revoked": True},
    )


LAST_USE_KEPT_EVERY = dt.timedelta(minutes=1)
"""A token's last use is written at most once a minute: to the minute is what its holder and
an administrator read of it, and a write at every call was a commit per request of a case
system calling in a loop."""


def user_for_token(presented: str) -> User | None:
    """The active user a usable token belongs to, or None for anything else."""
    if not presented.startswith(f"{SCHEME}_") or len(presented) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user__team__agency__partnership")
        .filter(digest=_digest(presented))
        .first()
    )
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    if settings.RIGHTHELP_REQUIRE_2FA and not (
        token.second_factor_at_issue and user_has_device(token.user)
    ):
        # Issued before two-factor authentication was required of its user, or their
        # authenticator was reset since: it no longer stands for a person who passed it.
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_KEPT_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
