"""Checks that need the database (``check --database default``):

- ``righthelp.E005``: the audit log's triggers are in place. A migration that rebuilds the
  table (SQLite rebuilds it for most changes) drops them silently; this says so. Until the
  audit app's migrations have all run there are no triggers to find, and ``migrate`` (which
  runs this check first) must not be stopped from making them.
- ``righthelp.W004`` (``--deploy`` too): on PostgreSQL, the application's database role must
  not be able to change or empty the audit log (``righthelp db roles``)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader


@register(Tags.database, deploy=True)
def audit_log_out_of_the_apps_reach(
    app_configs: Any, databases: Any = None, **kwargs: Any
) -> list[Warning]:
    if not databases or "default" not in databases:
        return []
    if connections["default"].vendor != "postgresql":
        return []
    from righthelp.config.database_roles import audit_log_rights_of_current_role

    try:
        found = audit_log_rights_of_current_role()
    except DatabaseError:
        return []  # not migrated yet: the migration checks say so
    if not (found["superuser"] or found["owner"] or found["rights"]):
        return []
    how = (
        "is a superuser"
        if found["superuser"]
        else "owns the audit table"
        if found["owner"]
        else f"has {', '.join(found['rights'])} on it"
    )
    return [
        Warning(
            f"The application's database role {found['role']!r} can change or empty the "
            f"audit log: it {how}.",
            hint=(
                "Run migrations as the tables' owner (RIGHTHELP_MIGRATE_DATABASE_URL) and "
                "connect the application as a role made by `righthelp db roles`."
            ),
            id="righthelp.W004",
        )
    ]


TRIGGERS = {
    "sqlite": (
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
        {"audit_event_no_update", "audit_event_no_delete"},
    ),
    "postgresql": (
        "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgenabled <> 'D'",
        {"audit_event_no_change", "audit_event_no_truncate"},
    ),
}


def audit_migrated(connection: BaseDatabaseWrapper) -> bool:
    """Whether the audit app's migrations have all run on ``connection``'s database, so
    that its triggers should be there. A fresh database has none: SQLite then answers the
    triggers' query with no rows rather than an error."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return all(leaf in loader.applied_migrations for leaf in loader.graph.leaf_nodes("audit"))


@register(Tags.database)
def audit_log_triggers_in_place(
    app_configs: Any, databases: Any = None, **kwargs: Any
) -> list[Error]:
    if not databases or "default" not in databases:
        return []
    connection = connections["default"]
    if connection.vendor not in TRIGGERS:
        return []
    query, wanted = TRIGGERS[connection.vendor]
    try:
        if not audit_migrated(connection):
            return []  # not migrated yet: the migration checks say so
        with connection.cursor() as cursor:
            cursor.execute(query, ["audit_auditevent"])
            found = {row[0] for row in cursor.fetchall()}
    except DatabaseError:
        return []  # not migrated yet: the migration checks say so
    if missing := sorted(wanted - found):
        return [
            Error(
                f"The audit log's triggers are missing or disabled: {', '.join(missing)}.",
                hint=(
                    "A migration rebuilt audit_auditevent without them, or someone disabled "
                    "them. Re-create them as in audit migration 0003, then run "
                    "`righthelp audit verify`."
                ),
                id="righthelp.E005",
            )
        ]
    return []
