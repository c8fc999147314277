"""The fast integrity check gives exactly the problems of the detailed one.

The oracle is ``check(..., fast=False)``: every record checked on its own,
each id looked up one by one. The fast check (sections taken whole, records
screened in bulk) must agree with it on valid datasets and on every kind of
problem, mixed at random: the same problems in the same order, the same
records and the same registry. The screen itself must say "clean" exactly when
the record-by-record loop finds nothing, and the cycle rule is compared with a
brute-force walk.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia._dataset import SECTIONS, _Checker, check
from sinorussia._fields import FieldError
from sinorussia._model import Citation, DateClaim, Dating
from sinorussia._vocab import Basis

Sections = dict[str, list[Any]]
Mutation = Callable[[Sections, int], None]


@pytest.fixture(scope="module")
def base() -> dict[str, tuple[Any, ...]]:
    """The bundled dataset's records by section (fresh objects, not the session's)."""
    return sr.load().sections()


def copied(sections: dict[str, tuple[Any, ...]]) -> Sections:
    """The sections as lists to change (the records themselves are shared)."""
    return {name: list(records) for name, records in sections.items()}


def frozen(sections: Sections) -> dict[str, tuple[Any, ...]]:
    """The sections as ``check`` takes them."""
    return {name: tuple(records) for name, records in sections.items()}


def both(sections: Sections) -> list[sr.Problem]:
    """The problems of the fast check, asserted equal to the detailed check's answer."""
    given = frozen(sections)
    fast_records, fast_registry, fast_problems = check(given)
    slow_records, slow_registry, slow_problems = check(given, fast=False)
    assert fast_problems == slow_problems
    assert fast_records == slow_records
    for name, records in fast_records.items():
        assert [type(r) for r in records] == [type(r) for r in slow_records[name]]
    assert list(fast_registry.items()) == list(slow_registry.items())
    return fast_problems


def screen_and_loop(sections: Sections) -> tuple[bool, list[sr.Problem]]:
    """What the bulk screen says, and what the record-by-record loop finds, on one registry."""
    given = frozen(sections)
    records, registry, _ = check(given, fast=False)
    documents = {document.id: document for document in records["documents"]}
    groups: dict[type, list[Any]] = {}
    for section in SECTIONS:
        for record in given.get(section.name, ()):
            if isinstance(record, section.cls):
                groups.setdefault(type(record), []).append(record)
    clean = _Checker(registry, [], documents).screen(groups.items())
    loop = _Checker(registry, [], documents)
    for section in SECTIONS:
        for index, record in enumerate(given.get(section.name, ())):
            if isinstance(record, section.cls):
                loop.record(record, (section.name, index))
    return clean, loop.problems


def pick(records: list[Any], n: int) -> int:
    """An index into ``records`` chosen by ``n``."""
    return n % len(records)


def change(sections: Sections, name: str, n: int, **fields: Any) -> None:
    """Replace the ``n``-th record of a section by a copy with other field values."""
    records = sections[name]
    index = pick(records, n)
    records[index] = attrs.evolve(records[index], **fields)


def first_id(sections: Sections, name: str, n: int = 0) -> str:
    """The id of a record of a section."""
    records = sections[name]
    return str(records[pick(records, n)].id)


def stated(paragraph: int, document: str = "article") -> Citation:
    """A citation of one paragraph."""
    return Citation(basis=Basis.STATED, document=document, paragraphs=(paragraph,))


# -- the kinds of problem, each applied to the n-th record of a section -------------------


def missing_place(sections: Sections, n: int) -> None:
    """A meeting at a place that is not in the dataset."""
    change(sections, "meetings", n, place="atlantis")


def place_of_wrong_class(sections: Sections, n: int) -> None:
    """A meeting at a person."""
    change(sections, "meetings", n, place=first_id(sections, "people"))


def unknown_participant(sections: Sections, n: int) -> None:
    """A participant who is not in the dataset."""
    meetings = sections["meetings"]
    meeting = meetings[pick(meetings, n)]
    first = attrs.evolve(meeting.participants[0], who="nobody-at-all")
    change(sections, "meetings", n, participants=(first, *meeting.participants[1:]))


def unknown_party(sections: Sections, n: int) -> None:
    """A treaty party that is not in the dataset (one of several ids)."""
    treaties = sections["treaties"]
    treaty = treaties[pick(treaties, n)]
    parties = tuple(p for p in treaty.parties if p != "narnia")
    change(sections, "treaties", n, parties=(*parties, "narnia"))


def wrong_party(sections: Sections, n: int) -> None:
    """A treaty party that is a place."""
    treaties = sections["treaties"]
    treaty = treaties[pick(treaties, n)]
    place = first_id(sections, "places")
    change(sections, "treaties", n, parties=(place, *(p for p in treaty.parties if p != place)))


def unknown_document(sections: Sections, n: int) -> None:
    """A record of some section citing an unknown document."""
    name = SECTIONS[1 + n % (len(SECTIONS) - 1)].name
    if sections[name]:
        record = sections[name][pick(sections[name], n)]
        change(sections, name, n, citations=(*record.citations, stated(1, "no-such-doc")))


def paragraph_out_of_range(sections: Sections, n: int) -> None:
    """A place citing paragraphs the article does not have."""
    places = sections["places"]
    place = places[pick(places, n)]
    bad = Citation(basis=Basis.STATED, document="article", paragraphs=(2, 999, 1000))
    change(sections, "places", n, citations=(bad, *place.citations))


def shared_bad_citation(sections: Sections, n: int) -> None:
    """One bad citation object, cited by several records of several classes."""
    bad = stated(10_000)
    for name in ("countries", "places", "meetings", "statements"):
        for k in (n, n + 1):
            record = sections[name][pick(sections[name], k)]
            change(sections, name, k, citations=(*record.citations, bad))


def shared_good_citation(sections: Sections, n: int) -> None:
    """One good citation object everywhere: no problem (unless others make one)."""
    good = stated(1)
    for name in ("places", "meetings"):
        for k in range(n, n + 3):
            record = sections[name][pick(sections[name], k)]
            change(sections, name, k, citations=(good, *record.citations))


def disagreeing_dates(sections: Sections, n: int) -> None:
    """A meeting whose date claims do not all overlap."""
    claims = (
        DateClaim(value=Dating.of("2001", stated(1)).best, citation=stated(1)),
        DateClaim(value=Dating.of("2003-05", stated(1)).best, citation=stated(2)),
        DateClaim(value=Dating.of("2001-02", stated(1)).best, citation=stated(3)),
    )
    change(sections, "meetings", n, date=Dating(claims))


def agreeing_dates(sections: Sections, n: int) -> None:
    """A happening with two claims that overlap: no problem."""
    claims = (
        DateClaim(value=Dating.of("2001", stated(1)).best, citation=stated(1)),
        DateClaim(value=Dating.of("2001-02", stated(1)).best, citation=stated(2)),
    )
    change(sections, "happenings", n, date=Dating(claims))


def bad_claim_citation(sections: Sections, n: int) -> None:
    """A date claim citing a paragraph out of range."""
    meetings = sections["meetings"]
    meeting = meetings[pick(meetings, n)]
    if meeting.date is not None:
        claim = attrs.evolve(meeting.date.claims[0], citation=stated(5000))
        change(sections, "meetings", n, date=Dating((claim, *meeting.date.claims[1:])))


def place_cycle(sections: Sections, n: int) -> None:
    """Two places within each other."""
    places = sections["places"]
    i, j = pick(places, n), pick(places, n + 1)
    change(sections, "places", i, within=places[j].id)
    change(sections, "places", j, within=places[i].id)


def commemoration_cycle(sections: Sections, n: int) -> None:
    """Two meetings commemorating each other."""
    meetings = sections["meetings"]
    i, j = pick(meetings, n), pick(meetings, n + 3)
    change(sections, "meetings", i, commemorates=meetings[j].id)
    change(sections, "meetings", j, commemorates=meetings[i].id)


def commemorates_later(sections: Sections, n: int) -> None:
    """The earliest meeting commemorating the latest."""
    meetings = sections["meetings"]
    dated = [m for m in meetings if m.date is not None]
    latest = max(dated, key=lambda m: m.date.best._span[0])
    earliest = min(dated, key=lambda m: m.date.best._span[1])
    change(sections, "meetings", meetings.index(earliest), commemorates=latest.id)


def duplicate_in_section(sections: Sections, n: int) -> None:
    """A meeting given twice."""
    meetings = sections["meetings"]
    meetings.append(meetings[pick(meetings, n)])  # the very same object, twice


def duplicate_across_sections(sections: Sections, n: int) -> None:
    """A place with a country's id."""
    places = sections["places"]
    places.append(attrs.evolve(places[pick(places, n)], id=first_id(sections, "countries", n)))


def duplicate_later(sections: Sections, n: int) -> None:
    """A statement, first of its section, with a meeting's id."""
    statements = sections["statements"]
    copy = attrs.evolve(statements[pick(statements, n)], id=first_id(sections, "meetings", n))
    statements.insert(0, copy)


def leader_without_office(sections: Sections, n: int) -> None:
    """A ``Leader`` whom no office names."""
    people = sections["people"]
    person = people[pick(people, n)]
    fields = {f.name: getattr(person, f.name) for f in attrs.fields(sr.Person)}
    sections["people"].append(sr.Leader(**{**fields, "id": "lonely-leader"}))


def wrong_class(sections: Sections, n: int) -> None:
    """A place among the organisations."""
    sections["organisations"].insert(0, sections["places"][pick(sections["places"], n)])


def plain_person(sections: Sections, n: int) -> None:
    """A leader given as a plain ``Person``: no problem, it becomes a ``Leader``."""
    people = sections["people"]
    index = pick(people, n)
    person = people[index]
    if isinstance(person, sr.Leader):
        people[index] = person.as_person()


def office_of_unknown_person(sections: Sections, n: int) -> None:
    """An office held by nobody in the dataset."""
    change(sections, "offices", n, person="mr-nobody")


MUTATIONS: tuple[Mutation, ...] = (
    missing_place,
    place_of_wrong_class,
    unknown_participant,
    unknown_party,
    wrong_party,
    unknown_document,
    paragraph_out_of_range,
    shared_bad_citation,
    disagreeing_dates,
    bad_claim_citation,
    place_cycle,
    commemoration_cycle,
    commemorates_later,
    duplicate_in_section,
    duplicate_across_sections,
    duplicate_later,
    leader_without_office,
    wrong_class,
    office_of_unknown_person,
)
HARMLESS: tuple[Mutation, ...] = (shared_good_citation, agreeing_dates, plain_person)


# -- the tests ------------------------------------------------------------------------------


def test_valid_dataset_is_screened_clean(base: dict[str, tuple[Any, ...]]) -> None:
    """The bundled dataset passes the screen, so the fast check never walks it record by record."""
    sections = copied(base)
    assert both(sections) == []
    assert screen_and_loop(sections) == (True, [])


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("n", [0, 1, 5])
def test_each_problem(base: dict[str, tuple[Any, ...]], mutation: Mutation, n: int) -> None:
    """Each kind of problem is found, the same by both checks."""
    sections = copied(base)
    mutation(sections, n)
    assert both(sections), f"{mutation.__name__} made no problem"
    clean, found = screen_and_loop(sections)
    assert clean == (not found)


@pytest.mark.parametrize("mutation", HARMLESS, ids=lambda m: m.__name__)
def test_harmless_changes(base: dict[str, tuple[Any, ...]], mutation: Mutation) -> None:
    """Shared good citations, agreeing claims and plain persons pass both checks."""
    sections = copied(base)
    mutation(sections, 2)
    assert both(sections) == []
    assert screen_and_loop(sections) == (True, [])


def test_duplicate_is_located_where_first_seen(base: dict[str, tuple[Any, ...]]) -> None:
    """A place reusing a country's id (a section taken whole) points at the country."""
    sections = copied(base)
    duplicate_across_sections(sections, 1)
    problems = both(sections)
    country = first_id(sections, "countries", 1)
    index = [c.id for c in sections["countries"]].index(country)
    assert [(p.path, p.message) for p in problems] == [
        (f"$.places[{len(base['places'])}].id", f"duplicate id, first used at $.countries[{index}]")
    ]


@given(
    st.lists(
        st.tuples(st.sampled_from(MUTATIONS + HARMLESS), st.integers(0, 100)),
        min_size=0,
        max_size=5,
    )
)
def test_random_mixtures(changes: list[tuple[Mutation, int]]) -> None:
    """Any mixture of problems gives the same problems, in the same order, by both checks."""
    sections = copied(_BASE)
    for mutation, n in changes:
        # A change may make a record invalid in itself (a place within itself): skip it.
        with contextlib.suppress(FieldError):
            mutation(sections, n)
    both(sections)
    clean, found = screen_and_loop(sections)
    assert clean == (not found)


_BASE = sr.load().sections()


# -- cycles, against a brute-force walk -------------------------------------------------------


def in_cycle(links: dict[str, str | None], start: str) -> bool:
    """Whether following links from ``start`` ever comes back to a record already passed."""
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current in links:
        if current in seen:
            return True
        seen.add(current)
        current = links[current]
    return False


@given(st.lists(st.one_of(st.none(), st.integers(0, 12), st.just(-1)), min_size=1, max_size=12))
def test_place_cycles_against_brute_force(targets: list[int | None]) -> None:
    """The places reported in a cycle are those whose chain of ``within`` comes back on itself."""
    template = _BASE["places"][0]
    ids = [f"place-{i}" for i in range(len(targets))]

    def target(t: int | None) -> str | None:
        if t is None:
            return None
        return "russia" if t < 0 or t >= len(ids) else ids[t]  # a country, or a place

    places = [
        attrs.evolve(template, id=ids[i], within=target(t), aliases=())
        for i, t in enumerate(targets)
    ]
    sections = copied(_BASE)
    sections["places"] = places + [p for p in sections["places"] if p.id != "moscow"]
    sections["places"] = [p for p in sections["places"] if p.within != "moscow"]
    sections["meetings"] = [m for m in sections["meetings"] if m.place is None]
    sections["happenings"] = []
    sections["treaties"] = []
    sections["projects"] = []
    sections["statements"] = []
    problems = both(sections)
    links = {p.id: p.within for p in places}
    expected = [
        (f"$.places[{i}].within", "places contain each other in a cycle")
        for i, place in enumerate(places)
        if in_cycle(links, place.id)
    ]
    assert [(p.path, p.message) for p in problems] == expected
