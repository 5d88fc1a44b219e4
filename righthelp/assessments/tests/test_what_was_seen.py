"""Alice writes what she saw; indicators that may describe it are suggested beside the outcome
pages. She decides: nothing is ticked and no level comes from the suggestions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.assessments.models import Assessment, IndicatorFinding
from righthelp.assessments.services import assessment_start, pack_of
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.packstore.suggestions import suggest
from righthelp.suggest.ranking import DEFAULT_TOP

SEEN = (
    "Julia's attendance is 84% and she is late most mornings. "
    "The landlord has served notice and they have to be out next month."
)


@pytest.fixture
def assessment(cast: Cast) -> Assessment:
    return assessment_start(family=cast.family, by=cast.alice)


def _url(name: str, cast: Cast, assessment: Assessment, *more: object) -> str:
    return reverse(f"assessments:{name}", args=[cast.family.pk, assessment.pk, *more])


def test_what_was_seen_is_saved_audited_and_gives_suggestions_beside_the_outcomes(
    client: Client, cast: Cast, assessment: Assessment
) -> None:
    client.force_login(cast.alice)
    task_list = client.get(_url("task-list", cast, assessment)).content.decode()
    assert _url("what-was-seen", cast, assessment) in task_list
    # Before anything is written, the outcome page says where to write it.
    html = client.get(_url("outcome", cast, assessment, 1)).content.decode()
    assert "Write or paste what you have seen" in html

    response = client.post(
        _url("what-was-seen", cast, assessment),
        {"what_was_seen": SEEN, "version": assessment.version},
    )
    assert response["Location"].endswith("/what-was-seen/#suggestions")
    assessment.refresh_from_db()
    assert assessment.what_was_seen == SEEN
    event = AuditEvent.objects.filter(record_id=assessment.pk, action=Action.CHANGED).latest("pk")
    assert event.detail == {"fields": ["what_was_seen"]}  # the field, never the text

    page = client.get(_url("what-was-seen", cast, assessment)).content.decode()
    assert "Indicators that may match" in page and "Suggestions are not findings" in page
    assert "Poor punctuality, frequent absence from school, attendance below 90%." in page
    assert "Family at risk of eviction." in page
    assert "Matched: <q" in page
    assert _url("outcome", cast, assessment, 1) in page

    education = client.get(_url("outcome", cast, assessment, 1)).content.decode()
    aside = education[education.index("Suggested from what was seen") :]
    assert "Poor punctuality, frequent absence from school" in aside
    assert "Julia&#x27;s attendance is 84%" in aside
    assert " checked" not in education  # nothing ticked for her
    assert not IndicatorFinding.objects.filter(assessment=assessment).exists()
    assessment.refresh_from_db()
    assert assessment.indicator_level is None  # and no level from suggestions


def test_an_outcome_with_no_suggestion_says_so_honestly(
    client: Client, cast: Cast, assessment: Assessment
) -> None:
    client.force_login(cast.alice)
    note = "The case went to MARAC last week."
    client.post(_url("what-was-seen", cast, assessment), {"what_was_seen": note, "version": 1})
    suggested = {g.outcome for g in suggest(pack_of(assessment), note).grouped(DEFAULT_TOP)}
    assert 8 in suggested  # Case referred/heard at MARAC.
    assert (
        "Case referred/heard at MARAC."
        in client.get(_url("outcome", cast, assessment, 8)).content.decode()
    )
    elsewhere = min(set(range(1, 11)) - suggested)
    html = client.get(_url("outcome", cast, assessment, elsewhere)).content.decode()
    assert "None of the closest suggestions is under this outcome" in html
    assert "does not mean nothing here applies" in html


def test_too_long_is_named_and_kept(client: Client, cast: Cast, assessment: Assessment) -> None:
    client.force_login(cast.alice)
    text = "Late again. " * 500
    html = client.post(
        _url("what-was-seen", cast, assessment), {"what_was_seen": text, "version": 1}
    ).content.decode()
    assert "5,000 characters or fewer" in html and "Late again." in html
    assessment.refresh_from_db()
    assert assessment.what_was_seen == ""


def test_someone_not_working_with_the_family_is_refused(
    client: Client, cast: Cast, assessment: Assessment
) -> None:
    client.force_login(cast.charlie)
    url = _url("what-was-seen", cast, assessment)
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"what_was_seen": SEEN, "version": 1}).status_code in (403, 404)
    assessment.refresh_from_db()
    assert assessment.what_was_seen == ""


def test_what_was_seen_is_part_of_the_record_on_the_check_page_and_in_the_api(
    client: Client, cast: Cast, assessment: Assessment
) -> None:
    from righthelp.api.tokens import token_issue

    client.force_login(cast.alice)
    client.post(_url("what-was-seen", cast, assessment), {"what_was_seen": SEEN, "version": 1})
    check = client.get(_url("check", cast, assessment)).content.decode()
    assert "What was seen" in check and "Julia&#x27;s attendance is 84%" in check
    token = token_issue(user=cast.alice, name="Case system", by=None).secret
    answer = client.get(
        f"/api/v1/families/{cast.family.pk}/assessments/{assessment.pk}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert answer["what_was_seen"] == SEEN
