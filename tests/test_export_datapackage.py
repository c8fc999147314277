"""The csv export as a Frictionless Data Package: valid, checked, complete and stable.

``frictionless.validate`` is the judge: the export of the bundled data and of a
small dataset of edge cases is valid, and a copy broken on purpose (a dangling
id, a value outside its vocabulary) is not. Every reference field of the model,
found through the field plan, is a foreign key: an id made to dangle in any of
them is reported.
"""

from __future__ import annotations

import copy
import csv
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import sinorussia as sr
from sinorussia import _datapackage as datapackage
from sinorussia._dataset import SECTIONS
from sinorussia._export import export, render, text_columns
from sinorussia._flat import columns
from sinorussia._plan import citations, plan
from sinorussia._schema import EDTF_PATTERN

frictionless = pytest.importorskip("frictionless")

PROFILE = Path(__file__).parent / "data" / "datapackage-v2" / "datapackage.json"
FIELDS = ["rowNumber", "fieldNumber", "type", "message"]

_STATED = {"basis": "stated", "document": "doc", "paragraphs": [1]}


def _stated(*paragraphs: int) -> dict[str, Any]:
    return {"basis": "stated", "document": "doc", "paragraphs": list(paragraphs)}


def _external(source: str, note: str = "Confirmed elsewhere.") -> dict[str, Any]:
    return {"basis": "external", "source": source, "confidence": "high", "note": note}


def _date(*claims: tuple[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"value": value, "citation": citation} for value, citation in claims]


# A small dataset that uses every reference field of the model at least once,
# with the edge cases: unknown, open and uncertain dates, several claims,
# external and inferred citations, a statement about a document, text with
# quotes, line breaks, HTML and formula characters, a negative and a decimal figure.
EDGE: dict[str, Any] = {
    "format": 2,
    "version": "edge-1",
    "documents": [
        {
            "id": "doc",
            "title": 'A "test" document <with> HTML & more',
            "language": "en",
            "paragraphs": 5,
            "sha256": "0" * 64,
        },
        {
            "id": "other",
            "title": "Another document",
            "language": "ru",
            "paragraphs": 2,
            "sha256": "1" * 64,
            "url": "https://example.org/other",
            "date": _date(
                (
                    "2021-03-23/2021-12-31",
                    {
                        "basis": "inferred",
                        "document": "doc",
                        "paragraphs": [2],
                        "note": "=cmd|' /C calc'!A0",
                    },
                )
            ),
        },
    ],
    "countries": [
        {
            "id": "china",
            "citations": [_STATED, _external("https://www.wikidata.org/wiki/Q148")],
            "name": "China",
            "official_name": "People's Republic of China",
            "alpha2": "CN",
            "alpha3": "CHN",
            "aliases": ["中国", "PRC"],
            "wikidata": "Q148",
        },
        {"id": "russia", "citations": [_STATED], "name": "Russia"},
    ],
    "organisations": [
        {
            "id": "sco",
            "citations": [_stated(2)],
            "name": "Shanghai Cooperation Organisation",
            "kind": "intergovernmental",
            "members": ["china", "russia"],
            "aliases": ["SCO", "Shanghai; Cooperation"],
        },
        {
            "id": "gazprom",
            "citations": [_stated(3)],
            "name": "Gazprom",
            "kind": "state_corporation",
            "country": "russia",
        },
    ],
    "places": [
        {
            "id": "moscow",
            "citations": [_STATED],
            "name": "Moscow",
            "kind": "city",
            "within": "russia",
        },
        {
            "id": "red-square",
            "citations": [_STATED],
            "name": "Red Square",
            "kind": "square",
            "within": "moscow",
            "aliases": ['=HYPERLINK("https://example.org","click")'],
        },
    ],
    "people": [
        {
            "id": "xi-jinping",
            "citations": [_STATED],
            "name": "Xi Jinping",
            "aliases": ["习近平"],
            "nationality": "china",
            "wikidata": "Q15031",
        },
        {
            "id": "vladimir-putin",
            "citations": [_STATED],
            "name": "Vladimir Putin",
            "nationality": "russia",
        },
        {
            "id": "envoy",
            "citations": [_stated(4)],
            "name": "- An envoy",
            "description": "+ A diplomat,\nwith a second line",
        },
    ],
    "offices": [
        {
            "id": "xi-president",
            "citations": [_STATED],
            "person": "xi-jinping",
            "post": "President",
            "role": "head_of_state",
            "organisation": "china",
            "start": _date(("2013-03", _STATED)),
            "status": "ongoing",
        },
        {
            "id": "envoy-post",
            "citations": [_stated(4)],
            "person": "envoy",
            "post": "Ambassador",
            "role": "ambassador",
            "organisation": "china",
            "posted_to": "russia",
            "start": _date(("2015/..", _stated(4))),
            "end": _date(("2021~", _stated(4))),
            "status": "ended",
            "attested": _date(("2020-04-18?", _stated(4))),
        },
        {
            "id": "putin-chair",
            "citations": [_stated(3)],
            "person": "vladimir-putin",
            "post": "Chair",
            "role": "other",
            "organisation": "gazprom",
            "status": "unknown",
        },
    ],
    "meetings": [
        {
            "id": "visit",
            "citations": [
                _stated(2),
                {"basis": "inferred", "document": "doc", "paragraphs": [3], "note": "From ¶3."},
            ],
            "title": 'A "visit", with <b>HTML</b> & a\nsecond line',
            "kind": "state_visit",
            "participants": [
                {
                    "who": "xi-jinping",
                    "role": "guest",
                    "citations": [_external('=HYPERLINK("https://example.org/visit")')],
                },
                {
                    "who": "russia",
                    "role": "host",
                    "citations": [
                        {"basis": "inferred", "document": "doc", "paragraphs": [2], "note": "Host."}
                    ],
                },
            ],
            "place": "red-square",
            "date": _date(("2013", _stated(2)), ("2013-03-22", _external("https://example.org/v"))),
            "commemorates": "victory",
        },
        {
            "id": "calls",
            "citations": [_stated(5)],
            "title": "Frequent calls",
            "kind": "phone_call",
            "participants": [{"who": "sco", "role": "participant"}],
            "date": _date(("2013-03/2021", _stated(5))),
            "count": None,
            "commemorates": "visit",
        },
        {
            "id": "signing",
            "citations": [_stated(1)],
            "title": "The signing",
            "kind": "ceremony",
            "date": _date(("2001-07-16", _external("https://example.org/signing"))),
        },
    ],
    "happenings": [
        {
            "id": "victory",
            "citations": [_stated(1)],
            "title": "Victory",
            "kind": "military_victory",
            "participants": [
                {"who": "china", "role": "actor", "citations": [_stated(1)]},
                {"who": "russia", "role": "actor"},
            ],
            "place": "russia",
            "date": _date(("1945-05-09", _stated(1))),
        },
        {
            "id": "aid",
            "citations": [_stated(3)],
            "title": "@aid flight",
            "kind": "aid_delivery",
            "participants": [
                {"who": "china", "role": "recipient"},
                {"who": "russia", "role": "actor"},
            ],
            "place": "china",
            "origin": "moscow",
            "date": _date(("2020-04-18?", _stated(3))),
            "about": ["treaty", "other"],
            "figures": [
                {"measure": "@medical aid", "value": 23.5, "unit": "-tonnes"},
                {"measure": "change", "value": -5},
            ],
        },
        {
            "id": "pandemic",
            "citations": [_stated(3)],
            "title": "A pandemic",
            "kind": "pandemic",
            "date": _date(("2019-12/..", _stated(3))),
        },
    ],
    "treaties": [
        {
            "id": "treaty",
            "citations": [_stated(1), _external("https://example.org/treaty")],
            "name": "Treaty of Good-Neighbourliness",
            "kind": "treaty",
            "aliases": ["Договор"],
            "parties": ["china", "russia", "sco"],
            "signed": _date(("2001", _stated(1)), ("2001-07-16", _external("https://e.org/t"))),
            "place": "moscow",
            "signatories": [
                {"who": "xi-jinping", "role": "signatory", "citations": [_stated(1)]},
                {"who": "vladimir-putin", "role": "signatory"},
            ],
            "in_force": _date(("2002", _stated(1))),
            "concerns": "+ friendship; borders",
            "topics": ["friendship", "-borders"],
            "signed_at": "signing",
        }
    ],
    "projects": [
        {
            "id": "pipeline",
            "citations": [_stated(4)],
            "name": "Pipeline",
            "sector": "energy",
            "status": "in_operation",
            "aliases": ["Power of Siberia"],
            "parties": ["china", "gazprom"],
            "location": "moscow",
            "milestones": [
                {
                    "title": "=Start",
                    "status": "under_construction",
                    "date": _date(("2014-09", _stated(4))),
                    "citations": [_stated(4)],
                },
                {
                    "title": "Production",
                    "status": "in_operation",
                    "date": _date(
                        ("2019", _stated(4)), ("2019-12-02", _external("https://e.org/p"))
                    ),
                    "citations": [_stated(4), _external("https://e.org/p")],
                },
            ],
            "agreements": ["treaty"],
        }
    ],
    "statements": [
        {
            "id": "quote",
            "citations": [_stated(5)],
            "kind": "quotation",
            "speaker": "vladimir-putin",
            "text": 'He said "hello"',
            "quote": "Hello, <friends>!",
            "topics": ["greetings"],
            "about": ["treaty", "doc", "visit"],
            "date": _date(("2020-04-18?", _stated(5))),
            "place": "moscow",
            "occasion": "aid",
            "figures": [{"measure": "rank", "value": 1}],
        },
        {
            "id": "claim",
            "citations": [_stated(5)],
            "kind": "claim",
            "text": "=SUM(A1:A2) is no formula here",
            "about": ["china"],
            "date": _date(("/2019", _stated(5))),
            "occasion": "visit",
        },
    ],
}


def edge() -> sr.Dataset:
    """A fresh copy of the edge-case dataset (its records shared with no other test)."""
    return sr.loads(json.dumps(EDGE))


def validate(path: Path) -> Any:
    """Frictionless's report on a datapackage.json."""
    return frictionless.validate(str(path))


def assert_valid(path: Path) -> None:
    """The package is valid; otherwise show Frictionless's errors."""
    report = validate(path)
    assert report.valid, report.flatten(FIELDS)


def error_types(path: Path) -> set[str]:
    """The kinds of error Frictionless reports on a package."""
    return {error[2] for error in validate(path).flatten(FIELDS)}


def read(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def descriptor(folder: Path) -> dict[str, Any]:
    """The descriptor of an export."""
    value: dict[str, Any] = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return value


def resource(folder: Path, name: str) -> dict[str, Any]:
    """One resource of an export's descriptor."""
    found: dict[str, Any] = next(r for r in descriptor(folder)["resources"] if r["name"] == name)
    return found


def rewrite(folder: Path, name: str, old: str, new: str) -> None:
    """Change one table's text and update its size and hash, so only the change is wrong."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    package = descriptor(folder)
    data = path.read_bytes()
    for entry in package["resources"]:
        if entry["path"] == name:
            entry["bytes"] = len(data)
            entry["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory, ds: sr.Dataset) -> Path:
    """The csv export of the bundled dataset."""
    folder = tmp_path_factory.mktemp("bundled")
    export(ds, folder, format="csv")
    return folder


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The csv export of the edge-case dataset."""
    folder = tmp_path_factory.mktemp("edges")
    export(edge(), folder, format="csv")
    return folder


@pytest.fixture
def broken(tmp_path: Path, edges: Path) -> Path:
    """A copy of the edge-case export, to break."""
    for path in edges.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    return tmp_path


class TestValid:
    def test_the_bundled_export_is_valid(self, bundled: Path) -> None:
        """Frictionless finds the bundled data's package valid."""
        assert_valid(bundled / "datapackage.json")

    def test_the_edge_cases_are_valid(self, edges: Path) -> None:
        """Frictionless finds the edge cases' package valid."""
        assert_valid(edges / "datapackage.json")

    @pytest.mark.parametrize("which", ["bundled", "edges"])
    def test_the_official_profile_accepts_the_descriptor(
        self, which: str, request: pytest.FixtureRequest
    ) -> None:
        """The Data Package v2 JSON Schema accepts it, but for the `list` type it forgets.

        The published profile leaves `list` out of its field types
        (frictionlessdata/datapackage issue 1089): those errors, and only those, are expected.
        """
        folder: Path = request.getfixturevalue(which)
        package = descriptor(folder)
        profile = json.loads(PROFILE.read_text(encoding="utf-8"))
        validator = jsonschema.Draft7Validator(profile, format_checker=jsonschema.FormatChecker())
        others = []
        lists = 0
        for error in validator.iter_errors(package):
            where = list(error.path)
            if where[2:4] == ["schema", "fields"] and len(where) == 5:
                field = package["resources"][where[1]]["schema"]["fields"][where[4]]
                if field["type"] == "list":
                    lists += 1
                    continue
            others.append((where, error.message))
        assert others == []
        assert lists == sum(
            field["type"] == "list"
            for entry in package["resources"]
            for field in entry["schema"]["fields"]
        )

    def test_the_profile_catches_a_bad_descriptor(self, edges: Path) -> None:
        """The profile check can fail: a resource of an unknown type is refused."""
        package = descriptor(edges)
        package["resources"][0]["type"] = "spreadsheet"
        profile = json.loads(PROFILE.read_text(encoding="utf-8"))
        assert not jsonschema.Draft7Validator(profile).is_valid(package)

    def test_package_metadata(self, bundled: Path, ds: sr.Dataset) -> None:
        """Name, the dataset's version, a licence, the documents as sources, the v2 profile."""
        package = descriptor(bundled)
        assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
        assert package["name"] == "sinorussia"
        assert package["version"] == ds.version
        assert package["title"]
        assert package["description"]
        assert package["licenses"] == [
            {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
        ]
        assert package["sources"] == [{"title": doc.title} for doc in ds.documents]
        assert "profile" not in package

    def test_a_document_url_is_a_source_path(self, edges: Path) -> None:
        """A document with an address is a source with a path."""
        assert descriptor(edges)["sources"] == [
            {"title": EDGE["documents"][0]["title"]},
            {"title": "Another document", "path": "https://example.org/other"},
        ]

    def test_every_table_is_a_resource(self, bundled: Path) -> None:
        """Each CSV file written is one tabular resource, with its size and hash."""
        tables = {p.name for p in bundled.iterdir() if p.suffix == ".csv"}
        resources = descriptor(bundled)["resources"]
        assert sorted(r["path"] for r in resources) == sorted(tables)
        for entry in resources:
            data = (bundled / entry["path"]).read_bytes()
            assert entry["type"] == "table"
            assert entry["path"] == f"{entry['name']}.csv"
            assert entry["bytes"] == len(data)
            assert entry["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"

    def test_fields_are_in_column_order(self, bundled: Path) -> None:
        """Each schema lists the table's columns in order; section tables keep their columns."""
        for entry in descriptor(bundled)["resources"]:
            with (bundled / entry["path"]).open(encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle))
            assert [field["name"] for field in entry["schema"]["fields"]] == header
        for section in SECTIONS:
            fields = resource(bundled, section.name)["schema"]["fields"]
            assert [field["name"] for field in fields] == columns(section.cls)

    def test_every_column_is_typed(self, bundled: Path) -> None:
        """Every column has a type; ids, dates, numbers and vocabularies are what they are."""
        types = {}
        for entry in descriptor(bundled)["resources"]:
            for field in entry["schema"]["fields"]:
                assert field["type"] in {"string", "integer", "number", "boolean", "date", "list"}
                types[entry["name"], field["name"]] = field
        assert types["meetings", "date_lower"]["type"] == "date"
        assert types["meetings", "date_lower"]["missingValues"][0]["value"] == ""
        assert types["meetings", "count"]["type"] == "integer"
        assert types["figures", "value"]["type"] == "number"
        assert types["date_claims", "best"]["type"] == "boolean"
        assert types["documents", "paragraphs"]["type"] == "integer"
        paragraphs = types["meetings", "paragraphs"]
        assert (paragraphs["type"], paragraphs["itemType"]) == ("list", "integer")
        assert paragraphs["delimiter"] == "; "
        assert types["meetings", "kind"]["constraints"]["enum"] == [k.value for k in sr.MeetingKind]
        assert types["countries", "wikidata"]["constraints"]["pattern"] == "(Q[1-9][0-9]*)"
        assert types["countries", "alpha3"]["constraints"]["pattern"] == "([A-Z]{3})"
        assert types["meetings", "id"]["constraints"] == {
            "required": True,
            "pattern": "[a-z0-9]+(-[a-z0-9]+)*",
        }
        assert types["meetings", "title"]["constraints"] == {"required": True}
        assert "constraints" not in types["meetings", "sources"]
        assert types["meetings", "date"]["constraints"]["pattern"] == datapackage.EDTF

    def test_primary_keys(self, bundled: Path) -> None:
        """Every section table is keyed by id; the other tables by what identifies a row."""
        for entry in descriptor(bundled)["resources"]:
            key = entry["schema"]["primaryKey"]
            if entry["name"] in {s.name for s in SECTIONS} | {"entities"}:
                assert key == ["id"], entry["name"]
            else:
                assert key[0] == "record", entry["name"]


class TestReading:
    def test_frictionless_reads_the_values_back(self, edges: Path) -> None:
        """Typed rows: text as written (quotes, line breaks, HTML), dates, lists, numbers."""
        package = frictionless.Package(str(edges / "datapackage.json"))
        meetings = {row["id"]: row for row in package.get_resource("meetings").read_rows()}
        visit = meetings["visit"]
        assert visit["title"] == EDGE["meetings"][0]["title"]
        assert visit["date"] == "2013-03-22"
        assert visit["date_lower"] == datetime.date(2013, 3, 22)
        assert visit["paragraphs"] == [2, 3]
        assert visit["participants"] == ["xi-jinping:guest", "russia:host"]
        assert meetings["calls"]["count"] is None
        figures = package.get_resource("figures").read_rows()
        assert [row["value"] for row in figures][:2] == [23.5, -5]
        claims = package.get_resource("date_claims").read_rows()
        pandemic = next(row for row in claims if row["record"] == "pandemic")
        assert (pandemic["lower"], pandemic["upper"], pandemic["best"]) == (
            datetime.date(2019, 12, 1),
            None,
            True,
        )

    def test_the_bundled_lists_read_back_exactly(self, bundled: Path, ds: sr.Dataset) -> None:
        """No item of a bundled list cell holds the delimiter, so each list reads back whole."""
        package = frictionless.Package(str(bundled / "datapackage.json"))
        for section in SECTIONS:
            steps = [s for s in plan(section.cls) if s.kind == "value" and s.item is str]
            rows = package.get_resource(section.name).read_rows()
            for record, row in zip(ds.sections()[section.name], rows, strict=True):
                for step in steps:
                    items = list(row[step.name] or ())
                    if items and items[0].startswith("'"):  # the formula protection, undone
                        items[0] = items[0][1:]
                    assert tuple(items) == getattr(record, step.name), step.name

    @pytest.mark.parametrize(
        "value",
        [
            "2019",
            "2019-06",
            "2019-06-30",
            "2019-02-30",
            "2020-04-18?",
            "2021~",
            "2019-06%",
            "2013-03/2021",
            "2015/..",
            "../2015",
            "/2019",
            "2019/",
            "0001",
            "0000",
            "2019-13",
            "2019-06-32",
            "2019??",
            "..",
            "/",
            "../..",
            "2019/2020/2021",
            "-0044",
            "2019-6",
            "20190",
        ],
    )
    def test_the_edtf_pattern_is_the_schemas(self, value: str) -> None:
        """The date pattern of the package accepts what the JSON Schema accepts, no more."""
        ours = re.fullmatch(datapackage.EDTF, value) is not None
        assert ours == (re.fullmatch(EDTF_PATTERN, value) is not None)


class TestBroken:
    def test_a_dangling_id_in_a_join_table(self, broken: Path) -> None:
        """A party that is no record: a foreign-key error."""
        rewrite(
            broken,
            "treaties_parties.csv",
            "treaty,1,russia,countries",
            "treaty,1,nowhere,countries",
        )
        assert error_types(broken / "datapackage.json") == {"foreign-key"}

    def test_a_target_of_the_wrong_class(self, broken: Path) -> None:
        """A participant that exists but in a section the field cannot name: a foreign-key error."""
        rewrite(
            broken,
            "participants.csv",
            "visit,participants,1,russia,countries",
            "visit,participants,1,russia,places",
        )
        assert error_types(broken / "datapackage.json") == {"foreign-key", "constraint-error"}

    def test_a_dangling_participant(self, broken: Path) -> None:
        """A participant that is no record: a foreign-key error."""
        rewrite(
            broken, "participants.csv", "calls,participants,0,sco,", "calls,participants,0,nobody,"
        )
        assert error_types(broken / "datapackage.json") == {"foreign-key"}

    def test_a_dangling_reference_in_a_section_table(self, broken: Path) -> None:
        """A nationality that is no country: a foreign-key error."""
        rewrite(broken, "people.csv", ",china,", ",atlantis,")
        assert error_types(broken / "datapackage.json") == {"foreign-key"}

    def test_a_value_outside_its_vocabulary(self, broken: Path) -> None:
        """A meeting kind outside the vocabulary: a constraint error."""
        rewrite(broken, "meetings.csv", ",state_visit,", ",picnic,")
        assert error_types(broken / "datapackage.json") == {"constraint-error"}

    def test_a_bad_wikidata_id(self, broken: Path) -> None:
        """A Wikidata id that is no QID: a constraint error."""
        rewrite(broken, "countries.csv", ",Q148", ",P148")
        assert error_types(broken / "datapackage.json") == {"constraint-error"}

    def test_a_bound_that_is_no_day(self, broken: Path) -> None:
        """A date bound that is no day: a type error."""
        rewrite(broken, "date_claims.csv", ",1945-05-09,1945-05-09,", ",1945-05-09,1945-05-32,")
        assert error_types(broken / "datapackage.json") == {"type-error"}

    def test_a_missing_required_value(self, broken: Path) -> None:
        """A citation without its basis: a constraint error."""
        rewrite(broken, "citations.csv", "visit,citations[0],stated,", "visit,citations[0],,")
        assert error_types(broken / "datapackage.json") == {"constraint-error"}

    def test_a_repeated_record(self, broken: Path) -> None:
        """An id listed twice in entities.csv: a primary-key error."""
        rewrite(
            broken,
            "entities.csv",
            "russia,countries,country,Russia\n",
            "russia,countries,country,Russia\nrussia,countries,country,Russia\n",
        )
        assert "primary-key" in error_types(broken / "datapackage.json")

    def test_a_changed_file(self, broken: Path) -> None:
        """A table changed after the export no longer matches its hash."""
        path = broken / "meetings.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("Frequent", "Rare"), "utf-8")
        assert "hash-count" in error_types(broken / "datapackage.json")


# -- every reference is a foreign key ------------------------------------------------


def reference_paths(cls: type, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every reference a class holds, from the field plan.

    Its own reference fields, those of its nested values (a participant's ``who``)
    and the document of every citation (its own, its nested values', its dates').
    """
    for step in plan(cls):
        path = (*prefix, step.name)
        if step.kind in ("ref", "refs"):
            yield path
        elif step.kind == "nested":
            yield from reference_paths(step.item, path)
        elif step.kind in ("citation", "citations", "dating"):
            yield from reference_paths(sr.Citation, path)


PATHS = [(section.name, path) for section in SECTIONS for path in reference_paths(section.cls)]


def corrupted(value: Any, path: tuple[str, ...], target: str) -> Any:
    """The field ``path[0]`` of ``value`` with its first reference at ``path`` set to ``target``.

    ``None`` when there is no reference there to change.
    """
    name, rest = path[0], path[1:]
    current = getattr(value, name)
    if not rest:
        if isinstance(current, str):
            return target
        if isinstance(current, tuple) and current:
            return (target, *current[1:])
        return None
    if isinstance(current, sr.Dating):
        claims = list(current.claims)
        for index, claim in enumerate(claims):
            new = corrupted(claim.citation, rest, target)
            if new is not None:
                citation = attrs.evolve(claim.citation, **{rest[0]: new})
                claims[index] = attrs.evolve(claim, citation=citation)
                return sr.Dating(tuple(claims))
        return None
    if isinstance(current, tuple):
        for index, item in enumerate(current):
            new = corrupted(item, rest, target)
            if new is not None:
                return (
                    *current[:index],
                    attrs.evolve(item, **{rest[0]: new}),
                    *current[index + 1 :],
                )
    return None


class TestEveryReferenceIsAForeignKey:
    def test_the_plan_has_references(self) -> None:
        """The walk finds the references of every kind (guards the walk itself)."""
        found = set(PATHS)
        assert ("meetings", ("participants", "who")) in found
        assert ("treaties", ("signatories", "citations", "document")) in found
        assert ("projects", ("milestones", "date", "document")) in found
        assert ("statements", ("about",)) in found
        assert ("offices", ("posted_to",)) in found

    def test_a_dangling_id_in_any_reference_is_reported(self, tmp_path: Path) -> None:
        """An id made to dangle in each reference of the plan: Frictionless reports every one."""
        dataset = edge()
        unused = []
        made: dict[str, tuple[str, tuple[str, ...]]] = {}
        for number, (name, path) in enumerate(PATHS):
            target = f"missing-{number}"
            records = getattr(dataset, name)
            for record in records:
                new = corrupted(record, path, target)
                if new is not None:
                    # Past the validators, as a record built in Python could be.
                    object.__setattr__(record, path[0], new)
                    made[target] = (name, path)
                    break
            else:
                unused.append((name, path))
        assert unused == [], "the edge-case dataset should use every reference field"
        export(dataset, tmp_path, format="csv")
        report = validate(tmp_path / "datapackage.json")
        reported = " ".join(
            message for _, _, kind, message in report.flatten(FIELDS) if kind == "foreign-key"
        )
        missed = [
            (name, ".".join(path))
            for target, (name, path) in made.items()
            if f'"{target}"' not in reported and f'"{target}, ' not in reported
        ]
        assert missed == []


# -- what the tables hold ------------------------------------------------------------


class TestRows:
    def test_entities_hold_every_record_once(self, bundled: Path, ds: sr.Dataset) -> None:
        """entities.csv: every record, in file order, with its section and class."""
        rows = read(bundled / "entities.csv")
        expected = [
            (record.id, name, type(record).__name__.lower())
            for name, records in ds.sections().items()
            for record in records
        ]
        assert [(r["id"], r["section"], r["type"]) for r in rows] == expected
        assert {r["type"] for r in rows if r["section"] == "people"} == {"leader", "person"}

    def test_participants(self, bundled: Path, ds: sr.Dataset) -> None:
        """participants.csv: every participant and signatory, with their sections and roles."""
        rows = read(bundled / "participants.csv")
        expected = []
        for name in ("meetings", "happenings", "treaties"):
            for record in ds.sections()[name]:
                field = "signatories" if name == "treaties" else "participants"
                for index, who in enumerate(getattr(record, field)):
                    expected.append((record.id, field, str(index), who.who, who.role.value))
        assert [
            (r["record"], r["field"], r["index"], r["who"], r["role"]) for r in rows
        ] == expected
        for row in rows:
            assert row["who_section"] == next(
                n
                for n, records in ds.sections().items()
                if any(r.id == row["who"] for r in records)
            )

    def test_a_participants_own_citations(self, edges: Path) -> None:
        """A participant's own citations give its bases and sources; none: empty cells."""
        rows = {(r["record"], r["index"]): r for r in read(edges / "participants.csv")}
        assert rows["visit", "1"]["paragraphs"] == "2"
        assert rows["visit", "1"]["bases"] == "inferred"
        assert rows["visit", "0"]["bases"] == "external"
        assert rows["calls", "0"]["bases"] == ""

    def test_join_tables_hold_every_id(self, bundled: Path, ds: sr.Dataset) -> None:
        """Each multi-valued reference field: one row per id, in order."""
        for section in SECTIONS:
            for step in plan(section.cls):
                if step.kind != "refs":
                    continue
                expected = [
                    (record.id, str(index), target)
                    for record in ds.sections()[section.name]
                    for index, target in enumerate(getattr(record, step.name))
                ]
                path = bundled / f"{section.name}_{step.name}.csv"
                rows = read(path) if path.exists() else []
                assert [(r["record"], r["index"], r["target"]) for r in rows] == expected

    def test_citations_hold_every_citation(self, bundled: Path, ds: sr.Dataset) -> None:
        """citations.csv: as many rows as citations, with their paths, bases and sources."""
        rows = read(bundled / "citations.csv")
        expected = [(record.id, c) for record in ds.records() for c in citations(record)]
        assert len(rows) == len(expected)
        for row, (record, citation) in zip(rows, expected, strict=True):
            assert row["record"] == record
            assert row["basis"] == citation.basis.value
            assert row["document"] == (citation.document or "")
            assert row["paragraphs"] == "; ".join(map(str, citation.paragraphs))
            assert row["source"] == (citation.source or "")
        assert len({(r["record"], r["path"]) for r in rows}) == len(rows)

    def test_citation_paths(self, edges: Path) -> None:
        """A citation's path says where it sits in its record."""
        paths = {(r["record"], r["path"]) for r in read(edges / "citations.csv")}
        assert {
            ("visit", "citations[1]"),
            ("visit", "date[1].citation"),
            ("visit", "participants[1].citations[0]"),
            ("pipeline", "milestones[1].date[0].citation"),
            ("pipeline", "milestones[1].citations[1]"),
            ("other", "date[0].citation"),
        } <= paths

    def test_every_date_claim_with_its_precision(self, edges: Path) -> None:
        """date_claims.csv keeps each claim as given, and its bounds; empty where unbounded."""
        rows = {(r["record"], r["field"], r["index"]): r for r in read(edges / "date_claims.csv")}

        def claim(record: str, field: str, index: str = "0") -> tuple[str, ...]:
            row = rows[record, field, index]
            return row["value"], row["lower"], row["upper"], row["best"], row["basis"]

        assert claim("visit", "date") == ("2013", "2013-01-01", "2013-12-31", "false", "stated")
        assert claim("visit", "date", "1") == (
            "2013-03-22",
            "2013-03-22",
            "2013-03-22",
            "true",
            "external",
        )
        assert claim("xi-president", "start") == (
            "2013-03",
            "2013-03-01",
            "2013-03-31",
            "true",
            "stated",
        )
        assert claim("pandemic", "date")[:3] == ("2019-12/..", "2019-12-01", "")
        assert claim("claim", "date")[:3] == ("/2019", "", "2019-12-31")
        assert claim("envoy-post", "attested")[0] == "2020-04-18?"
        assert claim("envoy-post", "end")[:3] == ("2021~", "2021-01-01", "2021-12-31")
        assert claim("pipeline", "milestones[1].date", "1")[0] == "2019-12-02"
        assert rows["visit", "date", "1"]["citation"] == "date[1].citation"

    def test_one_best_claim_per_date(self, bundled: Path) -> None:
        """Exactly one claim of each date is the best."""
        best: dict[tuple[str, str], int] = {}
        for row in read(bundled / "date_claims.csv"):
            key = (row["record"], row["field"])
            best[key] = best.get(key, 0) + (row["best"] == "true")
        assert set(best.values()) == {1}

    def test_figures_keep_their_numbers(self, edges: Path) -> None:
        """figures.csv: the value as a number, negative and decimal ones included."""
        rows = [
            (r["record"], r["measure"], r["value"], r["unit"]) for r in read(edges / "figures.csv")
        ]
        assert ("aid", "'@medical aid", "23.5", "'-tonnes") in rows
        assert ("aid", "change", "-5", "") in rows

    def test_milestones(self, edges: Path) -> None:
        """milestones.csv: each milestone with its status and date."""
        rows = read(edges / "milestones.csv")
        assert [(r["index"], r["status"], r["date"]) for r in rows] == [
            ("0", "under_construction", "2014-09"),
            ("1", "in_operation", "2019-12-02"),
        ]


class TestFormulas:
    def test_text_cells_of_the_new_tables_are_neutralised(self, edges: Path) -> None:
        """Labels, notes, sources, milestone titles and figures are protected; ids are not."""
        labels = {r["id"]: r["label"] for r in read(edges / "entities.csv")}
        assert labels["claim"] == "'=SUM(A1:A2) is no formula here"
        assert labels["aid"] == "'@aid flight"
        assert labels["envoy"] == "'- An envoy"
        notes = {(r["record"], r["path"]): r for r in read(edges / "citations.csv")}
        assert notes["other", "date[0].citation"]["note"] == "'=cmd|' /C calc'!A0"
        source = notes["visit", "participants[0].citations[0]"]["source"]
        assert source == '\'=HYPERLINK("https://example.org/visit")'
        participant = read(edges / "participants.csv")[0]
        assert participant["sources"] == '\'=HYPERLINK("https://example.org/visit")'
        assert read(edges / "milestones.csv")[0]["title"] == "'=Start"

    def test_the_text_columns_follow_the_plan(self) -> None:
        """Nested tables protect what their values' flat tables protect."""
        found = {
            table.name: table.text
            for table in datapackage.tables(edge(), text_columns)
            if table.name in {"participants", "milestones", "figures", "entities", "citations"}
        }
        assert found == {
            "participants": text_columns(sr.Participant),
            "milestones": text_columns(sr.Milestone),
            "figures": text_columns(sr.Quantity),
            "entities": frozenset({"label"}),
            "citations": frozenset({"source", "note"}),
        }
        assert found["figures"] == {"measure", "unit"}


class TestFiles:
    def test_an_empty_dataset_writes_nothing(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """No record, no package (a package needs a resource); an earlier one is removed."""
        export(ds, tmp_path, format="csv")
        assert export(sr.Dataset(version="empty"), tmp_path, format="csv") == []
        assert list(tmp_path.iterdir()) == []

    def test_only_documents(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """A package of documents alone is valid: no key points at a table that is not there."""
        written = export(
            sr.Dataset(version="d", documents=tuple(ds.documents)), tmp_path, format="csv"
        )
        assert [p.name for p in written] == [
            "citations.csv",
            "datapackage.json",
            "date_claims.csv",
            "documents.csv",
            "entities.csv",
        ]
        assert_valid(tmp_path / "datapackage.json")

    def test_every_file_is_known(self, bundled: Path, edges: Path) -> None:
        """Every file the export writes is one a later export may remove when stale."""
        for folder in (bundled, edges):
            assert {p.name for p in folder.iterdir()} <= datapackage.FILES

    def test_a_stale_join_table_is_removed(self, tmp_path: Path) -> None:
        """A join table left from an export whose field is now empty goes."""
        export(edge(), tmp_path, format="csv")
        assert (tmp_path / "projects_agreements.csv").exists()
        fewer = copy.deepcopy(EDGE)
        fewer["projects"][0]["agreements"] = []
        export(sr.loads(json.dumps(fewer)), tmp_path, format="csv")
        assert not (tmp_path / "projects_agreements.csv").exists()
        assert_valid(tmp_path / "datapackage.json")


class TestDeterminism:
    def test_the_same_bytes_twice(self) -> None:
        """Rendering twice gives the same bytes."""
        assert render(edge(), format="csv") == render(edge(), format="csv")

    def test_the_same_bytes_with_another_hash_seed(self, tmp_path: Path) -> None:
        """Another PYTHONHASHSEED, another process: the same bytes, file by file."""
        data = tmp_path / "edge.json"
        data.write_text(json.dumps(EDGE), encoding="utf-8")
        script = (
            "import hashlib, sys, sinorussia as sr\n"
            "from sinorussia._export import render\n"
            "for ds in (sr.load(), sr.load_file(sys.argv[1])):\n"
            "    for name, body in sorted(render(ds, format='csv').items()):\n"
            "        print(name, hashlib.sha256(body).hexdigest())\n"
        )
        env = {**os.environ, "PYTHONHASHSEED": "12345"}
        result = subprocess.run(
            [sys.executable, "-c", script, str(data)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        here = [
            f"{name} {hashlib.sha256(body).hexdigest()}"
            for dataset in (sr.load(), sr.load_file(data))
            for name, body in sorted(render(dataset, format="csv").items())
        ]
        assert result.stdout.splitlines() == here
