"""A table split into stacked grids by broken rules is one table again, read once.

A fax scan line that drops out cuts every vertical rule at one height: line finding then
sees two grids, the upper one ending at the cut with no rule under its last row."""

import cv2
import numpy as np
from PIL import Image, ImageDraw

from vanban.ocr import ocr_page
from vanban.ocr.grid import find_grids, line_masks

from scanpage import font, ruled_grid

XS = [150, 600, 1500, 2200]
YS = [200, 330, 460, 590, 720, 850]
ROWS = [("01", "Giao ban", "Văn phòng"), ("02", "Kiểm tra", "Phòng Tổng hợp"),
        ("03", "Họp tổ", "Ban chỉ đạo"), ("04", "Tổng kết", "Huyện"),
        ("05", "Nghỉ", "Cơ quan")]


def _page(cut_at: int | None) -> np.ndarray:
    """Five rows of three columns; `cut_at`: y where a 40-px band of the page lost all its
    ink (every vertical rule broken there, inside the third row)."""
    img = Image.new("L", (2480, 1100), 250)
    d = ImageDraw.Draw(img)
    f = font(44)
    ruled_grid(d, XS, YS)
    for r, cells in enumerate(ROWS):
        for c, text in enumerate(cells):
            d.text((XS[c] + 25, YS[r] + 30), text, fill=20, font=f)
    arr = np.asarray(img).copy()
    if cut_at is not None:
        arr[cut_at: cut_at + 40] = 250
    return arr


def test_fragments_of_one_table_are_joined() -> None:
    whole = find_grids(_page(None))
    cut = _page(YS[2] + 85)  # below the third row's text, above its bottom rule
    # the cut really splits the rules: two components of ruling lines
    masks = line_masks(cut)
    assert cv2.connectedComponents(masks.both)[0] - 1 == 2
    (grid,) = find_grids(cut)
    assert len(whole) == 1
    assert grid.n_rows == whole[0].n_rows == 5 and grid.n_cols == 3
    assert all(abs(a - b) <= 5 for a, b in zip(grid.ys, whole[0].ys, strict=True))


def test_row_cut_by_the_break_is_read_once() -> None:
    text = ocr_page(_page(YS[2] + 85), 1).text
    assert text.count("Họp tổ") == 1 and text.count("Ban chỉ đạo") == 1
    lines = [ln for ln in text.split("\n") if "\t" in ln]
    assert len(lines) == 5, text


def test_two_tables_with_other_columns_stay_apart() -> None:
    img = Image.new("L", (2480, 1400), 250)
    d = ImageDraw.Draw(img)
    for xs, ys in (([150, 600, 2200], [200, 400, 600]), ([150, 900, 2200], [630, 830, 1030])):
        for y in ys:
            d.line([(xs[0], y), (xs[-1], y)], fill=25, width=4)
        for x in xs:
            d.line([(x, ys[0]), (x, ys[-1])], fill=25, width=4)
    assert len(find_grids(np.asarray(img))) == 2


def test_one_table_seen_as_two_overlapping_grids_is_read_once() -> None:
    from vanban.ocr.grid import Grid, LineMasks, _join_fragments

    masks = line_masks(_page(None))
    (whole,) = find_grids(_page(None))
    # the same table as two grids (interleaved components), one missing an inner column line
    other = Grid((whole.box[0] + 7, whole.box[1] + 3, whole.box[2] + 10, whole.box[3]),
                 whole.ys, (whole.xs[0], whole.xs[2], whole.xs[3]), ())
    (joined,) = _join_fragments([whole, other], LineMasks(masks.horizontal, masks.vertical))
    assert joined.xs == whole.xs and joined.ys == whole.ys
    assert len(joined.cells) == len(whole.cells)


def test_a_rule_broken_into_dashes_still_separates_its_cells() -> None:
    # the rule under row 2 of the last column survives as 100-px pieces every 300 px (a
    # third of its length, as a fax breaks it): still two cells, not one merged cell
    img = _page(None)
    y = YS[2]
    img[y - 3: y + 4, XS[2] + 3: XS[3] - 2] = 250
    for x in range(XS[2] + 20, XS[3] - 100, 300):
        img[y - 2: y + 2, x: x + 100] = 25
    (grid,) = find_grids(img)
    spans = {(c.row, c.col): c.rowspan for c in grid.cells}
    assert spans[(1, 2)] == 1 and spans[(2, 2)] == 1
