"""The records of a sinorussia dataset, and what each says about itself.

Every record is an immutable, slotted, hashable attrs class with keyword-only
fields; change one with ``attrs.evolve``. Collections inside records are
tuples. Records refer to each other by id (a lowercase ASCII slug, unique across
the whole dataset); ``Dataset`` resolves and checks those references.

Provenance: every record carries at least one ``Citation``; every date is a
``Dating``, a set of ``DateClaim`` values, each with its own citation, so what a
source states is never mixed up with what was inferred from it or added from
elsewhere.

**Facets.** Whatever a query, the timeline, an export or the command line needs
to know about a record, it asks the record: its `label`, its `category` (kind),
its one date (`dating`, `when`, `span`), its `actors` with their roles, its
`site` and its `names` (see [`Entity`][sinorussia.Entity]). Each class
says which of its fields answer in a few class variables; no other module
works these out again.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Final, NamedTuple, TypeAlias, cast

import attrs

if TYPE_CHECKING:
    import pendulum

from ._dates import _NEG_INF, _POS_INF, DateInterval, PartialDate, Unbounded, When, parse_edtf
from ._fields import (
    AtLeast,
    Each,
    FieldError,
    Finite,
    IsId,
    Matches,
    NonEmpty,
    Text,
    Unique,
    all_of,
    doc,
    document,
    ref,
)
from ._vocab import (
    Basis,
    Confidence,
    HappeningKind,
    MeetingKind,
    OfficeRole,
    OfficeStatus,
    OrganisationKind,
    PlaceKind,
    ProjectStatus,
    Role,
    Sector,
    StatementKind,
    TreatyKind,
)

__all__ = [
    "Actor",
    "Citation",
    "Country",
    "DateClaim",
    "Dating",
    "Document",
    "Entity",
    "Event",
    "Happening",
    "Leader",
    "Meeting",
    "Milestone",
    "Office",
    "Organisation",
    "Participant",
    "Person",
    "Place",
    "Project",
    "Quantity",
    "Record",
    "Statement",
    "Treaty",
]

_QID: Final = Matches(re.compile(r"Q[1-9][0-9]*"), "a Wikidata QID")
_TEXTS: Final = all_of(Each(Text()), Unique())
_EXTERNAL: Final = Basis.EXTERNAL  # read once: enum attribute access is slow on hot paths
_INFERRED: Final = Basis.INFERRED


def _aliases(text: str = "Other names and spellings.") -> Any:
    return attrs.field(default=(), validator=_TEXTS, metadata=doc(text))


def _wikidata() -> Any:
    return attrs.field(default=None, validator=_QID, metadata=doc("Wikidata QID, where confirmed."))


_EXCLUSIVE: Final = {
    frozenset({Role.HOST, Role.GUEST}): "the host of a visit cannot be its guest",
    frozenset({Role.ACTOR, Role.RECIPIENT}): "the giver of an act cannot be its receiver",
}
"""Pairs of roles one actor cannot hold in one record, and why."""


_WHO: Final = operator.attrgetter("who")


def _check_actors(field: str, participants: tuple[Participant, ...]) -> None:
    """Refuse an actor listed twice among one record's participants (or signatories).

    One actor takes part once, in one role: listed again, they would either
    repeat themselves or hold two roles at once (host and guest, giver and
    receiver) that exclude each other.
    """
    if len(participants) < 2 or len(set(map(_WHO, participants))) == len(participants):
        return  # the usual case, read at C speed
    seen: dict[str, int] = {}
    for index, participant in enumerate(participants):
        first = seen.setdefault(participant.who, index)
        if first == index:
            continue
        roles = frozenset({participants[first].role, participant.role})
        why = _EXCLUSIVE.get(roles)
        if why is not None:
            shown = " and ".join(sorted(role.value for role in roles))
            message = f"{participant.who!r} is both {shown} ({why}); it is at [{first}] too"
        else:
            message = f"{participant.who!r} is listed twice, at [{first}] and [{index}]"
        raise FieldError(field, message, at=(index, "who"))


def _not_about_itself(record: Any) -> None:
    if record.id in record.about:
        index = record.about.index(record.id)
        noun = type(record).__name__.lower()
        raise FieldError("about", f"a {noun} cannot be about itself", at=(index,))


def _before(first: Dating, second: Dating) -> bool:
    """Whether ``first`` certainly ends before ``second`` begins (best values)."""
    return first.best._span[1] < second.best._span[0]


# -- provenance ---------------------------------------------------------------


@document
@attrs.frozen(kw_only=True)
class Citation:
    """Where a record or a value comes from."""

    basis: Basis = attrs.field(metadata=doc("Stated by a document, inferred from it, or external."))
    document: str | None = ref(
        "Document", optional=True, doc="The id of the cited `Document` (stated and inferred)."
    )
    paragraphs: tuple[int, ...] = attrs.field(
        default=(),
        validator=all_of(
            Each(AtLeast(1, "paragraph numbers start at 1")),
            Unique("paragraphs must not repeat a number"),
        ),
        metadata=doc(
            "The cited paragraphs, numbered from 1 (stated and inferred; may also accompany"
            " an external citation to say what it sharpens)."
        ),
    )
    note: str | None = attrs.field(
        default=None,
        validator=Text(),
        metadata=doc(
            "How the value was inferred (required for `inferred`), or what an external"
            " source supplies."
        ),
    )
    source: str | None = attrs.field(
        default=None,
        validator=Text(),
        metadata=doc("The address of an external source (required for `external`)."),
    )
    confidence: Confidence | None = attrs.field(
        default=None, metadata=doc("How sure the external check was (required for `external`).")
    )

    _NOT_NULL: ClassVar[dict[str, Any]] = {"not": {"type": "null"}}
    _schema_rules: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "if": {"properties": {"basis": {"const": "external"}}},
            "then": {
                "required": ["source", "confidence"],
                "properties": {"source": _NOT_NULL, "confidence": _NOT_NULL},
            },
            "else": {
                "required": ["document", "paragraphs"],
                "properties": {
                    "document": _NOT_NULL,
                    "paragraphs": {"minItems": 1},
                    "source": {"type": "null"},
                    "confidence": {"type": "null"},
                },
            },
        },
        {
            "if": {"properties": {"basis": {"const": "inferred"}}},
            "then": {"required": ["note"], "properties": {"note": _NOT_NULL}},
        },
        {
            "if": {"required": ["paragraphs"], "properties": {"paragraphs": {"minItems": 1}}},
            "then": {"required": ["document"], "properties": {"document": _NOT_NULL}},
        },
    )
    """The rules of ``__attrs_post_init__`` as JSON Schema ``if``/``then`` subschemas."""

    def __attrs_post_init__(self) -> None:
        if self.basis is _EXTERNAL:
            if self.source is None:
                raise FieldError(None, "an external citation needs a source address")
            if self.confidence is None:
                raise FieldError(None, "an external citation needs a confidence")
        else:
            if self.document is None:
                raise FieldError(None, f"a {self.basis.value} citation needs a document")
            if not self.paragraphs:
                raise FieldError(None, f"a {self.basis.value} citation needs paragraph numbers")
            if self.basis is _INFERRED and self.note is None:
                raise FieldError(
                    None, "an inferred citation needs a note saying how it was inferred"
                )
            if self.confidence is not None:
                raise FieldError(None, "confidence applies to external citations only")
            if self.source is not None:
                raise FieldError(None, "a source address applies to external citations only")
        if self.paragraphs and self.document is None:
            raise FieldError(None, "paragraph numbers need a document")

    def __repr__(self) -> str:
        where = f"{self.document} ¶{','.join(map(str, self.paragraphs))}" if self.paragraphs else ""
        if self.basis is _EXTERNAL:
            where = f"{self.source} ({self.confidence})"
        return f"<Citation {self.basis.value}: {where}>"


@document
@attrs.frozen(kw_only=True, repr=False)
class DateClaim:
    """One value for a date, with the citation that supports it."""

    value: When = attrs.field(metadata=doc("The date, as EDTF."))
    citation: Citation = attrs.field(metadata=doc("Where this value comes from."))

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
    ``DateClaim`` values, each with its citation. ``best`` is the sharpest claim
    (the narrowest range of days; the first listed wins a tie), and queries use
    it. A ``Dating`` behaves like its best value: it has ``lower``, ``upper``,
    ``edtf``, ``contains`` and ``overlaps``.

    Examples:
        >>> ds.treaties.get("treaty-of-good-neighborliness").signed.edtf
        '2001-07-16'
        >>> [c.value.edtf for c in ds.treaties.get("treaty-of-good-neighborliness").signed.claims]
        ['2001', '2001-07-16']

    """

    claims: tuple[DateClaim, ...] = attrs.field(
        validator=NonEmpty(),
        metadata=doc(
            "The claims, side by side; they must pairwise overlap. In JSON this array is the"
            " whole value."
        ),
    )
    best: When = attrs.field(
        init=False,
        eq=False,
        hash=False,
        metadata=doc("The sharpest claim's value (fewest days; the first listed wins a tie)."),
    )

    @best.default
    def _best(self) -> When:
        # Defaults run before validators, so the empty case is refused here.
        if not self.claims:
            raise FieldError("claims", "a date needs at least one claim")
        return min(self.claims, key=lambda c: _span_days(c.value)).value

    @classmethod
    def of(cls, value: When | str, citation: Citation) -> Dating:
        """Build a dating from a single claim; a string is parsed as EDTF."""
        when = parse_edtf(value) if isinstance(value, str) else value
        return cls((DateClaim(value=when, citation=citation),))

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

    def _repr_html_(self) -> str:
        """A table of the claims for notebooks: value, bounds, basis, citation; the best marked."""
        import html

        def bound(day: pendulum.Date | None) -> str:
            return "unbounded" if day is None else day.to_date_string()

        def cited(citation: Citation) -> str:
            parts = []
            document, source, confidence = citation.document, citation.source, citation.confidence
            if document is not None:
                paragraphs = ", ".join(map(str, citation.paragraphs))
                parts.append(f"{document} ¶{paragraphs}" if paragraphs else document)
            if source is not None:
                parts.append(source if confidence is None else f"{source} ({confidence.value})")
            if citation.note is not None:
                parts.append(citation.note)
            return "; ".join(parts)

        rows = []
        for claim in self.claims:
            best = claim.value is self.best
            cells = (
                claim.value.edtf,
                bound(claim.value.lower),
                bound(claim.value.upper),
                claim.citation.basis.value,
                cited(claim.citation),
                "best" if best else "",
            )
            style = " style='font-weight:bold'" if best else ""
            rows.append(
                f"<tr{style}>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
            )
        return (
            f"<table><caption>Dating {html.escape(self.best.edtf)}</caption>"
            "<thead><tr><th>value</th><th>from</th><th>to</th><th>basis</th><th>citation</th>"
            f"<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )


# -- what every record says about itself ------------------------------------


class Actor(NamedTuple):
    """Someone a record involves, and how (see [`Entity.actors`][sinorussia.Entity.actors]).

    Attributes:
        who: The id of a person, country or organisation (or, for a
            statement's subjects, of any record).
        role: A participant's role (``host``, ``guest`` ...), or what the
            field that names them says: ``party``, ``speaker``, ``subject``,
            ``holder``, ``organisation``, ``posted_to``, ``nationality``,
            ``member``, ``country``.

    """

    who: str
    role: str


class Entity:
    """What every record, documents included, answers about itself.

    The answers are typed properties; each class names the fields behind them
    in class variables, so queries, the timeline, the exports and the command
    line all read the same facts:

    - `label`: its human name (name, title, text or post);
    - `category`: its kind as a string (an office's role, a project's
      sector), or ``None``;
    - `dating`: its one date (a treaty's signing), or ``None``;
      `when` its best value (an office's tenure), and `span` the
      days it may cover, as queries index them;
    - `actors`: who it involves, with their roles;
    - `site`: the id of the place it is at, or ``None``;
    - `names`: every name it answers to (not its id).
    """

    __slots__ = ()

    id: str

    _label_field: ClassVar[str] = "name"
    _kind_field: ClassVar[str | None] = None
    _date_field: ClassVar[str | None] = None
    _site_field: ClassVar[str | None] = None
    _name_fields: ClassVar[tuple[str, ...]] = ("name",)
    _text_fields: ClassVar[tuple[str, ...]] = ()
    """Fields of free text that search reads word by word (titles, a statement's text)."""
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = ()
    """(field, role) pairs; role ``None``: the field holds participants with their own roles."""
    is_actor: ClassVar[bool] = False
    """Whether records of this class can take part in others (people, countries, bodies)."""

    @property
    def label(self) -> str:
        """The record's human name: its name, title, text or post."""
        return cast(str, getattr(self, self._label_field))

    @property
    def category(self) -> str | None:
        """Its kind as a string: ``kind``, an office's ``role``, a project's ``sector``."""
        field = self._kind_field
        return None if field is None else str(getattr(self, field).value)

    @property
    def dating(self) -> Dating | None:
        """The record's one date, with every claim: ``date``, or a treaty's ``signed``."""
        field = self._date_field
        return None if field is None else cast("Dating | None", getattr(self, field))

    @property
    def when(self) -> When | None:
        """The best value of `dating` (an office: its tenure), or ``None``."""
        dating = self.dating
        return None if dating is None else dating.best

    @property
    def span(self) -> tuple[int, int] | None:
        """The first and last day (as ordinals) the record may cover, as queries see it.

        ``None`` for an undated record. An office spans its tenure, and an
        unknown start or end is unbounded.
        """
        dating = self.dating
        return None if dating is None else dating.best._span

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Who the record involves directly, with their roles, in field order."""
        found: list[Actor] = []
        for field, role in self._actor_fields:
            value = getattr(self, field)
            if value is None:
                continue
            if isinstance(value, str):
                found.append(Actor(value, cast(str, role)))
            elif role is None:
                found.extend(Actor(p.who, p.role.value) for p in value)
            else:
                found.extend(Actor(who, role) for who in value)
        return tuple(found)

    @property
    def site(self) -> str | None:
        """The id of the place or country the record is at (a place: itself)."""
        field = self._site_field
        return None if field is None else cast("str | None", getattr(self, field))

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the record answers to: its names and titles, then its aliases."""
        found = [
            value for field in self._name_fields if isinstance(value := getattr(self, field), str)
        ]
        found.extend(getattr(self, "aliases", ()))
        return tuple(found)

    @property
    def texts(self) -> tuple[tuple[str, str], ...]:
        """Its free texts as (field, text) pairs: titles, descriptions, a statement's words."""
        found: list[tuple[str, str]] = []
        for field in self._text_fields:
            value = getattr(self, field)
            if isinstance(value, str):
                found.append((field, value))
            elif isinstance(value, tuple):
                found.extend((field, item) for item in value)
        return tuple(found)

    def __repr__(self) -> str:
        parts = [type(self).__name__, self.id]
        if self._date_field is not None:
            if self.category is not None:
                parts.append(self.category)
            when = self.when
            parts.append("undated" if when is None else when.edtf)
        elif label := self.label:
            parts.append(repr(label if len(label) <= 40 else label[:39] + "…"))
        return f"<{' '.join(parts)}>"

    def _repr_html_(self) -> str:
        """A two-column table of the record's fields, for notebooks."""
        return _html_table(self)


@document
@attrs.frozen(kw_only=True, repr=False)
class Record(Entity):
    """What every record but a document has: an id and at least one citation."""

    id: str = attrs.field(
        validator=IsId(), metadata=doc("The record's id, unique across the whole dataset.")
    )
    citations: tuple[Citation, ...] = attrs.field(
        validator=NonEmpty(), metadata=doc("Where the record comes from: at least one citation.")
    )


def _html_value(value: object) -> str:
    import html

    if isinstance(value, Dating):
        return "<br>".join(
            f"{html.escape(c.value.edtf)} <small>({c.citation.basis.value})</small>"
            for c in value.claims
        )
    if isinstance(value, tuple):
        return "<br>".join(_html_value(item) for item in value)
    if isinstance(value, Basis | Role):
        return html.escape(str(value.value))
    if isinstance(value, Citation):
        return html.escape(repr(value).strip("<>"))
    if attrs.has(type(value)):
        cls: Any = type(value)
        parts = (f"{f.name}={getattr(value, f.name)!r}" for f in attrs.fields(cls) if f.init)
        return html.escape(", ".join(parts))
    return html.escape(str(getattr(value, "value", value)))


def _html_table(record: object) -> str:
    import html

    cls: Any = type(record)
    rows = "".join(
        f"<tr><th style='text-align:left'>{field.name}</th><td>{_html_value(value)}</td></tr>"
        for field in attrs.fields(cls)
        if field.init and (value := getattr(record, field.name)) not in (None, ())
    )
    return f"<table><caption>{html.escape(cls.__name__)}</caption>{rows}</table>"


# -- records ------------------------------------------------------------------


@document
@attrs.frozen(kw_only=True, repr=False)
class Document(Entity):
    """A source the records cite (the bundled dataset has one, the article)."""

    id: str = attrs.field(validator=IsId(), metadata=doc("A slug, such as `article`."))
    title: str = attrs.field(
        validator=Text(),
        metadata=doc(
            "A descriptive title in our words (the article's own headline is not printed in it)."
        ),
    )
    language: str = attrs.field(
        validator=Matches(re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"), "a BCP 47 language tag"),
        metadata=doc("BCP 47 language tag of the text (`en`)."),
    )
    paragraphs: int = attrs.field(
        validator=AtLeast(1, "a document has at least one paragraph"),
        metadata=doc("How many paragraphs it has; citations must stay in range."),
    )
    sha256: str = attrs.field(
        validator=Matches(re.compile(r"[0-9a-f]{64}"), "a lowercase hex SHA-256 digest"),
        metadata=doc(
            "The SHA-256 of the text as UTF-8, so a reader can check that a copy is the same text."
        ),
    )
    date: Dating | None = attrs.field(
        default=None,
        metadata=doc(
            "When it was published, as the sources allow (an interval with the reasoning"
            " when the date is not printed)."
        ),
    )
    url: str | None = attrs.field(
        default=None, validator=Text(), metadata=doc("Where it was published, when known.")
    )

    _label_field: ClassVar[str] = "title"
    _name_fields: ClassVar[tuple[str, ...]] = ("title",)
    _text_fields: ClassVar[tuple[str, ...]] = ("title",)
    _date_field: ClassVar[str | None] = "date"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """A document is a source, not a claim: it cites nothing (always ``()``).

        Every record answers ``citations``, so a loop over ``ds.all()`` needs
        no special case.
        """
        return ()


@document
@attrs.frozen(kw_only=True, repr=False)
class Country(Record):
    """A state."""

    name: str = attrs.field(validator=Text(), metadata=doc("The common English name (`China`)."))
    official_name: str | None = attrs.field(
        default=None, validator=Text(), metadata=doc("The full official name, when recorded.")
    )
    alpha2: str | None = attrs.field(
        default=None,
        validator=Matches(re.compile("[A-Z]{2}"), "an ISO 3166-1 alpha-2 code"),
        metadata=doc("ISO 3166-1 alpha-2 code (`CN`), where confirmed."),
    )
    alpha3: str | None = attrs.field(
        default=None,
        validator=Matches(re.compile("[A-Z]{3}"), "an ISO 3166-1 alpha-3 code"),
        metadata=doc("ISO 3166-1 alpha-3 code (`CHN`), where confirmed."),
    )
    aliases: tuple[str, ...] = _aliases("Other names and spellings, native-script names included.")
    wikidata: str | None = _wikidata()

    _name_fields: ClassVar[tuple[str, ...]] = ("name", "official_name", "alpha2", "alpha3")
    _site_field: ClassVar[str | None] = "id"
    is_actor: ClassVar[bool] = True


@document
@attrs.frozen(kw_only=True, repr=False)
class Organisation(Record):
    """A body that is not a state: an international organ, an agency."""

    name: str = attrs.field(validator=Text(), metadata=doc("English name."))
    kind: OrganisationKind = attrs.field(metadata=doc("What sort of body it is."))
    country: str | None = ref(
        "Country", optional=True, doc="The country it belongs to, for a national body."
    )
    members: tuple[str, ...] = ref(
        "Country", many=True, doc="Member countries the sources name (not necessarily all)."
    )
    aliases: tuple[str, ...] = _aliases("Other names and abbreviations.")
    wikidata: str | None = _wikidata()

    _kind_field: ClassVar[str | None] = "kind"
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (
        ("members", "member"),
        ("country", "country"),
    )
    is_actor: ClassVar[bool] = True


@document
@attrs.frozen(kw_only=True, repr=False)
class Place(Record):
    """A named place: a city, a square, a river, an institution, a region."""

    name: str = attrs.field(validator=Text(), metadata=doc("English name."))
    kind: PlaceKind = attrs.field(metadata=doc("What sort of place it is."))
    within: str | None = ref(
        "Place",
        "Country",
        optional=True,
        doc=(
            "The id of the place or country that contains it, so a square sits in a city"
            " that sits in a country."
        ),
    )
    aliases: tuple[str, ...] = _aliases()
    wikidata: str | None = _wikidata()

    _kind_field: ClassVar[str | None] = "kind"
    _site_field: ClassVar[str | None] = "id"


@document
@attrs.frozen(kw_only=True, repr=False)
class Person(Record):
    """A person the sources name.

    Anyone may hold an office: a person who holds one (an ``Office`` record
    names them) is a ``Leader`` in a dataset, and ``ds.leaders`` holds them;
    ``ds.people`` holds everyone.
    """

    name: str = attrs.field(
        validator=Text(),
        metadata=doc(
            "Canonical English name, in the order English sources use: given name first for"
            " Russian names (`Sergei Lavrov`), family name first for Chinese ones (`Xi Jinping`)."
        ),
    )
    aliases: tuple[str, ...] = _aliases("Other spellings and native-script names (`习近平`).")
    nationality: str | None = ref(
        "Country", optional=True, doc="The id of the person's country, where the sources say."
    )
    description: str | None = attrs.field(
        default=None, validator=Text(), metadata=doc("Who they are, in a few words of our own.")
    )
    wikidata: str | None = _wikidata()

    _text_fields: ClassVar[tuple[str, ...]] = ("description",)
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (("nationality", "nationality"),)
    is_actor: ClassVar[bool] = True


@attrs.frozen(kw_only=True, repr=False)
class Leader(Person):
    """A person who holds or held an office: heads of state, ministers, ambassadors.

    A leader has the fields of ``Person``. A dataset makes every person named
    by an ``Office`` record a ``Leader``, whichever file they come from.
    """

    @classmethod
    def of(cls, person: Person) -> Leader:
        """The same person, typed as a leader."""
        if isinstance(person, cls):
            return person
        return cls(**{field.name: getattr(person, field.name) for field in attrs.fields(Person)})

    def as_person(self) -> Person:
        """The same person as a plain ``Person``: what a file holds."""
        return Person(**{field.name: getattr(self, field.name) for field in attrs.fields(Person)})


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


@document
@attrs.frozen(kw_only=True, repr=False)
class Office(Record):
    """An office held by a person over time.

    This is Popolo's Membership and followthemoney's Occupancy.
    """

    person: str = ref("Person", doc="The id of the person who holds it.")
    post: str = attrs.field(
        validator=Text(), metadata=doc("The title of the office in English (`Foreign Minister`).")
    )
    role: OfficeRole = attrs.field(metadata=doc("Its broad class, for grouping."))
    organisation: str = ref(
        "Country", "Organisation", doc="The id of the country or organisation whose office it is."
    )
    posted_to: str | None = ref(
        "Country",
        "Organisation",
        optional=True,
        doc="For an ambassador, the country they are accredited to.",
    )
    start: Dating | None = attrs.field(
        default=None, metadata=doc("When the tenure began, where known.")
    )
    end: Dating | None = attrs.field(default=None, metadata=doc("When it ended, where known."))
    status: OfficeStatus = attrs.field(
        metadata=doc("Whether it was ongoing, had ended, or the sources do not say.")
    )
    attested: Dating | None = attrs.field(
        default=None,
        metadata=doc(
            "A date at which the sources show the person in office (useful when start and"
            " end are unknown)."
        ),
    )

    _label_field: ClassVar[str] = "post"
    _name_fields: ClassVar[tuple[str, ...]] = ("post",)
    _kind_field: ClassVar[str | None] = "role"
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (
        ("person", "holder"),
        ("organisation", "organisation"),
        ("posted_to", "posted_to"),
    )
    _schema_rules: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "if": {"required": ["end"], "properties": {"end": {"not": {"type": "null"}}}},
            "then": {"properties": {"status": {"const": "ended"}}},
        },
    )
    """The rule of ``__attrs_post_init__`` as a JSON Schema subschema."""

    def __attrs_post_init__(self) -> None:
        start, end = self.start, self.end
        if end is not None and self.status is not OfficeStatus.ENDED:
            raise FieldError(
                None, f"an office with an end date has ended, not {self.status.value!r}"
            )
        if start is not None and end is not None and _before(end, start):
            raise FieldError("end", f"the office ends ({end}) before it starts ({start})")
        attested = self.attested
        if attested is not None:
            if start is not None and _before(attested, start):
                raise FieldError(
                    "attested", f"the office is attested ({attested}) before it starts ({start})"
                )
            if end is not None and _before(end, attested):
                raise FieldError(
                    "attested", f"the office is attested ({attested}) after it ends ({end})"
                )
        if self.posted_to is not None and self.posted_to == self.organisation:
            raise FieldError(
                "posted_to",
                f"an office of {self.organisation!r} cannot be accredited to {self.posted_to!r}"
                " itself",
            )

    @property
    def period(self) -> DateInterval | None:
        """The tenure as an interval of the best start and end values.

        An unknown start or end is an unknown bound (EDTF ``/``), an ongoing
        tenure is open (``..``). ``None`` when nothing is known of either end.
        """
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

    @property
    def when(self) -> When | None:
        """The tenure (`period`); when neither end is known, the ``attested`` date."""
        period = self.period
        if period is None and self.attested is not None:
            return self.attested.best
        return period

    @property
    def span(self) -> tuple[int, int]:
        """The tenure's days; an unknown start or end is unbounded."""
        start, end = self.start, self.end
        return (
            _NEG_INF if start is None else start.best._span[0],
            _POS_INF if end is None else end.best._span[1],
        )


@document
@attrs.frozen(kw_only=True)
class Participant:
    """A person, country or organisation taking part, with their role."""

    who: str = ref(
        "Person", "Country", "Organisation", doc="The id of a person, country or organisation."
    )
    role: Role = attrs.field(
        default=Role.PARTICIPANT,
        metadata=doc("Host, guest, participant, actor, recipient or signatory."),
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(),
        metadata=doc(
            "Citations for this participation, where it rests on a different basis than the"
            " record itself (an external source names a host the article does not). Empty"
            " means the record's citations apply."
        ),
    )


@document
@attrs.frozen(kw_only=True)
class Quantity:
    """A number a source gives, with what it measures (a record's ``figures``)."""

    measure: str = attrs.field(
        validator=Text(),
        metadata=doc("What is measured, in our words (`rank among trading partners`)."),
    )
    value: int | float = attrs.field(validator=Finite(), metadata=doc("The number."))
    unit: str | None = attrs.field(
        default=None,
        validator=Text(),
        metadata=doc("Its unit (`tonnes`, `years`), `null` for a pure number."),
    )


@document
@attrs.frozen(kw_only=True, repr=False)
class Meeting(Record):
    """An encounter of leaders: a visit, talks, a call, a ceremony, a summit."""

    title: str = attrs.field(validator=Text(), metadata=doc("A short description in our words."))
    kind: MeetingKind = attrs.field(
        metadata=doc("From the closed `MeetingKind` vocabulary (with CAMEO and PLOVER codes).")
    )
    participants: tuple[Participant, ...] = attrs.field(
        default=(), metadata=doc("Who took part and in what role.")
    )
    place: str | None = ref(
        "Place", "Country", optional=True, doc="The id of the place (or country) where it happened."
    )
    date: Dating | None = attrs.field(default=None, metadata=doc("When, as the sources allow."))
    count: int | None = attrs.field(
        default=1,
        validator=AtLeast(1, "count must be at least 1 (use null for an unknown number)"),
        metadata=doc(
            "How many encounters the record stands for: 1 for a single meeting, N when the"
            ' source aggregates ("five phone calls"), `null` when it aggregates without a'
            ' number ("frequent visits").'
        ),
    )
    commemorates: str | None = ref(
        "Meeting",
        "Happening",
        optional=True,
        doc="The id of the happening or meeting this meeting marks (a parade for a victory).",
    )

    _label_field: ClassVar[str] = "title"
    _name_fields: ClassVar[tuple[str, ...]] = ("title",)
    _text_fields: ClassVar[tuple[str, ...]] = ("title",)
    _kind_field: ClassVar[str | None] = "kind"
    _date_field: ClassVar[str | None] = "date"
    _site_field: ClassVar[str | None] = "place"
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (("participants", None),)

    def __attrs_post_init__(self) -> None:
        _check_actors("participants", self.participants)
        if self.commemorates == self.id:
            raise FieldError("commemorates", "a meeting cannot commemorate itself")

    @property
    def is_aggregate(self) -> bool:
        """Whether the record stands for more than one encounter."""
        return self.count != 1


@document
@attrs.frozen(kw_only=True, repr=False)
class Happening(Record):
    """A dated happening that is not a meeting of leaders: an aid flight, a victory."""

    title: str = attrs.field(validator=Text(), metadata=doc("A short description in our words."))
    kind: HappeningKind = attrs.field(metadata=doc("From the closed `HappeningKind` vocabulary."))
    participants: tuple[Participant, ...] = attrs.field(
        default=(), metadata=doc("The actors, with roles (giver and receiver of aid ...).")
    )
    place: str | None = ref(
        "Place", "Country", optional=True, doc="Where it happened (the destination of a journey)."
    )
    origin: str | None = ref("Place", "Country", optional=True, doc="Where a journey started.")
    date: Dating | None = attrs.field(default=None, metadata=doc("When, as the sources allow."))
    about: tuple[str, ...] = ref(
        "*", many=True, doc="Ids of the records it concerns (a treaty that was extended)."
    )
    figures: tuple[Quantity, ...] = attrs.field(
        default=(), metadata=doc("Numbers the sources give (23 tonnes of aid).")
    )

    _label_field: ClassVar[str] = "title"
    _name_fields: ClassVar[tuple[str, ...]] = ("title",)
    _text_fields: ClassVar[tuple[str, ...]] = ("title",)
    _kind_field: ClassVar[str | None] = "kind"
    _date_field: ClassVar[str | None] = "date"
    _site_field: ClassVar[str | None] = "place"
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (("participants", None),)

    def __attrs_post_init__(self) -> None:
        _check_actors("participants", self.participants)
        if self.origin is not None and self.origin == self.place:
            raise FieldError("origin", f"a journey cannot start where it ends ({self.place!r})")
        _not_about_itself(self)


Event: TypeAlias = Meeting | Happening
"""Anything that happened: a ``Meeting`` or a ``Happening``."""


@document
@attrs.frozen(kw_only=True, repr=False)
class Treaty(Record):
    """A treaty, joint statement, memorandum of understanding or agreement."""

    name: str = attrs.field(validator=Text(), metadata=doc("Its English name."))
    kind: TreatyKind = attrs.field(
        metadata=doc("Treaty, joint statement, memorandum or agreement.")
    )
    aliases: tuple[str, ...] = _aliases("Other names and translations of the title.")
    parties: tuple[str, ...] = ref(
        "Country",
        "Organisation",
        many=True,
        doc="Ids of the countries or organisations bound by it.",
    )
    signed: Dating | None = attrs.field(default=None, metadata=doc("When it was signed or issued."))
    place: str | None = ref("Place", "Country", optional=True, doc="Where it was signed.")
    signatories: tuple[Participant, ...] = attrs.field(
        default=(), metadata=doc("Who signed it, where known.")
    )
    in_force: Dating | None = attrs.field(
        default=None, metadata=doc("When it entered into force, where known.")
    )
    concerns: str | None = attrs.field(
        default=None, validator=Text(), metadata=doc("What it is about, in our words.")
    )
    topics: tuple[str, ...] = attrs.field(
        default=(), validator=_TEXTS, metadata=doc("Short topic labels.")
    )
    signed_at: str | None = ref(
        "Meeting",
        "Happening",
        optional=True,
        doc="The id of the meeting or happening at which it was signed.",
    )

    _kind_field: ClassVar[str | None] = "kind"
    _text_fields: ClassVar[tuple[str, ...]] = ("concerns", "topics")
    _date_field: ClassVar[str | None] = "signed"
    _site_field: ClassVar[str | None] = "place"
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (
        ("parties", "party"),
        ("signatories", None),
    )

    def __attrs_post_init__(self) -> None:
        _check_actors("signatories", self.signatories)
        signed, in_force = self.signed, self.in_force
        if signed is not None and in_force is not None and _before(in_force, signed):
            raise FieldError(
                "in_force", f"it enters into force ({in_force}) before it is signed ({signed})"
            )


@document
@attrs.frozen(kw_only=True)
class Milestone:
    """A step in a project's life, such as going into operation."""

    title: str = attrs.field(validator=Text(), metadata=doc("What happened, in our words."))
    status: ProjectStatus = attrs.field(metadata=doc("The status the project reached."))
    date: Dating | None = attrs.field(default=None, metadata=doc("When, as the sources allow."))
    citations: tuple[Citation, ...] = attrs.field(
        validator=NonEmpty(), metadata=doc("Where this milestone comes from.")
    )


@document
@attrs.frozen(kw_only=True, repr=False)
class Project(Record):
    """A cooperation project: a pipeline, a research station."""

    name: str = attrs.field(validator=Text(), metadata=doc("Its English name."))
    sector: Sector = attrs.field(metadata=doc("The field it belongs to."))
    status: ProjectStatus = attrs.field(metadata=doc("Where it stood as of the citing source."))
    aliases: tuple[str, ...] = _aliases(
        "Other names (the Russian section's name for a pipeline ...)."
    )
    parties: tuple[str, ...] = ref(
        "Country", "Organisation", many=True, doc="Ids of the countries or organisations behind it."
    )
    location: str | None = ref(
        "Place", "Country", optional=True, doc="The id of the place where it is or will be."
    )
    milestones: tuple[Milestone, ...] = attrs.field(
        default=(), metadata=doc("Dated steps, in order.")
    )
    agreements: tuple[str, ...] = ref(
        "Treaty", many=True, doc="Ids of the treaties and memoranda behind it."
    )

    _kind_field: ClassVar[str | None] = "sector"
    _site_field: ClassVar[str | None] = "location"
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (("parties", "party"),)

    def __attrs_post_init__(self) -> None:
        # In order: no milestone certainly before one listed earlier. The
        # latest first day of the earlier dated milestones is all it takes.
        latest: Dating | None = None
        for index, milestone in enumerate(self.milestones):
            date = milestone.date
            if date is None:
                continue
            if latest is not None and _before(date, latest):
                raise FieldError(
                    "milestones",
                    f"milestones go in date order, but this one ({date}) comes before"
                    f" an earlier one ({latest})",
                    at=(index, "date"),
                )
            if latest is None or date.best._span[0] > latest.best._span[0]:
                latest = date


@document
@attrs.frozen(kw_only=True, repr=False)
class Statement(Record):
    """Something said or claimed."""

    kind: StatementKind = attrs.field(
        metadata=doc("A quotation, a paraphrase of someone, or the source's own claim.")
    )
    speaker: str | None = ref(
        "Person",
        optional=True,
        doc=(
            "The id of the person who said it; `null` for the source's own voice (the"
            " article's claims)."
        ),
    )
    text: str = attrs.field(validator=Text(), metadata=doc("What is said, in our words."))
    quote: str | None = attrs.field(
        default=None,
        validator=Text(),
        metadata=doc("The speaker's exact words, only where the source quotes them."),
    )
    topics: tuple[str, ...] = attrs.field(
        default=(), validator=_TEXTS, metadata=doc("Short topic labels.")
    )
    about: tuple[str, ...] = ref("*", many=True, doc="Ids of the records it is about.")
    date: Dating | None = attrs.field(
        default=None, metadata=doc("When it was said (or the period a claim covers).")
    )
    place: str | None = ref("Place", "Country", optional=True, doc="Where it was said.")
    occasion: str | None = ref(
        "Meeting",
        "Happening",
        optional=True,
        doc="The id of the meeting or happening where it was said.",
    )
    figures: tuple[Quantity, ...] = attrs.field(
        default=(), metadata=doc("Numbers it gives (a trade ranking ...).")
    )

    _label_field: ClassVar[str] = "text"
    _name_fields: ClassVar[tuple[str, ...]] = ()
    _text_fields: ClassVar[tuple[str, ...]] = ("text", "quote", "topics")
    _kind_field: ClassVar[str | None] = "kind"
    _date_field: ClassVar[str | None] = "date"
    _site_field: ClassVar[str | None] = "place"
    _actor_fields: ClassVar[tuple[tuple[str, str | None], ...]] = (
        ("speaker", "speaker"),
        ("about", "subject"),
    )
    _schema_rules: ClassVar[tuple[dict[str, Any], ...]] = (
        {
            "if": {"properties": {"kind": {"const": "quotation"}}},
            "then": {"required": ["quote"], "properties": {"quote": {"not": {"type": "null"}}}},
            "else": {"properties": {"quote": {"type": "null"}}},
        },
        {
            "if": {"properties": {"kind": {"const": "claim"}}},
            "then": {"properties": {"speaker": {"type": "null"}}},
            "else": {"required": ["speaker"], "properties": {"speaker": {"not": {"type": "null"}}}},
        },
    )
    """The rules of ``__attrs_post_init__`` as JSON Schema ``if``/``then`` subschemas."""

    def __attrs_post_init__(self) -> None:
        if (self.kind is StatementKind.QUOTATION) != (self.quote is not None):
            raise FieldError(None, "a quotation has a quote, and only a quotation has one")
        if self.kind is not StatementKind.CLAIM and self.speaker is None:
            raise FieldError(None, f"a {self.kind.value} needs a speaker")
        if self.kind is StatementKind.CLAIM and self.speaker is not None:
            raise FieldError(None, "a claim is the source's own voice and has no speaker")
        _not_about_itself(self)


def _record_classes() -> dict[str, type[Entity]]:
    found: dict[str, type[Entity]] = {}
    pending = list(Entity.__subclasses__())
    while pending:
        cls = pending.pop(0)
        # attrs replaces each slotted class with a new one: the replaced class
        # stays a subclass until it is collected, so take only the module's own.
        if cls is not Record and globals().get(cls.__name__) is cls:
            found[cls.__name__] = cls
        pending.extend(cls.__subclasses__())
    return found


RECORD_CLASSES: Final = _record_classes()
"""Every record class by name (the subclasses of ``Entity`` defined here): what
reference fields name in their targets."""
