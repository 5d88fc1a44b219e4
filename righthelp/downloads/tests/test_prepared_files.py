"""Prepared downloads: asked for on a page, prepared by the worker, shown as being prepared
(with a button to check again, no JavaScript), handed only to the person who asked (audited),
then deleted by the worker after the stated time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import Role
from righthelp.audit.models import Action, AuditEvent
from righthelp.cli import main
from righthelp.conftest import Cast
from righthelp.downloads.models import PreparedFile, PreparedKind, PreparedStatus
from righthelp.downloads.services import (
    prepared_file_build,
    prepared_file_request,
    prepared_files_delete_expired,
    stored_path,
)
from righthelp.testing.factories import make_user

PERIOD = {"start": "2025-02-01", "end": "2025-05-31"}


def _report(cast: Cast) -> PreparedFile:
    return prepared_file_request(by=cast.dana, kind=PreparedKind.PARTNERSHIP_REPORT, params=PERIOD)


def test_the_page_says_it_is_being_prepared_and_offers_to_check_again(
    cast: Cast, client: Client
) -> None:
    prepared = _report(cast)
    client.force_login(cast.dana)
    page = client.get(reverse("downloads:status", args=[prepared.pk])).content.decode()
    assert "Being prepared" in page
    assert "Check again" in page
    assert client.get(reverse("downloads:file", args=[prepared.pk])).status_code == 404

    assert prepared_file_build(file_id=prepared.pk) == PreparedStatus.READY
    page = client.get(reverse("downloads:status", args=[prepared.pk])).content.decode()
    assert "Check again" not in page
    assert "Ready" in page and "Only you can download it" in page
    prepared.refresh_from_db()
    assert prepared.expires_at == prepared.ready_at + dt.timedelta(hours=24)  # type: ignore[operator]
    assert prepared.file_name.startswith("partnership-report-")
    assert stored_path(prepared).stat().st_mode & 0o777 == 0o600


def test_only_the_person_who_asked_may_download_and_others_are_refused_and_audited(
    cast: Cast, client: Client
) -> None:
    prepared = _report(cast)
    prepared_file_build(file_id=prepared.pk)
    colleague = make_user("dee", role=Role.ANALYST, team_=cast.dana.team)
    for other in (colleague, cast.bob, cast.erin):
        client.force_login(other)
        assert client.get(reverse("downloads:status", args=[prepared.pk])).status_code == 404
        assert client.get(reverse("downloads:file", args=[prepared.pk])).status_code == 404
    refusals = AuditEvent.objects.filter(action=Action.REFUSED, record_type="prepared_file")
    assert refusals.count() == 6
    assert not AuditEvent.objects.filter(record_type="prepared_file", action=Action.EXPORTED)

    client.force_login(cast.dana)
    response = client.get(reverse("downloads:file", args=[prepared.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    handed = AuditEvent.objects.get(record_type="prepared_file", action=Action.EXPORTED)
    assert handed.actor == cast.dana and handed.record_id == str(prepared.pk)


def test_after_its_time_the_worker_deletes_it(cast: Cast, client: Client) -> None:
    prepared = _report(cast)
    prepared_file_build(file_id=prepared.pk)
    path = stored_path(prepared)
    assert path.exists()
    assert prepared_files_delete_expired() == 0
    later = timezone.now() + dt.timedelta(hours=24, seconds=1)
    assert prepared_files_delete_expired(now=later) == 1
    assert not path.exists()
    prepared.refresh_from_db()
    assert prepared.status == PreparedStatus.DELETED
    client.force_login(cast.dana)
    assert (
        "has been deleted"
        in client.get(reverse("downloads:status", args=[prepared.pk])).content.decode()
    )
    assert client.get(reverse("downloads:file", args=[prepared.pk])).status_code == 404


def test_a_file_past_its_time_is_not_handed_over_even_before_the_worker_deletes_it(
    cast: Cast, client: Client
) -> None:
    prepared = _report(cast)
    prepared_file_build(file_id=prepared.pk)
    PreparedFile.objects.filter(pk=prepared.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(cast.dana)
    assert client.get(reverse("downloads:file", args=[prepared.pk])).status_code == 404


def test_a_role_taken_away_before_the_worker_runs_is_respected(cast: Cast) -> None:
    prepared = _report(cast)
    type(cast.dana).objects.filter(pk=cast.dana.pk).update(role=Role.PRACTITIONER)
    assert prepared_file_build(file_id=prepared.pk) == PreparedStatus.FAILED
    prepared.refresh_from_db()
    assert prepared.error == "PermissionDenied"
    assert not stored_path(prepared).exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_prepares_it_and_schedules_its_deletion(
    cast: Cast, client: Client
) -> None:
    from django_tasks_db.models import DBTaskResult

    client.force_login(cast.dana)
    response = client.post(
        reverse("dashboards:report")
        + "?start_0=1&start_1=2&start_2=2025&end_0=31&end_1=5&end_2=2025"
    )
    prepared = PreparedFile.objects.get()
    assert response["Location"] == reverse("downloads:status", args=[prepared.pk])
    call_command("db_worker", "--batch", "--no-startup-delay")
    prepared.refresh_from_db()
    assert prepared.status == PreparedStatus.READY
    [deletion] = DBTaskResult.objects.filter(task_path__endswith="delete_expired_files")
    assert deletion.run_after == prepared.expires_at
    with override_settings(RIGHTHELP_PREPARED_FILE_HOURS=1):
        PreparedFile.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        assert main(["worker", "--batch"]) == 0  # the worker's start sweeps what is due
    prepared.refresh_from_db()
    assert prepared.status == PreparedStatus.DELETED
