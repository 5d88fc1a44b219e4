"""Reading partnerships and the content their packs give them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from righthelp.core.pack_set import PackSet
from righthelp.json_rows import json_rows
from righthelp.packstore.registry import installed_packs
from righthelp.partnerships.models import Partnership, PartnershipPack


def partnerships() -> QuerySet[Partnership]:
    return Partnership.objects.all()


def partnership_by_slug(slug: str) -> Partnership:
    return Partnership.objects.get(slug=slug)


def pack_set_for(partnership: Partnership, rows: Sequence[Any] | None = None) -> PackSet:
    """The partnership's packs, current versions, in its order of precedence. ``rows``:
    its ``pack_rows`` column, when a query of the caller's has read it already."""
    registry = installed_packs()
    if rows is not None:
        pack_ids: Any = [pack_id for _, pack_id in sorted(rows)]
    else:
        pack_ids = partnership.packs.order_by("position").values_list("pack_id", flat=True)
    return PackSet(tuple(registry.get(pack_id) for pack_id in pack_ids))


def pack_rows(partnership_id: str = "partnership_id") -> Subquery:
    """The partnership's (position, pack id) rows as one JSON column of a query with a
    ``partnership_id`` (``pack_set_for(..., rows=...)`` reads them): no query of its own."""
    return json_rows(
        PartnershipPack.objects.filter(partnership=OuterRef(partnership_id)), "position", "pack_id"
    )
