"""The closed vocabularies of the records, with their crosswalks to CAMEO and PLOVER.

Every vocabulary is a `enum.StrEnum`: its members compare equal to their
string values, which are what a dataset file holds.
"""

from __future__ import annotations

import enum
from typing import Final, TypeAlias

__all__ = [
    "Basis",
    "Confidence",
    "HappeningKind",
    "MeetingKind",
    "OfficeRole",
    "OfficeStatus",
    "OrganisationKind",
    "PlaceKind",
    "ProjectStatus",
    "Role",
    "Sector",
    "StatementKind",
    "TreatyKind",
]


class Basis(enum.StrEnum):
    """How a source supports a value."""

    STATED = "stated"
    """The document says it, in the paragraphs cited."""
    INFERRED = "inferred"
    """Worked out from the document; the citation's ``note`` says how."""
    EXTERNAL = "external"
    """Taken from another source; the citation gives its address and confidence."""


class Confidence(enum.StrEnum):
    """How sure a check against an external source was."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class PlaceKind(enum.StrEnum):
    """What sort of place a ``Place`` is."""

    CITY = "city"
    REGION = "region"
    SQUARE = "square"
    RIVER = "river"
    BUILDING = "building"
    INSTITUTION = "institution"
    AIRPORT = "airport"
    CELESTIAL_BODY = "celestial_body"


class OrganisationKind(enum.StrEnum):
    """What sort of body an ``Organisation`` is."""

    INTERGOVERNMENTAL = "intergovernmental"
    GOVERNMENT_AGENCY = "government_agency"
    STATE_CORPORATION = "state_corporation"


class OfficeRole(enum.StrEnum):
    """The broad class of an office, for grouping; ``Office.post`` has its title."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    MINISTER = "minister"
    STATE_COUNCILOR = "state_councilor"
    AMBASSADOR = "ambassador"
    OTHER = "other"


class OfficeStatus(enum.StrEnum):
    """Whether an office was still held, as of the citing source.

    ``ONGOING`` and ``ENDED`` are known; ``UNKNOWN`` says the source does not tell
    whether or when the tenure ended (never read it as "ongoing").
    """

    ONGOING = "ongoing"
    ENDED = "ended"
    UNKNOWN = "unknown"


class Role(enum.StrEnum):
    """The part an actor plays in a meeting, happening or signature.

    ``HOST`` and ``GUEST`` are the two sides of a visit (CAMEO 043 "host a
    visit" and 042 "make a visit"); ``ACTOR`` and ``RECIPIENT`` are the giver
    and receiver of aid or of another act (PLOVER's actor and recipient).
    """

    HOST = "host"
    GUEST = "guest"
    PARTICIPANT = "participant"
    ACTOR = "actor"
    RECIPIENT = "recipient"
    SIGNATORY = "signatory"


_Codes: TypeAlias = tuple[str | None, str | None, str | None, str | None]
"""(CAMEO code, PLOVER type, PLOVER mode, PLOVER context) of one kind of event.

The PLOVER columns are those the PLOVER project's own CAMEO-to-PLOVER table
(``CAMEO2PLOVER-2021.txt`` in openeventdata/PLOVER) gives for the CAMEO code;
``None`` where the table gives none. CAMEO's cue categories 01 (make public
statement) and 02 (appeal) have no PLOVER type: the PLOVER manual drops them.
The rows relied on are kept in ``tests/data/cameo2plover.txt``.
"""


class _Coded(enum.StrEnum):
    """An event vocabulary with a crosswalk to CAMEO and PLOVER."""

    @property
    def cameo(self) -> str | None:
        """The CAMEO event code, or ``None`` where CAMEO has no fitting code."""
        return _CODES[type(self).__name__, self.value][0]

    @property
    def plover(self) -> str | None:
        """The PLOVER event type of the CAMEO code, or ``None`` where PLOVER has none."""
        return _CODES[type(self).__name__, self.value][1]

    @property
    def plover_mode(self) -> str | None:
        """The PLOVER mode of the CAMEO code, where the PLOVER table gives one."""
        return _CODES[type(self).__name__, self.value][2]

    @property
    def plover_context(self) -> str | None:
        """The PLOVER context of the CAMEO code, where the PLOVER table gives one."""
        return _CODES[type(self).__name__, self.value][3]


class MeetingKind(_Coded):
    """The closed vocabulary of encounters between leaders.

    Each kind carries its CAMEO code (``cameo``, from the guest's side for
    visits: the host's side of a visit is CAMEO 043, see
    ``cameo_for``) and its PLOVER type and mode.
    """

    STATE_VISIT = "state_visit"
    TALKS = "talks"
    PHONE_CALL = "phone_call"
    VIDEO_CALL = "video_call"
    CEREMONY = "ceremony"
    SUMMIT = "summit"
    JOINT_ACTIVITY = "joint_activity"
    VISIT = "visit"
    """A visit of a kind the sources do not give (not known to be a state visit)."""

    def cameo_for(self, role: Role) -> str | None:
        """The CAMEO code from one participant's side: a host of a visit is 043."""
        if role is Role.HOST and self.cameo == "042":
            return "043"
        return self.cameo


_MEETING_CODES: Final[dict[str, _Codes]] = {
    "state_visit": ("042", "CONSULT", "visit", None),  # make a visit
    "talks": ("040", "CONSULT", None, None),  # consult
    "phone_call": ("041", "CONSULT", "phone", None),  # discuss by telephone
    "video_call": ("041", "CONSULT", "phone", None),  # PLOVER: "phone or other remote medium"
    "ceremony": ("042", "CONSULT", "visit", None),  # travel to attend an event as a guest
    "summit": ("044", "CONSULT", "third-party", None),  # meet at a "third" location
    "joint_activity": ("040", "CONSULT", None, None),  # consult
    "visit": ("042", "CONSULT", "visit", None),  # make a visit
}


class HappeningKind(_Coded):
    """The closed vocabulary of dated happenings that are not meetings."""

    AID_DELIVERY = "aid_delivery"
    EXPERT_DELEGATION = "expert_delegation"
    COOPERATION = "cooperation"
    INITIATIVE = "initiative"
    SPEECH = "speech"
    MILITARY_VICTORY = "military_victory"
    TREATY_EXTENSION = "treaty_extension"
    PANDEMIC = "pandemic"


_HAPPENING_CODES: Final[dict[str, _Codes]] = {
    "aid_delivery": ("073", "AID", None, "humanitarian"),  # provide humanitarian aid
    "expert_delegation": ("073", "AID", None, "humanitarian"),  # provide humanitarian aid
    "cooperation": ("060", "COOPERATE", None, None),  # engage in material cooperation
    "initiative": ("030", "AGREE", None, "diplomatic"),  # express intent to cooperate
    "speech": ("010", None, None, None),  # make statement: PLOVER drops CAMEO 01
    "military_victory": (None, None, None, None),
    "treaty_extension": ("057", "SUPPORT", None, "diplomatic"),  # sign formal agreement
    "pandemic": (None, None, None, None),
}

# (vocabulary, value) -> (CAMEO code, PLOVER type, PLOVER mode, PLOVER context)
_CODES: Final[dict[tuple[str, str], _Codes]] = {
    **{("MeetingKind", value): codes for value, codes in _MEETING_CODES.items()},
    **{("HappeningKind", value): codes for value, codes in _HAPPENING_CODES.items()},
}


class TreatyKind(enum.StrEnum):
    """What sort of agreement a ``Treaty`` is."""

    TREATY = "treaty"
    JOINT_STATEMENT = "joint_statement"
    MEMORANDUM = "memorandum"
    AGREEMENT = "agreement"

    @property
    def cameo(self) -> str:
        """Signing any of these is CAMEO 057, "sign formal agreement"."""
        return "057"

    @property
    def plover(self) -> str:
        """Signing any of these is PLOVER SUPPORT (a promise to sign would be AGREE)."""
        return "SUPPORT"

    @property
    def plover_context(self) -> str:
        """The PLOVER context of CAMEO 057: ``diplomatic``."""
        return "diplomatic"


class Sector(enum.StrEnum):
    """The field a cooperation ``Project`` belongs to."""

    ENERGY = "energy"
    SPACE = "space"
    TRANSPORT = "transport"
    HEALTH = "health"
    TRADE = "trade"
    CULTURE = "culture"


class ProjectStatus(enum.StrEnum):
    """Where a project stands (as of a milestone or of the citing source)."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    UNDER_CONSTRUCTION = "under_construction"
    IN_OPERATION = "in_operation"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    UNKNOWN = "unknown"


class StatementKind(enum.StrEnum):
    """The form of a ``Statement``.

    ``QUOTATION``: the source quotes the speaker's words, kept verbatim in
    ``quote``; ``PARAPHRASE``: the source reports what someone said;
    ``CLAIM``: the source's own assertion.
    """

    QUOTATION = "quotation"
    PARAPHRASE = "paraphrase"
    CLAIM = "claim"
