"""Adversarial shapes: inputs built to make a check, an index or a look-up slow.

    PYTHONPATH=src python benchmarks/adversarial.py [--repeat 3] [--quick]

Each shape is a small valid dataset file with one pathological feature at the
size where version 0.1 took seconds (a quadratic step): a chain of places each
inside the last, one date with thousands of claims, thousands of people of one
name, and a few more of the same kind. For each, the steps are timed in this
process, the median of ``--repeat`` runs, on a dataset loaded afresh for every
run (so the first look-up builds its index each time); the load pauses the
garbage collector as ``sr.load_file`` always does. The table shows each step
beside its target, one second. ``--quick`` runs every shape at a tenth of its
size once: the CI smoke test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
try:
    import sinorussia as sr
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(HERE.parent / "src"))
    import sinorussia as sr

TARGET = 1.0
"""Seconds: every step of every shape must take less."""

_CITE = {"basis": "stated", "document": "doc", "paragraphs": [1]}


def _base() -> dict[str, Any]:
    return {
        "format": sr.FORMAT,
        "version": "adversarial",
        "documents": [
            {
                "id": "doc",
                "title": "A document",
                "language": "en",
                "paragraphs": 1,
                "sha256": "0" * 64,
            }
        ],
        "countries": [
            {"id": "aa", "citations": [_CITE], "name": "Aland"},
            {"id": "bb", "citations": [_CITE], "name": "Boland"},
        ],
    }


def places_chain(n: int) -> dict[str, Any]:
    """N places, each inside the one before: the containment check walks a chain of N."""
    raw = _base()
    raw["places"] = [
        {
            "id": f"p{i}",
            "citations": [_CITE],
            "name": f"Place {i}",
            "kind": "region",
            "within": "aa" if i == 0 else f"p{i - 1}",
        }
        for i in range(n)
    ]
    return raw


def claims_one_date(n: int) -> dict[str, Any]:
    """One meeting whose date has N claims: the agreement check must not compare pairs."""
    raw = _base()
    claims = [{"value": "2020", "citation": _CITE} for _ in range(n)]
    raw["meetings"] = [
        {
            "id": "m",
            "citations": [_CITE],
            "title": "A meeting",
            "kind": "talks",
            "participants": [{"who": "aa"}, {"who": "bb"}],
            "date": claims,
        }
    ]
    return raw


def people_one_name(n: int) -> dict[str, Any]:
    """N people of one name: the name index must not be quadratic in a crowded key."""
    raw = _base()
    raw["people"] = [
        {"id": f"ivan-{i}", "citations": [_CITE], "name": "Ivan Petrov", "nationality": "aa"}
        for i in range(n)
    ]
    return raw


def offices_one_person(n: int) -> dict[str, Any]:
    """One person holding one post N times, one year after another."""
    raw = _base()
    raw["people"] = [{"id": "boss", "citations": [_CITE], "name": "Boss"}]
    raw["offices"] = [
        {
            "id": f"term-{i}",
            "citations": [_CITE],
            "person": "boss",
            "post": "Chair",
            "role": "other",
            "organisation": "aa",
            "status": "ended",
            "start": [{"value": f"{1000 + i:04d}-01", "citation": _CITE}],
            "end": [{"value": f"{1000 + i:04d}-06", "citation": _CITE}],
        }
        for i in range(n)
    ]
    return raw


def one_wide_meeting(n: int) -> dict[str, Any]:
    """One meeting of N participants, and one statement about N records."""
    raw = people_one_name(n)
    raw["meetings"] = [
        {
            "id": "m",
            "citations": [_CITE],
            "title": "A crowded meeting",
            "kind": "summit",
            "participants": [{"who": f"ivan-{i}"} for i in range(n)],
        }
    ]
    raw["statements"] = [
        {
            "id": "s",
            "citations": [_CITE],
            "kind": "claim",
            "text": "About everyone.",
            "about": [f"ivan-{i}" for i in range(n)],
        }
    ]
    return raw


Step = tuple[str, Callable[[Path], None]]


def _load(path: Path) -> None:
    sr.load_file(path)


def _lookup(path: Path) -> None:
    ds = sr.load_file(path)
    started = time.perf_counter()
    with contextlib.suppress(sr.Ambiguous):
        ds.people.lookup("Ivan Petrov")
    _LAST[0] = time.perf_counter() - started


def _search(path: Path) -> None:
    ds = sr.load_file(path)
    started = time.perf_counter()
    ds.people.search("Ivan Petrov", limit=10)
    _LAST[0] = time.perf_counter() - started


def _involving(path: Path) -> None:
    ds = sr.load_file(path)
    started = time.perf_counter()
    len(ds.meetings.involving("ivan-7"))
    _LAST[0] = time.perf_counter() - started


_LAST = [0.0]
"""Steps that time only part of their work (after a load) leave the time here."""

SHAPES: list[
    tuple[str, Callable[[int], dict[str, Any]], int, list[tuple[str, Callable[[Path], None], bool]]]
] = [
    ("places chained by `within`", places_chain, 20_000, [("load", _load, False)]),
    ("claims on one date", claims_one_date, 12_000, [("load", _load, False)]),
    (
        "people sharing one name",
        people_one_name,
        40_000,
        [("load", _load, False), ("first look-up", _lookup, True), ("first search", _search, True)],
    ),
    ("terms of one office by one person", offices_one_person, 5_000, [("load", _load, False)]),
    (
        "participants of one meeting",
        one_wide_meeting,
        20_000,
        [("load", _load, False), ("first `involving`", _involving, True)],
    ),
]


def measure(repeat: int, scale: float) -> list[tuple[str, int, str, float]]:
    """Every step of every shape: (shape, size, step, median seconds)."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, build, size, steps in SHAPES:
            n = max(10, int(size * scale))
            path = Path(folder) / "shape.json"
            path.write_text(json.dumps(build(n)), encoding="utf-8")
            for step, run, partial in steps:
                times = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    run(path)
                    times.append(_LAST[0] if partial else time.perf_counter() - started)
                rows.append((name, n, step, statistics.median(times)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (median)")
    parser.add_argument("--quick", action="store_true", help="a tenth of each size, one run")
    args = parser.parse_args(argv)
    rows = measure(1 if args.quick else args.repeat, 0.1 if args.quick else 1.0)
    print("| Shape | N | Step | Median | Target | Met? |")
    print("|---|---|---|---|---|---|")
    missed = 0
    for name, n, step, seconds in rows:
        met = seconds < TARGET
        missed += not met
        verdict = "yes" if met else "no"
        print(f"| {name} | {n:,} | {step} | {seconds * 1000:,.0f} ms | < 1 s | {verdict} |")
    print(f"\n{len(rows) - missed} of {len(rows)} steps under {TARGET:.0f} s.")
    return 0 if missed == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
