"""Pages fed turned by 90 or 180 degrees come back upright and read as the upright page."""

import numpy as np
import pytest
from rapidfuzz import fuzz

from vanban.ocr import ocr_page
from vanban.ocr.orient import detect, turn

from scanpage import page, scanned, text_lines

LINES = [
    "Ủy ban nhân dân huyện đã tổ chức hội nghị giao ban về xây dựng",
    "nông thôn mới, đánh giá kết quả thực hiện các tiêu chí trong tháng",
    "và giao nhiệm vụ cho các phòng, ban, đơn vị liên quan triển khai.",
    "Văn phòng Điều phối chủ trì, phối hợp với Phòng Nông nghiệp kiểm tra",
    "tiến độ hoàn thành hồ sơ đề nghị xét công nhận xã đạt chuẩn năm nay.",
    "Các xã báo cáo kết quả bằng văn bản trước ngày 25 hằng tháng để",
    "tổng hợp, báo cáo Thường trực Huyện ủy và Ủy ban nhân dân tỉnh.",
]


def _text_page() -> np.ndarray:
    img, draw = page(width=1800, height=700)
    text_lines(draw, LINES, 80, 100, step=75)
    return scanned(img, angle=0.4, seed=3)


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_detect_finds_the_turn_that_makes_the_page_upright(turned: int) -> None:
    upright = _text_page()
    fed = turn(upright, (360 - turned) % 360)  # fed turned counter-clockwise by `turned`
    found = detect(fed)
    assert found.confident and found.rotation == turned


def test_a_page_with_one_word_is_left_as_it_is() -> None:
    img, draw = page(width=800, height=400)
    text_lines(draw, ["Đ/c Oánh"], 100, 100)
    found = detect(turn(scanned(img), 180))
    assert not found.confident and found.rotation == 0


def test_pages_fed_at_90_and_180_read_the_same_text_as_upright() -> None:
    upright = _text_page()
    want = ocr_page(upright, 1).text
    assert fuzz.ratio(want, "\n".join(LINES)) >= 90
    for turned in (90, 180):
        got = ocr_page(turn(upright, (360 - turned) % 360), 1)
        assert got.rotation == turned
        assert f"turned {turned} deg" in got.decision
        assert fuzz.ratio(got.text, want) >= 97, (turned, got.text)


@pytest.mark.parametrize("turned", [90, 180, 270])
def test_osd_gives_the_same_answer_in_process_and_as_a_program(turned: int) -> None:
    """The api engine answers OSD in-process (half the CPU of the program); same answer."""
    pytest.importorskip("tesserocr")
    from vanban.ocr import engine, tesseract

    gray = turn(_text_page(), (360 - turned) % 360)  # fed turned: OSD says turn it back
    with engine("cli"):
        cli = tesseract.orientation(gray)
    with engine("api"):
        api = tesseract.orientation(gray)
    assert cli is not None and api is not None
    assert api.rotation == cli.rotation == turned
    assert api.confidence == pytest.approx(cli.confidence, abs=0.01)
