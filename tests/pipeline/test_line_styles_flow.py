"""A text layer's line styles reach extract/ through the pipeline's stages, and are dropped
where a step changed the page's lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from vanban.models.records import DocumentMeta, Extraction, PageText
from vanban.pipeline import stages, windows

from helpers import styled_pdf


def _pdf(path: Path) -> None:
    styled_pdf(path, [("B", "II. NHIỆM VỤ VÀ GIẢI PHÁP"),
                      ("", "Phòng Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với "
                           "các xã rà soát các tiêu chí nông thôn mới, báo cáo Ủy ban nhân "
                           "dân huyện trước ngày 30/6/2024."),
                      ("", "Ủy ban nhân dân các xã tổ chức thực hiện các nhiệm vụ được giao, "
                           "hoàn thành trong quý III năm 2024.")])


def test_text_layer_styles_reach_extract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.pdf"
    _pdf(path)
    seen: list[PageText] = []

    def spy(pages: Sequence[PageText]) -> Extraction:
        seen.extend(pages)
        return Extraction(DocumentMeta())

    monkeypatch.setattr(windows.extract, "extract_document", spy)
    prepared = stages.prepare_job(path, "ocr")
    stages.finish_job(prepared, {})
    (page,) = seen
    assert page.method == "text_layer"
    assert len(page.lines) == len(page.text.split("\n"))
    assert page.lines[0].emphasised and not any(s.emphasised for s in page.lines[1:])
    starts = [t[:5] for t, s in zip(page.text.split("\n"), page.lines, strict=True)
              if s.paragraph_break]
    assert starts == ["Phòng", "Ủy ba"]
