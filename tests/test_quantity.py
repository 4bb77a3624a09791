"""The figure vocabulary every output shares."""

from __future__ import annotations

from routes.quantity import Quantity, combine_bounds, printed, text


def test_the_figure_vocabulary() -> None:
    assert text(Quantity(1.0, "kb/d", assumption=True), mark_assumption=False) == "1"
    assert combine_bounds("exact", "not_sourced") == "unknown"
    assert text(Quantity(None, "USD/bbl", "not_sourced")) == "not sourced"


def test_bounds_round_outwards_from_the_value_not_from_its_binary_noise() -> None:
    # 1.1 * 100 is 110.00000000000001 and 0.29 * 100 is 28.999999999999996 in binary: taken
    # raw, ceil and floor would print ≤ 1.11 and ≥ 0.28 for figures of exactly 1.10 and 0.29.
    assert printed(Quantity(1.1, "USD/bbl", "at_most"), 2) == 1.1
    assert printed(Quantity(0.29, "USD/bbl", "at_least"), 2) == 0.29
    assert text(Quantity(1.1, "USD/bbl", "at_most"), 2) == "≤ 1.10"
    assert text(Quantity(0.29, "USD/bbl", "at_least"), 2) == "≥ 0.29"
    assert text(Quantity(1.101, "USD/bbl", "at_most"), 2) == "≤ 1.11"
