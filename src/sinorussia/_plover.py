r"""The ``plover`` export: one PLOVER event a line, codes from the official crosswalk.

PLOVER (Political Language Ontology for Verifiable Event Records, the Open Event
Data Alliance's successor to CAMEO) names the fields of an event record in the
chapter "Data Fields" of its manual. The export writes two files:

``events.plover.jsonl``
    One event a line (JSON Lines, compact, UTF-8, ``\n`` line ends; U+0085,
    U+2028 and U+2029 written as ``\u`` escapes), sorted by ``date``,
    ``enddate`` and ``id``. Each line holds the manual's fields that the data
    can fill, in the manual's order:

        {"id": ..., "has_event": true, "date": "YYYY-MM-DD", "enddate": "YYYY-MM-DD",
         "actor": [entity, ...], "recipient": [entity, ...], "event": ["CONSULT"],
         "event_loc": {...}, "quad_code": 1, "mode": ["visit"] | null,
         "context": ["diplomatic"] | null, "link": ..., "cite_info": {...},
         "coder": "sinorussia", "comment": ...}

    then the extension fields (the manual allows "named fields beyond those
    provided here"): ``cameo``, ``date_edtf``, ``date_precision``,
    ``date_basis``, ``date_claims``, ``count``, ``origin_loc``, ``figures``,
    ``section``, ``kind`` and ``citations``. An entity (actor or recipient)
    has ``code`` (ISO 3166 alpha-3 of its country), ``sector`` (``GOV``),
    ``entity_text`` (its name), ``identifier_id`` (its Wikidata id) and
    ``office`` where the data gives them, then ``entity_id``, ``entity_type``,
    ``role`` and, for a participation with citations of its own,
    ``citations``.

``events.plover.skipped.json``
    Every record that could be an event but is not written, with the reasons:
    ``{"written": n, "skipped": m, "reasons": {code: meaning}, "records":
    [{"id", "section", "kind", "date_edtf", "reasons": [code, ...]}]}``.

The records that could be events are those of every class with a date of its
own except documents: meetings, happenings, treaties (the signing) and
statements. One is written when its kind has a PLOVER event type in the
crosswalk (``_vocab``: ``plover``, ``plover_mode``, ``plover_context``, from
the row of ``CAMEO2PLOVER-2021.txt`` for its CAMEO code), its best date has a
first and a last day, and it has at least one actor. ``date`` and ``enddate``
are the first and last day its best date may fall on, never finer than the
source: a month gives its first and last day, and ``date_edtf`` and
``date_precision`` say what the source gave.

Actors follow the manual: the visitor (``guest``) is the actor and the host the
recipient, as are the giver (``actor``) and the receiver (``recipient``) of aid;
participants in symmetrical roles (``participant``, ``signatory``) are all
actors, with no recipient ("all of the entities are considered as the actor and
no recipient is included"). A treaty's signing has its signatories as actors,
or its parties when no signatory is known.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, Final

from ._codec import converter
from ._dataset import SECTIONS, Dataset
from ._dates import DateInterval, PartialDate
from ._model import (
    Citation,
    Country,
    Dating,
    Document,
    Entity,
    Meeting,
    Office,
    Organisation,
    Participant,
    Person,
    Place,
    Statement,
    Treaty,
)
from ._vocab import OfficeStatus, OrganisationKind, PlaceKind, Role, TreatyKind

__all__ = [
    "CODEBOOK",
    "EVENTS_FILE",
    "QUAD_CODES",
    "REASONS",
    "SKIPPED_FILE",
    "events",
    "render",
    "skipped",
]

EVENTS_FILE: Final = "events.plover.jsonl"
"""The file of events, one a line."""

SKIPPED_FILE: Final = "events.plover.skipped.json"
"""The file that lists the records left out, with the reasons."""

CODEBOOK: Final = "PLOVER manual DRAFT Version 2.0; codes from CAMEO2PLOVER-2021.txt"
"""``cite_info.codebook``: the manual the fields follow and the crosswalk the codes come from."""

CODER: Final = "sinorussia"
"""``coder``: the records are coded by hand in the dataset, not by an extraction system."""

QUAD_CODES: Final[dict[str, int]] = {
    # The manual's table "Quad categories in PLOVER": verbal cooperation 1,
    # material cooperation 2, verbal conflict 3, material conflict 4.
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "SANCTION": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}
"""The quad code of each PLOVER event type."""

REASONS: Final[dict[str, str]] = {
    "no-event-type": "its kind has no PLOVER event type in the CAMEO-to-PLOVER crosswalk",
    "undated": "it has no date, and PLOVER requires one",
    "no-first-day": "its date has no first day (an open or unknown start), so no PLOVER date",
    "no-last-day": "its date has no last day (an open or unknown end), so no PLOVER enddate",
    "no-actor": "no participant can be its actor (PLOVER requires one)",
}
"""Why a record is left out, by code (the ``reasons`` of the skipped file)."""

_RECIPIENT_ROLES: Final = frozenset({Role.HOST, Role.RECIPIENT})
"""Roles on the recipient's side: the host of a visit, the receiver of aid."""

_LINE_BREAKS: Final = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}

_PRECISION: Final = {1: "year", 2: "month", 3: "day"}

_ISSUED: Final = {TreatyKind.JOINT_STATEMENT: "issued"}
"""What the date of a treaty's signing marks, where it is not a signature."""

JSON = dict[str, Any]


# -- what is an event -----------------------------------------------------------


def _candidates(dataset: Dataset) -> Iterator[tuple[str, Entity]]:
    """(section, record) for every record with a date of its own, documents aside."""
    sections = dataset.sections()
    for section in SECTIONS:
        if section.cls is Document or section.cls._date_field is None:
            continue
        for record in sections[section.name]:
            yield section.name, record


def _kind(record: Entity) -> Any:
    field = type(record)._kind_field
    return None if field is None else getattr(record, field)


def _participants(record: Entity) -> tuple[tuple[Participant, ...], str | None]:
    """The participants of a record, and the role they all stand in where it has no roles.

    A treaty's signatories, or its parties (role ``party``) when none is known;
    a statement's speaker (role ``speaker``).
    """
    if isinstance(record, Treaty):
        if record.signatories:
            return record.signatories, None
        return tuple(Participant(who=who) for who in record.parties), "party"
    if isinstance(record, Statement):
        speaker = () if record.speaker is None else (Participant(who=record.speaker),)
        return speaker, "speaker"
    return tuple(getattr(record, "participants", ())), None


def _sides(record: Entity) -> tuple[list[Participant], list[Participant]]:
    """The actor's side and the recipient's side of a record's participants."""
    participants, _ = _participants(record)
    actor = [p for p in participants if p.role not in _RECIPIENT_ROLES]
    recipient = [p for p in participants if p.role in _RECIPIENT_ROLES]
    return actor, recipient


def _reasons(record: Entity) -> list[str]:
    """Why the record cannot be a PLOVER event, in the order of `REASONS`."""
    found = []
    if getattr(_kind(record), "plover", None) is None:
        found.append("no-event-type")
    dating = record.dating
    if dating is None:
        found.append("undated")
    else:
        if dating.lower is None:
            found.append("no-first-day")
        if dating.upper is None:
            found.append("no-last-day")
    actor, _ = _sides(record)
    if not actor:
        found.append("no-actor")
    return found


# -- entities and places --------------------------------------------------------


class _Lookup:
    """The records an event refers to: actors, places, offices, documents."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.offices: dict[str, list[Office]] = {}
        for office in dataset.offices:
            self.offices.setdefault(office.person, []).append(office)

    def get(self, id: str) -> Any:
        return self.dataset.get(id)

    def alpha3(self, country: str | None) -> str | None:
        if country is None:
            return None
        record = self.get(country)
        return record.alpha3 if isinstance(record, Country) else None


def _held_throughout(office: Office, dating: Dating) -> bool:
    """Whether the data shows the office held on every day the event may fall on.

    Either the ``attested`` date covers the event, or the tenure certainly
    began by the event's first day (the last day its start may fall on) and
    certainly lasted past its last day (an end whose first possible day is no
    earlier, or no end and the status ``ongoing``).
    """
    lo, hi = dating.best._span
    if office.attested is not None and office.attested.best.contains(dating.best):
        return True
    if office.start is None or office.start.best._span[1] > lo:
        return False
    if office.end is None:
        return office.status is OfficeStatus.ONGOING
    return office.end.best._span[0] >= hi


def _offices(lookup: _Lookup, person: str, dating: Dating) -> list[Office]:
    return [o for o in lookup.offices.get(person, ()) if _held_throughout(o, dating)]


def _is_government(record: object) -> bool:
    """Whether a body is a state's government (PLOVER sector ``GOV``): a state or its agency."""
    if isinstance(record, Organisation):
        return record.kind is OrganisationKind.GOVERNMENT_AGENCY
    return isinstance(record, Country)


def _entity(lookup: _Lookup, participant: Participant, role: str, dating: Dating) -> JSON:
    """A PLOVER entity object for one participant."""
    record = lookup.get(participant.who)
    entity: JSON = {}
    code: str | None = None
    sector: str | None = None
    office: str | None = None
    if isinstance(record, Country):
        code = record.alpha3
    elif isinstance(record, Organisation):
        code = lookup.alpha3(record.country)
        if _is_government(record):
            sector = "GOV"
    elif isinstance(record, Person):
        code = lookup.alpha3(record.nationality)
        held = _offices(lookup, record.id, dating)
        if held:
            office = "; ".join(o.post for o in held)
            if any(_is_government(lookup.get(o.organisation)) for o in held):
                sector = "GOV"
    if code is not None:
        entity["code"] = code
    if sector is not None:
        entity["sector"] = sector
    entity["entity_text"] = record.label
    wikidata = getattr(record, "wikidata", None)
    if wikidata is not None:
        entity["identifier_id"] = wikidata
    if office is not None:
        entity["office"] = office
    entity["entity_id"] = record.id
    entity["entity_type"] = type(record).__name__.lower()
    entity["role"] = role
    if participant.citations:
        entity["citations"] = _citations(participant.citations)
    return entity


def _entities(lookup: _Lookup, record: Entity, side: list[Participant]) -> list[JSON]:
    assert record.dating is not None
    _, party = _participants(record)
    return [_entity(lookup, p, party or p.role.value, record.dating) for p in side]


def _chain(lookup: _Lookup, id: str) -> Iterator[Place | Country]:
    """The place and every place or country it lies within, innermost first."""
    seen: set[str] = set()
    current: str | None = id
    while current is not None and current not in seen:
        seen.add(current)
        record = lookup.get(current)
        yield record
        current = record.within if isinstance(record, Place) else None


def _location(lookup: _Lookup, id: str) -> JSON:
    """A PLOVER location object for a place or country."""
    chain = list(_chain(lookup, id))
    place = chain[0]
    city = next((p for p in chain if isinstance(p, Place) and p.kind is PlaceKind.CITY), None)
    country = next((p for p in chain if isinstance(p, Country)), None)
    location: JSON = {"resolved_place": place.name}
    if city is not None:
        location["city"] = city.name
    if country is not None:
        location["country"] = country.name
        if country.alpha3 is not None:
            location["country_code"] = country.alpha3
    if isinstance(place, Country):
        location["resolution"] = 1
    elif place is city:
        location["resolution"] = 4
    elif city is not None:
        location["resolution"] = 5  # inside a city: a square, a building ...
    location["place_id"] = place.id
    return location


# -- provenance -----------------------------------------------------------------


def _citations(citations: Iterable[Citation]) -> list[JSON]:
    return [converter.unstructure(citation) for citation in citations]


def _language(tag: str) -> str | None:
    """The ISO 639-1 code of a BCP 47 tag: its primary subtag, when that has two letters."""
    primary = tag.split("-")[0].lower()
    return primary if len(primary) == 2 else None


def _cite_info(lookup: _Lookup, record: Any) -> JSON:
    """The text the event was coded from: the first document cited, else the first source."""
    citations: tuple[Citation, ...] = record.citations
    info: JSON = {}
    cited = next((c for c in citations if c.document is not None), None)
    if cited is not None and cited.document is not None:
        document = lookup.get(cited.document)
        paragraphs = ", ".join(str(number) for number in cited.paragraphs)
        info["citation"] = f"{document.id}, paragraphs {paragraphs}" if paragraphs else document.id
        if document.url is not None:
            info["url"] = document.url
        info["title"] = document.title
        language = _language(document.language)
        if language is not None:
            info["language"] = language
    else:
        source = next((c.source for c in citations if c.source is not None), None)
        if source is not None:
            info["url"] = source
    info["codebook"] = CODEBOOK
    info["version"] = lookup.dataset.version
    return info


# -- dates ----------------------------------------------------------------------


def _precision(dating: Dating) -> str:
    best = dating.best
    if isinstance(best, PartialDate):
        return _PRECISION[int(best.precision)]
    assert isinstance(best, DateInterval)
    return "interval"


def _date_note(dating: Dating) -> str | None:
    best = dating.best
    notes = []
    if best.lower != best.upper:
        notes.append(
            f"the source dates it {best.edtf}: date and enddate are the first and last days"
            " it may fall on"
        )
    if isinstance(best, PartialDate) and (best.uncertain or best.approximate):
        notes.append(f"the date {best.edtf} is {_qualifier(best)}")
    return "; ".join(notes) or None


def _qualifier(date: PartialDate) -> str:
    if date.uncertain and date.approximate:
        return "uncertain and approximate"
    return "uncertain" if date.uncertain else "approximate"


def _comment(record: Entity, dating: Dating) -> str:
    parts = [record.label]
    if isinstance(record, Treaty):
        parts = [f"{record.label}: {_ISSUED.get(record.kind, 'signed')}"]
    note = _date_note(dating)
    if note is not None:
        parts.append(note)
    if isinstance(record, Meeting) and record.is_aggregate:
        many = "an unknown number of" if record.count is None else str(record.count)
        parts.append(f"the record stands for {many} encounters")
    return "; ".join(parts)


# -- the event ------------------------------------------------------------------


def _codes(value: str | None) -> list[str] | None:
    """A mode or context as the manual's list, or ``None`` (the field "left null")."""
    return None if value is None else [value]


def _event(lookup: _Lookup, section: str, record: Any, links: frozenset[str]) -> JSON:
    """The PLOVER event of a record that can be one (see `_reasons`)."""
    dating: Dating = record.dating
    kind = _kind(record)
    plover: str = kind.plover
    actor, recipient = _sides(record)
    assert dating.lower is not None
    assert dating.upper is not None
    event: JSON = {
        "id": record.id,
        "has_event": True,
        "date": dating.lower.to_date_string(),
        "enddate": dating.upper.to_date_string(),
        "actor": _entities(lookup, record, actor),
    }
    if recipient:
        event["recipient"] = _entities(lookup, record, recipient)
    event["event"] = [plover]
    if record.site is not None:
        event["event_loc"] = _location(lookup, record.site)
    if plover in QUAD_CODES:
        event["quad_code"] = QUAD_CODES[plover]
    event["mode"] = _codes(getattr(kind, "plover_mode", None))
    event["context"] = _codes(getattr(kind, "plover_context", None))
    link = getattr(record, "signed_at", None) or (record.id if record.id in links else None)
    if link is not None:
        event["link"] = link
    event["cite_info"] = _cite_info(lookup, record)
    event["coder"] = CODER
    event["comment"] = _comment(record, dating)
    event["cameo"] = kind.cameo
    event["date_edtf"] = dating.edtf
    event["date_precision"] = _precision(dating)
    event["date_basis"] = dating.basis.value
    event["date_claims"] = converter.unstructure(dating)
    if isinstance(record, Meeting) and record.is_aggregate:
        event["count"] = record.count
    origin = getattr(record, "origin", None)
    if origin is not None:
        event["origin_loc"] = _location(lookup, origin)
    figures = getattr(record, "figures", ())
    if figures:
        event["figures"] = converter.unstructure(figures)
    event["section"] = section
    event["kind"] = kind.value
    event["citations"] = _citations(record.citations)
    return event


def events(dataset: Dataset) -> list[JSON]:
    """The PLOVER events of a dataset as JSON values, in the order of the file.

    Sorted by ``date``, ``enddate`` and ``id``. A treaty signed at a meeting or
    happening shares a ``link`` (the id of that event) with it.
    """
    lookup = _Lookup(dataset)
    links = frozenset(t.signed_at for t in dataset.treaties if t.signed_at is not None)
    found = [
        _event(lookup, section, record, links)
        for section, record in _candidates(dataset)
        if not _reasons(record)
    ]
    found.sort(key=lambda e: (e["date"], e["enddate"], e["id"]))
    return found


def skipped(dataset: Dataset) -> list[JSON]:
    """The records that could be events but are left out, in file order, with the reasons."""
    found = []
    for section, record in _candidates(dataset):
        reasons = _reasons(record)
        if reasons:
            kind = _kind(record)
            dating = record.dating
            found.append(
                {
                    "id": record.id,
                    "section": section,
                    "kind": None if kind is None else str(kind.value),
                    "date_edtf": None if dating is None else dating.edtf,
                    "reasons": reasons,
                }
            )
    return found


def _line(value: JSON) -> str:
    line = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _LINE_BREAKS.items():
        line = line.replace(char, escape)  # only ever inside a JSON string
    return line + "\n"


def render(dataset: Dataset) -> dict[str, bytes]:
    """The files of the export, by name: the events and the records left out."""
    written = events(dataset)
    left_out = skipped(dataset)
    report = {
        "written": len(written),
        "skipped": len(left_out),
        "reasons": REASONS,
        "records": left_out,
    }
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return {
        EVENTS_FILE: "".join(_line(event) for event in written).encode("utf-8"),
        SKIPPED_FILE: text.encode("utf-8"),
    }
