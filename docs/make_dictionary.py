"""Make the generated tables of the data dictionary (docs/data.md) from the model.

Run: python docs/make_dictionary.py

The page marks each generated block with HTML comments::

    <!-- generated: fields Office -->
    ...
    <!-- end generated -->

The script replaces what lies between the two comments and leaves everything
else, the hand-written prose, as it is. The blocks are:

- ``keys``: the keys of a dataset file, one row per section of ``SECTIONS``;
- ``references``: every reference field and the classes it may refer to;
- ``fields Name``: the fields of a record class or nested type, from its attrs
  fields, their types and validators, and their metadata descriptions;
- ``values Name``: the values of a vocabulary, with the CAMEO and PLOVER
  columns of the coded ones. The model has no text for single values, so the
  Meaning cells are the page's own: they are kept, matched by value, and a new
  value gets an empty cell to fill in;
- ``counts``: the records of each section of the bundled dataset.

Every class and vocabulary must have its block; the script fails otherwise.
"""

from __future__ import annotations

import enum
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

import sinorussia as sr
from sinorussia import _model
from sinorussia._dataset import SECTIONS
from sinorussia._fields import (
    AtLeast,
    Each,
    IsId,
    Matches,
    NonEmpty,
    Unique,
    Validator,
    describe,
)
from sinorussia._load import FORMATS_READ
from sinorussia._plan import Step, plan

PAGE = Path(__file__).parent / "data.md"

BEGIN = re.compile(r"<!-- generated: (?P<what>[a-z]+)(?: (?P<name>\w+))? -->")
END = "<!-- end generated -->"
NONE = "—"
"""How a table writes a code that does not exist."""


_CODES = {
    "CAMEO": "cameo",
    "PLOVER type": "plover",
    "PLOVER mode": "plover_mode",
    "PLOVER context": "plover_context",
}
"""The code columns of a vocabulary, and the properties they show."""


# -- what the page describes ------------------------------------------------------


def classes() -> list[type[Any]]:
    """Every record class and nested type the model exports, in its order."""
    return [
        value
        for name in _model.__all__
        if isinstance(value := getattr(_model, name), type) and attrs.has(value)
    ]


def vocabularies() -> list[type[enum.Enum]]:
    """Every enum the package exports."""
    return [
        value
        for name in sr.__all__
        if isinstance(value := getattr(sr, name), type) and issubclass(value, enum.Enum)
    ]


def _spelling(member: enum.Enum) -> str:
    """A value as JSON writes it, or a Python-only member's name."""
    return member.value if isinstance(member, str) else member.name


def _link(name: str) -> str:
    return f"[`{name}`](#{name.lower()})"


def _either(names: Sequence[str]) -> str:
    """``A``, ``A or B``, ``A, B or C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _row(cells: Iterable[str]) -> str:
    cells = list(cells)
    for cell in cells:
        if "|" in cell or "\n" in cell:
            raise ValueError(f"a table cell may not hold '|' or a line break: {cell!r}")
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    return [_row(header), "|" + "---|" * len(header), *(_row(row) for row in rows)]


# -- field tables -------------------------------------------------------------


def _rules(validator: object) -> list[str]:
    """What a field's validators demand, in words (ids and texts: see the legend)."""
    if validator is None or not isinstance(validator, Validator):
        return []
    parts = getattr(validator, "parts", None)  # several validators in one
    if parts is not None:
        return [rule for part in parts for rule in _rules(part)]
    if isinstance(validator, Each):
        return [f"each {rule}" for rule in _rules(validator.item)]
    if isinstance(validator, AtLeast):
        return [f"at least {validator.minimum}"]
    if isinstance(validator, NonEmpty):
        return ["at least one"]
    if isinstance(validator, Unique):
        return ["no repeats"]
    if isinstance(validator, Matches):
        return [f"{validator.what} (`{validator.regex.pattern}`)"]
    return []


def _plain_type(hint: Any) -> str:
    """A value's JSON type: ``string``, ``string from V``, ``[X](#x) object`` ..."""
    args = set(getattr(hint, "__args__", ()))
    if args == {sr.PartialDate, sr.DateInterval}:
        return "string (EDTF)"
    if args == {int, float}:
        return "number"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return f"string from {_link(hint.__name__)}"
    if isinstance(hint, type) and attrs.has(hint):
        return f"{_link(hint.__name__)} object"
    plain = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in plain:
        return plain[hint]
    raise TypeError(f"no JSON type for {hint!r}")


def _targets(step: Step) -> str:
    if step.target_names == ("*",):
        return "any record"
    return _either([_link(name) for name in step.target_names])


def json_type(step: Step) -> str:
    """The JSON type cell of a field."""
    kind = step.kind
    if kind == "ref":
        text = f"id of {_targets(step)}"
    elif kind == "refs":
        text = f"array of ids of {_targets(step)}"
    elif kind == "dating":
        text = f"EDTF date list ({_link('Dating')})"
    elif kind in ("citations", "nested"):
        text = f"array of {_link(step.item.__name__)} objects"
    elif step.item is not None:
        text = f"array of {_plain_type(step.item)}"
    else:
        text = _plain_type(step.hint)
        if text == "string" and isinstance(step.field.validator, IsId):
            text = "string (an id)"
    if step.optional and step.field.default is not None:
        text += " or `null`"
    return ", ".join([text, *_rules(step.field.validator)])


def _default(value: object) -> str:
    return str(value.value) if isinstance(value, enum.Enum) else json.dumps(value)


def _meaning(cls: type[Any], field: attrs.Attribute[Any]) -> str:
    text = describe(field)
    if not text:
        raise ValueError(f"{cls.__name__}.{field.name} has no description in its metadata")
    return text


def fields_table(cls: type[Any]) -> list[str]:
    """The field table of a record class or nested type."""
    steps = {step.name: step for step in plan(cls)}
    rows = []
    for field in attrs.fields(cls):
        if not field.init:
            kind, default = "not written (computed)", "computed"
        else:
            step = steps[field.name]
            kind = json_type(step)
            default = f"default `{_default(field.default)}`" if step.has_default else "required"
        rows.append((f"`{field.name}`", kind, default, _meaning(cls, field)))
    return _table(("Field", "JSON type", "Required / default", "Meaning"), rows)


def references_table() -> list[str]:
    """Every reference field that a class declares (not inherits), with its targets.

    The record classes come in file order, then the nested types.
    """
    everything = classes()
    in_files = [section.cls for section in SECTIONS]
    rows = []
    for cls in [*in_files, *(cls for cls in everything if cls not in in_files)]:
        inherited = {
            field.name for base in cls.__bases__ if attrs.has(base) for field in attrs.fields(base)
        }
        heirs = [
            other.__name__ for other in everything if other is not cls and cls in other.__mro__
        ]
        for step in plan(cls):
            if not step.target_names or step.name in inherited:
                continue
            holds = (
                "array of ids"
                if step.kind == "refs"
                else f"one id, {'optional' if step.has_default else 'required'}"
            )
            if heirs:
                holds += f" (also on {', '.join(f'`{name}`' for name in heirs)})"
            targets = (
                "any record (`*`)"
                if step.target_names == ("*",)
                else ", ".join(f"`{name}`" for name in step.target_names)
            )
            rows.append((f"`{cls.__name__}.{step.name}`", holds, targets))
    return _table(("Field", "Holds", "May refer to"), rows)


# -- the file, the vocabularies, the counts -------------------------------------


def keys_table() -> list[str]:
    """The keys of a dataset file: ``format``, ``version``, then one per section."""
    others = [f"`{number}`" for number in FORMATS_READ if number != sr.FORMAT]
    read = f" and also reads format {_either(others)}" if others else ""
    rows = [
        (
            "`format`",
            "integer",
            "required",
            f"The version of the file format. This library writes format `{sr.FORMAT}`"
            f" (`sr.FORMAT`){read}; any other value is rejected.",
        ),
        (
            "`version`",
            "string",
            "required",
            "The version of the data, not of the library"
            f" (the bundled file is `{sr.load().version}`).",
        ),
    ]
    for section in SECTIONS:
        rows.append(
            (
                f"`{section.name}`",
                f"array of {_link(section.cls.__name__)} objects",
                "default `[]`",
                section.description.replace("``", "`"),
            )
        )
    return _table(("Key", "JSON type", "Required / default", "Meaning"), rows)


def _old_meanings(old: Sequence[str]) -> dict[str, str]:
    """The Meaning cells of a values table, by value."""
    rows = [line for line in old if line.startswith("|")]
    if len(rows) < 2:
        return {}
    header = [cell.strip() for cell in rows[0].strip().strip("|").split("|")]
    found = {}
    for line in rows[2:]:
        cells = dict(
            zip(header, (c.strip() for c in line.strip().strip("|").split("|")), strict=True)
        )
        found[cells.get("Value", "").strip("`")] = cells.get("Meaning", "")
    return found


def values_table(vocabulary: type[enum.Enum], old: Sequence[str] = ()) -> list[str]:
    """The values of a vocabulary, with its codes; the Meaning cells come from ``old``."""
    meanings = _old_meanings(old)
    codes = {column: name for column, name in _CODES.items() if hasattr(vocabulary, name)}
    rows = []
    for member in vocabulary:
        value = _spelling(member)
        cells = [f"`{value}`", meanings.get(value, "")]
        for name in codes.values():
            code = getattr(member, name)
            cells.append(NONE if code is None else f"`{code}`")
        rows.append(cells)
    return _table(("Value", "Meaning", *codes), rows)


def counts_table() -> list[str]:
    """How many records each section of the bundled dataset holds."""
    ds = sr.load()
    counts = ds.counts()
    rows = [
        (f"`{section.name}`", f"`{section.cls.__name__}`", str(counts[section.name]))
        for section in SECTIONS
    ]
    rows.append(("**Total**", "", f"**{len(ds)}**"))
    return _table(("Section", "Class", "Records"), rows)


# -- the page -----------------------------------------------------------------


Maker = Callable[[Sequence[str]], list[str]]
"""What makes a block's new lines from its old ones."""


def _makers() -> dict[tuple[str, str | None], Maker]:
    """What makes each block the page must have, by (kind, name)."""
    makers: dict[tuple[str, str | None], Maker] = {
        ("keys", None): lambda old: keys_table(),
        ("references", None): lambda old: references_table(),
        ("counts", None): lambda old: counts_table(),
    }
    for cls in classes():
        makers["fields", cls.__name__] = functools.partial(_fields_block, cls)
    for vocabulary in vocabularies():
        makers["values", vocabulary.__name__] = functools.partial(values_table, vocabulary)
    return makers


def _fields_block(cls: type[Any], old: Sequence[str]) -> list[str]:
    return fields_table(cls)


def render(page: str) -> str:
    """``page`` with every generated block made afresh from the model.

    Raises:
        ValueError: A block is unknown, repeated, unclosed or missing.

    """
    makers = _makers()
    lines = page.splitlines()
    out: list[str] = []
    seen: set[tuple[str, str | None]] = set()
    index = 0
    while index < len(lines):
        line = lines[index]
        match = BEGIN.fullmatch(line)
        if match is None:
            if line == END:
                raise ValueError(f"line {index + 1}: {END} without a block to end")
            out.append(line)
            index += 1
            continue
        key = (match["what"], match["name"])
        if key not in makers:
            raise ValueError(f"line {index + 1}: no such generated block: {line}")
        if key in seen:
            raise ValueError(f"line {index + 1}: the block is there twice: {line}")
        seen.add(key)
        try:
            end = lines.index(END, index + 1)
        except ValueError:
            raise ValueError(f"line {index + 1}: {line} has no {END}") from None
        old = lines[index + 1 : end]
        if any(BEGIN.fullmatch(inner) for inner in old):
            raise ValueError(f"line {index + 1}: {line} has another block inside it")
        out.extend([line, "", *makers[key](old), "", END])
        index = end + 1
    missing = [" ".join(filter(None, key)) for key in makers if key not in seen]
    if missing:
        raise ValueError(
            "the page has no block for: "
            + ", ".join(missing)
            + " (add a heading and <!-- generated: ... --> / <!-- end generated --> for each)"
        )
    return "\n".join(out) + "\n"


def generate(path: Path = PAGE) -> str:
    """The text the page at ``path`` should have: its blocks regenerated."""
    return render(path.read_text(encoding="utf-8"))


def main() -> None:
    """Regenerate the blocks of docs/data.md, and name values still without a meaning."""
    text = generate()
    if text != PAGE.read_text(encoding="utf-8"):
        PAGE.write_text(text, encoding="utf-8")
        print(f"updated {PAGE}")
    else:
        print(f"{PAGE} is up to date")
    for line in text.splitlines():
        if re.fullmatch(r"\| `[^`]+` \|  \|.*", line):
            print(f"a value needs its meaning written: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
