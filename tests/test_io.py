"""Input and output helpers (``_io``): atomic writes, and pausing the garbage collector."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import sinorussia as sr
from sinorussia._io import gc_paused, write_atomic


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector enabled for the test, and enabled again after it whatever happens."""
    assert gc.isenabled()
    yield
    gc.enable()


class TestWriteAtomic:
    def test_writes_the_bytes(self, tmp_path: Path) -> None:
        """The file holds exactly the bytes given; the path written is returned."""
        data = "习近平\r\n\x00".encode()
        written = write_atomic(str(tmp_path / "out.bin"), data)
        assert written == tmp_path / "out.bin"
        assert isinstance(written, Path)
        assert written.read_bytes() == data

    def test_replaces_a_longer_file(self, tmp_path: Path) -> None:
        """An existing file is replaced whole, not overwritten in place."""
        path = tmp_path / "out.txt"
        path.write_bytes(b"x" * 10_000)
        write_atomic(path, b"short")
        assert path.read_bytes() == b"short"
        assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]

    def test_temporary_file_sits_beside_the_target(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The bytes go to a hidden temporary in the same folder, renamed over the target."""
        renames: list[tuple[Path, Path]] = []
        replace = os.replace

        def spy(source: str, target: Path) -> None:
            renames.append((Path(source), Path(target)))
            replace(source, target)

        monkeypatch.setattr(os, "replace", spy)
        write_atomic(tmp_path / "out.json", b"{}")
        ((temporary, target),) = renames
        assert target == tmp_path / "out.json"
        assert temporary.parent == tmp_path
        assert temporary.name.startswith(".out.json.")
        assert temporary.name.endswith(".tmp")
        assert not temporary.exists()

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A target in a folder that does not exist is an OSError, and nothing is written."""
        with pytest.raises(FileNotFoundError):
            write_atomic(tmp_path / "absent" / "out.json", b"{}")
        assert list(tmp_path.iterdir()) == []

    def test_crash_leaves_old_file(
        self, ds: sr.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If writing fails at the last step, the old file is intact and no temporary is left."""
        path = tmp_path / "out.json"
        path.write_text("old content", encoding="utf-8")

        def fail(*args: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(OSError, match="disk full"):
            sr.dump(ds, path)
        assert path.read_text(encoding="utf-8") == "old content"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_crash_while_writing_bytes(
        self, ds: sr.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failure while the bytes are written never touches the target path."""
        path = tmp_path / "out.json"

        def fail(fd: int) -> None:
            raise OSError("power cut")

        monkeypatch.setattr(os, "fsync", fail)
        with pytest.raises(OSError, match="power cut"):
            sr.dump(ds, path)
        assert not path.exists()
        assert list(tmp_path.iterdir()) == []


class TestGcPaused:
    def test_paused_inside_enabled_after(self, collector_on: None) -> None:
        """Inside the block the collector is off; after it, on again."""
        with gc_paused():
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_enabled_after_an_error(self, collector_on: None) -> None:
        """An exception in the block still turns the collector back on."""
        with pytest.raises(RuntimeError), gc_paused():
            raise RuntimeError("boom")
        assert gc.isenabled()

    def test_nested_blocks(self, collector_on: None) -> None:
        """Only the outermost block turns the collector back on."""
        with gc_paused():
            with gc_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled()

    def test_overlapping_threads(self, collector_on: None) -> None:
        """Two threads' blocks overlap: the collector stays off until the last one leaves."""
        inside, release = threading.Event(), threading.Event()

        def worker() -> None:
            with gc_paused():
                inside.set()
                release.wait(5)

        thread = threading.Thread(target=worker)
        thread.start()
        assert inside.wait(5)
        with gc_paused():
            pass
        assert not gc.isenabled()
        release.set()
        thread.join(5)
        assert gc.isenabled()

    def test_enabled_again_after_loading(self, ds: sr.Dataset) -> None:
        """Loading pauses the collector and turns it back on, even after an error."""
        assert gc.isenabled()
        sr.loads(sr.dumps(ds))
        assert gc.isenabled()
        with pytest.raises(sr.DataError):
            sr.loads('{"format": 1, "version": "x", "meetings": 1}')
        assert gc.isenabled()

    def test_left_off_if_it_was_off(self, ds: sr.Dataset) -> None:
        """A caller who disabled the collector finds it still disabled."""
        gc.disable()
        try:
            sr.loads(sr.dumps(ds))
            assert not gc.isenabled()
        finally:
            gc.enable()
