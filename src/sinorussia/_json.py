"""JSON text to values, strictly, and where in the text a problem is.

The normal route is one call of the standard library's C decoder with strict
hooks: no ``NaN`` or ``Infinity``, no number too large to be finite, no key
twice in one object. Only when that fails does a second pass walk the text to
find the first offending token, its JSON path (``$.meetings[3].citations[0]``),
line and column. The walk is iterative, never recursive: it decodes each member
of a container with the same C decoder, skips the members that decode, and
descends only into the one that fails, so it costs a few times the first pass
whatever the input's shape, and a document nested 100,000 levels deep is
reported, not a crash.

The fast path of loading reads differently (`members_plain`): the same C
decoder without hooks, one record at a time, so that a large document never
exists whole as Python values; whatever it cannot vouch for comes back here.
"""

from __future__ import annotations

import codecs
import json
import json.scanner
import math
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Final

import attrs

from ._errors import ArgumentError, DataError, Problem

__all__ = ["Items", "Members", "Unreadable", "decode", "members_plain", "record_id"]

_BOM: Final = b"\xef\xbb\xbf"
_WS: Final = re.compile(r"[ \t\n\r]*")
_COMMA: Final = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DIGITS: Final = re.compile(r"-?([0-9]*)")
_RECORD: Final = re.compile(r"\$\.([A-Za-z_]\w*)\[(\d+)\]")

_DEPTH: Final = 16
"""How deep the walk trial-decodes containers, and reports a too-deep chain.

Deeper than this, a container is walked token by token instead of decoded
whole first (a real dataset nests six levels), so no input costs the walk more
than this many decodes of its text; a chain of containers each too deep for the
C decoder is reported at the container at this depth, so the path stays short.
"""

_TOO_DEEP: Final = "the JSON is nested too deeply to read"


class _Rejected(ValueError):
    """A hook refused a value that the standard decoder would accept."""


def _reject_constant(name: str) -> None:
    raise _Rejected(f"{name} is not valid JSON; use a finite number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Rejected(
            f"the number {_shown(text)} is out of range (it reads as infinity); use a finite number"
        )
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Rejected(_twice(key))
            seen.add(key)
    return result


def _twice(key: str) -> str:
    return f"the key {_shown(key)} appears twice in one object"


def _shown(text: str, limit: int = 40) -> str:
    """A key or number as a message shows it: escaped, and cut when long."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit // 2]!r}... ({len(text)} characters)"


def _decoder() -> json.JSONDecoder:
    # A new decoder per document: the C scanner's key memo is not shared.
    return json.JSONDecoder(
        parse_float=_finite, parse_constant=_reject_constant, object_pairs_hook=_unique_keys
    )


def decode(data: str | bytes | bytearray | memoryview, source: str) -> Any:
    """The JSON value of a document, or one located [`DataError`][sinorussia.DataError].

    Args:
        data: The document, as text or as UTF-8 bytes (``bytearray`` and
            ``memoryview`` too).
        source: How the error names the input.

    Returns:
        The decoded value: objects as ``dict``, arrays as ``list``.

    Raises:
        DataError: The input is not strict JSON. Its one problem carries the
            JSON path of the offending value (or of the container a syntax
            error is in), the record id when known, and the line and column.
        ArgumentError: ``data`` is neither text nor bytes.

    """
    text = _text(data, source)
    if not text or text.isspace():  # as ``not text.strip()``, without a copy of the text
        raise DataError(source, [Problem("$", "the input is empty; expected a JSON object")])
    decoder = _decoder()
    try:
        return decoder.decode(text)
    except (RecursionError, ValueError) as exc:
        problem = _locate(text, exc)
    raise DataError(source, [problem])


_PLAIN: Final = json.JSONDecoder()
"""The C decoder with no hooks: what ``json.loads`` uses."""

_SCAN: Final[Callable[[str, int], tuple[Any, int]]] = json.scanner.make_scanner(
    _PLAIN  # type: ignore[arg-type]  # typeshed: the decoder is what it reads its options from
)
"""Its scanner: one JSON value at a position of a text, and where the value ends."""


class Unreadable(ValueError):
    """The text is not JSON the standard decoder reads (`decode` says why)."""


_CHUNK: Final = 1 << 22
"""How many bytes `Members` decodes at a time: 4 MiB."""

_MARGIN: Final = 3
"""How far inside the decoded text a value must end to be read before the next chunk.

A number may go on in the next chunk: the decoder reads "1.5" in "1.5e+" as
1.5, and it cannot stop more than two characters short of a longer number.
"""


class Items:
    """The elements of an array member of the top level, read one at a time.

    An iterator, made by `Members`: it must be read (or left) before the next
    member is, and `Members` skips what is left of it.
    """

    __slots__ = ("_done", "_first", "_reader")

    def __init__(self, reader: Members) -> None:
        self._reader = reader
        self._first = True
        self._done = False

    def __iter__(self) -> Items:
        return self

    def __next__(self) -> Any:
        if self._done:
            raise StopIteration
        reader = self._reader
        if not self._first:
            # The usual case, inline: a comma, then a value that ends well
            # inside the text decoded so far. Anything else takes the steps below.
            text = reader.text
            comma = _COMMA.match(text, reader.pos)
            if comma is not None:
                try:
                    found, end = _SCAN(text, comma.end())
                except (StopIteration, ValueError, RecursionError):
                    pass
                else:
                    if len(text) - end >= _MARGIN:
                        reader.pos = end
                        reader._chunk = reader._base
                        return found
        found = reader.skip()
        if self._first:
            self._first = False
            if found == "]":
                reader.pos += 1
                self._done = True
                raise StopIteration
        elif found == ",":
            reader.pos += 1
            reader.skip()
        elif found == "]":
            reader.pos += 1
            self._done = True
            raise StopIteration
        else:
            raise Unreadable("expected ',' or ']'")
        return reader.value()

    def close(self) -> None:
        """Read past what is left of the array."""
        for _ in self:
            pass


class Members:
    r"""The members of a JSON object text, as the standard decoder reads them, one by one.

    For the fast path of loading a large document: iterating yields each
    member of the top-level object as ``(key, value)``, where the value of an
    array is an `Items` iterator of its elements, decoded one at a time by the
    C decoder, so the whole document never exists as Python values at once
    (the caller builds records as it goes, and drops each element). Bytes are
    decoded as UTF-8 a chunk at a time (`_CHUNK`), so the text never exists
    whole either.

    What it accepts is what ``json.loads`` accepts of a top-level object, with
    the same leniency (``NaN``, infinite numbers and repeated keys inside the
    elements; see `members_plain`): a key repeated at the top level, or
    anything else, raises `Unreadable`, as does text that is not UTF-8.
    """

    __slots__ = ("_base", "_chunk", "_data", "_decoder", "_offset", "final", "pos", "text")

    def __init__(self, data: str | bytes, *, chunk: int = _CHUNK) -> None:
        self._data = b"" if isinstance(data, str) else data
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._offset = 0  # bytes of ``data`` decoded so far
        self._base = self._chunk = chunk
        self.text = ""  # the part of the text read and not yet left behind
        self.pos = 0  # where reading is, in ``text``
        self.final = False  # ``text`` runs to the end of the document
        if isinstance(data, str):
            self.text, self.final = data, True

    def more(self) -> bool:
        """Decode the next chunk onto the text not yet read; False at the end.

        Each call in a row without progress doubles the chunk, so a value
        longer than a chunk is decoded again only a logarithmic number of times.
        """
        if self.final:
            return False
        data, start = self._data, self._offset
        end = start + self._chunk
        piece = data[start:end]
        self._offset = end
        last = end >= len(data)
        try:
            decoded = self._decoder.decode(piece, final=last)
        except UnicodeDecodeError:
            raise Unreadable("the text is not UTF-8") from None
        self.text = self.text[self.pos :] + decoded
        self.pos = 0
        self.final = last
        self._chunk *= 2
        return True

    def skip(self) -> str:
        """Skip whitespace; the character after it ('' at the end), not consumed."""
        while True:
            found = _WS.match(self.text, self.pos)
            if found is not None:
                self.pos = found.end()
            if self.pos < len(self.text):
                self._chunk = self._base
                return self.text[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """The JSON value at the reading position, read past it."""
        while True:
            try:
                found, end = _SCAN(self.text, self.pos)
            except (StopIteration, ValueError, RecursionError):
                if self.more():
                    continue  # the value may run on into the next chunk
                raise Unreadable("not a JSON value") from None
            if len(self.text) - end < _MARGIN and self.more():
                continue  # a number may go on in the next chunk (see _MARGIN)
            self.pos = end
            self._chunk = self._base
            return found

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        if self.skip() != "{":
            raise Unreadable("the top level is not an object")
        self.pos += 1
        seen: set[str] = set()
        found = self.skip()
        if found == "}":
            self.pos += 1
        while found != "}":
            if found != '"':
                raise Unreadable("expected a key")
            key = self.value()
            if key in seen:
                raise Unreadable("a key given twice")
            seen.add(key)
            if self.skip() != ":":
                raise Unreadable("expected ':'")
            self.pos += 1
            if self.skip() == "[":
                self.pos += 1
                items = Items(self)
                yield key, items
                items.close()
            else:
                yield key, self.value()
            found = self.skip()
            self.pos += 1
            if found == ",":
                found = self.skip()
                if found == "}":
                    raise Unreadable("a comma before '}'")
            elif found != "}":
                raise Unreadable("expected ',' or '}'")
        if self.skip() != "":
            raise Unreadable("more after the top-level object")


def members_plain(data: str | bytes | bytearray | memoryview) -> tuple[Members, int] | None:
    r"""The members of a JSON object text, one by one (`Members`), and its count of ``:``.

    For the fast path of loading: the hooks of `decode` cost a Python call per
    object. Without them, ``NaN`` and infinite numbers come through as floats
    (the caller must refuse them) and a key repeated in one object collapses
    into one member, which the count reveals: the number of ``:`` in the text,
    plus the escapes that read as ``:`` (``\u003a`` or ``\u003A``, not after
    an escaped backslash as in ``\\u003a``).

    Every member of every object in the text has one ``:`` outside strings,
    and every other ``:`` of the decoded strings, keys included, is one of the
    text's or an escape. So if ``members`` is the number of members of the
    decoded objects and ``inside`` the number of ``:`` in the decoded strings,
    the count equals ``members + inside`` when no key is repeated, and a
    repeated key (one member fewer) makes it larger.

    Returns:
        The members and the count; None if ``data`` is bytes that start with
        a byte order mark (`decode` reports it). Reading the members raises
        `Unreadable` where the text is not UTF-8 JSON that the standard
        decoder reads as an object.

    """
    if isinstance(data, str):
        return Members(data), _colons(data)
    raw = bytes(data)
    if raw.startswith(_BOM):
        return None
    return Members(raw), _colons(raw)


def _colons(text: str | bytes) -> int:
    r"""The ``:`` of a text, and its escapes that read as ``:`` (see `members_plain`)."""
    if isinstance(text, bytes):
        count = text.count(b":")
        if b"\\" in text:  # a quick search: most texts have no escape at all
            count += _escaped_colons(text, b"\\", (b"u003a", b"u003A"))
        return count
    count = text.count(":")
    if "\\" in text:
        count += _escaped_colons(text, "\\", ("u003a", "u003A"))
    return count


_RUNS: Final = 10_000
"""How many runs of backslashes `_escaped_colons` reads one by one before it counts instead."""


def _escaped_colons(text: AnyStr, slash: AnyStr, escapes: tuple[AnyStr, AnyStr]) -> int:
    r"""The escapes ``\u003a`` and ``\u003A`` of a JSON text, which decode to ``:``.

    One is an odd run of backslashes before ``u003a``: in an even run every
    backslash is escaped (``\\u003a`` is a backslash, then ``u003a``). A text
    with more than `_RUNS` runs has its escapes counted instead, even runs
    included: a count too large (which only makes the caller take the
    detailed route), never too small.
    """
    found = runs = 0
    start = text.find(slash)
    while start >= 0:
        runs += 1
        if runs > _RUNS:
            return sum(text.count(slash + escape) for escape in escapes)
        end = start + 1
        while text[end : end + 1] == slash:
            end += 1
        if (end - start) % 2 and text[end : end + 5] in escapes:
            found += 1
        start = text.find(slash, end)
    return found


def _text(data: str | bytes | bytearray | memoryview, source: str) -> str:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if raw.startswith(_BOM):
            message = "the file starts with a byte-order mark; save it as UTF-8 without one"
            raise DataError(source, [Problem("$", message)])
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(source, [_not_utf8(raw, exc.start)]) from None
    if isinstance(data, str):
        if data.startswith("\ufeff"):
            message = "the text starts with a byte-order mark; remove it"
            raise DataError(source, [Problem("$", message)])
        return data
    raise ArgumentError(f"expected JSON as str or bytes, got {type(data).__name__}")


def _not_utf8(raw: bytes, start: int) -> Problem:
    """The problem of a byte that is not UTF-8: its offset, line and JSON path."""
    line = raw.count(b"\n", 0, start) + 1
    message = f"not valid UTF-8: byte {start} (line {line}) cannot be decoded"
    # Each undecodable byte becomes one lone surrogate, so the text keeps the
    # shape of the document, and the walk finds the value the byte sits in.
    text = raw.decode("utf-8", "surrogateescape")
    until = len(raw[:start].decode("utf-8"))
    spot = _walk(text, until=until)
    if spot is None or spot.pos < until:  # an earlier problem: no path for this one
        return Problem("$", message)
    return Problem(spot.path, message, spot.record_id)


def _locate(text: str, exc: BaseException) -> Problem:
    """The problem of a document the fast route refused, found by the walk."""
    spot = _walk(text, deep=isinstance(exc, RecursionError))
    if isinstance(exc, json.JSONDecodeError) and (spot is None or spot.syntax):
        # json's own words and position; the walk adds the path.
        words = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
        message = f"not valid JSON: {words} at line {exc.lineno}, column {exc.colno}"
        if spot is None:
            return Problem("$", message)
        return Problem(spot.path, message, spot.record_id)
    if spot is None:  # not expected: the walk finds what the decoder found
        if isinstance(exc, RecursionError):
            return Problem("$", _TOO_DEEP)
        if isinstance(exc, _Rejected):
            return Problem("$", str(exc))
        return Problem("$", f"not valid JSON: {exc}")
    message = spot.message
    if spot.syntax:
        message = f"not valid JSON: {message}"
    line, column = _position(text, spot.pos)
    return Problem(spot.path, f"{message} (line {line}, column {column})", spot.record_id)


def _position(text: str, pos: int) -> tuple[int, int]:
    """The line and column (both from 1) of an offset, counted as `json` does."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - text.rfind("\n", 0, pos)


def _step(key: str) -> str:
    """The step of a JSON path to an object's member."""
    if _NAME.fullmatch(key):
        return f".{key}"
    return f"[{json.dumps(key)}]"


def _too_long(text: str, pos: int) -> str:
    match = _DIGITS.match(text, pos)
    digits = len(match.group(1)) if match else 0
    limit = sys.get_int_max_str_digits()
    return f"not valid JSON: an integer of {digits} digits, more than the {limit} this reader takes"


@attrs.frozen
class _Spot:
    """Where the walk stopped: the first offending token."""

    path: str
    pos: int
    message: str
    syntax: bool = False
    record_id: str | None = None


@attrs.define
class _Frame:
    """An open container of the walk."""

    path: str
    start: int
    closer: str
    deep: bool
    keys: set[str] | None
    count: int = 0
    record: bool = False
    record_id: str | None = None


def _walk(text: str, *, deep: bool = False, until: int | None = None) -> _Spot | None:
    """The first offending token of ``text``, with its JSON path and offset.

    Containers are decoded whole by the C decoder where they can be, and walked
    member by member only when that fails, so the walk stops in the innermost
    value that holds the problem. A container too deep for the C decoder is
    walked into, and reported at depth `_DEPTH` (or where its chain ends).

    Args:
        text: The document.
        deep: The whole document is too deep for the C decoder.
        until: Stop at the value that holds this offset (a byte that is not
            UTF-8), whatever it is.

    Returns:
        The spot, or None if the document has no problem (before ``until``).

    """
    match_ws = _WS.match

    def ws(pos: int) -> int:
        """Where the whitespace from ``pos`` ends."""
        found = match_ws(text, pos)
        return found.end() if found else pos

    raw_decode = _decoder().raw_decode
    stack: list[_Frame] = []

    def spot(path: str, pos: int, message: str, *, syntax: bool = False) -> _Spot:
        record = stack[2] if len(stack) > 2 and stack[2].record else None
        return _Spot(path, pos, message, syntax, record.record_id if record else None)

    def member(frame: _Frame, keys: set[str], pos: int) -> _Spot | tuple[str, str, int]:
        """The key at ``pos``: the path of its value, the key, and where the value starts."""
        if text[pos : pos + 1] != '"':
            message = "Expecting property name enclosed in double quotes"
            return spot(frame.path, pos, message, syntax=True)
        try:
            key, end = raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            return spot(frame.path, exc.pos, exc.msg, syntax=True)
        if until is not None and end > until:
            return spot(frame.path, until, "")
        if key in keys:
            return spot(frame.path, pos, _twice(key))
        keys.add(key)
        colon = ws(end)
        if text[colon : colon + 1] != ":":
            return spot(frame.path, colon, "Expecting ':' delimiter", syntax=True)
        return frame.path + _step(key), key, ws(colon + 1)

    path, key, pos = "$", "", ws(0)
    while True:
        # A value starts at pos: skip it whole, or open it.
        char = text[pos : pos + 1]
        if char in ("{", "["):
            parent = stack[-1] if stack else None
            too_deep, whole = deep and parent is None, False
            if parent is not None and (parent.deep or len(stack) < _DEPTH):
                try:
                    _, end = raw_decode(text, pos)
                except RecursionError:
                    too_deep = True
                except ValueError:
                    pass
                else:
                    whole = until is None or end <= until
            if whole:
                pos = end
            else:
                if too_deep and len(stack) >= _DEPTH:
                    return spot(path, pos, _TOO_DEEP)
                is_object = char == "{"
                record = is_object and [f.closer for f in stack] == ["}", "]"]
                keys: set[str] | None = set() if is_object else None
                frame = _Frame(path, pos, "}" if is_object else "]", too_deep, keys, record=record)
                stack.append(frame)
                first = ws(pos + 1)
                if text[first : first + 1] == frame.closer:
                    pos = first  # empty: the loop below closes it
                elif keys is not None:
                    found = member(frame, keys, first)
                    if isinstance(found, _Spot):
                        return found
                    path, key, pos = found
                    continue
                else:
                    path, key, pos = f"{path}[0]", "", first
                    continue
        else:
            try:
                value, end = raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                return spot(path, exc.pos, exc.msg, syntax=True)
            except _Rejected as exc:
                return spot(path, pos, str(exc))
            except ValueError:  # an integer with more digits than Python converts
                return spot(path, pos, _too_long(text, pos))
            if until is not None and end > until:
                return spot(path, until, "")
            if key == "id" and isinstance(value, str) and stack and stack[-1].record:
                stack[-1].record_id = value
            pos = end
        # After a value: close containers, or find where the next value starts.
        while True:
            if not stack:
                pos = ws(pos)
                if pos != len(text):
                    return spot("$", pos, "Extra data", syntax=True)
                return None
            frame = stack[-1]
            pos = ws(pos)
            char = text[pos : pos + 1]
            if char == frame.closer:
                if frame.deep:  # every member decodes, yet the whole does not
                    return spot(frame.path, frame.start, _TOO_DEEP)
                stack.pop()
                pos += 1
                continue
            if char != ",":
                return spot(frame.path, pos, "Expecting ',' delimiter", syntax=True)
            pos = ws(pos + 1)
            if frame.keys is not None:
                found = member(frame, frame.keys, pos)
                if isinstance(found, _Spot):
                    return found
                path, key, pos = found
            else:
                frame.count += 1
                path, key = f"{frame.path}[{frame.count}]", ""
            break


def record_id(raw: Any, path: str) -> str | None:
    """The id of the outermost record at ``path`` in the raw document, if any.

    The record is the item of a top-level array (``$.meetings[3]``, for any
    path below it) and its id the item's ``"id"`` string.
    """
    match = _RECORD.match(path)
    if match is None:
        return None
    section, index = match.groups()
    try:
        record = raw[section][int(index)]
        found = record.get("id")
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        return None
    return found if isinstance(found, str) else None
