"""Typed, immutable, chainable collections of records.

A :class:`Collection` is a read-only :class:`~collections.abc.Sequence` of one
record type. Its filters (``involving``, ``during``, ``at``, ``of_kind`` ...)
return new collections and chain; they are lazy: a chain is planned and run
once, the first time its records are needed, by the index (``_index``).

Dates are partial, so a period asks one of two questions: does a record
*possibly* fall in it (its range of days overlaps the period: the default) or
*certainly* (its range lies inside: ``certain=True``). Every certain answer is
also a possible one: each filter's certain test includes its possible test.

Every method checks its arguments when it is called, before any filter runs
(``_types``): a bad one raises :class:`~sinorussia.ArgumentError`, never a
failure later, when the lazy chain runs.
"""

from __future__ import annotations

import html
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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

import attrs

from ._dates import _NEG_INF, _POS_INF
from ._errors import Ambiguous, ArgumentError, NotFound, shown
from ._index import Base, Check, Filter, Keyed, Period, PositionCheck, bounds, select
from ._model import (
    RECORD_CLASSES,
    Country,
    Document,
    Entity,
    Office,
    Place,
    Project,
    Treaty,
)
from ._names import key, score
from ._plan import plan
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
    member,
    ref,
    text,
    whole,
)
from ._vocab import Basis, OfficeStatus, ProjectStatus, TreatyKind

if TYPE_CHECKING:
    import pandas

__all__ = ["Collection", "Context", "Match", "find"]


T = TypeVar("T", bound=Entity)
U = TypeVar("U", bound=Entity)
D = TypeVar("D")
_MISSING: Any = object()
_ID: Final = operator.attrgetter("id")


# -- the dataset context -------------------------------------------------------


class Context:
    """What filters need to know about the dataset a collection belongs to.

    It resolves ids and names, widens a person to their country (so a meeting
    of Xi Jinping involves China), and knows which places lie inside which.
    Collections made by a :class:`~sinorussia.Dataset` have one; a collection
    built by hand has none and matches ids literally.
    """

    __slots__ = ("_all", "_registry", "cache")

    def __init__(self, registry: Mapping[str, Any]) -> None:
        self._registry = registry
        self._all: Collection[Any] | None = None
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

        Raises:
            NotFound: Nothing in the dataset answers to ``value``.
            ArgumentError: ``value`` is neither a record nor a string (``where``
                names the argument).

        """
        value = ref(value, where)
        record = self._registry.get(value)
        if record is not None and (not classes or isinstance(record, classes)):
            return value
        if self._all is None:
            self._all = Collection(self._registry.values(), kind="record")
        pool = self._all if not classes else self._all.filter(lambda r: isinstance(r, classes))
        try:
            found: str = pool._lookup(value, where).id
        except Ambiguous:
            raise
        except NotFound as exc:
            raise NotFound(value, kind=what, suggestions=exc.suggestions) from None
        return found


_LITERAL: Final = Context({})


# -- results of searches --------------------------------------------------------


@attrs.frozen
class Match(Generic[U]):
    """One result of :meth:`Collection.search`.

    Attributes:
        record: The record found.
        score: How well it matched, from 0 to 1 (1: a name matched exactly).
        name: The name or alias that matched best.

    """

    record: U
    score: float
    name: str


# -- the collection --------------------------------------------------------------


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

    __slots__ = ("_base", "_by_id", "_filters", "_items", "_kind")

    _base: Base[T]
    _filters: tuple[Filter, ...]
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
        init(self, "_items", records)
        init(self, "_by_id", None)
        init(self, "_kind", kind)

    def _derive(self, step: Filter) -> Collection[T]:
        derived = object.__new__(type(self))
        init = object.__setattr__
        init(derived, "_base", self._base)
        init(derived, "_filters", (*self._filters, step))
        init(derived, "_items", None)
        init(derived, "_by_id", None)
        init(derived, "_kind", self._kind)
        return derived

    @property
    def _ctx(self) -> Context:
        return cast(Context, self._base.context)

    def _records(self) -> tuple[T, ...]:
        items = self._items
        if items is None:
            items = tuple(map(self._base.records.__getitem__, select(self._base, self._filters)))
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
        return tuple(map(_ID, self._records()))

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

    def _lookup(self, wanted_text: object, where: str) -> T:
        text = _text(wanted_text, where)
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
                raise Ambiguous(text, kind=self._kind, candidates=[r.id for r in found])
        suggestions = [m.record.id for m in self._search(text, 3) if m.score >= 0.6]
        raise NotFound(text, kind=self._kind, suggestions=suggestions)

    def search(self, text: str, *, limit: int | None = 10) -> list[Match[T]]:
        """Records ranked by how well one of their names matches ``text``.

        Args:
            text: What to look for: part of a name, a misspelling, an alias
                (at most 1,000 characters).
            limit: At most this many results (``None``: all that match at all).

        Returns:
            Matches with a score above 0.5, best first; equal scores in id
            order, so the ranking is deterministic.

        Raises:
            ArgumentError: ``text`` is not a string or is too long, or
                ``limit`` is neither ``None`` nor a whole number of at least 0.

        """
        wanted = _text(text, "search(text)")
        if limit is not None:
            limit = whole(limit, "search(limit)", least=0)
        return self._search(wanted, limit)

    def _search(self, text: str, limit: int | None) -> list[Match[T]]:
        results: list[Match[T]] = []
        for record in self._records():
            # The first name that scores best is shown; names the record gives
            # first (its own name, then aliases, then its id) win ties.
            value, best = 0.0, ""
            for name in (*record.names, record.id):
                found = score(text, (name,), floor=max(value, 0.5))
                if found > value:
                    value, best = found, name
                    if value == 1.0:
                        break
            if value > 0.5:
                results.append(Match(record, round(value, 4), best))
        results.sort(key=lambda m: (-m.score, m.record.id))
        return results if limit is None else results[:limit]

    # -- filters ----------------------------------------------------------

    def involving(self, *who: RecordRef, match: Literal["all", "any"] = "all") -> Collection[T]:
        """Records that involve these people, countries or organisations.

        A record involves its participants (meetings, happenings), parties and
        signatories (treaties), speaker and subjects (statements), holder and
        state (offices), parties (projects), and the countries of all of
        these: a meeting of Xi Jinping involves China.

        Args:
            who: Ids, names or records.
            match: ``"all"`` (the default): every one of them is involved;
                ``"any"``: at least one is.

        Raises:
            NotFound: One of ``who`` is not in the dataset.
            ArgumentError: No one is given, one of ``who`` is neither a string
                nor a record, or ``match`` is neither ``"all"`` nor ``"any"``.

        """
        match = cast(Literal["all", "any"], choice(match, "involving(match)", ("all", "any")))
        if not who:
            raise ArgumentError("involving() needs at least one person, country or organisation")
        context = self._ctx
        ids = [
            context.resolve(w, what="person, country or organisation", where="involving(who)")
            if context is not _LITERAL
            else ref(w, "involving(who)")
            for w in who
        ]
        if match == "any":
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

        Raises:
            NotFound: ``place`` is not in the dataset.
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
            ArgumentError: No kind is given, or one is not a string or not a
                value of any kind vocabulary.

        """
        if not kinds:
            raise ArgumentError("of_kind() needs at least one kind")
        values = frozenset(str(getattr(k, "value", k)) for k in map(_kind, kinds))
        unknown = sorted(values - _KINDS)
        if unknown:
            raise ArgumentError(
                f"of_kind(kinds): unknown kind {shown(unknown[0])}; see the vocabularies"
                " in docs/data.md"
            )
        return self._derive(Keyed("kind", values))

    def cited_in(
        self, *paragraphs: int, document: str | None = None, basis: Basis | str | None = None
    ) -> Collection[T]:
        """Records that cite any of these paragraphs (anywhere in the record).

        Args:
            paragraphs: Paragraph numbers (whole numbers from 1). With none,
                nothing matches.
            document: Only citations of this document (its id).
            basis: Only citations on this basis (``"stated"`` ...).

        Raises:
            ArgumentError: A paragraph is not a whole number of at least 1 (a
                string, a bool ...), ``document`` is not a string, or
                ``basis`` is not a basis.

        """
        wanted = frozenset(whole(p, "cited_in(paragraphs)", least=1) for p in paragraphs)
        if document is not None:
            document = text(document, "cited_in(document)", longest=None)
        wanted_basis = None if basis is None else member(Basis, basis, "cited_in(basis)")

        def test(base: Base[Any], position: int) -> bool:
            return any(
                paragraph in wanted
                and (document is None or cited == document)
                and (wanted_basis is None or how is wanted_basis)
                for cited, paragraph, how in base.paragraphs()[position]
            )

        return self._derive(PositionCheck(test))

    def where(self, **fields: FieldValue) -> Collection[T]:
        """Records whose fields equal the values given.

        A tuple field matches if it contains the value; an enum field matches
        its member or its string value; a record stands for its id.

        Raises:
            ArgumentError: A field that no record of the collection has, or a
                value that is not an id, a vocabulary value, a number, a
                record, a date or ``None`` (a bool, a list ...).

        Examples:
            >>> ds.offices.where(person="wang-yi").ids
            ('wang-yi-state-councilor', 'wang-yi-foreign-minister')

        """
        classes: set[Any] = {type(record) for record in self._base.records}
        if classes and all(attrs.has(cls) for cls in classes):
            known = {step.name for cls in classes for step in plan(cls)}
            unknown = sorted(set(fields) - known)
            if unknown:
                names = " or ".join(sorted(cls.__name__ for cls in classes))
                raise ArgumentError(f"where(): {names} has no field {shown(unknown[0])}")
        wanted_fields = {
            name: field_value(value, f"where({name[:40]})") for name, value in fields.items()
        }

        def test(record: Any) -> bool:
            for name, wanted in wanted_fields.items():
                if not hasattr(record, name):
                    return False
                value = getattr(record, name)
                if isinstance(value, tuple) and not isinstance(wanted, tuple):
                    if wanted not in value:
                        return False
                elif value != wanted and getattr(value, "value", _MISSING) != wanted:
                    return False
            return True

        return self._derive(Check(test))

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
        return self._derive(Check(lambda record: isinstance(record, wanted)))  # type: ignore[return-value]

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
