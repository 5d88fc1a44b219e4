"""The family overview and assessment pages cost the same number of queries however many
people, indicators and assessments there are."""

from __future__ import annotations

from uuid import UUID

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from righthelp.assessments.models import Assessment
from righthelp.assessments.services import (
    assessment_record_conversation,
    assessment_record_findings,
    assessment_start,
    assessment_submit,
)
from righthelp.conftest import Cast
from righthelp.families.models import RelationshipKind
from righthelp.families.services import relationship_set
from righthelp.testing.factories import add_person


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _completed_assessment(
    cast: Cast, ticks: dict[str, set[UUID | None]], outcome: int, level: int
) -> Assessment:
    assessment = assessment_start(family=cast.family, by=cast.alice)
    assessment_record_findings(
        assessment=assessment,
        by=cast.alice,
        expected_version=1,
        outcome_number=outcome,
        findings=ticks,
    )
    assessment_record_conversation(
        assessment=assessment, by=cast.alice, expected_version=2, texts={"child_wishes": "words"}
    )
    assessment_submit(
        assessment=assessment,
        by=cast.alice,
        expected_version=3,
        chosen_level=level,
    )
    return assessment


def _grow(cast: Cast) -> None:
    for index in range(6):
        person = add_person(cast.family, cast.alice, f"Child{index}")
        relationship_set(
            family=cast.family,
            by=cast.alice,
            person=cast.parent,
            relative=person,
            kind=RelationshipKind.PARENT,
        )


def test_the_overview_does_not_query_per_member_or_assessment(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    url = reverse("families:overview", args=[cast.family.pk])
    _completed_assessment(cast, {"edu-07": {cast.child.pk}}, 1, level=2)
    small = _queries(client, url)
    _grow(cast)
    _completed_assessment(cast, {"fam-15": {cast.parent.pk}, "fam-16": {None}}, 5, level=3)
    assert _queries(client, url) == small
    # 14, the navigation's one count of waiting work, and on PostgreSQL the audit chain's lock.
    assert small <= 16


def test_the_assessment_pages_do_not_query_per_indicator_or_person(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    assessment = assessment_start(family=cast.family, by=cast.alice)
    pages = {
        "outcome": reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, 6]),
        "check": reverse("assessments:check", args=[cast.family.pk, assessment.pk]),
        "tasks": reverse("assessments:task-list", args=[cast.family.pk, assessment.pk]),
    }
    assessment_record_findings(
        assessment=assessment,
        by=cast.alice,
        expected_version=1,
        outcome_number=6,
        findings={"safe-13": {cast.child.pk}},
    )
    small = {name: _queries(client, url) for name, url in pages.items()}
    _grow(cast)
    everyone: set[UUID | None] = {p.pk for p in cast.family.members.all()} | {None}
    assessment.refresh_from_db()
    assessment_record_findings(
        assessment=assessment,
        by=cast.alice,
        expected_version=assessment.version,
        outcome_number=6,
        findings={f"safe-{n:02d}": everyone for n in range(13, 40)},
    )
    large = {name: _queries(client, url) for name, url in pages.items()}
    assert large == small
    assert max(small.values()) <= 14
