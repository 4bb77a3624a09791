"""Writes the data format's documentation from `routes.schema`: `docs/data.md` and one JSON
Schema a file in `routes/schemas/`, so that the prose, the schemas and validation never drift.

Regenerate both after changing the format (a test fails while they are stale)::

    python -m routes.datadoc
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Final

from routes.schema import FILES, Field, FileSpec
from routes.template import FILES as TEMPLATE
from routes.validate import DATE_PATTERN, ID_PATTERN, YEARS

SCHEMA_BASE: Final[str] = "https://routes.example/schemas/"
#: The validator's own rules, so that the schemas cannot drift from them.
ID_REGEX: Final[str] = ID_PATTERN.pattern
DATE_REGEX: Final[str] = DATE_PATTERN.pattern


def _field_schema(f: Field) -> dict[str, Any]:
    """The JSON Schema of one field (null allowed where the field is optional)."""
    out: dict[str, Any]
    if f.kind == "id":
        out = {"type": "string", "pattern": ID_REGEX}
    elif f.kind == "text":
        out = {"type": "string"}
    elif f.kind == "number":
        out = {"type": "number"}
    elif f.kind == "year":
        out = {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]}
    elif f.kind == "date":
        out = {"type": "string", "pattern": DATE_REGEX}
    elif f.kind == "bool":
        out = {"type": "boolean"}
    elif f.kind == "ids":
        out = {
            "oneOf": [
                {"type": "string", "pattern": ID_REGEX},
                {"type": "array", "items": {"type": "string", "pattern": ID_REGEX}},
            ]
        }
    elif f.kind == "choice":
        out = {"type": "string", "enum": list(f.choices)} if f.choices else {"type": "string"}
    elif f.kind in ("figure", "mapping"):
        out = _object(f.fields)
        if f.kind == "figure" and f.choices:
            out["properties"]["unit"] = {"type": "string", "enum": list(f.choices)}
        if any(x.name == "unlimited" for x in f.fields):  # an open-sea leg names no unit
            out["required"] = []
            out["oneOf"] = [{"required": ["unit"]}, {"required": ["unlimited"]}]
    elif f.kind == "list" and f.name == "segments":
        branch = {"type": "array", "items": {"type": "string", "pattern": ID_REGEX}, "minItems": 1}
        out = {
            "type": "array",
            "minItems": 1,
            "items": {
                "oneOf": [
                    {"type": "string", "pattern": ID_REGEX},
                    {
                        "type": "object",
                        "properties": {
                            "parallel": {"type": "array", "items": branch, "minItems": 2}
                        },
                        "required": ["parallel"],
                        "additionalProperties": False,
                    },
                ]
            },
        }
    elif f.kind == "list":
        out = {"type": "array", "items": _object(f.fields) if f.fields else {}}
    else:
        out = {}
    out["description"] = f.description + (f" Unit: {f.unit}." if f.unit else "")
    if not f.required and f.kind != "any":
        out = {"anyOf": [out, {"type": "null"}], "description": out.pop("description")}
    return out


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def json_schema(spec: FileSpec) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one data file: a list of entries for YAML, a
    FeatureCollection for GeoJSON."""
    entry = _object(spec.fields)
    if spec.geometry:
        item: dict[str, Any] = {
            "type": "object",
            "properties": {
                "type": {"const": "Feature"},
                "properties": entry,
                "geometry": {
                    "type": "object",
                    "properties": {
                        "type": {"enum": list(spec.geometry)},
                        "coordinates": {"type": "array"},
                    },
                    "required": ["type", "coordinates"],
                },
            },
            "required": ["type", "properties", "geometry"],
        }
        body: dict[str, Any] = {
            "type": "object",
            "properties": {
                "type": {"const": "FeatureCollection"},
                "features": {"type": "array", "items": item},
            },
            "required": ["type", "features"],
        }
    else:
        body = {"type": "array", "items": entry}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{spec.layer}.schema.json",
        "title": spec.file,
        "description": spec.description,
        **body,
    }


def _kind_text(f: Field) -> str:
    return {
        "id": "id",
        "text": "text",
        "number": "number",
        "year": "year",
        "date": "date (YYYY-MM-DD)",
        "bool": "true/false",
        "ids": "list of ids",
        "choice": "one of",
        "mapping": "mapping",
        "list": "list",
        "figure": "figure",
        "any": "any",
    }[f.kind]


def _rows(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    rows = []
    for f in fields:
        allowed = ", ".join(f"`{c}`" for c in f.choices) if f.choices else ""
        note = "" if f.read else " (informative: kept, not computed with)"
        rows.append(
            f"| `{prefix}{f.name}` | {_kind_text(f)} | {f.unit or ''} | "
            f"{'yes' if f.required else ''} | {allowed} | {f.description}{note} |"
        )
        if f.fields and f.name != "segments":
            sub = f"{prefix}{f.name}[]." if f.kind == "list" else f"{prefix}{f.name}."
            rows += _rows(
                tuple(x for x in f.fields if not (f.kind == "figure" and x.name == "unit")), sub
            )
    return rows


def _example(spec: FileSpec) -> str:
    if spec.file in TEMPLATE:
        lang = "json" if spec.file.endswith(".geojson") else "yaml"
        return f"Example (from `routes init`):\n\n```{lang}\n{TEMPLATE[spec.file]}```\n"
    return "An example is in the packaged file of that name (`routes data-path`).\n"


def rules_markdown() -> str:
    """The rules validation applies beyond each field's type, with their numbers."""
    from routes.io import DATA_SUFFIXES, MAX_NESTING
    from routes.validate import (
        ASSUMPTION_FAMILIES,
        ENDPOINT_TOLERANCE_KM,
        MAX_BY_UNIT,
        MAX_COST,
        MAX_FLOW_KBD,
        MAX_RADIUS_KM,
        MAX_SHARE_OFF_LAND,
        REGION_MARGIN_DEG,
        THROUGHPUT_SLACK,
        YEARS,
    )

    families = "\n".join(
        f"| `{name}` | {' or '.join(fam.units) if len(fam.units) < 4 else 'any flow unit'} | "
        f"{'above' if fam.positive and fam.minimum == 0 else 'from'} {fam.minimum:g}"
        f"{'' if math.isinf(fam.maximum) else f' to {fam.maximum:g}'} | "
        f"{'yes' if fam.default else 'no'} | {'yes' if fam.targeted else 'no'} |"
        for name, fam in ASSUMPTION_FAMILIES.items()
    )
    limits = ", ".join(f"{v:,.0f} {u}" for u, v in {**MAX_COST, **MAX_BY_UNIT}.items())
    return f"""## Rules beyond the fields

`routes validate` (and every command) reports each problem as one sentence naming the file,
the entry, the field, the value and the fix; nothing is skipped silently.

- **Folders.** A `--data` folder holds only the files above. A sub-folder, a link to nowhere,
  or a data file under another name ({", ".join(sorted(DATA_SUFFIXES))}, e.g. `routes.yml`)
  is reported. Folders given with several `--data` are laid in order: a later entry with the
  id of an earlier one **replaces it whole** (one that leaves out a required field the earlier
  one has is refused, with how to copy it), a new id adds to the data. The outputs list what
  your folders added or replaced, field by field (`overrides` in JSON, in compare's CSV and
  in `export`; "Your data" notes in tables, Markdown, the memo and the map's popups; not the
  scenario and critical CSV tables).
- **Syntax.** UTF-8 (a byte-order mark is accepted); YAML or JSON. A key given twice in one
  mapping is refused (the later value would silently win); so are NaN and Infinity, and
  nesting deeper than {MAX_NESTING} levels. Dates stay text until checked: an impossible date
  (`2022-02-30`) is named, and years lie in {YEARS[0]}–{YEARS[1]}.
- **Unknown keys** anywhere (a misspelt `throughtput`) are reported with the closest field.
- **Ids** use letters, digits, `-`, `_` and `.`; a node and a segment may not share one.
- **Geometry** is WGS84 `[longitude, latitude]`. A segment's first and last positions lie
  within {ENDPOINT_TOLERANCE_KM:g} km of its `from` and `to` nodes; it may not jump across the
  antimeridian or cross or double back on itself. Nodes lie inside the region the boundaries
  cover (plus {REGION_MARGIN_DEG:g}°). A pipeline or rail leg lies on land: more than
  {MAX_SHARE_OFF_LAND:.0%} of it off every country means its coordinates are swapped or of the
  wrong sign, unless it says `offshore: true` (a subsea line).
- **Routes** chain: each segment starts where the last ended, parallel branches end at the
  same node, the last segment ends at the destination; a route may not list a segment twice
  or come back to a node it passed.
- **Figures.** A value has a unit from the field's list and sources (unless
  `assumption: true`), and the year it holds for where the source gives one; a null value has
  a note. Values past any real asset are taken for a unit
  mistake: flows above {MAX_FLOW_KBD:,.0f} kb/d, and {limits}. Recorded throughput may not pass
  the capacity (by more than {THROUGHPUT_SLACK:.1%}, for rounding). A chokepoint's
  `radius_km` is at most {MAX_RADIUS_KM:g}.
- **Costs.** One item of a kind per segment: a second tariff on a segment would be paid twice
  (to change a packaged tariff, use its id). An item covers segments of one crude.
- **Sources** point at the document itself: a site's homepage, or two entries with one
  address, is refused.
- **Assumptions** are read by family, in the family's unit and range; an id routes does not
  read is refused. `default`: the family's own id holds for every target; `targeted`:
  `<family>.<name>` with `applies_to` overrides it for those targets.

| family | unit | values | default | targeted |
|---|---|---|---|---|
{families}
"""


def data_markdown() -> str:
    """The whole of docs/data.md."""
    parts = [
        """# The data format

`routes` reads a folder of files: the packaged `geodata/` first, then each `--data` folder
(or each folder given to `routes.load`) in order. Start one with `routes init my-routes/`,
which writes a commented example that validates as is; `routes data-path` prints where the
packaged data lives.

Every figure carries its unit, the year it holds for and its sources; a figure no source
gives is null with a note; a stand-in is labelled `assumption: true`. Each file's JSON Schema
ships in the package (`routes/schemas/<file>.schema.json`), written from the same description
as this page and the checks of `routes validate`. Generated by `python -m routes.datadoc`;
do not edit by hand.

A **figure** is a mapping: `value` (a number, or null), `unit` (from the field's list),
`as_of` (a year), `sources` (ids), `note`, `assumption` (true for a labelled stand-in).
"""
    ]
    for spec in FILES:
        geometry = (
            f" Each feature's geometry is a {' or '.join(spec.geometry)}."
            if spec.geometry
            else " The file is a list of entries."
        )
        parts.append(
            f"## `{spec.file}`\n\n{spec.description}{geometry}\n\n"
            "| field | type | unit | required | allowed values | meaning |\n"
            "|---|---|---|---|---|---|\n" + "\n".join(_rows(spec.fields)) + "\n\n" + _example(spec)
        )
    parts.append(rules_markdown())
    return "\n".join(parts)


def write(root: Path) -> list[Path]:
    """Write docs/data.md and routes/schemas/*.schema.json under a checkout's root."""
    written = []
    docs = root / "docs" / "data.md"
    docs.write_text(data_markdown(), encoding="utf-8")
    written.append(docs)
    folder = root / "routes" / "schemas"
    folder.mkdir(exist_ok=True)
    for spec in FILES:
        path = folder / f"{spec.layer}.schema.json"
        path.write_text(
            json.dumps(json_schema(spec), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in write(Path(__file__).resolve().parent.parent):
        print(f"Wrote {p}")
