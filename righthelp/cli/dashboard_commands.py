"""`righthelp dashboards recount`: count the dashboards' kept tallies again (ADR 0054).

The services keep the tallies current on every write; rows changed round them (a restore
from backup, a correction made in the database shell) leave them behind until counted again.
"""

from __future__ import annotations

import argparse
from typing import Any

from righthelp.cli.errors import CommandError


def register(commands: Any) -> None:
    dashboards = commands.add_parser("dashboards", help="the dashboards' kept tallies")
    actions = dashboards.add_subparsers(dest="dashboards_command", required=True, metavar="ACTION")
    recount = actions.add_parser(
        "recount",
        help="count the tallies again from the records (after changes made round the services)",
    )
    recount.add_argument(
        "--partnership", help="one partnership's slug (default: every partnership)"
    )
    recount.set_defaults(handler=recount_tallies)


def recount_tallies(args: argparse.Namespace) -> int:
    from righthelp.cli.web_commands import use_django

    use_django()
    from righthelp.dashboards.tallies import tallies_recount
    from righthelp.partnerships.models import Partnership

    partnerships = Partnership.objects.order_by("name")
    if args.partnership:
        partnerships = partnerships.filter(slug=args.partnership)
        if not partnerships.exists():
            raise CommandError(f"no partnership with the slug {args.partnership!r}")
    chosen = list(partnerships.values_list("pk", "name"))
    tallies_recount([pk for pk, _ in chosen])
    for _, name in chosen:
        print(f"Counted the dashboards' tallies again for {name}.")
    return 0
