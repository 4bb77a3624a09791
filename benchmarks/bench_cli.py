"""Time the CLI against the imports it stands on, in one run, and print the ratios.

Run by hand or in CI as a report:  python benchmarks/bench_cli.py [--repeat 7]
Speed is reported here, never asserted inside the tests.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def routes_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("routes")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("routes")
    return [found] if found else [sys.executable, "-m", "routes.cli"]


def median_seconds(cmd: list[str], repeat: int) -> float:
    subprocess.run(cmd, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    py, routes = [sys.executable], routes_cmd()
    cases = {
        "python -c 'import typer'": [*py, "-c", "import typer"],
        "python -c 'import geopandas'": [*py, "-c", "import geopandas"],
        "python -c 'import geopandas, networkx'": [*py, "-c", "import geopandas, networkx"],
        "routes --help": [*routes, "--help"],
        "routes list": [*routes, "list"],
    }
    commands = subprocess.run([*routes, "--help"], capture_output=True, text=True).stdout
    if "compare" in commands:
        cases["routes compare"] = [*routes, "compare"]
    if "scenario" in commands:
        cases["routes scenario cpc-mooring-nov-2025"] = [*routes, "scenario",
                                                         "cpc-mooring-nov-2025"]
    if "critical" in commands:
        cases["routes critical (N-1 sweep)"] = [*routes, "critical"]
    map_file = Path(tempfile.mkdtemp()) / "map.html"
    if " map " in commands:
        cases["routes map (offline, all routes)"] = [*routes, "map", "--output", str(map_file)]
    t = {name: median_seconds(cmd, args.repeat) for name, cmd in cases.items()}
    print(f"median of {args.repeat} runs each (seconds)")
    for name, seconds in t.items():
        print(f"  {name:<42} {seconds:7.3f}")
    print("ratios")
    print(f"  routes --help / import typer             {t['routes --help'] / t[next(iter(t))]:7.2f}"
          "  (target <= 2)")
    print(f"  routes list / import geopandas           "
          f"{t['routes list'] / t['python -c ' + repr('import geopandas')]:7.2f}")
    if "routes compare" in t:
        base = t["python -c 'import geopandas, networkx'"]
        print(f"  routes compare / import geopandas, networkx {t['routes compare'] / base:4.2f}"
              "  (target <= 1.3)")
    if "routes compare" in t and "routes scenario cpc-mooring-nov-2025" in t:
        compare = t["routes compare"]
        print(f"  routes scenario / routes compare         "
              f"{t['routes scenario cpc-mooring-nov-2025'] / compare:7.2f}  (target <= 1.5)")
        print(f"  routes critical / routes compare         "
              f"{t['routes critical (N-1 sweep)'] / compare:7.2f}  (target <= 3)")
    if map_file.exists():
        print("sizes")
        print(f"  offline map, all routes                  {map_file.stat().st_size / 1e6:7.3f} MB"
              "  (target < 1.5)")


if __name__ == "__main__":
    main()
