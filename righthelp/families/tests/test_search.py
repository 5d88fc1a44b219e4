"""Finding a family: by name (typos forgiven), date of birth, postcode or NHS number, among
the families you may see, and never with the search in the address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.conftest import Cast
from righthelp.families.search import normalise_postcode, parse_date, search_families
from righthelp.testing.factories import add_person, make_family


@pytest.fixture
def families(cast: Cast) -> Cast:
    other = make_family(cast.alice, "Okafor household", postcode="ST1 4AB")
    add_person(
        other, cast.alice, "Tobi", "Okafor", born=dt.date(2012, 6, 30), nhs_number="9434765919"
    )
    hidden = make_family(cast.charlie, "Stone household", postcode="ST1 4AB")
    add_person(hidden, cast.charlie, "Tobi", "Stone")
    return cast


def names(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.family.name for hit in hits]


def test_by_name(families: Cast) -> None:
    assert names(search_families(families.alice, "Tobi Okafor")) == ["Okafor household"]
    assert names(search_families(families.alice, "okafor")) == ["Okafor household"]


def test_a_typo_in_a_name_still_finds_the_family(families: Cast) -> None:
    assert names(search_families(families.alice, "Okafr")) == ["Okafor household"]
    assert names(search_families(families.alice, "Tobi Okafer")) == ["Okafor household"]


def test_by_date_of_birth_postcode_and_nhs_number(families: Cast) -> None:
    assert names(search_families(families.alice, "30/06/2012")) == ["Okafor household"]
    assert names(search_families(families.alice, "st14ab")) == ["Okafor household"]
    assert names(search_families(families.alice, "943 476 5919")) == ["Okafor household"]


def test_only_families_you_may_see(families: Cast) -> None:
    assert names(search_families(families.alice, "Stone")) == []
    assert names(search_families(families.charlie, "Tobi")) == ["Stone household"]


def test_the_search_is_posted_not_put_in_the_address(client: Client, families: Cast) -> None:
    client.force_login(families.alice)
    # Opened by its address (a reload), the page offers the search box and never searches
    # for words put in the address.
    opened = client.get(reverse("families:search") + "?query=Okafor")
    assert opened.status_code == 200 and "Okafor" not in opened.content.decode()
    response = client.post(reverse("families:search"), {"query": "Okafor"})
    assert "Okafor household" in response.content.decode()
    empty = client.post(reverse("families:search"), {"query": ""})
    assert "Enter a name, date of birth, postcode or NHS number" in empty.content.decode()


@pytest.mark.parametrize(
    ("text", "postcode"), [("st4 1hh", "ST4 1HH"), ("SW1A1AA", "SW1A 1AA"), ("nope", None)]
)
def test_postcodes(text: str, postcode: str | None) -> None:
    assert normalise_postcode(text) == postcode


def test_dates() -> None:
    assert parse_date("27/3/2015") == dt.date(2015, 3, 27)
    assert parse_date("2015-03-27") == dt.date(2015, 3, 27)
    assert parse_date("Smith") is None
