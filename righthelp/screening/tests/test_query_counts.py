"""The screening pages cost the same number of queries however many screenings there are."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from righthelp.conftest import Cast
from righthelp.families.models import Person
from righthelp.screening.services import safety_plan_save
from righthelp.screening.tests.helpers import make_screening
from righthelp.testing.factories import add_person


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _screen(cast: Cast, person: Person, day: int, score: int, counts: tuple[int, int, int]) -> None:
    screening = make_screening(
        cast.family,
        cast.alice,
        person,
        score=score,
        counts=counts,
        on=dt.date(2026, 1, day),
    )
    if screening.score_band == "low":
        safety_plan_save(
            screening=screening,
            by=cast.alice,
            expected_version=0,
            sections={"risk-factors": "words"},
            safe_adult="",
            complete=day % 2 == 0,
        )


def test_the_list_and_a_result_do_not_query_per_screening(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    first = make_screening(cast.family, cast.alice, cast.child, on=dt.date(2026, 1, 1))
    pages = {
        "list": reverse("screening:list", args=[cast.family.pk]),
        "result": reverse("screening:view", args=[cast.family.pk, first.pk]),
    }
    small = {name: _queries(client, url) for name, url in pages.items()}
    sister = add_person(cast.family, cast.alice, "Ruby", "Ash")
    for day in range(2, 14):
        _screen(cast, cast.child, day, score=day % 11, counts=(3, day % 4, day % 2))
        _screen(cast, sister, day, score=(day * 3) % 11, counts=(2, 1, 0))
    large = {name: _queries(client, url) for name, url in pages.items()}
    assert large == small, (small, large)
    assert max(small.values()) <= 14, small
