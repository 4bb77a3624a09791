"""The Python API for notebooks: load the network, compare routes, run what-ifs and the N-1
sweep, and get pandas DataFrames and GeoDataFrames back (the CLI calls the same functions).

>>> import routes
>>> net = routes.load()
>>> result = routes.compare(net, ["cpc", "trans-caspian"])
>>> bool(result.table.loc["cpc", "capacity_kbd"] > result.table.loc["trans-caspian",
...                                                                  "capacity_kbd"])
True
>>> list(result.table.columns[:4])
['name', 'origin', 'destination', 'status']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routes import API
from routes.errors import DataError as DataError
from routes.errors import UsageError as UsageError

if TYPE_CHECKING:
    from routes.flows import ScenarioResult
    from routes.metrics import Measures, RouteMetrics
    from routes.network import Network, Scenario
    from routes.risk import Profile, Risk

PathLike = str | Path
JsonDict = dict[str, Any]

#: The columns of `Comparison.table`, in order: one row per route, its id as the index.
TABLE_COLUMNS: tuple[str, ...] = (
    "name",
    "origin",
    "destination",
    "status",
    "length_km",
    "capacity_kbd",
    "capacity_mtpa",
    "capacity_bound",
    "bottleneck",
    "bottleneck_kind",
    "capacity_if_built_kbd",
    "capacity_if_built_bound",
    "spare_capacity_kbd",
    "spare_capacity_bound",
    "cost_usd_per_bbl",
    "cost_usd_per_t",
    "cost_bound",
    "transit_days",
    "transshipments",
    "risk_score",
    "overrides",
)


def load(data: PathLike | Sequence[PathLike] | None = None) -> Network:
    """Load and validate the packaged network, with your own folders laid over it in order.

    Parameters
    ----------
    data
        A folder (``str`` or ``Path``), or a list of folders, holding any of the data files
        (`docs/data.md`); an entry with the id of an earlier one replaces it whole.

    Raises
    ------
    routes.DataError
        Listing every problem in the data (``.problems``), one sentence each.
    routes.UsageError
        When a folder does not exist.

    Examples
    --------
    >>> net = load()
    >>> sorted(net.routes)[:2]
    ['atyrau-samara', 'baku-supsa']
    """
    from routes.validate import load_network

    return load_network(data, option="data folder")


@dataclass(frozen=True, repr=False)
class Comparison:
    """Routes compared side by side.

    ``document`` is the ``routes.compare/1`` object that ``routes compare --format json``
    prints; ``table`` one row per route (index: route id) with the headline figures and what
    your folders added or replaced behind it (``overrides``, as in the CSV); ``risk``
    one row per route and factor; ``lengths`` km by route and country (water under ``SEA``).
    """

    document: JsonDict
    metrics: tuple[RouteMetrics, ...]
    risks: tuple[Risk, ...]

    def __repr__(self) -> str:
        return f"Comparison(routes={[r['id'] for r in self.document['routes']]})"

    @property
    def table(self) -> Any:
        import pandas as pd

        from routes.report import route_rows

        rows = [{k: r.get(k) for k in TABLE_COLUMNS} for r in route_rows(self.document["routes"])]
        frame = pd.DataFrame(
            rows, index=[r["id"] for r in self.document["routes"]], columns=list(TABLE_COLUMNS)
        )
        frame.index.name = "route"
        return frame

    @property
    def risk(self) -> Any:
        import pandas as pd

        rows = [
            {
                "route": r["id"],
                "factor": name,
                **{k: f[k] for k in ("value", "weight", "contribution")},
            }
            for r in self.document["routes"]
            for name, f in r["risk_factors"].items()
        ]
        return pd.DataFrame(rows, columns=["route", "factor", "value", "weight", "contribution"])

    @property
    def lengths(self) -> Any:
        import pandas as pd

        frame = pd.DataFrame(
            {r["id"]: r["length_km_by_country"] for r in self.document["routes"]}
        ).T.fillna(0.0)
        frame.index.name = "route"
        return frame

    def to_json(self) -> str:
        """The ``routes.compare/1`` JSON text, byte for byte what the CLI prints."""
        from routes.report import dumps

        return dumps(self.document)

    def to_markdown(self, net: Network) -> str:
        """The memo-ready Markdown table with numbered footnotes."""
        from routes.report import compare_markdown, source_rows

        return compare_markdown(self.document, source_rows(net))


def _ids(ids: str | Sequence[str] | None) -> list[str] | None:
    """One id or a list of them: a str is one id, not a list of letters."""
    if ids is None:
        return None
    return [ids] if isinstance(ids, str) else list(ids)


def compare(
    net: Network,
    routes: str | Sequence[str] | None = None,
    *,
    weights: PathLike | None = None,
    ms: Measures | None = None,
) -> Comparison:
    """Compare routes on distance, capacity, cost, time and risk.

    Parameters
    ----------
    net
        The network from `load`.
    routes
        A route id, or route ids in the order wanted; every route when omitted.
    weights
        A risk profile file replacing the default weights (`docs/risk.md`).
    ms
        The network's measures (``routes.metrics.measure(net)``), to measure once for
        several calls on the same network.

    Returns
    -------
    Comparison
        ``.table`` (one row per route), ``.risk`` (one row per route and factor),
        ``.lengths`` (km by route and country) and ``.document`` (the JSON object).

    Raises
    ------
    routes.UsageError
        For an unknown route id (with the closest one) or a bad weights file.

    Examples
    --------
    >>> c = compare(load(), ["cpc"])
    >>> c.document["schema"], round(float(c.table.loc["cpc", "risk_score"]), 1) > 0
    ('routes.compare/1', True)
    """
    from routes.report import compare_document

    profile, metrics, risks = _scored(net, _ids(routes), weights, ms)
    doc = compare_document(net, metrics, risks, profile)
    return Comparison(doc, tuple(metrics), tuple(risks))


def _scored(
    net: Network, routes: list[str] | None, weights: PathLike | None, ms: Measures | None
) -> tuple[Profile, list[RouteMetrics], list[Risk]]:
    """The risk profile, and the routes asked for (all when None) measured and scored."""
    from routes.metrics import all_route_metrics, measure
    from routes.risk import load_profile, route_risk

    profile = load_profile(Path(weights) if weights is not None else None)
    metrics = all_route_metrics(net, routes or [], ms or measure(net))
    return profile, metrics, [route_risk(net, m, profile) for m in metrics]


def to_geodataframes(
    net: Network, *, weights: PathLike | None = None, ms: Measures | None = None
) -> dict[str, Any]:
    """The network as GeoDataFrames (EPSG:4326) with every computed attribute: ``nodes``,
    ``segments`` and ``routes`` (the columns `routes export` writes).

    Examples
    --------
    >>> layers = to_geodataframes(load())
    >>> sorted(layers), str(layers["segments"].crs)
    (['nodes', 'routes', 'segments'], 'EPSG:4326')
    """
    from routes.export import features_from_network, frame
    from routes.metrics import measure

    ms = ms or measure(net)
    _, metrics, risks = _scored(net, None, weights, ms)  # no comparison document: not used
    layers = features_from_network(net, metrics, risks, ms)
    out = {}
    for name, features in layers.items():
        gdf = frame(features)
        if "id" in gdf.columns:
            gdf = gdf.set_index("id", drop=False)
            gdf.index.name = None
        out[name] = gdf
    return out


@dataclass(frozen=True, repr=False)
class ScenarioRun:
    """A what-if's result: ``document`` is the ``routes.scenario/1`` object; ``bands`` one row
    per band of days; ``flows`` kb/d by band and route."""

    document: JsonDict
    result: ScenarioResult

    def __repr__(self) -> str:
        doc = self.document
        return f"ScenarioRun(scenario={doc['scenario']['id']!r}, days={doc['days']:g})"

    @property
    def bands(self) -> Any:
        import pandas as pd

        rows = [
            {k: v for k, v in b.items() if not isinstance(v, dict | list)}
            for b in self.document["bands"]
        ]
        return pd.DataFrame(rows)

    @property
    def flows(self) -> Any:
        import pandas as pd

        rows = [
            {"start_day": b["start_day"], "end_day": b["end_day"], "route": route, "kbd": kbd}
            for b in self.document["bands"]
            for route, kbd in b["flow_kbd_by_route"].items()
        ]
        return pd.DataFrame(rows, columns=["start_day", "end_day", "route", "kbd"])

    def to_json(self) -> str:
        from routes.report import dumps

        return dumps(self.document)


def scenario(
    net: Network,
    spec: str | PathLike | Scenario,
    *,
    supply_kbd: float | None = None,
    days: float | None = None,
) -> ScenarioRun:
    """Run a what-if: a preset id (`presets`), a scenario file (YAML, JSON or TOML) or a
    `routes.network.Scenario`; reroute what the network can take and report per band of days.

    Examples
    --------
    >>> run = scenario(load(), "cpc-closed-30d")
    >>> run.document["shortfall_kt"] > 0, list(run.flows.columns)
    (True, ['start_day', 'end_day', 'route', 'kbd'])
    """
    from routes.flows import run_scenario
    from routes.network import Scenario
    from routes.scenario_report import scenario_document
    from routes.validate import load_scenario

    sc = spec if isinstance(spec, Scenario) else load_scenario(net, str(spec))
    result = run_scenario(net, sc, supply_kbd=supply_kbd, days=days)
    return ScenarioRun(scenario_document(net, result), result)


def critical(net: Network, *, supply_kbd: float | None = None) -> Any:
    """The N-1 sweep as a DataFrame: every segment, node, mooring and chokepoint removed alone,
    ranked by the export its loss leaves undelivered.

    Examples
    --------
    >>> frame = critical(load())
    >>> list(frame.columns[:3]), bool(frame["shortfall_kbd"].is_monotonic_decreasing)
    (['rank', 'id', 'name'], True)
    """
    import pandas as pd

    from routes.flows import critical as sweep
    from routes.scenario_report import critical_document

    doc = critical_document(net, sweep(net, supply_kbd=supply_kbd))
    return pd.DataFrame(
        [
            {k: v for k, v in r.items() if k != "binding"} | {"binding": ", ".join(r["binding"])}
            for r in doc["rows"]
        ]
    )


def presets(net: Network) -> Any:
    """The scenario presets as a DataFrame (id, name, days, events).

    Examples
    --------
    >>> "cpc-closed-30d" in set(presets(load())["id"])
    True
    """
    import pandas as pd

    from routes.scenario_report import presets_document

    rows = presets_document(net)["scenarios"]
    return pd.DataFrame(
        [
            {"id": r["id"], "name": r["name"], "days": r["days"], "events": ", ".join(r["events"])}
            for r in rows
        ]
    )


def sources(net: Network, ids: str | Sequence[str] | None = None) -> Any:
    """Citations as a DataFrame, numbered in order (every source when `ids` is None).

    Raises
    ------
    routes.UsageError
        For an id no source has, with the closest one.

    Examples
    --------
    >>> sources(load(), ["gem-goit"]).loc[0, "licence"]
    'CC BY 4.0'
    """
    import pandas as pd

    from routes.errors import closest, shown
    from routes.report import sources_list

    wanted = _ids(ids)
    for sid in wanted or ():
        if sid not in net.sources:
            raise UsageError(
                f"unknown source {shown(sid)}{closest(sid, net.sources)}; "
                "routes.sources(net) lists every source"
            )
    return pd.DataFrame(sources_list(net, list(net.sources) if wanted is None else wanted))


__all__ = list(API)
