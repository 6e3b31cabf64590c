"""Batch orchestration: inputs -> per-page decisions -> OCR -> restore -> extract -> Parquet.

Work runs in a pool of `--jobs` worker processes, one job per small unit (open a file, OCR one
page, finish one document), so a 300-page scan is spread over all cores, memory stays flat (a
worker renders only the page it OCRs) and Tesseract runs single-threaded. One bad file or page
never stops the batch: it becomes a `failures` row. A worker that dies (segfault, out of
memory) is replaced; the jobs it may have taken down are retried one at a time so the culprit is
found and failed alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import multiprocessing as mp
import os
import time
import traceback
import unicodedata
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from vanban import extract, ocr, restore
from vanban.errors import (
    ExitCode,
    NotVietnameseError,
    OcrError,
    StageError,
    VanbanError,
    WorkerDiedError,
)
from vanban.ingest import Source, SourcePage, discover, open_source, render_page
from vanban.ingest.language import looks_vietnamese
from vanban.models.records import (
    DocumentRecord,
    Extraction,
    Failure,
    PageRecord,
    PageText,
    RestoredText,
    WordRecord,
)
from vanban.models.schema import (
    documents_table,
    failures_table,
    pages_table,
    tasks_table,
    words_table,
)
from vanban.models.words import words_for_page
from vanban.store import Store

LegacyPolicy = Literal["ocr", "restore"]
MIN_LAYER_CHARS = 40  # fewer characters than this on a page with an image: treat as no layer
FAULT_ENV = "VANBAN_TEST_FAULT"  # test-only fault injection, see tests/conftest.py


@dataclass(frozen=True, slots=True)
class RunOptions:
    out: Path
    jobs: int = 2
    force: bool = False
    lang: str = "vie"
    # What to do with a garbled (English-OCR) text layer: OCR the page image again with `vie`,
    # or restore the layer's text. `make bench-legacy`: OCR again gives 0.37-0.60% CER on the
    # four legacy PDFs, restoring the layer 4.4-43% (its tables come cell by cell); see README.
    legacy: LegacyPolicy = "ocr"
    # Run restore/ over Tesseract `vie` output too: it mends hook/acute confusions (thấm ->
    # thẩm, Buối -> Buổi). Measured on the medium scans: CER 0.53% -> 0.25% (000),
    # 0.60% -> 0.50% (001), 0.52% -> 0.51% (002); docs/ocr.md.
    restore_ocr: bool = True


@dataclass(frozen=True, slots=True)
class PagePlan:
    page_no: int
    method: Literal["text_layer", "ocr", "plain_text"]
    text: str  # the layer / plain text; empty for pages to OCR
    decision: str


@dataclass(frozen=True, slots=True)
class Prepared:
    source: Source
    plans: tuple[PagePlan, ...]


@dataclass(frozen=True, slots=True)
class DocResult:
    document: DocumentRecord
    pages: tuple[PageRecord, ...]
    extraction: Extraction
    words: tuple[WordRecord, ...] = ()


@dataclass
class RunSummary:
    inputs: int = 0
    documents: int = 0
    skipped: int = 0
    pages: int = 0
    ocr_pages: int = 0
    restored_pages: int = 0
    schedule_entries: int = 0
    directive_tasks: int = 0
    failed_files: int = 0
    failure_rows: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.SOME_FAILED if self.failure_rows else ExitCode.OK


# --------------------------------------------------------------------------- per-page decision


def decide_page(page: SourcePage, fmt: str, legacy: LegacyPolicy) -> PagePlan:
    """Text layer, OCR or plain text for one page, with the measured reason."""
    if fmt == "text":
        return PagePlan(page.page_no, "plain_text", page.text or "", "plain text input")
    layer = (page.text or "").strip()
    if len(layer) < MIN_LAYER_CHARS:
        why = "no text layer" if not layer else f"text layer has only {len(layer)} characters"
        return PagePlan(page.page_no, "ocr", "", why + ": OCR with Tesseract")
    verdict = restore.assess(layer)
    if not verdict.needs_restore:
        return PagePlan(page.page_no, "text_layer", page.text or "",
                        f"text layer is good Vietnamese ({verdict.reason})")
    if legacy == "restore" or not page.has_image:
        return PagePlan(page.page_no, "text_layer", page.text or "",
                        f"text layer garbled ({verdict.reason}): restore its text")
    return PagePlan(page.page_no, "ocr", "",
                    f"text layer garbled ({verdict.reason}): OCR the page image with vie")


# --------------------------------------------------------------------------- worker jobs


def _maybe_inject_fault(stage: str, path: Path) -> None:
    spec = os.environ.get(FAULT_ENV, "")
    if not spec:
        return
    kind, _, needle = spec.partition(":")
    if needle and needle not in path.name:
        return
    if kind == f"{stage}-crash":
        os._exit(139)  # like a segfault: no exception, the process just dies
    if kind == f"{stage}-oom":
        raise MemoryError("injected out-of-memory")
    if kind == f"{stage}-error":
        raise OcrError("injected Tesseract failure", path)
    if kind == f"{stage}-sleep":
        time.sleep(0.4)


def prepare_job(path: Path, legacy: LegacyPolicy) -> Prepared:
    _maybe_inject_fault("prepare", path)
    source = open_source(path)
    plans = tuple(decide_page(p, source.fmt, legacy) for p in source.pages)
    return Prepared(source, plans)


def ocr_job(path: Path, fmt: str, page_no: int, lang: str) -> PageText:
    _maybe_inject_fault("ocr", path)
    image = render_page(path, fmt, page_no - 1)  # type: ignore[arg-type]
    page = ocr.ocr_page(image, page_no, lang)
    return page


def finish_job(prepared: Prepared, ocr_pages: dict[int, PageText], restore_ocr: bool) -> DocResult:
    """Restore flagged pages, check the language, extract; pure function of its inputs."""
    source = prepared.source
    _maybe_inject_fault("finish", source.path)
    raw_pages: list[PageText] = []
    for plan in prepared.plans:
        if plan.method == "ocr":
            got = ocr_pages[plan.page_no]
            raw_pages.append(dataclasses.replace(got, decision=plan.decision + got.decision))
        else:
            raw_pages.append(PageText(page_no=plan.page_no, method=plan.method, text=plan.text,
                                      decision=plan.decision))
    if any(p.method == "ocr" for p in raw_pages):
        raw_pages = ocr.join_page_tables(raw_pages)
    final_pages: list[PageText] = []
    restored_by_page: dict[int, RestoredText] = {}
    words: list[WordRecord] = []
    records: list[PageRecord] = []
    for page in raw_pages:
        # One Unicode form for everything downstream: text layers may carry decomposed marks.
        page = dataclasses.replace(page, text=unicodedata.normalize("NFC", page.text))
        text, restored, decision = page.text, False, page.decision
        if page.text.strip() and (page.method != "ocr" or restore_ocr):
            # Every page goes through restore/: garbled or accent-less text is restored, good
            # text keeps every valid syllable and only impossible spellings are mended.
            verdict = restore.assess(page.text)
            result = restore.restore_text(page.text)
            restored = result.text != page.text
            text = result.text
            restored_by_page[page.page_no] = result
            if restored:
                decision += f"; restored {result.n_changed} tokens ({verdict.reason})"
        final_pages.append(dataclasses.replace(page, text=text, decision=decision))
        words += words_for_page(source.doc_id, page, restored_by_page.get(page.page_no))
        records.append(PageRecord(
            doc_id=source.doc_id, page_no=page.page_no, method=page.method, restored=restored,
            ocr_confidence=page.ocr_confidence, text=text, raw_text=page.text,
            decision=decision,
        ))
    whole = "\n".join(p.text for p in final_pages)
    ok, why = looks_vietnamese(whole)
    if not ok:
        raise NotVietnameseError(f"not a Vietnamese document ({why})", source.path)
    extraction = extract.extract_document(final_pages)
    document = DocumentRecord(
        doc_id=source.doc_id, source_path=str(source.path), sha256=source.sha256,
        n_pages=source.n_pages, meta=extraction.meta, source_format=source.fmt,
        warnings=extraction.warnings,
    )
    return DocResult(document, tuple(records), extraction, tuple(words))


# --------------------------------------------------------------------------- failures


def traceback_digest(exc: BaseException) -> str:
    """Digest of where the error came from (file, function per frame): the same bug hitting
    many files gives the same digest, so analysts can group failures by cause."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = "|".join(f"{Path(f.filename).name}:{f.name}" for f in frames)
    return hashlib.sha1(f"{type(exc).__name__}|{where}".encode()).hexdigest()[:12]


def failure_from(exc: BaseException, path: Path, stage: str, sha256: str | None = None,
                 page_no: int | None = None) -> Failure:
    if isinstance(exc, VanbanError):
        message = exc.message
        page_no = exc.page if exc.page is not None else page_no
        error_type = type(exc).__name__
    elif isinstance(exc, MemoryError):
        message, error_type = f"out of memory ({exc})", "OutOfMemory"
    else:
        message = f"unexpected {type(exc).__name__}: {exc}"
        error_type = StageError.__name__
    return Failure(
        source_path=str(path), stage=stage, error_type=error_type, message=message,
        traceback_digest=traceback_digest(exc), time=dt.datetime.now(dt.UTC),
        page_no=page_no, sha256=sha256,
    )


def path_key(path: Path) -> str:
    """Failure-part key for a file whose content could not be read (no sha256)."""
    return "path-" + hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- scheduler


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
        ) -> RunSummary:
    """Process every input under `paths` into `options.out`; never raises for a bad input."""
    started = time.monotonic()
    emit: Reporter = report or (lambda event, msg: None)
    inputs = discover(paths)
    store = Store(options.out)
    summary = RunSummary(inputs=len(inputs))
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

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=options.jobs, mp_context=mp.get_context("spawn"),
                                   max_tasks_per_child=200)

    def submit(pool: ProcessPoolExecutor, job: _Job) -> None:
        fut: Future[object]
        if job.kind == "prepare":
            fut = pool.submit(prepare_job, job.path, options.legacy)
        elif job.kind == "ocr":
            src = docs[job.path].prepared.source
            fut = pool.submit(ocr_job, src.path, src.fmt, job.page_no, options.lang)
        else:
            d = docs[job.path]
            fut = pool.submit(finish_job, d.prepared, d.ocr_pages, options.restore_ocr)
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
        store.write_document(
            src.doc_id,
            documents_table([result.document]),
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

    pool = new_pool()
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
                except BrokenProcessPool:
                    broken = True
                    job.attempts += 1
                    _requeue_or_fail(job, retry, fail_file, on_ocr)
                    continue
                except BaseException as exc:  # one bad input never stops the batch
                    if isinstance(exc, KeyboardInterrupt):
                        raise
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
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
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
