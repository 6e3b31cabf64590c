"""A run with pages to read starts every local worker at once.

The process pool starts a worker only when a job finds none idle: a run of one scanned file
submitted its open job alone, and its second worker started (and imported the stages) only
after the file was opened, one core idle meanwhile. `LocalPool(warm=N)` starts N when it is
made; the scheduler asks for one per MiB of PDF and image inputs, at most --jobs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from vanban.pipeline import RunOptions, executors, run
from vanban.pipeline.executors import LocalPool
from vanban.pipeline.scheduler import warm_workers

from helpers import seed


def test_a_warm_pool_has_every_worker_before_any_job() -> None:
    warm = LocalPool(2, warm=5)
    try:
        assert len(warm._pool._processes) == 2
    finally:
        warm.close()
    cold = LocalPool(2)
    try:
        cold.submit(os.getpid).result()
        assert len(cold._pool._processes) == 1  # the pool's own behaviour: one per need
    finally:
        cold.close()


def test_the_scheduler_warms_the_pool_only_for_pages_to_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def make(name: str, jobs: int, scheduler: str | None = None, tmp_dir: str | None = None,
             warm: int = 0) -> executors.JobExecutor:
        asked.append(warm)
        return executors.InProcess()

    monkeypatch.setattr("vanban.pipeline.scheduler.make_executor", make)
    text = tmp_path / "doc.txt"
    text.write_bytes(seed("000").read_bytes())
    run([text], RunOptions(out=tmp_path / "out", jobs=2))
    blank = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(blank)
    run([blank], RunOptions(out=tmp_path / "out2", jobs=2))
    # a small scan: one worker (the one its first job starts anyway); a text file: none
    assert asked == [0, 1]
    assert warm_workers([blank], 2) == 1
    big = tmp_path / "long_scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (3 << 20))  # size is all that is read
    assert warm_workers([big], 2) == 2 and warm_workers([big], 8) == 4
