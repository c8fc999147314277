r"""The ``jsonld`` export: the dataset as JSON-LD, in schema.org and PROV-O terms.

One file, ``sinorussia.jsonld``: a JSON object with an inline ``@context``
(nothing is fetched to read it) and a ``@graph`` of nodes, written by this
module as plain JSON (UTF-8, two-space indentation, ``\n`` line ends).

The context maps every key and type used to schema.org (``https://schema.org/``),
PROV-O (``http://www.w3.org/ns/prov#``) or XSD; there are no terms of our own.
Its ``@base`` is `BASE`, so a record's ``@id`` is its dataset id and reads as
the IRI ``https://sinorussia.example/id/<id>``; a participation has the IRI of
its record with the participant's id as fragment (``<record>#<who>``); the
whole dataset is `DATASET`.

The nodes of ``@graph``, in order: the ``Dataset`` (its ``version``), then
every record in file order, then every external source (a ``prov:Entity``,
sorted). Each record becomes one node:

- ``Document``: ``CreativeWork`` and ``prov:Entity`` (``name``, ``inLanguage``,
  ``sha256``, ``url``, ``datePublished``);
- ``Country``: ``Country``; ``Organisation``: ``GovernmentOrganization`` (a
  government agency) or ``Organization``; ``Place``: ``Place``
  (``containedInPlace``); ``Person`` and ``Leader``: ``Person`` (``nationality``,
  ``sameAs`` the Wikidata entity);
- ``Office``: ``OrganizationRole`` in schema.org's Role pattern: the person is
  ``memberOf`` the office, the office ``memberOf`` the country or body
  (``roleName``, ``startDate``, ``endDate``);
- ``Meeting`` and ``Happening``: ``Event`` (``attendee`` and, for a host,
  ``organizer``, each through a ``Role`` with the participant's ``roleName``);
- ``Treaty``: ``Legislation`` (``legislationDate`` for the signing,
  ``legislationType`` for its kind, ``legislationPassedBy`` for its parties and
  signatories); ``Project``: ``Project`` (milestones as ``event``);
- ``Statement``: ``Quotation`` (a quotation) or ``Claim`` (a paraphrase or a
  claim).

**Dates.** The best value of a date is a typed literal of its own precision:
``xsd:gYear`` (``2019``), ``xsd:gYearMonth`` (``2019-06``) or ``xsd:date``
(``2019-06-05``), without its qualifier. A point in time (a signing, a start,
a publication) is written only when the best value is a single date; the span
of an event or a milestone becomes ``startDate`` and ``endDate`` from the
known ends of its interval; a claim's period is its ``temporalCoverage``
(EDTF text). Every claim of every date is kept beside, as a ``PropertyValue``
under ``additionalProperty`` whose ``propertyID`` is the field (``date``,
``signed`` ...) and whose ``value`` is the EDTF text, with its own provenance.

**Provenance.** Every citation of a record (and of a participation, a
milestone or a date claim) becomes a ``prov:wasDerivedFrom`` link to the
document, or to the external source, and a ``prov:qualifiedDerivation``: a
``prov:Derivation`` whose ``prov:entity`` is that document or source, with
``PropertyValue`` entries for the ``basis``, the ``paragraphs``, the
``confidence`` (and, for an external citation that names one, the
``document``), and the note as its ``description``. A quotation is also
``prov:wasQuotedFrom`` the documents that state it, and a claim in a
document's own voice has them as ``prov:hadPrimarySource``.

Values schema.org has no property for (a kind, a status, a count, an office's
class) are ``PropertyValue`` entries named after their field, with the value
as the dataset file writes it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, TypeAlias

from ._dataset import Dataset
from ._dates import DateInterval, PartialDate, Precision
from ._model import (
    Citation,
    Country,
    Dating,
    Document,
    Entity,
    Happening,
    Meeting,
    Milestone,
    Office,
    Organisation,
    Participant,
    Person,
    Place,
    Project,
    Quantity,
    Record,
    Statement,
    Treaty,
)
from ._plan import citations
from ._vocab import Basis, OrganisationKind, Role, StatementKind

__all__ = ["BASE", "CONTEXT", "DATASET", "FILE", "WIKIDATA", "document", "render", "source_id"]

Node: TypeAlias = dict[str, Any]

FILE: Final = "sinorussia.jsonld"
"""The name of the one file of the export."""

BASE: Final = "https://sinorussia.example/id/"
"""The namespace of our own IRIs: a record with id ``xi-jinping`` is ``<BASE>xi-jinping``."""

DATASET: Final = "https://sinorussia.example/dataset"
"""The IRI of the dataset as a whole."""

WIKIDATA: Final = "http://www.wikidata.org/entity/"
"""Where a Wikidata QID becomes an IRI (the entity, not its page)."""

_SCHEMA: Final = "https://schema.org/"
_PROV: Final = "http://www.w3.org/ns/prov#"
_XSD: Final = "http://www.w3.org/2001/XMLSchema#"

_TYPES: Final = {
    "schema": (
        "Claim",
        "Country",
        "CreativeWork",
        "Dataset",
        "Event",
        "GovernmentOrganization",
        "Legislation",
        "Organization",
        "OrganizationRole",
        "Person",
        "Place",
        "Project",
        "PropertyValue",
        "Quotation",
        "Role",
    ),
    "prov": ("Derivation", "Entity"),
}
"""The classes the export uses, by vocabulary."""

_LITERALS: Final = (
    "alternateName",
    "dateCreated",
    "datePublished",
    "description",
    "endDate",
    "inLanguage",
    "keywords",
    "legalName",
    "legislationDate",
    "legislationType",
    "name",
    "propertyID",
    "roleName",
    "sha256",
    "startDate",
    "temporalCoverage",
    "text",
    "unitText",
    "value",
    "version",
)
"""schema.org properties whose values are literals (dates carry their own type)."""

_NESTED: Final = ("additionalProperty", "event", "identifier")
"""schema.org properties whose values are nodes written in place."""

_LINKS: Final = {
    "schema": (
        "about",
        "appearance",
        "attendee",
        "containedInPlace",
        "creator",
        "fromLocation",
        "isBasedOn",
        "legislationPassedBy",
        "location",
        "locationCreated",
        "member",
        "memberOf",
        "nationality",
        "organizer",
        "recordedAt",
        "sameAs",
        "spokenByCharacter",
        "subjectOf",
        "url",
        "workFeatured",
        "workLocation",
    ),
    "prov": ("entity", "hadPrimarySource", "wasDerivedFrom", "wasQuotedFrom"),
}
"""Properties whose string values are IRIs (ids, resolved against `BASE`)."""


def _context() -> dict[str, Any]:
    context: dict[str, Any] = {
        "@base": BASE,
        "schema": _SCHEMA,
        "prov": _PROV,
        "xsd": _XSD,
    }
    for prefix, names in _TYPES.items():
        context.update({name: f"{prefix}:{name}" for name in names})
    terms: dict[str, Any] = {name: f"schema:{name}" for name in (*_LITERALS, *_NESTED)}
    for prefix, names in _LINKS.items():
        terms.update({name: {"@id": f"{prefix}:{name}", "@type": "@id"} for name in names})
    terms["qualifiedDerivation"] = "prov:qualifiedDerivation"
    context.update(sorted(terms.items()))
    return context


CONTEXT: Final[dict[str, Any]] = _context()
"""The inline ``@context``: prefixes, `BASE`, and one term per class and property used."""


# -- values -------------------------------------------------------------------------

_DATATYPES: Final = {
    Precision.YEAR: "xsd:gYear",
    Precision.MONTH: "xsd:gYearMonth",
    Precision.DAY: "xsd:date",
}

_IRI: Final = re.compile(r"https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f]+", re.ASCII)
"""An absolute http(s) address that is a valid IRI: anything else stays text."""


def _is_iri(text: str) -> bool:
    return _IRI.fullmatch(text) is not None and not any(char.isspace() for char in text)


def _typed(value: PartialDate) -> Node:
    """A partial date as a typed literal of its precision, without its qualifier."""
    year, month, day = value.year, value.month, value.day
    if month is None:
        lexical = f"{year:04d}"
    elif day is None:
        lexical = f"{year:04d}-{month:02d}"
    else:
        lexical = f"{year:04d}-{month:02d}-{day:02d}"
    return {"@value": lexical, "@type": _DATATYPES[value.precision]}


def _point(dating: Dating | None) -> Node | None:
    """A date that names one point in time: typed when its best value is one date."""
    if dating is None or not isinstance(dating.best, PartialDate):
        return None
    return _typed(dating.best)


def _ends(dating: Dating | None) -> tuple[Node | None, Node | None]:
    """The span of an event: its first and last date, each where known."""
    if dating is None:
        return None, None
    best = dating.best
    if isinstance(best, PartialDate):
        return _typed(best), _typed(best)
    assert isinstance(best, DateInterval)
    start = _typed(best.start) if isinstance(best.start, PartialDate) else None
    end = _typed(best.end) if isinstance(best.end, PartialDate) else None
    return start, end


def _property(field: str, value: object = None, **more: Any) -> Node:
    """A ``PropertyValue`` named after our field."""
    node: Node = {"@type": "PropertyValue", "propertyID": field}
    if value is not None:
        node["value"] = value
    node.update(more)
    return node


def _claims(field: str, dating: Dating | None) -> list[Node]:
    """Every claim of a date, as EDTF text with its own provenance."""
    if dating is None:
        return []
    return [
        _property(field, claim.value.edtf, **_provenance((claim.citation,)))
        for claim in dating.claims
    ]


def _figures(figures: tuple[Quantity, ...]) -> list[Node]:
    found = []
    for figure in figures:
        more: Node = {"name": figure.measure}
        if figure.unit is not None:
            more["unitText"] = figure.unit
        found.append(_property("figures", figure.value, **more))
    return found


def _wikidata(qid: str | None) -> str | None:
    return None if qid is None else WIKIDATA + qid


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


# -- provenance ---------------------------------------------------------------------


def source_id(text: str) -> str:
    """The node of an external source: its IRI, or a blank node named after its text."""
    if _is_iri(text):
        return text
    return "_:source-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _derived_from(citation: Citation) -> list[str]:
    if citation.basis is Basis.EXTERNAL:
        assert citation.source is not None
        found = [source_id(citation.source)]
        return found if citation.document is None else [*found, citation.document]
    assert citation.document is not None
    return [citation.document]


def _derivation(citation: Citation) -> Node:
    """One citation as a qualified ``prov:Derivation``."""
    entity = _derived_from(citation)[0]
    details = [_property("basis", citation.basis.value)]
    if citation.basis is Basis.EXTERNAL and citation.document is not None:
        details.append(_property("document", citation.document))
    if citation.paragraphs:
        details.append(_property("paragraphs", list(citation.paragraphs)))
    if citation.confidence is not None:
        details.append(_property("confidence", citation.confidence.value))
    node: Node = {"@type": "Derivation", "entity": entity, "additionalProperty": details}
    if citation.note is not None:
        node["description"] = citation.note
    return node


def _provenance(cited: tuple[Citation, ...]) -> Node:
    """``wasDerivedFrom`` and ``qualifiedDerivation`` for some citations (none: nothing)."""
    if not cited:
        return {}
    return {
        "wasDerivedFrom": _unique(entity for c in cited for entity in _derived_from(c)),
        "qualifiedDerivation": [_derivation(c) for c in cited],
    }


def _stated_in(record: Record) -> list[str]:
    """The documents whose paragraphs state the record."""
    return _unique(
        c.document for c in record.citations if c.basis is Basis.STATED and c.document is not None
    )


# -- nodes --------------------------------------------------------------------------


def _put(node: Node, key: str, value: Any) -> None:
    """Set a key unless the value is missing (``None``, empty)."""
    if value is None or value == [] or value == ():
        return
    node[key] = list(value) if isinstance(value, tuple) else value


def _start(record: Entity, types: str | list[str]) -> Node:
    return {"@id": record.id, "@type": types}


def _finish(node: Node, record: Record, details: list[Node]) -> Node:
    _put(node, "additionalProperty", details)
    node.update(_provenance(record.citations))
    return node


def _document(record: Document) -> Node:
    node = _start(record, ["CreativeWork", "Entity"])
    node["name"] = record.title
    node["inLanguage"] = record.language
    node["sha256"] = record.sha256
    if record.url is not None:
        node["url"] = record.url if _is_iri(record.url) else {"@value": record.url}
    _put(node, "datePublished", _point(record.date))
    details = [_property("paragraphs", record.paragraphs), *_claims("date", record.date)]
    node["additionalProperty"] = details
    return node


def _country(record: Country) -> Node:
    node = _start(record, "Country")
    node["name"] = record.name
    _put(node, "legalName", record.official_name)
    _put(node, "alternateName", record.aliases)
    codes = [
        _property(scheme, code)
        for scheme, code in (
            ("ISO 3166-1 alpha-2", record.alpha2),
            ("ISO 3166-1 alpha-3", record.alpha3),
        )
        if code is not None
    ]
    _put(node, "identifier", codes)
    _put(node, "sameAs", _wikidata(record.wikidata))
    return _finish(node, record, [])


def _organisation(record: Organisation) -> Node:
    kind = record.kind
    node = _start(
        record,
        "GovernmentOrganization" if kind is OrganisationKind.GOVERNMENT_AGENCY else "Organization",
    )
    node["name"] = record.name
    _put(node, "alternateName", record.aliases)
    _put(node, "location", record.country)
    _put(node, "member", record.members)
    _put(node, "sameAs", _wikidata(record.wikidata))
    return _finish(node, record, [_property("kind", kind.value)])


def _place(record: Place) -> Node:
    node = _start(record, "Place")
    node["name"] = record.name
    _put(node, "alternateName", record.aliases)
    _put(node, "containedInPlace", record.within)
    _put(node, "sameAs", _wikidata(record.wikidata))
    return _finish(node, record, [_property("kind", record.kind.value)])


def _person(record: Person) -> Node:
    node = _start(record, "Person")
    node["name"] = record.name
    _put(node, "alternateName", record.aliases)
    _put(node, "nationality", record.nationality)
    _put(node, "description", record.description)
    _put(node, "sameAs", _wikidata(record.wikidata))
    return _finish(node, record, [])


def _office(record: Office) -> Node:
    node = _start(record, "OrganizationRole")
    node["roleName"] = record.post
    node["memberOf"] = record.organisation
    node["@reverse"] = {"memberOf": record.person}
    _put(node, "workLocation", record.posted_to)
    _put(node, "startDate", _point(record.start))
    _put(node, "endDate", _point(record.end))
    details = [
        _property("role", record.role.value),
        _property("status", record.status.value),
        *_claims("start", record.start),
        *_claims("end", record.end),
        *_claims("attested", record.attested),
    ]
    return _finish(node, record, details)


def _roles(record: Record, participants: tuple[Participant, ...], link: str) -> list[Node]:
    """Participants in schema.org's Role pattern: one ``Role`` node each, linked by ``link``.

    A host is also the ``organizer``: the same role node stands in both links.
    """
    found = []
    for participant in participants:
        role: Node = {
            "@id": f"{record.id}#{participant.who}",
            "@type": "Role",
            "roleName": participant.role.value,
            link: participant.who,
        }
        if participant.role is Role.HOST:
            role["organizer"] = participant.who
        role.update(_provenance(participant.citations))
        found.append(role)
    return found


def _event(record: Meeting | Happening) -> Node:
    node = _start(record, "Event")
    node["name"] = record.title
    _put(node, "attendee", _roles(record, record.participants, "attendee"))
    hosts = [p for p in record.participants if p.role is Role.HOST]
    _put(node, "organizer", [f"{record.id}#{p.who}" for p in hosts])
    _put(node, "location", record.place)
    start, end = _ends(record.date)
    _put(node, "startDate", start)
    _put(node, "endDate", end)
    details = [_property("kind", record.kind.value)]
    if isinstance(record, Meeting):
        _put(node, "about", record.commemorates)
        if record.count is None:
            details.append(_property("count", description="unknown"))
        elif record.count != 1:
            details.append(_property("count", record.count))
    else:
        _put(node, "fromLocation", record.origin)
        _put(node, "about", record.about)
        details.extend(_figures(record.figures))
    details.extend(_claims("date", record.date))
    return _finish(node, record, details)


def _treaty(record: Treaty) -> Node:
    node = _start(record, "Legislation")
    node["name"] = record.name
    _put(node, "alternateName", record.aliases)
    node["legislationType"] = record.kind.value
    passed = [*record.parties, *_roles(record, record.signatories, "legislationPassedBy")]
    _put(node, "legislationPassedBy", passed)
    _put(node, "legislationDate", _point(record.signed))
    _put(node, "locationCreated", record.place)
    _put(node, "description", record.concerns)
    _put(node, "keywords", record.topics)
    if record.signed_at is not None:
        node["@reverse"] = {"workFeatured": record.signed_at}
    details = [*_claims("signed", record.signed), *_claims("in_force", record.in_force)]
    return _finish(node, record, details)


def _milestone(milestone: Milestone) -> Node:
    node: Node = {"@type": "Event", "name": milestone.title}
    start, end = _ends(milestone.date)
    _put(node, "startDate", start)
    _put(node, "endDate", end)
    details = [_property("status", milestone.status.value), *_claims("date", milestone.date)]
    node["additionalProperty"] = details
    node.update(_provenance(milestone.citations))
    return node


def _project(record: Project) -> Node:
    node = _start(record, "Project")
    node["name"] = record.name
    _put(node, "alternateName", record.aliases)
    _put(node, "member", record.parties)
    _put(node, "location", record.location)
    _put(node, "event", [_milestone(milestone) for milestone in record.milestones])
    _put(node, "subjectOf", record.agreements)
    details = [_property("sector", record.sector.value), _property("status", record.status.value)]
    return _finish(node, record, details)


def _statement(record: Statement) -> Node:
    quotation = record.kind is StatementKind.QUOTATION
    node = _start(record, "Quotation" if quotation else "Claim")
    if quotation:
        node["text"] = record.quote
        node["description"] = record.text
        _put(node, "spokenByCharacter", record.speaker)
    else:
        node["text"] = record.text
    _put(node, "creator", record.speaker)
    _put(node, "keywords", record.topics)
    _put(node, "about", record.about)
    if record.kind is StatementKind.CLAIM:
        _put(node, "temporalCoverage", None if record.date is None else record.date.edtf)
    else:
        _put(node, "dateCreated", _point(record.date))
    _put(node, "locationCreated", record.place)
    _put(node, "recordedAt", record.occasion)
    stated = _stated_in(record)
    _put(node, "isBasedOn" if quotation else "appearance", stated)
    details = [
        _property("kind", record.kind.value),
        *_figures(record.figures),
        *_claims("date", record.date),
    ]
    _finish(node, record, details)
    if quotation:
        _put(node, "wasQuotedFrom", stated)
    elif record.kind is StatementKind.CLAIM:
        _put(node, "hadPrimarySource", stated)
    return node


_BUILDERS: Final[dict[type, Callable[[Any], Node]]] = {
    Document: _document,
    Country: _country,
    Organisation: _organisation,
    Place: _place,
    Person: _person,
    Office: _office,
    Meeting: _event,
    Happening: _event,
    Treaty: _treaty,
    Project: _project,
    Statement: _statement,
}
"""The node of each record class (a ``Leader`` is built as the ``Person`` it is)."""


def _node(record: Entity) -> Node:
    for cls in type(record).__mro__:
        build = _BUILDERS.get(cls)
        if build is not None:
            return build(record)
    raise TypeError(f"no JSON-LD mapping for {type(record).__name__}")  # pragma: no cover


def _sources(dataset: Dataset) -> Iterator[Node]:
    """A ``prov:Entity`` for every external source, sorted by node id."""
    texts = {
        citation.source
        for record in dataset.records()
        for citation in citations(record)
        if citation.source is not None
    }
    nodes = {source_id(text): text for text in texts}
    for key in sorted(nodes):
        node: Node = {"@id": key, "@type": "Entity"}
        if key.startswith("_:"):
            node["name"] = nodes[key]
        yield node


def document(dataset: Dataset) -> dict[str, Any]:
    """The JSON-LD document of a dataset as JSON values (see the module documentation)."""
    records = list(dataset.records())
    head: Node = {"@id": DATASET, "@type": "Dataset", "version": dataset.version}
    _put(head, "isBasedOn", [doc.id for doc in records if isinstance(doc, Document)])
    graph = [head, *(_node(record) for record in records), *_sources(dataset)]
    return {"@context": CONTEXT, "@graph": graph}


def render(dataset: Dataset) -> dict[str, bytes]:
    """The files of the export, by name: ``sinorussia.jsonld``."""
    text = json.dumps(document(dataset), ensure_ascii=False, indent=2) + "\n"
    return {FILE: text.encode("utf-8")}
