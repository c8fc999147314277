"""Flat rows (``_flat``): the columns of a record class, flattened records, data frames."""

from __future__ import annotations

import datetime

import attrs
import pandas as pd
import pytest

import sinorussia as sr
from sinorussia._flat import SEPARATOR, columns, flatten, to_pandas

CITED = ["paragraphs", "bases", "sources"]


class TestColumns:
    def test_meeting(self) -> None:
        """Fields in order; a date becomes four columns; citations become three at the end."""
        assert columns(sr.Meeting) == [
            "id",
            "title",
            "kind",
            "participants",
            "place",
            "date",
            "date_lower",
            "date_upper",
            "date_basis",
            "count",
            "commemorates",
            *CITED,
        ]

    def test_document_has_no_citation_columns(self) -> None:
        """A document cites nothing: its one "paragraphs" column is its length."""
        found = columns(sr.Document)
        assert found.count("paragraphs") == 1
        assert "bases" not in found
        assert "sources" not in found

    @pytest.mark.parametrize(
        "cls", [sr.Office, sr.Project, sr.Statement, sr.Treaty], ids=lambda c: c.__name__
    )
    def test_every_row_has_exactly_the_columns(self, ds: sr.Dataset, cls: type) -> None:
        """flatten() of any record of a class gives exactly columns(cls), in order."""
        records = [r for r in ds.records() if type(r) is cls]
        assert records
        for record in records:
            assert list(flatten(record)) == columns(cls)


class TestFlatten:
    def test_a_meeting(self, ds: sr.Dataset) -> None:
        """Scalars stay, enums become values, participants who:role, dates EDTF and days."""
        row = flatten(ds.meetings.get("victory-day-parade-2015"))
        assert row["kind"] == "ceremony"
        assert type(row["kind"]) is str
        assert row["participants"] == "vladimir-putin:host; xi-jinping:guest"
        assert row["count"] == 1
        assert (row["date"], row["date_lower"], row["date_upper"], row["date_basis"]) == (
            "2015-05-09",
            datetime.date(2015, 5, 9),
            datetime.date(2015, 5, 9),
            "stated",
        )
        assert row["paragraphs"] == "1"
        assert row["bases"] == "stated; external"

    def test_missing_and_empty_are_none(self, ds: sr.Dataset) -> None:
        """A missing date fills its four columns with None; an empty tuple is None too."""
        row = flatten(ds.offices.get("wang-yi-foreign-minister"))
        assert [row[f"start{part}"] for part in ("", "_lower", "_upper", "_basis")] == [None] * 4
        assert row["sources"] is None
        assert flatten(ds.projects.get("east-route-gas-pipeline"))["agreements"] is None

    def test_nested_values(self, ds: sr.Dataset) -> None:
        """Figures read measure=value unit; milestones title (date); tuples join with "; "."""
        figures = flatten(ds.statements.get("china-top-trading-partner-of-russia"))["figures"]
        assert figures == (
            "rank of China among Russia's trading partners=1"
            f"{SEPARATOR}consecutive years at that rank=11 years"
        )
        pipeline = flatten(ds.projects.get("east-route-gas-pipeline"))
        assert pipeline["milestones"] == ("Put into production (2019-12-02)")
        assert pipeline["parties"] == "china; russia"

    def test_unbounded_end_has_no_day(self, ds: sr.Dataset) -> None:
        """An open end keeps its EDTF but has no last day."""
        parade = ds.meetings.get("victory-day-parade-2015")
        assert parade.date is not None
        claim = attrs.evolve(parade.date.claims[0], value=sr.parse_edtf("2015-05-09/.."))
        row = flatten(attrs.evolve(parade, date=sr.Dating((claim,))))
        assert (row["date"], row["date_lower"], row["date_upper"]) == (
            "2015-05-09/..",
            datetime.date(2015, 5, 9),
            None,
        )


class TestToPandas:
    def test_to_pandas(self, ds: sr.Dataset) -> None:
        """to_pandas: one flat column per field, typed, with datetime date bounds."""
        frame = ds.meetings.to_pandas()
        assert list(frame.columns) == [
            "id",
            "title",
            "kind",
            "participants",
            "place",
            "date",
            "date_lower",
            "date_upper",
            "date_basis",
            "count",
            "commemorates",
            "paragraphs",
            "bases",
            "sources",
        ]
        assert tuple(frame["id"]) == ds.meetings.ids
        assert pd.api.types.is_datetime64_any_dtype(frame["date_lower"])
        assert pd.api.types.is_datetime64_any_dtype(frame["date_upper"])
        assert str(frame["count"].dtype) == "Int64"
        assert pd.api.types.is_string_dtype(frame["kind"])
        first = frame.iloc[0]
        assert first["date"] == "2013-03-22/2013-03-24"
        assert first["date_lower"] == pd.Timestamp("2013-03-22")
        assert first["participants"] == "xi-jinping:guest; russia:host; vladimir-putin:host"
        assert pd.isna(frame.set_index("id").loc["mutual-visits-2013-2021", "count"])
        parade = frame.set_index("id").loc["victory-day-parade-2015"]
        assert parade["date"] == "2015-05-09"
        assert parade["participants"] == "vladimir-putin:host; xi-jinping:guest"

    def test_to_pandas_of_a_filtered_mixed_collection(self, ds: sr.Dataset) -> None:
        """Rows follow the filtered records; columns are the union of the classes'."""
        frame = ds.events.during(2020, certain=True).to_pandas()
        assert tuple(frame["id"]) == (
            "phone-calls-2020",
            "multilateral-meetings-2020",
            "aid-flight-wuhan-2020",
            "joint-anti-epidemic-plan",
        )
        assert {"origin", "about", "figures", "commemorates"} <= set(frame.columns)
        assert len(ds.meetings.during(1900).to_pandas()) == 0

    def test_empty(self) -> None:
        """No records give an empty frame."""
        frame = to_pandas(())
        assert frame.shape == (0, 0)
