"""Test plugin that injects faults into worker jobs (`RunOptions.plugins` / `--plugin`).

Loaded by the product's plugin hook in every worker; configured by this test code's own
variable FAULT_ENV = "<stage>-<kind>[:<file-name part>]", kind one of crash (the process dies
like a segfault), oomkill (grows by 200 MiB, then SIGKILL, as the kernel's OOM killer ends a
process under a memory limit), hog (holds 700 MiB until something ends the process, as a Dask
nanny does past its worker's memory limit), oom (MemoryError), error (a typed OCR error),
sleep (0.4 s).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from vanban.errors import OcrError

FAULT_ENV = "VANBAN_TEST_FAULT"
PLUGIN = str(Path(__file__).resolve())


def before_stage(stage: str, path: Path) -> None:
    spec = os.environ.get(FAULT_ENV, "")
    kind, _, needle = spec.partition(":")
    if not spec or (needle and needle not in path.name):
        return
    if kind == f"{stage}-crash":
        os._exit(139)
    if kind == f"{stage}-oomkill":  # what the kernel's OOM killer does: grow, then SIGKILL
        hog = bytearray(200 << 20)
        hog[::4096] = b"\1" * len(hog[::4096])
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == f"{stage}-hog":  # held until the nanny (or the test's time-out) ends us
        hog = bytearray(700 << 20)
        hog[::4096] = b"\1" * len(hog[::4096])
        time.sleep(60)
    if kind == f"{stage}-oom":
        raise MemoryError("injected out-of-memory")
    if kind == f"{stage}-error":
        raise OcrError("injected Tesseract failure", path)
    if kind == f"{stage}-sleep":
        time.sleep(0.4)
