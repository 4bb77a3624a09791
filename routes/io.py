"""The only module that touches files: find and read data folders, write outputs atomically."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from routes.errors import DataError, UsageError

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
    {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326",
     "urn:ogc:def:crs:EPSG::4326"}
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

    @property
    def label(self) -> str:
        ident = self.data.get("id", self.data.get("iso3"))
        if isinstance(ident, str) and ident:
            return f"{self.file}: {self.noun} '{ident}'"
        return f"{self.file}: entry #{self.index + 1}"


@dataclass(frozen=True)
class RawData:
    """Every layer's records, later folders overriding earlier ones by id, and the input digest."""

    layers: dict[str, list[RawRecord]]
    digest: str


def packaged_data_dir() -> Path:
    """The `geodata/` folder shipped with the package (wheel) or beside it (source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "geodata", here.parent / "geodata"):
        if (candidate / LAYER_FILES["segments"]).is_file():
            return candidate
    raise DataError(
        f"the packaged geodata folder was not found beside {here}; reinstall routes "
        "(pip install -e .) or pass --data DIR"
    )


def display_path(path: Path) -> str:
    """A short path for messages: relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{display_path(path)}: malformed JSON at line {exc.lineno} column {exc.colno} "
            f"({exc.msg}); fix the syntax there"
        ) from None


def _parse_yaml(path: Path, text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "unreadable YAML"
        raise DataError(
            f"{display_path(path)}: malformed YAML{where} ({problem}); fix the syntax there"
        ) from None


def _records_from_geojson(path: Path, doc: Any) -> list[RawRecord]:
    name = display_path(path)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        seen = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise DataError(
            f"{name}: top-level type is {seen!r}, not 'FeatureCollection'; "
            "wrap the features in a GeoJSON FeatureCollection"
        )
    crs = doc.get("crs")
    if crs is not None:
        crs_name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else crs
        if crs_name not in ACCEPTED_CRS:
            raise DataError(
                f"{name}: CRS {crs_name!r} is not WGS84 longitude/latitude; reproject to "
                "EPSG:4326 (e.g. ogr2ogr -t_srs EPSG:4326) or drop the 'crs' member"
            )
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataError(f"{name}: 'features' is missing or not a list; add a list of features")
    records = []
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DataError(f"{name}: entry #{i + 1} is not a GeoJSON Feature; give it "
                            "'type': 'Feature', 'properties' and 'geometry'")
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise DataError(f"{name}: entry #{i + 1} has properties that are not an object; "
                            "make 'properties' a JSON object")
        records.append(RawRecord(name, i, {**props, "geometry": feature.get("geometry")}))
    return records


def _records_from_yaml(path: Path, doc: Any) -> list[RawRecord]:
    name = display_path(path)
    if doc is None:
        return []
    if not isinstance(doc, list):
        raise DataError(f"{name}: the top level is a {type(doc).__name__}, not a list; "
                        "write one '- id: ...' entry per item")
    records = []
    for i, entry in enumerate(doc):
        if not isinstance(entry, dict):
            raise DataError(f"{name}: entry #{i + 1} is a {type(entry).__name__}, not a "
                            "mapping; write it as 'key: value' lines")
        records.append(RawRecord(name, i, entry))
    return records


def read_data_dirs(dirs: Sequence[Path]) -> RawData:
    """Read the layers of each folder in turn; a later folder's entries replace earlier ones by id.

    Raises
    ------
    UsageError
        When a folder does not exist or holds none of the expected files.
    DataError
        When a file is malformed.
    """
    digest = hashlib.sha256()
    merged: dict[str, dict[str, RawRecord]] = {layer: {} for layer in LAYER_FILES}
    anonymous: dict[str, list[RawRecord]] = {layer: [] for layer in LAYER_FILES}
    for n, folder in enumerate(dirs):
        if not folder.is_dir():
            raise UsageError(f"--data {folder}: no such folder; give a folder that holds "
                             f"{', '.join(LAYER_FILES.values())}")
        present = [layer for layer, fname in LAYER_FILES.items() if (folder / fname).is_file()]
        if not present and n > 0:
            raise UsageError(f"--data {folder}: the folder holds none of "
                             f"{', '.join(LAYER_FILES.values())}; add at least one of them")
        for layer in present:
            path = folder / LAYER_FILES[layer]
            raw = path.read_bytes()
            digest.update(LAYER_FILES[layer].encode())
            digest.update(hashlib.sha256(raw).digest())
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataError(f"{display_path(path)}: not UTF-8 text (bad byte at offset "
                                f"{exc.start}); save the file as UTF-8") from None
            if layer in GEOJSON_LAYERS:
                records = _records_from_geojson(path, _parse_json(path, text))
            else:
                records = _records_from_yaml(path, _parse_yaml(path, text))
            for record in records:
                key = record.data.get("id", record.data.get("iso3"))
                if isinstance(key, str) and key:
                    if key in merged[layer] and merged[layer][key].file == record.file:
                        # A duplicate inside one file is a data error; validation reports it.
                        anonymous[layer].append(record)
                    else:
                        merged[layer][key] = record
                else:
                    anonymous[layer].append(record)
    layers = {layer: [*merged[layer].values(), *anonymous[layer]] for layer in LAYER_FILES}
    return RawData(layers=layers, digest=digest.hexdigest()[:12])


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write a file so that readers see the old content or the new, never a half-written one.

    Raises
    ------
    UsageError
        When the folder does not exist or cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"--output {path}: the folder {folder} does not exist; create it or "
                         "choose another path")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"--output {path}: cannot write in {folder} ({exc.strerror}); choose a "
                         "writable folder") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_text(path: Path, *, option: str) -> str:
    """Read a user-named text file (a weights profile, a scenario), naming the option on failure."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{option} {path}: no such file; give the path of an existing "
                         "file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{option} {path}: cannot read it ({exc}); give a readable UTF-8 "
                         "file") from None


def parse_yaml_text(path: Path, text: str) -> Any:
    """Parse YAML (JSON is YAML too) from a user file, with the file and position on failure."""
    return _parse_yaml(path, text)


#: Suffixes a scenario file may have.
SCENARIO_SUFFIXES: Final[tuple[str, ...]] = (".yaml", ".yml", ".toml", ".json")


def read_scenario_file(path: Path) -> RawRecord:
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
        raise UsageError(f"scenario file {path}: a {path.suffix or 'suffix-less'} file; give a "
                         f"{', '.join(SCENARIO_SUFFIXES)} file")
    text = read_text(path, option="scenario file")
    if path.suffix.lower() == ".toml":
        import tomllib

        try:
            doc: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"{display_path(path)}: malformed TOML ({exc}); fix the syntax "
                            "there") from None
    else:
        doc = _parse_yaml(path, text)
    if isinstance(doc, list) and len(doc) == 1:
        doc = doc[0]  # one entry copied from scenarios.yaml
    if isinstance(doc, list):
        raise DataError(f"{display_path(path)}: holds {len(doc)} entries, not one scenario; put "
                        "each scenario in a file of its own")
    if not isinstance(doc, dict):
        raise DataError(f"{display_path(path)}: holds {type(doc).__name__}, not one scenario; "
                        "write a mapping with days and outages (see `routes scenario --list` "
                        "for the presets' form)")
    data = dict(doc)
    # The file's name stands in for a missing id, made an id (letters, digits, '-', '_', '.').
    data.setdefault("id", re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "scenario")
    data.setdefault("name", data["id"])
    return RawRecord(display_path(path), 0, data, noun="scenario")


def check_outputs(outputs: Sequence[tuple[str, Path]], *, inputs: Sequence[Path] = (),
                  input_folders: Sequence[Path] = (), created: Sequence[Path] = ()) -> None:
    """Check every output path before anything is written: its folder exists and can be
    written (or is one of `created`, which the caller makes), it is no folder, no two outputs
    are the same file, and none is an input file or lies inside an input folder.

    Raises
    ------
    UsageError
        Naming the option and the path, and the fix.
    """
    seen: dict[Path, str] = {}
    inputs_resolved = {p.resolve() for p in inputs}
    folders_resolved = [(f, f.resolve()) for f in input_folders]
    made = {c.resolve() for c in created}
    for option, path in outputs:
        folder = path.parent if str(path.parent) else Path(".")
        target = path.resolve()
        if folder.resolve() not in made:
            if not folder.is_dir():
                raise UsageError(f"{option} {path}: the folder {folder} does not exist; create "
                                 "it or choose another path")
            if not os.access(folder, os.W_OK | os.X_OK):
                raise UsageError(f"{option} {path}: cannot write in {folder}; choose a "
                                 "writable folder")
        if path.is_dir():
            raise UsageError(f"{option} {path}: is a folder; give a file name")
        if target in seen:
            raise UsageError(f"{option} {path}: {seen[target]} writes the same file; give each "
                             "output its own path")
        if target in inputs_resolved:
            raise UsageError(f"{option} {path}: is one of the input files; write the output "
                             "elsewhere")
        for f, resolved in folders_resolved:
            if target.is_relative_to(resolved):
                raise UsageError(f"{option} {path}: is inside the data folder {f}, where it "
                                 "would be read as data; write it elsewhere")
        seen[target] = option


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
            folder = path.parent if str(path.parent) else Path(".")
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, 0o644)
            except OSError as exc:
                raise UsageError(f"{option} {path}: cannot write in {folder} ({exc.strerror}); "
                                 "choose a writable folder") from None
            staged.append((path, tmp))
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
                raise UsageError(f"{option} {path}: cannot write it ({exc.strerror}); choose "
                                 "another path") from None
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
