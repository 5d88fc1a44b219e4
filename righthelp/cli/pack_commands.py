"""`righthelp pack ...`: list, validate, compare and export practice packs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from righthelp.cli.errors import CommandError
from righthelp.cli.output import add_format_option, print_json
from righthelp.cli.packs import all_packs, pack_by_id
from righthelp.core.packs.diff import IndicatorChange, PackDiff, diff_packs
from righthelp.core.packs.export import export_pack
from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.problems import PackLoadError


def register(commands: Any) -> None:
    pack = commands.add_parser("pack", help="practice packs: list, validate, diff, export")
    actions = pack.add_subparsers(dest="pack_command", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="the packs this installation has")
    add_format_option(listing)
    listing.set_defaults(handler=list_packs)

    validate = actions.add_parser("validate", help="check a pack folder")
    validate.add_argument("directory", type=Path)
    validate.set_defaults(handler=validate_pack)

    diff = actions.add_parser("diff", help="what changed between two versions of a pack")
    diff.add_argument("old", type=Path, metavar="OLD_DIR")
    diff.add_argument("new", type=Path, metavar="NEW_DIR")
    add_format_option(diff)
    diff.set_defaults(handler=diff_pack_folders)

    export = actions.add_parser("export", help="a pack as JSON")
    export.add_argument("pack_id", metavar="ID")
    add_format_option(export, default="json")
    export.set_defaults(handler=export_pack_by_id)


def _summary(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "version": pack.version,
        "title": pack.title,
        "partnership": pack.partnership,
        "content_hash": pack.content_hash,
        "levels": len(pack.levels),
        "outcomes": len(pack.outcomes),
        "indicators": len(pack.indicators_by_id),
        "criteria": len(pack.criteria),
        "instruments": len(pack.instruments),
        "services": len(pack.services),
        "guidance": len(pack.guidance),
        "rules": len(pack.rules),
    }


def list_packs(args: argparse.Namespace) -> int:
    packs = all_packs()
    if args.format == "json":
        print_json([_summary(pack) for pack in packs])
        return 0
    for pack in packs:
        print(f"{pack.id} {pack.version}  {pack.title} ({pack.partnership})")
    return 0


def _load(directory: Path) -> Pack:
    try:
        return load_pack(directory)
    except PackLoadError as error:
        raise CommandError(str(error), exit_code=1) from None


def validate_pack(args: argparse.Namespace) -> int:
    pack = _load(args.directory)
    summary = _summary(pack)
    counts = ", ".join(
        f"{summary[key]} {key}"
        for key in (
            "levels",
            "indicators",
            "criteria",
            "instruments",
            "services",
            "guidance",
            "rules",
        )
        if summary[key]
    )
    print(f"{pack.id} {pack.version} is valid ({counts}); content hash {pack.content_hash}")
    return 0


def diff_pack_folders(args: argparse.Namespace) -> int:
    diff = diff_packs(_load(args.old), _load(args.new))
    if args.format == "json":
        print_json(_diff_as_data(diff))
    else:
        print(_diff_as_text(diff))
    return 0


def export_pack_by_id(args: argparse.Namespace) -> int:
    pack = pack_by_id(args.pack_id)
    if args.format != "json":
        raise CommandError("pack export writes JSON only: use --format json")
    print_json(export_pack(pack))
    return 0


def _change_as_data(change: IndicatorChange) -> dict[str, Any]:
    return {key: value for key, value in vars(change).items() if value is not None}


def _diff_as_data(diff: PackDiff) -> dict[str, Any]:
    return {
        "old": {"id": diff.old_id, "version": diff.old_version},
        "new": {"id": diff.new_id, "version": diff.new_version},
        "indicators": {
            "added": [_change_as_data(c) for c in diff.indicators_added],
            "removed": [_change_as_data(c) for c in diff.indicators_removed],
            "reworded": [_change_as_data(c) for c in diff.indicators_reworded],
            "moved": [_change_as_data(c) for c in diff.indicators_moved],
        },
        **{
            kind: {"added": list(c.added), "removed": list(c.removed), "changed": list(c.changed)}
            for kind, c in diff.other.items()
        },
    }


def _added(c: IndicatorChange) -> str:
    return f"  + {c.id} [{c.outcome}, level {c.new_level}] {c.new_text}"


def _removed(c: IndicatorChange) -> str:
    return f"  - {c.id} [{c.outcome}, level {c.old_level}] {c.old_text}"


def _reworded(c: IndicatorChange) -> str:
    return f"  ~ {c.id} [{c.outcome}]\n      was: {c.old_text}\n      now: {c.new_text}"


def _moved(c: IndicatorChange) -> str:
    where = f"{c.old_outcome} -> {c.outcome}, " if c.old_outcome != c.outcome else ""
    return f"  > {c.id} [{where}level {c.old_level} -> {c.new_level}] {c.new_text}"


def _diff_as_text(diff: PackDiff) -> str:
    lines = [f"{diff.old_id} {diff.old_version} -> {diff.new_id} {diff.new_version}"]
    if diff.is_empty:
        lines.append("No changes.")
        return "\n".join(lines)
    indicator_sections = (
        ("Indicators added", diff.indicators_added, _added),
        ("Indicators removed", diff.indicators_removed, _removed),
        ("Indicators reworded", diff.indicators_reworded, _reworded),
        ("Indicators moved", diff.indicators_moved, _moved),
    )
    for title, changes, describe in indicator_sections:
        if changes:
            lines.append(f"\n{title} ({len(changes)}):")
            lines.extend(describe(change) for change in changes)
    for kind, items in diff.other.items():
        parts = [
            f"{label}: {', '.join(ids)}"
            for label, ids in (
                ("added", items.added),
                ("removed", items.removed),
                ("changed", items.changed),
            )
            if ids
        ]
        if parts:
            lines.append(f"\n{kind.capitalize()}: " + "; ".join(parts))
    return "\n".join(lines)
