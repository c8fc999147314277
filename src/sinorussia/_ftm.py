r"""The ``ftm`` export: FollowTheMoney entities and their statements.

Two files, both JSON Lines (UTF-8, one compact JSON object a line, ``\n`` line
ends; U+0085, U+2028 and U+2029 written as ``\u`` escapes):

``entities.ftm.json``
    One FollowTheMoney (FtM 4) entity a line, sorted by id:
    ``{"id": "sinorussia-xi-jinping", "schema": "Person", "properties":
    {"name": ["Xi Jinping"], ...}}``. Properties are sorted by name, and the
    values of each property (always a list of strings) are sorted. Values are
    written as FtM's own cleaning leaves them (names and addresses with their
    white space squashed), so an FtM reader that re-cleans them
    (``model.get_proxy(entity, cleaned=False)``) gets the same values back.

``statements.json``
    The same values as FtM statements, one a line, in the JSON form FtM's
    statement reader takes (``followthemoney.statement.read_statements`` with
    format ``json``; the keys of ``Statement.to_dict()``), sorted by entity,
    property, value and origin, so ``ftm aggregate-statements -f json`` rolls
    them up into the entities above. There is one statement for every value
    and every citation it rests on: ``origin`` is that citation
    (`origin`), ``dataset`` is ``sinorussia``, ``original_value`` the text
    before FtM's cleaning where it differs (a date's EDTF value, a language's
    BCP 47 tag, a country's upper-case code). ``external`` is always
    ``false``: in FtM it marks an unverified suggestion, which none of our
    values is, whatever the basis of its citation. A value with no citation
    (a document's own metadata) has one statement with no origin.

    FtM's statement id hashes dataset, entity, property and value, so two
    citations of one value would collapse into one statement; here the id
    hashes the origin and the original value too (`statement_id`), and
    every citation stays a statement of its own.

Ids are ``sinorussia-<record id>``; entities made for a part of a record are
``sinorussia-<record id>--<part>--<...>``. Record ids hold single hyphens only,
so the two kinds never collide (and no id holds a dot, which FtM's id
signing would read as a signature).

The mapping (see the ``ftm`` section of the export documentation for the
reasons):

| our record | FtM |
|---|---|
| `Document` | ``Article`` |
| `Country` | ``PublicBody`` |
| `Organisation` | ``Organization`` (intergovernmental) or ``PublicBody``; ``Membership`` |
| `Place` | ``Address`` |
| `Person` | ``Person`` |
| `Office` | ``Occupancy``, of a ``Position`` shared by the offices of one post |
| `Meeting`, `Happening`, `Treaty`, a project's milestone | ``Event`` |
| `Project` | ``Project``; its parties as ``ProjectParticipant`` |
| `Statement` | ``Note`` |

A record resting on a document gets a ``Documentation`` link to the document's
``Article`` (when its entity is a Thing, which an ``Occupancy`` is not). A
reference FtM has no property for (``commemorates``, ``signed_at``, ``about``
of a happening, ``origin``, ``agreements``, ``milestones``, ``speaker``,
``occasion``, a place ``within`` a place, and a country without an ISO code)
is an ``UnknownLink`` whose ``role`` is our field's name. What FtM has no
property for at all is kept as a line ``<field>: <value>`` in ``notes`` (in
``description`` for an ``Occupancy``): a date FtM cannot hold, a count, a
figure, a role, an ISO alpha-3 code.

Dates are FtM prefix dates (``2013``, ``2013-03``, ``2013-03-22``), each from
one claim (`prefix`): a date is written as it is, its qualifier dropped (the
EDTF value, with it, stays in ``original_value`` and in ``notes``); an interval
becomes the narrowest year, month or day that holds all of it, and nothing at
all when none does (``2013-03/2021``) or an end is open or unknown; it is then
only in ``notes``. Precision is never added.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from ._dataset import Dataset
from ._dates import DateInterval, PartialDate, Precision, When
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
    Statement,
    Treaty,
)
from ._vocab import OfficeRole, OfficeStatus, OrganisationKind, PlaceKind, Role, StatementKind

__all__ = [
    "DATASET",
    "ENTITIES",
    "LANGUAGES",
    "PREFIX",
    "PROPERTY_TYPES",
    "STATEMENTS",
    "THINGS",
    "entities",
    "origin",
    "prefix",
    "render",
    "statement_id",
]

DATASET: Final = "sinorussia"
"""The ``dataset`` of every statement."""

PREFIX: Final = "sinorussia-"
"""What every entity id starts with."""

ENTITIES: Final = "entities.ftm.json"
STATEMENTS: Final = "statements.json"

PROPERTY_TYPES: Final[dict[str, str]] = {
    "name": "name",
    "alias": "name",
    "title": "string",
    "fileName": "string",
    "keywords": "string",
    "legalForm": "string",
    "status": "string",
    "role": "string",
    "city": "string",
    "summary": "text",
    "description": "text",
    "notes": "text",
    "full": "address",
    "location": "address",
    "address": "address",
    "country": "country",
    "nationality": "country",
    "topics": "topic",
    "language": "language",
    "wikidataId": "identifier",
    "sourceUrl": "url",
    "date": "date",
    "startDate": "date",
    "endDate": "date",
    "publishedAt": "date",
    "addressEntity": "entity",
    "involved": "entity",
    "organizer": "entity",
    "holder": "entity",
    "post": "entity",
    "organization": "entity",
    "member": "entity",
    "project": "entity",
    "participant": "entity",
    "entity": "entity",
    "document": "entity",
    "subject": "entity",
    "object": "entity",
}
"""The FtM type of every property the export writes (the same in every schema)."""

THINGS: Final = frozenset(
    {"Address", "Article", "Event", "Note", "Organization", "Person", "Position", "Project"}
    | {"PublicBody"}
)
"""The schemata written that are FtM Things: what ``Documentation`` and ``Note`` may point at."""

LANGUAGES: Final[dict[str, str]] = {
    "af": "afr", "am": "amh", "ar": "ara", "az": "aze", "be": "bel", "bg": "bul",
    "bn": "ben", "bs": "bos", "ca": "cat", "cs": "ces", "da": "dan", "de": "deu",
    "el": "ell", "en": "eng", "es": "spa", "et": "est", "fa": "fas", "fi": "fin",
    "fr": "fra", "ga": "gle", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun",
    "hy": "hye", "id": "ind", "is": "isl", "it": "ita", "ja": "jpn", "ka": "kat",
    "kk": "kaz", "km": "khm", "kn": "kan", "ko": "kor", "ky": "kir", "lb": "ltz",
    "lo": "lao", "lt": "lit", "lv": "lav", "mk": "mkd", "mn": "mon", "ms": "msa",
    "mt": "mlt", "my": "mya", "ne": "nep", "nl": "nld", "no": "nor", "pl": "pol",
    "ps": "pus", "pt": "por", "ro": "ron", "ru": "rus", "si": "sin", "sk": "slk",
    "sl": "slv", "sq": "sqi", "sr": "srp", "sv": "swe", "sw": "swa", "ta": "tam",
    "te": "tel", "tg": "tgk", "th": "tha", "tk": "tuk", "tl": "tgl", "tr": "tur",
    "uk": "ukr", "ur": "urd", "uz": "uzb", "vi": "vie", "zh": "zho",
}  # fmt: skip
"""ISO 639-1 codes to the ISO 639-3 codes of FtM's list of languages.

A document's language is the primary subtag of its BCP 47 tag (``zh`` of
``zh-Hans``); a three-letter subtag that is a value here is taken as it is.
Any other language has no FtM code and is kept in ``notes``."""

_THREE_LETTER: Final = frozenset(LANGUAGES.values()) | {"cnr", "fil", "mul"}

_PEP_ROLES: Final = frozenset(
    {
        OfficeRole.HEAD_OF_STATE,
        OfficeRole.HEAD_OF_GOVERNMENT,
        OfficeRole.MINISTER,
        OfficeRole.STATE_COUNCILOR,
        OfficeRole.AMBASSADOR,
    }
)
"""Offices whose holders are politically exposed persons (FATF: heads of state and
government, ministers, senior officials, ambassadors); not ``other``."""

_HEADS: Final = frozenset({OfficeRole.HEAD_OF_STATE, OfficeRole.HEAD_OF_GOVERNMENT})

_OCCUPANCY_STATUS: Final = {
    OfficeStatus.ONGOING: "current",
    OfficeStatus.ENDED: "ended",
    OfficeStatus.UNKNOWN: "unknown",
}

_ORGANISATION_TOPICS: Final = {
    OrganisationKind.INTERGOVERNMENTAL: "gov.igo",
    OrganisationKind.GOVERNMENT_AGENCY: "gov.national",
    OrganisationKind.STATE_CORPORATION: "gov.soe",
}

_URL: Final = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/[^\s?#]*)?")
"""An address FtM keeps as it is in a ``url`` property; any other stays in ``notes``."""

_LINE_BREAKS: Final = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}

_UNCITED: Final[tuple[Citation, ...]] = ()
"""No citation: a document's own values (a document cites nothing)."""

# -- FtM's cleaning ---------------------------------------------------------------
# FtM cleans every value it reads (NFC, unsafe characters out, stripped), and
# names and addresses further. The export writes values already clean, with the
# text before cleaning as the statement's original value.

_UNSAFE_DELETE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u00ad\u061c\u200b-\u200f\u2060-\u2064\ufeff]"
)
_UNSAFE_SPACE: Final = re.compile("[\u0a00\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SQUASH_REMOVE: Final = re.compile("[\u00ad\u200b\u200c\u200d\u2060-\u2064\ufeff]")
_SQUASH: Final = re.compile(r"[\s\u0a00\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_QUOTES: Final = re.compile(r"""^["'](.*)["']$""")
_ADDRESS_BREAKS: Final = re.compile(r"(\r\n|\n|<BR/>|<BR>|\t|ESQ\.,|ESQ,|;)")
_ADDRESS_COMMATA: Final = re.compile(r"(,\s?[,\.])")


def _sanitize(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE_SPACE.sub(" ", _UNSAFE_DELETE.sub("", text))
    return text.strip()


def _squash(text: str) -> str:
    return _SQUASH.sub(" ", _SQUASH_REMOVE.sub("", text)).strip(" ")


def _clean(kind: str, text: str) -> str:
    """A value as FtM's cleaning of a property of this type leaves it."""
    text = _sanitize(text)
    if kind == "name":
        text = _squash(_QUOTES.sub(r"\1", text))
    elif kind == "address":
        text = _ADDRESS_COMMATA.sub(", ", _ADDRESS_BREAKS.sub(", ", text))
        text = _squash(text)
    return text


# -- dates and citations ----------------------------------------------------------


def _day_string(value: PartialDate) -> str:
    """A partial date without its qualifier: ``2020`` for ``2020?``."""
    if value.precision is Precision.YEAR:
        return f"{value.year:04d}"
    if value.precision is Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def prefix(value: When) -> str | None:
    """The FtM prefix date of one EDTF value, or ``None`` when no prefix is true.

    A year, month or day is written as it is, without its qualifier (``2020?``
    gives ``2020``). An interval gives the narrowest year, month or day that
    holds every day of it (``2013-03-22/2013-03-24`` gives ``2013-03``), and
    ``None`` when it spans years or an end is open or unknown: an FtM date
    claims the value lies inside it, and no more precision than the value has.
    """
    if isinstance(value, PartialDate):
        return _day_string(value)
    assert isinstance(value, DateInterval)
    lower, upper = value.lower, value.upper
    if lower is None or upper is None or lower.year != upper.year:
        return None
    if lower.month != upper.month:
        return f"{lower.year:04d}"
    if lower.day != upper.day:
        return f"{lower.year:04d}-{lower.month:02d}"
    return f"{lower.year:04d}-{lower.month:02d}-{lower.day:02d}"


def origin(citation: Citation) -> str:
    """A citation as a statement's ``origin``.

    ``<document>#p<paragraphs> <basis>`` for what a document states or what is
    inferred from it (``article#p1,4 stated``), ``<address> external
    <confidence>`` for an external source (with the document and paragraphs
    after the address when it names them), then ``: <note>`` when the citation
    has a note.
    """
    parts = []
    if citation.source is not None:
        parts.append(citation.source)
    if citation.document is not None:
        paragraphs = ",".join(map(str, citation.paragraphs))
        parts.append(f"{citation.document}#p{paragraphs}" if paragraphs else citation.document)
    parts.append(citation.basis.value)
    if citation.confidence is not None:
        parts.append(citation.confidence.value)
    text = " ".join(parts)
    return text if citation.note is None else f"{text}: {citation.note}"


def statement_id(
    entity_id: str, prop: str, value: str, origin: str | None, original: str | None
) -> str:
    """The id of a statement: a SHA-1 over dataset, entity, property, value, origin and original.

    FtM's own key leaves out the origin, so two citations of one value would
    share an id and collapse into one statement.
    """
    key = json.dumps([DATASET, entity_id, prop, value, origin, original], ensure_ascii=False)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _entity_id(record_id: str, *parts: str) -> str:
    return "--".join((PREFIX + record_id, *(part.replace("_", "-") for part in parts)))


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


# -- entities ---------------------------------------------------------------------

_Support = dict[tuple[str | None, str | None], None]
"""(origin, original value) pairs of one value, in insertion order (sorted on output)."""


class _Entity:
    """An FtM entity being built: its values, each with the citations behind it."""

    __slots__ = ("documents", "id", "schema", "values")

    def __init__(self, entity_id: str, schema: str) -> None:
        self.id = entity_id
        self.schema = schema
        self.values: dict[str, dict[str, _Support]] = {}
        self.documents: dict[str, dict[Citation, None]] = {}
        """The citations of the records it stands for, by the document they name."""

    def add(
        self,
        prop: str,
        text: str | None,
        citations: Iterable[Citation],
        *,
        original: str | None = None,
    ) -> None:
        """Add a value, cleaned as FtM cleans its type, with one statement per citation."""
        if text is None:
            return
        value = _clean(PROPERTY_TYPES[prop], text)
        if not value:
            return
        if original is None:
            original = text
        if original == value:
            original = None
        support = self.values.setdefault(prop, {}).setdefault(value, {})
        origins: list[str | None] = [origin(citation) for citation in citations]
        for where in origins or [None]:
            support[where, original] = None

    def rests_on(self, citations: Iterable[Citation]) -> None:
        """Note the documents the entity's record cites (for ``Documentation``)."""
        for citation in citations:
            if citation.document is not None:
                self.documents.setdefault(citation.document, {})[citation] = None

    def to_json(self) -> dict[str, Any]:
        properties = {prop: sorted(self.values[prop]) for prop in sorted(self.values)}
        return {"id": self.id, "schema": self.schema, "properties": properties}

    def statements(self) -> Iterator[dict[str, Any]]:
        for prop in sorted(self.values):
            for value in sorted(self.values[prop]):
                support = self.values[prop][value]
                for where, original in sorted(support, key=lambda p: (p[0] or "", p[1] or "")):
                    yield {
                        "canonical_id": self.id,
                        "entity_id": self.id,
                        "prop": prop,
                        "schema": self.schema,
                        "value": value,
                        "dataset": DATASET,
                        "lang": None,
                        "original_value": original,
                        "first_seen": None,
                        "last_seen": None,
                        "external": False,
                        "origin": where,
                        "id": statement_id(self.id, prop, value, where, original),
                    }


class _Builder:
    """Walks a dataset once and builds every entity."""

    def __init__(self, dataset: Dataset) -> None:
        self.records: dict[str, Any] = {record.id: record for record in dataset.records()}
        self.entities: dict[str, _Entity] = {}
        self.offices: dict[str, list[Office]] = {}
        for office in dataset.offices:
            self.offices.setdefault(office.person, []).append(office)

    def make(self, entity_id: str, schema: str) -> _Entity:
        found = self.entities.get(entity_id)
        if found is None:
            found = self.entities[entity_id] = _Entity(entity_id, schema)
        return found

    def record(self, record: Entity, schema: str) -> _Entity:
        entity = self.make(PREFIX + record.id, schema)
        entity.rests_on(getattr(record, "citations", ()))
        return entity

    # -- references

    def code(self, country_id: str | None) -> str | None:
        """The ISO alpha-2 code of a country record, when it has one."""
        if country_id is None:
            return None
        country = self.records.get(country_id)
        if isinstance(country, Country) and country.alpha2 is not None:
            return country.alpha2
        return None

    def things(self, target: str) -> list[str]:
        """The Thing entities that stand for a record (an office: its holder and post)."""
        record = self.records[target]
        if isinstance(record, Office):
            return [PREFIX + record.person, self.position_id(record)]
        return [PREFIX + target]

    def link(
        self, subject: _Entity, field: str, target: str, citations: Sequence[Citation]
    ) -> None:
        """An ``UnknownLink`` for a reference FtM has no property for; ``role`` is the field."""
        for thing in self.things(target):
            rest = thing.removeprefix(PREFIX)
            link_id = f"{subject.id}--{field.replace('_', '-')}--{rest}"
            link = self.make(link_id, "UnknownLink")
            link.add("subject", subject.id, citations)
            link.add("object", thing, citations)
            link.add("role", field, citations)

    def country_ref(
        self,
        entity: _Entity,
        prop: str,
        field: str,
        target: str | None,
        citations: Sequence[Citation],
    ) -> None:
        """A reference to a country: its ISO code in ``prop``, else an ``UnknownLink``."""
        if target is None:
            return
        code = self.code(target)
        if code is not None:
            entity.add(prop, code.lower(), citations, original=code)
        else:
            self.link(entity, field, target, citations)

    def chain(self, target: str) -> tuple[list[str], str | None, str | None]:
        """The names from a place up to its country, the nearest city, and the country's id."""
        names: list[str] = []
        city: str | None = None
        seen: set[str] = set()
        current: str | None = target
        while current is not None and current not in seen:
            seen.add(current)
            record = self.records[current]
            names.append(record.name)
            if isinstance(record, Country):
                return names, city, current
            if city is None and record.kind is PlaceKind.CITY:
                city = record.name
            current = record.within
        return names, city, None

    def site(
        self,
        entity: _Entity,
        field: str,
        target: str | None,
        citations: Sequence[Citation],
        *,
        text_prop: str,
    ) -> None:
        """Where a record is: the address string, the ``Address`` entity and the country."""
        if target is None:
            return
        names, _, country = self.chain(target)
        entity.add(text_prop, ", ".join(names), citations)
        if isinstance(self.records[target], Place):
            entity.add("addressEntity", PREFIX + target, citations)
            code = self.code(country)
            if code is not None:
                entity.add("country", code.lower(), citations, original=code)
        else:
            self.country_ref(entity, "country", field, target, citations)

    def dates(
        self,
        entity: _Entity,
        prop: str | None,
        field: str,
        dating: Dating | None,
        *,
        notes: str = "notes",
    ) -> None:
        """Each claim of a date as a prefix date in ``prop``; what FtM cannot hold, in notes."""
        if dating is None:
            return
        for claim in dating.claims:
            edtf = claim.value.edtf
            value = prefix(claim.value) if prop is not None else None
            if value is not None and prop is not None:
                entity.add(prop, value, (claim.citation,), original=edtf)
            if value != edtf:
                entity.add(notes, f"{field}: {edtf}", (claim.citation,))

    def roles(
        self, entity: _Entity, participants: Iterable[Participant], fallback: Sequence[Citation]
    ) -> None:
        """Participants as ``involved`` (hosts also as ``organizer``); other roles in notes."""
        for participant in participants:
            citations = participant.citations or fallback
            who = PREFIX + participant.who
            entity.add("involved", who, citations)
            if participant.role is Role.HOST:
                entity.add("organizer", who, citations)
            elif participant.role is not Role.PARTICIPANT:
                entity.add("notes", f"{participant.role.value}: {who}", citations)

    # -- records

    def document(self, document: Document) -> None:
        entity = self.record(document, "Article")
        entity.add("name", document.title, _UNCITED)
        entity.add("title", document.title, _UNCITED)
        entity.add("fileName", document.id, _UNCITED)
        tag = document.language
        primary = tag.split("-")[0].lower()
        code = LANGUAGES.get(primary) or (primary if primary in _THREE_LETTER else None)
        if code is not None:
            entity.add("language", code, _UNCITED, original=tag)
        else:
            entity.add("notes", f"language: {tag}", _UNCITED)
        entity.add("notes", f"paragraphs: {document.paragraphs}", _UNCITED)
        entity.add("notes", f"sha256: {document.sha256}", _UNCITED)
        if document.url is not None:
            if _URL.fullmatch(document.url):
                entity.add("sourceUrl", document.url, _UNCITED)
            else:
                entity.add("notes", f"url: {document.url}", _UNCITED)
        self.dates(entity, "publishedAt", "date", document.date)

    def country(self, country: Country) -> None:
        entity = self.record(country, "PublicBody")
        cited = country.citations
        entity.add("name", country.name, cited)
        for alias in (country.official_name, *country.aliases):
            entity.add("alias", alias, cited)
        if country.alpha2 is not None:
            entity.add("country", country.alpha2.lower(), cited, original=country.alpha2)
        if country.alpha3 is not None:
            entity.add("notes", f"alpha3: {country.alpha3}", cited)
        entity.add("wikidataId", country.wikidata, cited)
        entity.add("topics", "gov.national", cited)

    def organisation(self, organisation: Organisation) -> None:
        intergovernmental = organisation.kind is OrganisationKind.INTERGOVERNMENTAL
        entity = self.record(organisation, "Organization" if intergovernmental else "PublicBody")
        cited = organisation.citations
        entity.add("name", organisation.name, cited)
        for alias in organisation.aliases:
            entity.add("alias", alias, cited)
        entity.add("legalForm", organisation.kind.value, cited)
        entity.add("topics", _ORGANISATION_TOPICS[organisation.kind], cited)
        entity.add("wikidataId", organisation.wikidata, cited)
        self.country_ref(entity, "country", "country", organisation.country, cited)
        for member in organisation.members:
            membership = self.make(_entity_id(organisation.id, "member", member), "Membership")
            membership.add("member", PREFIX + member, cited)
            membership.add("organization", entity.id, cited)

    def place(self, place: Place) -> None:
        entity = self.record(place, "Address")
        cited = place.citations
        names, city, country = self.chain(place.id)
        entity.add("name", place.name, cited)
        for alias in place.aliases:
            entity.add("alias", alias, cited)
        entity.add("full", ", ".join(names), cited)
        entity.add("city", city, cited)
        entity.add("keywords", place.kind.value, cited)
        entity.add("wikidataId", place.wikidata, cited)
        if place.within is not None and isinstance(self.records[place.within], Place):
            self.link(entity, "within", place.within, cited)
            code = self.code(country)
            if code is not None:
                entity.add("country", code.lower(), cited, original=code)
        else:
            self.country_ref(entity, "country", "within", place.within, cited)

    def person(self, person: Person) -> None:
        entity = self.record(person, "Person")
        cited = person.citations
        entity.add("name", person.name, cited)
        for alias in person.aliases:
            entity.add("alias", alias, cited)
        entity.add("description", person.description, cited)
        entity.add("wikidataId", person.wikidata, cited)
        self.country_ref(entity, "nationality", "nationality", person.nationality, cited)
        offices = [o for o in self.offices.get(person.id, ()) if o.role in _PEP_ROLES]
        current = [o for o in offices if o.status is not OfficeStatus.ENDED]
        if current:
            entity.add("topics", "role.pep", _citations_of(current))
        elif offices:
            entity.add("topics", "role.pep.frmr", _citations_of(offices))
        ambassadors = [o for o in offices if o.role is OfficeRole.AMBASSADOR]
        if ambassadors:
            entity.add("topics", "role.diplo", _citations_of(ambassadors))

    def position_id(self, office: Office) -> str:
        key = _hash(office.post, office.posted_to or "")
        return _entity_id(office.organisation, "position", key)

    def office(self, office: Office) -> None:
        cited = office.citations
        position = self.make(self.position_id(office), "Position")
        position.rests_on(cited)
        position.add("name", office.post, cited)
        position.add("organization", PREFIX + office.organisation, cited)
        position.add("keywords", office.role.value, cited)
        if office.role in _HEADS:
            position.add("topics", "gov.head", cited)
        organisation = self.records[office.organisation]
        home = office.organisation if isinstance(organisation, Country) else organisation.country
        code = self.code(home)
        if code is not None:
            position.add("country", code.lower(), cited, original=code)
        self.country_ref(position, "country", "posted_to", office.posted_to, cited)
        entity = self.record(office, "Occupancy")
        entity.add("holder", PREFIX + office.person, cited)
        entity.add("post", position.id, cited)
        entity.add("status", _OCCUPANCY_STATUS[office.status], cited)
        self.dates(entity, "startDate", "start", office.start, notes="description")
        self.dates(entity, "endDate", "end", office.end, notes="description")
        self.dates(entity, "date", "attested", office.attested, notes="description")

    def meeting(self, meeting: Meeting) -> None:
        entity = self.record(meeting, "Event")
        cited = meeting.citations
        entity.add("name", meeting.title, cited)
        entity.add("keywords", meeting.kind.value, cited)
        self.roles(entity, meeting.participants, cited)
        self.site(entity, "place", meeting.place, cited, text_prop="location")
        self.dates(entity, "date", "date", meeting.date)
        if meeting.count != 1:
            count = "unknown" if meeting.count is None else str(meeting.count)
            entity.add("notes", f"count: {count}", cited)
        if meeting.commemorates is not None:
            self.link(entity, "commemorates", meeting.commemorates, cited)

    def happening(self, happening: Happening) -> None:
        entity = self.record(happening, "Event")
        cited = happening.citations
        entity.add("name", happening.title, cited)
        entity.add("keywords", happening.kind.value, cited)
        self.roles(entity, happening.participants, cited)
        self.site(entity, "place", happening.place, cited, text_prop="location")
        if happening.origin is not None:
            self.link(entity, "origin", happening.origin, cited)
        self.dates(entity, "date", "date", happening.date)
        for target in happening.about:
            self.link(entity, "about", target, cited)
        _figures(entity, happening.figures, cited)

    def treaty(self, treaty: Treaty) -> None:
        entity = self.record(treaty, "Event")
        cited = treaty.citations
        entity.add("name", treaty.name, cited)
        for alias in treaty.aliases:
            entity.add("alias", alias, cited)
        for keyword in (treaty.kind.value, *treaty.topics):
            entity.add("keywords", keyword, cited)
        entity.add("summary", treaty.concerns, cited)
        for party in treaty.parties:
            entity.add("involved", PREFIX + party, cited)
            entity.add("notes", f"party: {PREFIX + party}", cited)
        self.roles(entity, treaty.signatories, cited)
        self.site(entity, "place", treaty.place, cited, text_prop="location")
        self.dates(entity, "date", "signed", treaty.signed)
        self.dates(entity, None, "in_force", treaty.in_force)
        if treaty.signed_at is not None:
            self.link(entity, "signed_at", treaty.signed_at, cited)

    def project(self, project: Project) -> None:
        entity = self.record(project, "Project")
        cited = project.citations
        entity.add("name", project.name, cited)
        for alias in project.aliases:
            entity.add("alias", alias, cited)
        entity.add("keywords", project.sector.value, cited)
        entity.add("status", project.status.value, cited)
        self.site(entity, "location", project.location, cited, text_prop="address")
        for party in project.parties:
            participant = self.make(
                _entity_id(project.id, "participant", party), "ProjectParticipant"
            )
            participant.add("project", entity.id, cited)
            participant.add("participant", PREFIX + party, cited)
            participant.add("role", "party", cited)
        for target in project.agreements:
            self.link(entity, "agreements", target, cited)
        for number, milestone in enumerate(project.milestones, start=1):
            self.milestone(entity, project, number, milestone)

    def milestone(
        self, owner: _Entity, project: Project, number: int, milestone: Milestone
    ) -> None:
        cited = milestone.citations
        entity = self.make(_entity_id(project.id, "milestone", str(number)), "Event")
        entity.rests_on(cited)
        entity.add("name", f"{project.name}: {milestone.title}", cited)
        entity.add("keywords", milestone.status.value, cited)
        self.dates(entity, "date", "date", milestone.date)
        rest = entity.id.removeprefix(PREFIX)
        link = self.make(f"{owner.id}--milestones--{rest}", "UnknownLink")
        link.add("subject", owner.id, cited)
        link.add("object", entity.id, cited)
        link.add("role", "milestones", cited)

    def statement(self, statement: Statement) -> None:
        entity = self.record(statement, "Note")
        cited = statement.citations
        if statement.speaker is None:
            name = f"{statement.kind.value.capitalize()} of the source"
        else:
            speaker = self.records[statement.speaker].name
            name = f"{statement.kind.value.capitalize()} of {speaker}"
            self.link(entity, "speaker", statement.speaker, cited)
        entity.add("name", name, cited)
        entity.add("description", statement.text, cited)
        if statement.kind is StatementKind.QUOTATION:
            entity.add("summary", statement.quote, cited)
        for keyword in (statement.kind.value, *statement.topics):
            entity.add("keywords", keyword, cited)
        for target in statement.about:
            for thing in self.things(target):
                entity.add("entity", thing, cited)
        self.site(entity, "place", statement.place, cited, text_prop="address")
        self.dates(entity, None, "date", statement.date)
        if statement.occasion is not None:
            self.link(entity, "occasion", statement.occasion, cited)
        _figures(entity, statement.figures, cited)

    def documentation(self) -> None:
        """A ``Documentation`` from each document to every Thing resting on it."""
        for entity in list(self.entities.values()):
            if entity.schema not in THINGS:
                continue
            for document, cited in entity.documents.items():
                link = self.make(f"{entity.id}--documentation--{document}", "Documentation")
                link.add("document", PREFIX + document, cited)
                link.add("entity", entity.id, cited)
                for citation in cited:
                    link.add("role", citation.basis.value, (citation,))


def _citations_of(offices: Iterable[Office]) -> list[Citation]:
    return [citation for office in offices for citation in office.citations]


def _figures(entity: _Entity, figures: Iterable[Quantity], cited: Sequence[Citation]) -> None:
    for figure in figures:
        unit = "" if figure.unit is None else f" {figure.unit}"
        entity.add("notes", f"figure: {figure.measure} = {figure.value}{unit}", cited)


_BUILDERS: Final[dict[type, str]] = {
    Document: "document",
    Country: "country",
    Organisation: "organisation",
    Place: "place",
    Person: "person",
    Office: "office",
    Meeting: "meeting",
    Happening: "happening",
    Treaty: "treaty",
    Project: "project",
    Statement: "statement",
}
"""The builder method of each record class (a subclass, such as ``Leader``, uses its base's)."""


def _method(record: object) -> str:
    for cls in type(record).__mro__:
        name = _BUILDERS.get(cls)
        if name is not None:
            return name
    raise TypeError(f"the ftm export has no mapping for {type(record).__name__} records")


def entities(dataset: Dataset) -> list[_Entity]:
    """Every entity of the export, sorted by id."""
    builder = _Builder(dataset)
    for record in dataset.records():
        getattr(builder, _method(record))(record)
    builder.documentation()
    return [builder.entities[key] for key in sorted(builder.entities)]


def _line(value: dict[str, Any]) -> str:
    line = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _LINE_BREAKS.items():
        line = line.replace(char, escape)  # only ever inside a JSON string
    return line + "\n"


def render(dataset: Dataset) -> dict[str, bytes]:
    """The files of the export, by name: the entities and their statements."""
    found = entities(dataset)
    entity_lines = "".join(_line(entity.to_json()) for entity in found)
    statement_lines = "".join(_line(row) for entity in found for row in entity.statements())
    return {
        ENTITIES: entity_lines.encode("utf-8"),
        STATEMENTS: statement_lines.encode("utf-8"),
    }
