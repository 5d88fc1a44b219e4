"""Settings from the environment: good values parse, bad ones stop start-up with their name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from righthelp.config.env import (
    ConfigurationError,
    data_dir,
    env_bool,
    env_header,
    env_int,
    env_list,
    pack_roots,
)
from righthelp.config.settings.base import database_from_url


@pytest.mark.parametrize(
    ("raw", "value"), [("1", True), ("yes", True), ("False", False), ("", False)]
)
def test_env_bool(raw: str, value: bool) -> None:
    assert env_bool("X", not value, environ={"X": raw}) is value


def test_env_bool_refuses_a_typo() -> None:
    with pytest.raises(ConfigurationError, match="X must be true or false, got 'ture'"):
        env_bool("X", False, environ={"X": "ture"})


def test_env_int_refuses_words() -> None:
    with pytest.raises(ConfigurationError, match="X must be a whole number, got 'ten'"):
        env_int("X", 1, environ={"X": "ten"})


def test_env_list_drops_blanks() -> None:
    assert env_list("X", [], environ={"X": "a.example, ,b.example"}) == ["a.example", "b.example"]


def test_data_dir_defaults_to_the_xdg_data_home() -> None:
    assert data_dir({"XDG_DATA_HOME": "/srv/data"}) == Path("/srv/data/righthelp")
    assert data_dir({"RIGHTHELP_DATA_DIR": "/var/lib/rh"}) == Path("/var/lib/rh")


def test_pack_roots_are_separated_like_path() -> None:
    assert pack_roots({"RIGHTHELP_PACK_PATH": "/a:/b"}) == [Path("/a"), Path("/b")]


def test_database_urls() -> None:
    sqlite = database_from_url("sqlite:////tmp/rh.sqlite3")
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    postgres = database_from_url("postgres://postgres@127.0.0.1:5432/righthelp")
    assert (postgres["ENGINE"], postgres["NAME"]) == ("django.db.backends.postgresql", "righthelp")
    with pytest.raises(ConfigurationError, match="must be sqlite:// or postgres://, not mysql://"):
        database_from_url("mysql://root@localhost/rh")


def _import_production_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import righthelp.config.settings.production"],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_has_no_default_secret_key(tmp_path: Path) -> None:
    result = _import_production_settings({"RIGHTHELP_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "RIGHTHELP_SECRET_KEY must be set" in result.stderr


def test_production_needs_its_host_names(tmp_path: Path) -> None:
    result = _import_production_settings(
        {"RIGHTHELP_DATA_DIR": str(tmp_path), "RIGHTHELP_SECRET_KEY": "k" * 60}
    )
    assert "RIGHTHELP_ALLOWED_HOSTS must list the host names" in result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path: Path) -> None:
    """As at a deploy: collectstatic, then check --deploy (whose righthelp.E003 wants the
    manifest collectstatic writes, listing every static file)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "righthelp.config.settings.production",
        "RIGHTHELP_DATA_DIR": str(tmp_path),
        "RIGHTHELP_SECRET_KEY": "a-long-random-secret-for-this-test-only-" + "0123456789" * 3,
        "RIGHTHELP_ALLOWED_HOSTS": "righthelp.example.org",
        "RIGHTHELP_AUDIT_KEY": "an-audit-key-for-this-test-only-" + "0123456789" * 2,
    }

    def manage(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 -- our own command, fixed arguments
            [sys.executable, "-m", "righthelp", "manage", *arguments],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    before = manage("check", "--deploy", "--fail-level", "WARNING")
    assert before.returncode == 1
    assert "righthelp.E003" in before.stderr  # nothing collected yet
    collected = manage("collectstatic", "--noinput", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_production_turns_two_factor_authentication_on(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import righthelp.config.settings.production as s; print(s.RIGHTHELP_REQUIRE_2FA)",
        ],
        env={
            "PATH": "/usr/bin:/bin",
            "RIGHTHELP_DATA_DIR": str(tmp_path),
            "RIGHTHELP_SECRET_KEY": "k" * 60,
            "RIGHTHELP_ALLOWED_HOSTS": "righthelp.example.org",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_the_proxy_header_is_read_as_django_keeps_it() -> None:
    assert env_header("H", environ={"H": "X-Forwarded-For"}) == "HTTP_X_FORWARDED_FOR"
    assert env_header("H", environ={}) == ""
    with pytest.raises(ConfigurationError, match="H must be a header name"):
        env_header("H", environ={"H": "X-Forwarded-For; drop"})


def test_a_whole_number_below_its_minimum_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="X must be at least 1, got 0"):
        env_int("X", 5, minimum=1, environ={"X": "0"})


def test_development_settings_run_with_debug_off_unless_asked(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.RIGHTHELP_ALLOW_DEMO)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "RIGHTHELP_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "righthelp.config.settings.development",
    }
    quiet = subprocess.run(  # noqa: S603 -- our own interpreter, our own code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert quiet.stdout.split() == ["False", "True"]
    loud = subprocess.run(  # noqa: S603 -- our own interpreter, our own code
        [sys.executable, "-c", code],
        env={**env, "RIGHTHELP_DEBUG": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert loud.stdout.split() == ["True", "True"]


def test_the_wsgi_application_defaults_to_production_settings(tmp_path: Path) -> None:
    code = "import righthelp.config.wsgi"
    refused = subprocess.run(  # noqa: S603 -- our own interpreter, our own code
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "RIGHTHELP_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert "RIGHTHELP_SECRET_KEY must be set" in refused.stderr  # production's first demand
