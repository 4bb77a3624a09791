"""Snapshot the CLI's outputs, to check that a speed-only change leaves every byte as it was.

    python benchmarks/snapshot.py /tmp/before            # before the change
    python benchmarks/snapshot.py /tmp/after --against /tmp/before

The outputs are those of the packaged data (compare in every format, show, list, scenario,
critical, sources, export as GeoJSON and CSV) and of compare and export on 100 synthetic routes
(benchmarks/synthetic.py); --synthetic 1000 adds a larger network. Exit code 1 when an output
differs from the one in --against.

The runs use a cache of their own (`CACHE`, unless ROUTES_CACHE_DIR is set; ROUTES_NO_CACHE=1
turns it off). Snapshot twice into the same folder to check both the run that fills it and the
run that reads it: the outputs name your data relative to the folder, so the working directory
is part of an entry's key, and another folder would fill the cache again.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import routes_cmd
from synthetic import write_synthetic

PACKAGED: dict[str, list[str]] = {
    "compare.json": ["compare", "--format", "json"],
    "compare.csv": ["compare", "--format", "csv"],
    "compare.md": ["compare", "--format", "markdown"],
    "compare.txt": ["compare"],
    "show-cpc.txt": ["show", "cpc"],
    "show-trans-caspian.json": ["show", "trans-caspian", "--format", "json"],
    "list.json": ["list", "--format", "json"],
    "list.txt": ["list"],
    "scenario.json": ["scenario", "cpc-mooring-nov-2025", "--format", "json"],
    "scenario.txt": ["scenario", "cpc-mooring-nov-2025"],
    "critical.json": ["critical", "--format", "json"],
    "sources.txt": ["sources"],
}
EXPORTS: dict[str, list[str]] = {
    "export.geojson": ["export", "--format", "geojson"],
    "export.csv": ["export", "--format", "csv"],
}


#: Where the synthetic folders go: one fixed path, as outputs name the folders they read.
DATA = Path(tempfile.gettempdir()) / "routes-snapshot-data"
#: The runs' cache, apart from yours.
CACHE = Path(tempfile.gettempdir()) / "routes-snapshot-cache"


def snapshot(folder: Path, sizes: list[int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "COLUMNS": "160"}
    env.setdefault("ROUTES_CACHE_DIR", str(CACHE))
    routes = routes_cmd()
    # The packaged folder's path (in compare's data_folders) depends on the checkout.
    geodata = (
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from routes.io import packaged_data_dir; print(packaged_data_dir())",
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,
            check=True,
        )
        .stdout.strip()
        .encode()
    )

    def run(name: str, args: list[str]) -> None:  # in the folder: files are named alike
        proc = subprocess.run([*routes, *args], capture_output=True, env=env, cwd=folder)
        (folder / name).write_bytes(proc.stdout.replace(geodata, b"<geodata>"))
        (folder / f"{name}.stderr").write_bytes(
            proc.stderr.replace(geodata, b"<geodata>") + f"exit {proc.returncode}\n".encode()
        )

    for name, args in PACKAGED.items():
        run(name, args)
    for name, args in EXPORTS.items():
        run(f"{name}.log", [*args, "--output", name])
    for n in sizes:
        data = ["--data", str(write_synthetic(DATA / f"syn{n}", n))]
        run(f"syn{n}.compare.json", ["compare", *data, "--format", "json"])
        run(f"syn{n}.compare.txt", ["compare", *data])
        run(f"syn{n}.export.geojson.log", ["export", *data, "--output", f"syn{n}.export.geojson"])


def differences(a: Path, b: Path) -> list[str]:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    return [
        n
        for n in names
        if not (
            (a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, shallow=False)
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--against", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument(
        "--synthetic",
        type=int,
        nargs="*",
        default=[100],
        help="numbers of synthetic routes to snapshot too (default 100)",
    )
    args = parser.parse_args()
    snapshot(args.folder, args.synthetic)
    if args.against is not None:
        diff = differences(args.against, args.folder)
        print("identical" if not diff else "differ: " + ", ".join(diff))
        raise SystemExit(1 if diff else 0)
    print(f"wrote {args.folder}")


if __name__ == "__main__":
    main()
