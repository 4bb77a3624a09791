"""Interactive HTML maps with folium (the only module that imports it).

Coordinates are (lon, lat) everywhere else; here folium's (lat, lon) order is called `latlon`.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import itertools
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from routes import style
from routes.capacity import Element, View
from routes.geometry import GEOD, round_coordinates
from routes.metrics import RouteMetrics
from routes.network import Network
from routes.quantity import text
from routes.report import LEGEND

if TYPE_CHECKING:
    import folium
    from branca.element import Figure
    from shapely.geometry.base import BaseGeometry

    from routes.risk import Risk

#: Display-only simplification (degrees; 0.01° ≈ 1.1 km). Measures never use simplified lines.
ROUTE_TOLERANCE_DEG: Final[float] = 0.01
BOUNDARY_TOLERANCE_DEG: Final[float] = 0.02
WATER_COLOUR: Final[str] = "#d4e6f1"
LAND_COLOUR: Final[str] = "#f4f1ea"
CREDITS: Final[str] = (
    "Pipelines: Global Energy Monitor, Global Oil Infrastructure Tracker (CC BY 4.0) · "
    "Boundaries: Made with Natural Earth · Ports: NGA World Port Index · Sea legs: searoute "
    "(Eurostat MARNET) · Country indicators: World Bank WGI (CC BY 4.0)"
)


@dataclass(frozen=True)
class MapOptions:
    """What to draw and how the page is built."""

    offline: bool = True
    title: str = "Kazakhstan crude export routes"
    date: dt.date | None = None
    #: A `routes.scenario/1` document to draw over the routes: its worst band's flows, what
    #: its outages cut, and its totals.
    scenario: dict[str, Any] | None = None


def build_date() -> dt.date:
    """Today, or the date of `SOURCE_DATE_EPOCH` when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


@contextmanager
def stable_ids() -> Iterator[None]:
    """Give folium/branca elements sequential ids instead of random ones, so the same map renders
    to the same bytes."""
    from branca.element import Element

    if getattr(Element, "_routes_stable", False):
        yield
        return
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    Element._routes_stable = True  # type: ignore[attr-defined]
    Element._generate_id = classmethod(lambda cls: f"{next(counter):08x}")  # type: ignore[assignment,method-assign]
    try:
        yield
    finally:
        Element._generate_id = original  # type: ignore[method-assign]
        Element._routes_stable = False  # type: ignore[attr-defined]


def esc(text: object) -> str:
    """HTML-escape user-supplied text (names, notes) so it shows as text, never as markup."""
    return html.escape(str(text), quote=True)


def _latlon(geom: BaseGeometry) -> list[list[float]]:
    return [[round(y, 5), round(x, 5)] for x, y in geom.coords]


def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS from the XStatic-Leaflet package, with the CSS images inlined."""
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
    return js, css


def _bind(kind: str, html_text: str, options: dict[str, Any]) -> Any:
    """A child element that binds a popup or tooltip to its parent layer.

    folium's own Popup needs jQuery and its Tooltip puts text in a JS template literal; this
    passes the (already escaped) HTML as a JSON string, which is safe inside a script.
    """
    from branca.element import MacroElement
    from jinja2 import Template

    element = MacroElement()  # type: ignore[no-untyped-call]
    element._name = f"Bound{kind.title()}"
    element._template = Template(
        "{% macro script(this, kwargs) %}{{ this._parent.get_name() }}.bind" + kind.title()
        + "({{ this.html_text|tojson }}, {{ this.options|tojson }});{% endmacro %}")
    element.html_text = html_text  # type: ignore[attr-defined]
    element.options = options  # type: ignore[attr-defined]
    return element


def _table(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f"<table class='routes-popup'>{body}</table>"


def _num(x: float | None, nd: int = 0, unit: str = "") -> str:
    return "not sourced" if x is None else f"{x:,.{nd}f}{unit}"


def _capacity_text(el: Element, view: View) -> str:
    if el.limit == "none":
        return "not a limit (open sea)"
    if el.limit == "unknown":
        return "not sourced"
    return f"{el.capacity_kbd(view):,.0f} kb/d"


def route_popup(net: Network, m: RouteMetrics, risk: Risk, segment_id: str | None) -> str:
    """The popup of a route's line: the route's metrics, its risk factors, the segment clicked,
    and the sources."""
    from routes.report import route_figures

    figs = route_figures(net, m)
    parts = [f"<h4>{esc(m.name)}</h4>"]
    if segment_id is not None:
        seg = next(s for s in (*m.segments, *m.parallel_segments) if s.id == segment_id)
        el = seg.element
        state = "" if el.available else (f" — {esc(seg.status.replace('_', ' '))}: not counted "
                                          "in today's capacity")
        parts.append(f"<p><b>Segment:</b> {esc(seg.name)} ({esc(seg.mode)}, "
                     f"{esc(seg.status.replace('_', ' '))}), {seg.length_km:,.0f} km, capacity "
                     f"{_capacity_text(el, 'if_built')}{state}</p>")
    parts.append(_table([
        ("Status", m.status.replace("_", " ")),
        ("From → to", f"{m.origin} → {m.destination}"),
        ("Length", f"{m.length_km:,.0f} km ("
         + ", ".join(f"{k} {v:,.0f}" for k, v in m.length_km_by_country.items()) + ")"),
        ("Capacity today", f"{text(figs['capacity'])} kb/d ({text(figs['capacity_mtpa'], 1)} "
         f"Mt/yr), set by {m.available.bottleneck or 'n/a'}"),
        ("Capacity if built", f"{text(figs['capacity_if_built'])} kb/d"),
        ("Spare capacity today", f"{text(figs['spare_capacity'])} kb/d"),
        ("Cost", f"{text(m.cost_usd_per_bbl, 2)} USD/bbl"),
        ("Transit", f"{m.transit_days:.1f} days, {m.transshipments} transshipment(s)"),
        ("Chokepoints", ", ".join(m.chokepoints) or "none"),
        ("Risk score", f"{risk.score:.1f} / 100"),
    ]))
    factor_rows = "".join(
        f"<tr><td>{esc(f.name)}</td><td>{f.value:.2f}</td><td>{f.weight:.2f}</td>"
        f"<td>{f.contribution:.1f}</td></tr>" for f in risk.factors)
    parts.append("<table class='routes-popup'><tr><th>factor</th><th>value</th><th>weight</th>"
                 f"<th>points</th></tr>{factor_rows}</table>")
    notes = "".join(f"<li>{esc(w)}</li>" for w in m.warnings)
    if notes:
        parts.append(f"<details><summary>Notes</summary><ul>{notes}</ul></details>")
    parts.append("<details><summary>Sources</summary><ol>" + "".join(
        f"<li>{esc(net.sources[s].title)}"
        + (f" — {esc(net.sources[s].url)}" if net.sources[s].url else "") + "</li>"
        for s in m.sources) + "</ol></details>")
    parts.append(f"<p style='color:#555'>{esc(LEGEND)}.</p>")
    return "".join(parts)


def node_popup(net: Network, node_id: str, element: Element | None = None) -> str:
    """A node's popup: what it is, where the position comes from, and its incident history."""
    node = net.nodes[node_id]
    rows = [("Kind", node.kind.replace("_", " ")), ("Country", node.country or "water"),
            ("Position", node.location_quality or "")]
    if node.status != "operating":
        rows.append(("Status", node.status.replace("_", " ")))
    if element is not None and (node.capacity is not None or node.units):
        el = element
        rows.append(("Capacity today", _capacity_text(el, "available")))
        if el.capacity_kbd("if_built") != el.capacity_kbd("available"):
            rows.append(("Capacity if built", _capacity_text(el, "if_built")))
        for u in node.units:
            rows.append((u.name, f"{u.status.replace('_', ' ')}; {u.capacity.value:g} "
                                 f"{u.capacity.unit}" if u.capacity.value is not None
                         else u.status))
    if node.note:
        rows.append(("Note", node.note))
    events = net.events_for({node_id})
    incidents = "".join(
        f"<li>{e.start.isoformat()} – {e.end.isoformat() if e.end else 'end not reported'}: "
        f"{esc(e.cause)} (share of capacity lost: "
        f"{'not reported' if e.share_lost is None else f'{e.share_lost:.0%}'}; "
        f"{esc(', '.join(e.sources))})</li>" for e in events)
    history = (f"<p><b>Incidents ({len(events)})</b></p><ul>{incidents}</ul>" if events
               else "<p>No incidents in the event log.</p>")
    return f"<h4>{esc(node.name)}</h4>{_table(rows)}{history}"


def _arrow(geom: BaseGeometry, colour: str) -> tuple[list[float], str]:
    """A flow-direction arrow at the middle of a line, rotated to its bearing."""
    mid = geom.interpolate(0.5, normalized=True)
    ahead = geom.interpolate(min(1.0, 0.5 + 0.02), normalized=True)
    azimuth, _, _ = GEOD.inv(mid.x, mid.y, ahead.x, ahead.y)
    rotation = round(float(azimuth) - 90.0, 1)
    icon = (f"<div style='transform: rotate({rotation}deg); color: {colour}; font-size: 18px; "
            "line-height: 18px; text-shadow: 0 0 2px #fff;'>&#10148;</div>")
    return [round(mid.y, 5), round(mid.x, 5)], icon


def legend_html(max_capacity_kbd: float) -> str:
    def dasharray(dash: tuple[float, ...] | None) -> str:
        return "" if dash is None else " stroke-dasharray='" + " ".join(f"{d:g}" for d in dash) \
            + "'"

    modes = "".join(
        f"<div><svg width='42' height='10'><line x1='1' y1='5' x2='41' y2='5' stroke='#333' "
        f"stroke-width='3'{dasharray(dash)}/></svg> {esc(style.MODE_LABEL[mode])}</div>"
        for mode, dash in style.MODE_DASH.items())
    ramp = "".join(
        f"<span style='display:inline-block;width:22px;height:10px;background:"
        f"{style.risk_colour(s)}' title='{s:g}'></span>" for s in style.RISK_LEGEND)
    widths = "".join(
        f"<div><svg width='42' height='12'><line x1='1' y1='6' x2='41' y2='6' stroke='#333' "
        f"stroke-width='{style.width_px(c, max_capacity_kbd)}'/></svg> {c:,.0f} kb/d</div>"
        for c in (max_capacity_kbd, max_capacity_kbd / 4, max_capacity_kbd / 16))
    kinds = "".join(
        f"<div><span style='display:inline-block;width:10px;height:10px;border-radius:5px;"
        f"background:{colour}'></span> {esc(kind.replace('_', ' '))}</div>"
        for kind, colour in style.NODE_COLOUR.items())
    return (
        "<div id='routes-legend' style='position:fixed;bottom:24px;left:10px;z-index:1000;"
        "background:rgba(255,255,255,.92);padding:8px 10px;border:1px solid #999;"
        "border-radius:4px;font:12px/1.35 sans-serif;max-width:260px'>"
        f"<b>Mode</b>{modes}<div style='opacity:{style.INACTIVE_OPACITY}'>faded: idle, planned "
        "or under construction (not in today's capacity)</div>"
        f"<b>Risk score</b><div>{ramp} 0 → 100</div>"
        f"<b>Route capacity today</b>{widths}<b>Places</b>{kinds}"
        "<div style='margin-top:4px;color:#555'>&#10148; flow direction · lines simplified "
        f"for display ({ROUTE_TOLERANCE_DEG}°)</div>"
        f"<div style='margin-top:4px;color:#555;font-size:10px'>{esc(CREDITS)}</div></div>"
    )


def title_html(title: str, data_version: str, date: dt.date) -> str:
    return (
        "<div id='routes-title' style='position:fixed;top:10px;left:56px;z-index:1000;"
        "background:rgba(255,255,255,.92);padding:6px 14px;max-width:40%;"
        "border:1px solid #999;border-radius:4px;font:15px sans-serif'>"
        f"<b>{esc(title)}</b> <span style='color:#555;font-size:12px'>data version "
        f"{esc(data_version)} · {date.isoformat()}</span></div>"
    )


#: Popups pan clear of the title bar at the top of the page.
POPUP_OPTIONS: Final[dict[str, Any]] = {"maxWidth": 460, "autoPanPaddingTopLeft": [10, 64]}
POPUP_CSS: Final[str] = (
    "<style>.leaflet-container{background:" + WATER_COLOUR + "}"
    ".routes-popup{border-collapse:collapse;font-size:12px;margin:4px 0}"
    ".routes-popup th,.routes-popup td{border-bottom:1px solid #ddd;padding:2px 6px;"
    "text-align:left;vertical-align:top}.leaflet-popup-content h4{margin:0 0 4px}"
    ".leaflet-interactive:focus{outline:none}"
    "@media (max-width:600px){ #routes-scenario table{display:none}"
    "#routes-scenario{max-width:55%}}</style>"
)


def map_from_routes(net: Network, metrics: Sequence[RouteMetrics], risks: Sequence[Risk],
                    options: MapOptions) -> folium.Map:
    """Build the folium map: basemap, one toggleable layer per route, places, legend and title."""
    import folium
    from branca.element import Element

    with stable_ids():  # nested inside map_html: the outer counter keeps running
        fmap = folium.Map(location=[42.0, 45.0], zoom_start=5, tiles=None, control_scale=True)
        if options.offline:
            fmap.default_js = []
            fmap.default_css = []
            js, css = leaflet_assets()
            root = cast("Figure", fmap.get_root())
            root.header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css")
            root.header.add_child(Element(f"<script>{js}</script>"), name="leaflet_js")
        else:
            folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(fmap)
        figure = cast("Figure", fmap.get_root())
        figure.header.add_child(Element(POPUP_CSS), name="routes_css")
        if options.offline:  # online maps have OpenStreetMap tiles instead
            _add_basemap(fmap, net)

        max_cap = max((m.capacity_kbd or 0.0 for m in metrics), default=0.0)
        bounds: list[tuple[float, float]] = []
        for m, risk in zip(metrics, risks, strict=True):
            colour = style.risk_colour(risk.score)
            width = style.width_px(m.capacity_kbd, max_cap)
            status = "" if m.status == "operating" else f", {m.status.replace('_', ' ')}"
            layer = folium.FeatureGroup(
                name=f"{esc(m.name)} — risk {risk.score:.0f}, "
                     f"{esc(text(m.available.kbd))} kb/d today{esc(status)}",
                show=True)
            for seg in (*m.segments, *m.parallel_segments):
                geom = net.segments[seg.id].geometry
                display = geom.simplify(ROUTE_TOLERANCE_DEG, preserve_topology=True)
                dash = style.MODE_DASH[seg.mode]
                line = folium.PolyLine(  # type: ignore[no-untyped-call]
                    _latlon(display), color=colour, weight=width,
                    opacity=style.STATUS_OPACITY.get(seg.status, style.INACTIVE_OPACITY),
                    dash_array=None if dash is None else " ".join(f"{d:g}" for d in dash),
                    class_name=f"route-line route-{esc(m.id)} status-{esc(seg.status)}",
                ).add_to(layer)
                state = "" if seg.status == "operating" else \
                    f" ({esc(seg.status.replace('_', ' '))})"
                line.add_child(_bind("tooltip", f"{esc(m.name)}: {esc(seg.name)}{state}",
                                     {"sticky": True}))
                line.add_child(_bind("popup", route_popup(net, m, risk, seg.id), POPUP_OPTIONS))
                latlon, icon = _arrow(display, colour)
                folium.Marker(latlon, icon=folium.DivIcon(html=icon, icon_size=(18, 18),
                                                          icon_anchor=(9, 9)),
                              interactive=False).add_to(layer)
                bounds.extend(geom.coords)
            layer.add_to(fmap)

        # The nodes' capacities as the routes resolved them (each node once, for every popup).
        resolved = {el.id: el for m in metrics for el in m.nodes}
        places = folium.FeatureGroup(name="Places and chokepoints", show=True)
        for node_id in style.places(metrics):
            node = net.nodes[node_id]
            marker = folium.CircleMarker(
                [node.lat, node.lon], radius=7 if node.kind == "chokepoint" else 5,
                color="#ffffff", weight=1.5, fill=True, fill_opacity=0.95,
                fill_color=style.NODE_COLOUR.get(node.kind, "#333333"),
                class_name=f"node node-{esc(node.kind)}",
            ).add_to(places)
            marker.add_child(_bind("tooltip", esc(node.name), {}))
            marker.add_child(_bind("popup", node_popup(net, node_id, resolved.get(node_id)),
                                   POPUP_OPTIONS))
        places.add_to(fmap)
        if options.scenario is not None:
            _add_scenario(fmap, net, options.scenario)
        folium.LayerControl(collapsed=False).add_to(fmap)

        if bounds:
            lons = [p[0] for p in bounds]
            lats = [p[1] for p in bounds]
            fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
        date = options.date or build_date()
        figure.html.add_child(Element(title_html(options.title, net.data_version, date)),
                              name="routes_title")
        figure.html.add_child(Element(legend_html(max_cap or 1.0)), name="routes_legend")
        if options.scenario is not None:
            figure.html.add_child(Element(scenario_box_html(options.scenario)),
                                  name="routes_scenario")
    return fmap


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
            f"{o['start_day'] + o['duration_days']:g}")
    return out


def _add_scenario(fmap: folium.Map, net: Network, doc: dict[str, Any]) -> None:
    """The scenario's flows in its worst band (width by flow) and its cut segments and nodes."""
    import folium

    band = worst_band(doc)
    base = doc["baseline"]["flow_kbd_by_segment"]
    flows: dict[str, float] = band["flow_kbd_by_segment"]
    top = max([*flows.values(), *base.values(), 1.0])
    name = esc(doc["scenario"]["name"])
    layer = folium.FeatureGroup(
        name=f"Scenario: {name}, flows in days {band['start_day']:g}–{band['end_day']:g}",
        show=True)
    for sid, kbd in flows.items():
        seg = net.segments[sid]
        display = seg.geometry.simplify(ROUTE_TOLERANCE_DEG, preserve_topology=True)
        line = folium.PolyLine(  # type: ignore[no-untyped-call]
            _latlon(display), color=style.FLOW_COLOUR, weight=style.width_px(kbd, top),
            opacity=0.85, class_name=f"scenario-flow flow-{esc(sid)}").add_to(layer)
        line.add_child(_bind("tooltip", f"{esc(seg.name)}: {kbd:,.0f} kb/d in this scenario "
                                        f"(baseline {base.get(sid, 0.0):,.0f} kb/d)",
                             {"sticky": True}))
    cuts = folium.FeatureGroup(name=f"Scenario: {name}, what is cut", show=True)
    unit_nodes = net.unit_nodes()
    for target, spans in _cut_targets(doc).items():
        label = f"{esc(target)} out: {esc('; '.join(spans))}"
        if target in net.segments:
            geom = net.segments[target].geometry.simplify(ROUTE_TOLERANCE_DEG,
                                                          preserve_topology=True)
            line = folium.PolyLine(  # type: ignore[no-untyped-call]
                _latlon(geom), color=style.CUT_COLOUR, weight=4, opacity=0.95,
                dash_array=" ".join(f"{d:g}" for d in style.CUT_DASH),
                class_name=f"scenario-cut cut-{esc(target)}").add_to(cuts)
            line.add_child(_bind("tooltip", label, {"sticky": True}))
            continue
        node = net.nodes[unit_nodes.get(target, target)]
        marker = folium.CircleMarker(
            [node.lat, node.lon], radius=12, color=style.CUT_COLOUR, weight=3, fill=False,
            class_name=f"scenario-cut cut-{esc(target)}").add_to(cuts)
        marker.add_child(_bind("tooltip", label, {}))
    layer.add_to(fmap)
    cuts.add_to(fmap)


def scenario_rows(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """The scenario's totals as (label, text) rows, for the map's box and the PNG."""
    band = worst_band(doc)
    extra = doc["figures"]["extra_cost_usd"]
    price = doc["figures"]["price_usd_per_bbl"]
    rerouted = ", ".join(f"{r} {v:,.0f}" for r, v in doc["rerouted_kt_by_route"].items() if v)
    return [
        ("Supply", f"{doc['supply_kbd']:,.0f} kb/d, {doc['days']:g} days"),
        ("Delivered", f"{doc['delivered_kt']:,.0f} kt"),
        ("Shortfall", f"{doc['shortfall_kt']:,.0f} kt ({doc['shortfall_mbbl']:,.1f} million "
                      f"bbl)"),
        ("Worst band", f"days {band['start_day']:g}–{band['end_day']:g}: "
                       f"{band['shortfall_kbd']:,.0f} kb/d short"),
        ("Rerouted (kt)", rerouted or "nothing"),
        ("Extra cost", "unknown (a tariff is not sourced)" if extra["value"] is None
         else f"{extra['value']:,.0f} USD"),
        ("Revenue lost", f"{(doc['revenue_lost_usd'] or 0) / 1e6:,.0f} million USD at "
                         f"{price['value']:g} USD/bbl"
                         + (" (an assumption)" if price["assumption"] else "")),
    ]


def scenario_box_html(doc: dict[str, Any]) -> str:
    """The scenario's totals, fixed at the bottom right, over the map."""
    rows = scenario_rows(doc)
    return (
        "<div id='routes-scenario' style='position:fixed;bottom:24px;right:10px;z-index:1000;"
        "background:rgba(255,255,255,.94);padding:6px 10px;border:2px solid "
        f"{style.FLOW_COLOUR};border-radius:4px;font:12px/1.35 sans-serif;max-width:320px'>"
        f"<b>{esc(doc['scenario']['name'])}</b><div>shortfall {doc['shortfall_kt']:,.0f} kt "
        f"over {doc['days']:g} days</div>{_table(rows)}"
        f"<div style='color:#555'><span style='color:{style.FLOW_COLOUR}'>&#9644;</span> flow "
        f"(width by kb/d) · <span style='color:{style.CUT_COLOUR}'>&#9711; ┄</span> cut</div>"
        "</div>")


def _add_basemap(fmap: folium.Map, net: Network) -> None:
    """The packaged country polygons as the offline basemap (land on a water-coloured page)."""
    import folium
    from shapely.geometry import mapping

    features = []
    for b in net.boundaries:
        geom = b.geometry.simplify(BOUNDARY_TOLERANCE_DEG, preserve_topology=True)
        if geom.is_empty:
            continue
        features.append({"type": "Feature", "properties": {"name": esc(b.name)},
                         "geometry": round_coordinates(mapping(geom), 3)})
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name="Countries", control=False,
        style_function=lambda _: {"fillColor": LAND_COLOUR, "color": "#b5b0a6", "weight": 0.6,
                                  "fillOpacity": 1.0},
        interactive=False,
    ).add_to(fmap)


def map_html(net: Network, metrics: Sequence[RouteMetrics], risks: Sequence[Risk],
             options: MapOptions) -> str:
    """Build and render the map as one HTML page; the same inputs give the same bytes."""
    with stable_ids():
        fmap = map_from_routes(net, metrics, risks, options)
        return str(fmap.get_root().render())
