"""The interactive HTML map: a map model built from the measures (pure values, also drawn by
`routes.figures`), and one self-contained page that draws it with Leaflet.

The model keeps (lon, lat) like the rest of the package; `page_data` flips to Leaflet's
(lat, lon), called `latlon`, at the render boundary. The page's script builds every popup,
tooltip and label with `textContent`, never from markup, so names and notes from a user's data
show as text whatever they contain.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from routes import style
from routes.capacity import Element, View
from routes.geometry import geod, round_coordinates
from routes.metrics import RouteMetrics, SegmentMetrics
from routes.network import SEA, Network
from routes.quantity import Quantity, parts_text, text
from routes.report import FACTOR_LABELS, LEGEND

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from routes.risk import Risk

#: Display-only simplification (degrees; 0.01° ≈ 1.1 km). Measures never use simplified lines.
ROUTE_TOLERANCE_DEG: Final[float] = 0.01
BOUNDARY_TOLERANCE_DEG: Final[float] = 0.02
#: Decimals kept in the page: 4 for lines (11 m), 3 for the basemap (110 m).
LINE_DECIMALS: Final[int] = 4
BASEMAP_DECIMALS: Final[int] = 3
#: Space around the routes' extent (degrees) for the view and the labels.
VIEW_PAD_DEG: Final[float] = 2.0
#: Countries smaller than this in the view (square degrees) get no name.
MIN_COUNTRY_LABEL_AREA: Final[float] = 1.5
#: Where along a leg a route's name may go, in order of preference.
ROUTE_LABEL_FRACTIONS: Final[tuple[float, ...]] = (
    0.5,
    0.35,
    0.65,
    0.2,
    0.8,
    0.1,
    0.9,
    0.43,
    0.57,
    0.27,
    0.73,
)
#: Leaflet from the same package version as the offline page, for `--online`.
CDN: Final[str] = "https://cdn.jsdelivr.net/npm/leaflet@{version}/dist/"
OSM_TILES: Final[str] = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
CREDITS: Final[str] = (
    "Pipelines: Global Energy Monitor, Global Oil Infrastructure Tracker (CC BY 4.0) · "
    "Boundaries: Made with Natural Earth · Ports: NGA World Port Index · Sea legs: searoute "
    "(Eurostat MARNET) · Country indicators: World Bank WGI (CC BY 4.0)"
)
SHORT_CREDITS: Final[str] = (
    "GEM GOIT (CC BY 4.0) · Natural Earth · NGA WPI · searoute · World Bank WGI (CC BY 4.0)"
)

Row = tuple[str, str]
LonLat = tuple[float, float]
LabelKind = Literal["route", "place", "country", "sea"]


@dataclass(frozen=True)
class MapOptions:
    """What to draw and how the page is built."""

    offline: bool = True
    title: str = "Kazakhstan crude export routes"
    date: dt.date | None = None
    #: A `routes.scenario/1` document to draw over the routes: its worst band's flows, what
    #: its outages cut, and its totals.
    scenario: dict[str, Any] | None = None


@dataclass(frozen=True)
class RouteView:
    """A route as the maps show it: its colour and width, its risk badge, its popup's contents
    (plain text) and its row of the comparison table."""

    id: str
    name: str
    colour: str
    width_px: float
    risk_score: float
    risk_colour: str
    #: "1,573 kb/d today", "≤ 104 kb/d today", "0 kb/d today (idle)".
    capacity_text: str
    status: str
    rows: tuple[Row, ...]
    #: (factor, value, weight, points) as text.
    factors: tuple[tuple[str, str, str, str], ...]
    notes: tuple[str, ...]
    sources: tuple[str, ...]
    #: Length km, capacity today kb/d, cost USD/bbl, transit days, risk: as text.
    compare: tuple[str, str, str, str, str]


@dataclass(frozen=True)
class LegView:
    """A segment drawn once, with every route that uses it (widest stripe first)."""

    id: str
    name: str
    mode: str
    status: str
    look: style.StatusLook
    #: (route id, drawn width px), outermost first.
    stripes: tuple[tuple[str, float], ...]
    coords: tuple[LonLat, ...]
    rows: tuple[Row, ...]
    #: Where the flow-direction arrow sits and its rotation (degrees clockwise from east).
    arrow: tuple[float, float, float]


@dataclass(frozen=True)
class PlaceView:
    id: str
    name: str
    kind: str
    coords: LonLat
    rows: tuple[Row, ...]
    incidents: tuple[str, ...]
    sources: tuple[str, ...]
    status: str = "operating"


@dataclass(frozen=True)
class LabelView:
    """A name to write on the map: where it may go (in order of preference) and its rank (lower
    ranks are placed first; a label that would collide with one placed before is left out)."""

    text: str
    kind: LabelKind
    rank: int
    candidates: tuple[LonLat, ...]
    #: The route it names (hidden with the route's layer).
    route: str | None = None


@dataclass(frozen=True)
class FlowView:
    id: str
    name: str
    coords: tuple[LonLat, ...]
    width_px: float
    tooltip: str


@dataclass(frozen=True)
class CutView:
    target: str
    label: str
    #: A segment's line, or one point for a node or loading unit.
    coords: tuple[LonLat, ...]
    is_line: bool


@dataclass(frozen=True)
class ScenarioView:
    name: str
    band_text: str
    flows: tuple[FlowView, ...]
    cuts: tuple[CutView, ...]
    rows: tuple[Row, ...]
    headline: str


@dataclass(frozen=True)
class MapModel:
    """Everything both maps draw, as plain values in (lon, lat)."""

    title: str
    subtitle: str
    summary: str
    routes: tuple[RouteView, ...]
    legs: tuple[LegView, ...]
    places: tuple[PlaceView, ...]
    labels: tuple[LabelView, ...]
    #: The routes' extent: (west, south, east, north), from the full geometry.
    bounds: tuple[float, float, float, float]
    #: Source id → (title, url) for every source a popup cites.
    sources: dict[str, tuple[str, str | None]]
    max_capacity_kbd: float
    scenario: ScenarioView | None = None
    #: Country polygons for the offline basemap (GeoJSON geometry per country name), and the
    #: box they cover (west, south, east, north): water inside it, no data outside.
    countries: tuple[tuple[str, dict[str, Any]], ...] = field(default=(), repr=False)
    countries_box: tuple[float, float, float, float] | None = None

    @property
    def place_kinds(self) -> tuple[str, ...]:
        """The kinds of place on the map, in the key's order (`style.NODE_COLOUR`)."""
        present = {p.kind for p in self.places}
        return tuple(k for k in style.NODE_COLOUR if k in present)


def build_date() -> dt.date:
    """Today, or the date of `SOURCE_DATE_EPOCH` when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def esc(value: object) -> str:
    """HTML-escape user-supplied text (names, notes) so it shows as text, never as markup."""
    return html.escape(str(value), quote=True)


def _coords(geom: BaseGeometry, nd: int = LINE_DECIMALS) -> tuple[LonLat, ...]:
    return tuple((round(x, nd), round(y, nd)) for x, y in geom.coords)


def _display(geom: BaseGeometry) -> BaseGeometry:
    return geom.simplify(ROUTE_TOLERANCE_DEG, preserve_topology=True)


def with_unit(q: Quantity | None, unit: str, nd: int = 0) -> str:
    """A figure with its unit, or the word for a missing one without a unit.

    >>> with_unit(Quantity(104.2, "kb/d", "at_most"), "kb/d"), with_unit(None, "kb/d")
    ('≤ 105 kb/d', 'not sourced')
    """
    shown = text(q, nd)
    return shown if q is None or q.value is None else f"{shown} {unit}"


def _capacity_text(el: Element, view: View) -> str:
    if el.limit == "none":
        return "not a limit (open sea)"
    if el.limit == "unknown" and el.usable(view):
        return "not sourced"
    return f"{el.capacity_kbd(view):,.0f} kb/d"


def _place_name(net: Network, node_id: str) -> str:
    node = net.nodes.get(node_id)
    return node_id if node is None else style.short_place_name(node.name)


def element_name(net: Network, ident: str | None) -> str:
    """The name of a segment, node or loading unit for people ("n/a" for none)."""
    if ident is None:
        return "n/a"
    if ident in net.segments:
        return net.segments[ident].name
    if ident in net.nodes:
        return style.short_place_name(net.nodes[ident].name)
    owner = net.unit_nodes().get(ident)
    if owner is not None:
        unit = next(u for u in net.nodes[owner].units if u.id == ident)
        return f"{unit.name} ({style.short_place_name(net.nodes[owner].name)})"
    return ident


def _status_text(status: str) -> str:
    return status.replace("_", " ")


def route_view(
    net: Network,
    m: RouteMetrics,
    risk: Risk,
    colour: str,
    max_capacity_kbd: float,
    country_names: dict[str, str],
) -> RouteView:
    """A route's colour, width, badge, popup rows and comparison cells."""
    from routes.report import cited, override_notes, route_figures, route_overrides

    figs = route_figures(net, m)
    sources = cited(m, risk)
    by_country = parts_text(
        {style.country_name(country_names, k): v for k, v in m.length_km_by_country.items()},
        m.length_km,
    )
    idle = "" if m.status == "operating" else f" ({_status_text(m.status)})"
    transshipments = f"{m.transshipments} transshipment{'' if m.transshipments == 1 else 's'}"
    rows: tuple[Row, ...] = (
        ("Status", _status_text(m.status)),
        ("From → to", f"{_place_name(net, m.origin)} → {_place_name(net, m.destination)}"),
        ("Length", f"{m.length_km:,.0f} km ({by_country})"),
        (
            "Capacity today",
            f"{with_unit(figs['capacity'], 'kb/d')} "
            f"({with_unit(figs['capacity_mtpa'], 'Mt/yr', 1)}), set by "
            f"{element_name(net, m.available.bottleneck)}",
        ),
        ("Capacity if built", with_unit(figs["capacity_if_built"], "kb/d")),
        ("Spare capacity today", with_unit(figs["spare_capacity"], "kb/d")),
        ("Cost", with_unit(m.cost_usd_per_bbl, "USD/bbl", 2)),
        ("Transit", f"{m.transit_days:.1f} days, {transshipments}"),
        ("Chokepoints", ", ".join(_place_name(net, c) for c in m.chokepoints) or "none"),
        ("Risk score", f"{risk.score:.0f} of 100 (the sum of the factors below)"),
    )
    factors = tuple(
        (
            FACTOR_LABELS.get(f.name, f.name.replace("_", " ")),
            f"{f.value:.2f}",
            f"{f.weight:.2f}",
            f"{f.contribution:.1f}",
        )
        for f in risk.factors
    )
    return RouteView(
        id=m.id,
        name=m.name,
        colour=colour,
        width_px=style.width_px(m.capacity_kbd, max_capacity_kbd),
        risk_score=risk.score,
        risk_colour=style.risk_colour(risk.score),
        capacity_text=f"{with_unit(figs['capacity'], 'kb/d')} today{idle}",
        status=m.status,
        rows=rows,
        factors=factors,
        notes=(
            *m.warnings,
            *override_notes(route_overrides(net, m, sources)),
        ),
        sources=tuple(sources),
        compare=(
            f"{m.length_km:,.0f}",
            text(figs["capacity"]),
            text(m.cost_usd_per_bbl, 2),
            f"{m.transit_days:.1f}",
            f"{risk.score:.0f}",
        ),
    )


def _arrow(geom: BaseGeometry) -> tuple[float, float, float]:
    """A flow-direction arrow at the middle of a line: (lon, lat, rotation clockwise from east).

    The local azimuth is also the screen angle on a conformal (Web Mercator) map."""
    mid = geom.interpolate(0.5, normalized=True)
    ahead = geom.interpolate(min(1.0, 0.52), normalized=True)
    azimuth, _, _ = geod().inv(mid.x, mid.y, ahead.x, ahead.y)
    return (
        round(mid.x, LINE_DECIMALS),
        round(mid.y, LINE_DECIMALS),
        round((float(azimuth) - 90.0 + 180.0) % 360.0 - 180.0, 1),
    )


def leg_view(net: Network, seg: SegmentMetrics, users: Sequence[RouteView]) -> LegView:
    """A segment drawn once: its stripes (one per route using it), its popup rows, its arrow."""
    el = seg.element
    rows: list[Row] = [
        ("Mode", seg.mode),
        ("Status", _status_text(seg.status)),
        ("Length", f"{seg.length_km:,.0f} km"),
        ("Capacity today", _capacity_text(el, "available")),
    ]
    if el.capacity_kbd("if_built") != el.capacity_kbd("available"):
        rows.append(("Capacity if built", _capacity_text(el, "if_built")))
    if not el.available:
        rows.append(("Note", f"{_status_text(seg.status)}: not counted in today's capacity"))
    rows += _your_data(net, "segments", seg.id)
    display = _display(net.segments[seg.id].geometry)
    return LegView(
        id=seg.id,
        name=seg.name,
        mode=seg.mode,
        status=seg.status,
        look=style.status_look(seg.status),
        stripes=tuple(style.stripes([(r.id, r.width_px) for r in users])),
        coords=_coords(display),
        rows=tuple(rows),
        arrow=_arrow(display),
    )


def _your_data(net: Network, layer: str, ident: str) -> list[Row]:
    """A popup row for an entry your folders added or replaced (none for packaged data)."""
    from routes.report import override_row, override_to_dict

    return [
        ("Your data", override_row(override_to_dict(o))) for o in net.overrides_of(layer, ident)
    ]


def place_view(
    net: Network, node_id: str, element: Element | None, country_names: dict[str, str]
) -> PlaceView:
    """A node's popup: what it is, where the position comes from, and its incident history."""
    node = net.nodes[node_id]
    rows: list[Row] = [
        ("Kind", node.kind.replace("_", " ")),
        (
            "Country",
            "at sea" if node.country is None else style.country_name(country_names, node.country),
        ),
    ]
    if node.location_quality:
        rows.append(("Position", node.location_quality))
    if node.status != "operating":
        rows.append(("Status", _status_text(node.status)))
    if element is not None and (node.capacity is not None or node.units):
        rows.append(("Capacity today", _capacity_text(element, "available")))
        if element.capacity_kbd("if_built") != element.capacity_kbd("available"):
            rows.append(("Capacity if built", _capacity_text(element, "if_built")))
        for u in node.units:
            rows.append(
                (
                    u.name,
                    f"{_status_text(u.status)}; {u.capacity.value:g} {u.capacity.unit}"
                    if u.capacity.value is not None
                    else _status_text(u.status),
                )
            )
    if node.note:
        rows.append(("Note", node.note))
    rows += _your_data(net, "nodes", node_id)
    events = net.events_for({node_id})
    incidents = tuple(
        f"{e.start.isoformat()} – {e.end.isoformat() if e.end else 'end not reported'}: "
        f"{e.cause} (share of capacity lost: "
        f"{'not reported' if e.share_lost is None else f'{e.share_lost:.0%}'})"
        for e in events
    )
    sources = tuple(dict.fromkeys([*node.sources, *(s for e in events for s in e.sources)]))
    return PlaceView(
        id=node_id,
        name=style.short_place_name(node.name),
        kind=node.kind,
        coords=(round(node.lon, LINE_DECIMALS), round(node.lat, LINE_DECIMALS)),
        rows=tuple(rows),
        incidents=incidents,
        sources=sources,
        status=node.status,
    )


def _route_label(view: RouteView, legs: Sequence[LegView]) -> LabelView:
    """A route's name goes by its own legs (those no other route shares), the longest first,
    at a few points along each; then by the legs it shares."""
    from shapely.geometry import LineString

    mine = [leg for leg in legs if any(rid == view.id for rid, _ in leg.stripes)]
    own = [leg for leg in mine if len(leg.stripes) == 1]
    shared = [leg for leg in mine if len(leg.stripes) > 1]
    candidates: list[LonLat] = []
    for group in (own, shared):  # its own legs first, then those it shares
        lines = sorted((LineString(leg.coords) for leg in group), key=lambda g: -g.length)
        for f in ROUTE_LABEL_FRACTIONS:  # the middle of every leg before the ends of any
            for line in lines:
                p = line.interpolate(f, normalized=True)
                candidates.append((round(p.x, LINE_DECIMALS), round(p.y, LINE_DECIMALS)))
    return LabelView(
        text=view.name, kind="route", rank=1, candidates=tuple(candidates), route=view.id
    )


def _inner_points(poly: BaseGeometry) -> tuple[LonLat, ...]:
    """Places for a name inside a polygon, best first: its pole of inaccessibility, then those
    of its quarters and of a 3 × 3 grid over it (so a name crowded out of the middle can
    move)."""
    from shapely.geometry import box
    from shapely.ops import polylabel

    x0, y0, x1, y1 = poly.bounds
    cells = [
        box(
            x0 + (x1 - x0) * i / n,
            y0 + (y1 - y0) * j / n,
            x0 + (x1 - x0) * (i + 1) / n,
            y0 + (y1 - y0) * (j + 1) / n,
        )
        for n in (2, 3)
        for j in range(n - 1, -1, -1)
        for i in range(n)
    ]
    points = [polylabel(poly, tolerance=0.05)]
    for cell in cells:
        part = poly.intersection(cell)
        pieces = [g for g in getattr(part, "geoms", [part]) if g.geom_type == "Polygon"]
        if pieces:
            big = max(pieces, key=lambda g: g.area)
            if big.area >= MIN_COUNTRY_LABEL_AREA:
                points.append(polylabel(big, tolerance=0.05))
    return tuple(dict.fromkeys((round(p.x, 3), round(p.y, 3)) for p in points))


def _country_labels(
    net: Network, view_box: tuple[float, float, float, float], crossed: set[str]
) -> list[LabelView]:
    """Each country's name at the pole of inaccessibility of its largest part in view; the
    countries the routes cross first."""
    from shapely.geometry import box

    frame = box(*view_box)
    out = []
    for b in net.boundaries:
        if b.iso3 == SEA:
            continue
        inside = b.geometry.intersection(frame)
        parts = [g for g in getattr(inside, "geoms", [inside]) if g.geom_type == "Polygon"]
        if not parts:
            continue
        biggest = max(parts, key=lambda g: g.area)
        if biggest.area < MIN_COUNTRY_LABEL_AREA:
            continue
        out.append(
            LabelView(
                text=b.name.upper(),
                kind="country",
                rank=5 if b.iso3 in crossed else 7,
                candidates=_inner_points(biggest),
            )
        )
    return out


def _labels(
    net: Network,
    metrics: Sequence[RouteMetrics],
    routes: Sequence[RouteView],
    legs: Sequence[LegView],
    places: Sequence[PlaceView],
    view_box: tuple[float, float, float, float],
) -> tuple[LabelView, ...]:
    # The routes' ends first (they have the fewest places to go), then the routes' names,
    # other places by kind, seas and the countries crossed, other countries last.
    ends = {n for m in metrics for n in (m.origin, m.destination)}
    labels = [_route_label(r, legs) for r in routes]
    for p in places:
        if p.id in ends or p.kind in style.PLACE_LABEL_RANK:
            # A place not yet built (Kuryk) gives way to its operating neighbour (Aktau).
            rank = 0 if p.id in ends else style.PLACE_LABEL_RANK[p.kind] + 2
            rank += 0 if p.status == "operating" else 1
            labels.append(LabelView(text=p.name, kind="place", rank=rank, candidates=(p.coords,)))
    for name, points in style.SEA_LABELS:
        inside = tuple(
            p
            for p in points
            if view_box[0] <= p[0] <= view_box[2] and view_box[1] <= p[1] <= view_box[3]
        )
        if inside:
            labels.append(LabelView(text=name, kind="sea", rank=5, candidates=inside))
    crossed = {c for m in metrics for c in m.length_km_by_country}
    labels += _country_labels(net, view_box, crossed)
    return tuple(sorted(labels, key=lambda lab: lab.rank))


def worst_band(doc: dict[str, Any]) -> dict[str, Any]:
    """The band with the largest shortfall (the first of equals): the one the map draws."""
    bands: list[dict[str, Any]] = doc["bands"]
    return max(bands, key=lambda b: (b["shortfall_kbd"], -b["start_day"]))


def _cut_targets(doc: dict[str, Any]) -> dict[str, list[str]]:
    """Each outage target with the days and share it is out, as text."""
    out: dict[str, list[str]] = {t: ["closed throughout"] for t in doc["scenario"]["closed"]}
    for o in doc["scenario"]["outages"]:
        out.setdefault(o["target"], []).append(
            f"{o['share_lost']:.0%} lost, days {o['start_day']:g}–"
            f"{o['start_day'] + o['duration_days']:g}"
        )
    return out


def scenario_rows(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """The scenario's totals as (label, text) rows, for the map's box and the PNG."""
    band = worst_band(doc)
    extra = doc["figures"]["extra_cost_usd"]
    price = doc["figures"]["price_usd_per_bbl"]
    rerouted = ", ".join(f"{r} {v:,.0f}" for r, v in doc["rerouted_kt_by_route"].items() if v)
    return [
        ("Supply", f"{doc['supply_kbd']:,.0f} kb/d, {doc['days']:g} days"),
        ("Delivered", f"{doc['delivered_kt']:,.0f} kt"),
        ("Shortfall", f"{doc['shortfall_kt']:,.0f} kt ({doc['shortfall_mbbl']:,.1f} million bbl)"),
        (
            "Worst band",
            f"days {band['start_day']:g}–{band['end_day']:g}: "
            f"{band['shortfall_kbd']:,.0f} kb/d short",
        ),
        ("Rerouted (kt)", rerouted or "nothing"),
        (
            "Extra cost",
            "unknown (a tariff is not sourced)"
            if extra["value"] is None
            else f"{extra['value']:,.0f} USD",
        ),
        (
            "Revenue lost",
            f"{(doc['revenue_lost_usd'] or 0) / 1e6:,.0f} million USD at "
            f"{price['value']:g} USD/bbl" + (" (an assumption)" if price["assumption"] else ""),
        ),
    ]


def scenario_headline(doc: dict[str, Any]) -> str:
    return f"shortfall {doc['shortfall_kt']:,.0f} kt over {doc['days']:g} days"


def scenario_view(net: Network, doc: dict[str, Any]) -> ScenarioView:
    """The scenario's flows in its worst band (width by flow), what it cuts, and its totals."""
    band = worst_band(doc)
    base = doc["baseline"]["flow_kbd_by_segment"]
    flows: dict[str, float] = band["flow_kbd_by_segment"]
    top = max([*flows.values(), *base.values(), 1.0])
    flow_views = tuple(
        FlowView(
            id=sid,
            name=net.segments[sid].name,
            coords=_coords(_display(net.segments[sid].geometry)),
            width_px=style.width_px(kbd, top),
            tooltip=f"{net.segments[sid].name}: {kbd:,.0f} kb/d in this scenario "
            f"(baseline {base.get(sid, 0.0):,.0f} kb/d)",
        )
        for sid, kbd in flows.items()
    )
    units = net.unit_nodes()
    cuts = []
    for target, spans in _cut_targets(doc).items():
        label = f"{element_name(net, target)} out: {'; '.join(spans)}"
        if target in net.segments:
            cuts.append(
                CutView(
                    target, label, _coords(_display(net.segments[target].geometry)), is_line=True
                )
            )
        else:
            node = net.nodes[units.get(target, target)]
            cuts.append(
                CutView(
                    target,
                    label,
                    ((round(node.lon, LINE_DECIMALS), round(node.lat, LINE_DECIMALS)),),
                    is_line=False,
                )
            )
    return ScenarioView(
        name=doc["scenario"]["name"],
        band_text=f"days {band['start_day']:g}–{band['end_day']:g}",
        flows=flow_views,
        cuts=tuple(cuts),
        rows=tuple(scenario_rows(doc)),
        headline=scenario_headline(doc),
    )


def _summary(
    metrics: Sequence[RouteMetrics], routes: Sequence[RouteView], scenario: ScenarioView | None
) -> str:
    parts = [
        f"{r.name}: {m.length_km:,.0f} km, {r.capacity_text}, risk {r.risk_score:.0f} of 100"
        for m, r in zip(metrics, routes, strict=True)
    ]
    text_ = (
        f"The map shows {len(routes)} crude export route{'s' if len(routes) != 1 else ''}"
        f"{': ' if parts else ''}{'; '.join(parts)}. Each route has its own colour; "
        "tanker legs are dashed, rail legs dotted, idle legs faded and planned ones "
        "hollow; a leg two routes share is drawn once, striped in both colours. The "
        "number beside a route's name is its risk score (0–100)."
    )
    if scenario is not None:
        text_ += (
            f" Scenario {scenario.name}: {scenario.headline}; the purple lines are its "
            f"flows in {scenario.band_text}, the red marks what it cuts."
        )
    return text_


def map_model(
    net: Network, metrics: Sequence[RouteMetrics], risks: Sequence[Risk], options: MapOptions
) -> MapModel:
    """Everything the maps draw for these routes, resolved once: colours, widths, legs drawn
    once with every route using them, places, labels, the extent and the popups' contents."""
    if not metrics:
        from routes.errors import UsageError

        raise UsageError("no routes to draw; give route ids or a --data folder with routes")
    colours = style.route_colours(list(net.routes))
    country_names = {b.iso3: b.name for b in net.boundaries}
    max_cap = max((m.capacity_kbd or 0.0 for m in metrics), default=0.0) or 1.0
    routes = tuple(
        route_view(net, m, r, colours[m.id], max_cap, country_names)
        for m, r in zip(metrics, risks, strict=True)
    )
    by_id = {r.id: r for r in routes}
    seg_metrics = {s.id: s for m in metrics for s in (*m.segments, *m.parallel_segments)}
    legs = tuple(
        leg_view(net, seg_metrics[sid], [by_id[r] for r in users])
        for sid, users in style.legs(metrics).items()
    )
    resolved = {el.id: el for m in metrics for el in m.nodes}
    places = tuple(
        place_view(net, nid, resolved.get(nid), country_names) for nid in style.places(metrics)
    )
    lons, lats = [], []
    for sid in seg_metrics:
        xs, ys = net.segments[sid].geometry.xy
        lons.extend(xs)
        lats.extend(ys)
    bounds = (round(min(lons), 4), round(min(lats), 4), round(max(lons), 4), round(max(lats), 4))
    view_box = (
        bounds[0] - VIEW_PAD_DEG,
        bounds[1] - VIEW_PAD_DEG,
        bounds[2] + VIEW_PAD_DEG,
        bounds[3] + VIEW_PAD_DEG,
    )
    scenario = None if options.scenario is None else scenario_view(net, options.scenario)
    cited = dict.fromkeys(
        [*(s for r in routes for s in r.sources), *(s for p in places for s in p.sources)]
    )
    sources = {s: (net.sources[s].title, net.sources[s].url) for s in cited if s in net.sources}
    date = options.date or build_date()
    return MapModel(
        title=options.title,
        subtitle=f"data version {net.data_version} · {date.isoformat()}",
        summary=_summary(metrics, routes, scenario),
        routes=routes,
        legs=legs,
        places=places,
        labels=_labels(net, metrics, routes, legs, places, view_box),
        bounds=bounds,
        sources=sources,
        max_capacity_kbd=max_cap,
        scenario=scenario,
        countries=_countries(net),
        countries_box=_countries_box(net),
    )


def _countries_box(net: Network) -> tuple[float, float, float, float] | None:
    if not net.boundaries:
        return None
    boxes = [b.geometry.bounds for b in net.boundaries]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _countries(net: Network) -> tuple[tuple[str, dict[str, Any]], ...]:
    from shapely.geometry import mapping

    out = []
    for b in net.boundaries:
        geom = b.geometry.simplify(BOUNDARY_TOLERANCE_DEG, preserve_topology=True)
        if not geom.is_empty:
            out.append((b.name, round_coordinates(mapping(geom), BASEMAP_DECIMALS)))
    return tuple(out)


# --- The page --------------------------------------------------------------------------------


def _latlon(coords: Sequence[LonLat]) -> list[list[float]]:
    return [[lat, lon] for lon, lat in coords]


def _dash(mode: str, width: float) -> str | None:
    """The mode's dash pattern, stretched for lines wider than 3 px so dots stay dots."""
    dash = style.MODE_DASH[mode]
    if dash is None:
        return None
    k = max(1.0, width / 3.0)
    return " ".join(f"{d * k:.3g}" for d in dash)


def page_data(model: MapModel, *, offline: bool = True) -> dict[str, Any]:
    """The model as the page's script reads it: Leaflet's (lat, lon) order, sources and routes
    by index, popups' contents stored once per route and referenced by each leg; the country
    polygons only offline (online pages have tiles)."""
    src_index = {s: i for i, s in enumerate(model.sources)}
    route_index = {r.id: i for i, r in enumerate(model.routes)}
    data: dict[str, Any] = {
        "title": model.title,
        "bounds": [[model.bounds[1], model.bounds[0]], [model.bounds[3], model.bounds[2]]],
        "sources": [[title, url] for title, url in model.sources.values()],
        "legend": LEGEND + ".",
        "look": {
            "opacity": dict(style.LOOK_OPACITY),
            "core": style.HOLLOW_CORE,
            "coreColour": style.CORE_COLOUR,
            "cancelled": style.CANCELLED_COLOUR,
            "land": style.LAND_COLOUR,
            "border": style.BORDER_COLOUR,
            "water": style.WATER_COLOUR,
            "flow": style.FLOW_COLOUR,
            "cut": style.CUT_COLOUR,
            "cutDash": " ".join(f"{d:g}" for d in style.CUT_DASH),
        },
        "routes": [
            {
                "id": r.id,
                "name": r.name,
                "colour": r.colour,
                "risk": f"{r.risk_score:.0f}",
                "riskColour": r.risk_colour,
                "riskText": style.text_colour(r.risk_colour),
                "cap": r.capacity_text,
                "rows": r.rows,
                "factors": r.factors,
                "notes": r.notes,
                "src": [src_index[s] for s in r.sources if s in src_index],
                "cells": r.compare,
            }
            for r in model.routes
        ],
        "legs": [
            {
                "name": g.name,
                "mode": g.mode,
                "status": _status_text(g.status),
                "look": g.look,
                "stripes": [[route_index[rid], w] for rid, w in g.stripes],
                "dash": _dash(g.mode, g.stripes[0][1]),
                "ll": _latlon(g.coords),
                "rows": g.rows,
                "arrow": [g.arrow[1], g.arrow[0], g.arrow[2]],
            }
            for g in model.legs
        ],
        "places": [
            {
                "name": p.name,
                "kind": p.kind,
                "ll": [p.coords[1], p.coords[0]],
                "colour": style.NODE_COLOUR.get(p.kind, "#333333"),
                "r": 7 if p.kind == "chokepoint" else 5,
                "rows": p.rows,
                "inc": p.incidents,
                "src": [src_index[s] for s in p.sources if s in src_index],
            }
            for p in model.places
        ],
        "labels": [
            {
                "t": lab.text,
                "k": lab.kind,
                "rank": lab.rank,
                "ll": _latlon(lab.candidates),
                "route": None if lab.route is None else route_index[lab.route],
            }
            for lab in model.labels
        ],
        "waterBox": None
        if model.countries_box is None or not offline
        else [
            [model.countries_box[1], model.countries_box[0]],
            [model.countries_box[3], model.countries_box[2]],
        ],
        "basemap": None
        if not model.countries or not offline
        else {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"name": name}, "geometry": geom}
                for name, geom in model.countries
            ],
        },
        "scenario": None
        if model.scenario is None
        else {
            "name": model.scenario.name,
            "band": model.scenario.band_text,
            "flows": [
                {"id": f.id, "ll": _latlon(f.coords), "w": f.width_px, "tip": f.tooltip}
                for f in model.scenario.flows
            ],
            "cuts": [
                {"id": c.target, "ll": _latlon(c.coords), "line": c.is_line, "tip": c.label}
                for c in model.scenario.cuts
            ],
        },
    }
    return data


def script_json(data: object) -> str:
    """JSON that is safe inside a `<script>` element: no `<`, `>` or `&` survives as such, so
    no text in it can close the element or open a comment.

    >>> script_json({"name": "</script><img src=x onerror=alert(1)>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    return resources.files("routes").joinpath("map_assets", name).read_text(encoding="utf-8")


def leaflet_assets() -> tuple[str, str, str]:
    """Leaflet's JS and CSS from the XStatic-Leaflet package (the CSS images inlined), and its
    version."""
    import xstatic.pkg.leaflet as xleaflet

    base = Path(xleaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        data = (base / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode()})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)
    # A source-map comment would make devtools fetch a file; drop it.
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    version = ".".join(str(xleaflet.VERSION).split(".")[:3])
    return js, css, version


def _table_html(rows: Sequence[Row]) -> str:
    body = "".join(f"<tr><th scope='row'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f"<table class='routes-popup'>{body}</table>"


def scenario_box_html(view: ScenarioView) -> str:
    """The scenario's name and totals, as the map's panel shows them."""
    return (
        f"<section id='routes-scenario' aria-label='Scenario'><h2>{esc(view.name)}"
        f"</h2><p>{esc(view.headline)}</p>{_table_html(view.rows)}"
        f"<p class='key-line'><span style='color:{style.FLOW_COLOUR}'>&#9644;</span> flow in "
        f"{esc(view.band_text)} (width by kb/d) · <span style='color:"
        f"{style.CUT_COLOUR}'>&#9711; &#9476;</span> cut</p></section>"
    )


def _key_html(model: MapModel) -> str:
    """The key: modes, statuses, widths, places, risk badges."""

    def line(
        stroke: str, width: float, dash: str | None = None, opacity: float = 1.0, core: bool = False
    ) -> str:
        d = "" if dash is None else f" stroke-dasharray='{dash}'"
        inner = (
            f"<line x1='2' y1='7' x2='44' y2='7' stroke='{style.CORE_COLOUR}' "
            f"stroke-width='{width * style.HOLLOW_CORE:g}'{d}/>"
            if core
            else ""
        )
        return (
            f"<svg width='46' height='14' aria-hidden='true'><line x1='2' y1='7' x2='44' "
            f"y2='7' stroke='{stroke}' stroke-width='{width:g}' opacity='{opacity:g}'{d}/>"
            f"{inner}</svg>"
        )

    modes = "".join(
        f"<li>{line('#333', 3, _dash(mode, 3))} {esc(style.MODE_LABEL[mode])}</li>"
        for mode in style.MODE_DASH
    )
    looks = "".join(
        f"<li>{line(style.CANCELLED_COLOUR if look == 'cancelled' else '#333', 5, None, style.LOOK_OPACITY[look], look == 'hollow')} {esc(label)}</li>"  # noqa: E501
        for look, label in style.STATUS_LABEL.items()
    )
    top = model.max_capacity_kbd
    widths = "".join(
        f"<li>{line('#333', style.width_px(c, top))} {c:,.0f} kb/d</li>"
        for c in (top, top / 4, top / 16)
    )
    places = "".join(
        f"<li><svg width='46' height='14' aria-hidden='true'><circle cx='23' cy='7' r='5' "
        f"fill='{style.NODE_COLOUR[k]}' stroke='#fff'/></svg> {esc(k.replace('_', ' '))}</li>"
        for k in model.place_kinds
    )
    badges = "".join(
        f"<span class='risk' style='background:{style.risk_colour(s)};color:"
        f"{style.text_colour(style.risk_colour(s))}'>{s:.0f}</span>"
        for s in style.RISK_LEGEND
    )
    return (
        f"<h3>Mode</h3><ul class='key'>{modes}</ul><h3>Status</h3><ul class='key'>{looks}"
        f"<li><svg width='46' height='14' aria-hidden='true'>"
        "<line x1='2' y1='7' x2='44' y2='7' stroke='#29569D' stroke-width='8'/>"
        "<line x1='2' y1='7' x2='44' y2='7' stroke='#EE3377' stroke-width='3'/></svg> "
        "a leg routes share: striped</li></ul>"
        f"<h3>Route capacity today (width)</h3><ul class='key'>{widths}</ul>"
        f"<h3>Risk score (0–100), the number by each name</h3><p>{badges}</p>"
        f"<h3>Places</h3><ul class='key'>{places}</ul>"
        "<p class='muted'>&#10148; flow direction · lines simplified for display "
        f"({ROUTE_TOLERANCE_DEG}°, about 1 km)</p>"
    )


def _compare_html(model: MapModel) -> str:
    """The comparison table: each route's name on its own row, its figures on the next."""
    head = (
        "<tr><th scope='col' title='risk score, 0–100'>Risk</th>"
        "<th scope='col'>kb/d today</th><th scope='col'>USD/bbl</th>"
        "<th scope='col'>days</th><th scope='col'>km</th></tr>"
    )
    body = "".join(
        f"<tbody data-route='{i}'><tr><th colspan='5' scope='rowgroup'><span class='sw' "
        f"style='background:{r.colour}'></span>{esc(r.name)}</th></tr>"
        f"<tr><td>{esc(r.compare[4])}</td><td>{esc(r.compare[1])}</td>"
        f"<td>{esc(r.compare[2])}</td><td>{esc(r.compare[3])}</td><td>{esc(r.compare[0])}</td>"
        "</tr></tbody>"
        for i, r in enumerate(model.routes)
    )
    return (
        f"<table class='compare'><caption>The routes shown: risk score, capacity today, "
        f"cost, transit time, length</caption><thead>{head}</thead>{body}</table>"
        f"<p class='muted'>{esc(LEGEND)}.</p>"
    )


def page_html(model: MapModel, *, offline: bool) -> str:
    """One HTML page: Leaflet (inlined offline, from the CDN online), the model as JSON, the
    page's script and style, the title, the panel (with a scenario's box) and the text
    summary."""
    js, css, version = leaflet_assets()
    if offline:
        head_assets = f"<style>{css}</style>\n<script>{js}</script>"
        tiles = "null"
    else:
        cdn = CDN.format(version=version)
        head_assets = (
            f"<link rel='stylesheet' href='{cdn}leaflet.css'>\n"
            f"<script src='{cdn}leaflet.js'></script>"
        )
        tiles = json.dumps(OSM_TILES)
    panel = (
        "<div id='routes-panel' class='routes-panel'>"
        "<button type='button' id='routes-panel-toggle' aria-expanded='true' "
        "aria-controls='routes-panel-body'><span class='fold' aria-hidden='true'></span>"
        "Routes<span class='long'>, key and table</span></button>"
        "<div id='routes-panel-body'>"
        "<fieldset id='routes-layers'><legend>Show</legend></fieldset>"
        f"{'' if model.scenario is None else scenario_box_html(model.scenario)}"
        f"<details id='routes-compare'><summary>Compare the routes shown</summary>"
        f"{_compare_html(model)}</details>"
        f"<details id='routes-key'><summary>Key</summary>{_key_html(model)}</details>"
        f"<details id='routes-about'><summary>About this map</summary>"
        f"<p id='routes-summary'>{esc(model.summary)}</p>"
        f"<p class='muted'>{esc(CREDITS)}. Map library: Leaflet {esc(version)}.</p></details>"
        "</div></div>"
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        "<link rel='icon' href='data:,'>\n"
        f"<title>{esc(model.title)}</title>\n{head_assets}\n"
        f"<style>{_asset('map.css')}</style>\n</head>\n<body>\n"
        f"<header id='routes-title'><h1>{esc(model.title)}</h1>"
        f"<p>{esc(model.subtitle)}</p></header>\n"
        f"{panel}\n"
        "<div id='routes-map' role='region' aria-label='Map of the routes' "
        "aria-describedby='routes-summary'></div>\n"
        "<div id='routes-message' role='alert' hidden></div>\n"
        "<noscript><p class='routes-noscript'>This map needs JavaScript. The routes it shows: "
        f"{esc(model.summary)}</p></noscript>\n"
        "<script type='application/json' id='routes-data'>"
        f"{script_json(page_data(model, offline=offline))}</script>\n"
        f"<script>window.ROUTES_TILES = {tiles}; window.ROUTES_CREDITS = "
        f"{script_json(SHORT_CREDITS)};</script>\n"
        f"<script>{_asset('map.js')}</script>\n</body>\n</html>\n"
    )


def page_from_model(model: MapModel, options: MapOptions) -> str:
    """The page of a model built with these options (offline or not)."""
    return page_html(model, offline=options.offline)


def map_html(
    net: Network, metrics: Sequence[RouteMetrics], risks: Sequence[Risk], options: MapOptions
) -> str:
    """Build and render the map as one HTML page; the same inputs give the same bytes."""
    return page_from_model(map_model(net, metrics, risks, options), options)
