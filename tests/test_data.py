"""The bundled dataset: coverage of the article, honest provenance, exact facts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import edtf
import pytest

import sinorussia as sr
from sinorussia._fields import SLUG

ARTICLE_SHA256 = "430cb2729e2f228b801e1ac21be46dfa69d2091ec7b7227a3d26d26a299f777a"


def walk(value: Any) -> Iterator[Any]:
    """Every attrs value nested in ``value``, ``value`` included."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            if field.init:
                yield from walk(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from walk(item)


def citations(ds: sr.Dataset) -> Iterator[sr.Citation]:
    """Every citation anywhere in the dataset."""
    for record in ds.records():
        for value in walk(record):
            if isinstance(value, sr.Citation):
                yield value


def datings(ds: sr.Dataset) -> Iterator[sr.Dating]:
    """Every date anywhere in the dataset."""
    for record in ds.records():
        for value in walk(record):
            if isinstance(value, sr.Dating):
                yield value


def struct_day(value: Any) -> tuple[int, int, int] | None:
    """(year, month, day) of an edtf bound, or None for an infinite one."""
    if isinstance(value, float):
        return None
    return (value.tm_year, value.tm_mon, value.tm_mday)


class TestDocument:
    def test_the_article(self, ds: sr.Dataset) -> None:
        """The source is one English document of 20 paragraphs with its checksum."""
        (article,) = ds.documents
        assert article.id == "article"
        assert article.language == "en"
        assert article.paragraphs == 20
        assert article.sha256 == ARTICLE_SHA256

    def test_article_date_is_an_inferred_interval(self, ds: sr.Dataset) -> None:
        """The article's date is not printed: an inferred interval with its reasoning."""
        date = ds.documents.get("article").date
        assert date is not None
        assert date.edtf == "2021-03-23/2021-12-31"
        (claim,) = date.claims
        assert claim.citation.basis is sr.Basis.INFERRED
        assert claim.citation.note is not None
        assert "six years" in claim.citation.note


class TestCoverage:
    def test_every_paragraph_is_cited(self, ds: sr.Dataset) -> None:
        """Each of the 20 paragraphs is cited as stated by at least one record."""
        stated = {
            paragraph
            for citation in citations(ds)
            if citation.basis is sr.Basis.STATED
            for paragraph in citation.paragraphs
        }
        assert stated == set(range(1, 21))

    def test_every_record_is_cited(self, ds: sr.Dataset) -> None:
        """Every record but the document itself carries at least one citation."""
        for record in ds.records():
            if not isinstance(record, sr.Document):
                assert record.citations, record.id

    @pytest.mark.parametrize(
        "record_id",
        [
            "xi-jinping",
            "vladimir-putin",
            "wang-yi",
            "sergei-lavrov",
            "andrey-denisov",
            "zhong-nanshan",
            "china",
            "russia",
            "moscow",
            "guilin",
            "wuhan",
            "red-square",
            "neva-river",
            "mgimo",
            "victory-day-parade-2015",
            "victory-1945",
            "aid-flight-wuhan-2020",
            "guilin-talks-2021",
            "treaty-of-good-neighborliness",
            "joint-statement-global-governance-2021",
            "east-route-gas-pipeline",
            "oil-pipeline-second-line",
            "international-lunar-research-station",
        ],
    )
    def test_expected_ids(self, ds: sr.Dataset, record_id: str) -> None:
        """The people, places, events and agreements of the article have stable ids."""
        assert record_id in ds

    def test_ids_are_slugs(self, ds: sr.Dataset) -> None:
        """Every id is a lowercase ASCII slug."""
        for record in ds.records():
            assert SLUG.fullmatch(record.id), record.id


class TestProvenance:
    def test_external_citations_have_source_and_confidence(self, ds: sr.Dataset) -> None:
        """An external citation always names its address and confidence."""
        external = [c for c in citations(ds) if c.basis is sr.Basis.EXTERNAL]
        assert external
        for citation in external:
            assert citation.source is not None
            assert citation.source.startswith(("http://", "https://"))
            assert citation.confidence is not None

    def test_external_citations_say_what_they_supply(self, ds: sr.Dataset) -> None:
        """Every external citation has a note saying what it adds to the article (rule 2)."""
        missing = [c for c in citations(ds) if c.basis is sr.Basis.EXTERNAL and not c.note]
        assert missing == []

    def test_no_anachronism_without_a_note(self, ds: sr.Dataset) -> None:
        """Today's states taking part in events before they existed say so in a note (rule 5)."""
        founded = {"china": 1949, "russia": 1991}  # the People's Republic, the Federation
        checked = 0
        for event in ds.events:
            if event.dating is None or event.dating.upper is None:
                continue
            for participant in event.participants:
                year = founded.get(participant.who)
                if year is not None and event.dating.upper.year < year:
                    checked += 1
                    notes = [c.note for c in participant.citations if c.note]
                    assert notes, (event.id, participant.who)
        assert checked >= 2  # the victory of 1945 has both

    def test_judgements_are_claims_not_titles(self, ds: sr.Dataset) -> None:
        """The article's judgements named in the audit are claim statements, not titles."""
        titles = " ".join(e.label for e in ds.events)
        for judgement in ("first country", "milestone", "right side of history"):
            assert judgement not in titles
        claims = " ".join(s.text for s in ds.statements if s.kind is sr.StatementKind.CLAIM)
        for judgement in ("before Russia did", "milestone", "history's right side"):
            assert judgement in claims
        first = ds.statements.get("russia-first-to-send-experts")
        assert "russian-expert-delegation" in first.about

    def test_a_day_read_from_an_address_is_uncertain(self, ds: sr.Dataset) -> None:
        """A date taken from a report's address dates the report: it is marked uncertain."""
        for record_id, field in (
            ("denisov-common-enemy", "date"),
            ("andrey-denisov-ambassador-to-china", "attested"),
        ):
            dating = getattr(ds.get(record_id), field)
            (external,) = dating.by_basis(sr.Basis.EXTERNAL)
            assert isinstance(external.value, sr.PartialDate)
            assert external.value.uncertain
            assert "address" in (external.citation.note or "")

    def test_after_a_day_is_not_that_day(self, ds: sr.Dataset) -> None:
        """The Guilin statement, issued after the talks, is not dated to their day by the text."""
        signed = ds.treaties.get("joint-statement-global-governance-2021").signed
        assert signed is not None
        (inferred,) = signed.by_basis(sr.Basis.INFERRED)
        assert inferred.value.edtf == "2021-03-23/2021-12-31"
        assert signed.best.edtf == "2021-03-23"
        assert signed.basis is sr.Basis.EXTERNAL

    def test_inferences_say_how(self, ds: sr.Dataset) -> None:
        """An inferred citation always explains the inference."""
        for citation in citations(ds):
            if citation.basis is sr.Basis.INFERRED:
                assert citation.note

    def test_sharper_external_date_kept_beside_the_article(self, ds: sr.Dataset) -> None:
        """The treaty's signing keeps the inferred year and the external day side by side."""
        signed = ds.treaties.get("treaty-of-good-neighborliness").signed
        assert signed is not None
        assert [(c.value.edtf, c.citation.basis) for c in signed.claims] == [
            ("2001", sr.Basis.INFERRED),
            ("2001-07-16", sr.Basis.EXTERNAL),
        ]
        assert signed.edtf == "2001-07-16"

    def test_month_stays_a_month(self, ds: sr.Dataset) -> None:
        """The article's "June 2019" is stored as a month, not padded to a day."""
        agreed = ds.statements.get("partnership-upgrade-milestone").date
        assert agreed is not None
        stated = agreed.by_basis(sr.Basis.STATED)
        assert [c.value.edtf for c in stated] == ["2019-06"]
        assert isinstance(stated[0].value, sr.PartialDate)
        assert stated[0].value.precision is sr.Precision.MONTH
        signed = ds.treaties.get("joint-statement-new-era-2019").signed
        assert signed is not None
        assert [c.value.edtf for c in signed.by_basis(sr.Basis.INFERRED)] == ["2019-06"]
        assert signed.by_basis(sr.Basis.STATED) == ()

    def test_relative_date_resolved_with_reason(self, ds: sr.Dataset) -> None:
        """The article's 'April last year' becomes 2020-04, inferred, with the reasoning."""
        date = ds.statements.get("denisov-common-enemy").date
        assert date is not None
        inferred = date.by_basis(sr.Basis.INFERRED)
        assert [c.value.edtf for c in inferred] == ["2020-04"]
        assert "April last year" in (inferred[0].citation.note or "")

    def test_identifiers_only_where_confirmed(self, ds: sr.Dataset) -> None:
        """Wikidata ids appear only on the six confirmed entities."""
        with_qid = {
            record.id: getattr(record, "wikidata", None)
            for record in ds.records()
            if getattr(record, "wikidata", None)
        }
        assert with_qid == {
            "xi-jinping": "Q15031",
            "vladimir-putin": "Q7747",
            "china": "Q148",
            "russia": "Q159",
            "moscow": "Q649",
            "wuhan": "Q11746",
        }


class TestFacts:
    def test_aliases_in_native_scripts(self, ds: sr.Dataset) -> None:
        """Native-script names are kept as aliases."""
        expected = {
            "xi-jinping": "习近平",
            "vladimir-putin": "Путин",
            "wang-yi": "王毅",
            "sergei-lavrov": "Лавров",
            "andrey-denisov": "Денисов",
            "zhong-nanshan": "钟南山",
        }
        for person_id, alias in expected.items():
            assert alias in ds.people.get(person_id).aliases

    def test_person_leader_split(self, ds: sr.Dataset) -> None:
        """The expert is a person but not a leader; every leader holds an office."""
        assert "zhong-nanshan" in ds.people.ids
        assert "zhong-nanshan" not in ds.leaders.ids
        assert type(ds.people.get("zhong-nanshan")) is sr.Person
        holders = {office.person for office in ds.offices}
        assert set(ds.leaders.ids) <= holders

    def test_xi_took_office_in_march_2013(self, ds: sr.Dataset) -> None:
        """Xi's presidency starts in March 2013, as stated, and is ongoing."""
        office = ds.offices.get("xi-jinping-president-of-china")
        assert office.start is not None
        assert office.start.edtf == "2013-03"
        assert office.status is sr.OfficeStatus.ONGOING
        assert office.end is None

    def test_phone_calls_are_aggregated(self, ds: sr.Dataset) -> None:
        """The five calls of 2020 are one record with a count of five."""
        calls = ds.meetings.get("phone-calls-2020")
        assert calls.kind is sr.MeetingKind.PHONE_CALL
        assert calls.count == 5
        assert calls.date is not None
        assert calls.date.edtf == "2020"

    def test_parade_roles(self, ds: sr.Dataset) -> None:
        """Putin hosted the 2015 parade and Xi was his guest."""
        parade = ds.meetings.get("victory-day-parade-2015")
        roles = {p.who: p.role for p in parade.participants}
        assert roles == {"vladimir-putin": sr.Role.HOST, "xi-jinping": sr.Role.GUEST}
        assert parade.commemorates == "victory-1945"
        assert parade.kind.cameo_for(sr.Role.HOST) == "043"

    def test_aid_flight(self, ds: sr.Dataset) -> None:
        """The aid flight landed in Wuhan on 2020-02-09 with 23 tons aboard, as the article says."""
        flight = ds.happenings.get("aid-flight-wuhan-2020")
        assert flight.date is not None
        assert flight.date.edtf == "2020-02-09"
        assert (flight.place, flight.origin) == ("wuhan", "moscow")
        assert [(f.value, f.unit) for f in flight.figures] == [(23, "tons")]

    def test_trade_figures(self, ds: sr.Dataset) -> None:
        """The trade rankings are claims with their numbers."""
        first = ds.statements.get("china-top-trading-partner-of-russia")
        tenth = ds.statements.get("russia-tenth-trading-partner-of-china")
        assert [f.value for f in first.figures] == [1, 11]
        assert [f.value for f in tenth.figures] == [10]

    def test_quotes_only_for_direct_speech(self, ds: sr.Dataset) -> None:
        """Only the two quotations carry verbatim text."""
        quoted = {s.id for s in ds.statements if s.quote is not None}
        assert quoted == {"denisov-common-enemy", "wang-yi-guilin-remark"}


class TestEdtfOracle:
    def test_every_date_parses_to_the_same_bounds(self, ds: sr.Dataset) -> None:
        """The edtf package reads every date we emit to the same bounds."""
        checked = 0
        for dating in datings(ds):
            for claim in dating.claims:
                parsed = edtf.parse_edtf(claim.value.edtf)
                lower, upper = claim.value.lower, claim.value.upper
                expected_lower = None if lower is None else (lower.year, lower.month, lower.day)
                expected_upper = None if upper is None else (upper.year, upper.month, upper.day)
                assert struct_day(parsed.lower_strict()) == expected_lower, claim
                assert struct_day(parsed.upper_strict()) == expected_upper, claim
                checked += 1
        assert checked > 40
