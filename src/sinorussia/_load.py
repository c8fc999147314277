"""Reading and writing datasets: load, load_file, loads, dump, dumps.

Input flows one way: bytes -> UTF-8 text -> JSON values -> records (one strict
cattrs converter) -> :class:`Dataset` (integrity check). Any failure on the way
raises one :class:`~sinorussia.DataError` that names the source and the JSON
path of every problem; nothing is returned half-made.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs
import cattrs

from ._codec import converter, problems_of
from ._dataset import FORMAT, SECTIONS, Dataset, merged
from ._errors import DataError, Problem
from ._io import gc_paused, write_atomic
from ._merge import OnConflict, Part
from ._model import Leader, Person

__all__ = ["BUNDLED", "FORMATS_READ", "dump", "dumps", "load", "load_file", "load_files", "loads"]

BUNDLED: Final = "sinorussia/data/sinorussia.json"
"""How errors and reprs name the bundled data file."""

FORMATS_READ: Final = (1, 2)
"""The file formats this library reads: format 2, and format 1 (leaders apart)."""

_BOM: Final = b"\xef\xbb\xbf"


def _body(name: str, sections: dict[str, Any]) -> type:
    """The top level of a dataset file as an attrs class, made from the sections."""
    fields: dict[str, Any] = {
        "format": attrs.field(type=int),
        "version": attrs.field(type=str),
    }
    for section, cls in sections.items():
        array: Any = tuple[cls, ...]  # type: ignore[valid-type]
        fields[section] = attrs.field(type=array, default=())
    return attrs.make_class(name, fields, frozen=True, kw_only=True)


_File: Final = _body("_File", {section.name: section.cls for section in SECTIONS})
"""A file of format 2: ``format``, ``version``, then one array per section."""


def _format_1() -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for section in SECTIONS:
        if section.name == "people":
            sections["leaders"] = Leader
        sections[section.name] = section.cls
    return sections


_File1: Final = _body("_File1", _format_1())
"""A file of format 1: as format 2, but with the leaders apart, before ``people``."""


class _Rejected(ValueError):
    pass


def _reject_constant(name: str) -> None:
    raise _Rejected(f"{name} is not valid JSON; use a finite number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Rejected(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return result


def _decode(data: str | bytes, source: str) -> Any:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if raw.startswith(_BOM):
            raise DataError(
                source,
                [
                    Problem(
                        "$", "the file starts with a byte-order mark; save it as UTF-8 without one"
                    )
                ],
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(
                source, [Problem("$", f"not valid UTF-8: byte {exc.start} cannot be decoded")]
            ) from None
    elif isinstance(data, str):
        text = data
        if text.startswith("\ufeff"):
            raise DataError(
                source, [Problem("$", "the text starts with a byte-order mark; remove it")]
            )
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    if not text.strip():
        raise DataError(source, [Problem("$", "the input is empty; expected a JSON object")])
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise DataError(source, [Problem("$", message)]) from None
    except _Rejected as exc:
        raise DataError(source, [Problem("$", str(exc))]) from None
    except RecursionError:
        raise DataError(source, [Problem("$", "the JSON is nested too deeply to read")]) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise DataError(source, [Problem("$", f"not valid JSON: {exc}")]) from None


_STEP: Final = re.compile(r"\.([A-Za-z_]\w*)|\[(\d+)\]")


def _record_id(raw: Any, path: str) -> str | None:
    """The id of the outermost record at ``path`` in the raw document, if any."""
    steps = _STEP.findall(path)
    if len(steps) < 2:
        return None
    (section, _), (_, index) = steps[:2]
    try:
        record = raw[section][int(index)]
        record_id = record.get("id")
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        return None
    return record_id if isinstance(record_id, str) else None


def _parse(data: str | bytes, source: str) -> Part:
    """Decode and structure a dataset document, without the integrity check."""
    raw = _decode(data, source)
    if not isinstance(raw, dict):
        raise DataError(source, [Problem("$", "the top level must be a JSON object")])
    if "format" not in raw:
        message = f"required field is missing (this library reads format {_READ})"
        raise DataError(source, [Problem("$.format", message)])
    version = raw["format"]
    if isinstance(version, bool) or version not in FORMATS_READ:
        message = f"unsupported format {version!r}; this library reads format {_READ}"
        raise DataError(source, [Problem("$.format", message)])
    try:
        file: Any = converter.structure(raw, _File if version == FORMAT else _File1)
    except (cattrs.BaseValidationError, TypeError, ValueError, KeyError) as exc:
        problems = [attrs.evolve(p, record_id=_record_id(raw, p.path)) for p in problems_of(exc)]
        raise DataError(source, problems) from None
    sections = {section.name: getattr(file, section.name) for section in SECTIONS}
    if version == FORMAT:
        return Part(source, file.version, sections)
    leaders: tuple[Leader, ...] = file.leaders
    others: tuple[Person, ...] = file.people
    sections["people"] = (*leaders, *others)
    paths = (
        *(f"$.leaders[{i}]" for i in range(len(leaders))),
        *(f"$.people[{i}]" for i in range(len(others))),
    )
    return Part(source, file.version, sections, {"people": paths})


_READ: Final = f"{FORMAT} (or {', '.join(map(str, FORMATS_READ[:-1]))})"


def loads(data: str | bytes, *, source: str = "<string>") -> Dataset:
    """Read a dataset from JSON text or bytes.

    Args:
        data: The JSON document, as text or as UTF-8 bytes.
        source: How error messages name the input (a file name, a URL).

    Returns:
        The checked, immutable dataset.

    Raises:
        DataError: The input is not a valid dataset. The error lists every
            problem with its JSON path, such as ``$.meetings[3].date``.

    Examples:
        >>> ds = sr.loads(sr.dumps(sr.load()))

    """
    with gc_paused():
        return merged([_parse(data, source)])


def load_file(path: str | os.PathLike[str]) -> Dataset:
    """Read a dataset from a JSON file in the bundled schema.

    Args:
        path: The file to read.

    Returns:
        The checked, immutable dataset.

    Raises:
        DataError: The file is not a valid dataset; the message names the file
            and the JSON path of every problem.
        OSError: The file cannot be read (``FileNotFoundError`` ...).

    """
    path = Path(path)
    return loads(path.read_bytes(), source=str(path))


_cache: Dataset | None = None
_lock: Final = threading.Lock()


def load(
    *, extra: Iterable[str | os.PathLike[str]] = (), on_conflict: OnConflict = "error"
) -> Dataset:
    """The bundled dataset, read once and shared; optionally with your files.

    The first call reads and checks the data file shipped inside the package;
    later calls, from any thread, return the same immutable object.

    Args:
        extra: Dataset files to merge into the bundled data. They may refer to
            the bundled records (a meeting of ``"wang-yi"``): the merged whole
            is checked, and each problem is reported in the file it comes from.
            With extra files the result is a new dataset, not the shared one.
        on_conflict: What to do when a file has a record whose id is already
            taken by a different record: ``"error"`` (report every conflict),
            ``"replace"`` (the later file wins) or ``"keep"`` (the first wins).

    Raises:
        DataError: An extra file is invalid, conflicts, or leaves references
            unresolved.

    Examples:
        >>> import sinorussia as sr
        >>> ds = sr.load()
        >>> ds.leaders.get("sergei-lavrov").name
        'Sergei Lavrov'

    """
    paths = list(extra)
    if not paths:
        return _bundled()
    return load_files(paths, bundled=True, on_conflict=on_conflict)


def load_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    bundled: bool = False,
    on_conflict: OnConflict = "error",
) -> Dataset:
    """Several dataset files merged into one, checked as a whole.

    Args:
        paths: The files, merged in order.
        bundled: Start from the bundled data.
        on_conflict: See :func:`load`.

    Raises:
        DataError: A file is invalid, records conflict, or the merged whole
            is not valid (each problem names its file).

    """
    parts = []
    if bundled:
        data = _bundled()
        parts.append(Part(BUNDLED, data.version, data.sections()))
    with gc_paused():
        for path in paths:
            parts.append(_parse(Path(path).read_bytes(), str(path)))
        if not parts:
            raise ValueError("load_files() needs at least one file, or bundled=True")
        return merged(parts, on_conflict=on_conflict)


def _bundled() -> Dataset:
    global _cache
    cached = _cache
    if cached is not None:
        return cached
    with _lock:
        if _cache is None:
            data = resources.files("sinorussia").joinpath("data", "sinorussia.json").read_bytes()
            _cache = loads(data, source=BUNDLED)
        return _cache


def dumps(dataset: Dataset) -> str:
    """The dataset as canonical JSON text.

    The output is deterministic: same dataset, same text, byte for byte, on any
    run. ``dumps(load())`` is exactly the bundled file.
    """
    sections = dataset.sections()
    sections["people"] = tuple(_plain(person) for person in sections["people"])
    file = _File(format=FORMAT, version=dataset.version, **sections)
    with gc_paused():
        return json.dumps(converter.unstructure(file), ensure_ascii=False, indent=2) + "\n"


def _plain(person: Person) -> Person:
    return person.as_person() if isinstance(person, Leader) else person


def dump(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write the dataset to ``path`` as canonical JSON, atomically.

    The text goes to a temporary file in the same folder, which then replaces
    ``path`` in one step, so a crash never leaves a half-written file.
    """
    write_atomic(path, dumps(dataset).encode("utf-8"))
