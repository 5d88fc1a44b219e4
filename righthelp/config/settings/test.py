"""Settings for the test suite: DATABASE_URL picks SQLite (default, in memory) or PostgreSQL."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from righthelp.config.settings.base import *  # noqa: F403
from righthelp.config.settings.base import database_from_url

SECRET_KEY = "test-only-" + "x" * 50
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite://:memory:"))}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
RIGHTHELP_ALLOW_DEMO = True
RIGHTHELP_DASHBOARD_CACHE_SECONDS = 0  # each test counts its own figures
# Prepared downloads go to a folder of the test run's own, never the data directory.
RIGHTHELP_PREPARED_DIR = Path(tempfile.mkdtemp(prefix="righthelp-prepared-"))
