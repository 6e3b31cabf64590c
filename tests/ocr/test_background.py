"""Worn photocopies: a blotch over text and a drum streak are evened out before reading; an
evenly lit page is left alone."""

import cv2
import numpy as np
from rapidfuzz import fuzz

from vanban.ocr import ocr_page
from vanban.ocr.background import column_gain, normalise, thickened_where_thin, thin_tiles

from scanpage import page, text_lines

LINES = [
    "Thông báo kết luận của Trưởng Ban Chỉ đạo",
    "về tiến độ xây dựng nông thôn mới năm 2021",
    "Giao Phòng Nông nghiệp tổng hợp báo cáo",
]


def _clean() -> np.ndarray:
    img, draw = page(1600, 800)
    text_lines(draw, LINES, 120, 250, step=110)
    return np.asarray(img)


def _worn(clean: np.ndarray) -> np.ndarray:
    """Grey paper, a dark soft blotch over the middle line, a streak down the page."""
    h, w = clean.shape
    paper = np.full((h, w), 200, np.float32)
    blot = np.zeros((h, w), np.float32)
    cv2.circle(blot, (700, 390), 170, 0.6, -1)
    paper *= 1 - cv2.GaussianBlur(blot, (0, 0), 25)
    paper[:, 1000:1005] *= 0.7
    ink = 1 - clean.astype(np.float32) / 250
    img = paper * (1 - ink) + 30 * ink
    return np.clip(img, 0, 255).astype(np.uint8)


def test_blotch_and_streak_evened_and_text_read() -> None:
    worn = _worn(_clean())
    out, why = normalise(worn)
    assert "uneven paper evened" in why and "streak" in why
    # the streak's columns are lifted to the paper beside them
    assert abs(float(np.median(out[:, 1002])) - float(np.median(out[:, 990]))) < 12
    # the paper under the blotch is as light as elsewhere
    assert float(np.median(out[330:450, 600:800])) > 200
    text = ocr_page(worn, 1).text
    for line in LINES:
        assert fuzz.partial_ratio(line, text) >= 95, text


def test_a_streaks_blurred_sides_are_lifted_with_it() -> None:
    # a scan blurs the streak: the columns beside it are a little darker than the paper,
    # above the streak bar; left grey, one binarised into a ruling line the page's height
    clean = _clean()
    h, w = clean.shape
    paper = np.full((h, w), 200, np.float32)
    paper[:, 1000:1004] *= 0.72
    paper[:, 999] *= 0.93
    paper[:, 1004] *= 0.91
    ink = 1 - clean.astype(np.float32) / 250
    worn = np.clip(paper * (1 - ink) + 30 * ink, 0, 255).astype(np.uint8)
    gain = column_gain(worn)
    assert gain is not None
    assert all(gain[x] > 1.05 for x in range(999, 1005)), gain[996:1008]
    assert gain[997] == gain[1006] == 1.0
    lifted = worn.astype(np.float32) * gain[None, :]
    assert abs(float(np.median(lifted[:, 1004])) - float(np.median(lifted[:, 990]))) < 4


def test_even_page_left_alone() -> None:
    clean = _clean()
    out, why = normalise(clean)
    assert why == "" and out is clean
    # a table rule is no streak: it covers far less than the column's height
    ruled = clean.copy()
    ruled[200:500, 800:804] = 20
    assert column_gain(ruled) is None


def test_thin_dark_rim_along_the_border_is_made_paper() -> None:
    """A copy's thin dark page edge (with its soft ramp) along the border becomes paper, so
    deskew cannot turn it into a stroke inside the page; the text is kept. (A page with
    too little text for deskew keeps its rim: see `_dark_edges`.)"""
    img, draw = page(1600, 1400)
    text_lines(draw, LINES * 3, 120, 150, step=110)
    clean = np.asarray(img)
    worn = _worn(clean)
    worn[:18] = 60
    worn[18:30] = np.linspace(60, 190, 12, dtype=np.float32)[:, None].astype(np.uint8)
    worn[:, -14:] = 55
    out, why = normalise(worn)
    assert "uneven paper evened" in why
    assert int(out[:30].min()) >= 150 and int(out[:, -14:].min()) >= 150
    ink = out[130:1200, 100:1500] < 128  # the lines of text
    assert int(np.count_nonzero(ink)) >= 0.9 * int(np.count_nonzero(
        normalise(_worn(clean))[0][130:1200, 100:1500] < 128))
    few = _worn(_clean())  # three lines: too little text for deskew without the rim
    few[:18] = 60
    assert int(normalise(few)[0][:18].max()) < 150


def _perforated(clean: np.ndarray, x0: int, x1: int) -> np.ndarray:
    """The clean page with the strokes between columns x0 and x1 made hairline and
    perforated (faint toner), the rest of the strokes as they were."""
    out = clean.copy()
    part = out[:, x0:x1]
    thin = cv2.dilate(part, np.ones((3, 3), np.uint8))  # strokes 2-3 px thinner
    rng = np.random.default_rng(1)
    holes = cv2.resize((rng.random((part.shape[0] // 3, part.shape[1] // 3)) > 0.8)
                       .astype(np.uint8) * 255, (part.shape[1], part.shape[0]),
                       interpolation=cv2.INTER_NEAREST)
    out[:, x0:x1] = np.maximum(thin, holes)
    return out


def _body_text() -> np.ndarray:
    """The lines with strokes as wide as a 300-dpi scan's body text (~5 px; the test font
    draws 2-3 px)."""
    return cv2.erode(_clean(), np.ones((3, 3), np.uint8))


def test_thin_strokes_thickened_only_where_thin() -> None:
    worn = _perforated(_body_text(), 800, 1600)
    thin = thin_tiles(worn)
    assert thin[250:480, 820:1000].mean() > 0.5  # the faint end of the lines
    assert not thin[:, :760].any()  # their sound start
    out, share = thickened_where_thin(worn)
    assert 0 < share < 0.5
    # the faint strokes gained ink, the sound ones are untouched
    assert np.count_nonzero(out[:, 820:1000] < 128) > 1.2 * np.count_nonzero(
        worn[:, 820:1000] < 128)
    assert np.array_equal(out[:, :760], worn[:, :760])


def test_sound_strokes_have_no_thin_tiles() -> None:
    assert not thin_tiles(_body_text()).any()
    body = _body_text()
    out, share = thickened_where_thin(body)
    assert share == 0.0 and out is body
