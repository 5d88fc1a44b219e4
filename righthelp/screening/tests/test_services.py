"""The writes refuse what the pages would refuse, whoever calls them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.conftest import Cast
from righthelp.core.exploitation_bands import SeenCounts
from righthelp.partnerships.models import PartnershipPack
from righthelp.screening.models import Screening
from righthelp.screening.services import intelligence_create, screening_record
from righthelp.screening.tests.helpers import make_screening


def _record(cast: Cast, **changes: object) -> Screening:
    values: dict[str, object] = {
        "family": cast.family,
        "by": cast.alice,
        "person": cast.child,
        "screened_on": timezone.localdate(),
        "score": 7,
        "counts": SeenCounts(3, 1, 0),
        "decision": "Plan with school.",
        **changes,
    }
    return screening_record(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"score": 11}, "score"),
        ({"score": -1}, "score"),
        ({"decision": "   "}, "decision"),
        ({"screened_on": dt.date(2999, 1, 1)}, "screened_on"),
    ],
)
def test_screening_record_refuses_bad_input(
    cast: Cast, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _record(cast, **changes)
    assert field in refused.value.error_dict
    assert not Screening.objects.exists()


def test_only_a_child_of_this_family(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        _record(cast, person=cast.parent)
    assert "person" in refused.value.error_dict


def test_negative_counts_never_reach_the_database(cast: Cast) -> None:
    with pytest.raises(ValueError, match="vulnerabilities cannot be negative"):
        SeenCounts(-1, 0, 0)


def test_a_partnership_without_a_screening(client: Client, cast: Cast) -> None:
    PartnershipPack.objects.filter(partnership=cast.family.partnership, pack_id="coventry").delete()
    with pytest.raises(ValidationError, match="no exploitation screening"):
        _record(cast)
    client.force_login(cast.alice)
    listing = client.get(reverse("screening:list", args=[cast.family.pk]))
    assert "have no exploitation screening" in listing.content.decode()
    assert client.get(reverse("screening:new", args=[cast.family.pk])).status_code == 404
    intelligence = client.get(reverse("screening:intelligence-list", args=[cast.family.pk]))
    assert "do not say where to send intelligence" in intelligence.content.decode()


def test_the_decision_is_kept_as_written(cast: Cast) -> None:
    screening = make_screening(cast.family, cast.alice, cast.child, decision="  Safety plan.  ")
    assert screening.decision == "Safety plan."


def test_intelligence_must_say_what_happened(cast: Cast) -> None:
    with pytest.raises(ValidationError) as refused:
        intelligence_create(family=cast.family, by=cast.alice, texts={"victims": "Tom"})
    assert "what_happened" in refused.value.error_dict
