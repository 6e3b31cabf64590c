"""Worn photocopies: the paper made even again before anything reads the page.

A copy of a copy has a grey, unevenly toned background: soft dark blotches (a dirty platen,
water stains), toner haze, and vertical streaks where the drum is scratched or dirty, running
the whole height of the sheet. Tesseract thresholds each region of the page at one level: text
under a blotch falls below it with its paper ("LỊCH CÔNG TÁC" read "n H CÔNG TÁC" on a dev
rendering, bench-scans `photocopy`), and a streak is dark enough to be taken for a table's
ruling line (a column split in two on t1's schedule).

Two multiplicative corrections, each only where it is measured, so clean scans are not
touched (the test costs a few milliseconds on a 1/4 copy):

- **streaks**: a column whose bright quantile (its paper, over nearly the whole height) is
  clearly darker than its neighbours' is a streak, not ink: a table rule or a letter never
  covers 90% of a column. Such columns are scaled up to their neighbours' paper, which keeps
  the ink that crosses them (a streak darkens paper and ink alike).
- **blotches and haze**: the paper brightness is the maximum over a window wider than any
  stroke (on a 1/4 copy, smoothed, as ocr/photo.py does for a photo's shadow); when it varies
  across the text area by more than an evenly lit scan's does, the page is divided by it.
"""

from __future__ import annotations

import cv2
import numpy as np

from vanban.ocr.preprocess import MIN_DESKEW_INK, touching_border

STREAK_QUANTILE = 90  # a column's paper: ink covers far less than 10% of any column
STREAK_RATIO = 0.9  # column paper below this share of its neighbours' is a streak
STREAK_MAX_PX = 24  # wider than this (at 300 dpi) is not a streak (a band, a frame side)
STREAK_EDGE_PX = 2  # a streak's blurred sides, lifted with it ...
STREAK_EDGE_RATIO = 0.97  # ... where their paper is darker than this share of the neighbours'
NEIGHBOURS_PX = 81
UNEVEN_LEVELS = 8.0  # paper dip (grey levels, p99) an evenly lit scan stays under (~1)
MARGIN = 0.06  # share of each side left out of the measurement (dark page edges)
TARGET = 245
NOT_PAPER = 0.5  # darker than this share of the median paper, from the border in: the lid


def column_gain(gray: np.ndarray) -> np.ndarray | None:
    """Per-column factor that lifts streak columns to their neighbours' paper, or None
    when the page has no streak."""
    sample = gray[::8]
    paper = np.percentile(sample, STREAK_QUANTILE, axis=0).astype(np.float32)
    # the paper on each side separately: a streak is darker than both (the inner edge of
    # a scanner band or a dark frame is darker than one side only)
    half = NEIGHBOURS_PX // 2
    padded = np.pad(paper, half, mode="edge")
    left = cv2.dilate(padded[None, :], np.ones((1, half + 1), np.uint8),
                      anchor=(half, 0))[0][half:-half]
    right = cv2.dilate(padded[None, :], np.ones((1, half + 1), np.uint8),
                       anchor=(0, 0))[0][half:-half]
    ref = np.minimum(left, right)
    dark = paper < STREAK_RATIO * ref
    w = gray.shape[1]
    edge = int(MARGIN * w)
    dark[:edge] = dark[w - edge:] = False
    if not dark.any():
        return None
    # keep only narrow runs: a wide dark run is a band or a frame, not a drum streak
    keep = np.zeros_like(dark)
    idx = np.flatnonzero(np.diff(np.concatenate(([0], dark.astype(np.int8), [0]))))
    for start, stop in zip(idx[::2], idx[1::2], strict=True):
        if stop - start <= STREAK_MAX_PX:
            keep[start:stop] = True
    if not keep.any():
        return None
    keep = _with_soft_edges(keep, paper < STREAK_EDGE_RATIO * ref)
    gain = np.ones(w, np.float32)
    gain[keep] = ref[keep] / np.maximum(paper[keep], 1.0)
    return gain


def _with_soft_edges(keep: np.ndarray, dimmed: np.ndarray) -> np.ndarray:
    """The streak columns grown by the dimmed columns beside them (at most STREAK_EDGE_PX).

    A scan blurs a streak's sides: the column next to it is only ~9% darker than the paper,
    under STREAK_RATIO, so it was left as a 1-px grey line; binarised locally it became
    ink the whole height of the page, and a ruling line splitting a table in two columns
    (dev photocopy h1, page 2: every row after it one cell off)."""
    grown = keep.copy()
    for _ in range(STREAK_EDGE_PX):
        beside = np.zeros_like(grown)
        beside[1:] |= grown[:-1]
        beside[:-1] |= grown[1:]
        grown |= beside & dimmed
    return grown


def paper_map(gray: np.ndarray) -> np.ndarray:
    """The paper's brightness at 1/4 size: a grey closing over ~60 px at full size (letters
    are narrower, so they go), smoothed. A closing, not a plain maximum: the maximum reaches
    over a blotch's edge to the lighter paper beside it, which left a dark ring round every
    blotch (Tesseract then cut the lines crossing it)."""
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    out: np.ndarray = cv2.GaussianBlur(paper, (0, 0), 8)
    return out


def uneven(paper: np.ndarray) -> float:
    """Grey levels by which the paper of the text area dips below its surroundings (a
    blotch, a patch of haze): the paper map against a much smoother copy of itself, so a
    scan's gentle light falloff across the whole sheet does not count."""
    h, w = paper.shape
    # blurred on a further 1/4 copy: the same at a twentieth of the cost
    tiny = cv2.resize(paper, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    broad = cv2.resize(cv2.GaussianBlur(tiny.astype(np.float32), (0, 0), 10), (w, h),
                       interpolation=cv2.INTER_LINEAR)
    dip = broad - paper.astype(np.float32)
    my, mx = int(MARGIN * h), int(MARGIN * w)
    return float(np.percentile(dip[my: h - my, mx: w - mx], 99))


def _lid(paper: np.ndarray) -> np.ndarray | None:
    """Mask (1/4 size) of the copier's lid round the page: the parts of the paper map far
    darker than the page's paper that reach the image border, with their blurred rim.

    Divided by itself the lid becomes mid-grey with a ragged edge, which Tesseract read as a
    line of junk ("——__ẮÏẶ_7——-..." above t2's first line, bench-scans photocopy); its rim,
    left grey, came loose from the image border once deskew turned the page and counted as
    ink (a signature page judged unreadable). Only regions touching the border: a blotch
    inside the page is paper with text on it."""
    dark = (paper < NOT_PAPER * float(np.median(paper))).astype(np.uint8)
    touching = touching_border(dark)
    if not touching.any():
        return None
    lid = touching.astype(np.uint8)
    out: np.ndarray = cv2.dilate(lid, np.ones((9, 9), np.uint8))
    return out


EDGE_FRAC = 0.03  # a copy's dark page edge lies within this share of the size from the border
EDGE_PAPER = 200  # evened paper is ~245, ink far darker: darker than this is no paper


def _dark_edges(out: np.ndarray) -> np.ndarray | None:
    """Mask of the dark page edges left after evening: on each side, the pixels darker than
    paper that run unbroken from the image border inward, at most `EDGE_FRAC` of the size.

    The copy of a page smaller than the glass has a dark, ragged rim that the lid test
    (`_lid`, on a blurred 1/4 map) misses where it is thin; evened, it stays mid-grey along
    the border. Deskew then turns it into a thin slanted stroke inside the page, which
    Tesseract read as a line of junk over the heading ("CÓ TU VN NNGỘGKHƯỚNNN}——", dev
    photocopy+skew t1). Only runs touching the border are taken, and only within the
    margin, so text and table rules (never on the border of a scan) are kept."""
    h, w = out.shape
    my, mx = max(1, int(EDGE_FRAC * h)), max(1, int(EDGE_FRAC * w))
    mask = np.zeros((h, w), bool)
    dark = out < EDGE_PAPER
    mask[:my] |= np.cumprod(dark[:my], axis=0).astype(bool)
    mask[h - my:] |= np.cumprod(dark[h - my:][::-1], axis=0)[::-1].astype(bool)
    mask[:, :mx] |= np.cumprod(dark[:, :mx], axis=1).astype(bool)
    mask[:, w - mx:] |= np.cumprod(dark[:, w - mx:][:, ::-1], axis=1)[:, ::-1].astype(bool)
    if not mask.any():
        return None
    # A page with little text (a signature page: two lines) keeps its rim: deskew needs that
    # much ink to measure, and without the rim's straight edge it measured nothing, left the
    # page 3 degrees off and Tesseract read no word of it (dev photocopy+skew h1 page 7).
    if int(np.count_nonzero((out < 128) & ~mask)) < MIN_DESKEW_INK:
        return None
    return mask


THIN_TILE = 96  # px at 300 dpi: a few words; the drum's toner varies over ~500 px
THIN_INK = 150  # darker than this is a stroke (evened paper ~245, faint toner ~50-60)
THIN_SHARE = 0.55  # a tile whose strokes lose more than this share to a 3 x 3 erosion is thin
THIN_MIN_INK = 0.01  # share of a tile in strokes: fewer is paper with specks, not text


def thin_tiles(gray: np.ndarray) -> np.ndarray:
    """Mask (full size) of the tiles whose strokes are thin: most of their ink is gone after
    an erosion by 3 x 3, which a stroke 3 px wide or less does not survive.

    Where a worn copy's drum was short of toner, strokes come out hairline and perforated
    ("Trưởng Ban Chỉ" with the hook and half the stems missing); elsewhere on the same page
    they are sound or swollen. Measured on dev pages (tiles of 96 px holding ink): a clean
    scan's tiles lose 0.40-0.58 of their ink, a worn copy's heavy-toner tiles 0.35-0.45,
    its faint-toner tiles 0.6-0.75."""
    ink = (gray < THIN_INK).astype(np.uint8)
    eroded = cv2.erode(ink, np.ones((3, 3), np.uint8))
    h, w = gray.shape
    size = (max(1, w // THIN_TILE), max(1, h // THIN_TILE))
    share = cv2.resize(ink.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    kept = cv2.resize(eroded.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    lost = 1.0 - kept / np.maximum(share, 1e-6)
    thin = ((lost > THIN_SHARE) & (share > THIN_MIN_INK)).astype(np.uint8)
    out: np.ndarray = cv2.resize(thin, (w, h), interpolation=cv2.INTER_NEAREST) > 0
    return out


def thickened_where_thin(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """The page with the strokes of its thin tiles (`thin_tiles`) thickened by one pixel
    (each pixel the darkest of its 2 x 2 neighbourhood), and the share of the page touched.

    Thickening bridges the dropouts of faint toner before anything reads the page, so the
    first reading, the table cells and the faint re-reads all start from whole strokes; the
    sound and swollen strokes elsewhere are left alone (thickened, their counters fill).
    Dev photocopy t1 seed 370686 page 1 / t2 seed 847755: CER 3.77% / 5.27% -> 2.28% /
    4.19% (the whole page thickened: 2.63% / 8.08%)."""
    thin = thin_tiles(gray)
    if not thin.any():
        return gray, 0.0
    out = gray.copy()
    out[thin] = cv2.erode(gray, np.ones((2, 2), np.uint8))[thin]
    return out, float(thin.mean())


def normalise(gray: np.ndarray) -> tuple[np.ndarray, str]:
    """The page with streaks lifted and blotchy paper evened, and the decision's note; the
    page itself and "" when its paper is even."""
    notes = []
    gain = column_gain(gray)
    out = gray
    if gain is not None:
        lifted = gray.astype(np.float32) * gain[None, :]
        out = np.clip(lifted, 0, 255).astype(np.uint8)
        notes.append(f"{int(np.count_nonzero(gain > 1))} px of drum streaks lifted")
    paper = paper_map(out)
    spread = uneven(paper)
    if spread > UNEVEN_LEVELS:
        h, w = out.shape
        full = np.maximum(cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR), 1)
        out = cv2.divide(out, full, scale=TARGET)
        # the copier's lid round a page smaller than the glass is no paper: made white
        lid = _lid(paper)
        if lid is not None:
            out[cv2.resize(lid, (w, h), interpolation=cv2.INTER_NEAREST) > 0] = 255
        edges = _dark_edges(out)
        if edges is not None:
            out[edges] = 255
        notes.append(f"uneven paper evened ({spread:.0f} grey levels)")
        out, thickened = thickened_where_thin(out)
        if thickened:
            notes.append(f"thin strokes thickened on {thickened:.0%} of the page")
    return out, ("photocopy: " + ", ".join(notes)) if notes else ""
