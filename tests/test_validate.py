"""Loading and validation on a tiny hand-built network."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from routes.errors import DataError, UsageError
from routes.io import RawRecord, packaged_data_dir, read_data_dirs, write_atomic
from routes.validate import Checker, homepage_or_malformed, network_from_raw
from tests.conftest import feature, write_tiny


def load_tiny(folder: Path):  # type: ignore[no-untyped-def]
    return network_from_raw(read_data_dirs([folder]))


def test_tiny_network_loads(tiny_dir: Path) -> None:
    net = load_tiny(tiny_dir)
    assert set(net.segments) == {"ab", "bc"}
    assert net.nodes["a"].country == "AAA"
    assert net.nodes["b"].country == "BBB"
    assert net.routes["r"].primary_segments() == ("ab", "bc")
    assert net.data_version and len(net.data_version) == 12


def test_data_version_changes_with_the_data(tmp_path: Path) -> None:
    one = load_tiny(write_tiny(tmp_path / "one")).data_version
    two_dir = write_tiny(tmp_path / "two")
    same = load_tiny(two_dir).data_version
    (two_dir / "events.yaml").write_text("[]\n", encoding="utf-8")
    assert one == same != load_tiny(two_dir).data_version


def test_later_folder_replaces_by_id(tmp_path: Path) -> None:
    base = write_tiny(tmp_path / "base")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "sources.yaml").write_text(
        "- id: s1\n  title: Replaced\n  publisher: P\n  date: 2024-01-01\n", encoding="utf-8"
    )
    net = network_from_raw(read_data_dirs([base, extra]))
    assert net.sources["s1"].title == "Replaced"


def test_parallel_branches_must_rejoin(tmp_path: Path) -> None:
    base = write_tiny(tmp_path / "base")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "nodes.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    feature(
                        {"id": "d", "name": "D", "kind": "junction", "sources": ["s1"]},
                        "Point",
                        [3.0, 1.5],
                    )
                ],
            }
        ),
        encoding="utf-8",
    )
    (extra / "segments.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    feature(
                        {
                            "id": "ad",
                            "name": "A-D",
                            "mode": "pipeline",
                            "from": "a",
                            "to": "d",
                            "status": "operating",
                            "sources": ["s1"],
                            "capacity": {"value": None, "unit": "kb/d", "note": "unknown"},
                        },
                        "LineString",
                        [[0.5, 0.5], [3.0, 1.5]],
                    )
                ],
            }
        ),
        encoding="utf-8",
    )
    (extra / "routes.yaml").write_text(
        yaml.safe_dump(
            [
                {
                    "id": "r",
                    "name": "R",
                    "origin": "a",
                    "destination": "c",
                    "segments": [{"parallel": [["ab"], ["ad"]]}, "bc"],
                }
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        DataError,
        match="parallel branches in stage 1 that end at different "
        r"nodes \(b, d\)",
    ):
        network_from_raw(read_data_dirs([base, extra]))


@pytest.mark.parametrize(
    ("segments", "message"),
    [
        ([{"parallel": [["ab"], ["ab"]]}, "bc"], "'segments[0]' lists the same branch twice"),
        (
            ["ab", "bc", "ab"],
            "lists the segment 'ab' twice, so its length, cost and time would count twice",
        ),
    ],
)
def test_a_route_lists_each_segment_once(tmp_path: Path, segments: list[Any], message: str) -> None:
    routes = [{"id": "r", "name": "R", "origin": "a", "destination": "c", "segments": segments}]
    with pytest.raises(DataError, match=re.escape(message)):
        load_tiny(write_tiny(tmp_path / "t", routes=routes))


def test_null_share_needs_a_note(tmp_path: Path) -> None:
    events = [
        {
            "id": "e1",
            "target": "ab",
            "start": "2024-01-01",
            "end": "2024-01-02",
            "share_lost": None,
            "category": "technical",
            "cause": "x",
            "sources": ["s1"],
        }
    ]
    with pytest.raises(DataError, match="'share_lost' is null without a note"):
        load_tiny(write_tiny(tmp_path / "t", events=events))


def test_every_problem_is_reported(tmp_path: Path) -> None:
    events = [
        {
            "id": "e1",
            "target": "zz",
            "start": "2024-13-01",
            "share_lost": 2,
            "category": "aliens",
            "cause": "x",
            "sources": ["s1"],
        }
    ]
    with pytest.raises(DataError) as info:
        load_tiny(write_tiny(tmp_path / "t", events=events))
    assert len(info.value.problems) >= 3
    assert str(info.value).startswith(f"{len(info.value.problems)} problems in the data, first:")


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        (12, True),
        (12.5, True),
        ("12", False),
        (True, False),
        (float("nan"), False),
        (None, False),
    ],
)
def test_numbers_accepted_and_rejected(raw: object, ok: bool) -> None:
    chk = Checker()
    value = chk.number(RawRecord("f.yaml", 0, {"id": "x"}), "v", raw)
    assert (value is not None) == ok
    assert bool(chk.problems) != ok


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert os.listdir(tmp_path) == ["out.json"]


def test_write_atomic_into_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist; create it or choose another path"):
        write_atomic(tmp_path / "nope" / "out.json", "x")


def test_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.json"]


# Cases added after a mutation check found them unprotected.


def _problems(tmp_path: Path, layer: str, edit: Any) -> str:
    """Load the tiny network after `edit` changed one layer; the problems found, joined."""
    folder = write_tiny(tmp_path / "t")
    if layer.endswith(".geojson"):
        path = folder / layer
        doc = json.loads(path.read_text(encoding="utf-8"))
        edit({f["properties"].get("id"): f["properties"] for f in doc["features"]})
        path.write_text(json.dumps(doc), encoding="utf-8")
    else:
        path = folder / layer
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
    try:
        load_tiny(folder)
    except DataError as e:
        return "\n".join(e.problems)
    return ""


def _tp(year: int, shippers: str) -> dict[str, Any]:
    return {"year": year, "shippers": shippers, "value": 7.0, "unit": "Mt/yr", "sources": ["s1"]}


def test_throughput_shippers_must_be_a_known_group(tmp_path: Path) -> None:
    out = _problems(
        tmp_path, "segments.geojson", lambda p: p["ab"].update(throughput=[_tp(2024, "everyone")])
    )
    assert "'throughput[0].shippers' is 'everyone'" in out


def test_one_figure_a_year_for_each_group(tmp_path: Path) -> None:
    out = _problems(
        tmp_path,
        "segments.geojson",
        lambda p: p["ab"].update(throughput=[_tp(2024, "all"), _tp(2024, "all")]),
    )
    assert "repeats year 2024 for 'all'" in out


def test_only_a_tanker_leg_may_be_unlimited(tmp_path: Path) -> None:
    out = _problems(
        tmp_path,
        "segments.geojson",
        lambda p: p["ab"].update(mode="rail", capacity={"unlimited": True, "note": "no limit"}),
    )
    assert "'capacity.unlimited' is true for a rail leg" in out


def test_an_unlimited_leg_needs_a_non_empty_note(tmp_path: Path) -> None:
    out = _problems(
        tmp_path,
        "segments.geojson",
        lambda p: p["bc"].update(capacity={"unlimited": True, "note": ""}),
    )
    assert "'capacity.note' is missing for an unlimited leg" in out


def test_source_urls_must_name_a_document() -> None:
    assert (
        homepage_or_malformed("https:///report.pdf")
        == "not a web address (it must start with https:// or http://)"
    )
    assert homepage_or_malformed("https://example.org") == "a site's homepage"
    assert (
        homepage_or_malformed("https://example.org/a\tb")
        == "not a single web address (it holds a space)"
    )


def test_a_source_without_a_url_needs_publisher_and_date(tmp_path: Path) -> None:
    out = _problems(
        tmp_path, "sources.yaml", lambda d: d[0].update(url=None, publisher="Publisher")
    )
    assert "'url' is null and the publisher or date is missing" in out


def test_hours_may_fill_the_whole_span(tmp_path: Path) -> None:
    # e1 runs 2024-01-01 to 2024-01-10: ten days, 240 hours.
    assert _problems(tmp_path, "events.yaml", lambda d: d[0].update(hours=240)) == ""


def test_hours_need_an_end_date(tmp_path: Path) -> None:
    out = _problems(
        tmp_path, "events.yaml", lambda d: d[0].update(end=None, hours=5, note="still closed")
    )
    assert "'hours' is 5" in out


def test_a_node_crude_must_exist(tmp_path: Path) -> None:
    out = _problems(tmp_path, "nodes.geojson", lambda p: p["b"].update(crude="heavy"))
    assert "'crude' names the unknown crude 'heavy'" in out


def test_a_cost_over_two_crudes_is_split(tmp_path: Path) -> None:
    folder = write_tiny(tmp_path / "t")
    crudes = yaml.safe_load((folder / "crudes.yaml").read_text(encoding="utf-8"))
    crudes.append({**crudes[0], "id": "heavy", "name": "Heavy"})
    (folder / "crudes.yaml").write_text(yaml.safe_dump(crudes), encoding="utf-8")
    segs = json.loads((folder / "segments.geojson").read_text(encoding="utf-8"))
    segs["features"][1]["properties"]["crude"] = "heavy"
    (folder / "segments.geojson").write_text(json.dumps(segs), encoding="utf-8")
    costs = yaml.safe_load((folder / "costs.yaml").read_text(encoding="utf-8"))
    costs[0]["segments"] = ["ab", "bc"]
    (folder / "costs.yaml").write_text(yaml.safe_dump(costs), encoding="utf-8")
    with pytest.raises(DataError, match="covers segments that carry different crudes"):
        load_tiny(folder)


def test_unit_ids_are_unique_across_nodes(tmp_path: Path) -> None:
    unit = {
        "id": "m1",
        "name": "M1",
        "status": "operating",
        "sources": ["s1"],
        "capacity": {"value": 100, "unit": "kb/d", "as_of": 2024, "sources": ["s1"]},
    }

    def edit(p: dict[str, Any]) -> None:
        p["a"]["units"] = [unit]
        p["b"]["units"] = [unit]

    assert "which another unit, node or segment also uses" in _problems(
        tmp_path, "nodes.geojson", edit
    )


@pytest.mark.parametrize(
    ("turn_deg", "leg_km", "spike"),
    [
        (150.0, 100.0, False),  # a sharp bend, not a way back
        (165.0, 100.0, True),
        (179.0, 100.0, True),
        (179.0, 4.0, False),  # a kink of a few km, within what drawings show
    ],
)
def test_a_line_that_turns_back_is_refused(turn_deg: float, leg_km: float, spike: bool) -> None:
    """A vertex where the line turns by more than 160 degrees, both legs longer than 5 km, runs
    back along itself (whether or not the two legs touch)."""
    import math

    from shapely.geometry import LineString

    from routes.validate import _turns_back

    lon, lat = 51.0, 48.0
    kx, ky = 111.32 * math.cos(math.radians(lat + leg_km / 111.32)), 111.32
    heading = math.radians(turn_deg)  # measured from the first leg's direction, due north
    b = (lon, lat + leg_km / ky)
    c = (b[0] + leg_km * math.sin(heading) / kx, b[1] + leg_km * math.cos(heading) / ky)
    assert (_turns_back(LineString([(lon, lat), b, c])) == 1) is spike


#: A user's own BTC tariff, replacing the packaged entry of that id whole.
MY_BTC_TARIFF: dict[str, Any] = {
    "id": "btc-tariff",
    "kind": "tariff",
    "segments": ["btc"],
    "value": 30,
    "unit": "USD/t",
    "sources": ["bp-btc"],
}


def _user_layer(tmp_path: Path, name: str, entries: list[dict[str, Any]]) -> Path:
    """The folder `mine` (made on first use) with one data file of `entries`: a GeoJSON
    FeatureCollection for a .geojson name, a YAML list otherwise."""
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    text = (
        json.dumps({"type": "FeatureCollection", "features": entries})
        if name.endswith(".geojson")
        else yaml.safe_dump(entries)
    )
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_an_override_says_what_it_replaced(tmp_path: Path) -> None:
    from routes.validate import load_network

    mine = _user_layer(
        tmp_path,
        "costs.yaml",
        [
            {
                "id": "btc-tariff",
                "kind": "tariff",
                "segments": ["btc"],
                "value": 30,
                "unit": "USD/t",
                "as_of": 2025,
                "sources": ["bp-btc"],
                "note": "my estimate",
            }
        ],
    )
    net = load_network(mine)
    (o,) = net.overrides
    assert (o.layer, o.id, o.replaced_file) == ("costs", "btc-tariff", "geodata/costs.yaml")
    changes = {field: (old, new) for field, old, new in o.changes}
    assert changes["value"] == ("24.0", "30")
    assert changes["as_of"] == ("null", "2025")
    assert "kind" not in changes and "segments" not in changes
    assert net.costs["btc-tariff"].figure.value == 30.0


def test_an_added_entry_is_marked_as_added(tmp_path: Path) -> None:
    from routes.validate import load_network

    mine = _user_layer(
        tmp_path,
        "costs.yaml",
        [
            {
                "id": "my-port-fee",
                "kind": "port",
                "segments": ["btc"],
                "value": 1,
                "unit": "USD/t",
                "sources": ["bp-btc"],
            }
        ],
    )
    (o,) = load_network([str(mine)]).overrides
    assert (o.id, o.replaced_file, o.changes) == ("my-port-fee", None, ())


def test_a_second_item_of_one_kind_on_a_segment_is_refused(tmp_path: Path) -> None:
    from routes.validate import load_network

    mine = _user_layer(
        tmp_path,
        "costs.yaml",
        [
            {
                "id": "btc-tariff-2025",
                "kind": "tariff",
                "segments": ["btc"],
                "value": 30,
                "unit": "USD/t",
                "sources": ["bp-btc"],
            }
        ],
    )
    with pytest.raises(
        DataError,
        match=re.escape(
            "field 'segments' covers 'btc', which the tariff 'btc-tariff' of costs.yaml covers "
            "too, so a route would pay both; give this entry the id 'btc-tariff' to replace "
            "it"
        ),
    ):
        load_network(mine)


def test_a_partial_override_is_one_message_that_says_how(tmp_path: Path) -> None:
    from routes.validate import load_network

    mine = _user_layer(tmp_path, "costs.yaml", [{"id": "btc-tariff", "value": 30}])
    with pytest.raises(DataError) as err:
        load_network(mine)
    assert err.value.problems == (
        f"{mine.relative_to(Path.cwd()) if mine.is_relative_to(Path.cwd()) else mine}"
        "/costs.yaml: feature 'btc-tariff' field 'kind' is missing: an entry replaces the one "
        "of geodata/costs.yaml with the same id whole, and this one lacks kind, segments, unit; "
        "copy that entry into your file and change only what you need (`routes data-path` "
        "prints where the packaged data lives)",
    )


def test_overrides_reach_the_comparison(runner: Any, tmp_path: Path) -> None:
    from routes.cli import app

    mine = _user_layer(tmp_path, "costs.yaml", [MY_BTC_TARIFF])
    doc = json.loads(
        runner.invoke(app, ["compare", "--data", str(mine), "--format", "json"]).stdout
    )
    by_id = {r["id"]: r for r in doc["routes"]}
    assert [o["id"] for o in by_id["trans-caspian"]["overrides"]] == ["btc-tariff"]
    assert by_id["cpc"]["overrides"] == []  # the CPC does not use BTC
    assert doc["data_folders"] == ["geodata", str(mine)]
    table = runner.invoke(app, ["compare", "--data", str(mine)]).stdout
    assert "Your data: costs 'btc-tariff' from" in table and "value 24.0 → 30" in table


KAZ = {
    "iso3": "KAZ",
    "name": "Kazakhstan",
    "political_stability": {
        "value": -0.5,
        "unit": "WGI estimate",
        "as_of": 2023,
        "sources": ["wgi-2024"],
        "note": "2023 estimate (2024 update), scale -2.5 (weak) to 2.5 (strong).",
    },
    "sanctions_exposure": {
        "value": 0.0,
        "unit": "share",
        "as_of": 2025,
        "sources": ["lawivy-70891"],
        "note": "No sanctions on Kazakh-origin crude.",
        "assumption": True,
    },
}


def _stop(ident: str, target: str) -> dict[str, Any]:
    return {
        "id": ident,
        "target": target,
        "start": "2025-03-01",
        "end": "2025-03-02",
        "share_lost": 1.0,
        "cause": "A test stop",
        "category": "technical",
        "sources": ["bp-btc"],
    }


def test_override_changes_name_nested_added_and_dropped_fields_and_a_new_drawing(
    tmp_path: Path,
) -> None:
    from routes.validate import load_network

    # The packaged entry copied, as data.md says to, then edited: a value, a flag, no note.
    packaged_costs = yaml.safe_load((packaged_data_dir() / "costs.yaml").read_text("utf-8"))
    tariff = next(c for c in packaged_costs if c["id"] == "btc-tariff")
    del tariff["note"]
    mine = _user_layer(tmp_path, "costs.yaml", [tariff | {"value": 30, "assumption": True}])
    (mine / "countries.yaml").write_text(yaml.safe_dump([KAZ]), encoding="utf-8")
    packaged = json.loads((packaged_data_dir() / "segments.geojson").read_text(encoding="utf-8"))
    leg = next(f for f in packaged["features"] if f["properties"]["id"] == "ceyhan-augusta")
    middle = len(leg["geometry"]["coordinates"]) // 2
    lon, lat = leg["geometry"]["coordinates"][middle]
    leg["geometry"]["coordinates"][middle] = [lon + 0.02, lat]
    (mine / "segments.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [leg]}), encoding="utf-8"
    )
    found = {(o.layer, o.id): o for o in load_network(mine).overrides}
    assert set(found) == {
        ("costs", "btc-tariff"),
        ("countries", "KAZ"),
        ("segments", "ceyhan-augusta"),
    }
    assert {f: (a, b) for f, a, b in found["costs", "btc-tariff"].changes} == {
        "value": ("24.0", "30"),
        "assumption": ("(none)", "true"),
        "note": ("'Tariff for Tengiz crude quoted against…", "(none)"),  # cut at 40
    }
    assert found["countries", "KAZ"].changes == (("political_stability.value", "-0.27", "-0.5"),)
    assert found["countries", "KAZ"].replaced_file == "geodata/countries.yaml"
    assert found["segments", "ceyhan-augusta"].changes == (
        ("geometry", "the earlier drawing", "a new drawing"),
    )


def test_a_routes_overrides_reach_its_countries_events_parallel_legs_and_generic_factor(
    runner: Any, tmp_path: Path
) -> None:
    from routes.cli import app

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "countries.yaml").write_text(yaml.safe_dump([KAZ]), encoding="utf-8")
    (mine / "events.yaml").write_text(
        yaml.safe_dump([_stop("my-btc-stop", "btc"), _stop("my-kuryk-stop", "kuryk-sangachal")]),
        encoding="utf-8",
    )
    (mine / "assumptions.yaml").write_text(
        yaml.safe_dump(
            [{"id": "bbl-per-t", "value": 7.4, "unit": "bbl/t", "reasoning": "My factor."}]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["compare", "cpc", "trans-caspian", "--data", str(mine), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    by_id = {
        r["id"]: {o["id"] for o in r["overrides"]} for r in json.loads(result.stdout)["routes"]
    }
    # trans-caspian's parallel branch runs tengiz-kuryk-rail + kuryk-sangachal.
    assert by_id["trans-caspian"] == {"KAZ", "my-btc-stop", "my-kuryk-stop", "bbl-per-t"}
    assert by_id["cpc"] == {"KAZ", "bbl-per-t"}
    table = runner.invoke(app, ["compare", "cpc", "trans-caspian", "--data", str(mine)]).stdout
    assert table.count("Your data: countries 'KAZ' from") == 1  # once, though both rest on it


def _depth_by_every_list(doc: Any) -> int:
    """The reference: visit every list and mapping (stopping past the limit)."""
    from routes.io import MAX_NESTING

    deepest, stack = 0, [(doc, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            if level > MAX_NESTING:
                return level
            stack.extend((c, level + 1) for c in item if isinstance(c, list | dict))
    return deepest


_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=3)
    | st.sampled_from(["1.5", "nan", "1e400", 10**400])
)
_NESTED = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=12)
        | st.dictionaries(st.text(max_size=2), inner, max_size=3)
        # one object many times over, as a YAML alias gives it
        | st.tuples(inner, st.integers(0, 12)).map(lambda t: [t[0]] * t[1])
    ),
    max_leaves=60,
)


@settings(max_examples=400, deadline=None)
@given(_NESTED)
def test_nesting_depth_is_that_of_every_list(doc: Any) -> None:
    from routes.io import MAX_NESTING, _depth

    assert _depth(doc) == min(_depth_by_every_list(doc), MAX_NESTING + 1)


@pytest.mark.parametrize("depth, refused", [(64, False), (65, True), (200, True)])
def test_a_file_nested_too_deep_is_refused(tmp_path: Path, depth: int, refused: bool) -> None:
    from routes.io import _depth

    deep: Any = [[0.5, 1.5]] * 8  # a ring of coordinates at the bottom
    for _ in range(depth - 4):  # the file's list and the entry's mapping make two more
        deep = [deep]
    doc = [{"id": "r", "segments": deep}]
    assert _depth(doc) == min(depth, 65)
    (tmp_path / "routes.yaml").write_text(json.dumps(doc), encoding="utf-8")
    if refused:
        with pytest.raises(DataError, match=r"routes\.yaml: nested more than 64 levels deep"):
            read_data_dirs([tmp_path])
    else:
        read_data_dirs([tmp_path])


def test_an_alias_bomb_is_measured_by_its_distinct_objects(tmp_path: Path) -> None:
    # Ten levels of nine aliases each: 9**10 values if expanded, a few hundred bytes of text.
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + b] * 9)}]\n"
        for b, c in zip("abcdefghi", "bcdefghij", strict=True)
    )
    flow = text.replace("\n", ", ")
    (tmp_path / "costs.yaml").write_text(f"- id: x\n  bomb: {{{flow}}}\n", encoding="utf-8")
    from routes.io import _depth

    assert _depth(yaml.safe_load(text)) == 11
    read_data_dirs([tmp_path])  # measured at once (the parse keeps the aliases shared)


def test_every_document_says_what_your_folder_replaced(runner: Any, tmp_path: Path) -> None:
    """show, scenario, critical and the memo carry the same override as compare."""
    from routes.cli import app

    mine = _user_layer(tmp_path, "costs.yaml", [MY_BTC_TARIFF])
    line = f"Your data: costs 'btc-tariff' from {mine}/costs.yaml replaces the entry in "
    show = json.loads(
        runner.invoke(
            app, ["show", "trans-caspian", "--data", str(mine), "--format", "json"]
        ).stdout
    )["route"]
    assert [o["id"] for o in show["overrides"]] == ["btc-tariff"]
    assert line in runner.invoke(app, ["show", "trans-caspian", "--data", str(mine)]).stdout
    assert (
        json.loads(
            runner.invoke(app, ["show", "cpc", "--data", str(mine), "--format", "json"]).stdout
        )["route"]["overrides"]
        == []
    )
    for command in (["scenario", "cpc-closed-30d"], ["critical"]):
        doc = json.loads(
            runner.invoke(app, [*command, "--data", str(mine), "--format", "json"]).stdout
        )
        assert [o["id"] for o in doc["overrides"]] == ["btc-tariff"], command
        assert doc["data_folders"] == ["geodata", str(mine)]
        markdown = runner.invoke(
            app, [*command, "--data", str(mine), "--format", "markdown"]
        ).stdout
        assert "Your data: costs 'btc-tariff' from" in markdown, command
    out = tmp_path / "memo"
    result = runner.invoke(
        app,
        [
            "memo",
            "--data",
            str(mine),
            "--format",
            "md",
            "--scenario",
            "cpc-closed-30d",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "Your data: costs 'btc-tariff' from" in (out / "memo.md").read_text(encoding="utf-8")


# Cases added by the mutation check of issue 9's validation (one-line bugs that no test caught).


def _cap(**figure: Any) -> Any:
    """An edit of segment ab's capacity figure (10 Mt/yr of the tiny network) by `figure`."""
    return lambda p: p["ab"]["capacity"].update(figure)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: p["ab"].update(operator=5), "'operator' is 5, not text"),
        (lambda p: p["ab"].update(offshore=1), "'offshore' is 1; write true or false"),
        (_cap(as_of=2101), "'capacity.as_of' is 2101; give a four-digit year such as 2024"),
        (_cap(as_of=1899), "'capacity.as_of' is 1899; give a four-digit year"),
        (_cap(as_of=True), "'capacity.as_of' is true; give a four-digit year"),
        (
            _cap(sources=["s1", ""]),
            "'capacity.sources' is ['s1', '']; give a list of source ids from sources.yaml",
        ),
        (_cap(note=5), "'capacity.note' is 5, not text; write it as a quoted string"),
        (
            _cap(value=None, note=""),
            "'capacity.note' is missing for a null value; say in a note why the figure is unknown",
        ),
        # 1,000 Mt/yr is 27,397 kb/d at 10 bbl/t, the factor that gives the most barrels.
        (
            _cap(value=1000),
            "'capacity.value' is 1000 Mt/yr, about 27,397 kb/d, more than any asset carries",
        ),
        # 1% over the capacity is past the 0.5% that rounding may explain.
        (
            lambda p: p["ab"]["throughput"][0].update(value=10.1),
            "'throughput[0].value' is 10.1 Mt/yr in 2024, above the capacity of 10 Mt/yr",
        ),
    ],
)
def test_a_figure_or_field_of_the_wrong_kind_is_named(
    tmp_path: Path, edit: Any, message: str
) -> None:
    assert message in _problems(tmp_path, "segments.geojson", edit)


@pytest.mark.parametrize(
    "edit",
    [
        _cap(as_of=2100),
        _cap(as_of=1900),
        _cap(sources="s1"),  # one id need not be a list
        lambda p: p["ab"]["throughput"][0].update(value=0),  # an idle year is no mistake
        lambda p: p["ab"]["throughput"][0].update(value=10.04),  # within rounding
    ],
)
def test_a_figure_at_the_edge_is_accepted(tmp_path: Path, edit: Any) -> None:
    assert _problems(tmp_path, "segments.geojson", edit) == ""


def test_a_misspelt_key_beside_the_right_one_hides_no_problem(tmp_path: Path) -> None:
    out = _problems(tmp_path, "segments.geojson", lambda p: p["ab"].update(nmae="X", name=5))
    assert "field 'nmae' is not a field here (did you mean 'name'?)" in out
    assert "field 'name' is 5, not text" in out


@pytest.mark.parametrize("start", ["2024-01-01x", "2024-01-01T00", " 2024-1-01"])
def test_a_date_with_more_than_a_day_is_no_date(tmp_path: Path, start: str) -> None:
    out = _problems(tmp_path, "events.yaml", lambda d: d[0].update(start=start))
    assert f"field 'start' is {start!r}, not a date of the calendar; write it as YYYY-MM-DD" in out


def _assumption(**entry: Any) -> Any:
    """An edit adding one assumption to the tiny network (or replacing the one of its id)."""

    def edit(d: list[dict[str, Any]]) -> None:
        d[:] = [a for a in d if a["id"] != entry["id"]]
        d.append({"reasoning": "test", **entry})

    return edit


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"id": "tanker-speedy", "value": 12, "unit": "kn", "applies_to": ["bc"]},
            "field 'id' is 'tanker-speedy', no assumption routes reads (did you mean "
            "'tanker-speed'?)",
        ),
        (
            {"id": "scenario-capacity.x", "value": 0, "unit": "kb/d", "applies_to": ["ab"]},
            "field 'value' is 0 kb/d; scenario-capacity must be greater than 0",
        ),
        (
            {"id": "tanker-speed", "value": 0.5, "unit": "kn"},
            "field 'value' is 0.5 kn; tanker-speed must be at least 1 and at most 30",
        ),
        (
            {"id": "transit-days", "value": 3, "unit": "days"},
            "field 'applies_to' is missing, so nothing reads 'transit-days'; list the segments "
            "or nodes it applies to",
        ),
        (
            {"id": "bbl-per-t", "value": 7.3, "unit": "bbl/t", "applies_to": ["ab"]},
            "field 'applies_to' is not read for bbl-per-t, which holds for every segment; drop "
            "applies_to",
        ),
        (
            {"id": "bbl-per-t.heavy", "value": 7.3, "unit": "bbl/t", "applies_to": ["ab"]},
            "field 'id' is 'bbl-per-t.heavy', but routes reads only 'bbl-per-t' itself; rename "
            "it 'bbl-per-t' to replace the default",
        ),
    ],
)
def test_an_assumption_routes_would_misread_is_refused(
    tmp_path: Path, entry: dict[str, Any], message: str
) -> None:
    assert message in _problems(tmp_path, "assumptions.yaml", _assumption(**entry))


@pytest.mark.parametrize(
    ("coords", "where"),
    [
        # A closed line that also crosses itself: the crossing, not the closing vertex.
        (
            [[51.0, 47.0], [53.0, 49.0], [53.0, 47.0], [51.0, 49.0], [51.0, 47.0]],
            "[52.0000, 48.0000]",
        ),
        # A crossing of two legs that do not meet end to end.
        ([[51.0, 47.0], [53.0, 47.0], [52.0, 48.0], [52.0, 46.0]], "[52.0000, 47.0000]"),
        # A vertex visited twice: longitude first.
        (
            [[51.0, 47.0], [52.0, 47.5], [53.0, 48.0], [52.0, 47.5], [51.5, 49.0]],
            "[52.0000, 47.5000]",
        ),
    ],
)
def test_a_line_that_crosses_itself_is_refused_where_it_does(
    coords: list[list[float]], where: str
) -> None:
    from routes.validate import _line

    chk = Checker()
    rec = RawRecord(
        "segments.geojson",
        0,
        {"id": "x", "geometry": {"type": "LineString", "coordinates": coords}},
    )
    assert _line(chk, rec) is None
    assert chk.problems == [
        f"segments.geojson: feature 'x' field 'geometry' crosses or doubles back on itself near "
        f"{where}, which would count that stretch twice; draw one path from its 'from' node to "
        "its 'to' node"
    ]


def _with_x(tmp_path: Path, route: list[Any], **more: list[dict[str, Any]]) -> Path:
    """The tiny network with a junction x north of b (and y north of x), pipelines b→x, x→b,
    x→y, y→x, x→c (subsea) between them, and route r along `route`."""
    folder = write_tiny(tmp_path / "x-base")
    nodes = json.loads((folder / "nodes.geojson").read_text(encoding="utf-8"))["features"]
    segs = json.loads((folder / "segments.geojson").read_text(encoding="utf-8"))["features"]
    place = {"b": [3.5, 0.5], "c": [3.5, -1.0], "x": [3.5, 1.2], "y": [3.5, 1.8]}
    for ident in ("x", "y"):
        nodes.append(
            feature(
                {"id": ident, "name": ident.upper(), "kind": "junction", "sources": ["s1"]},
                "Point",
                place[ident],
            )
        )
    for a, b in (("b", "x"), ("x", "b"), ("x", "y"), ("y", "x"), ("x", "c")):
        props = {
            "id": a + b,
            "name": f"{a}-{b}",
            "mode": "pipeline",
            "from": a,
            "to": b,
            "status": "operating",
            "crude": "light",
            "sources": ["s1"],
            "capacity": {"value": None, "unit": "kb/d", "note": "unknown"},
            "offshore": b == "c",
        }
        segs.append(feature(props, "LineString", [place[a], place[b]]))
    route_entry = {"id": "r", "name": "Route R", "origin": "a", "destination": "c"}
    return write_tiny(
        tmp_path / "x",
        nodes=nodes,
        segments=segs,
        routes=[{**route_entry, "segments": route}],
        **more,
    )


def _route_problems(folder: Path) -> str:
    try:
        load_tiny(folder)
    except DataError as e:
        return "\n".join(e.problems)
    return ""


def test_the_loop_helper_network_loads(tmp_path: Path) -> None:
    net = load_tiny(_with_x(tmp_path, ["ab", "bx", "xc"]))
    assert net.routes["r"].primary_segments() == ("ab", "bx", "xc")


@pytest.mark.parametrize(
    ("route", "message"),
    [
        # Back to b, which an earlier stage passed (not the origin).
        (
            ["ab", "bx", "xb", "bc"],
            "comes back to 'b' at segment 'xb' (stage 3): a route must not loop",
        ),
        # Round x inside one parallel branch, never touching an earlier stage's nodes.
        (
            ["ab", {"parallel": [["bx", "xy", "yx", "xc"], ["bc"]]}],
            "comes back to 'x' at segment 'yx' (stage 2): a route must not loop",
        ),
    ],
)
def test_a_route_that_loops_later_on_is_refused(
    tmp_path: Path, route: list[Any], message: str
) -> None:
    assert message in _route_problems(_with_x(tmp_path, route))


def test_a_chain_broken_in_one_folder_is_blamed_on_the_route(tmp_path: Path) -> None:
    out = _route_problems(_with_x(tmp_path, ["ab", "xc"]))
    assert (
        "routes.yaml: feature 'r' field 'segments' does not chain: segment 'xc' starts at 'x' "
        "but the route is at 'b' there (stage 2)" in out
    )


def test_a_chain_broken_by_a_later_folder_blames_the_segment_that_does_not_chain(
    tmp_path: Path,
) -> None:
    """Both segments of the break come from the later folder: the one that starts elsewhere
    than the route has reached is named."""
    base = _with_x(tmp_path, ["ab", "bx", "xc"])
    segs = json.loads((base / "segments.geojson").read_text(encoding="utf-8"))["features"]
    by_id = {f["properties"]["id"]: f for f in segs}
    bx, xc = by_id["bx"], by_id["xc"]
    bx["properties"]["to"] = "y"
    bx["geometry"]["coordinates"] = [[3.5, 0.5], [3.5, 1.8]]
    xc["properties"]["name"] = "X-C renamed"
    mine = _user_layer(tmp_path, "segments.geojson", [bx, xc])
    with pytest.raises(DataError) as err:
        network_from_raw(read_data_dirs([base, mine]))
    assert (
        "segments.geojson: feature 'xc' field 'from' is 'x', but the route 'r' of routes.yaml "
        "needs 'y' there; keep 'y', or override the route too" in "\n".join(err.value.problems)
    )


def test_parts_that_add_up_past_the_capacity_beside_an_all_shippers_figure_pass(
    tmp_path: Path,
) -> None:
    """Where a year has a figure for all shippers, that is the flow routes uses and checks:
    Kazakh and other shippers' figures from other sources may add up to a little more."""

    parts = [{**_tp(2024, "kazakh"), "value": 5.5}, {**_tp(2024, "other"), "value": 4.6}]
    whole = {**_tp(2024, "all"), "value": 9.9}
    edit = lambda p: p["ab"].update(throughput=[whole, *parts])  # noqa: E731
    assert _problems(tmp_path, "segments.geojson", edit) == ""
    # Without the all-shippers figure the parts are the flow: 10.1 Mt/yr (202 kb/d) passes 10.
    out = _problems(tmp_path / "2", "segments.geojson", lambda p: p["ab"].update(throughput=parts))
    assert "field 'throughput' adds up to 202 kb/d in 2024" in out


def _move_node(folder: Path, ident: str, position: list[float]) -> None:
    path = folder / "nodes.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (node,) = [f for f in doc["features"] if f["properties"]["id"] == ident]
    node["geometry"]["coordinates"] = position
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_a_node_moved_in_the_segments_own_folder_is_blamed_on_the_segment(
    tmp_path: Path,
) -> None:
    folder = write_tiny(tmp_path / "t")
    _move_node(folder, "b", [3.5, 1.0])  # 0.5° north of where ab ends
    with pytest.raises(DataError) as err:
        load_tiny(folder)
    assert err.value.problems[0].endswith(
        "segments.geojson: feature 'ab' field 'geometry' ends 55.3 km from its 'to' node 'b'; "
        "move that end to the node at [3.5, 1.0] (tolerance 2 km) or correct 'to'"
    )


def test_an_empty_list_in_an_override_counts_as_left_out(tmp_path: Path) -> None:
    base = write_tiny(tmp_path / "t")
    cost = {"id": "t1", "kind": "tariff", "segments": [], "value": 15, "unit": "USD/t"}
    mine = _user_layer(tmp_path, "costs.yaml", [{**cost, "sources": ["s1"]}])
    with pytest.raises(DataError) as err:
        network_from_raw(read_data_dirs([base, mine]))
    (problem,) = err.value.problems
    assert "feature 't1' field 'segments' is missing: an entry replaces the one of " in problem
    assert "whole, and this one lacks segments; copy that entry into your file" in problem


def test_an_override_is_not_told_to_copy_a_field_the_replaced_entry_lacks(
    tmp_path: Path,
) -> None:
    base = write_tiny(tmp_path / "t")
    costs = yaml.safe_load((base / "costs.yaml").read_text(encoding="utf-8"))
    del costs[0]["kind"]
    (base / "costs.yaml").write_text(yaml.safe_dump(costs), encoding="utf-8")
    mine = _user_layer(tmp_path, "costs.yaml", costs)
    with pytest.raises(DataError) as err:
        network_from_raw(read_data_dirs([base, mine]))
    (problem,) = err.value.problems
    assert problem.endswith("feature 't1' field 'kind' is missing; add a non-empty text value")


def test_a_partial_override_blames_no_entry_that_names_it(tmp_path: Path) -> None:
    """Route r names segment ab: one message about the override of ab, none about r."""
    base = write_tiny(tmp_path / "t")
    mine = _user_layer(
        tmp_path,
        "segments.geojson",
        [feature({"id": "ab", "name": "A-B"}, "LineString", [[0.5, 0.5], [3.5, 0.5]])],
    )
    with pytest.raises(DataError) as err:
        network_from_raw(read_data_dirs([base, mine]))
    (problem,) = err.value.problems
    assert "feature 'ab' field 'mode' is missing: an entry replaces the one of " in problem


def _dip_ab(folder: Path, lat: float, **props: Any) -> Path:
    """Pipeline ab drawn with a V south of the coast (latitude 0) just before b."""
    path = folder / "segments.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    ab = doc["features"][0]
    ab["geometry"]["coordinates"] = [[0.5, 0.5], [3.0, 0.5], [3.25, lat], [3.5, 0.5]]
    ab["properties"].update(props)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return folder


def test_a_land_leg_may_run_a_little_off_the_coast(tmp_path: Path) -> None:
    assert load_tiny(_dip_ab(write_tiny(tmp_path / "a"), -0.1)).segments["ab"]
    with pytest.raises(DataError) as err:
        load_tiny(_dip_ab(write_tiny(tmp_path / "b"), -0.3))
    assert "feature 'ab' field 'geometry' runs 16% of its way off land for a pipeline leg" in (
        str(err.value)
    )
    assert load_tiny(_dip_ab(write_tiny(tmp_path / "c"), -0.3, offshore=True)).segments["ab"]


def test_packaged_files_are_named_alike_from_any_folder(
    runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outputs name the packaged data 'geodata/…' wherever routes is installed and run from:
    the same command gives the same bytes on every machine, and no user's paths leak."""
    from routes.cli import app

    mine = _user_layer(tmp_path, "costs.yaml", [MY_BTC_TARIFF])
    monkeypatch.chdir(tmp_path)
    doc = json.loads(runner.invoke(app, ["compare", "--data", "mine", "--format", "json"]).stdout)
    assert doc["data_folders"] == ["geodata", "mine"]
    (o,) = {o["id"]: o for r in doc["routes"] for o in r["overrides"]}.values()
    assert (o["file"], o["replaced"]["file"]) == ("mine/costs.yaml", "geodata/costs.yaml")
    from routes.io import packaged_data_dir

    assert str(packaged_data_dir().resolve()) not in json.dumps(doc)
    assert str(mine.resolve()) not in json.dumps(doc)


def test_tables_exports_and_the_map_say_what_your_folder_replaced(
    runner: Any, tmp_path: Path
) -> None:
    """compare's CSV, export (each feature's own entry, and everything behind a route) and the
    map's popups carry the overrides the JSON lists; packaged data alone adds nothing."""
    import csv
    import datetime as dt
    import io

    from routes.cli import app
    from routes.maps import MapOptions, map_model
    from routes.metrics import all_route_metrics
    from routes.risk import load_profile, route_risk
    from routes.validate import load_network

    mine = _user_layer(tmp_path, "costs.yaml", [MY_BTC_TARIFF])
    clause = f"costs 'btc-tariff' from {mine}/costs.yaml replaces the entry in geodata/costs.yaml ("
    rows = {
        r["id"]: r
        for r in csv.DictReader(
            io.StringIO(
                runner.invoke(app, ["compare", "--data", str(mine), "--format", "csv"]).stdout
            )
        )
    }
    assert rows["trans-caspian"]["overrides"].startswith(clause)
    assert "value 24.0 → 30" in rows["trans-caspian"]["overrides"]
    assert rows["cpc"]["overrides"] == ""

    folder = tmp_path / "init"
    assert runner.invoke(app, ["init", str(folder)]).exit_code == 0
    out = tmp_path / "network.csv"
    result = runner.invoke(
        app, ["export", "--data", str(folder), "--data", str(mine), "--output", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    cells = {
        (r["layer"], r["id"]): r["overrides"]
        for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    }
    assert cells["segments", "my-pipeline"] == (
        f"segments 'my-pipeline' from {folder}/segments.geojson is added to the data"
    )
    assert cells["segments", "btc"] == ""  # its tariff changed, not the segment itself
    assert cells["nodes", "my-pump-station"] == (
        f"nodes 'my-pump-station' from {folder}/nodes.geojson is added to the data"
    )
    assert cells["nodes", "tengiz"] == ""
    assert cells["routes", "trans-caspian"].startswith(
        f"nodes 'my-pump-station' from {folder}/nodes.geojson is added to the data | {clause}"
    )
    assert cells["routes", "cpc"] == ""
    packaged = tmp_path / "packaged.csv"
    assert runner.invoke(app, ["export", "--output", str(packaged)]).exit_code == 0
    assert "overrides" not in packaged.read_text(encoding="utf-8").splitlines()[0].split(",")

    net = load_network([folder, mine])
    metrics = all_route_metrics(net, [])
    profile = load_profile()
    model = map_model(
        net,
        metrics,
        [route_risk(net, m, profile) for m in metrics],
        MapOptions(date=dt.date(2026, 12, 3)),
    )
    notes = {r.id: r.notes for r in model.routes}
    assert f"Your data: {clause}" in " ".join(notes["trans-caspian"])
    assert not any(n.startswith("Your data") for n in notes["cpc"])
    legs = {g.id: dict(g.rows) for g in model.legs}
    assert legs["my-pipeline"]["Your data"] == f"added by {folder}/segments.geojson"
    assert "Your data" not in legs["btc"]
    places = {p.id: dict(p.rows) for p in model.places}
    assert places["my-pump-station"]["Your data"] == f"added by {folder}/nodes.geojson"
    # The route's popup: what a file added, one note per file and layer.
    assert (
        f"Your data: {folder}/nodes.geojson adds to nodes: my-pump-station."
        in (notes["trans-caspian"])
    )


def test_a_route_lists_only_its_own_entries_though_ids_repeat_across_layers(
    runner: Any, tmp_path: Path
) -> None:
    """`tengiz` is a node, a crude and a supply item: changing the supply item (which only
    scenarios read) is in the comparison's overrides but behind no route."""
    import csv
    import io

    from routes.cli import app

    packaged = yaml.safe_load((packaged_data_dir() / "supply.yaml").read_text("utf-8"))
    (tengiz,) = [dict(e) for e in packaged if e["id"] == "tengiz"]
    tengiz["supply"] = {**tengiz["supply"], "value": 40.0}
    mine = _user_layer(tmp_path, "supply.yaml", [tengiz])
    doc = json.loads(
        runner.invoke(app, ["compare", "--data", str(mine), "--format", "json"]).stdout
    )
    assert [(o["layer"], o["id"]) for o in doc["overrides"]] == [("supply", "tengiz")]
    assert all(r["overrides"] == [] for r in doc["routes"])
    table = runner.invoke(app, ["compare", "--data", str(mine), "--format", "csv"]).stdout
    assert all(row["overrides"] == "" for row in csv.DictReader(io.StringIO(table)))


def test_a_source_only_the_risk_cites_is_behind_the_route(runner: Any, tmp_path: Path) -> None:
    """WGI backs CPC's transit-country factor, not its own figures: a folder that replaces it
    shows on CPC in compare, export and the map, as the JSON has it."""
    import csv
    import io

    from routes.cli import app

    packaged = yaml.safe_load((packaged_data_dir() / "sources.yaml").read_text("utf-8"))
    (wgi,) = [dict(e) for e in packaged if e["id"] == "wgi-2024"]
    wgi["note"] = "checked against the 2025 edition"
    mine = _user_layer(tmp_path, "sources.yaml", [wgi])
    doc = json.loads(
        runner.invoke(app, ["compare", "cpc", "--data", str(mine), "--format", "json"]).stdout
    )
    assert [o["id"] for o in doc["routes"][0]["overrides"]] == ["wgi-2024"]
    out = tmp_path / "network.csv"
    assert runner.invoke(app, ["export", "--data", str(mine), "--output", str(out)]).exit_code == 0
    cells = {
        (r["layer"], r["id"]): r["overrides"]
        for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    }
    assert cells["routes", "cpc"].startswith(
        f"sources 'wgi-2024' from {mine}/sources.yaml replaces"
    )
    page = tmp_path / "map.html"
    assert runner.invoke(app, ["map", "--data", str(mine), "--output", str(page)]).exit_code == 0
    from tests.test_maps import page_json

    (notes,) = [
        r["notes"] for r in page_json(page.read_text("utf-8"))["routes"] if r["id"] == "cpc"
    ]
    assert any(n.startswith("Your data: sources 'wgi-2024' from ") for n in notes)
