"""The `routes` command line: parse options, call the library, format, translate errors.

Heavy libraries (shapely, pyproj, geopandas, pandas, matplotlib) are imported inside the commands
that need them, so `routes --help` starts as fast as typer itself.
"""

# No `from __future__ import annotations` here: typer reads every command's annotations on
# each run, and string annotations cost it a compile and an eval each (~3 ms of every
# `routes --help`); evaluated once, from bytecode, they cost nothing. Names imported only
# for type checking must therefore be quoted in annotations.

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, NoReturn, cast

import typer

from routes import __version__
from routes.errors import DataError, RoutesError, UsageError, shown

if TYPE_CHECKING:
    from routes.capacity import Element, View
    from routes.figures import FigureFormat
    from routes.metrics import Measures, RouteMetrics
    from routes.network import Network
    from routes.risk import Profile, Risk

# typer 0.29 prints an argument's Python type beside its name ("ROUTE <list[str]>"); our
# metavars say what to give in words, so the type is left out of the help. (typer 0.28, which
# pyproject keeps, prints no type: the hook is not there.)
if hasattr(typer.core.TyperArgument, "display_type_rich"):
    setattr(typer.core.TyperArgument, "display_type_rich", lambda self, ctx: None)  # noqa: B010

app = typer.Typer(
    name="routes",
    help="Compare energy export routes on capacity, cost and risk.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Folder of your own nodes, segments, routes, "
        "events... laid over the packaged data (same ids replace); give it again to "
        "lay several folders, in order.",
        exists=True,
        file_okay=False,
        dir_okay=True,
        readable=True,
    ),
]
WeightsOpt = Annotated[
    Path | None,
    typer.Option(
        "--weights",
        metavar="FILE",
        help="Risk profile YAML replacing the default "
        "weights "
        "(docs/risk.md; routes data-path prints where the docs are).",
        dir_okay=False,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="table (the default), json, csv or markdown; with "
        "--output, by default the one its suffix names (.json, .csv, .md).",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (atomically) instead of stdout.",
        dir_okay=False,
    ),
]


def fail(message: str, code: int) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the library's errors into one sentence each on stderr and exit 1 (data) or 2 (usage)."""
    try:
        yield
    except DataError as exc:
        for problem in exc.problems:
            typer.echo(f"Error: {problem}", err=True)
        raise typer.Exit(1) from None
    except UsageError as exc:
        fail(str(exc), 2)
    except RoutesError as exc:
        fail(str(exc), 1)


def load(data: list[Path] | None) -> "Network":
    """The checked network, from the cache when the same inputs were loaded before."""
    from routes import cache

    return cache.network(data or [], measured=False)[0]


def load_measured(data: list[Path] | None) -> "tuple[Network, Measures]":
    """The checked network and its measures, from the cache when the same inputs were loaded
    and measured before."""
    from routes import cache

    net, ms = cache.network(data or [], measured=True)
    assert ms is not None
    return net, ms


def guard_outputs(
    data: list[Path] | None,
    outputs: Sequence[tuple[str, Path | None]],
    inputs: tuple[Path | None, ...] = (),
    *,
    created: Sequence[Path] = (),
) -> None:
    """Refuse, before anything is computed, an output that would overwrite an input file (a
    data file of any --data folder or the package, a weights or scenario file) or another
    output of the same command, or that `routes.io.check_outputs` refuses (a missing or
    read-only folder, a folder for a file, a path inside a --data folder, where the next run
    would read it as data). `outputs` lists (option, path) pairs (an option may be given
    more than once); `created` are folders the command makes."""
    from routes.io import check_outputs, display_path, input_files, same_file

    files = [*input_files(data or []), *(p for p in inputs if p is not None)]
    given: list[tuple[str, Path]] = []
    for option, path in outputs:
        if path is None:
            continue
        for f in files:
            if same_file(path, f):
                raise UsageError(
                    f"{option} {path}: that is an input file "
                    f"({display_path(f)}), which writing would destroy; choose "
                    "another path"
                )
        for other, earlier in given:
            if same_file(path, earlier):
                raise UsageError(
                    f"{option} {path}: the same file as {other}; give each output its own path"
                )
        given.append((option, path))
    check_outputs(given, input_folders=data or [], created=created)


#: The file formats an --output suffix names.
SUFFIX_FORMATS: dict[str, str] = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".markdown": "markdown",
}


def output_format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for, else the one the --output file's suffix names, else the table;
    a suffix that names another format than --format is refused."""
    named = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    if fmt is Format.table and output is not None:
        _table_only(output)
    if fmt is not None:
        if named is not None and named != fmt.value:
            assert output is not None
            raise UsageError(
                f"--output {output}: a {output.suffix} file with --format "
                f"{fmt.value}; drop --format, or name the file for {fmt.value}"
            )
        return fmt
    if output is None:
        return Format.table
    if named is None:
        raise UsageError(
            f"--output {output}: the suffix {output.suffix or '(none)'} names no "
            "format; give --format json, csv or markdown, or name the file .json, "
            ".csv or .md"
        )
    return Format(named)


def measured(
    data: list[Path] | None, weights: Path | None, route_ids: list[str] | None
) -> "tuple[Network, Profile, Measures, list[RouteMetrics], list[Risk]]":
    """Load the network and the risk profile, measure it once, and measure and score the
    routes asked for; the measures come back for a what-if on the same network."""
    from routes import cache
    from routes.metrics import all_route_metrics
    from routes.risk import route_risk

    profile = cache.profile(weights, data or [])
    net, ms = load_measured(data)
    metrics = all_route_metrics(net, route_ids or [], ms)
    return net, profile, ms, metrics, [route_risk(net, m, profile) for m in metrics]


def scored(
    data: list[Path] | None, weights: Path | None, route_ids: list[str] | None
) -> "tuple[Network, Profile, list[RouteMetrics], list[Risk]]":
    """Load the network and the risk profile, measure the routes asked for and score them."""
    net, profile, _, metrics, risks = measured(data, weights, route_ids)
    return net, profile, metrics, risks


def _table_only(output: Path | None) -> None:
    """The table is for the terminal: --output needs a file format."""
    if output is not None:
        raise UsageError(
            f"--output {output}: the table is for the terminal; give --format json, "
            "csv or markdown (or none, to follow the file's suffix), or drop --output"
        )


def emit(text: str, output: Path | None) -> None:
    """Print, or write the file atomically."""
    if output is None:
        sys.stdout.write(text)
        return
    from routes.io import write_atomic

    write_atomic(output, text)
    typer.echo(f"Wrote {output}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"routes {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Compare Kazakhstan's crude export routes on capacity, cost and risk, from sourced data.

    Example: routes compare --format markdown
    """


@app.command()
def validate(data: DataOpt = None) -> None:
    """Check the packaged data, with your --data folder laid over it; list every problem.

    Example: routes validate --data my-routes/
    """
    from routes.validate import load_network

    with user_errors():
        net = load_network(data or [])  # checked every time, never from the cache
    typer.echo(
        f"OK: {len(net.nodes)} nodes, {len(net.segments)} segments, {len(net.routes)} routes, "
        f"{len(net.events)} events, {len(net.costs)} costs, {len(net.countries)} countries, "
        f"{len(net.sources)} sources (data version {net.data_version})"
    )
    if net.overrides:
        added = sum(o.replaced_file is None for o in net.overrides)
        replaced = len(net.overrides) - added
        typer.echo(
            f"Your folders ({', '.join(net.folders[1:])}) add {added} "
            f"entr{'y' if added == 1 else 'ies'} and replace {replaced}; `routes compare` "
            "and `routes show` say which, field by field"
        )


@app.command("list")
def list_routes(
    data: DataOpt = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.table,
) -> None:
    """List the routes with their origin, destination, length and modes.

    Example: routes list --format json
    """
    from routes import report
    from routes.metrics import all_route_metrics

    with user_errors():
        net, ms = load_measured(data)
        metrics = all_route_metrics(net, ms=ms)
    if fmt is ShowFormat.json:
        rows = [
            {
                "id": m.id,
                "name": m.name,
                "origin": m.origin,
                "destination": m.destination,
                "length_km": report.r1(m.length_km),
                "modes": list(m.length_km_by_mode),
                "segments": len(m.segments),
                "warnings": list(m.warnings),
            }
            for m in metrics
        ]
        emit(
            report.dumps(
                {"schema": "routes.list/1", "data_version": net.data_version, "routes": rows}
            ),
            None,
        )
        return
    table = [
        [
            m.id,
            m.name,
            f"{m.origin} → {m.destination}",
            report.fmt(m.length_km),
            ", ".join(m.length_km_by_mode),
        ]
        for m in metrics
    ]
    _print_table(
        ["id", "name", "from → to", "km", "modes"],
        table,
        title=f"Routes (data version {net.data_version})",
    )


@app.command()
def show(
    route: Annotated[str, typer.Argument(metavar="ROUTE", help="Route id, e.g. cpc.")],
    data: DataOpt = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.table,
) -> None:
    """Show one route: its segments and nodes, lengths by country, capacity today and if built,
    spare capacity, cost and time, with the notes that explain them.

    Example: routes show trans-caspian
    """
    from routes import report
    from routes.metrics import all_route_metrics
    from routes.quantity import parts_text, text

    with user_errors():
        net, ms = load_measured(data)
        (m,) = all_route_metrics(net, [route], ms)
    doc = report.route_to_dict(net, m)
    doc["overrides"] = report.route_overrides(net, m, m.sources)
    if fmt is ShowFormat.json:
        emit(
            report.dumps(
                {"schema": "routes.show/1", "data_version": net.data_version, "route": doc}
            ),
            None,
        )
        return
    figs = report.route_figures(net, m)
    lines = [
        f"{m.name} ({m.id}): {m.origin} → {m.destination}; status {m.status.replace('_', ' ')}",
        f"  length {report.fmt(m.length_km)} km; by country: "
        + parts_text(m.length_km_by_country, m.length_km),
        f"  capacity today {text(figs['capacity'])} kb/d "
        f"({text(m.available.mtpa, 1)} Mt/yr), set by {m.available.bottleneck or 'n/a'}; "
        f"spare {text(figs['spare_capacity'])} kb/d",
        f"  capacity if built or restarted {text(figs['capacity_if_built'])} kb/d, set by "
        f"{m.if_built.bottleneck or 'n/a'}",
        (
            "  cost not sourced"
            if m.cost_usd_per_bbl.value is None
            else f"  cost {text(m.cost_usd_per_bbl, 2)} USD/bbl"
        )
        + f"; transit {m.transit_days:.1f} days; "
        f"{m.transshipments} transshipment{'' if m.transshipments == 1 else 's'}; "
        f"chokepoints: {', '.join(m.chokepoints) or 'none'}",
    ]
    typer.echo("\n".join(lines))
    elements = [(s.id, s.mode, s.element, s) for s in (*m.segments, *m.parallel_segments)]
    _print_table(
        [
            "segment",
            "mode",
            "status",
            "crude",
            "km",
            "by country",
            "capacity kb/d",
            "if built kb/d",
            "spare kb/d",
        ],
        [
            [
                sid,
                mode,
                el.status,
                el.crude or "generic",
                report.fmt(sm.length_km),
                parts_text(sm.length_km_by_country, sm.length_km),
                _element_cell(el, "available"),
                _element_cell(el, "if_built"),
                _spare_cell(el),
            ]
            for sid, mode, el, sm in elements
        ],
    )
    limiting = [n for n in m.nodes if n.limit != "none"]
    if limiting:
        _print_table(
            ["node", "status", "crude", "capacity kb/d", "if built kb/d", "spare kb/d"],
            [
                [
                    n.id,
                    n.status,
                    n.crude or "generic",
                    _element_cell(n, "available"),
                    _element_cell(n, "if_built"),
                    _spare_cell(n),
                ]
                for n in limiting
            ],
        )
    _print_table(
        ["cost item", "USD/t", "USD/bbl", "as of", "note"],
        [
            [
                c.id,
                report.fmt(c.usd_per_t, 2, unknown="not sourced"),
                report.fmt(c.usd_per_bbl, 2, unknown="not sourced"),
                str(c.as_of or ""),
                c.note or "",
            ]
            for c in m.costs
        ],
    )
    _print_table(
        ["transit", "days", "basis"],
        [[t.what, f"{t.days:.1f}", t.basis] for t in m.transit_breakdown],
    )
    _print_notes([*report.route_notes(m), *report.override_notes(doc["overrides"])])


def _element_cell(el: "Element", view: "View") -> str:
    if el.limit == "none":
        return "no limit"
    if not el.usable(view):
        return "0"  # nothing passes what is not operating (or, if built, what is cancelled)
    if el.limit == "unknown":
        return "not sourced"
    return report_fmt(el.capacity_kbd(view))


def _spare_cell(el: "Element") -> str:
    if el.limit == "none":
        return "no limit"
    return report_fmt(el.spare_kbd("available"), unknown="unknown")


def report_fmt(x: float | None, *, unknown: str = "n/a") -> str:
    from routes.report import fmt

    return fmt(x, unknown=unknown)


def _print_notes(notes: list[str]) -> None:
    from routes.report import LEGEND

    if notes:
        typer.echo("Notes:\n" + "".join(f"  - {n}\n" for n in notes), nl=False)
    typer.echo(f"({LEGEND}.)")


@app.command()
def sources(
    route: Annotated[
        str | None, typer.Argument(metavar="[ROUTE]", help="Route id; all sources when omitted.")
    ] = None,
    data: DataOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """List the citations behind a route's numbers (or every source), numbered for footnotes:
    geometry, capacities, throughput, crude factors, costs, transit assumptions and every input
    of the risk score (events, WGI, sanctions).

    Example: routes sources cpc --format markdown
    """
    from routes import report

    with user_errors():
        if route is None:
            net = load(data)
            ids = list(net.sources)
        else:
            net, _, (m,), (risk,) = scored(data, None, [route])
            ids = report.cited(m, risk)
    rows = report.sources_list(net, ids)
    if fmt is Format.json:
        emit(
            report.dumps(
                {
                    "schema": "routes.sources/1",
                    "data_version": net.data_version,
                    "route": route,
                    "sources": rows,
                }
            ),
            None,
        )
    elif fmt is Format.csv:
        emit(report.to_csv(rows), None)
    elif fmt is Format.markdown:
        emit("".join(f"{r['n']}. {report.source_line(r, markdown=True)}\n" for r in rows), None)
    else:
        _print_table(
            ["#", "id", "source"], [[str(r["n"]), r["id"], report.source_line(r)] for r in rows]
        )


@app.command()
def compare(
    route_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="ROUTE...", help="Route ids to compare; all routes when omitted."),
    ] = None,
    data: DataOpt = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="FIELD",
            help="Order routes by a field (prefix '-' for descending), e.g. -capacity_kbd.",
        ),
    ] = None,
    weights: WeightsOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Compare routes side by side: distance, capacity, spare capacity, cost, time, chokepoints
    and the risk score with each factor's value, weight and contribution.

    Example: routes compare cpc trans-caspian --format markdown --output comparison.md
    """
    from routes import report

    with user_errors():
        fmt = output_format(fmt, output)
        guard_outputs(data, [("--output", output)], (weights,))
        if sort is not None and sort.lstrip("-") not in report.SORT_FIELDS:
            from routes.errors import closest

            raise UsageError(
                f"--sort {sort}: unknown field"
                f"{closest(sort.lstrip('-'), report.SORT_FIELDS)}; choose from "
                f"{', '.join(report.SORT_FIELDS)} (prefix '-' for descending)"
            )

        from routes import cache

        def work() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
            net, profile, metrics, risks = scored(data, weights, route_ids)
            return report.compare_document(net, metrics, risks, profile), report.source_rows(net)

        # Plain data, kept between runs: a run that finds it imports no measuring library.
        doc, sources = cache.derived("compare", data or [], weights, route_ids or [], work)
        doc["routes"] = report.sort_routes(doc["routes"], sort)
        if fmt is Format.json:
            emit(report.dumps(doc), output)
        elif fmt is Format.csv:
            emit(report.to_csv(report.route_rows(doc["routes"])), output)
        elif fmt is Format.markdown:
            emit(report.compare_markdown(doc, sources), output)
        else:  # the table: output_format refused it with --output
            routes = doc["routes"]
            profile = doc["weights_profile"]
            _print_table(
                ["", *(r["id"] for r in routes)],
                [[label, *(c.text for c in cells)] for label, cells in report.compare_rows(routes)],
                title=f"Route comparison (data {doc['data_version']}, risk profile "
                f"{profile['name']} v{profile['version']})",
            )
            typer.echo("Risk ranking: " + report.ranking_text(doc))
            _print_notes(report.compare_notes(doc))


ScenarioArg = Annotated[
    str | None,
    typer.Argument(
        metavar="NAME|FILE", help="A preset id (see --list) or a YAML/TOML scenario file."
    ),
]
SupplyOpt = Annotated[
    float | None,
    typer.Option(
        "--supply-kbd",
        metavar="KBD",
        help="Export supply in kb/d, every origin scaled to add up to "
        "it (default: "
        "the latest sourced volumes in supply.yaml).",
    ),
]


def _presets_text(net: "Network") -> str:
    return ", ".join(net.scenarios) or "(none in the data)"


@app.command()
def scenario(
    name: ScenarioArg = None,
    list_presets: Annotated[
        bool, typer.Option("--list", help="List the presets and the events they replay.")
    ] = False,
    supply_kbd: SupplyOpt = None,
    days: Annotated[
        float | None,
        typer.Option(
            "--days",
            metavar="DAYS",
            help="Days to run instead of the scenario's own (outages past them are cut off).",
        ),
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """What-if: apply a scenario's outages, reroute what the remaining network can take within
    its capacities, and report delivered oil, shortfall, rerouting, extra cost and revenue lost
    per band of days.

    Example: routes scenario cpc-mooring-nov-2025 --format markdown --output nov-2025.md
    """
    from routes import scenario_report as sr
    from routes.report import dumps, to_csv

    with user_errors():
        fmt = output_format(fmt, output)
        guard_outputs(data, [("--output", output)], (Path(name) if name else None,))
        net, ms = load_measured(data)
        if list_presets:
            if name is not None:
                raise UsageError(f"--list lists the presets; drop {shown(name)} or drop --list")
            doc = sr.presets_document(net)
            if fmt is Format.json:
                emit(dumps(doc), output)
            elif fmt is Format.csv:
                emit(to_csv(doc["scenarios"]), output)
            elif fmt is Format.markdown:
                emit(sr.presets_markdown(doc, net), output)
            else:  # the table: output_format refused it with --output
                _print_table(
                    ["id", "scenario", "days", "events"],
                    [
                        [r["id"], r["name"], f"{r['days']:g}", ", ".join(r["events"])]
                        for r in doc["scenarios"]
                    ],
                    title=f"Scenario presets (data {net.data_version})",
                )
            return
        if name is None:
            raise UsageError(
                "give a scenario: a preset id or a YAML/TOML file (presets: "
                f"{_presets_text(net)}), or --list"
            )
        from routes.flows import run_scenario
        from routes.validate import load_scenario

        result = run_scenario(
            net, load_scenario(net, name), ms=ms, supply_kbd=supply_kbd, days=days
        )
        doc = sr.scenario_document(net, result)
        if fmt is Format.json:
            emit(dumps(doc), output)
        elif fmt is Format.csv:
            emit(sr.scenario_csv(doc), output)
        elif fmt is Format.markdown:
            emit(sr.scenario_markdown(doc, net), output)
        else:  # the table: output_format refused it with --output
            sc = doc["scenario"]
            typer.echo(
                f"{sc['name']} ({sc['id']}), {doc['days']:g} days"
                + (f": {sc['description']}" if sc["description"] else "")
            )
            header, rows = sr.band_table(doc, binding=False)
            _print_table(header, rows, title="Flows by band of days (kb/d)")
            typer.echo(
                "".join(f"{line}\n" for line in [*sr.binding_lines(doc), *sr.totals_lines(doc)]),
                nl=False,
            )
            _print_notes(
                [
                    doc["method"],
                    *sr.document_notes(doc),
                    *(
                        f"assumption {a['id']}: {a['value']:g} {a['unit']}"
                        for a in doc["assumptions"]
                    ),
                ]
            )


@app.command()
def critical(
    supply_kbd: SupplyOpt = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", metavar="N", help="Show only the first N assets (table and Markdown)."
        ),
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """N-1: remove every segment, node, mooring and chokepoint in turn and rank them by the
    export each one's loss leaves undelivered, with the share of the supply each carries.

    Example: routes critical --top 10 --format markdown
    """
    from routes import scenario_report as sr
    from routes.flows import critical as sweep
    from routes.report import dumps

    with user_errors():
        if top is not None and top < 1:
            raise UsageError(f"--top {top}: give a whole number of 1 or more")
        fmt = output_format(fmt, output)
        guard_outputs(data, [("--output", output)])
        net, ms = load_measured(data)
        doc = sr.critical_document(net, sweep(net, ms=ms, supply_kbd=supply_kbd))
        if fmt is Format.json:
            emit(dumps(doc), output)
        elif fmt is Format.csv:
            emit(sr.critical_csv(doc), output)
        elif fmt is Format.markdown:
            emit(sr.critical_markdown(doc, net, top=top), output)
        else:  # the table: output_format refused it with --output
            header, rows = sr.critical_table(doc, top=top)
            _print_table(
                header,
                rows,
                title=f"N-1: each asset removed alone (supply {doc['supply_kbd']:,.0f} kb/d)",
            )
            _print_notes([doc["method"], *sr.document_notes(doc)])


DEFAULT_MAP: Path = Path("maps") / "routes.html"
DEFAULT_TITLE: str = "Kazakhstan crude export routes"


class FigureSize(StrEnum):
    a4 = "a4"
    column = "column"
    slide = "slide"


def check_title(title: str | None) -> None:
    """An empty --title is a mistake, not a request for the default."""
    if title is not None and not title.strip():
        raise UsageError(
            f"--title {title!r}: empty; give the title's text, or leave --title out for the default"
        )


def _figure_format(path: Path) -> str:
    """The format a --figure path's suffix names."""
    from routes.figures import FIGURE_FORMATS

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FIGURE_FORMATS:
        shown = path.suffix or "no suffix"
        *first, last = ("." + f for f in FIGURE_FORMATS)
        raise UsageError(
            f"--figure {path}: {shown} names no figure format; end the name in "
            f"{', '.join(first)} or {last}"
        )
    return fmt


@app.command("map")
def map_command(
    route_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="ROUTE...", help="Route ids to draw; all routes when omitted."),
    ] = None,
    data: DataOpt = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="HTML file to write (atomically).",
            dir_okay=False,
        ),
    ] = DEFAULT_MAP,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline/--online",
            help="Offline (default): one self-contained file, Leaflet inlined, "
            "the packaged country polygons as basemap, no request leaves the page. Online: Leaflet "
            "from a CDN and OpenStreetMap tiles (a message says so when they cannot load).",
        ),
    ] = True,
    figure: Annotated[
        list[Path] | None,
        typer.Option(
            "--figure",
            metavar="FILE",
            help="Also write a static map for print or slides; the "
            "suffix picks the "
            "format (.png, .svg, .pdf). Repeat it for several formats.",
            dir_okay=False,
        ),
    ] = None,
    png: Annotated[
        Path | None,
        typer.Option(
            "--png",
            metavar="FILE",
            help="Also write the static map as PNG (same as --figure FILE.png).",
            dir_okay=False,
        ),
    ] = None,
    size: Annotated[
        FigureSize | None,
        typer.Option(
            "--size",
            help="Size of the static map: a4 (A4 landscape, the default), column (a "
            "memo's text column, 16 cm wide) or slide (16:9).",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help=f"Title of the map and the figure (default: "
            f"{DEFAULT_TITLE!r}, plus the "
            "scenario's name).",
        ),
    ] = None,
    weights: WeightsOpt = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            metavar="NAME|FILE",
            help="Draw a scenario over the routes: the flows of "
            "its worst band of days, what its outages cut, and its totals.",
        ),
    ] = None,
) -> None:
    """Draw the routes on an interactive HTML map: one layer per route in its own colour,
    styled by mode and status, width by capacity, risk scores by every name, labels, popups with
    sources, places and incidents, a key and a comparison table; --figure for print.

    Example: routes map cpc trans-caspian --output maps/cpc-vs-trans-caspian.html --figure map.pdf
    """
    with user_errors():
        from routes.io import write_atomic_all

        check_title(title)
        figures = ([("--png", png, "png")] if png is not None else []) + [
            ("--figure", f, _figure_format(f)) for f in figure or []
        ]
        if size is not None and not figures:
            raise UsageError(
                f"--size {size.value} sizes the static map; add --figure FILE (.png, .svg or .pdf)"
            )
        paths: list[tuple[str, Path | None]] = [
            ("--output", output),
            *((opt, path) for opt, path, _ in figures),
        ]
        created = [DEFAULT_MAP.parent] if output == DEFAULT_MAP else []
        guard_outputs(data, paths, (weights, Path(scenario) if scenario else None), created=created)
        if output.suffix.lower() not in (".html", ".htm"):
            from routes.figures import FIGURE_FORMATS

            hint = (
                f"; for a static figure give --figure {output}"
                if output.suffix.lower().lstrip(".") in FIGURE_FORMATS
                else ""
            )
            raise UsageError(
                f"--output {output}: the map is an HTML page; end the name in .html{hint}"
            )

        from routes.maps import MapOptions, build_date, map_model, page_from_model

        net, _, ms, metrics, risks = measured(data, weights, route_ids)
        overlay = None
        heading = title if title is not None else DEFAULT_TITLE
        if scenario is not None:
            from routes.flows import run_scenario
            from routes.scenario_report import scenario_document
            from routes.validate import load_scenario

            overlay = scenario_document(
                net, run_scenario(net, load_scenario(net, scenario, option="--scenario"), ms=ms)
            )
            if title is None:
                heading = f"{heading}: {overlay['scenario']['name']}"
        date = build_date()
        options = MapOptions(offline=offline, date=date, title=heading, scenario=overlay)
        model = map_model(net, metrics, risks, options)  # one model for the page and figures
        outputs: list[tuple[str, Path, str | bytes]] = [
            ("--output", output, page_from_model(model, options))
        ]
        if figures:
            from routes.figures import figures_from_model

            drawn = figures_from_model(
                model,
                size=(size or FigureSize.a4).value,
                fmts=[cast("FigureFormat", fmt) for _, _, fmt in figures],
            )
            outputs += [(opt, path, drawn[cast("FigureFormat", fmt)]) for opt, path, fmt in figures]
        for folder in created:
            folder.mkdir(exist_ok=True)
        write_atomic_all(outputs)
    for _, path, _ in outputs:
        typer.echo(f"Wrote {path}", err=True)


DEFAULT_MEMO: Path = Path("memo")


@app.command()
def memo(
    route_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ROUTE...",
            help="Route ids to compare; all routes when omitted. The first two "
            "are set against each other in the findings.",
        ),
    ] = None,
    scenarios: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            metavar="NAME|FILE",
            help="A preset or a YAML/TOML scenario file; repeat "
            "for several (default: cpc-closed-30d and cpc-mooring-nov-2025).",
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Folder to write the bundle into (it must not exist or be empty, unless --force).",
        ),
    ] = DEFAULT_MEMO,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="LIST",
            help="Comma-separated documents to write: md, html, docx (figures "
            "and results.json are always written).",
        ),
    ] = "md,html,docx",
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The memo's title.")
    ] = None,
    data: DataOpt = None,
    weights: WeightsOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a non-empty output folder.")
    ] = False,
) -> None:
    """Write a memo-ready bundle: key findings generated from the numbers, the comparison and
    risk tables, each scenario's results, charts and a static map, the assumptions, the data's
    known gaps and numbered sources, as Markdown, HTML and DOCX, with results.json.

    Example: routes memo cpc trans-caspian --scenario cpc-closed-30d --output memo/
    """
    with user_errors():
        from routes import memo as memo_mod
        from routes.io import check_folder, outside_data_folders, write_folder

        check_title(title)
        kinds = memo_mod.parse_formats(formats)
        from routes.io import input_files

        inputs = [
            *input_files(data or []),
            *([weights] if weights else []),
            *(Path(s) for s in scenarios or []),
        ]
        check_folder(output, replace=force, inputs=inputs)  # before the work, not after it
        outside_data_folders("--output", output, data or [])
        from routes.figures import figures_from_model
        from routes.flows import run_scenario
        from routes.maps import MapOptions, build_date, map_model
        from routes.report import compare_document
        from routes.scenario_report import scenario_document
        from routes.validate import load_scenario

        net, profile, ms, metrics, risks = measured(data, weights, route_ids)
        specs = scenarios or [s for s in memo_mod.DEFAULT_SCENARIOS if s in net.scenarios]
        docs = [
            scenario_document(
                net, run_scenario(net, load_scenario(net, spec, option="--scenario"), ms=ms)
            )
            for spec in specs
        ]
        compare = compare_document(net, metrics, risks, profile)
        date = build_date()
        text_title = title or memo_mod.DEFAULT_TITLE
        command = " ".join(
            [
                "routes memo",
                *(route_ids or []),
                *(f"--scenario {s}" for s in specs),
                f"--format {','.join(kinds)}",
                *([f"--title {title!r}"] if title else []),
                *(f"--data {d}" for d in data or []),
                *([f"--weights {weights}"] if weights else []),
            ]
        )
        files = memo_mod.memo_bundle(
            net,
            compare,
            docs,
            title=text_title,
            date=date,
            command=command,
            formats=kinds,
            map_figure=figures_from_model(
                map_model(net, metrics, risks, MapOptions(title=text_title, date=date)),
                size="column",
                fmts=("png", "svg"),
            ),
        )
        write_folder(output, files, replace=force)
    typer.echo(f"Wrote {output}/ ({', '.join(sorted(files))})", err=True)


class ExportFormat(StrEnum):
    geojson = "geojson"
    gpkg = "gpkg"
    csv = "csv"


EXPORT_SUFFIXES: dict[str, ExportFormat] = {
    ".geojson": ExportFormat.geojson,
    ".json": ExportFormat.geojson,
    ".gpkg": ExportFormat.gpkg,
    ".csv": ExportFormat.csv,
}


def export_format(fmt: ExportFormat | None, output: Path) -> Literal["geojson", "gpkg", "csv"]:
    """--format, else the one the suffix names; a suffix naming another format is refused."""
    named = EXPORT_SUFFIXES.get(output.suffix.lower())
    if fmt is None and named is None:
        raise UsageError(
            f"--output {output}: the suffix {output.suffix or '(none)'} names no "
            "export format; give --format geojson, gpkg or csv, or name the file "
            ".geojson, .gpkg or .csv"
        )
    if fmt is not None and named is not None and named is not fmt:
        raise UsageError(
            f"--output {output}: a {output.suffix} file with --format {fmt.value}; "
            f"drop --format, or name the file for {fmt.value}"
        )
    chosen = fmt or named
    assert chosen is not None
    return chosen.value


@app.command()
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", help="File to write (atomically).", dir_okay=False
        ),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="geojson, gpkg or csv; by default the one the --output file's "
            "suffix names (.geojson or .json, .gpkg, .csv).",
        ),
    ] = None,
    data: DataOpt = None,
    weights: WeightsOpt = None,
) -> None:
    """Export the network with every computed attribute (nodes, segments, routes) for GIS:
    GeoJSON, GeoPackage (three layers) or CSV with WKT geometry.

    Example: routes export --format gpkg --output routes.gpkg
    """
    with user_errors():
        from routes.export import export_network

        kind = export_format(fmt, output)
        guard_outputs(data, [("--output", output)], (weights,))
        net, _, ms, metrics, risks = measured(data, weights, None)
        export_network(net, metrics, risks, output, kind, ms=ms)
    typer.echo(f"Wrote {output}", err=True)


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="The folder to create (it must not exist, or be empty)."
        ),
    ],
) -> None:
    """Start a folder of your own data: a commented source, node, segment, route, cost and event
    that validate as they are when laid over the packaged data (see docs/data.md).

    Example: routes init my-routes/ && routes validate --data my-routes/
    """
    from routes.io import write_folder
    from routes.template import template_files

    with user_errors():
        write_folder(folder, template_files(folder.name), option="routes init", force_hint=False)
    typer.echo(
        f"Wrote {folder}/: edit the files, then run routes validate --data {folder}", err=True
    )


@app.command("data-path")
def data_path() -> None:
    """Print where the packaged data, the documentation (docs/data.md, docs/risk.md) and the
    cache of checked and measured networks live.

    Example: routes data-path
    """
    from routes.cache import describe
    from routes.io import packaged_data_dir, packaged_docs_dir

    with user_errors():
        typer.echo(f"data: {packaged_data_dir()}\ndocs: {packaged_docs_dir()}\ncache: {describe()}")


def _print_table(header: list[str], rows: list[list[str]], *, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for h in header:
        table.add_column(h, overflow="fold")
    for row in rows:
        table.add_row(*row)
    # Cells are the data's own text: no rich markup ("[planned]" would vanish as a style tag)
    # and no emoji codes (which also spares loading rich's emoji table).
    console = Console(soft_wrap=False, markup=False, emoji=False)
    if not console.is_terminal:
        # Piped or captured: the COLUMNS the shell gives, else wide enough for a whole row.
        import os

        columns = os.environ.get("COLUMNS", "")
        console = Console(
            soft_wrap=False,
            width=int(columns) if columns.isdigit() else 160,
            markup=False,
            emoji=False,
        )
    console.print(table)


#: The cyclic garbage collector's thresholds for a run of the command line: a run builds a
#: network's and a report's objects and exits, and with Python's defaults (700, 10, 10) it
#: spends ~9% of a 1,000-route comparison re-scanning them (mypy's command line raises them too).
GC_THRESHOLDS: Final[tuple[int, int, int]] = (50_000, 20, 100)


def run() -> None:
    """The `routes` command (and `python -m routes`). The library leaves the collector alone."""
    import gc

    gc.set_threshold(*GC_THRESHOLDS)
    app(prog_name="routes")


if __name__ == "__main__":  # pragma: no cover
    run()
