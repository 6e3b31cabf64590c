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
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps

from vanban.errors import CorruptFileError
from vanban.ingest.sniff import Format

OCR_DPI = 300
# A scan at least this fine may be read at its own resolution (`vanban run --resolution
# native`); coarser scans (fax, 150-dpi archives) are always read upsampled to OCR_DPI.
NATIVE_MIN_DPI = 200


def render_page(path: Path, fmt: Format, page_index: int, dpi: int = OCR_DPI) -> np.ndarray:
    return render_scan(path, fmt, page_index, dpi, measure=False)[0]


def render_scan(path: Path, fmt: Format, page_index: int, dpi: int = OCR_DPI,
                measure: bool = True) -> tuple[np.ndarray, float | None]:
    """The page rendered at `dpi`, and the resolution of the scan the render resampled to
    `dpi` (a PDF page's largest image, an upsampled image file's resolution tag): what
    `--resolution native` reads text at. None where there is none (a vector page) or the
    render kept the image's own pixels (an image file at 240 dpi or more, or untagged), or not
    `measure` (render_page: the default run never looks at a PDF page's images)."""
    if fmt == "pdf":
        try:  # the file opened when it was prepared, but it may have changed since
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(f"PDF cannot be opened to render a page ({exc})", path,
                                   page_index + 1) from exc
        try:
            page = pdf[page_index]
            own = scan_dpi(page) if measure else None
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            # The bitmap's buffer is pdfium's, freed with the bitmap: the page is copied out
            # of it once, as what it is (a grey page's one channel, else its RGB), while the
            # bitmap lives. Copying the whole RGB buffer first cost a quarter of the render
            # (92 -> 68 ms/page on six bundled scan pages, the same pixels).
            image = _owned(_as_page(bitmap.to_numpy()))
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(f"page cannot be rendered ({exc})", path,
                                   page_index + 1) from exc
        finally:
            pdf.close()
        return image, own
    try:
        with Image.open(path) as img:
            img.seek(page_index)
            frame = ImageOps.exif_transpose(img) or img
            grey = to_page(frame)
            dpi_x = float(img.info.get("dpi", (0, 0))[0] or 0)
            own = None
            # Tesseract reads best around 300 dpi; low-resolution scans are upsampled.
            # A resolution tag outside 50-1200 dpi is a placeholder (often 1 or 72), not a fact.
            if 50 <= dpi_x < 0.8 * dpi:
                scale = dpi / dpi_x
                # A 1-bit frame (fax) stays two-valued, so ocr/ recognises it and smooths
                # it by its measured repair; Lanczos would blur it without filling the gaps
                # of its broken strokes and hide that it was 1-bit.
                how = (Image.Resampling.NEAREST if frame.mode == "1"
                       else Image.Resampling.LANCZOS)
                grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), how)
                own = dpi_x
            out = np.asarray(grey, dtype=np.uint8).copy()
            return (_grey_if_colourless(out) if out.ndim == 3 else out), own
    except (OSError, EOFError, ValueError, SyntaxError, TypeError) as exc:  # Pillow's range
        raise CorruptFileError(f"image frame cannot be decoded ({exc})", path,
                               page_index + 1) from exc


def scan_dpi(page: pdfium.PdfPage) -> float | None:
    """The horizontal resolution of the page's largest image (a scanned page's own), None for
    a page without images or whose image carries no size on the page."""
    best: tuple[int, float | None] = (0, None)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1):
        meta = obj.get_metadata()
        area = int(meta.width) * int(meta.height)
        if area > best[0] and meta.horizontal_dpi > 0:
            best = (area, float(meta.horizontal_dpi))
    return best[1]


def read_scale(scan: float | None, native: bool) -> float:
    """The scale Tesseract reads text at, relative to the OCR_DPI render: the scan's own
    resolution over OCR_DPI when `native` and the scan is between NATIVE_MIN_DPI and OCR_DPI,
    else 1 (the default reads every page at OCR_DPI)."""
    if not native or scan is None or not NATIVE_MIN_DPI <= scan < OCR_DPI:
        return 1.0
    return scan / OCR_DPI


def to_page(frame: Image.Image) -> Image.Image:
    """8-bit RGB (colour sources) or greyscale, as a reader sees the page.

    Pillow's plain convert("L") loses two kinds of scan silently (issue 15): 16-bit and float
    samples are clipped at 255, so a 16-bit page whose ink is at 5000 comes out all white; and
    transparency is dropped, so black text on a transparent (black-keyed) background comes out
    all black. Deep samples are scaled by the bit depth their largest value needs (16-bit scans,
    12-bit sensors in 16-bit containers); transparent parts are laid on white paper.
    """
    if frame.mode in ("I", "F") or frame.mode.startswith("I;16"):
        arr = np.asarray(frame, dtype=np.float64)
        top = float(arr.max()) if arr.size else 0.0
        if top > 255:
            depth = 2 ** int(np.ceil(np.log2(top + 1))) - 1
            arr = arr * (255.0 / depth)
        return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    if frame.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB" if _colour(frame) else "L")
    return frame.convert("RGB" if _colour(frame) else "L")


def _colour(frame: Image.Image) -> bool:
    return frame.mode not in ("1", "L", "LA", "La", "I", "F") and not frame.mode.startswith("I;16")


def _as_page(arr: np.ndarray) -> np.ndarray:
    """A rendered bitmap's pixels as a page: RGB, or one channel where it is grey."""
    if arr.ndim == 3 and arr.shape[2] >= 3:
        return _grey_if_colourless(arr[:, :, :3])
    return arr.reshape(arr.shape[0], arr.shape[1]) if arr.ndim == 3 else arr


def _owned(arr: np.ndarray) -> np.ndarray:
    """`arr` when it owns its memory, else a copy (a view into a buffer someone will free)."""
    return arr if arr.flags.owndata and arr.base is None else np.array(arr, dtype=np.uint8)


def _grey_if_colourless(rgb: np.ndarray) -> np.ndarray:
    """A page whose three channels are equal (a grey scan stored as RGB, a black-and-white
    PDF) is returned as one channel: a third of the memory, and the exact grey levels."""
    sample = rgb[::4, ::4]
    if np.array_equal(sample[:, :, 0], sample[:, :, 1]) and np.array_equal(
            sample[:, :, 1], sample[:, :, 2]):
        return np.ascontiguousarray(rgb[:, :, 0])
    return rgb
