"""The scheduler: fans documents out into page jobs on an executor and commits results.

One job per small unit (open a file, OCR one page, finish one document), so a 300-page scan is
spread over all workers, memory stays flat (a worker renders only the page it OCRs) and
Tesseract runs single-threaded. One bad file or page never stops the batch: it becomes a
`failures` row. A worker that dies (segfault, out of memory) is replaced; with the local pool
the jobs it may have taken down are retried one at a time so the culprit is found and failed
alone (Dask retries by itself). Only this process writes OUT, each document once, atomically.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from vanban.errors import WorkerDiedError
from vanban.ingest.discover import discover_inputs, display_name
from vanban.models.records import Failure, PageText
from vanban.models.schema import (
    documents_table,
    failures_table,
    pages_table,
    tasks_table,
    words_table,
)
from vanban.pipeline import plugins
from vanban.pipeline.executors import JobExecutor, make_executor
from vanban.pipeline.failures import failure_from, path_key
from vanban.pipeline.lock import locked
from vanban.pipeline.stages import finish_job, ocr_job, prepare_job
from vanban.pipeline.state import DocResult, Prepared, RunOptions, RunSummary
from vanban.store import Store


@dataclass
class _Job:
    kind: Literal["prepare", "ocr", "finish"]
    path: Path
    page_no: int = 0
    attempts: int = 0


@dataclass
class _Doc:
    prepared: Prepared
    ocr_pages: dict[int, PageText] = field(default_factory=dict)
    page_failures: list[Failure] = field(default_factory=list)
    waiting: set[int] = field(default_factory=set)


Reporter = Callable[[str, str], None]  # (event, message); event in start/ok/skip/fail/info


def run(paths: Sequence[str | Path], options: RunOptions,
        report: Reporter | None = None, total_hook: Callable[[int], None] | None = None,
        executor: JobExecutor | None = None) -> RunSummary:
    """Process every input under `paths` into `options.out`; never raises for a bad input.

    Holds OUT's lock for the whole run (a second run on the same OUT refuses at once).
    """
    with locked(options.out):
        return _run(paths, options, report, total_hook, executor)


def _run(paths: Sequence[str | Path], options: RunOptions, report: Reporter | None,
         total_hook: Callable[[int], None] | None, executor: JobExecutor | None) -> RunSummary:
    started = time.monotonic()
    emit: Reporter = report or (lambda event, msg: None)
    inputs, problems = discover_inputs(paths)
    store = Store(options.out)
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
    if any(p.suffix.lower() in {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"} for p in inputs):
        from vanban.ocr import tesseract

        tesseract.check_available(options.lang)

    queue: deque[_Job] = deque(_Job("prepare", p) for p in inputs)
    retry: deque[_Job] = deque()
    inflight: dict[Future[object], _Job] = {}
    docs: dict[Path, _Doc] = {}
    seen_ids: dict[str, Path] = {}
    max_docs = max(2, options.jobs * 2)

    specs = options.plugins
    plugins.check(specs)

    def submit(pool: JobExecutor, job: _Job) -> None:
        fut: Future[object]
        if job.kind == "prepare":
            fut = pool.submit(prepare_job, job.path, options.legacy, specs)
        elif job.kind == "ocr":
            src = docs[job.path].prepared.source
            fut = pool.submit(ocr_job, src.path, src.fmt, job.page_no, options.lang, specs,
                              options.page_timeout)
        else:
            d = docs[job.path]
            fut = pool.submit(finish_job, d.prepared, d.ocr_pages, options.restore_ocr, specs)
        inflight[fut] = job

    def fail_file(job: _Job, exc: BaseException) -> None:
        doc = docs.pop(job.path, None)
        sha = doc.prepared.source.sha256 if doc else None
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
        if store.is_done(src.doc_id) and not options.force:
            summary.skipped += 1
            emit("skip", f"{job.path}: unchanged since last run "
                         f"(sha256 {src.sha256[:12]}), skipped")
            return
        doc = _Doc(prepared)
        docs[job.path] = doc
        for plan in prepared.plans:
            if plan.method == "ocr":
                doc.waiting.add(plan.page_no)
                queue.appendleft(_Job("ocr", job.path, plan.page_no))
        if not doc.waiting:
            queue.appendleft(_Job("finish", job.path))

    def on_ocr(job: _Job, page: PageText | None, exc: BaseException | None) -> None:
        doc = docs[job.path]
        if exc is not None:
            f = failure_from(exc, job.path, "ocr", doc.prepared.source.sha256, job.page_no)
            doc.page_failures.append(f)
            emit("info", f"{job.path} (page {job.page_no}): {f.error_type}: {f.message}")
            page = PageText(page_no=job.page_no, method="ocr", text="",
                            decision=f"; OCR failed: {f.message}")
        assert page is not None
        doc.ocr_pages[job.page_no] = page
        doc.waiting.discard(job.page_no)
        if not doc.waiting:
            queue.appendleft(_Job("finish", job.path))

    def on_finished(job: _Job, result: DocResult) -> None:
        doc = docs.pop(job.path)
        src = doc.prepared.source
        tasks = result.extraction.tasks
        status = "partial" if doc.page_failures else "complete"
        store.write_document(
            src.doc_id,
            documents_table([dataclasses.replace(result.document, status=status)]),
            pages_table(result.pages),
            tasks_table(src.doc_id, tasks),
            failures_table(doc.page_failures) if doc.page_failures else None,
            clear_failure_keys=(src.doc_id, path_key(job.path)),
            words=words_table(result.words),
        )
        n_sched = sum(1 for t in tasks if t.kind == "schedule")
        summary.documents += 1
        summary.pages += len(result.pages)
        summary.ocr_pages += sum(1 for p in result.pages if p.method == "ocr")
        summary.restored_pages += sum(1 for p in result.pages if p.restored)
        summary.schedule_entries += n_sched
        summary.directive_tasks += len(tasks) - n_sched
        if doc.page_failures:
            summary.failure_rows += len(doc.page_failures)
            summary.messages.extend(f"{src.path} (page {f.page_no}): {f.message}"
                                    for f in doc.page_failures)
        emit("ok", f"{src.path}: {len(result.pages)} pages, {n_sched} schedule entries, "
                   f"{len(tasks) - n_sched} directive tasks")

    def active_docs() -> int:
        return len(docs) + sum(1 for j in inflight.values() if j.kind == "prepare")

    pool = executor or make_executor(options.executor, options.jobs, options.scheduler)
    try:
        while queue or retry or inflight:
            if retry:
                # After a worker died: run suspects alone, so a crash names its own job.
                if not inflight:
                    submit(pool, retry.popleft())
            else:
                while queue and len(inflight) < options.jobs * 2:
                    job = queue[0]
                    if job.kind == "prepare" and active_docs() >= max_docs:
                        break
                    queue.popleft()
                    submit(pool, job)
            if not inflight:
                continue
            done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                job = inflight.pop(fut)
                try:
                    value = fut.result()
                except BaseException as exc:  # one bad input never stops the batch
                    if isinstance(exc, KeyboardInterrupt):
                        raise
                    if pool.is_worker_death(exc):
                        broken = not pool.retries_deaths
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
                    assert isinstance(value, PageText)
                    on_ocr(job, value, None)
                else:
                    assert isinstance(value, DocResult)
                    on_finished(job, value)
            if broken:
                for fut, job in list(inflight.items()):
                    inflight.pop(fut)
                    job.attempts += 1
                    _requeue_or_fail(job, retry, fail_file, on_ocr)
                pool.reset()
    finally:
        pool.close()
    summary.seconds = time.monotonic() - started
    return summary


def _requeue_or_fail(job: _Job, retry: deque[_Job],
                     fail_file: Callable[[_Job, BaseException], None],
                     on_ocr: Callable[[_Job, PageText | None, BaseException | None], None]) -> None:
    """A job seen in a dead pool is retried alone once; dying alone as well makes it the culprit."""
    if job.attempts < 2:
        retry.append(job)
        return
    where = f" on page {job.page_no}" if job.kind == "ocr" else ""
    exc = WorkerDiedError(f"worker process died{where} (crash or out of memory)", job.path,
                          job.page_no or None)
    if job.kind == "ocr":
        on_ocr(job, None, exc)
    else:
        fail_file(job, exc)
