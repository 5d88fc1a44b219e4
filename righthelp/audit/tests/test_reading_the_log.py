"""Bob, a manager, sees who has looked at a family his team works with; Erin, the
administrator, searches the whole log and downloads it. No one else reads it."""

from __future__ import annotations

import csv
import io

from django.test import Client
from django.urls import reverse

from righthelp.accounts.services import administrator_permissions_grant
from righthelp.audit.models import Action, AuditEvent
from righthelp.audit.services import audit
from righthelp.conftest import Cast
from righthelp.families.services import emergency_access_grant
from righthelp.testing.prepared import fetch_prepared


def _family_log(cast: Cast) -> str:
    return reverse("access_log:family", args=[cast.family.pk])


def test_bob_sees_who_looked_at_the_family_and_who_was_refused(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    client.get(reverse("families:overview", args=[cast.family.pk]))
    client.force_login(cast.charlie)
    client.get(reverse("families:overview", args=[cast.family.pk]))
    emergency_access_grant(family=cast.family, user=cast.charlie, reason="Police called at 2am")

    client.force_login(cast.bob)
    page = client.get(_family_log(cast)).content.decode()
    assert "Alice Ash" in page and "Viewed family overview" in page
    assert "Charlie Cole" in page and "Refused" in page
    assert "Police called at 2am" in page  # emergency access, with its reason
    assert AuditEvent.objects.filter(
        actor=cast.bob, action=Action.VIEWED, record_type="access_log"
    ).exists()


def test_only_the_family_s_managers_read_its_record_of_access(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assert client.get(_family_log(cast)).status_code == 403
    client.force_login(cast.charlie)
    assert client.get(_family_log(cast)).status_code == 403
    assert AuditEvent.objects.filter(
        actor=cast.charlie, action=Action.REFUSED, record_type="access_log"
    ).exists()


def test_erin_searches_the_log_and_downloads_it(client: Client, cast: Cast) -> None:
    audit(
        actor=cast.alice,
        action=Action.VIEWED,
        record_type="family_overview",
        family_id=cast.family.pk,
    )
    audit(
        actor=cast.bob,
        action=Action.EXPORTED,
        record_type="dashboard_export",
        record_id="=HYPERLINK(1)",
    )
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)

    page = client.get(reverse("audit:search"), {"actor": cast.alice.pk}).content.decode()
    events = page.split("<tbody", 1)[1]  # the table, not the choice of people above it
    assert "Alice Ash" in events and "Bob Birch" not in events

    download = fetch_prepared(client, reverse("audit:download"), {"action": "exported"})
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert [row["who"] for row in rows] == ["bob"]
    assert rows[0]["record_id"] == "'=HYPERLINK(1)"  # shown by a spreadsheet, never run
    assert AuditEvent.objects.filter(actor=cast.erin, record_type="audit_export").exists()


def test_a_bad_date_range_is_explained_and_the_choices_stay(client: Client, cast: Cast) -> None:
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)
    page = client.get(
        reverse("audit:search"),
        {
            "action": "viewed",
            "since_0": "5",
            "since_1": "11",
            "since_2": "2026",
            "until_0": "1",
            "until_1": "11",
            "until_2": "2026",
        },
    ).content.decode()
    assert "The end date must be on or after the start date" in page
    assert 'value="viewed" selected' in page


def test_no_one_else_reads_the_whole_log(client: Client, cast: Cast) -> None:
    for who in (cast.alice, cast.bob, cast.dana):
        client.force_login(who)
        assert client.get(reverse("audit:search")).status_code == 403
        assert client.get(reverse("audit:download")).status_code == 403
        assert client.post(reverse("audit:download")).status_code == 403


def test_erin_sees_only_her_partnership_s_log(client: Client, cast: Cast) -> None:
    from righthelp.testing.factories import make_user, team

    stranger = make_user("yusuf", team_=team("Early Help", "Children's Services", "elsewhere"))
    audit(actor=stranger, action=Action.VIEWED, record_type="family_overview")
    audit(actor=cast.alice, action=Action.VIEWED, record_type="family_overview")
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)

    download = fetch_prepared(client, reverse("audit:download"), {"action": "viewed"})
    who = {row["who"] for row in csv.DictReader(io.StringIO(download.content.decode()))}
    assert "alice" in who and "yusuf" not in who
    page = client.get(reverse("audit:search")).content.decode()
    assert "yusuf" not in page  # not even offered as a choice


def test_the_record_of_access_speaks_in_words_and_filters(client: Client, cast: Cast) -> None:
    """No raw codes, ids or Python lists; filter by person, action and date."""
    audit(
        actor=cast.alice,
        action=Action.CHANGED,
        record_type="person",
        record_id=cast.child.pk,
        family_id=cast.family.pk,
        detail={
            "fields": ["given_name", "date_of_birth"],
            "consent_route": "consent_refused",
            "person": str(cast.child.pk),
        },
    )
    client.force_login(cast.charlie)
    client.get(reverse("families:overview", args=[cast.family.pk]))  # refused

    client.force_login(cast.bob)
    page = client.get(_family_log(cast)).content.decode()
    assert "Fields: given name, date of birth" in page
    assert "Consent route: consent refused" in page
    assert "[&#x27;" not in page and "given_name" not in page
    assert str(cast.child.pk) not in page

    refused = client.get(_family_log(cast), {"action": "refused"}).content.decode()
    assert "Charlie Cole" in refused and "Fields: given name" not in refused
    by_alice = client.get(_family_log(cast), {"actor": cast.alice.pk}).content.decode()
    assert "Fields: given name" in by_alice
    assert "Refused</strong>" not in by_alice
    future = client.get(
        _family_log(cast), {"since_0": "1", "since_1": "1", "since_2": "2099"}
    ).content.decode()
    assert "0 events." in future
    backwards = client.get(
        _family_log(cast),
        {"since_0": "2", "since_1": "1", "since_2": "2026", "until_0": "1", "until_1": "1",
         "until_2": "2026"},
    ).content.decode()  # fmt: skip
    assert "The end date must be on or after the start date" in backwards


def test_dates_and_moments_in_an_events_detail_are_said_in_words() -> None:
    from righthelp.audit.selectors import detail_lines

    lines = detail_lines(
        {"expires_at": "2026-11-30T04:29:51.596766+00:00", "due_on": "2026-12-01", "step": "ask"}
    )
    assert lines == ["Expires at: 30 Nov 2026, 04:29", "Due on: 1 Dec 2026", "Step: ask"]
