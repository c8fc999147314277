"""The library's guarantees: immutability, one shared dataset, writes where asked, JSON only."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import attrs
import pytest

import sinorussia as sr

SOURCE = Path(sr.__file__).parent


class TestImmutable:
    def test_record_attribute_assignment(self, ds: sr.Dataset) -> None:
        """Setting or deleting a record's field raises."""
        parade = ds.meetings.get("victory-day-parade-2015")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            parade.title = "changed"  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            del parade.title

    def test_record_has_no_dict(self, ds: sr.Dataset) -> None:
        """Records are slotted: there is no __dict__ to write into, nor new attributes."""
        parade = ds.meetings.get("victory-day-parade-2015")
        with pytest.raises(TypeError):
            vars(parade)
        with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
            parade.extra = 1  # type: ignore[attr-defined]

    def test_nested_values(self, ds: sr.Dataset) -> None:
        """Lists inside records are tuples; nested values are frozen too."""
        parade = ds.meetings.get("victory-day-parade-2015")
        with pytest.raises(TypeError):
            parade.participants[0] = parade.participants[1]  # type: ignore[index]
        with pytest.raises(AttributeError):
            parade.participants.append(parade.participants[0])  # type: ignore[attr-defined]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            parade.participants[0].who = "someone"  # type: ignore[misc]
        assert parade.date is not None
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            parade.date.claims = ()  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            parade.citations[0].paragraphs = (2,)  # type: ignore[misc]

    def test_collections(self, ds: sr.Dataset) -> None:
        """Collections have no item assignment, no append, no attribute assignment."""
        meetings = ds.meetings
        with pytest.raises(TypeError):
            meetings[0] = meetings[1]  # type: ignore[index]
        with pytest.raises(TypeError):
            del meetings[0]  # type: ignore[attr-defined]
        with pytest.raises(AttributeError):
            meetings.append(meetings[0])  # type: ignore[attr-defined]
        with pytest.raises(AttributeError):
            meetings._items = ()
        with pytest.raises(TypeError):
            vars(meetings)

    def test_dataset(self, ds: sr.Dataset) -> None:
        """The dataset refuses assignment, deletion and new attributes."""
        with pytest.raises(AttributeError):
            ds.meetings = ds.meetings
        with pytest.raises(AttributeError):
            ds._meetings = ds.meetings
        with pytest.raises(AttributeError):
            del ds._version
        with pytest.raises(AttributeError):
            ds.anything = 1
        with pytest.raises(TypeError):
            vars(ds)

    def test_copies_handed_out_do_not_write_back(self, ds: sr.Dataset) -> None:
        """Changing what sections() returns leaves the dataset as it was."""
        sections = ds.sections()
        sections["meetings"] = ()
        assert len(ds.meetings) == len(sr.load().meetings) > 0

    def test_bundled_dataset_survives_everything(self) -> None:
        """After all of the above, the shared dataset still dumps to the bundled file."""
        from importlib import resources

        bundled = (
            resources.files("sinorussia").joinpath("data", "sinorussia.json").read_text("utf-8")
        )
        assert sr.dumps(sr.load()) == bundled


class TestShared:
    def test_sixteen_threads(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """sr.load() from 16 threads at once, from cold, returns one and the same object."""
        import sinorussia._load as loading

        monkeypatch.setattr(loading, "_cache", None)  # cold: the threads race to load first
        results: list[sr.Dataset] = []
        barrier = threading.Barrier(16)

        def worker() -> None:
            barrier.wait()
            results.append(sr.load())

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == 16
        assert len({id(result) for result in results}) == 1


class TestWrites:
    def test_writes_only_where_asked(
        self, ds: sr.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Loading, querying and dumping to text write no file anywhere."""
        monkeypatch.chdir(tmp_path)
        sr.loads(sr.dumps(ds)).meetings.involving("xi-jinping").during(2020)
        assert list(tmp_path.iterdir()) == []


class TestOnlyJson:
    def test_pickle_bytes_are_not_unpickled(self) -> None:
        """A pickle is rejected as not JSON; nothing in it runs."""
        import pickle

        with pytest.raises(sr.DataError, match="not valid"):
            sr.loads(pickle.dumps({"format": 1}))

    def test_yaml_is_not_read(self) -> None:
        """YAML, even a harmless one, is rejected as not JSON."""
        with pytest.raises(sr.DataError, match="not valid JSON"):
            sr.loads("format: 1\nversion: x\n")

    def test_no_unsafe_parsers_in_the_source(self) -> None:
        """The package never calls eval, exec, pickle.load(s), marshal or yaml."""
        banned_calls = {"eval", "exec", "compile", "__import__"}
        banned_modules = {"pickle", "marshal", "yaml", "shelve", "dill"}
        for path in SOURCE.rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    assert node.func.id not in banned_calls, f"{path.name}: {node.func.id}()"
                if isinstance(node, ast.Import):
                    names = {alias.name.split(".")[0] for alias in node.names}
                    assert not names & banned_modules, (
                        f"{path.name} imports {names & banned_modules}"
                    )
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert node.module.split(".")[0] not in banned_modules, path.name

    def test_every_write_goes_through_the_atomic_writer(self) -> None:
        """No module but _io opens files for writing or calls write_text/write_bytes."""
        for path in SOURCE.rglob("*.py"):
            if path.name == "_io.py":
                continue
            text = path.read_text(encoding="utf-8")
            assert ".write_text(" not in text, path.name
            assert ".write_bytes(" not in text, path.name
            for mode in ('"w"', '"wb"', '"a"', '"x"', "'w'", "'wb'"):
                assert f"open({mode}" not in text, path.name
                assert f", {mode})" not in text, path.name
