from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from righthelp.partnerships.selectors import pack_set_for
from righthelp.partnerships.services import partnership_create

pytestmark = pytest.mark.django_db


def test_a_partnership_reads_its_packs_in_order() -> None:
    partnership = partnership_create(
        name="Demo",
        slug="demo",
        pack_ids=["stoke-on-trent", "coventry", "partnership-self-assessment"],
    )
    packs = pack_set_for(partnership)
    assert [pack.id for pack in packs] == [
        "stoke-on-trent",
        "coventry",
        "partnership-self-assessment",
    ]
    assert packs.thresholds is not None and packs.thresholds.id == "stoke-on-trent"


def test_a_partnership_has_at_most_one_thresholds_pack() -> None:
    coventry = partnership_create(name="Coventry", slug="coventry", pack_ids=["coventry"])
    assert pack_set_for(coventry).thresholds is None
    with pytest.raises(ValidationError, match="only one pack with levels of need"):
        partnership_create(
            name="Twice", slug="twice", pack_ids=["stoke-on-trent", "stoke-on-trent"]
        )


def test_an_unknown_pack_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown pack 'leeds'"):
        partnership_create(name="Leeds", slug="leeds", pack_ids=["leeds"])
