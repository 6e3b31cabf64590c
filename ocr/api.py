"""Placeholder OCR: plain Tesseract on the whole page. Replaced by preprocess + tables + layout."""

from __future__ import annotations

import numpy as np

from vanban.models.records import PageText
from vanban.ocr import tesseract


def ocr_page(image: np.ndarray, page_no: int, lang: str = "vie") -> PageText:
    result = tesseract.image_to_text(image, lang=lang)
    return PageText(page_no=page_no, method="ocr", text=result.text, ocr_confidence=result.mean_conf)
