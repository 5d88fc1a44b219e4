"""Settings for running on your own machine and the demo: SQLite in the data directory.

Debug is off unless RIGHTHELP_DEBUG=1: a debug error page shows what was typed, personal
data included."""

from __future__ import annotations

import secrets

from righthelp.config.env import env_bool, env_list
from righthelp.config.settings.base import *  # noqa: F403
from righthelp.config.settings.base import DATA_DIR


def _development_secret_key() -> str:
    """A random key kept in the data directory, made on first run: no key in the code."""
    path = DATA_DIR / "development-secret-key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DATA_DIR.mkdir(parents=True, exist_ok=True)
SECRET_KEY = _development_secret_key()
DEBUG = env_bool("RIGHTHELP_DEBUG", False)
RIGHTHELP_ALLOW_DEMO = True  # `righthelp demo`: never in production settings
ALLOWED_HOSTS = env_list("RIGHTHELP_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
