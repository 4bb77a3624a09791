"""Time `routes memo` against `routes compare`, both in this one process, and print the ratio.

Both run through the CLI's own entry point (typer's test runner), alternating, after one warm-up
each, so imports and the file cache are shared and the ratio is the work itself: the comparison,
two scenario runs, the static map, four charts, three documents and results.json.

Run by hand or in CI as a report:  python benchmarks/bench_memo.py [--repeat 5]
Speed is reported here, never asserted inside the tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from routes.cli import app


def timed(run: Callable[[], None], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795651200")
    runner = CliRunner()
    out = Path(tempfile.mkdtemp()) / "memo"

    def invoke(*argv: str) -> Callable[[], None]:
        def run() -> None:
            result = runner.invoke(app, list(argv))
            if result.exit_code != 0:
                raise SystemExit(f"routes {' '.join(argv)} failed: {result.output}")

        return run

    cases = {
        "routes compare --format json": invoke("compare", "--format", "json"),
        "routes memo --format md": invoke(
            "memo", "--format", "md", "--force", "--output", str(out)
        ),
        "routes memo (md, html, docx)": invoke("memo", "--force", "--output", str(out)),
    }
    for run in cases.values():  # warm-up: imports, file cache, matplotlib's font cache
        run()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, run in cases.items():
            times[name] += timed(run, 1)
    t = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"median of {args.repeat} runs each, in one process (seconds)")
    for name, seconds in t.items():
        print(f"  {name:<34} {seconds:7.3f}")
    compare = t["routes compare --format json"]
    print("ratios")
    print(f"  memo (md) / compare                {t['routes memo --format md'] / compare:7.2f}")
    print(
        f"  memo (md, html, docx) / compare    "
        f"{t['routes memo (md, html, docx)'] / compare:7.2f}  (target <= 15)"
    )
    sizes = {p.name: p.stat().st_size for p in out.rglob("*") if p.is_file()}
    print("sizes (kB): " + ", ".join(f"{k} {v / 1e3:,.0f}" for k, v in sorted(sizes.items())))


if __name__ == "__main__":
    main()
