"""The building blocks of record fields: validators that say what they check.

Every validator here is a small frozen object that attrs calls like a function
and that carries, as plain data, what it checks: `Validator.schema` gives
its JSON Schema fragment, as attrs' own ``matches_re`` keeps its ``pattern``.
The schema generator reads these fragments and never the code.

Field metadata holds the rest of what a field says about itself:

- `DOC`: its description, the one home of the text that the class
  docstring, the JSON Schema and the data dictionary show;
- `REF`: for a reference, the names of the record classes it may point to.
"""

from __future__ import annotations

import functools
import inspect
import math
import re
import unicodedata
from typing import Any, Final, TypeVar

import attrs

from ._errors import Error

__all__ = [
    "DOC",
    "REF",
    "SLUG",
    "AtLeast",
    "Each",
    "FieldError",
    "Finite",
    "IsId",
    "Matches",
    "NonEmpty",
    "Text",
    "Unique",
    "Validator",
    "all_of",
    "check_text",
    "describe",
    "doc",
    "document",
    "has_visible",
    "is_visible",
    "lone_surrogate",
    "ref",
    "ref_targets",
    "summary",
]

SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What an id looks like: lowercase ASCII words joined by single hyphens."""

DOC: Final = "sinorussia.doc"
"""The metadata key of a field's description."""

REF: Final = "sinorussia.ref"
"""The metadata key of the record classes a reference field may point to."""


class FieldError(Error, ValueError):
    """A field's value, or a rule across a record's fields, is broken.

    ``field`` names the field, so errors can say where (``None``: the record as
    a whole); ``at`` continues the path inside it (an item's index, a key), as
    in ``participants[1].who``.
    """

    def __init__(self, field: str | None, message: str, *, at: tuple[int | str, ...] = ()) -> None:
        super().__init__(message)
        self.field = field
        self.at = at

    @property
    def where(self) -> str:
        """The path of the value inside its record: ``.participants[1].who`` ("" for the record)."""
        if self.field is None:
            return ""
        steps = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in self.at)
        return f".{self.field}{steps}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_field_error, (self.field, str(self), self.at))


def _field_error(field: str | None, message: str, at: tuple[int | str, ...]) -> FieldError:
    return FieldError(field, message, at=at)


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _expect_string(field: str, value: object) -> None:
    if not isinstance(value, str):
        raise FieldError(field, f"expected a string, got {_json_type(value)}")


_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_ASCII_VISIBLE: Final = re.compile("[!-~]")
_FILLERS: Final = frozenset("\u115f\u1160\u3164\uffa0")
"""The Hangul fillers: letters (category Lo) that Unicode makes default-ignorable: invisible."""
_INVISIBLE: Final = frozenset({"Cc", "Cf", "Cs", "Mn", "Mc", "Me", "Zs", "Zl", "Zp"})
"""Categories whose characters show nothing on their own: controls, format characters
(U+200B, U+FEFF ...), surrogates, combining marks without a base, and spaces."""


def lone_surrogate(value: str) -> str | None:
    r"""Why a string cannot be written, if it holds a lone surrogate (else ``None``).

    JSON's ``\ud800`` escape can spell half of a UTF-16 pair on its own; such a
    string is no Unicode text, and UTF-8 (every file this library writes)
    cannot hold it. ASCII strings are passed at once.
    """
    if value.isascii():
        return None
    found = _SURROGATE.search(value)
    if found is None:
        return None
    return (
        f"holds a lone surrogate (U+{ord(found.group()):04X}) at character {found.start()}:"
        " not Unicode text, and no UTF-8 file can hold it"
    )


def check_text(field: str, value: str) -> None:
    """Refuse a string that no writer can encode (see `lone_surrogate`)."""
    problem = lone_surrogate(value)
    if problem is not None:
        raise FieldError(field, problem)


def is_visible(char: str) -> bool:
    """Whether one character shows something on its own (a letter, a digit, a sign)."""
    return not (char.isspace() or unicodedata.category(char) in _INVISIBLE or char in _FILLERS)


def has_visible(value: str) -> bool:
    """Whether a string has at least one visible character (see `is_visible`)."""
    if value.isascii():
        return _ASCII_VISIBLE.search(value) is not None
    return any(is_visible(char) for char in value)


@functools.lru_cache(maxsize=1 << 16)
def _is_slug(value: str) -> bool:
    # Ids repeat across references (a few people take part in most meetings).
    return SLUG.fullmatch(value) is not None


class Validator:
    """An attrs validator that carries its JSON Schema fragment.

    Subclasses implement `check` for one value and `schema`;
    ``None`` always passes (whether a field may be ``null`` is its type's
    business, and the converter enforces it).
    """

    __slots__ = ()

    def schema(self) -> dict[str, Any]:
        """JSON Schema keywords for the values this validator accepts."""
        return {}

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            self.check(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        """Raise `FieldError` if ``value`` is not acceptable for ``field``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} validator>"


class IsId(Validator):
    """An id: a lowercase ASCII slug such as ``xi-jinping``."""

    __slots__ = ()

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/Id"}

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        # Ids are validated more than anything else: the common case in one call.
        if value is not None and (value.__class__ is not str or not _is_slug(value)):
            self.check(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        if not (isinstance(value, str) and _is_slug(value)):
            _expect_string(field, value)
            raise FieldError(
                field,
                f"{value!r} is not a valid id: use lowercase ASCII letters, digits and"
                " single hyphens, such as 'xi-jinping'",
            )


class Text(Validator):
    """A string with at least one visible character, and nothing a writer cannot encode.

    White space, control and format characters (the zero-width space U+200B,
    the joiners U+200C and U+200D, the word joiner U+2060, the byte-order mark
    U+FEFF ...), combining marks without a base and the Hangul fillers show
    nothing on their own: a string of only those is empty to a reader, and
    refused. So is a string holding a lone surrogate (see `check_text`).
    """

    __slots__ = ()

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/Text"}

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        # The common case inline: printable ASCII-led text (see ``check``).
        if value is not None:
            first = value[:1] if value.__class__ is str else ""
            if " " < first < "\x7f" and value.isprintable():
                return
            self.check(attribute.name, value)

    def check(self, field: str, value: Any) -> None:
        if not isinstance(value, str):
            _expect_string(field, value)
        # The common case in two C calls: stripped of white space, a printable
        # string holds no control, format or surrogate character; if it starts
        # with ASCII, or any other visible character, it is visible text.
        stripped = value.strip()
        if stripped.isprintable() and stripped:
            first = stripped[0]
            if first < "\x80" or is_visible(first):
                return
        if not stripped:
            raise FieldError(field, "must not be empty")
        check_text(field, value)
        if not has_visible(value):
            raise FieldError(field, f"must not be empty: {_invisible(value)}")


def _invisible(value: str) -> str:
    shown = ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(value) if char != " ")
    return f"it holds only invisible characters ({shown})"


@attrs.frozen(repr=False)
class Matches(Validator):
    """A string that matches ``regex`` as a whole; ``what`` names it in errors."""

    regex: re.Pattern[str]
    what: str

    def schema(self) -> dict[str, Any]:
        pattern = self.regex.pattern
        if "|" in pattern:
            pattern = f"(?:{pattern})"
        return {"type": "string", "pattern": f"^{pattern}$"}

    def check(self, field: str, value: Any) -> None:
        _expect_string(field, value)
        if not self.regex.fullmatch(value):
            raise FieldError(field, f"{value!r} is not {self.what}")


@attrs.frozen(repr=False)
class AtLeast(Validator):
    """A number no smaller than ``minimum``; ``message`` says what breaks."""

    minimum: int
    message: str

    def schema(self) -> dict[str, Any]:
        return {"minimum": self.minimum}

    def check(self, field: str, value: Any) -> None:
        if value < self.minimum:
            raise FieldError(field, self.message)


class Finite(Validator):
    """A finite number that is not a boolean: what JSON can hold and a writer can write."""

    __slots__ = ()

    def schema(self) -> dict[str, Any]:
        return {"type": "number"}  # a JSON number is finite, and never a boolean

    def check(self, field: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldError(field, f"expected a number, got {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise FieldError(field, f"expected a finite number, got {value}")


class NonEmpty(Validator):
    """An array with at least one item."""

    __slots__ = ()

    def schema(self) -> dict[str, Any]:
        return {"minItems": 1}

    def check(self, field: str, value: Any) -> None:
        if not value:
            raise FieldError(field, "must have at least one entry")


@attrs.frozen(repr=False)
class Unique(Validator):
    """An array that repeats no value; the error names the first repeat and where."""

    message: str = "must not repeat a value"

    def schema(self) -> dict[str, Any]:
        return {"uniqueItems": True}

    def check(self, field: str, value: Any) -> None:
        if len(value) > 1 and len(set(value)) != len(value):
            seen: dict[Any, int] = {}
            for index, item in enumerate(value):
                first = seen.setdefault(item, index)
                if first != index:
                    raise FieldError(
                        field, f"{self.message}: {item!r} is at [{first}] and [{index}]"
                    )


@attrs.frozen(repr=False)
class Each(Validator):
    """An array whose every item passes ``item``.

    The error is the item's own, followed by the item's index (``message``,
    when given, replaces the item's error).
    """

    item: Validator
    message: str | None = None

    def schema(self) -> dict[str, Any]:
        return {"items": self.item.schema()}

    def check(self, field: str, value: Any) -> None:
        check = self.item.check
        for index, element in enumerate(value):
            try:
                check(field, element)
            except FieldError as error:
                reason = str(error) if self.message is None else self.message
                raise FieldError(field, f"{reason} (at [{index}])") from None


@attrs.frozen(repr=False)
class _All(Validator):
    """Every one of several validators, in order."""

    parts: tuple[Validator, ...]

    def schema(self) -> dict[str, Any]:
        return _merge([part.schema() for part in self.parts])

    def check(self, field: str, value: Any) -> None:
        for part in self.parts:
            part.check(field, value)


def _merge(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """Keywords of several schemas in one.

    Where two parts say different things of one keyword (two patterns, two
    minimums), each part is kept whole in ``allOf``.
    """
    merged: dict[str, Any] = {}
    for schema in schemas:
        for name, value in schema.items():
            if name not in merged:
                merged[name] = value
            elif name == "items":
                merged[name] = _merge([merged[name], value])
            elif merged[name] != value:
                return {"allOf": schemas}
    return merged


def all_of(*parts: Validator) -> Validator:
    """One validator that runs ``parts`` in order; its schema merges theirs."""
    return parts[0] if len(parts) == 1 else _All(parts)


def doc(text: str, **more: Any) -> dict[str, Any]:
    """Field metadata holding a field's description (plus any ``more`` keys)."""
    return {DOC: text, **more}


def describe(field: attrs.Attribute[Any]) -> str:
    """A field's description, from its metadata ("" if it has none)."""
    return str(field.metadata.get(DOC, ""))


_IDS: Final = all_of(Each(IsId()), Unique("must not repeat an id"))


def ref(*targets: str, doc: str, many: bool = False, optional: bool = False) -> Any:
    """A field holding the id (or ids) of records of the given classes.

    ``"*"`` stands for a record of any class. The dataset resolves references
    when it is built; the class names are kept in the field's metadata, so the
    check, the docs and the exports share one truth.
    """
    metadata = {DOC: doc, REF: targets}
    if many:
        return attrs.field(default=(), validator=_IDS, metadata=metadata)
    if optional:
        return attrs.field(default=None, validator=IsId(), metadata=metadata)
    return attrs.field(validator=IsId(), metadata=metadata)


def ref_targets(field: attrs.Attribute[Any]) -> tuple[str, ...]:
    """The record classes a field may refer to (empty if it is no reference)."""
    return tuple(field.metadata.get(REF, ()))


_SUMMARIES: dict[type, str] = {}


def summary(cls: type) -> str:
    """A class's own description: its docstring as written, without the generated sections.

    Paragraphs are kept; the lines of each are joined, and ``code`` marks become
    Markdown's single backticks.
    """
    text = _SUMMARIES.get(cls)
    if text is None:
        text = inspect.cleandoc(cls.__doc__ or "")
    paragraphs = (" ".join(part.split()) for part in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p).replace("``", "`")


T = TypeVar("T", bound=type)


def document(cls: T) -> T:
    """Append an ``Attributes:`` section, made from the fields' descriptions, to a docstring.

    The descriptions live in the field metadata only; this gives ``help()``,
    editors and the API reference the same text the schema shows.
    """
    entries = [
        f"    {field.name}: {text}"
        for field in attrs.fields(cls)
        if field.init and (text := describe(field))
    ]
    text = inspect.cleandoc(cls.__doc__ or "")
    _SUMMARIES[cls] = text
    if entries:
        cls.__doc__ = f"{text}\n\nAttributes:\n" + "\n".join(entries) + "\n"
    return cls
