"""The ``sinorussia`` command line (also ``python -m sinorussia``).

Every command reads the bundled dataset, plus any ``--data FILE`` given
(merged into it), or only the given files with ``--no-bundled``. Output is a
human-readable table, or JSON with ``--json``.

Exit codes: 0 success; 1 invalid data (a located error is printed), or for
``verify`` a mismatch; 2 wrong usage; 3 no such record.
"""

from __future__ import annotations

import argparse
import codecs
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, TextIO

from ._codec import converter
from ._dataset import SECTIONS, Dataset
from ._errors import ArgumentError, DataError, NotFound
from ._export import FORMATS, export
from ._load import load, load_file, load_files
from ._model import Citation, Dating, Entity, Participant, Record
from ._schema import json_schema, jsonl_line_schema
from ._verify import CitedClaim, Verification, verify
from ._vocab import Basis

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3

_BASIS_MARK = {Basis.STATED: "", Basis.INFERRED: "*", Basis.EXTERNAL: "+"}
_LEGEND = "* inferred from the article   + from an external source   (unmarked: stated)"
_KINDS = (*(section.name for section in SECTIONS), "leaders", "events")

_EXAMPLES = """examples:
  sinorussia timeline --from 2019 --to 2021
  sinorussia timeline --involving xi-jinping --kind phone_call --json
  sinorussia list leaders
  sinorussia show treaty-of-good-neighborliness
  sinorussia search lavrov
  sinorussia anniversaries 2021
  sinorussia export --format csv --out exported/
  sinorussia schema > sinorussia.schema.json
  sinorussia validate my_additions.json
  sinorussia timeline --data my_additions.json
  sinorussia verify my-copy-of-the-article.txt --record guilin-talks-2021

exit codes: 0 success, 1 invalid data (verify: a mismatch), 2 wrong usage, 3 no such record
"""


# -- helpers ----------------------------------------------------------------------


def _dataset(args: argparse.Namespace) -> Dataset:
    files: list[str] = args.data or []
    if args.no_bundled:
        if not files:
            raise _UsageError("--no-bundled needs at least one --data FILE")
        return load_files(files)
    return load(extra=files)


class _UsageError(Exception):
    pass


def _table(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Columns padded to their widest cell; the last column is cut to the terminal."""
    rows = [tuple(row) for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    total = shutil.get_terminal_size((120, 24)).columns
    room = max(20, total - sum(widths[:-1]) - 2 * (len(widths) - 1))
    widths[-1] = min(widths[-1], room)
    for row in [tuple(header), tuple("-" * w for w in widths), *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        last = row[-1] if len(row[-1]) <= room else row[-1][: room - 1] + "…"
        out.write("  ".join([*cells, last]).rstrip() + "\n")


def _json_lines(out: TextIO, rows: Iterable[object]) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


# Characters that can deceive a reader at a terminal: C0 controls other than tab and
# line feed (an escape sequence recolours or moves the cursor; a carriage return
# overwrites the line), DEL and the C1 controls, the line and paragraph separators,
# and the bidirectional controls that reorder what is shown.
_DECEIVING: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(char: str) -> str:
    """A character as a JSON-style escape: harmless on a terminal, valid inside JSON."""
    code = ord(char)
    if code > 0xFFFF:  # a surrogate pair, as JSON writes it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


class _Terminal:
    """The output of every command: text that cannot deceive, and never a crash.

    Deceiving characters (see ``_DECEIVING``) are written as JSON-style escapes, and
    so is every character the stream's encoding cannot hold (an ASCII or cp1252
    terminal), instead of a ``UnicodeEncodeError``. The escapes are those of JSON, so
    ``--json`` output stays valid JSON that decodes to the original text.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        encoding = getattr(out, "encoding", None) or "utf-8"
        self.codec = None if codecs.lookup(encoding).name == "utf-8" else encoding

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


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


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


# -- commands ---------------------------------------------------------------------


def _timeline(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    entries = dataset.timeline(start=args.start, end=args.end, certain=args.certain)
    if args.kind:
        entries = [e for e in entries if e.kind in args.kind or e.record.category in args.kind]
    if args.involving:
        wanted = set(dataset.all().involving(*args.involving).ids)
        entries = [e for e in entries if e.record.id in wanted]
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
    out.write(f"\n{len(rows)} entries. {_LEGEND}\n")
    return EXIT_OK


def _list(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    records: Sequence[Any] = getattr(dataset, args.kind)
    if args.json:
        _json_lines(out, ({"section": _section_of(r), **converter.unstructure(r)} for r in records))
        return EXIT_OK
    _table(
        out,
        ("id", "kind", "date", "name"),
        ((r.id, (r.category or ""), _when(r), r.label) for r in records),
    )
    out.write(f"\n{len(records)} {args.kind}. {_LEGEND}\n")
    return EXIT_OK


def _show(args: argparse.Namespace, out: TextIO) -> int:
    dataset = _dataset(args)
    record = dataset.get(args.id)
    if args.json:
        out.write(json.dumps(converter.unstructure(record), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    out.write(f"{type(record).__name__} {record.id}\n")
    fields = converter.unstructure(record)
    for name, value in fields.items():
        if name in ("id", "citations"):
            continue
        out.write(f"  {name}: {_render(getattr(record, name, value))}\n")
    if isinstance(record, Record):
        out.write("  citations:\n")
        for citation in record.citations:
            out.write(f"    - {_cite(citation)}\n")
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
    if not matches:
        out.write(f"nothing matches {args.text!r}\n")
        return EXIT_NOT_FOUND
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


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    status = EXIT_OK
    for path in args.files:
        try:
            dataset = load_file(path)
        except DataError as exc:
            sys.stderr.write(f"{exc}\n")
            status = EXIT_INVALID
        except OSError as exc:
            sys.stderr.write(f"{path}: {exc.strerror or exc}\n")
            status = EXIT_INVALID
        else:
            out.write(f"{path}: ok, {len(dataset)} records\n")
    return status


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


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


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


def _wrap(out: TextIO, text: str, indent: int, hang: int = 0) -> None:
    """Write ``text`` wrapped to the terminal's width; long words are never cut."""
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
        f"{document}: {records} record{'s' if records != 1 else ''},"
        f" {entries_count} citation{'s' if entries_count != 1 else ''}; {verdict}",
        0,
        2,
    )


# -- the parser -------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar="FILE",
        action="append",
        help="a dataset file to merge into the bundled data (repeatable)",
    )
    common.add_argument(
        "--no-bundled", action="store_true", help="use only the --data files, not the bundled data"
    )
    common.add_argument("--json", action="store_true", help="print JSON (JSON Lines for lists)")
    return common


_Command = Callable[[argparse.Namespace, TextIO], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sinorussia",
        description="China-Russia relations as a typed, cited dataset.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [_common()]

    def command(name: str, run: _Command, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=common, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    timeline = command("timeline", _timeline, "every dated event, signing and milestone, in order")
    timeline.add_argument(
        "--from", dest="start", metavar="DATE", help="from this date (EDTF: 2019, 2019-06 ...)"
    )
    timeline.add_argument("--to", dest="end", metavar="DATE", help="up to this date")
    timeline.add_argument(
        "--certain", action="store_true", help="only entries certainly within --from/--to"
    )
    timeline.add_argument(
        "--kind", action="append", metavar="KIND", help="only this kind (repeatable)"
    )
    timeline.add_argument(
        "--involving",
        action="append",
        metavar="WHO",
        help="only entries involving WHO (id or name; repeatable)",
    )

    listing = command("list", _list, "the records of one kind")
    listing.add_argument(
        "kind", choices=_KINDS, metavar="KIND", help=f"one of: {', '.join(_KINDS)}"
    )

    show = command("show", _show, "one record with its citations")
    show.add_argument("id")

    search = command("search", _search, "records whose names best match TEXT")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=10)

    anniversaries = command("anniversaries", _anniversaries, "round anniversaries falling in YEAR")
    anniversaries.add_argument("year", type=int)
    anniversaries.add_argument(
        "--every", type=int, default=5, help="years between anniversaries (default 5)"
    )

    exporting = command("export", _export, "write the dataset as json, jsonl, csv or a graph")
    exporting.add_argument("--format", required=True, choices=FORMATS, help="what to write")
    exporting.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")

    schema = command("schema", _schema, "print the JSON Schema of a dataset file")
    schema.add_argument("--jsonl", action="store_true", help="the schema of one JSON Lines line")

    validate = command("validate", _validate, "check dataset files; exit 1 if any is invalid")
    validate.add_argument("files", nargs="+", metavar="FILE")

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args, _Terminal(sys.stdout)))
    except (_UsageError, ArgumentError) as exc:
        parser.error(str(exc))
    except DataError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_INVALID
    except NotFound as exc:
        sys.stderr.write(f"sinorussia: {exc}\n")
        return EXIT_NOT_FOUND
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # `sinorussia timeline | head`
            return EXIT_OK
        sys.stderr.write(f"sinorussia: {exc}\n")
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
