"""Typed, immutable collections of records.

A :class:`Collection` is a read-only :class:`~collections.abc.Sequence` of one
record type, with look-up by id. Collections never change after they are made;
anything that filters one returns a new one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, NoReturn, Protocol, TypeVar, overload

from ._errors import NotFound

__all__ = ["Collection", "find"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)
_MISSING: Any = object()
D = TypeVar("D")


class Collection(Sequence[T], Generic[T]):
    """An immutable, ordered collection of records of one type.

    Indexing, slicing, ``len`` and iteration work as for a tuple; a slice is a
    ``Collection`` again. Records are in dataset order.

    Example:
        >>> ds.leaders.get("wang-yi").name
        'Wang Yi'
        >>> ds.leaders.get("wang-yl")
        Traceback (most recent call last):
        sinorussia.NotFound: no leader 'wang-yl'; did you mean 'wang-yi'?

    """

    __slots__ = ("_by_id", "_items", "_kind")

    _items: tuple[T, ...]
    _by_id: dict[str, T] | None
    _kind: str

    def __init__(self, items: Iterable[T] = (), *, kind: str = "record") -> None:
        object.__setattr__(self, "_items", tuple(items))
        object.__setattr__(self, "_by_id", None)
        object.__setattr__(self, "_kind", kind)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # -- Sequence ---------------------------------------------------------

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Collection[T]: ...
    def __getitem__(self, index: int | slice) -> T | Collection[T]:
        if isinstance(index, slice):
            return Collection(self._items[index], kind=self._kind)
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __contains__(self, item: object) -> bool:
        """Whether a record, or a record with that id, is in the collection."""
        if isinstance(item, str):
            return item in self._index()
        return item in self._items

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Collection):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._items,), {"kind": self._kind})

    def __setstate__(self, state: dict[str, str]) -> None:
        object.__setattr__(self, "_kind", state["kind"])

    # -- look-up ----------------------------------------------------------

    def _index(self) -> dict[str, T]:
        index = self._by_id
        if index is None:
            index = {item.id: item for item in self._items}
            object.__setattr__(self, "_by_id", index)
        return index

    @overload
    def get(self, id: str) -> T: ...
    @overload
    def get(self, id: str, default: D) -> T | D: ...
    def get(self, id: str, default: Any = _MISSING) -> Any:
        """The record with this id.

        Args:
            id: The record's id, such as ``"wang-yi"``.
            default: Returned when there is no such record. Without it, a
                miss raises.

        Returns:
            The record, or ``default``.

        Raises:
            NotFound: No record has this id and no default was given; the
                error suggests close ids.

        """
        if default is _MISSING:
            return find(self._index(), id, kind=self._kind)
        return find(self._index(), id, default, kind=self._kind)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(item.id for item in self._items)

    # -- display ----------------------------------------------------------

    def __repr__(self) -> str:
        shown = ", ".join(item.id for item in self._items[:5])
        more = f", ... +{len(self._items) - 5}" if len(self._items) > 5 else ""
        noun = self._kind if len(self._items) == 1 else f"{self._kind}s"
        return f"<Collection of {len(self._items)} {noun}: {shown}{more}>"


def find(index: Mapping[str, D], key: str, *default: Any, kind: str) -> Any:
    """Look ``key`` up in ``index``; on a miss return the default or raise.

    Raises:
        NotFound: ``key`` is not in ``index`` and no default was given; the
            error suggests up to three close keys.

    """
    try:
        return index[key]
    except (KeyError, TypeError):
        if default:
            return default[0]
        if not isinstance(key, str):
            raise NotFound(repr(key), kind=kind) from None
        suggestions = difflib.get_close_matches(key, list(index), n=3, cutoff=0.6)
        raise NotFound(key, kind=kind, suggestions=suggestions) from None
