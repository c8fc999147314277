"""The Dataset (``_dataset``): construction, sections, related() and the integrity check."""

from __future__ import annotations

import json
import pickle
from typing import Any, cast

import pytest

import sinorussia as sr
from sinorussia._dataset import SECTIONS, Section


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
