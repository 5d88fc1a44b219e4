"""A small partnership with known answers: families with completed assessments at known
levels, outcomes and dates, made through the services the pages use, then dated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from righthelp.accounts.models import User
from righthelp.assessments import services as assessments
from righthelp.assessments.family_level import family_level_refresh
from righthelp.assessments.models import Assessment
from righthelp.conftest import Cast
from righthelp.families.models import Family
from righthelp.testing.factories import add_person, make_family


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, 0, tzinfo=ZoneInfo("Europe/London"))


def complete(
    family: Family,
    by: User,
    findings: dict[str, int],
    level: int,
    when: dt.datetime,
) -> Assessment:
    """A completed assessment: indicator id -> outcome number, at ``level``, on ``when``."""
    assessment = assessments.assessment_start(family=family, by=by)
    by_outcome: dict[int, dict[str, set[UUID | None]]] = {}
    for indicator, outcome in findings.items():
        by_outcome.setdefault(outcome, {})[indicator] = {None}
    for outcome, ticks in by_outcome.items():
        assessment.refresh_from_db()
        assessments.assessment_record_findings(
            assessment=assessment,
            by=by,
            expected_version=assessment.version,
            outcome_number=outcome,
            findings=ticks,
        )
    assessment.refresh_from_db()
    assessments.assessment_record_conversation(
        assessment=assessment,
        by=by,
        expected_version=assessment.version,
        texts={"child_wishes": "Recorded in the notes."},
    )
    assessment.refresh_from_db()
    assessments.assessment_submit(
        assessment=assessment,
        by=by,
        expected_version=assessment.version,
        chosen_level=level,
        override_reason="Known-answer test: the level is set by the test.",
    )
    Assessment.objects.filter(pk=assessment.pk).update(completed_at=when, submitted_at=when)
    # Backdated behind the service's back, so the family's kept level is refreshed as a
    # write would have.
    family_level_refresh(family.pk)
    return assessment


@dataclass
class Known:
    amber: Family
    birch: Family
    cedar: Family
    dale: Family


def known_families(cast: Cast) -> Known:
    """
    - Amber (alice): level 2 on 10 Jan 2025 (outcome 2), level 3 on 15 Jun 2025
      (outcomes 1 and 5);
    - Birch (alice): level 4 on 1 Mar 2025 (outcome 7);
    - Cedar (charlie, another team): level 2 on 1 May 2025 (outcome 10);
    - Dale (alice): a draft only (outcome 9), so not assessed;
    - the Ash household (the cast's): nothing, so not assessed.
    """
    amber = make_family(cast.alice, "Amber household")
    birch = make_family(cast.alice, "Birch household")
    cedar = make_family(cast.charlie, "Cedar household")
    dale = make_family(cast.alice, "Dale household")
    for family, lead in ((amber, cast.alice), (birch, cast.alice), (cedar, cast.charlie)):
        add_person(family, lead, "Sam")
    complete(amber, cast.alice, {"eyd-10": 2}, 2, at(2025, 1, 10))
    complete(amber, cast.alice, {"fam-15": 5, "edu-10": 1}, 3, at(2025, 6, 15))
    complete(birch, cast.alice, {"crime-06": 7}, 4, at(2025, 3, 1))
    complete(cedar, cast.charlie, {"fin-03": 10}, 2, at(2025, 5, 1))
    draft = assessments.assessment_start(family=dale, by=cast.alice)
    assessments.assessment_record_findings(
        assessment=draft,
        by=cast.alice,
        expected_version=draft.version,
        outcome_number=9,
        findings={"house-04": {None}},
    )
    return Known(amber, birch, cedar, dale)
