from __future__ import annotations

import datetime as dt
from html import unescape

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.conftest import Cast
from righthelp.sharing.models import InformationShare


def _date(day: dt.date) -> dict[str, str]:
    return {
        "shared_on_0": str(day.day),
        "shared_on_1": str(day.month),
        "shared_on_2": str(day.year),
    }


def test_sharing_without_consent_needs_a_reason_and_keeps_what_was_typed(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    url = reverse("sharing:new", args=[cast.family.pk])
    data = {
        "what": "Tom's attendance record",
        "shared_with": "DS Jones, Staffordshire Police",
        **_date(timezone.localdate()),
        "with_consent": "no",
        "lawful_basis": "consent",
    }
    html = unescape(client.post(url, data).content.decode())
    assert "Consent cannot be the lawful basis for sharing without consent" in html
    assert "Enter why the information was shared without consent" in html
    assert 'value="DS Jones, Staffordshire Police"' in html
    assert not InformationShare.objects.exists()

    data.update(lawful_basis="public_task", reason="Tom missing overnight; police locating him.")
    assert client.post(url, data).status_code == 302
    share = InformationShare.objects.get()
    assert (share.with_consent, share.lawful_basis) == (False, "public_task")
    listing = client.get(reverse("sharing:list", args=[cast.family.pk])).content.decode()
    assert "Without consent" in listing


def test_the_partnerships_words_on_sharing_are_shown(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    html = unescape(client.get(reverse("sharing:new", args=[cast.family.pk])).content.decode())
    assert "a record of what has been shared should be kept" in html
