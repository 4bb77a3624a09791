"""Writes the network with every computed attribute as GeoJSON, GeoPackage or CSV for GIS tools."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from routes.errors import UsageError
from routes.io import output_folder, write_atomic
from routes.metrics import Measures, RouteMetrics, measure
from routes.network import Network, Node, Segment
from routes.report import (
    cited,
    element_to_dict,
    flatten,
    override_to_dict,
    overrides_cell,
    risk_to_dict,
    route_overrides,
    route_to_dict,
    segment_to_dict,
)
from routes.risk import Risk

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: A property value every format can hold as it is.
Scalar = str | float | int | bool | None
Properties = dict[str, Scalar]
ExportFormat = Literal["geojson", "gpkg", "csv"]

#: The layers, in output order, with the geometry type of each.
LAYERS: Final[dict[str, str]] = {
    "nodes": "Point",
    "segments": "LineString",
    "routes": "MultiLineString",
}
#: GeoPackages record a "last change" time; a fixed one keeps the same input's file the same.
GPKG_TIMESTAMP: Final[str] = "1970-01-01T00:00:00.000Z"
#: Files SQLite may leave beside a GeoPackage that was being written.
SQLITE_SIDECARS: Final[tuple[str, ...]] = ("-journal", "-wal", "-shm")


@dataclass(frozen=True)
class Feature:
    """One exported feature: its layer, flat properties and a lon/lat geometry."""

    layer: str
    properties: Properties
    geometry: BaseGeometry


def export_network(
    net: Network,
    metrics: Sequence[RouteMetrics],
    risks: Sequence[Risk],
    path: Path,
    fmt: ExportFormat,
    *,
    ms: Measures | None = None,
) -> None:
    """Write the network's nodes, segments and routes, with their measures, to one file.

    Parameters
    ----------
    net
        The network; every node and segment is written, not only those on `metrics`' routes.
    metrics
        The routes to write, one feature each, in this order.
    risks
        The risk of each route in `metrics`, in the same order.
    path
        The output file; it is replaced whole or not at all.
    fmt
        ``geojson``: one FeatureCollection whose features carry a ``layer`` property;
        ``gpkg``: a GeoPackage with the layers ``nodes``, ``segments`` and ``routes``;
        ``csv``: one row per feature, a ``layer`` column first and a ``geometry_wkt`` column
        last. Coordinates are EPSG:4326 longitude, latitude.
    ms
        The network's measures, when `metrics` were measured with them (else measured here).

    Raises
    ------
    UsageError
        When the output folder does not exist or cannot be written, or `fmt` is unknown.
    ValueError
        When `risks` does not match `metrics` route for route.
    """
    if fmt not in ("geojson", "gpkg", "csv"):
        raise UsageError(f"--format {fmt!r} is not an export format; choose geojson, gpkg or csv")
    # Fail before measuring anything when the file could not be written anyway.
    output_folder(path)
    layers = features_from_network(net, metrics, risks, ms)
    if fmt == "geojson":
        write_atomic(path, geojson_text(layers))
    elif fmt == "csv":
        write_atomic(path, csv_text(layers))
    else:
        _write_gpkg(layers, path)


def features_from_network(
    net: Network, metrics: Sequence[RouteMetrics], risks: Sequence[Risk], ms: Measures | None = None
) -> dict[str, list[Feature]]:
    """The features of each layer (``nodes``, ``segments``, ``routes``), in `LAYERS` order.

    Within a layer every feature has the same properties, in the same order: the union of the
    layer's columns in first-seen order, None where a feature has no value.

    Raises
    ------
    ValueError
        When `risks` does not match `metrics` route for route.
    """
    if [r.route_id for r in risks] != [m.id for m in metrics]:
        raise ValueError(
            f"the risks are for routes {[r.route_id for r in risks]} but the "
            f"metrics for {[m.id for m in metrics]}; score each route of metrics, "
            "in the same order"
        )
    ms = ms or measure(net)
    layers = {
        "nodes": [_node_feature(net, n, ms) for n in net.nodes.values()],
        "segments": _segment_features(net, ms),
        "routes": [_route_feature(net, m, r) for m, r in zip(metrics, risks, strict=True)],
    }
    return {name: _same_columns(features) for name, features in layers.items()}


def geojson_text(layers: Mapping[str, Sequence[Feature]]) -> str:
    """One RFC 7946 FeatureCollection, one feature a line (as in `geodata/`): the same layers
    give the same bytes."""
    from shapely.geometry import mapping

    lines = [
        json.dumps(
            {
                "type": "Feature",
                "properties": {"layer": f.layer, **f.properties},
                "geometry": mapping(f.geometry),
            },
            ensure_ascii=False,
            allow_nan=False,
        )
        for features in layers.values()
        for f in features
    ]
    return '{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}\n"


def csv_text(layers: Mapping[str, Sequence[Feature]]) -> str:
    """One row per feature: ``layer``, the union of the layers' columns in first-seen order
    (as `routes.report.to_csv`), then ``geometry_wkt``."""
    from routes.report import to_csv

    return to_csv(
        [
            {"layer": f.layer, **f.properties, "geometry_wkt": f.geometry.wkt}
            for features in layers.values()
            for f in features
        ],
        last=("geometry_wkt",),
    )


def _node_feature(net: Network, n: Node, ms: Measures) -> Feature:
    from shapely.geometry import Point

    props: dict[str, Any] = {
        "id": n.id,
        "name": n.name,
        "kind": n.kind,
        "country": n.country,
        "location_quality": n.location_quality,
        "note": n.note,
        "radius_km": _float(n.radius_km),
        "sources": ";".join(n.sources),
    }
    # The same capacity facts as `routes compare` shows, so every command agrees.
    props.update(flatten(element_to_dict(ms.resolved.nodes[n.id])))
    props["units"] = ";".join(f"{u.id} ({u.status})" for u in n.units)
    props["overrides"] = _own_overrides(net, "nodes", n.id)
    return Feature("nodes", _merge(props, {}), Point(n.lon, n.lat))


def _own_overrides(net: Network, layer: str, ident: str) -> str | None:
    """Whether your folders added or replaced this entry itself, as one cell (a column left out
    when no feature of the layer has one)."""
    return overrides_cell([override_to_dict(o) for o in net.overrides_of(layer, ident)])


def _segment_features(net: Network, ms: Measures) -> list[Feature]:
    on_routes: dict[str, list[str]] = {}
    for route in net.routes.values():
        for sid in route.all_segments():
            on_routes.setdefault(sid, []).append(route.id)
    features = []
    for seg in net.segments.values():
        m = ms.segments[seg.id]
        props = _merge(
            flatten(segment_to_dict(m)),
            {
                "transit_assumption": m.transit_assumption,
                **_segment_facts(seg),
                "routes": ";".join(on_routes.get(seg.id, [])),
                "overrides": _own_overrides(net, "segments", seg.id),
            },
        )
        features.append(Feature("segments", props, seg.geometry))
    return features


def _segment_facts(seg: Segment) -> dict[str, Any]:
    return {
        "operator": seg.operator,
        "geometry_source": seg.geometry_source,
        "note": seg.note,
        "sources": ";".join(seg.sources),
    }


def _route_feature(net: Network, m: RouteMetrics, risk: Risk) -> Feature:
    from shapely.geometry import MultiLineString

    route = net.routes[m.id]
    extra: dict[str, Any] = {
        "description": route.description,
        "segments": ";".join(route.primary_segments()),
    }
    # Rounded as in `routes compare`, so the export and the comparison show the same numbers.
    extra["risk_score"], factors = risk_to_dict(risk)
    for name, factor in factors.items():
        for key, value in factor.items():
            if key == "inputs":  # the figures behind a factor: their sources, as one column
                value = ";".join(dict.fromkeys(s for i in value for s in i["sources"]))
                key = "sources"
            extra[f"risk_{name}_{key}"] = value
    geometry = MultiLineString([net.segments[sid].geometry for sid in route.primary_segments()])
    # Everything behind the route that your folders added or replaced, as compare lists it.
    extra["overrides"] = overrides_cell(route_overrides(net, m, cited(m, risk)))
    return Feature("routes", _merge(flatten(route_to_dict(net, m)), extra), geometry)


def _float(x: float | None) -> float | None:
    """Figures read from YAML may be ints; a float column must hold floats in every format."""
    return None if x is None else float(x)


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> Properties:
    """`base` and `extra` as one row of plain values; a name in both must hold the same value."""
    out: Properties = {}
    for key, value in (*base.items(), *extra.items()):
        if key in out and out[key] != value:
            raise ValueError(
                f"column {key!r} would hold both {out[key]!r} and {value!r}; rename one of them"
            )
        if value is not None and not isinstance(value, str | float | int | bool):
            raise TypeError(
                f"column {key!r} holds {type(value).__name__} {value!r}; "
                "give it a str, float, int, bool or None"
            )
        out[key] = value
    return out


def _same_columns(features: Sequence[Feature]) -> list[Feature]:
    """The features with the layer's union of columns, grouped by family in first-seen order;
    a column empty in every feature (e.g. ``capacity`` where each node that has one shows it
    as ``capacity.value``...) is left out."""
    columns = [
        c
        for c in _columns(f.properties for f in features)
        if any(f.properties.get(c) is not None for f in features)
    ]
    return [
        Feature(f.layer, {c: f.properties.get(c) for c in columns}, f.geometry) for f in features
    ]


def _columns(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    from routes.report import group_columns

    return list(group_columns(k for row in rows for k in row))


def _write_gpkg(layers: Mapping[str, Sequence[Feature]], path: Path) -> None:
    """Write the layers to a temporary GeoPackage beside `path`, then move it into place."""
    import pyogrio

    folder = output_folder(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gpkg", dir=folder)
    except OSError as exc:
        raise UsageError(
            f"--output {path}: cannot write in {folder} ({exc.strerror}); choose a writable folder"
        ) from None
    os.close(fd)
    tmp = Path(name)
    # GDAL creates the GeoPackage itself; the empty placeholder only reserved a unique name.
    tmp.unlink()
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_TIMESTAMP})
    try:
        for layer, geometry_type in LAYERS.items():
            pyogrio.write_dataframe(
                frame(layers.get(layer, ())),
                tmp,
                layer=layer,
                driver="GPKG",
                geometry_type=geometry_type,
            )
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in SQLITE_SIDECARS)):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def frame(features: Sequence[Feature]) -> Any:
    """A GeoDataFrame with one typed, nullable column per property (so an integer column with
    gaps stays an integer column in the GeoPackage, not a float or text one)."""
    import geopandas as gpd

    data = {
        c: _column([f.properties[c] for f in features])
        for c in _columns(f.properties for f in features)
    }
    return gpd.GeoDataFrame(data, geometry=[f.geometry for f in features], crs="EPSG:4326")


def _column(values: list[Scalar]) -> Any:
    # pyproject's mypy overrides do not list pandas, and pandas-stubs is not a dependency.
    import pandas as pd

    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return pd.array(values, dtype="boolean")
    if kinds == {int}:
        return pd.array(values, dtype="Int64")
    if kinds and kinds <= {int, float}:
        return pd.array(values, dtype="Float64")
    # Text, empty columns, and (never expected) mixed kinds are written as text.
    return pd.Series(
        [v if v is None or isinstance(v, str) else str(v) for v in values], dtype=object
    )
