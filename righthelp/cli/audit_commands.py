"""`righthelp audit export`: the audit log for a security officer, on the server."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.output import print_json


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def register(commands: Any) -> None:
    audit = commands.add_parser("audit", help="the audit log")
    actions = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="audit events, newest first, as CSV or JSON")
    export.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    export.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    export.add_argument("--user", metavar="USERNAME", help="only this account's events")
    export.add_argument("--action", help="viewed, created, changed, exported, refused, ...")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.set_defaults(handler=export_events)


def export_events(args: argparse.Namespace) -> int:
    from righthelp.cli.web_commands import use_django

    use_django()
    from righthelp.accounts.models import User
    from righthelp.audit.models import Action
    from righthelp.audit.selectors import AuditFilter, as_row, events_matching, write_csv

    actor_id = None
    if args.user:
        actor = User.objects.filter(username=args.user).first()
        if actor is None:
            raise CommandError(f"no account with the username {args.user!r}")
        actor_id = actor.pk
    if args.action and args.action not in Action.values:
        raise CommandError(f"unknown action {args.action!r}; one of {', '.join(Action.values)}")
    if args.since and args.until and args.until < args.since:
        raise CommandError("--until must be on or after --since")
    wanted = AuditFilter(
        actor_id=actor_id,
        action=Action(args.action) if args.action else None,
        since=args.since,
        until=args.until,
    )
    events = events_matching(wanted)
    if args.format == "json":
        print_json([as_row(event) for event in events.iterator(chunk_size=2000)])
    else:
        write_csv(events, sys.stdout)
    return 0
