"""Every command with each shared option it has: --data (one folder and two, the later winning),
--format (each value, and taken from the --output suffix) and --output (written whole and
atomically: a failed run leaves no file and no temporary, an existing file is replaced whole)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from routes.cli import app

ROUTE = """- id: mine
  name: Mine {tag}
  origin: atyrau
  destination: samara
  segments: [uas-atyrau-samara]
"""
PRESET = """- id: my-preset
  name: Preset {tag}
  days: 10
  outages:
  - {{target: uas-atyrau-samara, share_lost: 0.5}}
"""
BAD_COST = """- id: btc-tariff
  kind: tariff
  segments: [btc]
  value: -24.0
  unit: USD/t
  sources: [egemen-360461]
"""


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three data folders in the working directory: a and b each name the route 'mine' and the
    preset 'my-preset' their own way; 'broken' holds a negative tariff."""
    for tag in ("a", "b"):
        (tmp_path / tag).mkdir()
        (tmp_path / tag / "routes.yaml").write_text(ROUTE.format(tag=tag.upper()), "utf-8")
        (tmp_path / tag / "scenarios.yaml").write_text(PRESET.format(tag=tag.upper()), "utf-8")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "costs.yaml").write_text(BAD_COST, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(runner: CliRunner, *args: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == code, result.stderr
    return result


def data_args(*names: str) -> list[str]:
    return [arg for name in names for arg in ("--data", name)]


def files(folder: Path) -> set[str]:
    """Every file in the folder, hidden ones (temporaries) too, folders left out."""
    return {p.name for p in folder.iterdir() if p.is_file()}


# --data ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("names", "tag"), [(("a",), "A"), (("a", "b"), "B"), (("b", "a"), "A")])
def test_data_folders_lay_in_order_for_every_reading_command(
    folders: Path, runner: CliRunner, names: tuple[str, ...], tag: str
) -> None:
    data = data_args(*names)
    version, yours = run(runner, "validate", *data).stdout.splitlines()
    assert version.startswith("OK: 37 nodes, 23 segments, 6 routes")
    digest = version.rsplit("data version ", 1)[1].rstrip(")")
    # What the folders did: a route and a preset added, the second folder replacing the first's.
    assert yours.startswith(
        f"Your folders ({', '.join(names)}) "
        + ("add 2 entries and replace 0;" if len(names) == 1 else "add 0 entries and replace 2;")
    )

    listed = json.loads(run(runner, "list", *data, "--format", "json").stdout)
    assert {r["id"]: r["name"] for r in listed["routes"]}["mine"] == f"Mine {tag}"
    shown = json.loads(run(runner, "show", "mine", *data, "--format", "json").stdout)
    assert shown["route"]["name"] == f"Mine {tag}"
    cited = json.loads(run(runner, "sources", "mine", *data, "--format", "json").stdout)
    assert cited["route"] == "mine" and cited["sources"]
    compared = json.loads(run(runner, "compare", "mine", *data, "--format", "json").stdout)
    assert [r["name"] for r in compared["routes"]] == [f"Mine {tag}"]
    played = json.loads(run(runner, "scenario", "my-preset", *data, "--format", "json").stdout)
    assert played["scenario"]["name"] == f"Preset {tag}"
    swept = json.loads(run(runner, "critical", *data, "--format", "json").stdout)
    # Every document says which data made it: the digest of the files, in their order.
    assert {
        listed["data_version"],
        shown["data_version"],
        cited["data_version"],
        compared["data_version"],
        played["data_version"],
        swept["data_version"],
    } == {digest}


def test_data_order_changes_the_version(folders: Path, runner: CliRunner) -> None:
    one, two = (
        run(runner, "validate", *data_args(*names)).stdout for names in (("a", "b"), ("b", "a"))
    )
    assert one != two


def test_map_and_export_read_the_later_folder(folders: Path, runner: CliRunner) -> None:
    run(runner, "map", "mine", *data_args("a", "b"), "--output", "map.html")
    from tests.test_maps import page_json

    drawn = page_json((folders / "map.html").read_text("utf-8"))["routes"]
    assert [r["name"] for r in drawn if r["id"] == "mine"] == ["Mine B"]
    # The popup says what the later folder replaced, old name and new.
    (notes,) = [r["notes"] for r in drawn if r["id"] == "mine"]
    assert any("'Mine A' → 'Mine B'" in n for n in notes if n.startswith("Your data: routes"))
    run(runner, "export", *data_args("b", "a"), "--output", "network.geojson")
    names = {
        f["properties"]["name"]
        for f in json.loads((folders / "network.geojson").read_text("utf-8"))["features"]
        if f["properties"]["layer"] == "routes"
    }
    assert "Mine A" in names and "Mine B" not in names


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["list"],
        ["show", "cpc"],
        ["sources"],
        ["compare"],
        ["scenario", "cpc-closed-30d"],
        ["critical"],
        ["map", "--output", "map.html"],
        ["export", "--output", "network.geojson"],
    ],
)
def test_every_command_refuses_broken_data_and_writes_nothing(
    folders: Path, runner: CliRunner, command: list[str]
) -> None:
    before = files(folders)
    result = run(runner, *command, "--data", "a", "--data", "broken", code=1)
    assert result.stderr == (
        "Error: broken/costs.yaml: feature 'btc-tariff' field 'value' is "
        "-24; a cost cannot be negative\n"
    )
    assert result.stdout == ""
    assert files(folders) == before


# --format -------------------------------------------------------------------------------------


def parsed(fmt: str, text: str) -> object:
    """The text read back as its format; fails when it is not that format."""
    if fmt == "json":
        return json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
        return rows
    if fmt == "markdown":
        assert "\n|---" in text or text.startswith(("1. ", "#")), text[:200]
        return text
    assert fmt == "table"
    assert "┃" in text or "│" in text, text[:200]
    return text


FORMATS = {
    ("list",): ("table", "json"),
    ("show", "trans-caspian"): ("table", "json"),
    ("sources", "baku-supsa"): ("table", "json", "csv", "markdown"),
    ("compare", "cpc", "trans-caspian"): ("table", "json", "csv", "markdown"),
    ("scenario", "cpc-mooring-nov-2025"): ("table", "json", "csv", "markdown"),
    ("critical",): ("table", "json", "csv", "markdown"),
}


@pytest.mark.parametrize(
    ("command", "fmt"),
    [(c, f) for c, fs in FORMATS.items() for f in fs],
    ids=lambda x: "-".join(x) if isinstance(x, tuple) else x,
)
def test_every_format_of_every_command(
    runner: CliRunner, command: tuple[str, ...], fmt: str
) -> None:
    parsed(fmt, run(runner, *command, "--format", fmt).stdout)


@pytest.mark.parametrize("command", [("list",), ("show", "cpc")])
def test_list_and_show_offer_only_table_and_json(
    runner: CliRunner, command: tuple[str, ...]
) -> None:
    result = run(runner, *command, "--format", "csv", code=2)
    assert "'csv' is not one of 'table', 'json'" in result.stderr


SUFFIXES = {".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown"}
WRITERS = [("compare", "cpc"), ("scenario", "cpc-closed-30d"), ("critical",)]


@pytest.mark.parametrize(
    ("command", "suffix"),
    [
        *((("compare", "cpc"), s) for s in SUFFIXES),
        (("scenario", "cpc-closed-30d"), ".json"),
        (("scenario", "cpc-closed-30d"), ".md"),
        (("critical",), ".csv"),
        (("critical",), ".json"),
    ],
    ids=lambda x: "-".join(x) if isinstance(x, tuple) else x,
)
def test_the_output_suffix_gives_the_format(
    tmp_path: Path, runner: CliRunner, command: tuple[str, ...], suffix: str
) -> None:
    """`--output x.csv` writes what `--format csv` prints, byte for byte."""
    out = tmp_path / f"result{suffix}"
    assert run(runner, *command, "--output", str(out)).stderr == f"Wrote {out}\n"
    printed = run(runner, *command, "--format", SUFFIXES[suffix]).stdout
    assert out.read_text("utf-8") == printed
    parsed(SUFFIXES[suffix], printed)


@pytest.mark.parametrize("command", WRITERS, ids="-".join)
def test_a_suffix_naming_no_format_or_another_is_refused(
    tmp_path: Path, runner: CliRunner, command: tuple[str, ...]
) -> None:
    for args, message in [
        (["--output", str(tmp_path / "x.txt")], "the suffix .txt names no format"),
        (
            ["--output", str(tmp_path / "x.json"), "--format", "csv"],
            "a .json file with --format csv; drop --format",
        ),
        (
            ["--output", str(tmp_path / "x.json"), "--format", "table"],
            "the table is for the terminal",
        ),
    ]:
        assert message in run(runner, *command, *args, code=2).stderr
    assert files(tmp_path) == set()


@pytest.mark.parametrize(
    ("fmt", "suffix", "magic"),
    [
        ("geojson", ".geojson", b'{"type": "FeatureCollection"'),
        ("geojson", ".json", b'{"type": "FeatureCollection"'),
        ("csv", ".csv", b"layer,"),
        ("gpkg", ".gpkg", b"SQLite format 3\x00"),
    ],
)
def test_export_format_given_or_taken_from_the_suffix(
    tmp_path: Path, runner: CliRunner, fmt: str, suffix: str, magic: bytes
) -> None:
    given, inferred = tmp_path / f"given{suffix}", tmp_path / f"inferred{suffix}"
    run(runner, "export", "--format", fmt, "--output", str(given))
    run(runner, "export", "--output", str(inferred))
    assert given.read_bytes().startswith(magic) and inferred.read_bytes().startswith(magic)
    if fmt != "gpkg":  # a GeoPackage holds its own file name; the text formats must match
        assert given.read_bytes() == inferred.read_bytes()
    assert files(tmp_path) == {given.name, inferred.name}


def test_export_refuses_a_suffix_of_another_format(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "x.gpkg"
    result = run(runner, "export", "--output", str(out), "--format", "geojson", code=2)
    assert result.stderr == (
        f"Error: --output {out}: a .gpkg file with --format geojson; drop "
        "--format, or name the file for geojson\n"
    )
    assert files(tmp_path) == set()


# --output -------------------------------------------------------------------------------------

OUTPUTS = [
    (["compare", "--output", "out.json"], "out.json"),
    (["scenario", "cpc-closed-30d", "--output", "out.md"], "out.md"),
    (["critical", "--output", "out.csv"], "out.csv"),
    (["export", "--output", "out.geojson"], "out.geojson"),
]


@pytest.mark.parametrize(
    ("command", "name"), OUTPUTS, ids=lambda x: x[0] if isinstance(x, list) else x
)
def test_an_existing_output_is_replaced_whole(
    folders: Path, runner: CliRunner, command: list[str], name: str
) -> None:
    """A longer old file leaves no tail behind; a second run gives the same bytes."""
    (folders / name).write_text("old " * 500_000, "utf-8")
    run(runner, *command)
    first = (folders / name).read_bytes()
    assert b"old old" not in first
    run(runner, *command)
    assert (folders / name).read_bytes() == first
    assert not [f for f in files(folders) if f.endswith((".tmp", ".gpkg"))]


@pytest.mark.parametrize(
    ("command", "name"), OUTPUTS, ids=lambda x: x[0] if isinstance(x, list) else x
)
def test_a_failed_run_keeps_the_old_output_and_leaves_no_temporary(
    folders: Path, runner: CliRunner, command: list[str], name: str
) -> None:
    (folders / name).write_text("kept", "utf-8")
    before = files(folders)
    run(runner, *command, "--data", "broken", code=1)
    assert (folders / name).read_text("utf-8") == "kept"
    assert files(folders) == before


def test_map_writes_html_and_png_or_neither(folders: Path, runner: CliRunner) -> None:
    result = run(
        runner, "map", "mine", "--data", "a", "--output", "m.html", "--png", "nowhere/m.png", code=2
    )
    assert result.stderr == (
        "Error: --png nowhere/m.png: the folder nowhere does not exist; "
        "create it or choose another path\n"
    )
    assert not (folders / "m.html").exists()
    result = run(runner, "map", "mine", "--data", "a", "--output", "a/routes.yaml", code=2)
    assert "that is an input file (a/routes.yaml)" in result.stderr
    assert (folders / "a" / "routes.yaml").read_text("utf-8") == ROUTE.format(tag="A")


@pytest.mark.parametrize(
    "command",
    [
        ["compare", "--format", "json"],
        ["scenario", "cpc-closed-30d", "--format", "json"],
        ["critical", "--format", "json"],
        ["export", "--format", "geojson"],
    ],
)
def test_no_output_may_overwrite_a_data_file(
    folders: Path, runner: CliRunner, command: list[str]
) -> None:
    for target in ("a/routes.yaml", "./b/../a/scenarios.yaml"):
        result = run(runner, *command, "--data", "a", "--output", target, code=2)
        assert "which writing would destroy; choose another path" in result.stderr
    assert (folders / "a" / "routes.yaml").read_text("utf-8") == ROUTE.format(tag="A")
    assert (folders / "a" / "scenarios.yaml").read_text("utf-8") == PRESET.format(tag="A")


def test_a_png_that_cannot_be_written_is_blamed_on_png(
    folders: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that refuses the file although it looked writable: no file is written."""
    import tempfile

    real = tempfile.mkstemp
    (folders / "locked").mkdir()

    def refuse_locked(*args: object, dir: str | Path, **kwargs: object) -> tuple[int, str]:
        if Path(dir).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(*args, dir=dir, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", refuse_locked)
    result = run(
        runner, "map", "mine", "--data", "a", "--output", "m.html", "--png", "locked/m.png", code=2
    )
    assert result.stderr == (
        "Error: --png locked/m.png: cannot write in locked "
        "(Permission denied); choose a writable folder\n"
    )
    assert not (folders / "m.html").exists()  # all outputs or none
