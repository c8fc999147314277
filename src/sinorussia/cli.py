"""The ``sinorussia`` command line (also ``python -m sinorussia``).

The commands that read data take the bundled dataset, plus any ``--data FILE``
given (merged into it), or only the given files with ``--no-bundled``;
``--on-conflict`` says what happens when two files hold different records of
one id. Each command takes only the options it uses. Output is a table for a
person, or JSON with ``--json`` (JSON Lines for lists); tables show whole
texts when the output is not a terminal, and wrap their last column to the
width of one. Every character the output stream cannot encode, and every
character that could deceive a terminal, is written as a JSON-style escape.

Exit codes, the same with ``--json`` as without: 0 success; 1 invalid data (a
located error is printed), or for ``verify`` a mismatch; 2 wrong usage (one
line, ``sinorussia: error: ...``); 3 no such record (for ``search``: nothing
matches). Error messages go to stderr, never to stdout.
"""

from __future__ import annotations

import argparse
import codecs
import importlib.metadata
import json
import pathlib
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, NamedTuple, NoReturn, TextIO

from ._codec import converter
from ._dataset import SECTIONS, Dataset
from ._dates import When, to_when
from ._errors import Ambiguous, ArgumentError, DataError, NotFound, Problem
from ._export import FORMATS, export
from ._load import load, load_file, load_files
from ._model import (
    Citation,
    Dating,
    Document,
    Entity,
    Happening,
    Leader,
    Meeting,
    Participant,
    Record,
)
from ._plan import plan
from ._query import Collection
from ._schema import json_schema, jsonl_line_schema
from ._timeline import entry_kinds
from ._types import period
from ._verify import CitedClaim, Verification, document_of, verify
from ._vocab import Basis, Confidence

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3

_BASIS_MARK = {Basis.STATED: "", Basis.INFERRED: "*", Basis.EXTERNAL: "+"}
_LEGEND = "* inferred from the article   + from an external source   (unmarked: stated)"
_CONFLICTS: Final = ("error", "replace", "keep")

_SECTIONS: Final[dict[str, tuple[type[Entity], ...]]] = {
    **{section.name: (section.cls,) for section in SECTIONS},
    "leaders": (Leader,),
    "events": (Meeting, Happening),
}
"""What ``list`` can show: every section, the leaders, and the events (meetings and happenings)."""

_NOUNS: Final = {
    **{section.name: section.noun for section in SECTIONS},
    "leaders": "leader",
    "events": "event",
}
"""What one record of each of them is called."""

_EXAMPLES = """examples:
  sinorussia timeline --from 2019 --to 2021
  sinorussia timeline --involving Lavrov --kind talks --json
  sinorussia timeline --at Moscow
  sinorussia list leaders
  sinorussia list meetings --involving xi-jinping --from 2019 --basis inferred
  sinorussia show Lavrov
  sinorussia search lavrov
  sinorussia anniversaries 2021 --every 10
  sinorussia export --format csv --out exported/
  sinorussia schema > sinorussia.schema.json
  sinorussia validate my_additions.json
  sinorussia validate --with-bundled my_additions.json
  sinorussia timeline --data my_additions.json
  sinorussia document my-report.txt --id my-report --title "My report"
  sinorussia verify my-copy-of-the-article.txt --record guilin-talks-2021

exit codes: 0 success, 1 invalid data (verify: a mismatch), 2 wrong usage, 3 no such record
"""


class _UsageError(Exception):
    """Wrong usage found after parsing: printed as argparse prints its own, exit 2."""


# -- option values ----------------------------------------------------------------


class _Date(NamedTuple):
    """A ``--from`` or ``--to`` date: the text given, its value and its span of days."""

    text: str
    when: When
    lo: int
    hi: int


def _date(value: str) -> _Date:
    """An EDTF date or interval (``2019``, ``2019-06``, ``2013/2015``)."""
    try:
        when = to_when(value)
    except (TypeError, ValueError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    lo, hi = period(when, "date")
    return _Date(value, when, lo, hi)


def _whole(value: str, least: int, most: int | None = None) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < least or (most is not None and number > most):
        span = f"of at least {least}" if most is None else f"from {least} to {most}"
        raise argparse.ArgumentTypeError(f"expected a whole number {span}, got {value}")
    return number


def _positive(value: str) -> int:
    """A whole number of at least 1."""
    return _whole(value, 1)


def _year(value: str) -> int:
    """A year from 1 to 9999."""
    return _whole(value, 1, 9999)


# -- output -----------------------------------------------------------------------

# Characters that can deceive a reader at a terminal: C0 controls other than tab and
# line feed (an escape sequence recolours or moves the cursor; a carriage return
# overwrites the line), DEL and the C1 controls, the line and paragraph separators,
# and the bidirectional controls that reorder what is shown. Lone surrogates (a file
# name of bytes that are not UTF-8) no encoding can write: they are escaped too.
_DECEIVING: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)


def _escape(char: str) -> str:
    """A character as a JSON-style escape: harmless on a terminal, valid inside JSON."""
    code = ord(char)
    if code > 0xFFFF:  # a surrogate pair, as JSON writes it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


class _Terminal:
    """The output of every command and message: text that cannot deceive, and never a crash.

    Deceiving characters (see ``_DECEIVING``) are written as JSON-style escapes, and
    so is every character the stream's encoding cannot hold (an ASCII or cp1252
    terminal), instead of a ``UnicodeEncodeError``. The escapes are those of JSON, so
    ``--json`` output stays valid JSON that decodes to the original text.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        encoding = getattr(out, "encoding", None) or "utf-8"
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            name, encoding = "ascii", "ascii"
        self.codec = None if name == "utf-8" else encoding

    @property
    def encoding(self) -> str:
        """What the writer accepts: any text."""
        return "utf-8"

    def write(self, text: str) -> int:
        text = _DECEIVING.sub(lambda match: _escape(match.group()), text)
        if self.codec is not None:
            try:
                text.encode(self.codec)
            except UnicodeEncodeError:
                text = "".join(c if _encodable(c, self.codec) else _escape(c) for c in text)
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        isatty = getattr(self.out, "isatty", None)
        return bool(isatty is not None and isatty())


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _width(out: TextIO) -> int | None:
    """The terminal's width, or ``None`` when ``out`` is not a terminal (nothing is wrapped)."""
    isatty = getattr(out, "isatty", None)
    if isatty is None or not isatty():
        return None
    return shutil.get_terminal_size((100, 24)).columns


def _table(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Columns padded to their widest cell.

    On a terminal, a last column too wide for it is wrapped under itself (a
    hanging indent); elsewhere every cell is written whole.
    """
    lines = [tuple(header), *(tuple(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    indent = sum(widths[:-1]) + 2 * (len(widths) - 1)
    width = _width(out)
    room = None if width is None else max(20, width - indent)
    if room is not None:
        widths[-1] = min(widths[-1], room)
    lines.insert(1, tuple("-" * w for w in widths))
    for line in lines:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(line[:-1])]
        last = line[-1]
        parts = [last]
        if room is not None and len(last) > room:
            parts = textwrap.wrap(last, room, break_long_words=False, break_on_hyphens=False)
        out.write("  ".join([*cells, parts[0] if parts else ""]).rstrip() + "\n")
        for part in parts[1:]:
            out.write(" " * indent + part + "\n")


def _wrap(out: TextIO, text: str, indent: int, hang: int = 0, width: int | None = -1) -> None:
    """Write ``text`` wrapped with a hanging indent; long words are never cut.

    ``width`` -1 (the default): the terminal's width, or 100 columns when the
    output is not a terminal; ``None``: not wrapped at all.
    """
    if width is None:
        out.write(" " * indent + text + "\n")
        return
    if width == -1:
        width = shutil.get_terminal_size((100, 24)).columns
    lines = textwrap.wrap(
        text,
        width=max(width - 1, indent + hang + 20),
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + hang),
        break_long_words=False,
        break_on_hyphens=False,
    )
    for line in lines or [""]:
        out.write(line + "\n")


def _json_lines(out: TextIO, rows: Iterable[object]) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _when(record: Entity) -> str:
    """The record's date as the list shows it: EDTF, marked by the basis of its best claim."""
    dating = record.dating
    if dating is not None:
        return dating.edtf + _BASIS_MARK[dating.basis]
    when = record.when
    return "" if when is None else when.edtf


def _section_of(record: Entity) -> str:
    """The file section a record is written in (a leader: ``people``)."""
    return next(s.name for s in SECTIONS if isinstance(record, s.cls))


def _cite(citation: Citation) -> str:
    if citation.basis is Basis.EXTERNAL:
        note = f" ({citation.note})" if citation.note else ""
        return f"external, {citation.confidence}: {citation.source}{note}"
    where = f"{citation.document} ¶{', '.join(map(str, citation.paragraphs))}"
    if citation.basis is Basis.INFERRED:
        return f"inferred from {where}: {citation.note}"
    return f"stated in {where}"


# -- reading the data -------------------------------------------------------------


def _dataset(args: argparse.Namespace) -> Dataset:
    # Paths, never JSON text: a file whose name starts with "{" is still a file.
    files = [pathlib.PurePath(name) if name.startswith("{") else name for name in args.data or []]
    if args.no_bundled:
        if not files:
            raise _UsageError("--no-bundled needs at least one --data FILE")
        return load_files(files, on_conflict=args.on_conflict)
    if not files:
        return load()
    return load(extra=files, on_conflict=args.on_conflict)


def _window(args: argparse.Namespace) -> tuple[_Date | None, _Date | None]:
    """``--from`` and ``--to``; a usage error when ``--from`` comes after ``--to``."""
    start: _Date | None = args.start
    end: _Date | None = args.end
    if start is not None and end is not None and start.lo > end.hi:
        raise _UsageError(f"--from {start.text} comes after --to {end.text}")
    return start, end


# -- commands ---------------------------------------------------------------------


def _timeline(args: argparse.Namespace, out: TextIO) -> int:
    start, end = _window(args)
    dataset = _dataset(args)
    entries = dataset.timeline(
        kind=args.kind,
        involving=args.involving,
        at=args.at,
        start=None if start is None else start.when,
        end=None if end is None else end.when,
        certain=args.certain,
    )
    if args.json:
        _json_lines(
            out,
            (
                {
                    "date": e.date.edtf,
                    "lower": None if e.date.lower is None else str(e.date.lower),
                    "upper": None if e.date.upper is None else str(e.date.upper),
                    "basis": e.basis.value,
                    "kind": e.kind,
                    "id": e.record.id,
                    "title": e.title,
                }
                for e in entries
            ),
        )
        return EXIT_OK
    rows = [(e.date.edtf + _BASIS_MARK[e.basis], e.kind, e.title) for e in entries]
    _table(out, ("date", "kind", "what"), rows)
    out.write("\n")
    _wrap(out, f"{_plural(len(rows), 'entry', 'entries')}. {_LEGEND}", 0, 0, _width(out))
    return EXIT_OK


def _kinds_of(classes: Iterable[type[Entity]]) -> tuple[str, ...]:
    """The kinds records of these classes can have (their kind field's vocabulary)."""
    found: list[str] = []
    for cls in classes:
        for step in plan(cls):
            if step.name == cls._kind_field:
                found.extend(member.value for member in step.hint)
    return tuple(dict.fromkeys(found))


def _dated(cls: type[Entity]) -> bool:
    # An office has no date field: its span is its tenure (a property of its own).
    return cls._date_field is not None or cls.span is not Entity.span


_APPLIES: Final[dict[str, Callable[[type[Entity]], bool]]] = {
    "--kind": lambda cls: cls._kind_field is not None,
    "--involving": lambda cls: bool(cls._actor_fields),
    "--at": lambda cls: cls._site_field is not None,
    "--from": _dated,
    "--to": _dated,
    "--basis": lambda cls: issubclass(cls, Record),
    "--paragraph": lambda cls: issubclass(cls, Record),
    "--confidence": lambda cls: issubclass(cls, Record),
    "--source": lambda cls: issubclass(cls, Record),
}
"""For each filter of ``list``: whether records of a class can match it at all."""


def _list(args: argparse.Namespace, out: TextIO) -> int:
    section: str = args.section
    classes = _SECTIONS[section]
    given = {
        "--kind": args.kind,
        "--involving": args.involving,
        "--at": args.at,
        "--from": args.start,
        "--to": args.end,
        "--basis": args.basis,
        "--paragraph": args.paragraph,
        "--confidence": args.confidence,
        "--source": args.source,
    }
    for option, value in given.items():
        if value is not None and not any(_APPLIES[option](cls) for cls in classes):
            sections = [name for name, cs in _SECTIONS.items() if any(map(_APPLIES[option], cs))]
            raise _UsageError(
                f"{option} does not apply to {section}; it applies to {', '.join(sections)}"
            )
    if args.kind is not None:
        valid = _kinds_of(classes)
        unknown = [kind for kind in args.kind if kind not in valid]
        if unknown:
            raise _UsageError(
                f"argument --kind: invalid choice for {section}: {unknown[0]!r}"
                f" (choose from {', '.join(valid)})"
            )
    start, end = _window(args)
    dataset = _dataset(args)
    records: Collection[Any] = getattr(dataset, section)
    if args.kind is not None:
        records = records.of_kind(*args.kind)
    if args.involving is not None:
        records = records.involving(*args.involving)
    if args.at is not None:
        records = records.at(args.at)
    if start is not None or end is not None:
        records = records.during(
            (
                None if start is None else _first(start.when),
                None if end is None else _last(end.when),
            ),
            certain=args.certain,
        )
    elif args.certain:
        raise _UsageError("--certain needs --from or --to")
    cited = {
        "basis": args.basis,
        "confidence": args.confidence,
        "source": args.source,
    }
    if args.paragraph is not None or any(value is not None for value in cited.values()):
        records = records.cited_in(
            *(args.paragraph or ()), **{k: v for k, v in cited.items() if v is not None}
        )
    if args.json:
        _json_lines(out, ({"section": _section_of(r), **converter.unstructure(r)} for r in records))
        return EXIT_OK
    _table(
        out,
        ("id", "kind", "date", "name"),
        ((r.id, (r.category or ""), _when(r), r.label) for r in records),
    )
    out.write("\n")
    _wrap(out, f"{_plural(len(records), _NOUNS[section], section)}. {_LEGEND}", 0, 0, _width(out))
    return EXIT_OK


def _first(when: When) -> Any:
    """The first end of a date (itself, for a single date), for a ``(start, end)`` pair."""
    return getattr(when, "start", when)


def _last(when: When) -> Any:
    """The last end of a date (itself, for a single date)."""
    return getattr(when, "end", when)


def _record(dataset: Dataset, wanted: str) -> Record | Document:
    """The record with this id, or else the one whose name or alias this is."""
    try:
        return dataset.get(wanted)
    except NotFound as by_id:
        try:
            return dataset.lookup(wanted)
        except Ambiguous:
            raise
        except NotFound as by_name:
            close = dict.fromkeys((*by_id.suggestions, *by_name.suggestions))
            raise NotFound(wanted, kind="record", suggestions=list(close)[:3]) from None


def _show(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    record = _record(dataset, args.record)
    if args.json:
        out.write(json.dumps(converter.unstructure(record), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    width = _width(out)
    out.write(f"{type(record).__name__} {record.id}\n")
    fields = converter.unstructure(record)
    for name, value in fields.items():
        if name in ("id", "citations"):
            continue
        _wrap(out, f"{name}: {_render(getattr(record, name, value))}", 2, 4, width)
    if isinstance(record, Record):
        out.write("  citations:\n")
        for citation in record.citations:
            _wrap(out, f"- {_cite(citation)}", 4, 2, width)
    return EXIT_OK


def _render(value: object) -> str:
    if isinstance(value, Participant):
        cited = "".join(f" [{_cite(c)}]" for c in value.citations)
        return f"{value.who} ({value.role.value}){cited}"
    if isinstance(value, Dating):
        return "; ".join(f"{c.value.edtf} ({_cite(c.citation)})" for c in value.claims)
    if isinstance(value, tuple):
        return ", ".join(_render(v) for v in value) or "-"
    unstructured = converter.unstructure(value)
    if isinstance(unstructured, dict):
        return json.dumps(unstructured, ensure_ascii=False)
    return str(unstructured)


def _search(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    matches = dataset.search(args.text, limit=args.limit)
    if not matches:
        raise NotFound(args.text, kind="record matches")
    if args.json:
        _json_lines(
            out,
            (
                {
                    "id": m.record.id,
                    "type": type(m.record).__name__,
                    "score": m.score,
                    "name": m.name,
                }
                for m in matches
            ),
        )
        return EXIT_OK
    rows = ((f"{m.score:.2f}", m.record.id, type(m.record).__name__, m.name) for m in matches)
    _table(out, ("score", "id", "type", "matched name"), rows)
    return EXIT_OK


def _anniversaries(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    found = dataset.anniversaries(args.year, every=args.every)
    if args.json:
        _json_lines(
            out,
            (
                {
                    "id": a.record.id,
                    "years": a.years,
                    "date": a.date.edtf,
                    "of": _when(a.record).rstrip("*+"),
                }
                for a in found
            ),
        )
        return EXIT_OK
    rows = ((a.date.edtf, str(a.years), a.record.id, a.record.label) for a in found)
    _table(out, ("on", "years", "id", "of"), rows)
    return EXIT_OK


def _export(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    written = export(dataset, args.out, format=args.format)
    if args.json:
        _json_lines(out, ({"path": str(path)} for path in written))
    else:
        for path in written:
            out.write(f"{path}\n")
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    schema = jsonl_line_schema() if args.jsonl else json_schema()
    out.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _problem(problem: Problem, source: str) -> dict[str, Any]:
    return {
        "file": problem.source or source,
        "path": problem.path,
        "record": problem.record_id,
        "message": problem.message,
    }


def _records_in(path: str) -> int:
    """How many records a valid dataset file holds (its section arrays, leaders included)."""
    raw = json.loads(_read(path))
    return sum(len(value) for value in raw.values() if isinstance(value, list))


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    if args.on_conflict is not None and not args.with_bundled:
        raise _UsageError(
            "--on-conflict needs --with-bundled (a file checked on its own has nothing to"
            " conflict with)"
        )
    err = _Terminal(sys.stderr)
    status = EXIT_OK
    for path in args.files:
        errors: list[dict[str, Any]] = []
        try:
            if args.with_bundled:
                load_files(
                    [pathlib.PurePath(path) if path.startswith("{") else path],
                    bundled=True,
                    on_conflict=args.on_conflict or "error",
                )
                count = _records_in(path)
            else:
                count = len(load_file(path))
        except DataError as exc:
            err.write(f"{exc}\n")
            errors = [_problem(p, exc.source) for p in exc.problems] or [
                {"file": exc.source, "path": "$", "record": None, "message": "invalid data"}
            ]
        except OSError as exc:
            message = str(exc.strerror or exc)
            err.write(f"{path}: {message}\n")
            errors = [{"file": path, "path": "$", "record": None, "message": message}]
        if errors:
            status = EXIT_INVALID
            if args.json:
                _json_lines(out, [{"path": path, "ok": False, "errors": errors}])
        elif args.json:
            _json_lines(out, [{"path": path, "ok": True, "records": count}])
        else:
            bundled = " with the bundled data" if args.with_bundled else ""
            out.write(f"{path}: ok{bundled}, {_plural(count, 'record')}\n")
    return status


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _verify(args: argparse.Namespace, out: TextIO) -> int:
    try:
        text = _read(args.article)
    except OSError as exc:
        raise _UsageError(f"cannot read {args.article}: {exc.strerror or exc}") from None
    dataset = _dataset(args)
    result = verify(text, dataset, document=args.document, records=args.record)
    if args.json:
        _json_lines(out, _verification_rows(result))
    else:
        _print_verification(result, dataset, out)
    return EXIT_OK if result.ok else EXIT_INVALID


_DOCUMENT_OPTIONS: Final = {
    "document_of(id)": "--id",
    "document_of(title)": "--title",
    "document_of(language)": "--language",
    "document_of(url)": "--url",
}


def _document(args: argparse.Namespace, out: TextIO) -> int:
    try:
        data = _read(args.file)
    except OSError as exc:
        raise _UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    try:
        record = document_of(
            data, id=args.id, title=args.title, language=args.language, url=args.url
        )
    except ArgumentError as exc:
        message = str(exc)
        if message.startswith("document_of(text): "):
            _Terminal(sys.stderr).write(f"sinorussia: {args.file}: {message[19:]}\n")
            return EXIT_INVALID
        for function, option in _DOCUMENT_OPTIONS.items():
            message = message.replace(function, f"argument {option}")
        raise _UsageError(message) from None
    out.write(json.dumps(converter.unstructure(record), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _verification_rows(result: Verification) -> Iterable[dict[str, Any]]:
    for entry in result.entries:
        yield {
            "type": "entry",
            "record": entry.record,
            "label": entry.label,
            "field": entry.field,
            "kind": entry.kind,
            "claim": entry.claim,
            "basis": entry.basis.value,
            "note": entry.note,
            "paragraphs": [{"number": p.number, "text": p.text} for p in entry.passages],
        }
    for mismatch in result.mismatches:
        yield {
            "type": "mismatch",
            "record": mismatch.record,
            "field": mismatch.field,
            "paragraph": mismatch.paragraph,
            "message": mismatch.message,
        }
    yield {
        "type": "summary",
        "document": result.document,
        "sha256": result.sha256,
        "expected_sha256": result.expected_sha256,
        "sha256_ok": result.sha256_ok,
        "paragraphs": result.paragraphs,
        "records": len(result.records),
        "entries": len(result.entries),
        "mismatches": len(result.mismatches),
        "ok": result.ok,
    }


def _claim_text(entry: CitedClaim) -> str:
    basis = entry.basis.value if entry.note is None else f"{entry.basis.value}: {entry.note}"
    what = {
        "record": "the record",
        "quote": f"the quote \u201c{entry.claim}\u201d",
        "date": f"the date {entry.claim}",
        "part": entry.claim,
    }[entry.kind]
    return f"{entry.field}: {what} ({basis})"


def _print_verification(result: Verification, dataset: Dataset, out: TextIO) -> None:
    document = result.document
    head = f"{document}: {result.paragraphs} paragraphs; "
    if result.sha256_ok:
        head += f"checksum ok (SHA-256 {result.sha256})"
    else:
        head += (
            f"checksum MISMATCH (the text's SHA-256 is {result.sha256},"
            f" the record gives {result.expected_sha256})"
        )
    _wrap(out, head, 0, 2)
    by_record: dict[str, list[CitedClaim]] = {record_id: [] for record_id in result.records}
    for entry in result.entries:
        by_record[entry.record].append(entry)
    for record_id, entries in by_record.items():
        record = dataset.get(record_id)
        out.write("\n")
        _wrap(out, f"{type(record).__name__} {record_id}: {record.label}", 0, 2)
        if not entries:
            _wrap(out, f"(cites nothing in {document})", 2, 2)
        for entry in entries:
            _wrap(out, _claim_text(entry), 2, 2)
            for passage in entry.passages:
                mark = f"\u00b6{passage.number} "
                if passage.text is None:
                    _wrap(out, f"{mark}(not in the text)", 6, len(mark))
                else:
                    _wrap(out, mark + passage.text, 6, len(mark))
    count = len(result.mismatches)
    if count:
        out.write(f"\n{count} mismatch{'es' if count > 1 else ''}:\n")
        for mismatch in result.mismatches:
            _wrap(out, str(mismatch), 2, 4)
    verdict = "everything checks" if result.ok else f"{count} mismatch{'es' if count > 1 else ''}"
    records, entries_count = len(result.records), len(result.entries)
    out.write("\n")
    _wrap(
        out,
        f"{document}: {_plural(records, 'record')}, {_plural(entries_count, 'citation')};"
        f" {verdict}",
        0,
        2,
    )


# -- the parser -------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, with one-line usage errors and every message through ``_Terminal``."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            stream = _Terminal(file if file is not None else sys.stderr)
            stream.write(message)
            stream.flush()

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"sinorussia: error: {message} (see: {self.prog} --help)\n")


def _version_text() -> str:
    try:
        package = importlib.metadata.version("sinorussia")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        package = "(not installed)"
    return f"sinorussia {package}\nbundled data {load().version}\n"


class _Version(argparse.Action):
    """``--version``: the package's version and the bundled data's, read only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        parser._print_message(_version_text(), sys.stdout)
        parser.exit()


def _data_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--data",
        metavar="FILE",
        action="append",
        help="a dataset file to merge into the bundled data (repeatable); it may refer to"
        " bundled records",
    )
    sub.add_argument(
        "--no-bundled", action="store_true", help="use only the --data files, not the bundled data"
    )
    sub.add_argument(
        "--on-conflict",
        choices=_CONFLICTS,
        default="error",
        help="when two files hold different records of one id: report it (error, the"
        " default), let the later file win (replace) or the first (keep)",
    )


def _json_option(sub: argparse.ArgumentParser, what: str = "JSON Lines, one object a line") -> None:
    sub.add_argument("--json", action="store_true", help=f"print JSON: {what}")


def _date_options(sub: argparse.ArgumentParser, what: str) -> None:
    sub.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="DATE",
        help=f"only {what} that may fall on or after DATE (EDTF: 2019, 2019-06, 2019-06-05)",
    )
    sub.add_argument(
        "--to",
        dest="end",
        type=_date,
        metavar="DATE",
        help=f"only {what} that may fall on or before DATE",
    )


def _who_options(sub: argparse.ArgumentParser, what: str) -> None:
    sub.add_argument(
        "--involving",
        action="append",
        metavar="WHO",
        help=f"only {what} involving WHO: a person, country or organisation, by id or name"
        " (repeatable: all of them)",
    )
    sub.add_argument(
        "--at",
        metavar="PLACE",
        help=f"only {what} at PLACE or inside it (a place or country, by id or name)",
    )


def _kinds_epilog() -> str:
    lines = ["kinds (for --kind), by section:"]
    for name, classes in _SECTIONS.items():
        kinds = _kinds_of(classes)
        if kinds:
            lines.extend(
                textwrap.wrap(
                    f"{name}: {', '.join(kinds)}",
                    width=88,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    return "\n".join(lines)


_Command = Callable[[argparse.Namespace, TextIO], int]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sinorussia",
        description="China-Russia relations as a typed, cited dataset.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        help="print the version of sinorussia and of its bundled data, and exit",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: _Command, help: str, epilog: str | None = None
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help,
            description=help,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run, command_parser=sub)
        return sub

    timeline = command("timeline", _timeline, "every dated event, signing and milestone, in order")
    _date_options(timeline, "entries")
    timeline.add_argument(
        "--certain", action="store_true", help="only entries certainly within --from/--to"
    )
    kinds = entry_kinds()
    timeline.add_argument(
        "--kind",
        action="append",
        choices=kinds,
        metavar="KIND",
        help="only entries of this kind, or whose record has this kind (repeatable: any of"
        f" them): {', '.join(kinds)}",
    )
    _who_options(timeline, "entries")
    _data_options(timeline)
    _json_option(timeline, "JSON Lines, one entry a line with its date's bounds")

    listing = command("list", _list, "the records of one section", _kinds_epilog())
    listing.add_argument(
        "section",
        choices=tuple(_SECTIONS),
        metavar="SECTION",
        help=f"one of: {', '.join(_SECTIONS)}",
    )
    listing.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="only records of this kind (repeatable: any of them); the kinds of each section"
        " are listed below",
    )
    _who_options(listing, "records")
    _date_options(listing, "records")
    listing.add_argument(
        "--certain", action="store_true", help="only records certainly within --from/--to"
    )
    listing.add_argument(
        "--basis",
        choices=tuple(basis.value for basis in Basis),
        help="only records with a citation of this basis",
    )
    listing.add_argument(
        "--paragraph",
        action="append",
        type=_positive,
        metavar="N",
        help="only records citing paragraph N of a document (repeatable: any of them)",
    )
    listing.add_argument(
        "--confidence",
        choices=tuple(confidence.value for confidence in Confidence),
        help="only records with an external citation of this confidence",
    )
    listing.add_argument(
        "--source",
        metavar="TEXT",
        help="only records with an external citation whose address contains TEXT",
    )
    _data_options(listing)
    _json_option(listing, "JSON Lines, one record a line as in a dataset file")

    show = command("show", _show, "one record, every field, and where each value comes from")
    show.add_argument("record", metavar="RECORD", help="the record's id, or a name or alias")
    _data_options(show)
    _json_option(show, "the record as in a dataset file")

    search = command("search", _search, "records whose names best match TEXT (exit 3: none)")
    search.add_argument("text", metavar="TEXT", help="part of a name, an alias, a misspelling")
    search.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)"
    )
    _data_options(search)
    _json_option(search, "JSON Lines, one match a line")

    anniversaries = command("anniversaries", _anniversaries, "round anniversaries falling in YEAR")
    anniversaries.add_argument("year", type=_year, metavar="YEAR", help="a year from 1 to 9999")
    anniversaries.add_argument(
        "--every",
        type=_positive,
        default=5,
        metavar="N",
        help="years between anniversaries (default 5)",
    )
    _data_options(anniversaries)
    _json_option(anniversaries, "JSON Lines, one anniversary a line")

    exporting = command(
        "export", _export, f"write the dataset in one of the formats: {', '.join(FORMATS)}"
    )
    exporting.add_argument(
        "--format",
        required=True,
        choices=FORMATS,
        metavar="FORMAT",
        help=f"what to write: {', '.join(FORMATS)} (see docs/exports.md)",
    )
    exporting.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    _data_options(exporting)
    _json_option(exporting, "JSON Lines, one written file a line")

    schema = command("schema", _schema, "print the JSON Schema of a dataset file")
    schema.add_argument("--jsonl", action="store_true", help="the schema of one JSON Lines line")

    validate = command("validate", _validate, "check dataset files; exit 1 if any is invalid")
    validate.add_argument("files", nargs="+", metavar="FILE", help="a dataset file to check")
    validate.add_argument(
        "--with-bundled",
        action="store_true",
        help="check each FILE merged with the bundled data (it may refer to bundled records),"
        " not on its own",
    )
    validate.add_argument(
        "--on-conflict",
        choices=_CONFLICTS,
        help="with --with-bundled: when FILE holds a different record of a bundled id, report"
        " it (error, the default), let FILE win (replace) or the bundled record (keep)",
    )
    _json_option(validate, "JSON Lines, one object a file: path, ok, and records or errors")

    checking = command(
        "verify",
        _verify,
        "check your copy of a source document against the data; show each claim by its text",
    )
    checking.add_argument("article", metavar="ARTICLE", help="your copy of the document's text")
    checking.add_argument(
        "--document",
        metavar="ID",
        help="the id of the Document record (needed only when the data has several)",
    )
    checking.add_argument(
        "--record", action="append", metavar="ID", help="report on this record only (repeatable)"
    )
    _data_options(checking)
    _json_option(checking, "JSON Lines: each claim, each mismatch, then a summary")

    documenting = command(
        "document",
        _document,
        "print the Document record of a text (its paragraph count and SHA-256) as JSON,"
        " for the documents section of a dataset file",
    )
    documenting.add_argument("file", metavar="FILE", help="the text, in UTF-8")
    documenting.add_argument(
        "--id", required=True, help="the record's id, a slug such as my-report"
    )
    documenting.add_argument("--title", required=True, help="a descriptive title")
    documenting.add_argument(
        "--language", default="en", help="the BCP 47 tag of the text's language (default en)"
    )
    documenting.add_argument("--url", help="where the text was published")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (usage errors exit 2 through SystemExit)."""
    parser = _parser()
    args = parser.parse_args(argv)
    err = _Terminal(sys.stderr)
    try:
        return int(args.run(args, _Terminal(sys.stdout)))
    except (_UsageError, ArgumentError) as exc:
        command: argparse.ArgumentParser = args.command_parser
        command.error(str(exc))
    except DataError as exc:
        err.write(f"{exc}\n")
        return EXIT_INVALID
    except NotFound as exc:
        err.write(f"sinorussia: {exc}\n")
        return EXIT_NOT_FOUND
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # `sinorussia timeline | head`
            return EXIT_OK
        err.write(f"sinorussia: {exc}\n")
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
