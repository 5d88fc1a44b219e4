"""Personal data never reaches the logs: names, dates of birth and postcodes stay out."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.conftest import Cast


def test_searching_and_browsing_log_nothing_personal(
    client: Client, cast: Cast, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="righthelp")
    caplog.set_level(logging.INFO)
    client.force_login(cast.alice)
    client.post(reverse("families:search"), {"query": "Ash"})
    client.post(reverse("families:search"), {"query": "27/03/2015"})
    client.get(reverse("families:overview", args=[cast.family.pk]))
    client.force_login(cast.charlie)
    client.get(reverse("families:overview", args=[cast.family.pk]))  # refused, logged as 403
    logged = caplog.text
    assert "Forbidden" in logged  # the refusal is logged, by path
    for personal in ("Ash", "Gwen", "Tom", "27/03/2015", "2015-03-27", "ST4 1HH"):
        assert personal not in logged
