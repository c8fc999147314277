"""The command line: `sinorussia timeline` and `sinorussia validate`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import sinorussia as sr
from sinorussia.cli import main


class TestTimeline:
    def test_rows_in_date_order(self, ds: sr.Dataset) -> None:
        """Rows are sorted by date, oldest first."""
        keys = [entry.date.best.sort_key for entry in ds.timeline()]
        assert keys == sorted(keys)

    def test_includes_events_signings_and_milestones(self, ds: sr.Dataset) -> None:
        """The timeline holds dated events, treaty signings and project milestones."""
        kinds = {entry.kind for entry in ds.timeline()}
        assert {"ceremony", "treaty signed", "milestone", "aid_delivery"} <= kinds

    def test_undated_records_are_left_out(self, ds: sr.Dataset) -> None:
        """Records without a date are not placed on the timeline."""
        ids = {entry.record.id for entry in ds.timeline()}
        assert "russian-expert-delegation" not in ids

    def test_text_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The text timeline starts in 1945 and marks inferred and external dates."""
        assert main(["timeline"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith("1945*")
        assert any(line.startswith("2015-05-09 ") for line in lines)
        assert any(line.startswith("2001-07-16+") for line in lines)

    def test_json_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints one JSON object per line with the basis of the date."""
        assert main(["timeline", "--json"]) == 0
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        parade = next(row for row in rows if row["id"] == "victory-day-parade-2015")
        assert parade == {
            "date": "2015-05-09",
            "basis": "stated",
            "kind": "ceremony",
            "id": "victory-day-parade-2015",
            "title": parade["title"],
        }

    def test_timeline_of_a_file(
        self, tmp_path: Path, ds: sr.Dataset, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--data reads a user's file instead of the bundled data."""
        path = tmp_path / "copy.json"
        sr.dump(ds, path)
        assert main(["timeline", "--data", str(path)]) == 0
        assert "1945" in capsys.readouterr().out


class TestValidate:
    def test_good_file(
        self, tmp_path: Path, ds: sr.Dataset, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A valid file passes with exit code 0."""
        path = tmp_path / "good.json"
        sr.dump(ds, path)
        assert main(["validate", str(path)]) == 0
        assert f"{path}: ok" in capsys.readouterr().out

    def test_bad_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad file exits 1 and prints the located problem."""
        path = tmp_path / "bad.json"
        path.write_text('{"format": 1, "version": "x", "meetings": 3}', encoding="utf-8")
        assert main(["validate", str(path)]) == 1
        assert f"{path}: $.meetings: expected an array" in capsys.readouterr().err

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file exits 1 with a message, not a traceback."""
        assert main(["validate", str(tmp_path / "none.json")]) == 1
        assert "No such file" in capsys.readouterr().err

    def test_usage_error(self) -> None:
        """No command is a usage error, exit code 2."""
        with pytest.raises(SystemExit) as info:
            main([])
        assert info.value.code == 2


class TestEntryPoints:
    def test_python_dash_m(self) -> None:
        """python -m sinorussia runs the same command line."""
        result = subprocess.run(
            [sys.executable, "-m", "sinorussia", "timeline"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.startswith("1945*")
