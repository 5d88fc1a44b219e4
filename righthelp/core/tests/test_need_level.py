"""How much help does this family need? Scenarios and properties of the level of need."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.need_level import (
    LEVEL_SHOWN,
    UnknownIndicatorError,
    level_of_need,
    several_needs_prompt,
)
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import PackRegistry
from righthelp.practice_packs.tests.source_text import STOKE, normalise, source


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


# --- what the product adds, labelled: the level shown, and several needs at Getting Help ---


def test_the_level_shown_is_said_to_be_what_the_indicators_point_to() -> None:
    """ "The level is the highest level ticked" is the product's reading, not a sentence of
    the source: every page that shows the level says so."""
    assert LEVEL_SHOWN.startswith("The level shown is what the indicators point to")
    assert "not a rule they state" in LEVEL_SHOWN


def test_needs_at_getting_help_under_two_outcomes_prompt_with_getting_more_helps_words(
    stoke: Pack,
) -> None:
    """Seed 004, Getting More Help: "Children and families with multiple and complex,
    additional needs." The prompt quotes it; the level stays Getting Help."""
    need = level_of_need(stoke, ["edu-13", "eyd-17"])
    prompt = several_needs_prompt(stoke, need)
    assert need.level.name == "Getting Help"
    assert prompt is not None
    assert [o.number for o in prompt.outcomes] == [1, 2]
    assert prompt.consider.name == "Getting More Help"
    words = "Children and families with multiple and complex, additional needs."
    assert prompt.consider.description.startswith(words)
    assert normalise(words) in source(STOKE)


def test_needs_at_getting_help_under_one_outcome_prompt_nothing(stoke: Pack) -> None:
    assert several_needs_prompt(stoke, level_of_need(stoke, ["edu-13", "edu-14"])) is None
    # Several outcomes, but not at Getting Help.
    assert several_needs_prompt(stoke, level_of_need(stoke, ["edu-05", "eyd-10"])) is None


def test_the_sign_off_and_the_prompt_are_the_partnerships_local_practice(stoke: Pack) -> None:
    assert stoke.workflow is not None
    assert stoke.workflow.manager_signoff_levels == (5,)
    assert stoke.workflow.local_practice_note.startswith(
        "Local practice, not from Thresholds for Intervention"
    )
    # The source itself says nothing of a manager signing off a level.
    assert "signed off" not in source(STOKE) and "sign off" not in source(STOKE)
