"""The query API on the bundled dataset: every answer checked against the data file."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import pandas as pd
import pendulum
import pytest

import sinorussia as sr

XI_PUTIN_OPEN = (
    "mutual-visits-2013-2021",
    "multilateral-encounters-2013-2021",
    "high-speed-train-ride",
    "neva-river-cruise",
    "children-ice-hockey-match",
    "pancake-cooking",
)
"""The Xi-Putin meetings the article dates only as "between March 2013 and 2021"."""

STATED = sr.Citation(basis=sr.Basis.STATED, document="doc", paragraphs=(1,))


def small_dataset(*, start: str | None, end: str | None) -> sr.Dataset:
    """One country, one leader and one office with the given tenure (EDTF)."""
    ended = sr.OfficeStatus.ENDED if end is not None else sr.OfficeStatus.ONGOING
    return sr.Dataset(
        documents=(
            sr.Document(id="doc", title="Doc", language="en", paragraphs=3, sha256="0" * 64),
        ),
        countries=(sr.Country(id="land", citations=(STATED,), name="Land"),),
        people=(sr.Person(id="boss", citations=(STATED,), name="Big Boss", nationality="land"),),
        offices=(
            sr.Office(
                id="boss-office",
                citations=(STATED,),
                person="boss",
                post="President",
                role=sr.OfficeRole.HEAD_OF_STATE,
                organisation="land",
                start=None if start is None else sr.Dating.of(start, STATED),
                end=None if end is None else sr.Dating.of(end, STATED),
                status=ended,
            ),
        ),
    )


class TestSequence:
    def test_get_by_id(self, ds: sr.Dataset) -> None:
        """get returns the record with that id."""
        assert ds.leaders.get("wang-yi").name == "Wang Yi"

    def test_get_miss_suggests_close_ids(self, ds: sr.Dataset) -> None:
        """An unknown id raises NotFound, a LookupError, suggesting close ids."""
        with pytest.raises(sr.NotFound, match="did you mean 'wang-yi'") as caught:
            ds.leaders.get("wang-yl")
        assert caught.value.suggestions == ("wang-yi",)
        assert isinstance(caught.value, LookupError)

    def test_get_with_default(self, ds: sr.Dataset) -> None:
        """With a default, a miss returns it instead of raising."""
        assert ds.leaders.get("sergey-lavrov", None) is None
        sentinel = object()
        assert ds.leaders.get("nobody", sentinel) is sentinel

    def test_get_on_filtered_collection_finds_only_members(self, ds: sr.Dataset) -> None:
        """get on a filtered collection finds its members and nothing else."""
        russians = ds.leaders.involving("russia")
        assert russians.get("sergei-lavrov").id == "sergei-lavrov"
        with pytest.raises(sr.NotFound):
            russians.get("wang-yi")
        assert russians.get("wang-yi", None) is None

    def test_ids_and_membership(self, ds: sr.Dataset) -> None:
        """ids lists ids in order; `in` takes an id or a record."""
        countries: sr.Collection[Any] = ds.countries
        russians: sr.Collection[Any] = ds.leaders.involving("russia")
        assert countries.ids == ("china", "russia", "iran")
        assert "china" in countries
        assert ds.countries.get("iran") in countries
        assert "moscow" not in countries
        assert "wang-yi" not in russians
        assert "sergei-lavrov" in russians
        assert ds.leaders.get("wang-yi") not in russians

    def test_indexing_and_slicing(self, ds: sr.Dataset) -> None:
        """Integer indexes give records; a slice is a Collection that still filters."""
        assert ds.meetings[0].id == "xi-state-visit-russia-2013"
        assert ds.meetings[-1].id == "guilin-talks-2021"
        head = ds.meetings[:3]
        assert isinstance(head, sr.Collection)
        assert head.ids == (
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            "mutual-visits-2013-2021",
        )
        assert head.at("russia").ids == ("xi-state-visit-russia-2013", "victory-day-parade-2015")
        with pytest.raises(IndexError):
            ds.countries[3]

    def test_len_iter_bool(self, ds: sr.Dataset) -> None:
        """len, iteration and truth follow the records."""
        assert len(ds.meetings) == 13
        assert [c.id for c in ds.countries] == ["china", "russia", "iran"]
        assert ds.meetings
        assert not ds.meetings.during(1900)

    def test_equality_and_hash(self, ds: sr.Dataset) -> None:
        """Collections with the same records are equal and hash alike."""
        everything = ds.meetings.filter(lambda m: True)
        assert everything == ds.meetings
        assert hash(everything) == hash(ds.meetings)
        assert ds.meetings.during(2020) != ds.meetings.during(2019)

    def test_collections_are_immutable(self, ds: sr.Dataset) -> None:
        """Assigning or deleting attributes of a collection raises."""
        with pytest.raises(AttributeError):
            ds.meetings._items = ()
        with pytest.raises(AttributeError):
            del ds.meetings._kind


class TestLookup:
    @pytest.mark.parametrize("text", ["Lavrov", "LAVROV ", "Sergey Lavrov", "Лавров", "lavrov"])
    def test_lavrov_spellings(self, ds: sr.Dataset, text: str) -> None:
        """Case, spacing, aliases and Cyrillic all find Sergei Lavrov."""
        assert ds.leaders.lookup(text).id == "sergei-lavrov"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("习近平", "xi-jinping"),
            ("Путин", "vladimir-putin"),
            ("Sergéi  lavrov", "sergei-lavrov"),
            ("andrei denisov", "andrey-denisov"),
            ("xi-jinping", "xi-jinping"),
            ("Xi", "xi-jinping"),
        ],
    )
    def test_more_names(self, ds: sr.Dataset, text: str, expected: str) -> None:
        """Chinese aliases, accents, alternative spellings, ids and surnames match."""
        assert ds.leaders.lookup(text).id == expected

    def test_dataset_lookup_across_classes(self, ds: sr.Dataset) -> None:
        """Dataset.lookup searches every class: projects, countries, places."""
        assert ds.lookup("Power of Siberia").id == "east-route-gas-pipeline"
        assert ds.lookup("PRC").id == "china"
        assert ds.countries.lookup("cn").id == "china"
        # The full name beats the word of "Moscow Kremlin".
        assert ds.lookup("Moscow").id == "moscow"

    def test_ambiguous_lists_candidates(self, ds: sr.Dataset) -> None:
        """A surname shared by several records raises Ambiguous, a NotFound."""
        with pytest.raises(sr.Ambiguous) as caught:
            ds.offices.lookup("Wang")
        assert caught.value.candidates == ("wang-yi-state-councilor", "wang-yi-foreign-minister")
        assert isinstance(caught.value, sr.NotFound)

    def test_lookup_on_filtered_collection(self, ds: sr.Dataset) -> None:
        """A filtered collection looks up only its members, which can settle ambiguity."""
        assert ds.offices.of_kind("minister").lookup("Wang").id == "wang-yi-foreign-minister"
        with pytest.raises(sr.NotFound):
            ds.leaders.involving("russia").lookup("Wang Yi")

    def test_miss_suggests(self, ds: sr.Dataset) -> None:
        """A name that matches nothing raises NotFound with close suggestions."""
        with pytest.raises(sr.NotFound) as caught:
            ds.leaders.lookup("Lavrof")
        assert not isinstance(caught.value, sr.Ambiguous)
        assert caught.value.suggestions == ("sergei-lavrov",)

    def test_empty_text_finds_nothing(self, ds: sr.Dataset) -> None:
        """An empty name raises NotFound without suggestions."""
        with pytest.raises(sr.NotFound) as caught:
            ds.leaders.lookup("")
        assert caught.value.suggestions == ()


class TestSearch:
    def test_ranking_from_the_docs(self, ds: sr.Dataset) -> None:
        """search ranks by score, then id, and names the alias that matched."""
        found = ds.search("lavrof")
        assert [(m.record.id, m.score) for m in found] == [
            ("sergei-lavrov", 0.7083),
            ("guilin-talks-2021", 0.6729),
            ("sergei-lavrov-foreign-minister", 0.6729),
        ]
        assert found[0].name == "Лавров"
        assert isinstance(found[0], sr.Match)

    def test_limit(self, ds: sr.Dataset) -> None:
        """limit caps the results; None returns every match, best first."""
        everything = ds.search("putin", limit=None)
        assert len(everything) == 11
        assert ds.search("putin", limit=2) == everything[:2]
        assert len(ds.search("putin")) == 10
        assert everything[0].record.id == "vladimir-putin"
        assert everything[0].score == 1.0
        keys = [(-m.score, m.record.id) for m in everything]
        assert keys == sorted(keys)

    def test_search_on_a_collection(self, ds: sr.Dataset) -> None:
        """A collection's search looks only at its records."""
        assert [m.record.id for m in ds.leaders.search("lavrof")] == ["sergei-lavrov"]

    def test_nothing_matches(self, ds: sr.Dataset) -> None:
        """Gibberish and empty text match nothing."""
        assert ds.search("qqqqqq") == []
        assert ds.leaders.search("") == []


class TestInvolving:
    def test_xi_and_putin_in_2020(self, ds: sr.Dataset) -> None:
        """Certainly in 2020: the phone calls and the multilateral meetings."""
        xi_putin = ds.meetings.involving("xi-jinping", "vladimir-putin")
        assert xi_putin.during(2020, certain=True).ids == (
            "phone-calls-2020",
            "multilateral-meetings-2020",
        )
        assert xi_putin.during(2020).ids == (
            *XI_PUTIN_OPEN,
            "phone-calls-2020",
            "multilateral-meetings-2020",
        )

    def test_all_versus_any(self, ds: sr.Dataset) -> None:
        """match='all' needs every one involved; match='any' one of them."""
        assert ds.meetings.involving("wang-yi", "sergei-lavrov").ids == ("guilin-talks-2021",)
        assert ds.meetings.involving("Wang Yi", "Lavrov", match="any").ids == ("guilin-talks-2021",)
        assert ds.meetings.involving("xi-jinping", "sergei-lavrov").ids == ()
        assert ds.events.involving("xi-jinping", "sergei-lavrov", match="any").ids == (
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            *XI_PUTIN_OPEN,
            "xi-state-visit-russia-2019",
            "gas-pipeline-launch-video-link",
            "phone-calls-2020",
            "multilateral-meetings-2020",
            "guilin-talks-2021",
            "joint-anti-epidemic-plan",
        )

    def test_person_implies_country(self, ds: sr.Dataset) -> None:
        """A meeting of Wang Yi involves China, though China is no participant."""
        talks = ds.meetings.get("guilin-talks-2021")
        assert {p.who for p in talks.participants} == {"wang-yi", "sergei-lavrov"}
        assert "guilin-talks-2021" in ds.meetings.involving("china").ids
        assert ds.meetings.involving("china").ids == ds.meetings.ids
        assert ds.events.involving("china", "russia").of_kind("aid_delivery").ids == (
            "aid-flight-wuhan-2020",
            "chinese-anti-epidemic-supplies",
        )

    def test_country_does_not_imply_person(self, ds: sr.Dataset) -> None:
        """Widening goes from person to country only: China's aid is not Xi's."""
        assert "aid-flight-wuhan-2020" in ds.happenings.involving("china").ids
        assert "aid-flight-wuhan-2020" not in ds.happenings.involving("xi-jinping").ids

    def test_records_and_names_as_arguments(self, ds: sr.Dataset) -> None:
        """A record, an id and a name of the same person give the same answer."""
        by_id = ds.meetings.involving("wang-yi")
        assert ds.meetings.involving(ds.leaders.get("wang-yi")) == by_id
        assert ds.meetings.involving("Wang Yi") == by_id
        assert ds.meetings.involving("王毅").ids == ("guilin-talks-2021",)

    def test_other_record_classes(self, ds: sr.Dataset) -> None:
        """Treaties involve parties and signatories, offices holder and state."""
        assert ds.treaties.involving("cnsa").ids == ("lunar-research-station-mou",)
        assert ds.treaties.involving("jiang-zemin").ids == ("treaty-of-good-neighborliness",)
        assert ds.offices.involving("russia").ids == (
            "vladimir-putin-president-of-russia",
            "sergei-lavrov-foreign-minister",
            "andrey-denisov-ambassador-to-china",
        )
        assert ds.statements.involving("andrey-denisov").ids == ("denisov-common-enemy",)

    def test_unknown_raises_with_suggestions(self, ds: sr.Dataset) -> None:
        """An unknown person raises NotFound, suggesting close records."""
        with pytest.raises(sr.NotFound) as caught:
            ds.meetings.involving("vladimir-putn")
        assert caught.value.suggestions[0] == "vladimir-putin"
        with pytest.raises(sr.NotFound, match="no person, country or organisation"):
            ds.meetings.involving("nobody-here")

    def test_ambiguous_name_raises(self, ds: sr.Dataset) -> None:
        """A name that fits several records raises Ambiguous."""
        with pytest.raises(sr.Ambiguous):
            ds.meetings.involving("Xi")

    def test_bad_arguments(self, ds: sr.Dataset) -> None:
        """No one, a wrong match mode or a non-record raise."""
        with pytest.raises(TypeError, match="at least one"):
            ds.meetings.involving()
        with pytest.raises(ValueError, match="'all' or 'any'"):
            ds.meetings.involving("china", match="some")  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            ds.meetings.involving(3)  # type: ignore[arg-type]

    def test_hand_built_collection_matches_literally(self, ds: sr.Dataset) -> None:
        """A collection built by hand has no dataset: no widening, no names."""
        loose: sr.Collection[sr.Meeting] = sr.Collection(ds.meetings, kind="meeting")
        assert loose.involving("russia").ids == (
            "xi-state-visit-russia-2013",
            "xi-state-visit-russia-2019",
        )
        assert loose.involving("Wang Yi").ids == ()
        assert loose.at("russia").ids == ()
        assert loose.at("moscow").ids == (
            "xi-state-visit-russia-2013",
            "xi-state-visit-russia-2019",
        )


class TestDuring:
    def test_possible_and_certain(self, ds: sr.Dataset) -> None:
        """Possible counts the open-ended 2013-2021 meetings; certain does not."""
        assert len(ds.meetings.during(2020)) == 8
        assert ds.meetings.during(2020, certain=True).ids == (
            "phone-calls-2020",
            "multilateral-meetings-2020",
        )

    @pytest.mark.parametrize(
        "period",
        [
            ("2020-02-01", "2020-02-29"),
            "2020-02",
            "2020-02-01/2020-02-29",
            (datetime.date(2020, 2, 1), datetime.date(2020, 2, 29)),
            pendulum.Interval(pendulum.Date(2020, 2, 1), pendulum.Date(2020, 2, 29)),
            sr.PartialDate(2020, 2),
        ],
        ids=["tuple", "month", "edtf-interval", "date-tuple", "pendulum-interval", "partial"],
    )
    def test_period_forms(self, ds: sr.Dataset, period: sr.PeriodLike) -> None:
        """Every form of February 2020 certainly holds only the Wuhan aid flight."""
        assert ds.events.during(period, certain=True).ids == ("aid-flight-wuhan-2020",)

    @pytest.mark.parametrize(
        "day",
        [
            datetime.date(2020, 2, 9),
            pendulum.Date(2020, 2, 9),
            datetime.datetime(2020, 2, 9, 23, 59),
            "2020-02-09",
        ],
        ids=["date", "pendulum", "datetime", "edtf"],
    )
    def test_single_days(self, ds: sr.Dataset, day: sr.DateLike) -> None:
        """A day may hold the Wuhan flight and the open-ended and yearly events."""
        assert ds.happenings.during(day).ids == (
            "aid-flight-wuhan-2020",
            "joint-anti-epidemic-plan",
        )
        assert ds.events.during(day, certain=True).ids == ("aid-flight-wuhan-2020",)

    def test_dating_as_period(self, ds: sr.Dataset) -> None:
        """A record's Dating is a period: its best claim."""
        parade = ds.meetings.get("victory-day-parade-2015").date
        assert parade is not None
        assert ds.meetings.during(parade, certain=True).ids == ("victory-day-parade-2015",)

    def test_open_ended_period(self, ds: sr.Dataset) -> None:
        """An open start or end is unbounded."""
        assert ds.treaties.during("../2002").ids == ("treaty-of-good-neighborliness",)
        assert ds.treaties.during((None, "2002")).ids == ("treaty-of-good-neighborliness",)
        assert ds.treaties.during("2021/..", certain=True).ids == (
            "joint-statement-global-governance-2021",
            "lunar-research-station-mou",
        )

    def test_undated_never_match(self, ds: sr.Dataset) -> None:
        """Undated happenings are in no period, possibly or certainly."""
        undated = {h.id for h in ds.happenings if h.date is None}
        assert undated == {
            "russian-expert-delegation",
            "chinese-anti-epidemic-supplies",
            "covid-19-pandemic",
            "anti-epidemic-experience-sharing",
            "vaccine-divide-measures",
        }
        for query in (ds.happenings.during("../9999"), ds.happenings.before("9999")):
            assert undated.isdisjoint(query.ids)

    def test_empty_result(self, ds: sr.Dataset) -> None:
        """A period with nothing in it gives an empty collection."""
        nothing = ds.meetings.during(1900)
        assert nothing.ids == ()
        assert len(nothing) == 0
        assert nothing.involving("china").ids == ()

    @pytest.mark.parametrize(
        ("period", "error"),
        [("20x0", ValueError), (True, TypeError), (2020.0, TypeError), ((2020,), TypeError)],
    )
    def test_bad_periods(self, ds: sr.Dataset, period: Any, error: type[Exception]) -> None:
        """Bad EDTF is a ValueError; bools, floats and one-item tuples a TypeError."""
        with pytest.raises(error):
            ds.meetings.during(period)


class TestBeforeAfter:
    def test_before(self, ds: sr.Dataset) -> None:
        """Possibly before 2015: anything starting earlier; certainly: ended earlier."""
        assert ds.meetings.before(2015).ids == ("xi-state-visit-russia-2013", *XI_PUTIN_OPEN)
        assert ds.meetings.before(2015, certain=True).ids == ("xi-state-visit-russia-2013",)

    def test_after(self, ds: sr.Dataset) -> None:
        """Possibly after 2020: anything ending later; certainly: began later."""
        assert ds.meetings.after(2020).ids == (*XI_PUTIN_OPEN, "guilin-talks-2021")
        assert ds.meetings.after(2020, certain=True).ids == ("guilin-talks-2021",)

    def test_before_is_strict(self, ds: sr.Dataset) -> None:
        """A record on the day itself is not before or after it."""
        assert "victory-day-parade-2015" not in ds.meetings.before("2015-05-09").ids
        assert "victory-day-parade-2015" not in ds.meetings.after("2015-05-09").ids
        assert "victory-day-parade-2015" in ds.meetings.before("2015-05-10", certain=True).ids
        assert "victory-day-parade-2015" in ds.meetings.after("2015-05-08", certain=True).ids


class TestAt:
    def test_parade_is_in_russia(self, ds: sr.Dataset) -> None:
        """Red Square lies in Moscow, in Russia: at('russia') finds the parade."""
        assert ds.events.at("russia").ids == (
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            "neva-river-cruise",
            "xi-state-visit-russia-2019",
        )
        assert ds.meetings.at("red-square").ids == ("victory-day-parade-2015",)
        assert ds.meetings.at("moscow").ids == (
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            "xi-state-visit-russia-2019",
        )

    def test_a_country_as_place(self, ds: sr.Dataset) -> None:
        """A meeting placed in a country, and one in a city of it, are both at it."""
        assert ds.meetings.at("china").ids == ("high-speed-train-ride", "guilin-talks-2021")

    def test_names_and_records(self, ds: sr.Dataset) -> None:
        """A place's name or record works like its id."""
        assert ds.meetings.at("Red Square").ids == ("victory-day-parade-2015",)
        assert ds.meetings.at("Красная площадь").ids == ("victory-day-parade-2015",)
        assert ds.meetings.at(ds.places.get("neva-river")).ids == ("neva-river-cruise",)

    def test_other_classes(self, ds: sr.Dataset) -> None:
        """Treaties are at their signing place, projects at their location."""
        assert ds.treaties.at("russia").ids == (
            "treaty-of-good-neighborliness",
            "joint-statement-new-era-2019",
        )
        assert ds.projects.at("moon").ids == ("international-lunar-research-station",)
        assert ds.places.at("moscow").ids == ("moscow", "red-square", "kremlin", "mgimo")

    def test_unknown_place(self, ds: sr.Dataset) -> None:
        """An unknown place, or a record that is no place, raises NotFound."""
        with pytest.raises(sr.NotFound, match="no place 'atlantis'"):
            ds.meetings.at("atlantis")
        with pytest.raises(sr.NotFound):
            ds.meetings.at("xi-jinping")


class TestOtherFilters:
    def test_of_kind(self, ds: sr.Dataset) -> None:
        """of_kind takes members or values, any of several; roles for offices."""
        assert ds.meetings.of_kind("summit").ids == (
            "multilateral-encounters-2013-2021",
            "multilateral-meetings-2020",
        )
        assert ds.meetings.of_kind(sr.MeetingKind.SUMMIT, "phone_call").ids == (
            "multilateral-encounters-2013-2021",
            "phone-calls-2020",
            "multilateral-meetings-2020",
        )
        assert ds.offices.of_kind(sr.OfficeRole.MINISTER).ids == (
            "wang-yi-foreign-minister",
            "sergei-lavrov-foreign-minister",
        )
        assert ds.places.of_kind("city").ids == ("moscow", "wuhan", "guilin")
        with pytest.raises(ValueError, match="unknown kind 'no_such_kind'"):
            ds.meetings.of_kind("no_such_kind")
        with pytest.raises(TypeError):
            ds.meetings.of_kind()

    def test_cited_in(self, ds: sr.Dataset) -> None:
        """cited_in finds citations anywhere in a record, dates' claims included."""
        assert ds.statements.cited_in(12).ids == ("denisov-common-enemy",)
        # Paragraph 4 dates the open-ended meetings; only the 2013 visit is stated there.
        assert ds.meetings.cited_in(4).ids == ("xi-state-visit-russia-2013", *XI_PUTIN_OPEN)
        assert ds.meetings.cited_in(4, basis="stated").ids == ("xi-state-visit-russia-2013",)
        # The 2013 visit's date also has an inferred claim, from paragraph 4.
        assert ds.meetings.cited_in(4, basis=sr.Basis.INFERRED).ids == (
            "xi-state-visit-russia-2013",
            *XI_PUTIN_OPEN,
        )
        assert ds.meetings.cited_in(5, basis="stated").ids == XI_PUTIN_OPEN[:2]
        assert ds.meetings.cited_in(17, 1).ids == (
            "victory-day-parade-2015",
            "guilin-talks-2021",
        )
        assert ds.meetings.cited_in(4, document="article") == ds.meetings.cited_in(4)
        assert ds.meetings.cited_in(4, document="elsewhere").ids == ()
        assert ds.meetings.cited_in().ids == ()

    def test_where(self, ds: sr.Dataset) -> None:
        """where compares fields; enums by member or value; tuples by membership."""
        assert ds.offices.where(person="wang-yi").ids == (
            "wang-yi-state-councilor",
            "wang-yi-foreign-minister",
        )
        assert ds.meetings.where(kind="summit") == ds.meetings.of_kind("summit")
        assert ds.meetings.where(kind=sr.MeetingKind.SUMMIT, place=None).ids == (
            "multilateral-encounters-2013-2021",
            "multilateral-meetings-2020",
        )
        assert ds.countries.where(aliases="PRC").ids == ("china",)
        assert ds.meetings.where(count=None).ids == (
            "mutual-visits-2013-2021",
            "multilateral-encounters-2013-2021",
            "multilateral-meetings-2020",
        )
        assert ds.statements.where(speaker="wang-yi").ids == ("wang-yi-guilin-remark",)

    def test_where_unknown_field(self, ds: sr.Dataset) -> None:
        """A field the records do not have is a TypeError."""
        with pytest.raises(TypeError, match="Meeting has no field 'bogus'"):
            ds.meetings.where(bogus=1)
        with pytest.raises(TypeError, match="has no field 'bogus'"):
            ds.events.where(bogus=1)

    def test_where_on_mixed_collections(self, ds: sr.Dataset) -> None:
        """A field of only some classes matches those records and skips the others."""
        assert ds.events.where(origin="moscow").ids == ("aid-flight-wuhan-2020",)
        assert ds.all().where(nationality="russia").ids == (
            "vladimir-putin",
            "sergei-lavrov",
            "andrey-denisov",
        )

    def test_filter(self, ds: sr.Dataset) -> None:
        """filter keeps the records a predicate accepts."""
        assert ds.meetings.filter(lambda m: m.is_aggregate).ids == (
            "mutual-visits-2013-2021",
            "multilateral-encounters-2013-2021",
            "phone-calls-2020",
            "multilateral-meetings-2020",
        )

    def test_of_type(self, ds: sr.Dataset) -> None:
        """of_type narrows a mixed collection to one class."""
        assert ds.people.of_type(sr.Leader).ids == ds.leaders.ids
        assert "zhong-nanshan" in ds.people.ids
        assert ds.all().of_type(sr.Place).ids == ds.places.ids
        assert ds.events.of_type(sr.Happening).ids == ds.happenings.ids

    def test_by_date(self, ds: sr.Dataset) -> None:
        """by_date orders by first day, then last day; undated last in dataset order."""
        assert ds.happenings.by_date().ids == (
            "victory-1945",
            "joint-anti-epidemic-plan",
            "aid-flight-wuhan-2020",
            "treaty-extension-2021",
            "russian-expert-delegation",
            "chinese-anti-epidemic-supplies",
            "covid-19-pandemic",
            "anti-epidemic-experience-sharing",
            "vaccine-divide-measures",
        )
        ordered = ds.meetings.by_date()
        assert ordered.ids[:6] == XI_PUTIN_OPEN
        assert ordered.ids[6:] == (
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            "xi-state-visit-russia-2019",
            "gas-pipeline-launch-video-link",
            "phone-calls-2020",
            "multilateral-meetings-2020",
            "guilin-talks-2021",
        )
        assert ordered.at("moscow").ids == (
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            "xi-state-visit-russia-2019",
        )


class TestChains:
    def test_order_of_filters_does_not_matter(self, ds: sr.Dataset) -> None:
        """Filters in either order give the same records."""
        one = ds.meetings.involving("xi-jinping").during(2015).at("russia").of_kind("ceremony")
        two = ds.meetings.of_kind("ceremony").at("russia").during(2015).involving("xi-jinping")
        assert one.ids == two.ids == ("victory-day-parade-2015",)
        assert (
            ds.meetings.during(2020).involving("vladimir-putin").ids
            == ds.meetings.involving("vladimir-putin").during(2020).ids
        )

    def test_results_keep_dataset_order(self, ds: sr.Dataset) -> None:
        """However a chain is planned, records come in dataset order."""
        found = ds.all().during(2020, certain=True)
        assert found.ids == (
            "phone-calls-2020",
            "multilateral-meetings-2020",
            "aid-flight-wuhan-2020",
            "joint-anti-epidemic-plan",
            "denisov-common-enemy",
        )
        positions = [ds.meetings.ids.index(i) for i in ds.meetings.involving("russia").ids]
        assert positions == sorted(positions)

    def test_filters_leave_the_original_alone(self, ds: sr.Dataset) -> None:
        """A filter returns a new collection; the one it came from is unchanged."""
        before = ds.meetings.ids
        narrowed = ds.meetings.during(2020)
        assert narrowed is not ds.meetings
        assert narrowed.involving("sergei-lavrov").ids == ()
        assert ds.meetings.ids == before
        assert len(narrowed) == 8

    def test_repeated_filters(self, ds: sr.Dataset) -> None:
        """Two date filters in a chain narrow to their intersection."""
        assert ds.meetings.after(2013, certain=True).before(2020, certain=True).ids == (
            "victory-day-parade-2015",
            "xi-state-visit-russia-2019",
            "gas-pipeline-launch-video-link",
        )


class TestTreatiesAndProjects:
    def test_in_force(self, ds: sr.Dataset) -> None:
        """On 2021-07-16 only the 2001 treaty is in force; joint statements never are."""
        assert ds.treaties.in_force(on="2021-07-16").ids == ("treaty-of-good-neighborliness",)
        assert ds.treaties.in_force(on="2021-07-16", certain=True).ids == (
            "treaty-of-good-neighborliness",
        )

    def test_in_force_boundaries(self, ds: sr.Dataset) -> None:
        """The treaty entered into force on 2002-02-28: not before, and in 2002 only possibly."""
        assert ds.treaties.in_force(on="2002-02-27").ids == ()
        assert ds.treaties.in_force(on="2002-02-28", certain=True).ids == (
            "treaty-of-good-neighborliness",
        )
        assert ds.treaties.in_force(on=2002).ids == ("treaty-of-good-neighborliness",)
        assert ds.treaties.in_force(on=2002, certain=True).ids == ()

    def test_signed(self, ds: sr.Dataset) -> None:
        """signed takes before and/or after, possible or certain."""
        assert ds.treaties.signed(after=2019).ids == (
            "joint-statement-global-governance-2021",
            "lunar-research-station-mou",
        )
        assert ds.treaties.signed(before=2019).ids == ("treaty-of-good-neighborliness",)
        assert ds.treaties.signed(after="2019-06-05", before="2021-03-10").ids == (
            "lunar-research-station-mou",
        )
        assert ds.treaties.signed().ids == ds.treaties.ids

    def test_with_status(self, ds: sr.Dataset) -> None:
        """with_status takes members or values, any of several."""
        assert ds.projects.with_status("in_operation").ids == (
            "oil-pipeline-second-line",
            "east-route-gas-pipeline",
        )
        assert ds.projects.with_status(sr.ProjectStatus.PLANNED, "suspended").ids == (
            "international-lunar-research-station",
        )
        with pytest.raises(ValueError, match="flying"):
            ds.projects.with_status("flying")

    def test_filters_of_the_wrong_type(self, ds: sr.Dataset) -> None:
        """Type-specific filters on the wrong records raise TypeError."""
        meetings: sr.Collection[Any] = ds.meetings
        treaties: sr.Collection[Any] = ds.treaties
        with pytest.raises(TypeError, match="in_force"):
            meetings.in_force(on=2020)
        with pytest.raises(TypeError, match="signed"):
            meetings.signed(before=2020)
        with pytest.raises(TypeError, match="held_on"):
            meetings.held_on(2020)
        with pytest.raises(TypeError, match="with_status"):
            treaties.with_status("planned")


class TestOffices:
    def test_offices_on(self, ds: sr.Dataset) -> None:
        """On the parade day, both presidents certainly held office."""
        assert ds.offices_on("2015-05-09", certain=True).ids == (
            "xi-jinping-president-of-china",
            "vladimir-putin-president-of-russia",
        )
        assert ds.offices_on("2015-05-09").ids == (
            "xi-jinping-president-of-china",
            "vladimir-putin-president-of-russia",
            "wang-yi-state-councilor",
            "wang-yi-foreign-minister",
            "sergei-lavrov-foreign-minister",
            "andrey-denisov-ambassador-to-china",
        )

    def test_unknown_dates_possible_never_certain(self, ds: sr.Dataset) -> None:
        """An office of unknown dates is possibly held at any date, certainly only when attested."""
        for when in ("1950", "2015-05-09", "2030-01-01"):
            assert "wang-yi-foreign-minister" in ds.offices_on(when).ids
            assert "wang-yi-foreign-minister" not in ds.offices_on(when, certain=True).ids
        assert "wang-yi-foreign-minister" in ds.offices_on("2021-03-23", certain=True).ids

    def test_ended_office(self, ds: sr.Dataset) -> None:
        """Jiang's presidency ended by March 2013: held possibly in 2010, never in 2014."""
        assert "jiang-zemin-president-of-china" in ds.offices_on(2010).ids
        assert "jiang-zemin-president-of-china" not in ds.offices_on(2014).ids
        assert ds.offices_on("2001-07-16", certain=True).ids == ("jiang-zemin-president-of-china",)

    def test_held_on_a_start_known_to_the_month(self, ds: sr.Dataset) -> None:
        """Xi took office in March 2013: possibly held in it, certainly from April."""
        xi = ds.offices.where(person="xi-jinping")
        assert xi.held_on("2013-03").ids == ("xi-jinping-president-of-china",)
        assert xi.held_on("2013-03-15", certain=True).ids == ()
        assert xi.held_on("2013-04-01", certain=True).ids == ("xi-jinping-president-of-china",)
        assert xi.held_on("2013-02-28").ids == ()

    def test_offices_on_of_a_person(self, ds: sr.Dataset) -> None:
        """person narrows to one person's offices; names work; unknown raise."""
        assert ds.offices_on("2015-05-09", person="Putin").ids == (
            "vladimir-putin-president-of-russia",
        )
        assert ds.offices_on("2015-05-09", person="Wang Yi", certain=True).ids == ()
        with pytest.raises(sr.NotFound):
            ds.offices_on("2015", person="china")

    def test_tenure_of_xi_at_the_parade(self, ds: sr.Dataset) -> None:
        """Since March 2013, to 2015-05-09: a range, from the month's last to first day."""
        tenure = ds.tenure("xi-jinping-president-of-china", on="2015-05-09")
        assert isinstance(tenure, sr.Tenure)
        assert (tenure.least.start, tenure.least.end) == (
            pendulum.Date(2013, 3, 31),
            pendulum.Date(2015, 5, 9),
        )
        assert (tenure.most.start, tenure.most.end) == (
            pendulum.Date(2013, 3, 1),
            pendulum.Date(2015, 5, 9),
        )
        assert not tenure.exact
        assert (
            str(tenure) == "between 2 years 1 month 1 week 2 days and 2 years 2 months 1 week 1 day"
        )
        parade = ds.meetings.get("victory-day-parade-2015").date
        assert parade is not None
        office = ds.offices.get("xi-jinping-president-of-china")
        assert ds.tenure(office, on=parade) == tenure

    def test_tenure_on_a_partial_date(self, ds: sr.Dataset) -> None:
        """On a year, the range runs from its first to its last day."""
        tenure = ds.tenure("xi-jinping-president-of-china", on=2015)
        assert tenure.least.end == pendulum.Date(2015, 1, 1)
        assert tenure.most.end == pendulum.Date(2015, 12, 31)

    def test_tenure_exact(self) -> None:
        """Start and date both days: least equals most."""
        small = small_dataset(start="2010-01-01", end=None)
        tenure = small.tenure("boss-office", on="2011-01-01")
        assert tenure.exact
        assert tenure.least.in_days() == 365
        assert str(tenure) == "1 year"

    def test_tenure_errors(self, ds: sr.Dataset) -> None:
        """Unknown start, a date before the start and an ended office raise."""
        with pytest.raises(ValueError, match="unknown"):
            ds.tenure("vladimir-putin-president-of-russia", on=2015)
        with pytest.raises(ValueError, match="before"):
            ds.tenure("xi-jinping-president-of-china", on=2012)
        with pytest.raises(sr.NotFound):
            ds.tenure("no-such-office", on=2015)
        ended = small_dataset(start="2010", end="2013")
        with pytest.raises(ValueError, match="had ended"):
            ended.tenure("boss-office", on=2014)


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

    def test_related_unknown(self, ds: sr.Dataset) -> None:
        """An unknown id raises NotFound."""
        with pytest.raises(sr.NotFound):
            ds.related("no-such-record")


class TestTimeline:
    def test_2021(self, ds: sr.Dataset) -> None:
        """The entries certainly in 2021, in date order, with their bases."""
        entries = ds.timeline(start="2021-01", end="2021-12", certain=True)
        assert [(e.date.edtf, e.basis.value, e.kind, e.record.id) for e in entries] == [
            ("2021-03-09", "external", "milestone", "international-lunar-research-station"),
            ("2021-03-09", "external", "memorandum signed", "lunar-research-station-mou"),
            ("2021-03-23", "inferred", "talks", "guilin-talks-2021"),
            (
                "2021-03-23",
                "inferred",
                "joint_statement signed",
                "joint-statement-global-governance-2021",
            ),
            ("2021-06-28", "external", "treaty_extension", "treaty-extension-2021"),
        ]
        assert isinstance(entries[0], sr.Entry)
        assert entries[0].milestone is not None

    def test_possible_includes_open_ended(self, ds: sr.Dataset) -> None:
        """Without certain, a day also meets the entries that may fall on it."""
        entries = ds.timeline(start="2021-03-23", end="2021-03-23")
        assert [e.record.id for e in entries] == [
            "children-ice-hockey-match",
            "high-speed-train-ride",
            "multilateral-encounters-2013-2021",
            "mutual-visits-2013-2021",
            "neva-river-cruise",
            "pancake-cooking",
            "guilin-talks-2021",
            "joint-statement-global-governance-2021",
        ]

    def test_open_sides(self, ds: sr.Dataset) -> None:
        """Only an end, or only a start, bounds one side."""
        assert [e.record.id for e in ds.timeline(end=2001)] == [
            "victory-1945",
            "treaty-of-good-neighborliness",
        ]
        assert len(ds.timeline()) == 24
        dated = [e.date.best.sort_key for e in ds.timeline()]
        assert dated == sorted(dated)


class TestAnniversaries:
    def test_victory_70th_keeps_the_year(self, ds: sr.Dataset) -> None:
        """1945 is known to the year, so its 70th anniversary is the year 2015."""
        found = ds.anniversaries(2015)
        assert [(a.record.id, a.years, a.date.edtf) for a in found] == [
            ("victory-1945", 70, "2015")
        ]
        record, years = found[0]
        assert (record.id, years) == ("victory-1945", 70)

    def test_treaty_20th(self, ds: sr.Dataset) -> None:
        """2021 is the 20th anniversary of the treaty, to the day."""
        assert [(a.record.id, a.years, a.date.edtf) for a in ds.anniversaries(2021)] == [
            ("treaty-of-good-neighborliness", 20, "2021-07-16")
        ]

    def test_interval_within_one_year(self, ds: sr.Dataset) -> None:
        """A visit over three days has an anniversary of three days."""
        found = ds.anniversaries(2023, every=10)
        assert [(a.record.id, a.years, a.date.edtf) for a in found] == [
            ("xi-state-visit-russia-2013", 10, "2023-03-22/2023-03-24")
        ]

    def test_every_year(self, ds: sr.Dataset) -> None:
        """every=1 finds every dated record of a single year, in date order; never year 0."""
        found = ds.anniversaries(2020, every=1)
        assert [(a.record.id, a.years) for a in found] == [
            ("victory-1945", 75),
            ("treaty-of-good-neighborliness", 19),
            ("xi-state-visit-russia-2013", 7),
            ("victory-day-parade-2015", 5),
            ("joint-statement-new-era-2019", 1),
            ("xi-state-visit-russia-2019", 1),
            ("gas-pipeline-launch-video-link", 1),
        ]

    def test_nothing_and_bad_every(self, ds: sr.Dataset) -> None:
        """No round anniversary gives an empty list; every below 1 raises."""
        assert ds.anniversaries(1900) == []
        with pytest.raises(ValueError, match="every"):
            ds.anniversaries(2021, every=0)


class TestDisplay:
    def test_repr(self, ds: sr.Dataset) -> None:
        """repr counts the records, with a plural noun, and shows up to five ids."""
        assert repr(ds.meetings.during(2020, certain=True)) == (
            "<Collection of 2 meetings: phone-calls-2020, multilateral-meetings-2020>"
        )
        assert repr(ds.treaties.in_force(on=2021)) == (
            "<Collection of 1 treaty: treaty-of-good-neighborliness>"
        )
        assert repr(ds.people).startswith("<Collection of 7 people: xi-jinping, ")
        assert repr(ds.people).endswith(", ... +2>")
        assert repr(ds.countries) == "<Collection of 3 countries: china, russia, iran>"

    def test_html(self, ds: sr.Dataset) -> None:
        """_repr_html_ is a table of ids, escaped names, kinds and dates."""
        page = ds.meetings[:2]._repr_html_()
        assert page.startswith("<p>2 meetings</p><table>")
        assert "<td>xi-state-visit-russia-2013</td>" in page
        assert "<td>victory-day-parade-2015</td>" in page
        assert "Xi Jinping&#x27;s state visit" in page
        assert "<td>2013-03-22/2013-03-24</td>" in page
        big = ds.all()._repr_html_()
        assert big.count("<tr><td>") == 50
        assert f"... and {len(ds.all()) - 50} more" in big

    def test_to_pandas(self, ds: sr.Dataset) -> None:
        """to_pandas: one flat column per field, typed, with datetime date bounds."""
        frame = ds.meetings.to_pandas()
        assert list(frame.columns) == [
            "id",
            "title",
            "kind",
            "participants",
            "place",
            "date",
            "date_lower",
            "date_upper",
            "date_basis",
            "count",
            "commemorates",
            "paragraphs",
            "bases",
            "sources",
        ]
        assert tuple(frame["id"]) == ds.meetings.ids
        assert pd.api.types.is_datetime64_any_dtype(frame["date_lower"])
        assert pd.api.types.is_datetime64_any_dtype(frame["date_upper"])
        assert str(frame["count"].dtype) == "Int64"
        assert pd.api.types.is_string_dtype(frame["kind"])
        first = frame.iloc[0]
        assert first["date"] == "2013-03-22/2013-03-24"
        assert first["date_lower"] == pd.Timestamp("2013-03-22")
        assert first["participants"] == "xi-jinping:guest; russia:host; vladimir-putin:host"
        assert pd.isna(frame.set_index("id").loc["mutual-visits-2013-2021", "count"])

    def test_to_pandas_of_a_filtered_mixed_collection(self, ds: sr.Dataset) -> None:
        """Rows follow the filtered records; columns are the union of the classes'."""
        frame = ds.events.during(2020, certain=True).to_pandas()
        assert tuple(frame["id"]) == (
            "phone-calls-2020",
            "multilateral-meetings-2020",
            "aid-flight-wuhan-2020",
            "joint-anti-epidemic-plan",
        )
        assert {"origin", "about", "figures", "commemorates"} <= set(frame.columns)
        assert len(ds.meetings.during(1900).to_pandas()) == 0

    def test_pickle_keeps_the_records(self, ds: sr.Dataset) -> None:
        """A filtered collection pickles to an equal collection."""
        found = ds.meetings.involving("xi-jinping").during(2015)
        copy = pickle.loads(pickle.dumps(found))
        assert copy == found
        assert copy.ids == found.ids
        assert repr(copy) == repr(found)


class TestRegressions:
    """Bugs these tests found (first written as strict xfails), now fixed."""

    def test_in_force_after_of_type(self, ds: sr.Dataset) -> None:
        """related(...).of_type(Treaty) is all treaties, so in_force applies."""
        treaties = ds.related("china").of_type(sr.Treaty)
        assert treaties.ids == ds.treaties.ids
        assert treaties.in_force(on="2021-07-16").ids == ("treaty-of-good-neighborliness",)

    def test_signed_after_of_type_on_all(self, ds: sr.Dataset) -> None:
        """Every treaty in ds.all() can be filtered by signing date."""
        assert ds.all().of_type(sr.Treaty).signed(before=2010).ids == (
            "treaty-of-good-neighborliness",
        )

    def test_pickled_collection_filters_like_the_original(self, ds: sr.Dataset) -> None:
        """Filtering an unpickled collection gives what filtering the original gives."""
        found = ds.meetings.during(2015)
        copy = pickle.loads(pickle.dumps(found))
        assert copy.at("russia").ids == ("victory-day-parade-2015", "neva-river-cruise")
        assert copy.involving("china").ids == found.involving("china").ids == found.ids
        assert copy.involving("Wang Yi").ids == ()
        with pytest.raises(sr.NotFound):
            copy.involving("nobody-at-all")

    def test_held_on_certain_with_a_partial_end(self) -> None:
        """An office ended in 2013 (day unknown) was not certainly held on 2013-06-01."""
        small = small_dataset(start="2010", end="2013")
        assert small.offices.held_on("2012-06-01", certain=True).ids == ("boss-office",)
        assert small.offices.held_on("2013-06-01").ids == ("boss-office",)
        assert small.offices.held_on("2013-06-01", certain=True).ids == ()
        assert small.offices.held_on("2014-01-01").ids == ()

    def test_wrong_type_message_is_plural(self, ds: sr.Dataset) -> None:
        """The message names the collection's records in the plural."""
        treaties: sr.Collection[Any] = ds.treaties
        with pytest.raises(TypeError, match="not treaties"):
            treaties.with_status("planned")
