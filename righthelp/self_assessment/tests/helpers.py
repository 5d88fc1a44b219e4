"""Rounds and answers for tests, made through the services the pages use."""

from __future__ import annotations

import datetime as dt

from righthelp.accounts.models import User
from righthelp.core.self_assessment_rules import Answer
from righthelp.partnerships.models import Agency
from righthelp.self_assessment import services
from righthelp.self_assessment.models import AgencyResponse, Round


def open_round(by: User, agencies: list[Agency], title: str = "Round 2026") -> Round:
    assert by.partnership is not None
    return services.round_open(
        partnership=by.partnership,
        by=by,
        title=title,
        opened_on=dt.date(2026, 1, 5),
        closes_on=dt.date(2026, 3, 31),
        agencies=agencies,
    )


def answer_all(response: AgencyResponse, by: User, ratings: dict[str, str], default: str) -> None:
    """Rate every question (``ratings`` by question id, else ``default``) and submit."""
    instrument = services.instrument_of(response.round)
    for section in instrument.sections:
        response.refresh_from_db()
        services.response_save_area(
            response=response,
            by=by,
            expected_version=response.version,
            section_id=section.id,
            answers={
                q.id: Answer(ratings.get(q.id, default), f"Evidence for {q.id}")
                for q in section.questions
            },
        )
    response.refresh_from_db()
    services.response_submit(response=response, by=by, expected_version=response.version)
