"""The one cattrs converter, and the strict hooks that make it fail loudly.

cattrs' defaults are forgiving: ``str(5)`` becomes ``"5"``, a string becomes a
tuple of characters, ``int(5.7)`` becomes ``5``. A dataset must never be changed
silently on the way in, so every primitive here has a strict hook, every
record rejects unknown keys, and errors keep the path of the bad value.
"""

from __future__ import annotations

import enum
import functools
import math
import typing
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ._dates import DateInterval, PartialDate, When, parse_edtf
from ._errors import Problem
from ._fields import FieldError, lone_surrogate
from ._model import DateClaim, Dating
from ._plan import Step, plan

__all__ = ["converter", "problems_of"]

T = TypeVar("T")


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_json_type(value)}")
    # What loads must be writable: no lone surrogates. A printable string has
    # none, so only the rare others are searched.
    if not value.isascii() and not value.isprintable():
        problem = lone_surrogate(value)
        if problem is not None:
            raise ValueError(problem)
    return value


def _structure_int(value: object, _: type) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an integer, got {_json_type(value)}")
    return value


def _structure_number(value: object, _: type) -> int | float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"expected a number, got {_json_type(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_json_type(value)}")
    return value


def _optional(hook: Callable[[object, type], T]) -> Callable[[object, type], T | None]:
    def structure(value: object, cls: type) -> T | None:
        return None if value is None else hook(value, cls)

    return structure


def _structure_when(value: object, cls: Any) -> When:
    """An EDTF string as the declared type: a date, an interval, or either (``When``)."""
    if not isinstance(value, str):
        raise TypeError(f"expected an EDTF date string, got {_json_type(value)}")
    when = parse_edtf(value)
    if cls is PartialDate and not isinstance(when, PartialDate):
        raise ValueError(f"expected a single EDTF date, not the interval {value!r}")
    if cls is DateInterval and not isinstance(when, DateInterval):
        raise ValueError(f"expected an EDTF interval, not the single date {value!r}")
    return when


@functools.cache
def _members(cls: type[enum.Enum]) -> tuple[dict[object, enum.Enum], str, type]:
    """An enum's members by value, the values as an error lists them, and their type."""
    kinds = {type(m.value) for m in cls}
    kind = str if kinds <= {str} else int if kinds <= {int} else object
    return {m.value: m for m in cls}, ", ".join(repr(m.value) for m in cls), kind


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    """Any enum, strictly: one of its values, of the values' own JSON type."""
    by_value, allowed, kind = _members(cls)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"expected {_json_type(kind())}, got {_json_type(value)}")
    member = by_value.get(value)
    if member is None:
        raise ValueError(f"unknown value {value!r}; expected one of {allowed}")
    return member


def _is_homogeneous_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    # cattrs dispatches on classes (its own forgiving hooks for str, int and
    # float among them) before any predicate, and a class hook also catches
    # subclasses: a hook for ``str`` catches every StrEnum. So the primitives
    # are registered by class, each to replace cattrs' own, and every enum,
    # wherever it is defined, gets the one strict enum hook through the enum
    # bases, which come before ``str`` and ``int`` in a StrEnum's or IntEnum's
    # method resolution order. Everything else is registered by predicate.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_number)
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum, enum.IntFlag):
        conv.register_structure_hook(base, _structure_enum)
    conv.register_structure_hook_func(lambda t: t == int | float, _structure_number)
    # The common optional fields, without cattrs' generic union dispatch.
    conv.register_structure_hook_func(lambda t: t == str | None, _optional(_structure_str))
    conv.register_structure_hook_func(lambda t: t == int | None, _optional(_structure_int))
    for when_type in (When, PartialDate, DateInterval):
        conv.register_structure_hook(when_type, _structure_when)
        conv.register_unstructure_hook(when_type, lambda value: value.edtf)

    def tuple_hook(t: Any) -> Callable[[object, type], tuple[Any, ...]]:
        # cattrs' own tuple structuring (it reports every bad item with its
        # index), behind a check that the value is a JSON array: cattrs
        # would take any iterable, and a string as a tuple of characters.
        structure = homogenous_tuple_structure_factory(t, conv)

        def structure_array(value: object, cls: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError(f"expected an array, got {_json_type(value)}")
            found: tuple[Any, ...] = structure(value, cls)
            return found

        return structure_array

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    claims = tuple_hook(tuple[DateClaim, ...])

    def structure_dating(value: object, _: type) -> Dating:
        found = claims(value, tuple[DateClaim, ...])
        if not found:
            raise ValueError("a date needs at least one claim")
        return Dating(found)

    conv.register_structure_hook(Dating, structure_dating)
    conv.register_unstructure_hook(
        Dating, lambda dating: [conv.unstructure(c, DateClaim) for c in dating.claims]
    )

    def attrs_hook(cls: type[T]) -> Callable[[object, type], T]:
        inner = make_dict_structure_fn(cls, conv)
        steps = plan(cls)

        def structure(value: object, _: type) -> T:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, got {_json_type(value)}")
            try:
                return inner(value, cls)
            except ClassValidationError as exc:
                more = _unchecked_fields(steps, value, exc)
                if not more:
                    raise
                raise ClassValidationError(exc.message, [*exc.exceptions, *more], cls) from None

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_hook)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


def _unchecked_fields(
    steps: tuple[Step, ...], value: dict[str, Any], exc: ClassValidationError
) -> list[Exception]:
    """Run the validators a failed structuring never reached.

    cattrs stops before building the record when any field fails, so an
    invalid id next to a missing title would only show up on the next try.
    Fields of plain strings (and lists of strings) whose type was right get
    their validators run here, so one error lists every problem of a record.
    """
    with_notes, without = exc.group_exceptions()
    failed = {getattr(note, "name", None) for _, note in with_notes}
    failed |= {error.field for error in without if isinstance(error, FieldError)}
    found: list[Exception] = []
    for step in steps:
        field = step.field
        if field.validator is None or field.name in failed or field.name not in value:
            continue
        raw = value[field.name]
        if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
            raw = tuple(raw)
        elif not isinstance(raw, str):
            continue
        try:
            field.validator(None, field, raw)
        except FieldError as error:
            found.append(error)
    return found


converter: Final = _make_converter()
"""The one converter: JSON-ready Python values to records and back."""


def _key(name: str) -> str:
    """A key as an error shows it: as written if plainly printable, else quoted with escapes."""
    return name if name.isprintable() and name.strip() == name and name else repr(name)


def _message(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = ", ".join(_key(name) for name in sorted(exc.extra_fields))
        return f"unknown field{'s' if len(exc.extra_fields) > 1 else ''}: {fields}"
    if isinstance(exc, TypeError | ValueError) and exc.args:
        return str(exc.args[0])
    return f"{type(exc).__name__}: {exc}"


def problems_of(exc: BaseException, path: str = "$") -> Iterator[Problem]:
    """Walk a cattrs exception group and yield one [`Problem`][sinorussia.Problem] per leaf.

    Args:
        exc: What the converter raised.
        path: The JSON path of the value that was being structured.

    """
    if isinstance(exc, IterableValidationError | ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = (
                f"[{note.index!r}]" if isinstance(note, IterableValidationNote) else f".{note.name}"
            )
            yield from problems_of(sub, path + step)
        for sub in without:
            yield from problems_of(sub, path)
    elif isinstance(exc, FieldError):
        yield Problem(path + exc.where, str(exc))
    else:
        yield Problem(path, _message(exc))
