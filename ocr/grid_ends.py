"""A table's top or bottom rule a worn copy broke off from its column rules.

On a heavy photocopy the vertical rules fade near the table's corners, so the top border
(itself broken into pieces) no longer touches them: it falls into a line component of its own
and the grid starts at its first inner row line. The header row is then outside the table,
read as prose across the columns ("MGAY/ NÓ) DỤNG CONG VIỆC ĐA LANH ...", dev photocopy h1
page 1), and the loose border as a line of junk ("SEP HH0 000290000..."). The column rules
still run above the first row line (or below the last): that open row is closed at the
broken rule just past the rules' ends. Where no rule is found there, nothing is added: column
rules ending in the open are also a fragment of a larger table (its rules cut round a block
of cells, ocr/grid.py joins it) whose border is the table's own line further out.
"""

from __future__ import annotations

import numpy as np

# The column rules run at least this far past the outermost row line (a row shorter than one
# line of text is none; it is the rules' dilation and a slant's overshoot otherwise).
MIN_OPEN_ROW_PX = 60
OPEN_RULE_COVERAGE = 0.5  # share of that open stretch a column rule must cover ...
OPEN_RULES_SHARE = 0.5  # ... for at least this share of the column rules
# The loose rule is looked for this far beyond the column rules' ends (the faded stretch
# measured 20-30 px at 300 dpi) and must cover this share of the table's width in pieces.
RULE_REACH_PX = 45
RULE_COVERAGE = 0.5
LINE_DILATION_PX = 7  # line_masks dilates vertical lines by 15 px along them: 7 each end


def _runs_open(vertical: np.ndarray, xs: list[int], y0: int, y1: int) -> bool:
    """Whether most column rules cover most of rows y0..y1 (the open row's height)."""
    if y1 - y0 < MIN_OPEN_ROW_PX:
        return False
    covering = 0
    for x in xs:
        band = vertical[y0:y1, max(0, x - 3): x + 4]
        if band.size and float((band.max(axis=1) > 0).mean()) >= OPEN_RULE_COVERAGE:
            covering += 1
    return covering >= OPEN_RULES_SHARE * len(xs)


def _loose_rule(horizontal: np.ndarray, xs: list[int], y0: int, y1: int) -> int | None:
    """The row (between y0 and y1) where horizontal rule pieces cover the most of the
    table's width, when they cover at least RULE_COVERAGE of it."""
    y0, y1 = max(0, y0), min(horizontal.shape[0], y1)
    if y1 <= y0:
        return None
    span = horizontal[y0:y1, xs[0]: xs[-1]]
    if not span.size:
        return None
    cover = (span > 0).mean(axis=1)
    best = float(cover.max())
    if best < RULE_COVERAGE:
        return None
    rows = np.flatnonzero(cover >= best - 0.05)
    return y0 + round(float(rows.mean()))


def close_ends(horizontal: np.ndarray, vertical: np.ndarray, ys: list[int], xs: list[int],
               top: int, bottom: int) -> list[int]:
    """Row lines `ys` of a grid whose line component spans top..bottom, with a top (bottom)
    line added where the column rules run on past the first (last) one and a loose rule
    lies just beyond their ends."""
    if len(xs) < 2 or not ys:
        return ys
    out = list(ys)
    end_top, end_bottom = top + LINE_DILATION_PX, bottom - LINE_DILATION_PX
    if _runs_open(vertical, xs, end_top, out[0] - LINE_DILATION_PX):
        rule = _loose_rule(horizontal, xs, end_top - RULE_REACH_PX, end_top + LINE_DILATION_PX)
        if rule is not None:
            out.insert(0, rule)
    if _runs_open(vertical, xs, out[-1] + LINE_DILATION_PX, end_bottom):
        rule = _loose_rule(horizontal, xs, end_bottom - LINE_DILATION_PX,
                           end_bottom + RULE_REACH_PX)
        if rule is not None:
            out.append(rule)
    return out
