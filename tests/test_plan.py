"""The field plan: what each field of a record class holds, and the walks built on it."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import sinorussia as sr
from sinorussia._model import RECORD_CLASSES
from sinorussia._plan import Step, citations, datings, plan, references

STATED = sr.Citation(basis=sr.Basis.STATED, document="article", paragraphs=(1,))
INFERRED = sr.Citation(
    basis=sr.Basis.INFERRED, document="article", paragraphs=(2,), note="worked out"
)
EXTERNAL = sr.Citation(
    basis=sr.Basis.EXTERNAL, source="https://example.org", confidence=sr.Confidence.HIGH
)
OTHER = sr.Citation(
    basis=sr.Basis.EXTERNAL, source="https://example.org/other", confidence=sr.Confidence.LOW
)

# Each class's init fields in order, as "name:kind", with "?" for a field that may be None.
RECORD = "id:value citations:citations"
NAMED = f"{RECORD} name:value"
KINDS: dict[type, str] = {
    sr.Document: (
        "id:value title:value language:value paragraphs:value sha256:value date:dating? url:value?"
    ),
    sr.Country: (
        f"{NAMED} official_name:value? alpha2:value? alpha3:value? aliases:value wikidata:value?"
    ),
    sr.Organisation: f"{NAMED} kind:value country:ref? members:refs aliases:value wikidata:value?",
    sr.Place: f"{NAMED} kind:value within:ref? aliases:value wikidata:value?",
    sr.Person: f"{NAMED} aliases:value nationality:ref? description:value? wikidata:value?",
    sr.Leader: f"{NAMED} aliases:value nationality:ref? description:value? wikidata:value?",
    sr.Office: (
        f"{RECORD} person:ref post:value role:value organisation:ref posted_to:ref?"
        " start:dating? end:dating? status:value attested:dating?"
    ),
    sr.Meeting: (
        f"{RECORD} title:value kind:value participants:nested place:ref? date:dating?"
        " count:value? commemorates:ref?"
    ),
    sr.Happening: (
        f"{RECORD} title:value kind:value participants:nested place:ref? origin:ref?"
        " date:dating? about:refs figures:nested"
    ),
    sr.Treaty: (
        f"{NAMED} kind:value aliases:value parties:refs signed:dating? place:ref?"
        " signatories:nested in_force:dating? concerns:value? topics:value signed_at:ref?"
    ),
    sr.Project: (
        f"{NAMED} sector:value status:value aliases:value parties:refs location:ref?"
        " milestones:nested agreements:refs"
    ),
    sr.Statement: (
        f"{RECORD} kind:value speaker:ref? text:value quote:value? topics:value about:refs"
        " date:dating? place:ref? occasion:ref? figures:nested"
    ),
    sr.Citation: (
        "basis:value document:ref? paragraphs:value note:value? source:value? confidence:value?"
    ),
    sr.DateClaim: "value:value citation:citation",
    sr.Participant: "who:ref role:value citations:citations",
    sr.Quantity: "measure:value value:value unit:value?",
    sr.Milestone: "title:value status:value date:dating? citations:citations",
}

PLACE_OR_COUNTRY = (sr.Place, sr.Country)
STATE_OR_BODY = (sr.Country, sr.Organisation)
MEETING_OR_HAPPENING = (sr.Meeting, sr.Happening)
# Every reference field of the model and the classes it may point to (None: any).
TARGETS: dict[tuple[type, str], tuple[type, ...] | None] = {
    (sr.Organisation, "country"): (sr.Country,),
    (sr.Organisation, "members"): (sr.Country,),
    (sr.Place, "within"): PLACE_OR_COUNTRY,
    (sr.Person, "nationality"): (sr.Country,),
    (sr.Leader, "nationality"): (sr.Country,),
    (sr.Office, "person"): (sr.Person,),
    (sr.Office, "organisation"): STATE_OR_BODY,
    (sr.Office, "posted_to"): STATE_OR_BODY,
    (sr.Meeting, "place"): PLACE_OR_COUNTRY,
    (sr.Meeting, "commemorates"): MEETING_OR_HAPPENING,
    (sr.Happening, "place"): PLACE_OR_COUNTRY,
    (sr.Happening, "origin"): PLACE_OR_COUNTRY,
    (sr.Happening, "about"): None,
    (sr.Treaty, "parties"): STATE_OR_BODY,
    (sr.Treaty, "place"): PLACE_OR_COUNTRY,
    (sr.Treaty, "signed_at"): MEETING_OR_HAPPENING,
    (sr.Project, "parties"): STATE_OR_BODY,
    (sr.Project, "location"): PLACE_OR_COUNTRY,
    (sr.Project, "agreements"): (sr.Treaty,),
    (sr.Statement, "speaker"): (sr.Person,),
    (sr.Statement, "about"): None,
    (sr.Statement, "place"): PLACE_OR_COUNTRY,
    (sr.Statement, "occasion"): MEETING_OR_HAPPENING,
    (sr.Citation, "document"): (sr.Document,),
    (sr.Participant, "who"): (sr.Person, sr.Country, sr.Organisation),
}

# The item class of every nested field.
NESTED: dict[tuple[type, str], type] = {
    (sr.Meeting, "participants"): sr.Participant,
    (sr.Happening, "participants"): sr.Participant,
    (sr.Happening, "figures"): sr.Quantity,
    (sr.Treaty, "signatories"): sr.Participant,
    (sr.Project, "milestones"): sr.Milestone,
    (sr.Statement, "figures"): sr.Quantity,
}

CLASSES = list(KINDS)


def step(cls: type, name: str) -> Step:
    """The plan's step for one field."""
    found = [s for s in plan(cls) if s.name == name]
    assert len(found) == 1, (cls, name)
    return found[0]


def dating(*claims: tuple[str, sr.Citation]) -> sr.Dating:
    """A dating of these (EDTF value, citation) claims."""
    return sr.Dating(tuple(sr.DateClaim(value=sr.parse_edtf(v), citation=c) for v, c in claims))


class TestPlan:
    def test_covers_every_record_class(self) -> None:
        """The table of this module covers every record class the model has."""
        assert set(RECORD_CLASSES.values()) <= set(CLASSES)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_kinds(self, cls: type) -> None:
        """Each init field has its step, in field order, with its kind and optionality."""
        expected = [
            (entry.split(":")[0], entry.split(":")[1].rstrip("?"), entry.endswith("?"))
            for entry in KINDS[cls].split()
        ]
        assert [(s.name, s.kind, s.optional) for s in plan(cls)] == expected

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_targets(self, cls: type) -> None:
        """Each reference names the classes it may point to; other fields have none."""
        for s in plan(cls):
            if s.kind in ("ref", "refs"):
                expected = TARGETS[cls, s.name]
                assert s.targets == expected, s.name
                names = ("*",) if expected is None else tuple(c.__name__ for c in expected)
                assert s.target_names == names, s.name
            else:
                assert (cls, s.name) not in TARGETS
                assert s.targets is None
                assert s.target_names == ()

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_nested_items(self, cls: type) -> None:
        """Each nested field names the attrs class of its items."""
        for s in plan(cls):
            if s.kind == "nested":
                assert s.item is NESTED[cls, s.name], s.name
            else:
                assert (cls, s.name) not in NESTED

    def test_examples(self) -> None:
        """A few steps in full: participants, a place, a free reference, a date, citations."""
        participants = step(sr.Meeting, "participants")
        assert participants.kind == "nested"
        assert participants.item is sr.Participant
        assert participants.hint == tuple[sr.Participant, ...]
        assert not participants.optional
        place = step(sr.Meeting, "place")
        assert place.kind == "ref"
        assert place.targets == (sr.Place, sr.Country)
        assert place.hint is str
        assert place.optional
        about = step(sr.Happening, "about")
        assert about.kind == "refs"
        assert about.targets is None
        assert about.item is str
        signed = step(sr.Treaty, "signed")
        assert signed.kind == "dating"
        assert signed.hint is sr.Dating
        assert signed.optional
        assert step(sr.Record, "citations").kind == "citations"
        assert step(sr.Record, "citations").item is sr.Citation
        assert step(sr.DateClaim, "citation").kind == "citation"

    def test_hints_drop_none(self) -> None:
        """An optional field's hint is its type without None; a union stays a union."""
        assert step(sr.Meeting, "count").hint is int
        assert step(sr.Meeting, "count").optional
        assert step(sr.Citation, "confidence").hint is sr.Confidence
        assert step(sr.Quantity, "value").hint == int | float
        assert not step(sr.Quantity, "value").optional
        assert step(sr.Citation, "paragraphs").item is int

    def test_defaults_and_docs(self) -> None:
        """A step knows whether its field may be left out, and its description."""
        assert not step(sr.Meeting, "title").has_default
        assert step(sr.Meeting, "place").has_default
        assert step(sr.Meeting, "participants").has_default
        assert step(sr.Meeting, "title").doc == "A short description in our words."
        assert step(sr.Meeting, "title").field is attrs.fields(sr.Meeting).title

    def test_leaves_out_fields_not_given(self) -> None:
        """Fields attrs works out itself (a dating's best value) have no step."""
        assert [s.name for s in plan(sr.Dating)] == ["claims"]

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_cached(self, cls: type) -> None:
        """The plan is worked out once per class: the same tuple each time."""
        assert isinstance(plan(cls), tuple)
        assert plan(cls) is plan(cls)

    def test_plain_attrs_class(self) -> None:
        """A class outside the model gets a plan too, from its own fields."""

        @attrs.frozen
        class Thing:
            name: str
            when: sr.Dating | None = None
            sources: tuple[sr.Citation, ...] = ()
            figures: tuple[sr.Quantity, ...] = ()
            words: tuple[str, ...] = ()

        assert [(s.name, s.kind, s.optional) for s in plan(Thing)] == [
            ("name", "value", False),
            ("when", "dating", True),
            ("sources", "citations", False),
            ("figures", "nested", False),
            ("words", "value", False),
        ]


class TestReferences:
    def test_bundled_meeting(self, ds: sr.Dataset) -> None:
        """A meeting's references: its participants, then its place, in field order."""
        meeting = ds.meetings.get("guilin-talks-2021")
        assert list(references(meeting)) == ["wang-yi", "sergei-lavrov", "guilin"]

    def test_bundled_treaty(self, ds: sr.Dataset) -> None:
        """A treaty's references: parties, place, signatories, the meeting it was signed at."""
        treaty = ds.treaties.get("joint-statement-global-governance-2021")
        assert list(references(treaty)) == ["china", "russia", "guilin-talks-2021"]
        treaty = ds.treaties.get("treaty-of-good-neighborliness")
        assert list(references(treaty)) == [
            "china",
            "russia",
            "kremlin",
            "jiang-zemin",
            "vladimir-putin",
        ]

    def test_everything_and_none_left_out(self) -> None:
        """Every kind of reference is followed: one, many, any class, nested; None is skipped."""
        happening = sr.Happening(
            id="aid-flight",
            citations=(STATED,),
            title="An aid flight",
            kind=sr.HappeningKind.AID_DELIVERY,
            participants=(
                sr.Participant(who="china", role=sr.Role.ACTOR),
                sr.Participant(who="russia", role=sr.Role.RECIPIENT, citations=(EXTERNAL,)),
            ),
            origin="beijing",
            about=("some-treaty", "some-meeting"),
            figures=(sr.Quantity(measure="aid", value=23, unit="tonnes"),),
        )
        assert list(references(happening)) == [
            "china",
            "russia",
            "beijing",
            "some-treaty",
            "some-meeting",
        ]

    def test_citations_are_not_references(self) -> None:
        """The documents citations cite are left to citations(); a citation alone gives its own."""
        country = sr.Country(id="china", citations=(STATED,), name="China")
        assert list(references(country)) == []
        assert list(references(STATED)) == ["article"]
        assert list(references(EXTERNAL)) == []

    def test_every_bundled_reference_resolves(self, ds: sr.Dataset) -> None:
        """Every id any bundled record refers to is a record of the dataset."""
        ids = {record.id for section in ds.sections().values() for record in section}
        found = [target for r in ds.all() for target in references(r)]
        assert found
        assert set(found) <= ids


class TestCitations:
    def test_bundled_meeting(self, ds: sr.Dataset) -> None:
        """A meeting: its own two, one for each of two participants, one for each of two claims."""
        meeting = ds.meetings.get("guilin-talks-2021")
        found = list(citations(meeting))
        assert len(found) == 6
        assert found[:2] == list(meeting.citations)
        assert [c.basis for c in found] == [
            sr.Basis.STATED,
            sr.Basis.EXTERNAL,
            sr.Basis.INFERRED,
            sr.Basis.INFERRED,
            sr.Basis.INFERRED,
            sr.Basis.EXTERNAL,
        ]
        assert found[2].note == "the talks took place in China"
        assert found[5].note == "the talks ran over two days"

    def test_bundled_project(self, ds: sr.Dataset) -> None:
        """A project: its own two, then its milestone's date claim and the milestone's own two."""
        project = ds.projects.get("international-lunar-research-station")
        tass = sr.Citation(
            basis=sr.Basis.EXTERNAL,
            source="https://tass.com/science/1263979",
            confidence=sr.Confidence.HIGH,
            note="the day the memorandum was signed",
        )
        signed = attrs.evolve(tass, note="the memorandum was signed on 9 March 2021")
        name = attrs.evolve(
            tass, note="the station's name, International Lunar Research Station (ILRS)"
        )
        article = sr.Citation(basis=sr.Basis.STATED, document="article", paragraphs=(8,))
        assert list(citations(project)) == [article, name, tass, article, signed]

    def test_dates_and_nested_values(self) -> None:
        """Citations inside dates, participants and milestones are found, in field order."""
        treaty = sr.Treaty(
            id="a-treaty",
            citations=(STATED,),
            name="A treaty",
            kind=sr.TreatyKind.TREATY,
            signed=dating(("2001", INFERRED), ("2001-07-16", EXTERNAL)),
            signatories=(
                sr.Participant(who="someone", role=sr.Role.SIGNATORY, citations=(OTHER,)),
                sr.Participant(who="someone-else", role=sr.Role.SIGNATORY),
            ),
            in_force=dating(("2002", STATED)),
        )
        assert list(citations(treaty)) == [STATED, INFERRED, EXTERNAL, OTHER, STATED]

    def test_milestones(self) -> None:
        """A milestone's date and citations count, an undated one's citations too."""
        project = sr.Project(
            id="a-project",
            citations=(EXTERNAL,),
            name="A project",
            sector=sr.Sector.ENERGY,
            status=sr.ProjectStatus.PLANNED,
            milestones=(
                sr.Milestone(
                    title="Planned",
                    status=sr.ProjectStatus.PLANNED,
                    date=dating(("2020", INFERRED)),
                    citations=(STATED,),
                ),
                sr.Milestone(
                    title="Built", status=sr.ProjectStatus.IN_OPERATION, citations=(OTHER,)
                ),
            ),
        )
        assert list(citations(project)) == [EXTERNAL, INFERRED, STATED, OTHER]

    def test_a_date_claim(self) -> None:
        """A single citation field counts too."""
        claim = sr.DateClaim(value=sr.parse_edtf("2020"), citation=OTHER)
        assert list(citations(claim)) == [OTHER]


class TestDatings:
    def test_office(self) -> None:
        """An office's dates in field order, None where unset."""
        start = dating(("2013-03", STATED))
        office = sr.Office(
            id="an-office",
            citations=(STATED,),
            person="someone",
            post="President",
            role=sr.OfficeRole.HEAD_OF_STATE,
            organisation="china",
            start=start,
            status=sr.OfficeStatus.ONGOING,
        )
        assert list(datings(office)) == [("start", start), ("end", None), ("attested", None)]

    def test_bundled_treaty(self, ds: sr.Dataset) -> None:
        """A treaty: signed, then in force."""
        treaty = ds.treaties.get("treaty-of-good-neighborliness")
        found = list(datings(treaty))
        assert [name for name, _ in found] == ["signed", "in_force"]
        assert found[0][1] is treaty.signed
        assert found[1][1] is treaty.in_force
        assert treaty.signed is not None
        assert [c.value.edtf for c in treaty.signed.claims] == ["2001", "2001-07-16"]

    def test_undated_classes(self, ds: sr.Dataset) -> None:
        """Classes without date fields give nothing; milestones' dates are not the project's."""
        assert list(datings(ds.countries.get("china"))) == []
        assert list(datings(ds.projects.get("international-lunar-research-station"))) == []

    @pytest.mark.parametrize(
        ("cls", "names"),
        [
            (sr.Document, ["date"]),
            (sr.Meeting, ["date"]),
            (sr.Happening, ["date"]),
            (sr.Statement, ["date"]),
            (sr.Treaty, ["signed", "in_force"]),
            (sr.Office, ["start", "end", "attested"]),
        ],
        ids=lambda value: value.__name__ if isinstance(value, type) else "+".join(value),
    )
    def test_every_bundled_record(self, ds: sr.Dataset, cls: type, names: list[str]) -> None:
        """Every bundled record of a dated class gives its date fields, set or not."""
        records: list[Any] = [r for r in ds.all() if type(r) is cls]
        assert records
        for record in records:
            found = list(datings(record))
            assert [name for name, _ in found] == names
            assert all(value is getattr(record, name) for name, value in found)
