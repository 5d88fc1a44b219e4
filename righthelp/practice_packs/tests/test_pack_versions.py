"""A pack version names one content. Records keep the version and content hash they were
made under, so a shipped pack whose content changes without a new version would show two
different contents under one number. The committed lock (practice_packs/versions.lock.yaml)
holds every released version's hash; this fails when a pack's content and its lock line
disagree, and tells the author what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import SHIPPED_PACKS_DIR

LOCK = SHIPPED_PACKS_DIR / "versions.lock.yaml"
SHIPPED = sorted(p.name for p in SHIPPED_PACKS_DIR.iterdir() if (p / "pack.yaml").is_file())


def read_lock(path: Path = LOCK) -> dict[str, dict[str, str]]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {
        str(pack): {str(v): str(h) for v, h in versions.items()} for pack, versions in data.items()
    }


def lock_problem(pack: Pack, lock: dict[str, dict[str, str]]) -> str | None:
    """What is wrong between a pack and the lock, in the words the author needs, or None."""
    released = lock.get(pack.id, {})
    line = f'  "{pack.version}": "{pack.content_hash}"'
    if pack.version not in released:
        return (
            f"{pack.id} {pack.version} is not in {LOCK.name}: if this is a new version, add "
            f"under {pack.id}:\n{line}"
        )
    if released[pack.version] != pack.content_hash:
        return (
            f"{pack.id}'s content changed but its version is still {pack.version}, which was "
            f"released as {released[pack.version]}. Records made under {pack.version} keep "
            f"that content: give the pack a new version in pack.yaml and add it to "
            f"{LOCK.name}."
        )
    return None


@pytest.mark.parametrize("folder", SHIPPED)
def test_each_shipped_pack_is_its_locked_version(folder: str) -> None:
    pack = load_pack(SHIPPED_PACKS_DIR / folder)
    assert lock_problem(pack, read_lock()) is None, lock_problem(pack, read_lock())


def test_a_changed_pack_with_the_same_version_is_caught(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "stoke-on-trent"
    shutil.copytree(SHIPPED_PACKS_DIR / "stoke-on-trent", folder)
    manifest = folder / "pack.yaml"
    manifest.write_text(
        manifest.read_text().replace("Thresholds for Intervention\n", "Thresholds\n", 1)
    )
    changed = load_pack(folder)
    version = changed.version
    problem = lock_problem(changed, read_lock())
    assert problem is not None and "content changed but its version is still" in problem

    manifest.write_text(
        manifest.read_text().replace(f'version: "{version}"', f'version: "{version}-next"')
    )
    bumped = load_pack(folder)
    problem = lock_problem(bumped, read_lock())
    assert (
        problem is not None
        and f"stoke-on-trent {version}-next is not in versions.lock.yaml" in problem
    )
    assert f'"{version}-next": "{bumped.content_hash}"' in problem


def test_released_versions_each_name_one_content() -> None:
    for pack_id, versions in read_lock().items():
        hashes = list(versions.values())
        assert len(hashes) == len(set(hashes)), f"{pack_id}: two versions share one content"
        assert all(h.startswith("sha256:") and len(h) == 71 for h in hashes), pack_id
