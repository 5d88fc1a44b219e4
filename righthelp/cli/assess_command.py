"""`righthelp assess`: the level of need for a set of indicators, as the web page shows it."""

from __future__ import annotations

import argparse
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.output import add_format_option, print_json
from righthelp.cli.packs import pack_by_id
from righthelp.core.need_level import UnknownIndicatorError, level_of_need, need_level_as_data


def register(commands: Any) -> None:
    assess = commands.add_parser("assess", help="level of need from indicators")
    assess.add_argument("--pack", required=True, metavar="ID", help="pack id, e.g. stoke-on-trent")
    assess.add_argument(
        "--indicator",
        action="append",
        required=True,
        metavar="ID",
        help="an indicator id; repeat for each indicator seen",
    )
    add_format_option(assess)
    assess.set_defaults(handler=assess_indicators)


def assess_indicators(args: argparse.Namespace) -> int:
    pack = pack_by_id(args.pack)
    if not pack.levels:
        raise CommandError(f"pack {pack.id} has no levels of need to assess against")
    try:
        result = level_of_need(pack, args.indicator)
    except UnknownIndicatorError as error:
        raise CommandError(str(error)) from None
    data = need_level_as_data(result)
    if args.format == "json":
        print_json(
            {
                "pack": {"id": pack.id, "version": pack.version, "content_hash": pack.content_hash},
                **data,
            }
        )
        return 0
    print(f"Level {data['level']}: {data['level_name']}")
    print(f"Action: {data['action']}")
    print("Because:")
    for reason in data["because"]:
        print(
            f"  - {reason['id']} ({reason['outcome']}. {reason['outcome_title']}): {reason['text']}"
        )
    return 0
