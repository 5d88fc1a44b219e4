"""Who may open each self-assessment page. The analyst runs rounds and sees everything of
their partnership; people of an agency complete their own agency's response and nothing
else; administrators, anonymous people and anyone from another partnership get nothing.
Every self-assessment URL is tried with the wrong people."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from righthelp.accounts.models import Role, User
from righthelp.conftest import Cast
from righthelp.self_assessment import services
from righthelp.self_assessment.models import AgencyResponse, Round
from righthelp.self_assessment.tests.helpers import open_round
from righthelp.testing.factories import make_user, team


@dataclass
class Setup:
    cast: Cast
    paula: User  # police: another agency of the same partnership
    zara: User  # an analyst of another partnership
    yan: User  # a practitioner of another partnership
    round: Round
    response: AgencyResponse  # the Children's Services response
    action_id: int


@pytest.fixture
def setup(cast: Cast) -> Setup:
    paula = make_user("paula", team_=team("Neighbourhood policing", "Police"))
    zara = make_user("zara", role=Role.ANALYST, team_=team("Unit", "Partnership", slug="elsewhere"))
    yan = make_user("yan", team_=team("Early Help", "Children's Services", slug="elsewhere"))
    assert cast.alice.team is not None and paula.team is not None
    round_ = open_round(cast.dana, [cast.alice.team.agency, paula.team.agency])
    response = AgencyResponse.objects.get(round=round_, agency=cast.alice.team.agency)
    action = services.action_add(
        round_=round_,
        by=cast.dana,
        text="Train staff",
        owner=cast.alice.team.agency,
        due_on=round_.closes_on,
    )
    return Setup(cast, paula, zara, yan, round_, response, action.pk)


ANALYST_ONLY = {
    "self_assessment:round-new": {},
    "self_assessment:round": {"round_id"},
    "self_assessment:round-close": {"round_id"},
    "self_assessment:round-compare": {"round_id"},
    "self_assessment:export": {"round_id", "key", "file_format"},
    "self_assessment:action-new": {"round_id"},
    "self_assessment:action-edit": {"round_id", "action_id"},
}
RESPONSE_PAGES = {
    "self_assessment:response-tasks",
    "self_assessment:response-area",
    "self_assessment:response-check",
}


def _patterns() -> list[URLPattern]:
    resolver = next(
        r
        for r in get_resolver().url_patterns
        if isinstance(r, URLResolver) and r.namespace == "self_assessment"
    )
    return [p for p in resolver.url_patterns if isinstance(p, URLPattern)]


def test_every_self_assessment_url_is_covered_here() -> None:
    names = {f"self_assessment:{p.name}" for p in _patterns()}
    assert names == set(ANALYST_ONLY) | RESPONSE_PAGES | {"self_assessment:index"}


def _url(name: str, setup: Setup) -> str:
    values = {
        "round_id": setup.round.pk,
        "response_id": setup.response.pk,
        "section_id": "recording",
        "key": "self-assessment-heatmap",
        "file_format": "csv",
        "action_id": setup.action_id,
    }
    pattern = next(p for p in _patterns() if p.name == name.split(":")[1])
    kwargs = {k: values[k] for k in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(ANALYST_ONLY))
@pytest.mark.parametrize(
    ("who", "status"), [("alice", 403), ("bob", 403), ("erin", 403), ("zara", 404), ("yan", 404)]
)
def test_analyst_pages_refuse_everyone_else(
    client: Client, setup: Setup, name: str, who: str, status: int
) -> None:
    user = getattr(setup.cast, who, None) or getattr(setup, who)
    client.force_login(user)
    url = _url(name, setup)
    got = client.post(url) if name == "self_assessment:round-close" else client.get(url)
    expected = status
    if name == "self_assessment:round-new":  # an analyst anywhere may open one in their own
        expected = 200 if who == "zara" else 403
    assert got.status_code == expected
    setup.round.refresh_from_db()
    assert setup.round.is_open


@pytest.mark.parametrize("name", sorted(RESPONSE_PAGES))
@pytest.mark.parametrize(
    ("who", "status"), [("paula", 403), ("erin", 403), ("zara", 404), ("yan", 404)]
)
def test_response_pages_refuse_other_agencies_and_partnerships(
    client: Client, setup: Setup, name: str, who: str, status: int
) -> None:
    user = getattr(setup.cast, who, None) or getattr(setup, who)
    client.force_login(user)
    assert client.get(_url(name, setup)).status_code == status
    assert client.post(_url(name, setup), {"version": 1}).status_code == status


@pytest.mark.parametrize(
    "name", sorted(RESPONSE_PAGES | set(ANALYST_ONLY) | {"self_assessment:index"})
)
def test_anonymous_people_are_sent_to_sign_in(client: Client, setup: Setup, name: str) -> None:
    response = client.get(_url(name, setup))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_anyone_of_the_agency_may_complete_its_response(
    client: Client, setup: Setup, who: str
) -> None:
    client.force_login(getattr(setup.cast, who))
    assert client.get(_url("self_assessment:response-area", setup)).status_code == 200
    index = client.get(reverse("self_assessment:index")).content.decode()
    assert "Round 2026" in index


def test_the_analyst_reads_a_response_but_does_not_complete_it(
    client: Client, setup: Setup
) -> None:
    client.force_login(setup.cast.dana)
    assert client.get(_url("self_assessment:response-area", setup))["Location"].endswith("/check/")
    page = client.get(_url("self_assessment:response-check", setup))
    assert page.status_code == 200
    assert "Submit" not in page.content.decode().split("<main")[1].split("</main>")[0].replace(
        "submitted", ""
    )


def test_administrators_have_no_self_assessment(client: Client, setup: Setup) -> None:
    client.force_login(setup.cast.erin)
    assert client.get(reverse("self_assessment:index")).status_code == 403
