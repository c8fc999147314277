"""`_json.Members`: a JSON object read member by member, arrays element by element.

The oracle is ``json.loads``: for any text whose top level is an object with
no key given twice, `Members` reads the same values, whatever the formatting
and however the bytes are cut into chunks; for any other text it raises
`Unreadable`.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinorussia._json import Items, Members, Unreadable, members_plain

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)
documents = st.dictionaries(st.text(max_size=8), values, max_size=6)
layouts = st.sampled_from(
    [
        {"indent": None, "separators": (",", ":")},
        {"indent": None, "separators": (", ", ": ")},
        {"indent": 2},
        {"indent": "\t"},
        {"indent": 0},
    ]
)
chunks = st.sampled_from([1, 2, 3, 5, 16, 1 << 22])


def read(members: Members) -> dict[str, Any]:
    """Every member, each array read whole."""
    return {key: list(value) if isinstance(value, Items) else value for key, value in members}


def loads(text: str | bytes) -> Any:
    """``json.loads``, or None where it refuses the text or finds a key twice at the top."""
    try:
        pairs = json.loads(text, object_pairs_hook=lambda pairs: pairs)
    except (ValueError, RecursionError):
        return None
    if not isinstance(pairs, list) or len({k for k, _ in pairs}) != len(pairs):
        return None  # not an object, or a key given twice at the top
    return json.loads(text)


class TestValid:
    @settings(max_examples=300, deadline=None)
    @given(documents, layouts, chunks, st.booleans())
    def test_same_values_as_json_loads(
        self, document: dict[str, Any], layout: dict[str, Any], chunk: int, ascii_only: bool
    ) -> None:
        """Any object, any layout, any chunk size, bytes or text: the values of json.loads."""
        text = json.dumps(document, ensure_ascii=ascii_only, **layout)
        assert read(Members(text.encode("utf-8"), chunk=chunk)) == json.loads(text)
        assert read(Members(text, chunk=chunk)) == json.loads(text)

    def test_arrays_are_read_one_element_at_a_time(self) -> None:
        """An array member is an iterator of its elements, and the members go on after it."""
        members = iter(Members(b'{"a": [{"x": 1}, {"x": 2}], "b": 3}', chunk=2))
        key, items = next(members)
        assert key == "a"
        assert isinstance(items, Items)
        assert next(items) == {"x": 1}
        assert next(items) == {"x": 2}
        with pytest.raises(StopIteration):
            next(items)
        assert next(members) == ("b", 3)

    def test_an_array_left_unread_is_skipped(self) -> None:
        """The next member is read right, whether or not the array before it was."""
        members = iter(Members(b'{"a": [1, [2, 3], {"y": []}], "b": [], "c": true}', chunk=3))
        assert next(members)[0] == "a"
        key, items = next(members)
        assert key == "b"
        assert list(items) == []
        assert next(members) == ("c", True)

    def test_a_value_longer_than_many_chunks(self) -> None:
        """A value decoded across many chunks, non-ASCII text and a long number."""
        text = json.dumps({"long": "Путин" * 10_000, "n": [12345678901234567890]})
        assert read(Members(text.encode("utf-8"), chunk=1)) == json.loads(text)

    def test_counts_colons_as_decode_plain_does(self) -> None:
        """The count of colons is that of `decode_plain`, escapes included."""
        text = '{"a": "x:y", "b": [{"c": "\\u003a"}]}'
        found = members_plain(text.encode("utf-8"))
        assert found is not None
        assert found[1] == 5  # three members, one ':' in a string and the escape


class TestInvalid:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            "   ",
            "[]",
            "1",
            "{",
            '{"a":1,}',
            '{"a":1 "b":2}',
            '{"a":[1,]}',
            '{"a":[1 2]}',
            '{"a":[,1]}',
            '{"a":1}x',
            '{"a":1}{}',
            '{"a":1,"a":2}',
            '{"a" 1}',
            "{1:2}",
            '{"a":[1}',
            '{"a":tru}',
            '{"a":1.}',
            '{"a":-}',
            "{,}",
            '{"a":1',
            '{"a":[1',
        ],
    )
    @pytest.mark.parametrize("chunk", [1, 3, 1 << 22])
    def test_refused(self, text: str, chunk: int) -> None:
        """What is not an object, or not JSON, or has a key twice at the top, is refused."""
        with pytest.raises(Unreadable):
            read(Members(text.encode("utf-8"), chunk=chunk))

    @pytest.mark.parametrize("data", [b'{"a": "\xff"}', b'{"a": "\xe2\x82"}', b'{"a": 1}\xc3'])
    def test_not_utf8(self, data: bytes) -> None:
        """Bytes that are not UTF-8 are refused, even cut inside a character."""
        with pytest.raises(Unreadable):
            read(Members(data, chunk=2))

    def test_byte_order_mark_is_left_to_the_detailed_path(self) -> None:
        """A byte order mark is not read here: the detailed path reports it."""
        assert members_plain(b'\xef\xbb\xbf{"a": 1}') is None

    @settings(max_examples=300, deadline=None)
    @given(documents, layouts, chunks, st.data())
    def test_mutated_text_as_json_loads(
        self, document: dict[str, Any], layout: dict[str, Any], chunk: int, data: st.DataObject
    ) -> None:
        """A character deleted, replaced or inserted: read as json.loads reads it, or refused."""
        text = json.dumps(document, **layout)
        at = data.draw(st.integers(min_value=0, max_value=len(text)))
        char = data.draw(st.sampled_from(list('{}[],:" 0a-.\\')))
        action = data.draw(st.sampled_from(["delete", "replace", "insert"]))
        if action == "delete":
            mutated = text[:at] + text[at + 1 :]
        elif action == "replace":
            mutated = text[:at] + char + text[at + 1 :]
        else:
            mutated = text[:at] + char + text[at:]
        expected = loads(mutated)
        if expected is None:
            with pytest.raises(Unreadable):
                read(Members(mutated.encode("utf-8"), chunk=chunk))
        else:
            assert read(Members(mutated.encode("utf-8"), chunk=chunk)) == expected
