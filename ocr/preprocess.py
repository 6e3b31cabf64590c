"""Page-image clean-up before Tesseract.

Each step is kept only because `make bench-ocr` shows it lowers the error rate on the sample
scans (docs/ocr.md has the figures): deskew by projection profile (tables and text lines are
horizontal when the row sums of ink are most peaked), speck removal, and, inside table cells,
removal of ruling-line remnants. Binarisation for line finding is adaptive, because photocopied
pages are unevenly grey.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_SKEW_DEG = 5.0


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink = 255 on 0, adaptive to uneven paper (photocopies darken towards the edges)."""
    # cv2.adaptiveThreshold(ADAPTIVE_THRESH_GAUSSIAN_C, block 31, C 15) blurs a float32 copy
    # of the page (0.07-0.12 s); the 8-bit blur is half that and its mean differs by at most
    # one grey level. Ink: at least 15 below the local mean.
    mean = cv2.GaussianBlur(gray, (31, 31), 0, borderType=cv2.BORDER_REPLICATE)
    _, out = cv2.threshold(cv2.subtract(mean, gray), 14, 255, cv2.THRESH_BINARY)
    return out


def estimate_skew(gray: np.ndarray) -> float:
    """Angle in degrees (counter-clockwise positive, as cv2.getRotationMatrix2D takes it)
    that makes text lines horizontal; coarse-to-fine search of the projection profile."""
    scale = 0.25
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = drop_border_ink(ink)
    h, w = ink.shape
    ys, xs = np.nonzero(ink)
    # Only the ink pixels are turned, not the whole quarter-size image: the profile is a
    # histogram of their turned rows. 54 angles cost 0.05 s per page as image rotations.
    dx, dy = xs - w / 2, ys - h / 2
    # Turned by at most `reach` of the other axis' half-size, a pixel this far inside the
    # frame cannot leave it: only the pixels near the edges need the inside test.
    reach = np.sin(np.deg2rad(MAX_SKEW_DEG + 0.5))
    near = ((np.abs(dx) >= w / 2 - reach * h / 2 - 2)
            | (np.abs(dy) >= h / 2 - reach * w / 2 - 2))
    inner = (dx[~near], dy[~near])
    edge = (dx[near], dy[near])

    def peakedness(angle: float) -> float:
        rad = np.deg2rad(angle)
        cos, sin = np.cos(rad), np.sin(rad)
        # getRotationMatrix2D's turn about the centre, rows kept where the pixel stays
        # inside the image (warpAffine's frame)
        rows = np.floor(cos * inner[1] - sin * inner[0] + h / 2 + 0.5).astype(np.intp)
        row = np.floor(cos * edge[1] - sin * edge[0] + h / 2 + 0.5)
        col = np.floor(cos * edge[0] + sin * edge[1] + w / 2 + 0.5)
        inside = (row >= 0) & (row < h) & (col >= 0) & (col < w)
        counts = (np.bincount(rows, minlength=h)
                  + np.bincount(row[inside].astype(np.intp), minlength=h))
        return float(np.var(counts.astype(np.float64)))

    coarse = max(np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, 0.25), key=peakedness)
    fine = max(np.arange(coarse - 0.3, coarse + 0.3 + 1e-9, 0.05), key=peakedness)
    return round(float(fine), 2)


def drop_border_ink(ink: np.ndarray) -> np.ndarray:
    """Binary ink without the components that touch the image border: a photocopy's dark
    frame or a scanner band is straight along the paper edge, not along the text, and on a
    skewed page it dominated the projection (deskew answered -0.05 deg for a -1.45 deg page
    inside a frame, dev rendering of t1, bench-scans `frame`)."""
    touching = touching_border(ink)
    if not touching.any():
        return ink
    out = ink.copy()
    out[touching] = 0
    return out


def components(mask: np.ndarray, connectivity: int = 8
               ) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """`cv2.connectedComponentsWithStats` with 16-bit labels while they fit.

    The label image is what costs on a full page: 35 MiB of 32-bit labels to write and read
    again for a 300-dpi A4 page. 16-bit labels gave the same labels and stats at 31 ms
    instead of 73 ms on a prose page. A page with more than 65,535 components (noise, a
    halftone photo) makes OpenCV raise rather than wrap, and is labelled in 32 bits."""
    try:
        n, labels, stats, centroids = cv2.connectedComponentsWithStats(
            mask, connectivity=connectivity, ltype=cv2.CV_16U)
    except cv2.error:
        n, labels, stats, centroids = cv2.connectedComponentsWithStats(
            mask, connectivity=connectivity, ltype=cv2.CV_32S)
    return n, labels, stats, centroids


def count_components(mask: np.ndarray, connectivity: int = 8) -> int:
    """`cv2.connectedComponents`' count (background included), 16-bit labels while they fit
    (see `components`)."""
    try:
        return int(cv2.connectedComponents(mask, connectivity=connectivity,
                                           ltype=cv2.CV_16U)[0])
    except cv2.error:
        return int(cv2.connectedComponents(mask, connectivity=connectivity,
                                           ltype=cv2.CV_32S)[0])


def touching_border(mask: np.ndarray) -> np.ndarray:
    """Boolean image: the pixels of `mask`'s 8-connected components that reach the image
    border (frames, scanner bands, a copier's lid: things along the paper edge, not text)."""
    _, labels, stats, _ = components(mask)
    edge = at_border(stats, mask.shape)
    edge[0] = False  # the background component
    touching: np.ndarray = edge[labels]
    return touching


def at_border(stats: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Per component of `cv2.connectedComponentsWithStats`' `stats`: does its box reach the
    border of an image of `shape`."""
    h, w = shape[:2]
    x0, y0 = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    x1, y1 = x0 + stats[:, cv2.CC_STAT_WIDTH], y0 + stats[:, cv2.CC_STAT_HEIGHT]
    edge: np.ndarray = (x0 <= 0) | (y0 <= 0) | (x1 >= w) | (y1 >= h)
    return edge


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out: np.ndarray = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC,
                                     borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return out


# Below this much ink (dark pixels at 300 dpi; ~3 lines of text) the projection profile is
# ruled by specks: a page holding only a signature name was "deskewed" by 5.3 degrees and lost
# its text. Such a page is read as it is.
MIN_DESKEW_INK = 20_000


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    if int((gray < 128).sum()) < MIN_DESKEW_INK:
        return gray, 0.0
    angle = estimate_skew(gray)
    # An answer at the edge of the search range means no angle inside it fitted.
    if abs(angle) < 0.05 or abs(angle) >= MAX_SKEW_DEG:
        return gray, 0.0
    return rotate(gray, angle), angle


SPECK_MAX_AREA = 15  # px at 300 dpi: photocopier specks; an i-dot or a tone mark is larger


def remove_specks(gray: np.ndarray, max_area: int = SPECK_MAX_AREA) -> np.ndarray:
    """Whiten isolated dark blobs smaller than `max_area` pixels.

    Measured on the medium scans: CER 1.58% -> 0.53% on seed 002 (bench-ocr), because
    Tesseract reads specks as punctuation or glues them onto letters as false tone marks.
    """
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, labels, stats, _ = components(ink)
    small = stats[:, cv2.CC_STAT_AREA] < max_area
    small[0] = False  # the background
    out = gray.copy()
    # Each speck is whitened inside its own box: a lookup over the whole label image cost
    # 0.03 s per page for a few hundred specks.
    for i in np.flatnonzero(small):
        x, y, w, h = stats[i, :4]
        box = out[y: y + h, x: x + w]
        box[labels[y: y + h, x: x + w] == i] = 255
    return out


def clean_cell(gray: np.ndarray, min_area: int = 20) -> np.ndarray | None:
    """Crop a table cell to its ink (see `clean_cell_at`)."""
    got = clean_cell_at(gray, min_area)
    return got[0] if got is not None else None


def clean_cell_at(gray: np.ndarray, min_area: int = 20
                  ) -> tuple[np.ndarray, tuple[int, int]] | None:
    """Crop a table cell to its ink, dropping specks and ruling-line remnants; with the
    crop's (x, y) offset inside `gray`, so words read on the crop can be put back on the page.

    Returns None for an empty cell (so no Tesseract time is spent and no noise is read as
    text). The grey values of the kept ink are preserved: binarising the small crop erodes
    Vietnamese tone marks (ẩ read as ấ).
    """
    if gray.size == 0 or cv2.meanStdDev(gray)[1][0, 0] < 6:
        return None
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, labels, stats, _ = components(ink)
    h, w = ink.shape
    cw, ch = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    line_like = (cw > 0.9 * w) | (ch > 0.9 * h)
    kept = (stats[:, cv2.CC_STAT_AREA] >= min_area) & ~line_like
    kept[0] = False  # the background
    box = stats[kept]
    if int(box[:, cv2.CC_STAT_AREA].sum()) < 4 * min_area:
        return None
    # The crop is the union of the kept components' boxes, so the lookup, the dilation and
    # the copy run over the crop only (exactly what the whole cell gives: nothing is kept
    # outside it). Over the whole cell they cost about 0.05 s of a table page's CPU.
    x0, y0 = int(box[:, cv2.CC_STAT_LEFT].min()), int(box[:, cv2.CC_STAT_TOP].min())
    x1 = int((box[:, cv2.CC_STAT_LEFT] + box[:, cv2.CC_STAT_WIDTH]).max())
    y1 = int((box[:, cv2.CC_STAT_TOP] + box[:, cv2.CC_STAT_HEIGHT]).max())
    # One lookup over the label image, not one full-crop comparison per component (a cell
    # with 100 letters cost 100 passes: 0.12 s of a table page's CPU).
    keep = np.where(kept[labels[y0:y1, x0:x1]], np.uint8(255), np.uint8(0))
    mask = cv2.dilate(keep, np.ones((3, 3), np.uint8))
    out = np.where(mask > 0, gray[y0:y1, x0:x1], np.uint8(255)).astype(np.uint8)
    return out, (x0, y0)
