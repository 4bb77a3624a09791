"""Figures as reported: provenance, bounds, the JSON contract's today / if-built fields and the
Markdown footnotes, on tiny networks whose answers are known by hand."""

from __future__ import annotations

import enum
import json
import re
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from routes import report
from routes.capacity import resolve
from routes.metrics import all_route_metrics
from routes.network import Crude, Figure, Network, Throughput
from routes.report import (
    capacity_quantity,
    crudes_used,
    element_to_dict,
    route_to_dict,
    spare_quantity,
)
from tests.test_capacity import S, flow, kbd, network, seg


def _metrics(net: Network) -> Any:
    (m,) = all_route_metrics(net)
    return m


def test_the_crude_factor_is_cited_only_when_a_figure_is_converted() -> None:
    net = network([seg("ab", "a", "b", kbd(300))], [[["ab"]]])
    net = replace(net, crudes={"c": Crude("c", "Test crude", Figure(10.0, "bbl/t", 2024, ("f",)))})
    m = _metrics(net)
    assert capacity_quantity(m, m.available).sources == ("s",)
    assert capacity_quantity(m, m.available, "Mt/yr").sources == ("s", "f")


def test_a_route_closed_today_is_zero_not_an_upper_bound() -> None:
    m = _metrics(
        network(
            [seg("ab", "a", "b", kbd(None)), seg("bc", "b", "c", kbd(100), status="idle")],
            [[["ab"]], [["bc"]]],
        )
    )
    q = capacity_quantity(m, m.available)
    assert (q.value, q.bound, q.note) == (0.0, "exact", "nothing can pass today: bc not operating")
    m = _metrics(network([seg("ab", "a", "b", kbd(200))], [[["ab"]]]))
    assert capacity_quantity(m, m.available, "Mt/yr").value == pytest.approx(7.3)


def test_capacity_as_of_is_the_newest_figure_that_sets_it() -> None:
    m = _metrics(
        network(
            [
                seg("ab", "a", "b", Figure(300.0, "kb/d", 2020, S)),
                seg("ab2", "a", "b", Figure(150.0, "kb/d", 2024, S)),
            ],
            [[["ab"], ["ab2"]]],
        )
    )
    assert capacity_quantity(m, m.available).as_of == 2024


def test_spare_cites_the_year_of_the_flow_it_subtracts() -> None:
    old = Throughput(2023, Figure(90.0, "kb/d", 2023, ("old",)), "all")
    new = Throughput(2024, Figure(100.0, "kb/d", 2024, ("new",)), "all")
    m = _metrics(network([seg("ab", "a", "b", kbd(200), throughput=[old, new])], [[["ab"]]]))
    q = spare_quantity(m, m.available)
    assert (q.value, q.as_of, q.sources) == (100.0, 2024, ("s", "new"))


def test_the_if_built_fields_come_from_the_if_built_view() -> None:
    net = network(
        [seg("ab", "a", "b", kbd(None)), seg("bc", "b", "c", kbd(100), status="planned")],
        [[["ab"]], [["bc"]]],
    )
    d = route_to_dict(net, _metrics(net))
    assert (d["capacity_kbd"], d["capacity_bound"], d["spare_capacity_kbd"]) == (0.0, "exact", 0.0)
    assert (
        d["capacity_if_built_kbd"],
        d["capacity_if_built_bound"],
        d["spare_capacity_if_built_kbd"],
    ) == (100.0, "at_most", 100.0)


def test_bottleneck_if_built_counts_the_planned_branch() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(300)),
            seg("ab2", "a", "b", kbd(150), status="planned"),
            seg("bc", "b", "c", kbd(1000)),
        ],
        [[["ab"], ["ab2"]], [["bc"]]],
    )
    d = route_to_dict(net, _metrics(net))
    assert (d["bottleneck_segment"], d["bottleneck_if_built"]) == ("ab", "ab + ab2")


def test_a_planned_segment_has_spare_only_if_built() -> None:
    net = network([seg("ab", "a", "b", kbd(100), status="planned")], [[["ab"]]])
    d = element_to_dict(resolve(net).segments["ab"])
    assert (d["spare_capacity_kbd"], d["spare_capacity_if_built_kbd"]) == (0.0, 100.0)


def test_an_unlimited_sea_leg_with_a_flow_lists_its_crude() -> None:
    net = network(
        [
            seg("ab", "a", "b", kbd(300)),
            seg("bc", "b", "c", mode="tanker", unlimited=True, throughput=[flow(2024, 100)]),
        ],
        [[["ab"]], [["bc"]]],
    )
    (crude,) = crudes_used(net, _metrics(net))
    assert crude["id"] == "c" and {"ab", "bc"} <= set(crude["used_by"])


def test_markdown_footnotes_every_source_numbered_from_one() -> None:
    from routes.cli import app

    runner = CliRunner()
    md = runner.invoke(app, ["compare", "--format", "markdown"]).stdout
    doc = json.loads(runner.invoke(app, ["compare", "--format", "json"]).stdout)
    cited = {s for r in doc["routes"] for s in r["sources"]}
    # Every source is numbered once, from 1: as a footnote, or (when no figure cites it) in a
    # plain list after the footnotes.
    tail = md.split("\nSources:\n", 1)[1]
    found = re.findall(r"^(?:\[\^(\d+)\]: |(\d+)\. )", tail, flags=re.M)
    numbers = sorted(int(footnote or listed) for footnote, listed in found)
    assert numbers == list(range(1, len(cited) + 1))


def test_bottleneck_segment_names_only_a_segment() -> None:
    from routes.network import NodeUnit
    from tests.test_capacity import node

    parallel = network(
        [
            seg("ab", "a", "b", kbd(100)),
            seg("ab2", "a", "b", kbd(100)),
            seg("bc", "b", "c", kbd(1000)),
        ],
        [[["ab"], ["ab2"]], [["bc"]]],
    )
    d = route_to_dict(parallel, all_route_metrics(parallel)[0])
    assert (d["bottleneck"], d["bottleneck_kind"], d["bottleneck_segment"]) == (
        "ab + ab2",
        "stage",
        None,
    )
    units = [NodeUnit("m", "M", "operating", kbd(50))]
    at_node = network(
        [seg("ab", "a", "b", kbd(300)), seg("bc", "b", "c", kbd(300))],
        [[["ab"]], [["bc"]]],
        nodes=[node("b", units=units)],
    )
    d = route_to_dict(at_node, all_route_metrics(at_node)[0])
    assert (d["bottleneck"], d["bottleneck_kind"], d["bottleneck_segment"]) == ("b", "node", None)


class _Level(enum.IntEnum):
    LOW = 1


class _Word(enum.StrEnum):
    SEA = "sea"


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([_Level.LOW, _Word.SEA])  # subclasses of int and str
)
_KEYS = (
    st.text()
    | st.integers()
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False, allow_infinity=False)
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_dumps_writes_the_standard_library_s_bytes(doc: Any) -> None:
    from routes.report import dumps

    assert dumps(doc) == json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


@pytest.mark.parametrize(
    "bad", [float("nan"), [float("inf")], {"a": -float("inf")}, {float("nan"): 1}]
)
def test_dumps_refuses_nan_and_infinity(bad: Any) -> None:
    from routes.report import dumps

    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        dumps(bad)


def test_dumps_writes_each_key_as_its_own_kind() -> None:
    from routes.report import dumps

    doc = [{True: 0}, {1: 0}, {1.0: 0}, {None: 0}, {"true": 0}, {_Level.LOW: 0}, {_Word.SEA: 0}]
    assert dumps(doc) == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    assert [line.strip() for line in dumps(doc).splitlines() if ":" in line] == [
        '"true": 0',
        '"1": 0',
        '"1.0": 0',
        '"null": 0',
        '"true": 0',
        '"1": 0',
        '"sea": 0',
    ]


@pytest.mark.parametrize(
    "bad", [{(1, 2): 1}, [object()], {"a": {1, 2}}, [b"x"], {b"k": 1}, {frozenset(): 1}]
)
def test_dumps_refuses_what_json_cannot_hold(bad: Any) -> None:
    from routes.report import dumps

    with pytest.raises(TypeError):
        dumps(bad)


def test_an_override_reads_as_added_or_as_what_it_replaced() -> None:
    from routes.report import override_text

    added = {"layer": "costs", "id": "x", "file": "mine/costs.yaml", "replaced": None}
    assert override_text(added) == "costs 'x' from mine/costs.yaml is added to the data"
    same = added | {"replaced": {"file": "geodata/costs.yaml", "changes": []}}
    assert override_text(same) == (
        "costs 'x' from mine/costs.yaml replaces the entry in geodata/costs.yaml (no change)"
    )
    two = [
        {"field": "value", "old": "1", "new": "2"},
        {"field": "note", "old": "'a'", "new": "(none)"},
    ]
    assert override_text(added | {"replaced": {"file": "g", "changes": two}}).endswith(
        "replaces the entry in g (value 1 → 2; note 'a' → (none))"
    )


# Cases added by the mutation check of issue 9's escaping (each character class of `md`).


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("a|b", r"a\|b"),  # would split a table cell
        ("~~gone~~", r"\~\~gone\~\~"),  # strikethrough
        ("&lt;b&gt; & co", r"\&lt;b\&gt; & co"),  # an entity, not a bare ampersand
        ("# Heading", r"\# Heading"),
        ("> quote", r"\> quote"),
        ("C# > B#", "C# > B#"),  # only at the start do they mean something
        ("_lead trail_ snake_case", r"\_lead trail\_ snake_case"),
        ("two\nlines", "two lines"),
        ("note [^12]", "note [^12]"),  # a footnote marker this module adds survives
    ],
)
def test_md_makes_text_literal(text: str, literal: str) -> None:
    from routes.report import md

    assert md(text) == literal


def test_markdown_table_escapes_the_header_too() -> None:
    from routes.report import markdown_table

    assert markdown_table(["a|b"], [["*c*"]]) == "| a\\|b |\n|---|\n| \\*c\\* |\n"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("+44", "'+44"),
        ("a=b", "a=b"),
    ],
)
def test_csv_safe_defuses_every_formula_start(cell: str, safe: str) -> None:
    from routes.report import csv_safe

    assert csv_safe(cell) == safe


def test_source_line_escapes_every_part_in_markdown() -> None:
    from routes.report import source_line

    src = {
        "title": "T*",
        "publisher": "*P*",
        "date": "2024_",
        "url": "https://e.org/a b<c>",
        "licence": "CC *BY*",
    }
    assert source_line(src, markdown=True) == (
        r"T\*. \*P\*. 2024\_. <https://e.org/a%20b%3Cc%3E>. licence: CC \*BY\*"
    )
    assert source_line(src) == "T*. *P*. 2024_. https://e.org/a b<c>. licence: CC *BY*"


def test_sources_are_numbered_once_each_in_order_of_first_use(net: Network) -> None:
    first, second = list(net.sources)[:2]
    rows = report.source_rows(net, [second, first, second])
    assert list(rows) == [second, first]  # only those asked for, once each
    assert rows[first]["title"] == net.sources[first].title
    numbered = report.numbered(rows, [second, first, second])
    assert [(r["n"], r["id"]) for r in numbered] == [(1, second), (2, first)]
    assert report.sources_list(net, [second, first, second]) == numbered
    assert list(report.source_rows(net)) == list(net.sources)
