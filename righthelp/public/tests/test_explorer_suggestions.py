"""Suggestions in the public explorer: the text goes in a POST body, is used for one answer and
reaches no log, no table and no cache; nothing is ticked for the person."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from righthelp.partnerships.models import Partnership

PAGE = "/explore/demo/suggest/"
# A marker no pack, page or log would hold, so finding it anywhere means the text leaked.
MARKER = "Zyxwquartz"
NOTE = (
    "Mum cannot afford the gas or food this week, the meter is empty. "
    f"{MARKER} has been late to school every day."
)


def test_the_form_page_is_public_and_cacheable_and_says_the_text_is_not_kept(
    client: Client, demo: Partnership
) -> None:
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "public" in response.headers["Cache-Control"]
    assert not response.cookies
    html = response.content.decode()
    assert '<form method="post"' in html
    assert "not saved, not written to any log and not kept in any cache" in html
    assert "never put in the page address" in html
    assert client.get("/explore/demo/").content.decode().count(PAGE) == 1


def test_suggestions_come_back_grouped_by_outcome_none_ticked_with_what_they_matched(
    client: Client, demo: Partnership
) -> None:
    response = client.post(PAGE, {"text": NOTE})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indicators that may match" in html
    assert "Suggestions are not findings" in html and "no injuries were seen" in html
    assert " checked" not in html  # nothing ticked for them
    assert "Level of need:" not in html  # and no level worked out from suggestions
    assert 'value="fin-09"' in html  # fuel and food unaffordable
    assert "Matched: <q" in html and "the meter is empty." in html
    assert re.search(r"<legend[^>]*><h3[^>]*>\d+\. ", html)
    # The text comes back in the box, so nothing typed is lost.
    assert "<textarea" in html and MARKER in html
    # Ticking goes to the explorer with indicator ids only.
    assert 'action="/explore/demo/#result"' in html and 'method="get"' in html


def test_the_answer_to_a_post_may_not_be_stored_by_any_cache(
    client: Client, demo: Partnership
) -> None:
    response = client.post(PAGE, {"text": NOTE})
    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control and "public" not in cache_control
    assert not response.cookies


def test_empty_or_too_long_text_is_named_and_kept(client: Client, demo: Partnership) -> None:
    html = client.post(PAGE, {"text": "  "}).content.decode()
    assert "Error: " in html and "Enter what you are seeing" in html
    long = "late again. " * 500
    html = client.post(PAGE, {"text": long}).content.decode()
    assert "5,000 characters or fewer" in html and "late again." in html


def _everything_in_the_database() -> str:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            found.append(repr(cursor.fetchall()))
    return "\n".join(found)


def test_the_text_reaches_no_log_no_table_and_no_cache(
    client: Client, demo: Partnership, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        ok = client.post(PAGE, {"text": NOTE})
        client.post(PAGE, {"text": MARKER * 400})  # refused: too long
        client.post("/explore/nowhere/suggest/", {"text": NOTE})  # 404
    assert ok.status_code == 200
    logged = "\n".join(
        record.getMessage() + repr(record.args) + repr(record.__dict__) for record in caplog.records
    )
    assert MARKER not in logged
    # No table holds it: sessions, the audit log, the cache table (Django's cache is a table).
    assert MARKER not in _everything_in_the_database()
    # The only files written are the pack's indicator vectors.
    for path in Path(settings.DATA_DIR).rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000:
            assert MARKER.encode() not in path.read_bytes(), path
