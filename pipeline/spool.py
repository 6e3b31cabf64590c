"""Page results and a document's part files wait on disk, not in the main process.

An OCR'd page (text, words with boxes, tables) is tens to hundreds of KiB of Python objects.
The main process used to hold every OCR'd page of a document until its last page came back,
send them all to the finish job and get every row back as Python records: on a 120-page scan
its RSS grew 173 -> 297 MiB, and pickling, unpickling and building the Arrow tables of all
those rows cost main-process CPU that the workers needed on a 2-core machine.

Now the worker that OCRs a page writes its `PageText` to OUT/.vanban-tmp/<doc_id>/<page>.pkl
and returns a small handle; the finish job (a worker too) reads them back, builds the tables
and writes the document's Parquet parts into the same folder; the main process only renames
them into OUT (`Store.commit_parts`: the documents part last, the commit) and removes the
folder. Files are written to a temporary name and renamed, so a reader never meets half of
one; OUT/.vanban-tmp is emptied when a run starts (it holds OUT's lock), so a run that was
killed leaves nothing behind that the next run could take for its own. Workers must see OUT
at the same path (the Dask executor needs a shared OUT anyway).
"""

from __future__ import annotations

import os
import pickle
import shutil
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban import restore
from vanban.errors import OutputError
from vanban.models.records import PageText, RestoredText, RestoreVerdict
from vanban.models.schema import documents_table, pages_table, tasks_table, words_table
from vanban.pipeline import runinfo
from vanban.pipeline.failures import Status, document_status
from vanban.pipeline.stages import finish_job
from vanban.pipeline.state import Prepared, RunOptions
from vanban.store import write_atomic


@dataclass(frozen=True, slots=True)
class Spooled:
    """An OCR'd page waiting on disk: what travels back to the main process instead of it."""

    page_no: int
    path: str
    quality: str | None = None  # the page's OCR quality verdict, for the run's warning line
    quality_why: str = ""


@dataclass(frozen=True, slots=True)
class Staged:
    """A finished document's part files, written beside its spooled pages, and the counts the
    run's summary needs (the rows themselves never reach the main process)."""

    parts: tuple[tuple[str, str], ...]  # (table, file), the documents part among them
    status: Status  # documents.status (pipeline.failures.document_status)
    pages: int
    ocr_pages: int
    restored_pages: int
    schedule_entries: int
    directive_tasks: int


def doc_dir(tmp_dir: Path, doc_id: str) -> Path:
    return tmp_dir / doc_id


def page_file(tmp_dir: Path, doc_id: str, page_no: int) -> Path:
    return doc_dir(tmp_dir, doc_id) / f"{page_no}.pkl"


def drop(tmp_dir: Path, doc_id: str) -> None:
    """Remove a document's spooled pages and staged parts (committed or failed)."""
    shutil.rmtree(doc_dir(tmp_dir, doc_id), ignore_errors=True)


def _write(obj: object, dest: Path) -> None:
    """Pickle `obj` to `dest` atomically; a full or read-only OUT is the run's OutputError
    (exit 4, as when the main process writes a part), never one page's failure."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {dest}: {exc.strerror or exc}", dest) from exc


Ahead = tuple[RestoreVerdict, RestoredText]


def read_spooled(path: str | Path) -> tuple[PageText, Ahead | None]:
    with Path(path).open("rb") as fh:
        page, ahead = pickle.load(fh)
    assert isinstance(page, PageText)
    return page, ahead


def read_page(path: str | Path) -> PageText:
    return read_spooled(path)[0]


def restore_ahead(page: PageText) -> Ahead | None:
    """restore/'s verdict and result for the page's text, as `restore_pages` would make them.

    Made in the OCR job, so they are computed in parallel instead of in the one finish job at
    the end of a document (restore is 2 of the finish job's 5 CPU seconds on 40 pages, the
    serial tail of a run). Any failure here leaves the work to the finish job, which reports
    it as before.
    """
    text = unicodedata.normalize("NFC", page.text)
    if not text.strip():
        return None
    try:
        verdict = restore.assess(text)
        return verdict, restore.restore_text(text, mode=verdict.mode)
    except Exception:  # the finish job does it again and reports what fails
        return None


def spooled_ocr(ocr: Callable[..., PageText], dest: str, ahead: bool, *args: Any) -> Spooled:
    """Run `ocr(*args)` (the OCR job) and leave its page on disk at `dest`, restored ahead
    when `ahead` (the run restores OCR'd pages)."""
    page = ocr(*args)
    # A text chunk (a large text input's page) is always restored: ahead, in parallel.
    ahead = ahead or page.method == "plain_text"
    _write((page, restore_ahead(page) if ahead else None), Path(dest))
    return Spooled(page.page_no, dest, page.quality, page.quality_why)


def finish_staged(prepared: Prepared, spooled: Mapping[int, str], failed: Mapping[int, str],
                  plugin_specs: tuple[str, ...], n_page_failures: int, options: RunOptions,
                  folder: str) -> Staged:
    """The finish job, in a worker: read the document's spooled pages, run FINISH, build the
    rows' Arrow tables and write them as part files under `folder` for the main process to
    commit. A value no column can hold raises here, and fails this document only."""
    read = {no: read_spooled(path) for no, path in spooled.items()}
    ahead = {no: got for no, (_, got) in read.items() if got is not None}
    result = finish_job(prepared, {no: page for no, (page, _) in read.items()}, failed,
                        plugin_specs, ahead)
    del read, ahead
    src = prepared.source
    tasks = result.extraction.tasks
    status = document_status((p.text for p in result.pages), n_page_failures)
    tables = {
        "pages": pages_table(result.pages),
        "words": words_table(result.words),
        "tasks": tasks_table(src.doc_id, tasks),
        "documents": documents_table([runinfo.stamp(result.document, status, options,
                                                    src.path)]),
    }
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}", out) from exc
    parts = []
    for name, table in tables.items():  # write_atomic: fsync'd, with the vanban version
        dest = out / f"{name}.parquet"
        write_atomic(table, dest)
        parts.append((name, str(dest)))
    n_sched = sum(1 for t in tasks if t.kind == "schedule")
    return Staged(tuple(parts), status=status, pages=len(result.pages),
                  ocr_pages=sum(1 for p in result.pages if p.method == "ocr"),
                  restored_pages=sum(1 for p in result.pages if p.restored),
                  schedule_entries=n_sched, directive_tasks=len(tasks) - n_sched)
