"""Finding packs: the shipped ones and any folders a partnership adds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from righthelp.core.packs.loader import MANIFEST, load_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.problems import PackLoadError, PackProblem

SHIPPED_PACKS_DIR = Path(__file__).resolve().parents[2] / "practice_packs"


def pack_folders(roots: Iterable[Path]) -> list[Path]:
    """Each root is a pack folder itself or a folder of pack folders."""
    folders: list[Path] = []
    for root in roots:
        if (root / MANIFEST).is_file():
            folders.append(root)
        elif root.is_dir():
            folders.extend(sorted(p for p in root.iterdir() if (p / MANIFEST).is_file()))
        else:
            raise PackLoadError(str(root), [PackProblem(str(root), None, "", "is not a folder")])
    return folders


class UnknownPackError(LookupError):
    def __init__(self, pack_id: str, known: Iterable[str]) -> None:
        self.pack_id = pack_id
        super().__init__(f"unknown pack {pack_id!r}; known packs: {', '.join(sorted(known))}")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Orders versions naturally: 1.9 < 1.10, 2024.1 < 2025.0."""
    parts = re.findall(r"\d+|[A-Za-z]+", version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


@dataclass(frozen=True)
class PackRegistry:
    """The packs available to this installation, loaded and checked once.

    A partnership may keep earlier versions of its pack beside the current one (for
    "what changed" pages); the highest version of each id is the current one.
    """

    roots: Sequence[Path] = field(default_factory=lambda: (SHIPPED_PACKS_DIR,))

    @cached_property
    def versions(self) -> dict[str, tuple[Pack, ...]]:
        """Every loaded version of each pack id, oldest first."""
        loaded: dict[str, list[Pack]] = {}
        for folder in pack_folders(self.roots):
            pack = load_pack(folder)
            same_id = loaded.setdefault(pack.id, [])
            if any(other.version == pack.version for other in same_id):
                raise PackLoadError(
                    str(folder),
                    [
                        PackProblem(
                            MANIFEST,
                            None,
                            "version",
                            f"another pack already has id {pack.id!r} and version {pack.version!r}",
                        )
                    ],
                )
            same_id.append(pack)
        return {
            pack_id: tuple(sorted(packs, key=lambda p: version_key(p.version)))
            for pack_id, packs in sorted(loaded.items())
        }

    @cached_property
    def packs(self) -> dict[str, Pack]:
        """The current (highest) version of each pack id."""
        return {pack_id: versions[-1] for pack_id, versions in self.versions.items()}

    def get(self, pack_id: str, version: str | None = None) -> Pack:
        if pack_id not in self.versions:
            raise UnknownPackError(pack_id, self.packs)
        if version is None:
            return self.packs[pack_id]
        for pack in self.versions[pack_id]:
            if pack.version == version:
                return pack
        raise UnknownPackError(f"{pack_id} {version}", self.packs)

    def __iter__(self) -> Iterator[Pack]:
        return iter(self.packs.values())


def registry_with(extra_roots: Iterable[Path]) -> PackRegistry:
    return PackRegistry(roots=(SHIPPED_PACKS_DIR, *extra_roots))
