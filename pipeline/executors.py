"""Where jobs run, behind one interface: this process, a local process pool, a Dask cluster.

The scheduler only calls `submit(fn, *args) -> Future` and `wait`, and asks `is_worker_death`
whether an exception means the worker died under the job (rather than the job failing). After a
death, the local pool is rebuilt and suspects are retried alone (so a crash names its culprit);
Dask does that itself (nanny restarts the worker, the scheduler reschedules its tasks, a task
that killed `allowed-failures` workers fails with KilledWorker).
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from vanban.errors import UsageError
from vanban.pipeline.worker import init_worker, volunteer_for_oom_killer, warm_up


class JobExecutor(Protocol):
    """What the scheduler needs from an executor."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]: ...

    def is_worker_death(self, exc: BaseException) -> bool: ...

    def death_cause(self, exc: BaseException | None = None) -> str | None:
        """After a worker death (`exc`: the exception the job met): how the worker ended
        ("killed by SIGKILL", "crashed (SIGSEGV)", "exited with code 1", "out of memory: ..."
        when a Dask nanny restarted it for memory), None when the executor cannot tell."""
        ...

    def reset(self) -> None: ...  # after a worker death: drop the (broken) workers

    def abandon(self, fut: Future[Any]) -> bool:
        """Give up a job that ran past its time budget. True when other in-flight jobs were
        lost with it (the local pool must kill its workers to stop a stuck one); the scheduler
        resubmits those without counting it against them."""
        ...

    @property
    def retries_deaths(self) -> bool: ...  # True: the executor retries jobs after deaths itself

    def close(self, abort: bool = False) -> None: ...  # abort: end running jobs too


class InProcess:
    """Runs each job at once in this process: for tests and debugging (no crash isolation)."""

    retries_deaths = False

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # delivered through the future like any executor's
            if isinstance(exc, KeyboardInterrupt):
                raise
            fut.set_exception(exc)
        return fut

    def is_worker_death(self, exc: BaseException) -> bool:
        return False

    def death_cause(self, exc: BaseException | None = None) -> str | None:
        return None

    def reset(self) -> None:
        pass

    def abandon(self, fut: Future[Any]) -> bool:
        return False  # jobs ran to completion inside submit; nothing is in flight

    def close(self, abort: bool = False) -> None:
        pass


DEATH_STATUS_WAIT_S = 2.0


class _WorkerProcess(mp.context.SpawnProcess):
    """A spawned worker whose oom_score is raised the moment it exists (pipeline/worker.py)."""

    def start(self) -> None:
        super().start()
        volunteer_for_oom_killer(self.pid)


class _WorkerContext(mp.context.SpawnContext):
    Process = _WorkerProcess


class LocalPool:
    """`jobs` spawned worker processes; a worker that dies breaks the pool, which is rebuilt."""

    retries_deaths = False

    def __init__(self, jobs: int, tmp_dir: str | None = None, warm: int = 0) -> None:
        self.jobs = jobs
        self.tmp_dir = tmp_dir
        self._pool = self._new()
        # `warm` workers started now, not when a job first finds none idle (worker.warm_up)
        for _ in range(min(warm, jobs)):
            self._pool.submit(warm_up)

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=_WorkerContext(),
                                   max_tasks_per_child=200, initializer=init_worker,
                                   initargs=(self.tmp_dir, os.getpid()))

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        try:
            return self._pool.submit(fn, *args)
        except BrokenProcessPool as exc:
            # A worker died after the last wait: the job meets the death through its future,
            # like the jobs that were in flight, and is retried with them.
            fut: Future[Any] = Future()
            fut.set_exception(exc)
            return fut

    def is_worker_death(self, exc: BaseException) -> bool:
        return isinstance(exc, BrokenProcessPool)

    def death_cause(self, exc: BaseException | None = None) -> str | None:
        # The broken pool still holds its process objects until reset(): the one that died
        # by itself has its own exit status; the others end with the pool's SIGTERM or are
        # still running (None).
        # The pool's manager thread reaps them concurrently (a poll racing its join sees None
        # for a moment), and ends the others: wait until every one has its status.
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        end = time.monotonic() + DEATH_STATUS_WAIT_S
        while True:
            codes = [_exitcode(p) for p in procs]
            if None not in codes or time.monotonic() > end:
                break
            time.sleep(0.02)
        own = [c for c in codes if c is not None and c != -signal.SIGTERM]
        return exit_status(own[0]) if own else None

    def reset(self) -> None:
        self._kill_workers()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new()

    def abandon(self, fut: Future[Any]) -> bool:
        # A process pool cannot cancel a running job: the only way to stop a stuck worker is
        # to end the pool's workers, which also ends the other jobs they were running.
        self.reset()
        return True

    def _kill_workers(self) -> None:
        procs: dict[int, Any] = getattr(self._pool, "_processes", None) or {}
        for proc in list(procs.values()):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                proc.kill()
        for proc in list(procs.values()):
            with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
                proc.join(5)

    def close(self, abort: bool = False) -> None:
        # An aborted run must not wait for the pool's manager thread: a worker killed while
        # writing its result leaves half a message in the result pipe, and the thread blocks
        # on it forever (seen: a SIGTERM'd run hung 40 minutes in shutdown). The CLI leaves the
        # process with os._exit after an abort, so no exit handler joins that thread either.
        if abort:
            self._kill_workers()
        # RuntimeError: the pool never started (out of threads or memory at start-up).
        with contextlib.suppress(RuntimeError):
            self._pool.shutdown(wait=not abort, cancel_futures=True)


class DaskExecutor:
    """Jobs as Dask tasks: a LocalCluster of `jobs` worker processes, or a running scheduler.

    Workers must import the same vanban (and see the inputs and OUT at the same paths: they
    spool pages and part files under OUT/.vanban-tmp). This process alone commits them to OUT,
    so each document is committed once.
    """

    retries_deaths = True

    def __init__(self, jobs: int, address: str | None) -> None:
        try:
            # Untyped package: held as Any so strict typing stays honest about it.
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise UsageError("--executor dask needs Dask: pip install 'vanban[dask]'") from exc
        self._cluster: Any = None
        if address is None:
            # One task per worker thread, none queued behind it on the worker: a task waiting
            # on a worker that a bad file kills counts as a suspect too, and after
            # allowed-failures deaths an innocent document would fail with the culprit.
            dask: Any = importlib.import_module("dask")
            dask.config.set({
                "distributed.scheduler.worker-saturation": 1.0,
                # The statistical profiler samples every task thread each 10 ms and folds the
                # stacks each second: CPU taken from the pages (workers get this config from
                # their nanny). Nobody reads its output here: no dashboard is started.
                "distributed.worker.profile.enabled": False,
                # Dask sets MALLOC_TRIM_THRESHOLD_=65536 for its workers. Set at all, it turns
                # off glibc's dynamic mmap threshold: every array over 128 KiB (a page image is
                # 8 MiB, its masks and crops as many more) is mmap'd and page-faulted afresh.
                # Measured on 6 scan pages in one process: 1.62 -> 1.86 CPU s/page. Unset, the
                # workers allocate like the local pool's.
                "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                # Wall-clock housekeeping of every scheduler, nanny and worker: the event-loop
                # tick watch (20 ms) and the dashboard's system monitor (500 ms). No dashboard
                # is started; an idle 2-worker cluster took 0.067 CPU s per second with the
                # defaults, 0.018 with these.
                "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "5s",
                "distributed.worker.memory.monitor-interval": "200ms",
            })
            self._cluster = distributed.LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=40)
            self._client: Any = distributed.Client(self._cluster)
        else:
            self._client = distributed.Client(address)
        # The nannies log each worker's exit code to the scheduler (death_cause reads it).
        from vanban.pipeline.dask_plugins import EXIT_TOPIC, ExitReporter, MallocTuning

        self._client.register_plugin(ExitReporter(), name=EXIT_TOPIC)
        self._client.register_plugin(MallocTuning(), name="vanban-malloc")
        self._executor: Executor = self._client.get_executor(pure=False, retries=1)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return self._executor.submit(fn, *args)

    def is_worker_death(self, exc: BaseException) -> bool:
        return type(exc).__name__ == "KilledWorker"

    def death_cause(self, exc: BaseException | None = None) -> str | None:
        """How the last worker that died under the task ended, from the scheduler's event log:
        the nanny's own "worker-restart-memory" event (it restarts a worker past 95% of its
        memory limit), else the exit code `ExitReporter` logged. The events travel beside the
        worker's removal, so they are waited for a moment."""
        worker = getattr(getattr(exc, "last_worker", None), "address", None)
        if worker is None:
            return None
        from vanban.pipeline import dask_plugins

        end = time.monotonic() + DEATH_STATUS_WAIT_S
        while True:
            with contextlib.suppress(Exception):  # a closed client or scheduler: no answer
                for _, msg in self._client.get_events(MEMORY_RESTART_TOPIC):
                    if isinstance(msg, dict) and msg.get("worker") == worker:
                        return ("out of memory: the Dask nanny restarted it past "
                                f"{_memory_fraction()} of its memory limit (RSS "
                                f"{int(msg.get('rss', 0)) >> 20} MiB)")
                for _, msg in self._client.get_events(dask_plugins.EXIT_TOPIC):
                    if isinstance(msg, dict) and msg.get("worker") == worker:
                        code = msg.get("exitcode")
                        return exit_status(code) if isinstance(code, int) else None
            if time.monotonic() > end:
                return None
            time.sleep(0.1)

    def reset(self) -> None:
        pass

    def abandon(self, fut: Future[Any]) -> bool:
        # Dask cannot stop a running task: its result is dropped when it comes. Each Tesseract
        # call is still bounded by the page budget, so only pure-Python work can run on.
        fut.cancel()
        return False

    def close(self, abort: bool = False) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


# The nanny's own scheduler event, logged before it ends a worker for memory.
MEMORY_RESTART_TOPIC = "worker-restart-memory"


def _memory_fraction() -> str:
    try:
        dask: Any = importlib.import_module("dask")
        return f"{float(dask.config.get('distributed.worker.memory.terminate')):.0%}"
    except (ImportError, KeyError, TypeError, ValueError):
        return "95%"


def _exitcode(proc: Any) -> int | None:
    try:
        code = proc.exitcode
    except (OSError, ValueError, AttributeError, AssertionError):
        return None
    return code if isinstance(code, int) else None


def exit_status(code: int) -> str:
    """A process's exit code in words: a negative code is the signal that ended it."""
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return "killed by SIGKILL" if name == "SIGKILL" else f"crashed ({name})"
    return f"exited with code {code}"


def make_executor(name: str, jobs: int, scheduler: str | None = None,
                  tmp_dir: str | None = None, warm: int = 0) -> JobExecutor:
    """`warm`: workers the local pool starts at once (scheduler.warm_workers)."""
    if name == "inprocess":
        return InProcess()
    if name == "local":
        return LocalPool(jobs, tmp_dir, warm)
    if name == "dask":
        return DaskExecutor(jobs, scheduler)
    raise UsageError(f"unknown executor {name!r} (local, inprocess, dask)")
