from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Polygon

from routes.geometry import CountryIndex, densify, distance_km, geodesic_length_km
from routes.network import SEA, Boundary, Network

INDEX = CountryIndex(
    (
        Boundary("AAA", "Aland", Polygon([(0, 0), (2, 0), (2, 2), (0, 2)])),
        Boundary("BBB", "Beland", Polygon([(2, 0), (4, 0), (4, 2), (2, 2)])),
    )
)


def test_one_degree_of_equator() -> None:
    assert geodesic_length_km(LineString([(0, 0), (1, 0)])) == pytest.approx(111.32, abs=0.01)


def test_length_split_between_two_countries() -> None:
    line = LineString([(1, 1), (3, 1)])
    split = INDEX.length_by_country_km(line, over_water=False)
    assert split["AAA"] == pytest.approx(split["BBB"], rel=0.01)
    assert sum(split.values()) == pytest.approx(geodesic_length_km(line))


def test_long_run_off_the_polygons_is_sea_and_a_short_one_a_sliver() -> None:
    to_sea = INDEX.length_by_country_km(LineString([(1, 1), (1, -1)]), over_water=False)
    assert to_sea[SEA] == pytest.approx(111.3, abs=1)
    sliver = INDEX.length_by_country_km(LineString([(1, 1), (1, -0.02)]), over_water=False)
    assert set(sliver) == {"AAA"}


def test_tanker_leg_is_all_sea() -> None:
    line = LineString([(1, 1), (3, 1)])
    assert INDEX.length_by_country_km(line, over_water=True) == {
        SEA: pytest.approx(geodesic_length_km(line))
    }


def test_country_at_snaps_near_coast_points() -> None:
    assert INDEX.country_at(1, 1) == "AAA"
    assert INDEX.country_at(1, -0.1) == "AAA"  # 11 km offshore
    assert INDEX.country_at(1, -1) is None


def test_densify_keeps_ends_and_step() -> None:
    pts = densify([(0.0, 0.0), (3.0, 0.0)], 50.0)
    assert pts[0] == (0.0, 0.0) and pts[-1] == (3.0, 0.0)
    assert max(distance_km(a, b) for a, b in itertools.pairwise(pts)) <= 50.0


coords = st.tuples(st.floats(0.1, 3.9), st.floats(-1.0, 1.9))


@settings(max_examples=50, deadline=None)
@given(st.lists(coords, min_size=3, max_size=6, unique=True))
def test_lengths_are_additive(points: list[tuple[float, float]]) -> None:
    whole = LineString(points)
    parts = [LineString(points[:2]), LineString(points[1:])]
    assert geodesic_length_km(whole) == pytest.approx(sum(geodesic_length_km(p) for p in parts))
    split = INDEX.length_by_country_km(whole, over_water=False)
    assert sum(split.values()) == pytest.approx(geodesic_length_km(whole))


# The pre-filters that keep measuring linear must never change what is found.


@settings(max_examples=150, deadline=None)
@given(
    line=st.lists(
        st.tuples(st.floats(10, 80), st.floats(30, 70)), min_size=2, max_size=4, unique=True
    ),
    points=st.lists(st.tuples(st.floats(8, 82), st.floats(28, 72)), max_size=12),
    limits=st.lists(st.floats(0.5, 300), min_size=12, max_size=12),
)
def test_near_index_finds_what_testing_every_point_finds(
    line: list[tuple[float, float]], points: list[tuple[float, float]], limits: list[float]
) -> None:
    from routes.geometry import NearIndex, point_to_line_km

    geom = LineString(line)
    if geom.length == 0:
        return
    limits = limits[: len(points)]
    every = [
        i
        for i, (p, limit) in enumerate(zip(points, limits, strict=True))
        if point_to_line_km(p[0], p[1], geom) <= limit
    ]
    assert NearIndex(points, limits).near(geom) == every


def test_near_index_keeps_a_point_just_inside_its_limit_and_drops_one_just_outside() -> None:
    from routes.geometry import NearIndex

    line = LineString([(50, 55), (52, 55)])  # at 55°N a degree of longitude is ~64 km
    inside, outside = (51, 55 + 1.9 / 111.2), (51, 55 + 2.1 / 111.2)
    east = (52 + 1.9 / 64.0, 55)  # beyond the line's end, along the parallel
    assert NearIndex([outside, inside, (51.5, 55.0), east], [2.0] * 4).near(line) == [1, 2, 3]


def test_country_split_takes_each_piece_from_the_polygon_around_it() -> None:
    # Three polygons listed out of order along the line, with a gap (sea) between two of them.
    index = CountryIndex(
        (
            Boundary("CCC", "Celand", Polygon([(5, 0), (7, 0), (7, 2), (5, 2)])),
            Boundary("AAA", "Aland", Polygon([(0, 0), (2, 0), (2, 2), (0, 2)])),
            Boundary("BBB", "Beland", Polygon([(2, 0), (4, 0), (4, 2), (2, 2)])),
        )
    )
    line = LineString([(1, 1), (6, 1)])
    split = index.length_by_country_km(line, over_water=False)
    assert list(split)[:2] == ["BBB", "SEA"]  # largest first
    assert split == {
        "BBB": pytest.approx(2 * 111.3, abs=0.3),
        "SEA": pytest.approx(111.3, abs=0.2),
        "AAA": pytest.approx(111.3, abs=0.2),
        "CCC": pytest.approx(111.3, abs=0.2),
    }
    assert sum(split.values()) == pytest.approx(geodesic_length_km(line))


@pytest.mark.parametrize(
    "geom",
    [
        {
            "type": "Polygon",
            "coordinates": [
                [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
                [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]],
            ],
        },
        {
            "type": "MultiPolygon",
            "coordinates": [
                [[[0, 0], [1, 0], [1, 1], [0, 0]]],
                [[[5, 5], [9, 5], [9, 9], [5, 9], [5, 5]], [[6, 6], [7, 6], [7, 7], [6, 6]]],
            ],
        },
    ],
)
def test_polygons_built_from_arrays_are_shapely_s_own(geom: dict) -> None:  # type: ignore[type-arg]
    from shapely.geometry import shape

    from routes.geometry import polygon_from_geojson

    built = polygon_from_geojson(geom)
    assert built.geom_type == geom["type"]
    assert built.wkb == shape(geom).wkb


@pytest.mark.parametrize("coords", [[[[0, 0], [1, 0]]], [[[0, 0], [1, 0], [1, "x"], [0, 0]]]])
def test_a_malformed_polygon_fails_as_shapely_fails(coords: list) -> None:  # type: ignore[type-arg]
    from shapely.geometry import shape

    from routes.geometry import polygon_from_geojson

    geom = {"type": "Polygon", "coordinates": coords}
    with pytest.raises(ValueError) as ours:
        polygon_from_geojson(geom)
    with pytest.raises(ValueError) as theirs:
        shape(geom)
    assert str(ours.value) == str(theirs.value)


# Measuring many lines at once must give each line what measuring it alone gives.

_LINE = st.lists(st.tuples(st.floats(-0.5, 4.5), st.floats(-0.5, 2.5)), min_size=2, max_size=4)
#: One to five lines of some length over Aland, Beland and the sea south of them.
_LINES = (
    st.lists(_LINE, min_size=1, max_size=5)
    .map(lambda lines: [g for g in map(LineString, lines) if g.length > 0.001])
    .filter(bool)
)


def test_a_line_measured_among_others_keeps_its_own_pieces() -> None:
    # A short line inside Aland between two long lines in Beland: no piece of a neighbour, and
    # no piece joining the end of one line to the start of the next, may count for it.
    lines = [
        LineString([(2.5, 0.5), (3.5, 1.5)]),
        LineString([(0.5, 1.0), (0.6, 1.0)]),
        LineString([(3.5, 0.5), (2.5, 1.5)]),
    ]
    split = INDEX.lengths_by_country_km(lines, [geodesic_length_km(g) for g in lines])
    assert [set(s) for s in split] == [{"BBB"}, {"AAA"}, {"BBB"}]
    assert split[1]["AAA"] == pytest.approx(11.13, abs=0.01)
    assert INDEX.shares_off_land([*lines, LineString([(1, 1), (1, -1)])]) == [
        0.0,
        0.0,
        0.0,
        pytest.approx(0.5, abs=0.05),
    ]


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(
        st.lists(st.tuples(st.floats(10, 80), st.floats(30, 70)), min_size=2, max_size=3),
        min_size=1,
        max_size=4,
    ),
    points=st.lists(st.tuples(st.floats(8, 82), st.floats(28, 72)), max_size=8),
    limits=st.lists(st.floats(0.5, 300), min_size=8, max_size=8),
)
def test_near_index_for_many_lines_finds_what_testing_every_point_finds(
    lines: list[list[tuple[float, float]]],
    points: list[tuple[float, float]],
    limits: list[float],
) -> None:
    from routes.geometry import NearIndex, point_to_line_km

    geoms = [LineString(c) for c in lines if LineString(c).length > 0]
    limits = limits[: len(points)]
    every = [
        [
            i
            for i, (p, limit) in enumerate(zip(points, limits, strict=True))
            if point_to_line_km(p[0], p[1], g) <= limit
        ]
        for g in geoms
    ]
    assert NearIndex(points, limits).near_all(geoms) == every


def test_near_index_gives_the_same_in_blocks_of_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    import routes.geometry
    from routes.geometry import NearIndex, point_to_line_km

    lines = [LineString([(50 + 2 * i, 45), (51 + 2 * i, 46 + i % 3)]) for i in range(7)]
    points = [(50.5 + 0.7 * i, 45.4 + 0.3 * (i % 5)) for i in range(9)]
    limits = [5.0, 40.0, 120.0] * 3
    every = [
        [
            i
            for i, (p, r) in enumerate(zip(points, limits, strict=True))
            if point_to_line_km(*p, g) <= r
        ]
        for g in lines
    ]
    assert any(every) and not all(every)
    for block in (1, 9, 20, 10**6):  # one line a block (9 points each), two lines, all at once
        monkeypatch.setattr(routes.geometry, "NEAR_BLOCK", block)
        assert NearIndex(points, limits).near_all(lines) == every, block


def _split_one_line_at_a_time(index: CountryIndex, line: LineString) -> dict[str, float]:
    """The country split as written before it ran for all lines together: one line's ~1 km
    pieces, each given to the polygon that holds its midpoint (the later polygon when two
    do), a short run off every polygon to the nearest country, scaled to the line's length."""
    import numpy as np
    import shapely

    from routes.geometry import COASTAL_SLIVER_KM, geod

    xy = np.asarray(shapely.segmentize(line, 0.01).coords)[:, :2]
    pieces = np.asarray(geod().line_lengths(xy[:, 0], xy[:, 1]), dtype=float) / 1000.0
    mids = (xy[:-1] + xy[1:]) / 2.0
    owner = np.full(len(mids), -1)
    for i, b in enumerate(index.boundaries):
        owner[shapely.contains_xy(b.geometry, mids[:, 0], mids[:, 1])] = i
    out: dict[str, float] = {}
    cuts = (np.flatnonzero(owner[1:] != owner[:-1]) + 1).tolist()
    for i, j in zip([0, *cuts], [*cuts, len(owner)], strict=True):
        km = float(pieces[i:j].sum())
        if owner[i] >= 0:
            key = index.boundaries[int(owner[i])].iso3
        elif km < COASTAL_SLIVER_KM:
            key = index._nearest_within(shapely.Point(mids[(i + j) // 2]), 1e9) or SEA
        else:
            key = SEA
        out[key] = out.get(key, 0.0) + km
    scale = geodesic_length_km(line) / sum(out.values())
    return dict(sorted(((k, v * scale) for k, v in out.items()), key=lambda kv: -kv[1]))


@settings(max_examples=60, deadline=None)
@given(_LINES)
def test_lines_measured_together_are_measured_as_one_line_at_a_time(
    geoms: list[LineString],
) -> None:
    lengths = [geodesic_length_km(g) for g in geoms]
    together = INDEX.lengths_by_country_km(geoms, lengths)
    assert together == [_split_one_line_at_a_time(INDEX, g) for g in geoms]
    assert together == [INDEX.length_by_country_km(g, over_water=False) for g in geoms]
    for split, length in zip(together, lengths, strict=True):
        assert sum(split.values()) == pytest.approx(length)
    assert INDEX.shares_off_land(geoms) == [INDEX.shares_off_land([g])[0] for g in geoms]


def test_the_packaged_segments_split_together_as_one_at_a_time(net: Network) -> None:
    land = [s.geometry for s in net.segments.values() if s.mode != "tanker"]
    index = CountryIndex(net.boundaries)
    together = index.lengths_by_country_km(land, [geodesic_length_km(g) for g in land])
    assert together == [_split_one_line_at_a_time(index, g) for g in land]
