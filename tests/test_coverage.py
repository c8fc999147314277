"""docs/coverage.md, the table of every fact of the article, names real records and fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sinorussia as sr
from sinorussia._plan import plan

PAGE = Path(__file__).parent.parent / "docs" / "coverage.md"
ROW = re.compile(r"^\| (\d+) \| (.+?) \| `([a-z0-9-]+)` \| (.+) \|$")


def rows() -> list[tuple[int, str, str, list[str]]]:
    """The table's rows: (paragraph, fact, record id, fields)."""
    found = []
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            paragraph, fact, record, fields = match.groups()
            found.append((int(paragraph), fact, record, re.findall(r"`(\w+)`", fields)))
    return found


class TestCoverage:
    def test_every_paragraph_has_rows(self, ds: sr.Dataset) -> None:
        """Each of the article's paragraphs has at least one fact in the table."""
        (article,) = ds.documents
        assert {paragraph for paragraph, *_ in rows()} == set(range(1, article.paragraphs + 1))

    def test_every_row_is_well_formed(self) -> None:
        """No table line is left unread: each has a paragraph, a fact, a record and fields."""
        table = [line for line in PAGE.read_text("utf-8").splitlines() if re.match(r"^\| \d", line)]
        assert len(table) == len(rows()) > 60
        assert all(fields for *_, fields in rows())

    def test_records_and_fields_exist(self, ds: sr.Dataset) -> None:
        """Every record named exists, and every field named is one of its class's fields."""
        for paragraph, _, record_id, fields in rows():
            record = ds.get(record_id)
            known = {step.name for step in plan(type(record))}
            assert set(fields) <= known, (paragraph, record_id, set(fields) - known)

    def test_fields_named_hold_a_value(self, ds: sr.Dataset) -> None:
        """A field the table says holds a fact is not empty in the record."""
        for paragraph, _, record_id, fields in rows():
            record = ds.get(record_id)
            for field in fields:
                if field == "count":
                    continue  # null is a fact too: an aggregate of unknown size
                assert getattr(record, field) not in (None, (), ""), (paragraph, record_id, field)

    @pytest.mark.parametrize("paragraph", range(1, 21))
    def test_every_stating_record_is_named(self, ds: sr.Dataset, paragraph: int) -> None:
        """A record that cites a paragraph as stated is named in that paragraph's rows."""
        named = {record for number, _, record, _ in rows() if number == paragraph}
        stating = {
            record.id
            for record in ds.records()
            if isinstance(record, sr.Record)
            and any(
                c.basis is sr.Basis.STATED and paragraph in c.paragraphs for c in record.citations
            )
        }
        assert stating - named == set()
