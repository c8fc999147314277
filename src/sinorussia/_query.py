"""Typed, immutable, chainable collections of records.

A [`Collection`][sinorussia.Collection] is a read-only `Sequence` of one
record type. Its filters (``involving``, ``during``, ``at``, ``of_kind`` ...)
return new collections and chain; they are lazy: a chain is planned and run
once, the first time its records are needed, by the index (``_index``).

Dates are partial, so a period asks one of two questions: does a record
*possibly* fall in it (its range of days overlaps the period: the default) or
*certainly* (its range lies inside: ``certain=True``). Every certain answer is
also a possible one: each filter's certain test includes its possible test.

Every method checks its arguments when it is called, before any filter runs
(``_types``): a bad one raises [`ArgumentError`][sinorussia.ArgumentError], never a
failure later, when the lazy chain runs.
"""

from __future__ import annotations

import enum
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Generic,
    Literal,
    NoReturn,
    TypeVar,
    cast,
    overload,
)
from typing import get_origin as typing_origin

import attrs

from ._dates import _NEG_INF, _POS_INF
from ._errors import Ambiguous, ArgumentError, NotFound, shown
from ._index import (
    Base,
    Bulk,
    Check,
    Filter,
    Hits,
    Keyed,
    Period,
    PositionCheck,
    bounds,
    plan_chain,
)
from ._model import (
    RECORD_CLASSES,
    Citation,
    Country,
    Dating,
    Document,
    Entity,
    Office,
    Place,
    Project,
    Treaty,
)
from ._names import key, score
from ._plan import Step, plan
from ._types import (
    FieldValue,
    KindLike,
    PeriodLike,
    RecordRef,
    callable_of,
    choice,
    class_of,
    fail,
    field_value,
    flag,
    fraction,
    member,
    ref,
    text,
    whole,
)
from ._vocab import Basis, Confidence, OfficeStatus, ProjectStatus, TreatyKind

if TYPE_CHECKING:
    import pandas

__all__ = ["Collection", "Context", "Match", "find"]


T = TypeVar("T", bound=Entity)
U = TypeVar("U", bound=Entity)
D = TypeVar("D")
_MISSING: Any = object()


# -- the dataset context -------------------------------------------------------


class Context:
    """What filters need to know about the dataset a collection belongs to.

    It resolves ids and names, widens a person to their country (so a meeting
    of Xi Jinping involves China), and knows which places lie inside which.
    Collections made by a [`Dataset`][sinorussia.Dataset] have one; a collection
    built by hand has none and matches ids literally.
    """

    __slots__ = ("_registry", "cache")

    def __init__(self, registry: Mapping[str, Any]) -> None:
        self._registry = registry
        self.cache: dict[str, Any] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        return (Context, (dict(self._registry),))

    def get(self, id: str) -> Any:
        """The record with this id, or ``None``."""
        return self._registry.get(id)

    def resolve(
        self,
        value: RecordRef,
        *,
        what: str,
        classes: tuple[type, ...] = (),
        where: str = "resolve(value)",
    ) -> str:
        """The id of ``value``: a record, an id, or a name or alias.

        Names resolve among the records of ``classes`` only (every record when
        none are given), so "Xi" finds the person, not his office, when a
        person is wanted.

        Raises:
            NotFound: Nothing of ``classes`` answers to ``value``; the error
                suggests close names, and says what ``value`` is when it is
                the id of a record of another class.
            Ambiguous: Several records of ``classes`` answer equally well.
            ArgumentError: ``value`` is neither a record nor a string (``where``
                names the argument).

        """
        value = ref(value, where)
        record = self._registry.get(value)
        if record is not None and (not classes or isinstance(record, classes)):
            return value
        pool = self.pool(classes)
        try:
            found: str = pool._lookup(value, where, kind=what).id
        except Ambiguous:
            raise
        except NotFound as exc:
            note = None
            if record is not None:
                note = f"{shown(value)} is {_article(type(record).__name__.lower())}"
            raise NotFound(value, kind=what, suggestions=exc.suggestions, note=note) from None
        return found

    def pool(self, classes: tuple[type, ...] = ()) -> Collection[Any]:
        """Every record of ``classes`` (all records when none), built once per set of classes."""
        pools: dict[tuple[type, ...], Collection[Any]] = self.cache.setdefault("pools", {})
        found = pools.get(classes)
        if found is None:
            records: Iterable[Any] = self._registry.values()
            if classes:
                records = [r for r in records if isinstance(r, classes)]
            found = pools[classes] = Collection(records, kind="record", context=self)
        return found


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


_LITERAL: Final = Context({})


# -- results of searches --------------------------------------------------------


THRESHOLD: Final = 0.6
"""The least score ``search`` keeps unless told otherwise."""


@attrs.frozen
class Match(Generic[U]):
    """One result of ``Collection.search``.

    Attributes:
        record: The record found.
        score: How well it matched, from 0 to 1 (1: a name matched exactly).
        name: The name, alias or text that matched best.
        field: The field it is in: ``"name"``, ``"aliases"``, ``"id"``,
            ``"title"``, ``"text"``, ``"quote"`` ...

    """

    record: U
    score: float
    name: str
    field: str = "name"

    def _repr_html_(self) -> str:
        """The match as a one-row results table, for notebooks."""
        return Results([self])._repr_html_()


class Results(list[Match[U]]):
    """The matches of a search, best first: a list, with a table in notebooks."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(cell))}</td>"
                for cell in (f"{m.score:.2f}", m.record.id, type(m.record).__name__, m.name)
            )
            + "</tr>"
            for m in self
        )
        noun = "match" if len(self) == 1 else "matches"
        return (
            f"<p>{len(self)} {noun}</p><table><thead><tr><th>score</th><th>id</th>"
            f"<th>type</th><th>matched</th></tr></thead><tbody>{rows}</tbody></table>"
        )


def _names_of(record: Entity) -> Iterator[tuple[str, str]]:
    """The short names a record answers to, with their fields: names, aliases, id."""
    texts = record._text_fields
    for field in record._name_fields:
        value = getattr(record, field)
        if isinstance(value, str) and field not in texts:
            yield value, field
    for alias in getattr(record, "aliases", ()):
        yield alias, "aliases"
    yield record.id, "id"


def _text_score(words: list[str], text: str) -> float:
    """How well the query's words match a free text: 0.8 (a phrase), 0.7 (every word), or 0."""
    found = key(text).split()
    size = len(words)
    if any(found[i : i + size] == words for i in range(len(found) - size + 1)):
        return 0.8
    present = set(found)
    if all(
        word in present or (len(word) >= 4 and any(f.startswith(word) for f in found))
        for word in words
    ):
        return 0.7
    return 0.0


_CYRILLIC: Final = re.compile("[\u0400-\u04ff]")
_HAN: Final = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_ID_WEIGHT: Final = 0.85
_FIELD_RANK: Final = {"text": 1, "description": 1, "concerns": 1, "quote": 2, "topics": 3}
"""At equal scores: names and titles first, then texts, quotations and topic labels."""


def _script(name: str) -> str:
    """The script a name is written in, as far as names here go: Han, Cyrillic or Latin."""
    if _HAN.search(name):
        return "han"
    if _CYRILLIC.search(name):
        return "cyrillic"
    return "latin"


# -- the collection --------------------------------------------------------------


def _compared(
    op: Callable[[Any, Any], object], get: Callable[[Any], Any], value: object
) -> tuple[Callable[[Any], bool], Bulk]:
    """The test ``op(get(record), value)`` of one record, and of many at C speed (see `Check`)."""
    return (lambda record: bool(op(get(record), value))), (
        lambda records: map(op, map(get, records), repeat(value))
    )


class Collection(Sequence[T], Generic[T]):
    """An immutable, ordered collection of records of one type.

    Indexing, slicing, ``len`` and iteration work as for a tuple; a slice is a
    ``Collection`` again. Records keep dataset order. Every filter returns a
    new ``Collection`` and leaves this one as it is, so filters chain::

        ds.meetings.involving("xi-jinping", "vladimir-putin").during(2020)

    ``"some-id" in collection`` tests for an id; ``get`` fetches by id,
    ``lookup`` by name or alias, ``search`` ranks fuzzy matches.

    Examples:
        >>> ds.leaders.get("wang-yi").name
        'Wang Yi'
        >>> ds.leaders.get("wang-yl")
        Traceback (most recent call last):
        sinorussia.NotFound: no leader 'wang-yl'; did you mean 'wang-yi'?

    """

    __slots__ = ("_base", "_by_id", "_filters", "_hits", "_items", "_kind")

    _base: Base[T]
    _filters: tuple[Filter, ...]
    _hits: Hits | None
    _items: tuple[T, ...] | None
    _by_id: dict[str, T] | None
    _kind: str

    def __init__(
        self, items: Iterable[T] = (), *, kind: str = "record", context: Context | None = None
    ) -> None:
        given: object = items
        if not isinstance(given, Iterable) or isinstance(given, str | bytes):
            fail("Collection(items)", "an iterable of records", given)
        text(kind, "Collection(kind)")
        found: object = context
        if found is not None and not isinstance(found, Context):
            fail("Collection(context)", "a Context or None", found)
        init = object.__setattr__
        records = tuple(items)
        for record in records:
            item: object = record
            if not isinstance(item, Entity):
                fail("Collection(items)", "records only", item)
        init(self, "_base", Base(records, context or _LITERAL))
        init(self, "_filters", ())
        init(self, "_hits", None)
        init(self, "_items", records)
        init(self, "_by_id", None)
        init(self, "_kind", kind)

    def _derive(self, step: Filter) -> Collection[T]:
        derived = object.__new__(type(self))
        init = object.__setattr__
        init(derived, "_base", self._base)
        init(derived, "_filters", (*self._filters, step))
        init(derived, "_hits", None)
        init(derived, "_items", None)
        init(derived, "_by_id", None)
        init(derived, "_kind", self._kind)
        return derived

    @property
    def _ctx(self) -> Context:
        return cast(Context, self._base.context)

    def _selected(self) -> Hits:
        """Which of the base's records the chain keeps (planned once, see ``_index.plan_chain``)."""
        hits = self._hits
        if hits is None:
            hits = plan_chain(self._base, self._filters)
            object.__setattr__(self, "_hits", hits)
        return hits

    def _records(self) -> tuple[T, ...]:
        items = self._items
        if items is None:
            items = self._selected().take(self._base, "records")
            object.__setattr__(self, "_items", items)
        return items

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # -- Sequence ---------------------------------------------------------

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Collection[T]: ...
    def __getitem__(self, index: int | slice) -> T | Collection[T]:
        if isinstance(index, slice):
            try:
                return Collection(self._records()[index], kind=self._kind, context=self._ctx)
            except TypeError:
                fail("Collection[index]", "a slice of whole numbers or None", index)
        if isinstance(index, bool):
            fail("Collection[index]", "a whole number or a slice", index)
        try:
            position = operator.index(index)
        except TypeError:
            fail("Collection[index]", "a whole number or a slice", index)
        return self._records()[position]

    def __len__(self) -> int:
        return len(self._records())

    def __iter__(self) -> Iterator[T]:
        return iter(self._records())

    def __bool__(self) -> bool:
        return bool(self._records())

    def __contains__(self, item: object) -> bool:
        """Whether a record, or a record with that id, is in the collection."""
        if isinstance(item, str):
            return item in self._index()
        return item in self._records()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Collection):
            return self._records() == other._records()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._records())

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._records(), self._kind, self._ctx))

    # -- look-up ----------------------------------------------------------

    def _index(self) -> dict[str, T]:
        index = self._by_id
        if index is None:
            index = {item.id: item for item in self._records()}
            object.__setattr__(self, "_by_id", index)
        return index

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        if not self._filters:
            return self._base.column("ids")
        return self._selected().take(self._base, "ids")

    @overload
    def get(self, id: str) -> T: ...
    @overload
    def get(self, id: str, default: D) -> T | D: ...
    def get(self, id: str, default: Any = _MISSING) -> Any:
        """The record with this id.

        Args:
            id: The record's id, such as ``"wang-yi"``.
            default: Returned when there is no such record. Without it, a
                miss raises.

        Returns:
            The record, or ``default``.

        Raises:
            NotFound: No record has this id and no default was given; the
                error suggests close ids.
            ArgumentError: ``id`` is not a string (with or without a default).

        """
        text(id, "get(id)", longest=None)
        if default is _MISSING:
            return find(self._index(), id, kind=self._kind)
        return find(self._index(), id, default, kind=self._kind)

    def lookup(self, text: str) -> T:
        """The one record whose name, alias or id matches ``text``.

        Matching ignores case, spacing, punctuation and accents, and reads
        Cyrillic as Latin letters; a single word may match one word of a name
        (a surname). "Lavrov", "LAVROV ", "Sergey Lavrov" and "Лавров" all
        find Sergei Lavrov.

        Raises:
            NotFound: Nothing matches; the error suggests close names.
            Ambiguous: Several records match equally well (a ``NotFound``
                too); the error lists them.
            ArgumentError: ``text`` is not a string, or is longer than 1,000
                characters.

        Examples:
            >>> ds.leaders.lookup("Лавров").id
            'sergei-lavrov'

        """
        return self._lookup(text, "lookup(text)")

    def _lookup(self, wanted_text: object, where: str, *, kind: str | None = None) -> T:
        text = _text(wanted_text, where)
        noun = self._kind if kind is None else kind
        wanted = key(text)
        full, words = self._base.names()
        allowed = None if not self._filters else set(self._index())
        for positions in (
            full.get(wanted, []),
            _all_words(words, wanted.split()),
        ):
            records = self._base.records
            found = [records[p] for p in positions if allowed is None or records[p].id in allowed]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise Ambiguous(text, kind=noun, candidates=[r.id for r in found])
        suggestions = [m.record.id for m in self._search(text, 3, names_only=True)]
        raise NotFound(text, kind=noun, suggestions=suggestions)

    def search(
        self, text: str, *, limit: int | None = 10, threshold: float = THRESHOLD
    ) -> Results[T]:
        """Records ranked by how well their names, titles or texts match ``text``.

        Each record scores its best match, from 0 to 1:

        - a name, alias or id: 1 for the same name (ignoring case, accents
          and punctuation, reading Cyrillic as Latin letters), 0.9 for one
          word of it (a surname) or all of its words, 0.8 for the start of a
          word, and up to 0.85 for a close spelling;
        - a title, a description, a statement's text or quotation, or a
          topic (full text): 0.8 when ``text`` appears in it as a phrase,
          0.7 when each of its words does (a word may also be the start of
          a longer one, from four letters: "pipe" finds "pipeline").

        Args:
            text: What to look for: a name or part of one, a misspelling, an
                alias, or words of a title or statement (at most 1,000
                characters).
            limit: At most this many results (``None``: every match).
            threshold: The least score kept (``0.6`` unless given: a close
                spelling such as "Lavorv" for "Lavrov" is kept, a chance
                resemblance is not).

        Returns:
            The matches, best first. At equal scores people, countries,
            organisations and places come before the records about them,
            names and titles before texts, quotations and topics, then ids
            in order, so the ranking is deterministic. Each match
            shows the name or text that matched best; at equal scores, one
            written as ``text`` is (in the same script), then the record's
            own name before its aliases.

        Raises:
            ArgumentError: ``text`` is not a string or is too long, ``limit``
                is neither ``None`` nor a whole number of at least 0, or
                ``threshold`` is not a number from 0 to 1.

        Examples:
            >>> [m.record.id for m in ds.search("lavorv")]
            ['sergei-lavrov']

        """
        wanted = _text(text, "search(text)")
        if limit is not None:
            limit = whole(limit, "search(limit)", least=0)
        floor = fraction(threshold, "search(threshold)")
        return self._search(wanted, limit, floor)

    def _search(
        self,
        text: str,
        limit: int | None,
        threshold: float = THRESHOLD,
        *,
        names_only: bool = False,
    ) -> Results[T]:
        script = _script(text)
        words = key(text).split()
        results: list[Match[T]] = []
        least = max(threshold, 1e-9)
        for record in self._records():
            # The record scores its best match. The name shown is the best one
            # written in the query's script (Latin, Cyrillic, Chinese) if any
            # is kept, then the best of any script; at equal scores the name
            # the record gives first (its own name, then aliases, then id).
            best = 0.0
            shown_rank: tuple[bool, float, int] = (False, 0.0, 0)
            shown_name, field = "", ""
            order = 0
            for order, (name, where) in enumerate(_names_of(record), start=1):
                # A name changes nothing unless it scores above the best so
                # far, or is in the query's script when the name shown is not:
                # no lower score needs to be exact.
                floor = shown_rank[1] if shown_rank[0] else least
                if where == "id":
                    floor /= _ID_WEIGHT
                found = score(text, (name,), floor=floor - 1e-6)
                if where == "id" and found < 1.0:
                    found *= _ID_WEIGHT  # an id is a last resort, below a title's phrase
                if found < least:
                    continue
                best = max(best, found)
                rank = (_script(name) == script, found, -order)
                if rank > shown_rank:
                    shown_rank, shown_name, field = rank, name, where
            if not names_only and words:
                for where, name in record.texts:
                    order += 1
                    found = _text_score(words, name)
                    if found < least:
                        continue
                    best = max(best, found)
                    rank = (_script(name) == script, found, -order)
                    if rank > shown_rank:
                        shown_rank, shown_name, field = rank, name, where
            if best >= least:
                results.append(Match(record, round(best, 4), shown_name, field))
        results.sort(
            key=lambda m: (
                -m.score,
                _RANK.get(type(m.record), 1),
                _FIELD_RANK.get(m.field, 0),
                m.record.id,
            )
        )
        return Results(results if limit is None else results[:limit])

    # -- filters ----------------------------------------------------------

    def involving(self, *who: RecordRef, match: Literal["all", "any"] = "all") -> Collection[T]:
        """Records that involve these people, countries or organisations.

        A record involves its participants (meetings, happenings), parties and
        signatories (treaties), speaker and subjects (statements), holder and
        state (offices), parties (projects), and the countries of all of
        these: a meeting of Xi Jinping involves China.

        Args:
            who: People, countries or organisations: ids, names, aliases or
                records ("Xi", "Wang Yi", "Россия"). Names resolve among
                these only, so "Xi" is the person, not his office.
            match: ``"all"`` (the default): every one of them is involved;
                ``"any"``: at least one is.

        Raises:
            NotFound: One of ``who`` is no person, country or organisation of
                the dataset (a place or a treaty id is not: the error says
                what it is, and suggests close names).
            Ambiguous: A name fits several of them equally well.
            ArgumentError: No one is given, one of ``who`` is neither a string
                nor a record, or ``match`` is neither ``"all"`` nor ``"any"``.

        """
        how = choice(match, "involving(match)", ("all", "any"))
        if not who:
            raise ArgumentError("involving() needs at least one person, country or organisation")
        context = self._ctx
        ids = [
            context.resolve(
                w, what="person, country or organisation", classes=_ACTORS, where="involving(who)"
            )
            if context is not _LITERAL
            else ref(w, "involving(who)")
            for w in who
        ]
        if how == "any":
            return self._derive(Keyed("actor", frozenset(ids)))
        result = self
        for record_id in dict.fromkeys(ids):
            result = result._derive(Keyed("actor", frozenset((record_id,))))
        return result

    def during(self, period: PeriodLike, *, certain: bool = False) -> Collection[T]:
        """Records whose date possibly (or, with ``certain``, certainly) falls in ``period``.

        Args:
            period: A year (``2020``), an EDTF string (``"2020-04"``,
                ``"2013/2015"``), a ``date``, a pendulum ``Date`` or
                ``Interval``, a ``(start, end)`` pair, or a ``Dating``.
            certain: Only records that certainly fall in the period: their
                whole range of possible days lies inside it. By default a
                record matches if it may fall in it (the ranges overlap).

        Raises:
            ArgumentError: ``period`` is not a period (a bad EDTF string, a
                float, a bool ...), or ``certain`` is not a bool.

        Examples:
            >>> len(ds.meetings.during(2020))  # "in 2020", and "2013-03/2021"
            8
            >>> len(ds.meetings.during(2020, certain=True))
            2

        """
        return self._period("during", period, certain)

    def before(self, when: PeriodLike, *, certain: bool = False) -> Collection[T]:
        """Records that possibly (or certainly) happened before ``when`` began.

        Raises:
            ArgumentError: ``when`` is not a period, or ``certain`` not a bool.

        """
        return self._period("before", when, certain)

    def after(self, when: PeriodLike, *, certain: bool = False) -> Collection[T]:
        """Records that possibly (or certainly) happened after ``when`` ended.

        Raises:
            ArgumentError: ``when`` is not a period, or ``certain`` not a bool.

        """
        return self._period("after", when, certain)

    def _period(
        self, mode: Literal["during", "before", "after"], when: object, certain: object
    ) -> Collection[T]:
        name = "period" if mode == "during" else "when"
        lo, hi = bounds(when, f"{mode}({name})")
        return self._derive(Period(mode, lo, hi, flag(certain, f"{mode}(certain)")))

    def at(self, place: RecordRef) -> Collection[T]:
        """Records located at ``place`` or anywhere inside it.

        Red Square lies in Moscow, which lies in Russia, so ``at("russia")``
        finds the 2015 parade.

        Args:
            place: A place or country: an id, a name, an alias or the record.

        Raises:
            NotFound: ``place`` is no place or country of the dataset (a
                person is not: the error says so, and suggests close names).
            Ambiguous: A name fits several places equally well.
            ArgumentError: ``place`` is neither a string nor a record.

        """
        context = self._ctx
        place_id = (
            context.resolve(place, what="place", classes=_PLACES, where="at(place)")
            if context is not _LITERAL
            else ref(place, "at(place)")
        )
        return self._derive(Keyed("place", frozenset((place_id,))))

    def of_kind(self, *kinds: KindLike) -> Collection[T]:
        """Records of any of these kinds (enum members or their string values).

        The kind is ``kind`` for meetings, happenings, treaties, statements,
        places and organisations, ``role`` for offices and ``sector`` for
        projects.

        Raises:
            ArgumentError: No kind is given, or one is not a string, or not a
                kind of the records this collection holds (``"city"`` is a
                kind of place, not of meeting); the error lists the kinds.

        Examples:
            >>> ds.meetings.of_kind("phone_call").ids
            ('phone-calls-2020',)

        """
        if not kinds:
            raise ArgumentError("of_kind() needs at least one kind")
        values = frozenset(str(getattr(k, "value", k)) for k in map(_kind, kinds))
        allowed = self._kinds()
        unknown = sorted(values - allowed)
        if unknown:
            raise ArgumentError(
                f"of_kind(kinds): {shown(unknown[0])} is not a kind of {_plural(self._kind)};"
                f" choose from {', '.join(map(repr, sorted(allowed)))}"
            )
        return self._derive(Keyed("kind", values))

    def _kinds(self) -> frozenset[str]:
        """The kinds its records can have (every kind for records of any class, or none)."""
        if self._kind == "record":
            return _KINDS
        classes = self._base.classes()
        found = frozenset(
            member.value
            for cls in classes
            if cls._kind_field is not None
            for step in plan(cls)
            if step.name == cls._kind_field
            for member in step.hint
        )
        return found if classes else _KINDS

    def cited_in(
        self,
        *paragraphs: int,
        document: str | None = None,
        basis: Basis | str | None = None,
        confidence: Confidence | str | None = None,
        source: str | None = None,
    ) -> Collection[T]:
        """Records with a citation (anywhere in the record) that fits every criterion given.

        A record matches when one of its citations (its own, a date claim's,
        a participant's or a milestone's) fits all the criteria together.

        Args:
            paragraphs: It cites one of these paragraph numbers (whole numbers
                from 1). Without any, the paragraph does not matter.
            document: It cites this document (its id).
            basis: It is on this basis (``"stated"``, ``"inferred"`` or
                ``"external"``).
            confidence: It is an external citation with this confidence
                (``"high"``, ``"medium"`` or ``"low"``).
            source: It is an external citation whose address contains this
                text, ignoring case (``"wikidata.org"``).

        Raises:
            ArgumentError: No criterion is given; a paragraph is not a whole
                number of at least 1 (a string, a bool ...); ``basis`` or
                ``confidence`` is not one of its values; ``confidence`` or
                ``source`` with a basis other than ``"external"``;
                ``document`` or ``source`` is not a string, or ``source``
                occurs in no citation of the collection's records.
            NotFound: ``document`` is not a document of the dataset.

        Examples:
            >>> ds.statements.cited_in(12).ids
            ('denisov-common-enemy',)
            >>> len(ds.all().cited_in(basis="external", confidence="high")) > 0
            True

        """
        wanted = frozenset(whole(p, "cited_in(paragraphs)", least=1) for p in paragraphs)
        if not wanted and document is basis is confidence is source is None:
            raise ArgumentError(
                "cited_in() needs paragraphs, or a document, basis, confidence or source"
            )
        if document is not None:
            document = text(document, "cited_in(document)", longest=None)
            if self._ctx is not _LITERAL:
                find(self._ctx.pool((Document,))._index(), document, kind="document")
        wanted_basis = None if basis is None else member(Basis, basis, "cited_in(basis)")
        wanted_confidence = (
            None if confidence is None else member(Confidence, confidence, "cited_in(confidence)")
        )
        needle = None if source is None else text(source, "cited_in(source)").casefold()
        if (wanted_confidence is not None or needle is not None) and wanted_basis not in (
            None,
            Basis.EXTERNAL,
        ):
            raise ArgumentError(
                "cited_in(): confidence and source belong to external citations,"
                f" not to {shown(str(wanted_basis))} ones"
            )
        if needle is not None and not any(
            c.source is not None and needle in c.source.casefold()
            for found in self._base.citations()
            for c in found
        ):
            raise ArgumentError(f"cited_in(source): no citation's address contains {shown(source)}")

        def fits(citation: Citation) -> bool:
            return (
                (not wanted or not wanted.isdisjoint(citation.paragraphs))
                and (document is None or citation.document == document)
                and (wanted_basis is None or citation.basis is wanted_basis)
                and (wanted_confidence is None or citation.confidence is wanted_confidence)
                and (
                    needle is None
                    or (citation.source is not None and needle in citation.source.casefold())
                )
            )

        def test(base: Base[Any], position: int) -> bool:
            return any(map(fits, base.citations()[position]))

        return self._derive(PositionCheck(test))

    def where(self, **fields: FieldValue) -> Collection[T]:
        """Records whose fields equal the values given.

        A tuple field matches if it contains the value; an enum field matches
        its member or its string value; a reference field takes an id, a
        name, an alias or the record, resolved among the classes the field
        refers to (``speaker="Denisov"`` is the person). A field of nested
        values (``participants``) matches if one of them refers to the value
        (``participants="Wang Yi"``) or equals it (a ``Participant``).

        Raises:
            ArgumentError: No field is given; a field that no record of the
                collection has (the error lists the fields); a value outside
                the field's vocabulary (the error lists the choices); a date
                field (compare dates with ``during``, ``before`` and
                ``after``); or a value that is not an id, a vocabulary value,
                a number, a record, a date or ``None`` (a bool, a list ...).
            NotFound: A name that fits no record the field can refer to.
            Ambiguous: A name that fits several equally well.

        Examples:
            >>> ds.offices.where(person="Wang Yi").ids
            ('wang-yi-state-councilor', 'wang-yi-foreign-minister')
            >>> ds.statements.where(speaker="Denisov").ids
            ('denisov-common-enemy',)

        """
        if not fields:
            raise ArgumentError("where() needs at least one field=value")
        given = {name: field_value(value, f"where({name[:40]})") for name, value in fields.items()}
        classes = sorted(self._base.classes(), key=_NAME)
        if not classes:
            return self._derive(Check(lambda record: False))
        known = sorted({step.name for cls in classes for step in plan(cls)})
        unknown = sorted(set(given) - set(known))
        if unknown:
            names = " or ".join(cls.__name__ for cls in classes)
            raise ArgumentError(
                f"where(): {names} has no field {shown(unknown[0])};"
                f" the fields are {', '.join(known)}"
            )
        for name, value in given.items():
            _check_vocabulary(name, value, [s for c in classes for s in plan(c) if s.name == name])
        tests: dict[type, list[Callable[[Any], bool]]] = {}
        bulks: dict[type, list[Bulk | None]] = {}
        errors: dict[str, Exception] = {}
        accepted: set[str] = set()
        for cls in classes:
            steps = {step.name: step for step in plan(cls)}
            found: list[Callable[[Any], bool]] = []
            fast: list[Bulk | None] = []
            for name, value in given.items():
                step = steps.get(name)
                if step is None:
                    break  # records of this class have no such field: none matches
                try:
                    field_test, field_bulk = self._field_test(step, value)
                except (ArgumentError, NotFound) as exc:
                    errors.setdefault(name, exc)
                    break
                found.append(field_test)
                fast.append(field_bulk)
                accepted.add(name)
            else:
                tests[cls] = found
                bulks[cls] = fast
        for name in given:
            if name not in accepted:
                raise errors[name]

        def test(record: Any) -> bool:
            checks = tests.get(type(record))
            return checks is not None and all(check(record) for check in checks)

        # One field on records of one class: its truths read at C speed.
        only = bulks.get(classes[0]) if len(classes) == 1 else None
        return self._derive(Check(test, only[0] if only and len(only) == 1 else None))

    def _field_test(self, step: Step, value: object) -> tuple[Callable[[Any], bool], Bulk | None]:
        """The test of one ``where`` field on records of one class, and its `Bulk` form."""
        name = step.name
        where = f"where({name[:40]})"
        get = operator.attrgetter(name)
        kind = step.kind
        if kind == "dating":
            if value is not None and not isinstance(value, Dating):
                raise ArgumentError(
                    f"{where}: a date field is compared with during(), before() or after(),"
                    f" not with {shown(value)}"
                )
            return _compared(operator.eq, get, value)
        if value is None:
            return _compared(operator.is_, get, None)
        if kind in ("ref", "refs"):
            wanted: object = self._target(step, value, where)
        elif kind == "nested":
            inner = next((s for s in plan(step.item) if s.kind == "ref"), None)
            if inner is not None and isinstance(value, str):
                target = self._target(inner, value, where)
                attribute = operator.attrgetter(inner.name)
                return (lambda record: any(attribute(item) == target for item in get(record))), None
            wanted = value
        else:
            wanted = _vocabulary_value(step, value, where)
        if isinstance(wanted, tuple):
            return _compared(operator.eq, get, wanted)
        if step.kind in ("refs", "nested") or typing_origin(step.hint) is tuple:
            return _compared(operator.contains, get, wanted)
        return _compared(operator.eq, get, wanted)

    def _target(self, step: Step, value: object, where: str) -> object:
        """A reference value: ids, names and records resolved among the field's targets."""
        if isinstance(value, tuple):
            return tuple(self._target(step, item, where) for item in value)
        if not isinstance(value, str) or self._ctx is _LITERAL:
            return value
        classes = step.targets or ()
        what = " or ".join(n.lower() for n in step.target_names if n != "*") or "record"
        return self._ctx.resolve(value, what=what, classes=classes, where=where)

    def filter(self, predicate: Callable[[T], bool]) -> Collection[T]:
        """Records for which ``predicate(record)`` is true.

        Raises:
            ArgumentError: ``predicate`` is not callable. (What the predicate
                itself raises, when the records are needed, is passed on.)

        """
        return self._derive(Check(callable_of(predicate, "filter(predicate)")))

    def of_type(self, cls: type[U]) -> Collection[U]:
        """The records that are instances of ``cls``, typed as such.

        Raises:
            ArgumentError: ``cls`` is not a class.

        Examples:
            >>> ds.related(ds.leaders.get("xi-jinping")).of_type(sr.Meeting)

        """
        wanted = class_of(cls, "of_type(cls)")
        return self._derive(  # type: ignore[return-value]
            Check(
                lambda record: isinstance(record, wanted),
                lambda records: map(isinstance, records, repeat(wanted)),
            )
        )

    def by_date(self) -> Collection[T]:
        """The same records ordered by date (see ``PartialDate``); undated last."""
        spans = self._base.spans()
        index = self._base.by_id()

        def order(record: T) -> tuple[int, int, int]:
            position = index[record.id]
            bounds = spans[position]
            if bounds is None:
                return (_POS_INF + 1, _POS_INF + 1, position)
            return (bounds[0], bounds[1], position)

        return Collection(sorted(self._records(), key=order), kind=self._kind, context=self._ctx)

    # -- filters of one record type --------------------------------------

    def signed(
        self: Collection[Treaty],
        *,
        before: PeriodLike | None = None,
        after: PeriodLike | None = None,
        certain: bool = False,
    ) -> Collection[Treaty]:
        """Treaties signed before and/or after the given dates.

        Raises:
            ArgumentError: The collection holds records other than treaties,
                ``before`` or ``after`` is not a period, or ``certain`` is not
                a bool.

        """
        result: Collection[Treaty] = self._only(Treaty, "signed")
        wanted = flag(certain, "signed(certain)")
        modes: tuple[tuple[Literal["before", "after"], object], ...] = (
            ("before", before),
            ("after", after),
        )
        steps = [
            Period(mode, *bounds(value, f"signed({mode})"), wanted)
            for mode, value in modes
            if value is not None
        ]
        for step in steps:
            result = result._derive(step)
        return result

    def in_force(
        self: Collection[Treaty], *, on: PeriodLike, certain: bool = False
    ) -> Collection[Treaty]:
        """Treaties and agreements in force on a date.

        A record with a known entry into force matches if that date possibly
        (or certainly) came no later than ``on``. A treaty or agreement whose
        entry into force is unknown matches only as possible, if it was
        possibly signed by then. Joint statements and memoranda without an
        entry into force are not binding instruments and never match.

        Raises:
            ArgumentError: The collection holds records other than treaties,
                ``on`` is not a period, or ``certain`` is not a bool.

        """
        self._only(Treaty, "in_force")
        lo, hi = bounds(on, "in_force(on)")
        wanted = flag(certain, "in_force(certain)")

        def possible(treaty: Treaty) -> bool:
            if treaty.in_force is not None:
                return treaty.in_force.best._span[0] <= hi
            if treaty.kind not in (TreatyKind.TREATY, TreatyKind.AGREEMENT):
                return False
            return treaty.signed is None or treaty.signed.best._span[0] <= hi

        def test(treaty: Treaty) -> bool:
            if not possible(treaty):
                return False
            if not wanted:
                return True
            # Certain: in force by the period's first day at the latest; an
            # unknown entry into force is never certain.
            return treaty.in_force is not None and treaty.in_force.best._span[1] <= lo

        return self._derive(Check(test))

    def with_status(
        self: Collection[Project], *statuses: ProjectStatus | str
    ) -> Collection[Project]:
        """Projects with any of these statuses.

        Raises:
            ArgumentError: The collection holds records other than projects,
                no status is given, or one is not a project status.

        """
        self._only(Project, "with_status")
        if not statuses:
            raise ArgumentError("with_status() needs at least one status")
        wanted = frozenset(member(ProjectStatus, s, "with_status(statuses)") for s in statuses)
        return self._derive(Check(lambda project: project.status in wanted))

    def held_on(
        self: Collection[Office], when: PeriodLike, *, certain: bool = False
    ) -> Collection[Office]:
        """Offices held (possibly, or certainly) on a date or through a period.

        Certain: the sources attest the office within the period, or it had
        certainly begun by the period's first day and certainly not ended by
        its last (an ongoing office counts as held until its source was
        written, not beyond). Possible: nothing known rules it out (an
        unknown start or end is unbounded). What is certain is always possible
        too: an ``attested`` date outside the tenure's start and end does not
        make the office certainly held where its tenure rules it out.

        Raises:
            ArgumentError: The collection holds records other than offices,
                ``when`` is not a period, or ``certain`` is not a bool.

        """
        self._only(Office, "held_on")
        lo, hi = bounds(when, "held_on(when)")
        certain = flag(certain, "held_on(certain)")
        context = self._ctx

        def test(office: Office) -> bool:
            start, end = office.span
            if not (start <= hi and end >= lo):
                return False  # not even possibly held
            if not certain:
                return True
            if office.attested is not None:
                a, b = office.attested.best._span
                if a >= lo and b <= hi:
                    return True
            if office.start is None:
                return False
            # Certainly held through the period: it had certainly begun (the
            # last day the start may fall on) and had certainly not yet ended
            # (the first day the end may fall on).
            if office.end is not None:
                ends_no_earlier = office.end.best._span[0]
            elif office.status is OfficeStatus.ONGOING:
                # Ongoing as of the citing sources: certainly held until the
                # earliest day any of them may have been written, no later.
                ends_no_earlier = _NEG_INF
                for citation in office.citations:
                    document = context.get(citation.document) if citation.document else None
                    if isinstance(document, Document) and document.date is not None:
                        ends_no_earlier = max(ends_no_earlier, document.date.best._span[0])
            else:
                return False
            return office.start.best._span[1] <= lo and ends_no_earlier >= hi

        return self._derive(Check(test))

    def _only(self, cls: type, method: str) -> Any:
        """Refuse a filter of one record type on a collection of others.

        The records of this collection are checked (the filters so far run),
        so ``ds.all().of_type(sr.Treaty).signed(...)`` works.
        """
        records = self._base.records if not self._filters else self._records()
        strays = [r for r in records if not isinstance(r, cls)]
        if strays:
            kinds = sorted({_plural(type(r).__name__.lower()) for r in strays})
            raise ArgumentError(
                f"{method}() applies to {_plural(cls.__name__.lower())}, not {', '.join(kinds)}"
            )
        return self

    # -- display ----------------------------------------------------------

    def __repr__(self) -> str:
        records = self._records()
        shown = ", ".join(item.id for item in records[:5])
        more = f", ... +{len(records) - 5}" if len(records) > 5 else ""
        noun = self._kind if len(records) == 1 else _plural(self._kind)
        if not records:
            return f"<Collection of 0 {noun}>"
        return f"<Collection of {len(records)} {noun}: {shown}{more}>"

    def _repr_html_(self) -> str:
        import html

        records = self._records()
        rows = []
        for record in records[:50]:
            kind = record.category or ""
            dating = record.dating
            when = "" if dating is None else dating.edtf
            cells = (record.id, record.label, kind, when)
            rows.append(
                "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
            )
        more = f"<p>... and {len(records) - 50} more</p>" if len(records) > 50 else ""
        noun = self._kind if len(records) == 1 else _plural(self._kind)
        return (
            f"<p>{len(records)} {html.escape(noun)}</p>"
            "<table><thead><tr><th>id</th><th>name</th><th>kind</th><th>date</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}"
        )

    def to_pandas(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (needs the ``pandas`` extra).

        One row per record, one flat column per field: enums as their
        values, multi-valued fields joined with ``"; "``, each date as its
        EDTF string plus ``<field>_lower`` / ``<field>_upper`` datetime
        columns and ``<field>_basis`` (the basis of the best claim), and the
        citations as ``paragraphs``, ``bases`` and ``sources``.

        Raises:
            ImportError: pandas is not installed (``pip install 'sinorussia[pandas]'``).

        """
        from ._flat import to_pandas

        return to_pandas(self._records())


def _enum_of(step: Step) -> type[enum.Enum] | None:
    hint = step.item if typing_origin(step.hint) is tuple else step.hint
    return hint if isinstance(hint, type) and issubclass(hint, enum.Enum) else None


def _check_vocabulary(name: str, value: object, steps: list[Step]) -> None:
    """Refuse a value of no vocabulary a field has in any class, listing every choice."""
    vocabularies = [_enum_of(step) for step in steps]
    if value is None or not vocabularies or not all(vocabularies):
        return
    choices = sorted({str(m.value) for v in vocabularies if v is not None for m in v})
    for item in value if isinstance(value, tuple) else (value,):
        if str(getattr(item, "value", item)) not in choices or not isinstance(item, str):
            raise ArgumentError(
                f"where({name[:40]}): {shown(item)} is not a value of {name};"
                f" choose from {', '.join(map(repr, choices))}"
            )


def _vocabulary_value(step: Step, value: object, where: str) -> object:
    """A plain field's value; for a vocabulary, its member (a bad value lists the choices)."""
    hint = _enum_of(step)
    if hint is not None:
        if isinstance(value, tuple):
            return tuple(member(hint, item, where) for item in value)
        return member(hint, value, where)
    return value


_NAME: Final = operator.attrgetter("__name__")


def _all_words(words: Mapping[str, list[int]], wanted: list[str]) -> list[int]:
    """Positions whose names contain every one of the wanted words."""
    if not wanted:
        return []
    sets = [set(words.get(word, ())) for word in wanted]
    return sorted(set.intersection(*sets))


def _text(value: object, where: str) -> str:
    """Text to look up or search for."""
    return text(value, where)


def _kind(value: object) -> str:
    """A kind argument: a string (a vocabulary member is one)."""
    return text(value, "of_kind(kinds)", longest=None)


def _plural(noun: str) -> str:
    if noun == "person":
        return "people"
    if noun.endswith("y") and noun[-2:] not in ("ay", "ey", "oy"):
        return noun[:-1] + "ies"
    return noun + "s"


def _rebuild(items: tuple[Any, ...], kind: str, context: Context | None = None) -> Collection[Any]:
    return Collection(items, kind=kind, context=context)


_PLACES: Final = (Place, Country)
_ACTORS: Final = tuple(cls for cls in RECORD_CLASSES.values() if cls.is_actor)
_RANK: Final = {cls: 0 for cls in RECORD_CLASSES.values() if cls.is_actor or cls in _PLACES}
"""Search ranks people, countries, organisations and places first at equal scores."""
_KINDS: Final = frozenset(
    member.value
    for cls in RECORD_CLASSES.values()
    if cls._kind_field is not None
    for step in plan(cls)
    if step.name == cls._kind_field
    for member in step.hint
)
"""Every value of every vocabulary that serves as a record's kind."""


def find(index: Mapping[str, D], key: str, *default: Any, kind: str) -> Any:
    """Look ``key`` up in ``index``; on a miss return the default or raise.

    Raises:
        NotFound: ``key`` is not in ``index`` and no default was given; the
            error suggests up to three close keys.
        ArgumentError: ``key`` is not a string.

    """
    text(key, "get(id)", longest=None)
    try:
        return index[key]
    except KeyError:
        if default:
            return default[0]
        import difflib

        suggestions = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
        raise NotFound(key, kind=kind, suggestions=suggestions) from None
