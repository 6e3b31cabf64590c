"""Ink beside a table: inside the table's horizontal band, outside the cells found.

The text between tables is read band by band over the full page width, and a table's band
is read only through its cells. Whatever else lies in that band (a note written to the right
of the table, a column whose rules vanished so no cell holds it, a row a break cut off the
grid) would never be read. Each table's band is looked at once more with the cells' area
blanked out; when letter-sized ink is left, that part is read as a text block.
"""

from __future__ import annotations

import cv2
import numpy as np

from vanban.ocr.grid import Grid

CELLS_MARGIN = 12  # px round the cells' area: the rules' own width and their dilation
MIN_LETTER_AREA = 60  # px at 300 dpi: letters; specks and dust are smaller
MIN_LETTERS = 3  # components: fewer are a stray mark, not text
MIN_INK = 400  # px of letter ink in all
MAX_LETTER_PX = 150  # a component longer than this either way is a rule's remnant, not text


def beside(gray: np.ndarray, grids: list[Grid], margin: int) -> list[tuple[int, int, np.ndarray]]:
    """For each table, its band (its box plus `margin` px above and below) with every
    table's cells blanked to white, as (x0, y0, crop), cropped to the letter ink left; bands
    with no text-like ink are left out. `gray` should have its ruling lines whitened."""
    h = gray.shape[0]
    out = []
    for g in grids:
        y0, y1 = max(0, g.box[1] - margin), min(h, g.box[3] + margin)
        band = gray[y0:y1].copy()
        for other in grids:
            cy0 = max(0, other.ys[0] - CELLS_MARGIN - y0)
            cy1 = max(0, other.ys[-1] + CELLS_MARGIN + 1 - y0)
            cx0, cx1 = max(0, other.xs[0] - CELLS_MARGIN), other.xs[-1] + CELLS_MARGIN + 1
            band[cy0:cy1, cx0:cx1] = 255
        box = _letters_box(band)
        if box is not None:
            bx0, by0, bx1, by1 = box
            out.append((bx0, y0 + by0, band[by0:by1, bx0:bx1]))
    return out


BOX_PAD = 30  # px of paper round the ink: Tesseract wants a quiet border


def _letters_box(band: np.ndarray) -> tuple[int, int, int, int] | None:
    ink = (band < 128).astype(np.uint8)
    if int(ink.sum()) < MIN_INK:
        return None  # the common case (nothing beside the table): one pass, no labelling
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    area = stats[:, cv2.CC_STAT_AREA]
    cw, ch = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    letters = (area >= MIN_LETTER_AREA) & (cw <= MAX_LETTER_PX) & (ch <= MAX_LETTER_PX)
    letters[0] = False
    idx = np.flatnonzero(letters)
    if idx.size < MIN_LETTERS or int(area[idx].sum()) < MIN_INK:
        return None
    x0s, y0s = stats[idx, cv2.CC_STAT_LEFT], stats[idx, cv2.CC_STAT_TOP]
    x1s, y1s = x0s + cw[idx], y0s + ch[idx]
    h, w = band.shape
    return (max(0, int(x0s.min()) - BOX_PAD), max(0, int(y0s.min()) - BOX_PAD),
            min(w, int(x1s.max()) + BOX_PAD), min(h, int(y1s.max()) + BOX_PAD))
