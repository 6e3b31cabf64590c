"""Ruling lines under real conditions: slanted rules are followed along each cell, a rule
broken in one row does not make an L-shaped "merged cell", and rules are whitened out of the
cells before they are read."""

import cv2
import numpy as np

from vanban.ocr.grid import find_grids, line_masks, without_lines

XS = [100, 400, 1300, 1700]
YS = [100, 260, 420, 580, 740]


def _table(slant: float = 0.0, gap_row: int | None = None) -> np.ndarray:
    """4 rows x 3 columns of rules; `slant` px of vertical drift per 1000 px of width;
    `gap_row`: the rule between columns 0 and 1 is missing along that row (a fax dropout)
    while column 0 rows 1-3 are one merged day cell."""
    img = np.full((900, 1800), 235, np.uint8)
    for y in YS:
        if y in (YS[2], YS[3]):  # inside the day cell: no rule across column 0
            cv2.line(img, (XS[1], y + int(slant * XS[1] / 1000)),
                     (XS[-1], y + int(slant * XS[-1] / 1000)), 20, 3)
        else:
            cv2.line(img, (XS[0], y + int(slant * XS[0] / 1000)),
                     (XS[-1], y + int(slant * XS[-1] / 1000)), 20, 3)
    for x in XS:
        segments = [(YS[0], YS[-1])]
        if x == XS[1] and gap_row is not None:
            segments = [(YS[0], YS[gap_row] + 5), (YS[gap_row + 1] - 5, YS[-1])]
        for y0, y1 in segments:
            cv2.line(img, (x, y0), (x, y1), 20, 3)
    return img


def _spans(img: np.ndarray) -> dict[tuple[int, int], tuple[int, int]]:
    (grid,) = find_grids(img)
    return {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}


def test_day_cell_spans_rows() -> None:
    spans = _spans(_table())
    assert spans[(1, 0)] == (3, 1) and spans[(1, 1)] == (1, 1)


def test_slanted_rules_still_separate_rows() -> None:
    # 22 px of drift over 1000 px (a photo's leftover keystone): along a 900-px cell the
    # rule between rows leaves the old +-6 px window round its mean position
    spans = _spans(_table(slant=22.0))
    assert spans[(0, 1)] == (1, 1) and spans[(1, 2)] == (1, 1) and spans[(1, 0)] == (3, 1)


def test_a_broken_rule_gives_no_l_shaped_cell() -> None:
    (grid,) = find_grids(_table(gap_row=2))
    boxes = [c.box for c in grid.cells]
    for i, a in enumerate(boxes):  # no two cells overlap (each would be read twice)
        for b in boxes[i + 1:]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0 or overlap_y <= 0, (a, b)
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert spans[(1, 0)] == (3, 1) and spans[(2, 1)] == (1, 1)


def test_rules_are_whitened_out() -> None:
    img = _table(slant=10.0)
    clean = without_lines(img, line_masks(img))
    assert int((clean < 128).sum()) < 0.02 * int((img < 128).sum())
