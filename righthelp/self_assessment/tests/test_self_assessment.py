"""The partnership self-assessment through its pages: the analyst opens a round, two
agencies complete it, and the analyst sees the heatmap, the gaps, the action plan and the
comparison with an earlier round. Each figure is pinned by a known answer."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.accounts.models import User
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.core.round_comparison import Change
from righthelp.partnerships.models import Agency
from righthelp.self_assessment import services
from righthelp.self_assessment.models import (
    ActionStatus,
    AgencyResponse,
    QuestionRating,
    ResponseStatus,
    Round,
)
from righthelp.self_assessment.selectors import compare, round_view
from righthelp.self_assessment.tests.helpers import answer_all, open_round
from righthelp.testing.factories import make_user, team


@dataclass
class World:
    cast: Cast
    paula: User  # a practitioner of the police
    childrens: Agency
    police: Agency
    round: Round

    def response(self, agency: Agency) -> AgencyResponse:
        return AgencyResponse.objects.get(round=self.round, agency=agency)


@pytest.fixture
def world(cast: Cast) -> World:
    paula = make_user("paula", team_=team("Neighbourhood policing", "Police"))
    assert cast.alice.team is not None and paula.team is not None
    childrens, police = cast.alice.team.agency, paula.team.agency
    round_ = open_round(cast.dana, [childrens, police])
    return World(cast, paula, childrens, police, round_)


def _area_data(
    world: World, response: AgencyResponse, answers: dict[str, tuple[str, str]]
) -> dict[str, object]:
    response.refresh_from_db()
    data: dict[str, object] = {"version": response.version}
    for question_id, (rating, evidence) in answers.items():
        data[f"rating-{question_id}"] = rating
        data[f"evidence-{question_id}"] = evidence
    return data


def test_an_agency_saves_an_area_as_it_goes_and_moves_to_the_next(
    client: Client, world: World
) -> None:
    client.force_login(world.cast.alice)
    response = world.response(world.childrens)
    tasks = client.get(
        reverse("self_assessment:response-tasks", args=[world.round.pk, response.pk])
    )
    assert "Service response/collaboration" in tasks.content.decode()
    url = reverse(
        "self_assessment:response-area", args=[world.round.pk, response.pk, "service-response"]
    )
    page = client.get(url).content.decode()
    assert "1.8 Is there evidence that children and families voices are heard" in page
    assert "Minimal evidence" in page and "No evidence" in page
    posted = client.post(
        url,
        _area_data(
            world, response, {"q1-1": ("good", "Shared definition in policy"), "q1-2": ("none", "")}
        ),
    )
    assert posted["Location"].endswith("/areas/information-sharing/")
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS
    assert response.sections_saved == ["service-response"]
    assert dict(
        QuestionRating.objects.filter(response=response).values_list("question_id", "rating")
    ) == {
        "q1-1": "good",
        "q1-2": "none",
    }


def test_evidence_saves_in_the_background_as_it_is_typed(client: Client, world: World) -> None:
    response = world.response(world.childrens)
    url = reverse(
        "self_assessment:response-area", args=[world.round.pk, response.pk, "service-response"]
    )
    client.force_login(world.cast.alice)
    background = {"X-Autosave": "1"}
    saved = client.post(
        url, _area_data(world, response, {"q1-1": ("some", "Half a sentence")}), headers=background
    )
    assert saved.status_code == 200 and saved.json()["detail"].startswith("Draft saved")
    assert QuestionRating.objects.get(response=response, question_id="q1-1").evidence == (
        "Half a sentence"
    )
    response.refresh_from_db()
    assert saved.json()["version"] == response.version
    # Once submitted, a late background save is refused, not applied.
    answer_all(response, world.cast.alice, {}, "good")
    late = client.post(url, {"version": response.version}, headers=background)
    assert late.status_code in (302, 409)
    assert QuestionRating.objects.get(response=response, question_id="q1-1").rating == "good"


def test_a_stale_page_is_refused_showing_both_and_keeping_what_was_typed(
    client: Client, world: World
) -> None:
    response = world.response(world.childrens)
    url = reverse(
        "self_assessment:response-area", args=[world.round.pk, response.pk, "service-response"]
    )
    client.force_login(world.cast.alice)
    mine = _area_data(world, response, {"q1-1": ("some", "My evidence, typed carefully")})
    client.force_login(world.cast.bob)  # bob, of the same agency, saves first
    client.post(url, _area_data(world, response, {"q1-1": ("good", "Bob's evidence")}))
    client.force_login(world.cast.alice)
    page = client.post(url, mine)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Someone else saved this self-assessment after you opened this page" in html
    assert "Saved now for 1.1: Good evidence" in html and "Bob&#x27;s evidence" in html
    assert "My evidence, typed carefully" in html
    assert QuestionRating.objects.get(response=response, question_id="q1-1").rating == "good"


def test_submitting_needs_every_rating_and_evidence_for_good_or_some(
    client: Client, world: World
) -> None:
    response = world.response(world.police)
    client.force_login(world.paula)
    area = reverse("self_assessment:response-area", args=[world.round.pk, response.pk, "recording"])
    client.post(area, _area_data(world, response, {"q4-1": ("some", "")}))
    check = reverse("self_assessment:response-check", args=[world.round.pk, response.pk])
    response.refresh_from_db()
    page = client.post(check, {"version": response.version})
    html = page.content.decode()
    assert "There is a problem" in html
    assert "Give the evidence for question 4.1" in html
    assert "Rate question 1.1" in html
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS


def test_two_agencies_complete_it_and_the_analyst_sees_the_heatmap_and_the_gaps(
    client: Client, world: World
) -> None:
    answer_all(
        world.response(world.childrens),
        world.cast.alice,
        {"q1-2": "minimal", "q2-1": "none"},
        "good",
    )
    answer_all(world.response(world.police), world.paula, {"q1-2": "none", "q3-1": "some"}, "some")
    view = round_view(world.round)
    assert [a.name for a in view.heatmap.agencies] == ["Children's Services", "Police"]
    assert view.heatmap.cell("q1-2", "Police").label == "No evidence"
    assert view.heatmap.cell("q1-2", "Children's Services").label == "Minimal evidence"
    assert view.heatmap.cell("q1-1", "Children's Services").label == "Good evidence"
    assert [q.question.id for q in view.most_often_no_or_minimal] == ["q1-2", "q2-1"]
    service_response = view.aggregation.sections[0]
    assert dict(service_response.ratings.counts) == {"good": 8, "some": 8, "minimal": 1, "none": 1}

    client.force_login(world.cast.dana)
    html = client.get(reverse("self_assessment:round", args=[world.round.pk])).content.decode()
    assert "2 of 2 agencies have submitted" in html
    assert 'class="govuk-table__cell rh-heat rh-heat--3">No evidence</td>' in html
    assert "Questions most often rated no or minimal evidence" in html
    assert "50%" in html and "100%" in html

    exported = client.get(
        reverse("self_assessment:export", args=[world.round.pk, "self-assessment-heatmap", "csv"])
    )
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert ["Question", "Children's Services", "Police"] in rows
    row = next(r for r in rows if r and r[0].startswith("1.2 "))
    assert row[1:] == ["Minimal evidence", "No evidence"]
    assert (
        AuditEvent.objects.filter(
            action=Action.EXPORTED, record_type="self_assessment_export"
        ).count()
        == 1
    )


def test_the_analyst_adds_and_changes_an_action_linked_to_questions(
    client: Client, world: World
) -> None:
    client.force_login(world.cast.dana)
    new = reverse("self_assessment:action-new", args=[world.round.pk])
    page = client.get(new + "?question=q1-2").content.decode()
    assert 'value="q1-2" checked' in page
    empty = client.post(new, {})
    assert "Enter the action" in empty.content.decode()
    posted = client.post(
        new,
        {
            "text": "=Train every front-line team in the CCE definition",
            "owner": world.police.pk,
            "due_on_0": "30",
            "due_on_1": "9",
            "due_on_2": "2026",
            "status": ActionStatus.NOT_STARTED,
            "questions": ["q1-2", "q1-1"],
        },
    )
    assert posted.status_code == 302
    view = round_view(world.round)
    (linked,) = view.actions
    assert [q.id for q in linked.questions] == ["q1-1", "q1-2"]
    assert linked.action.owner == world.police
    edit = reverse("self_assessment:action-edit", args=[world.round.pk, linked.action.pk])
    stale_version = linked.action.version
    client.post(
        edit,
        {
            "text": linked.action.text,
            "owner": world.police.pk,
            "due_on_0": "30",
            "due_on_1": "9",
            "due_on_2": "2026",
            "status": ActionStatus.IN_PROGRESS,
            "questions": ["q1-2"],
            "version": stale_version,
        },
    )
    refused = client.post(
        edit,
        {
            "text": "Mine",
            "owner": world.childrens.pk,
            "due_on_0": "1",
            "due_on_1": "10",
            "due_on_2": "2026",
            "status": ActionStatus.DONE,
            "version": stale_version,
        },
    )
    assert "Someone else changed this action" in refused.content.decode()
    (linked,) = round_view(world.round).actions
    assert linked.action.status == ActionStatus.IN_PROGRESS
    assert [q.id for q in linked.questions] == ["q1-2"]
    exported = client.get(
        reverse(
            "self_assessment:export", args=[world.round.pk, "self-assessment-action-plan", "csv"]
        )
    )
    text = exported.content.decode("utf-8-sig")
    assert "'=Train every front-line team" in text  # neutralised: never runs as a formula


def test_comparing_two_rounds(client: Client, world: World) -> None:
    answer_all(
        world.response(world.childrens), world.cast.alice, {"q1-1": "none", "q1-2": "good"}, "some"
    )
    services.round_close(round_=world.round, by=world.cast.dana)
    later = open_round(world.cast.dana, [world.childrens], title="Round 2027")
    answer_all(
        AgencyResponse.objects.get(round=later),
        world.cast.alice,
        {"q1-1": "good", "q1-2": "none"},
        "some",
    )
    result = compare(world.round, later)
    changes = {q.question.id: q.change for q in result.comparison.questions}
    assert changes["q1-1"] is Change.IMPROVED
    assert changes["q1-2"] is Change.FELL_BACK
    assert changes["q2-1"] is Change.UNCHANGED

    client.force_login(world.cast.dana)
    url = reverse("self_assessment:round-compare", args=[later.pk]) + f"?earlier={world.round.pk}"
    html = client.get(url).content.decode()
    assert "Round 2027 compared with Round 2026" in html
    assert "1 question" in html
    assert "1.1 Is there a shared understanding" in html


def test_a_closed_round_cannot_be_changed(client: Client, world: World) -> None:
    client.force_login(world.cast.dana)
    client.post(reverse("self_assessment:round-close", args=[world.round.pk]))
    world.round.refresh_from_db()
    assert not world.round.is_open
    response = world.response(world.childrens)
    with pytest.raises(services.NotEditable):
        services.response_save_area(
            response=response,
            by=world.cast.alice,
            expected_version=response.version,
            section_id="recording",
            answers={},
        )
    client.force_login(world.cast.alice)
    area = reverse("self_assessment:response-area", args=[world.round.pk, response.pk, "recording"])
    assert client.get(area)["Location"].endswith("/check/")


def test_the_analyst_opens_a_round_through_the_form(client: Client, cast: Cast) -> None:
    client.force_login(cast.dana)
    page = client.post(reverse("self_assessment:round-new"), {"title": ""})
    assert "Enter a name for the round" in page.content.decode()
    assert cast.alice.team is not None
    posted = client.post(
        reverse("self_assessment:round-new"),
        {
            "title": "CCE self-assessment 2026",
            "opened_on_0": "5",
            "opened_on_1": "1",
            "opened_on_2": "2026",
            "closes_on_0": "31",
            "closes_on_1": "3",
            "closes_on_2": "2026",
            "agencies": [cast.alice.team.agency_id],
        },
    )
    round_ = Round.objects.get()
    assert posted["Location"] == reverse("self_assessment:round", args=[round_.pk])
    assert (round_.pack_id, round_.instrument_id) == (
        "partnership-self-assessment",
        "cce-self-assessment",
    )
    assert round_.pack_hash
    assert round_.responses.count() == 1
    event = AuditEvent.objects.get(record_type="self_assessment_round")
    assert event.action == Action.CREATED


def test_a_comparison_says_when_the_agencies_differ_and_compares_like_with_like(
    client: Client, world: World
) -> None:
    """The police answered 2026 only (every question "none"); in 2027 only Children's
    Services answered, the same as before. Like with like, nothing changed; with every
    answer, the police's absence would look like an improvement."""
    answer_all(world.response(world.childrens), world.cast.alice, {}, "some")
    answer_all(world.response(world.police), world.paula, {}, "none")
    services.round_close(round_=world.round, by=world.cast.dana)
    later = open_round(world.cast.dana, [world.childrens], title="Round 2027")
    answer_all(AgencyResponse.objects.get(round=later), world.cast.alice, {}, "some")

    like = compare(world.round, later)
    assert like.like_with_like and like.agencies_differ
    assert (like.in_both, like.only_earlier, like.only_later) == (
        ("Children's Services",),
        ("Police",),
        (),
    )
    assert like.comparison.counts()[Change.IMPROVED] == 0
    every = compare(world.round, later, like_with_like=False)
    assert every.comparison.counts()[Change.IMPROVED] > 0

    client.force_login(world.cast.dana)
    url = reverse("self_assessment:round-compare", args=[later.pk])
    html = client.get(url + f"?earlier={world.round.pk}").content.decode().replace("&#x27;", "'")
    assert "The agencies that answered differ between the rounds." in html
    assert "Only in Round 2026: Police." in html
    assert "Compared like with like: only the 1 agency that answered in both rounds" in html
    html = client.get(url + f"?earlier={world.round.pk}&agencies=all").content.decode()
    assert "Every answer in each round is compared" in html
