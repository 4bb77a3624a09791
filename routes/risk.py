"""The risk score: named factors in 0–1, a weights profile, and each factor's contribution."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from routes.errors import DataError, closest, shown
from routes.io import DEFAULT_PROFILE
from routes.metrics import RouteMetrics
from routes.network import SEA, Event, Network
from routes.quantity import Quantity

FACTORS: Final[tuple[str, ...]] = (
    "transit_political",
    "sanctions",
    "chokepoints",
    "disruption_history",
    "single_points_of_failure",
    "weather",
)
#: Node kinds whose loss stops a route when no operating parallel branch bypasses them.
FACILITY_KINDS: Final[frozenset[str]] = frozenset({"terminal", "port", "pump_station"})


@dataclass(frozen=True)
class Parameters:
    """The scoring parameters of a profile (see profiles/default.yaml)."""

    window_start: dt.date
    window_end: dt.date
    chokepoint_exposure: float
    single_point_exposure: float
    unknown_share_lost: float
    open_event_days: float
    weather_events_per_year_at_full: float

    @property
    def window_years(self) -> float:
        return ((self.window_end - self.window_start).days + 1) / 365.25


@dataclass(frozen=True)
class Profile:
    """Normalised weights (summing to 1) and the parameters, with a digest of the file."""

    name: str
    version: str
    weights: Mapping[str, float]
    parameters: Parameters
    digest: str

    def with_weight(self, factor: str, scale: float) -> Profile:
        """The same profile with one factor's raw weight scaled, then renormalised."""
        raw = {k: v * (scale if k == factor else 1.0) for k, v in self.weights.items()}
        total = sum(raw.values())
        return replace(self, weights={k: v / total for k, v in raw.items()})


@dataclass(frozen=True)
class FactorInput:
    """One figure a factor rests on (a country's WGI estimate, an event's share lost...)."""

    label: str
    quantity: Quantity


@dataclass(frozen=True)
class Factor:
    """One factor of a route's score: its value, weight and contribution, why, and the figures
    it rests on."""

    name: str
    value: float
    weight: float
    contribution: float
    explanation: str
    inputs: tuple[FactorInput, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for i in self.inputs for s in i.quantity.sources))


@dataclass(frozen=True)
class Risk:
    route_id: str
    score: float
    factors: tuple[Factor, ...]


def _profile_error(path: Path, message: str) -> DataError:
    """A fault in a profile's contents is bad data (exit 1), as in any data file; a profile
    that cannot be found is bad usage (exit 2), as for a missing scenario file."""
    return DataError(f"--weights {path}: {message}")


def load_profile(path: Path | None = None) -> Profile:
    """Read a risk profile; a user file may give only `weights`, the parameters then default.

    Raises
    ------
    UsageError
        For a file that cannot be read.
    DataError
        For a malformed file, an unknown or missing factor, a negative, non-numeric or all-zero
        weight, a parameter out of its range, naming the file, the value and the valid choices.
    """
    from routes.io import parse_yaml_text, read_text

    default_text = read_text(DEFAULT_PROFILE, option="the packaged risk profile")
    default_doc = parse_yaml_text(DEFAULT_PROFILE, default_text)
    if path is None:
        return _profile_from(DEFAULT_PROFILE, default_doc, default_doc, default_text)
    text = read_text(path, option="--weights")
    try:
        doc = parse_yaml_text(path, text)
    except DataError as exc:
        raise DataError(f"--weights {exc}") from None
    return _profile_from(path, doc, default_doc, text)


#: Keys a profile file may hold.
PROFILE_KEYS: Final[tuple[str, ...]] = (
    "schema",
    "name",
    "version",
    "description",
    "weights",
    "parameters",
)
#: The profile's parameters with the range each must lie in (inclusive) and whether 0 is
#: allowed: exposures and shares are probabilities, the others counts of days or events.
PARAMETER_RANGES: Final[dict[str, tuple[float, float, bool]]] = {
    "chokepoint_exposure": (0.0, 1.0, True),
    "single_point_exposure": (0.0, 1.0, True),
    "unknown_share_lost": (0.0, 1.0, True),
    "open_event_days": (0.0, 3650.0, False),
    "weather_events_per_year_at_full": (0.0, 365.0, False),
}
PARAMETERS: Final[tuple[str, ...]] = ("window_start", "window_end", *PARAMETER_RANGES)
#: The largest raw weight: weights are normalised, so only their ratios matter.
MAX_WEIGHT: Final[float] = 1000.0


def _profile_from(path: Path, doc: Any, default_doc: Any, text: str) -> Profile:
    """Build a profile; factors and parameters the file leaves out keep the default's."""
    if not isinstance(doc, dict):
        raise _profile_error(
            path,
            "the file holds no mapping; write 'weights:' with one 'factor: number' line per factor",
        )
    bare = "weights" not in doc and "parameters" not in doc and all(k in FACTORS for k in doc)
    if not bare:
        for key in doc:
            if key not in PROFILE_KEYS:
                raise _profile_error(
                    path,
                    f"{shown(key)} is not a key of a risk profile"
                    f"{closest(str(key), PROFILE_KEYS)}; use "
                    f"{', '.join(PROFILE_KEYS)}",
                )
    if not bare:
        _check_labels(path, doc)
    raw = doc if bare else doc.get("weights", {})
    if not isinstance(raw, dict):
        raise _profile_error(
            path,
            f"'weights' is {shown(raw)}; give one 'factor: number' line "
            f"per factor ({', '.join(FACTORS)})",
        )
    for name, value in raw.items():
        if name not in FACTORS:
            raise _profile_error(
                path,
                f"unknown factor {shown(name)}"
                f"{closest(str(name), FACTORS)}; use {', '.join(FACTORS)}",
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= MAX_WEIGHT
        ):
            raise _profile_error(
                path,
                f"weight {shown(name)} is {shown(value)}; give a number "
                f"from 0 to {MAX_WEIGHT:g} (only the ratios count)",
            )
    weights = {f: float(raw.get(f, default_doc["weights"][f])) for f in FACTORS}
    total = sum(weights.values())
    if total <= 0:
        raise _profile_error(path, "all weights are zero; give at least one positive weight")
    given = doc.get("parameters") if not bare else None
    if given is not None and not isinstance(given, dict):
        raise _profile_error(
            path,
            f"'parameters' is {shown(given)}; give 'name: value' lines ({', '.join(PARAMETERS)})",
        )
    for key in given or {}:
        if key not in PARAMETERS:
            raise _profile_error(
                path,
                f"parameter {shown(key)} is unknown"
                f"{closest(str(key), PARAMETERS)}; use "
                f"{', '.join(PARAMETERS)}",
            )
    params = {**default_doc["parameters"], **(given or {})}
    values: dict[str, float] = {}
    for key, (low, high, zero_ok) in PARAMETER_RANGES.items():
        value = params[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
            or (value == 0 and not zero_ok)
        ):
            span = f"from {low:g} to {high:g}" if zero_ok else f"above 0 and at most {high:g}"
            raise _profile_error(
                path, f"parameter {shown(key)} is {shown(value)}; give a number {span}"
            )
        values[key] = float(value)
    start = _date(path, "window_start", params["window_start"])
    end = _date(path, "window_end", params["window_end"])
    if end < start:
        raise _profile_error(
            path,
            f"the window ends ({end.isoformat()}) before it starts "
            f"({start.isoformat()}); swap window_start and window_end",
        )
    from hashlib import sha256

    return Profile(
        name=doc.get("name") or path.stem if not bare else path.stem,
        version=str(doc.get("version") or "") if not bare else "",
        weights={f: w / total for f, w in weights.items()},
        parameters=Parameters(window_start=start, window_end=end, **values),
        digest=sha256(text.encode("utf-8")).hexdigest()[:12],
    )


#: The layout a profile file follows (its `schema`, when it names one).
PROFILE_SCHEMA: Final[str] = "routes.risk-profile/1"


def _check_labels(path: Path, doc: Mapping[str, Any]) -> None:
    """The profile's schema, name and version, which output prints: text (a version may be a
    whole number), and a schema this version of routes reads."""
    schema = doc.get("schema")
    if schema is not None and schema != PROFILE_SCHEMA:
        raise _profile_error(
            path,
            f"'schema' is {shown(schema)}, a layout this version of "
            f"routes does not read; write {PROFILE_SCHEMA} (see "
            "docs/risk.md) or drop the line",
        )
    for key in ("name", "description"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            raise _profile_error(
                path, f"{shown(key)} is {shown(doc[key])}, not text; write it as quoted text"
            )
    version = doc.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, str | int)):
        raise _profile_error(
            path,
            f"'version' is {shown(version)}; write it in quotes (e.g. "
            "'1.10'), as YAML reads 1.10 as the number 1.1",
        )


def _date(path: Path, key: str, value: Any) -> dt.date:
    from routes.validate import DATE_PATTERN, YEARS, calendar_hint

    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value)
        if not DATE_PATTERN.fullmatch(text):
            raise _profile_error(
                path,
                f"parameter {shown(key)} is {shown(value)}, not a date "
                "of the calendar; write it as YYYY-MM-DD",
            )
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise _profile_error(
                path,
                f"parameter {shown(key)} is {shown(value)}, a day the "
                f"calendar does not have ({calendar_hint(text)})"
                "; give a real date",
            ) from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise _profile_error(
            path,
            f"parameter {shown(key)} is {day.isoformat()}; give a date from {YEARS[0]} to "
            f"{YEARS[1]}",
        )
    return day


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 event``, ``3 events``, ``2 facilities``.

    >>> plural(1, "event"), plural(3, "event"), plural(2, "facility", "facilities")
    ('1 event', '3 events', '2 facilities')
    """
    return f"{n} {word if n == 1 else many or word + 's'}"


def political_risk(stability: float) -> float:
    """WGI political stability (-2.5 strong risk … 2.5 stable) mapped to risk 1 … 0.

    >>> political_risk(-2.5), political_risk(0.0), political_risk(2.5)
    (1.0, 0.5, 0.0)
    """
    return min(1.0, max(0.0, (2.5 - stability) / 5.0))


def _route_nodes(m: RouteMetrics) -> list[str]:
    return [m.segments[0].from_node, *(s.to_node for s in m.segments)] if m.segments else []


#: Event categories the disruption history leaves out: planned stops are announced and shippers
#: plan around them, so they measure availability, not risk.
UNCOUNTED_CATEGORIES: Final[frozenset[str]] = frozenset({"planned"})


def _event_span(e: Event, p: Parameters) -> tuple[dt.date, dt.date]:
    """The event's first and last day; an open event lasts `open_event_days`."""
    end = e.end or e.start + dt.timedelta(days=p.open_event_days - 1)
    return e.start, end


def _days_in_window(e: Event, p: Parameters) -> float:
    start, end = _event_span(e, p)
    start, stop = max(start, p.window_start), min(end, p.window_end)
    whole = max(0, (stop - start).days + 1)
    if e.hours is not None and whole:
        return min(float(whole), e.hours / 24.0)
    return float(whole)


def daily_loss(events: Sequence[Event], p: Parameters) -> dict[dt.date, float]:
    """The share of capacity lost on each day of the window, for one route.

    On one asset, the shares of events active the same day add up, capped at 1 (the whole
    asset: two moorings lost are two thirds of three); across the route's assets, which lie in
    series, the worst-hit asset sets the day's loss. An event with ``hours`` spreads that many
    hours over its days; an unreported share counts as `Parameters.unknown_share_lost`.

    >>> import datetime as dt
    >>> from routes.network import Event
    >>> p = Parameters(dt.date(2024, 1, 1), dt.date(2024, 12, 31), 0.3, 0.2, 0.5, 30, 2)
    >>> a = Event("a", "t", dt.date(2024, 1, 1), dt.date(2024, 1, 2), 0.7, "x", "weather", ("s",))
    >>> b = Event("b", "t", dt.date(2024, 1, 2), dt.date(2024, 1, 2), 0.6, "x", "security", ("s",))
    >>> c = Event("c", "u", dt.date(2024, 1, 2), dt.date(2024, 1, 2), 0.9, "x", "security", ("s",))
    >>> sorted(daily_loss([a, b], p).values()), daily_loss([a, c], p)[dt.date(2024, 1, 2)]
    ([0.7, 1.0], 0.9)
    """
    per_asset: dict[str, dict[dt.date, float]] = {}
    for e in events:
        if e.category in UNCOUNTED_CATEGORIES:
            continue
        start, end = _event_span(e, p)
        share = p.unknown_share_lost if e.share_lost is None else e.share_lost
        n = (end - start).days + 1
        per_day = share * (min(1.0, e.hours / 24.0 / n) if e.hours is not None else 1.0)
        days = per_asset.setdefault(e.target, {})
        for i in range(n):
            day = start + dt.timedelta(days=i)
            if p.window_start <= day <= p.window_end:
                days[day] = min(1.0, days.get(day, 0.0) + per_day)
    out: dict[dt.date, float] = {}
    for days in per_asset.values():
        for day, lost in days.items():
            out[day] = max(out.get(day, 0.0), lost)
    return out


def _event_input(e: Event, p: Parameters) -> FactorInput:
    end = e.end.isoformat() if e.end else f"open (counted {p.open_event_days:g} days)"
    span = f"{e.hours:g} h" if e.hours is not None else plural(int(_days_in_window(e, p)), "day")
    return FactorInput(
        f"{e.id}: {e.target}, {e.start.isoformat()} – {end}",
        Quantity(
            p.unknown_share_lost if e.share_lost is None else e.share_lost,
            "share of capacity lost",
            as_of=e.start.year,
            sources=e.sources,
            assumption=e.share_lost is None,
            note=f"{e.cause} ({e.category}; {span} in the window"
            + (
                "; share not reported, so the profile's default share is used)"
                if e.share_lost is None
                else ")"
            ),
        ),
    )


def _country_input(net: Network, iso3: str, field: str, km: float) -> FactorInput:
    fig = getattr(net.countries[iso3], field)
    return FactorInput(
        f"{iso3} ({km:,.0f} km on land)",
        Quantity(
            fig.value,
            fig.unit,
            as_of=fig.as_of,
            sources=fig.sources,
            assumption=fig.assumption,
            note=fig.note,
        ),
    )


def route_risk(net: Network, m: RouteMetrics, profile: Profile) -> Risk:
    """Score one route: each factor in 0–1, weighted, summed to a 0–100 score."""
    p = profile.parameters
    values: dict[str, tuple[float, str, tuple[FactorInput, ...]]] = {}

    land = {c: km for c, km in m.length_km_by_country.items() if c != SEA}
    rated = {
        c: km
        for c, km in land.items()
        if c in net.countries and net.countries[c].political_stability.value is not None
    }
    if rated:
        total = sum(rated.values())
        pol = (
            sum(
                km * political_risk(net.countries[c].political_stability.value or 0.0)
                for c, km in rated.items()
            )
            / total
        )
        unrated = sorted(set(land) - set(rated))
        values["transit_political"] = (
            pol,
            "length-weighted WGI political stability over "
            + ", ".join(f"{c} {km:,.0f} km" for c, km in rated.items())
            + (f"; no indicator for {', '.join(unrated)}" if unrated else ""),
            tuple(_country_input(net, c, "political_stability", km) for c, km in rated.items()),
        )
    else:
        values["transit_political"] = (0.0, "no land country with an indicator", ())

    exposures = {
        c: net.countries[c].sanctions_exposure.value or 0.0 for c in land if c in net.countries
    }
    worst = max(exposures, key=lambda c: exposures[c], default=None)
    values["sanctions"] = (
        exposures[worst] if worst else 0.0,
        f"highest sanctions exposure on the land path: {worst} ({exposures[worst]:g})"
        if worst and exposures[worst] > 0
        else "no sanctioned country on the land path",
        tuple(_country_input(net, c, "sanctions_exposure", land[c]) for c in exposures),
    )

    keep = 1.0
    for _ in m.chokepoints:
        keep *= 1.0 - p.chokepoint_exposure
    values["chokepoints"] = (
        1.0 - keep,
        f"1 − Π(1 − {p.chokepoint_exposure:g}) over {', '.join(m.chokepoints)}"
        if m.chokepoints
        else "no chokepoint crossed",
        tuple(
            FactorInput(
                c,
                Quantity(
                    p.chokepoint_exposure,
                    "exposure",
                    assumption=True,
                    sources=net.nodes[c].sources,
                    note="crossed by the route's geometry; the exposure of "
                    "one chokepoint is a setting of the risk profile",
                ),
            )
            for c in m.chokepoints
        ),
    )

    targets = {s.id for s in m.segments} | set(_route_nodes(m)) | set(m.chokepoints)
    events = net.events_for(targets)
    counted = [
        e for e in events if e.category not in UNCOUNTED_CATEGORIES and _days_in_window(e, p) > 0
    ]
    lost = sum(daily_loss(counted, p).values())
    per_year = lost / p.window_years
    assumed = lost - sum(daily_loss([e for e in counted if e.share_lost is not None], p).values())
    planned = sum(
        1 for e in events if e.category in UNCOUNTED_CATEGORIES and _days_in_window(e, p) > 0
    )
    values["disruption_history"] = (
        min(1.0, per_year / 365.0),
        f"{per_year:.1f} capacity-weighted disruption days a year over {p.window_start.year}–"
        f"{p.window_end.year} from {plural(len(counted), 'event')}"
        + (
            f"; {assumed:.1f} of the {lost:.1f} capacity-days rest on the unreported-share "
            f"default of {p.unknown_share_lost:g}"
            if assumed > 0.05
            else ""
        )
        + (f"; {plural(planned, 'planned stop')} not counted" if planned else "")
        + (
            ""
            if counted
            else "; no disruption logged for this route's assets, which is not "
            "proof that there were none"
        ),
        tuple(_event_input(e, p) for e in counted),
    )

    bypassed = net.bypassed_nodes(net.routes[m.id])
    singles = [
        n
        for n in _route_nodes(m)[1:-1]
        if net.nodes[n].kind in FACILITY_KINDS and n not in bypassed
    ]
    values["single_points_of_failure"] = (
        1.0 - (1.0 - p.single_point_exposure) ** len(singles),
        f"{plural(len(singles), 'facility', 'facilities')} with no operating bypass"
        + (f": {', '.join(singles)}" if singles else ""),
        tuple(
            FactorInput(
                n,
                Quantity(
                    p.single_point_exposure,
                    "exposure",
                    assumption=True,
                    sources=net.nodes[n].sources,
                    note=f"{net.nodes[n].kind.replace('_', ' ')} with no "
                    "operating parallel branch around it",
                ),
            )
            for n in singles
        ),
    )

    # A weather event that cost no capacity (a storm the schedule rode out) is not counted.
    weather = [e for e in counted if e.category == "weather" and e.share_lost != 0.0]
    rate = len(weather) / p.window_years
    values["weather"] = (
        min(1.0, rate / p.weather_events_per_year_at_full),
        f"{rate:.2f} weather disruptions a year ("
        + (
            ", ".join(e.id for e in weather)
            or "no weather disruption logged for this route's assets"
        )
        + ")",
        tuple(_event_input(e, p) for e in weather),
    )

    factors = tuple(
        Factor(
            name, value, profile.weights[name], 100.0 * profile.weights[name] * value, why, inputs
        )
        for name, (value, why, inputs) in ((f, values[f]) for f in FACTORS)
    )
    return Risk(m.id, sum(f.contribution for f in factors), factors)


def risk_sources(risk: Risk) -> tuple[str, ...]:
    """Every source behind a route's score: events, WGI, sanctions, chokepoints, facilities."""
    return tuple(dict.fromkeys(s for f in risk.factors for s in f.sources))


@dataclass(frozen=True)
class Swap:
    """Two routes whose order by risk flips when one factor's weight moves."""

    factor: str
    change: str
    routes: tuple[str, str]


def ranking(risks: Sequence[Risk]) -> list[str]:
    """Route ids from highest to lowest risk (ties by id)."""
    return [r.route_id for r in sorted(risks, key=lambda r: _rank_key(r.score, r.route_id))]


def _rank_key(score: float, route_id: str) -> tuple[float, str]:
    """Highest score first, scores equal to 9 decimals tied, ties by id."""
    return -round(score, 9), route_id


def _weighted(factors: Sequence[Factor], weights: Mapping[str, float]) -> float:
    """A score from factor values and weights, summed in the factors' order."""
    return sum(100.0 * weights[f.name] * f.value for f in factors)


def reweighted(risk: Risk, profile: Profile) -> Risk:
    """The same factor values scored with another profile's weights (values do not depend on
    weights, so nothing is measured again)."""
    factors = tuple(
        replace(
            f,
            weight=profile.weights[f.name],
            contribution=100.0 * profile.weights[f.name] * f.value,
        )
        for f in risk.factors
    )
    return Risk(risk.route_id, _weighted(risk.factors, profile.weights), factors)


def ranking_stability(
    net: Network,
    metrics: Sequence[RouteMetrics],
    profile: Profile,
    *,
    step: float = 0.25,
    risks: Sequence[Risk] | None = None,
) -> list[Swap]:
    """Which pairs of routes swap order when each weight moves by ±`step` (others renormalised),
    listed by factor, then change, then the pair in the order of the base ranking.

    Factor values are scored once; each moved profile only re-weights them (routes × factors),
    one sort ranks them again, and the swapped pairs are read off the two orders without
    comparing every pair.
    """
    scored = list(risks) if risks is not None else [route_risk(net, m, profile) for m in metrics]
    base = ranking(scored)
    by_id = {r.route_id: r for r in scored}
    swaps: list[Swap] = []
    for factor in FACTORS:
        for sign in (1.0, -1.0):
            moved = profile.with_weight(factor, 1.0 + sign * step)
            w = moved.weights
            # The score `reweighted` gives, without building its factors.
            order = sorted(base, key=lambda rid: _rank_key(_weighted(by_id[rid].factors, w), rid))
            change = f"{sign * step:+.0%}"
            swaps.extend(Swap(factor, change, pair) for pair in swapped_pairs(base, order))
    return swaps


def swapped_pairs(before: Sequence[str], after: Sequence[str]) -> list[tuple[str, str]]:
    """The pairs (a, b) with a before b in `before` and after it in `after`, ordered by a's and
    then b's place in `before`: O(n log n) plus the pairs found.

    >>> swapped_pairs(["a", "b", "c", "d"], ["c", "a", "d", "b"])
    [('a', 'c'), ('b', 'c'), ('b', 'd')]
    """
    place = {rid: i for i, rid in enumerate(after)}
    at = [place[rid] for rid in before]  # each route's place after, by its place before
    if at == sorted(at):
        return []
    first = {p: i for i, p in enumerate(at)}  # place after -> place before
    later: list[int] = []  # the places after of the routes behind the current one, sorted
    passed: list[list[int]] = [[] for _ in before]
    for i in range(len(before) - 1, -1, -1):
        k = bisect.bisect_left(later, at[i])
        if k:
            passed[i] = sorted(first[p] for p in later[:k])
        bisect.insort(later, at[i])
    return [(before[i], before[j]) for i, js in enumerate(passed) for j in js]
