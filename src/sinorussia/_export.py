r"""Exporting a dataset to files: our own formats, and those of other ecosystems.

[`export`][sinorussia.export] writes one format into a folder and returns the paths written.
Every file is UTF-8 with ``\n`` line endings, written atomically, and its
bytes depend only on the dataset (not on the run, the platform or
``PYTHONHASHSEED``). The formats:

``json``
    ``sinorussia.json``: the canonical dataset file, exactly ``sr.dumps(ds)``.

``jsonl``
    ``records.jsonl``: a header line ``{"format": 1, "version": "..."}``, then
    one line per record in file order,
    ``{"section": "meetings", "record": {...}}``, where ``record`` is the
    record exactly as in a dataset file. The JSON Schema ``$defs.JsonLine``
    validates each line (see ``sinorussia._schema.jsonl_line_schema``).
    Lines are compact JSON; the characters U+0085, U+2028 and U+2029, which
    some readers take for line breaks, are written as ``\u`` escapes.

``csv``
    One table per non-empty section, ``<section>.csv`` (``meetings.csv`` ...),
    with the columns and cells of `_flat`: a date becomes
    ``<field>`` (EDTF), ``<field>_lower`` and ``<field>_upper`` (ISO dates,
    empty when unbounded) and ``<field>_basis``; multi-valued fields are joined
    with ``"; "``; ``None`` is an empty cell. Beside them, ``datapackage.json``
    (a Frictionless Data Package, v2) types every column and makes every
    reference a foreign key, with the tables that takes: ``entities.csv``, one
    join table per multi-valued reference field, ``participants.csv``,
    ``milestones.csv``, ``figures.csv``, ``citations.csv`` and
    ``date_claims.csv`` (see `sinorussia._datapackage`). A table left over from
    an earlier export that has no rows now is removed. Text cells are
    neutralised against formula injection (see below).

``graph``
    ``nodes.csv``, ``edges.csv`` and ``graph.graphml`` (the same nodes and
    edges as GraphML). Every record except documents and offices is a node;
    the edges come from the reference fields of the model (see
    `RELATIONS`), each with a relation name, a role where one applies,
    and the id of the record that states it.

``ftm``, ``plover``, ``sqlite``, ``jsonld``
    The formats of other ecosystems, each in its own module (`_ftm`,
    `_plover`, `_sqlite`, `_jsonld`, whose docstrings give the shapes):
    FollowTheMoney entities and statements, PLOVER events, one SQLite
    database, and JSON-LD in schema.org and PROV-O terms. docs/exports.md
    maps each one and says what it cannot hold.

Formula injection (CSV files only): a spreadsheet runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula. In the text columns (those whose
field holds free text: `text_columns`, and ``label`` and ``role`` of the
graph tables) a cell that starts with one of those characters (after any
white space), with a tab, a carriage return or an apostrophe gets an
apostrophe in front, as OWASP advises; a text cell holding ``;`` is quoted, so
a spreadsheet that splits on ``;`` cannot start a new cell inside it. Ids,
vocabulary values, numbers and dates, which the library writes itself (a
negative figure, an EDTF year ``-0044``), are never changed. To undo it, remove
one leading apostrophe from every text cell that starts with one.

Every file of an export is written or none is: the new files are all written
before any old one is replaced, and if a replacement fails the old files are
put back. Text that UTF-8 cannot encode (a lone surrogate, possible only in
records built in Python) is a ``DataError`` naming each record and field, and
nothing is written.
"""

from __future__ import annotations

import datetime
import enum
import json
import os
import re
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final, Literal

from . import _datapackage as datapackage
from ._codec import converter
from ._dataset import FORMAT, Dataset
from ._errors import ArgumentError, NotAFile, shown
from ._flat import columns
from ._io import NotRegular, write_all
from ._load import _path_of, _unwritable, dumps
from ._model import Document, Entity, Office
from ._plan import Step, plan

__all__ = [
    "EDGE_COLUMNS",
    "FORMATS",
    "NODE_COLUMNS",
    "RELATIONS",
    "ExportFormat",
    "edges",
    "export",
    "jsonl_lines",
    "neutral",
    "nodes",
    "render",
    "text_columns",
]

ExportFormat = Literal["json", "jsonl", "csv", "graph", "ftm", "plover", "sqlite", "jsonld"]
"""The export formats: see the module documentation."""

FORMATS: Final[tuple[ExportFormat, ...]] = typing.get_args(ExportFormat)

NODE_COLUMNS: Final = ("id", "type", "label", "kind", "date", "date_lower", "date_upper")
"""The columns of ``nodes.csv`` (and the node attributes of the GraphML file)."""

EDGE_COLUMNS: Final = ("source", "target", "relation", "role", "record")
"""The columns of ``edges.csv`` (and the edge attributes of the GraphML file)."""

RELATIONS: Final[dict[str, tuple[str, bool]]] = {
    # field: (relation, reversed); reversed edges run from the referenced
    # record to the one holding the reference (a participant -> the meeting).
    "participants": ("participation", True),
    "signatories": ("signature", True),
    "parties": ("party", True),
    "members": ("member", True),
    "speaker": ("speaker", True),
    "place": ("location", False),
    "location": ("location", False),
    "origin": ("origin", False),
    "within": ("within", False),
    "about": ("about", False),
    "agreements": ("agreement", False),
    "signed_at": ("signed_at", False),
    "occasion": ("occasion", False),
    "commemorates": ("commemorates", False),
    "nationality": ("nationality", False),
    "country": ("country", False),
    "organisation": ("office", False),
    "posted_to": ("posted_to", False),
}
"""Edge relations by reference field. A field missing here (a new one) becomes a
relation named after the field, from the record to the record it refers to."""

_LINKS: Final[dict[type, str]] = {Office: "person"}
"""Record classes that are edges, not nodes: each reference field becomes an edge
from the record named in the anchor field, with the post as the role."""

_NOT_NODES: Final = (Document, *_LINKS)

_LINE_BREAKS: Final = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


# -- JSON Lines -----------------------------------------------------------------


def jsonl_lines(dataset: Dataset) -> Iterator[dict[str, Any]]:
    """The lines of the JSON Lines export as JSON values: a header, then the records."""
    yield {"format": FORMAT, "version": dataset.version}
    for name, records in dataset.sections().items():
        for record in records:
            yield {"section": name, "record": converter.unstructure(record)}


def _jsonl(dataset: Dataset) -> dict[str, bytes]:
    lines = []
    for value in jsonl_lines(dataset):
        line = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        for char, escape in _LINE_BREAKS.items():
            line = line.replace(char, escape)  # only ever inside a JSON string
        lines.append(line + "\n")
    return {"records.jsonl": "".join(lines).encode("utf-8")}


# -- CSV ------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


_FORMULA: Final = ("=", "+", "-", "@")
"""What starts a formula in a spreadsheet cell (OWASP, CSV injection)."""

_INERT: Final = (*_FORMULA, "\t", "\r", "'")
"""What a text cell may not start with unprotected: the formula characters, the
tab and carriage return OWASP lists, and the apostrophe itself (so the
protection can be undone exactly)."""


def neutral(text: str) -> str:
    """A text cell as written to CSV: with an apostrophe in front if it could start a formula.

    The cell gets one when it starts with ``=``, ``+``, ``-`` or ``@`` (also
    after white space), or with a tab, a carriage return or an apostrophe.
    Removing one leading apostrophe from a cell that has one gives the text back.
    """
    if text.startswith(_INERT) or text.lstrip().startswith(_FORMULA):
        return "'" + text
    return text


def _is_text(hint: Any) -> bool:
    if hint is str:
        return True
    return typing.get_origin(hint) is tuple and typing.get_args(hint)[:1] == (str,)


def _holds_text(step: Step) -> bool:
    if step.kind == "value":
        return _is_text(step.hint)
    if step.kind == "nested":  # joined into one cell: text if an item has a text field
        return any(_holds_text(inner) for inner in plan(step.item))
    return False


def text_columns(cls: type) -> frozenset[str]:
    """The columns of a section's CSV table that hold free text, neutralised on export.

    From the field plan: a plain field of text or of several texts (``title``,
    ``aliases``, ``topics`` ...), nested values joined into one cell whose items
    hold text (figures start with their measure, milestones with their title)
    and ``sources``. Not ids and references (participants are ``who:role``),
    dates and their bounds, vocabulary values, numbers and paragraph numbers.
    """
    names = {step.name for step in plan(cls) if _holds_text(step)}
    header = columns(cls)
    if any(step.kind == "citations" and step.name == "citations" for step in plan(cls)):
        names.add("sources")
    return frozenset(name for name in names if name in header)


_GRAPH_TEXT: Final = {"nodes.csv": frozenset({"label"}), "edges.csv": frozenset({"role"})}
"""The text columns of the graph tables: a record's label, an office's post."""


def _field(cell: str, text: bool) -> str:
    if text:
        cell = neutral(cell)
    if any(char in cell for char in ',"\r\n') or (text and ";" in cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _table(
    header: tuple[str, ...] | list[str], rows: list[list[str]], text: frozenset[str] = frozenset()
) -> bytes:
    """A CSV table (RFC 4180, LF line ends), its text columns neutralised."""
    marks = [name in text for name in header]
    lines = [",".join(_field(name, False) for name in header)]
    for row in rows:
        lines.append(",".join(_field(cell, mark) for cell, mark in zip(row, marks, strict=True)))
    lines.append("")
    return "\n".join(lines).encode("utf-8")


def _csv(dataset: Dataset) -> dict[str, bytes]:
    """The section tables, the tables that make every reference a key, and their descriptor."""
    found = datapackage.tables(dataset, text_columns)
    files: dict[str, bytes] = {}
    for table in found:
        rows = [[_cell(value) for value in row] for row in table.rows]
        files[table.path] = _table(table.header, rows, table.text)
    if files:
        files[datapackage.DESCRIPTOR] = datapackage.descriptor(dataset, found, files)
    return files


# -- graph ----------------------------------------------------------------------


def nodes(dataset: Dataset) -> list[dict[str, str]]:
    """The nodes of the graph export, in file order (see `NODE_COLUMNS`).

    Every record is a node except documents and offices (offices are edges).
    ``type`` is the record class in lower case (``leader``, ``meeting`` ...),
    ``kind`` its vocabulary value (a meeting's kind, a project's sector),
    ``date`` the best EDTF value of its date (a treaty: when it was signed).
    """
    found = []
    for record in dataset.records():
        if isinstance(record, _NOT_NODES):
            continue
        dating = record.dating
        found.append(
            {
                "id": record.id,
                "type": type(record).__name__.lower(),
                "label": record.label or record.id,
                "kind": record.category or "",
                "date": dating.edtf if dating else "",
                "date_lower": _cell(dating.lower) if dating else "",
                "date_upper": _cell(dating.upper) if dating else "",
            }
        )
    return found


def _relation(field: str) -> tuple[str, bool]:
    return RELATIONS.get(field, (field, False))


def _ids(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _targets(value: Any) -> Iterator[tuple[str, str]]:
    """(field, id) for every reference of a value, in field order."""
    for step in plan(type(value)):
        if step.kind == "ref":
            target = getattr(value, step.name)
            if target is not None:
                yield step.name, target
        elif step.kind == "refs":
            for target in getattr(value, step.name):
                yield step.name, target


def _record_edges(record: Entity) -> Iterator[tuple[str, str, str, str]]:
    """(source, target, relation, role) for the references of a node record."""
    for step in plan(type(record)):
        value = getattr(record, step.name)
        if step.kind in ("ref", "refs"):
            found = [(target, "") for target in _ids(value)]
        elif step.kind == "nested":
            found = [
                (target, _cell(getattr(item, "role", None)))
                for item in value
                for _, target in _targets(item)
            ]
        else:
            continue
        relation, backwards = _relation(step.name)
        for target, role in found:
            if backwards:
                yield target, record.id, relation, role
            else:
                yield record.id, target, relation, role


def _link_edges(record: Any, anchor: str) -> Iterator[tuple[str, str, str, str]]:
    """Edges for a record that is a link, not a node (an office)."""
    source = getattr(record, anchor)
    role = record.label
    for field, target in _targets(record):
        if field != anchor:
            relation, _ = _relation(field)
            yield source, target, relation, role


def edges(dataset: Dataset) -> list[dict[str, str]]:
    """The edges of the graph export, in file order (see `EDGE_COLUMNS`).

    ``relation`` is named in `RELATIONS`; ``role`` is a participant's
    role (``guest``, ``signatory`` ...) or an office's post; ``record`` is the
    id of the record that states the edge, where its citations are. An edge to
    a record that is not a node (a statement about a document) is left out, as
    is an exact repeat.
    """
    ids = {node["id"] for node in nodes(dataset)}
    found: dict[tuple[str, ...], None] = {}
    for record in dataset.records():
        anchor = _LINKS.get(type(record))
        if anchor is not None:
            made = _link_edges(record, anchor)
        elif isinstance(record, _NOT_NODES):
            continue
        else:
            made = _record_edges(record)
        for source, target, relation, role in made:
            if source in ids and target in ids:
                found[source, target, relation, role, record.id] = None
    return [dict(zip(EDGE_COLUMNS, edge, strict=True)) for edge in found]


_INVALID_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str, *, attribute: bool = False) -> str:
    """Text escaped for XML 1.0; characters XML cannot hold become U+FFFD."""
    text = _INVALID_XML.sub("\ufffd", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def _graphml(node_rows: list[dict[str, str]], edge_rows: list[dict[str, str]]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    node_keys = NODE_COLUMNS[1:]
    edge_keys = EDGE_COLUMNS[2:]
    for owner, keys in (("node", node_keys), ("edge", edge_keys)):
        out.extend(
            f'  <key id="{key}" for="{owner}" attr.name="{key}" attr.type="string"/>'
            for key in keys
        )
    out.append('  <graph id="sinorussia" edgedefault="directed">')
    for node in node_rows:
        out.append(f'    <node id="{_xml(node["id"], attribute=True)}">')
        out.extend(
            f'      <data key="{key}">{_xml(node[key])}</data>' for key in node_keys if node[key]
        )
        out.append("    </node>")
    for index, edge in enumerate(edge_rows):
        source = _xml(edge["source"], attribute=True)
        target = _xml(edge["target"], attribute=True)
        out.append(f'    <edge id="e{index}" source="{source}" target="{target}">')
        out.extend(
            f'      <data key="{key}">{_xml(edge[key])}</data>' for key in edge_keys if edge[key]
        )
        out.append("    </edge>")
    out.extend(["  </graph>", "</graphml>", ""])
    return "\n".join(out).encode("utf-8")


def _graph(dataset: Dataset) -> dict[str, bytes]:
    node_rows = nodes(dataset)
    edge_rows = edges(dataset)
    edge_table = [[e[c] for c in EDGE_COLUMNS] for e in edge_rows]
    node_table = [[n[c] for c in NODE_COLUMNS] for n in node_rows]
    return {
        "edges.csv": _table(EDGE_COLUMNS, edge_table, _GRAPH_TEXT["edges.csv"]),
        "graph.graphml": _graphml(node_rows, edge_rows),
        "nodes.csv": _table(NODE_COLUMNS, node_table, _GRAPH_TEXT["nodes.csv"]),
    }


# -- export ---------------------------------------------------------------------


def _json(dataset: Dataset) -> dict[str, bytes]:
    return {"sinorussia.json": dumps(dataset).encode("utf-8")}


def _ftm(dataset: Dataset) -> dict[str, bytes]:
    from ._ftm import render as ftm

    return ftm(dataset)


def _plover(dataset: Dataset) -> dict[str, bytes]:
    from ._plover import render as plover

    return plover(dataset)


def _sqlite(dataset: Dataset) -> dict[str, bytes]:
    from ._sqlite import render as sqlite

    return sqlite(dataset)


def _jsonld(dataset: Dataset) -> dict[str, bytes]:
    from ._jsonld import render as jsonld

    return jsonld(dataset)


_RENDERERS: Final[dict[str, Callable[[Dataset], dict[str, bytes]]]] = {
    "json": _json,
    "jsonl": _jsonl,
    "csv": _csv,
    "graph": _graph,
    "ftm": _ftm,
    "plover": _plover,
    "sqlite": _sqlite,
    "jsonld": _jsonld,
}

_OWN_FILES: Final[dict[str, frozenset[str]]] = {
    # leaders.csv: the table of leaders that format 1 exported apart.
    "csv": frozenset({*datapackage.FILES, "leaders.csv"}),
}
"""File names a format may write that a later export of it may have to remove."""


def _check(function: str, dataset: object, format: object) -> None:
    if not isinstance(dataset, Dataset):
        message = f"{function}(): dataset must be a sinorussia.Dataset, not {shown(dataset)}"
        raise ArgumentError(message)
    if not isinstance(format, str) or format not in _RENDERERS:
        known = ", ".join(repr(name) for name in FORMATS)
        message = f"unknown export format {shown(format)}; expected one of {known}"
        raise ArgumentError(message)


def _render(dataset: Dataset, format: str, source: str) -> dict[str, bytes]:
    try:
        return _RENDERERS[format](dataset)
    except ValueError:  # UnicodeEncodeError, or a validator refusing the text on the way
        error = _unwritable(dataset, source)
        if error is None:
            raise
        raise error from None


def render(dataset: Dataset, *, format: ExportFormat) -> dict[str, bytes]:
    """The files of an export as bytes, by file name, without writing anything.

    Raises:
        DataError: The dataset holds text UTF-8 cannot encode (see [`export`][sinorussia.export]).
        ArgumentError: ``format`` is not an export format, or ``dataset`` not a Dataset.

    """
    _check("render", dataset, format)
    return _render(dataset, format, "<dataset>")


def export(dataset: Dataset, out: str | os.PathLike[str], *, format: ExportFormat) -> list[Path]:
    """Write ``dataset`` into the folder ``out`` in one of the export formats.

    All or nothing: every file is written to a temporary file first, and
    only then are they renamed over the old ones; if one rename fails the old
    files are put back, so the folder holds the whole new export or the whole
    old one. A file replaced keeps its permission bits.

    Args:
        dataset: The dataset to export.
        out: The folder to write into; it is created if needed. Files of the
            same names are replaced.
        format: ``"json"`` (``sinorussia.json``), ``"jsonl"``
            (``records.jsonl``), ``"csv"`` (one ``<section>.csv`` per non-empty
            section, the tables of its Data Package and ``datapackage.json``),
            ``"graph"`` (``nodes.csv``, ``edges.csv``, ``graph.graphml``),
            ``"ftm"`` (``entities.ftm.json``, ``statements.json``),
            ``"plover"`` (``events.plover.jsonl``,
            ``events.plover.skipped.json``), ``"sqlite"``
            (``sinorussia.sqlite``) or ``"jsonld"`` (``sinorussia.jsonld``).
            See docs/exports.md for the shapes.

    Returns:
        The paths written, sorted.

    Raises:
        ArgumentError: ``format`` is not one of the export formats (also a
            ``ValueError``), or another argument has the wrong type.
        DataError: The dataset holds text UTF-8 cannot encode (a lone
            surrogate, possible only in records built in Python); each problem
            names the record and field. Nothing is written.
        NotAFile: A file to write is a directory, a FIFO, a device or a
            socket; nothing is written.
        OSError: The folder cannot be made or a file cannot be written (the
            error names the file); the folder is left as it was.

    Examples:
        >>> [path.name for path in sr.export(sr.load(), "out", format="graph")]
        ['edges.csv', 'graph.graphml', 'nodes.csv']

    """
    _check("export", dataset, format)
    folder = Path(_path_of(out, "export", "out"))
    files = _render(dataset, format, str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    stale = [folder / name for name in sorted(_OWN_FILES.get(format, frozenset()) - files.keys())]
    try:
        written = write_all({folder / name: data for name, data in files.items()}, remove=stale)
    except NotRegular as exc:
        raise NotAFile(str(exc.filename), exc.kind, str(exc.strerror)) from None
    return sorted(written)
