"""Capacity, resolved once per network, and a route's capacity over its stages.

Each segment and node is resolved once: its status, the crude it carries and that crude's bbl/t
factor, its capacity available today and if built (a node's is the sum of its loading units),
the latest throughput of all its shippers and the spare capacity that leaves. A route's capacity
is arithmetic on those values: along a chain the smallest element sets it, parallel branches add
up, and an element whose capacity is unknown makes the result an upper bound ("at most").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from routes.network import (
    AVAILABLE_STATUSES,
    BUILDABLE_STATUSES,
    Figure,
    Network,
    Node,
    Route,
    Segment,
    Throughput,
)
from routes.quantity import Bound, Quantity, combine_bounds
from routes.units import MASS_UNITS_MTPA, flow_to_kbd, kbd_to_mtpa

Kind = Literal["segment", "node"]
View = Literal["available", "if_built"]
#: Where the generic factor comes from when a segment or node names no crude.
GENERIC_FACTOR: Final[str] = "bbl-per-t"
#: Route statuses, from the statuses of the assets on it.
ROUTE_STATUSES: Final[tuple[str, ...]] = (
    "operating",
    "partly_idle",
    "idle",
    "planned",
    "cancelled",
)


@dataclass(frozen=True)
class Element:
    """A segment or node as the capacity model sees it: resolved once, read everywhere.

    ``limit`` is ``value`` (a sourced capacity), ``unknown`` (a capacity no source gives) or
    ``none`` (the element does not limit flow: a junction, an open-sea tanker leg). Capacities
    are in kb/d and Mt/yr, each converted with `bbl_per_t`, the factor of the crude it carries.
    """

    kind: Kind
    id: str
    status: str
    crude: str | None
    bbl_per_t: Quantity
    limit: Literal["value", "unknown", "none"]
    #: The capacity as the data gives it (its own unit and provenance); None when not limiting.
    capacity: Quantity | None
    #: Nameplate capacity: every unit that is not cancelled (``if built / if restarted``).
    nameplate_kbd: float | None
    nameplate_mtpa: float | None
    #: Capacity of the operating units only (a node with a mooring out has less).
    operating_kbd: float | None
    operating_mtpa: float | None
    #: The latest year with a total of all shippers, and that total in kb/d.
    throughput_year: int | None
    throughput_kbd: float | None
    throughput: tuple[Quantity, ...]
    notes: tuple[str, ...] = ()
    #: The flow its records show, in Mt/yr: the latest total of all shippers, else (when no year
    #: has one) the latest year's records summed, which `recorded_complete` marks as partial.
    #: None without records. What-ifs keep this flow, less their own supply's, on the element.
    recorded_mtpa: float | None = None
    recorded_complete: bool = False

    @property
    def available(self) -> bool:
        return self.status in AVAILABLE_STATUSES

    @property
    def buildable(self) -> bool:
        return self.status in BUILDABLE_STATUSES

    def usable(self, view: View) -> bool:
        return self.available if view == "available" else self.buildable

    def capacity_kbd(self, view: View) -> float | None:
        """Capacity in the view: 0 when the element is not usable there; None when unknown
        or not limiting (see `limit`)."""
        if not self.usable(view):
            return 0.0
        if self.limit != "value":
            return None
        return self.operating_kbd if view == "available" else self.nameplate_kbd

    def capacity_mtpa(self, view: View) -> float | None:
        if not self.usable(view):
            return 0.0
        if self.limit != "value":
            return None
        return self.operating_mtpa if view == "available" else self.nameplate_mtpa

    def spare_kbd(self, view: View) -> float | None:
        """Capacity minus the latest total of all shippers (never below 0). Unknown (None) when
        the capacity or, for an operating element, the total is unknown. An element that is not
        operating carries nothing now, whatever it carried before it stopped: built or
        restarted, all its capacity is spare."""
        cap = self.capacity_kbd(view)
        if cap is None or cap == 0.0:
            return cap
        if not self.available:
            return cap
        if self.throughput_kbd is None:
            return None
        return max(0.0, cap - self.throughput_kbd)

    def spare_mtpa(self, view: View) -> float | None:
        spare = self.spare_kbd(view)
        assert self.bbl_per_t.value is not None
        return None if spare is None else kbd_to_mtpa(spare, self.bbl_per_t.value)


@dataclass(frozen=True)
class Resolved:
    """Every segment and node of a network, resolved."""

    segments: Mapping[str, Element]
    nodes: Mapping[str, Element]

    def get(self, key: tuple[Kind, str]) -> Element:
        return self.segments[key[1]] if key[0] == "segment" else self.nodes[key[1]]


def crude_factor(net: Network, crude_id: str | None) -> Quantity:
    """The bbl/t factor of a crude with its provenance; the generic assumption when the element
    names no crude (validation guarantees the id exists)."""
    if crude_id is not None:
        crude = net.crudes[crude_id]
        fig = crude.bbl_per_t
        assert fig.value is not None
        return Quantity(
            fig.value,
            "bbl/t",
            as_of=fig.as_of,
            sources=fig.sources,
            assumption=fig.assumption,
            note=f"{crude.name}: {fig.note}" if fig.note else crude.name,
        )
    generic = net.assumption(GENERIC_FACTOR)
    assert generic.figure.value is not None
    return Quantity(
        generic.figure.value,
        "bbl/t",
        as_of=generic.figure.as_of,
        sources=generic.figure.sources,
        assumption=True,
        note=f"no crude declared: the generic factor ({generic.id})",
    )


def _as_quantity(fig: Figure) -> Quantity:
    return Quantity(
        fig.value,
        fig.unit,
        "exact" if fig.value is not None else "not_sourced",
        as_of=fig.as_of,
        sources=fig.sources,
        assumption=fig.assumption,
        note=fig.note,
    )


def _flow(fig: Figure, factor: float) -> tuple[float, float]:
    """A flow figure with a value in kb/d and in Mt/yr; the native unit is kept as given."""
    assert fig.value is not None
    kbd = flow_to_kbd(fig.value, fig.unit, factor)
    if fig.unit in MASS_UNITS_MTPA:
        return kbd, fig.value * MASS_UNITS_MTPA[fig.unit]
    return kbd, kbd_to_mtpa(kbd, factor)


def latest_total(
    records: Iterable[Throughput], factor: float
) -> tuple[int, float, tuple[Throughput, ...]] | None:
    """The latest year whose flow of all shippers is known, as (year, kb/d, records used):
    a record for ``all`` shippers, else a ``kazakh`` and an ``other`` record of the same year.

    >>> from routes.network import Figure, Throughput
    >>> kz = Throughput(2024, Figure(1.0, "Mt/yr"), "kazakh")
    >>> ru = Throughput(2024, Figure(9.0, "Mt/yr"), "other")
    >>> year, kbd, used = latest_total([kz, ru], 7.3)
    >>> year, round(kbd, 1), len(used)
    (2024, 200.0, 2)
    >>> latest_total([kz], 7.3) is None
    True
    """
    by_year: dict[int, dict[str, Throughput]] = {}
    for t in records:
        if t.figure.value is not None:
            by_year.setdefault(t.year, {})[t.shippers] = t
    for year in sorted(by_year, reverse=True):
        got = by_year[year]
        if "all" in got:
            return year, _flow(got["all"].figure, factor)[0], (got["all"],)
        if "kazakh" in got and "other" in got:
            used = (got["kazakh"], got["other"])
            return year, sum(_flow(t.figure, factor)[0] for t in used), used
    return None


def _throughput_quantity(t: Throughput) -> Quantity:
    q = _as_quantity(t.figure)
    who = {"all": "all shippers", "kazakh": "Kazakh oil", "other": "other shippers"}[t.shippers]
    note = f"{t.year}, {who}" + (f": {t.figure.note}" if t.figure.note else "")
    return Quantity(q.value, q.unit, q.bound, t.year, q.sources, q.assumption, note)


def _resolve(
    kind: Kind,
    ident: str,
    status: str,
    crude: str | None,
    factor: Quantity,
    capacity: Figure | None,
    units: Sequence[tuple[str, Figure]],
    throughput: Sequence[Throughput],
) -> Element:
    assert factor.value is not None
    f = factor.value
    notes: list[str] = []
    if units:
        # A terminal's capacity is the sum of its loading units (moorings, berths), capped by
        # the node's own figure when it has one.
        known = [(st, fig) for st, fig in units if fig.value is not None]
        nameplate = [_flow(fig, f) for st, fig in known if st in BUILDABLE_STATUSES]
        operating = [_flow(fig, f) for st, fig in known if st in AVAILABLE_STATUSES]
        np_kbd, np_mtpa = sum(k for k, _ in nameplate), sum(m for _, m in nameplate)
        op_kbd, op_mtpa = sum(k for k, _ in operating), sum(m for _, m in operating)
        cap_known = capacity is not None and capacity.value is not None
        quantity: Quantity | None = Quantity(
            np_mtpa,
            "Mt/yr",
            sources=tuple(dict.fromkeys(s for _, fig in units for s in fig.sources)),
            assumption=any(fig.assumption for _, fig in units),
            as_of=max((fig.as_of for _, fig in units if fig.as_of), default=None),
            note=f"the sum of its {len(units)} loading units",
        )
        limit: Literal["value", "unknown", "none"] = "value"
        if len(known) < len(units):
            if cap_known:
                assert capacity is not None
                notes.append(
                    f"{ident}: some loading units have no sourced rating, so the "
                    "node's own capacity is used"
                )
                np_kbd, np_mtpa = op_kbd, op_mtpa = _flow(capacity, f)
                quantity = _as_quantity(capacity)
            else:
                limit = "unknown"
                notes.append(f"{ident}: the capacity of some loading units is not sourced")
        elif cap_known:
            assert capacity is not None
            cap_kbd, cap_mtpa = _flow(capacity, f)
            if cap_kbd < np_kbd:  # the node's own figure binds
                np_kbd, np_mtpa, quantity = cap_kbd, cap_mtpa, _as_quantity(capacity)
            if cap_kbd < op_kbd:
                op_kbd, op_mtpa = cap_kbd, cap_mtpa
        nameplate_kbd: float | None = np_kbd
        nameplate_mtpa: float | None = np_mtpa
        operating_kbd: float | None = op_kbd
        operating_mtpa: float | None = op_mtpa
    elif capacity is None:
        limit, quantity = "none", None
        nameplate_kbd = nameplate_mtpa = operating_kbd = operating_mtpa = None
    elif capacity.value is None:
        limit, quantity = "unknown", _as_quantity(capacity)
        nameplate_kbd = nameplate_mtpa = operating_kbd = operating_mtpa = None
    else:
        limit, quantity = "value", _as_quantity(capacity)
        nameplate_kbd, nameplate_mtpa = _flow(capacity, f)
        operating_kbd, operating_mtpa = nameplate_kbd, nameplate_mtpa
    total = latest_total(throughput, f)
    recorded = recorded_flow(throughput, total, f)
    if total is not None and nameplate_kbd is not None and total[1] > nameplate_kbd * 1.0005:
        notes.append(
            f"{ident}: throughput of all shippers in {total[0]} "
            f"({total[1]:,.0f} kb/d) exceeds its capacity ({nameplate_kbd:,.0f} kb/d); "
            "check the two figures and their years"
        )
    return Element(
        kind=kind,
        id=ident,
        status=status,
        crude=crude,
        bbl_per_t=factor,
        limit=limit,
        capacity=quantity,
        nameplate_kbd=nameplate_kbd,
        nameplate_mtpa=nameplate_mtpa,
        operating_kbd=operating_kbd,
        operating_mtpa=operating_mtpa,
        throughput_year=total[0] if total else None,
        throughput_kbd=total[1] if total else None,
        throughput=tuple(
            _throughput_quantity(t) for t in sorted(throughput, key=lambda t: (t.year, t.shippers))
        ),
        notes=tuple(notes),
        recorded_mtpa=recorded[0] if recorded else None,
        recorded_complete=recorded[1] if recorded else False,
    )


def recorded_flow(
    records: Sequence[Throughput],
    total: tuple[int, float, tuple[Throughput, ...]] | None,
    factor: float,
) -> tuple[float, bool] | None:
    """The flow the records show in Mt/yr, and whether it is every shipper's: the total
    `latest_total` found, else the latest year's records summed.

    >>> from routes.network import Figure, Throughput
    >>> kz = Throughput(2023, Figure(1.0, "Mt/yr"), "kazakh")
    >>> recorded_flow([kz], latest_total([kz], 7.3), 7.3)
    (1.0, False)
    """
    if total is not None:
        return sum(_flow(t.figure, factor)[1] for t in total[2]), True
    known = [t for t in records if t.figure.value is not None]
    if not known:
        return None
    year = max(t.year for t in known)
    return sum(_flow(t.figure, factor)[1] for t in known if t.year == year), False


def resolve_segment(net: Network, seg: Segment) -> Element:
    return _resolve(
        "segment",
        seg.id,
        seg.status,
        seg.crude,
        crude_factor(net, seg.crude),
        None if seg.unlimited else seg.capacity,
        (),
        seg.throughput,
    )


def resolve_node(net: Network, node: Node) -> Element:
    return _resolve(
        "node",
        node.id,
        node.status,
        node.crude,
        crude_factor(net, node.crude),
        node.capacity,
        [(u.status, u.capacity) for u in node.units],
        node.throughput,
    )


def resolve(net: Network) -> Resolved:
    """Resolve every segment and node of the network once."""
    return Resolved(
        segments={sid: resolve_segment(net, s) for sid, s in net.segments.items()},
        nodes={nid: resolve_node(net, n) for nid, n in net.nodes.items()},
    )


Key = tuple[Kind, str]


def route_stages(net: Network, route: Route) -> list[list[list[Key]]]:
    """The route as a series of stages, each a list of parallel branches of elements: the
    origin, then each stage of segments with the nodes inside its branches, then the node where
    the stage ends, and so on to the destination. A node whose capacity is for tankers only
    (a loading terminal) stands in the series only where the route loads or lands a tanker."""

    def node_key(node_id: str, *adjacent: str) -> list[Key]:
        node = net.nodes[node_id]
        if node.capacity_scope == "tanker" and not any(
            net.segments[s].mode == "tanker" for s in adjacent
        ):
            return []
        return [("node", node_id)]

    first = [b[0] for b in route.stages[0].branches]
    out: list[list[list[Key]]] = [[node_key(route.origin, *first)]]
    for i, stage in enumerate(route.stages):
        branches: list[list[Key]] = []
        for branch in stage.branches:
            keys: list[Key] = []
            for j, sid in enumerate(branch):
                keys.append(("segment", sid))
                if j < len(branch) - 1:
                    keys += node_key(net.segments[sid].to_node, sid, branch[j + 1])
            branches.append(keys)
        out.append(branches)
        after = [b[0] for b in route.stages[i + 1].branches] if i + 1 < len(route.stages) else []
        out.append(
            [
                node_key(
                    net.segments[stage.primary[-1]].to_node,
                    *(b[-1] for b in stage.branches),
                    *after,
                )
            ]
        )
    return [[b for b in s] for s in out if any(s)]


@dataclass(frozen=True)
class RouteCapacity:
    """A route's capacity in one view, ``available`` today or ``if_built``."""

    view: View
    kbd: Quantity
    mtpa: Quantity
    spare_kbd: Quantity
    #: The element that sets the capacity (``a + b`` for a stage of parallel branches).
    bottleneck: str | None
    bottleneck_kind: Literal["segment", "node", "stage"] | None
    #: The element(s) whose spare capacity is the route's.
    spare_set_by: tuple[str, ...]
    #: Elements along the counted path whose capacity no source gives.
    unknown: tuple[str, ...]
    #: Elements that are not usable in this view and close a stage (nothing can pass).
    blocked_by: tuple[str, ...]


@dataclass(frozen=True)
class _Part:
    kbd: float | None  # None: unknown; math.inf: not limiting
    mtpa: float | None
    bound: Bound
    spare: float | None
    spare_mtpa: float | None
    spare_bound: Bound
    neck: list[Key]
    unknown: list[str]
    spare_neck: list[Key]


def _branch(res: Resolved, keys: Sequence[Key], view: View) -> _Part:
    els = [res.get(k) for k in keys]
    limiting = [e for e in els if e.limit == "value"]
    unknown = [e.id for e in els if e.limit == "unknown"]
    # Tonnes are conserved along a chain while barrels change with the crude each asset
    # carries, so elements are compared in Mt/yr; each reports kb/d at its own factor.
    with_spare = [(e.spare_mtpa(view), e) for e in els if e.limit != "none"]
    known = [(s, e) for s, e in with_spare if s is not None]
    least = min(known, key=lambda se: se[0]) if known else None
    spare = least[1].spare_kbd(view) if least else (None if with_spare else math.inf)
    spare_mtpa = least[0] if least else (None if with_spare else math.inf)
    spare_neck: list[Key] = [(least[1].kind, least[1].id)] if least else []
    spare_bound: Bound = (
        "at_most"
        if known and len(known) < len(with_spare)
        else "exact"
        if spare is not None
        else "unknown"
    )
    if not limiting:
        return _Part(
            None if unknown else math.inf,
            None if unknown else math.inf,
            "unknown" if unknown else "exact",
            spare,
            spare_mtpa,
            spare_bound,
            [],
            unknown,
            spare_neck,
        )
    # Ties (two sections rated alike) go to the element with less spare capacity.
    neck = min(
        limiting,
        key=lambda e: (
            e.capacity_mtpa(view) or 0.0,
            s if (s := e.spare_mtpa(view)) is not None else math.inf,
        ),
    )
    return _Part(
        neck.capacity_kbd(view),
        neck.capacity_mtpa(view),
        "at_most" if unknown else "exact",
        spare,
        spare_mtpa,
        spare_bound,
        [(neck.kind, neck.id)],
        unknown,
        spare_neck,
    )


def _stage(res: Resolved, branches: Sequence[Sequence[Key]], view: View) -> tuple[_Part, list[str]]:
    """A stage's capacity, and the elements that block it when no branch is usable."""
    usable = [b for b in branches if all(res.get(k).usable(view) for k in b)]
    if not usable:
        blocking = [k for k in branches[0] if not res.get(k).usable(view)]
        return _Part(0.0, 0.0, "exact", 0.0, 0.0, "exact", blocking[:1], [], blocking[:1]), [
            k[1] for k in blocking
        ]
    parts = [_branch(res, b, view) for b in usable]
    kbds = [p.kbd for p in parts]
    mtpas = [p.mtpa for p in parts]
    spares = [p.spare for p in parts]
    spares_mtpa = [p.spare_mtpa for p in parts]
    unknown = [u for p in parts for u in p.unknown]
    kbd = None if None in kbds else sum(kbds)  # type: ignore[arg-type]
    mtpa = None if None in mtpas else sum(mtpas)  # type: ignore[arg-type]
    spare = None if None in spares else sum(spares)  # type: ignore[arg-type]
    spare_mtpa = None if None in spares_mtpa else sum(spares_mtpa)  # type: ignore[arg-type]
    bound = combine_bounds(*(p.bound for p in parts))
    spare_bound = combine_bounds(*(p.spare_bound for p in parts))
    return _Part(
        kbd,
        mtpa,
        bound,
        spare,
        spare_mtpa,
        spare_bound,
        [k for p in parts for k in p.neck],
        unknown,
        [k for p in parts for k in p.spare_neck],
    ), []


def route_capacity(net: Network, res: Resolved, route: Route, view: View) -> RouteCapacity:
    """The route's capacity, spare capacity and bottleneck in one view.

    The narrowest stage sets the capacity (among equals, the one with less spare); a stage
    whose capacity is unknown leaves the result an upper bound, as does a branch with an
    element of unknown capacity.
    """
    stages = [_stage(res, s, view) for s in route_stages(net, route)]
    parts = [p for p, _ in stages]
    blocked = [b for _, bs in stages for b in bs]
    unknown = list(dict.fromkeys(u for p in parts for u in p.unknown))
    known = [p for p in parts if p.mtpa is not None and p.mtpa != math.inf]
    if known:
        neck = min(
            known, key=lambda p: (p.mtpa, p.spare_mtpa if p.spare_mtpa is not None else math.inf)
        )
        any_unknown = len(known) < len([p for p in parts if p.mtpa != math.inf])
        # Nothing is below zero: a closed stage makes the route's capacity exactly zero.
        bound: Bound = "at_most" if (any_unknown or neck.bound != "exact") and neck.kbd else "exact"
        kbd: float | None = neck.kbd
        mtpa = neck.mtpa
        ids = [k[1] for k in neck.neck]
        bottleneck = " + ".join(ids) if ids else None
        kind = ("stage" if len(neck.neck) > 1 else neck.neck[0][0]) if neck.neck else None
    else:
        kbd = mtpa = None
        bound, bottleneck, kind = "unknown", None, None
    spares = [p for p in parts if p.spare != math.inf]
    known_spares = [p for p in spares if p.spare is not None and p.spare_mtpa is not None]
    spare_part = min(known_spares, key=lambda p: p.spare_mtpa or 0.0) if known_spares else None
    spare: float | None = spare_part.spare if spare_part else None
    spare_set_by = tuple(k[1] for k in spare_part.spare_neck) if spare_part else ()
    spare_bound: Bound = (
        "unknown"
        if spare is None
        else "exact"
        if spare == 0.0
        else combine_bounds(
            *(p.spare_bound for p in parts if p.spare is not None and p.spare != math.inf),
            *(("at_most",) if len(known_spares) < len(spares) else ()),
        )
    )
    if spare_part is not None and mtpa is not None and (spare_part.spare_mtpa or 0.0) > mtpa:
        # No more can be spare than the route can carry at all.
        spare, spare_set_by = kbd, tuple(k[1] for k in neck.neck)
    note = None
    if unknown:
        note = f"capacity not sourced for {', '.join(unknown)}"
    return RouteCapacity(
        view=view,
        kbd=Quantity(kbd, "kb/d", bound, note=note),
        mtpa=Quantity(mtpa, "Mt/yr", bound, note=note),
        spare_kbd=Quantity(spare, "kb/d", spare_bound),
        bottleneck=bottleneck,
        bottleneck_kind=kind,
        spare_set_by=spare_set_by,
        unknown=tuple(unknown),
        blocked_by=tuple(dict.fromkeys(blocked)),
    )


def route_status(net: Network, res: Resolved, route: Route) -> str:
    """``operating`` when every stage has an operating branch and nothing on the route is idle;
    ``partly_idle`` when it flows but part of it is idle; ``idle`` when a restart would open
    it; ``planned`` when it needs assets planned or under construction; ``cancelled`` when no
    branch of some stage can ever be used."""
    stages = route_stages(net, route)
    elements = [[[res.get(k) for k in b] for b in s] for s in stages]
    blocked = [s for s in elements if not any(all(e.available for e in b) for b in s)]
    if not blocked:
        idle = any(e.status == "idle" for s in elements for b in s for e in b)
        return "partly_idle" if idle else "operating"
    restartable = {"operating", "idle"}
    if all(any(all(e.status in restartable for e in b) for b in s) for s in blocked):
        return "idle"
    if all(any(all(e.buildable for e in b) for b in s) for s in blocked):
        return "planned"
    return "cancelled"
