"""The audit chain's key (ADR 0030): ``RIGHTHELP_AUDIT_KEY`` where it is set; in development
and tests, where it is not required, one derived from the installation's secret key, so the
chain is keyed everywhere. Production requires it (system check ``righthelp.E006``); without
it events get bare links, which verify only until the first keyed one."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.core.checks import Error, register

MINIMUM_LENGTH = 32


def chain_key() -> bytes | None:
    configured = str(getattr(settings, "RIGHTHELP_AUDIT_KEY", "") or "")
    if configured:
        return configured.encode()
    if getattr(settings, "RIGHTHELP_AUDIT_KEY_REQUIRED", False):
        return None
    return hmac.new(settings.SECRET_KEY.encode(), b"righthelp.audit-chain", hashlib.sha256).digest()


@register()
def audit_key_set(app_configs: Any, **kwargs: Any) -> list[Error]:
    if not getattr(settings, "RIGHTHELP_AUDIT_KEY_REQUIRED", False):
        return []
    configured = str(getattr(settings, "RIGHTHELP_AUDIT_KEY", "") or "")
    if len(configured) >= MINIMUM_LENGTH:
        return []
    return [
        Error(
            "RIGHTHELP_AUDIT_KEY is not set, or shorter than 32 characters: without it, anyone "
            "who can add rows to the audit table can add events that `righthelp audit verify` "
            "accepts.",
            hint=(
                'Set RIGHTHELP_AUDIT_KEY to a long random value (e.g. `python -c "import '
                'secrets; print(secrets.token_urlsafe(48))"`), keep it apart from the database '
                "and its backups, and never change it: the log's events are verified with it."
            ),
            id="righthelp.E006",
        )
    ]
