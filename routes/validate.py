"""Checks raw records at load time and builds the typed network, reporting every problem found.

Each problem is one sentence naming the file, the feature and field, the bad value and the fix.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from routes.errors import DataError, UsageError, closest, closest_choice, did_you_mean, shown
from routes.io import LAYER_FILES, RawData, RawRecord, display_path
from routes.network import (
    CAPACITY_SCOPES,
    COST_KINDS,
    EVENT_CATEGORIES,
    MODES,
    NODE_KINDS,
    SEA,
    SHIPPERS,
    STATUSES,
    Assumption,
    Boundary,
    Comparison,
    Cost,
    Country,
    Crude,
    Event,
    Figure,
    Network,
    Node,
    NodeUnit,
    Outage,
    Override,
    Route,
    Scenario,
    Segment,
    Source,
    Stage,
    SupplyItem,
    Throughput,
)
from routes.schema import SPECS, unknown_fields
from routes.schema import Field as SchemaField
from routes.units import (
    COST_UNITS,
    FLOW_UNITS,
    VOLUME_UNITS_KBD,
    VOLUME_UNITS_MBBL,
    flow_to_kbd,
)

#: A segment's first and last vertices must lie this close to its nodes.
ENDPOINT_TOLERANCE_KM: Final[float] = 2.0
ID_PATTERN: Final[re.Pattern[str]] = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
T = TypeVar("T")

if TYPE_CHECKING:
    from routes.geometry import CountryIndex


#: The largest flow any asset here may carry, in kb/d: above the biggest pipelines and
#: terminals (about 2 mb/d) by a wide margin, so only a unit mistake or a typo trips it.
MAX_FLOW_KBD: Final[float] = 25_000.0
#: The smallest flow other than none, in kb/d: one barrel a day.
MIN_FLOW_KBD: Final[float] = 0.001
#: The largest tariff or freight: far above any crude transport cost (a few to ~60 USD/t).
MAX_COST: Final[dict[str, float]] = {"USD/t": 2_000.0, "USD/bbl": 300.0}
#: Upper bounds of other figures by unit, each far above any real value.
MAX_BY_UNIT: Final[dict[str, float]] = {
    "km": 20_000.0,
    "kt": 1e6,
    **{u: 1e4 for u in VOLUME_UNITS_MBBL},
}
#: Dates and years outside this span are typing mistakes (a year 9999, a year 20).
YEARS: Final[tuple[int, int]] = (1900, 2100)
DATE_PATTERN: Final[re.Pattern[str]] = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: The widest a chokepoint's radius may be; a larger number is likely metres.
MAX_RADIUS_KM: Final[float] = 200.0


class Checker:
    """Collects problems while records are turned into values."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        #: Ids of records that exist but failed validation: a reference to one of them is not
        #: reported again (its own problem already is), so one mistake gives one message.
        self.invalid: set[str] = set()
        #: Segments built but dropped for a problem with their links: they still count when
        #: asking where oil can go, so that one problem does not cascade into others.
        self.dropped: dict[str, Segment] = {}
        #: (record, field) pairs a misspelt key stood for: that the field is missing is no
        #: news after the did-you-mean, so it gets no message of its own.
        self.misspelt: set[tuple[str, str]] = set()

    def add(self, rec: RawRecord, field: str, message: str) -> None:
        if (rec.label, field) not in self.misspelt:
            self.problems.append(f"{rec.label} field '{field}' {message}")

    def known(
        self,
        rec: RawRecord,
        fields: tuple[SchemaField, ...],
        data: Mapping[str, Any] | None = None,
    ) -> bool:
        """Report every key no field describes, with the closest field name; False if any."""
        doc = data if data is not None else rec.data
        ok = True
        for path, allowed in unknown_fields(fields, doc):
            key = path.rsplit(".", 1)[-1]  # a path is keys and [i] joined by dots
            match = closest_choice(key, allowed)
            self.add(
                rec, path, f"is not a field here{did_you_mean(match)}; use {', '.join(allowed)}"
            )
            meant = path[: len(path) - len(key)] + match if match is not None else None
            if meant is not None and _lookup(doc, meant) is None:
                self.misspelt.add((rec.label, meant))
            ok = False
        return ok

    def text(self, rec: RawRecord, field: str, *, required: bool = True) -> str | None:
        value = rec.data.get(field)
        if value is None or value == "":
            if required:
                self.add(rec, field, "is missing; add a non-empty text value")
            return None
        if not isinstance(value, str):
            self.add(rec, field, f"is {shown(value)}, not text; write it as a quoted string")
            return None
        return value

    def optional_text(
        self,
        rec: RawRecord,
        field: str,
        data: Mapping[str, Any] | None = None,
        key: str | None = None,
    ) -> str | None:
        """A free-text field that may be absent; anything but text is reported."""
        value = (data if data is not None else rec.data).get(key or field)
        if value is None or isinstance(value, str):
            return value
        self.add(rec, field, f"is {shown(value)}, not text; write it as a quoted string")
        return None

    def flag(
        self,
        rec: RawRecord,
        field: str,
        data: Mapping[str, Any] | None = None,
        key: str | None = None,
    ) -> bool:
        """A true/false field (`key` of `data`, named `field` in messages), false when absent;
        anything else is reported."""
        value = (data if data is not None else rec.data).get(key or field, False)
        if isinstance(value, bool):
            return value
        self.add(rec, field, f"is {shown(value)}; write true or false")
        return False

    def ident(self, rec: RawRecord, field: str = "id") -> str | None:
        value = self.text(rec, field)
        if value is not None and not ID_PATTERN.match(value):
            self.add(
                rec, field, f"is {shown(value)}; use letters, digits, '-', '_' or '.', no spaces"
            )
            return None
        return value

    def choice(self, rec: RawRecord, field: str, choices: Iterable[str]) -> str | None:
        value = self.text(rec, field)
        options = tuple(choices)
        if value is not None and value not in options:
            self.add(
                rec,
                field,
                f"is {shown(value)}, not a known value"
                f"{closest(value, options)}; use one of {', '.join(options)}",
            )
            return None
        return value

    def id_list(
        self, rec: RawRecord, field: str, *, required: bool = True, raw: Any = None
    ) -> tuple[str, ...]:
        value = rec.data.get(field) if raw is None else raw
        if value is None or value == []:
            if required:
                self.add(rec, field, "is missing or empty; list at least one id")
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.add(rec, field, f"is {shown(value)}; give a list of ids")
            return ()
        return tuple(value)

    def number(
        self,
        rec: RawRecord,
        field: str,
        raw: Any,
        *,
        positive: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        if isinstance(raw, str) and _reads_as_number(raw):
            self.add(
                rec,
                field,
                f"is {shown(raw)}, text rather than a number; write it in plain "
                "digits such as 12.5 (YAML reads 1e5 as text: write 100000)",
            )
            return None
        if (
            isinstance(raw, bool)
            or not isinstance(raw, int | float)
            or math.isnan(raw)
            or math.isinf(raw)
        ):
            self.add(
                rec, field, f"is {shown(raw)}, not a number; write a plain number such as 12.5"
            )
            return None
        value = float(raw)
        if positive and value <= 0:
            self.add(
                rec,
                field,
                f"is {shown(raw)}; it must be greater than zero (use null with "
                "a note when the figure is unknown)",
            )
            return None
        if minimum is not None and maximum is not None and not minimum <= value <= maximum:
            self.add(
                rec,
                field,
                f"is {shown(raw)}, outside {minimum:g}–{maximum:g}; give a value in that range",
            )
            return None
        if minimum is not None and value < minimum:
            self.add(rec, field, f"is {shown(raw)}, below {minimum:g}; give {minimum:g} or more")
            return None
        if maximum is not None and value > maximum:
            self.add(
                rec,
                field,
                f"is {shown(raw)}, above {maximum:g}; give {maximum:g} or less (check the unit)",
            )
            return None
        return value

    def year(self, rec: RawRecord, field: str, raw: Any) -> int | None:
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int) or not YEARS[0] <= raw <= YEARS[1]:
            self.add(rec, field, f"is {shown(raw)}; give a four-digit year such as 2024")
            return None
        return raw

    def sources(self, rec: RawRecord, field: str, raw: Any) -> tuple[str, ...] | None:
        """A figure's source ids (one id or a list), None when malformed."""
        if raw is None or raw == []:
            return ()
        if isinstance(raw, str):
            return (raw,)
        if not isinstance(raw, list) or not all(isinstance(v, str) and v for v in raw):
            self.add(rec, field, f"is {shown(raw)}; give a list of source ids from sources.yaml")
            return None
        return tuple(raw)

    def figure(
        self,
        rec: RawRecord,
        field: str,
        raw: Any,
        *,
        units: Iterable[str],
        positive: bool = False,
        bbl_per_t: float | None = None,
    ) -> Figure | None:
        """A figure with its unit, as-of year, sources, note and assumption flag; a value past
        what any real asset reaches in its unit is reported as a likely unit mistake. An empty
        `field` means the figure's keys are the record's own (a cost, an assumption)."""
        if not isinstance(raw, dict):
            self.add(
                rec, field, f"is {shown(raw)}; give a mapping with value, unit, as_of and sources"
            )
            return None
        unit_options = tuple(units)
        unit = raw.get("unit")
        if not isinstance(unit, str) or unit not in unit_options:
            self.add(
                rec,
                _at(field, "unit"),
                f"is {shown(unit)}, not a known unit"
                f"{closest(unit, unit_options)}; use one of {', '.join(unit_options)}",
            )
            return None
        value = None
        if raw.get("value") is not None:
            value = self.number(rec, _at(field, "value"), raw["value"], positive=positive)
            if value is None:
                return None
            if (why := _implausible(value, unit)) is not None:
                self.add(
                    rec,
                    _at(field, "value"),
                    f"is {shown(raw['value'])} {unit}, {why}; check the value and its unit",
                )
                return None
        note = raw.get("note")
        if note is not None and not isinstance(note, str):
            self.add(
                rec, _at(field, "note"), f"is {shown(note)}, not text; write it as a quoted string"
            )
            return None
        sources = self.sources(rec, _at(field, "sources"), raw.get("sources"))
        assumption = self.flag(rec, _at(field, "assumption"), raw, "assumption")
        if sources is None:
            return None
        if value is None and not note:
            self.add(
                rec,
                _at(field, "note"),
                "is missing for a null value; say in a note why the figure is unknown",
            )
        if value is not None and not sources and not assumption:
            self.add(
                rec,
                _at(field, "sources"),
                f"is missing for the value {value:g} {unit}; cite "
                "at least one source id from sources.yaml",
            )
        if "bbl_per_t" in raw:
            self.add(
                rec,
                _at(field, "bbl_per_t"),
                "is no longer read: the factor belongs to the "
                "crude the asset carries; remove it and give the segment or node "
                "'crude: <id>' from crudes.yaml",
            )
        return Figure(
            value=value,
            unit=unit,
            as_of=self.year(rec, _at(field, "as_of"), raw.get("as_of")),
            sources=sources,
            note=note,
            assumption=assumption,
        )

    def throughput(self, rec: RawRecord, field: str = "throughput") -> list[Throughput]:
        """A list of yearly flows, each saying whose oil it counts (`SHIPPERS`)."""
        raw_tp = rec.data.get(field) or []
        if not isinstance(raw_tp, list):
            self.add(
                rec,
                field,
                f"is {shown(raw_tp)}; give a list of {{year, shippers, value, unit, sources}}}}",
            )
            return []
        out = []
        seen: set[tuple[int, str]] = set()
        for i, entry in enumerate(raw_tp):
            where = f"{field}[{i}]"
            raw_year = entry.get("year") if isinstance(entry, dict) else None
            year = self.year(rec, f"{where}.year", raw_year)
            fig = self.figure(rec, where, entry, units=FLOW_UNITS)
            if year is None and isinstance(entry, dict) and entry.get("year") is None:
                self.add(rec, f"{where}.year", "is missing; give the year the flow was recorded")
            shippers = entry.get("shippers") if isinstance(entry, dict) else None
            if shippers not in SHIPPERS:
                seen_value = (
                    "is missing"
                    if shippers is None
                    else f"is {shown(shippers)}{closest(shippers, SHIPPERS)}"
                )
                self.add(
                    rec,
                    f"{where}.shippers",
                    f"{seen_value}; say whose oil the figure "
                    f"counts: {', '.join(SHIPPERS)} (all shippers, Kazakh oil only, or the "
                    "other shippers only)",
                )
                continue
            if year is not None and (year, shippers) in seen:
                self.add(
                    rec,
                    f"{where}",
                    f"repeats year {year} for {shown(shippers)}; give one "
                    "figure a year for each group of shippers",
                )
                continue
            if year is not None and fig is not None:
                seen.add((year, shippers))
                out.append(Throughput(year, fig, shippers))
        return sorted(out, key=lambda t: (t.year, t.shippers))

    def date(self, rec: RawRecord, field: str, *, required: bool) -> dt.date | None:
        raw = rec.data.get(field)
        if raw is None:
            if required:
                self.add(rec, field, "is missing; give a date as YYYY-MM-DD")
            return None
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            day: dt.date | None = raw
        elif isinstance(raw, str) and DATE_PATTERN.match(raw.strip()):
            try:
                day = dt.date.fromisoformat(raw.strip())
            except ValueError:
                self.add(
                    rec,
                    field,
                    f"is {shown(raw)}, a day the calendar does not have "
                    f"({calendar_hint(raw.strip())}); give a real date",
                )
                return None
        else:
            day = None
        if day is None:
            self.add(
                rec, field, f"is {shown(raw)}, not a date of the calendar; write it as YYYY-MM-DD"
            )
            return None
        if not YEARS[0] <= day.year <= YEARS[1]:
            self.add(
                rec, field, f"is {day.isoformat()}, outside {YEARS[0]}–{YEARS[1]}; check the year"
            )
            return None
        return day


def _lookup(data: Any, path: str) -> Any:
    """The value at a field's path (``outages[0].share_lost``), or None when it is absent.

    >>> _lookup({"a": [{"b": 1}]}, "a[0].b"), _lookup({"a": []}, "a[0].b"), _lookup({}, "x")
    (1, None, None)
    """
    for token in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if token.startswith("["):
            i = int(token[1:-1])
            data = data[i] if isinstance(data, list) and i < len(data) else None
        else:
            data = data.get(token) if isinstance(data, Mapping) else None
    return data


def calendar_hint(text: str) -> str:
    """Why a YYYY-MM-DD text is no date: its month has fewer days, or there is no such month.

    >>> calendar_hint("2022-02-30"), calendar_hint("2024-13-01"), calendar_hint("2024-04-00")
    ('February 2022 has 28 days', 'months run from 01 to 12', 'days run from 01')
    """
    import calendar

    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return "months run from 01 to 12"
    if day < 1 or year < 1:
        return "days run from 01" if day < 1 else "years run from 0001"
    name = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )[month - 1]  # not the locale's
    return f"{name} {year} has {calendar.monthrange(year, month)[1]} days"


def _at(field: str, key: str) -> str:
    """The path of a key of a figure: ``capacity.unit``, or ``unit`` for a record's own."""
    return f"{field}.{key}" if field else key


def _reads_as_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _implausible(value: float, unit: str) -> str | None:
    """Why a figure's value is beyond any real asset in its unit, or None."""
    if unit in FLOW_UNITS:
        # The lightest crude (10 bbl/t) gives the most barrels a tonne: the most lenient test.
        kbd = flow_to_kbd(abs(value), unit, 10.0)
        if kbd > MAX_FLOW_KBD:
            about = (
                ""
                if unit == "kb/d"
                else f"about {kbd:,.0f} kb/d, "
                if kbd < 1e12
                else f"about {kbd:.0e} kb/d, "
            )
            return (
                f"{about}more than any asset carries (the largest pipelines carry about "
                f"2,000 kb/d; the limit is {MAX_FLOW_KBD:,.0f})"
            )
        # The heaviest (5 bbl/t) gives the fewest. A flow of less than a barrel a day is a
        # unit mistake, and one near zero would make a transit time (line fill ÷ flow) endless.
        if 0 < flow_to_kbd(abs(value), unit, 5.0) < MIN_FLOW_KBD:
            return "less than a barrel a day, which no asset moves"
        return None
    limit = MAX_COST.get(unit, MAX_BY_UNIT.get(unit))
    if limit is not None and abs(value) > limit:
        return f"more than {limit:,g} {unit}, far above any real figure"
    return None


def _unique(chk: Checker, records: list[RawRecord], key: str = "id") -> list[RawRecord]:
    counts = Counter(r.data.get(key) for r in records if isinstance(r.data.get(key), str))
    seen: set[str] = set()
    out = []
    for rec in records:
        ident = rec.data.get(key)
        if isinstance(ident, str) and counts[ident] > 1:
            if ident in seen:
                chk.add(rec, key, f"repeats the id {shown(ident)}; give each entry its own id")
                continue
            seen.add(ident)
        out.append(rec)
    return out


def _build_all(
    chk: Checker, records: list[RawRecord], build: Callable[[RawRecord], T | None], key: str = "id"
) -> list[T]:
    out = []
    for rec in _unique(chk, records, key):
        value = build(rec)
        if value is not None:
            out.append(value)
        elif isinstance(rec.data.get(key), str):
            chk.invalid.add(rec.data[key])
            units = rec.data.get("units")  # a broken node's loading units are not known either
            if isinstance(units, list):
                chk.invalid.update(
                    u["id"] for u in units if isinstance(u, dict) and isinstance(u.get("id"), str)
                )
    return out


def _check_refs(
    chk: Checker,
    rec: RawRecord,
    field: str,
    ids: Iterable[str],
    known: Mapping[str, object],
    what: str,
    file: str,
) -> bool:
    ok = True
    for ident in ids:
        if ident in known:
            continue
        ok = False
        if ident not in chk.invalid:  # an invalid record's own problem is reported already
            chk.add(
                rec,
                field,
                f"names the unknown {what} {shown(ident)}{closest(ident, known)}; "
                f"use an id defined in {file}",
            )
    return ok


def homepage_or_malformed(url: str) -> str | None:
    """Why a source URL does not point at a document, or None when it does.

    >>> homepage_or_malformed("https://example.org/")
    "a site's homepage"
    >>> homepage_or_malformed("https://www.upstreamonline.com/ (article 2-1-1181751)")
    'not a single web address (it holds a space)'
    >>> homepage_or_malformed("https://lawivy.com/?p=70891") is None
    True
    """
    from urllib.parse import urlsplit

    if any(c.isspace() for c in url):
        return "not a single web address (it holds a space)"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "not a web address (it must start with https:// or http://)"
    if parts.path in ("", "/") and not parts.query:
        return "a site's homepage"
    return None


def _source(chk: Checker, rec: RawRecord) -> Source | None:
    ident = chk.ident(rec)
    title = chk.text(rec, "title")
    if ident is None or title is None:
        return None

    def opt(field: str) -> str | None:
        value = rec.data.get(field)
        return str(value) if value is not None else None

    url = opt("url")
    if url is not None and (why := homepage_or_malformed(url)) is not None:
        chk.add(
            rec,
            "url",
            f"is {shown(url)}, {why}; give the address of the document itself, or "
            "null with the publisher, date and title that name it",
        )
        return None
    if url is None and not (rec.data.get("publisher") and rec.data.get("date")):
        chk.add(
            rec,
            "url",
            "is null and the publisher or date is missing; a source without a "
            "link must name its publisher, date and title",
        )
    return Source(ident, title, url, opt("publisher"), opt("date"), opt("licence"), opt("note"))


def _point(chk: Checker, rec: RawRecord) -> tuple[float, float] | None:
    geom = rec.data.get("geometry")
    if not isinstance(geom, dict) or geom.get("type") != "Point":
        seen = geom.get("type") if isinstance(geom, dict) else geom
        chk.add(rec, "geometry", f"has type {shown(seen)}; a node must be a GeoJSON Point")
        return None
    coords: Any = geom.get("coordinates")
    if not _valid_position(coords):
        chk.add(
            rec,
            "geometry",
            f"has coordinates {shown(coords)}; give [longitude, latitude] in "
            "degrees (longitude first)",
        )
        return None
    return float(coords[0]), float(coords[1])


def _valid_position(pos: Any) -> bool:
    return (
        isinstance(pos, list | tuple)
        and len(pos) in (2, 3)
        and all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in pos
        )
        and -180 <= pos[0] <= 180
        and -90 <= pos[1] <= 90
    )


def _optional_id(chk: Checker, rec: RawRecord, field: str) -> str | None:
    return chk.ident(rec, field) if rec.data.get(field) is not None else None


def _status(
    chk: Checker, rec: RawRecord, data: dict[str, Any] | None = None, where: str = "status"
) -> str | None:
    """The ``status`` of a record (or of one of its units, `data`), operating when absent."""
    raw = (data if data is not None else rec.data).get("status", "operating")
    if raw not in STATUSES:
        chk.add(
            rec,
            where,
            f"is {shown(raw)}, not a known value{closest(raw, STATUSES)}; "
            "use one "
            f"of {', '.join(STATUSES)}",
        )
        return None
    return str(raw)


def _units(chk: Checker, rec: RawRecord) -> tuple[NodeUnit, ...] | None:
    raw = rec.data.get("units")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        chk.add(
            rec,
            "units",
            f"is {shown(raw)}; list the loading units (moorings, berths) as "
            "mappings with id, name, status, capacity and sources",
        )
        return None
    out = []
    for i, entry in enumerate(raw):
        where = f"units[{i}]"
        if not isinstance(entry, dict):
            chk.add(
                rec, where, f"is {shown(entry)}; give a mapping with id, name, status, capacity"
            )
            return None
        ident, name = entry.get("id"), entry.get("name")
        if not isinstance(ident, str) or not ID_PATTERN.match(ident) or not isinstance(name, str):
            chk.add(
                rec,
                where,
                f"has id {shown(ident)} and name {shown(name)}; give each unit a "
                "text "
                "id (letters, digits, '-', '_' or '.') and a name",
            )
            return None
        status = _status(chk, rec, entry, f"{where}.status")
        cap = chk.figure(
            rec, f"{where}.capacity", entry.get("capacity"), units=FLOW_UNITS, positive=True
        )
        srcs = entry.get("sources") or []
        if isinstance(srcs, str):
            srcs = [srcs]
        if not isinstance(srcs, list) or not all(isinstance(x, str) for x in srcs):
            chk.add(rec, f"{where}.sources", f"is {shown(srcs)}; give a list of source ids")
            return None
        if status is None or cap is None:
            return None
        out.append(NodeUnit(ident, name, status, cap, tuple(srcs), note=entry.get("note")))
    return tuple(out)


def _node(chk: Checker, rec: RawRecord) -> Node | None:
    ident, name = chk.ident(rec), chk.text(rec, "name")
    kind = chk.choice(rec, "kind", NODE_KINDS)
    sources = chk.id_list(rec, "sources")
    point = _point(chk, rec)
    radius = rec.data.get("radius_km")
    radius_km = chk.number(rec, "radius_km", radius, positive=True) if radius is not None else None
    if radius_km is not None and radius_km > MAX_RADIUS_KM:
        chk.add(
            rec,
            "radius_km",
            f"is {radius_km:g}, wider than any strait ({MAX_RADIUS_KM:g} km "
            "at most); give the radius in kilometres, not metres",
        )
        radius_km = None
    status = _status(chk, rec)
    capacity = None
    if rec.data.get("capacity") is not None:
        capacity = chk.figure(
            rec, "capacity", rec.data["capacity"], units=FLOW_UNITS, positive=True
        )
        if capacity is None:
            return None
    units = _units(chk, rec)
    throughput = chk.throughput(rec)
    crude = _optional_id(chk, rec, "crude")
    scope = (
        chk.choice(rec, "capacity_scope", CAPACITY_SCOPES)
        if rec.data.get("capacity_scope") is not None
        else "all"
    )
    if None in (ident, name, kind, point, status, units, scope) or not sources:
        return None
    assert ident and name and kind and point and status and units is not None and scope
    return Node(
        ident,
        name,
        kind,
        point[0],
        point[1],
        sources,
        location_quality=chk.optional_text(rec, "location_quality"),
        note=chk.optional_text(rec, "note"),
        radius_km=radius_km,
        status=status,
        capacity=capacity,
        throughput=tuple(throughput),
        crude=crude,
        units=units,
        capacity_scope=scope,
    )


def _line(chk: Checker, rec: RawRecord) -> Any:
    from shapely.geometry import LineString

    geom = rec.data.get("geometry")
    if not isinstance(geom, dict) or geom.get("type") != "LineString":
        seen = geom.get("type") if isinstance(geom, dict) else geom
        chk.add(
            rec,
            "geometry",
            f"has type {shown(seen)}; a segment must be a single GeoJSON "
            "LineString drawn from its 'from' node to its 'to' node",
        )
        return None
    coords = geom.get("coordinates")
    if not isinstance(coords, list) or len(coords) < 2:
        chk.add(
            rec,
            "geometry",
            f"has {len(coords) if isinstance(coords, list) else 0} "
            "positions; a LineString needs at least two",
        )
        return None
    for i, pos in enumerate(coords):
        if not _valid_position(pos):
            chk.add(
                rec,
                "geometry",
                f"position #{i + 1} is {shown(pos)}; give [longitude, "
                "latitude] "
                "in degrees (longitude first)",
            )
            return None
    for i in range(len(coords) - 1):
        if abs(coords[i + 1][0] - coords[i][0]) > 180:
            chk.add(
                rec,
                "geometry",
                f"jumps across the antimeridian from position #{i + 1} "
                f"{shown(coords[i])} to #{i + 2} {shown(coords[i + 1])}; routes measures "
                "lines within longitudes -180–180 that do not wrap: check the longitudes' "
                "signs, or split the line at the antimeridian",
            )
            return None
    line = LineString([(float(p[0]), float(p[1])) for p in coords])
    if line.length == 0:
        chk.add(
            rec,
            "geometry",
            "has all its positions at one point; draw the line between its two nodes",
        )
        return None
    if not line.is_simple:
        lon, lat = _self_crossing(line)
        chk.add(
            rec,
            "geometry",
            f"crosses or doubles back on itself near [{lon:.4f}, "
            f"{lat:.4f}], which would count that stretch twice; draw one "
            "path from its 'from' node to its 'to' node",
        )
        return None
    spike = _turns_back(line)
    if spike is not None:
        chk.add(
            rec,
            "geometry",
            f"turns back on itself at position #{spike + 1} "
            f"{shown(coords[spike])}, which would count that stretch twice; "
            "check that position's order and signs, or draw one path from "
            "its 'from' node to its 'to' node",
        )
        return None
    return line


#: A line that turns by more than this, with both legs longer than `SPIKE_LEG_KM`, runs back
#: along itself (a spike out and back that does not quite touch, which `is_simple` misses).
SPIKE_TURN_DEG: Final[float] = 160.0
SPIKE_LEG_KM: Final[float] = 5.0


def _turns_back(line: Any) -> int | None:
    """The index of the vertex where a line turns back on itself over more than a few km.

    >>> from shapely.geometry import LineString
    >>> _turns_back(LineString([(51.9, 47.1), (51.5, 50.0), (51.6, 48.0), (51.4, 51.0)]))
    1
    >>> _turns_back(LineString([(51.9, 47.1), (51.5, 50.0), (51.4, 51.0)])) is None
    True
    """
    coords = list(line.coords)
    for i, ((x0, y0), (x1, y1), (x2, y2)) in enumerate(
        zip(coords, coords[1:], coords[2:], strict=False)
    ):
        # Degrees scaled to km near the vertex: enough to tell a turn's angle.
        kx = 111.32 * math.cos(math.radians(y1))
        ax, ay, bx, by = (x1 - x0) * kx, (y1 - y0) * 111.32, (x2 - x1) * kx, (y2 - y1) * 111.32
        a, b = math.hypot(ax, ay), math.hypot(bx, by)
        if min(a, b) <= SPIKE_LEG_KM:
            continue
        turn = math.degrees(math.acos(max(-1.0, min(1.0, (ax * bx + ay * by) / (a * b)))))
        if turn > SPIKE_TURN_DEG:
            return i + 1
    return None


def _self_crossing(line: Any) -> tuple[float, float]:
    """Where a line that is not simple first meets itself (a repeated vertex or a crossing)."""
    from shapely.geometry import LineString

    coords = list(line.coords)
    seen: dict[tuple[float, float], int] = {}
    for i, c in enumerate(coords):
        if c in seen and not (i == len(coords) - 1 and seen[c] == 0):
            return c[0], c[1]
        seen[c] = i
    parts = [LineString(coords[i : i + 2]) for i in range(len(coords) - 1)]
    for i, a in enumerate(parts):
        for b in parts[i + 2 :]:
            if a.intersects(b):
                hit = a.intersection(b).representative_point()
                return hit.x, hit.y
    return coords[0][0], coords[0][1]


def _segment(chk: Checker, rec: RawRecord) -> Segment | None:
    ident, name = chk.ident(rec), chk.text(rec, "name")
    mode = chk.choice(rec, "mode", MODES)
    status = chk.choice(rec, "status", STATUSES)
    start, end = chk.ident(rec, "from"), chk.ident(rec, "to")
    sources = chk.id_list(rec, "sources")
    raw_cap = rec.data.get("capacity")
    unlimited = isinstance(raw_cap, dict) and raw_cap.get("unlimited") is True
    if unlimited and isinstance(raw_cap, dict):
        # An open-sea leg: the model puts the loading limit on the terminal instead.
        note = raw_cap.get("note")
        if mode is not None and mode != "tanker":
            chk.add(
                rec,
                "capacity.unlimited",
                f"is true for a {mode} leg; only an open-sea "
                "tanker leg may be left unlimited: give the capacity, or null with a note",
            )
        if not isinstance(note, str) or not note:
            chk.add(
                rec,
                "capacity.note",
                "is missing for an unlimited leg; say where the "
                "limit sits instead (e.g. the loading terminal)",
            )
        capacity: Figure | None = Figure(None, "kb/d", note=note if isinstance(note, str) else None)
    else:
        capacity = chk.figure(rec, "capacity", raw_cap, units=FLOW_UNITS, positive=True)
    throughput = chk.throughput(rec)
    crude = _optional_id(chk, rec, "crude")
    linefill = None
    if rec.data.get("linefill") is not None:
        linefill = chk.figure(
            rec, "linefill", rec.data["linefill"], units=tuple(VOLUME_UNITS_MBBL), positive=True
        )
    published = None
    if rec.data.get("published_length") is not None:
        published = chk.figure(
            rec, "published_length", rec.data["published_length"], units=("km",), positive=True
        )
    line = _line(chk, rec)
    if None in (ident, name, mode, status, start, end, capacity, line) or not sources:
        return None
    assert ident and name and mode and status and start and end and capacity
    offshore = chk.flag(rec, "offshore")
    if offshore and mode == "tanker":
        chk.add(
            rec,
            "offshore",
            "is true for a tanker leg, which is at sea anyway; drop it "
            "(offshore marks a subsea pipeline)",
        )
    return Segment(
        ident,
        name,
        mode,
        start,
        end,
        status,
        chk.optional_text(rec, "operator"),
        capacity,
        tuple(throughput),
        line,
        sources,
        geometry_source=chk.optional_text(rec, "geometry_source"),
        note=chk.optional_text(rec, "note"),
        crude=crude,
        unlimited=unlimited,
        linefill=linefill,
        published_length=published,
        offshore=offshore,
    )


def _crude(chk: Checker, rec: RawRecord) -> Crude | None:
    ident, name = chk.ident(rec), chk.text(rec, "name")
    fig = chk.figure(rec, "bbl_per_t", rec.data.get("bbl_per_t"), units=("bbl/t",), positive=True)
    if fig is not None and fig.value is None:
        chk.add(
            rec,
            "bbl_per_t.value",
            "is null; a crude needs a factor (label a stand-in with assumption: true and a note)",
        )
        return None
    if fig is not None and fig.value is not None and not 5.0 <= fig.value <= 10.0:
        chk.add(
            rec,
            "bbl_per_t.value",
            f"is {fig.value:g}, outside 5–10 barrels per tonne; "
            "give the factor in bbl/t (crude oils lie near 7–8)",
        )
        return None
    if None in (ident, name, fig):
        return None
    assert ident and name and fig
    return Crude(
        ident, name, fig, chk.id_list(rec, "sources", required=False), note=rec.data.get("note")
    )


def _route(chk: Checker, rec: RawRecord) -> Route | None:
    ident, name = chk.ident(rec), chk.text(rec, "name")
    origin, destination = chk.ident(rec, "origin"), chk.ident(rec, "destination")
    raw = rec.data.get("segments")
    stages: list[Stage] = []
    if not isinstance(raw, list) or not raw:
        chk.add(
            rec,
            "segments",
            f"is {shown(raw)}; list the segment ids in order, with "
            "'parallel: [[...], [...]]' for alternative branches",
        )
        return None
    for i, item in enumerate(raw):
        if isinstance(item, str):
            stages.append(Stage(((item,),)))
        elif (
            isinstance(item, dict)
            and set(item) == {"parallel"}
            and isinstance(item.get("parallel"), list)
            and len(item["parallel"]) >= 2
            and all(
                isinstance(b, list) and b and all(isinstance(s, str) for s in b)
                for b in item["parallel"]
            )
        ):
            stages.append(Stage(tuple(tuple(b) for b in item["parallel"])))
        else:
            chk.add(
                rec,
                f"segments[{i}]",
                f"is {shown(item)}; give a segment id or "
                "'parallel: [[ids...], [ids...]]' with two or more "
                "branches",
            )
            return None
    seen: set[str] = set()
    for i, stage in enumerate(stages):
        if len(set(stage.branches)) < len(stage.branches):
            chk.add(
                rec, f"segments[{i}]", "lists the same branch twice; give each parallel branch once"
            )
            return None
        for sid in (s for branch in stage.branches for s in branch):
            if sid in seen:
                chk.add(
                    rec,
                    "segments",
                    f"lists the segment {shown(sid)} twice, so its length, "
                    "cost and time would count twice; list it once",
                )
                return None
            seen.add(sid)
    if None in (ident, name, origin, destination):
        return None
    assert ident and name and origin and destination
    return Route(
        ident,
        name,
        origin,
        destination,
        tuple(stages),
        sources=chk.id_list(rec, "sources", required=False),
        description=chk.optional_text(rec, "description"),
    )


def _event(chk: Checker, rec: RawRecord) -> Event | None:
    ident, target = chk.ident(rec), chk.ident(rec, "target")
    cause = chk.text(rec, "cause")
    category = chk.choice(rec, "category", EVENT_CATEGORIES)
    start = chk.date(rec, "start", required=True)
    end = chk.date(rec, "end", required=False)
    sources = chk.id_list(rec, "sources")
    share = rec.data.get("share_lost")
    share_lost = None
    if share is not None:
        share_lost = chk.number(rec, "share_lost", share, minimum=0.0, maximum=1.0)
        if share_lost is None:
            return None
    elif not rec.data.get("note"):
        chk.add(
            rec,
            "share_lost",
            "is null without a note; give the share of capacity lost "
            "(0–1) or a note saying why it is unknown",
        )
    if end is None and rec.data.get("end") is None and not rec.data.get("note"):
        chk.add(
            rec,
            "end",
            "is missing without a note; give the end date or a note saying it is not known",
        )
    if start is not None and end is not None and end < start:
        chk.add(
            rec,
            "end",
            f"is {end.isoformat()}, before the start {start.isoformat()}; swap "
            "the dates or correct the end",
        )
        return None
    hours = None
    if rec.data.get("hours") is not None:
        hours = chk.number(rec, "hours", rec.data["hours"], positive=True)
        if hours is not None and (start is None or end is None):
            chk.add(
                rec,
                "hours",
                f"is {hours:g} but the event has no end date; give the end date the hours run to",
            )
            return None
        span = 24 * ((end - start).days + 1) if start is not None and end is not None else 0
        if hours is not None and hours > span:
            chk.add(
                rec,
                "hours",
                f"is {hours:g}, more than the {span:g} hours from start to end; "
                "give at most that many hours or correct the dates",
            )
            return None
    if None in (ident, target, cause, category, start) or not sources:
        return None
    assert ident and target and cause and category and start
    return Event(
        ident,
        target,
        start,
        end,
        share_lost,
        cause,
        category,
        sources,
        dates_approximate=bool(rec.data.get("dates_approximate", False)),
        note=rec.data.get("note"),
        hours=hours,
    )


def _cost(chk: Checker, rec: RawRecord) -> Cost | None:
    ident = chk.ident(rec)
    kind = chk.choice(rec, "kind", COST_KINDS)
    segments = chk.id_list(rec, "segments")
    fig = chk.figure(
        rec,
        "",
        {
            k: rec.data[k]
            for k in ("value", "unit", "as_of", "sources", "note", "assumption")
            if k in rec.data
        },
        units=COST_UNITS,
    )
    if fig is not None and fig.value is not None and fig.value < 0:
        chk.add(rec, "value", f"is {fig.value:g}; a cost cannot be negative")
        return None
    if None in (ident, kind, fig) or not segments:
        return None
    assert ident and kind and fig
    return Cost(ident, kind, segments, fig)


def _country(chk: Checker, rec: RawRecord) -> Country | None:
    iso3 = chk.text(rec, "iso3")
    if iso3 is not None and not re.fullmatch(r"[A-Z]{3}", iso3):
        chk.add(rec, "iso3", f"is {shown(iso3)}; use the ISO 3166-1 alpha-3 code, e.g. KAZ")
        iso3 = None
    name = chk.text(rec, "name")
    stab = chk.figure(
        rec, "political_stability", rec.data.get("political_stability"), units=("WGI estimate",)
    )
    sanc = chk.figure(
        rec, "sanctions_exposure", rec.data.get("sanctions_exposure"), units=("share",)
    )
    if stab is not None and stab.value is not None and not -2.5 <= stab.value <= 2.5:
        chk.add(
            rec,
            "political_stability.value",
            f"is {stab.value:g}, outside -2.5–2.5; use the WGI estimate scale",
        )
    if sanc is not None and sanc.value is not None and not 0 <= sanc.value <= 1:
        chk.add(rec, "sanctions_exposure.value", f"is {sanc.value:g}, outside 0–1; give a share")
    if None in (iso3, name, stab, sanc):
        return None
    assert iso3 and name and stab and sanc
    return Country(iso3, name, stab, sanc)


#: The longest scenario, in days.
MAX_SCENARIO_DAYS: Final[float] = 3650.0


def _supply_item(
    chk: Checker, rec: RawRecord, data: dict[str, Any] | None = None, where: str = ""
) -> SupplyItem | None:
    """One origin's supply, from supply.yaml or from a scenario's own ``supply`` list."""
    sub = RawRecord(rec.file, rec.index, data) if data is not None else rec

    def fld(name: str) -> str:
        return f"{where}{name}"

    ident = chk.ident(sub, "id")
    node = chk.ident(sub, "node")
    name = sub.data.get("name") or ident
    raw = sub.data.get("supply")
    fig = chk.figure(rec, fld("supply"), raw, units=FLOW_UNITS, positive=True)
    if fig is not None and fig.value is None:
        chk.add(
            rec,
            fld("supply.value"),
            "is null; give the oil to move (a number), or leave the origin out",
        )
        return None
    crude = _optional_id(chk, sub, "crude")
    route = _optional_id(chk, sub, "route")
    if None in (ident, node, fig):
        return None
    assert ident and node and fig
    return SupplyItem(ident, str(name), node, fig, crude=crude, route=route)


def _day(chk: Checker, rec: RawRecord, field: str, raw: Any, *, positive: bool) -> float | None:
    """A day count: from 0 (or above 0 when `positive`) to `MAX_SCENARIO_DAYS`."""
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        chk.add(
            rec, field, f"is {shown(raw)}, not a number; write a plain number of days such as 30"
        )
        return None
    low = "greater than 0" if positive else "from 0"
    if raw > MAX_SCENARIO_DAYS or raw < 0 or (positive and raw == 0):
        chk.add(
            rec,
            field,
            f"is {shown(raw)}; give a number of days {low} and at most {MAX_SCENARIO_DAYS:g}",
        )
        return None
    return float(raw)


def _scenario(chk: Checker, rec: RawRecord) -> Scenario | None:
    """A scenario's structure; `check_scenario` checks the ids it names."""
    known = chk.known(rec, SPECS["scenarios"].fields)
    ident, name = chk.ident(rec), chk.text(rec, "name")
    description = chk.text(rec, "description", required=False)
    if rec.data.get("description") not in (None, "") and description is None:
        return None
    days = _day(chk, rec, "days", rec.data.get("days"), positive=True)
    if not known:
        return None
    outages: list[Outage] = []
    raw_outages = rec.data.get("outages") or []
    if not isinstance(raw_outages, list):
        chk.add(
            rec,
            "outages",
            f"is {shown(raw_outages)}; give a list of {{target, share_lost, "
            "start_day, duration_days}}",
        )
        return None
    for i, entry in enumerate(raw_outages):
        where = f"outages[{i}]"
        if not isinstance(entry, dict):
            chk.add(
                rec,
                where,
                f"is {shown(entry)}; give target, share_lost, start_day and duration_days",
            )
            return None
        target = entry.get("target")
        if not isinstance(target, str) or not target:
            chk.add(
                rec,
                f"{where}.target",
                f"is {shown(target)}; name a segment, node, loading unit or chokepoint by its id",
            )
            return None
        share = chk.number(
            rec, f"{where}.share_lost", entry.get("share_lost"), minimum=0.0, maximum=1.0
        )
        start = _day(chk, rec, f"{where}.start_day", entry.get("start_day", 0), positive=False)
        if start is not None and days is not None and start >= days:
            chk.add(
                rec,
                f"{where}.start_day",
                f"is {start:g}, not before the scenario's end "
                f"(day {days:g}); start it earlier or give more "
                "days",
            )
            return None
        length = entry.get("duration_days")
        if length is None:
            if days is None or start is None:  # already reported: "to the end" is not known
                return None
            length = days - start
        duration = _day(chk, rec, f"{where}.duration_days", length, positive=True)
        if None in (share, start, duration):
            return None
        assert share is not None and start is not None and duration is not None
        if days is not None and start + duration > days + 1e-9:
            chk.add(
                rec,
                where,
                f"runs to day {start + duration:g}, past the scenario's {days:g} "
                "days; shorten it or give more days",
            )
            return None
        outages.append(Outage(target, share, start, duration))
    supply = None
    if rec.data.get("supply") is not None:
        raw_supply = rec.data["supply"]
        if not isinstance(raw_supply, list) or not raw_supply:
            chk.add(
                rec,
                "supply",
                f"is {shown(raw_supply)}; give a list of origins, each with id, "
                "node, supply (value, unit, sources) and optionally crude and "
                "route",
            )
            return None
        if not all(isinstance(e, dict) for e in raw_supply):
            chk.add(
                rec,
                "supply",
                f"is {shown(raw_supply)}; give a list of origins, each a "
                "mapping with id, node and supply",
            )
            return None
        items = [_supply_item(chk, rec, e, f"supply[{i}].") for i, e in enumerate(raw_supply)]
        if any(item is None for item in items):
            return None
        seen: set[str] = set()
        for i, item in enumerate(items):
            assert item is not None
            if item.id in seen:
                chk.add(
                    rec,
                    f"supply[{i}].id",
                    f"is {shown(item.id)} again; give each origin its own id",
                )
                return None
            seen.add(item.id)
        supply = tuple(item for item in items if item is not None)
    price = None
    if rec.data.get("price") is not None:
        price = chk.figure(rec, "price", rec.data["price"], units=("USD/bbl",), positive=True)
        if price is None:
            return None
    compare = None
    if isinstance(rec.data.get("compare"), dict):
        raw = rec.data["compare"]
        day = _day(chk, rec, "compare.day", raw.get("day"), positive=True)
        lost = chk.figure(rec, "compare.lost", raw.get("lost"), units=("kt",), positive=True)
        if day is not None and lost is not None:
            compare = Comparison(day, lost)
    if None in (ident, name, days):
        return None
    assert ident and name and days
    return Scenario(
        ident,
        name,
        days,
        tuple(outages),
        description=description,
        switch_on=chk.id_list(rec, "switch_on", required=False),
        supply=supply,
        closed=chk.id_list(rec, "closed", required=False),
        markets=chk.id_list(rec, "markets", required=False),
        price=price,
        events=chk.id_list(rec, "events", required=False),
        compare=compare,
    )


def unlinked_nodes(nodes: Mapping[str, Node], segments: Mapping[str, Segment]) -> set[str]:
    """Nodes no segment joins and that are no chokepoint: markers on a line (pump stations
    the data does not split it at), offices, ports no route uses."""
    linked = {n for s in segments.values() for n in (s.from_node, s.to_node)}
    return {n for n, node in nodes.items() if n not in linked and node.kind != "chokepoint"}


def _unlinked_message(
    ident: str, nodes: Mapping[str, Node], segments: Mapping[str, Segment]
) -> str:
    node = nodes[ident]
    from shapely.geometry import Point

    where = Point(node.lon, node.lat)
    near = min(segments.values(), key=lambda s: s.geometry.distance(where), default=None)
    hint = (
        f"put the outage on the segment it lies on, perhaps {shown(near.id)}"
        if near
        else "put the outage on a segment"
    )
    return (
        f"names {shown(ident)}, a node no segment joins (the data draws it on a line without "
        f"splitting the line there), so an outage there would change nothing; {hint}"
    )


def _unknown_target(ident: str, targets: Mapping[str, str]) -> str:
    """The message for an outage naming no known target: the valid ids, grouped by kind."""
    groups = {
        kind: sorted(t for t, k in targets.items() if k == kind)
        for kind in ("segment", "node", "loading unit", "chokepoint")
    }
    choices = "; ".join(f"{kind}s: {', '.join(ids)}" for kind, ids in groups.items() if ids)
    return (
        f"names {shown(ident)}, which is no segment, node, loading unit or chokepoint"
        f"{closest(ident, targets)}; use one of these ids ({choices})"
    )


def outage_targets(nodes: Mapping[str, Node], segments: Mapping[str, Segment]) -> dict[str, str]:
    """Every id an outage may name, with what it is (nodes no segment joins left out: an
    outage there would change nothing)."""
    unlinked = unlinked_nodes(nodes, segments)
    out = {sid: "segment" for sid in segments}
    out.update(
        {
            nid: "chokepoint" if n.kind == "chokepoint" else "node"
            for nid, n in nodes.items()
            if nid not in unlinked
        }
    )
    out.update({u.id: "loading unit" for n in nodes.values() for u in n.units})
    return out


def check_scenario(
    chk: Checker,
    rec: RawRecord,
    sc: Scenario,
    nodes: Mapping[str, Node],
    segments: Mapping[str, Segment],
    events: Mapping[str, Event],
    routes: Mapping[str, Route],
    crudes: Mapping[str, Crude],
) -> bool:
    """Every id a scenario names exists; what it switches on is not already operating. Unknown
    ids are listed with the valid choices."""
    ok = _check_scenario_places(
        chk,
        rec,
        list(enumerate(o.target for o in sc.outages)),
        sc.closed,
        sc.markets,
        nodes,
        segments,
    )
    units = {u.id: u for n in nodes.values() for u in n.units}
    for ident in sc.switch_on:
        thing = segments.get(ident) or nodes.get(ident) or units.get(ident)
        if ident in chk.invalid:
            ok = False
        elif thing is None:
            switchable = sorted(
                [
                    *(s for s, g in segments.items() if g.status != "operating"),
                    *(n for n, g in nodes.items() if g.status != "operating"),
                    *(u for u, g in units.items() if g.status != "operating"),
                ]
            )
            chk.add(
                rec,
                "switch_on",
                f"names {shown(ident)}, which is no segment, node or loading "
                f"unit{closest(ident, switchable)}; use one of {', '.join(switchable)}",
            )
            ok = False
        elif thing.status == "operating":
            chk.add(
                rec,
                "switch_on",
                f"names {shown(ident)}, which is operating already; drop it "
                "(switch_on is for idle, planned or under-construction "
                "assets)",
            )
            ok = False
    ok &= _check_refs(chk, rec, "events", sc.events, events, "event", LAYER_FILES["events"])
    for i, item in enumerate(sc.supply or ()):
        ok &= _check_supply_refs(
            chk, rec, item, nodes, routes, crudes, segments, where=f"supply[{i}]."
        )
    return ok


def _check_supply_refs(
    chk: Checker,
    rec: RawRecord,
    item: SupplyItem,
    nodes: Mapping[str, Node],
    routes: Mapping[str, Route],
    crudes: Mapping[str, Crude],
    segments: Mapping[str, Segment],
    where: str = "",
) -> bool:
    ok = _check_refs(chk, rec, f"{where}node", (item.node,), nodes, "node", LAYER_FILES["nodes"])
    if ok:
        origins = nodes_reaching_markets(nodes, {**segments, **chk.dropped})
        if item.node not in origins:
            chk.add(
                rec,
                f"{where}node",
                f"is {shown(item.node)}, from which no segment leads to a "
                f"market, so the supply {shown(item.id)} cannot leave; "
                f"enter it at one of {', '.join(sorted(origins))}",
            )
            ok = False
    if item.crude is not None:
        ok &= _check_refs(
            chk, rec, f"{where}crude", (item.crude,), crudes, "crude", LAYER_FILES["crudes"]
        )
    if item.route is not None:
        ok &= _check_refs(
            chk, rec, f"{where}route", (item.route,), routes, "route", LAYER_FILES["routes"]
        )
        if ok and item.node not in route_nodes(routes[item.route], segments):
            chk.add(
                rec,
                f"{where}route",
                f"is {shown(item.route)}, which does not pass "
                f"{shown(item.node)}, where the supply {shown(item.id)} "
                "enters; give a route through it, or none",
            )
            ok = False
    return ok


def nodes_reaching_markets(nodes: Mapping[str, Node], segments: Mapping[str, Segment]) -> set[str]:
    """The nodes from which some market can be reached over segments that are, or could be,
    in service (not cancelled), the markets excluded."""
    markets = {n for n, node in nodes.items() if node.kind == "market"}
    into: dict[str, list[str]] = {}
    for seg in segments.values():
        if seg.status != "cancelled":
            into.setdefault(seg.to_node, []).append(seg.from_node)
    seen = set(markets)
    stack = list(markets)
    while stack:
        for tail in into.get(stack.pop(), []):
            if tail not in seen:
                seen.add(tail)
                stack.append(tail)
    return seen - markets


def route_nodes(route: Route, segments: Mapping[str, Segment]) -> set[str]:
    """The nodes a route passes, its origin included."""
    return {route.origin, *(segments[s].to_node for s in route.all_segments() if s in segments)}


@dataclass(frozen=True)
class Family:
    """An assumption family routes reads: its unit, the values that make sense, and how its
    entries are found (the default by its id, a targeted one by ``applies_to``)."""

    units: tuple[str, ...]
    minimum: float
    maximum: float
    #: Entries ``<family>.<suffix>`` with ``applies_to`` are read for those targets.
    targeted: bool = True
    #: The family's own id is read as the default for every target.
    default: bool = True
    positive: bool = True


#: Every assumption family the computations read (see metrics, capacity and flows).
ASSUMPTION_FAMILIES: Final[dict[str, Family]] = {
    "bbl-per-t": Family(("bbl/t",), 5.0, 10.0, targeted=False),
    "tanker-speed": Family(("kn",), 1.0, 30.0),
    "pipeline-speed": Family(("km/day",), 1.0, 2_000.0),
    "rail-speed": Family(("km/day",), 1.0, 2_000.0),
    "transit-days": Family(("days",), 0.0, 365.0, default=False, positive=False),
    "wait-days": Family(("days",), 0.0, 365.0, default=False, positive=False),
    "transshipment-days": Family(("days",), 0.0, 60.0, targeted=False, positive=False),
    "price.brent": Family(("USD/bbl",), 1.0, 1_000.0, targeted=False),
    "price.cpc-differential": Family(("USD/bbl",), -100.0, 100.0, targeted=False, positive=False),
    "scenario-capacity": Family(FLOW_UNITS, 0.0, math.inf, default=False),
}


def assumption_family(ident: str) -> str | None:
    """The family an assumption id belongs to (its own id, or the part before a suffix).

    >>> assumption_family("tanker-speed.caspian"), assumption_family("price.brent")
    ('tanker-speed', 'price.brent')
    >>> assumption_family("speed") is None
    True
    """
    for family in sorted(ASSUMPTION_FAMILIES, key=len, reverse=True):
        if ident == family or ident.startswith(family + "."):
            return family
    return None


def _assumption(chk: Checker, rec: RawRecord) -> Assumption | None:
    ident = chk.ident(rec)
    reasoning = chk.text(rec, "reasoning")
    family_id = assumption_family(ident) if ident is not None else None
    if ident is not None and family_id is None:
        chk.add(
            rec,
            "id",
            f"is {shown(ident)}, no assumption routes reads"
            f"{closest(ident, ASSUMPTION_FAMILIES)}; use one of "
            f"{', '.join(ASSUMPTION_FAMILIES)}, or '<family>.<name>' with "
            "applies_to",
        )
        return None
    family = ASSUMPTION_FAMILIES[family_id] if family_id is not None else None
    unit = rec.data.get("unit")
    units = family.units if family is not None else (unit if isinstance(unit, str) else "",)
    if not isinstance(unit, str) or not unit or unit not in units:
        chk.add(
            rec,
            "unit",
            f"is {shown(unit)}; routes reads {family_id} in "
            f"{' or '.join(units)}: give the value in that unit"
            if family is not None
            else f"is {shown(unit)}; name the unit of the value, e.g. 'days' or 'kn'",
        )
        return None
    fig = chk.figure(
        rec,
        "",
        {
            **{
                k: rec.data[k]
                for k in ("value", "unit", "as_of", "sources", "note")
                if k in rec.data
            },
            "assumption": True,
        },
        units=(unit,),
    )
    if fig is not None and fig.value is None:
        chk.add(rec, "value", "is missing; an assumption needs a value the user can override")
        return None
    applies_to = chk.id_list(rec, "applies_to", required=False)
    if fig is not None and family is not None and fig.value is not None:
        low = family.minimum
        if (family.positive and fig.value <= 0) or not low <= fig.value <= family.maximum:
            top = "" if math.isinf(family.maximum) else f" and at most {family.maximum:g}"
            floor = f"greater than {low:g}" if family.positive and low == 0 else f"at least {low:g}"
            chk.add(rec, "value", f"is {fig.value:g} {unit}; {family_id} must be {floor}{top}")
            return None
    if ident is not None and family is not None:
        suffixed = ident != family_id
        if suffixed and not family.targeted:
            chk.add(
                rec,
                "id",
                f"is {shown(ident)}, but routes reads only {shown(family_id)} "
                f"itself; rename it {shown(family_id)} to replace the default",
            )
            return None
        if (suffixed or not family.default) and not applies_to:
            chk.add(
                rec,
                "applies_to",
                f"is missing, so nothing reads {shown(ident)}; list the "
                "segments or nodes it applies to",
            )
            return None
        if not family.targeted and applies_to:
            chk.add(
                rec,
                "applies_to",
                f"is not read for {family_id}, which holds for every segment; drop applies_to",
            )
            return None
    if None in (ident, reasoning, fig):
        return None
    assert ident and reasoning and fig
    return Assumption(ident, fig, reasoning, applies_to=applies_to)


def _boundary(chk: Checker, rec: RawRecord) -> Boundary | None:
    from routes.geometry import polygon_from_geojson as shape

    iso3, name = chk.text(rec, "iso3"), chk.text(rec, "name")
    geom = rec.data.get("geometry")
    if not isinstance(geom, dict) or geom.get("type") not in ("Polygon", "MultiPolygon"):
        seen = geom.get("type") if isinstance(geom, dict) else geom
        chk.add(
            rec, "geometry", f"has type {shown(seen)}; a boundary must be a Polygon or MultiPolygon"
        )
        return None
    try:
        poly = shape(geom)
    except (ValueError, TypeError, IndexError, AttributeError) as exc:
        chk.add(rec, "geometry", f"cannot be read ({exc}); fix its coordinates")
        return None
    if not poly.is_valid:
        from shapely.validation import explain_validity

        chk.add(
            rec,
            "geometry",
            f"is invalid ({explain_validity(poly)}); repair it, e.g. with shapely.make_valid",
        )
        return None
    if None in (iso3, name):
        return None
    assert iso3 and name
    return Boundary(iso3, name, poly)


def _figures_of(
    capacity: Figure | None,
    throughput: tuple[Throughput, ...],
    linefill: Figure | None = None,
    published: Figure | None = None,
) -> list[tuple[str, Figure]]:
    out = [("capacity", capacity)] if capacity is not None else []
    out += [(f"throughput[{i}]", t.figure) for i, t in enumerate(throughput)]
    out += [("linefill", linefill)] if linefill is not None else []
    out += [("published_length", published)] if published is not None else []
    return out


def _check_links(
    chk: Checker,
    raw: Mapping[str, list[RawRecord]],
    nodes: Mapping[str, Node],
    segments: dict[str, Segment],
    routes: dict[str, Route],
    events: dict[str, Event],
    costs: dict[str, Cost],
    assumptions: Mapping[str, Assumption],
    sources: Mapping[str, Source],
    crudes: Mapping[str, Crude],
    countries: Mapping[str, Country],
) -> None:
    from routes.geometry import distance_km

    by_id = {layer: {r.ident: r for r in recs} for layer, recs in raw.items()}
    src_file = LAYER_FILES["sources"]
    crude_file = LAYER_FILES["crudes"]
    first_with_url: dict[str, str] = {}
    for sid, source in sources.items():
        if source.url is None:
            continue
        if source.url in first_with_url:
            chk.add(
                by_id["sources"][sid],
                "url",
                f"is the address of the source "
                f"{shown(first_with_url[source.url])} too; cite that source instead of a "
                "second "
                "entry for one document",
            )
        else:
            first_with_url[source.url] = sid
    for layer, values in (
        ("nodes", nodes),
        ("segments", segments),
        ("routes", routes),
        ("events", events),
        ("crudes", crudes),
    ):
        for ident, value in values.items():
            _check_refs(
                chk,
                by_id[layer][ident],
                "sources",
                getattr(value, "sources", ()),
                sources,
                "source",
                src_file,
            )
    for cid, crude in crudes.items():
        _check_refs(
            chk,
            by_id["crudes"][cid],
            "bbl_per_t.sources",
            crude.bbl_per_t.sources,
            sources,
            "source",
            src_file,
        )
    for iso3, country in countries.items():
        for field in ("political_stability", "sanctions_exposure"):
            _check_refs(
                chk,
                by_id["countries"][iso3],
                f"{field}.sources",
                getattr(country, field).sources,
                sources,
                "source",
                src_file,
            )
    for nid, node in nodes.items():
        rec = by_id["nodes"][nid]
        for fig_field, fig in _figures_of(node.capacity, node.throughput):
            _check_refs(chk, rec, f"{fig_field}.sources", fig.sources, sources, "source", src_file)
        for i, unit in enumerate(node.units):
            _check_refs(
                chk,
                rec,
                f"units[{i}].sources",
                (*unit.sources, *unit.capacity.sources),
                sources,
                "source",
                src_file,
            )
        if node.crude is not None:
            _check_refs(chk, rec, "crude", (node.crude,), crudes, "crude", crude_file)
    for sid in sorted(segments.keys() & nodes.keys()):
        chk.add(
            by_id["nodes"][sid],
            "id",
            f"is {shown(sid)}, which a segment in "
            f"{Path(by_id['segments'][sid].file).name} also uses; events and outages name "
            "their target by id, so give the node or the segment an id of its own",
        )
    unit_ids = Counter(u.id for n in nodes.values() for u in n.units)
    for nid, node in nodes.items():
        for i, unit in enumerate(node.units):
            if unit_ids[unit.id] > 1 or unit.id in nodes or unit.id in segments:
                chk.add(
                    by_id["nodes"][nid],
                    f"units[{i}].id",
                    f"is {shown(unit.id)}, which "
                    "another "
                    "unit, node or segment also uses; give each unit an id of its own",
                )
    moved: dict[str, list[tuple[str, float]]] = {}
    generic = assumptions.get("bbl-per-t")
    generic_factor = generic.figure.value if generic is not None else None

    def factor(crude: str | None) -> float | None:
        if crude is None:
            return generic_factor
        return crudes[crude].bbl_per_t.value if crude in crudes else None

    for nid, node in nodes.items():
        _check_flows(chk, by_id["nodes"][nid], node.capacity, node.throughput, factor(node.crude))
    for sid, seg in list(segments.items()):
        rec = by_id["segments"][sid]
        _check_flows(chk, rec, seg.capacity, seg.throughput, factor(seg.crude))
        for fig_field, fig in _figures_of(
            seg.capacity, seg.throughput, seg.linefill, seg.published_length
        ):
            _check_refs(chk, rec, f"{fig_field}.sources", fig.sources, sources, "source", src_file)
        if seg.crude is not None:
            _check_refs(chk, rec, "crude", (seg.crude,), crudes, "crude", crude_file)
        ends_ok = True
        for field, node_id, pos in (
            ("from", seg.from_node, seg.geometry.coords[0]),
            ("to", seg.to_node, seg.geometry.coords[-1]),
        ):
            if not _check_refs(chk, rec, field, (node_id,), nodes, "node", LAYER_FILES["nodes"]):
                ends_ok = False
                continue
            node = nodes[node_id]
            gap = distance_km((pos[0], pos[1]), (node.lon, node.lat))
            if gap <= ENDPOINT_TOLERANCE_KM:
                continue
            ends_ok = False
            node_rec = by_id["nodes"][node_id]
            if node_rec.folder > rec.folder:
                # A later folder moved the node: one message about that override, not one per
                # segment of an earlier folder.
                moved.setdefault(node_id, []).append((sid, gap))
                continue
            chk.add(
                rec,
                "geometry",
                f"{'starts' if field == 'from' else 'ends'} "
                f"{gap:.1f} km from its '{field}' node {shown(node_id)}; move that end to "
                f"the node at [{node.lon}, {node.lat}] (tolerance "
                f"{ENDPOINT_TOLERANCE_KM:g} km) or correct '{field}'",
            )
        if not ends_ok:
            chk.dropped[sid] = segments.pop(sid)
            chk.invalid.add(sid)
    for node_id, hits in moved.items():
        first, gap = hits[0]
        more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
        chk.add(
            by_id["nodes"][node_id],
            "geometry",
            f"moves the node {gap:.1f} km from where "
            f"segment {shown(first)}{more} of {Path(by_id['segments'][first].file).name} "
            f"meet it (tolerance {ENDPOINT_TOLERANCE_KM:g} km); keep it within that, or "
            "override those segments too, drawn to the new position",
        )
        chk.invalid.add(node_id)
    for rid, route in list(routes.items()):
        rec = by_id["routes"][rid]
        ok = _check_refs(chk, rec, "origin", (route.origin,), nodes, "node", LAYER_FILES["nodes"])
        ok &= _check_refs(
            chk, rec, "destination", (route.destination,), nodes, "node", LAYER_FILES["nodes"]
        )
        ok &= _check_refs(
            chk, rec, "segments", route.all_segments(), segments, "segment", LAYER_FILES["segments"]
        )
        if ok and not _check_chain(chk, rec, route, segments, by_id["segments"]):
            ok = False
        if not ok:
            del routes[rid]
            chk.invalid.add(rid)
    targets = {**nodes, **segments, **routes}
    for eid, event in list(events.items()):
        if not _check_refs(
            chk,
            by_id["events"][eid],
            "target",
            (event.target,),
            {**nodes, **segments},
            "segment or node",
            "segments.geojson or nodes.geojson",
        ):
            del events[eid]
            chk.invalid.add(eid)
    for aid, assumption in assumptions.items():
        rec = by_id["assumptions"][aid]
        _check_refs(
            chk,
            rec,
            "applies_to",
            assumption.applies_to,
            targets,
            "segment, node or route",
            "segments.geojson, nodes.geojson or routes.yaml",
        )
        _check_refs(chk, rec, "sources", assumption.figure.sources, sources, "source", src_file)
    for cid, cost in list(costs.items()):
        rec = by_id["costs"][cid]
        ok = _check_refs(
            chk, rec, "segments", cost.segments, segments, "segment", LAYER_FILES["segments"]
        )
        ok &= _check_refs(chk, rec, "sources", cost.figure.sources, sources, "source", src_file)
        if not ok:
            del costs[cid]
            continue
        carried = {s: segments[s].crude for s in cost.segments}
        if len(set(carried.values())) > 1:
            chk.add(
                rec,
                "segments",
                "covers segments that carry different crudes ("
                + ", ".join(f"{s}: {c or 'none declared'}" for s, c in carried.items())
                + "); split it into one cost item per crude, so it converts per barrel with "
                "the right factor",
            )
    # Two items of one kind on one segment would both be paid: a user's new id beside the
    # packaged one (instead of its id, to replace it) silently doubles a tariff.
    covering: dict[tuple[str, str], str] = {}
    for cid, cost in costs.items():
        for sid in cost.segments:
            first = covering.setdefault((cost.kind, sid), cid)
            if first != cid:
                earlier = by_id["costs"][first]
                chk.add(
                    by_id["costs"][cid],
                    "segments",
                    f"covers {shown(sid)}, which the "
                    f"{cost.kind} {shown(first)} of {Path(earlier.file).name} covers too, so "
                    f"a route would pay both; give this entry the id {shown(first)} to "
                    "replace it, or drop that segment from one of them",
                )
                break


#: Recorded flow may pass the capacity by this share (rounding of figures from two sources).
THROUGHPUT_SLACK: Final[float] = 0.005


def _check_flows(
    chk: Checker,
    rec: RawRecord,
    capacity: Figure | None,
    throughput: tuple[Throughput, ...],
    bbl_per_t: float | None,
) -> bool:
    """No recorded flow above the capacity (both in kb/d at the asset's crude factor), nor the
    Kazakh and the other shippers' flows of a year together."""
    if capacity is None or capacity.value is None:
        return True
    from routes.units import flow_to_kbd

    def kbd(fig: Figure) -> float | None:
        if fig.value is None or (fig.unit not in VOLUME_UNITS_KBD and bbl_per_t is None):
            return None
        return flow_to_kbd(fig.value, fig.unit, bbl_per_t)

    cap = kbd(capacity)
    years: dict[int, dict[str, Throughput]] = {}
    for t in throughput:
        years.setdefault(t.year, {})[t.shippers] = t
        fig = t.figure
        if fig.value is None:
            continue
        if fig.unit == capacity.unit:
            over = fig.value > capacity.value * (1 + THROUGHPUT_SLACK)
        else:
            flow = kbd(fig)
            over = flow is not None and cap is not None and flow > cap * (1 + THROUGHPUT_SLACK)
        if over:
            chk.add(
                rec,
                f"throughput[{_entry_index(rec, t)}].value",
                f"is {fig.value:g} "
                f"{fig.unit} in {t.year}, above the capacity of {capacity.value:g} "
                f"{capacity.unit}; correct the figure or its unit, or give the capacity that "
                "held then",
            )
            return False
    for year, got in years.items():
        if "all" in got or not {"kazakh", "other"} <= got.keys():
            continue
        parts = [kbd(got[s].figure) for s in ("kazakh", "other")]
        if cap is None or None in parts:
            continue
        total = sum(p for p in parts if p is not None)
        if total > cap * (1 + THROUGHPUT_SLACK):
            kz, other = got["kazakh"].figure, got["other"].figure
            chk.add(
                rec,
                "throughput",
                f"adds up to {total:,.0f} kb/d in {year} (Kazakh oil "
                f"{kz.value:g} {kz.unit}, other shippers {other.value:g} {other.unit}), above "
                f"the capacity of {capacity.value:g} {capacity.unit}; correct the figures or "
                "their units, or give the capacity that held then",
            )
            return False
    return True


def _entry_index(rec: RawRecord, t: Throughput) -> int:
    """Where a year's flow stands in the record's own list (validation sorts them by year)."""
    raw = rec.data.get("throughput")
    for i, entry in enumerate(raw if isinstance(raw, list) else []):
        if (
            isinstance(entry, dict)
            and entry.get("year") == t.year
            and entry.get("shippers") == t.shippers
        ):
            return i
    return 0


def _blame_override(
    chk: Checker,
    rec: RawRecord,
    seg_recs: Mapping[Any, RawRecord],
    candidates: Sequence[tuple[str | None, str, str]],
    route: Route,
) -> bool:
    """When a later folder's segment broke an earlier folder's route, say so about the segment:
    the first of `candidates` (segment id, field, what the route needs there) from a later
    folder gets the message. False when none did."""
    for sid, field, needed in candidates:
        seg_rec = seg_recs.get(sid) if sid is not None else None
        if seg_rec is not None and seg_rec.folder > rec.folder:
            chk.add(
                seg_rec,
                field,
                f"is {shown(seg_rec.data.get(field))}, but the route "
                f"{shown(route.id)} of {Path(rec.file).name} needs {shown(needed)} there; "
                f"keep {shown(needed)}, or override the route too",
            )
            return True
    return False


def _check_chain(
    chk: Checker,
    rec: RawRecord,
    route: Route,
    segments: Mapping[str, Segment],
    seg_recs: Mapping[Any, RawRecord] | None = None,
) -> bool:
    seg_recs = seg_recs or {}
    position = route.origin
    before = {position}  # the nodes passed before the current stage
    last: str | None = None  # the segment that ended the previous stage
    for i, stage in enumerate(route.stages):
        ends = set()
        passed: set[str] = set()
        for branch in stage.branches:
            at = position
            in_branch: set[str] = set()
            prev = last
            for sid in branch:
                seg = segments[sid]
                if seg.from_node != at:
                    if not _blame_override(
                        chk, rec, seg_recs, [(sid, "from", at), (prev, "to", seg.from_node)], route
                    ):
                        chk.add(
                            rec,
                            "segments",
                            f"does not chain: segment {shown(sid)} starts "
                            f"at {shown(seg.from_node)} but the route is at {shown(at)} "
                            f"there (stage {i + 1}); order the segments so each starts "
                            "where the last ended",
                        )
                    return False
                prev = sid
                at = seg.to_node
                if at in before or at in in_branch:
                    chk.add(
                        rec,
                        "segments",
                        f"comes back to {shown(at)} at segment "
                        f"{shown(sid)} (stage {i + 1}): a route must not loop; drop the "
                        "segments that go round",
                    )
                    return False
                in_branch.add(at)
            passed |= in_branch
            ends.add(at)
        if len(ends) > 1:
            chk.add(
                rec,
                "segments",
                f"has parallel branches in stage {i + 1} that end at "
                f"different nodes ({', '.join(sorted(ends))}); make every branch end at the "
                "same node",
            )
            return False
        before |= passed
        position = ends.pop()
        last = stage.primary[-1]
    if position != route.destination:
        if not _blame_override(chk, rec, seg_recs, [(last, "to", route.destination)], route):
            chk.add(
                rec,
                "segments",
                f"ends at {shown(position)}, not at the destination "
                f"{shown(route.destination)}; add the missing segments or correct "
                "'destination'",
            )
        return False
    return True


#: A pipeline or rail leg may have this share of its length off every country polygon (the
#: 1:50m coast is a few km off in places); more means it is drawn at sea, or its coordinates
#: are swapped or of the wrong sign.
MAX_SHARE_OFF_LAND: Final[float] = 0.1
#: How far past the boundaries' box a node may lie, in degrees.
REGION_MARGIN_DEG: Final[float] = 5.0


def _check_places(
    chk: Checker,
    raw: Mapping[str, list[RawRecord]],
    nodes: Mapping[str, Node],
    segments: dict[str, Segment],
    index: CountryIndex,
) -> None:
    """Nodes lie inside the region the boundaries cover; land legs lie on land."""
    west, south, east, north = index.region()
    # Ports, markets and chokepoints may lie off the coast: the box reaches a little past land.
    west, south = west - REGION_MARGIN_DEG, south - REGION_MARGIN_DEG
    east, north = east + REGION_MARGIN_DEG, north + REGION_MARGIN_DEG
    box = f"{west:g}–{east:g}°E, {south:g}–{north:g}°N"
    by_id = {layer: {r.data.get("id"): r for r in raw[layer]} for layer in ("nodes", "segments")}
    for nid, node in nodes.items():
        if not (west <= node.lon <= east and south <= node.lat <= north):
            chk.add(
                by_id["nodes"][nid],
                "geometry",
                f"is at [{node.lon:g}, {node.lat:g}], "
                f"outside the region the boundaries cover ({box}); check the order "
                "([longitude, latitude]) and the signs of the coordinates, or add "
                "boundaries.geojson polygons that cover it",
            )
    land = [seg for seg in segments.values() if seg.mode != "tanker" and not seg.offshore]
    for seg, share in zip(land, index.shares_off_land([s.geometry for s in land]), strict=True):
        sid = seg.id
        if share > MAX_SHARE_OFF_LAND:
            chk.add(
                by_id["segments"][sid],
                "geometry",
                f"runs {share:.0%} of its way off land "
                f"for a {seg.mode} leg; check the order ([longitude, latitude]) and the "
                "signs of its coordinates, or mark a subsea pipeline with offshore: true",
            )
            chk.dropped[sid] = segments.pop(sid)
            chk.invalid.add(sid)


def _whole_overrides(
    chk: Checker, raw: RawData, layer: str, records: list[RawRecord]
) -> list[RawRecord]:
    """An entry that replaces an earlier folder's replaces it whole: one that leaves out
    required fields the earlier entry has is reported once, with how to override (instead of a
    message per missing field), and left out."""
    required = [f.name for f in SPECS[layer].fields if f.required]
    kept = []
    for rec in records:
        ident = rec.ident
        old = raw.replaced.get(layer, {}).get(ident) if isinstance(ident, str) else None
        missing = [
            f
            for f in required
            if old is not None and f in old.data and rec.data.get(f) in (None, "", [])
        ]
        if old is None or not missing:
            kept.append(rec)
            continue
        chk.add(
            rec,
            missing[0],
            f"is missing: an entry replaces the one of {old.file} with "
            f"the same id whole, and this one lacks {', '.join(missing)}; copy that entry "
            "into your file and change only what you need (`routes data-path` prints where "
            "the packaged data lives)",
        )
        chk.invalid.add(str(ident))
    return kept


def network_from_raw(raw: RawData) -> Network:
    """Validate every layer and build the network.

    Raises
    ------
    DataError
        Listing every problem found, one sentence each.
    """
    chk = Checker()
    L = {layer: _whole_overrides(chk, raw, layer, records) for layer, records in raw.layers.items()}
    for layer, records in L.items():
        if layer != "scenarios":  # a scenario's own check reports them, for files too
            for rec in records:
                chk.known(
                    rec,
                    SPECS[layer].fields,
                    {k: v for k, v in rec.data.items() if k != "geometry"}
                    if SPECS[layer].geometry
                    else None,
                )
    sources = {s.id: s for s in _build_all(chk, L["sources"], lambda r: _source(chk, r))}
    nodes = {n.id: n for n in _build_all(chk, L["nodes"], lambda r: _node(chk, r))}
    segments = {s.id: s for s in _build_all(chk, L["segments"], lambda r: _segment(chk, r))}
    routes = {r.id: r for r in _build_all(chk, L["routes"], lambda r: _route(chk, r))}
    events = {e.id: e for e in _build_all(chk, L["events"], lambda r: _event(chk, r))}
    costs = {c.id: c for c in _build_all(chk, L["costs"], lambda r: _cost(chk, r))}
    countries = {
        c.iso3: c for c in _build_all(chk, L["countries"], lambda r: _country(chk, r), key="iso3")
    }
    assumptions = {
        a.id: a for a in _build_all(chk, L["assumptions"], lambda r: _assumption(chk, r))
    }
    boundaries = tuple(_build_all(chk, L["boundaries"], lambda r: _boundary(chk, r), key="iso3"))
    crudes = {c.id: c for c in _build_all(chk, L["crudes"], lambda r: _crude(chk, r))}
    supply = {s.id: s for s in _build_all(chk, L["supply"], lambda r: _supply_item(chk, r))}
    scenarios = {s.id: s for s in _build_all(chk, L["scenarios"], lambda r: _scenario(chk, r))}
    _check_links(
        chk, L, nodes, segments, routes, events, costs, assumptions, sources, crudes, countries
    )
    by_id = {layer: {r.data.get("id"): r for r in L[layer]} for layer in ("supply", "scenarios")}
    for sid, item in list(supply.items()):
        rec = by_id["supply"][sid]
        ok = _check_supply_refs(chk, rec, item, nodes, routes, crudes, segments)
        ok &= _check_refs(
            chk,
            rec,
            "supply.sources",
            item.figure.sources,
            sources,
            "source",
            LAYER_FILES["sources"],
        )
        if not ok:
            del supply[sid]
    for sid, sc in list(scenarios.items()):
        if not check_scenario(
            chk, by_id["scenarios"][sid], sc, nodes, segments, events, routes, crudes
        ):
            del scenarios[sid]
    index = None
    if any(b.iso3 != SEA for b in boundaries):
        from routes.geometry import CountryIndex

        index = CountryIndex(boundaries)
        _check_places(chk, L, nodes, segments, index)
    if chk.problems:
        count = len(chk.problems)
        head = (
            chk.problems[0]
            if count == 1
            else f"{count} problems in the data, first: {chk.problems[0]}"
        )
        raise DataError(head, problems=tuple(chk.problems))
    if index is not None:
        from dataclasses import replace

        nodes = {k: replace(n, country=index.country_at(n.lon, n.lat)) for k, n in nodes.items()}
    return Network(
        nodes=nodes,
        segments=segments,
        routes=routes,
        events=events,
        costs=costs,
        countries=countries,
        sources=sources,
        assumptions=assumptions,
        boundaries=boundaries,
        data_version=raw.digest,
        crudes=crudes,
        supply=supply,
        scenarios=scenarios,
        folders=tuple(display_path(f) for f in raw.folders),
        overrides=overrides_from_raw(raw),
    )


def overrides_from_raw(raw: RawData) -> tuple[Override, ...]:
    """Every entry a folder after the first brought, with the fields it changed."""
    out = []
    for layer, records in raw.layers.items():
        for rec in records:
            ident = rec.ident
            if rec.folder == 0 or not isinstance(ident, str):
                continue
            old = raw.replaced.get(layer, {}).get(ident)
            out.append(
                Override(
                    layer,
                    ident,
                    rec.file,
                    old.file if old else None,
                    tuple(_changes(old.data, rec.data)) if old else (),
                )
            )
    return tuple(out)


def _changes(
    old: Mapping[str, Any], new: Mapping[str, Any], where: str = ""
) -> Iterator[tuple[str, str, str]]:
    """(field, old, new) for each field that differs, nested figures by their dotted path."""
    for key in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        path = f"{where}{key}"
        if key == "geometry":
            yield path, "the earlier drawing", "a new drawing"
        elif isinstance(a, dict) and isinstance(b, dict):
            yield from _changes(a, b, f"{path}.")
        else:
            yield (
                path,
                shown(a, 40) if key in old else "(none)",
                shown(b, 40) if key in new else "(none)",
            )


def _check_scenario_places(
    chk: Checker,
    rec: RawRecord,
    outages: Sequence[tuple[int, str]],
    closed: Sequence[str],
    markets: Sequence[str],
    nodes: Mapping[str, Node],
    segments: Mapping[str, Segment],
) -> bool:
    """The outages' targets (each with its place i in `outages[i]`), the closures and the
    markets a scenario names exist, an outage's or a closure's on a segment; False if any does
    not."""
    targets = outage_targets(nodes, segments)
    unlinked = unlinked_nodes(nodes, segments)
    ok = True
    for i, target in outages:
        if target in chk.invalid:  # its own problem is reported already
            ok = False
        elif target in unlinked:
            chk.add(rec, f"outages[{i}].target", _unlinked_message(target, nodes, segments))
            ok = False
        elif target not in targets:
            chk.add(rec, f"outages[{i}].target", _unknown_target(target, targets))
            ok = False
    for ident in closed:
        if ident in unlinked:
            chk.add(rec, "closed", _unlinked_message(ident, nodes, segments))
            ok = False
        elif ident not in targets and ident not in chk.invalid:
            chk.add(rec, "closed", _unknown_target(ident, targets))
            ok = False
    market_ids = sorted(n for n, node in nodes.items() if node.kind == "market")
    for ident in markets:
        if ident not in market_ids and ident not in chk.invalid:
            chk.add(rec, "markets", _unknown_market(ident, market_ids))
            ok = False
    return ok


def _raw_places(rec: RawRecord) -> tuple[list[tuple[int, str]], list[str], list[str]]:
    """The ids a scenario's record names as outage targets (with their places), closures and
    markets, as far as its structure holds: for a scenario whose other fields have problems,
    so that one run names every mistake."""

    def texts(value: Any) -> list[str]:
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    outages = rec.data.get("outages")
    targets = [
        (i, entry["target"])
        for i, entry in enumerate(outages if isinstance(outages, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("target"), str) and entry["target"]
    ]
    return (
        targets,
        texts(rec.data.get("closed")),
        texts(rec.data.get("markets")),
    )


def _unknown_market(ident: str, markets: Sequence[str]) -> str:
    return (
        f"names {shown(ident)}, which is no market"
        f"{closest(ident, markets)}; use one of {', '.join(markets)}"
    )


def scenario_from_record(net: Network, rec: RawRecord) -> Scenario:
    """Validate a user's scenario against the network it will run on.

    Raises
    ------
    DataError
        Naming the file, the field, the bad value and the valid choices.
    """
    chk = Checker()
    sc = _scenario(chk, rec)
    if sc is None:
        _check_scenario_places(chk, rec, *_raw_places(rec), net.nodes, net.segments)
    if sc is not None and check_scenario(
        chk, rec, sc, net.nodes, net.segments, net.events, net.routes, net.crudes
    ):
        for i, item in enumerate(sc.supply or ()):
            _check_refs(
                chk,
                rec,
                f"supply[{i}].supply.sources",
                item.figure.sources,
                net.sources,
                "source",
                LAYER_FILES["sources"],
            )
        if sc.price is not None:
            _check_refs(
                chk,
                rec,
                "price.sources",
                sc.price.sources,
                net.sources,
                "source",
                LAYER_FILES["sources"],
            )
    if chk.problems or sc is None:
        count = len(chk.problems)
        head = (
            chk.problems[0]
            if count == 1
            else f"{count} problems in the scenario, first: {chk.problems[0]}"
        )
        raise DataError(head, problems=tuple(chk.problems))
    return sc


def load_scenario(net: Network, spec: str, *, option: str = "scenario") -> Scenario:
    """A preset by its id, or a scenario file (YAML, JSON or TOML) by its path; `option` names
    where the user gave it, for the message.

    Raises
    ------
    UsageError
        When `spec` is neither a preset nor an existing file.
    DataError
        When the file's scenario is not valid for the network.
    """
    from routes.io import SCENARIO_SUFFIXES, read_scenario_file

    if spec in net.scenarios:
        return net.scenarios[spec]
    path = Path(spec)
    if path.is_file() or path.suffix.lower() in SCENARIO_SUFFIXES:
        return scenario_from_record(
            net,
            read_scenario_file(path, option="scenario file" if option == "scenario" else option),
        )
    presets = sorted(net.scenarios)
    raise UsageError(
        f"{option} {shown(spec)} is no preset and no file{closest(spec, presets)}; "
        "use "
        f"one of {', '.join(presets) or '(no presets in the data)'}, or the path "
        "of a YAML or TOML scenario file"
    )


def load_network(
    data: str | Path | Sequence[str | Path] | None = None, *, option: str = "--data"
) -> Network:
    """Load and validate the packaged network, with the user's folders laid over it in order.

    Parameters
    ----------
    data
        A folder, or a list of folders, with any of the layer files; each folder's entries add
        to or replace the earlier ones by id.
    """
    from routes.io import packaged_data_dir, read_data_dirs

    extra = [data] if isinstance(data, str | Path) else list(data or [])
    return network_from_raw(
        read_data_dirs([packaged_data_dir(), *(Path(d) for d in extra)], option=option)
    )
