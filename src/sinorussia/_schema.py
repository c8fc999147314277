"""The JSON Schema of a dataset file, generated from the model.

:func:`json_schema` walks the attrs classes of :mod:`sinorussia._model` (and the
top level of a file, ``_File``) and writes a JSON Schema (draft 2020-12) for a
dataset file: one ``$defs`` entry per record class, nested class and
vocabulary, ``additionalProperties: false`` everywhere, ``required`` for the
fields without a default, ``default`` for the others, and descriptions taken
from the docstrings. Each field's validators become keywords (ids a
``pattern``, texts a non-blank string, ``tuple`` fields arrays ...), and the
rules a record checks across its fields (an external citation needs a source
and a confidence ...) are added as ``if``/``then`` subschemas. Reference fields
name the classes they may point to in ``x-references``.

The schema checks the shape of a file and is never stricter than the loader:
everything it rejects, the loader rejects too. It is looser where a schema
cannot follow: what only the whole dataset can tell (that references resolve,
ids are unique, citations stay in range, date claims agree) is left to the
loader, and so are these details: JSON Schema counts ``1.0`` as an integer;
Python's ``re`` (which the ``jsonschema`` package uses) lets a ``pattern``
ending in ``$`` match before a final newline; and the EDTF pattern does not
check that a day exists in its month or that an interval ends after it starts.

The schema also describes one line of the JSON Lines export
(``$defs.JsonLine``); :func:`jsonl_line_schema` returns a schema for it alone.

The generated schema ships as ``sinorussia/data/schema.json``
(:func:`load_schema` reads it); regenerate it after changing the model with::

    python -m sinorussia._schema
"""

from __future__ import annotations

import copy
import enum
import functools
import inspect
import json
import operator
import re
import sys
import types
import typing
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from . import _model
from ._codec import converter
from ._dataset import FORMAT, SECTIONS
from ._dates import DateInterval, PartialDate, When
from ._io import write_atomic
from ._load import _File
from ._model import Dating

__all__ = ["SCHEMA_ID", "json_schema", "jsonl_line_schema", "load_schema", "main", "write"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID: Final = f"https://sinorussia.invalid/schema/{FORMAT}/dataset.json"
"""The ``$id`` of the dataset schema (a placeholder address: nothing is served there)."""
LINE_ID: Final = f"https://sinorussia.invalid/schema/{FORMAT}/jsonl-line.json"

_REF: Final = "#/$defs/"

# The subset of EDTF that sinorussia reads and writes (see sinorussia._dates):
# a year 0001-9999, a month, a day, one optional qualifier after the whole date,
# and intervals whose ends may be ".." (open) or empty (unknown), not both.
_EDTF_DATE: Final = r"(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
EDTF_PATTERN: Final = rf"^(?:{_EDTF_DATE}(?:/(?:{_EDTF_DATE}|\.\.)?)?|(?:\.\.)?/{_EDTF_DATE})$"
"""A pattern for the EDTF subset.

It does not check that a day exists in its month (``2019-02-30``) nor that an
interval ends after it starts; the loader does.
"""

_PRIMITIVES: Final[dict[str, dict[str, Any]]] = {
    "Id": {
        "title": "Id",
        "description": (
            "The id of a record: a lowercase ASCII slug of letters and digits in words"
            " joined by single hyphens, unique across the whole dataset (`xi-jinping`)."
        ),
        "type": "string",
        "pattern": f"^{_model.SLUG.pattern}$",
    },
    "Text": {
        "title": "Text",
        "description": "A string with at least one character that is not white space.",
        "type": "string",
        "pattern": r"\S",
    },
    "Edtf": {
        "title": "Edtf",
        "description": (
            "A date in the EDTF subset sinorussia uses: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,"
            " optionally followed by one qualifier `?` (uncertain), `~` (approximate) or `%`"
            " (both); or an interval `start/end` of those, where one end may be `..` (open)"
            " or empty (unknown)."
        ),
        "type": "string",
        "pattern": EDTF_PATTERN,
    },
    "Dating": {
        "title": "Dating",
        "description": (
            "A date as the sources give it: one or more claims side by side, each a value"
            " with its own citation. The sharpest claim is the date's best value."
        ),
        "type": "array",
        "minItems": 1,
        "items": {"$ref": f"{_REF}DateClaim"},
    },
}

# Rules the records check in __attrs_post_init__, which introspection cannot
# see: extra keywords for single fields, and if/then rules across fields.
_FIELD_RULES: Final[dict[tuple[str, str], dict[str, Any]]] = {
    ("Citation", "paragraphs"): {"items": {"minimum": 1}, "uniqueItems": True},
    ("Document", "paragraphs"): {"minimum": 1},
    ("Meeting", "count"): {"minimum": 1},
}

_NOT_NULL: Final = {"not": {"type": "null"}}

_CLASS_RULES: Final[dict[str, list[dict[str, Any]]]] = {
    "Citation": [
        {
            "if": {"properties": {"basis": {"const": "external"}}},
            "then": {
                "required": ["source", "confidence"],
                "properties": {"source": _NOT_NULL, "confidence": _NOT_NULL},
            },
            "else": {
                "required": ["document", "paragraphs"],
                "properties": {
                    "document": _NOT_NULL,
                    "paragraphs": {"minItems": 1},
                    "source": {"type": "null"},
                    "confidence": {"type": "null"},
                },
            },
        },
        {
            "if": {"properties": {"basis": {"const": "inferred"}}},
            "then": {"required": ["note"], "properties": {"note": _NOT_NULL}},
        },
        {
            "if": {"required": ["paragraphs"], "properties": {"paragraphs": {"minItems": 1}}},
            "then": {"required": ["document"], "properties": {"document": _NOT_NULL}},
        },
    ],
    "Office": [
        {
            "if": {"required": ["end"], "properties": {"end": _NOT_NULL}},
            "then": {"properties": {"status": {"const": "ended"}}},
        }
    ],
    "Statement": [
        {
            "if": {"properties": {"kind": {"const": "quotation"}}},
            "then": {"required": ["quote"], "properties": {"quote": _NOT_NULL}},
            "else": {"properties": {"quote": {"type": "null"}}},
        },
        {
            "if": {"properties": {"kind": {"const": "claim"}}},
            "then": {"properties": {"speaker": {"type": "null"}}},
            "else": {"required": ["speaker"], "properties": {"speaker": _NOT_NULL}},
        },
    ],
}

_COMMON_FIELDS: Final = {
    "id": "The record's id, unique across the whole dataset.",
    "citations": "Where the record comes from: at least one citation.",
}


# -- docstrings ---------------------------------------------------------------

_ROLE: Final = re.compile(r":(?:class|attr|meth|func|mod|data):`~?(?:[\w.]+\.)?([^`]+)`")
_LITERAL: Final = re.compile(r"``([^`]+)``")
_SECTION: Final = re.compile(r"^[A-Z][A-Za-z ]*:$")
_ENTRY: Final = re.compile(r"^ {4}(\w+): (.*)$")


def _clean(text: str) -> str:
    """Docstring markup as Markdown: ``x`` and :class:`x` become `x`."""
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", text)).strip()


def _paragraphs(lines: list[str]) -> str:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(_clean(" ".join(p)) for p in paragraphs if p)


def _docs(cls: type) -> tuple[str, dict[str, str]]:
    """A class's description and its ``Attributes:`` entries, bases included."""
    fields: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if base.__doc__ and base.__module__ == _model.__name__:
            fields.update(_attributes(inspect.cleandoc(base.__doc__)))
    lines = inspect.cleandoc(cls.__doc__ or "").splitlines()
    summary: list[str] = []
    for line in lines:
        if _SECTION.match(line):
            break
        summary.append(line)
    return _paragraphs(summary), fields


def _attributes(doc: str) -> dict[str, str]:
    entries: dict[str, list[str]] = {}
    current: list[str] | None = None
    inside = False
    for line in doc.splitlines():
        if _SECTION.match(line):
            inside = line == "Attributes:"
            current = None
            continue
        if not inside:
            continue
        entry = _ENTRY.match(line)
        if entry:
            current = entries[entry.group(1)] = [entry.group(2)]
        elif current is not None and line.startswith(" " * 8):
            current.append(line)
        else:
            current = None
    return {name: _clean(" ".join(part.strip() for part in text)) for name, text in entries.items()}


# -- types --------------------------------------------------------------------


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"{_REF}{name}"}


def _validator_schema(
    owner: str, field: attrs.Attribute[Any]
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, dict[str, Any]]:
    """What a field's validators say: (value schema, item schema, array keywords)."""
    value: dict[str, Any] | None = None
    items: dict[str, Any] | None = None
    array: dict[str, Any] = {}
    pending: list[Any] = [field.validator] if field.validator is not None else []
    while pending:
        validator = pending.pop(0)
        nested = getattr(validator, "_validators", None)
        if nested is not None:
            pending[:0] = list(nested)
            continue
        name = getattr(validator, "__qualname__", repr(validator))
        if validator in (_model._slug, _model._optional_slug):
            value = _ref("Id")
        elif validator is _model._slugs:
            items = _ref("Id")
        elif validator in (_model._text, _model._optional_text):
            value = _ref("Text")
        elif validator is _model._texts:
            items = _ref("Text")
            array["uniqueItems"] = True
        elif validator is _model._non_empty:
            array["minItems"] = 1
        elif name == "_pattern.<locals>.check":
            regex = inspect.getclosurevars(validator).nonlocals["regex"]
            pattern = regex.pattern if "|" not in regex.pattern else f"(?:{regex.pattern})"
            value = {"type": "string", "pattern": f"^{pattern}$"}
        else:
            raise TypeError(
                f"{owner}: no JSON Schema for the validator {name};"
                " teach sinorussia._schema about it"
            )
    return value, items, array


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _type_schema(hint: Any, owner: str, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of a value of type ``hint`` (registering classes in ``defs``)."""
    if hint in (When, PartialDate, DateInterval):
        return _ref("Edtf")
    if hint is Dating:
        _class_def(_model.DateClaim, defs)
        return _ref("Dating")
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float or hint == int | float:
        return {"type": "number"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        _enum_def(hint, defs)
        return _ref(hint.__name__)
    if hint is str:
        return {"type": "string"}
    if isinstance(hint, type) and attrs.has(hint):
        _class_def(hint, defs)
        return _ref(hint.__name__)
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(args[0], owner, defs)}
    raise TypeError(f"{owner}: no JSON Schema for the type {hint!r}")


def _field_schema(
    cls: type, field: attrs.Attribute[Any], hint: Any, doc: str | None, defs: dict[str, Any]
) -> dict[str, Any]:
    owner = f"{cls.__name__}.{field.name}"
    nullable = False
    if _is_union(hint) and type(None) in typing.get_args(hint):
        nullable = True
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = functools.reduce(operator.or_, rest)
    schema = _type_schema(hint, owner, defs)
    value, items, array = _validator_schema(owner, field)
    if value is not None:
        if schema != {"type": "string"}:
            raise TypeError(f"{owner}: a string validator on a field of type {hint!r}")
        schema = value
    if items is not None:
        if schema.get("items") != {"type": "string"}:
            raise TypeError(f"{owner}: a validator of strings on a field of type {hint!r}")
        schema["items"] = items
    if array:
        if schema.get("type") != "array":
            raise TypeError(f"{owner}: a validator of arrays on a field of type {hint!r}")
        schema.update(array)
    for key, extra in _FIELD_RULES.get((cls.__name__, field.name), {}).items():
        if key == "items":
            schema["items"] = {**schema["items"], **extra}
        else:
            schema[key] = extra
    if nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    out: dict[str, Any] = {}
    if doc:
        out["description"] = doc
    targets = _model.ref_targets(field)
    if targets:
        out["x-references"] = list(targets)
    out.update(schema)
    if field.default is not attrs.NOTHING:
        out["default"] = converter.unstructure(field.default)
    return out


def _enum_def(cls: type[enum.Enum], defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    summary, _ = _docs(cls)
    defs[cls.__name__] = {
        "title": cls.__name__,
        "description": summary,
        "type": "string",
        "enum": [member.value for member in cls],
    }


def _class_def(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # a placeholder against cycles
    summary, docs = _docs(cls)
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(typing.cast(Any, cls)):
        if not field.init:
            continue
        doc = docs.get(field.name) or _COMMON_FIELDS.get(field.name)
        properties[field.name] = _field_schema(cls, field, hints[field.name], doc, defs)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    for owner, field_name in _FIELD_RULES:
        if owner == name and field_name not in properties:
            raise TypeError(f"{name} has no field {field_name!r} for its extra rule")
    definition: dict[str, Any] = {"title": name}
    if summary:
        definition["description"] = summary
    definition.update(
        {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
    )
    if name in _CLASS_RULES:
        definition["allOf"] = copy.deepcopy(_CLASS_RULES[name])
    defs[name] = definition


def _section_descriptions() -> dict[str, str]:
    """The section table of the model's module docstring: section -> meaning."""
    classes = {name: cls.__name__ for name, cls in SECTIONS}
    found: dict[str, str] = {}
    for line in (_model.__doc__ or "").splitlines():
        parts = line.split()
        if len(parts) > 2 and classes.get(parts[0]) == parts[1]:
            text = " ".join(parts[2:])
            found[parts[0]] = text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
    return found


# -- the schemas --------------------------------------------------------------


def _line_defs() -> dict[str, Any]:
    names = [name for name, _ in SECTIONS]
    return {
        "JsonLine": {
            "title": "JsonLine",
            "description": (
                "One line of the JSON Lines export (`records.jsonl`): the first line is a"
                " header, every other line one record with the section it belongs to."
            ),
            "oneOf": [_ref("JsonLineHeader"), _ref("JsonLineRecord")],
        },
        "JsonLineHeader": {
            "title": "JsonLineHeader",
            "description": "The first line: the format and the version of the data.",
            "type": "object",
            "properties": {
                "format": {"const": FORMAT},
                "version": {"type": "string"},
            },
            "required": ["format", "version"],
            "additionalProperties": False,
        },
        "JsonLineRecord": {
            "title": "JsonLineRecord",
            "description": (
                "A record line: `record` is the record exactly as in a dataset file,"
                " `section` the file section it belongs to."
            ),
            "type": "object",
            "properties": {
                "section": {"enum": names},
                "record": {"type": "object"},
            },
            "required": ["section", "record"],
            "additionalProperties": False,
            "allOf": [
                {
                    "if": {"required": ["section"], "properties": {"section": {"const": name}}},
                    "then": {"properties": {"record": _ref(cls.__name__)}},
                }
                for name, cls in SECTIONS
            ],
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset file, generated from the model.

    ``$defs`` holds every record class, nested class and vocabulary, plus
    ``JsonLine`` for one line of the JSON Lines export.

    Examples:
        >>> import jsonschema
        >>> jsonschema.validate(json.loads(sr.dumps(sr.load())), json_schema())

    """
    defs: dict[str, Any] = {}
    hints = typing.get_type_hints(_File)
    sections = _section_descriptions()
    properties: dict[str, Any] = {
        "format": {
            "description": (
                f"The version of the file format; this library reads and writes format {FORMAT}."
            ),
            "type": "integer",
            "const": FORMAT,
        },
        "version": {
            "description": "The version of the data, not of the library.",
            "type": "string",
        },
    }
    for name, cls in SECTIONS:
        item = typing.get_args(hints[name])[0]
        if item is not cls:  # pragma: no cover - _File and SECTIONS agree at import
            raise TypeError(f"_File.{name} holds {item!r}, SECTIONS says {cls!r}")
        _class_def(cls, defs)
        described = {"description": sections[name]} if name in sections else {}
        properties[name] = {
            **described,
            "type": "array",
            "items": _ref(cls.__name__),
            "default": [],
        }
    missing = [f.name for f in attrs.fields(_File) if f.name not in properties]
    if missing:  # pragma: no cover - a new top-level key needs a description here
        raise TypeError(f"no JSON Schema for the top-level keys {missing}")
    defs.update(copy.deepcopy(_PRIMITIVES))
    defs.update(_line_defs())
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "sinorussia dataset",
        "description": (
            f"A sinorussia dataset file (format {FORMAT}): records of China-Russia relations,"
            " each with its citations. The schema checks the shape of the file; that"
            " references resolve, ids are unique, citations stay in range and date claims"
            " agree is checked when the dataset is loaded."
        ),
        "type": "object",
        "properties": properties,
        "required": ["format", "version"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def jsonl_line_schema(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """A JSON Schema for one line of the JSON Lines export.

    Args:
        schema: The dataset schema to take the definitions from; by default
            :func:`json_schema`.

    """
    base = copy.deepcopy(schema if schema is not None else json_schema())
    return {
        "$schema": DRAFT,
        "$id": LINE_ID,
        "title": "sinorussia JSON Lines line",
        "description": base["$defs"]["JsonLine"]["description"],
        "$ref": f"{_REF}JsonLine",
        "$defs": base["$defs"],
    }


def schema_text() -> str:
    """The schema as the text of ``data/schema.json`` (indented, with a final newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package (``sinorussia/data/schema.json``)."""
    text = resources.files("sinorussia").joinpath("data", "schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def write(path: str | Path | None = None) -> Path:
    """Regenerate the schema file (by default the one in the source tree)."""
    target = Path(path) if path is not None else Path(__file__).parent / "data" / "schema.json"
    return write_atomic(target, schema_text().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Regenerate ``data/schema.json``: ``python -m sinorussia._schema [PATH]``."""
    args = sys.argv[1:] if argv is None else argv
    print(write(args[0] if args else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
