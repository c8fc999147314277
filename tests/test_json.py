"""JSON-level errors: each one names the JSON path, the line and the column of the first bad token.

A document the strict decoder refuses (a key twice in one object, ``NaN``, an
infinite or over-long number, nesting too deep, a syntax error, a byte that is
not UTF-8) raises one `DataError` whose problem carries the path of the value
(or of the container a syntax error is in), the record id when it is known, and
"line L, column C" in its message.
"""

from __future__ import annotations

import json
import pickle
import re
import sys
import time
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia._json import decode, record_id

BUNDLED_TEXT = resources.files("sinorussia").joinpath("data", "sinorussia.json").read_text("utf-8")
MEETING = json.loads(BUNDLED_TEXT)["meetings"][3]["id"]


def bundled() -> dict[str, Any]:
    """The bundled data file as fresh JSON values (read as JSON, not as a dataset)."""
    result: dict[str, Any] = json.loads(BUNDLED_TEXT)
    return result


def read(document: str | bytes | bytearray | memoryview) -> None:
    """Read a document as doc.json: through ``loads``, or the decoder for other buffers."""
    if isinstance(document, str | bytes):
        sr.loads(document, source="doc.json")
    else:
        decode(document, "doc.json")


def problem(document: str | bytes | bytearray | memoryview) -> sr.Problem:
    """The one problem ``loads`` (or, for other buffers, the decoder) reports for a document."""
    with pytest.raises(sr.DataError) as info:
        read(document)
    assert info.value.source == "doc.json"
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


def place(text: str, offset: int) -> str:
    """How a message names an offset of the text: 'line L, column C', both from 1."""
    lines = text[:offset].split("\n")
    return f"line {len(lines)}, column {len(lines[-1]) + 1}"


def offset_of(text: str, message: str) -> int:
    """The offset of the text that a message's 'line L, column C' names."""
    match = re.search(r"line (\d+), column (\d+)", message)
    assert match, message
    line, column = int(match.group(1)), int(match.group(2))
    lines = text.split("\n")
    return sum(len(lines[i]) + 1 for i in range(line - 1)) + column - 1


def json_error(text: str) -> json.JSONDecodeError:
    """What the standard library's decoder says about a text it cannot read."""
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads(text)
    return info.value


def syntax_error(text: str) -> json.JSONDecodeError | None:
    """What the standard library's decoder says about a text, if it cannot read it."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error
    return None


class TestDuplicateKeys:
    def test_top_level(self) -> None:
        """A key twice at the top level is reported at $ with the second key's line and column."""
        text = '{"format": 1, "format": 1}'
        found = problem(text)
        assert found.path == "$"
        assert "the key 'format' appears twice in one object" in found.message
        assert place(text, text.rindex('"format"')) in found.message
        assert found.record_id is None

    def test_deep_in_a_citation(self) -> None:
        """A key twice in a meeting's citation is reported there, with the meeting's id."""
        raw = bundled()
        raw["meetings"][3]["citations"][0]["__twice__"] = 0
        text = json.dumps(raw, indent=2).replace('"__twice__": 0', '"basis": "stated"')
        found = problem(text)
        assert found.path == "$.meetings[3].citations[0]"
        assert found.record_id == MEETING
        assert "'basis' appears twice" in found.message
        assert place(text, text.index('"basis": "stated"\n')) in found.message

    def test_in_an_array_of_objects(self) -> None:
        """A key twice in the second object of an array is reported at that object."""
        text = '{"a": [{"k": 1}, {"k": 1, "k": 2}]}'
        found = problem(text)
        assert found.path == "$.a[1]"
        assert place(text, text.rindex('"k"')) in found.message

    def test_key_with_escaped_quote_and_brace(self) -> None:
        """A key holding an escaped quote and a brace is read as one key, and shown escaped."""
        text = '{"a": {"k\\"{": 1, "x": "}", "k\\"{": 2}}'
        found = problem(text)
        assert found.path == "$.a"
        assert "the key 'k\"{' appears twice" in found.message
        assert place(text, text.rindex('"k')) in found.message

    def test_long_key_is_shortened(self) -> None:
        """A very long duplicate key is cut in the message, which says its length."""
        key = "k" * 10_000
        found = problem(f'{{"{key}": 1, "{key}": 2}}')
        assert "(10000 characters)" in found.message
        assert len(found.message) < 200

    def test_first_problem_in_document_order(self) -> None:
        """A key twice before a NaN is what is reported: the first bad token in the text."""
        text = '{"a": 1, "a": 2, "b": NaN}'
        found = problem(text)
        assert found.path == "$"
        assert "'a' appears twice" in found.message
        assert place(text, text.rindex('"a"')) in found.message


class TestNonFinite:
    @pytest.mark.parametrize(
        ("text", "path", "token"),
        [
            ('{"format": 1, "x": NaN}', "$.x", "NaN"),
            ('{"format": 1, "x": Infinity}', "$.x", "Infinity"),
            ('{"format": 1, "x": -Infinity}', "$.x", "-Infinity"),
            ('{"xs": [1, 2, NaN]}', "$.xs[2]", "NaN"),
            ('{"xs": [1, -Infinity, 3]}', "$.xs[1]", "-Infinity"),
            ('{"a": {"b": [[0, Infinity]]}}', "$.a.b[0][1]", "Infinity"),
            ("[NaN]", "$[0]", "NaN"),
            ("NaN", "$", "NaN"),
            ('{"a b": NaN}', '$["a b"]', "NaN"),
            ('{"\\u001b[31m": NaN}', '$["\\u001b[31m"]', "NaN"),
        ],
    )
    def test_constant_located(self, text: str, path: str, token: str) -> None:
        """NaN, Infinity and -Infinity are reported at their path, line and column."""
        found = problem(text)
        assert found.path == path
        assert f"{token} is not valid JSON; use a finite number" in found.message
        assert place(text, text.rindex(token)) in found.message

    def test_nan_in_a_meeting(self) -> None:
        """A NaN as a meeting's count is reported at $.meetings[3].count, with the meeting's id."""
        raw = bundled()
        raw["meetings"][3]["count"] = float("nan")
        text = json.dumps(raw, indent=2)
        found = problem(text)
        assert found.path == "$.meetings[3].count"
        assert found.record_id == MEETING
        assert place(text, text.index('"count": NaN') + len('"count": ')) in found.message

    @pytest.mark.parametrize(
        ("number", "shown"),
        [
            ("1e999", "'1e999'"),
            ("-1e999", "'-1e999'"),
            ("1" * 400 + ".5", "(402 characters)"),
            ("0.1E+400", "'0.1E+400'"),
        ],
    )
    def test_number_out_of_range(self, number: str, shown: str) -> None:
        """A number the decoder would read as infinity is rejected as not finite, located."""
        text = f'{{"format": 1, "places": [{{"lat": {number}}}]}}'
        found = problem(text)
        assert found.path == "$.places[0].lat"
        assert "is out of range (it reads as infinity); use a finite number" in found.message
        assert shown in found.message
        assert place(text, text.index(number)) in found.message

    def test_finite_numbers_still_read(self) -> None:
        """Finite numbers, large and small, decode as the standard decoder reads them."""
        text = '{"a": [1.5, -0.0, 1e308, 5e-324, 12, -7, 1E2]}'
        assert decode(text, "t") == json.loads(text)


class TestHugeInteger:
    def test_five_thousand_digits(self) -> None:
        """A 5,000-digit integer (past Python's conversion limit) is reported at its path."""
        text = '{"format": 1, "a": [0, -' + "7" * 5000 + "]}"
        found = problem(text)
        assert found.path == "$.a[1]"
        assert "not valid JSON: an integer of 5000 digits" in found.message
        assert str(sys.get_int_max_str_digits()) in found.message
        assert place(text, text.index("-7")) in found.message

    def test_at_the_limit_reads(self) -> None:
        """An integer of exactly the limit's number of digits still decodes."""
        digits = sys.get_int_max_str_digits()
        assert decode(f"[{'9' * digits}]", "t") == [int("9" * digits)]


class TestNesting:
    def test_hundred_thousand_deep(self) -> None:
        """100,000 nested arrays are "nested too deeply", with a short path, line and column."""
        start = time.perf_counter()
        text = '{"format": 1,\n "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
        found = problem(text)
        assert time.perf_counter() - start < 10
        assert "the JSON is nested too deeply to read" in found.message
        assert re.fullmatch(r"\$\.x(\[0\])+", found.path), found.path
        assert len(found.path) < 100
        depth = found.path.count("[")
        assert place(text, text.index("[") + depth) in found.message

    def test_too_deep_at_top_level(self) -> None:
        """A top-level document of nested arrays is too deep, located inside it."""
        found = problem(b"[" * 100_000)
        assert "nested too deeply" in found.message
        assert re.fullmatch(r"\$(\[0\])*", found.path)
        assert "line 1, column" in found.message

    def test_deep_in_a_meeting(self) -> None:
        """Nesting too deep inside a meeting is reported below that meeting, with its id."""
        raw = bundled()
        raw["meetings"][3]["count"] = "__deep__"
        text = json.dumps(raw, indent=2).replace('"__deep__"', "[" * 50_000 + "]" * 50_000)
        found = problem(text)
        assert found.path.startswith("$.meetings[3].count[0]")
        assert found.record_id == MEETING
        assert "nested too deeply" in found.message

    def test_deep_but_readable_then_nan(self) -> None:
        """A NaN under 500 arrays (deep, but readable) is found at its exact path."""
        text = "[" * 500 + "NaN" + "]" * 500
        found = problem(text)
        assert found.path == "$" + "[0]" * 500
        assert place(text, 500) in found.message


class TestSyntax:
    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ('{"a": {"b": [1, 2 3]}}', "$.a.b"),
            ('{"a": {"b" 1}}', "$.a"),
            ('{"a": {"b": 1,}}', "$.a"),
            ('{"a": [1,]}', "$.a[1]"),
            ('{"a": }', "$.a"),
            ('{"a": [{"b": 1} {"c": 2}]}', "$.a"),
            ("{} x", "$"),
            ('{"a": 1', "$"),
            ("this is not json", "$"),
            ('{"a": "\\q"}', "$.a"),
            ('{"a": ["ok", "tab\there"]}', "$.a[1]"),
            ('{"a": "x\\"{[", "b": [1 2]}', "$.b"),
            ('{"k\\"{": {"x": "]}", "y": tru}}', '$["k\\"{"].y'),
            ('{"a": [1, 2], "b": {"c": "unterminated}', "$.b.c"),
        ],
    )
    def test_syntax_error_located(self, text: str, path: str) -> None:
        """A syntax error keeps json's words, line and column, and gains the path it is in."""
        error = json_error(text)
        found = problem(text)
        assert found.path == path
        words = error.msg.removesuffix(" at")
        assert (
            found.message == f"not valid JSON: {words} at line {error.lineno}, column {error.colno}"
        )

    def test_truncated_in_a_citation(self) -> None:
        """A document cut inside a meeting's citation names that citation and the meeting."""
        raw = bundled()
        text = json.dumps(raw, indent=2)
        cut = text.index('"basis"', text.index(f'"id": "{MEETING}"'))
        found = problem(text[: cut + 3])
        assert found.path == "$.meetings[3].citations[0]"
        assert found.record_id == MEETING
        assert "Unterminated string starting at line" in found.message


class TestUtf8:
    def test_byte_offset_line_and_path(self) -> None:
        """A byte that is not UTF-8 is reported with its offset, its line and the value it is in."""
        data = '{"format": 1,\n "version": "é"}'.encode("latin-1")
        found = problem(data)
        assert found.path == "$.version"
        offset = data.index(b"\xe9")
        assert found.message == f"not valid UTF-8: byte {offset} (line 2) cannot be decoded"

    def test_in_a_meeting(self) -> None:
        """A bad byte in a meeting's title names the title and the meeting."""
        raw = bundled()
        raw["meetings"][3]["title"] = "__bad__"
        data = json.dumps(raw, indent=2).encode().replace(b"__bad__", b"caf\xe9")
        found = problem(data)
        assert found.path == "$.meetings[3].title"
        assert found.record_id == MEETING
        line = data[: data.index(b"\xe9")].count(b"\n") + 1
        assert f"(line {line})" in found.message

    def test_in_a_key(self) -> None:
        """A bad byte in a key names the object the key belongs to."""
        found = problem(b'{"a": {"k\xff": 1}}')
        assert found.path == "$.a"
        assert "byte 9" in found.message

    def test_after_another_problem(self) -> None:
        """A bad byte after a syntax error is reported at $: the byte is what stops the read."""
        found = problem(b'{"a": [1 2], "b": "\xff"}')
        assert found.path == "$"
        assert "not valid UTF-8: byte 19 (line 1)" in found.message


BAD_DOCUMENTS = [
    '{"format": 1, "format": 1}',
    '{"a": [{"k": 1}, {"k": 1, "k": 2}]}',
    '{"a": "x\\"{[",\n "b": [0, NaN]}',
    '{"xs": [1, -Infinity]}',
    '{"x": 1e999}',
    '{"n": ' + "7" * 5000 + "}",
    '{"x": ' + "[" * 5000 + "]" * 5000 + "}",
    '{"a": {"b": [1, 2 3]}}',
    '{"a": "\\u00e9\\u4e2d\\ud83d\\ude00", "b": "中文 ", "c": [1 2]}',
]


class TestInputs:
    @pytest.mark.parametrize("text", BAD_DOCUMENTS)
    def test_bytes_and_text_agree(self, text: str) -> None:
        """The same document as str, bytes, bytearray and memoryview gives the same problem."""
        data = text.encode("utf-8")
        expected = problem(text)
        assert problem(data) == expected
        assert problem(bytearray(data)) == expected
        assert problem(memoryview(data)) == expected

    @pytest.mark.parametrize("text", BAD_DOCUMENTS)
    def test_error_pickles(self, text: str) -> None:
        """A located DataError survives pickling with its problems equal."""
        with pytest.raises(sr.DataError) as info:
            sr.loads(text)
        copy = pickle.loads(pickle.dumps(info.value))
        assert copy.problems == info.value.problems
        assert str(copy) == str(info.value)

    def test_not_text(self) -> None:
        """Something that is neither text nor bytes is an argument error, not a crash."""
        with pytest.raises(sr.Error, match="str or bytes, got int") as info:
            decode(5, "t")  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)

    def test_no_exception_chain(self) -> None:
        """The DataError does not drag the decoder's internal exception along."""
        with pytest.raises(sr.DataError) as info:
            sr.loads('{"x": NaN}')
        assert info.value.__cause__ is None
        assert info.value.__context__ is None

    def test_valid_document_unchanged(self) -> None:
        """The bundled file decodes to exactly what the standard decoder reads."""
        assert decode(BUNDLED_TEXT, "t") == json.loads(BUNDLED_TEXT)
        assert decode(BUNDLED_TEXT.encode(), "t") == json.loads(BUNDLED_TEXT)


class TestRecordId:
    def test_record_path(self) -> None:
        """A path inside a top-level array's item gives that item's id."""
        raw = bundled()
        assert record_id(raw, "$.meetings[3].citations[0].basis") == MEETING
        assert record_id(raw, "$.meetings[3]") == MEETING

    @pytest.mark.parametrize(
        "path", ["$", "$.meetings", "$.meetings[999]", "$.format", '$["a.meetings[3]"]', "$.x.y[0]"]
    )
    def test_no_record(self, path: str) -> None:
        """A path that is not inside a record, or names no existing one, gives None."""
        assert record_id(bundled(), path) is None


# -- properties: random valid documents, one thing broken


_KEYS = st.text(max_size=6)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)


def expected_path(steps: tuple[str | int, ...]) -> str:
    """The JSON path that docs promise for a list of keys and indexes."""
    parts = ["$"]
    for step in steps:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", step):
            parts.append(f".{step}")
        else:
            parts.append(f"[{json.dumps(step)}]")
    return "".join(parts)


def all_steps(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The steps to every value in a document, the document itself first."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(all_steps(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(all_steps(item, (*prefix, index)))
    return found


def put(value: Any, steps: tuple[str | int, ...], new: Any) -> Any:
    """The document with the value at ``steps`` replaced."""
    if not steps:
        return new
    head, rest = steps[0], steps[1:]
    if isinstance(value, dict):
        return {**value, head: put(value[head], rest, new)}
    copy = list(value)
    copy[head] = put(copy[head], rest, new)  # type: ignore[index]
    return copy


_LAYOUTS = st.sampled_from([None, 0, 2, "\t"])


class TestProperties:
    @given(data=st.data(), document=_VALUES, layout=_LAYOUTS)
    def test_injected_constant_is_located(
        self, data: st.DataObject, document: Any, layout: Any
    ) -> None:
        """One NaN or infinity injected anywhere is reported at exactly that value's path."""
        steps = data.draw(st.sampled_from(all_steps(document)))
        bad = data.draw(st.sampled_from([float("nan"), float("inf"), float("-inf")]))
        text = json.dumps(put(document, steps, bad), indent=layout)
        token = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[str(bad)]
        with pytest.raises(sr.DataError) as info:
            decode(text, "t")
        (found,) = info.value.problems
        assert found.path == expected_path(steps)
        assert f"{token} is not valid JSON" in found.message
        assert text[offset_of(text, found.message) :].startswith(token)

    @given(data=st.data(), document=_VALUES, layout=_LAYOUTS)
    def test_truncated_keeps_json_position(
        self, data: st.DataObject, document: Any, layout: Any
    ) -> None:
        """A valid document cut short is reported where json says, at a well-formed path."""
        text = json.dumps(document, indent=layout)
        cut = data.draw(st.integers(1, len(text)))
        broken = text[:cut] + data.draw(st.sampled_from(["", "}", "]", ",", " x", ":"]))
        error = syntax_error(broken)
        if error is None:
            assert decode(broken, "t") == json.loads(broken)
            return
        with pytest.raises(sr.DataError) as info:
            decode(broken, "t")
        (found,) = info.value.problems
        assert f"at line {error.lineno}, column {error.colno}" in found.message
        assert re.fullmatch(r"\$(\.\w+|\[\d+\]|\[\"(?:[^\"\\]|\\.)*\"\])*", found.path)

    @given(document=_VALUES, layout=_LAYOUTS)
    def test_valid_documents_read(self, document: Any, layout: Any) -> None:
        """Every valid, finite document decodes to what the standard decoder reads."""
        text = json.dumps(document, indent=layout, ensure_ascii=False)
        assert decode(text, "t") == json.loads(text)
        assert decode(text.encode("utf-8"), "t") == json.loads(text)
