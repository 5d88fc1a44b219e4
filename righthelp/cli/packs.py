"""The packs the command line sees: shipped packs plus RIGHTHELP_PACK_PATH."""

from __future__ import annotations

from righthelp.cli.errors import CommandError
from righthelp.config.env import pack_roots
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.problems import PackLoadError
from righthelp.core.packs.registry import PackRegistry, UnknownPackError, registry_with


def registry() -> PackRegistry:
    return registry_with(pack_roots())


def all_packs() -> list[Pack]:
    try:
        return list(registry().packs.values())
    except PackLoadError as error:
        raise CommandError(str(error), exit_code=1) from None


def pack_by_id(pack_id: str) -> Pack:
    try:
        return registry().get(pack_id)
    except UnknownPackError as error:
        raise CommandError(str(error)) from None
    except PackLoadError as error:
        raise CommandError(str(error), exit_code=1) from None
