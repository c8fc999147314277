"""Combining the records of several inputs: new ids added, conflicts reported.

Parts are combined *before* the integrity check, so a user's file may refer to
records of the bundled data (a meeting of ``wang-yi``, an office of a bundled
person). `combine` works on plain sections and knows nothing of
``Dataset``; the dataset checks the result as a whole, and `relocate`
then reports each problem against the file and path its record came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from ._errors import Problem
from ._model import Leader

if TYPE_CHECKING:  # the loader imports _fast when it first needs it
    from ._fast import Seen

__all__ = ["Combined", "OnConflict", "Part", "combine", "relocate"]

OnConflict = Literal["error", "replace", "keep"]
"""What to do with a record whose id is already taken by a different record."""

_PREFIX: Final = re.compile(r"^\$\.(\w+)\[(\d+)\]")


@attrs.frozen
class Part:
    """One input: records by section, where they came from, and their paths there.

    Attributes:
        source: The file (or ``<this dataset>``) the records come from.
        version: The version of its data.
        sections: Records by section name.
        paths: For each section, the JSON path of each record in ``source``
            where it is not ``$.<section>[<index>]`` (a file of format 1 keeps
            leaders apart from other people).
        seen: What the fast path of loading saw of the values the integrity
            check reads, while it built exactly these sections (`_fast.Seen`),
            or ``None``.

    """

    source: str
    version: str
    sections: dict[str, tuple[Any, ...]]
    paths: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    seen: Seen | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)

    def path(self, section: str, index: int) -> str:
        """Where the record at ``index`` of ``section`` stands in the source."""
        paths = self.paths.get(section)
        return paths[index] if paths is not None else f"$.{section}[{index}]"


@attrs.frozen
class Combined:
    """The parts combined: sections, and each record's origin.

    Attributes:
        sections: The records by section, in the order of ``names``.
        origin: Record id -> (source, path in that source).
        conflicts: The conflicts found (empty when the parts combine).
        source: The sources joined with ``" + "``.
        version: The versions joined with ``"+"``.

    """

    sections: dict[str, tuple[Any, ...]]
    origin: dict[str, tuple[str, str]]
    conflicts: list[Problem]
    source: str
    version: str


def _plain(record: Any) -> Any:
    """A record as a file holds it, to compare: a leader is a person with an office elsewhere."""
    return record.as_person() if type(record) is Leader else record


def combine(
    parts: Sequence[Part], names: Sequence[str], *, on_conflict: OnConflict = "error"
) -> Combined:
    """Combine parts in order, section by section (``names`` gives the order).

    A record whose id is new is appended. One whose id is taken is fine if it
    is equal; if it differs, ``on_conflict`` decides: ``"error"`` reports it,
    ``"replace"`` takes the later record (in the earlier one's position),
    ``"keep"`` keeps the earlier. Two records of one id in the same part are
    always reported: a file must not say two things of one id.

    Raises:
        ValueError: ``on_conflict`` is not one of the three choices.

    """
    if on_conflict not in ("error", "replace", "keep"):
        raise ValueError(f"on_conflict must be 'error', 'replace' or 'keep', not {on_conflict!r}")
    merged: dict[str, list[Any]] = {name: [] for name in names}
    origin: dict[str, tuple[str, str]] = {}
    where: dict[str, tuple[str, int, int]] = {}  # id -> (section, position, part number)
    conflicts: list[Problem] = []
    for number, part in enumerate(parts):
        for name in names:
            for index, record in enumerate(part.sections.get(name, ())):
                path = part.path(name, index)
                record_id = getattr(record, "id", None)
                seen = where.get(record_id) if isinstance(record_id, str) else None
                if seen is None:
                    if isinstance(record_id, str):
                        where[record_id] = (name, len(merged[name]), number)
                        origin[record_id] = (part.source, path)
                    merged[name].append(record)
                    continue
                section, position, first_part = seen
                first_source, first_path = origin[record_id]  # type: ignore[index]
                if first_part == number and first_source == part.source:
                    conflicts.append(
                        Problem(
                            f"{path}.id",
                            f"duplicate id, first used at {first_path}",
                            record_id,
                            part.source if len(parts) > 1 else None,
                        )
                    )
                    continue
                if _plain(merged[section][position]) == _plain(record) or on_conflict == "keep":
                    continue
                if on_conflict == "replace":
                    if section == name:
                        merged[name][position] = record
                    else:  # the same id in another section: move it
                        merged[section][position] = None
                        where[record_id] = (name, len(merged[name]), number)  # type: ignore[index]
                        merged[name].append(record)
                    origin[record_id] = (part.source, path)  # type: ignore[index]
                    continue
                conflicts.append(
                    Problem(
                        path,
                        f"conflicts with the record of the same id at {first_source}: {first_path}",
                        record_id,
                        part.source,
                    )
                )
    sections = {
        name: tuple(record for record in records if record is not None)
        for name, records in merged.items()
    }
    return Combined(
        sections,
        origin,
        conflicts,
        " + ".join(dict.fromkeys(part.source for part in parts)),
        "+".join(dict.fromkeys(part.version for part in parts)),
    )


def relocate(problem: Problem, combined: Combined) -> Problem:
    """The problem, with the path its record has in its file (and the file, if several)."""
    found = _PREFIX.match(problem.path)
    if found is None:
        return problem
    section, index = found.group(1), int(found.group(2))
    records = combined.sections.get(section, ())
    if index >= len(records):
        return problem
    record_id = getattr(records[index], "id", None)
    if record_id not in combined.origin:
        return problem
    source, path = combined.origin[record_id]
    named = source if source != combined.source else None
    return attrs.evolve(problem, path=path + problem.path[found.end() :], source=named)
