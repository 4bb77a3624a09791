"""What data can do to output: figures at the edges of what validation allows still give valid
JSON (no NaN or Infinity), and text from the data can run nothing in a spreadsheet (CSV) or a
Markdown viewer (no HTML, link or emphasis)."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from routes.cli import app
from tests.conftest import feature, write_tiny

PAYLOAD = "<img src=x onerror=alert(1)> *x* [y](z)"
FORMULAS = ['=HYPERLINK("http://evil.example","CPC")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def strict_json(text: str) -> Any:
    """JSON as RFC 8259 has it: NaN, Infinity and -Infinity are refused."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


def numbers(doc: Any) -> list[float]:
    if isinstance(doc, dict):
        return [x for v in doc.values() for x in numbers(v)]
    if isinstance(doc, list):
        return [x for v in doc for x in numbers(v)]
    return [float(doc)] if isinstance(doc, int | float) and not isinstance(doc, bool) else []


# JSON at the edges ----------------------------------------------------------------------------


def extreme_network(folder: Path, *, capacity_kbd: float, flow_kbd: float) -> Path:
    """The tiny network with every figure at a limit validation allows: the thinnest and the
    fullest line, the most oil a line may hold, the dearest tariff, the heaviest crude, the
    slowest speeds and longest waits, and the worst country indicators."""
    capacity = {"value": capacity_kbd, "unit": "kb/d", "as_of": 2024, "sources": ["s1"]}
    segments = [
        feature(
            {
                "id": "ab",
                "name": "A-B",
                "mode": "pipeline",
                "from": "a",
                "to": "b",
                "status": "operating",
                "crude": "heavy",
                "capacity": capacity,
                "throughput": [
                    {
                        "year": 2024,
                        "shippers": "all",
                        "value": flow_kbd,
                        "unit": "kb/d",
                        "sources": ["s1"],
                    }
                ],
                "linefill": {"value": 1e4, "unit": "million bbl", "as_of": 2024, "sources": ["s1"]},
                "sources": ["s1"],
            },
            "LineString",
            [[0.5, 0.5], [3.5, 0.5]],
        ),
        feature(
            {
                "id": "bc",
                "name": "B-C",
                "mode": "tanker",
                "from": "b",
                "to": "c",
                "status": "operating",
                "crude": "heavy",
                "capacity": {"value": 25_000, "unit": "kb/d", "as_of": 2024, "sources": ["s1"]},
                "sources": ["s1"],
            },
            "LineString",
            [[3.5, 0.5], [3.5, -1.0]],
        ),
    ]
    countries = [
        {
            "iso3": iso3,
            "name": iso3,
            "political_stability": {
                "value": -2.5,
                "unit": "WGI estimate",
                "as_of": 2023,
                "sources": ["s1"],
            },
            "sanctions_exposure": {"value": 1.0, "unit": "share", "as_of": 2023, "sources": ["s1"]},
        }
        for iso3 in ("AAA", "BBB")
    ]
    return write_tiny(
        folder,
        segments=segments,
        countries=countries,
        costs=[
            {
                "id": "t1",
                "kind": "tariff",
                "segments": ["ab"],
                "value": 2000,
                "unit": "USD/t",
                "as_of": 2024,
                "sources": ["s1"],
            }
        ],
        crudes=[
            {
                "id": "heavy",
                "name": "Heavy",
                "sources": ["s1"],
                "bbl_per_t": {"value": 5, "unit": "bbl/t", "as_of": 2024, "sources": ["s1"]},
            }
        ],
        assumptions=[
            {"id": "bbl-per-t", "value": 5, "unit": "bbl/t", "reasoning": "edge"},
            {"id": "tanker-speed", "value": 1, "unit": "kn", "reasoning": "edge"},
            {"id": "pipeline-speed", "value": 1, "unit": "km/day", "reasoning": "edge"},
            {"id": "rail-speed", "value": 1, "unit": "km/day", "reasoning": "edge"},
            {"id": "transshipment-days", "value": 60, "unit": "days", "reasoning": "edge"},
        ],
        events=[
            {
                "id": f"e{i}",
                "target": "ab",
                "start": "1900-01-01",
                "end": "2100-12-31",
                "share_lost": 1,
                "category": "technical",
                "cause": "edge",
                "sources": ["s1"],
            }
            for i in range(3)
        ],
    )


@pytest.mark.parametrize(
    ("capacity_kbd", "flow_kbd"),
    [
        (0.001, 0.001),  # the least a line may carry, and a barrel a day through 10 bn bbl
        (25_000, 25_000),  # the most
        (25_000, 0.001),
    ],
)
def test_json_stays_valid_at_the_edges(
    tmp_path: Path, runner: CliRunner, capacity_kbd: float, flow_kbd: float
) -> None:
    data = str(extreme_network(tmp_path / "edge", capacity_kbd=capacity_kbd, flow_kbd=flow_kbd))
    doc = strict_json(invoke(runner, "compare", "r", "--data", data, "--format", "json"))
    (route,) = doc["routes"]
    assert route["cost_usd_per_bbl"] == pytest.approx(400.0)  # 2,000 USD/t at 5 bbl/t
    assert 0 <= route["risk_score"] <= 100
    assert route["transit_days"] > 0
    for command in (["show", "r"], ["list"], ["scenario", "cpc-closed-30d"], ["critical"]):
        strict_json(invoke(runner, *command, "--data", data, "--format", "json"))
    assert all(math.isfinite(x) for x in numbers(doc))
    for fmt in ("csv", "markdown", "table"):
        text = invoke(runner, "compare", "r", "--data", data, "--format", fmt)
        assert "nan" not in text.lower().split() and "inf" not in text.lower().split()


def test_a_flow_below_a_barrel_a_day_is_refused_not_divided_by(
    tmp_path: Path, runner: CliRunner
) -> None:
    """1e-320 kb/d passed validation and made line fill ÷ flow infinite: the JSON writer then
    failed with a traceback."""
    data = str(extreme_network(tmp_path / "edge", capacity_kbd=25_000, flow_kbd=1e-320))
    result = runner.invoke(app, ["compare", "--data", data, "--format", "json"])
    assert result.exit_code == 1
    assert (
        "field 'throughput[0].value' is 1e-320 kb/d, less than a barrel a day, which no "
        "asset moves; check the value and its unit" in result.stderr
    )


# Text from the data ---------------------------------------------------------------------------


def payload_folder(folder: Path, names: list[str]) -> Path:
    """Routes, a segment and a source named with the given texts, over the packaged data."""
    folder.mkdir()
    routes = [
        {
            "id": f"evil-{i}",
            "name": name,
            "origin": "atyrau",
            "destination": "samara",
            "segments": ["uas-atyrau-samara"],
            "description": name,
        }
        for i, name in enumerate(names)
    ]
    (folder / "routes.yaml").write_text(json.dumps(routes), "utf-8")
    segments = json.loads(
        (Path(__file__).parent.parent / "geodata" / "segments.geojson").read_text("utf-8")
    )
    (seg,) = [f for f in segments["features"] if f["properties"]["id"] == "uas-atyrau-samara"]
    seg["properties"]["name"] = names[0]
    seg["properties"]["operator"] = names[-1]
    (folder / "segments.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [seg]}), "utf-8"
    )
    (folder / "sources.yaml").write_text(
        json.dumps(
            [
                {
                    "id": f"evil-source-{i}",
                    "title": name,
                    "publisher": name,
                    "date": "2024-01-01",
                    "url": None,
                }
                for i, name in enumerate(names)
            ]
        ),
        "utf-8",
    )
    return folder


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_cells_from_the_data_cannot_be_formulas(tmp_path: Path, runner: CliRunner) -> None:
    data = str(payload_folder(tmp_path / "evil", FORMULAS))
    outputs = {
        "compare": invoke(runner, "compare", "--data", data, "--format", "csv"),
        "sources": invoke(runner, "sources", "--data", data, "--format", "csv"),
        "critical": invoke(runner, "critical", "--data", data, "--format", "csv"),
        "scenario": invoke(runner, "scenario", "cpc-closed-30d", "--data", data, "--format", "csv"),
    }
    for command, text in outputs.items():
        cells = csv_cells(text)
        risky = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert all(is_number(c) for c in risky), (command, [c for c in risky if not is_number(c)])
    compare_cells = csv_cells(outputs["compare"])
    for name in FORMULAS:  # each name is there, behind an apostrophe, and nowhere bare
        assert "'" + name in compare_cells and name not in compare_cells
    assert "'" + FORMULAS[0] in csv_cells(outputs["critical"])
    assert "'" + FORMULAS[3] in csv_cells(outputs["sources"])


def rendered(markdown: str) -> str:
    """The HTML a CommonMark viewer with GitHub tables would show."""
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_markdown_from_the_data_holds_no_html_link_or_emphasis(
    tmp_path: Path, runner: CliRunner
) -> None:
    data = str(payload_folder(tmp_path / "evil", [PAYLOAD]))
    scenario = tmp_path / "evil-scenario.yaml"
    scenario.write_text(
        f"name: {json.dumps(PAYLOAD)}\ndescription: {json.dumps(PAYLOAD)}\n"
        "days: 10\noutages:\n  - {target: uas-atyrau-samara, share_lost: 1}\n",
        "utf-8",
    )
    outputs = {
        "compare": invoke(runner, "compare", "--data", data, "--format", "markdown"),
        "sources": invoke(runner, "sources", "--data", data, "--format", "markdown"),
        "critical": invoke(runner, "critical", "--data", data, "--format", "markdown"),
        "scenario": invoke(
            runner, "scenario", str(scenario), "--data", data, "--format", "markdown"
        ),
    }
    for command, text in outputs.items():
        html = rendered(text)
        assert "<img" not in html, command
        assert 'href="z"' not in html and "<em>x</em>" not in html, command
        if command != "critical":  # its table names assets by id
            # The name is still there for the reader, as text.
            assert "&lt;img src=x onerror=alert(1)&gt; *x* [y](z)" in html, command


def test_the_markdown_check_would_see_a_raw_payload() -> None:
    html = rendered(f"| route |\n|---|\n| {PAYLOAD} |\n")
    assert "<img" in html and 'href="z"' in html and "<em>x</em>" in html


# Outputs inside a data folder -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["compare", "--output", "{d}/c.csv"], "{d}/c.csv"),
        (["compare", "--output", "{d}/notes/c.md"], "{d}/notes/c.md"),
        (["scenario", "cpc-closed-30d", "--output", "{d}/s.csv"], "{d}/s.csv"),
        (["critical", "--output", "{d}/c.json"], "{d}/c.json"),
        (["export", "--output", "{d}/x.geojson"], "{d}/x.geojson"),
        (["map", "--output", "{d}/m.html"], "{d}/m.html"),
        (["map", "--output", "m.html", "--figure", "{d}/m.svg"], "{d}/m.svg"),
        (["memo", "--output", "{d}/memo"], "{d}/memo"),
        (["memo", "--output", "{d}", "--force"], "{d}"),
    ],
)
def test_no_command_writes_inside_a_data_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], out: str
) -> None:
    """The next run would read the output as data (a .csv or .json is a misnamed data file, a
    folder is refused): every command refuses it before computing, and writes nothing."""
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "mine"
    (data / "notes").mkdir(parents=True)
    result = runner.invoke(app, [*(a.format(d="mine") for a in args), "--data", "mine"])
    assert result.exit_code == 2, result.stderr
    option = "--figure" if "--figure" in args else "--output"
    assert result.stderr == (
        f"Error: {option} {out.format(d='mine')}: is inside the data folder mine, where it "
        "would be read as data; write it elsewhere\n"
    )
    assert [p.name for p in data.rglob("*")] == ["notes"]
    assert not (tmp_path / "m.html").exists()
