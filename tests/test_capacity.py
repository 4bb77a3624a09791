"""The capacity model on tiny hand-built networks whose answers are known by hand.

Every network here carries one crude at exactly 10 bbl/t, so 36.5 Mt/yr is 1,000 kb/d and
3.65 Mt/yr is 100 kb/d: the expected values can be checked with a pencil.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from shapely.geometry import LineString

from routes.capacity import latest_total, recorded_flow, resolve, route_capacity, route_status
from routes.metrics import all_route_metrics
from routes.network import (
    Assumption,
    Cost,
    Crude,
    Figure,
    Network,
    Node,
    NodeUnit,
    Route,
    Segment,
    Source,
    Stage,
    Throughput,
)

S = ("s",)


def kbd(value: float | None) -> Figure:
    return Figure(
        value,
        "kb/d",
        2024,
        S if value is not None else (),
        note=None if value is not None else "not found",
    )


def flow(year: int, value: float, shippers: str = "all", unit: str = "kb/d") -> Throughput:
    return Throughput(year, Figure(value, unit, year, S), shippers)


def seg(
    ident: str,
    a: str,
    b: str,
    capacity: Figure | None = None,
    *,
    status: str = "operating",
    mode: str = "pipeline",
    throughput: Sequence[Throughput] = (),
    unlimited: bool = False,
) -> Segment:
    x0, x1 = ord(a[0]) - ord("a"), ord(b[0]) - ord("a")
    return Segment(
        ident,
        ident,
        mode,
        a,
        b,
        status,
        None,
        capacity if capacity is not None else Figure(None, "kb/d", note="open sea"),
        tuple(throughput),
        LineString([(x0 * 0.1, 0.0), (x1 * 0.1, 0.01)]),
        S,
        crude="c",
        unlimited=unlimited,
    )


def node(
    ident: str,
    *,
    capacity: Figure | None = None,
    units: Sequence[NodeUnit] = (),
    status: str = "operating",
    throughput: Sequence[Throughput] = (),
    kind: str = "terminal",
) -> Node:
    return Node(
        ident,
        ident,
        kind,
        0.0,
        0.0,
        S,
        status=status,
        capacity=capacity,
        units=tuple(units),
        throughput=tuple(throughput),
        crude="c",
    )


def network(
    segments: Sequence[Segment],
    stages: Sequence[Sequence[Sequence[str]]],
    nodes: Sequence[Node] = (),
    costs: Sequence[Cost] = (),
) -> Network:
    by_id = {n.id: n for n in nodes}
    for s in segments:
        for n in (s.from_node, s.to_node):
            by_id.setdefault(n, node(n, kind="junction"))
    route = Route(
        "r",
        "R",
        segments[0].from_node,
        segments[-1].to_node,
        tuple(Stage(tuple(tuple(b) for b in st)) for st in stages),
    )
    assumptions = {
        a: Assumption(a, Figure(v, u, assumption=True), "test")
        for a, v, u in (
            ("bbl-per-t", 7.33, "bbl/t"),
            ("tanker-speed", 12.0, "kn"),
            ("pipeline-speed", 200.0, "km/day"),
            ("rail-speed", 50.0, "km/day"),
            ("transshipment-days", 1.0, "days"),
        )
    }
    return Network(
        nodes=by_id,
        segments={s.id: s for s in segments},
        routes={"r": route},
        events={},
        costs={c.id: c for c in costs},
        countries={},
        sources={"s": Source("s", "Test", "https://example.org/doc")},
        assumptions=assumptions,
        boundaries=(),
        crudes={"c": Crude("c", "Test crude", Figure(10.0, "bbl/t", 2024, S))},
    )


def cap(net: Network, view: str = "available") -> Any:
    return route_capacity(net, resolve(net), net.routes["r"], view)  # type: ignore[arg-type]


def test_a_chain_takes_its_smallest_element() -> None:
    net = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", kbd(200))], [[["ab"]], [["bc"]]]
    )
    c = cap(net)
    assert (c.kbd.value, c.kbd.bound, c.bottleneck, c.bottleneck_kind) == (
        200.0,
        "exact",
        "bc",
        "segment",
    )
    assert c.mtpa.value == pytest.approx(7.3)  # 200 kb/d at 10 bbl/t


def test_parallel_branches_add_up() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(300)),
            seg("ab2", "a", "b", kbd(150)),
            seg("bc", "b", "c", kbd(1000)),
        ],
        [[["ab"], ["ab2"]], [["bc"]]],
    )
    c = cap(net)
    assert (c.kbd.value, c.bottleneck, c.bottleneck_kind) == (450.0, "ab + ab2", "stage")


def test_a_planned_branch_counts_only_if_built() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(300)),
            seg("ab2", "a", "b", kbd(150), status="planned"),
            seg("bc", "b", "c", kbd(1000)),
        ],
        [[["ab"], ["ab2"]], [["bc"]]],
    )
    assert cap(net).kbd.value == 300.0
    assert cap(net, "if_built").kbd.value == 450.0
    assert route_status(net, resolve(net), net.routes["r"]) == "operating"


def test_an_idle_stage_closes_the_route_today() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(300)),
            seg("bc", "b", "c", kbd(100), status="idle", throughput=[flow(2021, 40)]),
        ],
        [[["ab"]], [["bc"]]],
    )
    today, built = cap(net), cap(net, "if_built")
    assert (today.kbd.value, today.kbd.bound, today.spare_kbd.value) == (0.0, "exact", 0.0)
    assert today.blocked_by == ("bc",) and today.bottleneck == "bc"
    # Restarted, nothing flows on it yet: all its capacity is spare, whatever ran in 2021.
    assert (built.kbd.value, built.spare_kbd.value) == (100.0, 100.0)
    assert route_status(net, resolve(net), net.routes["r"]) == "idle"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("planned", "planned"),
        ("under_construction", "planned"),
        ("cancelled", "cancelled"),
    ],
)
def test_a_stage_that_needs_building_makes_the_route_planned(status: str, expected: str) -> None:
    net = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", kbd(100), status=status)],
        [[["ab"]], [["bc"]]],
    )
    assert route_status(net, resolve(net), net.routes["r"]) == expected
    assert cap(net).kbd.value == 0.0


def test_spare_is_net_of_every_shipper() -> None:
    # 2024: 50 kb/d Kazakh and 120 kb/d of other shippers; the older all-shippers figure
    # is superseded by the newer pair.
    net = network(
        [
            seg(
                "ab",
                "a",
                "b",
                kbd(200),
                throughput=[flow(2023, 30), flow(2024, 50, "kazakh"), flow(2024, 120, "other")],
            )
        ],
        [[["ab"]]],
    )
    el = resolve(net).segments["ab"]
    assert (el.throughput_year, el.throughput_kbd) == (2024, 170.0)
    assert el.spare_kbd("available") == 30.0
    assert cap(net).spare_kbd.value == 30.0


def test_kazakh_oil_alone_leaves_spare_unknown_never_full() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(200), throughput=[flow(2024, 50, "kazakh")]),
            seg("bc", "b", "c", kbd(500), throughput=[flow(2024, 100)]),
        ],
        [[["ab"]], [["bc"]]],
    )
    assert resolve(net).segments["ab"].spare_kbd("available") is None
    c = cap(net)
    # The known spare (400 on bc) and the capacity (200 on ab) bound the route's spare from
    # above; neither is the answer.
    assert (c.spare_kbd.value, c.spare_kbd.bound) == (200.0, "at_most")


def test_no_throughput_figure_at_all_is_unknown_spare() -> None:
    net = network([seg("ab", "a", "b", kbd(200))], [[["ab"]]])
    c = cap(net)
    assert c.spare_kbd.value is None and c.spare_kbd.bound == "unknown"


def test_an_element_of_unknown_capacity_makes_an_upper_bound() -> None:
    net = network(
        [seg("ab", "a", "b", kbd(None)), seg("bc", "b", "c", kbd(300))], [[["ab"]], [["bc"]]]
    )
    c = cap(net)
    assert (c.kbd.value, c.kbd.bound, c.unknown) == (300.0, "at_most", ("ab",))


def test_an_unlimited_sea_leg_limits_nothing() -> None:
    net = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", mode="tanker", unlimited=True)],
        [[["ab"]], [["bc"]]],
    )
    c = cap(net)
    assert (c.kbd.value, c.kbd.bound, c.unknown) == (300.0, "exact", ())


def test_a_terminal_with_a_mooring_out_sets_the_route() -> None:
    # Three moorings of 3.65 Mt/yr (100 kb/d at 10 bbl/t); one is being rebuilt.
    moorings = [
        NodeUnit(f"m{i}", f"M{i}", status, Figure(3.65, "Mt/yr", 2024, S))
        for i, status in ((1, "operating"), (2, "under_construction"), (3, "operating"))
    ]
    net = network(
        [seg("ab", "a", "b", kbd(250)), seg("bc", "b", "c", kbd(400))],
        [[["ab"]], [["bc"]]],
        nodes=[node("b", units=moorings)],
    )
    today, built = cap(net), cap(net, "if_built")
    assert (today.kbd.value, today.bottleneck, today.bottleneck_kind) == (
        pytest.approx(200.0),
        "b",
        "node",
    )
    assert (built.kbd.value, built.bottleneck) == (250.0, "ab")


def test_a_node_capacity_caps_its_units() -> None:
    units = [NodeUnit("m1", "M1", "operating", kbd(300))]
    el = resolve(
        network(
            [seg("ab", "a", "b", kbd(900))],
            [[["ab"]]],
            nodes=[node("b", units=units, capacity=kbd(120))],
        )
    ).nodes["b"]
    assert el.capacity_kbd("available") == 120.0


def test_throughput_above_capacity_is_reported() -> None:
    net = network([seg("ab", "a", "b", kbd(100), throughput=[flow(2024, 130)])], [[["ab"]]])
    (note,) = resolve(net).segments["ab"].notes
    assert note.startswith(
        "ab: throughput of all shippers in 2024 (130 kb/d) exceeds its capacity (100 kb/d)"
    )
    assert resolve(net).segments["ab"].spare_kbd("available") == 0.0


def test_latest_total_needs_every_shipper_of_one_year() -> None:
    records = [flow(2025, 60, "kazakh"), flow(2024, 3.65, "all", "Mt/yr")]
    assert latest_total(records, 10.0) == (2024, pytest.approx(100.0), (records[1],))


def test_a_segment_no_cost_item_covers_makes_the_cost_a_lower_bound() -> None:
    tariff = Cost("t", "tariff", ("ab",), Figure(20.0, "USD/t", 2024, S))
    net = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", kbd(300))],
        [[["ab"]], [["bc"]]],
        costs=[tariff],
    )
    (m,) = all_route_metrics(replace(net, boundaries=()))
    assert m.unpriced_segments == ("bc",)
    assert (m.cost_usd_per_bbl.value, m.cost_usd_per_bbl.bound) == (2.0, "at_least")
    assert any("no cost item covers bc" in w for w in m.warnings)
    covered = replace(
        net, costs={**net.costs, "u": Cost("u", "tariff", ("bc",), Figure(1.0, "USD/bbl", 2024, S))}
    )
    (m,) = all_route_metrics(covered)
    assert (m.cost_usd_per_t.value, m.cost_usd_per_bbl.bound) == (30.0, "exact")


def test_a_segment_without_a_crude_uses_the_generic_factor_and_says_so() -> None:
    net = network([seg("ab", "a", "b", Figure(7.33, "Mt/yr", 2024, S))], [[["ab"]]])
    net = replace(net, segments={"ab": replace(net.segments["ab"], crude=None)})
    (m,) = all_route_metrics(net)
    assert m.capacity_kbd == pytest.approx(7.33 * 7.33 * 1e3 / 365)
    assert any("names no crude" in w and "7.33 bbl/t" in w for w in m.warnings)


def test_the_bottleneck_is_chosen_in_tonnes_across_crudes() -> None:
    # 36.5 Mt/yr at 10 bbl/t is 1,000 kb/d; 40 Mt/yr at 7 bbl/t is 767 kb/d: fewer barrels,
    # but more tonnes. The oil's tonnes pass both, so the segment sets the route.
    light = Crude("light", "Light", Figure(7.0, "bbl/t", 2024, S))
    net = network(
        [
            seg("ab", "a", "b", Figure(36.5, "Mt/yr", 2024, S)),
            seg("bc", "b", "c", Figure(40.0, "Mt/yr", 2024, S)),
        ],
        [[["ab"]], [["bc"]]],
    )
    net = replace(
        net,
        crudes={**net.crudes, "light": light},
        segments={**net.segments, "bc": replace(net.segments["bc"], crude="light")},
    )
    c = cap(net)
    assert (c.bottleneck, c.mtpa.value, c.kbd.value) == ("ab", 36.5, pytest.approx(1000.0))


def test_a_terminal_limits_only_what_it_loads_or_lands() -> None:
    # A tanker terminal of 100 kb/d at b: a pipeline passing b to c is not limited by it,
    # a tanker leg loading there is.
    terminal = node("b", capacity=kbd(100), kind="terminal")
    terminal = replace(terminal, capacity_scope="tanker")
    by_pipe = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", kbd(250))],
        [[["ab"]], [["bc"]]],
        nodes=[terminal],
    )
    by_sea = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", mode="tanker", unlimited=True)],
        [[["ab"]], [["bc"]]],
        nodes=[terminal],
    )
    assert (cap(by_pipe).kbd.value, cap(by_pipe).bottleneck) == (250.0, "bc")
    assert (cap(by_sea).kbd.value, cap(by_sea).bottleneck) == (100.0, "b")


def test_units_read_from_a_file_keep_their_status(tmp_path: Any) -> None:
    from routes.io import read_data_dirs
    from routes.validate import network_from_raw
    from tests.conftest import feature, write_tiny

    units = [
        {
            "id": f"m{i}",
            "name": f"M{i}",
            "status": status,
            "sources": ["s1"],
            "capacity": {"value": 100, "unit": "kb/d", "as_of": 2024, "sources": ["s1"]},
        }
        for i, status in ((1, "operating"), (2, "idle"))
    ]
    nodes = [
        feature({"id": "a", "name": "A", "kind": "field", "sources": ["s1"]}, "Point", [0.5, 0.5]),
        feature(
            {
                "id": "b",
                "name": "B",
                "kind": "terminal",
                "sources": ["s1"],
                "crude": "light",
                "units": units,
            },
            "Point",
            [3.5, 0.5],
        ),
        feature(
            {"id": "c", "name": "C", "kind": "market", "sources": ["s1"]}, "Point", [3.5, -1.0]
        ),
    ]
    net = network_from_raw(read_data_dirs([write_tiny(tmp_path / "t", nodes=nodes)]))
    el = resolve(net).nodes["b"]
    assert (el.capacity_kbd("available"), el.capacity_kbd("if_built")) == (100.0, 200.0)


# Cases added after a mutation check found them unprotected.


def test_a_mooring_out_lowers_mtpa_too() -> None:
    moorings = [
        NodeUnit(f"m{i}", f"M{i}", status, Figure(3.65, "Mt/yr", 2024, S))
        for i, status in ((1, "operating"), (2, "under_construction"), (3, "operating"))
    ]
    net = network(
        [seg("ab", "a", "b", kbd(250)), seg("bc", "b", "c", kbd(400))],
        [[["ab"]], [["bc"]]],
        nodes=[node("b", units=moorings)],
    )
    assert cap(net).mtpa.value == pytest.approx(7.3)  # two moorings of 3.65 Mt/yr
    assert cap(net, "if_built").mtpa.value == pytest.approx(9.125)  # ab: 250 kb/d


def test_a_unit_of_unknown_capacity_makes_the_node_unknown() -> None:
    units = [
        NodeUnit("m1", "M1", "operating", kbd(100)),
        NodeUnit("m2", "M2", "operating", kbd(None)),
    ]
    net = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", kbd(400))],
        [[["ab"]], [["bc"]]],
        nodes=[node("b", units=units)],
    )
    assert resolve(net).nodes["b"].limit == "unknown"
    c = cap(net)
    assert (c.kbd.value, c.kbd.bound, c.unknown) == (300.0, "at_most", ("b",))


def test_a_node_capacity_caps_its_units_if_built_too() -> None:
    units = [NodeUnit("m1", "M1", "operating", kbd(300))]
    el = resolve(
        network(
            [seg("ab", "a", "b", kbd(900))],
            [[["ab"]]],
            nodes=[node("b", units=units, capacity=kbd(120))],
        )
    ).nodes["b"]
    assert (el.capacity_kbd("available"), el.capacity_kbd("if_built")) == (120.0, 120.0)


def test_throughput_ten_percent_over_capacity_is_reported() -> None:
    net = network([seg("ab", "a", "b", kbd(100), throughput=[flow(2024, 110)])], [[["ab"]]])
    (note,) = resolve(net).segments["ab"].notes
    assert "exceeds its capacity" in note


def test_a_branch_of_two_segments_takes_the_smaller_of_each() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(200), throughput=[flow(2024, 150)]),
            seg("bc", "b", "c", kbd(300), throughput=[flow(2024, 100)]),
        ],
        [[["ab", "bc"]]],
    )
    c = cap(net)
    assert (c.kbd.value, c.bottleneck) == (200.0, "ab")
    assert (c.spare_kbd.value, c.spare_kbd.bound, c.spare_set_by) == (50.0, "exact", ("ab",))


def test_an_unknown_section_inside_a_branch_makes_an_upper_bound() -> None:
    net = network([seg("ab", "a", "b", kbd(None)), seg("bc", "b", "c", kbd(300))], [[["ab", "bc"]]])
    c = cap(net)
    assert (c.kbd.value, c.kbd.bound, c.unknown) == (300.0, "at_most", ("ab",))


def test_parallel_branches_add_up_in_mtpa_and_spare() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(300), throughput=[flow(2024, 100)]),
            seg("ab2", "a", "b", kbd(150), throughput=[flow(2024, 50)]),
            seg("bc", "b", "c", kbd(1000), throughput=[flow(2024, 150)]),
        ],
        [[["ab"], ["ab2"]], [["bc"]]],
    )
    c = cap(net)
    assert c.mtpa.value == pytest.approx(16.425)  # 450 kb/d at 10 bbl/t
    assert c.spare_kbd.value == 300.0  # 200 + 100 on the parallel stage


def test_an_operating_node_with_every_unit_out_has_no_spare() -> None:
    units = [NodeUnit("m1", "M1", "under_construction", kbd(100))]
    el = resolve(
        network([seg("ab", "a", "b", kbd(300))], [[["ab"]]], nodes=[node("b", units=units)])
    ).nodes["b"]
    assert (el.capacity_kbd("available"), el.spare_kbd("available")) == (0.0, 0.0)


def _linefill(value: float = 10.0) -> Figure:
    return Figure(value, "million bbl", 2024, ("lf",))


def test_no_generic_factor_warning_when_every_element_names_its_crude() -> None:
    (m,) = all_route_metrics(network([seg("ab", "a", "b", kbd(300))], [[["ab"]]]))
    assert not any("names no crude" in w for w in m.warnings)


def test_upper_bound_warning_only_when_a_capacity_is_missing() -> None:
    (m,) = all_route_metrics(
        network(
            [seg("ab", "a", "b", kbd(None)), seg("bc", "b", "c", kbd(300))], [[["ab"]], [["bc"]]]
        )
    )
    assert "capacity is an upper bound: no sourced capacity for ab" in m.warnings
    (m,) = all_route_metrics(network([seg("ab", "a", "b", kbd(300))], [[["ab"]]]))
    assert not any(w.startswith("capacity is an upper bound") for w in m.warnings)


def test_an_unpriced_assumed_item_does_not_mark_the_cost_as_assumed() -> None:
    costs = [
        Cost("t", "tariff", ("ab",), Figure(20.0, "USD/t", 2024, S)),
        Cost("u", "tariff", ("bc",), Figure(None, "USD/t", assumption=True, note="n/a")),
    ]
    (m,) = all_route_metrics(
        network(
            [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", kbd(300))],
            [[["ab"]], [["bc"]]],
            costs=costs,
        )
    )
    assert (m.cost_usd_per_bbl.value, m.cost_usd_per_bbl.bound) == (2.0, "at_least")
    assert m.cost_usd_per_bbl.assumption is False


def test_line_fill_times_only_an_operating_pipeline() -> None:
    ab = replace(seg("ab", "a", "b", kbd(300), throughput=[flow(2024, 100)]), linefill=_linefill())
    bc = replace(
        seg("bc", "b", "c", kbd(300), status="idle", throughput=[flow(2021, 100)]),
        linefill=_linefill(),
    )
    cd = replace(
        seg("cd", "c", "d", kbd(300), mode="rail", throughput=[flow(2024, 100)]),
        linefill=_linefill(),
    )
    (m,) = all_route_metrics(network([ab, bc, cd], [[["ab"]], [["bc"]], [["cd"]]]))
    basis = {s.id: s.transit_basis for s in m.segments}
    assert basis["ab"].startswith("line fill 10 million bbl ÷ 100 kb/d")
    assert basis["bc"].endswith("(pipeline-speed)")
    assert basis["cd"].endswith("(rail-speed)")


def test_line_fill_time_cites_only_the_flow_it_divides_by() -> None:
    old = Throughput(2023, Figure(90.0, "kb/d", 2023, ("old",)), "all")
    new = Throughput(2024, Figure(100.0, "kb/d", 2024, ("new",)), "all")
    ab = replace(seg("ab", "a", "b", kbd(300), throughput=[old, new]), linefill=_linefill())
    (m,) = all_route_metrics(network([ab], [[["ab"]]]))
    assert m.segments[0].transit_sources == ("lf", "new")


def test_inside_one_branch_the_bottleneck_is_also_chosen_in_tonnes() -> None:
    light = Crude("light", "Light", Figure(7.0, "bbl/t", 2024, S))
    net = network(
        [
            seg("ab", "a", "b", Figure(36.5, "Mt/yr", 2024, S)),
            seg("bc", "b", "c", Figure(40.0, "Mt/yr", 2024, S)),
        ],
        [[["ab", "bc"]]],
    )
    net = replace(
        net,
        crudes={**net.crudes, "light": light},
        segments={**net.segments, "bc": replace(net.segments["bc"], crude="light")},
    )
    c = cap(net)
    assert (c.bottleneck, c.mtpa.value) == ("ab", 36.5)


def test_a_segment_drawn_far_from_its_published_length_gets_a_note() -> None:
    ab = seg("ab", "a", "b", kbd(300))
    km = ab.geometry.length * 111.3  # about the drawn length
    near = replace(ab, published_length=Figure(km * 1.01, "km", 2024, S))
    far = replace(ab, published_length=Figure(km * 1.10, "km", 2024, S))
    (m,) = all_route_metrics(network([near], [[["ab"]]]))
    assert not any("published" in w for w in m.warnings)
    (m,) = all_route_metrics(network([far], [[["ab"]]]))
    (note,) = [w for w in m.warnings if "published" in w]
    assert note.startswith("ab is drawn") and note.endswith("9% short")


def test_recorded_flow_is_the_latest_year_and_says_if_it_is_every_shippers() -> None:
    old = Throughput(2023, Figure(1.0, "Mt/yr"), "kazakh")
    new = Throughput(2024, Figure(2.0, "Mt/yr"), "kazakh")
    assert recorded_flow([old, new], latest_total([old, new], 7.3), 7.3) == (2.0, False)
    every = Throughput(2024, Figure(3.0, "Mt/yr"), "all")
    assert recorded_flow([every], latest_total([every], 7.3), 7.3) == (3.0, True)
