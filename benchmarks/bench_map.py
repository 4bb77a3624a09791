"""How big the offline map gets and how long `routes map` takes, with 10, 100 and 1,000 extra
synthetic routes (benchmarks/synthetic.py), and where the page's bytes go.

    python benchmarks/bench_map.py [--sizes 10,100,1000] [--repeat 3]

Times are wall-clock medians of `routes map` run as a user runs it (a fresh process each time),
the HTML alone and with an A4 PNG; sizes are the page's bytes split into Leaflet, the basemap,
the routes' data and the rest. Speed is measured here, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic

TARGET_MB_AT_100 = 1.5
PACKAGED_ROUTES = 5


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def breakdown(page: str) -> dict[str, int]:
    """The page's bytes: Leaflet inlined, the basemap, the routes' data, everything else."""
    match = re.search(
        r"<script type='application/json' id='routes-data'>(.*?)</script>", page, re.S
    )
    assert match is not None
    data = json.loads(match.group(1))
    basemap = len(json.dumps(data.pop("basemap"), separators=(",", ":")).encode())
    leaflet = sum(len(m.encode()) for m in re.findall(r"<script>(.*?)</script>", page, re.S)[:1])
    leaflet += sum(len(m.encode()) for m in re.findall(r"<style>(.*?)</style>", page, re.S)[:1])
    total = len(page.encode())
    routes = len(match.group(1).encode()) - basemap
    return {
        "total": total,
        "leaflet": leaflet,
        "basemap": basemap,
        "routes": routes,
        "other": total - leaflet - basemap - routes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,10,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    # Seed 0's 1,000-route folder has one feeder the land check refuses; seed 1's passes.
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    routes = [sys.executable, "-m", "routes.cli"]
    print(
        "| extra routes | page MB | Leaflet | basemap | routes' data | per route | "
        "map s | map + A4 PNG s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        at_100 = None
        for n in (int(s) for s in args.sizes.split(",")):
            data = (
                []
                if n == 0
                else ["--data", str(write_synthetic(work / f"syn{n}", n, seed=args.seed))]
            )
            out = work / f"map{n}.html"
            html_s = statistics.median(
                run([*routes, "map", *data, "--output", str(out)]) for _ in range(args.repeat)
            )
            png_s = statistics.median(
                run(
                    [
                        *routes,
                        "map",
                        *data,
                        "--output",
                        str(out),
                        "--figure",
                        str(work / f"map{n}.png"),
                    ]
                )
                for _ in range(args.repeat)
            )
            b = breakdown(out.read_text(encoding="utf-8"))
            if n == 100:
                at_100 = b["total"] / 1e6
            per_route = b["routes"] / 1e3 / (n + PACKAGED_ROUTES)
            print(
                f"| {n:,} | {b['total'] / 1e6:.2f} | {b['leaflet'] / 1e3:,.0f} kB | "
                f"{b['basemap'] / 1e3:,.0f} kB | {b['routes'] / 1e3:,.0f} kB | "
                f"{per_route:.1f} kB | {html_s:.2f} | {png_s:.2f} |"
            )
        if at_100 is not None:
            print(
                f"\noffline map with 100 extra routes: {at_100:.2f} MB (target under "
                f"{TARGET_MB_AT_100} MB)"
            )


if __name__ == "__main__":
    main()
