"""Input and output helpers: bounded reads, all-or-nothing writes, pausing the GC.

Reading (`read_regular`) and writing (`write_atomic`,
`write_all`) touch only regular files. A path that names a directory, a
FIFO, a device or a socket raises `NotRegular` before a byte is read or
written: reading a FIFO would block for ever and ``/dev/zero`` never ends;
renaming a file over ``/dev/null`` would replace the device. A symbolic link is
followed: a read reads the file it names, a write replaces that file and keeps
the link.

This module sits below the exception tree (``_errors``), so it raises plain
``OSError`` subclasses; the public functions that call it (``load_file``,
``dump``, ``export``) turn `NotRegular` into ``sinorussia.NotAFile``
and `TooLarge` into a ``DataError``.

Writes: every new byte goes to a temporary file beside its target, which is
flushed to disk and then renamed over the target, so a reader sees the old file
or the new one, never half of one. `write_all` does this for several
files at once: it writes every temporary file first, then renames them in,
keeping the old files until every rename has succeeded; if one fails, the old
files are put back, so the folder holds every new file or every old one (a
power cut in the middle of the renames can still leave a mix, and hidden
``.*.old`` copies of the old files). A file that is replaced keeps its
permission bits (and, where the process may set them, its owner and group); a
new file gets the mode ``0o666`` less the umask, which the kernel applies when
the temporary file is created, as for any ``open()``: the umask is never read,
so no other thread sees it changed. An error names the target, never the
temporary file, and no temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import shutil
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Final, TypeVar

__all__ = ["NotRegular", "TooLarge", "gc_paused", "read_regular", "write_all", "write_atomic"]

_KINDS: Final = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISLNK, "symbolic link"),
)

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_BINARY: Final = getattr(os, "O_BINARY", 0)


class NotRegular(OSError):
    """A path to read or write that exists and is not a regular file.

    Attributes:
        filename: The path, as given.
        kind: What is there (``directory``, ``FIFO``, ``character device`` ...).
        strerror: The message, without the path.

    """

    kind: str

    def __init__(self, filename: str, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(errno.EISDIR if kind == "directory" else errno.EINVAL, message, filename)

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


class TooLarge(Exception):
    """A file larger than the limit a read allows.

    Attributes:
        filename: The path, as given.
        size: The file's size in bytes, or ``None`` when it is only known to be
            larger than ``limit`` (it grew while read, or reports no size).
        limit: The largest size allowed.

    """

    def __init__(self, filename: str, size: int | None, limit: int) -> None:
        self.filename = filename
        self.size = size
        self.limit = limit
        super().__init__(filename, size, limit)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "special file")


# -- reading --------------------------------------------------------------------


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO opens at once) and checked with
    ``fstat`` before anything is read; at most ``limit`` + 1 bytes are ever
    read, so a file that grows or reports no size is still caught.

    Raises:
        NotRegular: ``path`` is not a regular file (a symbolic link is followed).
        TooLarge: The file is larger than ``limit`` bytes.
        OSError: The file cannot be opened or read (``FileNotFoundError`` ...).

    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket (or a device without its driver)
            try:
                mode = os.stat(name).st_mode
            except OSError:
                raise exc from None
            if not stat.S_ISREG(mode):
                raise _refused_read(name, mode) from None
        raise
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise _refused_read(name, status.st_mode)
        if status.st_size > limit:
            raise TooLarge(name, status.st_size, limit)
        wanted = status.st_size + 1  # one more than the size: the read that finds the end
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, max(wanted - total, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(name, None, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _refused_read(name: str, mode: int) -> NotRegular:
    kind = _kind(mode)
    return NotRegular(name, kind, f"is a {kind}, not a regular file; only regular files are read")


# -- writing --------------------------------------------------------------------


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one.

    See the module documentation: a temporary file beside the target, flushed,
    then renamed over it; an existing file keeps its mode, a new one follows
    the umask; a symbolic link is kept and the file it names replaced.

    Returns:
        The path written, as given.

    Raises:
        NotRegular: ``path`` exists and is not a regular file.
        OSError: The file cannot be written; the error names ``path``.

    """
    return write_all({path: data})[0]


_Path = TypeVar("_Path", bound="str | os.PathLike[str]")


def write_all(
    files: Mapping[_Path, bytes],
    *,
    remove: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Write several files, and remove others, all or nothing.

    Every temporary file is written and flushed before any target is touched;
    then each is renamed over its target, the old file kept aside; then the
    files in ``remove`` that exist are moved aside. If any step fails, every
    target already replaced gets its old file back (or is removed, if it is
    new) and every removed file is put back, so the files hold their old bytes.
    Only then are the old files deleted.

    Args:
        files: The bytes to write, by path.
        remove: Files to remove once everything is written (missing ones, and
            anything that is not a regular file, are left alone).

    Returns:
        The paths written, as given, in the order given.

    Raises:
        NotRegular: A target exists and is not a regular file; nothing is written.
        OSError: A file cannot be written; the error names that file (never a
            temporary one), and the files are as they were.

    """
    targets = [Path(path) for path in files]
    gone = [Path(path) for path in remove]
    pending: list[_Pending] = []
    current = targets[0] if targets else Path()
    try:
        for target, data in zip(targets, files.values(), strict=True):
            current = target
            pending.append(_prepare(target, data))
        journal = _Journal(keep=len(pending) + len(gone) > 1)
        try:
            for item in pending:
                current = item.target
                journal.replace(item)
            for path in gone:
                current = path
                journal.remove(path)
        except BaseException:
            journal.undo()
            raise
        journal.commit()
    except NotRegular:
        raise
    except OSError as exc:
        raise _naming(exc, current) from None
    finally:
        for item in pending:
            item.discard()
    for folder in dict.fromkeys(item.real.parent for item in pending):
        _sync_folder(folder)
    return targets


class _Pending:
    """A temporary file written, flushed and ready to be renamed over ``real``."""

    def __init__(self, target: Path, real: Path, temporary: Path, existed: bool) -> None:
        self.target = target
        self.real = real
        self.temporary = temporary
        self.existed = existed

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.temporary)


def _destination(target: Path) -> tuple[Path, os.stat_result | None]:
    """The file a write to ``target`` replaces (a link followed) and its status, if it exists.

    Raises:
        NotRegular: What is there is not a regular file.

    """
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return target, None
    real = target
    link = ""
    if stat.S_ISLNK(status.st_mode):
        real = Path(os.path.realpath(target))
        link = f"a symbolic link to {str(real)!r}, "
        try:
            status = os.lstat(real)
        except FileNotFoundError:  # a dangling link: the file it names is created
            return real, None
        if stat.S_ISLNK(status.st_mode):
            message = "is a symbolic link that does not resolve (a loop); it is not replaced"
            raise NotRegular(str(target), "symbolic link", message)
    if not stat.S_ISREG(status.st_mode):
        kind = _kind(status.st_mode)
        message = (
            f"is {link}a {kind}, not a regular file; it is not replaced"
            " (only regular files are written)"
        )
        raise NotRegular(str(target), kind, message)
    return real, status


def _sibling(
    real: Path, suffix: str, *, create: bool = True, mode: int = 0o600
) -> tuple[Path, int]:
    """A new hidden name beside ``real``; with ``create``, the file made and opened there."""
    import secrets

    for _ in range(100):
        name = real.parent / f".{real.name}.{secrets.token_hex(6)}{suffix}"
        if not create:
            return name, -1
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
            return name, os.open(name, flags, mode)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(real))


def _prepare(target: Path, data: bytes) -> _Pending:
    real, status = _destination(target)
    # A new file: 0o666, less the umask (applied by the kernel, which also
    # applies a folder's default ACL). A replaced one: its own bits, set below.
    temporary, fd = _sibling(real, ".tmp", mode=0o600 if status else 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if status is not None:
            _keep_owner(fd, status)
            os.chmod(fd if os.chmod in os.supports_fd else temporary, status.st_mode & 0o777)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    os.close(fd)
    return _Pending(target, real, temporary, status is not None)


def _keep_owner(fd: int, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as the process may."""
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows
        return
    if (status.st_uid, status.st_gid) == (os.geteuid(), os.getegid()):
        return
    for owner in (status.st_uid, -1):
        try:
            os.fchown(fd, owner, status.st_gid)
        except OSError:
            continue
        return


class _Journal:
    """The renames done so far, to undo them, and the old files kept until the end."""

    def __init__(self, *, keep: bool) -> None:
        self.keep = keep  # keep old files aside (several files); one file needs no undo
        self.done: list[tuple[Path, Path | None]] = []  # (path, its old file, or None if new)
        self.removed: list[tuple[Path, Path | None]] = []  # (path, its old file)

    def replace(self, item: _Pending) -> None:
        backup = self._backup(item.real) if self.keep and item.existed else None
        try:
            os.replace(item.temporary, item.real)
        except BaseException:
            if backup is not None:
                with contextlib.suppress(OSError):
                    os.unlink(backup)
            raise
        self.done.append((item.real, backup))

    def remove(self, path: Path) -> None:
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            return
        if not stat.S_ISREG(status.st_mode):
            return
        backup = self._backup(path) if self.keep else None
        try:
            os.unlink(path)
        except BaseException:
            if backup is not None:
                with contextlib.suppress(OSError):
                    os.unlink(backup)
            raise
        self.removed.append((path, backup))

    def _backup(self, real: Path) -> Path:
        """A hard link to the old file (its very inode), or failing that a copy."""
        for _ in range(100):
            backup, _ = _sibling(real, ".old", create=False)
            try:
                os.link(real, backup)
            except FileExistsError:
                continue
            except OSError:  # no hard links on this file system
                backup, fd = _sibling(real, ".old")
                os.close(fd)
                shutil.copy2(real, backup)
            return backup
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(real))

    def undo(self) -> None:
        """Put the old files back, newest change first; best effort."""
        for path, backup in reversed(self.removed):
            if backup is not None:
                with contextlib.suppress(OSError):
                    os.replace(backup, path)
        for path, backup in reversed(self.done):
            with contextlib.suppress(OSError):
                if backup is None:
                    os.unlink(path)
                else:
                    os.replace(backup, path)
        self.done.clear()
        self.removed.clear()

    def commit(self) -> None:
        """Delete the old files: every change is in."""
        for _, backup in (*self.done, *self.removed):
            if backup is not None:
                with contextlib.suppress(OSError):
                    os.unlink(backup)


def _naming(exc: OSError, target: Path) -> OSError:
    """``exc`` as an error about ``target``, whatever file the system call was on."""
    if exc.errno is None:  # no system error number: only the message can name the file
        return OSError(f"cannot write {target}: {exc}")
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(target))


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to disk, where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    Loading creates millions of small objects that form no reference cycles;
    the collector's repeated passes over them cost about two thirds of a large
    load (docs/performance.md). Reference counting still frees everything as
    usual. Nested and concurrent uses are counted, and the collector is
    re-enabled only by the last one out, and only if it was enabled before.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()
