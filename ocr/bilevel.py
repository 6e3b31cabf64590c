"""1-bit pages (faxes, bilevel TIFF scans): smoothed back into grey before anything else.

A fax is 1-bit at ~150 dpi (200 x 100 in standard mode): strokes have staircase edges,
thin strokes and ruling lines are broken into dashes where the fax's threshold dropped
them, and a viewer or ingest/ upsamples it to 300 dpi. Every later step was tuned on grey
scans: line finding opens with long kernels (a rule broken every few pixels is no line for
it) and Tesseract's own binarisation does best on anti-aliased glyphs. Smoothing the bilevel
page with a small Gaussian (its width chosen by measurement, docs/notes/scans.md) gives back
grey edges and fills the pixel-wide gaps of dashes, after which the page is read as any scan.
Grey scans are not touched: the test is on the histogram (~2 ms on a sampled page).
"""

from __future__ import annotations

import cv2
import numpy as np

BILEVEL_SHARE = 0.995  # share of sampled pixels at exactly the darkest or the lightest value
SIGMA = 2.0


def is_bilevel(gray: np.ndarray) -> bool:
    """Two grey values and (almost) nothing between: a 1-bit source. An anti-aliased render
    of a clean PDF has 2-3% edge pixels in between and is not bilevel; a grey scan far more."""
    sample = gray[::4, ::4]
    lo, hi = int(sample.min()), int(sample.max())
    if hi - lo < 128:
        return False
    extreme = np.count_nonzero((sample == lo) | (sample == hi))
    return bool(extreme >= BILEVEL_SHARE * sample.size)


def smooth(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """The page with grey edges back, and the decision's note; grey pages unchanged."""
    if not is_bilevel(gray):
        return gray, ""
    out: np.ndarray = cv2.GaussianBlur(gray, (0, 0), SIGMA)
    return out, f"bilevel (fax) page smoothed (Gaussian sigma {SIGMA} px)"
