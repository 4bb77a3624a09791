"""How routes look: colours a colour-blind reader and a greyscale printer can tell apart, stripes
for shared legs, sea names in open water."""

from __future__ import annotations

import itertools
import math

import pytest

from routes import style
from routes.network import Network

#: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of colour
#: vision deficiency", IEEE TVCG 15(6): the severity-1.0 matrices, applied to linear RGB.
PROTANOPIA = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)
DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
#: The minimum differences the palette keeps between any two route colours (CIEDE2000): plain
#: sight, each simulated deficiency, and greyscale (where only lightness is left, L* apart).
MIN_NORMAL = 20.0
MIN_DEFICIENT = 15.0
MIN_GREY_L = 8.0


def linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return linear(r), linear(g), linear(b)


def simulate(
    lin: tuple[float, float, float], m: tuple[tuple[float, ...], ...]
) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, sum(m[i][j] * lin[j] for j in range(3)))) for i in range(3))
    return r, g, b


def lab(lin: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a linear sRGB colour."""
    r, g, b = lin
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def ciede2000(c1: tuple[float, float, float], c2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005)."""
    l1, a1, b1 = c1
    l2, a2, b2 = c2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar**7 / (cbar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dlp, dcp = l2 - l1, c2p - c1p
    dhp = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    lbar, cbarp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbar = (h1p + h2p) / 2
    else:
        hbar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbar - 30))
        + 0.24 * math.cos(math.radians(2 * hbar))
        + 0.32 * math.cos(math.radians(3 * hbar + 6))
        - 0.20 * math.cos(math.radians(4 * hbar - 63))
    )
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc = 1 + 0.045 * cbarp
    sh = 1 + 0.015 * cbarp * t
    rc = 2 * math.sqrt(cbarp**7 / (cbarp**7 + 25**7))
    rt = -math.sin(math.radians(60 * math.exp(-(((hbar - 275) / 25) ** 2)))) * rc
    return math.sqrt(
        (dlp / sl) ** 2 + (dcp / sc) ** 2 + (dhh / sh) ** 2 + rt * (dcp / sc) * (dhh / sh)
    )


def test_ciede2000_matches_sharma_s_reference_pairs() -> None:
    # Sharma, Wu & Dalal (2005), table 1, pairs 1, 7 and 17.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


@pytest.mark.parametrize(
    ("sight", "matrix", "minimum"),
    [
        ("normal", None, MIN_NORMAL),
        ("protanopia", PROTANOPIA, MIN_DEFICIENT),
        ("deuteranopia", DEUTERANOPIA, MIN_DEFICIENT),
    ],
)
def test_route_colours_stay_apart_for_colour_blind_readers(
    sight: str, matrix: tuple[tuple[float, ...], ...] | None, minimum: float
) -> None:
    seen = [
        lab(rgb(c) if matrix is None else simulate(rgb(c), matrix)) for c in style.ROUTE_PALETTE
    ]
    closest = min(ciede2000(a, b) for a, b in itertools.combinations(seen, 2))
    assert closest >= minimum, f"{sight}: two route colours only {closest:.1f} apart"


def test_route_colours_stay_apart_in_greyscale() -> None:
    lightness = sorted(lab(rgb(c))[0] for c in style.ROUTE_PALETTE)
    gaps = [b - a for a, b in itertools.pairwise(lightness)]
    assert min(gaps) >= MIN_GREY_L
    # None so light that it vanishes on the land colour (L* 95), none black like the markets.
    assert lightness[0] >= 20 and lightness[-1] <= 75


def test_the_machado_matrices_keep_white_white() -> None:
    for m in (PROTANOPIA, DEUTERANOPIA):
        assert simulate((1.0, 1.0, 1.0), m) == pytest.approx((1.0, 1.0, 1.0), abs=2e-3)


def test_the_old_colouring_by_risk_fails_the_same_check() -> None:
    # The test can fail: the five routes coloured by their risk scores (62, 21, 37, 35, 14) on
    # the green–amber–red ramp, as the map used to draw them, are near-identical khakis.
    old = [style.risk_colour(s) for s in (62, 21, 37, 35, 14)]
    for matrix in (PROTANOPIA, DEUTERANOPIA):
        seen = [lab(simulate(rgb(c), matrix)) for c in old]
        assert min(ciede2000(a, b) for a, b in itertools.combinations(seen, 2)) < 2.0


def test_route_colours_cycle_past_the_palette() -> None:
    ids = [f"r{i}" for i in range(len(style.ROUTE_PALETTE) + 2)]
    colours = style.route_colours(ids)
    assert colours["r0"] == style.ROUTE_PALETTE[0]
    assert colours[f"r{len(style.ROUTE_PALETTE)}"] == style.ROUTE_PALETTE[0]


def test_every_status_has_a_look_and_planned_differs_from_idle() -> None:
    from routes.network import STATUSES

    looks = {s: style.status_look(s) for s in STATUSES}
    assert looks["operating"] == "full"
    assert looks["idle"] != looks["planned"]
    assert looks["planned"] == looks["under_construction"] == "hollow"
    assert set(looks.values()) == set(style.STATUS_LABEL)


def test_sea_names_sit_in_open_water(net: Network) -> None:
    from shapely.geometry import Point
    from shapely.ops import unary_union

    land = unary_union([b.geometry for b in net.boundaries])
    for name, points in style.SEA_LABELS:
        for lon, lat in points:
            assert land.distance(Point(lon, lat)) >= 0.5, (name, lon, lat)


def test_a_stripe_grows_only_when_the_next_one_in_would_hide_it() -> None:
    assert style.stripes([("a", 10.0), ("b", 2.0)]) == [("a", 10.0), ("b", 2.0)]
    assert style.stripes([("a", 4.0), ("b", 3.0)]) == [("a", 6.0), ("b", 3.0)]
    assert style.stripes([("a", 3.0), ("b", 4.0), ("c", 2.0)]) == [
        ("b", 8.0),
        ("a", 5.0),
        ("c", 2.0),
    ]
