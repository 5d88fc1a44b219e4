"""Backing up and restoring the whole database, with the audit log's chain checked.

A backup is one zip file: ``manifest.json`` (the engine, when, each table's row count, and the
audit log's event count and last hash, all read from the same snapshot as the data) and the
data: ``database.dump`` from ``pg_dump --format=custom`` on PostgreSQL, ``database.sqlite3``
made with SQLite's backup API. A restore goes into an empty database only, then checks the
restored log's hash chain end to end (a backup of a broken chain is still made, marked so: it
may be the evidence) and that it ends at the manifest's last hash with the
same number of events, and every table's row count, so a backup cut short or edited on the
way does not pass as whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.db import connections

from righthelp.core.audit_chain import ChainEvent, ChainReport, first_broken_link

FORMAT = 1
CHAIN_QUERY = (
    "SELECT id, at, actor_id, action, record_type, record_id, family_id, detail, hash"
    " FROM audit_auditevent ORDER BY id"
)
TABLES = {
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'"
    " AND name NOT LIKE 'sqlite_%' ORDER BY 1",
}


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    format: int
    engine: str
    made_at: str
    tables: dict[str, int]
    audit_events: int
    audit_last_hash: str
    # The first broken link when the backup was made (None: intact). A backup is still made
    # (it may be the evidence), and the restore must find the same.
    audit_broken_at: int | None


# The checks read the database through its driver, not Django's models, so that they work
# on any database (a backup's copy, a restore's target) whatever Django is connected to.
Raw = Any  # a DB-API connection: sqlite3 or psycopg


def _chain_event(vendor: str, row: tuple[Any, ...]) -> ChainEvent:
    id_, at, actor_id, action, record_type, record_id, family_id, detail, hash_ = row
    if vendor == "sqlite":  # Django keeps UTC text, hex UUIDs and JSON text there
        at = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC)
        family_id = str(uuid.UUID(family_id)) if family_id else None
        detail = json.loads(detail)
    else:
        family_id = str(family_id) if family_id else None
    return ChainEvent(id_, at, actor_id, action, record_type, record_id, family_id, detail, hash_)


def raw_chain_report(vendor: str, raw: Raw) -> ChainReport:
    cursor = raw.cursor()
    cursor.execute(CHAIN_QUERY)
    from righthelp.audit.chain_key import chain_key

    return first_broken_link((_chain_event(vendor, row) for row in cursor), chain_key())


def table_names(vendor: str, raw: Raw) -> list[str]:
    cursor = raw.cursor()
    cursor.execute(TABLES[vendor])
    return [row[0] for row in cursor.fetchall()]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_counts(vendor: str, raw: Raw) -> dict[str, int]:
    counts = {}
    cursor = raw.cursor()
    for table in table_names(vendor, raw):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 -- names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _manifest(vendor: str, raw: Raw) -> Manifest:
    report = raw_chain_report(vendor, raw)
    return Manifest(
        format=FORMAT,
        engine=vendor,
        made_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        tables=_table_counts(vendor, raw),
        audit_events=report.events,
        audit_last_hash=report.last_hash,
        audit_broken_at=report.broken.event_id if report.broken else None,
    )


def vendor_of(settings: dict[str, Any]) -> str:
    engine = str(settings["ENGINE"])
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"no backup for {engine}")


def connect(settings: dict[str, Any]) -> Raw:
    """A driver connection to the database these Django settings describe."""
    if vendor_of(settings) == "sqlite":
        Path(str(settings["NAME"])).parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(str(settings["NAME"]))
    import psycopg

    return psycopg.connect(
        dbname=str(settings["NAME"]),
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        autocommit=True,
    )


def _libpq(settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore (password in the env)."""
    args = ["--dbname", str(settings["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args += [flag, str(settings[key])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 -- fixed tool, our arguments
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backup(out: Path, *, settings: dict[str, Any] | None = None) -> Manifest:
    """Write a backup of the database (Django's by default) to ``out``, a zip file."""
    settings = settings or connections["default"].settings_dict
    vendor = vendor_of(settings)
    with tempfile.TemporaryDirectory(prefix="righthelp-backup-") as work:
        if vendor == "postgresql":
            data = Path(work) / "database.dump"
            args, env = _libpq(settings)
            # The manifest and the dump read the same snapshot of the database.
            with connect(settings) as raw:
                raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                snapshot = raw.execute("SELECT pg_export_snapshot()").fetchone()[0]
                manifest = _manifest(vendor, raw)
                _run(
                    [
                        _tool("pg_dump"),
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        "--file",
                        str(data),
                        *args,
                    ],
                    env,
                )
        else:
            data = Path(work) / "database.sqlite3"
            copy = sqlite3.connect(data)
            try:
                if settings is connections["default"].settings_dict:
                    # Django's own connection: the one that sees an in-memory database.
                    connections["default"].ensure_connection()
                    connections["default"].connection.backup(copy)
                else:
                    source = connect(settings)
                    source.backup(copy)
                    source.close()
                manifest = _manifest(vendor, copy)
            finally:
                copy.close()
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(asdict(manifest), indent=2))
            archive.write(data, data.name)
        partial.replace(out)
    return manifest


def read_manifest(archive: zipfile.ZipFile) -> Manifest:
    try:
        raw: dict[str, Any] = json.loads(archive.read("manifest.json"))
        manifest = Manifest(**raw)
    except (KeyError, ValueError, TypeError) as error:
        raise BackupError(f"not a Right Help backup: {error}") from None
    if manifest.format != FORMAT:
        raise BackupError(f"backup format {manifest.format}, this version reads {FORMAT}")
    return manifest


def restore(source: Path, *, settings: dict[str, Any] | None = None) -> Manifest:
    """Restore the backup ``source`` into the database (Django's by default), which must be
    empty, then check the audit chain and the row counts against the backup's manifest."""
    settings = settings or connections["default"].settings_dict
    vendor = vendor_of(settings)
    with connect(settings) as raw:
        if table_names(vendor, raw):
            raise BackupError(f"database {settings['NAME']} is not empty: restore into a new one")
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"cannot read {source}: {error}") from None
    with archive, tempfile.TemporaryDirectory(prefix="righthelp-restore-") as work:
        manifest = read_manifest(archive)
        if manifest.engine != vendor:
            raise BackupError(f"a {manifest.engine} backup cannot go into {vendor}")
        if vendor == "postgresql":
            data = Path(archive.extract("database.dump", work))
            args, env = _libpq(settings)
            _run(
                [
                    _tool("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    *args,
                    str(data),
                ],
                env,
            )
        else:
            data = Path(archive.extract("database.sqlite3", work))
            copy, target = sqlite3.connect(data), connect(settings)
            try:
                copy.backup(target)
            finally:
                copy.close()
                target.close()
    with connect(settings) as raw:
        report = raw_chain_report(vendor, raw)
        counts = _table_counts(vendor, raw)
    broken_at = report.broken.event_id if report.broken else None
    if broken_at != manifest.audit_broken_at:
        raise BackupError(
            f"restored, but the audit log's chain is broken at event {broken_at}: "
            f"{report.broken.reason if report.broken else ''}"
            if broken_at
            else "restored, but the backup recorded a broken audit chain and this one is whole"
        )
    if (report.events, report.last_hash) != (manifest.audit_events, manifest.audit_last_hash):
        raise BackupError(
            f"restored, but the audit log has {report.events} events ending {report.last_hash[:12]}"
            f"; the backup recorded {manifest.audit_events} ending {manifest.audit_last_hash[:12]}"
        )
    if differ := sorted(t for t in manifest.tables if counts.get(t) != manifest.tables[t]):
        raise BackupError(
            f"restored, but row counts differ from the backup in: {', '.join(differ)}"
        )
    return manifest
