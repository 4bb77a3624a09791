"""The documentation holds: every command's example runs, every API function has a doctest,
docs/data.md and the shipped JSON Schemas are current and agree with the data and the template,
and `routes init` writes a folder that validates."""

from __future__ import annotations

import inspect
import json
import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import routes
from routes.cli import app
from routes.datadoc import data_markdown, json_schema
from routes.io import LAYER_FILES, _parse_json, _parse_yaml, packaged_data_dir
from routes.schema import FILES, SPECS

ROOT = Path(__file__).parent.parent


def examples() -> list[tuple[str, str]]:
    out = []
    for command in app.registered_commands:
        assert command.callback is not None
        name = command.name or command.callback.__name__
        match = re.search(
            r"Example: (routes .+?)\n\s*\n|Example: (routes .+)$",
            (command.callback.__doc__ or "").strip() + "\n\n",
            re.S,
        )
        assert match, name
        out.append((name, " ".join((match.group(1) or match.group(2)).split())))
    return out


@pytest.mark.parametrize(("name", "example"), examples(), ids=[n for n, _ in examples()])
def test_every_commands_example_runs(
    name: str, example: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each help text's example, run in an empty folder (outputs land there)."""
    monkeypatch.chdir(tmp_path)
    commands = [shlex.split(part)[1:] for part in example.split("&&")]
    if name == "validate":  # its example names a folder of your own: make one first
        commands = [["init", "my-routes/"], *commands]
    if name == "map":  # its example writes into maps/, as in a checkout
        (tmp_path / "maps").mkdir()
    for args in commands:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"{example}: {result.stderr}"


def test_every_api_function_has_an_example_that_runs() -> None:
    """The doctests run with the suite (--doctest-modules); here: each has one."""
    for name in routes.API:
        obj = getattr(routes, name)
        if inspect.isfunction(obj):
            assert ">>> " in (obj.__doc__ or ""), name
    assert "routes.compare(" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_data_docs_and_schemas_are_current() -> None:
    """Regenerate with `python -m routes.datadoc` when this fails."""
    assert (ROOT / "docs" / "data.md").read_text(encoding="utf-8") == data_markdown()
    for spec in FILES:
        shipped = json.loads(
            (ROOT / "routes" / "schemas" / f"{spec.layer}.schema.json").read_text(encoding="utf-8")
        )
        assert shipped == json_schema(spec), spec.layer


def test_every_documented_field_is_in_the_schema() -> None:
    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        title = section.splitlines()[0].strip("`")
        if title not in LAYER_FILES.values():
            continue
        layer = next(k for k, v in LAYER_FILES.items() if v == title)
        schema = json_schema(SPECS[layer])
        entry = (
            schema["properties"]["features"]["items"]["properties"]["properties"]
            if SPECS[layer].geometry
            else schema["items"]
        )
        documented = re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)
        assert documented, layer
        for path in documented:
            node: Any = entry
            for part in path.replace("[]", "").split("."):
                node = _object_of(node)
                assert part in node["properties"], f"{layer}: {path}"
                node = node["properties"][part]


def _object_of(node: dict[str, Any]) -> dict[str, Any]:
    """The object schema inside a (nullable) field schema or a list's items."""
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            node = option
    if node.get("type") == "array":
        node = node["items"]
    return node


def _docs(folder: Path) -> dict[str, Any]:
    out = {}
    for layer, name in LAYER_FILES.items():
        path = folder / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            out[layer] = (
                _parse_json(path, text) if name.endswith(".geojson") else _parse_yaml(path, text)
            )
    return out


@pytest.mark.parametrize("which", ["packaged", "template"])
def test_the_json_schemas_accept_the_packaged_data_and_the_template(
    which: str, runner: CliRunner, tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if which == "packaged":
        folder = packaged_data_dir()
    else:
        folder = tmp_path / "mine"
        assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    for layer, doc in _docs(folder).items():
        jsonschema.validate(doc, json_schema(SPECS[layer]))


def test_the_json_schemas_reject_a_misspelt_field() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    bad = [
        {
            "id": "e",
            "target": "btc",
            "start": "2024-01-01",
            "cause": "x",
            "category": "technical",
            "sources": ["s"],
            "share_lst": 0.5,
        }
    ]
    with pytest.raises(jsonschema.ValidationError, match="share_lst"):
        jsonschema.validate(bad, json_schema(SPECS["events"]))


def test_init_writes_a_folder_that_validates_and_refuses_a_full_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "my-routes"
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "costs.yaml",
        "events.yaml",
        "nodes.geojson",
        "routes.yaml",
        "segments.geojson",
        "sources.yaml",
    ]
    checked = runner.invoke(app, ["validate", "--data", str(folder)])
    assert checked.exit_code == 0, checked.stderr
    shown = json.loads(
        runner.invoke(app, ["show", "my-route", "--data", str(folder), "--format", "json"]).stdout
    )["route"]
    assert shown["status"] == "planned" and shown["capacity_kbd"] == 0.0
    # Everything the folder adds is on my-route's path, the pump station on its line too.
    assert sorted(o["id"] for o in shown["overrides"]) == [
        "my-pipeline",
        "my-pipeline-tariff",
        "my-pipeline-test-stop",
        "my-pump-station",
        "my-route",
        "my-source",
    ]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "    routes validate --data my-routes\n" in readme  # the folder's name, filled in
    assert "{" not in readme
    again = runner.invoke(app, ["init", str(folder)])
    assert again.exit_code == 2
    assert again.stderr == (
        f"Error: routes init {folder}: the folder exists and is not empty; choose another folder\n"
    )


def test_data_path_names_folders_that_hold_the_data_and_the_docs(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["data-path"])
    assert result.exit_code == 0
    data, docs, cache = (line.split(": ", 1)[1] for line in result.stdout.splitlines())
    assert (Path(data) / "segments.geojson").is_file()
    assert (Path(docs) / "data.md").is_file() and (Path(docs) / "risk.md").is_file()
    assert cache == "off (ROUTES_NO_CACHE is set)"  # as the tests run
    monkeypatch.delenv("ROUTES_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    result = runner.invoke(app, ["data-path"])
    assert result.stdout.splitlines()[2] == f"cache: {tmp_path / 'routes'}"
    (tmp_path / "routes").mkdir(mode=0o777)
    (tmp_path / "routes").chmod(0o777)  # others may write it: not used, and said so
    result = runner.invoke(app, ["data-path"])
    assert result.stdout.splitlines()[2] == (
        f"cache: {tmp_path / 'routes'} (not used: not a folder of yours that only you may write)"
    )


def test_python_dash_m_routes_runs_the_cli() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "routes", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("routes ")
    usage = subprocess.run(
        [sys.executable, "-m", "routes", "init", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert usage.startswith("Usage: routes init ")  # not "python -m routes" or "__main__.py"


def test_a_wheel_finds_its_data_and_docs_inside_the_package(tmp_path: Path) -> None:
    """Lay the package out as pyproject's wheel does (its force-include) and ask it from
    outside the checkout."""
    import shutil
    import subprocess
    import sys
    import tomllib

    site = tmp_path / "site"
    shutil.copytree(ROOT / "routes", site / "routes", ignore=shutil.ignore_patterns("__pycache__"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert set(included) == {"geodata", "docs"}
    for source, target in included.items():
        shutil.copytree(ROOT / source, site / target)
    out = subprocess.run(
        [sys.executable, "-m", "routes", "data-path"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
    ).stdout
    assert out == (
        f"data: {site / 'routes' / 'geodata'}\ndocs: {site / 'routes' / 'docs'}\n"
        "cache: off (ROUTES_NO_CACHE is set)\n"
    )
    assert (site / "routes" / "docs" / "risk.md").is_file()


def test_help_reads_in_words(runner: CliRunner) -> None:
    for command in ("compare", "map", "show", "scenario", "critical", "export"):
        text = runner.invoke(app, [command, "--help"]).stdout
        assert "<list[str]>" not in text and "<str>" not in text and "<file>" not in text, command
    usages = {
        command: runner.invoke(app, [command, "--help"]).stdout.splitlines()[0]
        for command in ("compare", "map", "memo", "sources", "scenario")
    }
    assert usages == {
        "compare": "Usage: routes compare [OPTIONS] [ROUTE...]",
        "map": "Usage: routes map [OPTIONS] [ROUTE...]",
        "memo": "Usage: routes memo [OPTIONS] [ROUTE...]",
        "sources": "Usage: routes sources [OPTIONS] [ROUTE]",
        "scenario": "Usage: routes scenario [OPTIONS] [NAME|FILE]",
    }


def test_list_and_compare_print_the_same_lengths(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["list"]).stdout
    compared = runner.invoke(app, ["compare"]).stdout
    row = next(line for line in compared.splitlines() if line.startswith("│ length, km"))
    lengths = [c.strip() for c in row.split("│")[2:-1]]
    assert len(lengths) == 5
    for km in lengths:
        assert f"│ {km} " in listed


def test_the_rules_in_data_md_are_the_validators_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    import routes.validate as v
    from routes.datadoc import rules_markdown

    for name, value in (
        ("ENDPOINT_TOLERANCE_KM", 3.5),
        ("REGION_MARGIN_DEG", 7.25),
        ("MAX_SHARE_OFF_LAND", 0.13),
        ("MAX_FLOW_KBD", 31_000.0),
        ("THROUGHPUT_SLACK", 0.007),
        ("MAX_RADIUS_KM", 123.0),
    ):
        monkeypatch.setattr(v, name, value)
    text = " ".join(rules_markdown().split())
    for phrase in (
        "within 3.5 km of its `from` and `to` nodes",
        "(plus 7.25°)",
        "more than 13% of it off every country",
        "flows above 31,000 kb/d",
        "(by more than 0.7%, for rounding)",
        "`radius_km` is at most 123",
    ):
        assert phrase in text, phrase


def test_the_readmes_scenario_file_runs_and_uses_what_it_switches_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The README's example file, as printed there: every option it shows has an effect
    (once it closed the Bosporus that the Baku–Supsa oil it switched on must pass)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"\*\*A scenario file\*\*.*?```yaml\n(.*?)```", readme, re.S)
    assert block is not None
    path = tmp_path / "example.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    result = runner.invoke(app, ["scenario", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["baseline"]["flow_kbd_by_route"]["baku-supsa"] > 0
    assert doc["baseline"]["flow_kbd_by_route"]["atyrau-samara"] == 0
    # Nothing is short on a day with no outage: 0.0, never float noise printed "-0".
    assert [b["shortfall_kbd"] for b in doc["bands"]][::2] == [0.0, 0.0]
    assert "-0.0" not in result.stdout
    table = runner.invoke(app, ["scenario", str(path)]).stdout
    assert not re.search(r"│ -0 ", table)
