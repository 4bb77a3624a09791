"""The `routes` command's cache of the checked network, its measures, the risk profile and the
documents worked out from them.

Reading, checking and measuring the data is most of what a command does beyond importing its
libraries, and it gives the same result every time the same bytes are read by the same code. So
the command line keeps that result between runs, in one file per set of inputs, and reads it
back instead of doing the work again. `compare` keeps its whole comparison too (`derived`), as
plain data for its routes as given: reading it back needs neither numpy nor shapely nor routes'
classes, which halves a run. An entry is found by a fingerprint of everything the result
depends on:

- every data folder as given and where it resolves; the name and kind (file, folder, other)
  of every entry in it but hidden ones; for each data file (`routes.io.LAYER_FILES`), where
  it resolves (outputs name a linked file by its target) and its bytes;
- the working directory, when you give a data folder of your own (outputs name your files
  relative to it);
- the code: the bytes of routes' own modules and risk profiles; for each library it measures
  with (shapely, pyproj, numpy, PyYAML), its installed version, the size and modification
  time of the files at the top of its package and of the shared libraries its wheel bundles
  (a rebuild under the same version that changes only a sub-package is not seen); GEOS, by
  those files when shapely's wheel bundles it, else by its version; Python's version;
- for the risk profile, the packaged profile's and the ``--weights`` file's bytes and names;
- for a document, both of the above and the command's arguments.

An entry is kept only when the load succeeded and the inputs' fingerprint, taken again after
loading, is unchanged (a file saved meanwhile is read afresh on the next run): data with a
problem is read and checked again on every run, so its message never comes from the cache.
An entry starts with the key it was kept under and its payload's digest, and is unpickled only
when both match. Unpickling runs what an entry holds, so only a regular file of the user's own,
in a folder of the user's own, that no one else may write, is read; anything else, and an entry
that cannot be read (damaged, written by another version), is ignored and replaced. A cache
folder that cannot be written is skipped. The outputs are the same bytes with or without the
cache (the tests run every command both ways).

The folder is ``$ROUTES_CACHE_DIR``, else ``$XDG_CACHE_HOME/routes``, else
``~/.cache/routes``; it holds at most `MAX_ENTRIES` entries, the least recently used going
first. ``ROUTES_NO_CACHE=1`` turns the cache off: nothing is fingerprinted, read or written.
The library (`routes.load`...) does not use it: a notebook loads once and keeps the network in
memory.

Not seen: a system library upgraded under a Linux distribution's build of shapely or pyproj
(GEOS's version is in the fingerprint, PROJ's is not: its geodesics have not changed since PROJ
4.9); set ``ROUTES_NO_CACHE=1`` or empty the folder after such an upgrade.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

if TYPE_CHECKING:
    from routes.metrics import Measures
    from routes.network import Network
    from routes.risk import Profile

T = TypeVar("T")

#: Raised whenever an entry's layout changes, so that older entries are not read.
CACHE_FORMAT: Final[int] = 1
#: Entries kept: a network, a risk profile and a command's document take one each (a few kB for
#: a profile, under 0.5 MB each on the packaged data; at 1,000 extra routes compare's document
#: takes ~6.5 MB and the network ~3.5 MB).
MAX_ENTRIES: Final[int] = 16
#: A temporary file older than this was left by a run that was killed: removed when pruning.
STALE_TEMPORARY_S: Final[float] = 3600.0
#: Environment variables: the cache's folder, and any non-empty value turns the cache off.
DIR_VARIABLE: Final[str] = "ROUTES_CACHE_DIR"
OFF_VARIABLE: Final[str] = "ROUTES_NO_CACHE"
#: The libraries whose versions can change a measure, by module and distribution name.
LIBRARIES: Final[dict[str, str]] = {
    "shapely": "shapely",
    "pyproj": "pyproj",
    "numpy": "numpy",
    "yaml": "PyYAML",
}
SUFFIX: Final[str] = ".pickle"
TEMPORARY: Final[str] = ".tmp"
#: The names of the files the cache writes: pruning never touches any other.
ENTRY_NAME: Final[re.Pattern[str]] = re.compile(r"[0-9a-f]{40}\.pickle")
TEMPORARY_PREFIX: Final[str] = ".routes-cache-"
#: Where permissions mean what they say (owner and mode bits).
POSIX: Final[bool] = os.name == "posix"


def cache_dir() -> Path | None:
    """The cache's folder (absolute), or None when the cache is turned off or there is no home
    folder to keep it in. A relative ``$ROUTES_CACHE_DIR`` is taken from the working directory;
    a relative ``$XDG_CACHE_HOME`` is ignored, as its specification says."""
    if os.environ.get(OFF_VARIABLE):
        return None
    given = os.environ.get(DIR_VARIABLE)
    try:
        if given:
            return Path(os.path.abspath(given))
    except OSError:  # relative, and the working directory is gone
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "routes"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "routes" if os.path.isabs(home) else None


def describe() -> str:
    """Where the cache is, in words, for `routes data-path`."""
    folder = cache_dir()
    if folder is None:
        return f"off ({OFF_VARIABLE} is set)" if os.environ.get(OFF_VARIABLE) else "off (no home)"
    if folder.exists() and not _usable(folder, create=False):
        return f"{folder} (not used: not a folder of yours that only you may write)"
    return str(folder)


def _folder_for(data: Sequence[Path]) -> Path | None:
    """The cache's folder for a run on these data folders: none when it lies inside one of them
    or the packaged data (its entries would be read as a sub-folder of data)."""
    from routes.io import data_folder_holding, packaged_data_dir

    folder = cache_dir()
    if folder is None:
        return None
    try:
        inside = data_folder_holding(folder, [packaged_data_dir(), *data])
    except (OSError, ValueError):
        return None
    return folder if inside is None else None


def network(data: Sequence[Path], *, measured: bool) -> tuple[Network, Measures | None]:
    """The network read from the packaged data and `data`, checked, and measured when asked:
    from the cache when the same inputs were loaded before by the same code, else loaded (any
    problem raised as `routes.validate.load_network` raises it) and kept.

    The measures come back None when not asked for and not kept."""
    folder = _folder_for(data)
    parts = _folders_parts(data) if folder is not None else None
    key = _key("network", parts)
    kept = _recall(folder, key)
    if isinstance(kept, tuple) and len(kept) == 2:
        net, ms = kept
        if ms is not None or not measured:
            return net, ms
        unchanged = True  # the kept network is that of these inputs
    else:
        from routes.validate import load_network

        net, ms = load_network(list(data)), None
        unchanged = key is not None and _folders_parts(data) == parts
    if measured:
        from routes.metrics import measure

        ms = measure(net)
    if unchanged:
        _keep(folder, key, (net, ms))
    return net, ms


def profile(weights: Path | None, data: Sequence[Path] = ()) -> Profile:
    """The risk profile (`routes.risk.load_profile`), from the cache when the same files were
    read before by the same code (`data`: the run's data folders, where no entry may go)."""
    from routes.risk import load_profile

    return _remembered(
        "profile",
        data,
        lambda: _files_parts(_profile_files(weights)),
        lambda: load_profile(weights),
    )


def derived(
    kind: str,
    data: Sequence[Path],
    weights: Path | None,
    args: Sequence[str],
    work: Callable[[], T],
) -> T:
    """What `work` makes of the network read from `data` and the risk profile (with
    `--weights`) for a command's arguments `args`, from the cache when the same inputs and
    arguments gave it before, else worked out and kept. `work` must return plain data (dicts,
    lists, strings, numbers): reading it back then imports none of routes' classes, nor
    numpy or shapely, which is most of a command's time once the network is kept."""

    def inputs() -> list[bytes | str] | None:
        parts = _derived_parts(data, weights)
        # The arguments first and counted: no argument can pass for an input's part.
        return None if parts is None else [str(len(args)), *args, *parts]

    return _remembered(kind, data, inputs, work)


def _remembered(
    kind: str,
    data: Sequence[Path],
    inputs: Callable[[], list[bytes | str] | None],
    work: Callable[[], T],
) -> T:
    """`work`'s value, from the cache when one was kept under the fingerprint of `inputs()`
    (the parts it rests on; None when they cannot be read), else worked out, and kept only
    when those parts are the same after the work as before it."""
    folder = _folder_for(data)
    parts = inputs() if folder is not None else None
    key = _key(kind, parts)
    kept = _recall(folder, key)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    value = work()
    if key is not None and inputs() == parts:
        _keep(folder, key, value)
    return value


def _profile_files(weights: Path | None) -> list[Path]:
    from routes.io import DEFAULT_PROFILE

    return [DEFAULT_PROFILE] if weights is None else [DEFAULT_PROFILE, weights]


def _derived_parts(data: Sequence[Path], weights: Path | None) -> list[bytes | str] | None:
    """The data's and the risk profile's parts of a fingerprint, or None."""
    folders = _folders_parts(data)
    files = _files_parts(_profile_files(weights))
    return None if folders is None or files is None else [*folders, "profile", *files]


def _key(kind: str, parts: Iterable[bytes | str] | None) -> str | None:
    """The fingerprint of an entry, or None when an input cannot be fingerprinted (the
    loader then reports it, or reads it once)."""
    if parts is None:
        return None
    try:
        code = _code()
    except OSError:  # a module being replaced: an upgrade under way
        return None
    if code is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    for part in (str(CACHE_FORMAT), kind, sys.version, *code, *parts):
        raw = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "big"))
        digest.update(raw)
    return digest.hexdigest()


@cache
def _code() -> tuple[str, ...] | None:
    """What identifies the code that loads and measures: routes' own sources, and each
    library's version and files; None when a library cannot be identified (nothing is then
    cached)."""
    here = Path(__file__).parent
    libraries = [library_text(module, dist) for module, dist in LIBRARIES.items()]
    if None in libraries:
        return None
    return (
        sources_digest([*sorted(here.glob("*.py")), *sorted((here / "profiles").glob("*"))]),
        _geos(),
        *(text for text in libraries if text is not None),
    )


def _geos() -> str:
    """The GEOS that shapely measures with. A wheel bundles its own copy, in a folder of shared
    libraries whose files `library_text` lists by size and time: that identifies it without
    importing shapely (~60 ms a command reading a kept document would not spend). Any other
    build (a distribution's, conda's) links a GEOS of its system: its version, as shapely
    reports it."""
    spec = find_spec("shapely")
    if spec is not None and spec.origin is not None:
        origin = Path(spec.origin)
        for folder in _bundled(origin.parent, origin.parent.parent, "shapely"):
            with contextlib.suppress(OSError):
                if any("geos" in name.lower() for name in os.listdir(folder)):
                    return "GEOS bundled"
    import shapely

    return f"GEOS {shapely.geos_version_string}"


def _bundled(package: Path | None, site: Path, module: str) -> list[Path]:
    """Where a wheel keeps the shared libraries it bundles: ``<module>.libs`` beside the
    package (Linux's auditwheel, Windows' delvewheel) or ``.dylibs`` inside it (macOS's
    delocate)."""
    return [site / f"{module}.libs", *([package / ".dylibs"] if package is not None else [])]


def sources_digest(paths: Sequence[Path]) -> str:
    """One digest of files' names and bytes (an edit shows, whatever its timestamps)."""
    digest = hashlib.blake2b(digest_size=20)
    for path in paths:
        raw = path.read_bytes()
        digest.update(f"{path.name} {len(raw)}\n".encode())
        digest.update(raw)
    return digest.hexdigest()


def library_text(module: str, dist: str) -> str | None:
    """An installed library as a line of text: its version (the names of its .dist-info or
    .egg-info folders), and the size and modification time of each file at the top of its
    package folder and in the folders of shared libraries its wheel bundles (`_bundled`);
    'absent' when it is not installed, None when it cannot be identified."""
    try:
        spec = find_spec(module)
    except (ImportError, ValueError):  # loaded without a spec: nothing to identify it by
        return None
    if spec is None or spec.origin is None:
        return f"{module}: absent"
    origin = Path(spec.origin)
    package = origin.parent if origin.name == "__init__.py" else None
    site = (package or origin).parent
    prefix = dist.lower() + "-"
    try:
        versions = sorted(
            n
            for n in os.listdir(site)
            if n.lower().startswith(prefix) and n.endswith((".dist-info", ".egg-info"))
        )
        files = [origin] if package is None else []
        for folder in ([package] if package is not None else []) + _bundled(package, site, module):
            if folder.is_dir():
                files += sorted(Path(e.path) for e in os.scandir(folder) if e.is_file())
        stats = [f"{f.name} {st.st_size} {st.st_mtime_ns}" for f in files for st in [f.stat()]]
    except OSError:
        return None
    return f"{module} {origin} {' '.join(versions)}: {', '.join(stats)}"


def _folders_parts(data: Sequence[Path]) -> list[bytes | str] | None:
    """Each data folder as given and resolved, each of its entries by name and kind, and each
    data file's resolved path and bytes; None when that cannot be read (the loader reports
    it)."""
    from routes.io import LAYER_FILES, packaged_data_dir

    layers = frozenset(LAYER_FILES.values())
    try:
        # Your files are named relative to the working directory; the packaged ones never are.
        parts: list[bytes | str] = [os.getcwd()] if data else []
        for folder in [packaged_data_dir(), *data]:
            # As given, and where it resolves: outputs name your folder by the latter.
            parts += [str(folder), os.path.realpath(folder)]
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                # As the loader sees it: through links, and without hidden entries.
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    parts.append(f"{entry.name} dir")
                elif not entry.is_file():
                    parts.append(f"{entry.name} other")
                elif entry.name in layers:
                    path = os.path.realpath(entry.path)
                    parts += [f"{entry.name} file {path}", _digest(path)]
                else:  # not read: its name is enough (a misnamed data file is a problem)
                    parts.append(f"{entry.name} file")
    except (OSError, ValueError):
        return None
    return parts


def _files_parts(files: Sequence[Path]) -> list[bytes | str] | None:
    """Each file's name as given and resolved, and its bytes; None when one is no regular
    file (a pipe is read once, by the loader) or cannot be read."""
    parts: list[bytes | str] = []
    try:
        for f in files:
            if not stat.S_ISREG(os.stat(f).st_mode):
                return None
            parts += [str(f), os.path.realpath(f), _digest(f)]
    except (OSError, ValueError):
        return None
    return parts


def _digest(path: str | Path) -> bytes:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, lambda: hashlib.blake2b(digest_size=20)).digest()


def _private(st: os.stat_result) -> bool:
    """Whether a file or folder is the user's own and no one else may write it."""
    return not POSIX or (st.st_uid == os.getuid() and not st.st_mode & 0o022)


def _usable(folder: Path, *, create: bool) -> bool:
    """Whether the cache folder exists (made, private, when `create`) and is private."""
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def _recall(folder: Path | None, key: str | None) -> Any:
    """The value kept under `key`, or None when there is none or it may not be read."""
    if folder is None or key is None or not _usable(folder, create=False):
        return None
    path = folder / (key + SUFFIX)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # none, or a link
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not (stat.S_ISREG(st.st_mode) and st.st_nlink == 1 and _private(st)):
                return None
            head, _, payload = f.read().partition(b"\n")
        # The payload is unpickled only when whole: damage shows as another digest.
        if head != _head(key, payload):
            return None
        kept = pickle.loads(payload)
    except Exception:  # unreadable, or from other code: load afresh
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return kept


def _head(key: str, payload: bytes) -> bytes:
    """An entry's first line: the layout, the key it was kept under and its payload's digest."""
    digest = hashlib.blake2b(payload, digest_size=20).hexdigest()
    return f"routes-cache {CACHE_FORMAT} {key} {digest}".encode()


def _keep(folder: Path | None, key: str | None, value: object) -> None:
    """Keep `value` under `key`, written whole or not at all; any failure is ignored (the
    cache only saves time)."""
    if folder is None or key is None or not _usable(folder, create=True):
        return
    import tempfile

    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_head(key, payload) + b"\n" + payload)
            os.replace(tmp, folder / (key + SUFFIX))
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except Exception:
        return


def _prune(folder: Path) -> None:
    """Drop the least recently used entries beyond `MAX_ENTRIES`, and the temporary files of
    runs that were killed while writing; files of any other name are left alone."""
    entries, stale = [], []
    for e in os.scandir(folder):
        with contextlib.suppress(OSError):
            if ENTRY_NAME.fullmatch(e.name):
                entries.append((e.stat().st_mtime_ns, e.name))
            elif (
                e.name.startswith(TEMPORARY_PREFIX)
                and e.name.endswith(TEMPORARY)
                and time.time() - e.stat().st_mtime > STALE_TEMPORARY_S
            ):
                stale.append(e.name)
    entries.sort()
    for name in [n for _, n in entries[: max(0, len(entries) - MAX_ENTRIES)]] + stale:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
