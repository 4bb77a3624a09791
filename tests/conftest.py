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


@pytest.fixture(scope="session")
def net() -> Network:
    return load_network()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def feature(props: dict[str, Any], geom_type: str, coords: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": geom_type, "coordinates": coords}}


def write_tiny(folder: Path, **overrides: list[dict[str, Any]]) -> Path:
    """A complete three-node network on two made-up square countries AAA and BBB (lon 0–2, 2–4),
    with the sea south of latitude 0."""
    folder.mkdir(parents=True, exist_ok=True)
    layers: dict[str, list[dict[str, Any]]] = {
        "sources": [{"id": "s1", "title": "Test source", "url": "https://example.org/report"}],
        "nodes": [
            feature({"id": "a", "name": "A", "kind": "field", "sources": ["s1"]}, "Point",
                    [0.5, 0.5]),
            feature({"id": "b", "name": "B", "kind": "terminal", "sources": ["s1"]}, "Point",
                    [3.5, 0.5]),
            feature({"id": "c", "name": "C", "kind": "market", "sources": ["s1"]}, "Point",
                    [3.5, -1.0]),
            feature({"id": "strait", "name": "Strait", "kind": "chokepoint", "sources": ["s1"],
                     "radius_km": 5}, "Point", [3.5, -0.5]),
        ],
        "segments": [
            feature({"id": "ab", "name": "A-B", "mode": "pipeline", "from": "a", "to": "b",
                     "status": "operating", "crude": "light",
                     "capacity": {"value": 10, "unit": "Mt/yr", "as_of": 2024, "sources": ["s1"]},
                     "throughput": [{"year": 2024, "shippers": "all", "value": 7.3,
                                     "unit": "Mt/yr", "sources": ["s1"]}],
                     "sources": ["s1"]}, "LineString", [[0.5, 0.5], [3.5, 0.5]]),
            feature({"id": "bc", "name": "B-C", "mode": "tanker", "from": "b", "to": "c",
                     "status": "operating", "crude": "light",
                     "capacity": {"unlimited": True, "note": "open sea"},
                     "sources": ["s1"]}, "LineString", [[3.5, 0.5], [3.5, -1.0]]),
        ],
        "routes": [{"id": "r", "name": "Route R", "origin": "a", "destination": "c",
                    "segments": ["ab", "bc"]}],
        "events": [{"id": "e1", "target": "ab", "start": "2024-01-01", "end": "2024-01-10",
                    "share_lost": 0.5, "category": "technical", "cause": "Test",
                    "sources": ["s1"]}],
        "costs": [{"id": "t1", "kind": "tariff", "segments": ["ab"], "value": 14.6,
                   "unit": "USD/t", "as_of": 2024, "sources": ["s1"]}],
        "countries": [],
        "crudes": [{"id": "light", "name": "Light", "sources": ["s1"],
                    "bbl_per_t": {"value": 7.3, "unit": "bbl/t", "as_of": 2024,
                                  "sources": ["s1"]}}],
        "assumptions": [
            {"id": "bbl-per-t", "value": 7.3, "unit": "bbl/t", "reasoning": "test"},
            {"id": "tanker-speed", "value": 12, "unit": "kn", "reasoning": "test"},
            {"id": "pipeline-speed", "value": 200, "unit": "km/day", "reasoning": "test"},
            {"id": "rail-speed", "value": 50, "unit": "km/day", "reasoning": "test"},
            {"id": "transshipment-days", "value": 1, "unit": "days", "reasoning": "test"},
        ],
        "boundaries": [
            feature({"iso3": "AAA", "name": "Aland"}, "Polygon",
                    [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]),
            feature({"iso3": "BBB", "name": "Beland"}, "Polygon",
                    [[[2, 0], [4, 0], [4, 2], [2, 2], [2, 0]]]),
        ],
    }
    layers.update(overrides)
    for name in ("nodes", "segments", "boundaries"):
        (folder / f"{name}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": layers[name]}), encoding="utf-8")
    for name in ("sources", "routes", "events", "costs", "countries", "assumptions", "crudes"):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(layers[name]), encoding="utf-8")
    return folder


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    return write_tiny(tmp_path / "tiny")
