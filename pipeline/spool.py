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

import dataclasses
import os
import pickle
import shutil
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban.errors import OutputError
from vanban.models.records import PageText, RestoredText, RestoreVerdict
from vanban.models.schema import documents_table, pages_table, tasks_table, words_table
from vanban.pipeline import plugins, runinfo
from vanban.pipeline.failures import Status, document_status
from vanban.pipeline.parts import PartWriter
from vanban.pipeline.state import PageState, Prepared, RunOptions
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
    from vanban import restore  # in the worker only: the main process never restores

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
    """The finish job, in a worker: FINISH over the document's spooled pages, streamed, its
    tables written as part files under `folder` for the main process to commit.

    Nothing holds the whole document but its final text: join_tables runs over the readings
    without their words (it only needs texts, tables and line styles); then each page in turn
    is read again with its words, corrected and restored (PAGE_FINISH), and its pages and words
    rows are written into the parts (row groups, `PartWriter`) before the next page is read;
    only what the document-wide stages need of it is kept (DOC_FINISH: gates and extract). Same
    rows as `finish_job` (tests/pipeline/test_stream_finish.py). A value no column can hold
    raises here, and fails this document only.
    """
    # The stages are imported here, in the worker: the main process imports this module for
    # its paths and handles only, and its memory is what a memory limit leaves the workers.
    from vanban.pipeline.stages import (
        DOC_FINISH,
        PAGE_FINISH,
        document_record,
        page_rows,
        run_stages,
    )

    plugins.before_stage(plugin_specs, "finish", prepared.source.path)
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}", out) from exc
    doc, src = prepared.doc, prepared.source
    writers = {"pages": PartWriter(out / "pages.parquet", pages_table([]).schema),
               "words": PartWriter(out / "words.parquet", words_table([]).schema)}
    try:
        kept: list[PageState] = []
        n_ocr = n_restored = 0
        for state in _joined_pages(prepared, spooled, failed):
            _, (state,) = run_stages(PAGE_FINISH, doc, (state,))
            record, words = page_rows(src.doc_id, state)
            writers["pages"].add(pages_table([record]))
            writers["words"].add(words_table(words))
            n_ocr += record.method == "ocr"
            n_restored += record.restored
            kept.append(_for_document(state))
        doc, pages = run_stages(DOC_FINISH, doc, tuple(kept))
        del kept
        assert doc.extraction is not None
        tasks = doc.extraction.tasks
        status = document_status((p.text for p in pages), n_page_failures)
        parts = [(name, str(w.close())) for name, w in writers.items()]
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    whole = {"tasks": tasks_table(src.doc_id, tasks),
             "documents": documents_table([runinfo.stamp(document_record(doc), status, options,
                                                          src.path)])}
    for name, table in whole.items():  # write_atomic: fsync'd, with the vanban version
        dest = out / f"{name}.parquet"
        write_atomic(table, dest)
        parts.append((name, str(dest)))
    n_sched = sum(1 for t in tasks if t.kind == "schedule")
    return Staged(tuple(parts), status=status, pages=len(pages),
                  ocr_pages=n_ocr, restored_pages=n_restored,
                  schedule_entries=n_sched, directive_tasks=len(tasks) - n_sched)


def _joined_pages(prepared: Prepared, spooled: Mapping[int, str],
                  failed: Mapping[int, str]) -> Iterator[PageState]:
    """The document's pages one at a time, each with its reading (words included) and its
    ahead result, after join_tables; only the readings without words (of the page or of its
    table cells) are held across pages."""
    from vanban.pipeline.stages import gather, join_tables

    doc = prepared.doc
    if any(p.route == "ocr" for p in prepared.pages):
        light = {no: _without_words(read_page(path)) for no, path in spooled.items()}
        _, skeleton = join_tables(doc, gather(prepared, light, failed))
        for page in skeleton:
            if page.page_no in spooled and page.reading is not None:
                full, ahead = read_spooled(spooled[page.page_no])
                reading = _words_back(page.reading, light[page.page_no], full)
                page = dataclasses.replace(page, reading=reading, ahead=ahead)
            yield page
        return
    for page in prepared.pages:  # nothing to join: each page is gathered on its own
        one = Prepared(doc, (page,))
        if page.page_no in spooled:
            full, ahead = read_spooled(spooled[page.page_no])
            yield gather(one, {page.page_no: full}, failed,
                         {page.page_no: ahead} if ahead is not None else None)[0]
        else:
            yield gather(one, {}, failed)[0]


def _without_words(page: PageText) -> PageText:
    """What join_tables reads of a page: its text, line styles and table cells, without the
    word boxes (most of a page's size; a table's words sit in its cells)."""
    return dataclasses.replace(page, words=(), tables=tuple(
        dataclasses.replace(t, cells=tuple(dataclasses.replace(c, words=()) for c in t.cells))
        for t in page.tables))


def _words_back(joined: PageText, light: PageText, full: PageText) -> PageText:
    """`joined` (join_tables' result for the word-less `light`) with `full`'s words.

    join_tables leaves a page as it is, or drops its first table's repeated header row: the
    cells keep their order, header cells spanning further rows stay (one row shorter). So a
    joined cell takes the words of the full reading's cell in the same place among those that
    stayed, checked by its text; anything else would be a join this does not know, and is
    refused rather than given wrong boxes.
    """
    if joined == light:
        return full
    tables = []
    for k, table in enumerate(joined.tables):
        source = full.tables[k].cells
        if len(source) != len(table.cells):
            source = tuple(c for c in source if not (c.row == 0 and c.rowspan == 1))
        if len(source) != len(table.cells) or any(
                a.text != b.text for a, b in zip(source, table.cells, strict=True)):
            raise AssertionError(f"page {joined.page_no}: join_tables changed a table in a "
                                 "way the streaming finish job cannot follow")
        tables.append(dataclasses.replace(table, cells=tuple(
            dataclasses.replace(c, words=src.words)
            for c, src in zip(table.cells, source, strict=True))))
    return dataclasses.replace(joined, words=full.words, tables=tuple(tables))


def _for_document(page: PageState) -> PageState:
    """What DOC_FINISH reads of a page whose rows are written: its final text, tables, line
    styles and log; its words, raw text and restore tokens go."""
    reading = page.reading
    if reading is not None:
        reading = dataclasses.replace(_without_words(reading), text="")
    return dataclasses.replace(page, reading=reading, restored=None, ahead=None,
                               layer=None, layer_words=())
