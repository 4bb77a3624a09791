"""Static figures with matplotlib (the only module that imports it): the map for print and
slides, drawn from the same map model as the HTML map.

Every size preset keeps text at 7 pt or more at its printed size, places names so they never
collide or cross the frame, and writes byte-identical PNG, SVG and PDF for the same inputs.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from routes import style
from routes.maps import CREDITS, LabelView, MapModel, MapOptions, map_model

if TYPE_CHECKING:
    import datetime as dt

    from routes.metrics import RouteMetrics
    from routes.network import Network
    from routes.risk import Risk

Size = Literal["a4", "column", "slide"]
FigureFormat = Literal["png", "svg", "pdf"]
FIGURE_FORMATS: Final[tuple[str, ...]] = ("png", "svg", "pdf")
#: The smallest text any preset prints, in points at its printed size.
MIN_TEXT_PT: Final[float] = 7.0


@dataclass(frozen=True)
class SizePreset:
    """A figure size: inches, PNG resolution, font sizes (pt) and where the key goes."""

    label: str
    inches: tuple[float, float]
    dpi: int
    title_pt: float
    text_pt: float
    label_pt: float
    #: The key beside the map (when that gives the map a larger scale) or below it.
    key: Literal["auto", "below"]
    #: Width of the key beside the map (inches), and its columns below the map.
    key_in: float
    key_columns: int
    #: Route widths scale by this (thinner lines on a small figure).
    line_scale: float
    #: Route names wrap at this width (inches).
    route_label_in: float


SIZES: Final[dict[str, SizePreset]] = {
    # A4 landscape at print resolution for a page of its own.
    "a4": SizePreset("A4 landscape", (11.69, 8.27), 150, 15.0, 8.0, 8.0, "auto", 2.9, 3, 1.0, 1.9),
    # A memo's text column: A4 portrait less 2.5 cm margins is 16 cm (6.3 in) wide; printed at
    # 300 dpi, every text at the 7 pt floor.
    "column": SizePreset(
        "memo column", (6.3, 5.8), 300, 10.0, 7.0, 7.0, "below", 0.0, 2, 0.6, 1.45
    ),
    # A 16:9 slide (13.33 × 7.5 in, the presentation default).
    "slide": SizePreset(
        "slide 16:9", (13.333, 7.5), 150, 18.0, 10.0, 9.5, "auto", 3.6, 3, 1.0, 2.3
    ),
}
#: Figure margins and the gaps between the title, the map and the key (inches).
MARGIN_IN: Final[float] = 0.18
GAP_IN: Final[float] = 0.12
#: The dash patterns of each mode in multiples of a 3-pt line (so a leg's stripes stay in step).
LINE_PT_PER_PX: Final[float] = 0.75
#: Lengths a scale bar may show (km); the longest that fits in a fifth of the map is used.
SCALE_BAR_KM: Final[tuple[int, ...]] = (50, 100, 200, 250, 500, 1000, 2000)


@dataclass(frozen=True)
class PlacedText:
    """A text drawn on the figure: what, where (inches from the lower left: x0, y0, x1, y1),
    its size in points and its role (title, key, credits, label-route, label-place...)."""

    text: str
    box_in: tuple[float, float, float, float]
    size_pt: float
    role: str


@dataclass(frozen=True)
class FigureLayout:
    """What `map_figure` drew, for checks: the page size and every text's box."""

    inches: tuple[float, float]
    map_box_in: tuple[float, float, float, float]
    texts: tuple[PlacedText, ...]


def _locator_land() -> tuple[tuple[float, float, float, float], list[list[list[float]]]]:
    data = json.loads(
        resources.files("routes").joinpath("map_assets", "locator.json").read_text(encoding="utf-8")
    )
    window = data["window"]
    return (window[0], window[1], window[2], window[3]), data["rings"]


@contextmanager
def _deterministic() -> Iterator[None]:
    """Settings that make the same figure give the same bytes, and keep SVG text as text."""
    import matplotlib

    with matplotlib.rc_context(
        {
            "svg.hashsalt": "routes",
            "svg.fonttype": "none",
            "pdf.fonttype": 42,
            "lines.scale_dashes": False,
            "font.family": "DejaVu Sans",
            "path.simplify": False,
        }
    ):
        yield


def _save(fig: Any, fmt: FigureFormat, dpi: int) -> bytes:
    import io

    # No dates and no software versions in the file: the same figure gives the same bytes.
    metadata: dict[str, str | None] = dict.fromkeys(
        {
            "png": ("Software",),
            "svg": ("Date", "Creator"),
            "pdf": ("CreationDate", "ModDate", "Creator", "Producer"),
        }[fmt]
    )
    buf = io.BytesIO()
    with _deterministic():
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
    return buf.getvalue()


def map_figure(
    net: Network,
    metrics: Sequence[RouteMetrics],
    risks: Sequence[Risk],
    *,
    title: str,
    date: dt.date,
    scenario: dict[str, Any] | None = None,
    size: Size = "a4",
    fmt: FigureFormat = "png",
) -> bytes:
    """The map drawn like the HTML map (route colours, mode dashes, status looks, widths by
    capacity, places, names of routes, places, countries and seas), with a title, a key, a scale
    bar and a locator, as PNG (A4 landscape by default), SVG or PDF bytes at a size preset;
    with a `routes.scenario/1` document, its worst band's flows, what it cuts and its totals
    too."""
    model = map_model(net, metrics, risks, MapOptions(title=title, date=date, scenario=scenario))
    return figures_from_model(model, size=size, fmts=(fmt,))[fmt]


def figures_from_model(
    model: MapModel, *, size: Size = "a4", fmts: Sequence[FigureFormat] = ("png",)
) -> dict[FigureFormat, bytes]:
    """The static map in several formats, laid out and drawn once (placing the names is most of
    the work) and saved in each."""
    fig, _ = _draw(model, SIZES[size])
    return {fmt: _save(fig, fmt, SIZES[size].dpi) for fmt in dict.fromkeys(fmts)}


def map_layout(model: MapModel, *, size: Size = "a4") -> FigureLayout:
    """Where `figures_from_model` puts every text, without saving the figure (for checks)."""
    return _draw(model, SIZES[size])[1]


def _wrap(text: str, width_in: float, size_pt: float) -> str:
    """Wrap text to a width, at DejaVu Sans' widest average glyph (0.6 em), never between a
    figure and its unit or bound ("≤ 104 kb/d", "risk 62")."""
    chars = max(8, int(width_in * 72 / (0.6 * size_pt)))
    glued = re.sub(r"(?<=[≤≥]) | (?=kb/d|km\b|Mt/yr|USD/bbl)|(?<=\brisk) ", "\u00a0", text)
    return "\n".join(textwrap.wrap(glued, chars)) or glued


class _Canvas:
    """The figure, its renderer and the texts drawn so far (in inches)."""

    def __init__(self, preset: SizePreset) -> None:
        # A figure of its own with the Agg canvas: no pyplot state, no GUI backend.
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.preset = preset
        self.fig = Figure(figsize=preset.inches, dpi=preset.dpi)
        canvas = FigureCanvasAgg(self.fig)
        self.renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
        self.texts: list[PlacedText] = []

    def box_in(self, artist: Any) -> tuple[float, float, float, float]:
        bb = artist.get_window_extent(self.renderer)
        d = self.preset.dpi
        return (bb.x0 / d, bb.y0 / d, bb.x1 / d, bb.y1 / d)

    def record(self, artist: Any, role: str, pad: float = 0.0) -> tuple[float, float, float, float]:
        """Note a text's box (grown by `pad` inches, for a text in a framed box)."""
        x0, y0, x1, y1 = self.box_in(artist)
        box = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
        self.texts.append(PlacedText(artist.get_text(), box, float(artist.get_fontsize()), role))
        return box


def _draw(model: MapModel, preset: SizePreset) -> tuple[Any, FigureLayout]:
    with _deterministic():
        canvas = _Canvas(preset)
        fig = canvas.fig
        w, h = preset.inches
        # Title and subtitle, top left.
        top = h - MARGIN_IN
        t = fig.text(
            MARGIN_IN / w,
            top / h,
            _wrap(model.title, w - 2 * MARGIN_IN, preset.title_pt),
            fontsize=preset.title_pt,
            fontweight="bold",
            va="top",
            ha="left",
        )
        tb = canvas.record(t, "title")
        sub = fig.text(
            MARGIN_IN / w,
            (tb[1] - 0.04) / h,
            model.subtitle,
            fontsize=preset.text_pt,
            color="#444",
            va="top",
            ha="left",
        )
        sb = canvas.record(sub, "subtitle")
        credits = fig.text(
            MARGIN_IN / w,
            MARGIN_IN / h,
            _wrap(CREDITS, w - 2 * MARGIN_IN, MIN_TEXT_PT),
            fontsize=MIN_TEXT_PT,
            color="#555",
            va="bottom",
            ha="left",
        )
        cb = canvas.record(credits, "credits")
        map_top = sb[1] - GAP_IN
        map_bottom = cb[3] + GAP_IN
        entries = _key_entries(model, preset.line_scale)
        usable = (MARGIN_IN, map_bottom, w - MARGIN_IN, map_top)
        map_box, key_box, key_cols, entries = _split(model, preset, entries, usable)
        extent, map_box = _clamp(model, _extent(model, map_box), map_box)
        ax = fig.add_axes(
            (
                map_box[0] / w,
                map_box[1] / h,
                (map_box[2] - map_box[0]) / w,
                (map_box[3] - map_box[1]) / h,
            )
        )
        obstacles = _draw_map(ax, model, preset, extent, map_box)
        for text in ax.texts:
            if text.get_gid() == "scale":
                canvas.record(text, "scale")
        _place_labels(canvas, ax, model, preset, map_box, obstacles)
        _draw_key(canvas, preset, entries, key_box, key_cols)
        layout = FigureLayout(inches=preset.inches, map_box_in=map_box, texts=tuple(canvas.texts))
    return fig, layout


Box = tuple[float, float, float, float]


#: The most of the page's height a key below the map may take.
KEY_BELOW_SHARE: Final[float] = 0.4


def _split(
    model: MapModel, preset: SizePreset, entries: Sequence[KeyEntry], usable: Box
) -> tuple[Box, Box, int, list[KeyEntry]]:
    """The map's box and the key's (inches), the key's columns and its entries: the key beside
    the map or below it, whichever leaves the routes the larger scale; a key too long for its
    place lists the first routes and says how many more the HTML map has."""
    x0, y0, x1, y1 = usable
    size = preset.text_pt
    cols = preset.key_columns
    below_w = (x1 - x0 - GAP_IN * (cols - 1)) / cols
    below_entries = _fit(entries, below_w, cols, size, (y1 - y0) * KEY_BELOW_SHARE)
    below_h = _key_height(below_entries, below_w, cols, size)
    below = ((x0, y0 + below_h + GAP_IN, x1, y1), (x0, y0, x1, y0 + below_h), cols, below_entries)
    if preset.key == "below":
        return below
    right_entries = _fit(entries, preset.key_in, 1, size, y1 - y0)
    right = (
        (x0, y0, x1 - preset.key_in - GAP_IN, y1),
        (x1 - preset.key_in, y0, x1, y1),
        1,
        right_entries,
    )
    return max((right, below), key=lambda option: _scale(model, option[0]))


def _fit(
    entries: Sequence[KeyEntry], col_w: float, ncols: int, size: float, max_h: float
) -> list[KeyEntry]:
    """The entries, with as many routes as fit in `max_h` (found by bisection) and a line
    saying how many more there are."""
    if _key_height(entries, col_w, ncols, size) <= max_h:
        return list(entries)
    end = next(i for i, e in enumerate(entries) if i and e[0] == "head")
    n = end - 1

    def trimmed(keep: int) -> list[KeyEntry]:
        more: KeyEntry = ("text", f"… and {n - keep} more routes, all in the HTML map", None)
        return [*entries[: 1 + keep], more, *entries[end:]]

    lo, hi = 0, n - 1  # the most routes that fit lies in [lo, hi]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _key_height(trimmed(mid), col_w, ncols, size) <= max_h:
            lo = mid
        else:
            hi = mid - 1
    return trimmed(lo)


def _scale(model: MapModel, box: Box) -> float:
    """Inches per degree of longitude the routes would get in a box."""
    x0, y0, x1, y1 = model.bounds
    stretch = 1 / math.cos(math.radians((y0 + y1) / 2))
    return min((box[2] - box[0]) / (x1 - x0 + 3), (box[3] - box[1]) / ((y1 - y0 + 3) * stretch))


def _extent(
    model: MapModel, map_box: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """The routes' extent with a margin, widened on its short side to fill the map's box at
    the equirectangular stretch of its middle latitude (near-true shapes)."""
    from routes.maps import VIEW_PAD_DEG

    x0, y0, x1, y1 = model.bounds
    pad = VIEW_PAD_DEG * 0.75
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    stretch = 1 / math.cos(math.radians((y0 + y1) / 2))
    box_w, box_h = map_box[2] - map_box[0], map_box[3] - map_box[1]
    if (y1 - y0) * stretch / (x1 - x0) < box_h / box_w:
        grow = ((x1 - x0) * box_h / box_w / stretch - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    else:
        grow = ((y1 - y0) * stretch * box_w / box_h - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    return x0, y0, x1, y1


def _clamp(model: MapModel, extent: Box, map_box: Box) -> tuple[Box, Box]:
    """Keep the view inside the packaged countries' box: where the view would run past it, the
    map's box narrows instead (centred), so no empty margin of "no data" is drawn."""
    limit = model.countries_box
    if limit is None:
        return extent, map_box
    x0, y0, x1, y1 = extent
    bx0, by0, bx1, by1 = map_box
    if x1 - x0 > limit[2] - limit[0]:
        keep = (limit[2] - limit[0]) / (x1 - x0)
        x0, x1 = limit[0], limit[2]
        trim = (bx1 - bx0) * (1 - keep) / 2
        bx0, bx1 = bx0 + trim, bx1 - trim
    elif x0 < limit[0] or x1 > limit[2]:
        shift = limit[0] - x0 if x0 < limit[0] else limit[2] - x1
        x0, x1 = x0 + shift, x1 + shift
    if y1 - y0 > limit[3] - limit[1]:
        keep = (limit[3] - limit[1]) / (y1 - y0)
        y0, y1 = limit[1], limit[3]
        trim = (by1 - by0) * (1 - keep) / 2
        by0, by1 = by0 + trim, by1 - trim
    elif y0 < limit[1] or y1 > limit[3]:
        shift = limit[1] - y0 if y0 < limit[1] else limit[3] - y1
        y0, y1 = y0 + shift, y1 + shift
    return (x0, y0, x1, y1), (bx0, by0, bx1, by1)


@dataclass
class _Obstacles:
    """What names must keep off, in inches from the figure's lower left."""

    boxes: list[tuple[float, float, float, float]]
    #: Sample points of each route's visible lines: (x, y, route id or "" for a shared leg).
    line_points: list[tuple[float, float, str]]


def _draw_map(
    ax: Any,
    model: MapModel,
    preset: SizePreset,
    extent: tuple[float, float, float, float],
    map_box: tuple[float, float, float, float],
) -> _Obstacles:
    import matplotlib.patheffects as pe
    from matplotlib.collections import PathCollection
    from matplotlib.path import Path as MplPath

    x0, y0, x1, y1 = extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#e4e4e2")
    for spine in ax.spines.values():
        spine.set_color("#777")
        spine.set_linewidth(0.8)
    scale_x = (map_box[2] - map_box[0]) / (x1 - x0)
    scale_y = (map_box[3] - map_box[1]) / (y1 - y0)

    def to_in(lon: float, lat: float) -> tuple[float, float]:
        return map_box[0] + (lon - x0) * scale_x, map_box[1] + (lat - y0) * scale_y

    # Water inside the packaged countries' box, land as one collection of compound paths.
    net_box = model.countries_box
    if net_box is not None:
        from matplotlib.patches import Rectangle

        ax.add_patch(
            Rectangle(
                (net_box[0], net_box[1]),
                net_box[2] - net_box[0],
                net_box[3] - net_box[1],
                facecolor=style.WATER_COLOUR,
                edgecolor="none",
                zorder=0,
            )
        )
    paths = [_compound_path(geom, MplPath) for _, geom in model.countries]
    ax.add_collection(
        PathCollection(
            paths,
            facecolors=style.LAND_COLOUR,
            edgecolors=style.BORDER_COLOUR,
            linewidths=0.4,
            zorder=1,
        )
    )
    colours = {r.id: r.colour for r in model.routes}
    pt_per_px = LINE_PT_PER_PX * preset.line_scale
    line_points: list[tuple[float, float, str]] = []
    for leg in model.legs:
        xs = [c[0] for c in leg.coords]
        ys = [c[1] for c in leg.coords]
        alpha = style.LOOK_OPACITY[leg.look]
        dash = style.MODE_DASH[leg.mode]
        outer = leg.stripes[0][1] * pt_per_px
        k = max(1.0, outer / (3 * pt_per_px))
        linestyle: Any = "-" if dash is None else (0, tuple(d * pt_per_px * k for d in dash))
        for i, (rid, width_px) in enumerate(leg.stripes):
            lw = width_px * pt_per_px
            colour = style.CANCELLED_COLOUR if leg.look == "cancelled" else colours[rid]
            # A white casing round the outermost stripe sets the line off what it crosses.
            effects = (
                [pe.Stroke(linewidth=lw + 1.6, foreground="white", alpha=0.9), pe.Normal()]
                if i == 0
                else []
            )
            ax.plot(
                xs,
                ys,
                color=colour,
                linewidth=lw,
                alpha=alpha,
                linestyle=linestyle,
                solid_capstyle="round",
                dash_capstyle="butt",
                zorder=3 + i * 0.01,
                path_effects=effects,
            )
        if leg.look == "hollow":
            ax.plot(
                xs,
                ys,
                color=style.CORE_COLOUR,
                linestyle=linestyle,
                zorder=3.5,
                linewidth=leg.stripes[-1][1] * pt_per_px * style.HOLLOW_CORE,
            )
        who = leg.stripes[0][0] if len(leg.stripes) == 1 else ""
        for (ax_, ay), (bx, by) in zip(leg.coords, leg.coords[1:], strict=False):
            pa, pb = to_in(ax_, ay), to_in(bx, by)
            n = max(1, math.ceil(math.dist(pa, pb) / 0.03))
            line_points += [
                (pa[0] + (pb[0] - pa[0]) * j / n, pa[1] + (pb[1] - pa[1]) * j / n, who)
                for j in range(n + 1)
            ]
        lon, lat, rotation = leg.arrow
        ax.plot(
            [lon],
            [lat],
            marker=(3, 0, -rotation - 90),
            markersize=preset.text_pt * 0.55,
            color="#222",
            markeredgecolor="white",
            markeredgewidth=0.5,
            zorder=4.5,
        )
    if model.scenario is not None:
        _draw_scenario_lines(ax, model, pt_per_px)
    boxes: list[tuple[float, float, float, float]] = []
    for p in model.places:
        r_pt = 3.6 if p.kind == "chokepoint" else 2.6
        ax.plot(
            [p.coords[0]],
            [p.coords[1]],
            marker="o",
            markersize=2 * r_pt,
            color=style.NODE_COLOUR.get(p.kind, "#333333"),
            markeredgecolor="white",
            markeredgewidth=0.6,
            zorder=5,
        )
        cx, cy = to_in(*p.coords)
        r_in = (r_pt + 0.6) / 72
        boxes.append((cx - r_in, cy - r_in, cx + r_in, cy + r_in))
    locator_box, corner = _locator(ax, extent, map_box, line_points)
    boxes.append(locator_box)
    boxes.append(_scale_bar(ax, extent, map_box, preset, line_points, corner))
    return _Obstacles(boxes=boxes, line_points=line_points)


def _compound_path(geom: dict[str, Any], mpl_path: Any) -> Any:
    """One matplotlib path for a (multi)polygon, holes included."""
    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    vertices: list[list[float]] = []
    codes: list[int] = []
    for polygon in polygons:
        for ring in polygon:
            vertices += [list(p) for p in ring]
            codes += [mpl_path.MOVETO] + [mpl_path.LINETO] * (len(ring) - 2) + [mpl_path.CLOSEPOLY]
    return mpl_path(vertices, codes)


def _draw_scenario_lines(ax: Any, model: MapModel, pt_per_px: float) -> None:
    """The worst band's flows (width by kb/d) and what the scenario cuts."""
    assert model.scenario is not None
    for f in model.scenario.flows:
        ax.plot(
            [c[0] for c in f.coords],
            [c[1] for c in f.coords],
            color=style.FLOW_COLOUR,
            alpha=0.85,
            zorder=4,
            linewidth=f.width_px * pt_per_px,
            solid_capstyle="round",
        )
    for c in model.scenario.cuts:
        if c.is_line:
            ax.plot(
                [p[0] for p in c.coords],
                [p[1] for p in c.coords],
                color=style.CUT_COLOUR,
                linewidth=2.2,
                zorder=4.6,
                linestyle=(0, (1.5, 2.0)),
            )
        else:
            ax.plot(
                [c.coords[0][0]],
                [c.coords[0][1]],
                marker="o",
                markersize=14,
                markerfacecolor="none",
                markeredgecolor=style.CUT_COLOUR,
                markeredgewidth=2,
                zorder=6,
            )


Corner = Literal["upper left", "upper right", "lower left", "lower right"]


def _corner_origin(
    corner: Corner, map_box: Box, w_in: float, h_in: float, pad: float
) -> tuple[float, float]:
    """The lower left of a w × h box in a corner of the map (inches)."""
    x = map_box[0] + pad if corner.endswith("left") else map_box[2] - pad - w_in
    y = map_box[1] + pad if corner.startswith("lower") else map_box[3] - pad - h_in
    return x, y


def _emptiest(
    corners: Sequence[Corner],
    map_box: Box,
    w_in: float,
    h_in: float,
    pad: float,
    line_points: Sequence[tuple[float, float, str]],
) -> Corner:
    """The corner whose box covers the fewest route line samples (the first of equals)."""

    def crowd(corner: Corner) -> int:
        x, y = _corner_origin(corner, map_box, w_in, h_in, pad)
        return sum(
            1
            for px, py, _ in line_points
            if x - 0.1 <= px <= x + w_in + 0.1 and y - 0.1 <= py <= y + h_in + 0.1
        )

    return min(corners, key=crowd)


def _scale_bar(
    ax: Any,
    extent: Box,
    map_box: Box,
    preset: SizePreset,
    line_points: Sequence[tuple[float, float, str]],
    taken: Corner,
) -> Box:
    """A bar of a round length in the emptiest free corner, true at the middle latitude (an
    equirectangular map's scale varies with latitude, so the bar says where it holds)."""
    x0, y0, x1, y1 = extent
    w_in, h_in = map_box[2] - map_box[0], map_box[3] - map_box[1]
    lat = (y0 + y1) / 2
    km_per_deg = 111.32 * math.cos(math.radians(lat))
    fits = [k for k in SCALE_BAR_KM if k / km_per_deg <= (x1 - x0) / 5] or [SCALE_BAR_KM[0]]
    km = fits[-1]
    bar_in = km / km_per_deg / (x1 - x0) * w_in
    size = preset.text_pt
    note = f"km, true at {abs(lat):.0f}° {'N' if lat >= 0 else 'S'}"
    box_w = max(bar_in + 0.3, len(note) * 0.6 * size / 72)
    box_h = (2 * size * 1.3 + 5) / 72
    corners: list[Corner] = [
        c for c in ("lower left", "lower right", "upper left", "upper right") if c != taken
    ]
    corner = _emptiest(corners, map_box, box_w, box_h, 0.08, line_points)
    bx_in, by_in = _corner_origin(corner, map_box, box_w, box_h, 0.08)

    def data(x: float, y: float) -> tuple[float, float]:
        return x0 + (x - map_box[0]) / w_in * (x1 - x0), y0 + (y - map_box[1]) / h_in * (y1 - y0)

    bar_y = by_in + size * 1.3 / 72 + 2 / 72
    tall = 3.5 / 72
    for i in range(2):
        (ax_, ay), (bx, by) = (
            data(bx_in + bar_in * i / 2, bar_y),
            data(bx_in + bar_in * (i + 1) / 2, bar_y + tall),
        )
        ax.fill(
            [ax_, bx, bx, ax_],
            [ay, ay, by, by],
            facecolor="#222" if i == 0 else "white",
            edgecolor="#222",
            linewidth=0.6,
            zorder=7,
        )
    for frac, label in ((0.0, "0"), (0.5, f"{km / 2:g}"), (1.0, f"{km:g}")):
        ax.text(
            *data(bx_in + bar_in * frac, bar_y + tall + 1.5 / 72),
            label,
            fontsize=size,
            ha="center",
            va="bottom",
            zorder=7,
            color="#222",
            gid="scale",
        )
    ax.text(
        *data(bx_in, by_in),
        note,
        fontsize=size,
        ha="left",
        va="bottom",
        zorder=7,
        color="#222",
        gid="scale",
    )
    return (bx_in - 0.15, by_in - 0.03, bx_in + box_w + 0.1, by_in + box_h + size * 1.3 / 72)


def _locator(
    ax: Any, extent: Box, map_box: Box, line_points: Sequence[tuple[float, float, str]]
) -> tuple[Box, Corner]:
    """A small map of Europe and Asia with the main map's extent marked, in the corner of the
    map that has the fewest route lines."""
    from matplotlib.patches import Polygon, Rectangle

    window, rings = _locator_land()
    w_in = (map_box[2] - map_box[0]) * 0.2
    stretch = 1 / math.cos(math.radians((window[1] + window[3]) / 2))
    h_in = w_in * (window[3] - window[1]) * stretch / (window[2] - window[0])
    corner = _emptiest(
        ("upper left", "upper right", "lower right", "lower left"),
        map_box,
        w_in,
        h_in,
        0.06,
        line_points,
    )
    left, bottom = _corner_origin(corner, map_box, w_in, h_in, 0.06)
    fig = ax.figure
    fw, fh = fig.get_size_inches()
    inset = fig.add_axes((left / fw, bottom / fh, w_in / fw, h_in / fh))
    inset.set_xlim(window[0], window[2])
    inset.set_ylim(window[1], window[3])
    inset.set_aspect(stretch)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_facecolor(style.WATER_COLOUR)
    for spine in inset.spines.values():
        spine.set_color("#555")
        spine.set_linewidth(0.6)
    for ring in rings:
        inset.add_patch(Polygon(ring, closed=True, facecolor="#d9d4c7", edgecolor="none"))
    x0, y0, x1, y1 = extent
    inset.add_patch(
        Rectangle(
            (x0, y0), x1 - x0, y1 - y0, facecolor="none", edgecolor=style.CUT_COLOUR, linewidth=1.0
        )
    )
    return (left - 0.02, bottom - 0.02, left + w_in + 0.02, bottom + h_in + 0.02), corner


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_labels(
    canvas: _Canvas,
    ax: Any,
    model: MapModel,
    preset: SizePreset,
    map_box: tuple[float, float, float, float],
    obstacles: _Obstacles,
) -> None:
    """Names, most important first, each at the first of its places (and sides) where it stays
    inside the map, off every name and marker placed before and, for names of countries, seas
    and routes, off the other routes' lines; a name with no such place is left out."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w_in, h_in = map_box[2] - map_box[0], map_box[3] - map_box[1]

    def to_in(lon: float, lat: float) -> tuple[float, float]:
        return (
            map_box[0] + (lon - x0) / (x1 - x0) * w_in,
            map_box[1] + (lat - y0) / (y1 - y0) * h_in,
        )

    def from_in(x: float, y: float) -> tuple[float, float]:
        return (x0 + (x - map_box[0]) / w_in * (x1 - x0), y0 + (y - map_box[1]) / h_in * (y1 - y0))

    import matplotlib.patheffects as pe

    routes = {r.id: r for r in model.routes}
    placed = list(obstacles.boxes)
    inner = (map_box[0] + 0.03, map_box[1] + 0.03, map_box[2] - 0.03, map_box[3] - 0.03)
    gap = 6 / 72
    for lab in model.labels:
        size = preset.label_pt
        kwargs: dict[str, Any] = {"fontsize": size, "zorder": 8, "color": "#222"}
        text = lab.text
        pad = 0.0
        if lab.kind == "route":
            r = routes[lab.route or ""]
            text = _wrap(f"{lab.text} · risk {r.risk_score:.0f}", preset.route_label_in, size)
            pad = (0.3 * size + 1.4) / 72
            kwargs.update(
                fontweight="bold",
                bbox={
                    "boxstyle": "round,pad=0.3",
                    "facecolor": "white",
                    "alpha": 0.93,
                    "edgecolor": r.colour,
                    "linewidth": 1.4,
                },
            )
        elif lab.kind == "place":
            kwargs.update(
                fontweight="bold", path_effects=[pe.withStroke(linewidth=2.2, foreground="white")]
            )
        elif lab.kind == "country":
            kwargs.update(color=style.COUNTRY_LABEL_COLOUR, fontsize=max(MIN_TEXT_PT, size - 1))
        else:
            kwargs.update(color=style.SEA_LABEL_COLOUR, fontstyle="italic")
        anchor = (x0, y0)
        artist = ax.text(*anchor, text, ha="left", va="bottom", **kwargs)
        bb = canvas.box_in(artist)
        ax0, ay0 = to_in(*anchor)
        # The box (with its frame) relative to the text's anchor, in inches.
        ox, oy = bb[0] - pad - ax0, bb[1] - pad - ay0
        tw, th = bb[2] - bb[0] + 2 * pad, bb[3] - bb[1] + 2 * pad
        if lab.kind == "place":
            sides = [(gap, -th / 2), (-tw - gap, -th / 2), (-tw / 2, gap), (-tw / 2, -th - gap)]
        elif lab.kind == "route":
            sides = [
                (-tw / 2, gap * 1.3),
                (-tw / 2, -th - gap * 1.3),
                (gap * 1.5, -th / 2),
                (-tw - gap * 1.5, -th / 2),
                (-tw / 2, -th / 2),
            ]
        else:
            sides = [(-tw / 2, -th / 2)]
        spot = _first_free(
            lab,
            [to_in(lon, lat) for lon, lat in lab.candidates],
            sides,
            (tw, th),
            inner,
            placed,
            obstacles.line_points,
        )
        if spot is None:
            artist.remove()
            continue
        artist.set_position(from_in(spot[0] - ox, spot[1] - oy))
        placed.append((spot[0] - 0.02, spot[1] - 0.02, spot[2] + 0.02, spot[3] + 0.02))
        canvas.record(artist, f"label-{lab.kind}", pad)


def _first_free(
    lab: LabelView,
    points: Sequence[tuple[float, float]],
    sides: Sequence[tuple[float, float]],
    size: tuple[float, float],
    inner: tuple[float, float, float, float],
    placed: Sequence[tuple[float, float, float, float]],
    line_points: Sequence[tuple[float, float, str]],
) -> tuple[float, float, float, float] | None:
    """The first box for a name, by candidate point then side, that stays inside the map and
    off everything placed before (and, but for places, off the lines of other routes)."""
    tw, th = size
    for px, py in points:
        for dx, dy in sides:
            box = (px + dx, py + dy, px + dx + tw, py + dy + th)
            if box[0] < inner[0] or box[1] < inner[1] or box[2] > inner[2] or box[3] > inner[3]:
                continue
            if any(_overlaps(box, p) for p in placed):
                continue
            if lab.kind != "place" and any(
                box[0] <= x <= box[2]
                and box[1] <= y <= box[3]
                and (lab.kind != "route" or who != lab.route)
                for x, y, who in line_points
            ):
                continue
            return box
    return None


KeyEntry = tuple[str, str, dict[str, Any] | None]
#: Space for a key entry's line or dot sample, and after it.
SAMPLE_IN: Final[float] = 0.42
SAMPLE_GAP_IN: Final[float] = 0.08


def _key_entries(model: MapModel, line_scale: float) -> list[KeyEntry]:
    """The key: the routes (colour, name, risk score, capacity today), modes, statuses, places
    and the scenario's totals, as (kind, text, sample) in order."""
    entries: list[KeyEntry] = [("head", "Routes: colour; risk score 0–100; capacity today", None)]
    for r in model.routes:
        entries.append(
            (
                "line",
                f"{r.name} · risk {r.risk_score:.0f} · {r.capacity_text}",
                {"color": r.colour, "lw": max(1.5, r.width_px * LINE_PT_PER_PX * line_scale)},
            )
        )
    entries.append(("head", "Legs", None))
    for mode, dash in style.MODE_DASH.items():
        entries.append(
            (
                "line",
                style.MODE_LABEL[mode],
                {
                    "color": "#333",
                    "lw": 2.2,
                    "ls": "-" if dash is None else (0, tuple(d * LINE_PT_PER_PX for d in dash)),
                },
            )
        )
    looks = {leg.look for leg in model.legs}
    for look, label in style.STATUS_LABEL.items():
        if look in looks and look != "full":
            entries.append(
                (
                    "line",
                    label,
                    {
                        "color": "#333",
                        "lw": 4.0,
                        "alpha": style.LOOK_OPACITY[look],
                        "hollow": look == "hollow",
                    },
                )
            )
    if any(len(leg.stripes) > 1 for leg in model.legs):
        entries.append(("line", "a leg routes share: striped", {"stripes": True}))
    entries.append(("head", "Places", None))
    entries.append(
        (
            "dots",
            "",
            {"items": [(style.NODE_COLOUR[k], k.replace("_", " ")) for k in model.place_kinds]},
        )
    )
    if model.scenario is not None:
        sc = model.scenario
        entries.append(("head", f"Scenario: {sc.name}", None))
        entries.append(
            (
                "line",
                f"flow in {sc.band_text} (width by kb/d)",
                {"color": style.FLOW_COLOUR, "lw": 3.0},
            )
        )
        entries.append(
            (
                "line",
                "cut by the scenario",
                {"color": style.CUT_COLOUR, "lw": 2.0, "ls": (0, (1.5, 2.0))},
            )
        )
        entries += [("text", f"{k}: {v}", None) for k, v in sc.rows]
    return entries


def _entry_text(entry: KeyEntry, col_w: float, size: float) -> str:
    kind, label, _ = entry
    width = col_w if kind in ("head", "text") else col_w - SAMPLE_IN - SAMPLE_GAP_IN
    return _wrap(label, width, size)


def _dot_rows(
    items: Sequence[tuple[str, str]], col_w: float, size: float
) -> list[list[tuple[float, str, str]]]:
    """Dot samples with their names, flowed into rows: (x offset, colour, name) each."""
    rows: list[list[tuple[float, str, str]]] = [[]]
    x = 0.0
    for colour, name in items:
        w = 0.16 + len(name) * 0.6 * size / 72 + 0.14
        if rows[-1] and x + w > col_w:
            rows.append([])
            x = 0.0
        rows[-1].append((x, colour, name))
        x += w
    return rows


def _entry_height(entry: KeyEntry, col_w: float, size: float) -> float:
    if entry[0] == "dots" and entry[2] is not None:
        lines = len(_dot_rows(entry[2]["items"], col_w, size))
    else:
        lines = _entry_text(entry, col_w, size).count("\n") + 1
    return lines * size * 1.25 / 72 + (0.1 if entry[0] == "head" else 0.035)


def _columns(
    entries: Sequence[KeyEntry], col_w: float, ncols: int, size: float
) -> list[list[KeyEntry]]:
    """The entries in balanced columns; a heading never ends a column."""
    heights = [_entry_height(e, col_w, size) for e in entries]
    # The routes (up to the second heading) stay in one column when they can.
    first = next((i for i, e in enumerate(entries) if i and e[0] == "head"), len(entries))
    target = max(sum(heights) / ncols, sum(heights[:first]))
    columns: list[list[KeyEntry]] = [[]]
    used = 0.0
    for i, (entry, hgt) in enumerate(zip(entries, heights, strict=True)):
        nxt = heights[i + 1] if entry[0] == "head" and i + 1 < len(heights) else 0.0
        if columns[-1] and used + hgt + nxt > target + 1e-9 and len(columns) < ncols:
            columns.append([])
            used = 0.0
        columns[-1].append(entry)
        used += hgt
    return columns


def _key_height(entries: Sequence[KeyEntry], col_w: float, ncols: int, size: float) -> float:
    return max(
        sum(_entry_height(e, col_w, size) for e in col)
        for col in _columns(entries, col_w, ncols, size)
    )


def _draw_key(
    canvas: _Canvas, preset: SizePreset, entries: Sequence[KeyEntry], key_box: Box, ncols: int
) -> None:
    """The key in balanced columns inside its box."""
    from matplotlib.lines import Line2D

    fig = canvas.fig
    fw, fh = fig.get_size_inches()
    size = preset.text_pt
    col_w = (key_box[2] - key_box[0] - GAP_IN * (ncols - 1)) / ncols
    for c, column in enumerate(_columns(entries, col_w, ncols, size)):
        x = key_box[0] + c * (col_w + GAP_IN)
        y = key_box[3]
        for entry in column:
            kind, _, spec = entry
            if kind == "dots" and spec is not None:
                for r, row in enumerate(_dot_rows(spec["items"], col_w, size)):
                    ry = y - r * size * 1.25 / 72
                    for dx, colour, name in row:
                        fig.add_artist(
                            Line2D(
                                [(x + dx + 0.06) / fw],
                                [(ry - size * 0.62 / 72) / fh],
                                marker="o",
                                markersize=6,
                                color=colour,
                                markeredgecolor="white",
                                transform=fig.transFigure,
                            )
                        )
                        t = fig.text(
                            (x + dx + 0.16) / fw,
                            ry / fh,
                            name,
                            fontsize=size,
                            va="top",
                            color="#222",
                        )
                        canvas.record(t, "key")
                y -= _entry_height(entry, col_w, size)
                continue
            wrapped = _entry_text(entry, col_w, size)
            tx = x if kind in ("head", "text") else x + SAMPLE_IN + SAMPLE_GAP_IN
            t = fig.text(
                tx / fw,
                y / fh,
                wrapped,
                fontsize=size,
                va="top",
                fontweight="bold" if kind == "head" else "normal",
                color="#111" if kind == "head" else "#222",
            )
            mid = (y - size * 0.62 / 72) / fh
            if kind == "line" and spec is not None:
                _key_sample(fig, Line2D, x / fw, (x + SAMPLE_IN) / fw, mid, spec)
            canvas.record(t, "key")
            y -= _entry_height(entry, col_w, size)


def _key_sample(
    fig: Any, line2d: Any, xa: float, xb: float, y: float, spec: dict[str, Any]
) -> None:
    if spec.get("stripes"):
        for colour, lw in ((style.ROUTE_PALETTE[1], 6.0), (style.ROUTE_PALETTE[2], 2.4)):
            fig.add_artist(line2d([xa, xb], [y, y], color=colour, lw=lw, transform=fig.transFigure))
        return
    fig.add_artist(
        line2d(
            [xa, xb],
            [y, y],
            color=spec["color"],
            lw=spec["lw"],
            linestyle=spec.get("ls", "-"),
            alpha=spec.get("alpha", 1.0),
            transform=fig.transFigure,
            solid_capstyle="butt",
        )
    )
    if spec.get("hollow"):
        fig.add_artist(
            line2d(
                [xa, xb],
                [y, y],
                color=style.CORE_COLOUR,
                lw=spec["lw"] * style.HOLLOW_CORE,
                transform=fig.transFigure,
            )
        )


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
FACTOR_COLOURS: Final[tuple[str, ...]] = (
    "#66c2a5",
    "#fc8d62",
    "#8da0cb",
    "#e78ac3",
    "#a6d854",
    "#ffd92f",
    "#e5c494",
    "#b3b3b3",
)
SHORTFALL_COLOUR: Final[str] = "#d7191c"
CHART_RC: Final[dict[str, Any]] = {
    "svg.hashsalt": "routes-memo",
    "svg.fonttype": "path",
    "font.size": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 9.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "legend.frameon": False,
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
    #: The route's own colour (as on the map); its risk colour when None.
    colour: str | None = None


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
        meta: dict[str, Any] = (
            {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        )
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


def capacity_risk_chart(
    points: Sequence[RoutePoint], *, title: str, capacity_label: str, risk_label: str
) -> dict[ChartFormat, bytes]:
    """Each route's capacity available today (kb/d) against its risk score: filled dots, a
    triangle pointing down for an upper bound, a hollow ring for the capacity if built or
    restarted, joined to today's by a dotted line; names beside the points, spread apart."""
    plt = _pyplot()
    from matplotlib.lines import Line2D

    with plt.rc_context(CHART_RC):
        fig, ax = plt.subplots(figsize=(CHART_IN[0], CHART_IN[1] + 0.5))
        top = max(
            [
                1.0,
                *(
                    v
                    for p in points
                    for v in (p.capacity_kbd, p.capacity_if_built_kbd)
                    if v is not None
                ),
            ]
        )
        y0, y1 = -top * 0.05, top * 1.1
        for p in points:
            colour = p.colour or style.risk_colour(p.risk_score)
            today = p.capacity_kbd or 0.0
            built = p.capacity_if_built_kbd
            if built is not None and built > today:
                ax.plot(
                    [p.risk_score, p.risk_score],
                    [today, built],
                    color=colour,
                    lw=1,
                    ls=":",
                    zorder=2,
                )
                ax.scatter(
                    [p.risk_score],
                    [built],
                    s=60,
                    facecolors="white",
                    edgecolors=colour,
                    linewidths=1.5,
                    zorder=3,
                )
            ax.scatter(
                [p.risk_score],
                [today],
                s=70,
                zorder=4,
                color=colour,
                edgecolors="#333",
                linewidths=0.6,
                marker="v" if p.capacity_at_most else "o",
            )
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
            column = (
                min(p.risk_score for p in group) - 6
                if side
                else max(p.risk_score for p in group) + 6
            )
            for p, g in zip(group, spread, strict=True):
                label = (
                    p.name
                    if p.status == "operating"
                    else f"{p.name} ({p.status.replace('_', ' ')})"
                )
                ax.annotate(
                    label,
                    (p.risk_score, p.capacity_kbd or 0.0),
                    xytext=(column, y0 + g * (y1 - y0)),
                    textcoords="data",
                    ha="right" if side else "left",
                    va="center",
                    fontsize=7.5,
                    color="#222",
                    arrowprops={
                        "arrowstyle": "-",
                        "color": "#aaa",
                        "lw": 0.5,
                        "shrinkA": 2,
                        "shrinkB": 5,
                    },
                )
        ax.set_xlim(0, 100)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(risk_label)
        ax.set_ylabel(capacity_label)
        ax.grid(True, color="#e6e6e6", lw=0.6)
        ax.set_axisbelow(True)
        fig.legend(
            handles=[
                Line2D(
                    [], [], marker="o", ls="", color="#888", mec="#333", label="available today"
                ),
                Line2D(
                    [],
                    [],
                    marker="v",
                    ls="",
                    color="#888",
                    mec="#333",
                    label="available today, an upper bound",
                ),
                Line2D(
                    [],
                    [],
                    marker="o",
                    ls="",
                    mfc="white",
                    mec="#888",
                    label="if idle or planned assets were built or restarted",
                ),
            ],
            loc="lower center",
            ncol=3,
            fontsize=7,
        )
        ax.set_title(title)
        fig.tight_layout(rect=(0, 0.07, 1, 1))
        return _chart_bytes(fig)


def risk_factor_chart(
    bars: Sequence[RiskBar], factors: Sequence[str], *, title: str, score_label: str
) -> dict[ChartFormat, bytes]:
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
            ax.barh(
                y,
                widths,
                left=left,
                height=0.62,
                label=factor,
                color=FACTOR_COLOURS[i % len(FACTOR_COLOURS)],
                edgecolor="white",
                lw=0.5,
            )
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


def scenario_chart(
    bands: Sequence[BandBar],
    baseline: BandBar,
    routes: Sequence[str],
    *,
    title: str,
    flow_label: str,
    day_label: str,
    shortfall_label: str,
    baseline_label: str,
    colours: Sequence[str],
) -> dict[ChartFormat, bytes]:
    """A scenario's days as stacked steps: oil delivered by each route (in `colours`, one a
    route, the routes' own as on the map) and the shortfall on top (hatched red, with its
    kb/d), after a narrow bar of the usual flows for reference."""
    palette = list(colours)
    plt = _pyplot()
    from matplotlib.patches import Patch

    with plt.rc_context(CHART_RC):
        fig, ax = plt.subplots(figsize=(CHART_IN[0], CHART_IN[1] + 0.4))
        end = max((b.end_day for b in bands), default=1.0)
        lead = end * 0.14
        usual = BandBar(
            -lead * 1.15, -lead * 0.15, baseline.delivered_kbd_by_route, baseline.shortfall_kbd
        )
        supply = max(
            [1.0, *(sum(b.delivered_kbd_by_route) + b.shortfall_kbd for b in (*bands, baseline))]
        )
        for b in (usual, *bands):
            bottom = 0.0
            width = b.end_day - b.start_day
            for i, kbd in enumerate(b.delivered_kbd_by_route):
                ax.bar(
                    b.start_day,
                    kbd,
                    width=width,
                    bottom=bottom,
                    align="edge",
                    color=palette[i],
                    edgecolor="white",
                    lw=0.3,
                )
                bottom += kbd
            if b.shortfall_kbd > 0:
                ax.bar(
                    b.start_day,
                    b.shortfall_kbd,
                    width=width,
                    bottom=bottom,
                    align="edge",
                    color="white",
                    edgecolor=SHORTFALL_COLOUR,
                    hatch="////",
                    lw=0.8,
                )
                if b.shortfall_kbd > supply * 0.06 and width > end * 0.08:
                    ax.text(
                        b.start_day + width / 2,
                        bottom + b.shortfall_kbd / 2,
                        f"{b.shortfall_kbd:,.0f} kb/d short",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color=SHORTFALL_COLOUR,
                        fontweight="bold",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
                    )
        ax.axvline(0, color="#333", lw=0.8)
        ax.text(-lead * 0.65, supply * 1.02, baseline_label, ha="center", va="bottom", fontsize=7)
        handles = [Patch(color=palette[i], label=r) for i, r in enumerate(routes)]
        handles.append(
            Patch(
                facecolor="white", edgecolor=SHORTFALL_COLOUR, hatch="////", label=shortfall_label
            )
        )
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
