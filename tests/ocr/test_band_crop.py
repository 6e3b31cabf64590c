"""A short line alone under a table on grey, unevenly lit paper is read (it came back empty)."""

import numpy as np
from PIL import Image, ImageDraw

from vanban.ocr import ocr_page
from vanban.ocr.api import _ink_box

from scanpage import font


def _band_page() -> np.ndarray:
    """Grey paper darkening to the left, a white corner where deskew rotated the page in,
    dust specks, and one short line."""
    rng = np.random.default_rng(5)
    w, h = 2400, 380
    paper = (190 + 40 * np.linspace(0, 1, w))[None, :] + rng.normal(0, 5, (h, w))
    img = Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    d.text((230, 20), "Nơi nhận:", fill=25, font=font(52))
    d.polygon([(2400, 300), (2400, 380), (0, 380)], fill=255)
    arr = np.asarray(img).copy()
    for y, x in zip(rng.integers(0, h, 60), rng.integers(0, w, 60), strict=True):
        arr[y: y + 4, x: x + 4] = 60
    return arr


def test_short_line_on_grey_paper_is_read() -> None:
    page = _band_page()
    x0, y0, crop = _ink_box(page)
    assert 150 < x0 < 230 and y0 < 40 and crop.shape[1] < 600  # dust does not widen it
    assert "Nơi nhận" in ocr_page(page, 1).text
