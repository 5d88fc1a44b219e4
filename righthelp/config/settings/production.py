"""Settings for a real deployment: every secret from the environment, HTTPS only.

Required: RIGHTHELP_SECRET_KEY, RIGHTHELP_ALLOWED_HOSTS, DATABASE_URL (PostgreSQL),
RIGHTHELP_AUDIT_KEY (checked by righthelp.E006).
Run `righthelp manage collectstatic` at deploy time.
"""

from __future__ import annotations

from pathlib import Path

from righthelp.config.env import ConfigurationError, env_bool, env_int, env_list, env_str
from righthelp.config.settings.base import *  # noqa: F403
from righthelp.config.settings.base import DATA_DIR

SECRET_KEY = env_str("RIGHTHELP_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ConfigurationError("RIGHTHELP_SECRET_KEY must be at least 50 characters")
DEBUG = False
ALLOWED_HOSTS = env_list("RIGHTHELP_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ConfigurationError(
        "RIGHTHELP_ALLOWED_HOSTS must list the host names this site answers to"
    )
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]

# TLS ends at the load balancer or reverse proxy, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("RIGHTHELP_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("RIGHTHELP_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading commits the whole domain to HTTPS for browsers everywhere: the council's
# decision, not ours, so it is off unless asked for and its deploy check is silenced.
SECURE_HSTS_PRELOAD = env_bool("RIGHTHELP_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
RIGHTHELP_REQUIRE_2FA = env_bool("RIGHTHELP_REQUIRE_2FA", True)
# The audit chain's key: a system check (righthelp.E006) stops a deploy without it, rather
# than an import error, so `righthelp audit verify` and backups still run to say so.
RIGHTHELP_AUDIT_KEY_REQUIRED = True
CSRF_COOKIE_SECURE = True

STATIC_ROOT = Path(env_str("RIGHTHELP_STATIC_ROOT", str(DATA_DIR / "static")))
