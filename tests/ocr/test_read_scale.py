"""Tesseract reading a smaller copy (`--resolution native`) gives boxes in the page's pixels."""

from __future__ import annotations

import numpy as np
import pytest

from vanban.ocr import tesseract


def test_boxes_are_scaled_back_edge_by_edge() -> None:
    data: dict[str, list[object]] = {
        "left": ["10", "21"], "top": ["4", "4"], "width": ["11", "9"], "height": ["7", "7"],
        "text": ["a", "b"]}
    out = tesseract._scaled_boxes(data, 1.5)
    assert out["left"] == [15, 32] and out["top"] == [6, 6]
    # the first word's right edge (21) and the second's left edge stay one edge (32)
    assert out["left"][0] + out["width"][0] == out["left"][1]  # type: ignore[operator]
    assert out["height"] == [10, 10] and out["text"] == ["a", "b"]


def test_image_to_data_reads_a_smaller_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    shapes: list[tuple[int, ...]] = []

    def fake_run_api(image: np.ndarray, lang: str, psm: int,
                     timeout: float) -> dict[str, list[object]]:
        shapes.append(image.shape)
        return {"left": ["20"], "top": ["10"], "width": ["40"], "height": ["20"], "text": ["x"]}

    monkeypatch.setattr(tesseract, "_use_api", lambda: True)
    monkeypatch.setattr(tesseract, "_run_api", fake_run_api)
    monkeypatch.delenv(tesseract.CACHE_ENV, raising=False)
    data = tesseract.image_to_data(np.full((300, 600), 255, np.uint8), scale=2 / 3)
    assert shapes == [(200, 400)]
    assert (data["left"], data["top"], data["width"], data["height"]) == ([30], [15], [60], [30])
