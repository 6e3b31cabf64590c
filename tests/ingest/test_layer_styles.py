"""Text-layer line styles: bold from the font name, paragraph breaks from the layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.ingest.pdf_text import pdf_layer_pages

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def test_bold_lines_and_paragraph_starts_of_a_text_layer(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    if not (DEJAVU / "DejaVuSerif-Bold.ttf").exists():
        pytest.skip("DejaVu Serif fonts not installed (make sysdeps)")
    pdf = fpdf.FPDF(format="A4", unit="mm")
    pdf.add_font("S", "", str(DEJAVU / "DejaVuSerif.ttf"))
    pdf.add_font("S", "B", str(DEJAVU / "DejaVuSerif-Bold.ttf"))
    pdf.add_page()
    body = ("Các xã rà soát, đánh giá mức độ đạt từng tiêu chí nông thôn mới, xác định "
            "nội dung còn thiếu và lập kế hoạch thực hiện cụ thể cho từng thôn, báo cáo "
            "trước ngày 30/6/2024.")
    for style, text in (("B", "I. MỤC ĐÍCH, YÊU CẦU"), ("", body), ("B", "II. NHIỆM VỤ"),
                        ("", body)):
        pdf.set_font("S", style, 13)
        pdf.multi_cell(0, 6.4, text, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "styled.pdf"
    pdf.output(str(path))
    layer = pdf_layer_pages(path, 1)[0]
    assert layer is not None
    texts = layer.text.split("\n")
    assert len(layer.lines) == len(texts) and len(texts) >= 6
    emph = [t for t, s in zip(texts, layer.lines, strict=True) if s.emphasised]
    assert emph == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ"]
    starts = [t[:6] for t, s in zip(texts, layer.lines, strict=True) if s.paragraph_break]
    assert starts == ["Các xã", "II. NH", "Các xã"]
