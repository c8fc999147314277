"""Input and output helpers: atomic writes, and pausing the GC for bulk work."""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

__all__ = ["gc_paused", "write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one.

    The bytes go to a temporary file in the same folder, are flushed to disk,
    and the temporary file then replaces ``path`` in one rename, so a crash
    never leaves a half-written file.

    Returns:
        The path written.

    """
    target = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


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
