"""The chain's lock and its last event in one round trip on PostgreSQL (ADR 0042).

Writing an event took the advisory lock in one statement and read the last event's hash in
the next: two round trips on every audited page. They could not be one plain statement: in
READ COMMITTED a statement's snapshot is taken when it starts, before the lock is granted,
so a plain ``SELECT pg_advisory_xact_lock(...), (SELECT hash ...)`` could miss an event
committed while it waited and fork the chain. A VOLATILE PL/pgSQL function takes a fresh
snapshot for each statement it runs, so the read after the lock sees every event committed
before the lock was granted: the same guarantee in one round trip. SQLite has no use for it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE FUNCTION audit_chain_tail(lock_key bigint)
RETURNS TABLE (last_hash text, last_at timestamptz, locked_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  -- A new statement, so a new snapshot (VOLATILE, READ COMMITTED): taken after the lock.
  RETURN QUERY
    SELECT last.hash::text, last.at, clock_timestamp()
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT e.hash, e.at FROM audit_auditevent e ORDER BY e.id DESC LIMIT 1
    ) AS last ON true;
END; $$
"""
DROP = "DROP FUNCTION IF EXISTS audit_chain_tail(bigint)"


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_merge_20261129_2156")]

    operations = [migrations.RunPython(create, drop)]
