"""What the command line writes: whole or wrapped text, any encoding, JSON with the same codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import sinorussia as sr
from sinorussia.cli import main

PARADE = "victory-day-parade-2015"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class _Screen(io.StringIO):
    """A terminal: a stream that says it is one."""

    def isatty(self) -> bool:
        return True


def on_terminal(monkeypatch: pytest.MonkeyPatch, columns: int, *argv: str) -> tuple[int, str]:
    """Run with stdout a terminal ``columns`` wide; return exit code and what it shows."""
    monkeypatch.setenv("COLUMNS", str(columns))
    screen = _Screen()
    monkeypatch.setattr(sys, "stdout", screen)
    code = main(list(argv))
    return code, screen.getvalue()


def encoded(
    monkeypatch: pytest.MonkeyPatch, encoding: str, *argv: str
) -> tuple[int | str | None, str, str]:
    """Run with stdout and stderr that can write only ``encoding`` (strictly)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code: int | str | None
    try:
        code = main(list(argv))
    except SystemExit as exit:
        code = exit.code
    out.flush()
    err.flush()
    buffers: list[Any] = [out.buffer, err.buffer]
    return code, buffers[0].getvalue().decode(encoding), buffers[1].getvalue().decode(encoding)


class TestWholeTextInAPipe:
    def test_timeline_titles_are_whole(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Not on a terminal, no title is cut: the parade's long title is there in full."""
        _, out, _ = run(capsys, "timeline")
        title = sr.load().get(PARADE).label
        assert len(title) > 150
        assert any(line.endswith(title) for line in out.splitlines())
        assert "…" not in out

    def test_list_and_search_are_whole(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The last column of every table is whole in a pipe."""
        _, out, _ = run(capsys, "list", "meetings")
        assert sr.load().get(PARADE).label in out
        _, found, _ = run(capsys, "search", "guilin")
        assert sr.load().get("guilin-talks-2021").label in found
        assert "…" not in out + found


class TestWrappedOnATerminal:
    def test_last_column_wraps_under_itself(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a terminal, a long title wraps with a hanging indent, within the width."""
        code, shown = on_terminal(monkeypatch, 80, "timeline", "--kind", "ceremony")
        assert code == 0
        lines = shown.splitlines()
        assert all(len(line) <= 80 for line in lines)
        start = lines[0].index("what")
        row = next(i for i, line in enumerate(lines) if line.startswith("2015-05-09"))
        following = []
        for line in lines[row + 1 :]:
            if not line.startswith(" " * start):
                break
            following.append(line[start:])
        assert len(following) >= 2
        title = " ".join([lines[row][start:], *following])
        assert title == sr.load().get(PARADE).label

    def test_show_wraps_fields(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """show wraps each field under its name on a terminal; nothing is lost."""
        code, shown = on_terminal(monkeypatch, 60, "show", PARADE)
        assert code == 0
        lines = shown.splitlines()
        assert all(len(line) <= 60 or " " not in line.strip() for line in lines)
        title_at = next(i for i, line in enumerate(lines) if line.startswith("  title: "))
        assert lines[title_at + 1].startswith("      ")
        assert " ".join(" ".join(lines).split()).count("most honoured place") == 1

    def test_narrow_terminal_keeps_a_readable_column(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """However narrow the terminal, the last column keeps at least 20 characters."""
        _, shown = on_terminal(monkeypatch, 30, "timeline", "--kind", "ceremony")
        row = next(line for line in shown.splitlines() if line.startswith("2015-05-09"))
        assert len(row.split("ceremony", 1)[1].strip()) >= 15


class TestAnyEncoding:
    @pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
    @pytest.mark.parametrize(
        "argv",
        [
            ["show", "xi-jinping"],
            ["show", "Lavrov"],
            ["show", PARADE],
            ["list", "people"],
            ["timeline"],
            ["search", "Лавров"],
            ["show", "wang-yi", "--json"],
        ],
        ids=" ".join,
    )
    def test_never_a_crash(
        self, monkeypatch: pytest.MonkeyPatch, encoding: str, argv: list[str]
    ) -> None:
        """An ASCII or cp1252 stdout gets escapes for what it cannot hold, exit 0."""
        code, out, err = encoded(monkeypatch, encoding, *argv)
        assert (code, err) == (0, "")
        assert out

    def test_escapes_are_those_of_json(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Chinese and Cyrillic become JSON-style escapes; cp1252 keeps the pilcrow it has."""
        _, ascii_out, _ = encoded(monkeypatch, "ascii", "show", "Lavrov")
        assert "\\u041b\\u0430\\u0432\\u0440\\u043e\\u0432" in ascii_out  # Лавров
        assert "stated in article \\u00b617" in ascii_out
        _, western, _ = encoded(monkeypatch, "cp1252", "show", "Lavrov")
        assert "stated in article ¶17" in western
        _, as_json, _ = encoded(monkeypatch, "ascii", "show", "wang-yi", "--json")
        assert json.loads(as_json)["aliases"] == ["王毅", "Ван И"]

    def test_stderr_too(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Error messages are escaped as well: not found (exit 3) and usage (exit 2)."""
        code, out, err = encoded(monkeypatch, "ascii", "show", "拉夫罗夫先生")
        assert (code, out) == (3, "")
        assert "\\u62c9\\u592b\\u7f57\\u592b" in err
        code, _, err = encoded(monkeypatch, "ascii", "timeline", "--kind", "会谈")
        assert code == 2
        assert "\\u4f1a\\u8c08" in err
        assert err.count("\n") == 1

    def test_help_on_ascii(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The help prints on an ASCII stream too."""
        code, out, _ = encoded(monkeypatch, "ascii", "--help")
        assert code == 0
        assert "examples:" in out

    def test_undecodable_file_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A file name that is not UTF-8 (a lone surrogate) is escaped, not a crash."""
        code, _, err = run(capsys, "validate", "bad-\udcff.json")
        assert code == 1
        assert "bad-\\udcff.json" in err


class TestJsonKeepsTheExitCodes:
    @pytest.mark.parametrize(
        ("argv", "code"),
        [
            (["show", "no-such-record"], 3),
            (["search", "zzzzqqq"], 3),
            (["timeline", "--involving", "Nobody Atall"], 3),
            (["list", "meetings", "--at", "Atlantis"], 3),
            (["verify", "article.txt", "--record", "no-such-record"], 3),
        ],
        ids=lambda value: " ".join(value) if isinstance(value, list) else None,
    )
    def test_same_code_and_the_error_on_stderr(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        argv: list[str],
        code: int,
    ) -> None:
        """With --json as without: the same exit code, stdout empty, the message on stderr."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "article.txt").write_text("one\n", encoding="utf-8")
        plain = run(capsys, *argv)
        as_json = run(capsys, *argv, "--json")
        assert plain[0] == as_json[0] == code
        assert plain[1] == as_json[1] == ""
        assert plain[2] == as_json[2]
        assert as_json[2].startswith("sinorussia: no ")

    def test_bad_data_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An invalid --data file exits 1 with --json too; the problem is on stderr."""
        path = tmp_path / "bad.json"
        path.write_text('{"format": 2, "version": "x", "meetings": 3}', encoding="utf-8")
        code, out, err = run(capsys, "list", "meetings", "--data", str(path), "--json")
        assert (code, out) == (1, "")
        assert "$.meetings: expected an array" in err

    @pytest.mark.parametrize(
        "argv",
        [
            ["timeline", "--from", "2021"],
            ["list", "offices"],
            ["search", "Putin"],
            ["anniversaries", "2021"],
        ],
        ids=" ".join,
    )
    def test_json_lines(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        """Every line of a list command's --json output is one JSON object."""
        code, out, err = run(capsys, *argv, "--json")
        assert (code, err) == (0, "")
        rows = [json.loads(line) for line in out.splitlines()]
        assert rows
        assert all(isinstance(row, dict) for row in rows)
