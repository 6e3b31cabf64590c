"""Ink inside a table's band but outside its cells is read, not dropped: a note written to
the right of a table, and a last column whose rules vanished."""

import numpy as np
from PIL import Image, ImageDraw

from vanban.ocr import ocr_page
from vanban.ocr.beside import beside
from vanban.ocr.grid import find_grids

from scanpage import font, ruled_grid

XS = [150, 500, 1300]
YS = [200, 330, 460, 590]


def _page(note: bool, lost_column: bool) -> np.ndarray:
    img = Image.new("L", (2480, 900), 250)
    d = ImageDraw.Draw(img)
    f = font(44)
    ruled_grid(d, XS, YS)
    for r, (day, task) in enumerate([("Thứ Hai", "Giao ban"), ("Thứ Ba", "Kiểm tra"),
                                     ("Thứ Tư", "Tổng kết")]):
        d.text((XS[0] + 25, YS[r] + 35), day, fill=20, font=f)
        d.text((XS[1] + 25, YS[r] + 35), task, fill=20, font=f)
        if lost_column:  # a third column printed without any rules
            d.text((XS[2] + 40, YS[r] + 35), ["Văn phòng", "Phòng họp", "Hội trường"][r],
                   fill=20, font=f)
    if note:
        d.text((1700, 300), "Ghi chú: họp sớm", fill=20, font=f)
    return np.asarray(img)


def test_note_beside_a_table_is_read() -> None:
    text = ocr_page(_page(note=True, lost_column=False), 1).text
    assert "Ghi chú" in text and "họp sớm" in text, text
    assert text.count("Kiểm tra") == 1  # cells are not read again as text


def test_column_without_rules_is_read() -> None:
    text = ocr_page(_page(note=False, lost_column=True), 1).text
    for word in ("Văn phòng", "Phòng họp", "Hội trường"):
        assert word in text, text


def test_nothing_beside_a_clean_table() -> None:
    gray = _page(note=False, lost_column=False)
    assert beside(gray, find_grids(gray), 4) == []
