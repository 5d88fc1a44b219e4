"""A partnership's packs read together: Stoke-on-Trent's thresholds with Coventry's criteria."""

from __future__ import annotations

import pytest

from righthelp.core.pack_set import PackSet
from righthelp.core.packs.registry import PackRegistry


def test_the_thresholds_are_the_first_pack_with_levels(demo: PackSet) -> None:
    assert demo.thresholds is not None and demo.thresholds.id == "stoke-on-trent"


def test_services_keep_their_pack(demo: PackSet) -> None:
    horizon = demo.service("coventry", "horizon")
    assert horizon is not None and horizon.key == "coventry/horizon"
    assert demo.service("stoke-on-trent", "horizon") is None
    assert len(demo.services) == len(demo.services_by_key)


def test_criteria_attach_to_the_national_outcomes(demo: PackSet) -> None:
    six = demo.criteria_for_outcomes([6])
    assert [c.criterion.id for c in six] == ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6"]
    assert all(c.source.pack_id == "coventry" for c in six)
    assert "Horizon Team" in {s.service.name for s in six[0].who_can_help}


def test_who_can_help_at_getting_risk_support_for_abuse_and_exploitation(demo: PackSet) -> None:
    help_ = demo.who_can_help(5, [6, 1])
    assert help_.level.name == "Getting Risk Support"
    names = [support.support.name for support in help_.level_support]
    assert "CAMHS" in names
    front_door = next(
        s for s in help_.level_support if s.entry and "Front Door" in s.entry.service.name
    )
    assert front_door.entry is not None
    assert list(help_.by_outcome) == [6]  # no criteria for outcome 1 in these packs
    keys = [s.key for s in help_.by_outcome[6]]
    assert len(keys) == len(set(keys)) == 20


def test_the_screening_and_self_assessment_instruments(demo: PackSet) -> None:
    assert demo.screening is not None and demo.screening.id == "child-exploitation-screening"


def test_a_set_without_thresholds_cannot_say_who_helps_at_a_level() -> None:
    coventry_only = PackSet((PackRegistry().get("coventry"),))
    assert coventry_only.thresholds is None
    with pytest.raises(ValueError, match="no levels of need"):
        coventry_only.who_can_help(3, [6])
