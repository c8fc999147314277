"""Input and output helpers (``_io``): atomic writes, and pausing the garbage collector."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import pickle
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import sinorussia as sr
from sinorussia._io import NotRegular, TooLarge, gc_paused, read_regular, write_all, write_atomic


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector enabled for the test, and enabled again after it whatever happens."""
    assert gc.isenabled()
    yield
    gc.enable()


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """Set the process umask for the test; the old one comes back after it."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, number: int, error: OSError | None = None
) -> list[int]:
    """Make the ``number``-th call of ``os.<name>`` fail; returns the count of calls so far."""
    original = getattr(os, name)
    calls = [0]

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == number:
            raise error or OSError(errno.EIO, "Input/output error", str(args[0]))
        return original(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)
    return calls


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every entry of a folder (hidden ones too) with its bytes (regular files) and mode."""
    found = {}
    for path in sorted(folder.iterdir()):
        mode = os.lstat(path).st_mode
        found[path.name] = (path.read_bytes() if stat.S_ISREG(mode) else b"", mode)
    return found


def special(kind: str, path: Path) -> Path:
    """Make a FIFO, a character device, a socket or a directory at ``path``."""
    if kind == "FIFO":
        os.mkfifo(path)
    elif kind == "character device":
        try:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
        except PermissionError:
            pytest.skip("making a device needs root")
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    else:
        path.mkdir()
    return path


SPECIAL = ["FIFO", "character device", "socket", "directory"]


def small_dataset(**changes: Any) -> sr.Dataset:
    """The bundled dataset with fresh copies of the victory parade and Xi Jinping's record."""
    ds = sr.load()
    sections = {
        name: tuple(attrs.evolve(r) if r.id in changes else r for r in records)
        for name, records in ds.sections().items()
    }
    made = sr.Dataset(version=ds.version, **sections)  # type: ignore[arg-type]
    for record_id, fields in changes.items():
        record = made.get(record_id)
        for field, value in fields.items():
            object.__setattr__(record, field, value)  # as if a validator had been bypassed
    return made


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

    @pytest.mark.parametrize("kind", SPECIAL)
    def test_refuses_what_is_not_a_regular_file(self, tmp_path: Path, kind: str) -> None:
        """A FIFO, a device, a socket or a folder at the target is refused and left as it was."""
        target = special(kind, tmp_path / "out.json")
        before = os.lstat(target)
        with pytest.raises(NotRegular, match="not a regular file; it is not replaced") as info:
            write_atomic(target, b"{}")
        assert info.value.kind == kind
        assert info.value.filename == str(target)
        after = os.lstat(target)
        assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_a_link_is_kept_and_its_file_replaced(self, tmp_path: Path) -> None:
        """Writing to a symbolic link replaces the file it names; the link stays a link."""
        real = tmp_path / "data" / "real.json"
        real.parent.mkdir()
        real.write_bytes(b"old")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        assert write_atomic(link, b"new") == link
        assert link.is_symlink()
        assert os.readlink(link) == str(real)
        assert real.read_bytes() == b"new"
        assert sorted(p.name for p in real.parent.iterdir()) == ["real.json"]

    def test_a_dangling_link_creates_its_file(self, tmp_path: Path) -> None:
        """A link to a file that does not exist yet is kept, and the file it names is made."""
        link = tmp_path / "link.json"
        link.symlink_to(tmp_path / "later.json")
        write_atomic(link, b"made")
        assert link.is_symlink()
        assert (tmp_path / "later.json").read_bytes() == b"made"

    @pytest.mark.parametrize("kind", ["FIFO", "character device"])
    def test_refuses_a_link_to_a_special_file(self, tmp_path: Path, kind: str) -> None:
        """A link to a FIFO or a device is refused, naming the link and what it points to."""
        target = special(kind, tmp_path / "pipe")
        link = tmp_path / "out.json"
        link.symlink_to(target)
        with pytest.raises(NotRegular, match=f"symbolic link to .*pipe', a {kind}"):
            write_atomic(link, b"{}")
        assert link.is_symlink()
        assert not stat.S_ISREG(os.lstat(target).st_mode)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "pipe"]

    def test_refuses_a_link_loop(self, tmp_path: Path) -> None:
        """Two links that point at each other are refused; both stay links."""
        (tmp_path / "a").symlink_to(tmp_path / "b")
        (tmp_path / "b").symlink_to(tmp_path / "a")
        with pytest.raises(NotRegular, match="does not resolve"):
            write_atomic(tmp_path / "a", b"{}")
        assert (tmp_path / "a").is_symlink()
        assert (tmp_path / "b").is_symlink()

    @pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o664])
    def test_keeps_the_mode_of_a_replaced_file(self, tmp_path: Path, mode: int) -> None:
        """A file that is replaced keeps its permission bits."""
        path = tmp_path / "out.json"
        path.write_bytes(b"old")
        path.chmod(mode)
        write_atomic(path, b"new")
        assert stat.S_IMODE(path.stat().st_mode) == mode
        assert path.read_bytes() == b"new"

    @pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
    def test_a_new_file_follows_the_umask(
        self, tmp_path: Path, umask: Callable[[int], int], mask: int, mode: int
    ) -> None:
        """A new file gets 0o666 less the umask, as open() would make it."""
        umask(mask)
        write_atomic(tmp_path / "out.json", b"{}")
        assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == mode

    def test_the_umask_is_not_changed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: Callable[[int], int]
    ) -> None:
        """The writer never sets the umask (the kernel applies it), so no thread sees it change."""
        umask(0o022)
        calls: list[int] = []

        def spy(mask: int) -> int:
            calls.append(mask)
            return 0o022

        monkeypatch.setattr(os, "umask", spy)
        write_atomic(tmp_path / "out.json", b"{}")
        assert calls == []
        assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o644

    @pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
    def test_keeps_the_owner_of_a_replaced_file(self, tmp_path: Path) -> None:
        """Written as root, a user's file stays the user's."""
        path = tmp_path / "out.json"
        path.write_bytes(b"old")
        os.chown(path, 4321, 4321)
        write_atomic(path, b"new")
        status = path.stat()
        assert (status.st_uid, status.st_gid) == (4321, 4321)

    @pytest.mark.parametrize("call", ["write", "fsync", "replace"])
    def test_errors_name_the_target(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
    ) -> None:
        """A system error (disk full) names the target, not the temporary file; none is left."""
        path = tmp_path / "out.json"
        path.write_bytes(b"old")
        full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".out.json.x.tmp"))
        fail_on_call(monkeypatch, call, 1, full)
        with pytest.raises(OSError, match="No space left on device") as info:
            write_atomic(path, b"new")
        assert info.value.errno == errno.ENOSPC
        assert info.value.filename == str(path)
        assert ".tmp" not in str(info.value)
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
        assert path.read_bytes() == b"old"

    def test_a_permission_error_stays_one(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A refused rename is still a PermissionError, now about the target."""
        fail_on_call(monkeypatch, "replace", 1, PermissionError(errno.EACCES, "Denied", "x.tmp"))
        with pytest.raises(PermissionError) as info:
            write_atomic(tmp_path / "out.json", b"{}")
        assert info.value.filename == str(tmp_path / "out.json")
        assert list(tmp_path.iterdir()) == []


class TestWriteAll:
    FILES = ("a.csv", "b.csv", "c.csv")

    def old_folder(self, folder: Path) -> dict[str, tuple[bytes, int]]:
        """A folder holding an earlier export: three files of various modes, a stale one."""
        for index, name in enumerate(self.FILES):
            (folder / name).write_bytes(f"old {name}".encode())
            (folder / name).chmod((0o644, 0o640, 0o604)[index])
        (folder / "stale.csv").write_bytes(b"stale")
        (folder / "stale-too.csv").write_bytes(b"stale too")
        return snapshot(folder)

    def new_files(self, folder: Path) -> dict[Path, bytes]:
        """New bytes for the three files and one file that is new."""
        files = {folder / name: f"new {name}".encode() for name in self.FILES}
        files[folder / "d.csv"] = b"new d.csv"
        return files

    def test_writes_all_and_removes(self, tmp_path: Path) -> None:
        """Every file is written, the files to remove are gone, no hidden file is left."""
        self.old_folder(tmp_path)
        written = write_all(
            self.new_files(tmp_path), remove=[tmp_path / "stale.csv", tmp_path / "stale-too.csv"]
        )
        assert written == list(self.new_files(tmp_path))
        assert {name: data for name, (data, _) in snapshot(tmp_path).items()} == {
            "a.csv": b"new a.csv",
            "b.csv": b"new b.csv",
            "c.csv": b"new c.csv",
            "d.csv": b"new d.csv",
        }
        assert stat.S_IMODE((tmp_path / "b.csv").stat().st_mode) == 0o640

    @pytest.mark.parametrize("number", [1, 2, 3, 4])
    def test_a_failed_rename_puts_every_old_file_back(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
    ) -> None:
        """Whichever rename fails, the folder is as it was: bytes, modes, no new or hidden file."""
        before = self.old_folder(tmp_path)
        fail_on_call(monkeypatch, "replace", number)
        with pytest.raises(OSError, match="Input/output error"):
            write_all(
                self.new_files(tmp_path),
                remove=[tmp_path / "stale.csv", tmp_path / "stale-too.csv"],
            )
        assert snapshot(tmp_path) == before

    def test_a_failed_removal_puts_every_old_file_back(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If a file cannot be removed, the file removed before it and those replaced come back."""
        before = self.old_folder(tmp_path)
        fail_on_call(monkeypatch, "unlink", 2)
        with pytest.raises(OSError, match="Input/output error") as info:
            write_all(
                self.new_files(tmp_path),
                remove=[tmp_path / "stale.csv", tmp_path / "stale-too.csv"],
            )
        assert info.value.filename == str(tmp_path / "stale-too.csv")
        assert snapshot(tmp_path) == before

    @pytest.mark.parametrize("number", [1, 3, 4])
    def test_a_failed_write_touches_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int
    ) -> None:
        """A temporary file that cannot be written stops everything before any rename."""
        before = self.old_folder(tmp_path)
        renames = fail_on_call(monkeypatch, "replace", 0)
        fail_on_call(monkeypatch, "fsync", number)
        with pytest.raises(OSError, match="Input/output error"):
            write_all(
                self.new_files(tmp_path),
                remove=[tmp_path / "stale.csv", tmp_path / "stale-too.csv"],
            )
        assert renames == [0]
        assert snapshot(tmp_path) == before

    def test_without_hard_links_the_old_files_are_copied(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On a file system without hard links, copies of the old files are put back."""
        before = self.old_folder(tmp_path)
        monkeypatch.setattr(os, "link", _no_link)
        fail_on_call(monkeypatch, "replace", 3)
        with pytest.raises(OSError, match="Input/output error"):
            write_all(
                self.new_files(tmp_path),
                remove=[tmp_path / "stale.csv", tmp_path / "stale-too.csv"],
            )
        assert snapshot(tmp_path) == before

    def test_a_special_file_stops_everything(self, tmp_path: Path) -> None:
        """One target that is a FIFO: nothing is written, not even the files before it."""
        before = self.old_folder(tmp_path)
        os.mkfifo(tmp_path / "d.csv")
        with pytest.raises(NotRegular):
            write_all(
                self.new_files(tmp_path),
                remove=[tmp_path / "stale.csv", tmp_path / "stale-too.csv"],
            )
        assert {k: v for k, v in snapshot(tmp_path).items() if k != "d.csv"} == before
        assert stat.S_ISFIFO(os.lstat(tmp_path / "d.csv").st_mode)


def _no_link(*args: object, **kwargs: object) -> None:
    raise PermissionError(errno.EPERM, "Operation not permitted", str(args[0]))


class TestReadRegular:
    def test_reads_the_bytes(self, tmp_path: Path) -> None:
        """A regular file's bytes come back whole, through a link too."""
        (tmp_path / "in.json").write_bytes(b"x" * 70_000)
        (tmp_path / "link.json").symlink_to(tmp_path / "in.json")
        assert read_regular(tmp_path / "link.json", 70_000) == b"x" * 70_000

    @pytest.mark.parametrize("kind", SPECIAL)
    def test_refuses_what_is_not_a_regular_file(self, tmp_path: Path, kind: str) -> None:
        """A FIFO (no writer: it would block), a device, a socket, a folder: refused at once."""
        target = special(kind, tmp_path / "in.json")
        done: list[BaseException] = []

        def read() -> None:
            try:
                read_regular(target, 100)
            except BaseException as exc:
                done.append(exc)

        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        thread.join(5)
        if thread.is_alive():  # unblock the old reader, then fail
            with contextlib.suppress(OSError):
                os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))
            pytest.fail("reading blocked")
        [error] = done
        assert isinstance(error, NotRegular)
        assert error.kind == kind

    def test_an_endless_device_is_refused(self) -> None:
        """/dev/zero, which never ends, is refused before a byte is read."""
        with pytest.raises(NotRegular, match="character device"):
            read_regular("/dev/zero", 100)

    def test_larger_than_the_limit(self, tmp_path: Path) -> None:
        """A file over the limit is refused from its size; one at the limit is read."""
        (tmp_path / "in.json").write_bytes(b"x" * 101)
        with pytest.raises(TooLarge) as info:
            read_regular(tmp_path / "in.json", 100)
        assert (info.value.size, info.value.limit) == (101, 100)
        assert read_regular(tmp_path / "in.json", 101) == b"x" * 101

    def test_a_file_without_a_size_is_read_only_to_the_limit(self) -> None:
        """A file that reports size 0 but holds more (/proc) is stopped at limit + 1 bytes."""
        status = Path("/proc/self/status")
        if not status.is_file():
            pytest.skip("needs /proc")
        with pytest.raises(TooLarge) as info:
            read_regular(status, 10)
        assert info.value.size is None


class TestNotAFile:
    def test_is_a_library_error_and_an_os_error(self) -> None:
        """NotAFile is an sr.Error and an OSError, names the file and pickles."""
        error = sr.NotAFile("/dev/null", "character device", "is a character device")
        assert isinstance(error, sr.Error)
        assert isinstance(error, OSError)
        assert str(error) == "/dev/null: is a character device"
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), str(copy), copy.kind, copy.filename) == (
            sr.NotAFile,
            str(error),
            "character device",
            "/dev/null",
        )


class TestDump:
    @pytest.mark.parametrize("kind", SPECIAL)
    def test_refuses_what_is_not_a_regular_file(
        self, ds: sr.Dataset, tmp_path: Path, kind: str
    ) -> None:
        """dump() to a FIFO, a device, a socket or a folder raises sr.NotAFile, writes nothing."""
        target = special(kind, tmp_path / "out.json")
        with pytest.raises(sr.NotAFile) as info:
            sr.dump(ds, target)
        assert info.value.filename == str(target)
        assert info.value.kind == kind
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_keeps_the_mode(self, ds: sr.Dataset, tmp_path: Path) -> None:
        """An existing 0644 file is still 0644 after a dump."""
        path = tmp_path / "out.json"
        path.write_bytes(b"old")
        path.chmod(0o644)
        sr.dump(ds, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert sr.load_file(path) == ds

    def test_text_that_cannot_be_written(self, tmp_path: Path) -> None:
        """A lone surrogate in a record built in Python: a DataError naming it, nothing written."""
        bad = small_dataset(**{"victory-day-parade-2015": {"title": "\ud800Moscow"}})
        path = tmp_path / "out.json"
        with pytest.raises(sr.DataError) as info:
            sr.dump(bad, path)
        [problem] = info.value.problems
        index = [m.id for m in bad.meetings].index("victory-day-parade-2015")
        assert problem.path == f"$.meetings[{index}].title"
        assert problem.record_id == "victory-day-parade-2015"
        assert "U+D800" in problem.message
        assert info.value.source == str(path)
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize(
        ("dataset", "path"), [(None, "out.json"), ("ds", 42), ("ds", b"out.json")]
    )
    def test_arguments_are_checked(
        self, ds: sr.Dataset, tmp_path: Path, dataset: Any, path: Any
    ) -> None:
        """dump() of something not a dataset, or to something not a path, is an ArgumentError."""
        with pytest.raises(sr.ArgumentError):
            sr.dump(ds if dataset == "ds" else dataset, path)
        assert not Path("out.json").exists()


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
