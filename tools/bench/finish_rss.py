"""Peak RSS of the finish job alone on a long scanned document (issue 15/9: nothing holds a
whole document).

The finish job runs after a document's last page is OCR'd; on a 300-page scan it was the
largest process of the run. This measures it without OCR'ing 300 pages: `--unique` pages of
the bundled scans are OCR'd once (VANBAN_OCR_CACHE makes re-runs cheap), repeated up to
`--pages` as a 300-page scanned PDF's spooled pages (each with its restore-ahead result, as the
OCR jobs leave them), and `pipeline.spool.finish_staged` runs on them in a fresh process. It
prints that process's RSS before the job (imports, restore model) and its peak.

    python -m tools.bench.finish_rss [--pages 300] [--unique 12] [--work DIR]

`--work` keeps the spooled pages, so another checkout can be measured on the same input: run
`python -m tools.bench.finish_rss --measure DIR` with that checkout importable as `vanban`.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.bench.scale import build_input

ROOT = Path(__file__).resolve().parents[2]


def spool_input(work: Path, n_pages: int, unique: int) -> None:
    from vanban.pipeline import spool, stages

    pdf = build_input(work, max_pages=unique, total=n_pages)
    prepared = stages.prepare_job(pdf, "ocr")
    readings = {}
    for no in range(1, unique + 1):
        page = stages.ocr_job(pdf, "pdf", no, "vie")
        readings[no] = (page, spool.restore_ahead(page))
    spooled = {}
    for no in range(1, n_pages + 1):
        page, ahead = readings[(no - 1) % unique + 1]
        dest = work / "spool" / f"{no}.pkl"
        spool._write((dataclasses.replace(page, page_no=no), ahead), dest)
        spooled[no] = str(dest)
    with (work / "job.pkl").open("wb") as fh:
        pickle.dump((prepared, spooled), fh)


def measure(work: Path) -> None:
    """In this process: load the job, note the RSS, run the finish job, print the peak."""
    from vanban import restore
    from vanban.pipeline import spool
    from vanban.pipeline.state import RunOptions

    restore.restore_text("Kế hoạch xây dựng nông thôn mới")  # the model, as a worker has it
    with (work / "job.pkl").open("rb") as fh:
        prepared, spooled = pickle.load(fh)
    before = _rss_mib()
    t0 = time.process_time()
    staged = spool.finish_staged(prepared, spooled, {}, (), 0, RunOptions(out=work / "out"),
                                 str(work / "parts"))
    cpu = time.process_time() - t0
    peak = _status_mib("VmHWM")
    print(f"{len(spooled)} pages: RSS before the finish job {before:.0f} MiB, peak {peak:.0f} "
          f"MiB (+{peak - before:.0f}); CPU {cpu:.1f} s; {staged.pages} pages, "
          f"{staged.schedule_entries + staged.directive_tasks} tasks")


def _rss_mib() -> float:
    return _status_mib("VmRSS")


def _status_mib(field: str) -> float:
    """From /proc/self/status. VmHWM, not ru_maxrss: Linux carries a parent's high-water mark
    into ru_maxrss across fork and exec (measured: 524 MiB from a 497 MiB parent, 242 from a
    shell), while VmHWM is this program's own."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--unique", type=int, default=12)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--measure", type=Path, help="only measure the job already in this folder")
    args = ap.parse_args()
    if args.measure:
        measure(args.measure)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="finish-rss-"))
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "job.pkl").exists():
        spool_input(work, args.pages, args.unique)
    subprocess.run([sys.executable, "-m", "tools.bench.finish_rss", "--measure", str(work)],
                   check=True, cwd=ROOT, env={**os.environ, "OMP_THREAD_LIMIT": "1"})


if __name__ == "__main__":
    main()
