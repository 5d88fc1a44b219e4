"""Writes for partnerships: each one transaction."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from righthelp.core.packs.registry import UnknownPackError
from righthelp.packstore.registry import installed_packs
from righthelp.partnerships.models import Agency, Partnership, PartnershipPack, Team


@transaction.atomic
def partnership_create(*, name: str, slug: str, pack_ids: Sequence[str]) -> Partnership:
    """A partnership using these packs, in order. At most one may hold levels of need (its
    thresholds); a partnership without one (Coventry's pack alone) has no threshold
    assessments and helps families through plans and screenings (ADR 0025)."""
    registry = installed_packs()
    try:
        packs = [registry.get(pack_id) for pack_id in pack_ids]
    except UnknownPackError as error:
        raise ValidationError(str(error)) from None
    with_levels = [pack.id for pack in packs if pack.levels]
    if len(with_levels) > 1:
        raise ValidationError(
            "A partnership may have only one pack with levels of need (its thresholds); "
            f"these packs have {len(with_levels)}: {', '.join(with_levels)}."
        )
    partnership = Partnership.objects.create(name=name, slug=slug)
    PartnershipPack.objects.bulk_create(
        PartnershipPack(partnership=partnership, pack_id=pack_id, position=position)
        for position, pack_id in enumerate(pack_ids)
    )
    return partnership


@transaction.atomic
def team_create(*, partnership: Partnership, agency_name: str, team_name: str) -> Team:
    agency, _ = Agency.objects.get_or_create(partnership=partnership, name=agency_name)
    team, _ = Team.objects.get_or_create(agency=agency, name=team_name)
    return team
