"""Records as flat rows: one scalar per column, for tables and data frames.

The rules, shared by ``Collection.to_pandas`` and the CSV export:

- scalars stay as they are; enums become their string values;
- a date (``Dating``) becomes three columns: ``<field>`` (the best value as
  EDTF), ``<field>_lower`` and ``<field>_upper`` (its first and last possible
  days, empty when unbounded), plus ``<field>_basis`` (the best claim's basis);
- multi-valued fields are joined with ``"; "``: ids and names as they are,
  participants as ``who:role``, figures as ``measure=value unit``;
- citations become ``paragraphs`` (the cited paragraph numbers), ``bases``
  and ``sources``.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ._model import Citation, Milestone, Participant, Quantity
from ._plan import plan

if TYPE_CHECKING:
    import pandas

__all__ = ["SEPARATOR", "columns", "flatten", "to_pandas"]

SEPARATOR: Final = "; "


def _date(value: Any) -> datetime.date | None:
    return None if value is None else datetime.date(value.year, value.month, value.day)


def _item(value: object) -> str:
    if isinstance(value, Participant):
        return f"{value.who}:{value.role.value}"
    if isinstance(value, Quantity):
        unit = f" {value.unit}" if value.unit else ""
        return f"{value.measure}={value.value}{unit}"
    if isinstance(value, Milestone):
        when = f" ({value.date.edtf})" if value.date is not None else ""
        return f"{value.title}{when}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _cited(cls: type) -> bool:
    return any(step.kind == "citations" and step.name == "citations" for step in plan(cls))


def columns(cls: type) -> list[str]:
    """The flat column names of a record class, in order.

    Records with citations get the ``paragraphs``, ``bases`` and ``sources``
    columns; a ``Document`` has none (its own ``paragraphs`` is its length).
    """
    names: list[str] = []
    for step in plan(cls):
        if step.name == "citations":
            continue
        names.append(step.name)
        if step.kind == "dating":
            names.extend(f"{step.name}_{part}" for part in ("lower", "upper", "basis"))
    if _cited(cls):
        names.extend(["paragraphs", "bases", "sources"])
    return names


def flatten(record: Any) -> dict[str, Any]:
    """One record as a flat dict of scalars (see the module docs for the rules)."""
    row: dict[str, Any] = {}
    for step in plan(type(record)):
        name = step.name
        if name == "citations":
            continue
        value = getattr(record, name)
        if step.kind == "dating":
            row[name] = None if value is None else value.edtf
            row[f"{name}_lower"] = None if value is None else _date(value.lower)
            row[f"{name}_upper"] = None if value is None else _date(value.upper)
            row[f"{name}_basis"] = None if value is None else value.basis.value
        elif isinstance(value, tuple):
            row[name] = SEPARATOR.join(_item(item) for item in value) or None
        elif isinstance(value, enum.Enum):
            row[name] = value.value
        else:
            row[name] = value
    if not _cited(type(record)):
        return row
    citations: Iterable[Citation] = record.citations
    paragraphs = sorted({p for c in citations for p in c.paragraphs})
    row["paragraphs"] = SEPARATOR.join(map(str, paragraphs)) or None
    row["bases"] = SEPARATOR.join(dict.fromkeys(c.basis.value for c in citations)) or None
    row["sources"] = SEPARATOR.join(dict.fromkeys(c.source for c in citations if c.source)) or None
    return row


def to_pandas(records: tuple[Any, ...]) -> pandas.DataFrame:
    """Records as a DataFrame with nullable typed columns and datetime bounds."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_pandas() needs pandas: pip install 'sinorussia[pandas]'") from exc
    if records:
        frame = pd.DataFrame([flatten(record) for record in records])
        names = dict.fromkeys(n for cls in dict.fromkeys(map(type, records)) for n in columns(cls))
        frame = frame[[n for n in names if n in frame.columns]]
    else:
        frame = pd.DataFrame()
    frame = frame.convert_dtypes()
    for name in frame.columns:
        if name.endswith(("_lower", "_upper")):
            frame[name] = pd.to_datetime(frame[name])
    return frame
