"""Reading data folders: what a parser lets through, measured without walking it twice."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from routes import io
from routes.errors import DataError, UsageError


def calls_made(fn: Any, *args: Any, limit: int = 10_000) -> int:
    """How many Python calls `fn(*args)` makes, stopping it past `limit` (an instruction
    count of sorts: no clock, so the test says the same on any machine)."""
    calls = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1
            if calls > limit:
                raise RuntimeError(f"more than {limit} calls")

    sys.settrace(tracer)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return calls


def test_aliases_shared_are_measured_once() -> None:
    """2**40 paths through 41 shared lists: walking each path (as the alias bomb of issue 9 was,
    for two minutes) would never end; measured once each, it takes a few hundred calls."""
    level: list[Any] = ["lol"]
    for _ in range(40):
        level = [level, level]
    assert calls_made(io._depth, level) < 1_000  # first: it stops a walk that would not end
    assert io._depth(level) == 41


def test_depth_counts_nesting_and_stops_at_an_alias_that_holds_itself() -> None:
    assert [io._depth(x) for x in (3, [], {}, [1, [2]], {"a": [{"b": []}]})] == [0, 1, 1, 2, 4]
    loop: list[Any] = []
    loop.append(loop)
    assert io._depth(loop) == io.MAX_NESTING + 1
    deep: list[Any] = []
    inner = deep
    for _ in range(io.MAX_NESTING - 1):
        inner.append([])
        inner = inner[0]
    assert io._depth(deep) == io.MAX_NESTING
    inner.append([])
    assert io._depth(deep) == io.MAX_NESTING + 1


def test_alias_bomb_file_is_read_and_reported(tmp_path: Path) -> None:
    lines = ["- id: bomb", '  name: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  k{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 7)}]" for i in range(1, 12)]
    path = tmp_path / "routes.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = io._parse_yaml(path, path.read_text(encoding="utf-8"))
    assert io._depth(doc) == 14  # 7**11 strings, read in a moment


@pytest.mark.parametrize("text", ["", "  \n"])
def test_empty_geojson_is_named(tmp_path: Path, text: str) -> None:
    with pytest.raises(DataError, match=r"nodes.geojson: the file is empty; write a GeoJSON "):
        io._parse_json(tmp_path / "nodes.geojson", text)


def test_a_folder_given_twice_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "costs.yaml").write_text("[]\n", encoding="utf-8")
    packaged = io.packaged_data_dir()
    (tmp_path / "other").mkdir()
    (tmp_path / "link").symlink_to(folder)
    for again in (tmp_path / "other" / ".." / "mine", tmp_path / "link"):
        with pytest.raises(UsageError, match=r"the same folder as --data .*mine; give each "):
            io.read_data_dirs([packaged, folder, again])
    with pytest.raises(
        UsageError,
        match=r"the packaged data, which is always read first; "
        r"drop it",
    ):
        io.read_data_dirs([packaged, packaged])
    assert io.read_data_dirs([packaged, folder]).folders == (packaged, folder)


def test_write_atomic_names_the_option(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^--png .*map.png: the folder .*nowhere does not "):
        io.write_atomic(tmp_path / "nowhere" / "map.png", b"x", option="--png")
    io.write_atomic(tmp_path / "map.png", b"png")
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_a_link_to_a_data_file_is_read_like_the_file(tmp_path: Path) -> None:
    """Only a link to nowhere is reported; one to a real file is read through."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "costs.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "costs.yaml").symlink_to(tmp_path / "shared" / "costs.yaml")
    assert io.folder_problems(tmp_path / "mine") == []
    (tmp_path / "mine" / "crudes.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (problem,) = io.folder_problems(tmp_path / "mine")
    assert problem.endswith(
        "crudes.yaml: a link to nowhere ('"
        + str(tmp_path / "nowhere.yaml")
        + "'); fix the link or remove it"
    )


# Cases added by the mutation check of issue 9's reading of folders.


@pytest.mark.parametrize(
    ("crs", "seen"), [({}, "{}"), (0, "0"), ("", "''"), ([], "[]"), (False, "false")]
)
def test_an_empty_crs_member_is_no_named_crs(tmp_path: Path, crs: object, seen: str) -> None:
    doc = {"type": "FeatureCollection", "crs": crs, "features": []}
    with pytest.raises(DataError) as err:
        io._records_from_geojson(tmp_path / "nodes.geojson", doc)
    assert str(err.value).endswith(
        f"nodes.geojson: the 'crs' member is {seen}, not a named CRS; drop it (GeoJSON is "
        'WGS84 longitude/latitude) or write {"type": "name", "properties": {"name": '
        '"EPSG:4326"}}'
    )


def test_a_null_crs_member_is_no_crs(tmp_path: Path) -> None:
    doc = {"type": "FeatureCollection", "crs": None, "features": []}
    assert io._records_from_geojson(tmp_path / "nodes.geojson", doc) == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("cost.yml", "cost.yml: not a file routes reads; rename it 'costs.yaml', or move it"),
        ("Costs.YAML", "Costs.YAML: not a file routes reads; rename it 'costs.yaml', or move it"),
        ("_draft.yaml", "_draft.yaml: not a file routes reads"),
    ],
)
def test_a_data_file_under_another_name_is_reported(
    tmp_path: Path, name: str, problem: str
) -> None:
    (tmp_path / name).write_text("[]\n", encoding="utf-8")
    (found,) = io.folder_problems(tmp_path)
    assert problem in found


def test_hidden_entries_and_notes_pass(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".routes.yaml.swp").write_text("x", encoding="utf-8")
    (tmp_path / ".draft.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes\n", encoding="utf-8")
    assert io.folder_problems(tmp_path) == []


def test_several_problems_in_a_folder_are_counted(tmp_path: Path) -> None:
    (tmp_path / "costs.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "routes.yml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        io.read_data_dirs([io.packaged_data_dir(), tmp_path])
    assert len(err.value.problems) == 2
    assert str(err.value).startswith("2 problems in the data, first: ")
    assert str(err.value).endswith(err.value.problems[0])


def test_a_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    (tmp_path / "nodes.geojson").write_text(
        '\ufeff{"type": "FeatureCollection", "features": []}', encoding="utf-8"
    )
    (tmp_path / "costs.yaml").write_text("\ufeff- id: x\n", encoding="utf-8")
    raw = io.read_data_dirs([tmp_path])
    assert raw.layers["nodes"] == [] and [r.data for r in raw.layers["costs"]] == [{"id": "x"}]


def test_the_packaged_files_are_inputs_too(tmp_path: Path) -> None:
    packaged = io.packaged_data_dir()
    files = io.input_files([tmp_path])
    assert packaged / "routes.yaml" in files and tmp_path / "costs.yaml" in files


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # The same key in two objects is no duplicate; the second "b" of one object is.
        ('{"a": {"b": 1},\n "c": {"b": 2,\n  "b": 3}}', "at line 3 (first at line 2)"),
        ('{"a": {"b": 1},\n "b": 2,\n "b": 3}', "at line 3 (first at line 2)"),
        # Keys and values that look like JSON's punctuation, and objects inside lists.
        (
            '{"x": "{\\"b\\": [", "l": [{"b": ":"},\n {"b": 1,\n\n "b": 2}]}',
            "at line 4 (first at line 2)",
        ),
        # A key written with an escape is the same key.
        ('{"é": 1,\n "\\u00e9": 2}', "at line 2 (first at line 1)"),
    ],
)
def test_a_json_key_given_twice_is_placed_by_line(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "segments.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=f"appears twice in one mapping {re.escape(where)}, so"):
        io._parse_json(path, text)


@pytest.mark.parametrize("many", [False, True])
def test_a_write_that_fails_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, many: bool
) -> None:
    """A disk that fills while an output is written: one sentence, the old content kept, and
    no staged file left beside it (write_atomic_all once leaked it)."""
    import errno

    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(io.os, "fsync", full)
    with pytest.raises(UsageError, match=r"^--output \S*out\.json: cannot write in .*No space"):
        if many:
            io.write_atomic_all([("--output", out, "new")])
        else:
            io.write_atomic(out, "new")
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert out.read_text(encoding="utf-8") == "old"


def test_a_data_folder_that_cannot_be_listed_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Simulated: the tests may run as root, whom no permission stops.)"""
    (tmp_path / "costs.yaml").write_text("[]\n", encoding="utf-8")
    real = Path.iterdir

    def refused(self: Path) -> Any:
        if self == tmp_path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refused)
    with pytest.raises(UsageError) as exc:
        io.read_data_dirs([io.packaged_data_dir(), tmp_path])
    assert str(exc.value) == (
        f"--data {tmp_path}: cannot list it (Permission denied); make it readable"
    )


def test_a_link_loop_and_a_vanished_working_directory_are_no_traceback(tmp_path: Path) -> None:
    """Path.resolve raises on a link loop (Python 3.11), and the working directory may be
    gone: a name is then shown as far as it leads, or as given."""
    import os
    import subprocess

    (tmp_path / "x1").symlink_to("x2")
    (tmp_path / "x2").symlink_to("x1")
    assert io.display_path(tmp_path / "x1") == str(tmp_path / "x1")
    gone = tmp_path / "gone"
    gone.mkdir()
    code = (
        "import os, sys\nos.chdir(sys.argv[1])\nos.rmdir(sys.argv[1])\n"
        "from routes.cli import run\nsys.argv = ['routes', 'compare', '--format', 'csv']\nrun()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(gone)],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "ROUTES_NO_CACHE": "1",
            "PYTHONPATH": str(Path(io.__file__).resolve().parent.parent),
        },
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("id,name,")
