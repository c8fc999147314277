"""The query API (``_query``) on the bundled dataset: every answer checked against the data file.

Look-ups, search, filters (possible and certain), chains, display and pickling.
"""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Callable
from typing import Any

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

    def test_get_only_its_own_kind(self, ds: sr.Dataset) -> None:
        """A collection finds only its own records: a place is no leader."""
        assert ds.leaders.get("moscow", None) is None
        assert ds.get("moscow").id == "moscow"

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
        """Indexes give records as a tuple would; a slice is a Collection that still filters."""
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
        meetings = ds.meetings
        assert meetings[0] is next(iter(meetings))
        assert list(meetings[1:3]) == list(meetings)[1:3]
        assert meetings[-1] is list(meetings)[-1]
        assert meetings.get("guilin-talks-2021") in meetings

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
    @pytest.mark.parametrize(
        "text", ["Lavrov", "LAVROV ", "Sergey Lavrov", "Лавров", "lavrov", "sergei-lavrov"]
    )
    def test_lavrov_spellings(self, ds: sr.Dataset, text: str) -> None:
        """Case, spacing, aliases, Cyrillic and the id all find Sergei Lavrov."""
        assert ds.leaders.lookup(text).id == "sergei-lavrov"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("习近平", "xi-jinping"),
            ("Путин", "vladimir-putin"),
            ("王毅", "wang-yi"),
            ("Денисов", "andrey-denisov"),
            ("Sergéi  lavrov", "sergei-lavrov"),
            ("andrei denisov", "andrey-denisov"),
            ("xi-jinping", "xi-jinping"),
            ("Xi", "xi-jinping"),
        ],
    )
    def test_more_names(self, ds: sr.Dataset, text: str, expected: str) -> None:
        """Native scripts, accents, alternative spellings, ids and surnames match."""
        assert ds.leaders.lookup(text).id == expected
        assert ds.people.lookup(text).id == expected

    def test_accents_are_ignored(self, ds: sr.Dataset) -> None:
        """An accented spelling of a place still matches."""
        assert ds.places.lookup("Móscow").id == "moscow"

    def test_country_by_official_name_and_code(self, ds: sr.Dataset) -> None:
        """A country answers to its official name, its ISO codes and its aliases."""
        assert ds.countries.lookup("Russian Federation").id == "russia"
        assert ds.countries.lookup("RUS").id == "russia"
        assert ds.countries.lookup("中华人民共和国").id == "china"

    def test_dataset_lookup_across_classes(self, ds: sr.Dataset) -> None:
        """Dataset.lookup searches every class: projects, countries, places."""
        assert ds.lookup("Power of Siberia").id == "east-route-gas-pipeline"
        assert ds.lookup("PRC").id == "china"
        assert ds.countries.lookup("cn").id == "china"
        # The full name beats the word of "Moscow Kremlin".
        assert ds.lookup("Moscow").id == "moscow"

    def test_ambiguous_lists_candidates(self, ds: sr.Dataset) -> None:
        """A surname or a title shared by several records raises Ambiguous, a NotFound."""
        with pytest.raises(sr.Ambiguous) as caught:
            ds.offices.lookup("Wang")
        assert caught.value.candidates == ("wang-yi-state-councilor", "wang-yi-foreign-minister")
        assert isinstance(caught.value, sr.NotFound)
        with pytest.raises(sr.Ambiguous) as shared:
            ds.offices.lookup("Minister of Foreign Affairs")
        assert shared.value.candidates == (
            "wang-yi-foreign-minister",
            "sergei-lavrov-foreign-minister",
        )

    def test_lookup_on_filtered_collection(self, ds: sr.Dataset) -> None:
        """A filtered collection looks up only its members, which can settle ambiguity."""
        assert ds.offices.of_kind("minister").lookup("Wang").id == "wang-yi-foreign-minister"
        with pytest.raises(sr.NotFound):
            ds.leaders.involving("russia").lookup("Wang Yi")
        russians = ds.leaders.where(nationality="russia")
        with pytest.raises(sr.NotFound):
            russians.lookup("Wang Yi")
        assert russians.lookup("Lavrov").id == "sergei-lavrov"

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
        """search ranks by score, shows the name written as the query is, and never varies."""
        found = ds.search("lavrof")
        assert [(m.record.id, m.score) for m in found] == [("sergei-lavrov", 0.7083)]
        # The Cyrillic alias scores best, but the query is in Latin letters.
        assert (found[0].name, found[0].field) == ("Sergei Lavrov", "name")
        assert ds.search("лавров")[0].name == "Лавров"
        assert isinstance(found[0], sr.Match)
        assert ds.search("lavrof") == found
        guilin = ds.search("guilin")
        assert (guilin[0].record.id, guilin[0].score) == ("guilin", 1.0)
        assert ds.search("guilin") == guilin

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

    @pytest.mark.parametrize(
        "text",
        [
            "lavrof", "лавров", "putin", "xi", "Xi Jinping", "wang", "li", "moscow", "summit",
            "treaty", "sergei", "vladimir putin", "guilin", "jinp", "China", "россия", "a",
            "victory-day-parade-2015", "gas", "power of siberia", "chin", "mosc", "zzz",
            "sergei lavrov", "lavrov", "иван петров", "petrof", "poutin",
            "sergei-lavrof", "lavroff",
        ],
    )  # fmt: skip
    def test_floors_change_no_answer(
        self, ds: sr.Dataset, monkeypatch: pytest.MonkeyPatch, text: str
    ) -> None:
        """Skipping scores that cannot matter gives what computing every score exactly gives.

        Besides the bundled records, people whose best name is in another
        script than their near misses: the name shown is then a lower score.
        """
        from sinorussia import _names, _query

        cited = ds.people[0].citations
        crafted = [
            sr.Person(id="p-1", citations=cited, name="Сергей Лавров", aliases=("Lavroff",)),
            sr.Person(id="p-2", citations=cited, name="Владимир Путин", aliases=("Poutine",)),
            sr.Person(id="p-3", citations=cited, name="Ivan Petrov", aliases=("Иван Петрoff",)),  # noqa: RUF001
            sr.Person(id="sergei-lavrof", citations=cited, name="Лавров С.", aliases=("S. L.",)),  # noqa: RUF001
        ]
        sections: dict[str, Any] = dict(ds.sections())
        sections["people"] = (*sections["people"], *crafted)
        ds = sr.Dataset(version="crafted", **sections)
        quick = [(m.record.id, m.score, m.name, m.field) for m in ds.search(text, limit=None)]
        exact_score = _names.score

        def exact(query: str, names: Any, *, floor: float = 0.0) -> float:
            return exact_score(query, names, floor=0.0)

        monkeypatch.setattr(_query, "score", exact)
        monkeypatch.setattr(_names, "_ratio", lambda a, b, floor: _exact_ratio(a, b))
        slow = [(m.record.id, m.score, m.name, m.field) for m in ds.search(text, limit=None)]
        assert quick == slow

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
        lavrov = ds.leaders.get("sergei-lavrov")
        assert ds.meetings.involving("Wang Yi", lavrov).ids == ("guilin-talks-2021",)

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
        """A name that fits several actors raises Ambiguous; offices are not actors."""
        assert ds.meetings.involving("Xi") == ds.meetings.involving("xi-jinping")
        with pytest.raises(sr.Ambiguous) as caught:
            ds.meetings.involving("space")  # the Chinese and the Russian space agencies
        assert caught.value.candidates == ("cnsa", "roscosmos")

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

    def test_month_against_year(self, ds: sr.Dataset) -> None:
        """A month-precision date is certainly in its year but only possibly on a day of it."""
        statement = ds.treaties.get("joint-statement-new-era-2019")
        assert statement.signed is not None
        june = statement.signed.by_basis(sr.Basis.INFERRED)[0].value
        assert sr.parse_edtf("2019").contains(june)
        assert sr.parse_edtf("2019-06-05").overlaps(june)
        assert not sr.parse_edtf("2019-06-05").contains(june)
        assert ds.treaties.during("2019-06-05").ids == ("joint-statement-new-era-2019",)

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
        ("period", "error", "message"),
        [
            ("20x0", ValueError, "invalid EDTF"),
            ("2020-13", ValueError, "invalid EDTF"),
            (True, TypeError, "bool"),
            (2020.0, TypeError, "float"),
            (2020.5, TypeError, "float"),
            ((2020,), TypeError, "two items"),
        ],
    )
    def test_bad_periods(
        self, ds: sr.Dataset, period: Any, error: type[Exception], message: str
    ) -> None:
        """Bad EDTF is a ValueError, not an empty result; bools, floats, 1-tuples a TypeError."""
        with pytest.raises(error, match=message):
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
        """A record in a city of a country is at the country."""
        assert ds.meetings.at("china").ids == ("guilin-talks-2021",)
        assert ds.happenings.at("china").ids == ("aid-flight-wuhan-2020",)

    def test_names_and_records(self, ds: sr.Dataset) -> None:
        """A place's name or record works like its id."""
        assert ds.meetings.at("Red Square").ids == ("victory-day-parade-2015",)
        assert ds.meetings.at("Красная площадь").ids == ("victory-day-parade-2015",)
        assert ds.meetings.at(ds.places.get("neva-river")).ids == ("neva-river-cruise",)

    def test_other_classes(self, ds: sr.Dataset) -> None:
        """Treaties are at their signing place, projects at their location, happenings too."""
        assert ds.treaties.at("russia").ids == (
            "treaty-of-good-neighborliness",
            "joint-statement-new-era-2019",
        )
        assert ds.projects.at("moon").ids == ("international-lunar-research-station",)
        assert ds.places.at("moscow").ids == ("moscow", "red-square", "kremlin", "mgimo")
        assert ds.happenings.at("china").ids == ("aid-flight-wuhan-2020",)

    def test_countries_are_at_and_involve_themselves(self, ds: sr.Dataset) -> None:
        """Across record types, a country is at itself and involves itself, like a place."""
        assert "russia" in ds.all().at("russia").ids
        assert "russia" in ds.all().involving("russia").ids
        assert "moscow" in ds.all().at("moscow").ids

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
        assert ds.projects.of_kind("space").ids == ("international-lunar-research-station",)
        assert ds.offices.of_kind("ambassador").ids == ("andrey-denisov-ambassador-to-china",)
        with pytest.raises(ValueError, match="'no_such_kind' is not a kind of meetings"):
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
        with pytest.raises(sr.NotFound, match="no document 'elsewhere'"):
            ds.meetings.cited_in(4, document="elsewhere")
        with pytest.raises(sr.ArgumentError, match="needs paragraphs"):
            ds.meetings.cited_in()
        assert ds.treaties.cited_in(20, basis="stated").ids == ("treaty-of-good-neighborliness",)
        assert ds.all().cited_in(9).ids == ("moscow", "wuhan", "aid-flight-wuhan-2020")

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
        assert ds.treaties.where(parties="china", kind="memorandum").ids == (
            "lunar-research-station-mou",
        )

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
        kinds = ("aid_delivery", "phone_call")
        three = ds.events.involving("russia").during(2020).of_kind(*kinds)
        four = ds.events.of_kind(*kinds).during(2020).involving("russia")
        assert three.ids == four.ids == ("phone-calls-2020", "aid-flight-wuhan-2020")

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
        with pytest.raises(TypeError, match=r"in_force\(\) applies to treaties, not meetings"):
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

    def test_ongoing_is_certain_only_until_the_source(self, ds: sr.Dataset) -> None:
        """An office ongoing in a 2021 source is not certainly held in 2030."""
        assert "xi-jinping-president-of-china" in ds.offices_on(2030).ids
        assert "xi-jinping-president-of-china" not in ds.offices_on(2030, certain=True).ids
        assert "xi-jinping-president-of-china" in ds.offices_on(2020, certain=True).ids

    def test_offices_on_of_a_person(self, ds: sr.Dataset) -> None:
        """person narrows to one person's offices; names work; unknown raise."""
        assert ds.offices_on("2015-05-09", person="Putin").ids == (
            "vladimir-putin-president-of-russia",
        )
        assert ds.offices_on("2015-05-09", person="Wang Yi", certain=True).ids == ()
        with pytest.raises(sr.NotFound):
            ds.offices_on("2015", person="china")


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
        assert (
            repr(ds.people.where(id="zhong-nanshan")) == "<Collection of 1 person: zhong-nanshan>"
        )
        assert repr(ds.documents) == "<Collection of 1 document: article>"
        assert repr(ds.leaders).startswith("<Collection of 6 leaders: xi-jinping, ")

    def test_html(self, ds: sr.Dataset) -> None:
        """_repr_html_ is a table of ids, escaped names, kinds and dates; a record's, its date."""
        page = ds.meetings[:2]._repr_html_()
        assert page.startswith("<p>2 meetings</p><table>")
        assert "<td>xi-state-visit-russia-2013</td>" in page
        assert "<td>victory-day-parade-2015</td>" in page
        assert "Xi Jinping&#x27;s state visit" in page
        assert "<td>2013-03-22/2013-03-24</td>" in page
        big = ds.all()._repr_html_()
        assert big.count("<tr><td>") == 50
        assert f"... and {len(ds.all()) - 50} more" in big
        talks = ds.meetings.of_kind("talks")._repr_html_()
        assert "<table>" in talks
        assert "guilin-talks-2021" in talks
        assert "2021-03-23" in ds.meetings.get("guilin-talks-2021")._repr_html_()

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

    def test_held_on_certain_with_a_partial_end(
        self, one_office: Callable[..., sr.Dataset]
    ) -> None:
        """An office ended in 2013 (day unknown) was not certainly held on 2013-06-01."""
        small = one_office(start="2010", end="2013")
        assert small.offices.held_on("2012-06-01", certain=True).ids == ("boss-office",)
        assert small.offices.held_on("2013-06-01").ids == ("boss-office",)
        assert small.offices.held_on("2013-06-01", certain=True).ids == ()
        assert small.offices.held_on("2014-01-01").ids == ()

    def test_wrong_type_message_is_plural(self, ds: sr.Dataset) -> None:
        """The message names the collection's records in the plural."""
        treaties: sr.Collection[Any] = ds.treaties
        with pytest.raises(TypeError, match="not treaties"):
            treaties.with_status("planned")


def _exact_ratio(wanted: str, other: str) -> float:
    """The similarity ratio of two keys, always computed (no bound skips it)."""
    import difflib

    return difflib.SequenceMatcher(None, wanted, other).ratio()
