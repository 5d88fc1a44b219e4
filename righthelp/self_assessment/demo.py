"""The demo partnership's self-assessment: last year's round, closed, with four agencies'
answers and an action plan; and this year's, open, with two agencies submitted, one part
way through and one (Northfield Academy, the demo's `schoolsafeguarding`) not started.
So the heatmap, the action plan and the comparison of two rounds all show something.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.core.self_assessment_rules import Answer
from righthelp.partnerships.models import Agency, Partnership
from righthelp.self_assessment import services
from righthelp.self_assessment.models import (
    ActionStatus,
    AgencyResponse,
    Round,
)

# Who completes each agency's answers in the demo, by username.
AGENCY_LEADS = (
    ("Children's Services", "practitioner"),
    ("Staffordshire Police", "policelead"),
    ("0-19 Health Visiting and School Nursing", "healthlead"),
    ("Northfield Academy", "schoolsafeguarding"),
)
LAST_YEAR = ("good", "some", "minimal", "some", "none", "good", "minimal")
THIS_YEAR = ("good", "some", "good", "some", "minimal", "good", "some")
EVIDENCE = "{agency}: audit of ten case records and the training log, reviewed at the {forum}."


def _answers(
    round_: Round, agency: Agency, agency_index: int, pattern: tuple[str, ...], areas: int
) -> dict[str, dict[str, Answer]]:
    instrument = services.instrument_of(round_)
    by_area: dict[str, dict[str, Answer]] = {}
    number = 0
    for section in instrument.sections[:areas]:
        by_area[section.id] = {}
        for question in section.questions:
            rating = pattern[(number * 3 + agency_index * 2) % len(pattern)]
            evidence = (
                EVIDENCE.format(agency=agency.name, forum="partnership's CCE subgroup")
                if rating in ("good", "some")
                else ""
            )
            by_area[section.id][question.id] = Answer(rating, evidence)
            number += 1
    return by_area


def _complete(
    response: AgencyResponse,
    by: User,
    agency_index: int,
    pattern: tuple[str, ...],
    *,
    areas: int = 4,
    submit: bool = True,
) -> None:
    for section_id, answers in _answers(
        response.round, response.agency, agency_index, pattern, areas
    ).items():
        response.refresh_from_db()
        services.response_save_area(
            response=response,
            by=by,
            expected_version=response.version,
            section_id=section_id,
            answers=answers,
        )
    if submit:
        response.refresh_from_db()
        services.response_submit(response=response, by=by, expected_version=response.version)


def build_self_assessment(
    partnership: Partnership,
    users: dict[str, User],
    agency_leads: Sequence[tuple[str, str]] = AGENCY_LEADS,
) -> None:
    """``agency_leads``: (agency, who answers for it), Children's Services first, then the
    police, health and a school, as ``AGENCY_LEADS``."""
    analyst = users["analyst"]
    today = timezone.localdate()
    agencies = {a.name: a for a in Agency.objects.filter(partnership=partnership)}
    leads = [(agencies[name], users[username]) for name, username in agency_leads]

    last = services.round_open(
        partnership=partnership,
        by=analyst,
        title=f"CCE self-assessment {today.year - 1}",
        opened_on=today - timedelta(days=380),
        closes_on=today - timedelta(days=320),
        agencies=[agency for agency, _ in leads],
    )
    for index, (agency, lead) in enumerate(leads):
        _complete(AgencyResponse.objects.get(round=last, agency=agency), lead, index, LAST_YEAR)
    services.action_add(
        round_=last,
        by=analyst,
        text="Agree one definition of child criminal exploitation and brief every team.",
        owner=leads[0][0],
        due_on=today - timedelta(days=200),
        status=ActionStatus.DONE,
        question_ids=["q1-1", "q1-2"],
    )
    services.action_add(
        round_=last,
        by=analyst,
        text="Add a CCE flag to every agency's case recording system.",
        owner=leads[1][0],
        due_on=today + timedelta(days=60),
        status=ActionStatus.IN_PROGRESS,
        question_ids=["q4-1", "q4-4"],
    )
    services.round_close(round_=last, by=analyst)

    current = services.round_open(
        partnership=partnership,
        by=analyst,
        title=f"CCE self-assessment {today.year}",
        opened_on=today - timedelta(days=20),
        closes_on=today + timedelta(days=40),
        agencies=[agency for agency, _ in leads],
    )
    for index, (agency, lead) in enumerate(leads[:2]):
        _complete(AgencyResponse.objects.get(round=current, agency=agency), lead, index, THIS_YEAR)
    health, nurse = leads[2]
    _complete(
        AgencyResponse.objects.get(round=current, agency=health),
        nurse,
        2,
        THIS_YEAR,
        areas=1,
        submit=False,
    )
    services.action_add(
        round_=current,
        by=analyst,
        text="Run multi-agency training on recognising the signs of criminal exploitation.",
        owner=leads[2][0],
        due_on=today + timedelta(days=90),
        question_ids=["q1-5"],
    )
    # Dated into the past like the families' records, so the rounds read as a history.
    Round.objects.filter(pk=last.pk).update(closed_at=timezone.now() - timedelta(days=318))
    AgencyResponse.objects.filter(round=last).update(
        submitted_at=timezone.now() - timedelta(days=330)
    )
