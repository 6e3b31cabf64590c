"""Text-layer word boxes stay on the page whatever coordinates a damaged PDF gives."""

from __future__ import annotations

from vanban.ingest.pdf_text import _ocr_words


def test_absurd_coordinates_are_clamped_to_the_page() -> None:
    # the fuzz test met a word at x = 6.7e8 pt (2.8e9 px): no int32 column holds it
    words = [[{"text": "xã", "x0": 6.7e8, "x1": 6.8e8, "top": -50.0, "bottom": float("nan")},
              {"text": "Tân", "x0": 100.0, "x1": 120.0, "top": 200.0, "bottom": 212.0}]]
    far, near = _ocr_words(words, width=595.0, height=842.0)
    w_px, h_px = int(595 * 300 / 72), int(842 * 300 / 72)
    for box in (far.bbox, near.bbox):
        assert 0 <= box.x0 < box.x1 <= w_px and 0 <= box.y0 < box.y1 <= h_px
    assert (near.bbox.x0, near.bbox.y0) == (416, 833)
