"""routes: compare energy export routes on capacity, cost and risk.

The notebook API (`routes.api`) is imported on first use, so that `routes --help` and the
commands that need none of it start fast::

    import routes
    net = routes.load("my-routes/")          # the packaged data with your folder laid over it
    result = routes.compare(net, ["cpc", "trans-caspian"])
    result.table                             # a pandas DataFrame, one row per route
    layers = routes.to_geodataframes(net)    # nodes, segments, routes as GeoDataFrames
    run = routes.scenario(net, "cpc-closed-30d")
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

#: The names `import routes` offers, all from `routes.api`.
API = (
    "Comparison",
    "DataError",
    "ScenarioRun",
    "UsageError",
    "compare",
    "critical",
    "load",
    "presets",
    "scenario",
    "sources",
    "to_geodataframes",
)


def __getattr__(name: str) -> Any:
    if name in API:
        from routes import api

        return getattr(api, name)
    raise AttributeError(f"module 'routes' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *API])
