"""`righthelp synth`: add a synthetic caseload to a partnership, to measure the product at
a council's scale. Invented people only; refused with production settings unless forced."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.web_commands import use_django


def register(commands: Any) -> None:
    synth = commands.add_parser(
        "synth",
        help="add a synthetic caseload (families, people, assessments, ...) for measuring scale",
    )
    synth.add_argument("--families", type=int, required=True, help="how many families to add")
    synth.add_argument(
        "--partnership",
        default="stoke-on-trent",
        help="the partnership's slug (default: stoke-on-trent, the demo's)",
    )
    synth.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    synth.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        help="the day the caseload is generated as of, YYYY-MM-DD (default: today); the "
        "same seed and day give the same rows",
    )
    synth.add_argument(
        "--workers",
        type=int,
        help="processes making families on PostgreSQL (default: one a core for large runs); "
        "the rows are the same however many",
    )
    synth.add_argument(
        "--force",
        action="store_true",
        help="run even with production settings (never on live data)",
    )
    synth.set_defaults(handler=run_synth)


def run_synth(args: argparse.Namespace) -> int:
    if args.families < 1:
        raise CommandError("--families must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be at least 1")
    use_django()
    from django.conf import settings

    from righthelp.partnerships.models import Partnership
    from righthelp.synth.generator import Progress, synthesise

    if settings.SETTINGS_MODULE.endswith(".production") and not args.force:
        raise CommandError(
            "refusing to add synthetic families with production settings: they would mix "
            "with real records. Use --force only on a copy made for measuring."
        )
    partnership = Partnership.objects.filter(slug=args.partnership).first()
    if partnership is None:
        raise CommandError(
            f"no partnership {args.partnership!r}: create it first (e.g. `righthelp demo`)"
        )
    progress = Progress(args.families, sys.stderr.write) if sys.stderr.isatty() else None
    try:
        result = synthesise(
            partnership=partnership,
            families=args.families,
            seed=args.seed,
            today=args.today,
            progress=progress,
            workers=args.workers,
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
    print(
        f"Added {result.families:,} families ({result.rows:,} rows) to {partnership.name} "
        f"in {result.seconds:.1f} s: {result.families_per_second:,.0f} families/s"
        + (
            f" ({result.rebuild_seconds:.1f} s of database time building keys and indexes"
            " again, the other tables' while the history was linked)."
            if result.rebuild_seconds
            else "."
        )
    )
    # Where the time went, for whoever measures a large run (README, ADR 0046).
    print("Phases: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in result.phases))
    return 0
