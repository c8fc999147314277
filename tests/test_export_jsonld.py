"""The jsonld export: JSON-LD that rdflib reads offline, in schema.org and PROV-O terms only."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import socket
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, XSD
from rdflib.term import Identifier, Node

import sinorussia as sr
from sinorussia._dates import DateInterval, PartialDate, Precision
from sinorussia._export import export, render
from sinorussia._jsonld import BASE, CONTEXT, DATASET, FILE, WIKIDATA, source_id
from sinorussia._plan import citations, plan

pytestmark = pytest.mark.filterwarnings(
    # rdflib 7's JSON-LD parser builds a ConjunctiveGraph, which rdflib itself deprecates.
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning:rdflib"
)

SRC = Path(sr.__file__).parent.parent
VOCABULARIES = (SDO, PROV, RDF, RDFS, XSD)
DATATYPES = {Precision.YEAR: XSD.gYear, Precision.MONTH: XSD.gYearMonth, Precision.DAY: XSD.date}


def known(term: Node) -> bool:
    """Whether a term belongs to schema.org, PROV-O, RDF, RDFS or XSD (closed namespaces)."""
    return any(term in cast(Any, namespace) for namespace in VOCABULARIES)


class NetworkUsed(AssertionError):
    """Something tried to reach the network."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsed(f"network access attempted: {args!r}")


@contextlib.contextmanager
def offline() -> Iterator[None]:
    """Make every attempt to open a connection or fetch a URL fail."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _refuse)
        patch.setattr(socket.socket, "connect_ex", _refuse)
        patch.setattr(socket, "create_connection", _refuse)
        patch.setattr(socket, "getaddrinfo", _refuse)
        patch.setattr(urllib.request, "urlopen", _refuse)
        yield


def parse(data: bytes) -> Graph:
    """The graph of a JSON-LD file, read with no network."""
    with offline():
        return Graph().parse(data=data.decode("utf-8"), format="json-ld")


def jsonld(ds: sr.Dataset) -> bytes:
    """The bytes of the one file of the export."""
    files = render(ds, format="jsonld")
    assert list(files) == [FILE]
    return files[FILE]


def iri(record_id: str) -> URIRef:
    """The IRI of a record (or of a participation, ``record#who``)."""
    return URIRef(BASE + record_id)


def local(node: Node) -> str:
    """A record's id from its IRI."""
    text = str(node)
    assert text.startswith(BASE), text
    return text[len(BASE) :]


def objects(graph: Graph, subject: Node, predicate: URIRef) -> set[Node]:
    """The objects of one subject and predicate."""
    return set(graph.objects(cast(Any, subject), predicate))


def literals(graph: Graph, subject: Node, predicate: URIRef) -> set[Literal]:
    """The objects of one subject and predicate, which must all be literals."""
    found = objects(graph, subject, predicate)
    assert all(isinstance(value, Literal) for value in found)
    return cast(set[Literal], found)


@pytest.fixture(scope="module")
def data(ds: sr.Dataset) -> bytes:
    """The export of the bundled dataset."""
    return jsonld(ds)


@pytest.fixture(scope="module")
def graph(data: bytes) -> Graph:
    """The export of the bundled dataset, as rdflib reads it."""
    return parse(data)


# -- a small dataset with the edge cases ------------------------------------------------

_STATED = {"basis": "stated", "document": "doc", "paragraphs": [1]}
_AWKWARD = "Say \"hi\" <b>&amp;</b>\nnext line\ttab \u2028 'quoted' \\ back"
_PLAIN_SOURCE = "Interview with the editors, Moscow, 2019"


def _date(*values: str, basis: str = "stated") -> list[dict[str, Any]]:
    claims = []
    for value in values:
        citation: dict[str, Any] = dict(_STATED)
        if basis == "external":
            citation = {"basis": "external", "source": "https://example.org/d", "confidence": "low"}
        claims.append({"value": value, "citation": citation})
    return claims


def _meeting(id: str, *dates: str, **more: Any) -> dict[str, Any]:
    meeting: dict[str, Any] = {"id": id, "citations": [_STATED], "title": id, "kind": "talks"}
    if dates:
        meeting["date"] = _date(*dates)
    meeting.update(more)
    return meeting


@pytest.fixture
def edge(raw: dict[str, Any]) -> sr.Dataset:
    """The small dataset of conftest with every awkward case added."""
    raw = copy.deepcopy(raw)
    document = raw["documents"][0]
    document["url"] = "the printed edition, page 3"
    document["date"] = _date("2021?")
    raw["people"].append(
        {
            "id": "awkward",
            "citations": [
                _STATED,
                {
                    "basis": "external",
                    "source": _PLAIN_SOURCE,
                    "confidence": "medium",
                    "document": "doc",
                    "paragraphs": [2, 3],
                    "note": "sharpens paragraphs 2 and 3",
                },
            ],
            "name": _AWKWARD,
            "aliases": ["<script>alert(1)</script>"],
            "description": "line one\nline two",
        }
    )
    raw["offices"].append(
        {
            "id": "awkward-office",
            "citations": [_STATED],
            "person": "awkward",
            "post": "Envoy & <Adviser>",
            "role": "ambassador",
            "organisation": "russia",
            "posted_to": "china",
            "start": _date("2013-03-14/2013-03-15"),
            "status": "unknown",
            "attested": _date("2019~"),
        }
    )
    raw["meetings"].extend(
        [
            _meeting("undated"),
            _meeting("open-end", "2019-06/.."),
            _meeting("unknown-end", "2019/"),
            _meeting("open-start", "../2013"),
            _meeting("uncertain", "2020?", count=None),
            _meeting(
                "approximate",
                "2019-06-05%",
                count=5,
                participants=[
                    {
                        "who": "awkward",
                        "role": "host",
                        "citations": [
                            {"basis": "external", "source": _PLAIN_SOURCE, "confidence": "low"}
                        ],
                    },
                    {"who": "xi-jinping", "role": "guest"},
                ],
            ),
        ]
    )
    raw["happenings"] = [
        {
            "id": "flight",
            "citations": [_STATED],
            "title": "A flight",
            "kind": "aid_delivery",
            "place": "china",
            "origin": "moscow",
            "about": ["visit"],
            "figures": [
                {"measure": "cargo", "value": 2.5, "unit": "tonnes"},
                {"measure": "n", "value": 3},
            ],
        }
    ]
    raw["treaties"] = [
        {
            "id": "pact",
            "citations": [_STATED],
            "name": "A pact",
            "kind": "memorandum",
            "parties": ["china", "russia"],
            "signed": _date("2013-03-22"),
            "in_force": _date("2014/2015"),
            "signatories": [{"who": "xi-jinping", "role": "signatory"}],
            "signed_at": "visit",
            "topics": ["a", "b"],
        },
        {
            "id": "vague-pact",
            "citations": [_STATED],
            "name": "A vague pact",
            "kind": "agreement",
            "signed": _date("2021-03-23/2021-12-31"),
        },
    ]
    raw["projects"] = [
        {
            "id": "line",
            "citations": [_STATED],
            "name": "A line",
            "sector": "energy",
            "status": "planned",
            "parties": ["china"],
            "location": "moscow",
            "agreements": ["pact"],
            "milestones": [
                {"title": "agreed", "status": "planned", "citations": [_STATED]},
                {
                    "title": "built",
                    "status": "in_operation",
                    "date": _date("2019-12"),
                    "citations": [_STATED],
                },
            ],
        }
    ]
    raw["statements"] = [
        {
            "id": "a-claim",
            "citations": [_STATED],
            "kind": "claim",
            "text": "Ties have matured.",
            "about": ["china", "russia"],
            "date": _date("2015/2021"),
        },
        {
            "id": "a-quote",
            "citations": [_STATED],
            "kind": "quotation",
            "speaker": "xi-jinping",
            "text": "He says hello.",
            "quote": _AWKWARD,
            "date": _date("2020-04", "2020-04-18?"),
            "place": "moscow",
        },
        {
            "id": "a-paraphrase",
            "citations": [_STATED],
            "kind": "paraphrase",
            "speaker": "xi-jinping",
            "text": "He said something.",
            "date": _date("2013-03-22/2013-03-24"),
        },
    ]
    return sr.loads(json.dumps(raw))


@pytest.fixture
def edge_graph(edge: sr.Dataset) -> Graph:
    """The export of the hand-built dataset, as rdflib reads it."""
    return parse(jsonld(edge))


# -- reading it -------------------------------------------------------------------------


class TestParse:
    def test_offline(self, graph: Graph, ds: sr.Dataset) -> None:
        """rdflib reads the file with the network cut off, and finds its triples."""
        assert len(graph) > 20 * len(list(ds.records()))

    def test_guard_works(self) -> None:
        """The offline guard is real: a document with a remote context cannot be read."""
        remote = json.dumps({"@context": "https://schema.org/", "name": "x"}).encode()
        with pytest.raises(NetworkUsed, match=r"schema\.org"):
            parse(remote)

    def test_context_is_inline(self, data: bytes) -> None:
        """The context is an object in the file, mapping only to known namespaces."""
        context = json.loads(data)["@context"]
        assert context == CONTEXT
        assert isinstance(context, dict)
        namespaces = {"https://schema.org/", "http://www.w3.org/ns/prov#", XSD._NS, BASE}
        prefixes = {key: value for key, value in context.items() if isinstance(value, str)}
        assert {value for value in prefixes.values() if "://" in value} == namespaces

    def test_every_key_is_a_term(self, data: bytes, edge: sr.Dataset) -> None:
        """A key the context does not define would be dropped silently: there is none."""
        terms = set(CONTEXT) - {"@base"}

        def walk(value: Any) -> Iterator[str]:
            if isinstance(value, dict):
                for key, item in value.items():
                    if key == "@type" and "@value" not in value:
                        yield from ([item] if isinstance(item, str) else item)
                    elif key not in ("@context", "@value", "@type"):
                        yield key
                        yield from walk(item)
            elif isinstance(value, list):
                for item in value:
                    yield from walk(item)

        for blob in (data, jsonld(edge)):
            used = set(walk(json.loads(blob)))
            keywords = {key for key in used if key.startswith("@")}
            assert keywords <= {"@id", "@graph", "@reverse"}
            assert used - keywords <= terms

    def test_only_schema_org_and_prov_terms(self, graph: Graph, edge_graph: Graph) -> None:
        """Every predicate, class and datatype is a term of schema.org, PROV-O or RDF/RDFS/XSD."""
        for g in (graph, edge_graph):
            used = {p for _, p, _ in g} | set(g.objects(None, RDF.type))
            used |= {o.datatype for o in g.objects() if isinstance(o, Literal) and o.datatype}
            unknown = {term for term in used if not known(term)}
            assert unknown == set()
            assert {RDF.type, SDO.Person, PROV.wasDerivedFrom} <= used

    def test_made_up_terms_are_caught(self) -> None:
        """The membership check refuses a term schema.org does not define."""
        assert known(URIRef("https://schema.org/attendee"))
        assert not known(URIRef("https://schema.org/treatyParty"))
        assert not known(URIRef("http://www.w3.org/ns/prov#wasSaidBy"))
        assert not known(URIRef("https://sinorussia.example/id/attendee"))


# -- records ---------------------------------------------------------------------------


def expected_types(record: object) -> set[URIRef]:
    """The classes a record's node should have, from the mapping table of the docs."""
    if isinstance(record, sr.Document):
        return {SDO.CreativeWork, PROV.Entity}
    if isinstance(record, sr.Organisation):
        agency = record.kind is sr.OrganisationKind.GOVERNMENT_AGENCY
        return {SDO.GovernmentOrganization if agency else SDO.Organization}
    if isinstance(record, sr.Statement):
        return {SDO.Quotation if record.kind is sr.StatementKind.QUOTATION else SDO.Claim}
    table = {
        sr.Country: SDO.Country,
        sr.Place: SDO.Place,
        sr.Person: SDO.Person,
        sr.Office: SDO.OrganizationRole,
        sr.Meeting: SDO.Event,
        sr.Happening: SDO.Event,
        sr.Treaty: SDO.Legislation,
        sr.Project: SDO.Project,
    }
    return next({kind} for cls, kind in table.items() if isinstance(record, cls))


class TestRecords:
    def test_every_record_is_a_node(self, graph: Graph, ds: sr.Dataset) -> None:
        """Each record is the subject of its node, with the classes of its record class."""
        for record in ds.records():
            assert objects(graph, iri(record.id), RDF.type) == expected_types(record), record.id

    def test_counts_by_class(self, graph: Graph, ds: sr.Dataset) -> None:
        """Our namespace holds exactly one node per record, counted by class."""
        expected = Counter(t for record in ds.records() for t in expected_types(record))
        found = Counter(
            t
            for s, t in graph.subject_objects(RDF.type)
            if isinstance(s, URIRef) and str(s).startswith(BASE) and "#" not in s
        )
        assert found == expected
        assert expected[SDO.Event] == len(ds.events)
        assert expected[SDO.Person] == len(ds.people)

    def test_edge_records(self, edge_graph: Graph, edge: sr.Dataset) -> None:
        """The hand-built dataset: every record a node too."""
        for record in edge.records():
            assert objects(edge_graph, iri(record.id), RDF.type) == expected_types(record)

    def test_dataset_node(self, graph: Graph, ds: sr.Dataset) -> None:
        """The dataset as a whole: its version and the documents it rests on."""
        assert literals(graph, URIRef(DATASET), SDO.version) == {Literal(ds.version)}
        assert objects(graph, URIRef(DATASET), SDO.isBasedOn) == {iri("article")}

    def test_wikidata_is_same_as(self, graph: Graph, ds: sr.Dataset) -> None:
        """A Wikidata QID is schema:sameAs the Wikidata entity; nothing else is sameAs."""
        expected = {
            (iri(r.id), URIRef(f"http://www.wikidata.org/entity/{qid}"))
            for r in ds.records()
            if (qid := getattr(r, "wikidata", None)) is not None
        }
        assert len(expected) == 6
        assert set(cast(Any, graph.subject_objects(SDO.sameAs))) == expected
        assert WIKIDATA == "http://www.wikidata.org/entity/"

    def test_texts_kept_exactly(self, edge_graph: Graph) -> None:
        """Quotes, newlines, tabs, HTML and line separators come back as they were."""
        assert literals(edge_graph, iri("awkward"), SDO.name) == {Literal(_AWKWARD)}
        assert literals(edge_graph, iri("a-quote"), SDO.text) == {Literal(_AWKWARD)}
        assert literals(edge_graph, iri("a-quote"), SDO.description) == {Literal("He says hello.")}
        aliases = literals(edge_graph, iri("awkward"), SDO.alternateName)
        assert aliases == {Literal("<script>alert(1)</script>")}
        roles = literals(edge_graph, iri("awkward-office"), SDO.roleName)
        assert roles == {Literal("Envoy & <Adviser>")}

    def test_document(self, graph: Graph, edge_graph: Graph, ds: sr.Dataset) -> None:
        """A document: checksum, language, length; an interval date stays EDTF."""
        article = ds.documents.get("article")
        doc = iri("article")
        assert literals(graph, doc, SDO.sha256) == {Literal(article.sha256)}
        assert literals(graph, doc, SDO.inLanguage) == {Literal("en")}
        # the article's date is an interval: no datePublished, the EDTF beside
        assert objects(graph, doc, SDO.datePublished) == set()
        assert claims(graph, doc, "date") == {("2021-03-23/2021-12-31", "inferred")}
        assert values(graph, doc, "paragraphs") == {Literal(20)}
        # a url that is no IRI stays text
        url = objects(edge_graph, iri("doc"), SDO.url)
        assert url == {Literal("the printed edition, page 3")}

    def test_office_in_the_role_pattern(self, graph: Graph, ds: sr.Dataset) -> None:
        """The person is memberOf the office, the office memberOf the country or body."""
        for office in ds.offices:
            node = iri(office.id)
            assert (iri(office.person), SDO.memberOf, node) in graph
            assert objects(graph, node, SDO.memberOf) == {iri(office.organisation)}
            assert literals(graph, node, SDO.roleName) == {Literal(office.post)}
            assert values(graph, node, "status") == {Literal(office.status.value)}
            posted = set() if office.posted_to is None else {iri(office.posted_to)}
            assert objects(graph, node, SDO.workLocation) == posted

    def test_participants_in_the_role_pattern(self, graph: Graph, ds: sr.Dataset) -> None:
        """Each participant is a Role between the event and the actor; a host also organizes."""
        for event in ds.events:
            node = iri(event.id)
            roles = objects(graph, node, SDO.attendee)
            assert roles == {iri(f"{event.id}#{p.who}") for p in event.participants}
            for p in event.participants:
                role = iri(f"{event.id}#{p.who}")
                assert objects(graph, role, RDF.type) == {SDO.Role}
                assert objects(graph, role, SDO.attendee) == {iri(p.who)}
                assert literals(graph, role, SDO.roleName) == {Literal(p.role.value)}
                host = p.role is sr.Role.HOST
                assert ((node, SDO.organizer, role) in graph) is host
                assert objects(graph, role, SDO.organizer) == ({iri(p.who)} if host else set())

    def test_treaty(self, graph: Graph, ds: sr.Dataset) -> None:
        """Parties and signatories pass it; the event it was signed at features it."""
        for treaty in ds.treaties:
            node = iri(treaty.id)
            passed = objects(graph, node, SDO.legislationPassedBy)
            signatories = {iri(f"{treaty.id}#{p.who}") for p in treaty.signatories}
            assert passed == {iri(p) for p in treaty.parties} | signatories
            assert literals(graph, node, SDO.legislationType) == {Literal(treaty.kind.value)}
            if treaty.signed_at is not None:
                assert (iri(treaty.signed_at), SDO.workFeatured, node) in graph

    def test_statements(self, graph: Graph, ds: sr.Dataset) -> None:
        """A quotation's text is the quote; a claim appears in the article, its primary source."""
        for statement in ds.statements:
            node = iri(statement.id)
            speaker = set() if statement.speaker is None else {iri(statement.speaker)}
            assert objects(graph, node, SDO.creator) == speaker
            if statement.kind is sr.StatementKind.QUOTATION:
                assert literals(graph, node, SDO.text) == {Literal(statement.quote)}
                assert objects(graph, node, SDO.spokenByCharacter) == speaker
                assert objects(graph, node, PROV.wasQuotedFrom) == {iri("article")}
            else:
                assert literals(graph, node, SDO.text) == {Literal(statement.text)}
                assert objects(graph, node, SDO.appearance) == {iri("article")}
            primary = objects(graph, node, PROV.hadPrimarySource)
            claim = statement.kind is sr.StatementKind.CLAIM
            assert primary == ({iri("article")} if claim else set())

    def test_aggregate_counts(self, edge_graph: Graph, graph: Graph) -> None:
        """A count other than 1 is a PropertyValue; an unknown count has no value."""
        assert values(edge_graph, iri("approximate"), "count") == {Literal(5)}
        unknown = properties(edge_graph, iri("uncertain"), "count")
        assert len(unknown) == 1
        (node,) = unknown
        assert objects(edge_graph, node, SDO.value) == set()
        assert literals(edge_graph, node, SDO.description) == {Literal("unknown")}
        assert properties(edge_graph, iri("visit"), "count") == set()
        assert values(graph, iri("phone-calls-2020"), "count") == {Literal(5)}

    def test_figures(self, edge_graph: Graph) -> None:
        """A figure is a PropertyValue: measure, number (integer or double) and unit."""
        found = {
            (
                str(edge_graph.value(n, SDO.name)),
                cast(Literal, edge_graph.value(n, SDO.value)).toPython(),
                edge_graph.value(n, SDO.unitText),
            )
            for n in properties(edge_graph, iri("flight"), "figures")
        }
        assert found == {("cargo", 2.5, Literal("tonnes")), ("n", 3, None)}


# -- values that survive ------------------------------------------------------------------


def closure(graph: Graph, subject: URIRef) -> set[tuple[Node, Node, Node]]:
    """The triples of a record's node: its own, its nested nodes', and links to it."""
    seen: set[Node] = set()
    todo: list[Node] = [subject]
    found: set[tuple[Node, Node, Node]] = set(graph.triples((None, None, subject)))
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in graph.triples((cast(Any, node), None, None)):
            found.add(triple)
            target = triple[2]
            inside = isinstance(target, URIRef) and str(target).startswith(str(subject) + "#")
            if isinstance(target, BNode) or inside:
                todo.append(target)
    return found


def check_values(value: Any, triples: set[tuple[Node, Node, Node]], where: str) -> None:
    """Every field of a value (per the field plan) shows up among a record's triples."""
    terms = {term for triple in triples for term in triple}
    texts = {str(term) for term in terms if isinstance(term, Literal)}
    numbers = [term.toPython() for term in terms if isinstance(term, Literal)]
    for step in plan(type(value)):
        item = getattr(value, step.name)
        label = f"{where}.{step.name}"
        if item is None or item == () or step.name == "id" or step.kind == "citations":
            continue
        if step.kind in ("ref", "refs"):
            for target in (item,) if isinstance(item, str) else item:
                assert iri(target) in terms, label
        elif step.kind == "dating":
            assert {claim.value.edtf for claim in item.claims} <= texts, label
        elif step.kind == "nested":
            for index, nested in enumerate(item):
                check_values(nested, triples, f"{label}[{index}]")
        elif step.name == "wikidata":
            assert URIRef(WIKIDATA + item) in terms, label
        elif isinstance(item, str):
            assert item in texts or URIRef(item) in terms, label  # a url may be an IRI
        elif isinstance(item, tuple):
            assert set(item) <= texts, label
        elif isinstance(item, bool):  # pragma: no cover - no such field yet
            raise AssertionError(label)
        elif isinstance(item, int | float):
            if step.has_default and item == step.field.default:
                continue
            assert item in numbers, label
        else:
            raise AssertionError(f"{label}: no check for {type(item).__name__}")


class TestNothingDropped:
    def test_bundled(self, graph: Graph, ds: sr.Dataset) -> None:
        """Every value of every record of the bundled data is in the graph."""
        for record in ds.records():
            check_values(record, closure(graph, iri(record.id)), record.id)

    def test_edge(self, edge_graph: Graph, edge: sr.Dataset) -> None:
        """Every value of the hand-built dataset is in its graph."""
        for record in edge.records():
            check_values(record, closure(edge_graph, iri(record.id)), record.id)

    def test_check_can_fail(self, graph: Graph, ds: sr.Dataset) -> None:
        """The check notices a value that is not there."""
        person = ds.people.get("xi-jinping")
        changed = attrs.evolve(person, description="Not in the graph")
        with pytest.raises(AssertionError, match="description"):
            check_values(changed, closure(graph, iri(person.id)), person.id)


# -- provenance -------------------------------------------------------------------------


def properties(graph: Graph, subject: Node, field: str) -> set[Node]:
    """The PropertyValue nodes of a subject named after one field."""
    return {
        node
        for node in objects(graph, subject, SDO.additionalProperty)
        if (node, SDO.propertyID, Literal(field)) in graph
    }


def values(graph: Graph, subject: Node, field: str) -> set[Node]:
    """The values of the PropertyValues of a subject named after one field."""
    return {
        v for node in properties(graph, subject, field) for v in objects(graph, node, SDO.value)
    }


def claims(graph: Graph, subject: Node, field: str) -> set[tuple[str, str]]:
    """(EDTF, basis) of every claim of a date."""
    found = set()
    for node in properties(graph, subject, field):
        (value,) = objects(graph, node, SDO.value)
        (derivation,) = objects(graph, node, PROV.qualifiedDerivation)
        (basis,) = values(graph, derivation, "basis")
        found.add((str(value), str(basis)))
    return found


def derivations(graph: Graph, subject: Node) -> list[dict[str, Any]]:
    """The qualified derivations of a subject, as plain values."""
    found = []
    for node in objects(graph, subject, PROV.qualifiedDerivation):
        assert objects(graph, node, RDF.type) == {PROV.Derivation}
        found.append(
            {
                "entity": graph.value(node, PROV.entity),
                "basis": str(
                    graph.value(cast(Any, properties(graph, node, "basis").pop()), SDO.value)
                ),
                "paragraphs": {
                    cast(Literal, v).toPython() for v in values(graph, node, "paragraphs")
                },
                "confidence": {str(v) for v in values(graph, node, "confidence")},
                "document": {str(v) for v in values(graph, node, "document")},
                "note": {str(v) for v in objects(graph, node, SDO.description)},
            }
        )
    return found


def source_node(text: str) -> Identifier:
    """The node an external source becomes: its IRI, or a blank node."""
    key = source_id(text)
    return BNode(key[2:]) if key.startswith("_:") else URIRef(key)


def expected_derivations(cited: tuple[sr.Citation, ...]) -> list[dict[str, Any]]:
    """What `derivations` should find for some citations."""
    found = []
    for c in cited:
        external = c.basis is sr.Basis.EXTERNAL
        entity = source_node(cast(str, c.source)) if external else iri(cast(str, c.document))
        found.append(
            {
                "entity": entity,
                "basis": c.basis.value,
                "paragraphs": set(c.paragraphs),
                "confidence": set() if c.confidence is None else {c.confidence.value},
                "document": {c.document} if external and c.document else set(),
                "note": set() if c.note is None else {c.note},
            }
        )
    return found


def same(found: list[dict[str, Any]], expected: list[dict[str, Any]]) -> bool:
    """Whether two lists of derivations hold the same items, in any order."""

    def key(item: dict[str, Any]) -> str:
        return repr(
            sorted(
                (k, sorted(map(str, v)) if isinstance(v, set) else str(v)) for k, v in item.items()
            )
        )

    return sorted(map(key, found)) == sorted(map(key, expected))


def derived_from(cited: tuple[sr.Citation, ...]) -> set[Identifier]:
    """What ``prov:wasDerivedFrom`` should name for some citations."""
    found: set[Identifier] = set()
    for c in cited:
        if c.source is not None:
            found.add(source_node(c.source))
        if c.document is not None:
            found.add(iri(c.document))
    return found


class TestProvenance:
    @pytest.mark.parametrize("which", ["bundled", "edge"])
    def test_every_record_derived_from_its_sources(
        self, which: str, graph: Graph, edge_graph: Graph, ds: sr.Dataset, edge: sr.Dataset
    ) -> None:
        """wasDerivedFrom names every document and source; one Derivation per citation."""
        g, d = (graph, ds) if which == "bundled" else (edge_graph, edge)
        for record in d.records():
            if isinstance(record, sr.Document):
                continue
            node = iri(record.id)
            assert objects(g, node, PROV.wasDerivedFrom) == derived_from(record.citations)
            assert same(derivations(g, node), expected_derivations(record.citations)), record.id

    def test_participations_have_their_own(self, graph: Graph, ds: sr.Dataset) -> None:
        """A participation with citations of its own has them; one without has none."""
        for record in ds.records():
            for p in (*getattr(record, "participants", ()), *getattr(record, "signatories", ())):
                role = iri(f"{record.id}#{p.who}")
                assert same(derivations(graph, role), expected_derivations(p.citations))
                assert objects(graph, role, PROV.wasDerivedFrom) == derived_from(p.citations)

    def test_every_date_claim_has_its_own(self, graph: Graph, ds: sr.Dataset) -> None:
        """Each claim of each date is a PropertyValue derived from its own citation."""
        checked = 0
        for record in ds.records():
            for step in plan(type(record)):
                dating = getattr(record, step.name)
                if step.kind != "dating" or dating is None:
                    continue
                nodes = properties(graph, iri(record.id), step.name)
                assert len(nodes) == len(dating.claims)
                for edtf in {claim.value.edtf for claim in dating.claims}:
                    # two claims may give one value on different grounds: compare them all
                    mine = [n for n in nodes if (n, SDO.value, Literal(edtf)) in graph]
                    cited = tuple(c.citation for c in dating.claims if c.value.edtf == edtf)
                    assert len(mine) == len(cited)
                    found = [d for n in mine for d in derivations(graph, n)]
                    assert same(found, expected_derivations(cited)), (record.id, edtf)
                    checked += len(cited)
        assert checked > 40

    def test_external_sources(self, edge_graph: Graph) -> None:
        """A source that is no IRI is a named prov:Entity; paragraphs it sharpens are kept."""
        node = source_node(_PLAIN_SOURCE)
        assert isinstance(node, BNode)
        assert objects(edge_graph, node, RDF.type) == {PROV.Entity}
        assert literals(edge_graph, node, SDO.name) == {Literal(_PLAIN_SOURCE)}
        external = [d for d in derivations(edge_graph, iri("awkward")) if d["basis"] == "external"]
        assert external == [
            {
                "entity": node,
                "basis": "external",
                "paragraphs": {2, 3},
                "confidence": {"medium"},
                "document": {"doc"},
                "note": {"sharpens paragraphs 2 and 3"},
            }
        ]
        assert objects(edge_graph, iri("awkward"), PROV.wasDerivedFrom) == {iri("doc"), node}
        host = iri("approximate#awkward")
        assert objects(edge_graph, host, PROV.wasDerivedFrom) == {node}

    def test_sources_are_entities(self, graph: Graph, ds: sr.Dataset) -> None:
        """The documents and every external source are prov:Entity nodes."""
        sources = {c.source for r in ds.records() for c in citations(r) if c.source is not None}
        entities = set(graph.subjects(RDF.type, PROV.Entity))
        assert entities == {URIRef(s) for s in sources} | {iri("article")}


# -- dates -----------------------------------------------------------------------------

POINTS = {
    sr.Document: [("date", SDO.datePublished)],
    sr.Office: [("start", SDO.startDate), ("end", SDO.endDate)],
    sr.Treaty: [("signed", SDO.legislationDate)],
}


def expected_literal(value: PartialDate) -> Literal:
    """A partial date as the typed literal of its precision, built independently."""
    text = value.edtf.rstrip("?~%")
    return Literal(text, datatype=DATATYPES[value.precision])


def expected_dates(record: Any) -> dict[URIRef, set[Literal]]:
    """The typed dates a record's node should carry."""
    found: dict[URIRef, set[Literal]] = {}
    for cls, fields in POINTS.items():
        if isinstance(record, cls):
            for field, predicate in fields:
                dating = getattr(record, field)
                best = None if dating is None else dating.best
                found[predicate] = (
                    {expected_literal(best)} if isinstance(best, PartialDate) else set()
                )
    if isinstance(record, sr.Meeting | sr.Happening):
        start: set[Literal] = set()
        end: set[Literal] = set()
        best = None if record.date is None else record.date.best
        if isinstance(best, PartialDate):
            start = end = {expected_literal(best)}
        elif isinstance(best, DateInterval):
            if isinstance(best.start, PartialDate):
                start = {expected_literal(best.start)}
            if isinstance(best.end, PartialDate):
                end = {expected_literal(best.end)}
        found[SDO.startDate], found[SDO.endDate] = start, end
    if isinstance(record, sr.Statement):
        best = None if record.date is None else record.date.best
        if record.kind is sr.StatementKind.CLAIM:
            found[SDO.temporalCoverage] = set() if best is None else {Literal(best.edtf)}
            found[SDO.dateCreated] = set()
        else:
            found[SDO.dateCreated] = (
                {expected_literal(best)} if isinstance(best, PartialDate) else set()
            )
    return found


class TestDates:
    @pytest.mark.parametrize("which", ["bundled", "edge"])
    def test_typed_by_precision(
        self, which: str, graph: Graph, edge_graph: Graph, ds: sr.Dataset, edge: sr.Dataset
    ) -> None:
        """The best value, typed by its precision: gYear, gYearMonth or date; never more."""
        g, d = (graph, ds) if which == "bundled" else (edge_graph, edge)
        for record in d.records():
            for predicate, expected in expected_dates(record).items():
                assert literals(g, iri(record.id), predicate) == expected, (record.id, predicate)

    def test_precision_never_grows(self, graph: Graph, edge_graph: Graph) -> None:
        """Every typed date has the length of its type: a year is 4 characters, a month 7."""
        lengths = {XSD.gYear: 4, XSD.gYearMonth: 7, XSD.date: 10}
        seen = set()
        for g in (graph, edge_graph):
            for literal in g.objects():
                if isinstance(literal, Literal) and literal.datatype in lengths:
                    assert len(str(literal)) == lengths[literal.datatype], literal
                    seen.add(literal.datatype)
        assert seen == set(lengths)

    def test_edge_cases(self, edge_graph: Graph) -> None:
        """Unknown, open, unknown-ended, uncertain and approximate dates, spelled out."""

        def dates(record_id: str) -> tuple[set[Literal], set[Literal]]:
            node = iri(record_id)
            return literals(edge_graph, node, SDO.startDate), literals(
                edge_graph, node, SDO.endDate
            )

        year, month, day = XSD.gYear, XSD.gYearMonth, XSD.date
        assert dates("undated") == (set(), set())
        assert properties(edge_graph, iri("undated"), "date") == set()
        assert dates("open-end") == ({Literal("2019-06", datatype=month)}, set())
        assert dates("unknown-end") == ({Literal("2019", datatype=year)}, set())
        assert dates("open-start") == (set(), {Literal("2013", datatype=year)})
        uncertain = {Literal("2020", datatype=year)}
        assert dates("uncertain") == (uncertain, uncertain)
        assert claims(edge_graph, iri("uncertain"), "date") == {("2020?", "stated")}
        approximate = {Literal("2019-06-05", datatype=day)}
        assert dates("approximate") == (approximate, approximate)
        assert claims(edge_graph, iri("approximate"), "date") == {("2019-06-05%", "stated")}
        # an office whose start is an interval has no startDate, only the EDTF
        office = iri("awkward-office")
        assert literals(edge_graph, office, SDO.startDate) == set()
        assert claims(edge_graph, office, "start") == {("2013-03-14/2013-03-15", "stated")}
        assert claims(edge_graph, office, "attested") == {("2019~", "stated")}
        # a signing known only as an interval: no legislationDate
        assert literals(edge_graph, iri("vague-pact"), SDO.legislationDate) == set()
        assert claims(edge_graph, iri("pact"), "in_force") == {("2014/2015", "stated")}
        # several claims: the sharpest is typed, every one kept
        assert literals(edge_graph, iri("a-quote"), SDO.dateCreated) == {
            Literal("2020-04-18", datatype=day)
        }
        assert claims(edge_graph, iri("a-quote"), "date") == {
            ("2020-04", "stated"),
            ("2020-04-18?", "stated"),
        }
        assert claims(edge_graph, iri("visit"), "date") == {
            ("2013", "stated"),
            ("2013-03-22", "external"),
        }
        # a paraphrase said on some day of an interval: no dateCreated
        assert literals(edge_graph, iri("a-paraphrase"), SDO.dateCreated) == set()
        assert literals(edge_graph, iri("a-claim"), SDO.temporalCoverage) == {Literal("2015/2021")}
        assert literals(edge_graph, iri("doc"), SDO.datePublished) == {
            Literal("2021", datatype=year)
        }

    def test_milestones(self, edge_graph: Graph) -> None:
        """Milestones are events of the project, dated as events, with their own citations."""
        found = {}
        for node in objects(edge_graph, iri("line"), SDO.event):
            name = str(edge_graph.value(node, SDO.name))
            found[name] = (
                literals(edge_graph, node, SDO.startDate),
                {str(v) for v in values(edge_graph, node, "status")},
                objects(edge_graph, node, PROV.wasDerivedFrom),
            )
        built = {Literal("2019-12", datatype=XSD.gYearMonth)}
        assert found == {
            "agreed": (set(), {"planned"}, {iri("doc")}),
            "built": (built, {"in_operation"}, {iri("doc")}),
        }


# -- queries ---------------------------------------------------------------------------

PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def rows(graph: Graph, query: str) -> set[tuple[str, ...]]:
    """A SPARQL query's rows, with our IRIs shortened to ids."""
    found = set()
    for row in graph.query(PREFIXES + query):
        cells = cast(tuple[Node, ...], row)
        found.add(tuple(local(c) if str(c).startswith(BASE) else str(c) for c in cells))
    return found


class TestQueries:
    def test_who_attended_what_where(self, graph: Graph, ds: sr.Dataset) -> None:
        """SPARQL over the graph gives what the Python API gives."""
        found = rows(
            graph,
            """
            SELECT ?event ?who ?role ?place WHERE {
              ?event a schema:Event ; schema:attendee ?r ; schema:location ?place .
              ?r schema:attendee ?who ; schema:roleName ?role .
            }
            """,
        )
        expected = {
            (event.id, p.who, p.role.value, event.place)
            for event in ds.events
            for p in event.participants
            if event.place is not None
        }
        assert found == expected
        assert len(found) > 10

    def test_who_held_which_office(self, graph: Graph, ds: sr.Dataset) -> None:
        """The Role pattern of offices answers who held which post of what."""
        found = rows(
            graph,
            """
            SELECT ?person ?post ?of WHERE {
              ?person schema:memberOf ?office .
              ?office a schema:OrganizationRole ; schema:roleName ?post ; schema:memberOf ?of .
            }
            """,
        )
        assert found == {(o.person, o.post, o.organisation) for o in ds.offices}

    def test_what_rests_on_a_paragraph(self, graph: Graph, ds: sr.Dataset) -> None:
        """Records whose own citations cite paragraph 12, by SPARQL and by the API."""
        found = rows(
            graph,
            """
            SELECT DISTINCT ?record WHERE {
              ?record prov:qualifiedDerivation ?d .
              ?d schema:additionalProperty [ schema:propertyID "paragraphs" ; schema:value 12 ] .
              FILTER (!isBlank(?record) && !CONTAINS(STR(?record), "#"))
            }
            """,
        )
        expected = {(r.id,) for r in ds.records() if any(12 in c.paragraphs for c in r.citations)}
        assert found == expected
        assert expected


# -- files -----------------------------------------------------------------------------


class TestBytes:
    def test_deterministic(self, ds: sr.Dataset, data: bytes) -> None:
        """The same dataset gives the same bytes, loaded once or twice."""
        assert jsonld(ds) == data
        assert jsonld(sr.load()) == data

    def test_independent_of_hash_seed(self, data: bytes, tmp_path: Path) -> None:
        """Another process with another PYTHONHASHSEED writes the same bytes."""
        script = (
            "import sys, sinorussia as sr\nsr.export(sr.load(), sys.argv[1], format='jsonld')\n"
        )
        for seed in ("0", "12345"):
            env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
            folder = tmp_path / seed
            subprocess.run([sys.executable, "-c", script, str(folder)], env=env, check=True)
            assert (folder / FILE).read_bytes() == data

    def test_text(self, data: bytes) -> None:
        """UTF-8 (native scripts unescaped), LF line ends, one final newline."""
        text = data.decode("utf-8")
        assert "习近平" in text
        assert "\r" not in text
        assert text.endswith("}\n")
        assert not text.endswith("\n\n")
        assert json.loads(text)["@graph"][0]["@id"] == DATASET

    def test_export_writes_one_file(self, ds: sr.Dataset, tmp_path: Path, data: bytes) -> None:
        """``export`` writes the rendered bytes to ``sinorussia.jsonld``."""
        assert export(ds, tmp_path, format="jsonld") == [tmp_path / FILE]
        assert (tmp_path / FILE).read_bytes() == data
