"""The network's value types: sources, figures, nodes, segments, routes, events, costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, Literal

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx
    from shapely.geometry import LineString, MultiPolygon, Polygon

Mode = Literal["pipeline", "tanker", "rail"]
MODES: Final[tuple[str, ...]] = ("pipeline", "tanker", "rail")
NODE_KINDS: Final[tuple[str, ...]] = (
    "field",
    "terminal",
    "port",
    "pump_station",
    "junction",
    "market",
    "chokepoint",
    "office",
)
STATUSES: Final[tuple[str, ...]] = (
    "operating",
    "idle",
    "under_construction",
    "planned",
    "cancelled",
)
#: Statuses whose capacity counts as available today; the others count only "if built" (or
#: "if restarted"), except cancelled, which never counts.
AVAILABLE_STATUSES: Final[frozenset[str]] = frozenset({"operating"})
BUILDABLE_STATUSES: Final[frozenset[str]] = frozenset(
    {"operating", "idle", "under_construction", "planned"}
)
#: Whose oil a throughput record counts: every shipper on the asset, Kazakh oil only, or the
#: other shippers only (Russian transit, Azeri crude...).
SHIPPERS: Final[tuple[str, ...]] = ("all", "kazakh", "other")
#: Which flows a node's capacity limits: every flow through it, or only oil loaded onto or
#: landed from tankers there (a loading terminal does not limit a pipeline passing by).
CAPACITY_SCOPES: Final[tuple[str, ...]] = ("all", "tanker")
EVENT_CATEGORIES: Final[tuple[str, ...]] = (
    "weather",
    "security",
    "regulatory",
    "technical",
    "quality",
    "planned",
    "geophysical",
)
COST_KINDS: Final[tuple[str, ...]] = ("tariff", "freight", "port")
#: The country bucket for length over water.
SEA: Final[str] = "SEA"


@dataclass(frozen=True)
class Source:
    """A citation: every figure and feature points at one or more of these by id."""

    id: str
    title: str
    url: str | None
    publisher: str | None = None
    date: str | None = None
    licence: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Figure:
    """A number with its unit, the year it describes and its sources.

    ``value`` is None when no source gives the figure; ``note`` then says what was looked for.
    ``assumption`` marks a figure that stands in for a missing one and can be overridden.
    """

    value: float | None
    unit: str
    as_of: int | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None
    assumption: bool = False


@dataclass(frozen=True)
class Throughput:
    """A segment's or node's recorded flow in one year, and whose oil it counts."""

    year: int
    figure: Figure
    #: One of `SHIPPERS`: ``all`` shippers, ``kazakh`` oil only, or ``other`` shippers only.
    shippers: str = "all"


@dataclass(frozen=True)
class Crude:
    """A crude stream, with the barrels-per-tonne factor that converts its Mt/yr and kb/d."""

    id: str
    name: str
    bbl_per_t: Figure
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class NodeUnit:
    """A loading unit of a terminal or port (a mooring, a berth) with its own capacity and
    status, so that losing one has a meaning in volume."""

    id: str
    name: str
    status: str
    capacity: Figure
    sources: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Node:
    """A network point: field, terminal, port, pump station, junction, market or chokepoint."""

    id: str
    name: str
    kind: str
    lon: float
    lat: float
    sources: tuple[str, ...]
    country: str | None = None
    location_quality: str | None = None
    note: str | None = None
    #: For chokepoints: how close a line must pass to count as crossing it.
    radius_km: float | None = None
    status: str = "operating"
    #: Loading or hand-over capacity; None when the node does not limit flow (a junction, a
    #: field, a market). A figure with a null value is an unknown capacity.
    capacity: Figure | None = None
    throughput: tuple[Throughput, ...] = ()
    #: The crude the node handles, which converts its capacity (id in crudes.yaml).
    crude: str | None = None
    units: tuple[NodeUnit, ...] = ()
    #: One of `CAPACITY_SCOPES`.
    capacity_scope: str = "all"


@dataclass(frozen=True)
class Segment:
    """A directed pipeline, tanker or rail leg between two nodes."""

    id: str
    name: str
    mode: str
    from_node: str
    to_node: str
    status: str
    operator: str | None
    capacity: Figure
    throughput: tuple[Throughput, ...]
    geometry: LineString = field(repr=False)
    sources: tuple[str, ...]
    geometry_source: str | None = None
    note: str | None = None
    #: The crude the segment carries (id in crudes.yaml); None falls back to the generic factor.
    crude: str | None = None
    #: An open-sea tanker leg that the model does not limit (the terminals do).
    unlimited: bool = False
    #: Oil in the line; transit time is line fill ÷ flow when both are known.
    linefill: Figure | None = None
    #: The length its operator publishes, to set beside the length measured on the drawing.
    published_length: Figure | None = None
    #: A pipeline laid at sea (a subsea line): exempt from the check that land legs lie on land.
    offshore: bool = False


@dataclass(frozen=True)
class Stage:
    """One step of a route: one branch, or several parallel branches that join again.

    Each branch is an ordered chain of segment ids; all branches start and end at the same nodes.
    The first branch is the reference path for distance, cost and time.
    """

    branches: tuple[tuple[str, ...], ...]

    @property
    def primary(self) -> tuple[str, ...]:
        return self.branches[0]


@dataclass(frozen=True)
class Route:
    """An ordered chain of stages from an origin to a market."""

    id: str
    name: str
    origin: str
    destination: str
    stages: tuple[Stage, ...]
    sources: tuple[str, ...] = ()
    description: str | None = None

    def primary_segments(self) -> tuple[str, ...]:
        """The segment ids of the reference path, in order."""
        return tuple(s for stage in self.stages for s in stage.primary)

    def all_segments(self) -> tuple[str, ...]:
        """Every segment id the route may use, parallel branches included, without repeats."""
        seen: dict[str, None] = {}
        for stage in self.stages:
            for branch in stage.branches:
                for s in branch:
                    seen.setdefault(s, None)
        return tuple(seen)


@dataclass(frozen=True)
class Event:
    """A dated disruption of a segment or node.

    ``share_lost`` is the observed share of the target's capacity lost; a forecast ("could
    fall by 30%") is not an observation and stays in the note.
    """

    id: str
    target: str
    start: dt.date
    end: dt.date | None
    share_lost: float | None
    cause: str
    category: str
    sources: tuple[str, ...]
    dates_approximate: bool = False
    note: str | None = None
    #: For an event shorter than a day or two (a fog closure): the hours the target was out.
    hours: float | None = None

    @property
    def duration_days(self) -> float | None:
        """Whole days from start to end, counting both (or `hours` / 24 when given); None when
        the end is not known."""
        if self.hours is not None:
            return self.hours / 24.0
        if self.end is None:
            return None
        return float((self.end - self.start).days + 1)


@dataclass(frozen=True)
class Cost:
    """A tariff, freight rate or port charge paid once by a route that uses any of its segments."""

    id: str
    kind: str
    segments: tuple[str, ...]
    figure: Figure


@dataclass(frozen=True)
class Country:
    """Country indicators used by the risk score."""

    iso3: str
    name: str
    political_stability: Figure
    sanctions_exposure: Figure


@dataclass(frozen=True)
class Assumption:
    """A labelled, overridable parameter (a speed, a waiting time, a conversion factor)."""

    id: str
    figure: Figure
    reasoning: str
    #: Segment or node ids the assumption is limited to; empty means it is the default.
    applies_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Boundary:
    """A country polygon, or a water body when ``iso3`` is `SEA`."""

    iso3: str
    name: str
    geometry: Polygon | MultiPolygon = field(repr=False)


@dataclass(frozen=True)
class SupplyItem:
    """Oil to move: how much of a crude enters the network where, and the route it normally
    takes (whose segments cost nothing extra in a what-if)."""

    id: str
    name: str
    node: str
    figure: Figure
    crude: str | None = None
    route: str | None = None


@dataclass(frozen=True)
class Outage:
    """Part of a segment, node, loading unit or chokepoint lost for some days of a scenario."""

    target: str
    share_lost: float
    start_day: float
    duration_days: float

    @property
    def end_day(self) -> float:
        return self.start_day + self.duration_days


@dataclass(frozen=True)
class Comparison:
    """A loss reported for a real event, to set beside what its scenario computes."""

    day: float
    lost: Figure


@dataclass(frozen=True)
class Scenario:
    """A what-if: outages over `days`, with the network's default supply and price unless it
    gives its own; idle or planned assets named in `switch_on` count as available. `closed`
    names what is shut for all of its days (a chokepoint, say); `markets`, when given, are the
    only markets the oil may reach."""

    id: str
    name: str
    days: float
    outages: tuple[Outage, ...] = ()
    description: str | None = None
    switch_on: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    supply: tuple[SupplyItem, ...] | None = None
    price: Figure | None = None
    events: tuple[str, ...] = ()
    compare: Comparison | None = None


@dataclass(frozen=True)
class Override:
    """An entry that came from a user's folder: the file it is in and, when it replaced an
    entry of an earlier folder (the packaged data, say), that file and each field it changed
    as (field, old value, new value), values as the data writes them."""

    layer: str
    id: str
    file: str
    replaced_file: str | None = None
    changes: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Network:
    """The whole validated network, as loaded from one or more data folders."""

    nodes: Mapping[str, Node]
    segments: Mapping[str, Segment]
    routes: Mapping[str, Route]
    events: Mapping[str, Event]
    costs: Mapping[str, Cost]
    countries: Mapping[str, Country]
    sources: Mapping[str, Source]
    assumptions: Mapping[str, Assumption]
    boundaries: tuple[Boundary, ...] = field(repr=False)
    data_version: str = ""
    crudes: Mapping[str, Crude] = field(default_factory=dict)
    supply: Mapping[str, SupplyItem] = field(default_factory=dict)
    scenarios: Mapping[str, Scenario] = field(default_factory=dict)
    #: The data folders, in the order they were laid (the packaged data first).
    folders: tuple[str, ...] = ()
    #: Entries that came from a folder after the first, with what they replaced.
    overrides: tuple[Override, ...] = ()

    def overrides_for(self, entries: Iterable[tuple[str, str]]) -> tuple[Override, ...]:
        """The overrides of these entries, each a (layer, id) pair (ids repeat across layers:
        `tengiz` is a node, a crude and a supply item), in the order they were read."""
        places = self._override_places
        return tuple(
            self.overrides[i] for i in sorted(i for e in set(entries) for i in places.get(e, ()))
        )

    def overrides_of(self, layer: str, ident: str) -> tuple[Override, ...]:
        """What your folders did to one entry itself (added it, replaced it, or both, folder
        by folder), in the order they were read."""
        return self.overrides_for([(layer, ident)])

    @cached_property
    def _override_places(self) -> dict[tuple[str, str], list[int]]:
        """Where each entry's overrides lie in `overrides`: found once, so that asking per
        route does not go through every override of a large folder."""
        places: dict[tuple[str, str], list[int]] = {}
        for i, o in enumerate(self.overrides):
            places.setdefault((o.layer, o.id), []).append(i)
        return places

    def to_geodataframes(self, *, weights: str | Path | None = None) -> dict[str, Any]:
        """The nodes, segments and routes as GeoDataFrames with every computed attribute (see
        `routes.api.to_geodataframes`)."""
        from routes.api import to_geodataframes

        return to_geodataframes(self, weights=weights)

    def unit_nodes(self) -> dict[str, str]:
        """Each loading unit's id and the node it belongs to."""
        return {u.id: n.id for n in self.nodes.values() for u in n.units}

    def route(self, route_id: str) -> Route:
        return self.routes[route_id]

    def route_segments(self, route_id: str) -> Iterator[Segment]:
        """The segments of a route's reference path, in order."""
        for sid in self.routes[route_id].primary_segments():
            yield self.segments[sid]

    def operating_branches(self, stage: Stage) -> tuple[tuple[str, ...], ...]:
        """The branches of a stage whose segments and interior nodes are all operating."""
        return tuple(
            b
            for b in stage.branches
            if all(self.segments[s].status in AVAILABLE_STATUSES for s in b)
            and all(
                self.nodes[self.segments[s].to_node].status in AVAILABLE_STATUSES for s in b[:-1]
            )
        )

    def bypassed_nodes(self, route: Route) -> frozenset[str]:
        """Nodes inside a stage that an operating parallel branch avoids: losing one of them
        does not stop the route. The nodes where branches split and rejoin never count."""
        out: set[str] = set()
        for stage in route.stages:
            live = self.operating_branches(stage)
            if len(live) < 2:
                continue
            interiors = [{self.segments[s].to_node for s in b[:-1]} for b in live]
            every = set.intersection(*interiors)
            out.update(n for inner in interiors for n in inner if n not in every)
        return frozenset(out)

    def events_for(self, ids: set[str]) -> tuple[Event, ...]:
        """Events whose target is one of the given segment or node ids, oldest first (in the
        log's order on one day)."""
        events, places = self._events_by_target
        found = [events[i] for i in sorted(i for k in ids for i in places.get(k, ()))]
        return tuple(sorted(found, key=lambda e: e.start))

    @cached_property
    def _events_by_target(self) -> tuple[tuple[Event, ...], dict[str, list[int]]]:
        """The events in log order, and where each target's lie: found once, so that asking
        per route does not go through every event of a large log."""
        events = tuple(self.events.values())
        places: dict[str, list[int]] = {}
        for i, e in enumerate(events):
            places.setdefault(e.target, []).append(i)
        return events, places

    def assumption(self, default_id: str, target: str | None = None) -> Assumption:
        """The assumption that applies to a segment or node: one in the same family
        (``<default_id>`` or ``<default_id>.<suffix>``) naming `target` in ``applies_to``,
        else the default itself.

        Raises
        ------
        DataError
            When the default is missing from the assumptions file.
        """
        specific = self.specific_assumption(default_id, target) if target else None
        if specific is not None:
            return specific
        if default_id not in self.assumptions:
            from routes.errors import DataError, shown

            raise DataError(
                f"assumptions.yaml: the assumption {shown(default_id)} is missing; "
                "add it "
                "back (see the packaged geodata/assumptions.yaml)"
            )
        return self.assumptions[default_id]

    def specific_assumption(self, family: str, target: str) -> Assumption | None:
        """The assumption of a family (``<family>`` or ``<family>.<suffix>``) naming `target`."""
        for a in self.assumptions.values():
            if target in a.applies_to and (a.id == family or a.id.startswith(family + ".")):
                return a
        return None

    def assumption_value(self, default_id: str, target: str | None = None) -> float:
        """The value of the assumption that applies (every assumption has a value)."""
        value = self.assumption(default_id, target).figure.value
        assert value is not None
        return value

    def graph(self) -> nx.MultiDiGraph:
        """A networkx multigraph: nodes by id, one directed edge per segment keyed by its id."""
        import networkx as nx

        G = nx.MultiDiGraph()
        for node in self.nodes.values():
            G.add_node(node.id, kind=node.kind, name=node.name)
        for seg in self.segments.values():
            G.add_edge(seg.from_node, seg.to_node, key=seg.id, mode=seg.mode, status=seg.status)
        return G
