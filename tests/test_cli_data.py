"""The command line's data: records by name, the list filters, validating and merging files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import sinorussia as sr
from sinorussia._codec import converter
from sinorussia.cli import main

_CITE = {"basis": "external", "source": "https://example.org", "confidence": "low"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ids(out: str) -> list[str]:
    """The ids of JSON Lines output."""
    return [json.loads(line)["id"] for line in out.splitlines()]


def write(path: Path, **sections: list[dict[str, Any]]) -> Path:
    """A dataset file of format 2 with these sections."""
    path.write_text(json.dumps({"format": 2, "version": "mine", **sections}), encoding="utf-8")
    return path


def _call(record_id: str = "my-call", title: str = "A call I know of") -> dict[str, Any]:
    """A phone call between two bundled people."""
    return {
        "id": record_id,
        "citations": [_CITE],
        "title": title,
        "kind": "phone_call",
        "participants": [{"who": "wang-yi"}, {"who": "sergei-lavrov"}],
        "date": [{"value": "2022-01-05", "citation": _CITE}],
    }


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """A user's file adding one meeting that refers to bundled people."""
    return write(tmp_path / "mine.json", meetings=[_call()])


@pytest.fixture
def retitled(tmp_path: Path, ds: sr.Dataset) -> Path:
    """A user's file holding the Guilin talks again, with another title."""
    talks: dict[str, Any] = converter.unstructure(ds.get("guilin-talks-2021"))
    talks["title"] = "Talks in Guilin, retitled"
    return write(tmp_path / "retitled.json", meetings=[talks])


class TestShowByName:
    @pytest.mark.parametrize("name", ["Lavrov", "LAVROV", "Sergey Lavrov", "Лавров"])
    def test_a_name_or_alias(self, capsys: pytest.CaptureFixture[str], name: str) -> None:
        """show takes a name or alias as well as an id."""
        code, out, _ = run(capsys, "show", name)
        assert code == 0
        assert out.startswith("Leader sergei-lavrov\n")

    def test_an_id_comes_first(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An exact id is the record itself, whatever names it might match."""
        _, out, _ = run(capsys, "show", "china", "--json")
        assert json.loads(out)["id"] == "china"

    def test_ambiguous_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A name that fits several records exits 3 and lists them on stderr."""
        code, out, err = run(capsys, "show", "Xi")
        assert (code, out) == (3, "")
        assert "'xi-jinping'" in err
        assert "use an id" in err

    def test_nothing_fits(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Neither an id nor a name: exit 3 with close ids and names suggested."""
        code, _, err = run(capsys, "show", "Lavrof")
        assert code == 3
        assert err.startswith("sinorussia: no record 'Lavrof'; did you mean ")
        assert "'sergei-lavrov'" in err


class TestListFilters:
    def test_kind(self, capsys: pytest.CaptureFixture[str], ds: sr.Dataset) -> None:
        """--kind keeps records of that kind (repeatable: any of them)."""
        _, out, _ = run(capsys, "list", "treaties", "--kind", "treaty", "--kind", "memorandum")
        assert out.split("\n")[2].split()[:2] == ["treaty-of-good-neighborliness", "treaty"]
        _, found, _ = run(capsys, "list", "treaties", "--kind", "memorandum", "--json")
        assert ids(found) == list(ds.treaties.of_kind("memorandum").ids)
        _, offices, _ = run(capsys, "list", "offices", "--kind", "minister", "--json")
        assert ids(offices) == list(ds.offices.of_kind("minister").ids)
        assert offices

    def test_involving_a_name(self, capsys: pytest.CaptureFixture[str], ds: sr.Dataset) -> None:
        """--involving resolves names as the library does."""
        _, out, _ = run(capsys, "list", "meetings", "--involving", "Lavrov", "--json")
        assert ids(out) == list(ds.meetings.involving("sergei-lavrov").ids) != []
        _, both, _ = run(
            capsys, "list", "events", "--involving", "Xi Jinping", "--involving", "Putin", "--json"
        )
        assert ids(both) == list(ds.events.involving("xi-jinping", "vladimir-putin").ids)

    def test_at(self, capsys: pytest.CaptureFixture[str], ds: sr.Dataset) -> None:
        """--at keeps records at the place or inside it."""
        _, out, _ = run(capsys, "list", "events", "--at", "Moscow", "--json")
        assert ids(out) == list(ds.events.at("moscow").ids)
        assert "victory-day-parade-2015" in ids(out)

    def test_from_to(self, capsys: pytest.CaptureFixture[str], ds: sr.Dataset) -> None:
        """--from and --to keep the records that may fall in the window."""
        _, out, _ = run(capsys, "list", "offices", "--from", "2019", "--to", "2019", "--json")
        assert ids(out) == list(ds.offices.during(2019).ids)
        _, since, _ = run(capsys, "list", "meetings", "--from", "2021-03", "--json")
        assert ids(since) == list(ds.meetings.during(("2021-03", None)).ids)
        assert "guilin-talks-2021" in ids(since)
        assert "victory-day-parade-2015" not in ids(since)
        _, until, _ = run(capsys, "list", "treaties", "--to", "2001", "--json")
        assert ids(until) == ["treaty-of-good-neighborliness"]
        _, interval, _ = run(capsys, "list", "treaties", "--from", "2019/2020", "--json")
        assert ids(interval) == list(ds.treaties.during(("2019", None)).ids)

    def test_basis(self, capsys: pytest.CaptureFixture[str], ds: sr.Dataset) -> None:
        """--basis keeps the records with a citation of that basis, anywhere in them."""
        _, out, _ = run(capsys, "list", "statements", "--basis", "inferred", "--json")
        inferred = ids(out)
        assert inferred == list(ds.statements.cited_in(basis="inferred").ids)
        assert 0 < len(inferred) < len(ds.statements)
        _, external, _ = run(capsys, "list", "meetings", "--basis", "external", "--json")
        assert "victory-day-parade-2015" in ids(external)

    def test_filters_combine(self, capsys: pytest.CaptureFixture[str], ds: sr.Dataset) -> None:
        """Every filter narrows the list."""
        _, out, _ = run(
            capsys,
            *("list", "meetings", "--involving", "xi-jinping", "--at", "russia"),
            *("--from", "2019", "--kind", "state_visit", "--json"),
        )
        assert ids(out) == ["xi-state-visit-russia-2019"]

    def test_count_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The text list ends with the count, singular for one."""
        _, out, _ = run(capsys, "list", "events", "--kind", "ceremony")
        assert "\n1 event. " in out
        _, many, _ = run(capsys, "list", "leaders")
        assert "\n6 leaders. " in many


class TestTimelineAt:
    def test_at(self, capsys: pytest.CaptureFixture[str], ds: sr.Dataset) -> None:
        """timeline --at PLACE keeps the entries there, by name or id."""
        _, out, _ = run(capsys, "timeline", "--at", "Red Square", "--json")
        assert ids(out) == ["victory-day-parade-2015"]
        _, moscow, _ = run(capsys, "timeline", "--at", "moscow", "--json")
        assert ids(moscow) == [e.record.id for e in ds.timeline(at="moscow")]

    def test_kind_of_the_record(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--kind also takes a record's own kind: a treaty's, a project's sector."""
        _, out, _ = run(capsys, "timeline", "--kind", "energy", "--json")
        rows = [json.loads(line) for line in out.splitlines()]
        assert rows
        assert {row["kind"] for row in rows} == {"milestone"}


class TestValidate:
    def test_json_ok(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """validate --json prints one object per file: path, ok and the record count."""
        path = tmp_path / "all.json"
        sr.dump(sr.load(), path)
        code, out, err = run(capsys, "validate", str(path), "--json")
        assert (code, err) == (0, "")
        assert json.loads(out) == {"path": str(path), "ok": True, "records": len(sr.load())}

    def test_json_errors(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An invalid or missing file is ok: false with its located errors; exit 1."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": 2, "version": "x", "meetings": 3}', encoding="utf-8")
        missing = tmp_path / "none.json"
        code, out, err = run(capsys, "validate", str(bad), str(missing), "--json")
        assert code == 1
        first, second = (json.loads(line) for line in out.splitlines())
        assert first["path"] == str(bad)
        assert first["ok"] is False
        assert first["errors"][0]["path"] == "$.meetings"
        assert "expected an array" in first["errors"][0]["message"]
        assert second["ok"] is False
        assert "No such file" in second["errors"][0]["message"]
        assert "expected an array" in err

    def test_alone_or_with_the_bundle(self, capsys: pytest.CaptureFixture[str], mine: Path) -> None:
        """A file that refers to bundled records is invalid alone, valid with the bundle."""
        code, _, err = run(capsys, "validate", str(mine))
        assert code == 1
        assert "refers to 'wang-yi', which is not in the dataset" in err
        code, out, err = run(capsys, "validate", "--with-bundled", str(mine))
        assert (code, err) == (0, "")
        assert out == f"{mine}: ok with the bundled data, 1 record\n"
        code, out, _ = run(capsys, "validate", "--with-bundled", str(mine), "--json")
        assert json.loads(out) == {"path": str(mine), "ok": True, "records": 1}

    def test_with_the_bundle_problems_are_in_the_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A reference to nothing is reported at its place in the user's file."""
        call = _call()
        call["participants"].append({"who": "nobody"})
        path = write(tmp_path / "broken.json", meetings=[call])
        code, out, _ = run(capsys, "validate", "--with-bundled", str(path), "--json")
        assert code == 1
        (error,) = json.loads(out)["errors"]
        assert error == {
            "file": str(path),
            "path": "$.meetings[0].participants[2].who",
            "record": "my-call",
            "message": "refers to 'nobody', which is not in the dataset",
        }

    def test_on_conflict(self, capsys: pytest.CaptureFixture[str], retitled: Path) -> None:
        """A bundled id held again: a conflict, unless --on-conflict replace or keep."""
        code, _, err = run(capsys, "validate", "--with-bundled", str(retitled))
        assert code == 1
        assert "conflicts with the record of the same id" in err
        for policy in ("replace", "keep"):
            code, out, _ = run(
                capsys, "validate", "--with-bundled", str(retitled), "--on-conflict", policy
            )
            assert (code, out) == (0, f"{retitled}: ok with the bundled data, 1 record\n")


class TestOnConflict:
    def test_data_commands(self, capsys: pytest.CaptureFixture[str], retitled: Path) -> None:
        """--on-conflict decides which of two records of one id the commands read."""
        argv = ("timeline", "--kind", "talks", "--data", str(retitled), "--json")
        code, _, err = run(capsys, *argv)
        assert code == 1
        assert "conflicts" in err
        _, replaced, _ = run(capsys, *argv, "--on-conflict", "replace")
        assert json.loads(replaced)["title"] == "Talks in Guilin, retitled"
        _, kept, _ = run(capsys, *argv, "--on-conflict", "keep")
        assert json.loads(kept)["title"] == sr.load().get("guilin-talks-2021").label

    def test_between_own_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mine: Path
    ) -> None:
        """With --no-bundled it settles conflicts between the user's own files."""
        people = [{"id": p, "citations": [_CITE], "name": p} for p in ("wang-yi", "sergei-lavrov")]
        base = write(tmp_path / "people.json", people=people, meetings=[_call()])
        other = write(tmp_path / "other.json", meetings=[_call(title="Another title")])
        argv = ("show", "my-call", "--no-bundled", "--data", str(base), "--data", str(other))
        assert run(capsys, *argv)[0] == 1
        _, out, _ = run(capsys, *argv, "--on-conflict", "replace", "--json")
        assert json.loads(out)["title"] == "Another title"
