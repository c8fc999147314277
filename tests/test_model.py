"""The records (``_model``): immutability, validation, citations, dates as claims."""

from __future__ import annotations

import csv
import io
import pickle
from typing import Any

import attrs
import pytest

import sinorussia as sr
from sinorussia._dataset import SECTIONS
from sinorussia._dates import _NEG_INF, _POS_INF
from sinorussia._export import nodes as export_nodes
from sinorussia._export import render
from sinorussia._fields import FieldError
from sinorussia._index import Base

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

    def test_records_pickle(self, ds: sr.Dataset) -> None:
        """Records survive pickling."""
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


class TestFacets:
    """What a record says about itself is one answer, used everywhere."""

    def test_one_date_everywhere(self, ds: sr.Dataset) -> None:
        """The timeline, the CSV export, the graph nodes and the period index use one date."""
        entries = {e.record.id: e.date for e in ds.timeline() if e.milestone is None}
        tables = render(ds, format="csv")
        sections = {f"{section.name}.csv" for section in SECTIONS}
        rows = {
            row["id"]: row
            for name, data in tables.items()
            if name in sections  # the section tables, not the join tables or the descriptor
            for row in csv.DictReader(io.StringIO(data.decode("utf-8")))
        }
        nodes = {n["id"]: n for n in export_nodes(ds)}
        spans = dict(zip(ds.all().ids, Base(tuple(ds.all()), ds.all()._ctx).spans(), strict=True))
        checked = 0
        for record in ds.records():
            dating = record.dating
            assert spans[record.id] == record.span
            if dating is None:
                assert record.id not in entries
                continue
            checked += 1
            assert record.span == dating.best._span
            if record.id in entries:
                assert entries[record.id] is dating
            field = type(record)._date_field
            assert field is not None
            row = rows[record.id]
            assert row[field] == dating.edtf
            assert row[f"{field}_lower"] == ("" if dating.lower is None else str(dating.lower))
            assert row[f"{field}_upper"] == ("" if dating.upper is None else str(dating.upper))
            if record.id in nodes:
                assert nodes[record.id]["date"] == dating.edtf
        # Every timeline entry is a dated record checked above (events and treaties).
        assert set(entries) <= {r.id for r in ds.records() if r.dating is not None}
        assert len(entries) == len(ds.events.filter(lambda e: e.dating is not None)) + len(
            ds.treaties.filter(lambda t: t.signed is not None)
        )
        assert checked > len(entries)  # statements and the document are dated too

    def test_an_office_spans_its_tenure(self, ds: sr.Dataset) -> None:
        """An office's span runs from its start to its end; unknown ends are unbounded."""
        for office in ds.offices:
            lo, hi = office.span
            if office.start is None:
                assert lo == _NEG_INF
            else:
                assert lo == office.start.best._span[0]
            if office.end is None:
                assert hi == _POS_INF
            else:
                assert hi == office.end.best._span[1]
            assert office.dating is None
            assert office.when == (office.period or (office.attested and office.attested.best))

    def test_labels_and_categories(self, ds: sr.Dataset) -> None:
        """Each class labels itself by its name, title, text or post, and has its kind."""
        office = ds.offices.get("wang-yi-foreign-minister")
        assert (office.label, office.category) == (office.post, "minister")
        project = ds.projects.get("east-route-gas-pipeline")
        assert project.category == project.sector.value
        meeting = ds.meetings.get("guilin-talks-2021")
        assert (meeting.label, meeting.category) == (meeting.title, meeting.kind.value)
        statement = ds.statements[0]
        assert statement.label == statement.text
        assert ds.people.get("xi-jinping").category is None
        assert ds.documents[0].label == ds.documents[0].title

    def test_actors_carry_roles(self, ds: sr.Dataset) -> None:
        """Participants keep their roles; other fields say what the actor is."""
        meeting = ds.meetings.get("guilin-talks-2021")
        assert meeting.actors == tuple(sr.Actor(p.who, p.role.value) for p in meeting.participants)
        treaty = ds.treaties.get("treaty-of-good-neighborliness")
        assert [a for a in treaty.actors if a.role == "party"] == [
            sr.Actor(party, "party") for party in treaty.parties
        ]
        office = ds.offices.get("wang-yi-foreign-minister")
        assert office.actors[:2] == (
            sr.Actor("wang-yi", "holder"),
            sr.Actor(office.organisation, "organisation"),
        )

    def test_sites_and_names(self, ds: sr.Dataset) -> None:
        """A place is its own site; a project's is its location; names lead with the name."""
        assert ds.places.get("moscow").site == "moscow"
        project = ds.projects.get("east-route-gas-pipeline")
        assert project.site == project.location
        xi = ds.people.get("xi-jinping")
        assert xi.names == (xi.name, *xi.aliases)
        china = ds.countries.get("china")
        assert china.names[0] == "China"
        assert "CN" in china.names
        assert "CHN" in china.names


def who(person: str, role: sr.Role = sr.Role.PARTICIPANT) -> sr.Participant:
    """A participant."""
    return sr.Participant(who=person, role=role)


def field_error(build: Any) -> FieldError:
    """The FieldError that ``build()`` raises."""
    with pytest.raises(FieldError) as info:
        build()
    return info.value


class TestImpossibleRecords:
    """Rules of one record that no true record breaks, each naming the field at fault."""

    def test_host_and_guest_at_once(self) -> None:
        """One actor as both host and guest of one meeting is refused at the second listing."""
        error = field_error(
            lambda: sr.Meeting(
                id="m",
                citations=(STATED,),
                title="Talks",
                kind=sr.MeetingKind.TALKS,
                participants=(who("xi", sr.Role.GUEST), who("putin"), who("xi", sr.Role.HOST)),
            )
        )
        assert error.where == ".participants[2].who"
        assert str(error) == (
            "'xi' is both guest and host (the host of a visit cannot be its guest);"
            " it is at [0] too"
        )

    def test_giver_and_receiver_at_once(self) -> None:
        """One actor as both actor and recipient of one happening is refused."""
        error = field_error(
            lambda: sr.Happening(
                id="h",
                citations=(STATED,),
                title="Aid",
                kind=sr.HappeningKind.AID_DELIVERY,
                participants=(who("russia", sr.Role.ACTOR), who("russia", sr.Role.RECIPIENT)),
            )
        )
        assert error.where == ".participants[1].who"
        assert "'russia' is both actor and recipient" in str(error)

    def test_signatory_listed_twice(self) -> None:
        """A signatory listed twice in the same role is refused too."""
        error = field_error(
            lambda: sr.Treaty(
                id="t",
                citations=(STATED,),
                name="Treaty",
                kind=sr.TreatyKind.TREATY,
                signatories=(who("a", sr.Role.SIGNATORY), who("a", sr.Role.SIGNATORY)),
            )
        )
        assert error.where == ".signatories[1].who"
        assert str(error) == "'a' is listed twice, at [0] and [1]"

    def test_distinct_actors_pass(self) -> None:
        """Different actors in every role pass, however many."""
        people = tuple(who(f"p{i}") for i in range(1000))
        meeting = sr.Meeting(
            id="m",
            citations=(STATED,),
            title="Summit",
            kind=sr.MeetingKind.SUMMIT,
            participants=people,
        )
        assert len(meeting.actors) == 1000

    def test_meeting_commemorates_itself(self) -> None:
        """A meeting cannot mark itself."""
        error = field_error(
            lambda: sr.Meeting(
                id="m",
                citations=(STATED,),
                title="M",
                kind=sr.MeetingKind.CEREMONY,
                commemorates="m",
            )
        )
        assert (error.where, str(error)) == (".commemorates", "a meeting cannot commemorate itself")

    @pytest.mark.parametrize("cls", [sr.Happening, sr.Statement])
    def test_about_itself(self, cls: type) -> None:
        """A happening or a statement cannot be about itself; the path names the item."""
        fields: dict[str, Any] = (
            {"title": "H", "kind": sr.HappeningKind.AID_DELIVERY}
            if cls is sr.Happening
            else {"kind": sr.StatementKind.CLAIM, "text": "T"}
        )
        error = field_error(lambda: cls(id="x", citations=(STATED,), about=("y", "x"), **fields))
        assert error.where == ".about[1]"
        assert str(error) == f"a {cls.__name__.lower()} cannot be about itself"

    def test_journey_starts_where_it_ends(self) -> None:
        """A happening whose origin is its place is refused; distinct places pass."""

        def flight(origin: str) -> sr.Happening:
            return sr.Happening(
                id="h",
                citations=(STATED,),
                title="Flight",
                kind=sr.HappeningKind.AID_DELIVERY,
                place="wuhan",
                origin=origin,
            )

        error = field_error(lambda: flight("wuhan"))
        assert error.where == ".origin"
        assert str(error) == "a journey cannot start where it ends ('wuhan')"
        assert flight("moscow").origin == "moscow"

    @pytest.mark.parametrize(
        ("signed", "in_force", "refused"),
        [
            ("2001-07-16", "2000", True),
            ("2001-07-16", "2001-07-15", True),
            ("2001-07-16", "2001-07-16", False),
            ("2001", "2001-02", False),
            ("2001-07-16", "2002-02-28", False),
            ("2001-07-16", "../2001-07", False),
        ],
    )
    def test_in_force_before_signed(self, signed: str, in_force: str, refused: bool) -> None:
        """A treaty certainly in force before it was signed is refused; a possible order passes."""

        def build() -> sr.Treaty:
            return sr.Treaty(
                id="t",
                citations=(STATED,),
                name="T",
                kind=sr.TreatyKind.TREATY,
                signed=dating(signed),
                in_force=dating(in_force),
            )

        if refused:
            error = field_error(build)
            assert error.where == ".in_force"
            assert str(error) == (
                f"it enters into force ({in_force}) before it is signed ({signed})"
            )
        else:
            assert build().in_force is not None

    @pytest.mark.parametrize(
        ("start", "end", "attested", "message"),
        [
            ("2013-03", None, "2012", "the office is attested (2012) before it starts (2013-03)"),
            (
                None,
                "2005",
                "2006-01-01",
                "the office is attested (2006-01-01) after it ends (2005)",
            ),
            ("2013-03", None, "2013", None),
            (None, "2005", "2005-12-31", None),
            ("2001", "2005", "2003", None),
        ],
    )
    def test_attested_outside_the_tenure(
        self, start: str | None, end: str | None, attested: str, message: str | None
    ) -> None:
        """An office attested certainly outside its start and end is refused."""

        def build() -> sr.Office:
            return sr.Office(
                id="o",
                citations=(STATED,),
                person="p",
                post="Chair",
                role=sr.OfficeRole.OTHER,
                organisation="land",
                status=sr.OfficeStatus.ENDED if end else sr.OfficeStatus.ONGOING,
                start=dating(start) if start else None,
                end=dating(end) if end else None,
                attested=dating(attested),
            )

        if message is None:
            assert build().attested is not None
        else:
            error = field_error(build)
            assert (error.where, str(error)) == (".attested", message)

    def test_ambassador_to_their_own_state(self) -> None:
        """An office cannot be accredited to the state or body it belongs to."""
        error = field_error(
            lambda: sr.Office(
                id="o",
                citations=(STATED,),
                person="p",
                post="Ambassador",
                role=sr.OfficeRole.AMBASSADOR,
                organisation="russia",
                posted_to="russia",
                status=sr.OfficeStatus.UNKNOWN,
            )
        )
        assert error.where == ".posted_to"
        assert "cannot be accredited to 'russia' itself" in str(error)

    def test_milestones_out_of_order(self) -> None:
        """A milestone certainly before one listed earlier is refused; undated ones are skipped."""

        def step(date: str | None) -> sr.Milestone:
            return sr.Milestone(
                title="Step",
                status=sr.ProjectStatus.PLANNED,
                date=dating(date) if date else None,
                citations=(STATED,),
            )

        def project(*dates: str | None) -> sr.Project:
            return sr.Project(
                id="p",
                citations=(STATED,),
                name="P",
                sector=sr.Sector.ENERGY,
                status=sr.ProjectStatus.PLANNED,
                milestones=tuple(step(d) for d in dates),
            )

        assert len(project("2018", None, "2018-05", "2019", "2019").milestones) == 5
        assert len(project("2018", "2018-01-01").milestones) == 2  # may be the same day
        error = field_error(lambda: project("2018", "2020", None, "2019-06"))
        assert error.where == ".milestones[3].date"
        assert str(error) == (
            "milestones go in date order, but this one (2019-06) comes before an earlier one (2020)"
        )

    def test_bundled_records_pass(self, ds: sr.Dataset) -> None:
        """Every bundled record satisfies every rule (they are rebuilt with evolve)."""
        for record in ds.records():
            assert attrs.evolve(record) == record


class TestQuantity:
    """A figure a source gives is a finite number, so every writer can write it."""

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), True, "3"])
    def test_refuses_what_json_cannot_hold(self, value: Any) -> None:
        """NaN, infinities, booleans and strings are refused where the record is made."""
        with pytest.raises(sr.Error, match="expected a"):
            sr.Quantity(measure="tonnes of aid", value=value)

    def test_finite_numbers_round_trip(self) -> None:
        """Integers and finite floats are kept as they are."""
        assert sr.Quantity(measure="rank", value=10).value == 10
        assert sr.Quantity(measure="share", value=0.25).value == 0.25
