"""The risk score: factors, weights profiles, invariants and ranking stability."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routes.errors import DataError, UsageError
from routes.metrics import all_route_metrics
from routes.network import Event, Network
from routes.risk import (
    FACTORS,
    Factor,
    Parameters,
    Profile,
    Risk,
    daily_loss,
    load_profile,
    ranking_stability,
    route_risk,
)


@pytest.fixture(scope="module")
def scored(net: Network):  # type: ignore[no-untyped-def]
    profile = load_profile()
    metrics = {m.id: m for m in all_route_metrics(net)}
    return {rid: route_risk(net, m, profile) for rid, m in metrics.items()}


def factor(risk, name: str):  # type: ignore[no-untyped-def]
    return next(f for f in risk.factors if f.name == name)


def test_default_profile_weights_sum_to_one() -> None:
    profile = load_profile()
    assert set(profile.weights) == set(FACTORS)
    assert sum(profile.weights.values()) == pytest.approx(1.0)


def test_contributions_sum_to_the_score(scored) -> None:  # type: ignore[no-untyped-def]
    for risk in scored.values():
        assert sum(f.contribution for f in risk.factors) == pytest.approx(risk.score)
        assert 0 <= risk.score <= 100
        for f in risk.factors:
            assert 0 <= f.value <= 1
            assert f.contribution == pytest.approx(100 * f.weight * f.value)


def test_cpc_history_and_chokepoints_exceed_trans_caspian(scored) -> None:  # type: ignore[no-untyped-def]
    cpc, tc = scored["cpc"], scored["trans-caspian"]
    assert factor(cpc, "disruption_history").value > factor(tc, "disruption_history").value
    assert factor(cpc, "chokepoints").value > factor(tc, "chokepoints").value
    assert factor(cpc, "sanctions").value == 1.0
    assert factor(tc, "sanctions").value == 0.0
    assert cpc.score > tc.score


def test_chokepoints_combine_as_a_union(scored) -> None:  # type: ignore[no-untyped-def]
    p = load_profile().parameters.chokepoint_exposure
    assert factor(scored["cpc"], "chokepoints").value == pytest.approx(1 - (1 - p) ** 2)


def test_ranking_is_stable_or_reports_the_swaps(net: Network) -> None:
    profile = load_profile()
    metrics = all_route_metrics(net)
    swaps = ranking_stability(net, metrics, profile)
    # With only the transit-political factor weighted, two near-equal routes must be able to swap.
    flat = Profile(
        profile.name,
        profile.version,
        {f: (1.0 if f == "transit_political" else 0.0) for f in FACTORS},
        profile.parameters,
        profile.digest,
    )
    assert all(s.change in ("+25%", "-25%") for s in swaps)
    assert ranking_stability(net, metrics, flat) == []  # a single factor: order cannot change


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "weights.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "".join(f"  {f}: 1\n" for f in FACTORS)


def test_user_weights_are_normalised(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, "weights:\n" + GOOD))
    assert all(w == pytest.approx(1 / len(FACTORS)) for w in profile.weights.values())
    assert profile.parameters == load_profile().parameters


def test_bare_mapping_of_weights_is_accepted(tmp_path: Path) -> None:
    text = "".join(f"{f}: {i}\n" for i, f in enumerate(FACTORS, start=1))
    assert load_profile(write(tmp_path, text)).weights["weather"] == pytest.approx(6 / 21)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("weights: [1, 2\n", "malformed YAML"),
        ("- 1\n- 2\n", "the file holds no mapping"),
        (
            "weights:\n" + GOOD + "  sanction: 1\n",
            "unknown factor 'sanction' \\(did you mean 'sanctions'\\?\\); use transit_political",
        ),
        (
            "weights:\n" + GOOD.replace("sanctions: 1", "sanctions: -0.2"),
            "weight 'sanctions' is -0.2; give a number from 0 to 1000",
        ),
        (
            "weights:\n" + GOOD.replace("sanctions: 1", "sanctions: high"),
            "weight 'sanctions' is 'high'; give a number from 0 to 1000",
        ),
        (
            "weights:\n  sanctions: 1.0e+400\n",
            "weight 'sanctions' is infinity; give a number from 0",
        ),
        (
            "weights:\n" + GOOD + "parameters:\n  chokepoint_exposure: 3\n",
            "parameter 'chokepoint_exposure' is 3; give a number from 0 to 1",
        ),
        (
            "parameters:\n  open_event_days: 0\n",
            "parameter 'open_event_days' is 0; give a number above 0 and at most 3650",
        ),
        (
            "parameters:\n  window_start: 2025-01-01\n  window_end: 2022-12-31\n",
            r"the window ends \(2022-12-31\) before it starts \(2025-01-01\); swap",
        ),
        (
            "parameters:\n  window_end: 2022-02-30\n",
            r"parameter 'window_end' is '2022-02-30', a day the calendar does not have \(February "
            r"2022 has 28 days\); give a real date",
        ),
        (
            "parameters:\n  chokepoint_exposur: 0.2\n",
            "parameter 'chokepoint_exposur' is unknown \\(did you mean 'chokepoint_exposure'\\?\\)",
        ),
        (
            "weight:\n  sanctions: 1\n",
            "'weight' is not a key of a risk profile \\(did you mean 'weights'\\?\\)",
        ),
        ("weights:\n" + GOOD.replace(": 1", ": 0"), "all weights are zero"),
        ("weights:\n  sanctions: .nan\n", "weight 'sanctions' is NaN; give a number from 0"),
        ("weights:\n  sanctions: .inf\n", "weight 'sanctions' is infinity; give a number"),
        (
            "parameters:\n  chokepoint_exposure: .nan\n",
            "parameter 'chokepoint_exposure' is NaN; give a number from 0 to 1",
        ),
        (
            "parameters:\n  open_event_days: .inf\n",
            "parameter 'open_event_days' is infinity; give a number above 0",
        ),
    ],
)
def test_bad_weights_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        load_profile(write(tmp_path, text))


@pytest.mark.parametrize(
    ("labels", "name", "version"),
    [
        ("", "weights", ""),
        ("name: null\nversion: null\n", "weights", ""),
        ("schema: routes.risk-profile/1\nname: Mine\nversion: 3\n", "Mine", "3"),
        ("name: Mine\nversion: '1.10'\ndescription: Shipping first\n", "Mine", "1.10"),
    ],
)
def test_a_profile_is_labelled_in_its_own_words(
    tmp_path: Path, labels: str, name: str, version: str
) -> None:
    """Output prints the name and version as written (never 'None', never 1.1 for 1.10)."""
    profile = load_profile(write(tmp_path, labels + "weights:\n  chokepoints: 1\n"))
    assert (profile.name, profile.version) == (name, version)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("name: [a]\n", r"'name' is \['a'\], not text; write it as quoted text$"),
        ("description: 5\n", r"'description' is 5, not text"),
        ("version: true\n", r"'version' is true; write it in quotes"),
        (
            "schema: routes.risk-profile/2\n",
            r"'schema' is 'routes.risk-profile/2', a layout this "
            r"version of routes does not read; write "
            r"routes.risk-profile/1",
        ),
    ],
)
def test_bad_profile_labels(tmp_path: Path, labels: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        load_profile(write(tmp_path, labels + "weights:\n  chokepoints: 1\n"))


def test_a_file_may_give_only_some_factors(tmp_path: Path) -> None:
    """The factors it leaves out keep the default's raw weight; all are then normalised."""
    default = load_profile()
    mine = load_profile(write(tmp_path, "weights:\n  chokepoints: 0.45\n"))
    # default raw weights sum to 1.0; chokepoints 0.15 -> 0.45 makes the total 1.3
    assert mine.weights["chokepoints"] == pytest.approx(0.45 / 1.3)
    assert mine.weights["sanctions"] == pytest.approx(default.weights["sanctions"] / 1.3)
    assert sum(mine.weights.values()) == pytest.approx(1.0)
    assert mine.parameters == default.parameters


def test_missing_weights_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"--weights .*nope\.yaml: no such file"):
        load_profile(tmp_path / "nope.yaml")


weights = st.lists(st.floats(0.0, 10.0), min_size=len(FACTORS), max_size=len(FACTORS)).filter(
    lambda ws: sum(ws) > 1e-6
)


@settings(max_examples=40, deadline=None)
@given(ws=weights, which=st.sampled_from(FACTORS), factor_up=st.floats(1.0, 5.0))
def test_score_in_range_and_weight_raises_contribution(
    net: Network, ws: list[float], which: str, factor_up: float
) -> None:
    base = load_profile()
    total = sum(ws)
    profile = Profile(
        "p", "1", {f: w / total for f, w in zip(FACTORS, ws, strict=True)}, base.parameters, "x"
    )
    raised = profile.with_weight(which, factor_up)
    for m in all_route_metrics(net, ["cpc", "trans-caspian"]):
        before, after = route_risk(net, m, profile), route_risk(net, m, raised)
        assert 0.0 <= before.score <= 100.0 + 1e-9
        assert factor(after, which).contribution >= factor(before, which).contribution - 1e-9


def test_an_operating_parallel_branch_bypasses_its_own_nodes_only(net: Network) -> None:
    from dataclasses import replace

    kuryk = replace(net.segments["kuryk-sangachal"], status="operating")
    port = replace(net.nodes["kuryk"], status="operating")
    both = replace(
        net, segments={**net.segments, "kuryk-sangachal": kuryk}, nodes={**net.nodes, "kuryk": port}
    )
    (m,) = all_route_metrics(both, ["trans-caspian"])
    spof = factor(route_risk(both, m, load_profile()), "single_points_of_failure")
    # Aktau has Kuryk beside it; Sangachal, where both branches meet, and Ceyhan do not.
    assert spof.explanation == "2 facilities with no operating bypass: sangachal, ceyhan"
    (before,) = all_route_metrics(net, ["trans-caspian"])
    assert (
        "aktau"
        in factor(route_risk(net, before, load_profile()), "single_points_of_failure").explanation
    )
    assert m.capacity_kbd is not None and before.capacity_kbd is not None
    assert m.capacity_kbd > before.capacity_kbd  # Kuryk's 5.5 Mt/yr now adds up


def _event(
    ident: str,
    target: str,
    start: str,
    end: str | None,
    share: float | None,
    category: str = "security",
    hours: float | None = None,
):  # type: ignore[no-untyped-def]
    import datetime as dt

    from routes.network import Event

    return Event(
        ident,
        target,
        dt.date.fromisoformat(start),
        None if end is None else dt.date.fromisoformat(end),
        share,
        "x",
        category,
        ("s",),
        hours=hours,
    )


def test_overlapping_events_on_one_asset_never_lose_more_than_all_of_it() -> None:
    import datetime as dt

    from routes.risk import daily_loss

    p = load_profile().parameters
    day = dt.date(2024, 3, 2)
    two_moorings = [
        _event("a", "t", "2024-03-01", "2024-03-02", 1 / 3),
        _event("b", "t", "2024-03-02", "2024-03-03", 1 / 3),
    ]
    assert daily_loss(two_moorings, p)[day] == pytest.approx(2 / 3)
    storm_on_top = [
        _event("a", "t", "2024-03-01", "2024-03-02", 0.5),
        _event("b", "t", "2024-03-02", "2024-03-02", 1.0),
    ]
    assert daily_loss(storm_on_top, p)[day] == 1.0
    # Assets in series: the worst-hit one sets the route's day.
    assert (
        daily_loss(
            [
                _event("a", "t", "2024-03-02", "2024-03-02", 0.3),
                _event("b", "u", "2024-03-02", "2024-03-02", 0.6),
            ],
            p,
        )[day]
        == 0.6
    )
    # Planned stops are left out; a nine-hour closure is 9/24 of a day.
    assert daily_loss([_event("m", "t", "2024-03-02", "2024-03-02", 1.0, "planned")], p) == {}
    assert daily_loss([_event("f", "t", "2024-03-02", "2024-03-02", 1.0, "weather", hours=9)], p)[
        day
    ] == pytest.approx(9 / 24)
    # An unreported share counts as the profile's unknown_share_lost.
    assert daily_loss([_event("u", "t", "2024-03-02", "2024-03-02", None)], p)[
        day
    ] == pytest.approx(p.unknown_share_lost)


def test_the_packaged_log_loses_at_most_the_whole_terminal_on_30_december_2025(
    net: Network,
) -> None:
    import datetime as dt

    from routes.risk import daily_loss

    p = load_profile().parameters
    both = [
        net.events["cpc-2025-11-spm3-repair"],
        net.events["cpc-2025-11-spm2"],
        net.events["cpc-2025-12-storm"],
    ]
    loss = daily_loss(both, p)
    assert loss[dt.date(2025, 12, 30)] == 1.0  # a third plus the whole: capped at the whole
    assert loss[dt.date(2025, 12, 29)] == pytest.approx(1 / 3)  # the planned repair not scored


def test_disruption_history_leaves_planned_stops_out_and_names_its_inputs(scored) -> None:  # type: ignore[no-untyped-def]
    history = factor(scored["cpc"], "disruption_history")
    counted = {i.label.split(":")[0] for i in history.inputs}
    assert "cpc-2022-03-storm" in counted and "cpc-2025-11-spm2" in counted
    assert not {"cpc-2024-04-maintenance", "cpc-2024-08-maintenance"} & counted
    assert "6 planned stops not counted" in history.explanation
    assert "rest on the unreported-share default of 0.5" in history.explanation
    # Baku–Supsa's closure from 2022 now counts against its route.
    assert factor(scored["baku-supsa"], "disruption_history").value > 0.0


def test_reweighting_gives_the_same_score_as_scoring_again(net: Network) -> None:
    from routes.risk import reweighted

    profile = load_profile()
    moved = profile.with_weight("weather", 1.25)
    for m in all_route_metrics(net):
        assert reweighted(route_risk(net, m, profile), moved).score == pytest.approx(
            route_risk(net, m, moved).score
        )


# Cases added after a mutation check found them unprotected.

P = Parameters(dt.date(2024, 1, 1), dt.date(2024, 12, 31), 0.3, 0.2, 0.5, 30, 2)


def _ev(
    start: str, end: str | None, share: float | None = 1.0, hours: float | None = None
) -> Event:
    return Event(
        "e",
        "t",
        dt.date.fromisoformat(start),
        None if end is None else dt.date.fromisoformat(end),
        share,
        "x",
        "security",
        ("s",),
        hours=hours,
    )


def test_an_open_event_counts_exactly_open_event_days() -> None:
    loss = daily_loss([_ev("2024-03-01", None)], P)
    assert len(loss) == 30 and max(loss) == dt.date(2024, 3, 30)


def test_hours_are_spread_over_the_event_days() -> None:
    loss = daily_loss([_ev("2024-03-01", "2024-03-02", hours=24)], P)
    assert loss == {dt.date(2024, 3, 1): 0.5, dt.date(2024, 3, 2): 0.5}


def test_the_last_day_of_the_window_counts() -> None:
    assert daily_loss([_ev("2024-12-31", "2025-01-02")], P) == {dt.date(2024, 12, 31): 1.0}


def test_a_lower_weight_can_swap_two_routes(net: Network) -> None:
    x, y = FACTORS[0], FACTORS[1]
    equal = Profile("t", "1", {f: 1 / len(FACTORS) for f in FACTORS}, P, "d")

    def risk(rid: str, values: dict[str, float]) -> Risk:
        fs = tuple(
            Factor(
                f,
                values.get(f, 0.0),
                equal.weights[f],
                100 * equal.weights[f] * values.get(f, 0.0),
                "",
            )
            for f in FACTORS
        )
        return Risk(rid, sum(f.contribution for f in fs), fs)

    risks = [risk("a", {x: 1.0}), risk("b", {y: 0.95})]
    swaps = ranking_stability(net, [], equal, risks=risks)
    assert {(s.factor, s.change) for s in swaps} == {(x, "-25%"), (y, "+25%")}


def test_weather_counts_only_storms_that_cost_capacity(net: Network) -> None:
    from dataclasses import replace

    (m,) = all_route_metrics(net, ["cpc"])
    weather = factor(route_risk(net, m, load_profile()), "weather")
    counted = {i.label.split(":")[0] for i in weather.inputs}
    assert "cpc-2022-07-storm" not in counted  # share 0: loading was not disrupted
    assert "cpc-2023-02-storm" in counted
    # Give the July 2022 storm a loss and it counts.
    storm = replace(net.events["cpc-2022-07-storm"], share_lost=0.2)
    hit = replace(net, events={**net.events, storm.id: storm})
    weather = factor(route_risk(hit, m, load_profile()), "weather")
    assert "cpc-2022-07-storm" in {i.label.split(":")[0] for i in weather.inputs}


def _stability_by_every_pair(
    profile: Profile, risks: list[Risk], step: float = 0.25
) -> list[tuple[str, str, tuple[str, str]]]:
    """The reference: score every route again under each moved profile and compare every
    pair of routes."""
    from routes.risk import ranking, reweighted

    base = ranking(risks)
    out = []
    for name in FACTORS:
        for sign in (1.0, -1.0):
            moved = profile.with_weight(name, 1.0 + sign * step)
            order = ranking([reweighted(r, moved) for r in risks])
            for i, a in enumerate(base):
                for b in base[i + 1 :]:
                    if order.index(a) > order.index(b):
                        out.append((name, f"{sign * step:+.0%}", (a, b)))
    return out


def _risk(rid: str, values: list[float], profile: Profile) -> Risk:
    fs = tuple(
        Factor(f, v, profile.weights[f], 100 * profile.weights[f] * v, "")
        for f, v in zip(FACTORS, values, strict=True)
    )
    return Risk(rid, sum(f.contribution for f in fs), fs)


def test_ranking_stability_lists_every_swapped_pair_in_order(net: Network) -> None:
    equal = Profile("t", "1", {f: 1 / len(FACTORS) for f in FACTORS}, P, "d")
    # a leads on the first factor alone; b and c on the second, d on nothing: moving the first
    # or second weight reorders a against b and c, never d (always last).
    risks = [
        _risk("a", [1.0, 0, 0, 0, 0, 0], equal),
        _risk("b", [0, 0.9, 0, 0, 0, 0], equal),
        _risk("c", [0, 0.95, 0, 0, 0, 0], equal),
        _risk("d", [0.1, 0, 0, 0, 0, 0], equal),
    ]
    swaps = ranking_stability(net, [], equal, risks=risks)
    assert [(s.factor, s.change, s.routes) for s in swaps] == [
        (FACTORS[0], "-25%", ("a", "c")),
        (FACTORS[0], "-25%", ("a", "b")),
        (FACTORS[1], "+25%", ("a", "c")),
        (FACTORS[1], "+25%", ("a", "b")),
    ]
    assert [(s.factor, s.change, s.routes) for s in swaps] == _stability_by_every_pair(equal, risks)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([0.0, 0.2, 0.5, 0.55, 0.6, 1.0]), min_size=6, max_size=6),
        min_size=2,
        max_size=9,
    ),
    st.lists(st.integers(1, 4), min_size=6, max_size=6),
)
def test_ranking_stability_equals_comparing_every_pair(
    values: list[list[float]], raw: list[int]
) -> None:
    profile = Profile(
        "t", "1", {f: w / sum(raw) for f, w in zip(FACTORS, raw, strict=True)}, P, "d"
    )
    risks = [_risk(f"r{i}", v, profile) for i, v in enumerate(values)]
    swaps = ranking_stability(None, [], profile, risks=risks)  # type: ignore[arg-type]
    assert [(s.factor, s.change, s.routes) for s in swaps] == _stability_by_every_pair(
        profile, risks
    )


# Cases added by the mutation check of issue 9's profile reading.


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "parameters:\n  window_start: 20240101\n",
            r"^[^:]*weights\.yaml: parameter 'window_start' is 20240101, not a date of the "
            r"calendar; write it as YYYY-MM-DD$",
        ),
        (
            "parameters:\n  window_start: 2024-W01-1\n",
            r"parameter 'window_start' is '2024-W01-1', not a date of the calendar",
        ),
        (
            "parameters:\n  window_end: 2101-01-01\n",
            r"parameter 'window_end' is 2101-01-01; give a date from 1900 to 2100$",
        ),
        # A factor beside a profile's own key: not a bare mapping of weights.
        ("name: Mine\nchokepoints: 1\n", r"'chokepoints' is not a key of a risk profile; use"),
    ],
)
def test_a_profile_date_or_key_of_another_form_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(DataError, match=message):
        load_profile(write(tmp_path, text))


@pytest.mark.parametrize(
    ("start", "end"), [("2024-01-01", "2024-01-01"), ("1900-01-01", "2100-12-31")]
)
def test_a_window_of_one_day_or_of_the_whole_span_is_accepted(
    tmp_path: Path, start: str, end: str
) -> None:
    text = f"parameters:\n  window_start: {start}\n  window_end: {end}\n"
    p = load_profile(write(tmp_path, text)).parameters
    assert (p.window_start, p.window_end) == (
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
    )
