"""The `sqlite` export: one SQLite database, `sinorussia.sqlite`.

The database is built in memory with the standard library's `sqlite3`
(foreign keys on) and serialised, so the file goes through the same atomic
writer as every export. Every table, column and foreign key is derived from
the field plan (`_plan.plan`): a new field gets its column or its table
without a change here. The tables, in the order they are created and filled:

- `metadata` (`key`, `value`): `dataset_version`, `dataset_format` and
  `layout`, the version of this layout (also `PRAGMA user_version`).
- `entities` (`id`, `section`, `class`, `label`): every record, documents
  included, with its section (`meetings`), its class (`Leader`, `Person`,
  `Meeting` ...) and its human name. A reference that may point at records
  of several sections (a place *or* a country, a statement's `about`) is a
  foreign key to `entities`; the `id` of every section table is one too.
- `<section>`: one table per section (`documents`, `countries` ...
  `statements`), a row per record in file order: `id TEXT PRIMARY KEY`, then
  a column per single-valued field. Text is `TEXT`, whole numbers `INTEGER`,
  a number that may be whole or not `NUMERIC`, a vocabulary value `TEXT`
  with a `CHECK` of its values. A reference is a `TEXT` column with a
  foreign key to the table of the one section it may point at, else to
  `entities`. A date is four columns: `<field>` (the best claim as EDTF),
  `<field>_lower` and `<field>_upper` (its first and last possible days as
  ISO dates, `NULL` when unbounded) and `<field>_basis`.
- `<field>`: one table per multi-valued field (`participants`,
  `signatories`, `parties`, `members`, `about`, `aliases`, `figures` ...),
  shared by the sections that have the field: `record` (the record that
  holds it), `position` (the index in the list, from 0), then `target` (a
  reference, with its foreign key), `value` (a text) or the columns of a
  nested value (a participant's `who` and `role`; a milestone's `title`,
  `status` and date columns; a figure's `measure`, `value` and `unit`). A
  field whose values differ in shape between sections, or whose name is
  taken, gets a table per section, `<section>_<field>`.
- `citations`: every citation anywhere in a record. `id` (from 1, in record
  order), `record`, `path` (where it sits, as verification names it:
  `citations[0]`, `participants[2].citations[0]`, `date[1].citation`,
  `milestones[0].date[0].citation`), `field` (the record's field that holds
  it), `position` (the last index in `path`), then the citation's own
  fields: `basis`, `document`, `paragraphs` (a JSON array, `NULL` when
  none), `note`, `source`, `confidence`.
- `citation_paragraphs` (`citation`, `position`, `value`): a row per cited
  paragraph.
- `date_claims`: every claim of every date. `record`, `path` (`date`,
  `milestones[0].date`), `field`, `position`, `edtf`, `lower`, `upper`,
  `best` (1 for the claim the record's date columns show), `basis` and
  `citation` (the `citations.id` it rests on).

Every foreign key column and every date bound leads an index. The views
(`VIEWS`): `meeting_participants`, `meeting_pairs` (who met whom, where),
`office_holders`, `cited_paragraphs` and `leaders`.

Foreign keys are `DEFERRABLE INITIALLY DEFERRED` and are checked as the
database is built; SQLite enforces them only on a connection that runs
`PRAGMA foreign_keys = ON`. The bytes depend only on the dataset and on the
version of the SQLite library, which the file's header records.
"""

from __future__ import annotations

import enum
import json
import re
import sqlite3
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from ._dataset import FORMAT, SECTIONS, Dataset, Section
from ._model import Citation, Dating, Entity, Leader
from ._plan import Step, plan
from ._vocab import Basis

__all__ = ["FILE_NAME", "LAYOUT", "VIEWS", "Column", "Table", "child_tables", "render", "tables"]

FILE_NAME: Final = "sinorussia.sqlite"
"""The one file of the export."""

LAYOUT: Final = 1
"""The version of the database layout, stored as ``PRAGMA user_version``."""

ENTITIES: Final = "entities"
CITATIONS: Final = "citations"
CLAIMS: Final = "date_claims"
METADATA: Final = "metadata"

_BOUNDS: Final = ("lower", "upper")
_BASES: Final = tuple(basis.value for basis in Basis)
_SECTION_OF: Final[dict[type, str]] = {section.cls: section.name for section in SECTIONS}


def _quote(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _one_of(name: str, values: Iterable[str]) -> str:
    return f"{_quote(name)} IN ({', '.join(_literal(value) for value in values)})"


# -- the schema -----------------------------------------------------------------


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: Its name (snake case, as the field).
        type: ``TEXT``, ``INTEGER``, ``REAL`` or ``NUMERIC``.
        not_null: Whether it must hold a value.
        references: The table whose ``id`` it refers to (a foreign key).
        check: An SQL condition every value meets.

    """

    name: str
    type: str
    not_null: bool = False
    references: str | None = None
    check: str | None = None

    def sql(self) -> str:
        """The column's definition in ``CREATE TABLE``."""
        parts = [_quote(self.name), self.type]
        if self.not_null:
            parts.append("NOT NULL")
        if self.check is not None:
            parts.append(f"CHECK ({self.check})")
        if self.references is not None:
            parts.append(
                f'REFERENCES {_quote(self.references)} ("id") DEFERRABLE INITIALLY DEFERRED'
            )
        return " ".join(parts)


@attrs.frozen
class Table:
    """One table: its columns, its primary key and the columns to index beyond the key.

    Attributes:
        name: The table's name.
        columns: Its columns, in order.
        key: The columns of its primary key.
        checks: Conditions across columns (a date's lower bound before its upper one).
        indexed: Columns to index besides foreign keys and date bounds.

    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    checks: tuple[str, ...] = ()
    indexed: tuple[str, ...] = ()

    def sql(self) -> str:
        """The ``CREATE TABLE`` statement."""
        lines = [column.sql() for column in self.columns]
        lines.append(f"PRIMARY KEY ({', '.join(map(_quote, self.key))})")
        lines.extend(f"CHECK ({check})" for check in self.checks)
        body = ",\n  ".join(lines)
        return f"CREATE TABLE {_quote(self.name)} (\n  {body}\n)"

    def index_columns(self) -> list[str]:
        """The columns that get an index: foreign keys, date bounds and `indexed`.

        A column that leads the primary key is indexed by it already.
        """
        found = [
            column.name
            for column in self.columns
            if column.references is not None
            or column.name in _BOUNDS
            or column.name.endswith(("_lower", "_upper"))
            or column.name in self.indexed
        ]
        return [name for name in found if name != self.key[0]]


def _section_table(cls: type) -> str | None:
    """The section table that holds records of ``cls`` (a leader is a person)."""
    for base in cls.__mro__:
        name = _SECTION_OF.get(base)
        if name is not None:
            return name
    return None


def _target(targets: tuple[type, ...] | None) -> str:
    """The table a reference to ``targets`` points at: its one section, else ``entities``."""
    if targets is None:
        return ENTITIES
    tables = {_section_table(cls) for cls in targets}
    if len(tables) == 1:
        (table,) = tables
        if table is not None:
            return table
    return ENTITIES


def _sql_type(hint: Any, name: str) -> tuple[str, str | None]:
    """The SQL type of a scalar field and the condition its values meet."""
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "TEXT", _one_of(name, (str(member.value) for member in hint))
    if hint is bool:
        return "INTEGER", f"{_quote(name)} IN (0, 1)"
    if hint is str:
        return "TEXT", None
    if hint is int:
        return "INTEGER", None
    if hint is float:
        return "REAL", None
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and set(
        typing.get_args(hint)
    ) <= {int, float}:
        return "NUMERIC", None
    raise TypeError(f"no SQLite column type for field {name!r} of type {hint!r}")


def _is_list(step: Step) -> bool:
    """Whether a plain value field holds several values (``aliases``, ``topics``)."""
    return step.kind == "value" and typing.get_origin(step.hint) is tuple


def _date_columns(name: str, optional: bool) -> tuple[list[Column], list[str]]:
    """A date's four columns (EDTF, first and last day, basis) and the order of its bounds."""
    columns = [Column(name, "TEXT", not optional)]
    for bound in _BOUNDS:
        column = f"{name}_{bound}"
        columns.append(Column(column, "TEXT", check=f"{_quote(column)} IS date({_quote(column)})"))
    basis = f"{name}_basis"
    columns.append(Column(basis, "TEXT", not optional, check=_one_of(basis, _BASES)))
    lower, upper = (_quote(f"{name}_{bound}") for bound in _BOUNDS)
    return columns, [f"{lower} <= {upper}"]


def _columns(step: Step, *, nested: bool = False) -> tuple[list[Column], list[str]]:
    """The columns of a single-valued field (none for a list or citations), and their checks."""
    name = step.name
    kind = step.kind
    if kind == "ref":
        return [Column(name, "TEXT", not step.optional, _target(step.targets))], []
    if kind == "dating":
        return _date_columns(name, step.optional)
    if kind in ("citation", "citations"):
        return [], []
    if kind == "value" and not _is_list(step):
        sql, check = _sql_type(step.hint, name)
        return [Column(name, sql, not step.optional, check=check)], []
    if not nested:
        return [], []  # a list: a table of its own
    if _is_list(step):
        _sql_type(typing.get_args(step.hint)[0], name)  # what a JSON array holds as it is
        return [Column(name, "TEXT")], []
    raise TypeError(f"no SQLite layout for the field {name!r} ({kind}) of a nested value")


def _record_table(section: Section[Any]) -> Table:
    columns = [Column("id", "TEXT", True, ENTITIES)]
    checks: list[str] = []
    for step in plan(section.cls):
        if step.name == "id":
            continue
        found, conditions = _columns(step)
        columns.extend(found)
        checks.extend(conditions)
    return Table(section.name, tuple(columns), ("id",), tuple(checks))


def _child_shape(step: Step) -> tuple[object, ...]:
    """What a multi-valued field's rows hold: two fields of one shape share a table."""
    if step.kind == "refs":
        return ("refs",)
    if step.kind == "nested":
        return ("nested", step.item)
    (item,) = typing.get_args(step.hint)[:1]
    return ("values", _sql_type(item, "value"))


def _child_steps() -> dict[str, list[tuple[Section[Any], Step]]]:
    """The multi-valued fields of every section, by field name, in order of appearance."""
    found: dict[str, list[tuple[Section[Any], Step]]] = {}
    for section in SECTIONS:
        for step in plan(section.cls):
            if step.kind in ("refs", "nested") or _is_list(step):
                found.setdefault(step.name, []).append((section, step))
    return found


def child_tables() -> dict[tuple[str, str], str]:
    """The table of each multi-valued field, by (section, field).

    A field's table is named after it (``participants``) and shared by every
    section that has the field; if their values differ in shape, or the name
    is taken, each section gets ``<section>_<field>``.
    """
    taken = {ENTITIES, CITATIONS, CLAIMS, METADATA, *VIEWS, *_SECTION_OF.values()}
    taken.update(f"citation_{name}" for name, _ in _citation_lists())
    found: dict[tuple[str, str], str] = {}
    for field, owners in _child_steps().items():
        shared = len({_child_shape(step) for _, step in owners}) == 1 and field not in taken
        for section, _ in owners:
            found[section.name, field] = field if shared else f"{section.name}_{field}"
    return found


def _child_table(name: str, owners: list[tuple[Section[Any], Step]]) -> Table:
    holders = {section.name for section, _ in owners}
    holder = next(iter(holders)) if len(holders) == 1 else ENTITIES
    columns = [
        Column("record", "TEXT", True, holder),
        Column("position", "INTEGER", True, check='"position" >= 0'),
    ]
    checks: list[str] = []
    step = owners[0][1]
    if step.kind == "refs":
        targets = {_target(owner.targets) for _, owner in owners}
        target = targets.pop() if len(targets) == 1 else ENTITIES
        columns.append(Column("target", "TEXT", True, target))
    elif step.kind == "nested":
        for inner in plan(step.item):
            found, conditions = _columns(inner, nested=True)
            columns.extend(found)
            checks.extend(conditions)
    else:
        (item,) = typing.get_args(step.hint)[:1]
        sql, check = _sql_type(item, "value")
        columns.append(Column("value", sql, True, check=check))
    return Table(name, tuple(columns), ("record", "position"), tuple(checks))


def _citation_lists() -> list[tuple[str, Any]]:
    """A citation's multi-valued fields (``paragraphs``) and the type of their items."""
    return [(step.name, typing.get_args(step.hint)[0]) for step in plan(Citation) if _is_list(step)]


def _citation_columns() -> list[Column]:
    """The columns of a citation's own fields; a list (``paragraphs``) as a JSON array."""
    columns: list[Column] = []
    for step in plan(Citation):
        columns.extend([Column(step.name, "TEXT")] if _is_list(step) else _columns(step)[0])
    return columns


def _place_tables() -> list[Table]:
    """The tables of citations, their paragraphs and date claims."""
    citations = Table(
        CITATIONS,
        (
            Column("id", "INTEGER", True),
            Column("record", "TEXT", True, ENTITIES),
            Column("path", "TEXT", True),
            Column("field", "TEXT", True),
            Column("position", "INTEGER", True, check='"position" >= 0'),
            *_citation_columns(),
        ),
        ("id",),
    )
    tables = [citations]
    for name, item in _citation_lists():
        sql, check = _sql_type(item, "value")
        tables.append(
            Table(
                f"citation_{name}",
                (
                    Column("citation", "INTEGER", True, CITATIONS),
                    Column("position", "INTEGER", True, check='"position" >= 0'),
                    Column("value", sql, True, check=check),
                ),
                ("citation", "position"),
                indexed=("value",),
            )
        )
    basis = _one_of("basis", _BASES)
    tables.append(
        Table(
            CLAIMS,
            (
                Column("record", "TEXT", True, ENTITIES),
                Column("path", "TEXT", True),
                Column("field", "TEXT", True),
                Column("position", "INTEGER", True, check='"position" >= 0'),
                Column("edtf", "TEXT", True),
                Column("lower", "TEXT", check='"lower" IS date("lower")'),
                Column("upper", "TEXT", check='"upper" IS date("upper")'),
                Column("best", "INTEGER", True, check='"best" IN (0, 1)'),
                Column("basis", "TEXT", True, check=basis),
                Column("citation", "INTEGER", True, CITATIONS),
            ),
            ("record", "path", "position"),
            ('"lower" <= "upper"',),
        )
    )
    return tables


def tables() -> list[Table]:
    """Every table of the database, in the order it is created and filled."""
    found = [
        Table(
            METADATA,
            (Column("key", "TEXT", True), Column("value", "TEXT", True)),
            ("key",),
        ),
        Table(
            ENTITIES,
            (
                Column("id", "TEXT", True),
                Column("section", "TEXT", True, check=_one_of("section", _SECTION_OF.values())),
                Column("class", "TEXT", True),
                Column("label", "TEXT", True),
            ),
            ("id",),
        ),
    ]
    found.extend(_record_table(section) for section in SECTIONS)
    names = child_tables()
    grouped: dict[str, list[tuple[Section[Any], Step]]] = {}
    for field, owners in _child_steps().items():
        for section, step in owners:
            grouped.setdefault(names[section.name, field], []).append((section, step))
    found.extend(_child_table(name, owners) for name, owners in grouped.items())
    found.extend(_place_tables())
    return found


# -- views ----------------------------------------------------------------------

VIEWS: Final[dict[str, str]] = {
    "meeting_participants": """
SELECT m.id AS meeting, m.title, m.kind, m.date, m.date_lower, m.date_upper,
       p.position, p.who AS participant, who.label AS participant_name,
       who.class AS participant_class, p.role, m.place, place.label AS place_name
FROM meetings AS m
JOIN participants AS p ON p.record = m.id
JOIN entities AS who ON who.id = p.who
LEFT JOIN entities AS place ON place.id = m.place
ORDER BY m.rowid, p.position""",
    "meeting_pairs": """
SELECT m.id AS meeting, m.title, m.date, m.date_lower, m.date_upper,
       a.who AS one, one.label AS one_name, a.role AS one_role,
       b.who AS other, other.label AS other_name, b.role AS other_role,
       m.place, place.label AS place_name
FROM meetings AS m
JOIN participants AS a ON a.record = m.id
JOIN participants AS b ON b.record = m.id AND a.position < b.position
JOIN entities AS one ON one.id = a.who
JOIN entities AS other ON other.id = b.who
LEFT JOIN entities AS place ON place.id = m.place
ORDER BY m.rowid, a.position, b.position""",
    "office_holders": """
SELECT o.id AS office, o.person, person.name AS person_name, o.post, o.role,
       o.organisation, organisation.label AS organisation_name,
       o.posted_to, posted_to.label AS posted_to_name,
       o.start, o.start_lower, o.start_upper, o."end", o.end_lower, o.end_upper,
       o.status, o.attested, o.attested_lower, o.attested_upper
FROM offices AS o
JOIN people AS person ON person.id = o.person
JOIN entities AS organisation ON organisation.id = o.organisation
LEFT JOIN entities AS posted_to ON posted_to.id = o.posted_to
ORDER BY o.rowid""",
    "cited_paragraphs": """
SELECT c.document, cp.value AS paragraph, c.record, e.section, e.label,
       c.path, c.basis, c.id AS citation
FROM citation_paragraphs AS cp
JOIN citations AS c ON c.id = cp.citation
JOIN entities AS e ON e.id = c.record
ORDER BY c.document, cp.value, c.id""",
    "leaders": f"""
SELECT people.*
FROM people
JOIN entities ON entities.id = people.id
WHERE entities.class = {_literal(Leader.__name__)}
ORDER BY people.rowid""",
}
"""The views, by name: SQL that answers common questions over the tables.

``meeting_participants``: each participant of each meeting with its name,
class, role and the meeting's place name. ``meeting_pairs``: every two
participants of one meeting (who met whom, where), in the order listed.
``office_holders``: each office with the names of its holder and of the
state or body. ``cited_paragraphs``: every cited paragraph with the record
and citation that cite it. ``leaders``: the people who hold an office.
"""


# -- the rows -------------------------------------------------------------------

Row = tuple[object, ...]


def _scalar(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def _json_list(values: tuple[object, ...]) -> str | None:
    if not values:
        return None
    return json.dumps([_scalar(value) for value in values], ensure_ascii=False)


def _day(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def _cells(step: Step, value: Any, *, nested: bool = False) -> list[object]:
    """The cells of one field, matching `_columns`."""
    kind = step.kind
    if kind == "ref":
        return [value]
    if kind == "dating":
        if value is None:
            return [None, None, None, None]
        return [value.edtf, _day(value.lower), _day(value.upper), value.basis.value]
    if kind in ("citation", "citations"):
        return []
    if nested and _is_list(step):
        return [_json_list(value)]
    if kind == "value" and not _is_list(step):
        return [_scalar(value)]
    return []


class _Rows:
    """The rows of every table, gathered in one walk over the records in file order."""

    def __init__(self, tables: list[Table]) -> None:
        self.rows: dict[str, list[Row]] = {table.name: [] for table in tables}
        self.children = child_tables()
        self.citation_id = 0

    def record(self, section: Section[Any], record: Entity) -> None:
        record_id = record.id
        self.rows[ENTITIES].append((record_id, section.name, type(record).__name__, record.label))
        cells: list[object] = [record_id]
        for step in plan(section.cls):
            if step.name == "id":
                continue
            value = getattr(record, step.name)
            cells.extend(_cells(step, value))
            if step.kind in ("refs", "nested") or _is_list(step):
                self.child(section, record_id, step, value)
            else:
                self.placed(record_id, step, value, "", step.name)
        self.rows[section.name].append(tuple(cells))

    def child(self, section: Section[Any], record_id: str, step: Step, value: Any) -> None:
        table = self.rows[self.children[section.name, step.name]]
        for position, item in enumerate(value):
            if step.kind != "nested":
                table.append((record_id, position, _scalar(item)))
                continue
            cells: list[object] = [record_id, position]
            prefix = f"{step.name}[{position}]."
            for inner in plan(step.item):
                inner_value = getattr(item, inner.name)
                cells.extend(_cells(inner, inner_value, nested=True))
                self.placed(record_id, inner, inner_value, prefix, step.name)
            table.append(tuple(cells))

    def placed(self, record_id: str, step: Step, value: Any, prefix: str, field: str) -> None:
        """The citations and date claims of one field (of the record or a nested value)."""
        path = prefix + step.name
        if step.kind == "citations":
            for position, citation in enumerate(value):
                self.citation(record_id, f"{path}[{position}]", field, position, citation)
        elif step.kind == "citation":
            self.citation(record_id, path, field, 0, value)
        elif step.kind == "dating" and value is not None:
            self.claims(record_id, path, field, value)

    def claims(self, record_id: str, path: str, field: str, dating: Dating) -> None:
        best = dating.best
        for position, claim in enumerate(dating.claims):
            where = f"{path}[{position}].citation"
            citation = self.citation(record_id, where, field, position, claim.citation)
            when = claim.value
            self.rows[CLAIMS].append(
                (
                    record_id,
                    path,
                    field,
                    position,
                    when.edtf,
                    _day(when.lower),
                    _day(when.upper),
                    int(when is best),
                    claim.citation.basis.value,
                    citation,
                )
            )

    def citation(
        self, record_id: str, path: str, field: str, position: int, citation: Citation
    ) -> int:
        self.citation_id += 1
        number = self.citation_id
        cells: list[object] = [number, record_id, path, field, position]
        for step in plan(Citation):
            value = getattr(citation, step.name)
            if _is_list(step):
                cells.append(_json_list(value))
                rows = self.rows[f"citation_{step.name}"]
                rows.extend((number, index, _scalar(item)) for index, item in enumerate(value))
            else:
                cells.extend(_cells(step, value))
        self.rows[CITATIONS].append(tuple(cells))
        return number


def _rows(dataset: Dataset, schema: list[Table]) -> dict[str, list[Row]]:
    rows = _Rows(schema)
    rows.rows[METADATA].extend(
        [
            ("dataset_format", str(FORMAT)),
            ("dataset_version", dataset.version),
            ("layout", str(LAYOUT)),
        ]
    )
    sections = dataset.sections()
    for section in SECTIONS:
        for record in sections[section.name]:
            rows.record(section, record)
    return rows.rows


# -- the database ---------------------------------------------------------------

_INDEX_NAME: Final = re.compile(r"[^a-z0-9_]")


def _statements(schema: list[Table]) -> Iterator[str]:
    """The index and view statements, after the rows are in."""
    for table in schema:
        for column in table.index_columns():
            name = _INDEX_NAME.sub("_", f"idx_{table.name}_{column}")
            yield f"CREATE INDEX {_quote(name)} ON {_quote(table.name)} ({_quote(column)})"
    for name, body in VIEWS.items():
        yield f"CREATE VIEW {_quote(name)} AS{body}"


def render(dataset: Dataset) -> dict[str, bytes]:
    """The files of the export, by name: ``sinorussia.sqlite`` (see the module documentation).

    Raises:
        sqlite3.IntegrityError: A foreign key does not resolve (a dataset
            never has one; this guards the layout itself).
        UnicodeEncodeError: A text holds a lone surrogate (`export` reports
            it as a ``DataError``).

    """
    schema = tables()
    rows = _rows(dataset, schema)
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for pragma in ("page_size = 4096", "encoding = 'UTF-8'", "foreign_keys = ON"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute(f"PRAGMA user_version = {LAYOUT}")
        connection.execute("BEGIN")
        for table in schema:
            connection.execute(table.sql())
        for table in schema:
            marks = ", ".join("?" * len(table.columns))
            connection.executemany(
                f"INSERT INTO {_quote(table.name)} VALUES ({marks})", rows[table.name]
            )
        for statement in _statements(schema):
            connection.execute(statement)
        connection.execute("COMMIT")
        return {FILE_NAME: connection.serialize()}
    finally:
        connection.close()
