"""The memo bundle (`routes memo`): one content model built from the comparison and scenario
documents, rendered to Markdown, HTML and DOCX beside its charts and `results.json`.

Every number in the model is a `Fig`: a `Quantity` (value, unit, bound, as-of, sources,
assumption flag) taken from `routes.compare/1` or `routes.scenario/1`, or a ratio or share of
such figures whose bound and sources follow from theirs. The renderers only lay the model out;
none of them computes or types a number.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final, Literal

from routes.quantity import Bound, Quantity, printed, text
from routes.report import (
    FACTOR_LABELS,
    LEGEND,
    dumps,
    md,
    override_notes,
    source_line,
    sources_list,
)

if TYPE_CHECKING:
    from routes.figures import FigureFormat
    from routes.network import Network

JsonDict = dict[str, Any]

MEMO_SCHEMA: Final[str] = "routes.memo/1"
FORMATS: Final[tuple[str, ...]] = ("md", "html", "docx")
#: The what-ifs a memo runs when none is named: the round-number closure every reader asks
#: about first, and the latest real event, which has a reported loss to check the model against.
DEFAULT_SCENARIOS: Final[tuple[str, ...]] = ("cpc-closed-30d", "cpc-mooring-nov-2025")
DEFAULT_TITLE: Final[str] = "Kazakhstan's crude export routes: capacity, cost and risk"
#: How the risk score's range is written (a label, kept in results.json with the memo's other
#: labels).
RISK_SCALE: Final[str] = "0–100"
BOUND_WORDS: Final[dict[str, str]] = {"at_most": "at most ", "at_least": "at least "}
#: Statuses whose capacity is never available today.
NOT_AVAILABLE: Final[tuple[str, ...]] = ("idle", "planned", "cancelled", "under_construction")


# --- The content model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fig:
    """A number as the memo prints it: the quantity it comes from and how it is shown.

    ``scale`` divides the value for display (USD shown in millions) and ``unit`` is the unit
    printed after it in prose (the quantity's own unit when None).
    """

    id: str
    q: Quantity
    nd: int = 0
    scale: float = 1.0
    unit: str | None = None
    #: Whether the renderers print its source markers (results.json always lists them); off
    #: where a column or a line nearby cites the same sources once.
    cite: bool = True

    @property
    def shown_unit(self) -> str:
        return self.q.unit if self.unit is None else self.unit

    @property
    def shown(self) -> float | None:
        """The value as printed: scaled, and rounded away from what a bound allows (an upper
        bound up, a lower bound down), so that "at least 13.9 times" never claims more than
        the data do.

        >>> Fig("r", Quantity(13.94, "times", "at_least"), 0).shown, Fig("c", Quantity(
        ...     104.43, "kb/d", "at_most")).shown
        (13.0, 105.0)
        """
        if self.q.value is None:
            return None
        return printed(replace(self.q, value=self.q.value / self.scale), self.nd)

    def number(self) -> str:
        """The number alone (``1,573``), or ``unknown`` / ``not sourced``.

        >>> Fig("x", Quantity(-0.001, "kt")).number(), Fig("y", Quantity(None, "kt")).number()
        ('0', 'unknown')
        """
        v = self.shown
        if v is None:
            return "not sourced" if self.q.bound == "not_sourced" else "unknown"
        shown = f"{v:,.{self.nd}f}"
        return shown[1:] if re.fullmatch(r"-0[.0]*", shown) else shown

    def cell(self) -> str:
        """As a table cell: ``≤ 104*`` (bound sign, assumption mark; the unit is in the
        header)."""
        if self.shown is None:
            return self.number()
        return text(
            Quantity(self.shown, self.shown_unit, self.q.bound, assumption=self.q.assumption),
            self.nd,
        ).replace(f"{self.shown:,.{self.nd}f}", self.number())

    def prose(self) -> str:
        """In a sentence, the bound in words: ``at most 104 kb/d``, ``at least 4.32 USD/bbl``.

        >>> Fig("c", Quantity(4.3214, "USD/bbl", "at_least"), 2).prose()
        'at least 4.32 USD/bbl'
        """
        if self.shown is None:
            return self.number()
        unit = self.shown_unit
        sep = "" if unit in ("%", "") else " "
        return f"{BOUND_WORDS.get(self.q.bound, '')}{self.number()}{sep}{unit}"

    def to_dict(self) -> JsonDict:
        return {
            "id": self.id,
            **self.q.to_dict(6),
            "printed": self.number(),
            "printed_unit": self.shown_unit,
            "decimals": self.nd,
            "scale": self.scale,
        }


@dataclass(frozen=True)
class Cite:
    """A citation with no number: the sources behind a sentence (an event, a description)."""

    sources: tuple[str, ...]


Run = str | Fig | Cite
Text = tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    text: Text
    kind: Literal["body", "note"] = "body"


@dataclass(frozen=True)
class Bullets:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    """A table: header labels, rows of cells (each a Text), and a note printed under it."""

    id: str
    label: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    note: Text = ()


@dataclass(frozen=True)
class Chart:
    """A figure: PNG (and SVG when drawn as vectors) bytes, its caption and alt text."""

    id: str
    label: str
    caption: Text
    alt: str
    png: bytes
    svg: bytes | None = None

    @property
    def files(self) -> tuple[str, ...]:
        return (f"figures/{self.id}.png", *((f"figures/{self.id}.svg",) if self.svg else ()))


Block = Paragraph | Bullets | Table | Chart


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block | Section, ...]


@dataclass(frozen=True)
class TitleBlock:
    title: str
    data_version: str
    date: dt.date
    command: str
    profile: str


@dataclass(frozen=True)
class SourceNote:
    """A numbered source, in order of first citation."""

    n: int
    id: str
    line: str
    url: str | None
    #: The line in Markdown: its text made literal, its address an autolink.
    md_line: str


@dataclass(frozen=True)
class Memo:
    """Everything the memo states, in reading order."""

    title: TitleBlock
    findings: tuple[Text, ...]
    sections: tuple[Section, ...]
    assumptions: tuple[Text, ...]
    gaps: tuple[tuple[str, str], ...]
    sources: tuple[SourceNote, ...]
    routes: tuple[str, ...]
    scenarios: tuple[str, ...]

    def number_of(self) -> dict[str, int]:
        return {s.id: s.n for s in self.sources}


# --- From the documents to figures ------------------------------------------------------------


def quantity(d: Mapping[str, Any], *, value: float | None = None) -> Quantity:
    """A figure dict of a document (value, unit, bound, as_of, sources, assumption, note) as a
    Quantity."""
    return Quantity(
        d["value"] if value is None else value,
        d["unit"],
        d.get("bound", "exact"),
        d.get("as_of"),
        tuple(d.get("sources", ())),
        bool(d.get("assumption")),
        d.get("note"),
    )


def plain(
    value: float | None,
    unit: str,
    *,
    sources: Iterable[str] = (),
    note: str | None = None,
    assumption: bool = False,
    bound: Bound = "exact",
) -> Quantity:
    return Quantity(
        value,
        unit,
        bound if value is not None else "unknown",
        sources=tuple(dict.fromkeys(sources)),
        assumption=assumption,
        note=note,
    )


def ratio_bound(num: Bound, den: Bound) -> Bound:
    """The bound of a ratio: an upper bound below the line makes it a lower bound.

    >>> ratio_bound("exact", "at_most"), ratio_bound("at_most", "exact")
    ('at_least', 'at_most')
    >>> ratio_bound("at_most", "at_most")
    'unknown'
    """
    flip: dict[str, Bound] = {"exact": "exact", "at_most": "at_least", "at_least": "at_most"}
    if num not in flip or den not in flip:
        return "unknown"
    b = {num, flip[den]} - {"exact"}
    if not b:
        return "exact"
    return b.pop() if len(b) == 1 else "unknown"


def ratio(
    a: Quantity, b: Quantity, *, unit: str = "times", scale: float = 1.0, note: str
) -> Quantity:
    """a / b (times `scale`) with the bound and provenance of both; unknown when either is
    missing or b is zero."""
    bound = ratio_bound(a.bound, b.bound)
    value = (
        a.value / b.value * scale
        if a.value is not None and b.value and bound != "unknown"
        else None
    )
    return Quantity(
        value,
        unit,
        bound if value is not None else "unknown",
        max((y for y in (a.as_of, b.as_of) if y), default=None),
        tuple(dict.fromkeys([*a.sources, *b.sources])),
        a.assumption or b.assumption,
        note,
    )


def day_fig(fid: str, day: float) -> Fig:
    return Fig(fid, Quantity(day, "days"), 0 if float(day).is_integer() else 1, unit="")


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _join(parts: Sequence[Text], sep: str = ", ", last: str | None = None) -> Text:
    out: list[Run] = []
    for i, p in enumerate(parts):
        if i:
            out.append(last if last is not None and i == len(parts) - 1 else sep)
        out.extend(p)
    return tuple(out)


@dataclass(frozen=True)
class RouteFigs:
    """A route's figures from the comparison, as the memo prints them."""

    doc: JsonDict

    @property
    def id(self) -> str:
        return str(self.doc["id"])

    @property
    def name(self) -> str:
        return str(self.doc["name"])

    def fig(self, key: str, nd: int = 0, *, scale: float = 1.0, unit: str | None = None) -> Fig:
        return Fig(f"route.{self.id}.{key}", quantity(self.doc["figures"][key]), nd, scale, unit)

    @property
    def capacity(self) -> Fig:
        return self.fig("capacity")

    @property
    def capacity_mtpa(self) -> Fig:
        return self.fig("capacity_mtpa", 1)

    @property
    def if_built(self) -> Fig:
        return self.fig("capacity_if_built")

    @property
    def spare(self) -> Fig:
        return self.fig("spare_capacity")

    @property
    def cost(self) -> Fig:
        return self.fig("cost_usd_per_bbl", 2)

    @property
    def score(self) -> Fig:
        sources = [
            s for f in self.doc["risk_factors"].values() for i in f["inputs"] for s in i["sources"]
        ]
        return Fig(
            f"route.{self.id}.risk_score",
            plain(
                self.doc["risk_score"],
                "points",
                sources=sources,
                note="the sum of the factor contributions",
            ),
            1,
            unit="",
            cite=False,
        )

    def factor(self, name: str) -> Fig:
        f = self.doc["risk_factors"][name]
        sources = [s for i in f["inputs"] for s in i["sources"]]
        return Fig(
            f"route.{self.id}.risk.{name}",
            plain(f["contribution"], "points", sources=sources, note=f["explanation"]),
            1,
            unit="",
            cite=False,
        )

    def transshipments(self) -> Fig:
        return Fig(
            f"route.{self.id}.transshipments", plain(self.doc["transshipments"], ""), unit=""
        )

    @property
    def available(self) -> bool:
        return self.doc["status"] not in NOT_AVAILABLE and bool(self.capacity.q.value)


def _names(route: RouteFigs, ids: Sequence[str], name_of: Mapping[str, str]) -> str:
    return "; ".join(name_of.get(i, i) for i in ids)


def _factor_crude(route: RouteFigs) -> JsonDict | None:
    """The crude whose assumed bbl/t factor converts the route's bottleneck to kb/d, if any."""
    necks = set((route.doc["bottleneck"] or "").split(" + "))
    for c in route.doc["crudes"]:
        if c["bbl_per_t"]["assumption"] and necks & set(c["used_by"]):
            return dict(c)
    return None


# --- Findings ---------------------------------------------------------------------------------


def capacity_finding(a: RouteFigs, b: RouteFigs, name_of: Mapping[str, str]) -> Text:
    """How the lead route's available capacity compares with the other's, with bounds in words
    and the reasons for them."""
    out: list[Run] = [f"{a.name} can carry ", a.capacity_mtpa, " (", a.capacity, ") today"]
    if not b.available:
        out += [f"; {b.name} can carry nothing today: it is {b.doc['status'].replace('_', ' ')}"]
        blocked = b.doc["available"]["blocked_by"]
        if blocked:
            out.append(f" ({_names(b, blocked, name_of)} not operating)")
        out.append(".")
        return tuple(out)
    r = Fig(
        f"finding.capacity_ratio.{a.id}.{b.id}",
        ratio(
            a.capacity_mtpa.q,
            b.capacity_mtpa.q,
            note=f"{a.id} capacity_mtpa / {b.id} capacity_mtpa (tonnes, so no bbl/t factor enters)",
        ),
        1,
    )
    if r.q.value is not None:
        # In tonnes: barrels differ with each route's bbl/t, so the kb/d ratio is another one.
        out += [", ", r, f" as much by weight as {b.name}"]
    else:
        out += [f"; {b.name}"]
    out += [", which can carry ", b.capacity_mtpa, " (", b.capacity]
    crude = _factor_crude(b)
    if crude is not None:
        out += [
            ", converted at an assumed ",
            Fig(f"crude.{crude['id']}.bbl_per_t", quantity(crude["bbl_per_t"]), 2),
        ]
    out.append(")")
    unknown = b.doc["capacity_unknown"]
    if b.capacity.q.bound == "at_most" and unknown:
        out.append(
            f", an upper bound because no capacity is sourced for {_names(b, unknown, name_of)}"
        )
    out.append(".")
    return tuple(out)


def if_built_finding(routes: Sequence[RouteFigs]) -> Text | None:
    """Routes whose idle or planned assets would add capacity: said apart from today's, never
    as available."""
    parts: list[Text] = []
    for r in routes:
        today, built = r.capacity.q.value or 0.0, r.if_built.q.value
        if built is None or built <= today + 1e-9:
            continue
        status = r.doc["status"]
        if status in NOT_AVAILABLE:
            parts.append(
                (
                    f"{r.name} is {status.replace('_', ' ')}, so none of its capacity is "
                    "available today (",
                    r.if_built,
                    " if restarted or built)",
                )
            )
        else:
            parts.append(
                (
                    f"{r.name} would rise from ",
                    r.capacity,
                    " to ",
                    r.if_built,
                    " if its idle or planned assets were built or restarted",
                )
            )
    if not parts:
        return None
    return (*_join(parts, "; ", "; and "), ". This memo counts none of that capacity as available.")


def spare_finding(routes: Sequence[RouteFigs]) -> Text | None:
    live = [r for r in routes if r.available]
    if not live:
        return None
    parts = [(f"{r.name} ", r.spare) for r in live]
    return (
        "Spare capacity today (capacity less the recorded flow of every shipper): ",
        *_join(parts, "; "),
        ". Routes share pumps, ports and tankers, so these do not add up; what the others "
        "can take when one route closes is the scenarios' answer below.",
    )


def cost_finding(routes: Sequence[RouteFigs]) -> Text | None:
    """Each route's transport cost with its bound in words; which of the first two is cheaper
    only when the bounds allow it; the assumed cost items named."""
    if not routes:
        return None
    parts: list[Text] = []
    for r in routes:
        cost = r.cost
        part: list[Run] = [f"{r.name} ", cost]
        unpriced = [c["id"] for c in r.doc["costs"] if c["usd_per_bbl"] is None]
        if cost.q.bound == "at_least" and unpriced:
            part.append(f" (no figure for {_and(unpriced)})")
        parts.append(tuple(part))
    out: list[Run] = ["Transport cost to the market: ", *_join(parts, "; "), "."]
    if len(routes) >= 2:
        a, b = routes[0].cost, routes[1].cost
        cheaper = _cheaper(a.q, b.q)
        if cheaper is not None:
            first, second = (routes[0], routes[1]) if cheaper else (routes[1], routes[0])
            out.append(f" {first.name} costs less than {second.name}.")
        else:
            out.append(
                f" Which of {routes[0].name} and {routes[1].name} costs less cannot "
                "be told from the sourced figures."
            )
    assumed = list(
        dict.fromkeys(
            c["id"]
            for r in routes
            for c in r.doc["costs"]
            if c["assumption"] and c["usd_per_bbl"] is not None
        )
    )
    if assumed:
        out.append(f" The costs rest on assumed items: {_and(assumed)} (see Assumptions).")
    return tuple(out)


def _cheaper(a: Quantity, b: Quantity) -> bool | None:
    """True when a is surely cheaper than b, False when b surely is, None when the figures
    cannot tell (a lower bound is only known to be at least its value)."""
    if a.value is None or b.value is None:
        return None
    a_hi = a.value if a.bound == "exact" else math.inf
    b_hi = b.value if b.bound == "exact" else math.inf
    if a.bound in ("exact", "at_least") and b.bound in ("exact", "at_least"):
        if a_hi < b.value:
            return True
        if b_hi < a.value:
            return False
    return None


def risk_finding(routes: Sequence[RouteFigs], compare: JsonDict) -> Text | None:
    if not routes:
        return None
    by_id = {r.id: r for r in routes}
    order = [by_id[i] for i in compare["ranking_by_risk"] if i in by_id]
    top, low = order[0], order[-1]
    factors = sorted(
        top.doc["risk_factors"], key=lambda f: -top.doc["risk_factors"][f]["contribution"]
    )[:2]
    out: list[Run] = [f"{top.name} carries the highest risk score, ", top.score]
    if low is not top:
        out += [f", against {low.name}'s ", low.score]
    out += [
        f" (scale {RISK_SCALE}); its largest contributions are ",
        *_join([(f"{FACTOR_LABELS.get(f, f)} ", top.factor(f)) for f in factors], ", ", " and "),
        ".",
    ]
    out.append(" " + stability_text(routes, compare))
    return tuple(out)


def stability_text(routes: Sequence[RouteFigs], compare: JsonDict) -> str:
    """Whether the risk ranking survives each weight moving by the step the comparison tried,
    and which routes swap when it does not."""
    names = {r.id: r.name for r in routes}
    stability = compare["ranking_stability"]
    if stability["stable"]:
        return f"The ranking holds when any weight moves by {stability['weight_change']}."
    swaps = [
        f"{FACTOR_LABELS.get(s['factor'], s['factor'])} {s['change']}: "
        f"{names.get(s['routes'][0], s['routes'][0])} and "
        f"{names.get(s['routes'][1], s['routes'][1])}"
        for s in stability["swaps"]
    ]
    return (
        f"The ranking depends on the weights: moving a weight by "
        f"{stability['weight_change']} swaps two routes ({'; '.join(swaps)})."
    )


@dataclass(frozen=True)
class ScenarioFigs:
    doc: JsonDict
    route_names: Mapping[str, str]

    @property
    def id(self) -> str:
        return str(self.doc["scenario"]["id"])

    def fig(self, key: str, unit: str, nd: int = 0, *, sources: Iterable[str] = ()) -> Fig:
        return Fig(f"scenario.{self.id}.{key}", plain(self.doc[key], unit, sources=sources), nd)

    @property
    def supply_sources(self) -> list[str]:
        return [s for row in self.doc["supply"] for s in row["figure"]["sources"]]

    @property
    def shortfall(self) -> Fig:
        return self.fig("shortfall_kt", "kt", sources=self.supply_sources)

    @property
    def exported(self) -> Fig:
        """What the supply would export over the scenario's days (delivered + shortfall)."""
        d = self.doc
        return Fig(
            f"scenario.{self.id}.supply_kt",
            plain(
                d["delivered_kt"] + d["shortfall_kt"],
                "kt",
                sources=self.supply_sources,
                note="delivered_kt + shortfall_kt",
            ),
        )

    @property
    def share(self) -> Fig:
        return Fig(
            f"scenario.{self.id}.shortfall_share",
            ratio(
                self.shortfall.q,
                self.exported.q,
                unit="%",
                scale=100.0,
                note="shortfall_kt / (delivered_kt + shortfall_kt)",
            ),
        )

    @property
    def revenue(self) -> Fig:
        return Fig(
            f"scenario.{self.id}.revenue_lost_usd",
            quantity(self.doc["figures"]["revenue_lost_usd"]),
            0,
            1e6,
            "million USD",
        )

    @property
    def price(self) -> Fig:
        return Fig(
            f"scenario.{self.id}.price_usd_per_bbl",
            quantity(self.doc["figures"]["price_usd_per_bbl"]),
            2,
        )

    def route_name(self, rid: str) -> str:
        return self.route_names.get(rid, rid)

    def rerouted(self) -> list[tuple[str, Fig]]:
        """The oil moved onto each other route, largest first."""
        moved = sorted(
            ((r, v) for r, v in self.doc["rerouted_kt_by_route"].items() if v),
            key=lambda rv: -rv[1],
        )
        return [
            (
                r,
                Fig(
                    f"scenario.{self.id}.rerouted_kt.{r}",
                    plain(v, "kt", sources=self.supply_sources),
                    cite=False,
                ),
            )
            for r, v in moved
        ]

    def worst(self) -> tuple[int, JsonDict]:
        bands = self.doc["bands"]
        i = max(range(len(bands)), key=lambda k: (bands[k]["shortfall_kbd"], -k))
        return i, bands[i]


def band_fig(s: ScenarioFigs, i: int | str, key: str, value: float) -> Fig:
    return Fig(
        f"scenario.{s.id}.band.{i}.{key}",
        plain(value, "kb/d", sources=s.supply_sources),
        0,
        cite=False,
    )


def scenario_finding(s: ScenarioFigs, *, preset: bool) -> Text:
    """What the scenario leaves undelivered, as a share of what the supply would export in its
    days, its revenue at the assumed price, where the rest goes and the extra cost."""
    d = s.doc
    sc = d["scenario"]
    days = day_fig(f"scenario.{s.id}.days", d["days"])
    out: list[Run] = [
        f"{sc['name']} ({'preset' if preset else 'scenario'} {s.id}) leaves ",
        s.shortfall,
        " undelivered over ",
        days,
        " days, ",
        s.share,
        " of the ",
        s.exported,
        " the supply would export in that time",
    ]
    revenue = s.revenue
    if revenue.q.value is not None:
        out += [", worth ", revenue, " at ", "an assumed " if s.price.q.assumption else "", s.price]
    out.append(".")
    i, band = s.worst()
    out += [
        " At worst ",
        band_fig(s, i, "shortfall_kbd", band["shortfall_kbd"]),
        " cannot leave (days ",
        day_fig(f"scenario.{s.id}.band.{i}.start_day", band["start_day"]),
        "–",
        day_fig(f"scenario.{s.id}.band.{i}.end_day", band["end_day"]),
        ").",
    ]
    out += rerouted_text(s)
    out += extra_cost_text(s)
    out += comparison_text(s)
    return tuple(out)


def rerouted_text(s: ScenarioFigs) -> Text:
    moved = s.rerouted()
    if not moved:
        return (" Nothing can be rerouted.",)
    return (
        " Rerouted: ",
        *_join([(f, f" by {s.route_name(r)}") for r, f in moved], ", ", " and "),
        ".",
    )


def extra_cost_text(s: ScenarioFigs) -> Text:
    extra = s.doc["figures"]["extra_cost_usd"]
    if extra["value"] is None:
        routes = [s.route_name(r) for r in s.doc["uncosted_kt_by_route"]]
        return (
            " The extra transport cost is unknown: no tariff or freight rate is sourced "
            f"for part of the way the rerouted oil takes ({_and(routes)}).",
        )
    return (
        " The rerouted oil pays ",
        Fig(f"scenario.{s.id}.extra_cost_usd", quantity(extra), 0, 1e6, "million USD"),
        " more for transport.",
    )


def comparison_text(s: ScenarioFigs) -> Text:
    """The modelled loss beside a reported one, and how far apart they are."""
    c = s.doc["comparison"]
    if c is None or c["modelled_kt"] is None or not c["reported_kt"]:
        return ()
    modelled = Fig(
        f"scenario.{s.id}.comparison.modelled_kt",
        plain(c["modelled_kt"], "kt", sources=s.supply_sources),
        cite=False,
    )
    reported = Fig(
        f"scenario.{s.id}.comparison.reported_kt",
        plain(c["reported_kt"], "kt", sources=c["sources"], note=c["note"]),
    )
    gap = (c["modelled_kt"] - c["reported_kt"]) / c["reported_kt"] * 100
    diff = Fig(
        f"scenario.{s.id}.comparison.difference",
        plain(
            abs(gap), "%", sources=c["sources"], note="|modelled_kt − reported_kt| / reported_kt"
        ),
        cite=False,
    )
    return (
        " By day ",
        day_fig(f"scenario.{s.id}.comparison.day", c["day"]),
        " the model leaves ",
        modelled,
        " undelivered, ",
        diff,
        " " + ("more" if gap > 0 else "less") + " than the ",
        reported,
        f" reported: {c['note']}",
    )


def totals(s: ScenarioFigs) -> Bullets:
    """The scenario's totals, one line each."""
    d = s.doc
    return Bullets(
        (
            (
                "Delivered ",
                Fig(
                    f"scenario.{s.id}.delivered_kt",
                    plain(d["delivered_kt"], "kt", sources=s.supply_sources),
                    cite=False,
                ),
                "; shortfall ",
                s.shortfall,
                " (",
                Fig(
                    f"scenario.{s.id}.shortfall_mbbl",
                    plain(d["shortfall_mbbl"], "million bbl", sources=s.supply_sources),
                    2,
                    cite=False,
                ),
                "), ",
                s.share,
                " of what the supply would export in those days.",
            ),
            _lead(rerouted_text(s)),
            _lead(extra_cost_text(s)),
            (
                "Revenue lost: ",
                s.revenue,
                " at ",
                "an assumed " if s.price.q.assumption else "",
                s.price,
                f" ({d['figures']['price_usd_per_bbl']['note']}).",
            ),
            *((_lead(comparison_text(s)),) if comparison_text(s) else ()),
        )
    )


def _lead(t: Text) -> Text:
    """A sentence that followed another, standing alone: without its leading space, capital
    first."""
    first = t[0]
    if isinstance(first, str):
        first = first.lstrip()
        return (first[:1].upper() + first[1:], *t[1:])
    return t


# --- Tables -----------------------------------------------------------------------------------


def _label(s: str) -> Text:
    return (s,)


def comparison_table(routes: Sequence[RouteFigs]) -> Table:
    def row(label: str, cells: Iterable[Text]) -> tuple[Text, ...]:
        return (_label(label), *cells)

    rows = (
        row("status", (_label(r.doc["status"].replace("_", " ")) for r in routes)),
        row("length, km", ((r.fig("length_km"),) for r in routes)),
        row("capacity today, kb/d", ((r.capacity,) for r in routes)),
        row("capacity today, Mt/yr", ((r.capacity_mtpa,) for r in routes)),
        row("set by", (_label(r.doc["bottleneck"] or "n/a") for r in routes)),
        row("capacity if built or restarted, kb/d", ((r.if_built,) for r in routes)),
        row("spare today, kb/d", ((r.spare,) for r in routes)),
        row("cost, USD/bbl", ((r.cost,) for r in routes)),
        row("transit, days", ((r.fig("transit_days", 1),) for r in routes)),
        row("transshipments", ((r.transshipments(),) for r in routes)),
        row("chokepoints", (_label(", ".join(r.doc["chokepoints"]) or "none") for r in routes)),
        row(f"risk score ({RISK_SCALE})", ((r.score,) for r in routes)),
    )
    return Table(
        "comparison",
        "",
        "The routes side by side",
        ("", *(r.name for r in routes)),
        rows,
        (LEGEND + ".",),
    )


def risk_table(routes: Sequence[RouteFigs], compare: JsonDict) -> Table:
    factors = list(routes[0].doc["risk_factors"]) if routes else []
    rows = []
    for f in factors:
        weight = Fig(f"weights.{f}", plain(compare["weights"][f], "", note="risk profile"), 2)
        sources = [
            s for r in routes for i in r.doc["risk_factors"][f]["inputs"] for s in i["sources"]
        ]
        rows.append(
            (
                _label(FACTOR_LABELS.get(f, f)),
                (weight,),
                *((r.factor(f),) for r in routes),
                (Cite(tuple(dict.fromkeys(sources))),),
            )
        )
    rows.append((_label("risk score"), _label(""), *((r.score,) for r in routes), _label("")))
    return Table(
        "risk",
        "",
        "Risk score by factor: each factor's contribution (its value, "
        "from none to full "
        "exposure, times its weight, times one hundred)",
        ("factor", "weight", *(r.name for r in routes), "sources"),
        tuple(rows),
    )


def band_table(s: ScenarioFigs) -> Table:
    d = s.doc
    routes = [
        r
        for r in d["baseline"]["flow_kbd_by_route"]
        if any(b["flow_kbd_by_route"].get(r) for b in (d["baseline"], *d["bands"]))
    ]
    header = (
        "days",
        "out",
        "delivered, kb/d",
        "shortfall, kb/d",
        *(s.route_name(r) + ", kb/d" for r in routes),
        "binding",
    )

    def row(i: int | str, days: Text, band: JsonDict, out: str) -> tuple[Text, ...]:
        return (
            days,
            _label(out),
            (band_fig(s, i, "delivered_kbd", band["delivered_kbd"]),),
            (band_fig(s, i, "shortfall_kbd", band["shortfall_kbd"]),),
            *(
                (band_fig(s, i, f"flow_kbd.{r}", band["flow_kbd_by_route"].get(r, 0.0)),)
                for r in routes
            ),
            _label(", ".join(band["binding"]) or "none"),
        )

    rows = [row("baseline", _label("usual"), d["baseline"], "none")]
    for i, b in enumerate(d["bands"]):
        days = (
            day_fig(f"scenario.{s.id}.band.{i}.start_day", b["start_day"]),
            "–",
            day_fig(f"scenario.{s.id}.band.{i}.end_day", b["end_day"]),
        )
        rows.append(row(i, days, b, ", ".join(b["outages"]) or "none"))
    return Table(
        f"scenario-{s.id}",
        "",
        f"{d['scenario']['name']}: flows by band of days",
        header,
        tuple(rows),
        ("'Binding' names what is full on the narrowest cut between the supply and the markets.",),
    )


# --- Assumptions and gaps ---------------------------------------------------------------------


def assumptions_from(
    compare: JsonDict, routes: Sequence[RouteFigs], scenarios: Sequence[ScenarioFigs]
) -> list[Text]:
    out: list[Text] = []
    seen: set[str] = set()
    for r in routes:
        for c in r.doc["crudes"]:
            key = f"crude.{c['id']}"
            if c["bbl_per_t"]["assumption"] and key not in seen:
                seen.add(key)
                out.append(
                    (
                        f"Barrels per tonne of {c['id']}: ",
                        Fig(f"crude.{c['id']}.bbl_per_t", quantity(c["bbl_per_t"]), 2),
                        f". {c['bbl_per_t']['note'] or ''}".rstrip(". ") + ".",
                    )
                )
        for c in r.doc["costs"]:
            key = f"cost.{c['id']}"
            if c["assumption"] and c["usd_per_bbl"] is not None and key not in seen:
                seen.add(key)
                out.append(
                    (
                        f"{c['id']}: ",
                        Fig(
                            key,
                            plain(
                                c["usd_per_bbl"], "USD/bbl", sources=c["sources"], assumption=True
                            ),
                            2,
                        ),
                        f". {c['note'] or ''}".rstrip(". ") + ".",
                    )
                )
    basis = list(
        dict.fromkeys(
            t["basis"] for r in routes for t in r.doc["transit_breakdown"] if t["assumption"]
        )
    )
    if basis:
        cites = Cite(
            tuple(
                dict.fromkeys(
                    s
                    for r in routes
                    for t in r.doc["transit_breakdown"]
                    if t["assumption"]
                    for s in t["sources"]
                )
            )
        )
        out.append(
            (
                "Transit days rest on assumed speeds, waits and handling: "
                + "; ".join(basis)
                + ".",
                cites,
            )
        )
    for s in scenarios:
        for a in s.doc["assumptions"]:
            key = f"assumption.{a['id']}"
            if key in seen or a["value"] is None:
                continue
            seen.add(key)
            out.append(
                (
                    f"{a['id']}: ",
                    Fig(
                        key,
                        plain(a["value"], a["unit"], sources=a["sources"], assumption=True),
                        2 if not float(a["value"]).is_integer() else 0,
                    ),
                    f". {a['reasoning']}".rstrip(". ") + ".",
                )
            )
    # What the reader's own folders changed: every figure below them rests on it.
    out += [(note,) for note in override_notes(compare.get("overrides", ()))]
    profile = compare["weights_profile"]
    out.append(
        (
            f"The risk weights are the '{profile['name']}' profile, version "
            f"{profile['version']} ({profile['digest']}): ",
            *_join(
                [
                    (
                        f"{FACTOR_LABELS.get(f, f)} ",
                        Fig(f"weights.{f}", plain(w, "", note="risk profile"), 2),
                    )
                    for f, w in compare["weights"].items()
                ],
                ", ",
            ),
            ". A different view of what matters gives different scores; pass your own "
            "with --weights.",
        )
    )
    return out


def gaps_from(
    routes: Sequence[RouteFigs], scenarios: Sequence[ScenarioFigs]
) -> list[tuple[str, str]]:
    """(what, the gap) from the routes' warnings and the scenarios' notes, each once, as
    written after the route's or scenario's name and a colon (many begin with an id, whose case
    is kept: 'btc is drawn…', not 'Btc is drawn…')."""

    def sentence(s: str) -> str:
        return s.rstrip(".") + "."

    out = [(r.name, sentence(w)) for r in routes for w in r.doc["warnings"]]
    out += [(s.doc["scenario"]["name"], sentence(n)) for s in scenarios for n in s.doc["notes"]]
    return list(dict.fromkeys(out))


# --- The memo ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """What a memo is built from: the documents, and the labels it needs from the network."""

    compare: JsonDict
    scenarios: tuple[JsonDict, ...]
    title: str
    date: dt.date
    command: str
    name_of: Mapping[str, str]
    presets: frozenset[str]
    event_sources: Mapping[str, tuple[str, ...]]


def charts_for(
    net: Network, inputs: Inputs, map_figure: Mapping[FigureFormat, bytes]
) -> dict[str, Chart]:
    """The memo's figures: the static map, capacity against risk, the risk factors and each
    scenario's days; every route in its own colour, as on the map."""
    from routes import figures, style

    routes = [RouteFigs(r) for r in inputs.compare["routes"]]
    colour = style.route_colours(list(net.routes))
    charts = {
        "map": Chart(
            "map",
            "",
            (
                "The routes today, each in its own colour with its risk "
                "score beside its name; width by capacity; idle legs "
                "faded, planned ones hollow.",
            ),
            "Map of the routes compared",
            map_figure["png"],
            map_figure.get("svg"),
        )
    }
    cap = figures.capacity_risk_chart(
        [
            figures.RoutePoint(
                r.name,
                r.doc["risk_score"],
                r.doc["capacity_kbd"],
                r.doc["capacity_bound"] == "at_most",
                r.doc["capacity_if_built_kbd"],
                r.doc["status"],
                colour.get(r.id),
            )
            for r in routes
        ],
        title="Capacity available today against risk",
        capacity_label="capacity, kb/d",
        risk_label=f"risk score ({RISK_SCALE})",
    )
    charts["capacity-risk"] = Chart(
        "capacity-risk",
        "",
        (
            "Capacity available today against the risk score; open rings "
            "show capacity if idle or planned assets were built or "
            "restarted, which the memo never counts as available.",
        ),
        "Scatter chart of route capacity against risk score",
        cap["png"],
        cap["svg"],
    )
    factors = list(routes[0].doc["risk_factors"]) if routes else []
    bars = figures.risk_factor_chart(
        [
            figures.RiskBar(
                r.name, tuple(r.doc["risk_factors"][f]["contribution"] for f in factors)
            )
            for r in routes
        ],
        [FACTOR_LABELS.get(f, f) for f in factors],
        title="What makes up each risk score",
        score_label=f"risk score ({RISK_SCALE}), stacked by factor contribution",
    )
    charts["risk-factors"] = Chart(
        "risk-factors",
        "",
        ("Each route's risk score, split into its factors' contributions.",),
        "Stacked bar chart of risk factor contributions by route",
        bars["png"],
        bars["svg"],
    )
    for doc in inputs.scenarios:
        s = ScenarioFigs(doc, {r.id: r.name for r in routes})
        flowing = [
            r
            for r in doc["baseline"]["flow_kbd_by_route"]
            if any(b["flow_kbd_by_route"].get(r) for b in (doc["baseline"], *doc["bands"]))
        ]

        def bar(b: JsonDict, routes: Sequence[str]) -> figures.BandBar:
            return figures.BandBar(
                b.get("start_day", 0.0),
                b.get("end_day", 0.0),
                tuple(b["flow_kbd_by_route"].get(r, 0.0) for r in routes),
                b["shortfall_kbd"],
            )

        drawn = figures.scenario_chart(
            [bar(b, flowing) for b in doc["bands"]],
            bar(doc["baseline"], flowing),
            [s.route_name(r) for r in flowing],
            title=doc["scenario"]["name"],
            flow_label="kb/d",
            day_label="day of the scenario",
            shortfall_label="shortfall (cannot leave)",
            baseline_label="usual",
            colours=[colour.get(r, style.UNKNOWN_COLOUR) for r in flowing],
        )
        cid = f"scenario-{s.id}"
        charts[cid] = Chart(
            cid,
            "",
            (f"{doc['scenario']['name']}: oil delivered by route and the shortfall, day by day.",),
            f"Stacked chart of delivered oil and shortfall over the days of "
            f"{doc['scenario']['name']}",
            drawn["png"],
            drawn["svg"],
        )
    return charts


def build_memo(
    inputs: Inputs, charts: Mapping[str, Chart], sources: Mapping[str, JsonDict]
) -> Memo:
    """The memo's content from the documents: findings, tables, figures, assumptions, gaps and
    the sources numbered in order of first citation."""
    compare = inputs.compare
    routes = [RouteFigs(r) for r in compare["routes"]]
    names = {r.id: r.name for r in routes}
    scen = [ScenarioFigs(d, names) for d in inputs.scenarios]

    findings: list[Text] = []
    if len(routes) >= 2:
        findings.append(capacity_finding(routes[0], routes[1], inputs.name_of))
    for f in (
        if_built_finding(routes),
        spare_finding(routes),
        cost_finding(routes),
        risk_finding(routes, compare),
    ):
        if f is not None:
            findings.append(f)
    findings += [scenario_finding(s, preset=s.id in inputs.presets) for s in scen]

    counter = _Labels()
    body: list[Section] = [
        Section(
            "routes",
            "The routes compared",
            (
                counter.table(comparison_table(routes)),
                counter.chart(charts["map"]),
                counter.chart(charts["capacity-risk"]),
            ),
        ),
        Section(
            "risk",
            "Risk",
            (
                Paragraph(
                    (
                        "The score is the weighted sum of named factors, each valued between no "
                        "exposure and full exposure from sourced data; the weights come from a "
                        "profile a reader can replace (see Assumptions). Ranking, highest risk "
                        "first: "
                        + " > ".join(names.get(i, i) for i in compare["ranking_by_risk"])
                        + ". "
                        + stability_text(routes, compare),
                    )
                ),
                counter.table(risk_table(routes, compare)),
                counter.chart(charts["risk-factors"]),
            ),
        ),
    ]
    if scen:
        subs: list[Block | Section] = [Paragraph((scen[0].doc["method"],), "note")]
        for s in scen:
            d = s.doc
            intro: list[Run] = [d["scenario"]["description"] or d["scenario"]["name"]]
            events = list(d["scenario"]["events"])
            if events:
                intro += [
                    f" It replays {_and(events)}.",
                    Cite(
                        tuple(
                            dict.fromkeys(
                                src for e in events for src in inputs.event_sources.get(e, ())
                            )
                        )
                    ),
                ]
            supply = [
                (
                    f"{row['name']} ",
                    Fig(f"scenario.{s.id}.supply.{row['id']}", quantity(row["figure"]), 1),
                )
                for row in d["supply"]
            ]
            subs.append(
                Section(
                    f"scenario-{s.id}",
                    d["scenario"]["name"],
                    (
                        Paragraph(tuple(intro)),
                        Paragraph(
                            (
                                "Supply: ",
                                *_join(supply, "; "),
                                ", in all ",
                                Fig(
                                    f"scenario.{s.id}.supply_kbd",
                                    plain(
                                        d["supply_kbd"],
                                        "kb/d",
                                        sources=s.supply_sources,
                                        assumption=any(r["crude"] is None for r in d["supply"]),
                                        note="each origin at its crude's bbl/t (the world average "
                                        "where it names no crude)",
                                    ),
                                ),
                                " (",
                                s.fig("supply_mtpa", "Mt/yr", 1, sources=s.supply_sources),
                                ").",
                            )
                        ),
                        totals(s),
                        counter.table(band_table(s)),
                        counter.chart(charts[f"scenario-{s.id}"]),
                    ),
                )
            )
        body.append(Section("scenarios", "What if a route is cut", tuple(subs)))

    memo = Memo(
        title=TitleBlock(
            inputs.title,
            compare["data_version"],
            inputs.date,
            inputs.command,
            f"{compare['weights_profile']['name']} v{compare['weights_profile']['version']}",
        ),
        findings=tuple(findings),
        sections=tuple(body),
        assumptions=tuple(assumptions_from(compare, routes, scen)),
        gaps=tuple(gaps_from(routes, scen)),
        sources=(),
        routes=tuple(r.id for r in routes),
        scenarios=tuple(s.id for s in scen),
    )
    cited = list(
        dict.fromkeys(s for run in runs_of(memo) for s in _run_sources(run) if s in sources)
    )
    notes = tuple(
        SourceNote(
            n,
            sid,
            source_line(sources[sid]),
            sources[sid].get("url"),
            source_line(sources[sid], markdown=True),
        )
        for n, sid in enumerate(cited, start=1)
    )
    return Memo(
        memo.title,
        memo.findings,
        memo.sections,
        memo.assumptions,
        memo.gaps,
        notes,
        memo.routes,
        memo.scenarios,
    )


class _Labels:
    """Numbers tables and figures in reading order."""

    def __init__(self) -> None:
        self.tables = 0
        self.charts = 0

    def table(self, t: Table) -> Table:
        self.tables += 1
        return Table(t.id, f"Table {self.tables}", t.caption, t.header, t.rows, t.note)

    def chart(self, c: Chart) -> Chart:
        self.charts += 1
        return Chart(c.id, f"Figure {self.charts}", c.caption, c.alt, c.png, c.svg)


def _run_sources(run: Run) -> tuple[str, ...]:
    if isinstance(run, Fig):
        return run.q.sources
    if isinstance(run, Cite):
        return run.sources
    return ()


def blocks_of(memo: Memo) -> Iterator[Block]:
    def walk(sections: Iterable[Section]) -> Iterator[Block]:
        for s in sections:
            for b in s.blocks:
                if isinstance(b, Section):
                    yield from walk([b])
                else:
                    yield b

    yield from walk(memo.sections)


def texts_of(memo: Memo) -> Iterator[Text]:
    """Every piece of text in reading order (findings, body, assumptions)."""
    yield from memo.findings
    for b in blocks_of(memo):
        if isinstance(b, Paragraph):
            yield b.text
        elif isinstance(b, Bullets):
            yield from b.items
        elif isinstance(b, Table):
            for row in b.rows:
                yield from row
            yield b.note
        else:
            yield b.caption
    yield from memo.assumptions


def runs_of(memo: Memo) -> Iterator[Run]:
    for t in texts_of(memo):
        yield from t


def figures_of(memo: Memo) -> dict[str, Fig]:
    """Every figure the memo prints, by id (the same id always holds the same figure)."""
    out: dict[str, Fig] = {}
    for run in runs_of(memo):
        if isinstance(run, Fig):
            seen = out.setdefault(run.id, run)
            if seen != run:
                raise ValueError(f"figure id {run.id} names two different figures")
    return out


def plain_text(t: Text) -> str:
    return "".join(r if isinstance(r, str) else r.prose() if isinstance(r, Fig) else "" for r in t)


def _text_doc(t: Text) -> JsonDict:
    figs = [r.id for r in t if isinstance(r, Fig)]
    return {
        "text": plain_text(t),
        "figures": list(dict.fromkeys(figs)),
        "sources": list(dict.fromkeys(s for r in t for s in _run_sources(r))),
    }


def results_document(memo: Memo, inputs: Inputs, sources: Mapping[str, JsonDict]) -> JsonDict:
    """`results.json` (`routes.memo/1`): every statement, figure and source of the memo, and
    the comparison and scenario documents it was built from."""
    tb = memo.title
    return {
        "schema": MEMO_SCHEMA,
        "title": tb.title,
        "date": tb.date.isoformat(),
        "data_version": tb.data_version,
        "command": tb.command,
        "profile": tb.profile,
        "weights_profile": inputs.compare["weights_profile"],
        "risk_scale": RISK_SCALE,
        "routes": list(memo.routes),
        "scenarios": list(memo.scenarios),
        "findings": [_text_doc(t) for t in memo.findings],
        "tables": [
            {
                "id": b.id,
                "label": b.label,
                "caption": b.caption,
                "header": list(b.header),
                "rows": [[_text_doc(c) for c in row] for row in b.rows],
                "note": _text_doc(b.note),
            }
            for b in blocks_of(memo)
            if isinstance(b, Table)
        ],
        "charts": [
            {
                "id": b.id,
                "label": b.label,
                "caption": _text_doc(b.caption),
                "alt": b.alt,
                "files": list(b.files),
            }
            for b in blocks_of(memo)
            if isinstance(b, Chart)
        ],
        "assumptions": [_text_doc(t) for t in memo.assumptions],
        "known_gaps": [{"about": a, "gap": g} for a, g in memo.gaps],
        "figures": {k: f.to_dict() for k, f in sorted(figures_of(memo).items())},
        "sources": [{**sources[s.id], "n": s.n} for s in memo.sources],
        "inputs": {"compare": inputs.compare, "scenarios": list(inputs.scenarios)},
    }


# --- Markdown ---------------------------------------------------------------------------------


def marks(run: Run, numbers: Mapping[str, int]) -> list[int]:
    """The note numbers a run cites, in order (none for prose, or a figure that does not
    cite)."""
    if isinstance(run, Fig) and not run.cite:
        return []
    return sorted({numbers[s] for s in _run_sources(run) if s in numbers})


def md_text(t: Text, numbers: Mapping[str, int], *, cell: bool = False) -> str:
    out = []
    for r in t:
        if isinstance(r, str):
            out.append(md(r))  # names and notes from the data hold no markup
            continue
        if isinstance(r, Fig):
            out.append(r.cell() if cell else r.prose())
        out.append("".join(f"[^{n}]" for n in marks(r, numbers)))
    return "".join(out)


def to_markdown(memo: Memo) -> str:
    """The memo as GitHub-flavoured Markdown with numbered footnotes, figures by relative
    path."""
    numbers = memo.number_of()
    tb = memo.title
    out = [
        f"# {md(tb.title)}\n\n",
        f"*Data version {md(tb.data_version)} · risk profile {md(tb.profile)} · "
        f"{tb.date.isoformat()}*  \n",
        f"*Produced by {md(tb.command)}*\n\n",
        "## Key findings\n\n",
        "".join(f"- {md_text(f, numbers)}\n" for f in memo.findings),
    ]

    def section(s: Section, level: int) -> None:
        out.append(f"\n{'#' * level} {md(s.title)}\n\n")
        for b in s.blocks:
            if isinstance(b, Section):
                section(b, level + 1)
            elif isinstance(b, Paragraph):
                text_ = md_text(b.text, numbers)
                out.append((f"*{text_}*" if b.kind == "note" else text_) + "\n\n")
            elif isinstance(b, Bullets):
                out.append("".join(f"- {md_text(i, numbers)}\n" for i in b.items) + "\n")
            elif isinstance(b, Table):
                out.append(f"**{b.label}.** {md(b.caption)}\n\n")
                out.append("| " + " | ".join(md(h) for h in b.header) + " |\n")
                out.append(
                    "|" + "|".join("---" if i == 0 else "--:" for i in range(len(b.header))) + "|\n"
                )
                for row in b.rows:
                    out.append(
                        "| " + " | ".join(md_text(c, numbers, cell=True) for c in row) + " |\n"
                    )
                if b.note:
                    out.append(f"\n{md_text(b.note, numbers)}\n")
                out.append("\n")
            else:
                out.append(
                    f"![{md(b.alt)}]({b.files[0]})\n\n"
                    f"*{b.label}. {md_text(b.caption, numbers)}*\n\n"
                )

    for s in memo.sections:
        section(s, 2)
    out.append(
        "\n## Assumptions that matter\n\n"
        + "".join(f"- {md_text(a, numbers)}\n" for a in memo.assumptions)
    )
    out.append(
        "\n## Known gaps in the data\n\n" + "".join(f"- *{md(a)}*: {md(g)}\n" for a, g in memo.gaps)
    )
    out.append("\n## Sources\n\n" + "".join(f"[^{s.n}]: {s.md_line}\n" for s in memo.sources))
    return "".join(out)


# --- HTML -------------------------------------------------------------------------------------

HTML_TEMPLATE: Final[str] = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="routes memo">
<title>{{ memo.title.title }}</title>
<style>
:root { --ink: #1d1d1f; --muted: #5b5b60; --rule: #d9d9de; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1, h2, h3, .meta, table, figcaption, .caption, .legend, .sources, .note {
  font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.85rem; line-height: 1.2; margin: 0 0 .4rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2.4rem 0 .6rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.08rem; margin: 1.8rem 0 .5rem; }
.meta { color: var(--muted); font-size: .85rem; margin: 0 0 .2rem; }
.meta code { font-size: .8rem; background: #f3f3f5; padding: .05rem .3rem; border-radius: 3px;
  word-break: break-word; }
.findings { background: #f4f7fb; border-left: 4px solid var(--accent); padding: .8rem 1.2rem
  .8rem 2.2rem; margin: 1rem 0; }
.findings li { margin: .45rem 0; }
sup.cite { font-size: .68em; line-height: 0; margin-left: 1px; }
sup.cite a { color: var(--accent); text-decoration: none; }
.fig { white-space: nowrap; }
.scroll { overflow-x: auto; margin: .4rem 0 .4rem; }
.legend { margin: 0 0 1.4rem; }
@media screen { thead th:first-child, tbody td:first-child { position: sticky; left: 0;
  background: #fff; } }
table { border-collapse: collapse; font-size: .8rem; width: 100%; }
.caption { font-size: .85rem; margin: 1.2rem 0 .3rem; }
th, td { padding: .3rem .45rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); text-align: right; font-weight: 600; }
thead th:first-child, tbody td:first-child { text-align: left; }
tbody td { text-align: right; }
tbody td.text { text-align: left; }
tbody td:first-child { font-weight: 600; color: #333; }
.legend, .note { color: var(--muted); font-size: .78rem; }
figure { margin: 1.2rem 0 1.8rem; }
figure img { width: 100%; height: auto; display: block; border: 1px solid var(--rule); }
figcaption { font-size: .85rem; color: var(--muted); margin-top: .4rem; }
.sources ol { padding-left: 1.8rem; font-size: .78rem; }
.sources li { margin: .2rem 0; overflow-wrap: anywhere; }
.gaps li, .assumptions li { margin: .3rem 0; font-size: .92rem; }
a { color: var(--accent); }
@media (max-width: 600px) {
  body { font-size: 15px; }
  main { padding: 1.2rem .9rem 3rem; }
  h1 { font-size: 1.45rem; }
  .findings { padding-left: 1.6rem; padding-right: .6rem; }
}
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 19pt; }
  h2 { font-size: 13pt; margin-top: 16pt; break-after: avoid; }
  h3 { break-after: avoid; }
  .scroll { overflow: visible; }
  table { font-size: 7.5pt; }
  tr, figure, .findings li { break-inside: avoid; }
  .caption { break-after: avoid; }
  figure img { border: none; width: auto; max-width: 100%; max-height: 120mm;
    margin: 0 auto; }
  .findings { background: none; border-left: 3px solid var(--accent); }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<main>
{%- macro cites(r) -%}
{%- set ns = marks(r, numbers) -%}
{%- if ns -%}<sup class="cite">{% for group in ranges(ns) -%}
<a href="#src-{{ group[0] }}">{{ group[0] }}</a>{% if group[1] != group[0] %}–<a
href="#src-{{ group[1] }}">{{ group[1] }}</a>{% endif %}{{ "," if not loop.last }}
{%- endfor %}</sup>{%- endif -%}
{%- endmacro -%}
{%- macro runs(text, cell=false) -%}
{%- for r in text -%}
{%- if r is string -%}{{ r }}
{%- elif r.q is defined -%}<span class="fig" data-figure="{{ r.id }}" title="{{ tip(r) }}">
{{- r.cell() if cell else r.prose() }}</span>{{ cites(r) }}
{%- else -%}{{ cites(r) }}{%- endif -%}
{%- endfor -%}
{%- endmacro -%}
{%- macro section(s, level) -%}
<section id="{{ s.id }}">
<h{{ level }}>{{ s.title }}</h{{ level }}>
{%- for b in s.blocks %}
{%- if b.blocks is defined %}{{ section(b, level + 1) }}
{%- elif b.kind is defined %}
<p{% if b.kind == "note" %} class="note"{% endif %}>{{ runs(b.text) }}</p>
{%- elif b.items is defined %}
<ul>{% for i in b.items %}<li>{{ runs(i) }}</li>{% endfor %}</ul>
{%- elif b.header is defined %}
<p class="caption" id="{{ b.id }}"><b>{{ b.label }}.</b> {{ b.caption }}</p>
<div class="scroll"><table>
<thead><tr>{% for h in b.header %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{%- for row in b.rows %}
<tr>{% for c in row %}<td{% if not numeric(c) %} class="text"{% endif %}>
{{- runs(c, true) }}</td>{% endfor %}</tr>
{%- endfor %}
</tbody></table></div>
{%- if b.note %}<p class="legend">{{ runs(b.note) }}</p>{% endif %}
{%- else %}
<figure id="{{ b.id }}"><img src="{{ image(b) }}" alt="{{ b.alt }}">
<figcaption><b>{{ b.label }}.</b> {{ runs(b.caption) }}</figcaption></figure>
{%- endif %}
{%- endfor %}
</section>
{%- endmacro %}
<header>
<h1>{{ memo.title.title }}</h1>
<p class="meta">Data version {{ memo.title.data_version }} · risk profile
{{ memo.title.profile }} · {{ memo.title.date.isoformat() }}</p>
<p class="meta">Produced by <code>{{ memo.title.command }}</code></p>
</header>
<section id="findings">
<h2>Key findings</h2>
<ul class="findings">{% for f in memo.findings %}<li>{{ runs(f) }}</li>{% endfor %}</ul>
</section>
{% for s in memo.sections %}{{ section(s, 2) }}{% endfor %}
<section id="assumptions" class="assumptions">
<h2>Assumptions that matter</h2>
<ul>{% for a in memo.assumptions %}<li>{{ runs(a) }}</li>{% endfor %}</ul>
</section>
<section id="gaps" class="gaps">
<h2>Known gaps in the data</h2>
<ul>{% for a, g in memo.gaps %}<li><i>{{ a }}</i>: {{ g }}</li>{% endfor %}</ul>
</section>
<section id="sources" class="sources">
<h2>Sources</h2>
<ol>{% for s in memo.sources %}<li id="src-{{ s.n }}" value="{{ s.n }}">
{%- if s.url %}{{ s.line[:s.line.rfind(s.url)] }}<a href="{{ s.url }}">{{ s.url }}</a>
{{- s.line[s.line.rfind(s.url) + s.url|length:] }}{% else %}{{ s.line }}{% endif -%}
</li>{% endfor %}</ol>
</section>
</main>
</body>
</html>
"""


def numeric(cell: Text) -> bool:
    """Whether a table cell shows a figure (set right, to line up), not only words."""
    return any(isinstance(r, Fig) for r in cell)


def ranges(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Runs of consecutive note numbers, so that 3,4,5,9 prints as 3–5,9.

    >>> ranges([3, 4, 5, 9])
    [(3, 5), (9, 9)]
    """
    out: list[tuple[int, int]] = []
    for n in numbers:
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def range_text(numbers: Sequence[int]) -> str:
    return ",".join(f"{a}" if a == b else f"{a}–{b}" for a, b in ranges(numbers))


def _tip(f: Fig) -> str:
    """The figure's provenance as a tooltip: bound, as-of, assumption and note."""
    bits = [f.q.bound.replace("_", " ")]
    if f.q.as_of:
        bits.append(f"as of {f.q.as_of}")
    if f.q.assumption:
        bits.append("rests on an assumption")
    if f.q.note:
        bits.append(f.q.note)
    return "; ".join(bits)


def _data_uri(c: Chart) -> str:
    if c.svg is not None:
        return "data:image/svg+xml;base64," + base64.b64encode(c.svg).decode("ascii")
    return "data:image/png;base64," + base64.b64encode(c.png).decode("ascii")


def to_html(memo: Memo) -> str:
    """One self-contained page: charts inlined as data URIs, no script, no outside request,
    and a print stylesheet for A4."""
    import jinja2

    env = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False
    )
    template = env.from_string(HTML_TEMPLATE)
    return template.render(
        memo=memo,
        numbers=memo.number_of(),
        tip=_tip,
        image=_data_uri,
        marks=marks,
        ranges=ranges,
        numeric=numeric,
    )


# --- DOCX -------------------------------------------------------------------------------------


def to_docx(memo: Memo) -> bytes:
    """A Word document: built-in Title and Heading styles (restyle them in Word), real tables,
    embedded figures, superscript note numbers and the numbered sources at the end."""
    import io

    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.0)
    text_width = Cm(17.0)
    styles = doc.styles
    styles["Normal"].font.size = Pt(10.5)
    table_style = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_style.base_style = styles["Normal"]
    table_style.font.size = Pt(8)
    table_style.paragraph_format.space_after = Pt(0)
    note_style = styles.add_style("Source Note", WD_STYLE_TYPE.PARAGRAPH)
    note_style.base_style = styles["Normal"]
    note_style.font.size = Pt(8.5)
    note_style.paragraph_format.left_indent = Cm(0.8)
    note_style.paragraph_format.first_line_indent = Cm(-0.8)
    note_style.paragraph_format.space_after = Pt(2)
    numbers = memo.number_of()

    def add_runs(par: Any, t: Text, *, cell: bool = False) -> None:
        for r in t:
            if isinstance(r, str):
                par.add_run(r)
                continue
            if isinstance(r, Fig):
                par.add_run(r.cell() if cell else r.prose())
            cited = marks(r, numbers)
            if cited:
                run = par.add_run(range_text(cited))
                run.font.superscript = True

    def caption(label: str, t: Text) -> None:
        par = doc.add_paragraph(style="Caption")
        par.add_run(f"{label}. ").bold = True
        add_runs(par, t)

    tb = memo.title
    doc.add_paragraph(tb.title, style="Title")
    meta = doc.add_paragraph(
        f"Data version {tb.data_version} · risk profile {tb.profile} · {tb.date.isoformat()}",
        style="Subtitle",
    )
    meta.add_run(f"\nProduced by: {tb.command}").font.size = Pt(8.5)
    doc.add_heading("Key findings", level=1)
    for f in memo.findings:
        add_runs(doc.add_paragraph(style="List Bullet"), f)

    def add_section(s: Section, level: int) -> None:
        doc.add_heading(s.title, level=level)
        for b in s.blocks:
            if isinstance(b, Section):
                add_section(b, level + 1)
            elif isinstance(b, Paragraph):
                par = doc.add_paragraph()
                add_runs(par, b.text)
                if b.kind == "note":
                    for run in par.runs:
                        run.font.size = Pt(9)
                        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            elif isinstance(b, Bullets):
                for item in b.items:
                    add_runs(doc.add_paragraph(style="List Bullet"), item)
            elif isinstance(b, Table):
                par = doc.add_paragraph(style="Caption")
                par.add_run(f"{b.label}. ").bold = True
                par.add_run(b.caption)
                par.paragraph_format.keep_with_next = True
                table = doc.add_table(rows=1 + len(b.rows), cols=len(b.header))
                table.style = styles["Light List Accent 1"]
                table.alignment = WD_TABLE_ALIGNMENT.CENTER
                table.autofit = False
                first = Cm(3.6)
                rest = int((text_width - first) / max(1, len(b.header) - 1))
                for j, column in enumerate(table.columns):  # the grid, which LibreOffice reads
                    column.width = first if j == 0 else rest
                for row_ in table.rows:  # and each cell, which Word reads
                    for j, cell_ in enumerate(row_.cells):
                        cell_.width = first if j == 0 else rest
                _repeat_header(table.rows[0])
                for j, h in enumerate(b.header):
                    cell_par = table.rows[0].cells[j].paragraphs[0]
                    cell_par.style = table_style
                    cell_par.add_run(h).bold = True
                for i, row in enumerate(b.rows, start=1):
                    for j, c in enumerate(row):
                        cell_par = table.rows[i].cells[j].paragraphs[0]
                        cell_par.style = table_style
                        if j and numeric(c):
                            cell_par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                        add_runs(cell_par, c, cell=True)
                        # A short table stays on one page, with its caption.
                        cell_par.paragraph_format.keep_with_next = len(b.rows) <= 12 and i < len(
                            b.rows
                        )
                if b.note:
                    par = doc.add_paragraph(style="Table Text")
                    add_runs(par, b.note)
                doc.add_paragraph()
            else:
                doc.add_picture(io.BytesIO(b.png), width=text_width)
                doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                doc.paragraphs[-1].paragraph_format.keep_with_next = True
                caption(b.label, b.caption)

    for s in memo.sections:
        add_section(s, 1)
    doc.add_heading("Assumptions that matter", level=1)
    for a in memo.assumptions:
        add_runs(doc.add_paragraph(style="List Bullet"), a)
    doc.add_heading("Known gaps in the data", level=1)
    for about, gap in memo.gaps:
        par = doc.add_paragraph(style="List Bullet")
        par.add_run(f"{about}: ").italic = True
        par.add_run(gap)
    doc.add_heading("Sources", level=1)
    for src in memo.sources:
        doc.add_paragraph(f"{src.n}.\t{src.line}", style=note_style)
    when = dt.datetime(tb.date.year, tb.date.month, tb.date.day, tzinfo=dt.UTC)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = tb.title, "routes", "routes"
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.comments = f"Data version {tb.data_version}; {tb.command}"
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue(), tb.date)


def _repeat_header(row: Any) -> None:
    """Mark a table's first row as a header row Word repeats on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _stable_zip(data: bytes, date: dt.date) -> bytes:
    """The same archive with every entry stamped `date`, so one memo gives one DOCX."""
    import io
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            stamped = zipfile.ZipInfo(info.filename, (date.year, date.month, date.day, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = 0o644 << 16
            dst.writestr(stamped, src.read(info.filename))
    return out.getvalue()


# --- The bundle -------------------------------------------------------------------------------


def bundle_files(
    memo: Memo, inputs: Inputs, sources: Mapping[str, JsonDict], formats: Sequence[str]
) -> dict[str, bytes]:
    """Every file of the memo's folder, by relative path: the chosen formats, results.json and
    the figures."""
    files: dict[str, bytes] = {}
    for b in blocks_of(memo):
        if isinstance(b, Chart):
            files[b.files[0]] = b.png
            if b.svg is not None:
                files[b.files[1]] = b.svg
    if "md" in formats:
        files["memo.md"] = to_markdown(memo).encode("utf-8")
    if "html" in formats:
        files["memo.html"] = to_html(memo).encode("utf-8")
    if "docx" in formats:
        files["memo.docx"] = to_docx(memo)
    files["results.json"] = dumps(results_document(memo, inputs, sources)).encode("utf-8")
    return files


def memo_sources(net: Network, inputs: Inputs) -> dict[str, JsonDict]:
    """Every source the comparison and the scenarios may cite, by id."""
    ids = [s for r in inputs.compare["routes"] for s in r["sources"]]
    ids += [s["id"] for d in inputs.scenarios for s in d["sources"]]
    return {
        row["id"]: row
        for row in sources_list(net, [i for i in dict.fromkeys(ids) if i in net.sources])
    }


def parse_formats(spec: str) -> tuple[str, ...]:
    """`md,html,docx` → the formats, in the canonical order.

    >>> parse_formats("docx, md")
    ('md', 'docx')
    """
    from routes.errors import UsageError

    asked = [f.strip().lower() for f in spec.split(",") if f.strip()]
    bad = [f for f in asked if f not in FORMATS]
    if bad or not asked:
        raise UsageError(
            f"--format {spec!r}: {'unknown format ' + bad[0] if bad else 'empty'}; "
            f"give a comma-separated list of {', '.join(FORMATS)}"
        )
    return tuple(f for f in FORMATS if f in asked)


def memo_bundle(
    net: Network,
    compare: JsonDict,
    scenarios: Sequence[JsonDict],
    *,
    title: str,
    date: dt.date,
    command: str,
    formats: Sequence[str],
    map_figure: Mapping[FigureFormat, bytes],
) -> dict[str, bytes]:
    """Build the memo from a `routes.compare/1` document and `routes.scenario/1` documents, and
    return its folder's files by relative path."""
    from routes.scenario_report import name_of

    ids = [*net.segments, *net.nodes, *(u.id for n in net.nodes.values() for u in n.units)]
    inputs = Inputs(
        compare,
        tuple(scenarios),
        title,
        date,
        command,
        {i: name_of(net, i) for i in ids},
        frozenset(net.scenarios),
        {e.id: tuple(e.sources) for e in net.events.values()},
    )
    sources = memo_sources(net, inputs)
    memo = build_memo(inputs, charts_for(net, inputs, map_figure), sources)
    return bundle_files(memo, inputs, sources, formats)
