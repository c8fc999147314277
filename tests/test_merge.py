"""Merging: new ids added, conflicts listed, the whole checked, nothing changed in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import sinorussia as sr

STATED = {"basis": "stated", "document": "article", "paragraphs": [17]}


def meeting(record_id: str, **changes: Any) -> dict[str, Any]:
    """A meeting of Wang Yi and Lavrov in a user's file, referring to bundled records."""
    record: dict[str, Any] = {
        "id": record_id,
        "citations": [STATED],
        "title": "Another meeting",
        "kind": "talks",
        "participants": [{"who": "wang-yi"}, {"who": "sergei-lavrov"}],
        "date": [{"value": "2021-03", "citation": STATED}],
    }
    record.update(changes)
    return record


def write(tmp_path: Path, name: str, **sections: Any) -> Path:
    """A dataset file with these sections."""
    path = tmp_path / name
    path.write_text(json.dumps({"format": 1, "version": name, **sections}), encoding="utf-8")
    return path


class TestLoadExtra:
    def test_file_may_refer_to_bundled_records(self, tmp_path: Path) -> None:
        """A user's file that refers to bundled people loads merged with the bundle."""
        path = write(tmp_path, "mine.json", meetings=[meeting("another-meeting")])
        ds = sr.load(extra=[path])
        assert ds.meetings[-1].id == "another-meeting"
        assert len(ds.meetings) == len(sr.load().meetings) + 1
        assert ds.meetings.involving("wang-yi").ids[-1] == "another-meeting"

    def test_shared_dataset_is_untouched(self, tmp_path: Path) -> None:
        """Merging returns a new dataset; the cached bundle stays as it was."""
        before = sr.load()
        count = len(before.meetings)
        sr.load(extra=[write(tmp_path, "mine.json", meetings=[meeting("another-meeting")])])
        assert sr.load() is before
        assert len(sr.load().meetings) == count

    def test_identical_record_is_no_conflict(self, tmp_path: Path) -> None:
        """A file repeating a bundled record exactly merges without complaint."""
        bundled = json.loads(sr.dumps(sr.load()))
        path = write(tmp_path, "copy.json", places=[bundled["places"][0]])
        assert sr.load(extra=[path]).sections() == sr.load().sections()

    def test_conflicts_are_all_listed(self, tmp_path: Path) -> None:
        """Every record whose id is taken by different content is reported at once."""
        bundled = json.loads(sr.dumps(sr.load()))
        wang = dict(bundled["people"][2], description="someone else")
        guilin = dict(bundled["places"][6], name="Kweilin")
        path = write(tmp_path, "mine.json", people=[wang], places=[guilin])
        with pytest.raises(sr.DataError) as info:
            sr.load(extra=[path])
        problems = info.value.problems
        assert [(p.path, p.record_id, p.source) for p in problems] == [
            ("$.places[0]", "guilin", str(path)),
            ("$.people[0]", "wang-yi", str(path)),
        ]
        assert "conflicts with the record of the same id" in problems[0].message

    def test_replace_and_keep(self, tmp_path: Path) -> None:
        """on_conflict='replace' takes the file's record; 'keep' keeps the bundled one."""
        bundled = json.loads(sr.dumps(sr.load()))
        guilin = dict(bundled["places"][6], name="Kweilin")
        path = write(tmp_path, "mine.json", places=[guilin])
        replaced = sr.load(extra=[path], on_conflict="replace")
        kept = sr.load(extra=[path], on_conflict="keep")
        assert replaced.places.get("guilin").name == "Kweilin"
        assert replaced.places.ids == sr.load().places.ids
        assert kept.places.get("guilin").name == "Guilin"

    def test_problems_point_into_the_right_file(self, tmp_path: Path) -> None:
        """A dangling reference in a user's file is reported at its path in that file."""
        path = write(
            tmp_path, "mine.json", meetings=[meeting("m1"), meeting("m2", place="atlantis")]
        )
        with pytest.raises(sr.DataError) as info:
            sr.load(extra=[path])
        (problem,) = info.value.problems
        assert (problem.source, problem.path) == (str(path), "$.meetings[1].place")
        assert f"{path}: $.meetings[1].place (id 'm2'): refers to 'atlantis'" in str(info.value)

    def test_references_across_two_user_files(self, tmp_path: Path) -> None:
        """A record in one file may refer to a record in another."""
        place = {
            "id": "sochi",
            "citations": [STATED],
            "name": "Sochi",
            "kind": "city",
            "within": "russia",
        }
        first = write(tmp_path, "places.json", places=[place])
        second = write(tmp_path, "meetings.json", meetings=[meeting("in-sochi", place="sochi")])
        ds = sr.load(extra=[first, second])
        assert ds.meetings.at("russia").ids[-1] == "in-sochi"
        with pytest.raises(sr.DataError, match="refers to 'sochi'"):
            sr.load(extra=[second])

    def test_structure_errors_name_the_file(self, tmp_path: Path) -> None:
        """A malformed extra file is reported by its own name, before any merging."""
        path = write(tmp_path, "bad.json", meetings=[meeting("m1", kind="chat")])
        with pytest.raises(sr.DataError) as info:
            sr.load(extra=[path])
        assert info.value.source == str(path)

    def test_load_files_without_bundle(self, tmp_path: Path) -> None:
        """load_files merges only the files given; a lone dependent file is invalid."""
        path = write(tmp_path, "mine.json", meetings=[meeting("m1")])
        with pytest.raises(sr.DataError, match="refers to 'wang-yi'"):
            sr.load_files([path])
        bundle = tmp_path / "bundle.json"
        sr.dump(sr.load(), bundle)
        assert "m1" in sr.load_files([bundle, path]).meetings.ids

    def test_load_files_needs_input(self) -> None:
        """Nothing to load is a programming error."""
        with pytest.raises(ValueError, match="at least one file"):
            sr.load_files([])


class TestDatasetMerge:
    def test_merge_of_datasets(self, ds: sr.Dataset) -> None:
        """Dataset.merge adds new records and keeps both inputs unchanged."""
        guilin = ds.places.get("guilin")
        extra_place = attrs.evolve(guilin, id="yangshuo", name="Yangshuo", within="guilin")
        other = sr.Dataset(
            version="mine",
            documents=tuple(ds.documents),
            countries=tuple(ds.countries),
            places=(*ds.places, extra_place),
        )
        merged = ds.merge(other)
        assert merged.places.ids[-1] == "yangshuo"
        assert "yangshuo" not in ds.places.ids
        assert merged.version == f"{ds.version}+mine"
        assert merged.meetings.ids == ds.meetings.ids

    def test_bad_on_conflict(self, ds: sr.Dataset) -> None:
        """An unknown on_conflict value is refused."""
        with pytest.raises(ValueError, match="on_conflict"):
            ds.merge(ds, on_conflict="overwrite")  # type: ignore[arg-type]
