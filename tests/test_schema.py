"""The JSON Schema of a dataset file: generated from the model, shipped, and in step with it."""

from __future__ import annotations

import copy
import enum
import json
import typing
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia import _vocab
from sinorussia._dataset import SECTIONS
from sinorussia._export import export, jsonl_lines
from sinorussia._fields import ref_targets
from sinorussia._schema import (
    DRAFT,
    EDTF_PATTERN,
    SCHEMA_ID,
    _class_def,
    json_schema,
    jsonl_line_schema,
    load_schema,
    main,
    schema_text,
    write,
)

SECTION_CLASSES = [(section.name, section.cls) for section in SECTIONS]

SCHEMA = json_schema()
DEFS: dict[str, Any] = SCHEMA["$defs"]
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
LINE_VALIDATOR = jsonschema.Draft202012Validator(jsonl_line_schema())

Raw = dict[str, Any]


def bundled() -> Raw:
    """The bundled data file as JSON values (a fresh copy)."""
    data = resources.files("sinorussia").joinpath("data", "sinorussia.json").read_bytes()
    raw: Raw = json.loads(data)
    return raw


BUNDLED: Raw = bundled()


def loader_accepts(raw: Raw) -> bool:
    """Whether sr.loads reads the document."""
    try:
        sr.loads(json.dumps(raw, ensure_ascii=False))
    except sr.DataError:
        return False
    return True


WRITTEN_AS_TEXT = (sr.Dating, sr.PartialDate, sr.DateInterval)


def model_classes() -> Iterator[type]:
    """Every attrs class a dataset file holds as an object, records first.

    Dates (``Dating`` and the EDTF values inside) are written as arrays and
    strings, not objects.
    """
    seen: list[type] = []
    pending: list[type] = [cls for _, cls in SECTION_CLASSES]
    while pending:
        cls = pending.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        for hint in typing.get_type_hints(cls).values():
            for arg in (hint, *typing.get_args(hint)):
                if isinstance(arg, type) and attrs.has(arg) and arg not in WRITTEN_AS_TEXT:
                    pending.append(arg)
                if arg is sr.Dating:
                    pending.append(sr.DateClaim)
    yield from seen


def enums() -> list[type[enum.Enum]]:
    """The vocabularies of the model."""
    return [
        value
        for name in _vocab.__all__
        if isinstance(value := getattr(_vocab, name), type) and issubclass(value, enum.Enum)
    ]


class TestShippedFile:
    def test_file_is_the_generated_schema(self) -> None:
        """data/schema.json is exactly what json_schema() generates, so it cannot go stale."""
        shipped = resources.files("sinorussia").joinpath("data", "schema.json").read_bytes()
        assert shipped == schema_text().encode("utf-8"), (
            "regenerate it: PYTHONPATH=src python -m sinorussia._schema"
        )

    def test_load_schema(self) -> None:
        """load_schema() reads the shipped file, which equals json_schema()."""
        assert load_schema() == json_schema()

    def test_text_format(self) -> None:
        """The file is indented JSON, UTF-8 with non-ASCII kept, with one final newline."""
        text = schema_text()
        assert text.endswith("}\n")
        assert not text.endswith("\n\n")
        assert text.startswith('{\n  "$schema": ')
        assert "\\u" not in text

    def test_write_and_main(self, tmp_path: Path) -> None:
        """write() and main() regenerate the file at the path given."""
        target = tmp_path / "schema.json"
        assert write(target) == target
        assert target.read_text(encoding="utf-8") == schema_text()
        target.unlink()
        assert main([str(target)]) == 0
        assert target.read_text(encoding="utf-8") == schema_text()
        assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


class TestMetaSchema:
    def test_valid_draft_2020_12(self) -> None:
        """Both schemas are valid JSON Schema draft 2020-12 documents."""
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        jsonschema.Draft202012Validator.check_schema(jsonl_line_schema())
        assert SCHEMA["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
        assert SCHEMA["$id"] == SCHEMA_ID

    def test_top_level(self) -> None:
        """The top level has format (const 1), version and one array per section."""
        properties = SCHEMA["properties"]
        assert list(properties) == ["format", "version", *(name for name, _ in SECTION_CLASSES)]
        assert properties["format"]["const"] == sr.FORMAT
        assert SCHEMA["required"] == ["format", "version"]
        assert SCHEMA["additionalProperties"] is False
        for name, cls in SECTION_CLASSES:
            assert properties[name]["items"] == {"$ref": f"#/$defs/{cls.__name__}"}
            assert properties[name]["description"]

    def test_line_schema_shares_the_definitions(self) -> None:
        """The JSON Lines schema refers to $defs.JsonLine and carries the same definitions."""
        line = jsonl_line_schema()
        assert line["$ref"] == "#/$defs/JsonLine"
        assert line["$defs"] == DEFS


class TestCoverage:
    def test_every_class_has_a_definition(self) -> None:
        """Every record class, nested class and vocabulary of the model is in $defs."""
        names = {cls.__name__ for cls in model_classes()} | {cls.__name__ for cls in enums()}
        assert {"Citation", "DateClaim", "Participant", "Quantity", "Milestone"} <= names
        assert names <= set(DEFS)
        assert set(DEFS) - names == {
            "Dating",
            "Edtf",
            "Id",
            "Text",
            "JsonLine",
            "JsonLineHeader",
            "JsonLineRecord",
        }

    @pytest.mark.parametrize("cls", list(model_classes()), ids=lambda c: c.__name__)
    def test_every_field_is_a_property(self, cls: type) -> None:
        """Each class's properties are its fields, in order; required ones lack a default."""
        definition = DEFS[cls.__name__]
        fields = [f for f in attrs.fields(typing.cast(Any, cls)) if f.init]
        assert list(definition["properties"]) == [f.name for f in fields]
        assert definition["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
        assert definition["additionalProperties"] is False
        assert definition["type"] == "object"

    @pytest.mark.parametrize("cls", [cls for _, cls in SECTION_CLASSES], ids=lambda c: c.__name__)
    def test_record_fields_are_described(self, cls: type) -> None:
        """Every field of a record class has a description from the docstrings."""
        definition = DEFS[cls.__name__]
        assert definition["description"]
        for name, prop in definition["properties"].items():
            assert prop.get("description"), f"{cls.__name__}.{name}"
            assert ":class:" not in prop["description"]
            assert "``" not in prop["description"]

    def test_references_name_their_targets(self) -> None:
        """Every reference field says which classes it may refer to, as the model does."""
        count = 0
        for cls in model_classes():
            for field in attrs.fields(typing.cast(Any, cls)):
                prop = DEFS[cls.__name__]["properties"].get(field.name)
                targets = ref_targets(field)
                if prop is None:
                    continue
                assert prop.get("x-references") == (list(targets) if targets else None)
                count += bool(targets)
        assert count >= 20

    @pytest.mark.parametrize("cls", enums(), ids=lambda c: c.__name__)
    def test_enum_values(self, cls: type[enum.Enum]) -> None:
        """Each vocabulary is an enum of its values, in order."""
        assert DEFS[cls.__name__]["enum"] == [member.value for member in cls]
        assert DEFS[cls.__name__]["type"] == "string"

    def test_defaults(self) -> None:
        """Defaults are given in their JSON form."""
        meeting = DEFS["Meeting"]["properties"]
        assert meeting["count"]["default"] == 1
        assert meeting["participants"]["default"] == []
        assert meeting["place"]["default"] is None
        assert DEFS["Participant"]["properties"]["role"]["default"] == "participant"

    def test_ids_and_dates(self) -> None:
        """Ids are slugs, a date is a non-empty array of claims with an EDTF value."""
        assert DEFS["Id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
        assert DEFS["Dating"] == {
            "title": "Dating",
            "description": DEFS["Dating"]["description"],
            "type": "array",
            "minItems": 1,
            "items": {"$ref": "#/$defs/DateClaim"},
        }
        value = DEFS["DateClaim"]["properties"]["value"]
        assert value == {"description": "The date, as EDTF.", "$ref": "#/$defs/Edtf"}

    def test_unknown_validator_is_refused(self) -> None:
        """A validator the generator does not know stops it, so the schema cannot go lax."""

        def odd(_: object, __: attrs.Attribute[Any], ___: str) -> None:
            """Accept anything."""

        @attrs.frozen
        class Odd:
            """A class with a validator the schema cannot express."""

            value: str = attrs.field(validator=odd)

        with pytest.raises(TypeError, match=r"Odd\.value: its validator carries no JSON Schema"):
            _class_def(Odd, {})


class TestValidDocuments:
    def test_bundled_file(self) -> None:
        """The bundled data file validates."""
        VALIDATOR.validate(BUNDLED)

    def test_json_export(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """The JSON export validates."""
        [path] = export(ds, tmp_path, format="json")
        VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))

    def test_empty_dataset(self) -> None:
        """A dataset with no records validates."""
        VALIDATOR.validate(json.loads(sr.dumps(sr.Dataset(version="empty"))))

    def test_every_jsonl_line(self, tmp_path: Path, ds: sr.Dataset) -> None:
        """Every line of the JSON Lines export validates against the line schema."""
        [path] = export(ds, tmp_path, format="jsonl")
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(ds) + 1
        for line in lines:
            LINE_VALIDATOR.validate(json.loads(line))

    def test_jsonl_lines_are_typed_by_section(self, ds: sr.Dataset) -> None:
        """A record under the wrong section, or an unknown section, is rejected."""
        lines = list(jsonl_lines(ds))
        country = next(line for line in lines if line.get("section") == "countries")
        assert LINE_VALIDATOR.is_valid(country)
        assert not LINE_VALIDATOR.is_valid({**country, "section": "meetings"})
        assert not LINE_VALIDATOR.is_valid({**country, "section": "nations"})
        assert not LINE_VALIDATOR.is_valid({**country, "extra": 1})
        assert not LINE_VALIDATOR.is_valid({"format": 3, "version": "x"})
        assert LINE_VALIDATOR.is_valid(lines[0])

    def test_explicit_nulls_and_defaults(self) -> None:
        """Explicit nulls for optional fields and explicit defaults validate, as they load."""
        raw = copy.deepcopy(BUNDLED)
        parade = find(raw, "meetings", "victory-day-parade-2015")
        parade.update(count=None, commemorates=None, place=None)
        parade["participants"][0]["role"] = "participant"
        find(raw, "countries", "iran").update(wikidata=None, alpha2=None, aliases=[])
        raw["projects"] = []
        assert loader_accepts(raw)
        VALIDATOR.validate(raw)


def find(raw: Raw, section: str, record_id: str) -> dict[str, Any]:
    """The raw record with this id."""
    found: dict[str, Any] = next(r for r in raw[section] if r["id"] == record_id)
    return found


def first(raw: Raw, section: str, **match: object) -> dict[str, Any]:
    """The first raw record of a section whose keys have these values."""
    found: dict[str, Any] = next(
        r for r in raw[section] if all(r.get(k) == v for k, v in match.items())
    )
    return found


Mutation = Callable[[Raw], None]


def _set(section: str, record_id: str, key: str, value: object) -> Mutation:
    def mutate(raw: Raw) -> None:
        find(raw, section, record_id)[key] = value

    return mutate


def _delete(section: str, record_id: str, key: str) -> Mutation:
    def mutate(raw: Raw) -> None:
        del find(raw, section, record_id)[key]

    return mutate


def _top(key: str, value: object) -> Mutation:
    def mutate(raw: Raw) -> None:
        raw[key] = value

    return mutate


def _china_citation(index: int, change: Callable[[dict[str, Any]], None]) -> Mutation:
    def mutate(raw: Raw) -> None:
        change(find(raw, "countries", "china")["citations"][index])

    return mutate


def _parade_date(value: str) -> Mutation:
    def mutate(raw: Raw) -> None:
        find(raw, "meetings", "victory-day-parade-2015")["date"][0]["value"] = value

    return mutate


def _statement(kind: str, change: Callable[[dict[str, Any]], None]) -> Mutation:
    def mutate(raw: Raw) -> None:
        change(first(raw, "statements", kind=kind))

    return mutate


def _end_ongoing_office(raw: Raw) -> None:
    office = find(raw, "offices", "xi-jinping-president-of-china")
    assert office["status"] == "ongoing"
    office["end"] = copy.deepcopy(office["start"])


PARADE = ("meetings", "victory-day-parade-2015")

MUTATIONS: dict[str, Mutation] = {
    "unknown field": _set(*PARADE, "venue", "Red Square"),
    "unknown top-level key": _top("treaty", []),
    "unknown enum value": _set(*PARADE, "kind", "banquet"),
    "enum value in capitals": _set(*PARADE, "kind", "CEREMONY"),
    "bad id": _set(*PARADE, "id", "Victory Day Parade"),
    "bad id in a reference": _set(*PARADE, "place", "Red Square"),
    "boolean where integer": _set("documents", "article", "paragraphs", True),
    "string where integer": _set(*PARADE, "count", "1"),
    "count of zero": _set(*PARADE, "count", 0),
    "document of no paragraphs": _set("documents", "article", "paragraphs", 0),
    "missing required field": _delete(*PARADE, "title"),
    "null for a required field": _set(*PARADE, "kind", None),
    "blank text": _set("countries", "china", "name", "   "),
    "repeated alias": _set("countries", "china", "aliases", ["PRC", "PRC"]),
    "string where array": _set("countries", "china", "aliases", "PRC"),
    "number where string": _top("version", 1),
    "no citations": _set("countries", "china", "citations", []),
    "empty date": _set(*PARADE, "date", []),
    "month 13": _parade_date("2015-13-09"),
    "unspecified digit": _parade_date("201X"),
    "two qualifiers": _parade_date("2015-05-09?~"),
    "interval open at both ends": _parade_date("../.."),
    "year zero": _parade_date("0000"),
    "external citation without confidence": _china_citation(1, lambda c: c.pop("confidence")),
    "stated citation without paragraphs": _china_citation(0, lambda c: c.pop("paragraphs")),
    "stated citation with a confidence": _china_citation(0, lambda c: c.update(confidence="high")),
    "paragraph zero": _china_citation(0, lambda c: c.update(paragraphs=[0, 1])),
    "repeated paragraph": _china_citation(0, lambda c: c.update(paragraphs=[1, 1])),
    "unknown basis": _china_citation(0, lambda c: c.update(basis="rumoured")),
    "quotation without quote": _statement("quotation", lambda s: s.pop("quote")),
    "paraphrase with a quote": _statement("paraphrase", lambda s: s.update(quote="words")),
    "claim with a speaker": _statement("claim", lambda s: s.update(speaker="xi-jinping")),
    "paraphrase without speaker": _statement("paraphrase", lambda s: s.pop("speaker")),
    "ongoing office with an end": _end_ongoing_office,
    "unsupported format": _top("format", 3),
    "format as boolean": _top("format", True),
    "section not an array": _top("places", {}),
    "bad wikidata id": _set("countries", "china", "wikidata", "148"),
    "bad country code": _set("countries", "china", "alpha2", "cn"),
    "bad digest": _set("documents", "article", "sha256", "abc"),
}


class TestParity:
    @pytest.mark.parametrize("name", list(MUTATIONS))
    def test_schema_and_loader_both_reject(self, name: str) -> None:
        """A broken document is rejected by the schema and by sr.loads alike."""
        raw = copy.deepcopy(BUNDLED)
        MUTATIONS[name](raw)
        assert json.dumps(raw) != json.dumps(BUNDLED)
        assert not VALIDATOR.is_valid(raw), f"the schema accepts: {name}"
        assert not loader_accepts(raw), f"the loader accepts: {name}"

    def test_reference_checks_are_the_loaders(self) -> None:
        """A well-formed id that names no record passes the schema; only loading catches it."""
        raw = copy.deepcopy(BUNDLED)
        MUTATIONS["bad id in a reference"](raw)
        find(raw, *PARADE)["place"] = "atlantis"
        assert VALIDATOR.is_valid(raw)
        assert not loader_accepts(raw)

    @given(data=st.data())
    def test_what_loads_validates(self, data: st.DataObject) -> None:
        """Whatever mutation of a small dataset the loader accepts, the schema accepts too."""
        raw = copy.deepcopy(SMALL)
        paths = list(_paths(raw))
        path = data.draw(st.sampled_from(paths))
        parent: Any = raw
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "count", "quote", "note", "end"]))] = (
                data.draw(st.sampled_from(POOL))
            )
        else:
            parent[path[-1]] = copy.deepcopy(data.draw(st.sampled_from(POOL)))
        # The schema describes files of format 2; the loader also reads format 1.
        if raw.get("format") != 1 and loader_accepts(raw):
            VALIDATOR.validate(raw)


POOL: list[object] = [
    None,
    True,
    False,
    0,
    1,
    2,
    -1,
    2.5,
    "",
    " ",
    "x",
    "china",
    "Q1",
    "2013",
    "2013-03-22/..",
    "/2013",
    "2013~",
    "ended",
    "external",
    "quotation",
    "claim",
    [],
    [None],
    [1],
    ["china"],
    {},
    [{"value": "2013", "citation": {"basis": "stated", "document": "doc", "paragraphs": [1]}}],
]

_CITE: Raw = {"basis": "stated", "document": "doc", "paragraphs": [1]}

SMALL: Raw = {
    "format": 2,
    "version": "small",
    "documents": [
        {"id": "doc", "title": "A document", "language": "en", "paragraphs": 2, "sha256": "0" * 64}
    ],
    "countries": [
        {"id": "china", "citations": [_CITE], "name": "China"},
        {"id": "russia", "citations": [_CITE], "name": "Russia", "alpha2": "RU"},
    ],
    "places": [
        {"id": "moscow", "citations": [_CITE], "name": "Moscow", "kind": "city", "within": "russia"}
    ],
    "people": [{"id": "xi", "citations": [_CITE], "name": "Xi", "nationality": "china"}],
    "offices": [
        {
            "id": "xi-president",
            "citations": [_CITE],
            "person": "xi",
            "post": "President",
            "role": "head_of_state",
            "organisation": "china",
            "status": "ongoing",
            "start": [{"value": "2013-03", "citation": _CITE}],
        }
    ],
    "meetings": [
        {
            "id": "visit",
            "citations": [
                _CITE,
                {"basis": "external", "source": "https://example.org", "confidence": "low"},
            ],
            "title": "A visit",
            "kind": "state_visit",
            "participants": [{"who": "xi", "role": "guest"}, {"who": "russia"}],
            "place": "moscow",
            "count": 2,
            "date": [{"value": "2013-03-22/2013-03-24", "citation": _CITE}],
        }
    ],
    "statements": [
        {
            "id": "remark",
            "citations": [{**_CITE, "basis": "inferred", "note": "how"}],
            "kind": "quotation",
            "speaker": "xi",
            "text": "A remark",
            "quote": "Words",
            "about": ["visit"],
            "figures": [{"measure": "size", "value": 1.5, "unit": "km"}],
        }
    ],
}


def _paths(value: object, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The path of every value inside a JSON document, containers included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from _paths(item, (*prefix, index))


class TestSmallDocument:
    def test_small_document_is_valid(self) -> None:
        """The seed of the mutation test loads and validates."""
        assert loader_accepts(SMALL)
        VALIDATOR.validate(SMALL)


EDTF_VALID = [
    "2019",
    "2019-06",
    "2019-06-05",
    "2019?",
    "2019-06~",
    "2019-06-05%",
    "2013-03/2021",
    "2013-03-22/..",
    "../2013-03",
    "/2013",
    "2013/",
    "2001?/2002~",
    "0001",
    "9999-12-31",
]
EDTF_INVALID = [
    "",
    "19",
    "201X",
    "2019-6",
    "2019-00",
    "2019-06-32",
    "2019?-06",
    "2019-21",
    "-2019",
    "0000",
    "2019-06-05T10:00",
    " 2019",
    "2019 ",
    "..",
    "/",
    "../..",
    "2019/2020/2021",
    "Y12345",
]


def parse_error(value: str) -> str | None:
    """Why parse_edtf rejects ``value`` (None if it reads it)."""
    try:
        sr.parse_edtf(value)
    except ValueError as exc:
        return str(exc)
    return None


class TestEdtf:
    @pytest.mark.parametrize("value", EDTF_VALID)
    def test_valid_values_match(self, value: str) -> None:
        """Every form the library reads matches the pattern."""
        sr.parse_edtf(value)
        assert jsonschema.Draft202012Validator(DEFS["Edtf"]).is_valid(value)

    @pytest.mark.parametrize("value", EDTF_INVALID)
    def test_invalid_values_do_not_match(self, value: str) -> None:
        """Forms the library rejects do not match the pattern either."""
        with pytest.raises(ValueError, match=r"."):
            sr.parse_edtf(value)
        assert not jsonschema.Draft202012Validator(DEFS["Edtf"]).is_valid(value)

    @given(
        st.from_regex(
            r"\A(?:\.\.)?/?[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?"
            r"(?:/(?:\.\.|[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?)?)?\Z"
        )
    )
    def test_pattern_agrees_with_the_parser(self, value: str) -> None:
        """What the parser reads, the pattern matches; it is looser only on day counts and order.

        A pattern cannot know that February has no 30th day, nor that an
        interval ends before it starts; the loader rejects those.
        """
        import re

        matches = re.search(EDTF_PATTERN, value) is not None
        error = parse_error(value)
        if error is None:
            assert matches, value
        elif matches:
            assert "day" in error or "ends before it starts" in error, (value, error)
