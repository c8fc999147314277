"""The ``plover`` export: PLOVER events, checked against the manual and the crosswalk.

The manual's fields are a JSON Schema written from its chapter "Data Fields"
(``tests/data/plover-event.schema.json``); its event types, modes, contexts and
quad codes are in ``tests/data/plover-codes.json``; the crosswalk rows are in
``tests/data/cameo2plover.txt``. Each file names its source.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple, cast

import attrs
import jsonschema
import pytest

import sinorussia as sr
from sinorussia import _plover
from sinorussia._export import render
from sinorussia._plover import EVENTS_FILE, QUAD_CODES, REASONS, SKIPPED_FILE

DATA = Path(__file__).parent / "data"
SRC = Path(sr.__file__).parent.parent

SCHEMA: dict[str, Any] = json.loads((DATA / "plover-event.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
CODES: dict[str, Any] = json.loads((DATA / "plover-codes.json").read_text("utf-8"))

MANUAL_FIELDS = frozenset(SCHEMA["properties"])
ENTITY_FIELDS = frozenset(SCHEMA["$defs"]["entity"]["properties"])
LOCATION_FIELDS = frozenset(SCHEMA["$defs"]["location"]["properties"])
CITE_FIELDS = frozenset(SCHEMA["$defs"]["cite_info"]["properties"])

EXTENSIONS = frozenset(
    {
        "cameo",
        "date_edtf",
        "date_precision",
        "date_basis",
        "date_claims",
        "count",
        "origin_loc",
        "figures",
        "section",
        "kind",
        "citations",
    }
)
"""The named fields beyond the manual's that the docs list, on an event."""

ENTITY_EXTENSIONS = frozenset({"entity_id", "entity_type", "role", "citations"})
LOCATION_EXTENSIONS = frozenset({"place_id"})


class Row(NamedTuple):
    """One row of the CAMEO-to-PLOVER crosswalk (an empty field is ``None``)."""

    plover: str
    mode: str | None
    context: str | None


def crosswalk() -> dict[str, Row]:
    """The crosswalk rows in tests/data by CAMEO code (``code: TYPE, mode, context # text``)."""
    rows = {}
    for line in (DATA / "cameo2plover.txt").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([0-9]{2,4}): ([^#]*)# .*", line)
        assert match, line
        plover, mode, context = (field.strip() or None for field in match[2].split(","))
        assert plover is not None
        rows[match[1]] = Row(plover, mode, context)
    return rows


def parse(files: dict[str, bytes]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The events (one a line) and the report of the records left out."""
    text = files[EVENTS_FILE].decode("utf-8")
    assert text.endswith("\n") or text == ""
    lines = [json.loads(line) for line in text.split("\n")[:-1]]
    return lines, json.loads(files[SKIPPED_FILE].decode("utf-8"))


# -- a small hand-built dataset -------------------------------------------------

STATED = {"basis": "stated", "document": "doc", "paragraphs": [1]}
EXTERNAL = {
    "basis": "external",
    "source": "https://example.org/report",
    "confidence": "high",
    "note": "the day",
}
TRICKY = 'A "visit" <b>&amp;</b>\nsecond line\u2028after a line separator'


def when(*values: str, basis: dict[str, Any] = STATED) -> list[dict[str, Any]]:
    """A date as its claims, each with the same citation."""
    return [{"value": value, "citation": basis} for value in values]


def meeting(id: str, kind: str, date: list[dict[str, Any]] | None, **fields: Any) -> Any:
    """A meeting of Xi and Putin as equals, unless ``participants`` says otherwise."""
    record: dict[str, Any] = {
        "id": id,
        "citations": [STATED],
        "title": f"Meeting {id}",
        "kind": kind,
        "participants": [{"who": "xi"}, {"who": "putin"}],
    }
    if date is not None:
        record["date"] = date
    record.update(fields)
    return record


HAND: dict[str, Any] = {
    "format": 2,
    "version": "hand-1",
    "documents": [
        {
            "id": "doc",
            "title": "A test document",
            "language": "en-GB",
            "paragraphs": 5,
            "sha256": "0" * 64,
            "url": "https://example.org/doc",
        }
    ],
    "countries": [
        {"id": "china", "citations": [STATED], "name": "China", "alpha3": "CHN"},
        {"id": "russia", "citations": [STATED], "name": "Russia", "alpha3": "RUS"},
        {"id": "elsewhere", "citations": [STATED], "name": "Elsewhere"},
    ],
    "organisations": [
        {
            "id": "agency",
            "citations": [STATED],
            "name": "Space Agency",
            "kind": "government_agency",
            "country": "china",
        },
        {
            "id": "council",
            "citations": [STATED],
            "name": "Security Council",
            "kind": "intergovernmental",
            "members": ["china", "russia"],
        },
    ],
    "places": [
        {
            "id": "moscow",
            "citations": [STATED],
            "name": "Moscow",
            "kind": "city",
            "within": "russia",
        },
        {
            "id": "square",
            "citations": [STATED],
            "name": "Red Square",
            "kind": "square",
            "within": "moscow",
        },
        {"id": "wuhan", "citations": [STATED], "name": "Wuhan", "kind": "city", "within": "china"},
        {
            "id": "river",
            "citations": [STATED],
            "name": "A river",
            "kind": "river",
            "within": "russia",
        },
    ],
    "people": [
        {
            "id": "xi",
            "citations": [STATED],
            "name": "Xi Jinping",
            "nationality": "china",
            "wikidata": "Q15031",
        },
        {"id": "putin", "citations": [STATED], "name": "Vladimir Putin", "nationality": "russia"},
        {"id": "nobody", "citations": [STATED], "name": "No Body", "nationality": "elsewhere"},
    ],
    "offices": [
        {
            "id": "xi-president",
            "citations": [STATED],
            "person": "xi",
            "post": "President",
            "role": "head_of_state",
            "organisation": "china",
            "start": when("2013-03"),
            "status": "ongoing",
        },
        {
            "id": "putin-president",
            "citations": [STATED],
            "person": "putin",
            "post": "President of Russia",
            "role": "head_of_state",
            "organisation": "russia",
            "status": "unknown",
            "attested": when("2013-03-22"),
        },
    ],
    "meetings": [
        meeting(
            "visit",
            "state_visit",
            [*when("2013"), *when("2013-03-22/2013-03-24", basis=EXTERNAL)],
            title=TRICKY,
            place="square",
            participants=[
                {"who": "xi", "role": "guest"},
                {"who": "russia", "role": "host"},
                {"who": "putin", "role": "host", "citations": [EXTERNAL]},
            ],
        ),
        meeting("talks-month", "talks", when("2019-06?"), place="river"),
        meeting(
            "host-only",
            "talks",
            when("2019-07-01"),
            participants=[{"who": "putin", "role": "host"}],
        ),
        meeting("undated-call", "phone_call", None),
        meeting("open-start", "phone_call", when("../2021")),
        meeting("unknown-start", "phone_call", when("/2021")),
        meeting("open-end", "phone_call", when("2020-01/..")),
        meeting("calls", "phone_call", when("2020"), count=3),
        meeting("visits", "visit", when("2014/2015"), count=None, place="russia"),
        meeting(
            "video",
            "video_call",
            when("2020-04-01", basis=EXTERNAL),
            citations=[EXTERNAL],
            participants=[{"who": "nobody"}, {"who": "putin"}],
        ),
    ],
    "happenings": [
        {
            "id": "aid",
            "citations": [STATED],
            "title": "Aid flight",
            "kind": "aid_delivery",
            "participants": [
                {"who": "russia", "role": "actor"},
                {"who": "china", "role": "recipient"},
            ],
            "place": "wuhan",
            "origin": "moscow",
            "date": when("2020-02-09"),
            "figures": [{"measure": "cargo", "value": 23, "unit": "tonnes"}],
        },
        {
            "id": "speech",
            "citations": [STATED],
            "title": "A speech",
            "kind": "speech",
            "participants": [{"who": "xi"}],
            "date": when("2020-05-01"),
        },
        {
            "id": "space-cooperation",
            "citations": [STATED],
            "title": "Space cooperation",
            "kind": "cooperation",
            "participants": [{"who": "agency"}, {"who": "council"}],
            "date": when("2021-03-09~"),
        },
    ],
    "treaties": [
        {
            "id": "pact",
            "citations": [STATED],
            "name": "A pact",
            "kind": "treaty",
            "parties": ["china", "russia"],
            "signed": when("2013-03-22"),
            "place": "moscow",
            "signatories": [
                {"who": "xi", "role": "signatory"},
                {"who": "putin", "role": "signatory"},
            ],
            "signed_at": "visit",
        },
        {
            "id": "statement-2019",
            "citations": [STATED],
            "name": "A joint statement",
            "kind": "joint_statement",
            "parties": ["china", "russia"],
            "signed": when("2019-06"),
        },
        {
            "id": "no-sides",
            "citations": [STATED],
            "name": "An agreement of no one",
            "kind": "agreement",
            "signed": when("2020"),
        },
    ],
    "statements": [
        {
            "id": "claim",
            "citations": [STATED],
            "kind": "claim",
            "text": "Relations are good.",
            "date": when("2020"),
        }
    ],
}

WRITTEN = [
    "pact",
    "visit",
    "visits",
    "statement-2019",
    "talks-month",
    "calls",
    "aid",
    "video",
    "space-cooperation",
]
"""The ids of the events of HAND, in the order of the file (date, enddate, id)."""

LEFT_OUT = {
    "host-only": ["no-actor"],
    "undated-call": ["undated"],
    "open-start": ["no-first-day"],
    "unknown-start": ["no-first-day"],
    "open-end": ["no-last-day"],
    "speech": ["no-event-type"],
    "no-sides": ["no-actor"],
    "claim": ["no-event-type", "no-actor"],
}
"""The records of HAND that are left out, with their reasons."""


@pytest.fixture(scope="module")
def hand() -> sr.Dataset:
    """The hand-built dataset."""
    return sr.loads(json.dumps(HAND))


@pytest.fixture(scope="module")
def hand_out(hand: sr.Dataset) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The export of the hand-built dataset: events and report."""
    return parse(_plover.render(hand))


@pytest.fixture(scope="module")
def bundled_out(ds: sr.Dataset) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The export of the bundled dataset: events and report."""
    return parse(render(ds, format="plover"))


def by_id(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Events by id (each id once)."""
    found = {line["id"]: line for line in lines}
    assert len(found) == len(lines)
    return found


def both(
    bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
    hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every event of both exports."""
    return [*bundled_out[0], *hand_out[0]]


def candidates(ds: sr.Dataset) -> list[str]:
    """The ids of the records that could be events: meetings, happenings, treaties, statements."""
    return [r.id for r in (*ds.meetings, *ds.happenings, *ds.treaties, *ds.statements)]


# -- the files ------------------------------------------------------------------


class TestFiles:
    def test_names(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """The export writes the events and the report of what is left out."""
        written = sr.export(ds, tmp_path, format="plover")
        assert [path.name for path in written] == [EVENTS_FILE, SKIPPED_FILE]
        assert (tmp_path / EVENTS_FILE).read_bytes() == _plover.render(ds)[EVENTS_FILE]

    def test_one_event_a_line(self, ds: sr.Dataset, hand: sr.Dataset) -> None:
        """Each line is one compact JSON object, ended by a newline, in UTF-8; no raw U+2028."""
        for dataset in (ds, hand):
            data = _plover.render(dataset)[EVENTS_FILE]
            text = data.decode("utf-8")
            lines = text.split("\n")
            assert lines[-1] == ""
            assert len(lines) - 1 == len(_plover.events(dataset))
            for line in lines[:-1]:
                value = json.loads(line)
                assert isinstance(value, dict)
                assert "\u2028" not in line
                assert "\r" not in line
                compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                assert compact.replace("\u2028", "\\u2028") == line

    def test_empty_dataset(self) -> None:
        """A dataset without events gives an empty JSON Lines file and an empty report."""
        lines, report = parse(_plover.render(sr.Dataset(version="empty")))
        assert lines == []
        assert (report["written"], report["skipped"], report["records"]) == (0, 0, [])

    def test_text_survives(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """Quotes, a newline, HTML characters and U+2028 come back exactly from the comment."""
        visit = by_id(hand_out[0])["visit"]
        assert visit["comment"].startswith(TRICKY + "; ")

    def test_sorted(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """Events are sorted by date, enddate and id."""
        lines = hand_out[0]
        assert [line["id"] for line in lines] == WRITTEN
        keys = [(line["date"], line["enddate"], line["id"]) for line in lines]
        assert keys == sorted(keys)


class TestDeterministic:
    def test_render_twice(self, ds: sr.Dataset, hand: sr.Dataset) -> None:
        """The same dataset gives the same bytes, and a reloaded copy too."""
        for dataset in (ds, hand):
            assert _plover.render(dataset) == _plover.render(dataset)
        assert _plover.render(sr.loads(json.dumps(HAND))) == _plover.render(hand)

    @pytest.mark.parametrize("seed", ["0", "1", "12345"])
    def test_independent_of_hash_seed(self, tmp_path: Path, ds: sr.Dataset, seed: str) -> None:
        """Another process with another PYTHONHASHSEED writes the same bytes."""
        source = tmp_path / "hand.json"
        source.write_text(json.dumps(HAND), encoding="utf-8")
        script = (
            "import hashlib, sys, sinorussia as sr\n"
            "from sinorussia._plover import render\n"
            "hand = sr.loads(open(sys.argv[1], encoding='utf-8').read())\n"
            "for dataset in (sr.load(), hand):\n"
            "    for name, data in sorted(render(dataset).items()):\n"
            "        print(name, hashlib.sha256(data).hexdigest())\n"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        done = subprocess.run(
            [sys.executable, "-c", script, str(source)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        here = [
            f"{name} {hashlib.sha256(data).hexdigest()}"
            for dataset in (ds, sr.loads(json.dumps(HAND)))
            for name, data in sorted(_plover.render(dataset).items())
        ]
        assert done.stdout.splitlines() == here

    def test_unwritable_text(self, ds: sr.Dataset) -> None:
        """Text UTF-8 cannot encode is a DataError naming the record, not a broken file."""
        sections = {
            name: tuple(attrs.evolve(r) if r.id == "guilin-talks-2021" else r for r in records)
            for name, records in ds.sections().items()
        }
        bad = sr.Dataset(version=ds.version, **cast(Any, sections))
        object.__setattr__(bad.get("guilin-talks-2021"), "title", "bad \ud800")
        with pytest.raises(sr.DataError, match="guilin-talks-2021"):
            render(bad, format="plover")


# -- the manual's fields ---------------------------------------------------------


class TestSchema:
    def test_schema_is_valid(self) -> None:
        """The schema of the manual's fields is a valid Draft 2020-12 schema naming its source."""
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        assert "PLOVER_MANUAL.tex" in SCHEMA["$comment"]
        assert re.search(r"commit [0-9a-f]{40}", SCHEMA["$comment"])
        assert SCHEMA["required"] == ["id", "date", "actor", "event"]

    def test_every_line_validates(
        self,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """Every exported event is valid against the manual's fields (formats checked)."""
        for line in both(bundled_out, hand_out):
            errors = [error.message for error in VALIDATOR.iter_errors(line)]
            assert errors == [], line["id"]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"date": "2019-06"}, "does not match"),
            ({"date": "2019-02-30"}, "is not a 'date'"),
            ({"event": "CONSULT"}, "is not of type 'array'"),
            ({"actor": []}, "should be non-empty"),
            ({"mode": []}, "is not valid under any of the given schemas"),
            ({"quad_code": 5}, "is not one of"),
        ],
    )
    def test_schema_can_fail(
        self,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        change: dict[str, Any],
        message: str,
    ) -> None:
        """The schema refuses what the manual does not allow (so passing it means something)."""
        line = copy.deepcopy(bundled_out[0][0]) | change
        assert message in " ".join(error.message for error in VALIDATOR.iter_errors(line))

    def test_schema_refuses_missing_fields(
        self, bundled_out: tuple[list[dict[str, Any]], dict[str, Any]]
    ) -> None:
        """A line without one of the required fields is refused."""
        for field in SCHEMA["required"]:
            line = {k: v for k, v in bundled_out[0][0].items() if k != field}
            assert not VALIDATOR.is_valid(line), field

    def test_extension_fields(
        self,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """Every field is the manual's or one of the documented extensions; no typo slips past."""
        seen: set[str] = set()
        for line in both(bundled_out, hand_out):
            assert set(line) <= MANUAL_FIELDS | EXTENSIONS, line["id"]
            seen |= set(line)
            for entity in [*line["actor"], *line.get("recipient", [])]:
                assert set(entity) <= ENTITY_FIELDS | ENTITY_EXTENSIONS
            for loc in (line.get("event_loc"), line.get("origin_loc")):
                assert loc is None or set(loc) <= LOCATION_FIELDS | LOCATION_EXTENSIONS
            assert set(line["cite_info"]) <= CITE_FIELDS
        assert seen >= EXTENSIONS


# -- codes ----------------------------------------------------------------------


class TestCodes:
    def test_code_lists_name_their_source(self) -> None:
        """The code lists name the manual's repository, file, commit and version."""
        manual = CODES["manual"]
        assert manual["repository"] == "https://github.com/openeventdata/PLOVER"
        assert manual["file"] == "PLOVER_MANUAL.tex"
        assert re.fullmatch(r"[0-9a-f]{40}", manual["commit"])
        assert manual["commit"] in SCHEMA["$comment"]
        assert len(CODES["event_types"]) == 16

    def test_types_modes_contexts_are_the_manuals(
        self,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """Every event type and mode is one the manual lists (a mode: for its type).

        Every context is in the manual's list, or is one it retired that the crosswalk still
        gives: ``humanitarian``, the context of CAMEO 073.
        """
        types, contexts, retired = (
            CODES["event_types"],
            set(CODES["contexts"]),
            CODES["retired_contexts"],
        )
        used_retired = set()
        for line in both(bundled_out, hand_out):
            assert len(line["event"]) == 1
            assert line["event"][0] in types
            for mode in line["mode"] or []:
                assert mode in types[line["event"][0]]["modes"], line["id"]
            for context in line["context"] or []:
                if context not in contexts:
                    assert context in retired, line["id"]
                    assert crosswalk()[line["cameo"]].context == context
                    used_retired.add(context)
        assert used_retired == {"humanitarian"}
        assert set(retired) == {"humanitarian"}

    def test_codes_are_the_crosswalks(
        self,
        ds: sr.Dataset,
        hand: sr.Dataset,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """Each event's type, mode and context are the crosswalk's row for its kind's CAMEO code."""
        rows = crosswalk()
        for dataset, (lines, _) in ((ds, bundled_out), (hand, hand_out)):
            for line in lines:
                record: Any = dataset.get(line["id"])
                assert line["cameo"] == record.kind.cameo
                assert line["kind"] == record.kind.value
                row = rows[record.kind.cameo]
                assert line["event"] == [row.plover]
                assert line["mode"] == (None if row.mode is None else [row.mode])
                assert line["context"] == (None if row.context is None else [row.context])

    def test_quad_codes(
        self,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """The quad codes are the manual's, and every event carries its type's."""
        assert {name: t["quad_code"] for name, t in CODES["event_types"].items()} == QUAD_CODES
        for line in both(bundled_out, hand_out):
            assert line["quad_code"] == CODES["event_types"][line["event"][0]]["quad_code"]

    def test_bundled_codes(self, bundled_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """Visits are CONSULT visit, the aid flight AID humanitarian, a signing SUPPORT."""
        lines = by_id(bundled_out[0])
        codes = {
            id: (line["cameo"], line["event"], line["mode"], line["context"])
            for id, line in lines.items()
        }
        assert codes["xi-state-visit-russia-2013"] == ("042", ["CONSULT"], ["visit"], None)
        assert codes["phone-calls-2020"] == ("041", ["CONSULT"], ["phone"], None)
        assert codes["aid-flight-wuhan-2020"] == ("073", ["AID"], None, ["humanitarian"])
        assert codes["treaty-of-good-neighborliness"] == (
            "057",
            ["SUPPORT"],
            None,
            ["diplomatic"],
        )
        assert codes["joint-anti-epidemic-plan"] == ("030", ["AGREE"], None, ["diplomatic"])


# -- actor and recipient --------------------------------------------------------


def sides(line: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(id, role) of the actors and of the recipients of an event."""
    return (
        [(e["entity_id"], e["role"]) for e in line["actor"]],
        [(e["entity_id"], e["role"]) for e in line.get("recipient", [])],
    )


class TestRoles:
    def test_follow_the_roles(
        self,
        ds: sr.Dataset,
        hand: sr.Dataset,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """Hosts and recipients are the recipient; guests, actors and equals are the actor."""
        for dataset, (lines, _) in ((ds, bundled_out), (hand, hand_out)):
            for line in lines:
                record: Any = dataset.get(line["id"])
                people = getattr(record, "participants", None) or record.signatories
                actor, recipient = sides(line)
                if people:
                    expected = [(p.who, p.role.value) for p in people]
                    assert actor == [
                        pair for pair in expected if pair[1] not in ("host", "recipient")
                    ]
                    assert recipient == [
                        pair for pair in expected if pair[1] in ("host", "recipient")
                    ]
                else:  # a treaty with no signatory known: its parties
                    assert actor == [(party, "party") for party in record.parties]
                    assert recipient == []
                if recipient:
                    assert "recipient" in line
                    assert line["recipient"]
                else:
                    assert "recipient" not in line

    def test_bundled(self, bundled_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """The guest is the actor and the host the recipient; aid runs from giver to receiver."""
        lines = by_id(bundled_out[0])
        assert sides(lines["xi-state-visit-russia-2013"]) == (
            [("xi-jinping", "guest")],
            [("russia", "host"), ("vladimir-putin", "host")],
        )
        assert sides(lines["victory-day-parade-2015"]) == (
            [("xi-jinping", "guest")],
            [("vladimir-putin", "host")],
        )
        assert sides(lines["guilin-talks-2021"]) == (
            [("sergei-lavrov", "guest")],
            [("wang-yi", "host")],
        )
        assert sides(lines["aid-flight-wuhan-2020"]) == (
            [("russia", "actor")],
            [("china", "recipient")],
        )
        assert sides(lines["phone-calls-2020"]) == (
            [("xi-jinping", "participant"), ("vladimir-putin", "participant")],
            [],
        )

    def test_hand_built(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """Guest and hosts, equals, signatories, parties; a host alone is no actor."""
        lines = by_id(hand_out[0])
        assert sides(lines["visit"]) == ([("xi", "guest")], [("russia", "host"), ("putin", "host")])
        assert sides(lines["talks-month"]) == (
            [("xi", "participant"), ("putin", "participant")],
            [],
        )
        assert sides(lines["pact"]) == ([("xi", "signatory"), ("putin", "signatory")], [])
        assert sides(lines["statement-2019"]) == ([("china", "party"), ("russia", "party")], [])
        assert sides(lines["aid"]) == ([("russia", "actor")], [("china", "recipient")])
        assert "host-only" not in lines

    def test_participation_citations(
        self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]
    ) -> None:
        """A participation with citations of its own keeps them; others have none."""
        recipient = by_id(hand_out[0])["visit"]["recipient"]
        assert [e.get("citations") for e in recipient] == [None, [EXTERNAL]]


class TestEntities:
    def test_bundled(self, bundled_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """Country codes, Wikidata ids, offices held on the day, and GOV for them."""
        lines = by_id(bundled_out[0])
        treaty = lines["treaty-of-good-neighborliness"]["actor"]
        assert treaty[0] == {
            "code": "CHN",
            "sector": "GOV",
            "entity_text": "Jiang Zemin",
            "office": "President of the People's Republic of China",
            "entity_id": "jiang-zemin",
            "entity_type": "leader",
            "role": "signatory",
            "citations": treaty[0]["citations"],
        }
        parade = lines["victory-day-parade-2015"]
        assert parade["recipient"][0]["office"] == "President of the Russian Federation"
        assert parade["recipient"][0]["identifier_id"] == "Q7747"
        guilin = lines["guilin-talks-2021"]
        assert guilin["recipient"][0]["office"] == "State Councilor; Minister of Foreign Affairs"
        aid = lines["aid-flight-wuhan-2020"]
        assert aid["actor"] == [
            {
                "code": "RUS",
                "entity_text": "Russia",
                "identifier_id": "Q159",
                "entity_id": "russia",
                "entity_type": "country",
                "role": "actor",
                "citations": [
                    {
                        "basis": "inferred",
                        "document": "article",
                        "paragraphs": [9],
                        "note": "the flight came from Moscow",
                    }
                ],
            }
        ]

    def test_office_only_where_the_data_shows_it(
        self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]
    ) -> None:
        """An office is given only when held on every day the event may fall on.

        Xi took office in March 2013: not certainly by 22 March, certainly by June 2019.
        Putin is attested in office on 22 March 2013 only: so for the pact of that day,
        not for the three-day visit.
        """
        lines = by_id(hand_out[0])

        def office(id: str, side: str, who: str) -> str | None:
            entity = next(e for e in lines[id][side] if e["entity_id"] == who)
            assert ("sector" in entity) == ("office" in entity)
            held: str | None = entity.get("office")
            return held

        assert office("visit", "actor", "xi") is None
        assert office("visit", "recipient", "putin") is None
        assert office("talks-month", "actor", "xi") == "President"
        assert office("pact", "actor", "putin") == "President of Russia"
        assert office("pact", "actor", "xi") is None

    def test_codes_where_known(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """No code for a country without alpha-3 or an intergovernmental body; GOV for an agency."""
        lines = by_id(hand_out[0])
        nobody = lines["video"]["actor"][0]
        assert nobody["entity_id"] == "nobody"
        assert "code" not in nobody
        agency, council = lines["space-cooperation"]["actor"]
        assert (agency.get("code"), agency.get("sector")) == ("CHN", "GOV")
        assert "code" not in council
        assert "sector" not in council
        assert council["entity_text"] == "Security Council"


class TestPlaces:
    def test_locations(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """A place gives its name, its city and country, and how fine it is."""
        lines = by_id(hand_out[0])
        assert lines["visit"]["event_loc"] == {
            "resolved_place": "Red Square",
            "city": "Moscow",
            "country": "Russia",
            "country_code": "RUS",
            "resolution": 5,
            "place_id": "square",
        }
        assert lines["aid"]["event_loc"]["resolution"] == 4
        assert lines["aid"]["origin_loc"]["resolved_place"] == "Moscow"
        assert lines["visits"]["event_loc"] == {
            "resolved_place": "Russia",
            "country": "Russia",
            "country_code": "RUS",
            "resolution": 1,
            "place_id": "russia",
        }
        river = lines["talks-month"]["event_loc"]
        assert "resolution" not in river
        assert "city" not in river
        assert "event_loc" not in lines["calls"]


# -- dates ----------------------------------------------------------------------


class TestDates:
    def test_bounds_are_the_sources(
        self,
        ds: sr.Dataset,
        hand: sr.Dataset,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """date..enddate is exactly the EDTF value's first and last day: never finer."""
        for dataset, (lines, _) in ((ds, bundled_out), (hand, hand_out)):
            for line in lines:
                dating = dataset.get(line["id"]).dating
                assert dating is not None
                assert line["date_edtf"] == dating.edtf
                value = sr.parse_edtf(line["date_edtf"])
                assert value.lower is not None
                assert value.upper is not None
                assert (line["date"], line["enddate"]) == (
                    value.lower.to_date_string(),
                    value.upper.to_date_string(),
                )
                assert line["date_basis"] == dating.basis.value
                assert [c["value"] for c in line["date_claims"]] == [
                    c.value.edtf for c in dating.claims
                ]

    def test_partial_dates(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """A month keeps its whole month, uncertain and approximate dates say so."""
        lines = by_id(hand_out[0])
        month = lines["talks-month"]
        assert (month["date"], month["enddate"]) == ("2019-06-01", "2019-06-30")
        assert (month["date_edtf"], month["date_precision"]) == ("2019-06?", "month")
        assert "first and last days it may fall on" in month["comment"]
        assert "2019-06? is uncertain" in month["comment"]
        near = lines["space-cooperation"]
        assert (near["date"], near["enddate"], near["date_precision"]) == (
            "2021-03-09",
            "2021-03-09",
            "day",
        )
        assert "approximate" in near["comment"]
        assert "first and last" not in near["comment"]
        year = lines["calls"]
        assert (year["date"], year["enddate"], year["date_precision"]) == (
            "2020-01-01",
            "2020-12-31",
            "year",
        )
        assert lines["visits"]["date_precision"] == "interval"

    def test_several_claims(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """The sharpest claim gives the dates; every claim stays, with its citation."""
        visit = by_id(hand_out[0])["visit"]
        assert (visit["date"], visit["enddate"]) == ("2013-03-22", "2013-03-24")
        assert visit["date_basis"] == "external"
        assert visit["date_claims"] == [
            {"value": "2013", "citation": STATED},
            {"value": "2013-03-22/2013-03-24", "citation": EXTERNAL},
        ]

    def test_aggregates(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """A record of several encounters keeps its count (null: unknown) and says so."""
        lines = by_id(hand_out[0])
        assert lines["calls"]["count"] == 3
        assert "stands for 3 encounters" in lines["calls"]["comment"]
        assert lines["visits"]["count"] is None
        assert "an unknown number of encounters" in lines["visits"]["comment"]
        assert "count" not in lines["visit"]


# -- what is left out -----------------------------------------------------------


class TestLeftOut:
    def test_hand_built(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """Undated, unbounded, typeless and actorless records are listed, with their reasons."""
        lines, report = hand_out
        assert {r["id"]: r["reasons"] for r in report["records"]} == LEFT_OUT
        assert (report["written"], report["skipped"]) == (len(lines), len(LEFT_OUT))
        assert report["reasons"] == REASONS
        for record in report["records"]:
            assert set(record["reasons"]) <= set(REASONS)
        open_start = next(r for r in report["records"] if r["id"] == "open-start")
        assert open_start == {
            "id": "open-start",
            "section": "meetings",
            "kind": "phone_call",
            "date_edtf": "../2021",
            "reasons": ["no-first-day"],
        }

    @pytest.mark.parametrize("which", ["bundled", "hand"])
    def test_nothing_silently_dropped(
        self,
        ds: sr.Dataset,
        hand: sr.Dataset,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
        which: str,
    ) -> None:
        """Every meeting, happening, treaty and statement is an event or is listed, not both."""
        dataset, (lines, report) = (ds, bundled_out) if which == "bundled" else (hand, hand_out)
        written = [line["id"] for line in lines]
        listed = [record["id"] for record in report["records"]]
        assert sorted(written + listed) == sorted(candidates(dataset))
        assert not set(written) & set(listed)

    def test_bundled(self, bundled_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """In the bundled data: the undated happenings, the three without a type, the statements."""
        lines, report = bundled_out
        reasons = {r["id"]: r["reasons"] for r in report["records"] if r["section"] != "statements"}
        assert reasons == {
            "victory-1945": ["no-event-type"],
            "russian-expert-delegation": ["undated"],
            "chinese-anti-epidemic-supplies": ["undated"],
            "covid-19-pandemic": ["no-event-type", "undated", "no-actor"],
            "anti-epidemic-experience-sharing": ["undated"],
            "vaccine-divide-measures": ["undated"],
        }
        statements = [r for r in report["records"] if r["section"] == "statements"]
        assert len(statements) == 20
        assert all("no-event-type" in r["reasons"] for r in statements)
        assert (report["written"], report["skipped"]) == (20, 26) == (len(lines), 26)


class TestProvenance:
    def test_cite_info(
        self,
        bundled_out: tuple[list[dict[str, Any]], dict[str, Any]],
        hand_out: tuple[list[dict[str, Any]], dict[str, Any]],
    ) -> None:
        """The first document cited (with its paragraphs), else the first external source."""
        bundled = by_id(bundled_out[0])
        assert bundled["guilin-talks-2021"]["cite_info"] == {
            "citation": "article, paragraphs 17, 18",
            "title": "Commentary on China-Russia relations under Xi Jinping and Vladimir Putin",
            "language": "en",
            "codebook": _plover.CODEBOOK,
            "version": "2.0.0",
        }
        hand = by_id(hand_out[0])
        assert hand["visit"]["cite_info"]["url"] == "https://example.org/doc"
        assert hand["visit"]["cite_info"]["language"] == "en"
        assert hand["video"]["cite_info"] == {
            "url": "https://example.org/report",
            "codebook": _plover.CODEBOOK,
            "version": "hand-1",
        }

    def test_citations_kept(
        self, ds: sr.Dataset, bundled_out: tuple[list[dict[str, Any]], dict[str, Any]]
    ) -> None:
        """Every event keeps its record's citations and date claims as the dataset file has them."""
        raw = file_records(ds)
        for line in bundled_out[0]:
            record = raw[line["id"]]
            assert line["citations"] == record["citations"]
            assert line["date_claims"] == record.get("date", record.get("signed"))
            assert line["section"] in ("meetings", "happenings", "treaties")

    def test_links(self, bundled_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """A treaty signed at a meeting shares that meeting's id as link with it."""
        lines = by_id(bundled_out[0])
        assert lines["joint-statement-new-era-2019"]["link"] == "xi-state-visit-russia-2019"
        assert lines["xi-state-visit-russia-2019"]["link"] == "xi-state-visit-russia-2019"
        assert lines["joint-statement-global-governance-2021"]["link"] == "guilin-talks-2021"
        linked = {line["id"] for line in lines.values() if "link" in line}
        assert linked == {
            "joint-statement-new-era-2019",
            "xi-state-visit-russia-2019",
            "joint-statement-global-governance-2021",
            "guilin-talks-2021",
        }

    def test_figures(self, hand_out: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
        """A happening's figures are kept."""
        aid = by_id(hand_out[0])["aid"]
        assert aid["figures"] == [{"measure": "cargo", "value": 23, "unit": "tonnes"}]


def file_records(ds: sr.Dataset) -> dict[str, dict[str, Any]]:
    """Every record of a dataset as the dataset file writes it, by id."""
    file = json.loads(sr.dumps(ds))
    return {r["id"]: r for value in file.values() if isinstance(value, list) for r in value}
