"""Typed records passed between stages.

Every record is a frozen, slotted dataclass of plain values so it pickles cheaply across the
worker-process boundary and compares by value in tests. The flow is one-way:
ingest -> ocr -> restore -> extract -> (these records) -> Parquet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

PageMethod = Literal["text_layer", "ocr", "plain_text"]
Session = Literal["sang", "chieu", "toi", "ca_ngay"]
TaskKind = Literal["schedule", "directive"]
RestoreMode = Literal["correct", "noaccent", "garbled"]
# A task without a deadline has deadline_kind None (null), never a "none" code.
DeadlineKind = Literal["date", "month", "quarter", "half_year", "year", "recurring"]


@dataclass(frozen=True, slots=True)
class BBox:
    """Pixel box on the page image (x0, y0 inclusive; x1, y1 exclusive)."""

    x0: int
    y0: int
    x1: int
    y1: int


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One Tesseract word with its box and confidence (0-100)."""

    text: str
    bbox: BBox
    conf: float
    line_no: int  # 1-based line of the page text this word ended up on


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell of a recognised table grid; spans resolved from the ruling lines."""

    row: int
    col: int
    text: str
    bbox: BBox
    rowspan: int = 1
    colspan: int = 1
    conf: float | None = None
    # The OCR engine's own words of this cell in reading order, boxes in page pixels
    # (line_no 0: the cell's words sit on its row's line of the page text); () when unknown.
    words: tuple[OcrWord, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    """A table found on a page: its cells and the grid size.

    `method` says how the grid was found: "ruled" (ruling lines) or "word_columns"
    (column positions from word boxes, for tables without borders).
    """

    page_no: int
    n_rows: int
    n_cols: int
    cells: tuple[TableCell, ...]
    bbox: BBox
    method: Literal["ruled", "word_columns"] = "ruled"

    def grid(self) -> list[list[str]]:
        """Row-major texts; a spanned cell's text sits in its top-left slot, the rest are ''."""
        rows = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            rows[c.row][c.col] = c.text
        return rows


@dataclass(frozen=True, slots=True)
class LineStyle:
    """How one line of a page looks, measured where the page was read (vanban.layout).

    Text files carry emphasis in markup and paragraphs in blank lines; PDF text layers and OCR
    carry neither, only geometry and glyph weight. So ingest/ and ocr/ measure each line against
    its page (None where a signal was not measured: table rows, plain text) and decide the two
    things extract/ needs: whether the line is emphasised (a heading) and whether a new
    paragraph starts on it.
    """

    emphasised: bool = False
    paragraph_break: bool = False
    bold: float | None = None  # text layer: share of the line's glyphs in a bold font (0-1)
    stroke: float | None = None  # OCR: stroke width over the page's median line's (1 = body)
    height: float | None = None  # glyph height over the page's median line's (1 = body)
    gap: float | None = None  # blank space above over the page's typical leading (1 = body)
    indent: float | None = None  # left edge past the body's left margin, in line heights
    fill: float | None = None  # right edge as a share of the body's width (a short last line)
    centred: bool = False  # both ends well inside the body's margins, evenly (titles)


@dataclass(frozen=True, slots=True)
class PageText:
    """What a page says, after ingest/ocr and before restore.

    `text` uses the seeds' light markup for tables: one table row per line, cells separated by
    TAB, so the schedule parser reads text layers, plain text and OCR'd tables alike. Line
    numbers (1-based, over `text.split("\\n")`) are the provenance unit of every extracted row.
    """

    page_no: int
    method: PageMethod
    text: str
    ocr_confidence: float | None = None
    tables: tuple[Table, ...] = ()
    words: tuple[OcrWord, ...] = ()
    decision: str = ""  # why this method was chosen (text-layer score, garbling verdict ...)
    rotation: int = 0  # clockwise degrees OCR turned the page image to read it upright
    # OCR'd pages: "ok" | "poor" | "unreadable", from measured signals (ocr/quality.py);
    # None where no OCR verdict exists (text layer, plain text)
    quality: str | None = None
    quality_why: str = ""  # the measured signals behind a verdict other than "ok"
    deskew: float = 0.0  # degrees ocr/ turned the (upright) page to level its lines (cv2 sign)
    # (width, height) in pixels of the page image `words` and `tables` boxes are measured on:
    # OCR: the image after turning and deskewing; text layer: the PDF page at 300 dpi.
    # None where unknown (plain text, readings rebuilt from older output).
    size: tuple[int, int] | None = None
    # OCR of a phone photo: the perspective transform (3x3 row-major homography) from the
    # image ocr/ was given to the corrected sheet it then turned and deskewed; None otherwise.
    perspective: tuple[float, ...] | None = None
    # One style per line of `text` (text layers and OCR; empty where none was measured, and
    # meaningless once the text's lines change: see vanban.layout.styles_for).
    lines: tuple[LineStyle, ...] = ()


@dataclass(frozen=True, slots=True)
class TokenChoice:
    """restore/'s decision for one token: what it saw, what it chose, how sure, what else."""

    original: str
    chosen: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()
    start: int = 0  # character offset of `original` in the input text

    @property
    def changed(self) -> bool:
        return self.original != self.chosen


@dataclass(frozen=True, slots=True)
class RestoredText:
    """Result of `vanban.restore.restore_text`."""

    original: str
    text: str
    tokens: tuple[TokenChoice, ...] = ()

    @property
    def n_changed(self) -> int:
        return sum(1 for t in self.tokens if t.changed)


@dataclass(frozen=True, slots=True)
class RestoreVerdict:
    """Whether a text needs restoring, with the measured score behind the answer."""

    needs_restore: bool
    score: float  # share of tokens that are valid accented Vietnamese syllables (0-1)
    reason: str
    # Which channel restore_text will use for this text: the one verdict the pipeline computes
    # per page, so routing and restoring never judge the same text twice (or differently).
    mode: RestoreMode = "correct"


@dataclass(frozen=True, slots=True)
class PageCorrection:
    """An archivist's corrected text of one page, read from `file` before the page's jobs run.

    `earlier` is the page's reading committed by an earlier run (None: none known), so the
    page needs no new OCR and `raw_text` keeps what the machine read.
    """

    page_no: int
    file: str
    text: str
    earlier: PageText | None = None
    # The earlier output's words with their boxes (words table), so the correction's unchanged
    # words keep their place on the page image (report, searchable PDF).
    words: tuple[OcrWord, ...] = ()


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A page's committed output, reused when its document is redone only because another
    page's correction changed: no OCR or restore again, the same rows as before."""

    text: str
    restored: bool
    decision: str
    words: tuple[WordRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Decree 30/2020/NĐ-CP header and footer fields of a document."""

    doc_type: str | None = None  # stable code: "ke_hoach", "cong_van" (a letter), ...
    number: str | None = None
    place: str | None = None
    issue_date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    signer: str | None = None
    signer_authority: str | None = None  # KT., TM., TL., Q., TUQ.
    recipients: tuple[str, ...] = ()
    doc_type_name: str | None = None  # the type name as written ("KẾ HOẠCH"); None for a letter


@dataclass(frozen=True, slots=True)
class Task:
    """One task-like record: a schedule row or an assigned directive item."""

    kind: TaskKind
    text: str
    page_no: int
    line_no: int
    owner: str | None = None
    collaborators: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    date: dt.date | None = None
    weekday: str | None = None
    session: Session | None = None
    time: str | None = None  # schedule: clock time as written ("7h30", "13 giờ 30")
    location: str | None = None
    deadline: dt.date | None = None
    deadline_text: str | None = None
    deadline_kind: DeadlineKind | None = None
    deadline_valid: bool | None = None
    section: str | None = None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    corrected: bool = False  # read from a page an archivist corrected by hand


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extract/ found in one document."""

    meta: DocumentMeta
    tasks: tuple[Task, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PageRecord:
    """A row of the `pages` table."""

    doc_id: str
    page_no: int
    method: PageMethod
    restored: bool
    ocr_confidence: float | None
    text: str
    raw_text: str
    decision: str = ""
    rotation: int = 0  # clockwise degrees the page image was turned for OCR
    deskew: float = 0.0  # then this small angle (degrees, counter-clockwise positive)
    quality: str | None = None  # OCR'd pages: "ok" | "poor" | "unreadable"
    # phone photos: homography (9 numbers, row-major) from the page image to the corrected
    # sheet that `rotation` and `deskew` then apply to; None for every other page
    perspective: tuple[float, ...] | None = None
    # The page's text is an archivist's correction (the file it came from); raw_text keeps
    # the reading it replaced.
    corrected: bool = False
    correction_file: str | None = None


@dataclass(frozen=True, slots=True)
class WordRecord:
    """A row of the `words` table: one word as output, with the uncertainty behind it.

    `bbox` is in page pixels (None for plain-text pages); `text` is the final (restored) word,
    `raw_text` what OCR or the text layer read.
    """

    doc_id: str
    page_no: int
    line_no: int
    word_no: int  # 0-based index of the word on its page, in reading order
    text: str
    raw_text: str
    bbox: BBox | None = None
    page_width: int | None = None
    page_height: int | None = None
    ocr_confidence: float | None = None
    restore_confidence: float | None = None
    alternatives: tuple[str, ...] = ()
    changed: bool = False
    cell_row: int | None = None
    cell_col: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A row of the `documents` table."""

    doc_id: str
    source_path: str
    sha256: str
    n_pages: int
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    source_format: str = ""
    warnings: tuple[str, ...] = ()
    # complete: every page read; partial: some pages failed (a plain rerun retries the document)
    status: str = "complete"
    given_path: str = ""  # the path as given on the command line; source_path is absolute
    run_key: str = ""  # what the output depends on (sha256, options, model, version): resume key
    page_selection: str | None = None  # `--pages` of the run that made it; None: every page


@dataclass(frozen=True, slots=True)
class Failure:
    """A row of the `failures` table: one file (or page) that could not be processed."""

    source_path: str
    stage: str
    error_type: str
    message: str
    traceback_digest: str
    time: dt.datetime
    page_no: int | None = None
    sha256: str | None = None
    given_path: str | None = None  # the path as given; source_path is absolute
