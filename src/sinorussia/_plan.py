"""The field plan: what each field of a record class holds, worked out once.

`plan` reads a class's attrs fields and their resolved types once and
caches the answer: for each field, whether it is a reference (one id or many,
and to which classes), a citation or citations, a date (``Dating``), nested
records (participants, milestones ...) or a plain value. Everything that walks
records by their fields reads this plan: the integrity check, ``related()``,
``cited_in``, flat rows for CSV and pandas, the graph export and the JSON
Schema. No other module inspects attrs fields or type hints.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

import attrs

from ._fields import describe, ref_targets
from ._model import RECORD_CLASSES, Citation, Dating

__all__ = ["Step", "citations", "datings", "plan", "references"]

Kind = Literal["ref", "refs", "citation", "citations", "dating", "nested", "value"]


@attrs.frozen
class Step:
    """What one field of a record class holds.

    Attributes:
        field: The attrs field.
        kind: ``ref`` (one id), ``refs`` (a tuple of ids), ``citation``,
            ``citations``, ``dating``, ``nested`` (a tuple of attrs values
            such as participants) or ``value`` (anything else).
        hint: The field's type, without ``None``.
        optional: Whether the field may be ``None``.
        targets: For a reference: the classes it may point to (``None``: any).
        target_names: Their names, as the field's metadata gives them.
        item: For ``nested`` and other tuples: the type of an item.

    """

    field: attrs.Attribute[Any]
    kind: Kind
    hint: Any
    optional: bool
    targets: tuple[type, ...] | None = None
    target_names: tuple[str, ...] = ()
    item: Any = None

    @property
    def name(self) -> str:
        """The field's name."""
        return self.field.name

    @property
    def doc(self) -> str:
        """The field's description."""
        return describe(self.field)

    @property
    def has_default(self) -> bool:
        """Whether the field may be left out."""
        return self.field.default is not attrs.NOTHING


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


_PLANS: dict[type, tuple[Step, ...]] = {}


def plan(cls: type) -> tuple[Step, ...]:
    """The steps of one class's init fields, in field order (worked out once per class)."""
    found = _PLANS.get(cls)
    if found is None:
        found = _PLANS[cls] = _make_plan(cls)
    return found


def _make_plan(cls: type) -> tuple[Step, ...]:
    hints = typing.get_type_hints(cls)
    steps: list[Step] = []
    for field in attrs.fields(typing.cast(Any, cls)):
        if not field.init:
            continue
        hint = hints[field.name]
        optional = False
        if _is_union(hint) and type(None) in typing.get_args(hint):
            optional = True
            rest = [arg for arg in typing.get_args(hint) if arg is not type(None)]
            hint = functools.reduce(lambda a, b: a | b, rest)
        args = typing.get_args(hint)
        many = typing.get_origin(hint) is tuple
        item = args[0] if many else None
        names = ref_targets(field)
        kind: Kind
        targets: tuple[type, ...] | None = None
        if names:
            kind = "refs" if many else "ref"
            targets = None if names == ("*",) else tuple(RECORD_CLASSES[n] for n in names)
        elif hint is Citation:
            kind = "citation"
        elif many and item is Citation:
            kind = "citations"
        elif hint is Dating:
            kind = "dating"
        elif many and isinstance(item, type) and attrs.has(item):
            kind = "nested"
        else:
            kind = "value"
        steps.append(Step(field, kind, hint, optional, targets, names, item))
    return tuple(steps)


def references(value: Any) -> Iterator[str]:
    """Every id a record (or nested value) refers to, in field order."""
    for step in plan(type(value)):
        kind = step.kind
        if kind == "ref":
            target = getattr(value, step.name)
            if target is not None:
                yield target
        elif kind == "refs":
            yield from getattr(value, step.name)
        elif kind == "nested":
            for item in getattr(value, step.name):
                yield from references(item)


def citations(value: Any) -> Iterator[Citation]:
    """Every citation anywhere in a record: its own, its dates' and its nested values'."""
    for step in plan(type(value)):
        kind = step.kind
        if kind == "citations":
            yield from getattr(value, step.name)
        elif kind == "citation":
            yield getattr(value, step.name)
        elif kind == "dating":
            dating = getattr(value, step.name)
            if dating is not None:
                for claim in dating.claims:
                    yield claim.citation
        elif kind == "nested":
            for item in getattr(value, step.name):
                yield from citations(item)


def datings(value: Any) -> Iterator[tuple[str, Dating | None]]:
    """A record's date fields and their values (``None`` where unset), in field order."""
    for step in plan(type(value)):
        if step.kind == "dating":
            yield step.name, getattr(value, step.name)
