"""Reading partnerships and the content their packs give them."""

from __future__ import annotations

from django.db.models import QuerySet

from righthelp.core.pack_set import PackSet
from righthelp.packstore.registry import installed_packs
from righthelp.partnerships.models import Partnership


def partnerships() -> QuerySet[Partnership]:
    return Partnership.objects.all()


def partnership_by_slug(slug: str) -> Partnership:
    return Partnership.objects.get(slug=slug)


def pack_set_for(partnership: Partnership) -> PackSet:
    """The partnership's packs, current versions, in its order of precedence."""
    registry = installed_packs()
    pack_ids = partnership.packs.order_by("position").values_list("pack_id", flat=True)
    return PackSet(tuple(registry.get(pack_id) for pack_id in pack_ids))
