from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routes.units import cost_to_usd_per_bbl, flow_to_kbd, kbd_to_mtpa, mtpa_to_kbd


def test_known_conversions() -> None:
    assert mtpa_to_kbd(50.0, 7.3) == pytest.approx(1000.0)
    assert flow_to_kbd(1.2, "mb/d", None) == pytest.approx(1200.0)
    assert flow_to_kbd(5000, "b/d", None) == pytest.approx(5.0)
    assert flow_to_kbd(500, "kt/yr", 7.3) == pytest.approx(10.0)
    assert cost_to_usd_per_bbl(2.5, "USD/bbl", 7.0) == 2.5


@pytest.mark.parametrize(
    ("value", "unit", "factor", "message"),
    [
        (1.0, "Mt/yr", None, "needs a bbl/t factor"),
        (1.0, "bbl/day", 7.3, "unknown flow unit 'bbl/day'"),
    ],
)
def test_rejected_flows(value: float, unit: str, factor: float | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        flow_to_kbd(value, unit, factor)


def test_rejected_cost_unit() -> None:
    with pytest.raises(ValueError, match="unknown cost unit 'EUR/t'"):
        cost_to_usd_per_bbl(1.0, "EUR/t", 7.3)


@given(st.floats(0.001, 1e4), st.floats(5.0, 10.0))
def test_mtpa_kbd_round_trip(mtpa: float, factor: float) -> None:
    assert kbd_to_mtpa(mtpa_to_kbd(mtpa, factor), factor) == pytest.approx(mtpa, rel=1e-12)


@given(st.floats(0.0, 1e3), st.floats(5.0, 10.0))
def test_cost_per_tonne_to_barrel_and_back(usd_per_t: float, factor: float) -> None:
    assert cost_to_usd_per_bbl(usd_per_t, "USD/t", factor) * factor == pytest.approx(usd_per_t)
