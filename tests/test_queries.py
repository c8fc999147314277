"""Queries on the bundled data: look-ups, filters, possible and certain, navigation, time."""

from __future__ import annotations

import pickle

import pandas as pd
import pendulum
import pytest

import sinorussia as sr


class TestLookup:
    @pytest.mark.parametrize(
        "text", ["Lavrov", "LAVROV ", "Sergey Lavrov", "Лавров", "sergei-lavrov"]
    )
    def test_lavrov_by_any_name(self, ds: sr.Dataset, text: str) -> None:
        """Case, spacing, spelling variants, Cyrillic and the id all find Lavrov."""
        assert ds.leaders.lookup(text).id == "sergei-lavrov"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("习近平", "xi-jinping"),
            ("Путин", "vladimir-putin"),
            ("王毅", "wang-yi"),
            ("Денисов", "andrey-denisov"),
        ],
    )
    def test_native_scripts(self, ds: sr.Dataset, text: str, expected: str) -> None:
        """Native-script names find their person."""
        assert ds.people.lookup(text).id == expected

    def test_accents_are_ignored(self, ds: sr.Dataset) -> None:
        """An accented spelling still matches."""
        assert ds.places.lookup("Móscow").id == "moscow"

    def test_country_by_official_name_and_code(self, ds: sr.Dataset) -> None:
        """A country answers to its official name, its ISO codes and its aliases."""
        assert ds.countries.lookup("Russian Federation").id == "russia"
        assert ds.countries.lookup("RUS").id == "russia"
        assert ds.countries.lookup("中华人民共和国").id == "china"

    def test_miss_suggests(self, ds: sr.Dataset) -> None:
        """A miss raises NotFound with close suggestions."""
        with pytest.raises(sr.NotFound) as info:
            ds.leaders.lookup("Lavrof")
        assert info.value.suggestions == ("sergei-lavrov",)

    def test_ambiguous(self, ds: sr.Dataset) -> None:
        """A name shared by several records raises Ambiguous, a NotFound, listing them."""
        with pytest.raises(sr.Ambiguous) as info:
            ds.offices.lookup("Minister of Foreign Affairs")
        assert set(info.value.candidates) == {
            "wang-yi-foreign-minister",
            "sergei-lavrov-foreign-minister",
        }
        assert isinstance(info.value, sr.NotFound)

    def test_lookup_respects_filters(self, ds: sr.Dataset) -> None:
        """A filtered collection looks up only its own records."""
        russians = ds.leaders.where(nationality="russia")
        with pytest.raises(sr.NotFound):
            russians.lookup("Wang Yi")
        assert russians.lookup("Lavrov").id == "sergei-lavrov"

    def test_search_is_ranked_and_deterministic(self, ds: sr.Dataset) -> None:
        """search ranks the best match first; equal scores come in id order."""
        results = ds.search("guilin")
        assert results[0].record.id == "guilin"
        assert results[0].score == 1.0
        scores = [(-m.score, m.record.id) for m in results]
        assert scores == sorted(scores)
        assert ds.search("guilin") == results

    def test_search_limit(self, ds: sr.Dataset) -> None:
        """limit caps the number of results."""
        assert len(ds.search("moscow", limit=2)) == 2


class TestPossibleAndCertain:
    def test_during_possible_and_certain(self, ds: sr.Dataset) -> None:
        """Wide partial dates possibly fall in 2020; only 2020's own records certainly do."""
        xi_putin = ds.meetings.involving("xi-jinping", "vladimir-putin")
        possible = xi_putin.during(2020).ids
        certain = xi_putin.during(2020, certain=True).ids
        assert certain == ("phone-calls-2020", "multilateral-meetings-2020")
        assert set(certain) < set(possible)
        assert "mutual-visits-2013-2021" in possible

    def test_month_against_year(self, ds: sr.Dataset) -> None:
        """A month-precision date is certainly in its year but only possibly on a day of it."""
        statement = ds.treaties.get("joint-statement-new-era-2019")
        assert statement.signed is not None
        june = statement.signed.by_basis(sr.Basis.STATED)[0].value
        assert sr.parse_edtf("2019").contains(june)
        assert sr.parse_edtf("2019-06-05").overlaps(june)
        assert not sr.parse_edtf("2019-06-05").contains(june)
        assert ds.treaties.during("2019-06-05").ids == ("joint-statement-new-era-2019",)

    def test_before_and_after(self, ds: sr.Dataset) -> None:
        """before/after compare with the start and end of the period."""
        assert ds.meetings.before(2015, certain=True).ids == ("xi-state-visit-russia-2013",)
        later = ds.meetings.after(2020, certain=True).ids
        assert later == ("guilin-talks-2021",)
        assert "mutual-visits-2013-2021" in ds.meetings.after(2020).ids

    @pytest.mark.parametrize(
        "period",
        [
            2020,
            "2020",
            "2020-01/2020-12",
            ("2020-01-01", "2020-12-31"),
            pendulum.Date(2020, 6, 1),
            pendulum.Interval(pendulum.Date(2020, 1, 1), pendulum.Date(2020, 12, 31)),
        ],
    )
    def test_period_forms(self, ds: sr.Dataset, period: sr.PeriodLike) -> None:
        """A year, EDTF, a pair, a pendulum Date or Interval all work as periods."""
        found = ds.events.during(period).ids
        assert "aid-flight-wuhan-2020" in found or period == pendulum.Date(2020, 6, 1)
        assert "victory-1945" not in found

    def test_undated_never_match(self, ds: sr.Dataset) -> None:
        """A record without a date matches no date filter."""
        for query in (ds.happenings.during(("1900", "2100")), ds.happenings.before(3000)):
            assert "russian-expert-delegation" not in query.ids

    def test_bad_period(self, ds: sr.Dataset) -> None:
        """An invalid period is a clear error, not an empty result."""
        with pytest.raises(ValueError, match="invalid EDTF"):
            ds.meetings.during("2020-13")
        with pytest.raises(TypeError):
            ds.meetings.during(2020.5)  # type: ignore[arg-type]


class TestFilters:
    def test_involving_widens_to_countries(self, ds: sr.Dataset) -> None:
        """A meeting of Xi involves China; match='any' needs only one."""
        assert "victory-day-parade-2015" in ds.meetings.involving("china").ids
        both = ds.meetings.involving("wang-yi", "xi-jinping").ids
        either = ds.meetings.involving("wang-yi", "xi-jinping", match="any").ids
        assert both == ()
        assert set(either) >= {"guilin-talks-2021", "victory-day-parade-2015"}

    def test_involving_by_name_and_record(self, ds: sr.Dataset) -> None:
        """Names and records work as well as ids."""
        lavrov = ds.leaders.get("sergei-lavrov")
        assert ds.meetings.involving("Wang Yi", lavrov).ids == ("guilin-talks-2021",)

    def test_involving_unknown(self, ds: sr.Dataset) -> None:
        """An unknown person raises NotFound instead of returning nothing."""
        with pytest.raises(sr.NotFound):
            ds.meetings.involving("nobody-at-all")

    def test_at_includes_places_inside(self, ds: sr.Dataset) -> None:
        """at(country) finds what happened in its cities and squares."""
        assert "victory-day-parade-2015" in ds.meetings.at("russia").ids
        assert ds.meetings.at("red-square").ids == ("victory-day-parade-2015",)
        assert ds.happenings.at("china").ids == ("aid-flight-wuhan-2020",)
        assert ds.places.at("moscow").ids == ("moscow", "red-square", "kremlin", "mgimo")

    def test_of_kind(self, ds: sr.Dataset) -> None:
        """of_kind takes enum members or values."""
        assert ds.meetings.of_kind(sr.MeetingKind.PHONE_CALL).ids == ("phone-calls-2020",)
        assert ds.projects.of_kind("space").ids == ("international-lunar-research-station",)
        assert ds.offices.of_kind("ambassador").ids == ("andrey-denisov-ambassador-to-china",)

    def test_cited_in(self, ds: sr.Dataset) -> None:
        """cited_in finds every record resting on a paragraph, by basis if asked."""
        assert ds.statements.cited_in(12).ids == ("denisov-common-enemy",)
        stated_20 = ds.treaties.cited_in(20, basis="stated").ids
        assert stated_20 == ("treaty-of-good-neighborliness",)
        assert ds.all().cited_in(9).ids == ("moscow", "wuhan", "aid-flight-wuhan-2020")

    def test_where(self, ds: sr.Dataset) -> None:
        """where matches fields, tuple members and enum values."""
        assert ds.offices.where(person="wang-yi").ids == (
            "wang-yi-state-councilor",
            "wang-yi-foreign-minister",
        )
        assert ds.treaties.where(parties="china", kind="memorandum").ids == (
            "lunar-research-station-mou",
        )
        with pytest.raises(TypeError, match="no field 'colour'"):
            ds.meetings.where(colour="red")

    def test_treaty_and_project_filters(self, ds: sr.Dataset) -> None:
        """signed, in_force and with_status answer their questions."""
        assert ds.treaties.in_force(on="2021-07-16").ids == ("treaty-of-good-neighborliness",)
        assert ds.treaties.in_force(on="2001-12-31").ids == ()
        assert ds.treaties.signed(before=2019).ids == ("treaty-of-good-neighborliness",)
        assert ds.projects.with_status("planned").ids == ("international-lunar-research-station",)

    def test_type_specific_filters_refuse_other_records(self, ds: sr.Dataset) -> None:
        """A treaty filter on meetings is a TypeError, not an empty result."""
        with pytest.raises(TypeError, match="applies to treaties, not meetings"):
            ds.meetings.in_force(on=2020)  # type: ignore[misc]

    def test_chains_commute_and_keep_order(self, ds: sr.Dataset) -> None:
        """Filters in either order give the same records, in dataset order."""
        one = ds.events.involving("russia").during(2020).of_kind("aid_delivery", "phone_call")
        two = ds.events.of_kind("aid_delivery", "phone_call").during(2020).involving("russia")
        assert one.ids == two.ids == ("phone-calls-2020", "aid-flight-wuhan-2020")
        order = list(ds.events.ids)
        assert [order.index(i) for i in one.ids] == sorted(order.index(i) for i in one.ids)

    def test_filters_do_not_change_the_original(self, ds: sr.Dataset) -> None:
        """Filtering returns a new collection and leaves the original whole."""
        before = ds.meetings.ids
        ds.meetings.involving("wang-yi").during(2021)
        assert ds.meetings.ids == before

    def test_get_on_a_filtered_collection(self, ds: sr.Dataset) -> None:
        """get finds only the members of a filtered collection."""
        calls = ds.meetings.of_kind("phone_call")
        assert calls.get("phone-calls-2020").count == 5
        assert calls.get("guilin-talks-2021", None) is None

    def test_filtered_collection_pickles(self, ds: sr.Dataset) -> None:
        """A filtered collection pickles with its records."""
        calls = ds.meetings.during(2020, certain=True)
        assert pickle.loads(pickle.dumps(calls)).ids == calls.ids


class TestNavigationAndTime:
    def test_related(self, ds: sr.Dataset) -> None:
        """related follows references both ways; of_type narrows and types it."""
        assert set(ds.related("wang-yi").ids) >= {
            "wang-yi-foreign-minister",
            "guilin-talks-2021",
            "china",
        }
        meetings = ds.related("xi-jinping").of_type(sr.Meeting)
        assert all(isinstance(m, sr.Meeting) for m in meetings)
        assert "victory-day-parade-2015" in meetings.ids
        treaty = ds.related("treaty-of-good-neighborliness").ids
        assert {"jiang-zemin", "kremlin", "treaty-extension-2021"} <= set(treaty)

    def test_timeline_order_and_window(self, ds: sr.Dataset) -> None:
        """The timeline is in date order and windows by possible or certain overlap."""
        entries = ds.timeline()
        keys = [e.date.best.sort_key for e in entries]
        assert keys == sorted(keys)
        certain = [e.record.id for e in ds.timeline(start=2021, end=2021, certain=True)]
        assert certain[0] == "international-lunar-research-station"
        assert "mutual-visits-2013-2021" not in certain
        assert "mutual-visits-2013-2021" in [e.record.id for e in ds.timeline(start=2021, end=2021)]

    def test_anniversaries(self, ds: sr.Dataset) -> None:
        """2015 has the victory's 70th (a year); 2021 the treaty's 20th (a day)."""
        (victory,) = ds.anniversaries(2015)
        assert (victory.record.id, victory.years, victory.date.edtf) == ("victory-1945", 70, "2015")
        record, years = ds.anniversaries(2021)[0]
        assert (record.id, years) == ("treaty-of-good-neighborliness", 20)
        assert ds.anniversaries(2021)[0].date.edtf == "2021-07-16"
        assert [
            a.years
            for a in ds.anniversaries(2016, every=1)
            if a.record.id == "victory-day-parade-2015"
        ] == [1]

    def test_offices_on_and_tenure(self, ds: sr.Dataset) -> None:
        """Xi was president at the 2015 parade, for between 2y1m and 2y2m."""
        assert (
            "xi-jinping-president-of-china" in ds.offices_on("2015-05-09", person="Xi Jinping").ids
        )
        tenure = ds.tenure("xi-jinping-president-of-china", on="2015-05-09")
        assert (tenure.least.years, tenure.least.months) == (2, 1)
        assert (tenure.most.years, tenure.most.months) == (2, 2)
        assert not tenure.exact
        with pytest.raises(ValueError, match="unknown"):
            ds.tenure("wang-yi-foreign-minister", on="2021")
        with pytest.raises(ValueError, match="before"):
            ds.tenure("xi-jinping-president-of-china", on="2012")

    def test_ongoing_is_certain_only_until_the_source(self, ds: sr.Dataset) -> None:
        """An office ongoing in a 2021 source is not certainly held in 2030."""
        assert "xi-jinping-president-of-china" in ds.offices_on(2030).ids
        assert "xi-jinping-president-of-china" not in ds.offices_on(2030, certain=True).ids
        assert "xi-jinping-president-of-china" in ds.offices_on(2020, certain=True).ids

    def test_countries_are_at_and_involve_themselves(self, ds: sr.Dataset) -> None:
        """Across record types, a country is at itself and involves itself, like a place."""
        assert "russia" in ds.all().at("russia").ids
        assert "russia" in ds.all().involving("russia").ids
        assert "moscow" in ds.all().at("moscow").ids

    def test_ambiguity_survives_pickling(self, ds: sr.Dataset) -> None:
        """An Ambiguous error pickles with its candidates."""
        with pytest.raises(sr.Ambiguous) as info:
            ds.offices.lookup("Minister of Foreign Affairs")
        copy = pickle.loads(pickle.dumps(info.value))
        assert isinstance(copy, sr.Ambiguous)
        assert copy.candidates == info.value.candidates
        assert str(copy) == str(info.value)

    def test_unknown_offices_are_possible_not_certain(self, ds: sr.Dataset) -> None:
        """An office of unknown dates is possibly held at any date, certainly only when attested."""
        assert "wang-yi-foreign-minister" in ds.offices.held_on("1990").ids
        assert "wang-yi-foreign-minister" not in ds.offices.held_on("1990", certain=True).ids
        assert "wang-yi-foreign-minister" in ds.offices.held_on("2021-03-23", certain=True).ids


class TestDisplay:
    def test_reprs(self, ds: sr.Dataset) -> None:
        """Collections show their size and first ids."""
        assert repr(ds.meetings.during(2020, certain=True)) == (
            "<Collection of 2 meetings: phone-calls-2020, multilateral-meetings-2020>"
        )
        assert (
            repr(ds.people.where(id="zhong-nanshan")) == "<Collection of 1 person: zhong-nanshan>"
        )

    def test_html(self, ds: sr.Dataset) -> None:
        """Collections and records render as HTML tables with their ids."""
        html = ds.meetings.of_kind("talks")._repr_html_()
        assert "<table>" in html
        assert "guilin-talks-2021" in html
        assert "2021-03-23" in ds.meetings.get("guilin-talks-2021")._repr_html_()

    def test_to_pandas(self, ds: sr.Dataset) -> None:
        """to_pandas gives flat typed columns with EDTF strings and datetime bounds."""
        frame = ds.meetings.to_pandas()
        assert list(frame["id"]) == list(ds.meetings.ids)
        assert str(frame["count"].dtype) == "Int64"
        assert pd.api.types.is_datetime64_any_dtype(frame["date_lower"])
        parade = frame.set_index("id").loc["victory-day-parade-2015"]
        assert parade["date"] == "2015-05-09"
        assert parade["participants"] == "vladimir-putin:host; xi-jinping:guest"
        assert pd.isna(frame.set_index("id").loc["mutual-visits-2013-2021", "count"])
