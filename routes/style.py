"""How routes look on every map, interactive or static: colours, dashes, widths, node markers.

Pure values, no drawing library: `maps` (folium) and `figures` (matplotlib) both read them, so the
PNG for print matches the HTML map.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from routes.metrics import RouteMetrics

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
#: Risk colour ramp: green (low) → amber → red (high), for scores 0, 50 and 100.
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
#: Line opacity by segment status: what is not operating is drawn faded, never dropped.
STATUS_OPACITY: Final[dict[str, float]] = {"operating": 0.9}
INACTIVE_OPACITY: Final[float] = 0.4
MIN_WIDTH_PX: Final[float] = 2.0
MAX_WIDTH_PX: Final[float] = 10.0
UNKNOWN_COLOUR: Final[str] = "#7f7f7f"
#: A scenario's flows (drawn over the routes) and what its outages cut.
FLOW_COLOUR: Final[str] = "#3f2a8c"
CUT_COLOUR: Final[str] = "#d7191c"
CUT_DASH: Final[tuple[float, ...]] = (4.0, 6.0)


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


def width_px(capacity_kbd: float | None, max_capacity_kbd: float) -> float:
    """Line width for a capacity: area-like (square root) scaling between the min and max widths.

    >>> width_px(None, 1600), width_px(1600, 1600), width_px(400, 1600)
    (2.0, 10.0, 6.0)
    """
    if capacity_kbd is None or max_capacity_kbd <= 0:
        return MIN_WIDTH_PX
    share = math.sqrt(min(1.0, capacity_kbd / max_capacity_kbd))
    return round(MIN_WIDTH_PX + (MAX_WIDTH_PX - MIN_WIDTH_PX) * share, 2)


def places(metrics: Sequence[RouteMetrics]) -> list[str]:
    """The node ids every map marks for these routes, in drawing order: segment ends, then pump
    stations along the lines and the chokepoints crossed."""
    ids = dict.fromkeys(n for m in metrics for s in (*m.segments, *m.parallel_segments)
                        for n in (s.from_node, s.to_node))
    ids.update(dict.fromkeys(n for m in metrics for n in (*m.nodes_along, *m.chokepoints)))
    return list(ids)
