import cv2
import numpy as np
import pytest

from vanban.ocr.preprocess import (
    clean_cell,
    components,
    count_components,
    deskew,
    estimate_skew,
    remove_specks,
)

from scanpage import page, scanned, text_lines

LINES = [
    "Ủy ban nhân dân tỉnh giao Sở Nông nghiệp và Phát triển nông thôn chủ trì,",
    "phối hợp với các sở, ngành liên quan hướng dẫn các huyện xây dựng kế hoạch",
    "thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2021;",
    "báo cáo kết quả về Văn phòng Điều phối nông thôn mới tỉnh trước ngày 15/4.",
] * 4


@pytest.mark.parametrize("angle", [-2.3, -0.7, 0.0, 0.9, 1.6])
def test_skew_is_measured_within_0_2_degrees(angle: float) -> None:
    img, draw = page(height=1400)
    text_lines(draw, LINES, 150, 100)
    measured = estimate_skew(scanned(img, angle))
    assert measured == pytest.approx(-angle, abs=0.2)


def test_deskew_straightens_the_page() -> None:
    img, draw = page(height=1400)
    text_lines(draw, LINES, 150, 100)
    straight, angle = deskew(scanned(img, 1.2))
    assert angle == pytest.approx(-1.2, abs=0.2)
    assert abs(estimate_skew(straight)) <= 0.2


def test_specks_removed_letters_kept() -> None:
    img, draw = page(width=800, height=200)
    text_lines(draw, ["Thẩm định"], 50, 50)
    arr = np.asarray(img).copy()
    arr[150, 700] = 0  # a one-pixel speck
    arr[160:162, 720:722] = 0
    cleaned = remove_specks(arr)
    assert cleaned[150, 700] == 255 and cleaned[160, 720] == 255
    assert (cleaned < 128).sum() > 0.9 * (np.asarray(img) < 128).sum()


def test_empty_cell_is_none_and_ink_is_cropped() -> None:
    blank = np.full((120, 400), 245, np.uint8)
    blank[5, 5] = 40  # one speck is not content
    assert clean_cell(blank) is None
    img, draw = page(width=400, height=120)
    text_lines(draw, ["Đ/c Oánh"], 100, 30)
    crop = clean_cell(np.asarray(img))
    assert crop is not None and crop.shape[0] < 80 and crop.shape[1] < 300


def test_nearly_empty_page_is_not_rotated() -> None:
    img, draw = page(height=3508)
    text_lines(draw, ["Nguyễn Văn Hùng"], 1500, 200)
    out, angle = deskew(scanned(img, angle=-1.0, seed=3))
    assert angle == 0.0 and out.shape == (3508, 2480)


def test_components_fall_back_to_32_bit_labels_past_65535() -> None:
    """16-bit labels are only a speed-up: a page of more components than they can number
    (noise, a halftone) must be labelled in full, not wrapped."""
    dots = np.zeros((600, 600), np.uint8)
    dots[::2, ::2] = 255  # 90,000 isolated pixels
    n, labels, stats, _ = components(dots)
    assert n == 90_001 and int(labels.max()) == 90_000
    assert count_components(dots) == 90_001
    few = np.zeros((50, 50), np.uint8)
    few[10:20, 10:20] = 255
    n, labels, stats, _ = components(few)
    ref = cv2.connectedComponentsWithStats(few, connectivity=8)
    assert n == 2 and labels.dtype == np.uint16
    assert (labels == ref[1]).all() and (stats == ref[2]).all()
