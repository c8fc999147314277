"""Time across records: the timeline, anniversaries, and tenures.

These are functions of records (events, treaties, projects, offices), not of a
dataset: ``Dataset.timeline`` and its siblings hand them their sections.
Every date they read is the record's own (:attr:`~sinorussia.Record.dating`).
They check their arguments (``_types``) and raise
:class:`~sinorussia.ArgumentError` for one they cannot take.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

import attrs
import pendulum

from ._dates import _NEG_INF, _POS_INF, PartialDate, When
from ._errors import ArgumentError, shown
from ._model import Dating, Event, Happening, Meeting, Milestone, Office, Project, Treaty
from ._types import DateLike, fail, flag, moment, period, whole
from ._vocab import Basis

__all__ = ["Anniversary", "Entry", "Tenure", "anniversaries", "tenure", "timeline"]


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


def timeline(
    events: Iterable[Event],
    treaties: Iterable[Treaty],
    projects: Iterable[Project],
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    certain: bool = False,
) -> list[Entry]:
    """Every dated event, treaty signing and project milestone, in date order.

    See ``Dataset.timeline``, which passes its sections here. An entry kept
    with ``certain`` is always kept without it: it must possibly fall in the
    window as well as certainly.

    Raises:
        ArgumentError: ``start`` or ``end`` is not a date, ``end`` comes
            before ``start``, or ``certain`` is not a bool.

    """
    low = _NEG_INF if start is None else period(start, "timeline(start)")[0]
    high = _POS_INF if end is None else period(end, "timeline(end)")[1]
    if low > high:
        raise ArgumentError(f"timeline(): end {shown(end)} comes before start {shown(start)}")
    inside = flag(certain, "timeline(certain)")
    kept = []
    for entry in _entries(events, treaties, projects):
        lo, hi = entry.date.best._span
        if hi >= low and lo <= high and (not inside or (lo >= low and hi <= high)):
            kept.append(entry)
    return kept


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


def _day(ordinal: int) -> pendulum.Date:
    day = datetime.date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)


def tenure(office: Office, on: DateLike) -> Tenure:
    """See :meth:`Dataset.tenure`.

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
        least=pendulum.Interval(_day(least_from), _day(least_to)),
        most=pendulum.Interval(_day(start_lo), _day(on_hi)),
    )
