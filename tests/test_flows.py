"""The what-if engine on tiny hand-built networks whose flows are known by hand, then on the
real network.

Every tiny network carries one crude at exactly 10 bbl/t and counts capacities in Mt/yr chosen
so that tonnes a day are round: 3.65 Mt/yr is 10,000 t/d (100 kb/d), 7.3 Mt/yr is 20,000 t/d.
The field ``f`` feeds junction ``a``; the usual route ``main`` goes on to market ``m``, the
alternative ``alt`` to market ``n``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString

from routes.errors import DataError, UsageError
from routes.flows import critical, run_scenario
from routes.network import (
    Assumption,
    Cost,
    Crude,
    Figure,
    Network,
    Node,
    NodeUnit,
    Outage,
    Route,
    Scenario,
    Segment,
    Source,
    Stage,
    SupplyItem,
    Throughput,
)

S = ("s",)
X = {"f": 0.0, "a": 1.0, "t": 2.0, "m": 3.0, "n": 3.0, "p": 1.5}
Y = {"f": 0.0, "a": 0.0, "t": 0.0, "m": 0.0, "n": 1.0, "p": 0.5}


def mt(value: float | None) -> Figure:
    return Figure(
        value,
        "Mt/yr",
        2024,
        S if value is not None else (),
        note=None if value is not None else "not found",
    )


def seg(
    ident: str,
    a: str,
    b: str,
    capacity: float | None = None,
    *,
    mode: str = "pipeline",
    status: str = "operating",
    throughput: Sequence[Throughput] = (),
    unlimited: bool = False,
) -> Segment:
    line = LineString([(X[a], Y[a]), (X[b], Y[b])])
    return Segment(
        ident,
        ident,
        mode,
        a,
        b,
        status,
        None,
        mt(capacity) if not unlimited else Figure(None, "kb/d", note="open sea"),
        tuple(throughput),
        line,
        S,
        crude="c",
        unlimited=unlimited,
    )


def node(ident: str, kind: str = "junction", **kw: Any) -> Node:
    return Node(ident, ident, kind, X[ident], Y[ident], S, crude="c", **kw)


def build(
    segments: Sequence[Segment],
    *,
    nodes: Sequence[Node] = (),
    routes: dict[str, Sequence[str]] | None = None,
    supply_mtpa: float = 7.3,
    costs: Sequence[Cost] = (),
    supply_route: str | None = "main",
    assumptions: Sequence[Assumption] = (),
) -> Network:
    by_id = {n.id: n for n in nodes}
    by_id.setdefault("f", node("f", "field"))
    for s in segments:
        for n in (s.from_node, s.to_node):
            by_id.setdefault(n, node(n, "market" if n in ("m", "n") else "junction"))
    routes = routes if routes is not None else {"main": ["fa", "am"], "alt": ["fa", "an"]}
    segs = {s.id: s for s in segments}
    route_objs = {
        rid: Route(
            rid,
            rid,
            segs[ids[0]].from_node,
            segs[ids[-1]].to_node,
            tuple(Stage(((sid,),)) for sid in ids),
        )
        for rid, ids in routes.items()
    }
    base = {
        a: Assumption(a, Figure(v, u, assumption=True), "test")
        for a, v, u in (
            ("bbl-per-t", 10.0, "bbl/t"),
            ("tanker-speed", 12.0, "kn"),
            ("pipeline-speed", 200.0, "km/day"),
            ("rail-speed", 50.0, "km/day"),
            ("transshipment-days", 1.0, "days"),
            ("price.brent", 70.0, "USD/bbl"),
        )
    }
    base.update({a.id: a for a in assumptions})
    return Network(
        nodes=by_id,
        segments=segs,
        routes=route_objs,
        events={},
        costs={c.id: c for c in costs},
        countries={},
        sources={"s": Source("s", "Test", "https://example.org/doc")},
        assumptions=base,
        boundaries=(),
        crudes={"c": Crude("c", "Test crude", Figure(10.0, "bbl/t", 2024, S))},
        supply={
            "oil": SupplyItem("oil", "Oil", "f", mt(supply_mtpa), crude="c", route=supply_route)
        },
    )


def two_routes(**kw: Any) -> Network:
    """f → a (30,000 t/d) → m (20,000 t/d) usually; a → n (10,000 t/d, 5,000 used by others)."""
    return build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("an", "a", "n", 3.65, throughput=[Throughput(2024, mt(1.825), "all")]),
        ],
        **kw,
    )


def scenario(*outages: tuple[str, float, float, float], days: float = 30.0, **kw: Any) -> Scenario:
    return Scenario("x", "X", days, tuple(Outage(t, s, a, d) for t, s, a, d in outages), **kw)


def run(net: Network, sc: Scenario, **kw: Any) -> Any:
    return run_scenario(net, sc, **kw)


# --- hand-checked flows -------------------------------------------------------------------


def test_no_outage_delivers_everything_on_the_usual_route() -> None:
    r = run(two_routes(), scenario())
    (band,) = r.bands
    assert band.supply_tpd == 20_000
    assert band.delivered_tpd == 20_000
    assert band.shortfall_tpd == 0
    assert band.leg_tpd == {"fa": 20_000, "am": 20_000}
    assert band.route_tpd(r.routes) == {"main": 20_000, "alt": 0}
    assert band.binding == ()
    assert r.shortfall_kt == 0
    assert r.rerouted_kt_by_route == {"main": 0, "alt": 0}


def test_a_closed_segment_sends_what_fits_on_the_alternative() -> None:
    r = run(two_routes(), scenario(("am", 1.0, 0, 10)))
    first, rest = r.bands
    assert (first.start_day, first.end_day, rest.start_day, rest.end_day) == (0, 10, 10, 30)
    assert "am" not in first.leg_tpd  # a closed route carries nothing
    assert first.leg_tpd == {"fa": 5_000, "an": 5_000}  # 10,000 less the 5,000 others ship
    assert first.shortfall_tpd == 15_000
    assert set(first.binding) == {"am", "an"}
    assert rest.delivered_tpd == 20_000
    assert r.shortfall_kt == pytest.approx(150.0)  # 15,000 t/d × 10 days
    assert r.delivered_kt == pytest.approx(450.0)  # 5,000 × 10 + 20,000 × 20
    assert r.rerouted_kt_by_route == {"main": 0, "alt": pytest.approx(50.0)}
    assert r.shortfall_kt_by_day(4) == pytest.approx(60.0)
    assert first.delivered_kbd == pytest.approx(50.0)
    assert first.shortfall_kbd == pytest.approx(150.0)


def test_half_a_segment_lost_keeps_half_its_capacity() -> None:
    (band,) = run(two_routes(), scenario(("am", 0.5, 0, 30))).bands
    assert band.leg_tpd == {"fa": 15_000, "am": 10_000, "an": 5_000}
    assert band.shortfall_tpd == 5_000


def test_outages_on_one_target_add_up_and_stop_at_all_of_it() -> None:
    (band,) = run(two_routes(), scenario(("am", 0.75, 0, 30), ("am", 0.75, 0, 30))).bands
    assert "am" not in band.leg_tpd
    assert band.shortfall_tpd == 15_000


def test_overlapping_outages_cut_the_days_into_bands() -> None:
    r = run(two_routes(), scenario(("am", 0.5, 0, 20), ("an", 1.0, 10, 10)))
    assert [(b.start_day, b.end_day) for b in r.bands] == [(0, 10), (10, 20), (20, 30)]
    assert [b.shortfall_tpd for b in r.bands] == [5_000, 10_000, 0]


def test_others_keep_their_flow_and_share_a_loss_pro_rata() -> None:
    # am: 30,000 t/d, with 25,000 recorded of which 20,000 is the supply's own: 5,000 kept.
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 10.95, throughput=[Throughput(2024, mt(9.125), "all")]),
            seg("an", "a", "n", 3.65),
        ]
    )
    r = run(net, scenario(("am", 0.5, 0, 30)))
    (band,) = r.bands
    assert r.model.legs["am"].reserved_tpd == pytest.approx(5_000)
    # 15,000 left for a flow of 25,000: everyone keeps 60% of theirs, the supply 12,000.
    assert band.leg_tpd["am"] == 12_000
    assert band.leg_tpd["an"] == 8_000
    assert band.shortfall_tpd == 0
    # A smaller loss that still holds the recorded flow costs the others nothing.
    (band,) = run(net, scenario(("am", 0.1, 0, 30))).bands
    assert band.leg_tpd["am"] == 20_000  # 27,000 left, 5,000 of it kept for the others


def test_a_planned_segment_carries_nothing_until_switched_on() -> None:
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("an", "a", "n", 3.65, status="planned"),
        ]
    )
    out = scenario(("am", 1.0, 0, 30))
    assert run(net, out).bands[0].delivered_tpd == 0
    on = run(net, replace(out, switch_on=("an",))).bands[0]
    assert on.leg_tpd["an"] == 10_000  # nothing recorded on it: all of it open


def test_a_tanker_terminal_is_limited_by_its_moorings() -> None:
    units = tuple(NodeUnit(f"spm-{i}", f"SPM-{i}", "operating", mt(3.65)) for i in (1, 2, 3))
    net = build(
        [
            seg("fa", "f", "a", 36.5),
            seg("at", "a", "t", 36.5),
            seg("tm", "t", "m", mode="tanker", unlimited=True),
        ],
        nodes=[node("t", "terminal", units=units, capacity_scope="tanker")],
        routes={"main": ["fa", "at", "tm"]},
    )
    assert run(net, scenario()).bands[0].delivered_tpd == 20_000
    (band,) = run(net, scenario(("spm-1", 1.0, 0, 30), ("spm-2", 1.0, 0, 30))).bands
    assert band.delivered_tpd == 10_000
    assert band.binding == ("t",)
    (band,) = run(net, scenario(("t", 1.0, 0, 30))).bands
    assert band.delivered_tpd == 0


def test_a_chokepoint_closes_every_tanker_leg_through_it() -> None:
    strait = Node("p", "Strait", "chokepoint", 2.5, 0.0, S, radius_km=20)
    net = build(
        [
            seg("fa", "f", "a", 36.5),
            seg("at", "a", "t", 36.5),
            seg("tm", "t", "m", mode="tanker", unlimited=True),
            seg("an", "a", "n", 3.65),
        ],
        nodes=[strait],
        routes={"main": ["fa", "at", "tm"], "alt": ["fa", "an"]},
    )
    (band,) = run(net, scenario(("p", 1.0, 0, 30))).bands
    assert band.leg_tpd == {"fa": 10_000, "an": 10_000}
    assert set(band.binding) == {"tm", "an"}
    # Half the strait lost: half the baseline flow through it passes.
    (band,) = run(net, scenario(("p", 0.5, 0, 30))).bands
    assert band.leg_tpd["tm"] == 10_000
    assert band.shortfall_tpd == 0


def test_a_pump_station_without_a_capacity_loses_a_share_of_its_lines() -> None:
    net = build(
        [seg("fa", "f", "a", 7.3), seg("am", "a", "m", 7.3), seg("an", "a", "n", 0.73)],
        nodes=[node("a", "pump_station")],
    )
    r = run(net, scenario(("a", 0.3, 0, 30)))
    (band,) = r.bands
    assert band.delivered_tpd == 15_400  # 70% of what its outgoing lines carry (22,000)
    assert band.notes[0] == (
        "a has no capacity of its own: 30% of what its outgoing lines carry is lost"
    )


def test_a_stand_in_limits_a_segment_no_source_rates() -> None:
    stand = Assumption("scenario-capacity.an", mt(0.365), "test", applies_to=("an",))
    net = build(
        [seg("fa", "f", "a", 10.95), seg("am", "a", "m", 7.3), seg("an", "a", "n")],
        assumptions=[stand],
    )
    r = run(net, scenario(("am", 1.0, 0, 30)))
    assert r.bands[0].leg_tpd["an"] == 1_000
    assert r.model.assumptions == ("scenario-capacity.an",)
    unrated = run(
        build([seg("fa", "f", "a", 10.95), seg("am", "a", "m", 7.3), seg("an", "a", "n")]),
        scenario(("am", 1.0, 0, 30)),
    )
    assert unrated.bands[0].leg_tpd["an"] == 20_000  # not rated: not a limit, and said so
    assert any("an" in n for n in unrated.model.notes)


def test_supply_can_be_scaled_to_a_total() -> None:
    r = run(two_routes(), scenario(), supply_kbd=100.0)
    assert r.bands[0].supply_tpd == 10_000
    assert r.bands[0].delivered_kbd == pytest.approx(100.0)
    r = run(two_routes(), scenario(), supply_kbd=400.0)  # more than the network takes
    assert r.bands[0].delivered_tpd == 25_000  # am 20,000 + the 5,000 open on an
    assert r.baseline.shortfall_tpd == 15_000


def test_revenue_lost_is_the_shortfall_at_the_price() -> None:
    r = run(two_routes(), scenario(("am", 1.0, 0, 10), price=Figure(80.0, "USD/bbl", 2025, S)))
    assert r.shortfall_mbbl == pytest.approx(1.5)  # 150 kt × 10 bbl/t
    assert r.revenue_lost_usd.value == pytest.approx(120e6)
    default = run(two_routes(), scenario(("am", 1.0, 0, 10)))
    assert default.revenue_lost_usd.value == pytest.approx(105e6)  # the 70 USD/bbl assumption
    assert default.revenue_lost_usd.assumption


def _costs(alt_usd: float | None) -> list[Cost]:
    return [
        Cost("main-t", "tariff", ("am",), Figure(10.0, "USD/t", 2024, S)),
        Cost("fa-t", "tariff", ("fa",), Figure(2.0, "USD/t", 2024, S)),
        Cost(
            "alt-t",
            "tariff",
            ("an",),
            Figure(
                alt_usd,
                "USD/t",
                2024,
                S if alt_usd is not None else (),
                note=None if alt_usd is not None else "not found",
            ),
        ),
    ]


def test_extra_cost_is_what_the_rerouted_oil_pays_above_its_route() -> None:
    r = run(two_routes(costs=_costs(15.0)), scenario(("am", 1.0, 0, 10)))
    # 5,000 t/d for 10 days pay 2 + 15 instead of 2 + 10 USD/t.
    assert r.extra_cost_usd.value == pytest.approx(250_000.0)
    assert r.extra_cost_usd.bound == "exact"
    assert r.extra_cost_usd.sources == ("s",)
    assert r.uncosted_kt_by_route == {}


def test_the_extra_cost_rests_on_an_assumption_only_if_a_cost_it_pays_does() -> None:
    unused = Cost("else", "freight", ("xy",), Figure(9.0, "USD/t", 2024, S, assumption=True))
    net = two_routes(costs=[*_costs(15.0), unused])
    net = replace(net, segments={**net.segments, "xy": seg("xy", "n", "m", 3.65)})
    assert not run(net, scenario(("am", 1.0, 0, 10))).extra_cost_usd.assumption
    assumed = Cost("alt-t", "tariff", ("an",), Figure(15.0, "USD/t", 2024, S, assumption=True))
    net = two_routes(costs=[*_costs(15.0)[:2], assumed])
    assert run(net, scenario(("am", 1.0, 0, 10))).extra_cost_usd.assumption


def test_extra_cost_is_unknown_when_the_alternative_is_not_priced() -> None:
    r = run(two_routes(costs=_costs(None)), scenario(("am", 1.0, 0, 10)))
    assert r.extra_cost_usd.value is None
    assert r.extra_cost_usd.bound == "unknown"
    assert r.uncosted_kt_by_route == {"alt": pytest.approx(50.0)}
    assert r.extra_cost_usd.note == (
        "50 kt by alt went where a tariff or freight rate is not sourced"
    )


def test_usual_paths_are_kept_while_they_have_room() -> None:
    # The alternative is cheaper, but oil stays on its usual route when nothing is cut.
    net = two_routes(
        costs=[
            Cost("main-t", "tariff", ("am",), Figure(30.0, "USD/t", 2024, S)),
            Cost("alt-t", "tariff", ("an",), Figure(1.0, "USD/t", 2024, S)),
        ]
    )
    (band,) = run(net, scenario()).bands
    assert band.leg_tpd.get("an", 0) == 0


def test_a_shared_stand_in_is_shared_where_its_legs_meet() -> None:
    # Two crossings into n, one fleet of 10,000 t/d between them (a pool at their head).
    fleet = Assumption("scenario-capacity.fleet", mt(3.65), "test", applies_to=("an", "pn"))
    net = build(
        [
            seg("fa", "f", "a", 36.5),
            seg("am", "a", "m", 7.3),
            seg("ap", "a", "p", 36.5),
            seg("an", "a", "n", mode="tanker"),
            seg("pn", "p", "n", mode="tanker"),
        ],
        assumptions=[fleet],
    )
    (band,) = run(net, scenario(("am", 1.0, 0, 30))).bands
    assert band.delivered_tpd == 10_000  # not 20,000: one fleet, not one per crossing
    assert set(band.binding) == {"scenario-capacity.fleet", "am"}
    assert band.binding_open_tpd == {"scenario-capacity.fleet": 10_000, "am": 0}
    assert [p.id for p in run(net, scenario()).model.pools] == ["scenario-capacity.fleet"]


def test_a_stand_in_shared_at_the_tail_binds_as_one() -> None:
    rail = Assumption("scenario-capacity.rail", mt(3.65), "test", applies_to=("fa", "fp"))
    net = build(
        [
            seg("fa", "f", "a", mode="rail"),
            seg("fp", "f", "p", mode="rail"),
            seg("am", "a", "m", 36.5),
            seg("pm", "p", "m", 36.5),
        ],
        routes={"main": ["fa", "am"], "alt": ["fp", "pm"]},
        assumptions=[rail],
    )
    r = run(net, scenario())
    assert [(p.id, p.at, p.node) for p in r.model.pools] == [
        ("scenario-capacity.rail", "tail", "f")
    ]
    assert r.baseline.delivered_tpd == 10_000
    assert r.baseline.binding == ("scenario-capacity.rail",)


def test_a_node_keeps_what_others_ship_through_it() -> None:
    # Oil enters at a, which passes 30,000 t/d and recorded 25,000: 5,000 of it others'.
    net = two_routes(
        nodes=[
            node(
                "a",
                "terminal",
                capacity=mt(10.95),
                throughput=(Throughput(2024, mt(9.125), "all"),),
            )
        ]
    )
    net = replace(
        net, supply={"oil": SupplyItem("oil", "Oil", "a", mt(7.3), crude="c", route="main")}
    )
    r = run(net, scenario(("a", 0.5, 0, 30)))
    assert r.model.gates["a"].reserved_tpd == pytest.approx(5_000)
    assert r.baseline.delivered_tpd == 20_000
    assert r.bands[0].delivered_tpd == 12_000  # 15,000 left, everyone keeps 60% of their flow


def test_the_shortfall_falls_on_the_oil_whose_route_is_cut() -> None:
    # Two origins enter at a: one usually to m (cut), one usually to n (intact, 5,000 t/d).
    light = Crude("l", "Light", Figure(8.0, "bbl/t", 2024, S))
    net = two_routes()
    net = replace(
        net,
        crudes={**net.crudes, "l": light},
        supply={
            "cut": SupplyItem("cut", "Cut", "a", mt(3.65), crude="c", route="main"),
            "ok": SupplyItem("ok", "Ok", "a", mt(1.825), crude="l", route="alt"),
        },
    )
    (band,) = run(net, scenario(("am", 1.0, 0, 30))).bands
    by_origin = {p.origin: p.tpd for p in band.paths}
    # an takes 10,000: all of the intact route's own oil, and half the cut oil rerouted.
    assert by_origin == {"ok": 5_000, "cut": 5_000}
    assert band.shortfall_kbd == pytest.approx(50.0)  # 5,000 t/d at the cut oil's 10 bbl/t


def test_outages_on_assets_out_of_service_are_said_to_change_nothing() -> None:
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("an", "a", "n", 3.65, status="idle"),
        ]
    )
    r = run(net, scenario(("an", 1.0, 0, 30)))
    assert r.shortfall_kt == 0
    assert r.notes == ("an is idle today, so its outage changes nothing",)


def test_a_segment_switched_on_without_its_end_is_flagged() -> None:
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("an", "a", "n", 3.65, status="idle"),
        ],
        nodes=[node("n", "market", status="idle")],
    )
    r = run(net, scenario(("am", 1.0, 0, 30), switch_on=("an",)))
    assert r.bands[0].delivered_tpd == 0
    assert "an is switched on but n is not; switch that on too" in r.model.notes[0]


def test_a_supply_the_network_cannot_take_is_said_to_be_short_without_outages() -> None:
    r = run(two_routes(), scenario(), supply_kbd=300.0)
    assert r.baseline.shortfall_tpd == 5_000
    assert "even with no outage 50 kb/d of the supply cannot leave" in r.notes[0]


def test_a_hub_without_a_capacity_loses_a_share_of_all_its_outgoing_lines() -> None:
    net = build(
        [seg("fa", "f", "a", 10.95), seg("am", "a", "m", 7.3), seg("an", "a", "n", 3.65)],
        nodes=[node("a", "pump_station")],
    )
    (band,) = run(net, scenario(("a", 0.5, 0, 30))).bands
    assert band.delivered_tpd == 15_000  # half of am's 20,000 and an's 10,000


def test_closed_shuts_a_target_on_every_day_and_markets_limit_the_ends() -> None:
    r = run(two_routes(), scenario(("am", 1.0, 0, 10), closed=("an",)))
    assert [b.delivered_tpd for b in r.bands] == [0, 20_000]
    assert r.bands[1].outages == ("an",)
    (band,) = run(two_routes(), scenario(markets=("n",))).bands
    assert band.leg_tpd == {"fa": 5_000, "an": 5_000}


def test_bad_days_and_supply_are_usage_errors() -> None:
    with pytest.raises(
        UsageError,
        match=r"--days -1: give a number of days greater than 0 "
        r"and at most 3650",
    ):
        run(two_routes(), scenario(), days=-1)
    with pytest.raises(UsageError, match=r"--days 4000: "):
        run(two_routes(), scenario(), days=4000)
    with pytest.raises(UsageError, match=r"--supply-kbd 0: give a positive number"):
        run(two_routes(), scenario(), supply_kbd=0)


def test_a_shorter_horizon_cuts_the_outages_off() -> None:
    r = run(two_routes(), scenario(("am", 1.0, 5, 20)), days=10)
    assert [(b.start_day, b.end_day) for b in r.bands] == [(0, 5), (5, 10)]
    assert r.shortfall_kt == pytest.approx(75.0)


def test_critical_ranks_what_leaves_most_undelivered() -> None:
    cr = critical(two_routes())
    by_id = {c.id: c for c in cr.rows}
    assert {cr.rows[0].id, cr.rows[1].id} == {"a", "fa"}  # everything passes them
    assert by_id["fa"].shortfall_tpd == 20_000
    assert by_id["am"].shortfall_tpd == 15_000  # 5,000 go round by an
    assert by_id["an"].shortfall_tpd == 0 and by_id["an"].carried_tpd == 0
    assert by_id["a"].shortfall_tpd == 20_000
    assert "f" not in by_id and "m" not in by_id  # field and market are the flow's ends
    assert [c.id for c in cr.rows[:3]] == ["a", "fa", "am"]  # ties by flow, then by id


# --- what planted bugs found unprotected --------------------------------------------------


# origin capacity round -> int
def test_every_band_supplies_the_models_whole_tonnes(net) -> None:
    r = run_scenario(net, net.scenarios["cpc-closed-30d"])
    assert r.baseline.supply_tpd == r.model.supply_tpd
    for b in r.bands:
        assert b.supply_tpd == r.model.supply_tpd
    # and on a tiny network: 7.300219 Mt/yr is 20,000.6 t/d -> 20,001 whole tonnes
    t = run_scenario(two_routes(supply_mtpa=7.300219), scenario())
    assert t.bands[0].supply_tpd == 20_001


# route_of ties -> first listed route
def test_a_path_two_routes_cover_goes_to_the_first_listed() -> None:
    net = two_routes(routes={"main": ["fa", "am"], "alt": ["fa", "an"], "alt2": ["fa", "an"]})
    (band,) = run_scenario(net, scenario(("am", 1.0, 0, 30))).bands
    assert {p.route for p in band.paths} == {"alt"}


# an untouched, unused route must not make the extra cost unknown
def test_a_route_without_flow_does_not_block_the_extra_cost() -> None:
    net = two_routes(
        costs=_costs(15.0), routes={"main": ["fa", "am"], "alt": ["fa", "an"], "idle": ["fa", "am"]}
    )
    r = run_scenario(net, scenario(("am", 1.0, 0, 10)))
    assert r.extra_cost_usd.value == pytest.approx(250_000.0)
    assert r.uncosted_kt_by_route == {}


# the route the oil left is unpriced -> the gain is not costed
def test_leaving_an_unpriced_route_makes_the_extra_cost_unknown() -> None:
    costs = [
        Cost("main-t", "tariff", ("am",), Figure(None, "USD/t", note="not found")),
        Cost("fa-t", "tariff", ("fa",), Figure(2.0, "USD/t", 2024, S)),
        Cost("alt-t", "tariff", ("an",), Figure(15.0, "USD/t", 2024, S)),
    ]
    r = run_scenario(two_routes(costs=costs), scenario(("am", 1.0, 0, 10)))
    assert r.extra_cost_usd.value is None
    assert r.uncosted_kt_by_route == {"alt": pytest.approx(50.0)}
    assert r.extra_cost_priced_usd == 0


# a partial record is said
def test_a_record_of_some_shippers_only_is_kept_and_said() -> None:
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("an", "a", "n", 3.65, throughput=[Throughput(2024, mt(1.825), "kazakh")]),
        ]
    )
    r = run_scenario(net, scenario())
    assert r.model.legs["an"].reserved_tpd == pytest.approx(5_000)
    assert (
        "an: only some shippers' flow is recorded, so only that is kept for them" in r.model.notes
    )


# records below the supply's own flow keep nothing for others and open no more
def test_records_below_the_supplys_own_flow_keep_nothing_for_others() -> None:
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3, throughput=[Throughput(2024, mt(3.65), "all")]),
            seg("an", "a", "n", 3.65, throughput=[Throughput(2024, mt(1.825), "all")]),
        ]
    )
    r = run_scenario(net, scenario(), supply_kbd=400.0)
    assert r.model.legs["am"].reserved_tpd == 0
    assert r.model.legs["am"].open_tpd == pytest.approx(20_000)
    assert r.bands[0].delivered_tpd == 25_000


# others' reserve does not depend on --supply-kbd
def test_others_flow_does_not_change_with_the_supply_asked_for() -> None:
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 10.95, throughput=[Throughput(2024, mt(9.125), "all")]),
            seg("an", "a", "n", 3.65),
        ]
    )
    r = run_scenario(net, scenario(("am", 0.5, 0, 30)), supply_kbd=100.0)
    assert r.model.legs["am"].reserved_tpd == pytest.approx(5_000)
    assert r.bands[0].leg_tpd["am"] == 10_000


# a tanker terminal where the supply enters keeps only the others' loadings
def test_a_terminal_where_the_oil_enters_keeps_only_the_others_loadings() -> None:
    units = tuple(NodeUnit(f"spm-{i}", f"SPM-{i}", "operating", mt(3.65)) for i in (1, 2, 3))
    net = build(
        [seg("tm", "t", "m", mode="tanker", unlimited=True)],
        nodes=[
            node(
                "t",
                "terminal",
                units=units,
                capacity_scope="tanker",
                throughput=(Throughput(2024, mt(9.125), "all"),),
            )
        ],
        routes={"main": ["tm"]},
    )
    net = replace(
        net, supply={"oil": SupplyItem("oil", "Oil", "t", mt(7.3), crude="c", route="main")}
    )
    r = run_scenario(net, scenario())
    assert r.model.gates["t"].reserved_tpd == pytest.approx(5_000)
    assert r.bands[0].delivered_tpd == 20_000


# a terminal is limited by the lesser of its units and its own figure
def test_a_terminals_own_capacity_caps_its_moorings() -> None:
    units = tuple(NodeUnit(f"spm-{i}", f"SPM-{i}", "operating", mt(3.65)) for i in (1, 2, 3))
    net = build(
        [
            seg("fa", "f", "a", 36.5),
            seg("at", "a", "t", 36.5),
            seg("tm", "t", "m", mode="tanker", unlimited=True),
        ],
        nodes=[node("t", "terminal", units=units, capacity_scope="tanker", capacity=mt(7.3))],
        routes={"main": ["fa", "at", "tm"]},
    )
    r = run_scenario(net, scenario(), supply_kbd=400.0)
    assert r.model.gates["t"].capacity_tpd == pytest.approx(20_000)
    assert r.bands[0].delivered_tpd == 20_000


def _planned_p():
    return build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("ap", "a", "p", 3.65),
            seg("pn", "p", "n", 3.65),
        ],
        nodes=[node("p", status="planned")],
        routes={"main": ["fa", "am"], "alt": ["fa", "ap", "pn"]},
    )


# a planned node passes nothing and is no constraint of the scenario
def test_a_planned_node_passes_nothing_and_binds_nothing() -> None:
    out = scenario(("am", 1.0, 0, 30))
    (band,) = run_scenario(_planned_p(), out).bands
    assert band.delivered_tpd == 0
    assert band.binding == ("am",)
    (on,) = run_scenario(_planned_p(), replace(out, switch_on=("p",))).bands
    assert on.delivered_tpd == 10_000


# an unrated pump station lost entirely: nothing passes and no share note
def test_an_unrated_node_lost_entirely_passes_nothing() -> None:
    net = build(
        [seg("fa", "f", "a", 7.3), seg("am", "a", "m", 7.3), seg("an", "a", "n", 0.73)],
        nodes=[node("a", "pump_station")],
    )
    (band,) = run_scenario(net, scenario(("a", 1.0, 0, 30))).bands
    assert band.delivered_tpd == 0
    assert band.notes == ()


# a rated node's reserve shrinks with its capacity (pro rata)
def test_a_rated_nodes_others_keep_the_same_share() -> None:
    net = build(
        [seg("fa", "f", "a", 10.95), seg("am", "a", "m", 10.95), seg("an", "a", "n", 3.65)],
        nodes=[
            node(
                "a",
                "pump_station",
                capacity=mt(10.95),
                throughput=(Throughput(2024, mt(9.125), "all"),),
            )
        ],
    )
    r = run_scenario(net, scenario(("a", 0.5, 0, 30)))
    assert r.model.gates["a"].reserved_tpd == pytest.approx(5_000)
    assert r.bands[0].delivered_tpd == 12_000  # pro rata by flow: 15,000 x 20,000/25,000


# a chokepoint carries the flow of every leg through it
def test_a_chokepoint_carries_the_flow_of_every_leg_through_it() -> None:
    strait = Node("p", "Strait", "chokepoint", 2.5, 0.0, S, radius_km=45)
    net = build(
        [
            seg("fa", "f", "a", 36.5),
            seg("at", "a", "t", 36.5),
            seg("tm", "t", "m", mode="tanker", unlimited=True),
            seg("an", "a", "n", 3.65),
            seg("tn", "t", "n", mode="tanker", unlimited=True),
        ],
        nodes=[strait],
        routes={"main": ["fa", "at", "tm"], "alt": ["fa", "an"]},
    )
    cr = critical(net)
    by_id = {c.id: c for c in cr.rows}
    assert by_id["p"].carried_tpd == 20_000
    assert by_id["p"].shortfall_tpd == 10_000


def test_a_chokepoint_near_two_legs_of_one_path_counts_its_oil_once() -> None:
    strait = Node("p", "Strait", "chokepoint", 2.5, 0.0, S, radius_km=60)  # 55 km from "at"
    net = build(
        [
            seg("fa", "f", "a", 36.5),
            seg("at", "a", "t", 36.5),
            seg("tm", "t", "m", mode="tanker", unlimited=True),
        ],
        nodes=[strait],
        routes={"main": ["fa", "at", "tm"]},
    )
    cr = critical(net)
    assert set(cr.model.legs["at"].chokepoints) == set(cr.model.legs["tm"].chokepoints) == {"p"}
    by_id = {c.id: c for c in cr.rows}
    assert by_id["p"].carried_tpd == 20_000
    assert by_id["p"].carried_kbd == pytest.approx(200.0)


def _unit_net():
    units = (NodeUnit("p-1", "P-1", "operating", mt(3.65)),)
    return build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("an", "a", "n", 3.65),
            seg("ap", "a", "p", 3.65),
            seg("pn", "p", "n", mode="tanker", unlimited=True),
        ],
        nodes=[node("p", "terminal", units=units, capacity_scope="tanker")],
        routes={"main": ["fa", "am"], "alt": ["fa", "an"], "alt2": ["fa", "ap", "pn"]},
    )


# the unit of a node the baseline does not use carries nothing (not "not split")
def test_a_mooring_of_an_unused_terminal_carries_nothing() -> None:
    by_id = {c.id: c for c in critical(_unit_net()).rows}
    assert by_id["p-1"].carried_tpd == 0.0


# an unused asset's row has no binding even when the baseline falls short
def test_an_unused_assets_row_names_no_binding() -> None:
    cr = critical(_unit_net(), supply_kbd=800.0)
    assert cr.baseline.shortfall_tpd > 0
    zero = [c for c in cr.rows if c.carried_tpd == 0.0]
    assert zero
    assert all(c.binding == () for c in zero)


# equal shortfall -> more flow carried first
def test_equal_shortfalls_rank_by_the_flow_carried() -> None:
    net = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("am2", "a", "m", 7.3),
            seg("an", "a", "n", 3.65),
        ]
    )
    rows = [c for c in critical(net).rows if c.shortfall_tpd == 0]
    assert [c.id for c in rows] == ["am", "am2", "an"]


# --- properties ---------------------------------------------------------------------------

shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
targets = st.sampled_from(["fa", "am", "an", "a"])


@settings(max_examples=40, deadline=None)
@given(target=targets, share=shares, more=shares)
def test_more_outage_never_delivers_more(target: str, share: float, more: float) -> None:
    net = two_routes()
    low, high = sorted((share, more))
    a = run(net, scenario((target, low, 0, 30))).bands[0]
    b = run(net, scenario((target, high, 0, 30))).bands[0]
    assert b.delivered_tpd <= a.delivered_tpd
    for band in (a, b):
        assert band.delivered_tpd + band.shortfall_tpd == band.supply_tpd


@settings(max_examples=40, deadline=None)
@given(
    extra=st.floats(min_value=0.0, max_value=20.0, allow_nan=False), target=targets, share=shares
)
def test_more_capacity_never_delivers_less(extra: float, target: str, share: float) -> None:
    small = two_routes()
    big = build(
        [
            seg("fa", "f", "a", 10.95),
            seg("am", "a", "m", 7.3),
            seg("an", "a", "n", 3.65 + extra, throughput=[Throughput(2024, mt(1.825), "all")]),
        ]
    )
    out = scenario((target, share, 0, 30))
    assert run(big, out).bands[0].delivered_tpd >= run(small, out).bands[0].delivered_tpd


@settings(max_examples=30, deadline=None)
@given(share=shares, cut=shares)
def test_closing_a_segment_without_flow_changes_nothing(share: float, cut: float) -> None:
    net = two_routes()
    base = run(net, scenario(("am", share, 0, 30))).bands[0]
    unused = [leg for leg in ("an", "am") if base.leg_tpd.get(leg, 0) == 0]
    for leg in unused:
        again = run(net, scenario(("am", share, 0, 30), (leg, cut, 0, 30))).bands[0]
        assert again.delivered_tpd == base.delivered_tpd
        assert dict(again.leg_tpd) == dict(base.leg_tpd)


@settings(max_examples=30, deadline=None)
@given(share=shares, target=targets)
def test_no_segment_or_node_carries_more_than_it_has_left(share: float, target: str) -> None:
    net = two_routes()
    r = run(net, scenario((target, share, 0, 30)))
    (band,) = r.bands
    for sid, tpd in band.leg_tpd.items():
        leg = r.model.legs[sid]
        cap = leg.capacity_tpd * (1 - (share if target == sid else 0.0))
        # Others keep their flow, or the same share of the capacity as of the flow.
        kept = leg.reserved_tpd * min(1.0, cap / leg.through_tpd) if leg.through_tpd else 0.0
        assert tpd <= cap - kept + 1
    if target == "a":
        assert band.node_tpd.get("a", 0) <= 30_000 * (1 - share) + 1


# --- the real network ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs(net: Network) -> dict[str, Any]:
    from routes.metrics import measure

    ms = measure(net)
    return {sid: run_scenario(net, sc, ms=ms) for sid, sc in net.scenarios.items()}


def test_every_preset_conserves_oil_and_respects_capacity(runs: dict[str, Any]) -> None:
    for sid, r in runs.items():
        assert r.baseline.shortfall_tpd == 0, sid
        assert r.bands[0].start_day == 0 and r.bands[-1].end_day == r.days, sid
        for band in r.bands:
            assert band.delivered_tpd + band.shortfall_tpd == band.supply_tpd, sid
            assert sum(p.tpd for p in band.paths) == band.delivered_tpd, sid
            for leg_id, tpd in band.leg_tpd.items():
                room = r.model.legs[leg_id].open_tpd
                assert room is None or tpd <= room + 1, (sid, leg_id)


def test_a_closed_cpc_leaves_at_least_what_the_alternatives_cannot_take(
    runs: dict[str, Any],
) -> None:
    r = runs["cpc-closed-30d"]
    (band,) = r.bands
    assert band.route_tpd(r.routes)["cpc"] == 0
    base = r.baseline.route_tpd(r.routes)
    spare = {rid: r.bands[0].route_tpd(r.routes)[rid] - base[rid] for rid in base}
    # What the CPC carried, less every other route's gain, is the least the closure loses.
    assert band.shortfall_tpd >= base["cpc"] - sum(v for k, v in spare.items() if k != "cpc") - 1
    assert band.shortfall_tpd > 0.6 * base["cpc"]
    assert "cpc-marine-terminal" in band.binding


def test_the_straits_close_the_cpc_tanker_leg(runs: dict[str, Any]) -> None:
    (band,) = runs["straits-closed"].bands
    assert "cpc-terminal-augusta" not in band.leg_tpd
    assert "cpc-terminal-augusta" in band.binding


def test_november_2025_is_near_the_reported_loss(runs: dict[str, Any]) -> None:
    r = runs["cpc-mooring-nov-2025"]
    reported = r.scenario.compare.lost.value
    modelled = r.shortfall_kt_by_day(r.scenario.compare.day)
    assert reported == 480
    assert modelled == pytest.approx(485.9, abs=0.5)  # the README's figure
    assert r.bands[0].binding_open_tpd["cpc-marine-terminal"] == pytest.approx(
        37.4 * 1e6 / 365, rel=1e-3
    )  # SPM-1 alone: 42 Mt/yr, 60% of which is the supply's


def test_real_critical_puts_the_cpc_first(net: Network) -> None:
    cr = critical(net)
    top = [c.id for c in cr.rows[:12]]
    assert "cpc-marine-terminal" in top and "cpc-atyrau-border" in top
    assert cr.baseline.shortfall_tpd == 0
    by_id = {c.id: c for c in cr.rows}
    assert by_id["btc"].shortfall_tpd < by_id["cpc-atyrau-border"].shortfall_tpd
    assert "kigach-ps" in cr.unlinked_nodes


def test_a_scenario_file_with_unknown_ids_lists_the_choices(net: Network, tmp_path: Any) -> None:
    from routes.validate import load_scenario

    path = tmp_path / "mine.yaml"
    path.write_text(
        "days: 10\noutages:\n  - {target: cpc-marine-termnal, share_lost: 1}\n", encoding="utf-8"
    )
    with pytest.raises(
        DataError,
        match=r"mine.yaml: scenario 'mine' field 'outages\[0\]"
        r"\.target' names 'cpc-marine-termnal', which is no segment, node, "
        r"loading unit or chokepoint \(did you mean 'cpc-marine-terminal'\?\); "
        r"use one of these ids \(segments: aktau-sangachal, atasu-alashankou, "
        r".*; nodes: aktau, alashankou, .*; loading units: cpc-spm-1, cpc-spm-2, "
        r"cpc-spm-3; chokepoints: bosporus, dardanelles\)$",
    ) as err:
        load_scenario(net, str(path))
    assert "isatay-ps" not in str(err.value)  # a node no segment joins is no valid choice
