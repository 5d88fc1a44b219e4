"""`righthelp db roles`: the application's PostgreSQL role, able to read and write records
but only to add to and read the audit log. Run as the tables' owner."""

from __future__ import annotations

import argparse
import os
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
