"""Static figures with matplotlib (the only module that imports it): the A4 map for print."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

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
