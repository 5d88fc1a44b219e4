"""Reading packs as a record used them."""

from __future__ import annotations

from functools import lru_cache

from righthelp.core.packs.pack import Pack
from righthelp.packstore.models import PackSnapshot
from righthelp.packstore.registry import installed_packs


@lru_cache(maxsize=32)
def _pack_from_snapshot(content_hash: str) -> Pack:
    snapshot = PackSnapshot.objects.get(content_hash=content_hash)
    return Pack.model_validate(snapshot.content)


def pack_as_used(pack_id: str, content_hash: str) -> Pack:
    """The pack with exactly this content: the installed one if unchanged, else the snapshot."""
    current = installed_packs().packs.get(pack_id)
    if current is not None and current.content_hash == content_hash:
        return current
    return _pack_from_snapshot(content_hash)
