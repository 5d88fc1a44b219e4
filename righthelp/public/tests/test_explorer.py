"""The threshold explorer, as practitioners without an account use it."""

from __future__ import annotations

import pytest
from django.test import Client

from righthelp.partnerships.models import Partnership
from righthelp.partnerships.services import partnership_create

# The partnership's own words, from its thresholds pack (seed 004), not a template's.
JUDGEMENT = (
    "Professional discussion is encouraged if you have concerns about a child, young person "
    "or family at any level."
)


def test_a_teacher_worried_about_attendance_and_a_disclosure(
    client: Client, demo: Partnership
) -> None:
    html = client.get("/explore/demo/?i=edu-13&i=safe-41").content.decode()
    assert "What to do next" in html
    assert "Getting Risk Support" in html
    assert "Request for service to Children&#x27;s Social Care." in html
    # Which tick set it, under its outcome.
    assert "Disclosure of abuse from a child or other." in html
    # Who to contact: the Integrated Front Door, tap to call.
    assert "Children&#x27;s Social Care Integrated Front Door" in html
    assert 'href="tel:01782235100"' in html
    # Consent before a referral, in the pack's words, with the guidance to read.
    assert "Consent for a referral to Children&#x27;s Social Care" in html
    assert "must be approved by their manager" in html
    assert "/guidance/demo/stoke-on-trent/consent-and-confidentiality/" in html
    assert JUDGEMENT in html
    # The ticks stay ticked; the summary link carries them (ids only).
    assert 'value="edu-13" checked' in html and 'value="safe-41" checked' in html
    assert "/explore/demo/summary/?i=edu-13&amp;i=safe-41" in html


def test_a_youth_worker_with_an_emerging_attendance_concern_gets_advice(
    client: Client, demo: Partnership
) -> None:
    html = client.get("/explore/demo/?i=edu-07").content.decode()
    assert "Getting Advice" in html
    assert "Consider completion of an Early Help Assessment." in html
    assert 'href="https://familyhub.stoke.gov.uk/"' in html


def test_with_nothing_ticked_there_is_no_result_yet(client: Client, demo: Partnership) -> None:
    html = client.get("/explore/demo/").content.decode()
    assert "Nothing ticked yet" in html
    assert "What to do next" not in html
    assert JUDGEMENT in html
    # All ten outcomes to browse, indicators grouped by level.
    for number in range(1, 11):
        assert f'<span class="govuk-details__summary-text">{number}. ' in html
    assert "Getting Risk Support (level 5)" in html
    assert html.count('type="checkbox"') == 319


def test_the_form_works_without_javascript(client: Client, demo: Partnership) -> None:
    html = client.get("/explore/demo/").content.decode()
    assert 'method="get" action="/explore/demo/#result"' in html
    assert 'name="i"' in html and 'type="submit"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_result_fragment_for_the_script(client: Client, demo: Partnership) -> None:
    html = client.get("/explore/demo/result/?i=edu-13").content.decode()
    assert html.startswith('<div id="result-region">')
    assert "Getting Help" in html and 'id="level-status"' in html
    assert "<html" not in html


def test_an_unknown_indicator_in_the_address_is_left_out_and_said_so(
    client: Client, demo: Partnership
) -> None:
    response = client.get("/explore/demo/?i=edu-99&i=edu-13")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "has no indicator edu-99" in html
    assert "<title>Error: " in html
    assert "Getting Help" in html


def test_text_that_is_not_an_indicator_is_never_shown_back(
    client: Client, demo: Partnership
) -> None:
    html = client.get("/explore/demo/?i=Jane+Smith+12+Acacia+Road&i=<b>x</b>").content.decode()
    assert "Jane" not in html and "Acacia" not in html and "<b>x" not in html
    assert "2 values in the address are not indicators" in html


def test_the_printable_summary(client: Client, demo: Partnership) -> None:
    html = client.get("/explore/demo/summary/?i=edu-13&i=safe-41").content.decode()
    assert "Level of need summary" in html
    assert "<strong>Getting Risk Support</strong>" in html
    assert 'href="tel:01782235100"' in html
    assert "Poor punctuality, frequent absence from school, attendance below 90%." in html
    assert JUDGEMENT in html
    assert "Thresholds for Intervention, version 1.1.0" in html


def test_an_empty_summary_says_so(client: Client, demo: Partnership) -> None:
    html = client.get("/explore/demo/summary/").content.decode()
    assert "nothing to summarise" in html


@pytest.mark.parametrize(
    "path", ["/explore/nowhere/", "/explore/nowhere/summary/", "/directory/nowhere/"]
)
def test_an_unknown_partnership_is_a_clear_not_found_page(
    client: Client, demo: Partnership, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "There is no partnership at this address." in html


def test_choosing_the_partnership(client: Client, demo: Partnership) -> None:
    partnership_create(name="Another partnership", slug="another", pack_ids=["stoke-on-trent"])
    html = client.get("/explore/").content.decode()
    assert 'href="/explore/demo/"' in html and 'href="/explore/another/"' in html
    assert 'href="/directory/another/"' in client.get("/directory/").content.decode()


def test_with_no_partnership_yet(client: Client, db: None) -> None:
    assert "No partnership has been set up" in client.get("/explore/").content.decode()


def test_needs_at_getting_help_in_two_outcomes_bring_getting_more_helps_words(
    client: Client, demo: Partnership
) -> None:
    html = client.get("/explore/demo/?i=edu-13&i=eyd-17").content.decode()
    assert "Level of need:" in html and "Getting Help</strong>" in html
    assert "The level shown is what the indicators point to" in html
    assert "Children and families with multiple and complex, additional needs." in html
    assert "The level shown is not changed" in html
    one = client.get("/explore/demo/?i=edu-13&i=edu-14").content.decode()
    assert "multiple and complex" not in one


def test_the_public_words_come_from_the_partnerships_pack(
    client: Client, demo: Partnership
) -> None:
    from righthelp.practice_packs.tests.source_text import STOKE, normalise, source

    html = client.get("/explore/demo/").content.decode().replace("&#x27;", "'")
    caveat = "Please note, this is an illustrative rather than a comprehensive list of indicators."
    assert caveat in html and normalise(caveat) in source(STOKE)
    assert JUDGEMENT in html and normalise(JUDGEMENT) in source(STOKE)
    assert "if you have a concern, share it" not in html  # Coventry's words, not Stoke's


def test_getting_risk_support_opens_with_what_to_do_in_an_emergency(
    client: Client, demo: Partnership
) -> None:
    html = client.get("/explore/demo/?i=safe-41").content.decode().replace("&#x27;", "'")
    result = html[html.index('id="result-heading"') :]
    emergency = result.index("If you think a child is in immediate danger, call the police on")
    assert emergency < result.index("What this level asks you to do")
    assert 'href="tel:999"' in result
    assert "call our Emergency Duty Team on" in result and 'href="tel:01782234234"' in result
    assert "make a request for service" in result  # the next step, for those signed in
    # Whose services these are.
    assert "From Thresholds for Intervention (Stoke-on-Trent Safeguarding Children Partnership" in (
        result
    )


def test_a_lower_level_has_no_emergency_block(client: Client, demo: Partnership) -> None:
    html = client.get("/explore/demo/?i=edu-07").content.decode()
    assert "If you think a child is in immediate danger" not in html
