"""`righthelp db roles`: the application's PostgreSQL role, able to read and write records
but only to add to and read the audit log. `righthelp backup` and `righthelp restore`: the
whole database in one file, the audit log's chain checked both ways. All run as the tables'
owner (RIGHTHELP_MIGRATE_DATABASE_URL when it is set)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from righthelp.cli.errors import CommandError


def register(commands: Any) -> None:
    db = commands.add_parser("db", help="the database: roles, backup and restore")
    actions = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    roles = actions.add_parser(
        "roles",
        help="give the application's PostgreSQL role its rights (run as the tables' owner)",
        description=(
            "Connects as the owner (RIGHTHELP_MIGRATE_DATABASE_URL, else DATABASE_URL) and "
            "grants APP_ROLE what the application needs: read and write every table, but "
            "only INSERT and SELECT on the audit log. Creates the role unless --no-create."
        ),
    )
    roles.add_argument("app_role", metavar="APP_ROLE", help="e.g. righthelp_app")
    roles.add_argument(
        "--password-env",
        metavar="VAR",
        help="set the role's password from this environment variable (never an argument)",
    )
    roles.add_argument(
        "--no-create", action="store_true", help="the role exists (made by your DBA)"
    )
    roles.add_argument("--print", action="store_true", help="print the SQL instead of running it")
    roles.set_defaults(handler=grant_roles)

    backup = commands.add_parser(
        "backup",
        help="the whole database in one file (pg_dump, or SQLite's backup API)",
        description=(
            "Writes FILE: the data and a manifest of row counts and the audit log's last hash, "
            "read from one snapshot. Warns (and records it) if the audit log's chain is broken."
        ),
    )
    backup.add_argument("file", type=Path, metavar="FILE", help="e.g. righthelp-2026-11-29.zip")
    backup.set_defaults(handler=make_backup)

    restore = commands.add_parser(
        "restore",
        help="restore a backup into an empty database, and check it",
        description=(
            "Restores FILE into the database (which must be empty: create a new one), then "
            "checks the audit log's chain and every table's row count against the backup."
        ),
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--app-role",
        metavar="ROLE",
        help="PostgreSQL: then grant the application's role its rights (as `db roles`)",
    )
    restore.set_defaults(handler=restore_backup)


def make_backup(args: argparse.Namespace) -> int:
    from righthelp.cli.web_commands import use_django

    use_django(as_owner=True)
    from righthelp.config.backup import BackupError, backup

    try:
        manifest = backup(args.file)
    except BackupError as error:
        raise CommandError(str(error)) from None
    rows = sum(manifest.tables.values())
    if manifest.audit_broken_at is not None:
        print(
            f"righthelp: WARNING: the audit log's chain is broken at event "
            f"{manifest.audit_broken_at} (see `righthelp audit verify`); the backup says so",
            file=sys.stderr,
        )
    print(
        f"Backed up {len(manifest.tables)} tables, {rows} rows, to {args.file}; audit log "
        f"{manifest.audit_events} events, last hash {manifest.audit_last_hash}"
    )
    return 0


def restore_backup(args: argparse.Namespace) -> int:
    from righthelp.cli.web_commands import use_django

    use_django(as_owner=True)
    from righthelp.config.backup import BackupError, restore
    from righthelp.config.database_roles import apply, grant_statements

    try:
        manifest = restore(args.file)
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(
        f"Restored {len(manifest.tables)} tables from {args.file} (made {manifest.made_at}); "
        + (
            "audit log as backed up (chain intact), "
            if manifest.audit_broken_at is None
            else f"audit log as backed up (chain broken at event {manifest.audit_broken_at}), "
        )
        + f"{manifest.audit_events} events, last hash "
        f"{manifest.audit_last_hash}; every table's row count as backed up"
    )
    if args.app_role:
        apply(grant_statements(args.app_role, create=False, password=None))
        print(f"{args.app_role} has its rights on the restored tables")
    return 0


def grant_roles(args: argparse.Namespace) -> int:
    from righthelp.cli.web_commands import use_django

    use_django(as_owner=True)
    from django.db import DatabaseError, connection

    from righthelp.config.database_roles import apply, grant_statements

    if connection.vendor != "postgresql":
        raise CommandError("database roles are for PostgreSQL; SQLite has none")
    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if not password:
            raise CommandError(f"{args.password_env} is not set")
    statements = grant_statements(args.app_role, create=not args.no_create, password=password)
    if args.print:
        for statement in statements:
            print(f"{statement};")
        return 0
    try:
        apply(statements)
    except DatabaseError as error:
        hint = (
            " (have a superuser run CREATE ROLE ... LOGIN, then use --no-create)"
            if "create role" in str(error)
            else ""
        )
        raise CommandError(f"could not grant: {str(error).splitlines()[0]}{hint}") from None
    print(
        f"{args.app_role} may now read and write the records, and only add to and read "
        "the audit log."
    )
    return 0
