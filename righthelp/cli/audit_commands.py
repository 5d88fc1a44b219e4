"""`righthelp audit export` and `righthelp audit verify`: the audit log for a security
officer, on the server."""

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
    verify = actions.add_parser(
        "verify",
        help="check the log's hash chain; exit 1 naming the first broken link",
    )
    verify.add_argument("--format", choices=("text", "json"), default="text")
    verify.set_defaults(handler=verify_chain)


def verify_chain(args: argparse.Namespace) -> int:
    from righthelp.cli.web_commands import use_django

    use_django()
    from righthelp.audit.selectors import chain_report

    report = chain_report()
    broken = report.broken
    keyed = report.keyed_from
    keyed_said = (
        f"keyed (HMAC) from event {keyed.event_id} ({keyed.at.isoformat()})"
        if keyed
        else "no keyed events yet"
    )
    histories_said = "".join(
        f"; synthetic history (righthelp synth) of {h.events} events dated "
        f"{h.first_at.date() if h.first_at else '-'} to {h.last_at.date() if h.last_at else '-'}, "
        f"declared by event {h.marker_id} written {h.written_at.isoformat()}"
        for h in report.histories
    )
    if args.format == "json":
        print_json(
            {
                "events_checked": report.events,
                "synthetic_histories": [
                    {
                        "marker_id": h.marker_id,
                        "written_at": h.written_at.isoformat(),
                        "events": h.events,
                        "first_at": h.first_at.isoformat() if h.first_at else None,
                        "last_at": h.last_at.isoformat() if h.last_at else None,
                    }
                    for h in report.histories
                ],
                "intact": broken is None,
                "last_good_hash": report.last_hash,
                "keyed_from_event": None
                if keyed is None
                else {"id": keyed.event_id, "at": keyed.at.isoformat()},
                "first_broken_event": None
                if broken is None
                else {"id": broken.event_id, "at": broken.at.isoformat(), "reason": broken.reason},
            }
        )
    elif broken is None:
        print(
            f"Audit log intact: {report.events} events, {keyed_said}, last hash "
            f"{report.last_hash}{histories_said}"
        )
    else:
        print(
            f"Audit log BROKEN at event {broken.event_id} ({broken.at.isoformat()}), "
            f"event {report.events} in the order written: {broken.reason}. "
            f"Last good hash {report.last_hash}; {keyed_said}{histories_said}"
        )
    return 0 if broken is None else 1


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
