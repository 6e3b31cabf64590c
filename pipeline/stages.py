"""The pipeline's stages, and the three worker jobs composed from them.

Every stage has one shape (`pipeline.state.Stage`): it takes the document state and its pages
and returns them, new values, with a `Step` logged on each page it touched saying what it did
and why (`pages.decision` is that log). The jobs an executor runs are compositions:

    prepare_job  open -> PREPARE          (route, early language gate)
    ocr_job      render one page -> OCR -> text check
    finish_job   gather OCR results -> FINISH -> records
                 (join tables, restore, content gate, language gate, extract)

A job is a pure function of its (picklable) arguments, so any executor -- this process, a local
process pool, a Dask cluster -- gives the same rows.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from vanban import ocr, restore
from vanban.errors import BlankRenderError, NoTextError, NotVietnameseError, UnreadablePageError
from vanban.ingest import Source, SourcePage, open_source
from vanban.ingest.blank import looks_blank
from vanban.ingest.discover import display_name
from vanban.ingest.language import looks_vietnamese, looks_vietnamese_parts
from vanban.ingest.pdf_ink import expected_ink
from vanban.ingest.render import read_scale, render_scan
from vanban.ingest.source import read_text_page
from vanban.layout import styles_for
from vanban.models.records import (
    DocumentRecord,
    PageRecord,
    PageText,
    RestoredText,
    RestoreVerdict,
    WordRecord,
)
from vanban.models.words import words_for_page
from vanban.pipeline import pagesel, plugins, windows
from vanban.pipeline.corrections import (
    apply_corrections,
    corrected_words,
    kept_record,
    mark_corrected_tasks,
)
from vanban.pipeline.state import (
    DocResult,
    DocState,
    LegacyPolicy,
    Pages,
    PageState,
    Prepared,
    Resolution,
    Stage,
)

MIN_LAYER_CHARS = 40  # fewer characters than this on a page with an image: treat as no layer


# --------------------------------------------------------------------------- stages


def route(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """Per page: text layer, OCR or plain text, with the measured reason.

    The layer's restore verdict is computed here once and kept on the page, so the restore
    stage uses the same judgement instead of making its own.
    """
    return doc, tuple(route_one(p, doc.source.fmt, doc.legacy) for p in pages)


def route_one(page: PageState, fmt: str, legacy: LegacyPolicy) -> PageState:
    if page.failed is not None:  # unreadable in a readable file: the scheduler records why
        return page.log("route", f"page unreadable: {page.failed}", route="ocr")
    if fmt == "text":  # a large input's chunk (layer None) is read by its own page job
        return page.log("route", "plain text input", route="plain_text",
                        reading=_layer_reading(page, "plain_text")
                        if page.layer is not None else None)
    layer = (page.layer or "").strip()
    if len(layer) < MIN_LAYER_CHARS:
        why = "no text layer" if not layer else f"text layer has only {len(layer)} characters"
        return page.log("route", why + ": OCR with Tesseract", route="ocr")
    verdict = restore.assess(page.layer or "")
    if not verdict.needs_restore:
        return page.log("route", f"text layer is good Vietnamese ({verdict.reason})",
                        route="text_layer", reading=_layer_reading(page, "text_layer"),
                        verdict=verdict)
    if legacy == "restore" or not page.has_image:
        return page.log("route", f"text layer garbled ({verdict.reason}): restore its text",
                        route="text_layer", reading=_layer_reading(page, "text_layer"),
                        verdict=verdict)
    return page.log("route", f"text layer garbled ({verdict.reason}): OCR the page image "
                    "with vie", route="ocr")


def _layer_reading(page: PageState, method: str) -> PageText:
    return PageText(page_no=page.page_no, method=method,  # type: ignore[arg-type]
                    text=page.layer or "",
                    words=page.layer_words if method == "text_layer" else (),
                    size=page.layer_size if method == "text_layer" else None,
                    lines=page.layer_lines if method == "text_layer" else ())


def early_language_gate(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """Refuse a non-Vietnamese document before any OCR, wherever the file's own text (layers,
    plain text) is enough to judge; too little of it and the judgement waits for OCR."""
    layers = "\n".join(p.layer for p in pages if p.layer)
    ok, why = looks_vietnamese(layers)
    if not ok:
        raise NotVietnameseError(f"not a Vietnamese document ({why}; judged from its text "
                                 "layer, before OCR)", doc.source.path)
    return doc, pages


def join_tables(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """A table continued on the next page becomes one table (OCR'd pages only)."""
    readings = [p.reading for p in pages]
    if not any(r is not None and r.method == "ocr" for r in readings):
        return doc, pages
    present = [r for r in readings if r is not None]
    joined = iter(ocr.join_page_tables(present))
    out: list[PageState] = []
    for page, before in zip(pages, readings, strict=True):
        if before is None:
            out.append(page)
            continue
        after = next(joined)
        note = after.decision[len(before.decision):].lstrip("; ") if after != before else ""
        out.append(page.log("join_tables", note, reading=after))
    return doc, tuple(out)


def restore_pages(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """NFC, then restore/ in the mode of the page's one verdict (good text keeps its valid
    syllables); `--no-restore-ocr` leaves OCR'd pages as read."""
    pages = _restore_together(pages, doc.restore_ocr)
    return doc, tuple(_restore_one(p, doc.restore_ocr) for p in pages)


def _restore_together(pages: Pages, restore_ocr: bool) -> Pages:
    """Accent-less or garbled pages that `_restore_one` would restore one by one, restored
    together (`restore.restore_document`: a name read with confidence on one page is
    evidence on the others); their results ride in `ahead`, which `_restore_one` takes."""
    todo: list[tuple[int, str, RestoreVerdict]] = []
    for i, page in enumerate(pages):
        if page.correction is not None or page.kept is not None or page.ahead is not None:
            continue
        text = unicodedata.normalize("NFC", page.raw_text)
        if _stays_as_read(page, text, restore_ocr):
            continue
        verdict = _verdict(page, text)
        if verdict.mode != "correct":
            todo.append((i, text, verdict))
    if len(todo) < 2:
        return pages
    results = restore.restore_document([t for _, t, _ in todo], [v.mode for _, _, v in todo])
    out = list(pages)
    for (i, _, verdict), result in zip(todo, results, strict=True):
        out[i] = dataclasses.replace(out[i], ahead=(verdict, result))
    return tuple(out)


def _restore_one(page: PageState, restore_ocr: bool) -> PageState:
    if page.correction is not None or page.kept is not None:  # final text already
        return page
    text = unicodedata.normalize("NFC", page.raw_text)
    if _stays_as_read(page, text, restore_ocr):
        return page.log("restore", "", text=text)
    if page.ahead is not None and page.ahead[1].original == text:  # restored ahead or together
        verdict, result = page.ahead
    else:
        verdict = _verdict(page, text)
        result = restore.restore_text(text, mode=verdict.mode)
    note = f"restored {result.n_changed} tokens ({verdict.mode})" if result.text != text else ""
    return page.log("restore", note, text=result.text, verdict=verdict, restored=result)


def _stays_as_read(page: PageState, text: str, restore_ocr: bool) -> bool:
    """An empty page, or an OCR'd one under `--no-restore-ocr`: restore/ does not touch it."""
    return not text.strip() or (page.route == "ocr" and not restore_ocr)


def _verdict(page: PageState, text: str) -> RestoreVerdict:
    """The page's one verdict: the route's, or computed once here for OCR text."""
    return page.verdict if page.verdict is not None else restore.assess(text)


def content_gate(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    """A document none of whose pages gave text is a failure, never an empty success.

    Pages whose reading failed already have their failure rows and make the document `partial`
    (retried by a rerun), so they are not held against it here.
    """
    if any(p.failed for p in pages) or any(has_text(p.text) for p in pages):
        return doc, pages
    blank = sum(1 for p in pages if p.blank)
    raise NoTextError(f"no text on any of its {len(pages)} page(s)"
                      + (f" ({blank} blank)" if blank else ""), doc.source.path)


def language_gate(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    ok, why = looks_vietnamese_parts(p.text for p in pages)
    if not ok:
        raise NotVietnameseError(f"not a Vietnamese document ({why})", doc.source.path)
    return doc, pages


def extract_tasks(doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    readings = [PageText(page_no=p.page_no, method=p.route, text=p.text,
                         ocr_confidence=p.reading.ocr_confidence if p.reading else None,
                         tables=p.reading.tables if p.reading else (), decision=p.decision,
                         lines=styles_for(p.text, p.reading.lines) if p.reading else ())
                for p in pages]
    # whole, or in bounded windows of pages when the text is very long (a large text input)
    return dataclasses.replace(doc, extraction=windows.extract_bounded(readings)), pages


PREPARE: tuple[Stage, ...] = (route, early_language_gate)
# FINISH in two parts, so the finish job can stream a long document (pipeline/spool.py):
# join_tables, then stages that need one page at a time (its rows are written right after),
# then stages that need the whole document's final text.
PAGE_FINISH: tuple[Stage, ...] = (apply_corrections, restore_pages)
DOC_FINISH: tuple[Stage, ...] = (content_gate, language_gate, extract_tasks,
                                 mark_corrected_tasks)
FINISH: tuple[Stage, ...] = (join_tables, *PAGE_FINISH, *DOC_FINISH)


def run_stages(stages: Sequence[Stage], doc: DocState, pages: Pages) -> tuple[DocState, Pages]:
    for stage in stages:
        doc, pages = stage(doc, pages)
    return doc, pages


def has_text(text: str) -> bool:
    return any(c.isalnum() for c in text)


def text_check(page: PageText, image: np.ndarray, path: Path, fmt: str = "") -> PageText:
    """An OCR'd page without text is blank (said so in its decision) or flagged unreadable;
    so is a page whose text ocr/'s quality verdict puts below the bar (ocr/quality.py), and a
    PDF page whose render is blank while its content draws something (ingest/pdf_ink.py)."""
    if has_text(page.text):
        if page.quality == "unreadable":
            raise UnreadablePageError(
                f"OCR text below the quality bar, not kept ({page.quality_why})", path,
                page.page_no)
        return page
    if looks_blank(image):
        damage = expected_ink(path, page.page_no - 1) if fmt == "pdf" else None
        if damage:
            raise BlankRenderError(f"the page renders blank but its PDF content draws "
                                   f"something: {damage}", path, page.page_no)
        return dataclasses.replace(page, decision=page.decision + "; blank page (no ink)",
                                   quality="blank")
    raise UnreadablePageError("the page has ink but OCR found no text on it (photo, smudge, "
                              "damaged render or a script Tesseract cannot read)",
                              path, page.page_no)


def build_records(doc: DocState, pages: Pages) -> DocResult:
    source, extraction = doc.source, doc.extraction
    assert extraction is not None, "build_records runs after extract"
    rows = [page_rows(source.doc_id, p) for p in pages]
    words = tuple(w for _, page_words in rows for w in page_words)
    return DocResult(document_record(doc), tuple(r for r, _ in rows), extraction, words)


def page_rows(doc_id: str, p: PageState) -> tuple[PageRecord, list[WordRecord]]:
    """One page's row and its words' rows: final once PAGE_FINISH has run on it (no later
    stage logs on a page or changes its text)."""
    record = PageRecord(
        doc_id=doc_id, page_no=p.page_no, method=p.route,
        restored=p.correction is None and p.text != unicodedata.normalize("NFC", p.raw_text),
        ocr_confidence=p.reading.ocr_confidence if p.reading else None,
        text=p.text, raw_text=unicodedata.normalize("NFC", p.raw_text),
        decision=p.decision,
        rotation=p.reading.rotation if p.reading else 0,
        deskew=p.reading.deskew if p.reading else 0.0,
        perspective=p.reading.perspective if p.reading else None,
        quality="unreadable" if p.failed else (p.reading.quality if p.reading else None),
        corrected=p.correction is not None,
        correction_file=p.correction.file if p.correction else None)
    return kept_record(record, p), _page_words(doc_id, p)


def document_record(doc: DocState) -> DocumentRecord:
    source, extraction = doc.source, doc.extraction
    assert extraction is not None, "the document's row is made after extract"
    return DocumentRecord(
        doc_id=source.doc_id, source_path=display_name(source.path), sha256=source.sha256,
        n_pages=source.n_pages, meta=extraction.meta, source_format=source.fmt,
        warnings=extraction.warnings,
    )


def _page_words(doc_id: str, page: PageState) -> list[WordRecord]:
    """The page's words: of its reading, or of a corrected page's own text (the words table
    follows `pages.text`)."""
    if page.correction is not None:
        return corrected_words(doc_id, page)
    if page.kept is not None:
        return list(page.kept.words)
    if page.reading is None:
        return []
    return words_for_page(doc_id, dataclasses.replace(
        page.reading, text=unicodedata.normalize("NFC", page.reading.text)), page.restored)


# --------------------------------------------------------------------------- worker jobs


def initial_pages(source: Source) -> Pages:
    return tuple(PageState(page_no=p.page_no, layer=p.text, has_image=p.has_image,
                           layer_words=p.words, layer_size=p.size, layer_lines=p.lines,
                           failed=p.error.message if p.error is not None else None)
                 for p in source.pages)


def prepare_job(path: Path, legacy: LegacyPolicy, plugin_specs: tuple[str, ...] = (),
                restore_ocr: bool = True, page_selection: str | None = None,
                sha256: str | None = None, resolution: Resolution = "300") -> Prepared:
    """Open and route one file; `sha256`: its hash as the run computed it (hashed once);
    `page_selection`: `--pages`, the only pages read."""
    plugins.before_stage(plugin_specs, "prepare", path)
    source = open_source(path, sha256) if sha256 else open_source(path)
    doc = DocState(source, legacy=legacy, restore_ocr=restore_ocr, resolution=resolution)
    chosen = tuple(p for p in initial_pages(source) if pagesel.contains(page_selection, p.page_no))
    doc, pages = run_stages(PREPARE, doc, chosen)
    return Prepared(doc, pages)


def ocr_job(path: Path, fmt: str, page_no: int, lang: str,
            plugin_specs: tuple[str, ...] = (), page_timeout: float | None = None,
            engine: ocr.Engine = "auto", resolution: Resolution = "300") -> PageText:
    plugins.before_stage(plugin_specs, "ocr", path)
    if fmt == "text":  # a chunk of a large text input (ingest/textchunks.py), not an image
        return PageText(page_no=page_no, method="plain_text", text=read_text_page(path, page_no))
    image, scan = render_scan(path, fmt, page_no - 1,  # type: ignore[arg-type]
                              measure=resolution == "native")
    scale = read_scale(scan, resolution == "native")
    with ocr.engine(engine), ocr.page_budget(page_timeout):
        page = ocr.ocr_page(image, page_no, lang, read_scale=scale)
    if scale != 1.0:
        page = dataclasses.replace(
            page, decision=f"{page.decision}; text read at its scan's {scan:g} dpi")
    return text_check(page, image, path, fmt)


def gather(prepared: Prepared, ocr_pages: Mapping[int, PageText],
           failed: Mapping[int, str],
           ahead: Mapping[int, tuple[RestoreVerdict, RestoredText]] | None = None) -> Pages:
    """Each OCR-routed page gets its OCR reading, or the reason its OCR failed."""
    out: list[PageState] = []
    for page in prepared.pages:
        if page.reading is not None or page.route == "text_layer":  # read already
            out.append(page)
        elif page.page_no in ocr_pages:
            got = ocr_pages[page.page_no]
            note = got.decision.lstrip("; ")
            out.append(page.log("ocr", note, reading=got,
                                ahead=(ahead or {}).get(page.page_no)))
        else:
            why = failed.get(page.page_no, page.failed or "no OCR result")
            out.append(page.log("ocr", f"OCR failed: {why}", failed=why))
    return tuple(out)


def finish_job(prepared: Prepared, ocr_pages: Mapping[int, PageText],
               failed: Mapping[int, str] | None = None,
               plugin_specs: tuple[str, ...] = (),
               ahead: Mapping[int, tuple[RestoreVerdict, RestoredText]] | None = None,
               ) -> DocResult:
    """Everything after OCR for one document; a pure function of its inputs (`ahead`: pages
    restored in their OCR job, which change nothing but where the work was done)."""
    plugins.before_stage(plugin_specs, "finish", prepared.source.path)
    doc, pages = run_stages(FINISH, prepared.doc,
                            gather(prepared, ocr_pages, failed or {}, ahead))
    return build_records(doc, pages)


def route_page(page: SourcePage, fmt: str, legacy: LegacyPolicy) -> PageState:
    """One source page routed on its own (the v1 entry point, kept for callers and tests)."""
    state = PageState(page_no=page.page_no, layer=page.text, has_image=page.has_image,
                      layer_words=page.words, layer_size=page.size, layer_lines=page.lines,
                      failed=page.error.message if page.error is not None else None)
    return route_one(state, fmt, legacy)


decide_page = route_page  # the name v1 exported
