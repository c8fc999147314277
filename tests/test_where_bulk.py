"""``where`` and ``of_type`` read many records' truths at once: the truths record by record."""

from __future__ import annotations

from typing import Any

import pytest

import sinorussia as sr
from sinorussia._dataset import SECTIONS
from sinorussia._plan import plan
from test_benchmarks import text_of


@pytest.fixture(scope="module")
def generated() -> sr.Dataset:
    """The benchmarks' synthetic data: every kind of field and date, many records."""
    return sr.loads(text_of(300))


def values(records: tuple[Any, ...], name: str) -> list[object]:
    """Values worth asking a field for: each distinct one the records hold, None, and items."""
    found: list[object] = [None]
    for record in records:
        value = getattr(record, name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            item = getattr(item, "who", item)  # a participant: asked by its actor
            if item is not None and item not in found:
                found.append(item)
        if isinstance(value, tuple) and value and value not in found:
            found.append(value)
    return found[:12]


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_each_field_s_bulk_truths_are_its_test_s(
    which: str, ds: sr.Dataset, generated: sr.Dataset
) -> None:
    """For every field of every section, and values it holds, both forms agree record by record."""
    data = ds if which == "bundled" else generated
    compared = 0
    for section in SECTIONS:
        collection = getattr(data, section.name)
        records = tuple(collection)
        classes = {type(record) for record in records}
        for cls in classes:
            mine = tuple(r for r in records if type(r) is cls)
            for step in plan(cls):
                for value in values(mine, step.name):
                    try:
                        test, bulk = collection._field_test(step, value)
                    except (sr.ArgumentError, sr.NotFound):
                        continue  # a value the field refuses (the API tests cover those)
                    expected = [bool(test(record)) for record in mine]
                    if bulk is not None:
                        assert list(map(bool, bulk(mine))) == expected, (cls, step.name, value)
                        compared += 1
    assert compared > 50


def test_where_gives_what_each_record_s_test_gives(generated: sr.Dataset) -> None:
    """End to end, on one class's records: the ids of the records whose field holds the value."""
    meetings = generated.meetings
    for kind in sr.MeetingKind:
        expected = tuple(m.id for m in meetings if m.kind is kind)
        assert meetings.where(kind=kind.value).ids == expected
    place = next(m.place for m in meetings if m.place is not None)
    assert meetings.where(place=place).ids == tuple(m.id for m in meetings if m.place == place)
    assert meetings.where(place=None).ids == tuple(m.id for m in meetings if m.place is None)
    first = meetings[0].participants[0].who
    assert meetings.where(participants=first).ids == tuple(
        m.id for m in meetings if any(p.who == first for p in m.participants)
    )
    # After an index narrowed the records, the check reads only those.
    narrowed = meetings.involving(first).where(kind="summit")
    assert narrowed.ids == tuple(
        m.id
        for m in meetings
        if m.kind is sr.MeetingKind.SUMMIT and first in {p.who for p in m.participants}
    )


def test_of_type_reads_every_record_s_class(ds: sr.Dataset) -> None:
    """``of_type`` keeps exactly the instances of the class, in order."""
    everything = ds.all()
    for cls in (sr.Meeting, sr.Person, sr.Leader, sr.Treaty):
        assert everything.of_type(cls).ids == tuple(r.id for r in everything if isinstance(r, cls))
