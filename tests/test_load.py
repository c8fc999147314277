"""Reading and writing datasets: loads, load_file, load, dumps, dump."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import textwrap
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import sinorussia as sr


def text(raw: dict[str, Any]) -> str:
    """JSON text of raw values."""
    return json.dumps(raw, ensure_ascii=False)


def error_of(data: str | bytes, source: str = "<string>") -> sr.DataError:
    """The DataError that loading ``data`` raises."""
    with pytest.raises(sr.DataError) as info:
        sr.loads(data, source=source)
    return info.value


def paths(error: sr.DataError) -> list[str]:
    """The paths of an error's problems."""
    return [problem.path for problem in error.problems]


FIXTURES = Path(__file__).parent / "fixtures"


class TestFormat1:
    """Files of format 1 (leaders in a section of their own) still load."""

    def test_the_1_0_0_file_loads(self) -> None:
        """The 1.0.0 bundled file (format 1) loads today's records, less the audit's addition."""
        old = sr.load_file(FIXTURES / "format-1.json")
        assert json.loads((FIXTURES / "format-1.json").read_text("utf-8"))["format"] == 1
        assert old.version == "1.0.0"
        added = {"russia-first-to-send-experts"}
        new = sr.load()
        for name, records in old.sections().items():
            assert [r.id for r in records] == [
                r.id for r in new.sections()[name] if r.id not in added
            ], name

    def test_it_round_trips_through_format_2(self) -> None:
        """A format-1 dataset written as format 2 reads back equal."""
        old = sr.load_file(FIXTURES / "format-1.json")
        assert sr.loads(sr.dumps(old)) == old

    def test_it_is_written_back_as_format_2(self) -> None:
        """Dumping a format-1 file writes format 2: one people section, leaders first."""
        raw = json.loads(sr.dumps(sr.load_file(FIXTURES / "format-1.json")))
        assert raw["format"] == 2
        assert "leaders" not in raw
        old = json.loads((FIXTURES / "format-1.json").read_text("utf-8"))
        assert raw["people"] == [*old["leaders"], *old["people"]]

    def test_leaders_stay_leaders(self) -> None:
        """The people of the leaders section are typed Leader, the others Person."""
        ds = sr.load_file(FIXTURES / "format-1.json")
        old = json.loads((FIXTURES / "format-1.json").read_text("utf-8"))
        assert ds.leaders.ids == tuple(p["id"] for p in old["leaders"])
        assert all(type(p) is sr.Person for p in ds.people if p.id not in ds.leaders.ids)

    def test_problems_keep_their_format_1_paths(self, raw: dict[str, Any]) -> None:
        """A problem in a format-1 file is located in its own sections."""
        raw.update(format=1, leaders=raw.pop("people"))
        raw["leaders"][0]["nationality"] = "atlantis"
        error = error_of(text(raw))
        assert paths(error) == ["$.leaders[0].nationality"]


class TestPeople:
    """Any person may hold an office, from any file: the office makes them a leader."""

    def test_a_file_gives_an_office_to_a_bundled_person(self, tmp_path: Path) -> None:
        """An extra file's office of a bundled person who held none makes them a leader."""
        ds = sr.load()
        person = next(p for p in ds.people if not isinstance(p, sr.Leader))
        office = {
            "id": f"{person.id}-adviser",
            "citations": [
                {"basis": "external", "source": "https://example.org", "confidence": "low"}
            ],
            "person": person.id,
            "post": "Adviser",
            "role": "other",
            "organisation": "china",
            "status": "unknown",
        }
        path = tmp_path / "office.json"
        path.write_text(text({"format": 2, "version": "mine", "offices": [office]}), "utf-8")
        merged = sr.load(extra=[path])
        assert type(merged.people.get(person.id)) is sr.Leader
        assert person.id in merged.leaders.ids
        assert merged.leaders.get(person.id).name == person.name

    def test_dumps_writes_leaders_as_people(self) -> None:
        """A leader is written as a person: the file has no leaders section."""
        raw = json.loads(sr.dumps(sr.load()))
        assert "leaders" not in raw
        assert {p["id"] for p in raw["people"]} >= set(sr.load().leaders.ids)


class TestRoundTrip:
    def test_bundled_file_is_canonical(self) -> None:
        """dumps(load()) reproduces the bundled file byte for byte."""
        bundled = resources.files("sinorussia").joinpath("data", "sinorussia.json").read_bytes()
        assert sr.dumps(sr.load()).encode("utf-8") == bundled

    def test_loads_of_dumps_is_equal(self, ds: sr.Dataset) -> None:
        """A dataset read back from its own JSON equals the original."""
        again = sr.loads(sr.dumps(ds))
        assert again == ds
        assert again is not ds

    def test_types_survive(self, ds: sr.Dataset) -> None:
        """Dates come back as our own date types, enums as enums."""
        again = sr.loads(sr.dumps(ds))
        treaty = again.treaties.get("treaty-of-good-neighborliness")
        assert treaty.signed is not None
        assert isinstance(treaty.signed.best, sr.PartialDate)
        assert isinstance(treaty.kind, sr.TreatyKind)
        assert type(treaty.signed.lower).__module__.startswith("pendulum")

    def test_minimal_dataset_round_trips(self, raw: dict[str, Any]) -> None:
        """A small hand-written dataset loads and writes back the same values."""
        ds = sr.loads(text(raw))
        assert json.loads(sr.dumps(ds)) == raw

    def test_defaults_are_omitted(self, raw: dict[str, Any]) -> None:
        """Fields equal to their default are not written (count 1, empty tuples)."""
        written = json.loads(sr.dumps(sr.loads(text(raw))))
        meeting = written["meetings"][0]
        assert "count" not in meeting
        assert "commemorates" not in meeting
        assert "statements" not in written
        assert "leaders" not in written
        assert written["format"] == sr.FORMAT == 2

    def test_accepts_bytes_and_str(self, raw: dict[str, Any]) -> None:
        """loads takes UTF-8 bytes as well as text."""
        assert sr.loads(text(raw).encode("utf-8")) == sr.loads(text(raw))

    def test_dumps_is_deterministic(self, ds: sr.Dataset) -> None:
        """Two dumps of the same dataset are identical."""
        assert sr.dumps(ds) == sr.dumps(sr.loads(sr.dumps(ds)))


class TestFiles:
    def test_load_file(self, tmp_path: Path, raw: dict[str, Any]) -> None:
        """load_file reads a file in the bundled schema."""
        path = tmp_path / "mine.json"
        path.write_text(text(raw), encoding="utf-8")
        assert sr.load_file(path).meetings.get("visit").title == "A visit"

    def test_load_file_names_the_file(self, tmp_path: Path, raw: dict[str, Any]) -> None:
        """A bad file's error starts with the file's path."""
        raw["meetings"][0]["date"][0]["value"] = "2019-13"
        path = tmp_path / "bad.json"
        path.write_text(text(raw), encoding="utf-8")
        with pytest.raises(sr.DataError) as info:
            sr.load_file(path)
        assert info.value.source == str(path)
        assert str(info.value).startswith(f"{path}: $.meetings[0].date[0].value")

    def test_missing_file_is_an_os_error(self, tmp_path: Path) -> None:
        """A file that does not exist raises FileNotFoundError, not DataError."""
        with pytest.raises(FileNotFoundError):
            sr.load_file(tmp_path / "absent.json")

    def test_dump_writes_canonical_json(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """dump writes what dumps returns, and leaves no temporary file."""
        path = tmp_path / "out.json"
        sr.dump(ds, path)
        assert path.read_text(encoding="utf-8") == sr.dumps(ds)
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_dump_replaces_whole_file(self, tmp_path: Path, raw: dict[str, Any]) -> None:
        """dump over a longer existing file leaves only the new content."""
        path = tmp_path / "out.json"
        path.write_text("x" * 100_000, encoding="utf-8")
        small = sr.loads(text(raw))
        sr.dump(small, path)
        assert sr.load_file(path) == small


class TestBundled:
    def test_load_is_cached(self) -> None:
        """Every call returns the very same object."""
        assert sr.load() is sr.load()


class TestDecodeErrors:
    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ("", "the input is empty"),
            ("   \n", "the input is empty"),
            ("{", "not valid JSON"),
            ('{"format": 1,}', "not valid JSON"),
            ("[]", "the top level must be a JSON object"),
            ('"text"', "the top level must be a JSON object"),
            ("{}", "required field is missing"),
            ('{"format": 3, "version": "x"}', "unsupported format 3"),
            ('{"format": "1", "version": "x"}', "unsupported format '1'"),
            ('{"format": true, "version": "x"}', "unsupported format True"),
            ('{"format": 1, "version": "x", "n": NaN}', "NaN is not valid JSON"),
            ('{"format": 1, "version": "x", "n": -Infinity}', "-Infinity is not valid JSON"),
            ('{"format": 1, "format": 1, "version": "x"}', "appears twice"),
            ("\ufeff{}", "byte-order mark"),
            (b"\xef\xbb\xbf{}", "byte-order mark"),
            (b'{"format": 1, "version": "\xff"}', "not valid UTF-8"),
            ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
            ('{"format": 1, "version": "x", "n": ' + "9" * 5000 + "}", "not valid JSON"),
        ],
    )
    def test_bad_document(self, data: str | bytes, message: str) -> None:
        """Input that is not a dataset document raises DataError, never anything else."""
        error = error_of(data)
        assert message in str(error)
        assert isinstance(error, ValueError)
        assert isinstance(error, sr.Error)

    def test_not_text(self) -> None:
        """Something that is neither str nor bytes is a TypeError (a programming error)."""
        with pytest.raises(TypeError):
            sr.loads(42)  # type: ignore[arg-type]

    def test_unknown_top_level_field(self, raw: dict[str, Any]) -> None:
        """A top-level key the format does not define is reported, not ignored."""
        raw["meeting"] = []
        assert "unknown field: meeting" in str(error_of(text(raw)))


class TestStructureErrors:
    def test_wrong_type_has_json_path(self, raw: dict[str, Any]) -> None:
        """A value of the wrong type is reported at its path, with the record id."""
        raw["meetings"][0]["count"] = "5"
        error = error_of(text(raw))
        assert error.problems == (
            sr.Problem("$.meetings[0].count", "expected an integer, got a string", "visit"),
        )

    @pytest.mark.parametrize(
        ("change", "path", "message"),
        [
            (lambda r: r["meetings"][0].pop("kind"), "$.meetings[0].kind", "required field"),
            (
                lambda r: r["meetings"][0].update(kind="trip"),
                "$.meetings[0].kind",
                "unknown value 'trip'; expected one of 'state_visit'",
            ),
            (
                lambda r: r["meetings"][0].update(extra=1),
                "$.meetings[0]",
                "unknown field: extra",
            ),
            (
                lambda r: r["meetings"][0].update(participants="xi-jinping"),
                "$.meetings[0].participants",
                "expected an array, got a string",
            ),
            (
                lambda r: r["meetings"][0]["participants"][0].update(who=None),
                "$.meetings[0].participants[0].who",
                "expected a string, got null",
            ),
            (
                lambda r: r["meetings"][0]["date"][0].update(value="2019-02-30"),
                "$.meetings[0].date[0].value",
                "day 30 is out of range",
            ),
            (
                lambda r: r["meetings"][0]["date"][0].update(value="2019-06??"),
                "$.meetings[0].date[0].value",
                "invalid EDTF",
            ),
            (
                lambda r: r["meetings"][0].update(date=[]),
                "$.meetings[0].date",
                "at least one claim",
            ),
            (
                lambda r: r["meetings"][0].update(count=True),
                "$.meetings[0].count",
                "expected an integer, got a boolean",
            ),
            (
                lambda r: r["meetings"][0].update(count=0),
                "$.meetings[0].count",
                "count must be at least 1",
            ),
            (
                lambda r: r["meetings"][0].update(id="Visit"),
                "$.meetings[0].id",
                "not a valid id",
            ),
            (
                lambda r: r["meetings"][0].update(citations=[]),
                "$.meetings[0].citations",
                "at least one entry",
            ),
            (
                lambda r: r["meetings"][0]["citations"][0].update(basis="inferred"),
                "$.meetings[0].citations[0]",
                "needs a note",
            ),
            (
                lambda r: r["meetings"][0]["date"][1]["citation"].pop("confidence"),
                "$.meetings[0].date[1].citation",
                "needs a confidence",
            ),
            (
                lambda r: r["meetings"][0]["citations"][0].update(paragraphs=[0]),
                "$.meetings[0].citations[0].paragraphs",
                "start at 1",
            ),
            (
                lambda r: r["documents"][0].update(sha256="abc"),
                "$.documents[0].sha256",
                "not a lowercase hex SHA-256",
            ),
            (
                lambda r: r["countries"][0].update(aliases=["PRC", "PRC"]),
                "$.countries[0].aliases",
                "must not repeat",
            ),
            (
                lambda r: r["offices"][0].update(status="ongoing", end=r["offices"][0]["start"]),
                "$.offices[0]",
                "an office with an end date has ended, not 'ongoing'",
            ),
            (
                lambda r: r["offices"][0].update(
                    status="ended",
                    end=[
                        {
                            "value": "2010",
                            "citation": {"basis": "stated", "document": "doc", "paragraphs": [1]},
                        }
                    ],
                ),
                "$.offices[0].end",
                "ends (2010) before it starts (2013-03)",
            ),
        ],
    )
    def test_located_problem(
        self, raw: dict[str, Any], change: Any, path: str, message: str
    ) -> None:
        """Each kind of bad value is reported at the right JSON path."""
        change(raw)
        error = error_of(text(raw))
        assert any(p.path == path and message in p.message for p in error.problems), error

    def test_all_problems_at_once(self, raw: dict[str, Any]) -> None:
        """Problems in several records are all listed in one error."""
        raw["meetings"][0]["count"] = "x"
        raw["places"][0]["kind"] = "town"
        raw["countries"][1]["name"] = 7
        error = error_of(text(raw))
        assert sorted(paths(error)) == [
            "$.countries[1].name",
            "$.meetings[0].count",
            "$.places[0].kind",
        ]
        assert "3 problems" in str(error)


class TestReading:
    def test_a_fifo_is_refused_at_once(self, tmp_path: Path) -> None:
        """load_file on a FIFO with no writer raises sr.NotAFile at once instead of blocking."""
        fifo = tmp_path / "data.json"
        os.mkfifo(fifo)
        outcome: list[BaseException] = []

        def read() -> None:
            try:
                sr.load_file(fifo)
            except BaseException as exc:
                outcome.append(exc)

        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        thread.join(5)
        if thread.is_alive():  # let the blocked reader go, then fail
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            pytest.fail("load_file blocked on a FIFO")
        [error] = outcome
        assert isinstance(error, sr.NotAFile)
        assert (error.filename, error.kind) == (str(fifo), "FIFO")
        assert str(error) == f"{fifo}: is a FIFO, not a regular file; only regular files are read"

    @pytest.mark.parametrize("kind", ["character device", "directory", "socket"])
    def test_devices_folders_and_sockets_are_refused(self, tmp_path: Path, kind: str) -> None:
        """/dev/null, a folder and a socket are sr.NotAFile (an OSError), for every reader."""
        if kind == "character device":
            path = Path("/dev/null")
        elif kind == "directory":
            path = tmp_path
        else:
            path = tmp_path / "sock"
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(path))
            server.close()
        for read in (sr.load_file, lambda p: sr.load(extra=[p]), lambda p: sr.load_files([p])):
            with pytest.raises(sr.NotAFile) as info:
                read(path)
            assert isinstance(info.value, OSError)
            assert (info.value.filename, info.value.kind) == (str(path), kind)

    def test_dev_zero_is_refused_without_reading(self) -> None:
        """/dev/zero, which never ends, is refused before a byte is read (1 GiB is plenty)."""
        code = textwrap.dedent(
            """
            import resource, sinorussia as sr
            resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
            try:
                sr.load_file("/dev/zero")
            except sr.NotAFile as error:
                print(error.kind)
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
        )
        assert done.stdout == "character device\n", done.stderr[-2000:]

    def test_a_file_over_the_limit(self, tmp_path: Path, raw: dict[str, Any]) -> None:
        """A file larger than max_bytes is a DataError naming it and how to read it anyway."""
        path = tmp_path / "data.json"
        path.write_text(text(raw), encoding="utf-8")
        size = path.stat().st_size
        with pytest.raises(sr.DataError) as info:
            sr.load_file(path, max_bytes=size - 1)
        assert info.value.source == str(path)
        [problem] = info.value.problems
        assert problem.path == "$"
        assert problem.message == (
            f"the file is {size:,} bytes; the limit is {size - 1:,}:"
            f" pass max_bytes={size} to read it"
        )
        assert sr.load_file(path, max_bytes=size).version == raw["version"]

    def test_the_default_limit_is_256_mib(self, tmp_path: Path) -> None:
        """By default a file over 256 MiB is refused from its size, without reading it."""
        path = tmp_path / "huge.json"
        with path.open("wb") as handle:
            handle.truncate(256 * 1024 * 1024 + 1)  # sparse: no byte is written
        with pytest.raises(sr.DataError, match="the limit is 268,435,456: pass max_bytes="):
            sr.load_file(path)

    def test_the_limit_applies_to_every_file(self, tmp_path: Path, raw: dict[str, Any]) -> None:
        """load(extra=...) and load_files take max_bytes too, and name the file over it."""
        small = tmp_path / "small.json"
        small.write_text(text({"format": 2, "version": "x"}), encoding="utf-8")
        big = tmp_path / "big.json"
        big.write_text(text(raw), encoding="utf-8")
        limit = small.stat().st_size
        with pytest.raises(sr.DataError, match="the limit is") as info:
            sr.load(extra=[small, big], max_bytes=limit)
        assert info.value.source == str(big)
        with pytest.raises(sr.DataError, match="the limit is") as info:
            sr.load_files([small, big], max_bytes=limit)
        assert info.value.source == str(big)

    @pytest.mark.parametrize("single", ["mine.json", Path("mine.json")])
    def test_a_single_path_is_not_a_list(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, single: Any
    ) -> None:
        """A single path for a list is an sr.ArgumentError saying to pass a list.

        Not a read of the files "m", "i", "n" ... its characters name.
        """
        monkeypatch.chdir(tmp_path)
        Path("mine.json").write_text(text({"format": 2, "version": "x"}), encoding="utf-8")
        with pytest.raises(sr.ArgumentError, match=r"pass \['mine\.json'\]") as info:
            sr.load(extra=single)
        assert isinstance(info.value, TypeError)
        with pytest.raises(sr.ArgumentError, match="must be a list of paths"):
            sr.load_files(single)

    @pytest.mark.parametrize(
        ("function", "args", "kwargs"),
        [
            (sr.load_file, (None,), {}),
            (sr.load_file, (42,), {}),
            (sr.load_file, (b"data.json",), {}),
            (sr.load_file, ("data.json",), {"max_bytes": -1}),
            (sr.load_file, ("data.json",), {"max_bytes": True}),
            (sr.load_file, ("data.json",), {"max_bytes": "1000"}),
            (sr.load_file, ("data.json",), {"max_bytes": 1.5}),
            (sr.load, (), {"extra": [None]}),
            (sr.load, (), {"extra": 42}),
            (sr.load, (), {"on_conflict": "merge"}),
            (sr.load, (), {"max_bytes": None}),
            (sr.load_files, (["data.json"],), {"bundled": "yes"}),
            (sr.load_files, ([],), {}),
        ],
    )
    def test_arguments_are_checked(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: Any, args: Any, kwargs: Any
    ) -> None:
        """A bad argument to a reader is an sr.ArgumentError, before any file is opened."""
        monkeypatch.chdir(tmp_path)
        with pytest.raises(sr.ArgumentError):
            function(*args, **kwargs)
