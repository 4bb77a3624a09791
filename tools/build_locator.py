"""Build routes/map_assets/locator.json, the coarse land outline the static map's locator inset
draws, from Natural Earth 1:50m countries in ../shared/reference/.

Run from the project root:  python tools/build_locator.py [--reference ../shared/reference]
The output is deterministic (sorted, rounded): run it twice and `git diff` stays empty.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box

ROOT = Path(__file__).resolve().parent.parent
#: The locator's window (lon, lat): Europe, the Middle East and Asia as far as China.
WINDOW = (-15.0, 5.0, 135.0, 72.0)
#: Coarse enough for a 2-inch inset: half a degree, polygons over 1.5 square degrees.
TOLERANCE_DEG = 0.5
MIN_AREA = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    args = parser.parse_args()
    countries = gpd.read_file(args.reference / "naturalearth" / "ne_50m_admin_0_countries.shp")
    land = shapely.union_all(countries.geometry.values).intersection(box(*WINDOW))
    land = land.simplify(TOLERANCE_DEG, preserve_topology=True)
    parts = sorted(
        (
            p
            for p in getattr(land, "geoms", [land])
            if p.geom_type == "Polygon" and p.area >= MIN_AREA
        ),
        key=lambda p: (-p.area, p.bounds),
    )
    rings = [[[round(x, 1), round(y, 1)] for x, y in p.exterior.coords] for p in parts]
    doc = {
        "source": "Made with Natural Earth (1:50m countries, dissolved and simplified)",
        "window": list(WINDOW),
        "rings": rings,
    }
    out = ROOT / "routes" / "map_assets" / "locator.json"
    out.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(rings)} rings, {out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
