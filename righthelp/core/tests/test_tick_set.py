"""Reading ticked indicators back from a page address."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from righthelp.core.packs.pack import Pack
from righthelp.core.tick_set import parse_ticks


def test_known_ids_come_back_in_pack_order_without_repeats(stoke: Pack) -> None:
    ticks = parse_ticks(stoke, ["safe-41", "edu-13", "safe-41", " edu-07 "])
    assert ticks.ids == ("edu-07", "edu-13", "safe-41")
    assert not ticks.has_problems


def test_ids_the_pack_does_not_have_are_set_aside_and_named(stoke: Pack) -> None:
    ticks = parse_ticks(stoke, ["edu-13", "edu-99", "edu-99"])
    assert ticks.ids == ("edu-13",)
    assert ticks.unknown == ("edu-99",)
    assert ticks.has_problems


def test_values_that_are_not_ids_are_counted_not_repeated(stoke: Pack) -> None:
    ticks = parse_ticks(stoke, ["Jane Smith, 12 Acacia Road", "<script>", "", "edu-13"])
    assert ticks.ids == ("edu-13",)
    assert ticks.unknown == ()
    assert ticks.malformed == 2


@given(st.lists(st.text(max_size=30), max_size=10))
def test_any_address_is_safe(stoke: Pack, values: list[str]) -> None:
    ticks = parse_ticks(stoke, values)
    assert set(ticks.ids) <= stoke.indicators_by_id.keys()
    assert not set(ticks.unknown) & stoke.indicators_by_id.keys()
