"""The CLI: exit codes, exact messages, formats and atomic output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routes.cli import app


def test_version(runner: CliRunner) -> None:
    from routes import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"routes {__version__}\n"


def test_validate_packaged_data(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    assert "5 routes" in result.stdout


def test_list_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema"] == "routes.list/1"
    assert [r["id"] for r in doc["routes"]] == [
        "cpc",
        "trans-caspian",
        "baku-supsa",
        "atyrau-samara",
        "kazakhstan-china",
    ]


def test_list_table_names_every_route(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    for rid in ("cpc", "trans-caspian", "baku-supsa", "atyrau-samara", "kazakhstan-china"):
        assert rid in result.stdout


def test_show_json_has_segments_and_lengths(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "trans-caspian", "--format", "json"])
    assert result.exit_code == 0
    route = json.loads(result.stdout)["route"]
    assert [s["id"] for s in route["segments"]] == [
        "tengiz-aktau-rail",
        "aktau-sangachal",
        "btc",
        "ceyhan-augusta",
    ]
    assert route["parallel_segments"] == ["tengiz-kuryk-rail", "kuryk-sangachal"]
    assert sum(route["length_km_by_country"].values()) == pytest.approx(route["length_km"], abs=0.5)


def test_show_table(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "cpc"])
    assert result.exit_code == 0
    assert "bosporus, dardanelles" in result.stdout
    assert "cpc-kropotkinskaya-terminal" in result.stdout


def test_show_notes_keep_an_id_as_written(runner: CliRunner) -> None:
    """A note that begins with an id keeps its case ('Btc is drawn' was printed)."""
    out = runner.invoke(app, ["show", "trans-caspian"]).stdout
    assert "\n  - btc is drawn 1,687 km against a published 1,768 km" in out
    assert "\n  - capacity is an upper bound: no sourced capacity for" in out


def test_unknown_route_suggests_the_closest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "trans-caspain"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown route 'trans-caspain' (did you mean 'trans-caspian'?); choose from cpc, "
        "trans-caspian, baku-supsa, atyrau-samara, kazakhstan-china\n"
    )


def test_missing_data_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "'--data'" in result.stderr and "does not exist" in result.stderr


def test_sources_for_a_route_are_numbered(runner: CliRunner) -> None:
    result = runner.invoke(app, ["sources", "cpc", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["sources"]
    assert [r["n"] for r in rows] == list(range(1, len(rows) + 1))
    ids = {r["id"] for r in rows}
    assert {"gem-goit", "tportal-2026-02-26", "inform-gorban", "platts-012025"} <= ids
    md = runner.invoke(app, ["sources", "cpc", "--format", "markdown"]).stdout
    assert md.startswith("1. ")


def test_all_sources_csv(runner: CliRunner) -> None:
    result = runner.invoke(app, ["sources", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "n,id,title,publisher,date,url,licence"


def test_user_folder_adds_a_route(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "routes.yaml").write_text(
        "- id: cpc-to-novorossiysk\n  name: CPC to the terminal only\n  origin: tengiz\n"
        "  destination: cpc-marine-terminal\n  segments: [cpc-tengiz-atyrau, cpc-atyrau-border,"
        " cpc-border-kropotkinskaya, cpc-kropotkinskaya-terminal]\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["show", "cpc-to-novorossiysk", "--data", str(tmp_path), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["route"]["chokepoints"] == []


def test_every_command_has_an_example_in_its_help_and_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        assert command.callback is not None
        doc = command.callback.__doc__ or ""
        name = command.name or command.callback.__name__
        assert "Example: routes " + name in doc, name
        assert f"routes {name}" in readme, name


@pytest.mark.parametrize(
    "args", [["compare", "--format", "json"], ["export", "--output", "{tmp}/n.geojson"]]
)
def test_a_command_measures_the_network_once(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    import routes.export
    import routes.metrics

    calls = []
    measure = routes.metrics.measure

    def counted(net):  # type: ignore[no-untyped-def]
        calls.append(net)
        return measure(net)

    monkeypatch.setattr(routes.metrics, "measure", counted)
    monkeypatch.setattr(routes.export, "measure", counted)
    result = runner.invoke(app, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 0, result.stderr
    assert len(calls) == 1


def test_tables_print_the_data_s_brackets_and_colons_as_they_are(
    runner: CliRunner, tmp_path: Path
) -> None:
    from tests.conftest import write_tiny

    folder = write_tiny(
        tmp_path / "d",
        routes=[
            {
                "id": "r",
                "name": "Route R [planned] :smile:",
                "origin": "a",
                "destination": "c",
                "segments": ["ab", "bc"],
            }
        ],
    )
    result = runner.invoke(app, ["list", "--data", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert "Route R [planned] :smile:" in result.stdout


def test_tied_risk_scores_print_as_equal() -> None:
    from routes.report import ranking_text

    doc = {
        "ranking_by_risk": ["a", "b", "c", "d"],
        "routes": [
            {"id": "a", "risk_score": 50.0},
            {"id": "b", "risk_score": 40.0},
            {"id": "c", "risk_score": 40.0},
            {"id": "d", "risk_score": 10.0},
        ],
    }
    assert ranking_text(doc) == "a > b = c > d"


def test_the_table_fits_the_width_it_is_given(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "cpc", "trans-caspian"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    table = result.stdout.split("Risk ranking")[0]
    assert max(len(line) for line in table.splitlines()) <= 100
    assert "Risk ranking: cpc > trans-caspian" in result.stdout


def test_show_prints_the_cost_and_transit_breakdown(runner: CliRunner) -> None:
    out = runner.invoke(app, ["show", "cpc"]).stdout
    assert "cost item" in out and "cpc-tariff" in out
    assert "transit" in out and "kn (tanker-speed)" in out


def test_the_command_runs_the_collector_less_often_and_the_library_leaves_it_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc
    import sys

    from routes.cli import GC_THRESHOLDS, run

    before = gc.get_threshold()
    assert before != GC_THRESHOLDS
    import routes.api  # noqa: F401  (the notebook API)

    assert gc.get_threshold() == before
    monkeypatch.setattr(sys, "argv", ["routes", "--version"])
    try:
        with pytest.raises(SystemExit) as done:
            run()
        assert done.value.code == 0
        assert capsys.readouterr().out.startswith("routes ")
        assert gc.get_threshold() == GC_THRESHOLDS
    finally:
        gc.set_threshold(*before)
