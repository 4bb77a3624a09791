"""The `routes` command's cache of the checked network, its measures and the risk profile.

Reading, checking and measuring the data is most of what a command does beyond importing its
libraries, and it gives the same result every time the same bytes are read by the same code. So
the command line keeps that result between runs, in one file per set of inputs, and reads it
back instead of doing the work again. An entry is found by a fingerprint of everything the
result depends on:

- every data folder as given and where it resolves, the name and kind of every entry in it,
  and the bytes of every data file in it (a single byte changed, a file added, renamed or
  removed, gives another fingerprint);
- the working directory, when you give a data folder of your own (outputs name your files
  relative to it);
- the code: the size and modification time of each of routes' own modules and of the
  libraries it measures with (shapely, pyproj, numpy, PyYAML), and the Python version, as
  Python itself checks its bytecode;
- for the risk profile, the bytes of the packaged profile and of the ``--weights`` file.

Only a successful load is kept: data with a problem is read and checked again on every run, so
its message never comes from the cache. An entry that cannot be read (damaged, written by
another version) is ignored and replaced; a cache folder that cannot be written is skipped. The
outputs are the same bytes with or without the cache (the tests run every command both ways).

The folder is ``$ROUTES_CACHE_DIR``, else ``$XDG_CACHE_HOME/routes``, else
``~/.cache/routes``; it holds at most `MAX_ENTRIES` entries, the least recently used going
first. ``ROUTES_NO_CACHE=1`` turns the cache off. The library (`routes.load`...) does not use
it: a notebook loads once and keeps the network in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

if TYPE_CHECKING:
    from routes.metrics import Measures
    from routes.network import Network
    from routes.risk import Profile

#: Raised whenever an entry's layout changes, so that older entries are not read.
CACHE_FORMAT: Final[int] = 1
#: Entries kept; a large --data folder's entry may take tens of MB.
MAX_ENTRIES: Final[int] = 8
#: Environment variables: the cache's folder, and any non-empty value turns the cache off.
DIR_VARIABLE: Final[str] = "ROUTES_CACHE_DIR"
OFF_VARIABLE: Final[str] = "ROUTES_NO_CACHE"
#: The libraries whose versions can change a measure.
LIBRARIES: Final[tuple[str, ...]] = ("shapely", "pyproj", "numpy", "yaml")
SUFFIX: Final[str] = ".pickle"

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache's folder, or None when the cache is turned off."""
    if os.environ.get(OFF_VARIABLE):
        return None
    given = os.environ.get(DIR_VARIABLE)
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "routes"


def network(data: Sequence[Path], *, measured: bool) -> tuple[Network, Measures | None]:
    """The network read from the packaged data and `data`, checked, and measured when asked:
    from the cache when the same inputs were loaded before by the same code, else loaded (any
    problem raised as `routes.validate.load_network` raises it) and kept.

    The measures come back None when not asked for and not kept."""
    key = _key("network", _folders_parts(data))
    kept = _recall(key)
    if isinstance(kept, tuple) and len(kept) == 2:
        net, ms = kept
        if ms is not None or not measured:
            return net, ms
    else:
        from routes.validate import load_network

        net, ms = load_network(list(data)), None
    if measured:
        from routes.metrics import measure

        ms = measure(net)
    _keep(key, (net, ms))
    return net, ms


def profile(weights: Path | None) -> Profile:
    """The risk profile (`routes.risk.load_profile`), from the cache when the same files were
    read before by the same code."""
    from routes.risk import DEFAULT_PROFILE, load_profile

    files = [DEFAULT_PROFILE] if weights is None else [DEFAULT_PROFILE, weights]
    parts = _files_parts(files)  # a profile holds no file name: where it was read from is moot
    return _cached(
        _key("profile", parts) if parts is not None else None, lambda: load_profile(weights)
    )


def _cached(key: str | None, compute: Callable[[], T]) -> T:
    kept = _recall(key)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    value = compute()
    _keep(key, value)
    return value


def _key(kind: str, parts: Iterable[bytes | str] | None) -> str | None:
    """The fingerprint of an entry, or None when an input cannot be read (the loader then
    reports it)."""
    if parts is None or cache_dir() is None:
        return None
    digest = hashlib.blake2b(digest_size=20)
    for part in (str(CACHE_FORMAT), kind, sys.version, *_code(), *parts):
        raw = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "big"))
        digest.update(raw)
    return digest.hexdigest()


@cache
def _code() -> tuple[str, ...]:
    """Where each of routes' modules and the libraries it measures with lies, its size and
    when it was written: an edit, a reinstall or an upgrade changes one of them."""
    here = Path(__file__).parent
    out = []
    for path in [*sorted(here.glob("*.py")), *sorted((here / "profiles").glob("*"))]:
        out.append(_stat_text(path))
    for name in LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        out.append(f"{name}: {_stat_text(Path(origin)) if origin else 'absent'}")
    return tuple(out)


def _stat_text(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path} unreadable"
    return f"{path} {st.st_size} {st.st_mtime_ns}"


def _folders_parts(data: Sequence[Path]) -> list[bytes | str] | None:
    """Each data folder as given and resolved, each of its entries by name and kind, and the
    bytes of each file in it; None when a folder cannot be listed or a file read."""
    from routes.io import packaged_data_dir

    # Your files are named relative to the working directory; the packaged ones never are.
    parts: list[bytes | str] = [os.getcwd()] if data else []
    try:
        for folder in [packaged_data_dir(), *data]:
            parts += [str(folder), str(folder.resolve())]
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                # As the loader sees it, through links: a link to a file is read as the
                # file, and a link to nowhere is neither (a problem the loader reports).
                if entry.is_dir():
                    parts.append(f"{entry.name} dir")
                elif entry.is_file():
                    parts += [f"{entry.name} file", _digest(Path(entry.path))]
                else:
                    parts.append(f"{entry.name} other")
    except (OSError, ValueError):
        return None
    return parts


def _files_parts(files: Sequence[Path]) -> list[bytes | str] | None:
    try:
        return [p for f in files for p in (str(f), str(f.resolve()), _digest(f))]
    except (OSError, ValueError):
        return None


def _digest(path: Path) -> bytes:
    return hashlib.blake2b(path.read_bytes(), digest_size=20).digest()


def _recall(key: str | None) -> Any:
    """The value kept under `key`, or None when there is none or it cannot be read.

    Reading an entry runs what it holds (it is a pickle), so only an entry of the user's own
    that no one else may write is read: one in a shared folder is ignored and replaced."""
    folder = cache_dir()
    if key is None or folder is None:
        return None
    path = folder / (key + SUFFIX)
    try:
        with path.open("rb") as f:
            st = os.fstat(f.fileno())
            if st.st_mode & 0o022 or st.st_uid != getattr(os, "getuid", lambda: st.st_uid)():
                return None
            kept = pickle.load(f)
    except Exception:  # missing, damaged, or from other code: load afresh
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    if not (isinstance(kept, tuple) and len(kept) == 3 and kept[:2] == (CACHE_FORMAT, key)):
        return None
    return kept[2]


def _keep(key: str | None, value: object) -> None:
    """Keep `value` under `key`, written whole or not at all; any failure is ignored (the
    cache only saves time)."""
    folder = cache_dir()
    if key is None or folder is None:
        return
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((CACHE_FORMAT, key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / (key + SUFFIX))
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except Exception:
        return


def _prune(folder: Path) -> None:
    """Drop the least recently used entries beyond `MAX_ENTRIES`."""
    entries = sorted(
        (e.stat().st_mtime_ns, e.name) for e in os.scandir(folder) if e.name.endswith(SUFFIX)
    )
    for _, name in entries[: max(0, len(entries) - MAX_ENTRIES)]:
        with contextlib.suppress(OSError):
            os.unlink(folder / name)
