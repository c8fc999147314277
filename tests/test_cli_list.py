"""``sinorussia list``'s provenance and certainty filters agree with the Python queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sinorussia as sr
from sinorussia.cli import main


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, ...]:
    """The ids a ``list ... --json`` command prints (it must succeed)."""
    assert main(["list", *argv, "--json"]) == 0
    return tuple(json.loads(line)["id"] for line in capsys.readouterr().out.splitlines())


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one-line usage error of a ``list`` command that must fail with exit 2."""
    with pytest.raises(SystemExit) as info:
        main(["list", *argv])
    assert info.value.code == 2
    return capsys.readouterr().err


class TestProvenanceFilters:
    def test_paragraphs(self, ds: sr.Dataset, capsys: pytest.CaptureFixture[str]) -> None:
        """--paragraph N (repeatable) is cited_in(N, ...)."""
        assert listed(capsys, "statements", "--paragraph", "12") == ds.statements.cited_in(12).ids
        both = listed(capsys, "statements", "--paragraph", "12", "--paragraph", "13")
        assert both == ds.statements.cited_in(12, 13).ids
        assert len(both) == 2

    def test_confidence_and_source(
        self, ds: sr.Dataset, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--confidence and --source filter external citations, as in Python."""
        medium = listed(capsys, "meetings", "--confidence", "medium")
        assert (
            medium
            == ds.meetings.cited_in(confidence="medium").ids
            == ("xi-state-visit-russia-2013",)
        )
        wikidata = listed(capsys, "people", "--source", "wikidata.org")
        assert wikidata == ("xi-jinping", "vladimir-putin")
        combined = listed(capsys, "people", "--basis", "external", "--source", "wikidata.org")
        assert combined == wikidata

    def test_mistakes_are_usage_errors(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An address no citation has, a bad number or a stated source: exit 2."""
        assert "no citation's address contains 'nowhere'" in refused(
            capsys, "meetings", "--source", "nowhere"
        )
        assert "--paragraph" in refused(capsys, "meetings", "--paragraph", "0")
        assert "belong to external citations" in refused(
            capsys, "people", "--basis", "stated", "--source", "wikidata.org"
        )
        assert "does not apply to documents" in refused(capsys, "documents", "--paragraph", "1")


class TestCertain:
    def test_certain_narrows_the_window(
        self, ds: sr.Dataset, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--certain keeps what certainly falls between --from and --to."""
        possible = listed(capsys, "meetings", "--from", "2020", "--to", "2020")
        certain = listed(capsys, "meetings", "--from", "2020", "--to", "2020", "--certain")
        assert possible == ds.meetings.during(2020).ids
        assert certain == ds.meetings.during(2020, certain=True).ids
        assert set(certain) < set(possible)

    def test_certain_needs_a_window(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--certain alone is a usage error, not a quiet no-op."""
        assert "--certain needs --from or --to" in refused(capsys, "meetings", "--certain")


class TestFileNames:
    def test_a_file_named_like_json_is_a_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--data and validate read a file whose name starts with "{" as a file, not as JSON."""
        record = {
            "id": "my-place",
            "citations": [
                {"basis": "external", "source": "https://example.org", "confidence": "low"}
            ],
            "name": "My Place",
            "kind": "city",
        }
        named = tmp_path / "{odd}.json"
        named.write_text(json.dumps({"format": 2, "version": "x", "places": [record]}), "utf-8")
        monkeypatch.chdir(tmp_path)
        assert listed(capsys, "places", "--data", "{odd}.json")[-1] == "my-place"
        assert main(["validate", "--with-bundled", "{odd}.json"]) == 0
        assert "{odd}.json: ok" in capsys.readouterr().out
