"""The outcome page's "what the indicators point to" (the core rule over this page's ticks and
the other outcomes' saved ones, labelled as a reading), and the result page's panel and next
steps."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.assessments.models import Assessment
from righthelp.assessments.services import pack_of
from righthelp.conftest import Cast
from righthelp.core.need_level import LEVEL_SHOWN


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def _start(client: Client, cast: Cast) -> Assessment:
    client.post(reverse("assessments:start", args=[cast.family.pk]))
    return Assessment.objects.get(family=cast.family)


def _highest_in(assessment: Assessment, number: int) -> tuple[str, int]:
    outcome = next(o for o in pack_of(assessment).outcomes if o.number == number)
    top = max(outcome.indicators, key=lambda i: i.level)
    return top.id, top.level


def test_the_page_says_what_the_saved_ticks_point_to_and_that_it_is_no_decision(
    alice: Client, cast: Cast
) -> None:
    assessment = _start(alice, cast)
    url = reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, 1])
    html = unescape(alice.get(url).content.decode())
    assert "What the indicators point to" in html and "Nothing is ticked yet." in html
    assert "This is not a decision." in html and LEVEL_SHOWN in html
    assert 'data-rh-points-to="' in html and 'id="indicator-filter"' in html

    alice.post(
        url,
        {"version": assessment.version, "indicators": ["edu-07"], "people-edu-07": ["family"]},
    )
    page2 = reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, 2])
    html = unescape(alice.get(page2).content.decode())
    summary = html.split('id="points-to"')[1].split("</div>")[0]
    assert "2. Getting Advice" in summary  # outcome 1's saved tick counts on outcome 2's page


def test_the_live_reading_counts_this_pages_ticks_and_the_other_outcomes_saved_ones(
    alice: Client, cast: Cast
) -> None:
    assessment = _start(alice, cast)
    alice.post(
        reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, 1]),
        {"version": assessment.version, "indicators": ["edu-07"], "people-edu-07": ["family"]},
    )
    top, level = _highest_in(assessment, 2)
    assert level > 2
    url = reverse("assessments:outcome-points-to", args=[cast.family.pk, assessment.pk, 2])
    html = unescape(alice.get(url, {"indicators": [top]}).content.decode())
    name = pack_of(assessment).level(level).name
    assert f"{level}. {name}" in html and "From 1 indicator at that level" in html
    # Unticked on this page: back to what outcome 1 has saved.
    assert "2. Getting Advice" in unescape(alice.get(url).content.decode())
    # An indicator of another outcome, or one that does not exist, does not count here.
    assert "2. Getting Advice" in unescape(
        alice.get(
            url, {"indicators": ["nothing-99", _highest_in(assessment, 3)[0]]}
        ).content.decode()
    )
    assert Assessment.objects.get().findings.count() == 1  # nothing saved


def test_the_live_reading_is_for_people_who_may_see_the_family(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assessment = _start(client, cast)
    url = reverse("assessments:outcome-points-to", args=[cast.family.pk, assessment.pk, 1])
    client.force_login(cast.charlie)
    assert client.get(url).status_code in (403, 404)


def _complete_at_getting_advice(client: Client, cast: Cast) -> Assessment:
    assessment = _start(client, cast)
    client.post(
        reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, 1]),
        {"version": assessment.version, "indicators": ["edu-07"], "people-edu-07": ["family"]},
    )
    client.post(
        reverse("assessments:conversation", args=[cast.family.pk, assessment.pk]),
        {"version": Assessment.objects.get().version, "child_wishes": "Tom's words"},
    )
    client.post(
        reverse("assessments:check", args=[cast.family.pk, assessment.pk]),
        {"level": 2, "version": Assessment.objects.get().version},
    )
    return Assessment.objects.get()


def test_the_result_is_a_panel_with_the_next_steps_the_packs_support(
    alice: Client, cast: Cast
) -> None:
    assessment = _complete_at_getting_advice(alice, cast)
    html = unescape(
        alice.get(
            reverse("assessments:view", args=[cast.family.pk, assessment.pk])
        ).content.decode()
    )
    panel = html.split('class="govuk-panel govuk-panel--confirmation')[1].split("</div>\n")[0]
    assert "Level of need: 2" in panel and "Getting Advice" in panel
    assert f'href="{reverse("referrals:new", args=[cast.family.pk])}"' in html
    assert "Make a request for service" in html
    # The test partnership's packs hold Supporting Families criteria, so a plan is offered.
    assert f'href="{reverse("plans:home", args=[cast.family.pk])}"' in html
    assert "Start a family plan" in html


def test_no_plan_is_offered_where_the_packs_hold_no_criteria(
    alice: Client, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from righthelp.assessments import selectors, views
    from righthelp.partnerships.selectors import pack_set_for as real

    assessment = _complete_at_getting_advice(alice, cast)

    class NoCriteria:
        def __init__(self, packs: object) -> None:
            self.packs = packs

        criteria = ()

    monkeypatch.setattr(selectors, "pack_set_for", lambda p: NoCriteria(real(p)))
    # The page reads the pack set once and hands it to the selectors.
    monkeypatch.setattr(views, "pack_set_for", lambda p, rows=None: NoCriteria(real(p, rows)))
    html = alice.get(
        reverse("assessments:view", args=[cast.family.pk, assessment.pk])
    ).content.decode()
    assert "Make a request for service" in html and "family plan" not in html


def test_the_result_page_names_the_level_once_in_its_panel(alice: Client, cast: Cast) -> None:
    """The panel says the level; the box below it says what set it and what it calls for,
    without a second heading and tag for the same level."""
    assessment = _complete_at_getting_advice(alice, cast)
    html = unescape(
        alice.get(
            reverse("assessments:view", args=[cast.family.pk, assessment.pk])
        ).content.decode()
    )
    below = html.split('class="govuk-panel govuk-panel--confirmation')[1].split("</div>\n", 1)[1]
    assert "Getting Advice" not in below.split("What this level calls for")[0]
    assert "What this level calls for" in below
