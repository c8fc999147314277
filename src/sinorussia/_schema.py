"""The JSON Schema of a dataset file, generated from the model.

[`json_schema`][sinorussia.json_schema] reads the sections of ``Dataset`` and the field plan of
each record class, and writes a JSON Schema (draft 2020-12) for a dataset file:
one ``$defs`` entry per record class, nested class and vocabulary,
``additionalProperties: false`` everywhere, ``required`` for the fields without
a default, ``default`` for the others. It reads no code: descriptions are the
fields' metadata and the classes' own summaries, each validator gives its own
keywords (``Validator.schema``: an id's ``$ref``, a pattern, a minimum ...),
and the rules a record checks across its fields (an external citation needs a
source and a confidence ...) are the ``if``/``then`` subschemas the class keeps
beside them (``_schema_rules``). Reference fields name the classes they may
point to in ``x-references``.

The schema checks the shape of a file and is never stricter than the loader:
everything it rejects, the loader rejects too. It is looser where a schema
cannot follow: what only the whole dataset can tell (that references resolve,
ids are unique, citations stay in range, date claims agree) is left to the
loader, and so are these details: JSON Schema counts ``1.0`` as an integer;
Python's ``re`` (which the ``jsonschema`` package uses) lets a ``pattern``
ending in ``$`` match before a final newline; the EDTF pattern does not
check that a day exists in its month or that an interval ends after it starts;
the ``Text`` pattern asks for one character that is not white space, where the
loader asks for one visible character (a text of only zero-width spaces,
other format or control characters, or combining marks is refused) and refuses
lone surrogates; and the rules that tie one record's fields together beyond
what ``if``/``then`` can say (no actor listed twice, nothing about or
commemorating itself, no entry into force before the signing, no office
attested outside its tenure, milestones in date order) are the loader's.

The schema also describes one line of the JSON Lines export
(``$defs.JsonLine``); `jsonl_line_schema` returns a schema for it alone.

The generated schema ships as ``sinorussia/data/schema.json``
(`load_schema` reads it); regenerate it after changing the model with::

    python -m sinorussia._schema
"""

from __future__ import annotations

import copy
import enum
import json
import sys
import typing
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from ._codec import converter
from ._dataset import FORMAT, SECTIONS
from ._dates import DateInterval, PartialDate, When
from ._fields import SLUG, Validator, summary
from ._io import write_atomic
from ._model import DateClaim, Dating
from ._plan import Step, plan

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
        "pattern": f"^{SLUG.pattern}$",
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

# -- types --------------------------------------------------------------------


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"{_REF}{name}"}


def _type_schema(hint: Any, owner: str, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of a value of type ``hint`` (registering classes in ``defs``)."""
    if hint in (When, PartialDate, DateInterval):
        return _ref("Edtf")
    if hint is Dating:
        _class_def(DateClaim, defs)
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


def _narrow(schema: dict[str, Any], keywords: dict[str, Any], owner: str) -> dict[str, Any]:
    """A type's schema narrowed by a validator's keywords."""
    if "$ref" in keywords:  # a named kind of string (an id, a text) replaces the string
        if schema != {"type": "string"}:
            raise TypeError(f"{owner}: a validator of strings on a value of schema {schema}")
        schema = {}
    kind = keywords.get("type")
    if kind is not None and schema.get("type", kind) != kind:
        raise TypeError(f"{owner}: a validator of {kind} values on a value of schema {schema}")
    out = dict(schema)
    for name, value in keywords.items():
        if name == "items":
            if "items" not in schema:
                raise TypeError(
                    f"{owner}: a validator of array items on a value of schema {schema}"
                )
            value = _narrow(schema["items"], value, owner)
        out[name] = value
    return out


def _field_schema(cls: type, step: Step, defs: dict[str, Any]) -> dict[str, Any]:
    owner = f"{cls.__name__}.{step.name}"
    schema = _type_schema(step.hint, owner, defs)
    validator = step.field.validator
    if validator is not None:
        if not isinstance(validator, Validator):
            raise TypeError(f"{owner}: its validator carries no JSON Schema; use one of _fields")
        schema = _narrow(schema, validator.schema(), owner)
    if step.optional:
        schema = {"anyOf": [schema, {"type": "null"}]}
    out: dict[str, Any] = {}
    if step.doc:
        out["description"] = step.doc
    if step.target_names:
        out["x-references"] = list(step.target_names)
    out.update(schema)
    if step.has_default:
        out["default"] = converter.unstructure(step.field.default)
    return out


def _enum_def(cls: type[enum.Enum], defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {
        "title": cls.__name__,
        "description": summary(cls),
        "type": "string",
        "enum": [member.value for member in cls],
    }


def _class_def(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # a placeholder against cycles
    properties: dict[str, Any] = {}
    required: list[str] = []
    for step in plan(cls):
        properties[step.name] = _field_schema(cls, step, defs)
        if not step.has_default:
            required.append(step.name)
    definition: dict[str, Any] = {"title": name}
    description = summary(cls)
    if description:
        definition["description"] = description
    definition.update(
        {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
    )
    rules = getattr(cls, "_schema_rules", ())
    if rules:
        definition["allOf"] = copy.deepcopy(list(rules))
    defs[name] = definition


# -- the schemas --------------------------------------------------------------


def _line_defs() -> dict[str, Any]:
    names = [section.name for section in SECTIONS]
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
                    "if": {
                        "required": ["section"],
                        "properties": {"section": {"const": section.name}},
                    },
                    "then": {"properties": {"record": _ref(section.cls.__name__)}},
                }
                for section in SECTIONS
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
    properties: dict[str, Any] = {
        "format": {
            "description": (
                f"The version of the file format; this library writes format {FORMAT}"
                " (and also reads format 1, with leaders in a section of their own)."
            ),
            "type": "integer",
            "const": FORMAT,
        },
        "version": {
            "description": "The version of the data, not of the library.",
            "type": "string",
        },
    }
    for section in SECTIONS:
        _class_def(section.cls, defs)
        properties[section.name] = {
            "description": section.description.replace("``", "`"),
            "type": "array",
            "items": _ref(section.cls.__name__),
            "default": [],
        }
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
            [`json_schema`][sinorussia.json_schema].

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
