"""The fast path from JSON values to records, for input that is valid.

The converter of `_codec` structures through cattrs' generic machinery and
locates every problem: the right tool for an error, and most of the time of a
large load. This module writes, from the field plan of every record class, a
plain function per class that checks a JSON value as strictly as the converter
and the class's validators do, and builds the same record; or raises, without
saying why. The loader runs these first. A record they refuse goes to the
converter, and if the converter refuses it too, the whole document takes the
detailed path, so every error is the one that path reports.

The functions are written to `_structure` (``python -m sinorussia._fast``
writes it again) and imported like any module: nothing is compiled at run
time. `structure` uses them only while they are what this module writes for
the model as it is: a record class changed without the file being written
again leaves every document to the detailed path (and a test fails).

What a written function does for a field is what the converter's hook and the
field's validator do, with the common case inline: a printable string that
starts with a visible ASCII character passes `Text` at once, an id seen before
is a known slug. Anything less common calls the field's own validator, so no
rule is written twice. Records are built without their ``__init__`` (whose
validators were just run), then ``__attrs_post_init__`` checks the rules across
fields, as ``__init__`` would.

Equal values of one document become one object: a citation or a participant
repeated on thousands of meetings, a date, an id. Records are immutable, so
this is invisible but to ``is``, and it halves the memory of a large dataset.
Only values of one type are shared (a cached value is found by its JSON values
and their types: ``1`` never finds what ``true`` or ``1.0`` built). The claims
of one ``Dating`` never share a value, since code tells the best claim by
``claim.value is dating.best``.

While it builds them, a written function keeps what the integrity check
reads of the records (`Seen`): the ids each reference field held, every
citation built and every dating of several claims. Each is kept where a value
is first built, so this costs little: the check then screens these few values
instead of reading every record again.

The standard decoder without hooks lets through what `_json.decode` refuses:
``NaN``, infinite numbers (which the number checks here refuse) and keys
repeated in one object, which collapse into one. So `structure` also counts
the members of every object and the ``:`` in every string, which the loader
compares with the ``:`` of the text (see `_json.members_plain`).
"""

from __future__ import annotations

import enum
import functools
import sys
import typing
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from . import _structure
from ._dates import DateInterval, PartialDate, Unbounded, When
from ._fields import SLUG, AtLeast, IsId, NonEmpty, Text, Validator, lone_surrogate
from ._io import write_atomic
from ._model import RECORD_CLASSES, Citation, DateClaim, Dating
from ._plan import plan

__all__ = ["Fallback", "Seen", "Structured", "module_text", "structure", "write"]

Fallback = Callable[[Any, type], Any]
"""How a record the fast path refuses is structured instead: the converter."""


class Seen(typing.NamedTuple):
    """What the fast path saw of the values that the integrity check reads.

    Every value of these kinds in the records it built passed through it, so
    the check can screen these instead of reading every record again (see
    `_dataset.check`): each is a distinct value at most once.

    Attributes:
        refs: (class, field) -> the distinct ids of that reference field (as
            keys) of every value of that class built, nested ones included.
        citations: Every citation built (a citation found again is not built again).
        several: Every dating of more than one claim.

    """

    refs: dict[tuple[type, str], dict[str, str]]
    citations: list[Citation]
    several: list[Dating]


Structured = tuple[str, dict[str, tuple[Any, ...]], int, int, Seen | None]
"""The version, the records by section, the members and string colons counted, and
what was seen (None when a record took the converter)."""

_Fields = list[tuple["attrs.Attribute[Any]", Any, bool]]


class _Unsupported(Exception):
    """A field of a type the writer writes no code for: the class goes to the converter."""


class _Bail(Exception):
    """The fast path cannot vouch for a value."""


_MISSING: Final = object()
"""A member left out of an object (``None`` is JSON's ``null``)."""


def _str_enum(hint: Any) -> bool:
    """An enum whose values are strings without ``:`` (what the counts assume)."""
    if not (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return False
    return all(isinstance(m.value, str) and ":" not in m.value for m in hint)


def _tuple_item(hint: Any) -> Any:
    """The item type of ``tuple[X, ...]``, or None."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _fields_of(cls: type) -> _Fields:
    """Each init field of a class: the field, its type without ``None``, and if it may be null."""
    return [(step.field, step.hint, step.optional) for step in plan(cls)]


_MEMBER: Final = type(vars(DateClaim)["value"])
"""The type of a slot's descriptor."""


def _slot(cls: type, name: str) -> Any:
    """The setter of the slot ``name`` of ``cls`` (what ``object.__setattr__`` calls), or None."""
    for klass in cls.__mro__:
        found = vars(klass).get(name)
        if found is not None:
            return found.__set__ if type(found) is _MEMBER else None
    return None


def _bypass(cls: type) -> bool:
    """Whether records of ``cls`` may be built without ``__init__``: all it does is set slots.

    True for a slotted attrs class whose fields are all set from arguments,
    without converters, whose validators are `Validator`s (run before instead)
    and with no ``__attrs_pre_init__``. Its ``__init__`` sets each field with
    ``object.__setattr__``, which for a slot calls the slot's setter, as the
    function written here does at once.
    """
    fields = attrs.fields(typing.cast(Any, cls))
    return (
        "__slots__" in vars(cls)
        and not hasattr(cls, "__attrs_pre_init__")
        and all(f.init and f.converter is None for f in fields)
        and all(f.validator is None or isinstance(f.validator, Validator) for f in fields)
        and all(_slot(cls, f.name) is not None for f in fields)
    )


_STORED_FROM: Final = 4
"""Records of a class of this many fields or more are built through `_builder` (fewer: setters)."""


def _builder(cls: type) -> type | None:
    """A subclass of ``cls`` whose instances take plain stores to their slots, or None.

    Setting a slot through its descriptor's ``__set__`` calls a method
    wrapper, with a tuple of arguments made each time; storing to a slot of
    a class with the default ``__setattr__`` is one specialised bytecode. So
    a record of many fields is made as an instance of this subclass (no
    slots of its own, the default ``__setattr__`` and ``__delattr__``), its
    fields are stored, and it is given its own class by ``__class__``
    assignment, which CPython allows between classes of one layout. About
    three times faster for nine fields; for two, no faster than the setters.
    Tried here on one instance: None where the assignment is refused.
    """
    name = f"_{cls.__name__}Builder"
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__module__": __name__,
        "__qualname__": name,
    }
    builder = type(name, (cls,), namespace)
    probe: Any = object.__new__(builder)
    try:
        probe.__class__ = cls
    except TypeError:  # pragma: no cover - a layout CPython does not let change
        return None
    return builder if type(probe) is cls else None


def _bypass_dating() -> bool:
    """Whether a ``Dating`` of one claim may be built by setting its two slots."""
    return [f.name for f in attrs.fields(Dating)] == ["claims", "best"] and (
        "__slots__" in vars(Dating)
        and not hasattr(Dating, "__attrs_post_init__")
        and _slot(Dating, "claims") is not None
        and _slot(Dating, "best") is not None
    )


def _value_id(claim: DateClaim) -> int:
    return id(claim.value)


def _count(value: Any) -> tuple[int, int]:
    """The members of every object in a JSON value, and the ``:`` of every string (keys too)."""
    members = colons = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            colons += item.count(":")
        elif isinstance(item, dict):
            members += len(item)
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return members, colons


class _Writer:
    """Writes the code of the structure functions, and the values the code names (``env``)."""

    def __init__(self) -> None:
        self.env: dict[str, Any] = {
            "_new": object.__new__,
            "_slug": SLUG.fullmatch,
            "_lone": lone_surrogate,
            "_single": PartialDate.parse,
            "_Dating": Dating,
            "_value_id": _value_id,
            "_PartialDate": PartialDate,
            "_DateInterval": DateInterval,
            "_OPEN": Unbounded.OPEN,
            "_UNKNOWN": Unbounded.UNKNOWN,
            "_count": _count,
            "_BAIL": _Bail,
            "_M": _MISSING,
            "_Seen": Seen,
        }
        self.names: dict[tuple[type, bool], str] = {}
        self.chunks: list[str] = []
        self.caches: list[str] = []
        self.singles: dict[str, tuple[str, str]] = {}
        self.keyed: dict[str, tuple[str, _Fields]] = {}  # interned function -> its cache, fields
        self.refs: dict[tuple[str, str], str] = {}  # (class constant, field) -> its ids seen

    def constant(self, name: str, value: Any) -> str:
        self.env[name] = value
        return name

    def function(self, cls: type, *, fresh: bool = False) -> str:
        """The name of the function that structures ``cls`` (written on first use).

        ``fresh``: the function builds date values of its own instead of sharing them.
        """
        key = (cls, fresh)
        name = self.names.get(key)
        if name is not None:
            return name
        name = f"s_{cls.__name__}{'_fresh' if fresh else ''}"
        self.names[key] = name
        try:
            body = self.record(cls, name, fresh=fresh)
        except _Unsupported:
            body = [f"def {name}(d: Any) -> Any:", "    raise _BAIL"]
        self.chunks.append("\n".join(body))
        return name

    # -- one class ---------------------------------------------------------------

    def record(self, cls: type, name: str, *, fresh: bool) -> list[str]:
        fields = _fields_of(cls)
        build = name + "_build" if self.internable(fields) else name
        required = sum(1 for field, _, _ in fields if field.default is attrs.NOTHING)
        lines = [
            f"def {build}(d: Any) -> Any:",
            "    nonlocal members, inside",
            "    if d.__class__ is not dict: raise _BAIL",
            f"    n = {required}",
        ]
        colons = self.colonable(fields)
        if colons:
            lines.append("    c = 0")
        results = []
        for field, hint, optional in fields:
            if ":" in field.name:  # pragma: no cover - attrs names are identifiers
                raise _Unsupported(field.name)
            target = f"f_{field.name}"
            results.append((field.name, target))
            key = repr(field.name)
            if field.default is attrs.NOTHING:
                lines.append(f"    v = d[{key}]")
                lines.extend(self.value(cls, field, hint, optional, target, "    ", fresh))
            else:
                default = self.constant(f"D_{name}_{field.name}", field.default)
                lines.append(f"    v = d.get({key}, _M)")
                lines.append(f"    if v is _M: {target} = {default}")
                lines.append("    else:")
                lines.append("        n += 1")
                lines.extend(self.value(cls, field, hint, optional, target, "        ", fresh))
        # Every key was a field's: an unknown one makes the object longer.
        lines.append("    if len(d) != n: raise _BAIL")
        lines.append("    members += n")
        if colons:
            lines.append("    if c: inside += c")
        lines.extend(self.construct(cls, name, results))
        if build != name:
            lines.extend(self.interned(name, build, fields))
        return lines

    def construct(self, cls: type, name: str, results: list[tuple[str, str]]) -> list[str]:
        klass = self.constant(f"C_{name}", cls)
        if not _bypass(cls):
            arguments = ", ".join(f"{field}={target}" for field, target in results)
            lines = [f"    o = {klass}({arguments})"]
        else:
            builder = self.builder(cls) if len(results) >= _STORED_FROM else None
            if builder is not None:
                lines = [f"    o = _new({builder})"]
                lines.extend(f"    o.{field} = {target}" for field, target in results)
                lines.append(f"    o.__class__ = {klass}")
            else:
                lines = [f"    o = _new({klass})"]
                for field, target in results:
                    setter = self.constant(f"S_{cls.__name__}_{field}", _slot(cls, field))
                    lines.append(f"    {setter}(o, {target})")
            if hasattr(cls, "__attrs_post_init__"):
                rules = self.constant(f"P_{cls.__name__}", cls.__attrs_post_init__)
                lines.append(f"    {rules}(o)")
        if cls is Citation:
            lines.append("    _cited.append(o)")
        lines.append("    return o")
        return lines

    def builder(self, cls: type) -> str | None:
        """The name of the builder class of ``cls`` (see `_builder`), made once; None if none."""
        name = f"B_{cls.__name__}"
        if name not in self.env:
            found = _builder(cls)
            if found is None:  # pragma: no cover - see _builder
                return None
            self.constant(name, found)
        return name

    def seen(self, cls: type, field: attrs.Attribute[Any], kind: str) -> str | None:
        """The cache of the ids a reference field has held, if the check reads it as ``kind``."""
        steps = [step for step in plan(cls) if step.name == field.name]
        if not steps or steps[0].kind != kind:
            return None
        owner = self.constant(f"K_{cls.__name__}", cls)
        name = f"F_{cls.__name__}_{field.name}"
        if (owner, field.name) not in self.refs:
            self.refs[owner, field.name] = name
            self.caches.append(name)
        return name

    def colonable(self, fields: _Fields) -> bool:
        """Whether a class's own strings may hold ``:`` (ids and enum values cannot)."""
        for field, hint, _ in fields:
            if hint is str and not isinstance(field.validator, IsId):
                return True
            if _tuple_item(hint) is str:
                return True
        return False

    # -- interning -------------------------------------------------------------------

    def internable(self, fields: _Fields) -> bool:
        """Whether values of a class can be found again by their JSON values.

        So they can when every field holds a string, an enum member or a
        tuple of integers, or (left out, at their default) nested values.
        """
        simple = 0
        for field, hint, _ in fields:
            item = _tuple_item(hint)
            if hint is str or _str_enum(hint) or item is int:
                simple += 1
            elif not (
                item is not None
                and isinstance(item, type)
                and attrs.has(item)
                and field.default is not attrs.NOTHING
            ):
                return False
        return simple > 0

    def interned(self, name: str, build: str, fields: _Fields) -> list[str]:
        """A function that finds a value built before from the same JSON values, or builds it.

        The key holds each field's JSON value as it came (``_M`` if left out)
        and a list of integers as a tuple, once every item is checked to be an
        ``int``. Only keys of values that were built are stored, and those
        hold only strings, ``None``, ``_M`` and tuples of ``int``: a key can
        only be equal to one made of the same JSON values of the same types.
        The members of the object are then exactly the key's fields that are
        not ``_M``, so an object with more members has a key that is no field.
        """
        cache = f"I_{name}"
        self.caches.append(cache)
        self.keyed[name] = (cache, fields)
        _, nested, lists = self.key(fields, "d", "    ")
        guard = "d.__class__ is not dict" + "".join(f" or {test}" for test in nested)
        lines = [f"def {name}(d: Any) -> Any:", "    nonlocal members, inside"]
        # An object of one member, the one required field (a participant's
        # ``who``), is found by that value alone, if it cannot hold ``:``.
        required = [(f, h) for f, h, _ in fields if f.default is attrs.NOTHING]
        single = None
        if len(required) == 1 and (
            isinstance(required[0][0].validator, IsId) or _str_enum(required[0][1])
        ):
            single = f"I1_{name}"
            self.caches.append(single)
            self.singles[name] = (single, required[0][0].name)
            lines += [
                "    if d.__class__ is dict and len(d) == 1:",
                f"        h = {single}.get(d.get({required[0][0].name!r}, _M))",
                "        if h is not None:",
                "            members += 1",
                "            return h",
            ]
        lines += [f"    if {guard}: return {build}(d)", *lists]
        lines += self.found(name, fields, "d", "    ")
        lines.append("    return h[0]")
        # A value not found: built, and kept by its key (and by its one
        # member, if it has only that).
        lines += [
            "",
            f"def {name}_new(d: Any, k: Any) -> Any:",
            "    nonlocal members, inside",
            "    m = members",
            "    c = inside",
            f"    h = {cache}[k] = ({build}(d), members - m, inside - c)",
        ]
        if single is not None:
            lines.append(f"    if h[1] == 1: {single}[d[{required[0][0].name!r}]] = h[0]")
        lines.append("    return h")
        return lines

    def found(self, name: str, fields: _Fields, var: str, pad: str) -> list[str]:
        """Lines that set ``h`` to the entry of the JSON object ``var`` in the cache of ``name``.

        The entry is that of a value built before from the same JSON values
        (its members counted as if it were built again), or of one built now
        by ``name``'s ``_new`` function. ``var`` is a dict that holds no
        nested value, and any list of integers in the key has been checked
        (the third result of `key`, run first).
        """
        cache, _ = self.keyed[name]
        parts, _, _ = self.key(fields, var, pad)
        key = f"k_{name}"  # one name a class: a function may look up several
        lines = [
            f"{pad}{key} = ({', '.join(parts)},)",
            f"{pad}h = {cache}.get({key})",
            f"{pad}if h is None: h = {name}_new({var}, {key})",
            f"{pad}elif len({var}) != h[1]: raise _BAIL",
            f"{pad}else:",
            f"{pad}    members += h[1]",
        ]
        if self.colonable(fields):
            lines.append(f"{pad}    inside += h[2]")
        return lines

    def key(self, fields: _Fields, var: str, pad: str) -> tuple[list[str], list[str], list[str]]:
        """How `interned` finds a value of these fields in the JSON object ``var``.

        Returns the parts of the key (expressions), the tests that the object
        holds a nested value (then it is not found by its key), and the lines
        (at ``pad``) that check a list of integers and make it a tuple first.
        """
        parts, nested, lists = [], [], []
        for field, hint, _ in fields:
            key = repr(field.name)
            item = _tuple_item(hint)
            if hint is str or _str_enum(hint):
                # A required member left out is an error: the subscript
                # raises, and the record goes to the converter, which says so.
                required = field.default is attrs.NOTHING
                parts.append(f"{var}[{key}]" if required else f"{var}.get({key}, _M)")
            elif item is int:
                name = f"k_{field.name}"
                parts.append(name)
                lists += [
                    f"{pad}{name} = {var}.get({key}, _M)",
                    f"{pad}if {name}.__class__ is list:",
                    f"{pad}    for y in {name}:",
                    f"{pad}        if y.__class__ is not int: raise _BAIL",
                    f"{pad}    {name} = tuple({name})",
                ]
            else:
                nested.append(f"{key} in {var}")
        return parts, nested, lists

    # -- one value --------------------------------------------------------------

    def value(
        self,
        cls: type,
        field: attrs.Attribute[Any],
        hint: Any,
        optional: bool,
        target: str,
        pad: str,
        fresh: bool,
    ) -> list[str]:
        """Lines that check the JSON value ``v`` and set ``target`` to the field's value."""
        lines = self.plain(cls, field, hint, target, pad, fresh)
        if optional:
            inner = [pad + "    " + line[len(pad) :] for line in lines]
            return [f"{pad}if v is None: {target} = None", f"{pad}else:", *inner]
        return lines

    def validator(self, field: attrs.Attribute[Any], owner: type) -> tuple[str, str] | None:
        """The names of a field's validator and attribute, for a call ``V(None, A, value)``."""
        if field.validator is None:
            return None
        prefix = f"{owner.__name__}_{field.name}"
        return (
            self.constant(f"V_{prefix}", field.validator),
            self.constant(f"A_{prefix}", field),
        )

    def plain(
        self, cls: type, field: attrs.Attribute[Any], hint: Any, target: str, pad: str, fresh: bool
    ) -> list[str]:
        check = self.validator(field, cls)
        call = f"{check[0]}(None, {check[1]}, {target})" if check else None
        item = _tuple_item(hint)
        if hint is str:
            return self.string(cls, field, target, pad, check)
        if hint is bool:
            lines = [f"{pad}if v.__class__ is not bool: raise _BAIL", f"{pad}{target} = v"]
        elif hint is int:
            lines = [f"{pad}if v.__class__ is not int: raise _BAIL", f"{pad}{target} = v"]
            if isinstance(field.validator, AtLeast) and call is not None:
                minimum = self.constant(f"MIN_{cls.__name__}_{field.name}", field.validator.minimum)
                return [*lines, f"{pad}if v < {minimum}: {call}"]
        elif hint == int | float:
            lines = [
                f"{pad}if v.__class__ is not int and (v.__class__ is not float or v - v != 0.0):"
                " raise _BAIL",
                f"{pad}{target} = v",
            ]
        elif _str_enum(hint):
            members = self.constant(f"E_{cls.__name__}_{field.name}", {m.value: m for m in hint})
            lines = [f"{pad}{target} = {members}.get(v)", f"{pad}if {target} is None: raise _BAIL"]
        elif hint in (When, PartialDate, DateInterval):
            lines = self.when(hint, target, pad, fresh)
        elif hint is Dating:
            lines = self.dating(target, pad)
        elif isinstance(hint, type) and attrs.has(hint):
            lines = self.nested(self.function(hint), target, pad)
        elif item is not None:
            return self.array(cls, field, item, target, pad, check)
        else:
            raise _Unsupported(hint)
        if call is not None:
            lines.append(pad + call)
        return lines

    def string(
        self,
        cls: type,
        field: attrs.Attribute[Any],
        target: str,
        pad: str,
        check: tuple[str, str] | None,
    ) -> list[str]:
        validator = field.validator
        if isinstance(validator, IsId):
            if field.name == "id":  # a record's own id: unique, not worth keeping
                return [
                    f"{pad}if v.__class__ is not str or _slug(v) is None: raise _BAIL",
                    f"{pad}{target} = v",
                ]
            # A reference: the ids this field held before are known slugs
            # (each kept once, and once across fields). The check reads them.
            seen = self.seen(cls, field, "ref") or "_ids"
            return [
                f"{pad}{target} = {seen}.get(v)",
                f"{pad}if {target} is None: {target} = {seen}[v] = _id(v)",
            ]
        lines = [f"{pad}if v.__class__ is not str: raise _BAIL"]
        if isinstance(validator, Text) and check is not None:
            # Text refuses what the converter's string rule refuses, and more.
            lines.append(
                f'{pad}if not (" " < v[:1] < "\\x7f" and v.isprintable()):'
                f" {check[0]}(None, {check[1]}, v)"
            )
        else:
            # The converter's own rule for any string: no lone surrogate.
            lines.append(
                f"{pad}if not v.isascii() and not v.isprintable() and _lone(v) is not None:"
                " raise _BAIL"
            )
            if check is not None:
                lines.append(f"{pad}{check[0]}(None, {check[1]}, v)")
        lines.append(f"{pad}c += v.count(':')")
        lines.append(f"{pad}{target} = v")
        return lines

    def array(
        self,
        cls: type,
        field: attrs.Attribute[Any],
        item: Any,
        target: str,
        pad: str,
        check: tuple[str, str] | None,
    ) -> list[str]:
        lines = [f"{pad}if v.__class__ is not list: raise _BAIL"]
        if item is str:
            lines.append(f"{pad}{target} = _strs(v)")
            lines.append(f"{pad}for x in {target}: c += x.count(':')")
            seen = self.seen(cls, field, "refs")
            if seen is not None:
                lines.append(f"{pad}{seen}.update(zip({target}, {target}))")
        elif item is int:
            lines.append(f"{pad}{target} = _ints(v)")
        elif isinstance(item, type) and attrs.has(item):
            lines.extend(self.records(self.function(item), target, pad))
        else:
            raise _Unsupported(item)
        if isinstance(field.validator, NonEmpty):
            lines.append(f"{pad}if not {target}: raise _BAIL")
        elif check is not None:
            lines.append(f"{pad}{check[0]}(None, {check[1]}, {target})")
        return lines

    def records(self, function: str, target: str, pad: str) -> list[str]:
        """Lines that set ``target`` to the records of the array ``v``, each by ``function``.

        Items found by their one member (see `interned`) are looked up here,
        without a call; any other item is left to ``function``.
        """
        single = self.singles.get(function)
        keyed = self.keyed.get(function)
        if single is None and keyed is None:
            return [f"{pad}{target} = tuple(map({function}, v))"]
        lines = [f"{pad}t = []", f"{pad}for x in v:", f"{pad}    if x.__class__ is dict:"]
        if single is not None:
            cache, field = single
            lines += [
                f"{pad}        if len(x) == 1:",
                f"{pad}            h = {cache}.get(x.get({field!r}, _M))",
                f"{pad}            if h is not None:",
                f"{pad}                members += 1",
                f"{pad}                t.append(h)",
                f"{pad}                continue",
            ]
        if keyed is not None:
            # An object with no nested value is found by its key, or built
            # now and kept by it (see `found`); any other item is left to the
            # interned function.
            _, fields = keyed
            tests = " and ".join(f"not {each}" for each in self.key(fields, "x", "")[1])
            if single is not None or tests:
                if single is None:
                    lines.append(f"{pad}        if {tests}:")
                else:
                    lines.append(f"{pad}        elif {tests}:" if tests else f"{pad}        else:")
                inner = pad + "            "
            else:
                inner = pad + "        "
            lines += [
                *self.key(fields, "x", inner)[2],
                *self.found(function, fields, "x", inner),
                f"{inner}t.append(h[0])",
                f"{inner}continue",
            ]
        return [*lines, f"{pad}    t.append({function}(x))", f"{pad}{target} = tuple(t)"]

    def nested(self, function: str, target: str, pad: str) -> list[str]:
        """Lines that set ``target`` to the record of the JSON value ``v``, by ``function``.

        A value built before from the same JSON values is looked up here, as
        the interned function finds it (see `interned`), without a call; any
        other value is left to ``function``.
        """
        keyed = self.keyed.get(function)
        if keyed is None:
            return [f"{pad}{target} = {function}(v)"]
        _, fields = keyed
        _, nested, lists = self.key(fields, "v", pad + "    ")
        test = "v.__class__ is not dict" + "".join(f" or {each}" for each in nested)
        lines = [f"{pad}if {test}: {target} = {function}(v)"]
        single = self.singles.get(function)
        if single is not None:
            cache, field = single
            lines += [
                f"{pad}elif len(v) == 1:",
                f"{pad}    {target} = {cache}.get(v.get({field!r}, _M))",
                f"{pad}    if {target} is None: {target} = {function}(v)",
                f"{pad}    else: members += 1",
            ]
        return [
            *lines,
            f"{pad}else:",
            *lists,
            *self.found(function, fields, "v", pad + "    "),
            f"{pad}    {target} = h[0]",
        ]

    def when(self, hint: Any, target: str, pad: str, fresh: bool) -> list[str]:
        if fresh:
            lines = [f"{pad}{target} = _when(v)"]
        else:
            lines = [
                f"{pad}{target} = _whens.get(v)",
                f"{pad}if {target} is None: {target} = _whens[v] = _when(v)",
            ]
        if hint is PartialDate:
            lines.append(f"{pad}if {target}.__class__ is not _PartialDate: raise _BAIL")
        elif hint is DateInterval:
            lines.append(f"{pad}if {target}.__class__ is not _DateInterval: raise _BAIL")
        return lines

    def dating(self, target: str, pad: str) -> list[str]:
        # The converter: an array of claims, at least one; then ``Dating(claims)``,
        # whose ``best`` of a single claim is that claim's value.
        shared, fresh = self.function(DateClaim), self.function(DateClaim, fresh=True)
        lines = [f"{pad}if v.__class__ is not list or not v: raise _BAIL", f"{pad}if len(v) == 1:"]
        if _bypass_dating():
            claims = self.constant("S_Dating_claims", _slot(Dating, "claims"))
            best = self.constant("S_Dating_best", _slot(Dating, "best"))
            lines += [
                f"{pad}    x = {shared}(v[0])",
                f"{pad}    {target} = _new(_Dating)",
                f"{pad}    {claims}({target}, (x,))",
                f"{pad}    {best}({target}, x.value)",
            ]
        else:  # pragma: no cover - the shape of Dating changed
            lines.append(f"{pad}    {target} = _Dating(({shared}(v[0]),))")
        return [
            *lines,
            f"{pad}else:",
            f"{pad}    counted = members, inside",
            f"{pad}    x = tuple(map({shared}, v))",
            # Equal values of one dating would be one object: then the claims
            # are built again with values of their own (and counted once).
            f"{pad}    if len(x) != len(set(map(_value_id, x))):",
            f"{pad}        members, inside = counted",
            f"{pad}        x = tuple(map({fresh}, v))",
            f"{pad}    {target} = _Dating(x)",
            f"{pad}    _several.append({target})",
        ]

    # -- the whole -------------------------------------------------------------------

    def source(self, classes: Sequence[type]) -> str:
        """The code of ``factory``, whose ``run`` structures records of these classes."""
        functions = {cls: self.function(cls) for cls in classes}
        table = ", ".join(
            f"{self.constant(f'R_{cls.__name__}', cls)}: {name}" for cls, name in functions.items()
        )
        bindings = "".join(f"    {name} = E[{name!r}]\n" for name in sorted(self.env))
        caches = "".join(f"    {cache}: dict[Any, Any] = {{}}\n" for cache in self.caches)
        body = "\n\n".join(self.chunks)
        inner = "\n".join("    " + line if line else line for line in body.splitlines())
        refs = ", ".join(
            f"({owner}, {field!r}): {name}" for (owner, field), name in self.refs.items()
        )
        return _FACTORY.format(
            bindings=bindings, caches=caches, inner=inner, table=table, refs=refs
        )


_FACTORY: Final = '''
def factory(E: dict[str, Any]) -> Any:
    """The function that structures one document, with caches of its own."""
{bindings}
    members = 0
    inside = 0
    _ids: dict[Any, Any] = {{}}
    _whens: dict[Any, Any] = {{}}
    _cited: list[Any] = []
    _several: list[Any] = []
{caches}
    def _id(v: Any) -> Any:
        if v.__class__ is not str or _slug(v) is None: raise _BAIL
        return _ids.setdefault(v, v)

    def _when(v: Any) -> Any:
        # parse_edtf(v), with the ends of an interval found as single dates.
        if v.__class__ is not str: raise _BAIL
        if "/" not in v: return _single(v)
        start, _, end = v.partition("/")
        if "/" in end: raise _BAIL
        return _DateInterval(_end(start), _end(end))

    def _end(v: str) -> Any:
        if v == "..": return _OPEN
        if not v: return _UNKNOWN
        found = _whens.get(v)
        if found is None: found = _whens[v] = _single(v)
        return found

    def _strs(v: list[Any]) -> tuple[Any, ...]:
        for x in v:
            if x.__class__ is not str: raise _BAIL
            if not x.isascii() and not x.isprintable() and _lone(x) is not None: raise _BAIL
        return tuple(v)

    def _ints(v: list[Any]) -> tuple[Any, ...]:
        for x in v:
            if x.__class__ is not int: raise _BAIL
        return tuple(v)

{inner}

    FUNCTIONS = {{{table}}}

    def run(document: Any, fallback: Any, sections: Any, arrays: Any) -> Any:
        nonlocal members, inside
        classes = dict(sections)
        found = {{}}
        f = version = _M
        members = inside = count = 0
        fell = False
        for name, items in document:
            count += 1
            if name == "format":
                f = items
                continue
            if name == "version":
                version = items
                continue
            cls = classes.get(name)
            if cls is None: return None
            function = FUNCTIONS.get(cls)
            if function is None or items.__class__ not in arrays: return None
            out = []
            for item in items:
                members_before, inside_before = members, inside
                try:
                    record = function(item)
                except Exception:
                    members, inside = members_before, inside_before
                    fell = True
                    record = fallback(item, cls)
                    more, colons = _count(item)
                    members += more
                    inside += colons
                out.append(record)
            found[name] = tuple(out)
        if f.__class__ is not int or f != 2: return None
        if version.__class__ is not str: return None
        if not version.isascii() and not version.isprintable() and _lone(version) is not None:
            return None
        members += count
        inside += version.count(":")
        seen = None if fell else _Seen({{{refs}}}, _cited, _several)
        return version, {{name: found.get(name, ()) for name, _ in sections}}, members, inside, seen

    return run
'''


_MODULE: Final = '''"""The structure functions of the fast path of loading, written by `_fast`.

Written by ``python -m sinorussia._fast`` from the field plan: do not edit. A
test checks that this is what `_fast` writes for the model as it is, and
`_fast` uses it only then (see `SOURCE_CHECK`).
"""

# fmt: off
# ruff: noqa
from __future__ import annotations

from typing import Any

SOURCE_CHECK = {check}
"""The length and the CRC-32 of the code of ``factory`` (UTF-8) as `_fast` writes it."""

{code}'''


@functools.cache
def _written() -> tuple[str, tuple[int, int], dict[str, Any]]:
    """The code of ``factory`` for the model as it is, its check, and what it names.

    The check is the length and the CRC-32 of the code's UTF-8 bytes: it is
    there to tell a file left behind by a change of the model (which the
    test of the file catches too), not to withstand a forgery, and `zlib` is
    imported already where `hashlib` would cost the start of a program.
    """
    writer = _Writer()
    code = writer.source(tuple(RECORD_CLASSES.values()))
    data = code.encode("utf-8")
    return code, (len(data), zlib.crc32(data)), writer.env


def module_text() -> str:
    """The text of `_structure` as this module writes it for the model as it is."""
    code, check, _ = _written()
    return _MODULE.format(check=repr(check), code=code.lstrip("\n"))


def write(path: str | Path | None = None) -> Path:
    """Write `_structure` again (by default the one in the source tree)."""
    target = Path(path) if path is not None else Path(__file__).parent / "_structure.py"
    return write_atomic(target, module_text().encode("utf-8"))


def structure(
    document: Any,
    sections: Sequence[tuple[str, type]],
    fallback: Fallback,
    *,
    arrays: tuple[type, ...],
) -> Structured | None:
    """A document of file format 2 as records, or None where the fast path cannot say.

    Args:
        document: The members of the document's top-level object, one by
            one: ``(key, value)`` pairs in the order of the text, each array
            as an iterable of its elements (`_json.Members`, which never holds
            the whole document at once). A key given twice at the top level
            must not be among the pairs.
        sections: The sections in file order: their names and record classes.
        fallback: Structures a record the fast path refuses (the converter);
            what it raises propagates, as does what iterating ``document``
            raises.
        arrays: The types of the values that hold a section's elements.

    Returns:
        The version, the records by section (every section, ``()`` where the
        document has none), the number of members of every object, the
        number of ``:`` in every string of the document, and what the
        integrity check reads of the records (`Seen`; None if any record took
        ``fallback``); or None if the
        document is not of format 2, or its top level is not as the file's,
        or `_structure` is not what this module writes for the model as it is.

    """
    _, check, env = _written()
    if check != _structure.SOURCE_CHECK:
        return None
    run = _structure.factory(env)
    result: Structured | None = run(document, fallback, sections, arrays)
    return result


def main(argv: list[str] | None = None) -> int:
    """Write `_structure` again: ``python -m sinorussia._fast [PATH]``."""
    args = sys.argv[1:] if argv is None else argv
    print(write(args[0] if args else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
