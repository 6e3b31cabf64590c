"""Imported only with `--executor dask`: the plugins the Dask executor registers.

`ExitReporter` (nannies) reports how each worker ended. A worker that the kernel's OOM killer
ends (SIGKILL) must become `WorkerOutOfMemoryError` rows, as on the local pool. Dask tells the
client only that the task's workers died (KilledWorker); the exit code stays in the nanny's
log, which the client does not see. The plugin logs it to the scheduler's event log, where
`DaskExecutor.death_cause` reads it. `MallocTuning` (workers) tunes glibc malloc.
"""

from __future__ import annotations

import contextlib
from typing import Any

from distributed.diagnostics.plugin import NannyPlugin, WorkerPlugin

from vanban.pipeline.worker import keep_freed_memory

EXIT_TOPIC = "vanban-worker-exit"


class ExitReporter(NannyPlugin):  # type: ignore[misc]
    """Logs {"worker": address, "exitcode": code} under EXIT_TOPIC when a worker process ends."""

    idempotent = True

    def setup(self, nanny: Any) -> None:
        own = nanny._on_worker_exit_sync  # the nanny's handler, called with the exit code

        def on_exit(exitcode: int) -> None:
            with contextlib.suppress(Exception):  # a report must never break the nanny
                nanny.log_event(EXIT_TOPIC, {"worker": nanny.worker_address,
                                             "exitcode": exitcode})
            own(exitcode)

        # The nanny hands this method to the WorkerProcess it makes; a running one (the
        # plugin registered after the cluster started) holds it already.
        nanny._on_worker_exit_sync = on_exit
        if nanny.process is not None:
            nanny.process.on_exit = on_exit


class MallocTuning(WorkerPlugin):  # type: ignore[misc]
    """glibc malloc tuned for page-sized arrays in every worker, as in the local pool's
    (`pipeline.worker.keep_freed_memory`). A plugin, so workers of a cluster the user started
    get it too: their nanny sets MALLOC_TRIM_THRESHOLD_=65536 unless its configuration says
    otherwise, which costs 0.2 s CPU per page."""

    idempotent = True

    def setup(self, worker: Any) -> None:
        keep_freed_memory()
