"""`righthelp suggest`: indicators a note may describe, for the practitioner to check."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.output import add_format_option, print_json
from righthelp.cli.packs import pack_by_id
from righthelp.config.env import data_dir
from righthelp.suggest.index import Indexes
from righthelp.suggest.model import ModelMissing
from righthelp.suggest.ranking import (
    DEFAULT_TOP,
    MAX_NOTE_CHARACTERS,
    MAX_TOP,
    NOTICE,
    suggestions_as_data,
)


def register(commands: Any) -> None:
    suggest = commands.add_parser(
        "suggest",
        help="indicators a note may describe",
        description=NOTICE,
    )
    suggest.add_argument("--pack", required=True, metavar="ID", help="pack id, e.g. stoke-on-trent")
    suggest.add_argument(
        "--top",
        type=int,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"how many (default {DEFAULT_TOP})",
    )
    suggest.add_argument(
        "text", nargs="?", help="what was seen; read from standard input if left out"
    )
    add_format_option(suggest)
    suggest.set_defaults(handler=suggest_indicators)


def suggest_indicators(args: argparse.Namespace) -> int:
    if not 1 <= args.top <= MAX_TOP:
        raise CommandError(f"--top must be between 1 and {MAX_TOP}")
    text = args.text if args.text is not None else sys.stdin.read()
    if not text.strip():
        raise CommandError("give the note's text as an argument or on standard input")
    if len(text) > MAX_NOTE_CHARACTERS:
        raise CommandError(f"the text is longer than {MAX_NOTE_CHARACTERS} characters")
    pack = pack_by_id(args.pack)
    if not any(outcome.indicators for outcome in pack.outcomes):
        raise CommandError(f"pack {pack.id} has no indicators to suggest")
    try:
        ranking = Indexes(data_dir() / "suggest").for_pack(pack).rank(text)
    except ModelMissing as error:
        raise CommandError(str(error), exit_code=1) from None
    suggestions = suggestions_as_data(ranking, args.top)
    if args.format == "json":
        ref = {"id": pack.id, "version": pack.version, "content_hash": pack.content_hash}
        print_json({"pack": ref, "notice": NOTICE, "suggestions": suggestions})
        return 0
    print(NOTICE)
    for s in suggestions:
        print(
            f"\n{s['id']} ({s['outcome']}. {s['outcome_title']}; level {s['level']} "
            f"{s['level_name']}), score {s['score']:.2f}\n  {s['text']}\n  because: {s['because']}"
        )
        neighbours: list[dict[str, Any]] = s["neighbours"]  # type: ignore[assignment]
        for n in neighbours:
            print(f"  same outcome, level {n['level']} {n['level_name']}: {n['id']} {n['text']}")
    return 0
