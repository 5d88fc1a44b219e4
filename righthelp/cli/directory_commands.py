"""`righthelp directory ...`: a pack's directory to and from Open Referral UK (HSDS 3.0)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from righthelp.cli.errors import CommandError
from righthelp.cli.feed_client import (
    PER_PAGE,
    RETRIES,
    FeedError,
    FeedReader,
    Progress,
    ResumeFile,
    feed_base,
    fetch_services,
)
from righthelp.cli.output import print_json
from righthelp.cli.packs import pack_by_id
from righthelp.core.openreferral import (
    OpenReferralImportError,
    export_pack_services,
    import_services,
    services_yaml,
)
from righthelp.core.openreferral_checks import MAX_DOCUMENT_BYTES, DocumentError, read_document


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
        "import",
        help="Open Referral UK services, from a file or a live feed, as a pack's services.yaml",
        description="Prints a services.yaml on stdout; warnings and progress go to stderr.",
    )
    source = imported.add_mutually_exclusive_group(required=True)
    source.add_argument("file", type=Path, metavar="FILE", nargs="?")
    source.add_argument(
        "--from",
        dest="feed",
        metavar="URL",
        help="a feed's address: pages through its /services and fetches each /services/{id}",
    )
    imported.add_argument(
        "--resume",
        type=Path,
        metavar="FILE",
        help="keep what is fetched in FILE and, run again, fetch only what is not in it "
        "(default: righthelp-import-<host>.jsonl here)",
    )
    imported.add_argument(
        "--skip-refused",
        action="store_true",
        help="import the items without errors and list the others (default: import none)",
    )
    imported.add_argument(
        "--per-page", type=int, default=PER_PAGE, metavar="N", help=f"default {PER_PAGE}"
    )
    imported.add_argument(
        "--retries", type=int, default=RETRIES, metavar="N", help=f"default {RETRIES}"
    )
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
    data: object
    if args.feed is not None:
        data, name = _from_feed(args), args.feed
    else:
        data, name = _from_file(args.file), args.file.name
    where = args.feed or args.file
    try:
        result = import_services(data, skip_refused=args.skip_refused)
    except OpenReferralImportError as error:
        count = len(error.problems)
        noun = "problem" if count == 1 else "problems"
        details = "\n".join(f"  {problem}" for problem in error.problems)
        raise CommandError(f"{where} has {count} {noun}:\n{details}", exit_code=1) from None
    except OSError as error:  # the standard's schema is missing from righthelp/standards
        raise CommandError(f"cannot read the Open Referral schema: {error}", exit_code=1) from None

    for problem in result.refused:
        print(f"righthelp: {where}: refused: {problem}", file=sys.stderr)
    for line in result.left_out:
        print(f"righthelp: {where}: left out {line}", file=sys.stderr)
    for warning in result.warnings:
        print(f"righthelp: {where}: warning: {warning}", file=sys.stderr)
    comments = [
        f"The directory, imported from Open Referral UK data in {name} by",
        "`righthelp directory import`. Ids are the pack's own where the data carries them,",
        "else made from the names: keep them once published.",
        *(f"Left out: {line}" for line in result.left_out),
        *(f"Refused: {problem}" for problem in result.refused),
    ]
    sys.stdout.write(services_yaml(result.services, comments))
    return 0


def _from_file(path: Path) -> object:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:  # refused before it is read into memory
            _too_big(path, size)
        raw = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return read_document(raw)
    except DocumentError as error:
        raise CommandError(f"{path} {error}", exit_code=1) from None


def _too_big(path: Path, size: int) -> NoReturn:
    limit = MAX_DOCUMENT_BYTES // 1_048_576
    raise CommandError(
        f"{path} is {size / 1_048_576:.1f} MB, over the limit of {limit} MB: "
        "import it in parts or from the feed",
        exit_code=1,
    )


def _from_feed(args: argparse.Namespace) -> list[dict[str, Any]]:
    if not 1 <= args.per_page <= 500:
        raise CommandError("--per-page must be from 1 to 500")
    if not 0 <= args.retries <= 10:
        raise CommandError("--retries must be from 0 to 10")
    try:
        base = feed_base(args.feed)
        resume_path = args.resume or Path(f"righthelp-import-{_host(base)}.jsonl")
        resume = ResumeFile(resume_path, base)
        if resume.fetched:
            print(
                f"righthelp: resuming from {resume_path}: {len(resume.fetched)} services "
                "already fetched",
                file=sys.stderr,
            )
        reader = FeedReader(base, retries=args.retries)
        services = fetch_services(reader, resume, Progress(sys.stderr), per_page=args.per_page)
    except FeedError as error:
        raise CommandError(f"{error} (run again to resume)", exit_code=1) from None
    except OSError as error:
        raise CommandError(f"cannot keep the run in a resume file: {error}", exit_code=1) from None
    return services


def _host(base: str) -> str:
    netloc = urlsplit(base).netloc
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in netloc)
