"""The data format: every file a data folder may hold, every field, its type, unit and meaning.

One description serves three ends: validation reports a key no file has (a misspelt
`throughtput` would otherwise be skipped without a word), `docs/data.md` and the JSON Schemas
shipped in the package are written from it, and `routes init` writes a template that follows it.
Values are checked in `routes.validate`, which gives each problem its own sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from routes.network import (
    CAPACITY_SCOPES,
    COST_KINDS,
    EVENT_CATEGORIES,
    MODES,
    NODE_KINDS,
    SHIPPERS,
    STATUSES,
)
from routes.units import COST_UNITS, FLOW_UNITS, VOLUME_UNITS_MBBL

Kind = Literal[
    "id",
    "text",
    "number",
    "year",
    "date",
    "bool",
    "ids",
    "choice",
    "mapping",
    "list",
    "figure",
    "geometry",
    "any",
]


@dataclass(frozen=True)
class Field:
    """One field of a data file.

    ``kind`` says what it holds: an ``id`` (letters, digits, ``-_.``), free ``text``, a
    ``number``, a ``year``, a ``date`` (YYYY-MM-DD), ``bool``, a list of ids (``ids``), one of
    ``choices`` (``choice``), a ``figure`` (value, unit, as-of, sources, note, assumption), a
    ``mapping`` or a ``list`` of mappings with their own ``fields``, or ``any``. ``read`` is
    False for informative fields routes keeps but does not compute with.
    """

    name: str
    kind: Kind
    description: str
    required: bool = False
    unit: str | None = None
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    example: Any = None
    read: bool = True


@dataclass(frozen=True)
class FileSpec:
    """A data file: its layer, name, what one entry is, its fields and its geometry."""

    layer: str
    file: str
    description: str
    fields: tuple[Field, ...]
    #: GeoJSON geometry types a feature may have; empty for YAML files.
    geometry: tuple[str, ...] = ()


def figure(
    name: str,
    description: str,
    *,
    units: tuple[str, ...],
    required: bool = False,
    extra: tuple[Field, ...] = (),
    example: Any = None,
) -> Field:
    """A sourced figure: value with its unit, the year it holds for, sources, a note and the
    assumption flag."""
    return Field(
        name,
        "figure",
        description,
        required=required,
        choices=units,
        fields=(*FIGURE_FIELDS, *extra),
        example=example,
    )


FIGURE_FIELDS: Final[tuple[Field, ...]] = (
    Field("value", "number", "The figure; null when no source gives it (then say why in `note`)."),
    Field("unit", "choice", "The unit of `value`.", required=True),
    Field("as_of", "year", "The year the figure holds for (null when the source gives none)."),
    Field(
        "sources",
        "ids",
        "Ids from sources.yaml that give the figure; required for a value "
        "unless `assumption` is true.",
    ),
    Field(
        "note",
        "text",
        "How the figure was read or why it is missing; required when `value` is null.",
    ),
    Field(
        "assumption",
        "bool",
        "True when the value is a labelled stand-in, not a sourced figure; output marks it with *.",
    ),
)

THROUGHPUT: Final[Field] = Field(
    "throughput",
    "list",
    "Recorded flow by year: a figure per year and group of shippers.",
    fields=(
        Field("year", "year", "The year the flow was recorded.", required=True),
        Field(
            "shippers",
            "choice",
            "Whose oil the figure counts: all shippers, Kazakh oil "
            "only, or the other shippers only.",
            required=True,
            choices=SHIPPERS,
        ),
        *(
            f
            if f.name != "unit"
            else Field("unit", "choice", "The unit of `value`.", required=True, choices=FLOW_UNITS)
            for f in FIGURE_FIELDS
        ),
    ),
    example=[
        {
            "year": 2025,
            "shippers": "all",
            "value": 70.5,
            "unit": "Mt/yr",
            "as_of": 2025,
            "sources": ["cpc-2025-report"],
        }
    ],
)
SOURCES_FIELD: Final[Field] = Field(
    "sources",
    "ids",
    "Ids from sources.yaml behind the feature (its existence, position, status).",
    required=True,
    example=["gem-goit"],
)
NOTE: Final[Field] = Field("note", "text", "Anything a reader should know.")
CRUDE: Final[Field] = Field(
    "crude",
    "id",
    "The crude it carries (id in crudes.yaml), whose "
    "bbl/t converts its capacity and costs; the generic factor "
    "(assumption bbl-per-t) when absent.",
)
STATUS: Final[Field] = Field(
    "status",
    "choice",
    "Whether it is in service today (operating when absent): only operating assets count as "
    "available capacity.",
    choices=STATUSES,
)

#: An origin of the oil to export: in supply.yaml and in a scenario's own `supply` list.
SUPPLY_FIELDS: Final[tuple[Field, ...]] = (
    Field("id", "id", "The origin's id.", required=True, example="tengiz"),
    Field("name", "text", "The name shown in reports."),
    Field("node", "id", "The node where the oil enters.", required=True),
    figure("supply", "How much oil a year (or a day).", units=FLOW_UNITS, required=True),
    Field("crude", "id", "The crude (id in crudes.yaml)."),
    Field("route", "id", "The route the oil normally takes (id in routes.yaml)."),
)

FILES: Final[tuple[FileSpec, ...]] = (
    FileSpec(
        "sources",
        "sources.yaml",
        "A list of citations; every figure names one by id.",
        (
            Field("id", "id", "The source's id.", required=True, example="bp-btc"),
            Field("title", "text", "The document's title.", required=True),
            Field(
                "url",
                "text",
                "The address of the document itself (never a homepage); null when "
                "it is not online, then `publisher` and `date` are required.",
            ),
            Field("publisher", "text", "Who published it."),
            Field("date", "text", "When it was published (YYYY-MM-DD, or as precise as known)."),
            Field("licence", "text", "The licence of reused data (e.g. CC BY 4.0)."),
            NOTE,
        ),
    ),
    FileSpec(
        "nodes",
        "nodes.geojson",
        "GeoJSON Points: fields, terminals, ports, pump stations, junctions, markets, chokepoints.",
        (
            Field(
                "id",
                "id",
                "The node's id, unique across nodes and segments.",
                required=True,
                example="aktau",
            ),
            Field("name", "text", "The name shown in tables and maps.", required=True),
            Field("kind", "choice", "What the node is.", required=True, choices=NODE_KINDS),
            SOURCES_FIELD,
            STATUS,
            figure(
                "capacity",
                "What the node can load or hand over (a terminal's loading "
                "capacity); absent when it does not limit flow.",
                units=FLOW_UNITS,
            ),
            Field(
                "capacity_scope",
                "choice",
                "Which flows the capacity limits: all, or only oil "
                "loaded onto or landed from tankers there.",
                choices=CAPACITY_SCOPES,
            ),
            Field(
                "units",
                "list",
                "Loading units (moorings, berths), each with its own status and "
                "capacity; their sum is the terminal's capacity.",
                fields=(
                    Field("id", "id", "The unit's id (outages may name it).", required=True),
                    Field("name", "text", "The unit's name.", required=True),
                    STATUS,
                    figure("capacity", "The unit's capacity.", units=FLOW_UNITS, required=True),
                    Field("sources", "ids", "Ids from sources.yaml."),
                    NOTE,
                ),
            ),
            THROUGHPUT,
            CRUDE,
            Field(
                "radius_km",
                "number",
                "For a chokepoint: how close a tanker leg must pass to count as crossing it.",
                unit="km",
                example=15,
            ),
            Field(
                "location_quality",
                "text",
                "How exact the position is (e.g. 'town centre').",
                read=False,
            ),
            NOTE,
        ),
        geometry=("Point",),
    ),
    FileSpec(
        "segments",
        "segments.geojson",
        "GeoJSON LineStrings: pipeline, tanker or rail "
        "legs drawn from their `from` node to their `to` node.",
        (
            Field(
                "id",
                "id",
                "The segment's id, unique across nodes and segments.",
                required=True,
                example="btc",
            ),
            Field("name", "text", "The name shown in tables and maps.", required=True),
            Field("mode", "choice", "How the oil moves.", required=True, choices=MODES),
            Field(
                "from",
                "id",
                "The node the line starts at (its first position must lie within 2 km of it).",
                required=True,
            ),
            Field(
                "to",
                "id",
                "The node the line ends at (its last position must lie within 2 km of it).",
                required=True,
            ),
            Field(
                "status",
                "choice",
                "Whether it is in service today: only operating segments "
                "count as available capacity.",
                required=True,
                choices=STATUSES,
            ),
            SOURCES_FIELD,
            figure(
                "capacity",
                "The most it can carry; null with a note when no source gives it. "
                "An open-sea tanker leg may instead say `unlimited: true` with a note (the "
                "terminals limit it).",
                units=FLOW_UNITS,
                required=True,
                extra=(
                    Field(
                        "unlimited", "bool", "Only for tanker legs: the leg itself sets no limit."
                    ),
                ),
            ),
            THROUGHPUT,
            CRUDE,
            Field("operator", "text", "Who operates it."),
            figure(
                "linefill",
                "Oil held in the line; transit time is line fill ÷ flow when both are known.",
                units=tuple(VOLUME_UNITS_MBBL),
            ),
            figure(
                "published_length",
                "The length its operator publishes, set beside the length measured on the drawing.",
                units=("km",),
            ),
            Field(
                "offshore",
                "bool",
                "True for a pipeline or rail leg that runs at sea (a subsea "
                "pipeline): without it, such a leg must lie on land.",
            ),
            Field("geometry_source", "text", "Where the drawing comes from."),
            Field(
                "length_km_reference",
                "number",
                "The drawing's geodesic length when the data "
                "was built (routes measures the line itself).",
                unit="km",
                read=False,
            ),
            Field(
                "searoute_passages",
                "ids",
                "Passages the sea-lane generator reported.",
                read=False,
            ),
            NOTE,
        ),
        geometry=("LineString",),
    ),
    FileSpec(
        "routes",
        "routes.yaml",
        "Ordered chains of segments from an origin to a market.",
        (
            Field("id", "id", "The route's id.", required=True, example="trans-caspian"),
            Field("name", "text", "The name shown in tables and maps.", required=True),
            Field("origin", "id", "The node the route starts at.", required=True),
            Field("destination", "id", "The node it ends at (a market).", required=True),
            Field(
                "segments",
                "list",
                "Segment ids in order; a stage with alternatives is "
                "`{parallel: [[ids...], [ids...]]}`, every branch starting and ending at the same "
                "nodes (the first is the reference path).",
                required=True,
                fields=(
                    Field("parallel", "any", "Two or more branches, each a list of segment ids."),
                ),
                example=["tengiz-atyrau", {"parallel": [["a-b"], ["a-c", "c-b"]]}, "b-market"],
            ),
            Field("sources", "ids", "Ids from sources.yaml that describe the route as a whole."),
            Field("description", "text", "One or two sentences on the route."),
        ),
    ),
    FileSpec(
        "events",
        "events.yaml",
        "Dated disruptions of a segment or node.",
        (
            Field("id", "id", "The event's id.", required=True),
            Field("target", "id", "The segment or node it hit.", required=True),
            Field("start", "date", "The first day (YYYY-MM-DD).", required=True),
            Field("end", "date", "The last day; null with a note when not reported."),
            Field(
                "share_lost",
                "number",
                "The observed share of the target's capacity lost, "
                "0–1; null with a note when not reported.",
                unit="share",
            ),
            Field(
                "hours",
                "number",
                "For an event of hours (a fog closure): the hours out; needs an end date.",
                unit="hours",
            ),
            Field("cause", "text", "What happened, in a few words.", required=True),
            Field(
                "category", "choice", "The kind of cause.", required=True, choices=EVENT_CATEGORIES
            ),
            SOURCES_FIELD,
            Field("dates_approximate", "bool", "True when the dates are only known roughly."),
            NOTE,
        ),
    ),
    FileSpec(
        "costs",
        "costs.yaml",
        "Tariffs, freight rates and port charges, paid once by a "
        "route that uses any of their segments.",
        (
            Field("id", "id", "The cost item's id.", required=True),
            Field("kind", "choice", "What the charge is.", required=True, choices=COST_KINDS),
            Field(
                "segments", "ids", "The segments it covers (all carrying one crude).", required=True
            ),
            *(
                f
                if f.name != "unit"
                else Field(
                    "unit", "choice", "The unit of `value`.", required=True, choices=COST_UNITS
                )
                for f in FIGURE_FIELDS
            ),
        ),
    ),
    FileSpec(
        "countries",
        "countries.yaml",
        "Country indicators for the risk score.",
        (
            Field("iso3", "text", "ISO 3166-1 alpha-3 code.", required=True, example="KAZ"),
            Field("name", "text", "The country's name.", required=True),
            figure(
                "political_stability",
                "World Bank WGI Political Stability estimate (-2.5 to 2.5).",
                units=("WGI estimate",),
                required=True,
            ),
            figure(
                "sanctions_exposure",
                "Share (0–1) of exposure to sanctions.",
                units=("share",),
                required=True,
            ),
        ),
    ),
    FileSpec(
        "assumptions",
        "assumptions.yaml",
        "Labelled, overridable parameters; an id "
        "`<family>.<suffix>` with `applies_to` overrides the family's default for those "
        "segments, nodes or routes.",
        (
            Field(
                "id",
                "id",
                "A family (bbl-per-t, tanker-speed, pipeline-speed, rail-speed, "
                "transit-days, wait-days, transshipment-days, price.brent, "
                "price.cpc-differential, scenario-capacity) or `<family>.<suffix>`.",
                required=True,
                example="tanker-speed.caspian",
            ),
            Field("value", "number", "The assumed value.", required=True),
            Field(
                "unit",
                "text",
                "The unit the family is read in (e.g. kn for tanker-speed).",
                required=True,
            ),
            Field("as_of", "year", "The year it holds for."),
            Field("sources", "ids", "Sources it rests on, if any."),
            Field("reasoning", "text", "Why this value.", required=True),
            Field(
                "applies_to",
                "ids",
                "Segment, node or route ids it is limited to; empty for the family's default.",
            ),
            NOTE,
        ),
    ),
    FileSpec(
        "crudes",
        "crudes.yaml",
        "Crude streams and their barrels-per-tonne factors.",
        (
            Field("id", "id", "The crude's id.", required=True, example="cpc-blend"),
            Field("name", "text", "The crude's name.", required=True),
            figure("bbl_per_t", "Barrels per tonne (5–10).", units=("bbl/t",), required=True),
            Field("sources", "ids", "Ids from sources.yaml."),
            NOTE,
        ),
    ),
    FileSpec(
        "supply",
        "supply.yaml",
        "The oil to export in a what-if: how much enters where, and the route it normally takes.",
        (*SUPPLY_FIELDS,),
    ),
    FileSpec(
        "scenarios",
        "scenarios.yaml",
        "What-if presets (the same form as a scenario file).",
        (
            Field("id", "id", "The preset's id.", required=True),
            Field("name", "text", "The name shown in reports.", required=True),
            Field("description", "text", "What it replays or asks."),
            Field(
                "days", "number", "How many days it runs (up to 3650).", required=True, unit="days"
            ),
            Field(
                "outages",
                "list",
                "What is lost, when and for how long.",
                fields=(
                    Field(
                        "target",
                        "id",
                        "A segment, node, loading unit or chokepoint id.",
                        required=True,
                    ),
                    Field(
                        "share_lost",
                        "number",
                        "Share of its capacity lost, 0–1.",
                        required=True,
                        unit="share",
                    ),
                    Field(
                        "start_day", "number", "The day it starts (0 is the first).", unit="days"
                    ),
                    Field(
                        "duration_days",
                        "number",
                        "How long it lasts (to the end when absent).",
                        unit="days",
                    ),
                ),
            ),
            Field("closed", "ids", "Ids shut for every day of the scenario."),
            Field("switch_on", "ids", "Idle or planned assets to use."),
            Field("markets", "ids", "The only markets the oil may reach."),
            Field(
                "supply",
                "list",
                "Its own supply instead of supply.yaml's (same fields).",
                fields=SUPPLY_FIELDS,
            ),
            figure("price", "The oil price for revenue lost.", units=("USD/bbl",)),
            Field("events", "ids", "Events (ids in events.yaml) it replays."),
            Field(
                "compare",
                "mapping",
                "A reported loss to set beside the result.",
                fields=(
                    Field(
                        "day",
                        "number",
                        "The day of the scenario the loss was reported for.",
                        unit="days",
                    ),
                    figure("lost", "The loss reported.", units=("kt",)),
                ),
            ),
        ),
    ),
    FileSpec(
        "boundaries",
        "boundaries.geojson",
        "Country polygons (and water bodies) that "
        "split lengths by country; a clip of Natural Earth.",
        (
            Field(
                "iso3", "text", "ISO 3166-1 alpha-3 code, or SEA for a water body.", required=True
            ),
            Field("name", "text", "The country's name.", required=True),
            Field("source", "text", "Where the polygon comes from.", read=False),
        ),
        geometry=("Polygon", "MultiPolygon"),
    ),
)
SPECS: Final[dict[str, FileSpec]] = {spec.layer: spec for spec in FILES}
#: Keys of a figure that earlier versions read: validation gives them a message of their own.
RETIRED_FIGURE_KEYS: Final[frozenset[str]] = frozenset({"bbl_per_t"})


def unknown_fields(
    fields: tuple[Field, ...],
    data: Mapping[str, Any],
    where: str = "",
    *,
    retired: frozenset[str] = frozenset(),
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each key of `data` (and of the mappings nested in it) that no field describes, as
    (its path, the names allowed there).

    >>> list(unknown_fields(SPECS["events"].fields, {"id": "e", "share_lst": 1}))
    [('share_lst', ('id', 'target', 'start', 'end', 'share_lost', 'hours', 'cause', \
'category', 'sources', 'dates_approximate', 'note'))]
    """
    by_name = {f.name: f for f in fields}
    for key, value in data.items():
        spec = by_name.get(key) if isinstance(key, str) else None
        if spec is None:
            if key not in retired:
                yield f"{where}{key}", tuple(by_name)
        elif spec.kind in ("figure", "mapping") and isinstance(value, Mapping):
            yield from unknown_fields(
                spec.fields,
                value,
                f"{where}{key}.",
                retired=RETIRED_FIGURE_KEYS if spec.kind == "figure" else frozenset(),
            )
        elif (
            spec.kind == "list"
            and spec.fields
            and isinstance(value, list)
            and spec.name != "segments"
        ):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from unknown_fields(
                        spec.fields, item, f"{where}{key}[{i}].", retired=retired
                    )
