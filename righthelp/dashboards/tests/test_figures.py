"""Each dashboard figure pinned by a known answer, for the analyst (the whole partnership)
and for a manager (the families their team works with)."""

from __future__ import annotations

import datetime as dt

import pytest

from righthelp.conftest import Cast
from righthelp.dashboards.scope import dashboard_scope_for
from righthelp.dashboards.selectors import (
    Figures,
    Period,
    families_by_level,
    families_by_outcome,
    level_movement,
)
from righthelp.dashboards.tests.known import known_families
from righthelp.partnerships.selectors import pack_set_for

SPRING_2025 = Period(dt.date(2025, 2, 1), dt.date(2025, 5, 31))


def _figures(user: object, period: Period = SPRING_2025) -> Figures:
    scope = dashboard_scope_for(user)  # type: ignore[arg-type]
    packs = pack_set_for(scope.partnership)
    return Figures(scope.families, period, packs.thresholds, packs)


@pytest.fixture
def known(cast: Cast) -> Cast:
    known_families(cast)
    return cast


def test_families_by_current_level_for_the_analyst(known: Cast) -> None:
    assert families_by_level(_figures(known.dana)).as_dict() == {
        "1. Thriving": {"Families": 0},
        "2. Getting Advice": {"Families": 1},  # Cedar
        "3. Getting Help": {"Families": 1},  # Amber, now
        "4. Getting More Help": {"Families": 1},  # Birch
        "5. Getting Risk Support": {"Families": 0},
        "Not yet assessed": {"Families": 2},  # Ash, and Dale's draft
    }


def test_a_manager_counts_only_the_families_their_team_works_with(known: Cast) -> None:
    table = families_by_level(_figures(known.bob)).as_dict()
    assert table["2. Getting Advice"] == {"Families": 0}  # Cedar is the other team's
    assert table["3. Getting Help"] == {"Families": 1}
    assert table["4. Getting More Help"] == {"Families": 1}
    assert table["Not yet assessed"] == {"Families": 2}


def test_families_by_outcome_area_of_their_latest_completed_assessment(known: Cast) -> None:
    counts = {
        label: row["Families"]
        for label, row in families_by_outcome(_figures(known.dana)).as_dict().items()
    }
    assert counts == {
        "1. Getting a good education": 1,
        "2. Good early years development": 0,  # Amber's earlier assessment: not counted
        "3. Improved physical and mental health": 0,
        "4. Promoting recovery and reducing harm from substance use": 0,
        "5. Improved family relationships": 1,
        "6. Children are safe from abuse and exploitation": 0,
        "7. Crime prevention and tackling crime": 1,
        "8. Safe from domestic abuse": 0,
        "9. Secure housing": 0,  # Dale's draft: not counted
        "10. Financial stability": 1,
    }


def test_movement_between_levels_over_a_period(known: Cast) -> None:
    table = level_movement(_figures(known.dana)).as_dict()
    nonzero = {(start, end): n for start, row in table.items() for end, n in row.items() if n}
    assert nonzero == {
        ("2. Getting Advice", "To 2. Getting Advice"): 1,  # Amber: 2 then still 2 on 31 May
        ("Not yet assessed", "To 4. Getting More Help"): 1,  # Birch
        ("Not yet assessed", "To 2. Getting Advice"): 1,  # Cedar
    }
    assert list(table) == [
        "Not yet assessed",
        "1. Thriving",
        "2. Getting Advice",
        "3. Getting Help",
        "4. Getting More Help",
        "5. Getting Risk Support",
    ]


def test_movement_over_the_whole_year_sees_amber_move_up(known: Cast) -> None:
    year = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    table = level_movement(_figures(known.dana, year)).as_dict()
    assert table["Not yet assessed"]["To 3. Getting Help"] == 1  # Amber: none on 1 Jan
    later = Period(dt.date(2025, 2, 1), dt.date(2025, 12, 31))
    table = level_movement(_figures(known.dana, later)).as_dict()
    assert table["2. Getting Advice"]["To 3. Getting Help"] == 1


def test_the_period_includes_both_of_its_days() -> None:
    period = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 1))
    assert period.end_before - period.start_at == dt.timedelta(days=1)
    with pytest.raises(ValueError, match="ends on or after"):
        Period(dt.date(2025, 3, 2), dt.date(2025, 3, 1))
