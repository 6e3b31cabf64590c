"""A table holding a fragment of itself is a table, not a frame.

On a worn photocopy the rules round a block of cells can break all round it: the block's
rules are then a separate line component *inside* the table's box. Before, the table was
taken for a border drawn round the page (an outline holding another grid) and dropped, so
only the block was read (dev photocopy+skew h1 page 3: 1 row of 12)."""

import cv2
import numpy as np
from PIL import Image, ImageDraw

from vanban.ocr.grid import find_grids, line_masks

from scanpage import ruled_grid

XS = [100, 400, 800, 1100, 1400, 1700]
YS = [100, 300, 500, 700, 900, 1100]
BLOCK = (250, 600, 1550, 1100)  # rules crossing this outline are broken there
GAP = 30


def _page(broken: bool) -> np.ndarray:
    img = Image.new("L", (1800, 1250), 250)
    d = ImageDraw.Draw(img)
    ruled_grid(d, XS, YS)
    arr = np.asarray(img).copy()
    if broken:
        x0, y0, x1, _ = BLOCK
        for y in YS:
            if y > y0:  # horizontal rules cut where they enter and leave the block
                arr[y - 5: y + 6, x0 - GAP // 2: x0 + GAP // 2] = 250
                arr[y - 5: y + 6, x1 - GAP // 2: x1 + GAP // 2] = 250
        for x in XS:
            if x0 < x < x1:  # vertical rules cut where they enter it
                arr[y0 - GAP // 2: y0 + GAP // 2, x - 5: x + 6] = 250
    return arr


def test_a_table_holding_a_fragment_of_itself_is_kept_whole() -> None:
    (whole,) = find_grids(_page(False))
    page = _page(True)
    masks = line_masks(page)
    assert cv2.connectedComponents(masks.both)[0] - 1 == 2  # table + the block inside it
    (grid,) = find_grids(page, masks)
    assert grid.n_rows == whole.n_rows == 5
    # the block's closed sides (where its cut rules end) are no columns of the table
    assert grid.n_cols == whole.n_cols == 5
    assert all(abs(a - b) <= 5 for a, b in zip(grid.xs, whole.xs, strict=True))
    assert all(abs(a - b) <= 5 for a, b in zip(grid.ys, whole.ys, strict=True))
    assert len(grid.cells) == 25


def test_a_border_round_a_table_is_still_no_table() -> None:
    img = Image.new("L", (2000, 1400), 250)
    d = ImageDraw.Draw(img)
    d.rectangle([(20, 20), (1900, 1350)], outline=25, width=4)  # not hugging the page edges
    ruled_grid(d, XS, YS, dy=100)
    (grid,) = find_grids(np.asarray(img))
    assert grid.n_rows == 5 and grid.n_cols == 5
