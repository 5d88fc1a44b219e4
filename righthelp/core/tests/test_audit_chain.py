from __future__ import annotations

import datetime as dt
from dataclasses import replace

from righthelp.core.audit_chain import (
    GENESIS,
    HISTORY_RECORD_TYPE,
    ChainEvent,
    History,
    first_broken_link,
    link_hash,
)

T0 = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def chain(n: int) -> list[ChainEvent]:
    events, previous = [], GENESIS
    for i in range(n):
        event = ChainEvent(
            i + 1,
            T0 + dt.timedelta(minutes=i),
            7,
            "viewed",
            "family",
            "f",
            None,
            {"b": [1, 2], "a": "x"},
            "",
        )
        previous = link_hash(previous, event)
        events.append(replace(event, hash=previous))
    return events


def test_a_whole_chain_holds() -> None:
    report = first_broken_link(chain(5))
    assert (report.events, report.broken) == (5, None)
    assert report.last_hash == chain(5)[-1].hash


def test_the_hash_is_the_same_however_the_time_zone_and_key_order_were_read() -> None:
    event = chain(1)[0]
    london = replace(
        event,
        at=event.at.astimezone(dt.timezone(dt.timedelta(hours=1))),
        detail={"a": "x", "b": [1, 2]},
    )
    assert link_hash(GENESIS, london) == event.hash


def test_a_changed_event_breaks_its_own_link() -> None:
    events = chain(5)
    events[2] = replace(events[2], record_id="other")
    assert first_broken_link(events).broken.event_id == 3  # type: ignore[union-attr]


def test_a_removed_event_breaks_the_next_link() -> None:
    events = chain(5)
    del events[1]
    assert first_broken_link(events).broken.event_id == 3  # type: ignore[union-attr]


def test_a_back_dated_event_is_named_even_with_a_good_hash() -> None:
    events = chain(3)
    late = ChainEvent(4, T0 - dt.timedelta(days=2), None, "signed_in", "session", "", None, {}, "")
    events.append(replace(late, hash=link_hash(events[-1].hash, late)))
    broken = first_broken_link(events).broken
    assert broken is not None and broken.event_id == 4 and "back-dated" in broken.reason


def test_a_second_of_clock_grace() -> None:
    events = chain(2)
    early = ChainEvent(
        3, events[-1].at - dt.timedelta(milliseconds=300), None, "viewed", "x", "", None, {}, ""
    )
    events.append(replace(early, hash=link_hash(events[-1].hash, early)))
    assert first_broken_link(events).broken is None


KEY = b"an-audit-key-for-this-test-only-0123456789"


def keyed_after(bare: int, keyed: int) -> list[ChainEvent]:
    """A log begun before the key: ``bare`` bare links, then ``keyed`` keyed ones."""
    events = chain(bare)
    previous = events[-1].hash if events else GENESIS
    for n in range(bare + 1, bare + keyed + 1):
        at = T0 + dt.timedelta(minutes=n)
        event = replace(chain(1)[0], id=n, at=at, record_id=str(n), hash="")
        event = replace(event, hash=link_hash(previous, event, KEY))
        events.append(event)
        previous = event.hash
    return events


def test_a_log_begun_before_the_key_verifies_and_says_where_the_key_started() -> None:
    report = first_broken_link(keyed_after(3, 2), KEY)
    assert report.broken is None
    assert report.keyed_from is not None and report.keyed_from.event_id == 4
    assert first_broken_link(chain(3), KEY).keyed_from is None  # not keyed yet: still intact


def test_after_the_key_started_a_bare_link_is_refused() -> None:
    events = keyed_after(2, 2)
    late = replace(chain(1)[0], id=5, at=T0 + dt.timedelta(hours=1), record_id="appended")
    events.append(replace(late, hash=link_hash(events[-1].hash, late)))  # no key
    broken = first_broken_link(events, KEY).broken
    assert broken is not None and broken.event_id == 5 and "audit key" in broken.reason


def test_rewriting_the_bare_part_and_relinking_it_is_found_at_the_first_keyed_link() -> None:
    events = keyed_after(3, 2)
    rewritten = [replace(events[0], record_id="changed")]
    for event in events[1:3]:
        rewritten.append(replace(event, hash=""))
    previous = GENESIS
    for i, event in enumerate(rewritten):
        rewritten[i] = replace(event, hash=link_hash(previous, event))
        previous = rewritten[i].hash
    broken = first_broken_link(rewritten + events[3:], KEY).broken
    assert broken is not None and broken.event_id == 4


def with_history(dates: list[dt.datetime], declared: int | None = None) -> list[ChainEvent]:
    """Three events, a history marker declaring ``declared`` (default: all of ``dates``)
    events, the events dated ``dates`` in the order given, then one more written after."""
    events = chain(3)
    previous = events[-1].hash

    def add(event: ChainEvent) -> None:
        nonlocal previous
        event = replace(event, id=len(events) + 1, hash="")
        event = replace(event, hash=link_hash(previous, event, KEY))
        events.append(event)
        previous = event.hash

    written = T0 + dt.timedelta(hours=1)
    count = len(dates) if declared is None else declared
    add(
        ChainEvent(
            0, written, None, "created", HISTORY_RECORD_TYPE, "", None, {"events": count}, ""
        )
    )
    for at in dates:
        add(ChainEvent(0, at, 7, "viewed", "family", "f", "fam", {}, ""))
    add(ChainEvent(0, written + dt.timedelta(seconds=5), 7, "viewed", "family", "g", None, {}, ""))
    return events


YEARS_AGO = [T0 - dt.timedelta(days=900), T0 - dt.timedelta(days=400), T0 - dt.timedelta(days=400)]


def test_a_declared_history_may_be_dated_years_back_in_date_order_and_is_reported() -> None:
    report = first_broken_link(with_history(YEARS_AGO), KEY)
    assert report.broken is None
    assert report.events == 8
    assert report.histories == (
        History(4, T0 + dt.timedelta(hours=1), 3, YEARS_AGO[0], YEARS_AGO[-1]),
    )


def test_the_same_dates_without_a_marker_are_back_dated_inserts() -> None:
    events = with_history(YEARS_AGO)
    del events[3]  # the marker: relink what follows, as someone holding the key could
    previous = events[2].hash
    for n, event in enumerate(events[3:], start=3):
        events[n] = replace(event, hash=link_hash(previous, event, KEY))
        previous = events[n].hash
    broken = first_broken_link(events, KEY).broken
    assert broken is not None and "back-dated" in broken.reason


def test_a_history_out_of_date_order_or_after_its_marker_breaks() -> None:
    shuffled = first_broken_link(with_history(YEARS_AGO[::-1]), KEY).broken
    assert shuffled is not None and shuffled.event_id == 7 and "date order" in shuffled.reason
    ahead = [*YEARS_AGO, T0 + dt.timedelta(hours=2)]
    late = first_broken_link(with_history(ahead), KEY).broken
    assert late is not None and late.event_id == 8 and "after the history" in late.reason


def test_after_a_history_the_log_is_held_to_the_markers_time_again() -> None:
    # Declaring one event fewer leaves the last history date to the ordinary rule.
    broken = first_broken_link(with_history(YEARS_AGO, declared=2), KEY).broken
    assert broken is not None and broken.event_id == 7 and "back-dated" in broken.reason


def test_a_log_that_ends_inside_a_declared_history_is_broken() -> None:
    events = with_history(YEARS_AGO)[:-2]
    broken = first_broken_link(events, KEY).broken
    assert broken is not None and "2 of 3" in broken.reason
