"""Open one input file: fingerprint, sniff, count pages, read any text it already carries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

from vanban.errors import (
    CorruptFileError,
    EncryptedFileError,
    ImageTooLargeError,
    InputFileError,
    TextTooLargeError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from vanban.ingest.fingerprint import doc_id_for, sha256_file
from vanban.ingest.pdf_text import pdf_layer_pages
from vanban.ingest.sniff import Format, sniff
from vanban.ingest.textchunks import read_span, text_spans
from vanban.models.records import LineStyle, OcrWord

# An A4 page at 600 dpi is ~35 Mpx; anything far beyond is a decompression bomb, not a scan.
MAX_IMAGE_PIXELS = 120_000_000
MAX_PDF_PAGE_POINTS = 14_400  # PDF's own limit on a page side (200 inches)
# A text input is one document. Up to WHOLE_TEXT_BYTES (some 600 pages of a government
# document; the seeds: 10-30 kB for 8-9 pages) it is read whole, one page per form feed. Above,
# it is read in chunks (ingest/textchunks.py): each chunk is a page read and restored by its own
# job and extract/ works on bounded windows, since holding it all cost ~500 MiB per MB of text
# (497 MiB for 1 MB, 1061 MiB for 3 MB). MAX_TEXT_BYTES is the hard ceiling: the finish job
# still keeps the document's final text (about 2 bytes a character) and a page state per chunk.
WHOLE_TEXT_BYTES = 2 * 1024 * 1024
MAX_TEXT_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourcePage:
    """A page as the file gives it: text it already carries (None: none) and whether it has an
    image worth OCR'ing. `error` is set on a page that cannot be read while the rest of the file
    can (a damaged page object, a truncated last TIFF frame): the pipeline records one failure
    row for that page and keeps the others."""

    page_no: int  # 1-based
    text: str | None
    has_image: bool
    error: InputFileError | None = None
    # A PDF text layer's words with boxes, in page pixels at 300 dpi (ocr/'s resolution) and in
    # the order of `text`; conf is -1 (a layer has no recognition confidence). Empty otherwise.
    words: tuple[OcrWord, ...] = ()
    size: tuple[int, int] | None = None  # (width, height) of the page in those pixels
    lines: tuple[LineStyle, ...] = ()  # the layer's line styles (bold, paragraph breaks)


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    sha256: str
    doc_id: str
    fmt: Format
    pages: tuple[SourcePage, ...]

    @property
    def n_pages(self) -> int:
        return len(self.pages)


def open_source(path: Path, sha256: str | None = None) -> Source:
    """Raise an `InputFileError` subclass naming the file and the cause when it cannot be read.

    `sha256`: the file's hash when the caller has it already (the run hashes every input once,
    to skip done ones before opening them), so a large scan is not read twice for it."""
    try:
        if path.is_dir():
            raise UnreadableFileError("is a directory, not a file", path)
        with path.open("rb") as fh:
            head = fh.read(4096)
        sha = sha256 or sha256_file(path)
    except PermissionError as exc:
        raise UnreadableFileError("permission denied", path) from exc
    except FileNotFoundError as exc:
        raise UnreadableFileError("file vanished or is a broken link", path) from exc
    except OSError as exc:
        raise UnreadableFileError(f"cannot read: {exc.strerror or exc}", path) from exc
    fmt = sniff(path, head)
    if fmt == "pdf":
        pages = _pdf_pages(path)
    elif fmt == "text":
        pages = _text_pages(path)
    else:
        pages = _image_pages(path)
    if not pages:
        raise CorruptFileError("has no pages", path)
    return Source(path=path, sha256=sha, doc_id=doc_id_for(sha), fmt=fmt, pages=tuple(pages))


def _pdf_pages(path: Path) -> list[SourcePage]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _unopenable_pdf(path, str(exc)) from exc
    errors: dict[int, InputFileError] = {}
    try:
        n = len(pdf)
        if n == 0:
            raise CorruptFileError("PDF has no pages", path)
        for i in range(n):
            try:  # one damaged page object must not cost the readable pages
                w, h = pdf[i].get_size()
            except pdfium.PdfiumError as exc:
                errors[i] = CorruptFileError(f"page object is damaged ({exc})", path, i + 1)
                continue
            if max(w, h) > MAX_PDF_PAGE_POINTS:
                raise ImageTooLargeError(f"page size {w:.0f}x{h:.0f} pt is absurd", path, i + 1)
    finally:
        pdf.close()
    if len(errors) == n:
        raise CorruptFileError(f"none of its {n} page(s) can be loaded "
                               f"({errors[0].message})", path)
    try:
        layers = pdf_layer_pages(path, n, sorted(errors))
    except InputFileError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        why = f"{type(exc).__name__}: {exc}"
        raise CorruptFileError(f"PDF text layer unreadable ({why})", path) from exc
    return [SourcePage(page_no=i + 1, text=layer.text if layer else None,
                       has_image=i not in errors, error=errors.get(i),
                       words=layer.words if layer else (), size=layer.size if layer else None,
                       lines=layer.lines if layer else ())
            for i, layer in enumerate(layers)]


def _unopenable_pdf(path: Path, why: str) -> InputFileError:
    """The typed error for a PDF PDFium refuses to open.

    PDFium's reason is its last error, which a failed load does not always set: after an
    encrypted PDF, the next unopenable one in the same worker was reported "password-protected"
    (issue 15). So the cause is asked of the file itself, through pdfminer.
    """
    try:
        with pdfplumber.open(str(path)) as doc:
            n = len(doc.pages)
    except Exception as exc:  # pdfminer's errors share no base class
        cause = exc.__cause__ or (exc.args[0] if exc.args else exc)
        if "password" in type(cause).__name__.lower() or "encrypt" in repr(cause).lower():
            return EncryptedFileError("PDF is password-protected", path)
        return CorruptFileError(f"PDF cannot be opened ({type(cause).__name__})", path)
    if n == 0:
        return CorruptFileError("PDF has no pages", path)
    reason = "" if "password" in why.lower() else f" ({why})"  # a stale PDFium reason: dropped
    return CorruptFileError(f"PDF cannot be opened by the renderer{reason}", path)


def _text_pages(path: Path) -> list[SourcePage]:
    """A small text input's pages with their text; a large one's pages as chunks without it
    (text None: each is read by its page job, `read_text_page`)."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise TextTooLargeError(
            f"text input is {size / 2**20:.1f} MiB, over the {MAX_TEXT_BYTES / 2**20:g} MiB one "
            "document may have; refused unread to keep memory bounded: split it into one file "
            "per document", path)
    if size <= WHOLE_TEXT_BYTES:
        with path.open("rb") as fh:
            raw = fh.read(WHOLE_TEXT_BYTES + 1)  # the file may grow between stat and read
        if len(raw) <= WHOLE_TEXT_BYTES:
            return _whole_text_pages(path, raw)
    return [SourcePage(page_no=i + 1, text=None, has_image=False)
            for i in range(len(text_spans(path)))]


def _whole_text_pages(path: Path, raw: bytes) -> list[SourcePage]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormatError(
            f"text is not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})", path
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    return [SourcePage(page_no=i + 1, text=c, has_image=False) for i, c in enumerate(chunks)]


def read_text_page(path: Path, page_no: int) -> str:
    """The text of one chunk of a large text input (its page `page_no`)."""
    return read_span(path, text_spans(path)[page_no - 1])


def _image_pages(path: Path) -> list[SourcePage]:
    try:
        with Image.open(path) as img:
            w, h = img.size
            if w * h > MAX_IMAGE_PIXELS:
                raise ImageTooLargeError(
                    f"image is {w}x{h} pixels (over {MAX_IMAGE_PIXELS // 1_000_000} Mpx): "
                    "refused as a possible decompression bomb",
                    path,
                )
            n, bad = _frames(img, path)
    except InputFileError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(f"refused as a decompression bomb ({exc})", path) from exc
    except (OSError, SyntaxError, ValueError, TypeError, EOFError) as exc:
        raise CorruptFileError(f"image cannot be decoded ({exc})", path) from exc
    pages = [SourcePage(page_no=i + 1, text=None, has_image=True) for i in range(n)]
    if bad is not None:
        pages.append(SourcePage(page_no=n + 1, text=None, has_image=False, error=bad))
    return pages


MAX_FRAMES = 10_000


def _frames(img: Image.Image, path: Path) -> tuple[int, CorruptFileError | None]:
    """Readable frames of a (multi-page) image, and the error of a damaged frame after them.

    A truncated last TIFF frame breaks Pillow's frame count itself (a bare TypeError), so the
    frames are walked one by one: the good ones are kept, the first bad one is a page error.
    """
    try:
        total: int | None = int(getattr(img, "n_frames", 1))
    except (OSError, SyntaxError, ValueError, TypeError, EOFError):
        total = None  # the frame chain is damaged somewhere: walk it
    i = 0
    while i < (total if total is not None else MAX_FRAMES):
        try:
            img.seek(i)
            fw, fh = img.size
        except EOFError:
            break
        except (OSError, SyntaxError, ValueError, TypeError) as exc:
            if i == 0:
                raise
            return i, CorruptFileError(f"frame {i + 1} is damaged or truncated ({exc})",
                                       path, i + 1)
        if fw * fh > MAX_IMAGE_PIXELS:
            raise ImageTooLargeError(f"frame {i + 1} is {fw}x{fh} pixels", path, i + 1)
        i += 1
    return i, None
