"""The command line's cache of the checked and measured network (routes.cache): the same bytes
with or without it, found again only for the same inputs and code, never holding a problem."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routes import cache
from routes.cli import app

#: The folder that holds the routes package under test, for the runs in a process of their own.
CODE = Path(cache.__file__).resolve().parent.parent
COSTS = (
    "- id: caspian-freight\n  kind: freight\n  segments: [aktau-sangachal, kuryk-sangachal]\n"
    "  value: 10\n  unit: USD/t\n  as_of: 2025\n  assumption: true\n  note: my own estimate\n"
)

#: One run of each command that reads the network, with the user folder laid over it, and the
#: file or folder it writes (OUT is replaced by a path of the run's own).
COMMANDS = [
    ["compare"],
    ["compare", "--format", "json"],
    ["compare", "--format", "csv"],
    ["compare", "cpc", "trans-caspian", "--format", "markdown", "--sort", "-capacity_kbd"],
    ["list", "--format", "json"],
    ["show", "trans-caspian", "--format", "json"],
    ["sources"],
    ["scenario", "cpc-closed-30d", "--format", "json"],
    ["scenario", "--list"],
    ["critical", "--format", "csv"],
    ["export", "--output", "OUT.geojson"],
    ["map", "cpc", "trans-caspian", "--output", "OUT.html"],
    ["memo", "cpc", "trans-caspian", "--scenario", "cpc-closed-30d", "--format", "md", "-o", "OUT"],
]


class Loaded(Exception):
    """Raised by a stand-in loader: the run did not find its network in the cache."""


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "costs.yaml").write_text(COSTS, encoding="utf-8")
    return folder


def run(runner: CliRunner, args: list[str]) -> str:
    """What the command printed, then each file it wrote (under an OUT... name), with that
    name shown as OUT."""
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 0, result.stderr
    out = [result.stdout]
    for arg in args:
        path = Path(arg)
        if arg.startswith("OUT"):
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            out += [f"{f}\n{f.read_bytes().decode('utf-8', 'replace')}" for f in files]
            out = [text.replace(path.stem, "OUT") for text in out]
    return "\n".join(out)


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading the data or the risk profile raises `Loaded`."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise Loaded

    monkeypatch.setattr("routes.validate.load_network", refuse)
    monkeypatch.setattr("routes.risk.load_profile", refuse)
    monkeypatch.setattr("routes.metrics.measure", refuse)


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*" + cache.SUFFIX))


def network_entry(folder: Path) -> Path:
    """The one entry that holds a network (beside the risk profile's and documents')."""
    from routes.network import Network

    (found,) = [
        p
        for p in folder.glob("*" + cache.SUFFIX)
        if isinstance(kept := cache._recall(folder, p.stem), tuple) and isinstance(kept[0], Network)
    ]
    return found


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_every_command_prints_the_same_bytes_from_the_cache(
    args: list[str],
    runner: CliRunner,
    mine: Path,
    cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(mine.parent)

    def full(n: int) -> list[str]:
        return [*(a.replace("OUT", f"OUT{n}") for a in args), "--data", "mine"]

    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    afresh = run(runner, full(1))
    assert not cache_dir.exists()
    monkeypatch.delenv(cache.OFF_VARIABLE)
    first = run(runner, full(2))  # fills the cache
    assert entries(cache_dir)
    no_loading(monkeypatch)
    assert run(runner, full(3)) == first == afresh


def test_a_change_to_any_input_loads_afresh(
    runner: CliRunner, mine: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mine.parent)
    args = ["compare", "--data", "mine", "--format", "json"]
    run(runner, args)
    with monkeypatch.context() as m:
        no_loading(m)
        run(runner, args)  # the same inputs: from the cache

    def loads_afresh() -> None:
        with monkeypatch.context() as m:
            no_loading(m)
            with pytest.raises(Loaded):
                runner.invoke(app, args, catch_exceptions=False)
        run(runner, args)  # and keeps the new inputs' entry

    (mine / "costs.yaml").write_text(COSTS.replace("value: 10", "value: 11"), encoding="utf-8")
    loads_afresh()
    (mine / "notes.md").write_text("why I changed the freight\n", encoding="utf-8")
    loads_afresh()  # a new entry in the folder, even one routes does not read
    (mine / "notes.md").rename(mine / "zz-notes.md")
    loads_afresh()
    (mine / "zz-notes.md").write_text("and why not the tariff\n", encoding="utf-8")
    with monkeypatch.context() as m:  # a file routes does not read: its words are moot
        no_loading(m)
        run(runner, args)
    args[2] = str(mine)  # the same folder, spelled in full
    loads_afresh()
    sub = mine.parent / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)  # your file names are shown relative to the working directory
    loads_afresh()
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    afresh = run(runner, args)
    monkeypatch.delenv(cache.OFF_VARIABLE)
    assert run(runner, args) == afresh and "mine/costs.yaml" in afresh
    monkeypatch.chdir(mine.parent)
    assert run(runner, args) != afresh  # named relative to here: mine/costs.yaml
    monkeypatch.setattr(cache, "_code", lambda: ("routes' code, edited",))
    loads_afresh()
    monkeypatch.setattr(sys, "version", "3.99.0 (another Python)")
    loads_afresh()
    # Problems the loader reports from the folder's listing are reported afresh.
    (mine / "zz-notes.md").rename(mine / "routes.yml")
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "rename it 'routes.yaml'" in result.stderr
    (mine / "routes.yml").unlink()
    run(runner, args)
    (mine / "old").mkdir()
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "a sub-folder" in result.stderr


def test_an_edit_to_the_packaged_data_loads_afresh(
    runner: CliRunner, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import routes.io

    geodata = tmp_path / "geodata"
    shutil.copytree(routes.io.packaged_data_dir(), geodata)
    monkeypatch.setattr(routes.io, "packaged_data_dir", lambda: geodata)
    first = run(runner, ["show", "cpc", "--format", "json"])
    supply = geodata / "supply.yaml"
    supply.write_text(supply.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with monkeypatch.context() as m:
        no_loading(m)
        with pytest.raises(Loaded):
            runner.invoke(app, ["show", "cpc", "--format", "json"], catch_exceptions=False)
    assert run(runner, ["show", "cpc", "--format", "json"]) != first  # its data version


def test_a_linked_file_is_named_by_where_the_link_points(
    runner: CliRunner, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outputs name a linked data file by its target: the same bytes behind another link, or
    a file replaced by a link to a copy, is loaded afresh and named as a fresh run names it."""
    for name in ("a", "b", "plain"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "costs.yaml").write_text(COSTS, encoding="utf-8")
    (tmp_path / "linked").mkdir()
    link = tmp_path / "linked" / "costs.yaml"
    link.symlink_to("../a/costs.yaml")
    monkeypatch.chdir(tmp_path)

    def both(folder: str) -> str:
        args = ["show", "trans-caspian", "--data", folder]
        cached = run(runner, args)
        monkeypatch.setenv(cache.OFF_VARIABLE, "1")
        afresh = run(runner, args)
        monkeypatch.delenv(cache.OFF_VARIABLE)
        assert cached == afresh
        return cached

    assert "a/costs.yaml" in both("linked")
    link.unlink()
    link.symlink_to("../b/costs.yaml")
    assert "b/costs.yaml" in both("linked")
    assert "plain/costs.yaml" in both("plain")
    (tmp_path / "plain" / "costs.yaml").unlink()
    (tmp_path / "plain" / "costs.yaml").symlink_to("../b/costs.yaml")
    assert "b/costs.yaml" in both("plain")


def test_a_folder_is_named_by_where_it_leads(
    runner: CliRunner, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder link moved to another folder whose files lead to the same place: the outputs
    name the folder by where it leads, so it is loaded afresh."""
    (tmp_path / "costs.yaml").write_text(COSTS, encoding="utf-8")
    for name in ("fA", "fB"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "costs.yaml").symlink_to(tmp_path / "costs.yaml")
    (tmp_path / "flink").symlink_to("fA")
    monkeypatch.chdir(tmp_path)
    args = ["compare", "--data", "flink", "--format", "json"]
    assert '"fA"' in run(runner, args)
    (tmp_path / "flink").unlink()
    (tmp_path / "flink").symlink_to("fB")
    assert '"fB"' in run(runner, args)


def test_hidden_entries_are_not_read_and_do_not_count(
    runner: CliRunner, mine: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["compare", "--data", str(mine), "--format", "json"]
    first = run(runner, args)
    (mine / ".loop").symlink_to(".loop")  # as the loader does, the fingerprint passes it by
    (mine / ".DS_Store").write_bytes(b"\x00\x01")
    no_loading(monkeypatch)
    assert run(runner, args) == first


def test_no_cache_inside_a_data_folder(
    runner: CliRunner, mine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder inside your data folder would be read as a sub-folder of data on the
    next run: it is not used there, and the run is as without it."""
    monkeypatch.delenv(cache.OFF_VARIABLE)
    monkeypatch.chdir(mine)
    for variable, value in ((cache.DIR_VARIABLE, str(mine / "c")), (cache.DIR_VARIABLE, "c")):
        monkeypatch.setenv(variable, value)
        for _ in range(2):
            run(runner, ["compare", "--data", "."])
        assert sorted(p.name for p in mine.iterdir()) == ["costs.yaml"]
    monkeypatch.delenv(cache.DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")  # relative: ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "routes"
    run(runner, ["compare", "--data", "."])
    assert sorted(p.name for p in mine.iterdir()) == ["costs.yaml"]
    assert list((tmp_path / "home" / ".cache" / "routes").glob("*" + cache.SUFFIX))
    monkeypatch.setenv("HOME", "~")  # no home to keep it in
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    assert cache.cache_dir() is None and cache.describe() == "off (no home)"


def test_a_file_saved_while_loading_is_not_kept(
    runner: CliRunner, mine: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved after the fingerprint was taken and before the loader read it: kept, the entry
    would hold the new bytes' network under the old bytes' fingerprint, and show it once the
    file is put back. Nothing is kept; the next run loads afresh."""
    import routes.validate

    real = routes.validate.load_network

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        (mine / "costs.yaml").write_text(COSTS.replace("value: 10", "value: 12"), "utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    args = ["show", "trans-caspian", "--data", str(mine), "--format", "json"]
    with monkeypatch.context() as m:
        m.setattr(routes.validate, "load_network", saved_meanwhile)
        assert '"value": 12' in run(runner, args)
    (mine / "costs.yaml").write_text(COSTS, encoding="utf-8")  # put back
    with monkeypatch.context() as m:
        no_loading(m)
        with pytest.raises(Loaded):
            runner.invoke(app, args, catch_exceptions=False)


def test_a_weights_file_saved_while_loading_is_not_kept(
    runner: CliRunner, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import routes.risk

    weights = tmp_path / "w.yaml"
    text = "weights:\n  sanctions: 1\n  disruption_history: 1\n"
    weights.write_text(text, encoding="utf-8")
    real = routes.risk.load_profile

    def saved_meanwhile(*args: object, **kwargs: object) -> object:
        weights.write_text(text.replace("sanctions: 1", "sanctions: 3"), encoding="utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    args = ["compare", "--weights", str(weights), "--format", "json"]
    with monkeypatch.context() as m:
        m.setattr(routes.risk, "load_profile", saved_meanwhile)
        run(runner, args)
    weights.write_text(text, encoding="utf-8")  # put back
    with monkeypatch.context() as m:
        m.setattr(routes.risk, "load_profile", lambda *a, **k: (_ for _ in ()).throw(Loaded))
        with pytest.raises(Loaded):
            runner.invoke(app, args, catch_exceptions=False)


def test_a_weights_file_read_from_a_pipe_is_read_once(cache_dir: Path, tmp_path: Path) -> None:
    """A pipe gives its bytes once: it is no file to fingerprint (and the cache is skipped)."""
    text = "weights:\n  sanctions: 1\n  disruption_history: 1\n"
    (tmp_path / "w.yaml").write_text(text, encoding="utf-8")
    env = {**os.environ, cache.DIR_VARIABLE: str(cache_dir), "PYTHONPATH": str(CODE)}

    def compare(weights: str, **extra: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "routes", "compare", "--format", "json", "--weights", weights],
            input=text,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        ).stdout

    from_file = compare("w.yaml", ROUTES_NO_CACHE="1")
    assert compare("/dev/stdin") == from_file.replace('"w"', '"stdin"')
    assert compare("/dev/stdin", ROUTES_NO_CACHE="1") == compare("/dev/stdin")


def test_another_weights_file_reads_the_profile_afresh(
    runner: CliRunner, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("weights:\n  sanctions: 1\n  disruption_history: 1\n", encoding="utf-8")
    args = ["compare", "--weights", str(weights), "--format", "json"]
    first = run(runner, args)
    with monkeypatch.context() as m:
        m.setattr("routes.risk.load_profile", lambda *a, **k: (_ for _ in ()).throw(Loaded))
        assert run(runner, args) == first
        weights.write_text("weights:\n  sanctions: 1\n  disruption_history: 2\n", encoding="utf-8")
        with pytest.raises(Loaded):
            runner.invoke(app, args, catch_exceptions=False)
    assert run(runner, args) != first
    # The profile is named after the file as you name it: a link to it is another name.
    (tmp_path / "v.yaml").symlink_to("w.yaml")
    by_link = run(runner, ["compare", "--weights", str(tmp_path / "v.yaml"), "--format", "json"])
    assert by_link == run(runner, args).replace('"w"', '"v"') != run(runner, args)


def test_a_problem_is_never_kept(
    runner: CliRunner, mine: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (mine / "costs.yaml").write_text(COSTS.replace("value: 10", "value: ten"), encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["compare", "--data", str(mine)])
        assert result.exit_code == 1 and "ten" in result.stderr
    from routes.risk import Profile

    (kept,) = entries(cache_dir)  # the risk profile, read before the data; not the network
    assert isinstance(cache._recall(cache_dir, kept.removesuffix(cache.SUFFIX)), Profile)


def test_the_packaged_data_alone_is_found_from_any_folder(
    runner: CliRunner, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file of yours, so no name shown relative to the working directory: one entry."""
    first = run(runner, ["compare", "--format", "json"])
    monkeypatch.chdir(tmp_path)
    no_loading(monkeypatch)
    assert run(runner, ["compare", "--format", "json"]) == first


def test_validate_always_checks(
    runner: CliRunner, mine: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(runner, ["compare", "--data", str(mine)])
    no_loading(monkeypatch)
    with pytest.raises(Loaded):
        runner.invoke(app, ["validate", "--data", str(mine)], catch_exceptions=False)


def test_an_entry_without_measures_gains_them_without_loading_again(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(runner, ["sources"])  # keeps the network, not measured
    entry = network_entry(cache_dir)
    assert cache._recall(cache_dir, entry.stem)[1] is None
    with monkeypatch.context() as m:
        m.setattr("routes.validate.load_network", lambda *a, **k: (_ for _ in ()).throw(Loaded))
        first = run(runner, ["compare", "--format", "json"])  # measures it, and keeps that
    no_loading(monkeypatch)
    assert run(runner, ["compare", "--format", "json"]) == first


def test_a_damaged_entry_is_read_afresh_and_replaced(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut short, or one bit of a figure flipped (which would still unpickle, as another
    number): its digest no longer matches, and it is not read."""
    import struct

    first = run(runner, ["compare", "--format", "json"])
    network = network_entry(cache_dir)
    key = network.stem
    _, ms = cache._recall(cache_dir, key)
    btc = struct.pack(">d", ms.segments["btc"].length_km)  # as pickle writes a float
    raw = network.read_bytes()
    assert raw.count(btc) == 1
    network.write_bytes(raw.replace(btc, struct.pack(">d", ms.segments["btc"].length_km + 50)))
    assert cache._recall(cache_dir, key) is None
    for path in cache_dir.glob("*" + cache.SUFFIX):
        path.write_bytes(path.read_bytes()[:100])
    assert run(runner, ["compare", "--format", "json"]) == first
    no_loading(monkeypatch)
    assert run(runner, ["compare", "--format", "json"]) == first


def test_an_entry_under_another_key_is_not_taken(runner: CliRunner, cache_dir: Path) -> None:
    """A file copied into another entry's place holds its own key, and is refused."""
    run(runner, ["list"])
    (entry,) = cache_dir.glob("*" + cache.SUFFIX)
    (cache_dir / ("0" * 40 + cache.SUFFIX)).write_bytes(entry.read_bytes())
    assert cache._recall(cache_dir, "0" * 40) is None
    assert cache._recall(cache_dir, entry.name.removesuffix(cache.SUFFIX)) is not None


def test_only_a_private_entry_of_ones_own_is_read(runner: CliRunner, cache_dir: Path) -> None:
    """Reading an entry runs what it holds: one anybody else could have written or placed (a
    writable file, a link, a second name of another file, a pipe, in a folder others may write)
    is not read, and a run writes its own in its place."""
    first = run(runner, ["list"])
    (entry,) = cache_dir.glob("*" + cache.SUFFIX)
    key = entry.name.removesuffix(cache.SUFFIX)
    elsewhere = cache_dir.parent / "elsewhere.pickle"
    os.replace(entry, elsewhere)
    assert cache._recall(cache_dir, key) is None  # none there
    os.link(elsewhere, entry)
    assert cache._recall(cache_dir, key) is None  # a second name of a file
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert cache._recall(cache_dir, key) is None  # a link
    entry.unlink()
    os.mkfifo(entry)
    assert cache._recall(cache_dir, key) is None  # a pipe: not waited on
    entry.unlink()
    os.replace(elsewhere, entry)
    assert cache._recall(cache_dir, key) is not None
    for mode in (0o620, 0o602):
        entry.chmod(mode)
        assert cache._recall(cache_dir, key) is None
    assert run(runner, ["list"]) == first  # written afresh, private
    assert entry.stat().st_mode & 0o777 == 0o600 and cache._recall(cache_dir, key) is not None
    cache_dir.chmod(0o777)
    assert cache._recall(cache_dir, key) is None  # a folder others may write
    os.unlink(entry)
    assert run(runner, ["list"]) == first
    assert not entry.exists()  # and nothing written there
    cache_dir.chmod(0o700)
    assert cache.cache_dir() == cache_dir


def test_a_temporary_file_left_by_a_killed_run_is_removed(cache_dir: Path) -> None:
    """Pruning removes the cache's own files only: a folder of yours named as the cache keeps
    every file the cache did not write."""
    cache._keep(cache_dir, "a" * 40, 1)
    old = cache_dir / f"{cache.TEMPORARY_PREFIX}killed{cache.TEMPORARY}"
    recent = cache_dir / f"{cache.TEMPORARY_PREFIX}writing{cache.TEMPORARY}"
    yours = [cache_dir / "build.tmp", cache_dir / ".build.tmp"]
    yours += [cache_dir / f"model{n}.pickle" for n in range(cache.MAX_ENTRIES + 2)]
    hours_ago = int((time.time() - 2 * cache.STALE_TEMPORARY_S) * 1e9)
    for path in [old, recent, *yours]:
        path.write_bytes(b"half an entry")
        if path is not recent:
            os.utime(path, ns=(hours_ago, hours_ago))
    cache._keep(cache_dir, "b" * 40, 2)
    assert not old.exists() and recent.exists()  # another run may be writing that one
    assert all(path.exists() for path in yours)


def test_a_cache_folder_that_cannot_be_written_is_skipped(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    expected = run(runner, ["compare", "--format", "json"])  # the cache turned off
    monkeypatch.delenv(cache.OFF_VARIABLE)
    monkeypatch.setenv(cache.DIR_VARIABLE, str(blocker / "cache"))
    assert run(runner, ["compare", "--format", "json"]) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_turned_off_nothing_is_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "cache"))
    run(runner, ["compare"])
    assert not (tmp_path / "cache").exists()


def test_the_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(cache.OFF_VARIABLE)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.cache_dir() == tmp_path / ".cache" / "routes"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "routes"
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv(cache.OFF_VARIABLE, "yes")
    assert cache.cache_dir() is None


def test_only_the_most_recently_used_entries_are_kept(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = [f"{n:040x}" for n in range(cache.MAX_ENTRIES + 3)]
    for n, key in enumerate(keys):
        cache._keep(cache_dir, key, n)
        os.utime(cache_dir / (key + cache.SUFFIX), ns=(n * 10**9, n * 10**9))
    assert cache._recall(cache_dir, keys[0]) is None  # pruned when the later ones were written
    assert cache._recall(cache_dir, keys[3]) == 3  # read: now the most recently used
    cache._keep(cache_dir, "f" * 40, "new")
    kept = entries(cache_dir)
    assert len(kept) == cache.MAX_ENTRIES
    assert keys[3] + cache.SUFFIX in kept and keys[4] + cache.SUFFIX not in kept
    assert not list(cache_dir.glob(".*"))  # no temporary file left


def test_an_edit_to_the_code_or_a_library_changes_the_fingerprint(tmp_path: Path) -> None:
    """routes' own sources by their bytes (an edit shows whatever its timestamps); a library by
    its version and its files, the shared libraries its wheel bundles included."""
    package = tmp_path / "code"
    package.mkdir()
    module = package / "units.py"
    module.write_text("KM = 1.0\n", encoding="utf-8")
    before = cache.sources_digest([module])
    st = module.stat()
    module.write_text("KM = 2.0\n", encoding="utf-8")  # the same size
    os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same time
    assert cache.sources_digest([module]) != before

    site = tmp_path / "site"
    (site / "measuring").mkdir(parents=True)
    (site / "measuring" / "__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    (site / "Measuring-1.0.dist-info").mkdir()
    sys.path.insert(0, str(site))
    try:
        texts = [cache.library_text("measuring", "Measuring")]
        assert "Measuring-1.0.dist-info" in texts[0]
        (site / "Measuring-1.0.dist-info").rename(site / "Measuring-1.1.dist-info")
        texts.append(cache.library_text("measuring", "Measuring"))
        (site / "measuring.libs").mkdir()
        (site / "measuring.libs" / "libgeodesy.so").write_bytes(b"\x7fELF")
        texts.append(cache.library_text("measuring", "Measuring"))
        (site / "measuring" / "_speedups.so").write_bytes(b"\x7fELF")
        texts.append(cache.library_text("measuring", "Measuring"))
        (site / "measuring" / ".dylibs").mkdir()  # where macOS wheels bundle theirs
        (site / "measuring" / ".dylibs" / "libgeodesy.dylib").write_bytes(b"\xcf\xfa")
        texts.append(cache.library_text("measuring", "Measuring"))
    finally:
        sys.path.remove(str(site))
    assert len(set(texts)) == len(texts)
    assert cache.library_text("no_such_library_here", "nope") == "no_such_library_here: absent"
    assert any(t.startswith("GEOS ") for t in cache._code())


def test_the_library_keeps_no_cache(cache_dir: Path) -> None:
    import routes

    routes.compare(routes.load(), ["cpc"])
    assert not cache_dir.exists()


def test_a_compare_from_the_cache_imports_no_measuring_library(
    cache_dir: Path, tmp_path: Path
) -> None:
    """What makes it fast: the network needs numpy and shapely, its measures pyproj and the files
    PyYAML; a kept comparison is plain data, and rendering it needs none of them, nor routes'
    classes."""
    code = (
        "import sys\nfrom routes.cli import run\nsys.argv = ['routes', 'compare']\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "heavy = ('numpy', 'shapely', 'pyproj', 'yaml', 'routes.network', 'routes.metrics')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, cache.DIR_VARIABLE: str(cache_dir), "PYTHONPATH": str(CODE)}

    def imported() -> str:
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return out.stderr.strip()

    # The first run loads and measures.
    assert (
        imported() == "['numpy', 'pyproj', 'routes.metrics', 'routes.network', 'shapely', 'yaml']"
    )
    # A wheel's own GEOS is named by its files; a GEOS of the system (a distribution's shapely)
    # by its version, which needs shapely (and numpy) imported.
    import shapely

    package = Path(shapely.__file__).parent
    wheel = [*package.parent.glob("shapely.libs/*geos*"), *package.glob(".dylibs/*geos*")]
    assert imported() == ("[]" if wheel else "['numpy', 'shapely']")


def test_a_comparison_is_kept_for_its_own_routes_and_in_their_order(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    selections = [[], ["cpc"], ["trans-caspian", "cpc"], ["cpc", "trans-caspian"]]
    with monkeypatch.context() as m:
        m.setenv(cache.OFF_VARIABLE, "1")
        afresh = [run(runner, ["compare", *ids, "--format", "json"]) for ids in selections]
    assert len(set(afresh)) == len(afresh)
    for ids in selections:
        run(runner, ["compare", *ids, "--format", "json"])
    no_loading(monkeypatch)
    assert [run(runner, ["compare", *ids, "--format", "json"]) for ids in selections] == afresh


def test_a_comparison_is_kept_before_it_is_sorted(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--sort orders the kept routes on every run: a run sorted another way, or not at all,
    reads the same entry."""
    with monkeypatch.context() as m:
        m.setenv(cache.OFF_VARIABLE, "1")
        plain = run(runner, ["compare", "--format", "csv"])
        by_capacity = run(runner, ["compare", "--format", "csv", "--sort", "-capacity_kbd"])
    assert plain != by_capacity
    run(runner, ["compare", "--format", "csv", "--sort", "-capacity_kbd"])
    no_loading(monkeypatch)
    assert run(runner, ["compare", "--format", "csv"]) == plain
    assert run(runner, ["compare", "--format", "csv", "--sort", "-capacity_kbd"]) == by_capacity


def test_arguments_cannot_pass_for_inputs(cache_dir: Path) -> None:
    """Each argument is its own part of the key, counted, so no two argument lists share one."""
    seen = {}
    for args in ([], ["a"], ["a", "b"], ["a b"], ["ab"], ["2", "a"], [""]):
        value = cache.derived("test", [], None, args, lambda: list(args))  # noqa: B023
        seen[tuple(args)] = value
    assert all(list(k) == v for k, v in seen.items())
    assert len(entries(cache_dir)) == 7
    assert cache.derived("test", [], None, ["a b"], lambda: "not kept") == ["a b"]


def test_geos_is_named_by_its_bundled_files_or_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel's own GEOS is in shapely's line by its files (shapely is then not imported for
    it); a GEOS of the system, by the version shapely reports."""
    import importlib.machinery

    import shapely

    site = tmp_path / "site"
    (site / "shapely").mkdir(parents=True)
    origin = site / "shapely" / "__init__.py"
    origin.write_text("", encoding="utf-8")
    spec = importlib.machinery.ModuleSpec("shapely", None, origin=str(origin))
    monkeypatch.setattr(cache, "find_spec", lambda name: spec)
    assert cache._geos() == f"GEOS {shapely.geos_version_string}"
    (site / "shapely.libs").mkdir()
    (site / "shapely.libs" / "libjpeg-0a1b.so.62").write_bytes(b"\x7fELF")
    assert cache._geos() == f"GEOS {shapely.geos_version_string}"
    (site / "shapely.libs" / "libgeos_c-ac38a227.so.1.20.5").write_bytes(b"\x7fELF")
    assert cache._geos() == "GEOS bundled"  # Linux (auditwheel)
    (site / "shapely.libs" / "libgeos_c-ac38a227.so.1.20.5").rename(
        site / "shapely.libs" / "geos_c-5f1b2c3d.dll"
    )
    assert cache._geos() == "GEOS bundled"  # Windows (delvewheel)
    (site / "shapely.libs" / "geos_c-5f1b2c3d.dll").unlink()
    assert cache._geos() == f"GEOS {shapely.geos_version_string}"
    (site / "shapely" / ".dylibs").mkdir()
    (site / "shapely" / ".dylibs" / "libgeos_c.1.20.5.dylib").write_bytes(b"\xcf\xfa")
    assert cache._geos() == "GEOS bundled"  # macOS (delocate)


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "no-such-route"],
        ["compare", "CPC", "--format", "json"],
        ["compare", "--sort", "capacity"],
        ["compare", "--data", "no-such-folder"],
        ["compare", "--weights", "no-such-file.yaml"],
    ],
    ids=["unknown route", "wrong case", "unknown sort field", "no data folder", "no weights"],
)
def test_a_mistake_reads_the_same_with_a_full_cache(
    args: list[str], runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing kept stands in for a check of the arguments: a mistake gives the same message
    and exit code with the cache full as with it off."""
    with monkeypatch.context() as m:
        m.setenv(cache.OFF_VARIABLE, "1")
        off = runner.invoke(app, args)
    run(runner, ["compare"])
    run(runner, ["compare", "--format", "json"])
    for _ in range(2):
        on = runner.invoke(app, args)
        assert (on.exit_code, on.stdout, on.stderr) == (off.exit_code, off.stdout, off.stderr)
        assert off.exit_code in (1, 2) and off.stderr


def test_a_comparison_with_other_weights_in_markdown_is_kept_apart(
    runner: CliRunner, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("weights:\n  sanctions: 1\n  disruption_history: 1\n", encoding="utf-8")
    plain = ["compare", "cpc", "trans-caspian", "--format", "markdown"]
    weighted = [*plain, "--weights", str(weights)]
    with monkeypatch.context() as m:
        m.setenv(cache.OFF_VARIABLE, "1")
        afresh = run(runner, plain), run(runner, weighted)
    assert afresh[0] != afresh[1]
    run(runner, plain)
    run(runner, weighted)
    no_loading(monkeypatch)
    assert (run(runner, plain), run(runner, weighted)) == afresh
