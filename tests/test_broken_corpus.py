"""Every folder in tests/broken/ is a broken input with its exact message(s) and exit code.

A folder holds the data files of one mistake and `expected.txt`: the first line `exit N`, then
the exact lines the command prints on stderr. It may hold `args.txt`: one command line, split
as a shell would (`shlex`), run from inside a copy of the folder; without it the command is
`validate --data .`, which lays the folder over the packaged data. Sub-folders of a case with
`args.txt` are its inputs (e.g. `--data a --data b`).

Every case also checks that the run changed no file it was given, and wrote exactly the files
its `Wrote FILE` lines name (so a refused run leaves nothing behind, not even a temporary file).
"""

from __future__ import annotations

import hashlib
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from routes.cli import app

BROKEN = sorted(p for p in (Path(__file__).parent / "broken").iterdir() if p.is_dir())
EXPECTED = {p.name: (p / "expected.txt").read_text(encoding="utf-8") for p in BROKEN}
#: Words a message must not hold: Python's names for values, types and errors.
PYTHON_WORDS = re.compile(
    r"\b(None|True|False|int|float|dict|str|bytes|tuple|set|frozenset|nan|inf|NoneType|"
    r"utf-8-sig|self|Traceback|[A-Z][a-z]+Error|Exception)\b|value\.value|__|<class"
)


def args_of(folder: Path) -> list[str]:
    args = folder / "args.txt"
    if not args.exists():
        return ["validate", "--data", "."]
    return shlex.split(args.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under a folder: a file by its digest, a link by its target."""
    out = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            out[key] = "-> " + str(path.readlink())
        elif path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run_case(
    folder: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, int, str, dict[str, str]]:
    """Run a case in a copy of its folder: (the copy, exit code, stderr, files before)."""
    work = tmp_path / folder.name
    shutil.copytree(folder, work, symlinks=True)
    (work / "expected.txt").unlink()
    (work / "args.txt").unlink(missing_ok=True)
    before = snapshot(work)
    monkeypatch.chdir(work)
    result = runner.invoke(app, args_of(folder))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return work, result.exit_code, result.stderr, before


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder already holding the packaged network, measured, and the risk profile."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as m:
        m.delenv("ROUTES_NO_CACHE", raising=False)
        m.setenv("ROUTES_CACHE_DIR", str(folder))
        assert CliRunner().invoke(app, ["compare"]).exit_code == 0
    return folder


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 65


@pytest.mark.parametrize("cache", ["computed", "cached"])
@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_folder_gets_its_exact_message(
    folder: Path,
    cache: str,
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    warm_cache: Path,
) -> None:
    """Each case run afresh, and with the packaged network in the command line's cache (its
    message never comes from the cache, and a run from it checks every option alike)."""
    if cache == "cached":
        monkeypatch.delenv("ROUTES_NO_CACHE")
        monkeypatch.setenv("ROUTES_CACHE_DIR", str(warm_cache))
    code_line, *expected = EXPECTED[folder.name].splitlines()
    work, code, stderr, before = run_case(folder, tmp_path, runner, monkeypatch)
    assert stderr.splitlines() == expected
    assert code == int(code_line.split()[1])
    after = snapshot(work)
    assert {k: after.get(k) for k in before} == before, "an input file was changed"
    # A run writes what it says it wrote, and nothing else (no temporary, no half of a pair).
    wrote = {line.removeprefix("Wrote ") for line in expected if line.startswith("Wrote ")}
    assert set(after) - set(before) == wrote
    for name in wrote:
        if name.endswith(".gpkg"):  # a real GeoPackage: SQLite with the GPKG application id
            head = (work / name).read_bytes()[:72]
            assert head.startswith(b"SQLite format 3\x00") and head[68:72] == b"GPKG"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_messages_are_plain_sentences(name: str) -> None:
    """One line a problem, naming what to do after a ';', short, and in the data's words."""
    code_line, *lines = EXPECTED[name].splitlines()
    assert re.fullmatch(r"exit [0-2]", code_line)
    for line in lines:
        assert not PYTHON_WORDS.search(line), line
        assert len(line.encode()) <= 400, line
        if line.startswith("Error: ") and not line.startswith("Error: Invalid value for"):
            assert "; " in line, f"no fix after a ';': {line}"
            assert not line.endswith((".", ";", " ")), line


def test_python_words_are_caught() -> None:
    """The filter above would see the words the issue found in messages."""
    for bad in (
        "is None",
        "is True",
        "'utf-8-sig' codec",
        "value.value",
        "is inf",
        "a dict",
        "KeyError: 'x'",
        "is nan,",
    ):
        assert PYTHON_WORDS.search(bad), bad
    for good in (
        "is null",
        "is true",
        "is infinity",
        "a mapping",
        "an infinite value",
        "the information",
        "a setting",
        "intake",
    ):
        assert not PYTHON_WORDS.search(good), good


# The fix a message suggests works -------------------------------------------------------------

SUGGESTION = re.compile(r"'([^']+)'[^']*\(did you mean '([^']+)'\?\)")
RENAME = re.compile(r"^Error: (\S+): not a file routes reads; rename it '([^']+)'", re.MULTILINE)
SUGGESTED = sorted(
    name for name, text in EXPECTED.items() if SUGGESTION.search(text) or RENAME.search(text)
)


@pytest.mark.parametrize("name", SUGGESTED)
def test_taking_the_suggestion_fixes_the_case(
    name: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a message says "did you mean 'x'" or "rename it 'x'", doing just that makes the
    same command succeed."""
    folder = Path(__file__).parent / "broken" / name
    _, message, *_ = EXPECTED[name].splitlines()
    work = tmp_path / name
    shutil.copytree(folder, work, symlinks=True)
    if rename := RENAME.search(message):
        (work / rename.group(1)).rename(work / rename.group(2))
    else:
        match = SUGGESTION.search(message)
        assert match is not None
        path, good = match.groups()
        bad = re.split(r"[.\]]", path)[-1]  # a misspelt key is named by its path
        edited = 0
        for path in work.rglob("*"):
            if path.is_file() and path.name not in ("expected.txt", "args.txt"):
                text = path.read_text(encoding="utf-8")
                fixed = re.sub(rf"(?<![\w.-]){re.escape(bad)}(?![\w.-])", good, text)
                edited += fixed != text
                path.write_text(fixed, encoding="utf-8")
        assert edited == 1, f"{bad!r} is not in exactly one file"
    monkeypatch.chdir(work)
    result = runner.invoke(app, args_of(folder))
    assert result.exit_code == 0, result.stderr


def edit(path: str, old: str, new: str) -> Any:
    def fix(work: Path) -> None:
        text = (work / path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        (work / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return fix


def remove(path: str) -> Any:
    def fix(work: Path) -> None:
        target = work / path
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()

    return fix


def move_up(path: str) -> Any:
    def fix(work: Path) -> None:
        (work / path).rename(work / Path(path).name)
        (work / path).parent.rmdir()

    return fix


#: For each case, what its message says to do, done: edits to its files, or other arguments.
FIXES: dict[str, tuple[Any, ...]] = {
    # "give a real date" (February 2022 has 28 days)
    "impossible-date-unquoted": (edit("events.yaml", "2022-02-30", "2022-02-28"),),
    # "check the year"
    "date-in-year-9999": (edit("events.yaml", "9999-03-02", "2022-03-02"),),
    # "drop it (GeoJSON is WGS84 longitude/latitude)"
    "crs-is-text": (edit("nodes.geojson", '"crs": "EPSG:4326",', ""),),
    # "keep one of them"
    "duplicate-yaml-key": (edit("costs.yaml", "  value: 12.0\n", ""),),
    # "give a list of ids"
    "sources-is-a-number": (edit("events.yaml", "sources: 5", "sources: [bp-btc]"),),
    # "move the files you want read up into the data folder, and the folder out of it"
    "sub-folder": (move_up("extra/costs.yaml"),),
    # "fix the link or remove it"
    "dangling-symlink": (remove("costs.yaml"),),
    # "list it once"
    "route-segment-twice": (edit("routes.yaml", "  - btc\n  - btc\n", "  - btc\n"),),
    # "mark a subsea pipeline with offshore: true"
    "pipeline-at-sea": (
        edit("segments.geojson", '"status": "planned",', '"status": "planned", "offshore": true,'),
    ),
    # "give the radius in kilometres, not metres"
    "radius-in-metres": (edit("nodes.geojson", '"radius_km": 15000', '"radius_km": 15'),),
    # "routes reads tanker-speed in kn: give the value in that unit" (22 km/h is 11.9 kn)
    "speed-in-wrong-unit": (
        edit("assumptions.yaml", "value: 22\n  unit: km/h", "value: 11.9\n  unit: kn"),
    ),
    # "correct the figure or its unit" (100 kb/d is about 5 Mt/yr)
    "throughput-above-capacity": (edit("segments.geojson", '"value": 7.5', '"value": 4.5'),),
    # "keep it within that" (2 km of where the segments meet it)
    "node-moved-by-override": (edit("nodes.geojson", "47.5", "47.12"),),
    # "keep 'sangachal', or override the route too"
    "segment-override-breaks-route": (
        edit("segments.geojson", '"from": "baku"', '"from": "sangachal"'),
        edit("segments.geojson", "49.7006,", "49.48127,"),
        edit("segments.geojson", "40.44692", "40.20126"),
    ),
    # "give a number from 0 to 1"
    "weights-parameter-out-of-range": (edit("weights.yaml", ": 3", ": 0.3"),),
    # "swap window_start and window_end"
    "weights-window-reversed": (
        edit("weights.yaml", "2025-01-01", "X"),
        edit("weights.yaml", "2022-12-31", "2025-01-01"),
        edit("weights.yaml", "X", "2022-12-31"),
    ),
    # "write it in quotes"
    "weights-version-number": (edit("weights.yaml", "1.10", "'1.10'"),),
    # "choose another path"
    "output-is-a-data-file": (edit("args.txt", "--output routes.yaml", "--output ../out.json"),),
    # "drop --format"
    "export-suffix-contradicts-format": (edit("args.txt", " --format geojson", ""),),
    "output-suffix-contradicts-format": (edit("args.txt", " --format csv", ""),),
    # "give each folder once"
    "data-same-folder-twice": (edit("args.txt", " --data ./a/", ""),),
}


@pytest.mark.parametrize("name", sorted(FIXES))
def test_doing_what_the_message_says_fixes_the_case(
    name: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(__file__).parent / "broken" / name
    work = tmp_path / name
    shutil.copytree(folder, work, symlinks=True)
    for fix in FIXES[name]:
        fix(work)
    monkeypatch.chdir(work)
    result = runner.invoke(app, args_of(work))
    assert result.exit_code == 0, result.stderr
