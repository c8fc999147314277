"""Time across records: the timeline, anniversaries, and tenures.

These are functions of records (events, treaties, projects, offices), not of a
dataset: ``Dataset.timeline`` and its siblings hand them their sections.
Every date they read is the record's own (``Record.dating``). They check their
arguments (``_types``) and raise ``ArgumentError`` for one they cannot take.
The timeline's filters by who and where are the collections' own
(``Collection.involving``, ``Collection.at``), so names resolve as in queries.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, overload

import attrs

from ._dates import _NEG_INF, _POS_INF, PartialDate, When
from ._errors import ArgumentError, shown
from ._model import Dating, Event, Happening, Meeting, Milestone, Office, Project, Treaty
from ._query import Collection
from ._types import DateLike, KindLike, RecordRef, fail, flag, moment, period, ref, text, whole
from ._vocab import Basis, HappeningKind, MeetingKind, Sector, TreatyKind

if TYPE_CHECKING:
    import pandas
    import pendulum

__all__ = [
    "Anniversary",
    "Entry",
    "Tenure",
    "Timeline",
    "anniversaries",
    "entry_kinds",
    "tenure",
    "timeline",
]


@attrs.frozen
class Entry:
    """One line of the timeline: a dated event, treaty signing or milestone.

    Attributes:
        date: When, with every claim and its citation.
        record: The meeting, happening, treaty or project.
        kind: What happened: the event's kind, ``"<kind> signed"`` for a
            treaty, ``"milestone"`` for a project step.
        title: A one-line description.
        milestone: The project milestone, for milestone entries.

    """

    date: Dating
    record: Meeting | Happening | Treaty | Project
    kind: str
    title: str
    milestone: Milestone | None = None

    @property
    def basis(self) -> Basis:
        """The basis of the best date claim: stated, inferred or external."""
        return self.date.basis

    def __str__(self) -> str:
        return f"{self.date.edtf} {self.kind}: {self.title}"

    def _repr_html_(self) -> str:
        """The entry as a one-row timeline table, for notebooks."""
        return Timeline((self,))._repr_html_()


def _entries(
    events: Iterable[Event], treaties: Iterable[Treaty], projects: Iterable[Project]
) -> list[Entry]:
    entries: list[Entry] = []
    for event in events:
        if event.dating is not None:
            entries.append(Entry(event.dating, event, event.kind.value, event.label))
    for treaty in treaties:
        if treaty.dating is not None:
            entries.append(
                Entry(treaty.dating, treaty, f"{treaty.kind.value} signed", treaty.label)
            )
    for project in projects:
        for milestone in project.milestones:
            if milestone.date is not None:
                title = f"{project.label}: {milestone.title}"
                entries.append(Entry(milestone.date, project, "milestone", title, milestone))
    entries.sort(key=lambda e: (e.date.best.sort_key, e.record.id, e.title))
    return entries


class Timeline(Sequence[Entry]):
    """The entries of a timeline, in date order: an immutable sequence of ``Entry``.

    Indexing, ``len``, iteration and ``in`` work as for a tuple; a slice is a
    ``Timeline`` again. Two timelines are equal when they hold the same entries
    in the same order (a timeline is never equal to a list or a tuple).

    Args:
        entries: The entries, in the order they are to keep.

    Raises:
        ArgumentError: ``entries`` is not an iterable of ``Entry`` values.

    Examples:
        >>> line = ds.timeline(start=2021, end=2021, certain=True)
        >>> len(line), line[0].record.id
        (5, 'international-lunar-research-station')
        >>> line[1:3]
        <Timeline of 2 entries: 2021-03-09 lunar-research-station-mou, 2021-03-23 guilin-talks-2021>

    """

    __slots__ = ("_entries",)

    _entries: tuple[Entry, ...]

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        given: object = entries
        if not isinstance(given, Iterable) or isinstance(given, str | bytes):
            fail("Timeline(entries)", "an iterable of entries", given)
        found = tuple(entries)
        for entry in found:
            item: object = entry
            if not isinstance(item, Entry):
                fail("Timeline(entries)", "entries only", item)
        object.__setattr__(self, "_entries", found)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("Timeline is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("Timeline is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Timeline, (self._entries,))

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Timeline: ...
    def __getitem__(self, index: int | slice) -> Entry | Timeline:
        if isinstance(index, slice):
            try:
                return Timeline(self._entries[index])
            except TypeError:
                fail("Timeline[index]", "a slice of whole numbers or None", index)
        if isinstance(index, bool):
            fail("Timeline[index]", "a whole number or a slice", index)
        try:
            position = operator.index(index)
        except TypeError:
            fail("Timeline[index]", "a whole number or a slice", index)
        return self._entries[position]

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Timeline):
            return self._entries == other._entries
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._entries)

    def __repr__(self) -> str:
        entries = self._entries
        noun = "entry" if len(entries) == 1 else "entries"
        if not entries:
            return "<Timeline of 0 entries>"
        shown_ = ", ".join(f"{e.date.edtf} {e.record.id}" for e in entries[:3])
        more = f", ... +{len(entries) - 3}" if len(entries) > 3 else ""
        return f"<Timeline of {len(entries)} {noun}: {shown_}{more}>"

    def _rows(self) -> Iterator[dict[str, Any]]:
        for entry in self._entries:
            yield {
                "date": entry.date.edtf,
                "lower": entry.date.lower,
                "upper": entry.date.upper,
                "basis": entry.basis.value,
                "kind": entry.kind,
                "id": entry.record.id,
                "title": entry.title,
            }

    def _repr_html_(self) -> str:
        """The entries as an HTML table, for notebooks (the first 50, every cell escaped)."""
        import html

        rows = []
        for row in list(self._rows())[:50]:
            cells = (row["date"], row["basis"], row["kind"], row["id"], row["title"])
            rows.append(
                "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
            )
        count = len(self._entries)
        more = f"<p>... and {count - 50} more</p>" if count > 50 else ""
        noun = "entry" if count == 1 else "entries"
        return (
            f"<p>{count} {noun}</p>"
            "<table><thead><tr><th>date</th><th>basis</th><th>kind</th><th>id</th>"
            f"<th>title</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"
        )

    def to_pandas(self) -> pandas.DataFrame:
        """The entries as a pandas DataFrame (needs the ``pandas`` extra).

        Returns:
            One row per entry, in order, with the columns ``date`` (EDTF),
            ``lower`` and ``upper`` (the first and last possible day, as
            datetimes; ``NaT`` when unbounded), ``basis``, ``kind``, ``id``
            and ``title``.

        Raises:
            ImportError: pandas is not installed (``pip install 'sinorussia[pandas]'``).

        Examples:
            >>> ds.timeline(kind="talks").to_pandas()[["date", "id"]]  # doctest: +SKIP
                     date                 id
            0  2021-03-23  guilin-talks-2021

        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError(
                "Timeline.to_pandas() needs pandas: pip install 'sinorussia[pandas]'"
            ) from exc
        entries = self._entries
        columns: dict[str, Any] = {"date": [e.date.edtf for e in entries]}
        for name in ("lower", "upper"):
            days = (getattr(e.date, name) for e in entries)
            columns[name] = pd.to_datetime(
                [None if d is None else datetime.datetime(d.year, d.month, d.day) for d in days]
            )
        columns["basis"] = [e.basis.value for e in entries]
        columns["kind"] = [e.kind for e in entries]
        columns["id"] = [e.record.id for e in entries]
        columns["title"] = [e.title for e in entries]
        frame = pd.DataFrame(columns)
        texts = ("date", "basis", "kind", "id", "title")
        return frame.astype(dict.fromkeys(texts, "string"))


_KIND_VOCABULARIES: tuple[str, ...] = (
    *(kind.value for kind in MeetingKind),
    *(kind.value for kind in HappeningKind),
    *(f"{kind.value} signed" for kind in TreatyKind),
    "milestone",
    *(kind.value for kind in TreatyKind),
    *(sector.value for sector in Sector),
)
"""Every kind an entry can have (and every category of the records behind entries)."""


def entry_kinds(entries: Iterable[Entry] = ()) -> tuple[str, ...]:
    """The kinds the timeline's ``kind`` filter takes, in order.

    An entry's own kind (``phone_call``, ``treaty signed``, ``milestone``)
    or the category of its record (a treaty's ``treaty``, a project's sector
    ``energy``): the vocabularies' values, then any other the entries have.

    Args:
        entries: Entries whose kinds count too (those of a dataset's timeline).

    Returns:
        Each kind once: the vocabularies' in their order, then the others sorted.

    """
    known = dict.fromkeys(_KIND_VOCABULARIES)
    extra = {e.kind for e in entries} | {e.record.category or "" for e in entries}
    return (*known, *sorted(extra - set(known) - {""}))


def _kinds(value: object, valid: tuple[str, ...]) -> frozenset[str]:
    """The ``kind`` argument as a set of strings, each one of ``valid``."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Iterable):
        fail("timeline(kind)", "a kind, or several", value)
    kinds = frozenset(text(k, "timeline(kind)", longest=None) for k in items)
    if not kinds:
        raise ArgumentError("timeline(kind): expected at least one kind, got none")
    unknown = sorted(kinds - set(valid))
    if unknown:
        raise ArgumentError(
            f"timeline(kind): unknown kind {shown(unknown[0])}; the kinds are {', '.join(valid)}"
        )
    return kinds


def _who(value: object) -> tuple[RecordRef, ...]:
    """The ``involving`` argument as a tuple of ids, names or records."""
    items = [value] if isinstance(value, str) or not isinstance(value, Iterable) else list(value)
    found = tuple(items)
    for item in found:
        ref(item, "timeline(involving)")
    if not found:
        raise ArgumentError("timeline(involving): expected at least one id or name, got none")
    return found  # type: ignore[return-value]


def _collection(records: Iterable[Any], kind: str) -> Collection[Any]:
    return records if isinstance(records, Collection) else Collection(records, kind=kind)


def timeline(
    events: Iterable[Event],
    treaties: Iterable[Treaty],
    projects: Iterable[Project],
    *,
    kind: KindLike | Iterable[KindLike] | None = None,
    involving: RecordRef | Iterable[RecordRef] | None = None,
    at: RecordRef | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    certain: bool = False,
) -> Timeline:
    """Every dated event, treaty signing and project milestone, in date order.

    See ``Dataset.timeline``, which passes its sections here. ``involving``
    and ``at`` are the filters of the same name of the collections given (a
    plain iterable becomes a collection that matches ids literally), so names
    resolve as they do in queries. An entry kept with ``certain`` is always
    kept without it: it must possibly fall in the window as well as certainly.

    Args:
        events: The meetings and happenings.
        treaties: The treaties; each signing is an entry.
        projects: The projects; each dated milestone is an entry.
        kind: Keep entries whose kind, or whose record's category, is this one
            or one of these.
        involving: Keep entries whose record involves all of these ids, names
            or records.
        at: Keep entries whose record is at this place (or inside it).
        start: Keep entries that may reach this date or later.
        end: Keep entries that may begin by this date.
        certain: Keep only entries that certainly fall between ``start`` and
            ``end``.

    Returns:
        The entries kept, in date order, then by id.

    Raises:
        ArgumentError: ``start`` or ``end`` is not a date, ``end`` comes
            before ``start``, ``certain`` is not a bool, a kind is not one
            of ``entry_kinds()`` (the message lists them), or ``involving``
            or ``at`` is neither an id, a name nor a record.
        NotFound: A name of ``involving`` or ``at`` fits nothing.

    Examples:
        >>> [e.record.id for e in timeline(ds.events, ds.treaties, ds.projects, kind="talks")]
        ['guilin-talks-2021']

    """
    low = _NEG_INF if start is None else period(start, "timeline(start)")[0]
    high = _POS_INF if end is None else period(end, "timeline(end)")[1]
    if low > high:
        raise ArgumentError(f"timeline(): end {shown(end)} comes before start {shown(start)}")
    inside = flag(certain, "timeline(certain)")
    who = None if involving is None else _who(involving)
    if at is not None:
        ref(at, "timeline(at)")
    sources = [
        _collection(records, noun)
        for records, noun in ((events, "event"), (treaties, "treaty"), (projects, "project"))
    ]
    entries = _entries(*sources)
    wanted = None if kind is None else _kinds(kind, entry_kinds(entries))
    ids: set[str] | None = None
    if who is not None or at is not None:
        ids = set()
        for collection in sources:
            if who is not None:
                collection = collection.involving(*who)
            if at is not None:
                collection = collection.at(at)
            ids.update(collection.ids)
    kept = []
    for entry in entries:
        if wanted is not None and entry.kind not in wanted and entry.record.category not in wanted:
            continue
        if ids is not None and entry.record.id not in ids:
            continue
        lo, hi = entry.date.best._span
        if hi >= low and lo <= high and (not inside or (lo >= low and hi <= high)):
            kept.append(entry)
    return Timeline(kept)


class Anniversary(NamedTuple):
    """A round anniversary: the record and how many years it marks.

    Unpacks as a pair: ``for record, years in ds.anniversaries(2021)``.
    """

    record: Meeting | Happening | Treaty
    years: int

    @property
    def date(self) -> When:
        """The anniversary date, with the precision of the original date."""
        original = self.record.dating
        assert original is not None
        return original.best.anniversary(self.years)


def _year_of(value: When) -> int | None:
    """The single year a value falls in, or None if it spans several."""
    if isinstance(value, PartialDate):
        return value.year
    start, end = value.start, value.end
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and start.year == end.year:
        return start.year
    return None


def anniversaries(
    records: Iterable[Meeting | Happening | Treaty], year: int, *, every: int = 5
) -> list[Anniversary]:
    """Round anniversaries falling in ``year`` (see ``Dataset.anniversaries``).

    Raises:
        ArgumentError: ``year`` is not a whole number from 1 to 9999, or
            ``every`` is not a whole number of at least 1.

    """
    year = whole(year, "anniversaries(year)", least=1, most=9999)
    every = whole(every, "anniversaries(every)", least=1)
    found: list[tuple[tuple[tuple[int, int, str], str], Anniversary]] = []
    for record in records:
        dating = record.dating
        if dating is None:
            continue
        original = _year_of(dating.best)
        if original is None:
            continue
        years = year - original
        if years > 0 and years % every == 0:
            found.append(((dating.best.sort_key, record.id), Anniversary(record, years)))
    found.sort(key=lambda pair: pair[0])
    return [anniversary for _, anniversary in found]


@attrs.frozen
class Tenure:
    """How long an office had been held on a date, as a range of durations.

    With partial dates the length is rarely one number: ``least`` and ``most``
    are the shortest and longest durations the dates allow (equal when both
    dates are days).

    Attributes:
        least: The shortest possible duration.
        most: The longest possible duration.

    """

    least: pendulum.Interval[pendulum.Date]
    most: pendulum.Interval[pendulum.Date]

    @property
    def exact(self) -> bool:
        """Whether both dates were precise to the day."""
        return self.least.in_days() == self.most.in_days()

    def __str__(self) -> str:
        if self.exact:
            return self.least.in_words()
        least = self.least.in_words() if self.least.in_days() else "0 days"
        return f"between {least} and {self.most.in_words()}"


def _pendulum() -> Any:
    """pendulum, imported on the first tenure rather than with the library.

    Once imported it is also a global of this module, so the annotations of
    `Tenure` resolve (``typing.get_type_hints``, cattrs) for any tenure made.
    """
    import pendulum

    globals()["pendulum"] = pendulum
    return pendulum


def _interval(start: pendulum.Date, end: pendulum.Date) -> pendulum.Interval[pendulum.Date]:
    return _pendulum().Interval(start, end)  # type: ignore[no-any-return]


def _day(ordinal: int) -> pendulum.Date:
    day = datetime.date.fromordinal(ordinal)
    return _pendulum().Date(day.year, day.month, day.day)  # type: ignore[no-any-return]


def tenure(office: Office, on: DateLike) -> Tenure:
    """See [`Dataset.tenure`][sinorussia.Dataset.tenure].

    Raises:
        ArgumentError: ``office`` is not an office, ``on`` is not a date, or
            the tenure cannot be measured then: its start is unknown, ``on``
            is before it, or the office had ended by ``on``.

    """
    if not isinstance(office, Office):
        fail("tenure(office)", "an Office or its id", office)
    when = moment(on, "tenure(on)")
    on_lo, on_hi = when._span
    if on_lo <= _NEG_INF or on_hi >= _POS_INF:
        raise ArgumentError(
            f"tenure(on): expected a date or a closed period, got the open {when.edtf}"
        )
    if office.start is None:
        raise ArgumentError(f"tenure(): the start of {office.id!r} is unknown")
    start_lo, start_hi = office.start.best._span
    if start_lo <= _NEG_INF:
        raise ArgumentError(
            f"tenure(): the start of {office.id!r} has no first day ({office.start.edtf})"
        )
    if on_hi < start_lo:
        raise ArgumentError(
            f"tenure(): {when.edtf} is before {office.id!r} began ({office.start.edtf})"
        )
    if office.end is not None and office.end.best._span[1] < on_lo:
        raise ArgumentError(f"tenure(): {office.id!r} had ended by {when.edtf} ({office.end.edtf})")
    least_from, least_to = (start_hi, on_lo) if on_lo >= start_hi else (on_lo, on_lo)
    return Tenure(
        least=_interval(_day(least_from), _day(least_to)),
        most=_interval(_day(start_lo), _day(on_hi)),
    )
