from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from righthelp.core.packs.problems import PackLoadError
from righthelp.core.packs.registry import (
    PackRegistry,
    UnknownPackError,
    registry_with,
    version_key,
)

SHIPPED = {"coventry", "partnership-self-assessment", "stoke-on-trent"}


def test_the_shipped_packs_load() -> None:
    assert set(PackRegistry().packs) == SHIPPED


def test_a_partnerships_own_pack_is_found_beside_the_shipped_ones(tiny_pack: Path) -> None:
    registry = registry_with([tiny_pack.parent])
    assert set(registry.packs) == SHIPPED | {"tiny"}
    assert registry.get("tiny").title == "A tiny pack for tests"


def test_an_unknown_pack_is_named(tiny_pack: Path) -> None:
    with pytest.raises(UnknownPackError, match="unknown pack 'nope'"):
        registry_with([tiny_pack]).get("nope")


def test_two_packs_with_one_id_and_version_are_refused(tiny_pack: Path, tmp_path: Path) -> None:
    shutil.copytree(tiny_pack, tmp_path / "tiny-copy")
    with pytest.raises(PackLoadError, match="another pack already has id 'tiny' and version '1'"):
        registry_with([tmp_path]).packs  # noqa: B018


def test_earlier_versions_sit_beside_the_current_one(tiny_pack: Path, tmp_path: Path) -> None:
    for version in ("1.10", "1.9"):
        copy = Path(shutil.copytree(tiny_pack, tmp_path / f"tiny-{version}"))
        manifest = copy / "pack.yaml"
        manifest.write_text(manifest.read_text().replace('version: "1"', f'version: "{version}"'))
    registry = registry_with([tmp_path])
    assert [p.version for p in registry.versions["tiny"]] == ["1", "1.9", "1.10"]
    assert registry.get("tiny").version == "1.10"
    assert registry.get("tiny", "1.9").version == "1.9"
    with pytest.raises(UnknownPackError, match="unknown pack 'tiny 2'"):
        registry.get("tiny", "2")


@pytest.mark.parametrize(
    ("older", "newer"), [("1.9", "1.10"), ("2024.1", "2025.0"), ("1.0", "1.0.1"), ("1", "2")]
)
def test_versions_order_naturally(older: str, newer: str) -> None:
    assert version_key(older) < version_key(newer)
