"""Names for what the public API accepts, used in every signature instead of ``object``.

Like httpx's ``_types``, this module names each kind of input once, so that the
signatures say what they take and ``mypy`` refuses the rest:
``ds.meetings.during([2020])`` is a type error.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeAlias

import pendulum

from ._dates import DateInterval, PartialDate, Unbounded
from ._model import Dating, Entity

__all__ = ["DateLike", "FieldValue", "KindLike", "PeriodLike", "RecordRef"]

DateLike: TypeAlias = int | str | datetime.date | PartialDate | DateInterval | Dating
"""A date as the queries take it: a year (``2020``), an EDTF string (``"2020-04"``,
``"2013/2015"``), a ``datetime.date`` or pendulum ``Date``, a ``PartialDate`` or
``DateInterval``, or a record's ``Dating`` (its best value)."""

PeriodLike: TypeAlias = (
    DateLike
    | pendulum.Interval[Any]
    | tuple[
        int | str | datetime.date | PartialDate | Unbounded | None,
        int | str | datetime.date | PartialDate | Unbounded | None,
    ]
)
"""A period: any ``DateLike``, a pendulum ``Interval``, or a ``(start, end)`` pair
whose ends are single dates, ``Unbounded`` or ``None`` (open)."""

RecordRef: TypeAlias = str | Entity
"""A record, its id, or (where the API resolves names) one of its names or aliases."""

KindLike: TypeAlias = str
"""A kind: a vocabulary member (``sr.MeetingKind.PHONE_CALL``) or its value
(``"phone_call"``); every vocabulary is a ``StrEnum``, so both are strings."""

FieldValue: TypeAlias = str | int | float | Entity | Dating | None
"""A value ``where()`` compares a field with: an id, a vocabulary value, a number ..."""
