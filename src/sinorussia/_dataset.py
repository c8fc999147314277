"""The Dataset: every record of a source, checked as a whole.

The sections of a dataset are defined once, here, as the [`Section`][sinorussia.Section]
attributes of [`Dataset`][sinorussia.Dataset], each with its record class and description.
The file body, the constructor, ``sections()``, the loader, the JSON Schema and
the data dictionary all derive from that one list (`SECTIONS`).

Making a dataset runs the integrity check (unique ids, references that resolve
to records of the right class, citations of known documents and paragraphs in
range, dates whose claims agree and tenures that end after they start); any
failure raises one [`DataError`][sinorussia.DataError] listing every problem, so
there is never a half-checked dataset.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import operator
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Final,
    Generic,
    NoReturn,
    TypeVar,
    cast,
    overload,
)

from ._dates import _NEG_INF, _POS_INF
from ._errors import ArgumentError, DataError, Problem
from ._fields import lone_surrogate
from ._merge import Combined, OnConflict, Part, combine, relocate
from ._model import (
    Citation,
    Country,
    DateClaim,
    Dating,
    Document,
    Entity,
    Event,
    Happening,
    Leader,
    Meeting,
    Office,
    Organisation,
    Person,
    Place,
    Project,
    Record,
    Statement,
    Treaty,
)
from ._plan import Step, plan, references
from ._query import THRESHOLD, Collection, Context, Results, find
from ._timeline import Anniversary, Tenure, Timeline, anniversaries, tenure, timeline
from ._types import DateLike, KindLike, PeriodLike, RecordRef, choice, fail, flag, period
from ._vocab import OfficeStatus, StatementKind

if TYPE_CHECKING:  # the loader imports _fast when it first needs it
    from ._fast import Seen

__all__ = ["FORMAT", "SECTIONS", "Dataset", "Section", "merged"]

FORMAT: Final = 2
"""The version of the file format this library writes (it also reads format 1)."""

R = TypeVar("R", bound=Entity)


class Section(Generic[R]):
    """One section of a dataset: its name, record class and description.

    On the class, ``Dataset.meetings`` is the section itself; on a dataset,
    ``ds.meetings`` is the [`Collection`][sinorussia.Collection] of its records.
    """

    __slots__ = ("cls", "description", "name")

    def __init__(self, cls: type[R], description: str) -> None:
        self.cls = cls
        self.description = description
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Section[R]: ...
    @overload
    def __get__(self, instance: Dataset, owner: type) -> Collection[R]: ...
    def __get__(self, instance: Dataset | None, owner: type) -> Section[R] | Collection[R]:
        if instance is None:
            return self
        return cast("Collection[R]", instance._collections[self.name])

    @property
    def noun(self) -> str:
        """What one record of the section is called (``meeting``, ``person`` ...)."""
        return self.cls.__name__.lower()

    def __repr__(self) -> str:
        return f"<Section {self.name}: {self.cls.__name__}>"


class Dataset:
    """All the records of one or more sources, checked and immutable.

    Get one with [`load`][sinorussia.load] (the bundled data) or
    [`load_file`][sinorussia.load_file]; or build one from records, one keyword per
    section (``Dataset(version="1", people=(...), meetings=(...))``), which
    runs the same checks.

    Every person an ``Office`` names becomes a ``Leader``: ``ds.leaders`` holds
    them, ``ds.people`` holds everyone, leaders included.

    Raises:
        DataError: The records do not form a valid dataset.
        ArgumentError: A keyword is no section, a section is not an iterable
            of records, or ``version`` or ``source`` is not a string.

    """

    FORMAT: ClassVar[int] = FORMAT

    # The sections, in file order: the one list of them.
    documents = Section(Document, "The sources the records cite.")
    countries = Section(Country, "States, with their ISO 3166 codes.")
    organisations = Section(Organisation, "Bodies that are not states.")
    places = Section(Place, "Cities, squares, rivers, institutions, regions.")
    people = Section(Person, "Everyone the sources name; whoever holds an office is a `Leader`.")
    offices = Section(Office, "Offices held by people over time.")
    meetings = Section(Meeting, "Encounters of leaders: visits, talks, calls, summits.")
    happenings = Section(Happening, "Other dated happenings, such as an aid flight.")
    treaties = Section(Treaty, "Treaties, joint statements, memoranda and agreements.")
    projects = Section(Project, "Cooperation projects and their milestones.")
    statements = Section(Statement, "Things said or claimed, with their figures.")

    __slots__ = ("_collections", "_context", "_everything", "_registry", "_version")

    _version: str
    _collections: dict[str, Collection[Any]]
    _registry: dict[str, Record | Document]
    _context: Context
    _everything: Collection[Record | Document] | None

    def __init__(
        self, *, version: str = "0", source: str = "<Dataset>", **sections: Iterable[Any]
    ) -> None:
        if "leaders" in sections:
            warnings.warn(
                "Dataset(leaders=...) is deprecated: pass every person as people=...;"
                " whoever holds an office is a leader",
                DeprecationWarning,
                stacklevel=2,
            )
            sections["people"] = (*sections.pop("leaders"), *sections.get("people", ()))
        unknown = sorted(set(sections) - _NAMES)
        if unknown:
            sections_list = ", ".join(_NAMES_IN_ORDER)
            raise ArgumentError(
                f"Dataset() has no section {unknown[0]!r}; the sections are {sections_list}"
            )
        if not isinstance(version, str):
            fail("Dataset(version)", "a string", version)
        if not isinstance(source, str):
            fail("Dataset(source)", "a string", source)
        given: dict[str, tuple[Any, ...]] = {}
        for section in SECTIONS:
            value = sections.get(section.name, ())
            if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
                fail(f"Dataset({section.name})", f"an iterable of {section.noun} records", value)
            given[section.name] = tuple(value)
        self._fill(version, source, given)

    @classmethod
    def _loaded(
        cls, version: str, source: str, sections: dict[str, tuple[Any, ...]], seen: Seen | None
    ) -> Dataset:
        """The dataset of a file's records as the fast path of loading built them (`check`)."""
        found = cls.__new__(cls)
        found._fill(version, source, sections, seen)
        return found

    def _fill(
        self,
        version: str,
        source: str,
        given: dict[str, tuple[Any, ...]],
        seen: Seen | None = None,
    ) -> None:
        records, registry, problems = check(given, seen=seen)
        why = lone_surrogate(version)
        if why is not None:
            problems.insert(0, Problem("$.version", why))
        if problems:
            raise DataError(source, problems)
        init = object.__setattr__
        context = Context(registry)
        init(self, "_context", context)
        init(self, "_version", version)
        init(
            self,
            "_collections",
            {
                section.name: Collection(records[section.name], kind=section.noun, context=context)
                for section in SECTIONS
            },
        )
        init(self, "_registry", registry)
        init(self, "_everything", None)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("Dataset is immutable; build a new one instead")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("Dataset is immutable; build a new one instead")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.version, self.sections()))

    @property
    def version(self) -> str:
        """The version of the data (not of the library)."""
        return self._version

    @property
    def leaders(self) -> Collection[Leader]:
        """The people who hold or held an office, in the order of ``people``."""
        found = self._context.cache.get("leaders")
        if found is None:
            found = self.people.of_type(Leader)
            found = Collection(found, kind="leader", context=self._context)
            self._context.cache["leaders"] = found
        leaders: Collection[Leader] = found
        return leaders

    @property
    def events(self) -> Collection[Event]:
        """Every meeting and happening: the meetings first, then the happenings."""
        found = self._context.cache.get("events")
        if found is None:
            found = Collection(
                (*self.meetings, *self.happenings), kind="event", context=self._context
            )
            self._context.cache["events"] = found
        events: Collection[Event] = found
        return events

    def sections(self) -> dict[str, tuple[Any, ...]]:
        """The records by section, in file order (``people`` holds the leaders too)."""
        return {name: tuple(self._collections[name]) for name in _NAMES_IN_ORDER}

    def records(self) -> Iterator[Record | Document]:
        """Every record, section by section, in file order."""
        return iter(self._registry.values())

    def get(self, id: str) -> Record | Document:
        """The record with this id, whatever its class.

        Raises:
            NotFound: No record has this id.
            ArgumentError: ``id`` is not a string.

        """
        return find(self._registry, id, kind="record")  # type: ignore[no-any-return]

    def all(self) -> Collection[Record | Document]:
        """Every record as one collection, to filter or search across classes."""
        everything = self._everything
        if everything is None:
            everything = Collection(self._registry.values(), kind="record", context=self._context)
            object.__setattr__(self, "_everything", everything)
        return everything

    def lookup(self, text: str) -> Record | Document:
        """The one record of any class whose name or alias matches ``text``.

        See [`Collection.lookup`][sinorussia.Collection.lookup] for the matching rules.

        Raises:
            NotFound: Nothing matches (``Ambiguous``: several do).
            ArgumentError: ``text`` is not a string, or is too long.

        """
        return self.all().lookup(text)

    def search(
        self, text: str, *, limit: int | None = 10, threshold: float = THRESHOLD
    ) -> Results[Record | Document]:
        """Records of any class ranked by how well a name, title or text matches ``text``.

        See ``Collection.search`` for the scores; it raises the same errors.

        Examples:
            >>> ds.search("Power of Siberia")[0].record.id
            'east-route-gas-pipeline'

        """
        return self.all().search(text, limit=limit, threshold=threshold)

    def related(self, record: RecordRef) -> Collection[Record | Document]:
        """Every record linked to ``record`` by a reference, either way.

        For a leader: their offices, the meetings and happenings they took part
        in, their statements, the treaties they signed, and their country. For
        a treaty: its parties, place, signing event and signatories, and the
        projects and happenings that refer to it. Narrow the result by class
        with ``of_type``::

            ds.related("xi-jinping").of_type(sr.Meeting)

        Args:
            record: A record, its id, or a name or alias ("Wang Yi").

        Raises:
            NotFound: ``record`` is neither an id nor a name of the dataset.
            Ambiguous: A name fits several records equally well.
            ArgumentError: ``record`` is neither a string nor a record.

        """
        record_id = self._context.resolve(record, what="record", where="related(record)")
        linked = self._links().get(record_id, set())
        return Collection(
            (r for r in self._registry.values() if r.id in linked),
            kind="record",
            context=self._context,
        )

    def _links(self) -> dict[str, set[str]]:
        cached = self._context.cache.get("links")
        if cached is None:
            cached = {}
            for record in self._registry.values():
                for target in references(record):
                    if target != record.id:
                        cached.setdefault(record.id, set()).add(target)
                        cached.setdefault(target, set()).add(record.id)
            self._context.cache["links"] = cached
        links: dict[str, set[str]] = cached
        return links

    def timeline(
        self,
        *,
        kind: KindLike | Iterable[KindLike] | None = None,
        involving: RecordRef | Iterable[RecordRef] | None = None,
        at: RecordRef | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
        certain: bool = False,
    ) -> Timeline:
        """Every dated event, treaty signing and project milestone, in date order.

        The filters are those of ``sinorussia timeline``, by the same names.

        Args:
            kind: Keep entries of this kind, or of any of several: an entry
                matches if its own kind (``phone_call``, ``treaty signed``,
                ``milestone``) or its record's category (``treaty``, a
                project's sector such as ``energy``) is one of them.
            involving: Keep entries whose record involves this person, country
                or organisation (an id, a name or a record), or all of several,
                as ``Collection.involving`` matches them.
            at: Keep entries whose record is at this place or inside it (an
                id, a name or a record), as ``Collection.at`` matches them.
            start: Keep only entries that may reach this date or later (with
                ``certain``: that certainly begin on or after it).
            end: Keep only entries that may begin by this date (with
                ``certain``: that certainly end by it).
            certain: Keep only entries that certainly fall between ``start``
                and ``end``; by default, entries that possibly do.

        Returns:
            A ``Timeline``: the entries ordered by date (see ``PartialDate``
            for the order), then by id. The entries kept with ``certain`` are
            always among those kept without it.

        Raises:
            ArgumentError: ``start`` or ``end`` is not a date, ``end`` comes
                before ``start``, ``certain`` is not a bool, a kind is unknown
                (the message lists the kinds there are), or ``involving`` or
                ``at`` is neither a string nor a record.
            NotFound: A name of ``involving`` or ``at`` fits nothing (or,
                ``Ambiguous``, several records).

        Examples:
            >>> [e.record.id for e in ds.timeline(kind="talks", involving="Lavrov")]
            ['guilin-talks-2021']
            >>> len(ds.timeline(at="moscow", start=2019, end=2019))
            2

        """
        return timeline(
            self.events,
            self.treaties,
            self.projects,
            kind=kind,
            involving=involving,
            at=at,
            start=start,
            end=end,
            certain=certain,
        )

    def anniversaries(self, year: int, *, every: int = 5) -> list[Anniversary]:
        """Round anniversaries falling in ``year``: (record, years) pairs.

        A record counts if its best date is a single date or an interval within
        one year, and ``year`` minus its year is a positive multiple of
        ``every``. The anniversary keeps the date's precision: the 70th of a
        year-precision victory is a year.

        Raises:
            ArgumentError: ``year`` is not a whole number from 1 to 9999, or
                ``every`` is not a whole number of at least 1.

        Examples:
            >>> [(a.record.id, a.years) for a in ds.anniversaries(2021, every=10)]
            [('treaty-of-good-neighborliness', 20), ...]

        """
        return anniversaries((*self.events, *self.treaties), year, every=every)

    def offices_on(
        self, when: PeriodLike, *, person: RecordRef | None = None, certain: bool = False
    ) -> Collection[Office]:
        """Offices held (possibly, or certainly) on a date, optionally of one person.

        Args:
            when: A date or period (anything ``during`` accepts).
            person: Only this person's offices (id, name or record).
            certain: Only offices the sources show as certainly held then
                (always among those possibly held then).

        Raises:
            NotFound: ``person`` is not a person of the dataset.
            ArgumentError: ``when`` is not a period, ``person`` is neither a
                string nor a record, or ``certain`` is not a bool.

        """
        period(when, "offices_on(when)")
        flag(certain, "offices_on(certain)")
        offices = self.offices
        if person is not None:
            offices = offices.where(
                person=self._context.resolve(
                    person, what="person", classes=(Person,), where="offices_on(person)"
                )
            )
        return offices.held_on(when, certain=certain)

    def tenure(self, office: RecordRef, *, on: DateLike) -> Tenure:
        """How long an office had been held on a date, as a range.

        The range is honest about partial dates: a tenure that began in March
        2013 had lasted between ``on - 2013-03-31`` and ``on - 2013-03-01``.

        Raises:
            NotFound: ``office`` is no office's id or name.
            ArgumentError: ``office`` is neither an office nor a string, ``on``
                is not a date, or the tenure cannot be measured then: the
                office's start is unknown, ``on`` is before it, or the office
                had ended by ``on`` (an ``ArgumentError`` is a ``ValueError``).

        """
        if not isinstance(office, Office):
            office = cast(
                Office,
                self._registry[
                    self._context.resolve(
                        office, what="office", classes=(Office,), where="tenure(office)"
                    )
                ],
            )
        return tenure(office, on)

    def __contains__(self, id: object) -> bool:
        # Ids are strings: anything else (a list, a record) is not one of them.
        return isinstance(id, str) and id in self._registry

    def __len__(self) -> int:
        """The number of records of every class."""
        return len(self._registry)

    def merge(self, other: Dataset, *, on_conflict: OnConflict = "error") -> Dataset:
        """A new dataset: these records with the records of ``other`` added.

        Records whose ids are new are appended, section by section. A record
        whose id is already here is fine if it is equal; if it differs, that
        is a conflict: ``on_conflict="error"`` (the default) reports every
        conflict in one [`DataError`][sinorussia.DataError], ``"replace"`` takes
        ``other``'s record (in this dataset's position), ``"keep"`` keeps this
        one. The result is checked as a whole. Neither input changes.

        Raises:
            DataError: Conflicting records (with ``"error"``), or a merged
                dataset that is not valid; nothing is returned half-merged.
            ArgumentError: ``other`` is not a Dataset, or ``on_conflict`` is
                not one of the three choices.

        """
        if not isinstance(other, Dataset):
            fail("merge(other)", "a Dataset", other)
        choice(on_conflict, "merge(on_conflict)", ("error", "replace", "keep"))
        mine = Part("<this dataset>", self.version, self.sections())
        theirs = Part("<other dataset>", other.version, other.sections())
        return merged([mine, theirs], on_conflict=on_conflict)

    def counts(self) -> dict[str, int]:
        """How many records each section holds, in file order."""
        return {name: len(self._collections[name]) for name in _NAMES_IN_ORDER}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Dataset):
            return self.version == other.version and self.sections() == other.sections()
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.version, tuple(self._registry)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={n}" for name, n in self.counts().items() if n)
        return f"<Dataset {self.version}: {shown}>"

    def _repr_html_(self) -> str:
        """A summary for notebooks: the version, and each section with its count."""
        import html
        import re

        def text(value: str) -> str:
            # Escaped first; then the descriptions' `Name` marks become code.
            return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", html.escape(value))

        counts = self.counts()
        rows = "".join(
            f"<tr><td>{html.escape(section.name)}</td>"
            f"<td style='text-align:right'>{counts[section.name]}</td>"
            f"<td style='text-align:left'>{text(section.description)}</td></tr>"
            for section in SECTIONS
        )
        return (
            f"<p><strong>Dataset</strong> version {html.escape(self.version)}:"
            f" {len(self)} records</p>"
            "<table><thead><tr><th>section</th><th>records</th><th>what they are</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )


SECTIONS: Final[tuple[Section[Any], ...]] = tuple(
    value for value in vars(Dataset).values() if isinstance(value, Section)
)
"""The sections of a dataset, in file order, as defined on [`Dataset`][sinorussia.Dataset]."""

_NAMES_IN_ORDER: Final = tuple(section.name for section in SECTIONS)
_NAMES: Final = frozenset(_NAMES_IN_ORDER)


def _rebuild(version: str, sections: dict[str, Any]) -> Dataset:
    return Dataset(version=version, **sections)


def merged(parts: Sequence[Part], *, on_conflict: OnConflict = "error") -> Dataset:
    """Combine parts in order into one checked dataset.

    Problems are reported against the file and path each record came from.

    Raises:
        DataError: Conflicts (with ``on_conflict="error"``), or problems of the
            combined whole.

    """
    combined: Combined = combine(parts, _NAMES_IN_ORDER, on_conflict=on_conflict)
    if combined.conflicts:
        raise DataError(combined.source, combined.conflicts)
    try:
        return Dataset(version=combined.version, source=combined.source, **combined.sections)
    except DataError as exc:
        raise DataError(
            combined.source, [relocate(problem, combined) for problem in exc.problems]
        ) from None


# -- integrity ------------------------------------------------------------------


def check(
    sections: Mapping[str, tuple[Any, ...]], *, fast: bool = True, seen: Seen | None = None
) -> tuple[dict[str, tuple[Any, ...]], dict[str, Record | Document], list[Problem]]:
    """Check records as a whole dataset.

    A valid dataset takes the short way: a section whose records are all of
    its class itself and whose ids are all new is taken whole (see
    `_take_whole`), and the records are screened in bulk (see
    `_Checker.screen`) before any is checked on its own. Whenever a shortcut
    sees anything amiss, the records are checked one by one, so the problems
    are always those of the detailed check, in its order.

    Args:
        sections: Records by section.
        fast: Take the shortcuts; ``False`` checks record by record at once
            (the tests compare the two).
        seen: What the fast path of loading saw while it built exactly these
            sections (`_fast.Seen`): the screen reads that instead of the
            records.

    Returns:
        The records by section (each person named by an office as a
        ``Leader``), the records by id, and every problem found (empty when
        valid).

    """
    problems: list[Problem] = []
    registry: dict[str, Record | Document] = {}  # the records kept, by id, in file order
    where: dict[str, tuple[str, int]] = {}  # where each id was first seen; paths only for problems
    whole: list[tuple[str, tuple[Any, ...]]] = []  # the sections taken whole: see `_first_seen`
    holders = {getattr(office, "person", None) for office in sections.get("offices", ())}
    records: dict[str, tuple[Any, ...]] = {}
    screened: list[tuple[type, Sequence[Any]]] = []  # the records to check, by class
    ruled: dict[str, _Kept] = {}
    for section in SECTIONS:
        name, cls = section.name, section.cls
        given = tuple(sections.get(name, ()))
        if fast and _take_whole(given, cls, registry):
            records[name] = given
            whole.append((name, given))
            screened.append((cls, given))
            ruled[name] = (range(len(given)), given)
            continue
        kept: list[Any] = []
        indexes: list[int] = []
        by_class: dict[type, list[Any]] = {}
        for index, record in enumerate(given):
            if not isinstance(record, cls):
                problems.append(
                    Problem(
                        f"$.{name}[{index}]",
                        f"expected a {cls.__name__}, got {type(record).__name__}",
                    )
                )
                continue
            by_class.setdefault(type(record), []).append(record)
            if isinstance(record, Person):
                if record.id in holders:
                    record = Leader.of(record)
                elif isinstance(record, Leader):
                    problems.append(
                        Problem(
                            f"$.{name}[{index}]", "a leader needs at least one office", record.id
                        )
                    )
            if record.id in registry:  # the id was seen before, elsewhere
                first = where.get(record.id) or _first_seen(record.id, whole)
                problems.append(
                    Problem(
                        f"$.{name}[{index}].id",
                        f"duplicate id, first used at $.{first[0]}[{first[1]}]",
                        record.id,
                    )
                )
                continue
            registry[record.id] = record
            where[record.id] = (name, index)
            kept.append(record)
            indexes.append(index)
        records[name] = tuple(kept)
        screened.extend(by_class.items())
        ruled[name] = (indexes, kept)
    # Only a document is a Document: no other record class can share its layout.
    documents = dict(zip(map(_ID, records["documents"]), records["documents"], strict=True))
    checker = _Checker(registry, problems, documents)
    if not (fast and checker.screen(screened, seen)):
        for section in SECTIONS:
            for index, record in enumerate(sections.get(section.name, ())):
                if isinstance(record, section.cls):
                    checker.record(record, (section.name, index))
    checker.cycles(ruled["places"], "places", "within", "places contain each other in a cycle")
    checker.commemorations(ruled["meetings"])
    checker.occasions(ruled["statements"], ruled["treaties"])
    checker.tenures(ruled["offices"])
    return records, registry, problems


_Kept = tuple[Sequence[int], Sequence[Any]]
"""The records a section keeps, and the index of each in the section as given."""

_ID: Final = operator.attrgetter("id")
_CLAIMS: Final = operator.attrgetter("claims")
_CITATION: Final = operator.attrgetter("citation")
_DOCUMENT: Final = operator.attrgetter("document")
_PARAGRAPHS: Final = operator.attrgetter("paragraphs")
_VALUE: Final = operator.attrgetter("value")
_SPAN: Final = operator.attrgetter("_span")
_IS_SET: Final = functools.partial(operator.is_not, None)
"""Whether a value is not ``None``, for ``map`` and ``compress``."""


def _take_whole(
    records: tuple[Any, ...], cls: type, registry: dict[str, Record | Document]
) -> bool:
    """Add a section's records to the registry at once, if it can be taken whole.

    It can if every record is of the section's class itself (no person to make
    a leader, no leader without an office) and no id repeats, in the section
    or in the registry. If it cannot, the registry is left as it was and the
    record-by-record loop reports (or raises) what is wrong, including
    anything odd, such as an id that cannot be hashed.
    """
    if issubclass(cls, Person):
        return False
    try:
        if not set(map(type, records)) <= {cls}:
            return False
        fresh = dict(zip(map(_ID, records), records, strict=True))
        if len(fresh) != len(records) or not registry.keys().isdisjoint(fresh.keys()):
            return False
    except Exception:
        return False
    registry.update(fresh)  # merged by the hashes already computed
    return True


def _first_seen(id: str, whole: Sequence[tuple[str, tuple[Any, ...]]]) -> tuple[str, int]:
    """Where the record with this id is in the sections taken whole (it is in one of them)."""
    for name, records in whole:
        index = dict(zip(map(_ID, records), range(len(records)), strict=True)).get(id)
        if index is not None:
            return name, index
    raise AssertionError(f"no record has the id {id!r}")  # pragma: no cover


def _linked(kept: _Kept, field: str) -> _Kept:
    """The records kept whose ``field`` is set (not ``None``), with their indexes."""
    indexes, records = kept
    chosen = list(map(_IS_SET, map(operator.attrgetter(field), records)))
    if not any(chosen):  # the usual case for an optional link: read at C speed
        return (), ()
    return list(itertools.compress(indexes, chosen)), list(itertools.compress(records, chosen))


_Path = tuple[str | int, ...]


def _render(where: _Path) -> str:
    """A JSON path from its steps: ("meetings", 3, "date") -> $.meetings[3].date."""
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in where)


_Checks = tuple[tuple[str, str, Step, Any], ...]

_CHECKS: dict[type, _Checks] = {}


def _checks(cls: type) -> _Checks:
    """The steps of a class's plan that the check reads (all but plain values), once per class.

    Each is (kind, field name, step, more): ``more`` is a reference's target
    classes, or the checks of a nested value's class.
    """
    found = _CHECKS.get(cls)
    if found is None:
        found = _CHECKS[cls] = tuple(
            (
                step.kind,
                step.name,
                step,
                _checks(step.item) if step.kind == "nested" else step.targets,
            )
            for step in plan(cls)
            if step.kind != "value"
        )
    return found


class _Checker:
    """Cross-record checks, driven by the field plan. Paths are built only for problems.

    A nested value or a citation found without a problem is not checked again
    where it recurs (a loaded file holds each distinct one once): what it
    refers to and cites does not depend on where it stands. ``passed`` holds
    their ids; they stay alive, held by the records, for as long as the check.
    """

    __slots__ = ("documents", "passed", "problems", "record_id", "registry")

    def __init__(
        self,
        registry: dict[str, Record | Document],
        problems: list[Problem],
        documents: dict[str, Document],
    ) -> None:
        self.registry = registry
        self.documents = documents
        self.problems = problems
        self.record_id: str | None = None
        self.passed: set[int] = set()

    def screen(
        self, groups: Iterable[tuple[type, Sequence[Any]]], seen: Seen | None = None
    ) -> bool:
        """Whether `record` would find no problem in these records, screened in bulk.

        Each field is read over all the records of a class at once, and only
        its distinct values are checked: the ids referred to, and the
        citations, dates and nested values (by identity; a loaded file shares
        equal ones). ``False`` means a problem is possible, not certain;
        anything odd, such as an id that cannot be hashed, counts as one, and
        the record-by-record loop then reports (or raises) it.

        Args:
            groups: Records, each group of one class (the class itself).
            seen: What the fast path of loading saw while it built every one
                of these records (`_fast.Seen`): then its distinct values are
                screened and the records are not read again.

        """
        try:
            if seen is not None:
                return self._clean_seen({cls for cls, _ in groups}, seen)
            return all(self._clean(records, _checks(cls)) for cls, records in groups)
        except Exception:
            return False

    def _clean_seen(self, classes: set[type], seen: Seen) -> bool:
        """What `_clean` says of every record of these classes, from what the fast path saw.

        The ids each reference field held (in these classes and the classes
        nested in them), every citation and every dating of several claims:
        supersets of what `_clean` reads of the records (a record the
        converter built is not in them, and then there is no ``seen``).
        """
        registry = self.registry
        todo, done = list(classes), set()
        while todo:
            cls = todo.pop()
            if cls in done:
                continue
            done.add(cls)
            for kind, name, step, more in _checks(cls):
                if kind == "nested":
                    todo.append(step.item)
                elif kind in ("ref", "refs"):
                    ids = seen.refs.get((cls, name))
                    if ids is None:
                        return False  # not seen: nothing to vouch for it
                    for ref in ids:
                        target = registry.get(ref)
                        if target is None or (more and not isinstance(target, more)):
                            return False
        return self._agree(map(_CLAIMS, seen.several)) and self._cite_known(seen.citations)

    @staticmethod
    def _agree(claims: Iterable[tuple[DateClaim, ...]]) -> bool:
        """Whether the claims of each dating (of several claims) have some day in common."""
        for several in claims:
            if len(several) == 2:  # the usual case, without building lists
                (first, last), (other_first, other_last) = (c.value._span for c in several)
                if max(first, other_first) > min(last, other_last):
                    return False
                continue
            firsts, lasts = zip(*map(_SPAN, map(_VALUE, several)), strict=True)
            if max(firsts) > min(lasts):
                return False
        return True

    def _cite_known(self, citations: Iterable[Citation]) -> bool:
        """Whether each citation names a known document and paragraphs within it."""
        documents = self.documents
        for document_id, paragraphs in set(
            zip(map(_DOCUMENT, citations), map(_PARAGRAPHS, citations), strict=True)
        ):
            if document_id is None:
                continue
            document = documents.get(document_id)
            if document is None or (paragraphs and max(paragraphs) > document.paragraphs):
                return False
        return True

    def _clean(self, values: Sequence[Any], steps: _Checks) -> bool:
        """Whether `value` would find no problem in any of ``values`` (checked by ``steps``)."""
        registry = self.registry
        cited: list[Iterable[Citation]] = []
        for kind, name, _, more in steps:
            column = map(operator.attrgetter(name), values)
            refs: set[Any] = set()
            if kind == "ref":
                refs = set(column)
                refs.discard(None)  # an unset reference is fine (but not None among refs)
            elif kind == "refs":
                refs = set(itertools.chain.from_iterable(column))
            elif kind == "citations":
                cited.append(itertools.chain.from_iterable(column))
            elif kind == "citation":
                cited.append(column)
            elif kind == "dating":
                claims = list(map(_CLAIMS, filter(_IS_SET, column)))
                cited.append(map(_CITATION, itertools.chain.from_iterable(claims)))
                if not self._agree(itertools.compress(claims, map((1).__lt__, map(len, claims)))):
                    return False
            else:
                nested = {id(value): value for value in itertools.chain.from_iterable(column)}
                if not self._clean(list(nested.values()), more):
                    return False
            for ref in refs:
                target = registry.get(ref)
                if target is None or (more and not isinstance(target, more)):
                    return False
        # Each distinct citation once, by identity; and what is wrong with a
        # citation depends on its document and paragraphs alone.
        citations = {id(c): c for c in itertools.chain.from_iterable(cited)}.values()
        return self._cite_known(citations)

    def record(self, record: Any, where: _Path) -> None:
        self.record_id = getattr(record, "id", None)
        self.value(record, _checks(type(record)), where)

    def fail(self, where: _Path, message: str) -> None:
        self.problems.append(Problem(_render(where), message, self.record_id))

    def value(self, value: Any, steps: _Checks, where: _Path) -> None:
        registry = self.registry
        for kind, name, step, more in steps:
            item = getattr(value, name)
            if kind == "ref":
                if item is not None:
                    target = registry.get(item)
                    if target is None or (more and not isinstance(target, more)):
                        self.reference(item, target, step, (*where, name))
            elif kind == "refs":
                for index, ref in enumerate(item):
                    target = registry.get(ref)
                    if target is None or (more and not isinstance(target, more)):
                        self.reference(ref, target, step, (*where, name, index))
            elif kind == "citations":
                passed = self.passed
                for index, citation in enumerate(item):
                    if id(citation) not in passed:
                        self.citation(citation, where, (name, index))
            elif kind == "dating":
                if item is not None:
                    self.dating(item, (*where, name))
            elif kind == "citation":
                self.citation(item, where, (name,))
            else:
                passed, problems = self.passed, self.problems
                for index, element in enumerate(item):
                    if id(element) not in passed:
                        before = len(problems)
                        self.value(element, more, (*where, name, index))
                        if len(problems) == before:
                            passed.add(id(element))

    def reference(self, ref: str, target: object, step: Step, where: _Path) -> None:
        if target is None:
            self.fail(where, f"refers to {ref!r}, which is not in the dataset")
        else:
            kind = type(target).__name__
            expected = " or ".join(step.target_names)
            self.fail(where, f"refers to {ref!r}, a {kind}; expected a {expected}")

    def citation(self, citation: Citation, where: _Path, steps: _Path) -> None:
        if id(citation) in self.passed or citation.document is None:
            return
        document = self.documents.get(citation.document)
        if document is None:
            message = f"cites {citation.document!r}, which is not a known document"
            self.fail((*where, *steps, "document"), message)
            return
        if citation.paragraphs and max(citation.paragraphs) > document.paragraphs:
            for index, paragraph in enumerate(citation.paragraphs):
                if paragraph > document.paragraphs:
                    self.fail(
                        (*where, *steps, "paragraphs", index),
                        f"paragraph {paragraph} is out of range:"
                        f" {document.id!r} has {document.paragraphs}",
                    )
            return
        self.passed.add(id(citation))

    def dating(self, dating: Dating, where: _Path) -> None:
        claims = dating.claims
        passed = self.passed
        for index, claim in enumerate(claims):
            if id(claim.citation) not in passed:
                self.citation(claim.citation, where, (index, "citation"))
        if len(claims) < 2:
            return
        # Ranges of days overlap pairwise if and only if the latest first day
        # is no later than the earliest last day: one pass, not every pair.
        spans = [claim.value._span for claim in claims]
        if max(lo for lo, _ in spans) <= min(hi for _, hi in spans):
            return
        # Otherwise each claim that misses an earlier one is reported, beside
        # the earlier claim that begins latest or ends earliest.
        begins_latest = ends_earliest = 0
        for j in range(1, len(spans)):
            lo, hi = spans[j]
            missed = None
            if lo > spans[ends_earliest][1]:
                missed = ends_earliest
            elif hi < spans[begins_latest][0]:
                missed = begins_latest
            if missed is not None:
                self.fail(
                    (*where, j, "value"),
                    f"date claims disagree: {claims[j].value.edtf} does not overlap"
                    f" {claims[missed].value.edtf} at [{missed}]",
                )
            if lo > spans[begins_latest][0]:
                begins_latest = j
            if hi < spans[ends_earliest][1]:
                ends_earliest = j

    # -- rules across records ---------------------------------------------------

    def cycles(self, kept: _Kept, section: str, field: str, message: str) -> None:
        """Each record whose chain of ``field`` links runs into a cycle (each walked once).

        Only records that link somewhere can be in a cycle or lead into one: a
        walk that reaches a record linking nowhere ends there, as one that
        leaves the section does.
        """
        indexes, records = _linked(kept, field)
        links = {record.id: getattr(record, field) for record in records}
        verdicts: dict[str, bool] = {}
        for index, record in zip(indexes, records, strict=True):
            walk: list[str] = []
            on_walk: set[str] = set()
            current: str | None = record.id
            while (
                current is not None
                and current in links
                and current not in verdicts
                and current not in on_walk
            ):
                on_walk.add(current)
                walk.append(current)
                current = links[current]
            if current is not None and current in on_walk:
                verdict = True
            else:
                verdict = current is not None and verdicts.get(current, False)
            for visited in walk:
                verdicts[visited] = verdict
            if verdicts.get(record.id, False):
                self.record_id = record.id
                self.fail((section, index, field), message)

    def _event(self, ref: str | None) -> Meeting | Happening | None:
        """The dated meeting or happening ``ref`` names (``None``: none, or undated)."""
        target = self.registry.get(ref) if ref is not None else None
        if isinstance(target, Meeting | Happening) and target.date is not None:
            return target
        return None

    def commemorations(self, meetings: _Kept) -> None:
        """A meeting marks what came before it, and meetings do not mark each other in a cycle."""
        meetings = _linked(meetings, "commemorates")  # the others have nothing to check
        for index, meeting in zip(*meetings, strict=True):
            target = self._event(meeting.commemorates)
            if target is None or meeting.date is None or target.date is None:
                continue
            if meeting.date.best._span[1] < target.date.best._span[0]:
                self.record_id = meeting.id
                self.fail(
                    ("meetings", index, "commemorates"),
                    f"commemorates {target.id!r} ({target.date}), which comes after it"
                    f" ({meeting.date})",
                )
        self.cycles(
            meetings, "meetings", "commemorates", "meetings commemorate each other in a cycle"
        )

    def occasions(self, statements: _Kept, treaties: _Kept) -> None:
        """A statement is said, and a treaty signed, on a day of the event it names."""
        for index, statement in zip(*statements, strict=True):
            # A claim's date may be the period it covers rather than a day it was said.
            if statement.kind is not StatementKind.CLAIM:
                where = ("statements", index, "occasion")
                self.record_id = statement.id
                self._same_days(statement.date, statement.occasion, where, "it was said")
        for index, treaty in zip(*treaties, strict=True):
            where = ("treaties", index, "signed_at")
            self.record_id = treaty.id
            self._same_days(treaty.signed, treaty.signed_at, where, "it was signed")

    def _same_days(self, date: Dating | None, ref: str | None, where: _Path, what: str) -> None:
        target = self._event(ref)
        if date is None or target is None or target.date is None:
            return
        if not date.best.overlaps(target.date.best):
            self.fail(where, f"{what} on {date}, but {target.id!r} took place on {target.date}")

    def _certain_tenure(self, office: Office) -> tuple[int, int] | None:
        """The days an office was certainly held (ordinals), or ``None`` if no day is certain.

        From the last day the tenure may have begun to the first day it may
        have ended; an ongoing tenure lasts at least until its citing documents
        were written, and an ``attested`` day widens the range to itself.
        """
        start, end, attested = office.start, office.end, office.attested
        begun = _POS_INF if start is None else start.best._span[1]
        if end is not None:
            lasted = end.best._span[0]
        elif office.status is OfficeStatus.ONGOING:
            lasted = _NEG_INF
            for citation in office.citations:
                document = self.documents.get(citation.document or "")
                if document is not None and document.date is not None:
                    lasted = max(lasted, document.date.best._span[0])
        else:
            lasted = _NEG_INF
        if attested is not None:
            first, last = attested.best._span
            begun, lasted = min(begun, last), max(lasted, first)
        return (begun, lasted) if begun <= lasted else None

    def tenures(self, offices: _Kept) -> None:
        """No person holds one post of one body twice at once (sorted once: n log n)."""
        groups: dict[tuple[str, str, str, str | None], list[tuple[int, int, int, Office]]] = {}
        for index, office in zip(*offices, strict=True):
            days = self._certain_tenure(office)
            if days is not None:
                post = " ".join(office.post.split()).casefold()
                key = (office.person, post, office.organisation, office.posted_to)
                groups.setdefault(key, []).append((*days, index, office))
        for group in groups.values():
            if len(group) < 2:
                continue
            group.sort(key=lambda item: (item[0], item[2]))
            reach, holder = group[0][1], group[0][3]
            for first, last, index, office in group[1:]:
                if first <= reach:
                    shared = (self._day(first), self._day(min(last, reach)))
                    self.record_id = office.id
                    self.fail(
                        ("offices", index),
                        f"{office.person!r} cannot hold this office twice at once: the tenure"
                        f" of {holder.id!r} (same post and organisation) certainly overlaps"
                        f" this one from {shared[0]} to {shared[1]}",
                    )
                if last > reach:
                    reach, holder = last, office

    @staticmethod
    def _day(ordinal: int) -> str:
        return datetime.date.fromordinal(ordinal).isoformat()
