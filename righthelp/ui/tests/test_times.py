"""Times read as GOV.UK writes them."""

from __future__ import annotations

import datetime as dt

from django.test import Client, override_settings
from django.urls import reverse

from righthelp.conftest import Cast
from righthelp.ui.times import govuk_datetime, govuk_time


def test_times_read_the_gov_uk_way() -> None:
    assert govuk_time(dt.time(19, 32)) == "7:32pm"
    assert govuk_time(dt.time(9, 5)) == "9:05am"
    assert govuk_time(dt.time(17, 0)) == "5pm"
    assert govuk_time(dt.time(12, 0)) == "midday"
    assert govuk_time(dt.time(0, 0)) == "midnight"
    assert govuk_time(dt.time(0, 30)) == "12:30am"


@override_settings(TIME_ZONE="Europe/London")
def test_a_date_and_time_in_the_local_time_zone() -> None:
    summer = dt.datetime(2026, 7, 1, 18, 32, tzinfo=dt.UTC)  # 7:32pm in London
    assert govuk_datetime(summer) == "1 July 2026, 7:32pm"


def test_a_reloaded_family_search_offers_the_search_box(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    response = client.get(reverse("families:search"))
    assert response.status_code == 200
    assert 'name="query"' in response.content.decode()


def test_web_addresses_in_pack_text_are_links() -> None:
    from righthelp.ui.templatetags.govuk import link_addresses

    html = link_addresses(
        "Referral can be completed at www.coventry.gov.uk/mashreferral. Call <b>101</b>."
    )
    assert (
        '<a class="govuk-link" href="https://www.coventry.gov.uk/mashreferral">'
        "www.coventry.gov.uk/mashreferral</a>." in html
    )
    assert "&lt;b&gt;101&lt;/b&gt;" in html
    assert "email@www.example.org" in link_addresses("email@www.example.org")
