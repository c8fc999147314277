"""The closed vocabularies (``_vocab``) and their crosswalks to CAMEO and PLOVER."""

from __future__ import annotations

import enum
import re
from pathlib import Path
from typing import NamedTuple

import pytest

import sinorussia as sr
from sinorussia import _vocab

VOCABULARIES = [getattr(_vocab, name) for name in _vocab.__all__]
CODED = [vocabulary for vocabulary in VOCABULARIES if hasattr(vocabulary, "cameo")]

DATA = Path(__file__).parent / "data"


class Row(NamedTuple):
    """One row of the official CAMEO-to-PLOVER table (an empty field is ``None``)."""

    plover: str
    mode: str | None
    context: str | None
    text: str


def _data_lines(name: str) -> list[str]:
    """The rows of a file under tests/data: every line but blanks and ``#`` comments."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def official_rows() -> dict[str, Row]:
    """The rows of CAMEO2PLOVER-2021.txt kept in tests/data, by CAMEO code.

    A row reads ``code: TYPE, mode, context # CAMEO text``.
    """
    rows: dict[str, Row] = {}
    for line in _data_lines("cameo2plover.txt"):
        match = re.fullmatch(r"(?P<code>[0-9]{2,4}): (?P<fields>[^#]*)# (?P<text>.*)", line)
        assert match, f"not a row of the table: {line!r}"
        plover, mode, context = (field.strip() or None for field in match["fields"].split(","))
        assert plover is not None, line
        assert match["code"] not in rows, f"CAMEO {match['code']} is there twice"
        rows[match["code"]] = Row(plover, mode, context, match["text"])
    return rows


def dropped_categories() -> dict[str, str]:
    """The CAMEO cue categories the PLOVER manual drops, with their CAMEO text."""
    dropped = {}
    for line in _data_lines("plover-dropped.txt"):
        match = re.fullmatch(r"(?P<code>[0-9]{2}) & (?P<text>[^&]+) & dropped \\\\", line)
        assert match, f"not a dropped category of the manual's table: {line!r}"
        dropped[match["code"]] = match["text"]
    return dropped


def _sides(kind: enum.Enum) -> list[str | None]:
    """The CAMEO codes of a kind: its own and, for meetings, each participant's."""
    codes: list[str | None] = [getattr(kind, "cameo")]  # noqa: B009
    if isinstance(kind, sr.MeetingKind):
        codes += [kind.cameo_for(role) for role in sr.Role]
    return list(dict.fromkeys(codes))


def _plover(kind: enum.Enum) -> tuple[str | None, str | None, str | None]:
    """The PLOVER type, mode and context a kind carries (``None`` where it has no property)."""
    return (
        getattr(kind, "plover", None),
        getattr(kind, "plover_mode", None),
        getattr(kind, "plover_context", None),
    )


USED = sorted(
    {code for v in CODED for kind in v for code in _sides(kind) if code is not None},
)


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
        with pytest.raises(ValueError, match="'trip' is not a valid MeetingKind"):
            sr.MeetingKind("trip")

    def test_public_names(self) -> None:
        """Every vocabulary is public as sinorussia.<Name>."""
        for vocabulary in VOCABULARIES:
            assert getattr(sr, vocabulary.__name__) is vocabulary


class TestOfficialTable:
    """The crosswalk holds against the rows of PLOVER's own CAMEO-to-PLOVER table."""

    @pytest.mark.parametrize(
        "kind",
        [kind for v in CODED for kind in v],
        ids=lambda kind: f"{type(kind).__name__}.{kind.name}",
    )
    def test_kind_agrees_with_official_row(self, kind: enum.Enum) -> None:
        """Each kind's PLOVER type, mode and context are those of its CAMEO code's row.

        For meetings this holds from every participant's side (043 for a host of a
        visit); a code of a cue category PLOVER drops (CAMEO 01, statements) has no
        PLOVER codes, and neither has a kind without a CAMEO code.
        """
        rows, dropped = official_rows(), dropped_categories()
        for code in _sides(kind):
            if code is None:
                assert _plover(kind) == (None, None, None)
            elif code in rows:
                row = rows[code]
                assert _plover(kind) == (row.plover, row.mode, row.context), f"CAMEO {code}"
            else:
                assert code[:2] in dropped, f"CAMEO {code} has no row in tests/data"
                assert _plover(kind) == (None, None, None)

    def test_every_code_used_has_a_row(self) -> None:
        """Every CAMEO code the vocabularies use has its official row, or a dropped category.

        And the data holds no row the vocabularies do not use.
        """
        rows, dropped = official_rows(), dropped_categories()
        without = [code for code in USED if code not in rows and code[:2] not in dropped]
        assert without == []
        assert set(rows) == {code for code in USED if code in rows}
        assert set(dropped) == {code[:2] for code in USED if code not in rows}
        assert not {code for code in rows if code[:2] in dropped}

    def test_codes_used(self) -> None:
        """The CAMEO codes in use, each with the CAMEO text its official row gives."""
        rows = official_rows()
        assert {code: rows[code].text for code in USED if code in rows} == {
            "030": "Express intent to cooperate",
            "040": "Consult",
            "041": "Discuss by telephone",
            "042": "Make a visit",
            "043": "Host a visit",
            "044": "Meet at a 'third' location",
            "057": "Sign formal agreement",
            "060": "Engage in material cooperation",
            "073": "Provide humanitarian aid",
        }
        assert [code for code in USED if code not in rows] == ["010"]
        assert dropped_categories() == {"01": "MAKE PUBLIC STATEMENT"}

    def test_data_names_its_source(self) -> None:
        """Each data file names the repository, path and commit it was copied from."""
        for name, path in [
            ("cameo2plover.txt", "CAMEO2PLOVER-2021.txt"),
            ("plover-dropped.txt", "PLOVER_MANUAL.tex"),
        ]:
            header = (DATA / name).read_text(encoding="utf-8")
            assert "https://github.com/openeventdata/PLOVER" in header
            assert f"file {path}," in header
            assert re.search(r"commit [0-9a-f]{40}", header)


class TestCrosswalk:
    @pytest.mark.parametrize(
        ("kind", "cameo", "plover", "mode"),
        [
            (sr.MeetingKind.PHONE_CALL, "041", "CONSULT", "phone"),
            (sr.MeetingKind.STATE_VISIT, "042", "CONSULT", "visit"),
            (sr.MeetingKind.SUMMIT, "044", "CONSULT", "third-party"),
            (sr.MeetingKind.TALKS, "040", "CONSULT", None),
            (sr.MeetingKind.JOINT_ACTIVITY, "040", "CONSULT", None),
        ],
    )
    def test_meeting_codes(
        self, kind: sr.MeetingKind, cameo: str, plover: str, mode: str | None
    ) -> None:
        """Meeting kinds carry their CAMEO code and PLOVER type and mode, and no context."""
        assert (kind.cameo, kind.plover, kind.plover_mode) == (cameo, plover, mode)
        assert kind.plover_context is None

    def test_every_kind_has_codes(self) -> None:
        """No kind of meeting or happening lacks an entry in the crosswalk."""
        for kind in [*sr.MeetingKind, *sr.HappeningKind]:
            assert kind.cameo is None or kind.cameo.isdigit()
            _ = kind.plover, kind.plover_mode, kind.plover_context

    def test_aid_is_cameo_073(self) -> None:
        """Humanitarian aid maps to CAMEO 073 and PLOVER AID, context humanitarian."""
        aid = sr.HappeningKind.AID_DELIVERY
        assert (aid.cameo, aid.plover, aid.plover_context) == ("073", "AID", "humanitarian")

    def test_host_side_of_a_visit(self) -> None:
        """A visit is 042 for the guest and 043 for the host."""
        assert sr.MeetingKind.STATE_VISIT.cameo_for(sr.Role.GUEST) == "042"
        assert sr.MeetingKind.STATE_VISIT.cameo_for(sr.Role.HOST) == "043"
        assert sr.MeetingKind.PHONE_CALL.cameo_for(sr.Role.HOST) == "041"

    def test_signing_is_057(self) -> None:
        """Signing any kind of agreement is CAMEO 057, PLOVER SUPPORT (not AGREE, a promise)."""
        assert {(k.cameo, k.plover, k.plover_context) for k in sr.TreatyKind} == {
            ("057", "SUPPORT", "diplomatic")
        }
        extension = sr.HappeningKind.TREATY_EXTENSION
        assert (extension.cameo, extension.plover) == ("057", "SUPPORT")

    def test_intent_to_cooperate_is_agree(self) -> None:
        """A joint proposal is CAMEO 030, "express intent to cooperate": PLOVER AGREE."""
        initiative = sr.HappeningKind.INITIATIVE
        assert (initiative.cameo, initiative.plover, initiative.plover_context) == (
            "030",
            "AGREE",
            "diplomatic",
        )

    def test_statements_have_no_plover_type(self) -> None:
        """A speech is CAMEO 010; PLOVER drops CAMEO's statements, so it has no PLOVER codes."""
        speech = sr.HappeningKind.SPEECH
        assert (speech.cameo, speech.plover, speech.plover_mode, speech.plover_context) == (
            "010",
            None,
            None,
            None,
        )

    def test_happenings_have_no_mode(self) -> None:
        """PLOVER modes belong to meetings; a happening has none, and some have no code at all."""
        assert {kind.plover_mode for kind in sr.HappeningKind} == {None}
        victory = sr.HappeningKind.MILITARY_VICTORY
        assert (victory.cameo, victory.plover, victory.plover_context) == (None, None, None)

    def test_only_event_vocabularies_are_coded(self) -> None:
        """Only meeting, happening and treaty kinds carry CAMEO codes."""
        coded = {v.__name__ for v in VOCABULARIES if hasattr(v, "cameo")}
        assert coded == {"MeetingKind", "HappeningKind", "TreatyKind"}
