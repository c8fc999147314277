"""The indexes of a collection's records, and the planner that uses them.

A family of collections (all the filters chained from one dataset's section)
shares one `Base`: the records, and indexes built at most once, the
first time a filter needs them: by id, by key (actor, place, kind), by date
bounds in tiers, by name and by cited paragraph.

`select` runs a chain of filters: it picks the most selective keyed
filter to drive it; if the chain also has a date filter, it searches that
key's own date-sorted index, so ``involving("xi-jinping").during(2020)`` looks
only at Xi's meetings of about 2020. The remaining filters then check the few
candidates left.

Every key comes from what the records say about themselves (their facets:
``actors``, ``site``, ``category``, ``span``, ``names``) and from the field
plan (their citations).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any, Final, Generic, Literal, Protocol, TypeVar

import attrs

from ._model import Citation, Entity, Organisation, Person, Place
from ._names import key
from ._plan import citations
from ._types import period
from ._vocab import Basis

__all__ = [
    "Base",
    "Check",
    "Dates",
    "Filter",
    "Keyed",
    "Period",
    "PositionCheck",
    "bounds",
    "select",
]


class Lookup(Protocol):
    """What an index needs of the dataset around it: records by id."""

    def get(self, id: str) -> Any:
        """The record with this id, or ``None``."""
        ...


T = TypeVar("T", bound=Entity)


def actor_keys(record: Entity, lookup: Lookup) -> frozenset[str]:
    """Everyone a record involves, widened to their countries (and itself, for an actor)."""
    found: set[str] = set()
    if record.is_actor:
        found.add(record.id)
    for actor, _ in record.actors:
        found.add(actor)
        other = lookup.get(actor)
        if isinstance(other, Person) and other.nationality:
            found.add(other.nationality)
        elif isinstance(other, Organisation) and other.country:
            found.add(other.country)
    return frozenset(found)


def place_keys(place: str | None, lookup: Lookup) -> frozenset[str]:
    """A place and every place or country that contains it."""
    found: set[str] = set()
    while place is not None and place not in found:
        found.add(place)
        record = lookup.get(place)
        place = record.within if isinstance(record, Place) else None
    return frozenset(found)


# -- indexes -------------------------------------------------------------------


class _Tier:
    """Day ranges of similar length, sorted by first day.

    Every range in a tier is at most ``span`` days long, so the ranges that
    may overlap a period start no earlier than ``span`` days before it: a
    bisect finds them, and one comparison each settles the rest.
    """

    __slots__ = ("his", "los", "positions", "span")

    def __init__(self, ranges: list[tuple[int, int, int]]) -> None:
        ranges.sort()
        self.los = [lo for lo, _, _ in ranges]
        self.his = [hi for _, hi, _ in ranges]
        self.positions = [position for _, _, position in ranges]
        self.span = max((hi - lo for lo, hi, _ in ranges), default=0)

    def search(self, mode: str, lo: int, hi: int, certain: bool) -> list[int]:
        los, his, positions = self.los, self.his, self.positions
        if mode == "during":
            if certain:  # starts inside the period, and ends inside it too
                first, last = bisect.bisect_left(los, lo), bisect.bisect_right(los, hi)
                return [positions[i] for i in range(first, last) if his[i] <= hi]
            first = bisect.bisect_left(los, lo - self.span)
            last = bisect.bisect_right(los, hi)  # everything before `last` starts by `hi`
            return [positions[i] for i in range(first, last) if his[i] >= lo]
        if mode == "before":
            last = bisect.bisect_left(los, lo)  # everything before `last` starts before `lo`
            if certain:
                return [positions[i] for i in range(last) if his[i] < lo]
            return positions[:last]
        # after
        first = bisect.bisect_right(los, hi)  # everything from `first` starts after `hi`
        if certain:
            return positions[first:]
        early = bisect.bisect_right(los, hi - self.span)
        return [positions[i] for i in range(early, first) if his[i] > hi] + positions[first:]


class Dates:
    """Records' day ranges in tiers by length, for bisect range searches.

    Tiers keep a few long ranges (decades, open ends) from widening the search
    window of the many short ones.
    """

    __slots__ = ("_tiers",)

    _LIMITS: Final = (31, 366, 3660)

    def __init__(self, items: Iterable[tuple[int, tuple[int, int] | None]]) -> None:
        groups: list[list[tuple[int, int, int]]] = [[] for _ in range(len(self._LIMITS) + 1)]
        limits = self._LIMITS
        for position, bounds in items:
            if bounds is None:
                continue
            lo, hi = bounds
            length = hi - lo
            tier = 0
            while tier < len(limits) and length > limits[tier]:
                tier += 1
            groups[tier].append((lo, hi, position))
        self._tiers = tuple(_Tier(group) for group in groups if group)

    def search(self, mode: str, lo: int, hi: int, certain: bool) -> list[int]:
        """Positions of the records that match a period filter (unsorted)."""
        tiers = self._tiers
        if len(tiers) == 1:
            return tiers[0].search(mode, lo, hi, certain)
        found: list[int] = []
        for tier in tiers:
            found.extend(tier.search(mode, lo, hi, certain))
        return found


class Base(Generic[T]):
    """The records a family of collections is drawn from, with their indexes.

    Every index is built at most once, the first time a filter needs it.
    """

    __slots__ = (
        "_by_id",
        "_citations",
        "_dates",
        "_index",
        "_keyed_dates",
        "_keys",
        "_names",
        "_paragraphs",
        "_spans",
        "context",
        "records",
    )

    def __init__(self, records: tuple[T, ...], context: Lookup) -> None:
        self.records = records
        self.context = context
        self._by_id: dict[str, int] | None = None
        self._spans: list[tuple[int, int] | None] | None = None
        self._dates: Dates | None = None
        self._keys: dict[str, list[frozenset[str]]] = {}
        self._index: dict[str, dict[str, list[int]]] = {}
        self._keyed_dates: dict[tuple[str, str], Dates] = {}
        self._names: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._paragraphs: list[frozenset[tuple[str | None, int, Basis]]] | None = None
        self._citations: list[frozenset[Citation]] | None = None

    def by_id(self) -> dict[str, int]:
        if self._by_id is None:
            self._by_id = {record.id: position for position, record in enumerate(self.records)}
        return self._by_id

    def spans(self) -> list[tuple[int, int] | None]:
        if self._spans is None:
            self._spans = [record.span for record in self.records]
        return self._spans

    def dates(self) -> Dates:
        if self._dates is None:
            self._dates = Dates(enumerate(self.spans()))
        return self._dates

    def keys(self, family: str) -> list[frozenset[str]]:
        """Each record's keys of one family: actors, places or kinds."""
        found = self._keys.get(family)
        if found is None:
            context = self.context
            if family == "actor":
                found = [actor_keys(record, context) for record in self.records]
            elif family == "place":
                found = [place_keys(record.site, context) for record in self.records]
            else:
                found = [frozenset(filter(None, (r.category,))) for r in self.records]
            self._keys[family] = found
        return found

    def index(self, family: str) -> dict[str, list[int]]:
        """Key -> sorted positions of the records that have it."""
        found = self._index.get(family)
        if found is None:
            found = {}
            for position, keys in enumerate(self.keys(family)):
                for record_key in keys:
                    found.setdefault(record_key, []).append(position)
            self._index[family] = found
        return found

    def keyed_dates(self, family: str, record_key: str) -> Dates:
        """The date index of just the records that have one key."""
        found = self._keyed_dates.get((family, record_key))
        if found is None:
            spans = self.spans()
            positions = self.index(family).get(record_key, [])
            found = Dates((position, spans[position]) for position in positions)
            self._keyed_dates[family, record_key] = found
        return found

    def names(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """Name key -> positions, and word -> positions (for surnames)."""
        if self._names is None:
            full: dict[str, list[int]] = {}
            words: dict[str, list[int]] = {}
            for position, record in enumerate(self.records):
                sentences = record._label_field in ("title", "text")
                for name in (*record.names, record.id):
                    name_key = key(name)
                    _add(full, name_key, position)
                    if sentences:
                        continue  # titles are sentences: no word index
                    for word in name_key.split():
                        _add(words, word, position)
            self._names = (full, words)
        return self._names

    def citations(self) -> list[frozenset[Citation]]:
        """Each record's distinct citations, wherever they are in it."""
        if self._citations is None:
            self._citations = [frozenset(citations(record)) for record in self.records]
        return self._citations

    def paragraphs(self) -> list[frozenset[tuple[str | None, int, Basis]]]:
        """Each record's cited (document, paragraph, basis) triples."""
        if self._paragraphs is None:
            self._paragraphs = [
                frozenset(
                    (citation.document, paragraph, citation.basis)
                    for citation in citations(record)
                    for paragraph in citation.paragraphs
                )
                for record in self.records
            ]
        return self._paragraphs


def _add(index: dict[str, list[int]], name: str, position: int) -> None:
    """Add a position once; positions arrive in order, so the last one tells."""
    found = index.setdefault(name, [])
    if not found or found[-1] != position:
        found.append(position)


# -- filters -------------------------------------------------------------------


@attrs.frozen
class Keyed:
    """Records that have any of ``keys`` in ``family``."""

    family: str
    keys: frozenset[str]

    def estimate(self, base: Base[Any]) -> int:
        index = base.index(self.family)
        return sum(len(index.get(k, ())) for k in self.keys)

    def candidates(self, base: Base[Any]) -> list[int]:
        index = base.index(self.family)
        if len(self.keys) == 1:
            return index.get(next(iter(self.keys)), [])
        return sorted({p for k in self.keys for p in index.get(k, ())})

    def match(self, base: Base[Any], position: int) -> bool:
        return not self.keys.isdisjoint(base.keys(self.family)[position])


@attrs.frozen
class Period:
    """Records whose date falls during, before or after a period."""

    mode: Literal["during", "before", "after"]
    lo: int
    hi: int
    certain: bool

    def search(self, dates: Dates) -> list[int]:
        return dates.search(self.mode, self.lo, self.hi, self.certain)

    def match(self, base: Base[Any], position: int) -> bool:
        bounds = base.spans()[position]
        if bounds is None:
            return False
        a, b = bounds
        lo, hi = self.lo, self.hi
        if self.mode == "during":
            return (a >= lo and b <= hi) if self.certain else (a <= hi and b >= lo)
        if self.mode == "before":
            return b < lo if self.certain else a < lo
        return a > hi if self.certain else b > hi


@attrs.frozen(eq=False)
class Check:
    """Records for which a function of the record holds (no index)."""

    test: Callable[[Any], bool]

    def match(self, base: Base[Any], position: int) -> bool:
        return self.test(base.records[position])


@attrs.frozen(eq=False)
class PositionCheck:
    """Records for which a function of the base and position holds (no index)."""

    test: Callable[[Base[Any], int], bool]

    def match(self, base: Base[Any], position: int) -> bool:
        return self.test(base, position)


Filter = Keyed | Period | Check | PositionCheck


def select(base: Base[Any], filters: tuple[Filter, ...]) -> list[int]:
    """The positions, in dataset order, of the records that pass every filter."""
    keyed = [f for f in filters if isinstance(f, Keyed)]
    periods = [f for f in filters if isinstance(f, Period)]
    used: list[Filter] = []
    candidates: Iterable[int]
    if keyed:
        driver = min(keyed, key=lambda f: f.estimate(base))
        used.append(driver)
        if periods:
            period = periods[0]
            used.append(period)
            if len(driver.keys) == 1:
                (record_key,) = driver.keys
                candidates = sorted(period.search(base.keyed_dates(driver.family, record_key)))
            else:
                found: set[int] = set()
                for record_key in driver.keys:
                    found.update(period.search(base.keyed_dates(driver.family, record_key)))
                candidates = sorted(found)
        else:
            candidates = driver.candidates(base)
    elif periods:
        period = periods[0]
        used.append(period)
        candidates = sorted(period.search(base.dates()))
    else:
        candidates = range(len(base.records))
    rest = [f for f in filters if not any(f is u for u in used)]
    if not rest:
        return list(candidates)
    return [p for p in candidates if all(f.match(base, p) for f in rest)]


def bounds(value: object, where: str = "period") -> tuple[int, int]:
    """The first and last day of a period argument, as day ordinals.

    Raises:
        ArgumentError: ``value`` is not a period (``where`` names the argument).

    """
    return period(value, where)
