"""sinorussia: China-Russia relations as a typed, queryable, cited dataset.

Examples:
    >>> import sinorussia as sr
    >>> ds = sr.load()
    >>> ds.leaders.get("wang-yi").name
    'Wang Yi'

"""

from ._dataset import FORMAT, Dataset
from ._dates import DateInterval, PartialDate, Precision, Unbounded, When, parse_edtf, to_when
from ._errors import Ambiguous, DataError, Error, NotFound, Problem
from ._export import ExportFormat, export
from ._load import dump, dumps, load, load_file, load_files, loads
from ._model import (
    Basis,
    Citation,
    Confidence,
    Country,
    DateClaim,
    Dating,
    Document,
    Event,
    Figure,
    Happening,
    HappeningKind,
    Leader,
    Meeting,
    MeetingKind,
    Milestone,
    Office,
    OfficeRole,
    OfficeStatus,
    Organisation,
    OrganisationKind,
    Participant,
    Person,
    Place,
    PlaceKind,
    Project,
    ProjectStatus,
    Record,
    Role,
    Sector,
    Statement,
    StatementKind,
    Treaty,
    TreatyKind,
)
from ._query import Collection, Match
from ._schema import json_schema
from ._timeline import Anniversary, Entry, Tenure

__version__ = "0.1.0"

__all__ = [
    "FORMAT",
    "Ambiguous",
    "Anniversary",
    "Basis",
    "Citation",
    "Collection",
    "Confidence",
    "Country",
    "DataError",
    "Dataset",
    "DateClaim",
    "DateInterval",
    "Dating",
    "Document",
    "Entry",
    "Error",
    "Event",
    "ExportFormat",
    "Figure",
    "Happening",
    "HappeningKind",
    "Leader",
    "Match",
    "Meeting",
    "MeetingKind",
    "Milestone",
    "NotFound",
    "Office",
    "OfficeRole",
    "OfficeStatus",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "Participant",
    "Person",
    "Place",
    "PlaceKind",
    "Precision",
    "Problem",
    "Project",
    "ProjectStatus",
    "Record",
    "Role",
    "Sector",
    "Statement",
    "StatementKind",
    "Tenure",
    "Treaty",
    "TreatyKind",
    "Unbounded",
    "When",
    "__version__",
    "dump",
    "dumps",
    "export",
    "json_schema",
    "load",
    "load_file",
    "load_files",
    "loads",
    "parse_edtf",
    "to_when",
]
