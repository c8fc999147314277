"""Merging datasets and files: new ids added, conflicts reported, checked as a whole.

Files are merged *before* the integrity check, so a user's file may refer to
records of the bundled data (a meeting of ``wang-yi``). Problems found in the
merged whole are reported against the file and path each record came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, Literal

import attrs

from ._dataset import SECTIONS, Dataset
from ._errors import DataError, Problem

__all__ = ["OnConflict", "Part", "merge"]

OnConflict = Literal["error", "replace", "keep"]
_PREFIX: Final = re.compile(r"^\$\.(\w+)\[(\d+)\]")


@attrs.frozen
class Part:
    """One input of a merge: records by section, and where they came from."""

    source: str
    version: str
    sections: dict[str, tuple[Any, ...]]


def merge(parts: Sequence[Part], *, on_conflict: OnConflict = "error") -> Dataset:
    """Merge the parts in order into one checked dataset.

    Raises:
        DataError: Conflicts (with ``on_conflict="error"``), or problems of the
            merged whole, each located in the file it came from.

    """
    if on_conflict not in ("error", "replace", "keep"):
        raise ValueError(f"on_conflict must be 'error', 'replace' or 'keep', not {on_conflict!r}")
    merged: dict[str, list[Any]] = {name: [] for name, _ in SECTIONS}
    origin: dict[str, tuple[str, str]] = {}  # id -> (source, path in that source)
    where: dict[str, str] = {}  # id -> section in the merged lists
    conflicts: list[Problem] = []
    for part in parts:
        for name, _ in SECTIONS:
            for index, record in enumerate(part.sections.get(name, ())):
                path = f"$.{name}[{index}]"
                section = where.get(record.id)
                if section is None:
                    merged[name].append(record)
                    where[record.id] = name
                    origin[record.id] = (part.source, path)
                    continue
                position = next(i for i, r in enumerate(merged[section]) if r.id == record.id)
                if merged[section][position] == record or on_conflict == "keep":
                    continue
                if on_conflict == "replace":
                    del merged[section][position]
                    merged[name].insert(position if section == name else len(merged[name]), record)
                    where[record.id] = name
                    origin[record.id] = (part.source, path)
                    continue
                first_source, first_path = origin[record.id]
                conflicts.append(
                    Problem(
                        path,
                        f"conflicts with the record of the same id at {first_source}: {first_path}",
                        record.id,
                        part.source,
                    )
                )
    sources = " + ".join(dict.fromkeys(part.source for part in parts))
    if conflicts:
        raise DataError(sources, conflicts)
    versions = dict.fromkeys(part.version for part in parts)
    try:
        return Dataset(
            version="+".join(versions),
            source=sources,
            **{name: tuple(records) for name, records in merged.items()},
        )
    except DataError as exc:
        raise DataError(sources, [_relocate(p, merged, origin) for p in exc.problems]) from None


def _relocate(
    problem: Problem, merged: dict[str, list[Any]], origin: dict[str, tuple[str, str]]
) -> Problem:
    """The problem, with its path in the file the record came from."""
    found = _PREFIX.match(problem.path)
    if found is None:
        return problem
    section, index = found.group(1), int(found.group(2))
    records = merged.get(section, [])
    if index >= len(records):
        return problem
    source, path = origin[records[index].id]
    return attrs.evolve(problem, path=path + problem.path[found.end() :], source=source)
