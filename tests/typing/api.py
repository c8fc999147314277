"""Static checks of the public API's types: mypy checks this file, pytest never runs it."""

from __future__ import annotations

from typing import assert_type

import pendulum
from matplotlib.figure import Figure

import sinorussia as sr

ds = sr.load()
assert_type(ds, sr.Dataset)
assert_type(sr.load_file("x.json"), sr.Dataset)
assert_type(sr.loads(b"{}"), sr.Dataset)
assert_type(sr.dumps(ds), str)

# Collections are typed by their record class.
assert_type(ds.leaders, sr.Collection[sr.Leader])
assert_type(ds.people, sr.Collection[sr.Person])
assert_type(ds.meetings, sr.Collection[sr.Meeting])
assert_type(ds.happenings, sr.Collection[sr.Happening])
assert_type(ds.events, sr.Collection[sr.Meeting | sr.Happening])
assert_type(ds.treaties, sr.Collection[sr.Treaty])
assert_type(ds.projects, sr.Collection[sr.Project])
assert_type(ds.statements, sr.Collection[sr.Statement])
assert_type(ds.offices, sr.Collection[sr.Office])
assert_type(ds.places, sr.Collection[sr.Place])
assert_type(ds.countries, sr.Collection[sr.Country])
assert_type(ds.documents, sr.Collection[sr.Document])

# get() returns the record; with a default, the record or the default.
assert_type(ds.leaders.get("wang-yi"), sr.Leader)
assert_type(ds.leaders.get("wang-yi", None), sr.Leader | None)
assert_type(ds.meetings[0], sr.Meeting)
assert_type(ds.meetings[1:], sr.Collection[sr.Meeting])
assert_type(ds.get("moscow"), sr.Record | sr.Document)

# Records have real, typed attributes.
wang = ds.leaders.get("wang-yi")
assert_type(wang.name, str)
assert_type(wang.aliases, tuple[str, ...])
assert_type(wang.wikidata, str | None)
meeting = ds.meetings.get("guilin-talks-2021")
assert_type(meeting.kind, sr.MeetingKind)
assert_type(meeting.kind.cameo, str | None)
assert_type(meeting.date, sr.Dating | None)
assert_type(meeting.participants, tuple[sr.Participant, ...])
assert_type(meeting.count, int | None)
if meeting.date is not None:
    assert_type(meeting.date.best, sr.PartialDate | sr.DateInterval)
    assert_type(meeting.date.lower, pendulum.Date | None)
    assert_type(meeting.date.claims, tuple[sr.DateClaim, ...])
treaty = ds.treaties.get("treaty-of-good-neighborliness")
assert_type(treaty.signed, sr.Dating | None)
assert_type(treaty.signatories, tuple[sr.Participant, ...])
office = ds.offices.get("xi-jinping-president-of-china")
assert_type(office.status, sr.OfficeStatus)
assert_type(office.period, sr.DateInterval | None)

# Dates.
assert_type(sr.parse_edtf("2019-06"), sr.PartialDate | sr.DateInterval)
assert_type(sr.PartialDate(2019, 6).lower, pendulum.Date)
assert_type(sr.PartialDate(2019).anniversary(20), sr.PartialDate)
assert_type(sr.to_when(2020), sr.PartialDate | sr.DateInterval)

# Errors.
try:
    sr.loads("{}")
except sr.DataError as error:
    assert_type(error.problems, tuple[sr.Problem, ...])
    assert_type(error.problems[0].path, str)

# Chained queries keep the record type.
assert_type(ds.meetings.involving("xi-jinping"), sr.Collection[sr.Meeting])
assert_type(
    ds.meetings.involving("xi-jinping", "vladimir-putin").during(2020, certain=True),
    sr.Collection[sr.Meeting],
)
assert_type(ds.meetings.at("russia").of_kind(sr.MeetingKind.CEREMONY), sr.Collection[sr.Meeting])
assert_type(ds.events.before("2015").after(1940), sr.Collection[sr.Meeting | sr.Happening])
assert_type(ds.statements.cited_in(12).where(speaker="andrey-denisov"), sr.Collection[sr.Statement])
assert_type(ds.treaties.in_force(on="2021-07-16"), sr.Collection[sr.Treaty])
assert_type(ds.treaties.signed(before=2010).during("2001"), sr.Collection[sr.Treaty])
assert_type(ds.projects.with_status("in_operation"), sr.Collection[sr.Project])
assert_type(ds.offices.held_on("2015-05-09"), sr.Collection[sr.Office])
assert_type(ds.meetings.by_date()[0], sr.Meeting)
assert_type(ds.meetings.filter(lambda m: m.count == 1), sr.Collection[sr.Meeting])
assert_type(ds.leaders.lookup("Lavrov"), sr.Leader)
assert_type(ds.leaders.search("Lavrov"), sr.Results[sr.Leader])
assert_type(ds.leaders.search("Lavrov")[0].record, sr.Leader)

# Navigation and time.
assert_type(ds.related("xi-jinping"), sr.Collection[sr.Record | sr.Document])
assert_type(ds.related("xi-jinping").of_type(sr.Meeting), sr.Collection[sr.Meeting])
assert_type(ds.timeline(start=2015), sr.Timeline)
assert_type(ds.anniversaries(2021), list[sr.Anniversary])
for record, years in ds.anniversaries(2021):
    assert_type(record, sr.Meeting | sr.Happening | sr.Treaty)
    assert_type(years, int)
assert_type(ds.offices_on("2015", person="xi-jinping"), sr.Collection[sr.Office])
assert_type(ds.tenure("xi-jinping-president-of-china", on="2015-05-09"), sr.Tenure)
assert_type(ds.lookup("Moscow"), sr.Record | sr.Document)

# Filters that apply to one record type are type errors on others.
ds.meetings.in_force(on="2021")  # type: ignore[misc]
ds.leaders.with_status("planned")  # type: ignore[misc]

# Facets: what every record says about itself, typed.
assert_type(meeting.label, str)
assert_type(meeting.category, str | None)
assert_type(meeting.dating, sr.Dating | None)
assert_type(meeting.when, sr.PartialDate | sr.DateInterval | None)
assert_type(meeting.span, tuple[int, int] | None)
assert_type(office.span, tuple[int, int])
assert_type(meeting.actors, tuple[sr.Actor, ...])
assert_type(meeting.site, str | None)
assert_type(meeting.names, tuple[str, ...])
assert_type(ds.documents[0].label, str)

# The sections: one definition, typed on the class and on a dataset.
assert_type(sr.Dataset.meetings, sr.Section[sr.Meeting])
assert_type(sr.Dataset.meetings.cls, type[sr.Meeting])
assert_type(ds.people, sr.Collection[sr.Person])

# Pictures are functions of a dataset (the plot extra).
assert_type(sr.plot_timeline(ds, start=2013), Figure)
assert_type(sr.plot_network(ds), Figure)
ds.plot_timeline()  # type: ignore[attr-defined]

# Named input types: what the queries accept, and what they refuse.
period: sr.PeriodLike = (2019, "2021-06")
day: sr.DateLike = pendulum.Date(2021, 7, 16)
who: sr.RecordRef = wang
assert_type(ds.meetings.during(period).before(day).involving(who), sr.Collection[sr.Meeting])
ds.meetings.during([2020])  # type: ignore[arg-type]
ds.meetings.during(2020.5)  # type: ignore[arg-type]
ds.meetings.before({"year": 2020})  # type: ignore[arg-type]
ds.meetings.involving(42)  # type: ignore[arg-type]
ds.meetings.at(None)  # type: ignore[arg-type]
ds.meetings.of_kind(3)  # type: ignore[arg-type]
ds.treaties.in_force(on=[2021])  # type: ignore[arg-type]
ds.offices.held_on(None)  # type: ignore[arg-type]
ds.timeline(start=[2015])  # type: ignore[arg-type]
ds.tenure("xi-jinping-president-of-china", on=(2015, 2016))  # type: ignore[arg-type]
ds.offices_on(2015, person=7)  # type: ignore[arg-type]
sr.Dataset(version=1)  # type: ignore[arg-type]
