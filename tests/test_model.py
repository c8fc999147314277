"""The records: immutability, validation, dates as claims, vocabularies."""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import pytest

import sinorussia as sr
from sinorussia._fields import FieldError

STATED = sr.Citation(basis=sr.Basis.STATED, document="article", paragraphs=(1,))
EXTERNAL = sr.Citation(
    basis=sr.Basis.EXTERNAL, source="https://example.org", confidence=sr.Confidence.HIGH
)


def dating(*values: str) -> sr.Dating:
    """A dating of stated claims with these EDTF values."""
    return sr.Dating(tuple(sr.DateClaim(value=sr.parse_edtf(v), citation=STATED) for v in values))


class TestImmutability:
    def test_records_are_frozen(self, ds: sr.Dataset) -> None:
        """Assigning to a record's field raises."""
        leader = ds.leaders.get("wang-yi")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            leader.name = "Someone else"  # type: ignore[misc]

    def test_records_have_no_dict(self, ds: sr.Dataset) -> None:
        """Slotted records have no __dict__ to write through."""
        assert not hasattr(ds.meetings[0], "__dict__")

    def test_collections_inside_records_are_tuples(self, ds: sr.Dataset) -> None:
        """Multi-valued fields are tuples, which cannot be changed in place."""
        parade = ds.meetings.get("victory-day-parade-2015")
        assert isinstance(parade.participants, tuple)
        assert isinstance(parade.citations, tuple)

    def test_evolve_validates(self, ds: sr.Dataset) -> None:
        """attrs.evolve makes a changed copy and runs the validators."""
        leader = ds.leaders.get("wang-yi")
        renamed = attrs.evolve(leader, name="Wang Yi (王毅)")
        assert renamed.name == "Wang Yi (王毅)"
        assert leader.name == "Wang Yi"
        with pytest.raises(FieldError, match="not a valid id"):
            attrs.evolve(leader, id="Wang Yi")

    def test_dataset_is_frozen(self, ds: sr.Dataset) -> None:
        """The dataset and its collections refuse attribute assignment."""
        with pytest.raises(AttributeError):
            ds.meetings = ds.meetings
        with pytest.raises(AttributeError):
            ds.meetings._items = ()
        with pytest.raises(TypeError):
            ds.meetings[0] = ds.meetings[1]  # type: ignore[index]

    def test_records_pickle(self, ds: sr.Dataset) -> None:
        """Records and the whole dataset survive pickling."""
        assert pickle.loads(pickle.dumps(ds)) == ds
        parade = ds.meetings.get("victory-day-parade-2015")
        assert pickle.loads(pickle.dumps(parade)) == parade

    def test_records_are_hashable(self, ds: sr.Dataset) -> None:
        """Records can be set members and dict keys."""
        assert len(set(ds.meetings)) == len(ds.meetings)


class TestCitation:
    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"basis": sr.Basis.STATED, "paragraphs": (1,)}, "needs a document"),
            ({"basis": sr.Basis.STATED, "document": "a"}, "needs paragraph numbers"),
            ({"basis": sr.Basis.INFERRED, "document": "a", "paragraphs": (1,)}, "needs a note"),
            ({"basis": sr.Basis.EXTERNAL, "confidence": sr.Confidence.LOW}, "source address"),
            ({"basis": sr.Basis.EXTERNAL, "source": "https://x"}, "needs a confidence"),
            (
                {
                    "basis": sr.Basis.STATED,
                    "document": "a",
                    "paragraphs": (1,),
                    "confidence": sr.Confidence.LOW,
                },
                "external citations only",
            ),
            ({"basis": sr.Basis.STATED, "document": "a", "paragraphs": (0,)}, "start at 1"),
            ({"basis": sr.Basis.STATED, "document": "a", "paragraphs": (2, 2)}, "repeat"),
        ],
    )
    def test_rules_per_basis(self, kwargs: dict[str, Any], message: str) -> None:
        """Each basis requires its own fields, and refuses the wrong ones."""
        with pytest.raises(ValueError, match=message):
            sr.Citation(**kwargs)

    def test_external_may_point_at_paragraphs(self) -> None:
        """An external citation may say which paragraphs it sharpens."""
        citation = sr.Citation(
            basis=sr.Basis.EXTERNAL,
            source="https://x",
            confidence=sr.Confidence.MEDIUM,
            document="article",
            paragraphs=(15,),
        )
        assert citation.paragraphs == (15,)

    def test_repr_is_short(self) -> None:
        """The repr says the basis and where."""
        assert repr(STATED) == "<Citation stated: article ¶1>"
        assert repr(EXTERNAL) == "<Citation external: https://example.org (high)>"


class TestDating:
    def test_best_is_the_sharpest(self) -> None:
        """The narrowest claim wins, wherever it is listed."""
        assert dating("2019", "2019-06-05", "2019-06").edtf == "2019-06-05"

    def test_first_wins_a_tie(self) -> None:
        """Of two equally sharp claims, the first listed is best."""
        first = sr.Dating(
            (
                sr.DateClaim(value=sr.parse_edtf("2021-03-23"), citation=STATED),
                sr.DateClaim(value=sr.parse_edtf("2021-03-23"), citation=EXTERNAL),
            )
        )
        assert first.best is first.claims[0].value

    def test_unbounded_is_never_sharper(self) -> None:
        """An open interval loses to any bounded value."""
        assert dating("2013-03/..", "2021").edtf == "2021"

    def test_behaves_like_its_best_value(self) -> None:
        """Bounds, contains and overlaps come from the best claim."""
        value = dating("2019", "2019-06")
        assert str(value.lower) == "2019-06-01"
        assert str(value.upper) == "2019-06-30"
        assert value.contains("2019-06-05")
        assert not value.overlaps("2019-07")

    def test_needs_a_claim(self) -> None:
        """A dating without claims is refused."""
        with pytest.raises(ValueError, match="at least one"):
            sr.Dating(())

    def test_of_builds_one_claim(self) -> None:
        """Dating.of parses an EDTF string into a single claim."""
        value = sr.Dating.of("2020-04", STATED)
        assert [c.value.edtf for c in value] == ["2020-04"]

    def test_by_basis(self) -> None:
        """by_basis picks the claims of one basis, in order."""
        value = sr.Dating(
            (
                sr.DateClaim(value=sr.parse_edtf("2001"), citation=STATED),
                sr.DateClaim(value=sr.parse_edtf("2001-07-16"), citation=EXTERNAL),
            )
        )
        assert [c.value.edtf for c in value.by_basis(sr.Basis.EXTERNAL)] == ["2001-07-16"]
        assert repr(value) == "<Dating 2001-07-16 (+1 claim)>"


class TestVocabularies:
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


class TestRecords:
    def test_office_period(self, ds: sr.Dataset) -> None:
        """An ongoing office with a known start is an open interval."""
        office = ds.offices.get("xi-jinping-president-of-china")
        assert office.period is not None
        assert office.period.edtf == "2013-03/.."

    def test_office_period_unknown(self, ds: sr.Dataset) -> None:
        """An office with neither start nor end has no period."""
        assert ds.offices.get("wang-yi-foreign-minister").period is None

    def test_ended_office_period(self, ds: sr.Dataset) -> None:
        """An ended office with an unknown start has an unknown start bound."""
        office = ds.offices.get("jiang-zemin-president-of-china")
        assert office.period is not None
        assert office.period.edtf == "/2013-03"

    def test_quotation_needs_quote(self) -> None:
        """A quotation without a quote, or a claim with one, is refused."""
        with pytest.raises(ValueError, match="quotation has a quote"):
            sr.Statement(
                id="s", citations=(STATED,), kind=sr.StatementKind.QUOTATION, speaker="x", text="t"
            )
        with pytest.raises(ValueError, match="quotation has a quote"):
            sr.Statement(
                id="s", citations=(STATED,), kind=sr.StatementKind.CLAIM, text="t", quote="q"
            )

    def test_paraphrase_needs_speaker(self) -> None:
        """Only the source's own claims may lack a speaker."""
        with pytest.raises(ValueError, match="needs a speaker"):
            sr.Statement(id="s", citations=(STATED,), kind=sr.StatementKind.PARAPHRASE, text="t")

    def test_aggregate_meeting(self, ds: sr.Dataset) -> None:
        """Aggregated meetings say so; a single one does not."""
        assert ds.meetings.get("phone-calls-2020").is_aggregate
        assert ds.meetings.get("mutual-visits-2013-2021").count is None
        assert not ds.meetings.get("victory-day-parade-2015").is_aggregate

    def test_reprs_are_short(self, ds: sr.Dataset) -> None:
        """Reprs fit on one line and name the id."""
        assert repr(ds.leaders.get("wang-yi")) == "<Leader wang-yi 'Wang Yi'>"
        assert (
            repr(ds.meetings.get("phone-calls-2020"))
            == "<Meeting phone-calls-2020 phone_call 2020>"
        )
        for record in ds.records():
            assert "\n" not in repr(record)
            assert len(repr(record)) < 200


class TestCollection:
    def test_get(self, ds: sr.Dataset) -> None:
        """get(id) returns the record of that id."""
        assert ds.leaders.get("sergei-lavrov").name == "Sergei Lavrov"

    def test_get_miss_suggests(self, ds: sr.Dataset) -> None:
        """A miss raises NotFound, a LookupError, with close ids."""
        with pytest.raises(sr.NotFound) as info:
            ds.leaders.get("sergey-lavrov")
        assert isinstance(info.value, LookupError)
        assert info.value.suggestions[0] == "sergei-lavrov"
        assert "did you mean 'sergei-lavrov'" in str(info.value)

    def test_get_default(self, ds: sr.Dataset) -> None:
        """get(id, default) returns the default on a miss, even None."""
        assert ds.leaders.get("nobody", None) is None
        assert ds.leaders.get("nobody", "x") == "x"

    def test_get_only_its_own_kind(self, ds: sr.Dataset) -> None:
        """A collection finds only its own records: a place is no leader."""
        assert ds.leaders.get("moscow", None) is None
        assert ds.get("moscow").id == "moscow"

    def test_sequence(self, ds: sr.Dataset) -> None:
        """A collection indexes, slices and iterates like a tuple."""
        meetings = ds.meetings
        assert meetings[0] is next(iter(meetings))
        assert isinstance(meetings[1:3], sr.Collection)
        assert list(meetings[1:3]) == list(meetings)[1:3]
        assert meetings[-1] is list(meetings)[-1]
        assert "guilin-talks-2021" in meetings.ids
        assert meetings.get("guilin-talks-2021") in meetings

    def test_people_and_events(self, ds: sr.Dataset) -> None:
        """people holds leaders and others; events holds meetings and happenings."""
        assert len(ds.people) == len(ds.leaders) + 1
        assert len(ds.events) == len(ds.meetings) + len(ds.happenings)

    def test_repr(self, ds: sr.Dataset) -> None:
        """A collection's repr shows its size and first ids."""
        assert repr(ds.documents) == "<Collection of 1 document: article>"
        assert repr(ds.leaders).startswith("<Collection of 6 leaders: xi-jinping, ")
