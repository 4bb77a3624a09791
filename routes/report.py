"""Turns measures into plain values for JSON, CSV, Markdown and terminal tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from routes.metrics import RouteMetrics, SegmentMetrics
from routes.network import Network

JsonDict = dict[str, Any]


def r1(x: float | None) -> float | None:
    """Round to 0.1 for output (None stays None)."""
    return None if x is None else round(x, 1)


def r2(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def km_dict(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 1) for k, v in d.items()}


def segment_to_dict(m: SegmentMetrics) -> JsonDict:
    return {
        "id": m.id, "name": m.name, "mode": m.mode, "status": m.status, "from": m.from_node,
        "to": m.to_node, "length_km": r1(m.length_km),
        "length_km_by_country": km_dict(m.length_km_by_country),
        "capacity_kbd": r1(m.capacity_kbd), "capacity_mtpa": r2(m.capacity_mtpa),
        "throughput_kbd": r1(m.throughput_kbd), "throughput_year": m.throughput_year,
        "spare_capacity_kbd": r1(m.spare_capacity_kbd), "chokepoints": list(m.chokepoints),
        "transit_days": r2(m.transit_days),
    }


def route_to_dict(m: RouteMetrics) -> JsonDict:
    """The route part of the `routes.compare/1` contract, without the risk fields."""
    any_cost = any(c.usd_per_bbl is not None for c in m.costs)
    return {
        "id": m.id, "name": m.name, "origin": m.origin, "destination": m.destination,
        "length_km": r1(m.length_km),
        "length_km_by_mode": km_dict(m.length_km_by_mode),
        "length_km_by_country": km_dict(m.length_km_by_country),
        "capacity_kbd": r1(m.capacity_kbd), "capacity_mtpa": r2(m.capacity_mtpa),
        "bottleneck_segment": m.bottleneck_segment,
        "capacity_unknown_segments": list(m.capacity_unknown_segments),
        "spare_capacity_kbd": r1(m.spare_capacity_kbd),
        # Null when no cost item has a sourced figure; a partial sum has cost_complete false.
        "cost_usd_per_t": r2(m.cost_usd_per_t) if any_cost else None,
        "cost_usd_per_bbl": r2(m.cost_usd_per_bbl) if any_cost else None,
        "cost_complete": m.cost_complete,
        "costs": [
            {"id": c.id, "kind": c.kind, "usd_per_t": r2(c.usd_per_t),
             "usd_per_bbl": r2(c.usd_per_bbl), "as_of": c.as_of, "assumption": c.assumption,
             "sources": list(c.sources), "note": c.note}
            for c in m.costs
        ],
        "bbl_per_t": m.bbl_per_t,
        "transit_days": r1(m.transit_days),
        "transit_breakdown": [{"what": t.what, "days": r2(t.days), "assumption": t.assumption}
                              for t in m.transit_breakdown],
        "transshipments": m.transshipments,
        "chokepoints": list(m.chokepoints),
        "nodes_along": list(m.nodes_along),
        "warnings": list(m.warnings),
        "segments": [segment_to_dict(s) for s in m.segments],
        "parallel_segments": list(m.parallel_segments),
        "sources": list(m.sources),
    }


def dumps(doc: Any) -> str:
    """Stable JSON text: same input, same bytes."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def flatten(d: JsonDict, prefix: str = "") -> JsonDict:
    """Nested mappings become dotted columns; lists become ';'-joined text (lists of mappings
    are left out: they have their own detail in JSON)."""
    out: JsonDict = {}
    for key, value in d.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list):
            if all(not isinstance(v, dict) for v in value):
                out[name] = ";".join(str(v) for v in value)
        else:
            out[name] = value
    return out


def to_csv(rows: Sequence[JsonDict], *, last: Sequence[str] = ()) -> str:
    """One row per item, the union of flat columns in first-seen order (`last` ones at the end);
    None is written as an empty cell."""
    flat = [flatten(r) for r in rows]
    columns: dict[str, None] = {}
    for row in flat:
        columns.update(dict.fromkeys(k for k in row if k not in last))
    columns.update(dict.fromkeys(last))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; pipes in cells are escaped."""
    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def fmt(x: float | None, nd: int = 0, *, unknown: str = "n/a") -> str:
    return unknown if x is None else f"{x:,.{nd}f}"


def sources_list(net: Network, ids: Sequence[str]) -> list[JsonDict]:
    """The sources behind a list of ids, numbered in order of first use."""
    out = []
    for n, sid in enumerate(dict.fromkeys(ids), start=1):
        s = net.sources[sid]
        out.append({"n": n, "id": s.id, "title": s.title, "publisher": s.publisher,
                    "date": s.date, "url": s.url, "licence": s.licence})
    return out


def source_line(s: JsonDict) -> str:
    bits = [s["title"]]
    bits += [s[k] for k in ("publisher", "date") if s.get(k)]
    if s.get("url"):
        bits.append(s["url"])
    if s.get("licence"):
        bits.append(f"licence: {s['licence']}")
    return ". ".join(bits)


SORT_FIELDS = ("id", "name", "length_km", "capacity_kbd", "capacity_mtpa",
               "spare_capacity_kbd", "cost_usd_per_bbl", "cost_usd_per_t", "transit_days",
               "transshipments", "risk_score")


def risk_to_dict(risk: Any) -> tuple[float, JsonDict]:
    """(score, factors) rounded for output: values and weights to 4 places, contributions to 2,
    and the score is the sum of the rounded contributions, so the printed numbers add up."""
    factors = {
        f.name: {"value": round(f.value, 4), "weight": round(f.weight, 4),
                 "contribution": round(f.contribution, 2), "explanation": f.explanation}
        for f in risk.factors
    }
    return round(sum(f["contribution"] for f in factors.values()), 2), factors


def compare_document(net: Network, metrics: Sequence[RouteMetrics], risks: Sequence[Any],
                     profile: Any, swaps: Sequence[Any]) -> JsonDict:
    """The `routes.compare/1` document."""
    from routes.risk import ranking

    routes = []
    for m, r in zip(metrics, risks, strict=True):
        doc = route_to_dict(m)
        doc["risk_score"], doc["risk_factors"] = risk_to_dict(r)
        routes.append(doc)
    return {
        "schema": "routes.compare/1",
        "data_version": net.data_version,
        "weights": {k: round(v, 4) for k, v in profile.weights.items()},
        "weights_profile": {"name": profile.name, "version": profile.version,
                            "digest": profile.digest},
        "routes": routes,
        "ranking_by_risk": ranking(risks),
        "ranking_stability": {
            "weight_change": "±25%",
            "stable": not swaps,
            "swaps": [{"factor": s.factor, "change": s.change, "routes": list(s.routes)}
                      for s in swaps],
        },
    }


def sort_routes(routes: list[JsonDict], field: str | None) -> list[JsonDict]:
    """Sort route documents by a field; '-field' sorts descending; missing values go last."""
    if not field:
        return routes
    key = field.lstrip("-")
    present = [r for r in routes if r.get(key) is not None]
    absent = [r for r in routes if r.get(key) is None]
    return sorted(present, key=lambda r: r[key], reverse=field.startswith("-")) + absent


def cost_text(d: JsonDict) -> str:
    """The cost per barrel, '≥ x' when some items have no sourced figure."""
    if not any(c["usd_per_bbl"] is not None for c in d["costs"]):
        return "not sourced"
    return f"{'' if d['cost_complete'] else '≥ '}{d['cost_usd_per_bbl']:.2f}"


def compare_rows(routes: Sequence[JsonDict]) -> list[tuple[str, list[str]]]:
    """(label, one cell per route) for the side-by-side views."""
    def cells(f: Any) -> list[str]:
        return [f(r) for r in routes]
    rows = [
        ("from → to", cells(lambda r: f"{r['origin']} → {r['destination']}")),
        ("length, km", cells(lambda r: fmt(r["length_km"]))),
        ("by mode, km", cells(lambda r: ", ".join(f"{k} {v:,.0f}"
                                                  for k, v in r["length_km_by_mode"].items()))),
        ("by country, km", cells(lambda r: ", ".join(
            f"{k} {v:,.0f}" for k, v in r["length_km_by_country"].items()))),
        ("capacity, kb/d", cells(lambda r: fmt(r["capacity_kbd"]))),
        ("capacity, Mt/yr", cells(lambda r: fmt(r["capacity_mtpa"], 1))),
        ("bottleneck", cells(lambda r: r["bottleneck_segment"] or "n/a")),
        ("spare capacity, kb/d", cells(lambda r: fmt(r["spare_capacity_kbd"]))),
        ("cost, USD/bbl", cells(cost_text)),
        ("transit, days", cells(lambda r: fmt(r["transit_days"], 1))),
        ("transshipments", cells(lambda r: str(r["transshipments"]))),
        ("chokepoints", cells(lambda r: ", ".join(r["chokepoints"]) or "none")),
        ("risk score (0–100)", cells(lambda r: f"{r['risk_score']:.1f}")),
    ]
    factors = list(routes[0]["risk_factors"]) if routes else []
    for name in factors:
        weight = routes[0]["risk_factors"][name]["weight"]
        rows.append((f"  {name} (w {weight:.2f})", cells(
            lambda r, n=name: f"{r['risk_factors'][n]['value']:.2f} → "
                              f"{r['risk_factors'][n]['contribution']:.1f}")))
    return rows


def compare_markdown(doc: JsonDict, net: Network) -> str:
    """A memo-ready Markdown comparison: table, factor table, notes and numbered sources."""
    routes = doc["routes"]
    header = ["", *(r["name"] for r in routes)]
    out = [markdown_table(header, [[label, *values] for label, values in compare_rows(routes)])]
    notes = []
    for r in routes:
        if not r["cost_complete"]:
            missing = [c["id"] for c in r["costs"] if c["usd_per_bbl"] is None]
            notes.append(f"{r['name']}: cost is a lower bound; no sourced figure for "
                         f"{', '.join(missing)}.")
        for w in r["warnings"]:
            notes.append(f"{r['name']}: {w}.")
    stability = doc["ranking_stability"]
    if stability["stable"]:
        notes.append("Risk ranking is stable: no pair of routes swaps when any weight moves "
                     "by ±25%.")
    else:
        for s in stability["swaps"]:
            notes.append(f"Weight of {s['factor']} {s['change']}: {s['routes'][0]} and "
                         f"{s['routes'][1]} swap places in the risk ranking.")
    if notes:
        out.append("\nNotes:\n\n" + "".join(f"- {n}\n" for n in notes))
    ids: list[str] = [s for r in routes for s in r["sources"]]
    out.append("\nSources:\n\n" + "".join(f"{s['n']}. {source_line(s)}\n"
                                          for s in sources_list(net, ids)))
    profile = doc["weights_profile"]
    out.append(f"\nData version {doc['data_version']}; risk profile {profile['name']} "
               f"v{profile['version']} ({profile['digest']}).\n")
    return "".join(out)
