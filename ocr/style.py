"""Line styles of an OCR'd page: glyph weight and geometry, since OCR text has no bold and no
blank lines (vanban.layout decides headings and paragraph breaks from them).

Stroke width is the mean length of horizontal ink runs inside the line's word boxes: a vertical
stroke is crossed once per row, so the mean run is about its width, and a bold face's strokes
are some 1.5 times a regular one's at the same size. Ink per box area would also grow with
letter density and box padding; run length does not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from vanban.layout import LineGeom, Word, geom_of

INK = 128  # grey level below which a pixel is ink (the page is cleaned and deskewed already)


def stroke_width(gray: np.ndarray, words: Sequence[Word]) -> float | None:
    """Mean horizontal ink run (pixels) inside the words' boxes; None without ink."""
    ink = runs = 0
    h, w = gray.shape[:2]
    for wd in words:
        x0, x1 = max(0, int(wd.x0)), min(w, int(wd.x1))
        y0, y1 = max(0, int(wd.top)), min(h, int(wd.bottom))
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        dark = gray[y0:y1, x0:x1] < INK
        ink += int(dark.sum())
        runs += int(dark[:, 0].sum()) + int((dark[:, 1:] & ~dark[:, :-1]).sum())
    return ink / runs if runs else None


def line_geoms(gray: np.ndarray, lines: Sequence[Sequence[Word]]) -> list[LineGeom | None]:
    """Per text line (its words; none for a table row) its geometry and stroke width."""
    return [geom_of(ws, stroke=stroke_width(gray, ws)) if ws else None for ws in lines]
