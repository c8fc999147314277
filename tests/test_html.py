"""HTML views for notebooks: a dataset's summary and a dating's claims, escaped."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import sinorussia as sr

HOSTILE = "<script>alert('x & y')</script>"


class Cells(HTMLParser):
    """The text of every table row of an HTML fragment, cell by cell, and the tags seen."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.row_attrs: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a row or a cell."""
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
            self.row_attrs.append(dict(attrs))
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        """Close a cell."""
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        """Keep the text, and the cell's."""
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(fragment: str) -> Cells:
    """The fragment, parsed."""
    cells = Cells()
    cells.feed(fragment)
    cells.close()
    return cells


def hostile(raw: dict[str, Any]) -> sr.Dataset:
    """The small test dataset with HTML in its version, a title, a note and a source."""
    raw["version"] = f"v1 {HOSTILE}"
    meeting = raw["meetings"][0]
    meeting["title"] = f"A visit {HOSTILE}"
    meeting["date"][1]["citation"]["source"] = "https://example.org/?a=1&b=<2>"
    meeting["date"].append(
        {
            "value": "2013-03",
            "citation": {
                "basis": "inferred",
                "document": "doc",
                "paragraphs": [2, 3],
                "note": f"the month of the visit {HOSTILE}",
            },
        }
    )
    return sr.loads(json.dumps(raw))


def visit_date(raw: dict[str, Any]) -> sr.Dating:
    """The dating of the hostile dataset's visit."""
    dating = hostile(raw).meetings.get("visit").date
    assert dating is not None
    return dating


class TestDatasetHtml:
    def test_the_summary(self, raw: dict[str, Any]) -> None:
        """The version, the number of records, and each section with its count and description."""
        ds = hostile(raw)
        page = ds._repr_html_()
        parsed = parse(page)
        assert f"version v1 {HOSTILE}: {len(ds)} records" in "".join(parsed.text)
        header, *rows = parsed.rows
        assert header == ["section", "records", "what they are"]
        expected = [
            [
                section.name,
                str(len(getattr(ds, section.name))),
                section.description.replace("`", ""),
            ]
            for section in sr.Dataset.__dict__.values()
            if isinstance(section, sr.Section)
        ]
        assert rows == expected
        assert ["meetings", "1", "Encounters of leaders: visits, talks, calls, summits."] in rows
        assert ["statements", "0", "Things said or claimed, with their figures."] in rows

    def test_escapes_the_data(self, raw: dict[str, Any]) -> None:
        """Text from the data is escaped: no tag of it reaches the page."""
        page = hostile(raw)._repr_html_()
        assert "<script>" not in page
        assert "&lt;script&gt;alert(&#x27;x &amp; y&#x27;)&lt;/script&gt;" in page
        assert "script" not in parse(page).tags

    def test_code_names_in_descriptions(self, ds: sr.Dataset) -> None:
        """A record class named in a description is shown as code."""
        page = ds._repr_html_()
        assert "whoever holds an office is a <code>Leader</code>." in page
        assert "`" not in page

    def test_the_bundled_summary(self, ds: sr.Dataset) -> None:
        """The bundled dataset's summary counts every section as counts() does."""
        _, *rows = parse(ds._repr_html_()).rows
        assert {row[0]: int(row[1]) for row in rows} == ds.counts()


class TestDatingHtml:
    def test_each_claim_with_the_best_marked(self, raw: dict[str, Any]) -> None:
        """One row per claim: value, bounds, basis, citation; the sharpest is marked best."""
        dating = visit_date(raw)
        parsed = parse(dating._repr_html_())
        header, *rows = parsed.rows
        assert header == ["value", "from", "to", "basis", "citation", ""]
        assert rows == [
            ["2013", "2013-01-01", "2013-12-31", "stated", "doc ¶2", ""],
            [
                "2013-03-22",
                "2013-03-22",
                "2013-03-22",
                "external",
                "https://example.org/?a=1&b=<2> (high)",
                "best",
            ],
            [
                "2013-03",
                "2013-03-01",
                "2013-03-31",
                "inferred",
                f"doc ¶2, 3; the month of the visit {HOSTILE}",
                "",
            ],
        ]
        bold = [i for i, attrs in enumerate(parsed.row_attrs) if attrs.get("style")]
        assert bold == [2]  # the header is row 0: the best claim, 2013-03-22
        assert dating.best.edtf == "2013-03-22"

    def test_escapes_the_data(self, raw: dict[str, Any]) -> None:
        """Notes and addresses are escaped."""
        page = visit_date(raw)._repr_html_()
        assert "<script>" not in page
        assert "script" not in parse(page).tags
        assert "https://example.org/?a=1&amp;b=&lt;2&gt;" in page

    def test_the_best_of_equal_claims_is_the_first(self) -> None:
        """Of two equally sharp claims, the first listed is the best, and only it is marked."""
        first = sr.Citation(basis=sr.Basis.STATED, document="doc", paragraphs=(1,))
        second = sr.Citation(basis=sr.Basis.INFERRED, document="doc", paragraphs=(2,), note="n")
        dating = sr.Dating(
            (
                sr.DateClaim(value=sr.parse_edtf("2020-05"), citation=first),
                sr.DateClaim(value=sr.parse_edtf("2020-05"), citation=second),
            )
        )
        _, *rows = parse(dating._repr_html_()).rows
        assert [row[-1] for row in rows] == ["best", ""]
        assert [row[3] for row in rows] == ["stated", "inferred"]

    def test_open_bounds(self) -> None:
        """An open start is shown as unbounded."""
        cite = sr.Citation(
            basis=sr.Basis.EXTERNAL, source="https://example.org", confidence=sr.Confidence.LOW
        )
        _, row = parse(sr.Dating.of("../2013-05", cite)._repr_html_()).rows
        assert row == [
            "../2013-05",
            "unbounded",
            "2013-05-31",
            "external",
            "https://example.org (low)",
            "best",
        ]
