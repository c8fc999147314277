"""Time across records (``_timeline``): the timeline, anniversaries and tenures."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

import sinorussia as sr
from sinorussia._timeline import anniversaries, tenure, timeline


class TestTimeline:
    def test_2021(self, ds: sr.Dataset) -> None:
        """The entries certainly in 2021, in date order, with their bases."""
        entries = ds.timeline(start="2021-01", end="2021-12", certain=True)
        assert [(e.date.edtf, e.basis.value, e.kind, e.record.id) for e in entries] == [
            ("2021-03-09", "external", "milestone", "international-lunar-research-station"),
            ("2021-03-09", "external", "memorandum signed", "lunar-research-station-mou"),
            ("2021-03-23", "inferred", "talks", "guilin-talks-2021"),
            (
                "2021-03-23",
                "external",
                "joint_statement signed",
                "joint-statement-global-governance-2021",
            ),
            ("2021-06-28", "external", "treaty_extension", "treaty-extension-2021"),
        ]
        assert isinstance(entries[0], sr.Entry)
        assert entries[0].milestone is not None

    def test_possible_includes_open_ended(self, ds: sr.Dataset) -> None:
        """Without certain, a day or a year also meets the entries that may fall in it."""
        entries = ds.timeline(start="2021-03-23", end="2021-03-23")
        assert [e.record.id for e in entries] == [
            "children-ice-hockey-match",
            "high-speed-train-ride",
            "multilateral-encounters-2013-2021",
            "mutual-visits-2013-2021",
            "neva-river-cruise",
            "pancake-cooking",
            "guilin-talks-2021",
            "joint-statement-global-governance-2021",
        ]
        year = [e.record.id for e in ds.timeline(start=2021, end=2021)]
        assert "mutual-visits-2013-2021" in year
        certain = [e.record.id for e in ds.timeline(start=2021, end=2021, certain=True)]
        assert "mutual-visits-2013-2021" not in certain

    def test_open_sides(self, ds: sr.Dataset) -> None:
        """Only an end, or only a start, bounds one side."""
        assert [e.record.id for e in ds.timeline(end=2001)] == [
            "victory-1945",
            "treaty-of-good-neighborliness",
        ]
        assert len(ds.timeline()) == 24
        dated = [e.date.best.sort_key for e in ds.timeline()]
        assert dated == sorted(dated)


class TestEntry:
    def test_str_and_basis(self, ds: sr.Dataset) -> None:
        """An entry prints as date, kind and title; its basis is its best claim's."""
        (signing,) = [e for e in ds.timeline(end=2001) if isinstance(e.record, sr.Treaty)]
        assert isinstance(signing, sr.Entry)
        assert signing.record.id == "treaty-of-good-neighborliness"
        assert str(signing) == f"2001-07-16 treaty signed: {signing.title}"
        assert signing.title == signing.record.label
        assert signing.basis is signing.date.basis
        assert signing.milestone is None

    def test_milestones_name_their_project(self, ds: sr.Dataset) -> None:
        """A project step is a "milestone" entry titled "<project>: <step>", with the step."""
        steps = [e for e in ds.timeline() if e.kind == "milestone"]
        assert [e.record.id for e in steps] == [
            "oil-pipeline-second-line",
            "east-route-gas-pipeline",
            "international-lunar-research-station",
        ]
        for entry in steps:
            assert isinstance(entry.record, sr.Project)
            assert entry.milestone is not None
            assert entry.milestone in entry.record.milestones
            assert entry.title == f"{entry.record.label}: {entry.milestone.title}"
            assert entry.date is entry.milestone.date


class TestTimelineFunction:
    def test_of_records_not_of_a_dataset(self, ds: sr.Dataset) -> None:
        """timeline() takes the records it is given: treaties alone give their signings."""
        entries = timeline((), ds.treaties, ())
        assert [(e.kind, e.record.id) for e in entries] == [
            ("treaty signed", "treaty-of-good-neighborliness"),
            ("joint_statement signed", "joint-statement-new-era-2019"),
            ("memorandum signed", "lunar-research-station-mou"),
            ("joint_statement signed", "joint-statement-global-governance-2021"),
        ]
        assert timeline((), (), ()) == []

    def test_undated_records_are_left_out(self, ds: sr.Dataset) -> None:
        """Events without a date have no entry; every dated one has exactly one."""
        ids = [e.record.id for e in timeline(ds.happenings, (), ())]
        assert ids == [h.id for h in ds.happenings.by_date() if h.date is not None]
        assert "covid-19-pandemic" not in ids

    def test_dataset_timeline_is_the_function(self, ds: sr.Dataset) -> None:
        """Dataset.timeline hands its events, treaties and projects to timeline()."""
        mine = ds.timeline(start=2019, end="2020-06", certain=True)
        assert mine
        assert mine == timeline(
            ds.events, ds.treaties, ds.projects, start=2019, end="2020-06", certain=True
        )


class TestAnniversaries:
    def test_victory_70th_keeps_the_year(self, ds: sr.Dataset) -> None:
        """1945 is known to the year, so its 70th anniversary is the year 2015."""
        found = ds.anniversaries(2015)
        assert [(a.record.id, a.years, a.date.edtf) for a in found] == [
            ("victory-1945", 70, "2015")
        ]
        record, years = found[0]
        assert (record.id, years) == ("victory-1945", 70)

    def test_treaty_20th(self, ds: sr.Dataset) -> None:
        """2021 is the 20th anniversary of the treaty, to the day."""
        assert [(a.record.id, a.years, a.date.edtf) for a in ds.anniversaries(2021)] == [
            ("treaty-of-good-neighborliness", 20, "2021-07-16")
        ]

    def test_interval_within_one_year(self, ds: sr.Dataset) -> None:
        """A visit over three days has an anniversary of three days."""
        found = ds.anniversaries(2023, every=10)
        assert [(a.record.id, a.years, a.date.edtf) for a in found] == [
            ("xi-state-visit-russia-2013", 10, "2023-03-22/2023-03-24")
        ]

    def test_every_year(self, ds: sr.Dataset) -> None:
        """every=1 finds every dated record of a single year, in date order; never year 0."""
        found = ds.anniversaries(2020, every=1)
        assert [(a.record.id, a.years) for a in found] == [
            ("victory-1945", 75),
            ("treaty-of-good-neighborliness", 19),
            ("xi-state-visit-russia-2013", 7),
            ("victory-day-parade-2015", 5),
            ("joint-statement-new-era-2019", 1),
            ("xi-state-visit-russia-2019", 1),
            ("gas-pipeline-launch-video-link", 1),
        ]

    def test_nothing_and_bad_every(self, ds: sr.Dataset) -> None:
        """No round anniversary gives an empty list; every below 1 raises."""
        assert ds.anniversaries(1900) == []
        with pytest.raises(ValueError, match="every"):
            ds.anniversaries(2021, every=0)

    def test_anniversary_is_a_pair(self, ds: sr.Dataset) -> None:
        """An Anniversary unpacks as (record, years) and keeps the original precision."""
        (first,) = anniversaries(ds.happenings, 2015)
        assert isinstance(first, sr.Anniversary)
        record, years = first
        assert (record.id, years) == ("victory-1945", 70)
        assert first.date == sr.PartialDate(2015)

    def test_only_single_year_dates_count(self, ds: sr.Dataset) -> None:
        """A date spanning several years (2013-2021) has no anniversary in any year."""
        found = {
            a.record.id for y in range(2014, 2060) for a in anniversaries(ds.meetings, y, every=1)
        }
        assert "mutual-visits-2013-2021" not in found
        assert "multilateral-encounters-2013-2021" not in found
        assert "victory-day-parade-2015" in found


class TestTenure:
    def test_tenure_of_xi_at_the_parade(self, ds: sr.Dataset) -> None:
        """Since March 2013, to 2015-05-09: a range, from the month's last to first day."""
        tenure = ds.tenure("xi-jinping-president-of-china", on="2015-05-09")
        assert isinstance(tenure, sr.Tenure)
        assert (tenure.least.start, tenure.least.end) == (
            pendulum.Date(2013, 3, 31),
            pendulum.Date(2015, 5, 9),
        )
        assert (tenure.most.start, tenure.most.end) == (
            pendulum.Date(2013, 3, 1),
            pendulum.Date(2015, 5, 9),
        )
        assert not tenure.exact
        assert (
            str(tenure) == "between 2 years 1 month 1 week 2 days and 2 years 2 months 1 week 1 day"
        )
        parade = ds.meetings.get("victory-day-parade-2015").date
        assert parade is not None
        office = ds.offices.get("xi-jinping-president-of-china")
        assert ds.tenure(office, on=parade) == tenure

    def test_tenure_on_a_partial_date(self, ds: sr.Dataset) -> None:
        """On a year, the range runs from its first to its last day."""
        tenure = ds.tenure("xi-jinping-president-of-china", on=2015)
        assert tenure.least.end == pendulum.Date(2015, 1, 1)
        assert tenure.most.end == pendulum.Date(2015, 12, 31)

    def test_tenure_exact(self, one_office: Callable[..., sr.Dataset]) -> None:
        """Start and date both days: least equals most."""
        small = one_office(start="2010-01-01", end=None)
        tenure = small.tenure("boss-office", on="2011-01-01")
        assert tenure.exact
        assert tenure.least.in_days() == 365
        assert str(tenure) == "1 year"

    def test_tenure_errors(self, ds: sr.Dataset, one_office: Callable[..., sr.Dataset]) -> None:
        """Unknown start, a date before the start and an ended office raise."""
        with pytest.raises(ValueError, match="unknown"):
            ds.tenure("vladimir-putin-president-of-russia", on=2015)
        with pytest.raises(ValueError, match="before"):
            ds.tenure("xi-jinping-president-of-china", on=2012)
        with pytest.raises(sr.NotFound):
            ds.tenure("no-such-office", on=2015)
        ended = one_office(start="2010", end="2013")
        with pytest.raises(ValueError, match="had ended"):
            ended.tenure("boss-office", on=2014)

    def test_tenure_function_takes_the_office(self, ds: sr.Dataset) -> None:
        """tenure() works on the office record; Dataset.tenure looks it up by id first."""
        office = ds.offices.get("xi-jinping-president-of-china")
        assert tenure(office, "2015-05-09") == ds.tenure(office.id, on="2015-05-09")

    def test_tenure_on_the_month_it_began(self, one_office: Callable[..., sr.Dataset]) -> None:
        """On the very month an office began, the least tenure is nothing at all."""
        small = one_office(start="2013-03", end=None)
        found = small.tenure("boss-office", on="2013-03")
        assert found.least.in_days() == 0
        assert found.most == pendulum.Interval(
            pendulum.Date(2013, 3, 1), pendulum.Date(2013, 3, 31)
        )
        assert not found.exact

    def test_tenure_of_nothing_reads_0_days(self, one_office: Callable[..., sr.Dataset]) -> None:
        """A least tenure of nothing is written "0 days"."""
        small = one_office(start="2013-03", end=None)
        assert str(small.tenure("boss-office", on="2013-03")) == "between 0 days and 4 weeks 2 days"
