"""The ``sinorussia`` command line.

Usage::

    sinorussia timeline            every dated event of the bundled data, in order
    sinorussia timeline --json     the same as JSON Lines
    sinorussia validate FILE...    check dataset files; exit 1 on the first bad one

Exit codes: 0 success, 1 invalid data, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from ._errors import DataError
from ._load import load, load_file
from ._model import Basis

__all__ = ["main"]

_BASIS_MARK = {Basis.STATED: "", Basis.INFERRED: "*", Basis.EXTERNAL: "+"}


def _timeline(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load() if args.data is None else load_file(args.data)
    entries = dataset.timeline()
    if args.json:
        for entry in entries:
            line = {
                "date": entry.date.edtf,
                "basis": entry.basis.value,
                "kind": entry.kind,
                "id": entry.record.id,
                "title": entry.title,
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return 0
    width = max((len(e.date.edtf) + 1 for e in entries), default=10)
    kind_width = max((len(e.kind) for e in entries), default=4)
    for entry in entries:
        when = entry.date.edtf + _BASIS_MARK[entry.basis]
        out.write(f"{when.ljust(width)}  {entry.kind.ljust(kind_width)}  {entry.title}\n")
    out.write("\n* inferred from the article   + from an external source   (unmarked: stated)\n")
    return 0


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    status = 0
    for path in args.files:
        try:
            dataset = load_file(path)
        except DataError as exc:
            sys.stderr.write(f"{exc}\n")
            status = 1
        except OSError as exc:
            sys.stderr.write(f"{path}: {exc.strerror or exc}\n")
            status = 1
        else:
            out.write(f"{path}: ok, {len(dataset)} records\n")
    return status


_EXAMPLES = """examples:
  sinorussia timeline
  sinorussia timeline --json
  sinorussia validate my_additions.json
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sinorussia",
        description="China-Russia relations as a typed, cited dataset.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    timeline = commands.add_parser("timeline", help="every dated event, in order")
    timeline.add_argument(
        "--data", metavar="FILE", help="read this dataset file instead of the bundled data"
    )
    timeline.add_argument("--json", action="store_true", help="print JSON Lines")
    timeline.set_defaults(run=_timeline)
    validate = commands.add_parser("validate", help="check dataset files")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args, sys.stdout))
    except DataError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    except BrokenPipeError:  # e.g. `sinorussia timeline | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
