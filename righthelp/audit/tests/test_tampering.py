"""Attacks on the audit log, and how each is refused or found.

The application's database role cannot change, delete or empty the log (PostgreSQL
privileges); the table's owner can get round the triggers, but every event is chained by
hash to the one before it, so `righthelp audit verify` names the first event an edit, a
removal or a back-dated insert broke. There is no purge path in a migrated database.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test import override_settings
from django.utils import timezone

from righthelp.audit.chain_key import audit_key_set, chain_key
from righthelp.audit.checks import audit_log_out_of_the_apps_reach, audit_log_triggers_in_place
from righthelp.audit.models import Action, AuditEvent
from righthelp.audit.selectors import as_chain_event, chain_report
from righthelp.audit.services import audit
from righthelp.audit.testing import _override
from righthelp.cli import main
from righthelp.config.backup import raw_chain_report
from righthelp.config.database_roles import grant_statements
from righthelp.conftest import Cast
from righthelp.core.audit_chain import link_hash

migration_0003 = import_module("righthelp.audit.migrations.0003_hash_chain_no_purge_path")


@pytest.fixture
def events(cast: Cast) -> list[AuditEvent]:
    _override(False)
    return [
        audit(
            actor=cast.alice,
            action=Action.VIEWED,
            record_type="family_overview",
            record_id=cast.family.pk,
            family_id=cast.family.pk,
            detail={"n": n, "fields": ["name"]},
        )
        for n in range(4)
    ]


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def as_the_tables_owner(events: list[AuditEvent]) -> Iterator[None]:
    """The owner of the table can take the triggers off (rolled back with the test)."""
    if connection.vendor == "postgresql":
        _sql("SET CONSTRAINTS ALL IMMEDIATE")  # no foreign key checks left pending
        _sql("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
    else:
        _sql("DROP TRIGGER audit_event_no_update")
        _sql("DROP TRIGGER audit_event_no_delete")
    yield


def test_an_untouched_log_verifies(
    events: list[AuditEvent], capsys: pytest.CaptureFixture[str]
) -> None:
    report = chain_report()
    assert report.broken is None
    assert report.events == AuditEvent.objects.count() >= 4
    assert report.last_hash == AuditEvent.objects.order_by("-id").first().hash  # type: ignore[union-attr]
    assert main(["audit", "verify"]) == 0
    assert "Audit log intact" in capsys.readouterr().out


def test_an_edited_event_is_found(
    events: list[AuditEvent], as_the_tables_owner: None, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = events[1]
    _sql("UPDATE audit_auditevent SET action = 'exported' WHERE id = %s", [edited.pk])
    broken = chain_report().broken
    assert broken is not None
    assert broken.event_id == edited.pk
    assert main(["audit", "verify"]) == 1
    assert f"BROKEN at event {edited.pk} " in capsys.readouterr().out


def test_a_removed_event_is_found_at_the_one_after_it(
    events: list[AuditEvent], as_the_tables_owner: None
) -> None:
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    broken = chain_report().broken
    assert broken is not None
    assert broken.event_id == events[3].pk


def test_a_back_dated_insert_is_found_even_with_a_well_made_hash(
    events: list[AuditEvent], capsys: pytest.CaptureFixture[str]
) -> None:
    """Made by someone who holds the audit key, even: the date gives it away."""
    forged = AuditEvent(
        at=timezone.now() - dt.timedelta(days=30),
        action=Action.SIGNED_OUT,
        record_type="session",
        detail={},
    )
    forged.hash = link_hash(events[-1].hash, as_chain_event(forged), chain_key())
    forged.save()  # adding is what the log allows
    broken = chain_report().broken
    assert broken is not None
    assert broken.event_id == forged.pk
    assert "back-dated" in broken.reason
    assert main(["audit", "verify", "--format", "json"]) == 1
    assert f'"id": {forged.pk}' in capsys.readouterr().out


def test_an_event_appended_without_the_audit_key_is_found(
    events: list[AuditEvent], capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone with INSERT on the table who knows the algorithm but not the key appends a
    plausible event, dated now, with a well-made bare SHA-256 link."""
    assert chain_report().keyed_from is not None  # this log is keyed from its first event
    forged = AuditEvent(at=timezone.now(), action=Action.VIEWED, record_type="family", detail={})
    forged.hash = link_hash(events[-1].hash, as_chain_event(forged))
    forged.save()
    broken = chain_report().broken
    assert broken is not None and broken.event_id == forged.pk
    assert "without the audit key" in broken.reason
    # Guessing at a key does no better.
    forged_too = AuditEvent(at=timezone.now(), action=Action.VIEWED, record_type="family")
    forged_too.hash = link_hash(forged.hash, as_chain_event(forged_too), b"a guessed key")
    forged_too.save()
    assert chain_report().broken.event_id == forged.pk  # type: ignore[union-attr]
    assert main(["audit", "verify"]) == 1
    assert "BROKEN" in capsys.readouterr().out


def test_a_different_key_does_not_verify_the_log(events: list[AuditEvent]) -> None:
    with override_settings(RIGHTHELP_AUDIT_KEY="another-key-" + "x" * 40):
        broken = chain_report().broken
    first = AuditEvent.objects.order_by("id").first()
    assert broken is not None and first is not None and broken.event_id == first.pk
    assert "audit key given is not the one" in broken.reason
    assert chain_report().broken is None


def test_production_without_an_audit_key_stops_at_the_checks() -> None:
    with override_settings(RIGHTHELP_AUDIT_KEY_REQUIRED=True, RIGHTHELP_AUDIT_KEY=""):
        assert [e.id for e in audit_key_set(None)] == ["righthelp.E006"]
        assert chain_key() is None
    with override_settings(RIGHTHELP_AUDIT_KEY_REQUIRED=True, RIGHTHELP_AUDIT_KEY="short"):
        assert [e.id for e in audit_key_set(None)] == ["righthelp.E006"]
    with override_settings(RIGHTHELP_AUDIT_KEY_REQUIRED=True, RIGHTHELP_AUDIT_KEY="k" * 40):
        assert audit_key_set(None) == []
        assert chain_key() == b"k" * 40


def test_an_insert_that_skips_the_chain_is_found(events: list[AuditEvent]) -> None:
    _sql(
        "INSERT INTO audit_auditevent (at, action, record_type, record_id, detail, hash)"
        " VALUES (%s, 'viewed', 'family', '', '{}', '')",
        [timezone.now()],
    )
    broken = chain_report().broken
    assert broken is not None
    assert broken.event_id == AuditEvent.objects.order_by("-id").first().pk  # type: ignore[union-attr]


def test_a_migrated_database_has_no_purge_path(events: list[AuditEvent]) -> None:
    """What migration 0003 leaves: no override table, and deletes refused outright (the test
    suite's own purge path, added after migrating, is taken away here and rolled back)."""
    editor = SimpleNamespace(connection=connection, execute=_sql)
    migration_0003.drop_old_triggers(None, editor)
    migration_0003.create_triggers(None, editor)
    assert "audit_purge_override" not in connection.introspection.table_names()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql("DELETE FROM audit_auditevent")
    if connection.vendor == "postgresql":
        _sql("SET CONSTRAINTS ALL IMMEDIATE")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _sql("TRUNCATE audit_auditevent CASCADE")
    assert chain_report().broken is None


@pytest.fixture
def as_the_apps_role(events: list[AuditEvent]) -> Iterator[str]:
    """A role made by `righthelp db roles`, this connection acting as it (rolled back)."""
    if connection.vendor != "postgresql":
        pytest.skip("database roles are PostgreSQL's")
    role = f"{connection.settings_dict['NAME']}_app"
    _sql(f'CREATE ROLE "{role}" NOLOGIN')
    for statement in grant_statements(role, create=False, password=None):
        _sql(statement)
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    _sql(f'SET ROLE "{role}"')
    yield role
    _sql("RESET ROLE")


@pytest.mark.parametrize(
    "attack",
    [
        "UPDATE audit_auditevent SET action = 'exported'",
        "DELETE FROM audit_auditevent",
        "TRUNCATE audit_auditevent",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER USER",
        "DROP TRIGGER audit_event_no_change ON audit_auditevent",
        "DROP TABLE audit_auditevent CASCADE",
    ],
)
def test_the_apps_role_cannot_change_or_empty_the_log(as_the_apps_role: str, attack: str) -> None:
    with (
        pytest.raises(DatabaseError, match=r"permission denied|must be owner"),
        transaction.atomic(),
    ):
        _sql(attack)


def test_the_apps_role_still_writes_records_and_adds_to_the_log(
    as_the_apps_role: str, cast: Cast
) -> None:
    before = AuditEvent.objects.count()
    cast.family.refresh_from_db()
    _sql("UPDATE families_family SET version = version + 1 WHERE id = %s", [cast.family.pk])
    audit(actor=cast.alice, action=Action.CHANGED, record_type="family", record_id=cast.family.pk)
    assert AuditEvent.objects.count() == before + 1
    assert chain_report().broken is None
    assert audit_log_out_of_the_apps_reach(None, databases=["default"]) == []


def test_the_deploy_check_warns_when_the_app_could_change_the_log(events: list[AuditEvent]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("database roles are PostgreSQL's")
    [warning] = audit_log_out_of_the_apps_reach(None, databases=["default"])
    assert warning.id == "righthelp.W004"


@pytest.mark.django_db(transaction=True)
def test_events_written_at_once_from_many_connections_keep_one_chain(cast: Cast) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write lock serialises writers; threads need PostgreSQL here")
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(15):
                with transaction.atomic():
                    audit(
                        actor=cast.alice,
                        action=Action.VIEWED,
                        record_type="family_overview",
                        record_id=cast.family.pk,
                        detail={"thread": n, "i": i},
                    )
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    report = chain_report()
    assert report.broken is None
    assert AuditEvent.objects.filter(detail__has_key="thread").count() == 60


def test_a_missing_or_disabled_trigger_stops_the_checks(as_the_tables_owner: None) -> None:
    [error] = audit_log_triggers_in_place(None, databases=["default"])
    assert error.id == "righthelp.E005"


def test_the_triggers_are_in_place_after_migrating(events: list[AuditEvent]) -> None:
    assert audit_log_triggers_in_place(None, databases=["default"]) == []


def test_a_migrate_puts_lost_triggers_back(events: list[AuditEvent]) -> None:
    """As after a migration that rebuilt the table (SQLite does, e.g. for a new Action)."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    if connection.vendor == "postgresql":
        _sql("SET CONSTRAINTS ALL IMMEDIATE")
        _sql("DROP TRIGGER audit_event_no_change ON audit_auditevent")
    else:
        _sql("DROP TRIGGER audit_event_no_update")
    assert audit_log_triggers_in_place(None, databases=["default"])
    audit_app = apps.get_app_config("audit")
    post_migrate.send(
        sender=audit_app, app_config=audit_app, using="default", verbosity=0, apps=apps
    )
    assert audit_log_triggers_in_place(None, databases=["default"]) == []
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql("UPDATE audit_auditevent SET action = 'exported'")


@pytest.mark.django_db(transaction=True)
def test_sqlite_writers_in_separate_processes_keep_one_chain(
    events: list[AuditEvent], tmp_path: Path
) -> None:
    """SQLite's path: each audit() takes the database's write lock at BEGIN (IMMEDIATE)."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's path is the threaded test above")
    shared = tmp_path / "shared.sqlite3"
    copy = sqlite3.connect(shared)
    connection.connection.backup(copy)
    copy.close()
    script = (
        "import django\ndjango.setup()\n"
        "from righthelp.audit.models import Action\n"
        "from righthelp.audit.services import audit\n"
        "for i in range(20):\n"
        "    audit(actor=None, action=Action.VIEWED, record_type='family', detail={'i': i})\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "righthelp.config.settings.test",
        "DATABASE_URL": f"sqlite:///{shared}",
    }
    writers = [subprocess.Popen([sys.executable, "-c", script], env=env) for _ in range(3)]  # noqa: S603
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0, 0]
    raw = sqlite3.connect(shared)
    report = raw_chain_report("sqlite", raw)
    assert report.broken is None
    assert report.events == raw.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()[0]
    assert report.events == AuditEvent.objects.count() + 60
