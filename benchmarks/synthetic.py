"""Synthetic networks for the benchmarks: a `--data` folder of N extra routes laid over geodata.

Every route is made of NEW nodes and segments, each citing a synthetic source (marked as such in
its title), with capacities that carry a unit, an as-of year and sources. Pipelines are drawn on
land inside the packaged boundaries (Kazakhstan and its neighbours), each segment ending on its
nodes. Routes are grouped: the routes of a group share one trunk line to a market, every fifth
route's feeder runs as two parallel branches (one of them through a pump station), and every
tenth route is carried by a pipeline to a Caspian port and a tanker leg (a few legs in all, drawn
along the packaged Aktau and Kuryk lanes). Same seed, same bytes.

    python benchmarks/synthetic.py 100 /tmp/syn100
    routes compare --data /tmp/syn100
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path
from typing import Any

import shapely
import yaml
from shapely.geometry import LineString, shape
from shapely.ops import unary_union

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
#: Where pipelines are drawn: Kazakhstan, with its Russian, Chinese and Central Asian borders.
BOX_LONLAT = (49.0, 40.5, 86.0, 55.0)
#: One vertex every so many degrees along a pipeline (about 25 km).
STEP_DEG = 0.25
ROUTES_PER_GROUP = 8
ROUTES_PER_MARKET = 40
ROUTES_PER_TANKER_LEG = 50
#: The packaged tanker lanes that the synthetic tanker legs follow, in turn.
TANKER_TEMPLATES = ("aktau-sangachal", "kuryk-sangachal")
CRUDE = "kazakh-export"
SOURCE_COUNT = 25


#: The most of a pipeline's sample points (one every ~5 km) that may fall off land: well under
#: the 10% `routes validate` allows, so that a line along a coast passes.
MAX_OFF_LAND = 0.02


def _land() -> Any:
    """The packaged countries as one polygon, prepared for point tests."""
    doc = json.loads((GEODATA / "boundaries.geojson").read_text(encoding="utf-8"))
    union = unary_union([shape(f["geometry"]) for f in doc["features"]])
    shapely.prepare(union)
    return union


def _off_land(land: Any, coords: list[list[float]]) -> float:
    """The share of a line's points, one every ~5 km, that fall in no country."""
    xy = shapely.get_coordinates(shapely.segmentize(LineString(coords), 0.05))
    return float(1.0 - shapely.contains_xy(land, xy[:, 0], xy[:, 1]).mean())


def _r(x: float) -> float:
    return round(x, 5)


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.land = _land()
        self.nodes: list[dict[str, Any]] = []
        self.segments: list[dict[str, Any]] = []
        self.routes: list[dict[str, Any]] = []
        self.costs: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.sources = [
            {
                "id": f"syn-src-{k:02d}",
                "title": f"Synthetic benchmark record {k:02d} (generated, not a real document)",
                "url": None,
                "publisher": "routes benchmarks (synthetic)",
                "date": "2025-01-01",
            }
            for k in range(SOURCE_COUNT)
        ]

    def source(self) -> str:
        return str(self.sources[self.rng.randrange(SOURCE_COUNT)]["id"])

    def land_point(
        self, near: tuple[float, float] | None = None, spread_deg: float = 3.0
    ) -> tuple[float, float]:
        x0, y0, x1, y1 = BOX_LONLAT
        while True:
            if near is None:
                lon, lat = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1)
            else:
                lon = near[0] + self.rng.uniform(-spread_deg, spread_deg)
                lat = near[1] + self.rng.uniform(-spread_deg, spread_deg) * 0.6
            if x0 <= lon <= x1 and y0 <= lat <= y1 and shapely.contains_xy(self.land, lon, lat):
                return _r(lon), _r(lat)

    def node(self, ident: str, name: str, kind: str, at: tuple[float, float]) -> str:
        self.nodes.append(
            {
                "type": "Feature",
                "properties": {
                    "id": ident,
                    "name": name,
                    "kind": kind,
                    "location_quality": "synthetic",
                    "sources": [self.source()],
                },
                "geometry": {"type": "Point", "coordinates": [at[0], at[1]]},
            }
        )
        return ident

    def line(self, a: tuple[float, float], b: tuple[float, float]) -> list[list[float]] | None:
        """A gently winding line from a to b on land, or None when none of a few tries is."""
        length = math.dist(a, b)
        n = max(2, math.ceil(length / STEP_DEG))
        nx, ny = (a[1] - b[1]) / length, (b[0] - a[0]) / length  # unit normal
        for _ in range(6):
            amp = self.rng.uniform(-0.06, 0.06) * length
            waves = self.rng.choice((1, 2, 3))
            coords = []
            for k in range(n + 1):
                t = k / n
                off = amp * math.sin(math.pi * waves * t)
                coords.append(
                    [
                        _r(a[0] + t * (b[0] - a[0]) + off * nx),
                        _r(a[1] + t * (b[1] - a[1]) + off * ny),
                    ]
                )
            coords[0], coords[-1] = [a[0], a[1]], [b[0], b[1]]
            if _off_land(self.land, coords) <= MAX_OFF_LAND:
                return coords
        return None

    def capacity(self, low: float, high: float) -> dict[str, Any]:
        if self.rng.random() < 0.08:
            return {
                "value": None,
                "unit": "Mt/yr",
                "as_of": 2024,
                "sources": [self.source()],
                "note": "Synthetic: capacity left unknown on purpose.",
            }
        unit = self.rng.choice(("Mt/yr", "kb/d"))
        value = self.rng.uniform(low, high)
        return {
            "value": round(value if unit == "Mt/yr" else value * 20.1, 1),
            "unit": unit,
            "as_of": self.rng.randint(2019, 2025),
            "sources": [self.source()],
        }

    def segment(
        self,
        ident: str,
        mode: str,
        start: str,
        end: str,
        coords: list[list[float]],
        *,
        low: float,
        high: float,
        status: str = "operating",
    ) -> str:
        props: dict[str, Any] = {
            "id": ident,
            "name": f"Synthetic {mode}: {start} – {end}",
            "mode": mode,
            "from": start,
            "to": end,
            "status": status,
            "operator": "Synthetic Operator",
            "crude": CRUDE,
            "capacity": self.capacity(low, high),
            "throughput": [],
            "sources": [self.source()],
            "geometry_source": "synthetic (benchmarks/synthetic.py)",
        }
        cap = props["capacity"]
        if cap["value"] is not None and self.rng.random() < 0.5:
            used = cap["value"] * self.rng.uniform(0.3, 0.9)
            props["throughput"] = [
                {
                    "year": 2024,
                    "shippers": "all",
                    "value": round(used, 1),
                    "unit": cap["unit"],
                    "as_of": 2024,
                    "sources": [self.source()],
                }
            ]
        self.segments.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "LineString", "coordinates": coords},
            }
        )
        return ident

    def pipeline(
        self,
        ident: str,
        start: str,
        end: str,
        a: tuple[float, float],
        b: tuple[float, float],
        **kw: Any,
    ) -> str | None:
        coords = self.line(a, b)
        if coords is None:
            return None
        return self.segment(ident, "pipeline", start, end, coords, **kw)

    def cost(self, ident: str, kind: str, segment: str, low: float, high: float) -> None:
        self.costs.append(
            {
                "id": ident,
                "kind": kind,
                "segments": [segment],
                "value": round(self.rng.uniform(low, high), 2),
                "unit": "USD/t",
                "as_of": self.rng.randint(2019, 2025),
                "sources": [self.source()],
            }
        )

    def event(self, ident: str, target: str) -> None:
        year = self.rng.randint(2019, 2025)
        start = f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 20):02d}"
        end = f"{start[:8]}{int(start[8:]) + self.rng.randint(0, 8):02d}"
        self.events.append(
            {
                "id": ident,
                "target": target,
                "start": start,
                "end": end,
                "share_lost": round(self.rng.uniform(0.1, 1.0), 2),
                "category": self.rng.choice(("weather", "technical", "security")),
                "cause": "Synthetic outage for the benchmarks",
                "sources": [self.source()],
            }
        )


def build(n_routes: int, seed: int = 0) -> dict[str, Any]:
    """The layers of a synthetic folder of `n_routes` routes, as plain data."""
    b = _Builder(seed)
    templates = json.loads((GEODATA / "segments.geojson").read_text(encoding="utf-8"))
    lanes = {
        f["properties"]["id"]: f["geometry"]["coordinates"]
        for f in templates["features"]
        if f["properties"]["id"] in TANKER_TEMPLATES
    }
    markets: list[tuple[str, tuple[float, float]]] = []
    for m in range(max(1, math.ceil(n_routes / ROUTES_PER_MARKET))):
        at = b.land_point()
        markets.append((b.node(f"syn-market-{m}", f"Synthetic market {m}", "market", at), at))
    groups: list[tuple[str, tuple[float, float], str, str]] = []  # hub, where, trunk, market

    def group(g: int) -> tuple[str, tuple[float, float], str, str]:
        while len(groups) <= g:
            k = len(groups)
            market, m_at = markets[k % len(markets)]
            while True:
                at = b.land_point(m_at, spread_deg=8.0)
                if math.dist(at, m_at) < 1.0:
                    continue
                trunk = b.pipeline(
                    f"syn-trunk-{k}", f"syn-hub-{k}", market, at, m_at, low=10.0, high=60.0
                )
                if trunk is not None:
                    break
            b.node(f"syn-hub-{k}", f"Synthetic hub {k}", "junction", at)
            b.cost(f"syn-tariff-{k}", "tariff", trunk, 5.0, 40.0)
            if k % 4 == 1:
                b.event(f"syn-event-{k}", trunk)
            groups.append((f"syn-hub-{k}", at, trunk, market))
        return groups[g]

    legs: list[tuple[str, str, tuple[float, float], str]] = []  # port, leg, port at, landfall

    def leg(k: int) -> tuple[str, str, tuple[float, float], str]:
        while len(legs) <= k:
            j = len(legs)
            coords = lanes[TANKER_TEMPLATES[j % len(TANKER_TEMPLATES)]]
            start = (coords[0][0], coords[0][1])
            port = b.node(f"syn-port-{j}", f"Synthetic Caspian berth {j}", "port", start)
            landfall = b.node(
                f"syn-landfall-{j}",
                f"Synthetic landfall terminal {j}",
                "terminal",
                (coords[-1][0], coords[-1][1]),
            )
            ident = f"syn-tanker-{j}"
            b.segment(
                ident, "tanker", port, landfall, [list(c) for c in coords], low=3.0, high=12.0
            )
            b.cost(f"syn-freight-{j}", "freight", ident, 5.0, 15.0)
            legs.append((port, ident, start, landfall))
        return legs[k]

    for i in range(n_routes):
        rid = f"syn-route-{i}"
        field_id = f"syn-field-{i}"
        status = "planned" if i % 7 == 6 else "operating"
        if i % 10 == 3:  # by pipeline to a Caspian berth, then by tanker
            port, tanker, port_at, landfall = leg(
                (i // 10) % max(1, n_routes // ROUTES_PER_TANKER_LEG)
            )
            while True:
                at = b.land_point(port_at, spread_deg=2.5)
                if (
                    math.dist(at, port_at) > 0.3
                    and b.pipeline(
                        f"syn-feeder-{i}",
                        field_id,
                        port,
                        at,
                        port_at,
                        low=1.0,
                        high=8.0,
                        status=status,
                    )
                    is not None
                ):
                    break
            b.node(field_id, f"Synthetic field {i}", "field", at)
            stages: list[Any] = [f"syn-feeder-{i}", tanker]
            destination = landfall
        else:
            hub, hub_at, trunk, market = group(i // ROUTES_PER_GROUP)
            while True:
                at = b.land_point(hub_at, spread_deg=3.0)
                if math.dist(at, hub_at) < 0.3:
                    continue
                if i % 5 != 1:
                    if (
                        b.pipeline(
                            f"syn-feeder-{i}",
                            field_id,
                            hub,
                            at,
                            hub_at,
                            low=1.0,
                            high=15.0,
                            status=status,
                        )
                        is not None
                    ):
                        feeder: Any = f"syn-feeder-{i}"
                        break
                    continue
                # Two parallel branches: straight to the hub, or through a pump station.
                mid = ((at[0] + hub_at[0]) / 2 + 0.4, (at[1] + hub_at[1]) / 2 - 0.3)
                mid = (_r(mid[0]), _r(mid[1]))
                lines = (b.line(at, hub_at), b.line(at, mid), b.line(mid, hub_at))
                if None in lines or not shapely.contains_xy(b.land, *mid):
                    continue
                ps = b.node(f"syn-ps-{i}", f"Synthetic pump station {i}", "pump_station", mid)
                for ident, (s, e), coords in zip(
                    (f"syn-feeder-{i}", f"syn-feeder-{i}-b1", f"syn-feeder-{i}-b2"),
                    ((field_id, hub), (field_id, ps), (ps, hub)),
                    lines,
                    strict=True,
                ):
                    assert coords is not None
                    b.segment(ident, "pipeline", s, e, coords, low=1.0, high=10.0, status=status)
                feeder = {
                    "parallel": [[f"syn-feeder-{i}"], [f"syn-feeder-{i}-b1", f"syn-feeder-{i}-b2"]]
                }
                break
            b.node(field_id, f"Synthetic field {i}", "field", at)
            if i % 13 == 0:
                b.event(f"syn-event-feeder-{i}", field_id)
            stages = [feeder, trunk]
            destination = market
        b.routes.append(
            {
                "id": rid,
                "name": f"Synthetic route {i}",
                "origin": field_id,
                "destination": destination,
                "segments": stages,
                "sources": [b.source()],
                "description": "Generated by benchmarks/synthetic.py for the benchmarks.",
            }
        )
    return {
        "sources": b.sources,
        "nodes": b.nodes,
        "segments": b.segments,
        "routes": b.routes,
        "costs": b.costs,
        "events": b.events,
    }


def write_synthetic(folder: Path, n_routes: int, *, seed: int = 0) -> Path:
    """Write a `--data` folder holding `n_routes` synthetic routes; return the folder."""
    layers = build(n_routes, seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("nodes", "segments"):
        doc = {"type": "FeatureCollection", "features": layers[name]}
        (folder / f"{name}.geojson").write_text(
            json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    for name in ("sources", "routes", "costs", "events"):
        text = f"# {name}.yaml: synthetic, from benchmarks/synthetic.py (not real data)\n"
        text += yaml.safe_dump(layers[name], sort_keys=False, allow_unicode=True, width=100)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_routes", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write_synthetic(args.folder, args.n_routes, seed=args.seed))


if __name__ == "__main__":
    main()
