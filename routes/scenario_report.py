"""What-ifs as documents: a scenario run and the N-1 sweep as JSON, CSV, Markdown and table
rows, every figure with its provenance and a numbered list of the sources behind them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

from routes.flows import (
    BASELINE,
    PRICE_ASSUMPTIONS,
    TPD_PER_MTPA,
    Band,
    CriticalResult,
    ExtraCost,
    FlowModel,
    ScenarioResult,
)
from routes.network import Network, Scenario
from routes.report import (
    Footnotes,
    fmt,
    markdown_table,
    md,
    override_notes,
    provenance,
    r1,
    r2,
    source_rows,
    sources_list,
    to_csv,
)

JsonDict = dict[str, Any]

SCENARIO_SCHEMA: Final[str] = "routes.scenario/1"
CRITICAL_SCHEMA: Final[str] = "routes.critical/1"
PRESETS_SCHEMA: Final[str] = "routes.scenarios/1"
#: How a band's kb/d are converted and what the flow keeps for others, said once per document.
METHOD: Final[str] = (
    "Flows are solved in tonnes a day (a min-cost maximum flow per band of days); totals and "
    "route flows are shown in kb/d with each origin's bbl/t, segment flows with the bbl/t of "
    "the crude the segment carries (as its capacity is). Every segment and node keeps the flow "
    "its records show for other shippers (and Kazakh oil outside the supply); when an outage "
    "leaves less than that flow, every shipper keeps the same share of theirs. Rerouting is "
    "instant and storage is not drawn down. 'Binding' names what is full on the narrowest cut "
    "between the supply and the markets: more room there is what would deliver more."
)


def document_notes(doc: JsonDict) -> list[str]:
    """A scenario's or the N-1 sweep's notes, then what your folders added or replaced: the
    terminal and the Markdown list them alike."""
    return [*doc["notes"], *override_notes(doc["overrides"])]


def name_of(net: Network, ident: str) -> str:
    """The name of a segment, node, loading unit or route."""
    if ident in net.segments:
        return net.segments[ident].name
    if ident in net.nodes:
        return net.nodes[ident].name
    if ident in net.routes:
        return net.routes[ident].name
    for node in net.nodes.values():
        for u in node.units:
            if u.id == ident:
                return f"{node.name}: {u.name}"
    return ident


def _kbd(tpd: float, bbl_per_t: float) -> float:
    return tpd * bbl_per_t / 1e3


def supply_rows(model: FlowModel) -> list[JsonDict]:
    """Each origin: where it enters, its usual route, its crude factor and its figure."""
    rows = []
    for o in model.origins:
        item = o.item
        rows.append(
            {
                "id": item.id,
                "name": item.name,
                "node": item.node,
                "route": item.route,
                "crude": item.crude,
                "bbl_per_t": o.bbl_per_t,
                "supply_kbd": r1(_kbd(o.tpd, o.bbl_per_t)),
                "supply_mtpa": r2(o.tpd / TPD_PER_MTPA),
                "figure": {
                    "value": item.figure.value,
                    "unit": item.figure.unit,
                    "as_of": item.figure.as_of,
                    "sources": list(item.figure.sources),
                    "assumption": item.figure.assumption,
                    "note": item.figure.note,
                },
            }
        )
    return rows


def assumptions_used(
    net: Network, model: FlowModel, scenario: Scenario, *, priced: bool = True
) -> list[JsonDict]:
    """The labelled assumptions a run rests on: stand-in capacities, the price (when the run
    prices its loss and the scenario gives no price of its own) and the generic crude factor
    where an origin names no crude."""
    ids = list(model.assumptions)
    if priced and scenario.price is None:
        ids += [a for a in PRICE_ASSUMPTIONS if a in net.assumptions]
    if any(o.item.crude is None for o in model.origins):
        ids.append("bbl-per-t")
    out = []
    for aid in dict.fromkeys(ids):
        a = net.assumptions.get(aid)
        if a is None:
            continue
        out.append(
            {
                "id": a.id,
                "value": a.figure.value,
                "unit": a.figure.unit,
                "as_of": a.figure.as_of,
                "sources": list(a.figure.sources),
                "applies_to": list(a.applies_to),
                "reasoning": a.reasoning,
            }
        )
    for o in model.origins:
        crude = net.crudes.get(o.item.crude or "")
        if crude is not None and crude.bbl_per_t.assumption:
            out.append(
                {
                    "id": f"crude.{crude.id}",
                    "value": crude.bbl_per_t.value,
                    "unit": "bbl/t",
                    "as_of": crude.bbl_per_t.as_of,
                    "sources": list(crude.bbl_per_t.sources),
                    "applies_to": [o.item.id],
                    "reasoning": crude.bbl_per_t.note or "",
                }
            )
    return out


def _capacity_figures(net: Network, model: FlowModel, ids: Iterable[str]) -> dict[str, JsonDict]:
    """The sourced capacity and recorded flow behind each binding segment or node."""
    out: dict[str, JsonDict] = {}
    for ident in dict.fromkeys(ids):
        if ident in net.assumptions:  # a stand-in several legs share
            a = net.assumptions[ident]
            out[ident] = {
                "capacity": None,
                "available_mtpa": None,
                "if_built_mtpa": None,
                "stand_in": ident,
                "recorded_flow_mtpa": None,
                "recorded_flow_complete": False,
                "recorded_flow_sources": list(a.figure.sources),
            }
            continue
        el = model.resolved.segments.get(ident) or model.resolved.nodes[ident]
        cap = el.capacity
        stand_in = [a for a in model.assumptions if ident in net.assumptions[a].applies_to]
        out[ident] = {
            "capacity": cap.to_dict() if cap is not None else None,
            "available_mtpa": r2(el.capacity_mtpa("available")),
            "if_built_mtpa": r2(el.capacity_mtpa("if_built")),
            "stand_in": stand_in[0] if stand_in else None,
            "recorded_flow_mtpa": r2(el.recorded_mtpa),
            "recorded_flow_complete": el.recorded_complete,
            "recorded_flow_sources": sorted({s for q in el.throughput for s in q.sources}),
        }
    return out


def band_to_dict(result: ScenarioResult, band: Band, extra: ExtraCost) -> JsonDict:
    routes = result.routes
    price = result.price_usd_per_bbl.value or 0.0
    return {
        "start_day": band.start_day,
        "end_day": band.end_day,
        "outages": list(band.outages),
        "delivered_kbd": r1(band.delivered_kbd),
        "shortfall_kbd": r1(band.shortfall_kbd),
        "delivered_tpd": band.delivered_tpd,
        "shortfall_tpd": band.shortfall_tpd,
        "flow_kbd_by_route": {r: r1(v) for r, v in band.route_kbd(routes).items()},
        "flow_kbd_by_segment": {s: r1(v) for s, v in sorted(band.leg_kbd().items())},
        "binding": list(band.binding),
        "binding_open_mtpa": {k: r2(v / TPD_PER_MTPA) for k, v in band.binding_open_tpd.items()},
        "extra_cost_usd": None if extra.uncosted_tpd else round(extra.usd * band.days),
        "uncosted_kt_by_route": {r: r1(t * band.days / 1e3) for r, t in extra.uncosted_tpd.items()},
        "revenue_lost_usd": round(band.shortfall_kbd * 1e3 * band.days * price),
        "notes": list(band.notes),
    }


def scenario_sources(
    net: Network,
    result: ScenarioResult,
    assumptions: Sequence[JsonDict],
    capacities: dict[str, JsonDict],
) -> list[str]:
    sc = result.scenario
    ids: list[str] = []
    for o in result.model.origins:
        ids += o.item.figure.sources
        if o.item.crude:
            ids += net.crudes[o.item.crude].bbl_per_t.sources
    ids += result.price_usd_per_bbl.sources
    for a in assumptions:
        ids += a["sources"]
    for eid in sc.events:
        ids += net.events[eid].sources
    if sc.compare is not None:
        ids += sc.compare.lost.sources
    for c in capacities.values():
        if c["capacity"]:
            ids += c["capacity"]["sources"]
        ids += c["recorded_flow_sources"]
    return [s for s in dict.fromkeys(ids) if s in net.sources]


def scenario_document(net: Network, result: ScenarioResult) -> JsonDict:
    """The `routes.scenario/1` document: totals, provenance and every band."""
    sc, model = result.scenario, result.model
    price = result.price_usd_per_bbl
    extra = result.extra_cost_usd
    revenue = result.revenue_lost_usd
    assumptions = assumptions_used(net, model, sc)
    binding = [b for band in result.bands for b in band.binding]
    capacities = _capacity_figures(net, model, binding)
    comparison = None
    if sc.compare is not None:
        reached = sc.compare.day <= result.days
        comparison = {
            "day": sc.compare.day,
            "reported_kt": sc.compare.lost.value,
            "modelled_kt": r1(result.shortfall_kt_by_day(sc.compare.day)) if reached else None,
            "sources": list(sc.compare.lost.sources),
            "note": sc.compare.lost.note,
        }
    notes = [*result.notes, *model.notes, *dict.fromkeys(n for b in result.bands for n in b.notes)]
    return {
        "schema": SCENARIO_SCHEMA,
        "data_version": net.data_version,
        "scenario": {
            "id": sc.id,
            "name": sc.name,
            "description": sc.description,
            "days": sc.days,
            "events": list(sc.events),
            "outages": [
                {
                    "target": o.target,
                    "name": name_of(net, o.target),
                    "share_lost": o.share_lost,
                    "start_day": o.start_day,
                    "duration_days": o.duration_days,
                }
                for o in sc.outages
            ],
            "switch_on": list(sc.switch_on),
            "closed": list(sc.closed),
            "markets": list(sc.markets),
        },
        "supply_kbd": r1(model.supply_kbd),
        "supply_mtpa": r2(model.supply_tpd / TPD_PER_MTPA),
        "supply": supply_rows(model),
        "days": result.days,
        "delivered_kt": r1(result.delivered_kt),
        "shortfall_kt": r1(result.shortfall_kt),
        "shortfall_mbbl": r2(result.shortfall_mbbl),
        "rerouted_kt_by_route": {r: r1(v) for r, v in result.rerouted_kt_by_route.items()},
        "extra_cost_usd": None if extra.value is None else round(extra.value),
        "extra_cost_priced_usd": round(result.extra_cost_priced_usd),
        "uncosted_kt_by_route": {r: r1(v) for r, v in result.uncosted_kt_by_route.items()},
        "revenue_lost_usd": None if revenue.value is None else round(revenue.value),
        "price_usd_per_bbl": price.value,
        "figures": {
            "price_usd_per_bbl": price.to_dict(),
            "extra_cost_usd": extra.to_dict(0),
            "revenue_lost_usd": revenue.to_dict(0),
        },
        "comparison": comparison,
        "assumptions": assumptions,
        "binding_capacities": capacities,
        "baseline": {
            "delivered_kbd": r1(result.baseline.delivered_kbd),
            "shortfall_kbd": r1(result.baseline.shortfall_kbd),
            "flow_kbd_by_route": {
                r: r1(v) for r, v in result.baseline.route_kbd(result.routes).items()
            },
            "flow_kbd_by_segment": {s: r1(v) for s, v in sorted(result.baseline.leg_kbd().items())},
            "binding": list(result.baseline.binding),
        },
        "bands": [
            band_to_dict(result, b, e) for b, e in zip(result.bands, result.extras, strict=True)
        ],
        "method": METHOD,
        "notes": notes,
        **provenance(net),
        "sources": sources_list(net, scenario_sources(net, result, assumptions, capacities)),
    }


def scenario_csv(doc: JsonDict) -> str:
    """One row per band, with the scenario's id and the band's flows by route."""
    rows = []
    for b in doc["bands"]:
        rows.append(
            {
                "scenario": doc["scenario"]["id"],
                "start_day": b["start_day"],
                "end_day": b["end_day"],
                "outages": b["outages"],
                "delivered_kbd": b["delivered_kbd"],
                "shortfall_kbd": b["shortfall_kbd"],
                "flow_kbd_by_route": b["flow_kbd_by_route"],
                "binding": b["binding"],
            }
        )
    return to_csv(rows)


def _days(b: JsonDict) -> str:
    return f"{b['start_day']:g}–{b['end_day']:g}"


def band_table(doc: JsonDict, *, binding: bool = True) -> tuple[list[str], list[list[str]]]:
    """The baseline and each band: outages, delivered, shortfall and flow by route (kb/d), and
    what binds unless `binding` is False (the terminal prints it below)."""
    routes = list(
        dict.fromkeys(r for b in (doc["baseline"], *doc["bands"]) for r in b["flow_kbd_by_route"])
    )
    header = [
        "days",
        "out",
        "delivered kb/d",
        "shortfall kb/d",
        *routes,
        *(["binding"] if binding else []),
    ]
    rows = [
        [
            "baseline",
            "",
            fmt(doc["baseline"]["delivered_kbd"]),
            fmt(doc["baseline"]["shortfall_kbd"]),
            *(fmt(doc["baseline"]["flow_kbd_by_route"].get(r, 0.0)) for r in routes),
            *([", ".join(doc["baseline"]["binding"])] if binding else []),
        ]
    ]
    for b in doc["bands"]:
        rows.append(
            [
                _days(b),
                ", ".join(b["outages"]) or "none",
                fmt(b["delivered_kbd"]),
                fmt(b["shortfall_kbd"]),
                *(fmt(b["flow_kbd_by_route"].get(r, 0.0)) for r in routes),
                *([", ".join(b["binding"])] if binding else []),
            ]
        )
    return header, rows


def binding_lines(doc: JsonDict) -> list[str]:
    """What stops more oil leaving, band by band."""
    return [
        f"Binding in days {_days(b)}: {', '.join(b['binding'])}."
        for b in doc["bands"]
        if b["binding"]
    ]


def totals_lines(doc: JsonDict) -> list[str]:
    """The totals a memo quotes, as sentences."""
    figs = doc["figures"]
    extra = figs["extra_cost_usd"]
    rerouted = {r: v for r, v in doc["rerouted_kt_by_route"].items() if v}
    lines = [
        f"Supply {fmt(doc['supply_kbd'])} kb/d ({doc['supply_mtpa']:,.1f} Mt/yr) over "
        f"{doc['days']:g} days.",
        f"Delivered {fmt(doc['delivered_kt'])} kt; shortfall {fmt(doc['shortfall_kt'])} kt "
        f"({doc['shortfall_mbbl']:,.2f} million bbl).",
        "Rerouted: "
        + (", ".join(f"{fmt(v)} kt on {r}" for r, v in rerouted.items()) or "nothing")
        + ".",
        "Extra transport cost: "
        + (
            f"{fmt(extra['value'])} USD"
            if extra["value"] is not None
            else f"unknown ({extra['note']})"
        )
        + ".",
        f"Revenue lost: {fmt(doc['revenue_lost_usd'] / 1e6 if doc['revenue_lost_usd'] else 0)}"
        f" million USD at {figs['price_usd_per_bbl']['value']:g} USD/bbl"
        + (
            " (an assumption: " + figs["price_usd_per_bbl"]["note"] + ")"
            if figs["price_usd_per_bbl"]["assumption"]
            else ""
        )
        + ".",
    ]
    c = doc["comparison"]
    if c is not None and c["modelled_kt"] is None:
        lines.append(
            f"Reported: {fmt(c['reported_kt'])} kt lost by day {c['day']:g}; this run "
            f"stops at day {doc['days']:g} (give --days {c['day']:g} or more to "
            "compare)."
        )
    elif c is not None:
        lines.append(
            f"Reported: {fmt(c['reported_kt'])} kt lost by day {c['day']:g}; this "
            f"model: {fmt(c['modelled_kt'])} kt by the same day."
        )
    return lines


def scenario_markdown(doc: JsonDict, net: Network) -> str:
    """A memo-ready Markdown account of a scenario, with numbered footnotes."""
    notes = Footnotes()
    sc = doc["scenario"]
    out = [f"## {md(sc['name'])} ({md(sc['id'])})\n\n"]
    if sc["description"]:
        event_sources = [s for e in sc["events"] for s in net.events[e].sources]
        out.append(md(sc["description"]) + notes.mark(event_sources) + "\n\n")
    supply_marks = {row["id"]: notes.mark(row["figure"]["sources"]) for row in doc["supply"]}
    out.append(
        "Supply: "
        + "; ".join(
            f"{md(row['name'])} {row['figure']['value']:g} {md(row['figure']['unit'])}"
            f"{supply_marks[row['id']]}"
            for row in doc["supply"]
        )
        + ".\n\n"
    )
    header, rows = band_table(doc)
    out.append(markdown_table(header, rows))
    out.append("\n" + "".join(f"- {md(line)}\n" for line in totals_lines(doc)))
    c = doc["comparison"]
    if c is not None:
        out[-1] = out[-1].rstrip("\n") + notes.mark(c["sources"]) + "\n"
    price = doc["figures"]["price_usd_per_bbl"]
    out.append(f"\nPrice basis{notes.mark(price['sources'])}. {md(doc['method'])}\n")
    if doc["assumptions"]:
        out.append(
            "\nAssumptions:\n\n"
            + "".join(
                f"- {md(a['id'])}: {a['value']:g} {md(a['unit'])}{notes.mark(a['sources'])}. "
                f"{md(a['reasoning'])}\n"
                for a in doc["assumptions"]
            )
        )
    if doc["binding_capacities"]:
        caps = doc["binding_capacities"]
        out.append(
            "\nWhat binds (Mt/yr left for the supply in the band; the asset's capacity "
            "and recorded flow):\n\n"
            + "".join(
                f"- days {_days(b)}: "
                + "; ".join(
                    f"{md(name_of(net, ident))} ({md(ident)}) {left:g} left, capacity "
                    f"{md(_capacity_text(caps[ident]))}"
                    f"{notes.mark(_capacity_sources(caps[ident]))}"
                    for ident, left in b["binding_open_mtpa"].items()
                )
                + "\n"
                for b in doc["bands"]
                if b["binding"]
            )
        )
    listed = document_notes(doc)
    if listed:
        out.append("\nNotes:\n\n" + "".join(f"- {md(n)}\n" for n in listed))
    out.append("\nSources:\n\n" + notes.definitions(source_rows(net, notes.order)))
    out.append(f"\nData version {doc['data_version']}.\n")
    return "".join(out)


def _capacity_text(c: JsonDict) -> str:
    cap = c["capacity"]
    if c["stand_in"]:
        return f"a stand-in ({c['stand_in']})"
    if cap is None or cap["value"] is None or c["available_mtpa"] is None:
        return "not sourced"
    shown = f"{c['available_mtpa']:g} Mt/yr today"
    if c["if_built_mtpa"] != c["available_mtpa"]:
        shown += f" ({c['if_built_mtpa']:g} with every unit built)"
    if cap["assumption"]:
        shown += " (rests on an assumption)"
    if c["recorded_flow_mtpa"]:
        shown += f"; recorded flow {c['recorded_flow_mtpa']:g} Mt/yr" + (
            "" if c["recorded_flow_complete"] else " (some shippers only)"
        )
    return shown


def _capacity_sources(c: JsonDict) -> list[str]:
    return [*(c["capacity"]["sources"] if c["capacity"] else ()), *c["recorded_flow_sources"]]


def critical_document(net: Network, cr: CriticalResult) -> JsonDict:
    """The `routes.critical/1` document: every asset removed in turn, ranked."""
    model, base = cr.model, cr.baseline
    supply = model.supply_tpd
    rows = []
    for rank, c in enumerate(cr.rows, start=1):
        rows.append(
            {
                "rank": rank,
                "id": c.id,
                "name": name_of(net, c.id),
                "kind": c.kind,
                "shortfall_kbd": r1(max(0.0, c.shortfall_kbd)),
                "shortfall_share": round(c.shortfall_tpd / supply, 4) if supply else None,
                "carried_kbd": r1(c.carried_kbd),
                "carried_share": None
                if c.carried_tpd is None or not supply
                else round(c.carried_tpd / supply, 4),
                "binding": list(c.binding),
            }
        )
    assumptions = assumptions_used(net, model, BASELINE, priced=False)
    ids = [s for o in model.origins for s in o.item.figure.sources]
    ids += [s for a in assumptions for s in a["sources"]]
    return {
        "schema": CRITICAL_SCHEMA,
        "data_version": net.data_version,
        "supply_kbd": r1(model.supply_kbd),
        "supply_mtpa": r2(supply / TPD_PER_MTPA),
        "supply": supply_rows(model),
        "baseline_delivered_kbd": r1(base.delivered_kbd),
        "rows": rows,
        "unlinked_nodes": list(cr.unlinked_nodes),
        "assumptions": assumptions,
        "method": METHOD + " Each asset is removed alone for one day; shares are of the "
        "supply, in tonnes.",
        "notes": list(model.notes),
        **provenance(net),
        "sources": sources_list(net, [s for s in dict.fromkeys(ids) if s in net.sources]),
    }


def critical_table(doc: JsonDict, *, top: int | None = None) -> tuple[list[str], list[list[str]]]:
    header = [
        "#",
        "asset",
        "kind",
        "shortfall kb/d",
        "share of supply",
        "carries kb/d",
        "share carried",
        "binding then",
    ]
    rows = [
        [
            str(r["rank"]),
            r["id"],
            r["kind"],
            fmt(r["shortfall_kbd"]),
            _share(r["shortfall_share"]),
            fmt(r["carried_kbd"], unknown="not split"),
            _share(r["carried_share"], unknown="not split"),
            ", ".join(r["binding"]),
        ]
        for r in doc["rows"][:top]
    ]
    return header, rows


def _share(x: float | None, *, unknown: str = "n/a") -> str:
    return unknown if x is None else f"{x:.1%}"


def critical_csv(doc: JsonDict) -> str:
    return to_csv(doc["rows"])


def critical_markdown(doc: JsonDict, net: Network, *, top: int | None = None) -> str:
    notes = Footnotes()
    marks = notes.mark([s for row in doc["supply"] for s in row["figure"]["sources"]])
    out = [
        f"## What one lost asset costs (N-1)\n\nSupply {fmt(doc['supply_kbd'])} kb/d "
        f"({doc['supply_mtpa']:,.1f} Mt/yr){marks}. {md(doc['method'])}\n\n"
    ]
    header, rows = critical_table(doc, top=top)
    out.append(markdown_table(header, rows))
    if doc["unlinked_nodes"]:
        out.append(
            "\nNot swept (drawn on a line the data does not split at them): "
            + md(", ".join(doc["unlinked_nodes"]))
            + ".\n"
        )
    if doc["assumptions"]:
        out.append(
            "\nAssumptions:\n\n"
            + "".join(
                f"- {md(a['id'])}: {a['value']:g} {md(a['unit'])}{notes.mark(a['sources'])}. "
                f"{md(a['reasoning'])}\n"
                for a in doc["assumptions"]
            )
        )
    listed = document_notes(doc)
    if listed:
        out.append("\nNotes:\n\n" + "".join(f"- {md(n)}\n" for n in listed))
    out.append("\nSources:\n\n" + notes.definitions(source_rows(net, notes.order)))
    out.append(f"\nData version {doc['data_version']}.\n")
    return "".join(out)


def presets_document(net: Network) -> JsonDict:
    """The `routes.scenarios/1` list of presets, each with the events it replays."""
    rows = []
    for sc in net.scenarios.values():
        rows.append(
            {
                "id": sc.id,
                "name": sc.name,
                "days": sc.days,
                "description": sc.description,
                "events": list(sc.events),
                "outages": [
                    {
                        "target": o.target,
                        "share_lost": o.share_lost,
                        "start_day": o.start_day,
                        "duration_days": o.duration_days,
                    }
                    for o in sc.outages
                ],
                "sources": list(dict.fromkeys(s for e in sc.events for s in net.events[e].sources)),
            }
        )
    return {"schema": PRESETS_SCHEMA, "data_version": net.data_version, "scenarios": rows}


def presets_markdown(doc: JsonDict, net: Network) -> str:
    notes = Footnotes()
    rows = [
        [
            r["id"],
            r["name"] + notes.mark(r["sources"]),
            f"{r['days']:g}",
            "; ".join(
                f"{o['target']} −{o['share_lost']:.0%} days {o['start_day']:g}–"
                f"{o['start_day'] + o['duration_days']:g}"
                for o in r["outages"]
            ),
        ]
        for r in doc["scenarios"]
    ]
    return (
        markdown_table(["id", "scenario", "days", "outages"], rows)
        + "\nSources:\n\n"
        + notes.definitions(source_rows(net, notes.order))
    )
