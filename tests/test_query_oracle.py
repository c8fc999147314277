"""The query planner's indexed fast path gives exactly the answers of a naive scan.

Random valid datasets (countries, a tree of places, leaders with offices, meetings
with partial or open-ended dates) are queried with random chains of filters; each
answer must equal, in content and in dataset order, what an oracle written here
from the records' public fields computes by looking at every record. The oracle
never touches the library's day ordinals (``_span``) or indexes: it compares the
pendulum dates of ``lower`` / ``upper``, with an unbounded end as minus or plus
infinity.
"""

from __future__ import annotations

import calendar
import datetime
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinorussia as sr

DOCUMENT = "doc"
PARAGRAPHS = 20
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- building blocks ------------------------------------------------------------


def cite(paragraph: int, basis: sr.Basis = sr.Basis.STATED) -> sr.Citation:
    """A citation of one paragraph of the test document."""
    note = "worked out for the test" if basis is sr.Basis.INFERRED else None
    return sr.Citation(basis=basis, document=DOCUMENT, paragraphs=(paragraph,), note=note)


paragraphs = st.integers(1, 6)  # few, so that cited_in often finds something
bases = st.sampled_from((sr.Basis.STATED, sr.Basis.INFERRED))
citations = st.builds(cite, paragraphs, bases)
flags = st.booleans()

# Mostly a few neighbouring years, so that dates collide and overlap; now and then
# the first and last years of the calendar, next to the library's infinities.
years = st.sampled_from((*range(1998, 2005), *range(1998, 2005), 1, 2, 9998, 9999))
precisions = st.sampled_from(sr.Precision)
# Few months and days, often the first and last ones, so that the first or last
# day of a record often falls on the first or last day of a query period.
months = st.sampled_from((1, 2, 6, 7, 12))
days_of_month = st.sampled_from((1, 2, 15, 28, 29, 30, 31))


@st.composite
def partial_dates(draw: st.DrawFn, precision: sr.Precision | None = None) -> sr.PartialDate:
    """A year, a month or a day, sometimes qualified (which never widens it)."""
    year = draw(years)
    precision = precision or draw(precisions)
    uncertain, approximate = draw(flags), draw(flags)
    if precision is sr.Precision.YEAR:
        return sr.PartialDate(year, uncertain=uncertain, approximate=approximate)
    month = draw(months)
    if precision is sr.Precision.MONTH:
        return sr.PartialDate(year, month, uncertain=uncertain, approximate=approximate)
    day = min(draw(days_of_month), calendar.monthrange(year, month)[1])  # 31: the last
    return sr.PartialDate(year, month, day, uncertain=uncertain, approximate=approximate)


shapes = st.sampled_from(("closed", "near-split", "open-start", "open-end"))
lengths = st.sampled_from((0, 1, 30, 364, 365, 399, 400, 401, 402, 800))
unbounded = st.sampled_from(sr.Unbounded)


@st.composite
def intervals(draw: st.DrawFn) -> sr.DateInterval:
    """Closed intervals short and long, ones near the 400-day index split, open ones."""
    shape = draw(shapes)
    if shape == "closed":
        a, b = draw(partial_dates()), draw(partial_dates())
        if a.lower > b.upper:
            a, b = b, a
        return sr.DateInterval(a, b)
    if shape == "near-split":
        start = draw(partial_dates(sr.Precision.DAY))
        last = start.lower.toordinal() + draw(lengths)
        if last > datetime.date.max.toordinal():  # past the end of the calendar
            return sr.DateInterval(start, start)
        return sr.DateInterval(start, sr.PartialDate.from_date(datetime.date.fromordinal(last)))
    end = draw(unbounded)
    known = draw(partial_dates())
    if shape == "open-start":
        return sr.DateInterval(end, known)
    return sr.DateInterval(known, end)


whens: st.SearchStrategy[sr.When] = st.one_of(partial_dates(), intervals())


@st.composite
def datings(draw: st.DrawFn) -> sr.Dating:
    """A dating of one claim, sometimes with a second, wider claim beside it."""
    when = draw(whens)
    claims = [sr.DateClaim(value=when, citation=draw(citations))]
    if when.lower is not None and draw(flags):
        year = sr.PartialDate(when.lower.year)  # overlaps the first claim
        claims.insert(draw(st.integers(0, 1)), sr.DateClaim(value=year, citation=draw(citations)))
    return sr.Dating(tuple(claims))


maybe_datings = st.none() | datings()
picks = st.integers(0, 1000)
"""An index into a list only known while drawing (taken modulo its length)."""


def pick(draw: st.DrawFn, items: Sequence[str]) -> str:
    """One of ``items``."""
    return items[draw(picks) % len(items)]


def consistent_end(start: sr.Dating | None, end: sr.Dating | None) -> sr.Dating | None:
    """``end``, or ``None`` where it would come before ``start``: a tenure may not."""
    if start is None or end is None or start.lower is None or end.upper is None:
        return end
    return None if start.lower > end.upper else end


def maybe(draw: st.DrawFn, items: Sequence[str]) -> str | None:
    """One of ``items``, or None (about one time in three)."""
    index = draw(picks) % (len(items) + max(1, len(items) // 2))
    return items[index] if index < len(items) else None


# -- random datasets ----------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """A random dataset and the records it was built from, in file order."""

    ds: sr.Dataset
    countries: tuple[sr.Country, ...]
    places: tuple[sr.Place, ...]
    leaders: tuple[sr.Leader, ...]
    offices: tuple[sr.Office, ...]
    meetings: tuple[sr.Meeting, ...]
    registry: dict[str, Any] = field(repr=False)

    @property
    def everything(self) -> tuple[Any, ...]:
        """Every record in dataset order (the order of ``ds.all()``)."""
        return (
            self.ds.documents[0],
            *self.countries,
            *self.places,
            *self.leaders,
            *self.offices,
            *self.meetings,
        )


roles = st.sampled_from(sr.Role)
office_roles = st.sampled_from(sr.OfficeRole)
statuses = st.sampled_from(sr.OfficeStatus)
meeting_kinds = st.sampled_from(sr.MeetingKind)
participant_citations = st.lists(citations, max_size=1).map(tuple)
who_picks = st.lists(picks, max_size=4)


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """A valid dataset: a document, countries, places, leaders, offices, meetings."""
    document = sr.Document(
        id=DOCUMENT, title="A test document", language="en", paragraphs=PARAGRAPHS, sha256="0" * 64
    )
    countries = tuple(
        sr.Country(id=f"country-{i}", citations=(draw(citations),), name=f"Country {i}")
        for i in range(draw(st.integers(1, 3)))
    )
    country_ids = [c.id for c in countries]
    places: list[sr.Place] = []
    for i in range(draw(st.integers(0, 3))):
        places.append(
            sr.Place(
                id=f"city-{i}",
                citations=(draw(citations),),
                name=f"City {i}",
                kind=sr.PlaceKind.CITY,
                within=pick(draw, country_ids),
            )
        )
    cities = [p.id for p in places]
    if cities:
        for i in range(draw(st.integers(0, 3))):
            places.append(
                sr.Place(
                    id=f"square-{i}",
                    citations=(draw(citations),),
                    name=f"Square {i}",
                    kind=sr.PlaceKind.SQUARE,
                    within=pick(draw, cities),
                )
            )
    if draw(flags):
        places.append(
            sr.Place(
                id="region-0", citations=(draw(citations),), name="Region", kind=sr.PlaceKind.REGION
            )
        )
    leaders: list[sr.Leader] = []
    offices: list[sr.Office] = []
    for i in range(draw(st.integers(3, 12))):
        leaders.append(
            sr.Leader(
                id=f"leader-{i}",
                citations=(draw(citations),),
                name=f"Leader {i}",
                nationality=maybe(draw, country_ids),
            )
        )
        start = draw(maybe_datings)
        end = consistent_end(start, draw(maybe_datings))
        offices.append(
            sr.Office(
                id=f"office-{i}",
                citations=(draw(citations),),
                person=f"leader-{i}",
                post="Post",
                role=draw(office_roles),
                organisation=(organisation := pick(draw, country_ids)),
                # an office is never accredited to its own state
                posted_to=maybe(draw, [c for c in country_ids if c != organisation]),
                start=start,
                end=end,
                status=sr.OfficeStatus.ENDED if end is not None else draw(statuses),
            )
        )
    actors = [*(leader.id for leader in leaders), *country_ids]
    where = [*(p.id for p in places), *country_ids]
    meetings: list[sr.Meeting] = []
    for i in range(draw(st.integers(0, 60))):
        who = dict.fromkeys(actors[n % len(actors)] for n in draw(who_picks))
        participants = tuple(
            sr.Participant(who=w, role=draw(roles), citations=draw(participant_citations))
            for w in who
        )
        meetings.append(
            sr.Meeting(
                id=f"meeting-{i}",
                citations=(draw(citations),),
                title=f"Meeting {i}",
                kind=draw(meeting_kinds),
                participants=participants,
                place=maybe(draw, where) if where else None,
                date=draw(maybe_datings),
            )
        )
    ds = sr.Dataset(
        documents=(document,),
        countries=countries,
        places=tuple(places),
        people=tuple(leaders),
        offices=tuple(offices),
        meetings=tuple(meetings),
    )
    registry = {r.id: r for r in (*countries, *places, *leaders, *offices, *meetings)}
    return World(
        ds, countries, tuple(places), tuple(leaders), tuple(offices), tuple(meetings), registry
    )


# -- the oracle: what each record says, read from its public fields ----------------

Bound: TypeAlias = tuple[int, datetime.date]
"""A date with a rank: (-1, ...) is minus infinity, (1, ...) plus infinity."""


def low(day: datetime.date | None) -> Bound:
    """A first day, ``None`` (unbounded) being minus infinity."""
    return (-1, datetime.date.min) if day is None else (0, day)


def high(day: datetime.date | None) -> Bound:
    """A last day, ``None`` (unbounded) being plus infinity."""
    return (1, datetime.date.min) if day is None else (0, day)


def record_bounds(record: object) -> tuple[Bound, Bound] | None:
    """The first and last day a record may cover; ``None`` when it has no date."""
    if isinstance(record, sr.Meeting):
        if record.date is None:
            return None
        return low(record.date.lower), high(record.date.upper)
    if isinstance(record, sr.Office):
        # A tenure runs from its start's first day to its end's last day; an
        # unknown start or end leaves that side unbounded.
        first = record.start.lower if record.start is not None else None
        last = record.end.upper if record.end is not None else None
        return low(first), high(last)
    return None


def period_bounds(when: sr.When) -> tuple[Bound, Bound]:
    """The first and last day of a query period."""
    return low(when.lower), high(when.upper)


def actors(world: World, record: object) -> set[str]:
    """Who a record involves, with the nationality of every person among them.

    A meeting involves its participants; an office its holder and state (and the
    state it is posted to).
    """
    if isinstance(record, sr.Meeting):
        direct = [p.who for p in record.participants]
    elif isinstance(record, sr.Office):
        direct = [record.person, record.organisation]
        if record.posted_to is not None:
            direct.append(record.posted_to)
    elif isinstance(record, sr.Person):
        direct = [record.id]
    elif isinstance(record, sr.Country):
        direct = [record.id]  # a country involves itself
    else:
        direct = []
    found = set(direct)
    for who in direct:
        other = world.registry.get(who)
        if isinstance(other, sr.Person) and other.nationality is not None:
            found.add(other.nationality)
    return found


def location(world: World, record: object) -> set[str]:
    """A record's place and every place or country that contains it."""
    if isinstance(record, sr.Meeting):
        place = record.place
    elif isinstance(record, sr.Place | sr.Country):
        place = record.id  # a place, or a country, is at itself
    else:
        place = None
    found: set[str] = set()
    while place is not None:
        found.add(place)
        parent = world.registry.get(place)
        place = parent.within if isinstance(parent, sr.Place) else None
    return found


def kind_of(record: object) -> str | None:
    """A record's kind; an office's role."""
    if isinstance(record, sr.Meeting | sr.Place):
        return record.kind.value
    if isinstance(record, sr.Office):
        return record.role.value
    return None


def citations_of(record: object) -> list[sr.Citation]:
    """Every citation anywhere in a record: its own, its dates', its participants'."""
    found = list(getattr(record, "citations", ()))
    datings: list[sr.Dating | None] = []
    if isinstance(record, sr.Meeting):
        datings.append(record.date)
        for participant in record.participants:
            found.extend(participant.citations)
    elif isinstance(record, sr.Office):
        datings.extend([record.start, record.end, record.attested])
    for dating in datings:
        if dating is not None:
            found.extend(claim.citation for claim in dating.claims)
    return found


# -- random queries -------------------------------------------------------------------

Keep: TypeAlias = Callable[[World, Any], bool]


@dataclass(frozen=True)
class Step:
    """One filter of a chain, and the oracle's test of a record for it."""

    method: str
    args: tuple[object, ...]
    kwargs: dict[str, object]
    keep: Keep = field(compare=False)

    def apply(self, collection: sr.Collection[Any]) -> sr.Collection[Any]:
        """The collection filtered by this step."""
        result: sr.Collection[Any] = getattr(collection, self.method)(*self.args, **self.kwargs)
        return result

    def __repr__(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f".{self.method}({', '.join(parts)})"


def anchored(draw: st.DrawFn, world: World) -> sr.When | None:
    """A period that begins or ends next to the first or last day of a record.

    Random periods rarely share a boundary day with a record, yet that is where
    a bisect search is off by one if it is off at all.
    """
    days = [
        day
        for record in (*world.meetings, *world.offices)
        for dating in (getattr(record, name, None) for name in ("date", "start", "end"))
        if dating is not None
        for day in (dating.lower, dating.upper)
        if day is not None
    ]
    if not days:
        return None
    ordinal = days[draw(picks) % len(days)].toordinal() + draw(st.sampled_from((-1, 0, 0, 1)))
    if not 1 <= ordinal <= datetime.date.max.toordinal():
        return None
    day = sr.PartialDate.from_date(datetime.date.fromordinal(ordinal))
    other = draw(partial_dates())
    shape = draw(st.sampled_from(("day", "from", "until", "open-from", "open-until")))
    if shape == "from" and other.upper >= day.lower:
        return sr.DateInterval(day, other)
    if shape == "until" and other.lower <= day.upper:
        return sr.DateInterval(other, day)
    if shape == "open-from":
        return sr.DateInterval(day, draw(unbounded))
    if shape == "open-until":
        return sr.DateInterval(draw(unbounded), day)
    return day


@st.composite
def periods(draw: st.DrawFn, world: World) -> tuple[object, sr.When]:
    """A query period in one of the forms ``during`` accepts, and its meaning."""
    when = anchored(draw, world) if draw(flags) else None
    if when is None:
        when = draw(whens)
    plain = when
    if isinstance(when, sr.PartialDate):
        plain = sr.PartialDate(when.year, when.month, when.day)
    forms: list[object] = [when, plain.edtf, sr.Dating.of(when, cite(1))]
    if isinstance(when, sr.PartialDate):
        if when.precision is sr.Precision.YEAR:
            forms.append(when.year)
        elif when.precision is sr.Precision.DAY:
            day = datetime.date(when.year, when.month or 1, when.day or 1)
            forms += [day, pendulum.Date(day.year, day.month, day.day)]
            forms.append(datetime.datetime(day.year, day.month, day.day, 12, 30))
    else:
        ends: list[object] = []
        for end in (when.start, when.end):
            if end is sr.Unbounded.OPEN:
                ends.append(draw(st.sampled_from([None, end])))
            elif isinstance(end, sr.PartialDate):
                ends.append(draw(st.sampled_from([end, end.edtf])))
            else:
                ends.append(end)
        forms.append((ends[0], ends[1]))
        start, end_ = when.start, when.end
        if (
            isinstance(start, sr.PartialDate)
            and isinstance(end_, sr.PartialDate)
            and start.precision is sr.Precision.DAY
            and end_.precision is sr.Precision.DAY
        ):
            forms.append(pendulum.Interval(start.lower, end_.lower))
    return draw(st.sampled_from(forms)), when


def date_step(method: str, value: object, when: sr.When, *, certain: bool) -> Step:
    """A during, before or after filter of a period (``value``, meaning ``when``)."""
    p_lo, p_hi = period_bounds(when)

    def keep(world: World, record: object) -> bool:
        bounds = record_bounds(record)
        if bounds is None:
            return False  # undated records never match a date filter
        r_lo, r_hi = bounds
        if method == "during":
            if certain:
                return r_lo >= p_lo and r_hi <= p_hi
            return r_lo <= p_hi and r_hi >= p_lo
        if method == "before":
            return r_hi < p_lo if certain else r_lo < p_lo
        return r_lo > p_hi if certain else r_hi > p_hi

    return Step(method, (value,), {"certain": certain}, keep)


@st.composite
def date_steps(draw: st.DrawFn, method: str, world: World) -> Step:
    """A during, before or after filter, possible or certain."""
    value, when = draw(periods(world))
    step = date_step(method, value, when, certain=draw(st.booleans()))
    if not step.kwargs["certain"] and draw(st.booleans()):
        step.kwargs.clear()  # the default
    return step


def involving_step(chosen: Sequence[object], wanted: set[str], match: str) -> Step:
    """An involving filter of the records or ids ``chosen`` (whose ids are ``wanted``)."""

    def keep(world: World, record: object) -> bool:
        found = actors(world, record)
        return wanted <= found if match == "all" else bool(wanted & found)

    return Step("involving", tuple(chosen), {"match": match}, keep)


@st.composite
def involving_steps(draw: st.DrawFn, world: World) -> Step:
    """An involving filter of one or two leaders or countries, all or any."""
    pool = [*world.leaders, *world.countries]
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique_by=lambda r: r.id))
    wanted = {r.id for r in chosen}
    match = draw(st.sampled_from(["all", "any"]))
    step = involving_step([r if draw(flags) else r.id for r in chosen], wanted, match)
    if match == "all" and draw(flags):
        step.kwargs.clear()  # the default
    return step


def at_step(place: str) -> Step:
    """An at filter of a place or a country."""
    return Step("at", (place,), {}, lambda world, record: place in location(world, record))


@st.composite
def at_steps(draw: st.DrawFn, world: World) -> Step:
    """An at filter of a place or a country."""
    return at_step(pick(draw, [*(p.id for p in world.places), *(c.id for c in world.countries)]))


@st.composite
def kind_steps(draw: st.DrawFn, target: str) -> Step:
    """An of_kind filter of one or two kinds of the target's records (any kind for all)."""
    vocabulary: list[enum.Enum] = {
        "meetings": [*sr.MeetingKind],
        "offices": [*sr.OfficeRole],
    }.get(target, [*sr.MeetingKind, *sr.OfficeRole, *sr.PlaceKind])
    kinds = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=2))
    values = {k.value for k in kinds}
    args = tuple(k if draw(st.booleans()) else k.value for k in kinds)
    return Step("of_kind", args, {}, lambda world, record: kind_of(record) in values)


@st.composite
def cited_steps(draw: st.DrawFn) -> Step:
    """A cited_in filter of a few paragraphs, maybe of one document and basis (one at least)."""
    wanted = draw(st.lists(paragraphs, max_size=3, unique=True))
    document = draw(st.sampled_from([None, DOCUMENT]))
    basis = draw(st.sampled_from([None, *sr.Basis]))
    if not wanted and document is None and basis is None:
        wanted = [draw(paragraphs)]
    kwargs: dict[str, object] = {}
    if document is not None:
        kwargs["document"] = document
    if basis is not None:
        kwargs["basis"] = draw(st.sampled_from([basis, basis.value]))

    def keep(world: World, record: object) -> bool:
        return any(
            (document is None or c.document == document)
            and (basis is None or c.basis is basis)
            and (not wanted or not set(wanted).isdisjoint(c.paragraphs))
            for c in citations_of(record)
        )

    return Step("cited_in", tuple(wanted), kwargs, keep)


TARGETS = ("meetings", "offices", "all")


def steps_for(world: World, target: str) -> st.SearchStrategy[Step]:
    """The filters that make sense for a target collection."""
    dates = [date_steps(method, world) for method in ("during", "before", "after")]
    common = [*dates, *dates, kind_steps(target), cited_steps(), at_steps(world)]
    if target == "all":
        return st.one_of(common)
    return st.one_of([*common, involving_steps(world), involving_steps(world)])


def target_of(world: World, target: str) -> tuple[sr.Collection[Any], tuple[Any, ...]]:
    """A collection to query, and its records in dataset order."""
    if target == "meetings":
        return world.ds.meetings, world.meetings
    if target == "offices":
        return world.ds.offices, world.offices
    return world.ds.all(), world.everything


def oracle(world: World, records: Sequence[Any], steps: Sequence[Step]) -> tuple[str, ...]:
    """The ids of the records that every step keeps, by looking at every record."""
    return tuple(r.id for r in records if all(s.keep(world, r) for s in steps))


def run(collection: sr.Collection[Any], steps: Sequence[Step]) -> sr.Collection[Any]:
    """A collection filtered by a chain of steps."""
    for step in steps:
        collection = step.apply(collection)
    return collection


# -- the properties ------------------------------------------------------------------


class TestIndexedEqualsScan:
    @SETTINGS
    @given(data=st.data())
    def test_chains_match_the_oracle(self, data: st.DataObject) -> None:
        """Chains of 1-3 filters give the oracle's records in dataset order, in any order."""
        world = data.draw(worlds(), label="world")
        asked: list[tuple[str, list[Step], tuple[str, ...]]] = []
        # Several queries on one dataset, so the cached indexes are reused.
        for _ in range(4):
            target = data.draw(st.sampled_from(TARGETS), label="target")
            collection, records = target_of(world, target)
            steps = data.draw(st.lists(steps_for(world, target), min_size=1, max_size=3))
            chain = collection
            for done, step in enumerate(steps, start=1):
                chain = step.apply(chain)
                if done < len(steps) and data.draw(st.booleans(), label="evaluate early"):
                    # A collection evaluated along the way is right, and so is
                    # the chain that goes on from it.
                    assert chain.ids == oracle(world, records, steps[:done]), steps[:done]
            expected = oracle(world, records, steps)
            if data.draw(st.booleans(), label="records first"):
                assert [r.id for r in chain] == list(expected)
            assert chain.ids == expected, (target, steps)
            assert [r.id for r in chain] == list(expected)
            assert len(chain) == len(expected)
            shuffled = data.draw(st.permutations(steps), label="shuffled")
            assert run(collection, shuffled).ids == expected, (target, shuffled)
            asked.append((target, steps, expected))
        # Asked again after the others (the answers remembered, the indexes
        # shared), every chain still gives the oracle's records.
        for target, steps, expected in asked:
            collection, records = target_of(world, target)
            again = run(collection, steps)
            assert tuple(r.id for r in again) == expected, (target, steps)
            assert again.ids == expected, (target, steps)

    @settings(SETTINGS, max_examples=100)
    @given(data=st.data())
    def test_every_single_filter_matches_the_oracle(self, data: st.DataObject) -> None:
        """Every place, and every date question alone and after each actor, is right.

        Each target collection is asked about every place, and about a few
        periods with each of during, before and after, possible and certain,
        alone and after involving each leader and country in turn.
        """
        world = data.draw(worlds(), label="world")
        places = [*(p.id for p in world.places), *(c.id for c in world.countries)]
        who = [*(r.id for r in world.leaders), *(c.id for c in world.countries)]
        for target in TARGETS:
            collection, records = target_of(world, target)
            for place in places:
                assert at_step(place).apply(collection).ids == oracle(
                    world, records, [at_step(place)]
                ), (target, place)
            for _ in range(3):
                value, when = data.draw(periods(world), label="period")
                for method in ("during", "before", "after"):
                    for certain in (False, True):
                        chain = [date_step(method, value, when, certain=certain)]
                        assert run(collection, chain).ids == oracle(world, records, chain), (
                            target,
                            chain,
                        )
                        if target == "all":
                            continue  # involving is for events and offices
                        for actor in who:
                            keyed = [involving_step([actor], {actor}, "all"), *chain]
                            assert run(collection, keyed).ids == oracle(world, records, keyed), (
                                target,
                                keyed,
                            )

    @settings(SETTINGS, max_examples=50)
    @given(data=st.data())
    def test_hand_built_collections_match_literally(self, data: st.DataObject) -> None:
        """A collection built by hand has no dataset: ids match only as written."""
        world = data.draw(worlds(), label="world")
        collection: sr.Collection[sr.Meeting] = sr.Collection(world.meetings, kind="meeting")
        pool = [*(r.id for r in world.leaders), *(c.id for c in world.countries)]
        who = data.draw(st.sampled_from(pool), label="who")
        where = data.draw(
            st.sampled_from([*(p.id for p in world.places), *(c.id for c in world.countries)]),
            label="where",
        )
        method = data.draw(st.sampled_from(("during", "before", "after")), label="method")
        date_step = data.draw(date_steps(method, world), label="date step")
        involved = [m for m in world.meetings if who in {p.who for p in m.participants}]
        assert collection.involving(who).ids == tuple(m.id for m in involved)
        assert collection.at(where).ids == tuple(m.id for m in world.meetings if m.place == where)
        assert date_step.apply(collection.involving(who)).ids == oracle(
            world, involved, [date_step]
        )

    @settings(SETTINGS, max_examples=100)
    @given(data=st.data())
    def test_broad_periods_match_the_oracle(self, data: st.DataObject) -> None:
        """Periods that nearly every record matches, and their opposites, after every actor.

        Most records match a broad period, so the index collects the few that
        do not and cuts them out of the key's records; a narrow one, its
        matches. Both are asked, alone and after each actor, possible and
        certain, twice (the second time from memory).
        """
        world = data.draw(worlds(), label="world")
        who = [*(r.id for r in world.leaders), *(c.id for c in world.countries)]
        everything = sr.DateInterval(sr.PartialDate(1), sr.PartialDate(9999))
        start, end = sr.PartialDate(1), sr.PartialDate(9999)
        questions: list[tuple[str, object, sr.When]] = [
            ("during", everything, everything),
            ("after", start, start),
            ("before", end, end),
            ("during", (None, "9999"), sr.DateInterval(sr.Unbounded.OPEN, end)),
        ]
        for target in ("meetings", "offices"):
            collection, records = target_of(world, target)
            for _ in range(2):
                for method, value, when in questions:
                    for certain in (False, True):
                        chain = [date_step(method, value, when, certain=certain)]
                        for actor in [None, *who]:
                            steps = chain
                            if actor is not None:
                                steps = [involving_step([actor], {actor}, "all"), *chain]
                            expected = oracle(world, records, steps)
                            found = run(collection, steps)
                            assert found.ids == expected, (target, steps)
                            assert tuple(r.id for r in found) == expected, (target, steps)
