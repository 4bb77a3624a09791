"""The description of the data format, as validation uses it: which keys no field describes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from routes.errors import DataError
from routes.schema import SPECS, unknown_fields

FIGURE = ("value", "unit", "as_of", "sources", "note", "assumption")


def test_unknown_keys_are_found_in_mappings_figures_and_list_items_by_their_path() -> None:
    scenario = {
        "id": "s",
        "compare": {"dya": 3, "lost": {"value": 1, "unit": "kt", "nte": "x"}},
        "outages": [{"target": "btc", "share_lost": 1}, {"target": "btc", "share_lst": 1}],
    }
    assert list(unknown_fields(SPECS["scenarios"].fields, scenario)) == [
        ("compare.dya", ("day", "lost")),
        ("compare.lost.nte", FIGURE),
        ("outages[1].share_lst", ("target", "share_lost", "start_day", "duration_days")),
    ]


def test_a_retired_figure_key_is_left_to_its_own_message_only_inside_a_figure() -> None:
    segment = {
        "id": "x",
        "capacity": {"value": 1, "unit": "Mt/yr", "bbl_per_t": 7.3},
        "bbl_per_t": 7.3,
    }
    assert [path for path, _ in unknown_fields(SPECS["segments"].fields, segment)] == ["bbl_per_t"]


def test_a_misspelt_parallel_stage_is_one_sentence(tmp_path: Path) -> None:
    from routes.validate import load_network

    (tmp_path / "routes.yaml").write_text(
        yaml.safe_dump(
            [
                {
                    "id": "r2",
                    "name": "R2",
                    "origin": "tengiz",
                    "destination": "augusta",
                    "segments": [{"paralel": [["cpc-tengiz-atyrau"], ["cpc-tengiz-atyrau"]]}],
                }
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_network(tmp_path)
    assert len(err.value.problems) == 1
    assert "field 'segments[0]' is {paralel:" in err.value.problems[0]


def test_a_status_left_out_is_operating_as_data_md_says(tiny_dir: Path) -> None:
    from routes.io import read_data_dirs
    from routes.validate import network_from_raw

    net = network_from_raw(read_data_dirs([tiny_dir]))  # its nodes give no status
    status = next(f for f in SPECS["nodes"].fields if f.name == "status")
    assert "(operating when absent)" in status.description
    assert net.nodes["b"].status == "operating"
