"""Render one page of a source to an 8-bit image for OCR: RGB where the source has colour,
greyscale where it has none (ocr/ drops coloured ink, seals and signatures, by its colour,
which a greyscale render would have made into dark ink).

Rendering happens inside the worker that OCRs the page, one page at a time, so memory stays
flat however many pages a batch has.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from vanban.errors import CorruptFileError
from vanban.ingest.sniff import Format

OCR_DPI = 300


def render_page(path: Path, fmt: Format, page_index: int, dpi: int = OCR_DPI) -> np.ndarray:
    if fmt == "pdf":
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[page_index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            arr = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(f"page cannot be rendered ({exc})", path,
                                   page_index + 1) from exc
        finally:
            pdf.close()
        if arr.ndim == 3 and arr.shape[2] >= 3:
            return _grey_if_colourless(arr[:, :, :3])
        return arr.reshape(arr.shape[0], arr.shape[1]) if arr.ndim == 3 else arr
    try:
        with Image.open(path) as img:
            img.seek(page_index)
            frame = ImageOps.exif_transpose(img) or img
            colour = frame.mode not in ("1", "L", "LA", "I", "I;16", "F")
            grey = frame.convert("RGB" if colour else "L")
            dpi_x = float(img.info.get("dpi", (0, 0))[0] or 0)
            # Tesseract reads best around 300 dpi; low-resolution scans are upsampled.
            # A resolution tag outside 50-1200 dpi is a placeholder (often 1 or 72), not a fact.
            if 50 <= dpi_x < 0.8 * dpi:
                scale = dpi / dpi_x
                grey = grey.resize((round(grey.width * scale), round(grey.height * scale)),
                                   Image.Resampling.LANCZOS)
            out = np.asarray(grey, dtype=np.uint8).copy()
            return _grey_if_colourless(out) if out.ndim == 3 else out
    except (OSError, EOFError, ValueError) as exc:
        raise CorruptFileError(f"image frame cannot be decoded ({exc})", path,
                               page_index + 1) from exc


def _grey_if_colourless(rgb: np.ndarray) -> np.ndarray:
    """A page whose three channels are equal (a grey scan stored as RGB, a black-and-white
    PDF) is returned as one channel: a third of the memory, and the exact grey levels."""
    sample = rgb[::4, ::4]
    if np.array_equal(sample[:, :, 0], sample[:, :, 1]) and np.array_equal(
            sample[:, :, 1], sample[:, :, 2]):
        return np.ascontiguousarray(rgb[:, :, 0])
    return rgb
