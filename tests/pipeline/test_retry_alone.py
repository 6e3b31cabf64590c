"""A job retried alone after a worker death runs on fresh workers (issue 15): an idle worker
keeps its last job's memory, and killed for it under a memory limit it broke the pool under
the suspect, which was then failed as "killed also when run alone"."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from vanban.pipeline import RunOptions, run
from vanban.pipeline.executors import InProcess

from helpers import seed


class _Died(Exception):
    pass


class DyingFirst(InProcess):
    """In-process jobs whose first `deaths` submissions die as if their worker were killed;
    records submissions and resets in order."""

    def __init__(self, deaths: int) -> None:
        self.deaths = deaths
        self.log: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        self.log.append("submit")
        if self.deaths:
            self.deaths -= 1
            fut: Future[Any] = Future()
            fut.set_exception(_Died("worker killed"))
            return fut
        return super().submit(fn, *args)

    def is_worker_death(self, exc: BaseException) -> bool:
        return isinstance(exc, _Died)

    def death_cause(self, exc: BaseException | None = None) -> str | None:
        return "SIGKILL"

    def reset(self) -> None:
        self.log.append("reset")


def test_each_suspect_runs_alone_on_fresh_workers(tmp_path: Path) -> None:
    pool = DyingFirst(deaths=2)  # both prepare jobs, in flight together, die
    summary = run([seed("000"), seed("002")],
                  RunOptions(out=tmp_path / "out", jobs=2, executor="inprocess"), executor=pool)
    assert summary.documents == 2 and summary.failed_files == 0
    # the deaths, the reset of the broken pool, then the two suspects one by one, each on
    # workers that ran nothing else; the other jobs after them as usual
    assert pool.log[:5] == ["submit", "submit", "reset", "submit", "reset"], pool.log
    assert pool.log[5] == "submit"
