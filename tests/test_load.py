"""Reading and writing datasets: loads, load_file, load, dumps, dump."""

from __future__ import annotations

import contextlib
import doctest
import json
import math
import os
import socket
import subprocess
import sys
import textwrap
import threading
import types
from collections.abc import Callable
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


_EXTERNAL = {"basis": "external", "source": "https://example.org/talks", "confidence": "low"}


def talks(record_id: str = "my-talks", **changes: Any) -> dict[str, Any]:
    """A meeting of Wang Yi and Lavrov, who are in the bundled data only."""
    record: dict[str, Any] = {
        "id": record_id,
        "citations": [_EXTERNAL],
        "title": "More talks",
        "kind": "talks",
        "participants": [{"who": "wang-yi"}, {"who": "sergei-lavrov"}],
        "date": [{"value": "2021-03", "citation": _EXTERNAL}],
    }
    record.update(changes)
    return record


def document(*meetings: dict[str, Any], version: str = "mine") -> dict[str, Any]:
    """A dataset document with these meetings."""
    return {"format": 2, "version": version, "meetings": list(meetings)}


def data_error(extra: list[Any], **kwargs: Any) -> sr.DataError:
    """The DataError that ``load(extra=extra)`` raises."""
    with pytest.raises(sr.DataError) as info:
        sr.load(extra=extra, **kwargs)
    return info.value


class TestInMemory:
    """load(extra=...) and load_files take documents in memory as well as files."""

    def test_a_mapping_may_refer_to_bundled_records(self) -> None:
        """A mapping merges with the bundled data, and its meeting of Wang Yi resolves."""
        before = sr.load()
        ds = sr.load(extra=[document(talks())])
        assert ds.meetings.get("my-talks").title == "More talks"
        assert ds.meetings.involving("wang-yi").ids[-1] == "my-talks"
        assert len(ds.meetings) == len(before.meetings) + 1
        assert ds.version == f"{before.version}+mine"
        assert sr.load() is before
        assert "my-talks" not in sr.load()

    @pytest.mark.parametrize(
        "as_input",
        [
            lambda raw: raw,
            lambda raw: json.dumps(raw),
            lambda raw: "\n  \t" + json.dumps(raw, indent=2),
            lambda raw: json.dumps(raw, ensure_ascii=False).encode("utf-8"),
            lambda raw: bytearray(json.dumps(raw).encode("utf-8")),
            lambda raw: types.MappingProxyType(raw),
        ],
        ids=["dict", "text", "indented-text", "bytes", "bytearray", "mapping-proxy"],
    )
    def test_every_form_gives_the_same_dataset(
        self, tmp_path: Path, as_input: Callable[[Any], Any]
    ) -> None:
        """A dict, JSON text (str or bytes) and a read-only mapping read the same as a file."""
        raw = document(talks(title="Переговоры 会谈"))
        path = tmp_path / "mine.json"
        path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
        from_file = sr.load(extra=[path])
        assert from_file.meetings.get("my-talks").title == "Переговоры 会谈"
        assert sr.load(extra=[as_input(raw)]) == from_file
        assert sr.load_files([as_input(raw)], bundled=True) == from_file

    def test_files_and_documents_in_one_list(self, tmp_path: Path) -> None:
        """Inputs merge in list order; a document may refer to a file's record before it."""
        path = tmp_path / "first.json"
        person = {"id": "my-envoy", "citations": [_EXTERNAL], "name": "My Envoy"}
        path.write_text(json.dumps({"format": 2, "version": "file", "people": [person]}), "utf-8")
        second = document(talks("second", participants=[{"who": "my-envoy"}]), version="dict")
        third = json.dumps(document(talks("third"), version="text"))
        ds = sr.load(extra=[path, second, third])
        assert ds.meetings.ids[-2:] == ("second", "third")
        assert ds.meetings.involving("my-envoy").ids == ("second",)
        assert ds.version.endswith("+file+dict+text")

    def test_load_files_without_the_bundle(self, raw: dict[str, Any]) -> None:
        """load_files reads a self-contained document as loads does its text."""
        assert sr.load_files([raw]) == sr.loads(text(raw))
        assert sr.load_files([text(raw)]) == sr.loads(text(raw))

    def test_a_problem_names_the_document_and_path(self) -> None:
        """A bad value is reported as <extra N> (its place in the list), path and record id."""
        bad = talks("bad-talks")
        bad["date"][0]["value"] = "2021-13"
        with pytest.raises(sr.DataError) as info:
            sr.load(extra=[document(talks()), document(bad)])
        error = info.value
        assert error.source == "<extra 2>"
        [problem] = error.problems
        assert (problem.path, problem.record_id) == ("$.meetings[0].date[0].value", "bad-talks")
        assert str(error).startswith("<extra 2>: $.meetings[0].date[0].value (id 'bad-talks')")

    def test_text_problems_name_the_document_too(self) -> None:
        """JSON text that does not decode is located in <extra N>, as a file's would be."""
        error = data_error([json.dumps(document(talks())), '{"format": 2, "version": "x",}'])
        assert error.source == "<extra 2>"
        assert "not valid JSON" in str(error)
        error = data_error(["\ufeff" + json.dumps(document())])
        assert (error.source, "byte-order mark" in str(error)) == ("<extra 1>", True)

    def test_unresolved_references_are_located(self, tmp_path: Path) -> None:
        """A reference the merged whole cannot resolve is reported in its own document."""
        path = tmp_path / "fine.json"
        path.write_text(json.dumps(document(talks("fine"))), "utf-8")
        stray = talks("stray", participants=[{"who": "nobody-at-all"}])
        error = data_error([path, document(stray)])
        [problem] = error.problems
        assert problem.source == "<extra 2>"
        assert problem.path == "$.meetings[0].participants[0].who"
        assert problem.record_id == "stray"
        assert "nobody-at-all" in problem.message

    def test_conflicts_follow_on_conflict(self) -> None:
        """A document changing a bundled record conflicts, or replaces it, or is ignored."""
        bundled = json.loads(sr.dumps(sr.load()))
        changed = dict(bundled["meetings"][0], title="Retitled")
        record_id = changed["id"]
        error = data_error([document(changed)])
        [problem] = error.problems
        assert (problem.source, problem.path, problem.record_id) == (
            "<extra 1>",
            "$.meetings[0]",
            record_id,
        )
        assert "conflicts with the record of the same id" in problem.message
        replaced = sr.load(extra=[document(changed)], on_conflict="replace")
        assert replaced.meetings.get(record_id).title == "Retitled"
        kept = sr.load(extra=[document(changed)], on_conflict="keep")
        assert kept.meetings.get(record_id) == sr.load().meetings.get(record_id)
        assert sr.load().meetings.get(record_id).title != "Retitled"

    def test_nothing_is_half_loaded(self) -> None:
        """A failing document leaves the shared dataset as it was, and returns nothing."""
        before = sr.load()
        sections = before.sections()
        bad = talks("bad-talks", kind="trip")
        data_error([document(talks()), document(bad)])
        assert sr.load() is before
        assert before.sections() == sections
        assert "my-talks" not in before

    def test_the_mapping_is_not_changed(self) -> None:
        """The document passed in is only read."""
        raw = document(talks())
        copy = json.loads(json.dumps(raw))
        sr.load(extra=[raw])
        assert raw == copy

    def test_max_bytes_is_for_files(self) -> None:
        """A document in memory is already read: the file size limit does not apply."""
        assert "my-talks" in sr.load(extra=[json.dumps(document(talks()))], max_bytes=0)


def _cycle() -> dict[str, Any]:
    raw = document(talks())
    raw["meetings"][0]["participants"].append(raw["meetings"][0])
    return raw


def _deep() -> dict[str, Any]:
    raw = document(talks())
    chain: list[Any] = []
    raw["meetings"][0]["title"] = chain
    for _ in range(100_000):
        chain.append([])
        chain = chain[0]
    return raw


def _changed(change: Callable[[dict[Any, Any]], object]) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        raw = document(talks())
        change(raw["meetings"][0])
        return raw

    return build


class TestStrictMappings:
    """A mapping is held to the rules of JSON text: what JSON cannot hold is a located problem."""

    @pytest.mark.parametrize(
        ("build", "path", "message"),
        [
            (
                _changed(lambda m: m.update(participants={"wang-yi"})),
                "$.meetings[0].participants",
                "a set is not a JSON value; use a list",
            ),
            (
                _changed(lambda m: m.update(count=math.nan)),
                "$.meetings[0].count",
                "NaN is not valid JSON; use a finite number",
            ),
            (
                _changed(lambda m: m.update(count=math.inf)),
                "$.meetings[0].count",
                "Infinity is not valid JSON",
            ),
            (
                _changed(lambda m: m.update(count=-math.inf)),
                "$.meetings[0].count",
                "-Infinity is not valid JSON",
            ),
            (
                _changed(lambda m: m["date"][0].update({1: "x"})),
                "$.meetings[0].date[0]",
                "the key 1 is not a string",
            ),
            (
                _changed(lambda m: m.update({("a", "b"): 1})),
                "$.meetings[0]",
                "the key ('a', 'b') is not a string",
            ),
            (
                _changed(lambda m: m.update({None: 1})),
                "$.meetings[0]",
                "the key None is not a string",
            ),
            (
                _changed(lambda m: m.update(title=b"More talks")),
                "$.meetings[0].title",
                "a bytes is not a JSON value",
            ),
            (
                _changed(lambda m: m["date"][0].update(value=object())),
                "$.meetings[0].date[0].value",
                "an object is not a JSON value",
            ),
            (
                _changed(lambda m: m.update({"odd key": {1.5}})),
                '$.meetings[0]["odd key"]',
                "a set is not a JSON value",
            ),
            (
                _changed(lambda m: m.update(count=10**5000)),
                "$.meetings[0].count",
                "digits JSON text takes",
            ),
            (_cycle, "$.meetings[0].participants[2]", "contains itself"),
            (_deep, "$.meetings[0].title" + "[0]" * 13, "nested more than 200 levels deep"),
        ],
        ids=[
            "set",
            "nan",
            "infinity",
            "minus-infinity",
            "int-key",
            "tuple-key",
            "none-key",
            "bytes",
            "object",
            "quoted-path",
            "huge-int",
            "cycle",
            "deep",
        ],
    )
    def test_a_non_json_value_is_located(
        self, build: Callable[[], dict[str, Any]], path: str, message: str
    ) -> None:
        """Each value JSON cannot hold is a DataError at its path, never a TypeError."""
        error = data_error([document(talks("first")), build()])
        assert not isinstance(error, TypeError)
        assert error.source == "<extra 2>"
        assert [p.path for p in error.problems] == [path]
        [problem] = error.problems
        assert message in problem.message
        assert problem.record_id == "my-talks"

    def test_every_such_value_is_listed(self) -> None:
        """Several values JSON cannot hold are listed together, in document order."""
        raw = document(talks(count=math.nan, title={"x"}), talks("other", kind=set()))
        error = data_error([raw])
        assert [(p.path, p.record_id) for p in error.problems] == [
            ("$.meetings[0].title", "my-talks"),
            ("$.meetings[0].count", "my-talks"),
            ("$.meetings[1].kind", "other"),
        ]

    def test_a_shared_value_is_no_cycle(self) -> None:
        """The same citation object in two places is fine: JSON text would repeat it."""
        cite = dict(_EXTERNAL)
        raw = document(talks(citations=[cite], date=[{"value": "2021", "citation": cite}]))
        assert sr.load(extra=[raw]).meetings.get("my-talks").citations[0].source == cite["source"]

    @pytest.mark.parametrize(
        "change",
        [
            lambda m: m.update(count="5"),
            lambda m: m.update(count=True),
            lambda m: m.update(count=1.5),
            lambda m: m.update(extra=1),
            lambda m: m.update(kind="trip"),
            lambda m: m.update(title="lone \ud800 surrogate"),
            lambda m: m["date"][0].update(value="2021-02-30"),
            lambda m: m.update(participants=[{"who": "wang-yi"}, {"who": "wang-yi"}]),
            lambda m: m.pop("citations"),
        ],
    )
    def test_as_strict_as_text(self, change: Callable[[dict[str, Any]], object]) -> None:
        """A mapping and its JSON text give the very same problems (or dataset)."""
        raw = document(talks())
        change(raw["meetings"][0])
        outcomes: list[object] = []
        for given in (raw, json.dumps(raw)):
            try:
                outcomes.append(sr.load(extra=[given]))
            except sr.DataError as exc:
                outcomes.append(exc.problems)
        assert outcomes[0] == outcomes[1]

    def test_format_and_top_level_checks(self) -> None:
        """The top-level rules of a file apply to a mapping: format required and known."""
        error = data_error([{"version": "x"}])
        assert (error.source, error.problems[0].path) == ("<extra 1>", "$.format")
        error = data_error([{"format": 3, "version": "x"}])
        assert "unsupported format 3" in str(error)


class TestInputArguments:
    """What is neither a path nor a document is an ArgumentError, before anything is read."""

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (42, "extra must be a list of paths or documents, not 42"),
            ({"format": 2, "version": "x"}, "not the single mapping; pass it in a list"),
            ('{"format": 2}', "not the single JSON text '{\"format\": 2}'; pass it in a list"),
            (b'{"format": 2}', "not the single JSON text b'{\"format\": 2}'"),
            ([42], r"extra\[0\] must be a path \(a str or os.PathLike\), JSON text or a mapping"),
            (["mine.json", None], r"extra\[1\] must be a path"),
            ([["mine.json"]], r"extra\[0\] must be a path"),
        ],
    )
    def test_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: Any, message: str
    ) -> None:
        """A single document, or an item of no known kind, is refused with what to pass."""
        monkeypatch.chdir(tmp_path)
        Path("mine.json").write_text("not even JSON", encoding="utf-8")
        with pytest.raises(sr.ArgumentError, match=message):
            sr.load(extra=extra)
        with pytest.raises(sr.ArgumentError, match=message.replace("extra", "paths")):
            sr.load_files(extra, bundled=True)

    def test_text_is_told_from_a_path_by_its_first_character(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Only a str starting with { (after whitespace) is JSON text; any other str is a path."""
        monkeypatch.chdir(tmp_path)
        Path("[mine].json").write_text(json.dumps(document(talks())), encoding="utf-8")
        assert "my-talks" in sr.load(extra=["[mine].json"])
        with pytest.raises(FileNotFoundError):
            sr.load(extra=["format: 2"])

    def test_docstring_example(self) -> None:
        """The example of load's docstring, which merges a mapping, gives what it shows."""
        assert sr.load.__doc__ is not None
        parser = doctest.DocTestParser()
        test = parser.get_doctest(sr.load.__doc__, {}, "load", None, 0)
        assert len(test.examples) >= 4
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        assert runner.run(test, out=lambda _: None).failed == 0
