"""Loading and validation on a tiny hand-built network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from routes.errors import DataError, UsageError
from routes.io import RawRecord, read_data_dirs, write_atomic
from routes.validate import Checker, network_from_raw
from tests.conftest import write_tiny


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
    (extra / "sources.yaml").write_text("- id: s1\n  title: Replaced\n  publisher: P\n"
                                        "  date: 2024-01-01\n", encoding="utf-8")
    net = network_from_raw(read_data_dirs([base, extra]))
    assert net.sources["s1"].title == "Replaced"


def test_parallel_branches_must_rejoin(tmp_path: Path) -> None:
    routes = [{"id": "r", "name": "R", "origin": "a", "destination": "c",
               "segments": [{"parallel": [["ab"], ["ab", "bc"]]}, "bc"]}]
    folder = write_tiny(tmp_path / "t", routes=routes)
    with pytest.raises(DataError, match="parallel branches in stage 1 that end at different"):
        load_tiny(folder)


def test_null_share_needs_a_note(tmp_path: Path) -> None:
    events = [{"id": "e1", "target": "ab", "start": "2024-01-01", "end": "2024-01-02",
               "share_lost": None, "category": "technical", "cause": "x", "sources": ["s1"]}]
    with pytest.raises(DataError, match="'share_lost' is null without a note"):
        load_tiny(write_tiny(tmp_path / "t", events=events))


def test_every_problem_is_reported(tmp_path: Path) -> None:
    events = [{"id": "e1", "target": "zz", "start": "2024-13-01", "share_lost": 2,
               "category": "aliens", "cause": "x", "sources": ["s1"]}]
    with pytest.raises(DataError) as info:
        load_tiny(write_tiny(tmp_path / "t", events=events))
    assert len(info.value.problems) >= 3
    assert str(info.value).startswith(f"{len(info.value.problems)} problems in the data, first:")


@pytest.mark.parametrize(("raw", "ok"), [
    (12, True), (12.5, True), ("12", False), (True, False), (float("nan"), False), (None, False),
])
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
