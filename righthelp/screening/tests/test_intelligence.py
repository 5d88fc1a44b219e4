"""Intelligence for the police: the body that is shared, and the source kept apart from it.

The source lives in its own table. Only the person who recorded the intelligence and
managers with access to the family see it, on its own page; it is never on the body's
page or in the document that goes to the police."""

from __future__ import annotations

from html import unescape
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from righthelp.audit.models import Action, AuditEvent
from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.conftest import Cast
from righthelp.families.services import worker_add
from righthelp.screening.models import IntelligenceSource, IntelligenceSubmission, SourceKnows
from righthelp.screening.services import (
    intelligence_create,
    intelligence_source_record,
    intelligence_update,
)
from righthelp.testing.factories import make_user

SOURCE_WHO = "Mrs Jane Example, Tom's neighbour at number 12"
SOURCE_HOW = "Told me at the school gate on Monday"
BODY = {
    "victims": "Tom Ash, 11, Year 7 at Northfield Academy.",
    "perpetrators": "Man in his 20s called 'Dee', drives a grey hatchback.",
    "locations": "Car park behind the Co-op on Beacon Road, after 9pm.",
    "what_happened": "Tom seen getting into the grey hatchback twice last week; 07700 900123.",
}


def _html(response: Any) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


@pytest.fixture
def submission(cast: Cast) -> IntelligenceSubmission:
    recorded = intelligence_create(family=cast.family, by=cast.alice, texts=BODY)
    intelligence_source_record(
        submission=recorded,
        by=cast.alice,
        expected_version=0,
        who=SOURCE_WHO,
        how=SOURCE_HOW,
        knows_shared=SourceKnows.NO,
    )
    return recorded


def _urls(cast: Cast, submission: IntelligenceSubmission) -> dict[str, str]:
    args = [cast.family.pk, submission.pk]
    return {
        "view": reverse("screening:intelligence-view", args=args),
        "edit": reverse("screening:intelligence-edit", args=args),
        "source": reverse("screening:intelligence-source", args=args),
        "sent": reverse("screening:intelligence-sent", args=args),
        "document": reverse("screening:intelligence-document", args=args),
    }


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_recording_intelligence_then_its_source(alice: Client, cast: Cast) -> None:
    page = _html(alice.get(reverse("screening:intelligence-new", args=[cast.family.pk])))
    assert "Do not say here who gave you the information." in page
    assert "There are 3 elements to child exploitation" in page  # the guide, in its words

    response = alice.post(reverse("screening:intelligence-new", args=[cast.family.pk]), BODY)
    submission = IntelligenceSubmission.objects.get()
    urls = _urls(cast, submission)
    assert response["Location"] == urls["source"]
    assert submission.what_happened == BODY["what_happened"]

    source_page = _html(alice.get(urls["source"]))
    assert "Now record where the information came from" in source_page
    assert "It is never in the document you send." in source_page
    missing = _html(alice.post(urls["source"], {"version": "0"}))
    for message in (
        "Enter who gave the information",
        "Enter how the information was given or found out",
        "Select whether they know the information is being shared with the police",
    ):
        assert message in missing
    saved = alice.post(
        urls["source"], {"version": "0", "who": SOURCE_WHO, "how": SOURCE_HOW, "knows_shared": "no"}
    )
    assert saved["Location"] == urls["view"]
    source = IntelligenceSource.objects.get()
    assert (source.who, source.knows_shared) == (SOURCE_WHO, SourceKnows.NO)
    assert AuditEvent.objects.filter(
        action=Action.CREATED, record_type="intelligence_source", record_id=str(submission.pk)
    ).exists()


def test_the_body_is_required_to_say_what_happened(alice: Client, cast: Cast) -> None:
    response = alice.post(
        reverse("screening:intelligence-new", args=[cast.family.pk]),
        {**BODY, "what_happened": "  "},
    )
    html = _html(response)
    assert "Enter what was seen or what happened" in html
    assert BODY["perpetrators"] in html  # kept
    assert not IntelligenceSubmission.objects.exists()


def test_the_source_is_never_in_the_shareable_body_page_or_document(
    alice: Client, cast: Cast, submission: IntelligenceSubmission
) -> None:
    urls = _urls(cast, submission)
    body_page = _html(alice.get(urls["view"]))
    assert BODY["what_happened"] in body_page
    assert "Recorded." in body_page and "See or change the source" in body_page
    assert SOURCE_WHO not in body_page and SOURCE_HOW not in body_page
    assert "coventryintel@westmidlands.police.uk" in body_page
    assert 'href="https://www.coventry.gov.uk/fibform"' in body_page

    response = alice.get(urls["document"])
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="intelligence-for')
    assert "Ash" not in response["Content-Disposition"]
    text = _pdf_text(response.content)
    squashed = " ".join(text.split())
    for part in ("Tom seen getting into the grey hatchback", "Car park behind the Co-op", "Dee"):
        assert part in squashed
    assert "coventryintel@westmidlands.police.uk" in squashed
    assert "www.coventry.gov.uk/fibform" in squashed
    assert "The source of the information is not in this document" in squashed
    for secret in ("Jane Example", "neighbour at number 12", "school gate"):
        assert secret not in squashed
    exported = AuditEvent.objects.get(action=Action.EXPORTED)
    assert (exported.actor, exported.record_type, exported.record_id) == (
        cast.alice,
        "intelligence",
        str(submission.pk),
    )


def test_nothing_that_renders_the_body_can_reach_the_source(
    submission: IntelligenceSubmission,
) -> None:
    assert not hasattr(submission, "source")
    assert not hasattr(submission, "intelligencesource")
    names = {field.name for field in IntelligenceSubmission._meta.get_fields()}
    assert not any("source" in name for name in names)


def test_charlie_is_refused_the_source(
    client: Client, cast: Cast, submission: IntelligenceSubmission
) -> None:
    client.force_login(cast.charlie)
    response = client.get(_urls(cast, submission)["source"])
    assert response.status_code == 403
    assert SOURCE_WHO not in _html(response)
    assert AuditEvent.objects.filter(
        actor=cast.charlie, action=Action.REFUSED, family_id=cast.family.pk
    ).exists()


def test_only_the_submitter_and_managers_see_the_source(
    client: Client, cast: Cast, submission: IntelligenceSubmission
) -> None:
    colleague = make_user("colleague", team_=cast.alice.team)
    worker_add(family=cast.family, by=cast.alice, user=colleague)
    urls = _urls(cast, submission)

    client.force_login(colleague)
    body = _html(client.get(urls["view"]))
    assert BODY["what_happened"] in body  # the body, yes
    assert "Only Alice Ash, who recorded this, and managers can see it." in body
    refused = client.get(urls["source"])
    assert refused.status_code == 403 and SOURCE_WHO not in _html(refused)
    posted = client.post(
        urls["source"], {"version": "1", "who": "x", "how": "y", "knows_shared": "yes"}
    )
    assert posted.status_code == 403
    assert IntelligenceSource.objects.get().who == SOURCE_WHO
    assert AuditEvent.objects.filter(
        actor=colleague, action=Action.REFUSED, record_type="intelligence_source"
    ).exists()

    client.force_login(cast.bob)  # alice's manager
    page = _html(client.get(urls["source"]))
    assert SOURCE_WHO in page and SOURCE_HOW in page
    assert AuditEvent.objects.filter(
        actor=cast.bob, action=Action.VIEWED, record_type="intelligence_source"
    ).exists()


def test_marking_it_sent_needs_the_source_first(alice: Client, cast: Cast) -> None:
    recorded = intelligence_create(family=cast.family, by=cast.alice, texts=BODY)
    urls = _urls(cast, recorded)
    today = timezone.localdate()
    date = {
        "sent_on_0": today.day,
        "sent_on_1": today.month,
        "sent_on_2": today.year,
        "version": recorded.version,
    }
    refused = _html(alice.post(urls["sent"], date))
    assert "Record where the information came from before you mark it as sent" in refused
    assert not IntelligenceSubmission.objects.get().is_sent

    no_date = _html(alice.post(urls["sent"], {}))
    assert "Enter the date you sent it" in no_date
    future = _html(alice.post(urls["sent"], {**date, "sent_on_2": today.year + 1}))
    assert "Date you sent it must be today or in the past" in future

    intelligence_source_record(
        submission=recorded,
        by=cast.alice,
        expected_version=0,
        who=SOURCE_WHO,
        how=SOURCE_HOW,
        knows_shared=SourceKnows.YES,
    )
    response = alice.post(urls["sent"], date)
    assert response["Location"] == urls["view"]
    recorded.refresh_from_db()
    assert (recorded.sent_on, recorded.sent_by) == (today, cast.alice)
    entry = ChronologyEntry.objects.get(kind=EntryKind.INTELLIGENCE)
    assert SOURCE_WHO not in entry.what_happened and entry.occurred_on == today
    page = _html(alice.get(urls["view"]))
    assert f"Sent {today:%-d %B %Y}" in page
    assert "Change what you are sharing" not in page and "Mark as sent" not in page

    # What was sent is what the police have: the body can no longer be changed.
    assert alice.get(urls["edit"])["Location"] == urls["view"]
    again = alice.post(urls["edit"], {**BODY, "what_happened": "changed", "version": "2"})
    assert again["Location"] == urls["view"]
    assert IntelligenceSubmission.objects.get().what_happened == BODY["what_happened"]
    twice = _html(alice.post(urls["sent"], date))
    assert "This intelligence is already marked as sent" in twice


def test_someone_changed_the_body_since_you_opened_it(
    alice: Client, cast: Cast, submission: IntelligenceSubmission
) -> None:
    urls = _urls(cast, submission)
    intelligence_update(
        submission=submission,
        by=cast.bob,
        expected_version=1,
        texts={**BODY, "locations": "Bob's location."},
    )
    response = alice.post(urls["edit"], {**BODY, "locations": "Alice's location.", "version": "1"})
    html = _html(response)
    assert "Someone else saved this after you opened the page." in html
    assert "Bob's location." in html and "Alice's location." in html
    assert IntelligenceSubmission.objects.get().locations == "Bob's location."


def test_someone_changed_the_source_since_you_opened_it(
    alice: Client, cast: Cast, submission: IntelligenceSubmission
) -> None:
    urls = _urls(cast, submission)
    intelligence_source_record(
        submission=submission,
        by=cast.bob,
        expected_version=1,
        who="Bob's version of who",
        how=SOURCE_HOW,
        knows_shared=SourceKnows.NOT_KNOWN,
    )
    response = alice.post(
        urls["source"],
        {"version": "1", "who": "Alice's who", "how": SOURCE_HOW, "knows_shared": "no"},
    )
    html = _html(response)
    assert "Someone else saved this after you opened the page." in html
    assert "Bob's version of who" in html and "Alice's who" in html
    assert "Not known" in html
    assert IntelligenceSource.objects.get().who == "Bob's version of who"


def test_the_list_of_intelligence(
    alice: Client, cast: Cast, submission: IntelligenceSubmission
) -> None:
    html = _html(alice.get(reverse("screening:intelligence-list", args=[cast.family.pk])))
    assert "Not sent yet" in html and "Alice Ash" in html
    assert SOURCE_WHO not in html and BODY["what_happened"] not in html
