"""How much help does this family need? Scenarios and properties of the level of need."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.need_level import UnknownIndicatorError, level_of_need
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import PackRegistry


@cache
def stoke_pack() -> Pack:
    return PackRegistry().get("stoke-on-trent")


def indicator_ids() -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(sorted(stoke_pack().indicators_by_id)), max_size=25)


def test_a_school_worried_about_attendance(stoke: Pack) -> None:
    # Attendance has dropped below 95% (level 2) and there is a recent change of school (2).
    result = level_of_need(stoke, ["edu-07", "edu-10"])
    assert (result.number, result.level.name) == (2, "Getting Advice")
    assert result.level.action.startswith("Advice, guidance and signposting.")
    assert [i.id for i in result.because] == ["edu-07", "edu-10"]


def test_the_highest_indicator_sets_the_level_and_explains_it(stoke: Pack) -> None:
    # Attendance below 95% (2), home conditions may impact safety (3), and a disclosure of
    # abuse (5) across three outcomes.
    disclosure = next(
        i.id for i in stoke.indicators_by_id.values() if i.indicator.text.startswith("Disclosure")
    )
    result = level_of_need(stoke, ["edu-07", "safe-18", disclosure])
    assert result.number == 5
    assert [(i.id, i.outcome.number) for i in result.because] == [(disclosure, 6)]
    assert result.level.name == "Getting Risk Support"


def test_nothing_ticked_is_thriving_with_no_explanation(stoke: Pack) -> None:
    result = level_of_need(stoke, [])
    assert (result.number, result.because) == (1, ())


def test_an_unknown_indicator_is_named(stoke: Pack) -> None:
    with pytest.raises(UnknownIndicatorError) as caught:
        level_of_need(stoke, ["edu-07", "edu-999", "zzz"])
    assert caught.value.unknown == ("edu-999", "zzz")
    assert str(caught.value) == "unknown indicators in pack stoke-on-trent: edu-999, zzz"


@given(ticked=indicator_ids(), extra=st.sampled_from(sorted(stoke_pack().indicators_by_id)))
def test_the_level_never_falls_when_an_indicator_is_added(
    ticked: frozenset[str], extra: str
) -> None:
    pack = stoke_pack()
    assert level_of_need(pack, ticked | {extra}).number >= level_of_need(pack, ticked).number


@given(ticked=indicator_ids())
def test_the_explanation_is_exactly_the_indicators_at_the_level(ticked: frozenset[str]) -> None:
    pack = stoke_pack()
    result = level_of_need(pack, ticked)
    at_level = {i for i in ticked if pack.indicators_by_id[i].level == result.number}
    assert {i.id for i in result.because} == at_level
    assert all(pack.indicators_by_id[i].level <= result.number for i in ticked)
    assert bool(result.because) == bool(ticked)


@given(ticked=indicator_ids())
def test_order_and_repetition_of_ticks_do_not_matter(ticked: frozenset[str]) -> None:
    pack = stoke_pack()
    forwards = level_of_need(pack, sorted(ticked))
    backwards = level_of_need(pack, sorted(ticked, reverse=True) * 2)
    assert forwards == backwards
