"""The pipeline's stages: small functions over the typed document and page state.

Each stage takes and returns records of `pipeline.state` / `models.records`; the three worker
jobs at the bottom compose them and are the only units an executor runs:

    prepare_job  open -> route pages
    ocr_job      render one page -> OCR it
    finish_job   join tables -> restore -> language gate -> extract -> build records

A job is a pure function of its (picklable) arguments, so any executor -- this process, a local
process pool, a Dask cluster -- gives the same rows.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from vanban import extract, ocr, restore
from vanban.errors import NoTextError, NotVietnameseError, UnreadablePageError
from vanban.ingest import Source, SourcePage, open_source, render_page
from vanban.ingest.blank import looks_blank
from vanban.ingest.discover import display_name
from vanban.ingest.language import looks_vietnamese
from vanban.models.records import DocumentRecord, Extraction, PageRecord, PageText, RestoredText
from vanban.models.words import words_for_page
from vanban.pipeline import plugins
from vanban.pipeline.state import DocResult, LegacyPolicy, PagePlan, Prepared

OCR_FAILED = "OCR failed"  # the scheduler's decision note on a page whose OCR job failed
MIN_LAYER_CHARS = 40  # fewer characters than this on a page with an image: treat as no layer


# --------------------------------------------------------------------------- stages


def route_page(page: SourcePage, fmt: str, legacy: LegacyPolicy) -> PagePlan:
    """Text layer, OCR or plain text for one page, with the measured reason."""
    if page.error is not None:  # the scheduler records the page's failure row
        return PagePlan(page.page_no, "ocr", "", f"page unreadable: {page.error.message}")
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


decide_page = route_page  # the name v1 exported


def gather_pages(prepared: Prepared, ocr_pages: dict[int, PageText]) -> list[PageText]:
    """Pages in order: OCR results where routed to OCR, the layer / plain text elsewhere."""
    pages: list[PageText] = []
    for plan in prepared.plans:
        if plan.method == "ocr":
            got = ocr_pages[plan.page_no]
            pages.append(dataclasses.replace(got, decision=plan.decision + got.decision))
        else:
            pages.append(PageText(page_no=plan.page_no, method=plan.method, text=plan.text,
                                  decision=plan.decision))
    return pages


def join_tables(pages: list[PageText]) -> list[PageText]:
    """A table continued on the next page becomes one table (OCR'd pages only)."""
    if any(p.method == "ocr" for p in pages):
        return ocr.join_page_tables(pages)
    return pages


def restore_page(page: PageText, restore_ocr: bool) -> tuple[PageText, RestoredText | None]:
    """NFC, then restore/ (its detector picks the mode; good text keeps its valid syllables).

    Returns the page with its final text (raw text is the caller's `page.text`) and restore's
    result (None where restore did not run), whose tokens carry confidences and alternatives.
    """
    text = unicodedata.normalize("NFC", page.text)
    if not text.strip() or (page.method == "ocr" and not restore_ocr):
        return dataclasses.replace(page, text=text), None
    result = restore.restore_text(text)
    if result.text == text:
        return dataclasses.replace(page, text=text), result
    return dataclasses.replace(
        page, text=result.text, decision=page.decision + f"; restored {result.n_changed} tokens"
    ), result


def language_gate(source: Source, pages: Sequence[PageText]) -> None:
    ok, why = looks_vietnamese("\n".join(p.text for p in pages))
    if not ok:
        raise NotVietnameseError(f"not a Vietnamese document ({why})", source.path)


def build_records(source: Source, raw: Sequence[PageText], final: Sequence[PageText],
                  results: Sequence[RestoredText | None], extraction: Extraction) -> DocResult:
    restored = [r is not None and f.text != unicodedata.normalize("NFC", p.text)
                for p, f, r in zip(raw, final, results, strict=True)]
    words = tuple(w for p, r in zip(raw, results, strict=True)
                  for w in words_for_page(source.doc_id, dataclasses.replace(
                      p, text=unicodedata.normalize("NFC", p.text)), r))
    records = tuple(
        PageRecord(doc_id=source.doc_id, page_no=f.page_no, method=f.method, restored=r,
                   ocr_confidence=f.ocr_confidence, text=f.text,
                   raw_text=unicodedata.normalize("NFC", p.text), decision=f.decision,
                   rotation=f.rotation,
                   quality="unreadable" if OCR_FAILED in f.decision else f.quality)
        for p, f, r in zip(raw, final, restored, strict=True)
    )
    document = DocumentRecord(
        doc_id=source.doc_id, source_path=display_name(source.path), sha256=source.sha256,
        n_pages=source.n_pages, meta=extraction.meta, source_format=source.fmt,
        warnings=extraction.warnings,
    )
    return DocResult(document, records, extraction, words)


# --------------------------------------------------------------------------- worker jobs


def prepare_job(path: Path, legacy: LegacyPolicy, plugin_specs: tuple[str, ...] = ()) -> Prepared:
    plugins.before_stage(plugin_specs, "prepare", path)
    source = open_source(path)
    return Prepared(source, tuple(route_page(p, source.fmt, legacy) for p in source.pages))


def ocr_job(path: Path, fmt: str, page_no: int, lang: str,
            plugin_specs: tuple[str, ...] = (), page_timeout: float | None = None) -> PageText:
    plugins.before_stage(plugin_specs, "ocr", path)
    image = render_page(path, fmt, page_no - 1)  # type: ignore[arg-type]
    with ocr.page_budget(page_timeout):
        page = ocr.ocr_page(image, page_no, lang)
    return text_check(page, image, path)


def has_text(text: str) -> bool:
    return any(c.isalnum() for c in text)


def text_check(page: PageText, image: np.ndarray, path: Path) -> PageText:
    """An OCR'd page without text is blank (said so in its decision) or flagged unreadable;
    so is a page whose text ocr/'s quality verdict puts below the bar (ocr/quality.py)."""
    if has_text(page.text):
        if page.quality == "unreadable":
            raise UnreadablePageError(
                "OCR text below the quality bar, not kept (" + page.decision.rsplit(
                    "quality unreadable (", 1)[-1].rstrip(")") + ")", path, page.page_no)
        return page
    if looks_blank(image):
        return dataclasses.replace(page, decision=page.decision + "; blank page (no ink)",
                                   quality="blank")
    raise UnreadablePageError("the page has ink but OCR found no text on it (photo, smudge, "
                              "damaged render or a script Tesseract cannot read)",
                              path, page.page_no)


def content_gate(source: Source, pages: Sequence[PageText]) -> None:
    """A document none of whose pages gave text is a failure, never an empty success.

    Pages whose OCR failed already have their failure rows and make the document `partial`
    (retried by a rerun), so they are not held against it here.
    """
    if any(OCR_FAILED in p.decision for p in pages):
        return
    if not any(has_text(p.text) for p in pages):
        blank = sum(1 for p in pages if "blank page" in p.decision)
        raise NoTextError(f"no text on any of its {len(pages)} page(s)"
                          + (f" ({blank} blank)" if blank else ""), source.path)


def finish_job(prepared: Prepared, ocr_pages: dict[int, PageText], restore_ocr: bool,
               plugin_specs: tuple[str, ...] = ()) -> DocResult:
    """Everything after OCR for one document; a pure function of its inputs."""
    plugins.before_stage(plugin_specs, "finish", prepared.source.path)
    raw = join_tables(gather_pages(prepared, ocr_pages))
    done = [restore_page(p, restore_ocr) for p in raw]
    final = [p for p, _ in done]
    content_gate(prepared.source, final)
    language_gate(prepared.source, final)
    extraction = extract.extract_document(final)
    return build_records(prepared.source, raw, final, [r for _, r in done], extraction)
