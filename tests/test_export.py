"""`routes.export`: the network as GeoJSON, GeoPackage and CSV, read back as a GIS tool would."""

from __future__ import annotations

import csv
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import pyogrio
import pytest

from routes.errors import UsageError
from routes.export import GPKG_TIMESTAMP, export_network, features_from_network
from routes.metrics import RouteMetrics, all_route_metrics, measure
from routes.network import Network
from routes.risk import Risk, load_profile, route_risk

FORMATS = ("geojson", "gpkg", "csv")


@pytest.fixture(scope="module")
def measured(net: Network) -> tuple[list[RouteMetrics], list[Risk]]:
    profile = load_profile()
    metrics = all_route_metrics(net)
    return metrics, [route_risk(net, m, profile) for m in metrics]


@pytest.fixture(scope="module")
def written(
    net: Network,
    measured: tuple[list[RouteMetrics], list[Risk]],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    paths = {}
    for fmt in FORMATS:
        paths[fmt] = folder / f"network.{fmt}"
        export_network(net, *measured, paths[fmt], fmt)  # type: ignore[arg-type]
    return paths


def cpc(measured: tuple[list[RouteMetrics], list[Risk]]) -> tuple[RouteMetrics, Risk]:
    metrics, risks = measured
    i = next(i for i, m in enumerate(metrics) if m.id == "cpc")
    return metrics[i], risks[i]


def rounded_score(risk: Risk) -> float:
    """The score as `routes compare` prints it: the sum of the rounded contributions."""
    return round(sum(round(f.contribution, 2) for f in risk.factors), 2)


def test_geojson_reads_back_with_every_layer(
    net: Network, written: dict[str, Path], measured: Any
) -> None:
    gdf = pyogrio.read_dataframe(written["geojson"])
    assert gdf.crs.to_epsg() == 4326
    assert Counter(gdf["layer"]) == {
        "nodes": len(net.nodes),
        "segments": len(net.segments),
        "routes": len(net.routes),
    }
    m, risk = cpc(measured)
    route = gdf[(gdf["layer"] == "routes") & (gdf["id"] == "cpc")].iloc[0]
    assert m.capacity_kbd is not None
    assert route["capacity_kbd"] == pytest.approx(m.capacity_kbd, abs=0.05)
    assert route["risk_score"] == pytest.approx(risk.score, abs=0.02)
    assert route["segments"] == ";".join(net.routes["cpc"].primary_segments())


def test_geojson_segments_carry_their_measures(net: Network, written: dict[str, Path]) -> None:
    gdf = pyogrio.read_dataframe(written["geojson"])
    segs = gdf[gdf["layer"] == "segments"].set_index("id")
    assert list(segs.index) == list(net.segments)
    seg = net.segments["cpc-tengiz-atyrau"]
    expected = measure(net).segments[seg.id]
    row = segs.loc[seg.id]
    assert row["length_km_by_country.KAZ"] == pytest.approx(
        expected.length_km_by_country["KAZ"], abs=0.05
    )
    assert row["length_km"] == pytest.approx(expected.length_km, abs=0.05)
    assert row["capacity.value"] == pytest.approx(72.5)
    assert row["capacity.unit"] == "Mt/yr"
    assert row["crude"] == "cpc-blend" and row["bbl_per_t.value"] == pytest.approx(7.92)
    # A planned segment is exported with its status, nothing available today, and its
    # capacity if built.
    kuryk = segs.loc["kuryk-sangachal"]
    assert kuryk["status"] == "planned"
    assert kuryk["spare_capacity_kbd"] == 0.0
    assert row["operator"] == "Caspian Pipeline Consortium"
    assert row["geometry"].geom_type == "LineString"
    # Segments on several routes, on a parallel branch only, and on none are all there.
    assert segs.loc["tengiz-aktau-rail", "routes"] == "trans-caspian;baku-supsa"
    assert segs.loc["kuryk-sangachal", "routes"] == "trans-caspian"
    assert segs.loc["baku-novorossiysk", "routes"] == ""


def test_geojson_is_byte_identical_across_runs(
    net: Network, measured: Any, written: dict[str, Path], tmp_path: Path
) -> None:
    again = tmp_path / "again.geojson"
    export_network(net, *measured, again, "geojson")
    assert again.read_bytes() == written["geojson"].read_bytes()


def test_gpkg_has_three_typed_layers(net: Network, written: dict[str, Path], measured: Any) -> None:
    path = written["gpkg"]
    assert pyogrio.list_layers(path).tolist() == [
        ["nodes", "Point"],
        ["segments", "LineString"],
        ["routes", "MultiLineString"],
    ]
    counts = {"nodes": len(net.nodes), "segments": len(net.segments), "routes": len(net.routes)}
    for layer, count in counts.items():
        gdf = pyogrio.read_dataframe(path, layer=layer)
        assert len(gdf) == count, layer
        assert gdf.crs.to_epsg() == 4326
        assert "layer" not in gdf.columns
    routes = pyogrio.read_dataframe(path, layer="routes").set_index("id")
    _, risk = cpc(measured)
    assert routes.loc["cpc", "risk_score"] == pytest.approx(rounded_score(risk))
    assert len(routes.loc["cpc", "geometry"].geoms) == len(net.routes["cpc"].primary_segments())
    for f in risk.factors:
        assert routes.loc["cpc", f"risk_{f.name}_contribution"] == pytest.approx(
            f.contribution, abs=0.005
        )
    # Integer and yes/no columns keep their type despite the gaps.
    info = pyogrio.read_info(path, layer="segments")
    dtypes = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert dtypes["throughput_total_year"] == "int64"
    assert dtypes["capacity.assumption"] == "bool"
    assert dtypes["length_km_by_country.KAZ"] == "float64"


def test_gpkg_is_reproducible(
    net: Network, measured: Any, written: dict[str, Path], tmp_path: Path
) -> None:
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2001-02-03T04:05:06.000Z"})
    try:
        again = tmp_path / "again.gpkg"
        export_network(net, *measured, again, "gpkg")
        # The caller's setting is restored.
        assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") == "2001-02-03T04:05:06.000Z"
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    with closing(sqlite3.connect(again)) as db:
        stamps = db.execute("SELECT DISTINCT last_change FROM gpkg_contents").fetchall()
    assert stamps == [(GPKG_TIMESTAMP,)]
    assert again.read_bytes() == written["gpkg"].read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.gpkg"]


def test_csv_has_one_row_per_feature(net: Network, written: dict[str, Path], measured: Any) -> None:
    with written["csv"].open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    assert header[0] == "layer"
    assert header[-1] == "geometry_wkt"
    assert len(header) == len(set(header))
    assert Counter(r["layer"] for r in rows) == {
        "nodes": len(net.nodes),
        "segments": len(net.segments),
        "routes": len(net.routes),
    }
    prefix = {"nodes": "POINT (", "segments": "LINESTRING (", "routes": "MULTILINESTRING (("}
    for r in rows:
        assert r["geometry_wkt"].startswith(prefix[r["layer"]]), r["id"]
    m, risk = cpc(measured)
    route = next(r for r in rows if r["layer"] == "routes" and r["id"] == "cpc")
    assert float(route["risk_score"]) == pytest.approx(rounded_score(risk))
    assert float(route["capacity_kbd"]) == pytest.approx(m.capacity_kbd or 0.0, abs=0.05)
    tengiz = next(r for r in rows if r["layer"] == "nodes" and r["id"] == "tengiz")
    node = net.nodes["tengiz"]
    assert tengiz["geometry_wkt"] == f"POINT ({node.lon} {node.lat})"
    assert tengiz["sources"] == ";".join(node.sources)
    assert tengiz["capacity_kbd"] == ""


def test_layers_share_columns_and_hold_plain_values(net: Network, measured: Any) -> None:
    layers = features_from_network(net, *measured)
    assert list(layers) == ["nodes", "segments", "routes"]
    for name, features in layers.items():
        columns = list(features[0].properties)
        for f in features:
            assert f.layer == name
            assert list(f.properties) == columns, f.properties["id"]
            for key, value in f.properties.items():
                assert value is None or type(value) in (str, float, int, bool), (key, value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_output_folder_is_a_usage_error(
    net: Network, measured: Any, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "missing" / f"network.{fmt}"
    with pytest.raises(
        UsageError,
        match=r"^--output .*network\.\w+: the folder .*missing does "
        r"not exist; create it or choose another path$",
    ):
        export_network(net, *measured, path, fmt)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_failed_gpkg_leaves_the_old_file_and_no_temporary(
    net: Network, measured: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "network.gpkg"
    path.write_bytes(b"old")
    real = pyogrio.write_dataframe

    def fail_on_routes(df: Any, target: Any, **kwargs: Any) -> None:
        real(df, target, **kwargs)
        if kwargs["layer"] == "routes":
            raise OSError("disk full")

    monkeypatch.setattr(pyogrio, "write_dataframe", fail_on_routes)
    with pytest.raises(OSError, match="disk full"):
        export_network(net, *measured, path, "gpkg")
    assert [p.name for p in tmp_path.iterdir()] == ["network.gpkg"]
    assert path.read_bytes() == b"old"
    assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") is None


def test_risks_must_match_the_metrics(net: Network, measured: Any, tmp_path: Path) -> None:
    metrics, risks = measured
    with pytest.raises(ValueError, match=r"the risks are for routes .*'trans-caspian', 'cpc'"):
        export_network(
            net, metrics, [risks[1], risks[0], *risks[2:]], tmp_path / "x.geojson", "geojson"
        )
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_a_usage_error(net: Network, measured: Any, tmp_path: Path) -> None:
    with pytest.raises(
        UsageError,
        match=r"--format 'shp' is not an export format; choose "
        "geojson, gpkg or csv",
    ):
        export_network(net, *measured, tmp_path / "x.shp", "shp")  # type: ignore[arg-type]
