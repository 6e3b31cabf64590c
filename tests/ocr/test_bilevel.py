"""A 150-dpi 1-bit fax with broken rules and glyphs: recognised as bilevel, smoothed, its
table found whole and its text read."""

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw
from rapidfuzz import fuzz

from vanban.ingest import render_page
from vanban.ocr import ocr_page
from vanban.ocr.bilevel import is_bilevel, smooth
from vanban.ocr.grid import find_grids

from scanpage import font

ROWS = [["Ngày", "Nội dung công việc", "Chủ trì"],
        ["Thứ Hai", "Họp giao ban Ban Chỉ đạo huyện", "Văn phòng"],
        ["Thứ Ba", "Kiểm tra tiến độ xây dựng nhà văn hóa", "Phòng Kinh tế"]]
XS, YS = [100, 420, 1500, 1950], [100, 230, 360, 490]


def _fax() -> Image.Image:
    """Drawn at 300 dpi, then made a 150-dpi 1-bit page the way a fax machine does: thin
    threshold over noise (broken strokes), a few dropped scan lines."""
    img = Image.new("L", (2100, 600), 255)
    d = ImageDraw.Draw(img)
    for x in XS:
        d.line((x, YS[0], x, YS[-1]), fill=0, width=3)
    for y in YS:
        d.line((XS[0], y, XS[-1], y), fill=0, width=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            d.text((XS[c] + 20, YS[r] + 35), text, fill=0, font=font(48))
    rng = np.random.default_rng(3)
    small = cv2.resize(np.asarray(img), (1050, 300), interpolation=cv2.INTER_AREA)
    small = small.astype(np.float32) + rng.normal(0, 30, small.shape)
    small[rng.random(300) < 0.04] += 90
    return Image.fromarray(np.where(small < 80, 0, 255).astype(np.uint8)).convert("1")


def test_grey_pages_are_not_bilevel() -> None:
    grey = np.full((200, 300), 230, np.uint8)
    grey[50:60, 20:200] = 30
    grey[60:62, 20:200] = 120  # anti-aliased edge
    grey[62:64, 20:200] = 180
    assert not is_bilevel(grey)
    assert smooth(grey) == (grey, "")


def test_fax_table_is_found_whole_and_read(tmp_path: Path) -> None:
    path = tmp_path / "fax.tiff"
    _fax().save(path, dpi=(150, 150))
    page = render_page(path, "image", 0)
    assert page.shape == (600, 2100) and is_bilevel(page)
    smoothed, why = smooth(page)
    assert "bilevel" in why
    (grid,) = [g for g in find_grids(smoothed) if g.n_cols >= 2]
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    got = ocr_page(page, 1)
    assert "bilevel" in got.decision
    (table,) = got.tables
    cells = {(c.row, c.col): c.text for c in table.cells}
    # every cell in its place; a broken "t" still reads "L" now and then
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            assert fuzz.ratio(cells[(r, c)], text) >= 75, (cells, text)
