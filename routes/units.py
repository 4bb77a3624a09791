"""Unit conversions for oil volumes and costs, always with an explicit barrels-per-tonne factor."""

from __future__ import annotations

from typing import Final

DAYS_PER_YEAR: Final[float] = 365.0

#: Capacity and flow units the data may use, with their size in kb/d (volume units)
#: or in Mt/yr (mass units).
VOLUME_UNITS_KBD: Final[dict[str, float]] = {
    "b/d": 1e-3,
    "kb/d": 1.0,
    "mb/d": 1e3,
    "million bbl/yr": 1e3 / 365.0,
}
MASS_UNITS_MTPA: Final[dict[str, float]] = {
    "t/yr": 1e-6,
    "kt/yr": 1e-3,
    "Mt/yr": 1.0,
    "kt/month": 12e-3,
    "Mt/month": 12.0,
}
FLOW_UNITS: Final[tuple[str, ...]] = (*VOLUME_UNITS_KBD, *MASS_UNITS_MTPA)
COST_UNITS: Final[tuple[str, ...]] = ("USD/t", "USD/bbl")


def mtpa_to_kbd(capacity_mtpa: float, bbl_per_t: float) -> float:
    """Convert million tonnes a year to thousand barrels a day.

    >>> round(mtpa_to_kbd(72.5, 8.1), 1)
    1608.9
    """
    return capacity_mtpa * bbl_per_t * 1e3 / DAYS_PER_YEAR


def kbd_to_mtpa(capacity_kbd: float, bbl_per_t: float) -> float:
    """Convert thousand barrels a day to million tonnes a year.

    >>> round(kbd_to_mtpa(1200, 7.33), 2)
    59.75
    """
    return capacity_kbd * DAYS_PER_YEAR / (bbl_per_t * 1e3)


def flow_to_kbd(value: float, unit: str, bbl_per_t: float | None) -> float:
    """Express a flow given in any of `FLOW_UNITS` in kb/d.

    Raises
    ------
    ValueError
        When the unit is unknown, or a mass unit comes without a bbl/t factor.
    """
    if unit in VOLUME_UNITS_KBD:
        return value * VOLUME_UNITS_KBD[unit]
    if unit in MASS_UNITS_MTPA:
        if bbl_per_t is None:
            raise ValueError(f"converting {unit} to kb/d needs a bbl/t factor")
        return mtpa_to_kbd(value * MASS_UNITS_MTPA[unit], bbl_per_t)
    raise ValueError(f"unknown flow unit {unit!r}; use one of {', '.join(FLOW_UNITS)}")


def cost_to_usd_per_bbl(value: float, unit: str, bbl_per_t: float) -> float:
    """Express a cost per tonne or per barrel in USD/bbl.

    >>> cost_to_usd_per_bbl(38.0, "USD/t", 8.0)
    4.75
    """
    if unit == "USD/bbl":
        return value
    if unit == "USD/t":
        return value / bbl_per_t
    raise ValueError(f"unknown cost unit {unit!r}; use one of {', '.join(COST_UNITS)}")


#: Line-fill volume units, with their size in million barrels.
VOLUME_UNITS_MBBL: Final[dict[str, float]] = {"bbl": 1e-6, "thousand bbl": 1e-3, "million bbl": 1.0}


def linefill_days(linefill_mbbl: float, flow_kbd: float) -> float:
    """Days oil takes through a pipeline: the oil in the line over the daily flow.

    >>> round(linefill_days(10.0, 600.0), 1)
    16.7
    """
    return linefill_mbbl * 1e3 / flow_kbd
