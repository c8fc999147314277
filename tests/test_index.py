"""The indexes and the planner (``_index``): keys, tiered date searches, names, ``select``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia._index import (
    Base,
    Check,
    Dates,
    Keyed,
    Period,
    PositionCheck,
    actor_keys,
    bounds,
    place_keys,
    select,
)

Mode = Literal["during", "before", "after"]
MODES: tuple[Mode, ...] = ("during", "before", "after")


class Registry:
    """A Lookup over some records, by id."""

    def __init__(self, records: Iterable[Any]) -> None:
        self._records = {record.id: record for record in records}

    def get(self, id: str) -> Any:
        """The record with this id, or None."""
        return self._records.get(id)


@pytest.fixture(scope="module")
def lookup(ds: sr.Dataset) -> Registry:
    """Every bundled record by id."""
    return Registry(ds.records())


@pytest.fixture
def meetings(ds: sr.Dataset, lookup: Registry) -> Base[sr.Meeting]:
    """A fresh base of the bundled meetings (no index built yet)."""
    return Base(tuple(ds.meetings), lookup)


def expected(mode: Mode, certain: bool, span: tuple[int, int] | None, lo: int, hi: int) -> bool:
    """Whether a record's days [a, b] match a period [lo, hi], worked out plainly."""
    if span is None:
        return False
    a, b = span
    if mode == "during":
        return lo <= a and b <= hi if certain else a <= hi and b >= lo
    if mode == "before":
        return b < lo if certain else a < lo
    return a > hi if certain else b > hi


class TestActorKeys:
    def test_participants_widen_to_their_countries(self, ds: sr.Dataset, lookup: Registry) -> None:
        """A meeting involves its participants and the countries they belong to."""
        talks = ds.meetings.get("guilin-talks-2021")
        assert actor_keys(talks, lookup) == {"wang-yi", "sergei-lavrov", "china", "russia"}

    def test_organisations_widen_to_their_country(self, ds: sr.Dataset, lookup: Registry) -> None:
        """An organisation among the actors brings in its country."""
        mou = ds.treaties.get("lunar-research-station-mou")
        only_cnsa = attrs.evolve(mou, parties=("cnsa",), signatories=())
        assert actor_keys(only_cnsa, lookup) == {"cnsa", "china"}

    def test_an_actor_involves_itself(self, ds: sr.Dataset, lookup: Registry) -> None:
        """A person, country or organisation is among its own keys; a place is not."""
        assert actor_keys(ds.people.get("wang-yi"), lookup) == {"wang-yi", "china"}
        assert actor_keys(ds.countries.get("china"), lookup) == {"china"}
        assert actor_keys(ds.organisations.get("cnsa"), lookup) == {"cnsa", "china"}
        assert actor_keys(ds.places.get("moscow"), lookup) == frozenset()

    def test_nothing_to_look_up_means_no_widening(self, ds: sr.Dataset) -> None:
        """Without the records they name, the actors are taken literally."""
        talks = ds.meetings.get("guilin-talks-2021")
        assert actor_keys(talks, Registry(())) == {"wang-yi", "sergei-lavrov"}


class TestPlaceKeys:
    def test_a_place_and_everything_around_it(self, lookup: Registry) -> None:
        """Red Square is in Moscow, in Russia."""
        assert place_keys("red-square", lookup) == {"red-square", "moscow", "russia"}
        assert place_keys("russia", lookup) == {"russia"}

    def test_no_place_or_an_unknown_one(self, lookup: Registry) -> None:
        """No place has no keys; an id not in the lookup is only itself."""
        assert place_keys(None, lookup) == frozenset()
        assert place_keys("atlantis", lookup) == {"atlantis"}

    def test_a_cycle_ends(self, ds: sr.Dataset) -> None:
        """Places that contain each other do not loop forever (the check reports them)."""
        moscow = ds.places.get("moscow")
        square = ds.places.get("red-square")
        looped = Registry([attrs.evolve(moscow, within="red-square"), square])
        assert place_keys("red-square", looped) == {"red-square", "moscow"}


class TestDates:
    spans = st.lists(
        st.one_of(
            st.none(),
            st.tuples(
                st.integers(0, 20_000), st.sampled_from([0, 1, 30, 200, 365, 2000, 5000, 10**6])
            ).map(lambda pair: (pair[0], pair[0] + pair[1])),
        ),
        max_size=40,
    )

    @given(
        spans,
        st.sampled_from(MODES),
        st.booleans(),
        st.integers(-100, 21_000),
        st.integers(0, 4000),
    )
    def test_search_agrees_with_a_plain_scan(
        self, spans: list[tuple[int, int] | None], mode: Mode, certain: bool, lo: int, width: int
    ) -> None:
        """Every tier and mode finds exactly the ranges a plain comparison finds."""
        hi = lo + width
        found = Dates(enumerate(spans)).search(mode, lo, hi, certain)
        assert len(found) == len(set(found))
        assert sorted(found) == [
            p for p, span in enumerate(spans) if expected(mode, certain, span, lo, hi)
        ]

    def test_long_ranges_do_not_hide_short_ones(self) -> None:
        """A decade-long range and a day share no tier, and both are found."""
        dates = Dates([(0, (100, 100)), (1, (0, 4000)), (2, (300, 330)), (3, None)])
        assert sorted(dates.search("during", 100, 100, False)) == [0, 1]
        assert sorted(dates.search("during", 50, 350, True)) == [0, 2]
        assert sorted(dates.search("after", 200, 200, False)) == [1, 2]
        assert dates.search("before", 0, 0, True) == []

    def test_empty(self) -> None:
        """An index of nothing, or of undated records only, finds nothing."""
        assert Dates([]).search("during", 0, 10**6, False) == []
        assert Dates([(0, None)]).search("after", 0, 0, False) == []


class TestPeriod:
    @pytest.mark.parametrize("mode", MODES)
    @pytest.mark.parametrize("certain", [False, True])
    def test_match_agrees_with_search(
        self, meetings: Base[sr.Meeting], mode: Mode, certain: bool
    ) -> None:
        """Checking a record one by one gives what the index search gives."""
        lo, hi = bounds(2020)
        period = Period(mode, lo, hi, certain)
        searched = sorted(period.search(meetings.dates()))
        assert searched == [p for p in range(len(meetings.records)) if period.match(meetings, p)]
        assert searched == [
            p for p, span in enumerate(meetings.spans()) if expected(mode, certain, span, lo, hi)
        ]


class TestBounds:
    def test_forms(self, ds: sr.Dataset) -> None:
        """A year, EDTF, a date value or a record's Dating become a range of day ordinals."""
        lo, hi = bounds(2020)
        assert hi - lo == 365
        assert bounds("2020") == (lo, hi)
        assert bounds(sr.PartialDate(2020)) == (lo, hi)
        assert bounds("2020-02")[1] - bounds("2020-02")[0] == 28
        parade = ds.meetings.get("victory-day-parade-2015").date
        assert parade is not None
        assert bounds(parade) == bounds("2015-05-09")


class TestBase:
    def test_indexes_are_built_once(self, meetings: Base[sr.Meeting]) -> None:
        """Each index is built the first time it is asked for, then reused."""
        assert meetings.index("actor") is meetings.index("actor")
        assert meetings.dates() is meetings.dates()
        assert meetings.names() is meetings.names()
        assert meetings.keyed_dates("actor", "china") is meetings.keyed_dates("actor", "china")

    def test_keys_index_positions_in_order(self, meetings: Base[sr.Meeting]) -> None:
        """key -> the sorted positions of the records that have it, for each family."""
        for family in ("actor", "place", "kind"):
            index = meetings.index(family)
            for record_key, positions in index.items():
                assert positions == sorted(set(positions))
                assert all(record_key in meetings.keys(family)[p] for p in positions)
        kinds = meetings.index("kind")
        assert [meetings.records[p].id for p in kinds["talks"]] == ["guilin-talks-2021"]
        at_moscow = [meetings.records[p].id for p in meetings.index("place")["moscow"]]
        assert at_moscow == [
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            "xi-state-visit-russia-2019",
        ]

    def test_name_index(self, ds: sr.Dataset, lookup: Registry) -> None:
        """Names and ids are indexed by key; their words too, but not the words of titles."""
        people = Base(tuple(ds.people), lookup)
        full, words = people.names()
        lavrov = people.by_id()["sergei-lavrov"]
        assert full["sergei lavrov"] == [lavrov]
        assert lavrov in full["lavrov"]  # the Cyrillic alias, transliterated
        assert words["lavrov"] == [lavrov]
        _, meeting_words = Base(tuple(ds.meetings), lookup).names()
        assert "guilin" not in meeting_words  # a title is a sentence, not a name

    def test_cited_paragraphs(self, meetings: Base[sr.Meeting]) -> None:
        """Each record's (document, paragraph, basis) triples, date claims included."""
        visit = meetings.by_id()["xi-state-visit-russia-2013"]
        cited = meetings.paragraphs()[visit]
        assert ("article", 4, sr.Basis.STATED) in cited
        assert ("article", 4, sr.Basis.INFERRED) in cited


class TestSelect:
    def test_no_filters_is_everything(self, meetings: Base[sr.Meeting]) -> None:
        """An empty chain keeps every record, in order."""
        assert select(meetings, ()) == list(range(len(meetings.records)))

    def test_a_keyed_chain_searches_the_key_s_own_dates(self, meetings: Base[sr.Meeting]) -> None:
        """The most selective key drives; with a period, only that key's date index is used."""
        chain = (
            Keyed("actor", frozenset({"china"})),
            Period("during", *bounds(2021), False),
            Keyed("actor", frozenset({"sergei-lavrov"})),
        )
        found = [meetings.records[p].id for p in select(meetings, chain)]
        assert found == ["guilin-talks-2021"]
        assert list(meetings._keyed_dates) == [("actor", "sergei-lavrov")]
        assert meetings._dates is None  # the whole section's date index was never needed

    def test_a_period_alone_uses_the_date_index(self, meetings: Base[sr.Meeting]) -> None:
        """Without a key, a period searches the whole date index."""
        found = select(meetings, (Period("during", *bounds(2020), True),))
        assert [meetings.records[p].id for p in found] == [
            "phone-calls-2020",
            "multilateral-meetings-2020",
        ]
        assert meetings._dates is not None
        assert meetings._keyed_dates == {}

    def test_several_keys_are_any_of_them(self, meetings: Base[sr.Meeting]) -> None:
        """A filter of several keys matches records with any, each once, in order."""
        either = Keyed("kind", frozenset({"talks", "phone_call"}))
        assert [meetings.records[p].id for p in select(meetings, (either,))] == [
            "phone-calls-2020",
            "guilin-talks-2021",
        ]
        dated = select(meetings, (either, Period("after", *bounds(2020), True)))
        assert [meetings.records[p].id for p in dated] == ["guilin-talks-2021"]

    def test_checks_filter_the_candidates(self, meetings: Base[sr.Meeting]) -> None:
        """Check and PositionCheck filters narrow what the indexes found."""
        russia = Keyed("place", frozenset({"russia"}))
        aggregate = Check(lambda meeting: meeting.is_aggregate)
        odd = PositionCheck(lambda base, position: position % 2 == 1)
        at_russia = select(meetings, (russia,))
        assert select(meetings, (russia, odd)) == [p for p in at_russia if p % 2 == 1]
        assert select(meetings, (aggregate,)) == [
            p for p, m in enumerate(meetings.records) if m.is_aggregate
        ]

    @pytest.mark.parametrize("certain", [False, True])
    def test_agrees_with_checking_every_filter(
        self, meetings: Base[sr.Meeting], certain: bool
    ) -> None:
        """However a chain is planned, it keeps what checking every filter on every record keeps."""
        chain = (
            Period("before", *bounds(2021), certain),
            Keyed("actor", frozenset({"xi-jinping"})),
            Keyed("place", frozenset({"russia", "china"})),
            Period("after", *bounds(2013), certain),
        )
        assert select(meetings, chain) == [
            p for p in range(len(meetings.records)) if all(f.match(meetings, p) for f in chain)
        ]
