"""The indexes and the planner (``_index``): keys, tiered date searches, names, ``select``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia._dates import _NEG_INF, _POS_INF
from sinorussia._index import (
    Base,
    Check,
    Dates,
    Hits,
    Keyed,
    Period,
    PositionCheck,
    actor_ids,
    actor_keys,
    bounds,
    days_of,
    place_keys,
    plan_chain,
    scan,
    select,
    spans_of,
)

Mode = Literal["during", "before", "after"]
MODES: tuple[Mode, ...] = ("during", "before", "after")
LENGTHS = (0, 0, 0, 1, 2, 3, 27, 28, 29, 30, 60, 364, 365, 1000, 1095, 1461, 5000, 10**6)
"""Day, month and year lengths often (they get tiers of their own), and others."""


def _days(spans: Iterable[tuple[int, int] | None]) -> tuple[list[int], list[int]]:
    """First and last days as `Dates` takes them (an undated record: first after last)."""
    days = [(_POS_INF + 1, _NEG_INF - 1) if span is None else span for span in spans]
    return [lo for lo, _ in days], [hi for _, hi in days]


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
    kinds = st.one_of(
        st.none(),
        st.tuples(st.integers(1, 20_000), st.sampled_from(LENGTHS)).map(
            lambda pair: (pair[0], pair[0] + pair[1])
        ),
        st.integers(1, 20_000).map(lambda day: (day, _POS_INF)),  # open end
        st.integers(1, 20_000).map(lambda day: (_NEG_INF, day)),  # unknown start
    )
    """Every kind of range: undated, bounded (of the shared lengths), open end, unknown start."""
    searches = (
        st.sampled_from(MODES),
        st.booleans(),
        st.integers(-100, 21_000),
        st.sampled_from([0, 1, 30, 364, 365, 2000, 30_000]),
        st.permutations(range(300)),
    )
    """A period (mode, certain, first day, width) and positions to give the ranges."""

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
        found = Dates.of(spans).search(mode, lo, hi, certain)
        assert len(found) == len(set(found))
        assert sorted(found) == [
            p for p, span in enumerate(spans) if expected(mode, certain, span, lo, hi)
        ]

    @given(st.lists(kinds, max_size=300), *searches)
    def test_find_gives_the_matches_or_the_others(
        self,
        spans: list[tuple[int, int] | None],
        mode: Mode,
        certain: bool,
        lo: int,
        width: int,
        shuffled: list[int],
    ) -> None:
        """``find``: the matching positions in order, or the ranks of the others in order.

        Records carry positions of their own (a key's records are scattered in
        the base); the shared lengths get tiers of their own, and the others
        merged ones, so every kind of tier and both answers are exercised.
        """
        hi = lo + width
        positions = sorted(shuffled[: len(spans)])
        dates = Dates(*_days(spans), positions)
        found, matching = dates.find(mode, lo, hi, certain)
        wanted = [r for r, span in enumerate(spans) if expected(mode, certain, span, lo, hi)]
        if matching:
            assert found == [positions[r] for r in wanted]
        else:
            assert found == [r for r in range(len(spans)) if r not in set(wanted)]
        assert sorted(dates.search(mode, lo, hi, certain)) == wanted

    @given(st.lists(st.one_of(kinds, st.just((_NEG_INF, _POS_INF))), max_size=300), *searches)
    def test_a_scan_finds_what_the_index_finds(
        self,
        spans: list[tuple[int, int] | None],
        mode: Mode,
        certain: bool,
        lo: int,
        width: int,
        shuffled: list[int],
    ) -> None:
        """``scan``: the matches in order, or (most matching) the ranks of the others in order."""
        hi = lo + width
        positions = sorted(shuffled[: len(spans)])
        found, matching = scan(*_days(spans), positions, mode, lo, hi, certain)
        wanted = [r for r, span in enumerate(spans) if expected(mode, certain, span, lo, hi)]
        assert matching == (len(wanted) <= len(spans) - len(wanted))
        if matching:
            assert found == [positions[r] for r in wanted]
        else:
            assert found == [r for r in range(len(spans)) if r not in set(wanted)]

    def test_tiers_are_sorted_and_hold_every_dated_record(self) -> None:
        """Each tier is sorted by its end, its lengths within its bounds; together they are all."""
        spans: list[tuple[int, int] | None] = [
            (day, day + length)
            for day in range(1, 3000, 7)
            for length in (0, 0, 0, 1, 3, 27, 30, 364, 365, 900, 4000)
        ]
        spans += [None, (0, 500), (700, _POS_INF), None]
        dates = Dates.of(spans)
        seen: list[int] = []
        for tier in dates._tiers:
            assert list(tier.keys) == sorted(tier.keys)
            seen.extend(tier.ranks)
            for rank, key_day in zip(tier.ranks, tier.keys, strict=True):
                span = spans[rank]
                assert span is not None
                assert key_day == span[1 if tier.by_last else 0]
                if tier.fixed is None:
                    assert tier.shortest <= span[1] - span[0] <= tier.longest
                else:
                    assert span[0 if tier.by_last else 1] == tier.fixed
        assert sorted(seen) == [r for r, span in enumerate(spans) if span is not None]
        assert list(dates.undated) == [r for r, span in enumerate(spans) if span is None]
        exact = {
            tier.shortest
            for tier in dates._tiers
            if tier.fixed is None and tier.shortest == tier.longest
        }
        assert {0, 27, 30, 364, 365} <= exact  # shared lengths of a day, a month, a year

    def test_long_ranges_do_not_hide_short_ones(self) -> None:
        """A decade-long range and a day share no tier, and both are found."""
        dates = Dates.of([(100, 100), (1, 4000), (300, 330), None])
        assert sorted(dates.search("during", 100, 100, False)) == [0, 1]
        assert sorted(dates.search("during", 50, 350, True)) == [0, 2]
        assert sorted(dates.search("after", 200, 200, False)) == [1, 2]
        assert dates.search("before", 0, 0, True) == []

    def test_empty(self) -> None:
        """An index of nothing, or of undated records only, finds nothing."""
        assert Dates.of([]).search("during", 0, 10**6, False) == []
        assert Dates.of([None]).search("after", 0, 0, False) == []
        assert Dates.of([]).find("during", 0, 10**6, False) == ([], True)
        assert Dates.of([None]).find("during", 0, 10**6, False) in (([], True), ([0], False))


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


class TestFacets:
    """The indexes read the fields behind the facets; they give what the facets give."""

    def test_actor_ids_are_the_actors(self, ds: sr.Dataset) -> None:
        """`actor_ids` lists the ids of `Entity.actors`, in order, for every bundled record."""
        for record in ds.records():
            assert actor_ids(record) == [actor for actor, _ in record.actors], record.id

    def test_days_and_spans_are_the_span(self, ds: sr.Dataset) -> None:
        """`spans_of` and `days_of` give `Entity.span` of every record, section by section."""
        for records in [tuple(c) for c in ds.sections().values()] + [tuple(ds.records())]:
            spans = [r.span for r in records]
            assert spans_of(records) == spans
            firsts, lasts = days_of(records)
            assert [None if a > b else (a, b) for a, b in zip(firsts, lasts, strict=True)] == spans

    @pytest.mark.parametrize("section", ["meetings", "happenings"])
    def test_participants_are_never_repeated(self, ds: sr.Dataset, section: str) -> None:
        """The actor index counts on it: a record of participants names each actor once."""
        record = getattr(ds, section)[0]
        assert type(record)._actor_fields == (("participants", None),)
        twice = (*record.participants, record.participants[0])
        with pytest.raises(ValueError, match="listed twice"):
            attrs.evolve(record, participants=twice)


class TestBase:
    def test_indexes_are_built_once(self, meetings: Base[sr.Meeting]) -> None:
        """Each index is built the first time it is asked for, then reused."""
        assert meetings.family("actor") is meetings.family("actor")
        assert meetings.subset("actor", "china") is meetings.subset("actor", "china")
        assert meetings.dates() is meetings.dates()
        assert meetings.days() is meetings.days()
        assert meetings.names() is meetings.names()
        assert meetings.keyed_dates("actor", "china") is meetings.keyed_dates("actor", "china")
        assert meetings.members("actor", frozenset({"china"})) is meetings.members(
            "actor", frozenset({"china"})
        )

    def test_classes_are_read_once(self, ds: sr.Dataset, lookup: Registry) -> None:
        """The classes of a base's records, which `of_kind` and `where` check against, are kept.

        `of_kind` checks its kinds against them on every call, so reading
        every record each time made an indexed query cost a scan.
        """
        records = tuple(ds.all())
        everything = Base(records, lookup)
        assert everything.classes() is everything.classes()
        assert everything.classes() == {type(record) for record in records}
        assert len(everything.classes()) > 5
        assert Base((), lookup).classes() == frozenset()
        kinds = ds.meetings.of_kind("summit")
        assert kinds.ids == tuple(m.id for m in ds.meetings if m.kind is sr.MeetingKind.SUMMIT)

    def test_a_key_s_dates_are_read_from_its_own_records(
        self, ds: sr.Dataset, lookup: Registry
    ) -> None:
        """A key's date index reads only its records' days, until as many as the base holds.

        Built either way (read from the key's records, or picked from the days
        of every record), a key's date index is the same.
        """

        def tiers(dates: Dates) -> list[Any]:
            return [list(dates.undated)] + [
                (list(t.ranks), list(t.keys), list(t.positions), t.others and list(t.others))
                for t in dates._tiers
            ]

        keys = ("xi-jinping", "vladimir-putin", "china", "russia", "sergei-lavrov", "wang-yi")
        read = Base(tuple(ds.meetings), lookup)
        picked = Base(tuple(ds.meetings), lookup)
        picked.days()
        total = 0
        for record_key in keys:
            total += len(read.subset("actor", record_key))
            found = tiers(read.keyed_dates("actor", record_key))
            assert found == tiers(picked.keyed_dates("actor", record_key)), record_key
            assert (read._days is None) == (total <= len(read.records)), record_key
        assert read._days is not None  # these keys' records add up to more than all of them

    def test_keys_index_positions_in_order(self, meetings: Base[sr.Meeting]) -> None:
        """key -> the sorted positions of the records that have it, for each family."""
        for family in ("actor", "place", "kind"):
            index = meetings.index(family)
            for record_key, positions in index.items():
                assert list(positions) == sorted(set(positions))
                assert all(record_key in meetings.keys(family)[p] for p in positions)
        kinds = meetings.index("kind")
        assert [meetings.records[p].id for p in kinds["talks"]] == ["guilin-talks-2021"]
        at_moscow = [meetings.records[p].id for p in meetings.index("place")["moscow"]]
        assert at_moscow == [
            "xi-state-visit-russia-2013",
            "victory-day-parade-2015",
            "xi-state-visit-russia-2019",
        ]

    @pytest.mark.parametrize("section", ["meetings", "offices", "people", "treaties", "places"])
    def test_families_agree_with_each_record_s_keys(
        self, ds: sr.Dataset, lookup: Registry, section: str
    ) -> None:
        """Built in one pass and widened on demand, each key has the records whose keys have it."""
        base = Base(tuple(getattr(ds, section)), lookup)
        everything = Base(tuple(ds.records()), lookup)
        for found in (base, everything):
            for family in ("actor", "place", "kind"):
                keys = found.keys(family)
                named = sorted({k for record_keys in keys for k in record_keys})
                assert sorted(found.index(family)) == named
                for record_key in (*named, "atlantis"):
                    wanted = [p for p, ks in enumerate(keys) if record_key in ks]
                    assert list(found.positions(family, record_key)) == wanted
                    members = found.members(family, frozenset({record_key}))
                    assert [p for p, m in enumerate(members) if m] == wanted

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


def dated(base: Base[Any]) -> list[tuple[str, str]]:
    """The keys whose own days have been read (a period searched among their records)."""
    return [
        (family, record_key)
        for family, found in base._families.items()
        for record_key, subset in found._widened.items()
        if subset._days is not None or subset._dates is not None
    ]


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
        assert dated(meetings) == [("actor", "sergei-lavrov")]
        assert meetings.everything._days is None  # the whole section's were never needed
        assert meetings.everything._dates is None

    def test_a_period_alone_uses_the_date_index(self, meetings: Base[sr.Meeting]) -> None:
        """Without a key, a period searches the whole date index."""
        found = select(meetings, (Period("during", *bounds(2020), True),))
        assert [meetings.records[p].id for p in found] == [
            "phone-calls-2020",
            "multilateral-meetings-2020",
        ]
        assert meetings.everything._days is not None
        assert dated(meetings) == []

    def test_a_key_s_date_index_is_built_at_its_second_search(
        self, meetings: Base[sr.Meeting]
    ) -> None:
        """The first search compares the key's days; the second builds its index; both agree."""
        subset = meetings.subset("actor", "china")
        chains = [
            (Keyed("actor", frozenset({"china"})), Period(mode, *bounds(year), certain))
            for mode in MODES
            for year in (2013, 2019, 2021)
            for certain in (False, True)
        ]
        wanted = [
            [p for p in range(len(meetings.records)) if all(f.match(meetings, p) for f in chain)]
            for chain in chains
        ]

        def state() -> tuple[bool, bool]:
            """Whether the key's days are kept, and whether its date index is built."""
            return subset._days is not None, subset._dates is not None

        assert state() == (False, False)
        assert select(meetings, chains[0]) == wanted[0]
        assert state() == (True, False)  # scanned: no index yet
        assert select(meetings, chains[1]) == wanted[1]
        assert state() == (False, True)  # the index holds the days now
        assert [select(meetings, chain) for chain in chains] == wanted

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

    def test_broad_periods_cut_the_few_others_out(self, meetings: Base[sr.Meeting]) -> None:
        """A period most of a key's records match: the key's records with the others cut out."""
        china = Keyed("actor", frozenset({"china"}))
        chain = (china, Period("after", *bounds("1900"), False))
        hits = plan_chain(meetings, chain)
        assert hits._positions is None  # the key's records, some cut out
        assert hits.subset is meetings.subset("actor", "china")
        wanted = [
            p for p in range(len(meetings.records)) if all(f.match(meetings, p) for f in chain)
        ]
        assert list(hits.positions()) == wanted
        assert hits.take(meetings, "records") == tuple(meetings.records[p] for p in wanted)
        assert hits.take(meetings, "ids") == tuple(meetings.records[p].id for p in wanted)
        assert len(hits) == len(wanted)

    def test_narrow_periods_find_the_positions(self, meetings: Base[sr.Meeting]) -> None:
        """A period few of a key's records match: their positions, in dataset order."""
        chain = (Keyed("actor", frozenset({"china"})), Period("during", *bounds(2021), True))
        hits = plan_chain(meetings, chain)
        assert hits._positions is not None
        wanted = [
            p for p in range(len(meetings.records)) if all(f.match(meetings, p) for f in chain)
        ]
        assert list(hits.positions()) == wanted
        assert hits.take(meetings, "ids") == tuple(meetings.records[p].id for p in wanted)


class TestMemo:
    """The base remembers the hits of chains of keys and periods: equal chains, equal answers."""

    def chain(self, year: int) -> tuple[Keyed, Period]:
        """Xi Jinping's meetings possibly in a year."""
        return (Keyed("actor", frozenset({"xi-jinping"})), Period("during", *bounds(year), False))

    def test_an_equal_chain_is_answered_from_memory(self, meetings: Base[sr.Meeting]) -> None:
        """The same filters, made anew, find the remembered hits; the answer is the same."""
        first = plan_chain(meetings, self.chain(2019))
        again = plan_chain(meetings, self.chain(2019))
        assert again is first
        assert plan_chain(meetings, self.chain(2020)) is not first

    def test_checks_are_not_remembered(self, meetings: Base[sr.Meeting]) -> None:
        """A function filter is equal only to itself: such chains are run every time."""
        chain = (*self.chain(2019), Check(lambda meeting: True))
        plan_chain(meetings, chain)
        assert chain not in meetings._memo
        assert select(meetings, chain) == select(meetings, self.chain(2019))

    def test_memory_is_bounded(self, meetings: Base[sr.Meeting]) -> None:
        """Beyond the bounds, the first chains remembered are forgotten."""
        from sinorussia import _index

        for year in range(1000, 1000 + _index._MEMO_CHAINS + 10):
            plan_chain(meetings, self.chain(year))
        assert len(meetings._memo) <= _index._MEMO_CHAINS
        assert self.chain(1000) not in meetings._memo
        assert self.chain(1000 + _index._MEMO_CHAINS + 9) in meetings._memo
        assert meetings._memo_weight == sum(h.weight for h in meetings._memo.values())
        assert meetings._memo_weight <= _index._MEMO_BYTES * len(meetings.records) + 65536

    def test_answers_do_not_depend_on_what_was_asked_before(
        self, ds: sr.Dataset, lookup: Registry
    ) -> None:
        """Chains asked in any order, again and again, give what a fresh base gives."""
        keys = ("china", "russia", "xi-jinping", "sergei-lavrov", "wang-yi")
        chains: list[tuple[Keyed | Period, ...]] = [
            (Keyed("actor", frozenset({k})), Period(mode, *bounds(year), certain))
            for k in keys
            for mode in MODES
            for year in (2013, 2019, 2020)
            for certain in (False, True)
        ]
        chains += [(Keyed("actor", frozenset(keys[:2])),), (Period("after", *bounds(2015), False),)]
        shared = Base(tuple(ds.meetings), lookup)
        for chain in (*chains, *reversed(chains), *chains):
            fresh = Base(tuple(ds.meetings), lookup)
            assert select(shared, chain) == select(fresh, chain), chain
            assert plan_chain(shared, chain).take(shared, "ids") == tuple(
                fresh.records[p].id for p in select(fresh, chain)
            )


class TestHits:
    def test_positions_and_records_agree(self, meetings: Base[sr.Meeting]) -> None:
        """Every way of reading hits gives the same records, in dataset order."""
        subset = meetings.subset("actor", "china")
        everything = list(subset.positions)
        for excluded in ([], [0], [len(subset) - 1], list(range(0, len(subset), 2))):
            hits = Hits(subset, excluded=excluded)
            kept = [p for r, p in enumerate(everything) if r not in excluded]
            assert list(hits.positions()) == kept
            assert len(hits) == len(kept)
            assert hits.take(meetings, "records") == tuple(meetings.records[p] for p in kept)
            assert hits.take(meetings, "ids") == tuple(meetings.records[p].id for p in kept)
        for positions in ((), (1,), (0, 2, 5), range(3)):
            hits = Hits(meetings.everything, positions=positions)
            assert hits.take(meetings, "ids") == tuple(meetings.records[p].id for p in positions)
            assert hits.take(meetings, "ids") == tuple(meetings.records[p].id for p in positions)
