"""The Dataset (``_dataset``): construction, sections, related() and the integrity check."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from conftest import _MINIMAL
from sinorussia._dataset import SECTIONS, Section
from sinorussia._export import render


def text(raw: dict[str, Any]) -> str:
    """JSON text of raw values."""
    return json.dumps(raw, ensure_ascii=False)


def error_of(data: str) -> sr.DataError:
    """The DataError that loading ``data`` raises."""
    with pytest.raises(sr.DataError) as info:
        sr.loads(data)
    return info.value


class TestConstruction:
    def test_empty(self) -> None:
        """A dataset of nothing is valid: every section empty, version "0"."""
        empty = sr.Dataset()
        assert empty.version == "0"
        assert set(empty.counts().values()) == {0}
        assert len(empty) == 0
        assert repr(empty) == "<Dataset 0: >"

    def test_unknown_section(self) -> None:
        """A keyword that is no section is a TypeError listing the sections."""
        with pytest.raises(TypeError, match="no section 'meeting'; the sections are documents, "):
            sr.Dataset(meeting=())

    def test_record_of_the_wrong_class(self, ds: sr.Dataset) -> None:
        """A record in the wrong section is a located problem, not a crash."""
        with pytest.raises(sr.DataError) as info:
            sr.Dataset(countries=(ds.places.get("moscow"),))
        assert [(p.path, p.message) for p in info.value.problems] == [
            ("$.countries[0]", "expected a Country, got Place")
        ]
        assert info.value.source == "<Dataset>"

    def test_leaders_keyword_is_deprecated(self, ds: sr.Dataset) -> None:
        """Dataset(leaders=...) still works, with a DeprecationWarning, as people=..."""
        sections = ds.sections()
        leaders = tuple(p for p in sections["people"] if isinstance(p, sr.Leader))
        others = tuple(p for p in sections["people"] if not isinstance(p, sr.Leader))
        sections.update(people=others)
        with pytest.warns(DeprecationWarning, match="pass every person as people"):
            rebuilt = sr.Dataset(version=ds.version, leaders=leaders, **cast(Any, sections))
        assert rebuilt == ds

    def test_an_office_makes_a_leader(self, raw: dict[str, Any]) -> None:
        """Xi holds an office in the small dataset, so he is a Leader."""
        ds = sr.loads(text(raw))
        assert type(ds.people.get("xi-jinping")) is sr.Leader
        assert ds.leaders.ids == ("xi-jinping",)
        raw["offices"] = []
        plain = sr.loads(text(raw))
        assert type(plain.people.get("xi-jinping")) is sr.Person
        assert plain.leaders.ids == ()


class TestSections:
    def test_one_list_in_file_order(self, ds: sr.Dataset) -> None:
        """SECTIONS, sections(), counts() and the file body share one order."""
        names = [section.name for section in SECTIONS]
        assert names == list(ds.sections()) == list(ds.counts())
        body = [key for key in json.loads(sr.dumps(ds)) if key not in ("format", "version")]
        assert body == names

    def test_section_on_the_class_and_on_a_dataset(self, ds: sr.Dataset) -> None:
        """On the class a section is a Section; on a dataset it is its records' Collection."""
        section = sr.Dataset.meetings
        assert isinstance(section, Section)
        assert section in SECTIONS
        assert (section.name, section.cls, section.noun) == ("meetings", sr.Meeting, "meeting")
        assert repr(section) == "<Section meetings: Meeting>"
        assert section.description
        assert isinstance(ds.meetings, sr.Collection)
        assert tuple(ds.meetings) == ds.sections()["meetings"]

    def test_counts(self, ds: sr.Dataset) -> None:
        """counts() gives each section's size; together they are len(ds)."""
        counts = ds.counts()
        assert counts["meetings"] == len(ds.meetings) == 13
        assert sum(counts.values()) == len(ds) == len(list(ds.records()))
        assert all(len(ds.sections()[name]) == n for name, n in counts.items())

    def test_people_and_events(self, ds: sr.Dataset) -> None:
        """people holds leaders and others; events holds meetings and happenings."""
        assert len(ds.people) == len(ds.leaders) + 1
        assert len(ds.events) == len(ds.meetings) + len(ds.happenings)

    def test_get_and_contains(self, ds: sr.Dataset) -> None:
        """get and `in` find a record of any class by id."""
        assert ds.get("moscow") is ds.places.get("moscow")
        assert "moscow" in ds
        assert "no-such-record" not in ds
        with pytest.raises(sr.NotFound, match="no record 'no-such-record'"):
            ds.get("no-such-record")


class TestImmutability:
    def test_dataset_is_frozen(self, ds: sr.Dataset) -> None:
        """The dataset and its collections refuse attribute assignment."""
        with pytest.raises(AttributeError):
            ds.meetings = ds.meetings
        with pytest.raises(AttributeError):
            ds.meetings._items = ()
        with pytest.raises(TypeError):
            ds.meetings[0] = ds.meetings[1]  # type: ignore[index]

    def test_dataset_pickles(self, ds: sr.Dataset) -> None:
        """A dataset survives pickling: equal, same version, same hash, still queryable."""
        copy = pickle.loads(pickle.dumps(ds))
        assert copy == ds
        assert copy.version == ds.version
        assert hash(copy) == hash(ds)
        assert copy.meetings.involving("wang-yi").ids == ds.meetings.involving("wang-yi").ids


class TestRelated:
    def test_related_both_ways(self, ds: sr.Dataset) -> None:
        """related follows references out of and into a record, in dataset order."""
        assert ds.related("wang-yi").ids == (
            "china",
            "wang-yi-state-councilor",
            "wang-yi-foreign-minister",
            "guilin-talks-2021",
            "wang-yi-guilin-remark",
        )
        assert ds.related("treaty-of-good-neighborliness").ids == (
            "china",
            "russia",
            "kremlin",
            "vladimir-putin",
            "jiang-zemin",
            "treaty-extension-2021",
            "treaty-ideas-endure",
        )

    def test_related_of_type(self, ds: sr.Dataset) -> None:
        """of_type narrows the related records, and date filters still apply."""
        xi = ds.leaders.get("xi-jinping")
        assert ds.related(xi).of_type(sr.Meeting).during(2019, certain=True).ids == (
            "xi-state-visit-russia-2019",
            "gas-pipeline-launch-video-link",
        )
        assert ds.related("wang-yi").of_type(sr.Office).ids == (
            "wang-yi-state-councilor",
            "wang-yi-foreign-minister",
        )
        meetings = ds.related("xi-jinping").of_type(sr.Meeting)
        assert all(isinstance(m, sr.Meeting) for m in meetings)
        assert "victory-day-parade-2015" in meetings.ids

    def test_related_unknown(self, ds: sr.Dataset) -> None:
        """An unknown id raises NotFound."""
        with pytest.raises(sr.NotFound):
            ds.related("no-such-record")


class TestIntegrity:
    """The integrity check: what only the whole dataset can tell, each problem located."""

    @pytest.mark.parametrize(
        ("change", "path", "message"),
        [
            (
                lambda r: r["places"][0].update(id="china"),
                "$.places[0].id",
                "duplicate id, first used at $.countries[0]",
            ),
            (
                lambda r: r["places"][0].update(within="atlantis"),
                "$.places[0].within",
                "'atlantis', which is not in the dataset",
            ),
            (
                lambda r: r["offices"][0].update(person="moscow"),
                "$.offices[0].person",
                "a Place; expected a Person",
            ),
            (
                lambda r: r["meetings"][0]["participants"][0].update(who="nobody"),
                "$.meetings[0].participants[0].who",
                "not in the dataset",
            ),
            (
                lambda r: r["meetings"][0]["citations"][0].update(paragraphs=[4]),
                "$.meetings[0].citations[0].paragraphs[0]",
                "paragraph 4 is out of range",
            ),
            (
                lambda r: r["meetings"][0]["citations"][0].update(document="other"),
                "$.meetings[0].citations[0].document",
                "not a known document",
            ),
            (
                lambda r: r["meetings"][0]["date"][1].update(value="2014-01-01"),
                "$.meetings[0].date[1].value",
                "date claims disagree",
            ),
            (
                lambda r: r.update(format=1, leaders=r.pop("people"), offices=[]),
                "$.leaders[0]",
                "needs at least one office",
            ),
            (
                lambda r: (
                    r["places"].append(
                        {
                            "id": "red-square",
                            "citations": r["places"][0]["citations"],
                            "name": "Red Square",
                            "kind": "square",
                            "within": "moscow",
                        }
                    )
                    or r["places"][0].update(within="red-square")
                ),
                "$.places[0].within",
                "cycle",
            ),
        ],
    )
    def test_integrity_problem(
        self, raw: dict[str, Any], change: Any, path: str, message: str
    ) -> None:
        """Cross-record problems are caught at load time with their path."""
        change(raw)
        error = error_of(text(raw))
        assert any(p.path == path and message in p.message for p in error.problems), error

    def test_record_id_in_message(self, raw: dict[str, Any]) -> None:
        """The message names the id of the record at fault."""
        raw["places"][0]["within"] = "atlantis"
        assert "(id 'moscow')" in str(error_of(text(raw)))

    def test_dataset_constructor_checks_too(self, ds: sr.Dataset) -> None:
        """Building a Dataset from records runs the same checks."""
        meetings = ds.meetings
        with pytest.raises(sr.DataError, match="duplicate id"):
            sr.Dataset(meetings=(meetings[0], meetings[0]))


# -- hostile input: data that cannot be written, repeats, impossible combinations ----------

_C: dict[str, Any] = {"basis": "stated", "document": "doc", "paragraphs": [1]}


def small() -> dict[str, Any]:
    """A fresh copy of the small valid dataset (the ``raw`` fixture, for Hypothesis tests)."""
    return copy.deepcopy(_MINIMAL)


def day(value: str) -> list[dict[str, Any]]:
    """A dating of one stated claim."""
    return [{"value": value, "citation": _C}]


def problems_of(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """The (path, message) of every problem loading ``raw`` (as ASCII JSON bytes) raises."""
    with pytest.raises(sr.DataError) as info:
        sr.loads(json.dumps(raw).encode("utf-8"))
    return [(p.path, p.message) for p in info.value.problems]


def loads(raw: dict[str, Any]) -> sr.Dataset:
    """The dataset ``raw`` makes (as ASCII JSON bytes)."""
    return sr.loads(json.dumps(raw).encode("utf-8"))


def string_paths(value: Any, path: str = "$") -> list[tuple[str, list[str | int]]]:
    """The JSON path and the steps of every string value in a document."""
    found: list[tuple[str, list[str | int]]] = []

    def walk(item: Any, where: str, steps: list[str | int]) -> None:
        if isinstance(item, str):
            found.append((where, steps))
        elif isinstance(item, dict):
            for key, inner in item.items():
                walk(inner, f"{where}.{key}", [*steps, key])
        elif isinstance(item, list):
            for index, inner in enumerate(item):
                walk(inner, f"{where}[{index}]", [*steps, index])

    walk(value, path, [])
    return found


def office(raw: dict[str, Any], id: str, **fields: Any) -> dict[str, Any]:
    """A copy of the small dataset's office with a new id and these fields."""
    found: dict[str, Any] = copy.deepcopy(raw["offices"][0])
    found.update(id=id, **fields)
    return found


class TestUnwritable:
    """What loads can be written: a lone surrogate is refused where it stands."""

    @given(data=st.data())
    def test_lone_surrogate_anywhere(self, data: st.DataObject) -> None:
        """A lone surrogate in any string of a file is a DataError at that string's path."""
        raw = small()
        path, steps = data.draw(st.sampled_from(string_paths(raw)))
        parent: Any = raw
        for step in steps[:-1]:
            parent = parent[step]
        at = data.draw(st.integers(0, len(parent[steps[-1]])))
        surrogate = data.draw(st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"]))
        value = parent[steps[-1]]
        parent[steps[-1]] = value[:at] + surrogate + value[at:]
        found = problems_of(raw)
        assert any(where == path for where, _ in found), (path, found)

    def test_lone_surrogate_in_a_name(self) -> None:
        """The issue's example, a name starting with U+D800, is refused, located, saying why."""
        raw = small()
        raw["places"][0]["name"] = "\ud800Moscow"
        assert problems_of(raw) == [
            (
                "$.places[0].name",
                "holds a lone surrogate (U+D800) at character 0: not Unicode text, and no"
                " UTF-8 file can hold it",
            )
        ]

    def test_lone_surrogate_in_an_alias_and_the_version(self) -> None:
        """Array items and the version are checked too, each at its own path."""
        raw = small()
        raw["version"] = "1\udc00"
        raw["places"][0]["aliases"] = ["Moskva", "Mo\udfffskva"]
        assert [path for path, _ in problems_of(raw)] == [
            "$.version",
            "$.places[0].aliases[1]",
        ]

    def test_unknown_key_with_a_surrogate_is_shown_escaped(self) -> None:
        """An unknown key that cannot be printed is shown with escapes, so the error prints."""
        raw = small()
        raw["places"][0]["\ud800"] = 1
        [(path, message)] = problems_of(raw)
        assert (path, message) == ("$.places[0]", "unknown field: '\\ud800'")
        message.encode("utf-8")

    def test_version_built_in_python(self) -> None:
        """Dataset(version=...) refuses a lone surrogate as the loader does."""
        with pytest.raises(sr.DataError) as info:
            sr.Dataset(version="v\ud800")
        assert [p.path for p in info.value.problems] == ["$.version"]

    @given(name=st.text(min_size=1), alias=st.text(min_size=1))
    def test_what_loads_is_written_by_every_writer(self, name: str, alias: str) -> None:
        """Any name the loader accepts is written by dumps and by every export format."""
        raw = small()
        raw["places"][0].update(name=name, aliases=[alias])
        try:
            ds = loads(raw)
        except sr.DataError:
            return
        assert sr.loads(sr.dumps(ds).encode("utf-8")) == ds
        for format in ("json", "jsonl", "csv", "graph"):
            assert render(ds, format=format)


class TestInvisibleText:
    @pytest.mark.parametrize(
        "name", ["\u200b", "\u200c\u200d", "\u2060", "\ufeff", " \u200b\t", "\u0301", "\x00"]
    )
    def test_invisible_name(self, name: str) -> None:
        """A name of only invisible characters is as empty as "" and refused at its path."""
        raw = small()
        raw["places"][0]["name"] = name
        [(path, message)] = problems_of(raw)
        assert path == "$.places[0].name"
        assert message.startswith("must not be empty: it holds only invisible characters (U+")

    def test_invisible_alias(self) -> None:
        """An array of texts refuses an invisible item, naming its index."""
        raw = small()
        raw["places"][0]["aliases"] = ["Moskva", "\u200b"]
        assert problems_of(raw) == [
            (
                "$.places[0].aliases",
                "must not be empty: it holds only invisible characters (U+200B) (at [1])",
            )
        ]

    def test_visible_text_beside_invisible_loads(self) -> None:
        """Invisible characters beside a visible one are kept as given."""
        raw = small()
        raw["places"][0]["name"] = "Mos\u200bcow\u0301"
        assert loads(raw).places.get("moscow").name == "Mos\u200bcow\u0301"


class TestRepeatedIds:
    @pytest.mark.parametrize(
        ("section", "record", "field"),
        [
            (
                "treaties",
                {"id": "t", "citations": [_C], "name": "T", "kind": "treaty"},
                "parties",
            ),
            (
                "projects",
                {
                    "id": "p",
                    "citations": [_C],
                    "name": "P",
                    "sector": "energy",
                    "status": "planned",
                },
                "parties",
            ),
            (
                "organisations",
                {"id": "o", "citations": [_C], "name": "O", "kind": "intergovernmental"},
                "members",
            ),
            (
                "statements",
                {"id": "s", "citations": [_C], "kind": "claim", "text": "T"},
                "about",
            ),
            (
                "happenings",
                {"id": "h", "citations": [_C], "title": "H", "kind": "pandemic"},
                "about",
            ),
        ],
    )
    def test_repeated_id(self, section: str, record: dict[str, Any], field: str) -> None:
        """An id repeated in an id array is refused at the array, naming the id and both places."""
        raw = small()
        raw[section] = [{**record, field: ["china", "russia", "china"]}]
        assert problems_of(raw) == [
            (f"$.{section}[0].{field}", "must not repeat an id: 'china' is at [0] and [2]")
        ]

    def test_repeated_agreement(self) -> None:
        """A project naming one treaty twice among its agreements is refused."""
        raw = small()
        raw["treaties"] = [{"id": "t", "citations": [_C], "name": "T", "kind": "treaty"}]
        raw["projects"] = [
            {
                "id": "p", "citations": [_C], "name": "P", "sector": "energy",
                "status": "planned", "agreements": ["t", "t"],
            }
        ]  # fmt: skip
        assert problems_of(raw) == [
            ("$.projects[0].agreements", "must not repeat an id: 't' is at [0] and [1]")
        ]

    @pytest.mark.parametrize(
        ("second", "message"),
        [
            ({"who": "xi-jinping", "role": "host"}, "'xi-jinping' is both guest and host"),
            (
                {"who": "xi-jinping", "role": "guest"},
                "'xi-jinping' is listed twice, at [0] and [1]",
            ),
            ({"who": "xi-jinping"}, "'xi-jinping' is listed twice, at [0] and [1]"),
        ],
    )
    def test_participant_listed_twice(self, second: dict[str, str], message: str) -> None:
        """One actor listed twice in one meeting is refused at the second listing's who."""
        raw = small()
        raw["meetings"][0]["participants"].append(second)
        [(path, found)] = problems_of(raw)
        assert path == "$.meetings[0].participants[1].who"
        assert found.startswith(message)


class TestImpossibleCombinations:
    """Type-correct records that cannot be true: each a located DataError."""

    def test_meeting_commemorates_itself(self) -> None:
        """A meeting marking itself is refused at commemorates."""
        raw = small()
        raw["meetings"][0]["commemorates"] = "visit"
        assert problems_of(raw) == [
            ("$.meetings[0].commemorates", "a meeting cannot commemorate itself")
        ]

    def test_meeting_commemorates_a_later_one(self) -> None:
        """A meeting cannot mark what comes after it; the same day is possible."""
        raw = small()
        parade = {"id": "parade", "citations": [_C], "title": "Parade", "kind": "ceremony"}
        raw["meetings"].append({**parade, "date": day("2010"), "commemorates": "visit"})
        assert problems_of(raw) == [
            (
                "$.meetings[1].commemorates",
                "commemorates 'visit' (2013-03-22), which comes after it (2010)",
            )
        ]
        raw["meetings"][1]["date"] = day("2013-03-22")
        assert loads(raw).meetings.get("parade").commemorates == "visit"

    def test_meetings_commemorate_each_other(self) -> None:
        """Undated meetings marking each other in a cycle are refused, each at commemorates."""
        raw = small()
        base = {"citations": [_C], "title": "Rite", "kind": "ceremony"}
        raw["meetings"] += [
            {**base, "id": "a", "commemorates": "b"},
            {**base, "id": "b", "commemorates": "c"},
            {**base, "id": "c", "commemorates": "a"},
            {**base, "id": "d", "commemorates": "a"},
        ]
        assert problems_of(raw) == [
            (f"$.meetings[{i}].commemorates", "meetings commemorate each other in a cycle")
            for i in (1, 2, 3, 4)  # d's chain runs into the cycle too
        ]

    @pytest.mark.parametrize(("kind", "refused"), [("paraphrase", True), ("claim", False)])
    def test_statement_on_another_day_than_its_occasion(self, kind: str, refused: bool) -> None:
        """A statement said certainly on another date than its occasion is refused.

        A claim's date may be the period it covers, so a claim is let be.
        """
        raw = small()
        statement = {"id": "s", "citations": [_C], "kind": kind, "text": "T", "occasion": "visit"}
        if kind != "claim":
            statement["speaker"] = "xi-jinping"
        raw["statements"] = [{**statement, "date": day("2014")}]
        if refused:
            assert problems_of(raw) == [
                (
                    "$.statements[0].occasion",
                    "it was said on 2014, but 'visit' took place on 2013-03-22",
                )
            ]
        else:
            assert loads(raw).statements.get("s").occasion == "visit"
        raw["statements"][0]["date"] = day("2013-03")
        assert loads(raw).statements.get("s").date is not None

    def test_treaty_signed_on_another_day_than_its_event(self) -> None:
        """A treaty signed certainly on another date than its signed_at event is refused."""
        raw = small()
        treaty = {"id": "t", "citations": [_C], "name": "T", "kind": "treaty", "signed_at": "visit"}
        raw["treaties"] = [{**treaty, "signed": day("2013-03-23")}]
        assert problems_of(raw) == [
            (
                "$.treaties[0].signed_at",
                "it was signed on 2013-03-23, but 'visit' took place on 2013-03-22",
            )
        ]
        raw["treaties"][0]["signed"] = day("2013")
        assert loads(raw).treaties.get("t").signed_at == "visit"

    def test_treaty_in_force_before_signed(self) -> None:
        """A treaty certainly in force before its signing is refused at in_force."""
        raw = small()
        raw["treaties"] = [
            {
                "id": "t", "citations": [_C], "name": "T", "kind": "treaty",
                "signed": day("2001-07-16"), "in_force": day("2001-06"),
            }
        ]  # fmt: skip
        assert problems_of(raw) == [
            (
                "$.treaties[0].in_force",
                "it enters into force (2001-06) before it is signed (2001-07-16)",
            )
        ]

    def test_journey_from_its_destination(self) -> None:
        """A happening whose origin is its place is refused at origin."""
        raw = small()
        raw["happenings"] = [
            {
                "id": "h", "citations": [_C], "title": "Flight", "kind": "aid_delivery",
                "place": "moscow", "origin": "moscow",
            }
        ]  # fmt: skip
        assert problems_of(raw) == [
            ("$.happenings[0].origin", "a journey cannot start where it ends ('moscow')")
        ]

    def test_statement_about_itself(self) -> None:
        """A record about itself is refused at the item of about that names it."""
        raw = small()
        raw["statements"] = [
            {"id": "s", "citations": [_C], "kind": "claim", "text": "T", "about": ["china", "s"]}
        ]
        assert problems_of(raw) == [
            ("$.statements[0].about[1]", "a statement cannot be about itself")
        ]

    def test_attested_before_the_start(self) -> None:
        """An office attested certainly before it starts is refused at attested."""
        raw = small()
        raw["offices"][0]["attested"] = day("2013-02")
        assert problems_of(raw) == [
            ("$.offices[0].attested", "the office is attested (2013-02) before it starts (2013-03)")
        ]

    def test_ambassador_to_their_own_state(self) -> None:
        """An office accredited to its own organisation is refused at posted_to."""
        raw = small()
        raw["offices"][0]["posted_to"] = "china"
        [(path, message)] = problems_of(raw)
        assert path == "$.offices[0].posted_to"
        assert message == "an office of 'china' cannot be accredited to 'china' itself"

    def test_milestones_out_of_date_order(self) -> None:
        """A milestone certainly before one listed earlier is refused at its date."""
        raw = small()
        step = {"title": "Step", "status": "planned", "citations": [_C]}
        raw["projects"] = [
            {
                "id": "p", "citations": [_C], "name": "P", "sector": "energy", "status": "planned",
                "milestones": [{**step, "date": day("2019")}, {**step, "date": day("2018-12")}],
            }
        ]  # fmt: skip
        assert problems_of(raw) == [
            (
                "$.projects[0].milestones[1].date",
                "milestones go in date order, but this one (2018-12) comes before an earlier"
                " one (2019)",
            )
        ]


class TestOverlappingTenures:
    """One person cannot hold one post of one body twice at once."""

    def test_ended_tenures_overlap(self, raw: dict[str, Any]) -> None:
        """Two ended tenures that certainly share days: the later-starting one is refused."""
        ended = {"status": "ended"}
        raw["offices"] = [
            office(raw, "first", start=day("2000"), end=day("2005"), **ended),
            office(raw, "second", start=day("2004-06"), end=day("2008"), **ended),
        ]
        assert problems_of(raw) == [
            (
                "$.offices[1]",
                "'xi-jinping' cannot hold this office twice at once: the tenure of 'first'"
                " (same post and organisation) certainly overlaps this one from 2004-06-30"
                " to 2005-01-01",
            )
        ]

    @pytest.mark.parametrize(
        ("first", "second"),
        [
            (("2000", "2005"), ("2005", "2008")),  # may meet in 2005, need not
            (("2000", "2005"), ("2006", "2008")),
            (("2000-01", "2000-12"), ("2000-06", "2000-07")),  # the first may end early
        ],
    )
    def test_possible_successions_load(
        self, raw: dict[str, Any], first: tuple[str, str], second: tuple[str, str]
    ) -> None:
        """Tenures that need not overlap are accepted (a month or year may hold a handover)."""
        raw["offices"] = [
            office(raw, "a", start=day(first[0]), end=day(first[1]), status="ended"),
            office(raw, "b", start=day(second[0]), end=day(second[1]), status="ended"),
        ]
        if first == ("2000-01", "2000-12"):
            # The first certainly covers 2000-01-31 .. 2000-12-01, the second 2000-06-30 ..
            # 2000-07-01: those days are certain in both, so this one is refused.
            assert [path for path, _ in problems_of(raw)] == ["$.offices[1]"]
        else:
            assert len(loads(raw).offices) == 2

    def test_attested_on_one_day_twice(self, raw: dict[str, Any]) -> None:
        """Two records of one office attested on the same day are refused; other posts pass."""
        raw["offices"] = [
            office(raw, "a", start=None, status="unknown", attested=day("2020-01-01")),
            office(raw, "b", start=None, status="unknown", attested=day("2020-01-01")),
        ]
        for record in raw["offices"]:
            del record["start"]
        assert [path for path, _ in problems_of(raw)] == ["$.offices[1]"]
        raw["offices"][1]["post"] = "General Secretary"
        assert len(loads(raw).offices) == 2
        raw["offices"][1].update(post="President", attested=day("2020-01"))
        assert len(loads(raw).offices) == 2  # a month: the day may differ

    def test_ongoing_tenures_as_of_a_dated_document(self, raw: dict[str, Any]) -> None:
        """Ongoing tenures last until their document was written: two of one post overlap."""
        raw["documents"][0]["date"] = day("2021")
        raw["offices"].append(office(raw, "again", start=day("2018-03")))
        assert [path for path, _ in problems_of(raw)] == ["$.offices[1]"]
        del raw["documents"][0]["date"]
        assert len(loads(raw).offices) == 2  # undated: nothing is certain after the start

    def test_the_post_is_compared_without_case_or_spacing(self, raw: dict[str, Any]) -> None:
        """The posts "President" and " president " are one post."""
        ended = {"status": "ended"}
        raw["offices"] = [
            office(raw, "a", start=day("2000"), end=day("2005"), **ended),
            office(raw, "b", start=day("2001"), end=day("2002"), post=" president ", **ended),
        ]
        assert [path for path, _ in problems_of(raw)] == ["$.offices[1]"]

    def test_many_terms_in_a_row_load(self, raw: dict[str, Any]) -> None:
        """A thousand terms one after another load: the check sorts once, then sweeps."""
        raw["offices"] = [
            office(
                raw, f"term-{i}", start=day(f"{1000 + i:04d}-01"), end=day(f"{1000 + i:04d}-06"),
                status="ended",
            )
            for i in range(1000)
        ]  # fmt: skip
        assert len(loads(raw).offices) == 1000


def _pairwise(spans: list[tuple[int, int]]) -> set[int]:
    """The claims that miss an earlier claim, by comparing every pair: the oracle."""
    return {
        j
        for j in range(len(spans))
        for i in range(j)
        if not (spans[i][0] <= spans[j][1] and spans[j][0] <= spans[i][1])
    }


class TestDateClaimsAgree:
    """The agreement check of a date's claims runs in one pass and reports what pairs would."""

    def test_each_late_claim_names_one_it_misses(self, raw: dict[str, Any]) -> None:
        """Each claim that misses an earlier one is reported once, beside one it misses."""
        raw["meetings"][0]["date"] = [
            {"value": value, "citation": _C} for value in ("2001", "2002", "2001-05", "2001-06")
        ]
        assert problems_of(raw) == [
            (
                "$.meetings[0].date[1].value",
                "date claims disagree: 2002 does not overlap 2001 at [0]",
            ),
            (
                "$.meetings[0].date[2].value",
                "date claims disagree: 2001-05 does not overlap 2002 at [1]",
            ),
            (
                "$.meetings[0].date[3].value",
                "date claims disagree: 2001-06 does not overlap 2001-05 at [2]",
            ),
        ]

    @given(
        st.lists(
            st.tuples(st.integers(1990, 1999), st.integers(0, 3)).map(
                lambda pair: f"{pair[0]}/{pair[0] + pair[1]}"
            ),
            min_size=1,
            max_size=8,
        )
    )
    def test_same_claims_as_every_pair(self, values: list[str]) -> None:
        """The claims reported are those every pair shows, each beside one it misses."""
        raw = small()
        raw["meetings"][0]["date"] = [{"value": value, "citation": _C} for value in values]
        spans = [sr.parse_edtf(value)._span for value in values]
        expected = _pairwise(spans)
        if not expected:
            assert loads(raw).meetings.get("visit").date is not None
            return
        found = problems_of(raw)
        reported = {int(path.split("[")[-1].split("]")[0]) for path, _ in found}
        assert reported == expected
        for path, message in found:
            j = int(path.split("[")[-1].split("]")[0])
            i = int(message.rsplit("[", 1)[1].rstrip("]"))
            assert i < j
            assert spans[i][1] < spans[j][0] or spans[j][1] < spans[i][0]

    def test_thousands_of_agreeing_claims(self, raw: dict[str, Any]) -> None:
        """Twelve thousand claims of one date load (one pass, not seventy million pairs)."""
        raw["meetings"][0]["date"] = [{"value": "2013", "citation": _C}] * 12_000
        assert len(loads(raw).meetings.get("visit").date.claims) == 12_000  # type: ignore[union-attr]


class TestPlaceChains:
    def test_twenty_thousand_places_in_a_chain(self, raw: dict[str, Any]) -> None:
        """A chain of 20,000 places, each within the last, loads; closed into a cycle, it fails."""
        base = raw["places"][0]
        raw["places"] += [
            {**base, "id": f"p{i}", "within": "russia" if i == 0 else f"p{i - 1}"}
            for i in range(20_000)
        ]
        assert len(loads(raw).places) == 20_001
        raw["places"][1]["within"] = "p19999"
        found = problems_of(raw)
        assert len(found) == 20_000
        assert found[0] == ("$.places[1].within", "places contain each other in a cycle")


class TestArguments:
    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"version": 1}, "Dataset(version): expected a string, got int 1"),
            ({"source": None}, "Dataset(source): expected a string, got None"),
            ({"people": "xi"}, "Dataset(people): expected an iterable of person records"),
            ({"places": 3}, "Dataset(places): expected an iterable of place records"),
            ({"meetings": {"a": 1}}, "Dataset(meetings): expected an iterable of meeting records"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, Any], message: str) -> None:
        """A bad argument to Dataset() is the library's ArgumentError, naming it."""
        with pytest.raises(sr.ArgumentError) as info:
            sr.Dataset(**kwargs)
        assert str(info.value).startswith(message)

    def test_unknown_section_is_an_argument_error(self) -> None:
        """A keyword that is no section is an sr.ArgumentError (still a TypeError)."""
        with pytest.raises(sr.ArgumentError, match="no section 'meeting'"):
            sr.Dataset(meeting=())

    def test_any_iterable_of_records(self, ds: sr.Dataset) -> None:
        """A generator or a list of records is as good as a tuple."""
        sections: dict[str, Any] = {name: iter(records) for name, records in ds.sections().items()}
        rebuilt = sr.Dataset(version=ds.version, **sections)
        assert rebuilt == ds
