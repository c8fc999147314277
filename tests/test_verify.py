"""verify: a copy of a source document against the data, and the claims beside their text."""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import sinorussia as sr
from sinorussia._plan import citations
from sinorussia._verify import located, paragraphs
from sinorussia.cli import main

# A made-up report: four paragraphs, one a line, with a blank line inside that
# does not count. Paragraph 2 quotes the mayor in typographic quotes.
TEXT = (
    "The river town of Lindmark held its spring fair on a wet Saturday in April 2023.\n"
    "\u201cThe bridge will be finished before the harvest,\u201d Mayor Ada Brun told the crowd"
    " gathered by the water.\n"
    "\n"
    "Engineers from Osterland came to the fair to sign a contract for the bridge.\n"
    "The contract, the mayor added later, runs for three years.\n"
)
DATA = TEXT.encode("utf-8")
SHA = hashlib.sha256(DATA).hexdigest()
QUOTE = "The bridge will be finished before the harvest"


def _stated(*paragraphs: int) -> dict[str, Any]:
    return {"basis": "stated", "document": "fair-report", "paragraphs": list(paragraphs)}


def _raw(quote: str = QUOTE) -> dict[str, Any]:
    return {
        "format": 2,
        "version": "verify-test",
        "documents": [
            {
                "id": "fair-report",
                "title": "A report of a town fair",
                "language": "en",
                "paragraphs": 4,
                "sha256": SHA,
            }
        ],
        "countries": [{"id": "osterland", "citations": [_stated(3)], "name": "Osterland"}],
        "people": [
            {
                "id": "ada-brun",
                "citations": [_stated(2)],
                "name": "Ada Brun",
                "description": "Mayor",
            }
        ],
        "meetings": [
            {
                "id": "spring-fair",
                "citations": [_stated(1, 3)],
                "title": "The spring fair of Lindmark",
                "kind": "joint_activity",
                "participants": [{"who": "ada-brun", "role": "host", "citations": [_stated(2)]}],
                "date": [{"value": "2023-04", "citation": _stated(1)}],
            }
        ],
        "treaties": [
            {
                "id": "bridge-contract",
                "citations": [_stated(3, 4)],
                "name": "The bridge contract",
                "kind": "agreement",
                "parties": ["osterland"],
                "signed_at": "spring-fair",
            }
        ],
        "statements": [
            {
                "id": "brun-bridge",
                "citations": [_stated(2)],
                "kind": "quotation",
                "speaker": "ada-brun",
                "text": "Ada Brun promises the bridge before the harvest",
                "quote": quote,
            }
        ],
    }


def _dataset(quote: str = QUOTE) -> sr.Dataset:
    return sr.loads(json.dumps(_raw(quote)))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """The made-up report, written as given."""
    path = tmp_path / "report.txt"
    path.write_bytes(DATA)
    return path


def _data_file(tmp_path: Path, quote: str = QUOTE) -> Path:
    path = tmp_path / "fair.json"
    path.write_text(json.dumps(_raw(quote)), encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The made-up dataset as a file."""
    return _data_file(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestParagraphs:
    def test_non_empty_lines(self) -> None:
        """Paragraphs are the non-empty lines, in order; white-space-only lines do not count."""
        assert paragraphs("one\n\n  \ntwo\r\nthree") == ("one", "two", "three")
        assert len(paragraphs(TEXT)) == 4


class TestVerify:
    def test_genuine_text_checks(self, article: Path) -> None:
        """The genuine text checks: checksum, paragraph count, quotation."""
        result = sr.verify(article, _dataset())
        assert result.ok
        assert result.sha256_ok
        assert result.mismatches == ()
        assert (result.document, result.sha256, result.paragraphs) == ("fair-report", SHA, 4)

    def test_bytes_give_the_same_result(self, article: Path) -> None:
        """The text's bytes may be given instead of a path."""
        assert sr.verify(DATA, _dataset()) == sr.verify(article, _dataset())

    def test_altered_quote(self) -> None:
        """One altered quotation gives exactly one mismatch, naming the record and `quote`."""
        result = sr.verify(DATA, _dataset("The bridge will be finished after the harvest"))
        assert not result.ok
        (mismatch,) = result.mismatches
        assert (mismatch.record, mismatch.field, mismatch.paragraph) == ("brun-bridge", "quote", 2)
        assert "¶2" in mismatch.message
        assert "finished after" in mismatch.message

    def test_quote_marks_are_not_part_of_the_quote(self) -> None:
        """The paragraph's typographic quotes are skipped; its other characters are not."""
        around = "The bridge will be finished before the harvest, Mayor"
        assert sr.verify(DATA, _dataset(around)).ok
        assert not sr.verify(DATA, _dataset(QUOTE.lower())).ok

    def test_changed_text(self) -> None:
        """A changed text is a checksum mismatch that gives both digests."""
        changed = DATA.replace(b"three years", b"four years")
        result = sr.verify(changed, _dataset())
        digest = hashlib.sha256(changed).hexdigest()
        assert not result.sha256_ok
        assert not result.ok
        (mismatch,) = result.mismatches
        assert (mismatch.record, mismatch.field, mismatch.paragraph) == (
            "fair-report",
            "sha256",
            None,
        )
        assert digest in mismatch.message
        assert SHA in mismatch.message
        assert (result.sha256, result.expected_sha256) == (digest, SHA)

    def test_paragraph_out_of_range(self) -> None:
        """A cited paragraph the text lacks is a mismatch at that citation, besides the count."""
        short = DATA.rsplit(b"The contract", 1)[0]
        result = sr.verify(short, _dataset())
        fields = [(m.record, m.field, m.paragraph) for m in result.mismatches]
        assert fields == [
            ("fair-report", "sha256", None),
            ("fair-report", "paragraphs", None),
            ("bridge-contract", "citations[0]", 4),
        ]
        (entry,) = [e for e in result.entries if e.record == "bridge-contract"]
        assert entry.passages == (
            sr.Passage(3, paragraphs(TEXT)[2]),
            sr.Passage(4, None),
        )

    def test_not_utf8(self) -> None:
        """A text that is not UTF-8 is a mismatch of its own."""
        result = sr.verify(DATA.replace(b"Lindmark", b"Lindm\xe4rk"), _dataset())
        assert [m.field for m in result.mismatches] == ["sha256", "text"]
        assert "UTF-8" in result.mismatches[1].message

    def test_entries(self) -> None:
        """Each citation comes with its claim, basis and the text of its paragraphs."""
        result = sr.verify(DATA, _dataset())
        found = {(e.record, e.field): e for e in result.entries}
        quote = found["brun-bridge", "citations[0]"]
        assert (quote.kind, quote.claim, quote.basis) == ("quote", QUOTE, sr.Basis.STATED)
        assert quote.passages == (sr.Passage(2, paragraphs(TEXT)[1]),)
        date = found["spring-fair", "date[0].citation"]
        assert (date.kind, date.claim) == ("date", "2023-04")
        part = found["spring-fair", "participants[0].citations[0]"]
        assert (part.kind, part.claim) == ("part", "ada-brun (host)")
        record = found["osterland", "citations[0]"]
        assert (record.kind, record.claim, record.label) == ("record", "Osterland", "Osterland")
        assert result.records == (
            "osterland",
            "ada-brun",
            "spring-fair",
            "bridge-contract",
            "brun-bridge",
        )

    def test_records_limit_the_report(self) -> None:
        """`records` limits the entries and the records' checks; the document's checks stay."""
        altered = _dataset("The bridge will be finished after the harvest")
        result = sr.verify(DATA, altered, records=["ada-brun"])
        assert result.records == ("ada-brun",)
        assert {e.record for e in result.entries} == {"ada-brun"}
        assert result.ok
        assert sr.verify(DATA, altered, records="brun-bridge").mismatches[0].field == "quote"

    def test_records_and_document_by_name(self) -> None:
        """Records and the document may be given by name or as records, like everywhere else."""
        data = _dataset()
        by_id = sr.verify(DATA, data, records=["ada-brun"], document="fair-report")
        by_name = sr.verify(DATA, data, records=["Ada Brun"], document="A report of a town fair")
        as_records = sr.verify(
            DATA, data, records=data.get("ada-brun"), document=data.get("fair-report")
        )
        assert by_id == by_name == as_records
        assert by_name.records == ("ada-brun",)
        with pytest.raises(sr.NotFound, match="no document 'Osterland'"):
            sr.verify(DATA, data, document="Osterland")  # a country, not a document

    def test_unknown_ids(self) -> None:
        """An unknown record or document id is NotFound."""
        with pytest.raises(sr.NotFound, match="no record 'nobody'"):
            sr.verify(DATA, _dataset(), records=["nobody"])
        with pytest.raises(sr.NotFound, match="no document 'fair'"):
            sr.verify(DATA, _dataset(), document="fair")

    def test_several_documents(self) -> None:
        """With several documents, `document` names the one the text is a copy of."""
        both = sr.load().merge(_dataset())
        with pytest.raises(sr.Ambiguous):
            sr.verify(DATA, both)
        result = sr.verify(DATA, both, document="fair-report")
        assert result.ok
        assert "brun-bridge" in result.records
        assert "wang-yi" not in result.records


class TestPaths:
    def test_same_walk_as_the_plan(self, ds: sr.Dataset) -> None:
        """`located` finds the citations of the field plan, in the same order."""
        for record in ds.records():
            assert [c for _, c, _ in located(record)] == list(citations(record))

    def test_paths_name_the_citation(self, ds: sr.Dataset) -> None:
        """Each path leads to its citation."""
        meeting = ds.meetings.get("victory-day-parade-2015")
        paths = {path: citation for path, citation, _ in located(meeting)}
        assert paths["citations[0]"] is meeting.citations[0]
        assert meeting.date is not None
        assert paths["date[1].citation"] is meeting.date.claims[1].citation


class TestBundledData:
    def test_citations_within_the_document(self, ds: sr.Dataset) -> None:
        """Every paragraph the bundled data cites is within its document; quotations cite one."""
        documents = {d.id: d.paragraphs for d in ds.documents}
        for record in ds.records():
            for path, citation, _ in located(record):
                if citation.document is not None:
                    assert max(citation.paragraphs) <= documents[citation.document], path
        for statement in ds.statements.where(kind="quotation"):
            assert any(c.basis is sr.Basis.STATED and c.paragraphs for c in statement.citations), (
                statement.id
            )

    def test_placeholder_text_of_the_right_shape(self, ds: sr.Dataset) -> None:
        """On a stand-in text of the right paragraph count only the checksum and quotes fail."""
        (document,) = ds.documents
        stand_in = b"".join(b"paragraph %d\n" % n for n in range(1, document.paragraphs + 1))
        result = sr.verify(stand_in, ds)
        assert {m.field for m in result.mismatches} == {"sha256", "quote"}
        quotations = {s.id for s in ds.statements.where(kind="quotation")}
        assert {m.record for m in result.mismatches if m.field == "quote"} == quotations


class TestCli:
    def test_genuine_text_exits_0(
        self, capsys: pytest.CaptureFixture[str], article: Path, data: Path
    ) -> None:
        """The genuine text exits 0 and shows each claim above its paragraphs."""
        code, out, _ = run(capsys, "verify", str(article), "--no-bundled", "--data", str(data))
        assert code == 0
        lines = out.splitlines()
        assert lines[0].startswith("fair-report: 4 paragraphs; checksum ok")
        assert "Statement brun-bridge: Ada Brun promises the bridge before the harvest" in lines
        assert f"  citations[0]: the quote \u201c{QUOTE}\u201d (stated)" in lines
        assert "  date[0].citation: the date 2023-04 (stated)" in lines
        assert any(line.startswith("      ¶2 \u201cThe bridge") for line in lines)
        assert lines[-1] == "fair-report: 5 records, 7 citations; everything checks"

    def test_altered_quote_exits_1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """One altered quotation exits 1 and names the record."""
        article = tmp_path / "report.txt"
        article.write_bytes(DATA)
        data = _data_file(tmp_path, "The bridge is finished")
        code, out, _ = run(capsys, "verify", str(article), "--no-bundled", "--data", str(data))
        assert code == 1
        tail = out.split("\n1 mismatch:\n", 1)[1]
        assert tail.startswith("  brun-bridge quote ¶2: the quote")
        assert out.splitlines()[-1].endswith("; 1 mismatch")

    def test_changed_text_shows_both_digests(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
    ) -> None:
        """A changed text exits 1, with both digests in the header."""
        changed = DATA + b"A fifth paragraph.\n"
        article = tmp_path / "changed.txt"
        article.write_bytes(changed)
        code, out, _ = run(capsys, "verify", str(article), "--no-bundled", "--data", str(data))
        assert code == 1
        header = " ".join(out.split("\n\n", 1)[0].split())
        assert "checksum MISMATCH" in header
        assert hashlib.sha256(changed).hexdigest() in header
        assert SHA in header

    def test_record_limits_the_report(
        self, capsys: pytest.CaptureFixture[str], article: Path, data: Path
    ) -> None:
        """--record reports on the records named only."""
        code, out, _ = run(
            capsys,
            "verify",
            str(article),
            "--no-bundled",
            "--data",
            str(data),
            "--record",
            "osterland",
            "--record",
            "ada-brun",
        )
        assert code == 0
        heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
        assert heads[1:-1] == ["Country osterland: Osterland", "Person ada-brun: Ada Brun"]

    def test_json_lines(
        self, capsys: pytest.CaptureFixture[str], article: Path, data: Path, tmp_path: Path
    ) -> None:
        """--json writes one object per entry and mismatch, then a summary, with the same facts."""
        altered = _data_file(tmp_path, "The bridge is finished")
        code, out, _ = run(
            capsys, "verify", str(article), "--no-bundled", "--data", str(altered), "--json"
        )
        assert code == 1
        rows = [json.loads(line) for line in out.splitlines()]
        result = sr.verify(article, sr.load_file(altered))
        entries = [r for r in rows if r["type"] == "entry"]
        assert [(r["record"], r["field"]) for r in entries] == [
            (e.record, e.field) for e in result.entries
        ]
        quote = next(r for r in entries if r["kind"] == "quote")
        assert quote["paragraphs"] == [{"number": 2, "text": paragraphs(TEXT)[1]}]
        mismatches = [r for r in rows if r["type"] == "mismatch"]
        assert [(r["record"], r["field"], r["paragraph"]) for r in mismatches] == [
            ("brun-bridge", "quote", 2)
        ]
        summary = rows[-1]
        assert summary["type"] == "summary"
        assert summary["sha256_ok"] is True
        assert (summary["ok"], summary["mismatches"], summary["entries"]) == (False, 1, 7)

    def test_merged_with_the_bundle(
        self, capsys: pytest.CaptureFixture[str], article: Path, data: Path
    ) -> None:
        """--data merges into the bundle, which has its own document: --document picks one."""
        code, _, err = run(capsys, "verify", str(article), "--data", str(data))
        assert code == 3
        assert "several" in err
        code, out, _ = run(
            capsys, "verify", str(article), "--data", str(data), "--document", "fair-report"
        )
        assert code == 0
        assert out.splitlines()[-1].endswith("everything checks")

    def test_unknown_record_exits_3(
        self, capsys: pytest.CaptureFixture[str], article: Path, data: Path
    ) -> None:
        """An unknown --record or --document exits 3."""
        common = ("verify", str(article), "--no-bundled", "--data", str(data))
        code, _, err = run(capsys, *common, "--record", "ada-bruun")
        assert code == 3
        assert "ada-brun" in err
        code, _, _ = run(capsys, *common, "--document", "nothing")
        assert code == 3

    def test_missing_file_exits_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
    ) -> None:
        """A missing ARTICLE is a usage error, exit 2."""
        with pytest.raises(SystemExit) as info:
            main(["verify", str(tmp_path / "none.txt"), "--no-bundled", "--data", str(data)])
        assert info.value.code == 2
        assert "none.txt" in capsys.readouterr().err

    def test_long_lines_wrap_whole(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        article: Path,
        data: Path,
    ) -> None:
        """Long lines wrap to the terminal's width and lose no word."""
        monkeypatch.setenv("COLUMNS", "40")
        _, out, _ = run(capsys, "verify", str(article), "--no-bundled", "--data", str(data))
        lines = out.splitlines()
        assert all(len(line) < 40 or " " not in line.strip() for line in lines)
        assert "…" not in out
        assert " ".join(paragraphs(TEXT)[1].split()) in " ".join(out.split())

    def test_narrow_encoding_does_not_crash(
        self, monkeypatch: pytest.MonkeyPatch, article: Path, data: Path
    ) -> None:
        """On a stream that cannot encode the text, the characters are escaped."""
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stream)
        code = main(["verify", str(article), "--no-bundled", "--data", str(data)])
        stream.flush()
        assert code == 0
        assert b"\\u201cThe bridge" in raw.getvalue()
        raw.seek(0)
        raw.truncate()
        assert main(["verify", str(article), "--no-bundled", "--data", str(data), "--json"]) == 0
        stream.flush()
        rows = [json.loads(line) for line in raw.getvalue().decode("ascii").splitlines()]
        assert rows[-1]["ok"] is True
