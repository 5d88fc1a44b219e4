"""`righthelp backup` then `righthelp restore` into an empty database gives back every table,
row for row, with the audit log's chain intact and ending where the backup said."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from psycopg import sql

from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.cli import main
from righthelp.config.backup import (
    BackupError,
    Raw,
    backup,
    connect,
    raw_chain_report,
    restore,
    table_names,
)
from righthelp.conftest import Cast
from righthelp.plans.services import plan_criterion_add, plan_start


@pytest.fixture
def records(cast: Cast) -> None:
    """A family with a plan, and audit events about it."""
    plan = plan_start(family=cast.family, by=cast.alice)
    plan_criterion_add(plan=plan, by=cast.alice, criterion_id="6.2", person=cast.child)
    for _ in range(3):
        audit(actor=cast.bob, action=Action.VIEWED, record_type="family", record_id=cast.family.pk)


def every_row(raw: Raw) -> dict[str, list[tuple[object, ...]]]:
    vendor = connection.vendor
    tables: dict[str, list[tuple[object, ...]]] = {}
    cursor = raw.cursor()
    for table in table_names(vendor, raw):
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 -- names from the catalogue
        tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


def the_source(tmp_path: Path) -> Raw:
    """The test database through its plain driver (SQLite's is in memory, and Django's
    connection to it converts types: read a page-for-page copy instead)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        plain = sqlite3.connect(tmp_path / "source.sqlite3")
        connection.connection.backup(plain)
        return plain
    return connect(connection.settings_dict)


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[dict[str, Any]]:
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings["NAME"] = str(tmp_path / "restored" / "righthelp.sqlite3")
        yield settings
        return
    settings["NAME"] = f"{settings['NAME']}_restored"
    admin = connect({**settings, "NAME": "postgres"})
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(settings["NAME"])
    )
    admin.execute(drop)
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"])))
    try:
        yield settings
    finally:
        admin.execute(drop)
        admin.close()


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_gives_back_every_table(
    records: None, tmp_path: Path
) -> None:
    made = backup(tmp_path / "backup.zip")
    assert made.audit_broken_at is None and made.audit_events >= 4
    with empty_database(tmp_path) as target:
        restored = restore(tmp_path / "backup.zip", settings=target)
        assert restored == made
        raw = connect(target)
        report = raw_chain_report(connection.vendor, raw)
        assert report.broken is None
        assert (report.events, report.last_hash) == (made.audit_events, made.audit_last_hash)
        source_rows, restored_rows = every_row(the_source(tmp_path)), every_row(raw)
        assert "audit_auditevent" in restored_rows and "families_family" in restored_rows
        assert restored_rows == source_rows
        raw.close()
        with pytest.raises(BackupError, match="not empty"):
            restore(tmp_path / "backup.zip", settings=target)


@pytest.mark.django_db(transaction=True)
def test_a_backup_cut_short_of_its_audit_events_is_refused(records: None, tmp_path: Path) -> None:
    backup(tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as original:
        manifest = json.loads(original.read("manifest.json"))
        data = next(name for name in original.namelist() if name != "manifest.json")
        with zipfile.ZipFile(tmp_path / "edited.zip", "w") as edited:
            manifest["audit_events"] += 1  # the file says there was one more event
            edited.writestr("manifest.json", json.dumps(manifest))
            edited.writestr(data, original.read(data))
    with empty_database(tmp_path) as target, pytest.raises(BackupError, match="backup recorded"):
        restore(tmp_path / "edited.zip", settings=target)


@pytest.mark.django_db(transaction=True)
def test_the_commands(records: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", str(tmp_path / "nightly.zip")]) == 0
    assert "audit log" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "nightly.zip")]) == 2  # into a database in use
    assert "is not empty: restore into a new one" in capsys.readouterr().err
