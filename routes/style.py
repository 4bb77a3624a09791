"""How routes look on every map, interactive or static: colours, dashes, widths, node markers,
labels.

Pure values, no drawing library: `maps` (the HTML map) and `figures` (matplotlib) both read them,
so the print figure matches the HTML map.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from routes.metrics import RouteMetrics

#: Route identity colours, in the order routes are assigned them (the network's route order, so
#: a route keeps its colour whichever routes a map draws). Paul Tol's and Okabe & Ito's hues
#: with their lightness spread so that every pair stays apart for colour-blind readers and in
#: greyscale print: at least 20 CIEDE2000 in normal vision, 15 under simulated protanopia and
#: deuteranopia (Machado et al. 2009, full severity) and 8 L* in greyscale
#: (tests/test_maps.py checks it). Beyond six routes the colours repeat.
ROUTE_PALETTE: Final[tuple[str, ...]] = (
    "#E69F00",  # orange (Okabe & Ito), L* 71
    "#29569D",  # blue (Tol's high-contrast blue, lightened), L* 37
    "#EE3377",  # magenta (Tol's vibrant), L* 54
    "#107D29",  # green (Tol's bright green, darkened), L* 46
    "#7D154C",  # wine (Tol's muted wine, darkened), L* 28
    "#3A9FD2",  # sky blue (Okabe & Ito, darkened), L* 62
)
#: Dash patterns in pixels (on, off, ...); None is a solid line.
MODE_DASH: Final[dict[str, tuple[float, ...] | None]] = {
    "pipeline": None,
    "tanker": (10.0, 7.0),
    "rail": (2.0, 6.0),
}
MODE_LABEL: Final[dict[str, str]] = {
    "pipeline": "pipeline (solid)",
    "tanker": "tanker (dashed)",
    "rail": "rail (dotted)",
}
#: How a segment's status is drawn: in full, faded (idle: built, carrying nothing), hollow
#: (planned or under construction: not built yet), or faded grey (cancelled).
StatusLook = Literal["full", "faded", "hollow", "cancelled"]
STATUS_LOOK: Final[dict[str, StatusLook]] = {
    "operating": "full",
    "idle": "faded",
    "under_construction": "hollow",
    "planned": "hollow",
    "cancelled": "cancelled",
}
STATUS_LABEL: Final[dict[StatusLook, str]] = {
    "full": "operating",
    "faded": "idle (faded): built, carrying no oil",
    "hollow": "planned or under construction (hollow)",
    "cancelled": "cancelled (grey)",
}
#: Opacity of a line by how its status is drawn.
LOOK_OPACITY: Final[dict[StatusLook, float]] = {
    "full": 0.95,
    "faded": 0.4,
    "hollow": 0.95,
    "cancelled": 0.5,
}
#: The hollow core's share of the line's width, and its colour (the land's).
HOLLOW_CORE: Final[float] = 0.45
CORE_COLOUR: Final[str] = "#ffffff"
CANCELLED_COLOUR: Final[str] = "#8c8c8c"
#: Risk colour ramp for the risk badges: green (low) → amber → red (high), for 0, 50 and 100.
#: The badge always prints the number, so no reader depends on the colour.
RISK_STOPS: Final[tuple[tuple[float, tuple[int, int, int]], ...]] = (
    (0.0, (26, 152, 80)),
    (50.0, (254, 178, 76)),
    (100.0, (215, 25, 28)),
)
RISK_LEGEND: Final[tuple[float, ...]] = (0.0, 25.0, 50.0, 75.0, 100.0)
NODE_COLOUR: Final[dict[str, str]] = {
    "field": "#6a3d9a",
    "terminal": "#1f78b4",
    "port": "#33a0c8",
    "pump_station": "#666666",
    "junction": "#999999",
    "market": "#000000",
    "chokepoint": "#e31a1c",
}
#: Which places get a name on the map besides the routes' ends, most important first (the rest
#: have a marker and a tooltip only); names of a lower rank give way when they would collide.
PLACE_LABEL_RANK: Final[dict[str, int]] = {
    "market": 0,
    "field": 0,
    "terminal": 0,
    "port": 0,
    "chokepoint": 1,
}
MIN_WIDTH_PX: Final[float] = 2.0
MAX_WIDTH_PX: Final[float] = 10.0
#: Each route sharing a leg shows at least this many pixels either side of the next one in,
#: and a leg is drawn no wider than this however many routes share it.
STRIPE_PX: Final[float] = 1.5
MAX_STRIPED_PX: Final[float] = 16.0
UNKNOWN_COLOUR: Final[str] = "#7f7f7f"
#: A scenario's flows (drawn over the routes) and what its outages cut.
FLOW_COLOUR: Final[str] = "#3f2a8c"
CUT_COLOUR: Final[str] = "#d7191c"
CUT_DASH: Final[tuple[float, ...]] = (4.0, 6.0)
LAND_COLOUR: Final[str] = "#f4f1ea"
WATER_COLOUR: Final[str] = "#d4e6f1"
BORDER_COLOUR: Final[str] = "#b5b0a6"
COUNTRY_LABEL_COLOUR: Final[str] = "#6b665c"
SEA_LABEL_COLOUR: Final[str] = "#4a7391"
#: Seas the routes cross, labelled at points chosen by hand in open water, in order of
#: preference (they are not in the country polygons; tests check that each point lies at least
#: half a degree from every country): (name, ((lon, lat), ...)).
SEA_LABELS: Final[tuple[tuple[str, tuple[tuple[float, float], ...]], ...]] = (
    # The middle basin between Derbent and the Mangyshlak coast; the south basin; off Turkmenbashi.
    ("Caspian Sea", ((50.6, 42.2), (51.0, 39.2), (52.0, 41.0))),
    # South of Crimea; off Bulgaria; off Abkhazia.
    ("Black Sea", ((34.2, 43.2), (31.0, 43.2), (37.5, 42.6))),
    # Between Sicily and the Gulf of Sidra; south of Rhodes; the Ionian Sea.
    ("Mediterranean Sea", ((18.5, 34.3), (28.0, 33.8), (17.0, 36.5))),
)


def route_colours(route_ids: Sequence[str]) -> dict[str, str]:
    """Each route's colour, by its position in `route_ids` (pass every route of the network, in
    its order, so a route keeps its colour on every map).

    >>> route_colours(["cpc", "trans-caspian"])
    {'cpc': '#E69F00', 'trans-caspian': '#29569D'}
    """
    return {rid: ROUTE_PALETTE[i % len(ROUTE_PALETTE)] for i, rid in enumerate(route_ids)}


def risk_colour(score: float | None) -> str:
    """The hex colour of a risk score on the green–amber–red ramp.

    >>> risk_colour(0), risk_colour(50), risk_colour(100)
    ('#1a9850', '#feb24c', '#d7191c')
    """
    if score is None or math.isnan(score):
        return UNKNOWN_COLOUR
    s = min(100.0, max(0.0, score))
    for (x0, c0), (x1, c1) in itertools.pairwise(RISK_STOPS):
        if s <= x1:
            t = (s - x0) / (x1 - x0)
            rgb = tuple(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#{:02x}{:02x}{:02x}".format(*RISK_STOPS[-1][1])


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on the background (WCAG relative luminance).

    >>> text_colour("#feb24c"), text_colour("#29569D")
    ('#000000', '#ffffff')
    """

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    # Contrast against black (y + 0.05) / 0.05 vs against white 1.05 / (y + 0.05): equal at
    # y ≈ 0.179.
    return "#000000" if y > 0.179 else "#ffffff"


def width_px(capacity_kbd: float | None, max_capacity_kbd: float) -> float:
    """Line width for a capacity: area-like (square root) scaling between the min and max widths.

    >>> width_px(None, 1600), width_px(1600, 1600), width_px(400, 1600)
    (2.0, 10.0, 6.0)
    """
    if capacity_kbd is None or max_capacity_kbd <= 0:
        return MIN_WIDTH_PX
    share = math.sqrt(min(1.0, capacity_kbd / max_capacity_kbd))
    return round(MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) * share, 2)


def stripes(widths: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """The routes sharing one leg as (route id, drawn width), in drawing order: widest first,
    each drawn on top of the one before. Every route keeps its own width unless the next one in
    would hide it; then it grows to show `STRIPE_PX` either side. Of equal widths, the route
    listed first is drawn outermost.

    >>> stripes([("a", 4.0)])
    [('a', 4.0)]
    >>> stripes([("a", 3.0), ("b", 3.0)])
    [('a', 6.0), ('b', 3.0)]
    >>> stripes([("a", 2.0), ("b", 10.0), ("c", 2.0)])
    [('b', 10.0), ('a', 5.0), ('c', 2.0)]

    A trunk many routes share is drawn no wider than `MAX_STRIPED_PX`, every stripe narrowed in
    proportion:

    >>> [w for _, w in stripes([(str(i), 2.0) for i in range(8)])]
    [16.0, 13.91, 11.83, 9.74, 7.65, 5.57, 3.48, 1.39]
    """
    inner_first = sorted(enumerate(widths), key=lambda iw: (iw[1][1], -iw[0]))
    out: list[tuple[str, float]] = []
    for _, (rid, w) in inner_first:
        out.append((rid, w if not out else max(w, out[-1][1] + 2 * STRIPE_PX)))
    scale = min(1.0, MAX_STRIPED_PX / out[-1][1]) if out else 1.0
    return [(rid, round(w * scale, 2)) for rid, w in out[::-1]]


def status_look(status: str) -> StatusLook:
    """How a segment of this status is drawn (unknown statuses in full)."""
    return STATUS_LOOK.get(status, "full")


def places(metrics: Sequence[RouteMetrics]) -> list[str]:
    """The node ids every map marks for these routes, in drawing order: segment ends, then pump
    stations along the lines and the chokepoints crossed."""
    ids = dict.fromkeys(
        n
        for m in metrics
        for s in (*m.segments, *m.parallel_segments)
        for n in (s.from_node, s.to_node)
    )
    ids.update(dict.fromkeys(n for m in metrics for n in (*m.nodes_along, *m.chokepoints)))
    return list(ids)


def legs(metrics: Sequence[RouteMetrics]) -> dict[str, list[str]]:
    """Each segment the routes use, once, with the ids of every route that uses it, in drawing
    order (a leg two routes share is drawn once, listing both)."""
    out: dict[str, list[str]] = {}
    for m in metrics:
        for s in (*m.segments, *m.parallel_segments):
            users = out.setdefault(s.id, [])
            if m.id not in users:
                users.append(m.id)
    return out


def short_place_name(name: str) -> str:
    """A place's name without its parenthesis, for a label.

    >>> short_place_name("Tengiz field (CPC head pump station)")
    'Tengiz field'
    """
    return name.split(" (")[0]


def country_name(names: Mapping[str, str], iso3: str) -> str:
    """A country's name from an ISO3 → name table; "at sea" for the water bucket.

    >>> country_name({"KAZ": "Kazakhstan"}, "KAZ"), country_name({}, "SEA")
    ('Kazakhstan', 'at sea')
    """
    if iso3 == "SEA":
        return "at sea"
    return names.get(iso3, iso3)
