"""Tests that ``docs/data.md``, the data dictionary, still matches the model and the data.

The page is parsed, not rendered: a heading names a class or vocabulary in
backticks (``### `Office` ``), and the first table after it lists its fields or
values. Each test compares one part of the page with what the library says.

The tables are made by ``docs/make_dictionary.py`` from the model; ``TestGenerated``
checks that the page is exactly what the script makes, so a change to the model
(a field's description, say) fails here until the page is regenerated.
"""

from __future__ import annotations

import difflib
import doctest
import enum
import functools
import importlib.util
import json
import re
import types
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import attrs
import pytest

import sinorussia as sr
from sinorussia import _model
from sinorussia._dataset import SECTIONS
from sinorussia._fields import ref_targets

SECTION_CLASSES = [(section.name, section.cls) for section in SECTIONS]

PAGE = Path(__file__).parent.parent / "docs" / "data.md"
SCRIPT = PAGE.parent / "make_dictionary.py"

_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*")
_FENCE = re.compile(r"^(```|~~~)")
_NONE = "—"


# -- reading the page ---------------------------------------------------------


@functools.cache
def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _lines() -> list[str]:
    return _page().splitlines()


def _headings() -> list[tuple[int, int, str]]:
    """Every heading outside code blocks, as (line index, level, title)."""
    found: list[tuple[int, int, str]] = []
    fenced = False
    for index, line in enumerate(_lines()):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.fullmatch(line)
        if match:
            found.append((index, len(match.group(1)), match.group(2)))
    return found


def _section(title: str) -> list[str]:
    """The lines under the one heading titled ``title``, up to the next heading as high."""
    headings = _headings()
    matches = [i for i, (_, _, text) in enumerate(headings) if text == title]
    assert len(matches) == 1, f"expected one heading {title!r}, found {len(matches)}"
    start, level, _ = headings[matches[0]]
    end = next(
        (line for line, other, _ in headings[matches[0] + 1 :] if other <= level), len(_lines())
    )
    return _lines()[start + 1 : end]


def _named(name: str) -> list[str]:
    """The section of the heading that names a class or vocabulary: ``### `Name` ``."""
    return _section(f"`{name}`")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _table(lines: Sequence[str]) -> list[dict[str, str]]:
    """The first Markdown table in ``lines``, as one dict per row keyed by the header."""
    rows: list[str] = []
    for line in lines:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    assert len(rows) >= 2, "no table found"
    header = _cells(rows[0])
    assert set(rows[1]) <= set("|-: "), f"not a table separator: {rows[1]!r}"
    table = []
    for row in rows[2:]:
        cells = _cells(row)
        assert len(cells) == len(header), f"row has {len(cells)} cells, not {len(header)}: {row!r}"
        table.append(dict(zip(header, cells, strict=True)))
    return table


def _bare(cell: str) -> str:
    """A cell without Markdown emphasis or code marks: ``**`042`**`` -> ``042``."""
    return cell.replace("**", "").strip("`")


def _code_blocks(language: str) -> Iterator[tuple[int, str]]:
    """The fenced blocks of ``language``, as (line number of the fence, text)."""
    block: list[str] | None = None
    start = 0
    for number, line in enumerate(_lines(), start=1):
        if block is None and line == f"```{language}":
            block, start = [], number
        elif block is not None and line == "```":
            yield start, "\n".join(block) + "\n"
            block = None
        elif block is not None:
            block.append(line)


@functools.cache
def _script() -> types.ModuleType:
    """docs/make_dictionary.py, imported by path (importing it writes nothing)."""
    spec = importlib.util.spec_from_file_location("make_dictionary", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- what the library says ----------------------------------------------------


def _attrs_classes() -> list[type[Any]]:
    """Every record class and nested type the model exports."""
    return [
        value
        for name in _model.__all__
        if isinstance(value := getattr(_model, name), type) and attrs.has(value)
    ]


def _enums() -> list[type[enum.Enum]]:
    """Every enum the package exports."""
    return [
        value
        for name in sr.__all__
        if isinstance(value := getattr(sr, name), type) and issubclass(value, enum.Enum)
    ]


def _spelling(member: enum.Enum) -> str:
    """How the page writes a member: its JSON value, or its name for a Python-only enum."""
    return member.value if isinstance(member, str) else member.name


def _json_default(value: object) -> str:
    return str(value.value) if isinstance(value, enum.Enum) else json.dumps(value)


def _without_none(hint: Any) -> list[Any]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return [hint]


def _type_words(cls: type[Any], field: attrs.Attribute[Any]) -> list[str]:
    """Words the JSON type cell of ``field`` must contain."""
    if not field.init:
        return ["not written"]
    targets = ref_targets(field)
    hint = typing.get_type_hints(cls)[field.name]
    words = ["array"] if typing.get_origin(hint) is tuple else []
    if targets:
        return [*words, "id", *("any record" if t == "*" else f"`{t}`" for t in targets)]
    kinds = _without_none(hint)
    if set(kinds) == {sr.PartialDate, sr.DateInterval}:
        return ["EDTF"]
    if set(kinds) == {int, float}:
        return ["number"]
    (kind,) = kinds
    if typing.get_origin(kind) is tuple:
        (kind,) = (arg for arg in typing.get_args(kind) if arg is not Ellipsis)
    if kind is sr.Dating:
        return [*words, "EDTF date list"]
    if isinstance(kind, type) and (issubclass(kind, enum.Enum) or attrs.has(kind)):
        return [*words, f"`{kind.__name__}`"]
    plain = {str: "string", int: "integer", float: "number", bool: "boolean"}
    return [*words, plain[kind]]


CLASSES = _attrs_classes()
ENUMS = _enums()
CODED = [vocabulary for vocabulary in ENUMS if hasattr(vocabulary, "cameo")]


def _fields_table(cls: type[Any]) -> dict[str, dict[str, str]]:
    return {_bare(row["Field"]): row for row in _table(_named(cls.__name__))}


# -- tests ----------------------------------------------------------------------


class TestPage:
    def test_page_exists(self) -> None:
        """The data dictionary is at docs/data.md next to the tests."""
        assert PAGE.is_file()
        assert SCRIPT.is_file()

    def test_model_has_classes_and_enums(self) -> None:
        """The lists the tests walk are not empty, so no test passes vacuously."""
        assert {cls for _, cls in SECTION_CLASSES} <= set(CLASSES)
        assert {sr.Citation, sr.DateClaim, sr.Dating, sr.Participant, sr.Quantity} <= set(CLASSES)
        assert {sr.MeetingKind, sr.HappeningKind} <= set(CODED)


class TestGenerated:
    def test_page_is_what_the_script_makes(self) -> None:
        """Every generated block of the page is what the model makes of it now."""
        made: str = _script().generate(PAGE)
        diff = "".join(
            difflib.unified_diff(
                _page().splitlines(keepends=True),
                made.splitlines(keepends=True),
                "docs/data.md",
                "python docs/make_dictionary.py",
            )
        )
        assert made == _page(), (
            f"the page is out of date; run python docs/make_dictionary.py\n{diff}"
        )

    def test_page_names_the_script(self) -> None:
        """The page says how its tables are made."""
        assert "`python docs/make_dictionary.py`" in _page()

    def test_every_table_is_generated(self) -> None:
        """Each field, value, reference, key and count table sits in a generated block."""
        blocks = re.findall(r"^<!-- generated: (.+) -->$", _page(), flags=re.MULTILINE)
        assert len(blocks) == len(set(blocks))
        expected = {f"fields {cls.__name__}" for cls in CLASSES}
        expected |= {f"values {vocabulary.__name__}" for vocabulary in ENUMS}
        expected |= {"keys", "references", "counts"}
        assert set(blocks) == expected
        assert _page().count("<!-- end generated -->") == len(blocks)

    def test_an_edited_description_changes_the_page(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The Meaning column is read from the field metadata, not copied from the page."""
        script = _script()
        (person,) = [field for field in attrs.fields(sr.Office) if field.name == "person"]
        describe = script.describe

        def edited(field: attrs.Attribute[Any]) -> str:
            text: str = describe(field)
            return "Whoever holds it, edited." if field is person else text

        monkeypatch.setattr(script, "describe", edited)
        made: str = script.generate(PAGE)
        assert made != _page()
        assert (
            "| `person` | id of [`Person`](#person) | required | Whoever holds it, edited. |"
            in made
        )

    def test_a_class_without_a_block_is_refused(self) -> None:
        """The script refuses a page that lacks the block of a class of the model."""
        block = re.compile(
            r"<!-- generated: fields Quantity -->.*?<!-- end generated -->\n", flags=re.DOTALL
        )
        page = block.sub("", _page())
        assert page != _page()
        with pytest.raises(ValueError, match="fields Quantity"):
            _script().render(page)


class TestClassSections:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_class_has_a_heading(self, cls: type[Any]) -> None:
        """Every record class and nested type has exactly one heading of its own."""
        assert _named(cls.__name__)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_table_lists_exactly_the_fields(self, cls: type[Any]) -> None:
        """A class's table lists every attrs field of the class, and nothing else."""
        documented = list(_fields_table(cls))
        actual = [field.name for field in attrs.fields(cls)]
        assert sorted(documented) == sorted(actual)
        assert len(documented) == len(set(documented)), "a field is listed twice"

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_required_column_matches_defaults(self, cls: type[Any]) -> None:
        """A field without a default is 'required'; one with a default names it."""
        table = _fields_table(cls)
        for field in attrs.fields(cls):
            cell = table[field.name]["Required / default"]
            if not field.init:
                assert "computed" in cell, field.name
            elif field.default is attrs.NOTHING:
                assert cell == "required", field.name
            else:
                assert cell.startswith("default"), field.name
                assert f"`{_json_default(field.default)}`" in cell, field.name

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
    def test_type_column_matches_field_types(self, cls: type[Any]) -> None:
        """The JSON type names the array, vocabulary, nested type or reference targets."""
        table = _fields_table(cls)
        for field in attrs.fields(cls):
            cell = table[field.name]["JSON type"]
            for word in _type_words(cls, field):
                assert word in cell, f"{cls.__name__}.{field.name}: {word!r} not in {cell!r}"


class TestReferences:
    def test_reference_table_matches_model(self) -> None:
        """The table of references lists every reference field with its allowed targets."""
        expected: dict[str, set[str]] = {}
        for cls in CLASSES:
            inherited = {
                field.name
                for base in cls.__bases__
                if attrs.has(base)
                for field in attrs.fields(base)
            }
            for field in attrs.fields(cls):
                if ref_targets(field) and field.name not in inherited:
                    expected[f"{cls.__name__}.{field.name}"] = set(ref_targets(field))
        documented = {
            _bare(row["Field"]): {
                "*" if "any record" in row["May refer to"] else _bare(target.strip())
                for target in row["May refer to"].split(",")
            }
            for row in _table(_section("Ids and references"))
        }
        assert documented == expected


class TestVocabularies:
    @pytest.mark.parametrize("vocabulary", ENUMS, ids=lambda vocabulary: vocabulary.__name__)
    def test_table_lists_exactly_the_values(self, vocabulary: type[enum.Enum]) -> None:
        """A vocabulary's table lists each of its values once, in order, and nothing else."""
        table = _table(_named(vocabulary.__name__))
        documented = [_bare(row["Value"]) for row in table]
        assert documented == [_spelling(member) for member in vocabulary]
        unexplained = [row["Value"] for row in table if not row["Meaning"]]
        assert unexplained == [], "write the meaning of each new value in docs/data.md"

    def test_every_value_appears_on_the_page(self) -> None:
        """Every value of every exported enum is written on the page in code marks."""
        missing = [
            f"{vocabulary.__name__}.{member.name}"
            for vocabulary in ENUMS
            for member in vocabulary
            if f"`{_spelling(member)}`" not in _page()
        ]
        assert missing == []

    @pytest.mark.parametrize("vocabulary", CODED, ids=lambda vocabulary: vocabulary.__name__)
    def test_event_codes_match_properties(self, vocabulary: type[enum.Enum]) -> None:
        """The CAMEO and PLOVER columns agree with .cameo, .plover and .plover_mode."""
        columns = {"CAMEO": "cameo", "PLOVER type": "plover", "PLOVER mode": "plover_mode"}
        rows = {_bare(row["Value"]): row for row in _table(_named(vocabulary.__name__))}
        for member in vocabulary:
            row = rows[member.value]
            for column, attribute in columns.items():
                if not hasattr(member, attribute):
                    assert column not in row, f"{vocabulary.__name__} has no {attribute}"
                    continue
                value: str | None = getattr(member, attribute)
                assert _bare(row[column]) == (_NONE if value is None else value), (
                    f"{member!r} {column}"
                )


class TestRecordCounts:
    def test_rows_match_counts(self) -> None:
        """The table gives each section's count, in file order, as the bundled data has it."""
        rows = [
            row for row in _table(_section("Record counts")) if _bare(row["Section"]) != "Total"
        ]
        documented = [(_bare(row["Section"]), int(_bare(row["Records"]))) for row in rows]
        assert documented == list(sr.load().counts().items())
        classes = [(_bare(row["Section"]), _bare(row["Class"])) for row in rows]
        assert classes == [(name, cls.__name__) for name, cls in SECTION_CLASSES]

    def test_total_matches(self) -> None:
        """The total row is the number of records in the bundled dataset."""
        (total,) = [
            row for row in _table(_section("Record counts")) if _bare(row["Section"]) == "Total"
        ]
        assert int(_bare(total["Records"])) == len(sr.load()) == sum(sr.load().counts().values())


class TestExamples:
    def test_interactive_examples_give_the_output_shown(self) -> None:
        """Every pycon example on the page, run in order, prints exactly what it shows."""
        blocks = list(_code_blocks("pycon"))
        assert blocks
        parser = doctest.DocTestParser()
        runner = doctest.DocTestRunner()
        report: list[str] = []
        namespace: dict[str, Any] = {}
        for line, text in blocks:
            test = parser.get_doctest(text, namespace, f"data.md:{line}", str(PAGE), line)
            runner.run(test, out=report.append, clear_globs=False)
            namespace = test.globs  # the test ran in a copy; later blocks build on it
        assert runner.failures == 0, "".join(report)

    def test_json_example_is_from_the_bundled_file(self) -> None:
        """The JSON date example is the treaty's signing date exactly as the bundled file has it."""
        (block,) = [text for _, text in _code_blocks("json")]
        shown = json.loads("{" + block + "}")
        raw = json.loads(sr.dumps(sr.load()))
        treaty = next(t for t in raw["treaties"] if t["id"] == "treaty-of-good-neighborliness")
        assert shown == {"signed": treaty["signed"]}

    def test_example_ids_exist(self) -> None:
        """Every hyphenated slug in code marks (an example id) names a bundled record."""
        ds = sr.load()
        slugs = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", _page()))
        dates = {slug for slug in slugs if re.fullmatch(r"[0-9-]+", slug)}
        codes = {  # PLOVER's own values, such as the mode "third-party"
            code
            for vocabulary in CODED
            for member in vocabulary
            for code in (getattr(member, "plover_mode", None), cast(Any, member).plover_context)
            if code is not None
        }
        unknown = sorted(slug for slug in slugs - dates - codes - {"a-z"} if slug not in ds)
        assert unknown == []
