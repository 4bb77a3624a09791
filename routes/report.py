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
    return {
        "id": m.id, "name": m.name, "origin": m.origin, "destination": m.destination,
        "length_km": r1(m.length_km),
        "length_km_by_mode": km_dict(m.length_km_by_mode),
        "length_km_by_country": km_dict(m.length_km_by_country),
        "capacity_kbd": r1(m.capacity_kbd), "capacity_mtpa": r2(m.capacity_mtpa),
        "bottleneck_segment": m.bottleneck_segment,
        "capacity_unknown_segments": list(m.capacity_unknown_segments),
        "spare_capacity_kbd": r1(m.spare_capacity_kbd),
        "cost_usd_per_t": r2(m.cost_usd_per_t), "cost_usd_per_bbl": r2(m.cost_usd_per_bbl),
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


def to_csv(rows: Sequence[JsonDict]) -> str:
    """One row per item, the union of flat columns in first-seen order."""
    flat = [flatten(r) for r in rows]
    columns: dict[str, None] = {}
    for row in flat:
        columns.update(dict.fromkeys(row))
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
