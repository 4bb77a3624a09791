"""Turns measures into plain values for JSON, CSV, Markdown and terminal tables, each figure with
its bound and sources, and the notes that explain it."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from routes.quantity import ASSUMPTION_MARK, Quantity, number, parts_text, text

if TYPE_CHECKING:  # names for annotations only: rendering a kept document imports none of them
    from routes.capacity import Element, RouteCapacity
    from routes.metrics import RouteMetrics, SegmentMetrics
    from routes.network import Figure, Network, Override
    from routes.risk import Profile, Risk, Swap

JsonDict = dict[str, Any]
#: The standard library's string encoder for ``ensure_ascii=False`` (its C version if built).
_encode_str: Callable[[str], str] = json.encoder.encode_basestring
#: How the risk factors read in tables (their ids stay in JSON and CSV).
FACTOR_LABELS: Final[dict[str, str]] = {
    "transit_political": "transit-country politics",
    "sanctions": "sanctions",
    "chokepoints": "chokepoints",
    "disruption_history": "disruption history",
    "single_points_of_failure": "single points of failure",
    "weather": "weather",
}
#: Printed under every table that uses the figure vocabulary.
LEGEND: Final[str] = (
    f"≤ at most (a capacity along the route is not sourced); ≥ at least (a "
    f"cost item is not sourced); {ASSUMPTION_MARK} rests on a labelled "
    "assumption; unknown: the data cannot tell"
)


def r1(x: float | None) -> float | None:
    """Round to 0.1 for output (None stays None)."""
    return None if x is None else round(x, 1)


def r2(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def km_dict(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 1) for k, v in d.items()}


def _quantities(qs: Sequence[Quantity]) -> list[JsonDict]:
    return [q.to_dict(3) for q in qs]


def element_to_dict(el: Element) -> JsonDict:
    """The capacity facts of a segment or node, as every output shows them."""
    return {
        "status": el.status,
        "crude": el.crude,
        "bbl_per_t": el.bbl_per_t.to_dict(3),
        "capacity_limit": el.limit,
        "capacity": el.capacity.to_dict(3) if el.capacity else None,
        "capacity_kbd": r1(el.capacity_kbd("available")),
        "capacity_mtpa": r2(el.capacity_mtpa("available")),
        "capacity_if_built_kbd": r1(el.capacity_kbd("if_built")),
        "capacity_if_built_mtpa": r2(el.capacity_mtpa("if_built")),
        "throughput": _quantities(el.throughput),
        "throughput_total_kbd": r1(el.throughput_kbd),
        "throughput_total_year": el.throughput_year,
        "spare_capacity_kbd": r1(el.spare_kbd("available")),
        "spare_capacity_if_built_kbd": r1(el.spare_kbd("if_built")),
    }


def segment_to_dict(m: SegmentMetrics) -> JsonDict:
    return {
        "id": m.id,
        "name": m.name,
        "mode": m.mode,
        "from": m.from_node,
        "to": m.to_node,
        "length_km": r1(m.length_km),
        "length_km_published": m.published_length.to_dict(1) if m.published_length else None,
        "length_km_by_country": km_dict(m.length_km_by_country),
        **element_to_dict(m.element),
        "chokepoints": list(m.chokepoints),
        "transit_days": r2(m.transit_days),
        "transit_basis": m.transit_basis,
    }


def node_to_dict(net: Network, el: Element) -> JsonDict:
    node = net.nodes[el.id]
    return {
        "id": node.id,
        "name": node.name,
        "kind": node.kind,
        "country": node.country,
        **element_to_dict(el),
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "status": u.status,
                "capacity": figure_quantity(u.capacity).to_dict(3),
            }
            for u in node.units
        ],
    }


def figure_quantity(fig: Figure) -> Quantity:
    """A data figure in the shared vocabulary: a value, or not sourced."""
    return Quantity(
        fig.value,
        fig.unit,
        "exact" if fig.value is not None else "not_sourced",
        as_of=fig.as_of,
        sources=fig.sources,
        assumption=fig.assumption,
        note=fig.note,
    )


def _capacity_doc(c: RouteCapacity) -> JsonDict:
    return {
        "kbd": r1(c.kbd.value),
        "mtpa": r2(c.mtpa.value),
        "bound": c.kbd.bound,
        "bottleneck": c.bottleneck,
        "bottleneck_kind": c.bottleneck_kind,
        "spare_kbd": r1(c.spare_kbd.value),
        "spare_bound": c.spare_kbd.bound,
        "spare_set_by": list(c.spare_set_by),
        "unknown": list(c.unknown),
        "blocked_by": list(c.blocked_by),
    }


def _elements(m: RouteMetrics) -> dict[str, Element]:
    out = {s.id: s.element for s in (*m.segments, *m.parallel_segments)}
    out.update({n.id: n for n in m.nodes})
    return out


def _converted(e: Element, unit: str) -> bool:
    """Whether showing the element's capacity in `unit` needs its crude's factor."""
    from routes.units import MASS_UNITS_MTPA

    native_mass = e.capacity is not None and e.capacity.unit in MASS_UNITS_MTPA
    return native_mass != (unit == "Mt/yr")


def _status_sources(m: RouteMetrics, ident: str) -> tuple[str, ...]:
    """The sources of a segment that say what state it is in (its own sources)."""
    for s in (*m.segments, *m.parallel_segments):
        if s.id == ident:
            return s.element.capacity.sources if s.element.capacity else ()
    return ()


def capacity_quantity(m: RouteMetrics, c: RouteCapacity, unit: str = "kb/d") -> Quantity:
    """The route's capacity, in kb/d or Mt/yr, with the provenance of the figure(s) that set it:
    the factor of the crude counts only when the figure had to be converted into `unit`."""
    els = _elements(m)
    necks = [els[i] for i in (c.bottleneck or "").split(" + ") if i in els]
    sources = tuple(
        dict.fromkeys(
            s
            for e in necks
            for s in (
                *(e.capacity.sources if e.capacity else ()),
                *(e.bbl_per_t.sources if _converted(e, unit) else ()),
            )
        )
    )
    assumption = any(
        (e.bbl_per_t.assumption and _converted(e, unit))
        or (e.capacity is not None and e.capacity.assumption)
        for e in necks
    )
    as_of = max((e.capacity.as_of for e in necks if e.capacity and e.capacity.as_of), default=None)
    parts = [
        f"{e.id}: {e.capacity.value:g} {e.capacity.unit} at {e.bbl_per_t.value:g} bbl/t"
        for e in necks
        if e.capacity is not None and e.capacity.value is not None
    ]
    note = ("set by " + "; ".join(parts)) if parts else c.kbd.note
    if c.blocked_by and not c.kbd.value:
        # Zero is zero in any unit: what it rests on is the status of what is closed.
        assumption, as_of = False, None
        sources = tuple(
            dict.fromkeys(s for i in c.blocked_by if i in els for s in (_status_sources(m, i)))
        )
        note = f"nothing can pass today: {', '.join(c.blocked_by)} not operating"
    if c.unknown and c.kbd.bound == "at_most":
        note = f"{note}; an upper bound: no sourced capacity for {', '.join(c.unknown)}"
    q = c.kbd if unit == "kb/d" else c.mtpa
    return Quantity(q.value, unit, q.bound, as_of, sources, assumption, note)


def spare_quantity(m: RouteMetrics, c: RouteCapacity) -> Quantity:
    els = _elements(m)
    setters = [els[i] for i in c.spare_set_by if i in els]
    sources = tuple(
        dict.fromkeys(
            s
            for e in setters
            for s in (
                *(e.capacity.sources if e.capacity else ()),
                *e.bbl_per_t.sources,
                *(s for t in e.throughput if t.as_of == e.throughput_year for s in t.sources),
            )
        )
    )
    years = [e.throughput_year for e in setters if e.throughput_year]
    if c.blocked_by and c.spare_kbd.value == 0.0:
        return Quantity(
            0.0,
            "kb/d",
            "exact",
            note=f"nothing can pass today: {', '.join(c.blocked_by)} not operating",
        )
    note = (
        ", ".join(
            f"{e.id}: capacity less the {e.throughput_year} flow of all shippers"
            if e.throughput_year
            else f"{e.id}: capacity, nothing flows on it now"
            for e in setters
        )
        or None
    )
    return Quantity(
        c.spare_kbd.value,
        "kb/d",
        c.spare_kbd.bound,
        max(years, default=None),
        sources,
        any(e.bbl_per_t.assumption for e in setters),
        note,
    )


def transit_quantity(m: RouteMetrics) -> Quantity:
    return Quantity(
        m.transit_days,
        "days",
        sources=tuple(dict.fromkeys(s for t in m.transit_breakdown for s in t.sources)),
        assumption=any(t.assumption for t in m.transit_breakdown),
        note="; ".join(f"{t.what}: {t.basis}" for t in m.transit_breakdown),
    )


def length_quantity(net: Network, m: RouteMetrics) -> Quantity:
    geometry = [s for sm in m.segments for s in net.segments[sm.id].sources]
    return Quantity(
        m.length_km,
        "km",
        sources=tuple(
            dict.fromkeys([*geometry, *(["naturalearth"] if "naturalearth" in net.sources else [])])
        ),
        note="geodesic (WGS84); by country from the Natural Earth polygons",
    )


def route_figures(net: Network, m: RouteMetrics) -> dict[str, Quantity]:
    """Each headline figure of a route with its bound and provenance."""
    return {
        "length_km": length_quantity(net, m),
        "capacity": capacity_quantity(m, m.available),
        "capacity_mtpa": capacity_quantity(m, m.available, "Mt/yr"),
        "capacity_if_built": capacity_quantity(m, m.if_built),
        "spare_capacity": spare_quantity(m, m.available),
        "cost_usd_per_bbl": m.cost_usd_per_bbl,
        "transit_days": transit_quantity(m),
    }


def crudes_used(net: Network, m: RouteMetrics) -> list[JsonDict]:
    """The crudes the route's assets carry, each with its factor and what uses it."""
    used: dict[str | None, list[str]] = {}
    for el in _elements(m).values():
        if el.limit == "value" or el.throughput:
            used.setdefault(el.crude, []).append(el.id)
    out = []
    for crude_id, ids in used.items():
        el = _elements(m)[ids[0]]
        name = net.crudes[crude_id].name if crude_id else "generic (no crude declared)"
        out.append(
            {"id": crude_id, "name": name, "bbl_per_t": el.bbl_per_t.to_dict(3), "used_by": ids}
        )
    return out


def route_notes(m: RouteMetrics) -> list[str]:
    """Why a figure reads as it does (status, bounds, generic factors), one sentence each, as
    written (many begin with an id, which keeps its case: 'btc is drawn…')."""
    return [w + ("" if w.endswith(".") else ".") for w in m.warnings]


def route_to_dict(net: Network, m: RouteMetrics) -> JsonDict:
    """The route part of the `routes.compare/1` contract, without the risk fields."""
    figures = route_figures(net, m)
    return {
        "id": m.id,
        "name": m.name,
        "origin": m.origin,
        "destination": m.destination,
        "status": m.status,
        "length_km": r1(m.length_km),
        "length_km_by_mode": km_dict(m.length_km_by_mode),
        "length_km_by_country": km_dict(m.length_km_by_country),
        # Available today: operating segments, nodes and loading units only.
        "capacity_kbd": r1(m.available.kbd.value),
        "capacity_mtpa": r2(m.available.mtpa.value),
        "capacity_bound": m.available.kbd.bound,
        # The segment that sets the capacity (null when a node or a stage of parallel branches
        # sets it); `bottleneck` names whichever element(s) it is.
        "bottleneck_segment": m.available.bottleneck
        if m.available.bottleneck_kind == "segment"
        else None,
        "bottleneck": m.available.bottleneck,
        "bottleneck_kind": m.available.bottleneck_kind,
        "capacity_unknown": list(m.available.unknown),
        "spare_capacity_kbd": r1(m.available.spare_kbd.value),
        "spare_capacity_bound": m.available.spare_kbd.bound,
        "capacity_if_built_kbd": r1(m.if_built.kbd.value),
        "capacity_if_built_mtpa": r2(m.if_built.mtpa.value),
        "capacity_if_built_bound": m.if_built.kbd.bound,
        "bottleneck_if_built": m.if_built.bottleneck,
        "spare_capacity_if_built_kbd": r1(m.if_built.spare_kbd.value),
        "available": _capacity_doc(m.available),
        "if_built": _capacity_doc(m.if_built),
        # Null when no cost item has a sourced figure; a lower bound has cost_complete false.
        "cost_usd_per_t": r2(m.cost_usd_per_t.value),
        "cost_usd_per_bbl": r2(m.cost_usd_per_bbl.value),
        "cost_bound": m.cost_usd_per_bbl.bound,
        "cost_complete": m.cost_complete,
        "unpriced_segments": list(m.unpriced_segments),
        "costs": [
            {
                "id": c.id,
                "kind": c.kind,
                "usd_per_t": r2(c.usd_per_t),
                "usd_per_bbl": r2(c.usd_per_bbl),
                "bbl_per_t": c.bbl_per_t,
                "as_of": c.as_of,
                "assumption": c.assumption,
                "sources": list(c.sources),
                "note": c.note,
            }
            for c in m.costs
        ],
        "crudes": crudes_used(net, m),
        "transit_days": r1(m.transit_days),
        "transit_breakdown": [
            {
                "what": t.what,
                "days": r2(t.days),
                "basis": t.basis,
                "assumption": t.assumption,
                "sources": list(t.sources),
            }
            for t in m.transit_breakdown
        ],
        "transshipments": m.transshipments,
        "chokepoints": list(m.chokepoints),
        "nodes_along": list(m.nodes_along),
        # Unrounded here, so every table rounds each figure once, from the same value.
        "figures": {k: q.to_dict(6) for k, q in figures.items()},
        "warnings": list(m.warnings),
        "segments": [segment_to_dict(s) for s in m.segments],
        "parallel_segments": [s.id for s in m.parallel_segments],
        "parallel_segment_metrics": [segment_to_dict(s) for s in m.parallel_segments],
        "nodes": [node_to_dict(net, n) for n in m.nodes],
        "sources": list(m.sources),
    }


def dumps(doc: Any) -> str:
    """Stable JSON text: same input, same bytes; never NaN or Infinity.

    The bytes of ``json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False)``, written
    without the standard library's chain of generators, which costs half a second on a
    thousand routes' comparison: a scalar is written where its container meets it, and each
    key's text is made once.

    >>> print(dumps({"a": [1, 2.5, None], "b": {}, "c": [], "é": True}), end="")
    {
      "a": [
        1,
        2.5,
        null
      ],
      "b": {},
      "c": [],
      "é": true
    }
    """
    out: list[str] = []
    scalar = _json_scalar(doc)
    if scalar is None:
        _write_json(doc, "\n", out.append, {})
    else:
        out.append(scalar)
    out.append("\n")
    return "".join(out)


def _float_text(o: float) -> str:
    if o != o or o in (math.inf, -math.inf):
        raise ValueError(f"Out of range float values are not JSON compliant: {o!r}")
    return float.__repr__(o)


#: The JSON text of a scalar of exactly these types (a subclass goes through `_json_scalar`).
_SCALAR_TEXT: Final[dict[type, Callable[[Any], str]]] = {
    str: _encode_str,
    int: int.__repr__,
    float: _float_text,
    bool: lambda o: "true" if o else "false",
    type(None): lambda o: "null",
}


def _json_scalar(o: Any) -> str | None:
    """A scalar's JSON text as the standard library writes it; None for a container."""
    if isinstance(o, str):
        return _encode_str(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float_text(o)
    if isinstance(o, list | tuple | dict):
        return None
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _key_text(key: Any, keys: dict[Any, str]) -> str:
    """A mapping key's JSON text and separator, as the standard library writes them (a str as
    itself, 1 -> "1", True -> "true"); a str key's is kept in `keys`."""
    if isinstance(key, str):
        text = keys[key] = _encode_str(key) + ": "
        return text
    if isinstance(key, list | tuple | dict) or (scalar := _json_scalar(key)) is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
    return _encode_str(scalar) + ": "


def _write_json(o: Any, newline: str, add: Callable[[str], object], keys: dict[Any, str]) -> None:
    """Write a list, tuple or dict; `keys` holds the str keys' text, made once per document.
    The loops for a dict and for a list are written out apiece: this runs once per value."""
    if not o:
        add("{}" if isinstance(o, dict) else "[]")
        return
    inner = newline + "  "
    if isinstance(o, dict):
        sep = "{" + inner
        for key, value in o.items():
            head = sep + (keys.get(key) or _key_text(key, keys))
            text = _SCALAR_TEXT.get(type(value))
            if text is not None:
                add(head + text(value))
            else:
                _write_value(value, head, inner, add, keys)
            sep = "," + inner
        add(newline + "}")
    else:
        sep = "[" + inner
        for value in o:
            text = _SCALAR_TEXT.get(type(value))
            if text is not None:
                add(sep + text(value))
            else:
                _write_value(value, sep, inner, add, keys)
            sep = "," + inner
        add(newline + "]")


def _write_value(
    value: Any, head: str, inner: str, add: Callable[[str], object], keys: dict[Any, str]
) -> None:
    """A container, or a scalar of a subclass type, after `head`."""
    scalar = _json_scalar(value)
    if scalar is not None:
        add(head + scalar)
    else:
        add(head)
        _write_json(value, inner, add, keys)


def flatten(d: JsonDict, prefix: str = "") -> JsonDict:
    """Nested mappings become dotted columns; lists become ';'-joined text (lists of mappings
    are left out: they have their own detail in JSON)."""
    out: JsonDict = {}
    for key, value in d.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list):
            if value and all(not isinstance(v, dict) for v in value):
                out[name] = ";".join(str(v) for v in value)
            elif not value and not name.endswith(
                (
                    "inputs",
                    "metrics",
                    "units",
                    "nodes",
                    "segments",
                    "costs",
                    "crudes",
                    "breakdown",
                    "throughput",
                )
            ):
                out[name] = ""
        else:
            out[name] = value
    return out


def to_csv(rows: Sequence[JsonDict], *, last: Sequence[str] = ()) -> str:
    """One row per item, the union of flat columns in first-seen order (`last` ones at the end);
    None is written as an empty cell."""
    flat = [flatten(r) for r in rows]
    columns = group_columns(k for row in flat for k in row if k not in last)
    columns.update(dict.fromkeys(last))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({k: "" if v is None else csv_safe(v) for k, v in row.items()})
    return buf.getvalue()


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage return
    first) gets a leading apostrophe; numbers pass as they are.

    >>> csv_safe("=SUM(A1)"), csv_safe("-2"), csv_safe(-2.5), csv_safe("CPC")
    ("'=SUM(A1)", "'-2", -2.5, 'CPC')
    """
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def group_columns(keys: Iterable[str]) -> dict[str, None]:
    """Columns in first-seen order, except that a column first seen late joins its family
    (``length_km_by_country.TUR`` goes after the other ``length_km_by_country.*``).

    >>> list(group_columns(["a.x", "b", "a.y"]))
    ['a.x', 'a.y', 'b']
    """
    columns: list[str] = []
    for key in keys:
        if key in columns:
            continue
        family = key.rsplit(".", 1)[0] + "." if "." in key else None
        kin = [i for i, c in enumerate(columns) if family and c.startswith(family)]
        columns.insert(kin[-1] + 1 if kin else len(columns), key)
    return dict.fromkeys(columns)


#: What could turn text into markup: HTML, links, code, emphasis (an underscore only at a word's
#: edge: CommonMark never reads one inside a word, so `under_construction` stays readable),
#: table pipes, strike-through, entities, and a heading's hash or a quote's > at the start
#: (elsewhere > is plain text: it opens no tag once < is escaped).
_MD_SPECIAL = re.compile(r"[\\`*\[\]<|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?\w+;)|^[#>]")
_MD_FOOTNOTE = re.compile(r"\\\[\^(\d+)\\\]")


def md(text: str) -> str:
    r"""Text made literal in Markdown: a name or note from the data (or our own prose) can hold
    no link, image, HTML or emphasis; the footnote markers ``[^n]`` this module adds survive.

    >>> print(md("<img src=x onerror=alert(1)> *CPC* [^2] under_construction _x_"))
    \<img src=x onerror=alert(1)> \*CPC\* [^2] under_construction \_x\_
    """
    escaped = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text.replace("\n", " "))
    return _MD_FOOTNOTE.sub(r"[^\1]", escaped)


def md_url(url: str) -> str:
    """A web address as a Markdown autolink (characters that would end it percent-encoded)."""
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table; every cell is made literal (`md`)."""
    lines = [
        "| " + " | ".join(md(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def fmt(x: float | None, nd: int = 0, *, unknown: str = "n/a") -> str:
    """A number as a table prints it (`routes.quantity.number`), or `unknown` for None.

    >>> fmt(1234.56), fmt(-0.3), fmt(None)
    ('1,235', '0', 'n/a')
    """
    return unknown if x is None else number(x, nd)


def sources_list(net: Network, ids: Sequence[str]) -> list[JsonDict]:
    """The sources behind a list of ids, numbered in order of first use."""
    return numbered(source_rows(net, ids), ids)


def source_rows(net: Network, ids: Iterable[str] | None = None) -> dict[str, JsonDict]:
    """Each source (all of them, or those of `ids`) as plain values by id: what a citation
    prints, kept with a document that cites them."""
    wanted = net.sources if ids is None else dict.fromkeys(ids)
    return {
        sid: {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date,
            "url": s.url,
            "licence": s.licence,
        }
        for sid in wanted
        for s in [net.sources[sid]]
    }


def numbered(rows: Mapping[str, JsonDict], ids: Sequence[str]) -> list[JsonDict]:
    """The rows of `ids` (`source_rows`), numbered in order of first use."""
    return [{"n": n, **rows[sid]} for n, sid in enumerate(dict.fromkeys(ids), start=1)]


def source_line(s: JsonDict, *, markdown: bool = False) -> str:
    """A citation on one line: title, publisher, date, address, licence (in Markdown, the text
    made literal and the address an autolink)."""
    esc = md if markdown else str
    bits = [esc(s["title"])]
    bits += [esc(s[k]) for k in ("publisher", "date") if s.get(k)]
    if s.get("url"):
        bits.append(md_url(s["url"]) if markdown else s["url"])
    if s.get("licence"):
        bits.append(esc(f"licence: {s['licence']}"))
    return ". ".join(bits)


SORT_FIELDS = (
    "id",
    "name",
    "length_km",
    "capacity_kbd",
    "capacity_mtpa",
    "capacity_if_built_kbd",
    "spare_capacity_kbd",
    "cost_usd_per_bbl",
    "cost_usd_per_t",
    "transit_days",
    "transshipments",
    "risk_score",
)


def risk_to_dict(risk: Risk) -> tuple[float, JsonDict]:
    """(score, factors) rounded for output: values and weights to 4 places, contributions to 2,
    and the score is the sum of the rounded contributions, so the printed numbers add up. Each
    factor lists the figures it rests on, with their sources."""
    factors: dict[str, JsonDict] = {
        f.name: {
            "value": round(f.value, 4),
            "weight": round(f.weight, 4),
            "contribution": round(f.contribution, 2),
            "explanation": f.explanation,
            "inputs": [{"label": i.label, **i.quantity.to_dict(4)} for i in f.inputs],
        }
        for f in risk.factors
    }
    return round(sum(round(f.contribution, 2) for f in risk.factors), 2), factors


def override_to_dict(o: Override) -> JsonDict:
    """An entry from the user's folder, and what it replaced (null when it is new)."""
    return {
        "layer": o.layer,
        "id": o.id,
        "file": o.file,
        "replaced": None
        if o.replaced_file is None
        else {
            "file": o.replaced_file,
            "changes": [{"field": f, "old": old, "new": new} for f, old, new in o.changes],
        },
    }


def override_text(o: JsonDict) -> str:
    """An override as one clause: what it adds, or what it replaces and how."""
    what = f"{o['layer']} '{o['id']}' from {o['file']}"
    if o["replaced"] is None:
        return f"{what} is added to the data"
    changes = "; ".join(f"{c['field']} {c['old']} → {c['new']}" for c in o["replaced"]["changes"])
    return f"{what} replaces the entry in {o['replaced']['file']} ({changes or 'no change'})"


def overrides_cell(overrides: Sequence[JsonDict]) -> str | None:
    """Overrides as one table cell: each `override_text` clause, joined by " | "; None (an
    empty cell) for none.

    >>> overrides_cell([{"layer": "costs", "id": "x", "file": "mine/costs.yaml", "replaced": None}])
    "costs 'x' from mine/costs.yaml is added to the data"
    """
    return " | ".join(override_text(o) for o in overrides) or None


def route_rows(routes: Sequence[JsonDict]) -> list[JsonDict]:
    """Compare's routes as rows of a table (CSV): what your folders added or replaced behind a
    route becomes one ``overrides`` cell, where `flatten` would leave the list to the JSON."""
    return [{**r, "overrides": overrides_cell(r["overrides"])} for r in routes]


#: How many ids a note on what one of your files added names before it counts the rest.
ADDED_NAMED: Final[int] = 5


def override_notes(overrides: Sequence[JsonDict]) -> list[str]:
    """ "Your data" notes: one for each entry your folders replaced, field by field, and one for
    the entries each file added to a layer (the first `ADDED_NAMED` named, the rest counted:
    the JSON and the CSV list them all), in the order they were read.

    >>> added = [{"layer": "nodes", "id": f"n{i}", "file": "f", "replaced": None} for i in range(7)]
    >>> override_notes(added[:2])
    ['Your data: f adds to nodes: n0, n1.']
    >>> override_notes(added)
    ['Your data: f adds to nodes: n0, n1, n2, n3, n4 and 2 more.']
    """
    added: dict[tuple[str, str], list[str]] = {}
    notes: list[str | tuple[str, str]] = []
    for o in overrides:
        if o["replaced"] is not None:
            notes.append(f"Your data: {override_text(o)}.")
            continue
        key = (o["file"], o["layer"])
        if key not in added:
            added[key] = []
            notes.append(key)  # the group's note goes where its first entry was read
        added[key].append(o["id"])
    return [note if isinstance(note, str) else _added_note(*note, added[note]) for note in notes]


def _added_note(file: str, layer: str, ids: Sequence[str]) -> str:
    named = ", ".join(ids[:ADDED_NAMED])
    more = f" and {len(ids) - ADDED_NAMED} more" if len(ids) > ADDED_NAMED else ""
    return f"Your data: {file} adds to {layer}: {named}{more}."


def override_row(o: JsonDict) -> str:
    """What your folders did to one entry, for its own row in a popup: ``added by FILE``, or
    `override_text` of what it replaced.

    >>> override_row({"layer": "nodes", "id": "n", "file": "mine/nodes.geojson", "replaced": None})
    'added by mine/nodes.geojson'
    >>> change = {"field": "name", "old": "A", "new": "B"}
    >>> override_row({"layer": "nodes", "id": "n", "file": "mine/nodes.geojson", "replaced": {
    ...     "file": "geodata/nodes.geojson", "changes": [change]}})
    "nodes 'n' from mine/nodes.geojson replaces the entry in geodata/nodes.geojson (name A → B)"
    """
    return f"added by {o['file']}" if o["replaced"] is None else override_text(o)


def cited(m: RouteMetrics, risk: Risk) -> list[str]:
    """The sources a route's figures cite, then those of its risk factors' inputs, each once."""
    from routes.risk import risk_sources

    return list(dict.fromkeys([*m.sources, *risk_sources(risk)]))


def route_overrides(net: Network, m: RouteMetrics, sources: Sequence[str]) -> list[JsonDict]:
    """What your folders added or replaced among the entries a route rests on (`entries_behind`)."""
    return [override_to_dict(o) for o in net.overrides_for(entries_behind(net, m, sources))]


def entries_behind(net: Network, m: RouteMetrics, sources: Sequence[str]) -> set[tuple[str, str]]:
    """Every entry a route's figures rest on, as (layer, id): the route, its segments, nodes
    (the pump stations on its lines too), chokepoints, costs, crudes, the countries it crosses
    (their indicators and their outlines), assumptions, events and sources."""
    segments = {s.id for s in (*m.segments, *m.parallel_segments)}
    nodes = (
        {n.id for n in m.nodes}
        | set(m.nodes_along)  # pump stations on its lines
        | set(m.chokepoints)
        | {m.origin, m.destination}
    )
    crudes = {
        el.crude for el in (*(s.element for s in m.segments), *m.nodes) if el.crude is not None
    }
    assumptions = {t.assumption for t in m.transit_breakdown if t.assumption}
    if any(el.crude is None for el in (*(s.element for s in m.segments), *m.nodes)):
        assumptions.add("bbl-per-t")
    events = {e.id for e in net.events_for(segments | nodes)}
    countries = set(m.length_km_by_country)
    return {
        ("routes", m.id),
        *(("segments", i) for i in segments),
        *(("nodes", i) for i in nodes),
        *(("crudes", i) for i in crudes),
        *(("costs", c.id) for c in m.costs),
        *(("countries", i) for i in countries),
        *(("boundaries", i) for i in countries),
        *(("assumptions", i) for i in assumptions),
        *(("events", i) for i in events),
        *(("sources", i) for i in sources),
    }


def provenance(net: Network) -> JsonDict:
    """The keys every whole-network document carries after its data version: the folders read,
    in order, and what your folders added or replaced."""
    return {
        "data_folders": list(net.folders),
        "overrides": [override_to_dict(o) for o in net.overrides],
    }


def compare_document(
    net: Network,
    metrics: Sequence[RouteMetrics],
    risks: Sequence[Risk],
    profile: Profile,
    swaps: Sequence[Swap] | None = None,
) -> JsonDict:
    """The `routes.compare/1` document; the ranking's stability (`swaps`) is worked out here
    unless given."""
    from routes.risk import ranking, ranking_stability

    if swaps is None:
        swaps = ranking_stability(net, metrics, profile, risks=risks)

    routes = []
    for m, r in zip(metrics, risks, strict=True):
        doc = route_to_dict(net, m)
        doc["risk_score"], doc["risk_factors"] = risk_to_dict(r)
        doc["sources"] = cited(m, r)
        doc["overrides"] = route_overrides(net, m, doc["sources"])
        routes.append(doc)
    return {
        "schema": "routes.compare/1",
        "data_version": net.data_version,
        **provenance(net),
        "weights": {k: round(v, 4) for k, v in profile.weights.items()},
        "weights_profile": {
            "name": profile.name,
            "version": profile.version,
            "digest": profile.digest,
        },
        "routes": routes,
        "ranking_by_risk": ranking(risks),
        "ranking_stability": {
            "weight_change": "±25%",
            "stable": not swaps,
            "swaps": [
                {"factor": s.factor, "change": s.change, "routes": list(s.routes)} for s in swaps
            ],
        },
    }


#: The bound that qualifies a sortable field, where it has one.
FIELD_BOUNDS: Final[dict[str, str]] = {
    "capacity_kbd": "capacity_bound",
    "capacity_mtpa": "capacity_bound",
    "capacity_if_built_kbd": "capacity_if_built_bound",
    "spare_capacity_kbd": "spare_capacity_bound",
    "cost_usd_per_bbl": "cost_bound",
    "cost_usd_per_t": "cost_bound",
}


def sort_routes(routes: list[JsonDict], field: str | None) -> list[JsonDict]:
    """Sort route documents by a field; '-field' sorts descending. Exact values come first,
    then bounds (a cost that is only "at least" is not known to be the lowest), then missing
    values."""
    if not field:
        return routes
    key = field.lstrip("-")
    bound = FIELD_BOUNDS.get(key)

    def exact(r: JsonDict) -> bool:
        return bound is None or r.get(bound) == "exact"

    groups = (
        [r for r in routes if r.get(key) is not None and exact(r)],
        [r for r in routes if r.get(key) is not None and not exact(r)],
        [r for r in routes if r.get(key) is None],
    )
    return [
        *sorted(groups[0], key=lambda r: r[key], reverse=field.startswith("-")),
        *sorted(groups[1], key=lambda r: r[key], reverse=field.startswith("-")),
        *groups[2],
    ]


def _q(d: JsonDict, nd: int = 0, *, key: str = "value") -> str:
    """A figure dict from JSON as a table cell, in the shared vocabulary."""
    return text(Quantity(d[key], d["unit"], d["bound"], assumption=d["assumption"]), nd)


@dataclass(frozen=True)
class Cell:
    """One cell of a side-by-side table: its text and the sources behind it, or (for a risk
    factor) the inputs it rests on, each with its own sources."""

    text: str
    sources: tuple[str, ...] = ()
    inputs: tuple[JsonDict, ...] = ()
    what: str = ""


def compare_rows(routes: Sequence[JsonDict]) -> list[tuple[str, list[Cell]]]:
    """(label, one cell per route) for the side-by-side views."""

    def cells(
        f: Callable[[JsonDict], str], src: Callable[[JsonDict], Sequence[str]] = lambda r: ()
    ) -> list[Cell]:
        return [Cell(f(r), tuple(src(r))) for r in routes]

    def fig_sources(name: str) -> Callable[[JsonDict], Sequence[str]]:
        return lambda r: r["figures"][name]["sources"]

    rows = [
        ("status", cells(lambda r: r["status"].replace("_", " "))),
        ("from → to", cells(lambda r: f"{r['origin']} → {r['destination']}")),
        ("length, km", cells(lambda r: _q(r["figures"]["length_km"]), fig_sources("length_km"))),
        (
            "by mode, km",
            cells(lambda r: parts_text(r["length_km_by_mode"], r["figures"]["length_km"]["value"])),
        ),
        (
            "by country, km",
            cells(
                lambda r: parts_text(r["length_km_by_country"], r["figures"]["length_km"]["value"])
            ),
        ),
        (
            "capacity today, kb/d",
            cells(lambda r: _q(r["figures"]["capacity"]), fig_sources("capacity")),
        ),
        (
            "capacity today, Mt/yr",
            cells(lambda r: _q(r["figures"]["capacity_mtpa"], 1), fig_sources("capacity_mtpa")),
        ),
        ("set by", cells(lambda r: r["bottleneck"] or "n/a")),
        (
            "capacity if built or restarted, kb/d",
            cells(
                lambda r: _q(r["figures"]["capacity_if_built"]), fig_sources("capacity_if_built")
            ),
        ),
        (
            "spare today, kb/d",
            cells(lambda r: _q(r["figures"]["spare_capacity"]), fig_sources("spare_capacity")),
        ),
        (
            "cost, USD/bbl",
            cells(
                lambda r: _q(r["figures"]["cost_usd_per_bbl"], 2), fig_sources("cost_usd_per_bbl")
            ),
        ),
        (
            "transit, days",
            cells(lambda r: _q(r["figures"]["transit_days"], 1), fig_sources("transit_days")),
        ),
        ("transshipments", cells(lambda r: str(r["transshipments"]))),
        ("chokepoints", cells(lambda r: ", ".join(r["chokepoints"]) or "none")),
        ("risk score (0–100)", cells(lambda r: f"{r['risk_score']:.1f}")),
    ]
    factors = list(routes[0]["risk_factors"]) if routes else []
    for name in factors:
        weight = routes[0]["risk_factors"][name]["weight"]
        rows.append(
            (
                f"  {FACTOR_LABELS.get(name, name)} (weight {weight:.2f})",
                [
                    Cell(
                        f"{r['risk_factors'][name]['value']:.2f} → "
                        f"{r['risk_factors'][name]['contribution']:.1f}",
                        inputs=tuple(r["risk_factors"][name]["inputs"]),
                        what=f"{r['name']}, {FACTOR_LABELS.get(name, name)}: "
                        f"{r['risk_factors'][name]['explanation']}",
                    )
                    for r in routes
                ],
            )
        )
    return rows


def ranking_text(doc: JsonDict) -> str:
    """The risk ranking as printed, highest first, routes whose printed scores tie joined by
    ``=``: ``cpc > atyrau-samara = baku-supsa``."""
    score = {r["id"]: r["risk_score"] for r in doc["routes"]}
    out = ""
    for i, rid in enumerate(doc["ranking_by_risk"]):
        if i:
            previous = doc["ranking_by_risk"][i - 1]
            out += " = " if score.get(rid) == score.get(previous) else " > "
        out += rid
    return out


def compare_notes(doc: JsonDict) -> list[str]:
    """The notes under every comparison (terminal, Markdown): each route's notes, then the
    ranking's stability."""
    notes = [
        f"{r['name']}: {n}"
        for r in doc["routes"]
        for n in (w[0].lower() + w[1:] for w in r["warnings"])
    ]
    notes = [n if n.endswith(".") else n + "." for n in notes]
    seen: dict[tuple[str, str], JsonDict] = {}
    for r in doc["routes"]:
        for o in r.get("overrides", ()):
            seen.setdefault((o["layer"], o["id"]), o)
    notes += override_notes(list(seen.values()))
    stability = doc["ranking_stability"]
    if stability["stable"]:
        notes.append(
            "Risk ranking is stable: no pair of routes swaps when any weight moves by ±25%."
        )
    else:
        notes += [
            f"Weight of {s['factor']} {s['change']}: {s['routes'][0]} and "
            f"{s['routes'][1]} swap places in the risk ranking."
            for s in stability["swaps"]
        ]
    return notes


def _input_text(inp: JsonDict) -> str:
    value = inp["value"]
    shown = "not sourced" if value is None else f"{value:g} {inp['unit']}"
    return (
        shown
        + (" (assumption)" if inp["assumption"] else "")
        + (f"; {inp['note']}" if inp.get("note") else "")
    )


class Footnotes:
    """Numbered footnote markers, in order of first use, for a Markdown document."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def mark(self, ids: Sequence[str]) -> str:
        out = []
        for sid in dict.fromkeys(ids):
            n = self.order.setdefault(sid, len(self.order) + 1)
            out.append(f"[^{n}]")
        return "".join(out)

    def definitions(self, sources: Mapping[str, JsonDict]) -> str:
        lines = []
        for sid, n in self.order.items():
            lines.append(f"[^{n}]: {source_line(sources[sid], markdown=True)}")
        return "\n".join(lines) + "\n"


def compare_markdown(doc: JsonDict, sources: Mapping[str, JsonDict]) -> str:
    """A memo-ready Markdown comparison: the table with numbered footnote markers on every
    sourced figure, the notes, the footnotes (every source the routes rest on, from `sources`:
    `source_rows`) and the data version."""
    routes = doc["routes"]
    notes = Footnotes()
    header = ["", *(r["name"] for r in routes)]
    appendix: list[Cell] = []

    def cell_text(c: Cell) -> str:
        if not c.inputs:
            return c.text + notes.mark(c.sources)
        appendix.append(c)
        return f"{c.text} (R{len(appendix)})"

    body = [[label, *(cell_text(c) for c in cells)] for label, cells in compare_rows(routes)]
    out = [markdown_table(header, body), f"\n{LEGEND}.\n"]
    out.append("\nNotes:\n\n" + "".join(f"- {md(n)}\n" for n in compare_notes(doc)))
    if appendix:
        out.append(
            "\nRisk factor inputs:\n\n"
            + "".join(
                f"- R{i}. {md(c.what)}.\n"
                + "".join(
                    f"  - {md(inp['label'])}: {md(_input_text(inp))}{notes.mark(inp['sources'])}\n"
                    for inp in c.inputs
                )
                for i, c in enumerate(appendix, start=1)
            )
        )
    out.append("\nSources:\n\n" + notes.definitions(sources))
    # Sources the routes rest on that no figure in this table cites (geometry, positions):
    # listed, numbered on, but not as footnotes, which Markdown drops when nothing refers to them.
    rest = [
        s for s in dict.fromkeys(s for r in routes for s in r["sources"]) if s not in notes.order
    ]
    if rest:
        first = len(notes.order) + 1
        out.append(
            "\nFurther sources behind the routes (geometry, positions, notes):\n\n"
            + "".join(
                f"{n}. {source_line(row, markdown=True)}\n"
                for n, row in enumerate(numbered(sources, rest), start=first)
            )
        )
    profile = doc["weights_profile"]
    out.append(
        md(
            f"\nData version {doc['data_version']}; risk profile {profile['name']} "
            f"v{profile['version']} ({profile['digest']})."
        )
        + "\n"
    )
    return "".join(out)
