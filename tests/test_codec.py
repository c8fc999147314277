"""The converter: strict structuring, located problems, and exact round trips."""

from __future__ import annotations

import datetime
import enum
import json
from typing import Any

import attrs
import pendulum
import pytest

import sinorussia as sr
from sinorussia._codec import converter, problems_of
from sinorussia._dataset import SECTIONS
from sinorussia._dates import DateInterval, PartialDate, When


class Colour(enum.Enum):
    """A plain enum with string values, defined outside sinorussia."""

    RED = "red"
    BLUE = "blue"


class Shade(enum.StrEnum):
    """A string enum defined outside sinorussia."""

    DARK = "dark"
    LIGHT = "light"


class Level(enum.IntEnum):
    """An integer enum defined outside sinorussia."""

    LOW = 1
    HIGH = 2


@attrs.frozen(kw_only=True)
class Sample:
    """A small record with one field of each kind the converter treats specially."""

    name: str
    count: int = 0
    amount: int | float = 0
    numbers: tuple[int, ...] = ()
    colour: Colour | None = None
    shade: Shade = Shade.DARK
    shades: tuple[Shade, ...] = ()
    level: Level = Level.LOW
    note: str | None = None
    size: int | None = None


@attrs.frozen(kw_only=True)
class Dates:
    """Fields of the date types."""

    when: When
    day: PartialDate | None = None
    span: DateInterval | None = None


Problems = list[tuple[str, str]]


def problems(raw: Any, cls: type = Sample) -> Problems:
    """The (path, message) of every problem structuring ``raw`` as ``cls`` raises."""
    with pytest.raises(Exception) as info:  # noqa: PT011 - any cattrs error; problems_of reads it
        converter.structure(raw, cls)
    return [(p.path, p.message) for p in problems_of(info.value)]


def sample(**fields: Any) -> dict[str, Any]:
    """Raw values of a Sample: a name and the given fields."""
    return {"name": "a sample", **fields}


class TestEnums:
    @pytest.mark.parametrize(
        ("raw", "name", "expected"),
        [
            (sample(colour="blue"), "colour", Colour.BLUE),
            (sample(shade="light"), "shade", Shade.LIGHT),
            (sample(level=2), "level", Level.HIGH),
        ],
    )
    def test_members(self, raw: dict[str, Any], name: str, expected: enum.Enum) -> None:
        """Enums defined outside sinorussia structure to their members, not to plain values."""
        value = getattr(converter.structure(raw, Sample), name)
        assert value is expected
        assert type(value) is type(expected)

    def test_members_in_arrays(self) -> None:
        """An array of enum values becomes a tuple of members."""
        found = converter.structure(sample(shades=["light", "dark"]), Sample).shades
        assert found == (Shade.LIGHT, Shade.DARK)
        assert [type(item) for item in found] == [Shade, Shade]

    def test_plain_enum_member_not_string(self) -> None:
        """A plain Enum field holds the member itself (it used to come back as a string)."""
        found = converter.structure(sample(colour="red"), Sample)
        assert found.colour is Colour.RED
        assert converter.structure("red", Colour) is Colour.RED
        assert converter.structure("dark", Shade) is Shade.DARK

    def test_string_enum_member_not_string(self) -> None:
        """A StrEnum field holds the member, whose type is the enum, not str."""
        found = converter.structure(sample(shade="light"), Sample)
        assert type(found.shade) is Shade

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            (
                sample(colour="green"),
                [("$.colour", "unknown value 'green'; expected one of 'red', 'blue'")],
            ),
            (
                sample(shade="Dark"),
                [("$.shade", "unknown value 'Dark'; expected one of 'dark', 'light'")],
            ),
            (sample(level=3), [("$.level", "unknown value 3; expected one of 1, 2")]),
        ],
    )
    def test_unknown_value(self, raw: dict[str, Any], expected: Problems) -> None:
        """An unknown value is refused, listing the values allowed."""
        assert problems(raw) == expected

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            (sample(colour=1), [("$.colour", "expected a string, got an integer")]),
            (sample(shade=["dark"]), [("$.shade", "expected a string, got an array")]),
            (sample(shade=None), [("$.shade", "expected a string, got null")]),
            (sample(level="2"), [("$.level", "expected an integer, got a string")]),
            (sample(level=True), [("$.level", "expected an integer, got a boolean")]),
            (sample(level=1.0), [("$.level", "expected an integer, got a number")]),
        ],
    )
    def test_wrong_type(self, raw: dict[str, Any], expected: Problems) -> None:
        """A value of the wrong JSON type is refused, naming what was expected."""
        assert problems(raw) == expected

    def test_optional_enum(self) -> None:
        """An optional enum takes null, and is as strict as a required one otherwise."""
        assert converter.structure(sample(colour=None), Sample).colour is None
        assert problems(sample(colour="RED")) == [
            ("$.colour", "unknown value 'RED'; expected one of 'red', 'blue'")
        ]

    def test_model_enums(self) -> None:
        """The model's own vocabularies are as strict."""
        assert converter.structure("stated", sr.Basis) is sr.Basis.STATED
        assert problems("Stated", sr.Basis) == [
            ("$", "unknown value 'Stated'; expected one of 'stated', 'inferred', 'external'")
        ]
        assert problems(1, sr.Role) == [("$", "expected a string, got an integer")]


class TestPrimitives:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (5, "expected a string, got an integer"),
            (5.5, "expected a string, got a number"),
            (True, "expected a string, got a boolean"),
            (None, "expected a string, got null"),
            (["a"], "expected a string, got an array"),
            ({"a": 1}, "expected a string, got an object"),
        ],
    )
    def test_strings_refuse_other_types(self, value: Any, message: str) -> None:
        """A str field takes only a string: no number is turned into one."""
        assert problems({"name": value}) == [("$.name", message)]

    @pytest.mark.parametrize(
        ("raw", "path"),
        [
            (sample(name="\ud800Moscow"), "$.name"),
            (sample(note="a\udfff"), "$.note"),
        ],
    )
    def test_strings_refuse_lone_surrogates(self, raw: dict[str, Any], path: str) -> None:
        """A string holding a lone surrogate, which no writer can encode, is refused at its path."""
        [(where, message)] = problems(raw)
        assert where == path
        assert message.startswith("holds a lone surrogate (U+D")

    @pytest.mark.parametrize("value", ["Moscow", "Москва", "\U0001f600 party", "e\u0301"])
    def test_unicode_strings_pass(self, value: str) -> None:
        """Any Unicode string, astral characters included, passes unchanged."""
        assert converter.structure(sample(name=value), Sample).name == value

    def test_optional_string(self) -> None:
        """A str | None field takes a string or null, and nothing else."""
        assert converter.structure(sample(note=None), Sample).note is None
        assert converter.structure(sample(note="x"), Sample).note == "x"
        assert problems(sample(note=7)) == [("$.note", "expected a string, got an integer")]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (True, "expected an integer, got a boolean"),
            (False, "expected an integer, got a boolean"),
            (5.0, "expected an integer, got a number"),
            (5.7, "expected an integer, got a number"),
            ("5", "expected an integer, got a string"),
        ],
    )
    def test_integers_refuse_booleans_and_floats(self, value: Any, message: str) -> None:
        """An int field takes only an integer: no float is truncated, no boolean counted."""
        assert problems(sample(count=value)) == [("$.count", message)]
        assert problems(sample(size=value)) == [("$.size", message)]

    def test_integers(self) -> None:
        """Integers, big ones too, pass unchanged."""
        found = converter.structure(sample(count=-3, size=2**70), Sample)
        assert (found.count, found.size) == (-3, 2**70)
        assert converter.structure(sample(size=None), Sample).size is None

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (float("nan"), "expected a finite number, got nan"),
            (float("inf"), "expected a finite number, got inf"),
            (float("-inf"), "expected a finite number, got -inf"),
            (True, "expected a number, got a boolean"),
            ("1.5", "expected a number, got a string"),
        ],
    )
    def test_numbers_refuse_non_finite(self, value: Any, message: str) -> None:
        """An int | float field takes finite numbers only."""
        assert problems(sample(amount=value)) == [("$.amount", message)]

    def test_numbers_keep_their_type(self) -> None:
        """An integer stays an integer and a float a float."""
        assert type(converter.structure(sample(amount=3), Sample).amount) is int
        assert type(converter.structure(sample(amount=2.5), Sample).amount) is float

    def test_quantity(self) -> None:
        """The model's numbers (a quantity's value) are as strict."""
        raw = {"measure": "aid", "value": float("nan"), "unit": "tonnes"}
        assert problems(raw, sr.Quantity) == [("$.value", "expected a finite number, got nan")]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (1, "expected true or false, got an integer"),
            ("true", "expected true or false, got a string"),
        ],
    )
    def test_booleans(self, value: Any, message: str) -> None:
        """A bool is only true or false."""
        assert problems(value, bool) == [("$", message)]
        assert converter.structure(False, bool) is False


class TestArrays:
    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("123", "expected an array, got a string"),
            ({"0": 1}, "expected an array, got an object"),
            (1, "expected an array, got an integer"),
        ],
    )
    def test_refuse_non_arrays(self, value: Any, message: str) -> None:
        """A tuple field takes only an array: a string is not a tuple of characters."""
        assert problems(sample(numbers=value)) == [("$.numbers", message)]

    def test_refuses_a_string_for_aliases(self) -> None:
        """A record's list of names refuses a single string."""
        raw = {
            "id": "china",
            "citations": [{"basis": "stated", "document": "article", "paragraphs": [1]}],
            "name": "China",
            "aliases": "PRC",
        }
        assert problems(raw, sr.Country) == [("$.aliases", "expected an array, got a string")]

    def test_every_bad_item_has_its_index(self) -> None:
        """Each bad item of an array is reported at its own index."""
        assert problems(sample(numbers=[1, "2", 3, True, 5.5])) == [
            ("$.numbers[1]", "expected an integer, got a string"),
            ("$.numbers[3]", "expected an integer, got a boolean"),
            ("$.numbers[4]", "expected an integer, got a number"),
        ]

    def test_bad_enum_items(self) -> None:
        """Bad enum items are reported with their index too."""
        assert problems(sample(shades=["dark", "grey", 3])) == [
            ("$.shades[1]", "unknown value 'grey'; expected one of 'dark', 'light'"),
            ("$.shades[2]", "expected a string, got an integer"),
        ]

    def test_problems_in_several_fields(self) -> None:
        """Problems in several fields are all reported, each at its path."""
        found = problems({"name": 1, "count": "x", "numbers": [0, None]})
        assert sorted(found) == [
            ("$.count", "expected an integer, got a string"),
            ("$.name", "expected a string, got an integer"),
            ("$.numbers[1]", "expected an integer, got null"),
        ]

    def test_arrays_become_tuples(self) -> None:
        """A good array becomes a tuple of its items."""
        assert converter.structure(sample(numbers=[3, 1, 2]), Sample).numbers == (3, 1, 2)

    def test_nested_paths(self) -> None:
        """A problem deep in a record has the full path of keys and indexes."""
        raw = {
            "id": "visit",
            "citations": [{"basis": "stated", "document": "article", "paragraphs": [1, "2"]}],
            "title": "A visit",
            "kind": "talks",
            "participants": [{"who": "wang-yi"}, {"who": "sergei-lavrov", "role": "visitor"}],
        }
        assert problems(raw, sr.Meeting) == [
            ("$.citations[0].paragraphs[1]", "expected an integer, got a string"),
            (
                "$.participants[1].role",
                "unknown value 'visitor'; expected one of 'host', 'guest', 'participant',"
                " 'actor', 'recipient', 'signatory'",
            ),
        ]

    def test_a_path_prefix(self) -> None:
        """problems_of puts its path before the paths inside."""
        with pytest.raises(Exception) as info:  # noqa: PT011 - any cattrs error
            converter.structure(sample(numbers=["x"]), Sample)
        assert [p.path for p in problems_of(info.value, "$.samples[4]")] == [
            "$.samples[4].numbers[0]"
        ]


class TestObjects:
    def test_unknown_field(self) -> None:
        """A key the class does not have is reported, not dropped."""
        assert problems(sample(colour="red", color="red")) == [("$", "unknown field: color")]

    def test_unknown_fields(self) -> None:
        """Several unknown keys are reported together, sorted."""
        assert problems(sample(zeta=1, alpha=2)) == [("$", "unknown fields: alpha, zeta")]

    @pytest.mark.parametrize(
        ("key", "shown"),
        [("\ud800", "'\\ud800'"), ("\x1b[31m", "'\\x1b[31m'"), (" pad", "' pad'"), ("", "''")],
    )
    def test_unknown_keys_that_do_not_print(self, key: str, shown: str) -> None:
        """An unknown key that would not print plainly is shown quoted, with escapes."""
        assert problems({**sample(), key: 1}) == [("$", f"unknown field: {shown}")]

    def test_unknown_field_in_a_nested_record(self) -> None:
        """An unknown key inside a nested record is reported at that record."""
        raw = {"value": "2020", "citation": {"basis": "stated", "document": "a", "para": [1]}}
        assert ("$.citation", "unknown field: para") in problems(raw, sr.DateClaim)

    def test_missing_field(self) -> None:
        """A required field left out is reported at its path."""
        assert problems({"count": 1}) == [("$.name", "required field is missing")]

    def test_not_an_object(self) -> None:
        """A record must be a JSON object."""
        assert problems(["a sample"]) == [("$", "expected an object, got an array")]
        assert problems("a sample") == [("$", "expected an object, got a string")]

    def test_validators_run_beside_type_errors(self) -> None:
        """An invalid id is reported along with a type error elsewhere in the record."""
        raw = {"id": "Not An Id", "citations": [], "name": 5}
        found = problems(raw, sr.Country)
        assert ("$.name", "expected a string, got an integer") in found
        assert any(path == "$.id" and "not a valid id" in message for path, message in found)

    def test_record_rules_point_at_their_field(self) -> None:
        """A rule across a record's fields names the field; one about the record, the record."""
        meeting = {
            "id": "m",
            "citations": [{"basis": "stated", "document": "d", "paragraphs": [1]}],
            "title": "M",
            "kind": "talks",
            "participants": [{"who": "a"}, {"who": "a", "role": "host"}],
        }
        assert problems(meeting, sr.Meeting) == [
            ("$.participants[1].who", "'a' is listed twice, at [0] and [1]")
        ]
        citation = {"basis": "external", "confidence": "high"}
        assert problems(citation, sr.Citation) == [
            ("$", "an external citation needs a source address")
        ]

    def test_defaults_left_out(self) -> None:
        """Unstructuring leaves out fields at their defaults."""
        assert converter.unstructure(Sample(name="x")) == {"name": "x"}
        assert converter.unstructure(Sample(name="x", level=Level.HIGH, colour=Colour.RED)) == {
            "name": "x",
            "colour": "red",
            "level": 2,
        }


def bundled_records() -> list[tuple[str, type, dict[str, Any]]]:
    """Every bundled record as JSON values, with its section's name and class."""
    raw = json.loads(sr.dumps(sr.load()))
    return [
        (section.name, section.cls, record) for section in SECTIONS for record in raw[section.name]
    ]


class TestRoundTrip:
    def test_sections_cover_the_file(self) -> None:
        """Every list in the bundled file is a section with a record class."""
        raw = json.loads(sr.dumps(sr.load()))
        assert {key for key, value in raw.items() if isinstance(value, list)} == {
            section.name for section in SECTIONS
        }
        assert all(attrs.has(section.cls) for section in SECTIONS)

    @pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.name)
    def test_every_bundled_record(self, section: Any) -> None:
        """Structuring then unstructuring a bundled record gives back the same JSON values."""
        raw = json.loads(sr.dumps(sr.load()))[section.name]
        assert raw, section.name
        for record in raw:
            value = converter.structure(record, section.cls)
            assert type(value) is section.cls
            again = converter.unstructure(value)
            assert again == record, record.get("id")
            assert json.dumps(again, ensure_ascii=False) == json.dumps(record, ensure_ascii=False)

    def test_records_survive_the_other_way(self, ds: sr.Dataset) -> None:
        """Unstructuring then structuring a loaded record gives an equal record."""
        for section in SECTIONS:
            for record in getattr(ds, section.name):
                cls: Any = section.cls
                back = converter.structure(converter.unstructure(record), cls)
                assert back == (record.as_person() if isinstance(record, sr.Leader) else record)


class TestDates:
    def test_claims_become_our_types(self) -> None:
        """An EDTF value becomes a PartialDate or a DateInterval, not a datetime.date."""
        day = converter.structure(
            {
                "value": "2021-03-23",
                "citation": {"basis": "stated", "document": "a", "paragraphs": [1]},
            },
            sr.DateClaim,
        )
        assert type(day.value) is PartialDate
        assert datetime.date not in type(day.value).__mro__
        assert day.value.lower == pendulum.date(2021, 3, 23)
        assert isinstance(day.value.lower, pendulum.Date)
        span = converter.structure(
            {
                "value": "2021-03/..",
                "citation": {"basis": "stated", "document": "a", "paragraphs": [1]},
            },
            sr.DateClaim,
        )
        assert type(span.value) is DateInterval
        assert span.value.upper is None

    def test_bundled_dates(self, ds: sr.Dataset) -> None:
        """A bundled meeting's date claims are our types, and the best value with them."""
        meeting = ds.meetings.get("guilin-talks-2021")
        assert meeting.date is not None
        assert [type(c.value) for c in meeting.date.claims] == [PartialDate, DateInterval]
        assert type(meeting.date.best) is PartialDate
        assert meeting.date.best.edtf == "2021-03-23"

    def test_datings(self) -> None:
        """A date field is a Dating of claims, and an empty one is refused."""
        claim = {
            "value": "2019~",
            "citation": {"basis": "stated", "document": "a", "paragraphs": [2]},
        }
        dating = converter.structure([claim], sr.Dating)
        assert type(dating) is sr.Dating
        assert dating.edtf == "2019~"
        assert converter.unstructure(dating) == [claim]
        assert problems([], sr.Dating) == [("$", "a date needs at least one claim")]
        assert problems("2019", sr.Dating) == [("$", "expected an array, got a string")]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (20210323, "expected an EDTF date string, got an integer"),
            (None, "expected an EDTF date string, got null"),
            ({"year": 2021}, "expected an EDTF date string, got an object"),
        ],
    )
    def test_dates_refuse_non_strings(self, value: Any, message: str) -> None:
        """A date is an EDTF string, nothing else."""
        assert problems({"when": value}, Dates) == [("$.when", message)]

    def test_dates_refuse_python_dates(self) -> None:
        """Python and pendulum dates are not JSON and are refused as well."""
        for value in (datetime.date(2021, 3, 23), pendulum.date(2021, 3, 23)):
            found = problems({"when": value}, Dates)
            assert [path for path, _ in found] == ["$.when"]
            assert found[0][1].startswith("expected an EDTF date string")

    def test_unstructured_as_edtf(self) -> None:
        """Dates are written back as their EDTF strings."""
        raw = {"when": "2021/2022", "day": "2021-03", "span": "../2020"}
        value = converter.structure(raw, Dates)
        assert type(value.when) is DateInterval
        assert type(value.day) is PartialDate
        assert type(value.span) is DateInterval
        assert converter.unstructure(value) == raw

    def test_declared_date_types_are_kept(self) -> None:
        """A PartialDate field refuses an interval, and a DateInterval field a single date."""
        for raw, path in (
            ({"when": "2021", "day": "2021/2022"}, "$.day"),
            ({"when": "2021", "span": "2021-03"}, "$.span"),
        ):
            found = problems(raw, Dates)
            assert [p for p, _ in found] == [path]
