"""OCR line styles: stroke width tells a bold line from a regular one of the same size."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from vanban.layout import Word
from vanban.ocr.style import line_geoms, stroke_width

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[ImageFont.FreeTypeFont, ImageFont.FreeTypeFont]:
    regular, bold = DEJAVU / "DejaVuSerif.ttf", DEJAVU / "DejaVuSerif-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        pytest.skip("DejaVu Serif fonts not installed (make sysdeps)")
    return ImageFont.truetype(str(regular), 42), ImageFont.truetype(str(bold), 42)


def test_bold_strokes_are_wider_than_regular_ones_at_the_same_size() -> None:
    regular, bold = _fonts()
    img = Image.new("L", (1600, 300), 250)
    draw = ImageDraw.Draw(img)
    draw.text((40, 40), "II. NHIỆM VỤ VÀ GIẢI PHÁP", fill=20, font=bold)
    draw.text((40, 160), "Các xã hoàn thành kế hoạch", fill=20, font=regular)
    gray = np.asarray(img)
    heavy = stroke_width(gray, [Word(30, 1000, 30, 110, "II.")])
    light = stroke_width(gray, [Word(30, 1000, 150, 230, "Các")])
    assert heavy is not None and light is not None
    assert heavy / light > 1.3


def test_lines_without_words_or_ink_have_no_stroke() -> None:
    gray = np.full((100, 100), 250, dtype=np.uint8)
    assert stroke_width(gray, [Word(0, 50, 0, 50, "x")]) is None
    geoms = line_geoms(gray, [(), (Word(0, 50, 0, 50, "x"),)])
    assert geoms[0] is None and geoms[1] is not None and geoms[1].stroke is None


def test_an_ocr_page_marks_its_bold_headings_and_the_paragraphs_after_short_lines() -> None:
    from vanban.ocr import ocr_page

    regular, bold = _fonts()
    img = Image.new("L", (2480, 900), 250)
    draw = ImageDraw.Draw(img)
    lines = [("I. MỤC ĐÍCH, YÊU CẦU", bold),
             ("Triển khai thực hiện có hiệu quả các tiêu chí nông thôn mới trên", regular),
             ("địa bàn huyện trong năm 2024.", regular),
             ("II. NHIỆM VỤ VÀ GIẢI PHÁP", bold),
             ("Phòng Nông nghiệp và PTNT chủ trì, phối hợp với các xã rà soát các", regular),
             ("tiêu chí, báo cáo UBND huyện trước ngày 30/6/2024.", regular)]
    for i, (text, f) in enumerate(lines):
        draw.text((200, 100 + 70 * i), text, fill=20, font=f)
    page = ocr_page(np.asarray(img), 1)
    assert len(page.lines) == len(page.text.split("\n")) == 6
    assert [s.emphasised for s in page.lines] == [True, False, False, True, False, False]
    assert [s.paragraph_break for s in page.lines] == [False, True, False, True, True, False]
