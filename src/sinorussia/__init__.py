"""sinorussia: China-Russia relations as a typed, queryable, cited dataset.

Examples:
    >>> import sinorussia as sr
    >>> ds = sr.load()
    >>> ds.leaders.get("wang-yi").name
    'Wang Yi'

"""

import typing as _typing
import warnings as _warnings

from ._dataset import FORMAT, Dataset, Section
from ._dates import DateInterval, PartialDate, Precision, Unbounded, When, parse_edtf, to_when
from ._errors import Ambiguous, ArgumentError, DataError, Error, NotAFile, NotFound, Problem
from ._load import dump, dumps, load, load_file, load_files, loads
from ._model import (
    Actor,
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
    Milestone,
    Office,
    Organisation,
    Participant,
    Person,
    Place,
    Project,
    Quantity,
    Record,
    Statement,
    Treaty,
)
from ._query import Collection, Match, Results
from ._timeline import Anniversary, Entry, Tenure, Timeline
from ._types import DataInput, DateLike, FieldValue, KindLike, PeriodLike, RecordRef
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

if _typing.TYPE_CHECKING:
    from ._export import ExportFormat, export
    from ._plot import plot_network, plot_timeline
    from ._schema import json_schema
    from ._verify import CitedClaim, Mismatch, Passage, Verification, document_of, verify

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    "ExportFormat": "_export",
    "export": "_export",
    "plot_network": "_plot",
    "plot_timeline": "_plot",
    "json_schema": "_schema",
    "CitedClaim": "_verify",
    "Mismatch": "_verify",
    "Passage": "_verify",
    "Verification": "_verify",
    "document_of": "_verify",
    "verify": "_verify",
}
"""Names whose modules are imported when first used, not with the package: the
exports, plots, schema and verification are not needed to load and query, and
importing them costs a third of the start-up (docs/performance.md)."""


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value  # later look-ups find it directly
        return value
    # The names of 0.1 that were renamed: they still work, with a warning.
    if name == "Figure":
        _warnings.warn(
            "sinorussia.Figure is now sinorussia.Quantity (matplotlib's Figure is what the"
            " plots return)",
            DeprecationWarning,
            stacklevel=2,
        )
        return Quantity
    raise AttributeError(f"module 'sinorussia' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "FORMAT",
    "Actor",
    "Ambiguous",
    "Anniversary",
    "ArgumentError",
    "Basis",
    "Citation",
    "CitedClaim",
    "Collection",
    "Confidence",
    "Country",
    "DataError",
    "DataInput",
    "Dataset",
    "DateClaim",
    "DateInterval",
    "DateLike",
    "Dating",
    "Document",
    "Entity",
    "Entry",
    "Error",
    "Event",
    "ExportFormat",
    "FieldValue",
    "Happening",
    "HappeningKind",
    "KindLike",
    "Leader",
    "Match",
    "Meeting",
    "MeetingKind",
    "Milestone",
    "Mismatch",
    "NotAFile",
    "NotFound",
    "Office",
    "OfficeRole",
    "OfficeStatus",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "Participant",
    "Passage",
    "PeriodLike",
    "Person",
    "Place",
    "PlaceKind",
    "Precision",
    "Problem",
    "Project",
    "ProjectStatus",
    "Quantity",
    "Record",
    "RecordRef",
    "Results",
    "Role",
    "Section",
    "Sector",
    "Statement",
    "StatementKind",
    "Tenure",
    "Timeline",
    "Treaty",
    "TreatyKind",
    "Unbounded",
    "Verification",
    "When",
    "__version__",
    "document_of",
    "dump",
    "dumps",
    "export",
    "json_schema",
    "load",
    "load_file",
    "load_files",
    "loads",
    "parse_edtf",
    "plot_network",
    "plot_timeline",
    "to_when",
    "verify",
]
