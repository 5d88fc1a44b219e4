"""Test-suite support: a way to empty the audit log, in the test database only.

A deployment's database has no way round the audit log's triggers (migration 0003). The
test suite needs one, for the flush between transactional tests, so after creating its
throwaway database it installs migration 0002's old purge path there: a table no model
maps (so Django's flush never touches it) whose one row turns deletes back on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

SQLITE = [
    "CREATE TABLE IF NOT EXISTS audit_purge_override (reason text NOT NULL)",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_purge_override)
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
POSTGRESQL = [
    "CREATE TABLE IF NOT EXISTS audit_purge_override (reason text NOT NULL)",
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP <> 'UPDATE' AND EXISTS (SELECT 1 FROM audit_purge_override) THEN
           RETURN NULL;
         END IF;
         RAISE EXCEPTION 'audit events are append-only';
       END; $$ LANGUAGE plpgsql""",
]


def install_test_purge_path() -> None:
    """Only ever on a test database: refuses anything whose name does not say so."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "postgresql" and not name.startswith("test_"):
        raise RuntimeError(f"refusing to add a purge path to {name}: not a test database")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Replace the delete trigger only if the migrations left one: a migration that
            # rebuilt the table without its triggers must fail the tests, not be papered over.
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
                " AND name = 'audit_event_no_delete'"
            )
            if cursor.fetchone() is None:
                return
        for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}[connection.vendor]:
            cursor.execute(statement)


def _override(active: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_purge_override")
        if active:
            cursor.execute("INSERT INTO audit_purge_override (reason) VALUES ('test suite flush')")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        install_test_purge_path()


@pytest.fixture
def audit_purge_allowed_at_teardown(transactional_db: None) -> Iterator[None]:
    """Requested by transactional tests: the flush after them may delete audit events."""
    _override(False)
    yield
    _override(True)
