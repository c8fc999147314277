"""Exporting a dataset: JSON, JSON Lines, CSV tables and a graph, byte for byte stable."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import subprocess
import sys
import typing
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia import _export
from sinorussia._dataset import SECTIONS
from sinorussia._export import (
    EDGE_COLUMNS,
    FORMATS,
    NODE_COLUMNS,
    RELATIONS,
    ExportFormat,
    edges,
    export,
    jsonl_lines,
    neutral,
    nodes,
    render,
    text_columns,
)
from sinorussia._fields import ref_targets
from sinorussia._flat import SEPARATOR, columns
from sinorussia._io import write_all

SECTION_CLASSES = [(section.name, section.cls) for section in SECTIONS]

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
SRC = Path(sr.__file__).parent.parent


PACKAGE = [
    "datapackage.json",
    "entities.csv",
    "citations.csv",
    "date_claims.csv",
    "participants.csv",
    "milestones.csv",
    "figures.csv",
    "organisations_members.csv",
    "happenings_about.csv",
    "treaties_parties.csv",
    "projects_parties.csv",
    "projects_agreements.csv",
    "statements_about.csv",
]
"""The files of the csv export's Data Package beside the section tables (bundled data)."""


def names(ds: sr.Dataset, format: ExportFormat) -> list[str]:
    """The file names an export of ``ds`` in ``format`` should write."""
    return {
        "json": ["sinorussia.json"],
        "jsonl": ["records.jsonl"],
        "csv": sorted(
            [*(f"{name}.csv" for name, records in ds.sections().items() if records), *PACKAGE]
        ),
        "graph": ["edges.csv", "graph.graphml", "nodes.csv"],
        "ftm": ["entities.ftm.json", "statements.json"],
        "plover": ["events.plover.jsonl", "events.plover.skipped.json"],
        "sqlite": ["sinorussia.sqlite"],
        "jsonld": ["sinorussia.jsonld"],
    }[format]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def files(folder: Path) -> dict[str, bytes]:
    """Every file in a folder, by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, ds: sr.Dataset) -> dict[str, Path]:
    """The bundled dataset exported in every format, one folder each."""
    folders: dict[str, Path] = {}
    for format in FORMATS:
        folder = tmp_path_factory.mktemp(format)
        export(ds, folder, format=format)
        folders[format] = folder
    return folders


def small(**changes: Any) -> sr.Dataset:
    """The bundled dataset with some records replaced (by id) through attrs.evolve."""
    ds = sr.load()
    sections = {
        name: tuple(
            attrs.evolve(record, **changes[record.id]) if record.id in changes else record
            for record in records
        )
        for name, records in ds.sections().items()
    }
    return sr.Dataset(version=ds.version, **typing.cast(Any, sections))


def bypassed(record_id: str, **fields: Any) -> sr.Dataset:
    """The bundled dataset with a fresh copy of one record, some fields set past the validators.

    As a record built in Python with a validator bypassed would be.
    """
    ds = small(**{record_id: {}})
    record = ds.get(record_id)
    for name, value in fields.items():
        object.__setattr__(record, name, value)
    return ds


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry of a folder (hidden ones too) with its bytes (regular files) and mode."""
    found = {}
    for path in sorted(folder.iterdir()):
        mode = os.lstat(path).st_mode
        found[path.name] = (path.read_bytes() if stat.S_ISREG(mode) else b"", mode)
    return found


def fail_on_call(monkeypatch: pytest.MonkeyPatch, name: str, number: int) -> None:
    """Make the ``number``-th call of ``os.<name>`` fail with an I/O error."""
    original = getattr(os, name)
    calls = [0]

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == number:
            raise OSError(errno.EIO, "Input/output error", str(args[0]))
        return original(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


def undo(cell: str) -> str:
    """A text cell with the export's formula protection taken off (docs/exports.md)."""
    return cell[1:] if cell.startswith("'") else cell


class TestFiles:
    @pytest.mark.parametrize("format", FORMATS)
    def test_file_names(self, tmp_path: Path, ds: sr.Dataset, format: ExportFormat) -> None:
        """Each format writes its files, and returns their paths sorted."""
        written = export(ds, tmp_path, format=format)
        assert [path.name for path in written] == names(ds, format)
        assert written == sorted(written)
        assert all(path.parent == tmp_path for path in written)
        assert sorted(p.name for p in tmp_path.iterdir()) == names(ds, format)

    def test_formats(self) -> None:
        """The formats: ours, then those of other ecosystems."""
        assert FORMATS == ("json", "jsonl", "csv", "graph", "ftm", "plover", "sqlite", "jsonld")

    def test_creates_the_folder(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """A missing folder is created, parents included."""
        target = tmp_path / "a" / "b"
        export(ds, str(target), format="json")
        assert (target / "sinorussia.json").is_file()

    def test_unknown_format(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """An unknown format raises ValueError naming the known ones, and writes nothing."""
        with pytest.raises(ValueError, match="'json', 'jsonl', 'csv', 'graph', 'ftm'"):
            export(ds, tmp_path / "x", format="xml")  # type: ignore[arg-type]
        assert not (tmp_path / "x").exists()

    def test_render_is_what_export_writes(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """render() returns the bytes export() writes, by file name."""
        for format in FORMATS:
            assert render(ds, format=format) == files(out[format])

    def test_utf8_and_newlines(self, out: dict[str, Path]) -> None:
        """Every text file is UTF-8 without a byte-order mark, with LF line ends and a final one.

        The SQLite database is the one binary file (its own test checks it).
        """
        for format, folder in out.items():
            if format == "sqlite":
                assert files(folder)["sinorussia.sqlite"].startswith(b"SQLite format 3\x00")
                continue
            for name, data in files(folder).items():
                text = data.decode("utf-8")
                assert not text.startswith("\ufeff"), name
                assert "\r" not in text, name
                assert text.endswith("\n"), name
                assert not text.endswith("\n\n"), name

    def test_non_ascii_is_kept(self, out: dict[str, Path]) -> None:
        """Native-script names are written as themselves, not escaped."""
        assert "习近平" in (out["csv"] / "people.csv").read_text(encoding="utf-8")
        assert "习近平" in (out["jsonl"] / "records.jsonl").read_text(encoding="utf-8")


class TestWriting:
    def test_every_write_is_atomic(
        self, tmp_path: Path, ds: sr.Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every file goes through the atomic writer, and no temporary file is left."""
        seen: list[Path] = []
        original = write_all

        def spy(files: dict[Path, bytes], *, remove: list[Path]) -> list[Path]:
            seen.extend(files)
            return original(files, remove=remove)

        monkeypatch.setattr(_export, "write_all", spy)
        written: list[Path] = []
        for format in FORMATS:
            written += export(ds, tmp_path, format=format)
        assert sorted(seen) == sorted(written)
        assert sorted(tmp_path.iterdir()) == sorted(written)
        assert not list(tmp_path.glob("*.tmp"))
        assert not list(tmp_path.glob(".*"))

    def test_replaces_existing_files(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """Exporting over an earlier export replaces its files and leaves others alone."""
        (tmp_path / "meetings.csv").write_text("old", encoding="utf-8")
        (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
        export(ds, tmp_path, format="csv")
        assert (tmp_path / "meetings.csv").read_text(encoding="utf-8").startswith("id,title,")
        assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"

    def test_removes_tables_of_emptied_sections(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """A table of a section that is empty now is removed; nothing else is."""
        export(ds, tmp_path, format="csv")
        export(ds, tmp_path, format="graph")
        fewer = sr.Dataset(version="fewer", documents=tuple(ds.documents))
        kept = [
            "citations.csv",
            "datapackage.json",
            "date_claims.csv",
            "documents.csv",
            "entities.csv",
        ]
        assert export(fewer, tmp_path, format="csv") == [tmp_path / name for name in kept]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [*kept, "edges.csv", "graph.graphml", "nodes.csv"]
        )

    def test_empty_dataset(self, tmp_path: Path) -> None:
        """An empty dataset exports: no tables, a header line, an empty graph."""
        empty = sr.Dataset(version="empty")
        assert export(empty, tmp_path, format="csv") == []
        [jsonl] = export(empty, tmp_path, format="jsonl")
        assert jsonl.read_text(encoding="utf-8") == '{"format":2,"version":"empty"}\n'
        export(empty, tmp_path, format="graph")
        assert read_csv(tmp_path / "nodes.csv") == (list(NODE_COLUMNS), [])
        assert read_csv(tmp_path / "edges.csv") == (list(EDGE_COLUMNS), [])
        root = ET.parse(tmp_path / "graph.graphml").getroot()
        assert root.find(f"{GRAPHML}graph") is not None


class TestAllOrNothing:
    @pytest.fixture
    def folder(self, tmp_path: Path, ds: sr.Dataset) -> Path:
        """A folder holding an earlier export in every format, some files with their own modes."""
        for format in FORMATS:
            export(ds, tmp_path, format=format)
        (tmp_path / "nodes.csv").chmod(0o644)
        (tmp_path / "meetings.csv").chmod(0o640)
        return tmp_path

    @pytest.mark.parametrize("format", ["csv", "graph"])
    def test_a_failed_rename_leaves_the_old_export(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch, format: ExportFormat
    ) -> None:
        """Whichever file's rename fails, the folder is byte for byte the old export."""
        before = snapshot(folder)
        changed = small(**{"victory-day-parade-2015": {"title": "A changed title"}})
        count = len(render(changed, format=format))
        for number in range(1, count + 1):
            with monkeypatch.context() as patch:
                fail_on_call(patch, "replace", number)
                with pytest.raises(OSError, match="Input/output error"):
                    export(changed, folder, format=format)
            assert snapshot(folder) == before, number

    def test_a_failed_write_leaves_the_old_export(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file that cannot be written (disk full after the changed table) changes nothing."""
        before = snapshot(folder)
        changed = small(**{"victory-day-parade-2015": {"title": "A changed title"}})
        names = list(render(changed, format="csv"))
        fail_on_call(monkeypatch, "fsync", names.index("meetings.csv") + 2)
        with pytest.raises(OSError, match="Input/output error"):
            export(changed, folder, format="csv")
        assert snapshot(folder) == before

    def test_stale_tables_go_only_after_success(
        self, folder: Path, ds: sr.Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If removing a stale table fails, the tables removed before it and the new one go back."""
        before = snapshot(folder)
        fewer = sr.Dataset(version="fewer", documents=tuple(ds.documents))
        fail_on_call(monkeypatch, "unlink", 3)
        with pytest.raises(OSError, match="Input/output error"):
            export(fewer, folder, format="csv")
        assert snapshot(folder) == before

    def test_a_fifo_among_the_files_stops_the_export(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """A FIFO named like one of the files: sr.NotAFile, no file written, the FIFO kept."""
        os.mkfifo(tmp_path / "nodes.csv")
        with pytest.raises(sr.NotAFile) as info:
            export(ds, tmp_path, format="graph")
        assert info.value.filename == str(tmp_path / "nodes.csv")
        assert [p.name for p in tmp_path.iterdir()] == ["nodes.csv"]
        assert stat.S_ISFIFO(os.lstat(tmp_path / "nodes.csv").st_mode)

    def test_files_keep_their_modes(self, folder: Path, ds: sr.Dataset) -> None:
        """Exporting over an earlier export keeps each file's permission bits."""
        export(ds, folder, format="graph")
        export(ds, folder, format="csv")
        assert stat.S_IMODE((folder / "nodes.csv").stat().st_mode) == 0o644
        assert stat.S_IMODE((folder / "meetings.csv").stat().st_mode) == 0o640

    def test_an_error_names_the_file(
        self, tmp_path: Path, ds: sr.Dataset, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failed write names the file of the export, not a temporary file."""
        fail_on_call(monkeypatch, "fsync", 2)
        with pytest.raises(OSError, match="Input/output error") as info:
            export(ds, tmp_path, format="graph")
        assert info.value.filename == str(tmp_path / "graph.graphml")
        assert list(tmp_path.iterdir()) == []


class TestUnwritableText:
    @pytest.mark.parametrize("format", FORMATS)
    def test_a_lone_surrogate_is_a_data_error(
        self, tmp_path: Path, ds: sr.Dataset, format: ExportFormat
    ) -> None:
        """A lone surrogate in a record built in Python: a DataError naming it, nothing written."""
        export(ds, tmp_path, format=format)
        before = snapshot(tmp_path)
        bad = bypassed("victory-day-parade-2015", title="\ud800Red Square")
        with pytest.raises(sr.DataError) as info:
            export(bad, tmp_path, format=format)
        index = [m.id for m in bad.meetings].index("victory-day-parade-2015")
        [problem] = info.value.problems
        assert problem.path == f"$.meetings[{index}].title"
        assert problem.record_id == "victory-day-parade-2015"
        assert "lone surrogate U+D800" in problem.message
        assert info.value.source == str(tmp_path)
        assert snapshot(tmp_path) == before

    def test_render_raises_it_too(self) -> None:
        """render() raises the same DataError, naming the dataset."""
        bad = bypassed("xi-jinping", name="Xi\udfffJinping")
        with pytest.raises(sr.DataError, match=r"\$\.people\[\d+\]\.name \(id 'xi-jinping'\)"):
            render(bad, format="csv")


class TestArguments:
    @pytest.mark.parametrize(
        ("dataset", "out", "format"),
        [
            (None, "out", "csv"),
            ("ds", 42, "csv"),
            ("ds", b"out", "csv"),
            ("ds", "out", "xlsx"),
            ("ds", "out", None),
            ("ds", "out", ["csv"]),
        ],
    )
    def test_bad_arguments(
        self, tmp_path: Path, ds: sr.Dataset, dataset: Any, out: Any, format: Any
    ) -> None:
        """export() checks its arguments: sr.ArgumentError, and nothing written."""
        target = tmp_path / out if isinstance(out, str) else out
        with pytest.raises(sr.ArgumentError):
            export(ds if dataset == "ds" else dataset, target, format=format)
        assert list(tmp_path.iterdir()) == []


class TestDeterminism:
    def test_same_bytes_twice(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """Two exports of the same dataset are byte for byte the same."""
        for format in FORMATS:
            first, second = tmp_path / f"{format}-1", tmp_path / f"{format}-2"
            export(ds, first, format=format)
            export(sr.loads(sr.dumps(ds)), second, format=format)
            assert files(first) == files(second)

    @pytest.mark.parametrize("seed", ["0", "4242"])
    def test_independent_of_hash_seed(
        self, tmp_path: Path, out: dict[str, Path], seed: str
    ) -> None:
        """Another process with another PYTHONHASHSEED writes the same bytes."""
        script = (
            "import sys, sinorussia as sr\n"
            "from sinorussia._export import FORMATS, export\n"
            "for f in FORMATS:\n"
            "    export(sr.load(), sys.argv[1] + '/' + f, format=f)\n"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env, check=True)
        for format in FORMATS:
            assert files(tmp_path / format) == files(out[format]), format


class TestJson:
    def test_is_the_canonical_text(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """sinorussia.json is exactly sr.dumps(ds)."""
        assert (out["json"] / "sinorussia.json").read_bytes() == sr.dumps(ds).encode("utf-8")

    def test_round_trip(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """The JSON export loads back into an equal dataset."""
        assert sr.load_file(out["json"] / "sinorussia.json") == ds


class TestJsonLines:
    def lines(self, out: dict[str, Path]) -> list[dict[str, Any]]:
        """The JSON values of records.jsonl, one per line."""
        text = (out["jsonl"] / "records.jsonl").read_text(encoding="utf-8")
        return [json.loads(line) for line in text.split("\n")[:-1]]

    def test_header_then_records(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """The first line is the header; then one line per record, in file order."""
        header, *records = self.lines(out)
        assert header == {"format": sr.FORMAT, "version": ds.version}
        assert [(line["section"], line["record"]["id"]) for line in records] == [
            (name, record.id) for name, section in ds.sections().items() for record in section
        ]
        assert all(list(line) == ["section", "record"] for line in records)

    def test_records_are_as_in_the_dataset_file(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """Grouping the lines by section rebuilds the dataset file, keys in order."""
        header, *records = self.lines(out)
        rebuilt: dict[str, Any] = dict(header)
        for line in records:
            rebuilt.setdefault(line["section"], []).append(line["record"])
        assert json.dumps(rebuilt, ensure_ascii=False, indent=2) + "\n" == sr.dumps(ds)
        assert sr.loads(json.dumps(rebuilt)) == ds

    def test_lines_are_compact_json(self, out: dict[str, Path]) -> None:
        """Each line is one compact JSON object."""
        text = (out["jsonl"] / "records.jsonl").read_text(encoding="utf-8")
        for line in text.split("\n")[:-1]:
            assert json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) == line

    def test_unicode_line_breaks_are_escaped(self, tmp_path: Path) -> None:
        """U+2028, U+2029 and U+0085 in a text are escaped, so no reader splits a line."""
        title = "a\u2028b\u2029c\x85d\ne"
        ds = small(**{"victory-day-parade-2015": {"title": title}})
        [path] = export(ds, tmp_path, format="jsonl")
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) == len(ds) + 1
        parade = next(
            line["record"]
            for line in map(json.loads, text.splitlines())
            if line.get("record", {}).get("id") == "victory-day-parade-2015"
        )
        assert parade["title"] == title

    def test_jsonl_lines_values(self, ds: sr.Dataset) -> None:
        """jsonl_lines() yields the same values as the file holds."""
        values = list(jsonl_lines(ds))
        assert len(values) == len(ds) + 1
        assert values[0] == {"format": sr.FORMAT, "version": ds.version}


class TestCsv:
    def test_headers_are_the_flat_columns(self, out: dict[str, Path]) -> None:
        """Each table's header is _flat.columns of its class, in order."""
        for name, cls in SECTION_CLASSES:
            header, _ = read_csv(out["csv"] / f"{name}.csv")
            assert header == list(dict.fromkeys(columns(cls))), name
            if cls is not sr.Document:
                assert header == columns(cls), name

    def test_one_row_per_record(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """Each table has one row per record of its section, in file order."""
        for name, records in ds.sections().items():
            _, rows = read_csv(out["csv"] / f"{name}.csv")
            assert [row["id"] for row in rows] == [record.id for record in records], name

    def test_known_row(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """The Victory Day parade row has the expected cells."""
        _, rows = read_csv(out["csv"] / "meetings.csv")
        row = next(row for row in rows if row["id"] == "victory-day-parade-2015")
        parade = ds.meetings.get("victory-day-parade-2015")
        assert row == {
            "id": "victory-day-parade-2015",
            "title": parade.title,
            "kind": "ceremony",
            "participants": "vladimir-putin:host; xi-jinping:guest",
            "place": "red-square",
            "date": "2015-05-09",
            "date_lower": "2015-05-09",
            "date_upper": "2015-05-09",
            "date_basis": "stated",
            "count": "1",
            "commemorates": "victory-1945",
            "paragraphs": "1",
            "bases": "stated; external",
            "sources": SEPARATOR.join(c.source for c in parade.citations if c.source),
        }

    def test_empty_cells_for_none(self, out: dict[str, Path]) -> None:
        """A missing value is an empty cell: an aggregate's count, an unknown place."""
        _, rows = read_csv(out["csv"] / "meetings.csv")
        visits = next(row for row in rows if row["id"] == "mutual-visits-2013-2021")
        assert visits["count"] == ""
        assert visits["place"] == ""
        assert visits["date"] == "2013-03/2021"
        assert (visits["date_lower"], visits["date_upper"]) == ("2013-03-01", "2021-12-31")

    def test_unbounded_dates_have_empty_bounds(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """An open end of a date leaves its bound empty."""
        parade = ds.meetings.get("victory-day-parade-2015")
        assert parade.date is not None
        claim = attrs.evolve(parade.date.claims[0], value=sr.parse_edtf("2015-05-09/.."))
        changed = small(**{parade.id: {"date": sr.Dating((claim,))}})
        export(changed, tmp_path, format="csv")
        _, rows = read_csv(tmp_path / "meetings.csv")
        row = next(row for row in rows if row["id"] == parade.id)
        assert (row["date"], row["date_lower"], row["date_upper"]) == (
            "2015-05-09/..",
            "2015-05-09",
            "",
        )

    def test_quoting(self, tmp_path: Path) -> None:
        """Commas, quotes and line breaks in a cell survive a CSV reader."""
        title = 'A "parade", with\ntwo lines'
        export(small(**{"victory-day-parade-2015": {"title": title}}), tmp_path, format="csv")
        _, rows = read_csv(tmp_path / "meetings.csv")
        assert next(r for r in rows if r["id"] == "victory-day-parade-2015")["title"] == title

    def test_semicolons_in_text_are_quoted(self, tmp_path: Path) -> None:
        """A text cell holding ';' is quoted, so a ';'-separated reading cannot split it."""
        title = "Talks;=HYPERLINK(1)"
        export(small(**{"victory-day-parade-2015": {"title": title}}), tmp_path, format="csv")
        text = (tmp_path / "meetings.csv").read_text(encoding="utf-8")
        assert f',"{title}",' in text
        assert ",vladimir-putin:host; xi-jinping:guest," in text

    def test_pandas_reads_the_tables(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """pandas reads every table with the right shape."""
        pd = pytest.importorskip("pandas")
        for name, records in ds.sections().items():
            frame = pd.read_csv(out["csv"] / f"{name}.csv", dtype=str, keep_default_na=False)
            assert frame.shape[0] == len(records)
            assert list(frame.columns) == read_csv(out["csv"] / f"{name}.csv")[0]

    def test_document_paragraph_count(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """documents.csv keeps the document's paragraph count."""
        _, rows = read_csv(out["csv"] / "documents.csv")
        assert rows[0]["paragraphs"] == str(ds.documents.get("article").paragraphs)


class TestFormulaInjection:
    @pytest.mark.parametrize(
        "title",
        [
            '=HYPERLINK("http://example.org","x")',
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "  =1+1",
            "'quoted",
        ],
    )
    def test_text_cells_are_neutralised(self, tmp_path: Path, title: str) -> None:
        """A text cell that a spreadsheet would run as a formula gets an apostrophe in front."""
        export(small(**{"victory-day-parade-2015": {"title": title}}), tmp_path, format="csv")
        _, rows = read_csv(tmp_path / "meetings.csv")
        cell = next(r for r in rows if r["id"] == "victory-day-parade-2015")["title"]
        assert cell == "'" + title
        assert undo(cell) == title

    def test_values_the_library_writes_are_left_alone(self, tmp_path: Path) -> None:
        """Only text columns are protected: a negative number stays a number."""
        ds = bypassed("victory-day-parade-2015", count=-1, title="-1 day")
        export(ds, tmp_path, format="csv")
        _, rows = read_csv(tmp_path / "meetings.csv")
        row = next(r for r in rows if r["id"] == "victory-day-parade-2015")
        assert (row["count"], row["title"]) == ("-1", "'-1 day")
        assert (row["date"], row["date_lower"]) == ("2015-05-09", "2015-05-09")

    def test_text_columns_follow_the_field_plan(self) -> None:
        """Free-text fields are text columns; ids, references, vocabularies, dates, numbers not."""
        assert {"title", "sources"} <= text_columns(sr.Meeting)
        assert {"text", "quote", "topics", "figures"} <= text_columns(sr.Statement)
        assert {"name", "aliases", "milestones"} <= text_columns(sr.Project)
        assert "post" in text_columns(sr.Office)
        not_text = {"kind", "place", "commemorates", "count", "paragraphs", "bases"}
        not_text |= {f"date{part}" for part in ("", "_lower", "_upper", "_basis")}
        assert not_text.isdisjoint(text_columns(sr.Meeting))
        for _, cls in SECTION_CLASSES:
            assert text_columns(cls) <= set(columns(cls)), cls

    def test_graph_tables(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """Labels in nodes.csv and roles in edges.csv are protected; GraphML keeps the text."""
        office = ds.offices[0]
        changed = small(**{office.person: {"name": "@SUM(1)"}, office.id: {"post": "=Chairman"}})
        export(changed, tmp_path, format="graph")
        [label] = [
            n["label"] for n in read_csv(tmp_path / "nodes.csv")[1] if n["id"] == office.person
        ]
        assert label == "'@SUM(1)"
        roles = {e["role"] for e in read_csv(tmp_path / "edges.csv")[1] if e["record"] == office.id}
        assert roles == {"'=Chairman"}
        graph = (tmp_path / "graph.graphml").read_text(encoding="utf-8")
        assert '<data key="label">@SUM(1)</data>' in graph

    @given(st.text(), st.text())
    def test_any_text_comes_back(self, text: str, other: str) -> None:
        """Any text cell reads back, unprotected, as itself; no cell starts a formula."""
        table = _export._table(("text", "other"), [[text, other]], frozenset({"text"}))
        [_, [cell, plain]] = list(csv.reader(io.StringIO(table.decode("utf-8"), newline="")))
        assert cell == neutral(text)
        assert undo(cell) == text
        assert plain == other
        assert cell.startswith("'") or not cell.lstrip().startswith(("=", "+", "-", "@"))


Edge = tuple[str, str, str, str]


class TestGraph:
    def edge_rows(self, out: dict[str, Path]) -> list[dict[str, str]]:
        """The rows of edges.csv."""
        return read_csv(out["graph"] / "edges.csv")[1]

    def edge_set(self, out: dict[str, Path]) -> set[Edge]:
        """(source, target, relation, role) of every edge."""
        return {(e["source"], e["target"], e["relation"], e["role"]) for e in self.edge_rows(out)}

    def test_headers(self, out: dict[str, Path]) -> None:
        """nodes.csv and edges.csv have the documented columns."""
        assert read_csv(out["graph"] / "nodes.csv")[0] == list(NODE_COLUMNS)
        assert read_csv(out["graph"] / "edges.csv")[0] == list(EDGE_COLUMNS)

    def test_nodes_are_the_records(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """Every record but documents and offices is a node, once, in file order."""
        _, rows = read_csv(out["graph"] / "nodes.csv")
        expected = [r.id for r in ds.records() if not isinstance(r, sr.Document | sr.Office)]
        assert [row["id"] for row in rows] == expected
        assert rows == nodes(ds)

    def test_known_nodes(self, out: dict[str, Path]) -> None:
        """Nodes carry their type, label, kind and best date."""
        _, rows = read_csv(out["graph"] / "nodes.csv")
        by_id = {row["id"]: row for row in rows}
        assert by_id["victory-day-parade-2015"]["type"] == "meeting"
        assert by_id["victory-day-parade-2015"]["kind"] == "ceremony"
        assert by_id["victory-day-parade-2015"]["date"] == "2015-05-09"
        assert by_id["xi-jinping"] == {
            "id": "xi-jinping",
            "type": "leader",
            "label": "Xi Jinping",
            "kind": "",
            "date": "",
            "date_lower": "",
            "date_upper": "",
        }
        assert by_id["zhong-nanshan"]["type"] == "person"
        assert by_id["treaty-of-good-neighborliness"]["date"] == "2001-07-16"
        assert by_id["east-route-gas-pipeline"]["kind"] == "energy"
        assert by_id["red-square"]["kind"] == "square"

    def test_endpoints_are_nodes(self, out: dict[str, Path]) -> None:
        """Every edge runs between two nodes."""
        _, rows = read_csv(out["graph"] / "nodes.csv")
        ids = {row["id"] for row in rows}
        for edge in self.edge_rows(out):
            assert edge["source"] in ids, edge
            assert edge["target"] in ids, edge

    @pytest.mark.parametrize(
        "edge",
        [
            ("xi-jinping", "victory-day-parade-2015", "participation", "guest"),
            ("vladimir-putin", "victory-day-parade-2015", "participation", "host"),
            ("victory-day-parade-2015", "red-square", "location", ""),
            ("victory-day-parade-2015", "victory-1945", "commemorates", ""),
            ("red-square", "moscow", "within", ""),
            ("moscow", "russia", "within", ""),
            ("china", "treaty-of-good-neighborliness", "party", ""),
            ("treaty-of-good-neighborliness", "kremlin", "location", ""),
            ("joint-statement-new-era-2019", "xi-state-visit-russia-2019", "signed_at", ""),
            ("treaty-extension-2021", "treaty-of-good-neighborliness", "about", ""),
            ("treaty-ideas-endure", "treaty-of-good-neighborliness", "about", ""),
            ("china", "east-route-gas-pipeline", "party", ""),
            (
                "international-lunar-research-station",
                "lunar-research-station-mou",
                "agreement",
                "",
            ),
            ("international-lunar-research-station", "moon", "location", ""),
            ("aid-flight-wuhan-2020", "moscow", "origin", ""),
            ("russia", "aid-flight-wuhan-2020", "participation", "actor"),
            ("xi-jinping", "shared-future-speech-2013", "speaker", ""),
            ("shared-future-speech-2013", "xi-state-visit-russia-2013", "occasion", ""),
            ("china", "un-security-council", "member", ""),
            ("cnsa", "china", "country", ""),
            ("xi-jinping", "china", "nationality", ""),
            ("xi-jinping", "china", "office", "President of the People's Republic of China"),
            ("andrey-denisov", "china", "posted_to", "Ambassador of Russia to China"),
        ],
        ids=lambda edge: f"{edge[0]}-{edge[2]}-{edge[1]}",
    )
    def test_expected_edges(self, out: dict[str, Path], edge: Edge) -> None:
        """The graph has the edge, with its relation and role."""
        assert edge in self.edge_set(out)

    def test_signatories(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """Each signatory of a treaty signs it; the 2001 treaty by Jiang Zemin and Putin."""
        found = self.edge_set(out)
        for treaty in ds.treaties:
            signed = {s for s, t, rel, _ in found if t == treaty.id and rel == "signature"}
            assert signed == {p.who for p in treaty.signatories}, treaty.id
        friendship = "treaty-of-good-neighborliness"
        signed_2001 = {
            (s, role) for s, t, rel, role in found if (t, rel) == (friendship, "signature")
        }
        assert signed_2001 == {("jiang-zemin", "signatory"), ("vladimir-putin", "signatory")}

    def test_every_reference_is_an_edge(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """Each id a record refers to (to a node) is linked to it by an edge naming the record."""
        ids = {node["id"] for node in nodes(ds)}
        linked = set()
        for e in self.edge_rows(out):
            linked |= {(e["record"], e["source"]), (e["record"], e["target"])}
        for record in ds.records():
            if isinstance(record, sr.Document):
                continue
            for target in references(record):
                if target in ids:
                    assert (record.id, target) in linked, (record.id, target)

    def test_relations_are_named(self, out: dict[str, Path]) -> None:
        """Every relation is one of the documented names."""
        known = {relation for relation, _ in RELATIONS.values()}
        assert {e["relation"] for e in self.edge_rows(out)} <= known

    def test_edges_match_the_function(self, out: dict[str, Path], ds: sr.Dataset) -> None:
        """edges.csv holds exactly edges(ds), each once."""
        rows = self.edge_rows(out)
        assert rows == edges(ds)
        assert len({tuple(row.values()) for row in rows}) == len(rows)

    def test_graphml_matches_the_tables(self, out: dict[str, Path]) -> None:
        """The GraphML file parses and holds the same nodes and edges as the CSV files."""
        root = ET.parse(out["graph"] / "graph.graphml").getroot()
        assert root.tag == f"{GRAPHML}graphml"
        keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}
        graph = root.find(f"{GRAPHML}graph")
        assert graph is not None
        assert graph.get("edgedefault") == "directed"

        def attributes(element: ET.Element, columns: tuple[str, ...]) -> dict[str, str]:
            found = dict.fromkeys(columns, "")
            for data in element.iter(f"{GRAPHML}data"):
                found[keys[data.get("key")] or ""] = data.text or ""
            return found

        graph_nodes = [
            {"id": n.get("id") or "", **attributes(n, NODE_COLUMNS[1:])}
            for n in graph.iter(f"{GRAPHML}node")
        ]
        graph_edges = [
            {
                "source": e.get("source") or "",
                "target": e.get("target") or "",
                **attributes(e, EDGE_COLUMNS[2:]),
            }
            for e in graph.iter(f"{GRAPHML}edge")
        ]
        assert graph_nodes == read_csv(out["graph"] / "nodes.csv")[1]
        assert graph_edges == self.edge_rows(out)

    def test_networkx_reads_the_graphml(self, out: dict[str, Path]) -> None:
        """networkx, where installed, reads the GraphML with every node and edge."""
        nx = pytest.importorskip("networkx")
        graph = nx.read_graphml(out["graph"] / "graph.graphml")
        assert graph.number_of_nodes() == len(read_csv(out["graph"] / "nodes.csv")[1])
        assert graph.number_of_edges() == len(self.edge_rows(out))
        assert graph.nodes["xi-jinping"]["label"] == "Xi Jinping"

    @given(st.text())
    def test_xml_escaping(self, text: str) -> None:
        """Any text survives the XML escaping, with characters XML cannot hold as U+FFFD."""
        document = f'<a b="{_export._xml(text, attribute=True)}">{_export._xml(text)}</a>'
        element = ET.fromstring(document)
        expected = _export._INVALID_XML.sub("\ufffd", text)
        assert element.get("b") == expected
        assert (element.text or "") == expected


def references(value: Any) -> list[str]:
    """Every id a record refers to, nested values included, citations left out."""
    found: list[str] = []
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if ref_targets(field):
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, tuple):
                found.extend(item)
        elif isinstance(item, tuple):
            for nested in item:
                if attrs.has(type(nested)) and not isinstance(nested, sr.Citation):
                    found += references(nested)
    return found


class TestRelations:
    def test_relations_table_covers_the_model(self) -> None:
        """Every reference field of the model has a named relation (none falls back)."""
        fields = set()
        for _, cls in SECTION_CLASSES:
            for field in attrs.fields(cls):
                if ref_targets(field):
                    fields.add(field.name)
            for hint in typing.get_type_hints(cls).values():
                for arg in typing.get_args(hint):
                    if isinstance(arg, type) and attrs.has(arg) and arg is not sr.Citation:
                        for field in attrs.fields(arg):
                            if ref_targets(field):
                                fields.add(field.name)
        fields -= {"person", "who"}  # an office's anchor; a participant (named by its list)
        assert fields <= set(RELATIONS), fields - set(RELATIONS)
