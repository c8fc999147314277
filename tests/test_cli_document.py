"""The Document record of a text: ``sr.document_of`` and ``sinorussia document``.

The record printed must be the one ``verify`` checks the same text against, and
a dataset file holding it must load.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

import sinorussia as sr
from sinorussia.cli import main

TEXT = (
    "The harbour of Westby reopened on Monday after a year of repairs.\n"
    "\n"
    "\u201cShips will dock here again by June,\u201d said the harbour master, Ilse Marr.\n"
    "   \n"
    "The works cost 12 million crowns.\n"
)
"""A made-up three-paragraph report (the blank and white-space lines do not count)."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """The report, as a UTF-8 file."""
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def dataset_file(path: Path, document: dict[str, Any]) -> Path:
    """A self-contained dataset using ``document``: a place and a quotation citing it."""
    stated = {"basis": "stated", "document": document["id"], "paragraphs": [2]}
    path.write_text(
        json.dumps(
            {
                "format": 2,
                "version": "test",
                "documents": [document],
                "countries": [{"id": "osterland", "citations": [stated], "name": "Osterland"}],
                "people": [
                    {
                        "id": "ilse-marr",
                        "citations": [stated],
                        "name": "Ilse Marr",
                        "nationality": "osterland",
                    }
                ],
                "statements": [
                    {
                        "id": "marr-june",
                        "citations": [stated],
                        "kind": "quotation",
                        "speaker": "ilse-marr",
                        "text": "The harbour master expects ships by June",
                        "quote": "Ships will dock here again by June,",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


class TestDocumentOf:
    def test_counts_and_hashes_as_verify_does(self) -> None:
        """Paragraphs are the non-empty lines; the SHA-256 is of the UTF-8 bytes."""
        record = sr.document_of(TEXT, id="westby-report", title="A report from Westby")
        assert isinstance(record, sr.Document)
        assert (record.id, record.title, record.language, record.url) == (
            "westby-report",
            "A report from Westby",
            "en",
            None,
        )
        assert record.paragraphs == 3
        assert record.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()

    def test_text_and_bytes_agree(self) -> None:
        """The text and its UTF-8 bytes give the same record."""
        as_text = sr.document_of(TEXT, id="r", title="R", language="de", url="https://x.org/r")
        as_bytes = sr.document_of(
            TEXT.encode("utf-8"), id="r", title="R", language="de", url="https://x.org/r"
        )
        assert as_text == as_bytes
        assert (as_text.language, as_text.url) == ("de", "https://x.org/r")

    def test_bytes_are_hashed_as_given(self) -> None:
        """Line ends are kept: CRLF bytes hash as themselves and still verify."""
        data = TEXT.replace("\n", "\r\n").encode("utf-8")
        record = sr.document_of(data, id="crlf", title="CRLF")
        assert record.sha256 == hashlib.sha256(data).hexdigest()
        assert record.paragraphs == 3
        result = sr.verify(data, sr.Dataset(documents=[record]))
        assert result.ok, result.mismatches

    @pytest.mark.parametrize(
        ("text", "says"),
        [
            (b"caf\xe9\n", "not UTF-8: byte 3"),
            ("", "no paragraph"),
            (" \n\t\n", "no paragraph"),
            ("lone \ud800\n", "U+D800"),
            (42, "expected a string or bytes, got int"),
        ],
        ids=["latin-1", "empty", "blank", "surrogate", "number"],
    )
    def test_bad_text(self, text: Any, says: str) -> None:
        """A text that is not UTF-8, or has no paragraph, is refused."""
        with pytest.raises(sr.ArgumentError, match=r"document_of\(text\)") as info:
            sr.document_of(text, id="x", title="X")
        assert says in str(info.value)

    @pytest.mark.parametrize(
        ("fields", "where"),
        [
            ({"id": "Not An Id"}, "document_of(id)"),
            ({"title": "   "}, "document_of(title)"),
            ({"language": "English"}, "document_of(language)"),
            ({"url": ""}, "document_of(url)"),
        ],
        ids=["id", "title", "language", "url"],
    )
    def test_bad_fields(self, fields: dict[str, Any], where: str) -> None:
        """A field a Document cannot hold is an ArgumentError naming it."""
        arguments: dict[str, Any] = {"id": "x", "title": "X", **fields}
        with pytest.raises(sr.ArgumentError) as info:
            sr.document_of(TEXT, **arguments)
        assert str(info.value).startswith(where)


class TestDocumentCommand:
    def test_prints_the_record(self, capsys: pytest.CaptureFixture[str], report: Path) -> None:
        """The command prints the record as JSON, in the order of a dataset file."""
        code, out, err = run(
            capsys, "document", str(report), "--id", "westby-report", "--title", "Westby report"
        )
        assert (code, err) == (0, "")
        printed = json.loads(out)
        assert list(printed) == ["id", "title", "language", "paragraphs", "sha256"]
        assert printed == {
            "id": "westby-report",
            "title": "Westby report",
            "language": "en",
            "paragraphs": 3,
            "sha256": hashlib.sha256(report.read_bytes()).hexdigest(),
        }
        _, with_url, _ = run(
            capsys,
            *("document", str(report), "--id", "w", "--title", "W"),
            *("--language", "de", "--url", "https://example.org/w"),
        )
        assert json.loads(with_url)["url"] == "https://example.org/w"
        assert json.loads(with_url)["language"] == "de"

    def test_round_trip(
        self, capsys: pytest.CaptureFixture[str], report: Path, tmp_path: Path
    ) -> None:
        """A dataset file using the printed record loads, and verify agrees with the text."""
        _, out, _ = run(capsys, "document", str(report), "--id", "westby", "--title", "Westby")
        data = dataset_file(tmp_path / "westby.json", json.loads(out))
        assert sr.load_file(data).documents.get("westby").paragraphs == 3
        code, shown, _ = run(capsys, "validate", str(data))
        assert code == 0, shown
        code, checked, _ = run(capsys, "verify", str(report), "--no-bundled", "--data", str(data))
        assert code == 0, checked
        assert "checksum ok" in checked
        assert checked.rstrip().endswith("everything checks")
        code, merged, _ = run(
            capsys, "verify", str(report), "--data", str(data), "--document", "westby", "--json"
        )
        assert code == 0
        assert json.loads(merged.splitlines()[-1])["ok"] is True

    def test_another_text_does_not_verify(
        self, capsys: pytest.CaptureFixture[str], report: Path, tmp_path: Path
    ) -> None:
        """The record is of that text only: a changed copy fails the checksum."""
        _, out, _ = run(capsys, "document", str(report), "--id", "westby", "--title", "Westby")
        data = dataset_file(tmp_path / "westby.json", json.loads(out))
        changed = tmp_path / "changed.txt"
        changed.write_text(TEXT.replace("12 million", "13 million"), encoding="utf-8")
        code, _, _ = run(capsys, "verify", str(changed), "--no-bundled", "--data", str(data))
        assert code == 1
        text_only = sr.verify(changed, sr.load_file(data))
        assert [m.field for m in text_only.mismatches] == ["sha256"]

    @pytest.mark.parametrize(
        ("content", "says"),
        [(b"caf\xe9\n", "the text is not UTF-8: byte 3"), (b"\n\n", "the text has no paragraph")],
        ids=["latin-1", "empty"],
    )
    def test_bad_text_exits_1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, says: str
    ) -> None:
        """A file that is not a UTF-8 text with a paragraph is invalid input: exit 1."""
        path = tmp_path / "bad.txt"
        path.write_bytes(content)
        code, out, err = run(capsys, "document", str(path), "--id", "x", "--title", "X")
        assert (code, out) == (1, "")
        assert err.startswith(f"sinorussia: {path}: {says}")

    def test_bad_id_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], report: Path
    ) -> None:
        """A bad --id is wrong usage, named as the option."""
        with pytest.raises(SystemExit) as info:
            main(["document", str(report), "--id", "Westby Report", "--title", "W"])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("sinorussia: error: argument --id: 'Westby Report' is not a valid id")
        assert err.count("\n") == 1
