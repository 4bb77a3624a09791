"""End-to-end checks of the packaged geodata against published figures."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from routes.geometry import CountryIndex, geodesic_length_km
from routes.metrics import all_route_metrics
from routes.network import SEA, Network

CPC_PIPELINE = ("cpc-tengiz-atyrau", "cpc-atyrau-border", "cpc-border-kropotkinskaya",
                "cpc-kropotkinskaya-terminal")


def test_packaged_data_validates(net: Network) -> None:
    assert set(net.routes) >= {"cpc", "trans-caspian", "atyrau-samara", "kazakhstan-china",
                               "baku-supsa"}
    assert {"bosporus", "dardanelles"} <= {n.id for n in net.nodes.values()
                                           if n.kind == "chokepoint"}


def test_cpc_pipeline_within_5_percent_of_1511_km(net: Network) -> None:
    km = sum(geodesic_length_km(net.segments[s].geometry) for s in CPC_PIPELINE)
    assert km == pytest.approx(1511, rel=0.05)


def test_cpc_passes_atyrau_and_kropotkinskaya_and_reaches_the_terminal(net: Network) -> None:
    assert net.segments["cpc-tengiz-atyrau"].to_node == "atyrau"
    assert net.segments["cpc-border-kropotkinskaya"].to_node == "kropotkinskaya"
    end = net.segments["cpc-kropotkinskaya-terminal"].geometry.coords[-1]
    terminal = net.nodes["cpc-marine-terminal"]
    assert end == pytest.approx((terminal.lon, terminal.lat))
    # Much finer than the 12-vertex reference line.
    assert sum(len(net.segments[s].geometry.coords) for s in CPC_PIPELINE) > 100


def test_btc_within_8_percent_of_1768_km_and_split_like_bp(net: Network) -> None:
    btc = net.segments["btc"]
    assert geodesic_length_km(btc.geometry) == pytest.approx(1768, rel=0.08)
    split = CountryIndex(net.boundaries).length_by_country_km(btc.geometry, over_water=False)
    assert set(split) == {"AZE", "GEO", "TUR"}
    assert split["AZE"] == pytest.approx(443, rel=0.10)
    assert split["GEO"] == pytest.approx(249, rel=0.10)
    assert split["TUR"] == pytest.approx(1076, rel=0.10)


def test_cpc_pipeline_lies_only_in_kazakhstan_and_russia(net: Network) -> None:
    index = CountryIndex(net.boundaries)
    countries: set[str] = set()
    for sid in CPC_PIPELINE:
        countries |= set(index.length_by_country_km(net.segments[sid].geometry,
                                                    over_water=False))
    assert countries == {"KAZ", "RUS"}


def test_cpc_crosses_both_straits_and_trans_caspian_avoids_russia(net: Network) -> None:
    cpc, tc = all_route_metrics(net, ["cpc", "trans-caspian"])
    assert cpc.chokepoints == ("bosporus", "dardanelles")
    assert "RUS" not in tc.length_km_by_country
    assert tc.chokepoints == ()


def test_sea_legs_avoid_the_volga_don_canal(net: Network) -> None:
    # The canal joins the Caspian to the Sea of Azov around 43–45 E, 47–49 N.
    for seg in net.segments.values():
        if seg.mode == "tanker":
            assert not any(43.0 < x < 46.0 and 46.5 < y < 49.5 for x, y in seg.geometry.coords), \
                seg.id


def test_caspian_legs_stay_in_the_caspian(net: Network) -> None:
    for sid in ("aktau-sangachal", "kuryk-sangachal"):
        xs = [x for x, _ in net.segments[sid].geometry.coords]
        assert min(xs) > 46.5, sid


def test_every_figure_with_a_value_is_sourced(net: Network) -> None:
    for seg in net.segments.values():
        figures = [seg.capacity, *(t.figure for t in seg.throughput)]
        for fig in figures:
            assert fig.value is None or fig.sources, seg.id
            assert fig.value is not None or fig.note, seg.id
    for cost in net.costs.values():
        assert cost.figure.value is None or cost.figure.sources, cost.id


def test_events_cover_the_cpc_disruption_log(net: Network) -> None:
    cpc_events = [e for e in net.events.values() if e.target in
                  {"cpc-marine-terminal", "kropotkinskaya", *CPC_PIPELINE}]
    years = {e.start.year for e in cpc_events}
    assert {2022, 2023, 2024, 2025} <= years
    assert len(cpc_events) >= 10
    assert all(e.sources for e in net.events.values())


def test_nodes_get_their_country_from_the_polygons(net: Network) -> None:
    assert net.nodes["tengiz"].country == "KAZ"
    assert net.nodes["kropotkinskaya"].country == "RUS"
    assert net.nodes["sangachal"].country == "AZE"
    assert net.nodes["ceyhan"].country == "TUR"
    assert net.nodes["augusta"].country == "ITA"


def test_country_index_puts_open_water_under_sea(net: Network) -> None:
    index = CountryIndex(net.boundaries)
    assert index.country_at(50.5, 42.0) is None  # middle of the Caspian
    caspian = net.segments["aktau-sangachal"].geometry
    # Drawn as if it were a land leg, only the ends near the ports fall on land.
    split = index.length_by_country_km(caspian, over_water=False)
    assert split[SEA] > 0.95 * geodesic_length_km(caspian)
    assert index.country_at(*Point(71.4, 51.1).coords[0]) == "KAZ"  # Astana


def test_chokepoints_from_geometry_agree_with_searoute_passages(net: Network) -> None:
    import json
    from pathlib import Path

    from routes.io import packaged_data_dir

    doc = json.loads((packaged_data_dir() / "segments.geojson").read_text(encoding="utf-8"))
    passages = {f["properties"]["id"]: f["properties"].get("searoute_passages", [])
                for f in doc["features"]}
    metrics = {s.id: s for m in all_route_metrics(net) for s in m.segments}
    for sid, crossed in passages.items():
        if sid in metrics:
            assert ("bosporus" in crossed) == ("bosporus" in metrics[sid].chokepoints), sid
    assert Path(packaged_data_dir()).name == "geodata"


def test_cpc_pump_stations_lie_on_the_line(net: Network) -> None:
    (cpc,) = all_route_metrics(net, ["cpc"])
    assert cpc.nodes_along == ("isatay-ps", "kurmangazy-ps", "kigach-ps", "komsomolskaya-ps",
                               "ps-2-achinery")
