"""Every argument is checked: a bad one is an ``sr.ArgumentError``, raised at the call.

The query and look-up API (``Collection``, ``Dataset``) takes ids, names, records,
periods, flags and numbers. Whatever it is given, it answers or raises one of the
library's own errors (``ArgumentError``, ``NotFound``, ``Ambiguous``, ``DataError``),
and it raises when it is called, never later when a lazy chain runs. The first classes
pin the examples of the issue and the messages; the last calls the whole API with
arbitrary arguments, chained, and accepts nothing but a result or an ``sr.Error``.
"""

from __future__ import annotations

import datetime
import inspect
import pickle
import time
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinorussia as sr


class TestArgumentError:
    def test_is_an_error_a_type_error_and_a_value_error(self) -> None:
        """ArgumentError is an sr.Error and both builtins callers caught before."""
        assert issubclass(sr.ArgumentError, sr.Error)
        assert issubclass(sr.ArgumentError, TypeError)
        assert issubclass(sr.ArgumentError, ValueError)
        assert not issubclass(sr.ArgumentError, LookupError)
        assert sr.ArgumentError.__module__ == "sinorussia"
        assert "ArgumentError" in sr.__all__

    def test_pickles(self, ds: sr.Dataset) -> None:
        """An ArgumentError pickles with its message."""
        with pytest.raises(sr.ArgumentError) as info:
            ds.meetings.during("2019-13")
        copy = pickle.loads(pickle.dumps(info.value))
        assert type(copy) is sr.ArgumentError
        assert str(copy) == str(info.value)


class TestTheIssuesExamples:
    def test_lookup_of_none(self, ds: sr.Dataset) -> None:
        """lookup(None) says it expected a string (it was an AttributeError)."""
        with pytest.raises(sr.ArgumentError) as info:
            ds.leaders.lookup(None)  # type: ignore[arg-type]
        assert str(info.value) == "lookup(text): expected a string, got NoneType None"
        with pytest.raises(sr.ArgumentError, match="lookup"):
            ds.lookup(None)  # type: ignore[arg-type]

    def test_cited_in_takes_paragraph_numbers_only(self, ds: sr.Dataset) -> None:
        """cited_in("12") and cited_in(True) raise (they returned () and paragraph 1)."""
        assert ds.statements.cited_in(12).ids == ("denisov-common-enemy",)
        with pytest.raises(sr.ArgumentError, match=r"cited_in\(paragraphs\): .* got str '12'"):
            ds.statements.cited_in("12")  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match="got bool True"):
            ds.statements.cited_in(True)
        for bad in (0, -1, 1.0):
            with pytest.raises(sr.ArgumentError, match="at least 1"):
                ds.statements.cited_in(bad)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"cited_in\(document\)"):
            ds.statements.cited_in(12, document=3)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"cited_in\(basis\): expected one of"):
            ds.statements.cited_in(12, basis="rumoured")

    def test_bad_edtf_keeps_the_parsers_message(self, ds: sr.Dataset) -> None:
        """during("2019-13") is an ArgumentError that keeps the parser's explanation."""
        with pytest.raises(sr.ArgumentError) as info:
            ds.meetings.during("2019-13")
        assert str(info.value) == (
            "during(period): invalid EDTF date '2019-13': month 13 is out of range 1..12"
        )
        with pytest.raises(sr.ArgumentError, match=r"before\(when\): .*bool"):
            ds.meetings.before(True)
        with pytest.raises(sr.ArgumentError, match=r"after\(when\): .*float"):
            ds.meetings.after(2020.0)  # type: ignore[arg-type]

    def test_long_bad_values_are_shortened(self, ds: sr.Dataset) -> None:
        """A huge bad value gives a short message, not the value written out."""
        with pytest.raises(sr.ArgumentError) as info:
            ds.meetings.during("2" * 100_000)
        assert len(str(info.value)) < 400
        with pytest.raises(sr.ArgumentError) as huge:
            ds.anniversaries(10**5000)
        assert len(str(huge.value)) < 400  # an int too long to print still gets a message
        with pytest.raises(sr.NotFound) as missing:
            ds.get("x" * 100_000)
        assert len(str(missing.value)) < 400

    def test_search_limit(self, ds: sr.Dataset) -> None:
        """search(limit=-1) raises; 0 gives nothing, None everything; a bool is no number."""
        for bad in (-1, True, 1.5, "3"):
            with pytest.raises(sr.ArgumentError, match=r"search\(limit\)"):
                ds.search("putin", limit=bad)  # type: ignore[arg-type]
        assert ds.search("putin", limit=0) == []
        assert len(ds.search("putin", limit=None)) >= len(ds.search("putin", limit=2)) == 2

    def test_search_and_lookup_text(self, ds: sr.Dataset) -> None:
        """Text to search for is a string of at most 1,000 characters, refused at once."""
        with pytest.raises(sr.ArgumentError, match=r"search\(text\): expected a string"):
            ds.search(b"putin")  # type: ignore[arg-type]
        began = time.perf_counter()
        with pytest.raises(sr.ArgumentError, match="at most 1,000 characters"):
            ds.lookup("a" * 100_000)
        with pytest.raises(sr.ArgumentError, match="at most 1,000 characters"):
            ds.meetings.involving("a" * 100_000)
        assert time.perf_counter() - began < 0.5
        with pytest.raises(sr.NotFound):
            ds.lookup("")

    def test_anniversaries(self, ds: sr.Dataset) -> None:
        """every=0, a bool, a float or a year outside 1..9999 raise."""
        with pytest.raises(sr.ArgumentError, match=r"anniversaries\(every\): .* at least 1"):
            ds.anniversaries(2021, every=0)
        for bad_every in (True, 2.0, None):
            with pytest.raises(sr.ArgumentError, match="every"):
                ds.anniversaries(2021, every=bad_every)  # type: ignore[arg-type]
        for bad_year in (True, 0, 10_000, -5, 2021.0, "2021", 10**100):
            with pytest.raises(sr.ArgumentError, match=r"anniversaries\(year\): .* 1 to 9999"):
                ds.anniversaries(bad_year)  # type: ignore[arg-type]

    def test_nothing_to_filter_by(self, ds: sr.Dataset) -> None:
        """involving(), of_kind() and with_status() with no arguments raise."""
        with pytest.raises(sr.ArgumentError, match="at least one person"):
            ds.meetings.involving()
        with pytest.raises(sr.ArgumentError, match="at least one kind"):
            ds.meetings.of_kind()
        with pytest.raises(sr.ArgumentError, match="at least one status"):
            ds.projects.with_status()

    def test_where(self, ds: sr.Dataset) -> None:
        """where() refuses unknown fields and values no field can hold; a record is its id."""
        with pytest.raises(sr.ArgumentError, match="Meeting has no field 'nonexistent'"):
            ds.meetings.where(nonexistent=1)
        for bad in ([1], {"a": 1}, True, b"x", object()):
            with pytest.raises(sr.ArgumentError, match=r"where\(count\): expected"):
                ds.meetings.where(count=bad)  # type: ignore[arg-type]
        wang = ds.people.get("wang-yi")
        assert ds.offices.where(person=wang) == ds.offices.where(person="wang-yi")
        assert ds.offices.where(person=wang).ids == (
            "wang-yi-state-councilor",
            "wang-yi-foreign-minister",
        )

    def test_filters_of_one_record_type(self, ds: sr.Dataset) -> None:
        """held_on on meetings, signed on offices ... raise an ArgumentError."""
        meetings: sr.Collection[Any] = ds.meetings
        with pytest.raises(sr.ArgumentError, match=r"held_on\(\) applies to offices"):
            meetings.held_on(2020)
        with pytest.raises(sr.ArgumentError, match=r"signed\(\) applies to treaties"):
            meetings.signed(before=2020)
        with pytest.raises(sr.ArgumentError, match=r"with_status\(statuses\): expected one of"):
            ds.projects.with_status("flying")

    def test_merge(self, ds: sr.Dataset) -> None:
        """merge(42) and an unknown on_conflict raise before anything is merged."""
        with pytest.raises(sr.ArgumentError, match=r"merge\(other\): expected a Dataset, got int"):
            ds.merge(42)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"merge\(on_conflict\)"):
            ds.merge(ds, on_conflict="overwrite")  # type: ignore[arg-type]

    def test_related(self, ds: sr.Dataset) -> None:
        """related(None) raises ArgumentError; an unknown id NotFound; a record works."""
        with pytest.raises(sr.ArgumentError, match=r"related\(record\)"):
            ds.related(None)  # type: ignore[arg-type]
        with pytest.raises(sr.NotFound):
            ds.related("no-such-record")
        assert ds.related(ds.get("wang-yi")) == ds.related("wang-yi")


class TestEveryArgument:
    def test_get(self, ds: sr.Dataset) -> None:
        """get() takes a string id, with or without a default; a default is still returned."""
        bad_ids: list[Any] = [None, 42, ["wang-yi"], ds.get("wang-yi")]
        for bad in bad_ids:
            with pytest.raises(sr.ArgumentError, match=r"get\(id\): expected a string"):
                ds.leaders.get(bad)
            with pytest.raises(sr.ArgumentError):
                ds.leaders.get(bad, None)
            with pytest.raises(sr.ArgumentError):
                ds.get(bad)
        assert ds.leaders.get("sergey-lavrov", None) is None

    def test_flags_are_bools(self, ds: sr.Dataset) -> None:
        """certain= takes True or False only: 1, None and "yes" raise, for every filter."""
        calls: list[Callable[[Any], object]] = [
            lambda c: ds.meetings.during(2020, certain=c),
            lambda c: ds.meetings.before(2020, certain=c),
            lambda c: ds.meetings.after(2020, certain=c),
            lambda c: ds.treaties.signed(before=2020, certain=c),
            lambda c: ds.treaties.signed(certain=c),
            lambda c: ds.treaties.in_force(on=2020, certain=c),
            lambda c: ds.offices.held_on(2020, certain=c),
            lambda c: ds.offices_on(2020, certain=c),
            lambda c: ds.timeline(certain=c),
        ]
        for call in calls:
            for bad in (1, 0, None, "yes"):
                with pytest.raises(sr.ArgumentError, match=r"certain\): expected True or False"):
                    call(bad)
            call(True)
            call(False)

    def test_references(self, ds: sr.Dataset) -> None:
        """involving, at and offices_on take ids, names or records; anything else raises."""
        with pytest.raises(sr.ArgumentError, match=r"involving\(who\): expected an id"):
            ds.meetings.involving(3)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"at\(place\)"):
            ds.meetings.at(None)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"offices_on\(person\)"):
            ds.offices_on(2020, person=3)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"involving\(match\): expected 'all' or 'any'"):
            ds.meetings.involving("china", match="some")  # type: ignore[arg-type]
        loose: sr.Collection[sr.Meeting] = sr.Collection(ds.meetings, kind="meeting")
        with pytest.raises(sr.ArgumentError, match=r"at\(place\)"):
            loose.at(1.5)  # type: ignore[arg-type]
        assert ds.meetings.involving(ds.get("xi-jinping")) == ds.meetings.involving("xi-jinping")

    def test_kinds(self, ds: sr.Dataset) -> None:
        """of_kind takes vocabulary values: a number or a value of no kind raises."""
        with pytest.raises(sr.ArgumentError, match=r"of_kind\(kinds\): expected a string"):
            ds.meetings.of_kind(3)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match="'stated' is not a kind of meetings"):
            ds.meetings.of_kind(sr.Basis.STATED)

    def test_functions_and_classes(self, ds: sr.Dataset) -> None:
        """filter() takes a function and of_type() a class, checked at the call."""
        with pytest.raises(sr.ArgumentError, match=r"filter\(predicate\): expected a function"):
            ds.meetings.filter(42)  # type: ignore[arg-type]
        bad_classes: list[Any] = [42, "Meeting", list[int]]
        for bad in bad_classes:
            with pytest.raises(sr.ArgumentError, match=r"of_type\(cls\): expected a class"):
                ds.meetings.of_type(bad)
        assert ds.all().of_type(sr.Treaty).ids == ds.treaties.ids

    def test_timeline(self, ds: sr.Dataset) -> None:
        """timeline() refuses bad dates and an end before the start."""
        with pytest.raises(sr.ArgumentError, match=r"timeline\(start\): invalid EDTF"):
            ds.timeline(start="2021-02-30")
        with pytest.raises(sr.ArgumentError, match="end 2019 comes before start 2021"):
            ds.timeline(start=2021, end=2019)
        assert ds.timeline(start=2021, end=2021)

    def test_tenure(self, ds: sr.Dataset, one_office: Callable[..., sr.Dataset]) -> None:
        """tenure() takes an office, its id or name, and a date; what it cannot measure fails."""
        for start in ("../2013", "/2013"):
            with pytest.raises(sr.ArgumentError, match="has no first day"):
                one_office(start=start, end=None).tenure("boss-office", on=2015)
        with pytest.raises(sr.ArgumentError, match="had ended"):
            one_office(start="2010", end="2013").tenure("boss-office", on=2014)
        with pytest.raises(sr.ArgumentError, match=r"tenure\(office\): expected an id, a name"):
            ds.tenure(None, on=2015)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"tenure\(on\)"):
            ds.tenure("xi-jinping-president-of-china", on="someday")
        with pytest.raises(sr.ArgumentError, match="unknown"):
            ds.tenure("vladimir-putin-president-of-russia", on=2015)
        with pytest.raises(sr.NotFound):
            ds.tenure("no-such-office", on=2015)
        open_ends: list[Any] = [("2015", None), "2015/..", "../2015"]
        for open_ended in open_ends:
            with pytest.raises(sr.ArgumentError, match=r"tenure\(on\): .* closed period"):
                ds.tenure("xi-jinping-president-of-china", on=open_ended)

    def test_collections_by_hand(self, ds: sr.Dataset) -> None:
        """Collection() takes records only; indexing takes whole numbers or slices."""
        bad_items: list[Any] = [42, "abc", [1, 2], [ds.get("china"), None]]
        for bad in bad_items:
            with pytest.raises(sr.ArgumentError, match=r"Collection\(items\)"):
                sr.Collection(bad)
        with pytest.raises(sr.ArgumentError, match=r"Collection\(kind\)"):
            sr.Collection(ds.meetings, kind=None)  # type: ignore[arg-type]
        with pytest.raises(sr.ArgumentError, match=r"Collection\[index\]"):
            ds.meetings[True]
        with pytest.raises(sr.ArgumentError, match=r"Collection\[index\]"):
            ds.meetings["xi-state-visit-russia-2013"]  # type: ignore[call-overload]
        with pytest.raises(IndexError):
            ds.meetings[1000]  # a sequence still says IndexError past its end
        assert ds.meetings[-1] == ds.meetings[len(ds.meetings) - 1]

    def test_membership(self, ds: sr.Dataset) -> None:
        """``x in ds`` is False for anything that is not an id, even an unhashable value."""
        assert "china" in ds
        assert [] not in ds
        assert {"id": "china"} not in ds
        assert 42 not in ds

    def test_errors_come_at_the_call_not_later(self, ds: sr.Dataset) -> None:
        """A bad argument raises when the filter is called, before the chain runs."""
        lazy = ds.meetings.involving("china")
        with pytest.raises(sr.ArgumentError):
            lazy.during("2019-13")
        with pytest.raises(sr.ArgumentError):
            lazy.where(count=[1])  # type: ignore[arg-type]


# -- arbitrary arguments ----------------------------------------------------------------

BUNDLED = sr.load()
RECORDS = list(BUNDLED.records())
VOCABULARIES = (
    sr.Basis,
    sr.Confidence,
    sr.HappeningKind,
    sr.MeetingKind,
    sr.OfficeRole,
    sr.OfficeStatus,
    sr.OrganisationKind,
    sr.PlaceKind,
    sr.Precision,
    sr.ProjectStatus,
    sr.Role,
    sr.Sector,
    sr.StatementKind,
    sr.TreatyKind,
    sr.Unbounded,
)
FIELDS = sorted(
    {field.name for record in RECORDS for field in attrs.fields(type(record))} | {"nonexistent"}
)
NAMES = ["Lavrov", "Xi", "Xi Jinping", "Лавров", "习近平", "Power of Siberia", "Moscow", "Wang"]
EDTF = [
    "2020",
    "2020-04",
    "2020-04-18",
    "2013/2015",
    "2020-04/..",
    "../2020",
    "/2020",
    "2020?",
    "2020~",
    "2020%",
    "2020-13",
    "2019-02-29",
    "2019/2018",
    "..",
    "../..",
    "2019-21",
    "Y20190",
    "-2019",
    "+2019",
    "0000",
    "9999-12-31",
    "2019-1-1",
    "\uff12\uff10\uff11\uff19",  # fullwidth digits
    "2020/2020-13",
]


class Broken:
    """An object whose repr, equality and hash all raise."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no eq")

    def __hash__(self) -> int:
        raise RuntimeError("no hash")


pendulum_dates = st.dates(min_value=datetime.date(1, 1, 1)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)
scalars: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 1, 9999, 10_000, 10**100, -(10**100), 2**63]),
    st.builds(pow, st.just(10), st.just(5000)),  # too long to print (sampled, it breaks repr)
    st.floats(),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 2020.0, -0.0]),
    st.text(max_size=20),
    st.sampled_from(EDTF),
    st.sampled_from(NAMES),
    st.sampled_from([r.id for r in RECORDS]),
    st.sampled_from(["", " ", "\x1b[31mred", "\u200b", "\ud800Moscow", "a" * 100_000, "2020" * 50]),
    st.binary(max_size=8),
    st.sampled_from(RECORDS),
    st.sampled_from([m for vocabulary in VOCABULARIES for m in vocabulary]),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(datetime.UTC)),
    pendulum_dates,
    st.builds(pendulum.interval, pendulum_dates, pendulum_dates),
    st.builds(sr.PartialDate, st.integers(1, 9999)),
    st.sampled_from(EDTF[:7]).map(sr.parse_edtf),
    st.sampled_from([r.dating for r in RECORDS if r.dating is not None]),
    st.builds(Broken),  # sampled, its repr would break the strategy's own description
    st.sampled_from([object(), int, str, type, sr.Meeting, sr.Entity, list[int]]),
    st.sampled_from([BUNDLED, BUNDLED.meetings, BUNDLED.offices.during(1000)]),
)
values: st.SearchStrategy[object] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.lists(children, max_size=3).map(tuple),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=2),
    ),
    max_leaves=5,
)

ids = st.sampled_from([r.id for r in RECORDS])
some_periods = st.one_of(
    st.sampled_from(EDTF[:10]),
    st.integers(1990, 2025),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2025, 12, 31)),
    st.sampled_from([r.dating for r in RECORDS if r.dating is not None]),
    st.tuples(st.sampled_from(["2013", None, sr.Unbounded.OPEN]), st.sampled_from(["2021", None])),
)
PLAUSIBLE: dict[str, st.SearchStrategy[object]] = {
    "id": ids,
    "text": st.sampled_from(NAMES) | ids | st.text(max_size=12),
    "limit": st.none() | st.integers(0, 5),
    "who": ids | st.sampled_from(NAMES) | st.sampled_from(RECORDS),
    "match": st.sampled_from(["all", "any"]),
    "period": some_periods,
    "when": some_periods,
    "on": some_periods,
    "before": st.none() | some_periods,
    "after": st.none() | some_periods,
    "start": st.none() | some_periods,
    "end": st.none() | some_periods,
    "certain": st.booleans(),
    "place": st.sampled_from(["russia", "china", "moscow", "red-square", "Moscow"]),
    "kinds": st.sampled_from([m.value for v in VOCABULARIES for m in v]),
    "paragraphs": st.integers(1, 30),
    "document": st.sampled_from(["article", "elsewhere"]),
    "basis": st.sampled_from(sr.Basis),
    "cls": st.sampled_from([sr.Meeting, sr.Treaty, sr.Office, sr.Record, sr.Leader, int]),
    "statuses": st.sampled_from(sr.ProjectStatus),
    "year": st.integers(1940, 2030),
    "every": st.integers(1, 10),
    "person": st.sampled_from(["xi-jinping", "Lavrov", "wang-yi", "china", None]),
    "office": st.sampled_from([r.id for r in BUNDLED.offices] + list(BUNDLED.offices)),
    "other": st.just(BUNDLED),
    "on_conflict": st.sampled_from(["error", "replace", "keep"]),
    "record": ids | st.sampled_from(RECORDS),
    "predicate": st.sampled_from([lambda record: True, lambda record: "2020" in record.id]),
}
"""For each parameter, values it may well take, so that chains go on and valid values
meet bad ones; half the draws are arbitrary values instead."""


def argument(draw: st.DrawFn, name: str) -> object:
    """A value for the parameter ``name``: plausible or arbitrary, in equal measure."""
    plausible = PLAUSIBLE.get(name)
    if plausible is not None and draw(st.booleans()):
        return draw(plausible, label=name)
    return draw(values, label=name)


COLLECTION_METHODS = (
    "get",
    "lookup",
    "search",
    "involving",
    "during",
    "before",
    "after",
    "at",
    "of_kind",
    "cited_in",
    "where",
    "filter",
    "of_type",
    "by_date",
    "signed",
    "in_force",
    "with_status",
    "held_on",
)
DATASET_METHODS = (
    "get",
    "lookup",
    "search",
    "related",
    "timeline",
    "anniversaries",
    "offices_on",
    "tenure",
    "merge",
)


def collections() -> list[sr.Collection[Any]]:
    """Collections of every section, mixed, empty, filtered and hand-built."""
    ds = BUNDLED
    return [
        ds.meetings,
        ds.offices,
        ds.treaties,
        ds.projects,
        ds.people,
        ds.leaders,
        ds.events,
        ds.all(),
        ds.places.at("russia"),
        ds.meetings.during(1000),
        sr.Collection(ds.treaties, kind="treaty"),
        sr.Collection(),
    ]


@st.composite
def calls(draw: st.DrawFn, target: object, names: tuple[str, ...]) -> tuple[str, Any, Any]:
    """A method of ``target`` and arguments of the right shape (any values at all)."""
    name = draw(st.sampled_from(names), label="method")
    method = getattr(target, name)
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for parameter in inspect.signature(method).parameters.values():
        kind, optional = parameter.kind, parameter.default is not inspect.Parameter.empty
        if kind is parameter.VAR_POSITIONAL:
            count = draw(st.integers(0, 3), label=f"number of {parameter.name}")
            args.extend(argument(draw, parameter.name) for _ in range(count))
        elif kind is parameter.VAR_KEYWORD:
            for _ in range(draw(st.integers(0, 2), label="number of fields")):
                field = draw(st.sampled_from(FIELDS) | st.text(max_size=8), label="field")
                kwargs[field] = draw(ids | values, label=field)
        elif optional and not draw(st.booleans()):
            continue
        elif kind is parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = argument(draw, parameter.name)
        else:
            args.append(argument(draw, parameter.name))
    if name == "filter" and args and callable(args[0]):
        args[0] = draw(st.sampled_from([bool, lambda record: True, lambda record: False]))
    return name, tuple(args), kwargs


def force(result: object) -> None:
    """Use a result fully: run a lazy chain, read each entry, match and tenure."""
    if isinstance(result, sr.Collection):
        len(result)
        assert len(result.ids) == len(result)
        repr(result)
    elif isinstance(result, list):
        for item in result:
            str(item.date) if isinstance(item, sr.Anniversary) else str(item)
    elif isinstance(result, sr.Tenure | sr.Dataset | sr.Entity):
        str(result)


def outcome(target: object, name: str, args: Any, kwargs: Any) -> object | None:
    """Call; return the result, or None for one of the library's own errors.

    Anything else escapes and fails the test, and so does an error raised only
    once the result is used (a bad argument must be refused at the call).
    """
    try:
        result: object = getattr(target, name)(*args, **kwargs)
    except sr.Error as exc:
        error = exc
    else:
        force(result)
        return result
    assert isinstance(error, sr.ArgumentError | sr.NotFound | sr.DataError), error
    assert str(error)
    return None


ARBITRARY = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class TestArbitraryArguments:
    @ARBITRARY
    @given(data=st.data())
    def test_collection_methods(self, data: st.DataObject) -> None:
        """Any collection method, any arguments: a result or an sr.Error, at the call."""
        collection = data.draw(st.sampled_from(collections()), label="collection")
        name, args, kwargs = data.draw(calls(collection, COLLECTION_METHODS))
        outcome(collection, name, args, kwargs)

    @ARBITRARY
    @given(data=st.data())
    def test_dataset_methods(self, data: st.DataObject) -> None:
        """Any dataset method, any arguments: a result or an sr.Error, at the call."""
        name, args, kwargs = data.draw(calls(BUNDLED, DATASET_METHODS))
        outcome(BUNDLED, name, args, kwargs)

    @ARBITRARY
    @given(data=st.data())
    def test_chains(self, data: st.DataObject) -> None:
        """Chains of up to four calls on what each call returns stay within sr.Error."""
        target: object = data.draw(st.sampled_from([BUNDLED, *collections()]), label="start")
        for _ in range(4):
            names = DATASET_METHODS if isinstance(target, sr.Dataset) else COLLECTION_METHODS
            name, args, kwargs = data.draw(calls(target, names))
            result = outcome(target, name, args, kwargs)
            if isinstance(result, sr.Collection | sr.Dataset):
                target = result
