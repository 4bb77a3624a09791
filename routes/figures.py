"""Static figures with matplotlib (the only module that imports it): the A4 map for print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from routes import style
from routes.maps import (
    BOUNDARY_TOLERANCE_DEG,
    CREDITS,
    LAND_COLOUR,
    ROUTE_TOLERANCE_DEG,
    WATER_COLOUR,
)
from routes.metrics import RouteMetrics
from routes.network import Network
from routes.quantity import text

if TYPE_CHECKING:
    import datetime as dt

    from routes.risk import Risk

#: A4 landscape in inches, and the print resolution.
A4_LANDSCAPE_IN: Final[tuple[float, float]] = (11.69, 8.27)
DPI: Final[int] = 150
#: Matplotlib line widths are in points; the map's pixel widths scale by this.
PX_TO_PT: Final[float] = 0.75
#: The map's axes on the page (left, bottom, right, top), leaving room for the legend below.
AXES_BOX: Final[tuple[float, float, float, float]] = (0.02, 0.24, 0.98, 0.93)
ASPECT: Final[float] = 1.3
#: Dash patterns in multiples of the line width (matplotlib scales dashes by width).
LINESTYLE: Final[dict[str, Any]] = {
    "pipeline": "-",
    "tanker": (0, (3.0, 2.0)),
    "rail": (0, (0.6, 1.6)),
}


def png_map(net: Network, metrics: Sequence[RouteMetrics], risks: Sequence[Risk], *,
            title: str, date: dt.date, scenario: dict[str, Any] | None = None) -> bytes:
    """The routes drawn like the HTML map (mode dashes, risk colours, capacity widths, places,
    legend, title), as PNG bytes sized for an A4 page; with a `routes.scenario/1` document, its
    worst band's flows, what it cuts and its totals over them, as on the HTML map."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=A4_LANDSCAPE_IN, dpi=DPI)
    ax.set_facecolor(WATER_COLOUR)
    lons: list[float] = []
    lats: list[float] = []
    for m in metrics:
        for s in (*m.segments, *m.parallel_segments):
            xs, ys = net.segments[s.id].geometry.xy
            lons.extend(xs)
            lats.extend(ys)
    pad = 2.0
    x0, x1 = min(lons) - pad, max(lons) + pad
    y0, y1 = min(lats) - pad, max(lats) + pad
    for b in net.boundaries:
        geom = b.geometry.simplify(BOUNDARY_TOLERANCE_DEG, preserve_topology=True)
        for poly in getattr(geom, "geoms", [geom]):
            xs, ys = poly.exterior.xy
            ax.fill(xs, ys, facecolor=LAND_COLOUR, edgecolor="#b5b0a6", linewidth=0.4, zorder=1)
    max_cap = max((m.capacity_kbd or 0.0 for m in metrics), default=0.0) or 1.0
    for m, risk in zip(metrics, risks, strict=True):
        colour = style.risk_colour(risk.score)
        width = style.width_px(m.capacity_kbd, max_cap) * PX_TO_PT
        for s in (*m.segments, *m.parallel_segments):
            geom = net.segments[s.id].geometry.simplify(ROUTE_TOLERANCE_DEG,
                                                        preserve_topology=True)
            xs, ys = geom.xy
            ax.plot(xs, ys, color=colour, linewidth=width, zorder=3,
                    alpha=style.STATUS_OPACITY.get(s.status, style.INACTIVE_OPACITY),
                    solid_capstyle="round", linestyle=LINESTYLE[s.mode])
            mid = geom.interpolate(0.5, normalized=True)
            ahead = geom.interpolate(0.52, normalized=True)
            ax.annotate("", xy=(ahead.x, ahead.y), xytext=(mid.x, mid.y), zorder=4,
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2})
    if scenario is not None:
        _draw_scenario(ax, net, scenario)
    for node_id in style.places(metrics):
        node = net.nodes[node_id]
        ax.scatter([node.lon], [node.lat], s=36 if node.kind == "chokepoint" else 18, zorder=5,
                   color=style.NODE_COLOUR.get(node.kind, "#333333"), edgecolors="white",
                   linewidths=0.6)
        if node.kind in ("market", "chokepoint", "terminal", "field"):
            ax.annotate(node.name.split(" (")[0], (node.lon, node.lat), fontsize=6.5, zorder=6,
                        xytext=(4, 3), textcoords="offset points", color="#222")
    # Widen the shorter side so the data fills the axes box at 1.3 (≈ 1/cos 40°) y:x stretch,
    # which keeps shapes near-true at these latitudes.
    box_w = A4_LANDSCAPE_IN[0] * (AXES_BOX[2] - AXES_BOX[0])
    box_h = A4_LANDSCAPE_IN[1] * (AXES_BOX[3] - AXES_BOX[1])
    span_x, span_y = x1 - x0, y1 - y0
    if span_y * ASPECT / span_x < box_h / box_w:
        grow = (span_x * box_h / box_w / ASPECT - span_y) / 2
        y0, y1 = y0 - grow, y1 + grow
    else:
        grow = (span_y * ASPECT * box_w / box_h - span_x) / 2
        x0, x1 = x0 - grow, x1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(ASPECT)
    ax.set_xticks([])
    ax.set_yticks([])
    handles: list[Line2D | Patch] = [
        Line2D([], [], color="#333", lw=2, linestyle=LINESTYLE[mode],
               label=style.MODE_LABEL[mode]) for mode in style.MODE_DASH]
    handles += [Line2D([], [], color=style.risk_colour(r.score), lw=style.width_px(
        m.capacity_kbd, max_cap) * PX_TO_PT, label=f"{m.name} — risk {r.score:.0f}, "
        f"{text(m.available.kbd)} kb/d today"
        + ("" if m.status == "operating" else f" ({m.status.replace('_', ' ')})"))
        for m, r in zip(metrics, risks, strict=True)]
    handles.append(Line2D([], [], color="#333", lw=2, alpha=style.INACTIVE_OPACITY,
                          label="faded: idle or planned"))
    handles += [Patch(color=c, label=k.replace("_", " ")) for k, c in style.NODE_COLOUR.items()]
    if scenario is not None:
        from routes.maps import worst_band

        band = worst_band(scenario)
        handles += [Line2D([], [], color=style.FLOW_COLOUR, lw=3,
                           label=f"scenario flow, days {band['start_day']:g}–"
                                 f"{band['end_day']:g} (width by kb/d)"),
                    Line2D([], [], color=style.CUT_COLOUR, lw=2, linestyle=(0, (1, 1.5)),
                           label="cut by the scenario")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3,
              fontsize=7, frameon=False,
              title="Colour: risk score 0 (green) – 100 (red); width: route capacity; "
                    "arrows: flow direction", title_fontsize=7.5)
    ax.set_title(f"{title} — data version {net.data_version} · {date.isoformat()}", fontsize=11)
    fig.text(0.01, 0.01, CREDITS, fontsize=5.5, color="#555")
    fig.subplots_adjust(left=AXES_BOX[0], right=AXES_BOX[2], top=AXES_BOX[3],
                        bottom=AXES_BOX[1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _draw_scenario(ax: Any, net: Network, doc: dict[str, Any]) -> None:
    """The worst band's flows (width by kb/d), the cut segments and nodes, and the totals."""
    from routes.maps import scenario_rows, worst_band

    band = worst_band(doc)
    flows: dict[str, float] = band["flow_kbd_by_segment"]
    top = max([*flows.values(), *doc["baseline"]["flow_kbd_by_segment"].values(), 1.0])
    for sid, kbd in flows.items():
        xs, ys = net.segments[sid].geometry.simplify(ROUTE_TOLERANCE_DEG,
                                                     preserve_topology=True).xy
        ax.plot(xs, ys, color=style.FLOW_COLOUR, alpha=0.85, zorder=4,
                linewidth=style.width_px(kbd, top) * PX_TO_PT, solid_capstyle="round")
    units = net.unit_nodes()
    cut = [*doc["scenario"]["closed"], *(o["target"] for o in doc["scenario"]["outages"])]
    for target in dict.fromkeys(cut):
        if target in net.segments:
            xs, ys = net.segments[target].geometry.xy
            ax.plot(xs, ys, color=style.CUT_COLOUR, linewidth=2.2, zorder=5,
                    linestyle=(0, (1, 1.5)))
        else:
            node = net.nodes[units.get(target, target)]
            ax.scatter([node.lon], [node.lat], s=260, zorder=6, facecolors="none",
                       edgecolors=style.CUT_COLOUR, linewidths=2)
    lines = [doc["scenario"]["name"], *(f"{k}: {v}" for k, v in scenario_rows(doc))]
    ax.text(0.99, 0.02, "\n".join(lines), transform=ax.transAxes, ha="right", va="bottom",
            fontsize=6.5, zorder=8, bbox={"facecolor": "white", "alpha": 0.92,
                                          "edgecolor": style.FLOW_COLOUR})


def write_png(path: Path, data: bytes) -> None:
    """Write the PNG atomically."""
    from routes.io import write_atomic

    write_atomic(path, data)


# --- Memo charts -------------------------------------------------------------------------------
# Plain inputs (no documents, no network) so the memo decides what is drawn and this module only
# how. Each chart comes back as PNG and SVG bytes; fixed metadata and `svg.hashsalt` make the
# same inputs give the same bytes.

ChartFormat = Literal["png", "svg"]
CHART_FORMATS: Final[tuple[ChartFormat, ...]] = ("png", "svg")
#: A chart's size on the page (inches): the text width of an A4 page with 2 cm margins.
CHART_IN: Final[tuple[float, float]] = (6.7, 3.9)
CHART_DPI: Final[int] = 200
#: One colour per risk factor (ColorBrewer Set2, colour-blind safe), in factor order.
FACTOR_COLOURS: Final[tuple[str, ...]] = ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3",
                                          "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3")
#: One colour per route in a scenario chart (ColorBrewer Paired, dark shades first).
ROUTE_COLOURS: Final[tuple[str, ...]] = ("#1f78b4", "#33a02c", "#6a3d9a", "#ff7f00",
                                         "#b15928", "#a6cee3", "#b2df8a", "#cab2d6")
SHORTFALL_COLOUR: Final[str] = "#d7191c"
CHART_RC: Final[dict[str, Any]] = {
    "svg.hashsalt": "routes-memo", "svg.fonttype": "path", "font.size": 8.5,
    "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 9.5,
    "axes.titleweight": "bold", "axes.titlelocation": "left", "legend.frameon": False,
}


@dataclass(frozen=True)
class RoutePoint:
    """A route on the capacity-against-risk chart: capacity today (an upper bound when
    `capacity_at_most`), and if its idle or planned assets were built or restarted."""

    name: str
    risk_score: float
    capacity_kbd: float | None
    capacity_at_most: bool
    capacity_if_built_kbd: float | None
    status: str


@dataclass(frozen=True)
class RiskBar:
    """A route's risk score split into its factors' contributions, in factor order."""

    name: str
    contributions: tuple[float, ...]


@dataclass(frozen=True)
class BandBar:
    """One band of a scenario's days: oil delivered by route and the shortfall (kb/d)."""

    start_day: float
    end_day: float
    delivered_kbd_by_route: tuple[float, ...]
    shortfall_kbd: float


def _chart_bytes(fig: Any) -> dict[ChartFormat, bytes]:
    import io

    import matplotlib.pyplot as plt

    out: dict[ChartFormat, bytes] = {}
    for fmt in CHART_FORMATS:
        buf = io.BytesIO()
        meta: dict[str, Any] = ({"Software": None} if fmt == "png"
                                else {"Date": None, "Creator": None})
        fig.savefig(buf, format=fmt, dpi=CHART_DPI, metadata=meta)
        out[fmt] = buf.getvalue()
    plt.close(fig)
    return out


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _spread(ys: Sequence[float], gap: float) -> list[float]:
    """Label positions (axes fraction) near `ys`, at least `gap` apart, keeping their order.

    >>> [round(y, 2) for y in _spread([0.1, 0.11, 0.5], 0.05)]
    [0.08, 0.13, 0.5]
    """
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [ys[i] for i in order]
    for _ in range(50):  # push neighbours apart symmetrically until no pair is too close
        moved = False
        for k in range(1, len(placed)):
            overlap = gap - (placed[k] - placed[k - 1])
            if overlap > 1e-9:
                placed[k - 1] -= overlap / 2
                placed[k] += overlap / 2
                moved = True
        if not moved:
            break
    out = [0.0] * len(ys)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def capacity_risk_chart(points: Sequence[RoutePoint], *, title: str, capacity_label: str,
                        risk_label: str) -> dict[ChartFormat, bytes]:
    """Each route's capacity available today (kb/d) against its risk score: filled dots, a
    triangle pointing down for an upper bound, a hollow ring for the capacity if built or
    restarted, joined to today's by a dotted line; names beside the points, spread apart."""
    plt = _pyplot()
    from matplotlib.lines import Line2D

    with plt.rc_context(CHART_RC):
        fig, ax = plt.subplots(figsize=(CHART_IN[0], CHART_IN[1] + 0.5))
        top = max([1.0, *(v for p in points for v in (p.capacity_kbd, p.capacity_if_built_kbd)
                          if v is not None)])
        y0, y1 = -top * 0.05, top * 1.1
        for p in points:
            colour = style.risk_colour(p.risk_score)
            today = p.capacity_kbd or 0.0
            built = p.capacity_if_built_kbd
            if built is not None and built > today:
                ax.plot([p.risk_score, p.risk_score], [today, built], color=colour, lw=1,
                        ls=":", zorder=2)
                ax.scatter([p.risk_score], [built], s=60, facecolors="white",
                           edgecolors=colour, linewidths=1.5, zorder=3)
            ax.scatter([p.risk_score], [today], s=70, zorder=4, color=colour,
                       edgecolors="#333", linewidths=0.6,
                       marker="v" if p.capacity_at_most else "o")
        # Names in a column to the right of the points (to the left for the riskiest), spread so
        # that none overlaps, each joined to its point by a thin leader line.
        for side in (False, True):
            group = [p for p in points if (p.risk_score > 60) == side]
            if not group:
                continue
            frac = [((p.capacity_kbd or 0.0) - y0) / (y1 - y0) for p in group]
            spread = _spread(frac, 0.07)
            low = min(spread)
            spread = [g + max(0.0, 0.04 - low) for g in spread]
            column = (min(p.risk_score for p in group) - 6 if side
                      else max(p.risk_score for p in group) + 6)
            for p, g in zip(group, spread, strict=True):
                label = (p.name if p.status == "operating"
                         else f"{p.name} ({p.status.replace('_', ' ')})")
                ax.annotate(label, (p.risk_score, p.capacity_kbd or 0.0),
                            xytext=(column, y0 + g * (y1 - y0)), textcoords="data",
                            ha="right" if side else "left", va="center", fontsize=7.5,
                            color="#222", arrowprops={"arrowstyle": "-", "color": "#aaa",
                                                      "lw": 0.5, "shrinkA": 2, "shrinkB": 5})
        ax.set_xlim(0, 100)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(risk_label)
        ax.set_ylabel(capacity_label)
        ax.grid(True, color="#e6e6e6", lw=0.6)
        ax.set_axisbelow(True)
        fig.legend(handles=[
            Line2D([], [], marker="o", ls="", color="#888", mec="#333", label="available today"),
            Line2D([], [], marker="v", ls="", color="#888", mec="#333",
                   label="available today, an upper bound"),
            Line2D([], [], marker="o", ls="", mfc="white", mec="#888",
                   label="if idle or planned assets were built or restarted")],
            loc="lower center", ncol=3, fontsize=7)
        ax.set_title(title)
        fig.tight_layout(rect=(0, 0.07, 1, 1))
        return _chart_bytes(fig)


def risk_factor_chart(bars: Sequence[RiskBar], factors: Sequence[str], *, title: str,
                      score_label: str) -> dict[ChartFormat, bytes]:
    """Horizontal bars, one per route, each split into its factors' contributions (the weighted
    values that add up to the score), with the score printed at the end of the bar."""
    import textwrap

    plt = _pyplot()
    with plt.rc_context(CHART_RC):
        height = max(2.4, 1.4 + 0.5 * len(bars))
        fig, ax = plt.subplots(figsize=(CHART_IN[0], height))
        names = [textwrap.fill(b.name, 26) for b in bars]
        y = list(range(len(bars)))[::-1]
        left = [0.0] * len(bars)
        for i, factor in enumerate(factors):
            widths = [b.contributions[i] for b in bars]
            ax.barh(y, widths, left=left, height=0.62, label=factor,
                    color=FACTOR_COLOURS[i % len(FACTOR_COLOURS)], edgecolor="white", lw=0.5)
            left = [a + w for a, w in zip(left, widths, strict=True)]
        for yy, total in zip(y, left, strict=True):
            ax.text(total + 1, yy, f"{total:.1f}", va="center", fontsize=7.5)
        ax.set_yticks(y, names, fontsize=7.5)
        ax.set_xlim(0, 100)
        ax.set_xlabel(score_label)
        ax.grid(True, axis="x", color="#e6e6e6", lw=0.6)
        ax.set_axisbelow(True)
        fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=3, fontsize=7)
        ax.set_title(title)
        fig.tight_layout(rect=(0, 0.6 / height, 1, 1))
        return _chart_bytes(fig)


def scenario_chart(bands: Sequence[BandBar], baseline: BandBar, routes: Sequence[str], *,
                   title: str, flow_label: str, day_label: str, shortfall_label: str,
                   baseline_label: str) -> dict[ChartFormat, bytes]:
    """A scenario's days as stacked steps: oil delivered by each route and the shortfall on top
    (hatched red, with its kb/d), after a narrow bar of the usual flows for reference."""
    plt = _pyplot()
    from matplotlib.patches import Patch

    with plt.rc_context(CHART_RC):
        fig, ax = plt.subplots(figsize=(CHART_IN[0], CHART_IN[1] + 0.4))
        end = max((b.end_day for b in bands), default=1.0)
        lead = end * 0.14
        usual = BandBar(-lead * 1.15, -lead * 0.15, baseline.delivered_kbd_by_route,
                        baseline.shortfall_kbd)
        supply = max([1.0, *(sum(b.delivered_kbd_by_route) + b.shortfall_kbd
                             for b in (*bands, baseline))])
        for b in (usual, *bands):
            bottom = 0.0
            width = b.end_day - b.start_day
            for i, kbd in enumerate(b.delivered_kbd_by_route):
                ax.bar(b.start_day, kbd, width=width, bottom=bottom, align="edge",
                       color=ROUTE_COLOURS[i % len(ROUTE_COLOURS)], edgecolor="white", lw=0.3)
                bottom += kbd
            if b.shortfall_kbd > 0:
                ax.bar(b.start_day, b.shortfall_kbd, width=width, bottom=bottom, align="edge",
                       color="white", edgecolor=SHORTFALL_COLOUR, hatch="////", lw=0.8)
                if b.shortfall_kbd > supply * 0.06 and width > end * 0.08:
                    ax.text(b.start_day + width / 2, bottom + b.shortfall_kbd / 2,
                            f"{b.shortfall_kbd:,.0f} kb/d short", ha="center", va="center",
                            fontsize=7.5, color=SHORTFALL_COLOUR, fontweight="bold",
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
        ax.axvline(0, color="#333", lw=0.8)
        ax.text(-lead * 0.65, supply * 1.02, baseline_label, ha="center", va="bottom",
                fontsize=7)
        handles = [Patch(color=ROUTE_COLOURS[i % len(ROUTE_COLOURS)], label=r)
                   for i, r in enumerate(routes)]
        handles.append(Patch(facecolor="white", edgecolor=SHORTFALL_COLOUR, hatch="////",
                             label=shortfall_label))
        fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=7)
        ax.set_xlim(-lead * 1.25, end)
        ax.set_ylim(0, supply * 1.1)
        ax.set_xticks([t for t in ax.get_xticks() if 0 <= t <= end])
        ax.set_xlabel(day_label)
        ax.set_ylabel(flow_label)
        ax.set_title(title)
        rows = (len(handles) + 1) // 2
        fig.tight_layout(rect=(0, 0.045 * rows + 0.02, 1, 1))
        return _chart_bytes(fig)
