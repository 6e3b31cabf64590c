"""The scheduler: fans documents out into page jobs on an executor and commits results.

One job per small unit (open a file, OCR one page, finish one document), so a 300-page scan is
spread over all workers, memory stays flat (a worker renders only the page it OCRs) and
Tesseract runs single-threaded. One bad file or page never stops the batch: it becomes a
`failures` row. A worker that dies (segfault, out of memory) is replaced; with the local pool
the jobs it may have taken down are retried one at a time so the culprit is found and failed
alone (Dask retries by itself). Only this process commits to OUT, each document once,
atomically; workers write only under OUT/.vanban-tmp (pipeline/spool.py: OCR'd pages and a
finished document's part files wait there, so this process never holds a document's pages).
"""

from __future__ import annotations

import shutil
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from vanban.errors import (
    DocumentTimeoutError,
    OutputError,
    PageTimeoutError,
    WorkerDiedError,
    WorkerOutOfMemoryError,
)
from vanban.ingest.discover import discover_inputs, display_name
from vanban.models.records import Failure
from vanban.models.schema import failures_table
from vanban.pipeline import corrections, plugins, runinfo, spool
from vanban.pipeline.executors import JobExecutor, make_executor
from vanban.pipeline.failures import failure_from, path_key
from vanban.pipeline.jobs import ocr_job, prepare_job
from vanban.pipeline.lock import locked
from vanban.pipeline.spool import Spooled, Staged
from vanban.pipeline.state import Prepared, RunOptions, RunSummary
from vanban.pipeline.worker import clear_run_tmp
from vanban.store import Store

# A page job is given up when it has not come back within twice its OCR budget plus this: the
# budget bounds Tesseract inside the worker; this catches what it cannot (a stuck render or
# Python step, a worker that stopped answering) and time spent queued behind one other job.
PAGE_GRACE_S = 30.0


@dataclass
class _Job:
    kind: Literal["prepare", "ocr", "finish"]
    path: Path
    page_no: int = 0
    attempts: int = 0
    deadline: float | None = None  # monotonic time past which it is given up (set at submit)
    death: str | None = None  # how the worker last died under it ("killed by SIGKILL" ...)


@dataclass
class _Doc:
    prepared: Prepared
    deadline: float | None = None
    spooled: dict[int, str] = field(default_factory=dict)  # page -> its OCR result on disk
    failed_pages: dict[int, str] = field(default_factory=dict)  # page -> why its OCR failed
    page_failures: list[Failure] = field(default_factory=list)
    waiting: set[int] = field(default_factory=set)


# (event, message); event in start/ok/skip/fail/info, the heartbeat page (a long
# document's OCR progress line), or the counters ocr_planned (message: the number of
# pages a document sends to OCR) and ocr_done (one page back) for progress.
Reporter = Callable[[str, str], None]


def run(paths: Sequence[str | Path], options: RunOptions,
        report: Reporter | None = None, total_hook: Callable[[int], None] | None = None,
        executor: JobExecutor | None = None) -> RunSummary:
    """Process every input under `paths` into `options.out`; never raises for a bad input.

    Holds OUT's lock for the whole run (a second run on the same OUT refuses at once).
    """
    with locked(options.out):
        return _run(paths, options, report, total_hook, executor)


def _job_deadline(job: _Job, options: RunOptions, doc: _Doc | None, now: float) -> float | None:
    limits: list[float] = []
    if doc is not None and doc.deadline is not None:
        limits.append(doc.deadline)
    if job.kind == "prepare":
        budget = options.doc_budget(0)  # opening a file: the document's base budget
        if budget:
            limits.append(now + budget)
    elif job.kind == "ocr" and options.page_timeout:
        limits.append(now + 2 * options.page_timeout + PAGE_GRACE_S)
    return min(limits) if limits else None


def _run(paths: Sequence[str | Path], options: RunOptions, report: Reporter | None,
         total_hook: Callable[[int], None] | None, executor: JobExecutor | None) -> RunSummary:
    started = time.monotonic()
    emit: Reporter = report or (lambda event, msg: None)
    inputs, problems = discover_inputs(paths)
    store = Store(options.out)
    corrections_dir = corrections.folder(options.out, options.corrections)
    tmp_dir = clear_run_tmp(options.out)  # leftovers of a killed run go (we hold the lock)
    spool_dir = tmp_dir.absolute()  # workers (Dask's too) find the spooled pages there
    summary = RunSummary(inputs=len(inputs) + len(problems))
    for bad, err in problems:  # every path named on the command line is accounted for
        f = failure_from(err, bad, "discover")
        store.write_failure(path_key(bad), failures_table([f]))
        summary.failed_files += 1
        summary.failure_rows += 1
        msg = f"{display_name(bad)}: {f.error_type}: {f.message}"
        summary.messages.append(msg)
        emit("fail", msg)
    if total_hook:
        total_hook(len(inputs))
    started_at = runinfo.start(options, paths)

    def skip_done(path: Path, sha: str) -> None:
        summary.skipped += 1
        emit("skip", f"{path}: done with these options (sha256 {sha[:12]}), skipped")

    inputs, hashes = runinfo.presort(
        inputs, store, options, skip_done,
        redo=lambda doc_id: corrections.pending(corrections_dir, store, doc_id))
    scans = [p for p in inputs
             if p.suffix.lower() in {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}]
    if scans:
        from vanban.ocr import tesseract

        tesseract.check_available(options.lang, engine=options.ocr_engine)

    queue: deque[_Job] = deque(_Job("prepare", p) for p in largest_first(inputs))
    retry: deque[_Job] = deque()
    inflight: dict[Future[object], _Job] = {}
    docs: dict[Path, _Doc] = {}
    seen_ids: dict[str, Path] = {}
    max_docs = max(2, options.jobs * 2)

    specs = options.plugins
    plugins.check(specs)
    ran_since_reset = False  # the pool's workers have run a job since they started

    def submit(pool: JobExecutor, job: _Job) -> None:
        nonlocal ran_since_reset
        fut: Future[object]
        if job.kind != "prepare" and job.path not in docs:
            return  # its document failed (time budget) while the job waited
        job.deadline = _job_deadline(job, options, docs.get(job.path), time.monotonic())
        if job.kind == "prepare":
            fut = pool.submit(prepare_job, job.path, options.legacy, specs, options.restore_ocr,
                              options.pages, hashes.get(job.path), options.resolution)
        elif job.kind == "ocr":
            # The page comes back as a file under the run folder, not through this process.
            src = docs[job.path].prepared.source
            dest = spool.page_file(spool_dir, src.doc_id, job.page_no)
            fut = pool.submit(spool.spooled_ocr, ocr_job, str(dest), options.restore_ocr,
                              src.path, src.fmt,
                              job.page_no, options.lang, specs, options.page_timeout,
                              options.ocr_engine, docs[job.path].prepared.doc.resolution)
        else:
            d = docs[job.path]
            doc_id = d.prepared.source.doc_id
            fut = pool.submit(spool.finish_staged, d.prepared, d.spooled, d.failed_pages, specs,
                              len(d.page_failures), options,
                              str(spool.doc_dir(spool_dir, doc_id)))
        inflight[fut] = job
        ran_since_reset = True

    def fail_file(job: _Job, exc: BaseException) -> None:
        doc = docs.pop(job.path, None)
        if doc is not None:
            spool.drop(spool_dir, doc.prepared.source.doc_id)
        sha = doc.prepared.source.sha256 if doc else hashes.get(job.path)
        f = failure_from(exc, job.path, job.kind, sha256=sha)
        key = doc.prepared.source.doc_id if doc else path_key(job.path)
        store.write_failure(key, failures_table([f, *(doc.page_failures if doc else [])]))
        summary.failed_files += 1
        summary.failure_rows += 1 + (len(doc.page_failures) if doc else 0)
        where = f" (page {f.page_no})" if f.page_no else ""
        msg = f"{job.path}{where}: {f.error_type}: {f.message}"
        summary.messages.append(msg)
        emit("fail", msg)

    def on_prepared(job: _Job, prepared: Prepared) -> None:
        src = prepared.source
        if src.doc_id in seen_ids:
            summary.skipped += 1
            emit("skip", f"{job.path}: same content as {seen_ids[src.doc_id]}, skipped")
            return
        seen_ids[src.doc_id] = job.path
        if options.pages is not None and not prepared.pages and src.pages:  # none selected
            summary.skipped += 1
            emit("skip", f"{job.path}: none of its {src.n_pages} page(s) in --pages "
                         f"{options.pages}, skipped")
            return
        reuse = not options.force and store.is_done(
            src.doc_id, runinfo.run_key(src.sha256, options))
        if reuse:
            if not corrections.pending(corrections_dir, store, src.doc_id):
                summary.skipped += 1
                emit("skip", f"{job.path}: unchanged since last run "
                             f"(sha256 {src.sha256[:12]}), skipped")
                return
            emit("info", f"{job.path}: its page corrections changed since the last run: redone")
        prepared, bad_corrections = corrections.attach(prepared, corrections_dir, store, reuse)
        budget = options.doc_budget(src.n_pages)
        doc = _Doc(prepared, deadline=time.monotonic() + budget if budget else None)
        docs[job.path] = doc
        for problem in bad_corrections:  # a correction file that cannot be used: a failures row
            doc.page_failures.append(failure_from(problem, job.path, "correct", src.sha256))
            emit("info", f"{job.path}: {problem.message}")
        # The plans are the pages this run reads (all, or those --pages selects).
        source_page = {p.page_no: p for p in src.pages}
        for plan in prepared.plans:
            if plan.reading is None and plan.method != "text_layer":  # OCR or a text chunk
                doc.waiting.add(plan.page_no)
                if source_page[plan.page_no].error is None:
                    queue.appendleft(_Job("ocr", job.path, plan.page_no))
        emit("ocr_planned", str(len(doc.waiting)))
        for plan in prepared.plans:  # pages the file could not give: a failure row, no OCR
            page = source_page[plan.page_no]
            if page.error is not None:
                on_ocr(_Job("ocr", job.path, page.page_no), None, page.error)
        if not doc.waiting and job.path in docs and not any(
                j.kind == "finish" and j.path == job.path for j in queue):
            queue.appendleft(_Job("finish", job.path))

    def on_ocr(job: _Job, page: Spooled | None, exc: BaseException | None) -> None:
        doc = docs.get(job.path)
        if doc is None or job.page_no not in doc.waiting:
            return  # a late result for a document already failed (or a page already given up)
        if exc is not None:
            f = failure_from(exc, job.path, "ocr", doc.prepared.source.sha256, job.page_no)
            doc.page_failures.append(f)
            emit("info", f"{job.path} (page {job.page_no}): {f.error_type}: {f.message}")
            doc.failed_pages[job.page_no] = f.message
            summary.unreadable_pages += f.error_type == "UnreadablePageError"
        else:
            assert page is not None
            doc.spooled[job.page_no] = page.path
            if page.quality == "poor":  # kept, but the reader must know it is doubtful
                summary.poor_pages += 1
                emit("info", f"{job.path} (page {job.page_no}): poor OCR quality, text kept "
                             f"({page.quality_why})")
        doc.waiting.discard(job.page_no)
        emit("ocr_done", "")
        emit("page", f"{job.path}: {len(doc.spooled)} of {len(doc.spooled) + len(doc.waiting)}"
                     " OCR pages done")
        if not doc.waiting:
            queue.appendleft(_Job("finish", job.path))

    def on_finished(job: _Job, result: Staged) -> None:
        doc = docs.pop(job.path, None)
        if doc is None:
            return  # a late result for a document already failed on its time budget
        src = doc.prepared.source
        # The worker built the tables (a value no column can hold failed its job, and so only
        # this document) and wrote the parts; committing them is a few renames.
        store.commit_parts(
            src.doc_id, {name: Path(file) for name, file in result.parts},
            failures_table(doc.page_failures) if doc.page_failures else None,
            clear_failure_keys=(src.doc_id, path_key(job.path)),
        )
        spool.drop(spool_dir, src.doc_id)
        if result.status == "failed":  # committed with its rows, but counted and told as a failure
            _count_failed_document(summary, emit, src.path, doc.page_failures)
            return
        summary.documents += 1
        summary.pages += result.pages
        summary.ocr_pages += result.ocr_pages
        summary.restored_pages += result.restored_pages
        summary.schedule_entries += result.schedule_entries
        summary.directive_tasks += result.directive_tasks
        if doc.page_failures:
            summary.failure_rows += len(doc.page_failures)
            summary.messages.extend(f"{src.path} (page {f.page_no}): {f.message}"
                                    for f in doc.page_failures)
        emit("ok", f"{src.path}: {result.pages} pages, {result.schedule_entries} schedule "
                   f"entries, {result.directive_tasks} directive tasks")

    def active_docs() -> int:
        return len(docs) + sum(1 for j in inflight.values() if j.kind == "prepare")

    def expire(pool: JobExecutor) -> None:
        """Give up jobs and documents past their time budgets: each becomes a failure row."""
        now = time.monotonic()
        late = [(f, j) for f, j in inflight.items() if j.deadline is not None and now >= j.deadline]
        for fut, job in late:
            if fut not in inflight:
                continue  # already requeued below, after a pool reset
            inflight.pop(fut)
            doc = docs.get(job.path)
            if job.kind == "ocr" and doc is not None and (doc.deadline is None
                                                          or now < doc.deadline):
                limit = 2 * options.page_timeout + PAGE_GRACE_S
                on_ocr(job, None, PageTimeoutError(
                    f"page job did not come back within {limit:g}s (--page-timeout "
                    f"{options.page_timeout:g}); its worker was stopped", job.path, job.page_no))
            else:
                budget = options.doc_budget(doc.prepared.source.n_pages if doc else 0)
                fail_file(job, DocumentTimeoutError(
                    f"document ran past its {budget:g}s budget (--doc-timeout) in its "
                    f"{job.kind} step; unfinished work dropped", job.path))
            if pool.abandon(fut):  # the other in-flight jobs were lost with the stopped worker
                for other, ojob in list(inflight.items()):
                    inflight.pop(other)
                    (retry if ojob.attempts else queue).appendleft(ojob)
        for path, doc in list(docs.items()):
            if doc.deadline is not None and now >= doc.deadline and not any(
                    j.path == path for j in inflight.values()):
                budget = options.doc_budget(doc.prepared.source.n_pages)
                fail_file(_Job("finish", path), DocumentTimeoutError(
                    f"document ran past its {budget:g}s budget (--doc-timeout) while its "
                    "pages waited; unfinished work dropped", path))

    def next_timeout() -> float | None:
        ends = [j.deadline for j in inflight.values() if j.deadline is not None]
        ends += [d.deadline for d in docs.values() if d.deadline is not None]
        return max(0.0, min(ends) - time.monotonic()) + 0.05 if ends else None

    pool = executor or make_executor(options.executor, options.jobs, options.scheduler,
                                     str(tmp_dir), warm=warm_workers(scans, options.jobs))
    aborted = True
    try:
        while queue or retry or inflight:
            if retry:
                # After a worker died: run suspects alone, so a crash names its own job.
                if not inflight:
                    ran_since_reset = fresh_pool(pool, ran_since_reset)
                    submit(pool, retry.popleft())
            else:
                while queue and len(inflight) < options.jobs * 2:
                    job = queue[0]
                    if job.kind == "prepare" and active_docs() >= max_docs:
                        break
                    queue.popleft()
                    submit(pool, job)
            if not inflight:
                expire(pool)
                continue
            done, _ = wait(list(inflight), timeout=next_timeout(), return_when=FIRST_COMPLETED)
            if not done:
                expire(pool)
                continue
            broken = False
            for fut in done:
                job = inflight.pop(fut)
                try:
                    value = fut.result()
                except BaseException as exc:  # one bad input never stops the batch
                    # ... but an OUT that cannot be written (a worker writing the run
                    # folder: spooled pages, staged parts) stops the run, exit 4.
                    if isinstance(exc, KeyboardInterrupt | OutputError):
                        raise
                    if pool.is_worker_death(exc):
                        broken = not pool.retries_deaths
                        job.death = pool.death_cause(exc)
                        job.attempts += 1 if broken else 2
                        _requeue_or_fail(job, retry, fail_file, on_ocr)
                        continue
                    if job.kind == "ocr":
                        on_ocr(job, None, exc)
                    else:
                        fail_file(job, exc)
                    continue
                if job.kind == "prepare":
                    assert isinstance(value, Prepared)
                    on_prepared(job, value)
                elif job.kind == "ocr":
                    assert isinstance(value, Spooled)
                    on_ocr(job, value, None)
                else:
                    assert isinstance(value, Staged)
                    on_finished(job, value)
            if broken:
                for fut, job in list(inflight.items()):
                    inflight.pop(fut)
                    job.attempts += 1
                    _requeue_or_fail(job, retry, fail_file, on_ocr)
                pool.reset()
                ran_since_reset = False
            expire(pool)
        aborted = False
    finally:
        pool.close(abort=aborted)  # interrupted: end the workers now, not after their jobs
        if aborted:
            shutil.rmtree(tmp_dir, ignore_errors=True)
    shutil.rmtree(tmp_dir, ignore_errors=True)
    for f in corrections.orphan_failures(corrections_dir, store, seen_ids):
        summary.failure_rows += 1
        summary.messages.append(f"{f.source_path}: {f.error_type}: {f.message}")
        emit("fail", summary.messages[-1])
    summary.seconds = time.monotonic() - started
    runinfo.finish(options, summary, started_at, paths)
    return summary


def fresh_pool(pool: JobExecutor, ran_since_reset: bool) -> bool:
    """Before a suspect job runs alone: new workers, when the pool's have run jobs since they
    started. "Alone" must mean alone in memory too: an idle worker keeps what its last job
    took (an OCR'd A4 page: ~200 MiB), and killed for it under a memory limit, it broke the
    pool under the suspect, which was then failed as "killed also when run alone" (issue 15,
    a 300 MiB limit: a text blamed for a scan's worker). Returns the new ran-since-reset."""
    if ran_since_reset:
        pool.reset()
    return False


# Scanned input per worker started at once: a scanned page is 0.1-0.8 MiB (a 1-bit fax to a
# grey 300-dpi JPEG), so a MiB is a few pages, enough to keep one more worker busy.
WARM_BYTES_PER_WORKER = 1 << 20


def warm_workers(scans: Sequence[Path], jobs: int) -> int:
    """How many local workers to start before the first job (pipeline/worker.py warm_up):
    one per MiB of PDF and image inputs, at most `jobs`. Every worker of a long scan then
    starts with the run; a single small scan starts no worker it will not use."""
    total = sum(_size(p) for p in scans)
    return min(jobs, -(-total // WARM_BYTES_PER_WORKER))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # opening it gives its failure row, at once


def largest_first(inputs: Sequence[Path]) -> list[Path]:
    """Inputs in the order they are opened: largest file first (ties keep their order).

    The end of a batch is its last document's tail (the last pages, then its finish job, one
    worker busy and the others idle): a big scan opened last leaves the most work for the
    fewest workers. Opened first, its pages spread over every worker while the small files
    (text, single images) fill the end. Size stands in for the pages, unknown until a file
    is opened."""
    return sorted(inputs, key=_size, reverse=True)


def _count_failed_document(summary: RunSummary, emit: Reporter, path: Path,
                           page_failures: Sequence[Failure]) -> None:
    summary.failed_files += 1
    summary.failure_rows += len(page_failures)
    summary.messages.extend(f"{path} (page {f.page_no}): {f.error_type}: {f.message}"
                            for f in page_failures)
    emit("fail", f"{path}: failed, no page gave text ({len(page_failures)} page failure(s))")


def _requeue_or_fail(job: _Job, retry: deque[_Job],
                     fail_file: Callable[[_Job, BaseException], None],
                     on_ocr: Callable[[_Job, Spooled | None, BaseException | None], None]) -> None:
    """A job seen in a dead pool is retried alone once; dying alone as well makes it the culprit."""
    if job.attempts < 2:
        retry.append(job)
        return
    exc = worker_death_error(job)
    if job.kind == "ocr":
        on_ocr(job, None, exc)
    else:
        fail_file(job, exc)


def worker_death_error(job: _Job) -> WorkerDiedError:
    """The culprit's typed error. SIGKILL, which vanban never sends to a worker it still
    waits on, is how the kernel's OOM killer ends a process under a memory limit: the issue's
    "exit 130 under 300 MiB" and a main process killed instead are what it was before."""
    where = f" on page {job.page_no}" if job.kind == "ocr" else ""
    page = job.page_no or None
    if job.death and job.death.startswith("out of memory"):  # a Dask nanny's restart
        return WorkerOutOfMemoryError(f"worker {job.death}{where}; lower --jobs or raise "
                                      "the workers' memory limit", job.path, page)
    if job.death == "killed by SIGKILL":
        return WorkerOutOfMemoryError(
            f"worker killed, likely out of memory: SIGKILL (the kernel OOM killer's signal)"
            f"{where}, also when run alone; lower --jobs or raise the memory limit",
            job.path, page)
    return WorkerDiedError(f"worker process died{where} "
                           f"({job.death or 'crash or out of memory'})", job.path, page)
