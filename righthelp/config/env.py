"""Typed reading of the environment. A bad value stops start-up with a message naming it.

Used by the settings and by the command line; nothing here imports Django.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


class ConfigurationError(Exception):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(
    name: str, default: str | None = None, *, environ: Mapping[str, str] = os.environ
) -> str:
    value = environ.get(name, default)
    if value is None:
        raise ConfigurationError(f"{name} must be set")
    return value


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, got {raw!r}")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    raw = environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, got {value}")
    return value


def env_header(name: str, *, environ: Mapping[str, str] = os.environ) -> str:
    """An HTTP header's name (``X-Forwarded-For``) as the key Django keeps it under
    (``HTTP_X_FORWARDED_FOR``); '' when unset."""
    raw = environ.get(name, "").strip()
    if not raw:
        return ""
    if not all(c.isascii() and (c.isalnum() or c == "-") for c in raw):
        raise ConfigurationError(
            f"{name} must be a header name such as X-Forwarded-For, got {raw!r}"
        )
    return "HTTP_" + raw.upper().replace("-", "_")


def env_list(
    name: str, default: list[str], *, environ: Mapping[str, str] = os.environ
) -> list[str]:
    """Comma-separated values, blanks dropped."""
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_paths(name: str, *, environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Folders separated like PATH (':' on Unix)."""
    raw = environ.get(name, "")
    return [Path(item).expanduser() for item in raw.split(os.pathsep) if item.strip()]


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where Right Help keeps its SQLite database and other local files.

    RIGHTHELP_DATA_DIR, else $XDG_DATA_HOME/righthelp, else ~/.local/share/righthelp.
    """
    if explicit := environ.get("RIGHTHELP_DATA_DIR"):
        return Path(explicit).expanduser()
    xdg = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "righthelp"


def pack_roots(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Extra pack folders from RIGHTHELP_PACK_PATH, read after the shipped packs."""
    return env_paths("RIGHTHELP_PACK_PATH", environ=environ)


def smtp_from_url(url: str) -> dict[str, object]:
    """RIGHTHELP_SMTP_URL as Django's email settings: ``smtp://host:port`` (plain, as a local
    relay or a test server), ``smtp+starttls://user:password@host:587`` or
    ``smtps://user:password@host:465``. Empty: no email, and never an error."""
    from urllib.parse import unquote, urlsplit

    if not url.strip():
        return {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    parts = urlsplit(url.strip())
    schemes = {"smtp": (False, False), "smtp+starttls": (True, False), "smtps": (False, True)}
    if parts.scheme not in schemes or not parts.hostname:
        raise ConfigurationError(
            "RIGHTHELP_SMTP_URL must look like smtp://host:port, smtp+starttls://user:password@"
            f"host:587 or smtps://user:password@host:465, not {parts.scheme or url!r}://..."
        )
    starttls, ssl = schemes[parts.scheme]
    try:
        port = parts.port or (465 if ssl else 587 if starttls else 25)
    except ValueError:
        raise ConfigurationError("RIGHTHELP_SMTP_URL has a port that is not a number") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": starttls,
        "EMAIL_USE_SSL": ssl,
        "EMAIL_TIMEOUT": 20,
    }


def tasks_from_env(backend: str, redis_url: str) -> dict[str, object]:
    """RIGHTHELP_TASKS (``database``, the default, or ``rq``) as the TASKS setting and, for
    RQ, the RQ_QUEUES it needs."""
    if backend in ("", "database"):
        return {"TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}}
    if backend == "rq":
        if not redis_url:
            raise ConfigurationError("RIGHTHELP_TASKS=rq needs RIGHTHELP_REDIS_URL")
        return {
            "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
            "RQ_QUEUES": {"default": {"URL": redis_url}},
        }
    raise ConfigurationError(f"RIGHTHELP_TASKS must be database or rq, not {backend!r}")
