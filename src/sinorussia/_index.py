"""The indexes of a collection's records, and the planner that uses them.

A family of collections (all the filters chained from one dataset's section)
shares one `Base`: the records, and indexes built at most once, the first
time a filter needs them: by id, by key (actor, place, kind), by date bounds
in tiers, by name and by cited paragraph.

Keys are indexed in two steps. One pass over the records finds each record's
own keys (the actors it names, the place it is at, its kind), each record's
position appended to its key's positions (a list for an actor, an array
otherwise). The wider keys (a person's country, the places around a place)
are the union of the positions of the keys they contain, worked out the
first time a filter asks for one.

Every key's positions are in dataset order. A key's date index (`Dates`)
keeps, tier by tier, its records sorted by date (their ranks, their places in
the key's array, and their positions), so a period is a few bisects: a slice
that surely matches and, at each edge, a few records checked one by one. A
few matches are put back in dataset order by sorting their positions; when
most of the key's records match, the few that do not are collected instead,
and the answer is the key's records with those cut out, in dataset order
without a sort. A key's date index reads the days of the key's own records
only, so the first period asked of one person reads a fraction of the
records; once as many records have been read that way as the base holds,
the days of every record are read, once, and picked from.

`plan_chain` runs a chain of filters (`select` gives its positions): it picks
the most selective keyed filter to drive it; if the chain also has a date
filter, it searches that key's own date index, so
``involving("xi-jinping").during(2020)`` looks only at Xi's meetings of about
2020. The remaining filters then check the few candidates left. The base
remembers the answer of each chain of keys and periods it has run (`Hits`:
positions, or the ranks cut out; about 32 bytes a record at most, all told),
so a chain asked again costs a look-up and the building of its result.

Every key comes from what the records say about themselves (their facets:
``actors``, ``site``, ``category``, ``span``, ``names``) and from the field
plan (their citations).
"""

from __future__ import annotations

import bisect
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import compress, repeat
from operator import attrgetter, itemgetter, not_
from typing import Any, Final, Generic, Literal, Protocol, TypeAlias, TypeVar

import attrs

from ._dates import _NEG_INF, _POS_INF
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
    "Hits",
    "Keyed",
    "Period",
    "PositionCheck",
    "bounds",
    "plan_chain",
    "select",
]


class Lookup(Protocol):
    """What an index needs of the dataset around it: records by id."""

    def get(self, id: str) -> Any:
        """The record with this id, or ``None``."""
        ...


T = TypeVar("T", bound=Entity)
Positions: TypeAlias = "array[int] | list[int] | tuple[int, ...] | range"
"""Positions or ranks in increasing order."""

_ID: Final = attrgetter("id")
_LOW: Final = _NEG_INF - 1
_HIGH: Final = _POS_INF + 1
"""Below and above any day; an undated record's first and last day are (_HIGH, _LOW)."""


def actor_keys(record: Entity, lookup: Lookup) -> frozenset[str]:
    """Everyone a record involves, widened to their countries (and itself, for an actor)."""
    found: set[str] = set()
    if record.is_actor:
        found.add(record.id)
    for actor, _ in record.actors:
        found.add(actor)
        country = country_of(actor, lookup)
        if country is not None:
            found.add(country)
    return frozenset(found)


def country_of(actor: str, lookup: Lookup) -> str | None:
    """The country an actor widens to: a person's nationality, a body's country."""
    other = lookup.get(actor)
    if isinstance(other, Person) and other.nationality:
        return other.nationality
    if isinstance(other, Organisation) and other.country:
        return other.country
    return None


def place_keys(place: str | None, lookup: Lookup) -> frozenset[str]:
    """A place and every place or country that contains it."""
    found: set[str] = set()
    while place is not None and place not in found:
        found.add(place)
        record = lookup.get(place)
        place = record.within if isinstance(record, Place) else None
    return frozenset(found)


# -- reading the facets fast ---------------------------------------------------------
#
# The facets (`Entity.actors`, `span`, `site`) are properties that build a
# value per call; an index reads them for every record, so it reads the fields
# they name (the class variables behind them) the same way, in one place per
# facet. tests/test_index.py holds that both give the same answers.

_SPAN: Final = Entity.__dict__["span"]
_SITE: Final = Entity.__dict__["site"]
_CATEGORY: Final = attrgetter("category")


def actor_ids(record: Entity) -> list[str]:
    """The ids of `Entity.actors`, in their order (an id named twice, twice)."""
    found: list[str] = []
    for field, role in record._actor_fields:
        value = getattr(record, field)
        if value is None:
            continue
        if isinstance(value, str):
            found.append(value)
        elif role is None:
            found.extend([p.who for p in value])
        else:
            found.extend(value)
    return found


def spans_of(records: Sequence[Entity]) -> list[tuple[int, int] | None]:
    """`Entity.span` of each record, reading the date field where the class does not override it."""
    classes: set[type[Entity]] = set(map(type, records))
    if len(classes) == 1:
        (cls,) = classes
        field = cls._date_field
        if getattr(cls, "span", None) is _SPAN:
            if field == "date":  # most classes: read as an attribute, the fastest way
                return [None if (d := r.date) is None else d.best._span for r in records]  # type: ignore[attr-defined]
            if field is None:
                return [None] * len(records)
    readers: dict[type, Callable[[Any], Any] | None] = {}
    found: list[tuple[int, int] | None] = []
    append = found.append
    for record in records:
        cls = type(record)
        try:
            read = readers[cls]
        except KeyError:
            field = cls._date_field
            plain = getattr(cls, "span", None) is _SPAN and field is not None
            read = readers[cls] = attrgetter(field) if plain and field else None
        if read is None:
            append(record.span)
        else:
            dating = read(record)
            append(None if dating is None else dating.best._span)
    return found


def days_of(records: Sequence[Entity]) -> tuple[array[int], array[int]]:
    """The first and last days of each record's `Entity.span`, as two arrays.

    An undated record has ``first > last``: an empty range no period
    matches. The numbers are copied while the dates are at hand, so that
    the date indexes read compact arrays, not the records. Each array is
    made from a list (faster than appending to it: an array's append parses
    its argument).
    """
    spans = spans_of(records)
    firsts = array("i", [_HIGH if span is None else span[0] for span in spans])
    return firsts, array("i", [_LOW if span is None else span[1] for span in spans])


def _sites_of(records: Sequence[Entity]) -> list[str | None]:
    """`Entity.site` of each record, reading the field where the class does not override it."""
    readers: dict[type, Callable[[Any], Any] | None] = {}
    found: list[str | None] = []
    append = found.append
    for record in records:
        cls = type(record)
        try:
            read = readers[cls]
        except KeyError:
            field = cls._site_field
            plain = getattr(cls, "site", None) is _SITE
            read = readers[cls] = (attrgetter(field) if field else _none) if plain else None
        append(record.site if read is None else read(record))
    return found


def _none(record: object) -> None:
    return None


# -- dates ---------------------------------------------------------------------------


def box(mode: str, lo: int, hi: int, certain: bool) -> tuple[int, int, int, int]:
    """A period filter as bounds on a record's days: first in [a, b], last in [c, d].

    During: possibly (first <= hi and last >= lo), certainly (first >= lo and
    last <= hi). Before: possibly (first < lo), certainly (last < lo). After:
    possibly (last > hi), certainly (first > hi).
    """
    if mode == "during":
        return (lo, _HIGH, _LOW, hi) if certain else (_LOW, hi, lo, _HIGH)
    if mode == "before":
        return (_LOW, _HIGH, _LOW, lo - 1) if certain else (_LOW, lo - 1, _LOW, _HIGH)
    return (hi + 1, _HIGH, _LOW, _HIGH) if certain else (_LOW, _HIGH, hi + 1, _HIGH)


class _Tier:
    """Day ranges sorted by one end, for bisect searches.

    ``keys`` holds the sorted end: first days, or last days (``by_last``, for
    ranges with an unknown start). ``others`` holds the other end of each, or
    is ``None`` when every range has the same one (``fixed``: an open end) or
    the same length.
    Bounded ranges are ``shortest`` to ``longest`` days long, so the last day
    of each is known to within ``longest - shortest`` days from its first: a
    period's bounds on the last day become bounds on the first, sure ones in
    the middle and a narrow band at each edge to check (none when all have
    the same length).
    """

    __slots__ = (
        "by_last",
        "fixed",
        "keys",
        "longest",
        "others",
        "positions",
        "ranks",
        "shortest",
    )

    def __init__(
        self,
        ranks: list[int],
        firsts: Sequence[int],
        lasts: Sequence[int],
        positions: Sequence[int] | None,
        *,
        lengths: tuple[int, int] = (0, 0),
        by_last: bool = False,
        fixed: int | None = None,
    ) -> None:
        ends = lasts if by_last else firsts
        ranks.sort(key=ends.__getitem__)  # stable: equal days stay in rank order
        self.by_last = by_last
        self.fixed = fixed
        self.ranks = array("i", ranks)
        self.positions = self.ranks if positions is None else array("i", _pick(positions, ranks))
        self.keys = array("i", _pick(ends, ranks))
        self.shortest, self.longest = lengths
        # The other end, to check records one by one: never needed where it
        # is fixed, or where every range has the same length.
        bounded = fixed is None and self.shortest < self.longest
        self.others = array("i", _pick(lasts, ranks)) if bounded else None

    def __len__(self) -> int:
        return len(self.ranks)

    def cut(self, a: int, b: int, c: int, d: int) -> tuple[int, int, int, int]:
        """Index bounds ``(i, j, k, m)`` of the records with first day in [a, b], last in [c, d].

        Those in [j, k) match; those in [i, j) and [k, m) match if their other
        end lies in the bounds `band` gives; none outside [i, m) matches.
        """
        if self.by_last:
            a, b, c, d = c, d, a, b
        keys = self.keys
        fixed = self.fixed
        if fixed is not None:
            if c <= fixed <= d and a <= b:
                i = bisect.bisect_left(keys, a)
                m = bisect.bisect_right(keys, b, i)
                return i, i, m, m
            return 0, 0, 0, 0
        shortest, longest = self.shortest, self.longest
        first, last = max(a, c - longest), min(b, d - shortest)
        if first > last:
            return 0, 0, 0, 0
        i = bisect.bisect_left(keys, first)
        m = bisect.bisect_right(keys, last, i)
        if shortest == longest:
            return i, i, m, m
        first, last = max(a, c - shortest), min(b, d - longest)
        if first > last:
            return i, m, m, m
        j = bisect.bisect_left(keys, first, i, m)
        k = bisect.bisect_right(keys, last, j, m)
        return i, j, k, m

    def band(self, a: int, b: int, c: int, d: int) -> tuple[int, int]:
        """The bounds the other end of a checked record must lie in."""
        return (a, b) if self.by_last else (c, d)


# Bounded ranges are tiered by length (last day minus first). A length that
# many of a key's records share (a day: 0; a month: 27 to 30; a year: 364 or
# 365) has a tier of its own, where no record needs checking one by one. The
# other lengths fall in classes that grow by a factor of about 1.4, and
# neighbouring classes merge where a tier more would cost more than it saves.
_SHARED: Final = 128
"""A length is a tier of its own when one record in this many has it (and 32 at least)."""
_TIER_COST: Final = 16
"""What searching one more tier costs, in records checked one by one."""
_MONTH: Final = 27
"""The fewest days a month's range spans, after its first (February)."""


class Dates:
    """The day ranges of a sequence of records, in tiers, for period searches.

    Records are known by their rank: their index in ``firsts`` and ``lasts``
    (their first and last days; an undated record's first comes after its
    last, and an open end is one of the infinities), and by their position in
    the base (``positions``, by rank; without it, the rank). Bounded ranges
    are tiered by length, so that a few long ones (decades) do not widen the
    band of records to check at the edges of a period for the many short
    ones; ranges with an open end or an unknown start have a tier each,
    sorted by their known end.
    """

    __slots__ = ("_tiers", "size", "undated")

    def __init__(
        self, firsts: Sequence[int], lasts: Sequence[int], positions: Sequence[int] | None = None
    ) -> None:
        size = self.size = len(firsts)
        undated: list[int] = []
        open_end: list[int] = []
        open_start: list[int] = []
        by_length: dict[int, list[int]] = {}
        appenders: dict[int, Callable[[int], None]] = {}
        neg_inf, pos_inf = _NEG_INF, _POS_INF
        for rank, lo, hi in zip(range(size), firsts, lasts, strict=True):
            if neg_inf < lo <= hi < pos_inf:
                try:
                    appenders[hi - lo](rank)
                except KeyError:
                    group = by_length[hi - lo] = [rank]
                    appenders[hi - lo] = group.append
            elif lo > hi:
                undated.append(rank)
            elif hi >= pos_inf:
                open_end.append(rank)
            else:
                open_start.append(rank)
        self.undated = array("i", undated)
        tiers = [
            _Tier(group, firsts, lasts, positions, lengths=lengths)
            for group, lengths in _grouped(by_length, firsts)
        ]
        if open_end:
            tiers.append(_Tier(open_end, firsts, lasts, positions, fixed=_POS_INF))
        if open_start:
            tiers.append(_Tier(open_start, firsts, lasts, positions, by_last=True, fixed=_NEG_INF))
        self._tiers = tuple(tiers)

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int] | None]) -> Dates:
        """The date index of these spans (``None``: undated), ranked in order."""
        days = [(_HIGH, _LOW) if span is None else span for span in spans]
        return cls([lo for lo, _ in days], [hi for _, hi in days])

    def search(self, mode: str, lo: int, hi: int, certain: bool) -> list[int]:
        """Ranks of the records that match a period filter (unsorted)."""
        a, b, c, d = box(mode, lo, hi, certain)
        found: list[int] = []
        for tier in self._tiers:
            i, j, k, m = tier.cut(a, b, c, d)
            found.extend(tier.ranks[j:k])
            if i < j or k < m:
                found.extend(_checked(tier, i, j, k, m, a, b, c, d, True, tier.ranks))
        return found

    def find(self, mode: str, lo: int, hi: int, certain: bool) -> tuple[list[int], bool]:
        """The records that match a period filter, or those that do not, in order.

        Returns ``(positions, True)``: the positions of the matches, or
        ``(ranks, False)``: the ranks of the records that do not match. The
        shorter list is made: most records match a broad period, and finding
        the few that do not is cheap.
        """
        a, b, c, d = box(mode, lo, hi, certain)
        cuts = [(tier, tier.cut(a, b, c, d)) for tier in self._tiers]
        sure = edges = 0
        for _, (i, j, k, m) in cuts:
            sure += k - j
            edges += m - i - k + j
        found: list[int]
        if sure + edges <= self.size - sure:
            found = []
            for tier, (i, j, k, m) in cuts:
                found.extend(tier.positions[j:k])
                if i < j or k < m:
                    found.extend(_checked(tier, i, j, k, m, a, b, c, d, True, tier.positions))
            found.sort()
            return found, True
        found = list(self.undated)
        for tier, (i, j, k, m) in cuts:
            ranks = tier.ranks
            found.extend(ranks[:i])
            found.extend(ranks[m:])
            if i < j or k < m:
                found.extend(_checked(tier, i, j, k, m, a, b, c, d, False, ranks))
        found.sort()
        return found, False


def _checked(
    tier: _Tier,
    i: int,
    j: int,
    k: int,
    m: int,
    a: int,
    b: int,
    c: int,
    d: int,
    keep: bool,
    ranks: Sequence[int],
) -> list[int]:
    """Of the bands [i, j) and [k, m), those whose other end is (``keep``) or is not in bounds.

    ``ranks`` says what to return of each: the tier's ranks or positions.
    """
    others = tier.others
    if others is None:
        return []
    low, high = tier.band(a, b, c, d)
    band = (*range(i, j), *range(k, m))
    if keep:
        return [ranks[x] for x in band if low <= others[x] <= high]
    return [ranks[x] for x in band if not low <= others[x] <= high]


def _grouped(
    by_length: dict[int, list[int]], firsts: Sequence[int]
) -> list[tuple[list[int], tuple[int, int]]]:
    """Ranks by length, as tiers: (ranks, (shortest, longest)).

    A tier of ``n`` ranges whose lengths differ by up to ``w`` days checks
    about ``n * w / extent`` of them at each edge of a period, when they are
    spread over ``extent`` days (as the first days of the commonest length
    are); a shared length needs no check.
    """
    if not by_length:
        return []
    total = sum(map(len, by_length.values()))
    commonest = _pick(firsts, max(by_length.values(), key=len))
    extent = max(max(commonest) - min(commonest), 1)
    shared = max(total // _SHARED, 32)
    tiers: list[tuple[list[int], tuple[int, int]]] = []
    classes: dict[int, list[int]] = {}
    for length in sorted(by_length):
        # Intervals of days start on any day: a few days' difference in
        # length costs few checks. Months start on the first, years in
        # January, so a month's or a year's difference catches many.
        if len(by_length[length]) >= shared and not 0 < length < _MONTH:
            tiers.append((by_length[length], (length, length)))
        else:
            classes.setdefault((length * length).bit_length(), []).append(length)
    current: list[int] = []
    low = high = 0
    for number in sorted(classes):
        lengths = classes[number]
        count = sum(len(by_length[n]) for n in lengths)
        if current:
            apart = (len(current) * (high - low) + count * (lengths[-1] - lengths[0])) / extent
            merged = (len(current) + count) * (lengths[-1] - low) / extent
            if merged <= apart + _TIER_COST:
                for n in lengths:
                    current.extend(by_length[n])
                high = lengths[-1]
                continue
            tiers.append((current, (low, high)))
        current = [rank for n in lengths for rank in by_length[n]]
        low, high = lengths[0], lengths[-1]
    if current:
        tiers.append((current, (low, high)))
    return tiers


# -- keys ---------------------------------------------------------------------------


class Subset:
    """The records that have one key (or all of a base's), in dataset order.

    ``positions`` are their positions in the base; a record's rank is its
    index there. Their days, their date index and the records or ids in this
    order are built when first needed.

    A period is searched among them by a plain comparison of their days the
    first time, and through their date index (`Dates`, built from the days
    that search read) from the second on: a key asked about once costs a pass
    over its days, not an index, and a key asked about again has one.
    """

    __slots__ = ("_dates", "_days", "_items", "positions")

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self._dates: Dates | None = None
        self._days: tuple[Sequence[int], Sequence[int]] | None = None
        self._items: dict[str, tuple[Any, ...]] = {}

    def __len__(self) -> int:
        return len(self.positions)

    def _whole(self) -> bool:
        """Whether these are every record of the base (ranks are positions)."""
        positions = self.positions
        return isinstance(positions, range) and positions.start == 0

    def days(self, base: Base[Any]) -> tuple[Sequence[int], Sequence[int]]:
        """The first and last day of each record, by rank (see `days_of`)."""
        found = self._days
        if found is None:
            found = base.days() if self._whole() else base.days_at(self.positions)
            if self._dates is None:
                self._days = found  # for the date index, if it is built
        return found

    def dates(self, base: Base[Any]) -> Dates:
        """The date index of these records (built at the first call)."""
        dates = self._dates
        if dates is None:
            firsts, lasts = self.days(base)
            dates = self._dates = Dates(firsts, lasts, None if self._whole() else self.positions)
            self._days = None  # the index holds them now
        return dates

    def find(
        self, base: Base[Any], mode: str, lo: int, hi: int, certain: bool
    ) -> tuple[list[int], bool]:
        """The records that match a period filter, or those that do not (see `Dates.find`).

        The first search compares every record's days (`scan`); the later ones
        use the date index, built at the second.
        """
        if self._dates is None and self._days is None:
            firsts, lasts = self.days(base)
            return scan(firsts, lasts, self.positions, mode, lo, hi, certain)
        return self.dates(base).find(mode, lo, hi, certain)

    def items(self, base: Base[Any], what: str) -> tuple[Any, ...]:
        """The records (``what="records"``) or their ids (``"ids"``), in this order."""
        found = self._items.get(what)
        if found is None:
            found = self._items[what] = base.pick(what, self.positions)
        return found


def scan(
    firsts: Sequence[int],
    lasts: Sequence[int],
    positions: Sequence[int],
    mode: str,
    lo: int,
    hi: int,
    certain: bool,
) -> tuple[list[int], bool]:
    """`Dates.find` without an index: every record's days compared with the period's bounds.

    Returns the positions of the matches (``True``) or, when most records
    match, the ranks of those that do not (``False``), each in order.
    """
    a, b, c, d = box(mode, lo, hi, certain)
    # An undated record's first day comes after its last: it never matches.
    matches = [a <= x <= b and c <= y <= d and x <= y for x, y in zip(firsts, lasts, strict=True)]
    kept = matches.count(True)
    if kept <= len(matches) - kept:
        return list(compress(positions, matches)), True
    return list(compress(range(len(matches)), map(not_, matches))), False


def _pick(items: Sequence[Any], indexes: Sequence[int]) -> tuple[Any, ...]:
    """The items at these indexes, as a tuple."""
    if len(indexes) > 1:
        return itemgetter(*indexes)(items)  # type: ignore[no-any-return]
    return tuple(items[i] for i in indexes)


class Hits:
    """The records a chain of filters keeps, in dataset order.

    Either ``positions`` (their positions in the base, increasing), or the
    records of a `Subset` but those of the ranks ``excluded`` (increasing):
    a broad answer is a key's records with a few cut out. A base remembers
    the hits of the chains it has run.
    """

    __slots__ = ("_positions", "excluded", "subset")

    def __init__(
        self,
        subset: Subset,
        *,
        positions: tuple[int, ...] | range | None = None,
        excluded: Sequence[int] = (),
    ) -> None:
        self.subset = subset
        self._positions = positions
        self.excluded = excluded

    def __len__(self) -> int:
        if self._positions is not None:
            return len(self._positions)
        return len(self.subset) - len(self.excluded)

    @property
    def weight(self) -> int:
        """About how many bytes remembering it holds."""
        positions = self._positions
        if positions is None:
            return 4 * len(self.excluded) + 64
        return 64 if isinstance(positions, range) else 36 * len(positions) + 64

    def _joined(self, items: Sequence[Any]) -> list[Any]:
        """The kept items of a sequence in the subset's order (slices between the excluded)."""
        joined: list[Any] = []
        start = 0
        for rank in self.excluded:
            if rank > start:
                joined += items[start:rank]
            start = rank + 1
        joined += items[start:]
        return joined

    def positions(self) -> Positions:
        """The positions of the records in the base, increasing."""
        found = self._positions
        if found is not None:
            return found
        within = self.subset.positions
        if not self.excluded:
            return within
        return tuple(self._joined(within))

    def take(self, base: Base[Any], what: str) -> tuple[Any, ...]:
        """The records (``what="records"``) or their ids (``"ids"``), in dataset order."""
        positions = self._positions
        if positions is not None:
            return base.pick(what, positions)
        items = self.subset.items(base, what)
        if not self.excluded:
            return items
        return tuple(self._joined(items))


class _Family:
    """One family of keys: each key's own positions, and the keys a key widens to.

    ``own`` maps a key to the positions of the records that have it
    themselves; ``within`` maps a key to the other keys whose records also
    have it (a country: its people; a place: the places inside it).
    """

    __slots__ = ("_widened", "own", "selves", "within")

    def __init__(
        self,
        own: Mapping[str, Positions],
        within: dict[str, list[str]],
        selves: Mapping[str, Positions] | None = None,
    ) -> None:
        self.own = own
        self.within = within
        self.selves = selves or {}
        self._widened: dict[str, Subset] = {}

    def keys(self) -> set[str]:
        """Every key some record has."""
        return {*self.own, *self.within, *self.selves}

    def sources(self, record_key: str) -> list[Positions]:
        """The positions whose union is a key's positions."""
        own = self.own
        found = [own[k] for k in (record_key, *self.within.get(record_key, ())) if k in own]
        itself = self.selves.get(record_key)
        if itself is not None:
            found.append(itself)
        return found

    def size(self, record_key: str) -> int:
        """How many records have the key, or an upper bound before it is built."""
        found = self._widened.get(record_key)
        if found is not None:
            return len(found)
        return sum(map(len, self.sources(record_key)))

    def subset(self, record_key: str) -> Subset:
        found = self._widened.get(record_key)
        if found is None:
            sources = self.sources(record_key)
            if not sources:
                positions: Positions = array("i")
            elif len(sources) == 1:
                positions = sources[0]
            else:
                union: set[int] = set()
                for source in sources:
                    union.update(source)
                positions = array("i", sorted(union))
            found = self._widened[record_key] = Subset(positions)
        return found


def _arrays(index: dict[str, list[int]]) -> dict[str, array[int]]:
    """Lists of positions as arrays (4 bytes a position)."""
    return {k: array("i", positions) for k, positions in index.items()}


def _actor_family(records: Sequence[Entity], lookup: Lookup) -> _Family:
    """Actors: the actors each record names, widened to their countries; actors themselves.

    Each actor's positions are a list, appended to through a ``defaultdict``:
    its missing keys are filled in C, with no exception raised per new actor
    (the pass is most of a first actor query's time). A list costs 8 bytes a
    position instead of an array's 4, but is faster to append to and create.
    """
    grouped: defaultdict[str, list[int]] = defaultdict(list)
    classes: set[type[Entity]] = set(map(type, records))
    if len(classes) == 1 and next(iter(classes))._actor_fields == (("participants", None),):
        # Meetings, happenings: read as an attribute, the fastest way. The
        # model refuses an actor listed twice among one record's participants.
        for position, record in enumerate(records):
            for participant in record.participants:  # type: ignore[attr-defined]
                grouped[participant.who].append(position)
    else:
        for position, record in enumerate(records):
            for who in dict.fromkeys(actor_ids(record)):
                grouped[who].append(position)
    named = dict(grouped)  # a plain mapping: looking up a missing actor adds nothing
    selves: dict[str, list[int]] = {}
    if any(cls.is_actor for cls in classes):
        for position, record in enumerate(records):
            if record.is_actor:
                selves.setdefault(record.id, []).append(position)
    within: dict[str, list[str]] = {}
    for actor in named:
        country = country_of(actor, lookup)
        if country is not None and country != actor:
            within.setdefault(country, []).append(actor)
    return _Family(named, within, _arrays(selves))


def _place_family(records: Sequence[Entity], lookup: Lookup) -> _Family:
    """Places: where each record is; a place widens to every place around it."""
    own: dict[str, list[int]] = {}
    for position, site in enumerate(_sites_of(records)):
        if site is not None:
            found = own.get(site)
            if found is None:
                own[site] = [position]
            else:
                found.append(position)
    within: dict[str, list[str]] = {}
    for site in own:
        for around in place_keys(site, lookup):
            if around != site:
                within.setdefault(around, []).append(site)
    return _Family(_arrays(own), within)


def _kind_family(records: Sequence[Entity]) -> _Family:
    """Kinds: each record's category."""
    own: dict[str, list[int]] = {}
    for position, kind in enumerate(map(_CATEGORY, records)):
        if kind is not None:
            found = own.get(kind)
            if found is None:
                own[kind] = [position]
            else:
                found.append(position)
    return _Family(_arrays(own), {})


_MEMO_CHAINS: Final = 256
"""At most this many chains' hits are remembered by a base ..."""
_MEMO_BYTES: Final = 32
"""... holding at most about this many bytes a record of the base, all told."""


class Base(Generic[T]):
    """The records a family of collections is drawn from, with their indexes.

    Every index is built at most once, the first time a filter needs it. The
    records never change, so neither do the answers: the hits of chains of
    keys and periods are remembered (the most recent ones, within bounds).
    """

    __slots__ = (
        "_asked",
        "_by_id",
        "_citations",
        "_classes",
        "_columns",
        "_days",
        "_days_read",
        "_families",
        "_keys",
        "_members",
        "_memo",
        "_memo_weight",
        "_names",
        "_paragraphs",
        "_spans",
        "context",
        "everything",
        "records",
    )

    def __init__(self, records: tuple[T, ...], context: Lookup) -> None:
        self.records = records
        self.context = context
        self.everything = Subset(range(len(records)))
        self._by_id: dict[str, int] | None = None
        self._classes: frozenset[type[T]] | None = None
        self._spans: list[tuple[int, int] | None] | None = None
        self._days: tuple[array[int], array[int]] | None = None
        self._days_read = 0
        self._columns: dict[str, tuple[Any, ...]] = {"records": records}
        self._asked = False
        self._families: dict[str, _Family] = {}
        self._keys: dict[str, list[frozenset[str]]] = {}
        self._members: dict[tuple[str, frozenset[str]], bytearray] = {}
        self._memo: dict[tuple[Filter, ...], Hits] = {}
        self._memo_weight = 0
        self._names: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._paragraphs: list[frozenset[tuple[str | None, int, Basis]]] | None = None
        self._citations: list[frozenset[Citation]] | None = None

    def by_id(self) -> dict[str, int]:
        if self._by_id is None:
            self._by_id = {record.id: position for position, record in enumerate(self.records)}
        return self._by_id

    def classes(self) -> frozenset[type[T]]:
        """The classes of the records (read once: a query's arguments are checked against them)."""
        if self._classes is None:
            self._classes = frozenset(map(type, self.records))
        return self._classes

    def spans(self) -> list[tuple[int, int] | None]:
        """Each record's `Entity.span`."""
        if self._spans is None:
            self._spans = spans_of(self.records)
        return self._spans

    def days(self) -> tuple[array[int], array[int]]:
        """Each record's first and last day (see `days_of`)."""
        if self._days is None:
            self._days = days_of(self.records)
        return self._days

    def days_at(self, positions: Positions) -> tuple[array[int], array[int]]:
        """The first and last days of the records at these positions (see `days_of`).

        A key's date index needs only its own records' days, so they are read
        from those records alone, until as many records have been read that
        way as the base holds; from then on (or once `days` is built) they are
        picked from the days of every record, read once.
        """
        if self._days is None:
            self._days_read += len(positions)
            if self._days_read <= len(self.records):
                return days_of(_pick(self.records, positions))
        firsts, lasts = self.days()
        return array("i", _pick(firsts, positions)), array("i", _pick(lasts, positions))

    def dates(self) -> Dates:
        """The date index of every record (ranks are positions)."""
        return self.everything.dates(self)

    def column(self, what: str) -> tuple[Any, ...]:
        """The records (``"records"``) or their ids (``"ids"``), in dataset order."""
        found = self._columns.get(what)
        if found is None:
            found = self._columns[what] = tuple(map(_ID, self.records))
        return found

    def pick(self, what: str, positions: Positions) -> tuple[Any, ...]:
        """The records or ids at these positions.

        The first few ids asked for are read from their records; the ids of
        every record are gathered (once) when they are asked for again.
        """
        if isinstance(positions, range):
            return self.column(what)[positions.start : positions.stop]
        if what in self._columns or self._asked:
            return _pick(self.column(what), positions)
        self._asked = True
        return tuple(map(_ID, _pick(self.records, positions)))

    def family(self, family: str) -> _Family:
        found = self._families.get(family)
        if found is None:
            if family == "actor":
                found = _actor_family(self.records, self.context)
            elif family == "place":
                found = _place_family(self.records, self.context)
            else:
                found = _kind_family(self.records)
            self._families[family] = found
        return found

    def subset(self, family: str, record_key: str) -> Subset:
        """The records that have a key, in dataset order."""
        return self.family(family).subset(record_key)

    def positions(self, family: str, record_key: str) -> Positions:
        """The positions, in dataset order, of the records that have a key."""
        return self.subset(family, record_key).positions

    def keyed_dates(self, family: str, record_key: str) -> Dates:
        """The date index of just the records that have one key (ranks: their indexes there)."""
        return self.subset(family, record_key).dates(self)

    def index(self, family: str) -> dict[str, Positions]:
        """Every key of a family -> the positions of its records (every key built)."""
        found = self.family(family)
        return {k: found.subset(k).positions for k in sorted(found.keys())}

    def keys(self, family: str) -> list[frozenset[str]]:
        """Each record's keys of one family, from the facets, record by record."""
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

    def members(self, family: str, keys: frozenset[str]) -> bytearray:
        """One byte a record: 1 where it has any of ``keys``."""
        found = self._members.get((family, keys))
        if found is None:
            found = bytearray(len(self.records))
            for record_key in keys:
                deque(map(found.__setitem__, self.positions(family, record_key), repeat(1)), 0)
            self._members[family, keys] = found
        return found

    def recall(self, chain: tuple[Filter, ...]) -> Hits | None:
        """The hits of a chain run before, if remembered."""
        return self._memo.get(chain)

    def remember(self, chain: tuple[Filter, ...], hits: Hits) -> None:
        """Remember a chain's hits, forgetting the first remembered beyond the bounds."""
        memo = self._memo
        weight = hits.weight
        budget = _MEMO_BYTES * len(self.records) + 65536
        if weight > budget or chain in memo:
            return
        try:
            while memo and (len(memo) >= _MEMO_CHAINS or self._memo_weight + weight > budget):
                self._memo_weight -= memo.pop(next(iter(memo))).weight
        except (RuntimeError, KeyError, StopIteration):  # changed by another thread meanwhile
            return
        memo[chain] = hits
        self._memo_weight += weight

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


@attrs.frozen(cache_hash=True)
class Keyed:
    """Records that have any of ``keys`` in ``family``."""

    family: str
    keys: frozenset[str]

    def estimate(self, base: Base[Any]) -> int:
        family = base.family(self.family)
        return sum(family.size(k) for k in self.keys)

    def match(self, base: Base[Any], position: int) -> bool:
        return bool(base.members(self.family, self.keys)[position])


@attrs.frozen(cache_hash=True)
class Period:
    """Records whose date falls during, before or after a period."""

    mode: Literal["during", "before", "after"]
    lo: int
    hi: int
    certain: bool

    def search(self, dates: Dates) -> list[int]:
        return dates.search(self.mode, self.lo, self.hi, self.certain)

    def match(self, base: Base[Any], position: int) -> bool:
        firsts, lasts = base.days()
        a, b = firsts[position], lasts[position]
        if a > b:
            return False  # undated
        lo, hi = self.lo, self.hi
        if self.mode == "during":
            return (a >= lo and b <= hi) if self.certain else (a <= hi and b >= lo)
        if self.mode == "before":
            return b < lo if self.certain else a < lo
        return a > hi if self.certain else b > hi

    def select(self, base: Base[Any], positions: Sequence[int]) -> list[int]:
        """The positions, of these (in order), of the records that pass."""
        match = self.match
        return [p for p in positions if match(base, p)]


Bulk: TypeAlias = Callable[[Sequence[Any]], Iterable[object]]
"""Many records' truths of a test at once: one for each record given, in order."""


@attrs.frozen(eq=False)
class Check:
    """Records for which a function of the record holds (no index).

    ``bulk``, where given, gives the truth of ``test`` for many records at
    once (such as a ``map`` of C functions over them), in the same order.
    """

    test: Callable[[Any], bool]
    bulk: Bulk | None = None

    def match(self, base: Base[Any], position: int) -> bool:
        return self.test(base.records[position])

    def select(self, base: Base[Any], positions: Sequence[int]) -> list[int]:
        """The positions, of these (in order), of the records that pass."""
        records = base.records
        if not (isinstance(positions, range) and positions == range(len(records))):
            records = _pick(records, positions)
        flags = map(self.test, records) if self.bulk is None else self.bulk(records)
        return list(compress(positions, flags))


@attrs.frozen(eq=False)
class PositionCheck:
    """Records for which a function of the base and position holds (no index)."""

    test: Callable[[Base[Any], int], bool]

    def match(self, base: Base[Any], position: int) -> bool:
        return self.test(base, position)

    def select(self, base: Base[Any], positions: Sequence[int]) -> list[int]:
        """The positions, of these (in order), of the records that pass."""
        test = self.test
        return [p for p in positions if test(base, p)]


Filter = Keyed | Period | Check | PositionCheck


def _searched(subset: Subset, base: Base[Any], period: Period) -> Hits:
    """The hits of a period among a subset's records (see `Subset.find`)."""
    found, matching = subset.find(base, period.mode, period.lo, period.hi, period.certain)
    if matching:
        return Hits(base.everything, positions=tuple(found))
    return Hits(subset, excluded=array("i", found))


_REMEMBERED: Final = (Keyed, Period)
"""Filters equal by value: a chain of them is asked again as an equal chain."""


def plan_chain(base: Base[Any], filters: tuple[Filter, ...]) -> Hits:
    """The hits of a chain of filters: the records that pass every one, in dataset order."""
    remembered = bool(filters) and all(type(f) in _REMEMBERED for f in filters)
    if remembered:
        found = base.recall(filters)
        if found is not None:
            return found
    keyed = [f for f in filters if isinstance(f, Keyed)]
    periods = [f for f in filters if isinstance(f, Period)]
    used: list[Filter] = []
    hits: Hits
    if keyed:
        driver = min(keyed, key=lambda f: f.estimate(base))
        used.append(driver)
        period = periods[0] if periods else None
        if period is not None:
            used.append(period)
        if len(driver.keys) == 1:
            (record_key,) = driver.keys
            subset = base.subset(driver.family, record_key)
            hits = Hits(subset) if period is None else _searched(subset, base, period)
        else:
            union: set[int] = set()
            for record_key in driver.keys:
                subset = base.subset(driver.family, record_key)
                if period is None:
                    union.update(subset.positions)
                else:
                    union.update(_searched(subset, base, period).positions())
            hits = Hits(base.everything, positions=tuple(sorted(union)))
    elif periods:
        used.append(periods[0])
        hits = _searched(base.everything, base, periods[0])
    else:
        hits = Hits(base.everything, positions=range(len(base.records)))
    rest = [f for f in filters if not any(f is u for u in used)]
    if rest:
        positions: Iterable[int] = hits.positions()
        for step in rest:
            if isinstance(step, Keyed):
                members = base.members(step.family, step.keys)
                kept = list(positions)
                positions = list(compress(kept, map(members.__getitem__, kept)))
            else:
                given = positions if isinstance(positions, range | list) else list(positions)
                positions = step.select(base, given)
        hits = Hits(base.everything, positions=tuple(positions))
    if remembered:
        base.remember(filters, hits)
    return hits


def select(base: Base[Any], filters: tuple[Filter, ...]) -> list[int]:
    """The positions, in dataset order, of the records that pass every filter."""
    return list(plan_chain(base, filters).positions())


def bounds(value: object, where: str = "period") -> tuple[int, int]:
    """The first and last day of a period argument, as day ordinals.

    Raises:
        ArgumentError: ``value`` is not a period (``where`` names the argument).

    """
    return period(value, where)
