"""Page images of a source file, re-rendered for the report and the searchable PDF.

The export layer may not import ingest/ (a stage), so this is its own small renderer over the
same libraries (pypdfium2, Pillow). It also knows the coordinate space the `words` boxes are
in: OCR'd PDF pages were rendered at 300 dpi, text-layer boxes are in PDF points, image pages
are in the image's pixels (upsampled to 300 dpi when the file says it is coarser).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

OCR_DPI = 300  # the resolution ocr/ reads PDF pages at (docs/ocr.md)
def source_file(source_path: str, sha256: str, out: Path) -> Path | None:
    """The document's file if it is still where the run saw it and has the same bytes.

    A relative path is tried from the current folder, then beside OUT; a file whose bytes
    changed since the run would put boxes on the wrong picture, so it counts as missing.
    """
    raw = Path(source_path)
    for cand in (raw, out.parent / raw, out / raw):
        if cand.is_file():
            digest = hashlib.sha256()
            with cand.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(block)
            if digest.hexdigest() == sha256:
                return cand
    return None


class PageSource:
    """An opened PDF or image file (state: the open handle), page by page."""

    def __init__(self, path: Path, fmt: str):
        self.path, self.fmt = path, fmt
        self._pdf: pdfium.PdfDocument | None = None
        self._img: Image.Image | None = None
        if fmt == "pdf":
            self._pdf = pdfium.PdfDocument(str(path))
            self.n_pages = len(self._pdf)
        else:
            self._img = Image.open(path)
            self.n_pages = int(getattr(self._img, "n_frames", 1))

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        if self._img is not None:
            self._img.close()

    def _frame(self, index: int) -> Image.Image:
        assert self._img is not None
        self._img.seek(index)
        return ImageOps.exif_transpose(self._img) or self._img

    def page_points(self, index: int) -> tuple[float, float]:
        """Page size in PDF points (images: at their dpi, 300 when unknown)."""
        if self._pdf is not None:
            w, h = self._pdf[index].get_size()
            return float(w), float(h)
        frame = self._frame(index)
        dpi = float((self._img.info if self._img else {}).get("dpi", (0, 0))[0] or 0)
        dpi = dpi if 50 <= dpi <= 1200 else OCR_DPI
        return frame.width * 72 / dpi, frame.height * 72 / dpi

    def box_space(self, index: int, method: str) -> tuple[float, float]:
        """Width and height of the space the page's word boxes are measured in: page pixels
        at OCR_DPI for a PDF page, OCR'd or text layer alike (ingest/ converts layer words)."""
        if self._pdf is not None:
            w, h = self.page_points(index)
            return w * OCR_DPI / 72, h * OCR_DPI / 72
        frame = self._frame(index)
        dpi = float((self._img.info if self._img else {}).get("dpi", (0, 0))[0] or 0)
        k = OCR_DPI / dpi if 50 <= dpi < 0.8 * OCR_DPI else 1.0
        return frame.width * k, frame.height * k

    def frame_copy(self, index: int) -> Image.Image:
        """One frame of an image file, upright, as its own image."""
        return self._frame(index).copy()

    def image(self, index: int, width: int) -> Image.Image:
        """The page as an RGB (or grey) picture `width` pixels wide."""
        if self._pdf is not None:
            page = self._pdf[index]
            pw, _ = page.get_size()
            img: Image.Image = page.render(scale=width / pw).to_pil()
        else:
            img = self._frame(index).copy()
            img.thumbnail((width, 10 * width), Image.Resampling.LANCZOS)
        return img.convert("L") if img.mode in ("L", "1", "LA", "I;16", "I") else img.convert("RGB")


@contextmanager
def opened(path: Path, fmt: str) -> Iterator[PageSource]:
    src = PageSource(path, fmt)
    try:
        yield src
    finally:
        src.close()
