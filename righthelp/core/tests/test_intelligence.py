"""Intelligence for the police: where to send it and what must be recorded first."""

from __future__ import annotations

import pytest

from righthelp.core.intelligence import SubmissionFacts, problems_before_sending, where_to_send
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.pack import Pack


def test_coventry_says_where_to_send_it_and_why_the_source_is_apart(demo: PackSet) -> None:
    found = where_to_send(demo)
    assert found is not None
    assert found.pack.id == "coventry"
    assert [rule.kind for rule in found.rules] == ["intelligence_source_separate"]
    assert "separate bit" in found.rules[0].source
    assert [page.id for page in found.guidance] == ["intelligence-sharing"]
    assert [entry.service.id for entry in found.services] == ["police-intelligence"]
    values = {c.value for c in found.services[0].service.contacts}
    assert {"www.coventry.gov.uk/fibform", "coventryintel@westmidlands.police.uk"} <= values


def test_a_partnership_whose_packs_say_nothing_about_intelligence(stoke: Pack) -> None:
    assert where_to_send(PackSet((stoke,))) is None


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (SubmissionFacts("Seen in a car", source_recorded=True, already_sent=False), ()),
        (
            SubmissionFacts("Seen in a car", source_recorded=False, already_sent=False),
            ("Record where the information came from",),
        ),
        (
            SubmissionFacts("  ", source_recorded=True, already_sent=False),
            ("Enter what was seen or what happened",),
        ),
        (
            SubmissionFacts("Seen", source_recorded=True, already_sent=True),
            ("This intelligence is already marked as sent",),
        ),
    ],
)
def test_what_must_be_recorded_before_it_is_sent(
    facts: SubmissionFacts, expected: tuple[str, ...]
) -> None:
    problems = problems_before_sending(facts)
    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start)
