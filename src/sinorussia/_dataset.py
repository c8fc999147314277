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
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, NoReturn, cast

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
            start: Keep only entries that may reach this date or later (with
                ``certain``: that certainly begin on or after it).
            end: Keep only entries that may begin by this date (with
                ``certain``: that certainly end by it).
            certain: Keep only entries that certainly fall between ``start``
                and ``end``; by default, entries that possibly do.

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
            checker.record(record, (name, index))
    held = {office.person for office in sections.get("offices", ())}
    for index, leader in enumerate(sections.get("leaders", ())):
        if leader.id not in held:
            problems.append(
                Problem(f"$.leaders[{index}]", "a leader needs at least one office", leader.id)
            )
    problems.extend(_place_cycles(sections.get("places", ())))
    return registry, problems


_Path = tuple[str | int, ...]


def _render(where: _Path) -> str:
    """A JSON path from its steps: ("meetings", 3, "date") -> $.meetings[3].date."""
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in where)


@attrs.frozen
class _Step:
    """How to check one field of a record class."""

    name: str
    kind: Literal["ref", "refs", "citation", "citations", "dating", "nested"]
    classes: tuple[type, ...] | None = None  # for references; None: any record
    expected: str = ""
    nested: tuple[_Step, ...] = ()


_PLANS: dict[type, tuple[_Step, ...]] = {}


def _plan(cls: type) -> tuple[_Step, ...]:
    """The checks one record class needs, worked out once from its fields' types."""
    plan = _PLANS.get(cls)
    if plan is not None:
        return plan
    hints = typing.get_type_hints(cls)
    steps: list[_Step] = []
    for field in attrs.fields(cast(Any, cls)):
        if not field.init:
            continue
        hint = hints[field.name]
        args = typing.get_args(hint)
        many = typing.get_origin(hint) is tuple
        targets = ref_targets(field)
        if targets:
            classes = None if targets == ("*",) else tuple(_CLASSES[t] for t in targets)
            steps.append(
                _Step(field.name, "refs" if many else "ref", classes, " or ".join(targets))
            )
        elif hint is Citation:
            steps.append(_Step(field.name, "citation"))
        elif many and args[0] is Citation:
            steps.append(_Step(field.name, "citations"))
        elif hint is Dating or Dating in args:
            steps.append(_Step(field.name, "dating"))
        elif many and attrs.has(args[0]):
            steps.append(_Step(field.name, "nested", nested=_plan(args[0])))
    plan = _PLANS[cls] = tuple(steps)
    return plan


class _Checker:
    """Cross-record checks. Paths are built only for the problems found."""

    __slots__ = ("documents", "problems", "record_id", "registry")

    def __init__(self, registry: dict[str, Record | Document], problems: list[Problem]) -> None:
        self.registry = registry
        self.documents = {k: v for k, v in registry.items() if isinstance(v, Document)}
        self.problems = problems
        self.record_id: str | None = None

    def record(self, record: Any, where: _Path) -> None:
        self.record_id = getattr(record, "id", None)
        self.value(record, _plan(type(record)), where)
        if isinstance(record, Office) and record.start is not None and record.end is not None:
            start, end = record.start.best._span[0], record.end.best._span[1]
            if start > end:
                self.fail(
                    (*where, "end"),
                    f"the office ends ({record.end}) before it starts ({record.start})",
                )

    def fail(self, where: _Path, message: str) -> None:
        self.problems.append(Problem(_render(where), message, self.record_id))

    def value(self, value: Any, plan: tuple[_Step, ...], where: _Path) -> None:
        registry = self.registry
        for step in plan:
            item = getattr(value, step.name)
            kind = step.kind
            if kind == "ref":
                if item is not None:
                    target = registry.get(item)
                    if target is None or (step.classes and not isinstance(target, step.classes)):
                        self.reference(item, target, step, (*where, step.name))
            elif kind == "refs":
                for index, ref in enumerate(item):
                    target = registry.get(ref)
                    if target is None or (step.classes and not isinstance(target, step.classes)):
                        self.reference(ref, target, step, (*where, step.name, index))
            elif kind == "citations":
                for index, citation in enumerate(item):
                    self.citation(citation, where, (step.name, index))
            elif kind == "dating":
                if item is not None:
                    self.dating(item, (*where, step.name))
            elif kind == "citation":
                self.citation(item, where, (step.name,))
            else:
                for index, element in enumerate(item):
                    self.value(element, step.nested, (*where, step.name, index))

    def reference(self, ref: str, target: object, step: _Step, where: _Path) -> None:
        if target is None:
            self.fail(where, f"refers to {ref!r}, which is not in the dataset")
        else:
            kind = type(target).__name__
            self.fail(where, f"refers to {ref!r}, a {kind}; expected a {step.expected}")

    def citation(self, citation: Citation, where: _Path, steps: _Path) -> None:
        if citation.document is None:
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

    def dating(self, dating: Dating, where: _Path) -> None:
        claims = dating.claims
        for index, claim in enumerate(claims):
            self.citation(claim.citation, where, (index, "citation"))
        if len(claims) > 1:
            for (i, a), (j, b) in itertools.combinations(enumerate(claims), 2):
                if not a.value.overlaps(b.value):
                    self.fail(
                        (*where, j, "value"),
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
