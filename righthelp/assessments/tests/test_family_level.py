"""The family row keeps its level as the assessments stand: what lists and dashboards read."""

from __future__ import annotations

from righthelp.assessments import services
from righthelp.assessments.models import Assessment
from righthelp.conftest import Cast
from righthelp.core.outcome_bits import outcome_bits
from righthelp.families.models import Family


def _decided_at_risk_support(cast: Cast) -> Assessment:
    assessment = services.assessment_start(family=cast.family, by=cast.alice)
    services.assessment_record_findings(
        assessment=assessment,
        by=cast.alice,
        expected_version=assessment.version,
        outcome_number=6,
        findings={"safe-41": {cast.child.pk}},
    )
    services.assessment_record_conversation(
        assessment=assessment,
        by=cast.alice,
        expected_version=assessment.version,
        texts={"child_wishes": "Tom told his teacher."},
    )
    return services.assessment_submit(
        assessment=assessment, by=cast.alice, expected_version=assessment.version, chosen_level=5
    )


def _family(cast: Cast) -> Family:
    return Family.objects.get(pk=cast.family.pk)


def test_a_new_family_has_no_level_and_nothing_pending(cast: Cast) -> None:
    family = _family(cast)
    assert (family.current_level, family.pending_level, family.pending_since) == (None, None, None)


def test_a_decision_waiting_for_sign_off_is_pending_at_its_level(cast: Cast) -> None:
    assessment = _decided_at_risk_support(cast)
    family = _family(cast)
    assert (family.current_level, family.pending_level) == (None, 5)
    assert family.pending_since == assessment.submitted_at


def test_signed_off_the_level_is_current_and_nothing_is_pending(cast: Cast) -> None:
    assessment = _decided_at_risk_support(cast)
    services.assessment_sign_off(assessment=assessment, by=cast.bob)
    family = _family(cast)
    assert (family.current_level, family.current_level_pack) == (5, "stoke-on-trent")
    assert (family.pending_level, family.pending_since) == (None, None)
    assert family.current_level_at == Assessment.objects.get(pk=assessment.pk).completed_at
    # Its findings were under outcome 6 only: what the dashboard counts by outcome area.
    assert family.current_outcomes == outcome_bits([6])


def test_returned_to_the_practitioner_nothing_is_pending(cast: Cast) -> None:
    assessment = _decided_at_risk_support(cast)
    services.assessment_return(assessment=assessment, by=cast.bob, comment="Talk to school.")
    family = _family(cast)
    assert (family.current_level, family.pending_level) == (None, None)
    assert family.current_outcomes == 0
