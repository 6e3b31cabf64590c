"""A rendered page is copied out of pdfium's bitmap once, and owns its pixels.

render_scan no longer copies the whole RGB bitmap before taking the page out of it; the page
it returns must still be the same pixels, and must not point into the bitmap's buffer, which
pdfium frees with the bitmap.
"""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from vanban.ingest.render import _grey_if_colourless, render_scan


def _pdf(path: Path, mode: str) -> Path:
    img = Image.new(mode, (300, 400), "white")
    for y in range(100, 140):
        for x in range(40, 260):
            img.putpixel((x, y), (200, 30, 30) if mode == "RGB" else 40)
    img.save(path, resolution=100)
    return path


def _whole_copy(path: Path) -> np.ndarray:
    """The render as it was made before: the whole bitmap copied, then the page taken."""
    pdf = pdfium.PdfDocument(str(path))
    arr = np.array(pdf[0].render(scale=300 / 72, rev_byteorder=True).to_numpy(), copy=True)
    pdf.close()
    return _grey_if_colourless(arr[:, :, :3])


def test_grey_and_colour_pages_are_the_same_pixels_and_own_them(tmp_path: Path) -> None:
    for mode, channels in (("L", 2), ("RGB", 3)):
        path = _pdf(tmp_path / f"{mode}.pdf", mode)
        image, _ = render_scan(path, "pdf", 0)
        gc.collect()  # the bitmap is gone: the image must not have been a view into it
        assert image.ndim == channels
        assert image.flags.owndata and image.base is None
        assert np.array_equal(image, _whole_copy(path))
