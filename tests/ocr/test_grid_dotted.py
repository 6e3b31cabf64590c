"""A horizontal rule a thin fax threshold broke into dots still separates its cells (dev fax2
t1 page 2: the header cell and the day cell under it became one, and the day was dropped with
the repeated header); a real merged cell with text across stays merged."""

import numpy as np
from PIL import Image, ImageDraw

from vanban.ocr import grid as grid_mod
from vanban.ocr.grid import find_grids

from scanpage import font, ruled_grid

XS = [150, 500, 1500, 2200]
YS = [200, 330, 460, 590, 720]


def _page(dotted: bool) -> np.ndarray:
    """Four rows of three columns; the first column's cell spans rows 1-3 (no rules there)
    and holds a date on 2 lines, each across one of the missing rules. `dotted`: the rule
    under row 0 is left, in the first column only, as 3-14 px dots 4 px thick with 4-9 px
    gaps (as a fax's thin threshold leaves it)."""
    img = Image.new("L", (2480, 900), 250)
    d = ImageDraw.Draw(img)
    ruled_grid(d, XS, YS)
    f = font(44)
    for y in YS[2:4]:  # the day cell spans rows 1-3: no rule inside it
        d.line([(XS[0] + 3, y), (XS[1] - 3, y)], fill=250, width=8)
    d.text((XS[0] + 30, YS[0] + 35), "Ngày", fill=20, font=f)
    for y, text in ((440, "Thứ Hai"), (570, "27/12")):  # each line across a missing rule
        d.text((XS[0] + 40, y), text, fill=20, font=f)
    for r in range(4):
        d.text((XS[1] + 25, YS[r] + 35), f"Nội dung công việc {r + 1}", fill=20, font=f)
    arr = np.asarray(img).copy()
    if dotted:
        y = YS[1]
        arr[y - 5: y + 6, XS[0] + 4: XS[1] - 3] = 250
        rng = np.random.default_rng(1)
        x = XS[0] + 8
        while x < XS[1] - 12:
            w = int(rng.integers(3, 15))
            arr[y - 2: y + 2, x: x + w] = 30
            x += w + int(rng.integers(4, 10))
    return arr


def _spans() -> dict[tuple[int, int], int]:
    (grid,) = find_grids(_page(True))
    return {(c.row, c.col): c.rowspan for c in grid.cells}


def test_dotted_rule_keeps_two_cells() -> None:
    spans = _spans()
    assert spans[(0, 0)] == 1 and spans[(1, 0)] == 3


def test_real_merged_cell_with_text_across_stays_merged() -> None:
    assert _spans()[(1, 0)] == 3  # "Thứ Hai" / "27/12" lie across the two missing rules


def test_without_the_dots_the_cells_merge() -> None:
    """The case the dots are looked for: the line masks (and the dash test) alone merge the
    header cell into the day cell."""
    saved = grid_mod.DOTTED_COVERAGE
    grid_mod.DOTTED_COVERAGE = 2.0  # never reached: dots ignored
    try:
        (grid,) = find_grids(_page(True))
    finally:
        grid_mod.DOTTED_COVERAGE = saved
    spans = {(c.row, c.col): c.rowspan for c in grid.cells}
    assert spans[(0, 0)] == 4


def test_real_merge_measures_no_dots() -> None:
    masks = grid_mod.line_masks(_page(False))
    for y in YS[2:4]:
        assert grid_mod.dotted_rule_coverage(masks.ink, y, XS[0] + 10, XS[1] - 10) < 0.1
