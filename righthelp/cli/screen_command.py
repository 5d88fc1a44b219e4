"""`righthelp screen`: the exploitation screening's two bands for a score and counts, what
each calls for and whether a safety plan is offered, from the same core as the pages."""

from __future__ import annotations

import argparse
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.output import add_format_option, print_json
from righthelp.cli.packs import pack_by_id
from righthelp.core.exploitation_bands import SeenCounts, screen
from righthelp.core.exploitation_followup import any_serious, needs_safety_plan
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import Band, Instrument, InstrumentKind

COUNTS = ("vulnerabilities", "risk_indicators", "significant_risk_indicators")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "screen", help="exploitation screening: the band from a score and from counts"
    )
    parser.add_argument("--pack", required=True, metavar="ID", help="pack id, e.g. coventry")
    # Read as text and checked here, so bad input is one line, not argparse's usage.
    parser.add_argument("--score", required=True, metavar="N")
    for name in COUNTS:
        parser.add_argument(f"--{name.replace('_', '-')}", default="0", metavar="N")
    add_format_option(parser)
    parser.set_defaults(handler=screen_counts)


def _whole_number(name: str, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        message = f"--{name.replace('_', '-')} must be a whole number, not {text!r}"
        raise CommandError(message) from None
    if value < 0:
        raise CommandError(f"--{name.replace('_', '-')} cannot be negative")
    return value


def _screening(pack: Pack) -> Instrument:
    found = next(
        (
            i
            for i in pack.instruments
            if i.kind is InstrumentKind.BANDED_SCORE and i.count_rules and i.score
        ),
        None,
    )
    if found is None:
        raise CommandError(f"pack {pack.id} has no exploitation screening")
    return found


def _band(band: Band) -> dict[str, Any]:
    return {"id": band.id, "name": band.name, "calls_for": band.next_step}


def screen_counts(args: argparse.Namespace) -> int:
    pack = pack_by_id(args.pack)
    instrument = _screening(pack)
    score = _whole_number("score", args.score)
    counts = SeenCounts(*(_whole_number(name, getattr(args, name)) for name in COUNTS))
    try:
        bands = screen(instrument, score, counts)
    except ValueError as error:
        raise CommandError(str(error)) from None
    score_band, count_band = bands.score_band, bands.count_band
    data = {
        "pack": {"id": pack.id, "version": pack.version, "content_hash": pack.content_hash},
        "instrument": instrument.id,
        "score": score,
        "band_from_score": _band(score_band),
        "band_from_counts": {
            **_band(count_band.band),
            "because": count_band.rule.because,
            "reading": count_band.reading,
        },
        "disagree": bands.disagree,
        "serious": any_serious(instrument, score_band.id, count_band.band.id),
        "safety_plan_offered": needs_safety_plan(instrument, score_band.id, count_band.band.id),
        "for_any_concern": instrument.screening_steps,
        "guidance": instrument.guidance,
    }
    if args.format == "json":
        print_json(data)
        return 0
    print(f"Band from the score ({score}): {score_band.name}")
    print(f"Band from the counts: {count_band.band.name} ({count_band.rule.because})")
    if count_band.reading:
        print(f"  {count_band.reading}")
    if bands.disagree:
        print("The two bands disagree: use your professional judgement.")
    if bands.disagree:
        for band, source in ((score_band, "the score"), (count_band.band, "the counts")):
            calls_for = (
                " ".join(band.next_step.split())
                if band.next_step
                else "no next step is given for this band alone."
            )
            print(f"For {band.name.lower()}, the band from {source}: {calls_for}")
    elif score_band.next_step:
        print(f"What it calls for: {' '.join(score_band.next_step.split())}")
    if instrument.screening_steps:
        print(f"For any concern: {' '.join(instrument.screening_steps.split())}")
    print(f"Safety plan offered: {'yes' if data['safety_plan_offered'] else 'no'}")
    if instrument.guidance:
        print(instrument.guidance)
    return 0
