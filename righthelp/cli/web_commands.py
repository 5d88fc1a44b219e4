"""`righthelp serve` and `righthelp manage`: the web app."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

DEFAULT_SETTINGS = "righthelp.config.settings.development"
# Commands that make or alter tables, so run as the tables' owner when the application
# connects as a role that may not (see righthelp.config.database_roles).
OWNER_COMMANDS = {"migrate", "createcachetable", "flush", "sqlflush"}


def register(commands: Any) -> None:
    serve = commands.add_parser("serve", help="start the web app")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this machine only)",
    )
    serve.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    serve.set_defaults(handler=serve_web)

    demo = commands.add_parser(
        "demo", help="create the demo partnership, an account of each role and synthetic families"
    )
    demo.add_argument("--password", help="password for every demo account (printed if not given)")
    demo.set_defaults(handler=load_demo)

    manage = commands.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser, check, ...)"
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=run_management_command)


def _use_default_settings() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)


def use_owner_database() -> None:
    """Connect as the tables' owner: RIGHTHELP_MIGRATE_DATABASE_URL when it is set, in
    place of DATABASE_URL (the application's role). Call before Django is set up."""
    if owner := os.environ.get("RIGHTHELP_MIGRATE_DATABASE_URL"):
        os.environ["DATABASE_URL"] = owner


def use_django(*, as_owner: bool = False) -> None:
    """Set Django up for a command that reads or writes the database."""
    _use_default_settings()
    if as_owner:
        use_owner_database()
    import django

    django.setup()


def run_management_command(args: argparse.Namespace) -> int:
    _use_default_settings()
    if args.arguments and args.arguments[0] in OWNER_COMMANDS:
        use_owner_database()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["righthelp manage", *args.arguments])
    return 0


def load_demo(args: argparse.Namespace) -> int:
    _use_default_settings()
    use_owner_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    options = {"password": args.password} if args.password else {}
    call_command("demo", **options)
    return 0


def serve_web(args: argparse.Namespace) -> int:
    """Serve with gunicorn, the production server, so what you try is what you deploy."""
    _use_default_settings()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("check", fail_level="ERROR")
    print(f"Right Help is running at http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "righthelp.config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        "4",
        "--worker-class",
        "gthread",
        "--no-control-socket",  # nothing here uses it; it would write under the home folder
        "--access-logfile",
        "-",
        "--access-logformat",
        '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
    ]
    os.execv(sys.executable, gunicorn)  # noqa: S606 -- replaces this process with the server
