"""One run per output folder: an advisory lock on OUT/.vanban.lock.

A second `vanban run` on the same OUT used to delete the first run's in-progress temp files at
start-up and kill it. The lock is taken before anything in OUT is touched; the kernel drops it
when the process dies (even by SIGKILL), so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vanban.errors import OutputError

LOCK_NAME = ".vanban.lock"


@contextmanager
def locked(out: Path) -> Iterator[None]:
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot create output folder: {exc.strerror or exc}", out) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise OutputError(f"another vanban run (pid {holder}) is writing to this output "
                              "folder; wait for it or choose another -o", out) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
