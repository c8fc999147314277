"""Reading and writing datasets: load, load_file, loads, dump, dumps.

Input flows one way: bytes -> UTF-8 text -> JSON values -> records (one strict
cattrs converter) -> :class:`Dataset` (integrity check). Any failure on the way
raises one :class:`~sinorussia.DataError` that names the source and the JSON
path of every problem; nothing is returned half-made.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from importlib import resources
from typing import Any, Final

import attrs
import cattrs

from ._codec import converter, problems_of
from ._dataset import FORMAT, SECTIONS, Dataset, merged
from ._errors import ArgumentError, DataError, NotAFile, Problem, shown
from ._io import NotRegular, TooLarge, gc_paused, read_regular, write_atomic
from ._json import decode as _decode
from ._json import record_id as _record_id
from ._merge import OnConflict, Part
from ._model import Leader, Person

__all__ = ["BUNDLED", "FORMATS_READ", "dump", "dumps", "load", "load_file", "load_files", "loads"]

BUNDLED: Final = "sinorussia/data/sinorussia.json"
"""How errors and reprs name the bundled data file."""

FORMATS_READ: Final = (1, 2)
"""The file formats this library reads: format 2, and format 1 (leaders apart)."""


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


MAX_BYTES: Final = 256 * 1024 * 1024
"""The largest file ``load_file``, ``load_files`` and ``load(extra=...)`` read by default."""


def load_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Dataset:
    """Read a dataset from a JSON file in the bundled schema.

    Only a regular file is read (a symbolic link is followed): a directory, a
    FIFO, a device or a socket is refused before anything is read, so a FIFO
    never blocks and ``/dev/zero`` never fills the memory.

    Args:
        path: The file to read.
        max_bytes: The largest file read, in bytes (256 MiB unless given); a
            larger file is refused before it is read.

    Returns:
        The checked, immutable dataset.

    Raises:
        DataError: The file is not a valid dataset (the message names the file
            and the JSON path of every problem), or it is larger than
            ``max_bytes``.
        NotAFile: ``path`` is a directory, a FIFO, a device or a socket (an
            ``OSError`` too).
        OSError: The file cannot be read (``FileNotFoundError`` ...).
        ArgumentError: ``path`` is not a path, or ``max_bytes`` not a size.

    """
    name = _path_of(path, "load_file", "path")
    return loads(_read(name, _limit(max_bytes, "load_file")), source=name)


def _path_of(value: object, function: str, argument: str) -> str:
    """``value`` as a path string, or the error that says a path was expected."""
    if isinstance(value, str | os.PathLike):
        name = os.fspath(value)
        if isinstance(name, str):
            return name
    message = f"{function}(): {argument} must be a path (a str or os.PathLike), not {shown(value)}"
    raise ArgumentError(message)


def _paths(value: object, function: str, argument: str) -> list[str]:
    """``value`` as a list of path strings; a single path is an error, not its characters."""
    if isinstance(value, str | bytes | os.PathLike):
        single = shown(os.fspath(value))
        message = (
            f"{function}(): {argument} must be a list of paths, not the single path"
            f" {single}; pass [{single}]"
        )
        raise ArgumentError(message)
    try:
        items = list(value)  # type: ignore[call-overload]
    except TypeError:
        message = f"{function}(): {argument} must be a list of paths, not {shown(value)}"
        raise ArgumentError(message) from None
    return [_path_of(item, function, f"{argument}[{i}]") for i, item in enumerate(items)]


def _limit(value: object, function: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        message = f"{function}(): max_bytes must be a size in bytes (0 or more), not {shown(value)}"
        raise ArgumentError(message)
    return value


def _read(name: str, limit: int) -> bytes:
    """The bytes of the regular file ``name``, refused if larger than ``limit``."""
    try:
        return read_regular(name, limit)
    except NotRegular as exc:
        raise NotAFile(name, exc.kind, str(exc.strerror)) from None
    except TooLarge as exc:
        size = f"more than {limit:,}" if exc.size is None else f"{exc.size:,}"
        wanted = f"max_bytes={exc.size}" if exc.size is not None else "a larger max_bytes"
        message = f"the file is {size} bytes; the limit is {limit:,}: pass {wanted} to read it"
        raise DataError(name, [Problem("$", message)]) from None


_cache: Dataset | None = None
_lock: Final = threading.Lock()


def load(
    *,
    extra: Iterable[str | os.PathLike[str]] = (),
    on_conflict: OnConflict = "error",
    max_bytes: int = MAX_BYTES,
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
        max_bytes: The largest extra file read, in bytes (256 MiB unless
            given); see :func:`load_file`.

    Raises:
        DataError: An extra file is invalid, larger than ``max_bytes``,
            conflicts, or leaves references unresolved.
        NotAFile: An extra file is a directory, a FIFO, a device or a socket.
        OSError: An extra file cannot be read (``FileNotFoundError`` ...).
        ArgumentError: ``extra`` is not a list of paths (a single path is
            not: pass ``[path]``), or another argument is not one of its
            choices.

    Examples:
        >>> import sinorussia as sr
        >>> ds = sr.load()
        >>> ds.leaders.get("sergei-lavrov").name
        'Sergei Lavrov'

    """
    paths = _paths(extra, "load", "extra")
    _check_conflict(on_conflict, "load")
    _limit(max_bytes, "load")
    if not paths:
        return _bundled()
    return load_files(paths, bundled=True, on_conflict=on_conflict, max_bytes=max_bytes)


def _check_conflict(value: object, function: str) -> None:
    if not isinstance(value, str) or value not in ("error", "replace", "keep"):
        choices = "'error', 'replace' or 'keep'"
        message = f"{function}(): on_conflict must be {choices}, not {shown(value)}"
        raise ArgumentError(message)


def load_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    bundled: bool = False,
    on_conflict: OnConflict = "error",
    max_bytes: int = MAX_BYTES,
) -> Dataset:
    """Several dataset files merged into one, checked as a whole.

    Args:
        paths: The files, merged in order (a list, even of one file).
        bundled: Start from the bundled data.
        on_conflict: See :func:`load`.
        max_bytes: The largest file read, in bytes (256 MiB unless given);
            see :func:`load_file`.

    Raises:
        DataError: A file is invalid or larger than ``max_bytes``, records
            conflict, or the merged whole is not valid (each problem names its
            file).
        NotAFile: A file is a directory, a FIFO, a device or a socket.
        OSError: A file cannot be read (``FileNotFoundError`` ...).
        ArgumentError: ``paths`` is not a list of paths (a single path is
            not: pass ``[path]``), is empty without ``bundled=True``, or
            another argument is not one of its choices.

    """
    names = _paths(paths, "load_files", "paths")
    if not isinstance(bundled, bool):
        raise ArgumentError(f"load_files(): bundled must be True or False, not {shown(bundled)}")
    _check_conflict(on_conflict, "load_files")
    limit = _limit(max_bytes, "load_files")
    if not names and not bundled:
        raise ArgumentError("load_files() needs at least one file, or bundled=True")
    parts = []
    if bundled:
        data = _bundled()
        parts.append(Part(BUNDLED, data.version, data.sections()))
    with gc_paused():
        for name in names:
            parts.append(_parse(_read(name, limit), name))
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
    ``path`` in one step, so a crash never leaves a half-written file. An
    existing file keeps its permission bits, and a symbolic link is kept (the
    file it names is replaced); a new file gets the mode the umask gives.

    Raises:
        DataError: The dataset holds text UTF-8 cannot encode (a lone
            surrogate such as U+D800, possible only in records built in
            Python); each problem names the record and field. Nothing is
            written.
        NotAFile: ``path`` is a directory, a FIFO, a device or a socket; it is
            left as it is.
        OSError: The file cannot be written; the error names ``path``.
        ArgumentError: ``dataset`` is not a Dataset, or ``path`` not a path.

    """
    if not isinstance(dataset, Dataset):
        raise ArgumentError(f"dump(): dataset must be a sinorussia.Dataset, not {shown(dataset)}")
    name = _path_of(path, "dump", "path")
    try:
        data = dumps(dataset).encode("utf-8")
    except ValueError:  # UnicodeEncodeError, or a validator refusing the text on the way
        error = _unwritable(dataset, name)
        if error is None:
            raise
        raise error from None
    try:
        write_atomic(name, data)
    except NotRegular as exc:
        raise NotAFile(name, exc.kind, str(exc.strerror)) from None


def _unwritable(dataset: Dataset, source: str) -> DataError | None:
    """The error for a dataset whose text UTF-8 cannot encode, naming every such string.

    ``None`` if every string can be encoded (the failure was something else).
    """
    problems: list[Problem] = []
    _unencodable(dataset.version, "$.version", None, problems)
    for name, records in dataset.sections().items():
        for index, record in enumerate(records):
            # A leader has the fields of a person: the paths are those of the file.
            value = converter.unstructure(record)
            _unencodable(value, f"$.{name}[{index}]", record.id, problems)
    return DataError(source, problems) if problems else None


def _unencodable(value: Any, path: str, record_id: str | None, found: list[Problem]) -> None:
    """Add a problem for every string in a JSON value that UTF-8 cannot encode."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                code = ord(item[exc.start])
                message = (
                    f"the text holds a lone surrogate U+{code:04X} (character {exc.start}),"
                    " which UTF-8 cannot encode, so it cannot be written"
                )
                found.append(Problem(where, message, record_id))
        elif isinstance(item, dict):
            stack.extend((v, f"{where}.{k}") for k, v in reversed(item.items()))
        elif isinstance(item, list | tuple):
            stack.extend((v, f"{where}[{i}]") for i, v in reversed(list(enumerate(item))))
