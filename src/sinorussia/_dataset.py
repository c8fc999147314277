"""The Dataset: every record of a source, checked as a whole.

A :class:`Dataset` is made from tuples of records, one per section. Making one
runs the integrity check (unique ids, references that resolve to records of the
right class, citations of known documents and paragraphs in range, dates whose
claims agree and tenures that end after they start); any failure raises one
:class:`~sinorussia.DataError` listing every problem, so there is never a
half-checked dataset.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, NoReturn

import attrs

from ._errors import DataError, Problem
from ._model import (
    Citation,
    Country,
    Dating,
    Document,
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
    ref_targets,
)
from ._query import Collection, Context, Match, find
from ._timeline import Anniversary, Entry, Tenure, anniversaries, tenure, timeline

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FORMAT", "SECTIONS", "Dataset"]

FORMAT: Final = 1
"""The version of the file format this library reads and writes."""

SECTIONS: Final[tuple[tuple[str, type[Any]], ...]] = (
    ("documents", Document),
    ("countries", Country),
    ("organisations", Organisation),
    ("places", Place),
    ("leaders", Leader),
    ("people", Person),
    ("offices", Office),
    ("meetings", Meeting),
    ("happenings", Happening),
    ("treaties", Treaty),
    ("projects", Project),
    ("statements", Statement),
)
"""The sections of a dataset file, in file order, with their record classes."""

_CLASSES: Final[dict[str, type[Any]]] = {cls.__name__: cls for _, cls in SECTIONS}


class Dataset:
    """All the records of one or more sources, checked and immutable.

    Get one with :func:`sinorussia.load` (the bundled data) or
    :func:`sinorussia.load_file`; or build one from records, which runs the
    same checks.

    Attributes:
        version: The version of the data (not of the library).
        documents: The sources the records cite.
        countries, organisations, places: Who and where.
        leaders: People who hold a state office.
        people: Everyone the sources name: the leaders and the other people.
        offices: Offices held over time.
        meetings: Encounters of leaders.
        happenings: Other dated happenings.
        events: Meetings and happenings together.
        treaties, projects, statements: Agreements, cooperation projects, and
            things said or claimed.

    Raises:
        DataError: The records do not form a valid dataset.

    """

    FORMAT: ClassVar[int] = FORMAT

    __slots__ = (
        "_context",
        "_countries",
        "_documents",
        "_events",
        "_everything",
        "_happenings",
        "_leaders",
        "_meetings",
        "_offices",
        "_organisations",
        "_others",
        "_people",
        "_places",
        "_projects",
        "_registry",
        "_statements",
        "_treaties",
        "_version",
    )

    _version: str
    _documents: Collection[Document]
    _countries: Collection[Country]
    _organisations: Collection[Organisation]
    _places: Collection[Place]
    _leaders: Collection[Leader]
    _offices: Collection[Office]
    _meetings: Collection[Meeting]
    _happenings: Collection[Happening]
    _treaties: Collection[Treaty]
    _projects: Collection[Project]
    _statements: Collection[Statement]
    _others: Collection[Person]
    _people: Collection[Person]
    _events: Collection[Event]
    _registry: dict[str, Record | Document]
    _context: Context
    _everything: Collection[Record | Document] | None

    def __init__(
        self,
        *,
        version: str = "0",
        documents: tuple[Document, ...] = (),
        countries: tuple[Country, ...] = (),
        organisations: tuple[Organisation, ...] = (),
        places: tuple[Place, ...] = (),
        leaders: tuple[Leader, ...] = (),
        people: tuple[Person, ...] = (),
        offices: tuple[Office, ...] = (),
        meetings: tuple[Meeting, ...] = (),
        happenings: tuple[Happening, ...] = (),
        treaties: tuple[Treaty, ...] = (),
        projects: tuple[Project, ...] = (),
        statements: tuple[Statement, ...] = (),
        source: str = "<Dataset>",
    ) -> None:
        sections: dict[str, tuple[Any, ...]] = {
            "documents": tuple(documents),
            "countries": tuple(countries),
            "organisations": tuple(organisations),
            "places": tuple(places),
            "leaders": tuple(leaders),
            "people": tuple(people),
            "offices": tuple(offices),
            "meetings": tuple(meetings),
            "happenings": tuple(happenings),
            "treaties": tuple(treaties),
            "projects": tuple(projects),
            "statements": tuple(statements),
        }
        registry, problems = check(sections)
        if problems:
            raise DataError(source, problems)
        init = object.__setattr__
        context = Context(registry)
        init(self, "_context", context)
        init(self, "_version", version)
        for name, cls in SECTIONS:
            noun = "person" if name == "people" else cls.__name__.lower()
            init(self, _slot(name), Collection(sections[name], kind=noun, context=context))
        init(
            self,
            "_people",
            Collection(sections["leaders"] + sections["people"], kind="person", context=context),
        )
        init(
            self,
            "_events",
            Collection(
                sections["meetings"] + sections["happenings"], kind="event", context=context
            ),
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
    def documents(self) -> Collection[Document]:
        """The sources the records cite."""
        return self._documents

    @property
    def countries(self) -> Collection[Country]:
        """States, with their ISO 3166 codes."""
        return self._countries

    @property
    def organisations(self) -> Collection[Organisation]:
        """Bodies that are not states."""
        return self._organisations

    @property
    def places(self) -> Collection[Place]:
        """Cities, squares, rivers, institutions, regions."""
        return self._places

    @property
    def leaders(self) -> Collection[Leader]:
        """People who hold a state office."""
        return self._leaders

    @property
    def offices(self) -> Collection[Office]:
        """Offices held over time."""
        return self._offices

    @property
    def meetings(self) -> Collection[Meeting]:
        """Encounters of leaders."""
        return self._meetings

    @property
    def happenings(self) -> Collection[Happening]:
        """Dated happenings that are not meetings."""
        return self._happenings

    @property
    def treaties(self) -> Collection[Treaty]:
        """Treaties, joint statements and memoranda."""
        return self._treaties

    @property
    def projects(self) -> Collection[Project]:
        """Cooperation projects."""
        return self._projects

    @property
    def statements(self) -> Collection[Statement]:
        """Things said or claimed."""
        return self._statements

    @property
    def people(self) -> Collection[Person]:
        """Everyone the sources name: the leaders first, then the other people."""
        return self._people

    @property
    def events(self) -> Collection[Event]:
        """Every meeting and happening: the meetings first, then the happenings."""
        return self._events

    def sections(self) -> dict[str, Any]:
        """The records by file section, in file order.

        As in the file, ``people`` holds only the people who are not leaders.
        """
        return {name: tuple(getattr(self, _slot(name))) for name, _ in SECTIONS}

    def records(self) -> Iterator[Record | Document]:
        """Every record, section by section, in file order."""
        return iter(self._registry.values())

    def get(self, id: str) -> Record | Document:
        """The record with this id, whatever its class.

        Raises:
            NotFound: No record has this id.

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

        See :meth:`Collection.lookup` for the matching rules.

        Raises:
            NotFound: Nothing matches (``Ambiguous``: several do).

        """
        return self.all().lookup(text)

    def search(self, text: str, *, limit: int | None = 10) -> list[Match[Record | Document]]:
        """Records of any class ranked by how well a name matches ``text``."""
        return self.all().search(text, limit=limit)

    def related(self, record: Record | Document | str) -> Collection[Record | Document]:
        """Every record linked to ``record`` by a reference, either way.

        For a leader: their offices, the meetings and happenings they took part
        in, their statements, the treaties they signed, and their country. For
        a treaty: its parties, place, signing event and signatories, and the
        projects and happenings that refer to it. Narrow the result by class
        with ``of_type``::

            ds.related("xi-jinping").of_type(sr.Meeting)

        Raises:
            NotFound: ``record`` is an id that is not in the dataset.

        """
        record_id = record if isinstance(record, str) else record.id
        if record_id not in self._registry:
            find(self._registry, record_id, kind="record")
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
                for target in _references(record):
                    if target != record.id:
                        cached.setdefault(record.id, set()).add(target)
                        cached.setdefault(target, set()).add(record.id)
            self._context.cache["links"] = cached
        links: dict[str, set[str]] = cached
        return links

    def timeline(
        self, *, start: object = None, end: object = None, certain: bool = False
    ) -> list[Entry]:
        """Every dated event, treaty signing and project milestone, in date order.

        Args:
            start: Leave out entries that (possibly, or with ``certain``
                certainly) ended before this date.
            end: Leave out entries that began after this date.
            certain: Keep only entries that certainly fall between ``start``
                and ``end``.

        Returns:
            Entries ordered by date (see ``PartialDate`` for the order), then
            by id.

        """
        return timeline(self, start=start, end=end, certain=certain)

    def anniversaries(self, year: int, *, every: int = 5) -> list[Anniversary]:
        """Round anniversaries falling in ``year``: (record, years) pairs.

        A record counts if its best date is a single date or an interval within
        one year, and ``year`` minus its year is a positive multiple of
        ``every``. The anniversary keeps the date's precision: the 70th of a
        year-precision victory is a year.

        Examples:
            >>> [(a.record.id, a.years) for a in ds.anniversaries(2021, every=10)]
            [('treaty-of-good-neighborliness', 20), ...]

        """
        return anniversaries(self, year, every=every)

    def offices_on(
        self, when: object, *, person: object = None, certain: bool = False
    ) -> Collection[Office]:
        """Offices held (possibly, or certainly) on a date, optionally of one person.

        Args:
            when: A date or period (anything ``during`` accepts).
            person: Only this person's offices (id, name or record).
            certain: Only offices the sources show as certainly held then.

        """
        offices = self.offices
        if person is not None:
            offices = offices.where(
                person=self._context.resolve(person, what="person", classes=(Person,))
            )
        return offices.held_on(when, certain=certain)

    def tenure(self, office: Office | str, *, on: object) -> Tenure:
        """How long an office had been held on a date, as a range.

        The range is honest about partial dates: a tenure that began in March
        2013 had lasted between ``on - 2013-03-31`` and ``on - 2013-03-01``.

        Raises:
            ValueError: The office's start is unknown, or ``on`` is before it.

        """
        if isinstance(office, str):
            office = self.offices.get(office)
        return tenure(office, on)

    def plot_timeline(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        start: object = None,
        end: object = None,
        kinds: Iterable[str] | None = None,
        title: str | None = "China-Russia relations: the dated record",
    ) -> Figure:
        """Draw the timeline, one row per kind (needs the ``plot`` extra).

        Partial dates are drawn as bars over every day they may cover; marker
        shapes give the basis of each date. With ``path`` (``.png``, ``.svg``,
        ``.pdf``) the picture is also saved, atomically.
        """
        from ._plot import plot_timeline

        return plot_timeline(self, path, start=start, end=end, kinds=kinds, title=title)

    def plot_network(
        self, path: str | os.PathLike[str] | None = None, *, title: str | None = "Who met whom"
    ) -> Figure:
        """Draw who met whom (needs the ``plot`` extra).

        People are points on a circle; a line's width and label give the
        number of encounters they share (an aggregate of unknown size counts
        once, marked "+").
        """
        from ._plot import plot_network

        return plot_network(self, path, title=title)

    def __contains__(self, id: object) -> bool:
        return id in self._registry

    def __len__(self) -> int:
        """The number of records of every class."""
        return len(self._registry)

    def merge(
        self,
        other: Dataset,
        *,
        on_conflict: Literal["error", "replace", "keep"] = "error",
    ) -> Dataset:
        """A new dataset: these records with the records of ``other`` added.

        Records whose ids are new are appended, section by section. A record
        whose id is already here is fine if it is equal; if it differs, that
        is a conflict: ``on_conflict="error"`` (the default) reports every
        conflict in one :class:`~sinorussia.DataError`, ``"replace"`` takes
        ``other``'s record (in this dataset's position), ``"keep"`` keeps this
        one. The result is checked as a whole. Neither input changes.

        Raises:
            DataError: Conflicting records (with ``"error"``), or a merged
                dataset that is not valid; nothing is returned half-merged.

        """
        from ._merge import Part, merge

        mine = Part("<this dataset>", self.version, self.sections())
        theirs = Part("<other dataset>", other.version, other.sections())
        return merge([mine, theirs], on_conflict=on_conflict)

    def counts(self) -> dict[str, int]:
        """How many records each section holds, in file order."""
        return {name: len(records) for name, records in self.sections().items()}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Dataset):
            return self.version == other.version and self.sections() == other.sections()
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.version, tuple(self._registry)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={n}" for name, n in self.counts().items() if n)
        return f"<Dataset {self.version}: {shown}>"


def _slot(section: str) -> str:
    """The attribute that holds a section's records (people: only non-leaders)."""
    return "_others" if section == "people" else f"_{section}"


def _rebuild(version: str, sections: dict[str, Any]) -> Dataset:
    return Dataset(version=version, **sections)


# -- integrity ------------------------------------------------------------------


def check(
    sections: Mapping[str, tuple[Any, ...]],
) -> tuple[dict[str, Record | Document], list[Problem]]:
    """Check records as a whole dataset.

    Args:
        sections: Records by file section.

    Returns:
        The records by id, and every problem found (empty when valid).

    """
    problems: list[Problem] = []
    registry: dict[str, Record | Document] = {}
    where: dict[str, str] = {}
    for name, cls in SECTIONS:
        for index, record in enumerate(sections.get(name, ())):
            path = f"$.{name}[{index}]"
            if not isinstance(record, cls) or (cls is Person and isinstance(record, Leader)):
                problems.append(
                    Problem(path, f"expected a {cls.__name__}, got {type(record).__name__}")
                )
                continue
            if record.id in registry:
                problems.append(
                    Problem(
                        f"{path}.id", f"duplicate id, first used at {where[record.id]}", record.id
                    )
                )
                continue
            registry[record.id] = record
            where[record.id] = path
    checker = _Checker(registry, problems)
    for name, _ in SECTIONS:
        for index, record in enumerate(sections.get(name, ())):
            checker.record(record, f"$.{name}[{index}]")
    held = {office.person for office in sections.get("offices", ())}
    for index, leader in enumerate(sections.get("leaders", ())):
        if leader.id not in held:
            problems.append(
                Problem(f"$.leaders[{index}]", "a leader needs at least one office", leader.id)
            )
    problems.extend(_place_cycles(sections.get("places", ())))
    return registry, problems


@attrs.define
class _Checker:
    registry: dict[str, Record | Document]
    problems: list[Problem]
    record_id: str | None = None

    def record(self, record: Any, path: str) -> None:
        self.record_id = getattr(record, "id", None)
        self.value(record, path)
        if isinstance(record, Office) and record.start is not None and record.end is not None:
            start, end = record.start.lower, record.end.upper
            if start is not None and end is not None and start > end:
                self.fail(
                    f"{path}.end",
                    f"the office ends ({record.end}) before it starts ({record.start})",
                )

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message, self.record_id))

    def value(self, value: Any, path: str) -> None:
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            item = getattr(value, field.name)
            here = f"{path}.{field.name}"
            targets = ref_targets(field)
            if targets:
                ids = item if isinstance(item, tuple) else (item,)
                for index, ref in enumerate(ids):
                    if ref is not None:
                        self.reference(
                            ref, targets, f"{here}[{index}]" if isinstance(item, tuple) else here
                        )
            elif isinstance(item, Citation):
                self.citation(item, here)
            elif isinstance(item, Dating):
                self.dating(item, here)
            elif isinstance(item, tuple):
                for index, element in enumerate(item):
                    if isinstance(element, Citation):
                        self.citation(element, f"{here}[{index}]")
                    elif attrs.has(type(element)):
                        self.value(element, f"{here}[{index}]")
            elif attrs.has(type(item)):
                self.value(item, here)

    def reference(self, ref: str, targets: tuple[str, ...], path: str) -> None:
        target = self.registry.get(ref)
        if target is None:
            self.fail(path, f"refers to {ref!r}, which is not in the dataset")
        elif targets != ("*",) and not isinstance(target, tuple(_CLASSES[t] for t in targets)):
            expected = " or ".join(targets)
            self.fail(path, f"refers to {ref!r}, a {type(target).__name__}; expected a {expected}")

    def citation(self, citation: Citation, path: str) -> None:
        if citation.document is None:
            return
        document = self.registry.get(citation.document)
        if not isinstance(document, Document):
            self.fail(
                f"{path}.document", f"cites {citation.document!r}, which is not a known document"
            )
            return
        for index, paragraph in enumerate(citation.paragraphs):
            if paragraph > document.paragraphs:
                self.fail(
                    f"{path}.paragraphs[{index}]",
                    f"paragraph {paragraph} is out of range:"
                    f" {document.id!r} has {document.paragraphs}",
                )

    def dating(self, dating: Dating, path: str) -> None:
        for index, claim in enumerate(dating.claims):
            self.citation(claim.citation, f"{path}[{index}].citation")
        for (i, a), (j, b) in itertools.combinations(enumerate(dating.claims), 2):
            if not a.value.overlaps(b.value):
                self.fail(
                    f"{path}[{j}].value",
                    f"date claims disagree: {b.value.edtf} does not overlap"
                    f" {a.value.edtf} at [{i}]",
                )


def _place_cycles(places: tuple[Place, ...]) -> Iterator[Problem]:
    within = {place.id: place.within for place in places}
    for index, place in enumerate(places):
        seen = {place.id}
        parent = place.within
        while parent is not None and parent in within:
            if parent in seen:
                yield Problem(
                    f"$.places[{index}].within", "places contain each other in a cycle", place.id
                )
                break
            seen.add(parent)
            parent = within[parent]


def _references(record: Any) -> Iterator[str]:
    """Every id a record refers to, in any of its fields or nested values."""
    for field in attrs.fields(type(record)):
        if not field.init:
            continue
        value = getattr(record, field.name)
        if ref_targets(field):
            if isinstance(value, tuple):
                yield from value
            elif isinstance(value, str):
                yield value
        elif isinstance(value, tuple):
            for item in value:
                if attrs.has(type(item)) and not isinstance(item, Citation):
                    yield from _references(item)
