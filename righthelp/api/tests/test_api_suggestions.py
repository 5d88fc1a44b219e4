"""POST /api/v1/packs/{id}/suggestions: what a note may describe, for the caller to check."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from righthelp.api.tests.test_api import Caller
from righthelp.conftest import Cast
from righthelp.packstore.registry import get_pack

pytestmark = pytest.mark.django_db

NOTE = (
    "Kayden's attendance is 84% and he is late most mornings. "
    "Mum says the landlord has served notice and they have to be out next month."
)


@pytest.fixture
def alice_api(client: Client, cast: Cast) -> Caller:
    return Caller(client, cast.alice)


def test_a_note_gives_suggestions_with_what_each_matched_and_the_rungs_beside(
    alice_api: Caller,
) -> None:
    response = alice_api.post("/packs/stoke-on-trent/suggestions", {"text": NOTE, "top": 6})
    assert response.status_code == 200
    answer = response.json()
    pack = get_pack("stoke-on-trent")
    assert answer["pack"]["content_hash"] == pack.content_hash
    assert "not findings" in answer["notice"] and "no injuries were seen" in answer["notice"]
    suggestions = answer["suggestions"]
    assert len(suggestions) == 6
    assert [s["score"] for s in suggestions] == sorted(
        (s["score"] for s in suggestions), reverse=True
    )
    ids = [s["id"] for s in suggestions]
    assert "edu-13" in ids  # attendance below 90%, late
    assert "house-10" in ids  # at risk of eviction
    for s in suggestions:
        placed = pack.indicators_by_id[s["id"]]
        assert s["text"] == placed.indicator.text and s["level"] == placed.level
        assert s["level"] != 1, "Thriving statements are never suggested"
        assert NOTE[s["because_start"] : s["because_end"]] == s["because"]
        for n in s["neighbours"]:
            assert n["outcome"] == s["outcome"] and abs(n["level"] - s["level"]) == 1
    # Nothing is decided for the caller: no level comes back.
    assert "level" not in answer and "level_name" not in answer


def test_bad_requests_are_named(alice_api: Caller) -> None:
    assert alice_api.post("/packs/nowhere/suggestions", {"text": NOTE}).status_code == 404
    response = alice_api.post("/packs/coventry/suggestions", {"text": NOTE})
    assert response.status_code == 422 and "no indicators" in response.json()["detail"]
    assert alice_api.post("/packs/stoke-on-trent/suggestions", {"text": ""}).status_code == 422
    too_many = {"text": NOTE, "top": 51}
    assert alice_api.post("/packs/stoke-on-trent/suggestions", too_many).status_code == 422


def test_a_caller_without_a_token_gets_nothing(client: Client) -> None:
    response = client.post(
        "/api/v1/packs/stoke-on-trent/suggestions", {"text": NOTE}, content_type="application/json"
    )
    assert response.status_code == 401


def test_the_note_reaches_no_log(alice_api: Caller, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    alice_api.post("/packs/stoke-on-trent/suggestions", {"text": NOTE + " Zebedee-unique."})
    assert "Zebedee" not in caplog.text
