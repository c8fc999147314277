"""Time across records (``_timeline``): the timeline, anniversaries and tenures."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable, Sequence

import pendulum
import pytest

import sinorussia as sr
from sinorussia._timeline import anniversaries, entry_kinds, tenure, timeline

_EXTERNAL = sr.Citation(
    basis=sr.Basis.EXTERNAL, source="https://example.org", confidence=sr.Confidence.LOW
)


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
        assert timeline((), (), ()) == sr.Timeline()
        assert list(timeline((), (), ())) == []

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


def _entry(date: str, title: str = "A title", kind: str = "talks") -> sr.Entry:
    """An entry of a made-up meeting, dated ``date`` (EDTF)."""
    meeting = sr.Meeting(
        id="made-up",
        citations=(_EXTERNAL,),
        title=title,
        kind=sr.MeetingKind.TALKS,
        participants=(sr.Participant(who="someone"),),
        date=sr.Dating.of(date, _EXTERNAL),
    )
    assert meeting.date is not None
    return sr.Entry(meeting.date, meeting, kind, title)


class TestTimelineSequence:
    def test_an_immutable_sequence_of_entries(self, ds: sr.Dataset) -> None:
        """A Timeline indexes, slices (to a Timeline), counts and iterates like a tuple."""
        line = ds.timeline()
        assert isinstance(line, sr.Timeline)
        assert isinstance(line, Sequence)
        entries = list(line)
        assert len(line) == len(entries) == 24
        assert line[0] is entries[0]
        assert line[-1] is entries[-1]
        part = line[2:5]
        assert isinstance(part, sr.Timeline)
        assert list(part) == entries[2:5]
        assert line[::-1][0] is entries[-1]
        assert entries[3] in line
        assert line.index(entries[3]) == 3
        with pytest.raises(AttributeError, match="immutable"):
            line._entries = ()
        with pytest.raises(IndexError):
            line[24]

    def test_bad_index_and_bad_entries(self, ds: sr.Dataset) -> None:
        """An index that is no whole number, or a Timeline of other things, is refused."""
        line = ds.timeline()
        with pytest.raises(sr.ArgumentError, match=r"Timeline\[index\]"):
            line["1"]  # type: ignore[call-overload]
        with pytest.raises(sr.ArgumentError, match=r"Timeline\[index\]"):
            line[True]
        with pytest.raises(sr.ArgumentError, match="entries only"):
            sr.Timeline([ds.meetings[0]])  # type: ignore[list-item]
        with pytest.raises(sr.ArgumentError, match="an iterable of entries"):
            sr.Timeline(3)  # type: ignore[arg-type]

    def test_equality(self, ds: sr.Dataset) -> None:
        """Timelines of the same entries are equal (and hash alike); a list is not a Timeline."""
        assert ds.timeline(start=2021) == ds.timeline(start=2021)
        assert hash(ds.timeline(start=2021)) == hash(ds.timeline(start=2021))
        assert ds.timeline(start=2021) != ds.timeline(start=2020)
        assert ds.timeline(start=2021) != list(ds.timeline(start=2021))
        assert sr.Timeline(ds.timeline()[:2]) == ds.timeline()[:2]

    def test_pickles(self, ds: sr.Dataset) -> None:
        """A timeline survives pickling, as a Timeline of equal entries."""
        line = ds.timeline(start=2020)
        again = pickle.loads(pickle.dumps(line))
        assert isinstance(again, sr.Timeline)
        assert again == line

    def test_repr(self, ds: sr.Dataset) -> None:
        """The repr counts the entries and shows the first three by date and id."""
        line = ds.timeline(start=2021, end=2021, certain=True)
        assert repr(line) == (
            "<Timeline of 5 entries: 2021-03-09 international-lunar-research-station,"
            " 2021-03-09 lunar-research-station-mou, 2021-03-23 guilin-talks-2021, ... +2>"
        )
        assert repr(line[:1]) == (
            "<Timeline of 1 entry: 2021-03-09 international-lunar-research-station>"
        )
        assert repr(sr.Timeline()) == "<Timeline of 0 entries>"

    def test_html_is_escaped(self) -> None:
        """The notebook table escapes every cell."""
        line = sr.Timeline([_entry("2020-01-02", title="<b>Tom & Jerry</b>")])
        page = line._repr_html_()
        assert "<td>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</td>" in page
        assert "<b>Tom" not in page
        assert page.startswith("<p>1 entry</p><table>")
        assert "<td>2020-01-02</td>" in page


class TestTimelinePandas:
    def test_columns_and_types(self, ds: sr.Dataset) -> None:
        """One row per entry: EDTF date, datetime bounds, basis, kind, id and title."""
        line = ds.timeline(start=2021, end=2021, certain=True)
        frame = line.to_pandas()
        assert list(frame.columns) == ["date", "lower", "upper", "basis", "kind", "id", "title"]
        assert list(frame["id"]) == [e.record.id for e in line]
        assert list(frame["date"]) == [e.date.edtf for e in line]
        assert str(frame["lower"].dtype).startswith("datetime64")
        talks = frame[frame["id"] == "guilin-talks-2021"].iloc[0]
        assert (talks["lower"].year, talks["lower"].month, talks["lower"].day) == (2021, 3, 23)
        assert talks["basis"] == "inferred"
        assert talks["kind"] == "talks"

    def test_unbounded_is_nat(self) -> None:
        """An open side of a date is NaT; the other side is its day."""
        frame = sr.Timeline([_entry("../2015-06")]).to_pandas()
        assert frame["lower"].isna().tolist() == [True]
        upper = frame["upper"].iloc[0]
        assert (upper.year, upper.month, upper.day) == (2015, 6, 30)

    def test_empty(self) -> None:
        """An empty timeline gives an empty frame with the same columns."""
        frame = sr.Timeline().to_pandas()
        assert len(frame) == 0
        assert list(frame.columns) == ["date", "lower", "upper", "basis", "kind", "id", "title"]

    def test_without_pandas(self, ds: sr.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas the error says how to install it."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"pip install 'sinorussia\[pandas\]'"):
            ds.timeline().to_pandas()


class TestTimelineFilters:
    def test_one_kind_or_several(self, ds: sr.Dataset) -> None:
        """kind takes one kind or several; an entry matches any of them."""
        assert [e.record.id for e in ds.timeline(kind="talks")] == ["guilin-talks-2021"]
        assert [e.record.id for e in ds.timeline(kind=sr.MeetingKind.TALKS)] == [
            "guilin-talks-2021"
        ]
        both = ds.timeline(kind=["talks", "treaty_extension"])
        assert [e.record.id for e in both] == ["guilin-talks-2021", "treaty-extension-2021"]
        signed = ds.timeline(kind="treaty signed")
        assert [e.record.id for e in signed] == ["treaty-of-good-neighborliness"]

    def test_kind_matches_the_record_category(self, ds: sr.Dataset) -> None:
        """A treaty's kind and a project's sector select their entries too."""
        assert [e.kind for e in ds.timeline(kind="treaty")] == ["treaty signed"]
        space = ds.timeline(kind="space")
        assert {e.record.id for e in space} == {
            "international-lunar-research-station",
        }
        assert {e.kind for e in space} == {"milestone"}

    def test_unknown_kind_lists_the_kinds(self, ds: sr.Dataset) -> None:
        """An unknown kind is an error naming the valid ones, not an empty timeline."""
        with pytest.raises(sr.ArgumentError, match="unknown kind 'bogus'") as info:
            ds.timeline(kind="bogus")
        message = str(info.value)
        for kind in ("phone_call", "treaty signed", "milestone", "energy"):
            assert kind in message
        with pytest.raises(sr.ArgumentError, match=r"timeline\(kind\)"):
            ds.timeline(kind=[3])  # type: ignore[list-item]
        with pytest.raises(sr.ArgumentError, match="at least one kind"):
            ds.timeline(kind=[])

    def test_entry_kinds(self, ds: sr.Dataset) -> None:
        """The valid kinds: every kind and category the dataset's entries have, and more."""
        kinds = entry_kinds(ds.timeline())
        assert {e.kind for e in ds.timeline()} <= set(kinds)
        assert {e.record.category for e in ds.timeline()} <= set(kinds)
        assert {"video_call", "agreement signed", "health"} <= set(kinds)
        assert len(kinds) == len(set(kinds))

    def test_involving_ids_names_and_records(self, ds: sr.Dataset) -> None:
        """involving resolves names as the collections do; several must all be involved."""
        by_id = ds.timeline(involving="sergei-lavrov")
        assert [e.record.id for e in by_id] == ["guilin-talks-2021"]
        assert ds.timeline(involving="Lavrov") == by_id
        assert ds.timeline(involving=ds.get("sergei-lavrov")) == by_id
        xi = ds.timeline(involving="xi-jinping")
        both = ds.timeline(involving=["xi-jinping", "vladimir-putin"])
        assert both
        assert set(both) <= set(xi)
        wanted = set(ds.events.involving("xi-jinping").ids)
        wanted |= set(ds.treaties.involving("xi-jinping").ids)
        wanted |= set(ds.projects.involving("xi-jinping").ids)
        assert {e.record.id for e in xi} == wanted & {e.record.id for e in ds.timeline()}

    def test_involving_nobody_raises(self, ds: sr.Dataset) -> None:
        """A name that fits nothing raises NotFound, not an empty timeline."""
        with pytest.raises(sr.NotFound):
            ds.timeline(involving="Nobody Atall")
        with pytest.raises(sr.ArgumentError, match=r"timeline\(involving\)"):
            ds.timeline(involving=[3])  # type: ignore[list-item]

    def test_at_a_place_or_inside_it(self, ds: sr.Dataset) -> None:
        """at keeps entries at the place or inside it: Red Square lies in Moscow."""
        moscow = ds.timeline(at="Moscow")
        assert "victory-day-parade-2015" in {e.record.id for e in moscow}
        assert ds.timeline(at="moscow") == moscow
        assert set(moscow) <= set(ds.timeline(at="russia"))
        assert [e.record.id for e in ds.timeline(at="guilin")] == ["guilin-talks-2021"]
        with pytest.raises(sr.NotFound):
            ds.timeline(at="Atlantis")

    def test_filters_combine(self, ds: sr.Dataset) -> None:
        """Every filter narrows: kind, who, where and when together."""
        found = ds.timeline(
            kind="state_visit", involving="xi-jinping", at="russia", start=2019, end=2019
        )
        assert [e.record.id for e in found] == ["xi-state-visit-russia-2019"]

    def test_plain_records_match_ids_literally(self, ds: sr.Dataset) -> None:
        """The function takes plain iterables too; then ids match, names do not resolve."""
        events = tuple(ds.events)
        found = timeline(events, (), (), involving="sergei-lavrov")
        assert [e.record.id for e in found] == ["guilin-talks-2021"]
        assert timeline(events, (), (), involving="Lavrov") == sr.Timeline()
