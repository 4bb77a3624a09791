"""Shared fixtures: the real packaged network, a CLI runner, and a tiny hand-built data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from routes.network import Network
from routes.validate import load_network


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line keeps its cache in the user's home; the tests compute every run afresh
    unless a test turns the cache on in a folder of its own (`cache_dir`)."""
    monkeypatch.delenv("ROUTES_CACHE_DIR", raising=False)
    monkeypatch.setenv("ROUTES_NO_CACHE", "1")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command line's cache turned on, in an empty folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.delenv("ROUTES_NO_CACHE")
    monkeypatch.setenv("ROUTES_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def net() -> Network:
    return load_network()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def feature(props: dict[str, Any], geom_type: str, coords: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": geom_type, "coordinates": coords},
    }


def write_tiny(folder: Path, **overrides: list[dict[str, Any]]) -> Path:
    """A complete three-node network on two made-up square countries AAA and BBB (lon 0–2, 2–4),
    with the sea south of latitude 0."""
    folder.mkdir(parents=True, exist_ok=True)
    layers: dict[str, list[dict[str, Any]]] = {
        "sources": [{"id": "s1", "title": "Test source", "url": "https://example.org/report"}],
        "nodes": [
            feature(
                {"id": "a", "name": "A", "kind": "field", "sources": ["s1"]}, "Point", [0.5, 0.5]
            ),
            feature(
                {"id": "b", "name": "B", "kind": "terminal", "sources": ["s1"]}, "Point", [3.5, 0.5]
            ),
            feature(
                {"id": "c", "name": "C", "kind": "market", "sources": ["s1"]}, "Point", [3.5, -1.0]
            ),
            feature(
                {
                    "id": "strait",
                    "name": "Strait",
                    "kind": "chokepoint",
                    "sources": ["s1"],
                    "radius_km": 5,
                },
                "Point",
                [3.5, -0.5],
            ),
        ],
        "segments": [
            feature(
                {
                    "id": "ab",
                    "name": "A-B",
                    "mode": "pipeline",
                    "from": "a",
                    "to": "b",
                    "status": "operating",
                    "crude": "light",
                    "capacity": {"value": 10, "unit": "Mt/yr", "as_of": 2024, "sources": ["s1"]},
                    "throughput": [
                        {
                            "year": 2024,
                            "shippers": "all",
                            "value": 7.3,
                            "unit": "Mt/yr",
                            "sources": ["s1"],
                        }
                    ],
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
                    "crude": "light",
                    "capacity": {"unlimited": True, "note": "open sea"},
                    "sources": ["s1"],
                },
                "LineString",
                [[3.5, 0.5], [3.5, -1.0]],
            ),
        ],
        "routes": [
            {
                "id": "r",
                "name": "Route R",
                "origin": "a",
                "destination": "c",
                "segments": ["ab", "bc"],
            }
        ],
        "events": [
            {
                "id": "e1",
                "target": "ab",
                "start": "2024-01-01",
                "end": "2024-01-10",
                "share_lost": 0.5,
                "category": "technical",
                "cause": "Test",
                "sources": ["s1"],
            }
        ],
        "costs": [
            {
                "id": "t1",
                "kind": "tariff",
                "segments": ["ab"],
                "value": 14.6,
                "unit": "USD/t",
                "as_of": 2024,
                "sources": ["s1"],
            }
        ],
        "countries": [],
        "crudes": [
            {
                "id": "light",
                "name": "Light",
                "sources": ["s1"],
                "bbl_per_t": {"value": 7.3, "unit": "bbl/t", "as_of": 2024, "sources": ["s1"]},
            }
        ],
        "assumptions": [
            {"id": "bbl-per-t", "value": 7.3, "unit": "bbl/t", "reasoning": "test"},
            {"id": "tanker-speed", "value": 12, "unit": "kn", "reasoning": "test"},
            {"id": "pipeline-speed", "value": 200, "unit": "km/day", "reasoning": "test"},
            {"id": "rail-speed", "value": 50, "unit": "km/day", "reasoning": "test"},
            {"id": "transshipment-days", "value": 1, "unit": "days", "reasoning": "test"},
        ],
        "boundaries": [
            feature(
                {"iso3": "AAA", "name": "Aland"},
                "Polygon",
                [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]],
            ),
            feature(
                {"iso3": "BBB", "name": "Beland"},
                "Polygon",
                [[[2, 0], [4, 0], [4, 2], [2, 2], [2, 0]]],
            ),
        ],
    }
    layers.update(overrides)
    for name in ("nodes", "segments", "boundaries"):
        (folder / f"{name}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": layers[name]}), encoding="utf-8"
        )
    for name in ("sources", "routes", "events", "costs", "countries", "assumptions", "crudes"):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(layers[name]), encoding="utf-8")
    return folder


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    return write_tiny(tmp_path / "tiny")


def write_pair(folder: Path) -> Path:
    """Two routes on the made-up countries AAA (WGI +0.5, no sanctions) and BBB (WGI -1.5,
    sanctioned), with every number chosen for pencil arithmetic (tests/test_measures.py).

    One crude at 7.3 bbl/t, so 1 Mt/yr is exactly 20 kb/d. Route R (a → c) runs a parallel
    stage, [ab] beside [ad, db], then the tanker leg bc through a strait; route Q (a → k) runs
    ab then the tanker leg bk, clear of the strait. Both pass the terminal b.
    """

    def line(
        ident: str,
        a: str,
        b: str,
        mode: str,
        coords: list[list[float]],
        *,
        cap_mtpa: float | None,
        flow_mtpa: float | None = None,
    ) -> dict[str, Any]:
        props: dict[str, Any] = {
            "id": ident,
            "name": ident.upper(),
            "mode": mode,
            "from": a,
            "to": b,
            "status": "operating",
            "crude": "light",
            "sources": ["s1"],
        }
        props["capacity"] = (
            {"unlimited": True, "note": "open sea"}
            if cap_mtpa is None
            else {"value": cap_mtpa, "unit": "Mt/yr", "as_of": 2024, "sources": ["s1"]}
        )
        if flow_mtpa is not None:
            props["throughput"] = [
                {
                    "year": 2024,
                    "shippers": "all",
                    "value": flow_mtpa,
                    "unit": "Mt/yr",
                    "sources": ["s1"],
                }
            ]
        return feature(props, "LineString", coords)

    def place(ident: str, kind: str, lon: float, lat: float, **extra: Any) -> dict[str, Any]:
        return feature(
            {"id": ident, "name": ident.upper(), "kind": kind, "sources": ["s1"], **extra},
            "Point",
            [lon, lat],
        )

    def event(
        ident: str, target: str, start: str, end: str, share: float, category: str
    ) -> dict[str, Any]:
        return {
            "id": ident,
            "target": target,
            "start": start,
            "end": end,
            "share_lost": share,
            "category": category,
            "cause": "Test",
            "sources": ["s1"],
        }

    def country(iso3: str, wgi: float, sanctions: float) -> dict[str, Any]:
        return {
            "iso3": iso3,
            "name": iso3,
            "political_stability": {
                "value": wgi,
                "unit": "WGI estimate",
                "as_of": 2023,
                "sources": ["s1"],
            },
            "sanctions_exposure": {
                "value": sanctions,
                "unit": "share",
                "as_of": 2024,
                "assumption": True,
            },
        }

    def cost(ident: str, kind: str, segment: str, usd_per_t: float) -> dict[str, Any]:
        return {
            "id": ident,
            "kind": kind,
            "segments": [segment],
            "value": usd_per_t,
            "unit": "USD/t",
            "as_of": 2024,
            "sources": ["s1"],
        }

    return write_tiny(
        folder,
        nodes=[
            place("a", "field", 0.5, 0.5),
            place("d", "junction", 1.0, 1.5),
            place("b", "terminal", 3.5, 0.5),
            place("c", "market", 3.5, -1.0),
            place("k", "market", 2.5, -1.0),
            place("strait", "chokepoint", 3.5, -0.5, radius_km=5),
        ],
        segments=[
            line(
                "ab", "a", "b", "pipeline", [[0.5, 0.5], [3.5, 0.5]], cap_mtpa=10.0, flow_mtpa=7.3
            ),
            line(
                "ad", "a", "d", "pipeline", [[0.5, 0.5], [1.0, 1.5]], cap_mtpa=3.65, flow_mtpa=1.825
            ),
            line(
                "db", "d", "b", "pipeline", [[1.0, 1.5], [3.5, 0.5]], cap_mtpa=7.3, flow_mtpa=1.825
            ),
            line("bc", "b", "c", "tanker", [[3.5, 0.5], [3.5, -1.0]], cap_mtpa=None),
            line("bk", "b", "k", "tanker", [[3.5, 0.5], [2.5, -1.0]], cap_mtpa=None),
        ],
        routes=[
            {
                "id": "r",
                "name": "Route R",
                "origin": "a",
                "destination": "c",
                "segments": [{"parallel": [["ab"], ["ad", "db"]]}, "bc"],
            },
            {
                "id": "q",
                "name": "Route Q",
                "origin": "a",
                "destination": "k",
                "segments": ["ab", "bk"],
            },
        ],
        events=[
            event("e1", "ab", "2024-01-01", "2024-01-10", 0.5, "technical"),
            event("w1", "ab", "2023-02-01", "2023-02-02", 1.0, "weather"),
            event("e2", "bk", "2022-01-01", "2022-10-19", 1.0, "security"),
        ],
        costs=[
            cost("t1", "tariff", "ab", 14.6),
            cost("f1", "freight", "bc", 7.3),
            cost("f2", "freight", "bk", 3.65),
        ],
        countries=[country("AAA", 0.5, 0.0), country("BBB", -1.5, 1.0)],
    )
