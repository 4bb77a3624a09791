"""The notebook API as an analyst would use it: load, add a folder with a planned line, compare,
and read DataFrames and GeoDataFrames back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import routes
from routes.network import Network

AKTAU = [51.2387, 43.59551]
SANGACHAL = [49.48127, 40.20126]


def planned_subsea_line(folder: Path) -> Path:
    """A planned subsea Trans-Caspian pipeline, Aktau to Sangachal, and a route over it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(
        yaml.safe_dump(
            [
                {
                    "id": "my-tcp-study",
                    "title": "A feasibility study of a Trans-Caspian oil line",
                    "url": "https://example.org/studies/tcp-oil.pdf",
                }
            ]
        ),
        encoding="utf-8",
    )
    (folder / "segments.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {
                            "id": "tcp-aktau-sangachal",
                            "name": "Trans-Caspian oil line (planned)",
                            "mode": "pipeline",
                            "from": "aktau",
                            "to": "sangachal",
                            "status": "planned",
                            "offshore": True,
                            "crude": "kazakh-export",
                            "capacity": {
                                "value": 20,
                                "unit": "Mt/yr",
                                "as_of": 2026,
                                "sources": ["my-tcp-study"],
                            },
                            "sources": ["my-tcp-study"],
                        },
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [AKTAU, [50.3, 41.9], SANGACHAL],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (folder / "routes.yaml").write_text(
        yaml.safe_dump(
            [
                {
                    "id": "tcp",
                    "name": "Trans-Caspian pipeline and BTC",
                    "origin": "tengiz",
                    "destination": "augusta",
                    "segments": [
                        "tengiz-aktau-rail",
                        "tcp-aktau-sangachal",
                        "btc",
                        "ceyhan-augusta",
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def mine(tmp_path_factory: pytest.TempPathFactory) -> Network:
    folder = planned_subsea_line(Path(tmp_path_factory.mktemp("api")) / "my-routes")
    return routes.load(str(folder))  # a str path, as a notebook user types it


def test_load_takes_str_path_and_lists(mine: Network, tmp_path: Path) -> None:
    assert "tcp" in mine.routes and "cpc" in mine.routes
    again = routes.load([planned_subsea_line(tmp_path / "a")])
    assert again.data_version == mine.data_version  # the same bytes, the same version


def test_compare_gives_a_dataframe_with_the_planned_line_not_available(mine: Network) -> None:
    result = routes.compare(mine, ["tcp", "trans-caspian"])
    table = result.table
    assert list(table.index) == ["tcp", "trans-caspian"]
    tcp = table.loc["tcp"]
    # A planned line carries nothing today; if built, the rail (no sourced capacity) and
    # Aktau's 5.2 Mt/yr loading cap it, so the figure is an upper bound.
    assert tcp["status"] == "planned"
    assert tcp["capacity_kbd"] == 0.0
    assert tcp["capacity_if_built_kbd"] > 0
    assert table.loc["trans-caspian", "capacity_kbd"] > 0
    doc = next(r for r in result.document["routes"] if r["id"] == "tcp")
    assert {o["id"] for o in doc["overrides"]} >= {"tcp", "tcp-aktau-sangachal", "my-tcp-study"}
    # The table says which routes rest on your data, as the CSV does.
    import pandas as pd

    assert "routes 'tcp' from " in table.loc["tcp", "overrides"]
    assert pd.isna(table.loc["trans-caspian", "overrides"])
    # Its subsea leg counts as sea but for where it is on land in Kazakhstan and Azerbaijan.
    seg = next(s for s in doc["segments"] if s["id"] == "tcp-aktau-sangachal")
    split = seg["length_km_by_country"]
    assert set(split) == {"SEA", "KAZ", "AZE"}
    assert split["SEA"] > 0.8 * sum(split.values())  # it crosses the Absheron peninsula
    risk = result.risk
    assert set(risk["factor"]) == set(result.document["weights"])
    assert risk.groupby("route")["contribution"].sum()["tcp"] == pytest.approx(
        tcp["risk_score"], abs=0.02
    )
    assert result.lengths.loc["tcp", "SEA"] > 0


def test_geodataframes_carry_every_computed_attribute(mine: Network) -> None:
    layers = mine.to_geodataframes()
    segments = layers["segments"]
    assert str(segments.crs) == "EPSG:4326"
    row = segments.loc["tcp-aktau-sangachal"]
    assert row["status"] == "planned"
    assert row.geometry.coords[0] == pytest.approx(tuple(AKTAU))  # (lon, lat)
    assert row["length_km"] == pytest.approx(430, abs=40)
    route = layers["routes"].loc["tcp"]
    assert route["risk_score"] == pytest.approx(
        routes.compare(mine, ["tcp"]).table.loc["tcp", "risk_score"]
    )
    assert set(layers["nodes"].geometry.geom_type) == {"Point"}


def test_scenarios_presets_critical_and_sources_as_frames(mine: Network) -> None:
    run = routes.scenario(mine, "cpc-closed-30d")
    assert run.bands["shortfall_kbd"].max() > 0
    assert set(run.flows["route"]) >= {"atyrau-samara"}
    assert "cpc-closed-30d" in set(routes.presets(mine)["id"])
    top = routes.critical(mine).iloc[0]
    assert top["shortfall_kbd"] > 0
    cites = routes.sources(mine, ["my-tcp-study"])
    assert cites.loc[0, "url"] == "https://example.org/studies/tcp-oil.pdf"


def test_errors_are_the_librarys_own(tmp_path: Path) -> None:
    # In the API's words, not the CLI's: no '--data' in a notebook.
    with pytest.raises(routes.UsageError, match=r"^data folder \S*missing: no such folder"):
        routes.load(tmp_path / "missing")
    from routes.io import packaged_data_dir

    with pytest.raises(routes.UsageError, match=r"^data folder \S*geodata: the packaged data"):
        routes.load(packaged_data_dir())
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "routes.yml").write_text("- id: x\n", encoding="utf-8")
    with pytest.raises(
        routes.DataError,
        match=r"routes\.yml: not a file routes reads; rename "
        r"it 'routes\.yaml'",
    ) as err:
        routes.load(bad)
    assert isinstance(err.value, ValueError)
    with pytest.raises(routes.UsageError, match="unknown route 'cpcc' \\(did you mean 'cpc'"):
        routes.compare(routes.load(), ["cpcc"])


def test_import_routes_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, routes; heavy = [m for m in ('pandas', 'geopandas', 'shapely', "
        "'networkx', 'folium', 'matplotlib') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


SANCTIONS_ONLY = (
    "weights: {transit_political: 0, sanctions: 1, chokepoints: 0, "
    "disruption_history: 0, single_points_of_failure: 0, weather: 0}\n"
)


def test_frames_are_indexed_by_route_in_the_order_asked_with_no_gaps(net: Network) -> None:
    result = routes.compare(net, ["trans-caspian", "cpc"])
    assert list(result.table.index) == ["trans-caspian", "cpc"]
    assert result.table.index.name == "route" and result.lengths.index.name == "route"
    # CPC never enters Turkey: 0 km there, not a gap.
    assert result.lengths.loc["cpc", "TUR"] == 0.0
    assert not result.lengths.isna().to_numpy().any()


def test_a_weights_file_reaches_the_comparison_and_the_geodataframes(
    net: Network, tmp_path: Path
) -> None:
    path = tmp_path / "sanctions-only.yaml"
    path.write_text(SANCTIONS_ONLY, encoding="utf-8")
    result = routes.compare(net, ["cpc", "trans-caspian"], weights=path)
    assert result.table["risk_score"].to_dict() == {"cpc": 100.0, "trans-caspian": 0.0}
    weights = result.risk.set_index(["route", "factor"])["weight"]
    assert weights["cpc", "sanctions"] == 1.0 and weights["cpc", "weather"] == 0.0
    for layers in (
        routes.to_geodataframes(net, weights=str(path)),
        net.to_geodataframes(weights=path),  # a Path, as the API takes
    ):
        assert layers["routes"].loc["cpc", "risk_score"] == pytest.approx(100.0)


def test_geodataframes_keep_the_id_as_a_column_and_an_unnamed_index(net: Network) -> None:
    for name, gdf in routes.to_geodataframes(net).items():
        assert gdf.index.name is None, name
        assert list(gdf.index) == list(gdf["id"]), name
        assert gdf.groupby("id").size().max() == 1, name  # no clash of index and column


def test_a_scenarios_frames_hold_one_value_a_cell_and_the_bands_days(
    net: Network, tmp_path: Path
) -> None:
    path = tmp_path / "two-outages.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "id": "two-outages",
                "name": "Two outages",
                "days": 40,
                "outages": [
                    {"target": "cpc-spm-1", "share_lost": 1.0, "duration_days": 10},
                    {"target": "btc", "share_lost": 0.5, "start_day": 5, "duration_days": 20},
                ],
            }
        ),
        encoding="utf-8",
    )
    run = routes.scenario(net, path)
    bands = run.bands
    assert list(zip(bands["start_day"], bands["end_day"], strict=True)) == [
        (0.0, 5.0),
        (5.0, 10.0),
        (10.0, 25.0),
        (25.0, 40.0),
    ]
    assert not any(isinstance(v, list | dict) for v in bands.to_numpy().ravel())
    days = {(s, e) for s, e in zip(run.flows["start_day"], run.flows["end_day"], strict=True)}
    assert days == set(zip(bands["start_day"], bands["end_day"], strict=True))
    short = routes.scenario(net, path, supply_kbd=500.0, days=8.0)
    assert short.document["supply_kbd"] == pytest.approx(500.0)
    assert list(short.bands["end_day"]) == [5.0, 8.0]


def test_critical_presets_and_sources_as_an_analyst_reads_them(net: Network) -> None:
    small = routes.critical(net, supply_kbd=100.0)
    assert small["shortfall_kbd"].max() <= 100.0 + 1e-9
    assert all(isinstance(b, str) for b in small["binding"])
    assert ", " in routes.critical(net)["binding"].iloc[0]
    days = routes.presets(net).set_index("id")["days"]
    assert days["cpc-closed-30d"] == 30.0 and days.dtype.kind == "f"
    assert routes.sources(net, []).empty
    assert len(routes.sources(net)) == len(net.sources)


def test_the_api_names_are_listed_by_dir() -> None:
    from routes import api

    # Two lists, so that `import routes` need not import the API: they must agree.
    assert tuple(api.__all__) == routes.API
    assert set(routes.API) <= set(dir(routes))
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        routes.nope  # noqa: B018


def test_one_id_is_one_id_and_an_unknown_source_is_named(net: Network) -> None:
    """A notebook user types compare(net, "cpc"): one route, not the letters c, p, c."""
    assert list(routes.compare(net, "cpc").table.index) == ["cpc"]
    assert list(routes.sources(net, "gem-goit")["id"]) == ["gem-goit"]
    with pytest.raises(
        routes.UsageError,
        match=r"^unknown source 'gem-goitt' \(did you mean 'gem-goit'\?\); "
        r"routes\.sources\(net\) lists every source$",
    ):
        routes.sources(net, ["bp-btc", "gem-goitt"])


def test_results_say_what_they_hold_and_bounds_travel_with_figures(net: Network) -> None:
    result = routes.compare(net, ["cpc", "trans-caspian"])
    assert repr(result) == "Comparison(routes=['cpc', 'trans-caspian'])"
    assert repr(routes.scenario(net, "cpc-closed-30d", days=8)) == (
        "ScenarioRun(scenario='cpc-closed-30d', days=8)"
    )
    table = result.table
    # The Kuryk branch's capacity is not sourced, so trans-caspian's if-built figure (≤ 215
    # in the terminal's table) is an upper bound; the frame says so beside the number.
    for column in ("capacity", "capacity_if_built", "spare_capacity", "cost"):
        bound = f"{column}_bound"
        assert table[bound].to_dict() == {r["id"]: r[bound] for r in result.document["routes"]}, (
            column
        )
    assert table.loc["trans-caspian", "capacity_if_built_bound"] == "at_most"
    assert list(table.columns).index("capacity_if_built_bound") == (
        list(table.columns).index("capacity_if_built_kbd") + 1
    )
