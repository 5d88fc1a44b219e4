"""Chronology entries record a time as well as a date, read as GOV.UK writes times ("7:32pm");
entries from before times were recorded show only their date."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.chronology.models import ChronologyEntry, EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.conftest import Cast


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def _add(client: Client, cast: Cast, on: dt.date, at: str) -> object:
    return client.post(
        reverse("chronology:new", args=[cast.family.pk]),
        {
            "occurred_on_0": str(on.day),
            "occurred_on_1": str(on.month),
            "occurred_on_2": str(on.year),
            "occurred_at": at,
            "what_happened": "Tom arrived at school without breakfast.",
            "significance": "medium",
        },
    )


def test_a_typed_time_is_kept_and_read_as_govuk_writes_it(alice: Client, cast: Cast) -> None:
    earlier = timezone.localdate() - dt.timedelta(days=3)
    assert _add(alice, cast, earlier, "19:32").status_code == 302  # type: ignore[attr-defined]
    assert ChronologyEntry.objects.get().occurred_at == dt.time(19, 32)
    for name in ("chronology:list", "chronology:print"):
        html = alice.get(reverse(name, args=[cast.family.pk])).content.decode()
        assert f"{earlier:%-d %b %Y}" in html and "7:32pm" in html


def test_an_earlier_day_without_a_time_has_none_and_shows_only_its_date(
    alice: Client, cast: Cast
) -> None:
    _add(alice, cast, timezone.localdate() - dt.timedelta(days=3), "")
    assert ChronologyEntry.objects.get().occurred_at is None
    html = alice.get(reverse("chronology:list", args=[cast.family.pk])).content.decode()
    assert "am</span>" not in html and "pm</span>" not in html


def test_today_without_a_time_takes_the_time_now(alice: Client, cast: Cast) -> None:
    before = timezone.localtime().time().replace(second=0, microsecond=0)
    _add(alice, cast, timezone.localdate(), "")
    recorded = ChronologyEntry.objects.get().occurred_at
    assert recorded is not None and before <= recorded <= timezone.localtime().time()


@pytest.mark.parametrize(
    ("typed", "message"),
    [("7:75pm", "Enter a real time, like 7:32pm"), ("teatime", "Enter the time like 7:32pm")],
)
def test_a_time_that_is_not_one_is_refused_where_it_was_typed(
    alice: Client, cast: Cast, typed: str, message: str
) -> None:
    response = _add(alice, cast, timezone.localdate(), typed)
    html = unescape(response.content.decode())  # type: ignore[attr-defined]
    assert message in html and 'id="id_occurred_at-error"' in html
    assert 'value="' + typed + '"' in html and not ChronologyEntry.objects.exists()


def test_a_time_later_today_is_refused(alice: Client, cast: Cast) -> None:
    now = timezone.localtime()
    if now.hour == 23 and now.minute >= 58:
        pytest.skip("no later minute left today")
    later = (now + dt.timedelta(minutes=2)).strftime("%H:%M")
    html = _add(alice, cast, now.date(), later).content.decode()  # type: ignore[attr-defined]
    assert "The time must be now or earlier today" in html
    assert not ChronologyEntry.objects.exists()


def test_what_the_product_records_today_takes_the_time_now(cast: Cast) -> None:
    entry = chronology_record(
        family=cast.family,
        by=cast.alice,
        kind=EntryKind.PLAN,
        significance=Significance.LOW,
        what_happened="Family plan started.",
        occurred_on=timezone.localdate(),
    )
    assert entry.occurred_at is not None


def test_an_entry_from_before_times_were_recorded_keeps_its_date_alone(
    alice: Client, cast: Cast
) -> None:
    ChronologyEntry.objects.create(
        family=cast.family,
        occurred_on=dt.date(2025, 4, 1),
        what_happened="An old entry.",
        significance=Significance.LOW,
        recorded_by=cast.alice,
    )
    html = alice.get(reverse("chronology:list", args=[cast.family.pk])).content.decode()
    cell = html.split("1 Apr 2025")[1].split("</td>")[0]
    assert cell == ""
