"""One vocabulary for a printed figure: a value, an upper or lower bound, unknown, not sourced,
or a value resting on an assumption, with the sources behind it; shared by every output."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final, Literal

Bound = Literal["exact", "at_most", "at_least", "unknown", "not_sourced"]
BOUNDS: Final[tuple[str, ...]] = ("exact", "at_most", "at_least", "unknown", "not_sourced")
#: The marker a figure resting on a labelled assumption carries in tables.
ASSUMPTION_MARK: Final[str] = "*"


@dataclass(frozen=True)
class Quantity:
    """A figure as printed: its value and unit, how far it can be trusted and what it rests on.

    ``bound`` is ``exact`` for a value, ``at_most`` when the true value is no larger (a chain
    with an element of unknown capacity), ``at_least`` when it is no smaller (a cost with
    unpriced items), ``unknown`` when it cannot be computed from the data and ``not_sourced``
    when no source gives it. ``assumption`` marks a value resting on a labelled assumption.
    """

    value: float | None
    unit: str
    bound: Bound = "exact"
    as_of: int | None = None
    sources: tuple[str, ...] = ()
    assumption: bool = False
    note: str | None = None

    def to_dict(self, nd: int = 2) -> dict[str, Any]:
        """The JSON form: value (rounded), unit, bound, as-of, sources, assumption, note."""
        return {
            "value": None if self.value is None else round(self.value, nd),
            "unit": self.unit,
            "bound": self.bound,
            "as_of": self.as_of,
            "sources": list(self.sources),
            "assumption": self.assumption,
            "note": self.note,
        }


def printed(q: Quantity, nd: int = 0) -> float | None:
    """The value as printed to `nd` decimals: a bound is rounded away from what it allows (an
    upper bound up, a lower bound down), so that the printed "≤ 105" or "≥ 4.31" is as true as
    the figure behind it; an exact value is rounded to the nearest.

    >>> printed(Quantity(104.43, "kb/d", "at_most")), printed(Quantity(4.318, "USD/bbl",
    ...     "at_least"), 2), printed(Quantity(104.43, "kb/d"))
    (105.0, 4.31, 104.43)
    """
    if q.value is None:
        return None
    step = 10.0**nd
    if q.bound == "at_most":
        return math.ceil(round(q.value * step, 6)) / step
    if q.bound == "at_least":
        return math.floor(round(q.value * step, 6)) / step
    return q.value


def text(q: Quantity | None, nd: int = 0, *, mark_assumption: bool = True) -> str:
    """The figure as a table cell: ``1,609``, ``≤ 105``, ``≥ 3.98``, ``unknown``,
    ``not sourced``, with ``*`` when it rests on an assumption (bounds rounded outwards, see
    `printed`).

    >>> text(Quantity(1609.4, "kb/d"))
    '1,609'
    >>> text(Quantity(104.2, "kb/d", "at_most"))
    '≤ 105'
    >>> text(Quantity(3.981, "USD/bbl", "at_least", assumption=True), 2)
    '≥ 3.98*'
    >>> text(Quantity(None, "kb/d", "unknown")), text(None)
    ('unknown', 'not sourced')
    """
    value = printed(q, nd) if q is not None else None
    if q is None or value is None:
        return "not sourced" if q is None or q.bound == "not_sourced" else "unknown"
    prefix = {"at_most": "≤ ", "at_least": "≥ "}.get(q.bound, "")
    mark = ASSUMPTION_MARK if mark_assumption and q.assumption else ""
    return f"{prefix}{number(value, nd)}{mark}"


def number(x: float, nd: int = 0) -> str:
    """A number as a table prints it, with thousands separators; a value that rounds to zero
    prints as 0, never -0.

    >>> number(1234.56), number(-0.3), number(-1e-13, 1)
    ('1,235', '0', '0.0')
    """
    return f"{0.0 if round(x, nd) == 0 else x:,.{nd}f}"


def parts_text(parts: dict[str, float], total: float) -> str:
    """Parts of a whole in whole units that add up to the whole as printed (largest remainder:
    each part rounded down, the units left over going to the largest remainders, ties in
    order), so that a route's km by country sum to its length in the same table.

    >>> parts_text({"KAZ": 543.2, "RUS": 146.3}, 689.4999)
    'KAZ 543, RUS 146'
    >>> parts_text({"pipeline": 689.5}, 689.4999), parts_text({"a": 0.5, "b": 0.5}, 1.0)
    ('pipeline 689', 'a 1, b 0')
    >>> parts_text({"a": 1.2, "b": 2.7}, 3.9), parts_text({"a": 1.2, "b": 2.7}, 2.2)
    ('a 1, b 3', 'a 0, b 2')
    """
    whole = round(total)
    floors = {k: math.floor(v) for k, v in parts.items()}
    order = sorted(parts, key=lambda k: floors[k] - parts[k])  # largest remainder first
    left = whole - sum(floors.values())
    for k in order[:left] if left > 0 else order[::-1][:-left] if left < 0 else ():
        floors[k] += 1 if left > 0 else -1
    return ", ".join(f"{k} {v:,}" for k, v in floors.items())


def combine_bounds(*bounds: Bound) -> Bound:
    """The bound of a minimum or sum of figures: unknown wins, then at_most.

    >>> combine_bounds("exact", "at_most"), combine_bounds("exact", "exact")
    ('at_most', 'exact')
    """
    if "unknown" in bounds or "not_sourced" in bounds:
        return "unknown"
    return "at_most" if "at_most" in bounds else "exact"
