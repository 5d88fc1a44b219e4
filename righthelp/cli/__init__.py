"""The `righthelp` command. Each sub-command lives in its own module and calls the same core
functions, services and selectors as the web pages."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from righthelp.cli import (
    assess_command,
    audit_commands,
    dashboard_commands,
    db_commands,
    directory_commands,
    job_commands,
    pack_commands,
    screen_command,
    suggest_command,
    synth_command,
    token_commands,
    web_commands,
)
from righthelp.cli.errors import CommandError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="righthelp",
        description="Right help, at the right time, in the right place.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    pack_commands.register(commands)
    assess_command.register(commands)
    suggest_command.register(commands)
    screen_command.register(commands)
    web_commands.register(commands)
    token_commands.register(commands)
    directory_commands.register(commands)
    audit_commands.register(commands)
    db_commands.register(commands)
    dashboard_commands.register(commands)
    synth_command.register(commands)
    job_commands.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CommandError as error:
        print(f"righthelp: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
