"""Phone photos of a page: find the sheet on the desk, undo the perspective, even out the light.

A photo shows the page as a bright quadrilateral on a darker surround (desk, hand, floor),
foreshortened (keystone) and lit unevenly (light falloff, the phone's or a hand's shadow).
Deskew cannot straighten a keystone (each line has its own angle), the table grid finds no
straight rules, and Tesseract's global threshold loses the shaded part. So, before anything
else, on a 1/8 copy: the largest bright region is the sheet; if it is clearly a
quadrilateral that leaves a dark margin round it, its four corners are mapped to a rectangle
(perspective warp at the measured size, scaled up towards 300 dpi for an A4 sheet), and the
page is divided by its own paper brightness (the text-free maximum over a window larger than
any letter), so the paper is even and the ink keeps its contrast.

A flatbed scan fills the frame (no dark margin) and is left as it is: the detection costs
~10 ms on an A4 page. A photocopy's dark frame is a margin too; its sheet is an
axis-parallel rectangle, and cropping to it does no harm.
"""

from __future__ import annotations

import cv2
import numpy as np

SMALL = 8  # detection on a 1/8 copy: a 300-dpi A4 page becomes 310 x 438
MIN_SHEET = 0.25  # the sheet covers at least this share of the photo...
MAX_SHEET = 0.97  # ...and leaves at least this much surround
PAPER_RATIO = 0.62  # paper vs the brightest paper nearby; a desk is below ~0.45
MIN_CONTRAST = 40.0  # grey levels between the sheet's paper and the surround
MIN_FILL = 0.93  # sheet area / quadrilateral area: a clean four-sided region
MIN_MARGIN_SIDES = 3  # sides of the photo with surround visible between sheet and edge
A4_LONG_PX = 3508  # the long side of A4 at 300 dpi
MAX_UPSCALE = 1.6


def find_sheet(gray: np.ndarray) -> np.ndarray | None:
    """Corners (TL, TR, BR, BL, float32 in full-size pixels) of the sheet, or None when the
    image is not a photo of a sheet on a darker surround."""
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // SMALL), max(1, h // SMALL)),
                       interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    # paper is at least twice as bright as the desk under the same light, but a shadow can
    # make paper darker than the lit desk: compare each pixel with the brightest paper
    # nearby (a window wider than the desk margin), not with one global threshold
    nearby = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (61, 61)))
    nearby = cv2.blur(nearby, (31, 31))
    lit = np.where(small.astype(np.float32) > PAPER_RATIO * nearby, 255, 0).astype(np.uint8)
    # letters and ruling lines are holes in the sheet: close them
    bright = cv2.morphologyEx(lit, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=4)
    if n < 2:
        return None
    best = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    area = float(stats[best, cv2.CC_STAT_AREA])
    sh, sw = small.shape
    if not MIN_SHEET <= area / (sh * sw) <= MAX_SHEET:
        return None
    sheet = (labels == best).astype(np.uint8) * 255
    if float(small[sheet > 0].mean()) - float(small[sheet == 0].mean()) < MIN_CONTRAST:
        return None
    x, y, bw, bh = (int(v) for v in stats[best, :4])
    margins = [x, y, sw - (x + bw), sh - (y + bh)]
    if sum(m >= 2 for m in margins) < MIN_MARGIN_SIDES:
        return None
    contours, _ = cv2.findContours(sheet, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = cv2.convexHull(max(contours, key=cv2.contourArea)).reshape(-1, 2)
    # a sheet turned less than ~30 degrees: its corners are the hull's extremes along the
    # diagonals (approxPolyDP cut a corner off when a shadow dented an edge)
    corners = _order(hull.astype(np.float32))
    quad_area = cv2.contourArea(corners)
    if not MIN_FILL <= area / max(1.0, quad_area) <= 2 - MIN_FILL:
        return None
    scale = np.array([w / sw, h / sh], np.float32)
    full: np.ndarray = (corners + 0.5) * scale - 0.5
    return full


def _order(pts: np.ndarray) -> np.ndarray:
    """TL, TR, BR, BL: smallest/largest x+y and y-x."""
    s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    idx = [int(np.argmin(s)), int(np.argmin(d)), int(np.argmax(s)), int(np.argmax(d))]
    return pts[idx].astype(np.float32)


def warp_sheet(gray: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sheet as a rectangle, and the 3x3 perspective transform (photo pixels -> sheet
    pixels) that made it; its measured size, scaled so an A4 sheet's long side is 300 dpi
    (a phone photo holds the page at ~150-250 dpi; Tesseract reads best near 300)."""
    tl, tr, br, bl = corners
    width = max(float(np.linalg.norm(tr - tl)), float(np.linalg.norm(br - bl)))
    height = max(float(np.linalg.norm(bl - tl)), float(np.linalg.norm(br - tr)))
    scale = min(MAX_UPSCALE, max(1.0, A4_LONG_PX / max(width, height)))
    ow, oh = round(width * scale), round(height * scale)
    target = np.array([[0, 0], [ow - 1, 0], [ow - 1, oh - 1], [0, oh - 1]], np.float32)
    m = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    out: np.ndarray = cv2.warpPerspective(gray, m, (ow, oh), flags=cv2.INTER_CUBIC,
                                          borderMode=cv2.BORDER_REPLICATE)
    return out, m


def even_light(page: np.ndarray) -> np.ndarray:
    """Divide the page (grey or RGB) by its paper brightness: the maximum of its grey over a
    window wider than a letter (on a 1/4 copy), smoothed, so shadows and light falloff
    become white paper. Colour is divided by the same paper, so a seal in the shadow is as
    strongly coloured as one in the light and colour.py drops it."""
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, np.ones((15, 15), np.uint8))
    paper = cv2.GaussianBlur(paper, (0, 0), 8)
    paper = np.maximum(cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR), 1)
    if page.ndim == 3:
        paper = cv2.merge([paper, paper, paper])
    out: np.ndarray = cv2.divide(page, paper, scale=245)
    return out


SQUARE_ON = 0.03  # corners within this share of the sheet's short side of a level rectangle


def square_on(corners: np.ndarray) -> bool:
    """The quadrilateral is (nearly) a level rectangle: nothing for a perspective warp to
    undo. A worn photocopy's dark, ragged page edges make such a "sheet" (keystone 1.7% from
    the ragged edge alone, bench-scans `photocopy` t1 page 2); warping it bent the copier's
    vertical streak into a slanted line that then split a table column. Deskew and
    background.py handle what is left (a tilt, uneven paper)."""
    x0, y0 = corners.min(axis=0)
    x1, y1 = corners.max(axis=0)
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    worst = float(np.linalg.norm(corners - box, axis=1).max())
    return worst <= SQUARE_ON * float(min(x1 - x0, y1 - y0))


def flatten(image: np.ndarray) -> tuple[np.ndarray, str, tuple[float, ...] | None]:
    """The page (grey or RGB) cut out of a photo, perspective undone and light evened, with
    what was done for the decision and the perspective transform (photo pixels -> the
    corrected sheet's, 3x3 row-major, normalised so its last entry is 1); the image itself,
    "" and None when it is not a photo of a sheet. The transform is recorded so that word
    boxes, measured on the corrected sheet, can be carried back onto the photo (export/'s
    searchable PDF and report draw on the original image). Runs before colour.py: its chroma
    bar is for evenly lit paper."""
    gray = image if image.ndim == 2 else cv2.cvtColor(
        np.ascontiguousarray(image[:, :, :3]), cv2.COLOR_RGB2GRAY)
    corners = find_sheet(gray)
    if corners is None or square_on(corners):
        return image, "", None
    source = image if image.ndim == 2 else np.ascontiguousarray(image[:, :, :3])
    warped, m = warp_sheet(source, corners)
    page = even_light(warped)
    tl, tr, br, bl = corners
    keystone = abs(float(np.linalg.norm(tr - tl)) / float(np.linalg.norm(br - bl)) - 1)
    homography = tuple(float(v) for v in (m / m[2, 2]).ravel())
    return page, (f"photo: sheet cut out of a darker surround, perspective corrected "
                  f"(keystone {keystone:.1%}), light evened"), homography
