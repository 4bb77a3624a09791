"""Per-segment and per-route measures: distance, capacity, spare capacity, cost, time."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from routes.errors import UsageError
from routes.geometry import (
    DEFAULT_CHOKEPOINT_RADIUS_KM,
    CountryIndex,
    add_lengths,
    geodesic_length_km,
    point_to_line_km,
)
from routes.network import Network, Route, Segment
from routes.units import MASS_UNITS_MTPA, cost_to_usd_per_bbl, flow_to_kbd, kbd_to_mtpa
from routes.validate import closest

KM_PER_NM: Final[float] = 1.852
#: A node this close to a segment's line lies on it.
ON_LINE_KM: Final[float] = 2.0


@dataclass(frozen=True)
class SegmentMetrics:
    """Measures of one segment."""

    id: str
    name: str
    mode: str
    status: str
    from_node: str
    to_node: str
    length_km: float
    length_km_by_country: dict[str, float]
    capacity_kbd: float | None
    capacity_mtpa: float | None
    throughput_kbd: float | None
    throughput_year: int | None
    spare_capacity_kbd: float | None
    chokepoints: tuple[str, ...]
    transit_days: float
    transit_assumption: str


@dataclass(frozen=True)
class CostLine:
    """One tariff or freight item a route pays."""

    id: str
    kind: str
    segments: tuple[str, ...]
    usd_per_t: float | None
    usd_per_bbl: float | None
    as_of: int | None
    assumption: bool
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class TimeLine:
    """One component of a route's transit time."""

    what: str
    days: float
    assumption: str


@dataclass(frozen=True)
class RouteMetrics:
    """Distance, capacity, cost and time of one route (risk is in `routes.risk`)."""

    id: str
    name: str
    origin: str
    destination: str
    bbl_per_t: float
    length_km: float
    length_km_by_mode: dict[str, float]
    length_km_by_country: dict[str, float]
    capacity_kbd: float | None
    capacity_mtpa: float | None
    bottleneck_segment: str | None
    capacity_unknown_segments: tuple[str, ...]
    spare_capacity_kbd: float | None
    cost_usd_per_t: float
    cost_usd_per_bbl: float
    cost_complete: bool
    costs: tuple[CostLine, ...]
    transit_days: float
    transit_breakdown: tuple[TimeLine, ...]
    transshipments: int
    chokepoints: tuple[str, ...]
    #: Pump stations a pipeline or rail leg of the reference path passes within `ON_LINE_KM`
    #: of, segment ends excluded.
    nodes_along: tuple[str, ...]
    segments: tuple[SegmentMetrics, ...]
    parallel_segments: tuple[str, ...]
    warnings: tuple[str, ...]
    sources: tuple[str, ...]


def segment_capacity(net: Network, seg: Segment, bbl_per_t: float) -> tuple[float | None,
                                                                            float | None]:
    """A segment's capacity in kb/d and Mt/yr, each with the factor the figure names (else
    `bbl_per_t`); the native unit's value is kept as given."""
    cap = seg.capacity
    if cap.value is None:
        return None, None
    factor = cap.bbl_per_t or bbl_per_t
    kbd = flow_to_kbd(cap.value, cap.unit, factor)
    if cap.unit in MASS_UNITS_MTPA:
        return kbd, cap.value * MASS_UNITS_MTPA[cap.unit]
    return kbd, kbd_to_mtpa(kbd, factor)


def segment_metrics(net: Network, seg: Segment, index: CountryIndex,
                    bbl_per_t: float) -> SegmentMetrics:
    """Measure one segment; `bbl_per_t` converts figures that name no factor of their own."""
    length = geodesic_length_km(seg.geometry)
    by_country = index.length_by_country_km(seg.geometry, over_water=seg.mode == "tanker")
    kbd, mtpa = segment_capacity(net, seg, bbl_per_t)
    latest = seg.latest_throughput()
    tp_kbd = None
    if latest is not None and latest.figure.value is not None:
        tp_kbd = flow_to_kbd(latest.figure.value, latest.figure.unit,
                             latest.figure.bbl_per_t or bbl_per_t)
    spare = kbd - tp_kbd if kbd is not None and tp_kbd is not None else kbd
    chokepoints = tuple(
        n.id for n in net.nodes.values()
        if n.kind == "chokepoint"
        and point_to_line_km(n.lon, n.lat, seg.geometry)
        <= (n.radius_km or DEFAULT_CHOKEPOINT_RADIUS_KM)
    )
    days, assumption = _segment_days(net, seg, length)
    return SegmentMetrics(
        id=seg.id, name=seg.name, mode=seg.mode, status=seg.status, from_node=seg.from_node,
        to_node=seg.to_node, length_km=length, length_km_by_country=by_country,
        capacity_kbd=kbd, capacity_mtpa=mtpa, throughput_kbd=tp_kbd,
        throughput_year=latest.year if latest else None, spare_capacity_kbd=spare,
        chokepoints=_order_along(net, seg, chokepoints), transit_days=days,
        transit_assumption=assumption,
    )


def _order_along(net: Network, seg: Segment, ids: tuple[str, ...]) -> tuple[str, ...]:
    from shapely.geometry import Point

    return tuple(sorted(ids, key=lambda i: seg.geometry.project(Point(net.nodes[i].lon,
                                                                      net.nodes[i].lat))))


def _segment_days(net: Network, seg: Segment, length_km: float) -> tuple[float, str]:
    fixed = net.specific_assumption("transit-days", seg.id)
    if fixed is not None:
        assert fixed.figure.value is not None
        return fixed.figure.value, fixed.id
    if seg.mode == "tanker":
        a = net.assumption("tanker-speed", seg.id)
        assert a.figure.value is not None
        return length_km / (a.figure.value * KM_PER_NM * 24.0), a.id
    a = net.assumption(f"{seg.mode}-speed", seg.id)
    assert a.figure.value is not None
    return length_km / a.figure.value, a.id


def check_route_ids(net: Network, ids: Sequence[str]) -> list[str]:
    """The route ids asked for, in order, or every route when none are given.

    Raises
    ------
    UsageError
        For an unknown id, naming the closest known one and listing the choices.
    """
    for rid in ids:
        if rid not in net.routes:
            raise UsageError(f"unknown route {rid!r}{closest(rid, net.routes)}; choose from "
                             f"{', '.join(net.routes)}")
    return list(ids) if ids else list(net.routes)


def route_metrics(net: Network, route: Route, index: CountryIndex) -> RouteMetrics:
    """Measure a route along its reference path, with parallel branches counted in capacity."""
    bbl_per_t = net.assumption_value("bbl-per-t", route.id)
    measured = {sid: segment_metrics(net, net.segments[sid], index, bbl_per_t)
                for sid in route.all_segments()}
    primary = [measured[sid] for sid in route.primary_segments()]
    warnings: list[str] = []

    capacity_kbd: float | None = None
    capacity_mtpa: float | None = None
    spare_kbd: float | None = None
    bottleneck: str | None = None
    unknown: list[str] = []
    stages: list[tuple[float, float, float, str]] = []
    for stage in route.stages:
        live = net.operating_branches(stage) or (stage.primary,)
        if len(stage.branches) > 1 and len(live) < len(stage.branches):
            dropped = [s for b in stage.branches if b not in live for s in b]
            warnings.append(f"parallel branch {' + '.join(dropped)} is not operating and adds "
                            "no capacity")
        stage_kbd = stage_mtpa = stage_spare = 0.0
        stage_known = True
        stage_neck: list[str] = []
        for branch in live:
            known = [measured[s] for s in branch if measured[s].capacity_kbd is not None]
            unknown.extend(s for s in branch if measured[s].capacity_kbd is None
                           and measured[s].mode != "tanker")
            if not known:
                stage_known = False
                continue
            # Ties (e.g. two sections rated alike) go to the one with less spare capacity.
            neck = min(known, key=lambda m: (m.capacity_kbd or 0.0,
                                             m.spare_capacity_kbd or 0.0))
            stage_kbd += neck.capacity_kbd or 0.0
            stage_mtpa += neck.capacity_mtpa or 0.0
            stage_spare += min(m.spare_capacity_kbd for m in known
                               if m.spare_capacity_kbd is not None)
            stage_neck.append(neck.id)
        if stage_known and stage_neck:
            stages.append((stage_kbd, stage_spare, stage_mtpa, " + ".join(stage_neck)))
    if stages:
        # The narrowest stage sets capacity; among equals, the one with least spare capacity.
        capacity_kbd, _, capacity_mtpa, bottleneck = min(stages, key=lambda t: (t[0], t[1]))
        spare_kbd = min(t[1] for t in stages)
    for m in primary:
        if m.status != "operating":
            warnings.append(f"segment {m.id} is {m.status}")

    costs, complete = _route_costs(net, route, bbl_per_t)
    transshipments = sum(1 for a, b in itertools.pairwise(primary) if a.mode != b.mode)
    chokepoints = tuple(dict.fromkeys(c for m in primary for c in m.chokepoints))
    breakdown = [TimeLine(f"{m.id} ({m.mode}, {m.length_km:,.0f} km)", m.transit_days,
                          m.transit_assumption) for m in primary]
    for c in chokepoints:
        wait = net.specific_assumption("wait-days", c)
        if wait is not None and wait.figure.value:
            breakdown.append(TimeLine(f"waiting at {c}", wait.figure.value, wait.id))
    if transshipments:
        per = net.assumption("transshipment-days")
        assert per.figure.value is not None
        breakdown.append(TimeLine(f"{transshipments} transshipment(s)",
                                  transshipments * per.figure.value, per.id))
    sources: dict[str, None] = dict.fromkeys(route.sources)
    for sid in route.all_segments():
        seg = net.segments[sid]
        sources.update(dict.fromkeys((*seg.sources, *seg.capacity.sources,
                                      *(s for t in seg.throughput for s in t.figure.sources))))
    for line in costs:
        sources.update(dict.fromkeys(line.sources))

    return RouteMetrics(
        id=route.id, name=route.name, origin=route.origin, destination=route.destination,
        bbl_per_t=bbl_per_t,
        length_km=sum(m.length_km for m in primary),
        length_km_by_mode=add_lengths({m.mode: m.length_km} for m in primary),
        length_km_by_country=add_lengths(m.length_km_by_country for m in primary),
        capacity_kbd=capacity_kbd, capacity_mtpa=capacity_mtpa, bottleneck_segment=bottleneck,
        capacity_unknown_segments=tuple(dict.fromkeys(unknown)),
        spare_capacity_kbd=spare_kbd,
        cost_usd_per_t=sum(c.usd_per_t or 0.0 for c in costs),
        cost_usd_per_bbl=sum(c.usd_per_bbl or 0.0 for c in costs),
        cost_complete=complete, costs=tuple(costs),
        transit_days=sum(t.days for t in breakdown), transit_breakdown=tuple(breakdown),
        transshipments=transshipments, chokepoints=chokepoints,
        nodes_along=_nodes_along(net, route),
        segments=tuple(primary),
        parallel_segments=tuple(s for s in route.all_segments()
                                if s not in route.primary_segments()),
        warnings=tuple(warnings), sources=tuple(sources),
    )


def _nodes_along(net: Network, route: Route) -> tuple[str, ...]:
    ends = {n for sid in route.primary_segments()
            for n in (net.segments[sid].from_node, net.segments[sid].to_node)}
    found: list[str] = []
    for sid in route.primary_segments():
        seg = net.segments[sid]
        if seg.mode == "tanker":  # a port passed at sea is not on the route
            continue
        near = [n for n in net.nodes.values()
                if n.id not in ends and n.kind == "pump_station"
                and point_to_line_km(n.lon, n.lat, seg.geometry) <= ON_LINE_KM]
        found.extend(_order_along(net, seg, tuple(n.id for n in near)))
    return tuple(dict.fromkeys(found))


def _route_costs(net: Network, route: Route, bbl_per_t: float) -> tuple[list[CostLine], bool]:
    path = set(route.primary_segments())
    lines = []
    complete = True
    for cost in net.costs.values():
        if not path.intersection(cost.segments):
            continue
        fig = cost.figure
        per_bbl = per_t = None
        if fig.value is not None:
            per_bbl = cost_to_usd_per_bbl(fig.value, fig.unit, bbl_per_t)
            per_t = per_bbl * bbl_per_t
        else:
            complete = False
        lines.append(CostLine(cost.id, cost.kind, cost.segments, per_t, per_bbl, fig.as_of,
                              fig.assumption, fig.sources, fig.note))
    return lines, complete


def all_route_metrics(net: Network, ids: Sequence[str] = ()) -> list[RouteMetrics]:
    """Measure the named routes (all when none are named), in the order given."""
    index = CountryIndex(net.boundaries)
    return [route_metrics(net, net.routes[rid], index) for rid in check_route_ids(net, ids)]
