"""Text-layer line styles: bold from the font name, paragraph breaks from the layout."""

from __future__ import annotations

from pathlib import Path

from vanban.ingest.pdf_text import pdf_layer_pages

from helpers import styled_pdf


def test_bold_lines_and_paragraph_starts_of_a_text_layer(tmp_path: Path) -> None:
    body = ("Các xã rà soát, đánh giá mức độ đạt từng tiêu chí nông thôn mới, xác định "
            "nội dung còn thiếu và lập kế hoạch thực hiện cụ thể cho từng thôn, báo cáo "
            "trước ngày 30/6/2024.")
    path = styled_pdf(tmp_path / "styled.pdf", [("B", "I. MỤC ĐÍCH, YÊU CẦU"), ("", body),
                                                 ("B", "II. NHIỆM VỤ"), ("", body)])
    layer = pdf_layer_pages(path, 1)[0]
    assert layer is not None
    texts = layer.text.split("\n")
    assert len(layer.lines) == len(texts) and len(texts) >= 6
    emph = [t for t, s in zip(texts, layer.lines, strict=True) if s.emphasised]
    assert emph == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ"]
    starts = [t[:6] for t, s in zip(texts, layer.lines, strict=True) if s.paragraph_break]
    assert starts == ["Các xã", "II. NH", "Các xã"]
