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
from righthelp.families.access import family_for
from righthelp.families.models import Family, RelationshipKind
from righthelp.families.open_work import open_work, open_work_columns
from righthelp.families.selectors import family_overview, overview_columns
from righthelp.families.services import relationship_set
from righthelp.partnerships.models import Agency
from righthelp.partnerships.selectors import pack_rows, pack_set_for
from righthelp.synth.generator import synthesise
from righthelp.testing.factories import add_person

OVERVIEW_QUERIES = 11
ASSESSMENT_QUERIES = 10
"""The two hot pages of a family (issue 9): each a fixed number of queries, whatever the
size of the family's history or of the caseload."""


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _completed_assessment(
    cast: Cast, ticks: dict[str, set[UUID | None]], outcome: int, level: int, reason: str = ""
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
        override_reason=reason,
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
    # Was 16 (14 on SQLite). Now 11 on both: the session, the user, the family with
    # whether the user may see it, what it has open, its relationships, its agencies and
    # its partnership's packs (one query); the audit event (BEGIN, the chain's lock and last
    # hash in one round trip, INSERT, COMMIT); the assessments, the people, the workers;
    # the navigation's one count of waiting work. A plan or a screening adds one each.
    assert small == OVERVIEW_QUERIES


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


def test_the_assessment_page_does_not_query_per_finding_person_or_assessment(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    assessment = _completed_assessment(cast, {"edu-07": {cast.child.pk}}, 1, level=2)
    url = reverse("assessments:view", args=[cast.family.pk, assessment.pk])
    small = _queries(client, url)
    _grow(cast)
    _completed_assessment(cast, {"fam-15": {cast.parent.pk}, "fam-16": {None}}, 5, level=3)
    everyone: set[UUID | None] = {p.pk for p in cast.family.members.all()} | {None}
    many = {f"safe-{n:02d}": everyone for n in range(13, 30)}
    big = _completed_assessment(cast, many, 6, level=3, reason="Agreed at the meeting")
    assert _queries(client, url) == small
    assert _queries(client, reverse("assessments:view", args=[cast.family.pk, big.pk])) == small
    # Was 16 (14 on SQLite). Now 10 on both: the session, the user, the family with whether
    # the user may see it and its partnership's packs (read once for the summary, the
    # workflow and the next steps); the audit event (four: see the overview's); the
    # assessment with whether the family's plan is open; its findings with the people they
    # name; the navigation's count.
    assert small == ASSESSMENT_QUERIES


def test_the_family_pages_cost_the_same_queries_however_many_families(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    assessment = _completed_assessment(cast, {"edu-07": {cast.child.pk}}, 1, level=2)
    urls = (
        reverse("families:overview", args=[cast.family.pk]),
        reverse("assessments:view", args=[cast.family.pk, assessment.pk]),
    )
    few = [_queries(client, url) for url in urls]
    synthesise(partnership=cast.alice.partnership, families=40, seed=5)  # type: ignore[arg-type]
    assert [_queries(client, url) for url in urls] == few == [OVERVIEW_QUERIES, ASSESSMENT_QUERIES]


def test_what_the_family_query_carries_is_what_the_separate_reads_give(cast: Cast) -> None:
    """The overview's columns read with the family (``family_for(..., annotate=...)``) give
    the same relationships, agencies, open work and pack order as reading each on its own."""
    _grow(cast)
    police = Agency.objects.create(partnership=cast.family.partnership, name="Police")
    school = Agency.objects.create(partnership=cast.family.partnership, name="A school")
    cast.family.agencies.add(police, school)
    _completed_assessment(cast, {"edu-07": {cast.child.pk}}, 1, level=2)
    columns = {**open_work_columns(), **overview_columns(), "pack_rows": pack_rows()}
    carried = family_for(cast.alice, cast.family.pk, looking_at="test", annotate=columns)
    plain = Family.objects.select_related("partnership").get(pk=cast.family.pk)

    def shown(family: Family) -> tuple[object, ...]:
        overview = family_overview(family)
        return (
            [(r.pk, r.person, r.relative, r.kind) for r in overview.relationships],
            [(a.pk, a.name) for a in overview.agencies],
            open_work(family),
            [p.id for p in pack_set_for(family.partnership, getattr(family, "pack_rows", None))],
        )

    assert len(family_overview(plain).relationships) == 6
    assert [a.name for a in family_overview(plain).agencies][:2] == ["A school", "Police"]
    with CaptureQueriesContext(connection) as with_columns:
        carried_shown = shown(carried)
    with CaptureQueriesContext(connection) as without:
        plain_shown = shown(plain)
    assert carried_shown == plain_shown
    assert len(without) - len(with_columns) == 4  # relationships, agencies, open work, packs
