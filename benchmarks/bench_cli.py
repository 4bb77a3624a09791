"""Time the CLI in one run: the packaged-data commands against the floor of the imports each one
needs, and validate, compare, map and export on 10, 100 and 1,000 extra synthetic routes.

Run by hand or in CI as a report:  python benchmarks/bench_cli.py [--repeat 5] [--quick]
Speed is reported here, never asserted inside the tests.

Each case is run once to warm the file cache and write bytecode (PYTHONDONTWRITEBYTECODE is
dropped for the runs, as an installed package has its bytecode), then the cases are timed in
interleaved rounds, so that a burst of load on a shared machine hits them alike; a figure is the
median of the rounds, wall-clock and CPU (user + system, the command's own process; BLAS is
kept to one thread, which it does not use here, so that its idle threads count for nothing). A
case whose first run takes longer than --budget seconds is timed once.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_synthetic

#: What each command truly needs to import (numpy comes with shapely) when it finds the checked
#: and measured network in the cache (compare finds its whole comparison there, plain data).
#: The floor of a command is the time of `python -c "import <these>"`; the report lists any
#: other package it imports.
FLOORS: dict[str, tuple[str, ...]] = {
    "help": ("typer",),
    "list": ("typer", "rich.console", "rich.table", "shapely"),
    "compare": ("typer", "rich.console", "rich.table"),
    "scenario": ("typer", "rich.console", "rich.table", "shapely", "networkx"),
    "critical": ("typer", "rich.console", "rich.table", "shapely", "networkx"),
    "map": ("typer", "shapely", "pyproj", "xstatic.pkg.leaflet"),
    "export": ("typer", "shapely", "pyproj"),
}
#: Reading the files needs PyYAML, the network shapely and measuring its segments pyproj: the
#: floor of a run without the cache (`ROUTES_NO_CACHE=1`) adds them.
AFRESH: tuple[str, ...] = ("shapely", "yaml", "pyproj")
#: The yardstick issue 12 states for compare: the libraries its analysis uses, without the CLI.
ANALYSIS_FLOOR: tuple[str, ...] = ("shapely", "pyproj", "numpy", "yaml")
SIZES: tuple[int, ...] = (10, 100, 1000)


@dataclass
class Case:
    """One command line and its timings (seconds)."""

    cmd: list[str]
    #: Environment variables of this case's own (the cache turned off).
    extra_env: dict[str, str] = field(default_factory=dict)
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    once: bool = False

    @property
    def wall_s(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_s(self) -> float:
        return statistics.median(self.cpu)


def routes_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("routes")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("routes")
    return [found] if found else [sys.executable, "-m", "routes.cli"]


def environment(work: Path) -> dict[str, str]:
    drop = ("PYTHONDONTWRITEBYTECODE", "ROUTES_NO_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    # A cache of the benchmark's own, empty at the start: the warm-up run of a case fills it.
    env["ROUTES_CACHE_DIR"] = str(work / "cache")
    env["SOURCE_DATE_EPOCH"] = env.get("SOURCE_DATE_EPOCH", "1700000000")
    # numpy's BLAS starts a thread a core at import, which spins on idle cores: CPU time would
    # count it. Nothing here uses BLAS; one thread leaves the wall-clock time as it is.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    return env


def run(case: Case, env: dict[str, str]) -> float:
    """Run the command once, recording its wall-clock and CPU time; return the wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        case.cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**env, **case.extra_env}
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(case.cmd)} failed ({proc.returncode}): {err.strip()}")
    case.wall.append(wall)
    case.cpu.append(usage.ru_utime + usage.ru_stime)
    return wall


def time_cases(
    cases: dict[str, Case], repeat: int, budget_s: float, env: dict[str, str], *, warm: bool
) -> None:
    for case in cases.values():
        first = run(case, env)
        if warm:  # the warm-up run is not counted
            case.wall.clear()
            case.cpu.clear()
        case.once = first > budget_s
    for _ in range(repeat):
        for case in cases.values():
            if not case.once or not case.wall:
                run(case, env)


def imported_packages(argv: list[str], env: dict[str, str]) -> list[str]:
    """The top-level packages outside the standard library that `python argv...` imports."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, env=env
    )
    found: list[str] = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            top = line.rsplit("|", 1)[1].strip().split(".")[0]
            if (
                top.isidentifier()
                and top not in sys.stdlib_module_names
                and not top.startswith("_")
                and top != "routes"
                and top not in found
            ):
                found.append(top)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="sizes 10 and 100 only (no map at 1,000 routes)"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="numbers of extra routes, comma-separated; empty for none",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=5.0,
        help="time once a case whose first run takes longer (seconds)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="routes-bench-"))
    env, py, routes = environment(work), [sys.executable], routes_cmd()
    try:
        report(args, env, py, routes, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(
    args: argparse.Namespace, env: dict[str, str], py: list[str], routes: list[str], work: Path
) -> None:
    commands = {
        "help": [*routes, "--help"],
        "list": [*routes, "list"],
        "compare": [*routes, "compare"],
        "scenario": [*routes, "scenario", "cpc-mooring-nov-2025"],
        "critical": [*routes, "critical"],
        "map": [*routes, "map", "--output", str(work / "map.html")],
        "export": [*routes, "export", "--output", str(work / "export.geojson")],
    }
    off = {"ROUTES_NO_CACHE": "1"}
    # Each command run from the cache (its warm-up run fills it) and afresh. One case per
    # distinct floor (list and compare need the same imports, so do scenario and critical),
    # each timed and traced once; the analysis yardstick is one more.
    floors = {name: FLOORS[name] for name in commands}
    floors.update(
        {
            f"{name} afresh": (*mods, *(m for m in AFRESH if m not in mods))
            for name, mods in FLOORS.items()
            if name != "help"
        }
    )
    runs = {**commands, **{f"{n} afresh": cmd for n, cmd in commands.items() if n != "help"}}
    floor_of = {name: "import " + ", ".join(mods) for name, mods in floors.items()}
    yardstick = "import " + ", ".join(ANALYSIS_FLOOR)
    cases = {
        f"routes {name}": Case(cmd, off if name.endswith("afresh") else {})
        for name, cmd in runs.items()
    }
    cases.update({s: Case([*py, "-c", s]) for s in dict.fromkeys([*floor_of.values(), yardstick])})
    started = time.perf_counter()
    time_cases(cases, args.repeat, args.budget, env, warm=True)

    print(
        f"Packaged data: median of {args.repeat} interleaved runs, seconds; ratio to the "
        "floor of the imports the command needs. A command finds the checked and measured "
        "network in its cache; 'afresh' runs with ROUTES_NO_CACHE=1"
    )
    print(
        f"  {'command':<25} {'wall':>6} {'floor':>6} {'ratio':>5}   {'cpu':>6} {'floor':>6} "
        f"{'ratio':>5}   floor: python -c 'import ...'"
    )
    for name in runs:
        c, f = cases[f"routes {name}"], cases[floor_of[name]]
        print(
            f"  routes {name:<18} {c.wall_s:6.3f} {f.wall_s:6.3f} {c.wall_s / f.wall_s:5.2f}   "
            f"{c.cpu_s:6.3f} {f.cpu_s:6.3f} {c.cpu_s / f.cpu_s:5.2f}   {', '.join(floors[name])}"
        )
    yard = cases[yardstick]
    for name in ("compare", "compare afresh"):
        c = cases[f"routes {name}"]
        print(
            f"  routes {name} against import {', '.join(ANALYSIS_FLOOR)} (issue 12's "
            f"yardstick): {c.wall_s / yard.wall_s:.2f} wall, {c.cpu_s / yard.cpu_s:.2f} cpu "
            f"({yard.wall_s:.3f} s)"
        )
    print(
        "  targets: routes --help <= 1.2 x its floor; routes compare <= 1.3 x issue 12's "
        "yardstick (its own floor stated above)"
    )
    extra = {}
    traced = {s: set(imported_packages(["-c", s], env)) for s in dict.fromkeys(floor_of.values())}
    for name, cmd in runs.items():
        floor = traced[floor_of[name]]
        more = [
            p
            for p in imported_packages(
                ["-m", "routes.cli", *cmd[len(routes) :]],
                {**env, **cases[f"routes {name}"].extra_env},
            )
            if p not in floor
        ]
        if more:
            extra[name] = more
    print(
        "  imports beyond the floor: "
        + ("; ".join(f"{k}: {', '.join(v)}" for k, v in extra.items()) or "none")
    )

    sizes = tuple(int(n) for n in args.sizes.split(",") if n.strip())
    if args.quick:
        sizes = tuple(n for n in sizes if n <= 100)
    if not sizes:
        print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")
        return
    folders = {n: write_synthetic(work / f"syn{n}", n) for n in sizes}
    sized: dict[str, Case] = {}
    cached: dict[str, Case] = {}  # compare again, from the cache its warm-up run fills
    for n, folder in folders.items():
        data = ["--data", str(folder)]
        sized[f"validate {n}"] = Case([*routes, "validate", *data], off)
        sized[f"compare {n}"] = Case([*routes, "compare", *data, "--format", "json"], off)
        sized[f"map {n}"] = Case(
            [*routes, "map", *data, "--output", str(work / f"map{n}.html")], off
        )
        sized[f"export {n}"] = Case(
            [*routes, "export", *data, "--output", str(work / f"export{n}.geojson")], off
        )
        cached[f"cached {n}"] = Case([*routes, "compare", *data, "--format", "json"])
    time_cases(sized, args.repeat, args.budget, env, warm=False)
    time_cases(cached, args.repeat, args.budget, env, warm=True)
    print(
        "\nExtra synthetic routes (benchmarks/synthetic.py) over the packaged data, median "
        "wall seconds (runs); ratio to the size before. Run afresh (ROUTES_NO_CACHE=1), "
        "and compare again from the cache ('cached')"
    )
    print(f"  {'command':<10}" + "".join(f"{n:>18,}" for n in sizes))
    every = {**sized, **cached}
    for what in ("validate", "compare", "cached", "map", "export"):
        cells, before = [], None
        for n in sizes:
            c = every[f"{what} {n}"]
            ratio = f" x{c.wall_s / before:4.1f}" if before else "      "
            cells.append(f"{c.wall_s:8.2f} ({len(c.wall)}){ratio}")
            before = c.wall_s
        print(f"  {what:<10}" + "".join(f"{cell:>18}" for cell in cells))
    if 1000 in sizes and 100 in sizes:
        c1000, c100 = sized["compare 1000"].wall_s, sized["compare 100"].wall_s
        print(
            f"  compare (--format json) at 1,000 routes: {c1000:.2f} s, {c1000 / c100:.1f} x "
            "its time at 100 (targets: under 3 s, at most 10 x)"
        )
    if 100 in sizes:
        size = (work / "map100.html").stat().st_size / 1e6
        print(f"  offline map at 100 routes: {size:.2f} MB (target under 1.5 MB)")
    print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
