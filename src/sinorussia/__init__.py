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
from ._export import ExportFormat, export
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
from ._plot import plot_network, plot_timeline
from ._query import Collection, Match, Results
from ._schema import json_schema
from ._timeline import Anniversary, Entry, Tenure, Timeline
from ._types import DataInput, DateLike, FieldValue, KindLike, PeriodLike, RecordRef
from ._verify import CitedClaim, Mismatch, Passage, Verification, document_of, verify
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

__version__ = "0.1.0"


def __getattr__(name: str) -> _typing.Any:
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
