"""Questions in the user's own words: names, checked filters, search, provenance."""

from __future__ import annotations

import pickle

import pytest

import sinorussia as sr


class TestNamesEverywhere:
    def test_involving_takes_names_among_actors(self, ds: sr.Dataset) -> None:
        """The name "Xi" is the person, not his office; Chinese and Cyrillic names work."""
        by_id = ds.meetings.involving("xi-jinping", "vladimir-putin")
        assert ds.meetings.involving("Xi", "Putin") == by_id
        assert ds.meetings.involving("习近平", "Путин") == by_id
        assert ds.meetings.involving("Wang Yi").ids == ("guilin-talks-2021",)
        assert ds.meetings.involving(ds.get("wang-yi")).ids == ("guilin-talks-2021",)

    def test_involving_refuses_what_is_no_actor(self, ds: sr.Dataset) -> None:
        """A place or a treaty id is no participant: NotFound says what it is."""
        with pytest.raises(sr.NotFound) as caught:
            ds.meetings.involving("moscow")
        assert caught.value.note == "'moscow' is a place"
        assert str(caught.value).startswith("no person, country or organisation 'moscow'")
        with pytest.raises(sr.NotFound, match="is a treaty"):
            ds.treaties.involving("treaty-of-good-neighborliness")
        with pytest.raises(sr.NotFound, match="is an office"):
            ds.meetings.involving("xi-jinping-president-of-china")

    def test_a_misspelt_name_suggests(self, ds: sr.Dataset) -> None:
        """A name that fits no one raises NotFound with close names."""
        with pytest.raises(sr.NotFound) as caught:
            ds.meetings.involving("Lavorv")
        assert caught.value.suggestions == ("sergei-lavrov",)

    def test_at_takes_names_among_places(self, ds: sr.Dataset) -> None:
        """at() takes a place's name; a person's id is no place."""
        assert ds.meetings.at("Moscow") == ds.meetings.at("moscow")
        assert ds.all().at("Red Square").ids == ds.all().at("red-square").ids
        with pytest.raises(sr.NotFound, match="'vladimir-putin' is a leader"):
            ds.meetings.at("vladimir-putin")

    def test_where_resolves_by_the_fields_targets(self, ds: sr.Dataset) -> None:
        """speaker is a person, participants name people, nationality a country."""
        assert ds.statements.where(speaker="Denisov").ids == ("denisov-common-enemy",)
        assert ds.meetings.where(participants="Wang Yi").ids == ("guilin-talks-2021",)
        assert ds.people.where(nationality="Russia") == ds.people.where(nationality="russia")
        assert ds.offices.where(person="Lavrov") == ds.offices.where(person="sergei-lavrov")
        with pytest.raises(sr.NotFound, match="no person 'moscow'"):
            ds.statements.where(speaker="moscow")

    def test_dataset_methods_take_names(self, ds: sr.Dataset) -> None:
        """related(), offices_on(person=) and tenure() take names too."""
        assert ds.related("Wang Yi") == ds.related("wang-yi")
        assert ds.offices_on(2021, person="Lavrov") == ds.offices_on(2021, person="sergei-lavrov")
        office = ds.offices.get("xi-jinping-president-of-china")
        assert ds.tenure("xi-jinping-president-of-china", on="2021-03-23") == ds.tenure(
            office, on="2021-03-23"
        )
        with pytest.raises(sr.Ambiguous) as caught:
            ds.tenure("Foreign Minister", on="2021-03-23")
        assert set(caught.value.candidates) == {
            "wang-yi-foreign-minister",
            "sergei-lavrov-foreign-minister",
        }

    def test_not_found_survives_pickling(self, ds: sr.Dataset) -> None:
        """The note of a NotFound travels with it (multiprocessing)."""
        with pytest.raises(sr.NotFound) as caught:
            ds.meetings.involving("moscow")
        again = pickle.loads(pickle.dumps(caught.value))
        assert (again.note, str(again)) == (caught.value.note, str(caught.value))


class TestCheckedFilters:
    def test_of_kind_takes_only_the_collections_kinds(self, ds: sr.Dataset) -> None:
        """A kind of another class raises, listing the collection's kinds."""
        with pytest.raises(sr.ArgumentError) as caught:
            ds.meetings.of_kind("city")
        message = str(caught.value)
        assert "'city' is not a kind of meetings" in message
        assert "'phone_call'" in message
        assert "'talks'" in message
        assert ds.all().of_kind("city") == ds.places.of_kind("city")
        with pytest.raises(sr.ArgumentError, match="not a kind of offices"):
            ds.offices.of_kind("talks")

    def test_where_refuses_values_outside_the_vocabulary(self, ds: sr.Dataset) -> None:
        """A value of no vocabulary of the field raises, naming the choices."""
        with pytest.raises(sr.ArgumentError) as caught:
            ds.meetings.where(kind="nothing")
        assert "'nothing' is not a value of kind; choose from 'ceremony'" in str(caught.value)
        # Across classes, a value of one class's vocabulary is fine ...
        assert ds.all().where(kind="talks").ids == ("guilin-talks-2021",)
        # ... and a value of none lists every choice.
        with pytest.raises(sr.ArgumentError, match=r"'memorandum'.*'talks'"):
            ds.all().where(kind="bogus")

    def test_where_refuses_unknown_fields_listing_them(self, ds: sr.Dataset) -> None:
        """An unknown field or no field at all raises."""
        with pytest.raises(sr.ArgumentError, match="no field 'speaker'; the fields are citations"):
            ds.meetings.where(speaker="wang-yi")
        with pytest.raises(sr.ArgumentError, match="needs at least one"):
            ds.meetings.where()

    def test_where_sends_dates_to_the_date_filters(self, ds: sr.Dataset) -> None:
        """A date field is not compared by where()."""
        with pytest.raises(sr.ArgumentError, match=r"during\(\), before\(\) or after\(\)"):
            ds.meetings.where(date=2019)


class TestSearch:
    def test_the_shown_name_is_in_the_querys_script(self, ds: sr.Dataset) -> None:
        """The shown name is written as the query is; ties go to the own name."""
        putin = ds.search("putin")[0]
        assert (putin.record.id, putin.name, putin.field) == (
            "vladimir-putin",
            "Vladimir Putin",
            "name",
        )
        assert ds.search("Путин")[0].name == "Путин"
        assert ds.search("guilin")[0].name == "Guilin"  # not the id "guilin"

    def test_people_and_places_first_at_equal_scores(self, ds: sr.Dataset) -> None:
        """At equal scores, people come before the records about them."""
        found = ds.search("xi")
        assert found[0].record.id == "xi-jinping"
        assert found[0].score == found[1].score or found[0].score > found[1].score
        wang = ds.search("wang", limit=None)
        ranks = [(m.score, not isinstance(m.record, sr.Person)) for m in wang]
        assert ranks == sorted(ranks, key=lambda r: (-r[0], r[1]))

    def test_threshold(self, ds: sr.Dataset) -> None:
        """Weak matches are left out unless a lower threshold asks for them."""
        assert ds.search("lavorv") == ds.search("lavorv", threshold=0.6)
        assert all(m.score >= 0.6 for m in ds.search("lavorv", limit=None))
        loose = ds.search("lavorv", threshold=0.3, limit=None)
        assert len(loose) > len(ds.search("lavorv", limit=None))
        assert ds.search("zzz") == []
        for bad in (-0.1, 1.5, True, "0.6", float("nan")):
            with pytest.raises(sr.ArgumentError, match=r"search\(threshold\)"):
                ds.search("x", threshold=bad)  # type: ignore[arg-type]

    def test_full_text(self, ds: sr.Dataset) -> None:
        """Statement texts, quotations and titles are searched word by word."""
        enemy = ds.search("common enemy")
        assert [(m.record.id, m.field) for m in enemy] == [("denisov-common-enemy", "text")]
        scenery = ds.search("scenery peerless")
        assert (scenery[0].record.id, scenery[0].field) == ("wang-yi-guilin-remark", "quote")
        assert scenery[0].score == 0.7  # both words, not as a phrase
        hockey = ds.search("ice hockey")
        assert hockey[0].record.id == "children-ice-hockey-match"
        assert hockey[0].field == "title"
        pipe = [m.record.id for m in ds.search("pipe", limit=None)]
        assert "east-route-gas-pipeline" in pipe  # the start of a word, from four letters

    def test_results_are_a_list_with_a_table(self, ds: sr.Dataset) -> None:
        """Results are a list, with an escaped HTML table for notebooks."""
        found = ds.search("guilin")
        assert isinstance(found, sr.Results)
        page = found._repr_html_()
        assert page.startswith(f"<p>{len(found)} matches</p><table>")
        assert "<td>guilin</td>" in page
        odd = sr.Results([sr.Match(ds.get("guilin"), 1.0, "<b>&</b>", "name")])
        assert "&lt;b&gt;&amp;&lt;/b&gt;" in odd._repr_html_()
        assert odd[0]._repr_html_() == odd._repr_html_()  # one match, one row

    def test_a_timeline_entry_has_a_table(self, ds: sr.Dataset) -> None:
        """One entry shows as a one-row timeline."""
        entry = ds.timeline()[0]
        assert entry._repr_html_() == ds.timeline()[:1]._repr_html_()
        assert f"<td>{entry.record.id}</td>" in entry._repr_html_()


class TestProvenance:
    def test_by_basis_without_paragraphs(self, ds: sr.Dataset) -> None:
        """cited_in(basis=...) needs no paragraphs."""
        inferred = ds.all().cited_in(basis="inferred")
        assert len(inferred) > 0
        assert all(
            any(c.basis is sr.Basis.INFERRED for c in sr._plan.citations(r)) for r in inferred
        )
        assert "moscow" in inferred.ids  # its own citations include an inferred one
        external = ds.all().cited_in(basis="external")
        assert set(ds.all().cited_in(basis="external", confidence="high").ids) < set(external.ids)

    def test_confidence_and_source(self, ds: sr.Dataset) -> None:
        """External citations filter by confidence and by address."""
        assert ds.people.cited_in(source="WIKIDATA.org").ids == ("xi-jinping", "vladimir-putin")
        medium = ds.all().cited_in(confidence="medium")
        assert "denisov-common-enemy" in medium.ids
        assert all(
            any(c.confidence is sr.Confidence.MEDIUM for c in sr._plan.citations(r)) for r in medium
        )
        with pytest.raises(sr.ArgumentError, match="belong to external citations"):
            ds.all().cited_in(basis="stated", source="wikidata")
        with pytest.raises(sr.ArgumentError, match="no citation's address contains"):
            ds.all().cited_in(source="nowhere.example")
        with pytest.raises(sr.ArgumentError, match=r"cited_in\(confidence\)"):
            ds.all().cited_in(confidence="certain")

    def test_one_citation_fits_every_criterion(self, ds: sr.Dataset) -> None:
        """Paragraph and basis must hold of the same citation."""
        stated_4 = ds.meetings.cited_in(4, basis="stated").ids
        assert stated_4 == ("xi-state-visit-russia-2013",)
        assert set(stated_4) <= set(ds.meetings.cited_in(4).ids)

    def test_nothing_asked_is_an_error(self, ds: sr.Dataset) -> None:
        """No criterion, or an unknown document, raises."""
        with pytest.raises(sr.ArgumentError, match="needs paragraphs"):
            ds.all().cited_in()
        with pytest.raises(sr.NotFound, match="no document 'articel'; did you mean 'article'"):
            ds.all().cited_in(1, document="articel")

    def test_every_record_answers_citations(self, ds: sr.Dataset) -> None:
        """A loop over ds.all() reads .citations; a document cites nothing."""
        counts = {r.id: len(r.citations) for r in ds.all()}
        assert counts["article"] == 0
        assert all(n > 0 for record_id, n in counts.items() if record_id != "article")
