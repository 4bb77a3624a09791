"""The HTML map and the print PNG: folium objects, normalised snippets, files and errors."""

from __future__ import annotations

import datetime as dt
import re
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routes.cli import app
from routes.maps import MapOptions, map_from_routes, map_html, stable_ids
from routes.metrics import all_route_metrics
from routes.network import Network
from routes.risk import load_profile, route_risk

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "maps" / "kazakhstan-export-routes.html"
#: The date stamped on the committed example (see maps/README.md).
EXAMPLE_EPOCH = "1795651200"  # 2026-11-26
XSS = "<script>alert(1)</script>"


def scored(net: Network, ids: list[str] | None = None):  # type: ignore[no-untyped-def]
    metrics = all_route_metrics(net, ids or [])
    profile = load_profile()
    return metrics, [route_risk(net, m, profile) for m in metrics]


@pytest.fixture(scope="module")
def offline_html(net: Network) -> str:
    metrics, risks = scored(net)
    return map_html(net, metrics, risks, MapOptions(date=dt.date(2026, 11, 26)))


def xss_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "xss"
    folder.mkdir()
    (folder / "routes.yaml").write_text(
        f"- id: xss\n  name: '{XSS}'\n  origin: atyrau\n  destination: samara\n"
        "  segments: [uas-atyrau-samara]\n", encoding="utf-8")
    return folder


def test_offline_map_loads_nothing_from_outside(offline_html: str) -> None:
    assert not re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=\"https?:", offline_html)
    assert "cdn.jsdelivr" not in offline_html and "tile.openstreetmap" not in offline_html
    assert "window.L = exports" in offline_html or "L.version" in offline_html or \
        '"1.9.3"' in offline_html  # Leaflet itself is inlined
    assert "url(images/" not in offline_html  # the control images are data: URIs


def test_offline_map_is_small(offline_html: str) -> None:
    assert len(offline_html.encode("utf-8")) < 1_500_000


def test_online_map_uses_cdn_and_tiles(net: Network) -> None:
    metrics, risks = scored(net, ["cpc"])
    html_text = map_html(net, metrics, risks, MapOptions(offline=False,
                                                          date=dt.date(2026, 11, 26)))
    assert "https://cdn.jsdelivr.net/npm/leaflet@" in html_text
    assert "tile.openstreetmap.org" in html_text


def test_one_layer_per_route_and_mode_styles(net: Network) -> None:
    import folium

    metrics, risks = scored(net)
    with stable_ids():
        fmap = map_from_routes(net, metrics, risks, MapOptions(date=dt.date(2026, 11, 26)))
    groups = [c for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)]
    names = [g.layer_name for g in groups]
    assert len(groups) == len(metrics) + 1  # one per route, plus places
    assert names[0].startswith("CPC via Novorossiysk and the Turkish Straits — risk 62, 1,573 "
                               "kb/d today")
    assert names[2].endswith(", 0 kb/d today, idle")  # Baku–Supsa
    cpc_lines = [c for c in groups[0]._children.values() if isinstance(c, folium.PolyLine)]
    dashes = [line.options.get("dashArray") for line in cpc_lines]
    assert dashes == [None, None, None, None, "10 7"]  # four pipeline sections, one tanker leg
    tc_lines = [c for c in groups[1]._children.values() if isinstance(c, folium.PolyLine)]
    assert tc_lines[0].options["dashArray"] == "2 6"  # rail
    # The planned Kuryk branch is drawn, faded, never dropped.
    kuryk = [line for line in tc_lines if "status-planned" in line.options["className"]]
    assert len(kuryk) == 1 and kuryk[0].options["opacity"] < tc_lines[0].options["opacity"]
    assert cpc_lines[0].options["weight"] > tc_lines[0].options["weight"]  # capacity
    assert cpc_lines[0].options["color"] != tc_lines[0].options["color"]  # risk


def test_title_legend_and_popups(offline_html: str) -> None:
    assert "data version" in offline_html and "2026-11-26" in offline_html
    assert "id='routes-legend'" in offline_html
    assert "pipeline (solid)" in offline_html and "tanker (dashed)" in offline_html
    # The terminal's popup lists its incidents; popups carry metrics and sources.
    assert "Naval drones destroyed SPM-2" in offline_html
    assert "Incidents (" in offline_html
    assert "Global Energy Monitor" in offline_html


def test_same_inputs_same_bytes(net: Network, offline_html: str) -> None:
    metrics, risks = scored(net)
    again = map_html(net, metrics, risks, MapOptions(date=dt.date(2026, 11, 26)))
    assert again == offline_html


def test_committed_example_is_current(runner: CliRunner, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EXAMPLE_EPOCH)
    out = tmp_path / "example.html"
    result = runner.invoke(app, ["map", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == EXAMPLE.read_bytes(), (
        "maps/kazakhstan-export-routes.html is stale: regenerate it with the command in "
        "maps/README.md")


def test_user_names_are_escaped(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "xss.html"
    result = runner.invoke(app, ["map", "xss", "--data", str(xss_folder(tmp_path)),
                                 "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert XSS not in text
    # HTML-escaped, then JSON-escaped inside the script that binds it.
    assert "\\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;" in text


def test_png_for_print(runner: CliRunner, tmp_path: Path) -> None:
    html_out, png_out = tmp_path / "m.html", tmp_path / "m.png"
    result = runner.invoke(app, ["map", "cpc", "--output", str(html_out), "--png",
                                 str(png_out)])
    assert result.exit_code == 0, result.stderr
    data = png_out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1753, 1240)  # A4 landscape at 150 dpi


@pytest.mark.parametrize(("args", "message"), [
    (["map", "--scenario", "cpc-closed"], "Error: --scenario 'cpc-closed' is no preset and no "
     "file (did you mean 'cpc-closed-30d'?); use one of cpc-closed-30d, cpc-court-jul-2022, "
     "cpc-kropotkinskaya-feb-2025, cpc-mooring-nov-2025, cpc-moorings-aug-2022, "
     "cpc-storm-mar-2022, straits-closed, or the path of a YAML or TOML scenario file\n"),
    (["map", "cpcc"], "Error: unknown route 'cpcc' (did you mean 'cpc'?); choose from cpc, "
     "trans-caspian, baku-supsa, atyrau-samara, kazakhstan-china\n"),
])
def test_bad_map_usage(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_unwritable_output_leaves_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "map.html"
    result = runner.invoke(app, ["map", "--output", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: --output {out}: the folder {out.parent} does not exist; "
                             "create it or choose another path\n")
    assert not out.parent.exists()


def test_a_scenario_marks_its_cuts_where_they_are_and_draws_its_flows(net: Network) -> None:
    import folium

    from routes.flows import run_scenario
    from routes.scenario_report import scenario_document

    metrics, risks = scored(net)
    doc = scenario_document(net, run_scenario(net, net.scenarios["cpc-mooring-nov-2025"]))
    with stable_ids():
        fmap = map_from_routes(net, metrics, risks, MapOptions(date=dt.date(2026, 11, 26),
                                                              scenario=doc))
    groups = {c.layer_name: c for c in fmap._children.values()
              if isinstance(c, folium.FeatureGroup)}
    cuts = groups["Scenario: CPC mooring loss, November 2025, what is cut"]
    rings = {c.options["className"]: c.location for c in cuts._children.values()
             if isinstance(c, folium.CircleMarker)}
    terminal = net.nodes["cpc-marine-terminal"]
    # Both moorings are ringed at their terminal, in folium's (lat, lon) order.
    assert rings == {"scenario-cut cut-cpc-spm-2": [terminal.lat, terminal.lon],
                     "scenario-cut cut-cpc-spm-3": [terminal.lat, terminal.lon]}
    flows = groups["Scenario: CPC mooring loss, November 2025, flows in days 0–57"]
    lines = {c.options["className"].split()[1]: c for c in flows._children.values()
             if isinstance(c, folium.PolyLine)}
    assert "flow-uas-atyrau-samara" in lines
    start = net.segments["uas-atyrau-samara"].geometry.coords[0]
    assert lines["flow-uas-atyrau-samara"].locations[0] == pytest.approx([start[1], start[0]],
                                                                         abs=1e-4)
    # Width by flow: the CPC line's 814 kb/d is drawn wider than the China line's 53.
    assert lines["flow-cpc-atyrau-border"].options["weight"] > \
        lines["flow-atasu-alashankou"].options["weight"]
