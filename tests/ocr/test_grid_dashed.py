"""A horizontal rule a worn photocopy broke into short dashes still separates its cells; a
real merged cell (a day cell spanning rows, its text crossing where a rule would be) stays
merged."""

import numpy as np
from PIL import Image, ImageDraw

from vanban.ocr.grid import find_grids

from scanpage import font, ruled_grid

XS = [150, 500, 1500, 2200]
YS = [200, 330, 460, 590, 720]


def _page(dashed_row: int | None) -> np.ndarray:
    """Four rows of three columns; the first column's cell spans rows 1-3 (no rules there)
    and holds a date on 2 lines, each across one of the missing rules. `dashed_row`:
    the rule under that row is left, in the middle column only, as 25-px dashes with 12-px
    gaps (every piece far shorter than the line finder's opening)."""
    img = Image.new("L", (2480, 900), 250)
    d = ImageDraw.Draw(img)
    ruled_grid(d, XS, YS)
    f = font(44)
    for y in YS[2:4]:  # the day cell spans rows 1-3: no rule inside it
        d.line([(XS[0] + 3, y), (XS[1] - 3, y)], fill=250, width=8)
    for y, text in ((440, "Thứ Hai"), (570, "27/12")):  # each line across a missing rule
        d.text((XS[0] + 40, y), text, fill=20, font=f)
    for r in range(4):
        d.text((XS[1] + 25, YS[r] + 35), f"Nội dung công việc {r + 1}", fill=20, font=f)
    arr = np.asarray(img).copy()
    if dashed_row is not None:
        y = YS[dashed_row + 1]
        arr[y - 4: y + 5, XS[1] + 4: XS[2] - 3] = 250
        for x in range(XS[1] + 8, XS[2] - 25, 37):
            arr[y - 2: y + 2, x: x + 25] = 25
    return arr


def test_dashed_rule_keeps_two_cells() -> None:
    (grid,) = find_grids(_page(2))
    spans = {(c.row, c.col): c.rowspan for c in grid.cells}
    assert spans[(2, 1)] == 1 and spans[(3, 1)] == 1


def test_real_merged_cell_with_text_across_stays_merged() -> None:
    (grid,) = find_grids(_page(2))
    spans = {(c.row, c.col): c.rowspan for c in grid.cells}
    assert spans[(1, 0)] == 3  # "Thứ Hai" / "27/12" lie across the two missing rules


def test_without_the_second_chance_the_dashed_rule_merges() -> None:
    """The case the dashes are looked for: the line masks alone merge the two cells."""
    from vanban.ocr import grid as grid_mod

    saved = grid_mod.DASHED_COVERAGE, grid_mod.DOTTED_COVERAGE
    # never reached: dashes ignored (the dotted-rule test, which also sees thin dashes, too)
    grid_mod.DASHED_COVERAGE = grid_mod.DOTTED_COVERAGE = 2.0
    try:
        (grid,) = find_grids(_page(2))
    finally:
        grid_mod.DASHED_COVERAGE, grid_mod.DOTTED_COVERAGE = saved
    spans = {(c.row, c.col): c.rowspan for c in grid.cells}
    assert spans[(2, 1)] == 2
