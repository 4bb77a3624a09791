"""Every measure of `routes compare` on the hand-built pair of routes in conftest.write_pair,
against values worked out with a pencil (the working is in the comments).

One crude at 7.3 bbl/t: 1 Mt/yr = 7.3 × 1,000 / 365 = 20 kb/d. Window 2022-01-01 … 2025-12-31
is 1,461 days, 4.0 years of 365.25 days. Default weights: political 0.25, sanctions 0.20,
chokepoints 0.15, history 0.20, single points 0.10, weather 0.10.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pyproj import Geod

from routes.io import read_data_dirs
from routes.metrics import all_route_metrics, measure
from routes.report import compare_document
from routes.risk import load_profile, route_risk
from routes.validate import network_from_raw
from tests.conftest import write_pair

GEOD = Geod(ellps="WGS84")


def km(*coords: tuple[float, float]) -> float:
    """An independent geodesic length of a polyline, in km."""
    lons, lats = zip(*coords, strict=True)
    return float(GEOD.line_length(lons, lats)) / 1000.0


AB = km((0.5, 0.5), (3.5, 0.5))
BC = km((3.5, 0.5), (3.5, -1.0))
BK = km((3.5, 0.5), (2.5, -1.0))
TANKER_KM_PER_DAY = 12 * 1.852 * 24  # 12 kn


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = write_pair(Path(tmp_path_factory.mktemp("pair")) / "pair")
    net = network_from_raw(read_data_dirs([folder]))
    metrics = all_route_metrics(net, [], measure(net))
    profile = load_profile()
    risks = [route_risk(net, m, profile) for m in metrics]
    out = compare_document(net, metrics, risks, profile)
    out["by_id"] = {r["id"]: r for r in out["routes"]}
    return out


def test_distance_total_by_mode_and_by_country(doc: dict[str, Any]) -> None:
    r, q = doc["by_id"]["r"], doc["by_id"]["q"]
    # The reference path of R is its first branch: ab, then bc. The geodesic from (0.5, 0.5)
    # to (3.5, 0.5) is symmetric about the AAA/BBB border at longitude 2: half in each.
    assert r["length_km"] == pytest.approx(AB + BC, abs=0.1)
    assert r["length_km_by_mode"] == pytest.approx({"pipeline": AB, "tanker": BC}, abs=0.1)
    assert r["length_km_by_country"] == pytest.approx(
        {"AAA": AB / 2, "BBB": AB / 2, "SEA": BC}, abs=0.1
    )
    assert q["length_km"] == pytest.approx(AB + BK, abs=0.1)
    assert (round(AB, 1), round(BC, 1)) == (333.9, 165.9)


def test_capacity_sums_parallel_branches_and_names_the_bottleneck(doc: dict[str, Any]) -> None:
    r, q = doc["by_id"]["r"], doc["by_id"]["q"]
    # R: ab 10 Mt/yr = 200 kb/d beside the branch ad (3.65 Mt/yr = 73) → db (7.3 = 146),
    # which passes min(73, 146) = 73: the stage carries 200 + 73 = 273 kb/d = 13.65 Mt/yr.
    # The tanker leg is unlimited and the terminal names no capacity.
    assert (r["capacity_kbd"], r["capacity_mtpa"]) == (273.0, 13.65)
    assert r["bottleneck_kind"] == "stage"
    # Q: ab alone, 200 kb/d = 10 Mt/yr, set by ab.
    assert (q["capacity_kbd"], q["capacity_mtpa"]) == (200.0, 10.0)
    assert (q["bottleneck_segment"], q["bottleneck_kind"]) == ("ab", "segment")
    assert r["capacity_bound"] == q["capacity_bound"] == "exact"


def test_spare_is_net_of_the_recorded_flow(doc: dict[str, Any]) -> None:
    # ab: 200 − 7.3 Mt/yr (146 kb/d) = 54; the branch: min(73 − 36.5, 146 − 36.5) = 36.5.
    assert doc["by_id"]["r"]["spare_capacity_kbd"] == 54.0 + 36.5
    assert doc["by_id"]["q"]["spare_capacity_kbd"] == 54.0


def test_cost_adds_tariff_and_freight(doc: dict[str, Any]) -> None:
    r, q = doc["by_id"]["r"], doc["by_id"]["q"]
    # 14.6 USD/t on ab is 2.0 USD/bbl at 7.3 bbl/t; freight 7.3 USD/t (1.0) on bc, 3.65 (0.5)
    # on bk.
    assert (r["cost_usd_per_bbl"], r["cost_usd_per_t"]) == (3.0, 21.9)
    assert (q["cost_usd_per_bbl"], q["cost_usd_per_t"]) == (2.5, 18.25)
    assert r["cost_complete"] and q["cost_complete"]


def test_transit_time_adds_each_leg_and_the_hand_over(doc: dict[str, Any]) -> None:
    r, q = doc["by_id"]["r"], doc["by_id"]["q"]
    # Pipeline at 200 km/day, tanker at 12 kn, one transshipment of 1 day at b; the total is
    # printed to a tenth of a day: 1.67 + 0.31 + 1 = 2.98 and 1.67 + 0.37 + 1 = 3.04.
    expected_r = AB / 200 + BC / TANKER_KM_PER_DAY + 1.0
    expected_q = AB / 200 + BK / TANKER_KM_PER_DAY + 1.0
    assert r["transit_days"] == round(expected_r, 1) == 3.0
    assert q["transit_days"] == round(expected_q, 1) == 3.0
    assert [t["days"] for t in r["transit_breakdown"]] == pytest.approx(
        [AB / 200, BC / TANKER_KM_PER_DAY, 1.0], abs=0.005
    )
    assert (r["transshipments"], q["transshipments"]) == (1, 1)


def test_every_risk_factor(doc: dict[str, Any]) -> None:
    r, q = doc["by_id"]["r"], doc["by_id"]["q"]
    value = {
        rid: {k: f["value"] for k, f in doc["by_id"][rid]["risk_factors"].items()}
        for rid in ("r", "q")
    }
    # Political: half the land in AAA ((2.5 − 0.5)/5 = 0.4), half in BBB ((2.5 + 1.5)/5 = 0.8).
    # Sanctions: BBB's 1. Chokepoints: R crosses the strait, 1 − (1 − 0.3) = 0.3. Single
    # points: the terminal b, 1 − (1 − 0.2)^1 = 0.2. Weather: w1 on ab, 1 event / 4 years / 2.
    for rid in ("r", "q"):
        assert value[rid]["transit_political"] == pytest.approx(0.6, abs=1e-4)
        assert value[rid]["sanctions"] == 1.0
        assert value[rid]["single_points_of_failure"] == pytest.approx(0.2)
        assert value[rid]["weather"] == pytest.approx(0.125)
    assert (value["r"]["chokepoints"], value["q"]["chokepoints"]) == (0.3, 0.0)
    assert r["chokepoints"] == ["strait"] and q["chokepoints"] == []
    # History: e1 (10 days × 0.5) and w1 (2 days × 1) on ab hit both: 7 capacity-days; e2
    # (292 days × 1 on bk, in 2022) hits Q only. Per year over 4 years, then ÷ 365.
    assert value["r"]["disruption_history"] == pytest.approx(7 / 4 / 365, abs=1e-4)
    assert value["q"]["disruption_history"] == pytest.approx(299 / 4 / 365, abs=1e-4)
    # R = 100 (0.25·0.6 + 0.2·1 + 0.15·0.3 + 0.2·7/1460 + 0.1·0.2 + 0.1·0.125) = 42.846;
    # Q = 100 (0.15 + 0.2 + 0 + 0.2·299/1460 + 0.02 + 0.0125) = 42.346.
    assert r["risk_score"] == pytest.approx(42.85, abs=0.005)
    assert q["risk_score"] == pytest.approx(42.35, abs=0.005)
    for route in (r, q):
        assert sum(f["contribution"] for f in route["risk_factors"].values()) == pytest.approx(
            route["risk_score"], abs=0.011
        )


def test_ranking_stability_names_exactly_the_swaps(doc: dict[str, Any]) -> None:
    # R − Q = 100 (0.15·0.3 − 0.2·292/1460) = 100 (0.045 − 0.040) = 0.5 before normalising,
    # the other factors being equal. Chokepoints at −25% (0.1125·0.3 = 0.03375) or history at
    # +25% (0.25·0.2 = 0.05) turn the sign; no other move does.
    assert doc["ranking_by_risk"] == ["r", "q"]
    stability = doc["ranking_stability"]
    assert not stability["stable"]
    assert stability["swaps"] == [
        {"factor": "chokepoints", "change": "-25%", "routes": ["r", "q"]},
        {"factor": "disruption_history", "change": "+25%", "routes": ["r", "q"]},
    ]


def test_pump_stations_are_found_along_land_legs_only() -> None:
    """A pump station beside a pipeline is on it; one beside a tanker leg is not (a port or
    station passed at sea is not on the route)."""
    from dataclasses import replace

    from routes.metrics import measure
    from tests.test_capacity import kbd, network, node, seg

    on_pipe = replace(node("p1", kind="pump_station"), lon=0.05, lat=0.005)
    by_sea = replace(node("p2", kind="pump_station"), lon=0.15, lat=0.005)
    net = network(
        [seg("ab", "a", "b", kbd(100)), seg("bc", "b", "c", mode="tanker", unlimited=True)],
        [[["ab"]], [["bc"]]],
        nodes=[on_pipe, by_sea],
    )
    measured = measure(net).segments
    assert measured["ab"].pump_stations_on_line == ("p1",)
    assert measured["bc"].pump_stations_on_line == ()
