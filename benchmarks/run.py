"""Benchmarks of sinorussia against the obvious alternatives, as one markdown table.

    PYTHONPATH=src python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 5]
        [--scale 1000000] [--quick]

Every figure is the median of ``--repeat`` runs (cold start: 4x as many);
alternatives are measured side by side in the same run, their repeats
interleaved. Sections 2 to 5 use the largest size; the queries (3) and the
scaling (6) use the skewed variant of the generated data (a few people in most
meetings), loading (2), dumps (4) and memory (5) the uniform one.

How things are timed:

* cold start: whole ``python -c`` processes, wall clock, bytecode cached;
* loads and dumps: in a fresh process each (``--worker``), bytecode cached; the part spent in
  garbage collection is reported. ``sr.load_file`` pauses the cyclic
  collector itself while it builds the records, so every baseline it is
  compared with runs with the collector paused too (``-no-gc`` tasks): the
  ratios compare the work, not the collector. The baselines with the
  collector on are printed as diagnostics;
* queries: in this process, on a dataset loaded beforehand, ``timeit`` style
  (enough calls per sample to last 50 ms, collector off during a sample). The
  first query on a fresh dataset, which builds the indexes it needs, is timed
  apart, in the fresh load processes. Before anything is timed, every
  implementation must give the same ids for every query;
* memory: ``tracemalloc``, bytes still held once the call returns;
* at scale (``--scale N``, section 7): the peak resident memory of a fresh
  process that loads N meetings, the first query, and the participant queries
  against pandas. tracemalloc and the other baselines would take too long there.

``--quick`` is the CI smoke test: N = 1000 only, one repeat, 5 ms samples.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Final, Literal

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
try:
    import sinorussia as sr
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(ROOT / "src"))
    import sinorussia as sr

import msgspec  # noqa: E402
import pydantic  # noqa: E402
from generate import dumps as generated_text  # noqa: E402
from generate import generate  # noqa: E402

from sinorussia._names import key as name_key  # noqa: E402

# -- what is queried ----------------------------------------------------------

PERSON = "xi-jinping"  # one of the frequent people of the skewed variant
YEAR = 2020
# Participant + period queries of three sizes, each with its own target: the
# participant is picked from the data (untimed), the one whose hits in the period
# come nearest the size wanted (at 100k skewed meetings: about 10 and about
# 1,000), and the broad query is one leader over all time.
PARTICIPANT_QUERIES: dict[str, tuple[int | None, str | None, str, float]] = {
    # name: (hits wanted, or None for PERSON; period; target; least speed-up over pandas)
    "participant+period, selective": (10, "2020", "≥ 20x faster than pandas", 20.0),
    "participant+period, medium": (1_000, "2018/2020", "≥ 20x faster than pandas", 20.0),
    "participant, broad": (None, None, "≥ 2x faster than pandas", 2.0),
}


_PICKED: dict[int, tuple[sr.Meeting, dict[str, tuple[str, str | None]]]] = {}


def _picked(ds: sr.Dataset) -> dict[str, tuple[str, str | None]]:
    """Each participant query's (who, period), chosen by a scan of the meetings.

    Once for each set of records: datasets made of the same records (see
    `_unindexed`) share the choice.
    """
    first = ds.meetings[0]
    known = _PICKED.get(id(first))
    if known is not None and known[0] is first:
        return known[1]
    found: dict[str, tuple[str, str | None]] = {}
    for name, (wanted, period, _, _) in PARTICIPANT_QUERIES.items():
        if wanted is None or period is None:
            found[name] = (PERSON, period)
            continue
        when = sr.parse_edtf(period)
        counts: dict[str, int] = {}
        for meeting in ds.meetings:
            if meeting.date is not None and meeting.date.overlaps(when):
                for who in {p.who for p in meeting.participants}:
                    counts[who] = counts.get(who, 0) + 1
        who = min(counts, key=lambda w: (abs(counts[w] - wanted), w))
        found[name] = (who, period)
    _PICKED[id(first)] = (first, found)
    return found


PLACE = "russia-region-1"  # a region: its cities and their sites lie inside it
KIND = "summit"
ALIAS = "Сергей Лавров"  # Sergei Lavrov's Cyrillic alias


def _participant_code(who: str, period: str | None) -> str:
    during = "" if period is None else f'.during("{period}")'
    return f'meetings.involving("{who}"){during}'


QUERIES: tuple[tuple[str, str], ...] = (
    *((name, "") for name in PARTICIPANT_QUERIES),  # their code depends on the data
    ("place", f'meetings.at("{PLACE}")'),
    ("kind", f'meetings.of_kind("{KIND}")'),
    ("alias look-up", f'leaders.lookup("{ALIAS}")'),
)

# -- timing ---------------------------------------------------------------------


def _once(fn: Callable[[], object], loops: int, *, micro: bool) -> float:
    """Seconds per call, over ``loops`` calls.

    A micro sample (a query) runs with the garbage collector off, as ``timeit``
    does, so a collection of the whole heap started by some unrelated
    allocation does not land in one sample; a macro sample (a load) runs as
    users run it, collector on, after a full collection.
    """
    if micro:
        gc.disable()
    else:
        gc.collect()
    try:
        start = time.perf_counter()
        for _ in range(loops):
            result = fn()
        elapsed = time.perf_counter() - start
    finally:
        gc.enable()
    del result
    return elapsed / loops


def _loops(fn: Callable[[], object], min_sample: float) -> int:
    """How many calls make one sample last at least ``min_sample`` seconds."""
    loops = 1
    while True:
        elapsed = _once(fn, loops, micro=True) * loops
        if elapsed >= min_sample or loops >= 1_000_000:
            return loops
        loops = max(loops * 2, min(loops * 10, int(loops * min_sample / max(elapsed, 1e-9)) + 1))


def side_by_side(
    fns: dict[str, Callable[[], object]], repeat: int, *, min_sample: float = 0.0
) -> dict[str, float]:
    """Median seconds per call of each function, their repeats interleaved.

    With ``min_sample`` the functions are micro benchmarks: each sample makes
    enough calls to last that long (see ``_once``).
    """
    micro = min_sample > 0
    gc.collect()
    loops = {name: _loops(fn, min_sample) if micro else 1 for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for run in range(repeat):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            samples[name].append(_once(fns[name], loops[name], micro=micro))
    return {name: statistics.median(values) for name, values in samples.items()}


def traced(fn: Callable[[], object]) -> tuple[object, int, int]:
    """The result of ``fn`` and the bytes it keeps and peaks at (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, current, peak


# -- fresh processes for the big, allocating steps ------------------------------
#
# Loading 100k records makes millions of objects, and CPython's cyclic garbage
# collector then costs more than the parsing; how much depends on what else the
# heap holds. So every load and dump is timed in a fresh process, as a user's
# script would run it: the process imports, prepares (untimed), collects, and
# times the one call with the collector on, reporting the seconds and the part
# of them spent in garbage collection.


def _tasks() -> dict[str, tuple[Callable[[Path], Any], Callable[[Any], object]]]:
    """Task name -> (untimed preparation of the path, the timed call)."""
    return {
        "load:sinorussia": (lambda path: path, sr.load_file),
        "load:json": (lambda path: path, lambda path: json.loads(path.read_bytes())),
        "load:json-no-gc": (lambda path: path, lambda path: json.loads(path.read_bytes())),
        "load:msgspec-no-gc": (
            lambda path: path,
            lambda path: _MSGSPEC.decode(path.read_bytes()),
        ),
        "load:pydantic-no-gc": (
            lambda path: path,
            lambda path: PFile.model_validate_json(path.read_bytes()),
        ),
        "load:pandas": (_import_pandas, _pandas_load),
        "dumps:sinorussia": (sr.load_file, sr.dumps),
        "dumps:json": (
            lambda path: json.loads(path.read_bytes()),
            lambda raw: json.dumps(raw, ensure_ascii=False, indent=2),
        ),
        "first": (lambda path: path, sr.load_file),
        "peak:sinorussia": (lambda path: path, _load_large),
        "peak:json": (lambda path: path, lambda path: json.loads(path.read_bytes())),
        # GC debt: the same work right after a load, and on a dataset whose
        # objects the collector has already seen (loaded "long before").
        "after:fresh": (sr.load_file, _work_after_load),
        "after:settled": (_load_settled, _work_after_load),
    }


def _peak_resident() -> int:
    """This process's peak resident memory, in bytes.

    ``VmHWM`` of ``/proc/self/status`` on Linux: ``getrusage``'s ``ru_maxrss``
    would count the parent's peak too, as it survives ``exec``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes there, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _load_large(path: Path) -> sr.Dataset:
    """``sr.load_file`` of a file larger than its default ``max_bytes`` (256 MiB)."""
    return sr.load_file(path, max_bytes=path.stat().st_size)


def _load_settled(path: Path) -> sr.Dataset:
    ds = sr.load_file(path)
    gc.collect()
    return ds


def _work_after_load(ds: sr.Dataset) -> object:
    """What a script does next: the first queries, then a CSV export (rendered, not written)."""
    from sinorussia._export import render

    first_queries(ds)
    return render(ds, format="csv")


def _import_pandas(path: Path) -> Path:
    import pandas  # noqa: F401  (imported before the clock starts)

    return path


def _pandas_load(path: Path) -> object:
    import pandas as pd

    return pd.DataFrame(json.loads(path.read_bytes())["meetings"])


def worker(task: str, path: Path) -> dict[str, Any]:
    """Run one task in this (fresh) process and report its timings."""
    prepare, call = _tasks()[task]
    argument = prepare(path)
    spent = {"gc": 0.0, "start": 0.0}

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        now = time.perf_counter()
        if phase == "start":
            spent["start"] = now
        else:
            spent["gc"] += now - spent["start"]

    if not task.startswith("after:"):  # those measure what the load leaves to the collector
        gc.collect()
    if task.endswith("-no-gc"):
        gc.disable()
    gc.callbacks.append(on_gc)
    start = time.perf_counter()
    result = call(argument)
    elapsed = time.perf_counter() - start
    gc.callbacks.remove(on_gc)
    gc.enable()
    report: dict[str, Any] = {"seconds": elapsed, "gc": spent["gc"]}
    if task.startswith("peak:"):
        report["peak"] = _peak_resident()
    if task == "first":
        assert isinstance(result, sr.Dataset)
        report["first"] = first_queries(result, fresh=True)
    return report


def _process_env() -> dict[str, str]:
    """The environment of a new interpreter: this checkout's package first, bytecode cached.

    An installed package has its bytecode compiled (pip writes it), but a
    checkout run with ``PYTHONDONTWRITEBYTECODE`` compiles every module of
    the library from source in each process, and some only at the first
    load: that would be timed as part of the load. So, during `run`, the
    bytecode goes to a temporary ``PYTHONPYCACHEPREFIX``, written once by
    `bytecode_cached` before anything is timed.
    """
    env = dict(os.environ)
    package_parent = str(Path(sr.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (package_parent, env.get("PYTHONPATH"))))
    if _PYCACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = _PYCACHE[-1]
    return env


_PYCACHE: list[str] = []
"""The bytecode folder of the new interpreters, while `bytecode_cached` holds one."""


@contextlib.contextmanager
def bytecode_cached() -> Iterator[str]:
    """A temporary bytecode folder for the new interpreters, with the library compiled in it."""
    with tempfile.TemporaryDirectory(prefix="sinorussia-pyc-") as cache:
        _PYCACHE.append(cache)
        try:
            package = str(Path(sr.__file__).resolve().parent)
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", package],
                env=_process_env(),
                check=True,
            )
            yield cache
        finally:
            _PYCACHE.pop()


def in_process(task: str, path: Path) -> dict[str, Any]:
    """The report of ``worker`` run in a new interpreter (see `_process_env`)."""
    env = _process_env()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", task, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"worker {task} failed:\n{done.stderr}")
    report: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return report


@dataclass
class Timed:
    seconds: float  # median
    gc: float  # median seconds in garbage collection
    reports: list[dict[str, Any]]


def processes(tasks: Sequence[str], path: Path, repeat: int) -> dict[str, Timed]:
    """Each task run ``repeat`` times in fresh processes, interleaved; the medians."""
    reports: dict[str, list[dict[str, Any]]] = {task: [] for task in tasks}
    for run in range(repeat):
        for task in [*tasks[run % len(tasks) :], *tasks[: run % len(tasks)]]:
            reports[task].append(in_process(task, path))
    return {
        task: Timed(
            statistics.median(r["seconds"] for r in found),
            statistics.median(r["gc"] for r in found),
            found,
        )
        for task, found in reports.items()
    }


def gc_share(timed: Timed) -> str:
    return f"GC {timed.gc / timed.seconds:.0%}"


# -- the table ------------------------------------------------------------------


@dataclass
class Row:
    section: str
    what: str
    n: int | None
    implementation: str
    value: str
    ratio: str = ""
    target: str = ""
    met: str = ""


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.rows.append(Row(*args, **kwargs))

    def markdown(self) -> str:
        header = (
            "Section",
            "Measurement",
            "N",
            "Implementation",
            "Median",
            "Ratio",
            "Target",
            "Met",
        )
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        for row in self.rows:
            n = "" if row.n is None else _count(row.n)
            cells = (
                row.section,
                row.what,
                n,
                row.implementation,
                row.value,
                row.ratio,
                row.target,
                row.met,
            )
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.3g} ms"
    return f"{value * 1e6:.3g} µs"


def _count(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def _bytes(value: float) -> str:
    return f"{value:,.0f} B"


def times(ratio: float) -> str:
    """A ratio, with as many digits as it deserves."""
    if ratio >= 100:
        return f"{ratio:,.0f}x"
    return f"{ratio:.1f}x" if ratio >= 10 else f"{ratio:.2f}x"


def versus(mine: float, other: float, name: str) -> str:
    """How much faster (or slower) ``mine`` is than ``other``."""
    if mine <= other:
        return f"{times(other / mine)} faster than {name}"
    return f"{times(mine / other)} slower than {name}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


# -- the machine ----------------------------------------------------------------


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for name in (
        "sinorussia",
        "attrs",
        "cattrs",
        "pendulum",
        "msgspec",
        "pydantic",
        "pandas",
        "numpy",
    ):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = getattr(sr, "__version__", "?") if name == "sinorussia" else "?"
        versions.append(f"{name} {version}")
    versions.append(f"sqlite {sqlite3.sqlite_version}")
    try:  # read-only: which commit the library's source was at
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(sr.__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        versions[0] += f" (git {commit})"
    except (OSError, subprocess.CalledProcessError):
        pass
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()} ({platform.python_implementation()}),"
        f" {platform.system()} {platform.release()}",
        f"- {', '.join(versions)}",
    ]


# -- 1. cold start ----------------------------------------------------------------


COLD_LIBRARY = "import sinorussia as sr; sr.load().timeline()"
COLD_DEPENDENCIES = "import attrs, cattrs, pendulum"


def cold_start(table: Table, repeat: int) -> None:
    """Whole interpreter processes, wall clock; 4x ``repeat`` runs, as they are short.

    Both commands run with their bytecode cached (a warm-up run fills a
    temporary ``PYTHONPYCACHEPREFIX``), as an installed package has it: a
    checkout run with ``PYTHONDONTWRITEBYTECODE`` would otherwise compile the
    library's sources in every process, and not the dependencies'.
    """
    runs = 4 * repeat
    env = _process_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def process(code: str) -> Callable[[], object]:
        def run() -> object:
            return subprocess.run([sys.executable, "-c", code], env=env, check=True)

        return run

    with tempfile.TemporaryDirectory(prefix="sinorussia-pyc-") as cache:
        env["PYTHONPYCACHEPREFIX"] = cache
        commands = {"library": process(COLD_LIBRARY), "deps": process(COLD_DEPENDENCIES)}
        for command in commands.values():
            command()  # warm-up: writes the bytecode
        found = side_by_side(commands, runs)
    ratio = found["library"] / found["deps"]
    what = f"whole process, {runs} runs, bytecode cached"
    table.add(
        "1 cold start",
        what,
        None,
        f"`{COLD_LIBRARY}`",
        seconds(found["library"]),
        f"{ratio:.2f}x deps import",
        "≤ 1.25x",
        verdict(ratio <= 1.25),
    )
    table.add("1 cold start", what, None, f"`{COLD_DEPENDENCIES}`", seconds(found["deps"]))


# -- 2. loading ---------------------------------------------------------------------

# Typed msgspec mirrors of the meeting records; the other sections stay generic.
Basis = Literal["stated", "inferred", "external"]
RoleName = Literal["host", "guest", "participant", "actor", "recipient", "signatory"]
MeetingKindName = Literal[
    "state_visit", "talks", "phone_call", "video_call", "ceremony", "summit", "joint_activity"
]


class MCitation(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    basis: Basis
    document: str | None = None
    paragraphs: list[int] = []
    note: str | None = None
    source: str | None = None
    confidence: Literal["high", "medium", "low"] | None = None


class MDateClaim(msgspec.Struct, forbid_unknown_fields=True):
    value: str  # EDTF, left as text: msgspec does not parse it
    citation: MCitation


class MParticipant(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    who: str
    role: RoleName = "participant"
    citations: list[MCitation] = []


class MMeeting(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    id: str
    citations: list[MCitation]
    title: str
    kind: MeetingKindName
    participants: list[MParticipant] = []
    place: str | None = None
    date: list[MDateClaim] | None = None
    count: int | None = 1
    commemorates: str | None = None


class MFile(msgspec.Struct, forbid_unknown_fields=True):
    format: int
    version: str
    documents: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
    organisations: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    offices: list[dict[str, Any]] = []
    meetings: list[MMeeting] = []
    happenings: list[dict[str, Any]] = []
    treaties: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []


_MSGSPEC = msgspec.json.Decoder(MFile)


# The same shape as pydantic v2 models: typed meetings, generic other sections.
class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class PCitation(_Strict):
    basis: Basis
    document: str | None = None
    paragraphs: tuple[int, ...] = ()
    note: str | None = None
    source: str | None = None
    confidence: Literal["high", "medium", "low"] | None = None


class PDateClaim(_Strict):
    value: str  # EDTF, left as text: pydantic does not parse it
    citation: PCitation


class PParticipant(_Strict):
    who: str
    role: RoleName = "participant"
    citations: tuple[PCitation, ...] = ()


class PMeeting(_Strict):
    id: str
    citations: tuple[PCitation, ...]
    title: str
    kind: MeetingKindName
    participants: tuple[PParticipant, ...] = ()
    place: str | None = None
    date: tuple[PDateClaim, ...] | None = None
    count: int | None = 1
    commemorates: str | None = None


class PFile(_Strict):
    format: int
    version: str
    documents: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
    organisations: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    offices: list[dict[str, Any]] = []
    meetings: tuple[PMeeting, ...] = ()
    happenings: list[dict[str, Any]] = []
    treaties: list[dict[str, Any]] = []
    projects: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []


def loading(table: Table, path: Path, n: int, repeat: int) -> None:
    decoded = _MSGSPEC.decode(path.read_bytes())
    assert len(decoded.meetings) == n
    assert len(PFile.model_validate_json(path.read_bytes()).meetings) == n
    del decoded
    tasks = (
        "load:sinorussia",
        "load:json-no-gc",
        "load:pydantic-no-gc",
        "load:msgspec-no-gc",
        "load:json",
        "load:pandas",
    )
    found = processes(tasks, path, repeat)
    base = found["load:json-no-gc"].seconds
    size = f"{path.stat().st_size / 1e6:.0f} MB file, fresh process"
    mine = found["load:sinorussia"]
    ratio = mine.seconds / base
    table.add(
        "2 load",
        size,
        n,
        "`sr.load_file` (parse, structure, check; pauses the GC itself)",
        seconds(mine.seconds),
        f"{ratio:.2f}x json.loads; {gc_share(mine)}",
        "≤ 3.0x json.loads, GC paused in both",
        verdict(ratio <= 3.0),
    )
    table.add(
        "2 load",
        size,
        n,
        "`json.loads` (read + parse), GC paused",
        seconds(base),
        f"1.00x; {gc_share(found['load:json-no-gc'])}",
    )
    debt = processes(["after:fresh", "after:settled"], path, repeat)
    fresh, settled = debt["after:fresh"], debt["after:settled"]
    work = "first queries + CSV export"
    table.add(
        "2 load",
        work,
        n,
        "right after `sr.load_file`",
        seconds(fresh.seconds),
        f"{fresh.seconds / settled.seconds:.2f}x on a settled dataset; {gc_share(fresh)}",
        "≤ 1.1x (no GC debt)",
        verdict(fresh.seconds <= 1.1 * settled.seconds),
    )
    table.add(
        "2 load",
        work,
        n,
        "on a dataset loaded long before (after `gc.collect()`)",
        seconds(settled.seconds),
        f"1.00x; {gc_share(settled)}",
    )
    for task, label in (
        ("load:pydantic-no-gc", "pydantic v2 `model_validate_json`, typed meetings, GC paused"),
        ("load:msgspec-no-gc", "`msgspec.json.decode`, typed meetings, GC paused"),
        ("load:json", "diagnostic: `json.loads` with the GC on"),
        ("load:pandas", "diagnostic: `json.loads` + `pandas.DataFrame(meetings)`, GC on"),
    ):
        timed = found[task]
        table.add(
            "2 load",
            size,
            n,
            label,
            seconds(timed.seconds),
            f"{timed.seconds / base:.2f}x json.loads; {gc_share(timed)}",
        )


# -- 3. queries -------------------------------------------------------------------


def descendants(place: str, children: dict[str, list[str]]) -> set[str]:
    """A place and every place inside it."""
    found, todo = {place}, [place]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class Linear:
    """The queries as a plain scan over the loaded records, no index."""

    def __init__(self, ds: sr.Dataset) -> None:
        self.meetings = tuple(ds.meetings)
        self.leaders = tuple(ds.leaders)
        self.places = tuple(ds.places)

    def participant_period(self, person: str, period: str | None) -> list[str]:
        if period is None:
            return [m.id for m in self.meetings if any(p.who == person for p in m.participants)]
        when = sr.parse_edtf(period)
        return [
            m.id
            for m in self.meetings
            if m.date is not None
            and any(p.who == person for p in m.participants)
            and m.date.overlaps(when)
        ]

    def place(self, place: str) -> list[str]:
        children: dict[str, list[str]] = {}
        for record in self.places:
            if record.within is not None:
                children.setdefault(record.within, []).append(record.id)
        inside = descendants(place, children)
        return [m.id for m in self.meetings if m.place in inside]

    def kind(self, kind: str) -> list[str]:
        return [m.id for m in self.meetings if m.kind == kind]

    def lookup(self, text: str) -> list[str]:
        wanted = name_key(text)
        return [r.id for r in self.leaders if any(name_key(n) == wanted for n in (*r.names, r.id))]


def _span(dating: sr.Dating | None) -> tuple[float, float]:
    if dating is None:
        return float("nan"), float("nan")
    lo, hi = dating.best._span
    return float(lo), float(hi)


class Pandas:
    """The queries as boolean masks over data frames.

    ``meetings``: one row per meeting (id, kind, place, first and last day as
    ordinals). ``participants``: one row per (meeting, participant), with the
    meeting's days repeated, so a participant and period query is one mask.
    Ids are categoricals; undated meetings have NaN days.
    """

    def __init__(self, ds: sr.Dataset) -> None:
        import pandas as pd

        meetings = tuple(ds.meetings)
        spans = [_span(m.date) for m in meetings]
        self.meetings = pd.DataFrame(
            {
                "id": [m.id for m in meetings],
                "kind": pd.Categorical([m.kind.value for m in meetings]),
                "place": pd.Categorical([m.place for m in meetings]),
                "lo": [lo for lo, _ in spans],
                "hi": [hi for _, hi in spans],
            }
        )
        rows = [(i, p.who) for i, m in enumerate(meetings) for p in m.participants]
        self.participants = pd.DataFrame(
            {
                "meeting": [i for i, _ in rows],
                "who": pd.Categorical([who for _, who in rows]),
                "lo": [spans[i][0] for i, _ in rows],
                "hi": [spans[i][1] for i, _ in rows],
            }
        )
        self.places = pd.DataFrame(
            {"id": [p.id for p in ds.places], "within": [p.within for p in ds.places]}
        )
        names = [(r.id, name_key(n)) for r in ds.leaders for n in (*r.names, r.id)]
        self.names = pd.DataFrame({"id": [i for i, _ in names], "key": [k for _, k in names]})

    def participant_period(self, person: str, period: str | None) -> list[str]:
        frame = self.participants
        mask = frame["who"] == person
        if period is not None:
            lo, hi = sr.parse_edtf(period)._span
            mask &= (frame["lo"] <= hi) & (frame["hi"] >= lo)
        positions = frame["meeting"].to_numpy()[mask.to_numpy()]
        ids: list[str] = self.meetings["id"].to_numpy()[positions].tolist()
        return list(dict.fromkeys(ids))

    def place(self, place: str) -> list[str]:
        places = self.places
        inside, frontier = {place}, {place}
        while frontier:
            frontier = set(places.loc[places["within"].isin(frontier), "id"]) - inside
            inside |= frontier
        found: list[str] = self.meetings.loc[self.meetings["place"].isin(inside), "id"].tolist()
        return found

    def kind(self, kind: str) -> list[str]:
        found: list[str] = self.meetings.loc[self.meetings["kind"] == kind, "id"].tolist()
        return found

    def lookup(self, text: str) -> list[str]:
        names = self.names
        found: list[str] = names.loc[names["key"] == name_key(text), "id"].unique().tolist()
        return found


class Sqlite:
    """The queries in SQL over an in-memory database with indexes (ANALYZEd)."""

    def __init__(self, ds: sr.Dataset) -> None:
        db = sqlite3.connect(":memory:")
        db.executescript(
            """
            CREATE TABLE meetings (pos INTEGER PRIMARY KEY, id TEXT, kind TEXT, place TEXT,
                                   lo INTEGER, hi INTEGER);
            CREATE TABLE participants (meeting INTEGER, who TEXT, role TEXT);
            CREATE TABLE places (id TEXT PRIMARY KEY, within TEXT);
            CREATE TABLE names (leader TEXT, key TEXT);
            """
        )
        rows = []
        for pos, m in enumerate(ds.meetings):
            span = m.date.best._span if m.date is not None else (None, None)
            rows.append((pos, m.id, m.kind.value, m.place, *span))
        db.executemany("INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.executemany(
            "INSERT INTO participants VALUES (?, ?, ?)",
            (
                (pos, p.who, p.role.value)
                for pos, m in enumerate(ds.meetings)
                for p in m.participants
            ),
        )
        db.executemany("INSERT INTO places VALUES (?, ?)", ((p.id, p.within) for p in ds.places))
        db.executemany(
            "INSERT INTO names VALUES (?, ?)",
            ((r.id, name_key(n)) for r in ds.leaders for n in (*r.names, r.id)),
        )
        db.executescript(
            """
            CREATE INDEX participants_who ON participants (who, meeting);
            CREATE INDEX meetings_dates ON meetings (lo, hi);
            CREATE INDEX meetings_place ON meetings (place);
            CREATE INDEX meetings_kind ON meetings (kind);
            CREATE INDEX places_within ON places (within);
            CREATE INDEX names_key ON names (key);
            ANALYZE;
            """
        )
        db.commit()
        self.db = db

    def participant_period(self, person: str, period: str | None) -> list[str]:
        if period is None:
            rows = self.db.execute(
                "SELECT m.id FROM participants p JOIN meetings m ON m.pos = p.meeting"
                " WHERE p.who = ? ORDER BY m.pos",
                (person,),
            )
            return list(dict.fromkeys(r[0] for r in rows))
        lo, hi = sr.parse_edtf(period)._span
        rows = self.db.execute(
            "SELECT m.id FROM participants p JOIN meetings m ON m.pos = p.meeting"
            " WHERE p.who = ? AND m.lo <= ? AND m.hi >= ? ORDER BY m.pos",
            (person, hi, lo),
        )
        return list(dict.fromkeys(r[0] for r in rows))

    def place(self, place: str) -> list[str]:
        rows = self.db.execute(
            "WITH RECURSIVE inside(id) AS (SELECT ? UNION"
            " SELECT places.id FROM places JOIN inside ON places.within = inside.id)"
            " SELECT id FROM meetings WHERE place IN inside ORDER BY pos",
            (place,),
        )
        return [r[0] for r in rows]

    def kind(self, kind: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM meetings WHERE kind = ? ORDER BY pos", (kind,))
        return [r[0] for r in rows]

    def lookup(self, text: str) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT leader FROM names WHERE key = ?", (name_key(text),))
        return [r[0] for r in rows]


def _involving(ds: sr.Dataset, who: str, period: str | None) -> Callable[[], list[str]]:
    if period is None:
        return lambda: list(ds.meetings.involving(who).ids)
    return lambda: list(ds.meetings.involving(who).during(period).ids)


def library_queries(ds: sr.Dataset) -> dict[str, Callable[[], list[str]]]:
    return {
        **{name: _involving(ds, *query) for name, query in _picked(ds).items()},
        "place": lambda: list(ds.meetings.at(PLACE).ids),
        "kind": lambda: list(ds.meetings.of_kind(KIND).ids),
        "alias look-up": lambda: [ds.leaders.lookup(ALIAS).id],
    }


def baseline_queries(
    impl: Linear | Pandas | Sqlite, ds: sr.Dataset
) -> dict[str, Callable[[], list[str]]]:
    return {
        **{
            name: functools.partial(impl.participant_period, *query)
            for name, query in _picked(ds).items()
        },
        "place": lambda: impl.place(PLACE),
        "kind": lambda: impl.kind(KIND),
        "alias look-up": lambda: impl.lookup(ALIAS),
    }


def first_queries(ds: sr.Dataset, *, fresh: bool = False) -> dict[str, float]:
    """Seconds of each query's first run, which builds the indexes it needs.

    With ``fresh``, each query runs on a dataset of its own, made (untimed)
    from the same records, so no query finds an index that an earlier one
    built: each time is that of a first query on a freshly loaded dataset.
    Without it, the queries run one after another on ``ds``, as a script runs
    them.
    """
    found = {}
    for name, _ in QUERIES:
        target = _unindexed(ds) if fresh else ds
        query = library_queries(target)[name]
        gc.collect()
        start = time.perf_counter()
        query()
        found[name] = time.perf_counter() - start
        if fresh and name == MEDIUM:
            found[SECOND] = _second_query(target)
    return found


MEDIUM: Final = "participant+period, medium"
SECOND: Final = "participant+period, medium, second period"
"""The medium participant again, over another period, right after its first query."""
SECOND_PERIOD: Final = "2010/2012"


def _second_query(ds: sr.Dataset) -> float:
    """Seconds of the second period search on the medium query's participant.

    The first search of a participant's meetings compares their days; the
    second builds the participant's date index, so its cost is timed too.
    """
    who, _ = _picked(ds)[MEDIUM]
    query = _involving(ds, who, SECOND_PERIOD)
    gc.collect()
    start = time.perf_counter()
    query()
    return time.perf_counter() - start


def _unindexed(ds: sr.Dataset) -> sr.Dataset:
    """A dataset of the same records as ``ds`` (the same objects), with no index built yet."""
    sections: dict[str, Any] = ds.sections()
    return sr.Dataset(version=ds.version, **sections)


@dataclass
class SizeResult:
    n: int
    load: Timed
    first: dict[str, float]
    query: float
    dataset: sr.Dataset | None


def measure_size(path: Path, n: int, repeat: int, min_sample: float) -> SizeResult:
    """Load time and first-query costs (fresh processes), and the indexed query."""
    load = processes(["first"], path, repeat)["first"]
    names = [*(name for name, _ in QUERIES), SECOND]
    first = {name: statistics.median(r["first"][name] for r in load.reports) for name in names}
    ds = sr.load_file(path)
    first_queries(ds)
    query = library_queries(ds)[MEDIUM]
    timed = side_by_side({"q": query}, repeat, min_sample=min_sample)["q"]
    return SizeResult(n, load, first, timed, ds)


def queries(table: Table, result: SizeResult, repeat: int, min_sample: float) -> None:
    import pandas  # noqa: F401  (so that its import is not in the set-up time)

    ds, n = result.dataset, result.n
    assert ds is not None
    setup: dict[str, float] = {}
    linear = Linear(ds)
    start = time.perf_counter()
    frames = Pandas(ds)
    setup["pandas"] = time.perf_counter() - start
    start = time.perf_counter()
    database = Sqlite(ds)
    setup["sqlite"] = time.perf_counter() - start
    impls: dict[str, dict[str, Callable[[], list[str]]]] = {
        "sinorussia": library_queries(ds),
        "linear": baseline_queries(linear, ds),
        "pandas": baseline_queries(frames, ds),
        "sqlite": baseline_queries(database, ds),
    }
    # Correctness first: every implementation gives the same ids, in dataset order.
    hits: dict[str, int] = {}
    for name, _ in QUERIES:
        expected = impls["sinorussia"][name]()
        for impl, fns in impls.items():
            got = fns[name]()
            assert got == expected, (
                f"{name}: {impl} gives {len(got)} ids, sinorussia {len(expected)}"
            )
        assert expected, f"{name}: the query finds nothing; the benchmark would prove nothing"
        hits[name] = len(expected)
    labels = {
        "sinorussia": "sinorussia, indexes built",
        "linear": "linear scan of the records",
        "pandas": "pandas boolean masks",
        "sqlite": "sqlite3 in memory, indexed",
    }
    picked = _picked(ds)
    for name, code in QUERIES:
        if name in picked:
            code = _participant_code(*picked[name])
        found = side_by_side(
            {impl: fns[name] for impl, fns in impls.items()}, repeat, min_sample=min_sample
        )
        what = f"`{code}` ({hits[name]:,} hit{'s' if hits[name] != 1 else ''})"
        mine = found["sinorussia"]
        target, met = "", ""
        if name in PARTICIPANT_QUERIES:
            _, _, target, least = PARTICIPANT_QUERIES[name]
            met = verdict(found["pandas"] / mine >= least)
        table.add(
            "3 query",
            what,
            n,
            labels["sinorussia"],
            seconds(mine),
            versus(mine, found["pandas"], "pandas"),
            target,
            met,
        )
        first = result.first[name]
        table.add(
            "3 query",
            what,
            n,
            "sinorussia, first query on a fresh dataset",
            seconds(first),
            f"{times(first / mine)} an indexed query",
        )
        for impl in ("linear", "pandas", "sqlite"):
            table.add(
                "3 query",
                what,
                n,
                labels[impl],
                seconds(found[impl]),
                f"{times(found[impl] / mine)} sinorussia",
            )
    table.add(
        "3 query",
        "one-off set-up of the baselines",
        n,
        "pandas frames / sqlite tables + indexes",
        f"{seconds(setup['pandas'])} / {seconds(setup['sqlite'])}",
        "built once, not in the query times",
    )


# -- 4. dumps --------------------------------------------------------------------------


def dumping(table: Table, path: Path, n: int, repeat: int) -> None:
    data = path.read_bytes()
    text = sr.dumps(sr.loads(data))
    assert text == generated_text(json.loads(data)) == data.decode("utf-8")
    del text
    found = processes(["dumps:sinorussia", "dumps:json"], path, repeat)
    mine, base = found["dumps:sinorussia"], found["dumps:json"]
    ratio = mine.seconds / base.seconds
    what = "same text, indent=2, ensure_ascii=False"
    table.add(
        "4 dumps",
        what,
        n,
        "`sr.dumps(ds)`",
        seconds(mine.seconds),
        f"{ratio:.2f}x json.dumps; {gc_share(mine)}",
        "≤ 2.0x",
        verdict(ratio <= 2.0),
    )
    table.add(
        "4 dumps",
        what,
        n,
        "`json.dumps` of the parsed dicts",
        seconds(base.seconds),
        f"1.00x; {gc_share(base)}",
    )


# -- 5. memory ---------------------------------------------------------------------------


def memory(table: Table, path: Path, n: int) -> None:
    data = path.read_bytes()
    ds, kept, peak = traced(lambda: sr.loads(data))
    assert isinstance(ds, sr.Dataset)
    records = len(ds)
    _, indexes, _ = traced(functools.partial(first_queries, ds))
    del ds
    raw, raw_kept, raw_peak = traced(lambda: json.loads(data))
    del raw
    typed, typed_kept, _ = traced(lambda: _MSGSPEC.decode(data))
    del typed
    what = f"tracemalloc, per record ({records:,} records)"
    ratio = kept / raw_kept
    table.add(
        "5 memory",
        what,
        n,
        "loaded `Dataset` (no query index yet)",
        _bytes(kept / records),
        f"{ratio:.2f}x JSON dicts; peak while loading {peak / 1e6:,.0f} MB",
        "≤ 0.5x",
        verdict(ratio <= 0.5),
    )
    with_indexes = (kept + indexes) / raw_kept
    table.add(
        "5 memory",
        what,
        n,
        "+ the query indexes (after the first queries)",
        _bytes(indexes / records),
        f"{with_indexes:.2f}x JSON dicts, with the Dataset",
        "≤ 0.5x",
        verdict(with_indexes <= 0.5),
    )
    table.add(
        "5 memory",
        what,
        n,
        "`json.loads` dicts",
        _bytes(raw_kept / records),
        f"1.00x; peak {raw_peak / 1e6:,.0f} MB",
    )
    table.add(
        "5 memory",
        what,
        n,
        "msgspec Structs (meetings typed)",
        _bytes(typed_kept / records),
        f"{typed_kept / raw_kept:.2f}x JSON dicts",
    )


# -- 6. scaling ------------------------------------------------------------------------------


def scaling(table: Table, results: Sequence[SizeResult]) -> None:
    for result in results:
        n = result.n
        table.add(
            "6 scaling",
            "load (skewed data)",
            n,
            "`sr.load_file`, fresh process",
            seconds(result.load.seconds),
            f"{result.load.seconds / n * 1e6:.1f} µs per meeting; {gc_share(result.load)}",
        )
    name = MEDIUM
    for result in results:
        per_record = result.first[name] / result.n * 1e6
        table.add(
            "6 scaling",
            "participant+period, first query",
            result.n,
            "sinorussia (builds the indexes)",
            seconds(result.first[name]),
            f"{per_record:.2f} µs per meeting",
            "≤ 1 µs per record",
            verdict(per_record <= 1.0),
        )
    for result in results:
        second = result.first[SECOND]
        table.add(
            "6 scaling",
            f'participant+period, second query (`.during("{SECOND_PERIOD}")`)',
            result.n,
            "sinorussia (builds the participant's date index)",
            seconds(second),
            f"{second / result.n * 1e6:.2f} µs per meeting",
        )
    for result in results:
        table.add(
            "6 scaling",
            "participant+period (medium), indexed",
            result.n,
            "sinorussia",
            seconds(result.query),
        )


# -- 7. at scale ---------------------------------------------------------------------------


LABELS_AT_SCALE: Final = {
    "sinorussia": "sinorussia, indexes built",
    "pandas": "pandas boolean masks",
}

SCALE_PEAK = 3e9
"""The most a load of ``--scale`` meetings may take at its peak (bytes of resident memory)."""


def at_scale(table: Table, path: Path, n: int, repeat: int, min_sample: float) -> None:
    """The load's peak memory and the participant queries against pandas, at ``n`` meetings.

    The peak is the resident set of a fresh process that only loads, against
    one that only runs ``json.loads`` (both include the interpreter). The
    queries are timed as in section 3, side by side with pandas masks, on the
    skewed data; the first query's index build is timed once on the fresh
    dataset.
    """
    found = processes(["peak:sinorussia", "peak:json"], path, repeat)
    mine, raw = found["peak:sinorussia"], found["peak:json"]
    peak = max(r["peak"] for r in mine.reports)
    raw_peak = max(r["peak"] for r in raw.reports)
    what = "fresh process: peak resident memory, time"
    table.add(
        "7 at scale",
        what,
        n,
        "`sr.load_file` (`max_bytes` raised to the file's size)",
        f"{peak / 1e9:.2f} GB; {seconds(mine.seconds)}",
        f"{mine.seconds / n * 1e6:.1f} µs per meeting; {gc_share(mine)}",
        f"≤ {SCALE_PEAK / 1e9:.0f} GB peak",
        verdict(peak <= SCALE_PEAK),
    )
    table.add(
        "7 at scale",
        what,
        n,
        "`json.loads` (read + parse), GC on",
        f"{raw_peak / 1e9:.2f} GB; {seconds(raw.seconds)}",
        f"{gc_share(raw)}",
    )
    import pandas  # noqa: F401  (so that its import is not in the set-up time)

    ds = _load_large(path)
    picked = _picked(ds)  # a scan of the meetings, before anything is timed
    name = MEDIUM
    gc.collect()
    start = time.perf_counter()
    _involving(ds, *picked[name])()
    first = time.perf_counter() - start
    per_record = first / n * 1e6
    table.add(
        "7 at scale",
        "participant+period, first query (builds the indexes)",
        n,
        "sinorussia",
        seconds(first),
        f"{per_record:.2f} µs per meeting",
        "≤ 1 µs per record",
        verdict(per_record <= 1.0),
    )
    second = _second_query(ds)
    table.add(
        "7 at scale",
        f'participant+period, second query (`.during("{SECOND_PERIOD}")`)',
        n,
        "sinorussia (builds the participant's date index)",
        seconds(second),
        f"{second / n * 1e6:.2f} µs per meeting",
    )
    frames = Pandas(ds)
    mine_fns = library_queries(ds)
    theirs = baseline_queries(frames, ds)
    for name, (_, _, target, least) in PARTICIPANT_QUERIES.items():
        expected = mine_fns[name]()
        assert theirs[name]() == expected, f"{name}: pandas and sinorussia disagree"
        assert expected, f"{name}: the query finds nothing; the benchmark would prove nothing"
        timed = side_by_side(
            {"sinorussia": mine_fns[name], "pandas": theirs[name]}, repeat, min_sample=min_sample
        )
        what = f"`{_participant_code(*picked[name])}` ({len(expected):,} hits)"
        table.add(
            "7 at scale",
            what,
            n,
            LABELS_AT_SCALE["sinorussia"],
            seconds(timed["sinorussia"]),
            versus(timed["sinorussia"], timed["pandas"], "pandas"),
            target,
            verdict(timed["pandas"] / timed["sinorussia"] >= least),
        )
        table.add(
            "7 at scale",
            what,
            n,
            LABELS_AT_SCALE["pandas"],
            seconds(timed["pandas"]),
            f"{times(timed['pandas'] / timed['sinorussia'])} sinorussia",
        )


# -- main ---------------------------------------------------------------------------------------


def write(folder: Path, n: int, *, skewed: bool) -> Path:
    path = folder / f"meetings-{n}{'-skewed' if skewed else ''}.json"
    path.write_text(generated_text(generate(n, skewed=skewed)), encoding="utf-8")
    return path


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, such as 1000,10000")
    return sizes


def run(
    sizes: Sequence[int],
    repeat: int,
    *,
    min_sample: float,
    log: Callable[[str], None],
    scale: int | None = None,
) -> Table:
    table = Table()
    largest = max(sizes)
    with tempfile.TemporaryDirectory(prefix="sinorussia-bench-") as tmp, bytecode_cached():
        folder = Path(tmp)
        log("1 cold start")
        cold_start(table, repeat)
        log(f"generating {largest:,} meetings")
        uniform = write(folder, largest, skewed=False)
        log("2 load")
        loading(table, uniform, largest, repeat)
        results = []
        for n in sizes:
            log(f"3/6 queries at {n:,} (skewed)")
            skewed = write(folder, n, skewed=True)
            result = measure_size(skewed, n, repeat, min_sample)
            if n == largest:
                queries(table, result, repeat, min_sample)
            result.dataset = None
            results.append(result)
            gc.collect()
        log("4 dumps")
        dumping(table, uniform, largest, repeat)
        log("5 memory")
        memory(table, uniform, largest)
        scaling(table, results)
        if scale is not None:
            log(f"7 at scale: generating {scale:,} meetings (skewed)")
            big = write(folder, scale, skewed=True)
            log("7 at scale: loads and queries")
            at_scale(table, big, scale, repeat, min_sample)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark sinorussia and print one markdown table."
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[1000, 10000, 100000],
        help="numbers of meetings, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (the median)")
    parser.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="also load N skewed meetings (such as 1000000): peak memory, first query"
        " and the participant queries against pandas (section 7)",
    )
    parser.add_argument("--quick", action="store_true", help="N = 1000 and one run: a smoke test")
    parser.add_argument("--quiet", action="store_true", help="no progress on standard error")
    parser.add_argument("--worker", nargs=2, metavar=("TASK", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        task, path = args.worker
        print(json.dumps(worker(task, Path(path))))
        return 0
    sizes, repeat = ([1000], 1) if args.quick else (args.sizes, max(1, args.repeat))

    def log(message: str) -> None:
        if not args.quiet:
            print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    header = machine()  # before the run: the commit the measured source was at
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    scale = args.scale
    table = run(sizes, repeat, min_sample=0.005 if args.quick else 0.05, log=log, scale=scale)
    elapsed = time.perf_counter() - started
    print("\n".join(header))
    print(
        f"- sizes {', '.join(_count(n) for n in sizes)} meetings; median of {repeat} run(s);"
        f" whole run {elapsed:.0f} s; load average {load_before:.2f} before,"
        f" {os.getloadavg()[0]:.2f} after"
    )
    print()
    print(table.markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
