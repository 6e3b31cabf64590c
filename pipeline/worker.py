"""Set-up of a local worker process: its temp folder and a watch on its parent.

Run as the process pool's initializer. Two leaks it closes, both measured on v1 (issue 15):
- after SIGKILL of the main process its workers lived on (6 of 6 trials, ~200 MiB each) and
  kept OCR'ing: the parent watch ends a worker whose parent is gone, with its Tesseract children;
- Tesseract's temp files (pytesseract writes images and TSV into the temp folder) stayed in
  /tmp: workers write them under OUT's run folder instead, which the next run (holding OUT's
  lock, so no other run uses it) empties.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

TMP_NAME = ".vanban-tmp"
WATCH_INTERVAL_S = 1.0


def run_tmp(out: Path) -> Path:
    """The run's temp folder under OUT (hidden: readers of the tables never see it)."""
    return out / TMP_NAME


def clear_run_tmp(out: Path) -> Path:
    """Empty and recreate the run's temp folder; call only while holding OUT's lock."""
    folder = run_tmp(out)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def init_worker(tmp_dir: str | None, parent_pid: int) -> None:
    """Pool initializer: temp files under `tmp_dir`, exit when `parent_pid` is gone."""
    if tmp_dir:
        os.environ["TMPDIR"] = tmp_dir
        tempfile.tempdir = tmp_dir
    # SIGINT goes to the whole process group on Ctrl-C; the main process decides what to do,
    # and ends the workers itself (a worker dying of KeyboardInterrupt mid-job is noise).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    volunteer_for_oom_killer()
    keep_freed_memory()
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                     name="vanban-parent-watch").start()


def warm_up() -> None:
    """A no-op job that starts a worker and imports the stages (~0.8 CPU s) before real jobs.

    The process pool starts a worker only when a job finds none idle. A run of one scanned
    file submitted its open job alone, so the second worker was started (and imported the
    stages) only after the file was opened, while the first already read pages: one core sat
    idle for the first worker's start-up, the opening and the second's start-up. Submitting
    one of these per worker first starts them all at once (executors.LocalPool `warm`)."""
    import vanban.pipeline.stages  # noqa: F401


# Under a memory limit (a cgroup's, a container's) the kernel's OOM killer ends the process
# with the highest oom_score, about its share of memory: often the main process (~180 MiB,
# more than a worker still importing), and then the whole batch dies with SIGKILL (measured
# under an emulated 250 MiB limit). Raising the workers' score (a process may raise its own
# and its children's) makes the killer pick a worker, whose job the scheduler retries alone
# and, if it dies again, records as a failure row while the batch goes on. The pool raises it
# as soon as a worker is started (pipeline/executors.py), before the worker's imports grow it.
OOM_SCORE_ADJ = 500


def volunteer_for_oom_killer(pid: int | None = None) -> None:
    """Raise the oom_score_adj of `pid` (None: this process); best effort (not Linux: no-op)."""
    with contextlib.suppress(OSError):
        Path(f"/proc/{pid or 'self'}/oom_score_adj").write_text(str(OOM_SCORE_ADJ))


# glibc malloc: arrays up to 64 MiB come from the heap, and up to 64 MiB freed at its top is
# kept. A page is an 8 MiB image plus masks, crops and canvases of that order, allocated and
# freed on every page: by default glibc serves each from fresh mmap'd memory (its threshold
# rises only after frees it has seen) and trims the heap after a page, and the kernel zeroes
# and faults the pages in again each time. Measured in one process on 8 scan pages, 3 runs
# each against the default: 2.5-6% less CPU (1.38-1.46 vs 1.42-1.51 s/page), peak RSS the
# same (327 vs 326 MiB on 6 pages).
MMAP_THRESHOLD = 64 << 20
TRIM_THRESHOLD = 64 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt's parameter numbers (malloc.h)


def keep_freed_memory() -> None:
    """Tune glibc malloc for page-sized arrays (above); no-op where libc has no mallopt."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL_S)
        if os.getppid() != parent_pid:  # re-parented: the main process died
            _kill_children()
            os._exit(1)


def _kill_children() -> None:
    """SIGKILL this process's children (a Tesseract mid-page) before leaving."""
    me = os.getpid()
    for task in Path(f"/proc/{me}/task").glob("*/children"):
        try:
            pids = task.read_text().split()
        except OSError:
            continue
        for pid in pids:
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
