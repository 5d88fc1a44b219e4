"""RIGHTHELP_SMTP_URL and RIGHTHELP_TASKS as settings; a bad value names itself."""

from __future__ import annotations

import pytest

from righthelp.config.env import ConfigurationError, smtp_from_url, tasks_from_env


def test_no_smtp_url_means_no_email() -> None:
    assert smtp_from_url("") == {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}


def test_smtp_urls() -> None:
    plain = smtp_from_url("smtp://127.0.0.1:1025")
    assert (plain["EMAIL_HOST"], plain["EMAIL_PORT"], plain["EMAIL_USE_TLS"]) == (
        "127.0.0.1",
        1025,
        False,
    )
    tls = smtp_from_url("smtp+starttls://relay%40council.example:s%3Acret@mail.example")
    assert (tls["EMAIL_PORT"], tls["EMAIL_USE_TLS"], tls["EMAIL_HOST_USER"]) == (
        587,
        True,
        "relay@council.example",
    )
    assert tls["EMAIL_HOST_PASSWORD"] == "s:cret"
    assert smtp_from_url("smtps://mail.example")["EMAIL_USE_SSL"] is True


@pytest.mark.parametrize("url", ["http://mail.example", "smtp://", "smtp://host:port"])
def test_a_bad_smtp_url_is_refused_by_name(url: str) -> None:
    with pytest.raises(ConfigurationError, match="RIGHTHELP_SMTP_URL"):
        smtp_from_url(url)


def test_tasks_backends() -> None:
    assert tasks_from_env("database", "")["TASKS"] == {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    rq = tasks_from_env("rq", "redis://127.0.0.1:6379/3")
    assert rq["RQ_QUEUES"] == {"default": {"URL": "redis://127.0.0.1:6379/3"}}
    with pytest.raises(ConfigurationError, match="RIGHTHELP_REDIS_URL"):
        tasks_from_env("rq", "")
    with pytest.raises(ConfigurationError, match="database or rq"):
        tasks_from_env("celery", "")
