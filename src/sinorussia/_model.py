"""The records of a sinorussia dataset.

Every record is an immutable, slotted, hashable attrs class with keyword-only
fields; change one with :func:`attrs.evolve`. Collections inside records are
tuples. Records refer to each other by id (a lowercase ASCII slug, unique across
the whole dataset); :class:`~sinorussia.Dataset` resolves and checks those
references.

The record classes, by JSON section::

    documents      Document      the sources the records cite
    countries      Country       states, with ISO 3166 codes
    organisations  Organisation  bodies such as the UN Security Council
    places         Place         cities, squares, rivers, institutions ...
    leaders        Leader        people who hold a state office (a Person)
    people         Person        other people the sources name
    offices        Office        an office held by a person over time
    meetings       Meeting       encounters of leaders (visits, talks, calls ...)
    happenings     Happening     other dated happenings (an aid flight ...)
    treaties       Treaty        treaties, joint statements, memoranda
    projects       Project       cooperation projects and their milestones
    statements     Statement     things said or claimed, with their figures

Provenance: every record carries at least one :class:`Citation`; every date is a
:class:`Dating`, a set of :class:`DateClaim` values, each with its own citation,
so what a source states is never mixed up with what was inferred from it or
added from elsewhere.
"""

from __future__ import annotations

import enum
import functools
import html
import re
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeAlias

import attrs
import pendulum

from ._dates import DateInterval, PartialDate, When

__all__ = [
    "Basis",
    "Citation",
    "Confidence",
    "Country",
    "DateClaim",
    "Dating",
    "Document",
    "Event",
    "Figure",
    "Happening",
    "HappeningKind",
    "Leader",
    "Meeting",
    "MeetingKind",
    "Milestone",
    "Office",
    "OfficeRole",
    "OfficeStatus",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "Person",
    "Place",
    "PlaceKind",
    "Project",
    "ProjectStatus",
    "Record",
    "Role",
    "Sector",
    "Statement",
    "StatementKind",
    "Treaty",
    "TreatyKind",
]

SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QID: Final = re.compile(r"Q[1-9][0-9]*")
_SHA256: Final = re.compile(r"[0-9a-f]{64}")
_LANGUAGE: Final = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


# -- validators ---------------------------------------------------------------


class FieldError(ValueError):
    """A field's value is invalid; ``field`` names it, so errors can say where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@functools.lru_cache(maxsize=1 << 16)
def _is_slug(value: str) -> bool:
    # Ids repeat across references (a few people take part in most meetings).
    return SLUG.fullmatch(value) is not None


def _slug(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _is_slug(value):
        raise FieldError(
            attribute.name,
            f"{value!r} is not a valid id: use lowercase ASCII letters, digits and"
            " single hyphens, such as 'xi-jinping'",
        )


def _optional_slug(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _slug(_, attribute, value)


def _slugs(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _slug(_, attribute, item)


def _text(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")


def _optional_text(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _text(_, attribute, value)


def _texts(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not item.strip():
            raise FieldError(attribute.name, "must not contain empty strings")
    if len(set(value)) != len(value):
        raise FieldError(attribute.name, "must not repeat a value")


def _pattern(
    regex: re.Pattern[str], what: str
) -> Callable[[object, attrs.Attribute[Any], str | None], None]:
    def check(_: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and not regex.fullmatch(value):
            raise FieldError(attribute.name, f"{value!r} is not {what}")

    return check


def _non_empty(_: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    if not value:
        raise FieldError(attribute.name, "must have at least one entry")


_REF: Final = "sinorussia.ref"


def _ref(*targets: str, many: bool = False, optional: bool = False) -> Any:
    """A field holding the id (or ids) of other records of the given classes.

    The dataset resolves these at load time; the class names are kept in the
    field's metadata so the check, the docs and the exports share one truth.
    """
    metadata = {_REF: targets}
    if many:
        return attrs.field(default=(), validator=_slugs, metadata=metadata)
    if optional:
        return attrs.field(default=None, validator=_optional_slug, metadata=metadata)
    return attrs.field(validator=_slug, metadata=metadata)


def ref_targets(field: attrs.Attribute[Any]) -> tuple[str, ...]:
    """The record classes a field may refer to (empty if it is no reference)."""
    return tuple(field.metadata.get(_REF, ()))


# -- provenance ---------------------------------------------------------------


class Basis(enum.StrEnum):
    """How a source supports a value."""

    STATED = "stated"
    """The document says it, in the paragraphs cited."""
    INFERRED = "inferred"
    """Worked out from the document; the citation's ``note`` says how."""
    EXTERNAL = "external"
    """Taken from another source; the citation gives its address and confidence."""


_EXTERNAL: Final = Basis.EXTERNAL  # read once: enum attribute access is slow on hot paths


class Confidence(enum.StrEnum):
    """How sure a check against an external source was."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen(kw_only=True)
class Citation:
    """Where a record or a value comes from.

    Attributes:
        basis: Stated by a document, inferred from it, or external.
        document: The id of the cited :class:`Document` (stated and inferred).
        paragraphs: The cited paragraphs, numbered from 1 (stated and inferred;
            may also accompany an external citation to say what it sharpens).
        note: How the value was inferred (required for ``inferred``), or a
            remark on an external source.
        source: The address of an external source (required for ``external``).
        confidence: How sure the external check was (required for ``external``).

    Examples:
        >>> Citation(basis=Basis.STATED, document="article", paragraphs=(9,))
        Citation(basis=<Basis.STATED: 'stated'>, document='article', paragraphs=(9,), ...)

    """

    basis: Basis
    document: str | None = _ref("Document", optional=True)
    paragraphs: tuple[int, ...] = ()
    note: str | None = attrs.field(default=None, validator=_optional_text)
    source: str | None = attrs.field(default=None, validator=_optional_text)
    confidence: Confidence | None = None

    def __attrs_post_init__(self) -> None:
        paragraphs = self.paragraphs
        if paragraphs:
            if min(paragraphs) < 1:
                raise ValueError("paragraph numbers start at 1")
            if len(paragraphs) > 1 and len(set(paragraphs)) != len(paragraphs):
                raise ValueError("paragraphs must not repeat a number")
        if self.basis is _EXTERNAL:
            if self.source is None:
                raise ValueError("an external citation needs a source address")
            if self.confidence is None:
                raise ValueError("an external citation needs a confidence")
        else:
            if self.document is None:
                raise ValueError(f"a {self.basis.value} citation needs a document")
            if not self.paragraphs:
                raise ValueError(f"a {self.basis.value} citation needs paragraph numbers")
            if self.basis is Basis.INFERRED and self.note is None:
                raise ValueError("an inferred citation needs a note saying how it was inferred")
            if self.confidence is not None:
                raise ValueError("confidence applies to external citations only")
            if self.source is not None:
                raise ValueError("a source address applies to external citations only")
        if self.paragraphs and self.document is None:
            raise ValueError("paragraph numbers need a document")

    def __repr__(self) -> str:
        where = f"{self.document} ¶{','.join(map(str, self.paragraphs))}" if self.paragraphs else ""
        if self.basis is Basis.EXTERNAL:
            where = f"{self.source} ({self.confidence})"
        return f"<Citation {self.basis.value}: {where}>"


@attrs.frozen(kw_only=True, repr=False)
class DateClaim:
    """One value for a date, with the citation that supports it."""

    value: When
    citation: Citation

    def __repr__(self) -> str:
        return f"<DateClaim {self.value.edtf} ({self.citation.basis.value})>"


def _span_days(value: When) -> int:
    """How many days a value may cover (unbounded ends count as enormous)."""
    lower, upper = value._span
    return upper - lower


@attrs.frozen(repr=False)
class Dating:
    """A date as the sources give it: one or more claims, side by side.

    A source's own value and a sharper value from elsewhere are kept as separate
    :class:`DateClaim` values, each with its citation. :attr:`best` is the
    sharpest claim (the narrowest range of days; the first listed wins a tie),
    and queries use it. A ``Dating`` behaves like its best value: it has
    ``lower``, ``upper``, ``edtf``, ``contains`` and ``overlaps``.

    Examples:
        >>> ds.treaties.get("treaty-of-good-neighborliness").signed.edtf
        '2001-07-16'
        >>> [c.value.edtf for c in ds.treaties.get("treaty-of-good-neighborliness").signed.claims]
        ['2001', '2001-07-16']

    """

    claims: tuple[DateClaim, ...] = attrs.field(validator=_non_empty)
    best: When = attrs.field(init=False, eq=False, hash=False)

    @best.default
    def _best(self) -> When:
        # Defaults run before validators, so the empty case is refused here.
        if not self.claims:
            raise FieldError("claims", "a date needs at least one claim")
        return min(self.claims, key=lambda c: _span_days(c.value)).value

    @classmethod
    def of(cls, value: When | str, citation: Citation) -> Dating:
        """Build a dating from a single claim; a string is parsed as EDTF."""
        from ._dates import parse_edtf

        return cls(
            (
                DateClaim(
                    value=parse_edtf(value) if isinstance(value, str) else value, citation=citation
                ),
            )
        )

    @property
    def lower(self) -> pendulum.Date | None:
        """The first day the best value may fall on (``None``: unbounded)."""
        return self.best.lower

    @property
    def upper(self) -> pendulum.Date | None:
        """The last day the best value may fall on (``None``: unbounded)."""
        return self.best.upper

    @property
    def edtf(self) -> str:
        """The best value as an EDTF string."""
        return self.best.edtf

    def contains(self, other: object) -> bool:
        """Whether the best value certainly covers ``other`` (see ``PartialDate.contains``)."""
        return self.best.contains(other)

    def overlaps(self, other: object) -> bool:
        """Whether the best value may fall in ``other`` (see ``PartialDate.overlaps``)."""
        return self.best.overlaps(other)

    @property
    def basis(self) -> Basis:
        """The basis of the best claim: what queries rest on."""
        best = self.best
        return next(c.citation.basis for c in self.claims if c.value is best)

    def by_basis(self, basis: Basis) -> tuple[DateClaim, ...]:
        """The claims that rest on ``basis``, in the order given."""
        return tuple(c for c in self.claims if c.citation.basis is basis)

    def __iter__(self) -> Iterator[DateClaim]:
        return iter(self.claims)

    def __str__(self) -> str:
        return self.best.edtf

    def __repr__(self) -> str:
        others = len(self.claims) - 1
        more = f" (+{others} claim{'s' if others > 1 else ''})" if others else ""
        return f"<Dating {self.best.edtf}{more}>"


# -- vocabularies -------------------------------------------------------------


class PlaceKind(enum.StrEnum):
    """What sort of place a :class:`Place` is."""

    CITY = "city"
    REGION = "region"
    SQUARE = "square"
    RIVER = "river"
    BUILDING = "building"
    INSTITUTION = "institution"
    AIRPORT = "airport"
    CELESTIAL_BODY = "celestial_body"


class OrganisationKind(enum.StrEnum):
    """What sort of body an :class:`Organisation` is."""

    INTERGOVERNMENTAL = "intergovernmental"
    GOVERNMENT_AGENCY = "government_agency"
    STATE_CORPORATION = "state_corporation"


class OfficeRole(enum.StrEnum):
    """The broad class of an office, for grouping; ``Office.post`` has its title."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    MINISTER = "minister"
    STATE_COUNCILOR = "state_councilor"
    AMBASSADOR = "ambassador"
    OTHER = "other"


class OfficeStatus(enum.StrEnum):
    """Whether an office was still held, as of the citing source.

    ``ONGOING`` and ``ENDED`` are known; ``UNKNOWN`` says the source does not tell
    whether or when the tenure ended (never read it as "ongoing").
    """

    ONGOING = "ongoing"
    ENDED = "ended"
    UNKNOWN = "unknown"


class Role(enum.StrEnum):
    """The part an actor plays in a meeting, happening or signature.

    ``HOST`` and ``GUEST`` are the two sides of a visit (CAMEO 043 "host a
    visit" and 042 "make a visit"); ``ACTOR`` and ``RECIPIENT`` are the giver
    and receiver of aid or of another act (PLOVER's actor and recipient).
    """

    HOST = "host"
    GUEST = "guest"
    PARTICIPANT = "participant"
    ACTOR = "actor"
    RECIPIENT = "recipient"
    SIGNATORY = "signatory"


class _Coded(enum.StrEnum):
    """An event vocabulary with a crosswalk to CAMEO and PLOVER."""

    @property
    def cameo(self) -> str | None:
        """The CAMEO event code, or ``None`` where CAMEO has no fitting code."""
        return _CODES[type(self).__name__, self.value][0]

    @property
    def plover(self) -> str | None:
        """The PLOVER event type, or ``None`` where PLOVER has none."""
        return _CODES[type(self).__name__, self.value][1]

    @property
    def plover_mode(self) -> str | None:
        """The PLOVER mode of the event type, where one applies."""
        return _CODES[type(self).__name__, self.value][2]


class MeetingKind(_Coded):
    """The closed vocabulary of encounters between leaders.

    Each kind carries its CAMEO code (:attr:`cameo`, from the guest's side for
    visits: the host's side of a visit is CAMEO 043, see
    :meth:`cameo_for`) and its PLOVER type and mode.
    """

    STATE_VISIT = "state_visit"
    TALKS = "talks"
    PHONE_CALL = "phone_call"
    VIDEO_CALL = "video_call"
    CEREMONY = "ceremony"
    SUMMIT = "summit"
    JOINT_ACTIVITY = "joint_activity"

    def cameo_for(self, role: Role) -> str | None:
        """The CAMEO code from one participant's side: a host of a visit is 043."""
        if role is Role.HOST and self.cameo == "042":
            return "043"
        return self.cameo


_MEETING_CODES: Final[dict[str, tuple[str | None, str | None, str | None]]] = {
    "state_visit": ("042", "CONSULT", "visit"),
    "talks": ("040", "CONSULT", "visit"),
    "phone_call": ("041", "CONSULT", "phone"),
    "video_call": ("041", "CONSULT", "phone"),
    "ceremony": ("042", "CONSULT", "visit"),
    "summit": ("044", "CONSULT", "multilateral"),
    "joint_activity": ("040", "CONSULT", "visit"),
}


class HappeningKind(_Coded):
    """The closed vocabulary of dated happenings that are not meetings."""

    AID_DELIVERY = "aid_delivery"
    EXPERT_DELEGATION = "expert_delegation"
    COOPERATION = "cooperation"
    INITIATIVE = "initiative"
    SPEECH = "speech"
    MILITARY_VICTORY = "military_victory"
    TREATY_EXTENSION = "treaty_extension"
    PANDEMIC = "pandemic"


_HAPPENING_CODES: Final[dict[str, tuple[str | None, str | None, str | None]]] = {
    "aid_delivery": ("073", "AID", None),
    "expert_delegation": ("073", "AID", None),
    "cooperation": ("060", "COOPERATE", None),
    "initiative": ("030", "COOPERATE", None),
    "speech": ("010", None, None),
    "military_victory": (None, None, None),
    "treaty_extension": ("057", "AGREE", None),
    "pandemic": (None, None, None),
}

# (vocabulary, value) -> (CAMEO code, PLOVER type, PLOVER mode)
_CODES: Final[dict[tuple[str, str], tuple[str | None, str | None, str | None]]] = {
    **{("MeetingKind", value): codes for value, codes in _MEETING_CODES.items()},
    **{("HappeningKind", value): codes for value, codes in _HAPPENING_CODES.items()},
}


class TreatyKind(enum.StrEnum):
    """What sort of agreement a :class:`Treaty` is."""

    TREATY = "treaty"
    JOINT_STATEMENT = "joint_statement"
    MEMORANDUM = "memorandum"
    AGREEMENT = "agreement"

    @property
    def cameo(self) -> str:
        """Signing any of these is CAMEO 057, "sign formal agreement"."""
        return "057"

    @property
    def plover(self) -> str:
        """Signing any of these is PLOVER AGREE."""
        return "AGREE"


class Sector(enum.StrEnum):
    """The field a cooperation :class:`Project` belongs to."""

    ENERGY = "energy"
    SPACE = "space"
    TRANSPORT = "transport"
    HEALTH = "health"
    TRADE = "trade"
    CULTURE = "culture"


class ProjectStatus(enum.StrEnum):
    """Where a project stands (as of a milestone or of the citing source)."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    UNDER_CONSTRUCTION = "under_construction"
    IN_OPERATION = "in_operation"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    UNKNOWN = "unknown"


class StatementKind(enum.StrEnum):
    """The form of a :class:`Statement`.

    ``QUOTATION``: the source quotes the speaker's words, kept verbatim in
    ``quote``; ``PARAPHRASE``: the source reports what someone said;
    ``CLAIM``: the source's own assertion.
    """

    QUOTATION = "quotation"
    PARAPHRASE = "paraphrase"
    CLAIM = "claim"


# -- records ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Record:
    """What every record has: an id and at least one citation."""

    id: str = attrs.field(validator=_slug)
    citations: tuple[Citation, ...] = attrs.field(validator=_non_empty)

    def _short(self) -> str:
        name = getattr(self, "name", None) or getattr(self, "title", None)
        return f"<{type(self).__name__} {self.id}{f' {name!r}' if name else ''}>"

    def _repr_html_(self) -> str:
        """A two-column table of the record's fields, for notebooks."""
        return _html_table(self)


def _html_value(value: object) -> str:
    if isinstance(value, Dating):
        return "<br>".join(
            f"{html.escape(c.value.edtf)} <small>({c.citation.basis.value})</small>"
            for c in value.claims
        )
    if isinstance(value, tuple):
        return "<br>".join(_html_value(item) for item in value)
    if isinstance(value, enum.Enum):
        return html.escape(str(value.value))
    if isinstance(value, Citation):
        return html.escape(repr(value).strip("<>"))
    if attrs.has(type(value)):
        cls: Any = type(value)
        parts = (f"{f.name}={getattr(value, f.name)!r}" for f in attrs.fields(cls) if f.init)
        return html.escape(", ".join(parts))
    return html.escape(str(value))


def _html_table(record: object) -> str:
    cls: Any = type(record)
    rows = "".join(
        f"<tr><th style='text-align:left'>{field.name}</th><td>{_html_value(value)}</td></tr>"
        for field in attrs.fields(cls)
        if field.init and (value := getattr(record, field.name)) not in (None, ())
    )
    return f"<table><caption>{html.escape(cls.__name__)}</caption>{rows}</table>"


@attrs.frozen(kw_only=True)
class Document:
    """A source the records cite (the bundled dataset has one, the article).

    Attributes:
        id: A slug, such as ``article``.
        title: A descriptive title in our words (the article's own headline is
            not printed in it).
        language: BCP 47 language tag of the text (``en``).
        paragraphs: How many paragraphs it has; citations must stay in range.
        sha256: The SHA-256 of the text as UTF-8, so a reader can check that a
            copy is the same text.
        date: When it was published, as the sources allow (an interval with the
            reasoning when the date is not printed).
        url: Where it was published, when known.

    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    language: str = attrs.field(validator=_pattern(_LANGUAGE, "a BCP 47 language tag"))
    paragraphs: int
    sha256: str = attrs.field(validator=_pattern(_SHA256, "a lowercase hex SHA-256 digest"))
    date: Dating | None = None
    url: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.paragraphs < 1:
            raise ValueError("a document has at least one paragraph")

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.title!r}>"

    def _repr_html_(self) -> str:
        """A two-column table of the document's fields, for notebooks."""
        return _html_table(self)


@attrs.frozen(kw_only=True, repr=False)
class Country(Record):
    """A state.

    Attributes:
        name: The common English name (``China``).
        official_name: The full official name, when recorded.
        alpha2: ISO 3166-1 alpha-2 code (``CN``), where confirmed.
        alpha3: ISO 3166-1 alpha-3 code (``CHN``), where confirmed.
        aliases: Other names and spellings, native-script names included.
        wikidata: Wikidata QID, where confirmed.

    """

    name: str = attrs.field(validator=_text)
    official_name: str | None = attrs.field(default=None, validator=_optional_text)
    alpha2: str | None = attrs.field(
        default=None, validator=_pattern(re.compile("[A-Z]{2}"), "an ISO 3166-1 alpha-2 code")
    )
    alpha3: str | None = attrs.field(
        default=None, validator=_pattern(re.compile("[A-Z]{3}"), "an ISO 3166-1 alpha-3 code")
    )
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    wikidata: str | None = attrs.field(default=None, validator=_pattern(_QID, "a Wikidata QID"))

    def __repr__(self) -> str:
        return self._short()


@attrs.frozen(kw_only=True, repr=False)
class Organisation(Record):
    """A body that is not a state: an international organ, an agency.

    Attributes:
        name: English name.
        kind: What sort of body it is.
        country: The country it belongs to, for a national body.
        members: Member countries the sources name (not necessarily all).
        aliases: Other names and abbreviations.
        wikidata: Wikidata QID, where confirmed.

    """

    name: str = attrs.field(validator=_text)
    kind: OrganisationKind
    country: str | None = _ref("Country", optional=True)
    members: tuple[str, ...] = _ref("Country", many=True)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    wikidata: str | None = attrs.field(default=None, validator=_pattern(_QID, "a Wikidata QID"))

    def __repr__(self) -> str:
        return self._short()


@attrs.frozen(kw_only=True, repr=False)
class Place(Record):
    """A named place: a city, a square, a river, an institution, a region.

    Attributes:
        name: English name.
        kind: What sort of place it is.
        within: The id of the place or country that contains it, so a square
            sits in a city that sits in a country.
        aliases: Other names and spellings.
        wikidata: Wikidata QID, where confirmed.

    """

    name: str = attrs.field(validator=_text)
    kind: PlaceKind
    within: str | None = _ref("Place", "Country", optional=True)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    wikidata: str | None = attrs.field(default=None, validator=_pattern(_QID, "a Wikidata QID"))

    def __repr__(self) -> str:
        return self._short()


@attrs.frozen(kw_only=True, repr=False)
class Person(Record):
    """A person the sources name.

    People who hold a state office are :class:`Leader` records (a subclass);
    everyone else, such as a scientist quoted for their expertise, is a plain
    ``Person``. ``ds.people`` holds both.

    Attributes:
        name: Canonical English name, in the order English sources use:
            given name first for Russian names (``Sergei Lavrov``), family
            name first for Chinese ones (``Xi Jinping``).
        aliases: Other spellings and native-script names (``习近平``).
        nationality: The id of the person's country, where the sources say.
        description: Who they are, in a few words of our own.
        wikidata: Wikidata QID, where confirmed.

    """

    name: str = attrs.field(validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    nationality: str | None = _ref("Country", optional=True)
    description: str | None = attrs.field(default=None, validator=_optional_text)
    wikidata: str | None = attrs.field(default=None, validator=_pattern(_QID, "a Wikidata QID"))

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    def __repr__(self) -> str:
        return self._short()


@attrs.frozen(kw_only=True, repr=False)
class Leader(Person):
    """A person who holds or held a state office.

    Heads of state, ministers and ambassadors are leaders.

    A leader has the fields of :class:`Person`; what makes one a leader is at
    least one :class:`Office` record, which the dataset checks at load time.
    """


@attrs.frozen(kw_only=True, repr=False)
class Office(Record):
    """An office held by a person over time.

    This is Popolo's Membership and followthemoney's Occupancy.

    Attributes:
        person: The id of the :class:`Leader` who holds it.
        post: The title of the office in English (``Foreign Minister``).
        role: Its broad class, for grouping.
        organisation: The id of the country or organisation whose office it is.
        posted_to: For an ambassador, the country they are accredited to.
        start: When the tenure began, where known.
        end: When it ended, where known.
        status: Whether it was ongoing, had ended, or the sources do not say.
        attested: A date at which the sources show the person in office (useful
            when start and end are unknown).

    """

    person: str = _ref("Leader")
    post: str = attrs.field(validator=_text)
    role: OfficeRole
    organisation: str = _ref("Country", "Organisation")
    posted_to: str | None = _ref("Country", "Organisation", optional=True)
    start: Dating | None = None
    end: Dating | None = None
    status: OfficeStatus
    attested: Dating | None = None

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.status is not OfficeStatus.ENDED:
            raise ValueError(f"an office with an end date has ended, not {self.status.value!r}")

    @property
    def period(self) -> DateInterval | None:
        """The tenure as an interval of the best start and end values.

        An unknown start or end is an unknown bound (EDTF ``/``), an ongoing
        tenure is open (``..``). ``None`` when nothing is known of either end.
        """
        from ._dates import Unbounded

        if self.start is None and self.end is None:
            return None
        start: PartialDate | Unbounded = Unbounded.UNKNOWN
        end: PartialDate | Unbounded = (
            Unbounded.OPEN if self.status is OfficeStatus.ONGOING else Unbounded.UNKNOWN
        )
        if self.start is not None:
            start = _first_day_side(self.start.best, lower=True)
        if self.end is not None:
            end = _first_day_side(self.end.best, lower=False)
        return DateInterval(start, end)

    def __repr__(self) -> str:
        return f"<Office {self.id} {self.person} {self.post!r}>"


def _first_day_side(value: When, *, lower: bool) -> PartialDate:
    """The end of a value that faces outwards in an interval."""
    if isinstance(value, PartialDate):
        return value
    side = value.start if lower else value.end
    if isinstance(side, PartialDate):
        return side
    other = value.end if lower else value.start
    assert isinstance(other, PartialDate)  # an interval has at least one known end
    return other


@attrs.frozen(kw_only=True)
class Participant:
    """A person, country or organisation taking part, with their role.

    Attributes:
        who: The id of a person, country or organisation.
        role: Host, guest, participant, actor, recipient or signatory.
        citations: Citations for this participation, where it rests on a
            different basis than the record itself (an external source names a
            host the article does not). Empty means the record's citations apply.

    """

    who: str = _ref("Person", "Country", "Organisation")
    role: Role = Role.PARTICIPANT
    citations: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class Figure:
    """A number a source gives, with what it measures.

    Attributes:
        measure: What is measured, in our words (``rank among trading partners``).
        value: The number.
        unit: Its unit (``tonnes``, ``years``), ``None`` for a pure number.

    """

    measure: str = attrs.field(validator=_text)
    value: int | float
    unit: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True, repr=False)
class Meeting(Record):
    """An encounter of leaders: a visit, talks, a call, a ceremony, a summit.

    Attributes:
        title: A short description in our words.
        kind: From the closed :class:`MeetingKind` vocabulary (with CAMEO and
            PLOVER codes).
        participants: Who took part and in what role.
        place: The id of the place (or country) where it happened.
        date: When, as the sources allow.
        count: How many encounters the record stands for: 1 for a single
            meeting, N when the source aggregates ("five phone calls"), ``None``
            when it aggregates without a number ("frequent visits").
        commemorates: The id of the happening or meeting this meeting marks
            (a parade for a victory).

    """

    title: str = attrs.field(validator=_text)
    kind: MeetingKind
    participants: tuple[Participant, ...] = ()
    place: str | None = _ref("Place", "Country", optional=True)
    date: Dating | None = None
    count: int | None = 1
    commemorates: str | None = _ref("Meeting", "Happening", optional=True)

    def __attrs_post_init__(self) -> None:
        if self.count is not None and self.count < 1:
            raise ValueError("count must be at least 1 (use null for an unknown number)")

    @property
    def is_aggregate(self) -> bool:
        """Whether the record stands for more than one encounter."""
        return self.count != 1

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.kind.value} {self.date or 'undated'}>"


@attrs.frozen(kw_only=True, repr=False)
class Happening(Record):
    """A dated happening that is not a meeting of leaders.

    An aid flight, an expert delegation, a historic victory.

    Attributes:
        title: A short description in our words.
        kind: From the closed :class:`HappeningKind` vocabulary.
        participants: The actors, with roles (giver and receiver of aid ...).
        place: Where it happened (the destination of a journey).
        origin: Where a journey started.
        date: When, as the sources allow.
        about: Ids of the records it concerns (a treaty that was extended).
        figures: Numbers the sources give (23 tonnes of aid).

    """

    title: str = attrs.field(validator=_text)
    kind: HappeningKind
    participants: tuple[Participant, ...] = ()
    place: str | None = _ref("Place", "Country", optional=True)
    origin: str | None = _ref("Place", "Country", optional=True)
    date: Dating | None = None
    about: tuple[str, ...] = _ref("*", many=True)
    figures: tuple[Figure, ...] = ()

    def __repr__(self) -> str:
        return f"<Happening {self.id} {self.kind.value} {self.date or 'undated'}>"


Event: TypeAlias = Meeting | Happening
"""Anything that happened: a :class:`Meeting` or a :class:`Happening`."""


@attrs.frozen(kw_only=True, repr=False)
class Treaty(Record):
    """A treaty, joint statement, memorandum of understanding or agreement.

    Attributes:
        name: Its English name.
        kind: Treaty, joint statement, memorandum or agreement.
        aliases: Other names and translations of the title.
        parties: Ids of the countries or organisations bound by it.
        signed: When it was signed or issued.
        place: Where it was signed.
        signatories: Who signed it, where known.
        in_force: When it entered into force, where known.
        concerns: What it is about, in our words.
        topics: Short topic labels.
        signed_at: The id of the meeting or happening at which it was signed.

    """

    name: str = attrs.field(validator=_text)
    kind: TreatyKind
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    parties: tuple[str, ...] = _ref("Country", "Organisation", many=True)
    signed: Dating | None = None
    place: str | None = _ref("Place", "Country", optional=True)
    signatories: tuple[Participant, ...] = ()
    in_force: Dating | None = None
    concerns: str | None = attrs.field(default=None, validator=_optional_text)
    topics: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    signed_at: str | None = _ref("Meeting", "Happening", optional=True)

    def __repr__(self) -> str:
        return f"<Treaty {self.id} {self.kind.value} {self.signed or 'undated'}>"


@attrs.frozen(kw_only=True)
class Milestone:
    """A step in a project's life, such as going into operation.

    Attributes:
        title: What happened, in our words.
        status: The status the project reached.
        date: When, as the sources allow.
        citations: Where this milestone comes from.

    """

    title: str = attrs.field(validator=_text)
    status: ProjectStatus
    date: Dating | None = None
    citations: tuple[Citation, ...] = attrs.field(validator=_non_empty)


@attrs.frozen(kw_only=True, repr=False)
class Project(Record):
    """A cooperation project: a pipeline, a research station.

    Attributes:
        name: Its English name.
        sector: The field it belongs to.
        status: Where it stood as of the citing source.
        aliases: Other names (the Russian section's name for a pipeline ...).
        parties: Ids of the countries or organisations behind it.
        location: The id of the place where it is or will be.
        milestones: Dated steps, in order.
        agreements: Ids of the treaties and memoranda behind it.

    """

    name: str = attrs.field(validator=_text)
    sector: Sector
    status: ProjectStatus
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    parties: tuple[str, ...] = _ref("Country", "Organisation", many=True)
    location: str | None = _ref("Place", "Country", optional=True)
    milestones: tuple[Milestone, ...] = ()
    agreements: tuple[str, ...] = _ref("Treaty", many=True)

    def __repr__(self) -> str:
        return f"<Project {self.id} {self.status.value}>"


@attrs.frozen(kw_only=True, repr=False)
class Statement(Record):
    """Something said or claimed.

    Attributes:
        kind: A quotation, a paraphrase of someone, or the source's own claim.
        speaker: The id of the person who said it; ``None`` for the source's own
            voice (the article's claims).
        text: What is said, in our words.
        quote: The speaker's exact words, only where the source quotes them.
        topics: Short topic labels.
        about: Ids of the records it is about.
        date: When it was said (or the period a claim covers).
        place: Where it was said.
        occasion: The id of the meeting or happening where it was said.
        figures: Numbers it gives (a trade ranking ...).

    """

    kind: StatementKind
    speaker: str | None = _ref("Person", optional=True)
    text: str = attrs.field(validator=_text)
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    topics: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    about: tuple[str, ...] = _ref("*", many=True)
    date: Dating | None = None
    place: str | None = _ref("Place", "Country", optional=True)
    occasion: str | None = _ref("Meeting", "Happening", optional=True)
    figures: tuple[Figure, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (self.kind is StatementKind.QUOTATION) != (self.quote is not None):
            raise ValueError("a quotation has a quote, and only a quotation has one")
        if self.kind is not StatementKind.CLAIM and self.speaker is None:
            raise ValueError(f"a {self.kind.value} needs a speaker")
        if self.kind is StatementKind.CLAIM and self.speaker is not None:
            raise ValueError("a claim is the source's own voice and has no speaker")

    def __repr__(self) -> str:
        return f"<Statement {self.id} {self.kind.value} by {self.speaker or 'the source'}>"


def label_of(record: object) -> str:
    """A record's human name: its name, title, text or post ("" if none)."""
    for attribute in ("name", "title", "text", "post"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return ""


def kind_of(record: object) -> str | None:
    """A record's kind as a string: ``kind``, an office's ``role``, a project's ``sector``."""
    if isinstance(record, Office):
        return record.role.value
    if isinstance(record, Project):
        return record.sector.value
    kind = getattr(record, "kind", None)
    return kind.value if isinstance(kind, enum.Enum) else None
