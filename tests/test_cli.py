"""The command line: every command, its options and its exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import sinorussia as sr
from sinorussia.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_lines(text: str) -> list[Any]:
    """The parsed lines of JSON Lines output."""
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    """A user's file adding one meeting that refers to the bundled records."""
    path = tmp_path / "mine.json"
    path.write_text(
        json.dumps(
            {
                "format": 1,
                "version": "mine",
                "meetings": [
                    {
                        "id": "my-call",
                        "citations": [
                            {
                                "basis": "external",
                                "source": "https://example.org",
                                "confidence": "low",
                            }
                        ],
                        "title": "A call I know of",
                        "kind": "phone_call",
                        "participants": [{"who": "wang-yi"}, {"who": "sergei-lavrov"}],
                        "date": [
                            {
                                "value": "2022-01-05",
                                "citation": {
                                    "basis": "external",
                                    "source": "https://example.org",
                                    "confidence": "low",
                                },
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


class TestTimeline:
    def test_text_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The text timeline is a table starting in 1945, with basis marks and a legend."""
        code, out, _ = run(capsys, "timeline")
        lines = out.splitlines()
        assert code == 0
        assert lines[0].split() == ["date", "kind", "what"]
        assert lines[2].startswith("1945*")
        assert any(line.startswith("2015-05-09 ") for line in lines)
        assert any(line.startswith("2001-07-16+") for line in lines)
        assert "inferred from the article" in lines[-1]

    def test_json_lines(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints one object per entry, with the bounds and basis of its date."""
        _, out, _ = run(capsys, "timeline", "--json")
        rows = json_lines(out)
        parade = next(row for row in rows if row["id"] == "victory-day-parade-2015")
        assert parade["date"] == parade["lower"] == parade["upper"] == "2015-05-09"
        assert (parade["basis"], parade["kind"]) == ("stated", "ceremony")
        assert len(rows) == len(sr.load().timeline())

    def test_from_to_certain(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--from/--to keep what may fall in the window; --certain what surely does."""
        _, possible, _ = run(capsys, "timeline", "--from", "2020", "--to", "2020", "--json")
        _, certain, _ = run(
            capsys, "timeline", "--from", "2020", "--to", "2020", "--certain", "--json"
        )
        possible_ids = {row["id"] for row in json_lines(possible)}
        certain_ids = {row["id"] for row in json_lines(certain)}
        assert certain_ids < possible_ids
        assert "phone-calls-2020" in certain_ids
        assert "mutual-visits-2013-2021" in possible_ids - certain_ids

    def test_kind_and_involving(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--kind and --involving (an id or a name) narrow the timeline."""
        _, out, _ = run(capsys, "timeline", "--kind", "talks", "--involving", "Lavrov", "--json")
        assert [row["id"] for row in json_lines(out)] == ["guilin-talks-2021"]

    def test_bad_date_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid --from date is a usage error (exit 2) naming the EDTF problem."""
        with pytest.raises(SystemExit) as info:
            main(["timeline", "--from", "2019-13"])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert "invalid EDTF" in err
        assert "Traceback" not in err


class TestListShowSearch:
    def test_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """list KIND prints one row per record of that kind."""
        code, out, _ = run(capsys, "list", "leaders")
        assert code == 0
        assert [line.split()[0] for line in out.splitlines()[2:8]] == list(sr.load().leaders.ids)

    def test_list_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """list --json prints the records in the dataset's JSON form."""
        _, out, _ = run(capsys, "list", "treaties", "--json")
        rows = json_lines(out)
        assert {row["section"] for row in rows} == {"treaties"}
        assert rows[0]["id"] == "treaty-of-good-neighborliness"
        assert rows[0]["signed"][1]["value"] == "2001-07-16"

    def test_list_unknown_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown kind is a usage error (exit 2)."""
        with pytest.raises(SystemExit) as info:
            main(["list", "kings"])
        assert info.value.code == 2

    def test_show_with_citations(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show prints a record's fields and where each comes from."""
        code, out, _ = run(capsys, "show", "victory-day-parade-2015")
        assert code == 0
        assert "participants: vladimir-putin (host), xi-jinping (guest)" in out
        assert "stated in article ¶1" in out
        assert "external, high: http://en.people.cn/" in out

    def test_show_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show --json prints the record as in the dataset file."""
        _, out, _ = run(capsys, "show", "wang-yi", "--json")
        assert json.loads(out)["aliases"] == ["王毅", "Ван И"]

    def test_show_missing(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown id exits 3 with a suggestion."""
        code, _, err = run(capsys, "show", "wang-yl")
        assert code == 3
        assert "did you mean 'wang-yi'" in err

    def test_search(self, capsys: pytest.CaptureFixture[str]) -> None:
        """search ranks records by name; the best match comes first."""
        code, out, _ = run(capsys, "search", "Lavrov", "--json")
        assert code == 0
        assert json_lines(out)[0]["id"] == "sergei-lavrov"

    def test_search_nothing(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A search with no match says so on stderr and exits 3, with --json too."""
        code, out, err = run(capsys, "search", "zzzzqqq")
        assert (code, out) == (3, "")
        assert err == "sinorussia: no record matches 'zzzzqqq'\n"
        code, out, err = run(capsys, "search", "zzzzqqq", "--json")
        assert (code, out) == (3, "")
        assert "no record matches 'zzzzqqq'" in err

    def test_anniversaries(self, capsys: pytest.CaptureFixture[str]) -> None:
        """anniversaries YEAR lists round anniversaries, keeping precision."""
        _, out, _ = run(capsys, "anniversaries", "2015", "--json")
        assert json_lines(out) == [
            {"id": "victory-1945", "years": 70, "date": "2015", "of": "1945"}
        ]


class TestData:
    def test_merge_user_file(self, capsys: pytest.CaptureFixture[str], extra: Path) -> None:
        """--data merges a user's file into the bundled data."""
        _, out, _ = run(capsys, "timeline", "--data", str(extra), "--from", "2022", "--json")
        assert [row["id"] for row in json_lines(out)] == ["my-call"]

    def test_no_bundled(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: Path
    ) -> None:
        """--no-bundled reads only the given files (here: invalid alone)."""
        code, _, err = run(capsys, "list", "meetings", "--data", str(extra), "--no-bundled")
        assert code == 1
        assert "refers to 'wang-yi', which is not in the dataset" in err

    def test_no_bundled_needs_data(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--no-bundled without --data is a usage error."""
        with pytest.raises(SystemExit) as info:
            main(["list", "meetings", "--no-bundled"])
        assert info.value.code == 2

    def test_bad_data_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A bad --data file exits 1 with the located problem."""
        path = tmp_path / "bad.json"
        path.write_text('{"format": 1, "version": "x", "places": {}}', encoding="utf-8")
        code, _, err = run(capsys, "timeline", "--data", str(path))
        assert code == 1
        assert f"{path}: $.places: expected an array, got an object" in err


class TestValidate:
    def test_good_file(
        self, tmp_path: Path, ds: sr.Dataset, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A valid file passes with exit code 0."""
        path = tmp_path / "good.json"
        sr.dump(ds, path)
        code, out, _ = run(capsys, "validate", str(path))
        assert code == 0
        assert f"{path}: ok, {len(ds)} records" in out

    def test_bad_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad file exits 1 and prints the located problem."""
        path = tmp_path / "bad.json"
        path.write_text('{"format": 1, "version": "x", "meetings": 3}', encoding="utf-8")
        code, _, err = run(capsys, "validate", str(path))
        assert code == 1
        assert f"{path}: $.meetings: expected an array" in err

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing file exits 1 with a message, not a traceback."""
        code, _, err = run(capsys, "validate", str(tmp_path / "none.json"))
        assert code == 1
        assert "No such file" in err

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
        assert result.stdout.splitlines()[2].startswith("1945*")

    def test_help_has_examples(self) -> None:
        """--help lists examples and the exit codes."""
        result = subprocess.run(
            [sys.executable, "-m", "sinorussia", "--help"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "sinorussia timeline --from 2019" in result.stdout
        assert "exit codes" in result.stdout


class TestExportAndSchema:
    def test_export_csv(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export --format csv writes one table per section and lists the files."""
        code, out, _ = run(capsys, "export", "--format", "csv", "--out", str(tmp_path))
        assert code == 0
        written = out.splitlines()
        assert str(tmp_path / "meetings.csv") in written
        assert (tmp_path / "meetings.csv").read_text(encoding="utf-8").startswith("id,")

    def test_export_with_user_data(
        self, tmp_path: Path, extra: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--data is merged before exporting."""
        run(capsys, "export", "--format", "jsonl", "--out", str(tmp_path), "--data", str(extra))
        lines = (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()
        assert any('"id":"my-call"' in line for line in lines)

    def test_export_needs_a_known_format(self, tmp_path: Path) -> None:
        """An unknown format is a usage error and writes nothing."""
        with pytest.raises(SystemExit) as info:
            main(["export", "--format", "xml", "--out", str(tmp_path / "x")])
        assert info.value.code == 2
        assert not (tmp_path / "x").exists()

    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """schema prints the JSON Schema shipped with the package."""
        code, out, _ = run(capsys, "schema")
        assert code == 0
        assert json.loads(out) == sr.json_schema()
        _, line, _ = run(capsys, "schema", "--jsonl")
        assert json.loads(line)["$schema"].endswith("2020-12/schema")


def _person_file(tmp_path: Path, name: str) -> Path:
    """A user's file with one person of the given name."""
    path = tmp_path / "person.json"
    citation = {"basis": "external", "source": "https://example.org", "confidence": "low"}
    person = {"id": "mallory", "citations": [citation], "name": name}
    path.write_text(json.dumps({"format": 2, "version": "x", "people": [person]}), "utf-8")
    return path


class TestHarmlessOutput:
    """Text from a file never reaches the terminal as control characters."""

    @pytest.mark.parametrize(
        "name",
        ["\x1b[2J\x1b[31mEvil", "Eve\rForged", "\u202eevil", "Bell\x07", "C1\x9b31m"],
        ids=["escape sequence", "carriage return", "bidi override", "bell", "C1 CSI"],
    )
    def test_control_characters_are_escaped(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
    ) -> None:
        """A name with terminal controls is listed with visible escapes instead."""
        code, out, _ = run(capsys, "list", "people", "--data", str(_person_file(tmp_path, name)))
        assert code == 0
        line = next(line for line in out.splitlines() if line.startswith("mallory"))
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in line)
        assert "\\u" in line

    def test_json_stays_valid_and_exact(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """With --json the escapes are JSON's own: the line decodes to the original name."""
        name = "\x9b31m\u202eMallory 😀"
        path = _person_file(tmp_path, name)
        code, out, _ = run(capsys, "show", "mallory", "--json", "--data", str(path))
        assert code == 0
        assert "\u202e" not in out
        assert "\x9b" not in out
        assert json.loads(out)["name"] == name

    def test_an_ascii_terminal_gets_escapes_not_a_crash(self) -> None:
        """On an ASCII-only stdout, Chinese and Cyrillic names print as escapes."""
        result = subprocess.run(
            [sys.executable, "-m", "sinorussia", "show", "xi-jinping"],
            capture_output=True,
            env={"PYTHONIOENCODING": "ascii", "PATH": ""},
            check=False,
        )
        assert result.returncode == 0, result.stderr
        text = result.stdout.decode("ascii")
        assert "\\u4e60\\u8fd1\\u5e73" in text  # 习近平
