"""Outages → capacities → rerouted flows: what a scenario delivers, loses and costs.

The network becomes a flow graph built from the capacity model resolved once per network
(`routes.capacity`): each node split in two with its capacity between, a loading terminal as a
gate on its tanker legs, each segment an edge with the capacity the supply can use (what the
flow its records show, less the supply's own, leaves), the supply entering at its origins and
the markets draining to a sink. Flows are in whole tonnes a day, which every asset conserves
whatever crude it carries. Each band of days (the scenario cut at every outage's start and
end) is a min-cost maximum flow (networkx): as much oil as possible leaves, on its usual route
first, then on the cheapest alternatives.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Final, Literal

from routes.capacity import Element, Resolved
from routes.errors import DataError, UsageError, shown
from routes.metrics import Measures
from routes.network import (
    AVAILABLE_STATUSES,
    BUILDABLE_STATUSES,
    Cost,
    Network,
    Scenario,
    SupplyItem,
)
from routes.quantity import Quantity
from routes.units import MASS_UNITS_MTPA, flow_to_kbd, kbd_to_mtpa

if TYPE_CHECKING:
    import networkx as nx

#: Tonnes a day in a million tonnes a year.
TPD_PER_MTPA: Final[float] = 1e6 / 365.0
#: Costs enter the solver in cents a tonne.
CENTS: Final[int] = 100
#: Oil off its usual path pays this much more (cents a tonne) than the leg's price, so that the
#: usual path is used first even where the alternative's price is not sourced.
DETOUR_CENTS: Final[int] = 1
#: What a scenario's price is, unless it gives its own.
PRICE_ASSUMPTIONS: Final[tuple[str, ...]] = ("price.brent", "price.cpc-differential")
#: The family of assumptions that give an unsourced capacity a stand-in in what-ifs.
STAND_IN: Final[str] = "scenario-capacity"
#: The most oil a scenario may move, in kb/d: more than any country exports.
MAX_SUPPLY_KBD: Final[float] = 25_000.0
#: The key for flow on no named route (a path no route's segments cover).
NO_ROUTE: Final[str] = "other"
#: Node kinds the N-1 sweep leaves out: chokepoints are swept apart, fields and markets are the
#: flow's ends.
NOT_LINKS: Final[frozenset[str]] = frozenset({"chokepoint", "field", "market"})
#: A scenario with no outage, for the baseline and the N-1 sweep.
BASELINE: Final[Scenario] = Scenario("baseline", "No outage", 1.0)
#: The longest horizon a run takes, in days (as a scenario file's ``days``).
MAX_DAYS: Final[float] = 3650.0


@dataclass(frozen=True)
class Origin:
    """A supply's entry into the flow: tonnes a day at a node, its crude's bbl/t, and the legs
    of its usual route from there on."""

    item: SupplyItem
    tpd: float
    bbl_per_t: float
    path: tuple[str, ...]


def open_share(capacity_tpd: float, reserved_tpd: float, through_tpd: float) -> float:
    """What the supply may use of a capacity when others keep `reserved_tpd` of the flow
    `through_tpd` that the records show (the supply's usual share included): everything past
    the others' flow while the capacity holds all of it, else the same share of the capacity
    as its share of that flow (everyone loses alike).

    >>> open_share(30_000, 5_000, 25_000), open_share(15_000, 5_000, 25_000)
    (25000, 12000.0)
    """
    if through_tpd <= capacity_tpd or through_tpd <= 0:
        return max(0.0, capacity_tpd - reserved_tpd)
    return capacity_tpd * (1 - reserved_tpd / through_tpd)


@dataclass(frozen=True)
class Leg:
    """A segment as the flow sees it."""

    id: str
    tail: str
    head: str
    tanker: bool
    usable: bool
    #: What the segment carries in tonnes a day (a stand-in where the assumptions give one);
    #: None when nothing sourced limits it.
    capacity_tpd: float | None
    #: Flow kept for others: what its records show less what the supply's usual paths put on it.
    reserved_tpd: float
    #: The flow its records show, or the others' and the supply's usual flow, the larger.
    through_tpd: float
    #: What the supply's usual paths put on it, at the scenario's supply.
    usual_tpd: float
    usd_per_t: float
    priced: bool
    chokepoints: tuple[str, ...]
    #: The factor of the crude it carries, for its flow in kb/d.
    bbl_per_t: float = 1.0

    @property
    def open_tpd(self) -> float | None:
        """The capacity open to the supply (None: not limiting)."""
        return None if self.capacity_tpd is None else self.open_after(self.capacity_tpd)

    def open_after(self, capacity_tpd: float) -> float:
        return open_share(capacity_tpd, self.reserved_tpd, self.through_tpd)


@dataclass(frozen=True)
class Gate:
    """A node as the flow sees it: what may pass it in tonnes a day."""

    id: str
    usable: bool
    #: Its capacity (the sum of its usable loading units capped by its own figure); None when
    #: nothing sourced limits it.
    capacity_tpd: float | None
    reserved_tpd: float
    through_tpd: float
    scope: str
    #: Usable loading units and what each adds (None: not rated, so an equal share).
    units: Mapping[str, float | None] = field(default_factory=dict)
    own_tpd: float | None = None


@dataclass(frozen=True)
class Pool:
    """A stand-in capacity shared by several legs (the Caspian fleet on either crossing, the
    rail to either port), enforced where they meet: at their common head or tail."""

    id: str
    legs: tuple[str, ...]
    capacity_tpd: float
    reserved_tpd: float
    through_tpd: float
    node: str
    at: Literal["head", "tail"]


@dataclass(frozen=True)
class FlowModel:
    """Everything the flow needs, resolved once per run; bands only cut it."""

    net: Network
    origins: tuple[Origin, ...]
    legs: Mapping[str, Leg]
    gates: Mapping[str, Gate]
    markets: tuple[str, ...]
    #: Ids of the assumptions the model rests on (stand-in capacities).
    assumptions: tuple[str, ...]
    notes: tuple[str, ...]
    #: Every segment and node as the capacity model resolved them (for what the reports cite).
    resolved: Resolved
    pools: tuple[Pool, ...] = ()

    @property
    def supply_tpd(self) -> float:
        return float(sum(round(o.tpd) for o in self.origins))

    @property
    def supply_kbd(self) -> float:
        return sum(round(o.tpd) * o.bbl_per_t for o in self.origins) / 1e3

    def origin(self, item_id: str) -> Origin:
        return next(o for o in self.origins if o.item.id == item_id)

    @cached_property
    def unit_of(self) -> dict[str, str]:
        """Each loading unit's node."""
        return self.net.unit_nodes()

    @cached_property
    def linked(self) -> frozenset[str]:
        """The nodes some segment joins."""
        return frozenset(n for leg in self.legs.values() for n in (leg.tail, leg.head))

    def covers(self, origin: Origin, legs: Sequence[str]) -> bool:
        """Whether a path keeps to its origin's usual route."""
        route = origin.item.route
        return route is not None and set(legs) <= set(self.net.routes[route].all_segments())

    def route_of(self, origin: Origin, legs: Sequence[str]) -> str:
        """The route a path belongs to: its origin's usual route when that covers it, else the
        route into whose last leg it runs that shares most of its legs."""
        routes = self.net.routes
        if origin.item.route and self.covers(origin, legs):
            return origin.item.route
        best, most = NO_ROUTE, 0
        for rid, route in routes.items():
            segs = set(route.all_segments())
            if legs and legs[-1] in segs and len(segs & set(legs)) > most:
                best, most = rid, len(segs & set(legs))
        return best


@dataclass(frozen=True)
class Path:
    """Oil of one origin on one path to a market, in tonnes a day, and what a tonne pays."""

    origin: str
    route: str
    legs: tuple[str, ...]
    tpd: float
    bbl_per_t: float
    usd_per_t: float
    priced: bool


@dataclass(frozen=True)
class Band:
    """One stretch of days with the same outages, and what flows in it."""

    start_day: float
    end_day: float
    outages: tuple[str, ...]
    supply_tpd: float
    supply_kbd: float
    delivered_tpd: float
    paths: tuple[Path, ...]
    #: Tonnes a day on each segment and through each node (all positive).
    leg_tpd: Mapping[str, float]
    node_tpd: Mapping[str, float]
    #: Segments and nodes saturated on a minimum cut: what stops more oil leaving.
    binding: tuple[str, ...]
    notes: tuple[str, ...] = ()
    #: What each binding segment, node or shared stand-in had left for the supply (t/d).
    binding_open_tpd: Mapping[str, float] = field(default_factory=dict)
    #: Each segment's crude factor, for its flow in kb/d.
    leg_factors: Mapping[str, float] = field(default_factory=dict)

    @property
    def days(self) -> float:
        return self.end_day - self.start_day

    @property
    def shortfall_tpd(self) -> float:
        return self.supply_tpd - self.delivered_tpd

    @property
    def delivered_kbd(self) -> float:
        return sum(p.tpd * p.bbl_per_t for p in self.paths) / 1e3

    @property
    def shortfall_kbd(self) -> float:
        # Whole tonnes tell exactly whether anything is short; the kb/d sums of the supply and
        # the paths differ by float noise (-1e-13, once printed "-0").
        if self.shortfall_tpd <= 0:
            return 0.0
        return max(0.0, self.supply_kbd - self.delivered_kbd)

    def route_tpd(self, routes: Iterable[str]) -> dict[str, float]:
        out = dict.fromkeys(routes, 0.0)
        for p in self.paths:
            out[p.route] = out.get(p.route, 0.0) + p.tpd
        return out

    def route_kbd(self, routes: Iterable[str]) -> dict[str, float]:
        out = dict.fromkeys(routes, 0.0)
        for p in self.paths:
            out[p.route] = out.get(p.route, 0.0) + p.tpd * p.bbl_per_t / 1e3
        return out

    def leg_kbd(self) -> dict[str, float]:
        """Each segment's flow in kb/d at the factor of the crude it carries, as its capacity
        is (routes count each origin's barrels instead)."""
        return {k: t * self.leg_factors.get(k, 1.0) / 1e3 for k, t in self.leg_tpd.items()}

    def carried_tpd(self, legs: Iterable[str]) -> float:
        """The tonnes a day of the paths through any of these legs, each path once."""
        wanted = set(legs)
        return sum(p.tpd for p in self.paths if wanted & set(p.legs))

    def carried_kbd(self, legs: Iterable[str]) -> float:
        """The barrels a day of the paths through any of these legs (each origin's factor)."""
        wanted = set(legs)
        return sum(p.tpd * p.bbl_per_t for p in self.paths if wanted & set(p.legs)) / 1e3

    def route_cost(self) -> dict[str, tuple[float, bool]]:
        """Each route's USD a tonne (flow-weighted over its paths) and whether all is priced."""
        tonnes: dict[str, float] = {}
        usd: dict[str, float] = {}
        priced: dict[str, bool] = {}
        for p in self.paths:
            tonnes[p.route] = tonnes.get(p.route, 0.0) + p.tpd
            usd[p.route] = usd.get(p.route, 0.0) + p.tpd * p.usd_per_t
            priced[p.route] = priced.get(p.route, True) and p.priced
        return {r: (usd[r] / tonnes[r], priced[r]) for r in tonnes if tonnes[r] > 0}


@dataclass(frozen=True)
class ExtraCost:
    """What the rerouted oil pays above the routes it left, a day: the priced part, and the
    tonnes a day by route that cannot be costed."""

    usd: float
    uncosted_tpd: Mapping[str, float]


def extra_cost(base: Band, band: Band, routes: Sequence[str]) -> ExtraCost:
    """The rerouted oil's extra cost a day against the baseline: each route's gain over its
    baseline flow pays that route's price a tonne less the baseline price of the routes that
    lost flow (weighted by what each lost). A gain is not costed when its route, or a route
    that lost flow, has an unpriced leg."""
    b, f = base.route_tpd(routes), band.route_tpd(routes)
    base_cost, cost = base.route_cost(), band.route_cost()
    lost = {r: b.get(r, 0.0) - f.get(r, 0.0) for r in b if b.get(r, 0.0) > f.get(r, 0.0)}
    gained = {r: f[r] - b.get(r, 0.0) for r in f if f[r] > b.get(r, 0.0)}
    if not gained:
        return ExtraCost(0.0, {})
    total_lost = sum(lost.values())
    from_priced = all(base_cost.get(r, (0.0, False))[1] for r in lost)
    from_usd = (
        sum(t * base_cost[r][0] for r, t in lost.items()) / total_lost
        if total_lost and from_priced
        else 0.0
    )
    usd = 0.0
    uncosted: dict[str, float] = {}
    for r, t in gained.items():
        usd_r, priced_r = cost.get(r, (0.0, False))
        if priced_r and from_priced and total_lost:
            usd += t * (usd_r - from_usd)
        else:
            uncosted[r] = t
    return ExtraCost(usd, uncosted)


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario run: every band, the baseline, and the totals a memo quotes."""

    scenario: Scenario
    model: FlowModel
    days: float
    baseline: Band
    bands: tuple[Band, ...]
    price_usd_per_bbl: Quantity
    notes: tuple[str, ...] = ()

    @property
    def routes(self) -> tuple[str, ...]:
        return tuple(self.model.net.routes)

    @property
    def delivered_kt(self) -> float:
        return sum(b.delivered_tpd * b.days for b in self.bands) / 1e3

    @property
    def shortfall_kt(self) -> float:
        return sum(b.shortfall_tpd * b.days for b in self.bands) / 1e3

    @property
    def shortfall_mbbl(self) -> float:
        return sum(b.shortfall_kbd * b.days for b in self.bands) / 1e3

    def shortfall_kt_by_day(self, day: float) -> float:
        """The shortfall from the first day up to `day`."""
        return (
            sum(b.shortfall_tpd * max(0.0, min(b.end_day, day) - b.start_day) for b in self.bands)
            / 1e3
        )

    @property
    def rerouted_kt_by_route(self) -> dict[str, float]:
        """Tonnes each route carried above its baseline flow, over the scenario."""
        base = self.baseline.route_tpd(self.routes)
        out = dict.fromkeys(self.routes, 0.0)
        for b in self.bands:
            for r, tpd in b.route_tpd(self.routes).items():
                if tpd > base.get(r, 0.0):
                    out[r] = out.get(r, 0.0) + (tpd - base.get(r, 0.0)) * b.days / 1e3
        return out

    @cached_property
    def extras(self) -> tuple[ExtraCost, ...]:
        """Each band's extra cost a day, computed once."""
        return tuple(extra_cost(self.baseline, b, self.routes) for b in self.bands)

    @property
    def uncosted_kt_by_route(self) -> dict[str, float]:
        """Rerouted tonnes whose extra cost cannot be priced, by the route they took."""
        out: dict[str, float] = {}
        for b, extra in zip(self.bands, self.extras, strict=True):
            for r, tpd in extra.uncosted_tpd.items():
                out[r] = out.get(r, 0.0) + tpd * b.days / 1e3
        return out

    @property
    def extra_cost_priced_usd(self) -> float:
        return sum(e.usd * b.days for b, e in zip(self.bands, self.extras, strict=True))

    @cached_property
    def costs_paid(self) -> tuple[Cost, ...]:
        """The sourced tariffs and freight the baseline's and the bands' paths pay."""
        used = {leg for b in (self.baseline, *self.bands) for p in b.paths for leg in p.legs}
        return tuple(
            c
            for c in self.model.net.costs.values()
            if c.figure.value is not None and used & set(c.segments)
        )

    @property
    def cost_sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for c in self.costs_paid for s in c.figure.sources))

    @property
    def extra_cost_usd(self) -> Quantity:
        """The rerouted oil's extra transport cost; unknown when some of it took a route whose
        tariff or freight is not sourced (the note says how much went where)."""
        priced = self.extra_cost_priced_usd
        uncosted = {r: t for r, t in self.uncosted_kt_by_route.items() if t > 0}
        if not uncosted:
            return Quantity(
                priced,
                "USD",
                sources=self.cost_sources,
                assumption=any(c.figure.assumption for c in self.costs_paid),
                note="the rerouted oil's tariffs and freight less those of the "
                "routes it left, transport only (routes may end at different "
                "markets)",
            )
        rest = f"; the rest costs {priced:,.0f} USD more" if priced else ""
        return Quantity(
            None,
            "USD",
            "unknown",
            sources=self.cost_sources,
            note=f"{_kt_list(uncosted)} went where a tariff or freight rate is not sourced{rest}",
        )

    @property
    def revenue_lost_usd(self) -> Quantity:
        price = self.price_usd_per_bbl
        assert price.value is not None
        return Quantity(
            self.shortfall_mbbl * 1e6 * price.value,
            "USD",
            assumption=price.assumption,
            sources=price.sources,
            as_of=price.as_of,
            note=f"shortfall {self.shortfall_mbbl:,.2f} million bbl × {price.value:g} USD/bbl",
        )


def _whole(tpd: float) -> int:
    """Whole tonnes a day, not lost to a float's last digit (12,499.999… is 12,500)."""
    return math.floor(tpd + 1e-6)


def _kt_list(kt: Mapping[str, float]) -> str:
    return ", ".join(f"{t:,.0f} kt by {r}" for r, t in kt.items())


def _tpd(mtpa: float | None) -> float | None:
    return None if mtpa is None else mtpa * TPD_PER_MTPA


def _mtpa(value: float, unit: str, bbl_per_t: float) -> float:
    if unit in MASS_UNITS_MTPA:
        return value * MASS_UNITS_MTPA[unit]
    return kbd_to_mtpa(flow_to_kbd(value, unit, bbl_per_t), bbl_per_t)


def _stand_in(net: Network, sid: str, bbl_per_t: float) -> tuple[float, str] | None:
    a = net.specific_assumption(STAND_IN, sid)
    if a is None or a.figure.value is None:
        return None
    return _mtpa(a.figure.value, a.figure.unit, bbl_per_t) * TPD_PER_MTPA, a.id


def _cost_items(net: Network, ms: Measures) -> tuple[dict[str, float], set[str]]:
    """USD a tonne each segment charges, and the segments with a sourced price. An item
    covering several segments is paid once, on the segment that ends its stretch (the CPC
    tariff on the leg into the terminal; freight on either Caspian leg)."""
    usd: dict[str, float] = {}
    priced: set[str] = set()
    for cost in net.costs.values():
        fig = cost.figure
        if fig.value is None:
            continue
        covered = set(cost.segments)
        priced |= covered
        for sid in cost.segments:
            seg = net.segments[sid]
            if any(net.segments[o].from_node == seg.to_node for o in covered if o != sid):
                continue
            factor = ms.resolved.segments[sid].bbl_per_t.value or 1.0
            usd[sid] = usd.get(sid, 0.0) + (
                fig.value if fig.unit == "USD/t" else fig.value * factor
            )
    return usd, priced


def usual_path(net: Network, item: SupplyItem) -> tuple[str, ...]:
    """The legs of the supply's usual route (its reference path) from where it enters."""
    if item.route is None:
        return ()
    legs = net.routes[item.route].primary_segments()
    for i, sid in enumerate(legs):
        if net.segments[sid].from_node == item.node:
            return tuple(legs[i:])
    return ()


def _origins(net: Network, scenario: Scenario, supply_kbd: float | None) -> list[Origin]:
    items = scenario.supply if scenario.supply is not None else tuple(net.supply.values())
    if not items:
        raise DataError(
            f"scenario {shown(scenario.id)} has no supply and the data gives none; add "
            "supply.yaml to the data or a 'supply' list to the scenario"
        )
    origins = []
    for item in items:
        factor = (
            net.crudes[item.crude].bbl_per_t.value
            if item.crude
            else net.assumption_value("bbl-per-t")
        )
        fig = item.figure
        assert factor is not None and fig.value is not None
        origins.append(
            Origin(
                item,
                _mtpa(fig.value, fig.unit, factor) * TPD_PER_MTPA,
                factor,
                usual_path(net, item),
            )
        )
    if supply_kbd is not None:
        if not math.isfinite(supply_kbd) or not 0 < supply_kbd <= MAX_SUPPLY_KBD:
            raise UsageError(
                f"--supply-kbd {supply_kbd:g}: give a positive number of thousand "
                f"barrels a day, at most {MAX_SUPPLY_KBD:,.0f} (a country's whole "
                "export)"
            )
        now = sum(o.tpd * o.bbl_per_t for o in origins) / 1e3
        origins = [Origin(o.item, o.tpd * supply_kbd / now, o.bbl_per_t, o.path) for o in origins]
    return origins


@dataclass(frozen=True)
class _Usual:
    """What the supply's usual paths put on each segment and node (t/d), at its sourced volume
    (`legs`, `nodes`, `loads`: what others' recorded flow is net of) and at the run's (`now`)."""

    legs: Mapping[str, float]
    now: Mapping[str, float]
    nodes: Mapping[str, float]
    loads: Mapping[str, float]


def _usual(net: Network, origins: Sequence[Origin], natural: Sequence[Origin]) -> _Usual:
    legs: dict[str, float] = {}
    now: dict[str, float] = {}
    nodes: dict[str, float] = {}
    loads: dict[str, float] = {}

    def add(d: dict[str, float], key: str, tpd: float) -> None:
        d[key] = d.get(key, 0.0) + tpd

    for o, n in zip(origins, natural, strict=True):
        add(nodes, o.item.node, n.tpd)
        for sid in o.path:
            seg = net.segments[sid]
            add(legs, sid, n.tpd)
            add(now, sid, o.tpd)
            add(nodes, seg.to_node, n.tpd)
            if seg.mode == "tanker":
                add(loads, seg.from_node, n.tpd)
                add(loads, seg.to_node, n.tpd)
    return _Usual(legs, now, nodes, loads)


def _kept(el: Element, usual_tpd: float, notes: list[str] | None) -> tuple[float, float]:
    """The flow kept for others on an operating element (what its records show less the
    supply's usual flow) and the flow through it the records imply. Nothing on an element that
    is not operating: it carries nothing now."""
    if not el.available or el.recorded_mtpa is None:
        return 0.0, usual_tpd
    recorded = el.recorded_mtpa * TPD_PER_MTPA
    if not el.recorded_complete and recorded > usual_tpd and notes is not None:
        notes.append(
            f"{el.id}: only some shippers' flow is recorded, so only that is kept for them"
        )
    reserved = max(0.0, recorded - usual_tpd)
    return reserved, reserved + usual_tpd


def _legs(
    net: Network,
    ms: Measures,
    switched: set[str],
    usual: _Usual,
    notes: list[str],
    used: list[str],
    unbounded: list[str],
) -> dict[str, Leg]:
    costs, priced = _cost_items(net, ms)
    legs: dict[str, Leg] = {}
    for sid, seg in net.segments.items():
        el = ms.resolved.segments[sid]
        on = el.available or (sid in switched and el.buildable)
        assert el.bbl_per_t.value is not None
        cap = (
            _tpd(el.capacity_mtpa("available" if el.available else "if_built"))
            if on and el.limit == "value"
            else None
        )
        if on and el.limit == "unknown":
            stand = _stand_in(net, sid, el.bbl_per_t.value)
            if stand is not None:
                cap = stand[0]
                used.append(stand[1])
            else:
                unbounded.append(sid)
        reserved, through = _kept(el, usual.legs.get(sid, 0.0), notes)
        legs[sid] = Leg(
            sid,
            seg.from_node,
            seg.to_node,
            seg.mode == "tanker",
            on,
            cap,
            reserved,
            through,
            usual.now.get(sid, 0.0),
            costs.get(sid, 0.0),
            sid in priced,
            ms.segments[sid].chokepoints,
            el.bbl_per_t.value,
        )
    return legs


def _gates(
    net: Network,
    ms: Measures,
    switched: set[str],
    usual: _Usual,
    linked: set[str],
    notes: list[str],
    unbounded: list[str],
) -> dict[str, Gate]:
    gates: dict[str, Gate] = {}
    for nid, node in net.nodes.items():
        el = ms.resolved.nodes[nid]
        on = el.available or (nid in switched and el.buildable)
        factor = el.bbl_per_t.value or 1.0
        own = (
            _tpd(_mtpa(node.capacity.value, node.capacity.unit, factor))
            if node.capacity is not None and node.capacity.value is not None
            else None
        )
        units: dict[str, float | None] = {}
        for u in node.units:
            if u.status in AVAILABLE_STATUSES or (
                u.id in switched and u.status in BUILDABLE_STATUSES
            ):
                units[u.id] = (
                    None
                    if u.capacity.value is None
                    else _mtpa(u.capacity.value, u.capacity.unit, factor) * TPD_PER_MTPA
                )
        cap: float | None
        if node.units and all(t is not None for t in units.values()):
            total = sum(t for t in units.values() if t is not None)
            cap = total if own is None else min(total, own)
        elif el.limit == "value":
            cap = _tpd(el.capacity_mtpa("available" if el.available else "if_built"))
        else:
            cap = None
            if el.limit == "unknown" and on and nid in linked:
                unbounded.append(nid)
        flow = (
            usual.loads.get(nid, 0.0)
            if node.capacity_scope == "tanker"
            else usual.nodes.get(nid, 0.0)
        )
        reserved, through = _kept(el, flow, notes if nid in linked else None)
        gates[nid] = Gate(nid, on, cap, reserved, through, node.capacity_scope, units, own)
    return gates


def _pools(net: Network, legs: Mapping[str, Leg], used: Sequence[str]) -> tuple[Pool, ...]:
    """Stand-ins that cover several usable legs become one capacity they share, where the legs
    meet (a common head, else a common tail); legs that do not meet keep one each."""
    out = []
    for aid in used:
        members = [legs[s] for s in net.assumptions[aid].applies_to if s in legs and legs[s].usable]
        if len(members) < 2:
            continue
        heads = {leg.head for leg in members}
        tails = {leg.tail for leg in members}
        at: Literal["head", "tail"] | None = (
            "head" if len(heads) == 1 else "tail" if len(tails) == 1 else None
        )
        if at is None:
            continue
        cap = max(leg.capacity_tpd or 0.0 for leg in members)
        reserved = sum(leg.reserved_tpd for leg in members)
        through = sum(leg.through_tpd for leg in members)
        node = next(iter(heads if at == "head" else tails))
        out.append(Pool(aid, tuple(leg.id for leg in members), cap, reserved, through, node, at))
    return tuple(out)


def flow_model(
    net: Network, ms: Measures, scenario: Scenario, supply_kbd: float | None = None
) -> FlowModel:
    """Resolve the flow's inputs once: origins, legs, gates, shared stand-ins and markets.

    Raises
    ------
    UsageError
        When `supply_kbd` is not positive.
    DataError
        When neither the scenario nor the data gives a supply.
    """
    switched = set(scenario.switch_on)
    used: list[str] = []
    notes: list[str] = []
    unbounded: list[str] = []
    origins = _origins(net, scenario, supply_kbd)
    usual = _usual(net, origins, _origins(net, scenario, None))
    legs = _legs(net, ms, switched, usual, notes, used, unbounded)
    linked = {n for leg in legs.values() for n in (leg.tail, leg.head)}
    gates = _gates(net, ms, switched, usual, linked, notes, unbounded)
    if unbounded:
        notes.append("no capacity sourced, so not limiting here: " + ", ".join(unbounded))
    for sid in scenario.switch_on:
        seg = net.segments.get(sid)
        if seg is not None:
            idle = [n for n in (seg.from_node, seg.to_node) if not gates[n].usable]
            if idle:
                notes.append(
                    f"{sid} is switched on but {' and '.join(idle)} is not; switch "
                    "that on too, or the segment carries nothing"
                )
    markets = scenario.markets or tuple(n.id for n in net.nodes.values() if n.kind == "market")
    used = list(dict.fromkeys(used))
    return FlowModel(
        net,
        tuple(origins),
        legs,
        gates,
        markets,
        tuple(used),
        tuple(notes),
        ms.resolved,
        _pools(net, legs, used),
    )


@dataclass(frozen=True)
class Losses:
    """Shares lost in a band, summed per target and capped at 1: on legs, gates and units."""

    legs: Mapping[str, float]
    gates: Mapping[str, float]
    units: Mapping[str, float]


def losses(model: FlowModel, active: Sequence[tuple[str, float]]) -> Losses:
    """Spread a band's outages over what they hit: a chokepoint's on every leg through it."""
    unit_of = model.unit_of
    legs: dict[str, float] = {}
    gates: dict[str, float] = {}
    units: dict[str, float] = {}

    def add(d: dict[str, float], key: str, share: float) -> None:
        d[key] = min(1.0, d.get(key, 0.0) + share)

    for target, share in active:
        if target in model.legs:
            add(legs, target, share)
        elif target in unit_of:
            add(units, target, share)
        elif model.net.nodes[target].kind == "chokepoint":
            for leg in model.legs.values():
                if target in leg.chokepoints:
                    add(legs, leg.id, share)
        else:
            add(gates, target, share)
    return Losses(legs, gates, units)


def _unrated_node(
    model: FlowModel, gate: Gate, share: float, base: Band | None
) -> tuple[float, str]:
    """What a node with no capacity of its own (a pump station, a hub) passes when it loses a
    share: that share of what its outgoing lines can carry, else of its incoming lines', else
    of the baseline flow through it."""
    for side, ends in (("outgoing", "tail"), ("incoming", "head")):
        lines = [
            leg
            for leg in model.legs.values()
            if leg.usable and getattr(leg, ends) == gate.id and leg.capacity_tpd is not None
        ]
        if lines:
            left = sum(leg.capacity_tpd or 0.0 for leg in lines) * (1 - share)
            return (
                open_share(
                    left,
                    sum(leg.reserved_tpd for leg in lines),
                    sum(leg.through_tpd for leg in lines),
                ),
                f"{gate.id} has no capacity of its own: {share:.0%} of what its {side} "
                "lines carry is lost",
            )
    flow = base.node_tpd.get(gate.id, 0.0) if base else 0.0
    return flow * (1 - share), (
        f"{gate.id} has no capacity sourced: {share:.0%} of the baseline flow through it is lost"
    )


def _gate_open(
    model: FlowModel, gate: Gate, cut: Losses, base: Band | None
) -> tuple[float | None, str | None]:
    """What the supply may pass through a node in the band (None: not limiting), and a note
    when the share of an unrated node is taken of something else."""
    if not gate.usable:
        return 0.0, None
    share = cut.gates.get(gate.id, 0.0)
    cap = gate.capacity_tpd
    if cap is None:
        if not share:
            return None, None
        if share >= 1:
            return 0.0, None
        return _unrated_node(model, gate, share, base)
    after = cap
    if gate.units and any(cut.units.get(u, 0.0) for u in gate.units):
        rated = [t for t in gate.units.values() if t is not None]
        if len(rated) == len(gate.units):
            after = sum(
                t * (1 - cut.units.get(u, 0.0)) for u, t in gate.units.items() if t is not None
            )
            after = after if gate.own_tpd is None else min(after, gate.own_tpd)
        else:
            after = cap * (1 - sum(cut.units.get(u, 0.0) for u in gate.units) / len(gate.units))
    after *= 1 - share
    return open_share(after, gate.reserved_tpd, gate.through_tpd), None


def _leg_open(leg: Leg, cut: Losses, base: Band | None) -> tuple[float | None, str | None]:
    share = cut.legs.get(leg.id, 0.0)
    if leg.capacity_tpd is not None:
        return leg.open_after(leg.capacity_tpd * (1 - share)), None
    if not share:
        return None, None
    if share >= 1:
        return 0.0, None
    flow = base.leg_tpd.get(leg.id, 0.0) if base else 0.0
    return flow * (1 - share), (
        f"{leg.id} has no capacity sourced: {share:.0%} of the baseline flow on it is lost"
    )


def flow_graph(
    model: FlowModel, cut: Losses | None = None, base: Band | None = None
) -> tuple[nx.DiGraph, tuple[str, ...]]:
    """The band's graph and its notes: ``S`` → each origin → (node in → node out) → legs →
    markets → ``T``.

    A loading terminal (capacity scope ``tanker``) limits only its tanker legs, through a gate
    between the node and them. Each leg is entered twice: up to the supply's usual flow on it
    at no cost, and beyond it at its price plus a detour cent, so that oil keeps to its usual
    paths while they have room and the cheapest alternatives take the rest. A stand-in shared
    by several legs is one more edge where they meet. Capacities are whole tonnes a day;
    weights are cents a tonne.
    """
    import networkx as nx

    cut = cut or Losses({}, {}, {})
    notes: list[str] = []
    G = nx.DiGraph()
    for o in model.origins:
        G.add_edge("S", ("src", o.item.id), capacity=round(o.tpd))
        G.add_edge(("src", o.item.id), ("in", o.item.node))
    for gate in model.gates.values():
        tpd, note = _gate_open(model, gate, cut, base)
        if note:
            notes.append(note)
        cap = {} if tpd is None else {"capacity": _whole(tpd)}
        G.add_edge(("in", gate.id), ("out", gate.id), **({} if gate.scope == "tanker" else cap))
        if gate.scope == "tanker":
            G.add_edge(("out", gate.id), ("load", gate.id), **cap)
            G.add_edge(("land", gate.id), ("in", gate.id), **cap)
    pool_of = {leg: pool for pool in model.pools for leg in pool.legs}
    for pool in model.pools:
        cap = {
            "capacity": _whole(open_share(pool.capacity_tpd, pool.reserved_tpd, pool.through_tpd))
        }
        end = model.legs[pool.legs[0]]
        if pool.at == "tail":
            G.add_edge(_tail(model, end), ("pool", pool.id), **cap)
        else:
            G.add_edge(("pool", pool.id), _head(model, end), **cap)
    for leg in model.legs.values():
        if not leg.usable:
            continue
        shared = pool_of.get(leg.id)
        tail = ("pool", shared.id) if shared and shared.at == "tail" else _tail(model, leg)
        head = ("pool", shared.id) if shared and shared.at == "head" else _head(model, leg)
        tpd, note = _leg_open(leg, cut, base)
        if note:
            notes.append(note)
        if leg.usual_tpd >= 1:
            G.add_edge(tail, ("usual", leg.id), capacity=round(leg.usual_tpd), weight=0)
            G.add_edge(("usual", leg.id), ("seg", leg.id), weight=0)
        G.add_edge(tail, ("seg", leg.id), weight=round(leg.usd_per_t * CENTS) + DETOUR_CENTS)
        G.add_edge(("seg", leg.id), head, **({} if tpd is None else {"capacity": _whole(tpd)}))
    for market in model.markets:
        G.add_edge(("out", market), "T")
    return G, tuple(notes)


def _tail(model: FlowModel, leg: Leg) -> tuple[str, str]:
    tanker_gate = leg.tanker and model.gates[leg.tail].scope == "tanker"
    return ("load", leg.tail) if tanker_gate else ("out", leg.tail)


def _head(model: FlowModel, leg: Leg) -> tuple[str, str]:
    tanker_gate = leg.tanker and model.gates[leg.head].scope == "tanker"
    return ("land", leg.head) if tanker_gate else ("in", leg.head)


def _decompose(model: FlowModel, flow: Mapping[Any, Mapping[Any, int]]) -> tuple[Path, ...]:
    """The flow as paths from each origin to a market (cycles, which cost nothing, dropped).

    Origins entering at one node are one stream to the solver; its paths are given back to
    them as the oil would go: each to the origins whose usual route covers it first, the rest
    (oil rerouted) to the origins with supply left, in their order. So the oil that cannot
    leave is that of the origins whose usual routes are cut.
    """
    rest = {u: {v: f for v, f in nbrs.items() if f > 0} for u, nbrs in flow.items()}
    by_node: dict[str, dict[tuple[str, ...], int]] = {}
    for src in list(rest.get("S", {})):
        node = model.origin(src[1]).item.node
        while rest["S"].get(src, 0) > 0:
            walk: list[Any] = ["S", src]
            while walk[-1] != "T":
                v = next(iter(rest[walk[-1]]))
                if v in walk:  # a cycle: take it out of the flow and walk on
                    cycle = [*walk[walk.index(v) :], v]
                    _take(rest, cycle, min(rest[a][b] for a, b in pairwise(cycle)))
                    del walk[walk.index(v) + 1 :]
                    continue
                walk.append(v)
            amount = min(rest[a][b] for a, b in pairwise(walk))
            _take(rest, walk, amount)
            legs = tuple(n[1] for n in walk if isinstance(n, tuple) and n[0] == "seg")
            paths = by_node.setdefault(node, {})
            paths[legs] = paths.get(legs, 0) + amount
    out: list[Path] = []
    for node, paths in by_node.items():
        origins = [o for o in model.origins if o.item.node == node]
        left = {o.item.id: round(o.tpd) for o in origins}
        given: dict[tuple[str, tuple[str, ...]], int] = {}
        for usual_first in (True, False):
            for legs in paths:
                for o in origins:
                    if (
                        paths[legs]
                        and left[o.item.id]
                        and (not usual_first or model.covers(o, legs))
                    ):
                        take = min(paths[legs], left[o.item.id])
                        paths[legs] -= take
                        left[o.item.id] -= take
                        key = (o.item.id, legs)
                        given[key] = given.get(key, 0) + take
        for (item, legs), tpd in given.items():
            o = model.origin(item)
            out.append(
                Path(
                    item,
                    model.route_of(o, legs),
                    legs,
                    float(tpd),
                    o.bbl_per_t,
                    sum(model.legs[sid].usd_per_t for sid in legs),
                    all(model.legs[sid].priced for sid in legs),
                )
            )
    return tuple(out)


def _take(rest: dict[Any, dict[Any, int]], walk: Sequence[Any], amount: int) -> None:
    for a, b in pairwise(walk):
        rest[a][b] -= amount
        if rest[a][b] == 0:
            del rest[a][b]


def _binding(
    model: FlowModel, G: nx.DiGraph, flow: Mapping[Any, Mapping[Any, int]]
) -> dict[str, float]:
    """The saturated segments, nodes and shared stand-ins of the minimum cut nearest the
    supply, with what each had left for it; assets the scenario does not have (planned, idle)
    are not constraints of it."""
    reach = {"S"}
    stack = ["S"]
    while stack:
        u = stack.pop()
        for v in G.successors(u):
            if v not in reach and flow[u][v] < G[u][v].get("capacity", math.inf):
                reach.add(v)
                stack.append(v)
        for v in G.predecessors(u):
            if v not in reach and flow[v][u] > 0:
                reach.add(v)
                stack.append(v)
    out: dict[str, float] = {}
    for u, v in G.edges:
        if u not in reach or v in reach or not isinstance(u, tuple) or not isinstance(v, tuple):
            continue
        cap = float(G[u][v].get("capacity", 0))
        gate = (u[0], v[0]) in {("in", "out"), ("out", "load"), ("land", "in")}
        if u[0] == "seg" or (gate and model.gates[u[1]].usable):
            out.setdefault(u[1], cap)
        elif v[0] == "pool" and u[0] != "seg":
            out.setdefault(v[1], cap)
        elif u[0] == "pool" and v[0] not in ("seg", "usual"):
            out.setdefault(u[1], cap)
    return out


def solve_band(
    model: FlowModel,
    start: float,
    end: float,
    active: Sequence[tuple[str, float]] = (),
    base: Band | None = None,
) -> Band:
    """The min-cost maximum flow of one band: its paths, flows, binding constraints."""
    import networkx as nx

    G, notes = flow_graph(model, losses(model, active), base)
    flow = nx.max_flow_min_cost(G, "S", "T")
    leg_tpd = {
        u[1]: float(f)
        for u, nbrs in flow.items()
        for v, f in nbrs.items()
        if f > 0 and isinstance(u, tuple) and u[0] == "seg"
    }
    node_tpd = {
        u[1]: float(flow[u][("out", u[1])])
        for u in G.nodes
        if isinstance(u, tuple) and u[0] == "in" and flow[u][("out", u[1])] > 0
    }
    delivered = float(sum(flow[u]["T"] for u in G.predecessors("T")))
    supply = float(sum(G["S"][v]["capacity"] for v in G.successors("S")))
    binding = _binding(model, G, flow) if delivered < supply else {}
    return Band(
        start,
        end,
        tuple(dict.fromkeys(t for t, _ in active)),
        supply,
        model.supply_kbd,
        delivered,
        _decompose(model, flow),
        leg_tpd,
        node_tpd,
        tuple(binding),
        notes,
        binding,
        {sid: model.legs[sid].bbl_per_t for sid in leg_tpd},
    )


def bands_of(scenario: Scenario, days: float) -> list[tuple[float, float, list[tuple[str, float]]]]:
    """The scenario's days cut at every outage's start and end, with the outages of each (what
    it closes counts as an outage on every day)."""
    cuts = sorted(
        {
            0.0,
            days,
            *(o.start_day for o in scenario.outages if o.start_day < days),
            *(min(days, o.end_day) for o in scenario.outages),
        }
    )
    out = []
    for a, b in pairwise(cuts):
        active = [
            *((t, 1.0) for t in scenario.closed),
            *(
                (o.target, o.share_lost)
                for o in scenario.outages
                if o.start_day <= a and o.end_day >= b
            ),
        ]
        out.append((a, b, active))
    return out


def idle_targets(net: Network, scenario: Scenario) -> list[str]:
    """The scenario's outages on assets not in service today (they change nothing)."""
    units = {u.id: u.status for n in net.nodes.values() for u in n.units}
    notes = []
    for target in dict.fromkeys([*scenario.closed, *(o.target for o in scenario.outages)]):
        status = (
            net.segments[target].status
            if target in net.segments
            else units.get(target) or net.nodes[target].status
        )
        if status not in AVAILABLE_STATUSES and target not in scenario.switch_on:
            notes.append(
                f"{target} is {status.replace('_', ' ')} today, so its outage changes nothing"
            )
    return notes


def run_scenario(
    net: Network,
    scenario: Scenario,
    *,
    ms: Measures | None = None,
    supply_kbd: float | None = None,
    days: float | None = None,
) -> ScenarioResult:
    """Run a scenario: the baseline (no outage), then each band of its days.

    Parameters
    ----------
    net
        The network.
    scenario
        A preset from ``net.scenarios`` or one loaded with `routes.validate.load_scenario`.
    ms
        The network's measures, when the caller has them already.
    supply_kbd
        Scale every origin's supply so that they add up to this (kb/d).
    days
        The horizon, instead of the scenario's own days; outages past it are cut off.

    Raises
    ------
    UsageError
        For `days` outside 0–3650 or a non-positive `supply_kbd`.
    DataError
        For a scenario with no supply, or data with no price.
    """
    from routes.metrics import measure

    if days is not None and (not math.isfinite(days) or not 0 < days <= MAX_DAYS):
        raise UsageError(
            f"--days {days:g}: give a number of days greater than 0 and at most {MAX_DAYS:g}"
        )
    horizon = days if days is not None else scenario.days
    model = flow_model(net, ms or measure(net), scenario, supply_kbd)
    baseline = solve_band(model, 0.0, horizon)
    bands = tuple(
        solve_band(model, a, b, active, baseline) for a, b, active in bands_of(scenario, horizon)
    )
    notes = idle_targets(net, scenario)
    if baseline.shortfall_tpd > 0:
        notes.append(
            f"even with no outage {baseline.shortfall_kbd:,.0f} kb/d of the supply "
            f"cannot leave (binding: {', '.join(baseline.binding)}); every band's "
            "shortfall includes it"
        )
    return ScenarioResult(
        scenario, model, horizon, baseline, bands, scenario_price(net, scenario), tuple(notes)
    )


def scenario_price(net: Network, scenario: Scenario) -> Quantity:
    """The price the lost oil would have fetched: the scenario's own, else Brent's sourced 2025
    average plus the CPC Blend differential (both labelled assumptions).

    Raises
    ------
    DataError
        When the scenario gives no price and the data has no ``price.brent``.
    """
    if scenario.price is not None and scenario.price.value is not None:
        p = scenario.price
        return Quantity(
            p.value,
            "USD/bbl",
            as_of=p.as_of,
            sources=p.sources,
            assumption=p.assumption,
            note=p.note,
        )
    parts = [net.assumption(a) for a in PRICE_ASSUMPTIONS if a in net.assumptions]
    if "price.brent" not in net.assumptions:
        raise DataError(
            "assumptions.yaml has no 'price.brent' and the scenario gives no "
            "'price'; add one of them"
        )
    return Quantity(
        sum(a.figure.value or 0.0 for a in parts),
        "USD/bbl",
        as_of=max((a.figure.as_of for a in parts if a.figure.as_of), default=None),
        sources=tuple(dict.fromkeys(s for a in parts for s in a.figure.sources)),
        assumption=True,
        note=" + ".join(f"{a.id} {a.figure.value:g}" for a in parts),
    )


@dataclass(frozen=True)
class Critical:
    """One asset removed in turn (N-1): the oil it leaves undelivered and what it carried."""

    id: str
    kind: str
    shortfall_tpd: float
    shortfall_kbd: float
    #: Tonnes a day of the supply it carries in the baseline; None for a loading unit (the
    #: data does not split a terminal's flow between its moorings).
    carried_tpd: float | None
    binding: tuple[str, ...]
    #: The same in barrels: each path's origin's bbl/t, as the shortfall's.
    carried_kbd: float | None = None


@dataclass(frozen=True)
class CriticalResult:
    """The N-1 sweep: its model, the baseline it removes each asset from, the ranked rows."""

    model: FlowModel
    baseline: Band
    rows: tuple[Critical, ...]

    @property
    def unlinked_nodes(self) -> tuple[str, ...]:
        return tuple(
            n.id
            for n in self.model.net.nodes.values()
            if n.kind not in NOT_LINKS and n.id not in self.model.linked
        )


def critical(
    net: Network, *, ms: Measures | None = None, supply_kbd: float | None = None
) -> CriticalResult:
    """Remove every segment, node, loading unit and chokepoint in turn (N-1) and rank them by
    the shortfall it causes, then by the flow they carry. Fields and markets, where the oil
    starts and ends, are left out, as are nodes no segment joins (pump stations drawn on a
    line the data does not split at them: `unlinked_nodes`).

    An asset the baseline flow does not use is not solved again: the baseline flow stays
    feasible without it, so the maximum flow is unchanged.
    """
    from routes.metrics import measure

    model = flow_model(net, ms or measure(net), BASELINE, supply_kbd)
    base = solve_band(model, 0.0, 1.0)
    legs_of: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    for sid, leg in model.legs.items():
        legs_of[sid], kinds[sid] = [sid], "segment"
        for c in leg.chokepoints:
            legs_of.setdefault(c, []).append(sid)
            kinds[c] = "chokepoint"
    for nid, node in net.nodes.items():
        if node.kind not in NOT_LINKS and nid in model.linked:
            kinds[nid] = "node"
            legs_of[nid] = [s for s, leg in model.legs.items() if nid in (leg.tail, leg.head)]
        for u in node.units:
            kinds[u.id] = "loading unit"
            legs_of[u.id] = legs_of.get(nid, [])
    rows = []
    for ident in sorted(kinds):
        unit = kinds[ident] == "loading unit"
        carried = (
            base.node_tpd.get(ident, 0.0)
            if kinds[ident] == "node"
            else base.carried_tpd(legs_of[ident])
        )  # a path through two of its legs counts once
        carried_kbd = base.carried_kbd(legs_of[ident])
        if carried == 0.0 and not (unit and base.node_tpd.get(model.unit_of[ident])):
            rows.append(Critical(ident, kinds[ident], 0.0, 0.0, 0.0, (), 0.0))
            continue
        band = solve_band(model, 0.0, 1.0, [(ident, 1.0)], base)
        rows.append(
            Critical(
                ident,
                kinds[ident],
                band.shortfall_tpd - base.shortfall_tpd,
                band.shortfall_kbd - base.shortfall_kbd,
                None if unit else carried,
                band.binding,
                None if unit else carried_kbd,
            )
        )
    # Ranked as printed (kb/d, to a tenth), then in tonnes, by the flow carried and by id.
    rows.sort(
        key=lambda c: (-round(c.shortfall_kbd, 1), -c.shortfall_tpd, -(c.carried_tpd or 0.0), c.id)
    )
    return CriticalResult(model, base, tuple(rows))
