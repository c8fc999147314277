"""A catalogue of malformed inputs: each one raises DataError, located, and nothing loads.

Every case starts from the bundled dataset (as JSON) or from raw bytes, breaks
one thing, writes the result to a file and loads it. The error must be a
`DataError` naming that file, the JSON path of the problem and, where the
problem sits in a record, the record's id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import sinorussia as sr

Mutation = Callable[[dict[str, Any]], Any]


def bundled() -> dict[str, Any]:
    """The bundled dataset as fresh JSON values."""
    result: dict[str, Any] = json.loads(sr.dumps(sr.load()))
    return result


def encode(value: Any) -> bytes:
    """JSON bytes of a value (bytes pass through)."""
    if isinstance(value, bytes):
        return value
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def replace(raw: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """Set the value at a path of keys and indexes; return the document."""
    target: Any = raw
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return raw


def delete(raw: dict[str, Any], path: list[Any]) -> dict[str, Any]:
    """Remove the key at a path; return the document."""
    target: Any = raw
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return raw


def as_format_1(raw: dict[str, Any], *, leaders: list[str]) -> dict[str, Any]:
    """The document in file format 1: these people in ``leaders``, the others in ``people``."""
    chosen = [p for p in raw["people"] if p["id"] in leaders]
    others = [p for p in raw["people"] if p["id"] not in leaders]
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "people":
            out["leaders"] = chosen
            out["people"] = others
        else:
            out[key] = 1 if key == "format" else value
    return out


@attrs.frozen
class Case:
    """One kind of bad input and what its error must say."""

    name: str
    build: Mutation
    path: str
    message: str
    record_id: str | None = None


CLAIM = ["meetings", 1, "date", 0]  # victory-day-parade-2015, stated 2015-05-09
PARADE = "victory-day-parade-2015"

CASES = [
    # -- not a dataset document at all
    Case("not JSON", lambda r: b"this is not json", "$", "not valid JSON"),
    Case(
        "truncated",
        lambda r: encode(r)[: encode(r).index(b'"title"') + 3],
        "$.documents[0]",
        "not valid JSON: Unterminated string starting at line 1, column",
        "article",
    ),
    Case("empty", lambda r: b"", "$", "the input is empty"),
    Case("only whitespace", lambda r: b" \n\t ", "$", "the input is empty"),
    Case("byte-order mark", lambda r: b"\xef\xbb\xbf" + encode(r), "$", "byte-order mark"),
    Case(
        "not UTF-8",
        lambda r: '{"format": 1, "version": "é"}'.encode("latin-1"),
        "$.version",
        "not valid UTF-8: byte 26 (line 1)",
    ),
    Case("top level is an array", lambda r: [r], "$", "the top level must be a JSON object"),
    Case("top level is a string", lambda r: "dataset", "$", "the top level must be a JSON object"),
    Case(
        "NaN",
        lambda r: b'{"format": 1, "version": "1", "x": NaN}',
        "$.x",
        "NaN is not valid JSON; use a finite number (line 1, column 36)",
    ),
    Case(
        "Infinity",
        lambda r: b'{"format": 1, "x": Infinity}',
        "$.x",
        "Infinity is not valid JSON; use a finite number (line 1, column 20)",
    ),
    Case(
        "duplicate key",
        lambda r: b'{"format": 1, "format": 1}',
        "$",
        "the key 'format' appears twice in one object (line 1, column 15)",
    ),
    Case(
        "huge integer",
        lambda r: b'{"format": 1, "version": "1", "n": ' + b"7" * 10_000 + b"}",
        "$.n",
        "not valid JSON: an integer of 10000 digits",
    ),
    Case(
        "deeply nested arrays",
        lambda r: b'{"format": 1, "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        "$.x" + "[0]" * 15,
        "the JSON is nested too deeply to read (line 1, column 35)",
    ),
    # -- the format
    Case("missing format", lambda r: delete(r, ["format"]), "$.format", "required field"),
    Case("unsupported format", lambda r: replace(r, ["format"], 3), "$.format", "unsupported"),
    Case("format as text", lambda r: replace(r, ["format"], "1"), "$.format", "unsupported"),
    Case("missing version", lambda r: delete(r, ["version"]), "$.version", "required field"),
    Case("unknown top-level field", lambda r: replace(r, ["extras"], []), "$", "unknown field"),
    # -- wrong shapes and types, at every level of nesting
    Case("section not an array", lambda r: replace(r, ["meetings"], {}), "$.meetings", "array"),
    Case(
        "record not an object",
        lambda r: replace(r, ["meetings", 1], "parade"),
        "$.meetings[1]",
        "expected an object",
    ),
    Case(
        "missing required field",
        lambda r: delete(r, ["meetings", 1, "title"]),
        "$.meetings[1].title",
        "required field is missing",
        PARADE,
    ),
    Case(
        "unknown field",
        lambda r: replace(r, ["meetings", 1, "colour"], "red"),
        "$.meetings[1]",
        "unknown field: colour",
        PARADE,
    ),
    Case(
        "null where not allowed",
        lambda r: replace(r, ["meetings", 1, "title"], None),
        "$.meetings[1].title",
        "expected a string, got null",
        PARADE,
    ),
    Case(
        "number where text",
        lambda r: replace(r, ["places", 0, "name"], 7),
        "$.places[0].name",
        "expected a string, got an integer",
        "moscow",
    ),
    Case(
        "boolean where integer",
        lambda r: replace(r, ["meetings", 1, "count"], True),
        "$.meetings[1].count",
        "expected an integer, got a boolean",
        PARADE,
    ),
    Case(
        "fraction where integer",
        lambda r: replace(r, ["meetings", 1, "count"], 1.5),
        "$.meetings[1].count",
        "expected an integer, got a number",
        PARADE,
    ),
    Case(
        "text where array",
        lambda r: replace(r, ["places", 0, "aliases"], "Москва"),
        "$.places[0].aliases",
        "expected an array, got a string",
        "moscow",
    ),
    Case(
        "wrong type in a nested object",
        lambda r: replace(r, ["meetings", 1, "participants", 0, "role"], 3),
        "$.meetings[1].participants[0].role",
        "expected a string",
        PARADE,
    ),
    Case(
        "wrong type three levels down",
        lambda r: replace(r, [*CLAIM, "citation", "paragraphs"], "1"),
        "$.meetings[1].date[0].citation.paragraphs",
        "expected an array",
        PARADE,
    ),
    Case(
        "wrong type inside an array",
        lambda r: replace(r, [*CLAIM, "citation", "paragraphs"], [1, "2"]),
        "$.meetings[1].date[0].citation.paragraphs[1]",
        "expected an integer",
        PARADE,
    ),
    # -- values
    Case(
        "empty text",
        lambda r: replace(r, ["meetings", 1, "title"], "  "),
        "$.meetings[1].title",
        "must not be empty",
        PARADE,
    ),
    Case(
        "id not a slug",
        lambda r: replace(r, ["people", 0, "id"], "Xi Jinping"),
        "$.people[0].id",
        "not a valid id",
        "Xi Jinping",
    ),
    Case(
        "unknown enum value",
        lambda r: replace(r, ["meetings", 1, "kind"], "parade"),
        "$.meetings[1].kind",
        "unknown value 'parade'",
        PARADE,
    ),
    Case(
        "impossible month",
        lambda r: replace(r, [*CLAIM, "value"], "2019-13"),
        "$.meetings[1].date[0].value",
        "month 13 is out of range",
        PARADE,
    ),
    Case(
        "impossible day",
        lambda r: replace(r, [*CLAIM, "value"], "2019-02-30"),
        "$.meetings[1].date[0].value",
        "day 30 is out of range",
        PARADE,
    ),
    Case(
        "interval ending before it starts",
        lambda r: replace(r, [*CLAIM, "value"], "2016/2015"),
        "$.meetings[1].date[0].value",
        "ends before it starts",
        PARADE,
    ),
    Case(
        "bad EDTF qualifier",
        lambda r: replace(r, [*CLAIM, "value"], "2015?-05"),
        "$.meetings[1].date[0].value",
        "qualifier",
        PARADE,
    ),
    Case(
        "date as a number",
        lambda r: replace(r, [*CLAIM, "value"], 2015),
        "$.meetings[1].date[0].value",
        "expected an EDTF date string",
        PARADE,
    ),
    Case(
        "date without claims",
        lambda r: replace(r, ["meetings", 1, "date"], []),
        "$.meetings[1].date",
        "at least one claim",
        PARADE,
    ),
    Case(
        "count below one",
        lambda r: replace(r, ["meetings", 1, "count"], 0),
        "$.meetings[1].count",
        "count must be at least 1",
        PARADE,
    ),
    Case(
        "inference without a note",
        lambda r: delete(r, ["treaties", 0, "signed", 0, "citation", "note"]),
        "$.treaties[0].signed[0].citation",
        "needs a note",
        "treaty-of-good-neighborliness",
    ),
    Case(
        "external without a source",
        lambda r: delete(r, ["treaties", 0, "signed", 1, "citation", "source"]),
        "$.treaties[0].signed[1].citation",
        "source address",
        "treaty-of-good-neighborliness",
    ),
    # -- the dataset as a whole
    Case(
        "duplicate id",
        lambda r: replace(r, ["places", 1, "id"], "moscow"),
        "$.places[1].id",
        "duplicate id, first used at $.places[0]",
        "moscow",
    ),
    Case(
        "dangling reference",
        lambda r: replace(r, ["meetings", 1, "place"], "st-petersburg"),
        "$.meetings[1].place",
        "'st-petersburg', which is not in the dataset",
        PARADE,
    ),
    Case(
        "reference to the wrong class",
        lambda r: replace(r, ["offices", 0, "person"], "moscow"),
        "$.offices[0].person",
        "a Place; expected a Person",
        "xi-jinping-president-of-china",
    ),
    Case(
        "paragraph out of range",
        lambda r: replace(r, [*CLAIM, "citation", "paragraphs"], [21]),
        "$.meetings[1].date[0].citation.paragraphs[0]",
        "paragraph 21 is out of range",
        PARADE,
    ),
    Case(
        "paragraph zero",
        lambda r: replace(r, [*CLAIM, "citation", "paragraphs"], [0]),
        "$.meetings[1].date[0].citation.paragraphs",
        "paragraph numbers start at 1",
        PARADE,
    ),
    Case(
        "unknown document",
        lambda r: replace(r, [*CLAIM, "citation", "document"], "another-article"),
        "$.meetings[1].date[0].citation.document",
        "not a known document",
        PARADE,
    ),
    Case(
        "date claims that disagree",
        lambda r: replace(r, ["meetings", 1, "date", 1, "value"], "2016-05-09"),
        "$.meetings[1].date[1].value",
        "date claims disagree",
        PARADE,
    ),
    Case(
        "office ending before it starts",
        lambda r: replace(
            replace(r, ["offices", 0, "status"], "ended"),
            ["offices", 0, "end"],
            [{"value": "2010", "citation": r["offices"][0]["start"][0]["citation"]}],
        ),
        "$.offices[0].end",
        "ends (2010) before it starts (2013-03)",
        "xi-jinping-president-of-china",
    ),
    Case(
        "leader without an office (format 1)",
        lambda r: as_format_1(
            replace(r, ["offices"], [o for o in r["offices"] if o["person"] != "wang-yi"]),
            leaders=["xi-jinping", "vladimir-putin", "wang-yi"],
        ),
        "$.leaders[2]",
        "a leader needs at least one office",
        "wang-yi",
    ),
    Case(
        "places inside each other",
        lambda r: replace(r, ["places", 0, "within"], "red-square"),
        "$.places[0].within",
        "cycle",
        "moscow",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_catalogue(case: Case, tmp_path: Path) -> None:
    """Each malformed input raises DataError naming the file, the path and the record."""
    path = tmp_path / "input.json"
    path.write_bytes(encode(case.build(bundled())))
    with pytest.raises(sr.DataError) as info:
        sr.load_file(path)
    error = info.value
    assert error.source == str(path)
    assert str(error).startswith(f"{path}: ")
    matching = [p for p in error.problems if p.path == case.path and case.message in p.message]
    assert matching, str(error)
    assert matching[0].record_id == case.record_id
    assert isinstance(error, ValueError)


def test_catalogue_is_large() -> None:
    """The catalogue covers at least thirty distinct kinds of bad input."""
    assert len({case.name for case in CASES}) == len(CASES) >= 30


def test_fifty_megabytes(tmp_path: Path) -> None:
    """A 50 MB file cut short is rejected with its line and column, not a crash."""
    raw = bundled()
    meeting = raw["meetings"][1]
    copies = [dict(meeting, id=f"copy-{i}") for i in range(64_000)]
    data = encode(dict(raw, meetings=[*raw["meetings"], *copies]))
    assert len(data) > 50_000_000
    path = tmp_path / "big.json"
    path.write_bytes(data[:-10])
    with pytest.raises(sr.DataError, match=r"not valid JSON: .* at line 1, column \d+"):
        sr.load_file(path)


def test_nothing_half_loaded(tmp_path: Path) -> None:
    """A bad file leaves no trace: the shared dataset and a later good load are unchanged."""
    before = sr.load()
    counts = before.counts()
    path = tmp_path / "bad.json"
    raw = bundled()
    raw["meetings"].append(dict(raw["meetings"][1], id="new-meeting", place="atlantis"))
    path.write_bytes(encode(raw))
    with pytest.raises(sr.DataError):
        sr.load(extra=[path])
    assert sr.load() is before
    assert before.counts() == counts
    assert "new-meeting" not in before.meetings.ids
