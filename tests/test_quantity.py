"""The figure vocabulary every output shares."""

from __future__ import annotations

from routes.quantity import Quantity, combine_bounds, text


def test_the_figure_vocabulary() -> None:
    assert text(Quantity(1.0, "kb/d", assumption=True), mark_assumption=False) == "1"
    assert combine_bounds("exact", "not_sourced") == "unknown"
    assert text(Quantity(None, "USD/bbl", "not_sourced")) == "not sourced"
