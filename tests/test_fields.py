"""Field building blocks: validators, their JSON Schema fragments, and field metadata."""

from __future__ import annotations

import functools
import json
import pickle
import re
from collections.abc import Iterator
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia._fields import (
    DOC,
    REF,
    SLUG,
    AtLeast,
    Each,
    FieldError,
    IsId,
    Matches,
    NonEmpty,
    Text,
    Unique,
    Validator,
    all_of,
    describe,
    doc,
    document,
    is_visible,
    lone_surrogate,
    ref,
    ref_targets,
    summary,
)
from sinorussia._model import RECORD_CLASSES
from sinorussia._plan import plan
from sinorussia._schema import DRAFT, json_schema

RECORD_NAMES = {
    "Document", "Country", "Organisation", "Place", "Person", "Leader",
    "Office", "Meeting", "Happening", "Treaty", "Project", "Statement",
}  # fmt: skip

# Classes that are not attrs classes are left out here (so that collecting the
# tests does not fail); TestModelValidators.test_record_classes catches them.
MODEL_CLASSES: list[type] = [
    *(cls for cls in RECORD_CLASSES.values() if attrs.has(cls)),
    sr.Citation,
    sr.DateClaim,
    sr.Participant,
    sr.Quantity,
    sr.Milestone,
]

DEFS: dict[str, Any] = json_schema()["$defs"]

LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
PET = re.compile(r"cat|dog")


@attrs.frozen
class Holder:
    """Something with one field called ``thing``, so validators have an attribute to name."""

    thing: Any = None


THING: attrs.Attribute[Any] = attrs.fields(Holder).thing


def run(validator: Validator, value: Any) -> None:
    """Call a validator the way attrs does, for the field ``thing``."""
    validator(Holder(), THING, value)


def error_of(validator: Validator, value: Any) -> FieldError:
    """The FieldError a validator raises for ``value``."""
    with pytest.raises(FieldError) as info:
        run(validator, value)
    return info.value


def passes(validator: Validator, value: Any) -> bool:
    """Whether a validator accepts a JSON value (arrays arrive as tuples, as records hold them)."""
    try:
        run(validator, tuple(value) if isinstance(value, list) else value)
    except FieldError:
        return False
    return True


@functools.cache
def _schema_validator(fragment: str) -> jsonschema.Draft202012Validator:
    schema = {"$schema": DRAFT, "$defs": DEFS, **json.loads(fragment)}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def conforms(validator: Validator, value: Any) -> bool:
    """Whether ``value`` is valid under a tiny schema of the validator's fragment and our $defs."""
    fragment = json.dumps(validator.schema(), sort_keys=True)
    return bool(_schema_validator(fragment).is_valid(value))


def assert_agree(validator: Validator, value: Any) -> None:
    """The validator and its schema fragment give the same verdict on ``value``."""
    assert passes(validator, value) == conforms(validator, value), (validator.schema(), value)


# Python's re lets a pattern ending in "$" match before one final newline, a
# looseness of the schema that sinorussia._schema documents; the strategies
# that look for disagreement leave such strings out.
texts = st.text().filter(lambda s: not s.endswith("\n"))


class TestFieldError:
    def test_is_the_librarys_own(self) -> None:
        """A broken field is an sr.Error and a ValueError, as callers may catch either."""
        assert issubclass(FieldError, sr.Error)
        assert issubclass(FieldError, ValueError)

    def test_where(self) -> None:
        """The path inside the record: the field, then any steps within it; the record: ""."""
        assert FieldError("name", "bad").where == ".name"
        assert FieldError("participants", "bad", at=(1, "who")).where == ".participants[1].who"
        assert FieldError(None, "bad").where == ""

    def test_pickles(self) -> None:
        """A FieldError survives pickling with its field, steps and message."""
        copy = pickle.loads(pickle.dumps(FieldError("about", "itself", at=(2,))))
        assert (copy.field, copy.at, str(copy)) == ("about", (2,), "itself")

    def test_records_built_in_python(self) -> None:
        """A record's own rules raise FieldError too, so sr.Error catches every broken record."""
        with pytest.raises(sr.Error, match="an external citation needs a source address"):
            sr.Citation(basis=sr.Basis.EXTERNAL, confidence=sr.Confidence.HIGH)


class TestLoneSurrogate:
    @pytest.mark.parametrize("value", ["", "Moscow", "Москва", "习近平", "\U0001f600", "e\u0301"])
    def test_unicode_text_passes(self, value: str) -> None:
        """Text made of Unicode characters (astral ones included) has no problem."""
        assert lone_surrogate(value) is None

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("\ud800", "holds a lone surrogate (U+D800) at character 0"),
            ("ab\udc00", "holds a lone surrogate (U+DC00) at character 2"),
            ("\U0001f600\udbff", "holds a lone surrogate (U+DBFF) at character 1"),
        ],
    )
    def test_lone_surrogates(self, value: str, message: str) -> None:
        """A lone surrogate is named, with its place, and why no file can hold it."""
        problem = lone_surrogate(value)
        assert problem is not None
        assert problem.startswith(message)
        assert problem.endswith("no UTF-8 file can hold it")


class TestIsId:
    @pytest.mark.parametrize("value", ["xi-jinping", "a", "g20", "2001", "a-b-c-1"])
    def test_accepts_slugs(self, value: str) -> None:
        """Lowercase ASCII words joined by single hyphens pass."""
        run(IsId(), value)

    @pytest.mark.parametrize(
        "value", ["", "Xi-Jinping", "xi jinping", "xi--jinping", "-xi", "xi-", "xi_jinping", "é"]
    )
    def test_refuses_other_strings(self, value: str) -> None:
        """Anything else raises a FieldError naming the field and showing an example id."""
        error = error_of(IsId(), value)
        assert error.field == "thing"
        assert str(error) == (
            f"{value!r} is not a valid id: use lowercase ASCII letters, digits and single"
            " hyphens, such as 'xi-jinping'"
        )

    def test_passes_none(self) -> None:
        """None is left to the field's type."""
        run(IsId(), None)

    @pytest.mark.parametrize("value", [5, ["a"], ("a",), {"a": 1}])
    def test_refuses_other_types(self, value: object) -> None:
        """A non-string id (even an unhashable one) is a FieldError, not a TypeError."""
        assert str(error_of(IsId(), value)).startswith("expected a string, got ")

    def test_schema(self) -> None:
        """The fragment refers to the shared Id definition."""
        assert IsId().schema() == {"$ref": "#/$defs/Id"}

    @given(st.from_regex(SLUG, fullmatch=True) | texts)
    def test_schema_agrees(self, value: str) -> None:
        """The Id definition accepts exactly the ids the check accepts."""
        assert_agree(IsId(), value)


class TestText:
    @pytest.mark.parametrize("value", ["x", " x ", "Wang Yi", "习近平", "\tword\n"])
    def test_accepts_text(self, value: str) -> None:
        """A string with one visible character passes."""
        run(Text(), value)

    @pytest.mark.parametrize("value", ["", " ", "\t\n", "\u3000", "\u00a0 "])
    def test_refuses_blank(self, value: str) -> None:
        """An empty or all-white-space string (Unicode spaces included) is refused."""
        error = error_of(Text(), value)
        assert error.field == "thing"
        assert str(error) == "must not be empty"

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            ("\u200b", "U+200B"),
            ("\u200c\u200d", "U+200C, U+200D"),
            ("\u2060", "U+2060"),
            ("\ufeff", "U+FEFF"),
            (" \u200b ", "U+200B"),
            ("\u00ad\u061c", "U+00AD, U+061C"),
            ("\U000e0041", "U+E0041"),
            ("\u0301\u0301", "U+0301"),
            ("\u20dd", "U+20DD"),
            ("\u3164", "U+3164"),
            ("\x00\x1b", "U+0000, U+001B"),
            ("\x7f", "U+007F"),
        ],
        ids=[
            "zero-width space", "joiners", "word joiner", "byte-order mark", "spaced",
            "soft hyphen and letter mark", "tag character", "combining marks alone",
            "enclosing mark alone", "Hangul filler", "controls", "delete",
        ],
    )  # fmt: skip
    def test_refuses_invisible(self, value: str, shown: str) -> None:
        """A string of only invisible characters is empty to a reader, and refused naming them."""
        error = error_of(Text(), value)
        assert error.field == "thing"
        assert str(error) == f"must not be empty: it holds only invisible characters ({shown})"

    @pytest.mark.parametrize("value", ["e\u0301", "\u200bx", "x\x1b[31m", "\U0001f600", "\ue000"])
    def test_visible_beside_invisible(self, value: str) -> None:
        """One visible character is enough: a letter with its accent, an emoji, a private glyph."""
        run(Text(), value)

    @pytest.mark.parametrize(
        ("value", "where"),
        [("\ud800Moscow", "U+D800) at character 0"), ("Mos\udfffcow", "U+DFFF) at character 3")],
    )
    def test_refuses_lone_surrogates(self, value: str, where: str) -> None:
        """A lone surrogate, which no UTF-8 writer can encode, is refused with its place."""
        error = error_of(Text(), value)
        assert str(error).startswith(f"holds a lone surrogate ({where}")
        with pytest.raises(UnicodeEncodeError):
            value.encode("utf-8")

    @given(st.text())
    def test_what_passes_is_writable(self, value: str) -> None:
        """Every string the check accepts encodes as UTF-8 and shows a visible character."""
        if passes(Text(), value):
            value.encode("utf-8")
            assert any(is_visible(char) for char in value)

    @pytest.mark.parametrize("value", [5, True, b"x", ["x"]])
    def test_refuses_other_types(self, value: object) -> None:
        """A record built in Python with a non-string text gets a FieldError, not a crash."""
        assert str(error_of(Text(), value)).startswith("expected a string, got ")

    def test_passes_none(self) -> None:
        """None is left to the field's type."""
        run(Text(), None)

    def test_schema(self) -> None:
        """The fragment refers to the shared Text definition."""
        assert Text().schema() == {"$ref": "#/$defs/Text"}

    @given(st.text() | st.text(" \t\n\r\x0b\x0c\u00a0\u2003\u3000\x1c\x85x\u200b\u0301\x00"))
    def test_schema_agrees(self, value: str) -> None:
        """The Text definition is never stricter than the check, and looser only where documented.

        It asks for a character that is not white space; the check asks for a
        visible one, as sinorussia._schema says.
        """
        if passes(Text(), value):
            assert conforms(Text(), value), value
        elif conforms(Text(), value):
            assert value.strip(), value
            assert not any(is_visible(char) for char in value), value


class TestMatches:
    def test_accepts_whole_matches(self) -> None:
        """A string that matches the regex as a whole passes."""
        run(Matches(LANGUAGE, "a BCP 47 language tag"), "en")
        run(Matches(LANGUAGE, "a BCP 47 language tag"), "zh-Hans-CN")
        run(Matches(PET, "a pet"), "dog")

    @pytest.mark.parametrize("value", ["EN", "e", "en-", " en", "en-a", "english"])
    def test_refuses_partial_matches(self, value: str) -> None:
        """A string matching only in part is refused, with what was expected."""
        error = error_of(Matches(LANGUAGE, "a BCP 47 language tag"), value)
        assert error.field == "thing"
        assert str(error) == f"{value!r} is not a BCP 47 language tag"

    @pytest.mark.parametrize("value", ["cats", "hotdog", "catdog", ""])
    def test_alternatives_match_as_a_whole(self, value: str) -> None:
        """A regex with alternatives matches the whole string, not just one end of it."""
        error = error_of(Matches(PET, "a pet"), value)
        assert str(error) == f"{value!r} is not a pet"

    def test_passes_none(self) -> None:
        """None is left to the field's type."""
        run(Matches(LANGUAGE, "a tag"), None)

    def test_schema(self) -> None:
        """The fragment is a string pattern anchored at both ends."""
        assert Matches(re.compile("[A-Z]{2}"), "a code").schema() == {
            "type": "string",
            "pattern": "^[A-Z]{2}$",
        }

    def test_schema_wraps_alternatives(self) -> None:
        """A regex with | is wrapped in a group, so the anchors bind the whole of it."""
        assert Matches(PET, "a pet").schema() == {"type": "string", "pattern": "^(?:cat|dog)$"}

    @pytest.mark.parametrize("value", ["cat", "dog", "cats", "hotdog", "catdog", "", 5])
    def test_schema_agrees_on_alternatives(self, value: Any) -> None:
        """The anchored alternatives refuse what the check refuses, and a non-string too."""
        if isinstance(value, str):
            assert_agree(Matches(PET, "a pet"), value)
        else:
            assert not conforms(Matches(PET, "a pet"), value)

    @pytest.mark.parametrize(
        "regex",
        [
            LANGUAGE,
            PET,
            re.compile(r"Q[1-9][0-9]*"),
            re.compile(r"[0-9a-f]{64}"),
            re.compile(r"[A-Z]{2}|[0-9]{3}"),
        ],
        ids=lambda regex: regex.pattern,
    )
    @given(data=st.data())
    def test_schema_agrees(self, regex: re.Pattern[str], data: st.DataObject) -> None:
        """The pattern accepts exactly the strings the check accepts."""
        value = data.draw(st.from_regex(regex, fullmatch=True) | texts)
        assert_agree(Matches(regex, "it"), value)


class TestAtLeast:
    @pytest.mark.parametrize("value", [1, 2, 1000, 1.5])
    def test_accepts_the_minimum_and_more(self, value: float) -> None:
        """Numbers from the minimum up pass."""
        run(AtLeast(1, "too small"), value)

    @pytest.mark.parametrize("value", [0, -1, 0.5])
    def test_refuses_smaller_numbers(self, value: float) -> None:
        """Smaller numbers raise with the validator's own message."""
        error = error_of(AtLeast(1, "count must be at least 1"), value)
        assert error.field == "thing"
        assert str(error) == "count must be at least 1"

    def test_passes_none(self) -> None:
        """None (an unknown count) is left to the field's type."""
        run(AtLeast(1, "too small"), None)

    def test_schema(self) -> None:
        """The fragment is a minimum."""
        assert AtLeast(1, "too small").schema() == {"minimum": 1}
        assert AtLeast(-3, "too small").schema() == {"minimum": -3}

    @given(st.integers(-5, 5), st.integers() | st.floats(allow_nan=False, allow_infinity=False))
    def test_schema_agrees(self, minimum: int, value: float) -> None:
        """The minimum accepts exactly the numbers the check accepts."""
        assert_agree(AtLeast(minimum, "too small"), value)


class TestNonEmpty:
    def test_accepts_entries(self) -> None:
        """A tuple with one entry or more passes."""
        run(NonEmpty(), (1,))
        run(NonEmpty(), ("a", "b"))

    def test_refuses_empty(self) -> None:
        """An empty tuple is refused."""
        error = error_of(NonEmpty(), ())
        assert error.field == "thing"
        assert str(error) == "must have at least one entry"

    def test_passes_none(self) -> None:
        """None is left to the field's type."""
        run(NonEmpty(), None)

    def test_schema(self) -> None:
        """The fragment asks for one item."""
        assert NonEmpty().schema() == {"minItems": 1}

    @given(st.lists(st.integers(), max_size=3))
    def test_schema_agrees(self, value: list[int]) -> None:
        """minItems accepts exactly the arrays the check accepts."""
        assert_agree(NonEmpty(), value)


class TestUnique:
    @pytest.mark.parametrize("value", [(), (1,), (1, 2, 3), ("a", "b")])
    def test_accepts_distinct_values(self, value: tuple[Any, ...]) -> None:
        """A tuple that repeats nothing passes."""
        run(Unique(), value)

    @pytest.mark.parametrize("value", [(1, 1), (1, 2, 1), ("a", "b", "b")])
    def test_refuses_repeats(self, value: tuple[Any, ...]) -> None:
        """A repeated value is refused with the default message."""
        error = error_of(Unique(), value)
        assert error.field == "thing"
        assert str(error).startswith("must not repeat a value: ")

    def test_names_the_first_repeat(self) -> None:
        """The error names the first value seen twice, and both places."""
        assert str(error_of(Unique(), ("a", "b", "b", "a"))) == (
            "must not repeat a value: 'b' is at [1] and [2]"
        )

    def test_own_message(self) -> None:
        """A message given to the validator replaces the default wording."""
        assert (
            str(error_of(Unique("no number twice"), (3, 3)))
            == "no number twice: 3 is at [0] and [1]"
        )

    def test_passes_none(self) -> None:
        """None is left to the field's type."""
        run(Unique(), None)

    def test_schema(self) -> None:
        """The fragment asks for unique items."""
        assert Unique().schema() == {"uniqueItems": True}

    @given(st.lists(st.integers(0, 4), max_size=5) | st.lists(st.sampled_from("abc"), max_size=4))
    def test_schema_agrees(self, value: list[Any]) -> None:
        """uniqueItems accepts exactly the arrays the check accepts."""
        assert_agree(Unique(), value)


class TestEach:
    def test_accepts_good_items(self) -> None:
        """Every item passing the item validator passes."""
        run(Each(IsId()), ("china", "russia"))
        run(Each(IsId()), ())

    def test_reports_the_items_own_error(self) -> None:
        """Without a message, the bad item's own error is raised, with the item's index."""
        error = error_of(Each(IsId()), ("china", "Russia"))
        assert error.field == "thing"
        assert str(error).startswith("'Russia' is not a valid id")
        assert str(error).endswith(" (at [1])")

    def test_own_message(self) -> None:
        """With a message, it replaces the item's error; the index stays."""
        error = error_of(Each(Text(), "must not contain empty strings"), ("a", " "))
        assert error.field == "thing"
        assert str(error) == "must not contain empty strings (at [1])"

    def test_passes_none(self) -> None:
        """None is left to the field's type."""
        run(Each(IsId()), None)

    def test_schema(self) -> None:
        """The fragment puts the item's fragment under items."""
        assert Each(IsId()).schema() == {"items": {"$ref": "#/$defs/Id"}}
        assert Each(AtLeast(1, "x")).schema() == {"items": {"minimum": 1}}

    @given(st.lists(st.from_regex(SLUG, fullmatch=True) | texts, max_size=3))
    def test_schema_agrees_on_ids(self, value: list[str]) -> None:
        """Arrays of ids: the fragment accepts exactly what the check accepts."""
        assert_agree(Each(IsId()), value)

    @given(st.lists(st.integers(-2, 3), max_size=3))
    def test_schema_agrees_on_numbers(self, value: list[int]) -> None:
        """Arrays of numbers: the fragment accepts exactly what the check accepts."""
        assert_agree(Each(AtLeast(1, "x")), value)


class TestAllOf:
    PARAGRAPHS = all_of(Each(AtLeast(1, "paragraphs start at 1")), Unique("no repeats"))

    def test_one_part_is_itself(self) -> None:
        """all_of of one validator is that validator."""
        text = Text()
        assert all_of(text) is text

    def test_runs_every_part_in_order(self) -> None:
        """Each part checks in turn; the first to fail gives the error."""
        run(self.PARAGRAPHS, (1, 2, 3))
        assert str(error_of(self.PARAGRAPHS, (0, 0))) == "paragraphs start at 1 (at [0])"
        assert str(error_of(self.PARAGRAPHS, (2, 2))) == "no repeats: 2 is at [0] and [1]"

    def test_passes_none(self) -> None:
        """None is left to the field's type."""
        run(self.PARAGRAPHS, None)

    def test_schema_merges(self) -> None:
        """The fragment holds every part's keywords."""
        assert self.PARAGRAPHS.schema() == {"items": {"minimum": 1}, "uniqueItems": True}
        assert all_of(Text(), Matches(re.compile("[A-Z]{2}"), "a code")).schema() == {
            "$ref": "#/$defs/Text",
            "type": "string",
            "pattern": "^[A-Z]{2}$",
        }

    def test_schema_merges_items(self) -> None:
        """Two parts about the items give one items schema with both."""
        merged = all_of(Each(AtLeast(1, "x")), NonEmpty(), Each(Matches(PET, "a pet")))
        assert merged.schema() == {
            "items": {"minimum": 1, "type": "string", "pattern": "^(?:cat|dog)$"},
            "minItems": 1,
        }

    @given(st.lists(st.integers(-1, 4), max_size=4))
    def test_schema_agrees(self, value: list[int]) -> None:
        """The merged fragment accepts exactly the arrays the parts accept together."""
        assert_agree(self.PARAGRAPHS, value)

    @pytest.mark.parametrize(
        ("first", "second", "values"),
        [
            pytest.param(
                Matches(re.compile("[a-z]+"), "lowercase"),
                Matches(re.compile(".{3}"), "three characters"),
                ["ABC", "abcd"],
                id="two patterns",
            ),
            pytest.param(Each(Text()), Each(IsId()), [[" "], ["Not An Id"]], id="two item refs"),
            pytest.param(AtLeast(5, "five"), AtLeast(1, "one"), [2, 0], id="two minimums"),
        ],
    )
    def test_schema_keeps_colliding_keywords(
        self, first: Validator, second: Validator, values: list[Any]
    ) -> None:
        """Parts using the same keyword are all kept: in either order, the schema refuses both."""
        for combined in (all_of(first, second), all_of(second, first)):
            for value in values:
                assert not passes(combined, value)
                assert not conforms(combined, value), (combined.schema(), value)


def model_validators() -> Iterator[tuple[str, attrs.Attribute[Any]]]:
    """Every validated field of the model, as ``Class.field`` and the attrs field."""
    for cls in MODEL_CLASSES:
        for field in attrs.fields(cls):
            if field.validator is not None:
                yield f"{cls.__name__}.{field.name}", field


def parts_of(validator: Any) -> Iterator[Any]:
    """A validator and every validator inside it (an Each's item, all_of's parts)."""
    yield validator
    if isinstance(validator, Each):
        yield from parts_of(validator.item)
    for part in getattr(validator, "parts", ()):
        yield from parts_of(part)


STRINGS = [
    "", " ", "\t", "x", "Wang Yi", "wang-yi", "Wang-Yi", "-a", "a--b", "1",
    "Q42", "Q0", "q42", "CN", "cn", "CHN", "en", "en-GB", "zh-Hans-CN", "e",
    "0" * 64, "A" * 64, "0" * 63, "习近平",
]  # fmt: skip
INTEGERS = [-1, 0, 1, 2, 100]
STRING_LISTS: list[list[str]] = [
    [], ["x"], ["x", "x"], ["x", ""], [" "], ["a", "b"], ["wang-yi", "Wang Yi"], ["a-b", "c"]
]  # fmt: skip
INTEGER_LISTS: list[list[int]] = [[], [1], [0], [1, 1], [1, 2, 3], [3, -1]]


def samples(cls: type, name: str) -> list[Any]:
    """JSON values of the right type for one field, some good and some bad."""
    step = next(step for step in plan(cls) if step.name == name)
    if step.hint is str:
        return STRINGS
    if step.hint is int:
        return INTEGERS
    if step.hint == int | float:
        return [0, 1.5, -2, 10**30, True, "3", []]
    if step.item is str:
        return STRING_LISTS
    if step.item is int:
        return INTEGER_LISTS
    return [[], [0], [0, 1]]


class TestModelValidators:
    def test_record_classes(self) -> None:
        """RECORD_CLASSES holds the twelve record classes: the attrs classes sinorussia exports."""
        assert set(RECORD_CLASSES) == RECORD_NAMES
        for name, cls in RECORD_CLASSES.items():
            assert cls is getattr(sr, name), name
            assert attrs.has(cls), name

    @pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_every_validator_is_a_validator(self, cls: type) -> None:
        """Every validator of the model, and every one inside it, carries its schema fragment."""
        for field in attrs.fields(cls):
            if field.validator is None:
                continue
            for part in parts_of(field.validator):
                assert isinstance(part, Validator), (cls.__name__, field.name, part)
                assert part.schema(), (cls.__name__, field.name, part)

    def test_the_walk_sees_the_model(self) -> None:
        """The walk finds the validators that matter (ids, citations, paragraphs, QIDs)."""
        names = {name for name, _ in model_validators()}
        assert {
            "Meeting.id",
            "Meeting.citations",
            "Citation.paragraphs",
            "Country.wikidata",
            "Treaty.parties",
            "Milestone.citations",
            "Document.sha256",
        } <= names

    @pytest.mark.parametrize(
        ("name", "field"), list(model_validators()), ids=[name for name, _ in model_validators()]
    )
    def test_fragment_agrees_with_the_check(self, name: str, field: attrs.Attribute[Any]) -> None:
        """For each validated field of the model, fragment and check agree on sample values."""
        cls = next(c for c in MODEL_CLASSES if c.__name__ == name.split(".")[0])
        assert isinstance(field.validator, Validator)
        verdicts = set()
        for value in samples(cls, field.name):
            assert_agree(field.validator, value)
            verdicts.add(passes(field.validator, value))
        assert verdicts == {True, False}, "the samples should include good and bad values"

    @pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_every_init_field_is_described(self, cls: type) -> None:
        """Every field a record is built from has a description."""
        for field in attrs.fields(cls):
            if field.init:
                assert describe(field).strip(), (cls.__name__, field.name)


class TestMetadata:
    def test_doc(self) -> None:
        """doc() gives metadata holding the description, plus any more keys."""
        assert doc("A name.") == {DOC: "A name."}
        assert doc("A name.", other=1) == {DOC: "A name.", "other": 1}

    def test_describe(self) -> None:
        """describe() reads a field's description, and gives "" for a field without one."""
        assert describe(attrs.fields(sr.Meeting).title) == "A short description in our words."
        assert describe(THING) == ""

    def test_ref_keeps_its_targets(self) -> None:
        """ref() puts the targets and the description in the metadata; the id is required."""

        @attrs.frozen(kw_only=True)
        class Link:
            to: str = ref("Place", "Country", doc="Where.")

        field = attrs.fields(Link).to
        assert field.metadata[REF] == ("Place", "Country")
        assert ref_targets(field) == ("Place", "Country")
        assert describe(field) == "Where."
        with pytest.raises(TypeError, match="to"):
            Link()
        with pytest.raises(FieldError, match="not a valid id"):
            Link(to="Not An Id")

    def test_ref_optional(self) -> None:
        """An optional reference defaults to None, and None passes its check."""

        @attrs.frozen(kw_only=True)
        class Link:
            to: str | None = ref("Meeting", optional=True, doc="An occasion.")

        assert Link().to is None
        assert ref_targets(attrs.fields(Link).to) == ("Meeting",)
        with pytest.raises(FieldError) as info:
            Link(to="Bad")
        assert info.value.field == "to"

    def test_ref_many(self) -> None:
        """A reference to many defaults to () and checks every id."""

        @attrs.frozen(kw_only=True)
        class Link:
            to: tuple[str, ...] = ref("*", many=True, doc="Anything.")

        assert Link().to == ()
        assert Link(to=("a", "b")).to == ("a", "b")
        assert ref_targets(attrs.fields(Link).to) == ("*",)
        with pytest.raises(FieldError, match="'B' is not a valid id"):
            Link(to=("a", "B"))

    def test_ref_many_refuses_repeats(self) -> None:
        """A reference to many refuses an id given twice, and says so in its schema."""

        @attrs.frozen(kw_only=True)
        class Link:
            to: tuple[str, ...] = ref("*", many=True, doc="Anything.")

        with pytest.raises(FieldError) as info:
            Link(to=("a", "b", "a"))
        assert str(info.value) == "must not repeat an id: 'a' is at [0] and [2]"
        validator = attrs.fields(Link).to.validator
        assert isinstance(validator, Validator)
        assert validator.schema() == {
            "items": {"$ref": "#/$defs/Id"},
            "uniqueItems": True,
        }

    def test_no_ref_no_targets(self) -> None:
        """A field that is no reference has no targets."""
        assert ref_targets(attrs.fields(sr.Meeting).title) == ()
        assert ref_targets(THING) == ()

    def test_model_refs(self) -> None:
        """The model's reference fields name their targets."""
        assert ref_targets(attrs.fields(sr.Meeting).place) == ("Place", "Country")
        assert ref_targets(attrs.fields(sr.Happening).about) == ("*",)
        assert ref_targets(attrs.fields(sr.Citation).document) == ("Document",)


@document
@attrs.frozen(kw_only=True)
class Gadget:
    """A small thing for the tests.

    Its second paragraph runs
    over two lines, with ``code``.
    """

    name: str = attrs.field(validator=Text(), metadata=doc("What it is called."))
    secret: str = attrs.field(default="")
    size: int = attrs.field(default=1, metadata=doc("How big it is."))
    worked_out: int = attrs.field(init=False, default=0, metadata=doc("Not given."))
    place: str | None = ref("Place", "Country", optional=True, doc="Where it is.")


@document
@attrs.frozen
class Plain:
    """Nothing described here."""

    value: int = 0


class TestDocument:
    def test_appends_attributes(self) -> None:
        """document() appends an Attributes section of the described init fields, in order."""
        assert Gadget.__doc__ == (
            "A small thing for the tests.\n"
            "\n"
            "Its second paragraph runs\n"
            "over two lines, with ``code``.\n"
            "\n"
            "Attributes:\n"
            "    name: What it is called.\n"
            "    size: How big it is.\n"
            "    place: Where it is.\n"
        )

    def test_nothing_described(self) -> None:
        """A class without described fields keeps its docstring."""
        assert Plain.__doc__ == "Nothing described here."
        assert summary(Plain) == "Nothing described here."

    def test_summary(self) -> None:
        """summary() gives the docstring as written: paragraphs kept, lines joined, `code`."""
        assert summary(Gadget) == (
            "A small thing for the tests.\n\nIts second paragraph runs over two lines, with `code`."
        )

    def test_summary_of_an_undocumented_class(self) -> None:
        """A class document() never saw gives its own docstring."""

        class Loose:
            """One line.

            And   another
            paragraph.
            """

        assert summary(Loose) == "One line.\n\nAnd another paragraph."

    def test_office(self) -> None:
        """Office's docstring lists every field, inherited ones first; its summary does not."""
        text = sr.Office.__doc__
        assert text is not None
        head, _, attributes = text.partition("\n\nAttributes:\n")
        assert head == (
            "An office held by a person over time.\n\n"
            "This is Popolo's Membership and followthemoney's Occupancy."
        )
        lines = attributes.splitlines()
        assert [line.split(":")[0].strip() for line in lines] == [
            "id",
            "citations",
            "person",
            "post",
            "role",
            "organisation",
            "posted_to",
            "start",
            "end",
            "status",
            "attested",
        ]
        assert "    person: The id of the person who holds it." in lines
        assert summary(sr.Office) == (
            "An office held by a person over time.\n\n"
            "This is Popolo's Membership and followthemoney's Occupancy."
        )
        assert "Attributes" not in summary(sr.Office)

    @pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_summaries_leave_out_the_attributes(self, cls: type) -> None:
        """No class's summary carries the generated section."""
        assert summary(cls)
        assert "Attributes:" not in summary(cls)
