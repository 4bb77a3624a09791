"""Geodesic measures on WGS84: lengths, distance by country, nodes' countries, chokepoints."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from routes.network import SEA, Boundary

if TYPE_CHECKING:
    import numpy.typing as npt
    from pyproj import Geod


@functools.cache
def geod() -> Geod:
    """The WGS84 ellipsoid's geodesics (pyproj is imported on first use: a command that reads
    its measures from the cache does not need it)."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


#: Pieces of a land segment that fall outside every country polygon and are shorter than this
#: are coastline generalisation (Natural Earth 1:50m is off by several km in places), not water:
#: they go to the nearest country.
COASTAL_SLIVER_KM: Final[float] = 10.0
#: A node off every polygon takes the nearest country within this distance, else none (water).
NODE_SNAP_KM: Final[float] = 25.0
#: How close a line must pass to a chokepoint to cross it, unless the node says otherwise.
DEFAULT_CHOKEPOINT_RADIUS_KM: Final[float] = 15.0
#: A tanker leg may cross land only on its way out of or into port, and only this far: ports sit
#: at town or terminal positions and Natural Earth's 1:50m coast is off by a few km in places.
PORT_APPROACH_MAX_KM: Final[float] = 30.0
#: A sea leg's stretch over land shorter than this is the 1:50m coastline's generalisation, not
#: a crossing (the narrows of the Dardanelles are 1.2 km wide).
COAST_TOLERANCE_KM: Final[float] = 1.0


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Length on the WGS84 ellipsoid, in km, of a (multi)line in lon/lat.

    >>> round(geodesic_length_km(LineString([(0, 0), (1, 0)])), 3)
    111.319
    """
    if geom.geom_type == "LineString":  # the vertices as arrays, not one Python float at a time
        xy = shapely.get_coordinates(geom)
        return float(geod().line_length(xy[:, 0], xy[:, 1])) / 1000.0
    return float(geod().geometry_length(geom)) / 1000.0


def polygon_from_geojson(geom: dict[str, Any]) -> BaseGeometry:
    """A GeoJSON Polygon or MultiPolygon mapping as a shapely geometry, its rings built from
    arrays (several times faster than `shapely.geometry.shape` on 1:50m outlines, the same
    geometry). Anything else, or a malformed ring, goes through `shape`, so its errors are the
    same.

    >>> polygon_from_geojson({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]})
    <POLYGON ((0 0, 1 0, 0 1, 0 0))>
    """
    from shapely.geometry import shape

    def polygon(rings: list[Any]) -> Any:
        shell, *holes = (shapely.linearrings(np.asarray(r, dtype=float)) for r in rings)
        return shapely.polygons(shell, holes=holes or None)

    try:
        if geom["type"] == "Polygon":
            return polygon(geom["coordinates"])
        if geom["type"] == "MultiPolygon":
            return shapely.multipolygons([polygon(p) for p in geom["coordinates"]])
    except (ValueError, TypeError, IndexError, KeyError, shapely.errors.ShapelyError):
        pass
    return shape(geom)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance in km between two (lon, lat) points."""
    _, _, metres = geod().inv(a[0], a[1], b[0], b[1])
    return float(metres) / 1000.0


def densify(coords: Sequence[tuple[float, float]], max_step_km: float) -> list[tuple[float, float]]:
    """Insert points along the geodesic between vertices so no step is longer than `max_step_km`."""
    out: list[tuple[float, float]] = [tuple(coords[0])]  # type: ignore[list-item]
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords):
        n = int(distance_km((lon1, lat1), (lon2, lat2)) // max_step_km)
        if n > 0:
            out.extend(geod().npts(lon1, lat1, lon2, lat2, n))
        out.append((lon2, lat2))
    return out


def point_to_line_km(lon: float, lat: float, line: LineString) -> float:
    """Approximate geodesic distance in km from a point to the nearest point of a line."""
    pt = Point(lon, lat)
    nearest = line.interpolate(line.project(pt))
    return distance_km((lon, lat), (nearest.x, nearest.y))


#: A lower bound, in km, on the geodesic length of one degree of planar (lon, lat) distance at
#: the equator: the WGS84 polar radius, times 2/π (an arc against its chord), over √2 (the
#: larger of Δlon and Δlat against their hypotenuse). Multiplied by the cosine of the highest
#: latitude involved, it bounds how far apart two points a planar distance apart can be.
KM_PER_PLANAR_DEGREE_MIN: Final[float] = (
    6356.75 * math.radians(1.0) * (2.0 / math.pi) / math.sqrt(2.0)
)


#: Line-point pairs `NearIndex.near_all` pre-filters at once (~10 MB of working arrays).
NEAR_BLOCK: Final[int] = 200_000


class NearIndex:
    """Points, each with its own distance limit, to find those near a line: set up once for a
    network's chokepoints or pump stations, asked once per segment.

    >>> index = NearIndex([(0.5, 0.01), (0.5, 1.0), (3.0, 0.0)], [2.0, 2.0, 500.0])
    >>> index.near(LineString([(0, 0), (1, 0)]))
    [0, 2]
    """

    def __init__(self, points: Sequence[tuple[float, float]], limits_km: Sequence[float]) -> None:
        self.points = list(points)
        self.limits_km = list(limits_km)
        self._xy = np.asarray(self.points, dtype=float).reshape(-1, 2)
        self._limits = np.asarray(self.limits_km, dtype=float)

    def near(self, line: LineString) -> list[int]:
        """The indices, in order, of the points whose `point_to_line_km` to `line` is at most
        their own limit."""
        return self.near_all([line])[0]

    def near_all(self, lines: Sequence[LineString]) -> list[list[int]]:
        """`near` for each of `lines`, the pre-filter run for many lines at once.

        A planar pre-filter, vectorised over lines and points and loose by half again over the
        bound `KM_PER_PLANAR_DEGREE_MIN`, skips the points that cannot be within their limit,
        so a line is tested against a few points (most lines against none), not every node of
        a large network; the test that decides is `point_to_line_km` itself. The lines go in
        blocks of at most `NEAR_BLOCK` line-point pairs, so memory stays flat as both grow.
        """
        if not self.points or not lines:
            return [[] for _ in lines]
        step = max(1, NEAR_BLOCK // len(self.points))
        return [
            near
            for start in range(0, len(lines), step)
            for near in self._near_block(lines[start : start + step])
        ]

    def _near_block(self, lines: Sequence[LineString]) -> list[list[int]]:
        xy, limits = self._xy, self._limits
        bounds = shapely.bounds(np.asarray(lines, dtype=object))  # one row per line
        minx, miny, maxx, maxy = (bounds[:, k, None] for k in range(4))
        top = np.minimum(89.0, np.maximum(np.abs(miny), np.abs(maxy)) + 1.0)
        margin = 1.5 * limits / (KM_PER_PLANAR_DEGREE_MIN * np.cos(np.radians(top)))
        loose = margin > 1.0  # the bound took the point within 1° of the line's latitudes
        maybe = loose | (
            (xy[:, 0] >= minx - margin)
            & (xy[:, 0] <= maxx + margin)
            & (xy[:, 1] >= miny - margin)
            & (xy[:, 1] <= maxy + margin)
        )
        out: list[list[int]] = [[] for _ in lines]
        for k in np.flatnonzero(maybe.any(axis=1)).tolist():
            line, candidates = lines[k], np.flatnonzero(maybe[k])
            planar = shapely.distance(line, shapely.points(xy[candidates]))
            candidates = candidates[loose[k, candidates] | (planar <= margin[k, candidates])]
            out[k] = [
                i
                for i in map(int, candidates)
                if point_to_line_km(*self.points[i], line) <= self.limits_km[i]
            ]
        return out


@dataclass(frozen=True)
class CountryIndex:
    """Country polygons with a spatial index, for distance by country and nodes' countries."""

    boundaries: tuple[Boundary, ...]
    _tree: STRtree = field(init=False, repr=False)

    def __post_init__(self) -> None:
        land = [b for b in self.boundaries if b.iso3 != SEA]
        object.__setattr__(self, "boundaries", tuple(land))
        geoms = [b.geometry for b in land]
        shapely.prepare(geoms)  # point-in-polygon on 1:50m outlines is ~10x faster prepared
        object.__setattr__(self, "_tree", STRtree(geoms))

    def country_at(self, lon: float, lat: float) -> str | None:
        """The country containing a point, else the nearest within `NODE_SNAP_KM`, else None."""
        pt = Point(lon, lat)
        for i in self._tree.query(pt, predicate="intersects"):
            return self.boundaries[int(i)].iso3
        return self._nearest_within(pt, NODE_SNAP_KM)

    def _nearest_within(self, pt: Point, limit_km: float) -> str | None:
        i = self._tree.nearest(pt)
        if i is None:
            return None
        b = self.boundaries[int(i)]
        edge = b.geometry.boundary
        nearest = edge.interpolate(edge.project(pt))
        if distance_km((pt.x, pt.y), (nearest.x, nearest.y)) <= limit_km:
            return b.iso3
        return None

    def _owners(
        self, lines: npt.NDArray[np.object_], xy: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.int_]:
        """The index of the polygon holding each point of `xy` (an n × 2 array of lon, lat)
        along `lines`, -1 for none. Each polygon whose box meets one of the lines tests the
        points inside its own box at once, prepared (the polygons do not overlap, so a point
        has one owner at most)."""
        x, y = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
        owner = np.full(len(xy), -1, dtype=int)
        for i in np.unique(self._tree.query(lines)[1]).tolist():
            geom = self.boundaries[i].geometry
            minx, miny, maxx, maxy = geom.bounds
            boxed = np.flatnonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))
            owner[boxed[shapely.contains_xy(geom, x[boxed], y[boxed])]] = i
        return owner

    def length_by_country_km(
        self, line: LineString, *, over_water: bool, length_km: float | None = None
    ) -> dict[str, float]:
        """Split a line's geodesic length by country; water and open sea go under `SEA`.

        A tanker leg (``over_water``) is all `SEA`. A land leg is cut into pieces of about 1 km,
        each given to the polygon holding its midpoint; a run of pieces off every polygon shorter
        than `COASTAL_SLIVER_KM` goes to the nearest country, a longer one counts as `SEA`.
        The values sum to the line's geodesic length (`length_km` when the caller has it).
        """
        total = geodesic_length_km(line) if length_km is None else length_km
        if over_water:
            return {SEA: total}
        return self.lengths_by_country_km([line], [total])[0]

    def lengths_by_country_km(
        self, lines: Sequence[LineString], lengths_km: Sequence[float]
    ) -> list[dict[str, float]]:
        """`length_by_country_km` of many land lines, each of the given geodesic length: their
        ~1 km pieces are cut, measured and placed in one pass (a thousand routes' 300,000
        pieces in a few calls, not a few per line), then each line's runs are read as for one."""
        if not lines:
            return []
        many, xy, ends = _points_along(lines, 0.01)
        # Piece k joins points k and k + 1: those between two lines are never read.
        pieces = np.asarray(geod().line_lengths(xy[:, 0], xy[:, 1]), dtype=float) / 1000.0
        mids = (xy[:-1] + xy[1:]) / 2.0
        owner = self._owners(many, mids)
        return [
            self._split(pieces[a : b - 1], mids[a : b - 1], owner[a : b - 1], total)
            for (a, b), total in zip(itertools.pairwise(ends), lengths_km, strict=True)
        ]

    def _split(
        self,
        pieces: npt.NDArray[np.float64],
        mids: npt.NDArray[np.float64],
        owner: npt.NDArray[np.int_],
        total: float,
    ) -> dict[str, float]:
        """One line's km by country from its pieces' lengths, midpoints and owners, scaled to
        sum to `total`, largest first."""
        out: dict[str, float] = {}
        cuts = (np.flatnonzero(owner[1:] != owner[:-1]) + 1).tolist()
        for i, j in zip([0, *cuts], [*cuts, len(owner)], strict=True):  # runs of one owner
            km = float(pieces[i:j].sum())
            if owner[i] >= 0:
                key = self.boundaries[int(owner[i])].iso3
            elif km < COASTAL_SLIVER_KM:
                key = self._nearest_within(Point(mids[(i + j) // 2]), 1e9) or SEA
            else:
                key = SEA
            out[key] = out.get(key, 0.0) + km
        scale = total / sum(out.values()) if out else 1.0
        return dict(sorted(((k, v * scale) for k, v in out.items()), key=lambda kv: -kv[1]))

    def shares_off_land(self, lines: Sequence[LineString]) -> list[float]:
        """For each line, the share of its points (one every ~5 km) that fall in no country:
        near 0 for a land leg, near 1 for one drawn at sea (or with its coordinates swapped).
        The points of all the lines are placed together.

        >>> index = CountryIndex((Boundary("AAA", "Aland", shapely.box(0, 0, 2, 2)),))
        >>> lines = [LineString([(0.5, 1), (1.5, 1)]), LineString([(1, 1), (1, 3)])]
        >>> [round(share, 1) for share in index.shares_off_land(lines)]
        [0.0, 0.5]
        """
        if not lines:
            return []
        many, xy, ends = _points_along(lines, 0.05)
        inside = self._owners(many, xy) >= 0
        return [
            float(1.0 - inside[a:b].mean()) if b > a else 0.0 for a, b in itertools.pairwise(ends)
        ]

    def region(self) -> tuple[float, float, float, float]:
        """The (min lon, min lat, max lon, max lat) box the country polygons cover."""
        bounds = np.array([b.geometry.bounds for b in self.boundaries])
        return (
            float(bounds[:, 0].min()),
            float(bounds[:, 1].min()),
            float(bounds[:, 2].max()),
            float(bounds[:, 3].max()),
        )


def _points_along(
    lines: Sequence[LineString], step_deg: float
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.float64], list[int]]:
    """The lines as an array, the (lon, lat) of all their points with a vertex at least every
    `step_deg` degrees, one line after another, and where each line's points begin (with the
    end of the last): line k's points are ``xy[ends[k]:ends[k + 1]]``."""
    many = np.asarray(lines, dtype=object)
    xy, line_of = shapely.get_coordinates(shapely.segmentize(many, step_deg), return_index=True)
    return many, xy, np.searchsorted(line_of, np.arange(len(lines) + 1)).tolist()


@dataclass(frozen=True)
class LandCrossing:
    """A stretch of a sea leg over land: its length, where it is, and whether it is the leg's
    way out of or into port (it touches an end)."""

    km: float
    at: tuple[float, float]
    port_approach: bool

    @property
    def allowed(self) -> bool:
        return self.km < COAST_TOLERANCE_KM or (
            self.port_approach and self.km <= PORT_APPROACH_MAX_KM
        )


def land_crossings(line: LineString, land: BaseGeometry) -> list[LandCrossing]:
    """Every stretch of `line` that lies over `land` (polygons), in order along the line.

    >>> from shapely.geometry import box
    >>> [(round(c.km), c.port_approach) for c in land_crossings(
    ...     LineString([(0.5, 0.5), (3, 0.5), (3, 3)]), box(0, 0, 1, 1).union(box(2, 2, 4, 4)))]
    [(56, True), (111, True)]
    """
    over = line.intersection(land)
    if over.is_empty:
        return []
    parts = [
        g for g in getattr(over, "geoms", [over]) if g.geom_type == "LineString" and not g.is_empty
    ]
    ends = (Point(line.coords[0]), Point(line.coords[-1]))
    out = []
    for part in sorted(parts, key=lambda g: line.project(Point(g.coords[0]))):
        mid = part.interpolate(0.5, normalized=True)
        touches = any(part.distance(e) < 1e-9 for e in ends)
        out.append(
            LandCrossing(geodesic_length_km(part), (round(mid.x, 3), round(mid.y, 3)), touches)
        )
    return out


def round_coordinates(geom: dict[str, Any], nd: int) -> dict[str, Any]:
    """A GeoJSON geometry mapping with every coordinate rounded to `nd` decimals.

    >>> round_coordinates({"type": "Point", "coordinates": [1.23456, 2.0]}, 2)
    {'type': 'Point', 'coordinates': [1.23, 2.0]}
    """

    def walk(c: Any) -> Any:
        if isinstance(c[0], int | float):
            return [round(c[0], nd), round(c[1], nd)]
        return [walk(x) for x in c]

    return {"type": geom["type"], "coordinates": walk(geom["coordinates"])}


def add_lengths(parts: Iterable[dict[str, float]]) -> dict[str, float]:
    """Sum several {key: km} mappings, largest first."""
    out: dict[str, float] = {}
    for part in parts:
        for key, km in part.items():
            out[key] = out.get(key, 0.0) + km
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))
