"""Open one input file: fingerprint, sniff, count pages, read any text it already carries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from vanban.errors import (
    CorruptFileError,
    EncryptedFileError,
    ImageTooLargeError,
    InputFileError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from vanban.ingest.fingerprint import doc_id_for, sha256_file
from vanban.ingest.pdf_text import pdf_text_layers
from vanban.ingest.sniff import Format, sniff

# An A4 page at 600 dpi is ~35 Mpx; anything far beyond is a decompression bomb, not a scan.
MAX_IMAGE_PIXELS = 120_000_000
MAX_PDF_PAGE_POINTS = 14_400  # PDF's own limit on a page side (200 inches)


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


def open_source(path: Path) -> Source:
    """Raise an `InputFileError` subclass naming the file and the cause when it cannot be read."""
    try:
        if path.is_dir():
            raise UnreadableFileError("is a directory, not a file", path)
        with path.open("rb") as fh:
            head = fh.read(4096)
        sha = sha256_file(path)
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
        msg = str(exc)
        if "password" in msg.lower():
            raise EncryptedFileError("PDF is password-protected", path) from exc
        raise CorruptFileError(f"PDF cannot be opened ({msg})", path) from exc
    try:
        n = len(pdf)
        if n == 0:
            raise CorruptFileError("PDF has no pages", path)
        for i in range(n):
            w, h = pdf[i].get_size()
            if max(w, h) > MAX_PDF_PAGE_POINTS:
                raise ImageTooLargeError(f"page size {w:.0f}x{h:.0f} pt is absurd", path, i + 1)
    finally:
        pdf.close()
    try:
        layers = pdf_text_layers(path, n)
    except InputFileError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        why = f"{type(exc).__name__}: {exc}"
        raise CorruptFileError(f"PDF text layer unreadable ({why})", path) from exc
    return [SourcePage(page_no=i + 1, text=layers[i], has_image=True) for i in range(n)]


def _text_pages(path: Path) -> list[SourcePage]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormatError(
            f"text is not UTF-8 (byte {exc.start}: {raw[exc.start:exc.start + 1]!r})", path
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    return [SourcePage(page_no=i + 1, text=c, has_image=False) for i, c in enumerate(chunks)]


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
            n = getattr(img, "n_frames", 1)
            for i in range(n):
                img.seek(i)
                fw, fh = img.size
                if fw * fh > MAX_IMAGE_PIXELS:
                    raise ImageTooLargeError(f"frame {i + 1} is {fw}x{fh} pixels", path, i + 1)
    except InputFileError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(f"refused as a decompression bomb ({exc})", path) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise CorruptFileError(f"image cannot be decoded ({exc})", path) from exc
    return [SourcePage(page_no=i + 1, text=None, has_image=True) for i in range(n)]
