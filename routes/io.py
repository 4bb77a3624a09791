"""The only module that touches files: find and read data folders, write outputs atomically."""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from routes.errors import DataError, UsageError, shown

#: The files a data folder may hold, by layer.
LAYER_FILES: Final[dict[str, str]] = {
    "sources": "sources.yaml",
    "nodes": "nodes.geojson",
    "segments": "segments.geojson",
    "routes": "routes.yaml",
    "events": "events.yaml",
    "costs": "costs.yaml",
    "countries": "countries.yaml",
    "assumptions": "assumptions.yaml",
    "crudes": "crudes.yaml",
    "supply": "supply.yaml",
    "scenarios": "scenarios.yaml",
    "boundaries": "boundaries.geojson",
}
GEOJSON_LAYERS: Final[frozenset[str]] = frozenset({"nodes", "segments", "boundaries"})
ACCEPTED_CRS: Final[frozenset[str]] = frozenset(
    {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
    }
)


@dataclass(frozen=True)
class RawRecord:
    """One feature or entry as read from a file, before validation.

    ``data`` holds a GeoJSON feature's properties plus its ``geometry``, or a YAML entry.
    """

    file: str
    index: int
    data: dict[str, Any]
    #: What the record is called in messages: a data layer's ``feature``, a file's ``scenario``.
    noun: str = "feature"
    #: Which of the data folders it came from: 0 is the first (the packaged data).
    folder: int = 0

    @property
    def ident(self) -> Any:
        """What names the entry, as written: its ``id`` (a country's ``iso3``); any value."""
        return self.data.get("id", self.data.get("iso3"))

    @property
    def label(self) -> str:
        ident = self.ident
        if isinstance(ident, str) and ident:
            return f"{self.file}: {self.noun} {shown(ident, 60)}"
        return f"{self.file}: entry #{self.index + 1}"


@dataclass(frozen=True)
class RawData:
    """Every layer's records, later folders overriding earlier ones by id, and the input digest.

    ``replaced`` keeps, by layer and id, the record a later folder's entry replaced, so that
    output can say what an override changed and a message can blame the file that broke it.
    """

    layers: dict[str, list[RawRecord]]
    digest: str
    folders: tuple[Path, ...] = ()
    replaced: dict[str, dict[str, RawRecord]] = field(default_factory=dict)

    def files(self) -> tuple[Path, ...]:
        """Every data file the folders could hold (read or not): what no output may overwrite."""
        return tuple(folder / name for folder in self.folders for name in LAYER_FILES.values())


def packaged_data_dir() -> Path:
    """The `geodata/` folder shipped with the package (wheel) or beside it (source checkout)."""
    found = _shipped("geodata", LAYER_FILES["segments"])
    if found is None:
        raise DataError(
            f"the packaged geodata folder was not found beside {_HERE}; reinstall routes "
            "(pip install -e .) or pass --data DIR"
        )
    return found


def packaged_docs_dir() -> Path:
    """The `docs/` folder shipped with the package (wheel) or beside it (source checkout)."""
    found = _shipped("docs", "data.md")
    if found is None:
        raise DataError(
            f"the packaged docs folder was not found beside {_HERE}; reinstall routes "
            "(pip install -e .)"
        )
    return found


_HERE: Final[Path] = Path(__file__).resolve().parent
#: The packaged risk profile (`routes.risk.load_profile`).
DEFAULT_PROFILE: Final[Path] = Path(__file__).parent / "profiles" / "default.yaml"


def _shipped(name: str, marker: str) -> Path | None:
    """The folder `name` inside the package (a wheel) or beside it (a checkout), found by a
    file it must hold; None when neither has it."""
    for candidate in (_HERE / name, _HERE.parent / name):
        if (candidate / marker).is_file():
            return candidate
    return None


def real_path(path: Path) -> Path:
    """Where a path leads, through links and relative parts, as far as it can be followed: a
    link loop is left where it loops (where `Path.resolve` raises on Python 3.11)."""
    return Path(os.path.realpath(path))


def display_path(path: Path) -> str:
    """A short path for messages: a packaged data file as ``geodata/<name>`` wherever routes is
    installed and run from (so that outputs naming it are the same bytes on every machine),
    any other path relative to the working directory when it is below it (as given when the
    working directory is gone)."""
    try:
        resolved = real_path(path)
    except OSError:
        return str(path)
    try:
        return str(Path("geodata") / resolved.relative_to(_packaged_resolved()))
    except (ValueError, DataError):
        pass
    try:
        return str(resolved.relative_to(real_path(Path(os.getcwd()))))
    except (ValueError, OSError):
        return str(path)


@functools.cache
def _packaged_resolved() -> Path:
    return real_path(packaged_data_dir())


#: How deep a data file may nest (a GeoJSON MultiPolygon needs 4 levels; far more is an error).
MAX_NESTING: Final[int] = 64


class _Duplicate(Exception):
    """A key given twice in one mapping (the later value would silently win)."""

    def __init__(self, key: object, line: int | None = None, first: int | None = None) -> None:
        super().__init__(key)
        self.key, self.line, self.first = key, line, first


class _Constant(Exception):
    """NaN or Infinity in JSON: not a number a figure can hold."""


def _duplicate_message(name: str, exc: _Duplicate) -> str:
    where = f" at line {exc.line}" if exc.line is not None else ""
    first = f" (first at line {exc.first})" if exc.first is not None else ""
    return (
        f"{name}: the key {shown(exc.key)} appears twice in one mapping{where}{first}, so "
        "one of its values would be silently dropped; keep one of them"
    )


def _nesting_message(name: str, *, aliases: bool = False) -> str:
    if aliases:  # YAML: an alias (*name) inside the node it names (&name) nests without end
        return (
            f"{name}: nested more than {MAX_NESTING} levels deep, or an alias (*name) "
            "inside the entry it names (&name); check the brackets and the aliases"
        )
    return (
        f"{name}: nested more than {MAX_NESTING} levels deep, deeper than any data file "
        "needs; check the brackets"
    )


#: The values a parsed data file holds that are neither lists nor mappings.
_SCALARS: Final[frozenset[type]] = frozenset({str, int, float, bool, type(None)})


def _depth(doc: Any) -> int:
    """How deeply lists and mappings nest, level by level over distinct objects: iterative, so
    a deep document cannot overflow the stack, and each shared object (a YAML alias) is seen
    once a level, so an alias bomb costs no more than its text.

    >>> _depth({"a": [1, {"b": []}]}), _depth(3)
    (4, 0)
    """
    level: dict[int, Any] = {id(doc): doc} if isinstance(doc, list | dict) else {}
    depth = deepest = 0
    while level and depth <= MAX_NESTING:
        depth += 1
        below: dict[int, Any] = {}
        for item in level.values():
            if type(item) is list and len(item) > 8:
                # A list of scalars, or of lists of scalars (a ring of coordinates), is
                # measured by its types alone: no need to walk each pair as a level of its own.
                kinds = set(map(type, item))
                if kinds <= _SCALARS:
                    continue
                if kinds == {list}:
                    distinct = dict(zip(map(id, item), item, strict=True)).values()
                    if set(map(type, itertools.chain.from_iterable(distinct))) <= _SCALARS:
                        deepest = depth + 1
                        continue
            for child in item.values() if isinstance(item, dict) else item:
                if isinstance(child, list | dict):
                    below[id(child)] = child
        level = below
    return min(max(depth, deepest), MAX_NESTING + 1)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


_JSON_TOKEN: Final[re.Pattern[str]] = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def _json_duplicate_lines(text: str) -> tuple[int, int] | None:
    """The lines of the first key given twice in one JSON object, and of its first use.

    Only on the error path: the parser's hook sees a mapping's pairs but not where they stand.

    >>> _json_duplicate_lines('{"a": {"b": 1,\\n "b": 2}, "c": {"b": 3}}')
    (2, 1)
    """
    objects: list[dict[str, int] | None] = []  # per open bracket: the keys seen, None for a list
    last: tuple[str, int] | None = None  # the string just read, and its line
    pos, line = 0, 1
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if token == ":" and last is not None and objects and objects[-1] is not None:
            key, key_line = last
            if key in objects[-1]:
                return key_line, objects[-1][key]
            objects[-1][key] = key_line
        elif token in "{[":
            objects.append({} if token == "{" else None)
        elif token in "}]" and objects:
            objects.pop()
        last = (json.loads(token), line) if token.startswith('"') else None
    return None


def _json_constant(name: str) -> Any:
    raise _Constant(name)


def _parse_json(path: Path, text: str) -> Any:
    name = display_path(path)
    if not text.strip():
        raise DataError(
            f"{name}: the file is empty; write a GeoJSON FeatureCollection in it, or remove it"
        )
    try:
        doc = json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_json_constant)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{name}: malformed JSON at line {exc.lineno} column {exc.colno} "
            f"({exc.msg}); fix the syntax there"
        ) from None
    except _Duplicate as exc:
        exc.line, exc.first = _json_duplicate_lines(text) or (None, None)
        raise DataError(_duplicate_message(name, exc)) from None
    except _Constant as exc:
        raise DataError(
            f"{name}: holds {exc}, which is no number in JSON; write a plain "
            "number, or null with a note"
        ) from None
    except RecursionError:
        raise DataError(_nesting_message(name)) from None
    if _depth(doc) > MAX_NESTING:
        raise DataError(_nesting_message(name))
    return doc


def _yaml_loader() -> Any:
    """A safe YAML loader (libyaml's when installed, ~10x faster) that keeps dates as text, so an
    impossible date is reported by the field that holds it, and refuses a key given twice."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    if key in seen:
                        raise _Duplicate(key, line, seen[key])
                    seen[key] = line
                except TypeError:  # an unhashable key: the base constructor reports it
                    break
            return super().construct_mapping(node, deep=deep)

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return Loader


def _parse_yaml(path: Path, text: str) -> Any:
    import yaml

    name = display_path(path)
    try:
        doc = yaml.load(text, Loader=_yaml_loader())
    except _Duplicate as exc:
        raise DataError(_duplicate_message(name, exc)) from None
    except RecursionError:
        raise DataError(_nesting_message(name, aliases=True)) from None
    except yaml.constructor.ConstructorError as exc:
        # A tag such as !!python/object: safe loading refuses it, and no data file needs one.
        mark = exc.problem_mark
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        found = re.search(r"tag '([^']*)'", exc.problem or "")
        tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "?"
        raise DataError(
            f"{name}: the tag {shown(tag)}{where} "
            "is not one routes reads; remove it and write the plain value"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "unreadable YAML"
        raise DataError(
            f"{name}: malformed YAML{where} ({problem}); fix the syntax there"
        ) from None
    if _depth(doc) > MAX_NESTING:
        raise DataError(_nesting_message(name, aliases=True))
    return doc


def _kind(value: Any) -> str:
    """What a parsed value is, in the data's words: 'a mapping', 'a list', 'text'..."""
    kinds = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true or false",
        int: "a number",
        float: "a number",
        type(None): "empty",
    }
    return kinds.get(type(value), "a value of an unknown kind")


def _records_from_geojson(path: Path, doc: Any) -> list[RawRecord]:
    name = display_path(path)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        seen = shown(doc.get("type")) if isinstance(doc, dict) else _kind(doc)
        raise DataError(
            f"{name}: top-level type is {seen}, not 'FeatureCollection'; "
            "wrap the features in a GeoJSON FeatureCollection"
        )
    crs = doc.get("crs")
    if crs is not None:
        props = crs.get("properties") if isinstance(crs, dict) else None
        crs_name = props.get("name") if isinstance(props, dict) else None
        if not isinstance(crs_name, str):
            # Not the named-CRS form, so what it means cannot be told (e.g. "EPSG:4326", 4326).
            raise DataError(
                f"{name}: the 'crs' member is {shown(crs)}, not a named CRS; drop it (GeoJSON is "
                'WGS84 longitude/latitude) or write {"type": "name", "properties": '
                '{"name": "EPSG:4326"}}'
            )
        if crs_name not in ACCEPTED_CRS:
            raise DataError(
                f"{name}: CRS {shown(crs_name)} is not WGS84 longitude/latitude; reproject to "
                "EPSG:4326 (e.g. ogr2ogr -t_srs EPSG:4326) or drop the 'crs' member"
            )
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataError(f"{name}: 'features' is missing or not a list; add a list of features")
    records = []
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DataError(
                f"{name}: entry #{i + 1} is not a GeoJSON Feature; give it "
                "'type': 'Feature', 'properties' and 'geometry'"
            )
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise DataError(
                f"{name}: entry #{i + 1} has properties that are not an object; "
                "make 'properties' a JSON object"
            )
        records.append(RawRecord(name, i, {**props, "geometry": feature.get("geometry")}))
    return records


def _records_from_yaml(path: Path, doc: Any) -> list[RawRecord]:
    name = display_path(path)
    if doc is None:
        return []
    if not isinstance(doc, list):
        raise DataError(
            f"{name}: the top level is {_kind(doc)}, not a list; "
            "write one '- id: ...' entry per item"
        )
    records = []
    for i, entry in enumerate(doc):
        if not isinstance(entry, dict):
            raise DataError(
                f"{name}: entry #{i + 1} is {_kind(entry)}, not a "
                "mapping; write it as 'key: value' lines"
            )
        records.append(RawRecord(name, i, entry))
    return records


#: Suffixes of files a data folder is expected to hold: one that routes does not read is
#: reported (a misnamed `routes.yml` would otherwise be skipped without a word).
DATA_SUFFIXES: Final[frozenset[str]] = frozenset(
    {".yaml", ".yml", ".json", ".geojson", ".toml", ".csv", ".gpkg", ".shp", ".geojsonl"}
)


#: A data file's suffix, and the suffix routes reads the same syntax under.
_SAME_SYNTAX: Final[dict[str, str]] = {
    ".yaml": ".yaml",
    ".yml": ".yaml",
    ".json": ".geojson",
    ".geojson": ".geojson",
}


def folder_problems(folder: Path, *, option: str = "--data") -> list[str]:
    """What in a data folder would be silently skipped: sub-folders, links to nowhere, and data
    files under a name routes does not read (hidden entries and notes such as README.md pass)."""
    import difflib

    known = tuple(LAYER_FILES.values())
    problems = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise UsageError(
            f"{option} {folder}: cannot list it ({exc.strerror}); make it readable"
        ) from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        where = display_path(entry)
        if entry.is_symlink() and not entry.exists():
            problems.append(
                f"{where}: a link to nowhere ({shown(str(entry.readlink()))}); fix "
                "the link or remove it"
            )
        elif entry.is_dir():
            problems.append(
                f"{where}: a sub-folder, which routes does not read; move the files "
                "you want read up into the data folder, and the folder out of it"
            )
        elif entry.name in known:
            if not entry.is_file():
                problems.append(f"{where}: not a regular file; give a file of that name")
        elif entry.suffix.lower() in DATA_SUFFIXES:
            close = (
                difflib.get_close_matches(entry.name, known, n=1, cutoff=0.6)
                or [k for k in known if k.split(".")[0] == entry.stem.lower()][:1]
            )
            if close and _SAME_SYNTAX.get(entry.suffix.lower()) == Path(close[0]).suffix:
                # The same syntax under another name (routes.yml, nodes.json, Costs.YAML).
                problems.append(
                    f"{where}: not a file routes reads; rename it {shown(close[0])}, "
                    "or move it out of the folder"
                )
                continue
            hint = f" (did you mean {shown(close[0])}?)" if close else ""
            problems.append(
                f"{where}: not a file routes reads{hint}; name it as one of "
                f"{', '.join(known)}, or move it out of the folder"
            )
    return problems


def read_data_dirs(dirs: Sequence[Path], *, option: str = "--data") -> RawData:
    """Read the layers of each folder in turn; a later folder's entries replace earlier ones by id.
    `option` names a folder in messages: the CLI's ``--data``, the API's ``data folder``.

    Raises
    ------
    UsageError
        When a folder does not exist or holds none of the expected files.
    DataError
        When a file is malformed, or a folder holds something that would be skipped.
    """
    import hashlib

    digest = hashlib.sha256()
    merged: dict[str, dict[str, RawRecord]] = {layer: {} for layer in LAYER_FILES}
    anonymous: dict[str, list[RawRecord]] = {layer: [] for layer in LAYER_FILES}
    replaced: dict[str, dict[str, RawRecord]] = {layer: {} for layer in LAYER_FILES}
    for n, folder in enumerate(dirs):
        if not folder.is_dir():
            raise UsageError(
                f"{option} {folder}: no such folder; give a folder that holds "
                f"{', '.join(LAYER_FILES.values())}"
            )
        for m, earlier in enumerate(dirs[:n]):
            # Read twice, every entry would clash with itself as a repeated id.
            if same_file(folder, earlier):
                raise UsageError(
                    f"{option} {folder}: the packaged data, which is always read first; drop it"
                    if m == 0
                    else f"{option} {folder}: the same folder as {option} {earlier}; give "
                    "each folder once"
                )
        if n > 0:
            problems = folder_problems(folder, option=option)
            if problems:
                raise DataError(
                    problems[0]
                    if len(problems) == 1
                    else f"{len(problems)} problems in the data, first: {problems[0]}",
                    problems=tuple(problems),
                )
        present = [layer for layer, fname in LAYER_FILES.items() if (folder / fname).is_file()]
        if not present and n > 0:
            raise UsageError(
                f"{option} {folder}: the folder holds none of "
                f"{', '.join(LAYER_FILES.values())}; add at least one of them"
            )
        for layer in present:
            path = folder / LAYER_FILES[layer]
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise DataError(
                    f"{display_path(path)}: cannot be read ({exc.strerror}); make it readable"
                ) from None
            digest.update(LAYER_FILES[layer].encode())
            digest.update(hashlib.sha256(raw).digest())
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataError(
                    f"{display_path(path)}: not UTF-8 text (bad byte at offset "
                    f"{exc.start}); save the file as UTF-8"
                ) from None
            text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
            if layer in GEOJSON_LAYERS:
                records = _records_from_geojson(path, _parse_json(path, text))
            else:
                records = _records_from_yaml(path, _parse_yaml(path, text))
            for record in records:
                record = RawRecord(record.file, record.index, record.data, record.noun, n)
                key = record.ident
                if isinstance(key, str) and key:
                    if key in merged[layer] and merged[layer][key].file == record.file:
                        # A duplicate inside one file is a data error; validation reports it.
                        anonymous[layer].append(record)
                    else:
                        if key in merged[layer]:
                            replaced[layer][key] = merged[layer][key]
                        merged[layer][key] = record
                else:
                    anonymous[layer].append(record)
    layers = {layer: [*merged[layer].values(), *anonymous[layer]] for layer in LAYER_FILES}
    return RawData(
        layers=layers,
        digest=digest.hexdigest()[:12],
        folders=tuple(dirs),
        replaced={k: v for k, v in replaced.items() if v},
    )


def input_files(dirs: Sequence[Path]) -> list[Path]:
    """Every data file the packaged folder and the given folders may hold (present or not)."""
    folders = [packaged_data_dir(), *dirs]
    return [folder / name for folder in folders for name in LAYER_FILES.values()]


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links and relative parts too)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return real_path(a) == real_path(b)
    except OSError:
        return False


def output_folder(path: Path, *, option: str = "--output") -> Path:
    """The folder an output goes in, which must exist.

    Raises
    ------
    UsageError
        Naming `option` when the folder does not exist.
    """
    folder = path.parent  # '.' for a bare file name
    if not folder.is_dir():
        raise UsageError(
            f"{option} {path}: the folder {folder} does not exist; create it or choose another path"
        )
    return folder


def write_atomic(path: Path, content: str | bytes, *, option: str = "--output") -> None:
    """Write a file so that readers see the old content or the new, never a half-written one.

    Raises
    ------
    UsageError
        Naming `option` when the folder does not exist or cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp = _stage(path, data, output_folder(path, option=option), option)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stage(path: Path, data: bytes, folder: Path, option: str) -> str:
    """Write `data` to a new temporary file in `folder` (on disk, mode 0644), to be moved onto
    `path`; its name. Nothing is left behind when it fails.

    Raises
    ------
    UsageError
        Naming `option` when the folder cannot be written.
    """
    import tempfile

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UsageError(
                f"{option} {path}: cannot write in {folder} ({exc.strerror}); "
                "choose a writable folder"
            ) from None
        raise
    return tmp


def read_text(path: Path, *, option: str) -> str:
    """Read a user-named text file (a weights profile, a scenario), naming the option on failure."""
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        raise UsageError(
            f"{option} {path}: no such file; give the path of an existing file"
        ) from None
    except IsADirectoryError:
        raise UsageError(
            f"{option} {path}: a folder, not a file; give the path of a file"
        ) from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{option} {path}: not UTF-8 text (bad byte at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None
    except OSError as exc:
        raise UsageError(
            f"{option} {path}: cannot read it ({exc.strerror}); give a readable file"
        ) from None


def parse_yaml_text(path: Path, text: str) -> Any:
    """Parse YAML (JSON is YAML too) from a user file, with the file and position on failure."""
    return _parse_yaml(path, text)


#: Suffixes a scenario file may have.
SCENARIO_SUFFIXES: Final[tuple[str, ...]] = (".yaml", ".yml", ".toml", ".json")


def read_scenario_file(path: Path, *, option: str = "scenario file") -> RawRecord:
    """Read one scenario from a YAML, JSON or TOML file as a record, its id defaulting to the
    file's stem and its name to its id.

    Raises
    ------
    UsageError
        When the file cannot be read or has another suffix.
    DataError
        When it does not parse, or holds no single mapping.
    """
    if path.suffix.lower() not in SCENARIO_SUFFIXES:
        raise UsageError(
            f"{option} {path}: a {path.suffix or 'suffix-less'} file; give a "
            f"{', '.join(SCENARIO_SUFFIXES)} file"
        )
    text = read_text(path, option=option)
    if path.suffix.lower() == ".toml":
        import tomllib

        try:
            doc: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataError(
                f"{display_path(path)}: malformed TOML ({exc}); fix the syntax there"
            ) from None
    else:
        doc = _parse_yaml(path, text)
    if isinstance(doc, list) and len(doc) == 1:
        doc = doc[0]  # one entry copied from scenarios.yaml
    if isinstance(doc, list):
        raise DataError(
            f"{display_path(path)}: holds {len(doc)} entries, not one scenario; put "
            "each scenario in a file of its own"
        )
    if not isinstance(doc, dict):
        raise DataError(
            f"{display_path(path)}: holds {_kind(doc)}, not one scenario; "
            "write a mapping with days and outages (the form is in docs/data.md, "
            "scenarios.yaml; `routes data-path` prints where the docs are)"
        )
    data = dict(doc)
    # The file's name stands in for a missing id, made an id (letters, digits, '-', '_', '.').
    data.setdefault("id", re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "scenario")
    data.setdefault("name", data["id"])
    return RawRecord(display_path(path), 0, data, noun="scenario")


def check_folder(
    path: Path,
    *,
    replace: bool,
    option: str = "--output",
    inputs: Sequence[Path] = (),
    force_hint: bool = True,
) -> None:
    """Refuse a folder path that a file holds, a non-empty folder unless `replace`, and a
    folder holding one of the `inputs` (data, weights or scenario files) even then.

    Raises
    ------
    UsageError
        With the option, the path and the fix.
    """
    if path.exists() and not path.is_dir():
        raise UsageError(f"{option} {path}: a file is in the way; choose a folder path")
    if not path.is_dir() or not any(path.iterdir()):
        return
    if not replace:
        hint = " or add --force to replace it" if force_hint else ""
        raise UsageError(
            f"{option} {path}: the folder exists and is not empty; choose another folder{hint}"
        )
    inside = [f for f in inputs if f.exists() and real_path(f).is_relative_to(real_path(path))]
    if inside:
        raise UsageError(
            f"{option} {path}: it holds an input file ({display_path(inside[0])}), "
            "which replacing the folder would destroy; choose another folder"
        )


def write_folder(
    path: Path,
    files: dict[str, bytes],
    *,
    replace: bool = False,
    option: str = "--output",
    force_hint: bool = True,
) -> None:
    """Write a folder of files so that it appears whole or not at all: everything goes into a
    hidden folder beside `path`, which is then renamed into place.

    Raises
    ------
    UsageError
        When `path` is a file, is a non-empty folder and `replace` is False, or its parent
        does not exist or cannot be written.
    """
    import shutil
    import tempfile

    check_folder(path, replace=replace, option=option, force_hint=force_hint)
    parent = output_folder(path, option=option)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise UsageError(
            f"{option} {path}: cannot write in {parent} ({exc.strerror}); choose a writable folder"
        ) from None
    old: Path | None = None
    try:
        for rel, data in sorted(files.items()):
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for folder in (tmp, *(p for p in tmp.rglob("*") if p.is_dir())):
            os.chmod(folder, 0o755)
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=parent))
            os.replace(path, old / path.name)
        os.replace(tmp, path)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not path.exists():
            os.replace(old / path.name, path)
        raise UsageError(
            f"{option} {path}: cannot write the folder ({exc.strerror}); choose a writable folder"
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def check_outputs(
    outputs: Sequence[tuple[str, Path]],
    *,
    input_folders: Sequence[Path] = (),
    created: Sequence[Path] = (),
) -> None:
    """Check every output path before anything is written: its folder exists and can be
    written (or is one of `created`, which the caller makes), it is no folder, and it does not
    lie inside a data folder (where the next run would read it as data). Overwriting an input
    or another output is refused before this (`routes.cli.guard_outputs`).

    Raises
    ------
    UsageError
        Naming the option and the path, and the fix.
    """
    made = {real_path(c) for c in created}
    for option, path in outputs:
        if real_path(path.parent) not in made:
            folder = output_folder(path, option=option)
            if not os.access(folder, os.W_OK | os.X_OK):
                raise UsageError(
                    f"{option} {path}: cannot write in {folder}; choose a writable folder"
                )
        if path.is_dir():
            raise UsageError(f"{option} {path}: is a folder; give a file name")
        outside_data_folders(option, path, input_folders)


def data_folder_holding(path: Path, folders: Sequence[Path]) -> Path | None:
    """The first of `folders` that `path` lies in (through links), or None: a file written
    there would be read as data on the next run."""
    where = real_path(path)
    return next((f for f in folders if where.is_relative_to(real_path(f))), None)


def outside_data_folders(option: str, path: Path, folders: Sequence[Path]) -> None:
    """Refuse an output inside a --data folder, where the next run would read it as data.

    Raises
    ------
    UsageError
        Naming the option, the path and the folder.
    """
    given = data_folder_holding(path, folders)
    if given is not None:
        raise UsageError(
            f"{option} {path}: is inside the data folder {given}, where it "
            "would be read as data; write it elsewhere"
        )


def write_atomic_all(outputs: Sequence[tuple[str, Path, str | bytes]]) -> None:
    """Write several files all or nothing: each is staged next to its target first, then all
    are moved into place; if any step fails, every target keeps its old content (or stays
    absent).

    Raises
    ------
    UsageError
        Naming the option of the output that could not be written.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for option, path, content in outputs:
            data = content.encode("utf-8") if isinstance(content, str) else content
            staged.append((path, _stage(path, data, path.parent, option)))
        _commit(staged, [o for o, _, _ in outputs])
    finally:
        for _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)


def _commit(staged: Sequence[tuple[Path, str]], options: Sequence[str]) -> None:
    """Move staged files into place; on a failure put back what was there before."""
    backups: list[tuple[Path, str | None]] = []
    try:
        for (path, tmp), option in zip(staged, options, strict=True):
            backup = None
            if path.exists():  # a second name for the old content; the target stays in place
                backup = f"{tmp}.old"
                try:
                    os.link(path, backup)
                except OSError:
                    import shutil

                    shutil.copy2(path, backup)
            backups.append((path, backup))
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise UsageError(
                    f"{option} {path}: cannot write it ({exc.strerror}); choose another path"
                ) from None
    except BaseException:
        for path, backup in reversed(backups):
            if backup is not None:
                os.replace(backup, path)
            else:
                path.unlink(missing_ok=True)
        raise
    for _, backup in backups:
        if backup is not None:
            Path(backup).unlink(missing_ok=True)
