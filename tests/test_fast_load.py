"""The fast path of loading gives exactly the detailed path's answers, and the same errors.

The oracle is the detailed path alone (the strict decoder, the converter and
the integrity check): for random valid datasets the records are equal, of the
same types, with the same repr; for every bad input of the catalogue and for
random mutations, the ``DataError`` is the same, message and problems.
"""

from __future__ import annotations

import copy
import gc
import json
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, cast

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia import _fast, _json, _load, _structure
from sinorussia._codec import converter
from sinorussia._dataset import SECTIONS, merged
from sinorussia._dates import DateInterval, PartialDate
from sinorussia._fields import FieldError, Text
from sinorussia._io import gc_paused
from sinorussia._model import RECORD_CLASSES, Citation, DateClaim, Dating
from sinorussia._plan import citations, plan
from test_bad_input import CASES, Case, bundled, encode
from test_benchmarks import text_of
from test_check_fast import (
    HARMLESS,
    MUTATIONS,
    Mutation,
    copied,
    leader_without_office,
    wrong_class,
)
from test_fuzz import mutate, paths

SRC = Path(_structure.__file__)

# -- the two paths ---------------------------------------------------------------------


def detailed(data: str | bytes, source: str = "<string>") -> sr.Dataset:
    """What ``sr.loads`` returns (or raises) by the detailed path alone."""
    with gc_paused():
        return merged([_load._parse_detailed(data, source)])


Outcome = tuple[str, Any]


def outcome(load: Callable[[], sr.Dataset]) -> Outcome:
    """A dataset, or the error: its source, message and problems."""
    try:
        return "dataset", load()
    except sr.DataError as error:
        return "error", (error.source, str(error), error.problems)


def same(a: object, b: object, where: str = "$") -> None:
    """Equal, field by field, with the same types all the way down."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, tuple):
        assert isinstance(b, tuple)
        assert len(a) == len(b), where
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{index}]")
    elif attrs.has(type(a)):
        for field in attrs.fields(cast(Any, type(a))):
            same(getattr(a, field.name), getattr(b, field.name), f"{where}.{field.name}")
        if isinstance(a, PartialDate | DateInterval):
            assert isinstance(b, PartialDate | DateInterval)
            assert a._span == b._span, where
    else:
        assert a == b, where


def same_datasets(fast: sr.Dataset, slow: sr.Dataset) -> None:
    """The same records, section by section, with the same reprs and the same text."""
    assert fast == slow
    assert fast.version == slow.version
    assert repr(fast) == repr(slow)
    fast_sections, slow_sections = fast.sections(), slow.sections()
    same(tuple(fast_sections), tuple(slow_sections))
    for name, records in slow_sections.items():
        same(fast_sections[name], records, f"$.{name}")
        assert [repr(r) for r in fast_sections[name]] == [repr(r) for r in records]
    assert sr.dumps(fast) == sr.dumps(slow)


def fast_part(text: str | bytes) -> Any:
    """The fast path's part, asserting that it needed the converter for no record."""
    decoded = _json.members_plain(text)
    assert decoded is not None
    document, colons = decoded
    refused: list[Any] = []

    def fallback(item: Any, cls: type) -> Any:
        refused.append(item)
        raise AssertionError(f"the fast path refused a valid {cls.__name__}: {item!r}")

    built = _fast.structure(document, _load._SECTIONS, fallback, arrays=(_json.Items,))
    assert built is not None
    assert not refused
    version, sections, members, inside, seen = built
    assert colons == members + inside
    assert seen is not None
    assert seen_of(sections) == (
        {key: set(ids) for key, ids in seen.refs.items()},
        {id(c) for c in seen.citations},
        {id(d) for d in seen.several},
    )
    assert len(seen.citations) == len({id(c) for c in seen.citations})  # each built once
    return version, sections


def seen_of(sections: dict[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    """What `_fast.Seen` must hold of these records, found by walking them by the field plan.

    The ids of each reference field of each class (nested values and
    citations too; every such field, empty if no value holds it), every
    citation and every dating of several claims (by identity).
    """
    refs: dict[tuple[type, str], set[str]] = {}
    cited: set[int] = set()
    several: set[int] = set()
    for cls in _fast_classes():
        for step in plan(cls):
            if step.kind in ("ref", "refs"):
                refs[cls, step.name] = set()
    records = [record for found in sections.values() for record in found]
    every_citation = {id(c): c for r in records for c in citations(r)}  # nested, dates' too
    cited.update(every_citation)
    stack: list[Any] = [*records, *every_citation.values()]  # a citation refers to a document
    while stack:
        value = stack.pop()
        for step in plan(type(value)):
            item = getattr(value, step.name)
            if step.kind == "ref" and item is not None:
                refs[type(value), step.name].add(item)
            elif step.kind == "refs":
                refs[type(value), step.name].update(item)
            elif step.kind == "nested":
                stack.extend(item)
            elif step.kind == "dating" and item is not None and len(item.claims) > 1:
                several.add(id(item))
    return refs, cited, several


def _fast_classes() -> list[type]:
    """Every class the fast path builds: the record classes and the classes nested in them."""
    found: list[type] = [Citation, DateClaim]
    todo = list(RECORD_CLASSES.values())
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.append(cls)
        todo.extend(step.item for step in plan(cls) if step.kind == "nested")
    return found


def check_valid(text: str) -> None:
    """A valid document: the fast path is taken, and its dataset is the detailed path's."""
    assert _load._parse_fast(text, "<string>") is not None
    fast_part(text)
    fast, slow = sr.loads(text), detailed(text)
    same_datasets(fast, slow)
    for record in fast.records():
        for value in attrs.astuple(record, recurse=False):
            if isinstance(value, Dating):
                # The claims of one dating never share a value object.
                assert len({id(claim.value) for claim in value.claims}) == len(value.claims)


def check_same(text: str | bytes, source: str = "<string>") -> Outcome:
    """The fast and the detailed paths agree: the same dataset, or the same error."""
    fast = outcome(lambda: sr.loads(text, source=source))
    slow = outcome(lambda: detailed(text, source))
    assert fast[0] == slow[0], (fast, slow)
    if fast[0] == "dataset":
        same_datasets(fast[1], slow[1])
    else:
        assert fast[1] == slow[1]
    return fast


# -- random valid datasets --------------------------------------------------------------


def _visible(text: str) -> bool:
    try:
        Text().check("text", text)
    except FieldError:
        return False
    return True


TEXT = st.one_of(
    st.sampled_from(["Talks", "A visit: the second", "https://example.org/a:b", "Путин", "习近平"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=10),
).filter(_visible)
YEARS = st.integers(1990, 2030)


@st.composite
def datings(draw: st.DrawFn, citations: st.SearchStrategy[dict[str, Any]], year: int) -> list[Any]:
    """One to three claims that share a day of ``year`` (so they agree)."""
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    shapes = [
        f"{year}",
        f"{year}-{month:02d}",
        f"{year}-{month:02d}-{day:02d}",
        f"{year}-{month:02d}-{day:02d}?",
        f"{year}~",
        f"{year}%",
        f"{year - 1}/{year + 1}",
        f"{year}-{month:02d}/..",
        f"/{year}-{month:02d}",
        f"../{year}",
    ]
    values = draw(st.lists(st.sampled_from(shapes), min_size=1, max_size=3))
    return [{"value": value, "citation": draw(citations)} for value in values]


def quantity(measure: str, value: float, unit: str | None) -> dict[str, Any]:
    """A figure as JSON: the unit left out when there is none."""
    found: dict[str, Any] = {"measure": measure, "value": value}
    if unit is not None:
        found["unit"] = unit
    return found


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with every section, shared values and the forms JSON allows."""
    docs = [
        {"id": "doc", "title": draw(TEXT), "language": "en", "paragraphs": 9, "sha256": "0" * 64},
        {"id": "other", "title": "Other", "language": "ru-RU", "paragraphs": 2, "sha256": "a" * 64},
    ]
    if draw(st.booleans()):
        docs[1]["url"] = "https://example.org/other"

    def citation_of(d: st.DrawFn) -> dict[str, Any]:
        basis = d(st.sampled_from(["stated", "inferred", "external"]))
        if basis == "external":
            found: dict[str, Any] = {
                "basis": basis,
                "source": d(st.sampled_from(["https://example.org/x", "a note", "w:1"])),
                "confidence": d(st.sampled_from(["high", "medium", "low"])),
            }
            if d(st.booleans()):
                found |= {"document": "doc", "paragraphs": [d(st.integers(1, 9))]}
            return found
        document = d(st.sampled_from(["doc", "other"]))
        top = 9 if document == "doc" else 2
        found = {
            "basis": basis,
            "document": document,
            "paragraphs": d(st.lists(st.integers(1, top), min_size=1, max_size=3, unique=True)),
        }
        if basis == "inferred" or d(st.booleans()):
            found["note"] = d(TEXT)
        return found

    pool = [citation_of(draw) for _ in range(draw(st.integers(1, 4)))]

    @st.composite
    def cited(d: st.DrawFn) -> dict[str, Any]:
        # Mostly one of a few citations, so equal ones recur (and are shared).
        return copy.deepcopy(d(st.sampled_from(pool))) if d(st.booleans()) else citation_of(d)

    def citations(d: st.DrawFn) -> list[Any]:
        return [d(cited()) for _ in range(d(st.integers(1, 2)))]

    def base(d: st.DrawFn, record_id: str) -> dict[str, Any]:
        return {"id": record_id, "citations": citations(d)}

    countries = []
    for i in range(draw(st.integers(1, 3))):
        country = base(draw, f"country-{i}") | {"name": draw(TEXT)}
        if draw(st.booleans()):
            country |= {"alpha2": "CN", "alpha3": "CHN", "wikidata": "Q148"}
        if draw(st.booleans()):
            country["official_name"] = draw(TEXT)
        aliases = draw(st.lists(TEXT, max_size=3, unique=True))
        if aliases:
            country["aliases"] = aliases
        countries.append(country)
    country_ids = [c["id"] for c in countries]
    organisations = [
        base(draw, "org")
        | {
            "name": draw(TEXT),
            "kind": draw(st.sampled_from([k.value for k in sr.OrganisationKind])),
            "members": draw(st.lists(st.sampled_from(country_ids), unique=True)),
            "country": draw(st.sampled_from([None, *country_ids])),
        }
    ]
    places: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 3))):
        within = draw(st.sampled_from([None, *country_ids, *(p["id"] for p in places)]))
        place = base(draw, f"place-{i}") | {
            "name": draw(TEXT),
            "kind": draw(st.sampled_from([k.value for k in sr.PlaceKind])),
        }
        if within is not None or draw(st.booleans()):
            place["within"] = within
        places.append(place)
    sites = [*country_ids, *(p["id"] for p in places)]
    people = []
    for i in range(draw(st.integers(1, 4))):
        person = base(draw, f"person-{i}") | {"name": draw(TEXT)}
        if draw(st.booleans()):
            person["nationality"] = draw(st.sampled_from(country_ids))
        if draw(st.booleans()):
            person["description"] = draw(TEXT)
        if draw(st.booleans()):
            person["aliases"] = draw(st.lists(TEXT, min_size=1, max_size=2, unique=True))
        people.append(person)
    person_ids = [p["id"] for p in people]
    offices = []
    for i, person in enumerate(draw(st.lists(st.sampled_from(person_ids), max_size=3))):
        first = draw(YEARS)
        office = base(draw, f"office-{i}") | {
            "person": person,
            "post": f"Post {i}",
            "role": draw(st.sampled_from([r.value for r in sr.OfficeRole])),
            "organisation": draw(st.sampled_from([*country_ids, "org"])),
            "status": "ongoing",
        }
        if draw(st.booleans()):
            office["start"] = draw(datings(cited(), first))
        if draw(st.booleans()):
            office["end"] = draw(datings(cited(), first + 3))
            office["status"] = "ended"
        elif draw(st.booleans()):
            office["status"] = "unknown"
        if draw(st.booleans()):
            office["attested"] = draw(datings(cited(), first + 1))
        offices.append(office)
    actors = [*person_ids, *country_ids, "org"]

    def participants(d: st.DrawFn) -> list[Any]:
        found = []
        for who in d(st.lists(st.sampled_from(actors), unique=True, max_size=4)):
            item: dict[str, Any] = {"who": who}
            role = d(st.sampled_from([None, *(r.value for r in sr.Role)]))
            if role is not None:
                item["role"] = role
            if d(st.integers(0, 4)) == 0:
                item["citations"] = citations(d)
            found.append(item)
        return found

    meetings: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 6))):
        meeting = base(draw, f"meeting-{i}") | {
            "title": draw(TEXT),
            "kind": draw(st.sampled_from([k.value for k in sr.MeetingKind])),
        }
        if draw(st.booleans()):
            meeting["participants"] = participants(draw)
        if draw(st.booleans()):
            meeting["place"] = draw(st.sampled_from([None, *sites]))
        if draw(st.booleans()):
            meeting["date"] = draw(datings(cited(), draw(YEARS)))
        if draw(st.booleans()):
            meeting["count"] = draw(st.sampled_from([1, 2, 5, None, 10**20]))
        undated = [m["id"] for m in meetings if "date" not in m]
        if draw(st.booleans()) and undated:
            meeting["commemorates"] = draw(st.sampled_from(undated))
        meetings.append(meeting)
    meeting_ids = [m["id"] for m in meetings]
    undated = [m["id"] for m in meetings if m.get("date") is None]
    quantities = st.builds(
        quantity,
        TEXT,
        st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False)),
        st.none() | TEXT,
    )
    happenings = []
    for i in range(draw(st.integers(0, 2))):
        happening = base(draw, f"happening-{i}") | {
            "title": draw(TEXT),
            "kind": draw(st.sampled_from([k.value for k in sr.HappeningKind])),
            "participants": participants(draw),
            "about": draw(st.lists(st.sampled_from([*meeting_ids, *person_ids]), unique=True)),
            "figures": draw(st.lists(quantities, max_size=2)),
        }
        if len(sites) >= 2 and draw(st.booleans()):
            happening["place"], happening["origin"] = draw(st.permutations(sites))[:2]
        if draw(st.booleans()):
            happening["date"] = draw(datings(cited(), draw(YEARS)))
        happenings.append(happening)
    treaties = []
    for i in range(draw(st.integers(0, 2))):
        year = draw(YEARS)
        treaty = base(draw, f"treaty-{i}") | {
            "name": draw(TEXT),
            "kind": draw(st.sampled_from([k.value for k in sr.TreatyKind])),
            "parties": draw(st.lists(st.sampled_from([*country_ids, "org"]), unique=True)),
            "signatories": participants(draw),
            "topics": draw(st.lists(TEXT, max_size=2, unique=True)),
        }
        if draw(st.booleans()):
            treaty["signed"] = draw(datings(cited(), year))
            if draw(st.booleans()):
                treaty["in_force"] = draw(datings(cited(), year + 2))
        if draw(st.booleans()):
            treaty["concerns"] = draw(TEXT)
        if draw(st.booleans()) and undated:
            treaty["signed_at"] = draw(st.sampled_from(undated))
        treaties.append(treaty)
    projects = []
    for i in range(draw(st.integers(0, 2))):
        milestones = []
        for j, year in enumerate(sorted(draw(st.lists(YEARS, max_size=3)))):
            milestone = {
                "title": f"Step {j}",
                "status": draw(st.sampled_from([s.value for s in sr.ProjectStatus])),
                "citations": citations(draw),
            }
            if draw(st.booleans()):
                milestone["date"] = [{"value": f"{year}", "citation": draw(cited())}]
            milestones.append(milestone)
        projects.append(
            base(draw, f"project-{i}")
            | {
                "name": draw(TEXT),
                "sector": draw(st.sampled_from([s.value for s in sr.Sector])),
                "status": draw(st.sampled_from([s.value for s in sr.ProjectStatus])),
                "parties": draw(st.lists(st.sampled_from(country_ids), unique=True)),
                "milestones": milestones,
                "agreements": [t["id"] for t in treaties],
            }
        )
    statements = []
    for i in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from([k.value for k in sr.StatementKind]))
        statement = base(draw, f"statement-{i}") | {"kind": kind, "text": draw(TEXT)}
        if kind != "claim":
            statement["speaker"] = draw(st.sampled_from(person_ids))
        if kind == "quotation":
            statement["quote"] = draw(TEXT)
        if draw(st.booleans()):
            statement["about"] = draw(st.lists(st.sampled_from(meeting_ids), unique=True))
        if draw(st.booleans()):
            statement["figures"] = draw(st.lists(quantities, min_size=1, max_size=2))
        if draw(st.booleans()) and undated:
            statement["occasion"] = draw(st.sampled_from(undated))
        statements.append(statement)
    return {
        "format": 2,
        "version": draw(TEXT),
        "documents": docs,
        "countries": countries,
        "organisations": organisations,
        "places": places,
        "people": people,
        "offices": offices,
        "meetings": meetings,
        "happenings": happenings,
        "treaties": treaties,
        "projects": projects,
        "statements": statements,
    }


def dumped(value: Any, *, ascii_only: bool = False) -> str:
    """JSON text of a value (non-ASCII as escapes with ``ascii_only``)."""
    return json.dumps(value, ensure_ascii=ascii_only)


class TestValidDatasets:
    @given(documents(), st.booleans())
    def test_random_datasets(self, raw: dict[str, Any], ascii_only: bool) -> None:
        """A random valid dataset: fast-loaded equals slow-loaded, types and reprs too."""
        check_valid(dumped(raw, ascii_only=ascii_only))

    @pytest.mark.parametrize(("meetings", "skewed"), [(50, False), (300, True), (2000, False)])
    def test_benchmark_data(self, meetings: int, skewed: bool) -> None:
        """The synthetic data of the benchmarks, every kind of date included."""
        check_valid(text_of(meetings, skewed=skewed))

    def test_bundled_data(self) -> None:
        """The bundled dataset, through the fast path."""
        check_valid(sr.dumps(sr.load()))

    def test_records_stay_frozen(self) -> None:
        """A record built through its class's builder has its own class, and stays frozen."""
        ds = sr.loads(text_of(50, skewed=True))
        for name, records in ds.sections().items():
            for record in records[:3]:
                assert type(record).__module__ == "sinorussia._model", name
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    record.id = "changed"
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    del record.id
                assert record.id != "changed"

    def test_equal_values_are_shared(self) -> None:
        """Equal citations, participants and dates of a file are one object each."""
        ds = sr.loads(text_of(200, skewed=True))
        meetings = ds.meetings
        participants = [p for m in meetings for p in m.participants]
        assert len({id(p) for p in participants}) < len(participants) / 2
        citations = [c for m in meetings for c in m.citations]
        assert len({id(c) for c in citations}) < len(citations)
        values = [c.value for m in meetings if m.date is not None for c in m.date.claims]
        assert len({id(v) for v in values}) < len(values)

    def test_equal_claims_of_one_date_keep_their_own_values(self, raw: dict[str, Any]) -> None:
        """Two claims of one date with equal values: two value objects, as the detailed path."""
        claim = raw["meetings"][0]["date"][0]
        raw["meetings"][0]["date"] = [claim, copy.deepcopy(claim), dict(claim, value="2013-03")]
        text = dumped(raw)
        check_valid(text)
        date = sr.loads(text).meetings.get("visit").date
        assert date is not None
        assert date.claims[0].value == date.claims[1].value
        assert date.claims[0].value is not date.claims[1].value
        assert date.basis is sr.Basis.STATED

    def test_explicit_defaults_and_nulls(self, raw: dict[str, Any]) -> None:
        """Members written out at their defaults, and nulls where allowed, load the same."""
        meeting = raw["meetings"][0]
        meeting |= {"count": 1, "commemorates": None}
        meeting["participants"] = [{"who": "xi-jinping", "role": "participant", "citations": []}]
        raw["people"][0] |= {"aliases": [], "nationality": None, "description": None}
        raw["meetings"][0]["citations"][0] |= {"note": None, "source": None, "confidence": None}
        check_valid(dumped(raw))

    def test_escapes(self, raw: dict[str, Any]) -> None:
        r"""Escaped text loads the same, ``\u003a`` (a colon) included."""
        text = dumped(raw).replace('"A visit"', '"A\\u003a visit \\"here\\" \\u00e9\\n"')
        assert "\\u003a" in text
        check_valid(text)
        assert sr.loads(text).meetings.get("visit").title == 'A: visit "here" é\n'

    def test_an_escaped_backslash_before_u003a(self, raw: dict[str, Any]) -> None:
        r"""``\\u003a`` is a backslash and ``u003a``, no colon: the fast path tells."""
        text = dumped(raw).replace('"A visit"', '"A \\\\u003a \\\\\\u003a visit"')
        check_valid(text)
        assert sr.loads(text).meetings.get("visit").title == "A \\u003a \\: visit"

    def test_many_escapes(self, raw: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
        """With too many escapes to read one by one, a count too large: the detailed path."""
        monkeypatch.setattr(_json, "_RUNS", 1)
        text = dumped(raw).replace('"A visit"', '"A \\\\u003a \\"visit\\""')
        assert _load._parse_fast(text, "<string>") is None
        kind, ds = check_same(text)
        assert kind == "dataset"
        assert ds.meetings.get("visit").title == 'A \\u003a "visit"'

    def test_bytes_text_and_mappings(self, raw: dict[str, Any]) -> None:
        """Bytes, text and a mapping in memory give the same dataset."""
        text = dumped(raw)
        same_datasets(sr.loads(text.encode()), detailed(text))
        same_datasets(sr.load_files([raw]), sr.load_files([text]))

    def test_format_1(self) -> None:
        """A file of format 1 takes the detailed path, as before."""
        raw = bundled()
        raw["format"] = 1
        text = dumped(raw)
        assert _load._parse_fast(text, "<string>") is None
        check_same(text)


# -- the same errors ---------------------------------------------------------------------


def document_of(sections: dict[str, list[Any]]) -> str:
    """The JSON text of a file of these records (valid or not), section by section."""
    raw: dict[str, Any] = {"format": 2, "version": "mutated"}
    for section in SECTIONS:
        raw[section.name] = [converter.unstructure(r, section.cls) for r in sections[section.name]]
    return json.dumps(raw)


UNWRITABLE: dict[Mutation, str] = {
    wrong_class: "a section's array holds records of its class",
    leader_without_office: "format 2 writes a leader as a person, a leader when an office names it",
}


WRITABLE: Final = [mutation for mutation in MUTATIONS if mutation not in UNWRITABLE]
"""The kinds of problem of `test_check_fast` that a file can hold (not those above, and why)."""


class TestScreenOfWhatWasSeen:
    """The check screens what the fast path saw (`_fast.Seen`), not the records again."""

    @pytest.mark.parametrize("mutation", WRITABLE, ids=lambda m: m.__name__)
    @pytest.mark.parametrize("n", [0, 1, 5])
    def test_each_problem(self, mutation: Mutation, n: int) -> None:
        """Each kind of cross-record problem, loaded: the detailed path's error."""
        sections = copied(sr.load().sections())
        mutation(sections, n)
        text = document_of(sections)
        part = _load._parse_fast(text, "<string>")
        assert part is not None
        assert part.seen is not None  # built by the fast path alone
        assert check_same(text)[0] == "error", f"{mutation.__name__} made no problem"

    @pytest.mark.parametrize("mutation", HARMLESS, ids=lambda m: m.__name__)
    def test_harmless_changes(self, mutation: Mutation) -> None:
        """Shared good citations, agreeing claims, plain persons: the detailed path's dataset."""
        sections = copied(sr.load().sections())
        mutation(sections, 2)
        assert check_same(document_of(sections))[0] == "dataset"

    def test_a_record_built_by_the_converter_leaves_nothing_seen(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When any record took the converter, nothing is seen: the check reads the records."""
        ds = sr.load()
        text = sr.dumps(ds)
        part = _load._parse_fast(text, "<string>")
        assert part is not None
        assert part.seen is not None
        env = _fast._written()[2]
        rules = env["P_Meeting"]
        refused = ds.meetings[1].id

        def refuse_one(record: Any) -> None:
            if record.id == refused:
                raise ValueError("the fast path cannot vouch for it")
            rules(record)

        monkeypatch.setitem(env, "P_Meeting", refuse_one)
        part = _load._parse_fast(text, "<string>")
        assert part is not None
        assert part.seen is None
        same_datasets(sr.loads(text), detailed(text))


class TestSameErrors:
    @pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
    def test_catalogue(self, case: Case, tmp_path: Path) -> None:
        """Every bad input of the catalogue: the same error by either path."""
        path = tmp_path / "input.json"
        path.write_bytes(encode(case.build(bundled())))
        fast = outcome(lambda: sr.load_file(path))
        slow = outcome(lambda: detailed(path.read_bytes(), str(path)))
        assert fast[0] == slow[0] == "error"
        assert fast[1] == slow[1]

    @given(
        st.sampled_from(["replace", "delete", "wrap", "stray", "duplicate"]),
        st.data(),
    )
    def test_mutations(self, action: str, data: st.DataObject) -> None:
        """A random mutation of a valid dataset: the same dataset, or the same error."""
        raw = data.draw(documents())
        path = data.draw(st.sampled_from(paths(raw)[1:]))
        value = data.draw(JSON_VALUES)
        check_same(dumped(mutate(raw, path, action, value)))

    @given(st.data())
    def test_repeated_keys(self, data: st.DataObject) -> None:
        """A key given twice in any object of a valid dataset: the detailed path's error."""
        raw = data.draw(documents())
        objects = [p for p in paths(raw) if isinstance(at(raw, p), dict) and at(raw, p)]
        path = data.draw(st.sampled_from(objects))
        key = data.draw(st.sampled_from(sorted(at(raw, path))))
        again = data.draw(st.sampled_from([at(raw, path)[key], None, "x", 1]))
        text = with_repeated_key(raw, path, key, again)
        kind, found = check_same(text)
        assert kind == "error"
        assert "appears twice in one object" in found[1]

    @pytest.mark.parametrize(
        "number",
        ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"],
    )
    def test_numbers_json_refuses(self, raw: dict[str, Any], number: str) -> None:
        """NaN and infinite numbers, even where a number is expected: the detailed path's error."""
        raw["statements"] = [
            {
                "id": "said",
                "citations": raw["meetings"][0]["citations"],
                "kind": "claim",
                "text": "Trade grew",
                "figures": [{"measure": "growth", "value": 12345}],
            }
        ]
        text = dumped(raw).replace("12345", number)
        kind, found = check_same(text)
        assert kind == "error"
        assert "$.statements[0].figures[0].value" in found[1]

    @pytest.mark.parametrize(("first", "then"), [([1], [True]), ([1], [1.0]), ([2, 1], [2, 1.0])])
    def test_equal_but_not_the_same_json(self, raw: dict[str, Any], first: Any, then: Any) -> None:
        """A citation seen before is not found by one equal in Python but not in JSON."""
        cited = {"basis": "stated", "document": "doc", "paragraphs": first}
        raw["meetings"][0]["citations"] = [cited, dict(cited, paragraphs=then)]
        kind, _ = check_same(dumped(raw))
        assert kind == "error"

    @pytest.mark.parametrize(
        "then",
        [
            {"who": "xi-jinping", "colour": "red"},
            {"who": "xi-jinping", "role": None},
            {"who": "xi-jinping", "role": 3},
            {"who": ["xi-jinping"]},
            {"role": "xi-jinping"},
            {"who": "xi-jinping", "citations": None},
        ],
    )
    def test_participant_like_one_before(self, raw: dict[str, Any], then: dict[str, Any]) -> None:
        """A participant like one seen before, but not valid: the detailed path's error."""
        base = raw["meetings"][0]
        again = dict(base, id="again", participants=[then])
        raw["meetings"] = [dict(base, participants=[{"who": "xi-jinping"}]), again]
        kind, _ = check_same(dumped(raw))
        assert kind == "error"

    @pytest.mark.parametrize(
        "then",
        [
            [{"who": "china"}, {"who": "xi-jinping", "role": "host"}],
            [{"who": "xi-jinping"}, {"who": "china", "role": "guest"}, {"who": "russia"}],
            [{"who": "xi-jinping"}, {"who": "xi-jinping"}],
            [{"who": "xi-jinping"}, {"who": "xi-jinping", "role": "guest"}],
            [{"who": "china"}, {"who": "xi-jinping", "colour": "red"}],
            [{"who": "china"}, ["xi-jinping"]],
            [{"who": "china"}, {"who": "nobody"}],
        ],
    )
    def test_participants_found_by_their_one_member(
        self, raw: dict[str, Any], then: list[Any]
    ) -> None:
        """Participants seen alone before, beside others in an array: the detailed path's answer."""
        base = raw["meetings"][0]
        first = [{"who": "xi-jinping"}, {"who": "china"}, {"who": "russia", "role": "host"}]
        raw["meetings"] = [
            dict(base, participants=first),
            dict(base, id="again", participants=then),
        ]
        kind, found = check_same(dumped(raw))
        if kind == "dataset":
            before, after = (m.participants for m in found.meetings)
            assert any(p is q for p in before for q in after)  # one seen alone is shared

    def test_shared_values_are_reported_where_each_stands(self, raw: dict[str, Any]) -> None:
        """A dangling reference in a participant repeated on several meetings: one problem each."""
        base = raw["meetings"][0]
        raw["meetings"] = [
            dict(base, id=f"visit-{i}", participants=[{"who": "nobody"}]) for i in range(3)
        ]
        kind, found = check_same(dumped(raw))
        assert kind == "error"
        paths_ = [p.path for p in found[2]]
        assert paths_ == [f"$.meetings[{i}].participants[0].who" for i in range(3)]

    def test_bad_record_among_good_ones(self) -> None:
        """One bad record in a large valid file: the detailed path's error, all of it."""
        raw = json.loads(text_of(300))
        raw["meetings"][150]["title"] = " "
        raw["meetings"][200]["participants"] = [{"who": "nobody"}]
        kind, found = check_same(dumped(raw))
        assert kind == "error"
        assert [p.path for p in found[2]] == ["$.meetings[150].title"]


def test_checker_with_shared_and_copied_values() -> None:
    """The integrity check reports the same whether equal nested values are one object or not."""
    cited = sr.Citation(basis=sr.Basis.STATED, document="doc", paragraphs=(1, 5))
    document = sr.Document(id="doc", title="Doc", language="en", paragraphs=3, sha256="0" * 64)
    country = sr.Country(id="land", citations=(cited,), name="Land")

    def meetings(shared: bool) -> tuple[sr.Meeting, ...]:
        one = sr.Participant(who="nobody", citations=(cited,))
        found = []
        for i in range(3):
            participant = one if shared else attrs.evolve(one)
            citation = cited if shared else attrs.evolve(cited)
            found.append(
                sr.Meeting(
                    id=f"m-{i}",
                    citations=(citation,),
                    title="Talks",
                    kind=sr.MeetingKind.TALKS,
                    participants=(participant, sr.Participant(who="land")),
                    date=sr.Dating.of("2020", citation),
                )
            )
        return tuple(found)

    errors = []
    for shared in (True, False):
        with pytest.raises(sr.DataError) as info:
            sr.Dataset(documents=(document,), countries=(country,), meetings=meetings(shared))
        errors.append((str(info.value), info.value.problems))
    assert errors[0] == errors[1]
    assert len(errors[0][1]) > 6


# -- the written module ---------------------------------------------------------------------


class TestWrittenModule:
    def test_file_is_what_the_writer_writes(self) -> None:
        """_structure.py is exactly what _fast writes for the model as it is."""
        assert SRC.read_text(encoding="utf-8") == _fast.module_text(), (
            "write it again: PYTHONPATH=src python -m sinorussia._fast"
        )

    def test_used_only_when_current(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A stale written module is not used: every document takes the detailed path."""
        text = sr.dumps(sr.load())
        assert _load._parse_fast(text, "<string>") is not None
        length, crc = _structure.SOURCE_CHECK
        monkeypatch.setattr(_structure, "SOURCE_CHECK", (length, crc ^ 1))
        assert _load._parse_fast(text, "<string>") is None
        same_datasets(sr.loads(text), detailed(text))

    def test_write(self, tmp_path: Path) -> None:
        """write() writes the module text; main() too, and names the file."""
        path = _fast.write(tmp_path / "out.py")
        assert path.read_text(encoding="utf-8") == _fast.module_text()
        assert _fast.main([str(tmp_path / "again.py")]) == 0
        assert (tmp_path / "again.py").read_text(encoding="utf-8") == _fast.module_text()


# -- the counts ---------------------------------------------------------------------------


class TestCounts:
    @pytest.mark.parametrize(
        ("text", "colons"),
        [
            ('{"a": "b:c"}', 2),
            ('{"a": "\\u003a"}', 2),
            ('{"a": "\\u003A\\u003a"}', 3),
            ('{"a": "\\\\u003a"}', 1),
            ('{"a": "\\\\\\u003a"}', 2),
            ('{"a": "\\"", "b:": "\\u0030"}', 3),
            ('{"a": 1, "a": 2}', 2),
        ],
    )
    def test_colons(self, text: str, colons: int) -> None:
        """The count: every ``:`` of the text, and every escape that may be one."""
        decoded, encoded = _json.members_plain(text), _json.members_plain(text.encode())
        assert decoded is not None
        assert encoded is not None
        assert decoded[1] == encoded[1] == colons

    @pytest.mark.parametrize("data", [b"\xef\xbb\xbf{}", b"{\xff}", "{", "[1,]", b""])
    def test_what_the_plain_decoder_leaves(self, data: str | bytes) -> None:
        """Text the standard decoder does not read is left to the detailed path."""
        found = _json.members_plain(data)
        if found is not None:
            with pytest.raises(_json.Unreadable):
                list(found[0])
        assert _load._parse_fast(data, "x") is None

    def test_count_of_a_value(self) -> None:
        """The members of every object and the colons of every string, keys too."""
        value = {"a:b": [{"x": "1:2:3"}, "4:5", 6, None], "c": {}}
        assert _fast._count(value) == (3, 4)


# -- the collector after a load ----------------------------------------------------------------


MIDDLING = text_of(300)
"""A dataset that makes some thousands of objects."""


@pytest.fixture
def settle_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settle after any load that made more than a thousand objects."""
    monkeypatch.setattr(_load, "_SETTLE_AT", 1000)


class TestCollector:
    def test_loaded_objects_are_in_the_oldest_generation(self, settle_small: None) -> None:
        """After a large load the collector has nothing young to walk, and nothing is frozen."""
        assert gc.isenabled()
        ds = sr.loads(MIDDLING)
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        assert gc.get_count()[0] < 100
        meeting = ds.meetings[0]
        assert any(obj is meeting for obj in gc.get_objects(generation=2))

    def test_the_dataset_is_collected_when_dropped(self, settle_small: None) -> None:
        """A loaded, queried and dropped dataset is freed (nothing stays frozen)."""
        ds = sr.loads(MIDDLING)
        ds.meetings.involving("xi-jinping").during(2020)
        assert ds.leaders
        alive = weakref.ref(ds.meetings[0])
        del ds
        gc.collect()
        assert alive() is None

    def test_frozen_objects_of_the_program_stay_frozen(self, settle_small: None) -> None:
        """A program that froze objects keeps them frozen: the load leaves them be."""
        gc.freeze()
        try:
            sr.loads(MIDDLING)
            assert gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()

    def test_when_it_settles(self, settle_small: None, monkeypatch: pytest.MonkeyPatch) -> None:
        """Only after a large load that succeeded, with the collector on when it began."""
        calls: list[bool] = []
        monkeypatch.setattr(_load, "_settle", lambda: calls.append(gc.isenabled()))
        text = MIDDLING
        sr.loads(text)
        assert calls == [False]  # still paused: no collection of it all before it settles
        with pytest.raises(sr.DataError):
            sr.loads(text.replace('"format": 2', '"format": 2, "extra": 1', 1))
        gc.disable()
        try:
            sr.loads(text)
            assert not gc.isenabled()
        finally:
            gc.enable()
        sr.load_files([text])
        assert calls == [False, False]
        monkeypatch.setattr(_load, "_SETTLE_AT", 10**9)
        sr.loads(text)
        assert calls == [False, False]


# -- helpers for mutations -----------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def at(value: Any, path: tuple[Any, ...]) -> Any:
    """The value at a path of keys and indexes."""
    for step in path:
        value = value[step]
    return value


def with_repeated_key(raw: Any, path: tuple[Any, ...], key: str, again: Any) -> str:
    """The JSON text of ``raw`` with ``key`` written a second time in the object at ``path``."""

    def text(value: Any, where: tuple[Any, ...]) -> str:
        if isinstance(value, dict):
            members = [f"{json.dumps(k)}: {text(v, (*where, k))}" for k, v in value.items()]
            if where == path:
                members.append(f"{json.dumps(key)}: {json.dumps(again)}")
            return "{" + ", ".join(members) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(text(v, (*where, i)) for i, v in enumerate(value)) + "]"
        return json.dumps(value, ensure_ascii=False)

    return text(raw, ())
