"""The closed vocabularies (``_vocab``) and their crosswalks to CAMEO and PLOVER."""

from __future__ import annotations

import enum
import re

import pytest

import sinorussia as sr
from sinorussia import _vocab

VOCABULARIES = [getattr(_vocab, name) for name in _vocab.__all__]


class TestStrEnums:
    @pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
    def test_members_are_their_values(self, vocabulary: type[enum.StrEnum]) -> None:
        """Each member equals its string value and is found by it; values are snake_case."""
        assert issubclass(vocabulary, enum.StrEnum)
        for member in vocabulary:
            assert member == member.value
            assert vocabulary(member.value) is member
            assert re.fullmatch(r"[a-z]+(_[a-z0-9]+)*", member.value), member

    def test_unknown_value(self) -> None:
        """A value outside the vocabulary is a ValueError."""
        with pytest.raises(ValueError, match="'visit' is not a valid MeetingKind"):
            sr.MeetingKind("visit")

    def test_public_names(self) -> None:
        """Every vocabulary is public as sinorussia.<Name>."""
        for vocabulary in VOCABULARIES:
            assert getattr(sr, vocabulary.__name__) is vocabulary


class TestCrosswalk:
    @pytest.mark.parametrize(
        ("kind", "cameo", "plover", "mode"),
        [
            (sr.MeetingKind.PHONE_CALL, "041", "CONSULT", "phone"),
            (sr.MeetingKind.STATE_VISIT, "042", "CONSULT", "visit"),
            (sr.MeetingKind.SUMMIT, "044", "CONSULT", "multilateral"),
            (sr.MeetingKind.TALKS, "040", "CONSULT", "visit"),
        ],
    )
    def test_meeting_codes(self, kind: sr.MeetingKind, cameo: str, plover: str, mode: str) -> None:
        """Meeting kinds carry their CAMEO code and PLOVER type and mode."""
        assert (kind.cameo, kind.plover, kind.plover_mode) == (cameo, plover, mode)

    def test_every_kind_has_codes(self) -> None:
        """No kind of meeting or happening lacks an entry in the crosswalk."""
        for kind in [*sr.MeetingKind, *sr.HappeningKind]:
            assert kind.cameo is None or kind.cameo.isdigit()
            _ = kind.plover, kind.plover_mode

    def test_aid_is_cameo_073(self) -> None:
        """Humanitarian aid maps to CAMEO 073 and PLOVER AID."""
        assert (sr.HappeningKind.AID_DELIVERY.cameo, sr.HappeningKind.AID_DELIVERY.plover) == (
            "073",
            "AID",
        )

    def test_host_side_of_a_visit(self) -> None:
        """A visit is 042 for the guest and 043 for the host."""
        assert sr.MeetingKind.STATE_VISIT.cameo_for(sr.Role.GUEST) == "042"
        assert sr.MeetingKind.STATE_VISIT.cameo_for(sr.Role.HOST) == "043"
        assert sr.MeetingKind.PHONE_CALL.cameo_for(sr.Role.HOST) == "041"

    def test_signing_is_057(self) -> None:
        """Signing any kind of agreement is CAMEO 057, PLOVER AGREE."""
        assert {(k.cameo, k.plover) for k in sr.TreatyKind} == {("057", "AGREE")}

    def test_happenings_have_no_mode(self) -> None:
        """PLOVER modes belong to meetings; a happening has none, and some have no code at all."""
        assert {kind.plover_mode for kind in sr.HappeningKind} == {None}
        victory = sr.HappeningKind.MILITARY_VICTORY
        assert (victory.cameo, victory.plover) == (None, None)

    def test_only_event_vocabularies_are_coded(self) -> None:
        """Only meeting, happening and treaty kinds carry CAMEO codes."""
        coded = {v.__name__ for v in VOCABULARIES if hasattr(v, "cameo")}
        assert coded == {"MeetingKind", "HappeningKind", "TreatyKind"}
