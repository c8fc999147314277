"""Partial, uncertain dates and intervals, serialised as EDTF.

The model
=========

Sources rarely give a full calendar date, and this library never invents
precision: "June 2019" stays a month and is never padded to 2019-06-01.

* [`PartialDate`][sinorussia.PartialDate] is a year, a month or a day (see `Precision`),
  optionally flagged *uncertain* (EDTF ``?``), *approximate* (``~``) or both
  (``%``). It covers every day from [`lower`][sinorussia.PartialDate.lower] to
  [`upper`][sinorussia.PartialDate.upper]: ``2019`` covers 2019-01-01 to 2019-12-31.
* [`DateInterval`][sinorussia.DateInterval] runs from a start to an end, each a
  [`PartialDate`][sinorussia.PartialDate] or `Unbounded`: ``OPEN`` (EDTF ``..``, it goes
  on, as with an office still held) or ``UNKNOWN`` (EDTF empty, there is an end
  but we do not know it). It covers the days from the start's first day to the
  end's last day. At most one end may be unbounded.
* ``When`` is either of the two. Both offer the same small protocol:
  ``lower``, ``upper``, ``edtf``, ``contains``, ``overlaps``, ``anniversary``,
  ``sort_key`` and the ordering operators.

The qualifiers ``?`` and ``~`` are carried and written back, but they do not
widen the bounds: ``2019~`` still covers exactly the days of 2019.

In ``contains`` and ``overlaps`` an unbounded end counts as minus or plus
infinity, whether it is ``OPEN`` or ``UNKNOWN``.

Ordering
========

Values of both classes compare with ``<``, ``<=``, ``>`` and ``>=`` by
[`sort_key`][sinorussia.PartialDate.sort_key]: first day (an unbounded start first of all),
then last day (an unbounded end last of all), then the EDTF string. So
``2019-01 < 2019 < 2019-06`` and ``../2013 < 2013``. Distinct values never
share a key, so the order is total, deterministic and consistent with ``==``
(which stays structural: ``2019-06`` and ``2019-06?`` are not equal).
Comparing with anything else returns ``NotImplemented``.

The EDTF subset
===============

Accepted (EDTF level 0, plus two level 1 features):

* ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` with a four digit year 0001-9999 and
  two digit month and day;
* one qualifier after the whole date: ``?``, ``~`` or ``%`` (level 1);
* intervals ``start/end`` of those, where one end may be ``..`` (open) or
  empty (unknown) (level 1).

Everything else is rejected with a `ValueError` that quotes the text
and says why: unspecified digits (``201X``), seasons (``2019-21``), ``Y``
years, negative years, year 0, times, whitespace, one digit months or days,
qualifiers inside a date (``2019?-06``) and intervals with no known end.

Examples:
    >>> parse_edtf("2019-06")
    PartialDate('2019-06')
    >>> parse_edtf("2013-03-22/..").contains(2020)
    True
    >>> sorted([PartialDate(2019, 6), PartialDate(2019), PartialDate(2019, 1)])
    [PartialDate('2019-01'), PartialDate('2019'), PartialDate('2019-06')]

"""

from __future__ import annotations

import datetime
import enum
import functools
import re
import sys
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "DateInterval",
    "PartialDate",
    "Precision",
    "Unbounded",
    "When",
    "parse_edtf",
    "to_when",
]

# Day numbers (proleptic Gregorian ordinals, 0001-01-01 is 1) stand in for
# dates in every hot comparison; these two lie outside every real day.
_NEG_INF = 0
_POS_INF = datetime.date.max.toordinal() + 1

_date = datetime.date
_set = object.__setattr__  # fills cached_property slots of the frozen classes
_new = object.__new__

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)")
_QUALIFIERS = {"": (False, False), "?": (True, False), "~": (False, True), "%": (True, True)}
_SHAPE = (
    "expected YYYY, YYYY-MM or YYYY-MM-DD (four digit year, two digit month and day), "
    "optionally followed by one qualifier '?', '~' or '%'"
)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _check_int(name: str, value: object) -> None:
    if type(value) is not int:
        raise TypeError(f"{name} must be an int, not {type(value).__name__}: {value!r}")


def _check_bool(name: str, value: object) -> None:
    if type(value) is not bool:
        raise TypeError(f"{name} must be a bool, not {type(value).__name__}: {value!r}")


class Precision(enum.IntEnum):
    """How much of a [`PartialDate`][sinorussia.PartialDate] is known; a larger value is finer.

    Examples:
        >>> PartialDate(2019, 6).precision
        <Precision.MONTH: 2>
        >>> Precision.YEAR < Precision.DAY
        True

    """

    YEAR = 1
    MONTH = 2
    DAY = 3


class Unbounded(enum.Enum):
    """An interval end that is not a date.

    ``OPEN`` (EDTF ``..``): the interval goes on, e.g. an office still held.
    ``UNKNOWN`` (EDTF empty): the interval has an end but we do not know it.
    The value of each member is its EDTF spelling.

    Examples:
        >>> DateInterval(PartialDate(2013, 3, 22), Unbounded.OPEN).edtf
        '2013-03-22/..'
        >>> DateInterval(Unbounded.UNKNOWN, PartialDate(2013)).edtf
        '/2013'

    """

    OPEN = ".."
    UNKNOWN = ""


class _Temporal:
    """What `PartialDate` and `DateInterval` share."""

    __slots__ = ()

    @property
    def _span(self) -> tuple[int, int]:
        """First and last day as ordinals, with the infinities for unbounded ends."""
        raise NotImplementedError  # pragma: no cover

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """The ordering key; see the subclasses."""
        raise NotImplementedError  # pragma: no cover

    def contains(self, other: object) -> bool:
        """Whether every day ``other`` may cover lies within this value.

        An unbounded end counts as minus or plus infinity. Qualifiers (``?``,
        ``~``) are ignored: the bounds are the bounds.

        Args:
            other: A ``PartialDate``, ``DateInterval`` or anything
                [`to_when`][sinorussia.to_when] accepts (an int year, an EDTF string, a
                ``datetime.date``, a ``(start, end)`` tuple, ...).

        Returns:
            True if ``other``'s first and last days both lie within this value.

        Raises:
            TypeError: ``other`` is of a type [`to_when`][sinorussia.to_when] does not accept.
            ValueError: ``other`` is a string that is not valid EDTF, or an
                out of range value.

        Examples:
            >>> PartialDate(2020).contains(PartialDate(2020, 4))
            True
            >>> PartialDate(2020, 4).contains(2020)
            False

        """
        lo, hi = self._span
        olo, ohi = other._span if isinstance(other, _Temporal) else to_when(other)._span
        return lo <= olo and ohi <= hi

    def overlaps(self, other: object) -> bool:
        """Whether this value and ``other`` share at least one day.

        An unbounded end counts as minus or plus infinity. Qualifiers are
        ignored.

        Args:
            other: A ``PartialDate``, ``DateInterval`` or anything
                [`to_when`][sinorussia.to_when] accepts.

        Returns:
            True if the two ranges of days intersect.

        Raises:
            TypeError: ``other`` is of a type [`to_when`][sinorussia.to_when] does not accept.
            ValueError: ``other`` is a string that is not valid EDTF, or an
                out of range value.

        Examples:
            >>> PartialDate(2020, 4).overlaps(2020)
            True
            >>> parse_edtf("../2013").overlaps("2014")
            False

        """
        lo, hi = self._span
        olo, ohi = other._span if isinstance(other, _Temporal) else to_when(other)._span
        return lo <= ohi and olo <= hi

    def __lt__(self, other: object) -> bool:
        if isinstance(other, _Temporal):
            return self.sort_key < other.sort_key
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, _Temporal):
            return self.sort_key <= other.sort_key
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, _Temporal):
            return self.sort_key > other.sort_key
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, _Temporal):
            return self.sort_key >= other.sort_key
        return NotImplemented


@attrs.frozen(repr=False, order=False)
class PartialDate(_Temporal):
    """A year, a month or a day, possibly uncertain or approximate.

    Only what is known is stored: ``PartialDate(2019, 6)`` is June 2019 and
    nothing finer. Instances are immutable, hashable and picklable; equality
    is structural (the qualifiers count).

    Attributes:
        year: The year, 1 to 9999.
        month: The month, 1 to 12, or ``None`` for a year.
        day: The day, valid for the month (2020-02-29 is, 2019-02-29 is not),
            or ``None``. A day needs a month.
        uncertain: The source is unsure of the value (EDTF ``?``).
        approximate: The value is roughly right (EDTF ``~``). Both flags
            together are written ``%``.

    Raises:
        TypeError: A field has the wrong type (``bool`` is not an ``int`` here).
        ValueError: A field is out of range, e.g. "day 30 is out of range for
            2019-02".

    Examples:
        >>> PartialDate(2019, 6)
        PartialDate('2019-06')
        >>> PartialDate(2020, 4, 18, uncertain=True).edtf
        '2020-04-18?'
        >>> PartialDate(2019, 6).lower, PartialDate(2019, 6).upper
        (Date(2019, 6, 1), Date(2019, 6, 30))

    """

    year: int
    month: int | None = None
    day: int | None = None
    uncertain: bool = attrs.field(default=False, kw_only=True)
    approximate: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        # Validate, then fill the ``_span`` cache while the numbers are at hand:
        # every comparison reads it, so paying here keeps queries cheap.
        year, month, day = self.year, self.month, self.day
        if type(year) is not int:
            _check_int("year", year)
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is out of range 1..9999")
        if month is None:
            if day is not None:
                _check_int("day", day)
                raise ValueError(f"day {day} given without a month")
            first = _date(year, 1, 1).toordinal()
            span = (first, first + (365 if _is_leap(year) else 364))
        else:
            if type(month) is not int:
                _check_int("month", month)
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} is out of range 1..12")
            days = 29 if month == 2 and _is_leap(year) else _DAYS_IN_MONTH[month]
            if day is None:
                first = _date(year, month, 1).toordinal()
                span = (first, first + days - 1)
            else:
                if type(day) is not int:
                    _check_int("day", day)
                if not 1 <= day <= days:
                    raise ValueError(f"day {day} is out of range for {year:04d}-{month:02d}")
                first = _date(year, month, day).toordinal()
                span = (first, first)
        uncertain: object = self.uncertain
        approximate: object = self.approximate
        if type(uncertain) is not bool or type(approximate) is not bool:
            _check_bool("uncertain", uncertain)
            _check_bool("approximate", approximate)
        _set(self, "_span", span)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse a single EDTF date (no interval).

        Args:
            text: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, optionally followed
                by one of ``?``, ``~``, ``%``.

        Returns:
            The date, at the precision written.

        Raises:
            TypeError: ``text`` is not a string.
            ValueError: ``text`` is not in the supported EDTF subset; the
                message quotes it and says why.

        Examples:
            >>> PartialDate.parse("2019-06~")
            PartialDate('2019-06~')
            >>> PartialDate.parse("2019-13")
            Traceback (most recent call last):
            ...
            ValueError: invalid EDTF date '2019-13': month 13 is out of range 1..12

        """
        if type(text) is not str:
            raise TypeError(f"EDTF text must be a str, not {type(text).__name__}: {text!r}")
        match = _DATE_RE.fullmatch(text)
        if match is None:
            raise ValueError(f"invalid EDTF date {text!r}: {_diagnose(text)}")
        year_s, month_s, day_s, qualifier = match.groups()
        if day_s is not None and not qualifier and cls is PartialDate:
            # The usual case, a plain day: the checks of ``__attrs_post_init__``
            # are those of ``datetime.date``, so a valid day is built at once.
            numbers = int(year_s), int(month_s), int(day_s)
            try:
                first = _date(*numbers).toordinal()
            except ValueError:
                pass  # the general path below says why
            else:
                found = _new(cls)
                _set(found, "year", numbers[0])
                _set(found, "month", numbers[1])
                _set(found, "day", numbers[2])
                _set(found, "uncertain", False)
                _set(found, "approximate", False)
                _set(found, "_span", (first, first))
                return found
        month = None if month_s is None else int(month_s)
        if month is not None and 21 <= month <= 41:
            raise ValueError(
                f"invalid EDTF date {text!r}: seasons (month codes 21-41) are not supported"
            )
        uncertain, approximate = _QUALIFIERS[qualifier]
        try:
            return cls(
                int(year_s),
                month,
                None if day_s is None else int(day_s),
                uncertain=uncertain,
                approximate=approximate,
            )
        except ValueError as exc:
            raise ValueError(f"invalid EDTF date {text!r}: {exc}") from None

    @classmethod
    def from_date(cls, d: datetime.date) -> PartialDate:
        """Make a day-precision value from a date.

        Args:
            d: A ``datetime.date`` (or ``pendulum.Date``); a ``datetime``
                contributes its own calendar date, whatever its time zone.

        Returns:
            The day, with no qualifiers.

        Raises:
            ValueError: The year is outside 1..9999 (cannot happen for a
                real ``datetime.date``).

        Examples:
            >>> PartialDate.from_date(datetime.date(2001, 7, 16))
            PartialDate('2001-07-16')

        """
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> Precision:
        """Whether this is a year, a month or a day.

        Examples:
            >>> PartialDate(2019).precision
            <Precision.YEAR: 1>

        """
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def lower(self) -> pendulum.Date:
        """The first day covered: 2019-06 begins on 2019-06-01.

        Examples:
            >>> PartialDate(2019).lower
            Date(2019, 1, 1)

        """
        return _pendulum_date(self.year, self.month or 1, self.day or 1)

    @property
    def upper(self) -> pendulum.Date:
        """The last day covered: 2020-02 ends on 2020-02-29.

        Examples:
            >>> PartialDate(2020, 2).upper
            Date(2020, 2, 29)

        """
        year, month, day = self.year, self.month, self.day
        if month is None:
            return _pendulum_date(year, 12, 31)
        if day is None:
            return _pendulum_date(year, month, _days_in_month(year, month))
        return _pendulum_date(year, month, day)

    @functools.cached_property
    def _span(self) -> tuple[int, int]:
        year, month, day = self.year, self.month, self.day
        if month is None:
            first = datetime.date(year, 1, 1).toordinal()
            return first, first + (365 if _is_leap(year) else 364)
        if day is None:
            first = datetime.date(year, month, 1).toordinal()
            return first, first + _days_in_month(year, month) - 1
        first = datetime.date(year, month, day).toordinal()
        return first, first

    @functools.cached_property
    def edtf(self) -> str:
        """The EDTF spelling, e.g. ``2019``, ``2019-06``, ``2020-04-18?``, ``2019-06-05%``.

        Examples:
            >>> PartialDate(2019, approximate=True).edtf
            '2019~'

        """
        year, month, day = self.year, self.month, self.day
        if month is None:
            text = f"{year:04d}"
        elif day is None:
            text = f"{year:04d}-{month:02d}"
        else:
            text = f"{year:04d}-{month:02d}-{day:02d}"
        if self.uncertain:
            return text + ("%" if self.approximate else "?")
        return text + "~" if self.approximate else text

    @functools.cached_property
    def sort_key(self) -> tuple[int, int, str]:
        """The ordering key: (first day's ordinal, last day's ordinal, EDTF).

        Ordinals are ``datetime.date.toordinal()`` values. The key is shared
        with [`DateInterval`][sinorussia.DateInterval], so mixed lists sort; see the module
        documentation.

        Examples:
            >>> PartialDate(2019, 1).sort_key < PartialDate(2019).sort_key
            True

        """
        lo, hi = self._span
        return lo, hi, self.edtf

    def anniversary(self, n: int) -> PartialDate:
        """Shift the date by ``n`` years (back in time for negative ``n``).

        Precision and qualifiers are kept. February 29 falling in a common
        year becomes February 28, as calendars do.

        Args:
            n: Number of years to add.

        Returns:
            The shifted date.

        Raises:
            ValueError: The resulting year is outside 1..9999.

        Examples:
            >>> PartialDate(2020, 2, 29).anniversary(1)
            PartialDate('2021-02-28')
            >>> PartialDate(2019, 6, uncertain=True).anniversary(-9)
            PartialDate('2010-06?')

        """
        year = self.year + n
        day = self.day
        if day == 29 and self.month == 2 and not _is_leap(year):
            day = 28
        return PartialDate(
            year, self.month, day, uncertain=self.uncertain, approximate=self.approximate
        )

    def __str__(self) -> str:
        return self.edtf

    def __repr__(self) -> str:
        return f"PartialDate({self.edtf!r})"


def _edtf_end(end: PartialDate | Unbounded) -> str:
    return end.value if isinstance(end, Unbounded) else end.edtf


@attrs.frozen(repr=False, order=False)
class DateInterval(_Temporal):
    """The days from a start to an end, either of which may be unbounded.

    It covers the days from the start's first day to the end's last day:
    ``2019-06/2020`` runs from 2019-06-01 to 2020-12-31. Instances are
    immutable, hashable and picklable; equality is structural.

    Attributes:
        start: A [`PartialDate`][sinorussia.PartialDate], or `Unbounded`.
        end: A [`PartialDate`][sinorussia.PartialDate], or `Unbounded`.

    Raises:
        TypeError: An end is neither a ``PartialDate`` nor ``Unbounded``.
        ValueError: Both ends are unbounded, or the start's first day falls
            after the end's last day.

    Examples:
        >>> DateInterval(PartialDate(2021, 3, 23), PartialDate(2021, 12, 31))
        DateInterval('2021-03-23/2021-12-31')
        >>> DateInterval(Unbounded.OPEN, PartialDate(2013)).lower is None
        True

    """

    start: PartialDate | Unbounded
    end: PartialDate | Unbounded

    def __attrs_post_init__(self) -> None:
        start, end = self.start, self.end
        for name, value in (("start", start), ("end", end)):
            if not isinstance(value, PartialDate | Unbounded):
                raise TypeError(
                    f"interval {name} must be a PartialDate or Unbounded, "
                    f"not {type(value).__name__}: {value!r}"
                )
        if isinstance(start, PartialDate):
            lo = start._span[0]
            if isinstance(end, PartialDate):
                hi = end._span[1]
                if lo > hi:
                    raise ValueError(
                        f"interval ends before it starts: {start.edtf}/{end.edtf} "
                        f"(starts {start.lower}, ends {end.upper})"
                    )
            else:
                hi = _POS_INF
        elif isinstance(end, PartialDate):
            lo, hi = _NEG_INF, end._span[1]
        else:
            raise ValueError(
                f"interval has no known end: {start.value}/{end.value} "
                "(at most one end may be unbounded)"
            )
        _set(self, "_span", (lo, hi))

    @classmethod
    def parse(cls, text: str) -> DateInterval:
        """Parse an EDTF interval ``start/end``.

        Args:
            text: Two EDTF dates (see [`PartialDate.parse`][sinorussia.PartialDate.parse]) joined by
                ``/``; one of them may instead be ``..`` (open) or empty
                (unknown).

        Returns:
            The interval.

        Raises:
            TypeError: ``text`` is not a string.
            ValueError: ``text`` is not a supported EDTF interval; the message
                quotes it and says why.

        Examples:
            >>> DateInterval.parse("2013-03-22/..")
            DateInterval('2013-03-22/..')
            >>> DateInterval.parse("/2013-06?").end
            PartialDate('2013-06?')

        """
        if type(text) is not str:
            raise TypeError(f"EDTF text must be a str, not {type(text).__name__}: {text!r}")
        start_text, slash, end_text = text.partition("/")
        if not slash:
            raise ValueError(f"invalid EDTF interval {text!r}: expected 'start/end'")
        if "/" in end_text:
            raise ValueError(f"invalid EDTF interval {text!r}: more than one '/'")
        try:
            return cls(_parse_end(start_text), _parse_end(end_text))
        except ValueError as exc:
            raise ValueError(f"invalid EDTF interval {text!r}: {exc}") from None

    @property
    def lower(self) -> pendulum.Date | None:
        """The first day covered, or ``None`` when the start is unbounded.

        Examples:
            >>> DateInterval.parse("2019-06/2020").lower
            Date(2019, 6, 1)

        """
        start = self.start
        return None if isinstance(start, Unbounded) else start.lower

    @property
    def upper(self) -> pendulum.Date | None:
        """The last day covered, or ``None`` when the end is unbounded.

        Examples:
            >>> DateInterval.parse("2019-06/2020").upper
            Date(2020, 12, 31)

        """
        end = self.end
        return None if isinstance(end, Unbounded) else end.upper

    @functools.cached_property
    def _span(self) -> tuple[int, int]:
        start, end = self.start, self.end
        return (
            _NEG_INF if isinstance(start, Unbounded) else start._span[0],
            _POS_INF if isinstance(end, Unbounded) else end._span[1],
        )

    @functools.cached_property
    def edtf(self) -> str:
        """The EDTF spelling, e.g. ``2021-03-23/2021-12-31``, ``2013-03-22/..``, ``/2013``.

        Examples:
            >>> DateInterval(Unbounded.OPEN, PartialDate(2013)).edtf
            '../2013'

        """
        return f"{_edtf_end(self.start)}/{_edtf_end(self.end)}"

    @functools.cached_property
    def sort_key(self) -> tuple[int, int, str]:
        """The ordering key: (first day's ordinal, last day's ordinal, EDTF).

        An unbounded start counts as 0 and an unbounded end as one past the
        ordinal of ``datetime.date.max``, so they sort before and after every
        real day. See the module documentation.

        Examples:
            >>> DateInterval.parse("../2013").sort_key[0]
            0

        """
        lo, hi = self._span
        return lo, hi, self.edtf

    def anniversary(self, n: int) -> DateInterval:
        """Shift both known ends by ``n`` years.

        Unbounded ends stay as they are; February 29 becomes February 28 in a
        common year (see [`PartialDate.anniversary`][sinorussia.PartialDate.anniversary]).

        Args:
            n: Number of years to add.

        Returns:
            The shifted interval.

        Raises:
            ValueError: A shifted year is outside 1..9999.

        Examples:
            >>> DateInterval.parse("2013-03-22/..").anniversary(10)
            DateInterval('2023-03-22/..')

        """
        start, end = self.start, self.end
        return DateInterval(
            start if isinstance(start, Unbounded) else start.anniversary(n),
            end if isinstance(end, Unbounded) else end.anniversary(n),
        )

    def __str__(self) -> str:
        return self.edtf

    def __repr__(self) -> str:
        return f"DateInterval({self.edtf!r})"


When: TypeAlias = PartialDate | DateInterval
"""A single partial date or an interval."""


def _parse_end(text: str) -> PartialDate | Unbounded:
    if text == "..":
        return Unbounded.OPEN
    if not text:
        return Unbounded.UNKNOWN
    return PartialDate.parse(text)


def _diagnose(text: str) -> str:
    """Say why ``text`` does not match the date pattern (the error path only)."""
    if not text:
        return "empty string"
    if any(c.isspace() for c in text):
        return "whitespace is not allowed"
    if "/" in text:
        return "this is an interval; use DateInterval.parse or parse_edtf"
    if text == "..":
        return "'..' (open) is only valid as an interval end"
    if text[0] in "-+":
        return "signed (negative) years are not supported"
    if text[0] in "Yy":
        return "'Y' years are not supported"
    if any(c in "Tt:" for c in text):
        return "times are not supported"
    if re.fullmatch(r"[0-9Xx]{4}(?:-[0-9Xx]{2}){0,2}[?~%]?", text):
        return "unspecified digits ('X') are not supported"
    if any(c in "?~%" for c in text):
        return "a qualifier ('?', '~' or '%') may appear only once, after the whole date"
    if re.fullmatch(r"[0-9]{5,}.*", text):
        return "years of more than four digits are not supported"
    return _SHAPE


_ACCEPTED = (
    "PartialDate, DateInterval, int (a year), str (EDTF), datetime.date, "
    "datetime.datetime, pendulum.Interval, or a (start, end) tuple of single dates"
)


def parse_edtf(text: str) -> When:
    """Parse an EDTF date or interval in the supported subset.

    Args:
        text: An EDTF string; one with a ``/`` is an interval.

    Returns:
        A [`PartialDate`][sinorussia.PartialDate] or a [`DateInterval`][sinorussia.DateInterval].

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``text`` is not in the supported EDTF subset (see the
            module documentation); the message quotes it and says why.

    Examples:
        >>> parse_edtf("2020-04-18?")
        PartialDate('2020-04-18?')
        >>> parse_edtf("../2013")
        DateInterval('../2013')

    """
    if type(text) is str and "/" in text:
        return DateInterval.parse(text)
    return PartialDate.parse(text)


def _to_end(value: object) -> PartialDate | Unbounded:
    """Coerce one element of a ``(start, end)`` tuple."""
    if value is None:
        return Unbounded.OPEN
    if isinstance(value, PartialDate | Unbounded):
        return value
    if isinstance(value, DateInterval | tuple) or _is_pendulum_interval(value):
        raise TypeError(
            f"an interval end must be a single date, not {type(value).__name__}: {value!r}"
        )
    when = to_when(value)
    if isinstance(when, DateInterval):
        raise ValueError(f"an interval end must be a single date, not an interval: {value!r}")
    return when


def to_when(value: object) -> When:
    """Coerce a query value into a `PartialDate` or a `DateInterval`.

    Accepted:

    * a ``PartialDate`` or ``DateInterval``: returned as is;
    * an ``int``: that year (``bool`` is rejected);
    * a ``str``: parsed with [`parse_edtf`][sinorussia.parse_edtf];
    * a ``datetime.date`` or ``pendulum.Date``: that day;
    * a ``datetime.datetime`` or ``pendulum.DateTime``: its own calendar date
      (``.date()``, in whatever time zone it carries);
    * a ``pendulum.Interval``: the interval from its start's day to its end's
      day, both included;
    * a 2-tuple ``(start, end)`` whose items are each one of the single values
      above or ``Unbounded``; ``None`` means ``Unbounded.OPEN``.

    Args:
        value: The value to coerce.

    Returns:
        The value as a ``When``.

    Raises:
        TypeError: ``value`` is of none of the accepted types.
        ValueError: ``value`` has an accepted type but is invalid (a bad
            EDTF string, a year out of range, an interval ending before it
            starts, a tuple of two ``None``).

    Examples:
        >>> to_when(2020)
        PartialDate('2020')
        >>> to_when((datetime.date(2022, 2, 4), None))
        DateInterval('2022-02-04/..')

    """
    if isinstance(value, PartialDate | DateInterval):
        return value
    if isinstance(value, bool):
        raise TypeError(f"cannot use a bool as a date; expected {_ACCEPTED}")
    if isinstance(value, int):
        return PartialDate(int(value))
    if isinstance(value, str):
        return parse_edtf(value)
    if isinstance(value, datetime.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, datetime.date):
        return PartialDate.from_date(value)
    if _is_pendulum_interval(value):
        interval: pendulum.Interval[Any] = value  # type: ignore[assignment]
        return DateInterval(_interval_day(interval.start), _interval_day(interval.end))
    if isinstance(value, tuple):
        if len(value) != 2:
            raise TypeError(
                f"a (start, end) tuple must have two items, not {len(value)}: {value!r}"
            )
        return DateInterval(_to_end(value[0]), _to_end(value[1]))
    raise TypeError(f"cannot use {type(value).__name__} {value!r} as a date; expected {_ACCEPTED}")


_PENDULUM_DATE: Any = None


def _pendulum_date(year: int, month: int, day: int) -> pendulum.Date:
    """A pendulum ``Date``; pendulum is imported the first time one is asked for.

    Importing pendulum (and dateutil with it) is a third of the library's
    import time, and loading, querying and the timeline need none of it.
    """
    global _PENDULUM_DATE
    if _PENDULUM_DATE is None:
        from pendulum import Date

        _PENDULUM_DATE = Date
    return _PENDULUM_DATE(year, month, day)  # type: ignore[no-any-return]


def _is_pendulum_interval(value: object) -> bool:
    """Whether ``value`` is a pendulum ``Interval`` (none can exist before pendulum is imported)."""
    module = sys.modules.get("pendulum")
    return module is not None and isinstance(value, module.Interval)


def _interval_day(value: datetime.date) -> PartialDate:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return PartialDate.from_date(value)
