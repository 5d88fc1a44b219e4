"""Keeping the pack versions that records use."""

from __future__ import annotations

from django.db import transaction

from righthelp.core.packs.pack import Pack
from righthelp.packstore.models import PackSnapshot


@transaction.atomic
def snapshot_pack(pack: Pack) -> PackSnapshot:
    """The stored copy of this exact pack content, made on first use."""
    snapshot, _ = PackSnapshot.objects.get_or_create(
        content_hash=pack.content_hash,
        defaults={
            "pack_id": pack.id,
            "version": pack.version,
            "content": pack.model_dump(mode="json"),
        },
    )
    return snapshot
