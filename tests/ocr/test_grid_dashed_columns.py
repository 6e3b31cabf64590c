"""A vertical rule a worn photocopy broke into short dashes still separates its two columns'
cells; a real cell spanning two columns, its text running across where the rule would be,
stays one cell (letters' stems are as thin and tall as dashes, but joined to serifs and
bowls, and scattered along the line)."""

import numpy as np
from PIL import Image, ImageDraw

from vanban.ocr import grid as grid_mod
from vanban.ocr.grid import find_grids

from scanpage import font, ruled_grid

XS = [150, 600, 1300, 1800, 2300]
YS = [200, 330, 600, 730]
ALPHABET = "Làm việc với Ủy ban nhân dân huyện Đô Lương về hồ sơ kiểm định lịch HĐND"


def _page(dashed: bool) -> np.ndarray:
    """Three rows of four columns. Row 1: the rule between columns 2 and 3 is left as
    25-px dashes with 14-px gaps (`dashed`), else the two cells are one cell spanning both
    columns, with three lines of text running across x = 1300."""
    img = Image.new("L", (2480, 900), 250)
    d = ImageDraw.Draw(img)
    ruled_grid(d, XS, YS)
    f = font(44)
    d.line([(XS[2], YS[1] + 3), (XS[2], YS[2] - 3)], fill=250, width=8)
    for r in (0, 2):
        for c in range(4):
            d.text((XS[c] + 25, YS[r] + 35), f"Ô {r}{c}", fill=20, font=f)
    if dashed:
        d.text((XS[1] + 25, YS[1] + 30), "Huyện Diễn", fill=20, font=f)
        d.text((XS[1] + 25, YS[1] + 100), "Châu", fill=20, font=f)
        d.text((XS[2] + 25, YS[1] + 30), "Đ/c Hà", fill=20, font=f)
    else:
        for k in range(3):
            d.text((XS[1] + 30 + 17 * k, YS[1] + 30 + 75 * k), ALPHABET[25 * k: 25 * k + 38],
                   fill=20, font=f)
    arr = np.asarray(img).copy()
    if dashed:
        for y in range(YS[1] + 8, YS[2] - 20, 39):
            arr[y: y + 25, XS[2] - 2: XS[2] + 2] = 25
    return arr



def test_dashed_vertical_rule_keeps_two_cells() -> None:
    (grid,) = find_grids(_page(dashed=True))
    spans = {(c.row, c.col): c.colspan for c in grid.cells}
    assert spans[(1, 1)] == 1 and spans[(1, 2)] == 1


def test_real_cell_spanning_two_columns_stays_one() -> None:
    (grid,) = find_grids(_page(dashed=False))
    spans = {(c.row, c.col): c.colspan for c in grid.cells}
    assert spans[(1, 1)] == 2


def test_without_the_second_chance_the_dashed_vertical_rule_merges() -> None:
    saved = grid_mod.DASHED_COLUMN_COVERAGE
    grid_mod.DASHED_COLUMN_COVERAGE = 2.0  # never reached: dashes ignored
    try:
        (grid,) = find_grids(_page(dashed=True))
    finally:
        grid_mod.DASHED_COLUMN_COVERAGE = saved
    spans = {(c.row, c.col): c.colspan for c in grid.cells}
    assert spans[(1, 1)] == 2
