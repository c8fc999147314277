"""The command line, `sr.export` and the docs list the same export formats."""

from __future__ import annotations

import argparse
import re
import typing
from pathlib import Path

import pytest

import sinorussia as sr
from sinorussia._export import FORMATS, ExportFormat
from sinorussia.cli import _parser

PAGE = Path(__file__).parent.parent / "docs" / "exports.md"


def _cli_formats() -> tuple[str, ...]:
    parser = _parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    exporting = commands.choices["export"]
    (option,) = (a for a in exporting._actions if "--format" in a.option_strings)
    return tuple(option.choices or ())


def _page_formats() -> tuple[str, ...]:
    """The formats of the table at the top of docs/exports.md, in its order."""
    table = PAGE.read_text(encoding="utf-8").split("| format |", 1)[1].split("\n\n", 1)[0]
    return tuple(re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE))


def test_one_list_of_formats() -> None:
    """The type, the constant, the command line and the page agree, in one order."""
    assert typing.get_args(ExportFormat) == FORMATS
    assert _cli_formats() == FORMATS
    assert _page_formats() == FORMATS


def test_every_format_has_a_section() -> None:
    """Each format has its own section on the page, with a heading naming it."""
    page = PAGE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    for name in FORMATS:
        assert any(f"`{name}`" in heading for heading in headings), name


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    """An unknown name is the library's error, listing every format."""
    with pytest.raises(sr.ArgumentError) as caught:
        sr.export(sr.load(), tmp_path, format="xlsx")  # type: ignore[arg-type]
    assert all(repr(name) in str(caught.value) for name in FORMATS)
    assert list(tmp_path.iterdir()) == []
