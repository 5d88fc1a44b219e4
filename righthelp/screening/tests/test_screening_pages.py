"""A screening through the pages, as alice records it: the details, the bands they give and
her decision, then the result with what it calls for."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.audit.models import Action, AuditEvent
from righthelp.chronology.models import ChronologyEntry, EntryKind, Significance
from righthelp.conftest import Cast
from righthelp.families.models import MemberKind
from righthelp.screening.models import Screening
from righthelp.screening.tests.helpers import details, make_screening, new_url, record_through_pages
from righthelp.testing.factories import add_person, make_family


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def _html(response: object) -> str:
    return unescape(response.content.decode())  # type: ignore[attr-defined]


def test_a_low_risk_screening_shows_its_band_and_calls_for_a_safety_plan(
    alice: Client, cast: Cast
) -> None:
    first = alice.get(new_url(cast.family))
    html = _html(first)
    assert "Tom Ash" in html and "Gwen Ash" not in html  # children only
    assert "Screening score" in html
    assert "In this tool a higher score means less risk." in html

    check = alice.post(new_url(cast.family), {**details(cast.child), "step": "details"})
    html = _html(check)
    assert "The risk bands and your decision" in html
    assert "Low (mild) risk" in html
    assert "The score (7) and what you saw give the same band." in html
    assert "One or two risk indicators may also be present." in html  # why counts give low
    assert "This screening calls for a safety plan." in html
    assert "Remember to log your decision making on your own agency system." in html
    assert not Screening.objects.exists()

    done = record_through_pages(alice, cast.family, cast.child, decision="Plan with school.")
    screening = Screening.objects.get()
    assert done["Location"] == reverse("screening:view", args=[cast.family.pk, screening.pk])
    assert (screening.score, screening.score_band, screening.count_band) == (7, "low", "low")
    assert (screening.pack_id, screening.instrument_id) == (
        "coventry",
        "child-exploitation-screening",
    )
    assert not screening.bands_disagree

    html = _html(alice.get(done["Location"]))
    assert "Exploitation screening of Tom Ash" in html
    assert "A vulnerable child or young person who may be at risk of being groomed" in html
    assert "A single agency safety plan should be developed" in html
    assert "Write the safety plan" in html
    assert "Plan with school." in html

    entry = ChronologyEntry.objects.get(kind=EntryKind.SCREENING)
    assert (entry.person, entry.significance) == (cast.child, Significance.MEDIUM)
    assert entry.what_happened == "Exploitation screening: score 7, Low (mild) risk."
    assert AuditEvent.objects.filter(
        action=Action.CREATED, record_type="screening", record_id=str(screening.pk)
    ).exists()


def test_a_high_risk_screening_gives_the_procedure_and_the_numbers_as_links(
    alice: Client, cast: Cast
) -> None:
    record_through_pages(alice, cast.family, cast.child, score=1, counts=(4, 3, 1))
    screening = Screening.objects.get()
    assert (screening.score_band, screening.count_band) == ("high", "high")
    html = _html(alice.get(reverse("screening:view", args=[cast.family.pk, screening.pk])))
    assert "follow local safeguarding procedures" in html
    assert 'href="tel:02476788555"' in html  # the Horizon Team
    assert 'href="https://www.coventry.gov.uk/mashreferral"' in html
    assert "Write the safety plan" not in html
    entry = ChronologyEntry.objects.get(kind=EntryKind.SCREENING)
    assert entry.significance == Significance.HIGH


def test_when_the_bands_disagree_it_says_so_plainly(alice: Client, cast: Cast) -> None:
    check = alice.post(
        new_url(cast.family),
        {**details(cast.child, score=7, counts=(4, 3, 0)), "step": "details"},
    )
    html = _html(check)
    assert "The two bands disagree" in html
    assert "The score gives Low (mild) risk, but what you saw gives Medium (moderate) risk." in html
    assert "Use your professional judgment!" in html  # the instrument's guidance, in its words
    assert "For low (mild) risk, the band from the score" in html
    assert "For any concern, whatever the band" in html  # the guide's SCREENING TOOL steps
    assert "The partnership's reading, not the guide's words" in html
    record_through_pages(alice, cast.family, cast.child, score=7, counts=(4, 3, 0))
    screening = Screening.objects.get()
    assert (screening.score_band, screening.count_band, screening.bands_disagree) == (
        "low",
        "medium",
        True,
    )
    html = _html(alice.get(reverse("screening:view", args=[cast.family.pk, screening.pk])))
    assert "The two bands disagree" in html
    assert "Write the safety plan" in html  # low from the score still calls for a plan
    assert "For low (mild) risk, the band from the score" in html
    assert "For any concern, whatever the band" in html
    # Medium from three risk indicators is the partnership's reading, and says so.
    assert "The partnership's reading, not the guide's words" in html
    entry = ChronologyEntry.objects.get(kind=EntryKind.SCREENING)
    assert entry.significance == Significance.HIGH
    assert "the bands disagree" in entry.what_happened
    assert "(The partnership's reading, not the guide's words" in entry.what_happened
    # The list of screenings, where the band from what was seen is shown again, says so too.
    listing = re.sub(
        r"<[^>]+>", "", _html(alice.get(reverse("screening:list", args=[cast.family.pk])))
    )
    assert "but what was seen gives Medium (moderate) risk (the partnership's reading" in listing
    row = listing.split("Screenings of Tom Ash")[1]
    assert "The partnership's reading, not the guide's words" in row


def test_a_count_band_from_the_guides_words_carries_no_reading_label(
    alice: Client, cast: Cast
) -> None:
    make_screening(cast.family, cast.alice, cast.child, score=7, counts=(4, 0, 0))  # Low
    listing = _html(alice.get(reverse("screening:list", args=[cast.family.pk])))
    assert "Low (mild) risk" in listing and "partnership's reading" not in listing


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"score": "11"}, "The score must be from 0 to 10"),
        ({"score": "-1"}, "The score must be from 0 to 10"),
        ({"score": "seven"}, "The score must be a whole number from 0 to 10, like 7"),
        ({"score": "7.5"}, "The score must be a whole number from 0 to 10, like 7"),
        ({"score": ""}, "Enter the score, from 0 to 10"),
        ({"counts": (-1, 0, 0)}, "The number of vulnerabilities cannot be less than 0"),
        ({"counts": (0, "two", 0)}, "The number of risk indicators must be a whole number, like 2"),
        ({"counts": (0, 0, "")}, "Enter the number of significant risk indicators seen, or 0"),
        ({"counts": (100, 0, 0)}, "The number of vulnerabilities must be 99 or fewer"),
    ],
)
def test_bad_numbers_are_sent_back_with_what_was_typed(
    alice: Client, cast: Cast, answers: dict[str, object], message: str
) -> None:
    data = details(cast.child, **answers)  # type: ignore[arg-type]
    response = alice.post(new_url(cast.family), {**data, "step": "details"})
    html = _html(response)
    assert "There is a problem" in html and message in html
    assert html.count(message) == 2  # in the summary and by the field
    assert "<title>Error: " in html
    for name, value in data.items():
        if value:
            assert f'name="{name}"' in html and f'value="{value}"' in html, name
    assert not Screening.objects.exists()


def test_a_person_who_is_not_a_child_of_this_family_is_refused(alice: Client, cast: Cast) -> None:
    other = make_family(cast.alice, "Other household")
    stranger = add_person(other, cast.alice, "Ava", "Other")
    for person in (cast.parent, stranger):
        response = alice.post(new_url(cast.family), {**details(person), "step": "details"})
        assert "Select a child or young person in this family" in _html(response)
    # Tampered with on the second page: refused the same way.
    data = {**details(cast.child), "person": str(cast.parent.pk)}
    response = alice.post(new_url(cast.family), {**data, "step": "decision", "decision": "x"})
    assert "Select a child or young person in this family" in _html(response)
    assert not Screening.objects.exists()


def test_a_missing_decision_keeps_the_answers(alice: Client, cast: Cast) -> None:
    data = details(cast.child, score=4, counts=(3, 3, 0))
    response = alice.post(new_url(cast.family), {**data, "step": "decision", "decision": "  "})
    html = _html(response)
    assert "Enter your decision and the reasons for it" in html
    assert "Medium (moderate) risk" in html  # still showing the bands
    assert 'name="score" value="4"' in html
    assert not Screening.objects.exists()


def test_change_the_answers_goes_back_with_them(alice: Client, cast: Cast) -> None:
    data = details(cast.child, score=4, counts=(3, 3, 0))
    response = alice.post(new_url(cast.family), {**data, "step": "decision", "change": "1"})
    html = _html(response)
    assert "New exploitation screening" in html
    assert 'value="4"' in html and "There is a problem" not in html


def test_a_family_without_children_is_told_to_add_one(alice: Client, cast: Cast) -> None:
    cast.child.kind = MemberKind.ADULT
    cast.child.save(update_fields=["kind"])
    html = _html(alice.get(new_url(cast.family)))
    assert "There are no children or young people in this family yet." in html


def test_the_list_shows_each_young_persons_trend(alice: Client, cast: Cast) -> None:
    import datetime as dt

    sister = add_person(cast.family, cast.alice, "Ruby", "Ash")
    make_screening(
        cast.family, cast.alice, cast.child, score=4, counts=(3, 3, 0), on=dt.date(2026, 1, 5)
    )
    make_screening(
        cast.family, cast.alice, cast.child, score=2, counts=(4, 4, 1), on=dt.date(2026, 3, 5)
    )
    html = _html(alice.get(reverse("screening:list", args=[cast.family.pk])))
    assert "Latest: 5 March 2026, score 2: <strong>High (significant) risk</strong>." in html
    assert "Riskier than at the first screening." in html
    assert "Score 0 to 10: higher is safer" in html  # the chart's axis says which way is safer
    assert "05 Jan 2026: score 4; 05 Mar 2026: score 2" in html  # the chart's text
    assert "Screenings of Tom Ash, newest first" in html
    table = html[html.index("newest first") :]
    assert table.index("5 Mar 2026") < table.index("5 Jan 2026")
    assert "Ruby Ash" in html and "Not screened yet." in html
    assert f"?person={sister.pk}" in html


def test_every_screening_page_is_a_family_record_and_audited(alice: Client, cast: Cast) -> None:
    screening = make_screening(cast.family, cast.alice, cast.child)
    for url, looking_at in (
        (reverse("screening:list", args=[cast.family.pk]), "screenings"),
        (reverse("screening:view", args=[cast.family.pk, screening.pk]), "screening"),
        (reverse("screening:safety-plan", args=[cast.family.pk, screening.pk]), "safety_plan"),
    ):
        assert alice.get(url).status_code == 200
        assert AuditEvent.objects.filter(
            actor=cast.alice, action=Action.VIEWED, record_type=looking_at
        ).exists()


def test_a_screening_of_another_family_is_not_found_here(alice: Client, cast: Cast) -> None:
    other = make_family(cast.alice, "Other household")
    child = add_person(other, cast.alice, "Ava", "Other")
    screening = make_screening(other, cast.alice, child)
    url = reverse("screening:view", args=[cast.family.pk, screening.pk])
    assert alice.get(url).status_code == 404
