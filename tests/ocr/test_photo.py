"""A phone photo of a page: the sheet is cut out of the desk, perspective and shadow undone."""

import cv2
import numpy as np
from rapidfuzz import fuzz

from vanban.ocr import ocr_page
from vanban.ocr.photo import find_sheet, flatten

from scanpage import page, text_lines

LINES = [
    "Thông báo kết luận của Trưởng Ban Chỉ đạo",
    "về tiến độ xây dựng nông thôn mới năm 2021",
    "Giao Phòng Nông nghiệp tổng hợp báo cáo",
]
CORNERS = np.float32([[260, 180], [1420, 140], [1560, 1180], [150, 1220]])  # keystone, turned


def _photo() -> tuple[np.ndarray, np.ndarray]:
    """(photo, the flat page): the page warped onto a dark desk, a shadow over its left."""
    img, draw = page(1600, 1000)
    text_lines(draw, LINES, 120, 300, step=110)
    flat = np.asarray(img)
    h, w = flat.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    m = cv2.getPerspectiveTransform(src, CORNERS)
    out_w, out_h = 1700, 1400
    warped = cv2.warpPerspective(flat, m, (out_w, out_h), borderValue=0).astype(np.float32)
    inside = cv2.warpPerspective(np.ones_like(flat, np.float32), m, (out_w, out_h))
    photo = warped * inside + 70 * (1 - inside)
    xx = np.arange(out_w, dtype=np.float32)[None, :]
    photo *= 0.55 + 0.45 * np.clip(xx / 900, 0, 1)  # shadow falling off to the left
    return cv2.GaussianBlur(np.clip(photo, 0, 255).astype(np.uint8), (0, 0), 0.8), flat


def test_sheet_corners_found() -> None:
    photo, _ = _photo()
    corners = find_sheet(photo)
    assert corners is not None
    assert np.abs(corners - CORNERS).max() < 20


def test_photo_read_after_flattening() -> None:
    photo, _ = _photo()
    text = ocr_page(photo, 1).text
    got = flatten(photo)[1]
    assert flatten(photo)[2] is not None
    assert "perspective corrected" in got
    for line in LINES:
        assert fuzz.partial_ratio(line, text) >= 95, text


def test_flat_scan_left_alone() -> None:
    img, draw = page(1600, 1000)
    text_lines(draw, LINES, 120, 300, step=110)
    flat = np.asarray(img)
    out, why, perspective = flatten(flat)
    assert perspective is None
    assert why == "" and out is flat
    framed = flat.copy()
    framed[:, :40] = 30  # a scanner band on one side is no photo surround
    assert flatten(framed)[1] == ""
