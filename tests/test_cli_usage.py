"""The command line's usage: one-line errors with exit 2, and only the options a command uses."""

from __future__ import annotations

import argparse
import importlib.metadata
from pathlib import Path

import pytest

import sinorussia as sr
from sinorussia.cli import _parser, main


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must be refused; return its one line of stderr."""
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    captured = capsys.readouterr()
    assert info.value.code == 2, captured
    assert captured.out == ""
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("sinorussia: error: ")
    return lines[0]


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Each command's own parser, by name."""
    parser = _parser()
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options(command: str) -> set[str]:
    """The option strings one command accepts."""
    sub = subcommands()[command]
    return {option for action in sub._actions for option in action.option_strings}


class TestOneLineErrors:
    @pytest.mark.parametrize(
        ("argv", "says"),
        [
            (["timeline", "--from", "2019-13"], "argument --from: invalid EDTF date '2019-13'"),
            (["timeline", "--to", "yesterday"], "argument --to: invalid EDTF date 'yesterday'"),
            (["list", "meetings", "--from", "2021-02-30"], "day 30 is out of range"),
            (["timeline", "--from", "2021", "--to", "2019"], "--from 2021 comes after --to 2019"),
            (["list", "meetings", "--from", "2021", "--to", "2020"], "--from 2021 comes after"),
            (["anniversaries", "2021", "--every", "0"], "--every: expected a whole number of at"),
            (["anniversaries", "2021", "--every", "five"], "expected a whole number, got 'five'"),
            (
                ["anniversaries", "0"],
                "argument YEAR: expected a whole number from 1 to 9999, got 0",
            ),
            (["anniversaries", "10000"], "from 1 to 9999"),
            (["search", "x", "--limit", "-1"], "--limit: expected a whole number of at least 1"),
            (["search", "x", "--limit", "0"], "--limit: expected a whole number of at least 1"),
            (["search", "x", "--limit", "1.5"], "--limit: expected a whole number, got '1.5'"),
            (["timeline", "--on-conflict", "merge"], "argument --on-conflict: invalid choice"),
            (["list", "meetings", "--basis", "rumour"], "argument --basis: invalid choice"),
            (["list", "meetings", "--no-bundled"], "--no-bundled needs at least one --data FILE"),
            (["validate", "x.json", "--on-conflict", "keep"], "--on-conflict needs --with-bundled"),
            (
                ["document", "text.txt", "--title", "T"],
                "the following arguments are required: --id",
            ),
            (["schema", "--data", "x.json"], "unrecognized arguments: --data x.json"),
            ([], "the following arguments are required: COMMAND"),
        ],
        ids=lambda value: " ".join(value) if isinstance(value, list) else None,
    )
    def test_refused_in_one_line(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
    ) -> None:
        """A bad date, number, choice or combination is one line on stderr, exit 2."""
        assert says in usage_error(capsys, *argv)

    def test_the_line_points_to_the_command_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The line ends by naming the help of the command that refused."""
        line = usage_error(capsys, "anniversaries", "2021", "--every", "0")
        assert line.endswith("(see: sinorussia anniversaries --help)")


class TestKinds:
    def test_unknown_timeline_kind_lists_the_kinds(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--kind bogus is a usage error listing the valid kinds, not "0 entries"."""
        line = usage_error(capsys, "timeline", "--kind", "bogus")
        assert "invalid choice: 'bogus'" in line
        for kind in ("phone_call", "treaty signed", "milestone", "energy"):
            assert repr(kind) in line

    def test_unknown_list_kind_lists_the_section_kinds(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A kind of another section is refused, with the kinds of this one."""
        line = usage_error(capsys, "list", "meetings", "--kind", "energy")
        assert "invalid choice for meetings: 'energy'" in line
        assert "phone_call" in line
        assert "aid_delivery" not in line
        events = usage_error(capsys, "list", "events", "--kind", "energy")
        assert "phone_call" in events
        assert "aid_delivery" in events

    def test_kinds_are_in_the_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The help of timeline and of list names the kinds --kind takes."""
        with pytest.raises(SystemExit):
            main(["timeline", "--help"])
        timeline_help = " ".join(capsys.readouterr().out.split())
        assert "phone_call" in timeline_help
        assert "treaty signed" in timeline_help
        with pytest.raises(SystemExit):
            main(["list", "--help"])
        list_help = capsys.readouterr().out
        assert "meetings: state_visit, talks" in list_help
        assert "projects: energy, space" in list_help


class TestFiltersThatDoNotApply:
    @pytest.mark.parametrize(
        ("argv", "option"),
        [
            (["list", "people", "--at", "moscow"], "--at"),
            (["list", "people", "--kind", "talks"], "--kind"),
            (["list", "leaders", "--from", "2019"], "--from"),
            (["list", "countries", "--to", "2019"], "--to"),
            (["list", "countries", "--involving", "china"], "--involving"),
            (["list", "documents", "--basis", "stated"], "--basis"),
        ],
        ids=lambda value: " ".join(value) if isinstance(value, list) else None,
    )
    def test_a_usage_error_not_an_empty_list(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], option: str
    ) -> None:
        """A filter records of the section can never match is refused, naming where it applies."""
        line = usage_error(capsys, *argv)
        assert f"{option} does not apply to {argv[1]}; it applies to " in line
        assert argv[1] not in line.split("it applies to ")[1].split(" (see")[0].split(", ")

    def test_where_each_applies(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The sections named are those whose records have the facet the filter reads."""
        line = usage_error(capsys, "list", "people", "--at", "moscow")
        assert "it applies to countries, places, meetings, happenings, treaties, projects," in line
        dated = usage_error(capsys, "list", "people", "--from", "2019")
        assert "offices" in dated
        assert "documents" in dated


class TestEachCommandItsOwnOptions:
    def test_data_options_only_where_data_is_read(self) -> None:
        """--data, --no-bundled and --on-conflict sit on the commands that read the data."""
        readers = {"timeline", "list", "show", "search", "anniversaries", "export", "verify"}
        for name in subcommands():
            has = {"--data", "--no-bundled", "--on-conflict"} <= options(name)
            assert has == (name in readers), name
        assert "--data" not in options("validate")
        assert {"--with-bundled", "--on-conflict"} <= options("validate")

    def test_json_only_where_it_changes_the_output(self) -> None:
        """schema and document always print JSON: they take no --json."""
        for name in subcommands():
            assert ("--json" in options(name)) == (name not in ("schema", "document")), name

    def test_command_specific_options(self) -> None:
        """Each filter is where it is used, and nowhere else."""
        assert {"--kind", "--involving", "--at", "--from", "--to", "--certain"} <= options(
            "timeline"
        )
        assert {"--kind", "--involving", "--at", "--from", "--to", "--basis", "--certain"} <= (
            options("list")
        )
        assert "--paragraph" not in options("timeline")
        assert options("schema") == {"-h", "--help", "--jsonl"}
        assert options("document") == {"-h", "--help", "--id", "--title", "--language", "--url"}
        assert "--limit" in options("search")
        assert "--limit" not in options("timeline")

    def test_every_option_has_help(self) -> None:
        """No option or argument is left without a line of help."""
        for name, sub in subcommands().items():
            for action in sub._actions:
                assert action.help, (name, action.dest)


class TestVersion:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the package's version and the bundled data's, and exits 0."""
        with pytest.raises(SystemExit) as info:
            main(["--version"])
        assert info.value.code == 0
        out = capsys.readouterr().out
        assert out.splitlines() == [
            f"sinorussia {importlib.metadata.version('sinorussia')}",
            f"bundled data {sr.load().version}",
        ]
        assert importlib.metadata.version("sinorussia") == sr.__version__


class TestHelp:
    def test_examples_show_the_new_commands(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The main help's examples include names, --at, validation with the bundle, document."""
        with pytest.raises(SystemExit):
            main(["--help"])
        out = capsys.readouterr().out
        for example in (
            "sinorussia show Lavrov",
            "sinorussia timeline --at Moscow",
            "sinorussia validate --with-bundled my_additions.json",
            "sinorussia document my-report.txt --id my-report",
        ):
            assert example in out

    def test_missing_file_to_document_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A FILE that cannot be read is wrong usage, as for verify."""
        line = usage_error(
            capsys, "document", str(tmp_path / "none.txt"), "--id", "x", "--title", "X"
        )
        assert "cannot read" in line
