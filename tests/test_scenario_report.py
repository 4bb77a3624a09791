"""`routes scenario`, `routes critical` and `routes map --scenario` as a user runs them: the
JSON contract, the other formats, the exact messages and exit codes for bad input."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routes.cli import app
from routes.flows import run_scenario
from tests.test_flows import _costs, build, node, scenario, seg, two_routes

PRESETS = [
    "cpc-closed-30d",
    "straits-closed",
    "cpc-storm-mar-2022",
    "cpc-court-jul-2022",
    "cpc-moorings-aug-2022",
    "cpc-kropotkinskaya-feb-2025",
    "cpc-mooring-nov-2025",
]
VALID = (
    "cpc-closed-30d, cpc-court-jul-2022, cpc-kropotkinskaya-feb-2025, cpc-mooring-nov-2025, "
    "cpc-moorings-aug-2022, cpc-storm-mar-2022, straits-closed"
)


@pytest.fixture(scope="module")
def nov(tmp_path_factory: pytest.TempPathFactory) -> dict:
    result = CliRunner().invoke(app, ["scenario", "cpc-mooring-nov-2025", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_list_shows_every_preset_with_its_events(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scenario", "--list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "routes.scenarios/1"
    assert [s["id"] for s in doc["scenarios"]] == PRESETS
    by_id = {s["id"]: s for s in doc["scenarios"]}
    assert by_id["cpc-mooring-nov-2025"]["events"] == [
        "cpc-2025-11-spm2",
        "cpc-2025-11-spm3-repair",
    ]
    assert by_id["cpc-court-jul-2022"]["outages"] == [
        {
            "target": "cpc-marine-terminal",
            "share_lost": 1.0,
            "start_day": 0.0,
            "duration_days": 30.0,
        }
    ]
    assert all(s["sources"] for s in doc["scenarios"] if s["events"])


def test_the_json_contract(nov: dict) -> None:
    for key in (
        "schema",
        "scenario",
        "supply_kbd",
        "days",
        "delivered_kt",
        "shortfall_kt",
        "rerouted_kt_by_route",
        "extra_cost_usd",
        "revenue_lost_usd",
        "price_usd_per_bbl",
        "assumptions",
        "sources",
        "bands",
    ):
        assert key in nov, key
    assert nov["schema"] == "routes.scenario/1"
    assert nov["scenario"]["id"] == "cpc-mooring-nov-2025"
    assert nov["days"] == 57
    band = nov["bands"][0]
    assert set(band) >= {
        "start_day",
        "end_day",
        "delivered_kbd",
        "shortfall_kbd",
        "flow_kbd_by_route",
        "flow_kbd_by_segment",
        "binding",
    }
    assert band["start_day"] == 0 and nov["bands"][-1]["end_day"] == nov["days"]
    for b in nov["bands"]:
        assert b["delivered_kbd"] + b["shortfall_kbd"] == pytest.approx(nov["supply_kbd"], abs=0.2)
    assert nov["delivered_kt"] + nov["shortfall_kt"] == pytest.approx(
        sum(o["supply_mtpa"] for o in nov["supply"]) * 1e3 * 57 / 365, rel=1e-3
    )
    assert {a["id"] for a in nov["assumptions"]} >= {"price.brent", "price.cpc-differential"}
    assert nov["price_usd_per_bbl"] == pytest.approx(68.04)
    assert nov["figures"]["price_usd_per_bbl"]["assumption"] is True
    ids = [s["id"] for s in nov["sources"]]
    assert {"tass-25878199", "tportal-2026-02-26"} <= set(ids)
    assert [s["n"] for s in nov["sources"]] == list(range(1, len(ids) + 1))
    assert sum(b["revenue_lost_usd"] for b in nov["bands"]) == pytest.approx(
        nov["revenue_lost_usd"], rel=1e-6
    )
    assert nov["comparison"]["reported_kt"] == 480
    assert "cpc-marine-terminal" in nov["binding_capacities"]
    assert nov["bands"][0]["binding_open_mtpa"]["cpc-marine-terminal"] == pytest.approx(
        37.4, abs=0.05
    )


def test_segment_flows_use_the_segments_crude_like_its_capacity(runner: CliRunner) -> None:
    doc = json.loads(runner.invoke(app, ["scenario", "cpc-closed-30d", "--format", "json"]).stdout)
    # Atyrau–Samara full: 17.5 Mt/yr at the generic 7.33 bbl/t is 351.4 kb/d, as in compare.
    assert doc["bands"][0]["flow_kbd_by_segment"]["uas-atyrau-samara"] == pytest.approx(
        351.4, abs=0.2
    )
    # The CPC line carries CPC Blend (7.92 bbl/t): 172,054 t/d is 1,362.7 kb/d.
    assert doc["baseline"]["flow_kbd_by_segment"]["cpc-atyrau-border"] == pytest.approx(
        1362.7, abs=0.2
    )


def test_the_extra_cost_says_why_it_is_unknown(nov: dict) -> None:
    assert nov["extra_cost_usd"] is None
    assert nov["figures"]["extra_cost_usd"]["bound"] == "unknown"
    assert nov["uncosted_kt_by_route"]["atyrau-samara"] > 0
    assert "atyrau-samara" in nov["figures"]["extra_cost_usd"]["note"]


def test_same_scenario_same_bytes(runner: CliRunner) -> None:
    args = ["scenario", "cpc-storm-mar-2022", "--format", "json"]
    assert runner.invoke(app, args).stdout == runner.invoke(app, args).stdout


def test_csv_has_a_row_per_band(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scenario", "cpc-storm-mar-2022", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["start_day"], r["end_day"]) for r in rows] == [("0.0", "5.0"), ("5.0", "31.0")]
    assert "flow_kbd_by_route.cpc" in rows[0]
    assert float(rows[0]["flow_kbd_by_route.cpc"]) == 0


def test_markdown_numbers_its_footnotes(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "nov.md"
    result = runner.invoke(
        app, ["scenario", "cpc-mooring-nov-2025", "--format", "markdown", "--output", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## CPC mooring loss, November 2025 (cpc-mooring-nov-2025)")
    assert "Reported: 480 kt lost by day 12" in text
    marks = {m for m in text.split("[^")[1:]}
    assert marks
    for n in range(1, 4):
        assert f"[^{n}]: " in text


def test_table_prints_the_totals(runner: CliRunner) -> None:
    result = runner.invoke(app, ["scenario", "cpc-closed-30d"])
    assert result.exit_code == 0, result.stderr
    assert "Shortfall" in result.stdout or "shortfall" in result.stdout
    assert "Revenue lost:" in result.stdout


def test_supply_and_days_options(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["scenario", "cpc-closed-30d", "--supply-kbd", "800", "--days", "10", "--format", "json"],
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["supply_kbd"] == pytest.approx(800, abs=0.5)
    assert doc["days"] == 10
    assert doc["bands"][-1]["end_day"] == 10


def test_a_user_toml_file_runs(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "half.toml"
    path.write_text(
        'name = "Half the CPC terminal"\ndays = 20\n[[outages]]\n'
        'target = "cpc-marine-terminal"\nshare_lost = 0.5\nstart_day = 5\n'
        "duration_days = 10\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scenario", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["scenario"]["id"] == "half"
    assert [(b["start_day"], b["end_day"]) for b in doc["bands"]] == [(0, 5), (5, 15), (15, 20)]
    assert doc["bands"][0]["shortfall_kbd"] == 0 and doc["bands"][1]["shortfall_kbd"] > 0


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (
            "days: 10\noutages:\n  - {target: cpc-marine-termnal, share_lost: 1}\n",
            1,
            "field 'outages[0].target' names 'cpc-marine-termnal', which is no segment, node, "
            "loading "
            "unit or chokepoint (did you mean 'cpc-marine-terminal'?); use one of these ids "
            "(segments: aktau-sangachal, ",
        ),
        (
            "days: 10\noutages:\n  - {target: btc, share_lost: 1.5}\n",
            1,
            "field 'outages[0].share_lost' is 1.5, outside 0–1; give a value in that range",
        ),
        (
            "days: 10\noutages:\n  - {target: btc, share_lost: 1, duration_days: -3}\n",
            1,
            "field 'outages[0].duration_days' is -3; give a number of days greater than 0 and at "
            "most 3650",
        ),
        (
            "days: 30\noutages:\n  - {target: btc, share_lost: 1, start_day: 30}\n",
            1,
            "field 'outages[0].start_day' is 30, not before the scenario's end (day 30)",
        ),
        (
            "days: 30\noutages:\n  - {target: btc, share_lost: 1, start_day: 40}\n",
            1,
            "field 'outages[0].start_day' is 40, not before the scenario's end (day 30); start it "
            "earlier or give more days",
        ),
        (
            "days: 10\noutage:\n  - {target: btc, share_lost: 1}\n",
            1,
            "scenario 'mine' field 'outage' is not a field here (did you mean 'outages'?); use id, "
            "name, description, days, outages, closed, switch_on, markets, supply, price, events, "
            "compare",
        ),
        (
            "days: 10\noutages:\n  - {target: btc, share: 1}\n",
            1,
            "field 'outages[0].share' is not a field here (did you mean 'share_lost'?); use "
            "target, "
            "share_lost, start_day, duration_days",
        ),
        ("days: 10\ndescription: 123\n", 1, "field 'description' is 123, not text"),
        (
            "days: 10\noutages:\n  - {target: isatay-ps, share_lost: 1}\n",
            1,
            "field 'outages[0].target' names 'isatay-ps', a node no segment joins (the data draws "
            "it "
            "on a line without splitting the line there), so an outage there would change nothing; "
            "put the outage on the segment it lies on, perhaps 'cpc-atyrau-border'",
        ),
        (
            "days: 10\nsupply:\n  - {id: x, node: atyrau, supply: {value: 1, unit: Mt/yr, "
            "assumption: true}}\n  - {id: x, node: tengiz, supply: {value: 2, unit: Mt/yr, "
            "assumption: true}}\n",
            1,
            "field 'supply[1].id' is 'x' again; give each origin its own id",
        ),
        (
            "days: 10\noutages:\n"
            "  - {target: btc, share_lost: 1, start_day: 8, duration_days: 5}\n",
            1,
            "field 'outages[0]' runs to day 13, past the scenario's 10 days; shorten it or give "
            "more "
            "days",
        ),
        (
            "days: 10\nsupply:\n  - {id: x, node: augusta, supply: {value: 10, unit: Mt/yr, "
            "assumption: true}}\n",
            1,
            "field 'supply[0].node' is 'augusta', from which no segment leads to a market, so the "
            "supply 'x' cannot leave; enter it at one of aktau, atasu, atyrau, ",
        ),
        (
            "days: 10\nswitch_on: [btc]\n",
            1,
            "field 'switch_on' names 'btc', which is operating already; drop it",
        ),
        ("days: 10\noutages: [btc]\n", 1, "field 'outages[0]' is 'btc'; give target, share_lost"),
        (
            "days: 10\nclosed: [bosporous]\n",
            1,
            "field 'closed' names 'bosporous', which is no "
            "segment, node, loading unit or chokepoint (did you mean 'bosporus'?); use one of ",
        ),
        (
            "days: 10\nmarkets: [samra]\n",
            1,
            "field 'markets' names 'samra', which is no market "
            "(did you mean 'samara'?); use one of alashankou, augusta, samara",
        ),
        (
            "- 1\n- 2\n",
            1,
            "holds 2 entries, not one scenario; put each scenario in a file of its own",
        ),
        (
            "42\n",
            1,
            "holds a number, not one scenario; write a mapping with days and outages (the form "
            "is in docs/data.md, scenarios.yaml; `routes data-path` prints where the docs are)",
        ),
        ("days: [\n", 1, "malformed YAML at line 2"),
    ],
)
def test_bad_scenario_files(
    runner: CliRunner, tmp_path: Path, content: str, code: int, message: str
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["scenario", str(path)])
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["scenario", "cpc-closed"],
            f"Error: scenario 'cpc-closed' is no preset and no file (did you "
            f"mean 'cpc-closed-30d'?); use one of {VALID}, or the path of a YAML or TOML scenario "
            "file\n",
        ),
        (
            ["scenario"],
            f"Error: give a scenario: a preset id or a YAML/TOML file (presets: "
            f"{', '.join(PRESETS)}), or --list\n",
        ),
        (
            ["scenario", "missing.yaml"],
            "Error: scenario file missing.yaml: no such file; give the path of an existing file\n",
        ),
        (
            ["scenario", "cpc-closed-30d", "--supply-kbd", "-5"],
            "Error: --supply-kbd -5: give a positive number of thousand barrels a day, at most "
            "25,000 (a country's whole export)\n",
        ),
        (
            ["scenario", "cpc-closed-30d", "--supply-kbd", "1e308"],
            "Error: --supply-kbd 1e+308: give "
            "a positive number of thousand barrels a day, at most 25,000 (a country's whole "
            "export)\n",
        ),
        (["critical", "--top", "0"], "Error: --top 0: give a whole number of 1 or more\n"),
        (["compare", "cpc", "cpc"], "Error: route 'cpc' is named twice; name each route once\n"),
        (
            ["scenario", "cpc-closed-30d", "--days", "0"],
            "Error: --days 0: give a number of days greater than 0 and at most 3650\n",
        ),
        (
            ["scenario", "--list", "--output", "x.txt"],
            "Error: --output x.txt: the suffix .txt names "
            "no format; give --format json, csv or markdown, or name the file .json, .csv or .md\n",
        ),
        (
            ["scenario", "cpc-closed-30d", "--output", "x.txt", "--format", "table"],
            "Error: --output x.txt: the table is for the terminal; give --format json, csv or "
            "markdown (or none, to follow the file's suffix), or drop --output\n",
        ),
        (
            ["scenario", "cpc-closed-30d", "--output", "x.json", "--format", "markdown"],
            "Error: --output x.json: a .json file with --format markdown; drop --format, or name "
            "the "
            "file for markdown\n",
        ),
        (
            ["scenario", "--list", "cpc-closed-30d"],
            "Error: --list lists the presets; drop 'cpc-closed-30d' or drop --list\n",
        ),
    ],
)
def test_bad_scenario_usage(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_a_short_run_does_not_compare_with_a_later_day(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["scenario", "cpc-mooring-nov-2025", "--days", "5", "--format", "json"]
    )
    doc = json.loads(result.stdout)
    assert doc["comparison"]["modelled_kt"] is None
    table = runner.invoke(app, ["scenario", "cpc-mooring-nov-2025", "--days", "5"]).stdout
    assert "Reported: 480 kt lost by day 12; this run stops at day 5" in table


def test_a_toml_date_where_text_belongs_is_an_error_not_a_crash(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "d.toml"
    path.write_text("days = 10\ndescription = 2025-06-01\n", encoding="utf-8")
    result = runner.invoke(app, ["scenario", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert "field 'description' is 2025-06-01, not text" in result.stderr
    assert "datetime" not in result.stderr


def test_critical_json_ranks_and_shares(runner: CliRunner) -> None:
    result = runner.invoke(app, ["critical", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "routes.critical/1"
    rows = doc["rows"]
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["shortfall_kbd"] for r in rows] == sorted(
        (r["shortfall_kbd"] for r in rows), reverse=True
    )
    by_id = {r["id"]: r for r in rows}
    assert by_id["cpc-marine-terminal"]["carried_share"] > 0.8
    assert by_id["cpc-spm-1"]["carried_kbd"] is None  # the data does not split moorings
    assert (
        0 < by_id["cpc-spm-1"]["shortfall_share"] < by_id["cpc-marine-terminal"]["shortfall_share"]
    )
    assert by_id["bosporus"]["kind"] == "chokepoint"
    assert "tengiz" not in by_id and "augusta" not in by_id
    assert all(
        r["shortfall_kbd"] <= r["carried_kbd"] + 0.1 for r in rows if r["carried_kbd"] is not None
    )
    # The CPC terminal carries the CPC route's baseline barrels, each origin at its own bbl/t.
    nov = json.loads(runner.invoke(app, ["scenario", "cpc-closed-30d", "--format", "json"]).stdout)
    assert by_id["cpc-marine-terminal"]["carried_kbd"] == pytest.approx(
        nov["baseline"]["flow_kbd_by_route"]["cpc"], abs=0.2
    )
    assert {a["id"] for a in doc["assumptions"]}.isdisjoint(
        {"price.brent", "price.cpc-differential"}
    )


def test_critical_top_and_markdown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["critical", "--top", "5", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(table) == 6  # header and five assets
    assert "[^1]: " in result.stdout
    assert "[^1][^1]" not in result.stdout


def test_map_draws_the_scenario(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "nov.html"
    result = runner.invoke(app, ["map", "--scenario", "cpc-mooring-nov-2025", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert '"scenario":{"name":"CPC mooring loss, November 2025","band":"days 0–57"' in page
    assert '"id":"cpc-spm-2"' in page and '"id":"cpc-spm-3"' in page
    assert '"id":"uas-atyrau-samara"' in page
    assert "id='routes-scenario'" in page
    assert "Kazakhstan crude export routes: CPC mooring loss, November 2025" in page
    assert "USD/bbl (an assumption)" in page


def test_map_with_a_sourced_price_does_not_call_it_an_assumption(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "priced.yaml"
    path.write_text(
        "days: 10\noutages: [{target: cpc-marine-terminal, share_lost: 1}]\n"
        "price: {value: 75, unit: USD/bbl, as_of: 2025, sources: [wgi-2024]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", "--scenario", str(path), "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "at 75 USD/bbl" in page and "(an assumption)" not in page


def test_map_png_draws_the_scenario_too(runner: CliRunner) -> None:
    import datetime as dt

    from routes.figures import map_figure
    from routes.flows import run_scenario
    from routes.metrics import all_route_metrics
    from routes.risk import load_profile, route_risk
    from routes.scenario_report import scenario_document
    from routes.validate import load_network

    net = load_network()
    metrics = all_route_metrics(net, [])
    risks = [route_risk(net, m, load_profile(None)) for m in metrics]
    doc = scenario_document(net, run_scenario(net, net.scenarios["cpc-mooring-nov-2025"]))
    day = dt.date(2026, 1, 1)
    plain = map_figure(net, metrics, risks, title="T", date=day)
    overlay = map_figure(net, metrics, risks, title="T", date=day, scenario=doc)
    assert overlay[:8] == b"\x89PNG\r\n\x1a\n"

    def flow_pixels(png: bytes) -> int:
        import io

        import numpy as np
        from PIL import Image

        rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
        near = np.abs(rgb - np.array([0x3F, 0x2A, 0x8C])).max(axis=2) < 30
        return int(near.sum())

    # The flows are drawn on the map itself, not only named in the legend.
    assert flow_pixels(plain) == 0
    assert flow_pixels(overlay) > 10_000


# --- what planted bugs found unprotected --------------------------------------------------


# band extra cost is for the band's days; band notes reach the document
def test_each_bands_extra_cost_is_for_its_days_and_its_notes_reach_the_document() -> None:
    from routes.scenario_report import scenario_document

    net = two_routes(costs=_costs(15.0))
    doc = scenario_document(net, run_scenario(net, scenario(("am", 1.0, 0, 10))))
    assert [b["extra_cost_usd"] for b in doc["bands"]] == [250_000, 0]
    assert sum(b["extra_cost_usd"] for b in doc["bands"]) == doc["extra_cost_usd"]
    pump = build(
        [seg("fa", "f", "a", 7.3), seg("am", "a", "m", 7.3), seg("an", "a", "n", 0.73)],
        nodes=[node("a", "pump_station")],
    )
    doc = scenario_document(pump, run_scenario(pump, scenario(("a", 0.3, 0, 30))))
    assert any(n.startswith("a has no capacity of its own: 30%") for n in doc["notes"])


# the binding capacity line
def test_what_binds_says_what_was_left_and_the_capacity(net) -> None:
    from routes.scenario_report import scenario_document, scenario_markdown

    doc = scenario_document(net, run_scenario(net, net.scenarios["cpc-mooring-nov-2025"]))
    md = scenario_markdown(doc, net)
    assert (
        "(cpc-marine-terminal) 37.4 left, capacity 84 Mt/yr today (126 with every unit "
        "built) (rests on an assumption); recorded flow 70.52 Mt/yr"
    ) in md
    assert "(uas-atyrau-samara) 17.5 left, capacity 17.5 Mt/yr today; recorded flow 8.8 Mt/yr" in md


def _file(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "mine.yaml"
    p.write_text(text, encoding="utf-8")
    return p


# zero days is refused
@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("days: 0\n", "days"),
        (
            "days: 10\noutages:\n  - {target: btc, share_lost: 1, duration_days: 0}\n",
            "outages[0].duration_days",
        ),
    ],
)
def test_zero_days_are_refused(tmp_path: Path, text: str, field: str) -> None:
    res = CliRunner().invoke(app, ["scenario", str(_file(tmp_path, text))])
    assert res.exit_code == 1
    assert (
        f"field '{field}' is 0; give a number of days greater than 0 and at most 3650" in res.stderr
    )


# an outage without duration runs to the scenario's end
def test_an_outage_without_a_duration_runs_to_the_end(tmp_path: Path) -> None:
    p = _file(tmp_path, "days: 10\noutages:\n  - {target: btc, share_lost: 1, start_day: 4}\n")
    res = CliRunner().invoke(app, ["scenario", str(p), "--format", "json"])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["scenario"]["outages"][0]["duration_days"] == 6
    assert [(b["start_day"], b["end_day"]) for b in doc["bands"]] == [(0, 4), (4, 10)]


# zero supply refused
def test_zero_supply_is_refused(tmp_path: Path) -> None:
    p = _file(
        tmp_path,
        "days: 10\nsupply:\n  - {id: x, node: atyrau, supply: {value: 0, "
        "unit: Mt/yr, assumption: true}}\n",
    )
    res = CliRunner().invoke(app, ["scenario", str(p)])
    assert res.exit_code == 1
    assert "field 'supply[0].supply.value' is 0" in res.stderr


# a supply's route must pass its node
def test_a_supplys_route_must_pass_its_node(tmp_path: Path) -> None:
    p = _file(
        tmp_path,
        "days: 10\nsupply:\n  - {id: x, node: atyrau, route: trans-caspian, "
        "supply: {value: 1, unit: Mt/yr, assumption: true}}\n",
    )
    res = CliRunner().invoke(app, ["scenario", str(p)])
    assert res.exit_code == 1
    assert (
        "field 'supply[0].route' is 'trans-caspian', which does not pass 'atyrau', where "
        "the supply 'x' enters; give a route through it, or none"
    ) in res.stderr


def test_the_worst_band_is_the_first_of_equals() -> None:
    from routes.maps import worst_band

    doc = {
        "bands": [
            {"shortfall_kbd": 5.0, "start_day": 0.0},
            {"shortfall_kbd": 1.0, "start_day": 3.0},
            {"shortfall_kbd": 5.0, "start_day": 10.0},
        ]
    }
    assert worst_band(doc)["start_day"] == 0.0


def test_the_map_box_lists_only_the_routes_that_took_oil(net) -> None:
    from routes.maps import scenario_box_html, scenario_view
    from routes.scenario_report import scenario_document

    doc = scenario_document(net, run_scenario(net, net.scenarios["cpc-mooring-nov-2025"]))
    html = scenario_box_html(scenario_view(net, doc))
    # Its name as the heading, the headline under it, and the band the lines show.
    assert f"<h2>{net.scenarios['cpc-mooring-nov-2025'].name}</h2><p>" in html
    assert "flow in days 0–57 (width by kb/d)" in html
    assert "trans-caspian 66, atyrau-samara 1,359, kazakhstan-china 234" in html
    assert "cpc 0" not in html


def test_a_scenario_file_names_every_mistake_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    """A misspelt target, closure or market is named beside the structure's own problems,
    not only once those are fixed."""
    path = tmp_path / "three.yaml"
    path.write_text(
        "days: 30\noutages:\n  - {target: cpc-marine-termnal, share_lost: 1.5, start_day: 4, "
        "duration_days: 10}\nclosed: [bosporous]\nmarkets: [samra]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["scenario", str(path)])
    assert result.exit_code == 1
    fields = re.findall(r"field '([^']+)'", result.stderr)
    assert fields == ["outages[0].share_lost", "outages[0].target", "closed", "markets"]
    assert "(did you mean 'cpc-marine-terminal'?)" in result.stderr
    assert "(did you mean 'bosporus'?)" in result.stderr
    assert "(did you mean 'samara'?)" in result.stderr
