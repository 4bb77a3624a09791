"""Per-segment and per-route measures: distance, capacity and spare capacity (available today and
if built), cost, time. Each segment is measured once per network; routes add those measures up.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from routes.capacity import Element, Resolved, RouteCapacity, resolve, route_capacity, route_status
from routes.errors import UsageError, closest, shown
from routes.geometry import (
    DEFAULT_CHOKEPOINT_RADIUS_KM,
    CountryIndex,
    NearIndex,
    add_lengths,
    geodesic_length_km,
)
from routes.network import SEA, Network, Node, Route, Segment
from routes.quantity import Bound, Quantity
from routes.units import VOLUME_UNITS_MBBL, cost_to_usd_per_bbl, linefill_days

KM_PER_NM: Final[float] = 1.852
#: A node this close to a segment's line lies on it.
ON_LINE_KM: Final[float] = 2.0
#: The source of the country polygons that split distance by country.
BOUNDARY_SOURCE: Final[str] = "naturalearth"
#: A drawn segment further than this share from its published length gets a note.
DRAWN_VS_PUBLISHED: Final[float] = 0.02


@dataclass(frozen=True)
class SegmentMetrics:
    """Measures of one segment: geometry, its resolved capacity and its transit time."""

    id: str
    name: str
    mode: str
    status: str
    from_node: str
    to_node: str
    length_km: float
    length_km_by_country: dict[str, float]
    element: Element
    chokepoints: tuple[str, ...]
    transit_days: float
    #: How the time was found: "line fill ÷ flow" or the assumption applied.
    transit_basis: str
    #: The assumption id behind the time, or None when it rests on sourced figures only.
    transit_assumption: str | None
    transit_sources: tuple[str, ...]
    #: The operator's published length, to set beside the drawn `length_km`.
    published_length: Quantity | None = None
    #: Pump stations within `ON_LINE_KM` of a pipeline or rail leg's line, in order along it
    #: (none for a tanker leg: a port passed at sea is not on the route).
    pump_stations_on_line: tuple[str, ...] = ()

    @property
    def capacity_kbd(self) -> float | None:
        """Capacity available today (0 when not operating; None when unknown or unlimited)."""
        return self.element.capacity_kbd("available")

    @property
    def capacity_mtpa(self) -> float | None:
        return self.element.capacity_mtpa("available")

    @property
    def capacity_if_built_kbd(self) -> float | None:
        return self.element.capacity_kbd("if_built")

    @property
    def spare_capacity_kbd(self) -> float | None:
        return self.element.spare_kbd("available")


@dataclass(frozen=True)
class CostLine:
    """One tariff or freight item a route pays, per tonne and per barrel of the crude carried."""

    id: str
    kind: str
    segments: tuple[str, ...]
    usd_per_t: float | None
    usd_per_bbl: float | None
    bbl_per_t: float
    as_of: int | None
    assumption: bool
    sources: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class TimeLine:
    """One component of a route's transit time, and what it rests on."""

    what: str
    days: float
    basis: str
    assumption: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class RouteMetrics:
    """Distance, capacity, cost and time of one route (risk is in `routes.risk`)."""

    id: str
    name: str
    origin: str
    destination: str
    status: str
    length_km: float
    length_km_by_mode: dict[str, float]
    length_km_by_country: dict[str, float]
    available: RouteCapacity
    if_built: RouteCapacity
    cost_usd_per_t: Quantity
    cost_usd_per_bbl: Quantity
    costs: tuple[CostLine, ...]
    #: Segments of the reference path that no cost item covers.
    unpriced_segments: tuple[str, ...]
    transit_days: float
    transit_breakdown: tuple[TimeLine, ...]
    transshipments: int
    chokepoints: tuple[str, ...]
    #: Pump stations a pipeline or rail leg of the reference path passes within `ON_LINE_KM`
    #: of, segment ends excluded.
    nodes_along: tuple[str, ...]
    segments: tuple[SegmentMetrics, ...]
    parallel_segments: tuple[SegmentMetrics, ...]
    #: The nodes on the reference path and inside parallel branches, with their capacity.
    nodes: tuple[Element, ...]
    warnings: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def capacity_kbd(self) -> float | None:
        return self.available.kbd.value

    @property
    def capacity_mtpa(self) -> float | None:
        return self.available.mtpa.value

    @property
    def spare_capacity_kbd(self) -> float | None:
        return self.available.spare_kbd.value

    @property
    def bottleneck(self) -> str | None:
        return self.available.bottleneck

    @property
    def cost_complete(self) -> bool:
        return self.cost_usd_per_bbl.bound == "exact"


@dataclass(frozen=True)
class Measures:
    """A network measured once: every segment's geometry and time, every element resolved."""

    net: Network
    index: CountryIndex
    resolved: Resolved
    segments: Mapping[str, SegmentMetrics]
    #: For each segment, the cost items that cover it: (place in `net.costs`, id).
    costs_by_segment: Mapping[str, tuple[tuple[int, str], ...]]


def measure(net: Network) -> Measures:
    """Measure every segment and resolve every segment and node, once: the segments' lengths,
    their split by country and the nodes along them are worked out for all of them together."""
    index = CountryIndex(net.boundaries)
    res = resolve(net)
    segments = list(net.segments.values())
    lengths = [geodesic_length_km(seg.geometry) for seg in segments]
    land = [k for k, seg in enumerate(segments) if seg.mode != "tanker"]
    split = dict(
        zip(
            land,
            index.lengths_by_country_km(
                [segments[k].geometry for k in land], [lengths[k] for k in land]
            ),
            strict=True,
        )
    )
    crossed = NodesNear.chokepoints(net).along_all(segments)
    # A port passed at sea is not on the route: pump stations only along land legs.
    stations = dict(
        zip(land, NodesNear.pump_stations(net).along_all([segments[k] for k in land]), strict=True)
    )
    costs: dict[str, list[tuple[int, str]]] = {}
    for i, cost in enumerate(net.costs.values()):
        for sid in dict.fromkeys(cost.segments):
            costs.setdefault(sid, []).append((i, cost.id))
    return Measures(
        net,
        index,
        res,
        {
            seg.id: segment_metrics(
                net,
                seg,
                res.segments[seg.id],
                length_km=lengths[k],
                by_country=split.get(k, {SEA: lengths[k]}),
                chokepoints=crossed[k],
                pump_stations=stations.get(k, ()),
            )
            for k, seg in enumerate(segments)
        },
        {sid: tuple(c) for sid, c in costs.items()},
    )


@dataclass(frozen=True)
class NodesNear:
    """A network's nodes of one kind, each with the distance within which a line passes it."""

    nodes: tuple[Node, ...]
    index: NearIndex

    @classmethod
    def of_kind(cls, net: Network, kind: str, limit_km: Callable[[Node], float]) -> NodesNear:
        nodes = tuple(n for n in net.nodes.values() if n.kind == kind)
        return cls(nodes, NearIndex([(n.lon, n.lat) for n in nodes], [limit_km(n) for n in nodes]))

    @classmethod
    def chokepoints(cls, net: Network) -> NodesNear:
        """Chokepoints, each crossed within its own radius (else the default)."""
        return cls.of_kind(net, "chokepoint", lambda n: n.radius_km or DEFAULT_CHOKEPOINT_RADIUS_KM)

    @classmethod
    def pump_stations(cls, net: Network) -> NodesNear:
        """Pump stations, on a line within `ON_LINE_KM`."""
        return cls.of_kind(net, "pump_station", lambda n: ON_LINE_KM)

    def along_all(self, segments: Sequence[Segment]) -> list[tuple[str, ...]]:
        """For each segment, the ids of the nodes near its line, in order along it (ties in
        network order)."""
        from shapely.geometry import Point

        out = []
        for seg, near in zip(
            segments, self.index.near_all([seg.geometry for seg in segments]), strict=True
        ):
            hits = [self.nodes[i] for i in near]
            out.append(
                tuple(
                    n.id
                    for n in sorted(hits, key=lambda n: seg.geometry.project(Point(n.lon, n.lat)))
                )
            )
        return out


def segment_metrics(
    net: Network,
    seg: Segment,
    element: Element,
    *,
    length_km: float,
    by_country: dict[str, float],
    chokepoints: tuple[str, ...],
    pump_stations: tuple[str, ...],
) -> SegmentMetrics:
    """One segment's metrics from its resolved capacity and what `measure` found of its line:
    its geodesic length, the split of it by country, and the chokepoints and pump stations
    along it."""
    days, basis, assumption, sources = _segment_days(net, seg, length_km, element)
    pub = seg.published_length
    return SegmentMetrics(
        id=seg.id,
        name=seg.name,
        mode=seg.mode,
        status=seg.status,
        from_node=seg.from_node,
        to_node=seg.to_node,
        length_km=length_km,
        length_km_by_country=by_country,
        element=element,
        chokepoints=chokepoints,
        transit_days=days,
        transit_basis=basis,
        transit_assumption=assumption,
        transit_sources=sources,
        published_length=None
        if pub is None
        else Quantity(pub.value, pub.unit, as_of=pub.as_of, sources=pub.sources, note=pub.note),
        pump_stations_on_line=pump_stations,
    )


def _segment_days(
    net: Network, seg: Segment, length_km: float, element: Element
) -> tuple[float, str, str | None, tuple[str, ...]]:
    """(days, basis, assumption id or None, sources) for one segment.

    A sourced fixed time comes first, then line fill ÷ the latest flow of all shippers for an
    operating pipeline, else the mode's (or the line's own) speed assumption.
    """
    fixed = net.specific_assumption("transit-days", seg.id)
    if fixed is not None:
        assert fixed.figure.value is not None
        return fixed.figure.value, f"fixed time ({fixed.id})", fixed.id, fixed.figure.sources
    fill = seg.linefill
    flow = element.throughput_kbd
    if (
        seg.mode == "pipeline"
        and fill is not None
        and fill.value is not None
        and element.available
        and flow
    ):
        mbbl = fill.value * VOLUME_UNITS_MBBL[fill.unit]
        sources = (
            *fill.sources,
            *(
                s
                for t in element.throughput
                if t.as_of == element.throughput_year
                for s in t.sources
            ),
        )
        basis = (
            f"line fill {mbbl:g} million bbl ÷ {flow:,.0f} kb/d "
            f"({element.throughput_year} flow of all shippers)"
        )
        return (
            linefill_days(mbbl, flow),
            basis,
            ("linefill" if fill.assumption else None),
            tuple(dict.fromkeys(sources)),
        )
    if seg.mode == "tanker":
        a = net.assumption("tanker-speed", seg.id)
        assert a.figure.value is not None
        return (
            length_km / (a.figure.value * KM_PER_NM * 24.0),
            f"{a.figure.value:g} kn ({a.id})",
            a.id,
            a.figure.sources,
        )
    a = net.assumption(f"{seg.mode}-speed", seg.id)
    assert a.figure.value is not None
    return length_km / a.figure.value, f"{a.figure.value:g} km/day ({a.id})", a.id, a.figure.sources


def check_route_ids(net: Network, ids: Sequence[str]) -> list[str]:
    """The route ids asked for, in order, or every route when none are given.

    Raises
    ------
    UsageError
        For an unknown id, naming the closest known one and listing the choices.
    """
    for rid in ids:
        if rid not in net.routes:
            raise UsageError(
                f"unknown route {shown(rid)}{closest(rid, net.routes)}; choose from "
                f"{', '.join(net.routes)}"
            )
    twice = [rid for i, rid in enumerate(ids) if rid in ids[:i]]
    if twice:
        raise UsageError(f"route {shown(twice[0])} is named twice; name each route once")
    return list(ids) if ids else list(net.routes)


def route_metrics(ms: Measures, route: Route) -> RouteMetrics:
    """Measure a route along its reference path (the first branch of each stage), with every
    usable parallel branch counted in capacity."""
    net, res = ms.net, ms.resolved
    primary = [ms.segments[sid] for sid in route.primary_segments()]
    parallel = [
        ms.segments[sid] for sid in route.all_segments() if sid not in route.primary_segments()
    ]
    available = route_capacity(net, res, route, "available")
    if_built = route_capacity(net, res, route, "if_built")
    status = route_status(net, res, route)
    warnings: list[str] = []
    if status != "operating":
        warnings.append(
            f"route status {status.replace('_', ' ')}: "
            + (
                f"{', '.join(available.blocked_by)} not operating, so nothing can pass today"
                if available.blocked_by
                else "part of it is idle"
            )
        )
    for stage in route.stages:
        live = net.operating_branches(stage)
        if len(stage.branches) > 1 and len(live) < len(stage.branches):
            for b in stage.branches:
                if b not in live:
                    states = sorted(
                        {net.segments[s].status for s in b} - {"operating"}
                        | {net.nodes[net.segments[s].to_node].status for s in b[:-1]}
                        - {"operating"}
                    )
                    how = "if restarted" if states == ["idle"] else "if built"
                    warnings.append(
                        f"parallel branch {' + '.join(b)} is "
                        f"{' / '.join(x.replace('_', ' ') for x in states)} and "
                        f"adds capacity only {how}"
                    )
    node_ids = _route_node_ids(net, route)
    nodes = tuple(res.nodes[n] for n in node_ids)
    for el in (*(m.element for m in (*primary, *parallel)), *nodes):
        warnings.extend(el.notes)
        if el.crude is None and el.limit == "value":
            warnings.append(
                f"{el.kind} {el.id} names no crude: its kb/d and Mt/yr use the "
                f"generic {el.bbl_per_t.value:g} bbl/t (assumption)"
            )
    if available.unknown and available.kbd.bound == "at_most":
        warnings.append(
            f"capacity is an upper bound: no sourced capacity for {', '.join(available.unknown)}"
        )
    for sm in primary:
        published = sm.published_length
        if (
            published is not None
            and published.value
            and abs(sm.length_km - published.value) > DRAWN_VS_PUBLISHED * published.value
        ):
            warnings.append(
                f"{sm.id} is drawn {sm.length_km:,.0f} km against a published "
                f"{published.value:,.0f} km, so its distances (and the country split "
                f"on it) are {abs(1 - sm.length_km / published.value):.0%} "
                f"{'short' if sm.length_km < published.value else 'long'}"
            )
    costs, unpriced = _route_costs(net, ms, route)
    missing = [c.id for c in costs if c.usd_per_bbl is None]
    if missing or unpriced:
        why = " and ".join(
            ([f"no sourced figure for {', '.join(missing)}"] if missing else [])
            + ([f"no cost item covers {', '.join(unpriced)}"] if unpriced else [])
        )
        priced = any(c.usd_per_bbl is not None for c in costs)
        warnings.append(f"cost is a lower bound: {why}" if priced else f"cost not sourced: {why}")
    transshipments = sum(1 for a, b in itertools.pairwise(primary) if a.mode != b.mode)
    chokepoints = tuple(dict.fromkeys(c for m in primary for c in m.chokepoints))
    breakdown = [
        TimeLine(
            f"{m.id} ({m.mode}, {m.length_km:,.0f} km)",
            m.transit_days,
            m.transit_basis,
            m.transit_assumption,
            m.transit_sources,
        )
        for m in primary
    ]
    for c in chokepoints:
        wait = net.specific_assumption("wait-days", c)
        if wait is not None and wait.figure.value:
            breakdown.append(
                TimeLine(
                    f"waiting at {c}",
                    wait.figure.value,
                    f"{wait.figure.value:g} days ({wait.id})",
                    wait.id,
                    wait.figure.sources,
                )
            )
    if transshipments:
        per = net.assumption("transshipment-days")
        assert per.figure.value is not None
        breakdown.append(
            TimeLine(
                "1 transshipment" if transshipments == 1 else f"{transshipments} transshipments",
                transshipments * per.figure.value,
                f"{per.figure.value:g} "
                f"{'day' if per.figure.value == 1 else 'days'} each ({per.id})",
                per.id,
                per.figure.sources,
            )
        )
    any_cost = any(c.usd_per_bbl is not None for c in costs)
    cost_bound: Bound = (
        ("exact" if not (missing or unpriced) else "at_least") if any_cost else "not_sourced"
    )
    cost_sources = tuple(dict.fromkeys(s for c in costs for s in c.sources))
    assumed = any(c.assumption for c in costs if c.usd_per_bbl is not None)
    years = sorted({c.as_of for c in costs if c.as_of and c.usd_per_bbl is not None})
    undated = [c.id for c in costs if c.as_of is None and c.usd_per_bbl is not None]
    dated = (
        f"items as of {years[0]}" + (f"–{years[-1]}" if len(years) > 1 else "")
        if years
        else "no dated item"
    ) + (f"; undated: {', '.join(undated)}" if undated else "")
    per_t = sum(c.usd_per_t or 0.0 for c in costs) if any_cost else None
    per_bbl = sum(c.usd_per_bbl or 0.0 for c in costs) if any_cost else None
    m = RouteMetrics(
        id=route.id,
        name=route.name,
        origin=route.origin,
        destination=route.destination,
        status=status,
        length_km=sum(m.length_km for m in primary),
        length_km_by_mode=add_lengths({m.mode: m.length_km} for m in primary),
        length_km_by_country=add_lengths(m.length_km_by_country for m in primary),
        available=available,
        if_built=if_built,
        cost_usd_per_t=Quantity(
            per_t,
            "USD/t",
            cost_bound,
            sources=cost_sources,
            assumption=assumed,
            note=dated if any_cost else None,
        ),
        cost_usd_per_bbl=Quantity(
            per_bbl,
            "USD/bbl",
            cost_bound,
            sources=cost_sources,
            assumption=assumed,
            note=dated if any_cost else None,
        ),
        costs=tuple(costs),
        unpriced_segments=tuple(unpriced),
        transit_days=sum(t.days for t in breakdown),
        transit_breakdown=tuple(breakdown),
        transshipments=transshipments,
        chokepoints=chokepoints,
        nodes_along=_nodes_along(ms, route),
        segments=tuple(primary),
        parallel_segments=tuple(parallel),
        nodes=nodes,
        warnings=tuple(dict.fromkeys(warnings)),
        sources=(),
    )
    return replace(m, sources=route_sources(net, m))


def _route_node_ids(net: Network, route: Route) -> tuple[str, ...]:
    ids: dict[str, None] = {route.origin: None}
    for stage in route.stages:
        for branch in stage.branches:
            ids.update(dict.fromkeys(net.segments[s].to_node for s in branch))
    return tuple(ids)


def route_sources(net: Network, m: RouteMetrics) -> tuple[str, ...]:
    """Every source the route's printed numbers rest on, in a stable order: the route, its
    segments (geometry, capacity, throughput, line fill, crude factors), its nodes (positions,
    capacities), costs, transit assumptions and the boundaries (distance by country). The risk
    score's inputs are added by `routes.risk`."""
    out: dict[str, None] = dict.fromkeys(net.routes[m.id].sources)

    def converted(el: Element) -> tuple[str, ...]:
        # The crude's factor stands behind an element's figures only where one is converted.
        return el.bbl_per_t.sources if el.limit == "value" or el.throughput else ()

    for sm in (*m.segments, *m.parallel_segments):
        seg = net.segments[sm.id]
        out.update(
            dict.fromkeys(
                (
                    *seg.sources,
                    *converted(sm.element),
                    *(sm.element.capacity.sources if sm.element.capacity else ()),
                    *(s for t in sm.element.throughput for s in t.sources),
                    *(seg.linefill.sources if seg.linefill else ()),
                    *(sm.published_length.sources if sm.published_length else ()),
                )
            )
        )
    for el in m.nodes:
        node = net.nodes[el.id]
        out.update(
            dict.fromkeys(
                (
                    *node.sources,
                    *converted(el),
                    *(el.capacity.sources if el.capacity else ()),
                    *(s for t in el.throughput for s in t.sources),
                    *(s for u in node.units for s in (*u.sources, *u.capacity.sources)),
                )
            )
        )
    for c in m.costs:
        out.update(dict.fromkeys(c.sources))
    for t in m.transit_breakdown:
        out.update(dict.fromkeys(t.sources))
    if net.boundaries and BOUNDARY_SOURCE in net.sources:  # distance by country
        out[BOUNDARY_SOURCE] = None
    return tuple(s for s in out if s in net.sources)


def _nodes_along(ms: Measures, route: Route) -> tuple[str, ...]:
    path = [ms.segments[sid] for sid in route.primary_segments()]
    ends = {n for sm in path for n in (sm.from_node, sm.to_node)}
    return tuple(dict.fromkeys(n for sm in path for n in sm.pump_stations_on_line if n not in ends))


def _route_costs(net: Network, ms: Measures, route: Route) -> tuple[list[CostLine], list[str]]:
    """The cost items the route pays (each once) and the route's segments that no item covers.

    A cost in USD/bbl is a cost per barrel of the crude its segments carry; the route adds
    costs per tonne, and gives them per barrel of the crude it delivers (the last segment's),
    the barrel its sale price is quoted for.
    """
    path = route.primary_segments()
    delivered = ms.resolved.segments[path[-1]].bbl_per_t.value
    assert delivered is not None
    lines = []
    covered: set[str] = set()
    # The items covering the path, in the order of net.costs (found by segment, not by
    # testing every item of a large network against every route).
    for _, cid in sorted({c for s in path for c in ms.costs_by_segment.get(s, ())}):
        cost = net.costs[cid]
        on_path = [s for s in path if s in cost.segments]  # never empty: found by segment
        covered.update(on_path)
        carried = ms.resolved.segments[on_path[0]].bbl_per_t.value
        assert carried is not None
        fig = cost.figure
        per_bbl = per_t = None
        if fig.value is not None:
            per_t = cost_to_usd_per_bbl(fig.value, fig.unit, carried) * carried
            per_bbl = per_t / delivered
        lines.append(
            CostLine(
                cost.id,
                cost.kind,
                cost.segments,
                per_t,
                per_bbl,
                delivered,
                fig.as_of,
                fig.assumption,
                fig.sources,
                fig.note,
            )
        )
    return lines, [s for s in path if s not in covered]


def all_route_metrics(
    net: Network, ids: Sequence[str] = (), ms: Measures | None = None
) -> list[RouteMetrics]:
    """Measure the named routes (all when none are named), in the order given."""
    ms = ms or measure(net)
    return [route_metrics(ms, net.routes[rid]) for rid in check_route_ids(net, ids)]
