"""The exceptions sinorussia raises.

Every exception the library raises on purpose derives from [`Error`][sinorussia.Error], so
``except sinorussia.Error`` catches them all. The tree::

    sinorussia.Error
    ├── ArgumentError(Error, TypeError, ValueError)
    │                                  an argument a function cannot take: says which, and
    │                                  what it expected
    ├── DataError(Error, ValueError)   bad input: says which file and where in it
    ├── NotAFile(Error, OSError)       a path to read or write that is a directory, a FIFO,
    │                                  a device or a socket: refused, nothing read or written
    └── NotFound(Error, LookupError)   no record with that id or name
        └── Ambiguous(NotFound)        a name that fits several records
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "Ambiguous",
    "ArgumentError",
    "DataError",
    "Error",
    "NotAFile",
    "NotFound",
    "Problem",
    "shown",
]


class Error(Exception):
    """Base class of every exception raised by sinorussia."""

    # Tracebacks and reprs name the public path, sinorussia.DataError.
    __module__ = "sinorussia"


class ArgumentError(Error, TypeError, ValueError):
    """An argument that a query, look-up or other function cannot take.

    Raised before anything is computed, whether the argument has the wrong type
    (``lookup(None)``, ``cited_in("12")``, a bool where a number is expected)
    or the right type and a wrong value (``during("2019-13")``,
    ``search("x", limit=-1)``). It is a ``TypeError`` and a ``ValueError`` as
    well, so code that caught either before keeps working. The message names
    the function and the argument, says what was expected, and shows the value
    given (shortened when long).
    """

    __module__ = "sinorussia"


def shown(value: object, limit: int = 60) -> str:
    """A short ``repr`` of ``value`` for a message; never raises, never long.

    A repr that fails (a broken ``__repr__``, an integer too long to print) is
    replaced by the type's name; a long one is cut to ``limit`` characters.
    """
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]  # repr only what will be shown of a huge string
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        path: A JSONPath-like location inside the document, such as
            ``$.meetings[3].date``; ``$`` is the whole document.
        message: What is wrong, in plain words.
        record_id: The id of the record the problem sits in, when known.
        source: The file the problem is in, when it differs from the error's
            source (problems of a merge of several files).

    """

    path: str
    message: str
    record_id: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = self.path if self.record_id is None else f"{self.path} (id {self.record_id!r})"
        if self.source is not None:
            where = f"{self.source}: {where}"
        return f"{where}: {self.message}"


class DataError(Error, ValueError):
    """Input that is not a valid sinorussia dataset.

    The message names the source (a file path, or ``<string>`` for text) and lists
    every problem found, each with its JSON path. Nothing is loaded when this is
    raised: there is never a half-loaded dataset.

    Attributes:
        source: The file the input came from, or ``"<string>"``.
        problems: Every problem found, in document order where possible.

    """

    __module__ = "sinorussia"
    source: str
    problems: tuple[Problem, ...]

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(_format(source, self.problems))

    def __reduce__(self) -> tuple[type[DataError], tuple[str, tuple[Problem, ...]]]:
        return (type(self), (self.source, self.problems))


def _format(source: str, problems: Sequence[Problem], limit: int = 20) -> str:
    if not problems:
        return f"{source}: invalid data"
    if len(problems) == 1:
        return f"{source}: {problems[0]}"
    lines = [f"{source}: {len(problems)} problems"]
    lines.extend(f"  {problem}" for problem in problems[:limit])
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit} more (see .problems)")
    return "\n".join(lines)


class NotFound(Error, LookupError):
    """No record matches the id or name asked for.

    Attributes:
        key: What was looked up.
        kind: What was looked for (``"place"``, ``"person, country or
            organisation"`` ...).
        suggestions: Close matches, best first (may be empty).
        note: Why a record that exists does not fit (``'moscow' is a place``),
            or ``None``.

    """

    __module__ = "sinorussia"
    key: str
    kind: str
    suggestions: tuple[str, ...]
    note: str | None

    def __init__(
        self,
        key: str,
        *,
        kind: str = "record",
        suggestions: Iterable[str] = (),
        note: str | None = None,
    ) -> None:
        self.key = key
        self.kind = kind
        self.suggestions = tuple(suggestions)
        self.note = note
        super().__init__(self._message())

    def _message(self) -> str:
        message = f"no {self.kind} {shown(self.key, 200)}"
        if self.note:
            message += f" ({self.note})"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return message

    def __str__(self) -> str:
        # LookupError would otherwise repr() the single argument.
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (_not_found, (self.key, self.kind, self.suggestions, self.note))


def _not_found(
    key: str, kind: str, suggestions: tuple[str, ...], note: str | None = None
) -> NotFound:
    return NotFound(key, kind=kind, suggestions=suggestions, note=note)


_LISTED = 20
"""How many candidates the message of an Ambiguous error lists."""


class Ambiguous(NotFound):
    """A name matches several records equally well.

    Attributes:
        candidates: The ids of the records it matches.

    """

    __module__ = "sinorussia"
    candidates: tuple[str, ...]

    def __init__(self, key: str, *, kind: str = "record", candidates: Iterable[str] = ()) -> None:
        self.candidates = tuple(candidates)
        super().__init__(key, kind=kind, suggestions=self.candidates)

    def _message(self) -> str:
        listed = ", ".join(repr(c) for c in self.candidates[:_LISTED])
        if len(self.candidates) > _LISTED:
            listed += f" and {len(self.candidates) - _LISTED} more (see .candidates)"
        key = shown(self.key, 200)
        return f"{key} matches several records ({self.kind}): {listed}; use an id"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_ambiguous, (self.key, self.kind, self.candidates))


def _ambiguous(key: str, kind: str, candidates: tuple[str, ...]) -> Ambiguous:
    return Ambiguous(key, kind=kind, candidates=candidates)


class NotAFile(Error, OSError):
    """A path that exists and is not a regular file: refused before any byte moves.

    Reading a FIFO would block for ever and reading a device such as
    ``/dev/zero`` would never end; writing would replace the FIFO or device
    (``/dev/null``) with a regular file. So sinorussia reads and writes only
    regular files (a symbolic link is followed to the file it names). It is an
    ``OSError`` as well, like ``IsADirectoryError``, so code that handles files
    that cannot be read or written keeps handling it.

    Attributes:
        filename: The path, as given.
        kind: What is there: ``directory``, ``FIFO``, ``character device``,
            ``block device``, ``socket`` or ``symbolic link`` (one that does
            not resolve).

    """

    __module__ = "sinorussia"
    kind: str

    def __init__(self, filename: str, kind: str, message: str) -> None:
        self.kind = kind
        code = errno.EISDIR if kind == "directory" else errno.EINVAL
        super().__init__(code, message, filename)

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.filename, self.kind, self.strerror))
