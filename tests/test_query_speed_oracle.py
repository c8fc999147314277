"""The fast paths of the index give exactly the answers of a plain scan.

The index reads the fields behind the facets instead of the facets, builds each
key's positions in one pass and widens keys when asked, tiers a key's dates by
length, answers a broad period by cutting the few records that do not match out
of the key's records, and remembers the answer of each chain. Each of these is
checked here against a scan of public fields: on the random datasets of
``test_query_oracle``, and on the benchmarks' generated data, where a handful
of people take part in most meetings (so that selective, medium and broad
queries all occur, as they do at scale).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia._index import Base, Hits, actor_ids, days_of, spans_of
from test_benchmarks import text_of
from test_query_oracle import SETTINGS, World, period_bounds, record_bounds, worlds


def involves(ds: sr.Dataset) -> Callable[[sr.Meeting, str], bool]:
    """Whether a meeting involves an actor: a participant, or the country of one."""
    registry = {record.id: record for record in ds.records()}

    def test(meeting: sr.Meeting, who: str) -> bool:
        for participant in meeting.participants:
            if participant.who == who:
                return True
            other = registry.get(participant.who)
            if isinstance(other, sr.Person) and other.nationality == who:
                return True
            if isinstance(other, sr.Organisation) and other.country == who:
                return True
        return False

    return test


def falls(meeting: sr.Meeting, when: sr.When, *, certain: bool) -> bool:
    """Whether a meeting possibly (or certainly) falls during a period, from its dates."""
    bounds = record_bounds(meeting)
    if bounds is None:
        return False
    (r_lo, r_hi), (p_lo, p_hi) = bounds, period_bounds(when)
    return r_lo >= p_lo and r_hi <= p_hi if certain else r_lo <= p_hi and r_hi >= p_lo


def _base(collection: sr.Collection[Any]) -> Base[Any]:
    found: Base[Any] = collection._base
    return found


def _hits(collection: sr.Collection[Any]) -> Hits:
    found: Hits = collection._selected()
    return found


class TestFacetsAndKeys:
    @settings(SETTINGS, max_examples=60)
    @given(world=worlds())
    def test_fast_readings_are_the_facets(self, world: World) -> None:
        """Actors, spans and days read from the fields are the facets' values."""
        records = world.everything
        for record in records:
            assert actor_ids(record) == [actor for actor, _ in record.actors]
        for chosen in (records, world.meetings, world.offices):
            spans = [r.span for r in chosen]
            assert spans_of(chosen) == spans
            firsts, lasts = days_of(chosen)
            assert [None if a > b else (a, b) for a, b in zip(firsts, lasts, strict=True)] == spans

    @settings(SETTINGS, max_examples=60)
    @given(world=worlds())
    def test_keys_built_in_one_pass_are_each_record_s_keys(self, world: World) -> None:
        """Each key's positions, widened on demand, are the records whose own keys have it."""
        for collection in (world.ds.meetings, world.ds.offices, world.ds.all()):
            base = Base(tuple(collection), _base(collection).context)
            for family in ("actor", "place", "kind"):
                keys = base.keys(family)
                for record_key in sorted({k for found in keys for k in found}):
                    wanted = [p for p, found in enumerate(keys) if record_key in found]
                    assert list(base.positions(family, record_key)) == wanted, record_key


@pytest.fixture(scope="module")
def data() -> sr.Dataset:
    """3,000 generated meetings, most of them with Xi Jinping or Vladimir Putin."""
    return sr.loads(text_of(3000, skewed=True))


class TestGeneratedData:
    """Selective, medium and broad participant + period queries on skewed generated data."""

    PERIODS: tuple[int | str, ...] = (2020, "2016-03", "2016-03-08", "2013/2015", "1992/2024")
    PEOPLE = ("xi-jinping", "vladimir-putin", "li-qiang", "china", "russia")

    def test_every_query_matches_a_scan(self, data: sr.Dataset) -> None:
        """Frequent and rare actors, narrow to broad periods: the scan's meetings, in order."""
        test = involves(data)
        meetings = tuple(data.meetings)
        rare = [p.id for p in data.people][-3:]
        for who in (*self.PEOPLE, *rare):
            for value in self.PERIODS:
                when = sr.Dating.of(value if isinstance(value, str) else str(value), _CITE).best
                for certain in (False, True):
                    wanted = tuple(
                        m.id for m in meetings if test(m, who) and falls(m, when, certain=certain)
                    )
                    found = data.meetings.involving(who).during(value, certain=certain)
                    assert found.ids == wanted, (who, value, certain)
                    assert tuple(m.id for m in found) == wanted, (who, value, certain)

    def test_broad_and_narrow_answers_take_their_paths(self, data: sr.Dataset) -> None:
        """All time, for Xi: his meetings with a few cut out; a day: the positions found."""
        broad = _hits(data.meetings.involving("xi-jinping").during("1992/2024"))
        assert broad._positions is None
        assert 0 < len(broad.excluded) < len(broad) / 10
        narrow = _hits(data.meetings.involving("xi-jinping").during("2016-03-08"))
        assert narrow._positions is not None

    def test_a_repeated_query_is_answered_from_memory(self, data: sr.Dataset) -> None:
        """The same chain, built anew, finds the hits remembered, whatever was asked between."""
        first = data.meetings.involving("li-qiang").during(2019)
        ids = first.ids
        between = [
            chain.ids
            for who in self.PEOPLE
            for chain in (
                data.meetings.involving(who).during(2018),
                data.meetings.involving(who).at("china").during(2019, certain=True),
            )
        ]
        assert any(between)
        again = data.meetings.involving("li-qiang").during(2019)
        assert _hits(again) is _hits(first)
        assert again.ids == ids
        assert tuple(again) == tuple(first)

    def test_several_keys_and_checks_after_the_index(self, data: sr.Dataset) -> None:
        """Chains of two actors, a place, a kind and a check: the scan's meetings."""
        test = involves(data)
        when = sr.PartialDate(2020)
        for who, other in (("xi-jinping", "vladimir-putin"), ("li-qiang", "china")):
            found = (
                data.meetings.involving(who, other)
                .during(2020)
                .filter(lambda meeting: meeting.count == 1)
            )
            wanted = tuple(
                m.id
                for m in data.meetings
                if test(m, who) and test(m, other) and falls(m, when, certain=False)
                if m.count == 1
            )
            assert found.ids == wanted
            either = data.meetings.involving(who, other, match="any").during(2020)
            assert either.ids == tuple(
                m.id
                for m in data.meetings
                if (test(m, who) or test(m, other)) and falls(m, when, certain=False)
            )


_CITE = sr.Citation(basis=sr.Basis.STATED, document="corpus", paragraphs=(1,))


@settings(SETTINGS, max_examples=25)
@given(data=st.data())
def test_chains_asked_again_match_a_fresh_dataset(data: st.DataObject) -> None:
    """However many chains were asked before, an equal chain gives a fresh dataset's answer."""
    world = data.draw(worlds(), label="world")
    fresh = sr.loads(sr.dumps(world.ds))
    who = [*(r.id for r in world.leaders), *(c.id for c in world.countries)]
    years = st.integers(1997, 2005)
    for _ in range(12):
        actor = data.draw(st.sampled_from(who), label="who")
        year = data.draw(years, label="year")
        certain = data.draw(st.booleans(), label="certain")
        mode = data.draw(st.sampled_from(["during", "before", "after"]), label="mode")
        asked = getattr(world.ds.meetings.involving(actor), mode)(year, certain=certain)
        wanted = getattr(fresh.meetings.involving(actor), mode)(year, certain=certain)
        assert asked.ids == wanted.ids, (actor, mode, year, certain)
