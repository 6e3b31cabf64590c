"""Page orientation (0/90/180/270 degrees) from the shape of the ink, before anything else.

Tesseract's orientation detection (OSD, `--psm 0`) costs 1.5-2 s per A4 page on one core, about
half of the page's whole OCR time, so it is not run on every page. Two cheap measurements on a
150-dpi copy decide instead (docs/ocr.md has the comparison):

- axis: letters of a word sit closer side by side than text lines sit one above the other, so
  bridging small gaps along the reading direction merges many more ink components than
  bridging them across it (profile contrast was tried first: sparse table cells fooled it);
- up or down: in a Vietnamese text line far more ink sits above the x-height band (ascenders
  b d đ h k l, capitals, tone marks and circumflexes over most syllables) than below the
  baseline (g p q y and the dot below). A page fed upside down shows the reverse on every line.

Ruling lines are removed first (they are neither text lines nor letters). A page with too
little text to measure keeps its orientation; `rotation` is the clockwise turn, in degrees,
that makes the page upright.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vanban.ocr import tesseract
from vanban.ocr.preprocess import count_components

SCALE = 0.5  # 150 dpi: x-height ~12 px, tone marks still separate from the letters
STRIP_PX = 100  # strip width for profiles: 5 degrees of skew shift a line by ~9 px over it
GAP_PX = 6  # at 150 dpi: wider than the gaps between letters, narrower than most line gaps
MIN_BAND_PX, MAX_BAND_PX = 10, 70  # a text line's ink height at 150 dpi (13 pt: ~30 px)
MIN_LINES = 8  # fewer measured line pieces than this: too little text to judge
# Calibrated on the dev renderings (tools/bench/scans.py, clean and scanned at 0/90/180/270):
# upright pages measure merge ratios of 1.2-1.8 (turned: 0.55-0.85), up/down scores of
# +0.27 to +0.6 along the right axis.
MIN_AXIS_LOG_RATIO = 0.14
MIN_UPDOWN = 0.12


@dataclass(frozen=True, slots=True)
class Orientation:
    rotation: int  # clockwise degrees that make the page upright: 0, 90, 180 or 270
    axis_ratio: float  # components merged bridging across / down (> 1: lines run across)
    updown: float  # -1..1, > 0: more ink above lines than below (upright)
    lines: int  # line pieces measured
    confident: bool


def turn(image: np.ndarray, rotation: int) -> np.ndarray:
    """The image turned clockwise by `rotation` degrees (a multiple of 90)."""
    k = (rotation // 90) % 4
    return np.ascontiguousarray(np.rot90(image, -k)) if k else image


def _text_ink(gray: np.ndarray) -> np.ndarray:
    """Binary ink (0/1) at 150 dpi without ruling lines."""
    small = cv2.resize(gray, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    for size in ((60, 1), (1, 60)):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(
            cv2.MORPH_RECT, size))
        ink = cv2.subtract(ink, cv2.dilate(lines, np.ones((3, 3), np.uint8)))
    return (ink > 0).astype(np.float32)


def _merge_ratio(ink: np.ndarray) -> float:
    """Components left after bridging vertical gaps over those left after bridging horizontal
    gaps of up to GAP_PX. Letters of a word sit closer side by side than lines sit one over
    the other, so bridging across (the reading direction) merges far more: upright or upside
    down text measures 1.2-1.8, text turned 90 degrees 0.55-0.85 (dev renderings)."""
    u8 = (ink > 0).astype(np.uint8)
    across = count_components(cv2.dilate(u8, np.ones((1, GAP_PX + 1), np.uint8)))
    down = count_components(cv2.dilate(u8, np.ones((GAP_PX + 1, 1), np.uint8)))
    return float(down) / max(float(across), 1.0)


def _updown(ink: np.ndarray) -> tuple[float, int]:
    """Ink above the x-height band minus ink below it, over line pieces in vertical strips."""
    num, den, n = 0.0, 0.0, 0
    for x in range(0, ink.shape[1] - STRIP_PX + 1, STRIP_PX):
        prof = ink[:, x: x + STRIP_PX].sum(axis=1)
        on = prof > 0
        edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
        for y0, y1 in zip(edges[::2], edges[1::2], strict=True):
            if not MIN_BAND_PX <= y1 - y0 <= MAX_BAND_PX:
                continue
            band = prof[y0:y1]
            core = np.flatnonzero(band >= 0.5 * band.max())
            above = float(band[: core[0]].sum())
            below = float(band[core[-1] + 1:].sum())
            if above + below < 5:
                continue
            num += above - below
            den += above + below
            n += 1
    return (num / den if den else 0.0), n


def detect(gray: np.ndarray) -> Orientation:
    ink = _text_ink(gray)
    ratio = _merge_ratio(ink)
    across = ratio >= 1.0
    upright_ink = ink if across else np.ascontiguousarray(np.rot90(ink, -1))
    score, n = _updown(upright_ink)
    base = 0 if across else 90
    rotation = base if score >= 0 else (base + 180) % 360
    confident = (n >= MIN_LINES and abs(np.log(max(ratio, 1e-9))) >= MIN_AXIS_LOG_RATIO
                 and abs(score) >= MIN_UPDOWN)
    return Orientation(rotation if confident else 0, round(ratio, 3), round(score, 3), n,
                       confident)


# Tesseract OSD answers with confidences of 15-22 on full A4 text pages and about 6 on a page
# of a few lines (right on all 40 dev pages tried, 0/90/180/270), and no answer on a page of
# one signature; asked only when the cheap measurement is unsure.
OSD_MIN_CONF = 5.0
OSD_MIN_INK = 20_000  # dark pixels at 300 dpi (~3 lines of text): less, OSD only guesses


def upright(gray: np.ndarray) -> tuple[int, str, bool]:
    """The clockwise turn that makes the page upright, the note for `PageText.decision`, and
    whether the answer is sure (a page with too little ink to measure counts as sure: there
    is little to misread)."""
    found = detect(gray)
    if found.confident:
        if not found.rotation:
            return 0, "", True
        return found.rotation, (f"turned {found.rotation} deg upright (axis merge ratio "
                                f"{found.axis_ratio:.2f}, ink above/below lines "
                                f"{found.updown:+.2f})"), True
    if int(np.count_nonzero(gray < 128)) < OSD_MIN_INK:
        return 0, "", True
    osd = tesseract.orientation(gray)
    if osd is None or osd.confidence < OSD_MIN_CONF:
        why = ("no answer" if osd is None
               else f"{osd.rotation} deg at confidence {osd.confidence:.1f}")
        return 0, f"orientation uncertain (Tesseract OSD: {why}), read as it is", False
    if not osd.rotation:
        return 0, "", True
    return osd.rotation, (f"turned {osd.rotation} deg upright (Tesseract OSD, confidence "
                          f"{osd.confidence:.1f})"), True
