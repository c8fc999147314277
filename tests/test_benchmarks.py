"""The benchmarks: the synthetic data generator, and the script that prints the table."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import sinorussia as sr
from sinorussia._names import key

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def _module(name: str) -> ModuleType:
    """A script of benchmarks/ imported as a module (run.py imports generate.py by name)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(f"_benchmarks_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate = _module("generate")


def text_of(meetings: int, *, skewed: bool = False) -> str:
    """The generated dataset as JSON text."""
    result: str = generate.generate_text(meetings, skewed=skewed)
    return result


def data_of(meetings: int, *, skewed: bool = False) -> dict[str, Any]:
    """The generated dataset as JSON values."""
    result: dict[str, Any] = generate.generate(meetings, skewed=skewed)
    return result


def env_with_src(**extra: str) -> dict[str, str]:
    """The environment, with the library's source on PYTHONPATH."""
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT / "src"), env.get("PYTHONPATH"))))
    return env


@pytest.fixture(scope="module")
def skewed() -> sr.Dataset:
    """A loaded skewed dataset of 1000 meetings."""
    return sr.loads(text_of(1000, skewed=True))


def edtf_values(data: dict[str, Any]) -> Iterator[str]:
    """Every EDTF value of the meetings' dates."""
    for meeting in data["meetings"]:
        for claim in meeting.get("date") or ():
            yield claim["value"]


class TestGenerator:
    @pytest.mark.parametrize("variant", [False, True], ids=["uniform", "skewed"])
    def test_valid(self, variant: bool) -> None:
        """sr.loads accepts the generated data, with every record in place."""
        ds = sr.loads(text_of(200, skewed=variant))
        assert len(ds.meetings) == 200
        assert len(ds.leaders) == 300
        assert {o.person for o in ds.offices} >= {leader.id for leader in ds.leaders}

    @pytest.mark.parametrize("variant", [False, True], ids=["uniform", "skewed"])
    def test_canonical(self, variant: bool) -> None:
        """The text is what sr.dumps writes, so dumps can be compared with json.dumps."""
        text = text_of(200, skewed=variant)
        assert sr.dumps(sr.loads(text)) == text

    def test_deterministic(self) -> None:
        """The same arguments give the same text; the variants differ."""
        assert text_of(200) == text_of(200)
        assert text_of(200, skewed=True) == text_of(200, skewed=True)
        assert text_of(200) != text_of(200, skewed=True)

    def test_same_bytes_across_processes(self, tmp_path: Path) -> None:
        """The command line writes the same bytes whatever the hash seed."""
        outputs, script = [], str(BENCHMARKS / "generate.py")
        for seed in ("1", "2"):
            out = tmp_path / f"out-{seed}.json"
            subprocess.run(
                [sys.executable, script, "--meetings", "300", "--skewed", "--out", str(out)],
                check=True,
                env=env_with_src(PYTHONHASHSEED=seed),
            )
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1] == text_of(300, skewed=True).encode("utf-8")

    def test_every_date_shape(self) -> None:
        """Days, months, years, intervals, open and unknown ends, qualifiers, undated."""
        data = data_of(2000)
        values = list(edtf_values(data))
        singles = [v.rstrip("?~%") for v in values if "/" not in v]
        assert {len(v) for v in singles} == {4, 7, 10}  # year, month, day
        assert any(v.endswith("/..") for v in values)
        assert any(v.startswith("/") for v in values)
        assert any("/" in v and ".." not in v and not v.startswith("/") for v in values)
        assert {v[-1] for v in values} >= {"?", "~", "%"}
        assert any("date" not in m for m in data["meetings"])
        assert any(len(m.get("date") or ()) == 2 for m in data["meetings"])

    def test_mix(self) -> None:
        """2 to 6 participants with roles, a tree of places, one document of 20 paragraphs."""
        data = data_of(2000)
        sizes = {len(m["participants"]) for m in data["meetings"]}
        assert sizes == {2, 3, 4, 5, 6}
        roles = {p.get("role", "participant") for m in data["meetings"] for p in m["participants"]}
        assert roles >= {"host", "guest", "participant"}
        within = {p["id"]: p["within"] for p in data["places"]}
        depth = max(_depth(place, within) for place in within)
        assert depth == 3  # site > city > region > country
        assert [d["paragraphs"] for d in data["documents"]] == [20]

    def test_sizes(self) -> None:
        """The number of meetings is the one asked for, and must not be negative."""
        assert len(data_of(0)["meetings"]) == 0
        assert len(data_of(17)["meetings"]) == 17
        with pytest.raises(ValueError, match="at least 0"):
            data_of(-1)


def _depth(place: str, within: dict[str, str]) -> int:
    depth = 0
    while place in within:
        place = within[place]
        depth += 1
    return depth


class TestSkew:
    def test_top_two_in_most_meetings(self) -> None:
        """In the skewed variant the two most frequent people are each in over half the meetings."""
        data = data_of(1000, skewed=True)
        counts = Counter(p["who"] for m in data["meetings"] for p in m["participants"])
        top = counts.most_common(2)
        assert [who for who, _ in top] == ["xi-jinping", "vladimir-putin"]
        assert all(count > 500 for _, count in top)

    def test_uniform_is_not_skewed(self) -> None:
        """Without --skewed nobody takes part in more than a few percent of meetings."""
        data = data_of(1000)
        counts = Counter(p["who"] for m in data["meetings"] for p in m["participants"])
        assert counts.most_common(1)[0][1] < 100


def _overlaps(dating: sr.Dating | None, period: sr.PartialDate, *, certain: bool) -> bool:
    if dating is None:
        return False
    lo, hi = dating.lower, dating.upper
    first, last = period.lower, period.upper
    if certain:
        return lo is not None and hi is not None and first <= lo and hi <= last
    return (lo is None or lo <= last) and (hi is None or hi >= first)


class TestQueriesMatchLinearScan:
    @pytest.mark.parametrize("who", ["xi-jinping", "vladimir-putin", "li-qiang", "china"])
    @pytest.mark.parametrize("certain", [False, True])
    def test_participant_and_period(self, skewed: sr.Dataset, who: str, certain: bool) -> None:
        """involving(x).during(year) equals a scan of participants and date bounds."""
        mine = [m for m in skewed.meetings if who in _actors(skewed, m)]
        for year in range(1991, 2026, 3):
            found = skewed.meetings.involving(who).during(year, certain=certain).ids
            period = sr.PartialDate(year)
            scan = tuple(m.id for m in mine if _overlaps(m.date, period, certain=certain))
            assert found == scan, (who, year)

    def test_two_people(self, skewed: sr.Dataset) -> None:
        """A chain of two involving filters equals the scan for both people."""
        found = skewed.meetings.involving("xi-jinping", "sergei-lavrov").during(2010).ids
        scan = tuple(
            m.id
            for m in skewed.meetings
            if {"xi-jinping", "sergei-lavrov"} <= {p.who for p in m.participants}
            and _overlaps(m.date, sr.PartialDate(2010), certain=False)
        )
        assert found
        assert found == scan

    @pytest.mark.parametrize(
        "place", ["russia", "russia-region-1", "china-region-2-city-3", "india-region-1-city-1"]
    )
    def test_place(self, skewed: sr.Dataset, place: str) -> None:
        """at(place) equals a scan that walks up each meeting's place."""
        inside = {p.id: p.within for p in skewed.places}

        def located(start: str | None) -> bool:
            while start is not None:
                if start == place:
                    return True
                start = inside.get(start)
            return False

        scan = tuple(m.id for m in skewed.meetings if located(m.place))
        assert scan
        assert skewed.meetings.at(place).ids == scan

    @pytest.mark.parametrize("kind", list(sr.MeetingKind))
    def test_kind(self, skewed: sr.Dataset, kind: sr.MeetingKind) -> None:
        """of_kind equals a scan of the kind field."""
        scan = tuple(m.id for m in skewed.meetings if m.kind is kind)
        assert skewed.meetings.of_kind(kind.value).ids == scan

    @pytest.mark.parametrize(
        "name", ["Сергей Лавров", "习近平", "Wang Yi", "VLADIMIR putin", "Lavrov"]
    )
    def test_lookup(self, skewed: sr.Dataset, name: str) -> None:
        """lookup by name, alias or surname finds the one leader a scan of the names finds."""
        wanted = key(name)
        keys = {
            leader.id: [key(n) for n in (*leader.names, leader.id)] for leader in skewed.leaders
        }
        scan = [i for i, found in keys.items() if wanted in found]
        if not scan:  # no whole name matches: a word of one may (a surname)
            scan = [i for i, found in keys.items() if any(wanted in k.split() for k in found)]
        assert len(scan) == 1
        assert skewed.leaders.lookup(name).id == scan[0]

    def test_baselines_agree(self, skewed: sr.Dataset) -> None:
        """The script's linear, pandas and sqlite versions give the library's ids."""
        run = _module("run")
        library = run.library_queries(skewed)
        for baseline in (run.Linear(skewed), run.Pandas(skewed), run.Sqlite(skewed)):
            for name, query in run.baseline_queries(baseline, skewed).items():
                assert query() == library[name](), (type(baseline).__name__, name)


def _actors(ds: sr.Dataset, meeting: sr.Meeting) -> set[str]:
    found = set()
    for participant in meeting.participants:
        found.add(participant.who)
        record = ds.get(participant.who)
        if isinstance(record, sr.Person) and record.nationality:
            found.add(record.nationality)
    return found


class TestRunScript:
    def test_quick(self) -> None:
        """run.py --quick exits 0 and prints the machine, the header, each section, 2nd queries."""
        done = subprocess.run(
            [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--quiet", "--scale", "2000"],
            capture_output=True,
            text=True,
            env=env_with_src(),
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "- CPU: " in done.stdout
        assert "| Section | Measurement | N | Implementation | Median |" in done.stdout
        sections = ("1 cold start", "2 load", "3 query", "4 dumps", "5 memory", "6 scaling")
        for section in (*sections, "7 at scale"):
            assert f"| {section} |" in done.stdout
        assert "| 7 at scale | fresh process: peak resident memory, time | 2k |" in done.stdout
        second = "participant+period, second query"
        assert f"| 6 scaling | {second}" in done.stdout
        assert f"| 7 at scale | {second}" in done.stdout

    def test_generated_json_is_plain(self) -> None:
        """The generated text parses as JSON with the format number first."""
        raw = json.loads(text_of(5))
        assert next(iter(raw)) == "format"
        assert raw["format"] == sr.FORMAT


class TestAdversarialScript:
    def test_quick(self) -> None:
        """adversarial.py --quick runs every shape and prints each step beside its target."""
        done = subprocess.run(
            [sys.executable, str(BENCHMARKS / "adversarial.py"), "--quick"],
            capture_output=True,
            text=True,
            env=env_with_src(),
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        rows = [
            line for line in done.stdout.splitlines() if line.startswith("| ") and "ms |" in line
        ]
        assert len(rows) == 8
        assert all(row.endswith("| yes |") for row in rows)
        for shape in ("places chained", "claims on one date", "people sharing one name"):
            assert any(shape in row for row in rows)
