"""The public pages store nothing, log no selection, and are the same for everyone,
so a shared proxy may cache them."""

from __future__ import annotations

import logging
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from righthelp.accounts.models import User
from righthelp.partnerships.models import Partnership
from righthelp.public.caching import PUBLIC_MAX_AGE
from righthelp.public.tests.conftest import PUBLIC_PAGES

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_reads_and_never_writes(
    client: Client, demo: Partnership, path: str
) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    writes = [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])]
    assert writes == []
    # The partnership and its packs: a couple of reads, never one per item.
    assert len(queries.captured_queries) <= 3


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_may_be_cached_by_a_shared_proxy(
    client: Client, demo: Partnership, path: str
) -> None:
    response = client.get(path)
    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert cache_control == {"public", f"max-age={PUBLIC_MAX_AGE}"}
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "cookie" not in response.headers.get("Vary", "").lower()


@pytest.mark.parametrize("path", ["/", "/explore/demo/?i=edu-13", "/directory/demo/?q=police"])
def test_a_signed_in_user_gets_exactly_the_page_everyone_gets(
    client: Client, demo: Partnership, path: str
) -> None:
    anonymous = client.get(path)
    client.force_login(User.objects.create_superuser("admin", password="x"))
    signed_in = client.get(path)
    assert signed_in.content == anonymous.content  # byte for byte: no nonce, no name
    assert "Set-Cookie" not in signed_in.headers
    assert "cookie" not in signed_in.headers.get("Vary", "").lower()


def test_no_indicator_selection_is_logged(
    client: Client, demo: Partnership, caplog: pytest.LogCaptureFixture
) -> None:
    selection = ["edu-13", "safe-41", "edu-99", "not-an-id Jane"]
    query = "&".join(f"i={value}" for value in selection)
    with caplog.at_level(logging.DEBUG):
        for path in ("/explore/demo/", "/explore/demo/result/", "/explore/demo/summary/"):
            client.get(f"{path}?{query}")
        client.get(f"/explore/nowhere/?{query}")  # a 404 is logged, by path only
    logged = " ".join(
        record.getMessage() + repr(record.args)
        for record in caplog.records
        if record.levelno >= logging.INFO
    )
    for value in [*selection, "Poor punctuality", "Disclosure of abuse"]:
        assert value not in logged
    assert "Not Found: /explore/nowhere/" in logged


def test_a_not_found_page_is_not_cached(client: Client, demo: Partnership) -> None:
    response = client.get("/screening/demo/bands/nonsense/")
    assert response.status_code == 404
    assert "no-cache" in response.headers["Cache-Control"]
    assert "The screening has no band at this address." in response.content.decode()
