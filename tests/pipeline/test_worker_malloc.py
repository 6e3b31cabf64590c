"""Workers keep page-sized arrays in malloc's heap instead of faulting fresh memory per page."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import resource, sys
import numpy as np
if sys.argv[1] == "tuned":
    from vanban.pipeline.worker import keep_freed_memory
    keep_freed_memory()
def page():  # a 300-dpi A4 page, a mask of it, a cell canvas read at 1.5x
    a = np.ones((3508, 2480), np.uint8)
    b = a > 0
    c = np.ones((3000, 4200), np.uint8)
    del a, b, c
page()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    page()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True,
                          check=True)
    return int(done.stdout.split()[-1])


def test_page_arrays_are_not_faulted_in_afresh_each_time() -> None:
    tuned, default = _faults("tuned"), _faults("default")
    # 20 pages of arrays: by default the largest (12.6 MB, over the threshold glibc has
    # raised to) is mmap'd and faulted in afresh each time; kept in the heap, once.
    assert tuned * 10 < default, (tuned, default)
