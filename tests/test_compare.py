"""`routes compare`: the JSON contract on the real data, formats, sorting and bad usage."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routes.cli import app

ROUTE_KEYS = {
    "id",
    "name",
    "origin",
    "destination",
    "length_km",
    "length_km_by_mode",
    "length_km_by_country",
    "capacity_kbd",
    "capacity_mtpa",
    "bottleneck_segment",
    "spare_capacity_kbd",
    "cost_usd_per_bbl",
    "transit_days",
    "transshipments",
    "chokepoints",
    "risk_score",
    "risk_factors",
    "segments",
    "sources",
}


@pytest.fixture(scope="module")
def doc() -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["compare", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_contract_top_level(doc: dict) -> None:  # type: ignore[type-arg]
    assert doc["schema"] == "routes.compare/1"
    assert len(doc["data_version"]) == 12
    assert sum(doc["weights"].values()) == pytest.approx(1.0, abs=1e-3)
    assert [r["id"] for r in doc["routes"]] == [
        "cpc",
        "trans-caspian",
        "baku-supsa",
        "atyrau-samara",
        "kazakhstan-china",
    ]


def test_contract_per_route_invariants(doc: dict) -> None:  # type: ignore[type-arg]
    for r in doc["routes"]:
        assert set(r) >= ROUTE_KEYS, r["id"]
        assert sum(f["contribution"] for f in r["risk_factors"].values()) == pytest.approx(
            r["risk_score"], abs=1e-6
        )
        assert sum(r["length_km_by_country"].values()) == pytest.approx(r["length_km"], abs=0.5)
        assert sum(r["length_km_by_mode"].values()) == pytest.approx(r["length_km"], abs=0.5)
        for seg in r["segments"]:
            assert {"id", "mode", "length_km", "capacity_kbd", "length_km_by_country"} <= set(seg)


def test_capacity_is_set_by_the_element_the_route_names(doc: dict) -> None:  # type: ignore[type-arg]
    for r in doc["routes"]:
        elements = {
            e["id"]: e for e in (*r["segments"], *r["parallel_segment_metrics"], *r["nodes"])
        }
        necks = r["bottleneck"].split(" + ")
        assert r["bottleneck_segment"] == (
            r["bottleneck"] if r["bottleneck_kind"] == "segment" else None
        )
        assert sum(elements[n]["capacity_kbd"] for n in necks) == pytest.approx(
            r["capacity_kbd"], abs=0.15
        ), r["id"]
        # Nothing available today carries more than the route can take.
        if not r["parallel_segments"]:
            known = [e["capacity_kbd"] for e in elements.values() if e["capacity_limit"] == "value"]
            assert r["capacity_kbd"] == pytest.approx(min(known), abs=0.05), r["id"]


def test_real_data_is_sensible(doc: dict) -> None:  # type: ignore[type-arg]
    routes = {r["id"]: r for r in doc["routes"]}
    cpc, tc = routes["cpc"], routes["trans-caspian"]
    assert 1200 <= cpc["capacity_kbd"] <= 1800
    assert cpc["bottleneck_segment"] == "cpc-atyrau-border"
    assert cpc["capacity_bound"] == "exact"
    assert tc["capacity_kbd"] < 0.15 * cpc["capacity_kbd"]
    # Aktau's loading capacity sets the Trans-Caspian route; the rail and the Caspian fleet have
    # no sourced capacity, so it is an upper bound.
    assert (tc["bottleneck"], tc["bottleneck_kind"], tc["bottleneck_segment"]) == (
        "aktau",
        "node",
        None,
    )
    assert tc["capacity_bound"] == "at_most"
    assert set(tc["capacity_unknown"]) >= {"tengiz-aktau-rail", "aktau-sangachal"}
    assert (
        cpc["risk_factors"]["disruption_history"]["value"]
        > tc["risk_factors"]["disruption_history"]["value"]
    )
    assert cpc["risk_factors"]["chokepoints"]["value"] > tc["risk_factors"]["chokepoints"]["value"]
    assert cpc["chokepoints"] == ["bosporus", "dardanelles"]
    assert tc["transshipments"] == 3 and cpc["transshipments"] == 1
    assert "RUS" not in tc["length_km_by_country"]
    assert cpc["cost_complete"] and not tc["cost_complete"]
    assert routes["kazakhstan-china"]["cost_usd_per_bbl"] is None


def test_transit_time_states_its_assumptions(doc: dict) -> None:  # type: ignore[type-arg]
    cpc = next(r for r in doc["routes"] if r["id"] == "cpc")
    used = {line["assumption"] for line in cpc["transit_breakdown"]}
    assert {
        "pipeline-speed.cpc",
        "tanker-speed",
        "wait-days.turkish-straits",
        "transshipment-days",
    } <= used
    assert sum(line["days"] for line in cpc["transit_breakdown"]) == pytest.approx(
        cpc["transit_days"], abs=0.1
    )
    tc = next(r for r in doc["routes"] if r["id"] == "trans-caspian")
    (btc,) = [t for t in tc["transit_breakdown"] if t["what"].startswith("btc ")]
    # Line fill over the latest flow of all shippers, both sourced: no assumption.
    assert btc["assumption"] is None
    assert btc["basis"].startswith("line fill 10 million bbl ÷ 566 kb/d (2025")
    assert btc["days"] == pytest.approx(10_000 / (206.434e3 / 365), abs=0.01)


def test_output_is_byte_identical_across_runs(tmp_path: Path, runner: CliRunner) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for path in (a, b):
        assert (
            runner.invoke(app, ["compare", "--format", "json", "--output", str(path)]).exit_code
            == 0
        )
    assert a.read_bytes() == b.read_bytes()


def test_csv_has_one_flat_row_per_route(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [
        "cpc",
        "trans-caspian",
        "baku-supsa",
        "atyrau-samara",
        "kazakhstan-china",
    ]
    assert float(rows[0]["risk_factors.sanctions.contribution"]) == pytest.approx(20.0)
    assert rows[0]["chokepoints"] == "bosporus;dardanelles"


def test_markdown_is_memo_ready(runner: CliRunner) -> None:
    out = runner.invoke(app, ["compare", "cpc", "trans-caspian", "--format", "markdown"]).stdout
    assert out.startswith("|  | CPC via Novorossiysk")
    row = next(line for line in out.splitlines() if line.startswith("| cost, USD/bbl |"))
    # Each figure carries numbered footnote markers to its sources; ≥ marks a lower bound.
    # The assumption mark * is escaped, so no renderer reads it as emphasis.
    assert re.fullmatch(
        r"\| cost, USD/bbl \| 6\.28\\\*(\[\^\d+\])+ "
        r"\| ≥ 4\.32\\\*(\[\^\d+\])+ \|",
        row,
    )
    markers = set(re.findall(r"\[\^(\d+)\](?!:)", out))
    definitions = set(re.findall(r"^\[\^(\d+)\]: ", out, flags=re.M))
    assert markers and markers <= definitions
    assert "\nNotes:\n\n" in out
    assert (
        "\n- Trans-Caspian: Caspian tanker and BTC: cost is a lower bound: no sourced figure "
        "for caspian-freight, tengiz-aktau-rail-tariff.\n"
    ) in out
    assert "Data version " in out


def test_terminal_table_prints_the_markdown_notes(runner: CliRunner) -> None:
    table = runner.invoke(app, ["compare"]).stdout
    markdown = runner.invoke(app, ["compare", "--format", "markdown"]).stdout
    block = markdown.split("\nNotes:\n\n", 1)[1].split("\n\n", 1)[0]
    notes = [line[2:] for line in block.splitlines()]
    assert notes
    for note in notes:
        assert f"  - {note}" in table


def test_sort_descending_by_capacity(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "--format", "json", "--sort", "-capacity_kbd"])
    ids = [r["id"] for r in json.loads(result.stdout)["routes"]]
    # Exact capacities first (Baku–Supsa is idle: exactly 0 today), then the upper bounds.
    assert ids == ["cpc", "atyrau-samara", "baku-supsa", "kazakhstan-china", "trans-caspian"]


def test_table_shows_routes_side_by_side(runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", "cpc", "trans-caspian"])
    assert result.exit_code == 0
    assert "risk score (0–100)" in result.stdout
    assert "Risk ranking: cpc > trans-caspian" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["compare", "cpcc"],
            "Error: unknown route 'cpcc' (did you mean 'cpc'?); choose from cpc, "
            "trans-caspian, baku-supsa, atyrau-samara, kazakhstan-china\n",
        ),
        (
            ["compare", "--sort", "risk"],
            "Error: --sort risk: unknown field (did you mean "
            "'risk_score'?); choose from id, name, length_km, "
            "capacity_kbd, capacity_mtpa, capacity_if_built_kbd, "
            "spare_capacity_kbd, "
            "cost_usd_per_bbl, cost_usd_per_t, transit_days, "
            "transshipments, risk_score (prefix '-' for descending)\n",
        ),
    ],
)
def test_bad_usage_exits_2_with_one_sentence(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_a_negative_weight_is_bad_data_and_a_missing_profile_bad_usage(
    runner: CliRunner, tmp_path: Path
) -> None:
    missing = runner.invoke(app, ["compare", "--weights", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 2, missing.stderr
    path = tmp_path / "w.yaml"
    path.write_text("weights:\n  transit_political: -1\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", "--weights", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: --weights {path}: weight 'transit_political' is -1; give a "
        "number from 0 to 1000 (only the ratios count)\n"
    )


def test_weights_change_the_score(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "weights: {transit_political: 0, sanctions: 1, chokepoints: 0, "
        "disruption_history: 0, single_points_of_failure: 0, weather: 0}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["compare", "--weights", str(path), "--format", "json"])
    routes = {r["id"]: r for r in json.loads(result.stdout)["routes"]}
    assert routes["cpc"]["risk_score"] == pytest.approx(100.0)
    assert routes["trans-caspian"]["risk_score"] == pytest.approx(0.0)


def test_failed_run_leaves_no_output_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    result = runner.invoke(app, ["compare", "nope", "--format", "json", "--output", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_user_assumption_overrides_cost(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "costs.yaml").write_text(
        "- id: caspian-freight\n  kind: freight\n  segments: [aktau-sangachal, kuryk-sangachal]\n"
        "  value: 10\n  unit: USD/t\n  as_of: 2025\n  assumption: true\n"
        "  note: my own estimate\n"
        "- id: tengiz-aktau-rail-tariff\n  kind: tariff\n"
        "  segments: [tengiz-aktau-rail, tengiz-kuryk-rail]\n  value: 20\n  unit: USD/t\n"
        "  assumption: true\n  note: my own estimate\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["compare", "trans-caspian", "--data", str(tmp_path), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    (tc,) = json.loads(result.stdout)["routes"]
    assert tc["cost_complete"] and tc["cost_bound"] == "exact"
    assert tc["cost_usd_per_t"] == pytest.approx(24 + 8.2 + 10 + 20, abs=0.01)
    # Per barrel of the crude delivered at Augusta via Ceyhan (BTC Blend, 7.45 bbl/t).
    assert tc["cost_usd_per_bbl"] == pytest.approx((24 + 8.2 + 10 + 20) / 7.45, abs=0.01)


def test_a_cost_item_is_paid_by_a_route_on_any_of_its_segments(tmp_path: Path) -> None:
    from routes.metrics import all_route_metrics
    from routes.validate import load_network
    from tests.conftest import write_tiny

    folder = write_tiny(
        tmp_path / "d",
        routes=[
            {"id": "r", "name": "R", "origin": "a", "destination": "c", "segments": ["ab", "bc"]},
            {
                "id": "sea",
                "name": "Sea only",
                "origin": "b",
                "destination": "c",
                "segments": ["bc"],
            },
        ],
        costs=[
            {
                "id": "pipe",
                "kind": "tariff",
                "segments": ["ab"],
                "value": 7.3,
                "unit": "USD/t",
                "as_of": 2024,
                "sources": ["s1"],
            },
            {
                "id": "both",
                "kind": "port",
                "segments": ["ab", "bc"],
                "value": 14.6,
                "unit": "USD/t",
                "as_of": 2024,
                "sources": ["s1"],
            },
        ],
    )
    r, sea = all_route_metrics(load_network(folder), ["r", "sea"])
    assert [c.id for c in r.costs] == ["pipe", "both"]  # each once, in the file's order
    assert [c.id for c in sea.costs] == ["both"]
    assert sea.cost_usd_per_t.value == pytest.approx(14.6)


def test_printed_km_by_mode_and_by_country_add_up_to_the_printed_length(
    runner: CliRunner,
) -> None:
    """Each part rounded once, the leftover kilometres to the largest remainders: a reader
    adding a route's km by country gets its length (Atyrau–Samara is 689.4999 km, once
    printed 689 beside 'pipeline 690')."""
    table = runner.invoke(app, ["compare", "--format", "markdown"]).stdout

    def row(label: str) -> list[str]:
        line = next(x for x in table.splitlines() if x.startswith(f"| {label} |"))
        return [re.sub(r"\[\^\d+\]", "", c).strip() for c in line.split("|")[2:-1]]

    def km(cell: str) -> list[int]:
        return [int(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*\b", cell)]

    lengths = [km(c)[0] for c in row("length, km")]
    assert lengths == [3827, 4820, 4588, 689, 2824]
    assert [sum(km(c)) for c in row("by mode, km")] == lengths
    assert [sum(km(c)) for c in row("by country, km")] == lengths
    assert row("by mode, km")[3] == "pipeline 689"


@pytest.mark.parametrize("cached", [False, True], ids=["afresh", "from the cache"])
def test_the_table_is_titled_with_the_data_version_and_risk_profile(
    cached: bool, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from routes.risk import load_profile
    from routes.validate import load_network

    if cached:
        monkeypatch.delenv("ROUTES_NO_CACHE")
        monkeypatch.setenv("ROUTES_CACHE_DIR", str(tmp_path / "cache"))
        runner.invoke(app, ["compare", "cpc"])
    profile = load_profile()
    result = runner.invoke(app, ["compare", "cpc"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    title = (
        f"Route comparison (data {load_network().data_version}, risk profile {profile.name} "
        f"v{profile.version})"
    )
    assert title in result.stdout


def test_markdown_footnotes_cite_each_source_in_markdown(runner: CliRunner) -> None:
    """Each footnote's definition is its source's citation made literal, its address an
    autolink: every numbered marker in the table has one."""
    from routes import report
    from routes.validate import load_network

    result = runner.invoke(app, ["compare", "cpc", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    rows = report.source_rows(load_network())
    defined = re.findall(r"^\[\^(\d+)\]: (.*)$", result.stdout, flags=re.M)
    assert defined and [n for n, _ in defined] == [str(k) for k in range(1, len(defined) + 1)]
    lines = {line for _, line in defined}
    cited = [r for r in rows.values() if report.source_line(r, markdown=True) in lines]
    assert len(cited) == len(defined)
    assert all(f"<{r['url']}>" in report.source_line(r, markdown=True) for r in cited if r["url"])
