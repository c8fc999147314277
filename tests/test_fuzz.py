"""Property tests: nothing but DataError escapes, and valid data round-trips exactly.

Run with many more examples: python -m pytest tests/test_fuzz.py --hypothesis-profile=thorough
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinorussia as sr
from sinorussia._fields import FieldError, Text

BUNDLED: dict[str, Any] = json.loads(sr.dumps(sr.load()))
SLUGS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


def _visible(text: str) -> bool:
    """Whether the model's own text rule accepts ``text`` (not blank, not invisible only)."""
    try:
        Text().check("text", text)
    except FieldError:
        return False
    return True


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12
).filter(_visible)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def load_or_data_error(data: str | bytes) -> sr.Dataset | None:
    """Load; a DataError is an expected outcome, anything else fails the test."""
    try:
        return sr.loads(data)
    except sr.DataError as error:
        problems = error.problems
    assert problems
    assert all(p.path.startswith("$") for p in problems)
    return None


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path of keys and indexes inside a JSON value."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*prefix, index)))
    return found


ALL_PATHS = paths(BUNDLED)[1:]


def mutate(raw: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    """Replace, delete or wrap the value at ``path``, or add a stray key beside it."""
    document = json.loads(json.dumps(raw))
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "wrap":
        parent[last] = [parent[last]]
    elif action == "stray" and isinstance(parent, dict):
        parent["stray"] = value
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, parent[last])
    return document


class TestNothingButDataError:
    @given(json_values)
    def test_random_json(self, value: Any) -> None:
        """Any JSON value that is not a dataset raises DataError."""
        load_or_data_error(json.dumps(value))

    @given(st.binary(max_size=200))
    def test_random_bytes(self, data: bytes) -> None:
        """Arbitrary bytes raise DataError (or, by luck, load)."""
        load_or_data_error(data)

    @given(
        st.sampled_from(ALL_PATHS),
        st.sampled_from(["replace", "delete", "wrap", "stray", "duplicate"]),
        json_values,
    )
    def test_mutations_of_the_bundled_data(
        self, path: tuple[Any, ...], action: str, value: Any
    ) -> None:
        """Any single mutation of the valid dataset loads or raises DataError."""
        load_or_data_error(json.dumps(mutate(BUNDLED, path, action, value), ensure_ascii=False))

    @given(st.sampled_from(ALL_PATHS), st.integers(min_value=0, max_value=10))
    def test_truncations(self, path: tuple[Any, ...], cut: int) -> None:
        """The valid file cut anywhere raises DataError."""
        text = sr.dumps(sr.load())
        position = (hash(path) % len(text) + cut) % len(text)
        assert load_or_data_error(text[:position]) is None


# -- generated valid datasets --------------------------------------------------------

STATED = {"basis": "stated", "document": "doc", "paragraphs": [1]}


@st.composite
def edtf_values(draw: st.DrawFn) -> str:
    """A random EDTF date of any precision, qualifier, or an interval."""
    year = draw(st.integers(1900, 2030))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    single = draw(
        st.sampled_from([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
    )
    shape = draw(st.sampled_from(["plain", "qualified", "interval", "open", "unknown"]))
    if shape == "qualified":
        return single + draw(st.sampled_from("?~%"))
    if shape == "interval":
        return f"{single}/{year + draw(st.integers(0, 5))}"
    if shape == "open":
        return f"{single}/.."
    if shape == "unknown":
        return f"/{single}"
    return single


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset document with random people, places and meetings."""
    countries = [
        {"id": "aa", "citations": [STATED], "name": draw(TEXT)},
        {"id": "bb", "citations": [STATED], "name": draw(TEXT)},
    ]
    aliases = draw(st.lists(TEXT, max_size=3, unique=True))
    if aliases:  # defaults are not written, so the canonical form has no empty list
        countries[1]["aliases"] = aliases
    people = draw(
        st.lists(
            SLUGS.filter(lambda s: s not in ("aa", "bb", "doc")),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    leaders = [
        {
            "id": p,
            "citations": [STATED],
            "name": draw(TEXT),
            "nationality": draw(st.sampled_from(["aa", "bb"])),
        }
        for p in people
    ]
    offices = [
        {
            "id": f"office-of-{p}",
            "citations": [STATED],
            "person": p,
            "post": draw(TEXT),
            "role": draw(st.sampled_from([r.value for r in sr.OfficeRole])),
            "organisation": "aa",
            "status": "unknown",
        }
        for p in people
    ]
    meetings = []
    for number in range(draw(st.integers(1, 6))):
        meeting: dict[str, Any] = {
            "id": f"meeting-{number}",
            "citations": [STATED],
            "title": draw(TEXT),
            "kind": draw(st.sampled_from([k.value for k in sr.MeetingKind])),
        }
        who = draw(st.lists(st.sampled_from([*people, "aa", "bb"]), unique=True, max_size=4))
        if who:
            roles = [draw(st.sampled_from([r.value for r in sr.Role])) for _ in who]
            meeting["participants"] = [
                {"who": w} if role == "participant" else {"who": w, "role": role}
                for w, role in zip(who, roles, strict=True)
            ]
        if draw(st.booleans()):
            meeting["date"] = [{"value": draw(edtf_values()), "citation": STATED}]
        count = draw(st.sampled_from([2, 5, None]))
        if draw(st.booleans()):
            meeting["count"] = count
        meetings.append(meeting)
    return {
        "format": 2,
        "version": draw(TEXT),
        "documents": [
            {
                "id": "doc",
                "title": "A document",
                "language": "en",
                "paragraphs": 3,
                "sha256": "0" * 64,
            }
        ],
        "countries": countries,
        "people": leaders,
        "offices": offices,
        "meetings": meetings,
    }


class TestRoundTrip:
    @given(datasets())
    def test_dumps_loads_is_exact(self, raw: dict[str, Any]) -> None:
        """A generated valid dataset loads, and dumps -> loads -> dumps is byte-identical."""
        ds = sr.loads(json.dumps(raw, ensure_ascii=False))
        text = sr.dumps(ds)
        again = sr.loads(text)
        assert again == ds
        assert sr.dumps(again) == text
        assert json.loads(text) == raw

    @pytest.mark.parametrize("seed", ["0", "1", "4242"])
    def test_dumps_ignores_hash_seed(self, seed: str) -> None:
        """dumps gives the same bytes whatever PYTHONHASHSEED is."""
        code = (
            "import hashlib, sinorussia as sr;"
            "print(hashlib.sha256(sr.dumps(sr.load()).encode()).hexdigest())"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        expected = hashlib.sha256(sr.dumps(sr.load()).encode()).hexdigest()
        assert result.stdout.strip() == expected
