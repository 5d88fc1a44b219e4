"""Settings shared by every environment. Values that differ come from the environment,
parsed by the typed helpers in ``righthelp.config.env``, which fail loudly on a bad value."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from righthelp.config.env import (
    ConfigurationError,
    data_dir,
    env_bool,
    env_header,
    env_int,
    env_str,
    pack_roots,
    smtp_from_url,
    tasks_from_env,
)

PACKAGE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = data_dir()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "righthelp.packstore",
    "righthelp.partnerships",
    "righthelp.accounts",
    "righthelp.audit",
    "righthelp.ui",
    "righthelp.documents",
    "righthelp.families",
    "righthelp.assessments",
    "righthelp.chronology",
    "righthelp.plans",
    "righthelp.referrals",
    "righthelp.frontdoor",
    "righthelp.worklist",
    "righthelp.reminders",
    "righthelp.downloads",
    "django_tasks",
    "django_tasks_db",
    "righthelp.sharing",
    "righthelp.disagreements",
    "righthelp.self_assessment",
    "righthelp.dashboards",
    "righthelp.exports",
    "righthelp.screening",
    "righthelp.demo",
    "righthelp.public",
    "righthelp.api",
    "righthelp.subject_access",
]

AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every page needs a signed-in user unless its view says @login_not_required,
    # and, where two-factor authentication is on, a second factor for this session.
    "righthelp.accounts.middleware.LoginRequiredMiddleware",
    "righthelp.accounts.middleware.TwoFactorRequiredMiddleware",
    # Signed out after RIGHTHELP_IDLE_MINUTES without a request, or SESSION_COOKIE_AGE in all.
    "righthelp.accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Permissions-Policy everywhere; Cache-Control: no-store behind the sign-in and on the API.
    "righthelp.accounts.middleware.PrivatePagesMiddleware",
    # A sign-in try refused by the throttle is answered 429 (or 503 when busy).
    "righthelp.accounts.middleware.SignInThrottleMiddleware",
]

# Passwords are checked by one backend, for the sign-in page and /admin/login/ alike, that
# slows guessing down and bounds how many password checks run at once (accounts/throttle.py).
AUTHENTICATION_BACKENDS = ["righthelp.accounts.backends.ThrottledModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    # Django's list of 20,000 common passwords, the ones breached most often (NCSC, ASVS V6.2).
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
# A password reset link works once, for this many minutes (Django's PASSWORD_RESET_TIMEOUT).
RIGHTHELP_PASSWORD_RESET_MINUTES = env_int("RIGHTHELP_PASSWORD_RESET_MINUTES", 60, minimum=5)
PASSWORD_RESET_TIMEOUT = RIGHTHELP_PASSWORD_RESET_MINUTES * 60
LOGIN_REDIRECT_URL = "families:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Two-factor authentication (an authenticator app, TOTP) for everyone who signs in.
# On by default in production; development and the demo leave it off unless asked.
RIGHTHELP_REQUIRE_2FA = env_bool("RIGHTHELP_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Right Help"

# Sign-in throttling (core/sign_in_throttle.py has the delays). Behind a load balancer, the
# client's address is read from this header only (e.g. X-Forwarded-For, its right-most entry);
# unset, the connection's own address is used.
RIGHTHELP_CLIENT_IP_HEADER = env_header("RIGHTHELP_CLIENT_IP_HEADER")
# Password checks running at once in one server process; as many more may wait (up to the
# seconds below), any others are told at once to try again, so hashing cannot take every
# thread from other pages.
RIGHTHELP_SIGN_IN_CONCURRENCY = env_int("RIGHTHELP_SIGN_IN_CONCURRENCY", 1, minimum=1)
RIGHTHELP_SIGN_IN_WAIT_SECONDS = 2
# Signed out after this many minutes without a request (and SESSION_COOKIE_AGE in all).
RIGHTHELP_IDLE_MINUTES = env_int("RIGHTHELP_IDLE_MINUTES", 30, minimum=1)

ROOT_URLCONF = "righthelp.config.urls"
WSGI_APPLICATION = "righthelp.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "righthelp.ui.context_processors.govuk_template",
                "righthelp.ui.navigation.service_menu",
            ],
        },
    },
]


def database_from_url(url: str) -> dict[str, object]:
    """DATABASE_URL as Django settings; SQLite and PostgreSQL are the supported engines."""
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url))
    except ValueError as error:
        raise ConfigurationError(f"DATABASE_URL is not a database URL: {error}") from None
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
        # the start of a transaction, so two writers queue instead of failing mid-way.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = env_int("RIGHTHELP_DB_CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
        # JIT off for the application's connections: its pages run short indexed queries,
        # and where the planner overestimates rows JIT spent 90% of a page compiling
        # (families home at 50,000 families: 631 ms, 593 of them JIT; 32 ms without).
        # See /docs/adr/0021-scale-on-postgresql.md.
        # random_page_cost 1.1 (PostgreSQL's default, 4, prices spinning disks): a caseload's
        # working set is in memory or on SSD, and at 4 the planner scanned every open plan
        # and screening for a worklist of one person's hundred families (12-20 ms at 50,000
        # families, growing with the caseload) instead of a few index look-ups (about 1 ms).
        # See /docs/adr/0044-worklist-at-scale-and-the-planners-page-cost.md.
        page_cost = env_str("RIGHTHELP_PG_RANDOM_PAGE_COST", "1.1")
        try:
            float(page_cost)
        except ValueError:
            raise ConfigurationError(
                f"RIGHTHELP_PG_RANDOM_PAGE_COST must be a number, not {page_cost!r}"
            ) from None
        config["OPTIONS"] = {"options": f"-c jit=off -c random_page_cost={page_cost}"}
    else:
        raise ConfigurationError(
            f"DATABASE_URL must be sqlite:// or postgres://, not {url.split(':', 1)[0]}://"
        )
    return config


DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'righthelp.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL)}
# The queries every page runs (the navigation's counts, the family's own query) run as
# prepared statements on PostgreSQL, planned once per connection (kept_queries, ADR 0059).
# Off behind a connection pooler in transaction mode, which cannot keep them.
RIGHTHELP_PG_PREPARED = env_bool("RIGHTHELP_PG_PREPARED", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Extra practice pack folders (a partnership's own packs), after the shipped ones.
RIGHTHELP_PACK_ROOTS = pack_roots()

# Background work (email, reminders) runs as jobs: django-tasks with its database backend
# by default (nothing else to run but `righthelp worker`), or RQ on Redis for several servers.
RIGHTHELP_TASKS = env_str("RIGHTHELP_TASKS", "database")
RIGHTHELP_REDIS_URL = env_str("RIGHTHELP_REDIS_URL", "")
_tasks = tasks_from_env(RIGHTHELP_TASKS, RIGHTHELP_REDIS_URL)
TASKS = _tasks["TASKS"]
if "RQ_QUEUES" in _tasks:
    RQ_QUEUES = _tasks["RQ_QUEUES"]
    INSTALLED_APPS += ["django_rq"]

# The audit chain's key (ADR 0030): required in production (check righthelp.E006); elsewhere
# one is derived from SECRET_KEY when it is not set.
RIGHTHELP_AUDIT_KEY = env_str("RIGHTHELP_AUDIT_KEY", "")
RIGHTHELP_AUDIT_KEY_REQUIRED = False

# Email: RIGHTHELP_SMTP_URL, e.g. smtp://127.0.0.1:1025. Not set: no email, never an error.
RIGHTHELP_SMTP_URL = env_str("RIGHTHELP_SMTP_URL", "")
RIGHTHELP_EMAIL_ENABLED = bool(RIGHTHELP_SMTP_URL.strip())
globals().update(smtp_from_url(RIGHTHELP_SMTP_URL))
DEFAULT_FROM_EMAIL = env_str("RIGHTHELP_EMAIL_FROM", "Right Help <right-help@localhost>")
# The address people reach Right Help at, for the link in a reminder.
RIGHTHELP_BASE_URL = env_str("RIGHTHELP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT: Path | None = (
    None  # production collects static files; elsewhere they are served in place
)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Strict content security policy: our own files only. The one inline script, GOV.UK
# Frontend's js-enabled switch, is allowed by its hash rather than a nonce, so that pages
# a shared proxy caches never share a nonce between people.
GOVUK_JS_ENABLED_SCRIPT = (
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype"
    " ? ' govuk-frontend-supported' : '');"
)
_digest = hashlib.sha256(GOVUK_JS_ENABLED_SCRIPT.encode()).digest()
GOVUK_JS_ENABLED_HASH = f"'sha256-{base64.b64encode(_digest).decode()}'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, GOVUK_JS_ENABLED_HASH],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    },
}

# Sessions (the default) and the cache live in the database, so every application server
# behind a load balancer sees the same: the API's call counts are shared, not per process.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "righthelp_cache",
    }
}

# How long the dashboard page shows figures before counting them again (the page says
# when they were counted). 0 counts on every view.
RIGHTHELP_DASHBOARD_CACHE_SECONDS = env_int("RIGHTHELP_DASHBOARD_CACHE_SECONDS", 300)

# How long a file prepared in the background (the partnership report, a subject access
# record) is kept in the data directory for the person who asked, before the worker deletes it.
RIGHTHELP_PREPARED_FILE_HOURS = env_int("RIGHTHELP_PREPARED_FILE_HOURS", 24, minimum=1)
RIGHTHELP_PREPARED_DIR = DATA_DIR / "prepared"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # the absolute timeout, from sign-in
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
# Messages ("Family details saved") live in the session, never in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Request logs carry paths only; paths never carry personal data (see ARCHITECTURE.md).
        "django.request": {"level": "WARNING"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
