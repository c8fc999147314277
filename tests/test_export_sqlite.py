"""The ``sqlite`` export: a valid database, real constraints, joins that agree with the API."""

from __future__ import annotations

import collections
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import sinorussia as sr
from sinorussia._dataset import FORMAT, SECTIONS
from sinorussia._export import render
from sinorussia._model import DateClaim, Leader
from sinorussia._plan import Step, plan, references
from sinorussia._sqlite import FILE_NAME, LAYOUT, VIEWS, child_tables
from sinorussia._verify import located

SRC = Path(sr.__file__).parent.parent
SECTION_NAMES = [section.name for section in SECTIONS]
PLACED = ("citations", "citation_paragraphs", "date_claims")
"""The tables of citations and date claims (not references between records)."""

# -- a small dataset of edge cases ------------------------------------------------


def _stated(*paragraphs: int) -> dict[str, Any]:
    return {"basis": "stated", "document": "doc", "paragraphs": list(paragraphs)}


def _claim(value: str, citation: dict[str, Any]) -> dict[str, Any]:
    return {"value": value, "citation": citation}


_EXTERNAL = {
    "basis": "external",
    "source": "https://example.org/a?b=1&c=<2>",
    "confidence": "medium",
    "note": "gives the day",
}
_INFERRED = {
    "basis": "inferred",
    "document": "doc",
    "paragraphs": [2, 3],
    "note": 'after "the visit" & before <the end>',
}

EDGE: dict[str, Any] = {
    "format": 2,
    "version": "edge-1",
    "documents": [
        {
            "id": "doc",
            "title": 'A <test> "document" & co',
            "language": "en",
            "paragraphs": 5,
            "sha256": "0" * 64,
            "date": [_claim("2021?", _stated(1))],
            "url": "https://example.org/?a=1&b=2",
        },
    ],
    "countries": [
        {
            "id": "china",
            "citations": [_stated(1)],
            "name": "China",
            "alpha2": "CN",
            "alpha3": "CHN",
            "aliases": ["中国", "PRC"],
        },
        {
            "id": "russia",
            "citations": [_stated(1)],
            "name": "Russia",
            "official_name": "Russian Federation",
        },
    ],
    "organisations": [
        {
            "id": "sco",
            "citations": [_stated(4)],
            "name": "Shanghai Cooperation Organisation",
            "kind": "intergovernmental",
            "members": ["china", "russia"],
            "aliases": ["SCO"],
        },
        {
            "id": "agency",
            "citations": [_EXTERNAL],
            "name": "An agency",
            "kind": "government_agency",
            "country": "russia",
        },
    ],
    "places": [
        {
            "id": "moscow",
            "citations": [_stated(2)],
            "name": "Moscow",
            "kind": "city",
            "within": "russia",
        },
        {
            "id": "red-square",
            "citations": [_stated(2)],
            "name": "Red Square",
            "kind": "square",
            "within": "moscow",
        },
    ],
    "people": [
        {
            "id": "xi-jinping",
            "citations": [_stated(1)],
            "name": "Xi Jinping",
            "aliases": ["习近平", 'Xi "Jinping"'],
            "nationality": "china",
            "wikidata": "Q15031",
        },
        {
            "id": "lavrov",
            "citations": [_stated(3), _INFERRED],
            "name": "Sergei Lavrov",
            "nationality": "russia",
            "description": "<b>Foreign</b> minister & \"diplomat\"\nsecond line, 'quoted'",
        },
        {"id": "nobody", "citations": [_stated(5)], "name": "=1+1"},
    ],
    "offices": [
        {
            "id": "xi-president",
            "citations": [_stated(1)],
            "person": "xi-jinping",
            "post": "President",
            "role": "head_of_state",
            "organisation": "china",
            "start": [_claim("2013-03", _stated(1))],
            "status": "ongoing",
        },
        {
            "id": "lavrov-minister",
            "citations": [_stated(3)],
            "person": "lavrov",
            "post": "Foreign Minister",
            "role": "minister",
            "organisation": "russia",
            "start": [_claim("../2004", _INFERRED)],
            "status": "unknown",
            "attested": [_claim("2020-04-18?", _stated(3))],
        },
    ],
    "meetings": [
        {
            "id": "visit",
            "citations": [_stated(2), _EXTERNAL],
            "title": "A visit",
            "kind": "state_visit",
            "participants": [
                {"who": "xi-jinping", "role": "guest"},
                {"who": "russia", "role": "host", "citations": [_EXTERNAL]},
                {"who": "lavrov", "role": "host"},
            ],
            "place": "red-square",
            "date": [_claim("2013", _stated(2)), _claim("2013-03-22", _EXTERNAL)],
        },
        {
            "id": "undated",
            "citations": [_stated(4)],
            "title": "Talks at no known date",
            "kind": "talks",
            "participants": [{"who": "sco"}],
            "place": "russia",
            "count": None,
        },
        {
            "id": "calls",
            "citations": [_stated(4)],
            "title": 'Calls, "many"\nof them',
            "kind": "phone_call",
            "participants": [{"who": "xi-jinping"}, {"who": "lavrov"}, {"who": "sco"}],
            "date": [_claim("2013-03/..", _stated(4))],
            "count": 5,
            "commemorates": "victory",
        },
        {
            "id": "later",
            "citations": [_stated(4)],
            "title": "Some time after",
            "kind": "talks",
            "participants": [],
            "date": [_claim("2013-03/", _INFERRED)],
        },
    ],
    "happenings": [
        {
            "id": "victory",
            "citations": [_stated(5)],
            "title": "A victory",
            "kind": "military_victory",
            "participants": [
                {"who": "china", "citations": [_INFERRED]},
                {"who": "russia", "citations": [_INFERRED]},
            ],
            "date": [_claim("1945-05-09", _stated(5))],
        },
        {
            "id": "aid",
            "citations": [_stated(5)],
            "title": "Aid <flight>",
            "kind": "aid_delivery",
            "participants": [
                {"who": "china", "role": "recipient"},
                {"who": "russia", "role": "actor"},
            ],
            "place": "china",
            "origin": "moscow",
            "date": [_claim("2020-02/2020-03", _stated(5))],
            "about": ["visit", "doc"],
            "figures": [
                {"measure": "aid", "value": 2.5, "unit": "tonnes"},
                {"measure": "flights", "value": 3.0},
            ],
        },
    ],
    "treaties": [
        {
            "id": "treaty",
            "citations": [_stated(2)],
            "name": "A treaty",
            "kind": "treaty",
            "aliases": ["Договор"],
            "parties": ["china", "russia", "sco"],
            "signed": [_claim("2013", _stated(2)), _claim("2013-03-22", _EXTERNAL)],
            "place": "moscow",
            "signatories": [
                {"who": "xi-jinping", "role": "signatory"},
                {"who": "lavrov", "role": "signatory", "citations": [_EXTERNAL]},
            ],
            "in_force": [_claim("2014?", _INFERRED)],
            "concerns": 'Friendship; and "more"',
            "topics": ["trade", "<security>"],
            "signed_at": "visit",
        },
    ],
    "projects": [
        {
            "id": "pipeline",
            "citations": [_stated(3)],
            "name": "A pipeline",
            "sector": "energy",
            "status": "in_operation",
            "parties": ["china", "agency"],
            "location": "moscow",
            "agreements": ["treaty"],
            "milestones": [
                {
                    "title": "Building",
                    "status": "under_construction",
                    "date": [_claim("2014/2016", _INFERRED)],
                    "citations": [_stated(3)],
                },
                {"title": "Undated step", "status": "planned", "citations": [_EXTERNAL]},
                {
                    "title": "Opened",
                    "status": "in_operation",
                    "date": [_claim("2019", _stated(3)), _claim("2019-12-02", _EXTERNAL)],
                    "citations": [_stated(3), _EXTERNAL],
                },
            ],
        },
    ],
    "statements": [
        {
            "id": "remark",
            "citations": [_stated(2)],
            "kind": "quotation",
            "speaker": "lavrov",
            "text": 'He said "no" & <left>',
            "quote": "Line one\nline \"two\"\r\n'three' </script>",
            "about": ["treaty", "sco", "doc"],
            "occasion": "visit",
            "topics": ["trade"],
        },
        {
            "id": "claim",
            "citations": [_stated(5)],
            "kind": "claim",
            "text": "A claim about a rank",
            "about": ["china"],
            "date": [_claim("../2021", _INFERRED)],
            "place": "china",
            "figures": [{"measure": "rank", "value": 1}],
        },
    ],
}


@pytest.fixture(scope="module")
def edge() -> sr.Dataset:
    """A hand-built dataset of edge cases (see `EDGE`)."""
    return sr.loads(json.dumps(EDGE))


def export_to(dataset: sr.Dataset, folder: Path) -> Path:
    """Export ``dataset`` as SQLite into ``folder``; the path of the database."""
    [path] = sr.export(dataset, folder, format="sqlite")
    assert path == folder / FILE_NAME
    return path


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection with rows by column name."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    return connection


@pytest.fixture(scope="module", params=["bundled", "edge"])
def case(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    ds: sr.Dataset,
    edge: sr.Dataset,
) -> Iterator[tuple[sr.Dataset, sqlite3.Connection]]:
    """Each dataset with a connection to its exported database."""
    dataset = ds if request.param == "bundled" else edge
    path = export_to(dataset, tmp_path_factory.mktemp(f"sqlite-{request.param}"))
    connection = connect(path)
    yield dataset, connection
    connection.close()


@pytest.fixture(scope="module")
def bundled(
    tmp_path_factory: pytest.TempPathFactory, ds: sr.Dataset
) -> Iterator[sqlite3.Connection]:
    """A connection to the export of the bundled dataset."""
    connection = connect(export_to(ds, tmp_path_factory.mktemp("sqlite")))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def edge_db(
    tmp_path_factory: pytest.TempPathFactory, edge: sr.Dataset
) -> Iterator[sqlite3.Connection]:
    """A connection to the export of the edge-case dataset."""
    connection = connect(export_to(edge, tmp_path_factory.mktemp("sqlite-edge")))
    yield connection
    connection.close()


def names(connection: sqlite3.Connection, kind: str) -> list[str]:
    """The tables or views of a database, in the order they were created."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
        (kind,),
    )
    return [row["name"] for row in rows]


def foreign_keys(connection: sqlite3.Connection, table: str) -> dict[str, str]:
    """The foreign keys of a table: column -> the table it refers to."""
    rows = connection.execute(f'PRAGMA foreign_key_list("{table}")')
    return {row["from"]: row["table"] for row in rows}


def section_of(cls: type) -> str:
    """The section whose records are of ``cls`` (a leader is a person)."""
    return next(section.name for section in SECTIONS if issubclass(cls, section.cls))


def expected_target(step: Step) -> str:
    """The table a reference field should point at: its one section's table, else entities."""
    if step.targets is None:
        return "entities"
    tables = {section_of(cls) for cls in step.targets}
    return tables.pop() if len(tables) == 1 else "entities"


# -- the file is valid -------------------------------------------------------------


class TestFile:
    def test_export_writes_the_rendered_bytes(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """One file, sinorussia.sqlite, holding exactly what render() gives."""
        path = export_to(ds, tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]
        assert path.read_bytes() == render(ds, format="sqlite")[FILE_NAME]
        assert path.read_bytes().startswith(b"SQLite format 3\x00")

    def test_integrity_and_foreign_keys(self, case: tuple[sr.Dataset, sqlite3.Connection]) -> None:
        """PRAGMA integrity_check is ok and foreign_key_check finds nothing."""
        _, connection = case
        assert [tuple(row) for row in connection.execute("PRAGMA integrity_check")] == [("ok",)]
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []

    def test_version_and_metadata(self, case: tuple[sr.Dataset, sqlite3.Connection]) -> None:
        """user_version is the layout; metadata names the dataset's version and format."""
        dataset, connection = case
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LAYOUT
        metadata = dict(tuple(row) for row in connection.execute("SELECT * FROM metadata"))
        assert metadata == {
            "dataset_format": str(FORMAT),
            "dataset_version": dataset.version,
            "layout": str(LAYOUT),
        }

    def test_an_empty_dataset(self, tmp_path: Path) -> None:
        """A dataset without records gives every table and view, empty but for metadata."""
        connection = connect(export_to(sr.Dataset(version="empty"), tmp_path))
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts = {
                name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for name in names(connection, "table") + names(connection, "view")
            }
            assert counts == dict.fromkeys(expected_counts(sr.load()), 0) | {"metadata": 3}
        finally:
            connection.close()

    def test_text_is_utf8(self, bundled: sqlite3.Connection) -> None:
        """The database's text encoding is UTF-8."""
        assert bundled.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"


# -- the constraints are real -------------------------------------------------------


@pytest.fixture
def writable(tmp_path: Path, ds: sr.Dataset) -> Iterator[sqlite3.Connection]:
    """A writable copy of the bundled export, in autocommit mode, foreign keys on."""
    path = export_to(ds, tmp_path / "export")
    copy = shutil.copy(path, tmp_path / "copy.sqlite")
    connection = sqlite3.connect(copy, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    yield connection
    connection.close()


class TestConstraints:
    @pytest.mark.parametrize(
        "statement",
        [
            "INSERT INTO meetings (id, title, kind, place)"
            " VALUES ('new-meeting', 't', 'talks', 'nowhere')",
            "INSERT INTO participants VALUES ('victory-day-parade-2015', 99, 'nobody', 'guest')",
            "INSERT INTO offices (id, person, post, role, organisation, status)"
            " VALUES ('new-office', 'nobody', 'p', 'other', 'china', 'unknown')",
            "INSERT INTO citations (record, path, field, position, basis, document)"
            " VALUES ('china', 'citations[9]', 'citations', 9, 'stated', 'no-document')",
            "INSERT INTO date_claims VALUES ('china', 'date', 'date', 0, '2013', '2013-01-01',"
            " '2013-12-31', 1, 'stated', 99999)",
            "INSERT INTO agreements VALUES ('east-route-gas-pipeline', 99, 'no-treaty')",
        ],
    )
    def test_a_reference_to_nothing_is_refused(
        self, writable: sqlite3.Connection, statement: str
    ) -> None:
        """With foreign keys on, an insert whose reference resolves to no row fails.

        The new record is in ``entities``, so only the dangling reference can fail.
        """
        writable.execute("INSERT INTO entities VALUES ('new-meeting', 'meetings', 'Meeting', 'x')")
        writable.execute("INSERT INTO entities VALUES ('new-office', 'offices', 'Office', 'x')")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
            writable.execute(statement)

    def test_a_row_without_its_entity_is_refused(self, writable: sqlite3.Connection) -> None:
        """A section row needs its entities row: every record is in entities."""
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
            writable.execute(
                "INSERT INTO meetings (id, title, kind) VALUES ('ghost', 't', 'talks')"
            )

    def test_with_foreign_keys_off_the_check_finds_it(self, writable: sqlite3.Connection) -> None:
        """The same insert with foreign keys off goes in, and foreign_key_check reports it."""
        writable.execute("PRAGMA foreign_keys = OFF")
        writable.execute(
            "INSERT INTO participants VALUES ('victory-day-parade-2015', 99, 'nobody', 'guest')"
        )
        found = writable.execute("PRAGMA foreign_key_check").fetchall()
        assert [(table, parent) for table, _, parent, _ in found] == [("participants", "entities")]

    @pytest.mark.parametrize(
        "statement",
        [
            "UPDATE meetings SET kind = 'picnic' WHERE id = 'victory-day-parade-2015'",
            "UPDATE meetings SET date_lower = '2015-13-01' WHERE id = 'victory-day-parade-2015'",
            "UPDATE meetings SET date_lower = '2016-01-01' WHERE id = 'victory-day-parade-2015'",
            "UPDATE citations SET basis = 'rumour' WHERE id = 1",
            "UPDATE participants SET role = NULL WHERE record = 'victory-day-parade-2015'",
        ],
    )
    def test_checks_refuse_bad_values(self, writable: sqlite3.Connection, statement: str) -> None:
        """Vocabularies, ISO dates, bounds in order and required values are checked."""
        with pytest.raises(sqlite3.IntegrityError, match="constraint failed"):
            writable.execute(statement)


# -- joins agree with the Python API -------------------------------------------------

WHO_MET_WHOM = """
SELECT m.id, a.who, b.who, place.label
FROM meetings AS m
JOIN participants AS a ON a.record = m.id
JOIN participants AS b ON b.record = m.id AND a.position < b.position
LEFT JOIN entities AS place ON place.id = m.place
ORDER BY m.rowid, a.position, b.position
"""


def who_met_whom(dataset: sr.Dataset) -> list[tuple[str, str, str, str | None]]:
    """Every two participants of each meeting, with the place's name, from the API."""
    found: list[tuple[str, str, str, str | None]] = []
    for meeting in dataset.meetings:
        place = None if meeting.place is None else dataset.get(meeting.place).label
        people = meeting.participants
        for i, one in enumerate(people):
            found.extend((meeting.id, one.who, other.who, place) for other in people[i + 1 :])
    return found


class TestJoins:
    def test_who_met_whom_where(self, case: tuple[sr.Dataset, sqlite3.Connection]) -> None:
        """A join of meetings, participants and places gives the API's answer, pair by pair."""
        dataset, connection = case
        expected = who_met_whom(dataset)
        assert expected  # both datasets have meetings of several participants
        assert [tuple(row) for row in connection.execute(WHO_MET_WHOM)] == expected
        view = connection.execute("SELECT meeting, one, other, place_name FROM meeting_pairs")
        assert [tuple(row) for row in view] == expected

    def test_meeting_participants_view(self, case: tuple[sr.Dataset, sqlite3.Connection]) -> None:
        """Each participant of each meeting, with its name, role and the meeting's date."""
        dataset, connection = case
        expected = [
            (m.id, p.who, dataset.get(p.who).label, p.role.value, m.date.edtf if m.date else None)
            for m in dataset.meetings
            for p in m.participants
        ]
        rows = connection.execute(
            "SELECT meeting, participant, participant_name, role, date FROM meeting_participants"
        )
        assert [tuple(row) for row in rows] == expected

    def test_office_holders_view(self, case: tuple[sr.Dataset, sqlite3.Connection]) -> None:
        """Each office with its holder's and its state's names and its dates."""
        dataset, connection = case
        expected = [
            (
                o.id,
                dataset.get(o.person).label,
                dataset.get(o.organisation).label,
                o.start.edtf if o.start else None,
                o.status.value,
            )
            for o in dataset.offices
        ]
        rows = connection.execute(
            "SELECT office, person_name, organisation_name, start, status FROM office_holders"
        )
        assert [tuple(row) for row in rows] == expected

    def test_cited_paragraphs_agree_with_cited_in(
        self, case: tuple[sr.Dataset, sqlite3.Connection]
    ) -> None:
        """The records citing each paragraph are those of all().cited_in(paragraph)."""
        dataset, connection = case
        for paragraph in range(1, 21):
            rows = connection.execute(
                "SELECT DISTINCT record FROM cited_paragraphs WHERE paragraph = ?", (paragraph,)
            )
            assert {row[0] for row in rows} == {r.id for r in dataset.all().cited_in(paragraph)}

    def test_leaders_view(self, case: tuple[sr.Dataset, sqlite3.Connection]) -> None:
        """The leaders view holds ds.leaders, and entities says which people are leaders."""
        dataset, connection = case
        rows = connection.execute("SELECT id FROM leaders")
        assert [row[0] for row in rows] == [leader.id for leader in dataset.leaders]
        classes = dict(tuple(row) for row in connection.execute("SELECT id, class FROM entities"))
        assert {i for i, c in classes.items() if c == Leader.__name__} == {
            leader.id for leader in dataset.leaders
        }


# -- pandas reads every table and view ------------------------------------------------


def expected_counts(dataset: sr.Dataset) -> dict[str, int]:
    """The rows every table and view should have, worked out from the dataset."""
    sections = dataset.sections()
    counts: collections.Counter[str] = collections.Counter()
    counts["metadata"] = 3
    counts["entities"] = len(list(dataset.records()))
    for name in SECTION_NAMES:
        counts[name] = len(sections[name])
    for (section, field), table in child_tables().items():
        counts[table] += sum(len(getattr(record, field)) for record in sections[section])
    for record in dataset.records():
        for _, citation, subject in located(record):
            counts["citations"] += 1
            counts["citation_paragraphs"] += len(citation.paragraphs)
            counts["date_claims"] += isinstance(subject, DateClaim)
    counts["meeting_participants"] = sum(len(m.participants) for m in dataset.meetings)
    counts["meeting_pairs"] = len(who_met_whom(dataset))
    counts["office_holders"] = len(dataset.offices)
    counts["cited_paragraphs"] = counts["citation_paragraphs"]
    counts["leaders"] = len(dataset.leaders)
    return dict(counts)


class TestPandas:
    def test_every_table_and_view(self, case: tuple[sr.Dataset, sqlite3.Connection]) -> None:
        """read_sql reads every table and view, with the rows the dataset implies."""
        dataset, connection = case
        found = {
            name: len(pd.read_sql(f'SELECT * FROM "{name}"', connection))
            for name in names(connection, "table") + names(connection, "view")
        }
        assert found == expected_counts(dataset)
        assert names(connection, "view") == list(VIEWS)

    def test_column_names_read_as_they_are(
        self, case: tuple[sr.Dataset, sqlite3.Connection]
    ) -> None:
        """Every column is snake case and can be selected without quotes."""
        _, connection = case
        for name in names(connection, "table") + names(connection, "view"):
            frame = pd.read_sql(f"SELECT * FROM {name} LIMIT 1", connection)
            assert all(re.fullmatch("[a-z][a-z0-9_]*", column) for column in frame.columns)
            listed = ", ".join(frame.columns)
            connection.execute(f"SELECT {listed} FROM {name}").fetchall()

    def test_typed_columns(self, bundled: sqlite3.Connection, ds: sr.Dataset) -> None:
        """Whole numbers read as integers, dates' bounds as ISO dates, unknown as missing."""
        frame = pd.read_sql("SELECT * FROM meetings", bundled)
        assert str(frame["count"].dtype) in ("float64", "Int64")  # null count: unknown number
        assert frame["count"].isna().sum() == sum(m.count is None for m in ds.meetings)
        lower = pd.to_datetime(frame["date_lower"])
        assert list(lower.dt.date.astype(str).where(lower.notna(), None)) == [
            None if m.date is None or m.date.lower is None else m.date.lower.isoformat()
            for m in ds.meetings
        ]
        docs = pd.read_sql("SELECT paragraphs FROM documents", bundled)
        assert docs["paragraphs"].tolist() == [d.paragraphs for d in ds.documents]


# -- every reference is a foreign key ---------------------------------------------------


class TestReferences:
    def test_every_reference_field_has_a_foreign_key(self, bundled: sqlite3.Connection) -> None:
        """Every reference field of the plan has a foreign key to the right table.

        A ``ref`` field is a column with one; a ``refs`` or nested field is a join
        table whose reference columns have one.
        """
        tables = child_tables()
        checked = 0
        for section in SECTIONS:
            own = foreign_keys(bundled, section.name)
            assert own["id"] == "entities"
            for step in plan(section.cls):
                if step.kind == "ref":
                    assert own[step.name] == expected_target(step), (section.name, step.name)
                    checked += 1
                elif step.kind == "refs":
                    keys = foreign_keys(bundled, tables[section.name, step.name])
                    assert keys["target"] == expected_target(step), (section.name, step.name)
                    assert keys["record"] in (section.name, "entities")
                    checked += 1
                elif step.kind == "nested":
                    keys = foreign_keys(bundled, tables[section.name, step.name])
                    assert keys["record"] in (section.name, "entities")
                    for inner in plan(step.item):
                        if inner.kind == "ref":
                            assert keys[inner.name] == expected_target(inner)
                            checked += 1
        [document] = [step for step in plan(sr.Citation) if step.kind == "ref"]
        assert foreign_keys(bundled, "citations")[document.name] == "documents"
        assert foreign_keys(bundled, "date_claims")["citation"] == "citations"
        assert foreign_keys(bundled, "citation_paragraphs")["citation"] == "citations"
        assert checked >= 20

    def test_references_are_all_in_foreign_key_columns(
        self, case: tuple[sr.Dataset, sqlite3.Connection]
    ) -> None:
        """Reading every foreign key column gives back each record's references, all of them."""
        dataset, connection = case
        found: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for table in names(connection, "table"):
            if table in PLACED:
                continue
            owner = "id" if table in SECTION_NAMES else "record"
            for column in foreign_keys(connection, table):
                if column == owner:
                    continue
                rows = connection.execute(
                    f'SELECT "{owner}", "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
                )
                for record, target in rows:
                    found[record][target] += 1
        expected = {
            record.id: collections.Counter(references(record)) for record in dataset.records()
        }
        assert found == {key: value for key, value in expected.items() if value}

    def test_every_join_column_is_indexed(
        self, case: tuple[sr.Dataset, sqlite3.Connection]
    ) -> None:
        """Every foreign key column and every date bound leads an index."""
        _, connection = case
        for table in names(connection, "table"):
            leading = set()
            for index in connection.execute(f'PRAGMA index_list("{table}")').fetchall():
                info = connection.execute(f'PRAGMA index_info("{index["name"]}")').fetchall()
                leading.add(info[0]["name"])
            columns = [row["name"] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            wanted = set(foreign_keys(connection, table)) | {
                c for c in columns if c in ("lower", "upper") or c.endswith(("_lower", "_upper"))
            }
            if table == "citations":  # its id is the rowid: no index needed or made
                wanted.discard("id")
            assert wanted <= leading, (table, wanted - leading)


# -- nothing is lost ---------------------------------------------------------------------


def _citation(connection: sqlite3.Connection, number: int) -> dict[str, Any]:
    row = connection.execute("SELECT * FROM citations WHERE id = ?", (number,)).fetchone()
    value: dict[str, Any] = {}
    for step in plan(sr.Citation):
        cell = row[step.name]
        if step.name == "paragraphs":
            cell = [] if cell is None else json.loads(cell)
            rows = connection.execute(
                "SELECT value FROM citation_paragraphs WHERE citation = ? ORDER BY position",
                (number,),
            )
            assert [r[0] for r in rows] == cell
        value[step.name] = cell
    return value


def is_list(step: Step) -> bool:
    """Whether a plain field holds several values (``aliases``, ``topics``)."""
    return step.kind == "value" and typing.get_origin(step.hint) is tuple


def _citations(connection: sqlite3.Connection, record: str, pattern: str) -> list[dict[str, Any]]:
    """The citations of a record whose path matches ``pattern``, in order."""
    rows = connection.execute(
        "SELECT id, path FROM citations WHERE record = ? ORDER BY id", (record,)
    )
    return [_citation(connection, number) for number, path in rows if re.fullmatch(pattern, path)]


def _claims(
    connection: sqlite3.Connection, record: str, path: str, best: str | None
) -> list[dict[str, Any]] | None:
    """A date's claims as JSON values (``None``: undated); ``best`` is the record's column."""
    rows = connection.execute(
        "SELECT edtf, citation, best FROM date_claims WHERE record = ? AND path = ?"
        " ORDER BY position",
        (record, path),
    ).fetchall()
    assert [edtf for edtf, _, flag in rows if flag] == ([] if best is None else [best])
    return [{"value": edtf, "citation": _citation(connection, n)} for edtf, n, _ in rows] or None


def _rebuild(
    connection: sqlite3.Connection, section: str, cls: Any, row: sqlite3.Row, prefix: str
) -> dict[str, Any]:
    """One record (or nested value) as JSON values, read back from the database by the plan."""
    record = row["record"] if prefix else row["id"]
    value: dict[str, Any] = {}
    for step in plan(cls):
        name = step.name
        if step.kind == "citations":
            value[name] = _citations(connection, record, re.escape(prefix + name) + r"\[\d+\]")
        elif step.kind == "citation":
            [value[name]] = _citations(connection, record, re.escape(prefix + name))
        elif step.kind == "dating":
            value[name] = _claims(connection, record, prefix + name, row[name])
        elif prefix and is_list(step):
            value[name] = [] if row[name] is None else json.loads(row[name])
        elif step.kind in ("refs", "nested") or is_list(step):
            table = child_tables()[section, name]
            rows = connection.execute(
                f'SELECT * FROM "{table}" WHERE record = ? ORDER BY position', (record,)
            ).fetchall()
            assert [r["position"] for r in rows] == list(range(len(rows)))
            if step.kind == "nested":
                value[name] = [
                    _rebuild(connection, section, step.item, r, f"{name}[{r['position']}].")
                    for r in rows
                ]
            else:
                value[name] = [r["target" if step.kind == "refs" else "value"] for r in rows]
        else:
            value[name] = row[name]
    return value


def rebuild(connection: sqlite3.Connection) -> sr.Dataset:
    """The dataset read back from its database."""
    metadata = dict(tuple(row) for row in connection.execute("SELECT * FROM metadata"))
    document: dict[str, Any] = {
        "format": int(metadata["dataset_format"]),
        "version": metadata["dataset_version"],
    }
    for section in SECTIONS:
        rows = connection.execute(f'SELECT * FROM "{section.name}" ORDER BY rowid').fetchall()
        document[section.name] = [
            _rebuild(connection, section.name, section.cls, row, "") for row in rows
        ]
    return sr.loads(json.dumps(document))


class TestNothingLost:
    def test_the_bundled_dataset_reads_back_byte_for_byte(
        self, bundled: sqlite3.Connection, ds: sr.Dataset
    ) -> None:
        """Every record, field, citation and date claim comes back: the same dataset file."""
        assert sr.dumps(rebuild(bundled)) == sr.dumps(ds)

    def test_the_edge_cases_read_back(self, edge_db: sqlite3.Connection, edge: sr.Dataset) -> None:
        """The hand-built dataset comes back equal (a figure of 3.0 as the integer 3)."""
        assert rebuild(edge_db) == edge

    def test_citation_paths_are_those_of_verify(
        self, case: tuple[sr.Dataset, sqlite3.Connection]
    ) -> None:
        """Each record's citations, in id order, sit at the paths verify() names."""
        dataset, connection = case
        for record in dataset.records():
            rows = connection.execute(
                "SELECT path FROM citations WHERE record = ? ORDER BY id", (record.id,)
            )
            assert [row[0] for row in rows] == [path for path, _, _ in located(record)]


# -- the edge cases, one by one ----------------------------------------------------------


def one(connection: sqlite3.Connection, sql: str, *values: object) -> tuple[Any, ...]:
    """The one row a query returns."""
    [row] = connection.execute(sql, values).fetchall()
    return tuple(row)


class TestEdgeCases:
    def test_an_undated_record_has_no_date_and_no_claims(self, edge_db: sqlite3.Connection) -> None:
        """Unknown stays unknown: all four date columns NULL, no claim rows, count NULL."""
        sql = "SELECT date, date_lower, date_upper, date_basis, count FROM meetings WHERE id = ?"
        assert one(edge_db, sql, "undated") == (None, None, None, None, None)
        assert one(edge_db, "SELECT count(*) FROM date_claims WHERE record = 'undated'") == (0,)

    @pytest.mark.parametrize(
        ("record", "edtf", "lower", "upper"),
        [
            ("calls", "2013-03/..", "2013-03-01", None),  # open: still going
            ("later", "2013-03/", "2013-03-01", None),  # unknown end
        ],
    )
    def test_open_and_unknown_ends(
        self, edge_db: sqlite3.Connection, record: str, edtf: str, lower: str, upper: None
    ) -> None:
        """An open or unknown end is a NULL bound; the EDTF column tells them apart."""
        sql = "SELECT date, date_lower, date_upper FROM meetings WHERE id = ?"
        assert one(edge_db, sql, record) == (edtf, lower, upper)

    def test_open_start(self, edge_db: sqlite3.Connection) -> None:
        """An open start (../2004) has no lower bound."""
        sql = "SELECT start, start_lower, start_upper FROM offices WHERE id = 'lavrov-minister'"
        assert one(edge_db, sql) == ("../2004", None, "2004-12-31")

    def test_uncertain_date_keeps_its_mark(self, edge_db: sqlite3.Connection) -> None:
        """2020-04-18? stays uncertain in EDTF; its bounds are that day."""
        sql = "SELECT attested, attested_lower, attested_upper FROM offices WHERE id = ?"
        assert one(edge_db, sql, "lavrov-minister") == ("2020-04-18?", "2020-04-18", "2020-04-18")

    def test_a_month_stays_a_month(self, edge_db: sqlite3.Connection) -> None:
        """2013-03 is not padded to a day: its bounds span the month."""
        sql = "SELECT start, start_lower, start_upper FROM offices WHERE id = 'xi-president'"
        assert one(edge_db, sql) == ("2013-03", "2013-03-01", "2013-03-31")

    def test_several_claims(self, edge_db: sqlite3.Connection) -> None:
        """Both claims are rows, each with its citation; the record shows the sharpest."""
        rows = edge_db.execute(
            "SELECT d.edtf, d.lower, d.upper, d.best, d.basis, c.basis, c.paragraphs, c.source,"
            " c.confidence, c.path FROM date_claims AS d JOIN citations AS c ON c.id = d.citation"
            " WHERE d.record = 'visit' ORDER BY d.position"
        )
        assert [tuple(row) for row in rows] == [
            (
                "2013",
                "2013-01-01",
                "2013-12-31",
                0,
                "stated",
                "stated",
                "[2]",
                None,
                None,
                "date[0].citation",
            ),
            (
                "2013-03-22",
                "2013-03-22",
                "2013-03-22",
                1,
                "external",
                "external",
                None,
                "https://example.org/a?b=1&c=<2>",
                "medium",
                "date[1].citation",
            ),
        ]
        sql = "SELECT date, date_basis FROM meetings WHERE id = 'visit'"
        assert one(edge_db, sql) == ("2013-03-22", "external")

    def test_a_nested_date_and_its_claims(self, edge_db: sqlite3.Connection) -> None:
        """A milestone's date is in its row and its claims in date_claims, by path."""
        rows = edge_db.execute(
            "SELECT position, title, date, date_lower, date_upper FROM milestones"
            " WHERE record = 'pipeline' ORDER BY position"
        )
        assert [tuple(row) for row in rows] == [
            (0, "Building", "2014/2016", "2014-01-01", "2016-12-31"),
            (1, "Undated step", None, None, None),
            (2, "Opened", "2019-12-02", "2019-12-02", "2019-12-02"),
        ]
        rows = edge_db.execute(
            "SELECT path, field, position, edtf FROM date_claims WHERE record = 'pipeline'"
        )
        assert [tuple(row) for row in rows] == [
            ("milestones[0].date", "milestones", 0, "2014/2016"),
            ("milestones[2].date", "milestones", 0, "2019"),
            ("milestones[2].date", "milestones", 1, "2019-12-02"),
        ]

    def test_a_participation_with_its_own_citation(self, edge_db: sqlite3.Connection) -> None:
        """A participant's citation is found by its path; one without has none."""
        rows = edge_db.execute(
            "SELECT p.who, c.basis, c.source FROM participants AS p"
            " LEFT JOIN citations AS c ON c.record = p.record"
            " AND c.path LIKE 'participants[' || p.position || '].citations[%'"
            " WHERE p.record = 'visit' ORDER BY p.position"
        )
        assert [tuple(row) for row in rows] == [
            ("xi-jinping", None, None),
            ("russia", "external", "https://example.org/a?b=1&c=<2>"),
            ("lavrov", None, None),
        ]

    def test_an_inferred_citation_keeps_its_note(self, edge_db: sqlite3.Connection) -> None:
        """An inferred citation: its paragraphs, as JSON and as rows, and its note."""
        number, paragraphs, note = one(
            edge_db,
            "SELECT id, paragraphs, note FROM citations WHERE record = 'lavrov' AND position = 1",
        )
        assert (json.loads(paragraphs), note) == ([2, 3], 'after "the visit" & before <the end>')
        rows = edge_db.execute(
            "SELECT value FROM citation_paragraphs WHERE citation = ? ORDER BY position", (number,)
        )
        assert [row[0] for row in rows] == [2, 3]

    @pytest.mark.parametrize(
        ("sql", "expected"),
        [
            (
                "SELECT description FROM people WHERE id = 'lavrov'",
                "<b>Foreign</b> minister & \"diplomat\"\nsecond line, 'quoted'",
            ),
            (
                "SELECT quote FROM statements WHERE id = 'remark'",
                "Line one\nline \"two\"\r\n'three' </script>",
            ),
            ("SELECT name FROM people WHERE id = 'nobody'", "=1+1"),
            ("SELECT value FROM aliases WHERE record = 'xi-jinping' AND position = 0", "习近平"),
            ("SELECT value FROM topics WHERE record = 'treaty' AND position = 1", "<security>"),
            ("SELECT title FROM documents", 'A <test> "document" & co'),
        ],
    )
    def test_text_is_kept_exactly(
        self, edge_db: sqlite3.Connection, sql: str, expected: str
    ) -> None:
        """Quotes, new lines, HTML characters, formulas and other scripts come back as written."""
        assert one(edge_db, sql) == (expected,)

    def test_references_to_several_classes(self, edge_db: sqlite3.Connection) -> None:
        """A place in a country, a place in a place, a statement about a document."""
        rows = edge_db.execute(
            "SELECT p.id, e.section FROM places AS p JOIN entities AS e ON e.id = p.within"
        )
        assert [tuple(row) for row in rows] == [("moscow", "countries"), ("red-square", "places")]
        rows = edge_db.execute(
            "SELECT a.target, e.section FROM about AS a JOIN entities AS e ON e.id = a.target"
            " WHERE a.record = 'remark' ORDER BY a.position"
        )
        assert [tuple(row) for row in rows] == [
            ("treaty", "treaties"),
            ("sco", "organisations"),
            ("doc", "documents"),
        ]

    def test_figures_keep_their_numbers(self, edge_db: sqlite3.Connection) -> None:
        """A fraction stays a REAL, a whole number an INTEGER (3.0 too: NUMERIC affinity)."""
        rows = edge_db.execute(
            "SELECT measure, value, typeof(value), unit FROM figures WHERE record = 'aid'"
        )
        assert [tuple(row) for row in rows] == [
            ("aid", 2.5, "real", "tonnes"),
            ("flights", 3, "integer", None),
        ]


# -- the same bytes every time --------------------------------------------------------------


def digest(dataset: sr.Dataset) -> str:
    """The SHA-256 of the database of a dataset."""
    return hashlib.sha256(render(dataset, format="sqlite")[FILE_NAME]).hexdigest()


class TestDeterminism:
    def test_same_bytes_twice(self, ds: sr.Dataset, edge: sr.Dataset) -> None:
        """Two renders, and a render of the dataset read back from JSON, are the same bytes."""
        for dataset in (ds, edge):
            first = render(dataset, format="sqlite")
            assert render(sr.loads(sr.dumps(dataset)), format="sqlite") == first

    @pytest.mark.parametrize("seed", ["0", "4242"])
    def test_independent_of_hash_seed(
        self, tmp_path: Path, ds: sr.Dataset, edge: sr.Dataset, seed: str
    ) -> None:
        """Another process with another PYTHONHASHSEED writes the same bytes."""
        source = tmp_path / "edge.json"
        source.write_text(json.dumps(EDGE), encoding="utf-8")
        script = (
            "import hashlib, sys, sinorussia as sr\n"
            "from sinorussia._export import render\n"
            "for ds in (sr.load(), sr.load_file(sys.argv[1])):\n"
            "    data = render(ds, format='sqlite')['sinorussia.sqlite']\n"
            "    print(hashlib.sha256(data).hexdigest())\n"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        done = subprocess.run(
            [sys.executable, "-c", script, str(source)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert done.stdout.split() == [digest(ds), digest(edge)]
