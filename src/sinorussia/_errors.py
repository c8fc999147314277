"""The exceptions sinorussia raises.

Every exception the library raises on purpose derives from :class:`Error`, so
``except sinorussia.Error`` catches them all. The tree::

    sinorussia.Error
    ├── DataError(Error, ValueError)   bad input: says which file and where in it
    └── NotFound(Error, LookupError)   no record with that id or name
        └── Ambiguous(NotFound)        a name that fits several records
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = ["Ambiguous", "DataError", "Error", "NotFound", "Problem"]


class Error(Exception):
    """Base class of every exception raised by sinorussia."""

    # Tracebacks and reprs name the public path, sinorussia.DataError.
    __module__ = "sinorussia"


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
        suggestions: Close matches, best first (may be empty).

    """

    __module__ = "sinorussia"
    key: str
    suggestions: tuple[str, ...]

    def __init__(self, key: str, *, kind: str = "record", suggestions: Iterable[str] = ()) -> None:
        self.key = key
        self.kind = kind
        self.suggestions = tuple(suggestions)
        super().__init__(self._message())

    def _message(self) -> str:
        message = f"no {self.kind} {self.key!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return message

    def __str__(self) -> str:
        # LookupError would otherwise repr() the single argument.
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (_not_found, (self.key, self.kind, self.suggestions))


def _not_found(key: str, kind: str, suggestions: tuple[str, ...]) -> NotFound:
    return NotFound(key, kind=kind, suggestions=suggestions)


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
        shown = ", ".join(repr(c) for c in self.candidates)
        return f"{self.key!r} matches several of the {self.kind} records: {shown}; use an id"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_ambiguous, (self.key, self.kind, self.candidates))


def _ambiguous(key: str, kind: str, candidates: tuple[str, ...]) -> Ambiguous:
    return Ambiguous(key, kind=kind, candidates=candidates)
