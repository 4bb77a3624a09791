"""The HTML map: its model (coordinates, bounds, legs drawn once, popups, labels), the page
built from it (Leaflet's lat/lon order, escaping, assets), and the map command's outputs."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from routes.cli import app
from routes.maps import ROUTE_LABEL_FRACTIONS, MapModel, MapOptions, map_html, map_model, page_data
from routes.metrics import all_route_metrics
from routes.network import Network
from routes.risk import load_profile, route_risk

DAY = dt.date(2026, 11, 26)
#: Markup that would run if a name reached the page unescaped: it sets a flag the browser test
#: checks (the image's source fails to load, so its onerror handler fires).
XSS = "<img src=x onerror=window.routesXss=1>"


def scored(net: Network, ids: list[str] | None = None):  # type: ignore[no-untyped-def]
    metrics = all_route_metrics(net, ids or [])
    profile = load_profile()
    return metrics, [route_risk(net, m, profile) for m in metrics]


@pytest.fixture(scope="module")
def model(net: Network) -> MapModel:
    metrics, risks = scored(net)
    return map_model(net, metrics, risks, MapOptions(date=DAY))


@pytest.fixture(scope="module")
def offline_html(net: Network) -> str:
    metrics, risks = scored(net)
    return map_html(net, metrics, risks, MapOptions(date=DAY))


def page_json(page: str) -> dict[str, Any]:
    """The model as the page carries it."""
    match = re.search(
        r"<script type='application/json' id='routes-data'>(.*?)</script>", page, re.S
    )
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def xss_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "xss"
    folder.mkdir()
    (folder / "routes.yaml").write_text(
        f"- id: xss\n  name: '{XSS}'\n  origin: atyrau\n  destination: samara\n"
        "  segments: [uas-atyrau-samara]\n",
        encoding="utf-8",
    )
    return folder


# --- the model --------------------------------------------------------------------------------


def test_every_segment_is_drawn_once_with_every_route_that_uses_it(model: MapModel) -> None:
    ids = [leg.id for leg in model.legs]
    assert len(ids) == len(set(ids))
    users = {leg.id: [rid for rid, _ in leg.stripes] for leg in model.legs}
    assert sorted(users["tengiz-aktau-rail"]) == ["baku-supsa", "trans-caspian"]
    assert sorted(users["aktau-sangachal"]) == ["baku-supsa", "trans-caspian"]
    assert users["btc"] == ["trans-caspian"]
    assert users["cpc-terminal-augusta"] == ["cpc"]
    # Each route shows round the one inside it: the outer stripe is wider.
    rail = next(leg for leg in model.legs if leg.id == "tengiz-aktau-rail")
    assert rail.stripes[0][1] >= rail.stripes[1][1] + 3.0


def test_routes_keep_their_colour_whichever_routes_are_drawn(net: Network, model: MapModel) -> None:
    from routes.style import ROUTE_PALETTE

    colours = {r.id: r.colour for r in model.routes}
    assert colours["cpc"] == ROUTE_PALETTE[0]
    assert colours["trans-caspian"] == ROUTE_PALETTE[1]
    assert len(set(colours.values())) == len(colours)
    metrics, risks = scored(net, ["kazakhstan-china"])
    alone = map_model(net, metrics, risks, MapOptions(date=DAY))
    assert alone.routes[0].colour == colours["kazakhstan-china"]


def test_statuses_are_drawn_distinctly(model: MapModel) -> None:
    looks = {leg.id: leg.look for leg in model.legs}
    assert looks["kuryk-sangachal"] == "hollow"  # planned
    assert looks["baku-supsa"] == "faded"  # idle
    assert looks["btc"] == "full"


def test_coordinates_are_lon_lat_in_the_model_and_lat_lon_in_the_page(
    net: Network, model: MapModel
) -> None:
    data = page_data(model)
    btc = next(i for i, leg in enumerate(model.legs) if leg.id == "btc")
    x, y = net.segments["btc"].geometry.coords[0]
    assert model.legs[btc].coords[0] == pytest.approx((x, y), abs=1e-4)
    assert data["legs"][btc]["ll"][0] == pytest.approx([y, x], abs=1e-4)
    last_x, last_y = net.segments["btc"].geometry.coords[-1]
    assert data["legs"][btc]["ll"][-1] == pytest.approx([last_y, last_x], abs=1e-4)
    ceyhan = next(i for i, p in enumerate(model.places) if p.id == "ceyhan")
    node = net.nodes["ceyhan"]
    assert data["places"][ceyhan]["ll"] == pytest.approx([node.lat, node.lon], abs=1e-4)
    # Every drawn point lies in the region (lat 30–60, lon 10–90), which a swap would leave.
    for leg in data["legs"]:
        for lat, lon in leg["ll"]:
            assert 30 <= lat <= 60 and 10 <= lon <= 90


def test_bounds_cover_the_routes_and_nothing_more(net: Network, model: MapModel) -> None:
    xs = [x for leg in model.legs for x, _ in net.segments[leg.id].geometry.coords]
    ys = [y for leg in model.legs for _, y in net.segments[leg.id].geometry.coords]
    assert model.bounds == pytest.approx((min(xs), min(ys), max(xs), max(ys)), abs=1e-4)
    # Augusta is the westmost point, Alashankou the eastmost.
    assert model.bounds[0] == pytest.approx(net.nodes["augusta"].lon, abs=0.05)
    assert model.bounds[2] == pytest.approx(net.nodes["alashankou"].lon, abs=0.05)
    south_west, north_east = page_data(model)["bounds"]
    assert south_west == [model.bounds[1], model.bounds[0]]
    assert north_east == [model.bounds[3], model.bounds[2]]


def test_popups_use_names_units_and_sources(model: MapModel) -> None:
    tc = next(r for r in model.routes if r.id == "trans-caspian")
    rows = dict(tc.rows)
    assert rows["From → to"] == "Tengiz field → Augusta, Sicily"
    assert rows["Chokepoints"] == "none"
    assert rows["Capacity today"] == "≤ 105* kb/d (≤ 5.2 Mt/yr), set by Aktau port oil terminal"
    assert "tengiz-aktau-rail" not in str(tc.rows)  # names, never ids
    assert "Azerbaijan" in rows["Length"] and "AZE" not in rows["Length"]
    cpc = dict(next(r for r in model.routes if r.id == "cpc").rows)
    assert cpc["Chokepoints"] == "Bosporus, Dardanelles"
    assert cpc["Cost"].endswith(" USD/bbl")
    samara = dict(next(r for r in model.routes if r.id == "atyrau-samara").rows)
    assert samara["Cost"] == "not sourced"  # never "not sourced USD/bbl"
    assert all(
        not v.startswith(("not sourced ", "unknown ")) for r in model.routes for _, v in r.rows
    )
    factors = [f[0] for f in tc.factors]
    assert "transit-country politics" in factors
    # Sources are (title, url) pairs the page turns into links.
    assert all(model.sources[s][0] for s in tc.sources if s in model.sources)
    assert any((model.sources[s][1] or "").startswith("https://") for s in tc.sources)


def test_place_popups_list_their_incidents(model: MapModel) -> None:
    places = {p.id: p for p in model.places}
    assert len(places["bosporus"].incidents) == 4
    assert places["bosporus"].incidents[0].startswith("2023-08-23 – 2023-08-23: Tanker Guanyin")
    terminal = places["cpc-marine-terminal"]
    assert any("Naval drones destroyed SPM-2" in i for i in terminal.incidents)
    assert dict(terminal.rows)["Country"] == "Russia"
    assert places["augusta"].incidents == ()


def test_labels_name_routes_places_countries_and_seas(model: MapModel) -> None:
    by_kind: dict[str, list[str]] = {}
    for lab in model.labels:
        by_kind.setdefault(lab.kind, []).append(lab.text)
    assert sorted(by_kind["route"]) == sorted(r.name for r in model.routes)
    assert {"Caspian Sea", "Black Sea", "Mediterranean Sea"} <= set(by_kind["sea"])
    assert {"RUSSIA", "KAZAKHSTAN", "AZERBAIJAN", "GEORGIA", "TURKEY"} <= set(by_kind["country"])
    assert {"Atyrau", "Aktau port oil terminal", "Alashankou"} <= set(by_kind["place"])
    ranks = [lab.rank for lab in model.labels]
    assert ranks == sorted(ranks)
    rank = {lab.text: lab.rank for lab in model.labels}
    # The routes' ends first, countries the routes cross before the others.
    assert rank["Alashankou"] < rank["Kazakhstan–China pipeline"] < rank["Ceyhan"]
    assert rank["RUSSIA"] < rank["POLAND"]


def test_a_route_name_goes_by_its_own_legs_first(net: Network, model: MapModel) -> None:
    from shapely.geometry import Point

    label = next(lab for lab in model.labels if lab.route == "baku-supsa")
    own = [net.segments[s].geometry for s in ("baku-supsa", "supsa-augusta")]
    shared = [net.segments[s].geometry for s in ("tengiz-aktau-rail", "aktau-sangachal")]

    def near(lines: list[Any], point: tuple[float, float]) -> bool:
        return min(g.distance(Point(point)) for g in lines) < 0.02

    first = len(own) * len(ROUTE_LABEL_FRACTIONS)  # every point along its own legs first
    assert all(near(own, p) for p in label.candidates[:first])
    assert label.candidates[first:] and all(near(shared, p) for p in label.candidates[first:])


def test_an_empty_selection_is_refused(net: Network) -> None:
    from routes.errors import UsageError

    with pytest.raises(UsageError, match="no routes to draw"):
        map_model(net, [], [], MapOptions(date=DAY))


# --- the page ---------------------------------------------------------------------------------


def test_offline_page_loads_nothing_from_outside(offline_html: str) -> None:
    assert not re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=['\"]?https?:", offline_html)
    assert "window.ROUTES_TILES = null;" in offline_html  # no tiles
    assert '"1.9.3"' in offline_html or "Leaflet 1.9.3" in offline_html
    assert "url(images/" not in offline_html  # Leaflet's images are data: URIs


def test_page_has_a_title_a_summary_and_zoomable_viewport(offline_html: str) -> None:
    assert "<title>Kazakhstan crude export routes</title>" in offline_html
    assert "<html lang='en'>" in offline_html
    assert "user-scalable=no" not in offline_html and "maximum-scale" not in offline_html
    summary = re.search(r"<p id='routes-summary'>(.*?)</p>", offline_html)
    assert summary is not None
    assert summary.group(1).startswith(
        "The map shows 5 crude export routes: CPC via "
        "Novorossiysk and the Turkish Straits: 3,827 km, 1,573 "
        "kb/d today, risk 62 of 100; "
    )
    assert "aria-describedby='routes-summary'" in offline_html
    assert "id='routes-panel-toggle' aria-expanded='true'" in offline_html


def test_popups_are_stored_once_per_route(offline_html: str, model: MapModel) -> None:
    data = page_json(offline_html)
    assert len(data["routes"]) == len(model.routes)
    # Legs refer to routes by index; the route's rows are in the page once.
    assert offline_html.count('["Transit","') == len(model.routes)
    assert all(isinstance(i, int) for leg in data["legs"] for i, _ in leg["stripes"])
    assert "rows" not in data["legs"][0] or data["legs"][0]["rows"][0][0] == "Mode"


def test_offline_map_is_small(offline_html: str) -> None:
    assert len(offline_html.encode("utf-8")) < 600_000


def test_online_page_loads_only_leaflet_and_tiles(net: Network) -> None:
    metrics, risks = scored(net, ["cpc"])
    page = map_html(net, metrics, risks, MapOptions(offline=False, date=DAY))
    external = re.findall(r"(?:src|href)='(https?://[^']+)'", page.split("</head>")[0])
    assert external == [
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    ]
    assert 'window.ROUTES_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert page_json(page)["basemap"] is None
    assert "could not be loaded" in page  # the message shown without a network


def test_same_inputs_same_bytes(net: Network, offline_html: str) -> None:
    metrics, risks = scored(net)
    assert map_html(net, metrics, risks, MapOptions(date=DAY)) == offline_html


def test_user_names_never_become_markup(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "xss.html"
    result = runner.invoke(
        app,
        [
            "map",
            "xss",
            "--data",
            str(xss_folder(tmp_path)),
            "--output",
            str(out),
            "--figure",
            str(tmp_path / "x.svg"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<img" not in page.lower()
    # In the page's data the name is plain text with every < > & escaped.
    assert "\\u003cimg src=x onerror=window.routesXss=1\\u003e" in page
    assert page_json(page)["routes"][0]["name"] == XSS
    # Where the page prints it itself (table, summary) it is HTML-escaped.
    assert "&lt;img src=x onerror=window.routesXss=1&gt;" in page
    svg = (tmp_path / "x.svg").read_text(encoding="utf-8")
    assert "<img" not in svg  # the name is wrapped over two lines of text, escaped
    assert "&lt;img src=x" in svg and "onerror=window.routesXss=1&gt;" in svg


def test_a_source_link_is_only_ever_http(tmp_path: Path) -> None:
    page_js = (Path(__file__).parent.parent / "routes" / "map_assets" / "map.js").read_text(
        encoding="utf-8"
    )
    # The script builds links only for http(s) addresses, and sets text, never HTML.
    assert "/^https?:\\/\\//i.test(url)" in page_js
    assert "innerHTML" not in page_js


def test_scenario_draws_its_flows_cuts_and_totals(net: Network) -> None:
    from routes.flows import run_scenario
    from routes.scenario_report import scenario_document

    metrics, risks = scored(net)
    doc = scenario_document(net, run_scenario(net, net.scenarios["cpc-mooring-nov-2025"]))
    model = map_model(net, metrics, risks, MapOptions(date=DAY, scenario=doc))
    assert model.scenario is not None
    cuts = {c.target: c for c in model.scenario.cuts}
    terminal = net.nodes["cpc-marine-terminal"]
    # Both moorings are ringed at their terminal.
    assert set(cuts) == {"cpc-spm-2", "cpc-spm-3"}
    assert cuts["cpc-spm-2"].coords == (
        (pytest.approx(terminal.lon, abs=1e-4), pytest.approx(terminal.lat, abs=1e-4)),
    )
    assert cuts["cpc-spm-2"].label.startswith("SPM-2 (CPC Marine Terminal) out: ")
    flows = {f.id: f for f in model.scenario.flows}
    start = net.segments["uas-atyrau-samara"].geometry.coords[0]
    data = page_data(model)["scenario"]
    index = list(flows).index("uas-atyrau-samara")
    assert data["flows"][index]["ll"][0] == pytest.approx([start[1], start[0]], abs=1e-4)
    # Width by flow: the CPC line's 814 kb/d is drawn wider than the China line's 53.
    assert flows["cpc-atyrau-border"].width_px > flows["atasu-alashankou"].width_px
    assert dict(model.scenario.rows)["Shortfall"].startswith("2,308 kt")


# --- the command --------------------------------------------------------------------------------


def test_map_writes_the_page_and_every_figure(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    figures = [tmp_path / "m.png", tmp_path / "m.svg", tmp_path / "m.pdf"]
    args = ["map", "cpc", "--output", str(out), "--title", "CPC alone", "--size", "column"]
    for f in figures:
        args += ["--figure", str(f)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "<title>CPC alone</title>" in out.read_text(encoding="utf-8")
    assert figures[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert figures[1].read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert figures[2].read_bytes()[:5] == b"%PDF-"
    assert ">CPC alone</text>" in figures[1].read_text(encoding="utf-8")
    assert result.stderr == "".join(f"Wrote {p}\n" for p in [out, *figures])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--figure", "{tmp}/nope/m.png"],
            "Error: --figure {tmp}/nope/m.png: the folder {tmp}/nope does not exist; create it or "
            "choose another path\n",
        ),
        (
            ["--png", "{tmp}/nope/m.png"],
            "Error: --png {tmp}/nope/m.png: the folder {tmp}/nope does not exist; create it or "
            "choose another path\n",
        ),
        (
            ["--figure", "{tmp}/m.jpg"],
            "Error: --figure {tmp}/m.jpg: .jpg names no figure format; end the name in .png, "
            ".svg or .pdf\n",
        ),
        (
            ["--figure", "{tmp}/m"],
            "Error: --figure {tmp}/m: no suffix names no figure format; end the name in .png, "
            ".svg or .pdf\n",
        ),
        (
            ["--png", "{tmp}/m.html"],
            "Error: --png {tmp}/m.html: the same file as --output; give each output its own path\n",
        ),
        (
            ["--size", "slide"],
            "Error: --size slide sizes the static map; add --figure FILE (.png, .svg or .pdf)\n",
        ),
        (  # a later --output wins: an HTML page is never written into a .png
            ["--output", "{tmp}/m.png"],
            "Error: --output {tmp}/m.png: the map is an HTML page; end the name in .html; for a "
            "static figure give --figure {tmp}/m.png\n",
        ),
        (
            ["--output", "{tmp}/m"],
            "Error: --output {tmp}/m: the map is an HTML page; end the name in .html\n",
        ),
        (
            ["--title", ""],
            "Error: --title '': empty; give the title's text, or leave --title out for the "
            "default\n",
        ),
    ],
)
def test_every_output_is_checked_before_anything_is_written(
    runner: CliRunner, tmp_path: Path, extra: list[str], message: str
) -> None:
    out = tmp_path / "m.html"
    args = ["map", "cpc", "--output", str(out), *(a.format(tmp=tmp_path) for a in extra)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == message.format(tmp=tmp_path)
    assert list(tmp_path.iterdir()) == []  # not even the HTML


def test_an_output_inside_the_data_folder_or_over_an_input_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = xss_folder(tmp_path)
    result = runner.invoke(app, ["map", "--data", str(data), "--output", str(data / "map.html")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --output {data}/map.html: is inside the data folder "
        f"{data}, where it would be read as data; write it elsewhere\n"
    )
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["map", "--weights", str(weights), "--output", str(weights)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --output {weights}: that is an input file ({weights}), which writing would "
        "destroy; choose another path\n"
    )
    assert weights.read_text(encoding="utf-8") == "weights: {}\n"


def test_outputs_are_written_all_or_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html_out, png_out = tmp_path / "m.html", tmp_path / "m.png"
    html_out.write_text("old page", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def failing_second(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        if str(dst) == str(png_out):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_second)
    result = runner.invoke(app, ["map", "cpc", "--output", str(html_out), "--png", str(png_out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --png {png_out}: cannot write it (No space left on device); choose another path\n"
    )
    assert html_out.read_text(encoding="utf-8") == "old page"  # put back
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.html"]  # no temporary left


def test_a_new_page_replaces_the_old_one(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    out.write_text("old page", encoding="utf-8")
    result = runner.invoke(app, ["map", "cpc", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["map", "--scenario", "cpc-closed"],
            "Error: --scenario 'cpc-closed' is no preset and no "
            "file (did you mean 'cpc-closed-30d'?); use one of cpc-closed-30d, cpc-court-jul-2022, "
            "cpc-kropotkinskaya-feb-2025, cpc-mooring-nov-2025, cpc-moorings-aug-2022, "
            "cpc-storm-mar-2022, straits-closed, or the path of a YAML or TOML scenario file\n",
        ),
        (
            ["map", "cpcc"],
            "Error: unknown route 'cpcc' (did you mean 'cpc'?); choose from cpc, "
            "trans-caspian, baku-supsa, atyrau-samara, kazakhstan-china\n",
        ),
    ],
)
def test_bad_map_usage(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--output", str(tmp_path / "m.html")])
    assert result.exit_code == 2
    assert result.stderr == message
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_leaves_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "map.html"
    result = runner.invoke(app, ["map", "--output", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --output {out}: the folder {out.parent} does not exist; "
        "create it or choose another path\n"
    )
    assert not out.parent.exists()


def test_the_scenario_title_and_an_own_title(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", "--scenario", "cpc-mooring-nov-2025", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    assert (
        "<title>Kazakhstan crude export routes: CPC mooring loss, November 2025</title>"
        in out.read_text(encoding="utf-8")
    )
    result = runner.invoke(
        app, ["map", "--scenario", "cpc-mooring-nov-2025", "--title", "Mine", "--output", str(out)]
    )
    assert "<title>Mine</title>" in out.read_text(encoding="utf-8")


def test_committed_example_shows_the_current_figures(model: MapModel) -> None:
    example = Path(__file__).parent.parent / "maps" / "kazakhstan-export-routes.html"
    data = page_json(example.read_text(encoding="utf-8"))
    shown = [(r["name"], r["risk"], r["cap"], r["cells"]) for r in data["routes"]]
    current = [
        (r.name, f"{r.risk_score:.0f}", r.capacity_text, list(r.compare)) for r in model.routes
    ]
    assert shown == current, (
        "maps/kazakhstan-export-routes.* are stale: regenerate them with the command in "
        "maps/README.md"
    )


def test_flow_arrows_point_the_way_the_oil_flows(model: MapModel) -> None:
    arrows = {leg.id: leg.arrow[2] for leg in model.legs}
    # Rotation is clockwise from east on the screen: Atyrau–Samara runs north, BTC's middle
    # south-west towards Ceyhan, Kenkiyak–Kumkol east.
    assert arrows["uas-atyrau-samara"] == pytest.approx(-90, abs=30)
    assert -45 < arrows["kenkiyak-kumkol"] < 45
    assert 90 < arrows["btc"] < 180


def test_a_place_not_built_gives_way_to_its_working_neighbour(model: MapModel) -> None:
    rank = {lab.text: lab.rank for lab in model.labels}
    assert rank["Aktau port oil terminal"] < rank["Kuryk"]
