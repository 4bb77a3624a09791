"""End-to-end checks of the packaged geodata against published figures."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from routes.geometry import CountryIndex, geodesic_length_km
from routes.metrics import all_route_metrics
from routes.network import SEA, Network

CPC_PIPELINE = (
    "cpc-tengiz-atyrau",
    "cpc-atyrau-border",
    "cpc-border-kropotkinskaya",
    "cpc-kropotkinskaya-terminal",
)


def test_packaged_data_validates(net: Network) -> None:
    assert set(net.routes) >= {
        "cpc",
        "trans-caspian",
        "atyrau-samara",
        "kazakhstan-china",
        "baku-supsa",
    }
    assert {"bosporus", "dardanelles"} <= {
        n.id for n in net.nodes.values() if n.kind == "chokepoint"
    }


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


def test_btc_with_its_sourced_waypoints_against_bp(net: Network) -> None:
    # GOIT's line alone measured 1,658 km (AZE 437, GEO 228, TUR 993). The sourced waypoints
    # (pump stations, towns sources put on the line) bring it within 5% of BP's 1,768 km and
    # Azerbaijan and Georgia within 5%; Türkiye stays 6% short: the winding between GOIT's
    # vertices, 11.5 km apart there, is not in any source we have (README, known gaps).
    btc = net.segments["btc"]
    assert geodesic_length_km(btc.geometry) == pytest.approx(1768, rel=0.05)
    assert geodesic_length_km(btc.geometry) > 1680
    split = CountryIndex(net.boundaries).length_by_country_km(btc.geometry, over_water=False)
    assert set(split) == {"AZE", "GEO", "TUR"}
    assert split["AZE"] == pytest.approx(443, rel=0.05)
    assert split["GEO"] == pytest.approx(249, rel=0.05)
    assert split["TUR"] == pytest.approx(1076, rel=0.07)


def test_cpc_pipeline_lies_only_in_kazakhstan_and_russia(net: Network) -> None:
    index = CountryIndex(net.boundaries)
    countries: set[str] = set()
    for sid in CPC_PIPELINE:
        countries |= set(index.length_by_country_km(net.segments[sid].geometry, over_water=False))
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
            assert not any(43.0 < x < 46.0 and 46.5 < y < 49.5 for x, y in seg.geometry.coords), (
                seg.id
            )


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
    cpc_events = [
        e
        for e in net.events.values()
        if e.target in {"cpc-marine-terminal", "kropotkinskaya", *CPC_PIPELINE}
    ]
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
    passages = {
        f["properties"]["id"]: f["properties"].get("searoute_passages", []) for f in doc["features"]
    }
    metrics = {s.id: s for m in all_route_metrics(net) for s in m.segments}
    for sid, crossed in passages.items():
        if sid in metrics:
            assert ("bosporus" in crossed) == ("bosporus" in metrics[sid].chokepoints), sid
    assert Path(packaged_data_dir()).name == "geodata"


def test_cpc_pump_stations_lie_on_the_line(net: Network) -> None:
    (cpc,) = all_route_metrics(net, ["cpc"])
    assert cpc.nodes_along == (
        "isatay-ps",
        "kurmangazy-ps",
        "kigach-ps",
        "komsomolskaya-ps",
        "ps-2-achinery",
    )


@pytest.mark.xfail(
    strict=True,
    reason="the issue's targets (3% total, 5% a country) need the "
    "pipe's winding in Türkiye, which no source we have gives (README, known gaps)",
)
def test_btc_within_3_percent_and_each_country_within_5(net: Network) -> None:
    btc = net.segments["btc"]
    split = CountryIndex(net.boundaries).length_by_country_km(btc.geometry, over_water=False)
    assert geodesic_length_km(btc.geometry) == pytest.approx(1768, rel=0.03)
    assert split["TUR"] == pytest.approx(1076, rel=0.05)


def test_no_tanker_leg_crosses_land_away_from_its_ports(net: Network) -> None:
    import shapely

    from routes.geometry import land_crossings

    land = shapely.union_all([b.geometry for b in net.boundaries])
    for seg in net.segments.values():
        if seg.mode != "tanker":
            continue
        bad = [c for c in land_crossings(seg.geometry, land) if not c.allowed]
        assert not bad, (seg.id, bad)


def test_no_tanker_leg_uses_the_corinth_canal(net: Network) -> None:
    from shapely.geometry import box

    canal = box(22.94, 37.90, 23.03, 37.97)
    for seg in net.segments.values():
        if seg.mode == "tanker":
            assert not seg.geometry.intersects(canal), seg.id
    # Round the Peloponnese instead: south of Cape Maleas (36.44 N).
    assert min(y for _, y in net.segments["cpc-terminal-augusta"].geometry.coords) < 36.4


def test_every_source_points_at_a_document(net: Network) -> None:
    from routes.validate import homepage_or_malformed

    for s in net.sources.values():
        if s.url is None:
            assert s.publisher and s.date, s.id
        else:
            assert homepage_or_malformed(s.url) is None, (s.id, s.url)
    assert net.sources["wgi-2024"].url.startswith("https://openknowledge.worldbank.org/")


def test_every_throughput_record_says_whose_oil(net: Network) -> None:
    records = [t for s in net.segments.values() for t in s.throughput] + [
        t for n in net.nodes.values() for t in n.throughput
    ]
    assert records and {t.shippers for t in records} == {"all", "kazakh", "other"}


def test_cpc_terminal_today_is_the_two_moorings_in_service(net: Network) -> None:
    from routes.capacity import resolve_node

    el = resolve_node(net, net.nodes["cpc-marine-terminal"])
    assert el.capacity_mtpa("available") == pytest.approx(2 * 3.5 * 12)  # SPM-1, SPM-3
    assert el.capacity_mtpa("if_built") == pytest.approx(3 * 3.5 * 12)  # SPM-2 rebuilt
    assert el.capacity is not None and el.capacity.assumption  # SPM-1/2 rated like SPM-3
    # A loading terminal limits tankers only: CPC's own pipeline still sets the route.
    (cpc,) = all_route_metrics(net, ["cpc"])
    assert cpc.available.bottleneck == "cpc-atyrau-border"


def test_baku_supsa_is_idle_with_nothing_available_today(net: Network) -> None:
    (m,) = all_route_metrics(net, ["baku-supsa"])
    assert m.status == "idle"
    assert (m.available.kbd.value, m.available.kbd.bound) == (0.0, "exact")
    assert m.available.spare_kbd.value == 0.0
    assert set(m.available.blocked_by) == {"baku-supsa", "supsa"}  # pipeline and terminal
    assert m.if_built.kbd.value and m.if_built.kbd.value > 0


def test_trans_caspian_spare_is_after_all_aktau_loadings(net: Network) -> None:
    (m,) = all_route_metrics(net, ["trans-caspian"])
    # KazTransOil's 5.2 Mt/yr at Aktau less 2025's 1.5 Mt to Baku and 2.2 Mt to Makhachkala,
    # at the 7.33 bbl/t of the mixed Kazakh crude loaded there.
    assert m.available.spare_set_by == ("aktau",)
    assert m.available.spare_kbd.value == pytest.approx((5.2 - 3.7) * 7.33e3 / 365)
    assert m.available.spare_kbd.bound == "at_most"  # rail and Caspian fleet not sourced
    assert m.if_built.kbd.value == pytest.approx((5.2 + 5.5) * 7.33e3 / 365)


def test_atasu_alashankou_spare_is_net_of_russian_transit(net: Network) -> None:
    from routes.capacity import resolve_segment

    el = resolve_segment(net, net.segments["atasu-alashankou"])
    assert el.throughput_year == 2024
    assert el.spare_kbd("available") == pytest.approx((20.0 - 1.2 - 9.979) * 7.33e3 / 365)
    assert 170 < (el.spare_kbd("available") or 0) < 185


def test_one_segment_has_one_capacity_in_every_command(net: Network, runner) -> None:  # type: ignore[no-untyped-def]
    import json

    from routes.cli import app

    show = json.loads(runner.invoke(app, ["show", "trans-caspian", "--format", "json"]).stdout)
    compare = json.loads(runner.invoke(app, ["compare", "--format", "json"]).stdout)
    btc_show = next(s for s in show["route"]["segments"] if s["id"] == "btc")
    for r in compare["routes"]:
        for s in (*r["segments"], *r["parallel_segment_metrics"]):
            if s["id"] == "btc":
                assert (s["capacity_kbd"], s["capacity_mtpa"]) == (
                    btc_show["capacity_kbd"],
                    btc_show["capacity_mtpa"],
                )
    assert btc_show["capacity_mtpa"] == pytest.approx(1200 * 365 / 7450, abs=0.01)
    # The GIS export, which converted BTC with another factor before, agrees too.
    from routes.export import features_from_network
    from routes.risk import load_profile, route_risk

    metrics = all_route_metrics(net)
    layers = features_from_network(
        net, metrics, [route_risk(net, m, load_profile()) for m in metrics]
    )
    (exported,) = [f.properties for f in layers["segments"] if f.properties["id"] == "btc"]
    assert (exported["capacity_kbd"], exported["capacity_mtpa"]) == (
        btc_show["capacity_kbd"],
        btc_show["capacity_mtpa"],
    )


def test_routes_sources_cpc_lists_what_the_score_and_conversions_rest_on(runner) -> None:  # type: ignore[no-untyped-def]
    import json

    from routes.cli import app

    result = runner.invoke(app, ["sources", "cpc", "--format", "json"])
    ids = {s["id"] for s in json.loads(result.stdout)["sources"]}
    assert {
        "wgi-2024",
        "agaportal-ar326",
        "lawivy-70891",  # WGI, sanctions
        "interfax-77175",
        "report-az-2025-11",  # events
        "cpc-2018-12-loadings",
        "tportal-2026-02-26",
    } <= ids  # bbl/t, capacity


def test_the_corrected_and_completed_event_log(net: Network) -> None:
    ev = net.events
    assert ev["cpc-2025-09-office"].target == "cpc-office-novorossiysk"
    assert net.nodes["cpc-office-novorossiysk"].kind == "office"
    assert ev["kcp-2020-01-chlorides"].target == "kenkiyak-kumkol"
    assert ev["cpc-2025-02-kropotkinskaya"].share_lost is None  # "could fall by 30%"
    for eid, target in (
        ("wrep-2022-03-mines", "baku-supsa"),
        ("cpc-2022-07-storm", "cpc-atyrau-border"),
        ("kavkazskaya-2025-03-strike", "kavkazskaya"),
        ("cpc-2025-08-spm2-spill", "cpc-marine-terminal"),
        ("dardanelles-2024-01-fog", "dardanelles"),
        ("bosporus-2025-08-tenacity", "bosporus"),
    ):
        assert ev[eid].target == target, eid
    planned_2024 = [e for e in ev.values() if e.category == "planned" and e.start.year == 2024]
    assert len(planned_2024) == 2
