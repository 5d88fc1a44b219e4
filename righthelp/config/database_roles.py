"""Two PostgreSQL roles: the owner, who runs migrations, and the application's role, which
may read and write the records but only INSERT and SELECT on the audit log.

The owner makes and alters tables (``RIGHTHELP_MIGRATE_DATABASE_URL``); the web app and the
API connect as the application's role (``DATABASE_URL``). The application's role owns
nothing, so it cannot drop or disable the audit log's triggers either. ``grant_statements``
is what ``righthelp db roles`` runs (or prints) as the owner; default privileges give the
application's role the same rights on tables later migrations make.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

AUDIT_TABLE = "audit_auditevent"
# What the application may do to the audit log; the rest (UPDATE, DELETE, TRUNCATE,
# REFERENCES, TRIGGER) it may not.
AUDIT_RIGHTS = ("SELECT", "INSERT")
MAY_CHANGE_THE_LOG = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER")


def _quote(name: str) -> str:
    from psycopg import sql

    return sql.Identifier(name).as_string(connection.connection)


def _literal(value: str) -> str:
    from psycopg import sql

    return sql.Literal(value).as_string(connection.connection)


def grant_statements(app_role: str, *, create: bool, password: str | None) -> list[str]:
    """SQL, run as the owner of the tables, that makes ``app_role`` what the app needs."""
    connection.ensure_connection()
    role = _quote(app_role)
    database = _quote(str(connection.settings_dict["NAME"]))
    statements: list[str] = []
    if create:
        statements.append(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            f"{_literal(app_role)}) THEN CREATE ROLE {role} LOGIN; END IF; END $$"
        )
    if password:
        statements.append(f"ALTER ROLE {role} LOGIN PASSWORD {_literal(password)}")
    statements += [
        f"GRANT CONNECT ON DATABASE {database} TO {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"REVOKE ALL ON {AUDIT_TABLE} FROM {role}",
        f"GRANT {', '.join(AUDIT_RIGHTS)} ON {AUDIT_TABLE} TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]
    return statements


def apply(statements: list[str]) -> None:
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def audit_log_rights_of_current_role() -> dict[str, Any]:
    """Whether the role this connection uses could change or empty the audit log."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, rolsuper, pg_get_userbyid(c.relowner) = current_user"
            " FROM pg_roles r, pg_class c"
            " WHERE r.rolname = current_user AND c.oid = %s::regclass",
            [AUDIT_TABLE],
        )
        user, superuser, owner = cursor.fetchone()
        rights = []
        for right in MAY_CHANGE_THE_LOG:
            cursor.execute("SELECT has_table_privilege(%s, %s)", [AUDIT_TABLE, right])
            if cursor.fetchone()[0]:
                rights.append(right)
    return {"role": user, "superuser": superuser, "owner": owner, "rights": rights}
