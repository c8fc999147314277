"""The closed vocabularies of the records, with their crosswalks to CAMEO and PLOVER.

Every vocabulary is a :class:`enum.StrEnum`: its members compare equal to their
string values, which are what a dataset file holds.
"""

from __future__ import annotations

import enum
from typing import Final

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


class _Coded(enum.StrEnum):
    """An event vocabulary with a crosswalk to CAMEO and PLOVER."""

    @property
    def cameo(self) -> str | None:
        """The CAMEO event code, or ``None`` where CAMEO has no fitting code."""
        return _CODES[type(self).__name__, self.value][0]

    @property
    def plover(self) -> str | None:
        """The PLOVER event type, or ``None`` where PLOVER has none."""
        return _CODES[type(self).__name__, self.value][1]

    @property
    def plover_mode(self) -> str | None:
        """The PLOVER mode of the event type, where one applies."""
        return _CODES[type(self).__name__, self.value][2]


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

    def cameo_for(self, role: Role) -> str | None:
        """The CAMEO code from one participant's side: a host of a visit is 043."""
        if role is Role.HOST and self.cameo == "042":
            return "043"
        return self.cameo


_MEETING_CODES: Final[dict[str, tuple[str | None, str | None, str | None]]] = {
    "state_visit": ("042", "CONSULT", "visit"),
    "talks": ("040", "CONSULT", "visit"),
    "phone_call": ("041", "CONSULT", "phone"),
    "video_call": ("041", "CONSULT", "phone"),
    "ceremony": ("042", "CONSULT", "visit"),
    "summit": ("044", "CONSULT", "multilateral"),
    "joint_activity": ("040", "CONSULT", "visit"),
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


_HAPPENING_CODES: Final[dict[str, tuple[str | None, str | None, str | None]]] = {
    "aid_delivery": ("073", "AID", None),
    "expert_delegation": ("073", "AID", None),
    "cooperation": ("060", "COOPERATE", None),
    "initiative": ("030", "COOPERATE", None),
    "speech": ("010", None, None),
    "military_victory": (None, None, None),
    "treaty_extension": ("057", "AGREE", None),
    "pandemic": (None, None, None),
}

# (vocabulary, value) -> (CAMEO code, PLOVER type, PLOVER mode)
_CODES: Final[dict[tuple[str, str], tuple[str | None, str | None, str | None]]] = {
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
        """Signing any of these is PLOVER AGREE."""
        return "AGREE"


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
