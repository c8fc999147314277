"""Names for what the public API accepts, and the checks that hold callers to them.

Like httpx's ``_types``, this module names each kind of input once, so that the
signatures say what they take and ``mypy`` refuses the rest:
``ds.meetings.during([2020])`` is a type error.

Each kind of input has its check here too (`period`, `flag`,
`whole`, `text`, `ref` ...). The queries, look-ups and the
dataset's methods run them on every argument before they do anything else, so
a program that is not type-checked gets an [`ArgumentError`][sinorussia.ArgumentError]
naming the function, the argument and what it expected, never an internal
exception, a lazy failure later on, or a silently empty answer. Booleans are
not numbers here: ``cited_in(True)`` is an error, not paragraph 1.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeAlias, TypeVar

import attrs

from ._dates import DateInterval, PartialDate, Unbounded, When, to_when
from ._errors import ArgumentError, shown
from ._model import Dating, Entity

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "MAX_TEXT",
    "DataInput",
    "DateLike",
    "FieldValue",
    "KindLike",
    "PeriodLike",
    "RecordRef",
    "callable_of",
    "choice",
    "class_of",
    "fail",
    "field_value",
    "flag",
    "fraction",
    "member",
    "moment",
    "period",
    "ref",
    "text",
    "whole",
]

DateLike: TypeAlias = int | str | datetime.date | PartialDate | DateInterval | Dating
"""A date as the queries take it: a year (``2020``), an EDTF string (``"2020-04"``,
``"2013/2015"``), a ``datetime.date`` or pendulum ``Date``, a ``PartialDate`` or
``DateInterval``, or a record's ``Dating`` (its best value)."""

# Quoted, so that pendulum need not be imported with the library: a type
# checker reads the alias all the same.
PeriodLike: TypeAlias = (
    "DateLike | pendulum.Interval[Any]"
    " | tuple[int | str | datetime.date | PartialDate | Unbounded | None,"
    " int | str | datetime.date | PartialDate | Unbounded | None]"
)
"""A period: any ``DateLike``, a pendulum ``Interval``, or a ``(start, end)`` pair
whose ends are single dates, ``Unbounded`` or ``None`` (open)."""

RecordRef: TypeAlias = str | Entity
"""A record, its id, or (where the API resolves names) one of its names or aliases."""

KindLike: TypeAlias = str
"""A kind: a vocabulary member (``sr.MeetingKind.PHONE_CALL``) or its value
(``"phone_call"``); every vocabulary is a ``StrEnum``, so both are strings."""

FieldValue: TypeAlias = str | int | float | Entity | Dating | None
"""A value ``where()`` compares a field with: an id, a vocabulary value, a number ..."""

DataInput: TypeAlias = str | os.PathLike[str] | bytes | Mapping[str, Any]
"""What ``load(extra=...)`` and ``load_files`` take in their list, item by item.

A path to a file (a ``str`` or ``os.PathLike``), or a document in memory: a
mapping as ``json.load`` returns it, or JSON text (a ``str`` whose first
character other than whitespace is ``{``, or UTF-8 ``bytes``).
"""


# -- the checks -----------------------------------------------------------------

MAX_TEXT: Final = 1000
"""The longest text ``lookup`` and ``search`` take: names are far shorter, and
the fuzzy score costs time in proportion to the text's length."""

_MESSAGE: Final = 300
"""Messages passed on from the date parser are cut to this length."""

E = TypeVar("E", bound=Enum)


def _given(value: object) -> str:
    return f"{type(value).__name__} {shown(value)}"


def fail(where: str, expected: str, value: object) -> NoReturn:
    """Raise the error of a bad argument.

    Args:
        where: The function and argument, such as ``"during(period)"``.
        expected: What the argument should have been, such as ``"a string"``.
        value: What it was.

    Raises:
        ArgumentError: Always.

    """
    raise ArgumentError(f"{where}: expected {expected}, got {_given(value)}")


def flag(value: object, where: str) -> bool:
    """A ``True`` or ``False`` argument (``1``, ``None`` or ``"yes"`` is refused)."""
    if isinstance(value, bool):
        return value
    fail(where, "True or False", value)


def whole(value: object, where: str, *, least: int | None = None, most: int | None = None) -> int:
    """A whole-number argument (not a bool, not a float), within ``least`` and ``most``."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (least is None or value >= least)
        and (most is None or value <= most)
    ):
        return int(value)
    if least is not None and most is not None:
        expected = f"a whole number from {least} to {most}"
    elif least is not None:
        expected = f"a whole number of at least {least}"
    elif most is not None:
        expected = f"a whole number of at most {most}"
    else:
        expected = "a whole number"
    fail(where, expected, value)


def fraction(value: object, where: str) -> float:
    """A number from 0 to 1 (a score threshold); not a bool, not NaN."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        fail(where, "a number from 0 to 1", value)
    return float(value)


def text(value: object, where: str, *, longest: int | None = MAX_TEXT) -> str:
    """A string argument of at most ``longest`` characters (``None``: any length)."""
    if not isinstance(value, str):
        fail(where, "a string", value)
    if longest is not None and len(value) > longest:
        raise ArgumentError(
            f"{where}: expected a string of at most {longest:,} characters,"
            f" got one of {len(value):,}"
        )
    return value


def ref(value: object, where: str) -> str:
    """A ``RecordRef`` argument as a string: a record's id, or the id or name given."""
    if isinstance(value, str):
        return value
    if isinstance(value, Entity):
        return value.id
    fail(where, "an id, a name or a record", value)


def choice(value: object, where: str, choices: tuple[str, ...]) -> str:
    """One of a few strings (a ``Literal`` argument such as ``match``)."""
    if isinstance(value, str) and value in choices:
        return value
    fail(where, " or ".join(repr(c) for c in choices), value)


def member(cls: type[E], value: object, where: str) -> E:
    """A member of the vocabulary ``cls``, given as the member or its value."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(m.value) for m in cls)
    fail(where, f"one of {allowed}", value)


def callable_of(value: object, where: str) -> Callable[..., Any]:
    """A function argument (a predicate)."""
    if callable(value):
        return value
    fail(where, "a function", value)


def class_of(value: object, where: str) -> type:
    """A class argument that ``isinstance`` can test with (``of_type``)."""
    if isinstance(value, type):
        try:
            isinstance(None, value)
        except TypeError:
            pass
        else:
            return value
    fail(where, "a class, such as sr.Meeting", value)


def field_value(value: object, where: str) -> object:
    """A ``FieldValue`` argument (``where``); a record stands for its id.

    Also taken: a nested record (a ``Participant``, a ``Citation``) and a
    tuple of accepted values, to compare a whole tuple field.
    """
    if isinstance(value, tuple):
        return tuple(_scalar(item, where) for item in value)
    return _scalar(value, where)


def _scalar(value: object, where: str) -> object:
    if isinstance(value, Entity):
        return value.id
    if (
        value is None
        or isinstance(value, str | float)
        or (isinstance(value, int) and not isinstance(value, bool))
        or attrs.has(type(value))
    ):
        return value
    fail(where, "an id, a vocabulary value, a number, a record, a date or None", value)


def moment(value: object, where: str) -> When:
    """A ``PeriodLike`` argument as a ``PartialDate`` or ``DateInterval``.

    A ``Dating`` gives its best value; everything else goes through
    [`to_when`][sinorussia.to_when], whose ``TypeError`` or ``ValueError`` becomes
    an ``ArgumentError`` with the same explanation.
    """
    if isinstance(value, Dating):
        return value.best
    try:
        repr(value)  # the parser's messages show the value: one that cannot be shown is refused
    except Exception:
        fail(where, "a date or a period", value)
    try:
        return to_when(value)
    except (TypeError, ValueError) as exc:
        message = str(exc)
        if len(message) > _MESSAGE:
            message = message[: _MESSAGE - 1] + "…"
        raise ArgumentError(f"{where}: {message}") from None


def period(value: object, where: str) -> tuple[int, int]:
    """The first and last day a ``PeriodLike`` argument covers, as day ordinals."""
    span: tuple[int, int] = moment(value, where)._span
    return span
