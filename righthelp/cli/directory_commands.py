"""`righthelp directory ...`: a pack's directory to and from Open Referral UK (HSDS 3.0)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.output import print_json
from righthelp.cli.packs import pack_by_id
from righthelp.core.openreferral import (
    OpenReferralImportError,
    export_pack_services,
    import_services,
    services_yaml,
)


def register(commands: Any) -> None:
    directory = commands.add_parser(
        "directory", help="service directories: export to and import from Open Referral UK"
    )
    actions = directory.add_subparsers(dest="directory_command", required=True, metavar="ACTION")

    export = actions.add_parser(
        "export", help="a pack's services as Open Referral UK (HSDS 3.0) JSON"
    )
    export.add_argument("pack_id", metavar="PACK_ID")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not stdout")
    export.set_defaults(handler=export_directory)

    imported = actions.add_parser(
        "import", help="Open Referral UK services as a pack's services.yaml, on stdout"
    )
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.set_defaults(handler=import_directory)


def export_directory(args: argparse.Namespace) -> int:
    pack = pack_by_id(args.pack_id)
    services = export_pack_services(pack)
    if args.out is None:
        print_json(services)
        return 0
    try:
        args.out.write_text(
            json.dumps(services, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except OSError as error:
        raise CommandError(f"cannot write {args.out}: {error.strerror or error}") from None
    print(f"{len(services)} services of {pack.id} {pack.version} written to {args.out}")
    return 0


def import_directory(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise CommandError(f"cannot read {path}: {reason or error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path} is not JSON: line {error.lineno} column {error.colno}: {error.msg}",
            exit_code=1,
        ) from None
    try:
        result = import_services(data)
    except OpenReferralImportError as error:
        count = len(error.problems)
        noun = "problem" if count == 1 else "problems"
        details = "\n".join(f"  {problem}" for problem in error.problems)
        raise CommandError(f"{path} has {count} {noun}:\n{details}", exit_code=1) from None
    except OSError as error:  # the standard's schema is missing from righthelp/standards
        raise CommandError(f"cannot read the Open Referral schema: {error}", exit_code=1) from None

    for line in result.left_out:
        print(f"righthelp: {path}: left out {line}", file=sys.stderr)
    comments = [
        f"The directory, imported from Open Referral UK data in {path.name} by",
        "`righthelp directory import`. Ids are made from the names: keep them once published.",
        *(f"Left out: {line}" for line in result.left_out),
    ]
    sys.stdout.write(services_yaml(result.services, comments))
    return 0
