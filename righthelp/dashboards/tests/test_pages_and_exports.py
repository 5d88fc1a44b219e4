"""Dashboards through HTTP: who may open them, what the exports hold, that every export
is audited, and that the page costs the same queries however many families there are."""

from __future__ import annotations

import csv
import io
from io import BytesIO

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from righthelp.accounts.models import Role
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.dashboards.tests.known import at, complete, known_families
from righthelp.testing.factories import add_person, make_family, make_user, team

PERIOD = "start_0=1&start_1=2&start_2=2025&end_0=31&end_1=5&end_2=2025"

URLS = [
    reverse("dashboards:index"),
    reverse("dashboards:report"),
    reverse("dashboards:export", args=["families-by-level", "csv"]),
    reverse("dashboards:export", args=["families-by-outcome", "xlsx"]),
    reverse("dashboards:export", args=["level-movement", "csv"]) + "?audience=outside",
]


@pytest.fixture
def known(cast: Cast) -> Cast:
    known_families(cast)
    return cast


def _csv(response: object) -> list[list[str]]:
    content: bytes = response.content  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("who", ["alice", "charlie", "erin"])
def test_practitioners_and_administrators_have_no_dashboards(
    client: Client, cast: Cast, url: str, who: str
) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(url).status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORTED).exists()


@pytest.mark.parametrize("url", URLS)
def test_anonymous_people_are_sent_to_sign_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_partnership_report_is_for_analysts_not_managers(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)
    assert client.get(reverse("dashboards:report")).status_code == 403


def test_an_analyst_of_another_partnership_sees_none_of_this_partnerships_families(
    client: Client, known: Cast
) -> None:
    elsewhere = make_user(
        "zara", role=Role.ANALYST, team_=team("Business unit", "Partnership", slug="elsewhere")
    )
    client.force_login(elsewhere)
    rows = _csv(client.get(reverse("dashboards:export", args=["families-by-level", "csv"])))
    assert [row for row in rows if row and row[0] == "Not yet assessed"] == [
        ["Not yet assessed", "0"]
    ]
    header = rows.index(["Level of need", "Families"])
    assert all(row[1] == "0" for row in rows[header + 1 :])


def test_the_analyst_lands_on_the_dashboards_and_sees_counts_not_families(
    client: Client, known: Cast
) -> None:
    client.force_login(known.dana)
    assert client.get(reverse("families:home"))["Location"] == reverse("dashboards:index")
    page = client.get(reverse("dashboards:index") + "?" + PERIOD)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Families by current level of need" in html
    assert "Movement between levels of need" in html
    assert "<svg" in html and 'role="img"' in html
    for name in ("Amber", "Birch", "Cedar", "Dale", "Ash household"):
        assert name not in html
    assert str(known.family.pk) not in html
    assert "1 February 2025 to 31 May 2025" in html


def test_a_manager_downloads_exact_counts_for_the_partnership(client: Client, known: Cast) -> None:
    client.force_login(known.bob)
    response = client.get(reverse("dashboards:export", args=["families-by-level", "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="families-by-level-partnership-'
    )
    rows = _csv(response)
    assert rows[1][0].startswith("Exact counts, for use within the partnership only.")
    assert ["Families: The families you may see: your team's families."] in rows
    assert ["3. Getting Help", "1"] in rows
    assert ["Not yet assessed", "2"] in rows
    event = AuditEvent.objects.get(action=Action.EXPORTED)
    assert (event.actor, event.record_type, event.record_id) == (
        known.bob,
        "dashboard_export",
        "families-by-level",
    )
    assert event.detail == {
        "table": "families-by-level",
        "format": "csv",
        "audience": "partnership",
        "partnership_wide": False,
    }
    assert event.family_id is None


def test_exports_for_sharing_outside_suppress_small_counts(client: Client, known: Cast) -> None:
    client.force_login(known.dana)
    url = reverse("dashboards:export", args=["level-movement", "xlsx"])
    response = client.get(f"{url}?{PERIOD}&audience=outside")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == (
        "For sharing outside the partnership: counts of families from 1 to 4 are shown as <5."
    )
    assert [v for v in values[3] if v] == ["Period: 1 February 2025 to 31 May 2025."]
    header = next(i for i, row in enumerate(values) if row[0] == "Level at the start")
    body = {row[0]: row[1:] for row in values[header + 1 :]}
    assert body["Not yet assessed"] == [0, "<5", 0, "<5", 0]
    assert body["2. Getting Advice"] == [0, "<5", 0, 0, 0]
    event = AuditEvent.objects.get(action=Action.EXPORTED)
    assert event.detail["audience"] == "outside"
    assert event.detail["period"] == ["2025-02-01", "2025-05-31"]


def test_the_partnership_threshold_sets_what_is_suppressed(client: Client, known: Cast) -> None:
    partnership = known.dana.partnership
    assert partnership is not None
    partnership.small_number_threshold = 2
    partnership.save(update_fields=["small_number_threshold"])
    client.force_login(known.dana)
    url = reverse("dashboards:export", args=["families-by-level", "csv"]) + "?audience=outside"
    rows = _csv(client.get(url))
    assert ["Not yet assessed", "2"] in rows
    assert ["3. Getting Help", "<2"] in rows


@pytest.mark.parametrize(
    "url",
    [
        reverse("dashboards:export", args=["no-such-table", "csv"]),
        reverse("dashboards:export", args=["families-by-level", "pdf"]),
        reverse("dashboards:export", args=["families-by-level", "csv"]) + "?audience=everyone",
    ],
)
def test_unknown_tables_formats_and_audiences_are_not_found(
    client: Client, cast: Cast, url: str
) -> None:
    client.force_login(cast.dana)
    assert client.get(url).status_code == 404


def test_the_partnership_report_is_a_suppressed_pdf_and_is_audited(
    client: Client, known: Cast
) -> None:
    from righthelp.downloads.models import PreparedFile
    from righthelp.downloads.services import prepared_file_build

    client.force_login(known.dana)
    asked = client.get(reverse("dashboards:report") + "?" + PERIOD)
    assert "Prepare the report" in asked.content.decode()
    response = client.post(reverse("dashboards:report") + "?" + PERIOD)
    prepared = PreparedFile.objects.get()
    assert response["Location"] == reverse("downloads:status", args=[prepared.pk])
    assert prepared.params["start"] and prepared.family_id is None
    prepared_file_build(file_id=prepared.pk)  # the worker
    response = client.get(reverse("downloads:file", args=[prepared.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "partnership report" in text
    assert "counts of families from 1 to 4 are shown as <5" in text
    assert "Not yet assessed" in text
    assert "Amber" not in text
    event = AuditEvent.objects.get(action=Action.EXPORTED, record_type="partnership_report")
    assert event.detail["audience"] == "outside"
    handed = AuditEvent.objects.get(action=Action.EXPORTED, record_type="prepared_file")
    assert handed.actor == known.dana and handed.detail["kind"] == "partnership_report"


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_dashboard_costs_the_same_queries_for_more_families(
    client: Client, known: Cast
) -> None:
    client.force_login(known.dana)
    url = reverse("dashboards:index") + "?" + PERIOD
    small = _queries(client, url)
    for index in range(8):
        family = make_family(known.alice, f"Extra household {index}")
        add_person(family, known.alice, "Kit")
        complete(family, known.alice, {"eyd-10": 2, "fin-03": 10}, 2 + index % 3, at(2025, 4, 1))
    assert _queries(client, url) == small
    assert small <= 17  # one query per figure, decisions awaiting sign-off included
