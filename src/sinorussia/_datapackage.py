r"""The Frictionless Data Package of the ``csv`` export: Table Schema for every table.

The ``csv`` export writes ``datapackage.json`` (Data Package v2,
``https://datapackage.org/profiles/2.0/datapackage.json``) beside its tables,
so that Frictionless tools (``frictionless validate datapackage.json``) type
every column and check every reference. The tables:

``<section>.csv``
    One per non-empty section, with the columns of `_flat` (unchanged).
    ``primaryKey`` is ``id``; a single reference to one section (a person's
    ``nationality``) is a foreign key to that section's table, a single
    reference that may name records of several classes (a ``place`` that is a
    place or a country) is a foreign key to ``entities.csv``. Multi-valued
    cells (``parties``, ``participants``, ``paragraphs`` ...) are lists joined
    with ``"; "``; those that hold references are informational, and the
    tables below are their checked form.

``entities.csv``
    ``id, section, type, label``: every record of the dataset, its section,
    its class (``leader``, ``place`` ...) and its label. The target of every
    reference that may name records of several classes.

``<section>_<field>.csv``
    One per multi-valued reference field (``treaties_parties.csv``,
    ``statements_about.csv`` ...): ``record, index, target, target_section``,
    one row per id, ``index`` its position from 0. ``(target, target_section)``
    is a foreign key to ``(id, section)`` of ``entities.csv`` and
    ``target_section`` is limited to the sections the field may name, so the
    class of the target is checked too.

``participants.csv``, ``milestones.csv``, ``figures.csv``
    The nested values (participants and signatories; a project's milestones;
    figures), one per row: ``record, field, index`` and the value's own
    columns (a participant's ``who``, ``who_section``, ``role`` and the
    paragraphs, bases and sources of its own citations).

``citations.csv``
    Every citation of every record, with its path in the record
    (``citations[0]``, ``date[1].citation``, ``participants[0].citations[0]``):
    ``record, path, basis, document, paragraphs, source, confidence, note``.

``date_claims.csv``
    Every claim of every date: ``record, field, index, value`` (EDTF),
    ``lower`` and ``upper`` (ISO dates, empty when unbounded), ``best`` (the
    claim queries use), ``basis`` and ``citation`` (its row in
    ``citations.csv``).

A table with no rows is not written. Every file's size and SHA-256 are in the
descriptor. Text columns are neutralised against formula injection as in
every CSV table of the library (see `sinorussia._export.neutral`).
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import json
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final

import attrs

from ._dataset import SECTIONS, Dataset
from ._fields import SLUG, AtLeast, Matches, describe
from ._flat import SEPARATOR, columns, flatten
from ._model import Citation, Dating, Milestone, Participant, Quantity
from ._plan import Step, plan
from ._vocab import Basis, Confidence

__all__ = [
    "DESCRIPTOR",
    "EDTF",
    "FILES",
    "PROFILE",
    "ForeignKey",
    "Table",
    "descriptor",
    "join_name",
    "nested_name",
    "tables",
]

DESCRIPTOR: Final = "datapackage.json"
"""The file name of the descriptor."""

PROFILE: Final = "https://datapackage.org/profiles/2.0/datapackage.json"
"""The ``$schema`` of the descriptor: Data Package v2."""

_ID: Final = SLUG.pattern.replace("(?:", "(")
"""An id, in the regular expression syntax of XML Schema (what Table Schema asks)."""

_YEAR: Final = "([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_DAY: Final = f"{_YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
EDTF: Final = rf"({_DAY}(/({_DAY}|\.\.)?)?|(\.\.)?/{_DAY})"
"""The EDTF subset the library writes, as an XML Schema pattern: a year (0001 to
9999), a month or a day, with an optional ``?``, ``~`` or ``%``; or an interval
of those, where one end may be ``..`` (open) or empty (unknown)."""

_NESTED: Final[dict[type, str]] = {
    Participant: "participants",
    Milestone: "milestones",
    Quantity: "figures",
}
"""Table names of nested values by their class (the class name in the plural otherwise)."""

_DIALECT: Final = {
    "header": True,
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
}


_LICENSE: Final = {
    "name": "MIT",
    "path": "https://opensource.org/licenses/MIT",
    "title": "MIT License",
}

_URL: Final = re.compile(r"(http|ftp)s?://\S+")
"""A document address that can be a source's ``path`` (the profile's URL form)."""


@attrs.frozen
class ForeignKey:
    """A foreign key of a table: its columns and the columns of another table they name."""

    fields: tuple[str, ...]
    resource: str
    target: tuple[str, ...]

    def descriptor(self) -> dict[str, Any]:
        """The key as Table Schema writes it."""
        return {
            "fields": list(self.fields),
            "reference": {"resource": self.resource, "fields": list(self.target)},
        }


@attrs.frozen
class Table:
    """One table of the package: its Table Schema and its rows (values, not yet cells).

    Attributes:
        name: The resource name; the file is ``<name>.csv``.
        title: A short title.
        description: What a row is.
        fields: The Table Schema field descriptors, in column order.
        rows: The rows, each a tuple of values in column order (``None``: empty).
        text: The columns of free text (neutralised against formula injection).
        primary_key: The columns that identify a row.
        foreign_keys: The references to other tables.

    """

    name: str
    title: str
    description: str
    fields: tuple[dict[str, Any], ...]
    rows: tuple[tuple[object, ...], ...]
    text: frozenset[str]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def path(self) -> str:
        """The file name."""
        return f"{self.name}.csv"

    @property
    def header(self) -> list[str]:
        """The column names."""
        return [field["name"] for field in self.fields]


# -- field descriptors ---------------------------------------------------------------


def _field(name: str, type: str, description: str, **constraints: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "type": type}
    if description:
        found["description"] = description
    if constraints:
        found["constraints"] = constraints
    return found


def _id(name: str, description: str, *, required: bool = True) -> dict[str, Any]:
    if required:
        return _field(name, "string", description, required=True, pattern=_ID)
    return _field(name, "string", description, pattern=_ID)


def _list(name: str, description: str, item: str = "string") -> dict[str, Any]:
    found = _field(name, "list", description)
    found["delimiter"] = SEPARATOR
    found["itemType"] = item
    return found


def _enum(name: str, description: str, values: Iterable[str], *, required: bool) -> dict[str, Any]:
    allowed = list(values)
    if required:
        return _field(name, "string", description, required=True, enum=allowed)
    return _field(name, "string", description, enum=allowed)


def _validators(step: Step) -> tuple[Any, ...]:
    validator = step.field.validator
    if validator is None:
        return ()
    return tuple(getattr(validator, "parts", (validator,)))


def _pattern(step: Step) -> str | None:
    """The field's pattern in XML Schema syntax, when it has one that syntax can say."""
    for validator in _validators(step):
        if isinstance(validator, Matches):
            pattern = validator.regex.pattern.replace("(?:", "(")
            return None if "(?" in pattern else f"({pattern})"
    return None


def _minimum(step: Step) -> int | None:
    for validator in _validators(step):
        if isinstance(validator, AtLeast):
            return validator.minimum
    return None


def _is_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


def _scalar(hint: Any) -> str:
    """The Table Schema type of a plain value of this type."""
    if hint is bool:
        return "boolean"
    if hint is int:
        return "integer"
    if hint is float:
        return "number"
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    if union and set(typing.get_args(hint)) <= {int, float}:
        return "number"
    return "string"


def _value(step: Step) -> dict[str, Any]:
    name, hint, doc = step.name, step.hint, step.doc
    required = not step.optional  # a default is a value too (a participant's role)
    if name == "id":
        return _id(name, doc)
    if _is_enum(hint):
        return _enum(name, doc, (member.value for member in hint), required=required)
    if typing.get_origin(hint) is tuple:
        return _list(name, doc, _scalar(step.item))
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    pattern = _pattern(step)
    if pattern is not None:
        constraints["pattern"] = pattern
    minimum = _minimum(step)
    if minimum is not None:
        constraints["minimum"] = minimum
    return _field(name, _scalar(hint), doc, **constraints)


def _dating(step: Step) -> Iterator[dict[str, Any]]:
    name, doc = step.name, step.doc
    required = not step.optional
    best = (
        f"{doc} The best claim's value, as EDTF (`2019`, `2019-06`, `2020-04-18?`,"
        " `2013-03/2021`, `2015/..`); `date_claims.csv` has every claim."
    )
    if required:
        yield _field(name, "string", best, required=True, pattern=EDTF)
    else:
        yield _field(name, "string", best, pattern=EDTF)
    for side, what in (("lower", "first"), ("upper", "last")):
        yield _bound(
            f"{name}_{side}",
            f"The {what} day `{name}` may fall on; empty when that end is open or unknown,"
            " or when there is no date.",
            "no date, or an open or unknown end",
        )
    yield _enum(
        f"{name}_basis",
        f"The basis of the best claim of `{name}`.",
        (basis.value for basis in Basis),
        required=required,
    )


def _bound(name: str, description: str, missing: str) -> dict[str, Any]:
    """A column of first or last days; ``missing`` says what an empty cell means."""
    found = _field(name, "date", description)
    found["missingValues"] = [{"value": "", "label": missing}]
    return found


def _cited_fields(*, own: bool = False) -> Iterator[dict[str, Any]]:
    """The citation summary columns; ``own``: of a nested value, whose own citations may be none."""
    whose = "its own citations" if own else "its citations"
    empty = "; empty when it has none of its own (the record's citations apply)" if own else ""
    yield _list(
        "paragraphs",
        f"The paragraphs {whose} cite, sorted{empty} (informational: `citations.csv` has"
        " each citation).",
        "integer",
    )
    yield _list("bases", f"The bases of {whose}, in order, each once{empty} (informational).")
    yield _list(
        "sources", f"The addresses of {whose} that are external, each once (informational)."
    )


def _cited(cls: type) -> bool:
    return any(step.kind == "citations" and step.name == "citations" for step in plan(cls))


def _step_fields(step: Step, checked: str | None) -> Iterator[dict[str, Any]]:
    """The columns of one field of a record or nested value, in the order of `_flat`."""
    where = f" (informational: `{checked}` is the checked form)" if checked else ""
    if step.kind == "dating":
        yield from _dating(step)
    elif step.kind == "ref":
        yield _id(step.name, step.doc, required=not step.optional)
    elif step.kind == "refs":
        yield _list(step.name, f"{step.doc} The ids joined with `; `{where}.")
    elif step.kind == "nested":
        yield _list(step.name, f"{step.doc} Joined with `; `{where}.")
    else:
        yield _value(step)


def _fields_of(cls: type, checked: Callable[[Step], str | None]) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = []
    for step in plan(cls):
        if step.name != "citations":
            fields.extend(_step_fields(step, checked(step)))
    if _cited(cls):
        fields.extend(_cited_fields())
    return fields


# -- where references go -------------------------------------------------------------


def _sections_of(step: Step) -> list[str]:
    """The sections a reference field may name, in file order."""
    targets = step.targets
    if targets is None:
        return [section.name for section in SECTIONS]
    return [
        section.name
        for section in SECTIONS
        if any(
            issubclass(target, section.cls) or issubclass(section.cls, target) for target in targets
        )
    ]


def _single_key(step: Step) -> ForeignKey:
    """The key of a one-id reference column: to its section's table, or to ``entities``."""
    sections = _sections_of(step)
    resource = sections[0] if len(sections) == 1 else "entities"
    return ForeignKey((step.name,), resource, ("id",))


def join_name(section: str, field: str) -> str:
    """The name of the join table of a multi-valued reference field: ``<section>_<field>``."""
    return f"{section}_{field}"


def nested_name(item: type) -> str:
    """The name of the table of a class of nested values (``participants`` ...)."""
    return _NESTED.get(item, f"{item.__name__.lower()}s")


def _nested_steps() -> dict[type, list[tuple[str, Step]]]:
    """(section, field) of every nested field, by the class of its values."""
    found: dict[type, list[tuple[str, Step]]] = {}
    for section in SECTIONS:
        for step in plan(section.cls):
            if step.kind == "nested":
                found.setdefault(step.item, []).append((section.name, step))
    return found


# -- the tables ----------------------------------------------------------------------


TextOf = Callable[[type], frozenset[str]]
"""The text columns of a record (or nested value) class's flat table."""


def _section_table(
    name: str, cls: type, description: str, records: tuple[Any, ...], text_of: TextOf
) -> Table:
    def checked(step: Step) -> str | None:
        if step.kind == "refs":
            return f"{join_name(name, step.name)}.csv"
        if step.kind == "nested":
            return f"{nested_name(step.item)}.csv"
        return None

    fields = _fields_of(cls, checked)
    header = columns(cls)
    rows = []
    for record in records:
        row = flatten(record)
        rows.append(tuple(row[column] for column in header))
    keys = [ForeignKey(("id",), "entities", ("id",))]
    keys.extend(_single_key(step) for step in plan(cls) if step.kind == "ref")
    return Table(
        name=name,
        title=name.capitalize(),
        description=description,
        fields=tuple(fields),
        rows=tuple(rows),
        text=text_of(cls),
        primary_key=("id",),
        foreign_keys=tuple(keys),
    )


def _entities(dataset: Dataset) -> Table:
    rows = tuple(
        (record.id, name, type(record).__name__.lower(), record.label)
        for name, records in dataset.sections().items()
        for record in records
    )
    fields = (
        _id("id", "The record's id."),
        _enum(
            "section",
            "The section it belongs to (and the table that holds it).",
            (section.name for section in SECTIONS),
            required=True,
        ),
        _field(
            "type",
            "string",
            "Its class in lower case (`leader`, `person`, `meeting` ...).",
            required=True,
        ),
        _field("label", "string", "Its human name: its name, title, text or post.", required=True),
    )
    return Table(
        name="entities",
        title="Entities",
        description=(
            "Every record of the dataset, with its section: the target of the references"
            " that may name records of several classes."
        ),
        fields=fields,
        rows=rows,
        text=frozenset({"label"}),
        primary_key=("id",),
    )


def _join(section: str, step: Step, records: tuple[Any, ...], where: Mapping[str, str]) -> Table:
    name = join_name(section, step.name)
    rows = tuple(
        (record.id, index, target, where.get(target))
        for record in records
        for index, target in enumerate(getattr(record, step.name))
    )
    fields = (
        _id("record", f"The id of the record (in `{section}.csv`)."),
        _field(
            "index",
            "integer",
            "The position of the id in the field, from 0.",
            required=True,
            minimum=0,
        ),
        _id("target", step.doc),
        _enum(
            "target_section",
            "The section of the record it names.",
            _sections_of(step),
            required=True,
        ),
    )
    return Table(
        name=name,
        title=f"{section.capitalize()}: {step.name}",
        description=f"The `{step.name}` of `{section}.csv`, one id a row. {step.doc}",
        fields=fields,
        rows=rows,
        text=frozenset(),
        primary_key=("record", "index"),
        foreign_keys=(
            ForeignKey(("record",), section, ("id",)),
            ForeignKey(("target", "target_section"), "entities", ("id", "section")),
        ),
    )


def _nested(
    item: type,
    owners: list[tuple[str, Step]],
    sections: Mapping[str, tuple[Any, ...]],
    where: Mapping[str, str],
    text_of: TextOf,
) -> Table:
    name = nested_name(item)
    names = list(dict.fromkeys(step.name for _, step in owners))
    fields: list[dict[str, Any]] = [
        _id("record", "The id of the record that holds the value."),
        _enum("field", "The field of the record that holds it.", names, required=True),
        _field(
            "index",
            "integer",
            "The position of the value in the field, from 0.",
            required=True,
            minimum=0,
        ),
    ]
    keys = [ForeignKey(("record",), "entities", ("id",))]
    refs = [step for step in plan(item) if step.kind == "ref"]
    for step in plan(item):
        if step.name == "citations":
            continue
        fields.extend(_step_fields(step, None))
        if step.kind == "ref":
            fields.append(
                _enum(
                    f"{step.name}_section",
                    f"The section of `{step.name}`.",
                    _sections_of(step),
                    required=not step.optional,
                )
            )
            keys.append(
                ForeignKey((step.name, f"{step.name}_section"), "entities", ("id", "section"))
            )
    if _cited(item):
        fields.extend(_cited_fields(own=True))
    header = columns(item)
    rows = []
    for section, step in owners:
        for record in sections[section]:
            for index, value in enumerate(getattr(record, step.name)):
                flat = flatten(value)
                row: list[object] = [record.id, step.name, index]
                for column in header:
                    row.append(flat[column])
                    if any(ref.name == column for ref in refs):
                        target = flat[column]
                        row.append(None if target is None else where.get(target))
                rows.append(tuple(row))
    used = ", ".join(f"`{section}.{step.name}`" for section, step in owners)
    return Table(
        name=name,
        title=name.capitalize(),
        description=f"{item.__name__} values, one a row, from {used}.",
        fields=tuple(fields),
        rows=tuple(rows),
        text=text_of(item),
        primary_key=("record", "field", "index"),
        foreign_keys=tuple(keys),
    )


def _located(value: Any, prefix: str = "") -> Iterator[tuple[str, Citation]]:
    """Every citation of a record or nested value with its path, in the order of the plan."""
    for step in plan(type(value)):
        name = step.name
        if step.kind == "citations":
            for index, citation in enumerate(getattr(value, name)):
                yield f"{prefix}{name}[{index}]", citation
        elif step.kind == "citation":
            yield f"{prefix}{name}", getattr(value, name)
        elif step.kind == "dating":
            dating = getattr(value, name)
            if dating is not None:
                for index, claim in enumerate(dating.claims):
                    yield f"{prefix}{name}[{index}].citation", claim.citation
        elif step.kind == "nested":
            for index, item in enumerate(getattr(value, name)):
                yield from _located(item, f"{prefix}{name}[{index}].")


def _datings(value: Any, prefix: str = "") -> Iterator[tuple[str, Dating]]:
    """Every date of a record or nested value with its path, in the order of the plan."""
    for step in plan(type(value)):
        if step.kind == "dating":
            dating = getattr(value, step.name)
            if dating is not None:
                yield f"{prefix}{step.name}", dating
        elif step.kind == "nested":
            for index, item in enumerate(getattr(value, step.name)):
                yield from _datings(item, f"{prefix}{step.name}[{index}].")


def _all(dataset: Dataset) -> Iterator[Any]:
    for records in dataset.sections().values():
        yield from records


def _citations(dataset: Dataset) -> Table:
    rows = tuple(
        (
            record.id,
            path,
            citation.basis.value,
            citation.document,
            SEPARATOR.join(map(str, citation.paragraphs)) or None,
            citation.source,
            None if citation.confidence is None else citation.confidence.value,
            citation.note,
        )
        for record in _all(dataset)
        for path, citation in _located(record)
    )
    described = {field.name: describe(field) for field in attrs.fields(Citation)}
    fields = (
        _id("record", "The id of the record the citation belongs to."),
        _field(
            "path",
            "string",
            "Where it sits in the record: `citations[0]`, `date[1].citation`,"
            " `participants[0].citations[0]`.",
            required=True,
        ),
        _enum("basis", described["basis"], (b.value for b in Basis), required=True),
        _id("document", described["document"], required=False),
        _list("paragraphs", described["paragraphs"], "integer"),
        _field("source", "string", described["source"]),
        _enum("confidence", described["confidence"], (c.value for c in Confidence), required=False),
        _field("note", "string", described["note"]),
    )
    return Table(
        name="citations",
        title="Citations",
        description="Every citation of every record, one a row: where each value comes from.",
        fields=fields,
        rows=rows,
        text=frozenset({"source", "note"}),
        primary_key=("record", "path"),
        foreign_keys=(
            ForeignKey(("record",), "entities", ("id",)),
            ForeignKey(("document",), "documents", ("id",)),
        ),
    )


def _day(value: Any) -> datetime.date | None:
    return None if value is None else datetime.date(value.year, value.month, value.day)


def _claims(dataset: Dataset) -> Table:
    rows = tuple(
        (
            record.id,
            field,
            index,
            claim.value.edtf,
            _day(claim.value.lower),
            _day(claim.value.upper),
            claim.value is dating.best,
            claim.citation.basis.value,
            f"{field}[{index}].citation",
        )
        for record in _all(dataset)
        for field, dating in _datings(record)
        for index, claim in enumerate(dating.claims)
    )
    fields = (
        _id("record", "The id of the record the date belongs to."),
        _field(
            "field",
            "string",
            "The date's path in the record: `date`, `signed`, `milestones[0].date`.",
            required=True,
        ),
        _field(
            "index",
            "integer",
            "The position of the claim among the date's claims, from 0.",
            required=True,
            minimum=0,
        ),
        _field("value", "string", "The claim's value, as EDTF.", required=True, pattern=EDTF),
        _bound("lower", "The first day the value may fall on.", "an open or unknown start"),
        _bound("upper", "The last day the value may fall on.", "an open or unknown end"),
        _field(
            "best",
            "boolean",
            "Whether it is the best claim (the fewest days; the first listed wins a tie),"
            " the one the section tables and queries use.",
            required=True,
        ),
        _enum("basis", "The basis of its citation.", (b.value for b in Basis), required=True),
        _field(
            "citation", "string", "The path of its citation (in `citations.csv`).", required=True
        ),
    )
    return Table(
        name="date_claims",
        title="Date claims",
        description=(
            "Every claim of every date, one a row: a date is a set of claims side by side,"
            " each with its own citation."
        ),
        fields=fields,
        rows=rows,
        text=frozenset(),
        primary_key=("record", "field", "index"),
        foreign_keys=(
            ForeignKey(("record",), "entities", ("id",)),
            ForeignKey(("record", "citation"), "citations", ("record", "path")),
        ),
    )


def tables(dataset: Dataset, text_of: TextOf) -> list[Table]:
    """The tables of the ``csv`` export, in the order of the descriptor; none without rows.

    ``text_of`` gives the text columns of a record or nested value class (see
    `sinorussia._export.text_columns`).
    """
    sections = dataset.sections()
    where = {record.id: name for name, records in sections.items() for record in records}
    found = [
        _section_table(
            section.name, section.cls, section.description, sections[section.name], text_of
        )
        for section in SECTIONS
        if sections[section.name]
    ]
    if not found:
        return []
    found.append(_entities(dataset))
    for section in SECTIONS:
        for step in plan(section.cls):
            if step.kind == "refs":
                found.append(_join(section.name, step, sections[section.name], where))
    for item, owners in _nested_steps().items():
        found.append(_nested(item, owners, sections, where, text_of))
    found.append(_citations(dataset))
    found.append(_claims(dataset))
    return [table for table in found if table.rows]


def _names() -> frozenset[str]:
    names = {DESCRIPTOR, "entities.csv", "citations.csv", "date_claims.csv"}
    for section in SECTIONS:
        names.add(f"{section.name}.csv")
        for step in plan(section.cls):
            if step.kind == "refs":
                names.add(f"{join_name(section.name, step.name)}.csv")
    names.update(f"{nested_name(item)}.csv" for item in _nested_steps())
    return frozenset(names)


FILES: Final = _names()
"""Every file name the ``csv`` export may write."""


# -- the descriptor ------------------------------------------------------------------


def _resource(table: Table, data: bytes, present: frozenset[str]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [dict(field) for field in table.fields],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    keys = [key.descriptor() for key in table.foreign_keys if key.resource in present]
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "type": "table",
        "path": table.path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": table.title,
        "description": table.description,
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "dialect": dict(_DIALECT),
        "schema": schema,
    }


def _sources(dataset: Dataset) -> list[dict[str, str]]:
    found = []
    for document in dataset.documents:
        source = {"title": document.title}
        if document.url is not None and _URL.fullmatch(document.url):
            source["path"] = document.url
        found.append(source)
    return found


def descriptor(dataset: Dataset, found: list[Table], files: Mapping[str, bytes]) -> bytes:
    """``datapackage.json`` for the tables, given the bytes of their files."""
    present = frozenset(table.name for table in found)
    package = {
        "$schema": PROFILE,
        "name": "sinorussia",
        "title": "sinorussia: China-Russia relations, typed and cited",
        "description": (
            "Records of China-Russia relations (people, offices, meetings, treaties,"
            " projects, statements), each with its citations. One table per section;"
            " entities.csv lists every record; join tables hold the multi-valued"
            " references, participants, milestones and figures one a row;"
            " citations.csv holds every citation and date_claims.csv every claim of every"
            " date. Dates are EDTF strings with their first and last possible days."
        ),
        "version": dataset.version,
        "licenses": [dict(_LICENSE)],
        "sources": _sources(dataset),
        "keywords": ["China", "Russia", "international relations", "diplomacy", "events"],
        "resources": [_resource(table, files[table.path], present) for table in found],
    }
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")
