"""The ``ftm`` export, checked with FollowTheMoney's own model, cleaning and statement reader."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.dataset import Dataset as FtmDataset
from followthemoney.property import Property
from followthemoney.schema import Schema
from followthemoney.statement import JSON, StatementEntity, read_statements, write_statements
from followthemoney.statement.statement import Statement as FtmStatement
from followthemoney.types import registry
from rigour.langs import iso_639_alpha3

import sinorussia as sr
from sinorussia import _ftm
from sinorussia._export import render as export_render
from sinorussia._ftm import (
    DATASET,
    ENTITIES,
    LANGUAGES,
    PREFIX,
    PROPERTY_TYPES,
    STATEMENTS,
    THINGS,
    origin,
    prefix,
    render,
)
from sinorussia._plan import plan

Json = dict[str, Any]


def _stated(*paragraphs: int, doc: str = "doc") -> Json:
    return {"basis": "stated", "document": doc, "paragraphs": list(paragraphs)}


def _inferred(note: str, *paragraphs: int) -> Json:
    return {"basis": "inferred", "document": "doc", "paragraphs": list(paragraphs), "note": note}


def _external(note: str, source: str = "https://example.org/source") -> Json:
    return {"basis": "external", "note": note, "source": source, "confidence": "high"}


def _claim(value: str, citation: Json) -> Json:
    return {"value": value, "citation": citation}


# A small dataset with the edge cases: unknown, uncertain and open dates, intervals,
# several claims of one date, external citations, a country without ISO codes, a
# language FtM has no code for, text with quotes, new lines and HTML characters.
EDGE: Json = {
    "format": 2,
    "version": "edge",
    "documents": [
        {
            "id": "doc",
            "title": 'A "test" document <b>&</b>',
            "language": "zh-Hans",
            "paragraphs": 5,
            "sha256": "a" * 64,
            "url": "https://example.com/doc",
            "date": [_claim("2021-03-23/2021-12-31", _inferred("not printed", 1))],
        },
        {
            "id": "memo",
            "title": "Memo",
            "language": "xx",
            "paragraphs": 2,
            "sha256": "b" * 64,
            "url": "the ministry's page",
        },
    ],
    "countries": [
        {
            "id": "land",
            "citations": [_stated(1)],
            "name": "Land",
            "official_name": "People's Land",
            "alpha2": "CN",
            "alpha3": "CHN",
            "aliases": ["Landia"],
        },
        {"id": "ruritania", "citations": [_stated(1)], "name": "Ruritania"},
    ],
    "organisations": [
        {
            "id": "council",
            "citations": [_stated(1), _stated(2, doc="memo")],
            "name": "Council",
            "kind": "intergovernmental",
            "members": ["land", "ruritania"],
        },
        {
            "id": "agency",
            "citations": [_external("the agency")],
            "name": "Agency",
            "kind": "government_agency",
            "country": "ruritania",
        },
    ],
    "places": [
        {
            "id": "capital",
            "citations": [_stated(2)],
            "name": "Capital",
            "kind": "city",
            "within": "land",
        },
        {
            "id": "square",
            "citations": [_stated(2)],
            "name": "Old Square\nNorth",
            "kind": "square",
            "within": "capital",
        },
        {
            "id": "hills",
            "citations": [_stated(2)],
            "name": "Hills",
            "kind": "region",
            "within": "ruritania",
        },
        {"id": "moon", "citations": [_stated(2)], "name": "Moon", "kind": "celestial_body"},
    ],
    "people": [
        {
            "id": "boss",
            "citations": [_stated(1), _external("the id", "https://www.wikidata.org/wiki/Q1")],
            "name": "Big Boss",
            "aliases": ['"The Boss"', "Big\nBoss"],
            "nationality": "land",
            "description": "<b>Boss</b> & co",
            "wikidata": "Q1",
        },
        {"id": "envoy", "citations": [_stated(3)], "name": "Envoy", "nationality": "ruritania"},
        {"id": "clerk", "citations": [_stated(3)], "name": "Clerk"},
    ],
    "offices": [
        {
            "id": "boss-president",
            "citations": [_stated(1)],
            "person": "boss",
            "post": "President",
            "role": "head_of_state",
            "organisation": "land",
            "status": "ongoing",
            "start": [_claim("2010?", _stated(1))],
        },
        {
            "id": "envoy-president",
            "citations": [_stated(3)],
            "person": "envoy",
            "post": "President",
            "role": "head_of_state",
            "organisation": "land",
            "status": "ended",
            "end": [_claim("2009", _stated(3))],
        },
        {
            "id": "envoy-ambassador",
            "citations": [_stated(3)],
            "person": "envoy",
            "post": "Ambassador to Ruritania",
            "role": "ambassador",
            "organisation": "land",
            "posted_to": "ruritania",
            "status": "ended",
            "end": [_claim("../2019", _inferred("ended by the time of writing", 3))],
            "attested": [
                _claim("2015", _stated(3)),
                _claim("2015-06-01", _external("a dated report")),
            ],
        },
        {
            "id": "clerk-office",
            "citations": [_stated(3)],
            "person": "clerk",
            "post": "Clerk",
            "role": "other",
            "organisation": "agency",
            "status": "unknown",
        },
    ],
    "meetings": [
        {
            "id": "visit",
            "citations": [_stated(2)],
            "title": "A visit",
            "kind": "state_visit",
            "participants": [
                {"who": "boss", "role": "guest"},
                {"who": "envoy", "role": "host", "citations": [_external("names the host")]},
            ],
            "place": "square",
            "date": [_claim("2013", _stated(2)), _claim("2013-03-22", _external("the day"))],
        },
        {
            "id": "calls",
            "citations": [_stated(4)],
            "title": "Calls",
            "kind": "phone_call",
            "participants": [{"who": "boss"}, {"who": "clerk"}],
            "place": "ruritania",
            "date": [_claim("2020?", _inferred("uncertain", 4))],
            "count": None,
            "commemorates": "victory",
        },
    ],
    "happenings": [
        {
            "id": "victory",
            "citations": [_stated(4)],
            "title": "Victory",
            "kind": "military_victory",
            "participants": [{"who": "land"}],
            "date": [_claim("1945", _inferred("70 years before", 4))],
        },
        {
            "id": "aid",
            "citations": [_stated(4)],
            "title": 'Aid <flight> & "more"',
            "kind": "aid_delivery",
            "participants": [
                {"who": "land", "role": "actor"},
                {"who": "ruritania", "role": "recipient"},
            ],
            "place": "capital",
            "origin": "hills",
            "about": ["envoy-ambassador", "council"],
            "figures": [
                {"measure": "aid carried", "value": 23, "unit": "tons"},
                {"measure": "rank", "value": 1.5},
            ],
        },
    ],
    "treaties": [
        {
            "id": "pact",
            "citations": [_stated(5)],
            "name": "Pact",
            "kind": "treaty",
            "aliases": ["The Pact"],
            "parties": ["land", "ruritania"],
            "signed": [
                _claim("../2021", _inferred("signed by the time of writing", 5)),
                _claim("2013-03-22", _external("the day of signing")),
            ],
            "place": "capital",
            "signatories": [
                {"who": "boss", "role": "signatory", "citations": [_external("signed it")]}
            ],
            "in_force": [_claim("2014-01", _external("entry into force"))],
            "concerns": "Peace.",
            "topics": ["peace"],
            "signed_at": "visit",
        }
    ],
    "projects": [
        {
            "id": "pipeline",
            "citations": [_stated(5)],
            "name": "Pipeline",
            "sector": "energy",
            "status": "in_operation",
            "parties": ["land", "agency"],
            "location": "moon",
            "agreements": ["pact"],
            "milestones": [
                {"title": "Planned", "status": "planned", "citations": [_stated(5)]},
                {
                    "title": "Opened",
                    "status": "in_operation",
                    "citations": [_stated(5)],
                    "date": [_claim("2019-12", _stated(5))],
                },
            ],
        }
    ],
    "statements": [
        {
            "id": "boss-quote",
            "citations": [_stated(2)],
            "kind": "quotation",
            "speaker": "boss",
            "text": 'Boss says "yes" & <no>.',
            "quote": 'Yes & "no" <b>\nreally</b>',
            "topics": ["t"],
            "about": ["envoy-ambassador", "pact", "doc"],
            "date": [_claim("2013-03-22", _stated(2))],
            "place": "square",
            "occasion": "visit",
            "figures": [{"measure": "share", "value": 0.25, "unit": "%"}],
        },
        {
            "id": "trade-claim",
            "citations": [_stated(5)],
            "kind": "claim",
            "text": "Trade grew.",
            "about": ["land"],
            "date": [_claim("2010/2021", _inferred("eleven years", 5))],
        },
    ],
}


@pytest.fixture(scope="module")
def edge() -> sr.Dataset:
    """The hand-built dataset of edge cases."""
    return sr.loads(json.dumps(EDGE))


@pytest.fixture(scope="module", params=["bundled", "edge"])
def case(request: pytest.FixtureRequest, edge: sr.Dataset) -> tuple[sr.Dataset, dict[str, bytes]]:
    """A dataset (the bundled one, then the edge cases) and its ftm export."""
    dataset = sr.load() if request.param == "bundled" else edge
    return dataset, render(dataset)


def _entities(files: dict[str, bytes]) -> list[Json]:
    return [json.loads(line) for line in files[ENTITIES].decode("utf-8").splitlines()]


def _by_id(files: dict[str, bytes]) -> dict[str, Json]:
    return {entity["id"]: entity for entity in _entities(files)}


def _statements(files: dict[str, bytes]) -> list[FtmStatement]:
    return list(read_statements(io.BytesIO(files[STATEMENTS]), JSON))


def _props(entity: Json, prop: str) -> list[str]:
    values: list[str] = entity["properties"].get(prop, [])
    return values


def _schema(name: str) -> Schema:
    schema = model.get(name)
    assert schema is not None, name
    return schema


def _property(schema: Schema, name: str) -> Property:
    prop = schema.get(name)
    assert prop is not None, (schema.name, name)
    return prop


def _entity_values(entity: Json) -> Iterator[tuple[str, str]]:
    """(property, target id) for the entity-typed values of an entity."""
    schema = _schema(entity["schema"])
    for prop, values in entity["properties"].items():
        if _property(schema, prop).type == registry.entity:
            for value in values:
                yield prop, value


# -- the files --------------------------------------------------------------------


def test_files_and_registry(ds: sr.Dataset) -> None:
    """The export is two files, and the registry's ``ftm`` format is this renderer."""
    files = render(ds)
    assert sorted(files) == [ENTITIES, STATEMENTS]
    assert export_render(ds, format="ftm") == files


def test_export_writes_both_files(tmp_path: Path, edge: sr.Dataset) -> None:
    """``sr.export(..., format="ftm")`` writes both files."""
    written = sr.export(edge, tmp_path, format="ftm")
    assert [path.name for path in written] == [ENTITIES, STATEMENTS]
    assert (tmp_path / ENTITIES).read_bytes() == render(edge)[ENTITIES]


def test_lines_are_sorted_json(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """One compact JSON object a line, sorted; values are sorted, non-empty lists of strings."""
    _, files = case
    for name in (ENTITIES, STATEMENTS):
        text = files[name].decode("utf-8")
        assert text.endswith("\n")
        assert "\r" not in text
        assert not any(char in text for char in "\u0085\u2028\u2029")
    entities = _entities(files)
    assert [e["id"] for e in entities] == sorted(e["id"] for e in entities)
    for entity in entities:
        assert list(entity) == ["id", "schema", "properties"]
        assert list(entity["properties"]) == sorted(entity["properties"])
        for values in entity["properties"].values():
            assert values == sorted(set(values))
            assert values
            assert all(isinstance(value, str) for value in values)


def test_deterministic_bytes(ds: sr.Dataset, edge: sr.Dataset) -> None:
    """The same dataset gives the same bytes."""
    assert render(ds) == render(ds)
    assert render(edge) == render(sr.loads(json.dumps(EDGE)))


def test_same_bytes_with_another_hash_seed(ds: sr.Dataset) -> None:
    """The bytes do not depend on ``PYTHONHASHSEED``."""
    script = (
        "import hashlib, sinorussia as sr\n"
        "from sinorussia._ftm import render\n"
        "files = render(sr.load())\n"
        "print(*(hashlib.sha256(files[name]).hexdigest() for name in sorted(files)))\n"
    )
    files = render(ds)
    here = " ".join(hashlib.sha256(files[name]).hexdigest() for name in sorted(files))
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == here


# -- FtM's model ------------------------------------------------------------------


def test_entities_survive_ftm_cleaning(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """FtM re-cleaning every value (``cleaned=False``) gives back the same properties.

    A value FtM would change or drop, or a property the schema does not have,
    shows as a difference.
    """
    _, files = case
    for entity in _entities(files):
        proxy = model.get_proxy(entity, cleaned=False).to_dict()
        assert proxy["id"] == entity["id"]
        assert proxy["schema"] == entity["schema"]
        assert proxy["properties"] == entity["properties"], entity["id"]


def test_no_abstract_schema_and_no_mention(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Every schema is concrete, and FtM's internal ``Mention`` is never written."""
    _, files = case
    schemata = {entity["schema"] for entity in _entities(files)}
    assert "Mention" not in schemata
    for name in schemata:
        assert not _schema(name).abstract, name


def test_required_properties_present(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Every required property, inherited ones included, has a value.

    FtM's ``validate()`` misses an absent required property, and a schema's
    ``required`` leaves out what it inherits (an Article needs a fileName).
    """
    _, files = case
    for entity in _entities(files):
        schema = _schema(entity["schema"])
        required = {name for parent in schema.schemata for name in parent.required}
        missing = [name for name in sorted(required) if not _props(entity, name)]
        assert missing == [], entity["id"]


def test_references_resolve_inside_the_export(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Every entity-typed value is an entity of the export, of a schema the range allows."""
    _, files = case
    found = _by_id(files)
    for entity in found.values():
        schema = _schema(entity["schema"])
        for prop, target in _entity_values(entity):
            assert target in found, (entity["id"], prop, target)
            # and the target has a schema the property's range allows
            target_schema = _schema(found[target]["schema"])
            assert target_schema.is_a(_property(schema, prop).range), (entity["id"], prop, target)


def test_ids_are_unique_stable_and_valid(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Ids are unique, valid FtM ids, ``sinorussia-<id>`` for records, with ``--`` for parts."""
    dataset, files = case
    ids = [entity["id"] for entity in _entities(files)]
    assert len(ids) == len(set(ids))
    for entity_id in ids:
        assert entity_id.startswith(PREFIX)
        assert registry.entity.validate(entity_id), entity_id
        assert "." not in entity_id  # FtM's id signing splits on dots
    # every record is the entity sinorussia-<id>; nothing else has such an id
    records = {PREFIX + record.id for record in dataset.records()}
    assert records <= set(ids)
    assert all("--" in entity_id for entity_id in set(ids) - records)


def test_property_types_match_ftm(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """The property types the exporter cleans by are FtM's, and so is the list of Things."""
    _, files = case
    for entity in _entities(files):
        schema = _schema(entity["schema"])
        for prop in entity["properties"]:
            assert _property(schema, prop).type.name == PROPERTY_TYPES[prop], (
                entity["schema"],
                prop,
            )
        assert (entity["schema"] in THINGS) == schema.is_a("Thing"), entity["schema"]


def test_language_codes_are_ftm_codes() -> None:
    """The language table agrees with FtM's own mapping and list of languages."""
    allowed = registry.language.LANGUAGES
    for two, three in LANGUAGES.items():
        assert iso_639_alpha3(two) == three, two
        assert three in allowed, three
    assert set(allowed) >= _ftm._THREE_LETTER


# -- every record, every reference ------------------------------------------------


def test_no_record_is_dropped(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Every record is an entity, of the schema the mapping gives its class."""
    dataset, files = case
    found = _by_id(files)
    schemata = {
        sr.Document: {"Article"},
        sr.Country: {"PublicBody"},
        sr.Organisation: {"PublicBody", "Organization"},
        sr.Place: {"Address"},
        sr.Person: {"Person"},
        sr.Office: {"Occupancy"},
        sr.Meeting: {"Event"},
        sr.Happening: {"Event"},
        sr.Treaty: {"Event"},
        sr.Project: {"Project"},
        sr.Statement: {"Note"},
    }
    for record in dataset.records():
        cls = next(c for c in type(record).__mro__ if c in schemata)
        assert found[PREFIX + record.id]["schema"] in schemata[cls], record.id


def test_an_unknown_record_class_is_refused() -> None:
    """A record class without a mapping fails loudly rather than being left out."""
    with pytest.raises(TypeError, match="no mapping for object"):
        _ftm._method(object())


def _expected_counts(dataset: sr.Dataset) -> Counter[str]:
    """The entities per schema, worked out from the records (see the mapping table)."""
    counts: Counter[str] = Counter()
    igo = sr.OrganisationKind.INTERGOVERNMENTAL
    codes = {c.id: c.alpha2 for c in dataset.countries}
    places = {p.id for p in dataset.places}
    counts["Article"] = len(dataset.documents)
    counts["Address"] = len(dataset.places)
    counts["Person"] = len(dataset.people)
    counts["PublicBody"] = len(dataset.countries)
    counts["PublicBody"] += sum(o.kind is not igo for o in dataset.organisations)
    counts["Organization"] = sum(o.kind is igo for o in dataset.organisations)
    counts["Membership"] = sum(len(o.members) for o in dataset.organisations)
    counts["Occupancy"] = len(dataset.offices)
    positions: dict[tuple[str, str, str | None], set[str]] = {}
    for office in dataset.offices:
        key = (office.organisation, office.post, office.posted_to)
        positions.setdefault(key, set()).update(
            c.document for c in office.citations if c.document is not None
        )
    counts["Position"] = len(positions)
    milestones = [m for p in dataset.projects for m in p.milestones]
    counts["Event"] = len(dataset.meetings) + len(dataset.happenings) + len(dataset.treaties)
    counts["Event"] += len(milestones)
    counts["Project"] = len(dataset.projects)
    counts["ProjectParticipant"] = sum(len(p.parties) for p in dataset.projects)
    counts["Note"] = len(dataset.statements)

    def documents(citations: tuple[sr.Citation, ...]) -> int:
        return len({c.document for c in citations if c.document is not None})

    counts["Documentation"] = sum(
        documents(record.citations)
        for record in dataset.records()
        if not isinstance(record, sr.Office | sr.Document)
    )
    counts["Documentation"] += sum(len(docs) for docs in positions.values())
    counts["Documentation"] += sum(documents(m.citations) for m in milestones)

    def width(target: str) -> int:  # an office is its holder and its post
        return 2 if isinstance(dataset.get(target), sr.Office) else 1

    def uncoded(target: str | None) -> int:  # a country FtM cannot name by code
        return int(target is not None and target not in places and codes.get(target) is None)

    links = 0
    for meeting in dataset.meetings:
        links += meeting.commemorates is not None
        links += uncoded(meeting.place)
    for happening in dataset.happenings:
        links += happening.origin is not None
        links += sum(width(target) for target in happening.about)
        links += uncoded(happening.place)
    for treaty in dataset.treaties:
        links += treaty.signed_at is not None
        links += uncoded(treaty.place)
    for project in dataset.projects:
        links += len(project.agreements) + len(project.milestones) + uncoded(project.location)
    for statement in dataset.statements:
        links += statement.speaker is not None
        links += statement.occasion is not None
        links += uncoded(statement.place)
    for place in dataset.places:
        links += place.within in places or uncoded(place.within)
    for person in dataset.people:
        links += uncoded(person.nationality)
    for organisation in dataset.organisations:
        links += uncoded(organisation.country)
    links += len(
        {(o.organisation, o.post, o.posted_to) for o in dataset.offices if uncoded(o.posted_to)}
    )
    counts["UnknownLink"] = links
    return +counts


def test_counts_per_schema_follow_the_records(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """The entities per schema are those the records call for."""
    dataset, files = case
    assert Counter(entity["schema"] for entity in _entities(files)) == _expected_counts(dataset)


def _references(record: Any) -> Iterator[tuple[str, str]]:
    """(field, target id) for every reference of a record, nested ones included."""
    for step in plan(type(record)):
        value = getattr(record, step.name)
        if step.kind == "ref" and value is not None:
            yield step.name, value
        elif step.kind == "refs":
            yield from ((step.name, target) for target in value)
        elif step.kind == "nested":
            for item in value:
                yield from ((step.name, target) for _, target in _references(item))


def _derived_closure(start: str, near: dict[str, set[str]], records: set[str]) -> set[str]:
    """The entity and the entities made for parts of records (not records) reachable from it."""
    found = {start}
    pending = [start]
    while pending:
        for hop in near[pending.pop()]:
            if hop not in records and hop not in found:
                found.add(hop)
                pending.append(hop)
    return found


def test_every_reference_is_held(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Every reference of every record is in the export.

    By an entity property, by an entity made for it (an Occupancy, a Membership,
    an UnknownLink ...) or, for a country, by its ISO code.
    """
    dataset, files = case
    found = _by_id(files)
    records = {PREFIX + record.id for record in dataset.records()}
    near: dict[str, set[str]] = {entity_id: set() for entity_id in found}
    for entity in found.values():
        for _, target in _entity_values(entity):
            near[entity["id"]].add(target)
            near[target].add(entity["id"])

    def targets(target: str) -> set[str]:
        record = dataset.get(target)
        if isinstance(record, sr.Office):
            occupancy = found[PREFIX + target]
            return {*_props(occupancy, "holder"), *_props(occupancy, "post")}
        return {PREFIX + target}

    def codes(entity_id: str) -> set[str]:
        entity = found[entity_id]
        return {*_props(entity, "country"), *_props(entity, "nationality")}

    for record in dataset.records():
        subject = PREFIX + record.id
        via = _derived_closure(subject, near, records)
        for field, target in _references(record):
            wanted = targets(target)
            linked = any(wanted & near[hop] for hop in via)
            country = dataset.get(target)
            code = country.alpha2 if isinstance(country, sr.Country) else None
            by_code = code is not None and any(code.lower() in codes(hop) for hop in via)
            assert linked or by_code, (record.id, field, target)


def test_unknown_links_name_our_fields(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """An ``UnknownLink`` has one role, the name of a field of ours."""
    _, files = case
    fields = {step.name for cls in _record_classes() for step in plan(cls)}
    for entity in _entities(files):
        if entity["schema"] == "UnknownLink":
            assert len(_props(entity, "role")) == 1
            assert _props(entity, "role")[0] in fields


def _record_classes() -> list[type]:
    from sinorussia._dataset import SECTIONS

    return [section.cls for section in SECTIONS]


# -- statements -------------------------------------------------------------------


def test_statements_parse_and_refer_to_entities(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """FtM's reader reads every statement; each is about an entity, and each value has one."""
    _, files = case
    found = _by_id(files)
    statements = _statements(files)
    assert len({s.id for s in statements}) == len(statements)
    held = set()
    for statement in statements:
        assert statement.entity_id in found
        assert statement.canonical_id == statement.entity_id
        assert statement.schema == found[statement.entity_id]["schema"]
        assert statement.dataset == DATASET
        assert statement.external is False  # not an unverified suggestion
        assert statement.lang is None
        assert statement.first_seen is None
        held.add((statement.entity_id, statement.prop, statement.value))
    values = {
        (entity["id"], prop, value)
        for entity in found.values()
        for prop, vs in entity["properties"].items()
        for value in vs
    }
    assert held == values  # every value has a statement, and no statement is spare


def test_statements_are_ftms_own_json(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """FtM's statement writer gives back the same bytes."""
    _, files = case
    out = io.BytesIO()
    write_statements(out, JSON, _statements(files))
    assert out.getvalue() == files[STATEMENTS]


def test_statements_aggregate_into_the_entities(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Rolled up as ``ftm aggregate-statements`` does, the statements are the entities."""
    _, files = case
    found = _by_id(files)
    groups: dict[str, list[FtmStatement]] = {}
    order = []
    for statement in _statements(files):
        if statement.canonical_id not in groups:
            order.append(statement.canonical_id)
        groups.setdefault(statement.canonical_id, []).append(statement)
    assert order == sorted(found)  # consecutive, sorted by entity
    dataset = FtmDataset.make({"name": DATASET})
    for entity_id, group in groups.items():
        entity = StatementEntity.from_statements(dataset, group)
        assert entity.schema.name == found[entity_id]["schema"]
        rolled = {prop: sorted(values) for prop, values in entity.properties.items()}
        assert rolled == found[entity_id]["properties"]


def _origins(files: dict[str, bytes], entity_id: str, prop: str) -> dict[str, set[str | None]]:
    found: dict[str, set[str | None]] = {}
    for statement in _statements(files):
        if statement.entity_id == entity_id and statement.prop == prop:
            found.setdefault(statement.value, set()).add(statement.origin)
    return found


def test_each_citation_is_a_statement_of_its_own(ds: sr.Dataset) -> None:
    """Two citations of one value are two statements, with two ids FtM's key would merge."""
    files = render(ds)
    parade = ds.meetings.get("victory-day-parade-2015")
    assert parade.date is not None
    expected = {origin(claim.citation) for claim in parade.date.claims}
    assert _origins(files, PREFIX + parade.id, "date") == {"2015-05-09": expected}
    assert expected == {
        "article#p1 stated",
        "http://en.people.cn/n/2015/0510/c90883-8889913.html external high: the day of the parade",
    }
    # FtM's own key would give both the same id
    same = [s for s in _statements(files) if s.entity_id == PREFIX + parade.id and s.prop == "date"]
    assert len({s.generate_key() for s in same}) == 1
    assert len({s.id for s in same}) == 2


def test_record_values_carry_the_record_citations(
    case: tuple[sr.Dataset, dict[str, bytes]],
) -> None:
    """A record's name rests on exactly the record's citations."""
    dataset, files = case
    for record in dataset.records():
        if isinstance(record, sr.Document | sr.Office):
            continue
        cited = {origin(c) for c in record.citations}
        names = _origins(files, PREFIX + record.id, "name")
        for value, origins in names.items():
            assert origins == cited, (record.id, value)


def test_participation_cites_its_own_source(edge: sr.Dataset) -> None:
    """A participant with citations of its own is cited by them, not the record's."""
    files = render(edge)
    involved = _origins(files, PREFIX + "visit", "involved")
    host = "https://example.org/source external high: names the host"
    assert involved == {PREFIX + "boss": {"doc#p2 stated"}, PREFIX + "envoy": {host}}
    assert _origins(files, PREFIX + "visit", "organizer") == {PREFIX + "envoy": {host}}


def test_document_metadata_has_no_origin(edge: sr.Dataset) -> None:
    """A document cites nothing: its own values have a statement without origin."""
    files = render(edge)
    article = _origins(files, PREFIX + "doc", "title")
    assert article == {'A "test" document <b>&</b>': {None}}


# -- dates ------------------------------------------------------------------------

PREFIX_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def test_dates_never_gain_precision(case: tuple[sr.Dataset, dict[str, bytes]]) -> None:
    """Each date value is a prefix date holding every day of the claim it comes from."""
    _, files = case
    dates = [s for s in _statements(files) if s.prop_type == "date"]
    assert dates
    for statement in dates:
        assert PREFIX_DATE.fullmatch(statement.value), statement.value
        claim = sr.parse_edtf(statement.original_value or statement.value)
        value = sr.parse_edtf(statement.value)
        assert claim.lower is not None
        assert claim.upper is not None
        assert value.lower is not None
        assert value.upper is not None
        assert value.lower <= claim.lower, statement
        assert claim.upper <= value.upper, statement
        assert prefix(claim) == statement.value


def test_date_rules(edge: sr.Dataset) -> None:
    """Several claims, uncertain, open, undated and spanning dates, as the mapping says."""
    found = _by_id(render(edge))
    visit = found[PREFIX + "visit"]["properties"]
    assert visit["date"] == ["2013", "2013-03-22"]  # both claims, as given
    calls = found[PREFIX + "calls"]["properties"]
    assert calls["date"] == ["2020"]
    assert "date: 2020?" in calls["notes"]
    assert "count: unknown" in calls["notes"]
    pact = found[PREFIX + "pact"]["properties"]
    assert pact["date"] == ["2013-03-22"]  # the open interval gives no date
    assert {"signed: ../2021", "in_force: 2014-01"} <= set(pact["notes"])
    claim = found[PREFIX + "trade-claim"]["properties"]
    assert "date" not in claim
    assert claim["notes"] == ["date: 2010/2021"]
    aid = found[PREFIX + "aid"]["properties"]
    assert "date" not in aid
    assert not any(n.startswith("date:") for n in aid["notes"])
    ambassador = found[PREFIX + "envoy-ambassador"]["properties"]
    assert "endDate" not in ambassador
    assert ambassador["description"] == ["end: ../2019"]
    assert ambassador["date"] == ["2015", "2015-06-01"]
    president = found[PREFIX + "boss-president"]["properties"]
    assert president["startDate"] == ["2010"]
    assert president["description"] == ["start: 2010?"]
    assert found[PREFIX + "doc"]["properties"]["publishedAt"] == ["2021"]


def test_edtf_kept_as_original_value(edge: sr.Dataset) -> None:
    """A date changed on the way keeps its EDTF value as the original; one kept as is has none."""
    statements = _statements(render(edge))
    start = [
        s for s in statements if s.entity_id == PREFIX + "boss-president" and s.prop == "startDate"
    ]
    assert [(s.value, s.original_value) for s in start] == [("2010", "2010?")]
    exact = [s for s in statements if s.entity_id == PREFIX + "visit" and s.prop == "date"]
    assert {s.original_value for s in exact} == {None}  # nothing changed, nothing to keep


def test_prefix() -> None:
    """The prefix of each kind of EDTF value."""
    assert prefix(sr.parse_edtf("2019-06")) == "2019-06"
    assert prefix(sr.parse_edtf("2020-04-18?")) == "2020-04-18"
    assert prefix(sr.parse_edtf("2013-03-22/2013-03-24")) == "2013-03"
    assert prefix(sr.parse_edtf("2021-03-23/2021-12-31")) == "2021"
    assert prefix(sr.parse_edtf("2021-03-23/2021-03-23")) == "2021-03-23"
    assert prefix(sr.parse_edtf("2013-03/2021")) is None
    assert prefix(sr.parse_edtf("2013-03-22/..")) is None
    assert prefix(sr.parse_edtf("/2013-03")) is None


# -- what each record becomes -----------------------------------------------------


def test_text_is_kept(edge: sr.Dataset) -> None:
    """Quotes, new lines and HTML characters survive; cleaned names keep the text as original."""
    files = render(edge)
    found = _by_id(files)
    note = found[PREFIX + "boss-quote"]["properties"]
    assert note["summary"] == ['Yes & "no" <b>\nreally</b>']  # the quote, verbatim
    assert note["description"] == ['Boss says "yes" & <no>.']
    assert note["name"] == ["Quotation of Big Boss"]
    boss = found[PREFIX + "boss"]["properties"]
    assert boss["description"] == ["<b>Boss</b> & co"]
    # names are cleaned as FtM cleans them; the text as written is the original value
    aliases = {
        s.value: s.original_value
        for s in _statements(files)
        if s.entity_id == PREFIX + "boss" and s.prop == "alias"
    }
    assert aliases == {"The Boss": '"The Boss"', "Big Boss": "Big\nBoss"}
    square = found[PREFIX + "square"]["properties"]
    assert square["full"] == ["Old Square, North, Capital, Land"]
    assert square["city"] == ["Capital"]
    assert square["country"] == ["cn"]


def test_people_and_offices(edge: sr.Dataset, ds: sr.Dataset) -> None:
    """PEP topics follow the offices; one Position per post; a country without code is a link."""
    found = _by_id(render(edge))
    assert found[PREFIX + "boss"]["properties"]["topics"] == ["role.pep"]
    assert found[PREFIX + "envoy"]["properties"]["topics"] == ["role.diplo", "role.pep.frmr"]
    assert "topics" not in found[PREFIX + "clerk"]["properties"]  # an office of role other
    assert found[PREFIX + "boss"]["properties"]["nationality"] == ["cn"]
    assert "nationality" not in found[PREFIX + "envoy"]["properties"]  # no ISO code
    link = found[PREFIX + "envoy--nationality--ruritania"]["properties"]
    assert link == {
        "object": [PREFIX + "ruritania"],
        "role": ["nationality"],
        "subject": [PREFIX + "envoy"],
    }
    # one Position for one post, whoever holds it
    posts = {
        found[PREFIX + o]["properties"]["post"][0] for o in ("boss-president", "envoy-president")
    }
    assert len(posts) == 1
    assert found[PREFIX + "boss-president"]["properties"]["status"] == ["current"]
    bundled = _by_id(render(ds))
    leaders = {PREFIX + person.id for person in ds.leaders}
    peps = {key for key, e in bundled.items() if "role.pep" in _props(e, "topics")}
    assert peps == leaders - {PREFIX + "jiang-zemin"}  # his office has ended
    assert _props(bundled[PREFIX + "jiang-zemin"], "topics") == ["role.pep.frmr"]


def test_articles(edge: sr.Dataset) -> None:
    """A document's language, address, size and checksum, and its Documentation links."""
    found = _by_id(render(edge))
    doc = found[PREFIX + "doc"]["properties"]
    assert doc["language"] == ["zho"]
    assert doc["fileName"] == ["doc"]
    assert doc["sourceUrl"] == ["https://example.com/doc"]
    assert {"paragraphs: 5", f"sha256: {'a' * 64}"} <= set(doc["notes"])
    memo = found[PREFIX + "memo"]["properties"]
    assert "language" not in memo
    assert "sourceUrl" not in memo
    assert {"language: xx", "url: the ministry's page"} <= set(memo["notes"])
    council = {k for k in found if k.startswith(PREFIX + "council--documentation--")}
    assert council == {
        PREFIX + "council--documentation--doc",
        PREFIX + "council--documentation--memo",
    }
