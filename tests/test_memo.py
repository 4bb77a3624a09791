"""`routes memo`: findings worded from hand-built figures, and the bundle on the real data as a
reader meets it (Markdown traced number by number to results.json, DOCX, HTML in Chromium,
figures), reproducible, and refused whole on bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from routes import memo
from routes.cli import app
from routes.memo import Fig, RouteFigs, ScenarioFigs, plain_text
from routes.quantity import Quantity
from tests.test_browser import browser  # noqa: F401  (the shared headless Chromium fixture)
from tests.test_maps import XSS, xss_folder

EPOCH = "1795651200"  # 2026-11-26
DATE = dt.date(2026, 11, 26)


# --- Hand-built figures -------------------------------------------------------------------------


def q(
    value: float | None,
    unit: str = "kb/d",
    bound: str = "exact",
    *,
    sources: tuple[str, ...] = ("s1",),
    assumption: bool = False,
    note: str | None = None,
) -> dict[str, Any]:
    return {
        "value": value,
        "unit": unit,
        "bound": bound,
        "as_of": 2024,
        "sources": list(sources),
        "assumption": assumption,
        "note": note,
    }


def route(
    rid: str,
    name: str,
    *,
    status: str = "operating",
    kbd: float | None = 100.0,
    mtpa: float | None = 5.0,
    bound: str = "exact",
    built: float | None = None,
    cost: float | None = 4.0,
    cost_bound: str = "exact",
    unknown: tuple[str, ...] = (),
    crude_assumed: bool = False,
    costs: list[dict[str, Any]] | None = None,
    blocked: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A route document with only what the memo reads."""
    return {
        "id": rid,
        "name": name,
        "status": status,
        "bottleneck": f"{rid}-neck",
        "capacity_unknown": list(unknown),
        "capacity_kbd": kbd,
        "capacity_bound": bound,
        "capacity_if_built_kbd": built if built is not None else kbd,
        "available": {"blocked_by": list(blocked)},
        "crudes": [
            {
                "id": "light",
                "name": "Light",
                "used_by": [f"{rid}-neck"],
                "bbl_per_t": q(
                    7.33, "bbl/t", sources=("f1",), assumption=crude_assumed, note="world average"
                ),
            }
        ],
        "costs": costs
        if costs is not None
        else [
            {
                "id": f"{rid}-tariff",
                "usd_per_bbl": cost,
                "assumption": False,
                "note": None,
                "sources": ["c1"],
            }
        ],
        "unpriced_segments": [],
        "warnings": [],
        "transit_breakdown": [],
        "chokepoints": [],
        "transshipments": 0,
        "risk_score": 10.0,
        "risk_factors": {},
        "sources": ["s1"],
        "figures": {
            "capacity": q(kbd, "kb/d", bound, assumption=crude_assumed),
            "capacity_mtpa": q(mtpa, "Mt/yr", bound),
            "capacity_if_built": q(built if built is not None else kbd, "kb/d", bound),
            "spare_capacity": q(10.0, "kb/d", bound),
            "cost_usd_per_bbl": q(
                cost, "USD/bbl", cost_bound if cost is not None else "not_sourced"
            ),
            "length_km": q(1000.0, "km"),
            "transit_days": q(5.0, "days"),
        },
    }


def words(t: memo.Text) -> str:
    return plain_text(t)


def test_a_lower_bound_cost_says_at_least_and_no_winner_is_named() -> None:
    a = RouteFigs(route("a", "Route A", cost=6.28))
    b = RouteFigs(
        route(
            "b",
            "Route B",
            cost=4.32,
            cost_bound="at_least",
            costs=[
                {
                    "id": "b-tariff",
                    "usd_per_bbl": 4.32,
                    "assumption": False,
                    "note": None,
                    "sources": ["c1"],
                },
                {
                    "id": "b-freight",
                    "usd_per_bbl": None,
                    "assumption": False,
                    "note": None,
                    "sources": [],
                },
            ],
        )
    )
    text = words(memo.cost_finding([a, b]) or ())
    assert "Route A 6.28 USD/bbl" in text
    assert "Route B at least 4.32 USD/bbl (no figure for b-freight)" in text
    assert "cannot be told" in text
    assert "costs less than" not in text


def test_a_lower_bound_above_an_exact_cost_names_the_cheaper_route() -> None:
    a = RouteFigs(route("a", "Route A", cost=3.0))
    b = RouteFigs(route("b", "Route B", cost=4.0, cost_bound="at_least"))
    assert "Route A costs less than Route B." in words(memo.cost_finding([a, b]) or ())
    c = RouteFigs(route("c", "Route C", cost=None))
    assert "Route C not sourced" in words(memo.cost_finding([a, c]) or ())


def test_an_assumed_cost_item_is_named() -> None:
    a = RouteFigs(
        route(
            "a",
            "Route A",
            costs=[
                {
                    "id": "a-freight",
                    "usd_per_bbl": 1.5,
                    "assumption": True,
                    "note": "WS100",
                    "sources": ["c1"],
                }
            ],
        )
    )
    assert "rest on assumed items: a-freight" in words(memo.cost_finding([a]) or ())


@pytest.mark.parametrize(
    ("a", "b", "want"),
    [
        (Quantity(3.0, "USD/bbl"), Quantity(4.0, "USD/bbl"), True),
        (Quantity(5.0, "USD/bbl"), Quantity(4.0, "USD/bbl"), False),
        (Quantity(3.0, "USD/bbl"), Quantity(4.0, "USD/bbl", "at_least"), True),
        (Quantity(5.0, "USD/bbl"), Quantity(4.0, "USD/bbl", "at_least"), None),
        (Quantity(3.0, "USD/bbl", "at_least"), Quantity(4.0, "USD/bbl", "at_least"), None),
        (Quantity(5.0, "USD/bbl", "at_least"), Quantity(4.0, "USD/bbl"), False),
        (Quantity(None, "USD/bbl", "not_sourced"), Quantity(4.0, "USD/bbl"), None),
    ],
)
def test_cheaper_only_when_the_bounds_allow(a: Quantity, b: Quantity, want: bool | None) -> None:
    assert memo._cheaper(a, b) is want


def test_an_idle_route_is_never_called_available() -> None:
    a = RouteFigs(route("a", "Route A", kbd=1000.0, mtpa=50.0))
    idle = RouteFigs(
        route(
            "b",
            "Route B",
            status="idle",
            kbd=0.0,
            mtpa=0.0,
            built=120.0,
            bound="exact",
            blocked=("b-pipe",),
        )
    )
    cap = words(memo.capacity_finding(a, idle, {"b-pipe": "The B pipe"}))
    assert "Route B can carry nothing today: it is idle (The B pipe not operating)." in cap
    assert "times" not in cap
    built = words(memo.if_built_finding([a, idle]) or ())
    assert "Route A" not in built  # nothing to add: its capacity if built is today's
    assert (
        "Route B is idle, so none of its capacity is available today (120 kb/d if "
        "restarted or built)" in built
    )
    assert "counts none of that capacity as available" in built
    spare = words(memo.spare_finding([a, idle]) or ())
    assert "Route A" in spare and "Route B" not in spare


def test_capacity_ratio_against_an_upper_bound_is_a_lower_bound_rounded_down() -> None:
    a = RouteFigs(route("a", "CPC", kbd=1573.15, mtpa=72.5))
    b = RouteFigs(
        route(
            "b",
            "Trans-Caspian",
            kbd=104.43,
            mtpa=5.2,
            bound="at_most",
            unknown=("rail", "fleet"),
            crude_assumed=True,
        )
    )
    text = words(memo.capacity_finding(a, b, {"rail": "the rail", "fleet": "the fleet"}))
    # 72.5 / 5.2 = 13.94...: "at least 13.9", never "at least 14".
    assert (
        "CPC can carry 72.5 Mt/yr (1,573 kb/d) today, at least 13.9 times as much by weight as "
        "Trans-Caspian" in text
    )
    assert "at most 5.2 Mt/yr (at most 105 kb/d, converted at an assumed 7.33 bbl/t)" in text
    assert "no capacity is sourced for the rail; the fleet" in text
    ratio = next(
        r
        for r in memo.capacity_finding(a, b, {})
        if isinstance(r, Fig) and r.id.startswith("finding.capacity_ratio")
    )
    assert ratio.q.bound == "at_least"
    assert ratio.q.value == pytest.approx(72.5 / 5.2)
    assert set(ratio.q.sources) == {"s1"}


def test_a_sourced_crude_factor_is_not_called_an_assumption() -> None:
    a = RouteFigs(route("a", "A", mtpa=10.0))
    b = RouteFigs(route("b", "B", mtpa=4.0, crude_assumed=False))
    assert "assumed" not in words(memo.capacity_finding(a, b, {}))


def test_capacity_ratio_of_an_upper_bound_over_an_exact_figure_says_at_most() -> None:
    a = RouteFigs(route("a", "A", mtpa=10.0, bound="at_most"))
    b = RouteFigs(route("b", "B", mtpa=4.0))
    assert "at most 2.5 times as much by weight as B" in words(memo.capacity_finding(a, b, {}))
    both = RouteFigs(route("c", "C", mtpa=4.0, bound="at_most"))
    assert "times" not in words(memo.capacity_finding(a, both, {}))


@pytest.mark.parametrize(
    ("num", "den", "want"),
    [
        ("exact", "exact", "exact"),
        ("exact", "at_most", "at_least"),
        ("at_most", "exact", "at_most"),
        ("at_least", "at_most", "at_least"),
        ("at_most", "at_most", "unknown"),
        ("at_least", "at_least", "unknown"),
        ("unknown", "exact", "unknown"),
        ("exact", "not_sourced", "unknown"),
    ],
)
def test_ratio_bound(num: str, den: str, want: str) -> None:
    assert memo.ratio_bound(num, den) == want  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "bound", "nd", "cell", "prose"),
    [
        (104.43, "at_most", 0, "≤ 105", "at most 105 kb/d"),
        (104.0, "at_most", 0, "≤ 104", "at most 104 kb/d"),
        (4.329, "at_least", 2, "≥ 4.32", "at least 4.32 kb/d"),
        (1573.15, "exact", 0, "1,573", "1,573 kb/d"),
        (-0.2, "exact", 0, "0", "0 kb/d"),
        (None, "unknown", 0, "unknown", "unknown"),
        (None, "not_sourced", 0, "not sourced", "not sourced"),
    ],
)
def test_a_figure_prints_its_bound(
    value: float | None, bound: str, nd: int, cell: str, prose: str
) -> None:
    f = Fig("x", Quantity(value, "kb/d", bound), nd)  # type: ignore[arg-type]
    assert f.cell() == cell
    assert f.prose() == prose


def test_an_assumption_is_marked_in_cells_and_scaled_units_print() -> None:
    f = Fig("r", Quantity(2_321_251_415.0, "USD", assumption=True), 0, 1e6, "million USD")
    assert f.cell() == "2,321*"
    assert f.prose() == "2,321 million USD"
    assert Fig("p", Quantity(70.4, "%"), 0).prose() == "70%"


def scenario_doc(
    *,
    shortfall: float = 4288.8,
    delivered: float = 1801.6,
    extra: float | None = None,
    comparison: dict[str, Any] | None = None,
) -> dict[str, Any]:
    band = {
        "start_day": 0.0,
        "end_day": 30.0,
        "shortfall_kbd": 1137.2,
        "delivered_kbd": 457.4,
        "outages": ["t"],
        "binding": ["t"],
        "flow_kbd_by_route": {"r1": 400.0},
    }
    return {
        "scenario": {
            "id": "closed-30d",
            "name": "Closed for 30 days",
            "description": "",
            "events": [],
        },
        "days": 30.0,
        "delivered_kt": delivered,
        "shortfall_kt": shortfall,
        "shortfall_mbbl": 34.12,
        "supply": [{"id": "o", "name": "Oil", "figure": q(74.1, "Mt/yr", sources=("sup",))}],
        "rerouted_kt_by_route": {"r1": 700.0, "r2": 100.0, "r3": 0.0},
        "uncosted_kt_by_route": {} if extra is not None else {"r1": 700.0},
        "figures": {
            "revenue_lost_usd": q(2_321_251_415.0, "USD", sources=("brent",), assumption=True),
            "price_usd_per_bbl": q(
                68.04,
                "USD/bbl",
                sources=("brent",),
                assumption=True,
                note="price.brent 69.04 + price.cpc-differential -1",
            ),
            "extra_cost_usd": q(extra, "USD", "exact" if extra is not None else "unknown"),
        },
        "comparison": comparison,
        "bands": [band],
        "baseline": {**band, "shortfall_kbd": 0.0},
    }


def test_scenario_finding_states_share_revenue_and_the_assumed_price() -> None:
    s = ScenarioFigs(scenario_doc(), {"r1": "Route One", "r2": "Route Two"})
    text = words(memo.scenario_finding(s, preset=True))
    assert text.startswith(
        "Closed for 30 days (preset closed-30d) leaves 4,289 kt undelivered "
        "over 30 days, 70% of the 6,090 kt the supply would export in that "
        "time, worth 2,321 million USD at an assumed 68.04 USD/bbl."
    )
    assert "Rerouted: 700 kt by Route One and 100 kt by Route Two." in text
    assert "The extra transport cost is unknown" in text
    share = s.share
    assert share.q.value == pytest.approx(4288.8 / (4288.8 + 1801.6) * 100)
    assert "sup" in share.q.sources
    assert "(scenario closed-30d)" in words(memo.scenario_finding(s, preset=False))


def test_the_worst_band_is_the_one_with_the_largest_shortfall() -> None:
    doc = scenario_doc()
    doc["bands"] = [
        {**doc["bands"][0], "end_day": 5.0, "shortfall_kbd": 100.0},
        {**doc["bands"][0], "start_day": 5.0, "shortfall_kbd": 900.0},
        {**doc["bands"][0], "start_day": 20.0, "shortfall_kbd": 900.0},
    ]
    text = words(memo.scenario_finding(ScenarioFigs(doc, {}), preset=True))
    assert "At worst 900 kb/d cannot leave (days 5–30)." in text


def test_the_risk_finding_names_the_highest_and_lowest_and_their_factors() -> None:
    def scored(rid: str, name: str, score: float, factors: dict[str, float]) -> RouteFigs:
        r = route(rid, name)
        r["risk_score"] = score
        r["risk_factors"] = {
            f: {"contribution": c, "inputs": [], "explanation": ""} for f, c in factors.items()
        }
        return RouteFigs(r)

    routes = [
        scored("a", "Route A", 20.0, {"sanctions": 5.0, "weather": 15.0}),
        scored("b", "Route B", 60.0, {"sanctions": 40.0, "weather": 20.0}),
        scored("c", "Route C", 10.0, {"sanctions": 0.0, "weather": 10.0}),
    ]
    compare = {
        "ranking_by_risk": ["b", "a", "c"],
        "ranking_stability": {"stable": True, "weight_change": "±25%", "swaps": []},
    }
    text = words(memo.risk_finding(routes, compare) or ())
    assert text.startswith("Route B carries the highest risk score, 60.0, against Route C's 10.0")
    assert "its largest contributions are sanctions 40.0 and weather 20.0." in text
    assert text.endswith("The ranking holds when any weight moves by ±25%.")


def test_a_figure_that_does_not_cite_prints_no_marker() -> None:
    numbers = {"s1": 1, "s2": 2}
    cited = Fig("a", Quantity(1.0, "kt", sources=("s2", "s1")))
    quiet = Fig("b", Quantity(1.0, "kt", sources=("s1",)), cite=False)
    assert memo.marks(cited, numbers) == [1, 2]
    assert memo.marks(quiet, numbers) == []
    assert memo.md_text(("x ", cited, ", ", quiet), numbers) == "x 1 kt[^1][^2], 1 kt"


def test_scenario_finding_compares_with_a_reported_loss() -> None:
    doc = scenario_doc(
        extra=5e6,
        comparison={
            "day": 12.0,
            "reported_kt": 480.0,
            "modelled_kt": 485.9,
            "sources": ["tass"],
            "note": "production lost (minister)",
        },
    )
    text = words(memo.scenario_finding(ScenarioFigs(doc, {}), preset=True))
    assert "The rerouted oil pays 5 million USD more for transport." in text
    assert (
        "By day 12 the model leaves 486 kt undelivered, 1% more than the 480 kt reported: "
        "production lost (minister)" in text
    )


# --- The bundle on the real data ----------------------------------------------------------------


def run_memo(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return runner.invoke(app, ["memo", *args])


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("memo") / "bundle"
    mp = pytest.MonkeyPatch()
    result = run_memo(CliRunner(), mp, "--output", str(out))
    mp.undo()
    assert result.exit_code == 0, result.output
    yield out


@pytest.fixture(scope="module")
def results(bundle: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((bundle / "results.json").read_text(encoding="utf-8"))
    return doc


def strings(x: Any) -> Iterator[str]:
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)


def printed(f: dict[str, Any]) -> str:
    """How a figure of results.json must print: scaled, rounded away from what its bound
    allows (upper bounds up, lower bounds down), with its decimals."""
    if f["value"] is None:
        return "not sourced" if f["bound"] == "not_sourced" else "unknown"
    v = f["value"] / f["scale"]
    step = 10 ** f["decimals"]
    if f["bound"] == "at_most":
        v = math.ceil(round(v * step, 6)) / step
    elif f["bound"] == "at_least":
        v = math.floor(round(v * step, 6)) / step
    text = f"{v:,.{f['decimals']}f}"
    return "0" if re.fullmatch(r"-0\.?0*", text) and f["decimals"] == 0 else text


def test_the_bundle_holds_every_file(bundle: Path, results: dict[str, Any]) -> None:
    names = sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file())
    charts = [f for c in results["charts"] for f in c["files"]]
    assert names == sorted(["memo.md", "memo.html", "memo.docx", "results.json", *charts])
    assert "figures/map.png" in charts
    assert {
        "figures/capacity-risk.svg",
        "figures/risk-factors.svg",
        "figures/scenario-cpc-closed-30d.svg",
        "figures/scenario-cpc-mooring-nov-2025.svg",
    } <= set(charts)
    assert results["schema"] == "routes.memo/1"
    assert results["scenarios"] == ["cpc-closed-30d", "cpc-mooring-nov-2025"]
    assert results["date"] == "2026-11-26"


def test_every_number_in_memo_md_is_a_figure_of_results_json(
    bundle: Path, results: dict[str, Any]
) -> None:
    md = (bundle / "memo.md").read_text(encoding="utf-8")
    figures = results["figures"]
    for f in figures.values():
        assert f["printed"] == printed(f), f["id"]
        assert f["printed"] in md, f["id"]
    # Text the memo quotes from the data (names, ids, notes, sources) or labels it gives
    # itself (tables, figures, file paths) may hold digits; nothing else may.
    quoted = {
        *strings(results["inputs"]),
        *strings(results["sources"]),
        *strings(results["known_gaps"]),
        *strings(results["weights_profile"]),
        *(
            results[k]
            for k in ("title", "date", "data_version", "command", "risk_scale", "profile")
        ),
        *(s for t in results["tables"] for s in (t["label"], *t["header"])),
        *(s for c in results["charts"] for s in (c["label"], c["alt"], *c["files"])),
    }
    md = re.sub(r"\\(.)", r"\1", md)  # Markdown's escapes, so quoted text reads as quoted
    md = re.sub(r"<(https?://[^>]*)>", lambda m: m.group(1).replace("%20", " "), md)
    text = re.sub(r"\[\^\d+\]:?", lambda m: " " * len(m.group()), md)
    covered = [False] * len(text)
    for s in {s for s in quoted if len(s) >= 3 and re.search(r"\d", s)}:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    shown = {f["printed"] for f in figures.values()}
    stray = [
        m.group()
        for m in re.finditer(r"(?:(?<!\w)-)?\d+(?:,\d{3})*(?:\.\d+)?", text)
        if m.group() not in shown and not all(covered[m.start() : m.end()])
    ]
    assert stray == []


def test_every_footnote_marker_has_its_source(bundle: Path, results: dict[str, Any]) -> None:
    md = (bundle / "memo.md").read_text(encoding="utf-8")
    body, _, notes = md.partition("\n## Sources\n")
    used = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", body)}
    defined = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", notes, flags=re.M))
    assert used == {int(n) for n in defined} == {s["n"] for s in results["sources"]}
    for s in results["sources"]:
        assert defined[str(s["n"])].startswith(s["title"])
    # The risk scores rest on many inputs: their table cites them once a factor, not a cell.
    risk = next(t for t in results["tables"] if t["id"] == "risk")
    assert risk["header"][-1] == "sources"
    assert "[^" not in md.split("| risk score |", 1)[1].split("\n", 1)[0]


def test_the_figures_are_the_comparison_and_scenario_figures(results: dict[str, Any]) -> None:
    figures = results["figures"]
    for r in results["inputs"]["compare"]["routes"]:
        for key in (
            "capacity",
            "capacity_mtpa",
            "capacity_if_built",
            "spare_capacity",
            "cost_usd_per_bbl",
            "length_km",
            "transit_days",
        ):
            fig = figures[f"route.{r['id']}.{key}"]
            assert fig["value"] == pytest.approx(r["figures"][key]["value"], abs=1e-6)
            assert fig["bound"] == r["figures"][key]["bound"]
            assert fig["sources"] == r["figures"][key]["sources"]
            assert fig["assumption"] == r["figures"][key]["assumption"]
        assert figures[f"route.{r['id']}.risk_score"]["value"] == r["risk_score"]
    for d in results["inputs"]["scenarios"]:
        sid = d["scenario"]["id"]
        assert figures[f"scenario.{sid}.shortfall_kt"]["value"] == d["shortfall_kt"]
        assert figures[f"scenario.{sid}.revenue_lost_usd"]["value"] == d["revenue_lost_usd"]
        assert figures[f"scenario.{sid}.revenue_lost_usd"]["assumption"] is True
    ids = [s["id"] for s in results["sources"]]
    assert [s["n"] for s in results["sources"]] == list(range(1, len(ids) + 1))
    cited = {s for f in figures.values() for s in f["sources"]}
    assert set(ids) <= cited | {s for a in results["assumptions"] for s in a["sources"]} | {
        s for f in results["findings"] for s in f["sources"]
    } | {s for t in results["tables"] for row in t["rows"] for c in row for s in c["sources"]} | {
        s for c in results["charts"] for s in c["caption"]["sources"]
    }


def test_the_real_findings_read_with_care(results: dict[str, Any]) -> None:
    findings = [f["text"] for f in results["findings"]]
    capacity = findings[0]
    assert capacity.startswith(
        "CPC via Novorossiysk and the Turkish Straits can carry 72.5 "
        "Mt/yr (1,573 kb/d) today, at least 13.9 times as much by weight as "
        "Trans-Caspian"
    )
    assert "converted at an assumed 7.33 bbl/t" in capacity
    assert "upper bound because no capacity is sourced for" in capacity
    text = " ".join(findings)
    assert "Trans-Caspian via Baku–Supsa is idle, so none of its capacity is available" in text
    assert "Trans-Caspian: Caspian tanker and BTC at least 4.32 USD/bbl" in text
    assert (
        "CPC closed for 30 days (preset cpc-closed-30d) leaves 4,289 kt undelivered over "
        "30 days, 70% of the 6,090 kt"
    ) in text
    assert "worth 2,321 million USD at an assumed 68.04 USD/bbl" in text


def test_the_docx_holds_tables_images_and_notes(bundle: Path, results: dict[str, Any]) -> None:
    import docx

    d = docx.Document(str(bundle / "memo.docx"))
    assert len(d.tables) == len(results["tables"])
    comparison = d.tables[0]
    assert comparison.rows[0].cells[1].text == "CPC via Novorossiysk and the Turkish Straits"
    assert comparison.rows[3].cells[1].text.startswith("1,573")  # capacity today, kb/d
    assert len(d.inline_shapes) == len(results["charts"])
    styles = {p.style.name for p in d.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Caption"} <= styles
    supers = [r.text for p in d.paragraphs for r in p.runs if r.font.superscript]
    assert supers and all(re.fullmatch(r"[\d,–]+", s) for s in supers)
    notes = [p.text for p in d.paragraphs if p.style is not None and p.style.name == "Source Note"]
    assert len(notes) == len(results["sources"])
    assert notes[0].startswith("1.\t")
    assert d.core_properties.created == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    # Each table's header row repeats on every page it runs over.
    assert all(
        t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.xpath("./w:tblHeader")
        for t in d.tables
    )
    # The label column is 3.6 cm in the grid (LibreOffice reads it: 'transshipments' broke
    # across two lines in a column it drew narrower) and in each cell (Word reads those).
    from docx.shared import Cm

    for t in d.tables:  # the grid is kept in twips: 3.6 cm to within one
        assert abs(t.columns[0].width - Cm(3.6)) < Cm(0.01)
        assert all(abs(row.cells[0].width - Cm(3.6)) < Cm(0.01) for row in t.rows)


def test_the_figures_are_real_images(bundle: Path, results: dict[str, Any]) -> None:
    from PIL import Image, ImageStat

    for chart in results["charts"]:
        for rel in chart["files"]:
            data = (bundle / rel).read_bytes()
            if rel.endswith(".svg"):
                assert data.startswith(b"<?xml") and b"<path" in data, rel
                continue
            img = Image.open(io.BytesIO(data)).convert("L")
            assert img.size[0] >= 800, rel
            assert ImageStat.Stat(img).var[0] > 200, rel  # not blank


def test_the_same_command_gives_the_same_bundle(
    bundle: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = tmp_path / "again"
    result = run_memo(runner, monkeypatch, "--output", str(again))
    assert result.exit_code == 0, result.output
    for name in (
        "memo.md",
        "results.json",
        "memo.html",
        "memo.docx",
        "figures/capacity-risk.svg",
        "figures/map.png",
    ):
        assert (again / name).read_bytes() == (bundle / name).read_bytes(), name


# --- Choices and bad input ----------------------------------------------------------------------


def test_routes_scenario_file_title_and_formats(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    sc = tmp_path / "half.yaml"
    sc.write_text(
        "name: Half the CPC terminal for ten days\ndays: 10\noutages:\n"
        "  - {target: cpc-marine-terminal, share_lost: 0.5, start_day: 0, "
        "duration_days: 10}\n",
        encoding="utf-8",
    )
    out = tmp_path / "m"
    result = run_memo(
        runner,
        monkeypatch,
        "trans-caspian",
        "cpc",
        "--scenario",
        str(sc),
        "--format",
        "md",
        "--title",
        "Bypass or bust",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert not (out / "memo.html").exists() and not (out / "memo.docx").exists()
    md = (out / "memo.md").read_text(encoding="utf-8")
    assert md.startswith("# Bypass or bust\n")
    res = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert res["routes"] == ["trans-caspian", "cpc"]
    assert res["scenarios"] == ["half"]
    assert res["command"] == (
        f"routes memo trans-caspian cpc --scenario {sc} --format md --title 'Bypass or bust'"
    )
    assert "(scenario half)" in res["findings"][-1]["text"]
    # The first route named leads the capacity finding.
    assert res["findings"][0]["text"].startswith(
        "Trans-Caspian: Caspian tanker and BTC can carry at most 5.2 Mt/yr"
    )


def test_names_from_the_data_are_literal_in_markdown(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "m"
    result = run_memo(
        runner,
        monkeypatch,
        "--data",
        str(xss_folder(tmp_path)),
        "--format",
        "md",
        "--scenario",
        "cpc-closed-30d",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    text = (out / "memo.md").read_text(encoding="utf-8")
    # Every < from the data is escaped, so no tag can open (a lone > is plain text).
    assert re.search(r"(?<!\\)<(img|script)", text) is None
    assert "\\" + XSS in text
    res = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert res["command"] == (
        f"routes memo --scenario cpc-closed-30d --format md --data {tmp_path / 'xss'}"
    )


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "unknown route 'nope'"),
        (["--scenario", "nope"], "--scenario 'nope' is no preset and no file"),
        (
            ["--format", "md,pdf"],
            "--format 'md,pdf': unknown format pdf; give a comma-separated list of md, html, docx",
        ),
        (
            ["--title", " "],
            "--title ' ': empty; give the title's text, or leave --title out for the default",
        ),
    ],
)
def test_bad_usage_is_one_sentence_and_exit_2(
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    result = run_memo(runner, monkeypatch, *args, "--output", str(tmp_path / "m"))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert listing(tmp_path) == []


def test_a_non_empty_folder_is_refused_unless_forced(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "m"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_memo(runner, monkeypatch, "--format", "md", "--output", str(out))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --output {out}: the folder exists and is not empty; "
        "choose another folder or add --force to replace it\n"
    )
    assert listing(out) == ["notes.txt"]
    result = run_memo(runner, monkeypatch, "--format", "md", "--force", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "notes.txt" not in listing(out) and "memo.md" in listing(out)
    assert listing(tmp_path) == ["m"]  # no temporary folder left beside it
    (tmp_path / "empty").mkdir()
    assert (
        run_memo(
            runner, monkeypatch, "--format", "md", "--output", str(tmp_path / "empty")
        ).exit_code
        == 0
    )


def test_force_never_replaces_a_folder_holding_an_input(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    sc = tmp_path / "mine.yaml"
    sc.write_text("days: 5\noutages: []\n", encoding="utf-8")
    result = run_memo(
        runner, monkeypatch, "--scenario", str(sc), "--force", "--output", str(tmp_path)
    )
    assert result.exit_code == 2
    assert "it holds an input file" in result.stderr and "mine.yaml" in result.stderr
    assert listing(tmp_path) == ["mine.yaml"]


@pytest.mark.parametrize("where", ["file", "missing-parent", "under-a-file"])
def test_an_unwritable_folder_is_one_sentence_and_exit_2(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    out = {"file": blocker, "missing-parent": tmp_path / "no" / "m", "under-a-file": blocker / "m"}[
        where
    ]
    result = run_memo(runner, monkeypatch, "--format", "md", "--output", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: --output {out}: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert listing(tmp_path) == ["blocker"]


def test_a_bad_scenario_file_is_bad_data(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    sc = tmp_path / "bad.yaml"
    sc.write_text(
        "days: 10\noutages:\n  - {target: nowhere, share_lost: 0.5, start_day: 0, "
        "duration_days: 1}\n",
        encoding="utf-8",
    )
    result = run_memo(runner, monkeypatch, "--scenario", str(sc), "--output", str(tmp_path / "m"))
    assert result.exit_code == 1
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr
    assert listing(tmp_path) == ["bad.yaml"]


def test_a_failure_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from routes import io as rio

    def boom(self: Path, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", boom)
    with pytest.raises(rio.UsageError, match="cannot write the folder"):
        rio.write_folder(tmp_path / "m", {"a.txt": b"a", "sub/b.txt": b"b"})
    assert listing(tmp_path) == []


def test_write_folder_refuses_a_non_empty_folder_itself(tmp_path: Path) -> None:
    from routes import io as rio

    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "x").write_text("x", encoding="utf-8")
    with pytest.raises(rio.UsageError, match="the folder exists and is not empty"):
        rio.write_folder(tmp_path / "m", {"a.txt": b"a"})
    rio.write_folder(tmp_path / "m", {"a.txt": b"a", "sub/b.txt": b"b"}, replace=True)
    assert listing(tmp_path / "m") == ["a.txt", "sub"]
    assert (tmp_path / "m" / "sub" / "b.txt").read_bytes() == b"b"


def test_forcing_keeps_the_old_folder_when_the_new_one_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from routes import io as rio

    out = tmp_path / "m"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    monkeypatch.setattr(
        Path, "write_bytes", lambda self, data: (_ for _ in ()).throw(OSError(13, "denied"))
    )
    with pytest.raises(rio.UsageError):
        rio.write_folder(out, {"new.txt": b"new"}, replace=True)
    assert listing(tmp_path) == ["m"] and listing(out) == ["old.txt"]


# --- In a browser ---------------------------------------------------------------------------


@pytest.mark.browser
def test_the_html_renders_offline_in_chromium(
    browser: Any,  # noqa: F811
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "m"
    result = run_memo(
        runner,
        monkeypatch,
        "--data",
        str(xss_folder(tmp_path)),
        "--format",
        "html",
        "--scenario",
        "cpc-closed-30d",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    outside: list[str] = []
    dialogs: list[str] = []
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})

        def gate(route: Any) -> None:
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", gate)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto((out / "memo.html").as_uri())
        page.wait_for_load_state("load")
        widths = page.eval_on_selector_all("figure img", "els => els.map(e => e.naturalWidth)")
        assert len(widths) == 4 and all(w > 300 for w in widths)
        assert page.locator("#findings li").count() >= 5
        assert page.locator("table").count() == 3
        assert page.get_by_text(XSS, exact=False).count() > 0
        # Nothing spills sideways on a phone but the tables, which scroll in their box.
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        page.screenshot(path=str(tmp_path / f"memo-{width}.png"), full_page=True)
        page.close()
    assert outside == [] and dialogs == []


def test_charts_draw_each_route_in_its_map_colour() -> None:
    """The memo's charts use the colours the map gives the routes, not a palette of their own."""
    import io as _io

    import matplotlib.image as mpimg

    from routes import figures

    band = figures.BandBar(0.0, 10.0, (500.0,), 0.0)
    png = figures.scenario_chart(
        [band],
        band,
        ["CPC"],
        title="t",
        flow_label="kb/d",
        day_label="day",
        shortfall_label="short",
        baseline_label="usual",
        colours=["#00ff00"],
    )["png"]
    pixels = mpimg.imread(_io.BytesIO(png))[..., :3]
    green = (pixels[..., 1] > 0.95) & (pixels[..., 0] < 0.05) & (pixels[..., 2] < 0.05)
    assert green.sum() > 1000
    point = figures.RoutePoint("CPC", 50.0, 100.0, False, None, "operating", "#00ff00")
    png = figures.capacity_risk_chart([point], title="t", capacity_label="kb/d", risk_label="risk")[
        "png"
    ]
    pixels = mpimg.imread(_io.BytesIO(png))[..., :3]
    assert ((pixels[..., 1] > 0.95) & (pixels[..., 0] < 0.05) & (pixels[..., 2] < 0.05)).sum() > 20


def test_charts_for_hands_every_chart_the_routes_map_colours(
    net: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked for two routes out of order, each still gets the colour it has on every map (its
    place among all the network's routes), in the scatter and in each scenario's chart."""
    import routes as api
    from routes import figures, style

    drawn: dict[str, Any] = {}

    def spy(name: str) -> Any:
        def draw(*args: Any, **kwargs: Any) -> dict[str, bytes]:
            drawn[name] = (args, kwargs)
            return {"png": b"", "svg": b""}

        return draw

    for name in ("capacity_risk_chart", "risk_factor_chart", "scenario_chart"):
        monkeypatch.setattr(figures, name, spy(name))
    compare = api.compare(net, ["trans-caspian", "cpc"]).document
    scenario = api.scenario(net, "cpc-closed-30d").document
    inputs = memo.Inputs(compare, (scenario,), "t", DATE, "routes memo", {}, frozenset(), {})
    memo.charts_for(net, inputs, {"png": b""})
    colours = style.route_colours(list(net.routes))
    points = drawn["capacity_risk_chart"][0][0]
    assert [p.colour for p in points] == [colours["trans-caspian"], colours["cpc"]]
    days = (scenario["baseline"], *scenario["bands"])
    flowing = [
        r
        for r in scenario["baseline"]["flow_kbd_by_route"]
        if any(d["flow_kbd_by_route"].get(r) for d in days)
    ]
    assert len(flowing) >= 3
    assert drawn["scenario_chart"][1]["colours"] == [colours[r] for r in flowing]


def test_known_gaps_keep_an_ids_case(results: dict[str, Any]) -> None:
    """A gap follows its route's name and a colon as written: 'btc is drawn', not 'Btc'."""
    gaps = [g["gap"] for g in results["known_gaps"]]
    assert any(gap.startswith("btc is drawn 1,687 km") for gap in gaps), gaps
    assert not any(gap.startswith(("Btc ", "Cpc-")) for gap in gaps), gaps
