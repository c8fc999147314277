"""Reading and writing datasets: load, load_file, loads, dump, dumps.

Input flows one way: bytes -> UTF-8 text -> JSON values -> records (one strict
cattrs converter) -> [`Dataset`][sinorussia.Dataset] (integrity check). Any failure on the way
raises one [`DataError`][sinorussia.DataError] that names the source and the JSON
path of every problem; nothing is returned half-made.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import math
import os
import pkgutil
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from ._dataset import FORMAT, SECTIONS, Dataset, merged
from ._errors import ArgumentError, DataError, NotAFile, Problem, shown
from ._io import NotRegular, TooLarge, gc_paused, read_regular, write_atomic
from ._json import Items as _Items
from ._json import decode as _decode
from ._json import members_plain as _members_plain
from ._json import record_id as _record_id
from ._merge import OnConflict, Part
from ._model import Leader, Person
from ._types import DataInput

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


@functools.cache
def _files() -> tuple[type, type]:
    """The top levels of a file of format 2 and of format 1, made when first needed.

    Format 2 is ``format``, ``version``, then one array per section; format 1
    is the same with the leaders apart, before ``people``. Only the detailed
    path and ``dumps`` need them, so a valid load does not make them.
    """
    sections = {section.name: section.cls for section in SECTIONS}
    old: dict[str, Any] = {}
    for name, cls in sections.items():
        if name == "people":
            old["leaders"] = Leader
        old[name] = cls
    return _body("_File", sections), _body("_File1", old)


_SECTIONS: Final = tuple((section.name, section.cls) for section in SECTIONS)


def _parse(data: str | bytes, source: str) -> Part:
    """Decode and structure a dataset document, without the integrity check."""
    part = _parse_fast(data, source)
    if part is not None:
        return part
    return _parse_detailed(data, source)


def _parse_detailed(data: str | bytes, source: str) -> Part:
    """`_parse` by the detailed path: the strict decoder and the converter.

    They locate every problem. The fast path gives the same part, or leaves
    the document to this.
    """
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
    import cattrs

    from ._codec import converter, problems_of

    current, old = _files()
    try:
        file: Any = converter.structure(raw, current if version == FORMAT else old)
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


def _parse_fast(data: str | bytes, source: str) -> Part | None:
    """What `_parse` returns for a valid document of format 2, by the fast path (`_fast`).

    The document is read member by member and each section's records one at
    a time (`_json.Members`), each built as soon as it is read: the whole
    document never exists as Python values, so a large load takes little
    more memory than its records.

    None when the fast path cannot vouch for the document: it is not of
    format 2, or not valid (a record the converter refuses too), or the count
    of ``:`` says a key may be given twice (see `_json.members_plain`). The
    detailed path then decides, and reports every problem.
    """
    # Imported here, when first needed: ``python -m sinorussia._fast`` then
    # runs that module as a script without the package importing it first.
    from . import _fast

    decoded = _members_plain(data)
    if decoded is None:
        return None
    document, colons = decoded
    try:
        built = _fast.structure(document, _SECTIONS, _converted, arrays=(_Items,))
    except Exception:  # not JSON the decoder reads, or a record the converter refuses
        return None
    if built is None:
        return None
    version, sections, members, inside, seen = built
    if colons != members + inside:
        return None
    return Part(source, version, sections, seen=seen)


def _converted(value: Any, cls: type) -> Any:
    """A record the fast path refuses, structured by the converter (imported when first needed)."""
    from ._codec import converter

    return converter.structure(value, cls)


def _whole(part: Part) -> Dataset:
    """One input as a checked dataset: what ``merged([part])`` returns, or raises.

    A part of format 2 whose ids are all different has nothing to combine, and
    its problems stay where they are, so the dataset is built from it at once.
    Whether its ids are all different is asked only if that fails: the check
    finds a repeated id anyway.
    """
    if part.paths:
        return merged([part])
    try:
        return Dataset._loaded(part.version, part.source, part.sections, part.seen)
    except DataError:
        ids = [record.id for records in part.sections.values() for record in records]
        if len(set(ids)) == len(ids):
            raise
    return merged([part])


_SETTLE_AT: Final = 100_000
"""How many new objects the collector tracks after a load before `_building` settles them."""


@contextlib.contextmanager
def _building() -> Iterator[None]:
    """Build a dataset with the cyclic garbage collector paused, and leave it no debt.

    A large load makes hundreds of thousands of objects while the collector is
    paused. Left in the youngest generation, they would all be walked by the
    first collection after the load and again by the next ones (in the first
    query, an export ...), though records form no cycles. So after a large
    load, if the collector was on when it began, the objects alive move to the
    oldest generation at once (see `_settle`), where the collector walks them
    as seldom as it walks what has long been alive.
    """
    enabled = gc.isenabled()
    with gc_paused():
        yield
        # Still paused: the first allocation with the collector back on would
        # otherwise start a collection of them all.
        if enabled and gc.get_count()[0] >= _SETTLE_AT:
            _settle()


def _settle() -> None:
    """Move every object the collector tracks to its oldest generation, in constant time.

    ``gc.freeze()`` moves them all to the permanent generation and
    ``gc.unfreeze()`` moves that to the oldest one. Nothing stays frozen:
    garbage among them is still collected (``gc.freeze()`` alone would keep a
    dataset that a query has tied in a reference cycle alive for good after
    the program drops it). Skipped when the program has frozen objects of its
    own, which ``gc.unfreeze()`` would release.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


_READ: Final = f"{FORMAT} (or {', '.join(map(str, FORMATS_READ[:-1]))})"


def loads(data: str | bytes, *, source: str = "<string>") -> Dataset:
    """Read a dataset from JSON text or bytes.

    Equal values of one input (a citation, a participant or a date that many
    records repeat) become one object: records are immutable, so only ``is``
    could tell, and a large dataset takes about half the memory.

    The cyclic garbage collector is paused while loading. After a large load
    (more than 100,000 new objects, with the collector on when the load began),
    every object alive is moved to the collector's oldest generation, in one
    step that walks none of them, so that the work right after the load (the
    first queries, an export) does not pay for collections of them all. Your
    own objects alive at that moment move with them: garbage among them is
    collected by the next full collection, not by a young one. Nothing is
    frozen, and this is skipped when your program has frozen objects with
    ``gc.freeze()``. A program that loads once and keeps the dataset to the end
    can call ``gc.freeze()`` after loading, so that even full collections skip
    it; but a frozen dataset is never freed, even when dropped (until
    ``gc.unfreeze()``), once a query has tied it into reference cycles.

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
    with _building():
        return _whole(_parse(data, source))


MAX_BYTES: Final = 256 * 1024 * 1024
"""The largest file ``load_file``, ``load_files`` and ``load(extra=...)`` read by default."""


def load_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Dataset:
    """Read a dataset from a JSON file in the bundled schema.

    Only a regular file is read (a symbolic link is followed): a directory, a
    FIFO, a device or a socket is refused before anything is read, so a FIFO
    never blocks and ``/dev/zero`` never fills the memory. Equal values are
    shared, and after a large load the collector is left no work, as with
    ``loads``.

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


_JSON_SPACE: Final = " \t\n\r\ufeff"
"""Skipped to tell JSON text from a path (a byte-order mark too, so it is reported)."""


@attrs.frozen
class _Input:
    """One item of a list of inputs: a file to read, JSON text, or a mapping."""

    source: str
    path: str | None = None
    text: str | bytes | None = None
    document: Mapping[Any, Any] | None = None

    def part(self, limit: int) -> Part:
        """The item's records, parsed (the integrity check comes with the others)."""
        if self.path is not None:
            return _parse(_read(self.path, limit), self.path)
        if self.text is not None:
            return _parse(self.text, self.source)
        assert self.document is not None
        return _parse(_text_of(self.document, self.source), self.source)


def _is_text(value: str) -> bool:
    """Whether a string is JSON text rather than a path: it starts with ``{``."""
    return value.lstrip(_JSON_SPACE).startswith("{")


def _inputs(value: object, function: str, argument: str) -> list[_Input]:
    """``value`` as a list of inputs; a single one is an error, not its characters or keys."""
    if isinstance(value, str | bytes | bytearray | os.PathLike | Mapping):
        name = None if isinstance(value, Mapping | bytes | bytearray) else os.fspath(value)
        if isinstance(value, Mapping):
            single = "mapping"
        elif name is None or (isinstance(name, str) and _is_text(name)):
            single = f"JSON text {shown(value)}"
        else:
            shown_path = shown(name)
            single = f"path {shown_path}; pass [{shown_path}]"
        message = (
            f"{function}(): {argument} must be a list of paths or documents, not the single"
            f" {single}"
        )
        if not single.startswith("path"):
            message += f"; pass it in a list: {argument}=[...]"
        raise ArgumentError(message)
    try:
        items = list(value)  # type: ignore[call-overload]
    except TypeError:
        message = (
            f"{function}(): {argument} must be a list of paths or documents, not {shown(value)}"
        )
        raise ArgumentError(message) from None
    return [_input(item, function, f"{argument}[{i}]", i + 1) for i, item in enumerate(items)]


def _input(item: object, function: str, argument: str, number: int) -> _Input:
    source = f"<extra {number}>"
    if isinstance(item, Mapping):
        return _Input(source, document=item)
    if isinstance(item, bytes | bytearray):
        return _Input(source, text=bytes(item))
    if isinstance(item, str) and _is_text(item):
        return _Input(source, text=item)
    if isinstance(item, str | os.PathLike):
        name = os.fspath(item)
        if isinstance(name, str):
            return _Input(name, path=name)
    message = (
        f"{function}(): {argument} must be a path (a str or os.PathLike), JSON text or a"
        f" mapping, not {shown(item)}"
    )
    raise ArgumentError(message)


_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_MAX_DEPTH: Final = 200
"""How deeply a mapping may nest (a dataset nests six levels)."""

_SHORT: Final = 16
"""A mapping nested too deeply is reported at its container this deep, to keep the path short."""


def _step(key: str) -> str:
    """The step of a JSON path to an object's member, written as the text decoder writes it."""
    return f".{key}" if _NAME.fullmatch(key) else f"[{json.dumps(key)}]"


def _text_of(document: Mapping[Any, Any], source: str) -> str:
    """A mapping as JSON text, for the decoder that reads files; or a located DataError.

    Every value is checked first, so what JSON cannot hold (a set, a float NaN,
    a key that is not a string, a mapping that contains itself) is a problem at
    its path, not a ``TypeError``, and no key is silently turned into a string.
    The text then takes the very route of a file's.
    """
    problems = _not_json(document)
    if problems:
        raise DataError(
            source, [attrs.evolve(p, record_id=_record_id(document, p.path)) for p in problems]
        )
    try:
        return json.dumps(document, ensure_ascii=False, allow_nan=False, default=_plain_mapping)
    except RecursionError:  # only on a stack already deep when called
        raise DataError(
            source, [Problem("$", "the document is nested too deeply to read")]
        ) from None


def _plain_mapping(value: object) -> dict[Any, Any]:
    """A mapping that is not a dict, as a dict (the values were checked before)."""
    if isinstance(value, Mapping):
        return dict(value.items())
    raise TypeError(f"{type(value).__name__} is not a JSON value")  # pragma: no cover - checked


def _not_json(document: Mapping[Any, Any]) -> list[Problem]:
    """A problem for every value of a mapping that JSON text cannot hold, in document order.

    The walk is iterative (a mapping nested 100,000 levels deep is reported, not
    a crash), and a container that holds itself is reported once, not followed.
    """
    problems: list[Problem] = []
    inside: set[int] = set()  # the containers the walk is in: a cycle returns to one
    # (value, path, depth, the path at depth _SHORT); in place of a path, None
    # closes the container whose id is the value, and a Problem is reported as it comes.
    stack: list[tuple[Any, str | Problem | None, int, str]] = [(document, "$", 0, "$")]
    while stack:
        value, path, depth, short = stack.pop()
        if path is None:
            inside.discard(value)
            continue
        if isinstance(path, Problem):
            problems.append(path)
            continue
        if depth == _SHORT:
            short = path
        problem = _not_a_value(value, path)
        if problem is not None:
            problems.append(problem)
        elif isinstance(value, Mapping | list | tuple):
            if id(value) in inside:
                problems.append(Problem(path, "the value contains itself, which JSON cannot hold"))
                continue
            if depth >= _MAX_DEPTH:
                message = f"the document is nested more than {_MAX_DEPTH} levels deep"
                problems.append(Problem(short, message))
                return problems
            inside.add(id(value))
            stack.append((id(value), None, depth, short))
            members: list[tuple[Any, str | Problem | None, int, str]] = []
            if isinstance(value, Mapping):
                for key, member in value.items():
                    if isinstance(key, str):
                        members.append((member, path + _step(key), depth + 1, short))
                    else:
                        message = (
                            f"the key {shown(key)} is not a string; the keys of a JSON object"
                            " are strings"
                        )
                        members.append((None, Problem(path, message), depth, short))
            else:
                members = [(m, f"{path}[{i}]", depth + 1, short) for i, m in enumerate(value)]
            stack.extend(reversed(members))
    return problems


def _not_a_value(value: object, path: str) -> Problem | None:
    """The problem of a value JSON text cannot hold; ``None`` for a JSON value or container."""
    if value is None or isinstance(value, str | bool | Mapping | list | tuple):
        return None
    if isinstance(value, int):
        if value.bit_length() > 2000:  # shorter than any digit limit Python allows
            try:
                int.__repr__(value)
            except ValueError:
                limit = sys.get_int_max_str_digits()
                return Problem(
                    path, f"the integer has more than the {limit} digits JSON text takes"
                )
        return None
    if isinstance(value, float):
        if math.isfinite(value):
            return None
        name = "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
        return Problem(path, f"{name} is not valid JSON; use a finite number")
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in ("a", "e", "i", "o", "u") else "a"
    hint = "; use a list" if isinstance(value, set | frozenset) else ""
    return Problem(path, f"{article} {kind} is not a JSON value{hint}")


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
    extra: Iterable[DataInput] = (),
    on_conflict: OnConflict = "error",
    max_bytes: int = MAX_BYTES,
) -> Dataset:
    """The bundled dataset, read once and shared; optionally with your own data.

    The first call reads and checks the data file shipped inside the package;
    later calls, from any thread, return the same immutable object. Extra
    inputs are read as ``loads`` reads (equal values shared, and the collector
    left no work after a large load).

    Args:
        extra: Datasets to merge into the bundled data, in order: files (a path
            as a ``str`` or ``os.PathLike``) or documents in memory in the same
            schema, either a mapping as ``json.load`` returns it or JSON text
            (a ``str`` whose first character other than whitespace is ``{``,
            or UTF-8 ``bytes``). They may refer to the bundled records (a
            meeting of ``"wang-yi"``): the merged whole is checked, and each
            problem is reported in the input it comes from, a document in
            memory as ``<extra 1>``, ``<extra 2>`` ... by its place in the
            list. A mapping is checked as strictly as a file's text: a value
            JSON cannot hold (a set, a float NaN, a key that is not a string)
            is a problem at its JSON path. With extra data the result is a new
            dataset, not the shared one, which stays as it was.
        on_conflict: What to do when an input has a record whose id is already
            taken by a different record: ``"error"`` (report every conflict),
            ``"replace"`` (the later input wins) or ``"keep"`` (the first wins).
        max_bytes: The largest extra file read, in bytes (256 MiB unless
            given); see ``load_file``. Documents in memory are not limited.

    Raises:
        DataError: An extra input is invalid, a file is larger than
            ``max_bytes``, records conflict, or references are left
            unresolved. Nothing is loaded.
        NotAFile: An extra file is a directory, a FIFO, a device or a socket.
        OSError: An extra file cannot be read (``FileNotFoundError`` ...).
        ArgumentError: ``extra`` is not a list of paths or documents (a
            single one is not: pass ``[path]``), an item is none of them, or
            another argument is not one of its choices. Nothing is read.

    Examples:
        >>> import sinorussia as sr
        >>> ds = sr.load()
        >>> ds.leaders.get("sergei-lavrov").name
        'Sergei Lavrov'
        >>> mine = {"format": 2, "version": "mine", "meetings": [{
        ...     "id": "my-meeting", "title": "A talk I heard of", "kind": "talks",
        ...     "participants": [{"who": "wang-yi", "role": "participant"}],
        ...     "date": [{"value": "2020-05", "citation": {
        ...         "basis": "external", "source": "https://example.org", "confidence": "low"}}],
        ...     "citations": [{
        ...         "basis": "external", "source": "https://example.org", "confidence": "low"}],
        ... }]}
        >>> sr.load(extra=[mine]).meetings.get("my-meeting").title
        'A talk I heard of'

    """
    inputs = _inputs(extra, "load", "extra")
    _check_conflict(on_conflict, "load")
    limit = _limit(max_bytes, "load")
    if not inputs:
        return _bundled()
    return _merged(inputs, bundled=True, on_conflict=on_conflict, limit=limit)


def _check_conflict(value: object, function: str) -> None:
    if not isinstance(value, str) or value not in ("error", "replace", "keep"):
        choices = "'error', 'replace' or 'keep'"
        message = f"{function}(): on_conflict must be {choices}, not {shown(value)}"
        raise ArgumentError(message)


def load_files(
    paths: Iterable[DataInput],
    *,
    bundled: bool = False,
    on_conflict: OnConflict = "error",
    max_bytes: int = MAX_BYTES,
) -> Dataset:
    """Several datasets merged into one, checked as a whole.

    Equal values of each input are shared, and after a large load the
    collector is left no work, as with ``loads``.

    Args:
        paths: The inputs, merged in order (a list, even of one): files, or
            documents in memory (a mapping or JSON text), as ``load`` takes
            them in ``extra``; a document in memory is named ``<extra 1>``,
            ``<extra 2>`` ... by its place in the list.
        bundled: Start from the bundled data.
        on_conflict: See ``load``.
        max_bytes: The largest file read, in bytes (256 MiB unless given);
            see ``load_file``.

    Raises:
        DataError: An input is invalid or a file larger than ``max_bytes``,
            records conflict, or the merged whole is not valid (each problem
            names its input). Nothing is loaded.
        NotAFile: A file is a directory, a FIFO, a device or a socket.
        OSError: A file cannot be read (``FileNotFoundError`` ...).
        ArgumentError: ``paths`` is not a list of paths or documents (a
            single one is not: pass ``[path]``), an item is none of them, the
            list is empty without ``bundled=True``, or another argument is not
            one of its choices.

    """
    inputs = _inputs(paths, "load_files", "paths")
    if not isinstance(bundled, bool):
        raise ArgumentError(f"load_files(): bundled must be True or False, not {shown(bundled)}")
    _check_conflict(on_conflict, "load_files")
    limit = _limit(max_bytes, "load_files")
    if not inputs and not bundled:
        raise ArgumentError("load_files() needs at least one file, or bundled=True")
    return _merged(inputs, bundled=bundled, on_conflict=on_conflict, limit=limit)


def _merged(inputs: list[_Input], *, bundled: bool, on_conflict: OnConflict, limit: int) -> Dataset:
    """The inputs parsed in order and checked as one dataset (after the bundled data)."""
    parts = []
    if bundled:
        data = _bundled()
        parts.append(Part(BUNDLED, data.version, data.sections()))
    with _building():
        for item in inputs:
            parts.append(item.part(limit))
        return merged(parts, on_conflict=on_conflict)


def _bundled() -> Dataset:
    global _cache
    cached = _cache
    if cached is not None:
        return cached
    with _lock:
        if _cache is None:
            # pkgutil reads through the package's loader, as importlib.resources
            # does, in a folder or a zip archive, and imports less at start-up.
            data = pkgutil.get_data("sinorussia", "data/sinorussia.json")
            if data is None:  # pragma: no cover - a loader that cannot read data files
                raise OSError("the bundled data file cannot be read")
            _cache = loads(data, source=BUNDLED)
        return _cache


def dumps(dataset: Dataset) -> str:
    """The dataset as canonical JSON text.

    The output is deterministic: same dataset, same text, byte for byte, on any
    run. ``dumps(load())`` is exactly the bundled file.
    """
    sections = dataset.sections()
    sections["people"] = tuple(_plain(person) for person in sections["people"])
    from ._codec import converter

    file = _files()[0](format=FORMAT, version=dataset.version, **sections)
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
    from ._codec import converter

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
