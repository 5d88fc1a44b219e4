"""A threshold decision waiting for a manager's sign-off, made through the services."""

from __future__ import annotations

import datetime as dt

from righthelp.accounts.models import User
from righthelp.assessments import services
from righthelp.assessments.family_level import family_level_refresh
from righthelp.assessments.models import Assessment
from righthelp.families.models import Family, Person


def decided_at_risk_support(
    family: Family, by: User, child: Person, *, days_ago: int = 0
) -> Assessment:
    """A level 5 decision by ``by`` for ``family``, submitted ``days_ago`` days ago."""
    assessment = services.assessment_start(family=family, by=by)
    services.assessment_record_findings(
        assessment=assessment,
        by=by,
        expected_version=assessment.version,
        outcome_number=6,
        findings={"safe-41": {child.pk}},
    )
    services.assessment_record_conversation(
        assessment=assessment,
        by=by,
        expected_version=assessment.version,
        texts={"child_wishes": "Told their teacher."},
    )
    submitted = services.assessment_submit(
        assessment=assessment, by=by, expected_version=assessment.version, chosen_level=5
    )
    if days_ago:
        assert submitted.submitted_at is not None
        Assessment.objects.filter(pk=submitted.pk).update(
            submitted_at=submitted.submitted_at - dt.timedelta(days=days_ago)
        )
        family_level_refresh(family.pk)
        submitted.refresh_from_db()
    return submitted
