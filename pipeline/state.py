"""What flows between the pipeline's stages: options, the document and page state, results.

Every record is a frozen dataclass of plain values, so it pickles across process (and Dask
worker) boundaries and compares by value in tests.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from vanban.errors import ExitCode
from vanban.ingest import Source
from vanban.models.records import (
    DocumentRecord,
    Extraction,
    KeptPage,
    LineStyle,
    OcrWord,
    PageCorrection,
    PageRecord,
    PageText,
    RestoredText,
    RestoreVerdict,
    WordRecord,
)

LegacyPolicy = Literal["ocr", "restore"]
ExecutorName = Literal["local", "inprocess", "dask"]
Route = Literal["text_layer", "ocr", "plain_text"]
# The resolution Tesseract reads a scanned page's text at: 300 dpi (the default: every page
# rendered and read at 300), or `native`, a scan's own resolution where it is 200-300 dpi
# (cheaper recognition; geometry and table cells stay at 300; docs/ocr.md has its cost).
Resolution = Literal["300", "native"]


DOC_TIMEOUT_BASE_S = 600.0
DOC_TIMEOUT_PER_PAGE_S = 30.0


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
    executor: ExecutorName = "local"
    scheduler: str | None = None  # Dask scheduler address; None starts a LocalCluster
    # Plugins: modules or .py files loaded in every worker; their hooks run around stages
    # (vanban.pipeline.plugins). Tests inject faults this way, from outside the product.
    plugins: tuple[str, ...] = ()
    # Time budgets that turn a hang into a failure row. A page's OCR (all its Tesseract calls)
    # gets `page_timeout` seconds; a normal A4 page takes 2-10 s on one core. A document gets
    # `doc_timeout` seconds from being opened to being committed, None meaning
    # DOC_TIMEOUT_BASE_S + DOC_TIMEOUT_PER_PAGE_S per page. 0 disables either budget.
    page_timeout: float = 120.0
    doc_timeout: float | None = None
    # Tesseract in-process (`api`, one loaded engine per worker: make bench-scale) or as a
    # program per call (`cli`: a crash or hang never reaches the worker); `auto` = api when
    # tesserocr is installed.
    ocr_engine: Literal["auto", "api", "cli"] = "auto"
    # Merge each table's parts into one file at the end of the run (vanban.compact).
    compact: bool = True
    # Archivists' corrected page texts: DIR/<doc_id>/<page_no>.txt; None = OUT/corrections
    # (vanban.pipeline.corrections).
    corrections: Path | None = None
    # Only these pages of each input (vanban.pipeline.pagesel's normalised spec); None: all.
    pages: str | None = None
    resolution: Resolution = "300"

    def doc_budget(self, n_pages: int) -> float | None:
        """Seconds a document of `n_pages` may take, None for no limit."""
        if self.doc_timeout is None:
            return DOC_TIMEOUT_BASE_S + DOC_TIMEOUT_PER_PAGE_S * n_pages
        return self.doc_timeout or None


@dataclass(frozen=True, slots=True)
class Step:
    """One stage's entry in a page's log: what it did and the measured reason why."""

    stage: str
    note: str


@dataclass(frozen=True, slots=True)
class PageState:
    """Everything known about one page, grown stage by stage (never mutated).

    `reading` is what was read before restore (the text layer or plain text as a PageText, or
    OCR's PageText with its words, boxes, confidences and tables); `verdict` is restore/'s
    judgement of that text, computed once and used both for routing and for restoring; `text`
    is the final text extract/ reads. `failed` holds why a page has no reading (its failures
    row is written by the scheduler). `pages.decision` is rendered from `steps`.
    """

    page_no: int
    route: Route = "ocr"
    layer: str | None = None  # text the file carries for this page (None: none)
    layer_words: tuple[OcrWord, ...] = ()  # the layer's words with boxes (ingest/pdf_text.py)
    layer_size: tuple[int, int] | None = None  # the page's size in those boxes' pixels
    layer_lines: tuple[LineStyle, ...] = ()  # the layer's line styles (bold, paragraph breaks)
    has_image: bool = True
    reading: PageText | None = None
    verdict: RestoreVerdict | None = None
    restored: RestoredText | None = None
    text: str = ""
    failed: str | None = None
    steps: tuple[Step, ...] = ()
    correction: PageCorrection | None = None  # an archivist's text for this page
    kept: KeptPage | None = None  # committed output reused (another page was corrected)
    # restore/'s verdict and result for the OCR reading's text, made ahead in the OCR job (in
    # parallel, pipeline/spool.py); restore_pages uses them only while the text is that text.
    ahead: tuple[RestoreVerdict, RestoredText] | None = None

    def log(self, stage: str, note: str, **changes: Any) -> PageState:
        """This state with `changes` applied and one more step in its log."""
        steps = (*self.steps, Step(stage, note)) if note else self.steps
        return dataclasses.replace(self, steps=steps, **changes)

    @property
    def decision(self) -> str:
        return "; ".join(s.note for s in self.steps)

    @property
    def blank(self) -> bool:
        """OCR found no ink on the page (said in its decision; content_gate counts them)."""
        return self.reading is not None and self.reading.quality == "blank"

    @property
    def method(self) -> Route:
        return self.route

    @property
    def raw_text(self) -> str:
        return self.reading.text if self.reading is not None else ""


Pages = tuple[PageState, ...]


@dataclass(frozen=True, slots=True)
class DocState:
    """The document-level context the stages share: the opened file, the run's policies, and
    (once extract has run) what was extracted."""

    source: Source
    legacy: LegacyPolicy = "ocr"
    restore_ocr: bool = True
    resolution: Resolution = "300"  # what the OCR jobs read scanned pages at
    extraction: Extraction | None = None
    corrections: tuple[PageCorrection, ...] = ()  # read by the main process (corrections.py)


class Stage(Protocol):
    """The one stage protocol: take the document and its pages, return them (new values)."""

    __name__: str

    def __call__(self, doc: DocState, pages: Pages, /) -> tuple[DocState, Pages]: ...


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document opened and routed: the unit the scheduler fans out into page jobs."""

    doc: DocState
    pages: Pages

    @property
    def source(self) -> Source:
        return self.doc.source

    @property
    def plans(self) -> Pages:  # the v1 name
        return self.pages


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
    # OCR'd pages below the quality bar: kept but doubtful (poor) / not kept (unreadable)
    poor_pages: int = 0
    unreadable_pages: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.SOME_FAILED if self.failure_rows else ExitCode.OK
