"""The network's look-ups: events by target and overrides by id, as a route asks for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from routes.network import Event, Network, Override


def _event(ident: str, target: str, day: int) -> Event:
    return Event(ident, target, dt.date(2024, 1, day), None, 0.5, "x", "technical", ("s",))


def test_events_for_lists_the_targets_events_oldest_first_in_log_order_on_a_day(
    net: Network,
) -> None:
    log = [
        _event("late", "a", 9),
        _event("first-of-day", "b", 3),
        _event("other", "c", 1),
        _event("second-of-day", "a", 3),
        _event("early", "b", 1),
    ]
    mine = replace(net, events={e.id: e for e in log})
    assert [e.id for e in mine.events_for({"a", "b"})] == [
        "early",
        "first-of-day",
        "second-of-day",
        "late",
    ]
    assert [e.id for e in mine.events_for({"c", "nowhere"})] == ["other"]
    assert mine.events_for(set()) == ()
    # A network made from another keeps nothing of the other's look-ups.
    assert [e.id for e in replace(mine, events={}).events_for({"a"})] == []


def test_overrides_for_keeps_the_order_they_were_read(net: Network) -> None:
    read = (
        Override("segments", "x", "f"),
        Override("nodes", "y", "f"),
        Override("costs", "x", "g"),
        Override("routes", "z", "f"),
    )
    mine = replace(net, overrides=read)
    assert mine.overrides_for([("routes", "z"), ("costs", "x"), ("segments", "x")]) == (
        read[0],
        read[2],
        read[3],
    )
    assert mine.overrides_for(iter([("nodes", "y"), ("nodes", "y")])) == (read[1],)
    assert mine.overrides_for([("segments", "y"), ("nodes", "x")]) == ()  # another layer's ids
    assert mine.overrides_for([]) == ()
    # One entry's own: a cost that shares a segment's id is not the segment's.
    assert mine.overrides_of("segments", "x") == (read[0],)
    assert mine.overrides_of("costs", "x") == (read[2],)
    assert mine.overrides_of("nodes", "x") == ()
