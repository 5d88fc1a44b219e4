from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "righthelp.audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from righthelp.audit import chain_key, checks  # noqa: F401 -- registers the checks

        post_migrate.connect(_triggers_back_in_place, sender=self)


def _triggers_back_in_place(using: str = "default", **kwargs: Any) -> None:
    """After every migrate: if a migration rebuilt the audit table and so dropped its
    triggers (SQLite rebuilds tables for most changes), make them again. Triggers that are
    there are left alone, and so is an audit app not yet migrated to its end: its own
    migrations make the triggers, and would fail on ones made early."""
    from importlib import import_module

    from django.db import connections

    from righthelp.audit.checks import TRIGGERS, audit_migrated

    connection = connections[using]
    if connection.vendor not in TRIGGERS:
        return
    if "audit_auditevent" not in connection.introspection.table_names():
        return
    if not audit_migrated(connection):
        return
    query, wanted = TRIGGERS[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(query, ["audit_auditevent"])
        if wanted <= {row[0] for row in cursor.fetchall()}:
            return
        migration = import_module("righthelp.audit.migrations.0003_hash_chain_no_purge_path")
        if connection.vendor == "sqlite":
            statements = [
                s.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS")
                for s in migration.SQLITE
            ]
        else:
            statements = [
                s.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION").replace(
                    "CREATE TRIGGER", "CREATE OR REPLACE TRIGGER"
                )
                for s in migration.POSTGRESQL
            ]
        for statement in statements:
            cursor.execute(statement)
