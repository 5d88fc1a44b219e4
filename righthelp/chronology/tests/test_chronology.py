"""The chronology: entries by anyone working with the family, filters, a printable page."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.chronology.models import ChronologyEntry, Significance
from righthelp.chronology.services import chronology_add
from righthelp.conftest import Cast


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def test_alice_adds_an_entry_about_tom(alice: Client, cast: Cast) -> None:
    response = alice.post(
        reverse("chronology:new", args=[cast.family.pk]),
        {
            "occurred_on_0": "3",
            "occurred_on_1": "11",
            "occurred_on_2": "2026",
            "what_happened": "Tom arrived at school without breakfast.",
            "significance": "medium",
            "person": cast.child.pk,
        },
    )
    assert response.status_code == 302
    entry = ChronologyEntry.objects.get()
    assert (entry.occurred_on, entry.person, entry.recorded_by) == (
        dt.date(2026, 11, 3),
        cast.child,
        cast.alice,
    )


def test_a_future_date_is_refused_keeping_the_text(alice: Client, cast: Cast) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = alice.post(
        reverse("chronology:new", args=[cast.family.pk]),
        {
            "occurred_on_0": str(tomorrow.day),
            "occurred_on_1": str(tomorrow.month),
            "occurred_on_2": str(tomorrow.year),
            "what_happened": "Planned visit.",
            "significance": "low",
        },
    )
    html = unescape(response.content.decode())
    assert "Date it happened must be today or in the past" in html
    assert "Planned visit." in html
    assert not ChronologyEntry.objects.exists()


def test_filters_and_the_printable_page(alice: Client, cast: Cast) -> None:
    chronology_add(
        family=cast.family,
        by=cast.alice,
        occurred_on=dt.date(2026, 1, 5),
        what_happened="Missed appointment.",
        significance=Significance.LOW,
    )
    chronology_add(
        family=cast.family,
        by=cast.bob,
        occurred_on=dt.date(2026, 3, 9),
        what_happened="Disclosure at school.",
        significance=Significance.HIGH,
        person=cast.child,
    )
    url = reverse("chronology:list", args=[cast.family.pk])
    html = alice.get(url, {"significance": "high"}).content.decode()
    assert "Disclosure at school." in html and "Missed appointment." not in html
    html = alice.get(
        url,
        {
            "since_0": "1",
            "since_1": "1",
            "since_2": "2026",
            "until_0": "31",
            "until_1": "1",
            "until_2": "2026",
        },
    ).content.decode()
    assert "Missed appointment." in html and "Disclosure at school." not in html
    bad = alice.get(
        url,
        {
            "since_0": "1",
            "since_1": "3",
            "since_2": "2026",
            "until_0": "1",
            "until_1": "1",
            "until_2": "2026",
        },
    ).content.decode()
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in bad
    printed = alice.get(
        reverse("chronology:print", args=[cast.family.pk]), {"person": str(cast.child.pk)}
    )
    assert "Disclosure at school." in printed.content.decode()
    assert "Confidential" in printed.content.decode()
