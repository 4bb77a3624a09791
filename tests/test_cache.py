"""The command line's cache of the checked and measured network (routes.cache): the same bytes
with or without it, found again only for the same inputs and code, never holding a problem."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routes import cache
from routes.cli import app

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
    (mine / "notes.md").rename(mine / "README.md")
    loads_afresh()
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
    (mine.parent / "mine" / "old").mkdir()  # a sub-folder is a problem, reported afresh
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "a sub-folder" in result.stderr


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


def test_a_problem_is_never_kept(
    runner: CliRunner, mine: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (mine / "costs.yaml").write_text(COSTS.replace("value: 10", "value: ten"), encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["compare", "--data", str(mine)])
        assert result.exit_code == 1 and "ten" in result.stderr
    from routes.risk import Profile

    (kept,) = entries(cache_dir)  # the risk profile, read before the data; not the network
    assert isinstance(cache._recall(kept.removesuffix(cache.SUFFIX)), Profile)


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


def test_a_list_entry_gains_the_measures_without_loading_again(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(runner, ["list"])  # keeps the network, not measured
    with monkeypatch.context() as m:
        m.setattr("routes.validate.load_network", lambda *a, **k: (_ for _ in ()).throw(Loaded))
        first = run(runner, ["compare", "--format", "json"])  # measures it, and keeps that
    no_loading(monkeypatch)
    assert run(runner, ["compare", "--format", "json"]) == first


def test_a_damaged_entry_is_read_afresh_and_replaced(
    runner: CliRunner, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(runner, ["compare", "--format", "json"])
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
    assert cache._recall("0" * 40) is None
    assert cache._recall(entry.name.removesuffix(cache.SUFFIX)) is not None


def test_an_entry_others_may_write_is_not_read(runner: CliRunner, cache_dir: Path) -> None:
    """Reading an entry runs what it holds: one anybody could have written is replaced."""
    run(runner, ["list"])
    (entry,) = cache_dir.glob("*" + cache.SUFFIX)
    key = entry.name.removesuffix(cache.SUFFIX)
    assert cache._recall(key) is not None
    for mode in (0o620, 0o602):
        entry.chmod(mode)
        assert cache._recall(key) is None
    run(runner, ["list"])  # written afresh, private
    assert entry.stat().st_mode & 0o777 == 0o600 and cache._recall(key) is not None


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
        cache._keep(key, n)
        os.utime(cache_dir / (key + cache.SUFFIX), ns=(n * 10**9, n * 10**9))
    assert cache._recall(keys[0]) is None  # pruned when the later ones were written
    assert cache._recall(keys[3]) == 3  # read: now the most recently used
    cache._keep("f" * 40, "new")
    kept = entries(cache_dir)
    assert len(kept) == cache.MAX_ENTRIES
    assert keys[3] + cache.SUFFIX in kept and keys[4] + cache.SUFFIX not in kept
    assert not list(cache_dir.glob(".*"))  # no temporary file left


def test_an_edit_to_the_code_or_a_library_changes_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Python checks its bytecode: a module written again (an edit, a reinstall, an
    upgrade) has another modification time."""
    import routes.units

    code = cache._code.__wrapped__
    module = Path(routes.units.__file__)
    before = code()
    st = module.stat()
    try:
        os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        assert code() != before
    finally:
        os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert code() == before
    library = tmp_path / "measuring_library"
    library.mkdir()
    (library / "__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cache, "LIBRARIES", (*cache.LIBRARIES, "measuring_library"))
    with_library = code()
    (library / "__init__.py").write_text("VERSION = 22\n", encoding="utf-8")  # upgraded
    assert code() != with_library


def test_the_library_keeps_no_cache(cache_dir: Path) -> None:
    import routes

    routes.compare(routes.load(), ["cpc"])
    assert not cache_dir.exists()


def test_a_compare_from_the_cache_imports_neither_pyproj_nor_yaml(
    cache_dir: Path, tmp_path: Path
) -> None:
    """What makes it fast: the measures need pyproj and the files PyYAML, and neither is read."""
    code = (
        "import sys\nfrom routes.cli import run\nsys.argv = ['routes', 'compare']\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pyproj', 'yaml') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, cache.DIR_VARIABLE: str(cache_dir)}

    def imported() -> str:
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return out.stderr.strip()

    assert imported() == "['pyproj', 'yaml']"  # the first run loads and measures
    assert imported() == "[]"
