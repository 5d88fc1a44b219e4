"""What should I do next? Practitioners' scenarios over the demo partnership's packs."""

from __future__ import annotations

import pytest

from righthelp.core.consent import consent_before_referral
from righthelp.core.need_level import UnknownIndicatorError
from righthelp.core.next_steps import next_steps
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.registry import PackRegistry


def test_a_teacher_worried_about_attendance_and_a_disclosure(demo: PackSet) -> None:
    steps = next_steps(demo, ["edu-13", "safe-41"])
    assert steps.level.name == "Getting Risk Support"
    assert steps.level.number == steps.highest_level == 5
    assert [p.id for p in steps.need.because] == ["safe-41"]
    assert steps.level.action.startswith("Request for service to Children's Social Care")
    front_door = [s.entry for s in steps.who_can_help.level_support if s.entry]
    assert "01782 235100" in {c.value for e in front_door for c in e.service.contacts}
    assert set(steps.who_can_help.by_outcome) == {6}
    assert [t.outcome.number for t in steps.ticked_by_outcome] == [1, 6]
    assert [t.outcome.number for t in steps.because_by_outcome] == [6]


def test_a_youth_worker_seeing_emerging_attendance_concerns_gets_advice(demo: PackSet) -> None:
    steps = next_steps(demo, ["edu-07"])
    assert steps.level.name == "Getting Advice"
    assert "Early Help Assessment" in steps.level.action
    names = {s.support.name for s in steps.who_can_help.level_support}
    assert "Digital Family Hub" in names
    assert steps.who_can_help.by_outcome == {}


def test_the_consent_guidance_comes_from_the_packs(demo: PackSet) -> None:
    consent = next_steps(demo, ["edu-07"]).consent
    assert [r.id for r in consent.referral_rules] == ["referral-consent-childrens-social-care"]
    assert [r.id for r in consent.sharing_without_consent] == ["sharing-without-consent-record"]
    assert [e.key for e in consent.pages] == [
        "stoke-on-trent/consent-and-confidentiality",
        "coventry/sharing-information",
    ]


def test_a_pack_set_without_consent_rules_has_no_consent_guidance(shipped: PackRegistry) -> None:
    consent = next_steps(PackSet((shipped.get("stoke-on-trent"),)), []).consent
    assert consent.referral_rules and consent.pages
    assert not consent_before_referral(PackSet((shipped.get("partnership-self-assessment"),)))


def test_nothing_ticked_is_the_first_level(demo: PackSet) -> None:
    steps = next_steps(demo, [])
    assert steps.level.name == "Thriving" and steps.ticked == ()


def test_unknown_indicators_are_refused_not_guessed(demo: PackSet) -> None:
    with pytest.raises(UnknownIndicatorError):
        next_steps(demo, ["edu-99"])


def test_a_set_without_thresholds_has_no_next_steps(shipped: PackRegistry) -> None:
    with pytest.raises(ValueError, match="no levels of need"):
        next_steps(PackSet((shipped.get("coventry"),)), [])
